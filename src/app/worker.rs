//! One worker task per account: it owns that account's network traffic.
//! Every fetch goes one way: a [`Request::Fetch`] (from the store's
//! `Effect::Fetch`, or a poll schedule) is spawned once, and its result
//! comes back as one [`Event::Fetched`]. A fetch of the same thing that is
//! asked for while one runs is run once more after it, never queued twice.
//! The inventory (and the domains, where the account has them) are polled
//! on a schedule with jitter, and back off while they fail: to twice the
//! interval, so an account is polled again within two intervals after its
//! fault clears, or later when the provider asked to wait (`Retry-After`
//! of a rate limit). Every account has its own task and every fetch its
//! own spawned future, so a slow account never delays another. Commands
//! run as jobs, sent once.

use super::event::Event;
use crate::audit::{AuditEntry, AuditEvent, AuditLog};
use crate::model::{now_millis, Capability, Job, JobState};
use crate::provider::{
    self, execute, Fetch, JobProgress, Provider, QueueApi, Submitted, TicketScope,
};
use std::collections::hash_map::RandomState;
use std::collections::HashSet;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use tokio::time::{sleep_until, Instant};

/// While a fetch fails, its polls are this many times further apart.
pub const FAILING_BACKOFF: u32 = 2;
/// How long a queued provider request is followed before giving up.
pub const JOB_TIMEOUT: Duration = Duration::from_secs(30 * 60);
/// Consecutive failed status polls before a job is declared lost.
pub const JOB_POLL_FAILURES: u32 = 5;

/// What a worker can be asked to do.
#[derive(Debug)]
pub enum Request {
    Fetch(Fetch),
    Send(Box<Job>),
    /// Internal: a fetch ended; a failed one may carry the wait the
    /// provider asked for.
    Done {
        fetch: Fetch,
        outcome: Result<(), Option<Duration>>,
    },
}

/// Timing of one worker.
#[derive(Clone, Copy, Debug)]
pub struct WorkerTiming {
    pub poll_interval: Duration,
    /// Domains change rarely and cost a call per domain: polled less often.
    pub domain_poll_interval: Duration,
    /// The full ticket list (closed ones too); the open-or-unread list is
    /// polled at `poll_interval`.
    pub all_tickets_interval: Duration,
    pub job_poll_interval: Duration,
}

impl Default for WorkerTiming {
    fn default() -> Self {
        WorkerTiming {
            poll_interval: Duration::from_secs(30),
            domain_poll_interval: Duration::from_secs(300),
            all_tickets_interval: Duration::from_secs(300),
            job_poll_interval: Duration::from_secs(1),
        }
    }
}

/// The sending side of a worker.
#[derive(Clone)]
pub struct WorkerHandle {
    tx: UnboundedSender<Request>,
}

impl WorkerHandle {
    /// Queues a request; a worker that has stopped silently drops it.
    pub fn send(&self, request: Request) {
        let _ = self.tx.send(request);
    }
}

/// A fetch polled on its own: its interval, when it runs next (`None`
/// while it runs), and how often in a row it failed.
#[derive(Debug)]
struct Schedule {
    fetch: Fetch,
    interval: Duration,
    next: Option<Instant>,
    failures: u32,
}

impl Schedule {
    fn new(fetch: Fetch, interval: Duration) -> Schedule {
        Schedule {
            fetch,
            interval,
            next: Some(Instant::now()),
            failures: 0,
        }
    }

    /// The interval with ±10% jitter; while failing, [`FAILING_BACKOFF`]
    /// times the interval less up to 10%, so never past that many
    /// intervals; never shorter than the provider's `retry_after`.
    fn delay(&self, retry_after: Option<Duration>) -> Duration {
        let jitter = (RandomState::new().build_hasher().finish() % 1001) as f64 / 10_000.0;
        let delay = if self.failures == 0 {
            self.interval.mul_f64(0.95 + jitter)
        } else {
            self.interval
                .saturating_mul(FAILING_BACKOFF)
                .mul_f64(1.0 - jitter)
        };
        delay.max(retry_after.unwrap_or_default())
    }
}

