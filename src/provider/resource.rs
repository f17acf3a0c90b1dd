//! The fetch pipeline's provider side: what a worker can fetch for an
//! account ([`Fetch`]), what a fetch brings ([`Fetched`]), and [`fetch`],
//! the one dispatch from one to the provider's APIs.

use super::{BoxFut, DomainInventory, Inventory, Provider, Result};
use crate::model::{Capability, Colocation, Domain, HistoryEntry, MetricSeries, Server};

/// One thing a worker can fetch for an account.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Fetch {
    /// Every server of the account: the primary list that decides
    /// whether the account is up.
    Inventory,
    Server(String),
    Telemetry(String),
    Domains,
    Domain(String),
    DomainHistory(String),
    Colocation,
}

/// What a fetch brought.
#[derive(Clone, Debug)]
pub enum Fetched {
    Inventory(Inventory),
    Server(Box<Server>),
    Telemetry(Vec<MetricSeries>),
    Domains(DomainInventory),
    Domain(Box<Domain>),
    DomainHistory(Vec<HistoryEntry>),
    Colocation(Colocation),
}

impl Fetch {
    /// The capability it needs, if any (servers need none).
    pub fn capability(&self) -> Option<Capability> {
        match self {
            Fetch::Inventory | Fetch::Server(_) => None,
            Fetch::Telemetry(_) => Some(Capability::Telemetry),
            Fetch::Domains | Fetch::Domain(_) | Fetch::DomainHistory(_) => {
                Some(Capability::Domains)
            }
            Fetch::Colocation => Some(Capability::Colocation),
        }
    }
}

/// Runs one fetch on `provider`.
pub fn fetch<'a>(provider: &'a dyn Provider, what: &'a Fetch) -> BoxFut<'a, Result<Fetched>> {
    Box::pin(async move {
        Ok(match what {
            Fetch::Inventory => Fetched::Inventory(provider.inventory().await?),
            Fetch::Server(id) => Fetched::Server(Box::new(provider.server(id).await?)),
            Fetch::Telemetry(id) => Fetched::Telemetry(provider.telemetry(id).await?),
            Fetch::Domains => Fetched::Domains(provider.domains().await?),
            Fetch::Domain(id) => Fetched::Domain(Box::new(provider.domain(id).await?)),
            Fetch::DomainHistory(id) => Fetched::DomainHistory(provider.domain_history(id).await?),
            Fetch::Colocation => Fetched::Colocation(provider.colocation().await?),
        })
    })
}

/// Whether `provider` offers `capability`.
pub fn offers(provider: &dyn Provider, capability: Capability) -> bool {
    provider.capabilities().contains(&capability)
}

/// Sends `command` to `target` on `provider`, once.
pub async fn execute(
    provider: &dyn Provider,
    command: &crate::model::Command,
    target: &crate::model::Ref,
) -> Result<super::Submitted> {
    provider.execute(command, target).await
}
