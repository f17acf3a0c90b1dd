//! Authentication (digest §1.2, §1.3): every call but `POST /login`,
//! `POST /token` and `POST /revoke` needs either
//! - `Authorization: Basic base64(e-mail:password)` with the demo client's
//!   e-mail address (any case) and password, or
//! - `Authorization: Bearer <access token>` from `POST /login` or
//!   `POST /token` (the document never says how the token is sent, digest
//!   §1.4 item 1; Bearer is ours). Each such call uses the token once, see
//!   `tokens`.
//!
//! Refusals are 401 with `{"error": [...]}`: "authentication required"
//! (no or another scheme), "invalid login details", "token expired",
//! "invalid token", "invalid refresh token", "refresh token expired".
//!
//! Also here: `GET /details` (the client object) and `POST /logout`.

use super::proto::{self, now_secs, Answer, ApiError, Fields};
use super::tokens::base64_decode;
use super::{Sim, DEMO_EMAIL};
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde_json::json;
use std::sync::Arc;

/// How a call authenticated.
#[derive(Clone, Debug, PartialEq)]
pub enum Caller {
    Basic,
    Token(String),
}

/// The calls that need authentication.
pub fn account_routes() -> Router<Arc<Sim>> {
    Router::new()
        .route("/api/details", get(details))
        .route("/api/logout", post(logout))
}

/// The token calls, which carry their own credentials.
pub fn token_routes() -> Router<Arc<Sim>> {
    Router::new()
        .route("/api/login", post(login))
        .route("/api/token", post(token))
        .route("/api/revoke", post(revoke))
}

/// Middleware: lets a call through with valid credentials, else 401.
pub async fn require(State(sim): State<Arc<Sim>>, mut request: Request, next: Next) -> Response {
    match authenticate(&sim, request.headers()) {
        Ok(caller) => {
            request.extensions_mut().insert(caller);
            next.run(request).await
        }
        Err(error) => error.into_response(),
    }
}

fn authenticate(sim: &Sim, headers: &HeaderMap) -> Result<Caller, ApiError> {
    let required = || ApiError::unauthorized("authentication required");
    let value = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(required)?;
    let (scheme, credentials) = value.trim().split_once(' ').ok_or_else(required)?;
    let credentials = credentials.trim();
    if scheme.eq_ignore_ascii_case("basic") {
        let decoded = base64_decode(credentials).and_then(|b| String::from_utf8(b).ok());
        let (user, password) = decoded
            .as_deref()
            .and_then(|text| text.split_once(':'))
            .unwrap_or_default();
        check_login(sim, user, password)?;
        Ok(Caller::Basic)
    } else if scheme.eq_ignore_ascii_case("bearer") {
        sim.sessions()
            .use_access(credentials, now_secs(), sim.epoch())?;
        Ok(Caller::Token(credentials.to_string()))
    } else {
        Err(required())
    }
}

/// The demo client's login: e-mail (any case) and password.
fn check_login(sim: &Sim, user: &str, password: &str) -> Result<(), ApiError> {
    if user.trim().eq_ignore_ascii_case(DEMO_EMAIL) && password == sim.password {
        Ok(())
    } else {
        Err(ApiError::unauthorized("invalid login details"))
    }
}

/// #1 `POST /login` with `{"username": e-mail, "password": ...}`.
async fn login(State(sim): State<Arc<Sim>>, body: Bytes) -> Answer {
    let mut fields = Fields::parse(&body)?;
    let user = fields.filled("username");
    let password = fields.filled("password");
    fields.finish()?;
    check_login(&sim, &user, &password)?;
    let pair = sim.sessions().login(now_secs(), sim.epoch());
    Ok(Json(pair).into_response())
}

/// #3 `POST /token` with `{"refresh_token": ...}`: a new pair.
async fn token(State(sim): State<Arc<Sim>>, body: Bytes) -> Answer {
    let mut fields = Fields::parse(&body)?;
    let refresh = fields.filled("refresh_token");
    fields.finish()?;
    let pair = sim.sessions().refresh(&refresh, now_secs(), sim.epoch())?;
    Ok(Json(pair).into_response())
}

/// #4 `POST /revoke`: "Pass refresh token or call this method with valid
/// access token". A refresh token in the body wins; without one the call
/// needs a Bearer access token.
async fn revoke(State(sim): State<Arc<Sim>>, headers: HeaderMap, body: Bytes) -> Answer {
    let mut fields = Fields::parse(&body)?;
    let refresh = fields.optional_text("refresh_token");
    fields.finish()?;
    if let Some(refresh) = refresh.filter(|r| !r.is_empty()) {
        return if sim.sessions().revoke_refresh(&refresh) {
            Ok(proto::status(true))
        } else {
            Err(ApiError::unauthorized("invalid refresh token"))
        };
    }
    match authenticate(&sim, &headers)? {
        Caller::Token(token) => {
            sim.sessions().revoke_access(&token);
            Ok(proto::status(true))
        }
        Caller::Basic => Err(ApiError::invalid(vec![
            "pass refresh_token or call with a valid access token".into(),
        ])),
    }
}

/// #2 `POST /logout`: the access token dies; with Basic there is nothing
/// to end.
async fn logout(State(sim): State<Arc<Sim>>, Extension(caller): Extension<Caller>) -> Answer {
    if let Caller::Token(token) = caller {
        sim.sessions().logout(&token);
    }
    Ok(proto::status(true))
}

/// #5 `GET /details`: `{"client": {...}}`.
async fn details(State(sim): State<Arc<Sim>>) -> Answer {
    proto::answer(json!({ "client": sim.lock().client }))
}
