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
//! `pull` the streaming reader under it,
//! `codes` the status-code tables, `client` one exchange (reads retried,
//! mutations sent once) and the [`crate::provider::Provider`]
//! implementation, `fetch` the reads, `commands` the mutations, `map`
//! wire -> model.

mod client;
pub mod codes;
mod commands;
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
    /// The config's `method` value (`post` when absent).
    pub fn from_config(method: Option<&str>) -> Option<HttpMethod> {
        match method.map(|m| m.trim().to_ascii_lowercase()).as_deref() {
            None | Some("post") => Some(HttpMethod::Post),
            Some("get") => Some(HttpMethod::Get),
            Some(_) => None,
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
}
