//! The jobs pane: every command sent this session (and the last ones from
//! the snapshot), newest first, with a cursor.

use super::{Pane, Table, ViewKind};
use crate::app::bindings::Binding;
use crate::app::store::State;

/// The cursor of the jobs table (0 is the newest job).
#[derive(Clone, Debug, Default)]
pub struct JobsPane {
    pub cursor: usize,
}

/// The jobs table: a cursor over the jobs, newest first.
struct JobTable<'a> {
    cursor: &'a mut usize,
    len: usize,
}

impl Table for JobTable<'_> {
    fn cursor(&self) -> usize {
        *self.cursor
    }

    fn move_to(&mut self, position: i64) {
        let last = self.len.saturating_sub(1) as i64;
        *self.cursor = position.clamp(0, last) as usize;
    }

    fn choose_sort(&mut self, _column: usize) -> bool {
        false
    }

    fn column_named(&self, _name: &str) -> Option<usize> {
        None
    }

    fn scroll_into_view(&mut self, _page: usize) {}
}

/// The key that shows the jobs pane.
pub static BINDINGS: &[Binding] = &[Binding::show(
    "jobs",
    &["job", "j"],
    &["J"],
    "jobs view",
    ViewKind::Jobs,
)];

/// The jobs pane.
pub struct Jobs;

impl Pane for Jobs {
    fn bindings(&self) -> &'static [Binding] {
        BINDINGS
    }

    fn title(&self) -> &'static str {
        "jobs"
    }

    fn table<'a>(&self, state: &'a mut State) -> Option<Box<dyn Table + 'a>> {
        Some(Box::new(JobTable {
            len: state.jobs.len(),
            cursor: &mut state.panes.jobs.cursor,
        }))
    }
}
