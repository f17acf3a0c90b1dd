//! The confirm dialog for commands that need a yes. Cancel has the focus
//! until the user moves it; the dialog names the command, the object and
//! the account. The most dangerous commands also ask for the object's name
//! to be typed.

use super::centered;
use crate::app::labels::{lock_label, ymd};
use crate::app::store::{Confirm, ConfirmFocus, State};
use crate::model::{Command, NewTicket, ObjectKind, TicketChoice, TicketOptions};
use crate::ui::theme::Theme;
use ratatui::layout::Alignment;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, confirm: &Confirm, state: &State, theme: &Theme) {
    let command = &confirm.command;
    let (before, after) = phrase(command, confirm.target.kind);
    let mut lines = vec![
        Line::from(vec![
            Span::raw(before),
            Span::styled(confirm.target_name.clone(), theme.bold),
            Span::raw(after),
        ]),
        Line::from(vec![
            Span::raw("on account "),
            Span::styled(confirm.target.account.clone(), theme.bold),
            Span::raw("?"),
        ]),
    ];
    for context in context(confirm, state) {
        lines.push(Line::from(Span::styled(context, theme.warn)));
    }
    let options = state.data.ticket_options.get(&confirm.target.account);
    let options = options.and_then(|slot| slot.data.as_ref());
    for quoted in message_preview(command, options) {
        lines.push(Line::from(Span::styled(quoted, theme.dim)).left_aligned());
    }
    lines.push(Line::from(Span::styled(command.consequence(), theme.dim)));
    if let Some(typed) = &confirm.typed {
        lines.push(Line::from(format!(
            "Type {} to confirm:",
            confirm.target_name
        )));
        lines.push(Line::from(Span::styled(format!("{typed}_"), theme.bold)));
    }
    let (keep, go) = button_labels(command);
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        button(keep, confirm.focus == ConfirmFocus::Cancel, theme),
        Span::raw("   "),
        button(&go, confirm.focus == ConfirmFocus::Confirm, theme),
    ]));
    // Two spare lines for wrapping inside the border.
    let area = centered(frame.area(), 64, lines.len() as u16 + 4);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.warn)
        .title(format!(" Confirm {} ", title(command)));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        area,
    );
}

/// The question around the object's name: `Unlock ` + name, `Cancel ` +
/// name + ` at the end of its term`, `Reboot server ` + name, `Request 2
/// IPv4 addresses for server ` + name.
fn phrase(command: &Command, kind: ObjectKind) -> (String, &'static str) {
    match command {
        Command::SetLock { locked: true } => ("Lock ".into(), ""),
        Command::SetLock { locked: false } => ("Unlock ".into(), ""),
        Command::RequestEpp => ("Request the transfer (EPP) code of ".into(), ""),
        Command::CancelDomain { immediate: false } => ("Cancel ".into(), " at the end of its term"),
        Command::CancelDomain { immediate: true } => ("Cancel ".into(), " IMMEDIATELY"),
        Command::ReplyTicket { .. } => ("Send this reply to ticket ".into(), ""),
        Command::OpenTicket(_) => ("Open the new ticket ".into(), ""),
        Command::ResetNameservers => ("Reset the nameservers of ".into(), ""),
        Command::DeleteRecord { listed, .. } => (
            format!("Delete the DNS record {} of ", listed.describe()),
            "",
        ),
        other => {
            let joint = match other {
                Command::RequestIps { .. } => " for",
                _ => "",
            };
            let label = capitalized(&other.label());
            (format!("{label}{joint} {} ", noun(kind)), "")
        }
    }
}

/// What the user should know about the object now: its lock state, the
/// end of its term, the domains using a contact, the reason given for
/// more addresses, the nameservers before and after a reset.
fn context(confirm: &Confirm, state: &State) -> Vec<String> {
    if let Command::ResetNameservers = confirm.command {
        return reset_context(confirm, state);
    }
    one_context(confirm, state).into_iter().collect()
}

/// `now: ns1…, ns2…` and `afterwards: XSServer's default nameservers`.
fn reset_context(confirm: &Confirm, state: &State) -> Vec<String> {
    let target = &confirm.target;
    let kind = state.account(&target.account).map(|a| a.kind);
    let defaults = kind
        .and_then(crate::provider::default_nameservers)
        .unwrap_or("the provider's default nameservers");
    let now = state
        .domain(target)
        .map(|d| d.nameservers.join(", "))
        .filter(|ns| !ns.is_empty())
        .unwrap_or_else(|| "unknown".into());
    vec![format!("now: {now}"), format!("afterwards: {defaults}")]
}

