//! Headless `act`: turns `ACTION REF [ARGS]` into a command on one object,
//! checks it against the shared policy, asks on a terminal (scripts pass
//! `--yes`), runs it as a job and reports the outcome.

use super::query::{account_of, resolve_domain, resolve_ip, resolve_server, Miss};
use super::{exit, open_audit};
use crate::app::policy;
use crate::app::worker::run_job;
use crate::audit::{AuditEntry, AuditEvent, AuditLog};
use crate::model::validate;
use crate::model::{now_millis, Action, Command, Confirmation, Job, JobState, Ref, Server};
use crate::setup::{Account, Setup};
use std::io::{self, BufRead, IsTerminal, Write};
use std::time::Duration;

/// The actions that are not server power actions, for the usage message.
const OTHER_ACTIONS: [&str; 5] = ["set-ptr", "request-epp", "lock", "unlock", "set-ns"];

/// A command ready to check and send.
struct Planned {
    command: Command,
    target: Ref,
    target_name: String,
    /// The target server of a power action.
    server: Option<Server>,
}

pub async fn act(setup: &Setup, name: &str, reference: &str, args: &[String], yes: bool) -> i32 {
    match try_act(setup, name, reference, args, yes).await {
        Ok(code) => code,
        Err((code, message)) => {
            eprintln!("hostdeck: {message}");
            code
        }
    }
}

async fn try_act(
    setup: &Setup,
    name: &str,
    reference: &str,
    args: &[String],
    yes: bool,
) -> Result<i32, Miss> {
    let planned = plan(setup, name, reference, args).await?;
    let account = account_of(setup, &planned.target.account)?;
    let audit = open_audit(setup);
    let info = account.info();
    let server = planned.server.as_ref();
    let refused = policy::refusal(
        &planned.command,
        &planned.target_name,
        &info,
        setup.read_only,
        server,
    );
    if let Some(reason) = refused {
        audit_refused(audit.as_ref(), &planned, &reason);
        return Err((exit::REFUSED, reason));
    }
    if planned.command.confirmation() != Confirmation::None && !yes && !ask(&planned) {
        return Err((exit::REFUSED, "not confirmed; nothing sent".into()));
    }
    Ok(run(account, &planned, audit.as_ref()).await)
}

/// Reads the action and its arguments (validated before any network
/// traffic), then finds the object it acts on.
async fn plan(
    setup: &Setup,
    name: &str,
    reference: &str,
    args: &[String],
) -> Result<Planned, Miss> {
    if let Some(action) = Action::from_cli_name(name) {
        no_args(name, args)?;
        let server = resolve_server(setup, reference).await?;
        return Ok(Planned {
            command: Command::Power(action),
            target: server.reference(),
            target_name: server.name.clone(),
            server: Some(server),
        });
    }
    let command = match name.to_ascii_lowercase().as_str() {
        "set-ptr" => set_ptr(reference, args)?,
        "request-epp" => no_args(name, args).map(|()| Command::RequestEpp)?,
        "lock" => no_args(name, args).map(|()| Command::SetLock { locked: true })?,
        "unlock" => no_args(name, args).map(|()| Command::SetLock { locked: false })?,
        "set-ns" => Command::SetNameservers {
            nameservers: validate::nameservers(args)
                .map_err(|why| (exit::USAGE, format!("set-ns {reference}: {why}")))?,
        },
        _ => return Err((exit::USAGE, unknown_action(name))),
    };
    if let Command::SetPtr { .. } = command {
        let (server, ip) = resolve_ip(setup, reference).await?;
        return Ok(Planned {
            command,
            target: ip.reference(&server.account),
            target_name: ip.address,
            server: None,
        });
    }
    let (domain, _) = resolve_domain(setup, reference).await?;
    Ok(Planned {
        command,
        target: domain.reference(),
        target_name: domain.id,
        server: None,
    })
}

fn set_ptr(reference: &str, args: &[String]) -> Result<Command, Miss> {
    let [hostname] = args else {
        return Err((
            exit::USAGE,
            "usage: hostdeck act set-ptr IP HOSTNAME".into(),
        ));
    };
    let hostname = validate::hostname(hostname).map_err(|why| {
        (
            exit::USAGE,
            format!("set-ptr {reference}: PTR record {hostname:?} refused: {why}"),
        )
    })?;
    Ok(Command::SetPtr {
        hostname,
        remarks: None,
    })
}

fn no_args(name: &str, args: &[String]) -> Result<(), Miss> {
    if args.is_empty() {
        return Ok(());
    }
    Err((
        exit::USAGE,
        format!("{name} takes no arguments after the reference"),
    ))
}

fn unknown_action(name: &str) -> String {
    let mut names: Vec<&str> = Action::ALL.iter().map(|a| a.cli_name()).collect();
    names.extend(OTHER_ACTIONS);
    format!("unknown action {name}; one of: {}", names.join(", "))
}

fn audit_refused(audit: Option<&AuditLog>, planned: &Planned, reason: &str) {
    let Some(audit) = audit else { return };
    let mut entry = AuditEntry::new(
        AuditEvent::Refused,
        &planned.target.account,
        &planned.target.id,
        planned.command.cli_name(),
        "cli",
    );
    entry.args = planned.command.audit_detail();
    entry.detail = Some(reason.to_string());
    if let Err(error) = audit.record(&entry) {
        eprintln!("warning: audit log write failed: {error}");
    }
}

/// Asks on the terminal; anything but y/yes is a no. Without a terminal
/// it refuses (scripts must pass --yes).
fn ask(planned: &Planned) -> bool {
    let label = planned.command.label();
    if !io::stdin().is_terminal() {
        eprintln!("hostdeck: {label} needs confirmation: pass --yes when not on a terminal");
        return false;
    }
    eprint!(
        "{label} {} on account {}? [y/N] ",
        planned.target_name, planned.target.account
    );
    let _ = io::stderr().flush();
    let mut line = String::new();
    if io::stdin().lock().read_line(&mut line).is_err() {
        return false;
    }
    matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}

/// Runs the job; progress goes to stderr, the provider's closing note to stdout.
async fn run(account: &Account, planned: &Planned, audit: Option<&AuditLog>) -> i32 {
    let now = now_millis();
    let job = Job {
        id: now as u64,
        target: planned.target.clone(),
        target_name: planned.target_name.clone(),
        command: planned.command.clone(),
        state: JobState::Queued,
        created_at: now,
        updated_at: now,
        provider_handle: None,
    };
    let name = planned.command.cli_name();
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
            eprintln!("{name} {}: {}{handle}", job.target_name, state.label());
        },
    )
    .await;
    match outcome {
        JobState::Succeeded(note) => {
            if !note.is_empty() {
                outln!("{note}");
            }
            exit::OK
        }
        JobState::Failed(reason) => {
            eprintln!("hostdeck: {reason}");
            exit::FAILED
        }
        _ => exit::FAILED,
    }
}
