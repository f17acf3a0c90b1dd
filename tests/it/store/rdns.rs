//! Reverse DNS on rows whose provider lists no addresses (i3D.net): on a
//! colocation the PTR form takes a typed address, checked as IPv4 or IPv6
//! before anything is sent, and its command names the colocation; a
//! dedicated server's row refuses the form; drafts are kept under the
//! colocation; what hostdeck set is known from its own jobs.

use crate::support::events;
use crate::support::keys::{clear_field, form, press_code, type_text};
use crate::support::outcome::{finish, sent};
use crossterm::event::KeyCode;
use hostdeck::app::bindings;
use hostdeck::app::event::{Effect, Event};
use hostdeck::app::form::{FormKind, IP, PTR};
use hostdeck::app::intent::Intent;
use hostdeck::app::store::{FlashLevel, Mode, PtrSet, Store};
use hostdeck::model::{AccountInfo, Capability, Command, JobState, Offering, ProviderKind};
use hostdeck::model::{ObjectKind, Ref, Server};
use hostdeck::provider::{Fetch, Inventory};

const I3D: &str = "i3d-demo";
const COLO: &str = "colo-3301";
const DEDICATED: &str = "ds-12001";
const NO_POWER: &str = "i3D.net's API has no power operations";

/// An i3D.net row with nothing known but its id, name and group, as the
/// provider maps it: no addresses, no power actions.
fn row(id: &str, name: &str, group: &str) -> Server {
    Server {
        name: name.into(),
        location: "RTM1".into(),
        group: group.into(),
        actions_note: Some(NO_POWER.into()),
        ..Server::blank(I3D, id, 1_000)
    }
}

/// The i3D.net account as `setup` declares it: rDNS, colocation access
/// and tickets, no power actions.
fn i3d(read_only: bool) -> AccountInfo {
    AccountInfo::new(I3D, ProviderKind::I3d, read_only)
        .with_capabilities(vec![
            Capability::ReverseDns,
            Capability::Colocation,
            Capability::Tickets,
        ])
        .with_power(false)
}

/// A store with a colocation and a dedicated server of i3d-demo, the
/// colocation selected.
fn store_with(account: AccountInfo) -> Store {
    let mut store = Store::new(vec![account], false);
    store.apply(events::inventory(
        I3D,
        Ok(Inventory {
            servers: vec![
                row(COLO, "Rotterdam rack R12", "Colocation"),
                row(DEDICATED, "ams-game-01", "Bare metal"),
            ],
            samples: Vec::new(),
            missing: Vec::new(),
            ..Inventory::default()
        }),
        10,
        2_000,
    ));
    select(&mut store, COLO);
    store
}

fn store() -> Store {
    store_with(i3d(false))
}

fn select(store: &mut Store, id: &str) {
    let target = Ref::server(I3D, id);
    store.apply(Event::Intent(Intent::Top));
    for _ in 0..store.state().servers().len() {
        if store.state().panes.servers.view.selected.as_ref() == Some(&target) {
            return;
        }
        store.apply(Event::Intent(Intent::MoveBy(1)));
    }
    assert_eq!(
        store.state().panes.servers.view.selected.as_ref(),
        Some(&target)
    );
}

fn colo_ref() -> Ref {
    Ref::server(I3D, COLO)
}

fn ip_ref(address: &str) -> Ref {
    Ref::new(I3D, ObjectKind::Ip, address)
}

/// Opens the form with `e`, types the address and the host name, submits.
/// (A draft of an earlier submission may be restored: the fields are
/// cleared first.)
fn submit(store: &mut Store, address: &str, hostname: &str) -> Vec<Effect> {
    press_code(store, KeyCode::Char('e'));
    clear_field(store);
    type_text(store, address);
    press_code(store, KeyCode::Tab);
    clear_field(store);
    type_text(store, hostname);
    press_code(store, KeyCode::Enter)
}

#[test]
fn e_on_a_colocation_opens_the_form_with_the_address_typed() {
    let mut s = store();
    let hints: Vec<&str> = bindings::hints(s.state()).iter().map(|h| h.1).collect();
    assert!(hints.contains(&"rDNS"), "{hints:?}");
    assert!(hints.contains(&"no power ops"), "{hints:?}");
    press_code(&mut s, KeyCode::Char('e'));
    let form = form(&s);
    assert_eq!(form.kind, FormKind::Ptr);
    assert_eq!(
        form.target,
        colo_ref(),
        "the draft is kept under the colocation"
    );
    assert!(form.types_address());
    assert_eq!(form.server.as_deref(), Some(COLO));
    let labels: Vec<&str> = form.fields.iter().map(|f| f.label).collect();
    assert_eq!(labels, [IP, PTR], "no remarks: i3D.net keeps none");
    assert!(!form.fields[0].is_choice(), "the address is typed");
    assert_eq!(form.fields[form.focus].label, IP);
    assert_eq!(
        (form.value(IP), form.value(PTR)),
        (String::new(), String::new())
    );
    assert_eq!(
        form.title(),
        "Reverse DNS of colocation Rotterdam rack R12 · i3d-demo"
    );
}

