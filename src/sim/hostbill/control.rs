//! `/_sim/` routes of the HostBill simulator (no credentials needed): look
//! at state the API cannot show, act as staff, and tune the tokens.
//!
//! - `GET /_sim/tickets` and `GET /_sim/tickets/{number}`: tickets as kept,
//!   `{"number": 736633, "dept_id": 1, "subject": "...", "body": "...",
//!   "opened_at": 1700000000, "status": "Open", "client_read": true,
//!   "locked": false, "replies": [{"id": 4101, "name": "...", "at": ...,
//!   "body": "...", "author": "Admin"|"Client"}]}`.
//! - `POST /_sim/tickets/{number}/answer`, optional body `{"body": "..."}`:
//!   staff answer the ticket, which makes it unread (and `Answered`).
//! - `POST /_sim/tickets/{number}/lock`: staff close it for good.
//! - `GET /_sim/domains`: every domain with its nameservers and records.
//! - `GET /_sim/rdns`: `{"1201": {"203.0.113.10": "srv1...."}, ...}`.
//! - `GET /_sim/auth`: `{"token_uses": 3, "live_sessions": 1, "logins": 1,
//!   "refreshes": 0}`; `POST /_sim/auth` with `{"token_uses": N}` sets the
//!   uses of tokens issued from then on, and answers the same.
//!
//! The ticket POSTs answer the ticket as `GET /_sim/tickets/{number}` does.

use super::proto::{self, now_secs, Answer, ApiError, Fields};
use super::tickets;
use super::Sim;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Map, Value};
use std::sync::Arc;

const DEFAULT_ANSWER: &str =
    "Dear Mr Becker,\r\nwe have looked into this and updated the ticket.\r\n\r\n-- XSServer Support --";

pub fn routes() -> Router<Arc<Sim>> {
    Router::new()
        .route("/_sim/tickets", get(all_tickets))
        .route("/_sim/tickets/{number}", get(ticket))
        .route("/_sim/tickets/{number}/answer", post(answer))
        .route("/_sim/tickets/{number}/lock", post(lock))
        .route("/_sim/domains", get(domains))
        .route("/_sim/rdns", get(rdns))
        .route("/_sim/auth", get(auth).post(set_auth))
}

async fn all_tickets(State(sim): State<Arc<Sim>>) -> Answer {
    proto::answer(json!(sim.lock().tickets))
}

async fn ticket(State(sim): State<Arc<Sim>>, Path(number): Path<String>) -> Answer {
    let mut world = sim.lock();
    proto::answer(json!(tickets::find(&mut world, &number)?))
}

async fn answer(State(sim): State<Arc<Sim>>, Path(number): Path<String>, body: Bytes) -> Answer {
    let mut fields = Fields::parse(&body)?;
    let text = fields
        .optional_text("body")
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| DEFAULT_ANSWER.to_string());
    fields.finish()?;
    let mut world = sim.lock();
    tickets::staff_answer(&mut world, &number, text)?;
    proto::answer(json!(tickets::find(&mut world, &number)?))
}

async fn lock(State(sim): State<Arc<Sim>>, Path(number): Path<String>) -> Answer {
    let mut world = sim.lock();
    tickets::lock(&mut world, &number)?;
    proto::answer(json!(tickets::find(&mut world, &number)?))
}

async fn domains(State(sim): State<Arc<Sim>>) -> Answer {
    proto::answer(json!(sim.lock().domains))
}

async fn rdns(State(sim): State<Arc<Sim>>) -> Answer {
    let world = sim.lock();
    let by_service: Map<String, Value> = world
        .services
        .iter()
        .map(|s| (s.id.to_string(), json!(s.rdns)))
        .collect();
    proto::answer(Value::Object(by_service))
}

async fn auth(State(sim): State<Arc<Sim>>) -> Answer {
    proto::answer(auth_state(&sim))
}

async fn set_auth(State(sim): State<Arc<Sim>>, body: Bytes) -> Answer {
    let mut fields = Fields::parse(&body)?;
    let uses = fields.number("token_uses", 1_000_000);
    fields.finish()?;
    match uses {
        Some(uses) if uses > 0 => sim.sessions().token_uses = uses as u32,
        _ => {
            return Err(ApiError::invalid(vec![
                "token_uses must be a whole number of 1 or more".into(),
            ]))
        }
    }
    proto::answer(auth_state(&sim))
}

fn auth_state(sim: &Sim) -> Value {
    let sessions = sim.sessions();
    json!({
        "token_uses": sessions.token_uses,
        "live_sessions": sessions.live(now_secs(), sim.epoch()),
        "logins": sessions.logins,
        "refreshes": sessions.refreshes,
    })
}
