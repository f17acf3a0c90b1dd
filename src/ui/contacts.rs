//! The contacts view: the domain contacts (registry handles) of every
//! account, how many domains use each, and every field of the selected one.

use super::domains::{domain_fed_table, is_stale};
use super::table::{
    cells, draw_details, draw_table, field, heading, job_lines, note, visible_rows, TableRow,
};
use super::theme::Theme;
use crate::app::layout::Areas;
use crate::app::store::State;
use crate::model::{short_age, Capability, Contact};
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
        .map(|area| draw_contact_details(frame, area, state, theme))
}

fn draw_table_area(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let view = &state.panes.contacts.list;
    let all: Vec<&Contact> = state.data.contacts().collect();
    let rows = visible_rows(view, &all, area, |c| contact_row(c, state, theme));
    let mut table = domain_fed_table(state, "Contacts", view, rows);
    table.empty_note = Some(empty_note(state));
    draw_table(frame, area, table, theme);
}

fn contact_row(contact: &Contact, state: &State, theme: &Theme) -> TableRow {
    let style = if is_stale(state, &contact.account) {
        theme.stale
    } else {
        Style::new()
    };
    TableRow {
        cells: cells(contact, &state.panes.contacts.usage),
        style,
    }
}

fn empty_note(state: &State) -> String {
    if !state.any_offers(Capability::Contacts) && !state.any_offers(Capability::Domains) {
        return "no account offers domain contacts".into();
    }
    if state.data.contacts().next().is_some() {
        return "no contact matches the filter (esc clears it)".into();
    }
    let slots = &state.data.domains;
    let arrived = slots.values().any(|s| s.data.is_some());
    let failed = slots.values().any(|s| s.error.is_some());
    if !arrived && !failed {
        "loading…".into()
    } else {
        "no contacts on these accounts".into()
    }
}

fn draw_contact_details(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) -> u16 {
    let scroll = state.panes.contacts.panel.scroll;
    let Some(contact) = state.selected_contact() else {
        let lines = vec![note("no contact selected", theme)];
        return draw_details(frame, area, " Details ".into(), lines, scroll, theme);
    };
    let title = format!(" {} · {} (esc closes) ", contact.id, contact.account);
    let lines = detail_lines(contact, state, theme);
    draw_details(frame, area, title, lines, scroll, theme)
}

fn detail_lines(contact: &Contact, state: &State, theme: &Theme) -> Vec<Line<'static>> {
    let f = &contact.fields;
    let gender = match f.gender.as_str() {
        "m" | "M" => "male (m)".to_string(),
        "v" | "V" | "f" | "F" => "female (v)".to_string(),
        other => other.to_string(),
    };
    let mut lines = vec![
        field("Handle id", contact.id.clone(), theme),
        field("Handle", f.handle.clone(), theme),
        field("Name", contact.display_name(), theme),
        field("Company", f.company_name.clone(), theme),
        field("Company no.", f.company_number.clone(), theme),
        field("Legal form", f.legal_form.clone(), theme),
        field("Tax number", f.tax_number.clone(), theme),
        field("Gender", gender, theme),
        field("First name", f.first_name.clone(), theme),
        field("Last name", f.last_name.clone(), theme),
        field("Address", f.address.clone(), theme),
        field("Zip code", f.zip_code.clone(), theme),
        field("City", f.city.clone(), theme),
        field("Country", f.country.clone(), theme),
        field("Phone", f.phone_number.clone(), theme),
        field("Fax", f.fax_number.clone(), theme),
        field("Email", contact.email.clone().unwrap_or_default(), theme),
        field(
            "Fetched",
            format!("{} ago", short_age(state.now - contact.fetched_at)),
            theme,
        ),
    ];
    heading(&mut lines, "Used by", theme);
    let users = state.panes.contacts.users(contact);
    for domain in users {
        lines.push(Line::from(format!("  {domain}")));
    }
    if users.is_empty() {
        lines.push(note("no domain", theme));
    }
    job_lines(
        &mut lines,
        state.jobs_of(&contact.reference()),
        state.now,
        theme,
    );
    lines
}
