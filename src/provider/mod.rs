//! The provider contract: one [`Provider`] per configured account, whose
//! capabilities are the APIs it hands out. Every provider lists servers
//! ([`ServerApi`]); everything else is an `Option` that is `Some` exactly
//! when the provider offers it, so what an account can do and what it
//! says it can do never disagree.
//!
//! Providers know nothing of `app` or `ui`: they turn requests into model
//! values over HTTP and report failures as [`ProviderError`]. Commands go
//! through [`execute`] and reads through [`fetch`], the one place each that
//! answers "not offered".

pub mod clc;
pub mod controlepaneel;
mod dispatch;
pub mod hostbill;
pub mod http;
pub mod i3d;
pub mod lenient;
pub mod refresh;
mod resource;
pub mod sent;
#[cfg(test)]
mod testing;

pub use dispatch::{capabilities, execute, execute_power, not_offered, offers};
pub use resource::{fetch, Fetch, Fetched};

use crate::model::{
    Action, Colocation, Contact, ContactFields, DnsRecord, Domain, HistoryEntry, MetricSeries,
    Missing, NewTicket, Offering, ProviderKind, RecordFields, Server, Ticket, TicketOptions,
};
use std::future::Future;
use std::pin::Pin;

/// A boxed future, so the traits stay object-safe (`Arc<dyn Provider>`).
pub type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A command's note as a finished submission ([`Submitted::Done`]), for
/// providers whose commands are carried out at once.
pub fn done<'a>(
    note: impl Future<Output = Result<String>> + Send + 'a,
) -> BoxFut<'a, Result<Submitted>> {
    Box::pin(async move { note.await.map(Submitted::Done) })
}

/// One configured account of one provider kind.
pub trait Provider: Send + Sync {
    /// The account name from the config.
    fn account(&self) -> &str;

    /// The provider kind.
    fn kind(&self) -> ProviderKind;

    /// Logs in (or checks the credentials) and reports what it saw.
    fn check(&self) -> BoxFut<'_, Result<String>>;

    /// Every provider lists servers.
    fn servers(&self) -> &dyn ServerApi;

    /// Power and maintenance actions.
    fn power(&self) -> Option<&dyn PowerApi> {
        None
    }

    /// Follows [`Submitted::Queued`] handles (clc).
    fn queue(&self) -> Option<&dyn QueueApi> {
        None
    }

    /// Telemetry series of one server, on demand (clc: hourly cost; i3d:
    /// amps per PDU of a colocation).
    fn telemetry(&self) -> Option<&dyn TelemetryApi> {
        None
    }

    /// Editing the PTR record of an IP address.
    fn reverse_dns(&self) -> Option<&dyn ReverseDnsApi> {
        None
    }

    /// Requesting extra IP addresses for a server.
    fn ip_requests(&self) -> Option<&dyn IpRequestApi> {
        None
    }

    /// Domains: reads and the nameservers.
    fn domains(&self) -> Option<&dyn DomainApi> {
        None
    }

    /// A domain's registry actions (EPP code, lock, handles, cancel) and
    /// their history.
    fn registry(&self) -> Option<&dyn RegistryApi> {
        None
    }

    /// Resetting a domain's nameservers to the provider's defaults.
    fn nameserver_reset(&self) -> Option<&dyn NameserverResetApi> {
        None
    }

    /// Domain contact mutations (the contact list itself arrives with
    /// [`DomainApi::domains`] in [`DomainInventory`]).
    fn contacts(&self) -> Option<&dyn ContactApi> {
        None
    }

    /// Colocation visitors and visits.
    fn colocation(&self) -> Option<&dyn ColocationApi> {
        None
    }

    /// The support-ticket inbox.
    fn tickets(&self) -> Option<&dyn TicketApi> {
        None
    }

    /// The DNS records of domains.
    fn dns(&self) -> Option<&dyn DnsApi> {
        None
    }
}

/// The server list and single servers.
pub trait ServerApi: Send + Sync {
    /// Every server of the account, with their IPs. The primary list
    /// decides the result; failed enrichments are recorded in
    /// [`Inventory::missing`] and on the servers.
    fn inventory(&self) -> BoxFut<'_, Result<Inventory>>;

    /// One server afresh; failed enrichments are in [`Server::missing`].
    fn server(&self, id: &str) -> BoxFut<'_, Result<Server>>;
}

/// Power and maintenance actions. Each is sent once, never retried.
pub trait PowerApi: Send + Sync {
    /// The actions the provider has at all; each server lists those that
    /// fit its state in [`Server::actions`].
    fn actions(&self) -> &'static [Action];

    /// Sends `action` to one server.
    fn power<'a>(&'a self, action: Action, server_id: &'a str) -> BoxFut<'a, Result<Submitted>>;
}

