//! The record views (domains, contacts, colocation): their derived tables
//! and the intents they take (movement, sort, filter, details, refresh),
//! plus the domain and contact actions, which go the common way of every
//! command (capability, read-only, confirm dialog).

use super::intents::scrolled;
use super::*;
use crate::app::command::RecordAction;
use crate::app::listview::{ListRow, ListView};
use crate::app::rows::{contact_label, contact_use, lock_label, ContactUse};
use crate::model::{Visit, Visitor};
use std::collections::HashSet;

/// A domain's history is fetched again after this long.
pub const HISTORY_TTL_MS: Millis = 60_000;
/// Colocation data is fetched again on opening the view after this long.
pub const COLOCATION_TTL_MS: Millis = 60_000;

/// The details panel of one record view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Panel {
    pub open: bool,
    /// First line shown.
    pub scroll: u16,
}

/// Which table of the colocation view has the keyboard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColocationPane {
    #[default]
    Visitors,
    Visits,
}

/// The derived tables of the record views and what they remember.
#[derive(Clone, Debug)]
pub struct RecordViews {
    pub domains: ListView<Domain>,
    pub contacts: ListView<Contact>,
    pub visitors: ListView<Visitor>,
    pub visits: ListView<Visit>,
    pub colocation_pane: ColocationPane,
    pub domain_panel: Panel,
    pub contact_panel: Panel,
    pub colocation_panel: Panel,
    /// The domains that name each contact as a handle.
    pub contact_use: ContactUse,
    /// Accounts whose domains arrived this session (or from the snapshot).
    pub domains_loaded: HashSet<String>,
    /// When each account's domains last arrived.
    pub domains_at: BTreeMap<String, Millis>,
    history_requested: HashMap<Ref, Millis>,
    colocation_requested: HashMap<String, Millis>,
}

impl Default for RecordViews {
    fn default() -> Self {
        RecordViews {
            domains: ListView::sorted_by(1),
            contacts: ListView::sorted_by(1),
            visitors: ListView::sorted_by(1),
            visits: ListView::sorted_by(1),
            colocation_pane: ColocationPane::default(),
            domain_panel: Panel::default(),
            contact_panel: Panel::default(),
            colocation_panel: Panel::default(),
            contact_use: ContactUse::new(),
            domains_loaded: HashSet::new(),
            domains_at: BTreeMap::new(),
            history_requested: HashMap::new(),
            colocation_requested: HashMap::new(),
        }
    }
}

impl RecordViews {
    pub fn panel(&self, kind: ViewKind) -> Panel {
        match kind {
            ViewKind::Domains => self.domain_panel,
            ViewKind::Contacts => self.contact_panel,
            ViewKind::Colocation => self.colocation_panel,
            _ => Panel::default(),
        }
    }

    pub(super) fn panel_mut(&mut self, kind: ViewKind) -> Option<&mut Panel> {
        match kind {
            ViewKind::Domains => Some(&mut self.domain_panel),
            ViewKind::Contacts => Some(&mut self.contact_panel),
            ViewKind::Colocation => Some(&mut self.colocation_panel),
            _ => None,
        }
    }

    /// The table that has the keyboard in `kind`.
    fn table(&self, kind: ViewKind) -> Option<&dyn Table> {
        match (kind, self.colocation_pane) {
            (ViewKind::Domains, _) => Some(&self.domains),
            (ViewKind::Contacts, _) => Some(&self.contacts),
            (ViewKind::Colocation, ColocationPane::Visitors) => Some(&self.visitors),
            (ViewKind::Colocation, ColocationPane::Visits) => Some(&self.visits),
            _ => None,
        }
    }

    fn table_mut(&mut self, kind: ViewKind) -> Option<&mut dyn Table> {
        match (kind, self.colocation_pane) {
            (ViewKind::Domains, _) => Some(&mut self.domains),
            (ViewKind::Contacts, _) => Some(&mut self.contacts),
            (ViewKind::Colocation, ColocationPane::Visitors) => Some(&mut self.visitors),
            (ViewKind::Colocation, ColocationPane::Visits) => Some(&mut self.visits),
            _ => None,
        }
    }
}

impl State {
    /// The filter `/` edits in the current view.
    pub fn active_filter(&self) -> &Filter {
        match self.records.table(self.main_view) {
            Some(table) => table.filter(),
            None => &self.view.filter,
        }
    }

