//! DNS records at the store level: opening a domain's records (`R`,
//! `:records`), the list arriving, the record form and the delete dialog
//! (keys through the keymap), one job per change, the list asked for
//! again after it, and what is refused: read-only accounts, an account
//! without DNS records, bad input (kept, the field named), a second change
//! while the zone is moving. Fixtures in `support::records`.

use crate::support::events::{self, fetch_records};
use crate::support::keys::{clear_field, form, press_char, press_code, type_text};
use crate::support::outcome::{self, flash_text, sent};
use crate::support::panes::now;
use crate::support::records::{
    self as fx, apply, domain_ref, domains_store, open, record, row_ids, select, zone, CP, DOMAIN,
    HB, HB_RO,
};
use crossterm::event::KeyCode;
use hostdeck::app::bindings;
use hostdeck::app::event::Effect;
use hostdeck::app::form::{FormKind, CONTENT, NAME, PRIORITY, TYPE};
use hostdeck::app::intent::Intent;
use hostdeck::app::panes::ViewKind;
use hostdeck::app::store::{ConfirmFocus, FlashLevel, Mode, Store};
use hostdeck::model::{now_millis, Capability, Command, JobState, Offering, RecordFields};
use hostdeck::provider::{ErrorKind, ProviderError};

fn store() -> Store {
    fx::store((120, 40))
}

/// The confirm dialog a record change opens: Cancel focused, naming the
/// change; tab and enter send it.
fn confirm_change(store: &mut Store, label: &str) -> Vec<Effect> {
    let Mode::Confirm(confirm) = &store.state().mode else {
        panic!("a dialog: {:?}", store.state().mode)
    };
    assert_eq!(confirm.focus, ConfirmFocus::Cancel);
    assert_eq!(confirm.command.label_on(&confirm.target_name), label);
    press_code(store, KeyCode::Tab);
    press_code(store, KeyCode::Enter)
}

fn finish(store: &mut Store, id: u64, state: JobState) -> Vec<Effect> {
    outcome::finish(store, id, state, now())
}

/// Selects the domain `name` of `account` in the domains view.
fn select_domain(store: &mut Store, account: &str, name: &str) {
    apply(store, Intent::Top);
    for _ in 0..store.state().data.domains().count() {
        let selected = store.state().selected_domain();
        if selected.is_some_and(|d| d.account == account && d.id == name) {
            return;
        }
        apply(store, Intent::MoveBy(1));
    }
    panic!("no domain {account}:{name}");
}

/// Fills the open record form (its focus on the type): the type (→
/// until it shows), name, content and priority.
fn fill(store: &mut Store, record_type: &str, name: &str, content: &str, priority: &str) {
    for _ in 0..6 {
        if form(store).value(TYPE) == record_type {
            break;
        }
        press_code(store, KeyCode::Right);
    }
    assert_eq!(form(store).value(TYPE), record_type);
    for text in [name, content, priority] {
        press_code(store, KeyCode::Tab);
        clear_field(store);
        type_text(store, text);
    }
}

// Opening the records of a domain.

#[test]
fn r_on_a_domain_shows_its_records_and_lists_them_once() {
    let mut s = domains_store((120, 40));
    select_domain(&mut s, HB, DOMAIN);
    let domain = domain_ref(HB, DOMAIN);
    let effects = press_char(&mut s, 'R');
    assert_eq!(effects, vec![fetch_records(&domain)]);
    assert_eq!(s.state().main_view, ViewKind::Records);
    assert_eq!(s.state().panes.records.domain.as_ref(), Some(&domain));
    assert!(row_ids(&s).is_empty(), "loading");
    // Arrived just now: freshness is measured on the clock.
    s.apply(events::records(&domain, Ok(zone()), now_millis()));
    // By name (`@` first), then in the provider's order.
    assert_eq!(row_ids(&s), ["1", "3", "5", "6", "4", "2"]);
    assert_eq!(
        s.state().selected_record().map(|r| r.id.as_str()),
        Some("1")
    );
    // Esc goes back to the domains; coming back soon does not list again.
    press_code(&mut s, KeyCode::Esc);
    assert_eq!(s.state().main_view, ViewKind::Domains);
    assert!(press_char(&mut s, 'R').is_empty());
    assert_eq!(row_ids(&s).len(), 6);
    // A refresh always lists again.
    assert_eq!(press_char(&mut s, 'r'), vec![fetch_records(&domain)]);
    assert_eq!(
        flash_text(&s),
        "listing the DNS records of example.nl again"
    );
}

