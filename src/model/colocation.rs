//! Colocation access: registered visitors and datacenter visit requests (read-only).

use super::{Detail, Millis, Missing};
use serde::{Deserialize, Serialize};

/// A person registered for datacenter access.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Visitor {
    pub account: String,
    pub id: String,
    pub name: String,
    pub location: String,
    /// Access status, e.g. active or pending.
    pub status: String,
    pub details: Vec<Detail>,
}

/// A request for datacenter access on a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    pub account: String,
    pub id: String,
    pub visit_key: String,
    pub arrival: Option<Millis>,
    /// The arrival date as the provider wrote it.
    pub raw_arrival: String,
    /// Number of days.
    pub term_days: Option<u32>,
    pub details: Vec<Detail>,
}

/// Everything the colocation view shows for one account.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Colocation {
    pub visitors: Vec<Visitor>,
    pub visits: Vec<Visit>,
    pub fetched_at: Millis,
    /// Parts the last fetch could not read (visitors, visits, details).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<Missing>,
}
