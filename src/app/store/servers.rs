//! Servers as they arrive: a whole inventory updated in place where the
//! set of servers is unchanged (the usual poll at ten thousand servers),
//! the changes since the last poll merged into the list,
//! one server fetched afresh, the gauges sampled on every poll, and the
//! account's health, which the inventory (the primary list) decides.

use super::*;
use crate::app::resources::ServerData;
use crate::app::server_view::SortOrder;
use crate::model::metric;
use crate::model::{Health, HealthState, Missing, Sample};
use crate::provider::{Coverage, ErrorKind, Inventory, ProviderError, ServerSample};
use std::collections::HashMap;

/// What an in-place refresh changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum InPlace {
    Unchanged,
    Changed { resort: bool },
}

impl InPlace {
    fn with_change(self, resort: bool) -> InPlace {
        match self {
            InPlace::Changed { resort: before } => InPlace::Changed {
                resort: before || resort,
            },
            InPlace::Unchanged => InPlace::Changed { resort },
        }
    }
}

impl Store {
    /// An inventory arrived (every server, or the changed ones): the
    /// account is up, whatever enrichments are missing (they are named on
    /// the account).
    pub(super) fn apply_inventory(
        &mut self,
        account: &str,
        inventory: Inventory,
        latency_ms: u64,
        at: Millis,
    ) -> Vec<Effect> {
        let changed = match inventory.coverage {
            Coverage::Full => self.replace_servers(account, inventory.servers),
            Coverage::Changes => {
                self.confirm_servers(account, &inventory.unread_locations, at);
                let removed = self.remove_servers(account, &inventory.removed);
                let merged = self.merge_servers(account, inventory.servers);
                removed || merged
            }
        };
        let sampled = self.record_samples(account, inventory.samples, at);
        let health_changed = self.mark_healthy(account, latency_ms, at, inventory.missing);
        self.dirty |= changed || sampled || health_changed;
        if changed {
            vec![Effect::SaveSnapshot]
        } else {
            Vec::new()
        }
    }

    /// The inventory failed: the account is down; its last servers stay.
    pub(super) fn inventory_failed(&mut self, account: &str, error: &ProviderError) {
        if self.mark_failed(account, error) {
            self.flash(FlashLevel::Error, format!("{error} (A: accounts)"));
        }
    }

    /// Appends gauges read during a refresh to their servers' ring buffers;
    /// returns whether there were any.
    fn record_samples(&mut self, account: &str, samples: Vec<ServerSample>, at: Millis) -> bool {
        let any = !samples.is_empty();
        for sample in samples {
            let target = Ref::server(account, sample.server_id);
            let slot = self.state.data.telemetry.entry(target).or_default();
            let series = slot.data.get_or_insert_with(Vec::new);
            let point = Sample {
                at: sample.at.unwrap_or(at),
                value: sample.value,
            };
            let name = (sample.metric.as_str(), sample.unit.as_str());
            metric::record(series, name, SAMPLE_CAPACITY, point);
        }
        any
    }

    /// Replaces the servers of one account; returns whether anything changed.
    fn replace_servers(&mut self, account: &str, fresh: Vec<Server>) -> bool {
        match self.update_in_place(account, fresh) {
            Ok(outcome) => self.show_in_place(outcome),
            Err(fresh) => {
                self.rebuild_account(account, fresh);
                true
            }
        }
    }

    /// Merges the servers that changed since the last poll: each replaces
    /// its namesake where it stands, a new one is added, and every other
    /// server of the account stays. Returns whether anything changed.
    fn merge_servers(&mut self, account: &str, changed: Vec<Server>) -> bool {
        let order = self.state.panes.servers.view.order;
        let data = &mut self.state.data.servers;
        let mut outcome = InPlace::Unchanged;
        let mut added = false;
        for server in changed {
            match data.position(account, &server.id) {
                Some(i) => outcome = update_one(data, i, server, order, outcome),
                None => {
                    data.search.push(search_text(&server));
                    data.servers.push(server);
                    added = true;
                }
            }
        }
        if added {
            data.reindex();
            self.rebuild_view();
            return true;
        }
        self.show_in_place(outcome)
    }

    /// A read for changes confirmed the account's other servers as they
    /// are, but those in the locations it did not reach: they count as
    /// fetched now.
    fn confirm_servers(&mut self, account: &str, unread_locations: &[String], at: Millis) {
        let unread = |location: &str| {
            let mut unread = unread_locations.iter();
            unread.any(|l| l.eq_ignore_ascii_case(location))
        };
        let servers = self.state.data.servers.servers.iter_mut();
        for server in servers.filter(|s| s.account == account && !unread(&s.location)) {
            server.fetched_at = server.fetched_at.max(at);
        }
    }

    /// Drops the servers of `account` whose ids are in `removed` (gone
    /// from the provider); returns whether any was there.
    fn remove_servers(&mut self, account: &str, removed: &[String]) -> bool {
        if removed.is_empty() {
            return false;
        }
        let removed: std::collections::HashSet<&str> = removed.iter().map(String::as_str).collect();
        let data = &mut self.state.data.servers;
        let before = data.servers.len();
        let gone = |s: &Server| s.account == account && removed.contains(s.id.as_str());
        let keep: Vec<bool> = data.servers.iter().map(|s| !gone(s)).collect();
        let mut kept = keep.iter();
        data.search.retain(|_| *kept.next().unwrap_or(&true));
        data.servers.retain(|s| !gone(s));
        if data.servers.len() == before {
            return false;
        }
        data.reindex();
        self.rebuild_view();
        true
    }

