//! The CLC provider's polls that follow the changes, against the simulator
//! over loopback: the first poll reads every server, later ones only the
//! servers changed since (`GetAllServersByModifiedDates`, or its hierarchy
//! variant), every tenth reads all again, and the store merges the changes
//! into the full list.

use super::clc::{act, settings, sim};
use crate::support::events;
use hostdeck::app::store::Store;
use hostdeck::model::{AccountInfo, Action, PowerState, ProviderKind, Server};
use hostdeck::provider::clc::{ClcProvider, WireFormat, FULL_READ_EVERY};
use hostdeck::provider::{Coverage, Inventory, ServerApi};
use hostdeck::sim::{Faults, SimServer, Targeted};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::io::copy_bidirectional;
use tokio::net::{TcpListener, TcpStream};

fn provider(sim: &SimServer, format: WireFormat, hierarchy: bool) -> ClcProvider {
    let settings = settings(sim, format, hierarchy);
    ClcProvider::new(hostdeck::provider::clc::ClcSettings {
        full_read_every: FULL_READ_EVERY,
        ..settings
    })
    .expect("provider")
}

/// One poll, handed to the store as the worker would.
async fn poll(clc: &ClcProvider, store: &mut Store) -> Inventory {
    let inventory = clc.inventory().await.expect("inventory");
    store.apply(events::inventory(
        "clc-sim",
        Ok(inventory.clone()),
        10,
        1_000,
    ));
    inventory
}

fn store() -> Store {
    let account = AccountInfo::new("clc-sim", ProviderKind::Clc, false);
    Store::new(vec![account], false)
}

/// An Active running server of the full list.
fn running(servers: &[Server]) -> Server {
    let found = servers
        .iter()
        .find(|s| s.status == "Active" && s.power == PowerState::On && !s.in_maintenance);
    found.expect("an active running server").clone()
}

fn names(servers: &[Server]) -> Vec<&str> {
    servers.iter().map(|s| s.id.as_str()).collect()
}

/// First poll full; then nothing changed brings no server; a power action
/// brings exactly that server, with the enrichments of the full read; the
/// store keeps every server throughout.
async fn follows_the_changes(format: WireFormat, hierarchy: bool) {
    let sim = sim().await;
    let clc = provider(&sim, format, hierarchy);
    let mut store = store();
    let first = poll(&clc, &mut store).await;
    assert_eq!(first.coverage, Coverage::Full);
    let total = first.servers.len();
    assert!(total > 10, "{total} servers");

    let quiet = poll(&clc, &mut store).await;
    assert_eq!(quiet.coverage, Coverage::Changes);
    assert_eq!(names(&quiet.servers), Vec::<&str>::new(), "nothing changed");
    assert!(quiet.missing.is_empty(), "{:?}", quiet.missing);
    assert_eq!(store.state().servers().len(), total);

    let target = running(&first.servers);
    act(&clc, Action::PowerOff, &target.id).await;
    let changed = poll(&clc, &mut store).await;
    assert_eq!(changed.coverage, Coverage::Changes);
    assert_eq!(names(&changed.servers), [target.id.as_str()]);
    let now = &changed.servers[0];
    assert_eq!(now.power, PowerState::Off);
    assert_eq!(
        (&now.group, &now.ips),
        (&target.group, &target.ips),
        "the enrichments of the full read stay"
    );
    assert!(now.missing.is_empty(), "{:?}", now.missing);

    let state = store.state();
    assert_eq!(state.servers().len(), total, "the store keeps every server");
    let stored = state.servers().iter().find(|s| s.id == target.id);
    assert_eq!(stored.map(|s| s.power.clone()), Some(PowerState::Off));
    let untouched = first.servers.iter().find(|s| s.id != target.id);
    let untouched = untouched.expect("another server");
    let kept = state.servers().iter().find(|s| s.id == untouched.id);
    assert_eq!(kept.map(|s| &s.ips), Some(&untouched.ips));
}

#[tokio::test]
async fn json_polls_follow_the_changes() {
    follows_the_changes(WireFormat::Json, false).await;
}

#[tokio::test]
async fn xml_hierarchy_polls_follow_the_changes() {
    follows_the_changes(WireFormat::Xml, true).await;
}

#[tokio::test]
async fn every_tenth_poll_reads_every_server_again() {
    let sim = sim().await;
    let clc = provider(&sim, WireFormat::Json, false);
    let mut store = store();
    let mut full = Vec::new();
    for poll_number in 0..21 {
        if clc.next_read_is_full() {
            full.push(poll_number);
        }
        poll(&clc, &mut store).await;
    }
    assert_eq!(full, [0, 10, 20]);
}

/// Every poll reads every server (`full_read_every = 1`).
fn always_full(sim: &SimServer) -> ClcProvider {
    ClcProvider::new(settings(sim, WireFormat::Json, false)).expect("provider")
}

