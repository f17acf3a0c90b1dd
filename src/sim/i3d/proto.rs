//! The conventions every simulated i3D call shares: the error object, the
//! `RANGED-DATA` paging header, list and one-object answers, path ids and
//! JSON request bodies checked field by field.

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::time::{SystemTime, UNIX_EPOCH};

/// The paging header (document §1.3).
pub const RANGED_DATA: &str = "RANGED-DATA";
/// `results` when the header leaves it out: "default range: start=0,results=25".
pub const DEFAULT_RESULTS: usize = 25;

/// A call's outcome: an answer, or i3D's error object.
pub type Answer = Result<Response, ApiError>;

/// One entry of the error object's `errors`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldError {
    pub property: String,
    pub message: String,
}

impl FieldError {
    pub fn new(property: &str, message: impl Into<String>) -> Self {
        FieldError {
            property: property.to_string(),
            message: message.into(),
        }
    }
}

/// i3D's error object (from its "API v3 usage" page, not the document):
/// `{"errorCode": 10001, "errorMessage": "Entity not found", "errors":
/// [{"property": ..., "message": ...}]}`. Only 10001 is i3D's own code;
/// the others are ours.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: u32,
    pub message: &'static str,
    pub errors: Vec<FieldError>,
}

impl ApiError {
    fn new(status: StatusCode, code: u32, message: &'static str) -> Self {
        ApiError {
            status,
            code,
            message,
            errors: Vec::new(),
        }
    }

    fn about(mut self, property: &str, message: impl Into<String>) -> Self {
        self.errors.push(FieldError::new(property, message));
        self
    }

    /// 500: the answer to an injected API error.
    pub fn internal() -> Self {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, 10000, "Internal error")
    }

    /// 404, i3D's own code: no such object (`property` names the path part).
    pub fn not_found(property: &str) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, 10001, "Entity not found")
            .about(property, "No entity with this ID")
    }

    /// 400: the body (or a query parameter) fails validation.
    pub fn invalid(errors: Vec<FieldError>) -> Self {
        ApiError {
            errors,
            ..ApiError::new(StatusCode::BAD_REQUEST, 10002, "Invalid input")
        }
    }

    /// 400: `RANGED-DATA` is missing where required, or malformed.
    pub fn range(message: &str) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, 10003, "Invalid RANGED-DATA header")
            .about(RANGED_DATA, message)
    }

    /// 401: no `PRIVATE-TOKEN`, or not the demo key.
    pub fn unauthorized() -> Self {
        ApiError::new(StatusCode::UNAUTHORIZED, 10004, "Unauthorized")
            .about("PRIVATE-TOKEN", "A valid API key is required")
    }

    /// 403: the object refuses this action.
    pub fn forbidden(property: &str, message: &str) -> Self {
        ApiError::new(StatusCode::FORBIDDEN, 10005, "Forbidden").about(property, message)
    }

    /// 404 for a path no operation has.
    pub fn no_route() -> Self {
        ApiError::new(StatusCode::NOT_FOUND, 10006, "Unknown endpoint")
    }

    /// 405 for a known path with another method.
    pub fn wrong_method() -> Self {
        ApiError::new(StatusCode::METHOD_NOT_ALLOWED, 10007, "Method not allowed")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({
            "errorCode": self.code,
            "errorMessage": self.message,
            "errors": self.errors,
        });
        (self.status, Json(body)).into_response()
    }
}

/// A `RANGED-DATA: start=N,results=M` window over a list. A client knows it
/// has read everything when a page holds fewer than `results` items (the
/// document names no total or "more" header, so none is sent).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub start: usize,
    pub results: usize,
}

impl Default for Range {
    fn default() -> Self {
        Range {
            start: 0,
            results: DEFAULT_RESULTS,
        }
    }
}

impl Range {
    /// The header's window, or the default one when it is absent.
    pub fn optional(headers: &HeaderMap) -> Result<Range, ApiError> {
        match headers.get(RANGED_DATA) {
            None => Ok(Range::default()),
            Some(value) => value.to_str().ok().and_then(Range::parse).ok_or_else(|| {
                ApiError::range("Expected start=N,results=M with results of 1 or more")
            }),
        }
    }

    /// The header's window; a 400 when the header is absent.
    pub fn required(headers: &HeaderMap) -> Result<Range, ApiError> {
        if headers.contains_key(RANGED_DATA) {
            Range::optional(headers)
        } else {
            Err(ApiError::range("This call requires the RANGED-DATA header"))
        }
    }