    /// Every colocation visitor, account by account (the visitors table's source).
    pub fn visitors(&self) -> impl Iterator<Item = &Visitor> + '_ {
        self.colocation.values().flat_map(|c| c.visitors.iter())
    }

    /// Every colocation visit, account by account (the visits table's source).
    pub fn visits(&self) -> impl Iterator<Item = &Visit> + '_ {
        self.colocation.values().flat_map(|c| c.visits.iter())
    }

    pub fn selected_visitor(&self) -> Option<&Visitor> {
        let index = self.records.visitors.selected_index()?;
        self.visitors().nth(index)
    }

    pub fn selected_visit(&self) -> Option<&Visit> {
        let index = self.records.visits.selected_index()?;
        self.visits().nth(index)
    }

    /// The contact a domain's handle refers to, in the domain's account.
    pub fn contact_by_handle(&self, account: &str, handle: &str) -> Option<&Contact> {
        self.contacts
            .iter()
            .find(|c| c.account == account && c.matches_handle(handle))
    }

    /// Whether any account offers `capability`.
    pub fn any_offers(&self, capability: Capability) -> bool {
        self.accounts.iter().any(|a| a.offers(capability))
    }

    /// Whether the account offers `capability` (false for unknown accounts).
    pub fn offers(&self, account: &str, capability: Capability) -> bool {
        self.account(account).is_some_and(|a| a.offers(capability))
    }
}

impl Store {
    /// Handles an intent in a record view; `None` when the intent is not
    /// the view's own (quit, help, `:`, switching views, forms).
    pub(super) fn record_intent(&mut self, intent: &Intent) -> Option<Vec<Effect>> {
        let kind = self.state.main_view;
        if !kind.is_record_view() {
            return None;
        }
        let mut effects = match intent {
            Intent::Back => self.record_back(kind),
            Intent::MoveBy(n) | Intent::Scroll(n) => self.record_move(kind, *n, false),
            Intent::PageBy(n) => self.record_move(kind, *n, true),
            Intent::Top => self.record_jump(kind, 0),
            Intent::Bottom => self.record_jump(kind, i64::MAX),
            Intent::SortColumn(column) => {
                self.record_sort(kind, Some(*column), &(column + 1).to_string())
            }
            Intent::SortNamed(name) => {
                let column = self
                    .state
                    .records
                    .table(kind)
                    .and_then(|t| t.column_named(name));
                self.record_sort(kind, column, name)
            }
            Intent::ToggleDetails => self.toggle_record_details(kind),
            Intent::RefreshAll => self.refresh_records(kind, true),
            Intent::StartFilter => self.start_record_filter(kind),
            Intent::Record(action) => self.record_action(*action),
            Intent::FocusNext | Intent::FocusPrev if kind == ViewKind::Colocation => {
                self.switch_colocation_pane()
            }
            Intent::Act(_) | Intent::ToggleMaintenance => {
                let text = "server actions work in the servers view (esc goes back)";
                self.flash(FlashLevel::Warn, text.to_string());
                Vec::new()
            }
            _ => return None,
        };
        effects.extend(self.history_wanted());
        Some(effects)
    }

    /// Switches the main view; opening a record view fetches what it lacks.
    pub(super) fn show_view(&mut self, kind: ViewKind) -> Vec<Effect> {
        self.state.main_view = kind;
        if !kind.is_record_view() {
            return Vec::new();
        }
        self.scroll_records();
        let mut effects = self.refresh_records(kind, false);
        effects.extend(self.history_wanted());
        effects
    }

    fn record_back(&mut self, kind: ViewKind) -> Vec<Effect> {
        let records = &mut self.state.records;
        let filtered = records
            .table(kind)
            .is_some_and(|t| t.filter().is_active() || t.filter().error.is_some());
        if let Some(panel) = records.panel_mut(kind).filter(|p| p.open) {
            panel.open = false;
            self.scroll_records();
        } else if filtered {
            self.set_record_filter("");
        } else {
            self.state.main_view = ViewKind::Servers;
        }
        Vec::new()
    }

    /// Whether the details panel covers the table (a narrow terminal).
    fn record_details_cover(&self, kind: ViewKind) -> bool {
        let (w, h) = self.state.size;
        let open = self.state.records.panel(kind).open;
        open && crate::ui::layout::areas(
            ratatui::layout::Rect::new(0, 0, w, h),
            true,
            self.state.jobs.len(),
        )
        .table
        .height
            == 0
    }

