//! The domains view: every domain of every account in one table (expiring
//! ones highlighted and marked `!`), and the details panel of the selected
//! domain with its contacts resolved to names, its history and its jobs.

use super::layout::Areas;
use super::records::{
    self, age_note, detail_sections, draw_details, draw_table, errors_footer, field, heading,
    job_lines, note, page, title, titles, Fit, RecordTable, TableRow,
};
use super::theme::Theme;
use crate::app::listview::{ListRow, ListView};
use crate::app::rows::{contact_label, days_label, lock_label, ymd};
use crate::app::store::State;
use crate::model::{short_age, Capability, Domain};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::Frame;

/// ACCOUNT, DOMAIN, TLD, STATUS, REGISTERED, EXPIRES, LOCK: registration
/// and TLD give way first on narrow terminals.
const FITS: [Fit; 7] = [
    Fit { min: 7, drop: 2 },
    Fit { min: 12, drop: 0 },
    Fit { min: 3, drop: 3 },
    Fit { min: 6, drop: 1 },
    Fit { min: 10, drop: 4 },
    Fit { min: 11, drop: 0 },
    Fit { min: 6, drop: 0 },
];

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
    let view = &state.records.domains;
    let rows = view
        .visible(page(area))
        .iter()
        .filter_map(|&i| state.domains.get(i))
        .map(|d| domain_row(d, state, theme))
        .collect();
    let mut table = domain_fed_table(state, "Domains", view, &FITS, rows);
    table.empty_note = Some(empty_note(state));
    draw_table(frame, area, table, theme);
}

/// A table fed by the domains refresh (domains, contacts): its title carries
/// the data age, its footer the accounts whose last refresh failed.
pub fn domain_fed_table<'a, R: ListRow>(
    state: &State,
    name: &str,
    view: &ListView<R>,
    fits: &'a [Fit],
    rows: Vec<TableRow>,
) -> RecordTable<'a> {
    let mut heading = title(name, view);
    let loaded = state.records.domains_at.values().copied();
    if let Some(age) = age_note(state.now, loaded) {
        heading.push_str(&age);
    }
    RecordTable {
        title: heading,
        titles: titles(view),
        fits,
        rows,
        cursor: view.cursor.checked_sub(view.offset),
        empty_note: None,
        footer: errors_footer(state.domain_errors.values()),
        focused: true,
    }
}

fn domain_row(domain: &Domain, state: &State, theme: &Theme) -> TableRow {
    let soon = domain.expires_soon(state.now);
    let mut expires = if soon { "!" } else { " " }.to_string();
    expires.push_str(&ymd(domain.expires));
    if let Some(days) = domain.days_left(state.now).filter(|_| soon) {
        expires.push(' ');
        expires.push_str(&days_label(days));
    }
    let mut style = Style::new();
    if soon {
        style = style.patch(theme.warn);
    }
    if is_stale(state, &domain.account) {
        style = style.patch(theme.stale);
    }
    TableRow {
        cells: vec![
            domain.account.clone(),
            domain.id.clone(),
            domain.tld.clone(),
            domain.status.clone(),
            ymd(domain.registered),
            expires,
            lock_label(domain.locked).to_string(),
        ],
        style,
    }
}

/// Whether the account's domain data is old: its last refresh failed or
/// the account is unhealthy.
pub fn is_stale(state: &State, account: &str) -> bool {
    records::is_stale(state, &state.domain_errors, account)
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
    if !state.domains.is_empty() {
        return "no domain matches the filter (esc clears it)".into();
    }
    let waiting = offering.iter().any(|a| {
        !state.records.domains_loaded.contains(*a) && !state.domain_errors.contains_key(*a)
    });
    if waiting {
        "loading…".into()
    } else if offering
        .iter()
        .any(|a| state.domain_errors.contains_key(*a))
    {
        "no domains: the last refresh failed (r retries)".into()
    } else {
        "no domains on these accounts".into()
    }
}

fn draw_domain_details(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) -> u16 {
    let scroll = state.records.domain_panel.scroll;
    let Some(domain) = state.selected_domain() else {
        let lines = vec![note("no domain selected", theme)];
        return draw_details(frame, area, " Details ".into(), lines, scroll, theme);
    };
    let title = format!(" {} · {} (esc closes) ", domain.id, domain.account);
    let lines = detail_lines(domain, state, theme);
    draw_details(frame, area, title, lines, scroll, theme)
}

fn detail_lines(domain: &Domain, state: &State, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        field("Domain", domain.id.clone(), theme),
        field("Status", domain.status.clone(), theme),
        field("Registered", ymd(domain.registered), theme),
        expiry_line(domain, state, theme),
        field("Lock", lock_label(domain.locked), theme),
        field("Fetched", fetched(domain, state), theme),
    ];
    heading(&mut lines, "Nameservers", theme);
    for ns in &domain.nameservers {
        lines.push(Line::from(format!("  {ns}")));
    }
    if domain.nameservers.is_empty() {
        lines.push(note("none known", theme));
    }
    heading(&mut lines, "Contacts", theme);
    for (role, handle) in [
        ("Owner", &domain.owner),
        ("Admin", &domain.admin),
        ("Tech", &domain.tech),
    ] {
        lines.push(field(
            role,
            resolve(state, domain, handle.as_deref()),
            theme,
        ));
    }
    detail_sections(&mut lines, &domain.details, theme);
    history_lines(&mut lines, domain, state, theme);
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
    let Some(history) = state.domain_history.get(&domain.reference()) else {
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
