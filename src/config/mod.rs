//! The user's config file (`hostdeck.toml`): accounts, their credentials and
//! options, and where hostdeck keeps its state.
//!
//! Users write this file by hand, so every error names the file, the line
//! where known, the account and the field, and says what is wrong. Secret
//! values are never echoed: not in errors and not in `Debug` output.

mod error;
mod keys;
mod layout;
mod parse;
mod paths;
mod secret_source;

pub use error::ConfigError;
pub use keys::{KeyOverride, KeyOverrides};
pub use paths::Paths;

pub use crate::model::ProviderKind;

use crate::provider::clc::WireFormat;
use crate::provider::controlepaneel::HttpMethod;
use crate::provider::hostbill::{AuthMode, ServiceSpec};
use crate::secret::Secret;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The secrets an account may carry. Each may be given as `X` (the value),
/// `X_env` (an environment variable's name) or `X_cmd` (a shell command).
pub const SECRET_FIELDS: [&str; 3] = ["api_key", "password", "hash"];

/// Poll interval used when the config gives none.
pub const DEFAULT_POLL_INTERVAL_SECS: u64 = 30;
/// The shortest poll interval accepted, to be kind to the providers.
pub const MIN_POLL_INTERVAL_SECS: u64 = 5;
/// How long a `*_cmd` secret command may run before it is killed.
pub const DEFAULT_SECRET_CMD_TIMEOUT_SECS: u64 = 10;
/// The longest any configurable timeout may be, in seconds.
pub const MAX_TIMEOUT_SECS: u64 = 3600;

/// Where a secret comes from. Only `Plain` holds the value itself. `Env`
/// holds a variable's name and `Cmd` a shell command; both are resolved
/// when [`AccountConfig::secret`] is called. `Debug` shows neither the
/// value nor the command (`echo s3cret` is a command too).
#[derive(Clone)]
pub enum SecretSource {
    Plain(Secret),
    Env(String),
    Cmd(String),
}

impl std::fmt::Debug for SecretSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SecretSource::Plain(_) => f.write_str("Plain([redacted])"),
            SecretSource::Env(name) => f.debug_tuple("Env").field(name).finish(),
            SecretSource::Cmd(_) => f.write_str("Cmd([command not shown])"),
        }
    }
}

/// One `[[accounts]]` block, validated.
#[derive(Clone, Debug)]
pub struct AccountConfig {
    pub name: String,
    /// Always ends with `/`.
    pub base_url: String,
    /// True when the account or the whole config is read-only.
    pub read_only: bool,
    pub poll_interval_secs: u64,
    /// Connect and whole-request timeouts of its provider calls.
    pub timeouts: crate::provider::http::Timeouts,
    /// How long a `*_cmd` secret command may run.
    pub secret_cmd_timeout: std::time::Duration,
    /// The options of its provider kind (and so the kind itself).
    pub options: KindOptions,
    /// By secret field name: `api_key`, `password`, `hash`.
    pub secrets: BTreeMap<String, SecretSource>,
}

/// The options only one provider kind takes, read and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KindOptions {
    Clc {
        /// The account alias to act on; `None` = the API user's account.
        alias: Option<String>,
        /// Include sub-accounts.
        hierarchy: bool,
        format: WireFormat,
        /// Every how many polls all servers are read (1: every poll).
        full_read_every: u32,
    },
    Controlepaneel {
        account_id: String,
        method: HttpMethod,
    },
    I3d,
    Hostbill {
        /// The client-area login (its e-mail address).
        username: String,
        /// `basic` (the default) or `jwt`.
        auth: AuthMode,
        /// The services shown as server rows, and their VMs: no call
        /// lists them.
        services: Vec<ServiceSpec>,
    },
}

impl KindOptions {
    pub fn kind(&self) -> ProviderKind {
        match self {
            KindOptions::Clc { .. } => ProviderKind::Clc,
            KindOptions::Controlepaneel { .. } => ProviderKind::Controlepaneel,
            KindOptions::I3d => ProviderKind::I3d,
            KindOptions::Hostbill { .. } => ProviderKind::Hostbill,
        }
    }
}

impl AccountConfig {
    pub fn kind(&self) -> ProviderKind {
        self.options.kind()
    }

    /// The secret `field`, read now: a plain value is returned as is, an
    /// `_env` variable is read, a `_cmd` command is run with `sh -c`. The
    /// error names the account and the field, never the value or the
    /// command's output.
    pub fn secret(&self, field: &str) -> Result<Secret, ConfigError> {
        match self.secrets.get(field) {
            Some(source) => source.resolve(&self.name, field, self.secret_cmd_timeout),
            None => Err(ConfigError::Secret {
                account: self.name.clone(),
                field: field.to_string(),
                problem: format!("not configured (set {field}, {field}_env or {field}_cmd)"),
            }),
        }
    }

    pub fn has_secret(&self, field: &str) -> bool {
        self.secrets.contains_key(field)
    }
}

/// The whole config file, validated.
#[derive(Clone, Debug)]
pub struct Config {
    /// The file it was read from.
    pub path: Option<PathBuf>,
    /// No mutating command anywhere.
    pub read_only: bool,
    pub accounts: Vec<AccountConfig>,
    /// `[keys]`: the keys the user remaps, in file order.
    pub keys: KeyOverrides,
}

impl Config {
    /// Reads and validates the config file. A missing file is
    /// [`ConfigError::Missing`]; the caller decides what that means.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                ConfigError::Missing {
                    path: path.to_path_buf(),
                }
            } else {
                ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                }
            }
        })?;
        Config::from_toml_str(&text, path)
    }

    /// Parses and validates config text; `path` is used in messages.
    pub fn from_toml_str(text: &str, path: &Path) -> Result<Config, ConfigError> {
        parse::parse_config(text, path)
    }

    /// The account with this name.
    pub fn account(&self, name: &str) -> Option<&AccountConfig> {
        self.accounts.iter().find(|a| a.name == name)
    }

    /// A warning when the file holds a plain-text secret and group or
    /// others may read it. `None` when all is well or it cannot be told.
    pub fn permission_warning(path: &Path) -> Option<String> {
        if !paths::readable_by_others(path)? {
            return None;
        }
        let text = std::fs::read_to_string(path).ok()?;
        if !parse::holds_plain_secret(&text) {
            return None;
        }
        let shown = path.display();
        Some(format!(
            "{shown} holds a plain-text secret and other users can read it; \
             run `chmod 600 {shown}`, or give secrets as X_env or X_cmd"
        ))
    }
}
