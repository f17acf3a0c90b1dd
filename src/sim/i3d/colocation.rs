//! Colocation calls: the list (#51, `RANGED-DATA` required) and one
//! colocation (#52), its PDUs (#55) and alerts (#61), setting rDNS for one
//! of its IPs (#77) and the datacenter access list (#137, `?status=`).
//!
//! rDNS: the document lists no IPs of a colocation, so any well-formed
//! IPv4 or IPv6 address is accepted for a known colocation. The hostname
//! must be a valid DNS name (a trailing dot is dropped); an empty hostname
//! removes the entry (the document has no delete). Entries are kept and
//! shown at `GET /_sim/rdns`, as the API has no way to read them.

use super::models::{Colocation, ColocationAccess, Pdu};
use super::proto::{self, now_secs, path_id, Answer, ApiError, FieldError, Fields, Range};
use super::telemetry;
use super::world::World;
use super::Sim;
use crate::sim::valid_hostname;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::routing::{get, put};
use axum::Router;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;

/// The visitor statuses of the access model.
const ACCESS_STATUSES: [&str; 5] = ["granted", "pending", "denied", "revoked", "suspended"];

pub fn routes() -> Router<Arc<Sim>> {
    Router::new()
        .route("/v3/colocation", get(list))
        .route("/v3/colocation/access", get(access))
        .route("/v3/colocation/{colocationId}", get(details))
        .route("/v3/colocation/{colocationId}/pdu", get(pdus))
        .route("/v3/colocation/{colocationId}/alert", get(alerts))
        .route(
            "/v3/colocation/{colocationId}/network/rdns/{ipAddress}",
            put(set_rdns),
        )
}

async fn list(State(sim): State<Arc<Sim>>, headers: HeaderMap) -> Answer {
    let range = Range::required(&headers)?;
    let world = sim.lock();
    let now = now_secs();
    let page: Vec<Colocation> = range
        .page(&world.colocations)
        .iter()
        .map(|c| live(&world, c, now))
        .collect();
    Ok(proto::list(&page))
}

async fn details(State(sim): State<Arc<Sim>>, Path(id): Path<String>) -> Answer {
    let world = sim.lock();
    let colocation = find(&world, &id)?;
    Ok(proto::one(
        colocation.id,
        &live(&world, colocation, now_secs()),
    ))
}

async fn pdus(State(sim): State<Arc<Sim>>, Path(id): Path<String>, headers: HeaderMap) -> Answer {
    let range = Range::optional(&headers)?;
    let world = sim.lock();
    let id = find(&world, &id)?.id;
    let now = now_secs();
    let pdus: Vec<Pdu> = world
        .pdus_of(id)
        .map(|pdu| telemetry::pdu_now(world.seed, pdu, now))
        .collect();
    Ok(proto::list(range.page(&pdus)))
}

async fn alerts(State(sim): State<Arc<Sim>>, Path(id): Path<String>, headers: HeaderMap) -> Answer {
    let range = Range::optional(&headers)?;
    let world = sim.lock();
    let id = find(&world, &id)?.id;
    let alerts: Vec<_> = world
        .alerts
        .iter()
        .filter(|(colocation_id, _)| *colocation_id == id)
        .map(|(_, alert)| alert.clone())
        .collect();
    Ok(proto::list(range.page(&alerts)))
}

async fn access(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Answer {
    let range = Range::optional(&headers)?;
    let status = params.get("status").map(|s| s.trim().to_ascii_lowercase());
    if let Some(status) = status.as_deref().filter(|s| !ACCESS_STATUSES.contains(s)) {
        let message = format!(
            "Unknown status {status}; one of {}",
            ACCESS_STATUSES.join(", ")
        );
        return Err(ApiError::invalid(vec![FieldError::new("status", message)]));
    }
    let world = sim.lock();
    let entries: Vec<ColocationAccess> = world
        .access
        .iter()
        .filter(|a| status.as_deref().is_none_or(|s| a.status == s))
        .cloned()
        .collect();
    Ok(proto::list(range.page(&entries)))
}

async fn set_rdns(
    State(sim): State<Arc<Sim>>,
    Path((id, ip)): Path<(String, String)>,
    body: Bytes,
) -> Answer {
    let mut fields = Fields::parse(&body)?;
    let hostname = fields.text("hostname");
    let hostname = hostname.trim().trim_end_matches('.').to_string();
    if !hostname.is_empty() && !valid_hostname(&hostname) {
        fields.error("hostname", "Not a valid host name");
    }
    let ip = match ip.parse::<IpAddr>() {
        Ok(ip) => ip.to_string(),
        Err(_) => {
            fields.error("ipAddress", "Not a valid IP address");
            String::new()
        }
    };
    let mut world = sim.lock();
    let id = find(&world, &id)?.id;
    fields.finish()?;
    if hostname.is_empty() {
        world.rdns.remove(&(id, ip));
    } else {
        world.rdns.insert((id, ip), hostname);
    }
    Ok(proto::no_content())
}

/// The colocation a path names, or a 404.
pub fn find<'w>(world: &'w World, id: &str) -> Result<&'w Colocation, ApiError> {
    let id = path_id(id, "colocationId")?;
    world
        .colocation(id)
        .ok_or_else(|| ApiError::not_found("colocationId"))
}

/// The colocation as read now: its power meter is the sum of its PDUs'.
fn live(world: &World, colocation: &Colocation, now: i64) -> Colocation {
    Colocation {
        power_meter: telemetry::colocation_meter(world, colocation.id, now),
        ..colocation.clone()
    }
}
