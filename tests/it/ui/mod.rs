//! Drawing: `TestBackend` screens compared with insta snapshots.

mod domains;
mod forms;
mod servers;
mod tickets;
