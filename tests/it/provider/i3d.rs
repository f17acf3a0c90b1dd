//! The i3D.net provider against the i3D simulator over real loopback HTTP:
//! the inventory (dedicated servers and colocations, no power, gauges, the
//! overuse warning, PDU, network and alert details) read across pages, one
//! server afresh, rDNS sent once, the access list, every ticket call with
//! its changes persisting, each error shape (401, 400 with i3D's error
//! object, 404, 5xx, malformed, dropped), refreshes that keep what arrived
//! when one enrichment fails, and the API key in no message.

use crate::support::detail;
use crate::support::faults::whole_answer_faults;
use crate::support::sim::{self as control, run};
use hostdeck::model::{
    Capability, Command, Missing, NewTicket, ObjectKind, PowerState, ProviderKind, Ref, Server,
    Thread,
};
use hostdeck::provider::i3d::{I3dProvider, I3dSettings, PAGE_SIZE};
use hostdeck::provider::{
    execute, offers, ColocationApi, ErrorKind, Inventory, Provider, ProviderError, PtrChange,
    ReverseDnsApi, ServerApi, Submitted, TelemetryApi, TicketApi, TicketScope,
};
use hostdeck::secret::Secret;
use hostdeck::sim::{start_i3d, Faults, SimOptions, SimServer, Targeted};
use serde_json::{json, Value};
use std::time::Duration;

const ACCOUNT: &str = "i3d-sim";
/// The simulator's two colocations; the second uses more than it ordered.
const COLO: &str = "3301";
const OVERUSING: &str = "3302";
/// Dedicated servers in the default simulator (its smallest size).
const DEDICATED: usize = 40;
/// Every row: the dedicated servers and the two colocations.
const ROWS: usize = DEDICATED + 2;

async fn sim_with(scale: usize) -> SimServer {
    start_i3d(SimOptions {
        seed: 7,
        scale,
        queue_step: Duration::from_millis(20),
        ..SimOptions::default()
    })
    .await
    .expect("simulator starts")
}

async fn sim() -> SimServer {
    sim_with(DEDICATED).await
}

fn with_key(sim: &SimServer, key: &str) -> I3dProvider {
    I3dProvider::new(I3dSettings {
        account: ACCOUNT.into(),
        timeouts: Default::default(),
        base_url: sim.base_url.clone(),
        api_key: Secret::new(key),
    })
    .expect("provider")
}

fn key(sim: &SimServer) -> String {
    sim.credential("api_key").expect("api_key").to_string()
}

fn provider(sim: &SimServer) -> I3dProvider {
    with_key(sim, &key(sim))
}

async fn inventory(i3d: &I3dProvider) -> Inventory {
    i3d.inventory().await.expect("inventory")
}

fn row<'a>(inventory: &'a Inventory, id: &str) -> &'a Server {
    inventory
        .servers
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

/// Fails the next request for `call` with HTTP `status`, and only that one.
fn fail_once(sim: &SimServer, call: &str, status: u16) {
    sim.faults.fail_only(Targeted {
        times: Some(1),
        ..Targeted::new([call]).with_status(status)
    });
}

fn parts(missing: &[Missing]) -> Vec<&str> {
    missing.iter().map(|m| m.part.as_str()).collect()
}

fn metrics(inventory: &Inventory, id: &str) -> Vec<String> {
    inventory
        .samples
        .iter()
        .filter(|s| s.server_id == id)
        .map(|s| s.metric.clone())
        .collect()
}

// -- servers -------------------------------------------------------------------------

#[tokio::test]
async fn check_counts_dedicated_servers_and_colocations() {
    let sim = sim().await;
    let i3d = provider(&sim);
    assert_eq!(i3d.kind(), ProviderKind::I3d);
    assert_eq!(
        i3d.check().await.unwrap(),
        format!("{DEDICATED} dedicated servers, 2 colocations")
    );
    for (capability, offered) in [
        (Capability::ReverseDns, true),
        (Capability::Colocation, true),
        (Capability::Tickets, true),
        (Capability::Telemetry, true),
        (Capability::Domains, false),
        (Capability::IpRequests, false),
    ] {
        assert_eq!(offers(&i3d, capability), offered, "{capability:?}");
    }
    assert!(i3d.power().is_none());
}

