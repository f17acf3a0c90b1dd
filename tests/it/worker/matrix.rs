//! The fault matrix: every fault of the simulators against every provider,
//! each cell run over loopback by the real workers feeding the store. A
//! cell runs two accounts of one provider kind side by side, one faulted
//! and one healthy, and proves: no panic; the faulted account's last good
//! data stays, marked stale; its health names the cause; the healthy
//! account keeps refreshing on time; the faulted one recovers by itself
//! within two polls once the fault clears; and the one command sent
//! during the fault reached the simulator once, never again.
//!
//! The 24 cells run at once on one runtime; the test prints the matrix
//! (README, "Fault matrix") and fails with every failed cell's reason.

use hostdeck::app::event::Event;
use hostdeck::app::store::Store;
use hostdeck::app::worker::{self, Request, WorkerHandle, WorkerTiming};
use hostdeck::model::{now_millis, Action, Command, HealthState, Job, JobState};
use hostdeck::model::{ObjectKind, ProviderKind, Ref};
use hostdeck::provider::http::Timeouts;
use hostdeck::provider::{ErrorKind, Fetch, Provider, TicketScope};
use hostdeck::setup::{build_account, demo_config, Account};
use hostdeck::sim::{self, Faults, SimOptions, SimServer};
use std::time::Duration;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};
use tokio::time::Instant;

/// The poll interval of both accounts of a cell.
const POLL: Duration = Duration::from_secs(1);
/// The faulted account's timeouts, shrunk so a cell takes seconds, with
/// room for a loaded machine once the fault is gone.
const TIMEOUTS: Timeouts = Timeouts {
    connect: Duration::from_secs(1),
    request: Duration::from_secs(2),
};
/// Latency injected past the request timeout.
const LATENCY_MS: u64 = 4000;
/// The wait a rate-limited answer asks for.
const RETRY_AFTER_SECS: u64 = 1;
/// The longest gap between two refreshes of the healthy account that
/// still counts as on time (generous: the machine is shared).
const MAX_HEALTHY_GAP: Duration = Duration::from_secs(5);
/// How long any phase of a cell may take before the cell fails.
const PHASE_LIMIT: Duration = Duration::from_secs(60);
/// The text of the ticket reply a cell sends during the fault.
const REPLY: &str = "fault-matrix-reply";

const FAULTED: &str = "faulted";
const HEALTHY: &str = "healthy";

/// The faults of the matrix's rows.
#[derive(Clone, Copy, Debug)]
enum Fault {
    Latency,
    ServerError,
    Malformed,
    Expired,
    Dropped,
    RateLimited,
}

impl Fault {
    const ALL: [Fault; 6] = [
        Fault::Latency,
        Fault::ServerError,
        Fault::Malformed,
        Fault::Expired,
        Fault::Dropped,
        Fault::RateLimited,
    ];

    fn name(self) -> &'static str {
        match self {
            Fault::Latency => "latency past the timeout",
            Fault::ServerError => "HTTP 503",
            Fault::Malformed => "malformed body",
            Fault::Expired => "expired session or token",
            Fault::Dropped => "connection dropped mid-body",
            Fault::RateLimited => "rate limit (429, Retry-After)",
        }
    }

    /// The simulator's faults for this row. An expired session is every
    /// session dropped at once and every call refused with 401 while the
    /// fault lasts, so no renewal can hide it.
    fn faults(self) -> Faults {
        let mut faults = Faults::default();
        match self {
            Fault::Latency => faults.latency_ms = LATENCY_MS,
            Fault::ServerError => faults.http_status = Some(503),
            Fault::Malformed => faults.malformed_body = true,
            Fault::Expired => {
                faults.expire_sessions = true;
                faults.http_status = Some(401);
            }
            Fault::Dropped => faults.drop_mid_body = true,
            Fault::RateLimited => faults.rate_limit = Some(RETRY_AFTER_SECS),
        }
        faults
    }

    /// What the account's last error must say, when the row's cause has
    /// the same words for every provider.
    fn cause(self) -> Option<String> {
        match self {
            Fault::Latency => Some(format!("no answer within {}s", TIMEOUTS.request.as_secs())),
            Fault::ServerError => Some("503".into()),
            Fault::Dropped => Some("connection dropped".into()),
            Fault::RateLimited => Some(format!(
                "rate limited by the provider; retry after {RETRY_AFTER_SECS} s"
            )),
            Fault::Malformed | Fault::Expired => None,
        }
    }
}

/// One command sent during the fault, and the text that finds it among
/// the requests the simulator logged.
struct Mutation {
    job: Job,
    marker: String,
}

