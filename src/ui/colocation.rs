//! The colocation view (read-only): registered visitors with their access
//! status above, datacenter visits with arrival date, term and where they
//! stand (upcoming, today, past) below; `tab` moves between the two and
//! the details panel shows the selected entry of the focused table. A
//! failed fetch keeps the last data (dimmed, the error on the visitors
//! table's bottom border), or says what failed when there is no data.

use super::table::{
    age_note, cells, detail_sections, draw_details, draw_table, errors_footer, field, is_stale,
    list_table, note, visible_rows, TableRow,
};
use super::theme::Theme;
use crate::app::labels::{arrival_label, VisitStatus};
use crate::app::layout::{stacked, Areas};
use crate::app::listview::{ListRow, ListView};
use crate::app::panes::colocation::Focus;
use crate::app::resources::Resources;
use crate::app::store::State;
use crate::model::{Capability, Visit, Visitor};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::Frame;

/// Draws the view; returns how far its details panel can scroll, if shown.
pub fn draw(frame: &mut Frame, areas: &Areas, state: &State, theme: &Theme) -> Option<u16> {
    if areas.table.height > 0 {
        let (upper, lower) = stacked(areas.table);
        draw_visitors(frame, upper, state, theme);
        draw_visits(frame, lower, state, theme);
    }
    areas
        .details
        .map(|area| draw_entry_details(frame, area, state, theme))
}

fn focused(state: &State, focus: Focus) -> bool {
    state.panes.colocation.focus == focus
}

/// One of the two tables, its title carrying the data age and the tab hint.
fn table_of<R: ListRow>(
    name: &str,
    view: &ListView<R>,
    state: &State,
    other: &str,
    rows: Vec<TableRow>,
) -> super::table::ListTable {
    let mut table = list_table(name, view, rows);
    let fetched = state.data.colocation.values().filter_map(|s| s.fetched_at);
    if let Some(age) = age_note(state.now, fetched) {
        table.title.push_str(&age);
    }
    table.title.push_str(&format!("(tab: {other}) "));
    table
}

/// Whether any account's colocation data arrived.
fn any_data(state: &State) -> bool {
    state.data.colocation.values().any(|s| s.data.is_some())
}

fn draw_visitors(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let view = &state.panes.colocation.visitors;
    let all: Vec<&Visitor> = state.data.visitors().collect();
    let rows = visible_rows(view, &all, area, |v| TableRow {
        cells: cells(v, &()),
        style: stale_style(state, &v.account, theme),
    });
    let mut table = table_of("Visitors", view, state, "visits", rows);
    table.empty_note = Some(empty_note(state, all.is_empty(), "visitors"));
    table.footer = errors_with_data(state);
    table.focused = focused(state, Focus::Visitors);
    draw_table(frame, area, table, theme);
}

fn draw_visits(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let view = &state.panes.colocation.visits;
    let all: Vec<&Visit> = state.data.visits().collect();
    let rows = visible_rows(view, &all, area, |v| visit_row(v, state, theme));
    let mut table = table_of("Visits", view, state, "visitors", rows);
    table.empty_note = Some(empty_note(state, all.is_empty(), "visits"));
    table.focused = focused(state, Focus::Visits);
    draw_table(frame, area, table, theme);
}

fn visit_row(visit: &Visit, state: &State, theme: &Theme) -> TableRow {
    let status = VisitStatus::of(visit, state.now);
    let style = match status {
        VisitStatus::Today => theme.bold,
        VisitStatus::Past => theme.dim,
        _ => Style::new(),
    }
    .patch(stale_style(state, &visit.account, theme));
    TableRow {
        cells: cells(visit, &state.now),
        style,
    }
}

/// Dimmed when the account's last fetch failed or it is unhealthy.
fn stale_style(state: &State, account: &str, theme: &Theme) -> Style {
    if is_stale(state, &state.data.colocation, account) {
        theme.stale
    } else {
        Style::new()
    }
}

/// The failed fetches, while the last data of some account is shown.
fn errors_with_data(state: &State) -> Option<String> {
    if !any_data(state) {
        return None;
    }
    errors_footer(Resources::errors(&state.data.colocation).map(|(_, e)| e))
}

fn empty_note(state: &State, none: bool, what: &str) -> String {
    if !state.any_offers(Capability::Colocation) {
        "no account offers colocation access".into()
    } else if !any_data(state) {
        failures(state).unwrap_or_else(|| "loading…".into())
    } else if none {
        format!("no {what} registered")
    } else {
        format!("no {what} match the filter (esc clears it)")
    }
}

/// `colocation of cp-demo failed: colocation/list_visitor: HTTP 503` for
/// every account whose last fetch failed.
fn failures(state: &State) -> Option<String> {
    let mut notes: Vec<String> = Resources::errors(&state.data.colocation)
        .map(|(account, message)| {
            // The message names the account first; the note names it already.
            let cause = message
                .strip_prefix(account.as_str())
                .and_then(|rest| rest.strip_prefix(": "))
                .unwrap_or(message);
            format!("colocation of {account} failed: {cause}")
        })
        .collect();
    if notes.is_empty() {
        return None;
    }
    notes.sort_unstable();
    Some(notes.join("; "))
}

fn draw_entry_details(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) -> u16 {
    let scroll = state.panes.colocation.panel.scroll;
    let (title, lines) = match state.panes.colocation.focus {
        Focus::Visitors => match state.selected_visitor() {
            Some(v) => (
                format!(" visitor {} · {} (esc closes) ", v.name, v.account),
                visitor_lines(v, theme),
            ),
            None => (" Details ".into(), vec![note("no visitor selected", theme)]),
        },
        Focus::Visits => match state.selected_visit() {
            Some(v) => (
                format!(" visit {} · {} (esc closes) ", v.visit_key, v.account),
                visit_lines(v, state, theme),
            ),
            None => (" Details ".into(), vec![note("no visit selected", theme)]),
        },
    };
    draw_details(frame, area, title, lines, scroll, theme)
}

fn visitor_lines(visitor: &Visitor, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        field("Name", visitor.name.clone(), theme),
        field("Location", visitor.location.clone(), theme),
        field("Access", visitor.status.clone(), theme),
    ];
    detail_sections(&mut lines, &visitor.details, theme);
    lines
}

fn visit_lines(visit: &Visit, state: &State, theme: &Theme) -> Vec<Line<'static>> {
    let term = visit
        .term_days
        .map(|d| format!("{d} day(s)"))
        .unwrap_or_default();
    let mut lines = vec![
        field("Visit key", visit.visit_key.clone(), theme),
        field("Arrival", arrival_label(visit), theme),
        field("Term", term, theme),
        field("Status", VisitStatus::of(visit, state.now).label(), theme),
    ];
    detail_sections(&mut lines, &visit.details, theme);
    lines
}
