//! Fault injection shared by every simulator: latency, API errors, HTTP
//! errors, rate limits, malformed or truncated bodies, expired sessions
//! and failing jobs,
//! for every request or, with [`Targeted`] faults, for exactly the requests
//! whose text holds given substrings (one call, one location, one object).
//! [`install`] wraps a simulator's router in the fault middleware and adds
//! `GET`/`POST /_sim/faults`, so tests and users can change faults over HTTP.
//! It also keeps the text of the last API requests, so tests can count
//! how often a call arrived ([`FaultHandle::requests_holding`]).

use super::SplitMix64;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, request::Parts, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// The faults a simulator injects. Every field defaults to "no fault".
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Faults {
    /// Delay before every API request is answered.
    pub latency_ms: u64,
    /// Share (0..1) of API requests answered with the API's own "unknown error".
    pub error_rate: f64,
    /// Answer every API request with this HTTP status (e.g. 500 or 503).
    pub http_status: Option<u16>,
    /// Answer every API request with HTTP 429 Too Many Requests and a
    /// `Retry-After` of this many seconds.
    pub rate_limit: Option<u64>,
    /// Garble every API answer body.
    pub malformed_body: bool,
    /// One-shot: forget every session now (then this resets itself).
    pub expire_sessions: bool,
    /// Send headers and part of the body, then abort the connection.
    pub drop_mid_body: bool,
    /// One-shot: the next queued request ends Failed.
    pub fail_next_job: bool,
    /// Faults for matching requests only; the first that matches applies.
    pub targeted: Vec<Targeted>,
}

/// A fault for the requests whose text holds every one of `matches`. The
/// text is `METHOD /path?query`, a newline, and the body as sent (JSON,
/// XML or form-encoded), e.g. `POST /REST/Network/GetNetworks/JSON` and
/// `{"Location":"UC1"}`, or `POST /api/` and `...&Module=servers&Action=list_mon`.
/// The answer is `http_status` when given, else a garbled body with
/// `malformed_body`, else the API's own "unknown error".
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Targeted {
    pub matches: Vec<String>,
    pub http_status: Option<u16>,
    pub malformed_body: bool,
    /// How many matching requests it hits before it is gone; every one
    /// while `None`.
    pub times: Option<u32>,
}

impl Targeted {
    /// A fault for every request holding all of `matches`, answered with
    /// the API's own error.
    pub fn new<S: Into<String>>(matches: impl IntoIterator<Item = S>) -> Self {
        Targeted {
            matches: matches.into_iter().map(Into::into).collect(),
            ..Targeted::default()
        }
    }

    /// The same fault, answered with HTTP `status`.
    pub fn with_status(self, status: u16) -> Self {
        Targeted {
            http_status: Some(status),
            ..self
        }
    }

    fn hits(&self, text: &str) -> bool {
        self.matches.iter().all(|m| text.contains(m.as_str()))
    }
}

/// Shared, cheaply clonable access to a simulator's faults.
#[derive(Clone, Default)]
pub struct FaultHandle(Arc<FaultCell>);

#[derive(Default)]
struct FaultCell {
    faults: Mutex<Faults>,
    session_epoch: AtomicU64,
    rolls: AtomicU64,
    /// The text of the last [`MAX_LOGGED`] API requests, oldest first.
    log: Mutex<VecDeque<String>>,
}

impl std::fmt::Debug for FaultHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("FaultHandle").field(&self.get()).finish()
    }
}

impl FaultHandle {
    /// The faults in force now.
    pub fn get(&self) -> Faults {
        self.lock().clone()
    }

    /// Replaces the faults. `expire_sessions` takes effect at once and resets.
    pub fn set(&self, faults: Faults) {
        self.update(|current| *current = faults);
    }

    /// Replaces the faults with one targeted fault: that call fails, every
    /// other request is answered as usual.
    pub fn fail_only(&self, targeted: Targeted) {
        self.set(Faults {
            targeted: vec![targeted],
            ..Faults::default()
        });
    }

