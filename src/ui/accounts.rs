//! The accounts view: each account's health, the age of its data, the
//! latency of its last refresh and its last error.

use super::health_symbol;
use super::theme::Theme;
use crate::app::store::State;
use crate::model::short_age;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Row, Table, TableState};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let header = Row::new([
        "ACCOUNT",
        "KIND",
        "HEALTH",
        "SERVERS",
        "DATA AGE",
        "LATENCY",
        "LAST ERROR",
    ])
    .style(theme.header);
    let rows = state.accounts.iter().map(|account| {
        let health = &account.health;
        let servers = state
            .servers
            .iter()
            .filter(|s| s.account == account.name)
            .count();
        let age = health
            .last_success_at
            .map(|at| short_age(state.now - at))
            .unwrap_or_else(|| "never".into());
        let latency = health
            .last_latency_ms
            .map(|ms| format!("{ms} ms"))
            .unwrap_or_default();
        let mut name = account.name.clone();
        if account.read_only {
            name.push_str(" (ro)");
        }
        Row::new(vec![
            Line::from(name),
            Line::from(account.kind.as_str()),
            Line::from(Span::styled(
                format!("{} {}", health_symbol(health.state), health.state.label()),
                theme.health(health.state),
            )),
            Line::from(servers.to_string()),
            Line::from(age),
            Line::from(latency),
            Line::from(Span::styled(
                health.last_error.clone().unwrap_or_default(),
                theme.error,
            )),
        ])
    });
    let widths = [
        Constraint::Max(18),
        Constraint::Length(14),
        Constraint::Length(13),
        Constraint::Length(7),
        Constraint::Length(8),
        Constraint::Length(9),
        Constraint::Fill(1),
    ];
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(format!(
            " Accounts [{}] (esc: back to servers) ",
            state.accounts.len()
        ));
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(theme.selected);
    frame.render_stateful_widget(table, area, &mut TableState::default());
}
