//! Data events: inventory refreshes, single servers, telemetry and job
//! progress, and the derived view they keep up to date.

use super::*;

impl Store {
    pub(super) fn apply_inventory(
        &mut self,
        account: &str,
        result: Result<Inventory, ProviderError>,
        latency_ms: u64,
        at: Millis,
    ) -> Vec<Effect> {
        self.state.now = at;
        match result {
            Ok(inventory) => {
                let changed = self.replace_servers(account, inventory.servers);
                let sampled = self.record_samples(account, inventory.samples, at);
                let health_changed = self.mark_healthy(account, latency_ms, at);
                self.dirty |= changed || sampled || health_changed;
                if changed {
                    vec![Effect::SaveSnapshot]
                } else {
                    Vec::new()
                }
            }
            Err(error) => {
                if self.mark_failed(account, &error) {
                    self.flash(FlashLevel::Error, format!("{error} (A: accounts)"));
                }
                Vec::new()
            }
        }
    }

    /// Appends gauges read during a refresh to their servers' ring buffers;
    /// returns whether there were any.
    pub(super) fn record_samples(
        &mut self,
        account: &str,
        samples: Vec<ServerSample>,
        at: Millis,
    ) -> bool {
        let any = !samples.is_empty();
        for sample in samples {
            let target = Ref::server(account, sample.server_id);
            let series = self.state.telemetry.entry(target).or_default();
            let position = series.iter().position(|s| s.name == sample.metric);
            let index = position.unwrap_or_else(|| {
                series.push(MetricSeries::new(
                    sample.metric,
                    sample.unit,
                    SAMPLE_CAPACITY,
                ));
                series.len() - 1
            });
            series[index].push(Sample {
                at,
                value: sample.value,
            });
        }
        any
    }

    /// Replaces the servers of one account; returns whether anything changed.
    pub(super) fn replace_servers(&mut self, account: &str, fresh: Vec<Server>) -> bool {
        match self.update_in_place(account, fresh) {
            Ok(InPlace::Unchanged) => false,
            Ok(InPlace::Changed { resort }) => {
                if resort {
                    self.rebuild_view();
                } else {
                    self.refilter_view();
                }
                true
            }
            Err(fresh) => {
                self.rebuild_account(account, fresh);
                true
            }
        }
    }

    /// The common refresh: the account has exactly the same servers as
    /// before, so each is updated where it stands and the index holds.
    /// Gives the list back when the set of servers changed.
    pub(super) fn update_in_place(
        &mut self,
        account: &str,
        fresh: Vec<Server>,
    ) -> Result<InPlace, Vec<Server>> {
        let state = &mut self.state;
        let Some(positions) = state.index.get(account) else {
            return Err(fresh);
        };
        if positions.len() != fresh.len() {
            return Err(fresh);
        }
        // The places buffer is kept between refreshes: freeing a block this
        // large makes the allocator sweep every small block freed so far.
        let places = &mut self.places;
        places.clear();
        let mut seen = vec![false; state.servers.len()];
        for server in &fresh {
            match positions.get(&server.id) {
                Some(&i) if !seen[i] => {
                    seen[i] = true;
                    places.push(i);
                }
                _ => return Err(fresh),
            }
        }
        let order = state.view.order;
        let mut outcome = InPlace::Unchanged;
        for (server, &i) in fresh.into_iter().zip(places.iter()) {
            if same_data(&state.servers[i], &server) {
                state.servers[i].fetched_at = server.fetched_at;
                continue;
            }
            let text = search_text(&server);
            let resort = !same_sort_key(
                order,
                (&state.servers[i], &state.search[i]),
                (&server, &text),
            );
            outcome = outcome.with_change(resort);
            state.search[i] = text;
            state.servers[i] = server;
        }
        Ok(outcome)
    }