    /// Moves the cursor by `delta` rows (pages when `paged`), or scrolls
    /// the details when they cover the table.
    fn record_move(&mut self, kind: ViewKind, delta: i64, paged: bool) -> Vec<Effect> {
        if self.record_details_cover(kind) {
            let limit = self.state.scroll_limits.details;
            if let Some(panel) = self.state.records.panel_mut(kind) {
                let step = if paged { 10 } else { 1 };
                panel.scroll = scrolled(panel.scroll, delta * step, limit);
            }
            return Vec::new();
        }
        let rows = if paged {
            delta * self.record_page(kind) as i64
        } else {
            delta
        };
        if let Some(table) = self.state.records.table_mut(kind) {
            table.move_by(rows);
        }
        self.scroll_records();
        Vec::new()
    }

    fn record_jump(&mut self, kind: ViewKind, position: i64) -> Vec<Effect> {
        if let Some(table) = self.state.records.table_mut(kind) {
            table.move_to(position);
        }
        self.scroll_records();
        Vec::new()
    }

    fn record_sort(&mut self, kind: ViewKind, column: Option<usize>, name: &str) -> Vec<Effect> {
        let table = self.state.records.table_mut(kind);
        let chosen = column.zip(table).is_some_and(|(c, t)| t.choose_sort(c));
        if !chosen {
            let view = kind.title();
            self.flash(
                FlashLevel::Error,
                format!("no column {name} in the {view} view"),
            );
            return Vec::new();
        }
        match kind {
            ViewKind::Colocation => self.rebuild_colocation_views(),
            _ => self.rebuild_domain_views(),
        }
        Vec::new()
    }

    fn toggle_record_details(&mut self, kind: ViewKind) -> Vec<Effect> {
        if let Some(panel) = self.state.records.panel_mut(kind) {
            panel.open = !panel.open;
            panel.scroll = 0;
        }
        self.scroll_records();
        Vec::new()
    }

    fn start_record_filter(&mut self, kind: ViewKind) -> Vec<Effect> {
        let text = self
            .state
            .records
            .table(kind)
            .map(|t| t.filter().text.clone())
            .unwrap_or_default();
        self.state.mode = Mode::Filter {
            input: text.clone(),
            before: text,
        };
        Vec::new()
    }

    fn switch_colocation_pane(&mut self) -> Vec<Effect> {
        let records = &mut self.state.records;
        records.colocation_pane = match records.colocation_pane {
            ColocationPane::Visitors => ColocationPane::Visits,
            ColocationPane::Visits => ColocationPane::Visitors,
        };
        records.colocation_panel.scroll = 0;
        Vec::new()
    }

    /// Sets the `/` filter of the current record view; false when the
    /// current view is not one.
    pub(super) fn set_record_filter(&mut self, text: &str) -> bool {
        let kind = self.state.main_view;
        let Some(table) = self.state.records.table_mut(kind) else {
            return false;
        };
        table.set_filter(text);
        self.scroll_records();
        true
    }

    /// What the current selection needs fetched once details show it.
    pub(super) fn details_wanted(&mut self) -> Vec<Effect> {
        if self.state.main_view.is_record_view() {
            self.history_wanted()
        } else {
            self.telemetry_wanted()
        }
    }

    /// Refreshes the data of a record view. On opening (`forced` false)
    /// only what is missing: domains of accounts that have none yet, and
    /// colocation data not fetched within [`COLOCATION_TTL_MS`].
    fn refresh_records(&mut self, kind: ViewKind, forced: bool) -> Vec<Effect> {
        // Contacts arrive with the domains of an account.
        let wanted: &[Capability] = match kind {
            ViewKind::Colocation => &[Capability::Colocation],
            ViewKind::Contacts => &[Capability::Contacts, Capability::Domains],
            _ => &[Capability::Domains],
        };
        let accounts: Vec<String> = self
            .state
            .accounts
            .iter()
            .filter(|a| wanted.iter().any(|&c| a.offers(c)))
            .map(|a| a.name.clone())
            .collect();
        if accounts.is_empty() {
            if forced {
                let what = wanted[0].label();
                self.flash(FlashLevel::Warn, format!("no account offers {what}"));
            }
            return Vec::new();
        }
        let effects: Vec<Effect> = if kind == ViewKind::Colocation {
            self.colocation_fetches(accounts, forced)
        } else {
            accounts
                .into_iter()
                .filter(|a| forced || !self.has_domains(a))
                .map(Effect::RefreshDomains)
                .collect()
        };
        if forced {
            let text = format!(
                "refreshing {} of {} account(s)",
                kind.title(),
                effects.len()
            );
            self.flash(FlashLevel::Info, text);
        }
        effects
    }

