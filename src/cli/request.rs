//! The first step of `act`: an action's arguments checked without the
//! network and turned into a command and the object it goes to, as typed.
//! Everything here is refused with exit code 2 (usage) before any account
//! is asked anything.

use super::args::{
    ActCommand, AddRecordArgs, Confirm, DeleteRecordArgs, DomainAction, EditRecordArgs, Extra,
    MessageArgs, OpenTicketArgs, RecordValues, ReplyArgs, RequestIpArgs, ServerAction, SetNsArgs,
    SetPtrArgs, TicketAction,
};
use super::exit;
use super::query::Miss;
use crate::model::validate;
use crate::model::{Action, Command, NewTicket, RecordFields};
use clap::Subcommand;
use std::io::Read;
use std::path::Path;

/// A command and the object it goes to, as the command line names it.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub command: Command,
    pub target: Target,
}

/// The object of an action, as typed: found later, over the network.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Server(String),
    /// An address, and the server it belongs to where `--server` names one.
    Ip {
        address: String,
        server: Option<String>,
    },
    Domain(String),
    Ticket(String),
    /// The account a new ticket goes to.
    Account(String),
    /// A domain whose DNS records change, and the record's id where the
    /// command changes one (its fields as listed are filled in later).
    Records {
        domain: String,
        record: Option<String>,
    },
}

fn usage(message: String) -> Miss {
    (exit::USAGE, message)
}

impl ActCommand {
    /// The action's `--yes`.
    pub fn confirm(&self) -> Confirm {
        match self {
            ActCommand::SetPtr(a) => a.confirm,
            ActCommand::SetNs(a) => a.confirm,
            ActCommand::RequestIp(a) => a.confirm,
            ActCommand::Reply(a) => a.confirm,
            ActCommand::OpenTicket(a) => a.confirm,
            ActCommand::AddRecord(a) => a.confirm,
            ActCommand::EditRecord(a) => a.confirm,
            ActCommand::DeleteRecord(a) => a.confirm,
            ActCommand::RequestEpp(a)
            | ActCommand::Lock(a)
            | ActCommand::Unlock(a)
            | ActCommand::ResetNs(a) => a.confirm,
            ActCommand::CloseTicket(a) | ActCommand::ReopenTicket(a) => a.confirm,
            ActCommand::Unknown(_) => Confirm::default(),
            power => power.power().map(|(_, a)| a.confirm).unwrap_or_default(),
        }
    }

    /// The power or maintenance action and its arguments, if it is one.
    fn power(&self) -> Option<(Action, &ServerAction)> {
        Some(match self {
            ActCommand::PowerOn(a) => (Action::PowerOn, a),
            ActCommand::PowerOff(a) => (Action::PowerOff, a),
            ActCommand::Shutdown(a) => (Action::ShutDown, a),
            ActCommand::Reboot(a) => (Action::Reboot, a),
            ActCommand::Reset(a) => (Action::Reset, a),
            ActCommand::Pause(a) => (Action::Pause, a),
            ActCommand::MaintenanceOn(a) => (Action::MaintenanceOn, a),
            ActCommand::MaintenanceOff(a) => (Action::MaintenanceOff, a),
            _ => return None,
        })
    }
}

