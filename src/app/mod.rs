//! The application core: events in, the store (the only place state
//! changes), effects out to the per-account workers, and the runtime loop
//! that ties keys, workers and drawing together.

pub mod command;
pub mod event;
pub mod form;
pub mod listview;
pub mod policy;
pub mod rows;
pub mod runtime;
pub mod store;
pub mod terminal;
pub mod view;
pub mod worker;
