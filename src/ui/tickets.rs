//! The ticket inbox: every ticket of every account in one table (unread
//! ones bold and marked `●`, closed ones dimmed), its title counting the
//! unread tickets, and the thread in the details panel: the ticket's
//! fields and its messages oldest first, or what the provider says
//! instead where it gives no message texts. The reply editor docks under
//! the thread ([`reply_dock`]).

use super::table::{
    self, age_note, cells, detail_sections, draw_details, draw_table, errors_footer, field,
    heading, job_lines, list_table, note, visible_rows, TableRow,
};
use super::theme::Theme;
use crate::app::form::FormKind;
use crate::app::layout::Areas;
use crate::app::resources::Resources;
use crate::app::store::{Mode, State};
use crate::model::{short_age, time::iso_date_time, Capability, Thread, Ticket, TicketMessage};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::Frame;

/// Draws the pane; returns how far the thread can scroll, if shown.
pub fn draw(frame: &mut Frame, areas: &Areas, state: &State, theme: &Theme) -> Option<u16> {
    if areas.table.height > 0 {
        draw_table_area(frame, areas.table, state, theme);
    }
    areas
        .details
        .map(|area| draw_thread(frame, area, state, theme))
}

/// Where the reply editor goes: the lower part of the thread panel, so
/// the messages stay readable above it.
pub fn reply_dock(areas: &Areas) -> Option<Rect> {
    areas.details.map(reply_dock_of)
}

fn reply_dock_of(area: Rect) -> Rect {
    let height = (area.height / 2).max(8).min(area.height);
    Rect {
        y: area.y + area.height - height,
        height,
        ..area
    }
}

fn draw_table_area(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let view = &state.panes.tickets.list;
    let all: Vec<&Ticket> = state.data.tickets().collect();
    let rows = visible_rows(view, &all, area, |t| ticket_row(t, state, theme));
    let mut table = list_table("Tickets", view, rows);
    let unread = all.iter().filter(|t| t.unread).count();
    table.title.push_str(&format!("{unread} unread "));
    let fetched = state.data.tickets.values().filter_map(|s| s.fetched_at);
    if let Some(age) = age_note(state.now, fetched) {
        table.title.push_str(&age);
    }
    table.footer = errors_footer(Resources::errors(&state.data.tickets).map(|(_, e)| e));
    table.empty_note = Some(empty_note(state, all.is_empty()));
    draw_table(frame, area, table, theme);
}

fn ticket_row(ticket: &Ticket, state: &State, theme: &Theme) -> TableRow {
    let mut style = Style::new();
    if ticket.unread {
        style = style.patch(theme.bold);
    } else if ticket.is_closed() {
        style = style.patch(theme.dim);
    }
    if table::is_stale(state, &state.data.tickets, &ticket.account) {
        style = style.patch(theme.stale);
    }
    TableRow {
        cells: cells(ticket, &state.now),
        style,
    }
}

fn empty_note(state: &State, none: bool) -> String {
    if !state.any_offers(Capability::Tickets) {
        return "no account offers support tickets".into();
    }
    if !none {
        return "no ticket matches the filter (esc clears it)".into();
    }
    let slots = &state.data.tickets;
    let arrived = slots.values().any(|s| s.data.is_some());
    let failed: Vec<&String> = Resources::errors(slots).map(|(_, e)| e).collect();
    match (arrived, failed.first()) {
        // In the inbox `r` replies; ctrl-r refreshes.
        (false, Some(error)) => format!("no tickets: {error} (ctrl-r retries)"),
        (false, None) => "loading…".into(),
        (true, _) => "no tickets on these accounts".into(),
    }
}

fn draw_thread(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) -> u16 {
    let scroll = state.panes.tickets.panel.scroll;
    let Some(ticket) = state.selected_ticket() else {
        let lines = vec![note("no ticket selected", theme)];
        return draw_details(frame, area, " Thread ".into(), lines, scroll, theme);
    };
    if replying(state) {
        return draw_replied_thread(frame, area, ticket, state, theme);
    }
    let title = format!(" #{} · {} (esc closes) ", ticket.id, ticket.account);
    let lines = thread_lines(ticket, state, theme);
    draw_details(frame, area, title, lines, scroll, theme)
}

fn replying(state: &State) -> bool {
    matches!(&state.mode, Mode::Form(form) if form.kind == FormKind::Reply)
}

/// While a reply is written, the part above the editor shows the end of
/// the thread: what is being answered.
fn draw_replied_thread(
    frame: &mut Frame,
    area: Rect,
    ticket: &Ticket,
    state: &State,
    theme: &Theme,
) -> u16 {
    let dock = reply_dock_of(area);
    let above = Rect {
        height: area.height - dock.height,
        ..area
    };
    let title = format!(" #{} · {} · {} ", ticket.id, ticket.account, ticket.status);
    let mut lines = vec![field("Subject", ticket.subject.clone(), theme)];
    lines.extend(message_lines(&ticket.thread, theme));
    let reference = ticket.reference();
    if state.jobs_of(&reference).next().is_some() {
        job_lines(&mut lines, state.jobs_of(&reference), state.now, theme);
    }
    draw_details(frame, above, title, lines, u16::MAX, theme)
}

fn thread_lines(ticket: &Ticket, state: &State, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = ticket
        .missing
        .iter()
        .map(|m| {
            let text = format!("~ {} not fetched: {}", m.part, m.cause);
            Line::from(Span::styled(text, theme.warn))
        })
        .collect();
    let when = |at: Option<i64>| match at {
        Some(at) => format!("{} ({} ago)", iso_date_time(at), short_age(state.now - at)),
        None => String::new(),
    };
    lines.extend([
        field("Subject", ticket.subject.clone(), theme),
        field("Status", ticket.status.clone(), theme),
        field("Category", ticket.category.clone(), theme),
        field("Priority", ticket.priority.clone(), theme),
        field("Opened", when(ticket.created), theme),
        field("Updated", when(ticket.updated), theme),
        field("Unread", if ticket.unread { "yes" } else { "no" }, theme),
    ]);
    detail_sections(&mut lines, &ticket.details, theme);
    heading(&mut lines, "Messages (oldest first)", theme);
    lines.extend(message_lines(&ticket.thread, theme));
    job_lines(
        &mut lines,
        state.jobs_of(&ticket.reference()),
        state.now,
        theme,
    );
    lines
}

fn message_lines(thread: &Thread, theme: &Theme) -> Vec<Line<'static>> {
    match thread {
        Thread::NotFetched => vec![note("loading…", theme)],
        // One part of what the provider gives per line: `3 replies by
        // you, last at …` reads better than one wrapped sentence.
        Thread::NoBodies { note: text } => text.split("; ").map(|part| note(part, theme)).collect(),
        Thread::Messages(messages) if messages.is_empty() => vec![note("none", theme)],
        Thread::Messages(messages) => messages.iter().flat_map(|m| message(m, theme)).collect(),
    }
}

/// `── Support Staff (staff) · 2016-12-30 ──`, then the body's lines.
fn message(message: &TicketMessage, theme: &Theme) -> Vec<Line<'static>> {
    let who = if message.from_staff { " (staff)" } else { "" };
    let at = message
        .at
        .map(|at| format!(" · {}", iso_date_time(at)))
        .unwrap_or_default();
    let head = format!("── {}{who}{at} ──", message.author);
    let mut lines = vec![Line::from(""), Line::from(Span::styled(head, theme.bold))];
    lines.extend(message.body.lines().map(|l| Line::from(l.to_string())));
    lines
}
