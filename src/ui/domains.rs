//! The domains view: every domain of every account in one table (expiring
//! ones highlighted and marked `!`), and the details panel of the selected
//! domain with its contacts resolved to names, its history and its jobs.

use super::table::{
    self, age_note, cells, detail_sections, draw_details, draw_table, errors_footer, field,
    heading, job_lines, list_table, note, visible_rows, ListTable, TableRow,
};
use super::theme::Theme;
use crate::app::labels::{contact_label, days_label, lock_label, ymd};
use crate::app::layout::Areas;
use crate::app::listview::{ListRow, ListView};
use crate::app::resources::Resources;
use crate::app::store::State;
use crate::model::{short_age, Capability, Domain};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::Frame;

/// Draws the view; returns how far its details panel can scroll, if shown.
pub fn draw(frame: &mut Frame, areas: &Areas, state: &State, theme: &Theme) -> Option<u16> {
    if areas.table.height > 0 {
        draw_table_area(frame, areas.table, state, theme);
    }
    areas
        .details
        .map(|area| draw_domain_details(frame, area, state, theme))
}

fn draw_table_area(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let view = &state.panes.domains.list;
    let all: Vec<&Domain> = state.data.domains().collect();
    let rows = visible_rows(view, &all, area, |d| domain_row(d, state, theme));
    let mut table = domain_fed_table(state, "Domains", view, rows);
    table.empty_note = Some(empty_note(state));
    draw_table(frame, area, table, theme);
}

/// A table fed by the domains refresh (domains, contacts): its title carries
/// the data age, its footer the accounts whose last refresh failed.
pub fn domain_fed_table<R: ListRow>(
    state: &State,
    name: &str,
    view: &ListView<R>,
    rows: Vec<TableRow>,
) -> ListTable {
    let mut table = list_table(name, view, rows);
    let loaded = state.data.domains.values().filter_map(|s| s.fetched_at);
    if let Some(age) = age_note(state.now, loaded) {
        table.title.push_str(&age);
    }
    let errors = Resources::errors(&state.data.domains).map(|(_, e)| e);
    table.footer = errors_footer(errors);
    table
}

fn domain_row(domain: &Domain, state: &State, theme: &Theme) -> TableRow {
    let soon = domain.expires_soon(state.now);
    let mut style = Style::new();
    if soon {
        style = style.patch(theme.warn);
    }
    if is_stale(state, &domain.account) {
        style = style.patch(theme.stale);
    }
    TableRow {
        cells: cells(domain, &state.now),
        style,
    }
}

/// Whether the account's domain data is old: its last refresh failed or
/// the account is unhealthy.
pub fn is_stale(state: &State, account: &str) -> bool {
    table::is_stale(state, &state.data.domains, account)
}

fn empty_note(state: &State) -> String {
    let offering: Vec<&str> = state
        .accounts
        .iter()
        .filter(|a| a.offers(Capability::Domains))
        .map(|a| a.name.as_str())
        .collect();
    if offering.is_empty() {
        return "no account offers domains".into();
    }
    if state.data.domains().next().is_some() {
        return "no domain matches the filter (esc clears it)".into();
    }
    let slots = &state.data.domains;
    let failed = |a: &str| slots.get(a).is_some_and(|s| s.error.is_some());
    let waiting = offering
        .iter()
        .any(|a| !state.data.has_domains(a) && !failed(a));
    if waiting {
        "loading…".into()
    } else if offering.iter().any(|a| failed(a)) {
        "no domains: the last refresh failed (r retries)".into()
    } else {
        "no domains on these accounts".into()
    }
}

fn draw_domain_details(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) -> u16 {
    let scroll = state.panes.domains.panel.scroll;
    let Some(domain) = state.selected_domain() else {
        let lines = vec![note("no domain selected", theme)];
        return draw_details(frame, area, " Details ".into(), lines, scroll, theme);
    };
    let title = format!(" {} · {} (esc closes) ", domain.id, domain.account);
    let lines = detail_lines(domain, state, theme);
    draw_details(frame, area, title, lines, scroll, theme)
}

