//! The provider side of the fetch pipeline: every read a worker can ask of
//! an account as one value ([`Fetch`]), what it brought ([`Fetched`]), and
//! [`fetch`], which runs it through the API that has it.

use super::dispatch::{offered, Attempt};
use super::{BoxFut, DomainInventory, Inventory, Provider, Result, TicketInventory, TicketScope};
use crate::model::{
    Capability, Colocation, DnsRecord, Domain, HistoryEntry, MetricSeries, Server, Ticket,
    TicketOptions,
};

/// One thing a worker can fetch for an account.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Fetch {
    Inventory,
    Server(String),
    Telemetry(String),
    Domains,
    Domain(String),
    DomainHistory(String),
    Colocation,
    /// The ticket list: every ticket, or the open-or-unread ones.
    Tickets(TicketScope),
    /// One ticket with its thread.
    Ticket(String),
    /// What a new ticket is chosen from.
    TicketOptions,
    /// The DNS records of one domain (its model id, the name).
    Records(String),
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
    Tickets(TicketInventory),
    Ticket(Box<Ticket>),
    TicketOptions(TicketOptions),
    Records(Vec<DnsRecord>),
}

impl Fetch {
    /// The capability it needs, if any (Inventory and Server need none).
    pub fn capability(&self) -> Option<Capability> {
        match self {
            Fetch::Inventory | Fetch::Server(_) => None,
            Fetch::Telemetry(_) => Some(Capability::Telemetry),
            Fetch::Domains | Fetch::Domain(_) => Some(Capability::Domains),
            Fetch::DomainHistory(_) => Some(Capability::DomainRegistry),
            Fetch::Colocation => Some(Capability::Colocation),
            Fetch::Tickets(_) | Fetch::Ticket(_) | Fetch::TicketOptions => {
                Some(Capability::Tickets)
            }
            Fetch::Records(_) => Some(Capability::DnsRecords),
        }
    }

    /// The read as messages name it: `telemetry WA1SRV01`, `list domains`.
    pub fn operation(&self) -> String {
        match self {
            Fetch::Inventory => "list servers".into(),
            Fetch::Server(id) => format!("get server {id}"),
            Fetch::Telemetry(id) => format!("telemetry {id}"),
            Fetch::Domains => "list domains".into(),
            Fetch::Domain(id) => format!("get domain {id}"),
            Fetch::DomainHistory(id) => format!("get domain history {id}"),
            Fetch::Colocation => "list colocation access".into(),
            Fetch::Tickets(TicketScope::All) => "list tickets".into(),
            Fetch::Tickets(TicketScope::OpenOrUnread) => "list open or unread tickets".into(),
            Fetch::Ticket(id) => format!("get ticket {id}"),
            Fetch::TicketOptions => "list ticket categories".into(),
            Fetch::Records(domain) => format!("list DNS records of {domain}"),
        }
    }
}

/// Runs one fetch; a missing API is the one "not offered" error.
pub fn fetch<'a>(provider: &'a dyn Provider, what: &'a Fetch) -> BoxFut<'a, Result<Fetched>> {
    Box::pin(async move {
        let servers = provider.servers();
        Ok(match what {
            Fetch::Inventory => Fetched::Inventory(servers.inventory().await?),
            Fetch::Server(id) => Fetched::Server(Box::new(servers.server(id).await?)),
            Fetch::Telemetry(id) => {
                let api = offered(provider, provider.telemetry(), what)?;
                Fetched::Telemetry(api.telemetry(id).await?)
            }
            Fetch::Domains => {
                let api = offered(provider, provider.domains(), what)?;
                Fetched::Domains(api.domains().await?)
            }
            Fetch::Domain(id) => {
                let api = offered(provider, provider.domains(), what)?;
                Fetched::Domain(Box::new(api.domain(id).await?))
            }
            Fetch::DomainHistory(id) => {
                let api = offered(provider, provider.registry(), what)?;
                Fetched::DomainHistory(api.history(id).await?)
            }
            Fetch::Colocation => {
                let api = offered(provider, provider.colocation(), what)?;
                Fetched::Colocation(api.colocation().await?)
            }
            Fetch::Tickets(scope) => {
                let api = offered(provider, provider.tickets(), what)?;
                Fetched::Tickets(api.tickets(*scope).await?)
            }
            Fetch::Ticket(id) => {
                let api = offered(provider, provider.tickets(), what)?;
                Fetched::Ticket(Box::new(api.ticket(id).await?))
            }
            Fetch::TicketOptions => {
                let api = offered(provider, provider.tickets(), what)?;
                Fetched::TicketOptions(api.options().await?)
            }
            Fetch::Records(domain) => {
                let api = offered(provider, provider.dns(), what)?;
                Fetched::Records(api.records(domain).await?)
            }
        })
    })
}

impl Attempt for Fetch {
    fn needs(&self) -> String {
        self.capability()
            .map_or("it", Capability::label)
            .to_string()
    }

    fn attempted(&self) -> String {
        self.operation()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::testing::Fake;
    use crate::provider::{offers, ErrorKind};

    fn every_fetch() -> [Fetch; 11] {
        [
            Fetch::Inventory,
            Fetch::Server("s1".into()),
            Fetch::Telemetry("s1".into()),
            Fetch::Domains,
            Fetch::Domain("a.nl".into()),
            Fetch::DomainHistory("a.nl".into()),
            Fetch::Colocation,
            Fetch::Tickets(TicketScope::OpenOrUnread),
            Fetch::Ticket("7".into()),
            Fetch::TicketOptions,
            Fetch::Records("a.nl".into()),
        ]
    }

    #[test]
    fn only_inventory_and_server_need_no_capability() {
        let free: Vec<Fetch> = every_fetch()
            .into_iter()
            .filter(|f| f.capability().is_none())
            .collect();
        assert_eq!(free, [Fetch::Inventory, Fetch::Server("s1".into())]);
        assert_eq!(
            Fetch::DomainHistory("a.nl".into()).capability(),
            Some(Capability::DomainRegistry)
        );
    }

    #[tokio::test]
    async fn a_fetch_without_its_api_is_not_offered_and_names_the_read() {
        let bare = Fake::bare();
        for what in every_fetch() {
            let Some(capability) = what.capability() else {
                continue;
            };
            assert!(!offers(&bare, capability));
            let error = fetch(&bare, &what).await.unwrap_err();
            assert_eq!(error.kind, ErrorKind::Unsupported, "{what:?}");
            let expected = format!(
                "fake: {}: {} is not offered by i3d",
                what.operation(),
                capability.label()
            );
            assert_eq!(error.to_string(), expected);
        }
    }

    #[tokio::test]
    async fn a_fetch_brings_what_its_api_answered() {
        let full = Fake::full();
        let fetched = fetch(&full, &Fetch::Telemetry("s1".into())).await.unwrap();
        assert!(matches!(&fetched, Fetched::Telemetry(series) if series[0].name == "s1"));
        let fetched = fetch(&full, &Fetch::Inventory).await.unwrap();
        assert!(matches!(fetched, Fetched::Inventory(i) if i.servers.is_empty()));
        let error = fetch(&full, &Fetch::Server("s9".into())).await.unwrap_err();
        assert_eq!(error.to_string(), "fake: server s9: gone");
        let fetched = fetch(&full, &Fetch::Colocation).await.unwrap();
        assert!(matches!(fetched, Fetched::Colocation(_)));
    }
}
