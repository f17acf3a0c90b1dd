//! The health of one account: how its last refreshes went.

use super::{Millis, Missing};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum HealthState {
    /// No answer yet since start.
    #[default]
    Connecting,
    Ok,
    /// Answers arrive, but slowly.
    Slow,
    /// The last refresh failed; last good data is kept.
    Degraded,
    /// The provider refused the credentials.
    AuthFailed,
}

impl HealthState {
    pub fn label(self) -> &'static str {
        match self {
            HealthState::Connecting => "connecting",
            HealthState::Ok => "ok",
            HealthState::Slow => "slow",
            HealthState::Degraded => "degraded",
            HealthState::AuthFailed => "auth failed",
        }
    }
}

/// Health of an account plus what is needed to explain it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Health {
    pub state: HealthState,
    pub last_error: Option<String>,
    /// When the last successful refresh landed.
    pub last_success_at: Option<Millis>,
    /// How long the last successful refresh took.
    pub last_latency_ms: Option<u64>,
    pub consecutive_failures: u32,
    /// Parts the last good refresh could not fetch (its enrichments that
    /// failed), naming the call and the cause.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<Missing>,
}