#[test]
fn a_bad_address_is_refused_naming_the_field_and_the_input_is_kept() {
    let mut s = store();
    let effects = submit(&mut s, "185.50.104", "web-7.demo-ops.example");
    assert!(sent(&effects).is_empty(), "{effects:?}");
    assert!(s.state().jobs.is_empty());
    let f = form(&s);
    assert_eq!(f.value(IP), "185.50.104", "kept exactly as typed");
    assert_eq!(f.value(PTR), "web-7.demo-ops.example");
    let (index, message) = f.error.clone().expect("an error");
    assert_eq!(f.fields[index].label, IP);
    assert_eq!(f.focus, index, "the focus is on the bad field");
    assert_eq!(message, "IP: '185.50.104' is not an IPv4 or IPv6 address");
    let flash = s.state().flash.clone().expect("flash");
    assert_eq!((flash.level, flash.text), (FlashLevel::Error, message));

    // A bad host name is refused the same way once the address is good.
    clear_field(&mut s);
    type_text(&mut s, "185.50.104.77");
    assert!(
        form(&s).error.is_none(),
        "editing the field clears its error"
    );
    press_code(&mut s, KeyCode::Tab);
    type_text(&mut s, "_x");
    let effects = press_code(&mut s, KeyCode::Enter);
    assert!(sent(&effects).is_empty(), "{effects:?}");
    let (index, message) = form(&s).error.clone().expect("an error");
    assert_eq!(form(&s).fields[index].label, PTR);
    assert!(message.starts_with("PTR record: "), "{message}");
}

#[test]
fn a_good_address_sends_one_ptr_job_to_the_address_naming_the_colocation() {
    let mut s = store();
    let effects = submit(&mut s, " 185.50.104.77 ", "Web-7.Demo-Ops.Example.");
    let jobs = sent(&effects);
    assert_eq!(jobs.len(), 1, "{effects:?}");
    let job = jobs[0];
    assert_eq!(
        job.command,
        Command::SetPtr {
            hostname: "web-7.demo-ops.example".into(),
            remarks: None,
            server: Some(COLO.into()),
        }
    );
    assert_eq!(job.target, ip_ref("185.50.104.77"));
    assert_eq!(
        job.target_name, "185.50.104.77",
        "as `act set-ptr` names it"
    );
    assert_eq!(
        job.command.audit_detail().as_deref(),
        Some("ptr=web-7.demo-ops.example server=colo-3301"),
        "the audit line names the colocation"
    );
    assert_eq!(s.state().mode, Mode::Normal);
    assert_eq!(s.state().jobs.len(), 1);

    // IPv6, written any way, goes out in its canonical form.
    let effects = submit(&mut s, "2A00:1768:2001:14:0:0:0:10", "mx.demo-ops.example");
    let jobs = sent(&effects);
    assert_eq!(jobs.len(), 1, "{effects:?}");
    assert_eq!(jobs[0].target, ip_ref("2a00:1768:2001:14::10"));
}

#[test]
fn a_dedicated_server_refuses_the_form_saying_why() {
    let mut s = store();
    select(&mut s, DEDICATED);
    let hints: Vec<&str> = bindings::hints(s.state()).iter().map(|h| h.1).collect();
    assert!(!hints.contains(&"rDNS"), "{hints:?}");
    let effects = press_code(&mut s, KeyCode::Char('e'));
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(s.state().mode, Mode::Normal);
    let flash = s.state().flash.clone().expect("flash");
    assert_eq!(
        flash.text,
        "no reverse DNS for ams-game-01 on i3d-demo: i3D.net's API sets rDNS only for colocation addresses, not for dedicated servers"
    );
    assert!(s.state().jobs.is_empty());
}

#[test]
fn a_read_only_account_refuses_the_form_naming_the_colocation() {
    let mut s = store_with(i3d(true));
    let effects = open(&mut s);
    let reason =
        "read-only mode: edit reverse DNS refused for colocation Rotterdam rack R12 on i3d-demo";
    assert_eq!(
        effects,
        vec![Effect::AuditRefused {
            target: colo_ref(),
            action: "set-ptr".into(),
            reason: reason.into(),
        }]
    );
    assert_eq!(s.state().mode, Mode::Normal);
}