fn detail_lines(domain: &Domain, state: &State, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = domain
        .missing
        .iter()
        .map(|m| {
            let text = format!("~ {} not fetched: {}", m.part, m.cause);
            Line::from(Span::styled(text, theme.warn))
        })
        .collect();
    // A provider without registry actions keeps no lock, handles or history.
    let registry = state.offers(&domain.account, Capability::DomainRegistry);
    lines.extend([
        field("Domain", domain.id.clone(), theme),
        field("Status", domain.status.clone(), theme),
        field("Registered", ymd(domain.registered), theme),
        expiry_line(domain, state, theme),
    ]);
    if registry || domain.locked.is_some() {
        lines.push(field("Lock", lock_label(domain.locked), theme));
    }
    lines.push(field("Fetched", fetched(domain, state), theme));
    heading(&mut lines, "Nameservers", theme);
    for ns in &domain.nameservers {
        lines.push(Line::from(format!("  {ns}")));
    }
    if domain.nameservers.is_empty() {
        lines.push(note("none known", theme));
    }
    let handles = [
        ("Owner", &domain.owner),
        ("Admin", &domain.admin),
        ("Tech", &domain.tech),
    ];
    if registry || handles.iter().any(|(_, handle)| handle.is_some()) {
        heading(&mut lines, "Contacts", theme);
        for (role, handle) in handles {
            lines.push(field(
                role,
                resolve(state, domain, handle.as_deref()),
                theme,
            ));
        }
    }
    detail_sections(&mut lines, &domain.details, theme);
    if registry {
        history_lines(&mut lines, domain, state, theme);
    }
    job_lines(
        &mut lines,
        state.jobs_of(&domain.reference()),
        state.now,
        theme,
    );
    lines
}

fn expiry_line(domain: &Domain, state: &State, theme: &Theme) -> Line<'static> {
    let mut text = ymd(domain.expires);
    if let Some(days) = domain.days_left(state.now) {
        text.push_str(&format!(" ({})", days_label(days)));
    }
    let style = if domain.expires_soon(state.now) {
        theme.warn
    } else {
        Style::new()
    };
    Line::from(vec![
        Span::styled(format!("{:<13} ", "Expires"), theme.bold),
        Span::styled(text, style),
    ])
}

fn fetched(domain: &Domain, state: &State) -> String {
    let mut text = format!("{} ago", short_age(state.now - domain.fetched_at));
    if !domain.detailed {
        text.push_str(" (list entry only)");
    }
    text
}

/// A handle as the contact's name and id, or the raw handle when the
/// account has no such contact.
fn resolve(state: &State, domain: &Domain, handle: Option<&str>) -> String {
    let Some(handle) = handle.filter(|h| !h.trim().is_empty()) else {
        return "-".into();
    };
    match state.contact_by_handle(&domain.account, handle) {
        Some(contact) => contact_label(contact),
        None => format!("{handle} (unknown contact)"),
    }
}

fn history_lines(lines: &mut Vec<Line<'static>>, domain: &Domain, state: &State, theme: &Theme) {
    heading(lines, "History (newest first)", theme);
    let slot = state.data.history.get(&domain.reference());
    let Some(history) = slot.and_then(|s| s.data.as_ref()) else {
        lines.push(note("loading…", theme));
        return;
    };
    if history.is_empty() {
        lines.push(note("none", theme));
    }
    for entry in history {
        let date = entry
            .at
            .map(|at| ymd(Some(at)))
            .unwrap_or_else(|| entry.raw_date.clone());
        let mut text = format!("  {date}  {}  {}", entry.action, entry.status);
        if !entry.note.is_empty() {
            text.push_str(&format!("  {}", entry.note));
        }
        lines.push(Line::from(text));
    }
}
