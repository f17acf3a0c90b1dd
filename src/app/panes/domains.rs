//! The domains pane: every domain of every account in one table (columns
//! in [`DomainColumn`]), the details panel with the domain's history, and
//! the domain actions (the nameserver form, and where the provider has
//! them the reset to its default nameservers and the registry actions:
//! EPP code, lock, cancel, the contact form), which go the common way of
//! every command.

use super::{list_columns, Pane, Panel, Table, ViewKind};
use crate::app::bindings::{Binding, Hint, Run};
use crate::app::event::Effect;
use crate::app::filter::Filter;
use crate::app::form::FormKind;
use crate::app::intent::{DomainAction, Intent};
use crate::app::labels::{days_label, lock_label, ymd};
use crate::app::listview::{search_of, Column, Fit, ListRow, ListView, SortKey};
use crate::app::store::{FlashLevel, State, Store};
use crate::model::{now_millis, Capability, Command, Domain, Millis, Ref};
use crate::provider::Fetch;

/// The view these keys work in.
const VIEW: &[ViewKind] = &[ViewKind::Domains];

/// The keys of the domains pane, in the order the hint bar shows them.
pub static BINDINGS: &[Binding] = &[
    Binding::show(
        "domains",
        &["domain", "dom"],
        &["D"],
        "domains view",
        VIEW[0],
    ),
    registry(
        "epp",
        &["e"],
        "request the transfer (EPP) code (asks first)",
        Intent::Domain(DomainAction::RequestEpp),
    )
    .aliases(&["request-epp"])
    .hint(Hint::When(|s| on_domain(s, "epp"))),
    registry(
        "toggle-lock",
        &["L"],
        "lock / unlock at the registry (asks first)",
        Intent::Domain(DomainAction::ToggleLock),
    )
    .hint(Hint::When(|s| match s.selected_domain()?.locked? {
        true => Some("unlock"),
        false => Some("lock"),
    })),
    domain(
        "ns",
        &["n"],
        "edit the nameservers (form)",
        Intent::OpenForm(FormKind::Nameservers),
    )
    .aliases(&["nameservers"])
    .hint(Hint::When(|s| on_domain(s, "ns"))),
    Binding::new(
        "reset-ns",
        &["N"],
        "reset to the provider's nameservers (asks first)",
        Run::Intent(Intent::Domain(DomainAction::ResetNameservers)),
    )
    .views(VIEW)
    .needs(Capability::NameserverReset)
    .mutating()
    .hint(Hint::When(|s| on_domain(s, "reset ns"))),
    registry(
        "domain-contacts",
        &["c"],
        "change the owner / admin / tech handles (form)",
        Intent::OpenForm(FormKind::DomainContacts),
    )
    .hint(Hint::When(|s| on_domain(s, "contacts"))),
    registry(
        "cancel",
        &["X"],
        "cancel at the end of the term (type the name)",
        Intent::Domain(DomainAction::Cancel { immediate: false }),
    )
    .hint(Hint::When(|s| on_domain(s, "cancel"))),
    registry(
        "cancel-direct",
        &[],
        "cancel IMMEDIATELY (type the name; no key)",
        Intent::Domain(DomainAction::Cancel { immediate: true }),
    ),
    registry(
        "lock",
        &[],
        "lock at the registry",
        Intent::Domain(DomainAction::SetLock(true)),
    ),
    registry(
        "unlock",
        &[],
        "unlock at the registry",
        Intent::Domain(DomainAction::SetLock(false)),
    ),
];

/// A domain action on the selected domain.
const fn domain(
    name: &'static str,
    keys: &'static [&'static str],
    help: &'static str,
    intent: Intent,
) -> Binding {
    Binding::new(name, keys, help, Run::Intent(intent))
        .views(VIEW)
        .needs(Capability::Domains)
        .mutating()
}

/// A registry action on the selected domain.
const fn registry(
    name: &'static str,
    keys: &'static [&'static str],
    help: &'static str,
    intent: Intent,
) -> Binding {
    domain(name, keys, help, intent).needs(Capability::DomainRegistry)
}

