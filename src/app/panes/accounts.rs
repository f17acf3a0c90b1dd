//! The accounts pane: each account's health, data age, latency, last
//! error and the parts its last refreshes could not fetch. It has no
//! cursor; refreshing here refreshes every account.

use super::{Pane, Table};
use crate::app::event::Effect;
use crate::app::layout;
use crate::app::store::{State, Store};

/// The accounts pane.
pub struct Accounts;

impl Pane for Accounts {
    fn title(&self) -> &'static str {
        "accounts"
    }

    fn table<'a>(&self, _state: &'a mut State) -> Option<Box<dyn Table + 'a>> {
        None
    }

    fn page(&self, state: &State) -> usize {
        layout::table_rows(state.size, false, state.jobs.len())
    }

    fn fetches(&self, store: &mut Store, forced: bool) -> Vec<Effect> {
        match forced {
            true => super::servers::refresh_every_account(store),
            false => Vec::new(),
        }
    }
}
