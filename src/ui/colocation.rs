//! The colocation view (read-only): registered visitors with their access
//! status above, datacenter visits with arrival date, term and where they
//! stand (upcoming, today, past) below; `tab` moves between the two and
//! the details panel shows the selected entry of the focused table. A
//! failed fetch keeps the last data (dimmed, the error on the visitors
//! table's bottom border), or says what failed when there is no data.

use super::layout::{stacked, Areas};
use super::records::{
    age_note, detail_sections, draw_details, draw_table, errors_footer, field, is_stale, note,
    page, title, titles, Fit, RecordTable, TableRow,
};
use super::theme::Theme;
use crate::app::rows::{arrival_label, VisitStatus};
use crate::app::store::{ColocationPane, State};
use crate::model::{Capability, Visit, Visitor};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::Frame;

/// ACCOUNT, NAME, LOCATION, ACCESS.
const VISITOR_FITS: [Fit; 4] = [
    Fit { min: 7, drop: 1 },
    Fit { min: 12, drop: 0 },
    Fit { min: 6, drop: 2 },
    Fit { min: 6, drop: 0 },
];

/// ACCOUNT, ARRIVAL, DAYS, KEY, STATUS.
const VISIT_FITS: [Fit; 5] = [
    Fit { min: 7, drop: 1 },
    Fit { min: 10, drop: 0 },
    Fit { min: 4, drop: 2 },
    Fit { min: 8, drop: 0 },
    Fit { min: 8, drop: 0 },
];

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

fn focused(state: &State, pane: ColocationPane) -> bool {
    state.records.colocation_pane == pane
}

fn heading<R: crate::app::listview::ListRow>(
    name: &str,
    view: &crate::app::listview::ListView<R>,
    state: &State,
    other: &str,
) -> String {
    let mut heading = title(name, view);
    let fetched = state.colocation.values().map(|c| c.fetched_at);
    if let Some(age) = age_note(state.now, fetched) {
        heading.push_str(&age);
    }
    heading.push_str(&format!("(tab: {other}) "));
    heading
}

fn draw_visitors(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let view = &state.records.visitors;
    let all: Vec<&Visitor> = state.visitors().collect();
    let rows = view
        .visible(page(area))
        .iter()
        .filter_map(|&i| all.get(i))
        .map(|v| TableRow {
            cells: vec![
                v.account.clone(),
                v.name.clone(),
                v.location.clone(),
                v.status.clone(),
            ],
            style: stale_style(state, &v.account, theme),
        })
        .collect();
    let table = RecordTable {
        title: heading("Visitors", view, state, "visits"),
        titles: titles(view),
        fits: &VISITOR_FITS,
        rows,
        cursor: view.cursor.checked_sub(view.offset),
        empty_note: Some(empty_note(state, all.is_empty(), "visitors")),
        footer: errors_with_data(state),
        focused: focused(state, ColocationPane::Visitors),
    };
    draw_table(frame, area, table, theme);
}

fn draw_visits(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let view = &state.records.visits;
    let all: Vec<&Visit> = state.visits().collect();
    let rows = view
        .visible(page(area))
        .iter()
        .filter_map(|&i| all.get(i))
        .map(|v| visit_row(v, state, theme))
        .collect();
    let table = RecordTable {
        title: heading("Visits", view, state, "visitors"),
        titles: titles(view),
        fits: &VISIT_FITS,
        rows,
        cursor: view.cursor.checked_sub(view.offset),
        empty_note: Some(empty_note(state, all.is_empty(), "visits")),
        footer: None,
        focused: focused(state, ColocationPane::Visits),
    };
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
        cells: vec![
            visit.account.clone(),
            arrival_label(visit),
            visit.term_days.map(|d| d.to_string()).unwrap_or_default(),
            visit.visit_key.clone(),
            status.label().to_string(),
        ],
        style,
    }
}

/// Dimmed when the account's last fetch failed or it is unhealthy.
fn stale_style(state: &State, account: &str, theme: &Theme) -> Style {
    if is_stale(state, &state.colocation_errors, account) {
        theme.stale
    } else {
        Style::new()
    }
}

/// The failed fetches, while the last data of some account is shown.
fn errors_with_data(state: &State) -> Option<String> {
    if state.colocation.is_empty() {
        return None;
    }
    errors_footer(state.colocation_errors.values())
}

fn empty_note(state: &State, none: bool, what: &str) -> String {
    if !state.any_offers(Capability::Colocation) {
        "no account offers colocation access".into()
    } else if state.colocation.is_empty() {
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
    let mut notes: Vec<String> = state
        .colocation_errors
        .iter()
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
    let scroll = state.records.colocation_panel.scroll;
    let (title, lines) = match state.records.colocation_pane {
        ColocationPane::Visitors => match state.selected_visitor() {
            Some(v) => (
                format!(" visitor {} · {} (esc closes) ", v.name, v.account),
                visitor_lines(v, theme),
            ),
            None => (" Details ".into(), vec![note("no visitor selected", theme)]),
        },
        ColocationPane::Visits => match state.selected_visit() {
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
