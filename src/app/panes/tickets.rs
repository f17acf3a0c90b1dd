//! The ticket inbox: every ticket of every account offering tickets in one
//! table (columns in [`TicketColumn`]; unread first, then newest, by
//! default), the thread in the details panel, and the ticket actions:
//! reply (a multi-line form under the thread), close, reopen and a new
//! ticket. Each is a job, confirmed first.

use super::{list_columns, Pane, Panel, Table, ViewKind};
use crate::app::bindings::{Binding, Hint, Run};
use crate::app::event::Effect;
use crate::app::filter::Filter;
use crate::app::form::FormKind;
use crate::app::intent::Intent;
use crate::app::listview::{search_of, Column, Fit, ListRow, ListView, SortKey};
use crate::app::store::{FlashLevel, State, Store};
use crate::model::{now_millis, short_age, Capability, Command, Millis, Ref, Thread, Ticket};
use crate::provider::{Fetch, TicketScope};

/// A ticket's thread is fetched again on showing it after this long.
pub const THREAD_TTL_MS: Millis = 60_000;
/// What a new ticket is chosen from is fetched again after this long.
pub const OPTIONS_TTL_MS: Millis = 3_600_000;

/// The view these keys work in.
const VIEW: &[ViewKind] = &[ViewKind::Tickets];

/// The keys of the inbox, in the order the hint bar shows them.
pub static BINDINGS: &[Binding] = &[
    Binding::show(
        "tickets",
        &["ticket", "inbox"],
        &["T"],
        "ticket inbox",
        VIEW[0],
    ),
    action(
        "reply",
        &["r"],
        "reply under the thread (ctrl-s sends, asks first)",
        Intent::OpenForm(FormKind::Reply),
    )
    .hint(Hint::When(|s| s.selected_ticket().map(|_| "reply"))),
    action(
        "close-ticket",
        &["x"],
        "close the ticket (asks first)",
        Intent::CloseTicket,
    )
    .hint(Hint::When(|s| {
        s.selected_ticket()
            .filter(|t| !t.is_closed())
            .map(|_| "close")
    })),
    action(
        "reopen-ticket",
        &["o"],
        "reopen the ticket (asks first)",
        Intent::ReopenTicket,
    )
    .hint(Hint::When(|s| {
        s.selected_ticket()
            .filter(|t| t.is_closed())
            .map(|_| "reopen")
    })),
    action(
        "open-ticket",
        &["n"],
        "new ticket (form, asks first)",
        Intent::OpenForm(FormKind::NewTicket),
    )
    .hint(Hint::When(|_| Some("new"))),
];

/// A ticket action of the inbox.
const fn action(
    name: &'static str,
    keys: &'static [&'static str],
    help: &'static str,
    intent: Intent,
) -> Binding {
    Binding::new(name, keys, help, Run::Intent(intent))
        .views(VIEW)
        .needs(Capability::Tickets)
        .mutating()
}

/// The table and thread panel of the inbox.
#[derive(Clone, Debug)]
pub struct TicketsPane {
    pub list: ListView<Ticket>,
    pub panel: Panel,
}

impl Default for TicketsPane {
    fn default() -> Self {
        TicketsPane {
            list: ListView::sorted_by(0),
            panel: Panel::default(),
        }
    }
}

/// Columns of the inbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TicketColumn {
    /// The unread mark; sorts unread first, then newest.
    New,
    Account,
    Id,
    Subject,
    Status,
    Category,
    Priority,
    Updated,
}

