//! What a fetch brought: each result goes into its resource (a slot per
//! account or object, or the servers list), the panes fed by that fetch
//! re-derive their rows, and a failure is kept where it belongs. Only the
//! inventory, the primary list, decides the account's health; a failed
//! domains or colocation fetch keeps its last data and its error in its
//! slot, flashing a message only when it is new.

use super::*;
use crate::model::{Colocation, HistoryEntry, MetricSeries};
use crate::provider::{DomainInventory, ErrorKind, Fetch, Fetched, ProviderError};

impl Store {
    pub(super) fn apply_fetched(
        &mut self,
        account: &str,
        fetch: Fetch,
        at: Millis,
        latency_ms: u64,
        result: Result<Fetched, ProviderError>,
    ) -> Vec<Effect> {
        if matches!(
            fetch,
            Fetch::Inventory | Fetch::Domains | Fetch::Colocation | Fetch::Tickets(_)
        ) {
            self.state.now = at;
        }
        let fetched = match result {
            Ok(fetched) => fetched,
            Err(error) => {
                self.fetch_failed(account, &fetch, error);
                return Vec::new();
            }
        };
        let (changed, mut effects) = self.store_fetched(account, &fetch, fetched, latency_ms, at);
        if changed {
            self.rebuild_panes_fed_by(&fetch);
        }
        // A list that updated the ticket whose thread is open makes that
        // thread stale: it is fetched now, not on the next key.
        if changed
            && matches!(fetch, Fetch::Tickets(_))
            && self.state.main_view == ViewKind::Tickets
        {
            effects.extend(pane(ViewKind::Tickets).details_wanted(self));
        }
        // The data age in the shown view's title moved on as well.
        self.dirty |= pane(self.state.main_view).fed_by(&fetch);
        effects
    }

    /// Puts what arrived into its resource; says whether rows changed.
    fn store_fetched(
        &mut self,
        account: &str,
        fetch: &Fetch,
        fetched: Fetched,
        latency_ms: u64,
        at: Millis,
    ) -> (bool, Vec<Effect>) {
        match fetched {
            Fetched::Inventory(inventory) => {
                // Applied in place; the servers view is re-derived there.
                (
                    false,
                    self.apply_inventory(account, inventory, latency_ms, at),
                )
            }
            Fetched::Server(server) => {
                let Fetch::Server(id) = fetch else {
                    return (false, Vec::new());
                };
                (
                    true,
                    self.apply_server(&Ref::server(account, id.clone()), *server),
                )
            }
            Fetched::Telemetry(series) => {
                let Fetch::Telemetry(id) = fetch else {
                    return (false, Vec::new());
                };
                self.apply_telemetry(Ref::server(account, id.clone()), series, at);
                (false, Vec::new())
            }
            Fetched::Domains(inventory) => self.apply_domains(account, inventory, at),
            Fetched::Domain(domain) => (true, self.apply_domain(*domain)),
            Fetched::DomainHistory(history) => {
                let Fetch::DomainHistory(id) = fetch else {
                    return (false, Vec::new());
                };
                let target = Ref::new(account, crate::model::ObjectKind::Domain, id.clone());
                self.apply_history(target, history, at);
                (false, Vec::new())
            }
            Fetched::Colocation(colocation) => {
                self.apply_colocation(account, colocation, at);
                (true, Vec::new())
            }
            Fetched::Tickets(inventory) => {
                let changed = self.apply_tickets(account, inventory, at);
                (changed, snapshot_if(changed))
            }
            Fetched::Ticket(ticket) => {
                self.apply_ticket(*ticket, at);
                (true, vec![Effect::SaveSnapshot])
            }
            Fetched::TicketOptions(options) => {
                self.apply_ticket_options(account, options, at);
                (false, Vec::new())
            }
            Fetched::Records(records) => {
                let Fetch::Records(domain) = fetch else {
                    return (false, Vec::new());
                };
                (self.apply_records(account, domain, records, at), Vec::new())
            }
        }
    }

    fn rebuild_panes_fed_by(&mut self, fetch: &Fetch) {
        for kind in ViewKind::ALL {
            let pane = pane(kind);
            if pane.fed_by(fetch) {
                pane.rebuild(&mut self.state);
            }
        }
    }

    /// A failed fetch: the primary list marks the account down; an
    /// account-wide resource keeps its data and its error; a single object
    /// says what failed.
    fn fetch_failed(&mut self, account: &str, fetch: &Fetch, error: ProviderError) {
        match fetch {
            Fetch::Inventory => self.inventory_failed(account, &error),
            Fetch::Domains => {
                let slot = self.state.data.domains.entry(account.to_string());
                let new = slot.or_default().fail(error.to_string());
                self.resource_failed(account, &error, new);
            }
            Fetch::Colocation => {
                let slot = self.state.data.colocation.entry(account.to_string());
                let new = slot.or_default().fail(error.to_string());
                self.resource_failed(account, &error, new);
            }
            Fetch::Tickets(_) => {
                let slot = self.state.data.tickets.entry(account.to_string());
                let new = slot.or_default().fail(error.to_string());
                self.resource_failed(account, &error, new);
            }
            Fetch::TicketOptions => {
                let slot = self.state.data.ticket_options.entry(account.to_string());
                let slot = slot.or_default();
                slot.requested_at = None;
                slot.fail(error.to_string());
                self.flash(FlashLevel::Warn, error.to_string());
            }
            Fetch::Telemetry(id) => {
                let slot = self
                    .state
                    .data
                    .telemetry
                    .entry(Ref::server(account, id.clone()));
                let slot = slot.or_default();
                slot.requested_at = None;
                slot.error = Some(error.to_string());
                if self.state.panes.servers.panel.open {
                    self.flash(FlashLevel::Warn, error.to_string());
                }
            }
            Fetch::DomainHistory(_) => self.flash(FlashLevel::Warn, error.to_string()),
            Fetch::Records(domain) => self.records_failed(account, domain, &error),
            Fetch::Ticket(id) => {
                // Showing the ticket again asks again.
                let target = Ref::new(account, crate::model::ObjectKind::Ticket, id.clone());
                self.state.data.threads.remove(&target);
                self.flash(FlashLevel::Error, error.to_string())
            }
            Fetch::Server(_) | Fetch::Domain(_) => self.flash(FlashLevel::Error, error.to_string()),
        }
    }