#[test]
fn records_open_by_name_from_anywhere() {
    let mut s = domains_store((120, 40));
    apply(&mut s, Intent::ShowView(ViewKind::Servers));
    let run = |s: &mut Store, line: &str| {
        apply(s, Intent::StartCommand);
        type_text(s, line);
        press_code(s, KeyCode::Enter)
    };
    let effects = run(&mut s, "records example.nl");
    assert_eq!(effects, vec![fetch_records(&domain_ref(HB, DOMAIN))]);
    assert_eq!(s.state().main_view, ViewKind::Records);
    // shop.nl is listed in two accounts; one of them has no DNS records.
    apply(&mut s, Intent::ShowView(ViewKind::Tickets));
    assert!(run(&mut s, "records shop.nl").is_empty());
    assert_eq!(
        flash_text(&s),
        "shop.nl is in several accounts: cp-demo:shop.nl, hb-main:shop.nl (give ACCOUNT:shop.nl)"
    );
    assert_eq!(s.state().main_view, ViewKind::Tickets);
    let effects = run(&mut s, "records hb-main:shop.nl");
    assert_eq!(effects, vec![fetch_records(&domain_ref(HB, "shop.nl"))]);
    assert!(row_ids(&s).is_empty(), "another domain: its own rows");
    // A domain not listed goes to the account named.
    apply(&mut s, Intent::ShowView(ViewKind::Servers));
    let effects = run(&mut s, "records hb-ro:new.nl");
    assert_eq!(effects, vec![fetch_records(&domain_ref(HB_RO, "new.nl"))]);
    assert!(run(&mut s, "records not_a_domain").is_empty());
    assert_eq!(
        flash_text(&s),
        "'not_a_domain' is not a domain name (e.g. example.nl)"
    );
    apply(&mut s, Intent::ShowView(ViewKind::Servers));
    assert!(run(&mut s, "records").is_empty());
    assert!(flash_text(&s).starts_with("give a domain: :records [ACCOUNT:]DOMAIN"));
    assert_eq!(s.state().main_view, ViewKind::Servers);
}

#[test]
fn a_domain_without_dns_records_says_so_and_r_is_not_offered_there() {
    let mut s = domains_store((120, 40));
    select_domain(&mut s, CP, "cp-only.nl");
    let hints: Vec<&str> = bindings::hints(s.state()).iter().map(|h| h.1).collect();
    assert!(!hints.contains(&"records"), "{hints:?}");
    let unoffered = bindings::unoffered(s.state());
    let dns = unoffered
        .iter()
        .find(|u| u.what == Offering::Capability(Capability::DnsRecords))
        .expect("DNS records are not offered on cp-demo");
    assert_eq!(
        (dns.account.as_str(), dns.keys.as_slice()),
        (CP, &["R".to_string()][..])
    );
    assert!(press_char(&mut s, 'R').is_empty());
    assert_eq!(
        flash_text(&s),
        "DNS records is not offered by controlepaneel (account cp-demo)"
    );
    assert_eq!(s.state().main_view, ViewKind::Domains);
    select_domain(&mut s, HB, DOMAIN);
    let hints: Vec<&str> = bindings::hints(s.state()).iter().map(|h| h.1).collect();
    assert!(hints.contains(&"records"), "{hints:?}");
}

#[test]
fn sort_and_filter_work_as_in_every_table() {
    let mut s = store();
    press_char(&mut s, '2'); // TYPE
    assert_eq!(row_ids(&s), ["1", "4", "2", "3", "6", "5"]);
    apply(&mut s, Intent::SortNamed("content".into()));
    assert_eq!(row_ids(&s)[0], "6", "10 5 5060 … sorts first");
    press_char(&mut s, '/');
    type_text(&mut s, "mail");
    press_code(&mut s, KeyCode::Enter);
    assert_eq!(row_ids(&s), ["4", "3", "5"]);
    press_code(&mut s, KeyCode::Esc);
    assert_eq!(row_ids(&s).len(), 6);
}

#[test]
fn a_failed_list_keeps_the_last_records_and_its_error() {
    let mut s = store();
    let domain = domain_ref(HB, DOMAIN);
    press_char(&mut s, 'r');
    let error = ProviderError::new(
        HB,
        "list DNS records of example.nl",
        ErrorKind::Http,
        "HTTP 503",
    );
    s.apply(events::records(&domain, Err(error.clone()), now()));
    assert_eq!(row_ids(&s).len(), 6, "the last list stays");
    let slot = &s.state().data.records[&domain];
    assert_eq!(slot.error.as_deref(), Some(error.to_string().as_str()));
    assert_eq!(flash_text(&s), error.to_string());
    // Not listing any more: changes are not held back by a failed list.
    select(&mut s, "3");
    press_char(&mut s, 'e');
    assert!(
        matches!(s.state().mode, Mode::Form(_)),
        "{}",
        flash_text(&s)
    );
}