/// Queued requests (clc's `RequestID`s).
pub trait QueueApi: Send + Sync {
    /// Polls a queued request.
    fn job_status(&self, handle: &str) -> BoxFut<'_, Result<JobProgress>>;
}

/// Telemetry series of one server.
pub trait TelemetryApi: Send + Sync {
    fn telemetry(&self, server_id: &str) -> BoxFut<'_, Result<Vec<MetricSeries>>>;
}

/// The PTR record (reverse DNS) of an IP address.
pub trait ReverseDnsApi: Send + Sync {
    /// Sets the PTR of `address`. `remarks`, when given, replace the
    /// provider's remarks on the address; `None` keeps them. `server` is
    /// the server (or colocation) the address belongs to, for providers
    /// that find addresses through it.
    fn set_ptr<'a>(&'a self, ptr: PtrChange<'a>) -> BoxFut<'a, Result<Submitted>>;

    /// Whether [`PtrChange::server`] must be given: the provider finds an
    /// address only through the server (or colocation) it belongs to.
    fn needs_server(&self) -> bool {
        false
    }
}

/// One PTR record to set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PtrChange<'a> {
    pub address: &'a str,
    pub hostname: &'a str,
    pub remarks: Option<&'a str>,
    pub server: Option<&'a str>,
}

/// Where the address whose PTR is set comes from, for one server row of
/// a provider kind. The kinds declare it here, once, so the console's
/// forms, hints and details agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PtrAddresses {
    /// Chosen from the server's listed addresses, their PTR read back.
    Listed,
    /// Typed by the user: the provider sets the PTR through the row
    /// (`holder`, e.g. "colocation") but lists none of its addresses and
    /// reads no PTR back (`unread` says so).
    Typed {
        holder: &'static str,
        unread: &'static str,
    },
    /// No PTR can be set for the row's addresses, and why.
    Refused(&'static str),
}

/// How the PTR of an address on server row `server_id` is set, for an
/// account of `kind` that offers reverse DNS.
pub fn ptr_addresses(kind: ProviderKind, server_id: &str) -> PtrAddresses {
    match kind {
        ProviderKind::I3d => i3d::ptr_addresses(server_id),
        ProviderKind::Clc | ProviderKind::Controlepaneel | ProviderKind::Hostbill => {
            PtrAddresses::Listed
        }
    }
}

/// Why a provider kind does not offer `what` at all, where its API
/// document says; `None` leaves the generic "not offered by KIND". The
/// one place a kind states its reasons.
pub fn why_not_offered(kind: ProviderKind, what: Offering) -> Option<&'static str> {
    match kind {
        ProviderKind::I3d => i3d::why_not_offered(what),
        ProviderKind::Hostbill => hostbill::why_not_offered(what),
        ProviderKind::Clc | ProviderKind::Controlepaneel => None,
    }
}

/// Whether a provider kind keeps remarks on an address beside its PTR
/// (the PTR form offers the field only then).
pub fn keeps_ip_remarks(kind: ProviderKind) -> bool {
    match kind {
        ProviderKind::Clc | ProviderKind::Controlepaneel => true,
        ProviderKind::I3d | ProviderKind::Hostbill => false,
    }
}

/// What a provider kind's default nameservers are called, where it can
/// reset a domain to them: `XSServer's default nameservers`.
pub fn default_nameservers(kind: ProviderKind) -> Option<&'static str> {
    match kind {
        ProviderKind::Hostbill => Some(hostbill::DEFAULT_NAMESERVERS),
        ProviderKind::Clc | ProviderKind::Controlepaneel | ProviderKind::I3d => None,
    }
}

/// Requests for extra IP addresses.
pub trait IpRequestApi: Send + Sync {
    /// Asks for `count` IPv4 (or IPv6) addresses for one server.
    fn request_ips<'a>(
        &'a self,
        server_id: &'a str,
        ipv6: bool,
        count: u32,
        reason: &'a str,
    ) -> BoxFut<'a, Result<Submitted>>;
}

/// Domains: the list with its contacts, one domain, and its
/// nameservers. `id` is the domain name.
pub trait DomainApi: Send + Sync {
    /// Every domain (with details) and domain contact of the account.
    fn domains(&self) -> BoxFut<'_, Result<DomainInventory>>;

    /// One domain afresh.
    fn domain(&self, id: &str) -> BoxFut<'_, Result<Domain>>;

    /// Sets the nameservers: never an empty list (a provider may read one
    /// as "its defaults"; that is [`NameserverResetApi`]).
    fn set_nameservers<'a>(
        &'a self,
        id: &'a str,
        nameservers: &'a [String],
    ) -> BoxFut<'a, Result<Submitted>>;
}

