//! Servers and their IP addresses, as every provider maps them.

use super::{Action, Millis, Missing, Ref};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PowerState {
    On,
    Off,
    Paused,
    Unknown(String),
}

impl PowerState {
    /// A provider's status word read as a power state (English and Dutch
    /// words, any case); unknown words are kept, none is `Unknown("")`.
    pub fn from_status(status: Option<&str>) -> PowerState {
        let Some(status) = status.map(str::trim).filter(|s| !s.is_empty()) else {
            return PowerState::Unknown(String::new());
        };
        match status.to_ascii_lowercase().as_str() {
            "online" | "on" | "running" | "started" | "up" | "active" | "aan" | "actief" => {
                PowerState::On
            }
            "offline" | "off" | "stopped" | "down" | "powered off" | "uit" | "inactive" => {
                PowerState::Off
            }
            "paused" | "suspended" | "gepauzeerd" => PowerState::Paused,
            _ => PowerState::Unknown(status.to_string()),
        }
    }

    pub fn label(&self) -> &str {
        match self {
            PowerState::On => "on",
            PowerState::Off => "off",
            PowerState::Paused => "paused",
            PowerState::Unknown(s) if s.is_empty() => "?",
            PowerState::Unknown(s) => s,
        }
    }
}

/// An IP address of a server.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Ip {
    pub address: String,
    /// The provider's type for it, e.g. `RIP`, `MIP`, `VIP`, `public`.
    pub kind: String,
    /// Whether the address is claimed (in use), where the provider says.
    pub claimed: Option<bool>,
    /// The server it belongs to, by provider id.
    pub server_id: Option<String>,
    pub ptr: Option<String>,
    #[serde(default)]
    pub subnet: Option<String>,
    #[serde(default)]
    pub gateway: Option<String>,
    /// The provider's internal remarks on the address.
    #[serde(default)]
    pub remarks: Option<String>,
}

impl Ip {
    /// An address with nothing else known yet.
    pub fn new(address: impl Into<String>, kind: impl Into<String>) -> Self {
        Ip {
            address: address.into(),
            kind: kind.into(),
            claimed: None,
            server_id: None,
            ptr: None,
            subnet: None,
            gateway: None,
            remarks: None,
        }
    }

    pub fn reference(&self, account: &str) -> Ref {
        Ref::new(account, super::ObjectKind::Ip, self.address.clone())
    }
}

/// A heading or a label of a [`Detail`]: nearly always a literal of the
/// provider code, so it costs no allocation per server (10,000 servers
/// with a dozen labelled fields each would otherwise hold 120,000 copies).
pub type DetailText = std::borrow::Cow<'static, str>;

/// One labelled field from the provider, shown in the details panel.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Detail {
    /// The heading it is shown under (e.g. `Monitoring`); empty for the top group.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub section: DetailText,
    pub label: DetailText,
    /// Boxed, not a `String`: no spare capacity, and 8 bytes less for
    /// each of the hundred thousand fields of ten thousand servers.
    pub value: Box<str>,
}

impl Detail {
    pub fn new(label: impl Into<DetailText>, value: impl Into<Box<str>>) -> Self {
        Detail {
            section: DetailText::Borrowed(""),
            label: label.into(),
            value: value.into(),
        }
    }

