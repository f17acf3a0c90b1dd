//! Headless `act`: turns `ACTION REF [ARGS]` into a command on one object,
//! checks it against the shared policy, asks on a terminal (scripts pass
//! `--yes`), runs it as a job and reports the outcome.

use super::query::{account_of, resolve_domain, resolve_ip, resolve_server, Miss};
use super::{exit, open_audit, IpRequestArgs};
use crate::app::policy;
use crate::app::worker::run_job;
use crate::audit::{AuditEntry, AuditEvent, AuditLog};
use crate::model::validate;
use crate::model::{
    now_millis, Action, Command, Confirmation, Job, JobState, ObjectKind, Ref, Server,
};
use crate::setup::{Account, Setup};
use std::io::{self, BufRead, IsTerminal, Write};
use std::time::Duration;

/// The actions that are not server power actions, for the usage message.
const OTHER_ACTIONS: [&str; 6] = [
    "set-ptr",
    "request-epp",
    "lock",
    "unlock",
    "set-ns",
    "request-ip",
];

/// What the command line asks for: `act ACTION REF [ARGS] [OPTIONS]`.
pub struct Request<'a> {
    pub name: &'a str,
    pub reference: &'a str,
    pub args: &'a [String],
    pub ip_request: &'a IpRequestArgs,
}

/// A command ready to check and send.
struct Planned {
    command: Command,
    target: Ref,
    target_name: String,
    /// The target server of a server command.
    server: Option<Server>,
}

pub async fn act(setup: &Setup, request: &Request<'_>, yes: bool) -> i32 {
    match try_act(setup, request, yes).await {
        Ok(code) => code,
        Err((code, message)) => {
            eprintln!("hostdeck: {message}");
            code
        }
    }
}

async fn try_act(setup: &Setup, request: &Request<'_>, yes: bool) -> Result<i32, Miss> {
    let planned = plan(setup, request).await?;
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
async fn plan(setup: &Setup, request: &Request<'_>) -> Result<Planned, Miss> {
    let command = command(request)?;
    let reference = request.reference;
    match command.target_kind() {
        ObjectKind::Server => {
            let server = resolve_server(setup, reference).await?;
            Ok(Planned {
                command,
                target: server.reference(),
                target_name: server.name.clone(),
                server: Some(server),
            })
        }
        ObjectKind::Ip => {
            let (server, ip) = resolve_ip(setup, reference).await?;
            Ok(Planned {
                command,
                target: ip.reference(&server.account),
                target_name: ip.address,
                server: None,
            })
        }
        _ => {
            let (domain, _) = resolve_domain(setup, reference).await?;
            Ok(Planned {
                command,
                target: domain.reference(),
                target_name: domain.id,
                server: None,
            })
        }
    }
}

/// The command the action and its arguments name, or a usage error.
fn command(request: &Request<'_>) -> Result<Command, Miss> {
    let Request {
        name,
        reference,
        args,
        ip_request,
    } = *request;
    let name = name.to_ascii_lowercase();
    if name != "request-ip" && ip_request.is_given() {
        return Err((
            exit::USAGE,
            format!("--count, --ipv6 and --reason belong to request-ip, not to {name}"),
        ));
    }
    if let Some(action) = Action::from_cli_name(&name) {
        return no_args(&name, args).map(|()| Command::Power(action));
    }
    Ok(match name.as_str() {
        "set-ptr" => set_ptr(reference, args)?,
        "request-epp" => no_args(&name, args).map(|()| Command::RequestEpp)?,
        "lock" => no_args(&name, args).map(|()| Command::SetLock { locked: true })?,
        "unlock" => no_args(&name, args).map(|()| Command::SetLock { locked: false })?,
        "set-ns" => Command::SetNameservers {
            nameservers: validate::nameservers(args)
                .map_err(|why| (exit::USAGE, format!("set-ns {reference}: {why}")))?,
        },
        "request-ip" => request_ip(reference, args, ip_request)?,
        _ => return Err((exit::USAGE, unknown_action(&name))),
    })
}

/// `request-ip SERVER --count N [--ipv6] --reason TEXT`, checked before
/// anything is sent.
fn request_ip(reference: &str, args: &[String], options: &IpRequestArgs) -> Result<Command, Miss> {
    no_args("request-ip", args)?;
    let usage = |why: String| (exit::USAGE, format!("request-ip {reference}: {why}"));
    let count = options.count.ok_or_else(|| {
        usage("--count N is required (usage: hostdeck act request-ip SERVER --count N [--ipv6] --reason TEXT)".into())
    })?;
    let reason = options.reason.as_deref().unwrap_or_default();
    Ok(Command::RequestIps {
        ipv6: options.ipv6,
        count: validate::ip_request_count(count).map_err(usage)?,
        reason: validate::ip_request_reason(reason)
            .map_err(|why| usage(format!("--reason: {why}")))?,
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
        server: None,
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
