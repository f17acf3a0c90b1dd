//! HostBill provider: XSServer GmbH's client portal, HostBill's "User
//! API" (document 002, digest `seed-002-xsserver-digest.md`). REST JSON
//! under `/api/`, with HTTP Basic on every call or a JWT from `POST
//! /login`, sent as `Authorization: Bearer` (the document never says how;
//! digest §1.4 item 1) and renewed with `POST /token`.
//!
//! What the document offers and what it does not: tickets with their
//! replies' texts, domains with their nameservers (an empty list resets
//! them to XSServer's defaults, digest §4.5 item 26) and DNS records,
//! and per service its IP addresses, rDNS, PDU ports and VM interfaces.
//! No call lists services or VMs (digest §4.2), so the account's config
//! names them. No power operations, no telemetry history, no domain
//! contacts, transfer codes, locks or cancellation.
//!
//! `wire` holds the answers as documented (and the undocumented ones read
//! leniently), `client` one exchange (authentication, reads retried,
//! mutations sent once, the error bodies), `fetch` the reads with their
//! enrichments, `commands` the mutations, `api` the provider's APIs over
//! them, and `map` and `tickets` wire -> model.

mod api;
mod client;
mod commands;
mod fetch;
pub mod map;
pub mod tickets;
pub mod wire;

pub use client::HostbillProvider;

use crate::model::{Capability, Offering};
use crate::secret::Secret;

/// Why no service offers power actions.
pub const NO_POWER: &str = "XSServer's client API has no power operations";
/// What the provider's default nameservers are called in messages.
pub const DEFAULT_NAMESERVERS: &str = "XSServer's default nameservers";

/// Why XSServer's client API offers `what` not at all (digest §0, §4.5
/// items 33 and 34).
pub fn why_not_offered(what: Offering) -> Option<&'static str> {
    match what {
        Offering::Power => Some(NO_POWER),
        Offering::Capability(Capability::Contacts | Capability::DomainRegistry) => Some(
            "XSServer's client API has no domain contacts, transfer codes, locks or cancellation",
        ),
        Offering::Capability(Capability::Telemetry) => {
            Some("XSServer's client API keeps no history; PDU readings arrive with each refresh")
        }
        Offering::Capability(Capability::Colocation) => {
            Some("XSServer's client API has no datacenter access list")
        }
        Offering::Capability(Capability::IpRequests) => {
            Some("XSServer's client API has no call to request addresses for a service")
        }
        Offering::Capability(_) => None,
    }
}

/// How an account logs in (`auth` in the config).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AuthMode {
    /// `Authorization: Basic` with the e-mail address and password on
    /// every call (digest §1.2).
    #[default]
    Basic,
    /// `POST /login` once, then `Authorization: Bearer <token>`; renewed
    /// with `POST /token` (digest §1.3).
    Jwt,
}

impl AuthMode {
    /// The mode named in the config (`basic` or `jwt`, any case).
    pub fn from_name(name: &str) -> Option<AuthMode> {
        match name.trim().to_ascii_lowercase().as_str() {
            "basic" => Some(AuthMode::Basic),
            "jwt" => Some(AuthMode::Jwt),
            _ => None,
        }
    }
}

/// A service the account shows, and the VMs of it whose interfaces are
/// read: no call lists either (digest §4.2 items 3 and 4).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServiceSpec {
    pub id: u64,
    pub vms: Vec<u64>,
}

impl ServiceSpec {
    pub fn new(id: u64) -> Self {
        ServiceSpec {
            id,
            vms: Vec::new(),
        }
    }
}

/// Everything a HostBill account needs.
#[derive(Clone, Debug)]
pub struct HostbillSettings {
    /// The account name from the config (shown in every message).
    pub account: String,
    /// `https://cp.xsserver.gmbh/api/`; the host alone works too.
    pub base_url: String,
    /// The client-area e-mail address.
    pub username: String,
    pub password: Secret,
    pub auth: AuthMode,
    /// The services shown as server rows, in config order.
    pub services: Vec<ServiceSpec>,
    /// Connect and whole-request timeouts of every call.
    pub timeouts: crate::provider::http::Timeouts,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_modes_are_named_in_any_case() {
        assert_eq!(AuthMode::from_name(" JWT "), Some(AuthMode::Jwt));
        assert_eq!(AuthMode::from_name("basic"), Some(AuthMode::Basic));
        assert_eq!(AuthMode::from_name("bearer"), None);
        assert_eq!(AuthMode::default(), AuthMode::Basic);
    }

    #[test]
    fn the_document_says_why_power_and_registry_actions_are_missing() {
        assert_eq!(why_not_offered(Offering::Power), Some(NO_POWER));
        let registry = Offering::Capability(Capability::DomainRegistry);
        assert!(why_not_offered(registry).is_some_and(|w| w.contains("transfer codes")));
        assert_eq!(
            why_not_offered(Offering::Capability(Capability::Tickets)),
            None
        );
    }
}
