//! Events the store consumes and effects it asks the runtime to carry out.

use super::intent::Intent;
use crate::model::{Job, JobId, JobState, Millis, Ref};
use crate::provider::{Fetch, Fetched, ProviderError};

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
    /// A fetch of one account ended: the one way data comes in.
    Fetched {
        account: String,
        fetch: Fetch,
        /// When it ended.
        at: Millis,
        /// How long it took.
        latency_ms: u64,
        result: Result<Fetched, ProviderError>,
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
    /// The external editor (`$VISUAL`/`$EDITOR`) closed: the edited text,
    /// or why it could not run.
    Edited(Result<String, String>),
}

impl Event {
    /// A fetch that ended now, as the worker reports it.
    pub fn fetched(
        account: impl Into<String>,
        fetch: Fetch,
        at: Millis,
        result: Result<Fetched, ProviderError>,
    ) -> Event {
        Event::Fetched {
            account: account.into(),
            fetch,
            at,
            latency_ms: 0,
            result,
        }
    }
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
    /// Fetch something of one account: the one way data is asked for.
    Fetch(String, Fetch),
    /// Write the unsent form drafts to disk.
    SaveDrafts,
    /// Write the drafts within a second (while typing: at most once a
    /// second, so a crash loses at most the last second).
    SaveDraftsSoon,
    /// Suspend the console and edit this text in `$VISUAL`/`$EDITOR`;
    /// the result comes back as [`Event::Edited`].
    EditExternally(String),
    SaveSnapshot,
    Quit,
}
