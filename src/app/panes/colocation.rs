//! The colocation pane (read-only): registered visitors above, datacenter
//! visits below (columns in [`VisitorColumn`] and [`VisitColumn`]); tab
//! moves the keyboard between the two tables, and the details panel shows
//! the selected entry of the focused one.

use super::{list_columns, Pane, Panel, Table, ViewKind};
use crate::app::bindings::{Binding, Hint, Run};
use crate::app::event::Effect;
use crate::app::filter::Filter;
use crate::app::intent::Intent;
use crate::app::labels::{arrival_label, VisitStatus};
use crate::app::layout;
use crate::app::listview::{search_of, Column, Fit, ListRow, ListView, SortKey};
use crate::app::store::{FlashLevel, State, Store};
use crate::model::{now_millis, Capability, Millis, Visit, Visitor};
use crate::provider::Fetch;

/// The view these keys work in.
const VIEW: &[ViewKind] = &[ViewKind::Colocation];

/// The keys of the colocation pane.
pub static BINDINGS: &[Binding] = &[
    Binding::show(
        "colocation",
        &["colo", "visits", "visitors"],
        &["V"],
        "colocation access view",
        VIEW[0],
    ),
    Binding::new(
        "switch",
        &["tab", "shift-tab"],
        "switch between visitors and visits",
        Run::Intent(Intent::FocusNext),
    )
    .views(VIEW)
    .hint(Hint::When(|s| match s.panes.colocation.focus {
        Focus::Visitors => Some("visits"),
        Focus::Visits => Some("visitors"),
    })),
];

/// Colocation data is fetched again on opening the view after this long.
pub const COLOCATION_TTL_MS: Millis = 60_000;

/// Which table of the colocation pane has the keyboard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    #[default]
    Visitors,
    Visits,
}

/// The two tables and the details panel of the colocation pane.
#[derive(Clone, Debug)]
pub struct ColocationPane {
    pub visitors: ListView<Visitor>,
    pub visits: ListView<Visit>,
    pub focus: Focus,
    pub panel: Panel,
}

impl Default for ColocationPane {
    fn default() -> Self {
        ColocationPane {
            visitors: ListView::sorted_by(1),
            visits: ListView::sorted_by(1),
            focus: Focus::default(),
            panel: Panel::default(),
        }
    }
}

/// Columns of the visitors table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VisitorColumn {
    Account,
    Name,
    Location,
    Access,
}

impl Column for VisitorColumn {
    type Row = Visitor;
    type Context = ();
    const ALL: &'static [Self] = &[
        VisitorColumn::Account,
        VisitorColumn::Name,
        VisitorColumn::Location,
        VisitorColumn::Access,
    ];

    fn title(self) -> &'static str {
        match self {
            VisitorColumn::Account => "ACCOUNT",
            VisitorColumn::Name => "NAME",
            VisitorColumn::Location => "LOCATION",
            VisitorColumn::Access => "ACCESS",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            VisitorColumn::Account => &["acc"],
            VisitorColumn::Name => &["visitor"],
            VisitorColumn::Location => &["loc"],
            VisitorColumn::Access => &["status"],
        }
    }

    fn fit(self) -> Fit {
        match self {
            VisitorColumn::Account => Fit::new(7, 1),
            VisitorColumn::Name => Fit::new(12, 0),
            VisitorColumn::Location => Fit::new(6, 2),
            VisitorColumn::Access => Fit::new(6, 0),
        }
    }

    fn sort_key(self, visitor: &Visitor, _: &()) -> SortKey {
        SortKey::text(&self.cell(visitor, &()))
    }

    fn cell(self, visitor: &Visitor, _: &()) -> String {
        match self {
            VisitorColumn::Account => visitor.account.clone(),
            VisitorColumn::Name => visitor.name.clone(),
            VisitorColumn::Location => visitor.location.clone(),
            VisitorColumn::Access => visitor.status.clone(),
        }
    }
}

impl ListRow for Visitor {
    /// Account and id.
    type Key = (String, String);
    type Context = ();
    type Column = VisitorColumn;

    fn key(&self) -> (String, String) {
        (self.account.clone(), self.id.clone())
    }

    fn search_text(&self, _: &()) -> String {
        search_of([
            self.account.as_str(),
            self.name.as_str(),
            self.location.as_str(),
            self.status.as_str(),
        ])
    }
}

/// Columns of the visits table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VisitColumn {
    Account,
    Arrival,
    Days,
    Key,
    Status,
}

impl Column for VisitColumn {
    type Row = Visit;
    /// Now, for where a visit stands.
    type Context = Millis;
    const ALL: &'static [Self] = &[
        VisitColumn::Account,
        VisitColumn::Arrival,
        VisitColumn::Days,
        VisitColumn::Key,
        VisitColumn::Status,
    ];

    fn title(self) -> &'static str {
        match self {
            VisitColumn::Account => "ACCOUNT",
            VisitColumn::Arrival => "ARRIVAL",
            VisitColumn::Days => "DAYS",
            VisitColumn::Key => "KEY",
            VisitColumn::Status => "STATUS",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            VisitColumn::Account => &["acc"],
            VisitColumn::Arrival => &["date"],
            VisitColumn::Days => &["term"],
            VisitColumn::Key => &["visit"],
            VisitColumn::Status => &[],
        }
    }

    fn fit(self) -> Fit {
        match self {
            VisitColumn::Account => Fit::new(7, 1),
            VisitColumn::Arrival => Fit::new(10, 0),
            VisitColumn::Days => Fit::new(4, 2),
            VisitColumn::Key => Fit::new(8, 0),
            VisitColumn::Status => Fit::new(8, 0),
        }
    }

    fn sort_key(self, visit: &Visit, now: &Millis) -> SortKey {
        match self {
            VisitColumn::Account => SortKey::text(&visit.account),
            VisitColumn::Arrival => SortKey::number(visit.arrival),
            VisitColumn::Days => SortKey::number(visit.term_days.map(i64::from)),
            VisitColumn::Key => SortKey::text(&visit.visit_key),
            VisitColumn::Status => SortKey::number(Some(VisitStatus::of(visit, *now) as i64)),
        }
    }

    fn cell(self, visit: &Visit, now: &Millis) -> String {
        match self {
            VisitColumn::Account => visit.account.clone(),
            VisitColumn::Arrival => arrival_label(visit),
            VisitColumn::Days => visit.term_days.map(|d| d.to_string()).unwrap_or_default(),
            VisitColumn::Key => visit.visit_key.clone(),
            VisitColumn::Status => VisitStatus::of(visit, *now).label().to_string(),
        }
    }
}

