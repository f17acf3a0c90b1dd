//! Store tests of the domains, contacts and colocation views: keys and
//! events in, state and effects out. Keys go through the real key map.

use crate::support::events;
use crate::support::outcome::flash_text;
use crate::support::panes::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hostdeck::app::event::Effect;
use hostdeck::app::intent::Intent;
use hostdeck::app::panes::ViewKind;
use hostdeck::app::store::{ConfirmFocus, Mode, Store};
use hostdeck::model::{Command, HealthState, ObjectKind, Ref};
use hostdeck::provider::{DomainInventory, ErrorKind, Fetch, ProviderError};
use hostdeck::ui::keymap::intent_for;

/// Presses a key the way the runtime does.
fn press(store: &mut Store, code: KeyCode) -> Vec<Effect> {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    match intent_for(store.state(), key) {
        Some(intent) => apply(store, intent),
        None => Vec::new(),
    }
}

fn type_text(store: &mut Store, text: &str) {
    for c in text.chars() {
        apply(store, Intent::InputChar(c));
    }
}

fn domain_rows(store: &Store) -> Vec<String> {
    let state = store.state();
    let view = &state.panes.domains.list;
    view.rows
        .iter()
        .map(|&i| state.data.domains().nth(i).expect("domain").id.clone())
        .collect()
}

fn confirm(store: &Store) -> hostdeck::app::store::Confirm {
    match &store.state().mode {
        Mode::Confirm(c) => c.clone(),
        other => panic!("expected a confirm dialog, got {other:?}"),
    }
}

fn sent_command(effects: &[Effect]) -> Option<(Command, Ref)> {
    effects.iter().find_map(|e| match e {
        Effect::Send(job) => Some((job.command.clone(), job.target.clone())),
        _ => None,
    })
}

fn domains_view() -> Store {
    let mut s = store((120, 40));
    press(&mut s, KeyCode::Char('D'));
    assert_eq!(s.state().main_view, ViewKind::Domains);
    s
}

#[test]
fn domains_land_sorted_by_name_and_sort_keys_reverse() {
    let mut s = domains_view();
    assert_eq!(
        domain_rows(&s),
        ["example.nl", "old.com", "readonly.nl", "shop.nl"]
    );
    press(&mut s, KeyCode::Char('6')); // EXPIRES
    assert_eq!(
        domain_rows(&s),
        ["shop.nl", "readonly.nl", "example.nl", "old.com"]
    );
    press(&mut s, KeyCode::Char('6'));
    assert_eq!(domain_rows(&s)[0], "old.com");
    apply(&mut s, Intent::StartCommand);
    type_text(&mut s, "sort lock");
    apply(&mut s, Intent::InputSubmit);
    assert_eq!(
        domain_rows(&s)[0],
        "old.com",
        "an unknown lock (?) sorts first"
    );
    assert_eq!(domain_rows(&s)[3], "shop.nl");
    apply(&mut s, Intent::SortNamed("nonsense".into()));
    assert!(flash_text(&s).contains("no column nonsense in the domains view"));
}

#[test]
fn the_filter_narrows_rows_and_moves_the_published_selection() {
    let mut s = domains_view();
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, ".nl");
    apply(&mut s, Intent::InputSubmit);
    assert_eq!(domain_rows(&s), ["example.nl", "readonly.nl", "shop.nl"]);
    press(&mut s, KeyCode::Char('G'));
    assert_eq!(
        s.state().panes.domains.list.selected,
        Some(domain_ref("cp-demo", "shop.nl"))
    );
    press(&mut s, KeyCode::Char('/'));
    for _ in 0..3 {
        press(&mut s, KeyCode::Backspace); // the filter line starts with ".nl"
    }
    type_text(&mut s, "~^cp-ro$");
    apply(&mut s, Intent::InputSubmit);
    assert_eq!(domain_rows(&s), ["readonly.nl"]);
    assert_eq!(
        s.state().panes.domains.list.selected,
        Some(domain_ref("cp-ro", "readonly.nl"))
    );
    // The servers filter is untouched.
    assert!(!s.state().panes.servers.view.filter.is_active());
}