    /// Rebuilds the server list with a new set of servers for one account.
    pub(super) fn rebuild_account(&mut self, account: &str, fresh: Vec<Server>) {
        let state = &mut self.state;
        let mut old: HashMap<String, (Server, String)> = HashMap::new();
        let mut servers = Vec::with_capacity(state.servers.len().max(fresh.len()));
        let mut search = Vec::with_capacity(servers.capacity());
        for (server, text) in state.servers.drain(..).zip(state.search.drain(..)) {
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
                Some((previous, text)) if same_data(&previous, &server) => text,
                _ => search_text(&server),
            };
            servers.push(server);
            search.push(text);
        }
        state.servers = servers;
        state.search = search;
        self.reindex();
    }

    pub(super) fn reindex(&mut self) {
        let state = &mut self.state;
        state.index.clear();
        for (i, server) in state.servers.iter().enumerate() {
            if !state.index.contains_key(&server.account) {
                let ids = HashMap::with_capacity(state.servers.len());
                state.index.insert(server.account.clone(), ids);
            }
            if let Some(ids) = state.index.get_mut(&server.account) {
                ids.insert(server.id.clone(), i);
            }
        }
        self.rebuild_view();
    }

    pub(super) fn refilter_view(&mut self) {
        let state = &mut self.state;
        state.view.refilter(&state.servers, &state.search);
        self.scroll();
    }

    pub(super) fn rebuild_view(&mut self) {
        let state = &mut self.state;
        state.view.rebuild(&state.servers, &state.search);
        self.scroll();
    }

    pub(super) fn mark_healthy(&mut self, account: &str, latency_ms: u64, at: Millis) -> bool {
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
        };
        before.state != info.health.state || before.last_error.is_some()
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

    pub(super) fn apply_server(
        &mut self,
        target: Ref,
        result: Result<Box<Server>, ProviderError>,
    ) -> Vec<Effect> {
        match result {
            Ok(server) => {
                let server = *server;
                let text = search_text(&server);
                match self.state.position(&target.account, &target.id) {
                    Some(i) => {
                        self.state.servers[i] = server;
                        self.state.search[i] = text;
                    }
                    None => {
                        self.state.servers.push(server);
                        self.state.search.push(text);
                    }
                }
                self.reindex();
                self.dirty = true;
                vec![Effect::SaveSnapshot]
            }
            Err(error) => {
                self.flash(FlashLevel::Error, error.to_string());
                Vec::new()
            }
        }
    }

    pub(super) fn apply_telemetry(
        &mut self,
        target: Ref,
        result: Result<Vec<MetricSeries>, ProviderError>,
    ) -> Vec<Effect> {
        match result {
            Ok(fetched) => {
                let visible = self.state.view.selected.as_ref() == Some(&target);
                let known = self.state.telemetry.entry(target).or_default();
                for series in fetched {
                    match known.iter_mut().find(|s| s.name == series.name) {
                        Some(existing) => *existing = series,
                        None => known.push(series),
                    }
                }
                self.dirty |= visible && self.state.details_open;
            }
            Err(error) => {
                self.state.telemetry_requested.remove(&target);
                if self.state.details_open {
                    self.flash(FlashLevel::Warn, error.to_string());
                }
            }
        }
        Vec::new()
    }

    pub(super) fn apply_job(
        &mut self,
        id: JobId,
        job_state: JobState,
        handle: Option<String>,
        at: Millis,
    ) -> Vec<Effect> {
        self.state.now = at;
        let Some(job) = self.state.jobs.iter_mut().find(|j| j.id == id) else {
            return Vec::new();
        };
        if job.state.is_finished() {
            return Vec::new();
        }
        job.state = job_state;
        job.updated_at = at;
        if handle.is_some() {
            job.provider_handle = handle;
        }
        let job = job.clone();
        self.dirty = true;
        match &job.state {
            JobState::Succeeded(note) => {
                let text = format!(
                    "{} on {}: succeeded {}",
                    job.command.label_on(&job.target_name),
                    job.target.account,
                    note
                );
                self.flash(FlashLevel::Info, text.trim_end().to_string());
                let mut effects = self.refresh_after(&job.target);
                effects.extend(self.drop_sent_draft(job.id));
                effects
            }
            JobState::Failed(reason) => {
                let text = format!(
                    "{} on {} failed: {reason}",
                    job.command.label_on(&job.target_name),
                    job.target.account
                );
                self.flash(FlashLevel::Error, text);
                self.refresh_after(&job.target)
            }
            _ => Vec::new(),
        }
    }

    /// What to fetch afresh once a job on `target` has ended.
    fn refresh_after(&self, target: &Ref) -> Vec<Effect> {
        let refresh = match target.kind {
            ObjectKind::Server => vec![Effect::RefreshServer(target.clone())],
            ObjectKind::Ip => match self.state.server_of_ip(&target.account, &target.id) {
                Some(server) => vec![Effect::RefreshServer(server)],
                None => vec![Effect::RefreshAccount(target.account.clone())],
            },
            ObjectKind::Domain => vec![
                Effect::RefreshDomain(target.clone()),
                Effect::FetchDomainHistory(target.clone()),
            ],
            ObjectKind::Contact => vec![Effect::RefreshDomains(target.account.clone())],
        };
        let mut effects = refresh;
        effects.push(Effect::SaveSnapshot);
        effects
    }
}
