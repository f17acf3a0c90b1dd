//! The app core against a live simulator: the real worker, the real CLC
//! provider over loopback HTTP, and the store. Each injected fault turns
//! the account degraded while its last good data stays, and it recovers.

mod matrix;

use crate::support::events;
use hostdeck::app::event::{Effect, Event};
use hostdeck::app::intent::Intent;
use hostdeck::app::store::Store;
use hostdeck::app::worker::{self, Request, WorkerHandle, WorkerTiming};
use hostdeck::audit::AuditLog;
use hostdeck::model::{AccountInfo, ProviderKind};
use hostdeck::model::{Action, HealthState, JobState, PowerState};
use hostdeck::provider::clc::{ClcProvider, ClcSettings, WireFormat, FULL_READ_EVERY};
use hostdeck::provider::Fetch;
use hostdeck::secret::Secret;
use hostdeck::sim::{start_clc, Faults, SimOptions, SimServer};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};

const ACCOUNT: &str = "clc-sim";

async fn sim() -> SimServer {
    start_clc(SimOptions {
        scale: 12,
        queue_step: Duration::from_millis(20),
        ..SimOptions::default()
    })
    .await
    .expect("simulator")
}

fn provider(sim: &SimServer, password: &str) -> ClcProvider {
    ClcProvider::new(ClcSettings {
        account: ACCOUNT.into(),
        timeouts: Default::default(),
        base_url: sim.base_url.clone(),
        api_key: Secret::new(sim.credential("api_key").expect("key")),
        password: Secret::new(password),
        account_alias: None,
        hierarchy: false,
        format: WireFormat::Json,
        full_read_every: FULL_READ_EVERY,
    })
    .expect("provider")
}

struct Rig {
    store: Store,
    worker: WorkerHandle,
    events: UnboundedReceiver<Event>,
}

impl Rig {
    fn start(provider: ClcProvider, audit: Option<AuditLog>) -> Rig {
        let (tx, events) = unbounded_channel();
        let timing = WorkerTiming {
            domain_poll_interval: Duration::from_secs(3600),
            poll_interval: Duration::from_secs(3600),
            job_poll_interval: Duration::from_millis(20),
            ..WorkerTiming::default()
        };
        let worker = worker::spawn(Arc::new(provider), tx, audit, timing);
        let store = Store::new(
            vec![AccountInfo::new(ACCOUNT, ProviderKind::Clc, false)],
            false,
        );
        Rig {
            store,
            worker,
            events,
        }
    }

    /// Applies events until one matches; returns the effects of that one.
    async fn until(&mut self, wanted: impl Fn(&Event) -> bool) -> Vec<Effect> {
        loop {
            let event = tokio::time::timeout(Duration::from_secs(20), self.events.recv())
                .await
                .expect("an event within 20s")
                .expect("worker alive");
            let hit = wanted(&event);
            let effects = self.store.apply(event);
            if hit {
                return effects;
            }
        }
    }

