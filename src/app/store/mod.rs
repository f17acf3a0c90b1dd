//! The store: the only place state changes. `Store::apply` takes an event,
//! updates the state synchronously with no I/O, and returns effects for the
//! runtime to carry out. Data events (refreshes, jobs) are handled in
//! `data.rs`, the user's intents (keys, commands, dialogs) in `intents.rs`.

mod data;
mod domains;
mod forms;
mod intents;
mod records;

pub use records::{ColocationPane, Panel, RecordViews};

use super::command::{parse_command_line, Column, Intent, ViewKind};
use super::event::{Effect, Event, ScrollLimits};
use super::form::Form;
use super::view::{same_sort_key, search_text, Filter, ServerView, SortOrder};
use crate::drafts::Drafts;
use crate::model::{
    now_millis, AccountInfo, Action, Capability, Colocation, Command, Confirmation, Contact,
    Domain, Health, HealthState, HistoryEntry, Job, JobId, JobState, MetricSeries, Millis,
    ObjectKind, Ref, Sample, Server,
};
use crate::provider::{ErrorKind, Inventory, ProviderError, ServerSample};
use crate::snapshot::Snapshot;
use std::collections::{BTreeMap, HashMap, VecDeque};

/// How many finished jobs are kept.
pub const JOB_HISTORY: usize = 200;
/// A refresh slower than this marks the account slow.
pub const SLOW_MS: u64 = 3_000;
/// Telemetry of a server is fetched again after this long.
pub const TELEMETRY_TTL_MS: Millis = 60_000;
/// Samples kept per gauge sampled on every poll (two hours at 30 s).
pub const SAMPLE_CAPACITY: usize = 240;

/// Which dialog button has the focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfirmFocus {
    Cancel,
    Confirm,
}

/// A pending command waiting for the user's yes.
#[derive(Clone, Debug, PartialEq)]
pub struct Confirm {
    pub command: Command,
    pub target: Ref,
    pub target_name: String,
    pub focus: ConfirmFocus,
    /// What the user typed, when the object's name must be typed to confirm.
    pub typed: Option<String>,
}

impl Confirm {
    /// True unless the name must be typed and was not typed exactly.
    pub fn name_matches(&self) -> bool {
        self.typed
            .as_deref()
            .is_none_or(|typed| typed.trim() == self.target_name)
    }
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
    /// A form is open; every key goes to it.
    Form(Box<Form>),
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
    /// Every domain of every account, by account then name.
    pub domains: Vec<Domain>,
    /// Every domain contact of every account, by account then id.
    pub contacts: Vec<Contact>,
    pub domain_history: HashMap<Ref, Vec<HistoryEntry>>,
    /// The last failed domains refresh per account (cleared by a good one).
    pub domain_errors: HashMap<String, String>,
    pub colocation: BTreeMap<String, Colocation>,
    /// The last failed colocation fetch per account (cleared by a good one).
    pub colocation_errors: HashMap<String, String>,
    /// The tables of the domains, contacts and colocation views.
    pub records: RecordViews,
    pub jobs: VecDeque<Job>,
    /// Unsent form content, per form kind and target.
    pub drafts: Drafts,
    pub view: ServerView,
    pub main_view: ViewKind,
    pub mode: Mode,
    pub read_only: bool,
    pub details_open: bool,
    /// First line shown in the details panel.
    pub details_scroll: u16,
    /// How far the details and help could scroll when last drawn.
    pub scroll_limits: ScrollLimits,
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

    pub fn domain(&self, target: &Ref) -> Option<&Domain> {
        self.domains.iter().find(|d| d.reference() == *target)
    }

    pub fn contact(&self, target: &Ref) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.reference() == *target)
    }

    pub fn selected_domain(&self) -> Option<&Domain> {
        let selected = self.records.domains.selected.as_ref();
        selected.and_then(|r| self.domain(r))
    }

    pub fn selected_contact(&self) -> Option<&Contact> {
        let selected = self.records.contacts.selected.as_ref();
        selected.and_then(|r| self.contact(r))
    }

    /// The server an IP address belongs to, as a `Ref`.
    pub fn server_of_ip(&self, account: &str, address: &str) -> Option<Ref> {
        self.servers
            .iter()
            .filter(|s| s.account == account)
            .find(|s| s.ips.iter().any(|ip| ip.address == address))
            .map(Server::reference)
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
    /// Where each server of a refresh stands, reused from refresh to
    /// refresh (see `update_in_place`).
    places: Vec<usize>,
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
                domains: Vec::new(),
                contacts: Vec::new(),
                domain_history: HashMap::new(),
                domain_errors: HashMap::new(),
                colocation: BTreeMap::new(),
                colocation_errors: HashMap::new(),
                records: RecordViews::default(),
                jobs: VecDeque::new(),
                drafts: Drafts::default(),
                view: ServerView::default(),
                main_view: ViewKind::Servers,
                mode: Mode::Normal,
                read_only,
                details_open: false,
                details_scroll: 0,
                scroll_limits: ScrollLimits::default(),
                flash: None,
                size: (80, 24),
                now: now_millis(),
                jobs_cursor: 0,
                next_job_id: 1,
            },
            dirty: true,
            places: Vec::new(),
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
            Event::Drawn(limits) => {
                self.keep_scroll_within(limits);
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
            Event::Domains {
                account,
                result,
                at,
            } => self.apply_domains(&account, result, at),
            Event::DomainRefreshed { target, result } => self.apply_domain(target, result),
            Event::DomainHistory { target, result } => self.apply_domain_history(target, result),
            Event::Colocation {
                account,
                result,
                at,
            } => self.apply_colocation(&account, result, at),
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
            domains: state.domains.clone(),
            contacts: state.contacts.clone(),
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
        state.domains = snapshot
            .domains
            .into_iter()
            .filter(|d| known(&d.account))
            .collect();
        state.contacts = snapshot
            .contacts
            .into_iter()
            .filter(|c| known(&c.account))
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
        self.restore_records();
        self.dirty = true;
    }

    pub(super) fn flash(&mut self, level: FlashLevel, text: String) {
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
        actions_note,
        warnings,
        missing,
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
        && *actions_note == b.actions_note
        && *warnings == b.warnings
        && *missing == b.missing
}