/// The names of every action, as `act --help` lists them.
pub fn action_names() -> Vec<String> {
    ActCommand::augment_subcommands(clap::Command::new("act"))
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

/// The command and target `action` names, or why its arguments are refused.
pub fn request(action: &ActCommand) -> Result<Request, Miss> {
    if let Some((power, args)) = action.power() {
        return power_request(power, args);
    }
    match action {
        ActCommand::SetPtr(a) => set_ptr(a),
        ActCommand::RequestEpp(a) => domain(a, Command::RequestEpp),
        ActCommand::Lock(a) => domain(a, Command::SetLock { locked: true }),
        ActCommand::Unlock(a) => domain(a, Command::SetLock { locked: false }),
        ActCommand::SetNs(a) => set_ns(a),
        ActCommand::ResetNs(a) => domain(a, Command::ResetNameservers),
        ActCommand::RequestIp(a) => request_ip(a),
        ActCommand::Reply(a) => reply(a),
        ActCommand::CloseTicket(a) => ticket(a, Command::CloseTicket),
        ActCommand::ReopenTicket(a) => ticket(a, Command::ReopenTicket),
        ActCommand::OpenTicket(a) => open_ticket(a),
        ActCommand::AddRecord(a) => add_record(a),
        ActCommand::EditRecord(a) => edit_record(a),
        ActCommand::DeleteRecord(a) => delete_record(a),
        _ => Err(usage(unknown_action(action))),
    }
}

/// Refuses words after the action's arguments.
fn no_extra(name: &str, extra: &Extra, after: &str) -> Result<(), Miss> {
    if extra.words.is_empty() {
        return Ok(());
    }
    Err(usage(format!(
        "{name} takes no arguments after {after} (got: {})",
        extra.words.join(" ")
    )))
}

fn power_request(action: Action, args: &ServerAction) -> Result<Request, Miss> {
    let name = action.cli_name();
    if args.misplaced.is_given() {
        return Err(usage(format!(
            "--count, --ipv6 and --reason belong to request-ip, not to {name}"
        )));
    }
    no_extra(name, &args.extra, "the reference")?;
    Ok(Request {
        command: Command::Power(action),
        target: Target::Server(args.server.clone()),
    })
}

fn domain(args: &DomainAction, command: Command) -> Result<Request, Miss> {
    no_extra(command.cli_name(), &args.extra, "the reference")?;
    Ok(Request {
        command,
        target: Target::Domain(args.domain.clone()),
    })
}

fn ticket(args: &TicketAction, command: Command) -> Result<Request, Miss> {
    no_extra(command.cli_name(), &args.extra, "the reference")?;
    Ok(Request {
        command,
        target: Target::Ticket(args.ticket.clone()),
    })
}

/// `set-ptr IP HOSTNAME [--server ACCOUNT:ID]`: a host name and
/// something that reads as an address.
fn set_ptr(args: &SetPtrArgs) -> Result<Request, Miss> {
    no_extra("set-ptr", &args.extra, "the host name")?;
    let reference = &args.ip;
    let hostname = validate::hostname(&args.hostname).map_err(|why| {
        let hostname = &args.hostname;
        usage(format!(
            "set-ptr {reference}: PTR record {hostname:?} refused: {why}"
        ))
    })?;
    if !names_an_address(reference) {
        return Err(usage(format!(
            "set-ptr: {reference:?} is not an IP address (give ADDRESS or ACCOUNT:ADDRESS)"
        )));
    }
    let server = args.server.as_deref().map(str::trim);
    if server.is_some_and(str::is_empty) {
        return Err(usage("set-ptr: --server needs ACCOUNT:ID".into()));
    }
    Ok(Request {
        command: Command::SetPtr {
            hostname,
            remarks: None,
            server: None,
        },
        target: Target::Ip {
            address: reference.clone(),
            server: server.map(str::to_string),
        },
    })
}

/// Whether `reference` is an address, or `ACCOUNT:` and an address.
fn names_an_address(reference: &str) -> bool {
    let is_address = |text: &str| text.trim().parse::<std::net::IpAddr>().is_ok();
    is_address(reference)
        || reference
            .split_once(':')
            .is_some_and(|(_, address)| is_address(address))
}

fn set_ns(args: &SetNsArgs) -> Result<Request, Miss> {
    let domain = &args.domain;
    let nameservers = validate::nameservers(&args.nameservers, validate::MAX_NAMESERVERS)
        .map_err(|why| usage(format!("set-ns {domain}: {why}")))?;
    Ok(Request {
        command: Command::SetNameservers { nameservers },
        target: Target::Domain(domain.clone()),
    })
}

/// `request-ip SERVER --count N [--ipv6] --reason TEXT`.
fn request_ip(args: &RequestIpArgs) -> Result<Request, Miss> {
    no_extra("request-ip", &args.extra, "the reference")?;
    let reference = &args.server;
    let refused = |why: String| usage(format!("request-ip {reference}: {why}"));
    let count = args.count.ok_or_else(|| {
        refused("--count N is required (usage: hostdeck act request-ip SERVER --count N [--ipv6] --reason TEXT)".into())
    })?;
    let reason = args.reason.as_deref().unwrap_or_default();
    Ok(Request {
        command: Command::RequestIps {
            ipv6: args.ipv6,
            count: validate::ip_request_count(count).map_err(refused)?,
            reason: validate::ip_request_reason(reason)
                .map_err(|why| refused(format!("--reason: {why}")))?,
        },
        target: Target::Server(reference.clone()),
    })
}

fn reply(args: &ReplyArgs) -> Result<Request, Miss> {
    no_extra("reply", &args.extra, "the reference")?;
    let body = message(&format!("reply {}", args.ticket), &args.message)?;
    Ok(Request {
        command: Command::ReplyTicket { body },
        target: Target::Ticket(args.ticket.clone()),
    })
}

fn open_ticket(args: &OpenTicketArgs) -> Result<Request, Miss> {
    let account = &args.account;
    let name = format!("open-ticket {account}");
    no_extra("open-ticket", &args.extra, "the account")?;
    let subject = one_line(&name, "--subject", &args.subject)?;
    let body = message(&name, &args.message)?;
    let choice = |flag: &str, value: &Option<String>| {
        value
            .as_deref()
            .map(|v| one_line(&name, flag, v))
            .transpose()
    };
    let ticket = NewTicket {
        subject,
        body,
        category: choice("--category", &args.category)?,
        department: choice("--department", &args.department)?,
    };
    Ok(Request {
        command: Command::OpenTicket(Box::new(ticket)),
        target: Target::Account(account.clone()),
    })
}

/// The domain name of `ACCOUNT:DOMAIN` or `DOMAIN` (a domain name has no
/// `:`), for names relative to it.
fn domain_name(reference: &str) -> &str {
    let name = reference.rsplit(':').next().unwrap_or(reference);
    name.trim().trim_end_matches('.')
}

/// The record typed, checked by type as the record form checks it.
fn record_fields(name: &str, domain: &str, values: &RecordValues) -> Result<RecordFields, Miss> {
    let input = validate::RecordInput {
        record_type: &values.record_type,
        name: &values.name,
        content: &values.content,
        priority: values.priority.as_deref().unwrap_or_default(),
    };
    validate::dns_record(domain_name(domain), &input)
        .map_err(|e| usage(format!("{name} {domain}: {}", e.message)))
}

/// `add-record DOMAIN TYPE NAME CONTENT [--priority N]`.
fn add_record(args: &AddRecordArgs) -> Result<Request, Miss> {
    let fields = record_fields("add-record", &args.domain, &args.record)?;
    Ok(Request {
        command: Command::AddRecord(Box::new(fields)),
        target: Target::Records {
            domain: args.domain.clone(),
            record: None,
        },
    })
}

/// `edit-record DOMAIN ID TYPE NAME CONTENT [--priority N]`: the record
/// as listed is found later.
fn edit_record(args: &EditRecordArgs) -> Result<Request, Miss> {
    let fields = record_fields("edit-record", &args.domain, &args.record)?;
    let id = record_id("edit-record", &args.domain, &args.id)?;
    Ok(Request {
        command: Command::EditRecord {
            id: id.clone(),
            listed: Box::default(),
            fields: Box::new(fields),
        },
        target: Target::Records {
            domain: args.domain.clone(),
            record: Some(id),
        },
    })
}

/// `delete-record DOMAIN ID`.
fn delete_record(args: &DeleteRecordArgs) -> Result<Request, Miss> {
    no_extra("delete-record", &args.extra, "the record id")?;
    let id = record_id("delete-record", &args.domain, &args.id)?;
    Ok(Request {
        command: Command::DeleteRecord {
            id: id.clone(),
            listed: Box::default(),
        },
        target: Target::Records {
            domain: args.domain.clone(),
            record: Some(id),
        },
    })
}

fn record_id(name: &str, domain: &str, id: &str) -> Result<String, Miss> {
    let id = id.trim();
    if id.is_empty() {
        return Err(usage(format!(
            "{name} {domain}: the record id is empty (`hostdeck list records {domain}` shows them)"
        )));
    }
    Ok(id.to_string())
}

/// `text` trimmed; refused when empty or more than one line.
fn one_line(name: &str, flag: &str, text: &str) -> Result<String, Miss> {
    let text = text.trim();
    if text.is_empty() {
        return Err(usage(format!("{name}: {flag} is empty")));
    }
    if text.chars().any(char::is_control) {
        return Err(usage(format!("{name}: {flag} must be one line of text")));
    }
    Ok(text.to_string())
}

/// The message of `--message` or `--message-file`, without trailing
/// blank space; refused when it cannot be read or is empty.
fn message(name: &str, args: &MessageArgs) -> Result<String, Miss> {
    let text = match (&args.message, &args.message_file) {
        (Some(text), _) => text.clone(),
        (None, Some(path)) => read_message(path).map_err(|error| {
            let path = path.display();
            usage(format!(
                "{name}: cannot read the message file {path}: {error}"
            ))
        })?,
        (None, None) => return Err(usage(format!("{name}: give --message or --message-file"))),
    };
    let text = text.trim_end();
    if text.trim().is_empty() {
        return Err(usage(format!("{name}: the message is empty; nothing sent")));
    }
    Ok(text.to_string())
}

/// A message file's text; `-` reads standard input.
fn read_message(path: &Path) -> std::io::Result<String> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        return Ok(text);
    }
    std::fs::read_to_string(path)
}

