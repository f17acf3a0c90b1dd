//! Fixtures shared by the DNS records tests (store and UI): a HostBill
//! account offering domains and DNS records with example.nl and shop.nl,
//! a read-only one with the same capabilities, and a controlepaneel
//! account with domains but no DNS records; example.nl's zone of six
//! records around the fixed "now" of `support::panes`.

#![allow(dead_code)]

use crate::support::events;
use crate::support::panes::{domain, now};
use hostdeck::app::event::{Effect, Event};
use hostdeck::app::intent::Intent;
use hostdeck::app::store::Store;
use hostdeck::model::{AccountInfo, Capability, DnsRecord, ObjectKind, ProviderKind, Ref};
use hostdeck::provider::{DomainInventory, Inventory};

pub const HB: &str = "hb-main";
pub const HB_RO: &str = "hb-ro";
pub const CP: &str = "cp-demo";
pub const DOMAIN: &str = "example.nl";

pub fn accounts() -> Vec<AccountInfo> {
    let dns = || vec![Capability::Domains, Capability::DnsRecords];
    vec![
        AccountInfo::new(CP, ProviderKind::Controlepaneel, false)
            .with_capabilities(vec![Capability::Domains]),
        AccountInfo::new(HB, ProviderKind::Hostbill, false).with_capabilities(dns()),
        AccountInfo::new(HB_RO, ProviderKind::Hostbill, true).with_capabilities(dns()),
    ]
}

pub fn domain_ref(account: &str, name: &str) -> Ref {
    Ref::new(account, ObjectKind::Domain, name)
}

/// A record of example.nl on hb-main, its TTL an hour.
pub fn record(
    id: &str,
    name: &str,
    record_type: &str,
    content: &str,
    priority: Option<u32>,
) -> DnsRecord {
    DnsRecord {
        account: HB.into(),
        domain: DOMAIN.into(),
        id: id.into(),
        name: name.into(),
        record_type: record_type.into(),
        content: content.into(),
        priority,
        ttl: Some(3600),
    }
}

/// The record in another domain and account.
pub fn in_domain(record: DnsRecord, account: &str, domain: &str) -> DnsRecord {
    DnsRecord {
        account: account.into(),
        domain: domain.into(),
        ..record
    }
}

/// example.nl's zone, in the provider's order.
pub fn zone() -> Vec<DnsRecord> {
    vec![
        record("1", "@", "A", "192.0.2.10", None),
        record("2", "www", "CNAME", "example.nl", None),
        record("3", "@", "MX", "mail.example.nl", Some(10)),
        record("4", "mail", "AAAA", "2001:db8::25", None),
        record(
            "5",
            "@",
            "TXT",
            "v=spf1 mx a:mail.example.nl include:_spf.example.net -all",
            None,
        ),
        record("6", "_sip._tcp", "SRV", "10 5 5060 sip.example.nl", None),
    ]
}

/// The rows' ids in display order.
pub fn row_ids(store: &Store) -> Vec<String> {
    let state = store.state();
    let view = &state.panes.records.list;
    let records = state
        .panes
        .records
        .domain
        .as_ref()
        .and_then(|d| state.records(d))
        .unwrap_or_default();
    view.rows.iter().map(|&i| records[i].id.clone()).collect()
}

pub fn apply(store: &mut Store, intent: Intent) -> Vec<Effect> {
    store.apply(Event::Intent(intent))
}

/// Every account healthy with its domains (and the read-only account's
/// readonly.nl), the domains view showing.
pub fn domains_store(size: (u16, u16)) -> Store {
    let mut store = Store::new(accounts(), false);
    store.apply(Event::Resize(size.0, size.1));
    for account in [CP, HB, HB_RO] {
        store.apply(events::inventory(
            account,
            Ok(Inventory::default()),
            20,
            now(),
        ));
    }
    let inventory = |account: &str, names: &[&str]| DomainInventory {
        domains: names
            .iter()
            .map(|n| domain(account, n, Some(true), 200))
            .collect(),
        contacts: Vec::new(),
        missing: Vec::new(),
    };
    store.apply(events::domains(
        HB,
        Ok(inventory(HB, &[DOMAIN, "shop.nl"])),
        now(),
    ));
    store.apply(events::domains(
        HB_RO,
        Ok(inventory(HB_RO, &["readonly.nl"])),
        now(),
    ));
    store.apply(events::domains(
        CP,
        Ok(inventory(CP, &["cp-only.nl", "shop.nl"])),
        now(),
    ));
    apply(
        &mut store,
        Intent::ShowView(hostdeck::app::panes::ViewKind::Domains),
    );
    store
}

/// The records view of example.nl on hb-main with its zone listed.
pub fn store(size: (u16, u16)) -> Store {
    let mut store = domains_store(size);
    open(&mut store, HB, DOMAIN, zone());
    store
}

/// Opens the records of `account:name` with `:records` and lets `records`
/// arrive.
pub fn open(store: &mut Store, account: &str, name: &str, records: Vec<DnsRecord>) {
    let typed = format!("{account}:{name}");
    apply(store, Intent::ShowRecords(Some(typed)));
    let domain = domain_ref(account, name);
    store.apply(events::records(&domain, Ok(records), now()));
}

/// Moves the records cursor onto record `id`.
pub fn select(store: &mut Store, id: &str) {
    apply(store, Intent::Top);
    for _ in 0..row_ids(store).len() {
        if store.state().selected_record().map(|r| r.id.as_str()) == Some(id) {
            return;
        }
        apply(store, Intent::MoveBy(1));
    }
    panic!("no record {id} in the view");
}
