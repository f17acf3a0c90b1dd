//! The accounts pane: each account's health, the age of its data, the
//! latency of its last refresh and its last error; below, the parts the
//! last refreshes could not fetch (failed enrichments), with their cause.

use super::health_symbol;
use super::theme::Theme;
use crate::app::layout::Areas;
use crate::app::store::State;
use crate::model::{short_age, Missing};
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState, Wrap};
use ratatui::Frame;

/// Draws the pane; it has no details panel.
pub fn draw(frame: &mut Frame, areas: &Areas, state: &State, theme: &Theme) -> Option<u16> {
    let area = areas.main_full;
    let missing = missing_lines(state, theme);
    let wanted = state.accounts.len() as u16 + 3;
    let table_height = if missing.is_empty() {
        area.height
    } else {
        wanted.min(area.height)
    };
    draw_table(
        frame,
        Rect {
            height: table_height,
            ..area
        },
        state,
        theme,
    );
    let below = Rect {
        y: area.y + table_height,
        height: area.height - table_height,
        ..area
    };
    if below.height > 0 && !missing.is_empty() {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(" Not fetched by the last refreshes (the rest is shown) ");
        let text = Paragraph::new(missing)
            .block(block)
            .wrap(Wrap { trim: false });
        frame.render_widget(text, below);
    }
    None
}

/// `clc-demo  networks in UC1: …` for every part some account's last
/// refresh (servers, domains, colocation) could not fetch.
fn missing_lines(state: &State, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for account in &state.accounts {
        let name = &account.name;
        let domains = state.domain_data(name).map(|d| d.missing.as_slice());
        let colocation = state
            .data
            .colocation
            .get(name)
            .and_then(|s| s.data.as_ref());
        let parts = account
            .health
            .missing
            .iter()
            .chain(domains.unwrap_or_default())
            .chain(colocation.map_or(&[][..], |c| c.missing.as_slice()));
        lines.extend(parts.map(|missing| missing_line(name, missing, theme)));
    }
    lines
}

fn missing_line(account: &str, missing: &Missing, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{account}  "), theme.bold),
        Span::styled(format!("{}: ", missing.part), theme.warn),
        Span::raw(missing.cause.clone()),
    ])
}

fn draw_table(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
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
        let servers = state.data.servers.count(&account.name);
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
