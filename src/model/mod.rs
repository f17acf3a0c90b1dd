//! Provider-neutral types: what every pane and every provider agree on.

mod account;
mod action;
mod capability;
mod colocation;
mod command;
mod dns;
mod domain;
mod health;
mod job;
mod kind;
pub mod metric;
mod missing;
mod server;
mod ticket;
pub mod time;
pub mod validate;

pub use account::AccountInfo;
pub use action::Action;
pub use capability::{Capability, Offering};
pub use colocation::{Colocation, Visit, Visitor};
pub use command::{ip_amount, Command, Confirmation};
pub use dns::{full_name, record_parts, record_ref, DnsRecord, RecordFields};
pub use domain::{Contact, ContactFields, Domain, HistoryEntry, EXPIRY_WARNING_DAYS};
pub use health::{Health, HealthState};
pub use job::{Job, JobId, JobState};
pub use kind::ProviderKind;
pub use metric::{MetricSeries, Sample};
pub use missing::Missing;
pub use server::{Detail, DetailText, Ip, PowerState, Server};
pub use ticket::{NewTicket, Thread, Ticket, TicketChoice, TicketMessage, TicketOptions};

use serde::{Deserialize, Serialize};
use std::fmt;

/// Milliseconds since the Unix epoch. All timestamps in the model use this.
pub type Millis = i64;

/// Now, in [`Millis`].
pub fn now_millis() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as Millis)
        .unwrap_or(0)
}

/// The kind of object a [`Ref`] points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    Server,
    Ip,
    Domain,
    Contact,
    Ticket,
    /// A DNS record of a domain: its id is `DOMAIN#ID` (see `record_ref`).
    Record,
}

/// Identifies an object across refreshes: the account it lives in, its kind,
/// and the provider's own id for it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Ref {
    pub account: String,
    pub kind: ObjectKind,
    pub id: String,
}

impl Ref {
    pub fn new(account: impl Into<String>, kind: ObjectKind, id: impl Into<String>) -> Self {
        Ref {
            account: account.into(),
            kind,
            id: id.into(),
        }
    }

    pub fn server(account: impl Into<String>, id: impl Into<String>) -> Self {
        Ref {
            account: account.into(),
            kind: ObjectKind::Server,
            id: id.into(),
        }
    }
}

impl fmt::Display for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.account, self.id)
    }
}

/// Renders an age in millis as a short human string: `5s`, `3m`, `2h`, `4d`.
pub fn short_age(age_ms: Millis) -> String {
    let secs = (age_ms.max(0) / 1000) as u64;
    match secs {
        0..=59 => format!("{secs}s"),
        60..=3599 => format!("{}m", secs / 60),
        3600..=86_399 => format!("{}h", secs / 3600),
        _ => format!("{}d", secs / 86_400),
    }
}
