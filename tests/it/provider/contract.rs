//! The provider contract itself: what each provider offers is the APIs it
//! hands out, and a job whose provider queued a command it cannot follow
//! fails clearly instead of hanging.

use hostdeck::app::worker::run_job;
use hostdeck::model::Server;
use hostdeck::model::{now_millis, Action, Capability, Command, Job, JobState, ProviderKind, Ref};
use hostdeck::provider::clc::{ClcProvider, ClcSettings, WireFormat, FULL_READ_EVERY};
use hostdeck::provider::controlepaneel::{
    ControlepaneelProvider, ControlepaneelSettings, HttpMethod,
};
use hostdeck::provider::hostbill::{AuthMode, HostbillProvider, HostbillSettings};
use hostdeck::provider::{
    capabilities, BoxFut, ErrorKind, Inventory, PowerApi, Provider, ProviderError, Result,
    ServerApi, Submitted,
};
use hostdeck::secret::Secret;
use std::time::Duration;

fn clc() -> ClcProvider {
    ClcProvider::new(ClcSettings {
        account: "clc-x".into(),
        timeouts: Default::default(),
        base_url: "http://127.0.0.1:9/REST/".into(),
        api_key: Secret::new("k"),
        password: Secret::new("p"),
        account_alias: None,
        hierarchy: false,
        format: WireFormat::Json,
        full_read_every: FULL_READ_EVERY,
    })
    .expect("provider")
}

fn controlepaneel() -> ControlepaneelProvider {
    ControlepaneelProvider::new(ControlepaneelSettings {
        account: "cp-x".into(),
        timeouts: Default::default(),
        base_url: "http://127.0.0.1:9/api/".into(),
        account_id: "1".into(),
        hash: Secret::new("h"),
        method: HttpMethod::Post,
    })
    .expect("provider")
}

#[test]
fn each_provider_offers_exactly_the_apis_it_has() {
    let clc = clc();
    assert_eq!(capabilities(&clc), [Capability::Telemetry]);
    assert!(Provider::power(&clc).is_some() && clc.queue().is_some());
    let cp = controlepaneel();
    assert_eq!(
        capabilities(&cp),
        [
            Capability::ReverseDns,
            Capability::Domains,
            Capability::DomainRegistry,
            Capability::Contacts,
            Capability::Colocation,
            Capability::IpRequests,
        ]
    );
    assert!(Provider::power(&cp).is_some() && cp.queue().is_none());
    assert!(
        cp.telemetry().is_none(),
        "load and amps arrive as samples instead"
    );
    assert_eq!(
        (clc.kind(), cp.kind()),
        (ProviderKind::Clc, ProviderKind::Controlepaneel)
    );
    let hb = HostbillProvider::new(HostbillSettings {
        account: "hb-x".into(),
        timeouts: Default::default(),
        base_url: "http://127.0.0.1:9/api/".into(),
        username: "ops@example.com".into(),
        password: Secret::new("p"),
        auth: AuthMode::Jwt,
        services: Vec::new(),
    })
    .expect("provider");
    assert_eq!(
        capabilities(&hb),
        [
            Capability::ReverseDns,
            Capability::Domains,
            Capability::NameserverReset,
            Capability::Tickets,
            Capability::DnsRecords,
        ]
    );
    assert!(Provider::power(&hb).is_none() && hb.registry().is_none());
}

/// Queues every power action but has no queue to follow them.
struct QueuesBlindly;

impl Provider for QueuesBlindly {
    fn account(&self) -> &str {
        "blind"
    }

    fn kind(&self) -> ProviderKind {
        ProviderKind::Hostbill
    }

    fn check(&self) -> BoxFut<'_, Result<String>> {
        Box::pin(std::future::ready(Ok(String::new())))
    }

    fn servers(&self) -> &dyn ServerApi {
        self
    }

    fn power(&self) -> Option<&dyn PowerApi> {
        Some(self)
    }
}

impl ServerApi for QueuesBlindly {
    fn inventory(&self) -> BoxFut<'_, Result<Inventory>> {
        Box::pin(std::future::ready(Ok(Inventory::default())))
    }

    fn server(&self, id: &str) -> BoxFut<'_, Result<Server>> {
        let error = ProviderError::new("blind", id, ErrorKind::Api, "not here");
        Box::pin(std::future::ready(Err(error)))
    }
}

impl PowerApi for QueuesBlindly {
    fn actions(&self) -> &'static [Action] {
        &[Action::Reboot]
    }

    fn power<'a>(&'a self, _action: Action, _id: &'a str) -> BoxFut<'a, Result<Submitted>> {
        let queued = Submitted::Queued {
            handle: "77".into(),
        };
        Box::pin(std::future::ready(Ok(queued)))
    }
}

#[tokio::test]
async fn a_queued_command_without_a_queue_fails_the_job_clearly() {
    let now = now_millis();
    let job = Job {
        id: 1,
        target: Ref::server("blind", "s1"),
        target_name: "s1".into(),
        command: Command::Power(Action::Reboot),
        state: JobState::Queued,
        created_at: now,
        updated_at: now,
        provider_handle: None,
    };
    let mut states = Vec::new();
    let outcome = run_job(
        &QueuesBlindly,
        &job,
        None,
        "test",
        Duration::from_millis(1),
        |state, _| states.push(state),
    )
    .await;
    let JobState::Failed(reason) = outcome else {
        panic!("expected a failed job, got {outcome:?}");
    };
    assert!(
        reason.contains("queued as request 77") && reason.contains("no queue to follow it"),
        "{reason}"
    );
    assert!(
        !states.iter().any(|s| matches!(s, JobState::Running(_))),
        "{states:?}"
    );
}
