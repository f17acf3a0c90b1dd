//! CenturyLink Cloud (API v1) provider: `POST <base>/<Area>/<Method>/JSON`
//! (or `/XML`) with a session cookie from `Auth/Logon`.
//!
//! `wire` holds the types exactly as documented and the format codecs
//! (`xml` for the XML form), `client` one exchange and the session (reads
//! retried, mutations sent once), `fetch` the reads, `delta` what the
//! inventory polls remember to ask only for changes, `commands` the
//! mutations, `api` the provider's APIs over them, and `map` turns wire
//! types into the provider-neutral model.

mod api;
mod client;
mod commands;
mod delta;
mod fetch;
pub mod map;
pub mod wire;
pub mod xml;

pub use client::ClcProvider;

use crate::secret::Secret;

/// Which of the two documented formats the account talks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum WireFormat {
    #[default]
    Json,
    Xml,
}

impl WireFormat {
    /// The format named in the config (`json` or `xml`, any case).
    pub fn from_name(name: &str) -> Option<WireFormat> {
        match name.trim().to_ascii_lowercase().as_str() {
            "json" => Some(WireFormat::Json),
            "xml" => Some(WireFormat::Xml),
            _ => None,
        }
    }

    /// The URL's format segment (`JSON` or `XML`).
    pub fn segment(self) -> &'static str {
        match self {
            WireFormat::Json => "JSON",
            WireFormat::Xml => "XML",
        }
    }
}

/// Everything a CLC account needs.
#[derive(Clone, Debug)]
pub struct ClcSettings {
    /// The account name from the config (shown in every message).
    pub account: String,
    /// `https://api.ctl.io/REST/`, or a simulator's `http://127.0.0.1:PORT/REST/`.
    pub base_url: String,
    pub api_key: Secret,
    pub password: Secret,
    /// Sent as `AccountAlias` where the API takes one; `None` = the API user's account.
    pub account_alias: Option<String>,
    /// List servers with `GetAllServersForAccountHierarchy` (all sub-accounts).
    pub hierarchy: bool,
    pub format: WireFormat,
    /// Connect and whole-request timeouts of every call.
    pub timeouts: crate::provider::http::Timeouts,
    /// Every how many inventory polls all servers are read (the others
    /// ask only for the servers changed since the last poll); 1 reads all
    /// servers on every poll.
    pub full_read_every: u32,
}

/// The default of `full_read_every`.
pub const FULL_READ_EVERY: u32 = 10;