impl Column for TicketColumn {
    type Row = Ticket;
    /// Now, for the age of the last update.
    type Context = Millis;
    const ALL: &'static [Self] = &[
        TicketColumn::New,
        TicketColumn::Account,
        TicketColumn::Id,
        TicketColumn::Subject,
        TicketColumn::Status,
        TicketColumn::Category,
        TicketColumn::Priority,
        TicketColumn::Updated,
    ];

    fn title(self) -> &'static str {
        match self {
            TicketColumn::New => "NEW",
            TicketColumn::Account => "ACCOUNT",
            TicketColumn::Id => "ID",
            TicketColumn::Subject => "SUBJECT",
            TicketColumn::Status => "STATUS",
            TicketColumn::Category => "CATEGORY",
            TicketColumn::Priority => "PRIO",
            TicketColumn::Updated => "UPDATED",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            TicketColumn::New => &["unread"],
            TicketColumn::Account => &["acc"],
            TicketColumn::Id => &["number", "ticket"],
            TicketColumn::Subject => &["title"],
            TicketColumn::Category => &["department", "dept"],
            TicketColumn::Priority => &["priority"],
            TicketColumn::Updated => &["age", "time"],
            TicketColumn::Status => &[],
        }
    }

    fn fit(self) -> Fit {
        match self {
            TicketColumn::New => Fit::new(3, 0),
            TicketColumn::Account => Fit::new(7, 3),
            TicketColumn::Id => Fit::new(4, 0),
            TicketColumn::Subject => Fit::flex(24, 0),
            TicketColumn::Status => Fit::new(6, 2),
            TicketColumn::Category => Fit::new(6, 4),
            TicketColumn::Priority => Fit::new(4, 5),
            TicketColumn::Updated => Fit::new(4, 1),
        }
    }

    fn sort_key(self, ticket: &Ticket, _: &Millis) -> SortKey {
        let updated = ticket.updated.unwrap_or(0);
        match self {
            TicketColumn::New => SortKey::number(Some(unread_then_newest(ticket.unread, updated))),
            TicketColumn::Account => SortKey::text(&ticket.account),
            TicketColumn::Id => SortKey::number(ticket.id.parse().ok()),
            TicketColumn::Subject => SortKey::text(&ticket.subject),
            TicketColumn::Status => SortKey::text(&ticket.status),
            TicketColumn::Category => SortKey::text(&ticket.category),
            TicketColumn::Priority => SortKey::text(&ticket.priority),
            TicketColumn::Updated => SortKey::number(ticket.updated),
        }
    }

    fn cell(self, ticket: &Ticket, now: &Millis) -> String {
        match self {
            TicketColumn::New if ticket.unread => "●".into(),
            TicketColumn::New => String::new(),
            TicketColumn::Account => ticket.account.clone(),
            TicketColumn::Id => ticket.id.clone(),
            TicketColumn::Subject => ticket.subject.clone(),
            TicketColumn::Status => ticket.status.clone(),
            TicketColumn::Category => ticket.category.clone(),
            TicketColumn::Priority => ticket.priority.clone(),
            TicketColumn::Updated => ticket
                .updated
                .map(|at| short_age(now - at))
                .unwrap_or_default(),
        }
    }
}

/// A number that sorts unread tickets first, and within each group the
/// newest update first.
fn unread_then_newest(unread: bool, updated: Millis) -> i64 {
    const GROUP: i64 = 1 << 60;
    let group = if unread { 0 } else { GROUP };
    group + (GROUP - 1 - updated.clamp(0, GROUP - 1))
}

impl ListRow for Ticket {
    type Key = Ref;
    type Context = Millis;
    type Column = TicketColumn;

    fn key(&self) -> Ref {
        self.reference()
    }

    fn search_text(&self, _: &Millis) -> String {
        let unread = if self.unread { "unread" } else { "" };
        search_of([
            self.account.as_str(),
            self.id.as_str(),
            self.subject.as_str(),
            self.status.as_str(),
            self.category.as_str(),
            self.priority.as_str(),
            unread,
        ])
    }
}

/// The inbox pane.
pub struct Tickets;

