//! The CLC provider against the CLC simulator over real loopback HTTP:
//! inventory (servers, groups, IPs) in JSON and XML, every power action
//! through the queue, failed jobs, session expiry for reads and for
//! mutations, bad credentials, each injected fault with recovery, and
//! refreshes that keep what arrived when one location's call fails.

use crate::support::faults::whole_answer_faults;
use hostdeck::model::{Action, PowerState, Server};
use hostdeck::provider::clc::{ClcProvider, ClcSettings, WireFormat};
use hostdeck::provider::{
    execute_power, ErrorKind, JobProgress, Provider, QueueApi, ServerApi, Submitted, TelemetryApi,
};
use hostdeck::secret::Secret;
use hostdeck::sim::{start_clc, Faults, SimOptions, SimServer, Targeted};
use serde_json::{json, Value};
use std::time::Duration;

const QUEUE_STEP: Duration = Duration::from_millis(20);

pub(super) async fn sim() -> SimServer {
    start_clc(SimOptions {
        seed: 7,
        scale: 24,
        queue_step: QUEUE_STEP,
        ..SimOptions::default()
    })
    .await
    .expect("simulator starts")
}

/// Every poll reads all servers (the tests of what one read brings);
/// `clc_delta` tests the polls that ask for changes.
pub(super) fn settings(sim: &SimServer, format: WireFormat, hierarchy: bool) -> ClcSettings {
    ClcSettings {
        account: "clc-sim".into(),
        timeouts: Default::default(),
        base_url: sim.base_url.clone(),
        api_key: Secret::new(sim.credential("api_key").expect("api_key")),
        password: Secret::new(sim.credential("password").expect("password")),
        account_alias: None,
        hierarchy,
        format,
        full_read_every: 1,
    }
}

fn provider(sim: &SimServer, format: WireFormat) -> ClcProvider {
    ClcProvider::new(settings(sim, format, false)).expect("provider")
}

/// The servers with their refresh time blanked, sorted by id, for comparing.
fn comparable(mut servers: Vec<Server>) -> Vec<Server> {
    servers.iter_mut().for_each(|s| s.fetched_at = 0);
    servers.sort_by(|a, b| a.id.cmp(&b.id));
    servers
}

/// An Active server that is powered on.
pub(super) async fn running_server(clc: &ClcProvider) -> Server {
    let inventory = clc.inventory().await.expect("inventory");
    inventory
        .servers
        .into_iter()
        .find(|s| s.status == "Active" && s.power == PowerState::On && !s.in_maintenance)
        .expect("an active running server in the fixtures")
}

/// Polls a queued request until it finishes (bounded by a number of polls,
/// not by time).
async fn finish(clc: &ClcProvider, submitted: Submitted) -> JobProgress {
    let Submitted::Queued { handle } = submitted else {
        panic!("CLC power actions are queued, got {submitted:?}");
    };
    for _ in 0..500 {
        match clc.job_status(&handle).await.expect("job status") {
            JobProgress::Running { percent, .. } => {
                assert!(percent.is_none_or(|p| p <= 100));
                tokio::time::sleep(QUEUE_STEP).await;
            }
            done => return done,
        }
    }
    panic!("request {handle} never finished");
}

/// Runs `action` on `id` to a successful end and returns the refreshed server.
pub(super) async fn act(clc: &ClcProvider, action: Action, id: &str) -> Server {
    let submitted = execute_power(clc, action, id).await.expect("submitted");
    let outcome = finish(clc, submitted).await;
    assert!(
        matches!(outcome, JobProgress::Succeeded(_)),
        "{action:?}: {outcome:?}"
    );
    clc.server(id).await.expect("server refresh")
}

/// How many requests the simulator's queue holds, read over raw HTTP with a
/// session of its own.
async fn queue_length(sim: &SimServer) -> usize {
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let logon =
        json!({"APIKey": sim.credential("api_key"), "Password": sim.credential("password")});
    let url = |path: &str| format!("{}{path}", sim.base_url);
    http.post(url("Auth/Logon/"))
        .json(&logon)
        .send()
        .await
        .expect("logon");
    let answer: Value = http
        .post(url("Queue/ListQueueRequests/JSON"))
        .json(&json!({"ItemStatusType": 1}))
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("json");
    assert_eq!(answer["StatusCode"], 0, "{answer}");
    answer["Requests"].as_array().map_or(0, Vec::len)
}

