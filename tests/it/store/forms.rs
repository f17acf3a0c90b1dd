//! Forms at the store level: keys (through the keymap) go in; the form,
//! drafts and effects come out. Invalid input keeps the form open and
//! says why; drafts survive Esc, a failed job and a restart.

use crate::support::events;
use crate::support::keys::{clear_field, form, press, press_code, type_text};
use crate::support::outcome::{self, flash_text, sent};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hostdeck::app::event::{Effect, Event};
use hostdeck::app::form::{FormKind, COUNT, IPV4, IPV6, IP_TYPE, PTR, REASON, REMARKS};
use hostdeck::app::intent::Intent;
use hostdeck::app::store::{ConfirmFocus, FlashLevel, Mode, Store};
use hostdeck::drafts;
use hostdeck::model::{AccountInfo, ProviderKind};
use hostdeck::model::{Capability, Command, Ip, JobState, ObjectKind, PowerState, Ref, Server};
use hostdeck::provider::Inventory;
use hostdeck::ui::keymap;

const ALL: [Capability; 4] = [
    Capability::ReverseDns,
    Capability::Domains,
    Capability::DomainRegistry,
    Capability::Contacts,
];

fn ip(address: &str, ptr: Option<&str>, remarks: Option<&str>) -> Ip {
    let mut ip = Ip::new(address, "public");
    ip.ptr = ptr.map(str::to_string);
    ip.remarks = remarks.map(str::to_string);
    ip
}

fn server(account: &str, name: &str) -> Server {
    Server {
        account: account.into(),
        id: format!("{name}-id"),
        name: name.into(),
        power: PowerState::On,
        status: "Active".into(),
        primary_ip: Some("185.3.4.5".into()),
        location: "AMS".into(),
        group: String::new(),
        os: "Debian".into(),
        cpu: Some(2),
        memory_gb: Some(4.0),
        in_maintenance: false,
        ips: vec![
            ip("185.3.4.5", Some("old.example.nl"), Some("rack 4")),
            ip("185.3.4.6", None, None),
        ],
        details: Vec::new(),
        actions: Vec::new(),
        actions_note: None,
        warnings: Vec::new(),
        fetched_at: 1_000,
        missing: Vec::new(),
    }
}

/// A store with one server on an account of the given kind.
fn store_with(account: AccountInfo) -> Store {
    let name = account.name.clone();
    let mut store = Store::new(vec![account], false);
    store.apply(events::inventory(
        &name,
        Ok(Inventory {
            servers: vec![server(&name, "web-1")],
            samples: Vec::new(),
            missing: Vec::new(),
            ..Inventory::default()
        }),
        10,
        2_000,
    ));
    store
}

fn store() -> Store {
    store_with(
        AccountInfo::new("cp-demo", ProviderKind::Controlepaneel, false)
            .with_capabilities(ALL.into()),
    )
}

fn open(store: &mut Store, kind: FormKind) -> Vec<Effect> {
    store.apply(Event::Intent(Intent::OpenForm(kind)))
}

fn ip_ref(address: &str) -> Ref {
    Ref::new("cp-demo", ObjectKind::Ip, address)
}

#[test]
fn e_opens_the_ptr_form_on_the_selected_servers_ip_prefilled() {
    let mut s = store();
    press_code(&mut s, KeyCode::Char('e'));
    let form = form(&s);
    assert_eq!(form.kind, FormKind::Ptr);
    assert_eq!(form.target, ip_ref("185.3.4.5"));
    assert_eq!(form.value(PTR), "old.example.nl");
    assert_eq!(form.value(REMARKS), "rack 4");
    assert_eq!(
        form.fields[form.focus].label, PTR,
        "focus starts on the PTR"
    );
    assert_eq!(
        form.title(),
        "Reverse DNS of 185.3.4.5 · server web-1 · cp-demo"
    );
}