/// The command a cell sends: a reboot where the provider has power
/// actions, else a ticket closed (i3D: its reply reads the ticket first,
/// so under a fault it would never be sent) or replied to (HostBill).
async fn mutation(kind: ProviderKind, provider: &dyn Provider, store: &Store) -> Mutation {
    let (target, target_name, command, marker) = match kind {
        ProviderKind::Clc | ProviderKind::Controlepaneel => {
            let server = store
                .state()
                .servers()
                .iter()
                .find(|s| s.account == FAULTED && s.supports(Action::Reboot))
                .expect("a server that reboots");
            let marker = match kind {
                ProviderKind::Clc => "RebootServer",
                _ => "trigger_reboot",
            };
            let command = Command::Power(Action::Reboot);
            (
                server.reference(),
                server.name.clone(),
                command,
                marker.into(),
            )
        }
        ProviderKind::I3d | ProviderKind::Hostbill => {
            let tickets = provider.tickets().expect("tickets");
            let list = tickets.tickets(TicketScope::All).await.expect("tickets");
            let ticket = list.tickets.first().expect("a ticket");
            let target = Ref::new(FAULTED, ObjectKind::Ticket, ticket.id.clone());
            let (command, marker) = match kind {
                ProviderKind::I3d => (
                    Command::CloseTicket,
                    format!("/tickets/{}/close", ticket.id),
                ),
                _ => (Command::ReplyTicket { body: REPLY.into() }, REPLY.into()),
            };
            (target, ticket.subject.clone(), command, marker)
        }
    };
    let at = now_millis();
    let job = Job {
        id: 1,
        target,
        target_name,
        command,
        state: JobState::Queued,
        created_at: at,
        updated_at: at,
        provider_handle: None,
    };
    Mutation { job, marker }
}

/// One cell's two accounts, their workers and the store they feed.
struct Rig {
    store: Store,
    events: UnboundedReceiver<Event>,
    worker: WorkerHandle,
    _healthy_worker: WorkerHandle,
    /// Every inventory refresh that ended: account, when, whether it worked.
    refreshes: Vec<(String, Instant, bool)>,
    /// The command's last state, once it finished.
    job: Option<JobState>,
}

impl Rig {
    fn start(faulted: &Account, healthy: &Account) -> Rig {
        let (tx, events) = unbounded_channel();
        let timing = WorkerTiming {
            poll_interval: POLL,
            domain_poll_interval: Duration::from_secs(3600),
            all_tickets_interval: Duration::from_secs(3600),
            job_poll_interval: Duration::from_millis(50),
        };
        let spawn = |a: &Account| worker::spawn(a.provider.clone(), tx.clone(), None, timing);
        Rig {
            store: Store::new(vec![faulted.info(), healthy.info()], false),
            worker: spawn(faulted),
            _healthy_worker: spawn(healthy),
            events,
            refreshes: Vec::new(),
            job: None,
        }
    }

    /// Applies events until `done` holds; fails after [`PHASE_LIMIT`].
    async fn until(&mut self, what: &str, done: impl Fn(&Rig) -> bool) -> Result<(), String> {
        let deadline = Instant::now() + PHASE_LIMIT;
        while !done(self) {
            let event = tokio::time::timeout_at(deadline, self.events.recv())
                .await
                .map_err(|_| format!("{what}: not within {}s", PHASE_LIMIT.as_secs()))?
                .ok_or("the workers stopped")?;
            self.record(&event);
            self.store.apply(event);
        }
        Ok(())
    }

    fn record(&mut self, event: &Event) {
        match event {
            Event::Fetched {
                account,
                fetch: Fetch::Inventory,
                result,
                ..
            } => self
                .refreshes
                .push((account.clone(), Instant::now(), result.is_ok())),
            Event::Job { state, .. } if state.is_finished() => self.job = Some(state.clone()),
            _ => {}
        }
    }

    /// When the refreshes of `account` since `since` ended, and how.
    fn refreshes_of(&self, account: &str, since: Instant) -> Vec<(Instant, bool)> {
        self.refreshes
            .iter()
            .filter(|(a, at, _)| a == account && *at >= since)
            .map(|(_, at, ok)| (*at, *ok))
            .collect()
    }

    fn health(&self, account: &str) -> (HealthState, Option<String>) {
        let info = self.store.state().account(account).expect("account");
        (info.health.state, info.health.last_error.clone())
    }

    fn servers_of(&self, account: &str) -> usize {
        let servers = self.store.state().servers();
        servers.iter().filter(|s| s.account == account).count()
    }
}

