//! Events the store consumes and effects it asks the runtime to carry out.

use super::command::Intent;
use crate::model::{Job, JobId, JobState, MetricSeries, Millis, Ref, Server};
use crate::provider::{Inventory, ProviderError};

/// Everything that can change the state.
#[derive(Debug)]
pub enum Event {
    Intent(Intent),
    Resize(u16, u16),
    /// A full inventory refresh of one account finished.
    Inventory {
        account: String,
        result: Result<Inventory, ProviderError>,
        latency_ms: u64,
        at: Millis,
    },
    /// One server was fetched afresh (after a job, or on demand).
    ServerRefreshed {
        target: Ref,
        result: Result<Box<Server>, ProviderError>,
    },
    Telemetry {
        target: Ref,
        result: Result<Vec<MetricSeries>, ProviderError>,
    },
    /// A job moved on.
    Job {
        id: JobId,
        state: JobState,
        handle: Option<String>,
        at: Millis,
    },
    /// Time passed (only sent while something animates, e.g. a running job).
    Tick(Millis),
}

/// What the store asks the outside world to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Send a confirmed command to the account's worker.
    Send(Job),
    /// Write an audit line for a refused command.
    AuditRefused {
        target: Ref,
        action: String,
        reason: String,
    },
    RefreshAccount(String),
    RefreshServer(Ref),
    FetchTelemetry(Ref),
    SaveSnapshot,
    Quit,
}
