//! The store: the only place state changes. `Store::apply` takes an event,
//! updates the state synchronously with no I/O, and returns effects for the
//! runtime to carry out.

use super::command::{parse_command_line, Column, Intent, ViewKind};
use super::event::{Effect, Event};
use super::view::{same_sort_key, search_text, Filter, ServerView, SortOrder};
use crate::model::{
    now_millis, Action, Health, HealthState, Job, JobId, JobState, MetricSeries, Millis, Ref,
    Server,
};
use crate::provider::{ErrorKind, Inventory, ProviderError};
use crate::snapshot::Snapshot;
use std::collections::{HashMap, VecDeque};

/// How many finished jobs are kept.
pub const JOB_HISTORY: usize = 200;
/// A refresh slower than this marks the account slow.
pub const SLOW_MS: u64 = 3_000;
/// Telemetry of a server is fetched again after this long.
pub const TELEMETRY_TTL_MS: Millis = 60_000;

/// One configured account as the console shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountInfo {
    pub name: String,
    pub kind: String,
    pub read_only: bool,
    pub health: Health,
}

impl AccountInfo {
    pub fn new(name: impl Into<String>, kind: impl Into<String>, read_only: bool) -> Self {
        AccountInfo {
            name: name.into(),
            kind: kind.into(),
            read_only,
            health: Health::default(),
        }
    }
}

/// Which dialog button has the focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfirmFocus {
    Cancel,
    Confirm,
}

/// A pending destructive action waiting for the user's yes.
#[derive(Clone, Debug, PartialEq)]
pub struct Confirm {
    pub action: Action,
    pub target: Ref,
    pub target_name: String,
    pub focus: ConfirmFocus,
}

/// What the keyboard is talking to right now.
#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    Normal,
    /// Typing a `/` filter; `before` is restored on Esc.
    Filter {
        input: String,
        before: String,
    },
    Command {
        input: String,
    },
    Confirm(Confirm),
    Help {
        scroll: u16,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlashLevel {
    Info,
    Warn,
    Error,
}

/// A one-line message in the status bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Flash {
    pub text: String,
    pub level: FlashLevel,
}

/// Everything the UI draws.
#[derive(Clone, Debug)]
pub struct State {
    pub accounts: Vec<AccountInfo>,
    pub servers: Vec<Server>,
    /// Lowercased search text per server, aligned with `servers`.
    pub search: Vec<String>,
    /// Where each server is in `servers`: account, then id.
    index: HashMap<String, HashMap<String, usize>>,
    pub telemetry: HashMap<Ref, Vec<MetricSeries>>,
    telemetry_requested: HashMap<Ref, Millis>,
    pub jobs: VecDeque<Job>,
    pub view: ServerView,
    pub main_view: ViewKind,
    pub mode: Mode,
    pub read_only: bool,
    pub details_open: bool,
    /// First line shown in the details panel.
    pub details_scroll: u16,
    pub flash: Option<Flash>,
    pub size: (u16, u16),
    pub now: Millis,
    pub jobs_cursor: usize,
    next_job_id: JobId,
}

impl State {
    fn position(&self, account: &str, id: &str) -> Option<usize> {
        self.index.get(account)?.get(id).copied()
    }

    pub fn server(&self, target: &Ref) -> Option<&Server> {
        self.position(&target.account, &target.id)
            .and_then(|i| self.servers.get(i))
    }

    pub fn selected_server(&self) -> Option<&Server> {
        self.view.selected.as_ref().and_then(|r| self.server(r))
    }

    pub fn account(&self, name: &str) -> Option<&AccountInfo> {
        self.accounts.iter().find(|a| a.name == name)
    }

    pub fn has_running_jobs(&self) -> bool {
        self.jobs.iter().any(|j| !j.state.is_finished())
    }

    /// Jobs of one target, newest first.
    pub fn jobs_of<'a>(&'a self, target: &'a Ref) -> impl Iterator<Item = &'a Job> + 'a {
        self.jobs.iter().rev().filter(move |j| &j.target == target)
    }

    /// Whether mutating commands on this account are refused.
    pub fn is_read_only(&self, account: &str) -> bool {
        self.read_only || self.account(account).is_some_and(|a| a.read_only)
    }
}

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

