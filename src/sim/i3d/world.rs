//! The simulated i3D.net account: dedicated servers, colocations with their
//! PDUs, alerts and rDNS entries, datacenter access entries and the ticket
//! inbox. Ticket calls and rDNS updates change it; reads of the servers
//! advance their load.

use super::models::{Alert, Colocation, ColocationAccess, DedicatedServer, Ticket};
use std::collections::BTreeMap;

/// The ticket categories (`GET /v3/tickets/categories`; the document
/// gives no values, these are ours).
pub const CATEGORIES: [&str; 4] = ["Technical", "Billing", "Network", "Sales"];

/// Ticket `status` words (the document enumerates none; these are ours).
/// New or reopened, nobody answered yet.
pub const OPEN: &str = "Open";
/// The client wrote last; i3D is to answer.
pub const AWAITING_REPLY: &str = "Awaiting reply";
/// i3D answered last; the client is to read it.
pub const ANSWERED: &str = "Answered";
/// Closed by the client or by i3D.
pub const CLOSED: &str = "Closed";

/// A dedicated server and the moment it booted (for `uptime`).
#[derive(Clone, Debug, PartialEq)]
pub struct ServerRecord {
    pub server: DedicatedServer,
    /// None while the server has not checked in recently (no `uptime`).
    pub booted_at: Option<i64>,
}

/// A PDU's fixed traits; its readings follow from them and the time.
#[derive(Clone, Debug, PartialEq)]
pub struct PduSpec {
    pub id: u64,
    pub colocation_id: u64,
    pub name: String,
    pub serial: String,
    pub input_feed_type: String,
    pub outlets: u32,
    pub phases: u32,
    pub power_factor: f64,
    /// What the PDU supports (the model's `amperage`).
    pub amperage: f64,
    /// The typical draw; the history swings around it over a day.
    pub base_amps: f64,
    pub base_volts: f64,
}

/// Who wrote a ticket message the simulator keeps (the API never shows them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Author {
    Client,
    Staff,
}

/// A message posted to a ticket: its content as sent, for inspection.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Message {
    pub from: Author,
    pub title: String,
    pub content: String,
    pub at: i64,
}

/// A ticket with what the model leaves out.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketRecord {
    pub ticket: Ticket,
    /// Closed by i3D for good: `PUT .../open` and replies are refused.
    pub force_closed: bool,
    pub department: String,
    pub email_to: String,
    pub email_cc: String,
    pub messages: Vec<Message>,
}

/// One stored rDNS entry, keyed in [`World::rdns`] by colocation and IP.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RdnsEntry {
    pub colocation_id: u64,
    pub ip_address: String,
    pub hostname: String,
}

/// Everything the simulator knows.
#[derive(Clone, Debug, Default)]
pub struct World {
    pub seed: u64,
    pub servers: Vec<ServerRecord>,
    pub colocations: Vec<Colocation>,
    pub pdus: Vec<PduSpec>,
    /// Alerts with the colocation they belong to.
    pub alerts: Vec<(u64, Alert)>,
    pub access: Vec<ColocationAccess>,
    pub tickets: Vec<TicketRecord>,
    /// rDNS entries by (colocation id, canonical IP text).
    pub rdns: BTreeMap<(u64, String), String>,
    /// Server reads so far; drives the drift of load and memory.
    pub ticks: u64,
    /// The id the next new ticket gets.
    pub next_ticket_id: u64,
}

impl World {
    pub fn colocation(&self, id: u64) -> Option<&Colocation> {
        self.colocations.iter().find(|c| c.id == id)
    }

    /// The PDUs of colocation `id`.
    pub fn pdus_of(&self, id: u64) -> impl Iterator<Item = &PduSpec> {
        self.pdus.iter().filter(move |p| p.colocation_id == id)
    }

    pub fn pdu(&self, id: u64) -> Option<&PduSpec> {
        self.pdus.iter().find(|p| p.id == id)
    }

    pub fn ticket_mut(&mut self, id: u64) -> Option<&mut TicketRecord> {
        self.tickets.iter_mut().find(|t| t.ticket.id == id)
    }

    /// The stored rDNS entries, by colocation and IP.
    pub fn rdns_entries(&self) -> Vec<RdnsEntry> {
        self.rdns
            .iter()
            .map(|((colocation_id, ip), hostname)| RdnsEntry {
                colocation_id: *colocation_id,
                ip_address: ip.clone(),
                hostname: hostname.clone(),
            })
            .collect()
    }

    /// Counts one server read and returns its number.
    pub fn tick(&mut self) -> u64 {
        self.ticks += 1;
        self.ticks
    }

    pub fn new_ticket_id(&mut self) -> u64 {
        let id = self.next_ticket_id;
        self.next_ticket_id += 1;
        id
    }
}
