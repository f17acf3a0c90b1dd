//! Polls that follow the changes: whether the next inventory poll reads
//! every server or only those changed since the last poll
//! (`Server/GetAllServersByModifiedDates`), the API's clock as its `Date`
//! headers tell it, and the enrichments of the last full read, kept for the
//! servers a later poll brings back.

use super::fetch::Scope;
use crate::model::{now_millis, Millis, Missing};
use crate::provider::sent::Sent;
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// How far before the last poll's start a poll for changes reaches back:
/// covers a clock that the `Date` header only gives to the second, clocks
/// that differ inside the API, and a change listed a little late. Getting
/// a server twice is harmless (the store merges it in place).
pub const CHANGES_MARGIN_MS: i64 = 5 * 60 * 1000;

/// What the next inventory poll reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plan {
    /// Every server, with groups and networks.
    Full,
    /// The servers changed from this time on (the API's clock, ms).
    ChangesSince(Millis),
}

/// A scope's key: the (sub-)account alias and the location.
pub type ScopeKey = (Option<String>, String);

/// What one account remembers between inventory polls.
#[derive(Default)]
pub struct PollState {
    /// Polls for changes since the last full read.
    polls_since_full: u32,
    /// The start (API clock) of the last poll that read every location;
    /// `None` until a full read succeeded everywhere.
    last_start: Option<Millis>,
    /// Groups and networks per scope, from the last full read.
    scopes: HashMap<ScopeKey, Arc<Scope>>,
    /// The enrichments the last full read missed (still missing until the
    /// next one).
    missing: Vec<Missing>,
    /// What the polls handed on, by location: a full read after the first
    /// hands on only what changed.
    pub sent: Sent,
}

impl PollState {
    /// A full read every `full_read_every` polls (1: every poll), and
    /// whenever no complete read is known to start from.
    pub fn plan(&self, full_read_every: u32) -> Plan {
        match self.last_start {
            Some(start) if self.polls_since_full + 1 < full_read_every => {
                Plan::ChangesSince(start - CHANGES_MARGIN_MS)
            }
            _ => Plan::Full,
        }
    }

    /// A full read that started at `start` is done; `complete` when every
    /// location's list arrived.
    pub fn full_read(
        &mut self,
        start: Millis,
        complete: bool,
        scopes: HashMap<ScopeKey, Arc<Scope>>,
        missing: Vec<Missing>,
    ) {
        self.polls_since_full = 0;
        self.last_start = complete.then_some(start);
        self.scopes = scopes;
        self.missing = missing;
    }

    /// A poll for changes that started at `start` is done. When a location
    /// failed, the next poll asks again from the same time.
    pub fn changes_read(&mut self, start: Millis, complete: bool) {
        self.polls_since_full += 1;
        if complete {
            self.last_start = Some(start);
        }
    }

    pub fn scope(&self, key: &ScopeKey) -> Option<Arc<Scope>> {
        self.scopes.get(key).cloned()
    }

    /// Keeps a scope first seen in a poll for changes (a new sub-account).
    pub fn add_scope(&mut self, key: ScopeKey, scope: Arc<Scope>) {
        self.scopes.insert(key, scope);
    }

    pub fn missing(&self) -> &[Missing] {
        &self.missing
    }
}

/// The API's clock, as its answers' `Date` headers tell it: an offset
/// from the local clock (zero until an answer carried a date).
#[derive(Default)]
pub struct ApiClock {
    offset_ms: AtomicI64,
}

impl ApiClock {
    /// Learns the offset from an answer's `Date`. The header is whole
    /// seconds, so the offset errs early, the safe side for `BeginDate`.
    pub fn observe(&self, date: Option<SystemTime>) {
        let Some(millis) = date.and_then(|d| d.duration_since(UNIX_EPOCH).ok()) else {
            return;
        };
        let offset = millis.as_millis() as i64 - now_millis();
        self.offset_ms.store(offset, Ordering::Relaxed);
    }

    /// Now on the API's clock (ms since the epoch, UTC).
    pub fn now(&self) -> Millis {
        now_millis() + self.offset_ms.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn full_first_then_changes_then_full_every_tenth_poll() {
        let mut state = PollState::default();
        let mut plans = Vec::new();
        for poll in 0..21 {
            let plan = state.plan(10);
            plans.push(plan);
            match plan {
                Plan::Full => state.full_read(poll, true, HashMap::new(), Vec::new()),
                Plan::ChangesSince(_) => state.changes_read(poll, true),
            }
        }
        let full: Vec<usize> = (0..21).filter(|&i| plans[i] == Plan::Full).collect();
        assert_eq!(full, [0, 10, 20]);
        assert_eq!(plans[1], Plan::ChangesSince(-CHANGES_MARGIN_MS));
        assert_eq!(plans[5], Plan::ChangesSince(4 - CHANGES_MARGIN_MS));
    }

    #[test]
    fn an_incomplete_read_does_not_move_the_start() {
        let mut state = PollState::default();
        state.full_read(100, false, HashMap::new(), Vec::new());
        assert_eq!(state.plan(10), Plan::Full);
        state.full_read(200, true, HashMap::new(), Vec::new());
        state.changes_read(300, false);
        assert_eq!(state.plan(10), Plan::ChangesSince(200 - CHANGES_MARGIN_MS));
        assert_eq!(state.plan(1), Plan::Full);
    }

    #[test]
    fn the_clock_follows_the_api_date() {
        let clock = ApiClock::default();
        let ahead = SystemTime::now() + Duration::from_secs(3600);
        clock.observe(Some(ahead));
        let lead = clock.now() - now_millis();
        assert!((3_590_000..=3_600_000).contains(&lead), "{lead}");
        clock.observe(None);
        assert!(clock.now() - now_millis() > 3_500_000);
    }
}
