//! Small reusable widgets and geometry helpers.

pub mod confirm;
pub mod form;

use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Draws `paragraph` (bordered) over `area`, scrolled down by `scroll`
/// rows but never past its last line; returns the most it can scroll,
/// which the store keeps so scrolling stops at the end.
pub fn draw_scrolled(frame: &mut Frame, area: Rect, paragraph: Paragraph, scroll: u16) -> u16 {
    let rows = paragraph.line_count(area.width.saturating_sub(2));
    let most = u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .saturating_sub(area.height);
    frame.render_widget(paragraph.scroll((scroll.min(most), 0)), area);
    most
}

/// A rectangle of at most `width` x `height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}
