//! One worker task per account: it owns that account's network traffic.
//! It polls the inventory on a schedule (with jitter, and backoff while
//! unhealthy), fetches single servers and telemetry on request, and runs
//! commands as jobs. Results go back to the runtime as [`Event`]s.

use super::event::Event;
use crate::audit::{AuditEntry, AuditEvent, AuditLog};
use crate::model::{now_millis, Capability, Job, JobState, ObjectKind, Ref};
use crate::provider::{execute, not_offered, offers, JobProgress, Provider, QueueApi, Submitted};
use std::collections::hash_map::RandomState;
use std::collections::HashSet;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use tokio::time::{sleep_until, Instant};

/// The longest wait between polls while an account is failing.
pub const MAX_BACKOFF: Duration = Duration::from_secs(300);
/// How long a queued provider request is followed before giving up.
pub const JOB_TIMEOUT: Duration = Duration::from_secs(30 * 60);
/// Consecutive failed status polls before a job is declared lost.
pub const JOB_POLL_FAILURES: u32 = 5;

/// What a worker can be asked to do.
#[derive(Debug)]
pub enum Request {
    Refresh,
    RefreshServer(String),
    Telemetry(String),
    /// Fetch every domain and contact (also polled on its own schedule).
    RefreshDomains,
    RefreshDomain(String),
    DomainHistory(String),
    Colocation,
    Send(Box<Job>),
    /// Internal: a refresh task finished.
    RefreshDone {
        ok: bool,
    },
    /// Internal: a telemetry fetch finished.
    TelemetryDone(String),
    /// Internal: a domains refresh finished.
    DomainsDone,
}

/// Timing of one worker.
#[derive(Clone, Copy, Debug)]
pub struct WorkerTiming {
    pub poll_interval: Duration,
    /// Domains change rarely and cost a call per domain: polled less often.
    pub domain_poll_interval: Duration,
    pub job_poll_interval: Duration,
}