#[tokio::test]
async fn the_inventory_holds_dedicated_servers_and_colocations_without_power() {
    let sim = sim().await;
    let inventory = inventory(&provider(&sim)).await;
    assert!(inventory.missing.is_empty(), "{:?}", inventory.missing);
    let (colocations, dedicated): (Vec<&Server>, Vec<&Server>) = inventory
        .servers
        .iter()
        .partition(|s| s.group == "Colocation");
    assert_eq!((dedicated.len(), colocations.len()), (DEDICATED, 2));
    for server in &inventory.servers {
        assert_eq!(server.account, ACCOUNT);
        assert!(server.actions.is_empty(), "{server:?}");
        assert_eq!(
            server.actions_note.as_deref(),
            Some("i3D.net's API has no power operations")
        );
        assert!(server.missing.is_empty(), "{:?}", server.missing);
    }
    for server in &dedicated {
        assert!(server.id.starts_with("ds-"), "{}", server.id);
        assert!(
            matches!(server.power, PowerState::On | PowerState::Off),
            "{server:?}"
        );
        assert!(
            server.cpu.is_some() && server.memory_gb.is_some(),
            "{server:?}"
        );
        assert!(
            !server.name.is_empty() && server.os.starts_with("osId "),
            "{server:?}"
        );
    }
    let running = dedicated
        .iter()
        .find(|s| s.power == PowerState::On)
        .expect("one runs");
    assert_eq!(
        metrics(&inventory, &running.id)[..2],
        ["cpu load".to_string(), "memory used".to_string()]
    );
}

#[tokio::test]
async fn colocations_carry_amps_per_pdu_overuse_network_and_alerts() {
    let sim = sim().await;
    let inventory = inventory(&provider(&sim)).await;
    let plain = row(&inventory, &format!("colo-{COLO}"));
    let over = row(&inventory, &format!("colo-{OVERUSING}"));
    assert_eq!(plain.name, "Rotterdam rack R12");
    assert!(plain.warnings.is_empty(), "{:?}", plain.warnings);
    assert_eq!(over.warnings.len(), 1, "{:?}", over.warnings);
    assert!(over.warnings[0].starts_with("bandwidth over ordered: used 612 of 500"));
    assert_eq!(
        metrics(&inventory, &plain.id),
        ["amps PDU 7101", "amps PDU 7102"],
        "the first is the row's sparkline"
    );
    let amps = inventory
        .samples
        .iter()
        .find(|s| s.metric == "amps PDU 7101")
        .expect("amps");
    assert_eq!(amps.unit, "A");
    assert!(amps.value > 0.0 && amps.value < 16.0, "{amps:?}");
    assert!(
        detail(&plain.details, "PDU 7101", "Amps now").is_some(),
        "{:?}",
        plain.details
    );
    assert_eq!(detail(&plain.details, "PDU 7102", "Name"), Some("Feed B"));
    assert_eq!(
        detail(&plain.details, "Network telemetry", "unit"),
        Some("hour")
    );
    assert!(detail(&over.details, "Network telemetry", "Samples").is_some());
    assert_eq!(
        detail(&plain.details, "Bandwidth alerts", "at 95 %"),
        Some("e-mail and ticket; never triggered")
    );
    assert!(detail(&over.details, "Bandwidth alerts", "at 100 %")
        .is_some_and(|v| v.contains("last triggered")));
    assert_eq!(
        detail(&over.details, "Bandwidth overuse", "Used"),
        Some("612")
    );
}

#[tokio::test]
async fn a_colocation_s_telemetry_is_the_amps_history_of_each_pdu() {
    let sim = sim().await;
    let i3d = provider(&sim);
    let series = TelemetryApi::telemetry(&i3d, &format!("colo-{COLO}"))
        .await
        .expect("telemetry");
    let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["amps PDU 7101", "amps PDU 7102"],
        "the gauges' names"
    );
    let amps = &series[0];
    assert_eq!(amps.unit, "A");
    // A sample every 30 minutes over the last day.
    assert!((47..=49).contains(&amps.samples.len()), "{amps:?}");
    assert!(amps.samples.len() <= amps.capacity);
    let times: Vec<i64> = amps.samples.iter().map(|s| s.at).collect();
    assert!(times.windows(2).all(|w| w[0] < w[1]), "oldest first");
    assert!(times.windows(2).all(|w| w[1] - w[0] == 30 * 60 * 1000));
    let day = 24 * 3600 * 1000;
    assert!(times[times.len() - 1] - times[0] <= day, "{times:?}");
    assert!(amps.values().all(|v| v > 0.0 && v < 16.0), "{amps:?}");

    // The newest point is the gauge the inventory reads.
    let inventory = inventory(&i3d).await;
    let gauge = inventory
        .samples
        .iter()
        .find(|s| s.server_id == format!("colo-{COLO}") && s.metric == "amps PDU 7101")
        .expect("gauge");
    assert_eq!(amps.latest(), Some(gauge.value));

    let dedicated = TelemetryApi::telemetry(&i3d, "ds-12001").await;
    assert_eq!(dedicated.expect("no series"), []);
    let unknown = TelemetryApi::telemetry(&i3d, "web-1").await.unwrap_err();
    assert_eq!(unknown.kind, ErrorKind::Refused);
}

