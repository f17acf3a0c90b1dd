//! The store: the only place state changes. `Store::apply` takes an event,
//! updates the state synchronously with no I/O, and returns effects for the
//! runtime to carry out.
//!
//! - `intents.rs`: the user's intents in each mode; in normal mode the
//!   current pane's own intents first (see `app::panes`), then what every
//!   pane shares (moving, sorting, filtering, details, refresh);
//! - `commands.rs`: the way every command goes (policy, confirm dialog,
//!   job) and the jobs' progress;
//! - `fetched.rs`: what a fetch brought, into its resource slot, and the
//!   panes fed by it re-derived; `servers.rs`: the in-place update of
//!   ten thousand servers;
//! - `forms.rs`: forms and their drafts.

mod commands;
mod fetched;
mod forms;
mod intents;
mod records;
mod servers;
mod tickets;

use super::bindings::Keymap;
use super::event::{Effect, Event, ScrollLimits};
use super::filter::Filter;
use super::form::Form;
use super::intent::Intent;
use super::panes::{pane, Panes, ViewKind};
use super::resources::{DomainData, Resources, Slot};
use super::server_view::{same_sort_key, search_text};
use crate::drafts::Drafts;
use crate::model::{
    now_millis, AccountInfo, Capability, Command, Contact, DnsRecord, Domain, Job, JobId, JobState,
    Millis, Ref, Server, Ticket, Visit, Visitor,
};
pub use crate::provider::PtrAddresses;
use crate::snapshot::{Snapshot, SnapshotView};
use std::collections::VecDeque;

/// How many finished jobs are kept.
pub const JOB_HISTORY: usize = 200;
/// A refresh slower than this marks the account slow.
pub const SLOW_MS: u64 = 3_000;
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
    /// Whose form draft the command sends, when not the target's (an
    /// edited record's draft is the record's; the command goes to its
    /// domain).
    pub draft_target: Option<Ref>,
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

/// A PTR that hostdeck set: the address, the host name sent, when the
/// job succeeded and which job it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PtrSet<'a> {
    pub address: &'a str,
    pub hostname: &'a str,
    pub at: Millis,
    pub job: JobId,
}

/// Everything the UI draws.
#[derive(Clone, Debug)]
pub struct State {
    pub accounts: Vec<AccountInfo>,
    /// What was fetched, by resource and account.
    pub data: Resources,
    /// The tables and panels of every view.
    pub panes: Panes,
    pub jobs: VecDeque<Job>,
    /// Unsent form content, per form kind and target.
    pub drafts: Drafts,
    pub main_view: ViewKind,
    pub mode: Mode,
    pub read_only: bool,
    /// How far the details and help could scroll when last drawn.
    pub scroll_limits: ScrollLimits,
    pub flash: Option<Flash>,
    pub size: (u16, u16),
    pub now: Millis,
    /// The keys of the binding table, after the config's `[keys]`.
    pub keymap: Keymap,
    next_job_id: JobId,
}

impl State {
    /// Every server of every account.
    pub fn servers(&self) -> &[Server] {
        &self.data.servers.servers
    }

    pub fn server(&self, target: &Ref) -> Option<&Server> {
        self.data.servers.get(target)
    }

    pub fn selected_server(&self) -> Option<&Server> {
        let selected = self.panes.servers.view.selected.as_ref();
        selected.and_then(|r| self.server(r))
    }

    /// The server an IP address belongs to, as a `Ref`.
    pub fn server_of_ip(&self, account: &str, address: &str) -> Option<Ref> {
        self.servers()
            .iter()
            .filter(|s| s.account == account)
            .find(|s| s.ips.iter().any(|ip| ip.address == address))
            .map(Server::reference)
    }

    /// Where the address of a PTR on `server` comes from, as its
    /// account's provider kind declares it.
    pub fn ptr_addresses(&self, server: &Server) -> PtrAddresses {
        match self.account(&server.account) {
            Some(account) => crate::provider::ptr_addresses(account.kind, &server.id),
            None => PtrAddresses::Listed,
        }
    }

    /// Whether the PTR form opens on `server` (its account offering
    /// reverse DNS): it has addresses to choose from, or one is typed.
    pub fn ptr_editable(&self, server: &Server) -> bool {
        self.offers(&server.account, Capability::ReverseDns)
            && match self.ptr_addresses(server) {
                PtrAddresses::Listed => !server.ips.is_empty(),
                PtrAddresses::Typed { .. } => true,
                PtrAddresses::Refused(_) => false,
            }
    }