impl Default for WorkerTiming {
    fn default() -> Self {
        WorkerTiming {
            poll_interval: Duration::from_secs(30),
            domain_poll_interval: Duration::from_secs(300),
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

/// Starts the worker of one account on the current tokio runtime.
pub fn spawn(
    provider: Arc<dyn Provider>,
    events: UnboundedSender<Event>,
    audit: Option<AuditLog>,
    timing: WorkerTiming,
) -> WorkerHandle {
    let (tx, rx) = unbounded_channel();
    let worker = Worker {
        provider,
        events,
        audit,
        timing,
        own: tx.clone(),
        refresh_running: false,
        refresh_again: false,
        failures: 0,
        telemetry_running: HashSet::new(),
        domains_running: false,
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
    refresh_running: bool,
    refresh_again: bool,
    failures: u32,
    telemetry_running: HashSet<String>,
    domains_running: bool,
}

impl Worker {
    async fn run(mut self, mut rx: UnboundedReceiver<Request>) {
        let mut next_poll = Some(Instant::now());
        let has_domains = offers(self.provider.as_ref(), Capability::Domains);
        let mut next_domain_poll = has_domains.then(Instant::now);
        loop {
            let request = tokio::select! {
                request = rx.recv() => request,
                _ = sleep_until_some(next_poll) => Some(Request::Refresh),
                _ = sleep_until_some(next_domain_poll) => {
                    next_domain_poll = Some(Instant::now() + self.timing.domain_poll_interval);
                    Some(Request::RefreshDomains)
                }
            };
            let Some(request) = request else { break };
            if matches!(request, Request::Refresh) {
                next_poll = None;
            }
            if let Some(at) = self.handle(request) {
                next_poll = Some(at);
            }
        }
    }

    /// Handles one request; returns the next poll time when it changes.
    fn handle(&mut self, request: Request) -> Option<Instant> {
        match request {
            Request::Refresh => self.start_refresh(),
            Request::RefreshDone { ok } => return self.refresh_done(ok),
            Request::RefreshServer(id) => self.fetch_server(id),
            Request::Telemetry(id) => self.fetch_telemetry(id),
            Request::TelemetryDone(id) => {
                self.telemetry_running.remove(&id);
            }
            Request::RefreshDomains => self.refresh_domains(),
            Request::DomainsDone => self.domains_running = false,
            Request::RefreshDomain(id) => self.fetch_domain(id),
            Request::DomainHistory(id) => self.fetch_domain_history(id),
            Request::Colocation => self.fetch_colocation(),
            Request::Send(job) => self.start_job(*job),
        }
        None
    }

    fn refresh_domains(&mut self) {
        if std::mem::replace(&mut self.domains_running, true) {
            return;
        }
        let provider = self.provider.clone();
        let events = self.events.clone();
        let own = self.own.clone();
        tokio::spawn(async move {
            let result = match provider.domains() {
                Some(api) => api.domains().await,
                None => Err(not_offered(
                    &*provider,
                    Capability::Domains.label(),
                    "list domains",
                )),
            };
            let account = provider.account().to_string();
            let _ = events.send(Event::Domains {
                account,
                result,
                at: now_millis(),
            });
            let _ = own.send(Request::DomainsDone);
        });
    }

    fn fetch_domain(&self, id: String) {
        let provider = self.provider.clone();
        let events = self.events.clone();
        tokio::spawn(async move {
            let result = match provider.domains() {
                Some(api) => api.domain(&id).await.map(Box::new),
                None => Err(not_offered(
                    &*provider,
                    Capability::Domains.label(),
                    "get domain",
                )),
            };
            let target = Ref::new(provider.account(), ObjectKind::Domain, id);
            let _ = events.send(Event::DomainRefreshed { target, result });
        });
    }

    fn fetch_domain_history(&self, id: String) {
        let provider = self.provider.clone();
        let events = self.events.clone();
        tokio::spawn(async move {
            let result = match provider.domains() {
                Some(api) => api.history(&id).await,
                None => Err(not_offered(
                    &*provider,
                    Capability::Domains.label(),
                    "get domain history",
                )),
            };
            let target = Ref::new(provider.account(), ObjectKind::Domain, id);
            let _ = events.send(Event::DomainHistory { target, result });
        });
    }

    fn fetch_colocation(&self) {
        let provider = self.provider.clone();
        let events = self.events.clone();
        tokio::spawn(async move {
            let result = match provider.colocation() {
                Some(api) => api.colocation().await,
                None => Err(not_offered(
                    &*provider,
                    Capability::Colocation.label(),
                    "list colocation access",
                )),
            };
            let account = provider.account().to_string();
            let _ = events.send(Event::Colocation {
                account,
                result,
                at: now_millis(),
            });
        });
    }

    fn start_refresh(&mut self) {
        if self.refresh_running {
            self.refresh_again = true;
            return;
        }
        self.refresh_running = true;
        let provider = self.provider.clone();
        let events = self.events.clone();
        let own = self.own.clone();
        tokio::spawn(async move {
            let started = std::time::Instant::now();
            let result = provider.servers().inventory().await;
            let ok = result.is_ok();
            let _ = events.send(Event::Inventory {
                account: provider.account().to_string(),
                result,
                latency_ms: started.elapsed().as_millis() as u64,
                at: now_millis(),
            });
            let _ = own.send(Request::RefreshDone { ok });
        });
    }

    fn refresh_done(&mut self, ok: bool) -> Option<Instant> {
        self.refresh_running = false;
        self.failures = if ok { 0 } else { self.failures + 1 };
        if std::mem::take(&mut self.refresh_again) {
            self.start_refresh();
            return None;
        }
        Some(Instant::now() + self.next_delay())
    }

    /// The poll interval with ±10% jitter, doubled per consecutive failure.
    fn next_delay(&self) -> Duration {
        let base = self.timing.poll_interval;
        let backoff = base
            .saturating_mul(1 << self.failures.min(8))
            .min(MAX_BACKOFF.max(base));
        let jitter = RandomState::new().build_hasher().finish() % 2001;
        let factor = 0.9 + (jitter as f64) / 10_000.0;
        backoff.mul_f64(factor)
    }

    fn fetch_server(&self, id: String) {
        let provider = self.provider.clone();
        let events = self.events.clone();
        tokio::spawn(async move {
            let result = provider.servers().server(&id).await.map(Box::new);
            let target = Ref::server(provider.account(), id);
            let _ = events.send(Event::ServerRefreshed { target, result });
        });
    }

    fn fetch_telemetry(&mut self, id: String) {
        if !offers(self.provider.as_ref(), Capability::Telemetry) {
            return;
        }
        if !self.telemetry_running.insert(id.clone()) {
            return;
        }
        let provider = self.provider.clone();
        let events = self.events.clone();
        let own = self.own.clone();
        tokio::spawn(async move {
            let result = match provider.telemetry() {
                Some(api) => api.telemetry(&id).await,
                None => Err(not_offered(
                    &*provider,
                    Capability::Telemetry.label(),
                    "telemetry",
                )),
            };
            let target = Ref::server(provider.account(), id.clone());
            let _ = events.send(Event::Telemetry { target, result });
            let _ = own.send(Request::TelemetryDone(id));
        });
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
    while Instant::now() < deadline {
        tokio::time::sleep(poll_every).await;
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