#[tokio::test]
async fn one_pdu_history_failing_leaves_the_other_series() {
    let sim = sim().await;
    let i3d = provider(&sim);
    let colo = format!("colo-{COLO}");
    // Only the call with the day's window (sent as Unix seconds) fails.
    sim.faults.fail_only(Targeted::new([
        "GET /v3/telemetry/colocation/3301/pdu/7101?startTime=",
        "&endTime=",
    ]));
    let series = TelemetryApi::telemetry(&i3d, &colo)
        .await
        .expect("one arrived");
    let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["amps PDU 7102"]);
    assert!(series[0].samples.len() > 1);

    sim.faults
        .fail_only(Targeted::new(["GET /v3/telemetry/colocation/3301/pdu/"]));
    let error = TelemetryApi::telemetry(&i3d, &colo).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Http, "the simulator's 500: {error}");
    assert!(
        error
            .operation
            .contains("GET /v3/telemetry/colocation/3301/pdu/7101"),
        "the first error: {error}"
    );

    sim.faults
        .fail_only(Targeted::new(["GET /v3/colocation/3301/pdu"]));
    let error = TelemetryApi::telemetry(&i3d, &colo).await.unwrap_err();
    assert!(
        error.operation.contains("GET /v3/colocation/3301/pdu"),
        "{error}"
    );
}

#[tokio::test]
async fn lists_are_read_across_pages_to_the_end() {
    let scale = 2 * PAGE_SIZE + 37;
    let sim = sim_with(scale).await;
    let i3d = provider(&sim);
    let inventory = inventory(&i3d).await;
    let mut ids: Vec<&str> = inventory
        .servers
        .iter()
        .filter(|s| s.id.starts_with("ds-"))
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(ids.len(), scale);
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), scale, "no page read twice");
    assert_eq!(
        i3d.check().await.unwrap(),
        format!("{scale} dedicated servers, 2 colocations")
    );
}

#[tokio::test]
async fn one_server_is_read_afresh_by_its_row_id() {
    let sim = sim().await;
    let i3d = provider(&sim);
    let inventory = inventory(&i3d).await;
    for listed in &inventory.servers {
        let fresh = i3d.server(&listed.id).await.expect("server");
        assert_eq!(
            (&fresh.id, &fresh.name, &fresh.group),
            (&listed.id, &listed.name, &listed.group)
        );
    }
    let over = i3d.server(&format!("colo-{OVERUSING}")).await.unwrap();
    assert_eq!(over.warnings.len(), 1);
    assert!(detail(&over.details, "PDU 7201", "Amps now").is_some());
    let refused = i3d.server("12").await.unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Refused);
    assert!(
        refused.cause.contains("ds-N") && refused.cause.contains("colo-N"),
        "{refused}"
    );
    let unknown = i3d.server("ds-999999").await.unwrap_err();
    assert_eq!(unknown.kind, ErrorKind::Api, "{unknown}");
    assert!(
        unknown.cause.contains("404") && unknown.cause.contains("Entity not found"),
        "{unknown}"
    );
}

// -- rDNS ----------------------------------------------------------------------------

fn ptr<'a>(address: &'a str, hostname: &'a str, server: Option<&'a str>) -> PtrChange<'a> {
    PtrChange {
        address,
        hostname,
        remarks: None,
        server,
    }
}

async fn stored_ptr(sim: &SimServer, address: &str) -> Option<String> {
    let entries = control::get(sim, "rdns").await;
    entries
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["ipAddress"] == address)
        .and_then(|e| e["hostname"].as_str())
        .map(str::to_string)
}

