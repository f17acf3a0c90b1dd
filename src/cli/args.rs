//! The arguments of `hostdeck act`: one clap subcommand per action, each
//! with typed arguments and its own `--help`. Every action takes `--yes`.

use clap::{Args, Subcommand};
use std::path::PathBuf;

/// One action and its arguments.
#[derive(Debug, Subcommand)]
pub enum ActCommand {
    /// Power a server on.
    PowerOn(ServerAction),
    /// Cut a server's power at once, without an OS shutdown.
    PowerOff(ServerAction),
    /// Shut the OS down, then power the server off.
    Shutdown(ServerAction),
    /// Restart a server's operating system.
    Reboot(ServerAction),
    /// Force a power cycle (unsaved data is lost).
    Reset(ServerAction),
    /// Freeze a server until it is powered on again.
    Pause(ServerAction),
    /// Put a server in maintenance mode.
    MaintenanceOn(ServerAction),
    /// Take a server out of maintenance mode.
    MaintenanceOff(ServerAction),
    /// Set the PTR record (reverse DNS) of an IP address.
    SetPtr(SetPtrArgs),
    /// Have a domain's transfer (EPP) code mailed to its contacts.
    RequestEpp(DomainAction),
    /// Lock a domain at the registrar; nothing is sent when it already is.
    Lock(DomainAction),
    /// Unlock a domain at the registrar; nothing is sent when it already is.
    Unlock(DomainAction),
    /// Set a domain's nameservers (two or more; never none).
    SetNs(SetNsArgs),
    /// Put a domain back on its provider's default nameservers (hostbill).
    ResetNs(DomainAction),
    /// Ask the provider for extra IP addresses for a server (1 to 16).
    RequestIp(RequestIpArgs),
    /// Reply to a support ticket.
    Reply(ReplyArgs),
    /// Close a support ticket.
    CloseTicket(TicketAction),
    /// Reopen a support ticket.
    ReopenTicket(TicketAction),
    /// Open a new support ticket.
    OpenTicket(OpenTicketArgs),
    /// Add a DNS record to a domain (A, AAAA, CNAME, MX, NS or TXT).
    AddRecord(AddRecordArgs),
    /// Replace a DNS record of a domain (`list records DOMAIN` shows the ids).
    EditRecord(EditRecordArgs),
    /// Delete a DNS record of a domain.
    DeleteRecord(DeleteRecordArgs),
    /// Anything else: refused, naming the actions there are.
    #[command(external_subcommand)]
    Unknown(Vec<String>),
}

/// `--yes`, which every action takes.
#[derive(Clone, Copy, Debug, Default, Args)]
pub struct Confirm {
    /// Do not ask for confirmation (required when not on a terminal).
    #[arg(long)]
    pub yes: bool,
}

/// Words after an action's arguments. Hidden: they are refused with a
/// message naming the action, for lines written for the old
/// `act ACTION REF [ARGS]`.
#[derive(Clone, Debug, Default, Args)]
pub struct Extra {
    #[arg(hide = true)]
    pub words: Vec<String>,
}

/// request-ip's options given to another server action. Hidden: they are
/// refused with a message naming request-ip.
#[derive(Clone, Debug, Default, Args)]
pub struct MisplacedIpOptions {
    #[arg(long, hide = true)]
    pub count: Option<String>,
    #[arg(long, hide = true)]
    pub ipv6: bool,
    #[arg(long, hide = true)]
    pub reason: Option<String>,
}

impl MisplacedIpOptions {
    pub fn is_given(&self) -> bool {
        self.count.is_some() || self.ipv6 || self.reason.is_some()
    }
}

/// A power or maintenance action on one server.
#[derive(Debug, Args)]
pub struct ServerAction {
    /// The server: ACCOUNT:ID, or a name or IP unambiguous across accounts.
    #[arg(value_name = "SERVER")]
    pub server: String,
    #[command(flatten)]
    pub extra: Extra,
    #[command(flatten)]
    pub misplaced: MisplacedIpOptions,
    #[command(flatten)]
    pub confirm: Confirm,
}

/// An action on one domain.
#[derive(Debug, Args)]
pub struct DomainAction {
    /// The domain: ACCOUNT:NAME, or a name unambiguous across accounts.
    #[arg(value_name = "DOMAIN")]
    pub domain: String,
    #[command(flatten)]
    pub extra: Extra,
    #[command(flatten)]
    pub confirm: Confirm,
}

#[derive(Debug, Args)]
pub struct SetPtrArgs {
    /// The address: ACCOUNT:ADDRESS, or an address unambiguous across accounts.
    #[arg(value_name = "IP")]
    pub ip: String,
    /// The host name the address points back to, e.g. web-1.example.nl.
    #[arg(value_name = "HOSTNAME")]
    pub hostname: String,
    #[command(flatten)]
    pub extra: Extra,
    /// The server or colocation (ACCOUNT:ID) the address belongs to.
    /// Required where the provider finds addresses through it (i3d).
    #[arg(long, value_name = "ACCOUNT:ID")]
    pub server: Option<String>,
    #[command(flatten)]
    pub confirm: Confirm,
}