// Adding, editing and deleting.

#[test]
fn a_new_record_is_one_job_and_the_records_are_listed_again_after_it() {
    let mut s = store();
    let domain = domain_ref(HB, DOMAIN);
    press_char(&mut s, 'a');
    let f = form(&s);
    assert_eq!(f.kind, FormKind::NewRecord);
    assert_eq!(f.title(), "New DNS record in example.nl · hb-main");
    assert_eq!(f.value(TYPE), "A");
    fill(&mut s, "MX", "backup", "mx2.example.net", "20");
    assert_eq!(form(&s).value(TYPE), "MX");
    assert_eq!(
        form(&s).field(PRIORITY).map(|f| f.hint),
        Some("0 to 65535, required")
    );
    let effects = press_code(&mut s, KeyCode::Enter);
    assert!(sent(&effects).is_empty(), "asks first: {effects:?}");
    let effects = confirm_change(
        &mut s,
        "add record MX backup → 20 mx2.example.net in example.nl",
    );
    let jobs = sent(&effects);
    assert_eq!(jobs.len(), 1, "{effects:?}");
    assert_eq!(jobs[0].target, domain);
    assert_eq!(
        jobs[0].command,
        Command::AddRecord(Box::new(RecordFields::new(
            "MX",
            "backup",
            "mx2.example.net",
            Some(20)
        )))
    );
    assert_eq!(s.state().mode, Mode::Normal);
    assert_eq!(s.state().drafts.len(), 1, "kept until it went through");
    let id = jobs[0].id;
    let effects = finish(&mut s, id, JobState::Succeeded("added".into()));
    assert!(effects.contains(&fetch_records(&domain)), "{effects:?}");
    assert_eq!(s.state().drafts.len(), 0);
    // Until the list is back, a record is not changed on an id that may
    // have moved.
    select(&mut s, "3");
    assert!(press_char(&mut s, 'x').is_empty());
    assert!(
        flash_text(&s).contains("are being listed again"),
        "{}",
        flash_text(&s)
    );
    assert_eq!(s.state().mode, Mode::Normal);
    let mut listed = zone();
    listed.push(record("7", "backup", "MX", "mx2.example.net", Some(20)));
    s.apply(events::records(&domain, Ok(listed), now()));
    assert_eq!(row_ids(&s).len(), 7);
    press_char(&mut s, 'x');
    assert!(matches!(s.state().mode, Mode::Confirm(_)));
}

#[test]
fn an_edit_is_prefilled_sends_the_record_as_listed_and_one_job() {
    let mut s = store();
    select(&mut s, "3");
    press_char(&mut s, 'e');
    let f = form(&s);
    assert_eq!(f.kind, FormKind::EditRecord);
    assert_eq!(
        f.title(),
        "DNS record MX @ → 10 mail.example.nl · example.nl · hb-main"
    );
    let values: Vec<String> = [TYPE, NAME, CONTENT, PRIORITY]
        .iter()
        .map(|l| f.value(l))
        .collect();
    assert_eq!(values, ["MX", "@", "mail.example.nl", "10"]);
    assert!(!f.is_edited());
    press_code(&mut s, KeyCode::Tab);
    press_code(&mut s, KeyCode::Tab);
    press_code(&mut s, KeyCode::Tab);
    clear_field(&mut s);
    type_text(&mut s, "5");
    press_code(&mut s, KeyCode::Enter);
    let effects = confirm_change(&mut s, "edit record MX @ → 5 mail.example.nl in example.nl");
    let jobs = sent(&effects);
    assert_eq!(jobs.len(), 1, "{effects:?}");
    assert_eq!(jobs[0].target, domain_ref(HB, DOMAIN));
    assert_eq!(jobs[0].target_name, DOMAIN);
    assert_eq!(
        jobs[0].command,
        Command::EditRecord {
            id: "3".into(),
            listed: Box::new(RecordFields::new("MX", "@", "mail.example.nl", Some(10))),
            fields: Box::new(RecordFields::new("MX", "@", "mail.example.nl", Some(5))),
        }
    );
    assert_eq!(
        flash_text(&s),
        "job #1: edit record MX @ → 5 mail.example.nl in example.nl on hb-main"
    );
    // A second change of the zone waits for the first.
    select(&mut s, "1");
    let effects = press_char(&mut s, 'x');
    assert_eq!(s.state().mode, Mode::Normal, "no dialog");
    assert!(sent(&effects).is_empty(), "{effects:?}");
    assert!(
        flash_text(&s).starts_with("a DNS record change of example.nl is still running (job #1)"),
        "{}",
        flash_text(&s)
    );
}