/// The polled fetches of an account: the inventory always, the domains
/// where the account has them.
fn schedules(provider: &dyn Provider, timing: &WorkerTiming) -> Vec<Schedule> {
    let mut schedules = vec![Schedule::new(Fetch::Inventory, timing.poll_interval)];
    if provider::offers(provider, Capability::Domains) {
        let domains = Schedule::new(Fetch::Domains, timing.domain_poll_interval);
        schedules.push(domains);
    }
    if provider::offers(provider, Capability::Tickets) {
        let all = Fetch::Tickets(TicketScope::All);
        schedules.push(Schedule::new(all, timing.all_tickets_interval));
        // The full list runs at once; the open ones from the next poll on.
        let mut open = Schedule::new(
            Fetch::Tickets(TicketScope::OpenOrUnread),
            timing.poll_interval,
        );
        open.next = Some(Instant::now() + timing.poll_interval);
        schedules.push(open);
    }
    schedules
}

/// Starts the worker of one account on the current tokio runtime.
pub fn spawn(
    provider: Arc<dyn Provider>,
    events: UnboundedSender<Event>,
    audit: Option<AuditLog>,
    timing: WorkerTiming,
) -> WorkerHandle {
    let (tx, rx) = unbounded_channel();
    let worker = Worker {
        schedules: schedules(provider.as_ref(), &timing),
        provider,
        events,
        audit,
        timing,
        own: tx.clone(),
        running: HashSet::new(),
        again: HashSet::new(),
    };
    tokio::spawn(worker.run(rx));
    WorkerHandle { tx }
}

struct Worker {
    provider: Arc<dyn Provider>,
    events: UnboundedSender<Event>,
    audit: Option<AuditLog>,
    timing: WorkerTiming,
    own: UnboundedSender<Request>,
    schedules: Vec<Schedule>,
    /// Fetches in flight.
    running: HashSet<Fetch>,
    /// Fetches asked for while running: run once more after.
    again: HashSet<Fetch>,
}

impl Worker {
    async fn run(mut self, mut rx: UnboundedReceiver<Request>) {
        loop {
            let due = self.schedules.iter().filter_map(|s| s.next).min();
            let request = tokio::select! {
                request = rx.recv() => request,
                _ = sleep_until_some(due) => self.due_fetch().map(Request::Fetch),
            };
            let Some(request) = request else { break };
            self.handle(request);
        }
    }

    /// The scheduled fetch whose time has come.
    fn due_fetch(&self) -> Option<Fetch> {
        let now = Instant::now();
        self.schedules
            .iter()
            .filter(|s| s.next.is_some_and(|at| at <= now))
            .min_by_key(|s| s.next)
            .map(|s| s.fetch.clone())
    }

    fn handle(&mut self, request: Request) {
        match request {
            Request::Fetch(fetch) => self.start_fetch(fetch),
            Request::Done { fetch, outcome } => self.fetch_done(fetch, outcome),
            Request::Send(job) => self.start_job(*job),
        }
    }

    /// The one spawn path of every fetch.
    fn start_fetch(&mut self, fetch: Fetch) {
        if let Some(schedule) = self.schedules.iter_mut().find(|s| s.fetch == fetch) {
            schedule.next = None;
        }
        if self.running.contains(&fetch) {
            self.again.insert(fetch);
            return;
        }
        self.running.insert(fetch.clone());
        let provider = self.provider.clone();
        let events = self.events.clone();
        let own = self.own.clone();
        tokio::spawn(async move {
            let started = std::time::Instant::now();
            let result = provider::fetch(provider.as_ref(), &fetch).await;
            let outcome = match &result {
                Ok(_) => Ok(()),
                Err(error) => Err(error.retry_after),
            };
            let _ = events.send(Event::Fetched {
                account: provider.account().to_string(),
                fetch: fetch.clone(),
                at: now_millis(),
                latency_ms: started.elapsed().as_millis() as u64,
                result,
            });
            let _ = own.send(Request::Done { fetch, outcome });
        });
    }