/// Whether the UI dims the account's rows as old, by its own rule.
fn is_stale(rig: &Rig, account: &str) -> bool {
    hostdeck::ui::table::is_unhealthy(rig.store.state(), account)
}

/// An account of the simulator's demo config, renamed, with `timeouts`.
fn account(sim: &SimServer, name: &str, timeouts: Timeouts) -> Account {
    let mut config = demo_config(std::slice::from_ref(sim))
        .accounts
        .pop()
        .expect("a demo account");
    config.name = name.into();
    config.timeouts = timeouts;
    build_account(config).expect("account")
}

async fn simulator(kind: ProviderKind) -> SimServer {
    let options = SimOptions {
        scale: 6,
        queue_step: Duration::from_millis(20),
        ..SimOptions::default()
    };
    sim::start(kind, options).await.expect("simulator")
}

/// What a cell saw: the faulted account's health during the fault, the
/// command's outcome, the longest wait of the healthy account between
/// two refreshes, and how long recovery took once the fault cleared.
struct Seen {
    health: String,
    job: String,
    longest_gap: Duration,
    recovered_in: Duration,
}

/// A cell under way: the faulted simulator, the faulted account and the rig.
struct Cell {
    fault: Fault,
    sim: SimServer,
    _healthy_sim: SimServer,
    faulted: Account,
    rig: Rig,
}

impl Cell {
    /// Both accounts started and refreshed once.
    async fn start(fault: Fault, kind: ProviderKind) -> Result<Cell, String> {
        let (sim, healthy_sim) = (simulator(kind).await, simulator(kind).await);
        let faulted = account(&sim, FAULTED, TIMEOUTS);
        let healthy = account(&healthy_sim, HEALTHY, Timeouts::default());
        let mut rig = Rig::start(&faulted, &healthy);
        let start = Instant::now();
        rig.until("first refresh of both accounts", |r| {
            let refreshed = |a: &str| r.refreshes_of(a, start).iter().any(|(_, ok)| *ok);
            refreshed(FAULTED) && refreshed(HEALTHY)
        })
        .await?;
        Ok(Cell {
            fault,
            sim,
            _healthy_sim: healthy_sim,
            faulted,
            rig,
        })
    }

    /// Injects the fault and sends the command; checks what the user
    /// sees once a refresh failed and the command ended.
    async fn fault(&mut self, command: Job) -> Result<(String, String), String> {
        let servers = self.rig.servers_of(FAULTED);
        self.sim.faults.set(self.fault.faults());
        let since = Instant::now();
        self.rig.worker.send(Request::Send(Box::new(command)));
        self.rig
            .until(
                "a failed refresh, the command's end, two healthy refreshes",
                |r| {
                    let failed = r.refreshes_of(FAULTED, since).iter().any(|(_, ok)| !ok);
                    let healthy = r.refreshes_of(HEALTHY, since);
                    failed && r.job.is_some() && healthy.iter().filter(|(_, ok)| *ok).count() >= 2
                },
            )
            .await?;
        let (state, error) = self.rig.health(FAULTED);
        let error = error.unwrap_or_default();
        let seen = format!("{}: {error}", state.label());
        check(is_stale(&self.rig, FAULTED), || {
            format!("not marked stale: {seen}")
        })?;
        check(error.starts_with("faulted: "), || {
            format!("the error does not name the account: {seen}")
        })?;
        if let Some(cause) = self.fault.cause() {
            check(error.contains(&cause), || {
                format!("no `{cause}` in: {seen}")
            })?;
        }
        let kept = self.rig.servers_of(FAULTED);
        check(kept == servers, || {
            format!("last good data lost: {kept} of {servers} servers")
        })?;
        let job = match &self.rig.job {
            Some(JobState::Failed(why)) => format!("failed: {why}"),
            Some(JobState::Succeeded(note)) => format!("succeeded: {note}"),
            other => format!("{other:?}"),
        };
        Ok((seen, job))
    }

    /// Clears the fault; the account must be back by the first or second
    /// refresh after (one may have been under way; the next poll comes
    /// within two intervals).
    async fn recover(&mut self) -> Result<Duration, String> {
        self.sim.faults.set(Faults::default());
        let cleared = Instant::now();
        self.rig
            .until("recovery after the fault cleared", |r| {
                r.refreshes_of(FAULTED, cleared).iter().any(|(_, ok)| *ok)
            })
            .await?;
        let recovered_in = cleared.elapsed();
        let tries = self.rig.refreshes_of(FAULTED, cleared).len();
        check(tries <= 2, || {
            format!("recovered only on refresh {tries} after the fault")
        })?;
        check(!is_stale(&self.rig, FAULTED), || {
            "still stale after recovery".into()
        })?;
        Ok(recovered_in)
    }
}

