//! i3D.net provider: REST JSON under `/v3/`, the API key in a
//! `PRIVATE-TOKEN` header, lists paged with `RANGED-DATA:
//! start=N,results=M` (document 001, digest in seeds/digests).
//!
//! What the document offers and what it does not: dedicated servers and
//! colocations (no power operations at all), colocation telemetry (PDU
//! power history, network, bandwidth overuse, alerts), rDNS set per
//! colocation (never read), the datacenter access list, and tickets
//! without message texts. No domains.
//!
//! `wire` holds the answers as documented and their decoding, `client` one
//! exchange (reads retried, lists paged to the end, mutations sent once),
//! `fetch` the reads with their enrichments, `commands` the mutations,
//! `api` the provider's APIs over them, and `map` and `tickets` wire ->
//! model.

mod api;
mod client;
mod commands;
mod fetch;
pub mod map;
pub mod tickets;
pub mod wire;

pub use client::{I3dProvider, PAGE_SIZE};

use crate::model::{Capability, Offering};
use crate::provider::PtrAddresses;
use crate::secret::Secret;

/// Why no server of the account offers power actions.
pub const NO_POWER: &str = "i3D.net's API has no power operations";
/// Why a dedicated server's addresses take no PTR.
pub const RDNS_COLOCATION_ONLY: &str =
    "i3D.net's API sets rDNS only for colocation addresses, not for dedicated servers";
/// Why the console shows only what it set itself.
pub const RDNS_UNREAD: &str = "i3D.net's API cannot read rDNS back";

/// How the PTR of an address on row `row` is set: typed for a colocation
/// (#77 takes any address of it; no call lists them or reads a PTR),
/// refused for a dedicated server.
pub fn ptr_addresses(row: &str) -> PtrAddresses {
    match ServerId::parse(row) {
        Some(ServerId::Colocation(_)) => PtrAddresses::Typed {
            holder: "colocation",
            unread: RDNS_UNREAD,
        },
        Some(ServerId::Dedicated(_)) => PtrAddresses::Refused(RDNS_COLOCATION_ONLY),
        None => PtrAddresses::Refused("the row is not a colocation (expected colo-N)"),
    }
}

/// Why i3D.net offers `what` not at all, from its document (digest §0).
pub fn why_not_offered(what: Offering) -> Option<&'static str> {
    match what {
        Offering::Power => Some(NO_POWER),
        Offering::Capability(Capability::Domains | Capability::Contacts) => {
            Some("i3D.net's API has no domains")
        }
        Offering::Capability(Capability::IpRequests) => {
            Some("i3D.net's API has no call to request addresses")
        }
        Offering::Capability(_) => None,
    }
}

/// Everything an i3D.net account needs.
#[derive(Clone, Debug)]
pub struct I3dSettings {
    /// The account name from the config (shown in every message).
    pub account: String,
    /// `https://api.i3d.net/v3/`; the host alone works too.
    pub base_url: String,
    /// Sent as the `PRIVATE-TOKEN` header, never in a URL.
    pub api_key: Secret,
    /// Connect and whole-request timeouts of every call.
    pub timeouts: crate::provider::http::Timeouts,
}

/// The id of a server row: dedicated servers and colocations are numbered
/// apart, so each kind has its prefix (`ds-12`, `colo-7`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServerId {
    Dedicated(String),
    Colocation(String),
}

impl ServerId {
    const DEDICATED: &'static str = "ds-";
    const COLOCATION: &'static str = "colo-";

    /// The row id of a server by its kind and i3D id.
    pub fn row(&self) -> String {
        match self {
            ServerId::Dedicated(id) => format!("{}{id}", Self::DEDICATED),
            ServerId::Colocation(id) => format!("{}{id}", Self::COLOCATION),
        }
    }

    /// Reads a row id; `None` without a known prefix or an id after it.
    pub fn parse(row: &str) -> Option<ServerId> {
        let row = row.trim();
        let id = |rest: &str| Some(rest.trim().to_string()).filter(|id| !id.is_empty());
        if let Some(rest) = row.strip_prefix(Self::DEDICATED) {
            return id(rest).map(ServerId::Dedicated);
        }
        row.strip_prefix(Self::COLOCATION)
            .and_then(id)
            .map(ServerId::Colocation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_ids_keep_dedicated_servers_and_colocations_apart() {
        let colo = ServerId::Colocation("7".into());
        assert_eq!(colo.row(), "colo-7");
        assert_eq!(ServerId::parse("colo-7"), Some(colo));
        assert_eq!(
            ServerId::parse(" ds-12 "),
            Some(ServerId::Dedicated("12".into()))
        );
        assert_eq!(ServerId::parse("12"), None);
        assert_eq!(ServerId::parse("colo-"), None);
    }

    #[test]
    fn addresses_are_typed_for_colocations_and_refused_for_dedicated_servers() {
        assert!(matches!(
            ptr_addresses("colo-3301"),
            PtrAddresses::Typed {
                holder: "colocation",
                ..
            }
        ));
        assert_eq!(
            ptr_addresses("ds-12001"),
            PtrAddresses::Refused(RDNS_COLOCATION_ONLY)
        );
        assert!(matches!(ptr_addresses("web-1"), PtrAddresses::Refused(_)));
        assert_eq!(why_not_offered(Offering::Power), Some(NO_POWER));
        let tickets = Offering::Capability(Capability::Tickets);
        assert_eq!(why_not_offered(tickets), None);
    }
}
