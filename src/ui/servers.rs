//! The servers pane: one table of the servers of every account, and the
//! details panel of the selected server.

use super::telemetry::sparkline;
use super::theme::Theme;
use super::widgets::draw_scrolled;
use crate::app::layout::Areas;
use crate::app::panes::servers::{power_text, Column, Width};
use crate::app::store::{PtrAddresses, State};
use crate::model::{short_age, Capability, HealthState, MetricSeries, Server};
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};
use ratatui::Frame;

/// Draws the pane; returns how far the details panel can scroll, if shown.
pub fn draw(frame: &mut Frame, areas: &Areas, state: &State, theme: &Theme) -> Option<u16> {
    if areas.table.height > 0 {
        draw_table(frame, areas.table, state, theme);
    }
    areas
        .details
        .map(|area| draw_details(frame, area, state, theme))
}

/// The optional columns a table `width` cells wide shows: the trend
/// sparkline always (narrower when space is short), CPU/MEM only on wide
/// tables; the details keep the size.
#[derive(Clone, Copy)]
struct Shape {
    size: bool,
    trend: u16,
}

impl Shape {
    fn for_width(width: u16) -> Shape {
        if width >= WIDE_TABLE {
            Shape {
                size: true,
                trend: 8,
            }
        } else {
            Shape {
                size: false,
                trend: 6,
            }
        }
    }

    /// How many columns the table has.
    fn columns(&self) -> u16 {
        if self.size {
            9
        } else {
            8
        }
    }
}

/// Tables at least this wide show CPU/MEM beside the trend.
const WIDE_TABLE: u16 = 100;

/// Column widths for a table `width` cells wide: fixed columns first;
/// the location gets its names in full when they fit beside what the
/// name, group and OS want, else their first words; the name, group and
/// OS columns get what their visible values need, and when space is short
/// the name keeps at least half of it.
fn widths(width: u16, shape: Shape, account_width: u16, wants: Wants) -> Vec<u16> {
    let shown: Vec<Column> = Column::ALL
        .into_iter()
        .filter(|c| shape.size || *c != Column::Size)
        .collect();
    let inner = width.saturating_sub(2 + 1 + shape.columns() - 1);
    let fixed_width = |c: &Column| match c.width() {
        Width::Fixed(w) => w,
        Width::AccountName => account_width,
        Width::Flexible | Width::Words { .. } => 0,
    };
    let fixed = shown.iter().map(fixed_width).sum::<u16>() + shape.trend;
    let rest = inner.saturating_sub(fixed);
    let location = location_width(rest, wants);
    let rest = rest - location;
    let (name, group, os) = if wants.name + wants.group + wants.os <= rest {
        (rest - wants.group - wants.os, wants.group, wants.os)
    } else {
        let name = wants.name.min(rest * 3 / 5).max(12.min(rest));
        let left = rest - name;
        let group = wants.group.min(left / 2);
        (name, group, left - group)
    };
    let mut widths: Vec<u16> = shown
        .iter()
        .map(|c| match c {
            Column::Name => name,
            Column::Group => group,
            Column::Os => os,
            Column::Location => location,
            other => fixed_width(other),
        })
        .collect();
    widths.push(shape.trend);
    widths
}

/// The location column out of `rest` cells: the full names when the
/// flexible columns still get what they want, else the first words;
/// within the column's bounds.
fn location_width(rest: u16, wants: Wants) -> u16 {
    let Width::Words { min, max } = Column::Location.width() else {
        return 0;
    };
    let others = wants.name + wants.group + wants.os;
    let want = if others + wants.location <= rest {
        wants.location
    } else {
        wants.location_word
    };
    want.clamp(min, max).min(rest)
}

/// The row's sparkline, `cells` wide: the first gauge sampled for the
/// server (load on controlepaneel), or its first telemetry series.
fn trend(server: &Server, state: &State, cells: u16) -> String {
    series_of(state, server)
        .and_then(|series| series.first())
        .map(|s| sparkline(&s.values().collect::<Vec<_>>(), usize::from(cells)))
        .unwrap_or_default()
}

/// A group path cut to `width` cells, keeping what matters most: the leaf
/// (`…/Web`, then `Web`, then the leaf's start).
fn fit_tail(text: &str, width: u16) -> String {
    let width = usize::from(width.saturating_sub(1));
    if text.chars().count() <= width || width == 0 {
        return text.to_string();
    }
    let leaf = text.rsplit('/').next().unwrap_or(text);
    let leaf_len = leaf.chars().count();
    if leaf_len + 2 <= width && leaf_len < text.chars().count() {
        return format!("…/{leaf}");
    }
    if leaf_len <= width {
        return leaf.to_string();
    }
    leaf.chars().take(width).collect()
}

