//! Fixtures shared by the domains, contacts and colocation tests: three
//! accounts (one with domains, contacts and colocation; one read-only; one
//! with servers only), a few domains around a fixed "now", two contacts
//! and a colocation register.

#![allow(dead_code)]

use crate::support::events;
use hostdeck::app::event::{Effect, Event};
use hostdeck::app::intent::Intent;
use hostdeck::app::store::Store;
use hostdeck::model::time::days_from_civil;
use hostdeck::model::{AccountInfo, ProviderKind};
use hostdeck::model::{
    Capability, Colocation, Contact, ContactFields, Detail, Domain, HistoryEntry, Millis, Ref,
    Visit, Visitor,
};
use hostdeck::provider::{DomainInventory, Inventory};

pub const DAY: Millis = 86_400_000;

/// 2026-11-22 00:00 UTC.
pub fn now() -> Millis {
    days_from_civil(2026, 11, 22) * DAY
}

pub fn accounts() -> Vec<AccountInfo> {
    let cp = vec![
        Capability::ReverseDns,
        Capability::Domains,
        Capability::DomainRegistry,
        Capability::Contacts,
        Capability::Colocation,
    ];
    vec![
        AccountInfo::new("cp-demo", ProviderKind::Controlepaneel, false).with_capabilities(cp),
        AccountInfo::new("cp-ro", ProviderKind::Controlepaneel, true).with_capabilities(vec![
            Capability::Domains,
            Capability::DomainRegistry,
            Capability::Contacts,
        ]),
        AccountInfo::new("clc-prod", ProviderKind::Clc, false),
    ]
}

pub fn domain(account: &str, name: &str, locked: Option<bool>, expires_in_days: i64) -> Domain {
    let tld = name.rsplit('.').next().unwrap_or_default().to_string();
    Domain {
        account: account.into(),
        id: name.into(),
        tld,
        status: "Active".into(),
        registered: Some(days_from_civil(2019, 3, 1) * DAY),
        expires: Some(now() + expires_in_days * DAY + DAY / 2),
        locked,
        nameservers: vec!["ns1.example.net".into(), "ns2.example.net".into()],
        owner: Some("JJ123".into()),
        admin: Some("jj123".into()),
        tech: Some("TECH-9".into()),
        details: Vec::new(),
        detailed: true,
        missing: Vec::new(),
        fetched_at: now() - 120_000,
    }
}

pub fn contact(account: &str, id: &str, first: &str, last: &str, company: &str) -> Contact {
    Contact {
        account: account.into(),
        id: id.into(),
        fields: ContactFields {
            handle: id.into(),
            company_name: company.into(),
            first_name: first.into(),
            last_name: last.into(),
            address: "Dorpsstraat 1".into(),
            zip_code: "1234 AB".into(),
            city: "Utrecht".into(),
            country: "NL".into(),
            phone_number: "+31.301234567".into(),
            ..ContactFields::default()
        },
        email: Some("ops@example.nl".into()),
        detailed: true,
        fetched_at: now() - 120_000,
    }
}

/// example.nl (locked, 200 days), shop.nl (unlocked, 12 days: expiring),
/// old.com (lock unknown, 400 days); Jan Jansen is owner and admin of the
/// first two, Piet Dekker owner of old.com.
pub fn demo_domains() -> DomainInventory {
    let mut example = domain("cp-demo", "example.nl", Some(true), 200);
    example.details = vec![
        Detail::new("Contract", "1 year, renews automatically"),
        Detail::in_section("Billing", "Price", "EUR 9.95 / year"),
    ];
    let shop = domain("cp-demo", "shop.nl", Some(false), 12);
    let mut old = domain("cp-demo", "old.com", None, 400);
    old.status = "Transfer pending".into();
    old.owner = Some("PD-77".into());
    old.admin = None;
    DomainInventory {
        domains: vec![example, shop, old],
        contacts: vec![
            contact("cp-demo", "JJ123", "Jan", "Jansen", "Acme BV"),
            contact("cp-demo", "PD-77", "Piet", "Dekker", ""),
        ],
        missing: Vec::new(),
    }
}

pub fn history() -> Vec<HistoryEntry> {
    let entry = |day: i64, action: &str, note: &str| HistoryEntry {
        at: Some(now() - day * DAY),
        raw_date: String::new(),
        action: action.into(),
        status: "Success".into(),
        note: note.into(),
    };
    vec![
        entry(400, "Register", ""),
        entry(3, "Lock", "by API"),
        entry(30, "Nameservers", "ns1/ns2.example.net"),
    ]
}

pub fn colocation() -> Colocation {
    let visitor = |id: &str, name: &str, status: &str| Visitor {
        account: "cp-demo".into(),
        id: id.into(),
        name: name.into(),
        location: "AMS1".into(),
        status: status.into(),
        details: vec![Detail::new("Id card", "checked")],
    };
    let visit = |id: &str, key: &str, day: i64, days: u32| Visit {
        account: "cp-demo".into(),
        id: id.into(),
        visit_key: key.into(),
        arrival: Some(now() + day * DAY + 9 * 3_600_000),
        raw_arrival: String::new(),
        term_days: Some(days),
        details: vec![Detail::new("Visitors", "Jan Jansen")],
    };
    Colocation {
        visitors: vec![
            visitor("1", "Jan Jansen", "active"),
            visitor("2", "Piet Dekker", "pending"),
        ],
        visits: vec![
            visit("10", "V-1001", 3, 1),
            visit("11", "V-1000", 0, 2),
            visit("12", "V-0999", -7, 1),
        ],
        fetched_at: now(),
        missing: Vec::new(),
    }
}

pub fn apply(store: &mut Store, intent: Intent) -> Vec<Effect> {
    store.apply(Event::Intent(intent))
}

pub fn domains_event(account: &str, inventory: DomainInventory) -> Event {
    events::domains(account, Ok(inventory), now())
}

/// Every account healthy, cp-demo's domains and contacts loaded, and one
/// domain on the read-only account.
pub fn store(size: (u16, u16)) -> Store {
    let mut store = Store::new(accounts(), false);
    store.apply(Event::Resize(size.0, size.1));
    for account in ["cp-demo", "cp-ro", "clc-prod"] {
        store.apply(events::inventory(
            account,
            Ok(Inventory::default()),
            20,
            now(),
        ));
    }
    store.apply(domains_event("cp-demo", demo_domains()));
    let readonly = DomainInventory {
        domains: vec![domain("cp-ro", "readonly.nl", Some(true), 90)],
        contacts: Vec::new(),
        missing: Vec::new(),
    };
    store.apply(domains_event("cp-ro", readonly));
    store
}

/// Moves the domains cursor onto `name`.
pub fn select_domain(store: &mut Store, name: &str) {
    apply(store, Intent::Top);
    for _ in 0..store.state().data.domains().count() {
        if store.state().selected_domain().map(|d| d.id.as_str()) == Some(name) {
            return;
        }
        apply(store, Intent::MoveBy(1));
    }
    panic!("no domain {name} in the view");
}

pub fn domain_ref(account: &str, name: &str) -> Ref {
    Ref::new(account, hostdeck::model::ObjectKind::Domain, name)
}
