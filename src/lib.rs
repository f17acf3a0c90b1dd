//! hostdeck: a keyboard-driven terminal console for hosted infrastructure
//! across several hosting providers at once.
//!
//! Layers (see DESIGN.md): `model` (provider-neutral types), `provider`
//! (HTTP clients per provider kind), `app` (store, workers, runtime), `ui`
//! (drawing `&State`), `sim` (loopback simulators of the provider APIs).

pub mod app;
pub mod audit;
pub mod cli;
pub mod config;
pub mod drafts;
pub mod keys;
pub mod logging;
pub mod model;
pub mod output;
pub mod provider;
pub mod secret;
pub mod setup;
pub mod sim;
pub mod snapshot;
pub mod ui;
