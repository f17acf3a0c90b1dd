//! Turns the config (or `--demo`) into running parts: one provider per
//! account, the paths in use, and the simulators kept alive for the demo.

use crate::app::bindings::Keymap;
use crate::config::{AccountConfig, Config, ConfigError, KindOptions, Paths, SecretSource};
use crate::model::{AccountInfo, ProviderKind};
use crate::provider::clc::{ClcProvider, ClcSettings, WireFormat, FULL_READ_EVERY};
use crate::provider::controlepaneel::{ControlepaneelProvider, ControlepaneelSettings, HttpMethod};
use crate::provider::hostbill::{AuthMode, HostbillProvider, HostbillSettings, ServiceSpec};
use crate::provider::i3d::{I3dProvider, I3dSettings};
use crate::provider::{capabilities, Provider};
use crate::secret::Secret;
use crate::sim::{self, SimOptions, SimServer};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// One account, ready to poll.
pub struct Account {
    pub config: AccountConfig,
    pub provider: Arc<dyn Provider>,
}

impl Account {
    pub fn info(&self) -> AccountInfo {
        AccountInfo::new(
            self.config.name.clone(),
            self.config.kind(),
            self.config.read_only,
        )
        .with_capabilities(capabilities(self.provider.as_ref()))
        .with_power(self.provider.power().is_some())
    }

    pub fn poll_interval(&self) -> Duration {
        Duration::from_secs(self.config.poll_interval_secs)
    }
}

/// Everything a session runs with.
pub struct Setup {
    pub accounts: Vec<Account>,
    pub read_only: bool,
    pub paths: Paths,
    pub demo: bool,
    /// Simulators of the demo; dropping them stops them.
    pub sims: Vec<SimServer>,
    /// The binding table's keys after the config's `[keys]`.
    pub keymap: Keymap,
}

/// How a session was asked to start.
#[derive(Clone, Debug, Default)]
pub struct StartOptions {
    pub config: Option<PathBuf>,
    pub read_only: bool,
    pub demo: bool,
    pub demo_scale: usize,
}

/// Loads the config (or starts the demo simulators) and builds providers.
pub async fn prepare(options: &StartOptions) -> Result<Setup, String> {
    let mut paths = Paths::resolve(options.config.clone()).map_err(|e| e.to_string())?;
    let (config, sims) = if options.demo {
        paths = demo_paths(paths);
        let sims = sim::start_all(SimOptions {
            scale: options.demo_scale,
            ..SimOptions::default()
        })
        .await
        .map_err(|e| format!("cannot start the demo simulators: {e}"))?;
        (demo_config(&sims), sims)
    } else {
        (load_config(&paths)?, Vec::new())
    };
    let keymap = Keymap::with_overrides(&config.keys)
        .map_err(|e| config.keys_error(&e.action, e.problem).to_string())?;
    let accounts = build_accounts(&config)?;
    Ok(Setup {
        accounts,
        read_only: options.read_only || config.read_only,
        paths,
        demo: options.demo,
        sims,
        keymap,
    })
}

fn load_config(paths: &Paths) -> Result<Config, String> {
    let config = Config::load(&paths.config).map_err(|e| match e {
        ConfigError::Missing { .. } => format!(
            "{e}\nhint: try `hostdeck --demo`, or write {} (see README: Config)",
            paths.config.display()
        ),
        other => other.to_string(),
    })?;
    if let Some(warning) = Config::permission_warning(&paths.config) {
        eprintln!("warning: {warning}");
    }
    Ok(config)
}

/// The demo keeps its state apart from real accounts.
fn demo_paths(paths: Paths) -> Paths {
    let state_dir = paths.state_dir.join("demo");
    Paths {
        audit_log: state_dir.join("audit.jsonl"),
        log_file: state_dir.join("hostdeck.log"),
        snapshot: state_dir.join("snapshot.json"),
        drafts: state_dir.join("drafts.json"),
        state_dir,
        config: paths.config,
    }
}

/// A config with one account per running simulator.
pub fn demo_config(sims: &[SimServer]) -> Config {
    Config {
        path: None,
        read_only: false,
        accounts: sims.iter().filter_map(demo_account).collect(),
        keys: Default::default(),
    }
}