#[derive(Debug, Args)]
pub struct SetNsArgs {
    /// The domain: ACCOUNT:NAME, or a name unambiguous across accounts.
    #[arg(value_name = "DOMAIN")]
    pub domain: String,
    /// Two or more nameservers: NS1 NS2 [NS3...] (controlepaneel takes
    /// at most three).
    #[arg(value_name = "NS", required = true)]
    pub nameservers: Vec<String>,
    #[command(flatten)]
    pub confirm: Confirm,
}

#[derive(Debug, Args)]
pub struct RequestIpArgs {
    /// The server: ACCOUNT:ID, or a name or IP unambiguous across accounts.
    #[arg(value_name = "SERVER")]
    pub server: String,
    #[command(flatten)]
    pub extra: Extra,
    /// How many addresses to ask for (1 to 16).
    #[arg(long, value_name = "N")]
    pub count: Option<u32>,
    /// IPv6 addresses instead of IPv4.
    #[arg(long)]
    pub ipv6: bool,
    /// Why the addresses are needed (the provider requires it).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub confirm: Confirm,
}

/// The text of a message: given, or read from a file.
#[derive(Clone, Debug, Args)]
#[group(required = true, multiple = false)]
pub struct MessageArgs {
    /// The message text.
    #[arg(long, value_name = "TEXT")]
    pub message: Option<String>,
    /// Read the message from FILE (`-` reads standard input).
    #[arg(long, value_name = "FILE")]
    pub message_file: Option<PathBuf>,
}

/// An action on one support ticket.
#[derive(Debug, Args)]
pub struct TicketAction {
    /// The ticket: ACCOUNT:ID, or an id unambiguous across accounts.
    #[arg(value_name = "TICKET")]
    pub ticket: String,
    #[command(flatten)]
    pub extra: Extra,
    #[command(flatten)]
    pub confirm: Confirm,
}

#[derive(Debug, Args)]
pub struct ReplyArgs {
    /// The ticket: ACCOUNT:ID, or an id unambiguous across accounts.
    #[arg(value_name = "TICKET")]
    pub ticket: String,
    #[command(flatten)]
    pub extra: Extra,
    #[command(flatten)]
    pub message: MessageArgs,
    #[command(flatten)]
    pub confirm: Confirm,
}

#[derive(Debug, Args)]
pub struct OpenTicketArgs {
    /// The account the ticket goes to.
    #[arg(value_name = "ACCOUNT")]
    pub account: String,
    #[command(flatten)]
    pub extra: Extra,
    /// The ticket's subject (one line).
    #[arg(long, value_name = "S")]
    pub subject: String,
    #[command(flatten)]
    pub message: MessageArgs,
    /// The category, where the provider lists them (`list` shows them
    /// when it is missing or unknown).
    #[arg(long, value_name = "C")]
    pub category: Option<String>,
    /// The department, where the provider needs one.
    #[arg(long, value_name = "D")]
    pub department: Option<String>,
    #[command(flatten)]
    pub confirm: Confirm,
}

/// A DNS record as typed; checked by type before anything is sent.
#[derive(Clone, Debug, Args)]
pub struct RecordValues {
    /// A, AAAA, CNAME, MX, NS or TXT.
    #[arg(value_name = "TYPE")]
    pub record_type: String,
    /// Relative to the domain (`www`, `_dmarc`), or `@` for the domain itself.
    #[arg(value_name = "NAME")]
    pub name: String,
    /// A: an IPv4 address; AAAA: IPv6; CNAME, NS, MX: a host name; TXT:
    /// text (quote it for the shell; at most 255 bytes per "string").
    #[arg(value_name = "CONTENT", allow_hyphen_values = true)]
    pub content: String,
    /// The MX priority, 0 to 65535 (only MX takes one, and needs it).
    #[arg(long, value_name = "N")]
    pub priority: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddRecordArgs {
    /// The domain: ACCOUNT:NAME, or a name unambiguous across accounts.
    #[arg(value_name = "DOMAIN")]
    pub domain: String,
    #[command(flatten)]
    pub record: RecordValues,
    #[command(flatten)]
    pub confirm: Confirm,
}

#[derive(Debug, Args)]
pub struct EditRecordArgs {
    /// The domain: ACCOUNT:NAME, or a name unambiguous across accounts.
    #[arg(value_name = "DOMAIN")]
    pub domain: String,
    /// The record's id, as `list records DOMAIN` shows it.
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub record: RecordValues,
    #[command(flatten)]
    pub confirm: Confirm,
}

#[derive(Debug, Args)]
pub struct DeleteRecordArgs {
    /// The domain: ACCOUNT:NAME, or a name unambiguous across accounts.
    #[arg(value_name = "DOMAIN")]
    pub domain: String,
    /// The record's id, as `list records DOMAIN` shows it.
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub extra: Extra,
    #[command(flatten)]
    pub confirm: Confirm,
}