#[tokio::test]
async fn check_logs_on_and_counts_locations() {
    let sim = sim().await;
    let message = provider(&sim, WireFormat::Json)
        .check()
        .await
        .expect("check");
    assert!(message.starts_with("logged on; "), "{message}");
    assert!(message.ends_with("locations") || message.ends_with("location"));
}

#[tokio::test]
async fn inventory_has_servers_groups_and_ips() {
    let sim = sim().await;
    let clc = provider(&sim, WireFormat::Json);
    let servers = clc.inventory().await.expect("inventory").servers;
    assert!(!servers.is_empty());
    for server in &servers {
        assert_eq!(server.account, "clc-sim");
        assert_eq!(server.id, server.name);
        assert!(!server.location.is_empty(), "{}", server.id);
        assert!(!server.group.is_empty(), "{} has a group", server.id);
        assert!(!server.os.is_empty(), "{}", server.id);
        assert!(server.fetched_at > 0);
        if server.status != "Active" {
            assert!(
                server.actions.is_empty(),
                "{}: {:?}",
                server.id,
                server.actions
            );
        }
        for ip in &server.ips {
            assert_eq!(ip.server_id.as_deref(), Some(server.id.as_str()));
            assert!(["RIP", "MIP", "VIP"].contains(&ip.kind.as_str()), "{ip:?}");
        }
    }
    // Group paths are built from the parent pointers.
    assert!(
        servers.iter().any(|s| s.group.contains('/')),
        "nested groups"
    );
    // The networks tell which addresses are claimed.
    let ips: Vec<_> = servers.iter().flat_map(|s| &s.ips).collect();
    assert!(!ips.is_empty());
    assert!(ips.iter().any(|ip| ip.claimed == Some(true)));
    assert!(servers.iter().any(|s| s.primary_ip.is_some()));
    assert!(servers.iter().any(|s| s.supports(Action::Reboot)));
    // Details carry the provider's own fields.
    let first = &servers[0];
    for label in [
        "Server type",
        "Service level",
        "Hardware group UUID",
        "Modified",
    ] {
        assert!(
            first.details.iter().any(|d| d.label == label),
            "{label}: {:?}",
            first.details
        );
    }

    // One server fetched afresh equals its inventory entry.
    let fresh = clc.server(&first.id).await.expect("server");
    assert_eq!(comparable(vec![fresh]), comparable(vec![first.clone()]));
}

#[tokio::test]
async fn xml_inventory_equals_json_inventory() {
    let sim = sim().await;
    let json = provider(&sim, WireFormat::Json)
        .inventory()
        .await
        .expect("json");
    let xml = provider(&sim, WireFormat::Xml)
        .inventory()
        .await
        .expect("xml");
    assert!(!xml.servers.is_empty());
    assert_eq!(comparable(xml.servers), comparable(json.servers));
}

#[tokio::test]
async fn hierarchy_mode_adds_the_sub_accounts() {
    let sim = sim().await;
    let flat = provider(&sim, WireFormat::Json)
        .inventory()
        .await
        .expect("flat");
    let hierarchy = ClcProvider::new(settings(&sim, WireFormat::Json, true)).expect("provider");
    let all = hierarchy.inventory().await.expect("hierarchy").servers;
    assert!(
        all.len() > flat.servers.len(),
        "{} vs {}",
        all.len(),
        flat.servers.len()
    );
    let sub = all
        .iter()
        .find(|s| !flat.servers.iter().any(|f| f.id == s.id))
        .expect("a sub-account server");
    assert!(sub.details.iter().any(|d| d.label == "Account alias"));
    // Later calls address it in its own account.
    let fresh = hierarchy.server(&sub.id).await.expect("sub-account server");
    assert_eq!(fresh.id, sub.id);
    assert_eq!(fresh.group, sub.group);
}