impl Pane for Tickets {
    fn bindings(&self) -> &'static [Binding] {
        BINDINGS
    }

    fn title(&self) -> &'static str {
        "tickets"
    }

    super::list_pane_accessors!(tickets, TicketColumn);

    fn rebuild(&self, state: &mut State) {
        let source = state.data.tickets();
        state.panes.tickets.list.rebuild(source, &state.now);
        self.scroll(state);
    }

    fn fed_by(&self, fetch: &Fetch) -> bool {
        matches!(fetch, Fetch::Tickets(_) | Fetch::Ticket(_))
    }

    /// On opening, the tickets of accounts that have none yet, and what
    /// a new ticket is chosen from; on a refresh, every account's full
    /// list.
    fn fetches(&self, store: &mut Store, forced: bool) -> Vec<Effect> {
        let accounts = offering(store.state());
        if accounts.is_empty() {
            if forced {
                let text = "no account offers support tickets".to_string();
                store.flash(FlashLevel::Warn, text);
            }
            return Vec::new();
        }
        let mut effects: Vec<Effect> = accounts
            .iter()
            .filter(|a| forced || !has_tickets(store.state(), a))
            .map(|a| Effect::Fetch(a.clone(), Fetch::Tickets(TicketScope::All)))
            .collect();
        if forced {
            let text = format!("refreshing tickets of {} account(s)", effects.len());
            store.flash(FlashLevel::Info, text);
        }
        effects.extend(options_wanted(store, &accounts));
        effects
    }

    fn details_wanted(&self, store: &mut Store) -> Vec<Effect> {
        thread_wanted(store)
    }

    fn intent(&self, store: &mut Store, intent: &Intent) -> Option<Vec<Effect>> {
        let command = match intent {
            Intent::CloseTicket => Command::CloseTicket,
            Intent::ReopenTicket => Command::ReopenTicket,
            _ => return None,
        };
        Some(ticket_command(store, command))
    }

    fn selected_account<'a>(&self, state: &'a State) -> Option<&'a str> {
        state.selected_ticket().map(|t| t.account.as_str())
    }
}

/// The accounts that offer tickets.
fn offering(state: &State) -> Vec<String> {
    state
        .accounts
        .iter()
        .filter(|a| a.offers(Capability::Tickets))
        .map(|a| a.name.clone())
        .collect()
}

fn has_tickets(state: &State, account: &str) -> bool {
    state
        .data
        .tickets
        .get(account)
        .is_some_and(|slot| slot.data.is_some())
}

/// The categories and departments of each account, unless fetched or
/// asked for within [`OPTIONS_TTL_MS`].
pub fn options_wanted(store: &mut Store, accounts: &[String]) -> Vec<Effect> {
    let now = now_millis();
    let mut effects = Vec::new();
    for account in accounts {
        let slot = store
            .state
            .data
            .ticket_options
            .entry(account.clone())
            .or_default();
        if !slot.is_fresh(now, OPTIONS_TTL_MS) {
            slot.requested_at = Some(now);
            effects.push(Effect::Fetch(account.clone(), Fetch::TicketOptions));
        }
    }
    effects
}

/// Fetches the thread of the ticket the open panel shows, unless asked
/// for within [`THREAD_TTL_MS`] or already there for this update.
fn thread_wanted(store: &mut Store) -> Vec<Effect> {
    let pane = &store.state.panes.tickets;
    if !pane.panel.open {
        return Vec::new();
    }
    let Some(target) = pane.list.selected.clone() else {
        return Vec::new();
    };
    let fetched = store
        .state
        .ticket(&target)
        .is_some_and(|t| t.thread != Thread::NotFetched);
    let now = now_millis();
    let slot = store.state.data.threads.entry(target.clone()).or_default();
    if fetched || slot.is_fresh(now, THREAD_TTL_MS) {
        return Vec::new();
    }
    slot.requested_at = Some(now);
    vec![Effect::Fetch(target.account, Fetch::Ticket(target.id))]
}

/// Close or reopen the selected ticket, the common way of every command.
fn ticket_command(store: &mut Store, command: Command) -> Vec<Effect> {
    let Some(ticket) = store.state.selected_ticket() else {
        store.flash(FlashLevel::Warn, "no ticket selected".to_string());
        return Vec::new();
    };
    let target = ticket.reference();
    let name = format!("#{} \"{}\"", ticket.id, ticket.subject);
    store.request_command(command, target, name)
}