    fn has_domains(&self, account: &str) -> bool {
        self.state.records.domains_loaded.contains(account)
            || self.state.domains.iter().any(|d| d.account == account)
    }

    fn colocation_fetches(&mut self, accounts: Vec<String>, forced: bool) -> Vec<Effect> {
        let now = now_millis();
        let mut effects = Vec::new();
        for account in accounts {
            let records = &self.state.records;
            let requested = records.colocation_requested.get(&account).copied();
            let fetched = self.state.colocation.get(&account).map(|c| c.fetched_at);
            let fresh = [requested, fetched]
                .into_iter()
                .flatten()
                .any(|at| now - at < COLOCATION_TTL_MS);
            if forced || !fresh {
                let records = &mut self.state.records;
                records.colocation_requested.insert(account.clone(), now);
                effects.push(Effect::FetchColocation(account));
            }
        }
        effects
    }

    /// Fetches the history of the domain the open details panel shows,
    /// unless it was asked for within [`HISTORY_TTL_MS`].
    fn history_wanted(&mut self) -> Vec<Effect> {
        let records = &self.state.records;
        if self.state.main_view != ViewKind::Domains || !records.domain_panel.open {
            return Vec::new();
        }
        let Some(target) = records.domains.selected.clone() else {
            return Vec::new();
        };
        let now = now_millis();
        let fresh = records
            .history_requested
            .get(&target)
            .is_some_and(|&at| now - at < HISTORY_TTL_MS);
        if fresh {
            return Vec::new();
        }
        let records = &mut self.state.records;
        records.history_requested.insert(target.clone(), now);
        vec![Effect::FetchDomainHistory(target)]
    }

    /// Rebuilds the domains and contacts tables after their data changed.
    pub(super) fn rebuild_domain_views(&mut self) {
        let state = &mut self.state;
        let records = &mut state.records;
        records.contact_use = contact_use(&state.contacts, &state.domains);
        records.domains.rebuild(state.domains.iter(), &());
        records
            .contacts
            .rebuild(state.contacts.iter(), &records.contact_use);
        self.scroll_records();
    }

    /// Rebuilds the colocation tables after their data changed.
    pub(super) fn rebuild_colocation_views(&mut self) {
        let state = &mut self.state;
        let records = &mut state.records;
        let all = state.colocation.values();
        records
            .visitors
            .rebuild(all.clone().flat_map(|c| c.visitors.iter()), &());
        records
            .visits
            .rebuild(all.flat_map(|c| c.visits.iter()), &state.now);
        self.scroll_records();
    }

    /// After a restore: the snapshot's domains count as loaded, aged by
    /// when they were fetched.
    pub(super) fn restore_records(&mut self) {
        let state = &mut self.state;
        for domain in &state.domains {
            let at = state.records.domains_at.entry(domain.account.clone());
            let at = at.or_insert(domain.fetched_at);
            *at = (*at).max(domain.fetched_at);
            state.records.domains_loaded.insert(domain.account.clone());
        }
        self.rebuild_domain_views();
    }

    fn record_page(&self, kind: ViewKind) -> usize {
        let open = self.state.records.panel(kind).open;
        let (size, jobs) = (self.state.size, self.state.jobs.len());
        if kind != ViewKind::Colocation {
            return crate::ui::layout::table_rows(size, open, jobs);
        }
        let (top, bottom) = crate::ui::layout::stacked_rows(size, open, jobs);
        match self.state.records.colocation_pane {
            ColocationPane::Visitors => top,
            ColocationPane::Visits => bottom,
        }
    }

