//! The DNS records view: the records of one domain in a table titled with
//! the domain and its account (and `listing…` while they are listed
//! again), stale rows dimmed after a failed list, and the details panel
//! with a record whole and the record jobs of its domain.

use super::table::{
    self, age_note, cells, draw_details, draw_table, errors_footer, field, job_lines, list_table,
    note, visible_rows, TableRow,
};
use super::theme::Theme;
use crate::app::layout::Areas;
use crate::app::panes::records::{is_editable, is_listing};
use crate::app::resources::Slot;
use crate::app::store::State;
use crate::model::{DnsRecord, Ref};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::Frame;

/// Draws the view; returns how far its details panel can scroll, if shown.
pub fn draw(frame: &mut Frame, areas: &Areas, state: &State, theme: &Theme) -> Option<u16> {
    if areas.table.height > 0 {
        draw_table_area(frame, areas.table, state, theme);
    }
    areas
        .details
        .map(|area| draw_record_details(frame, area, state, theme))
}

/// The slot of the shown domain's records.
fn slot<'a>(state: &'a State, domain: &Ref) -> Option<&'a Slot<Vec<DnsRecord>>> {
    state.data.records.get(domain)
}

fn draw_table_area(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let view = &state.panes.records.list;
    let domain = state.panes.records.domain.as_ref();
    let name = match domain {
        Some(domain) => format!("DNS records of {} · {}", domain.id, domain.account),
        None => "DNS records".to_string(),
    };
    let slot = domain.and_then(|d| slot(state, d));
    let all: Vec<&DnsRecord> = slot
        .and_then(|s| s.data.as_ref())
        .map(|records| records.iter().collect())
        .unwrap_or_default();
    let stale = domain.is_some_and(|d| is_stale(state, d));
    let rows = visible_rows(view, &all, area, |r| TableRow {
        cells: cells(r, &()),
        style: if stale { theme.stale } else { Style::new() },
    });
    let mut table = list_table(&name, view, rows);
    if let Some(slot) = slot {
        if let Some(age) = age_note(state.now, slot.fetched_at.into_iter()) {
            table.title.push_str(&age);
        }
        if is_listing(slot) && slot.data.is_some() {
            table.title.push_str("listing… ");
        }
        table.footer = errors_footer(slot.error.iter());
    }
    table.empty_note = Some(empty_note(state, domain, all.is_empty()));
    draw_table(frame, area, table, theme);
}

/// Whether the shown records are old: their last list failed or the
/// account is unhealthy.
fn is_stale(state: &State, domain: &Ref) -> bool {
    slot(state, domain).is_some_and(|s| s.error.is_some())
        || table::is_unhealthy(state, &domain.account)
}

fn empty_note(state: &State, domain: Option<&Ref>, none: bool) -> String {
    let Some(domain) = domain else {
        return "no domain shown: R on a domain in the domains view, or :records DOMAIN".into();
    };
    if !none {
        return "no record matches the filter (esc clears it)".into();
    }
    match slot(state, domain) {
        Some(slot) if slot.data.is_some() => {
            format!("no DNS records on {} (a adds one)", domain.id)
        }
        Some(Slot {
            error: Some(error), ..
        }) => format!("no records: {error} (r retries)"),
        _ => "loading…".into(),
    }
}

fn draw_record_details(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) -> u16 {
    let scroll = state.panes.records.panel.scroll;
    let Some(record) = state.selected_record() else {
        let lines = vec![note("no record selected", theme)];
        return draw_details(frame, area, " Details ".into(), lines, scroll, theme);
    };
    let title = format!(
        " {} {} · {} (esc closes) ",
        record.record_type,
        record.full_name(),
        record.account
    );
    let lines = detail_lines(record, state, theme);
    draw_details(frame, area, title, lines, scroll, theme)
}

fn detail_lines(record: &DnsRecord, state: &State, theme: &Theme) -> Vec<Line<'static>> {
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_else(|| "-".into());
    let mut lines = vec![
        field("Name", record.name.clone(), theme),
        field("Full name", record.full_name(), theme),
        field("Type", record.record_type.clone(), theme),
        field("Content", record.content.clone(), theme),
        field("Priority", number(record.priority), theme),
        field("TTL", number(record.ttl), theme),
        field("Record id", record.id.clone(), theme),
    ];
    if !is_editable(record) {
        lines.push(note(
            "hostdeck does not edit records of this type; x deletes it",
            theme,
        ));
    }
    let domain = record.domain_ref();
    let jobs = state
        .jobs_of(&domain)
        .filter(|j| j.command.is_record_command());
    job_lines(&mut lines, jobs, state.now, theme);
    lines
}