#[tokio::test]
async fn every_power_action_runs_through_the_queue() {
    let sim = sim().await;
    let clc = provider(&sim, WireFormat::Json);
    let id = running_server(&clc).await.id;

    let steps = [
        (Action::Reboot, PowerState::On),
        (Action::Reset, PowerState::On),
        (Action::Pause, PowerState::Paused),
        (Action::PowerOn, PowerState::On),
        (Action::ShutDown, PowerState::Off),
        (Action::PowerOn, PowerState::On),
        (Action::PowerOff, PowerState::Off),
        (Action::PowerOn, PowerState::On),
    ];
    for (action, expected) in steps {
        let server = act(&clc, action, &id).await;
        assert_eq!(server.power, expected, "after {action:?}");
        let offered = server.supports(Action::PowerOn);
        assert_eq!(
            offered,
            expected != PowerState::On,
            "PowerOn offered after {action:?}"
        );
    }
    let server = act(&clc, Action::MaintenanceOn, &id).await;
    assert!(server.in_maintenance && server.supports(Action::MaintenanceOff));
    let server = act(&clc, Action::MaintenanceOff, &id).await;
    assert!(!server.in_maintenance && server.supports(Action::MaintenanceOn));
}

#[tokio::test]
async fn power_actions_work_in_xml_too() {
    let sim = sim().await;
    let clc = provider(&sim, WireFormat::Xml);
    let id = running_server(&clc).await.id;
    assert_eq!(
        act(&clc, Action::PowerOff, &id).await.power,
        PowerState::Off
    );
    assert_eq!(act(&clc, Action::PowerOn, &id).await.power, PowerState::On);
}

#[tokio::test]
async fn a_failed_job_ends_failed_and_changes_nothing() {
    let sim = sim().await;
    let clc = provider(&sim, WireFormat::Json);
    let id = running_server(&clc).await.id;
    sim.faults.set(Faults {
        fail_next_job: true,
        ..Faults::default()
    });
    let submitted = execute_power(&clc, Action::PowerOff, &id)
        .await
        .expect("submitted");
    let outcome = finish(&clc, submitted).await;
    assert!(matches!(outcome, JobProgress::Failed(_)), "{outcome:?}");
    assert_eq!(clc.server(&id).await.expect("server").power, PowerState::On);
}

#[tokio::test]
async fn reads_log_on_again_after_the_sessions_expired() {
    let sim = sim().await;
    let clc = provider(&sim, WireFormat::Json);
    let before = clc.inventory().await.expect("inventory");
    sim.faults.set(Faults {
        expire_sessions: true,
        ..Faults::default()
    });
    clc.hand_on_whole_next();
    let after = clc.inventory().await.expect("inventory after expiry");
    assert_eq!(comparable(after.servers), comparable(before.servers));
    sim.faults.set(Faults {
        expire_sessions: true,
        ..Faults::default()
    });
    let xml = provider(&sim, WireFormat::Xml);
    xml.check().await.expect("xml logon");
    sim.faults.set(Faults {
        expire_sessions: true,
        ..Faults::default()
    });
    assert!(!xml
        .inventory()
        .await
        .expect("xml after expiry")
        .servers
        .is_empty());
}

#[tokio::test]
async fn a_mutation_after_the_sessions_expired_is_not_resent() {
    let sim = sim().await;
    let clc = provider(&sim, WireFormat::Json);
    let id = running_server(&clc).await.id;
    let queued_before = queue_length(&sim).await;
    sim.faults.set(Faults {
        expire_sessions: true,
        ..Faults::default()
    });
    let err = execute_power(&clc, Action::PowerOff, &id)
        .await
        .expect_err("refused");
    assert_eq!(err.kind, ErrorKind::Api);
    assert!(err.cause.contains("NOT carried out"), "{err}");
    assert_eq!(
        queue_length(&sim).await,
        queued_before,
        "nothing was queued"
    );
    assert_eq!(clc.server(&id).await.expect("server").power, PowerState::On);
    // Logged on again: a deliberate second try goes through.
    let server = act(&clc, Action::PowerOff, &id).await;
    assert_eq!(server.power, PowerState::Off);
    assert_eq!(queue_length(&sim).await, queued_before + 1);
}

