//! Headless `act`: turns an action and its arguments into a command on
//! one object, checks it against the shared policy, asks on a terminal
//! (scripts pass `--yes`), runs it as a job and reports the outcome.

use super::args::ActCommand;
use super::query::{account_of, resolve_domain, resolve_ip, resolve_server, split_reference, Miss};
use super::request::{request, Request, Target};
use super::{exit, open_audit, records, tickets};
use crate::app::policy;
use crate::app::worker::run_job;
use crate::audit::{AuditEntry, AuditEvent, AuditLog};
use crate::model::{now_millis, Command, Confirmation, Job, JobState, ObjectKind, Ref, Server};
use crate::setup::{Account, Setup};
use std::io::{self, BufRead, IsTerminal, Write};
use std::time::Duration;

/// A command ready to check and send.
struct Planned {
    command: Command,
    target: Ref,
    /// How messages name the target; empty for a new ticket.
    target_name: String,
    /// The target server, or the server the target address is on.
    server: Option<Server>,
}

impl Planned {
    /// `reboot web-1`, `open ticket "Disk"`: the command on its target.
    fn describe(&self) -> String {
        match self.target_name.as_str() {
            "" => self.command.label(),
            name => self.command.label_on(name),
        }
    }
}

pub async fn act(setup: &Setup, action: &ActCommand) -> i32 {
    match try_act(setup, action).await {
        Ok(code) => code,
        Err((code, message)) => {
            eprintln!("hostdeck: {message}");
            code
        }
    }
}

/// Arguments first (no network), then the target, the shared policy
/// (audited when it refuses), the checks that need the account's answers,
/// the confirmation, and the job.
async fn try_act(setup: &Setup, action: &ActCommand) -> Result<i32, Miss> {
    let request = request(action)?;
    let mut planned = plan(setup, request).await?;
    let account = account_of(setup, &planned.target.account)?;
    let audit = open_audit(setup);
    let refused = policy::refusal(
        &planned.command,
        &planned.target_name,
        &account.info(),
        setup.read_only,
        planned.server.as_ref(),
    );
    if let Some(reason) = refused {
        audit_refused(audit.as_ref(), &planned, &reason);
        return Err((exit::REFUSED, reason));
    }
    check_with_account(account, &mut planned).await?;
    if !action.confirm().yes && !ask(&planned, &account.config.name) {
        return Err((exit::REFUSED, "not confirmed; nothing sent".into()));
    }
    Ok(run(account, &planned, audit.as_ref()).await)
}

/// Finds the object the request names.
async fn plan(setup: &Setup, request: Request) -> Result<Planned, Miss> {
    let Request { command, target } = request;
    match target {
        Target::Server(reference) => {
            let server = resolve_server(setup, &reference).await?;
            Ok(planned(
                command,
                server.reference(),
                server.name.clone(),
                Some(server),
            ))
        }
        Target::Ip {
            address,
            server: None,
        } => {
            if let Some(account) = named_needing_server(setup, &address) {
                return Err(server_missing(account, &address, None));
            }
            let (server, ip) = resolve_ip(setup, &address).await?;
            let target = ip.reference(&server.account);
            Ok(planned(command, target, ip.address, Some(server)))
        }
        Target::Ip {
            address,
            server: Some(server),
        } => plan_on_server(setup, command, &address, &server).await,
        Target::Domain(reference) => {
            let (domain, _) = resolve_domain(setup, &reference).await?;
            Ok(planned(command, domain.reference(), domain.id, None))
        }
        Target::Ticket(reference) => {
            let target = tickets::target(setup, &reference).await?;
            let name = target.id.clone();
            Ok(planned(command, target, name, None))
        }
        Target::Account(name) => {
            account_of(setup, &name)?;
            let target = Ref::new(name, ObjectKind::Ticket, "");
            Ok(planned(command, target, String::new(), None))
        }
        Target::Records { domain, record } => plan_record(setup, command, &domain, record).await,
    }
}

