//! The command line: clap definitions, the TUI start, and the headless
//! subcommands (`list`, `show`, `act`, `check`, `info`, `sim`) that serve
//! scripts and cron on a jump host through the same core.

// The doc comments below are clap's --help text, where `[ARGS]` means
// optional arguments, not a link.
#![allow(rustdoc::broken_intra_doc_links)]

use crate::app::runtime::{self, Context};
use crate::app::store::Store;
use crate::app::worker::{self, WorkerTiming};
use crate::audit::AuditLog;
use crate::provider::{Inventory, ProviderError};
use crate::setup::{prepare, Account, Setup, StartOptions};
use crate::sim::{self, SimOptions};
use crate::ui::theme::Theme;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

/// Writes to stdout; a closed pipe (`hostdeck list servers | head -1`) is
/// not an error worth a panic, so write failures are ignored.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}

/// [`out!`] with a newline.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

mod act;
pub mod args;
mod query;
mod records;
mod request;
mod telemetry;
mod tickets;

pub use args::ActCommand;

/// Exit codes scripts can rely on.
pub mod exit {
    pub const OK: i32 = 0;
    /// A provider call or a job failed.
    pub const FAILED: i32 = 1;
    /// Bad config or bad arguments.
    pub const USAGE: i32 = 2;
    /// Refused: read-only mode, unsupported action, or not confirmed.
    pub const REFUSED: i32 = 3;
}

#[derive(Debug, Parser)]
#[command(
    name = "hostdeck",
    version,
    about = "Keyboard-driven console for hosted infrastructure across providers"
)]
pub struct Cli {
    /// Config file (default: the hostdeck config dir; or HOSTDECK_CONFIG).
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    /// Refuse every mutating command.
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Run against built-in simulators over loopback HTTP; no accounts needed.
    #[arg(long, global = true)]
    pub demo: bool,
    /// Number of servers in the demo simulators.
    #[arg(long, global = true, default_value_t = 24)]
    pub demo_scale: usize,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List objects of every account.
    List {
        what: ListKind,
        /// The domain, for `list records`: ACCOUNT:NAME, or a name
        /// unambiguous across accounts.
        #[arg(value_name = "DOMAIN")]
        domain: Option<String>,
        /// Only this account.
        #[arg(long)]
        account: Option<String>,
        /// One JSON array instead of a table: each object has `account`,
        /// `kind` and `id` plus the listed object's fields in snake_case
        /// (telemetry: `name`, `metric`, `unit` and `points`,
        /// `[unix_seconds, value]` oldest first).
        #[arg(long)]
        json: bool,
    },
    /// Show one object with every field.
    Show {
        kind: ShowKind,
        /// ACCOUNT:ID, or a name, IP, domain or ticket id unambiguous across accounts.
        reference: String,
    },
    /// Run an action on one object (`hostdeck act ACTION --help` shows its
    /// arguments).
    ///
    /// Asks on a terminal unless --yes is given, and refuses without one;
    /// --read-only refuses. Every command sent or refused goes to the
    /// audit log. Arguments are checked before anything is sent.
    Act {
        #[command(subcommand)]
        action: ActCommand,
    },
    /// Check the config and log in to every account.
    Check,
    /// Print every path hostdeck uses.
    Info,
    /// Serve the simulators on loopback until interrupted.
    Sim,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ListKind {
    /// Every server, with power, address, location, group, OS and size.
    Servers,
    /// Every IP address of every server, with PTR, subnet and gateway.
    Ips,
    /// Every domain, with its dates, lock and owner.
    Domains,
    /// Every domain contact, with the number of domains using it.
    Contacts,
    /// Every support ticket, open and closed.
    Tickets,
    /// The DNS records of one domain: `list records DOMAIN`.
    Records,
    /// Every series of every server: the gauges one inventory read brings
    /// (one point each), and where the account offers telemetry the
    /// series fetched for each server (e.g. hourly cost); points oldest
    /// first.
    Telemetry,
    /// The jobs of the console's last session.
    Jobs,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ShowKind {
    Server,
    Domain,
    /// A ticket with its fields and every message (or, where the provider
    /// gives no bodies, what it gives instead).
    Ticket,
}

impl Cli {
    fn start_options(&self) -> StartOptions {
        StartOptions {
            config: self.config.clone(),
            read_only: self.read_only,
            demo: self.demo,
            demo_scale: self.demo_scale,
        }
    }
}

/// Runs the parsed command line; returns the process exit code.
pub async fn run(cli: Cli) -> i32 {
    let options = cli.start_options();
    let result = match cli.command {
        None => run_tui(&options).await,
        Some(Command::Sim) => serve_sims(cli.demo_scale).await,
        Some(Command::Info) => info(&options),
        Some(command) => run_headless(command, &options).await,
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("hostdeck: {message}");
            exit::USAGE
        }
    }
}

async fn run_headless(command: Command, options: &StartOptions) -> Result<i32, String> {
    let setup = prepare(options).await?;
    let _log = crate::logging::init(&setup.paths.log_file);
    Ok(match command {
        Command::List {
            what: ListKind::Records,
            domain,
            account,
            json,
        } => records::list(&setup, domain.as_deref(), account.as_deref(), json).await,
        Command::List {
            what,
            domain: Some(domain),
            ..
        } => {
            let what = what.to_possible_value().map(|v| v.get_name().to_string());
            eprintln!(
                "hostdeck: list {} takes no DOMAIN (got {domain}); only list records does",
                what.unwrap_or_default()
            );
            exit::USAGE
        }
        Command::List {
            what,
            account,
            json,
            ..
        } => query::list(&setup, what, account.as_deref(), json).await,
        Command::Show { kind, reference } => query::show(&setup, kind, &reference).await,
        Command::Act { action } => act::act(&setup, &action).await,
        Command::Check => check(&setup).await,
        Command::Info | Command::Sim => exit::USAGE,
    })
}

async fn run_tui(options: &StartOptions) -> Result<i32, String> {
    if !io::stdout().is_terminal() {
        return Err("the console needs a terminal; for scripts use `hostdeck list servers`".into());
    }
    let setup = prepare(options).await?;
    let _log = crate::logging::init(&setup.paths.log_file);
    let audit = open_audit(&setup);
    let infos = setup.accounts.iter().map(Account::info).collect();
    let mut store = Store::new(infos, setup.read_only);
    store.set_keymap(setup.keymap.clone());
    match crate::snapshot::load(&setup.paths.snapshot) {
        Ok(Some(snapshot)) => store.restore(snapshot),
        Ok(None) => {}
        Err(error) => tracing::warn!("snapshot ignored: {error}"),
    }
    store.restore_drafts(crate::drafts::load(&setup.paths.drafts));
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let workers = setup
        .accounts
        .iter()
        .map(|account| {
            let timing = WorkerTiming {
                poll_interval: account.poll_interval(),
                ..WorkerTiming::default()
            };
            let handle = worker::spawn(account.provider.clone(), tx.clone(), audit.clone(), timing);
            (account.config.name.clone(), handle)
        })
        .collect();
    let ctx = Context {
        workers,
        audit,
        snapshot_path: Some(setup.paths.snapshot.clone()),
        drafts_path: Some(setup.paths.drafts.clone()),
        theme: Theme::from_env(),
    };
    runtime::run(store, ctx, rx)
        .await
        .map_err(|e| format!("terminal error: {e}"))?;
    Ok(exit::OK)
}

pub(crate) fn open_audit(setup: &Setup) -> Option<AuditLog> {
    match AuditLog::open(&setup.paths.audit_log) {
        Ok(log) => Some(log),
        Err(error) => {
            eprintln!(
                "warning: cannot open the audit log {}: {error}",
                setup.paths.audit_log.display()
            );
            None
        }
    }
}

fn info(options: &StartOptions) -> Result<i32, String> {
    let paths = crate::config::Paths::resolve(options.config.clone()).map_err(|e| e.to_string())?;
    let rows = [
        ("config", &paths.config),
        ("state dir", &paths.state_dir),
        ("audit log", &paths.audit_log),
        ("log file", &paths.log_file),
        ("snapshot", &paths.snapshot),
        ("drafts", &paths.drafts),
    ];
    for (label, path) in rows {
        let note = if path.exists() {
            ""
        } else {
            "  (not created yet)"
        };
        outln!("{label:<10} {}{note}", path.display());
    }
    outln!("demo state {}", paths.state_dir.join("demo").display());
    Ok(exit::OK)
}

async fn serve_sims(scale: usize) -> Result<i32, String> {
    let sims = sim::start_all(SimOptions {
        scale,
        ..SimOptions::default()
    })
    .await
    .map_err(|e| format!("cannot start simulators: {e}"))?;
    for sim in &sims {
        outln!("{}", sim.describe());
    }
    outln!(
        "faults: GET/POST <base host>/_sim/faults (JSON; one call only: {{\"targeted\":[{{\"matches\":[\"Action=list_mon\"]}}]}}); ctrl-c stops"
    );
    let _ = io::stdout().flush();
    wait_for_interrupt().await;
    Ok(exit::OK)
}

async fn wait_for_interrupt() {
    use tokio::signal::unix::{signal, SignalKind};
    let (Ok(mut term), Ok(mut hup)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::hangup()),
    ) else {
        let _ = tokio::signal::ctrl_c().await;
        return;
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
        _ = hup.recv() => {}
    }
}

