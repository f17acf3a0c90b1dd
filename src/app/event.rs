//! Events the store consumes and effects it asks the runtime to carry out.

use super::command::Intent;
use crate::model::{
    Colocation, Domain, HistoryEntry, Job, JobId, JobState, MetricSeries, Millis, Ref, Server,
};
use crate::provider::{DomainInventory, Inventory, ProviderError};

/// How far the scrollable text last drawn can scroll: the details panel
/// of the current view and the help overlay, when shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScrollLimits {
    pub details: Option<u16>,
    pub help: Option<u16>,
}

/// Everything that can change the state.
#[derive(Debug)]
pub enum Event {
    Intent(Intent),
    Resize(u16, u16),
    /// A frame was drawn; scrolling stops at these limits.
    Drawn(ScrollLimits),
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
    /// The domains and contacts of one account were fetched.
    Domains {
        account: String,
        result: Result<DomainInventory, ProviderError>,
        at: Millis,
    },
    /// One domain was fetched afresh (after a job, or on demand).
    DomainRefreshed {
        target: Ref,
        result: Result<Box<Domain>, ProviderError>,
    },
    DomainHistory {
        target: Ref,
        result: Result<Vec<HistoryEntry>, ProviderError>,
    },
    /// The colocation visitors and visits of one account were fetched.
    Colocation {
        account: String,
        result: Result<Colocation, ProviderError>,
        at: Millis,
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
    /// Fetch every domain and contact of the account.
    RefreshDomains(String),
    RefreshDomain(Ref),
    FetchDomainHistory(Ref),
    FetchColocation(String),
    /// Write the unsent form drafts to disk.
    SaveDrafts,
    SaveSnapshot,
    Quit,
}