/// A record action: the domain, and for an edit or delete the record as
/// listed now, which the command carries (see `Command::EditRecord`).
async fn plan_record(
    setup: &Setup,
    mut command: Command,
    reference: &str,
    record: Option<String>,
) -> Result<Planned, Miss> {
    let domain = records::domain_target(setup, reference, None).await?;
    if let Some(id) = record {
        if let Some(found) = records::listed(setup, &domain, &id).await? {
            if let Command::EditRecord { listed, .. } | Command::DeleteRecord { listed, .. } =
                &mut command
            {
                **listed = found.fields();
            }
        }
    }
    let name = domain.id.clone();
    Ok(planned(command, domain, name, None))
}

fn planned(command: Command, target: Ref, target_name: String, server: Option<Server>) -> Planned {
    Planned {
        command,
        target,
        target_name,
        server,
    }
}

/// `set-ptr IP HOSTNAME --server REF`: the address on the server that
/// `--server` names, in its account.
async fn plan_on_server(
    setup: &Setup,
    mut command: Command,
    reference: &str,
    server_reference: &str,
) -> Result<Planned, Miss> {
    let server = resolve_server(setup, server_reference).await?;
    let (account, address) = split_reference(setup, reference);
    if let Some(account) = account.filter(|a| *a != server.account) {
        return Err((
            exit::USAGE,
            format!(
                "set-ptr: {reference} is in account {account}, but --server {server_reference} is in {}",
                server.account
            ),
        ));
    }
    let address = server
        .ips
        .iter()
        .find(|ip| super::query::same_address(&ip.address, address))
        .map_or_else(|| address.trim().to_string(), |ip| ip.address.clone());
    if let Command::SetPtr { server: on, .. } = &mut command {
        *on = Some(server.id.clone());
    }
    let target = Ref::new(server.account.clone(), ObjectKind::Ip, address.clone());
    Ok(planned(command, target, address, Some(server)))
}

/// The checks that need the account's answers or its provider: the
/// server a PTR change needs, how many nameservers the provider takes, a
/// new ticket's category and department.
async fn check_with_account(account: &Account, planned: &mut Planned) -> Result<(), Miss> {
    match &mut planned.command {
        Command::SetNameservers { nameservers }
            if nameservers.len() > account.config.kind().max_nameservers() =>
        {
            let kind = account.config.kind();
            Err((
                exit::USAGE,
                format!(
                    "set-ns {}: {kind} takes at most {} nameservers (got {})",
                    planned.target_name,
                    kind.max_nameservers(),
                    nameservers.len()
                ),
            ))
        }
        Command::SetPtr { server: None, .. } if needs_server(account) => Err(server_missing(
            account,
            &planned.target_name,
            planned.server.as_ref(),
        )),
        Command::OpenTicket(ticket) => tickets::check_new(account, ticket).await,
        _ => Ok(()),
    }
}

/// Whether the account's provider finds an address only through the
/// server (or colocation) it belongs to.
fn needs_server(account: &Account) -> bool {
    let api = account.provider.reverse_dns();
    api.is_some_and(|api| api.needs_server())
}

/// The account an `ACCOUNT:ADDRESS` reference names, where it needs
/// `--server` (its addresses may not be listed, so finding one first
/// would only say that none matches).
fn named_needing_server<'a>(setup: &'a Setup, reference: &str) -> Option<&'a Account> {
    let (name, _) = split_reference(setup, reference);
    account_of(setup, name?).ok().filter(|a| needs_server(a))
}

/// A PTR change refused for want of `--server`, naming the server the
/// address was found on, if it was.
fn server_missing(account: &Account, address: &str, on: Option<&Server>) -> Miss {
    let hint = match on {
        Some(server) => format!(" (the address is on {}:{})", server.account, server.id),
        None => String::new(),
    };
    let kind = account.config.kind();
    (
        exit::USAGE,
        format!(
            "set-ptr {address}: {kind} finds an address through the server or colocation it belongs to: add --server ACCOUNT:ID{hint}"
        ),
    )
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
fn ask(planned: &Planned, account: &str) -> bool {
    if planned.command.confirmation() == Confirmation::None {
        return true;
    }
    let label = planned.command.label();
    if !io::stdin().is_terminal() {
        eprintln!("hostdeck: {label} needs confirmation: pass --yes when not on a terminal");
        return false;
    }
    eprint!("{} on account {account}? [y/N] ", planned.describe());
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
    let on = match planned.target_name.as_str() {
        "" => &planned.target.account,
        target_name => target_name,
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
            eprintln!("{name} {on}: {}{handle}", state.label());
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
