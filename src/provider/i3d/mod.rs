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

use crate::secret::Secret;

/// Everything an i3D.net account needs.
#[derive(Clone, Debug)]
pub struct I3dSettings {
    /// The account name from the config (shown in every message).
    pub account: String,
    /// `https://api.i3d.net/v3/`; the host alone works too.
    pub base_url: String,
    /// Sent as the `PRIVATE-TOKEN` header, never in a URL.
    pub api_key: Secret,
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
}
