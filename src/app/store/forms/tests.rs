//! Store tests of the domain and contact forms. They set the domains and
//! contacts views' selection directly, as those views' code would.

use super::super::*;
use crate::app::form::{Form, FormKind, ADMIN, NAMESERVER_FIELDS, OWNER, TECH};
use crate::app::intent::Intent;
use crate::model::{Contact, ContactFields, Domain, ObjectKind, ProviderKind};
use crate::provider::Fetch;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const ACCOUNT: &str = "cp-demo";

fn domain(nameservers: &[&str]) -> Domain {
    Domain {
        account: ACCOUNT.into(),
        id: "example.nl".into(),
        tld: "nl".into(),
        status: "Active".into(),
        registered: None,
        expires: None,
        locked: Some(true),
        nameservers: nameservers.iter().map(|s| s.to_string()).collect(),
        owner: Some("17".into()),
        admin: Some("ACME-01".into()),
        tech: None,
        details: Vec::new(),
        detailed: true,
        missing: Vec::new(),
        fetched_at: 0,
    }
}

fn contact(id: &str, handle: &str, first: &str, detailed: bool) -> Contact {
    Contact {
        account: ACCOUNT.into(),
        id: id.into(),
        fields: ContactFields {
            handle: handle.into(),
            company_name: "Acme BV".into(),
            gender: "m".into(),
            first_name: first.into(),
            last_name: "Jansen".into(),
            address: "Dorpsstraat 1".into(),
            zip_code: "1234 AB".into(),
            city: "Amsterdam".into(),
            country: "NL".into(),
            phone_number: "+31 20 123 4567".into(),
            ..ContactFields::default()
        },
        email: None,
        detailed,
        fetched_at: 0,
    }
}

fn store() -> Store {
    let caps = vec![
        Capability::ReverseDns,
        Capability::Domains,
        Capability::DomainRegistry,
        Capability::Contacts,
    ];
    let mut store = Store::new(
        vec![
            AccountInfo::new(ACCOUNT, ProviderKind::Controlepaneel, false).with_capabilities(caps),
        ],
        false,
    );
    let d = domain(&["ns1.example.nl", "ns2.example.nl"]);
    store.state.panes.domains.list.selected = Some(d.reference());
    let data = store.state.data.domain_data_mut(ACCOUNT);
    data.domains.push(d);
    data.contacts = vec![
        contact("17", "ACME-01", "Jan", true),
        contact("18", "ACME-02", "Piet", true),
        contact("19", "LIST-ONLY", "Kees", false),
    ];
    store
}

/// The `n`th contact of the account.
fn contact_ref(store: &Store, n: usize) -> Ref {
    store
        .state
        .data
        .contacts()
        .nth(n)
        .map(Contact::reference)
        .unwrap()
}

fn apply(store: &mut Store, intent: Intent) -> Vec<Effect> {
    store.apply(Event::Intent(intent))
}

fn key(store: &mut Store, code: KeyCode) -> Vec<Effect> {
    apply(
        store,
        Intent::FormKey(KeyEvent::new(code, KeyModifiers::NONE)),
    )
}

fn clear(store: &mut Store) {
    let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    apply(store, Intent::FormKey(ctrl_u));
}

fn type_text(store: &mut Store, text: &str) {
    for c in text.chars() {
        key(store, KeyCode::Char(c));
    }
}

fn form(store: &Store) -> &Form {
    match &store.state.mode {
        Mode::Form(form) => form,
        other => panic!("expected a form, got {other:?}"),
    }
}

fn sent(effects: &[Effect]) -> Option<&Job> {
    effects.iter().find_map(|e| match e {
        Effect::Send(job) => Some(job),
        _ => None,
    })
}

#[test]
fn nameservers_are_prefilled_and_one_is_refused_naming_the_field() {
    let mut s = store();
    apply(&mut s, Intent::OpenForm(FormKind::Nameservers));
    assert_eq!(form(&s).value("NS1"), "ns1.example.nl");
    assert_eq!(form(&s).value("NS3"), "");
    assert_eq!(form(&s).title(), "Nameservers of example.nl · cp-demo");
    apply(&mut s, Intent::FocusNext);
    clear(&mut s);
    let effects = apply(&mut s, Intent::InputSubmit);
    assert!(sent(&effects).is_none());
    let f = form(&s);
    let (index, message) = f.error.clone().expect("error");
    assert_eq!(f.fields[index].label, NAMESERVER_FIELDS[1]);
    assert_eq!(message, "at least 2 nameservers are needed (got 1)");

    type_text(&mut s, "ns9.other.nl");
    apply(&mut s, Intent::FocusNext);
    type_text(&mut s, "NS1.example.nl");
    let effects = apply(&mut s, Intent::InputSubmit);
    assert!(sent(&effects).is_none(), "a duplicate is refused");
    let (index, message) = form(&s).error.clone().expect("error");
    assert_eq!(index, 2);
    assert!(message.starts_with("nameserver 3:"), "{message}");

    clear(&mut s);
    let effects = apply(&mut s, Intent::InputSubmit);
    let job = sent(&effects).expect("sent");
    assert_eq!(
        job.command,
        Command::SetNameservers {
            nameservers: vec!["ns1.example.nl".into(), "ns9.other.nl".into()]
        }
    );
    assert_eq!(
        job.target,
        Ref::new(ACCOUNT, ObjectKind::Domain, "example.nl")
    );
}

