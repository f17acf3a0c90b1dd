//! The application core: events in, the store (the only place state
//! changes), effects out to the per-account workers, and the runtime loop
//! that ties keys, workers and drawing together. Each view is a pane
//! (`panes`), its keys are entries of the binding table (`bindings`), and
//! what was fetched lives in per-account slots (`resources`).

pub mod bindings;
pub mod editor;
pub mod event;
pub mod filter;
pub mod form;
pub mod intent;
pub mod labels;
pub mod layout;
pub mod listview;
pub mod panes;
pub mod policy;
pub mod resources;
pub mod runtime;
pub mod server_view;
pub mod store;
pub mod terminal;
pub mod worker;
