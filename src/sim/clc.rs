//! Simulator of the CenturyLink Cloud API v1 (REST), written from the API
//! document: `POST /REST/<Area>/<Method>/<JSON|XML>` (Auth without a format
//! segment: then a JSON Content-Type gives JSON, anything else XML),
//! parameters from the body or the query string, cookie sessions from `Auth/Logon`, answers that are HTTP 200 with
//! `Success`/`Message`/`StatusCode`, and a request queue that changes the
//! servers when a request succeeds.

mod billing;
mod dates;
mod fixtures;
mod methods;
mod views;
mod wire;
mod world;

use super::faults::{self, FaultHandle};
use super::{SimOptions, SplitMix64};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, request::Parts, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use methods::{ApiError, Ctx, Done, Op, Outcome};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use wire::{Format, Obj, Params};
use world::World;

/// The demo's API key and password (the defaults of `SimSecrets`).
pub const DEMO_API_KEY: &str = "demo-api-key";
pub const DEMO_PASSWORD: &str = "demo-password";
pub const DEMO_ALIAS: &str = world::HOME_ACCOUNT;
/// Name of the session cookie (the document does not name it).
pub const SESSION_COOKIE: &str = "clc_sim_session";
/// Sessions kept at most; expired ones are dropped at each logon.
const MAX_SESSIONS: usize = 10_000;

struct Sim {
    world: Mutex<World>,
    faults: FaultHandle,
    queue_step: Duration,
    seed: u64,
    api_key: String,
    password: String,
}

/// The CLC simulator's routes, wrapped in fault injection.
pub fn router(options: &SimOptions, faults: FaultHandle) -> Router {
    let sim = Arc::new(Sim {
        world: Mutex::new(fixtures::build(options.seed, options.scale)),
        faults: faults.clone(),
        queue_step: options.queue_step,
        seed: options.seed,
        api_key: options.secrets.clc_api_key.clone(),
        password: options.secrets.clc_password.clone(),
    });
    let app = Router::new().fallback(handle).with_state(sim);
    faults::install(app, faults, injected_error)
}

/// `/REST/<area>/<method>[/<format>]`, matched case-insensitively; empty
/// segments are skipped (CenturyLink's SDK posts to `/REST//Auth/logon`).
struct Route {
    area: String,
    method: String,
    format: Option<Format>,
}

impl Route {
    fn parse(path: &str) -> Option<Route> {
        let mut segments = path.split('/').filter(|segment| !segment.is_empty());
        if !segments.next()?.eq_ignore_ascii_case("rest") {
            return None;
        }
        let area = segments.next()?.to_string();
        let method = segments.next()?.to_string();
        let format = match segments.next() {
            None => None,
            Some(segment) => Some(Format::from_segment(segment)?),
        };
        if segments.next().is_some() {
            return None;
        }
        Some(Route {
            area,
            method,
            format,
        })
    }
}