#[test]
fn a_bad_hostname_is_refused_naming_the_field_and_the_input_is_kept() {
    let mut s = store();
    open(&mut s, FormKind::Ptr);
    clear_field(&mut s);
    type_text(&mut s, "Bad_Host.example.nl");
    let effects = press_code(&mut s, KeyCode::Enter);
    assert!(sent(&effects).is_empty(), "{effects:?}");
    assert!(s.state().jobs.is_empty());
    let form = form(&s);
    assert_eq!(
        form.value(PTR),
        "Bad_Host.example.nl",
        "kept exactly as typed"
    );
    let (index, message) = form.error.clone().expect("an error");
    assert_eq!(form.fields[index].label, PTR);
    assert_eq!(form.focus, index);
    assert_eq!(
        message,
        "PTR record: label 'Bad_Host' has '_' (only letters, digits and '-' are allowed)"
    );
    let flash = s.state().flash.clone().expect("flash");
    assert_eq!(flash.level, FlashLevel::Error);
    assert_eq!(flash.text, message);

    clear_field(&mut s);
    type_text(&mut s, "Web-1.Example.NL.");
    assert!(
        form_error(&s).is_none(),
        "editing the field clears its error"
    );
    let effects = press_code(&mut s, KeyCode::Enter);
    let jobs = sent(&effects);
    assert_eq!(jobs.len(), 1, "{effects:?}");
    assert_eq!(
        jobs[0].command,
        Command::SetPtr {
            hostname: "web-1.example.nl".into(),
            remarks: Some("rack 4".into()),
            server: None,
        }
    );
    assert_eq!(jobs[0].target, ip_ref("185.3.4.5"));
    assert_eq!(jobs[0].target.kind, ObjectKind::Ip);
    assert_eq!(jobs[0].target_name, "185.3.4.5");
    assert_eq!(s.state().mode, Mode::Normal);
}

fn form_error(s: &Store) -> Option<(usize, String)> {
    form(s).error.clone()
}