#[test]
fn bad_input_is_refused_naming_the_field_and_kept() {
    let mut s = store();
    press_char(&mut s, 'a');
    fill(&mut s, "A", "www2", "2001:db8::80", "");
    let effects = press_code(&mut s, KeyCode::Enter);
    assert!(sent(&effects).is_empty(), "{effects:?}");
    let f = form(&s);
    let message = "Content: '2001:db8::80' is an IPv6 address: an A record takes IPv4 (use AAAA)";
    assert_eq!(
        f.error,
        Some((f.position(CONTENT).unwrap(), message.to_string()))
    );
    assert_eq!(f.focus, f.position(CONTENT).unwrap());
    assert_eq!(
        (f.value(NAME), f.value(CONTENT)),
        ("www2".into(), "2001:db8::80".into())
    );
    assert_eq!(flash_text(&s), message);
    // The type switched to AAAA: the same content goes through.
    press_code(&mut s, KeyCode::BackTab);
    press_code(&mut s, KeyCode::BackTab);
    press_code(&mut s, KeyCode::Right);
    press_code(&mut s, KeyCode::Enter);
    let effects = confirm_change(&mut s, "add record AAAA www2 → 2001:db8::80 in example.nl");
    let job = sent(&effects)[0].clone();
    assert_eq!(
        job.command,
        Command::AddRecord(Box::new(RecordFields::new(
            "AAAA",
            "www2",
            "2001:db8::80",
            None
        )))
    );
    // Its draft goes once it went through; the next form starts afresh.
    finish(&mut s, job.id, JobState::Succeeded("added".into()));
    s.apply(events::records(&domain_ref(HB, DOMAIN), Ok(zone()), now()));
    // An MX without a priority, and a priority on a TXT record.
    for (record_type, content, priority, field, why) in [
        (
            "MX",
            "mail.example.nl",
            "",
            PRIORITY,
            "Priority: an MX record needs one",
        ),
        (
            "TXT",
            "hello",
            "7",
            PRIORITY,
            "Priority: only MX records take a priority",
        ),
        (
            "CNAME",
            "web",
            "",
            CONTENT,
            "Content: 'web' is not a full name",
        ),
    ] {
        press_char(&mut s, 'a');
        assert!(
            matches!(s.state().mode, Mode::Form(_)),
            "{}",
            flash_text(&s)
        );
        fill(&mut s, record_type, "x", content, priority);
        press_code(&mut s, KeyCode::Enter);
        let f = form(&s);
        let (at, message) = f.error.clone().expect("refused");
        assert_eq!(at, f.position(field).unwrap());
        assert!(message.starts_with(why), "{message}");
        press_code(&mut s, KeyCode::Esc);
        assert_eq!(s.state().mode, Mode::Normal);
    }
    // Esc kept the last one as a draft; opening the form again restores it.
    press_char(&mut s, 'a');
    assert_eq!(form(&s).value(CONTENT), "web");
    assert_eq!(form(&s).value(TYPE), "CNAME");
}

#[test]
fn delete_asks_first_with_cancel_focused_naming_the_record() {
    let mut s = store();
    select(&mut s, "2");
    let effects = press_char(&mut s, 'x');
    assert!(effects.is_empty());
    let Mode::Confirm(confirm) = &s.state().mode else {
        panic!("a dialog: {:?}", s.state().mode)
    };
    assert_eq!(confirm.focus, ConfirmFocus::Cancel);
    assert_eq!(confirm.target, domain_ref(HB, DOMAIN));
    assert_eq!(
        confirm.command.label_on(&confirm.target_name),
        "delete record CNAME www → example.nl in example.nl"
    );
    // Enter on Cancel sends nothing.
    let effects = press_code(&mut s, KeyCode::Enter);
    assert!(sent(&effects).is_empty());
    assert_eq!(s.state().mode, Mode::Normal);
    press_char(&mut s, 'x');
    press_code(&mut s, KeyCode::Tab);
    let effects = press_code(&mut s, KeyCode::Enter);
    let jobs = sent(&effects);
    assert_eq!(jobs.len(), 1);
    assert_eq!(
        jobs[0].command,
        Command::DeleteRecord {
            id: "2".into(),
            listed: Box::new(RecordFields::new("CNAME", "www", "example.nl", None)),
        }
    );
    let effects = finish(&mut s, jobs[0].id, JobState::Failed("HTTP 500".into()));
    assert!(
        effects.contains(&fetch_records(&domain_ref(HB, DOMAIN))),
        "a failure lists again too"
    );
    assert_eq!(
        s.state().flash.as_ref().map(|f| f.level),
        Some(FlashLevel::Error)
    );
}