    fn fetch_done(&mut self, fetch: Fetch, outcome: Result<(), Option<Duration>>) {
        self.running.remove(&fetch);
        if let Some(schedule) = self.schedules.iter_mut().find(|s| s.fetch == fetch) {
            let retry_after = outcome.err().flatten();
            schedule.failures = match outcome {
                Ok(()) => 0,
                Err(_) => schedule.failures.saturating_add(1),
            };
            schedule.next = Some(Instant::now() + schedule.delay(retry_after));
        }
        if self.again.remove(&fetch) {
            self.start_fetch(fetch);
        }
    }

    fn start_job(&self, job: Job) {
        let provider = self.provider.clone();
        let events = self.events.clone();
        let audit = self.audit.clone();
        let poll = self.timing.job_poll_interval;
        tokio::spawn(async move {
            let id = job.id;
            run_job(
                provider.as_ref(),
                &job,
                audit.as_ref(),
                "tui",
                poll,
                |state, handle| {
                    let _ = events.send(Event::Job {
                        id,
                        state,
                        handle,
                        at: now_millis(),
                    });
                },
            )
            .await;
        });
    }
}

/// Sleeps until `at`, or forever when there is no time set.
async fn sleep_until_some(at: Option<Instant>) {
    match at {
        Some(at) => sleep_until(at).await,
        None => std::future::pending().await,
    }
}

/// Runs one job to its end: audit line, one send (never retried), then
/// polling a queued request until it succeeds or fails, then the outcome
/// audit line. `report` sees every state change. Shared by the TUI worker
/// and the headless `act` command.
pub async fn run_job(
    provider: &dyn Provider,
    job: &Job,
    audit: Option<&AuditLog>,
    origin: &str,
    poll_every: Duration,
    mut report: impl FnMut(JobState, Option<String>),
) -> JobState {
    audit_job(audit, job, AuditEvent::Sent, None, origin);
    report(JobState::Sent, None);
    let outcome = match execute(provider, &job.command, &job.target).await {
        Err(error) => JobState::Failed(error.to_string()),
        Ok(Submitted::Done(note)) => JobState::Succeeded(note),
        Ok(Submitted::Queued { handle }) => match provider.queue() {
            Some(queue) => {
                report(JobState::Running(None), Some(handle.clone()));
                follow_request(queue, &handle, poll_every, &mut report).await
            }
            None => JobState::Failed(format!(
                "{}: the command was queued as request {handle}, but {} offers no queue to follow it; check the object before sending it again",
                provider.account(),
                provider.kind()
            )),
        },
    };
    audit_job(audit, job, AuditEvent::Outcome, Some(&outcome), origin);
    report(outcome.clone(), None);
    outcome
}

async fn follow_request(
    queue: &dyn QueueApi,
    handle: &str,
    poll_every: Duration,
    report: &mut impl FnMut(JobState, Option<String>),
) -> JobState {
    let deadline = Instant::now() + JOB_TIMEOUT;
    let mut failures = 0;
    let mut last_percent = None;
    let mut wait = poll_every;
    while Instant::now() < deadline {
        tokio::time::sleep(wait).await;
        wait = poll_every;
        match queue.job_status(handle).await {
            Ok(JobProgress::Succeeded(note)) => return JobState::Succeeded(note),
            Ok(JobProgress::Failed(reason)) => return JobState::Failed(reason),
            Ok(JobProgress::Running { percent, .. }) => {
                failures = 0;
                if percent != last_percent {
                    last_percent = percent;
                    report(JobState::Running(percent), None);
                }
            }
            Err(error) => {
                // A rate limit: the next status poll waits as asked.
                wait = wait.max(error.retry_after.unwrap_or_default());
                failures += 1;
                if failures >= JOB_POLL_FAILURES {
                    return JobState::Failed(format!("lost track of request {handle}: {error}"));
                }
            }
        }
    }
    JobState::Failed(format!(
        "request {handle} did not finish within {} minutes",
        JOB_TIMEOUT.as_secs() / 60
    ))
}