#[test]
fn switching_the_ip_prefills_it_and_keeps_what_was_typed_for_the_other() {
    let mut s = store();
    open(&mut s, FormKind::Ptr);
    type_text(&mut s, "x");
    press(&mut s, KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(form(&s).fields[form(&s).focus].label, "IP");
    let effects = press_code(&mut s, KeyCode::Right);
    assert!(effects.contains(&Effect::SaveDrafts));
    let f = form(&s);
    assert_eq!(f.target, ip_ref("185.3.4.6"));
    assert_eq!(f.value(PTR), "");
    assert_eq!(f.value(REMARKS), "");
    assert_eq!(
        f.title(),
        "Reverse DNS of 185.3.4.6 · server web-1 · cp-demo"
    );
    press_code(&mut s, KeyCode::Char(' '));
    assert_eq!(form(&s).value(PTR), "old.example.nlx", "the draft is back");
}

#[test]
fn esc_keeps_the_draft_and_reopening_restores_it() {
    let mut s = store();
    open(&mut s, FormKind::Ptr);
    type_text(&mut s, ".half");
    let effects = press_code(&mut s, KeyCode::Esc);
    assert_eq!(effects, vec![Effect::SaveDrafts]);
    assert_eq!(s.state().mode, Mode::Normal);
    let draft = s
        .state()
        .drafts
        .get(FormKind::Ptr, &ip_ref("185.3.4.5"))
        .expect("draft");
    assert_eq!(draft.values[PTR], "old.example.nl.half");
    open(&mut s, FormKind::Ptr);
    assert_eq!(form(&s).value(PTR), "old.example.nl.half");
    assert!(s
        .state()
        .flash
        .as_ref()
        .unwrap()
        .text
        .contains("draft restored"));
}

#[test]
fn a_form_closed_as_prefilled_leaves_no_draft() {
    let mut s = store();
    open(&mut s, FormKind::Ptr);
    let effects = press_code(&mut s, KeyCode::Esc);
    assert!(effects.is_empty());
    assert!(s.state().drafts.is_empty());
    // Typing and undoing it is no change either; an earlier draft goes.
    open(&mut s, FormKind::Ptr);
    type_text(&mut s, "z");
    press_code(&mut s, KeyCode::Esc);
    assert_eq!(s.state().drafts.len(), 1);
    open(&mut s, FormKind::Ptr);
    press_code(&mut s, KeyCode::Backspace);
    assert_eq!(press_code(&mut s, KeyCode::Esc), vec![Effect::SaveDrafts]);
    assert!(s.state().drafts.is_empty());
}

fn submit_ptr(s: &mut Store, hostname: &str) -> u64 {
    open(s, FormKind::Ptr);
    clear_field(s);
    type_text(s, hostname);
    let effects = press_code(s, KeyCode::Enter);
    assert!(effects.contains(&Effect::SaveDrafts), "{effects:?}");
    sent(&effects).first().expect("sent").id
}

fn finish(s: &mut Store, id: u64, state: JobState) -> Vec<Effect> {
    outcome::finish(s, id, state, 5_000)
}

#[test]
fn a_failed_job_keeps_the_draft_and_a_succeeded_one_drops_it() {
    let mut s = store();
    let id = submit_ptr(&mut s, "new.example.nl");
    let effects = finish(&mut s, id, JobState::Failed("Error1".into()));
    assert!(
        effects.contains(&Effect::SaveDrafts),
        "saved as no longer being sent: {effects:?}"
    );
    open(&mut s, FormKind::Ptr);
    assert_eq!(
        form(&s).value(PTR),
        "new.example.nl",
        "what was typed is back"
    );
    press_code(&mut s, KeyCode::Esc);

    let id = submit_ptr(&mut s, "newer.example.nl");
    let effects = finish(&mut s, id, JobState::Succeeded(String::new()));
    assert!(effects.contains(&Effect::SaveDrafts), "{effects:?}");
    assert!(s.state().drafts.is_empty());
}

#[test]
fn a_draft_edited_after_sending_survives_the_jobs_success() {
    let mut s = store();
    let id = submit_ptr(&mut s, "new.example.nl");
    open(&mut s, FormKind::Ptr);
    type_text(&mut s, "x");
    press_code(&mut s, KeyCode::Esc);
    finish(&mut s, id, JobState::Succeeded(String::new()));
    let draft = s
        .state()
        .drafts
        .get(FormKind::Ptr, &ip_ref("185.3.4.5"))
        .expect("the newer edit is unsent");
    assert_eq!(draft.values[PTR], "new.example.nlx");
}

#[test]
fn a_read_only_account_refuses_the_form_at_once_and_audits() {
    let account = AccountInfo::new("cp-demo", ProviderKind::Controlepaneel, true)
        .with_capabilities(ALL.into());
    let mut s = store_with(account);
    let effects = open(&mut s, FormKind::Ptr);
    assert_eq!(s.state().mode, Mode::Normal);
    let reason = "read-only mode: edit reverse DNS refused for 185.3.4.5 on cp-demo";
    assert_eq!(
        effects,
        vec![Effect::AuditRefused {
            target: ip_ref("185.3.4.5"),
            action: "set-ptr".into(),
            reason: reason.into(),
        }]
    );
    assert_eq!(s.state().flash.as_ref().unwrap().text, reason);
}

#[test]
fn an_account_without_reverse_dns_refuses_the_form() {
    let mut s = store_with(AccountInfo::new("cp-demo", ProviderKind::Clc, false));
    let effects = open(&mut s, FormKind::Ptr);
    assert!(matches!(effects.as_slice(), [Effect::AuditRefused { .. }]));
    assert_eq!(
        s.state().flash.as_ref().unwrap().text,
        "reverse DNS editing is not offered by clc (account cp-demo)"
    );
    assert_eq!(s.state().mode, Mode::Normal);
}

#[test]
fn keys_typed_in_a_form_are_text_not_commands() {
    let mut s = store();
    open(&mut s, FormKind::Ptr);
    clear_field(&mut s);
    for c in ['q', 'j', 'k', '/', ':', '?', 'e', 'b', 'G', 'A'] {
        // Typed text is only ever kept as a draft.
        let effects = press_code(&mut s, KeyCode::Char(c));
        assert_eq!(effects, vec![Effect::SaveDraftsSoon], "{c}");
    }
    assert_eq!(form(&s).value(PTR), "qjk/:?ebGA");
    assert!(s.state().jobs.is_empty());
    // Arrows move the cursor inside the text; Home/End too.
    press_code(&mut s, KeyCode::Home);
    type_text(&mut s, "<");
    assert_eq!(form(&s).value(PTR), "<qjk/:?ebGA");
}

#[test]
fn ctrl_c_from_a_form_keeps_the_draft_and_quits() {
    let mut s = store();
    open(&mut s, FormKind::Ptr);
    type_text(&mut s, "-2");
    let effects = press(
        &mut s,
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
    );
    let position = |e: &Effect| effects.iter().position(|x| x == e);
    let saved = position(&Effect::SaveDrafts).expect("drafts saved");
    let quit = position(&Effect::Quit).expect("quit");
    assert!(saved < quit);
    assert_eq!(s.state().drafts.len(), 1);
}

#[test]
fn an_open_form_is_kept_when_the_session_ends_without_closing_it() {
    let mut s = store();
    open(&mut s, FormKind::Ptr);
    type_text(&mut s, "-3");
    assert!(s.keep_open_form());
    assert!(matches!(s.state().mode, Mode::Form(_)));
    assert_eq!(
        s.state().drafts.iter().next().unwrap().values[PTR],
        "old.example.nl-3"
    );
}

#[test]
fn drafts_survive_a_restart_and_a_corrupt_file_is_set_aside() {
    let dir = std::env::temp_dir().join(format!("hostdeck-drafts-{}", std::process::id()));
    let path = dir.join("drafts.json");
    let mut s = store();
    let id = submit_ptr(&mut s, "sent.example.nl");
    drafts::save(&path, &s.state().drafts).expect("save");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "drafts are private");
    }
    let loaded = drafts::load(&path);
    assert_eq!(loaded.len(), 1);
    let draft = loaded.iter().next().unwrap();
    assert_eq!(
        draft.sent_job, None,
        "an earlier session's job is not trusted"
    );
    assert!(
        draft.send_interrupted().is_some(),
        "saved while its job was out: the send may have arrived"
    );
    let mut restarted = store();
    restarted.restore_drafts(loaded);
    open(&mut restarted, FormKind::Ptr);
    assert_eq!(form(&restarted).value(PTR), "sent.example.nl");
    let flash = restarted.state().flash.clone().expect("a flash");
    assert_eq!(flash.level, FlashLevel::Warn);
    assert!(
        flash.text.contains("hostdeck stopped while sending it"),
        "{}",
        flash.text
    );
    // The old job id means nothing now: a new job with that id does not drop it.
    press_code(&mut restarted, KeyCode::Esc);
    finish(&mut restarted, id, JobState::Succeeded(String::new()));
    assert_eq!(restarted.state().drafts.len(), 1);

    std::fs::write(&path, b"{ not json").unwrap();
    assert!(drafts::load(&path).is_empty());
    assert!(dir.join("drafts.json.corrupt").exists());
    assert!(!path.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn new_contact_with_a_bad_country_is_refused_naming_country() {
    let mut s = store();
    open(&mut s, FormKind::NewContact);
    assert_eq!(form(&s).title(), "New contact · cp-demo");
    let values = [
        ("Handle", "ACME-01"),
        ("Gender", "m"),
        ("FirstName", "Jan"),
        ("LastName", "Jansen"),
        ("Address", "Dorpsstraat 1"),
        ("ZipCode", "1234 AB"),
        ("City", "Amsterdam"),
        ("Country", "XX"),
        ("PhoneNumber", "+31 20 123 4567"),
    ];
    fill(&mut s, &values);
    let effects = press_code(&mut s, KeyCode::Enter);
    assert!(sent(&effects).is_empty());
    let f = form(&s);
    let (index, message) = f.error.clone().expect("error");
    assert_eq!(f.fields[index].label, "Country");
    assert_eq!(f.focus, index);
    assert!(
        message.starts_with("Country: 'XX' is not an ISO 3166-1"),
        "{message}"
    );

    clear_field(&mut s);
    type_text(&mut s, "nl");
    let effects = press_code(&mut s, KeyCode::Enter);
    let jobs = sent(&effects);
    assert_eq!(jobs.len(), 1, "{effects:?}");
    assert_eq!(jobs[0].target, Ref::new("cp-demo", ObjectKind::Contact, ""));
    assert_eq!(jobs[0].target_name, "ACME-01");
    match &jobs[0].command {
        Command::AddContact(fields) => {
            assert_eq!(fields.country, "NL");
            assert_eq!(fields.handle, "ACME-01");
        }
        other => panic!("expected AddContact, got {other:?}"),
    }
}

/// Types each value into the field of that label (tab moves on).
fn fill(s: &mut Store, values: &[(&str, &str)]) {
    for (label, value) in values {
        let count = form(s).fields.len();
        for _ in 0..count {
            if form(s).fields[form(s).focus].label == *label {
                break;
            }
            press_code(s, KeyCode::Tab);
        }
        assert_eq!(form(s).fields[form(s).focus].label, *label);
        clear_field(s);
        type_text(s, value);
    }
}

#[test]
fn no_account_with_contacts_means_no_contact_form() {
    let mut s = store_with(AccountInfo::new("clc", ProviderKind::Clc, false));
    let effects = open(&mut s, FormKind::NewContact);
    assert!(effects.is_empty());
    assert_eq!(s.state().mode, Mode::Normal);
    assert!(s
        .state()
        .flash
        .as_ref()
        .unwrap()
        .text
        .contains("no account offers"));
}

#[test]
fn the_ptr_command_line_opens_the_form() {
    let mut s = store();
    press_code(&mut s, KeyCode::Char(':'));
    type_text(&mut s, "rdns");
    press_code(&mut s, KeyCode::Enter);
    assert_eq!(form(&s).kind, FormKind::Ptr);
}

// The IP request form (`i`): controlepaneel's `servers request_ip`.

fn cp_with_ip_requests(read_only: bool) -> AccountInfo {
    AccountInfo::new("cp-demo", ProviderKind::Controlepaneel, read_only)
        .with_capabilities(vec![Capability::ReverseDns, Capability::IpRequests])
}

fn ip_store() -> Store {
    store_with(cp_with_ip_requests(false))
}

fn server_ref() -> Ref {
    Ref::new("cp-demo", ObjectKind::Server, "web-1-id")
}

/// Opens the IP request form with `i` and types a count and a reason
/// (the type is left as it is).
fn fill_ip_request(s: &mut Store, count: &str, reason: &str) {
    press_code(s, KeyCode::Char('i'));
    clear_field(s);
    type_text(s, count);
    press_code(s, KeyCode::Tab);
    press_code(s, KeyCode::Tab);
    clear_field(s);
    type_text(s, reason);
}

#[test]
fn i_opens_the_ip_request_form_for_one_ipv4_address_on_the_selected_server() {
    let mut s = ip_store();
    let effects = press_code(&mut s, KeyCode::Char('i'));
    assert!(effects.is_empty(), "{effects:?}");
    let f = form(&s);
    assert_eq!(f.kind, FormKind::IpRequest);
    assert_eq!(f.target, server_ref());
    assert_eq!(f.target_name, "web-1");
    assert_eq!(f.title(), "Request IP addresses for server web-1 · cp-demo");
    let labels: Vec<&str> = f.fields.iter().map(|f| f.label).collect();
    assert_eq!(labels, [COUNT, IP_TYPE, REASON]);
    assert_eq!(f.value(COUNT), "1");
    assert_eq!(f.value(IP_TYPE), IPV4);
    assert_eq!(f.value(REASON), "");
    assert_eq!(f.fields[f.focus].label, COUNT);
    // The type is a choice: ←/→ or space switch it.
    press_code(&mut s, KeyCode::Tab);
    press_code(&mut s, KeyCode::Right);
    assert_eq!(form(&s).value(IP_TYPE), IPV6);
    press_code(&mut s, KeyCode::Char(' '));
    assert_eq!(form(&s).value(IP_TYPE), IPV4);
}

#[test]
fn a_bad_ip_request_is_refused_naming_the_field_and_the_input_is_kept() {
    let mut s = ip_store();
    let cases = [
        (
            "two",
            "more sites",
            COUNT,
            "count 'two' is not a number: ask for 1 to 16 addresses at a time",
        ),
        (
            "20",
            "more sites",
            COUNT,
            "count 20 refused: ask for 1 to 16 addresses at a time",
        ),
        (
            "0",
            "more sites",
            COUNT,
            "count 0 refused: ask for 1 to 16 addresses at a time",
        ),
        (
            "2",
            "   ",
            REASON,
            "Reason: a reason is required: say why the addresses are needed",
        ),
    ];
    for (count, reason, label, expected) in cases {
        fill_ip_request(&mut s, count, reason);
        let effects = press_code(&mut s, KeyCode::Enter);
        assert!(sent(&effects).is_empty(), "{count}: {effects:?}");
        let f = form(&s);
        let (index, message) = f.error.clone().expect("an error");
        assert_eq!(f.fields[index].label, label, "{count}");
        assert_eq!(f.focus, index, "the focus goes to the bad field");
        assert_eq!(message, expected);
        assert_eq!(f.value(COUNT), count, "kept as typed");
        assert_eq!(f.value(REASON), reason, "kept as typed");
        assert_eq!(flash_text(&s), expected);
        assert_eq!(s.state().flash.as_ref().unwrap().level, FlashLevel::Error);
        press_code(&mut s, KeyCode::Esc);
    }
    assert!(s.state().jobs.is_empty());
}

#[test]
fn an_ip_request_asks_first_then_sends_one_job_to_the_server() {
    let mut s = ip_store();
    fill_ip_request(&mut s, " 2 ", "  more sites ");
    press(&mut s, KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    press_code(&mut s, KeyCode::Right); // IPv6
    let effects = press_code(&mut s, KeyCode::Enter);
    assert!(sent(&effects).is_empty(), "asks first: {effects:?}");
    assert!(
        effects.contains(&Effect::SaveDrafts),
        "kept until sent: {effects:?}"
    );
    let expected = Command::RequestIps {
        ipv6: true,
        count: 2,
        reason: "more sites".into(),
    };
    let Mode::Confirm(confirm) = &s.state().mode else {
        panic!("expected the confirm dialog, got {:?}", s.state().mode);
    };
    assert_eq!(confirm.command, expected);
    assert_eq!(confirm.target, server_ref());
    assert_eq!(confirm.target_name, "web-1");
    assert_eq!(confirm.focus, ConfirmFocus::Cancel, "Cancel has the focus");

    press_code(&mut s, KeyCode::Tab);
    let effects = press_code(&mut s, KeyCode::Enter);
    let jobs = sent(&effects);
    assert_eq!(jobs.len(), 1, "{effects:?}");
    assert_eq!(jobs[0].command, expected);
    assert_eq!(jobs[0].target, server_ref());
    assert_eq!(jobs[0].target_name, "web-1");
    assert_eq!(s.state().mode, Mode::Normal);
    assert_eq!(s.state().jobs.len(), 1, "the job is in the jobs pane");
    assert_eq!(
        flash_text(&s),
        format!(
            "job #{}: request 2 IPv6 addresses for web-1 on cp-demo",
            jobs[0].id
        )
    );
}

#[test]
fn cancelling_the_ip_request_dialog_goes_back_to_the_form_with_what_was_typed() {
    let mut s = ip_store();
    fill_ip_request(&mut s, "3", "mail cluster");
    press_code(&mut s, KeyCode::Enter);
    assert!(matches!(s.state().mode, Mode::Confirm(_)));
    let effects = press_code(&mut s, KeyCode::Enter); // Cancel has the focus
    assert!(sent(&effects).is_empty());
    let f = form(&s);
    assert_eq!(f.kind, FormKind::IpRequest);
    assert_eq!(f.value(COUNT), "3");
    assert_eq!(f.value(REASON), "mail cluster");
    assert!(flash_text(&s).starts_with("cancelled: request 3 IPv4 addresses for web-1"));
    press_code(&mut s, KeyCode::Esc);
    assert_eq!(s.state().mode, Mode::Normal);
    let draft = s
        .state()
        .drafts
        .get(FormKind::IpRequest, &server_ref())
        .expect("the draft is kept");
    assert_eq!(draft.values[REASON], "mail cluster");
    assert!(s.state().jobs.is_empty());
}

/// Fills, submits and confirms an IP request; the job's id.
fn send_ip_request(s: &mut Store, count: &str, reason: &str) -> u64 {
    fill_ip_request(s, count, reason);
    press_code(s, KeyCode::Enter);
    press_code(s, KeyCode::Tab);
    let effects = press_code(s, KeyCode::Enter);
    sent(&effects).first().expect("sent").id
}

#[test]
fn a_failed_ip_request_keeps_its_draft_and_a_succeeded_one_drops_it_and_refreshes() {
    let mut s = ip_store();
    let id = send_ip_request(&mut s, "2", "more sites");
    let effects = finish(
        &mut s,
        id,
        JobState::Failed("Count moet een getal zijn".into()),
    );
    assert!(
        effects.contains(&events::fetch_server(&server_ref())),
        "{effects:?}"
    );
    assert_eq!(
        flash_text(&s),
        "request 2 IPv4 addresses for web-1 on cp-demo failed: Count moet een getal zijn"
    );
    press_code(&mut s, KeyCode::Char('i'));
    assert_eq!(form(&s).value(COUNT), "2", "what was typed is back");
    assert_eq!(form(&s).value(REASON), "more sites");
    press_code(&mut s, KeyCode::Esc);

    let id = send_ip_request(&mut s, "2", "more sites, again");
    let effects = finish(&mut s, id, JobState::Succeeded("requested".into()));
    assert!(
        effects.contains(&events::fetch_server(&server_ref())),
        "{effects:?}"
    );
    assert!(effects.contains(&Effect::SaveDrafts), "{effects:?}");
    assert!(s.state().drafts.is_empty());
    assert_eq!(
        flash_text(&s),
        "request 2 IPv4 addresses for web-1 on cp-demo: succeeded requested"
    );
    press_code(&mut s, KeyCode::Char('i'));
    assert_eq!(form(&s).value(COUNT), "1", "a fresh form after success");
    assert_eq!(form(&s).value(REASON), "");
}

#[test]
fn an_ip_request_draft_survives_a_restart() {
    let dir = std::env::temp_dir().join(format!("hostdeck-ip-drafts-{}", std::process::id()));
    let path = dir.join("drafts.json");
    let mut s = ip_store();
    fill_ip_request(&mut s, "4", "new customers");
    press_code(&mut s, KeyCode::Esc);
    drafts::save(&path, &s.state().drafts).expect("save");
    let mut restarted = ip_store();
    restarted.restore_drafts(drafts::load(&path));
    press_code(&mut restarted, KeyCode::Char('i'));
    assert_eq!(form(&restarted).value(COUNT), "4");
    assert_eq!(form(&restarted).value(REASON), "new customers");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_account_without_ip_requests_refuses_the_form_in_the_clis_words() {
    let mut s = store_with(AccountInfo::new("clc-prod", ProviderKind::Clc, false));
    let effects = press_code(&mut s, KeyCode::Char('i'));
    let reason = "requesting IP addresses is not offered by clc (account clc-prod)";
    assert_eq!(
        effects,
        vec![Effect::AuditRefused {
            target: Ref::new("clc-prod", ObjectKind::Server, "web-1-id"),
            action: "request-ip".into(),
            reason: reason.into(),
        }]
    );
    assert_eq!(flash_text(&s), reason);
    assert_eq!(s.state().mode, Mode::Normal);
    let hints = keymap::hints(s.state());
    assert!(!hints.iter().any(|(key, _)| key == "i"), "{hints:?}");
}

#[test]
fn read_only_refuses_the_ip_request_form_at_once() {
    let reason = "read-only mode: request IP addresses refused for web-1 on cp-demo";
    let by_account = store_with(cp_with_ip_requests(true));
    let mut global = Store::new(vec![cp_with_ip_requests(false)], true);
    global.apply(events::inventory(
        "cp-demo",
        Ok(Inventory {
            servers: vec![server("cp-demo", "web-1")],
            samples: Vec::new(),
            missing: Vec::new(),
            ..Inventory::default()
        }),
        10,
        2_000,
    ));
    for mut s in [by_account, global] {
        let effects = press_code(&mut s, KeyCode::Char('i'));
        assert_eq!(
            effects,
            vec![Effect::AuditRefused {
                target: server_ref(),
                action: "request-ip".into(),
                reason: reason.into(),
            }]
        );
        assert_eq!(flash_text(&s), reason);
        assert_eq!(s.state().mode, Mode::Normal);
        assert_eq!(keymap::hints(s.state()), vec![(String::new(), "read-only")]);
    }
}

#[test]
fn the_hint_bar_offers_i_where_the_account_requests_ips() {
    let s = ip_store();
    let hints = keymap::hints(s.state());
    assert!(hints.contains(&("i".to_string(), "+IPs")), "{hints:?}");
}

#[test]
fn the_request_ip_command_line_opens_the_form() {
    let mut s = ip_store();
    press_code(&mut s, KeyCode::Char(':'));
    type_text(&mut s, "request-ip");
    press_code(&mut s, KeyCode::Enter);
    assert_eq!(form(&s).kind, FormKind::IpRequest);
}