fn open(store: &mut Store) -> Vec<Effect> {
    store.apply(Event::Intent(Intent::OpenForm(FormKind::Ptr)))
}

#[test]
fn the_draft_is_kept_under_the_colocation_and_restores() {
    let mut s = store();
    press_code(&mut s, KeyCode::Char('e'));
    type_text(&mut s, "185.50.104.77");
    press_code(&mut s, KeyCode::Tab);
    type_text(&mut s, "web-7.half");
    assert_eq!(press_code(&mut s, KeyCode::Esc), vec![Effect::SaveDrafts]);
    let draft = s
        .state()
        .drafts
        .get(FormKind::Ptr, &colo_ref())
        .expect("a draft under the colocation");
    assert_eq!(draft.values[IP], "185.50.104.77");
    assert_eq!(draft.values[PTR], "web-7.half");

    open(&mut s);
    let f = form(&s);
    assert_eq!(
        (f.value(IP).as_str(), f.value(PTR).as_str()),
        ("185.50.104.77", "web-7.half")
    );
    assert!(s
        .state()
        .flash
        .as_ref()
        .unwrap()
        .text
        .contains("draft restored"));

    // A failed job keeps it; a succeeded one drops it and refreshes the
    // colocation (not the whole inventory).
    clear_field(&mut s);
    type_text(&mut s, "185.50.104.77");
    press_code(&mut s, KeyCode::Tab);
    type_text(&mut s, ".example");
    let effects = press_code(&mut s, KeyCode::Enter);
    let id = sent(&effects).first().expect("sent").id;
    let effects = finish(&mut s, id, JobState::Failed("HTTP 400".into()), 5_000);
    assert!(effects.contains(&Effect::SaveDrafts), "{effects:?}");
    assert!(s.state().drafts.get(FormKind::Ptr, &colo_ref()).is_some());

    press_code(&mut s, KeyCode::Char('e'));
    assert_eq!(
        form(&s).value(PTR),
        "web-7.half.example",
        "the draft is back"
    );
    let effects = press_code(&mut s, KeyCode::Enter);
    let id = sent(&effects).first().expect("sent again").id;
    let effects = finish(&mut s, id, JobState::Succeeded(String::new()), 6_000);
    assert!(effects.contains(&Effect::SaveDrafts), "{effects:?}");
    assert!(
        effects.contains(&Effect::Fetch(I3D.into(), Fetch::Server(COLO.into()))),
        "{effects:?}"
    );
    assert!(s.state().drafts.is_empty());
}

#[test]
fn what_hostdeck_set_is_known_from_its_succeeded_jobs_only() {
    let mut s = store();
    let first = sent(&submit(&mut s, "185.50.104.77", "old.demo-ops.example"))[0].id;
    finish(&mut s, first, JobState::Succeeded(String::new()), 5_000);
    let failed = sent(&submit(&mut s, "185.50.104.78", "never.demo-ops.example"))[0].id;
    finish(&mut s, failed, JobState::Failed("HTTP 502".into()), 6_000);
    let newer = sent(&submit(&mut s, "185.50.104.77", "web-7.demo-ops.example"))[0].id;
    finish(&mut s, newer, JobState::Succeeded(String::new()), 7_000);
    let colo = s.state().selected_server().expect("selected").clone();
    assert_eq!(
        s.state().ptrs_set_on(&colo),
        vec![PtrSet {
            address: "185.50.104.77",
            hostname: "web-7.demo-ops.example",
            at: 7_000,
            job: newer,
        }],
        "the newest per address; a failed job set nothing"
    );
    select(&mut s, DEDICATED);
    let dedicated = s.state().selected_server().expect("selected").clone();
    assert!(s.state().ptrs_set_on(&dedicated).is_empty());
}

#[test]
fn power_is_not_offered_by_the_account_and_its_kind_says_why() {
    let s = store();
    let unoffered = bindings::unoffered(s.state());
    let power = unoffered
        .iter()
        .find(|u| u.what == Offering::Power)
        .expect("power is not offered");
    assert_eq!(power.keys, ["b", "o", "f", "s", "x", "p", "m"]);
    assert_eq!((power.account.as_str(), power.why), (I3D, Some(NO_POWER)));
    assert!(
        unoffered
            .iter()
            .all(|u| u.what != Offering::Capability(Capability::IpRequests)),
        "no account offers IP requests, so its key is not listed: {unoffered:?}"
    );
}
