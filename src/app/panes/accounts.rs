//! The accounts pane: each account's health, data age, latency, last
//! error and the parts its last refreshes could not fetch. It has no
//! cursor; refreshing here refreshes every account.

use super::{Pane, Table, ViewKind};
use crate::app::bindings::Binding;
use crate::app::store::State;

/// The key that shows the accounts pane.
pub static BINDINGS: &[Binding] = &[Binding::show(
    "accounts",
    &["account", "acc", "a"],
    &["A"],
    "accounts: health, data age, errors, missing parts",
    ViewKind::Accounts,
)];

/// The accounts pane.
pub struct Accounts;

impl Pane for Accounts {
    fn bindings(&self) -> &'static [Binding] {
        BINDINGS
    }

    fn title(&self) -> &'static str {
        "accounts"
    }

    fn table<'a>(&self, _state: &'a mut State) -> Option<Box<dyn Table + 'a>> {
        None
    }
}