/// The demo account of one simulator, by its kind.
fn demo_account(sim: &SimServer) -> Option<AccountConfig> {
    let secret = |key: &str| SecretSource::Plain(Secret::new(sim.credential(key).unwrap_or("")));
    let secrets = |keys: &[&str]| keys.iter().map(|k| (k.to_string(), secret(k))).collect();
    let (name, options, keys): (&str, KindOptions, &[&str]) = match sim.kind {
        ProviderKind::Clc => (
            "clc-demo",
            KindOptions::Clc {
                alias: sim.credential("alias").map(str::to_string),
                // The demo has a sub-account; show all of its servers.
                hierarchy: true,
                format: WireFormat::Json,
                full_read_every: FULL_READ_EVERY,
            },
            &["api_key", "password"],
        ),
        ProviderKind::Controlepaneel => (
            "cp-demo",
            KindOptions::Controlepaneel {
                account_id: sim.credential("account_id").unwrap_or_default().to_string(),
                method: HttpMethod::Post,
            },
            &["hash"],
        ),
        ProviderKind::I3d => ("i3d-demo", KindOptions::I3d, &["api_key"]),
        ProviderKind::Hostbill => (
            "hb-demo",
            KindOptions::Hostbill {
                username: sim.credential("username").unwrap_or_default().to_string(),
                auth: AuthMode::Basic,
                services: demo_services(),
            },
            &["password"],
        ),
    };
    Some(AccountConfig {
        name: name.into(),
        base_url: sim.base_url.clone(),
        read_only: false,
        poll_interval_secs: 30,
        timeouts: Default::default(),
        secret_cmd_timeout: Duration::from_secs(crate::config::DEFAULT_SECRET_CMD_TIMEOUT_SECS),
        options,
        secrets: secrets(keys),
    })
}

/// The demo's HostBill services, as a user would list them: no call
/// lists them, so they come from the simulator's fixtures (the second
/// with its VM).
fn demo_services() -> Vec<ServiceSpec> {
    sim::hostbill::SERVICE_IDS
        .iter()
        .map(|&id| ServiceSpec {
            id,
            vms: if id == sim::hostbill::SERVICE_IDS[1] {
                vec![sim::hostbill::VM_ID]
            } else {
                Vec::new()
            },
        })
        .collect()
}

/// One provider per account of `config`; the first problem names its account.
pub fn build_accounts(config: &Config) -> Result<Vec<Account>, String> {
    config
        .accounts
        .iter()
        .map(|a| build_account(a.clone()))
        .collect()
}

/// One account of the config, its provider built (its secrets read now).
pub fn build_account(config: AccountConfig) -> Result<Account, String> {
    let provider = provider(&config).map_err(|e| e.to_string())?;
    Ok(Account { config, provider })
}

/// The provider of one account; every problem names the account.
fn provider(config: &AccountConfig) -> Result<Arc<dyn Provider>, Box<dyn std::error::Error>> {
    let account = config.name.clone();
    let base_url = config.base_url.clone();
    Ok(match &config.options {
        KindOptions::Clc {
            alias,
            hierarchy,
            format,
            full_read_every,
        } => Arc::new(ClcProvider::new(ClcSettings {
            account,
            timeouts: config.timeouts,
            base_url,
            api_key: config.secret("api_key")?,
            password: config.secret("password")?,
            account_alias: alias.clone(),
            hierarchy: *hierarchy,
            format: *format,
            full_read_every: *full_read_every,
        })?),
        KindOptions::Controlepaneel { account_id, method } => {
            Arc::new(ControlepaneelProvider::new(ControlepaneelSettings {
                account,
                timeouts: config.timeouts,
                base_url,
                account_id: account_id.clone(),
                hash: config.secret("hash")?,
                method: *method,
            })?)
        }
        KindOptions::I3d => Arc::new(I3dProvider::new(I3dSettings {
            account,
            timeouts: config.timeouts,
            base_url,
            api_key: config.secret("api_key")?,
        })?),
        KindOptions::Hostbill {
            username,
            auth,
            services,
        } => Arc::new(HostbillProvider::new(HostbillSettings {
            account,
            timeouts: config.timeouts,
            base_url,
            username: username.clone(),
            password: config.secret("password")?,
            auth: *auth,
            services: services.clone(),
        })?),
    })
}