/// A domain's actions at the registry, and their history. `id` is the
/// domain name.
pub trait RegistryApi: Send + Sync {
    /// The actions carried out earlier on a domain, newest first.
    fn history(&self, id: &str) -> BoxFut<'_, Result<Vec<HistoryEntry>>>;

    /// Has the transfer (EPP) code sent to the domain's contacts.
    fn request_epp<'a>(&'a self, id: &'a str) -> BoxFut<'a, Result<Submitted>>;

    /// Brings the registrar lock to `locked`.
    fn set_lock<'a>(&'a self, id: &'a str, locked: bool) -> BoxFut<'a, Result<Submitted>>;

    /// Sets the owner, admin and tech handles.
    fn set_contacts<'a>(
        &'a self,
        id: &'a str,
        handles: DomainHandles<'a>,
    ) -> BoxFut<'a, Result<Submitted>>;

    /// Cancels at the end of the term, or at once.
    fn cancel<'a>(&'a self, id: &'a str, immediate: bool) -> BoxFut<'a, Result<Submitted>>;
}

/// Putting a domain back on the provider's default nameservers, a
/// command of its own so that no empty nameserver list is ever sent by
/// accident.
pub trait NameserverResetApi: Send + Sync {
    /// Resets the nameservers of domain `id` (what the defaults are
    /// called: [`default_nameservers`]).
    fn reset_nameservers<'a>(&'a self, id: &'a str) -> BoxFut<'a, Result<Submitted>>;
}

/// The three contact handles of a domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DomainHandles<'a> {
    pub owner: &'a str,
    pub admin: &'a str,
    pub tech: &'a str,
}

/// Domain contact mutations.
pub trait ContactApi: Send + Sync {
    fn add_contact<'a>(&'a self, fields: &'a ContactFields) -> BoxFut<'a, Result<Submitted>>;

    fn edit_contact<'a>(
        &'a self,
        id: &'a str,
        fields: &'a ContactFields,
    ) -> BoxFut<'a, Result<Submitted>>;

    fn delete_contact<'a>(&'a self, id: &'a str) -> BoxFut<'a, Result<Submitted>>;
}

/// Colocation access.
pub trait ColocationApi: Send + Sync {
    /// Visitors and visits; one of the two failing is recorded in
    /// [`Colocation::missing`], both failing is the error.
    fn colocation(&self) -> BoxFut<'_, Result<Colocation>>;
}

/// The support-ticket inbox. Reads may be retried; the commands are sent
/// once, never retried.
pub trait TicketApi: Send + Sync {
    /// Every ticket of the account, or only those open or unread.
    fn tickets(&self, scope: TicketScope) -> BoxFut<'_, Result<TicketInventory>>;

    /// One ticket, with its messages where the provider gives them.
    fn ticket(&self, id: &str) -> BoxFut<'_, Result<Ticket>>;

    /// What a new ticket is chosen from (categories, departments).
    fn options(&self) -> BoxFut<'_, Result<TicketOptions>>;

    fn reply<'a>(&'a self, id: &'a str, body: &'a str) -> BoxFut<'a, Result<Submitted>>;

    fn close<'a>(&'a self, id: &'a str) -> BoxFut<'a, Result<Submitted>>;

    fn reopen<'a>(&'a self, id: &'a str) -> BoxFut<'a, Result<Submitted>>;

    /// Opens a new ticket; the note names its number.
    fn open<'a>(&'a self, ticket: &'a NewTicket) -> BoxFut<'a, Result<Submitted>>;
}

/// The DNS records of a domain. `domain` is the domain's model id
/// ([`Domain::id`], its name as the domain list gives it); the provider
/// finds its own id for it (HostBill: the numeric domain id). Record ids
/// are those [`DnsApi::records`] gave. Reads may be retried; the commands
/// are sent once, never retried.
pub trait DnsApi: Send + Sync {
    /// Every record of the domain, in the provider's order.
    fn records<'a>(&'a self, domain: &'a str) -> BoxFut<'a, Result<Vec<DnsRecord>>>;

    /// Adds a record. The fields are checked (`validate::dns_record`).
    fn add_record<'a>(
        &'a self,
        domain: &'a str,
        record: &'a RecordFields,
    ) -> BoxFut<'a, Result<Submitted>>;

    /// Replaces record `change.id` with `change.fields`.
    fn edit_record<'a>(
        &'a self,
        domain: &'a str,
        change: RecordChange<'a>,
    ) -> BoxFut<'a, Result<Submitted>>;

    /// Deletes record `change.id` (`change.fields` is `change.listed`).
    fn delete_record<'a>(
        &'a self,
        domain: &'a str,
        change: RecordChange<'a>,
    ) -> BoxFut<'a, Result<Submitted>>;
}

