//! What the store knows of each fetched resource. Every resource an
//! account (or one object) is fetched for has one generic [`Slot`]: the
//! data last fetched, when it arrived, the last error, and when it was
//! last asked for. Servers are the exception: at ten thousand rows they
//! live in one flat, indexed list ([`ServerData`]) so a refresh can update
//! them in place; their per-account state is the account's health.

use crate::model::{
    Colocation, Contact, DnsRecord, Domain, HistoryEntry, MetricSeries, Millis, Missing, Ref,
    Server, Ticket, TicketOptions, Visit, Visitor,
};
use std::collections::{BTreeMap, HashMap};

/// One resource of one account or object.
#[derive(Clone, Debug, PartialEq)]
pub struct Slot<T> {
    /// The data last fetched; kept when a later fetch fails.
    pub data: Option<T>,
    pub fetched_at: Option<Millis>,
    /// The last fetch's error, until a fetch succeeds.
    pub error: Option<String>,
    /// When a fetch was last asked for (it may still be running).
    pub requested_at: Option<Millis>,
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot {
            data: None,
            fetched_at: None,
            error: None,
            requested_at: None,
        }
    }
}

impl<T> Slot<T> {
    /// Whether it was asked for, or arrived, within `ttl` before `now`.
    pub fn is_fresh(&self, now: Millis, ttl: Millis) -> bool {
        [self.requested_at, self.fetched_at]
            .into_iter()
            .flatten()
            .any(|at| now - at < ttl)
    }

    /// Stores fresh data and clears the error; returns whether there was one.
    pub fn fill(&mut self, data: T, at: Millis) -> bool {
        self.data = Some(data);
        self.fetched_at = Some(at);
        self.error.take().is_some()
    }

    /// Keeps the last data and records why the fetch failed; returns
    /// whether the message differs from the one before.
    pub fn fail(&mut self, message: String) -> bool {
        let new = self.error.as_ref() != Some(&message);
        self.error = Some(message);
        new
    }
}

/// Per account, by account name (in name order, so tables list accounts
/// in a stable order).
pub type ByAccount<T> = BTreeMap<String, Slot<T>>;
/// Per object, by its `Ref`.
pub type ByObject<T> = HashMap<Ref, Slot<T>>;

/// The domains and domain contacts of one account: they arrive together.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DomainData {
    /// Sorted by name.
    pub domains: Vec<Domain>,
    /// Sorted by id.
    pub contacts: Vec<Contact>,
    /// Parts the last refresh could not fetch.
    pub missing: Vec<Missing>,
}

/// The tickets of one account.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TicketData {
    /// In the provider's order of ids (numeric where they are numbers).
    pub tickets: Vec<Ticket>,
    /// Parts the last list read could not fetch.
    pub missing: Vec<Missing>,
}

/// Every server of every account in one flat list, with the lowercased
/// search text of each and an index by account and id.
#[derive(Clone, Debug, Default)]
pub struct ServerData {
    pub servers: Vec<Server>,
    /// Lowercased search text per server, aligned with `servers`.
    pub search: Vec<String>,
    /// Where each server is in `servers`: account, then id.
    pub(crate) index: HashMap<String, HashMap<String, usize>>,
}

impl ServerData {
    pub fn position(&self, account: &str, id: &str) -> Option<usize> {
        self.index.get(account)?.get(id).copied()
    }

    pub fn get(&self, target: &Ref) -> Option<&Server> {
        self.position(&target.account, &target.id)
            .and_then(|i| self.servers.get(i))
    }

    /// How many servers an account has.
    pub fn count(&self, account: &str) -> usize {
        self.index.get(account).map_or(0, HashMap::len)
    }

    /// Rebuilds the index after the list changed shape.
    pub fn reindex(&mut self) {
        self.index.clear();
        for (i, server) in self.servers.iter().enumerate() {
            if !self.index.contains_key(&server.account) {
                let ids = HashMap::with_capacity(self.servers.len());
                self.index.insert(server.account.clone(), ids);
            }
            if let Some(ids) = self.index.get_mut(&server.account) {
                ids.insert(server.id.clone(), i);
            }
        }
    }
}

