//! Capabilities: what an account's provider can do beyond listing servers.
//! A provider offers a capability by having its API (see `provider`).
//! The UI offers only what an account declares, and the store refuses the
//! rest with a message naming the account and the missing capability.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Capability {
    /// Edit the PTR record (reverse DNS) of an IP address.
    ReverseDns,
    /// Telemetry series of one server, fetched on demand (CLC: hourly cost;
    /// i3D.net: amps per PDU of a colocation).
    Telemetry,
    /// Domains: list, details, nameservers.
    Domains,
    /// A domain's registry actions: transfer (EPP) code, lock, contact
    /// handles, cancel, and the history of those actions.
    DomainRegistry,
    /// Resetting a domain's nameservers to the provider's defaults.
    NameserverReset,
    /// Domain contacts (registry handles): list, add, edit, delete.
    Contacts,
    /// Colocation access: visitors and datacenter visits.
    Colocation,
    /// Requesting extra IPv4 or IPv6 addresses for a server.
    IpRequests,
    /// The support-ticket inbox: read, reply, close, reopen, open.
    Tickets,
    /// The DNS records of a domain: list, add, edit, delete.
    DnsRecords,
}

impl Capability {
    pub const ALL: [Capability; 10] = [
        Capability::ReverseDns,
        Capability::Telemetry,
        Capability::Domains,
        Capability::DomainRegistry,
        Capability::NameserverReset,
        Capability::Contacts,
        Capability::Colocation,
        Capability::IpRequests,
        Capability::Tickets,
        Capability::DnsRecords,
    ];

    /// A human name for messages: "reverse DNS editing is not offered by ...".
    pub fn label(self) -> &'static str {
        match self {
            Capability::ReverseDns => "reverse DNS editing",
            Capability::Telemetry => "telemetry",
            Capability::Domains => "domains",
            Capability::DomainRegistry => "managing domains at the registry",
            Capability::NameserverReset => "resetting nameservers to the provider's defaults",
            Capability::Contacts => "domain contacts",
            Capability::Colocation => "colocation access",
            Capability::IpRequests => "requesting IP addresses",
            Capability::Tickets => "support tickets",
            Capability::DnsRecords => "DNS records",
        }
    }
}

/// Something an account's provider may not offer at all: power actions
/// (which each server of a provider that has them lists in
/// `Server::actions`) or a capability.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Offering {
    Power,
    Capability(Capability),
}

impl Offering {
    /// A human name for messages: "power actions", "requesting IP addresses".
    pub fn label(self) -> &'static str {
        match self {
            Offering::Power => "power actions",
            Offering::Capability(capability) => capability.label(),
        }
    }
}