/// One record to change or delete: its id, the record as it was listed
/// when the user chose it, and (for an edit) what it becomes. A provider
/// whose ids are positions in the zone (HostBill's `@index`) should read
/// the zone first and refuse, sending nothing, when `id` no longer names
/// a record equal to `listed` (type, name, content; and priority for MX).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordChange<'a> {
    pub id: &'a str,
    pub listed: &'a RecordFields,
    pub fields: &'a RecordFields,
}

/// Which tickets a list read brings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TicketScope {
    /// Every ticket, open and closed.
    All,
    /// Only the tickets that are open or unread (the frequent poll).
    OpenOrUnread,
}

/// The tickets of one list read.
#[derive(Clone, Debug)]
pub struct TicketInventory {
    pub scope: TicketScope,
    /// List entries: [`crate::model::Thread::NotFetched`] unless the list
    /// carries the messages.
    pub tickets: Vec<Ticket>,
    /// Parts that failed while the list arrived.
    pub missing: Vec<Missing>,
}

/// Everything one inventory refresh of an account returns.
#[derive(Clone, Debug, Default)]
pub struct Inventory {
    pub servers: Vec<Server>,
    /// Gauges read during this refresh (e.g. load, cabinet amps). The store
    /// appends each to the server's ring buffer, so sparklines grow per poll.
    pub samples: Vec<ServerSample>,
    /// Enrichments that failed while the primary list arrived: the
    /// account is up, these parts are empty (see DESIGN.md, "Refreshes").
    pub missing: Vec<Missing>,
    /// Whether `servers` is every server of the account or only those
    /// that changed since the last poll.
    pub coverage: Coverage,
    /// With [`Coverage::Changes`]: the ids of servers that are gone.
    pub removed: Vec<String>,
    /// With [`Coverage::Changes`]: the locations this read did not reach;
    /// their servers stand as last read. Every other server of the account
    /// was confirmed unchanged by this read.
    pub unread_locations: Vec<String>,
}

/// How much of an account's server list an [`Inventory`] carries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Coverage {
    /// Every server: the list replaces the account's servers (a server
    /// not in it was deleted).
    #[default]
    Full,
    /// Only the servers that changed since the last poll: each replaces
    /// its namesake or is added, those in `removed` go, and the others
    /// stand as they were.
    Changes,
}

/// One gauge reading of one server, taken during an inventory refresh.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerSample {
    pub server_id: String,
    /// The series name, e.g. `load` or `amps A`.
    pub metric: String,
    pub unit: String,
    pub value: f64,
    /// When the provider measured it, where it says (i3D's PDU samples);
    /// `None`: at the poll. A reading polled twice is then one point.
    pub at: Option<crate::model::Millis>,
}

/// Every domain and domain contact of an account.
#[derive(Clone, Debug, Default)]
pub struct DomainInventory {
    pub domains: Vec<Domain>,
    pub contacts: Vec<Contact>,
    /// Parts that failed while the domain list arrived (domain details,
    /// the contacts).
    pub missing: Vec<Missing>,
}

/// How the provider took a mutating command.
#[derive(Clone, Debug, PartialEq)]
pub enum Submitted {
    /// Done at once; the text says what happened.
    Done(String),
    /// Queued; poll [`QueueApi::job_status`] with this handle.
    Queued { handle: String },
}

/// Progress of a queued provider request.
#[derive(Clone, Debug, PartialEq)]
pub enum JobProgress {
    Running { percent: Option<u8>, note: String },
    Succeeded(String),
    Failed(String),
}

/// What went wrong, in a form the health model understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Credentials refused.
    Auth,
    /// Could not connect, connection dropped, or timed out.
    Transport,
    /// HTTP status other than success.
    Http,
    /// The answer could not be read (malformed body, unexpected shape).
    Parse,
    /// The API answered with an error code of its own.
    Api,
    /// The provider has no such capability.
    Unsupported,
    /// Refused before sending: bad input or read-only.
    Refused,
    /// The provider answered HTTP 429: too many requests; not retried at
    /// once (see [`ProviderError::retry_after`]).
    RateLimited,
}

/// A provider failure. Its message names the account, the operation and the
/// cause, and never contains a secret.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{account}: {operation}: {cause}")]
pub struct ProviderError {
    pub account: String,
    pub operation: String,
    pub kind: ErrorKind,
    pub cause: String,
    /// How long the provider asked to wait before the next request (its
    /// `Retry-After`), when it said so.
    pub retry_after: Option<std::time::Duration>,
}

impl ProviderError {
    pub fn new(
        account: impl Into<String>,
        operation: impl Into<String>,
        kind: ErrorKind,
        cause: impl Into<String>,
    ) -> Self {
        ProviderError {
            account: account.into(),
            operation: operation.into(),
            kind,
            cause: cause.into(),
            retry_after: None,
        }
    }
}

pub type Result<T> = std::result::Result<T, ProviderError>;