/// Text cut to the whole words that fit `width` cells (`NedZone
/// Steenbergen` in 9 cells is `NedZone`); a first word longer than the
/// column keeps its start and ends in `…`.
fn fit_words(text: &str, width: u16) -> String {
    let width = usize::from(width);
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut fitted = String::new();
    for word in text.split_whitespace() {
        let taken = fitted.chars().count() + usize::from(!fitted.is_empty());
        if taken + word.chars().count() > width {
            break;
        }
        if !fitted.is_empty() {
            fitted.push(' ');
        }
        fitted.push_str(word);
    }
    if fitted.is_empty() {
        let start = text.chars().take(width.saturating_sub(1));
        return start.chain(['…']).collect();
    }
    fitted
}

/// What the visible rows would like: the name, group and OS columns, and
/// the location in full and by its first word.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Wants {
    name: u16,
    group: u16,
    os: u16,
    location: u16,
    location_word: u16,
}

fn wanted_widths<'a>(rows: impl Iterator<Item = &'a Server>) -> Wants {
    let cells = |s: &str| s.chars().count() as u16;
    let first_word = |s: &str| cells(s.split_whitespace().next().unwrap_or(""));
    let least = Wants {
        name: 5,
        group: 6,
        os: 3,
        location: 0,
        location_word: 0,
    };
    rows.fold(least, |w, s| Wants {
        name: w.name.max(cells(&s.name) + 1),
        group: w.group.max(cells(&s.group) + 1),
        os: w.os.max(cells(&s.os) + 1),
        location: w.location.max(cells(&s.location)),
        location_word: w.location_word.max(first_word(&s.location)),
    })
}

/// The longest account name, within bounds.
fn account_width(state: &State) -> u16 {
    let longest = state
        .accounts
        .iter()
        .map(|a| a.name.chars().count())
        .max()
        .unwrap_or(7);
    longest.clamp(7, 14) as u16
}

/// The telemetry series known for a server (fetched or sampled).
fn series_of<'a>(state: &'a State, server: &Server) -> Option<&'a Vec<MetricSeries>> {
    let slot = state.data.telemetry.get(&server.reference())?;
    slot.data.as_ref()
}

fn table_title(state: &State) -> String {
    let view = &state.panes.servers.view;
    let order = view.order;
    let arrow = if order.descending { "▼" } else { "▲" };
    let mut title = format!(
        " Servers [{}/{}] sort:{}{} ",
        view.rows.len(),
        state.servers().len(),
        order.column.title().to_lowercase(),
        arrow
    );
    if view.filter.is_active() {
        title.push_str(&format!("filter:{} ", view.filter.text));
    }
    title
}

fn draw_table(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let view = &state.panes.servers.view;
    let page = usize::from(area.height.saturating_sub(3));
    let order = view.order;
    let shape = Shape::for_width(area.width);
    let titles = Column::ALL
        .into_iter()
        .filter(|c| shape.size || *c != Column::Size)
        .map(|c| {
            let mut title = c.title().to_string();
            if c == order.column {
                title.push(if order.descending { '▼' } else { '▲' });
            }
            Cell::from(title)
        });
    let header = Row::new(titles.chain([Cell::from("TREND")])).style(theme.header);
    let visible: Vec<&Server> = view
        .rows
        .iter()
        .skip(view.offset)
        .take(page)
        .filter_map(|&i| state.servers().get(i))
        .collect();
    let wants = wanted_widths(visible.iter().copied());
    let widths = widths(area.width, shape, account_width(state), wants);
    let fits = Fits {
        location: widths[4],
        group: widths[5],
    };
    let rows = visible
        .into_iter()
        .map(|server| server_row(server, state, theme, (shape, fits)));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(table_title(state));
    let table = Table::new(rows, widths.into_iter().map(Constraint::Length))
        .header(header)
        .block(block)
        .column_spacing(1)
        .row_highlight_style(theme.selected)
        .highlight_symbol("▶");
    let mut table_state = TableState::default();
    if !view.rows.is_empty() {
        table_state.select(Some(view.cursor.saturating_sub(view.offset)));
    }
    frame.render_stateful_widget(table, area, &mut table_state);
    if view.rows.is_empty() {
        draw_empty_note(frame, area, state, theme);
    }
}

fn draw_empty_note(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let text = if state.servers().is_empty() {
        "waiting for the first refresh…"
    } else {
        "no server matches the filter (esc clears it)"
    };
    super::table::draw_empty_note(frame, area, text, theme);
}