/// `label` when a domain is selected.
fn on_domain(state: &State, label: &'static str) -> Option<&'static str> {
    state.selected_domain().map(|_| label)
}

/// A domain's history is fetched again after this long.
pub const HISTORY_TTL_MS: Millis = 60_000;

/// The table and details panel of the domains pane.
#[derive(Clone, Debug)]
pub struct DomainsPane {
    pub list: ListView<Domain>,
    pub panel: Panel,
}

impl Default for DomainsPane {
    fn default() -> Self {
        DomainsPane {
            list: ListView::sorted_by(1),
            panel: Panel::default(),
        }
    }
}

/// Columns of the domains table. Registration and TLD give way first on
/// narrow terminals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DomainColumn {
    Account,
    Domain,
    Tld,
    Status,
    Registered,
    Expires,
    Lock,
}

impl Column for DomainColumn {
    type Row = Domain;
    /// Now, for the days left.
    type Context = Millis;
    const ALL: &'static [Self] = &[
        DomainColumn::Account,
        DomainColumn::Domain,
        DomainColumn::Tld,
        DomainColumn::Status,
        DomainColumn::Registered,
        DomainColumn::Expires,
        DomainColumn::Lock,
    ];

    fn title(self) -> &'static str {
        match self {
            DomainColumn::Account => "ACCOUNT",
            DomainColumn::Domain => "DOMAIN",
            DomainColumn::Tld => "TLD",
            DomainColumn::Status => "STATUS",
            DomainColumn::Registered => "REGISTERED",
            DomainColumn::Expires => "EXPIRES",
            DomainColumn::Lock => "LOCK",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            DomainColumn::Account => &["acc"],
            DomainColumn::Domain => &["name"],
            DomainColumn::Registered => &["reg", "created"],
            DomainColumn::Expires => &["end", "expiry", "expiration"],
            DomainColumn::Lock => &["locked"],
            DomainColumn::Tld | DomainColumn::Status => &[],
        }
    }

    fn fit(self) -> Fit {
        match self {
            DomainColumn::Account => Fit::new(7, 2),
            DomainColumn::Domain => Fit::new(12, 0),
            DomainColumn::Tld => Fit::new(3, 3),
            DomainColumn::Status => Fit::new(6, 1),
            DomainColumn::Registered => Fit::new(10, 4),
            DomainColumn::Expires => Fit::new(11, 0),
            DomainColumn::Lock => Fit::new(6, 0),
        }
    }

    fn sort_key(self, domain: &Domain, _: &Millis) -> SortKey {
        match self {
            DomainColumn::Account => SortKey::text(&domain.account),
            DomainColumn::Domain => SortKey::text(&domain.id),
            DomainColumn::Tld => SortKey::text(&domain.tld),
            DomainColumn::Status => SortKey::text(&domain.status),
            DomainColumn::Registered => SortKey::number(domain.registered),
            DomainColumn::Expires => SortKey::number(domain.expires),
            DomainColumn::Lock => SortKey::text(lock_label(domain.locked)),
        }
    }

    /// Expiring domains are marked `!` with the days left, so the mark
    /// survives NO_COLOR.
    fn cell(self, domain: &Domain, now: &Millis) -> String {
        match self {
            DomainColumn::Account => domain.account.clone(),
            DomainColumn::Domain => domain.id.clone(),
            DomainColumn::Tld => domain.tld.clone(),
            DomainColumn::Status => domain.status.clone(),
            DomainColumn::Registered => ymd(domain.registered),
            DomainColumn::Expires => expiry_cell(domain, *now),
            DomainColumn::Lock => lock_label(domain.locked).to_string(),
        }
    }
}

fn expiry_cell(domain: &Domain, now: Millis) -> String {
    let soon = domain.expires_soon(now);
    let mut expires = if soon { "!" } else { " " }.to_string();
    expires.push_str(&ymd(domain.expires));
    if let Some(days) = domain.days_left(now).filter(|_| soon) {
        expires.push(' ');
        expires.push_str(&days_label(days));
    }
    expires
}

impl ListRow for Domain {
    type Key = Ref;
    type Context = Millis;
    type Column = DomainColumn;

    fn key(&self) -> Ref {
        self.reference()
    }

    fn search_text(&self, _: &Millis) -> String {
        let registered = ymd(self.registered);
        let expires = ymd(self.expires);
        search_of([
            self.account.as_str(),
            self.id.as_str(),
            self.tld.as_str(),
            self.status.as_str(),
            registered.as_str(),
            expires.as_str(),
            lock_label(self.locked),
        ])
    }
}

/// The domains pane.
pub struct Domains;