#[tokio::test]
async fn bad_credentials_are_an_auth_error() {
    let sim = sim().await;
    let mut bad = settings(&sim, WireFormat::Json, false);
    bad.password = Secret::new("wrong-password");
    let clc = ClcProvider::new(bad).expect("provider");
    let err = clc.check().await.expect_err("refused");
    assert_eq!(err.kind, ErrorKind::Auth, "{err}");
    assert!(!err.to_string().contains("wrong-password"));
    let err = clc.inventory().await.expect_err("refused");
    assert_eq!(err.kind, ErrorKind::Auth, "{err}");

    let mut bad_xml = settings(&sim, WireFormat::Xml, false);
    bad_xml.api_key = Secret::new("nobody");
    let err = ClcProvider::new(bad_xml)
        .expect("provider")
        .check()
        .await
        .expect_err("refused");
    assert_eq!(err.kind, ErrorKind::Auth, "{err}");
}

#[tokio::test]
async fn each_fault_gives_an_error_of_its_kind_and_clearing_it_recovers() {
    let sim = sim().await;
    let clc = provider(&sim, WireFormat::Json);
    let id = clc.inventory().await.expect("inventory").servers[0]
        .id
        .clone();
    let api_error = Faults {
        error_rate: 1.0,
        ..Faults::default()
    };
    let cases = whole_answer_faults()
        .into_iter()
        .chain([(api_error, ErrorKind::Api)]);
    for (faults, kind) in cases {
        sim.faults.set(faults.clone());
        let err = clc.inventory().await.expect_err("fault shows");
        assert_eq!(err.kind, kind, "{faults:?}: {err}");
        let err = clc.server(&id).await.expect_err("fault shows");
        assert_eq!(err.kind, kind, "{faults:?}: {err}");
        sim.faults.set(Faults::default());
        clc.hand_on_whole_next();
        let servers = clc.inventory().await.expect("recovered").servers;
        assert!(servers.iter().any(|s| s.id == id));
    }
}

#[tokio::test]
async fn a_mutation_hit_by_a_fault_is_not_retried() {
    let sim = sim().await;
    let clc = provider(&sim, WireFormat::Json);
    let id = running_server(&clc).await.id;
    let queued_before = queue_length(&sim).await;
    sim.faults.set(Faults {
        drop_mid_body: true,
        ..Faults::default()
    });
    let err = execute_power(&clc, Action::Reboot, &id)
        .await
        .expect_err("dropped");
    assert_eq!(err.kind, ErrorKind::Transport, "{err}");
    assert!(err.cause.contains("may have reached"), "{err}");
    sim.faults.set(Faults::default());
    // The request reached the simulator once (the answer was lost), never twice.
    assert_eq!(queue_length(&sim).await, queued_before + 1);
}

#[tokio::test]
async fn telemetry_is_the_hourly_cost() {
    let sim = sim().await;
    let clc = provider(&sim, WireFormat::Json);
    let id = running_server(&clc).await.id;
    let series = TelemetryApi::telemetry(&clc, &id).await.expect("telemetry");
    assert_eq!(series.len(), 1);
    let cost = &series[0];
    assert_eq!(
        (cost.name.as_str(), cost.unit.as_str(), cost.capacity),
        ("cost", "$/h", 168)
    );
    assert!(!cost.samples.is_empty());
    assert!(cost.values().all(|v| v >= 0.0));
    assert!(cost
        .samples
        .iter()
        .zip(cost.samples.iter().skip(1))
        .all(|(a, b)| a.at < b.at));

    let xml = TelemetryApi::telemetry(&provider(&sim, WireFormat::Xml), &id)
        .await
        .expect("xml telemetry");
    assert_eq!(xml[0].samples.len(), cost.samples.len());
}

// -- one call failing: the refresh keeps the rest ----------------------------------

