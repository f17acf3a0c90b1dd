//! The command line: clap definitions, the TUI start, and the headless
//! subcommands (`list`, `show`, `act`, `check`, `info`, `sim`) that serve
//! scripts and cron on a jump host through the same core.

use crate::app::runtime::{self, Context};
use crate::app::store::Store;
use crate::app::worker::{self, run_job, WorkerTiming};
use crate::audit::{AuditEntry, AuditEvent, AuditLog};
use crate::model::{self, now_millis, Action, Job, JobState, Server};
use crate::setup::{prepare, Account, Setup, StartOptions};
use crate::sim::{self, SimOptions};
use crate::ui::theme::Theme;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

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
        #[arg(long)]
        account: Option<String>,
        /// One JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one object with every field.
    Show { kind: ShowKind, reference: String },
    /// Run an action: ACTION REF, where REF is ACCOUNT:ID or an unambiguous name or IP.
    Act {
        action: String,
        reference: String,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
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
    Servers,
    Ips,
    Jobs,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ShowKind {
    Server,
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
            what,
            account,
            json,
        } => list(&setup, what, account.as_deref(), json).await,
        Command::Show { reference, .. } => show(&setup, &reference).await,
        Command::Act {
            action,
            reference,
            yes,
        } => act(&setup, &action, &reference, yes).await,
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

fn open_audit(setup: &Setup) -> Option<AuditLog> {
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
    outln!("faults: GET/POST <base host>/_sim/faults (JSON); ctrl-c stops");
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

/// Fetches the inventory of every selected account at once; failures are
/// reported on stderr, naming the account.
async fn inventories<'a>(setup: &'a Setup, only: Option<&str>) -> (Vec<Server>, bool) {
    let selected: Vec<&'a Account> = setup
        .accounts
        .iter()
        .filter(|a| only.is_none_or(|name| a.config.name == name))
        .collect();
    let results = futures::future::join_all(selected.iter().map(|a| a.provider.inventory())).await;
    let mut servers = Vec::new();
    let mut failed = false;
    for result in results {
        match result {
            Ok(inventory) => servers.extend(inventory.servers),
            Err(error) => {
                eprintln!("hostdeck: {error}");
                failed = true;
            }
        }
    }
    servers.sort_by(|a, b| (&a.account, &a.name).cmp(&(&b.account, &b.name)));
    (servers, failed)
}

async fn list(setup: &Setup, what: ListKind, account: Option<&str>, json: bool) -> i32 {
    if let Some(name) = account {
        if !setup.accounts.iter().any(|a| a.config.name == name) {
            eprintln!("hostdeck: no account named {name}");
            return exit::USAGE;
        }
    }
    if let ListKind::Jobs = what {
        return list_jobs(setup, json);
    }
    let (servers, failed) = inventories(setup, account).await;
    let output = match what {
        ListKind::Servers => crate::output::servers(&servers, json),
        ListKind::Ips => crate::output::ips(&servers, json),
        ListKind::Jobs => String::new(),
    };
    out!("{output}");
    if failed {
        exit::FAILED
    } else {
        exit::OK
    }
}

fn list_jobs(setup: &Setup, json: bool) -> i32 {
    match crate::snapshot::load(&setup.paths.snapshot) {
        Ok(snapshot) => {
            let jobs = snapshot.map(|s| s.jobs).unwrap_or_default();
            out!("{}", crate::output::jobs(&jobs, json));
            exit::OK
        }
        Err(error) => {
            eprintln!("hostdeck: {error}");
            exit::FAILED
        }
    }
}

async fn show(setup: &Setup, reference: &str) -> i32 {
    match resolve(setup, reference).await {
        Ok(server) => {
            out!("{}", crate::output::server_details(&server));
            exit::OK
        }
        Err((code, message)) => {
            eprintln!("hostdeck: {message}");
            code
        }
    }
}

/// Finds one server by `ACCOUNT:ID`, or by a name or IP that is
/// unambiguous across accounts.
async fn resolve(setup: &Setup, reference: &str) -> Result<Server, (i32, String)> {
    let (account, id) = match reference.split_once(':') {
        Some((account, id)) if setup.accounts.iter().any(|a| a.config.name == account) => {
            (Some(account), id)
        }
        _ => (None, reference),
    };
    let (servers, failed) = inventories(setup, account).await;
    let matches: Vec<Server> = servers
        .into_iter()
        .filter(|s| {
            s.id.eq_ignore_ascii_case(id)
                || s.name.eq_ignore_ascii_case(id)
                || s.primary_ip.as_deref() == Some(id)
                || s.ips.iter().any(|ip| ip.address == id)
        })
        .collect();
    match matches.len() {
        1 => Ok(matches.into_iter().next().expect("one match")),
        0 if failed => Err((
            exit::FAILED,
            format!("{reference} not found (some accounts failed to answer)"),
        )),
        0 => Err((exit::USAGE, format!("no server matches {reference}"))),
        _ => {
            let names: Vec<String> = matches
                .iter()
                .map(|s| format!("{}:{}", s.account, s.id))
                .collect();
            Err((
                exit::USAGE,
                format!(
                    "{reference} is ambiguous: {} (use ACCOUNT:ID)",
                    names.join(", ")
                ),
            ))
        }
    }
}

async fn act(setup: &Setup, action_name: &str, reference: &str, yes: bool) -> i32 {
    let Some(action) = Action::from_cli_name(action_name) else {
        let names: Vec<&str> = Action::ALL.iter().map(|a| a.cli_name()).collect();
        eprintln!(
            "hostdeck: unknown action {action_name}; one of: {}",
            names.join(", ")
        );
        return exit::USAGE;
    };
    let server = match resolve(setup, reference).await {
        Ok(server) => server,
        Err((code, message)) => {
            eprintln!("hostdeck: {message}");
            return code;
        }
    };
    let Some(account) = setup
        .accounts
        .iter()
        .find(|a| a.config.name == server.account)
    else {
        return exit::USAGE;
    };
    let audit = open_audit(setup);
    if let Some(reason) = refusal(setup, account, &server, action) {
        audit_refused(audit.as_ref(), &server, action, &reason);
        eprintln!("hostdeck: {reason}");
        return exit::REFUSED;
    }
    if action.is_destructive() && !yes && !ask(&server, action) {
        eprintln!("hostdeck: not confirmed; nothing sent");
        return exit::REFUSED;
    }
    run_act(account, &server, action, audit.as_ref()).await
}

fn refusal(setup: &Setup, account: &Account, server: &Server, action: Action) -> Option<String> {
    if setup.read_only || account.config.read_only {
        return Some(format!(
            "read-only mode: {} refused for {} on {}",
            action.label(),
            server.name,
            server.account
        ));
    }
    (!server.supports(action)).then(|| {
        format!(
            "{} is not available for {} on {} (status {}, power {})",
            action.label(),
            server.name,
            server.account,
            server.status,
            server.power.label()
        )
    })
}

fn audit_refused(audit: Option<&AuditLog>, server: &Server, action: Action, reason: &str) {
    let Some(audit) = audit else { return };
    let mut entry = AuditEntry::new(
        AuditEvent::Refused,
        &server.account,
        &server.id,
        action.cli_name(),
        "cli",
    );
    entry.detail = Some(reason.to_string());
    if let Err(error) = audit.record(&entry) {
        eprintln!("warning: audit log write failed: {error}");
    }
}

/// Asks on the terminal; anything but y/yes is a no. Without a terminal
/// it refuses (scripts must pass --yes).
fn ask(server: &Server, action: Action) -> bool {
    if !io::stdin().is_terminal() {
        eprintln!(
            "hostdeck: {} needs confirmation: pass --yes when not on a terminal",
            action.label()
        );
        return false;
    }
    eprint!(
        "{} server {} on account {}? [y/N] ",
        action.label(),
        server.name,
        server.account
    );
    let _ = io::stderr().flush();
    let mut line = String::new();
    if io::stdin().lock().read_line(&mut line).is_err() {
        return false;
    }
    matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}

async fn run_act(
    account: &Account,
    server: &Server,
    action: Action,
    audit: Option<&AuditLog>,
) -> i32 {
    let now = now_millis();
    let job = Job {
        id: now as u64,
        target: server.reference(),
        target_name: server.name.clone(),
        command: model::Command::Power(action),
        state: JobState::Queued,
        created_at: now,
        updated_at: now,
        provider_handle: None,
    };
    let outcome = run_job(
        account.provider.as_ref(),
        &job,
        audit,
        "cli",
        Duration::from_millis(500),
        |state, handle| {
            let handle = handle
                .map(|h| format!(" (request {h})"))
                .unwrap_or_default();
            eprintln!(
                "{} {}: {}{handle}",
                action.cli_name(),
                server.name,
                state.label()
            );
        },
    )
    .await;
    match outcome {
        JobState::Succeeded(_) => exit::OK,
        JobState::Failed(reason) => {
            eprintln!("hostdeck: {reason}");
            exit::FAILED
        }
        _ => exit::FAILED,
    }
}

async fn check(setup: &Setup) -> i32 {
    let started = std::time::Instant::now();
    let results =
        futures::future::join_all(setup.accounts.iter().map(|a| a.provider.check())).await;
    let mut worst = exit::OK;
    for (account, result) in setup.accounts.iter().zip(results) {
        match result {
            Ok(note) => outln!(
                "ok    {:<16} {} {note}",
                account.config.name,
                account.config.kind.as_str()
            ),
            Err(error) => {
                worst = exit::FAILED;
                outln!("FAIL  {:<16} {error}", account.config.name);
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