/// The widths the location and group cells are fitted to.
#[derive(Clone, Copy)]
struct Fits {
    location: u16,
    group: u16,
}

/// One server's row; `shape` and `fits` come from the table layout.
fn server_row<'a>(
    server: &'a Server,
    state: &State,
    theme: &Theme,
    (shape, fits): (Shape, Fits),
) -> Row<'a> {
    let stale = state
        .account(&server.account)
        .is_some_and(|a| !matches!(a.health.state, HealthState::Ok | HealthState::Slow));
    let cell = |column: Column| match column {
        Column::Name if !server.warnings.is_empty() => {
            Cell::from(column.cell(server)).style(theme.error)
        }
        Column::Group => Cell::from(fit_tail(&server.group, fits.group)),
        Column::Location => Cell::from(fit_words(&server.location, fits.location)),
        other => Cell::from(other.cell(server)),
    };
    let mut cells: Vec<Cell> = Column::ALL
        .into_iter()
        .filter(|c| shape.size || *c != Column::Size)
        .map(cell)
        .collect();
    cells.push(Cell::from(trend(server, state, shape.trend)));
    let row = Row::new(cells);
    if stale {
        row.style(theme.stale)
    } else {
        row
    }
}

fn draw_details(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) -> u16 {
    let Some(server) = state.selected_server() else {
        let block = Block::default().borders(Borders::ALL).title(" Details ");
        frame.render_widget(Paragraph::new("no server selected").block(block), area);
        return 0;
    };
    let title = format!(" {} · {} (esc closes) ", server.name, server.account);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(title);
    let width = usize::from(area.width.saturating_sub(4)).max(10);
    let lines = detail_lines(server, state, theme, width);
    let paragraph = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false });
    draw_scrolled(frame, area, paragraph, state.panes.servers.panel.scroll)
}

fn field<'a>(label: &str, value: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label:<13} "), theme.bold),
        Span::raw(value),
    ])
}

fn detail_lines<'a>(
    server: &'a Server,
    state: &State,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'a>> {
    let mut lines: Vec<Line<'a>> = server
        .warnings
        .iter()
        .map(|w| Line::from(Span::styled(format!("! {w}"), theme.error)))
        .collect();
    lines.extend(server.missing.iter().map(|m| {
        let text = format!("~ {} not fetched: {}", m.part, m.cause);
        Line::from(Span::styled(text, theme.warn))
    }));
    lines.extend([
        field("Power", power_text(server), theme),
        field("Status", server.status.clone(), theme),
        field("Location", server.location.clone(), theme),
        field("Group", server.group.clone(), theme),
        field("OS", server.os.clone(), theme),
        field("CPU / memory", server.size_label(), theme),
        field(
            "Primary IP",
            server.primary_ip.clone().unwrap_or_default(),
            theme,
        ),
        field("Maintenance", yes_no(server.in_maintenance), theme),
        field(
            "Fetched",
            format!("{} ago", short_age(state.now - server.fetched_at)),
            theme,
        ),
    ]);
    if let Some(note) = &server.actions_note {
        lines.push(field("Actions", note.clone(), theme));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Telemetry", theme.header)));
    lines.extend(telemetry_lines(server, state, theme, width));
    // A provider that lists no addresses of the row (they are typed for
    // its PTR) has the section below instead of an empty list.
    let typed = matches!(state.ptr_addresses(server), PtrAddresses::Typed { .. });
    if !(typed && server.ips.is_empty()) {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("IP addresses", theme.header)));
    }
    for ip in &server.ips {
        let claimed = match ip.claimed {
            Some(true) => " claimed",
            Some(false) => " unclaimed",
            None => "",
        };
        let extra = [
            ("ptr", &ip.ptr),
            ("subnet", &ip.subnet),
            ("gw", &ip.gateway),
            ("remarks", &ip.remarks),
        ]
        .into_iter()
        .filter_map(|(label, value)| value.as_deref().map(|v| format!(" {label} {v}")))
        .collect::<String>();
        lines.push(Line::from(format!(
            "  {} {}{claimed}{extra}",
            ip.address, ip.kind
        )));
    }
    lines.extend(ptr_set_lines(server, state, theme));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Jobs", theme.header)));
    let target = server.reference();
    let mut any_job = false;
    for job in state.jobs_of(&target).take(5) {
        any_job = true;
        lines.push(Line::from(format!(
            "  #{} {} {} {}",
            job.id,
            job.command.label(),
            job.state.label(),
            short_age(state.now - job.created_at)
        )));
    }
    if !any_job {
        lines.push(Line::from(Span::styled("  none", theme.dim)));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Provider fields", theme.header)));
    let mut section = "";
    for detail in &server.details {
        if detail.section != section {
            section = &detail.section;
            lines.push(Line::from(Span::styled(
                format!(" {section}"),
                theme.header,
            )));
        }
        lines.push(field(&detail.label, detail.value.to_string(), theme));
    }
    lines
}