#[tokio::test]
async fn one_location_without_networks_keeps_every_server_and_names_the_gap() {
    let sim = sim().await;
    let clc = provider(&sim, WireFormat::Json);
    let all = clc.inventory().await.expect("inventory");
    assert!(all.missing.is_empty(), "{:?}", all.missing);
    sim.faults.fail_only(Targeted::new([
        "Network/GetNetworks/",
        r#""Location":"UC1""#,
    ]));
    clc.hand_on_whole_next();
    let inventory = clc.inventory().await.expect("the primary list arrived");
    assert_eq!(inventory.servers.len(), all.servers.len());
    let gap = &inventory.missing;
    assert_eq!(gap.len(), 1, "{gap:?}");
    assert_eq!(gap[0].part, "networks in UC1");
    assert!(
        gap[0]
            .cause
            .starts_with("clc-sim: Network/GetNetworks UC1: StatusCode 2: "),
        "{gap:?}"
    );
    let (uc1, others): (Vec<Server>, Vec<Server>) = inventory
        .servers
        .into_iter()
        .partition(|s| s.location == "UC1");
    assert!(!uc1.is_empty() && !others.is_empty());
    for server in &uc1 {
        assert_eq!(server.missing, *gap, "{}", server.id);
        assert!(
            !server.group.is_empty(),
            "groups still arrived: {}",
            server.id
        );
    }
    assert!(others.iter().all(|s| s.missing.is_empty()), "{others:?}");
    // One server afresh carries the same gap.
    let fresh = clc.server(&uc1[0].id).await.expect("server");
    assert_eq!(fresh.missing, *gap);
}

#[tokio::test]
async fn one_location_without_its_server_list_hides_only_that_location() {
    let sim = sim().await;
    let clc = provider(&sim, WireFormat::Json);
    let all = clc.inventory().await.expect("inventory").servers;
    sim.faults.fail_only(Targeted::new([
        "Server/GetAllServers/",
        r#""Location":"GB3""#,
    ]));
    // Read as the first read is (a later one keeps GB3's servers standing:
    // see `clc_delta`).
    clc.hand_on_whole_next();
    let inventory = clc.inventory().await.expect("other locations arrived");
    let expected: Vec<&Server> = all.iter().filter(|s| s.location != "GB3").collect();
    assert!(expected.len() < all.len(), "the fixtures have GB3 servers");
    assert_eq!(inventory.servers.len(), expected.len());
    assert!(inventory.servers.iter().all(|s| s.missing.is_empty()));
    let gap = &inventory.missing;
    assert_eq!(gap.len(), 1, "{gap:?}");
    assert_eq!(gap[0].part, "servers in GB3");
    assert!(
        gap[0]
            .cause
            .starts_with("clc-sim: Server/GetAllServers GB3: StatusCode 2: "),
        "{gap:?}"
    );
    // Every location failing is the account failing.
    sim.faults
        .fail_only(Targeted::new(["Server/GetAllServers/"]));
    let error = clc.inventory().await.expect_err("no location answered");
    assert_eq!(error.kind, ErrorKind::Api, "{error}");
    assert!(
        error.operation.starts_with("Server/GetAllServers "),
        "{error}"
    );
}

#[tokio::test]
async fn failed_network_details_are_counted_once_for_the_account() {
    let sim = sim().await;
    let clc = provider(&sim, WireFormat::Json);
    sim.faults.fail_only(Targeted::new([
        "Network/GetNetworkDetails/",
        r#""Location":"WA1""#,
    ]));
    let inventory = clc.inventory().await.expect("the primary list arrived");
    let gap = &inventory.missing;
    assert_eq!(gap.len(), 1, "{gap:?}");
    assert!(gap[0].part.starts_with("details of ") && gap[0].part.contains(" network"));
    assert!(
        gap[0]
            .cause
            .starts_with("clc-sim: Network/GetNetworkDetails WA1 "),
        "{gap:?}"
    );
    for server in &inventory.servers {
        let parts: Vec<&str> = server.missing.iter().map(|m| m.part.as_str()).collect();
        let expected: &[&str] = match server.location.as_str() {
            "WA1" => &["network details in WA1"],
            _ => &[],
        };
        assert_eq!(parts, expected, "{}", server.id);
    }
}