#[tokio::test]
async fn rdns_is_set_through_the_colocation() {
    let sim = sim().await;
    let i3d = provider(&sim);
    let command = Command::SetPtr {
        hostname: "web-7.demo-ops.example".into(),
        remarks: None,
        server: Some(format!("colo-{COLO}")),
    };
    let note = run(&i3d, command, ObjectKind::Ip, "185.50.104.77")
        .await
        .unwrap();
    assert_eq!(
        note,
        "PTR of 185.50.104.77 set to web-7.demo-ops.example (colocation 3301)"
    );
    assert_eq!(
        stored_ptr(&sim, "185.50.104.77").await.as_deref(),
        Some("web-7.demo-ops.example")
    );
    let v6 = ptr(
        "2a00:1768:2001:14::10",
        "mx.demo-ops.example",
        Some(OVERUSING),
    );
    i3d.set_ptr(v6)
        .await
        .expect("IPv6, by the bare colocation id");
    assert_eq!(
        stored_ptr(&sim, "2a00:1768:2001:14::10").await.as_deref(),
        Some("mx.demo-ops.example")
    );
}

#[tokio::test]
async fn rdns_is_refused_without_a_colocation_and_its_errors_are_clear() {
    let sim = sim().await;
    let i3d = provider(&sim);
    for (server, says) in [
        (None, "none was given"),
        (Some("ds-12001"), "not for dedicated servers"),
        (Some("web-1"), "not a colocation"),
    ] {
        let error = i3d
            .set_ptr(ptr("185.50.104.20", "a.example", server))
            .await
            .unwrap_err();
        assert_eq!(error.kind, ErrorKind::Refused, "{error}");
        assert!(error.cause.contains(says), "{error}");
    }
    let invalid = i3d
        .set_ptr(ptr("185.50.104.20", "not_a_host!", Some(COLO)))
        .await
        .unwrap_err();
    assert_eq!(invalid.kind, ErrorKind::Api, "{invalid}");
    assert!(
        invalid.cause.contains("HTTP 400")
            && invalid.cause.contains("Invalid input (errorCode 10002)")
            && invalid.cause.contains("hostname: Not a valid host name"),
        "{invalid}"
    );
    assert_eq!(stored_ptr(&sim, "185.50.104.20").await, None);
}

#[tokio::test]
async fn rdns_is_sent_once_even_when_the_answer_is_lost() {
    let sim = sim().await;
    let i3d = provider(&sim);
    fail_once(
        &sim,
        "PUT /v3/colocation/3301/network/rdns/185.50.104.30",
        502,
    );
    let error = i3d
        .set_ptr(ptr("185.50.104.30", "once.demo-ops.example", Some(COLO)))
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Http, "{error}");
    assert!(
        error
            .cause
            .ends_with("outcome unknown: look at the PTR of 185.50.104.30 before sending again"),
        "{error}"
    );
    assert_eq!(
        stored_ptr(&sim, "185.50.104.30").await,
        None,
        "a retry would have passed the one-shot fault and stored it"
    );
}

/// The whole way of a PTR set from the console: the inventory read from
/// the simulator into the store, `e` on the colocation, the address and
/// host name typed, the job the store emits carried out by the provider.
#[tokio::test]
async fn the_ptr_form_on_a_colocation_reaches_the_simulator() {
    use hostdeck::app::event::{Effect, Event};
    use hostdeck::app::form::FormKind;
    use hostdeck::app::intent::Intent;
    use hostdeck::app::store::Store;
    use hostdeck::model::AccountInfo;
    use hostdeck::provider::capabilities;

    let sim = sim().await;
    let i3d = provider(&sim);
    let info = AccountInfo::new(ACCOUNT, ProviderKind::I3d, false)
        .with_capabilities(capabilities(&i3d))
        .with_power(i3d.power().is_some());
    let mut store = Store::new(vec![info], false);
    let inventory = Ok(inventory(&i3d).await);
    store.apply(crate::support::events::inventory(
        ACCOUNT, inventory, 5, 1_000,
    ));
    let colo = Ref::server(ACCOUNT, format!("colo-{COLO}"));
    store.apply(Event::Intent(Intent::Top));
    for _ in 0..ROWS {
        if store.state().panes.servers.view.selected.as_ref() == Some(&colo) {
            break;
        }
        store.apply(Event::Intent(Intent::MoveBy(1)));
    }
    store.apply(Event::Intent(Intent::OpenForm(FormKind::Ptr)));
    let typed = "185.50.104.91"
        .chars()
        .map(Intent::InputChar)
        .chain([Intent::FocusNext])
        .chain("gw.demo-ops.example".chars().map(Intent::InputChar));
    for intent in typed {
        store.apply(Event::Intent(intent));
    }
    let effects = store.apply(Event::Intent(Intent::InputSubmit));
    let jobs: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Send(job) => Some(job),
            _ => None,
        })
        .collect();
    assert_eq!(jobs.len(), 1, "{effects:?}");
    let job = jobs[0];
    assert_eq!(
        job.target,
        Ref::new(ACCOUNT, ObjectKind::Ip, "185.50.104.91")
    );
    let note = match execute(&i3d, &job.command, &job.target)
        .await
        .expect("sent")
    {
        Submitted::Done(note) => note,
        other => panic!("i3D answers at once, got {other:?}"),
    };
    assert_eq!(
        note,
        "PTR of 185.50.104.91 set to gw.demo-ops.example (colocation 3301)"
    );
    assert_eq!(
        stored_ptr(&sim, "185.50.104.91").await.as_deref(),
        Some("gw.demo-ops.example")
    );
}