    /// Changes the faults in place. `expire_sessions` takes effect at once and resets.
    pub fn update(&self, change: impl FnOnce(&mut Faults)) {
        let mut faults = self.lock();
        change(&mut faults);
        if faults.expire_sessions {
            faults.expire_sessions = false;
            self.0.session_epoch.fetch_add(1, Ordering::SeqCst);
        }
    }

    /// Sessions created in an older epoch are expired. Simulators store the
    /// epoch with each session and compare on every request.
    pub fn session_epoch(&self) -> u64 {
        self.0.session_epoch.load(Ordering::SeqCst)
    }

    /// How many of the logged API requests hold every one of `matches`
    /// (in the text [`Targeted`] matches against).
    pub fn requests_holding(&self, matches: &[&str]) -> usize {
        let log = self.requests();
        log.iter()
            .filter(|text| matches.iter().all(|m| text.contains(m)))
            .count()
    }

    /// The text of the logged API requests, oldest first.
    pub fn requests(&self) -> Vec<String> {
        let log = self.0.log.lock().unwrap_or_else(|e| e.into_inner());
        log.iter().cloned().collect()
    }

    fn log_request(&self, text: String) {
        let mut log = self.0.log.lock().unwrap_or_else(|e| e.into_inner());
        if log.len() >= MAX_LOGGED {
            log.pop_front();
        }
        log.push_back(text);
    }

    /// Consumes the one-shot `fail_next_job`: true once after it was set.
    pub fn take_fail_next_job(&self) -> bool {
        std::mem::take(&mut self.lock().fail_next_job)
    }

    /// The targeted fault for a request with this text, if one matches;
    /// counts the hit against its `times`.
    fn take_targeted(&self, text: &str) -> Option<Targeted> {
        let mut faults = self.lock();
        let index = faults.targeted.iter().position(|t| t.hits(text))?;
        let hit = faults.targeted[index].clone();
        if let Some(times) = &mut faults.targeted[index].times {
            *times = times.saturating_sub(1);
            if *times == 0 {
                faults.targeted.remove(index);
            }
        }
        Some(hit)
    }

    /// Decides (deterministically) whether this request gets an injected API error.
    fn roll_api_error(&self, rate: f64) -> bool {
        if rate <= 0.0 {
            return false;
        }
        let n = self.0.rolls.fetch_add(1, Ordering::SeqCst);
        SplitMix64::new(n).unit() < rate
    }

    fn lock(&self) -> MutexGuard<'_, Faults> {
        self.0.faults.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Builds the simulator's own "unknown error" answer for an injected API
/// error (it sees the request, so it can answer in the requested format).
pub type ApiErrorFn = fn(&Parts) -> Response;

/// How long a dropped answer waits between its partial body and the abort.
const FLUSH_PAUSE: Duration = Duration::from_millis(50);

/// The largest request body read to match targeted faults against.
const MAX_MATCHED_BODY: usize = 4 << 20;

/// How many API requests the log keeps.
const MAX_LOGGED: usize = 4096;

#[derive(Clone)]
struct FaultLayer {
    handle: FaultHandle,
    api_error: ApiErrorFn,
}

/// Wraps `app` in the fault middleware and adds `/_sim/faults`.
pub fn install(app: Router, handle: FaultHandle, api_error: ApiErrorFn) -> Router {
    let layer = FaultLayer {
        handle: handle.clone(),
        api_error,
    };
    let control = Router::new()
        .route("/_sim/faults", get(get_faults).post(post_faults))
        .with_state(handle);
    app.layer(middleware::from_fn_with_state(layer, inject))
        .merge(control)
}

async fn get_faults(State(handle): State<FaultHandle>) -> Response {
    axum::Json(handle.get()).into_response()
}

async fn post_faults(State(handle): State<FaultHandle>, body: Bytes) -> Response {
    match serde_json::from_slice::<Faults>(&body) {
        Ok(faults) => {
            handle.set(faults);
            axum::Json(handle.get()).into_response()
        }
        Err(error) => (StatusCode::BAD_REQUEST, format!("invalid faults: {error}")).into_response(),
    }
}

async fn inject(State(layer): State<FaultLayer>, request: Request, next: Next) -> Response {
    if request.uri().path().starts_with("/_sim/") {
        return next.run(request).await;
    }
    let (request, text) = request_text(request).await;
    layer.handle.log_request(text.clone());
    let faults = layer.handle.get();
    if faults.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(faults.latency_ms)).await;
    }
    if let Some(seconds) = faults.rate_limit {
        return rate_limited(seconds);
    }
    if let Some(status) = faults.http_status {
        return http_error(status);
    }
    if let Some(targeted) = layer.handle.take_targeted(&text) {
        return answer_targeted(&layer, targeted, request, next).await;
    }
    let response = if layer.handle.roll_api_error(faults.error_rate) {
        let (parts, _) = request.into_parts();
        (layer.api_error)(&parts)
    } else {
        next.run(request).await
    };
    damage_body(response, &faults).await
}

