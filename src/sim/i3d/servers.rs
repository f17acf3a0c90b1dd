//! Dedicated servers: `GET /v3/dedicatedServer` (#47, paged, the `labels`
//! filter ignored) and `GET /v3/dedicatedServer/{dedicatedServerId}` (#49).
//! Every read advances the servers' load and memory a little, so a console
//! that polls them draws a moving line; `uptime` follows the clock.

use super::models::DedicatedServer;
use super::proto::{self, now_secs, path_id, round, Answer, ApiError, Range};
use super::world::ServerRecord;
use super::Sim;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::get;
use axum::Router;
use std::sync::Arc;

pub fn routes() -> Router<Arc<Sim>> {
    Router::new()
        .route("/v3/dedicatedServer", get(list))
        .route("/v3/dedicatedServer/{dedicatedServerId}", get(details))
}

async fn list(State(sim): State<Arc<Sim>>, headers: HeaderMap) -> Answer {
    let range = Range::optional(&headers)?;
    let mut world = sim.lock();
    let (tick, now) = (world.tick(), now_secs());
    let page: Vec<DedicatedServer> = range
        .page(&world.servers)
        .iter()
        .map(|record| live(record, tick, now))
        .collect();
    Ok(proto::list(&page))
}

async fn details(State(sim): State<Arc<Sim>>, Path(id): Path<String>) -> Answer {
    let id = path_id(&id, "dedicatedServerId")?;
    let mut world = sim.lock();
    let (tick, now) = (world.tick(), now_secs());
    let record = world
        .servers
        .iter()
        .find(|r| r.server.id == id)
        .ok_or_else(|| ApiError::not_found("dedicatedServerId"))?;
    Ok(proto::one(id, &live(record, tick, now)))
}

/// The server as read at read number `tick`: a running server's load and
/// memory swing around their fixture values, its uptime counts from boot.
fn live(record: &ServerRecord, tick: u64, now: i64) -> DedicatedServer {
    let mut server = record.server.clone();
    let Some(booted_at) = record.booted_at else {
        return server;
    };
    let swing = (tick as f64 * 0.9 + server.id as f64).sin();
    server.cpu_load = round((server.cpu_load + swing * 8.0).clamp(0.5, 100.0), 1);
    let memory = server.mem_used as f64 * (1.0 + swing * 0.03);
    server.mem_used = (memory as u64).min(server.mem_max);
    server.mem_free = server.mem_max - server.mem_used;
    server.uptime = Some(now - booted_at);
    server
}
