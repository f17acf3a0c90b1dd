//! Capabilities: what an account's provider can do beyond listing servers.
//! The UI offers only what an account declares, and the store refuses the
//! rest with a message naming the account and the missing capability.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Capability {
    /// Edit the PTR record (reverse DNS) of an IP address.
    ReverseDns,
    /// Monitoring profiles: load, port checks, alert history.
    Monitoring,
    /// Domains: list, details, history, EPP, lock, nameservers, cancel.
    Domains,
    /// Domain contacts (registry handles): list, add, edit, delete.
    Contacts,
    /// Colocation access: visitors and datacenter visits.
    Colocation,
    /// The support-ticket inbox.
    Tickets,
    /// Requesting extra IPv4 or IPv6 addresses for a server.
    IpRequests,
}

impl Capability {
    pub const ALL: [Capability; 7] = [
        Capability::ReverseDns,
        Capability::Monitoring,
        Capability::Domains,
        Capability::Contacts,
        Capability::Colocation,
        Capability::Tickets,
        Capability::IpRequests,
    ];

    /// A human name for messages: "reverse DNS editing is not offered by ...".
    pub fn label(self) -> &'static str {
        match self {
            Capability::ReverseDns => "reverse DNS editing",
            Capability::Monitoring => "monitoring",
            Capability::Domains => "domains",
            Capability::Contacts => "domain contacts",
            Capability::Colocation => "colocation access",
            Capability::Tickets => "support tickets",
            Capability::IpRequests => "requesting IP addresses",
        }
    }
}