async fn handle(
    State(sim): State<Arc<Sim>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(route) = Route::parse(uri.path()) else {
        return (StatusCode::NOT_FOUND, "Not Found").into_response();
    };
    let Some(op) = Op::lookup(&route.area, &route.method) else {
        return (StatusCode::NOT_FOUND, "Unknown API method").into_response();
    };
    if method != Method::POST {
        return (StatusCode::METHOD_NOT_ALLOWED, "Use POST").into_response();
    }
    let format = route
        .format
        .unwrap_or_else(|| Format::from_headers(&headers));
    let (outcome, cookie) = sim.call(op, uri.query(), &headers, &body);
    let mut response = answer(format, op.root(), outcome);
    if let Some(cookie) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

impl Sim {
    /// Runs one call; also returns a Set-Cookie value for Logon/Logout.
    fn call(
        &self,
        op: Op,
        query: Option<&str>,
        headers: &HeaderMap,
        body: &[u8],
    ) -> (Outcome, Option<String>) {
        let mut world = self.lock();
        let now = Instant::now();
        world.settle(now, self.queue_step);
        let parsed = Params::parse(query, headers, body).map_err(|_| ApiError::bad_format());
        match op {
            Op::Logon => match parsed.and_then(|p| self.logon(&mut world, &p)) {
                Ok((done, token)) => (Ok(done), Some(session_cookie(&token))),
                Err(error) => (Err(error), None),
            },
            Op::Logout => self.logout(&mut world, headers),
            _ => (self.authorised(&mut world, op, parsed, headers, now), None),
        }
    }

    fn authorised(
        &self,
        world: &mut World,
        op: Op,
        parsed: Result<Params, ApiError>,
        headers: &HeaderMap,
        now: Instant,
    ) -> Outcome {
        if !self.has_session(world, headers) {
            return Err(ApiError::new(100, methods::NOT_LOGGED_ON));
        }
        let fail_next_job = || self.faults.take_fail_next_job();
        let ctx = Ctx {
            now,
            now_ms: dates::now_ms(),
            queue_step: self.queue_step,
            fail_next_job: &fail_next_job,
        };
        methods::run(op, world, &parsed?, &ctx)
    }

    fn logon(&self, world: &mut World, params: &Params) -> Result<(Done, String), ApiError> {
        let key_ok = params.text("APIKey") == Some(self.api_key.as_str());
        let password_ok = params.text("Password") == Some(self.password.as_str());
        if !(key_ok && password_ok) {
            return Err(ApiError::new(100, methods::BAD_LOGON));
        }
        let epoch = self.faults.session_epoch();
        world.sessions.retain(|_, created| *created == epoch);
        if world.sessions.len() >= MAX_SESSIONS {
            if let Some(token) = world.sessions.keys().next().cloned() {
                world.sessions.remove(&token);
            }
        }
        let token = self.new_token(world);
        world.sessions.insert(token.clone(), epoch);
        Ok((Done::new("Login Successful", Obj::new()), token))
    }

    /// Forgets the caller's session (always succeeds, as documented).
    fn logout(&self, world: &mut World, headers: &HeaderMap) -> (Outcome, Option<String>) {
        if let Some(token) = session_token(headers) {
            world.sessions.remove(&token);
        }
        let cookie = format!("{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly");
        let done = Done::new("Logout was successful", Obj::new());
        (Ok(done), Some(cookie))
    }

    fn new_token(&self, world: &World) -> String {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        let salt = self.seed ^ nanos ^ (world.sessions.len() as u64).rotate_left(32);
        SplitMix64::new(salt).hex32()
    }

    fn has_session(&self, world: &World, headers: &HeaderMap) -> bool {
        let epoch = self.faults.session_epoch();
        session_token(headers).is_some_and(|token| world.sessions.get(&token) == Some(&epoch))
    }

    fn lock(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn session_cookie(token: &str) -> String {
    format!("{SESSION_COOKIE}={token}; Path=/; Max-Age=86400; HttpOnly")
}

/// The session token from the request's Cookie headers.
fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_string())
}

/// HTTP 200 with the envelope (`Success`, `Message`, `StatusCode`) and payload.
fn answer(format: Format, root: &str, outcome: Outcome) -> Response {
    let (success, code, message, body) = match outcome {
        Ok(done) => (true, 0, done.message, done.body),
        Err(error) => (false, error.code, error.message, Obj::new()),
    };
    let envelope = Obj::new()
        .attr("Success", success)
        .attr("Message", message)
        .attr("StatusCode", code);
    let text = wire::render(format, root, &envelope.extend(body));
    ([(header::CONTENT_TYPE, format.content_type())], text).into_response()
}

/// The answer to an injected API error (fault `error_rate`): StatusCode 2.
fn injected_error(parts: &Parts) -> Response {
    let route = Route::parse(parts.uri.path());
    let format = route
        .as_ref()
        .and_then(|r| r.format)
        .unwrap_or_else(|| Format::from_headers(&parts.headers));
    let root = route
        .and_then(|r| Op::lookup(&r.area, &r.method))
        .map_or("APIResponse", Op::root);
    answer(format, root, Err(ApiError::new(2, methods::UNKNOWN_ERROR)))
}
