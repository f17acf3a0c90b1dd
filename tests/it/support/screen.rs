//! Drawing a store's state on a `TestBackend` in the NO_COLOR theme, and
//! reading the screen back as text.

#![allow(dead_code)]

use hostdeck::app::store::Store;
use hostdeck::ui::{draw, theme::Theme};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

/// One frame of the whole screen at the store's size.
pub fn render(store: &Store) -> Buffer {
    let (w, h) = store.state().size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal
        .draw(|frame| {
            draw(frame, store.state(), &Theme::monochrome());
        })
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The screen's text, one line per row, trailing blanks cut.
pub fn text(buffer: &Buffer) -> String {
    (0..buffer.area.height)
        .map(|y| row(buffer, y).trim_end().to_string() + "\n")
        .collect()
}

/// Row `y` of the screen as text.
pub fn row(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

/// The first row whose text contains `needle`, and the column (in cells)
/// where it starts.
pub fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    (0..buffer.area.height).find_map(|y| {
        let line = row(buffer, y);
        let byte = line.find(needle)?;
        Some((line[..byte].chars().count() as u16, y))
    })
}
