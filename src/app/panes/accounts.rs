//! The accounts pane: each account's health, data age, latency, last
//! error and the parts its last refreshes could not fetch. It has no
//! cursor; refreshing here refreshes every account.

use super::{Pane, Table};
use crate::app::store::State;

/// The accounts pane.
pub struct Accounts;

impl Pane for Accounts {
    fn title(&self) -> &'static str {
        "accounts"
    }

    fn table<'a>(&self, _state: &'a mut State) -> Option<Box<dyn Table + 'a>> {
        None
    }
}
