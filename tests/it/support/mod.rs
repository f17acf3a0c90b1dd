//! Fixtures and builders shared by several test modules.

pub mod events;
pub mod panes;