#[test]
fn domain_contacts_are_preselected_and_unchanged_roles_resend_the_domains_value() {
    let mut s = store();
    apply(&mut s, Intent::OpenForm(FormKind::DomainContacts));
    let f = form(&s);
    // The owner is given by id (17), the admin by handle name: both match ACME-01.
    assert_eq!(f.value(OWNER), "17");
    assert_eq!(f.value(ADMIN), "ACME-01");
    assert_eq!(f.value(TECH), "", "no tech yet: asks for one");
    let effects = apply(&mut s, Intent::InputSubmit);
    assert!(sent(&effects).is_none());
    let (index, message) = form(&s).error.clone().expect("error");
    assert_eq!(form(&s).fields[index].label, TECH);
    assert_eq!(message, "Tech: choose a contact");

    key(&mut s, KeyCode::Right); // the first contact: Jan Jansen (Acme BV) · ACME-01
    assert!(form(&s).error.is_none());
    apply(&mut s, Intent::FocusNext); // owner
    key(&mut s, KeyCode::Right); // Piet: a change sends his handle name
    let effects = apply(&mut s, Intent::InputSubmit);
    let job = sent(&effects).expect("sent");
    assert_eq!(
        job.command,
        Command::SetDomainContacts {
            owner: "ACME-02".into(),
            admin: "ACME-01".into(),
            tech: "ACME-01".into(),
        }
    );
}

#[test]
fn contact_choices_show_name_and_handle() {
    let mut s = store();
    apply(&mut s, Intent::OpenForm(FormKind::DomainContacts));
    let Some(field) = form(&s).field(OWNER) else {
        panic!("owner field");
    };
    let crate::app::form::Input::Choice { options, .. } = &field.input else {
        panic!("a choice");
    };
    let labels: Vec<&str> = options.iter().map(|o| o.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Jan Jansen (Acme BV) · ACME-01",
            "Piet Jansen (Acme BV) · ACME-02",
            "Kees Jansen (Acme BV) · LIST-ONLY",
        ]
    );
}

#[test]
fn edit_contact_is_prefilled_and_sends_to_the_contact() {
    let mut s = store();
    s.state.panes.contacts.list.selected = Some(contact_ref(&s, 1));
    apply(&mut s, Intent::OpenForm(FormKind::EditContact));
    assert_eq!(form(&s).value("FirstName"), "Piet");
    assert_eq!(form(&s).title(), "Contact ACME-02 · cp-demo");
    for _ in 0..5 {
        apply(&mut s, Intent::FocusNext);
    }
    assert_eq!(form(&s).fields[form(&s).focus].label, "Gender");
    clear(&mut s);
    type_text(&mut s, "vrouw");
    let effects = apply(&mut s, Intent::InputSubmit);
    let job = sent(&effects).expect("sent");
    assert_eq!(job.target, Ref::new(ACCOUNT, ObjectKind::Contact, "18"));
    match &job.command {
        Command::EditContact(fields) => {
            assert_eq!(fields.gender, "v");
            assert_eq!(fields.handle, "ACME-02");
        }
        other => panic!("expected EditContact, got {other:?}"),
    }
}

#[test]
fn a_contact_known_only_from_the_list_is_not_edited() {
    let mut s = store();
    s.state.panes.contacts.list.selected = Some(contact_ref(&s, 2));
    let effects = apply(&mut s, Intent::OpenForm(FormKind::EditContact));
    assert_eq!(effects, vec![Effect::Fetch(ACCOUNT.into(), Fetch::Domains)]);
    assert_eq!(s.state.mode, Mode::Normal);
    let flash = s.state.flash.clone().expect("flash");
    assert!(flash.text.contains("not loaded yet"), "{}", flash.text);
}

#[test]
fn a_new_contact_goes_to_the_selected_contacts_account() {
    let mut s = store();
    s.state.panes.contacts.list.selected = Some(contact_ref(&s, 0));
    apply(&mut s, Intent::OpenForm(FormKind::NewContact));
    assert_eq!(form(&s).target, Ref::new(ACCOUNT, ObjectKind::Contact, ""));
}

#[test]
fn no_selection_means_no_form() {
    let mut s = store();
    s.state.panes.domains.list.selected = None;
    for kind in [
        FormKind::Nameservers,
        FormKind::DomainContacts,
        FormKind::EditContact,
    ] {
        let effects = apply(&mut s, Intent::OpenForm(kind));
        assert!(effects.is_empty());
        assert_eq!(s.state.mode, Mode::Normal, "{kind:?}");
        assert!(s.state.flash.as_ref().unwrap().text.starts_with("no "));
    }
}

#[test]
fn a_domain_contact_draft_restores_choices() {
    let mut s = store();
    apply(&mut s, Intent::OpenForm(FormKind::DomainContacts));
    key(&mut s, KeyCode::Right); // owner: 17 -> ACME-02
    let effects = apply(&mut s, Intent::Back);
    assert_eq!(effects, vec![Effect::SaveDrafts]);
    apply(&mut s, Intent::OpenForm(FormKind::DomainContacts));
    assert_eq!(form(&s).value(OWNER), "ACME-02");
}
