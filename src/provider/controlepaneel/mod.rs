//! controlepaneel.com provider: one endpoint, variables `Account`, `Hash`,
//! `Module`, `Action` first and then the action's own, answered in XML with
//! `Status`/`ActionN` codes (document 000, digest in seeds/digests).
//!
//! The document gives no endpoint, HTTP method or encoding (digest §1.2).
//! Decisions (§1.3): the base URL is required config; variables go as an
//! `application/x-www-form-urlencoded` POST body by default, or as a GET
//! query string with `method = "get"`; optional variables that were not
//! given are left out rather than sent empty.
//!
//! `wire` holds the answers exactly as documented and their decoder,
//! `pull` the streaming reader under it, `error` the decoder's error,
//! `codes` the status-code tables, `client` one exchange (reads retried,
//! mutations sent once), `fetch` the reads, `commands` the mutations,
//! `api` the provider's APIs over them, and `map` wire -> model.

mod api;
mod client;
pub mod codes;
mod commands;
pub mod error;
mod fetch;
pub mod map;
pub mod pull;
pub mod wire;

pub use client::ControlepaneelProvider;

use crate::secret::Secret;

/// How the variables travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HttpMethod {
    /// A form-encoded POST body (keeps the Hash out of URLs and access logs).
    #[default]
    Post,
    /// A query string on the base URL.
    Get,
}

impl HttpMethod {
    /// The method named in the config (`post` or `get`, any case).
    pub fn from_name(name: &str) -> Option<HttpMethod> {
        match name.trim().to_ascii_lowercase().as_str() {
            "post" => Some(HttpMethod::Post),
            "get" => Some(HttpMethod::Get),
            _ => None,
        }
    }
}

/// Everything a controlepaneel account needs.
#[derive(Clone, Debug)]
pub struct ControlepaneelSettings {
    /// The account name from the config (shown in every message).
    pub account: String,
    /// The API's URL; the document names none, so it must be configured.
    pub base_url: String,
    /// Sent as `Account`.
    pub account_id: String,
    /// Sent as `Hash`; bound to this machine's whitelisted IP.
    pub hash: Secret,
    pub method: HttpMethod,
    /// Connect and whole-request timeouts of every call.
    pub timeouts: crate::provider::http::Timeouts,
}
