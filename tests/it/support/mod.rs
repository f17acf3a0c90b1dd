//! Fixtures and builders shared by several test modules.

pub mod events;
pub mod faults;
pub mod keys;
pub mod outcome;
pub mod panes;
pub mod records;
pub mod screen;
pub mod sim;
pub mod tickets;

use hostdeck::model::Detail;

/// The value of the detail `label` under `section`, if shown.
pub fn detail<'a>(details: &'a [Detail], section: &str, label: &str) -> Option<&'a str> {
    details
        .iter()
        .find(|d| d.section == section && d.label == label)
        .map(|d| &*d.value)
}