    /// Keeps every record table's cursor inside its visible window.
    pub(super) fn scroll_records(&mut self) {
        let (size, jobs) = (self.state.size, self.state.jobs.len());
        let domains = self.record_page(ViewKind::Domains);
        let contacts = self.record_page(ViewKind::Contacts);
        let open = self.state.records.colocation_panel.open;
        let (visitors, visits) = crate::ui::layout::stacked_rows(size, open, jobs);
        let records = &mut self.state.records;
        records.domains.scroll_into_view(domains);
        records.contacts.scroll_into_view(contacts);
        records.visitors.scroll_into_view(visitors);
        records.visits.scroll_into_view(visits);
    }

    /// A domain or contact action on the current selection.
    pub(super) fn record_action(&mut self, action: RecordAction) -> Vec<Effect> {
        match action {
            RecordAction::DeleteContact => self.delete_contact(),
            _ => self.domain_action(action),
        }
    }

    fn domain_action(&mut self, action: RecordAction) -> Vec<Effect> {
        if self.state.main_view != ViewKind::Domains {
            let text = "select a domain in the domains view first (D)";
            self.flash(FlashLevel::Warn, text.to_string());
            return Vec::new();
        }
        let Some(domain) = self.state.selected_domain() else {
            self.flash(FlashLevel::Warn, "no domain selected".to_string());
            return Vec::new();
        };
        let (target, name) = (domain.reference(), domain.id.clone());
        match domain_command(action, domain) {
            Ok(command) => self.request_command(command, target, name),
            Err(reason) => {
                self.flash(FlashLevel::Warn, reason);
                Vec::new()
            }
        }
    }

    fn delete_contact(&mut self) -> Vec<Effect> {
        if self.state.main_view != ViewKind::Contacts {
            let text = "select a contact in the contacts view first (C)";
            self.flash(FlashLevel::Warn, text.to_string());
            return Vec::new();
        }
        let Some(contact) = self.state.selected_contact() else {
            self.flash(FlashLevel::Warn, "no contact selected".to_string());
            return Vec::new();
        };
        let target = contact.reference();
        let name = contact_label(contact);
        let users = self
            .state
            .records
            .contact_use
            .get(&target)
            .cloned()
            .unwrap_or_default();
        let effects = self.request_command(Command::DeleteContact, target, name.clone());
        if matches!(self.state.mode, Mode::Confirm(_)) && !users.is_empty() {
            let text = format!(
                "{name} is used by {} domain(s): {}; the provider may refuse to delete it",
                users.len(),
                users.join(", ")
            );
            self.flash(FlashLevel::Warn, text);
        }
        effects
    }
}

/// What the store does with the table that has the keyboard, whatever
/// its row type.
trait Table {
    fn move_by(&mut self, delta: i64);
    fn move_to(&mut self, position: i64);
    fn choose_sort(&mut self, column: usize) -> bool;
    fn column_named(&self, name: &str) -> Option<usize>;
    fn set_filter(&mut self, text: &str);
    fn filter(&self) -> &Filter;
}

impl<R: ListRow> Table for ListView<R> {
    fn move_by(&mut self, delta: i64) {
        ListView::move_by(self, delta);
    }
    fn move_to(&mut self, position: i64) {
        ListView::move_to(self, position);
    }
    fn choose_sort(&mut self, column: usize) -> bool {
        ListView::choose_sort(self, column)
    }
    fn column_named(&self, name: &str) -> Option<usize> {
        ListView::<R>::column_named(name)
    }
    fn set_filter(&mut self, text: &str) {
        ListView::set_filter(self, text);
    }
    fn filter(&self) -> &Filter {
        &self.filter
    }
}

/// The command a domain action means for this domain, or why not.
fn domain_command(action: RecordAction, domain: &Domain) -> Result<Command, String> {
    let name = &domain.id;
    match action {
        RecordAction::RequestEpp => Ok(Command::RequestEpp),
        RecordAction::ToggleLock => domain
            .locked
            .map(|locked| Command::SetLock { locked: !locked })
            .ok_or_else(|| {
                format!(
                    "the lock state of {name} on {} is unknown: use :lock or :unlock",
                    domain.account
                )
            }),
        RecordAction::SetLock(locked) if domain.locked == Some(locked) => {
            Err(format!("{name} is already {}", lock_label(Some(locked))))
        }
        RecordAction::SetLock(locked) => Ok(Command::SetLock { locked }),
        RecordAction::Cancel { immediate } => Ok(Command::CancelDomain { immediate }),
        RecordAction::DeleteContact => {
            Err("del-contact works on a contact: open the contacts view (C)".to_string())
        }
    }
}
