//! The conventions every simulated HostBill call shares: the error body
//! `{"error": [...]}` (the document's only error example, L1516-L1520),
//! the message bodies `{"info": [...]}` and `{"status": true|false}`,
//! path ids, dates without a zone, and JSON request bodies read field by
//! field.
//!
//! The document gives no HTTP status for anything (digest §1.4 item 3);
//! these are ours:
//! - 401: no or wrong credentials, an unknown, used up or revoked token;
//! - 400: a body that is not a JSON object, or a field of the wrong form
//!   (such as the samples' placeholder strings, digest §4.3);
//! - 404: an id that names nothing, and any path no call has ("invalid
//!   method", the document's own words);
//! - 200 with `{"error": [...]}`: a well-formed request the account refuses
//!   (a change to a domain that is not active, a reply to a locked ticket),
//!   as a client must also read an error from a 2xx answer (digest §1.5).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};
use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// A call's outcome: an answer, or the error body.
pub type Answer = Result<Response, ApiError>;

/// `{"error": [messages]}` with an HTTP status.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub messages: Vec<String>,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            messages: vec![message.into()],
        }
    }

    /// 401: credentials or token refused.
    pub fn unauthorized(message: &str) -> Self {
        ApiError::new(StatusCode::UNAUTHORIZED, message)
    }

    /// 404: `what` (e.g. "ticket") has no object with this id.
    pub fn not_found(what: &str) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, format!("{what} not found"))
    }

    /// 400: the body, or one of its fields, has the wrong form.
    pub fn invalid(messages: Vec<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            messages,
        }
    }

    /// 200 with an error: the request was understood and refused.
    pub fn refused(message: &str) -> Self {
        ApiError::new(StatusCode::OK, message)
    }

    /// 404 for a path no call has, in the document's words.
    pub fn invalid_method() -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "invalid method")
    }

    /// 405 for a known path with another method.
    pub fn wrong_method() -> Self {
        ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "invalid method")
    }

    /// 500: the answer to an injected API error.
    pub fn internal() -> Self {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(json!({ "error": self.messages }))).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"client area\", Bearer"),
            );
        }
        response
    }
}

/// `{"info": [message]}`, the document's success message.
pub fn info(message: &str) -> Response {
    Json(json!({ "info": [message] })).into_response()
}

/// `{"status": ok}`, the document's answer to logout, revoke, open, close.
pub fn status(ok: bool) -> Response {
    Json(json!({ "status": ok })).into_response()
}

/// A JSON answer.
pub fn answer(value: Value) -> Answer {
    Ok(Json(value).into_response())
}

/// An integer path id; anything else names no `what`.
pub fn path_id(text: &str, what: &str) -> Result<u64, ApiError> {
    text.parse().map_err(|_| ApiError::not_found(what))
}

/// Seconds since the epoch, now.
pub fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The start of the day (UTC) that holds `secs`.
pub fn day_start(secs: i64) -> i64 {
    secs.div_euclid(DAY) * DAY
}

/// `2016-12-30`: the document's dates.
pub fn date(secs: i64) -> String {
    crate::model::time::iso_date(secs * 1000)
}

/// `2016-12-30 12:24:28`: the document's date-times, which name no zone
/// (digest §1.4 item 10); the simulator writes UTC.
pub fn date_time(secs: i64) -> String {
    crate::model::time::iso_utc(secs * 1000).replace('T', " ")
}

/// A JSON object body, read field by field; the messages gather so one
/// answer names every bad field.
pub struct Fields {
    body: Map<String, Value>,
    errors: Vec<String>,
}

impl Fields {
    /// The body as a JSON object; a 400 otherwise. An empty body is an
    /// empty object (the document's PUTs send none).
    pub fn parse(bytes: &[u8]) -> Result<Fields, ApiError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Fields::from(Map::new()));
        }
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(body)) => Ok(Fields::from(body)),
            _ => Err(ApiError::invalid(vec![
                "the request body must be a JSON object".into(),
            ])),
        }
    }

    fn from(body: Map<String, Value>) -> Fields {
        Fields {
            body,
            errors: Vec::new(),
        }
    }

    /// The raw value of `name`, if sent and not null.
    pub fn value(&self, name: &str) -> Option<&Value> {
        self.body.get(name).filter(|v| !v.is_null())
    }

    /// A required string with more than white space in it, trimmed.
    pub fn filled(&mut self, name: &str) -> String {
        match self.value(name) {
            Some(Value::String(text)) if !text.trim().is_empty() => text.trim().to_string(),
            Some(Value::String(_)) => self.fail(format!("{name} must not be empty")),
            Some(_) => self.fail(format!("{name} must be a string")),
            None => self.fail(format!("{name} is required")),
        }
    }

    /// An optional string, trimmed; None when missing or null.
    pub fn optional_text(&mut self, name: &str) -> Option<String> {
        match self.value(name)? {
            Value::String(text) => Some(text.trim().to_string()),
            _ => self.fail(format!("{name} must be a string")),
        }
    }

    /// A whole number up to `max`, sent as a JSON number or as a string of
    /// digits (the document types parameters one way and sends them the
    /// other, digest §4.3); None when missing or null.
    pub fn number(&mut self, name: &str, max: u64) -> Option<u64> {
        let value = self.value(name)?;
        let number = match value {
            Value::Number(n) => n.as_u64(),
            Value::String(text) => text.trim().parse().ok(),
            _ => None,
        };
        match number.filter(|n| *n <= max) {
            Some(n) => Some(n),
            None => self.fail(format!("{name} must be a whole number from 0 to {max}")),
        }
    }

    /// Notes an error.
    pub fn error(&mut self, message: impl Into<String>) {
        self.errors.push(message.into());
    }

    fn fail<T: Default>(&mut self, message: String) -> T {
        self.error(message);
        T::default()
    }

    /// A 400 naming every error noted, if any.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::invalid(self.errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_have_no_zone_and_a_space_before_the_time() {
        assert_eq!(date(1_483_100_668), "2016-12-30");
        assert_eq!(date_time(1_483_100_668), "2016-12-30 12:24:28");
    }

    #[test]
    fn numbers_come_as_numbers_or_digit_strings() {
        let mut fields =
            Fields::parse(br#"{"a": 7, "b": " 12 ", "c": "priorityValue", "d": -1}"#).unwrap();
        assert_eq!(fields.number("a", 10), Some(7));
        assert_eq!(fields.number("b", 100), Some(12));
        assert_eq!(fields.number("c", 100), None);
        assert_eq!(fields.number("d", 100), None);
        assert_eq!(fields.number("missing", 100), None);
        assert_eq!(fields.errors.len(), 2);
    }

    #[test]
    fn bodies_must_be_objects_and_empty_ones_are_empty_objects() {
        assert!(Fields::parse(b"").is_ok());
        assert!(Fields::parse(b"[1]").is_err());
        assert!(Fields::parse(b"{").is_err());
    }
}