#[tokio::test]
async fn a_full_read_after_the_first_hands_on_only_what_changed() {
    let sim = sim().await;
    let clc = always_full(&sim);
    let mut store = store();
    let first = poll(&clc, &mut store).await;
    assert_eq!(first.coverage, Coverage::Full);
    let total = first.servers.len();
    let quiet = poll(&clc, &mut store).await;
    assert_eq!(quiet.coverage, Coverage::Changes);
    assert!(quiet.servers.is_empty() && quiet.removed.is_empty());
    let target = running(&first.servers);
    act(&clc, Action::PowerOff, &target.id).await;
    let changed = poll(&clc, &mut store).await;
    assert_eq!(names(&changed.servers), [target.id.as_str()]);
    assert_eq!(changed.servers[0].power, PowerState::Off);
    let state = store.state();
    assert_eq!(state.servers().len(), total, "the store keeps every server");
    let stored = state.servers().iter().find(|s| s.id == target.id);
    assert_eq!(stored.map(|s| s.power.clone()), Some(PowerState::Off));
}

#[tokio::test]
async fn a_later_read_that_misses_a_location_keeps_its_servers_standing() {
    let sim = sim().await;
    let clc = always_full(&sim);
    let mut store = store();
    let first = poll(&clc, &mut store).await;
    let in_gb3 = first.servers.iter().filter(|s| s.location == "GB3").count();
    assert!(in_gb3 > 0, "the fixtures have GB3 servers");
    sim.faults.fail_only(Targeted::new([
        "Server/GetAllServers/",
        r#""Location":"GB3""#,
    ]));
    let inventory = clc.inventory().await.expect("other locations arrived");
    assert_eq!(inventory.unread_locations, ["GB3"]);
    assert!(inventory.removed.is_empty(), "{:?}", inventory.removed);
    assert_eq!(inventory.missing[0].part, "servers in GB3");
    // Applied an hour on: the servers it confirmed count as fetched then.
    let later = hostdeck::model::now_millis() + 3_600_000;
    store.apply(events::inventory("clc-sim", Ok(inventory), 10, later));
    let servers = store.state().servers();
    assert_eq!(servers.len(), first.servers.len(), "GB3's servers stand");
    for server in servers {
        let confirmed = server.fetched_at == later;
        assert_eq!(confirmed, server.location != "GB3", "{}", server.id);
    }
}

#[tokio::test]
async fn a_location_whose_changes_failed_is_named_and_the_next_poll_brings_them() {
    let sim = sim().await;
    let clc = provider(&sim, WireFormat::Json, false);
    let mut store = store();
    let first = poll(&clc, &mut store).await;
    let target = running(&first.servers);
    let at = target.location.clone();
    sim.faults.fail_only(Targeted::new([
        "Server/GetAllServersByModifiedDates/".to_string(),
        format!(r#""Location":"{at}""#),
    ]));
    act(&clc, Action::PowerOff, &target.id).await;
    let failed = poll(&clc, &mut store).await;
    assert_eq!(failed.missing.len(), 1, "{:?}", failed.missing);
    assert_eq!(failed.missing[0].part, format!("servers in {at}"));
    assert!(failed.servers.is_empty());
    sim.faults.set(Faults::default());
    let retried = poll(&clc, &mut store).await;
    assert_eq!(names(&retried.servers), [target.id.as_str()]);
    assert!(retried.missing.is_empty(), "{:?}", retried.missing);
    assert_eq!(store.state().servers().len(), first.servers.len());
}

/// A TCP relay in front of the simulator that counts the connections
/// closed through it; its base URL stands in for the simulator's.
struct Relay {
    base_url: String,
    closed: Arc<AtomicUsize>,
}

impl Relay {
    async fn start(sim: &SimServer) -> Relay {
        let url = reqwest::Url::parse(&sim.base_url).expect("simulator URL");
        let target = format!("127.0.0.1:{}", url.port().expect("simulator port"));
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("address").port();
        let closed = Arc::new(AtomicUsize::new(0));
        let counter = closed.clone();
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let (target, counter) = (target.clone(), counter.clone());
                tokio::spawn(async move {
                    let Ok(mut outbound) = TcpStream::connect(target).await else {
                        return;
                    };
                    let _ = copy_bidirectional(&mut inbound, &mut outbound).await;
                    counter.fetch_add(1, Ordering::SeqCst);
                });
            }
        });
        let mut base = url;
        base.set_port(Some(port)).expect("port");
        Relay {
            base_url: base.to_string(),
            closed,
        }
    }

    /// The connections closed, once `expected` have (or after 5 s).
    async fn closed(&self, expected: usize) -> usize {
        for _ in 0..100 {
            if self.closed.load(Ordering::SeqCst) >= expected {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        self.closed.load(Ordering::SeqCst)
    }
}

/// A whole server list comes on a connection that is closed after it (a
/// pooled connection's read buffer keeps the size of the biggest answer it
/// carried), and only those: the small reads keep their pooled ones.
#[tokio::test]
async fn whole_server_lists_leave_no_connection_in_the_pool() {
    let sim = sim().await;
    let relay = Relay::start(&sim).await;
    let clc = ClcProvider::new(hostdeck::provider::clc::ClcSettings {
        base_url: relay.base_url.clone(),
        full_read_every: 3,
        ..settings(&sim, WireFormat::Json, false)
    })
    .expect("provider");
    for _ in 0..6 {
        clc.inventory().await.expect("poll");
    }
    let lists = sim.faults.requests_holding(&["Server/GetAllServers/"]);
    let changes = sim
        .faults
        .requests_holding(&["Server/GetAllServersByModifiedDates/"]);
    assert!(
        lists >= 4 && changes >= 4,
        "{lists} lists, {changes} polls for changes"
    );
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(relay.closed(lists).await, lists);
}
