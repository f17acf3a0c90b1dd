//! The store: events in, state and effects out. No terminal, no network.

mod domains;
mod forms;
mod rdns;
mod records;
mod servers;
mod tickets;