/// Everything fetched, by resource.
#[derive(Clone, Debug, Default)]
pub struct Resources {
    pub servers: ServerData,
    /// Telemetry series per server: fetched ones and gauges sampled on
    /// every refresh (bounded ring buffers).
    pub telemetry: ByObject<Vec<MetricSeries>>,
    pub domains: ByAccount<DomainData>,
    /// The history of a domain, newest first.
    pub history: ByObject<Vec<HistoryEntry>>,
    pub colocation: ByAccount<Colocation>,
    pub tickets: ByAccount<TicketData>,
    /// When each ticket's thread was last asked for (the thread itself is
    /// part of the ticket).
    pub threads: ByObject<()>,
    /// What a new ticket of each account is chosen from.
    pub ticket_options: ByAccount<TicketOptions>,
    /// The DNS records of each domain (by the domain's `Ref`), in the
    /// provider's order.
    pub records: ByObject<Vec<DnsRecord>>,
}

impl Resources {
    /// Every domain, account by account, each account's by name.
    pub fn domains(&self) -> impl Iterator<Item = &Domain> + Clone + '_ {
        every(&self.domains, |d| &d.domains)
    }

    /// Every domain contact, account by account, each account's by id.
    pub fn contacts(&self) -> impl Iterator<Item = &Contact> + Clone + '_ {
        every(&self.domains, |d| &d.contacts)
    }

    /// Every colocation visitor, account by account.
    pub fn visitors(&self) -> impl Iterator<Item = &Visitor> + Clone + '_ {
        every(&self.colocation, |c| &c.visitors)
    }

    /// Every colocation visit, account by account.
    pub fn visits(&self) -> impl Iterator<Item = &Visit> + Clone + '_ {
        every(&self.colocation, |c| &c.visits)
    }

    /// Every ticket, account by account.
    pub fn tickets(&self) -> impl Iterator<Item = &Ticket> + Clone + '_ {
        every(&self.tickets, |t| &t.tickets)
    }

    /// The domain data of one account, created empty when absent.
    pub fn domain_data_mut(&mut self, account: &str) -> &mut DomainData {
        let slot = self.domains.entry(account.to_string()).or_default();
        slot.data.get_or_insert_with(DomainData::default)
    }

    /// Whether an account's domains arrived (this session or from the snapshot).
    pub fn has_domains(&self, account: &str) -> bool {
        self.domains
            .get(account)
            .is_some_and(|slot| slot.data.is_some())
    }

    /// The error of an account's last failed fetch of `slots`, if any.
    pub fn errors<T>(slots: &ByAccount<T>) -> impl Iterator<Item = (&String, &String)> {
        slots
            .iter()
            .filter_map(|(account, slot)| slot.error.as_ref().map(|e| (account, e)))
    }
}

/// The items `part` picks from every account's data, account by account.
fn every<'a, T: 'a, I: 'a>(
    slots: &'a ByAccount<T>,
    part: fn(&T) -> &Vec<I>,
) -> impl Iterator<Item = &'a I> + Clone + 'a {
    slots
        .values()
        .filter_map(|slot| slot.data.as_ref())
        .flat_map(move |data| part(data).iter())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_keeps_its_data_through_a_failure_and_reports_new_errors_once() {
        let mut slot: Slot<u8> = Slot::default();
        assert!(!slot.fill(1, 10));
        assert!(slot.fail("down".into()));
        assert!(!slot.fail("down".into()));
        assert_eq!(slot.data, Some(1));
        assert!(slot.fill(2, 20));
        assert_eq!((slot.data, slot.error.as_deref()), (Some(2), None));
    }

    #[test]
    fn freshness_counts_requests_and_arrivals() {
        let mut slot: Slot<u8> = Slot::default();
        assert!(!slot.is_fresh(100, 50));
        slot.requested_at = Some(60);
        assert!(slot.is_fresh(100, 50));
        assert!(!slot.is_fresh(200, 50));
        slot.fill(1, 190);
        assert!(slot.is_fresh(200, 50));
    }
}
