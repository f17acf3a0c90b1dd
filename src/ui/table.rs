//! Drawing shared by the list panes (domains, contacts, colocation): a
//! bordered table whose columns fit the width (the least important dropped
//! first, then the widest narrowed), its title, the details panel,
//! label/value lines, and how a failed refresh shows (an error footer and
//! dimmed rows of the account's last data).

use super::theme::Theme;
use super::widgets::draw_scrolled;
use crate::app::listview::{Column, Fit, ListRow, ListView};
use crate::app::resources::ByAccount;
use crate::app::store::State;
use crate::model::{short_age, HealthState, Job, Millis};
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};
use ratatui::Frame;

/// One visible row: its cells in column order and its style.
pub struct TableRow {
    pub cells: Vec<String>,
    pub style: Style,
}

/// Everything one list table needs to be drawn.
pub struct ListTable {
    pub title: String,
    pub titles: Vec<String>,
    pub fits: Vec<Fit>,
    /// The visible rows only.
    pub rows: Vec<TableRow>,
    /// The cursor's position among the visible rows.
    pub cursor: Option<usize>,
    /// Shown inside the table when it has no rows.
    pub empty_note: Option<String>,
    /// Shown on the bottom border (e.g. the last refresh's errors).
    pub footer: Option<String>,
    /// Whether the keyboard moves this table (the colocation view has two).
    pub focused: bool,
}

/// How many data rows a table drawn in `area` shows.
pub fn page(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(3))
}

/// Column titles with the sort arrow on the sorted one.
pub fn titles<R: ListRow>(view: &ListView<R>) -> Vec<String> {
    <R::Column as Column>::ALL
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut title = c.title().to_string();
            if i == view.sort {
                title.push(view.arrow());
            }
            title
        })
        .collect()
}

/// How each column of a list table gives way on narrow screens.
pub fn fits<R: ListRow>() -> Vec<Fit> {
    <R::Column as Column>::ALL.iter().map(|c| c.fit()).collect()
}

/// The cells of one row, column by column.
pub fn cells<R: ListRow>(row: &R, context: &R::Context) -> Vec<String> {
    <R::Column as Column>::ALL
        .iter()
        .map(|c| c.cell(row, context))
        .collect()
}

/// A list table of `view` with these visible rows, its title carrying
/// the row counts, sort and filter.
pub fn list_table<R: ListRow>(name: &str, view: &ListView<R>, rows: Vec<TableRow>) -> ListTable {
    ListTable {
        title: title(name, view),
        titles: titles(view),
        fits: fits::<R>(),
        rows,
        cursor: view.cursor.checked_sub(view.offset),
        empty_note: None,
        footer: None,
        focused: true,
    }
}

/// ` Domains [3/4] sort:expires▲ filter:nl `.
pub fn title<R: ListRow>(name: &str, view: &ListView<R>) -> String {
    let mut title = format!(
        " {name} [{}/{}] sort:{} ",
        view.rows.len(),
        view.total(),
        view.sort_label()
    );
    if view.filter.is_active() {
        title.push_str(&format!("filter:{} ", view.filter.text));
    }
    title
}

/// `updated 2m ago` for the oldest of these fetch times, if any.
pub fn age_note(now: Millis, fetched: impl Iterator<Item = Millis>) -> Option<String> {
    fetched
        .min()
        .map(|at| format!("updated {} ago ", short_age(now - at)))
}

/// The last failed refresh of each account, for a table's bottom border:
/// ` ! cp-demo: …: HTTP 503 (showing the last data) `.
pub fn errors_footer<'a>(errors: impl Iterator<Item = &'a String>) -> Option<String> {
    let mut sorted: Vec<&str> = errors.map(String::as_str).collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_unstable();
    Some(format!(" ! {} (showing the last data) ", sorted.join("; ")))
}

/// Whether an account's rows are old: its last fetch of `slots` failed
/// or the account is unhealthy.
pub fn is_stale<T>(state: &State, slots: &ByAccount<T>, account: &str) -> bool {
    slots.get(account).is_some_and(|s| s.error.is_some()) || is_unhealthy(state, account)
}