#[test]
fn selection_survives_a_refresh_that_adds_a_domain_before_it() {
    let mut s = domains_view();
    select_domain(&mut s, "shop.nl");
    let cursor = s.state().panes.domains.list.cursor;
    let mut fresh = demo_domains();
    fresh
        .domains
        .push(domain("cp-demo", "aaa.nl", Some(true), 50));
    s.apply(domains_event("cp-demo", fresh));
    assert_eq!(
        s.state().selected_domain().map(|d| d.id.as_str()),
        Some("shop.nl")
    );
    assert_eq!(s.state().panes.domains.list.cursor, cursor + 1);
}

#[test]
fn a_failed_refresh_keeps_the_domains_and_records_the_error() {
    let mut s = domains_view();
    s.apply(events::domains(
        "cp-demo",
        Err(ProviderError::new(
            "cp-demo",
            "list domains",
            ErrorKind::Http,
            "HTTP 503",
        )),
        now() + 60_000,
    ));
    assert_eq!(domain_rows(&s).len(), 4);
    let error = s
        .state()
        .data
        .domains
        .get("cp-demo")
        .and_then(|s| s.error.as_ref())
        .expect("error kept");
    assert!(error.contains("HTTP 503"), "{error}");
}

#[test]
fn expiring_domains_are_flagged_against_now() {
    let s = domains_view();
    let state = s.state();
    let soon: Vec<&str> = state
        .data
        .domains()
        .filter(|d| d.expires_soon(state.now))
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(soon, ["shop.nl"]);
}

#[test]
fn epp_asks_with_cancel_focused_and_sends_once_confirmed() {
    let mut s = domains_view();
    select_domain(&mut s, "example.nl");
    let effects = press(&mut s, KeyCode::Char('e'));
    assert!(sent_command(&effects).is_none());
    let c = confirm(&s);
    assert_eq!(c.focus, ConfirmFocus::Cancel);
    assert_eq!(c.command, Command::RequestEpp);
    assert_eq!(c.target_name, "example.nl");
    press(&mut s, KeyCode::Tab);
    let effects = press(&mut s, KeyCode::Enter);
    assert_eq!(
        sent_command(&effects),
        Some((Command::RequestEpp, domain_ref("cp-demo", "example.nl")))
    );
    assert_eq!(s.state().mode, Mode::Normal);
}

#[test]
fn lock_key_toggles_to_the_opposite_state() {
    let mut s = domains_view();
    select_domain(&mut s, "example.nl");
    press(&mut s, KeyCode::Char('L'));
    assert_eq!(confirm(&s).command, Command::SetLock { locked: false });
    press(&mut s, KeyCode::Right);
    let effects = press(&mut s, KeyCode::Enter);
    assert_eq!(
        sent_command(&effects).map(|(c, _)| c),
        Some(Command::SetLock { locked: false })
    );
    select_domain(&mut s, "shop.nl");
    press(&mut s, KeyCode::Char('L'));
    assert_eq!(confirm(&s).command, Command::SetLock { locked: true });
    press(&mut s, KeyCode::Esc);
    assert_eq!(s.state().mode, Mode::Normal);
}

#[test]
fn lock_toggle_refuses_an_unknown_lock_state_but_explicit_lock_works() {
    let mut s = domains_view();
    select_domain(&mut s, "old.com");
    let effects = press(&mut s, KeyCode::Char('L'));
    assert!(effects.is_empty());
    assert_eq!(s.state().mode, Mode::Normal);
    assert!(
        flash_text(&s).contains("lock state of old.com"),
        "{}",
        flash_text(&s)
    );
    apply(&mut s, Intent::StartCommand);
    type_text(&mut s, "lock");
    apply(&mut s, Intent::InputSubmit);
    assert_eq!(confirm(&s).command, Command::SetLock { locked: true });
}

#[test]
fn cancel_asks_for_the_typed_name_and_refuses_a_wrong_one() {
    let mut s = domains_view();
    select_domain(&mut s, "shop.nl");
    press(&mut s, KeyCode::Char('X'));
    let c = confirm(&s);
    assert_eq!(c.command, Command::CancelDomain { immediate: false });
    assert_eq!(c.typed.as_deref(), Some(""));
    assert_eq!(c.focus, ConfirmFocus::Cancel);
    type_text(&mut s, "shop.com");
    apply(&mut s, Intent::FocusNext);
    let effects = apply(&mut s, Intent::Activate);
    assert!(sent_command(&effects).is_none(), "wrong name must not send");
    assert!(
        flash_text(&s).contains("type shop.nl exactly"),
        "{}",
        flash_text(&s)
    );
    for _ in 0..3 {
        apply(&mut s, Intent::InputBackspace);
    }
    type_text(&mut s, "nl");
    let effects = apply(&mut s, Intent::Activate);
    assert_eq!(
        sent_command(&effects),
        Some((
            Command::CancelDomain { immediate: false },
            domain_ref("cp-demo", "shop.nl")
        ))
    );
}