/// `rDNS set by hostdeck`: the PTRs hostdeck itself set on the server's
/// addresses, labelled as such and never as the current PTR. Nothing for
/// a server without any, unless its provider reads no PTR back (an i3D.net
/// colocation): then a note saying so.
fn ptr_set_lines<'a>(server: &Server, state: &State, theme: &Theme) -> Vec<Line<'a>> {
    let set = state.ptrs_set_on(server);
    let unread = match state.ptr_addresses(server) {
        PtrAddresses::Typed { unread, .. } => Some(unread),
        PtrAddresses::Listed | PtrAddresses::Refused(_) => None,
    };
    if set.is_empty() && unread.is_none() {
        return Vec::new();
    }
    let mut lines = vec![
        Line::from(""),
        Line::from(Span::styled("rDNS set by hostdeck", theme.header)),
    ];
    lines.extend(set.iter().map(|ptr| {
        Line::from(format!(
            "  {} → {} ({} ago, by hostdeck)",
            ptr.address,
            ptr.hostname,
            short_age(state.now - ptr.at)
        ))
    }));
    let note = match (unread, set.is_empty()) {
        (Some(unread), true) => format!("  none yet; {unread}"),
        (Some(unread), false) => format!("  what hostdeck sent; {unread}"),
        (None, _) => return lines,
    };
    lines.push(Line::from(Span::styled(note, theme.dim)));
    lines
}

fn telemetry_lines<'a>(
    server: &Server,
    state: &State,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'a>> {
    let slot = state.data.telemetry.get(&server.reference());
    let Some(series) = slot.and_then(|s| s.data.as_ref()) else {
        let note = match slot.and_then(|s| s.error.as_ref()) {
            Some(error) => format!("  not fetched: {error}"),
            None if !state.offers(&server.account, Capability::Telemetry) => {
                "  no telemetry from this provider".to_string()
            }
            None => "  loading…".to_string(),
        };
        return vec![Line::from(Span::styled(note, theme.dim))];
    };
    if series.is_empty() {
        return vec![Line::from(Span::styled(
            "  no telemetry from this provider",
            theme.dim,
        ))];
    }
    // A later fetch failed: the series shown are the last ones, and say so.
    let stale = slot.and_then(|s| s.error.as_ref()).map(|error| {
        let note = format!("  ~ telemetry not refreshed: {error}");
        Line::from(Span::styled(note, theme.dim))
    });
    let lines = series.iter().map(|s| {
        let latest = s.latest().map(|v| format!("{v:.4}")).unwrap_or("-".into());
        let latest = latest
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string();
        let spark = sparkline(&s.values().collect::<Vec<_>>(), width.saturating_sub(24));
        Line::from(format!("  {} {latest} {} {spark}", s.name, s.unit))
    });
    stale.into_iter().chain(lines).collect()
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_dropped_whole_and_only_a_too_long_first_word_is_marked() {
        assert_eq!(fit_words("NedZone Steenbergen", 19), "NedZone Steenbergen");
        assert_eq!(fit_words("NedZone Steenbergen", 18), "NedZone");
        assert_eq!(fit_words("EvoSwitch Haarlem", 9), "EvoSwitch");
        assert_eq!(fit_words("Data Center Two", 13), "Data Center");
        assert_eq!(fit_words("GB3", 4), "GB3");
        assert_eq!(fit_words("Amsterdamsestraatweg", 8), "Amsterd…");
    }

    #[test]
    fn the_location_is_whole_where_there_is_room_else_its_first_words() {
        let wants = Wants {
            name: 14,
            group: 11,
            os: 17,
            location: 19,
            location_word: 9,
        };
        assert_eq!(location_width(61, wants), 19);
        assert_eq!(location_width(60, wants), 9);
        assert_eq!(location_width(6, wants), 6, "never more than is left");
        let short = Wants {
            location: 3,
            location_word: 3,
            ..wants
        };
        assert_eq!(
            location_width(80, short),
            4,
            "room for LOC and the sort arrow"
        );
        let long = Wants {
            location: 40,
            location_word: 30,
            ..wants
        };
        assert_eq!(location_width(200, long), 20, "within bounds");
    }
}