    /// `start=0,results=25` in any order; either part may be left out and
    /// takes its default. `results` must be at least 1.
    pub fn parse(text: &str) -> Option<Range> {
        let mut range = Range::default();
        for part in text.split(',') {
            let (key, value) = part.split_once('=')?;
            let value: usize = value.trim().parse().ok()?;
            match key.trim() {
                "start" => range.start = value,
                "results" => range.results = value,
                _ => return None,
            }
        }
        (range.results > 0).then_some(range)
    }

    /// The indexes of this window within `total` items.
    pub fn span(self, total: usize) -> std::ops::Range<usize> {
        let start = self.start.min(total);
        start..start.saturating_add(self.results).min(total)
    }

    /// The window's items.
    pub fn page<T>(self, items: &[T]) -> &[T] {
        &items[self.span(items.len())]
    }
}

/// A list answer: a bare JSON array (the document never shows a wrapper).
pub fn list<T: Serialize>(items: &[T]) -> Response {
    Json(items).into_response()
}

/// One object. i3D's usage pages say every answer is an array, even for
/// one object; the document shows bare models. The simulator gives both,
/// by the object's id: even ids as `[{...}]`, odd ids as `{...}`.
pub fn one<T: Serialize>(id: u64, item: &T) -> Response {
    if id.is_multiple_of(2) {
        Json([item]).into_response()
    } else {
        Json(item).into_response()
    }
}

/// The document's "No content".
pub fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

/// An integer path id; anything else names no object.
pub fn path_id(text: &str, property: &str) -> Result<u64, ApiError> {
    text.parse().map_err(|_| ApiError::not_found(property))
}

/// Seconds since the epoch, now.
pub fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// `value` rounded to `places` decimals.
pub fn round(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (value * scale).round() / scale
}

/// A JSON object body, checked field by field; the errors gather so one
/// answer names every bad field.
pub struct Fields {
    body: Map<String, Value>,
    errors: Vec<FieldError>,
}

impl Fields {
    /// The body as a JSON object (any content type); a 400 otherwise.
    pub fn parse(bytes: &[u8]) -> Result<Fields, ApiError> {
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(body)) => Ok(Fields {
                body,
                errors: Vec::new(),
            }),
            _ => Err(ApiError::invalid(vec![FieldError::new(
                "body",
                "Expected a JSON object",
            )])),
        }
    }

    /// A required string field, as sent ("" when missing or not a string,
    /// with the error noted).
    pub fn text(&mut self, name: &str) -> String {
        match self.body.get(name) {
            Some(Value::String(text)) => text.clone(),
            Some(_) => self.fail(name, "Must be a string"),
            None => self.fail(name, "This field is required"),
        }
    }

    /// An optional string field: None when missing.
    pub fn optional(&mut self, name: &str) -> Option<String> {
        self.body.get(name)?;
        Some(self.text(name))
    }

    /// A required string field that must hold more than white space.
    pub fn filled(&mut self, name: &str) -> String {
        let text = self.text(name);
        if text.trim().is_empty() && self.body.get(name).is_some_and(Value::is_string) {
            self.error(name, "Must not be empty");
        }
        text
    }

    /// An optional list of integers, empty when missing.
    pub fn ids(&mut self, name: &str) -> Vec<u64> {
        let Some(value) = self.body.get(name) else {
            return Vec::new();
        };
        let ids: Option<Vec<u64>> = value
            .as_array()
            .and_then(|items| items.iter().map(Value::as_u64).collect());
        ids.unwrap_or_else(|| self.fail(name, "Must be a list of integers"))
    }

    /// Notes an error on `name`.
    pub fn error(&mut self, name: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(name, message));
    }

    fn fail<T: Default>(&mut self, name: &str, message: &str) -> T {
        self.error(name, message);
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
    fn ranged_data_parses_the_documented_form_and_refuses_others() {
        assert_eq!(
            Range::parse("start=0,results=25"),
            Some(Range {
                start: 0,
                results: 25
            })
        );
        assert_eq!(
            Range::parse("results=5, start=10"),
            Some(Range {
                start: 10,
                results: 5
            })
        );
        assert_eq!(Range::parse("start=3").map(|r| r.results), Some(25));
        for bad in [
            "",
            "start=x",
            "results=0",
            "start=1;results=2",
            "page=1",
            "start=-1",
        ] {
            assert_eq!(Range::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_page_past_the_end_is_empty_and_the_last_one_short() {
        let items: Vec<u32> = (0..40).collect();
        let page = |start, results| Range { start, results }.page(&items).to_vec();
        assert_eq!(page(0, 25).len(), 25);
        assert_eq!(page(25, 25), (25..40).collect::<Vec<_>>());
        assert!(page(40, 25).is_empty());
        assert!(page(usize::MAX, usize::MAX).is_empty());
    }
}
