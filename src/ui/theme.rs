//! Styles. With `NO_COLOR` set every style is colourless, and selection
//! stays visible through reverse video and bold.

use crate::model::HealthState;
use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Debug)]
pub struct Theme {
    pub color: bool,
    pub title: Style,
    pub bold: Style,
    pub dim: Style,
    pub key: Style,
    pub header: Style,
    pub selected: Style,
    pub stale: Style,
    pub ok: Style,
    pub warn: Style,
    pub error: Style,
    pub error_badge: Style,
    pub border: Style,
    pub focused_button: Style,
    pub button: Style,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set (to anything non-empty).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if no_color {
            Theme::monochrome()
        } else {
            Theme::colored()
        }
    }

    pub fn monochrome() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reverse = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        Theme {
            color: false,
            title: reverse,
            bold,
            dim: Style::new().add_modifier(Modifier::DIM),
            key: bold,
            header: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: reverse,
            stale: Style::new().add_modifier(Modifier::DIM),
            ok: Style::new(),
            warn: bold,
            error: bold,
            error_badge: reverse,
            border: Style::new(),
            focused_button: reverse,
            button: Style::new(),
        }
    }

    pub fn colored() -> Theme {
        let base = Theme::monochrome();
        Theme {
            color: true,
            title: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            header: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            ok: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            error_badge: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            ..base
        }
    }

    pub fn health(&self, state: HealthState) -> Style {
        match state {
            HealthState::Ok => self.ok,
            HealthState::Connecting => self.dim,
            HealthState::Slow => self.warn,
            HealthState::Degraded | HealthState::AuthFailed => self.error,
        }
    }
}