    /// The PTRs hostdeck itself set on addresses of `server`, newest
    /// first, one per address: from the succeeded PTR jobs that name the
    /// server or target one of its addresses. What hostdeck sent, not
    /// what the PTR is now.
    pub fn ptrs_set_on(&self, server: &Server) -> Vec<PtrSet<'_>> {
        let mut set: Vec<PtrSet<'_>> = Vec::new();
        for job in self.jobs.iter().rev() {
            let Command::SetPtr {
                hostname,
                server: on,
                ..
            } = &job.command
            else {
                continue;
            };
            let ours = job.target.account == server.account
                && (on.as_deref() == Some(server.id.as_str())
                    || server.ips.iter().any(|ip| ip.address == job.target.id));
            let address = job.target.id.as_str();
            if !ours
                || !matches!(job.state, JobState::Succeeded(_))
                || set.iter().any(|p| p.address == address)
            {
                continue;
            }
            set.push(PtrSet {
                address,
                hostname,
                at: job.updated_at,
                job: job.id,
            });
        }
        set
    }

    pub fn domain(&self, target: &Ref) -> Option<&Domain> {
        let data = self.domain_data(&target.account)?;
        data.domains.iter().find(|d| d.id == target.id)
    }

    pub fn contact(&self, target: &Ref) -> Option<&Contact> {
        let data = self.domain_data(&target.account)?;
        data.contacts.iter().find(|c| c.id == target.id)
    }

    /// The domains and contacts of one account, once they arrived.
    pub fn domain_data(&self, account: &str) -> Option<&DomainData> {
        self.data.domains.get(account)?.data.as_ref()
    }

    pub fn selected_domain(&self) -> Option<&Domain> {
        let selected = self.panes.domains.list.selected.as_ref();
        selected.and_then(|r| self.domain(r))
    }

    pub fn selected_contact(&self) -> Option<&Contact> {
        let selected = self.panes.contacts.list.selected.as_ref();
        selected.and_then(|r| self.contact(r))
    }

    /// The contact a domain's handle refers to, in the domain's account.
    pub fn contact_by_handle(&self, account: &str, handle: &str) -> Option<&Contact> {
        let data = self.domain_data(account)?;
        data.contacts.iter().find(|c| c.matches_handle(handle))
    }

    pub fn ticket(&self, target: &Ref) -> Option<&Ticket> {
        let slot = self.data.tickets.get(&target.account)?;
        slot.data
            .as_ref()?
            .tickets
            .iter()
            .find(|t| t.id == target.id)
    }

    pub fn selected_ticket(&self) -> Option<&Ticket> {
        let selected = self.panes.tickets.list.selected.as_ref();
        selected.and_then(|r| self.ticket(r))
    }

    /// The records of a domain (its `Ref`) as last listed.
    pub fn records(&self, domain: &Ref) -> Option<&[DnsRecord]> {
        self.data.records.get(domain)?.data.as_deref()
    }

    /// The record a record `Ref` names, as last listed.
    pub fn record(&self, target: &Ref) -> Option<&DnsRecord> {
        let (domain, id) = crate::model::record_parts(target)?;
        self.records(&domain)?.iter().find(|r| r.id == id)
    }

    pub fn selected_record(&self) -> Option<&DnsRecord> {
        let selected = self.panes.records.list.selected.as_ref();
        selected.and_then(|r| self.record(r))
    }

    pub fn selected_visitor(&self) -> Option<&Visitor> {
        let index = self.panes.colocation.visitors.selected_index()?;
        self.data.visitors().nth(index)
    }

    pub fn selected_visit(&self) -> Option<&Visit> {
        let index = self.panes.colocation.visits.selected_index()?;
        self.data.visits().nth(index)
    }

    pub fn account(&self, name: &str) -> Option<&AccountInfo> {
        self.accounts.iter().find(|a| a.name == name)
    }

    /// Whether any account offers `capability`.
    pub fn any_offers(&self, capability: Capability) -> bool {
        self.accounts.iter().any(|a| a.offers(capability))
    }

    /// Whether the account offers `capability` (false for unknown accounts).
    pub fn offers(&self, account: &str, capability: Capability) -> bool {
        self.account(account).is_some_and(|a| a.offers(capability))
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

    /// The filter `/` edits in the current view, if it has one.
    pub fn active_filter(&self) -> Option<&Filter> {
        pane(self.main_view).filter(self)
    }
}

/// Owns the state and applies events to it.
pub struct Store {
    pub(crate) state: State,
    dirty: bool,
    /// Where each server of a refresh stands, reused from refresh to
    /// refresh (see `servers.rs`).
    places: Vec<usize>,
    /// Typed text kept as a draft but maybe not yet on disk (the runtime
    /// writes it after a short delay); closing or sending writes it now.
    drafts_unsaved: bool,
}

impl Store {
    pub fn new(accounts: Vec<AccountInfo>, read_only: bool) -> Store {
        Store {
            state: State {
                accounts,
                data: Resources::default(),
                panes: Panes::default(),
                jobs: VecDeque::new(),
                drafts: Drafts::default(),
                main_view: ViewKind::Servers,
                mode: Mode::Normal,
                read_only,
                scroll_limits: ScrollLimits::default(),
                flash: None,
                size: (80, 24),
                now: now_millis(),
                keymap: Keymap::default(),
                next_job_id: 1,
            },
            dirty: true,
            places: Vec::new(),
            drafts_unsaved: false,
        }
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// Uses the keys the config remapped.
    pub fn set_keymap(&mut self, keymap: Keymap) {
        self.state.keymap = keymap;
        self.dirty = true;
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
            Event::Fetched {
                account,
                fetch,
                at,
                latency_ms,
                result,
            } => self.apply_fetched(&account, fetch, at, latency_ms, result),
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
            Event::Edited(result) => self.apply_edited(result),
        }
    }

