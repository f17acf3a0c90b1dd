//! hostdeck: a keyboard-driven terminal console for hosted infrastructure
//! across several hosting providers at once.
//!
//! # The layers
//!
//! - [`model`]: provider-neutral types (servers, domains, jobs, commands,
//!   capabilities, accounts). Everything else speaks them.
//! - [`provider`]: one HTTP client per provider kind, behind the
//!   [`provider::Provider`] trait. A capability *is* the presence of its
//!   API (`fn domains(&self) -> Option<&dyn DomainApi>`); [`provider::fetch`]
//!   and [`provider::execute`] are the one dispatch from a
//!   [`provider::Fetch`] or a [`model::Command`] to those APIs. Providers
//!   know nothing of `app` or `ui`.
//! - [`app`]: the store (the only place state changes), the per-account
//!   workers (the only place the network is used), the panes and the
//!   binding table, and the runtime loop.
//! - [`ui`]: draws `&State`; never does I/O, never mutates.
//! - [`sim`]: loopback simulators of the provider APIs, written from the
//!   documents, sharing no types with `provider`.
//! - [`config`], [`setup`], [`cli`]: the config file, turning it into
//!   running parts, and the headless commands.
//!
//! # One-way data flow
//!
//! ```text
//! keys (crossterm) --> ui::keymap --> Intent --+
//! worker events (Event::Fetched, Event::Job) --+--> Store::apply(event) -> Vec<Effect>
//! frame timer (only when dirty) -> ui::draw    |        |
//!                                              |        +--> Effect::Fetch / Send -> worker -> provider
//!                                              +--> dirty? --> ui::draw(&State)
//! ```
//!
//! A refresh is a primary list plus enrichments: the primary list decides
//! whether the account is up; a failed enrichment leaves its part empty
//! and is named in [`model::Missing`] on the object and the account.
//!
//! # Where things are registered
//!
//! - **A pane** (a full-screen view): a variant of
//!   [`app::panes::ViewKind`], a module in `app/panes/` (its state, its
//!   columns, its bindings including the key that shows it, and a unit
//!   struct implementing [`app::panes::Pane`]), a field of
//!   [`app::panes::Panes`] when it has state, and a module in `ui/` that
//!   draws it. The compiler then points at the two matches on the view
//!   kind: [`app::panes::pane`] and `ui::draw_pane`. Nothing else matches
//!   the view kind with a catch-all arm.
//! - **A fetch** (a resource): a variant of [`provider::Fetch`] and of
//!   [`provider::Fetched`], the provider method it calls (in
//!   [`provider::fetch`]), a [`app::resources::Slot`] for its data in
//!   [`app::resources::Resources`], and where the store puts it
//!   (`app/store/fetched.rs`). Panes declare which fetches feed them
//!   ([`app::panes::Pane::fed_by`]) and which they want
//!   ([`app::panes::Pane::fetches`]). Workers run every fetch the same way.
//! - **A binding** (a key, `:` command, hint and help line): one entry of
//!   the binding table ([`app::bindings::all`]): a pane's own actions in
//!   its module's `BINDINGS` ([`app::panes::Pane::bindings`]), what several
//!   views share in `app/bindings/table.rs`. Each is scoped to its views
//!   and capability. Keys and the `:` line resolve through it to the same
//!   [`app::intent::Intent`]; the README's key table is generated from it;
//!   users remap it under `[keys]` in the config.
//! - **A headless action** (`hostdeck act NAME`): a variant of
//!   [`cli::ActCommand`] with its typed arguments (`cli/args.rs`), and the
//!   request it makes in `cli/request.rs` (its [`model::Command`] and
//!   target, checked before any network). `cli/act.rs` finds the target,
//!   applies the shared policy and runs the job; a check that needs the
//!   account's answers goes in its `check_with_account`.
//! - **A column**: one variant of its table's column enum (e.g.
//!   [`app::panes::domains::DomainColumn`], [`app::panes::servers::Column`]),
//!   which gives the title, aliases, width fit, sort key and cell.

pub mod app;
pub mod audit;
pub mod cli;
pub mod config;
pub mod drafts;
pub mod keys;
pub mod logging;
pub mod memory;
pub mod model;
pub mod output;
pub mod probe;
pub mod provider;
pub mod secret;
pub mod setup;
pub mod sim;
pub mod snapshot;
pub mod ui;