/// Runs one cell; what it saw, or why it failed.
async fn run_cell(fault: Fault, kind: ProviderKind) -> Result<Seen, String> {
    let mut cell = Cell::start(fault, kind).await?;
    let sent = mutation(kind, cell.faulted.provider.as_ref(), &cell.rig.store).await;
    let since = Instant::now();
    let (health, job) = cell.fault(sent.job).await?;
    let recovered_in = cell.recover().await?;
    let longest_gap = check_healthy_on_time(&cell.rig, since)?;
    let arrived = cell.sim.faults.requests_holding(&[sent.marker.as_str()]);
    check(arrived == 1, || {
        format!("the command reached the simulator {arrived} times, not once")
    })?;
    Ok(Seen {
        health,
        job,
        longest_gap,
        recovered_in,
    })
}

/// Every gap between two refreshes of the healthy account since `since`
/// is short: the faulted one never held it up. Returns the longest.
fn check_healthy_on_time(rig: &Rig, since: Instant) -> Result<Duration, String> {
    let refreshes = rig.refreshes_of(HEALTHY, since);
    check(refreshes.iter().all(|(_, ok)| *ok), || {
        "the healthy account failed a refresh".into()
    })?;
    let times: Vec<Instant> = refreshes.iter().map(|(at, _)| *at).collect();
    let longest = times
        .windows(2)
        .map(|w| w[1] - w[0])
        .max()
        .unwrap_or_default();
    check(longest <= MAX_HEALTHY_GAP, || {
        format!("the healthy account waited {longest:?} between refreshes")
    })?;
    Ok(longest)
}

fn check(holds: bool, why: impl FnOnce() -> String) -> Result<(), String> {
    if holds {
        Ok(())
    } else {
        Err(why())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_of_every_provider_degrades_keeps_data_and_recovers() {
    let cells: Vec<(Fault, ProviderKind)> = Fault::ALL
        .into_iter()
        .flat_map(|fault| ProviderKind::ALL.map(|kind| (fault, kind)))
        .collect();
    let runs = cells
        .iter()
        .map(|&(fault, kind)| tokio::spawn(run_cell(fault, kind)));
    let results = futures::future::join_all(runs).await;
    let mut failed = Vec::new();
    println!("| fault | provider | health during the fault | command | healthy gap | back in |");
    println!("|---|---|---|---|---|---|");
    for ((fault, kind), result) in cells.iter().zip(results) {
        let outcome = result.unwrap_or_else(|panic| Err(format!("panicked: {panic}")));
        match &outcome {
            Ok(seen) => println!(
                "| {} | {kind} | pass: {} | {} | {:.1?} | {:.1?} |",
                fault.name(),
                seen.health,
                seen.job,
                seen.longest_gap,
                seen.recovered_in
            ),
            Err(why) => {
                println!("| {} | {kind} | FAIL: {why} | | | |", fault.name());
                failed.push(format!("{} × {kind}: {why}", fault.name()));
            }
        }
    }
    assert!(failed.is_empty(), "failed cells:\n{}", failed.join("\n"));
}

/// A 429 is not retried at once: every call of the read went out once,
/// and the error carries the wait for the worker's next poll.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rate_limited_read_is_sent_once_and_names_the_wait() {
    for kind in ProviderKind::ALL {
        let sim = simulator(kind).await;
        let faulted = account(&sim, FAULTED, TIMEOUTS);
        sim.faults.set(Faults {
            rate_limit: Some(7),
            ..Faults::default()
        });
        let error = hostdeck::provider::fetch(faulted.provider.as_ref(), &Fetch::Inventory)
            .await
            .expect_err("rate limited");
        assert_eq!(error.kind, ErrorKind::RateLimited, "{kind}: {error}");
        assert_eq!(error.retry_after, Some(Duration::from_secs(7)), "{kind}");
        let message = error.to_string();
        assert!(
            message.starts_with("faulted: ")
                && message.ends_with("rate limited by the provider; retry after 7 s"),
            "{kind}: {message}"
        );
        let sent = sim.faults.requests();
        let once: std::collections::HashSet<&String> = sent.iter().collect();
        assert!(!sent.is_empty(), "{kind}: nothing sent");
        assert_eq!(
            once.len(),
            sent.len(),
            "{kind}: a call sent twice: {sent:?}"
        );
    }
}
