//! The panes: one module per full-screen view. A pane owns its table and
//! details panel (their state is its field of [`Panes`]), the fetches it
//! wants, its own intents (actions, forms) and what its details need.
//! Its keys, hints and help are entries of the binding table
//! (`app::bindings`), and its drawing is one module of `ui`.
//!
//! The store reaches a pane only through [`pane`], the one match on
//! [`ViewKind`]; nothing else matches the view kind with a catch-all, so a
//! new variant makes the compiler point at every place that must handle it.

pub mod accounts;
pub mod colocation;
pub mod contacts;
pub mod domains;
pub mod jobs;
pub mod records;
pub mod servers;
pub mod tickets;

use super::bindings::Binding;
use super::event::Effect;
use super::filter::Filter;
use super::intent::Intent;
use super::store::{State, Store};
use crate::provider::Fetch;

/// The full-screen views the console can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ViewKind {
    Servers,
    Jobs,
    Accounts,
    Domains,
    Contacts,
    /// Colocation visitors and visits.
    Colocation,
    /// The support-ticket inbox.
    Tickets,
    /// The DNS records of one domain.
    Records,
}

impl ViewKind {
    pub const ALL: [ViewKind; 8] = [
        ViewKind::Servers,
        ViewKind::Jobs,
        ViewKind::Accounts,
        ViewKind::Domains,
        ViewKind::Contacts,
        ViewKind::Colocation,
        ViewKind::Tickets,
        ViewKind::Records,
    ];

    /// The view's name in titles and messages: `domains`.
    pub fn title(self) -> &'static str {
        pane(self).title()
    }
}

/// The details panel of a pane: beside the table on wide terminals, over
/// it on narrow ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Panel {
    pub open: bool,
    /// First line shown.
    pub scroll: u16,
}

/// The state of every pane.
#[derive(Clone, Debug, Default)]
pub struct Panes {
    pub servers: servers::ServersPane,
    pub jobs: jobs::JobsPane,
    pub domains: domains::DomainsPane,
    pub contacts: contacts::ContactsPane,
    pub colocation: colocation::ColocationPane,
    pub tickets: tickets::TicketsPane,
    pub records: records::RecordsPane,
}

/// What the store asks of a pane. Each pane is a unit struct whose state
/// lives in [`Panes`].
pub trait Pane: Sync {
    /// The view's name in titles and messages: `domains`.
    fn title(&self) -> &'static str;

    /// Its own entries of the binding table: its actions and forms, with
    /// their keys, hints and help (see `app::bindings`).
    fn bindings(&self) -> &'static [Binding] {
        &[]
    }

    /// The table the keys move, ready to move, sort or filter.
    fn table<'a>(&self, state: &'a mut State) -> Option<Box<dyn Table + 'a>>;

    /// Its `/` filter, if it has one.
    fn filter<'a>(&self, _state: &'a State) -> Option<&'a Filter> {
        None
    }

    /// The titles of its table's columns, in the order keys 1..9 sort by.
    fn columns(&self, _state: &State) -> Vec<&'static str> {
        Vec::new()
    }

    /// Its details panel, if it has one.
    fn panel(&self, _state: &State) -> Option<Panel> {
        None
    }

    fn panel_mut<'a>(&self, _state: &'a mut State) -> Option<&'a mut Panel> {
        None
    }

    /// How many rows of its table show at the current size.
    fn page(&self, state: &State) -> usize {
        let open = self.panel(state).is_some_and(|p| p.open);
        super::layout::table_rows(state.size, open, state.jobs.len())
    }

    /// Re-derives its rows from the data after the data or the sort
    /// changed, keeping the cursor in view.
    fn rebuild(&self, _state: &mut State) {}

    /// Keeps the cursor of each of its tables inside the visible rows.
    fn scroll(&self, state: &mut State) {
        let page = self.page(state);
        if let Some(mut table) = self.table(state) {
            table.scroll_into_view(page);
        }
    }

    /// Whether rows of this pane come from what `fetch` brings, so they
    /// must be re-derived when it lands.
    fn fed_by(&self, _fetch: &Fetch) -> bool {
        false
    }

    /// What to fetch on opening the view, or when the user asks for a
    /// refresh (`forced`): by default nothing on opening, and every
    /// account's servers on a refresh.
    fn fetches(&self, store: &mut Store, forced: bool) -> Vec<Effect> {
        match forced {
            true => servers::refresh_every_account(store),
            false => Vec::new(),
        }
    }

    /// What the details of the selection need fetched.
    fn details_wanted(&self, _store: &mut Store) -> Vec<Effect> {
        Vec::new()
    }

    /// Handles an intent of this pane's own (its actions and forms);
    /// `None` when the intent is not one.
    fn intent(&self, _store: &mut Store, _intent: &Intent) -> Option<Vec<Effect>> {
        None
    }

    /// The account of the selected row.
    fn selected_account<'a>(&self, _state: &'a State) -> Option<&'a str> {
        None
    }

    /// Esc, once no panel is open and no filter is set: back to servers.
    fn back_out(&self, store: &mut Store) {
        store.state.main_view = ViewKind::Servers;
    }
}