    /// A field shown under a heading.
    pub fn in_section(
        section: impl Into<DetailText>,
        label: impl Into<DetailText>,
        value: impl Into<Box<str>>,
    ) -> Self {
        Detail {
            section: section.into(),
            label: label.into(),
            value: value.into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Server {
    pub account: String,
    /// The provider's id for the server (CLC: the server Name).
    pub id: String,
    pub name: String,
    pub power: PowerState,
    /// The provider's lifecycle status, e.g. `Active`, `UnderConstruction`.
    pub status: String,
    pub primary_ip: Option<String>,
    pub location: String,
    pub group: String,
    pub os: String,
    pub cpu: Option<u32>,
    pub memory_gb: Option<f64>,
    pub in_maintenance: bool,
    pub ips: Vec<Ip>,
    /// Every field the provider gives, for the details panel.
    pub details: Vec<Detail>,
    /// The actions this provider supports on this server right now.
    pub actions: Vec<Action>,
    /// Why power actions are missing, when the provider says (e.g. "not a virtual server").
    #[serde(default)]
    pub actions_note: Option<String>,
    /// Alerts that mark the row: a port down, a load over its threshold.
    #[serde(default)]
    pub warnings: Vec<String>,
    /// Parts the last refresh could not fetch (networks, monitoring, IP
    /// details): shown in the details; the rest of the server stands.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<Missing>,
    pub fetched_at: Millis,
}

impl Server {
    /// A server known by its id alone (also its name): everything else
    /// empty, its power unknown.
    pub fn blank(account: impl Into<String>, id: impl Into<String>, fetched_at: Millis) -> Server {
        let id = id.into();
        Server {
            account: account.into(),
            name: id.clone(),
            id,
            power: PowerState::Unknown(String::new()),
            status: String::new(),
            primary_ip: None,
            location: String::new(),
            group: String::new(),
            os: String::new(),
            cpu: None,
            memory_gb: None,
            in_maintenance: false,
            ips: Vec::new(),
            details: Vec::new(),
            actions: Vec::new(),
            actions_note: None,
            warnings: Vec::new(),
            missing: Vec::new(),
            fetched_at,
        }
    }

    /// A hash of everything the server carries but when it was fetched:
    /// two reads of an unchanged server give the same one.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = FingerprintHasher::default();
        self.content().hash(&mut hasher);
        hasher.finish()
    }

    /// Whether two versions of a server carry the same data (ignoring when
    /// they were fetched).
    pub fn same_data(&self, other: &Server) -> bool {
        self.content() == other.content()
    }

    /// Every field but `fetched_at` (memory as its bits, so it hashes).
    /// Destructured so a new field cannot be forgotten.
    #[allow(clippy::type_complexity)]
    fn content(
        &self,
    ) -> (
        (
            &str,
            &str,
            &str,
            &PowerState,
            &str,
            &Option<String>,
            &str,
            &str,
            &str,
        ),
        (
            &Option<u32>,
            Option<u64>,
            &bool,
            &[Ip],
            &[Detail],
            &[Action],
            &Option<String>,
            &[String],
            &[Missing],
        ),
    ) {
        let Server {
            account,
            id,
            name,
            power,
            status,
            primary_ip,
            location,
            group,
            os,
            cpu,
            memory_gb,
            in_maintenance,
            ips,
            details,
            actions,
            actions_note,
            warnings,
            missing,
            fetched_at: _,
        } = self;
        (
            (
                account, id, name, power, status, primary_ip, location, group, os,
            ),
            (
                cpu,
                memory_gb.map(f64::to_bits),
                in_maintenance,
                ips,
                details,
                actions,
                actions_note,
                warnings,
                missing,
            ),
        )
    }

    pub fn reference(&self) -> Ref {
        Ref::server(self.account.clone(), self.id.clone())
    }

    pub fn supports(&self, action: Action) -> bool {
        self.actions.contains(&action)
    }

    /// Whether the provider's status says more than the power state does
    /// (clc `underConstruction`, say), so the table marks it. The plain
    /// running states (clc `active`, controlepaneel `Online`/`Offline`,
    /// which is the power state itself) do not count.
    pub fn status_is_notable(&self) -> bool {
        let status = self.status.trim();
        !status.is_empty()
            && !["active", "online", "offline"]
                .iter()
                .any(|plain| status.eq_ignore_ascii_case(plain))
    }

    /// `2 CPU / 4 GB`, or what is known of it.
    pub fn size_label(&self) -> String {
        match (self.cpu, self.memory_gb) {
            (Some(c), Some(m)) => format!("{c} CPU / {m} GB"),
            (Some(c), None) => format!("{c} CPU"),
            (None, Some(m)) => format!("{m} GB"),
            (None, None) => String::new(),
        }
    }
}

/// The hasher of [`Server::fingerprint`]: a word-at-a-time multiply-rotate
/// hash (rustc's Fx), several times cheaper than the standard SipHash,
/// which guards hash tables against chosen keys, a threat a fingerprint
/// compared with the same server's last one does not face. Each step is a
/// bijection of the state, so two contents that differ in one word give
/// different fingerprints.
#[derive(Default)]
struct FingerprintHasher(u64);

impl FingerprintHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl std::hash::Hasher for FingerprintHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut rest = [0; 8];
        rest[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.add(u64::from_le_bytes(rest));
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server() -> Server {
        Server {
            name: "web-01".into(),
            os: "Debian 12".into(),
            memory_gb: Some(16.0),
            ..Server::blank("acct", "WEB01", 1)
        }
    }

    #[test]
    fn the_fingerprint_ignores_the_fetch_time_and_sees_every_change() {
        let base = server();
        let fetched_later = Server {
            fetched_at: 99,
            ..server()
        };
        assert_eq!(base.fingerprint(), fetched_later.fingerprint());
        let changes = [
            Server {
                power: PowerState::Off,
                ..server()
            },
            Server {
                name: "web-02".into(),
                ..server()
            },
            Server {
                os: "Debian 12 ".into(),
                ..server()
            },
            Server {
                memory_gb: Some(16.5),
                ..server()
            },
            Server {
                in_maintenance: true,
                ..server()
            },
            Server {
                warnings: vec!["disk".into()],
                ..server()
            },
        ];
        for changed in changes {
            assert_ne!(base.fingerprint(), changed.fingerprint(), "{changed:?}");
        }
    }
}
