//! The `?` help overlay: every key, and which actions each account offers.

use super::keymap::{key_for, ACTION_KEYS, GENERAL_KEYS, MAINTENANCE_KEY};
use super::theme::Theme;
use super::widgets::centered;
use crate::app::store::State;
use crate::model::Action;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, state: &State, scroll: u16, theme: &Theme) {
    let area = centered(frame.area(), 72, 40);
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
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Help (esc closes, j/k scroll) ");
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}

fn key_line(key: &str, what: &str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("  {key:<16}"), theme.key),
        Span::raw(what.to_string()),
    ])
}

fn offered(state: &State) -> String {
    let Some(server) = state.selected_server() else {
        return "  no server selected".into();
    };
    let names: Vec<String> = Action::ALL
        .into_iter()
        .filter(|a| server.supports(*a))
        .map(|a| format!("{} ({})", a.label(), key_for(a).unwrap_or('?')))
        .collect();
    if names.is_empty() {
        format!("  none for {} right now", server.name)
    } else {
        format!("  {}", names.join(", "))
    }
}