#[test]
fn cancel_direct_has_no_key_but_a_command_with_the_typed_name() {
    let mut s = domains_view();
    select_domain(&mut s, "shop.nl");
    apply(&mut s, Intent::StartCommand);
    type_text(&mut s, "cancel-direct");
    apply(&mut s, Intent::InputSubmit);
    let c = confirm(&s);
    assert_eq!(c.command, Command::CancelDomain { immediate: true });
    assert!(c.typed.is_some());
}

#[test]
fn read_only_accounts_refuse_and_audit() {
    let mut s = domains_view();
    select_domain(&mut s, "readonly.nl");
    let effects = press(&mut s, KeyCode::Char('e'));
    assert_eq!(s.state().mode, Mode::Normal);
    match effects.as_slice() {
        [Effect::AuditRefused {
            target,
            action,
            reason,
        }] => {
            assert_eq!(target, &domain_ref("cp-ro", "readonly.nl"));
            assert_eq!(action, "request-epp");
            assert!(reason.contains("read-only"), "{reason}");
        }
        other => panic!("expected one AuditRefused, got {other:?}"),
    }
}

#[test]
fn accounts_without_domains_are_refused_by_name() {
    let mut s = domains_view();
    // A provider that lists a domain it does not declare (or a stale snapshot).
    s.apply(domains_event(
        "clc-prod",
        DomainInventory {
            domains: vec![domain("clc-prod", "stray.nl", Some(true), 99)],
            contacts: Vec::new(),
            missing: Vec::new(),
        },
    ));
    select_domain(&mut s, "stray.nl");
    let effects = press(&mut s, KeyCode::Char('L'));
    assert!(matches!(effects.as_slice(), [Effect::AuditRefused { .. }]));
    let text = flash_text(&s);
    assert!(text.contains("clc-prod"), "{text}");
    assert!(
        text.contains("managing domains at the registry is not offered by clc"),
        "{text}"
    );
}

#[test]
fn server_action_keys_do_nothing_in_the_domains_view() {
    let mut s = domains_view();
    for c in ['b', 'x', 'f', 'm'] {
        assert!(press(&mut s, KeyCode::Char(c)).is_empty());
        assert_eq!(s.state().mode, Mode::Normal);
    }
    // ...and a `:reboot` is refused with a pointer back.
    apply(&mut s, Intent::StartCommand);
    type_text(&mut s, "reboot");
    apply(&mut s, Intent::InputSubmit);
    assert_eq!(s.state().mode, Mode::Normal);
    assert!(
        flash_text(&s).contains("servers view"),
        "{}",
        flash_text(&s)
    );
}

#[test]
fn form_keys_open_the_forms_on_the_selection() {
    let mut s = domains_view();
    select_domain(&mut s, "shop.nl");
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    use hostdeck::app::form::FormKind;
    assert_eq!(
        intent_for(s.state(), key('n')),
        Some(Intent::OpenForm(FormKind::Nameservers))
    );
    assert_eq!(
        intent_for(s.state(), key('c')),
        Some(Intent::OpenForm(FormKind::DomainContacts))
    );
    assert_eq!(
        s.state().panes.domains.list.selected,
        Some(domain_ref("cp-demo", "shop.nl"))
    );
}

#[test]
fn opening_the_domains_view_fetches_only_accounts_without_domains() {
    let mut s = Store::new(accounts(), false);
    let effects = apply(&mut s, Intent::ShowView(ViewKind::Domains));
    let mut wanted: Vec<String> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Fetch(a, Fetch::Domains) => Some(a.clone()),
            _ => None,
        })
        .collect();
    wanted.sort();
    assert_eq!(wanted, ["cp-demo", "cp-ro"], "clc-prod offers no domains");
    s.apply(domains_event("cp-demo", demo_domains()));
    s.apply(domains_event("cp-ro", DomainInventory::default()));
    apply(&mut s, Intent::Back);
    let effects = apply(&mut s, Intent::ShowView(ViewKind::Domains));
    assert!(effects.is_empty(), "{effects:?}");
    let effects = press(&mut s, KeyCode::Char('r'));
    assert_eq!(effects.len(), 2, "r refreshes every account with domains");
}