// -- colocation access -------------------------------------------------------------

#[tokio::test]
async fn the_access_list_arrives_without_personal_ids() {
    let sim = sim().await;
    let colocation = ColocationApi::colocation(&provider(&sim))
        .await
        .expect("access list");
    assert_eq!(colocation.visitors.len(), 7);
    assert!(colocation.visits.is_empty() && colocation.missing.is_empty());
    let statuses: Vec<&str> = colocation
        .visitors
        .iter()
        .map(|v| v.status.as_str())
        .collect();
    for status in ["granted", "pending", "denied", "revoked", "suspended"] {
        assert!(statuses.contains(&status), "{statuses:?}");
    }
    let first = &colocation.visitors[0];
    assert_eq!(first.name, "Sanne de Vries");
    assert_eq!(first.location, "datacenter 6");
    let shown = format!("{:?}", colocation.visitors);
    assert!(!shown.contains("1975-"), "no birth dates: {shown}");
}

// -- tickets -------------------------------------------------------------------------

async fn list(
    i3d: &I3dProvider,
    scope: TicketScope,
) -> Result<hostdeck::provider::TicketInventory, ProviderError> {
    TicketApi::tickets(i3d, scope).await
}

async fn ticket(i3d: &I3dProvider, id: &str) -> hostdeck::model::Ticket {
    i3d.ticket(id).await.expect("ticket")
}

async fn sim_ticket(sim: &SimServer, id: &str) -> Value {
    control::get(sim, &format!("tickets/{id}")).await
}

#[tokio::test]
async fn the_ticket_lists_tell_unread_and_open_apart() {
    let sim = sim().await;
    let i3d = provider(&sim);
    let all = list(&i3d, TicketScope::All).await.expect("all");
    assert_eq!((all.scope, all.tickets.len()), (TicketScope::All, 12));
    assert!(all.missing.is_empty());
    let unread: Vec<&str> = all
        .tickets
        .iter()
        .filter(|t| t.unread)
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(unread.len(), 3, "{unread:?}");
    let current = list(&i3d, TicketScope::OpenOrUnread)
        .await
        .expect("open or unread");
    assert_eq!(current.tickets.len(), 9);
    assert!(current.tickets.iter().all(|t| !t.is_closed() || t.unread));
    assert!(all.tickets.iter().all(|t| t.thread == Thread::NotFetched));

    control::post(&sim, "tickets/58010/answer", None).await;
    let after = list(&i3d, TicketScope::OpenOrUnread).await.unwrap();
    let answered = after
        .tickets
        .iter()
        .find(|t| t.id == "58010")
        .expect("now listed");
    assert!(answered.unread && answered.is_closed(), "{answered:?}");
}

#[tokio::test]
async fn a_ticket_has_no_bodies_and_says_what_it_knows() {
    let sim = sim().await;
    let i3d = provider(&sim);
    let listed = list(&i3d, TicketScope::All).await.unwrap();
    let with_replies = listed
        .tickets
        .iter()
        .find(|t| {
            t.details
                .iter()
                .any(|d| d.label == "Replies by you" && &*d.value != "0")
        })
        .expect("a ticket with replies");
    let fetched = ticket(&i3d, &with_replies.id).await;
    let Thread::NoBodies { note } = &fetched.thread else {
        panic!("no bodies: {:?}", fetched.thread);
    };
    assert!(
        note.starts_with("i3D.net's API gives no message texts; "),
        "{note}"
    );
    assert!(note.contains("by you, last at "), "{note}");
    assert_eq!(
        (fetched.subject.as_str(), fetched.status.as_str()),
        (with_replies.subject.as_str(), with_replies.status.as_str())
    );
    let missing = i3d.ticket("424242").await.unwrap_err();
    assert_eq!(missing.kind, ErrorKind::Api);
    assert!(missing.cause.contains("Entity not found"), "{missing}");
}

