//! Parts of an object that a refresh could not fetch. A refresh reads a
//! primary list (servers, domains) and enriches it (networks, monitoring,
//! details); an enrichment that fails leaves its part empty and says so
//! here, instead of hiding the objects that did arrive.

use serde::{Deserialize, Serialize};

/// One part the last refresh could not fetch, and why.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Missing {
    /// What is missing, in a few words: `networks`, `monitoring`,
    /// `IP details`, `servers in UC1`.
    pub part: String,
    /// Why: the provider error, naming the account and the call.
    pub cause: String,
}

impl Missing {
    pub fn new(part: impl Into<String>, cause: impl Into<String>) -> Self {
        Missing {
            part: part.into(),
            cause: cause.into(),
        }
    }

    /// `networks: clc-prod: Network/GetNetworks UC1: HTTP 500`.
    pub fn describe(&self) -> String {
        format!("{}: {}", self.part, self.cause)
    }
}