fn one_context(confirm: &Confirm, state: &State) -> Option<String> {
    let target = &confirm.target;
    match &confirm.command {
        Command::SetLock { .. } => state
            .domain(target)
            .map(|d| format!("now: {}", lock_label(d.locked))),
        Command::CancelDomain { .. } => state
            .domain(target)
            .and_then(|d| d.expires)
            .map(|end| format!("Current term ends {}", ymd(Some(end)))),
        Command::RequestIps { reason, .. } => Some(format!("Reason: {reason}")),
        Command::DeleteContact => {
            let users = state.panes.contacts.usage.get(target);
            Some(match users.filter(|u| !u.is_empty()) {
                Some(users) => format!("used by {} domain(s): {}", users.len(), shortlist(users)),
                None => "not used by any domain".into(),
            })
        }
        _ => None,
    }
}

/// Lines shown of a message about to be sent.
const PREVIEW_LINES: usize = 3;
/// Widest quoted line inside the dialog's border.
const PREVIEW_WIDTH: usize = 56;

/// The first lines of a reply or a new ticket's message, quoted, so the
/// user sees what goes out before it goes.
fn message_preview(command: &Command, options: Option<&TicketOptions>) -> Vec<String> {
    let (body, filed) = match command {
        Command::ReplyTicket { body } => (body, None),
        Command::OpenTicket(ticket) => (&ticket.body, Some(filed_under(ticket, options))),
        _ => return Vec::new(),
    };
    let mut lines: Vec<String> = filed.filter(|f| !f.is_empty()).into_iter().collect();
    let text: Vec<&str> = body.lines().collect();
    for line in text.iter().take(PREVIEW_LINES) {
        lines.push(format!("│ {}", cut(line, PREVIEW_WIDTH)));
    }
    if text.len() > PREVIEW_LINES {
        lines.push(format!("│ … {} more line(s)", text.len() - PREVIEW_LINES));
    }
    lines
}

/// `category: Technical · department: NOC`, the parts a ticket has, by
/// the names the provider lists them under (a department is sent by id).
fn filed_under(ticket: &NewTicket, options: Option<&TicketOptions>) -> String {
    let none: &[TicketChoice] = &[];
    let listed = |pick: fn(&TicketOptions) -> &[TicketChoice]| options.map_or(none, pick);
    let parts = [
        ("category", &ticket.category, listed(|o| &o.categories)),
        ("department", &ticket.department, listed(|o| &o.departments)),
    ];
    let named = parts.iter().filter_map(|(name, value, choices)| {
        let value = value.as_deref()?;
        let label = choices.iter().find(|c| c.value == value).map(|c| &c.label);
        Some(format!("{name}: {}", label.map_or(value, String::as_str)))
    });
    named.collect::<Vec<_>>().join(" · ")
}

/// `text` in at most `width` characters, ending in `…` when cut.
fn cut(text: &str, width: usize) -> String {
    match text.chars().count() > width {
        true => text.chars().take(width - 1).chain(['…']).collect(),
        false => text.to_string(),
    }
}

/// At most three names, then `…`.
fn shortlist(names: &[String]) -> String {
    let mut text = names.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > 3 {
        text.push_str(", …");
    }
    text
}

/// The labels of the "no" and "yes" buttons; a domain cancel says "Keep
/// domain" so its two buttons cannot be confused.
fn button_labels(command: &Command) -> (&'static str, String) {
    match command {
        Command::CancelDomain { immediate: false } => ("Keep domain", "Cancel at term end".into()),
        Command::CancelDomain { immediate: true } => ("Keep domain", "Cancel NOW".into()),
        Command::ReplyTicket { .. } => ("Cancel", "Send reply".into()),
        Command::OpenTicket(_) => ("Cancel", "Open ticket".into()),
        Command::ResetNameservers => ("Keep nameservers", "Reset to defaults".into()),
        other => ("Cancel", capitalized(&other.label())),
    }
}

fn button<'a>(label: &str, focused: bool, theme: &Theme) -> Span<'a> {
    let (text, style) = if focused {
        (format!("> {label} <"), theme.focused_button)
    } else {
        (format!("  {label}  "), theme.button)
    };
    Span::styled(text, style)
}

fn title(command: &Command) -> String {
    match command {
        Command::Power(action) => action.label().to_string(),
        Command::RequestIps { .. } => "IP request".into(),
        other => other.cli_name().replace('-', " "),
    }
}

fn noun(kind: ObjectKind) -> &'static str {
    match kind {
        ObjectKind::Server => "server",
        ObjectKind::Ip => "IP",
        ObjectKind::Domain => "domain",
        ObjectKind::Contact => "contact",
        ObjectKind::Ticket => "ticket",
        ObjectKind::Record => "record",
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