impl Pane for Domains {
    fn bindings(&self) -> &'static [Binding] {
        BINDINGS
    }

    fn title(&self) -> &'static str {
        "domains"
    }

    super::list_pane_accessors!(domains, DomainColumn);

    fn rebuild(&self, state: &mut State) {
        let source = state.data.domains();
        state.panes.domains.list.rebuild(source, &state.now);
        self.scroll(state);
    }

    fn fed_by(&self, fetch: &Fetch) -> bool {
        matches!(fetch, Fetch::Domains | Fetch::Domain(_))
    }

    fn fetches(&self, store: &mut Store, forced: bool) -> Vec<Effect> {
        domain_fetches(store, "domains", &[Capability::Domains], forced)
    }

    fn details_wanted(&self, store: &mut Store) -> Vec<Effect> {
        history_wanted(store)
    }

    fn intent(&self, store: &mut Store, intent: &Intent) -> Option<Vec<Effect>> {
        match intent {
            Intent::Domain(action) => Some(domain_action(store, *action)),
            _ => None,
        }
    }

    fn selected_account<'a>(&self, state: &'a State) -> Option<&'a str> {
        state.selected_domain().map(|d| d.account.as_str())
    }
}

/// The domains refresh of the accounts offering any of `wanted`: on
/// opening (`forced` false) only of accounts whose domains have not
/// arrived yet. Shared by the domains and contacts panes, since contacts
/// arrive with the domains of an account.
pub fn domain_fetches(
    store: &mut Store,
    title: &str,
    wanted: &[Capability],
    forced: bool,
) -> Vec<Effect> {
    let state = &store.state;
    let accounts: Vec<String> = state
        .accounts
        .iter()
        .filter(|a| wanted.iter().any(|&c| a.offers(c)))
        .map(|a| a.name.clone())
        .collect();
    if accounts.is_empty() {
        if forced {
            let what = wanted[0].label();
            store.flash(FlashLevel::Warn, format!("no account offers {what}"));
        }
        return Vec::new();
    }
    let effects: Vec<Effect> = accounts
        .into_iter()
        .filter(|a| forced || !state.data.has_domains(a))
        .map(|a| Effect::Fetch(a, Fetch::Domains))
        .collect();
    if forced {
        let text = format!("refreshing {title} of {} account(s)", effects.len());
        store.flash(FlashLevel::Info, text);
    }
    effects
}

/// Fetches the history of the domain the open details panel shows,
/// unless it was asked for within [`HISTORY_TTL_MS`].
fn history_wanted(store: &mut Store) -> Vec<Effect> {
    let state = &mut store.state;
    let pane = &state.panes.domains;
    if !pane.panel.open {
        return Vec::new();
    }
    let Some(target) = pane.list.selected.clone() else {
        return Vec::new();
    };
    if !state.offers(&target.account, Capability::DomainRegistry) {
        return Vec::new();
    }
    let now = now_millis();
    let slot = state.data.history.entry(target.clone()).or_default();
    if slot
        .requested_at
        .is_some_and(|at| now - at < HISTORY_TTL_MS)
    {
        return Vec::new();
    }
    slot.requested_at = Some(now);
    vec![Effect::Fetch(
        target.account,
        Fetch::DomainHistory(target.id),
    )]
}

fn domain_action(store: &mut Store, action: DomainAction) -> Vec<Effect> {
    let Some(domain) = store.state.selected_domain() else {
        store.flash(FlashLevel::Warn, "no domain selected".to_string());
        return Vec::new();
    };
    let (target, name) = (domain.reference(), domain.id.clone());
    match domain_command(action, domain) {
        Ok(command) => store.request_command(command, target, name),
        Err(reason) => {
            store.flash(FlashLevel::Warn, reason);
            Vec::new()
        }
    }
}

/// The command a domain action means for this domain, or why not.
fn domain_command(action: DomainAction, domain: &Domain) -> Result<Command, String> {
    let name = &domain.id;
    match action {
        DomainAction::RequestEpp => Ok(Command::RequestEpp),
        DomainAction::ToggleLock => domain
            .locked
            .map(|locked| Command::SetLock { locked: !locked })
            .ok_or_else(|| {
                format!(
                    "the lock state of {name} on {} is unknown: use :lock or :unlock",
                    domain.account
                )
            }),
        DomainAction::SetLock(locked) if domain.locked == Some(locked) => {
            Err(format!("{name} is already {}", lock_label(Some(locked))))
        }
        DomainAction::SetLock(locked) => Ok(Command::SetLock { locked }),
        DomainAction::Cancel { immediate } => Ok(Command::CancelDomain { immediate }),
        DomainAction::ResetNameservers => Ok(Command::ResetNameservers),
    }
}