#[tokio::test]
async fn options_are_the_categories_and_a_typed_department() {
    let sim = sim().await;
    let options = provider(&sim).options().await.expect("options");
    let values: Vec<&str> = options
        .categories
        .iter()
        .map(|c| c.value.as_str())
        .collect();
    assert_eq!(values, ["Technical", "Billing", "Network", "Sales"]);
    assert!(options.departments.is_empty() && options.department_required);
}

#[tokio::test]
async fn a_reply_persists_with_the_ticket_title() {
    let sim = sim().await;
    let i3d = provider(&sim);
    let before = ticket(&i3d, "58005").await;
    let note = run(
        &i3d,
        Command::ReplyTicket {
            body: "Disk swapped?\nPlease confirm.".into(),
        },
        ObjectKind::Ticket,
        "58005",
    )
    .await
    .unwrap();
    assert_eq!(note, "reply sent to ticket #58005");
    let record = sim_ticket(&sim, "58005").await;
    let message = record["messages"]
        .as_array()
        .and_then(|m| m.last())
        .expect("a message");
    assert_eq!(message["from"], "client");
    assert_eq!(message["title"], format!("Re: {}", before.subject));
    assert_eq!(message["content"], "Disk swapped?\nPlease confirm.");
    let after = ticket(&i3d, "58005").await;
    assert!(!after.unread, "your own reply is read");
    assert!(after.updated > before.updated);
}

#[tokio::test]
async fn a_lost_reply_says_the_outcome_is_unknown_and_is_not_sent_twice() {
    let sim = sim().await;
    let i3d = provider(&sim);
    fail_once(&sim, "POST /v3/tickets/58004/reply", 503);
    let error = run(
        &i3d,
        Command::ReplyTicket {
            body: "Any news?".into(),
        },
        ObjectKind::Ticket,
        "58004",
    )
    .await
    .unwrap_err();
    assert!(
        error
            .to_string()
            .ends_with("outcome unknown: look at the ticket before sending again"),
        "{error}"
    );
    let record = sim_ticket(&sim, "58004").await;
    assert_eq!(
        record["messages"],
        json!([]),
        "sent once: the one-shot fault took it"
    );
}

#[tokio::test]
async fn close_and_reopen_persist_and_a_force_closed_ticket_stays_shut() {
    let sim = sim().await;
    let i3d = provider(&sim);
    let close = run(&i3d, Command::CloseTicket, ObjectKind::Ticket, "58008").await;
    assert_eq!(close.unwrap(), "ticket #58008 closed");
    assert!(ticket(&i3d, "58008").await.is_closed());
    let reopen = run(&i3d, Command::ReopenTicket, ObjectKind::Ticket, "58008").await;
    assert_eq!(reopen.unwrap(), "ticket #58008 reopened");
    assert!(!ticket(&i3d, "58008").await.is_closed());

    let forced = run(&i3d, Command::ReopenTicket, ObjectKind::Ticket, "58012")
        .await
        .unwrap_err();
    assert_eq!(
        forced.kind,
        ErrorKind::Auth,
        "403 is an auth error: {forced}"
    );
    assert!(forced.cause.contains("force-closed"), "{forced}");
    assert!(ticket(&i3d, "58012").await.is_closed());
}

fn new_ticket(category: &str) -> NewTicket {
    NewTicket {
        subject: "Rack R12 door sensor".into(),
        body: "The door sensor reports open at night.".into(),
        category: Some(category.into()),
        department: Some("Datacenter".into()),
    }
}

#[tokio::test]
async fn a_new_ticket_is_opened_with_a_listed_category() {
    let sim = sim().await;
    let i3d = provider(&sim);
    let note = run(
        &i3d,
        Command::OpenTicket(Box::new(new_ticket("technical"))),
        ObjectKind::Ticket,
        "",
    )
    .await
    .unwrap();
    assert_eq!(note, "ticket #58013 opened");
    let record = sim_ticket(&sim, "58013").await;
    assert_eq!(
        record["ticket"]["categoryName"], "Technical",
        "the listed spelling"
    );
    assert_eq!(record["ticket"]["title"], "Rack R12 door sensor");
    assert_eq!(record["department"], "Datacenter");
    assert_eq!(
        (&record["emailCc"], &record["emailTo"]),
        (&json!(""), &json!(""))
    );
    let listed = list(&i3d, TicketScope::All).await.unwrap();
    assert_eq!(listed.tickets.len(), 13);
}

