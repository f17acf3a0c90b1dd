//! The form overlay: a box titled with the object and the account, one row
//! per field (label, editor or choice, hint; a message field spans
//! several rows), the error under the field it belongs to, and the form's
//! keys at the bottom. It is centred, or docked into an area (the reply
//! editor under the thread). A form taller than its box scrolls so that
//! the focused field stays visible.

use super::centered;
use crate::app::form::{Field, Form, Input};
use crate::ui::keymap::{FORM_HINTS, MESSAGE_HINTS};
use crate::ui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// The widest the overlay gets.
const MAX_WIDTH: u16 = 78;
/// Columns for the hint beside each field.
const HINT_WIDTH: u16 = 22;
/// Rows below the fields: a blank line and the keys.
const FOOTER_ROWS: u16 = 2;

/// Rows a message field takes in a centred form.
const MESSAGE_ROWS: u16 = 8;

/// One row of the field area.
enum Row {
    Field(usize),
    /// A further row of the message field above it.
    More,
    Error(String),
}

/// Draws the form centred on the screen, or filling `dock`.
pub fn draw(frame: &mut Frame, form: &Form, dock: Option<Rect>, theme: &Theme) {
    let screen = frame.area();
    let width = dock.map_or(MAX_WIDTH.min(screen.width), |d| d.width);
    let label_width = label_width(form);
    let message_rows = match dock {
        Some(area) => {
            let others = rows(form, width.saturating_sub(4), 1).len() as u16;
            area.height.saturating_sub(others + FOOTER_ROWS + 2).max(1) + 1
        }
        None => MESSAGE_ROWS,
    };
    let rows = rows(form, width.saturating_sub(4), message_rows);
    let height = rows.len() as u16 + FOOTER_ROWS + 2;
    let area = dock.unwrap_or_else(|| centered(screen, width, height));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(format!(" {} ", form.title()), theme.bold));
    let inner = block.inner(area);
    let visible = inner.height.saturating_sub(FOOTER_ROWS) as usize;
    let offset = scroll_offset(&rows, form.focus, visible);
    let block = block.title_bottom(scroll_marks(offset, visible, rows.len()));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let layout = Columns::new(inner, label_width);
    for (i, row) in rows.iter().skip(offset).take(visible).enumerate() {
        let y = inner.y + i as u16;
        match row {
            Row::Field(index) => {
                let below = visible.saturating_sub(i) as u16;
                let spans = rows
                    .iter()
                    .skip(offset + i + 1)
                    .take_while(|r| matches!(r, Row::More));
                let height = (1 + spans.count() as u16).min(below);
                draw_field(frame, form, *index, layout.at(y, height), theme)
            }
            Row::More => {}
            Row::Error(text) => {
                let line = Line::from(Span::styled(text.clone(), theme.error));
                frame.render_widget(Paragraph::new(line), layout.error(y));
            }
        }
    }
    let keys = Rect {
        y: inner.y + inner.height.saturating_sub(1),
        height: inner.height.min(1),
        ..inner
    };
    frame.render_widget(Paragraph::new(hint_line(form, keys.width, theme)), keys);
}

/// Where the parts of a field row go.
struct Columns {
    inner: Rect,
    label: u16,
    input: u16,
    hint: u16,
}

impl Columns {
    fn new(inner: Rect, label_width: u16) -> Columns {
        let label = (label_width + 2).min(inner.width);
        let rest = inner.width - label;
        let hint = if rest >= HINT_WIDTH * 2 {
            HINT_WIDTH
        } else {
            0
        };
        Columns {
            inner,
            label,
            input: rest - hint,
            hint,
        }
    }

    /// The label, input and hint areas of a field `height` rows high
    /// starting at row `y`; a field of several rows has its hint under
    /// the label.
    fn at(&self, y: u16, height: u16) -> [Rect; 3] {
        let x = self.inner.x;
        let label = Rect::new(x, y, self.label, 1);
        if height > 1 {
            let input = Rect::new(x + self.label, y, self.inner.width - self.label, height);
            let hint = Rect::new(x, y + 1, self.label, height - 1);
            return [label, input, hint];
        }
        let input = Rect::new(x + self.label, y, self.input.saturating_sub(1), 1);
        let hint = Rect::new(x + self.label + self.input, y, self.hint, 1);
        [label, input, hint]
    }

    fn error(&self, y: u16) -> Rect {
        Rect::new(self.inner.x + 1, y, self.inner.width.saturating_sub(2), 1)
    }
}