/// Owns the state and applies events to it.
pub struct Store {
    state: State,
    dirty: bool,
}

impl Store {
    pub fn new(accounts: Vec<AccountInfo>, read_only: bool) -> Store {
        Store {
            state: State {
                accounts,
                servers: Vec::new(),
                search: Vec::new(),
                index: HashMap::new(),
                telemetry: HashMap::new(),
                telemetry_requested: HashMap::new(),
                jobs: VecDeque::new(),
                view: ServerView::default(),
                main_view: ViewKind::Servers,
                mode: Mode::Normal,
                read_only,
                details_open: false,
                details_scroll: 0,
                flash: None,
                size: (80, 24),
                now: now_millis(),
                jobs_cursor: 0,
                next_job_id: 1,
            },
            dirty: true,
        }
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// Whether the screen needs drawing; resets the flag.
    pub fn take_dirty(&mut self) -> bool {
        std::mem::take(&mut self.dirty)
    }

    pub fn apply(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Intent(intent) => self.apply_intent(intent),
            Event::Resize(w, h) => {
                self.state.size = (w, h);
                self.scroll();
                self.dirty = true;
                Vec::new()
            }
            Event::Inventory {
                account,
                result,
                latency_ms,
                at,
            } => self.apply_inventory(&account, result, latency_ms, at),
            Event::ServerRefreshed { target, result } => self.apply_server(target, result),
            Event::Telemetry { target, result } => self.apply_telemetry(target, result),
            Event::Job {
                id,
                state,
                handle,
                at,
            } => self.apply_job(id, state, handle, at),
            Event::Tick(now) => {
                self.state.now = now;
                self.dirty |= self.state.has_running_jobs();
                Vec::new()
            }
        }
    }

    /// The data worth keeping across a restart.
    pub fn snapshot(&self) -> Snapshot {
        let state = &self.state;
        Snapshot {
            saved_at: now_millis(),
            servers: state.servers.clone(),
            health: state
                .accounts
                .iter()
                .map(|a| (a.name.clone(), a.health.clone()))
                .collect(),
            metrics: state
                .telemetry
                .iter()
                .map(|(target, series)| (target.to_string(), series.clone()))
                .collect(),
            jobs: state.jobs.iter().cloned().collect(),
            ..Snapshot::default()
        }
    }

    /// Draws from last-known data at once. Servers of accounts no longer
    /// configured are dropped; accounts stay "connecting" (stale) until a
    /// fresh refresh lands; jobs left running by the last session are marked
    /// as interrupted, since their outcome is unknown.
    pub fn restore(&mut self, snapshot: Snapshot) {
        let state = &mut self.state;
        let known = |name: &str| state.accounts.iter().any(|a| a.name == name);
        let servers: Vec<Server> = snapshot
            .servers
            .into_iter()
            .filter(|s| known(&s.account))
            .collect();
        for account in &mut state.accounts {
            if let Some(health) = snapshot.health.get(&account.name) {
                account.health.last_success_at = health.last_success_at;
            }
        }
        for (key, series) in snapshot.metrics {
            let Some((account, id)) = key.split_once(':') else {
                continue;
            };
            state.telemetry.insert(Ref::server(account, id), series);
        }
        for mut job in snapshot.jobs {
            if !job.state.is_finished() {
                job.state = JobState::Failed(
                    "interrupted: hostdeck exited before the outcome was known".into(),
                );
            }
            state.next_job_id = state.next_job_id.max(job.id + 1);
            state.jobs.push_back(job);
        }
        state.search = servers.iter().map(search_text).collect();
        state.servers = servers;
        self.reindex();
        self.dirty = true;
    }

    // ----- data events -------------------------------------------------