    /// The data worth keeping across a restart.
    pub fn snapshot(&self) -> Snapshot {
        let view = self.snapshot_view();
        Snapshot {
            version: view.version,
            saved_at: view.saved_at,
            servers: view.servers.to_vec(),
            health: view
                .health
                .into_iter()
                .map(|(name, health)| (name.to_string(), health.clone()))
                .collect(),
            metrics: view
                .metrics
                .into_iter()
                .map(|(target, series)| (target, series.clone()))
                .collect(),
            jobs: view.jobs.into_iter().cloned().collect(),
            domains: view.domains.into_iter().cloned().collect(),
            contacts: view.contacts.into_iter().cloned().collect(),
            tickets: view.tickets.into_iter().cloned().collect(),
        }
    }

    /// What [`Store::snapshot`] holds, borrowed: what the console saves.
    pub fn snapshot_view(&self) -> SnapshotView<'_> {
        let state = &self.state;
        SnapshotView {
            version: crate::snapshot::SNAPSHOT_VERSION,
            saved_at: now_millis(),
            servers: state.servers(),
            health: state
                .accounts
                .iter()
                .map(|a| (a.name.as_str(), &a.health))
                .collect(),
            metrics: state
                .data
                .telemetry
                .iter()
                .filter_map(|(target, slot)| Some((target.to_string(), slot.data.as_ref()?)))
                .collect(),
            jobs: state.jobs.iter().collect(),
            domains: state.data.domains().collect(),
            contacts: state.data.contacts().collect(),
            tickets: state.data.tickets().collect(),
        }
    }

    /// Draws from last-known data at once. Data of accounts no longer
    /// configured is dropped; accounts stay "connecting" (stale) until a
    /// fresh refresh lands; jobs left running by the last session are marked
    /// as interrupted, since their outcome is unknown. The snapshot's
    /// domains count as arrived, aged by when they were fetched.
    pub fn restore(&mut self, snapshot: Snapshot) {
        let state = &mut self.state;
        let known = |name: &str| state.accounts.iter().any(|a| a.name == name);
        let servers: Vec<Server> = snapshot
            .servers
            .into_iter()
            .filter(|s| known(&s.account))
            .collect();
        for domain in snapshot.domains.into_iter().filter(|d| known(&d.account)) {
            restore_into(&mut state.data, &domain.account.clone(), domain.fetched_at)
                .domains
                .push(domain);
        }
        for contact in snapshot.contacts.into_iter().filter(|c| known(&c.account)) {
            restore_into(
                &mut state.data,
                &contact.account.clone(),
                contact.fetched_at,
            )
            .contacts
            .push(contact);
        }
        for ticket in snapshot.tickets.into_iter().filter(|t| known(&t.account)) {
            let slot = state
                .data
                .tickets
                .entry(ticket.account.clone())
                .or_default();
            let at = slot.fetched_at.get_or_insert(ticket.fetched_at);
            *at = (*at).max(ticket.fetched_at);
            slot.data
                .get_or_insert_with(Default::default)
                .tickets
                .push(ticket);
        }
        for account in &mut state.accounts {
            if let Some(health) = snapshot.health.get(&account.name) {
                account.health.last_success_at = health.last_success_at;
            }
        }
        for (key, series) in snapshot.metrics {
            let Some((account, id)) = key.split_once(':') else {
                continue;
            };
            let slot = state.data.telemetry.entry(Ref::server(account, id));
            slot.or_default().data = Some(series);
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
        let data = &mut state.data.servers;
        data.search = servers.iter().map(search_text).collect();
        data.servers = servers;
        data.reindex();
        for kind in ViewKind::ALL {
            pane(kind).rebuild(&mut self.state);
        }
        self.dirty = true;
    }

    pub(crate) fn flash(&mut self, level: FlashLevel, text: String) {
        self.state.flash = Some(Flash { text, level });
        self.dirty = true;
    }

    /// Keeps every table's cursor inside its visible rows (after a resize,
    /// or when the jobs strip grew).
    pub(crate) fn scroll(&mut self) {
        for kind in ViewKind::ALL {
            pane(kind).scroll(&mut self.state);
        }
    }
}

/// The domain data of an account being restored, aged by the oldest
/// `fetched_at` of what it holds.
fn restore_into<'a>(
    data: &'a mut Resources,
    account: &str,
    fetched_at: Millis,
) -> &'a mut DomainData {
    let slot: &mut Slot<DomainData> = data.domains.entry(account.to_string()).or_default();
    let at = slot.fetched_at.get_or_insert(fetched_at);
    *at = (*at).max(fetched_at);
    slot.data.get_or_insert_with(DomainData::default)
}