#[tokio::test]
async fn a_new_ticket_is_refused_before_sending_when_incomplete() {
    let sim = sim().await;
    let i3d = provider(&sim);
    let unknown = i3d.open(&new_ticket("Catering")).await.unwrap_err();
    assert_eq!(unknown.kind, ErrorKind::Refused);
    assert!(
        unknown.cause.contains("unknown category \"Catering\"")
            && unknown.cause.contains("Technical, Billing, Network, Sales"),
        "{unknown}"
    );
    let no_department = NewTicket {
        department: None,
        ..new_ticket("Billing")
    };
    let error = i3d.open(&no_department).await.unwrap_err();
    assert!(error.cause.contains("a department is required"), "{error}");
    assert_eq!(
        control::get(&sim, "tickets").await.as_array().map(Vec::len),
        Some(12)
    );
}

// -- errors --------------------------------------------------------------------------

#[tokio::test]
async fn a_wrong_key_is_an_auth_error_that_never_shows_the_key() {
    let sim = sim().await;
    let wrong = "wrong-key-9f8e7d6c";
    let i3d = with_key(&sim, wrong);
    let error = i3d.check().await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Auth, "{error}");
    assert!(
        error.cause.contains("HTTP 401") && error.cause.contains("Unauthorized"),
        "{error}"
    );
    let shown = format!("{error} {error:?} {i3d:?}");
    assert!(!shown.contains(wrong), "{shown}");
    assert!(list(&i3d, TicketScope::All).await.unwrap_err().kind == ErrorKind::Auth);
}

#[tokio::test]
async fn the_sim_requires_ranged_data_which_every_list_call_sends() {
    let sim = sim().await;
    let bare = reqwest::Client::new()
        .get(format!("{}colocation", sim.base_url))
        .header("PRIVATE-TOKEN", key(&sim))
        .send()
        .await
        .expect("raw call");
    assert_eq!(
        bare.status(),
        400,
        "the simulator refuses a list call without it"
    );
    let body = bare.text().await.unwrap();
    assert!(body.contains("RANGED-DATA"), "{body}");
    let inventory = inventory(&provider(&sim)).await;
    assert!(
        inventory.missing.is_empty(),
        "colocations, PDU history and overuse all read: {:?}",
        inventory.missing
    );
}

#[tokio::test]
async fn whole_answers_failing_are_errors_of_their_kind() {
    let sim = sim().await;
    let i3d = provider(&sim);
    let api_error = Faults {
        error_rate: 1.0,
        ..Faults::default()
    };
    let says = |kind| match kind {
        ErrorKind::Http => "HTTP 503",
        ErrorKind::Parse => "not JSON",
        _ => "connection dropped",
    };
    let cases = whole_answer_faults()
        .into_iter()
        .map(|(faults, kind)| (faults, kind, says(kind)))
        .chain([(
            api_error,
            ErrorKind::Http,
            "Internal error (errorCode 10000)",
        )]);
    let secret = key(&sim);
    for (faults, kind, says) in cases {
        sim.faults.set(faults.clone());
        let error = i3d.inventory().await.unwrap_err();
        assert_eq!(error.kind, kind, "{faults:?}: {error}");
        assert!(error.cause.contains(says), "{faults:?}: {error}");
        assert!(!format!("{error}{error:?}").contains(&secret));
        let ticket_error = list(&i3d, TicketScope::All).await.unwrap_err();
        assert_eq!(ticket_error.kind, kind, "{faults:?}: {ticket_error}");
    }
    sim.faults.set(Faults::default());
    assert_eq!(
        inventory(&i3d).await.servers.len(),
        ROWS,
        "back once the faults are gone"
    );
}