/// Logs in to every account at once, then refreshes its inventory; the
/// exit code says whether every account answered. Parts of an inventory
/// that could not be fetched are reported but do not fail the check.
async fn check(setup: &Setup) -> i32 {
    let started = std::time::Instant::now();
    let results = futures::future::join_all(setup.accounts.iter().map(check_account)).await;
    let mut worst = exit::OK;
    for (account, result) in setup.accounts.iter().zip(results) {
        let name = &account.config.name;
        match result {
            Ok((note, inventory)) => {
                let count = inventory.servers.len();
                let servers = if count == 1 { "server" } else { "servers" };
                let kind = account.config.kind();
                outln!("ok    {name:<16} {kind} {note}; inventory: {count} {servers}");
                for gap in &inventory.missing {
                    outln!("warn  {name:<16} {}", crate::output::not_fetched(name, gap));
                }
            }
            Err(error) => {
                worst = exit::FAILED;
                outln!("FAIL  {name:<16} {error}");
            }
        }
    }
    if setup.accounts.is_empty() {
        outln!("no accounts configured");
        worst = exit::USAGE;
    }
    eprintln!(
        "checked {} accounts in {} ms",
        setup.accounts.len(),
        started.elapsed().as_millis()
    );
    worst
}

/// Logs in to one account, then reads its inventory once.
async fn check_account(account: &Account) -> Result<(String, Inventory), ProviderError> {
    let note = account.provider.check().await?;
    let inventory = account.provider.servers().inventory().await?;
    Ok((note, inventory))
}