/// Whether the account is down or its credentials were refused.
pub fn is_unhealthy(state: &State, account: &str) -> bool {
    state
        .account(account)
        .is_some_and(|a| !matches!(a.health.state, HealthState::Ok | HealthState::Slow))
}

/// The rows `view` shows in `area`: its visible source indexes into
/// `all`, each drawn by `row`.
pub fn visible_rows<R: ListRow>(
    view: &ListView<R>,
    all: &[&R],
    area: Rect,
    row: impl Fn(&R) -> TableRow,
) -> Vec<TableRow> {
    let visible = view.visible(page(area)).iter();
    visible
        .filter_map(|&i| all.get(i))
        .map(|r| row(r))
        .collect()
}

/// Which columns fit `width`, and how wide each is.
pub fn fit_columns(fits: &[Fit], wants: &[u16], width: u16) -> Vec<(usize, u16)> {
    let room = |n: usize| width.saturating_sub(3 + n.saturating_sub(1) as u16);
    let mut kept: Vec<usize> = (0..fits.len().min(wants.len())).collect();
    loop {
        let want = |i: usize| match fits[i].flex {
            true => wants[i].min(fits[i].min),
            false => wants[i],
        };
        let need: u16 = kept.iter().map(|&i| want(i)).sum();
        if need <= room(kept.len()) {
            break;
        }
        let victim = kept
            .iter()
            .enumerate()
            .filter(|(_, &i)| fits[i].drop > 0)
            .max_by_key(|(position, &i)| (fits[i].drop, *position))
            .map(|(position, _)| position);
        match victim {
            Some(position) => {
                kept.remove(position);
            }
            None => break,
        }
    }
    let mut widths: Vec<u16> = kept.iter().map(|&i| wants[i]).collect();
    let mut excess = widths.iter().sum::<u16>().saturating_sub(room(kept.len()));
    while excess > 0 {
        let slack = |(p, w): (usize, &u16)| (w.saturating_sub(fits[kept[p]].min), p);
        let Some((most, position)) = widths.iter().enumerate().map(slack).max() else {
            break;
        };
        if most == 0 {
            break;
        }
        let cut = most.min(excess);
        widths[position] -= cut;
        excess -= cut;
    }
    kept.into_iter().zip(widths).collect()
}

pub fn draw_table(frame: &mut Frame, area: Rect, table: ListTable, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    let text_width = |s: &str| Span::raw(s).width() as u16;
    let wants: Vec<u16> = table
        .titles
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let cells = table.rows.iter().filter_map(|r| r.cells.get(i));
            cells
                .map(|c| text_width(c))
                .fold(text_width(title), u16::max)
        })
        .collect();
    let columns = fit_columns(&table.fits, &wants, area.width);
    let pick = |cells: &[String]| -> Vec<Cell<'static>> {
        let cell = |&(i, _): &(usize, u16)| Cell::from(cells.get(i).cloned().unwrap_or_default());
        columns.iter().map(cell).collect()
    };
    let header = Row::new(pick(&table.titles)).style(theme.header);
    let rows: Vec<Row> = table
        .rows
        .iter()
        .map(|r| Row::new(pick(&r.cells)).style(r.style))
        .collect();
    // Only the table the keyboard moves shows the cursor in reverse video.
    let (highlight, symbol, border) = if table.focused {
        (theme.selected, "▶", theme.border)
    } else {
        (theme.bold, "·", theme.dim)
    };
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(table.title);
    if let Some(footer) = table.footer {
        block = block.title_bottom(Line::from(Span::styled(footer, theme.error)));
    }
    let widths = columns.iter().map(|&(_, w)| Constraint::Length(w));
    let widget = Table::new(rows, widths)
        .header(header)
        .block(block)
        .column_spacing(1)
        .row_highlight_style(highlight)
        .highlight_symbol(symbol);
    let mut state = TableState::default();
    state.select(table.cursor);
    frame.render_stateful_widget(widget, area, &mut state);
    if table.rows.is_empty() {
        let note = table.empty_note.unwrap_or_default();
        draw_empty_note(frame, area, &note, theme);
    }
}