    /// Shows servers updated where they stand: re-sorts when a sort key
    /// changed, else filters again; returns whether anything changed.
    fn show_in_place(&mut self, outcome: InPlace) -> bool {
        match outcome {
            InPlace::Unchanged => false,
            InPlace::Changed { resort: true } => {
                self.rebuild_view();
                true
            }
            InPlace::Changed { resort: false } => {
                let state = &mut self.state;
                let data = &state.data.servers;
                let view = &mut state.panes.servers.view;
                view.refilter(&data.servers, &data.search);
                self.scroll();
                true
            }
        }
    }

    /// The common refresh: the account has exactly the same servers as
    /// before, so each is updated where it stands and the index holds.
    /// Gives the list back when the set of servers changed.
    fn update_in_place(
        &mut self,
        account: &str,
        fresh: Vec<Server>,
    ) -> Result<InPlace, Vec<Server>> {
        let data = &mut self.state.data.servers;
        let Some(positions) = data.index.get(account) else {
            return Err(fresh);
        };
        if positions.len() != fresh.len() {
            return Err(fresh);
        }
        // The places buffer is kept between refreshes: freeing a block this
        // large makes the allocator sweep every small block freed so far.
        let places = &mut self.places;
        places.clear();
        let mut seen = vec![false; data.servers.len()];
        for server in &fresh {
            match positions.get(&server.id) {
                Some(&i) if !seen[i] => {
                    seen[i] = true;
                    places.push(i);
                }
                _ => return Err(fresh),
            }
        }
        let order = self.state.panes.servers.view.order;
        let mut outcome = InPlace::Unchanged;
        for (server, &i) in fresh.into_iter().zip(places.iter()) {
            outcome = update_one(data, i, server, order, outcome);
        }
        Ok(outcome)
    }

    /// Rebuilds the server list with a new set of servers for one account.
    fn rebuild_account(&mut self, account: &str, fresh: Vec<Server>) {
        let data = &mut self.state.data.servers;
        let mut old: HashMap<String, (Server, String)> = HashMap::new();
        let mut servers = Vec::with_capacity(data.servers.len().max(fresh.len()));
        let mut search = Vec::with_capacity(servers.capacity());
        for (server, text) in data.servers.drain(..).zip(data.search.drain(..)) {
            if server.account == account {
                old.insert(server.id.clone(), (server, text));
            } else {
                servers.push(server);
                search.push(text);
            }
        }
        for server in fresh {
            let previous = if old.is_empty() {
                None
            } else {
                old.remove(&server.id)
            };
            let text = match previous {
                Some((previous, text)) if previous.same_data(&server) => text,
                _ => search_text(&server),
            };
            servers.push(server);
            search.push(text);
        }
        data.servers = servers;
        data.search = search;
        data.reindex();
        self.rebuild_view();
    }

    fn rebuild_view(&mut self) {
        pane(ViewKind::Servers).rebuild(&mut self.state);
    }

    pub(super) fn mark_healthy(
        &mut self,
        account: &str,
        latency_ms: u64,
        at: Millis,
        missing: Vec<Missing>,
    ) -> bool {
        let Some(info) = self.account_mut(account) else {
            return false;
        };
        let before = info.health.clone();
        info.health = Health {
            state: if latency_ms > SLOW_MS {
                HealthState::Slow
            } else {
                HealthState::Ok
            },
            last_error: None,
            last_success_at: Some(at),
            last_latency_ms: Some(latency_ms),
            consecutive_failures: 0,
            missing,
        };
        before.state != info.health.state
            || before.last_error.is_some()
            || before.missing != info.health.missing
    }

    pub(super) fn mark_failed(&mut self, account: &str, error: &ProviderError) -> bool {
        let Some(info) = self.account_mut(account) else {
            return false;
        };
        let before = info.health.clone();
        info.health.state = if error.kind == ErrorKind::Auth {
            HealthState::AuthFailed
        } else {
            HealthState::Degraded
        };
        info.health.last_error = Some(error.to_string());
        info.health.consecutive_failures += 1;
        before.state != info.health.state || before.last_error != info.health.last_error
    }

    pub(super) fn account_mut(&mut self, name: &str) -> Option<&mut AccountInfo> {
        self.state.accounts.iter_mut().find(|a| a.name == name)
    }

    /// One server fetched afresh (after a job, or for its details).
    pub(super) fn apply_server(&mut self, target: &Ref, server: Server) -> Vec<Effect> {
        let text = search_text(&server);
        let data = &mut self.state.data.servers;
        match data.position(&target.account, &target.id) {
            Some(i) => {
                data.servers[i] = server;
                data.search[i] = text;
            }
            None => {
                data.servers.push(server);
                data.search.push(text);
            }
        }
        data.reindex();
        self.dirty = true;
        vec![Effect::SaveSnapshot]
    }
}

/// Puts `server` at position `i`, where its earlier version stands, and
/// adds what that changed to `outcome`.
fn update_one(
    data: &mut ServerData,
    i: usize,
    server: Server,
    order: SortOrder,
    outcome: InPlace,
) -> InPlace {
    if data.servers[i].same_data(&server) {
        data.servers[i].fetched_at = server.fetched_at;
        return outcome;
    }
    let text = search_text(&server);
    let resort = !same_sort_key(order, (&data.servers[i], &data.search[i]), (&server, &text));
    data.search[i] = text;
    data.servers[i] = server;
    outcome.with_change(resort)
}