#[test]
fn details_fetch_the_history_once_per_ttl() {
    let mut s = domains_view();
    select_domain(&mut s, "example.nl");
    let effects = press(&mut s, KeyCode::Enter);
    let example = domain_ref("cp-demo", "example.nl");
    assert_eq!(effects, vec![events::fetch_history(&example.clone())]);
    let effects = press(&mut s, KeyCode::Char('j'));
    assert_eq!(
        effects,
        vec![events::fetch_history(&domain_ref("cp-demo", "old.com"))]
    );
    let effects = press(&mut s, KeyCode::Char('k'));
    assert!(effects.is_empty(), "asked for within the TTL: {effects:?}");
    s.apply(events::history(&example, Ok(history())));
    let actions: Vec<&str> = s.state().data.history[&example]
        .data
        .as_ref()
        .expect("history")
        .iter()
        .map(|h| h.action.as_str())
        .collect();
    assert_eq!(actions, ["Lock", "Nameservers", "Register"], "newest first");
}

#[test]
fn esc_closes_details_then_clears_the_filter_then_goes_back() {
    let mut s = domains_view();
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "shop");
    apply(&mut s, Intent::InputSubmit);
    press(&mut s, KeyCode::Enter);
    assert!(s.state().panes.domains.panel.open);
    press(&mut s, KeyCode::Esc);
    assert!(!s.state().panes.domains.panel.open);
    assert_eq!(s.state().main_view, ViewKind::Domains);
    press(&mut s, KeyCode::Esc);
    assert_eq!(domain_rows(&s).len(), 4);
    press(&mut s, KeyCode::Esc);
    assert_eq!(s.state().main_view, ViewKind::Servers);
}

fn contacts_view() -> Store {
    let mut s = store((120, 40));
    press(&mut s, KeyCode::Char('C'));
    assert_eq!(s.state().main_view, ViewKind::Contacts);
    s
}

#[test]
fn contacts_count_the_domains_that_use_them() {
    let s = contacts_view();
    let state = s.state();
    let jan = state
        .data
        .contacts()
        .find(|c| c.id == "JJ123")
        .expect("jan");
    let users = &state.panes.contacts.usage[&jan.reference()];
    assert_eq!(users, &["example.nl", "shop.nl"]);
    assert_eq!(state.panes.contacts.list.selected, Some(jan.reference()));
}

#[test]
fn deleting_a_used_contact_names_it_and_warns() {
    let mut s = contacts_view();
    let effects = press(&mut s, KeyCode::Char('x'));
    assert!(effects.is_empty());
    let c = confirm(&s);
    assert_eq!(c.command, Command::DeleteContact);
    assert_eq!(c.focus, ConfirmFocus::Cancel);
    assert_eq!(c.target, Ref::new("cp-demo", ObjectKind::Contact, "JJ123"));
    assert_eq!(c.target_name, "Jan Jansen (Acme BV) [JJ123]");
    let text = flash_text(&s);
    assert!(
        text.contains("used by 2 domain(s): example.nl, shop.nl"),
        "{text}"
    );
    press(&mut s, KeyCode::Esc);
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Delete);
    assert_eq!(confirm(&s).target_name, "Piet Dekker [PD-77]");
    press(&mut s, KeyCode::Tab);
    let effects = press(&mut s, KeyCode::Enter);
    assert_eq!(
        sent_command(&effects),
        Some((
            Command::DeleteContact,
            Ref::new("cp-demo", ObjectKind::Contact, "PD-77")
        ))
    );
}

#[test]
fn contact_form_keys() {
    let s = contacts_view();
    use hostdeck::app::form::FormKind;
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(
        intent_for(s.state(), key('a')),
        Some(Intent::OpenForm(FormKind::NewContact))
    );
    assert_eq!(
        intent_for(s.state(), key('e')),
        Some(Intent::OpenForm(FormKind::EditContact))
    );
}

