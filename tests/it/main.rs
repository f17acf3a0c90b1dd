//! Every integration test in one binary, so the crate links once instead of
//! once per file. Modules follow the layers of DESIGN.md:
//! - `wire`: the documents' own examples and odd inputs, decoded;
//! - `sim`: the simulators on their own, over HTTP;
//! - `provider`: each provider against its simulator over loopback HTTP;
//! - `store`: events in, state and effects out (no terminal, no network);
//! - `worker`: workers, providers and simulators feeding the store;
//! - `ui`: `TestBackend` screens with insta snapshots;
//! - `cli`, `e2e`: the real binary, headless and in a pseudo-terminal;
//! - `config`, `validate`, `persistence`: the config file, input rules,
//!   the audit log and the snapshot file.

mod cli;
mod config;
mod e2e;
mod fuzz;
mod persistence;
mod provider;
mod readme;
mod sim;
mod store;
mod support;
mod ui;
mod validate;
mod wire;
mod worker;