/// The pane of a view: the one match on [`ViewKind`].
pub fn pane(kind: ViewKind) -> &'static dyn Pane {
    match kind {
        ViewKind::Servers => &servers::Servers,
        ViewKind::Jobs => &jobs::Jobs,
        ViewKind::Accounts => &accounts::Accounts,
        ViewKind::Domains => &domains::Domains,
        ViewKind::Contacts => &contacts::Contacts,
        ViewKind::Colocation => &colocation::Colocation,
        ViewKind::Tickets => &tickets::Tickets,
        ViewKind::Records => &records::Records,
    }
}

/// The table a pane's keys move, whatever its rows.
pub trait Table {
    fn cursor(&self) -> usize;
    /// Moves the cursor to `position` (clamped) and selects that row.
    fn move_to(&mut self, position: i64);
    /// Sorts by column `column` (again: reversed) once rows are re-derived;
    /// false when there is no such column.
    fn choose_sort(&mut self, column: usize) -> bool;
    /// The column `:sort NAME` means.
    fn column_named(&self, name: &str) -> Option<usize>;
    /// Sets the `/` filter and re-derives the rows; false when the table
    /// has no filter.
    fn set_filter(&mut self, _text: &str) -> bool {
        false
    }
    fn scroll_into_view(&mut self, page: usize);
}

impl<T: Table + ?Sized> Table for &mut T {
    fn cursor(&self) -> usize {
        (**self).cursor()
    }
    fn move_to(&mut self, position: i64) {
        (**self).move_to(position);
    }
    fn choose_sort(&mut self, column: usize) -> bool {
        (**self).choose_sort(column)
    }
    fn column_named(&self, name: &str) -> Option<usize> {
        (**self).column_named(name)
    }
    fn set_filter(&mut self, text: &str) -> bool {
        (**self).set_filter(text)
    }
    fn scroll_into_view(&mut self, page: usize) {
        (**self).scroll_into_view(page);
    }
}

impl<R: crate::app::listview::ListRow> Table for crate::app::listview::ListView<R> {
    fn cursor(&self) -> usize {
        self.cursor
    }
    fn move_to(&mut self, position: i64) {
        crate::app::listview::ListView::move_to(self, position);
    }
    fn choose_sort(&mut self, column: usize) -> bool {
        crate::app::listview::ListView::choose_sort(self, column)
    }
    fn column_named(&self, name: &str) -> Option<usize> {
        Self::column_named(name)
    }
    fn set_filter(&mut self, text: &str) -> bool {
        crate::app::listview::ListView::set_filter(self, text);
        true
    }
    fn scroll_into_view(&mut self, page: usize) {
        crate::app::listview::ListView::scroll_into_view(self, page);
    }
}

/// The titles of a list table's columns.
pub fn list_columns<C: crate::app::listview::Column>() -> Vec<&'static str> {
    C::ALL.iter().map(|c| c.title()).collect()
}