#[test]
fn records_of_other_types_are_deleted_but_not_edited() {
    let mut s = store();
    select(&mut s, "6");
    let hints: Vec<&str> = bindings::hints(s.state()).iter().map(|h| h.1).collect();
    assert_eq!(hints, ["add", "delete"]);
    assert!(press_char(&mut s, 'e').is_empty());
    assert_eq!(s.state().mode, Mode::Normal);
    assert_eq!(
        flash_text(&s),
        "SRV records are not edited by hostdeck (only A, AAAA, CNAME, MX, NS, TXT); x deletes one"
    );
    press_char(&mut s, 'x');
    assert!(matches!(s.state().mode, Mode::Confirm(_)));
}

#[test]
fn read_only_refuses_add_edit_and_delete_at_once() {
    let mut s = domains_store((120, 40));
    let ro = record_in_ro();
    open(&mut s, HB_RO, "readonly.nl", vec![ro]);
    let hints = bindings::hints(s.state());
    assert_eq!(hints, vec![(String::new(), "read-only")]);
    for key in ['a', 'e', 'x'] {
        let effects = press_char(&mut s, key);
        assert_eq!(s.state().mode, Mode::Normal, "{key}");
        assert!(sent(&effects).is_empty(), "{key}");
        assert!(
            matches!(effects.as_slice(), [Effect::AuditRefused { .. }]),
            "{key}: {effects:?}"
        );
        assert!(
            flash_text(&s).starts_with("read-only mode: "),
            "{key}: {}",
            flash_text(&s)
        );
        assert!(
            flash_text(&s).ends_with("on hb-ro"),
            "{key}: {}",
            flash_text(&s)
        );
    }
    // Listing is reading: it goes on.
    let effects = press_char(&mut s, 'r');
    assert_eq!(
        effects,
        vec![fetch_records(&domain_ref(HB_RO, "readonly.nl"))]
    );
}

fn record_in_ro() -> hostdeck::model::DnsRecord {
    fx::in_domain(
        record("1", "@", "A", "192.0.2.99", None),
        HB_RO,
        "readonly.nl",
    )
}

/// Opens the edit form of record `id` and types `content` over its content.
fn edit_content(s: &mut Store, id: &str, content: &str) {
    select(s, id);
    press_char(s, 'e');
    press_code(s, KeyCode::Tab);
    press_code(s, KeyCode::Tab);
    clear_field(s);
    type_text(s, content);
}

#[test]
fn an_edit_draft_belongs_to_its_record() {
    let mut s = store();
    edit_content(&mut s, "1", "192.0.2.11");
    press_code(&mut s, KeyCode::Esc);
    assert_eq!(s.state().drafts.len(), 1);
    select(&mut s, "4");
    press_char(&mut s, 'e');
    assert_eq!(
        form(&s).value(CONTENT),
        "2001:db8::25",
        "not record 1's draft"
    );
    press_code(&mut s, KeyCode::Esc);
    select(&mut s, "1");
    press_char(&mut s, 'e');
    assert_eq!(form(&s).value(CONTENT), "192.0.2.11");
    assert_eq!(
        flash_text(&s),
        "unsent draft restored (ctrl-u clears a field)"
    );
}

#[test]
fn a_cancelled_record_change_goes_back_to_its_form_and_a_sent_one_drops_its_draft() {
    let mut s = store();
    edit_content(&mut s, "1", "192.0.2.11");
    press_code(&mut s, KeyCode::Enter);
    assert!(matches!(s.state().mode, Mode::Confirm(_)));
    // Enter on the focused Cancel: back in the record's own form.
    let effects = press_code(&mut s, KeyCode::Enter);
    assert!(sent(&effects).is_empty(), "{effects:?}");
    assert_eq!(form(&s).kind, FormKind::EditRecord);
    assert_eq!(form(&s).value(CONTENT), "192.0.2.11");
    assert!(
        flash_text(&s).starts_with("cancelled: edit record A @ → 192.0.2.11"),
        "{}",
        flash_text(&s)
    );
    press_code(&mut s, KeyCode::Enter);
    let effects = confirm_change(&mut s, "edit record A @ → 192.0.2.11 in example.nl");
    let job = sent(&effects)[0].clone();
    assert_eq!(s.state().drafts.len(), 1, "kept until it went through");
    finish(&mut s, job.id, JobState::Succeeded("changed".into()));
    assert_eq!(s.state().drafts.len(), 0, "the record's draft went with it");
}