/// Reads the request's text (`METHOD /path?query`, a newline, the body);
/// the request comes back whole for the simulator to answer.
async fn request_text(request: Request) -> (Request, String) {
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_MATCHED_BODY)
        .await
        .unwrap_or_default();
    let target = parts.uri.path_and_query().map_or("", |p| p.as_str());
    let text = format!(
        "{} {target}\n{}",
        parts.method,
        String::from_utf8_lossy(&bytes)
    );
    (Request::from_parts(parts, Body::from(bytes)), text)
}

/// The answer a targeted fault gives.
async fn answer_targeted(
    layer: &FaultLayer,
    targeted: Targeted,
    request: Request,
    next: Next,
) -> Response {
    if let Some(status) = targeted.http_status {
        return http_error(status);
    }
    if targeted.malformed_body {
        let garble = Faults {
            malformed_body: true,
            ..Faults::default()
        };
        return damage_body(next.run(request).await, &garble).await;
    }
    let (parts, _) = request.into_parts();
    (layer.api_error)(&parts)
}

/// An injected HTTP error; statuses outside 200..=599 become 500.
fn http_error(status: u16) -> Response {
    let status = Some(status)
        .filter(|s| (200..=599).contains(s))
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let text = status.canonical_reason().unwrap_or("Injected failure");
    (status, text.to_string()).into_response()
}

/// An injected rate limit: 429 with the wait in `Retry-After`.
fn rate_limited(seconds: u64) -> Response {
    let wait = [(header::RETRY_AFTER, seconds.to_string())];
    (StatusCode::TOO_MANY_REQUESTS, wait, "Too Many Requests").into_response()
}

/// Applies `malformed_body` and `drop_mid_body` to an answer.
async fn damage_body(response: Response, faults: &Faults) -> Response {
    if !faults.malformed_body && !faults.drop_mid_body {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let half = bytes.slice(..bytes.len() / 2);
    remove_length(&mut parts.headers);
    let body = if faults.drop_mid_body {
        truncated_stream(half)
    } else {
        let mut garbled = half.to_vec();
        garbled.extend_from_slice(b"\0}]>#garbled");
        Body::from(garbled)
    };
    Response::from_parts(parts, body)
}

fn remove_length(headers: &mut HeaderMap) {
    headers.remove(header::CONTENT_LENGTH);
}

/// A body that yields `first` and then fails, so the connection is aborted
/// after the headers and part of the body went out. The pause lets the
/// server flush what it has before the failure.
fn truncated_stream(first: Bytes) -> Body {
    use futures::StreamExt;
    let sent = futures::stream::once(async move { Ok::<Bytes, std::io::Error>(first) });
    let failure = futures::stream::once(async {
        tokio::time::sleep(FLUSH_PAUSE).await;
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "simulated connection drop",
        ))
    });
    Body::from_stream(sent.chain(failure))
}