#[test]
fn opening_colocation_fetches_once_per_minute_and_r_forces() {
    let mut s = store((120, 40));
    let effects = press(&mut s, KeyCode::Char('V'));
    assert_eq!(s.state().main_view, ViewKind::Colocation);
    assert_eq!(effects, vec![events::fetch_colocation("cp-demo")]);
    press(&mut s, KeyCode::Esc);
    let effects = press(&mut s, KeyCode::Char('V'));
    assert!(effects.is_empty(), "{effects:?}");
    let effects = press(&mut s, KeyCode::Char('r'));
    assert_eq!(effects, vec![events::fetch_colocation("cp-demo")]);
}

/// A store showing the colocation view with the fixture's visitors and visits.
fn colocation_shown() -> Store {
    let mut s = store((120, 40));
    press(&mut s, KeyCode::Char('V'));
    s.apply(events::colocation("cp-demo", Ok(colocation()), now()));
    s
}

#[test]
fn colocation_tables_sort_and_tab_between_them() {
    let mut s = colocation_shown();
    let state = s.state();
    assert_eq!(
        state.selected_visitor().map(|v| v.name.as_str()),
        Some("Jan Jansen")
    );
    assert_eq!(
        state.selected_visit().map(|v| v.visit_key.as_str()),
        Some("V-0999")
    );
    press(&mut s, KeyCode::Char('j'));
    assert_eq!(
        s.state().selected_visitor().map(|v| v.name.as_str()),
        Some("Piet Dekker")
    );
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Char('2')); // ARRIVAL, again: newest first
    press(&mut s, KeyCode::Char('g'));
    assert_eq!(
        s.state().selected_visit().map(|v| v.visit_key.as_str()),
        Some("V-1001")
    );
    assert_eq!(
        s.state().selected_visitor().map(|v| v.name.as_str()),
        Some("Piet Dekker"),
        "the visitors table kept its cursor"
    );
}

fn colocation_failed(store: &mut Store, kind: ErrorKind, cause: &str) {
    store.apply(events::colocation(
        "cp-demo",
        Err(ProviderError::new(
            "cp-demo",
            "colocation/list_visitor",
            kind,
            cause,
        )),
        now() + 60_000,
    ));
}

#[test]
fn a_failed_colocation_fetch_keeps_the_data_and_the_error_and_flashes_once() {
    let mut s = colocation_shown();
    colocation_failed(&mut s, ErrorKind::Http, "HTTP 503");
    let error = "cp-demo: colocation/list_visitor: HTTP 503";
    assert_eq!(
        s.state()
            .data
            .colocation
            .get("cp-demo")
            .and_then(|s| s.error.as_deref()),
        Some(error)
    );
    assert_eq!(flash_text(&s), error);
    assert_eq!(
        s.state().data.visitors().count(),
        2,
        "the last visitors stay"
    );
    assert_eq!(
        s.state().panes.colocation.visits.rows.len(),
        3,
        "the last visits stay"
    );

    press(&mut s, KeyCode::Char('r'));
    let refreshing = flash_text(&s);
    colocation_failed(&mut s, ErrorKind::Http, "HTTP 503");
    assert_eq!(
        flash_text(&s),
        refreshing,
        "the same error is not flashed again"
    );
    colocation_failed(&mut s, ErrorKind::Transport, "connection refused");
    assert!(
        flash_text(&s).contains("connection refused"),
        "{}",
        flash_text(&s)
    );

    s.apply(events::colocation(
        "cp-demo",
        Ok(colocation()),
        now() + 120_000,
    ));
    assert!(s
        .state()
        .data
        .colocation
        .values()
        .all(|s| s.error.is_none()));
    assert_eq!(
        s.state().account("cp-demo").map(|a| a.health.state),
        Some(HealthState::Ok),
        "a non-auth failure leaves the health alone"
    );
}

#[test]
fn refused_credentials_on_colocation_count_against_the_health() {
    let mut s = store((120, 40));
    colocation_failed(&mut s, ErrorKind::Auth, "the Hash was refused");
    let account = s.state().account("cp-demo").expect("account");
    assert_eq!(account.health.state, HealthState::AuthFailed);
    assert!(s.state().data.colocation.values().all(|s| s.data.is_none()));
    assert!(s
        .state()
        .data
        .colocation
        .get("cp-demo")
        .is_some_and(|s| s.error.is_some()));
    assert!(
        s.state().data.domains.values().all(|s| s.error.is_none()),
        "errors are kept per resource"
    );
}

