//! Drawing: `TestBackend` screens compared with insta snapshots.

mod domains;
mod forms;
mod rdns;
mod records;
mod servers;
mod tickets;
