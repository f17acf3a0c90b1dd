//! `/_sim/` routes of the i3D simulator (no token needed): look at state
//! the API cannot show, and act as i3D staff.
//!
//! - `GET /_sim/rdns`: every stored rDNS entry,
//!   `[{"colocationId": 3301, "ipAddress": "185.50.104.10", "hostname": "..."}]`.
//! - `GET /_sim/tickets` and `GET /_sim/tickets/{id}`: tickets with what the
//!   model leaves out, `{"ticket": {12 fields}, "forceClosed": false,
//!   "department": "...", "emailTo": "...", "emailCc": "...", "messages":
//!   [{"from": "client"|"staff", "title": "...", "content": "...", "at": 1700000000}]}`.
//! - `POST /_sim/tickets/{id}/answer`, optional body `{"title": "...",
//!   "content": "..."}`: staff answer the ticket, which makes it unread.
//! - `POST /_sim/tickets/{id}/forceClose`: staff close it for good.
//!
//! The POSTs answer the ticket as `GET /_sim/tickets/{id}` shows it.

use super::proto::{self, Answer, ApiError, Fields};
use super::tickets;
use super::world::TicketRecord;
use super::Sim;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use std::sync::Arc;

const DEFAULT_ANSWER: &str = "We are looking into this and will update you shortly.";

pub fn routes() -> Router<Arc<Sim>> {
    Router::new()
        .route("/_sim/rdns", get(rdns))
        .route("/_sim/tickets", get(all_tickets))
        .route("/_sim/tickets/{id}", get(ticket))
        .route("/_sim/tickets/{id}/answer", post(answer))
        .route("/_sim/tickets/{id}/forceClose", post(force_close))
}

async fn rdns(State(sim): State<Arc<Sim>>) -> Answer {
    Ok(proto::list(&sim.lock().rdns_entries()))
}

async fn all_tickets(State(sim): State<Arc<Sim>>) -> Answer {
    Ok(proto::list(&sim.lock().tickets))
}

async fn ticket(State(sim): State<Arc<Sim>>, Path(id): Path<String>) -> Answer {
    change(&sim, &id, |_| ())
}

async fn answer(State(sim): State<Arc<Sim>>, Path(id): Path<String>, body: Bytes) -> Answer {
    let (title, content) = staff_words(&body)?;
    change(&sim, &id, |record| {
        tickets::staff_answer(record, title, content)
    })
}

async fn force_close(State(sim): State<Arc<Sim>>, Path(id): Path<String>) -> Answer {
    change(&sim, &id, tickets::force_close)
}

/// The staff answer's title and content; a default text when left out.
fn staff_words(body: &[u8]) -> Result<(String, String), ApiError> {
    if body.is_empty() {
        return Ok((String::new(), DEFAULT_ANSWER.to_string()));
    }
    let mut fields = Fields::parse(body)?;
    let title = fields.optional("title").unwrap_or_default();
    let content = fields
        .optional("content")
        .unwrap_or_else(|| DEFAULT_ANSWER.to_string());
    fields.finish()?;
    Ok((title, content))
}

/// Applies `edit` to ticket `id` and answers the record.
fn change(sim: &Sim, id: &str, edit: impl FnOnce(&mut TicketRecord)) -> Answer {
    let mut world = sim.lock();
    let record = tickets::find(&mut world, id)?;
    edit(record);
    Ok(Json(&*record).into_response())
}