fn audit_job(
    audit: Option<&AuditLog>,
    job: &Job,
    event: AuditEvent,
    outcome: Option<&JobState>,
    origin: &str,
) {
    let Some(audit) = audit else { return };
    let mut entry = AuditEntry::new(
        event,
        &job.target.account,
        &job.target_name,
        job.command.cli_name(),
        origin,
    );
    entry.job_id = Some(job.id);
    entry.args = job.command.audit_detail();
    if let Some(state) = outcome {
        entry.outcome = Some(state.label());
        entry.detail = match state {
            JobState::Succeeded(note) | JobState::Failed(note) if !note.is_empty() => {
                Some(note.clone())
            }
            _ => None,
        };
    }
    if let Err(error) = audit.record(&entry) {
        tracing::error!("audit log write failed: {error}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failing(failures: u32) -> Schedule {
        let mut schedule = Schedule::new(Fetch::Inventory, Duration::from_secs(30));
        schedule.failures = failures;
        schedule
    }

    #[test]
    fn a_failing_poll_waits_at_most_two_intervals() {
        let interval = Duration::from_secs(30);
        for failures in [1, 2, 5, 30, u32::MAX] {
            let delay = failing(failures).delay(None);
            assert!(delay <= interval * 2, "{failures}: {delay:?}");
            assert!(delay >= interval.mul_f64(1.8), "{failures}: {delay:?}");
        }
        let fine = failing(0).delay(None);
        assert!(fine >= interval.mul_f64(0.95) && fine <= interval.mul_f64(1.05));
    }

    /// A queue that is rate limited once, asking for `wait`, then done;
    /// it notes when each status poll came.
    struct LimitedOnce {
        wait: Duration,
        polls: std::sync::Mutex<Vec<Instant>>,
    }

    impl QueueApi for LimitedOnce {
        fn job_status(&self, _handle: &str) -> provider::BoxFut<'_, provider::Result<JobProgress>> {
            let mut polls = self.polls.lock().expect("polls");
            polls.push(Instant::now());
            let answer = if polls.len() == 1 {
                let mut limited = provider::ProviderError::new(
                    "a",
                    "status",
                    provider::ErrorKind::RateLimited,
                    "rate limited",
                );
                limited.retry_after = Some(self.wait);
                Err(limited)
            } else {
                Ok(JobProgress::Succeeded("done".into()))
            };
            Box::pin(std::future::ready(answer))
        }
    }

    #[tokio::test]
    async fn a_rate_limited_status_poll_waits_as_asked() {
        let queue = LimitedOnce {
            wait: Duration::from_millis(300),
            polls: std::sync::Mutex::new(Vec::new()),
        };
        let poll_every = Duration::from_millis(5);
        let end = follow_request(&queue, "r1", poll_every, &mut |_, _| {}).await;
        assert_eq!(end, JobState::Succeeded("done".into()));
        let polls = queue.polls.lock().expect("polls").clone();
        assert_eq!(polls.len(), 2);
        assert!(
            polls[1] - polls[0] >= queue.wait,
            "{:?}",
            polls[1] - polls[0]
        );
    }

    #[test]
    fn a_retry_after_pushes_the_next_poll_later_never_sooner() {
        let wait = Duration::from_secs(600);
        assert_eq!(failing(1).delay(Some(wait)), wait);
        let short = failing(1).delay(Some(Duration::from_secs(1)));
        assert!(short >= Duration::from_secs(54), "{short:?}");
    }
}