    /// Forwards the effects a worker handles, as the runtime does.
    fn carry(&self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Send(job) => self.worker.send(Request::Send(Box::new(job))),
                Effect::Fetch(_, fetch) => self.worker.send(Request::Fetch(fetch)),
                _ => {}
            }
        }
    }

    async fn refresh(&mut self) {
        self.worker.send(Request::Fetch(Fetch::Inventory));
        self.refreshed().await;
    }

    /// Applies events until an inventory refresh ended.
    async fn refreshed(&mut self) {
        self.until(|e| {
            matches!(
                e,
                Event::Fetched {
                    fetch: Fetch::Inventory,
                    ..
                }
            )
        })
        .await;
    }

    /// The account's last error; there must be one.
    fn last_error(&self) -> String {
        let account = self.store.state().account(ACCOUNT).expect("account");
        account.health.last_error.clone().expect("an error")
    }

    fn health(&self) -> HealthState {
        self.store
            .state()
            .account(ACCOUNT)
            .expect("account")
            .health
            .state
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_fault_degrades_keeps_data_and_recovers() {
    let sim = sim().await;
    let mut rig = Rig::start(
        provider(&sim, sim.credential("password").expect("pw")),
        None,
    );
    rig.refreshed().await; // the first poll runs at once
    assert_eq!(rig.health(), HealthState::Ok);
    let count = rig.store.state().servers().len();
    assert!(count >= 10, "servers listed: {count}");

    let faults = [
        (
            "http 503",
            Faults {
                http_status: Some(503),
                ..Faults::default()
            },
        ),
        (
            "malformed body",
            Faults {
                malformed_body: true,
                ..Faults::default()
            },
        ),
        (
            "dropped mid-body",
            Faults {
                drop_mid_body: true,
                ..Faults::default()
            },
        ),
        (
            "api error rate 1.0",
            Faults {
                error_rate: 1.0,
                ..Faults::default()
            },
        ),
    ];
    for (name, fault) in faults {
        sim.faults.set(fault);
        rig.refresh().await;
        assert_eq!(rig.health(), HealthState::Degraded, "{name}");
        let error = rig.last_error();
        assert!(
            error.starts_with("clc-sim: "),
            "{name}: the error names the account: {error}"
        );
        assert_eq!(
            rig.store.state().servers().len(),
            count,
            "{name}: last good data stays"
        );
        sim.faults.set(Faults::default());
        rig.refresh().await;
        assert_eq!(rig.health(), HealthState::Ok, "{name}: recovers");
    }

    // A poll between full reads is two calls in a row (locations, then
    // the changed servers): with 2 s added to each, it takes at least 4 s.
    sim.faults.set(Faults {
        latency_ms: 2000,
        ..Faults::default()
    });
    rig.refresh().await;
    assert_eq!(
        rig.health(),
        HealthState::Slow,
        "added latency marks the account slow"
    );
    assert_eq!(rig.store.state().servers().len(), count);
    sim.faults.set(Faults::default());
    rig.refresh().await;
    assert_eq!(rig.health(), HealthState::Ok, "latency gone: ok again");

    sim.faults.set(Faults {
        expire_sessions: true,
        ..Faults::default()
    });
    rig.refresh().await;
    assert_eq!(
        rig.health(),
        HealthState::Ok,
        "an expired session is renewed for reads"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_credentials_mark_auth_failed() {
    let sim = sim().await;
    let mut rig = Rig::start(provider(&sim, "wrong-password"), None);
    rig.refreshed().await;
    assert_eq!(rig.health(), HealthState::AuthFailed);
    let error = rig.last_error();
    assert!(
        !error.contains("wrong-password"),
        "no secret in errors: {error}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_runs_through_the_queue_is_audited_and_refreshes_the_server() {
    let sim = sim().await;
    let dir = std::env::temp_dir().join(format!("hostdeck-resilience-{}", std::process::id()));
    let audit_path = dir.join("audit.jsonl");
    let audit = AuditLog::open(&audit_path).expect("audit log");
    let mut rig = Rig::start(
        provider(&sim, sim.credential("password").expect("pw")),
        Some(audit),
    );
    rig.refreshed().await;
    let target = rig
        .store
        .state()
        .servers()
        .iter()
        .find(|s| s.power == PowerState::On && s.supports(Action::PowerOff))
        .expect("a running server")
        .clone();
    // Select it with a filter, ask for power off, confirm in the dialog.
    for intent in [Intent::StartFilter]
        .into_iter()
        .chain(target.name.chars().map(Intent::InputChar))
        .chain([
            Intent::InputSubmit,
            Intent::Act(Action::PowerOff),
            Intent::FocusNext,
        ])
    {
        rig.store.apply(Event::Intent(intent));
    }
    let effects = rig.store.apply(Event::Intent(Intent::Activate));
    rig.carry(effects);
    let effects = rig
        .until(|e| {
            matches!(
                e,
                Event::Job {
                    state: JobState::Succeeded(_) | JobState::Failed(_),
                    ..
                }
            )
        })
        .await;
    assert!(matches!(
        &rig.store.state().jobs[0].state,
        JobState::Succeeded(_)
    ));
    assert!(effects.contains(&events::fetch_server(&target.reference())));
    rig.carry(effects);
    rig.until(|e| {
        matches!(
            e,
            Event::Fetched {
                fetch: Fetch::Server(_),
                ..
            }
        )
    })
    .await;
    let after = rig
        .store
        .state()
        .server(&target.reference())
        .expect("server")
        .clone();
    assert_eq!(after.power, PowerState::Off);
    assert!(after.supports(Action::PowerOn) && !after.supports(Action::PowerOff));

    let audit = std::fs::read_to_string(&audit_path).expect("audit");
    let lines: Vec<serde_json::Value> = audit
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 2, "{audit}");
    assert_eq!(lines[0]["event"], "sent");
    assert_eq!(lines[0]["action"], "power-off");
    assert_eq!(lines[0]["account"], ACCOUNT);
    assert_eq!(lines[1]["event"], "outcome");
    assert_eq!(lines[1]["outcome"], "succeeded");
    let _ = std::fs::remove_dir_all(&dir);
}