impl ListRow for Visit {
    /// Account and id.
    type Key = (String, String);
    /// Now, for the derived status.
    type Context = Millis;
    type Column = VisitColumn;

    fn key(&self) -> (String, String) {
        (self.account.clone(), self.id.clone())
    }

    fn search_text(&self, _: &Millis) -> String {
        let arrival = arrival_label(self);
        search_of([
            self.account.as_str(),
            arrival.as_str(),
            self.visit_key.as_str(),
        ])
    }
}

/// The colocation pane.
pub struct Colocation;

impl Pane for Colocation {
    fn bindings(&self) -> &'static [Binding] {
        BINDINGS
    }

    fn title(&self) -> &'static str {
        "colocation"
    }

    fn table<'a>(&self, state: &'a mut State) -> Option<Box<dyn Table + 'a>> {
        let pane = &mut state.panes.colocation;
        Some(match pane.focus {
            Focus::Visitors => Box::new(&mut pane.visitors),
            Focus::Visits => Box::new(&mut pane.visits),
        })
    }

    fn filter<'a>(&self, state: &'a State) -> Option<&'a Filter> {
        let pane = &state.panes.colocation;
        Some(match pane.focus {
            Focus::Visitors => &pane.visitors.filter,
            Focus::Visits => &pane.visits.filter,
        })
    }

    fn columns(&self, state: &State) -> Vec<&'static str> {
        match state.panes.colocation.focus {
            Focus::Visitors => list_columns::<VisitorColumn>(),
            Focus::Visits => list_columns::<VisitColumn>(),
        }
    }

    fn panel(&self, state: &State) -> Option<Panel> {
        Some(state.panes.colocation.panel)
    }

    fn panel_mut<'a>(&self, state: &'a mut State) -> Option<&'a mut Panel> {
        Some(&mut state.panes.colocation.panel)
    }

    fn page(&self, state: &State) -> usize {
        let (visitors, visits) = pages(state);
        match state.panes.colocation.focus {
            Focus::Visitors => visitors,
            Focus::Visits => visits,
        }
    }

    fn rebuild(&self, state: &mut State) {
        let pane = &mut state.panes.colocation;
        pane.visitors.rebuild(state.data.visitors(), &());
        pane.visits.rebuild(state.data.visits(), &state.now);
        self.scroll(state);
    }

    fn scroll(&self, state: &mut State) {
        let (visitors, visits) = pages(state);
        let pane = &mut state.panes.colocation;
        pane.visitors.scroll_into_view(visitors);
        pane.visits.scroll_into_view(visits);
    }

    fn fed_by(&self, fetch: &Fetch) -> bool {
        matches!(fetch, Fetch::Colocation)
    }

    /// On opening, only what was not fetched within [`COLOCATION_TTL_MS`].
    fn fetches(&self, store: &mut Store, forced: bool) -> Vec<Effect> {
        let accounts: Vec<String> = store
            .state
            .accounts
            .iter()
            .filter(|a| a.offers(Capability::Colocation))
            .map(|a| a.name.clone())
            .collect();
        if accounts.is_empty() {
            if forced {
                let text = "no account offers colocation access".to_string();
                store.flash(FlashLevel::Warn, text);
            }
            return Vec::new();
        }
        let now = now_millis();
        let mut effects = Vec::new();
        for account in accounts {
            let slot = store
                .state
                .data
                .colocation
                .entry(account.clone())
                .or_default();
            if forced || !slot.is_fresh(now, COLOCATION_TTL_MS) {
                slot.requested_at = Some(now);
                effects.push(Effect::Fetch(account, Fetch::Colocation));
            }
        }
        if forced {
            let text = format!("refreshing colocation of {} account(s)", effects.len());
            store.flash(FlashLevel::Info, text);
        }
        effects
    }

    fn intent(&self, store: &mut Store, intent: &Intent) -> Option<Vec<Effect>> {
        match intent {
            Intent::FocusNext | Intent::FocusPrev => {
                let pane = &mut store.state.panes.colocation;
                pane.focus = match pane.focus {
                    Focus::Visitors => Focus::Visits,
                    Focus::Visits => Focus::Visitors,
                };
                pane.panel.scroll = 0;
                Some(Vec::new())
            }
            _ => None,
        }
    }

    fn selected_account<'a>(&self, state: &'a State) -> Option<&'a str> {
        match state.panes.colocation.focus {
            Focus::Visitors => state.selected_visitor().map(|v| v.account.as_str()),
            Focus::Visits => state.selected_visit().map(|v| v.account.as_str()),
        }
    }
}

/// How many rows each of the two stacked tables shows.
fn pages(state: &State) -> (usize, usize) {
    let open = state.panes.colocation.panel.open;
    layout::stacked_rows(state.size, open, state.jobs.len())
}
