//! The confirm dialog for commands that need a yes. Cancel has the focus
//! until the user moves it; the dialog names the command, the object and
//! the account. The most dangerous commands also ask for the object's name
//! to be typed.

use super::centered;
use crate::app::store::{Confirm, ConfirmFocus};
use crate::model::{Command, ObjectKind};
use crate::ui::theme::Theme;
use ratatui::layout::Alignment;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, confirm: &Confirm, theme: &Theme) {
    let height = if confirm.typed.is_some() { 11 } else { 9 };
    let area = centered(frame.area(), 64, height);
    let verb = capitalized(&confirm.command.label());
    let mut lines = vec![
        Line::from(vec![
            Span::raw(format!("{verb} {} ", noun(confirm.target.kind))),
            Span::styled(confirm.target_name.clone(), theme.bold),
        ]),
        Line::from(vec![
            Span::raw("on account "),
            Span::styled(confirm.target.account.clone(), theme.bold),
            Span::raw("?"),
        ]),
        Line::from(Span::styled(confirm.command.consequence(), theme.dim)),
    ];
    if let Some(typed) = &confirm.typed {
        lines.push(Line::from(format!(
            "Type {} to confirm:",
            confirm.target_name
        )));
        lines.push(Line::from(Span::styled(format!("{typed}_"), theme.bold)));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        button("Cancel", confirm.focus == ConfirmFocus::Cancel, theme),
        Span::raw("   "),
        button(&verb, confirm.focus == ConfirmFocus::Confirm, theme),
    ]));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.warn)
        .title(format!(" Confirm {} ", title(&confirm.command)));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        area,
    );
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
        other => other.cli_name().replace('-', " "),
    }
}

fn noun(kind: ObjectKind) -> &'static str {
    match kind {
        ObjectKind::Server => "server",
        ObjectKind::Ip => "IP",
        ObjectKind::Domain => "of domain",
        ObjectKind::Contact => "contact",
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
