//! Fixtures shared by several test modules.

pub mod records;