    fn apply_inventory(
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
                let health_changed = self.mark_healthy(account, latency_ms, at);
                self.dirty |= changed || health_changed;
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

    /// Replaces the servers of one account; returns whether anything changed.
    fn replace_servers(&mut self, account: &str, fresh: Vec<Server>) -> bool {
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
    fn update_in_place(
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
        let mut seen = vec![false; state.servers.len()];
        let mut places = Vec::with_capacity(fresh.len());
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
        for (server, i) in fresh.into_iter().zip(places) {
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
    fn rebuild_account(&mut self, account: &str, fresh: Vec<Server>) {
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

    fn reindex(&mut self) {
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

    fn refilter_view(&mut self) {
        let state = &mut self.state;
        state.view.refilter(&state.servers, &state.search);
        self.scroll();
    }

    fn rebuild_view(&mut self) {
        let state = &mut self.state;
        state.view.rebuild(&state.servers, &state.search);
        self.scroll();
    }

    fn mark_healthy(&mut self, account: &str, latency_ms: u64, at: Millis) -> bool {
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

    fn mark_failed(&mut self, account: &str, error: &ProviderError) -> bool {
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

    fn account_mut(&mut self, name: &str) -> Option<&mut AccountInfo> {
        self.state.accounts.iter_mut().find(|a| a.name == name)
    }

    fn apply_server(
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

    fn apply_telemetry(
        &mut self,
        target: Ref,
        result: Result<Vec<MetricSeries>, ProviderError>,
    ) -> Vec<Effect> {
        match result {
            Ok(series) => {
                let visible = self.state.view.selected.as_ref() == Some(&target);
                self.state.telemetry.insert(target, series);
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

    fn apply_job(
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
                    "{} {} on {}: succeeded {}",
                    job.action.label(),
                    job.target_name,
                    job.target.account,
                    note
                );
                self.flash(FlashLevel::Info, text.trim_end().to_string());
                vec![
                    Effect::RefreshServer(job.target.clone()),
                    Effect::SaveSnapshot,
                ]
            }
            JobState::Failed(reason) => {
                let text = format!(
                    "{} {} on {} failed: {reason}",
                    job.action.label(),
                    job.target_name,
                    job.target.account
                );
                self.flash(FlashLevel::Error, text);
                vec![
                    Effect::RefreshServer(job.target.clone()),
                    Effect::SaveSnapshot,
                ]
            }
            _ => Vec::new(),
        }
    }

    // ----- intents -----------------------------------------------------

    fn apply_intent(&mut self, intent: Intent) -> Vec<Effect> {
        self.dirty = true;
        match self.state.mode.clone() {
            Mode::Filter { input, before } => self.filter_intent(intent, input, before),
            Mode::Command { input } => self.command_intent(intent, input),
            Mode::Confirm(confirm) => self.confirm_intent(intent, confirm),
            Mode::Help { scroll } => self.help_intent(intent, scroll),
            Mode::Normal => self.normal_intent(intent),
        }
    }

    fn normal_intent(&mut self, intent: Intent) -> Vec<Effect> {
        let before = self.state.view.selected.clone();
        let effects = match intent.clone() {
            Intent::Quit => return vec![Effect::SaveSnapshot, Effect::Quit],
            Intent::Back => self.back(),
            Intent::MoveBy(n) | Intent::PageBy(n) | Intent::Scroll(n)
                if self.details_cover_table() =>
            {
                let step = if matches!(intent, Intent::PageBy(_)) {
                    10
                } else {
                    1
                };
                let scroll = i64::from(self.state.details_scroll) + n * step;
                self.state.details_scroll = scroll.clamp(0, 500) as u16;
                Vec::new()
            }
            Intent::MoveBy(n) | Intent::Scroll(n) => self.move_cursor(n),
            Intent::PageBy(n) => {
                let page = self.page_rows() as i64;
                self.move_cursor(n * page)
            }
            Intent::Top => self.move_to(0),
            Intent::Bottom => self.move_to(i64::MAX),
            Intent::SortBy(column) => self.sort_by(column),
            Intent::ToggleDetails => {
                self.state.details_open = !self.state.details_open;
                self.state.details_scroll = 0;
                self.scroll();
                self.telemetry_wanted()
            }
            Intent::ShowHelp => {
                self.state.mode = Mode::Help { scroll: 0 };
                Vec::new()
            }
            Intent::ShowView(kind) => {
                self.state.main_view = kind;
                Vec::new()
            }
            Intent::RefreshAll => self.refresh_all(),
            Intent::Act(action) => self.request_action(action),
            Intent::ToggleMaintenance => self.toggle_maintenance(),
            Intent::StartFilter => {
                let text = self.state.view.filter.text.clone();
                self.state.mode = Mode::Filter {
                    input: text.clone(),
                    before: text,
                };
                Vec::new()
            }
            Intent::StartCommand => {
                self.state.mode = Mode::Command {
                    input: String::new(),
                };
                Vec::new()
            }
            Intent::InputChar(_)
            | Intent::InputBackspace
            | Intent::InputSubmit
            | Intent::FocusNext
            | Intent::FocusPrev
            | Intent::Activate => Vec::new(),
        };
        let mut effects = effects;
        if self.state.view.selected != before {
            effects.extend(self.telemetry_wanted());
        }
        effects
    }

    fn back(&mut self) -> Vec<Effect> {
        if self.state.main_view != ViewKind::Servers {
            self.state.main_view = ViewKind::Servers;
        } else if self.state.details_open {
            self.state.details_open = false;
            self.scroll();
        } else if self.state.view.filter.is_active() || self.state.view.filter.error.is_some() {
            self.set_filter("");
        } else {
            self.state.flash = None;
        }
        Vec::new()
    }

    fn move_cursor(&mut self, delta: i64) -> Vec<Effect> {
        if self.state.main_view == ViewKind::Jobs {
            let last = self.state.jobs.len().saturating_sub(1) as i64;
            self.state.jobs_cursor =
                (self.state.jobs_cursor as i64 + delta).clamp(0, last) as usize;
            return Vec::new();
        }
        let pos = self.state.view.cursor as i64 + delta;
        self.move_to(pos)
    }

    fn move_to(&mut self, pos: i64) -> Vec<Effect> {
        if self.state.main_view == ViewKind::Jobs {
            let last = self.state.jobs.len().saturating_sub(1) as i64;
            self.state.jobs_cursor = pos.clamp(0, last) as usize;
            return Vec::new();
        }
        let state = &mut self.state;
        state.view.move_to(pos, &state.servers);
        self.scroll();
        Vec::new()
    }

    fn sort_by(&mut self, column: Column) -> Vec<Effect> {
        let order = &mut self.state.view.order;
        if order.column == column {
            order.descending = !order.descending;
        } else {
            *order = SortOrder {
                column,
                descending: false,
            };
        }
        self.rebuild_view();
        Vec::new()
    }

    fn refresh_all(&mut self) -> Vec<Effect> {
        self.flash(FlashLevel::Info, "refreshing every account".to_string());
        self.state
            .accounts
            .iter()
            .map(|a| Effect::RefreshAccount(a.name.clone()))
            .collect()
    }

    /// Whether the details panel covers the table (a narrow terminal): then
    /// the movement keys scroll the details instead of the selection.
    fn details_cover_table(&self) -> bool {
        let (w, h) = self.state.size;
        let area = ratatui::layout::Rect::new(0, 0, w, h);
        self.state.details_open
            && crate::ui::layout::areas(area, true, self.state.jobs.len())
                .table
                .height
                == 0
    }

    fn page_rows(&self) -> usize {
        crate::ui::layout::table_rows(
            self.state.size,
            self.state.details_open,
            self.state.jobs.len(),
        )
    }

    fn scroll(&mut self) {
        let page = self.page_rows();
        self.state.view.scroll_into_view(page);
    }

    fn set_filter(&mut self, text: &str) {
        self.state.view.filter = Filter::parse(text);
        self.refilter_view();
    }

    fn filter_intent(&mut self, intent: Intent, mut input: String, before: String) -> Vec<Effect> {
        match intent {
            Intent::InputChar(c) => input.push(c),
            Intent::InputBackspace => {
                input.pop();
            }
            Intent::InputSubmit => {
                self.state.mode = Mode::Normal;
                if let Some(error) = self.state.view.filter.error.clone() {
                    self.flash(FlashLevel::Error, format!("bad regex: {error}"));
                }
                return self.telemetry_wanted();
            }
            Intent::Back | Intent::Quit => {
                self.state.mode = Mode::Normal;
                self.set_filter(&before);
                return Vec::new();
            }
            _ => return Vec::new(),
        }
        self.set_filter(&input);
        self.state.mode = Mode::Filter { input, before };
        Vec::new()
    }

    fn command_intent(&mut self, intent: Intent, mut input: String) -> Vec<Effect> {
        match intent {
            Intent::InputChar(c) => input.push(c),
            Intent::InputBackspace => {
                input.pop();
            }
            Intent::InputSubmit => {
                self.state.mode = Mode::Normal;
                return match parse_command_line(&input) {
                    Ok(intents) => intents
                        .into_iter()
                        .flat_map(|i| self.apply_intent(i))
                        .collect(),
                    Err(message) => {
                        self.flash(FlashLevel::Error, message);
                        Vec::new()
                    }
                };
            }
            Intent::Back | Intent::Quit => {
                self.state.mode = Mode::Normal;
                return Vec::new();
            }
            _ => return Vec::new(),
        }
        self.state.mode = Mode::Command { input };
        Vec::new()
    }

    fn help_intent(&mut self, intent: Intent, scroll: u16) -> Vec<Effect> {
        self.state.mode = match intent {
            Intent::Back | Intent::ShowHelp | Intent::Quit => Mode::Normal,
            Intent::MoveBy(n) | Intent::Scroll(n) | Intent::PageBy(n) => Mode::Help {
                scroll: (scroll as i64 + n).clamp(0, 200) as u16,
            },
            Intent::Top => Mode::Help { scroll: 0 },
            _ => Mode::Help { scroll },
        };
        Vec::new()
    }

    // ----- commands ----------------------------------------------------

    fn toggle_maintenance(&mut self) -> Vec<Effect> {
        let action = match self.state.selected_server() {
            Some(s) if s.in_maintenance => Action::MaintenanceOff,
            _ => Action::MaintenanceOn,
        };
        self.request_action(action)
    }

    /// Checks an action against selection, capability, read-only mode and
    /// running jobs; opens a confirm dialog or sends it.
    fn request_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(server) = self.state.selected_server() else {
            self.flash(FlashLevel::Warn, "no server selected".to_string());
            return Vec::new();
        };
        let target = server.reference();
        let name = server.name.clone();
        if let Some(reason) = self.refusal(server, action) {
            self.flash(FlashLevel::Error, reason.clone());
            return vec![Effect::AuditRefused {
                target,
                action: action.cli_name().to_string(),
                reason,
            }];
        }
        if action.is_destructive() {
            self.state.mode = Mode::Confirm(Confirm {
                action,
                target,
                target_name: name,
                focus: ConfirmFocus::Cancel,
            });
            return Vec::new();
        }
        self.send(action, target, name)
    }

    fn refusal(&self, server: &Server, action: Action) -> Option<String> {
        let account = &server.account;
        if self.state.is_read_only(account) {
            return Some(format!(
                "read-only mode: {} refused for {} on {account}",
                action.label(),
                server.name
            ));
        }
        if !server.supports(action) {
            let kind = self
                .state
                .account(account)
                .map(|a| a.kind.as_str())
                .unwrap_or("this provider");
            return Some(format!(
                "{} is not available for {} on {account} ({kind}; status {}, power {})",
                action.label(),
                server.name,
                server.status,
                server.power.label()
            ));
        }
        let target = server.reference();
        let running = self
            .state
            .jobs_of(&target)
            .find(|j| j.action == action && !j.state.is_finished())
            .map(|j| j.id);
        running.map(|id| {
            format!(
                "{} of {} is already running (job #{id})",
                action.label(),
                server.name
            )
        })
    }

    fn confirm_intent(&mut self, intent: Intent, mut confirm: Confirm) -> Vec<Effect> {
        match intent {
            Intent::FocusNext | Intent::FocusPrev => {
                confirm.focus = match confirm.focus {
                    ConfirmFocus::Cancel => ConfirmFocus::Confirm,
                    ConfirmFocus::Confirm => ConfirmFocus::Cancel,
                };
            }
            Intent::Activate if confirm.focus == ConfirmFocus::Confirm => {
                self.state.mode = Mode::Normal;
                return self.send(confirm.action, confirm.target, confirm.target_name);
            }
            Intent::Activate | Intent::Back | Intent::Quit => {
                self.state.mode = Mode::Normal;
                self.flash(
                    FlashLevel::Info,
                    format!(
                        "cancelled: {} {}",
                        confirm.action.label(),
                        confirm.target_name
                    ),
                );
                return Vec::new();
            }
            _ => {}
        }
        self.state.mode = Mode::Confirm(confirm);
        Vec::new()
    }

    /// Creates the job and emits it, once. Re-checks read-only mode, since
    /// this is the last gate before the network.
    fn send(&mut self, action: Action, target: Ref, target_name: String) -> Vec<Effect> {
        if self.state.is_read_only(&target.account) {
            let reason = format!("read-only mode: {} refused", action.label());
            self.flash(FlashLevel::Error, reason.clone());
            return vec![Effect::AuditRefused {
                target,
                action: action.cli_name().to_string(),
                reason,
            }];
        }
        let now = now_millis();
        let job = Job {
            id: self.state.next_job_id,
            target,
            target_name,
            action,
            state: JobState::Queued,
            created_at: now,
            updated_at: now,
            provider_handle: None,
        };
        self.state.next_job_id += 1;
        self.state.now = now;
        self.flash(
            FlashLevel::Info,
            format!(
                "job #{}: {} {} on {}",
                job.id,
                job.action.label(),
                job.target_name,
                job.target.account
            ),
        );
        self.push_job(job.clone());
        vec![Effect::Send(job)]
    }

    fn push_job(&mut self, job: Job) {
        self.state.jobs.push_back(job);
        self.scroll();
        while self.state.jobs.len() > JOB_HISTORY {
            match self.state.jobs.iter().position(|j| j.state.is_finished()) {
                Some(pos) => {
                    self.state.jobs.remove(pos);
                }
                None => break,
            }
        }
    }

    fn telemetry_wanted(&mut self) -> Vec<Effect> {
        if !self.state.details_open {
            return Vec::new();
        }
        let Some(target) = self.state.view.selected.clone() else {
            return Vec::new();
        };
        let now = now_millis();
        let recent = self
            .state
            .telemetry_requested
            .get(&target)
            .is_some_and(|&at| now - at < TELEMETRY_TTL_MS);
        if recent {
            return Vec::new();
        }
        self.state.telemetry_requested.insert(target.clone(), now);
        vec![Effect::FetchTelemetry(target)]
    }

    fn flash(&mut self, level: FlashLevel, text: String) {
        self.state.flash = Some(Flash { text, level });
        self.dirty = true;
    }
}

/// Whether two versions of a server carry the same data (ignoring when
/// they were fetched). Destructured so a new field cannot be forgotten.
fn same_data(a: &Server, b: &Server) -> bool {
    let Server {
        account,
        id,
        name,
        power,
        status,
        primary_ip,
        location,
        group,
        os,
        cpu,
        memory_gb,
        in_maintenance,
        ips,
        details,
        actions,
        fetched_at: _,
    } = a;
    *account == b.account
        && *id == b.id
        && *name == b.name
        && *power == b.power
        && *status == b.status
        && *primary_ip == b.primary_ip
        && *location == b.location
        && *group == b.group
        && *os == b.os
        && *cpu == b.cpu
        && *memory_gb == b.memory_gb
        && *in_maintenance == b.in_maintenance
        && *ips == b.ips
        && *details == b.details
        && *actions == b.actions
}