    /// An account-wide resource failed: its last data stays shown. The
    /// message flashes only when it is `new` (a provider that stays down
    /// does not flash on every poll); refused credentials count against
    /// the account's health like any other call.
    fn resource_failed(&mut self, account: &str, error: &ProviderError, new: bool) {
        if error.kind == ErrorKind::Auth {
            self.mark_failed(account, error);
        }
        if new {
            self.flash(FlashLevel::Error, error.to_string());
        }
        self.dirty = true;
    }

    fn apply_telemetry(&mut self, target: Ref, fetched: Vec<MetricSeries>, at: Millis) {
        let visible = self.state.panes.servers.view.selected.as_ref() == Some(&target);
        let slot = self.state.data.telemetry.entry(target).or_default();
        let known = slot.data.get_or_insert_with(Vec::new);
        for series in fetched {
            match known.iter_mut().find(|s| s.name == series.name) {
                Some(existing) => *existing = series,
                None => known.push(series),
            }
        }
        slot.fetched_at = Some(at);
        slot.error = None;
        self.dirty |= visible && self.state.panes.servers.panel.open;
    }

    /// Every domain and contact of one account; says whether they changed.
    fn apply_domains(
        &mut self,
        account: &str,
        inventory: DomainInventory,
        at: Millis,
    ) -> (bool, Vec<Effect>) {
        let DomainInventory {
            mut domains,
            mut contacts,
            missing,
        } = inventory;
        domains.sort_by(|a, b| a.id.cmp(&b.id));
        contacts.sort_by(|a, b| a.id.cmp(&b.id));
        let fresh = DomainData {
            domains,
            contacts,
            missing,
        };
        let slot = self
            .state
            .data
            .domains
            .entry(account.to_string())
            .or_default();
        let changed = !slot
            .data
            .as_ref()
            .is_some_and(|old| same_domain_data(old, &fresh));
        let recovered = slot.fill(fresh, at);
        // The data age in the title moved on as well.
        let shown = matches!(self.state.main_view, ViewKind::Domains | ViewKind::Contacts);
        self.dirty |= changed || recovered || shown;
        let effects = if changed {
            vec![Effect::SaveSnapshot]
        } else {
            Vec::new()
        };
        (changed, effects)
    }

    /// One domain fetched afresh (after a job, or on demand).
    fn apply_domain(&mut self, domain: Domain) -> Vec<Effect> {
        let data = self.state.data.domain_data_mut(&domain.account);
        match data.domains.iter_mut().find(|d| d.id == domain.id) {
            Some(existing) => *existing = domain,
            None => {
                data.domains.push(domain);
                data.domains.sort_by(|a, b| a.id.cmp(&b.id));
            }
        }
        self.dirty = true;
        vec![Effect::SaveSnapshot]
    }

    fn apply_history(&mut self, target: Ref, mut history: Vec<HistoryEntry>, at: Millis) {
        // Newest first; entries without a readable date keep their place at the end.
        history.sort_by_key(|entry| std::cmp::Reverse(entry.at));
        let slot = self.state.data.history.entry(target).or_default();
        slot.fill(history, at);
        self.dirty = true;
    }

    fn apply_colocation(&mut self, account: &str, colocation: Colocation, at: Millis) {
        let slot = self.state.data.colocation.entry(account.to_string());
        slot.or_default().fill(colocation, at);
        self.dirty = true;
    }
}

fn snapshot_if(changed: bool) -> Vec<Effect> {
    if changed {
        vec![Effect::SaveSnapshot]
    } else {
        Vec::new()
    }
}

/// Whether two versions of an account's domain data carry the same
/// domains, contacts and gaps (ignoring when they were fetched).
fn same_domain_data(old: &DomainData, new: &DomainData) -> bool {
    let same_domain = |a: &Domain, b: &Domain| {
        Domain {
            fetched_at: b.fetched_at,
            ..a.clone()
        } == *b
    };
    let same_contact =
        |a: &Contact, b: &Contact| a.fields == b.fields && a.email == b.email && a.id == b.id;
    old.missing == new.missing
        && old.domains.len() == new.domains.len()
        && old.contacts.len() == new.contacts.len()
        && old
            .domains
            .iter()
            .zip(&new.domains)
            .all(|(a, b)| same_domain(a, b))
        && old
            .contacts
            .iter()
            .zip(&new.contacts)
            .all(|(a, b)| same_contact(a, b))
}
