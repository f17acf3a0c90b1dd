//! The confirm dialog for destructive actions. Cancel has the focus until
//! the user moves it; the dialog names the action, the object and the account.

use super::centered;
use crate::app::store::{Confirm, ConfirmFocus};
use crate::model::Action;
use crate::ui::theme::Theme;
use ratatui::layout::Alignment;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

/// What the action will do, in one line.
fn consequence(action: Action) -> &'static str {
    match action {
        Action::Reboot => "The operating system restarts; services go down briefly.",
        Action::PowerOff => "Power is cut at once, without an OS shutdown.",
        Action::ShutDown => "The OS shuts down, then the server powers off.",
        Action::Reset => "A forced power cycle: unsaved data is lost.",
        Action::Pause => "The server is frozen until powered on again.",
        _ => "",
    }
}

pub fn draw(frame: &mut Frame, confirm: &Confirm, theme: &Theme) {
    let area = centered(frame.area(), 60, 9);
    let verb = capitalized(confirm.action.label());
    let button = |label: String, focused: bool| {
        let style = if focused {
            theme.focused_button
        } else {
            theme.button
        };
        let text = if focused {
            format!("> {label} <")
        } else {
            format!("  {label}  ")
        };
        Span::styled(text, style)
    };
    let lines = vec![
        Line::from(vec![
            Span::raw(format!("{verb} server ")),
            Span::styled(confirm.target_name.clone(), theme.bold),
        ]),
        Line::from(vec![
            Span::raw("on account "),
            Span::styled(confirm.target.account.clone(), theme.bold),
            Span::raw("?"),
        ]),
        Line::from(Span::styled(consequence(confirm.action), theme.dim)),
        Line::from(""),
        Line::from(vec![
            button("Cancel".into(), confirm.focus == ConfirmFocus::Cancel),
            Span::raw("   "),
            button(verb.clone(), confirm.focus == ConfirmFocus::Confirm),
        ]),
    ];
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.warn)
        .title(format!(" Confirm {} ", confirm.action.label()));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        area,
    );
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
