//! Where hostdeck finds its config file and keeps its state (audit log,
//! log file, snapshot, drafts). Resolving creates nothing.

use super::ConfigError;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Every file hostdeck reads or writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    pub config: PathBuf,
    pub state_dir: PathBuf,
    pub audit_log: PathBuf,
    pub log_file: PathBuf,
    pub snapshot: PathBuf,
    pub drafts: PathBuf,
}

impl Paths {
    /// The config file: `config_override` (`--config`), else
    /// `$HOSTDECK_CONFIG`, else `hostdeck.toml` in confy's `hostdeck`
    /// directory. The state directory: `$HOSTDECK_STATE_DIR`, else the
    /// platform's state directory (or local data directory) for hostdeck.
    pub fn resolve(config_override: Option<PathBuf>) -> Result<Paths, ConfigError> {
        Paths::resolve_with(config_override, |var| std::env::var_os(var))
    }

    /// [`Paths::resolve`] with the environment read through `env`, so that
    /// tests need not change the process's environment.
    pub fn resolve_with(
        config_override: Option<PathBuf>,
        env: impl Fn(&str) -> Option<OsString>,
    ) -> Result<Paths, ConfigError> {
        let env_path = |var: &str| env(var).filter(|v| !v.is_empty()).map(PathBuf::from);
        let config = match config_override.or_else(|| env_path("HOSTDECK_CONFIG")) {
            Some(path) => path,
            None => default_config_file()?,
        };
        let state_dir = match env_path("HOSTDECK_STATE_DIR") {
            Some(path) => path,
            None => default_state_dir()?,
        };
        Ok(Paths::with_state_dir(config, state_dir))
    }

    /// The paths for a given config file and state directory.
    pub fn with_state_dir(config: PathBuf, state_dir: PathBuf) -> Paths {
        Paths {
            config,
            audit_log: state_dir.join("audit.jsonl"),
            log_file: state_dir.join("hostdeck.log"),
            snapshot: state_dir.join("snapshot.json"),
            drafts: state_dir.join("drafts.json"),
            state_dir,
        }
    }
}

fn default_config_file() -> Result<PathBuf, ConfigError> {
    confy::get_configuration_file_path("hostdeck", "hostdeck").map_err(|_| {
        ConfigError::NoDirectory {
            what: "config",
            hint: "pass --config PATH or set HOSTDECK_CONFIG",
        }
    })
}

fn default_state_dir() -> Result<PathBuf, ConfigError> {
    let dirs =
        directories::ProjectDirs::from("rs", "", "hostdeck").ok_or(ConfigError::NoDirectory {
            what: "state",
            hint: "set HOSTDECK_STATE_DIR",
        })?;
    Ok(dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_local_dir())
        .to_path_buf())
}

/// Whether group or others may read the file; `None` where that cannot be
/// told (no such file, or not a unix system).
pub(super) fn readable_by_others(path: &Path) -> Option<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).ok()?.permissions().mode();
        Some(mode & 0o044 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}
