//! Simulator of XSServer GmbH's client portal API, HostBill's "User API"
//! (document `002_377fb5479dfd7038.txt`, digest
//! `seed-002-xsserver-digest.md`), written from the document only; it
//! shares no types with any client code.
//!
//! Served under `/api/` (the document's base `https://cp.xsserver.gmbh/api/`):
//! - auth (`auth`, `tokens`): `POST /login`, `/token`, `/revoke`,
//!   `/logout`, and `GET /details`; HTTP Basic or a Bearer token on every
//!   other call;
//! - tickets (`tickets`): `GET`/`POST /tickets`, `GET`/`POST
//!   /tickets/@number`, `PUT /tickets/@number/open` and `/close`, `GET
//!   /ticket/departments`;
//! - domains (`domains`): `GET /domain`, `/domain/@id`, `/domain/name/@name`,
//!   `PUT /domain/@id/ns`, `GET`/`POST /domain/@id/dns`, `PUT`/`DELETE
//!   /domain/@id/dns/@index`;
//! - services (`services`): `GET /service/@id/ip`, `GET`/`POST
//!   /service/@id/rdns`, `GET /service/@id/pdu`, `GET /service/@id/dns`,
//!   `GET /service/@id/vms/@vmid/interfaces[/@iface]` and `.../ips`.
//!
//! Left out: logs, affiliates, balance and invoices, and the VM calls
//! that change interfaces or assign IPs (digest #6-#16, #38, #39, #42-#44);
//! they answer 404 `{"error": ["invalid method"]}` like any unknown path.
//!
//! Values the document prints as strings stay strings (`"id": "47"`,
//! `"client_read": "1"`, `"daytoexpire": "365"`), and its numbers stay
//! numbers (`{"ticket": 865650}`, a DNS record's `"id": 1`), so a client
//! must read both (digest §4.3). Errors, statuses and every choice where
//! the document is silent are described in `proto` and the call modules.
//!
//! `/_sim/` routes (no credentials) let tests look inside, act as staff
//! and tune the tokens; see `control`.

mod auth;
mod control;
mod domains;
mod fixtures;
mod proto;
mod services;
mod ticket_fixtures;
mod tickets;
mod tokens;
mod world;

pub use domains::{DEFAULT_NAMESERVERS, RECORD_TYPES};
pub use fixtures::{SERVICE_IDS, VM_ID};
pub use tokens::{ACCESS_TTL, REFRESH_TTL};

use super::faults::{self, FaultHandle};
use super::SimOptions;
use axum::http::request::Parts;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::Router;
use proto::ApiError;
use std::sync::{Arc, Mutex, MutexGuard};
use tokens::Sessions;
use world::World;

/// The demo client's e-mail address: the Basic user name and the `username`
/// of `POST /login`.
pub const DEMO_EMAIL: &str = "jonas.becker@becker-systemhaus.de";
/// The demo client's password.
pub const DEMO_PASSWORD: &str = "hb-demo-3f9a6c1e";

struct Sim {
    world: Mutex<World>,
    sessions: Mutex<Sessions>,
    faults: FaultHandle,
    /// The client's password (the demo's unless the options give another).
    password: String,
}

impl Sim {
    fn lock(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn sessions(&self) -> MutexGuard<'_, Sessions> {
        self.sessions.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sessions made before this epoch are expired (fault `expire_sessions`).
    fn epoch(&self) -> u64 {
        self.faults.session_epoch()
    }
}

/// The HostBill simulator's routes, wrapped in fault injection.
pub fn router(options: &SimOptions, faults: FaultHandle) -> Router {
    let world = fixtures::build(options.seed, proto::now_secs());
    let sim = Arc::new(Sim {
        world: Mutex::new(world),
        sessions: Mutex::new(
            Sessions::new(options.seed, options.token_uses)
                .with_mark(&options.secrets.hostbill_token_mark),
        ),
        faults: faults.clone(),
        password: options.secrets.hostbill_password.clone(),
    });
    let api = Router::new()
        .merge(auth::account_routes())
        .merge(tickets::routes())
        .merge(domains::routes())
        .merge(services::routes())
        .route_layer(middleware::from_fn_with_state(sim.clone(), auth::require))
        .merge(auth::token_routes())
        .fallback(|| async { ApiError::invalid_method() })
        .method_not_allowed_fallback(|| async { ApiError::wrong_method() })
        .merge(control::routes())
        .with_state(sim);
    faults::install(api, faults, injected_error)
}

/// A DNS zone answer (`GET /domain/@id/dns`) with `count` records, for
/// parse benchmarks: `{"records": [{"id": 1, "name": "@", "ttl": 3600,
/// "priority": 0, "type": "A", "content": "203.0.113.10"}, ...]}`.
pub fn records_json(count: usize) -> String {
    serde_json::json!({ "records": fixtures::zone(count) }).to_string()
}

/// The answer to an injected API error (faults `error_rate` and targeted).
fn injected_error(_: &Parts) -> Response {
    ApiError::internal().into_response()
}
