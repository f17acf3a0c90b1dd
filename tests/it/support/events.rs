//! Builders of the one data event (`Event::Fetched`) and the one fetch
//! effect (`Effect::Fetch`) for each resource, so tests read as before
//! the fetch pipeline became one.

#![allow(dead_code)]

use hostdeck::app::event::{Effect, Event};
use hostdeck::model::{
    Colocation, DnsRecord, HistoryEntry, MetricSeries, Millis, Ref, Server, Ticket, TicketOptions,
};
use hostdeck::provider::{
    DomainInventory, Fetch, Fetched, Inventory, ProviderError, TicketInventory, TicketScope,
};

type Result<T> = std::result::Result<T, ProviderError>;

/// A whole inventory of `account` arrived (or failed).
pub fn inventory(account: &str, result: Result<Inventory>, latency_ms: u64, at: Millis) -> Event {
    Event::Fetched {
        account: account.into(),
        fetch: Fetch::Inventory,
        at,
        latency_ms,
        result: result.map(Fetched::Inventory),
    }
}

/// One server fetched afresh.
pub fn server(target: &Ref, result: Result<Server>) -> Event {
    let fetch = Fetch::Server(target.id.clone());
    let result = result.map(|s| Fetched::Server(Box::new(s)));
    Event::fetched(target.account.clone(), fetch, 0, result)
}

/// Telemetry series of one server.
pub fn telemetry(target: &Ref, result: Result<Vec<MetricSeries>>) -> Event {
    let fetch = Fetch::Telemetry(target.id.clone());
    Event::fetched(
        target.account.clone(),
        fetch,
        0,
        result.map(Fetched::Telemetry),
    )
}

/// Every domain and contact of `account`.
pub fn domains(account: &str, result: Result<DomainInventory>, at: Millis) -> Event {
    Event::fetched(account, Fetch::Domains, at, result.map(Fetched::Domains))
}

/// The history of one domain.
pub fn history(target: &Ref, result: Result<Vec<HistoryEntry>>) -> Event {
    let fetch = Fetch::DomainHistory(target.id.clone());
    Event::fetched(
        target.account.clone(),
        fetch,
        0,
        result.map(Fetched::DomainHistory),
    )
}

/// The colocation visitors and visits of `account`.
pub fn colocation(account: &str, result: Result<Colocation>, at: Millis) -> Event {
    Event::fetched(
        account,
        Fetch::Colocation,
        at,
        result.map(Fetched::Colocation),
    )
}

/// A ticket list of `account` (every ticket, or the open-or-unread ones).
pub fn tickets(
    account: &str,
    scope: TicketScope,
    result: Result<TicketInventory>,
    at: Millis,
) -> Event {
    Event::fetched(
        account,
        Fetch::Tickets(scope),
        at,
        result.map(Fetched::Tickets),
    )
}

/// One ticket with its thread.
pub fn ticket(target: &Ref, result: Result<Ticket>, at: Millis) -> Event {
    let fetch = Fetch::Ticket(target.id.clone());
    let result = result.map(|t| Fetched::Ticket(Box::new(t)));
    Event::fetched(target.account.clone(), fetch, at, result)
}

/// What a new ticket of `account` is chosen from.
pub fn ticket_options(account: &str, result: Result<TicketOptions>, at: Millis) -> Event {
    let result = result.map(Fetched::TicketOptions);
    Event::fetched(account, Fetch::TicketOptions, at, result)
}

/// The DNS records of one domain (its `Ref`).
pub fn records(domain: &Ref, result: Result<Vec<DnsRecord>>, at: Millis) -> Event {
    let fetch = Fetch::Records(domain.id.clone());
    Event::fetched(
        domain.account.clone(),
        fetch,
        at,
        result.map(Fetched::Records),
    )
}

/// The effect listing the DNS records of one domain.
pub fn fetch_records(domain: &Ref) -> Effect {
    Effect::Fetch(domain.account.clone(), Fetch::Records(domain.id.clone()))
}

/// The effect fetching one server afresh.
pub fn fetch_server(target: &Ref) -> Effect {
    Effect::Fetch(target.account.clone(), Fetch::Server(target.id.clone()))
}

/// The effect fetching a server's telemetry.
pub fn fetch_telemetry(target: &Ref) -> Effect {
    Effect::Fetch(target.account.clone(), Fetch::Telemetry(target.id.clone()))
}

/// The effect fetching a domain's history.
pub fn fetch_history(target: &Ref) -> Effect {
    Effect::Fetch(
        target.account.clone(),
        Fetch::DomainHistory(target.id.clone()),
    )
}

/// The effect fetching every domain of an account.
pub fn fetch_domains(account: &str) -> Effect {
    Effect::Fetch(account.into(), Fetch::Domains)
}

/// The effect fetching one ticket with its thread.
pub fn fetch_ticket(target: &Ref) -> Effect {
    Effect::Fetch(target.account.clone(), Fetch::Ticket(target.id.clone()))
}

/// The effect fetching a ticket list of an account.
pub fn fetch_tickets(account: &str, scope: TicketScope) -> Effect {
    Effect::Fetch(account.into(), Fetch::Tickets(scope))
}

/// The effect fetching an account's colocation data.
pub fn fetch_colocation(account: &str) -> Effect {
    Effect::Fetch(account.into(), Fetch::Colocation)
}
