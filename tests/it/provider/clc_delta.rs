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
    let mut coverages = Vec::new();
    for _ in 0..21 {
        coverages.push(poll(&clc, &mut store).await.coverage);
    }
    let full: Vec<usize> = (0..coverages.len())
        .filter(|&i| coverages[i] == Coverage::Full)
        .collect();
    assert_eq!(full, [0, 10, 20]);
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
