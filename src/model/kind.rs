//! Provider kinds: the four APIs hostdeck talks to, by their config names.

/// The kind of provider an account talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKind {
    Clc,
    Controlepaneel,
    I3d,
    Hostbill,
}

impl ProviderKind {
    pub const ALL: [ProviderKind; 4] = [
        ProviderKind::Clc,
        ProviderKind::Controlepaneel,
        ProviderKind::I3d,
        ProviderKind::Hostbill,
    ];

    /// The name used in the config file and in `--json` output.
    pub fn as_str(self) -> &'static str {
        match self {
            ProviderKind::Clc => "clc",
            ProviderKind::Controlepaneel => "controlepaneel",
            ProviderKind::I3d => "i3d",
            ProviderKind::Hostbill => "hostbill",
        }
    }

    /// The kind with this config name, if any.
    pub fn from_name(name: &str) -> Option<ProviderKind> {
        ProviderKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The secrets an account of this kind needs; all of them are required.
    pub fn secret_fields(self) -> &'static [&'static str] {
        match self {
            ProviderKind::Clc => &["api_key", "password"],
            ProviderKind::Controlepaneel => &["hash"],
            ProviderKind::I3d => &["api_key"],
            ProviderKind::Hostbill => &["password"],
        }
    }

    /// The options only this kind takes, besides the common ones.
    pub fn option_fields(self) -> &'static [&'static str] {
        match self {
            ProviderKind::Clc => &["alias", "hierarchy", "format", "full_read_every"],
            ProviderKind::Controlepaneel => &["account_id", "method"],
            ProviderKind::I3d => &[],
            ProviderKind::Hostbill => &["username", "auth", "services"],
        }
    }

    /// The most nameservers a domain of this kind takes: controlepaneel
    /// has DNS1, DNS2 and an optional DNS3; the others name no limit.
    pub fn max_nameservers(self) -> usize {
        match self {
            ProviderKind::Controlepaneel => 3,
            ProviderKind::Clc | ProviderKind::I3d | ProviderKind::Hostbill => {
                super::validate::MAX_NAMESERVERS
            }
        }
    }

    /// The documented public endpoint, where the provider has one. Kinds
    /// without one (controlepaneel) need `base_url` in the config.
    pub fn default_base_url(self) -> Option<&'static str> {
        match self {
            ProviderKind::Clc => Some("https://api.ctl.io/REST/"),
            ProviderKind::Controlepaneel => None,
            ProviderKind::I3d => Some("https://api.i3d.net/v3/"),
            ProviderKind::Hostbill => Some("https://cp.xsserver.gmbh/api/"),
        }
    }
}

impl std::fmt::Display for ProviderKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