fn draw_field(frame: &mut Frame, form: &Form, index: usize, at: [Rect; 3], theme: &Theme) {
    let Some(field) = form.fields.get(index) else {
        return;
    };
    let [label_area, input_area, hint_area] = at;
    let focused = index == form.focus;
    let label_style = if focused { theme.selected } else { theme.bold };
    let width = label_area.width.saturating_sub(2) as usize;
    let label = Line::from(vec![
        Span::raw(" "),
        Span::styled(format!("{:>width$}", field.label), label_style),
    ]);
    frame.render_widget(Paragraph::new(label), label_area);
    draw_input(frame, field, focused, input_area, theme);
    let hint = Line::from(Span::styled(field.hint, theme.dim));
    let hint = Paragraph::new(hint).wrap(ratatui::widgets::Wrap { trim: true });
    frame.render_widget(hint, hint_area);
}

fn draw_input(frame: &mut Frame, field: &Field, focused: bool, area: Rect, theme: &Theme) {
    match &field.input {
        Input::Text(editor) if field.multiline => {
            // A box shows the message's extent without colour.
            let block = Block::default()
                .borders(Borders::LEFT)
                .border_style(theme.dim);
            let inner = block.inner(area);
            frame.render_widget(block, area);
            frame.render_widget(&**editor, inner);
        }
        Input::Text(editor) => {
            frame.render_widget(&**editor, area);
            // Underline the whole width so the field's extent shows without colour.
            let underline = Style::new().add_modifier(Modifier::UNDERLINED);
            frame.buffer_mut().set_style(area, underline);
        }
        Input::Choice { options, selected } => {
            let text = options
                .get(*selected)
                .map_or("(nothing to choose)", |o| o.label.as_str());
            let style = if focused { theme.bold } else { Style::new() };
            let line = Line::from(vec![
                Span::styled("◀ ", theme.dim),
                Span::styled(text.to_string(), style),
                Span::styled(" ▶", theme.dim),
            ]);
            frame.render_widget(Paragraph::new(line), area);
        }
    }
}

fn label_width(form: &Form) -> u16 {
    form.fields
        .iter()
        .map(|f| f.label.chars().count() as u16)
        .max()
        .unwrap_or(0)
}

/// The field rows (a message field `message_rows` high), each followed
/// by its error (wrapped to `width`).
fn rows(form: &Form, width: u16, message_rows: u16) -> Vec<Row> {
    let mut rows = Vec::new();
    for (index, field) in form.fields.iter().enumerate() {
        rows.push(Row::Field(index));
        if field.multiline {
            rows.extend((1..message_rows).map(|_| Row::More));
        }
        if let Some((_, message)) = form.error.as_ref().filter(|(i, _)| *i == index) {
            let lines = wrap(message, width.saturating_sub(2) as usize);
            rows.extend(lines.into_iter().enumerate().map(|(i, line)| {
                let mark = if i == 0 { "✖ " } else { "  " };
                Row::Error(format!("{mark}{line}"))
            }));
        }
    }
    rows
}

/// The first row shown: the least scrolling that shows the focused field
/// and its error.
fn scroll_offset(rows: &[Row], focus: usize, visible: usize) -> usize {
    let Some(start) = rows
        .iter()
        .position(|r| matches!(r, Row::Field(i) if *i == focus))
    else {
        return 0;
    };
    let errors = rows[start + 1..]
        .iter()
        .take_while(|r| matches!(r, Row::Error(_) | Row::More))
        .count();
    let end = start + errors + 1;
    end.saturating_sub(visible).min(start)
}

fn scroll_marks(offset: usize, visible: usize, total: usize) -> Line<'static> {
    let above = offset > 0;
    let below = offset + visible < total;
    let text = match (above, below) {
        (false, false) => return Line::from(""),
        (true, false) => " ▲ more ",
        (false, true) => " ▼ more ",
        (true, true) => " ▲▼ more ",
    };
    Line::from(text).right_aligned()
}

fn hint_line(form: &Form, width: u16, theme: &Theme) -> Line<'static> {
    let hints = match form.fields.iter().any(|f| f.multiline) {
        true => &MESSAGE_HINTS,
        false => &FORM_HINTS,
    };
    // With one field (a reply) tab has nowhere to go.
    let single = form.fields.len() == 1;
    let shown = hints.iter().filter(|(key, _)| !(single && *key == "tab"));
    // Whole hints only: one that does not fit is left out, not cut (the
    // hint bar under the screen lists them all).
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, what) in shown {
        let separator = if used > 1 { 3 } else { 0 };
        let needed = separator + key.chars().count() + 1 + what.chars().count();
        if used + needed > usize::from(width) {
            break;
        }
        if separator > 0 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        spans.push(Span::styled(*key, theme.key));
        spans.push(Span::raw(format!(" {what}")));
        used += needed;
    }
    Line::from(spans)
}

/// Splits `text` into lines of at most `width` characters at spaces
/// (a word longer than a line is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.chars().count() > width {
            let head: String = line.chars().take(width).collect();
            line = line.chars().skip(width).collect();
            lines.push(head);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("ab cd ef", 5), vec!["ab cd", "ef"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("", 3), Vec::<String>::new());
    }
}