#[tokio::test]
async fn a_redirect_elsewhere_is_not_followed_with_the_key() {
    use axum::http::{HeaderMap, StatusCode};
    use axum::response::{IntoResponse, Redirect};
    use std::sync::{Arc, Mutex};

    let seen: Arc<Mutex<Vec<bool>>> = Arc::default();
    let recorder = seen.clone();
    let elsewhere = axum::Router::new().fallback(move |headers: HeaderMap| {
        let recorder = recorder.clone();
        async move {
            let carried = headers.contains_key("PRIVATE-TOKEN");
            recorder.lock().unwrap().push(carried);
            (StatusCode::OK, "[]").into_response()
        }
    });
    let other = serve(elsewhere).await;
    let target = format!("http://localhost:{}/v3/dedicatedServer", other.port());
    let redirecting =
        axum::Router::new().fallback(move || async move { Redirect::temporary(&target) });
    let origin = serve(redirecting).await;
    let i3d = I3dProvider::new(I3dSettings {
        account: ACCOUNT.into(),
        timeouts: Default::default(),
        base_url: format!("http://127.0.0.1:{}/", origin.port()),
        api_key: Secret::new("key-that-stays-home"),
    })
    .unwrap();
    let error = i3d.inventory().await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Http, "{error}");
    assert!(error.cause.contains("HTTP 307"), "{error}");
    assert!(
        seen.lock().unwrap().is_empty(),
        "nothing reached the other origin"
    );
}

/// Serves `app` on a loopback port for the test's lifetime.
async fn serve(app: axum::Router) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

// -- partial failure -----------------------------------------------------------------

#[tokio::test]
async fn one_pdu_history_failing_leaves_everything_else() {
    let sim = sim().await;
    sim.faults.fail_only(Targeted::new([
        "GET /v3/telemetry/colocation/3301/pdu/7101",
    ]));
    let inventory = inventory(&provider(&sim)).await;
    assert_eq!(inventory.servers.len(), ROWS, "every server still listed");
    assert_eq!(parts(&inventory.missing), ["telemetry of 1 PDU"]);
    assert!(inventory.missing[0]
        .cause
        .contains("GET /v3/telemetry/colocation/3301/pdu/7101"));
    let colo = row(&inventory, "colo-3301");
    assert_eq!(parts(&colo.missing), ["telemetry of PDU 7101"]);
    assert_eq!(metrics(&inventory, "colo-3301"), ["amps PDU 7102"]);
    assert!(row(&inventory, "colo-3302").missing.is_empty());
}

#[tokio::test]
async fn the_overuse_list_failing_marks_both_colocations() {
    let sim = sim().await;
    sim.faults.fail_only(
        Targeted::new(["GET /v3/telemetry/colocation/overuse/current"]).with_status(500),
    );
    let inventory = inventory(&provider(&sim)).await;
    assert_eq!(inventory.servers.len(), ROWS);
    assert_eq!(parts(&inventory.missing), ["bandwidth overuse"]);
    for id in ["colo-3301", "colo-3302"] {
        let colo = row(&inventory, id);
        assert_eq!(parts(&colo.missing), ["bandwidth overuse"], "{id}");
        assert!(colo.warnings.is_empty(), "unknown, not warned: {id}");
    }
    let dedicated = inventory.servers.iter().filter(|s| s.id.starts_with("ds-"));
    assert!(dedicated.clone().all(|s| s.missing.is_empty()));
}

#[tokio::test]
async fn network_telemetry_failing_marks_only_its_colocation() {
    let sim = sim().await;
    sim.faults
        .fail_only(Targeted::new(["GET /v3/telemetry/colocation/3302/network"]).with_status(502));
    let inventory = inventory(&provider(&sim)).await;
    assert_eq!(
        parts(&inventory.missing),
        ["network telemetry of 1 colocation"]
    );
    let over = row(&inventory, "colo-3302");
    assert_eq!(parts(&over.missing), ["network telemetry"]);
    assert!(detail(&over.details, "Network telemetry", "unit").is_none());
    assert_eq!(over.warnings.len(), 1, "the rest of the row stands");
    assert!(row(&inventory, "colo-3301").missing.is_empty());
}

#[tokio::test]
async fn one_server_list_failing_keeps_the_other() {
    let sim = sim().await;
    let i3d = provider(&sim);
    sim.faults
        .fail_only(Targeted::new(["GET /v3/dedicatedServer"]).with_status(500));
    let inventory = inventory(&i3d).await;
    assert_eq!(inventory.servers.len(), 2, "the colocations");
    assert_eq!(parts(&inventory.missing), ["dedicated servers"]);
    sim.faults.set(Faults {
        http_status: Some(500),
        ..Faults::default()
    });
    assert_eq!(i3d.inventory().await.unwrap_err().kind, ErrorKind::Http);
}