/// A dimmed note on the first row of a table drawn in `area` that has no
/// rows: why it is empty (loading, a failed refresh, the filter).
pub fn draw_empty_note(frame: &mut Frame, area: Rect, note: &str, theme: &Theme) {
    let inner = Rect {
        x: area.x + 2,
        y: area.y + 2,
        width: area.width.saturating_sub(4),
        height: area.height.saturating_sub(3).min(1),
    };
    let text = Span::styled(note.to_string(), theme.dim);
    frame.render_widget(Paragraph::new(text), inner);
}

/// The details panel: a bordered, scrollable, wrapped list of lines.
/// Returns the most it can scroll.
pub fn draw_details(
    frame: &mut Frame,
    area: Rect,
    title: String,
    lines: Vec<Line<'static>>,
    scroll: u16,
    theme: &Theme,
) -> u16 {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(title);
    let paragraph = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false });
    draw_scrolled(frame, area, paragraph, scroll)
}

/// The width labels of details are padded to.
const LABEL_WIDTH: usize = 13;

/// `Label         value`.
pub fn field(label: &str, value: impl Into<String>, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label:<LABEL_WIDTH$} "), theme.bold),
        Span::raw(value.into()),
    ])
}

/// A blank line, then a section heading.
pub fn heading(lines: &mut Vec<Line<'static>>, text: &str, theme: &Theme) {
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(text.to_string(), theme.header)));
}

/// A dimmed, indented note such as `none` or `loading…`.
pub fn note(text: &str, theme: &Theme) -> Line<'static> {
    Line::from(Span::styled(format!("  {text}"), theme.dim))
}

/// The jobs of one object, newest first, under a heading.
pub fn job_lines<'a>(
    lines: &mut Vec<Line<'static>>,
    jobs: impl Iterator<Item = &'a Job>,
    now: Millis,
    theme: &Theme,
) {
    heading(lines, "Jobs", theme);
    let before = lines.len();
    for job in jobs.take(5) {
        lines.push(Line::from(format!(
            "  #{} {} {} {}",
            job.id,
            job.command.label(),
            job.state.label(),
            short_age(now - job.created_at)
        )));
    }
    if lines.len() == before {
        lines.push(note("none", theme));
    }
}

/// Provider fields grouped under their section headings, in the order the
/// provider gave them; fields without a section come first under `Details`.
pub fn detail_sections(
    lines: &mut Vec<Line<'static>>,
    details: &[crate::model::Detail],
    theme: &Theme,
) {
    let mut sections: Vec<&str> = Vec::new();
    for detail in details {
        if !sections.contains(&detail.section.as_ref()) {
            sections.push(&detail.section);
        }
    }
    sections.sort_by_key(|s| !s.is_empty());
    for section in sections {
        heading(
            lines,
            if section.is_empty() {
                "Details"
            } else {
                section
            },
            theme,
        );
        let rows: Vec<_> = details.iter().filter(|d| d.section == section).collect();
        let width = rows.iter().map(|d| d.label.chars().count()).max();
        let width = width.unwrap_or(0).max(LABEL_WIDTH);
        for detail in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<width$} ", detail.label), theme.bold),
                Span::raw(detail.value.to_string()),
            ]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_drop_least_important_first_then_narrow() {
        let fits = [Fit::new(5, 0), Fit::new(5, 2), Fit::new(5, 1)];
        let all = fit_columns(&fits, &[10, 10, 10], 40);
        assert_eq!(all, vec![(0, 10), (1, 10), (2, 10)]);
        let two = fit_columns(&fits, &[10, 10, 10], 30);
        assert_eq!(two, vec![(0, 10), (2, 10)]);
        let narrow = fit_columns(&fits, &[20, 10, 10], 12);
        assert_eq!(narrow, vec![(0, 9)]);
        assert!(fit_columns(&fits, &[20, 10, 10], 0)
            .iter()
            .all(|&(_, w)| w >= 5));
    }
}
