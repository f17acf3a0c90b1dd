//! The `?` help overlay: every key, and which actions each account offers.

use super::keymap::{
    key_for, view_keys, ACTION_KEYS, GENERAL_KEYS, IP_REQUEST_KEY, MAINTENANCE_KEY, PTR_KEY,
    RECORD_KEYS,
};
use super::theme::Theme;
use super::widgets::{centered, draw_scrolled};
use crate::app::command::ViewKind;
use crate::app::listview::{ListColumn, ListRow};
use crate::app::store::State;
use crate::model::{Action, Capability, Contact, Domain, Visit, Visitor};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// Draws the overlay; returns the most it can scroll.
pub fn draw(frame: &mut Frame, state: &State, scroll: u16, theme: &Theme) -> u16 {
    let area = centered(frame.area(), 72, 40);
    let lines = if state.main_view.is_record_view() {
        record_lines(state, theme)
    } else {
        server_lines(state, theme)
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Help (esc closes, j/k scroll) ");
    frame.render_widget(Clear, area);
    draw_scrolled(frame, area, Paragraph::new(lines).block(block), scroll)
}

fn server_lines(state: &State, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled("Keys", theme.header))];
    for (key, what) in GENERAL_KEYS {
        lines.push(key_line(key, what, theme));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Actions on the selected server (only those its provider offers)",
        theme.header,
    )));
    for (key, action) in ACTION_KEYS {
        let note = if action.is_destructive() {
            " (asks first)"
        } else {
            ""
        };
        lines.push(key_line(
            &key.to_string(),
            &format!("{}{note}", action.label()),
            theme,
        ));
    }
    lines.push(key_line(
        &MAINTENANCE_KEY.to_string(),
        "maintenance mode on/off",
        theme,
    ));
    for (key, what, capability) in SERVER_FORMS {
        if state.any_offers(capability) {
            lines.push(key_line(&key.to_string(), what, theme));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Offered for the selected server",
        theme.header,
    )));
    lines.push(Line::from(offered(state)));
    if state.read_only {
        lines.push(Line::from(Span::styled(
            "read-only mode: every mutating action is refused",
            theme.warn,
        )));
    }
    lines
}

/// Every key of the current record view, its sort columns, its `:`
/// commands, and what the selected row's account offers.
fn record_lines(state: &State, theme: &Theme) -> Vec<Line<'static>> {
    let view = state.main_view;
    let title = format!("Keys of the {} view", view.title());
    let mut lines = vec![Line::from(Span::styled(title, theme.header))];
    let (range, names) = sort_columns(state);
    lines.push(key_line(&range, "sort by column (again: reverse):", theme));
    lines.push(key_line("", &names, theme));
    if view == ViewKind::Colocation {
        lines.push(key_line("tab", "switch between visitors and visits", theme));
    }
    let keys = view_keys(view);
    if !keys.is_empty() {
        lines.push(Line::from(""));
        let what = match view {
            ViewKind::Domains => {
                "Actions on the selected domain (where its account offers domains)"
            }
            _ => "Actions on contacts (where the account offers domain contacts)",
        };
        lines.push(Line::from(Span::styled(what, theme.header)));
        for key in keys {
            lines.push(key_line(&key.key.to_string(), key.help, theme));
        }
    }
    lines.extend(record_commands(view, theme));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Moving around", theme.header)));
    for (key, what) in RECORD_KEYS {
        lines.push(key_line(key, what, theme));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(offered_here(state)));
    if state.read_only {
        lines.push(Line::from(Span::styled(
            "read-only mode: every mutating action is refused",
            theme.warn,
        )));
    }
    lines
}

/// `1..7` and `ACCOUNT DOMAIN …` for the table that has the keyboard.
fn sort_columns(state: &State) -> (String, String) {
    let columns: &[ListColumn] = match state.main_view {
        ViewKind::Domains => Domain::COLUMNS,
        ViewKind::Contacts => Contact::COLUMNS,
        _ => match state.records.colocation_pane {
            crate::app::store::ColocationPane::Visitors => Visitor::COLUMNS,
            crate::app::store::ColocationPane::Visits => Visit::COLUMNS,
        },
    };
    let names: Vec<&str> = columns.iter().map(|c| c.title).collect();
    (format!("1..{}", columns.len()), names.join(" "))
}

fn record_commands(view: ViewKind, theme: &Theme) -> Vec<Line<'static>> {
    let commands: &[(&str, &str)] = match view {
        ViewKind::Domains => &[
            (":epp", "request the transfer (EPP) code"),
            (":lock / :unlock", "set the registrar lock explicitly"),
            (":cancel", "cancel at the end of the term (type the name)"),
            (
                ":cancel-direct",
                "cancel IMMEDIATELY (type the name; no key)",
            ),
        ],
        ViewKind::Contacts => &[(":del-contact", "delete the selected contact")],
        _ => &[],
    };
    if commands.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![
        Line::from(""),
        Line::from(Span::styled("Commands", theme.header)),
    ];
    for (command, what) in commands {
        lines.push(key_line(command, what, theme));
    }
    lines
}

fn offered_here(state: &State) -> String {
    let (account, capability) = match state.main_view {
        ViewKind::Domains => (
            state.selected_domain().map(|d| d.account.clone()),
            Capability::Domains,
        ),
        ViewKind::Contacts => (
            state.selected_contact().map(|c| c.account.clone()),
            Capability::Contacts,
        ),
        _ => return "The colocation view is read-only.".into(),
    };
    let Some(account) = account else {
        return format!(
            "  nothing selected; {} offered by: {}",
            capability.label(),
            offering(state, capability)
        );
    };
    if state.offers(&account, capability) {
        format!("  {account} offers {}", capability.label())
    } else {
        format!(
            "  {account} does not offer {}: its action keys do nothing",
            capability.label()
        )
    }
}

fn offering(state: &State, capability: Capability) -> String {
    let names: Vec<&str> = state
        .accounts
        .iter()
        .filter(|a| a.offers(capability))
        .map(|a| a.name.as_str())
        .collect();
    if names.is_empty() {
        "no account".into()
    } else {
        names.join(", ")
    }
}

fn key_line(key: &str, what: &str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("  {key:<16}"), theme.key),
        Span::raw(what.to_string()),
    ])
}

/// The forms on the selected server, each listed where some account
/// offers what it needs.
const SERVER_FORMS: [(char, &str, Capability); 2] = [
    (
        PTR_KEY,
        "edit reverse DNS of its IPs (form)",
        Capability::ReverseDns,
    ),
    (
        IP_REQUEST_KEY,
        "request extra IP addresses (form, asks first)",
        Capability::IpRequests,
    ),
];

fn offered(state: &State) -> String {
    let Some(server) = state.selected_server() else {
        return "  no server selected".into();
    };
    let forms = SERVER_FORMS
        .iter()
        .filter(|(_, _, capability)| state.offers(&server.account, *capability))
        .map(|(key, _, capability)| format!("{} ({key})", capability.label()));
    let names: Vec<String> = Action::ALL
        .into_iter()
        .filter(|a| server.supports(*a))
        .map(|a| format!("{} ({})", a.label(), key_for(a).unwrap_or('?')))
        .chain(forms)
        .collect();
    if names.is_empty() {
        format!("  none for {} right now", server.name)
    } else {
        format!("  {}", names.join(", "))
    }
}
