//! Support tickets, as every provider with a ticket inbox maps them: the
//! list entry (subject, status, category, priority, times, unread), the
//! thread where the provider gives it, and what a new ticket is chosen
//! from.

use super::{Detail, Millis, Missing, ObjectKind, Ref};
use serde::{Deserialize, Serialize};

/// A support ticket.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    pub account: String,
    /// The provider's ticket number.
    pub id: String,
    pub subject: String,
    /// The provider's own word (`Open`, `Answered`, `Closed`, ...).
    pub status: String,
    /// The category or department.
    pub category: String,
    /// Empty when the provider gives none.
    pub priority: String,
    pub created: Option<Millis>,
    pub updated: Option<Millis>,
    /// Updated since the client last read it.
    pub unread: bool,
    pub thread: Thread,
    /// Everything else the provider gives, for the thread view.
    pub details: Vec<Detail>,
    /// Parts the last fetch could not read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<Missing>,
    pub fetched_at: Millis,
}

/// What is known of a ticket's messages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Thread {
    /// Only the list entry is known: the ticket itself was not fetched.
    NotFetched,
    /// The provider gives no message bodies; `note` says what it gives
    /// instead (e.g. how many replies there are).
    NoBodies { note: String },
    /// The messages, oldest first.
    Messages(Vec<TicketMessage>),
}

/// One message of a ticket's thread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketMessage {
    pub author: String,
    pub at: Option<Millis>,
    pub body: String,
    /// Written by the provider's staff (else by the client).
    pub from_staff: bool,
}

impl Ticket {
    pub fn reference(&self) -> Ref {
        Ref::new(self.account.clone(), ObjectKind::Ticket, self.id.clone())
    }

    /// Whether the provider's status word says the ticket is closed.
    pub fn is_closed(&self) -> bool {
        let status = self.status.to_ascii_lowercase();
        ["closed", "resolved", "solved", "cancelled"]
            .iter()
            .any(|word| status.contains(word))
    }
}

/// A ticket to open, provider-neutral. Each provider takes the fields it
/// needs (see [`TicketOptions`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewTicket {
    pub subject: String,
    pub body: String,
    /// A category value from [`TicketOptions::categories`].
    pub category: Option<String>,
    /// A department value from [`TicketOptions::departments`], or free
    /// text where the provider lists none.
    pub department: Option<String>,
}

/// One entry of a list a new ticket is chosen from: what is sent, what is
/// shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketChoice {
    pub value: String,
    pub label: String,
}

impl TicketChoice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        TicketChoice {
            value: value.into(),
            label: label.into(),
        }
    }
}

/// What a new ticket of one account is chosen from, and what it needs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketOptions {
    /// Categories to choose from; empty: the provider has none.
    pub categories: Vec<TicketChoice>,
    /// Departments to choose from; empty while `department_required`:
    /// the provider lists none, so it is typed.
    pub departments: Vec<TicketChoice>,
    pub department_required: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_is_read_from_the_status_word() {
        let ticket = |status: &str| Ticket {
            account: "a".into(),
            id: "1".into(),
            subject: "s".into(),
            status: status.into(),
            category: String::new(),
            priority: String::new(),
            created: None,
            updated: None,
            unread: false,
            thread: Thread::NotFetched,
            details: Vec::new(),
            missing: Vec::new(),
            fetched_at: 0,
        };
        assert!(ticket("Closed").is_closed());
        assert!(ticket("closed by client").is_closed());
        assert!(!ticket("Open").is_closed());
        assert!(!ticket("Answered").is_closed());
        assert_eq!(ticket("Open").reference().kind, ObjectKind::Ticket);
    }
}