/// The domains view with a HostBill account beside cp-demo: its domain
/// has nameservers but no handles, and the account offers the reset to
/// its provider's nameservers but no registry actions.
fn with_hostbill() -> Store {
    use hostdeck::model::{AccountInfo, Capability, ProviderKind};
    let mut accounts = accounts();
    accounts.push(
        AccountInfo::new("xs", ProviderKind::Hostbill, false).with_capabilities(vec![
            Capability::ReverseDns,
            Capability::Domains,
            Capability::NameserverReset,
            Capability::Tickets,
        ]),
    );
    let mut s = Store::new(accounts, false);
    s.apply(hostdeck::app::event::Event::Resize(120, 40));
    let mut hosted = domain("xs", "becker-it.com", None, 200);
    (hosted.owner, hosted.admin, hosted.tech) = (None, None, None);
    s.apply(domains_event(
        "xs",
        DomainInventory {
            domains: vec![hosted],
            contacts: Vec::new(),
            missing: Vec::new(),
        },
    ));
    s.apply(domains_event("cp-demo", demo_domains()));
    press(&mut s, KeyCode::Char('D'));
    s
}

#[test]
fn reset_nameservers_is_its_own_key_where_the_provider_has_defaults() {
    let mut s = with_hostbill();
    select_domain(&mut s, "becker-it.com");
    let hints: Vec<&str> = hostdeck::app::bindings::hints(s.state())
        .into_iter()
        .map(|(_, label)| label)
        .collect();
    assert!(
        hints.contains(&"reset ns") && hints.contains(&"ns"),
        "{hints:?}"
    );
    assert!(
        !hints.contains(&"epp") && !hints.contains(&"cancel"),
        "{hints:?}"
    );

    assert!(press(&mut s, KeyCode::Char('N')).is_empty());
    let c = confirm(&s);
    assert_eq!(c.command, Command::ResetNameservers);
    assert_eq!(c.focus, ConfirmFocus::Cancel);
    let screen = crate::support::screen::text(&crate::support::screen::render(&s));
    assert!(
        screen.contains("Reset the nameservers of becker-it.com"),
        "{screen}"
    );
    assert!(
        screen.contains("now: ns1.example.net, ns2.example.net"),
        "{screen}"
    );
    assert!(
        screen.contains("afterwards: XSServer's default nameservers"),
        "{screen}"
    );
    assert!(screen.contains("> Keep nameservers <"), "{screen}");
    apply(&mut s, Intent::FocusNext);
    let effects = apply(&mut s, Intent::Activate);
    let (command, target) = sent_command(&effects).expect("sent");
    assert_eq!(command, Command::ResetNameservers);
    assert_eq!(target, domain_ref("xs", "becker-it.com"));

    // A provider without defaults to go back to: refused by name.
    select_domain(&mut s, "example.nl");
    let effects = press(&mut s, KeyCode::Char('N'));
    assert!(matches!(effects.as_slice(), [Effect::AuditRefused { .. }]));
    assert!(
        flash_text(&s).contains(
            "resetting nameservers to the provider's defaults is not offered by controlepaneel"
        ),
        "{}",
        flash_text(&s)
    );
}

#[test]
fn registry_actions_are_refused_with_the_providers_reason_and_no_history_is_asked() {
    let mut s = with_hostbill();
    select_domain(&mut s, "becker-it.com");
    let effects = press(&mut s, KeyCode::Char('e'));
    assert!(matches!(effects.as_slice(), [Effect::AuditRefused { .. }]));
    let text = flash_text(&s);
    assert!(
        text.contains("managing domains at the registry is not offered by hostbill (account xs): XSServer's client API has no domain contacts, transfer codes, locks or cancellation"),
        "{text}"
    );
    let effects = apply(&mut s, Intent::ToggleDetails);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Fetch(_, Fetch::DomainHistory(_)))),
        "{effects:?}"
    );
    let screen = crate::support::screen::text(&crate::support::screen::render(&s));
    assert!(screen.contains("Nameservers"), "{screen}");
    assert!(
        !screen.contains("History") && !screen.contains("Owner"),
        "{screen}"
    );
}