/// `unknown action explode; one of: …`, or the spelling it is close to.
fn unknown_action(action: &ActCommand) -> String {
    let ActCommand::Unknown(words) = action else {
        return "unknown action".into();
    };
    let name = words.first().map_or("", String::as_str);
    let names = action_names();
    let near = name.to_ascii_lowercase().replace('_', "-");
    if names.contains(&near) {
        return format!("unknown action {name}; did you mean {near}?");
    }
    format!("unknown action {name}; one of: {}", names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::Parser;

    fn parse(line: &str) -> Result<Request, Miss> {
        parse_words(&line.split(' ').collect::<Vec<_>>())
    }

    fn parse_words(words: &[&str]) -> Result<Request, Miss> {
        let words = ["hostdeck", "act"].iter().chain(words);
        let cli = Cli::try_parse_from(words).expect("parses");
        match cli.command {
            Some(crate::cli::Command::Act { action }) => request(&action),
            other => panic!("not act: {other:?}"),
        }
    }

    #[test]
    fn every_action_is_named_as_its_command_is() {
        let lines = [
            ("power-on s", "power-on"),
            ("shutdown s", "shutdown"),
            ("maintenance-off s", "maintenance-off"),
            ("set-ptr 10.0.0.1 a.example", "set-ptr"),
            ("request-epp a.nl", "request-epp"),
            ("lock a.nl", "lock"),
            ("unlock a.nl", "unlock"),
            ("set-ns a.nl ns1.a.nl ns2.a.nl", "set-ns"),
            ("reset-ns a.nl", "reset-ns"),
            ("request-ip s --count 1 --reason r", "request-ip"),
            ("reply a:1 --message hi", "reply"),
            ("close-ticket a:1", "close-ticket"),
            ("reopen-ticket a:1", "reopen-ticket"),
            ("open-ticket a --subject s --message m", "open-ticket"),
            ("add-record a.nl A www 192.0.2.1", "add-record"),
            (
                "edit-record a.nl 7 MX @ mail.a.nl --priority 10",
                "edit-record",
            ),
            ("delete-record a.nl 7", "delete-record"),
        ];
        for (line, name) in lines {
            let request = parse(line).expect(line);
            assert_eq!(request.command.cli_name(), name);
            assert!(action_names().iter().any(|n| n == name), "{name}");
        }
        assert_eq!(action_names().len(), 22);
    }

    #[test]
    fn addresses_and_host_names_are_checked_before_anything_else() {
        let ptr = parse("set-ptr cp:2001:db8::1 web.example.nl --server cp:5").unwrap();
        assert_eq!(
            ptr.target,
            Target::Ip {
                address: "cp:2001:db8::1".into(),
                server: Some("cp:5".into()),
            }
        );
        let (code, message) = parse("set-ptr web01 web.example.nl").unwrap_err();
        assert_eq!(code, exit::USAGE);
        assert!(message.contains("is not an IP address"), "{message}");
        let (_, message) = parse("set-ptr 10.0.0.1 bad_name.example").unwrap_err();
        assert!(
            message.contains("PTR record \"bad_name.example\" refused"),
            "{message}"
        );
    }

    #[test]
    fn messages_and_subjects_must_say_something() {
        let (code, message) = parse_words(&["reply", "a:1", "--message", " \n "]).unwrap_err();
        assert_eq!(code, exit::USAGE);
        assert_eq!(message, "reply a:1: the message is empty; nothing sent");
        let (_, message) = parse("reply a:1 --message-file /nonexistent/m.txt").unwrap_err();
        assert!(
            message.starts_with("reply a:1: cannot read the message file /nonexistent/m.txt: "),
            "{message}"
        );
        let opened = parse("open-ticket a --subject Disk --message m --category Billing").unwrap();
        let Command::OpenTicket(ticket) = opened.command else {
            panic!("open-ticket")
        };
        assert_eq!(ticket.category.as_deref(), Some("Billing"));
        assert_eq!(opened.target, Target::Account("a".into()));
    }

    #[test]
    fn records_are_checked_by_type_relative_to_the_domain_before_anything_is_sent() {
        let added = parse("add-record hb:example.nl A www.example.nl 192.0.2.1").unwrap();
        let Command::AddRecord(fields) = &added.command else {
            panic!("add-record")
        };
        assert_eq!(fields.name, "www");
        assert_eq!(
            added.target,
            Target::Records {
                domain: "hb:example.nl".into(),
                record: None,
            }
        );
        let refused = |line: &str| parse(line).unwrap_err();
        assert_eq!(
            refused("add-record example.nl A www 2001:db8::1"),
            (
                exit::USAGE,
                "add-record example.nl: Content: '2001:db8::1' is an IPv6 address: an A record takes IPv4 (use AAAA)".into()
            )
        );
        assert_eq!(
            refused("add-record example.nl MX @ mail.example.nl").1,
            "add-record example.nl: Priority: an MX record needs one (0 to 65535; lower is preferred)"
        );
        assert_eq!(
            refused("edit-record example.nl 7 A www 192.0.2.1 --priority 5").1,
            "edit-record example.nl: Priority: only MX records take a priority (leave it empty for A)"
        );
        let long = format!("add-record example.nl TXT @ {}", "k".repeat(256));
        assert!(refused(&long)
            .1
            .contains("one TXT string holds at most 255"));
        let edit = parse("edit-record example.nl 7 MX @ mail.example.nl --priority 10").unwrap();
        assert_eq!(
            edit.target,
            Target::Records {
                domain: "example.nl".into(),
                record: Some("7".into()),
            }
        );
        let delete = parse_words(&["delete-record", "example.nl", " 7 "]).unwrap();
        assert!(matches!(delete.command, Command::DeleteRecord { ref id, .. } if id == "7"));
        assert_eq!(
            refused("delete-record example.nl 7 now").1,
            "delete-record takes no arguments after the record id (got: now)"
        );
    }

    #[test]
    fn misplaced_options_and_extra_words_name_the_action() {
        let (_, message) = parse("reboot s --count 2").unwrap_err();
        assert_eq!(
            message,
            "--count, --ipv6 and --reason belong to request-ip, not to reboot"
        );
        let (_, message) = parse("close-ticket a:1 now").unwrap_err();
        assert_eq!(
            message,
            "close-ticket takes no arguments after the reference (got: now)"
        );
        let (_, message) = parse("REBOOT s").unwrap_err();
        assert_eq!(message, "unknown action REBOOT; did you mean reboot?");
    }
}
