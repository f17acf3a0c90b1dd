//! Simulator of the i3D.net API v3 (document `001_b011dd4414d557a4.txt`),
//! written from the document and i3D's "API v3 usage" page only; it shares
//! no types with the client in `provider`.
//!
//! Served under `/v3/`: dedicated servers (#47, #49), colocations (#51,
//! #52), their PDUs (#55), alerts (#61) and rDNS (#77), datacenter access
//! (#137), colocation telemetry (#2, #4, #5, #6, #7) and tickets (#35–#39,
//! #42, #45, #46). Where the document is silent, these are our decisions:
//! - Every call needs the `PRIVATE-TOKEN` header equal to [`DEMO_KEY`] (or
//!   the key `SimOptions::secrets` gives);
//!   otherwise 401. Errors are i3D's error object (see `proto::ApiError`).
//! - `RANGED-DATA: start=N,results=M` pages every list (default
//!   `start=0,results=25`); #4, #5, #6 and #51 answer 400 without it. A
//!   page shorter than `results` is the last one.
//! - Lists are bare JSON arrays. One object comes as `[{...}]` for an even
//!   id and as `{...}` for an odd one (`proto::one`), as a client must
//!   read both.
//! - Calls the document answers with "No content" answer 204.
//! - Contract dates are `YYYY-MM-DD`; a date never set is `""`.
//! - Server `status` is `running` or `stopped`; `uptime` is left out while
//!   stopped. Load and memory drift with every read of the servers.
//! - Ticket statuses are `Open`, `Awaiting reply`, `Answered` and `Closed`
//!   (see `world`); force-closed tickets are `Closed` and refuse opening
//!   and replies (403). The `labels` filter of #47 is ignored.
//!
//! `/_sim/` routes (no token) let tests look inside and act as i3D staff;
//! see `control`.

mod colocation;
mod control;
mod fixtures;
mod models;
mod proto;
mod server_fixtures;
mod servers;
mod telemetry;
mod ticket_fixtures;
mod tickets;
mod world;

use super::faults::{self, FaultHandle};
use super::SimOptions;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use proto::ApiError;
use std::sync::{Arc, Mutex, MutexGuard};
use world::World;

/// The demo account's API key, sent as the `PRIVATE-TOKEN` header.
pub const DEMO_KEY: &str = "i3d-demo-key-7f3a9c2e51b84d06";
/// The header that carries the API key.
const TOKEN_HEADER: &str = "PRIVATE-TOKEN";

struct Sim {
    world: Mutex<World>,
    key: String,
}

impl Sim {
    fn lock(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The i3D simulator's routes, wrapped in fault injection.
pub fn router(options: &SimOptions, faults: FaultHandle) -> Router {
    let world = fixtures::build(options.seed, options.scale, proto::now_secs());
    let sim = Arc::new(Sim {
        world: Mutex::new(world),
        key: options.secrets.i3d_key.clone(),
    });
    let api = Router::new()
        .merge(servers::routes())
        .merge(colocation::routes())
        .merge(telemetry::routes())
        .merge(tickets::routes())
        .fallback(|| async { ApiError::no_route() })
        .method_not_allowed_fallback(|| async { ApiError::wrong_method() })
        .layer(middleware::from_fn_with_state(sim.clone(), require_token))
        .merge(control::routes())
        .with_state(sim);
    faults::install(api, faults, injected_error)
}

/// `count` tickets in the ticket model, as `GET /v3/tickets` writes them
/// (a JSON array), for parse benchmarks. The same count gives the same text
/// all day.
pub fn tickets_json(count: usize) -> String {
    let today = proto::now_secs().div_euclid(fixtures::DAY) * fixtures::DAY;
    let tickets: Vec<models::Ticket> = ticket_fixtures::tickets(count, 42, today)
        .into_iter()
        .map(|record| record.ticket)
        .collect();
    serde_json::to_string(&tickets).unwrap_or_default()
}

/// Refuses every API call without the key (the demo's unless the options
/// give another).
async fn require_token(State(sim): State<Arc<Sim>>, request: Request, next: Next) -> Response {
    let token = request.headers().get(TOKEN_HEADER);
    if token.is_some_and(|value| value.as_bytes() == sim.key.as_bytes()) {
        next.run(request).await
    } else {
        ApiError::unauthorized().into_response()
    }
}

/// The answer to an injected API error (faults `error_rate` and targeted).
fn injected_error(_: &Parts) -> Response {
    ApiError::internal().into_response()
}
