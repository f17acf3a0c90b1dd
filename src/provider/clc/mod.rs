//! CenturyLink Cloud (API v1) provider: `POST <base>/<Area>/<Method>/JSON`
//! (or `/XML`) with a session cookie from `Auth/Logon`.
//!
//! `wire` holds the types exactly as documented and the format codecs
//! (`xml` for the XML form), `client` sends the requests and keeps the
//! session, `map` turns wire types into the provider-neutral model.

mod client;
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
}
