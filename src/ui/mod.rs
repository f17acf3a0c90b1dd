//! Drawing: `draw(&State)` renders the whole screen. The UI never does I/O
//! and never mutates state; it builds only the rows that are visible. Each
//! pane has one module here, reached through the one match in
//! `draw_pane`; `table` holds what the list panes share.

pub mod accounts;
pub mod colocation;
pub mod contacts;
pub mod domains;
pub mod help;
pub mod jobs;
pub mod keymap;
pub mod records;
pub mod servers;
pub mod table;
pub mod telemetry;
pub mod theme;
pub mod tickets;
pub mod widgets;

use crate::app::bindings;
use crate::app::event::ScrollLimits;
use crate::app::form::FormKind;
use crate::app::layout::{self, Areas};
use crate::app::panes::{pane, ViewKind};
use crate::app::store::{FlashLevel, Mode, State};
use crate::model::{short_age, HealthState};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use theme::Theme;

/// Draws the whole screen for `state`.
pub fn draw(frame: &mut Frame, state: &State, theme: &Theme) -> ScrollLimits {
    let panel = pane(state.main_view).panel(state);
    let details_open = panel.is_some_and(|p| p.open);
    let areas = layout::areas(frame.area(), details_open, state.jobs.len());
    draw_header(frame, areas.header, state, theme);
    let details = draw_pane(frame, &areas, state, theme);
    jobs::draw_strip(frame, areas.jobs, state, theme);
    draw_message_line(frame, areas.message, state, theme);
    draw_hints(frame, areas.hints, state, theme);
    let mut help = None;
    match &state.mode {
        Mode::Confirm(confirm) => widgets::confirm::draw(frame, confirm, state, theme),
        Mode::Form(form) => {
            let dock = match form.kind {
                FormKind::Reply => tickets::reply_dock(&areas),
                _ => None,
            };
            widgets::form::draw(frame, form, dock, theme)
        }
        Mode::Help { scroll } => help = Some(help::draw(frame, state, *scroll, theme)),
        _ => {}
    }
    ScrollLimits { details, help }
}

/// Draws the current view's pane; returns how far its details panel can
/// scroll, if shown. The one match on the view kind in the UI.
fn draw_pane(frame: &mut Frame, areas: &Areas, state: &State, theme: &Theme) -> Option<u16> {
    match state.main_view {
        ViewKind::Servers => servers::draw(frame, areas, state, theme),
        ViewKind::Jobs => jobs::draw(frame, areas, state, theme),
        ViewKind::Accounts => accounts::draw(frame, areas, state, theme),
        ViewKind::Domains => domains::draw(frame, areas, state, theme),
        ViewKind::Contacts => contacts::draw(frame, areas, state, theme),
        ViewKind::Colocation => colocation::draw(frame, areas, state, theme),
        ViewKind::Tickets => tickets::draw(frame, areas, state, theme),
        ViewKind::Records => records::draw(frame, areas, state, theme),
    }
}

fn draw_header(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let mut spans = vec![Span::styled(" hostdeck ", theme.title)];
    if state.read_only {
        spans.push(Span::styled(" READ-ONLY ", theme.error_badge));
    }
    // Unread tickets over all accounts, wherever one is: the inbox is `T`.
    let unread = state.data.tickets().filter(|t| t.unread).count();
    if unread > 0 {
        spans.push(Span::styled(format!(" ✉ {unread} unread "), theme.bold));
    }
    for account in &state.accounts {
        let health = &account.health;
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(account.name.clone(), theme.bold));
        spans.push(Span::raw(" "));
        let style = theme.health(health.state);
        spans.push(Span::styled(
            format!("{} {}", health_symbol(health.state), health.state.label()),
            style,
        ));
        if health.state != HealthState::Ok {
            if let Some(at) = health.last_success_at {
                spans.push(Span::styled(
                    format!(" data {} old", short_age(state.now - at)),
                    theme.dim,
                ));
            }
        }
        if account.read_only && !state.read_only {
            spans.push(Span::styled(" ro", theme.warn));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A symbol per health state, so it reads without colour too.
pub fn health_symbol(state: HealthState) -> &'static str {
    match state {
        HealthState::Connecting => "…",
        HealthState::Ok => "●",
        HealthState::Slow => "◐",
        HealthState::Degraded => "▲",
        HealthState::AuthFailed => "✖",
    }
}

fn draw_message_line(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let line = match &state.mode {
        Mode::Filter { input, .. } => {
            let mut spans = vec![Span::styled("/", theme.bold), Span::raw(input.clone())];
            spans.push(Span::styled("█", theme.dim));
            if let Some(error) = state.active_filter().and_then(|f| f.error.as_ref()) {
                spans.push(Span::styled(format!("  bad regex: {error}"), theme.error));
            }
            Line::from(spans)
        }
        Mode::Command { input } => Line::from(vec![
            Span::styled(":", theme.bold),
            Span::raw(input.clone()),
            Span::styled("█", theme.dim),
        ]),
        _ => match &state.flash {
            Some(flash) => {
                let style = match flash.level {
                    FlashLevel::Info => theme.ok,
                    FlashLevel::Warn => theme.warn,
                    FlashLevel::Error => theme.error,
                };
                Line::from(Span::styled(flash.text.clone(), style))
            }
            None => Line::from(""),
        },
    };
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_hints(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let spans = |hints: Vec<(String, &str)>| -> Vec<Span<'static>> {
        hints
            .into_iter()
            .flat_map(|(key, label)| {
                let key = if key.is_empty() {
                    key
                } else {
                    format!("<{key}>")
                };
                [Span::styled(key, theme.key), Span::raw(format!("{label} "))]
            })
            .collect()
    };
    let right: Vec<Span> = if matches!(state.mode, Mode::Normal) {
        spans(bindings::general_hints(state))
    } else {
        Vec::new()
    };
    let right_width = right
        .iter()
        .map(|s| s.width() as u16)
        .sum::<u16>()
        .min(area.width);
    let left_area = Rect {
        width: area.width.saturating_sub(right_width),
        ..area
    };
    let right_area = Rect {
        x: area.x + left_area.width,
        width: right_width,
        ..area
    };
    frame.render_widget(
        Paragraph::new(Line::from(spans(keymap::hints(state)))),
        left_area,
    );
    frame.render_widget(Paragraph::new(Line::from(right)), right_area);
}
