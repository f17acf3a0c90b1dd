//! The jobs strip (latest commands, always visible) and the full jobs view.

use super::theme::Theme;
use crate::app::layout::Areas;
use crate::app::store::State;
use crate::model::{short_age, Job, JobState};
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState};
use ratatui::Frame;

const SPINNER: [char; 4] = ['|', '/', '-', '\\'];

fn state_span(job: &Job, now: i64, theme: &Theme) -> Span<'static> {
    let spin = SPINNER[((now / 250) as usize) % SPINNER.len()];
    match &job.state {
        JobState::Succeeded(_) => Span::styled("succeeded", theme.ok),
        JobState::Failed(reason) => Span::styled(format!("failed: {reason}"), theme.error),
        other => Span::styled(format!("{} {spin}", other.label()), theme.warn),
    }
}

fn job_line(job: &Job, state: &State, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("#{:<3} ", job.id), theme.bold),
        Span::raw(format!(
            "{} ({}) ",
            job.command.label_on(&job.target_name),
            job.target.account
        )),
        state_span(job, state.now, theme),
        Span::styled(
            format!("  {}", short_age(state.now - job.created_at)),
            theme.dim,
        ),
    ])
}

/// The last few jobs, newest first.
pub fn draw_strip(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    let running = state.jobs.iter().filter(|j| !j.state.is_finished()).count();
    let title = format!(" Jobs ({running} running, J for all) ");
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border)
        .title(title);
    let lines: Vec<Line> = if state.jobs.is_empty() {
        vec![Line::from(Span::styled("no commands sent yet", theme.dim))]
    } else {
        let shown = usize::from(area.height.saturating_sub(1));
        state
            .jobs
            .iter()
            .rev()
            .take(shown)
            .map(|job| job_line(job, state, theme))
            .collect()
    };
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The jobs pane: every job in a table, newest first. It has no details
/// panel.
pub fn draw(frame: &mut Frame, areas: &Areas, state: &State, theme: &Theme) -> Option<u16> {
    draw_table(frame, areas.main_full, state, theme);
    None
}

fn draw_table(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let header =
        Row::new(["ID", "ACCOUNT", "TARGET", "ACTION", "STATE", "AGE"]).style(theme.header);
    let rows = state.jobs.iter().rev().map(|job| {
        Row::new(vec![
            Line::from(format!("#{}", job.id)),
            Line::from(job.target.account.clone()),
            Line::from(job.target_name.clone()),
            Line::from(job.command.label()),
            Line::from(state_span(job, state.now, theme)),
            Line::from(short_age(state.now - job.created_at)),
        ])
    });
    let widths = [
        Constraint::Length(5),
        Constraint::Max(12),
        Constraint::Fill(2),
        Constraint::Length(14),
        Constraint::Fill(3),
        Constraint::Length(5),
    ];
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(format!(
            " Jobs [{}] (esc: back to servers) ",
            state.jobs.len()
        ));
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(theme.selected);
    let mut table_state = TableState::default();
    if !state.jobs.is_empty() {
        table_state.select(Some(state.panes.jobs.cursor));
    }
    frame.render_stateful_widget(table, area, &mut table_state);
}
