//! The fuzz targets: each takes body bytes through a parser the way the
//! app does (decode, then map to the model where the map is a pure
//! function) and says whether the input got that far.

use super::mutate::Format;
use super::seeds::{self, literals_starting_with};
use hostdeck::app::filter::Filter;
use hostdeck::config::Config;
use hostdeck::provider::clc::map::{GroupIndex, NetworkIndex, ServerContext};
use hostdeck::provider::clc::{self, WireFormat};
use hostdeck::provider::controlepaneel::map::{Monitor, ServerParts};
use hostdeck::provider::controlepaneel::{self, pull::FromAnswer};
use hostdeck::provider::hostbill::{self, map::ServiceParts, ServiceSpec};
use hostdeck::provider::i3d::{self, map::ColocationParts, map::PduReading};
use serde_json::Value;
use std::path::Path;

/// One parser under test.
pub struct Target {
    pub name: &'static str,
    pub format: Format,
    /// The inputs mutation starts from.
    pub seeds: fn() -> Vec<Vec<u8>>,
    /// Runs the parser; `true` when the input was accepted.
    pub run: fn(&[u8]) -> bool,
}

pub const TARGETS: [Target; 7] = [
    Target {
        name: "clc-json",
        format: Format::Json,
        seeds: || literals_starting_with(seeds::CLC_TESTS, &['{', '[']),
        run: |body| clc_answer(body, WireFormat::Json),
    },
    Target {
        name: "clc-xml",
        format: Format::Xml,
        seeds: || literals_starting_with(seeds::CLC_TESTS, &['<']),
        run: |body| clc_answer(body, WireFormat::Xml),
    },
    Target {
        name: "controlepaneel",
        format: Format::Xml,
        seeds: controlepaneel_seeds,
        run: controlepaneel_answer,
    },
    Target {
        name: "i3d",
        format: Format::Json,
        seeds: i3d_seeds,
        run: i3d_answer,
    },
    Target {
        name: "hostbill",
        format: Format::Json,
        seeds: hostbill_seeds,
        run: hostbill_answer,
    },
    Target {
        name: "config",
        format: Format::Toml,
        seeds: config_seeds,
        run: config_text,
    },
    Target {
        name: "filter",
        format: Format::Filter,
        seeds: || {
            seeds::FILTERS
                .iter()
                .map(|f| f.as_bytes().to_vec())
                .collect()
        },
        run: filter_text,
    },
];

// -- clc ---------------------------------------------------------------------

/// A CLC answer in `format`: every answer type, the groups and networks
/// it may carry indexed, and its servers mapped with them.
fn clc_answer(body: &[u8], format: WireFormat) -> bool {
    use clc::wire::{self, typed};
    let Ok(value) = wire::decode(&String::from_utf8_lossy(body), format) else {
        return false;
    };
    let _ = wire::Envelope::of(&value).outcome();
    let mut groups = GroupIndex::default();
    if let Ok(answer) = typed::<wire::GetGroupsResponse>(&value) {
        groups.extend(&answer.hardware_groups);
    }
    let mut networks = NetworkIndex::default();
    if let Ok(answer) = typed::<wire::NetworkDetailsResponse>(&value) {
        networks.extend(answer.network_details.iter().flat_map(|d| &d.ip_addresses));
    }
    let ctx = ServerContext {
        account: "fuzz",
        location: "WA1",
        account_alias: Some("ACCT"),
        groups: &groups,
        networks: &networks,
        fetched_at: 1,
    };
    let mut servers = typed::<wire::GetServersResponse>(&value)
        .map(|a| a.servers)
        .unwrap_or_default();
    if let Ok(answer) = typed::<wire::GetAccountHierarchyServersResponse>(&value) {
        servers.extend(answer.account_servers.into_iter().flat_map(|g| g.servers));
    }
    for server in &servers {
        let _ = clc::map::server(server, &ctx);
    }
    let _ = typed::<wire::LocationsResponse>(&value);
    let _ = typed::<wire::GetNetworksResponse>(&value);
    let _ = typed::<wire::QueuedItemResponse>(&value);
    if let Ok(status) = typed::<wire::QueueStatusResponse>(&value) {
        let _ = status.details().map(clc::map::job_progress);
    }
    if let Ok(charges) = typed::<wire::ServerHourlyChargesResponse>(&value) {
        let _ = clc::map::cost_series(&charges);
    }
    true
}

// -- controlepaneel ----------------------------------------------------------

fn controlepaneel_seeds() -> Vec<Vec<u8>> {
    let mut found = literals_starting_with(seeds::CONTROLEPANEEL_TESTS, &['<']);
    found.extend(literals_starting_with(
        seeds::CONTROLEPANEEL_PULL_TESTS,
        &['<'],
    ));
    found.push(hostdeck::sim::controlepaneel::domains_list_xml(3, 7).into_bytes());
    found
}

/// Reads `body` as the answer to `call`.
fn read<T: FromAnswer>(body: &[u8], call: controlepaneel::wire::Call) -> Option<T> {
    controlepaneel::wire::parse::<T>(body, &call).ok()
}

/// A controlepaneel answer: read as every answer type, and the ones the
/// model is built from mapped.
fn controlepaneel_answer(body: &[u8]) -> bool {
    use controlepaneel::wire::*;
    let _ = redact_echoes(&decode_text(body));
    let mapped = [
        controlepaneel_servers(body),
        controlepaneel_domains(body),
        controlepaneel_colocation(body),
    ];
    let others = [
        read::<DomainsCheck>(body, DOMAINS_CHECK).is_some(),
        read::<DomainsEditContacts>(body, DOMAINS_EDIT_DETAILS).is_some(),
        read::<DomainsEditDns>(body, DOMAINS_EDIT_DNS).is_some(),
        read::<DomainStep>(body, DOMAINS_EDIT_LOCK).is_some(),
        read::<DomainsAddContact>(body, DOMAINS_ADD_CONTACT).is_some(),
        read::<DomainsEditContact>(body, DOMAINS_EDIT_CONTACT).is_some(),
        read::<DomainsDelContact>(body, DOMAINS_DEL_CONTACT).is_some(),
        read::<DomainsAddToCart>(body, DOMAINS_ADD_TO_CART).is_some(),
        read::<DomainsOrderCart>(body, DOMAINS_ORDER_CART).is_some(),
        read::<ServerTrigger>(body, SERVERS_TRIGGER_REBOOT).is_some(),
        read::<ServersRequestIp>(body, SERVERS_REQUEST_IP).is_some(),
        read::<ServersEditIp>(body, SERVERS_EDIT_IP).is_some(),
        read::<ColocationAddVisitor>(body, COLOCATION_ADD_VISITOR).is_some(),
        read::<ColocationAddVisit>(body, COLOCATION_ADD_VISIT).is_some(),
    ];
    mapped.into_iter().chain(others).any(|ok| ok)
}

fn controlepaneel_servers(body: &[u8]) -> bool {
    use controlepaneel::{map, wire::*};
    let list = read::<ServersList>(body, SERVERS_LIST);
    let details = read::<ServersGetDetails>(body, SERVERS_GET_DETAILS);
    let ip_list = read::<ServersListIp>(body, SERVERS_LIST_IP);
    let ip = read::<ServersGetIp>(body, SERVERS_GET_IP);
    let profiles = read::<ServersListMon>(body, SERVERS_LIST_MON);
    let monitor = Monitor {
        profile: profiles
            .and_then(|p| p.monitoring_profiles.items.into_iter().next())
            .unwrap_or_default(),
        details: read::<ServersGetMon>(body, SERVERS_GET_MON),
    };
    let ips = ip_list.iter().flat_map(|l| {
        let v4 = l.ipv4_addresses.items.iter().map(|i| (i, "IPv4"));
        v4.chain(l.ipv6_addresses.items.iter().map(|i| (i, "IPv6")))
    });
    let ips = ips
        .filter_map(|(item, kind)| map::ip(item, kind, ip.as_ref()))
        .collect();
    let parts = ServerParts {
        item: list.as_ref().and_then(|l| l.servers.items.first()),
        details: details.as_ref(),
        ips,
        monitors: vec![&monitor],
    };
    let _ = map::server("fuzz", "1001", &parts, 1);
    let _ = map::samples("1001", &parts);
    if let Some(history) = read::<ServersGetMonHistory>(body, SERVERS_GET_MON_HISTORY) {
        let _ = map::alert_history(&history);
    }
    list.is_some() || details.is_some()
}

fn controlepaneel_domains(body: &[u8]) -> bool {
    use controlepaneel::{map, wire::*};
    let list = read::<DomainsList>(body, DOMAINS_LIST);
    let details = read::<DomainsGetDetails>(body, DOMAINS_GET_DETAILS);
    let item = list.as_ref().and_then(|l| l.domains.items.first());
    let _ = map::domain("fuzz", item, details.as_ref(), 1);
    if let Some(history) = read::<DomainsGetHistory>(body, DOMAINS_GET_HISTORY) {
        let _ = map::history(&history);
    }
    let contact = read::<DomainsGetContact>(body, DOMAINS_GET_CONTACT);
    if let Some(contacts) = read::<DomainsListContact>(body, DOMAINS_LIST_CONTACT) {
        for item in &contacts.results.items {
            let details = contact.as_ref().map(|c| &c.output);
            let _ = map::contact("fuzz", item, details, 1);
            let _ = map::contact_fields(item, details.unwrap_or(item));
        }
    }
    list.is_some() || details.is_some()
}

fn controlepaneel_colocation(body: &[u8]) -> bool {
    use controlepaneel::{map, wire::*};
    let visitors = read::<ColocationListVisitor>(body, COLOCATION_LIST_VISITOR);
    let visitor = read::<ColocationGetVisitor>(body, COLOCATION_GET_VISITOR);
    for item in visitors.iter().flat_map(|v| &v.visitors.items) {
        let _ = map::visitor("fuzz", item, visitor.as_ref());
    }
    let visits = read::<ColocationListVisit>(body, COLOCATION_LIST_VISIT);
    let visit = read::<ColocationGetVisit>(body, COLOCATION_GET_VISIT);
    for item in visits.iter().flat_map(|v| &v.visits.items) {
        let _ = map::visit("fuzz", item, visit.as_ref());
    }
    visitors.is_some() || visits.is_some()
}

// -- i3d ---------------------------------------------------------------------

fn i3d_seeds() -> Vec<Vec<u8>> {
    json_seeds(seeds::I3D_TESTS, hostdeck::sim::i3d::tickets_json(3))
}

/// The JSON literals and `json!` bodies of a wire test, and a simulator's body.
fn json_seeds(tests: &str, simulated: String) -> Vec<Vec<u8>> {
    let mut found = literals_starting_with(tests, &['{', '[']);
    found.extend(seeds::json_macros(tests));
    found.push(simulated.into_bytes());
    found
}

/// An i3D answer: every list and object type, each mapped to the model.
fn i3d_answer(body: &[u8]) -> bool {
    use i3d::{map, tickets, wire};
    let body = String::from_utf8_lossy(body);
    let _ = wire::ErrorObject::parse(&body).map(|e| e.message());
    let _ = wire::page_items(&body)
        .map(wire::categories)
        .map(tickets::options);
    if let Ok(value) = wire::decode_value(&body) {
        let _ = map::network_details(&value);
    }
    let servers = wire::decode_list::<wire::DedicatedServer>(&body);
    for ds in servers.iter().flatten() {
        let _ = map::dedicated_server("fuzz", ds, 1);
        let _ = map::dedicated_samples("ds-1", ds);
    }
    let list = wire::decode_list::<wire::Ticket>(&body);
    for ticket in list.iter().flatten() {
        let _ = tickets::ticket("fuzz", ticket, 1);
        let _ = tickets::thread(ticket);
        let _ = tickets::is_unread(ticket);
    }
    let colocated = i3d_colocations(&body);
    servers.is_ok() || list.is_ok() || colocated
}

fn i3d_colocations(body: &str) -> bool {
    use i3d::{map, wire};
    let Ok(colocations) = wire::decode_list::<wire::Colocation>(body) else {
        return false;
    };
    let history = wire::decode_list::<wire::PduSample>(body).unwrap_or_default();
    let pdus = wire::decode_list::<wire::Pdu>(body).unwrap_or_default();
    for pdu in &pdus {
        let _ = map::pdu_series(pdu, &history);
    }
    let overuse = wire::decode_list::<wire::Overuse>(body).unwrap_or_default();
    let value = wire::decode_value(body).ok();
    for colocation in &colocations {
        let parts = ColocationParts {
            colocation,
            pdus: pdus
                .iter()
                .map(|pdu| PduReading {
                    pdu: pdu.clone(),
                    latest: map::latest_sample(history.clone()),
                })
                .collect(),
            network: value.as_ref(),
            alerts: wire::decode_list(body).unwrap_or_default(),
            overuse: overuse.first(),
        };
        let _ = map::colocation("fuzz", &parts, 1);
        let _ = map::colocation_samples("colo-1", &parts);
    }
    for access in wire::decode_list::<wire::ColocationAccess>(body).unwrap_or_default() {
        let _ = map::visitor("fuzz", &access);
    }
    true
}

// -- hostbill ----------------------------------------------------------------

fn hostbill_seeds() -> Vec<Vec<u8>> {
    json_seeds(
        seeds::HOSTBILL_TESTS,
        hostdeck::sim::hostbill::records_json(3),
    )
}

/// A HostBill answer: every answer type, mapped to the model.
fn hostbill_answer(body: &[u8]) -> bool {
    use hostbill::{map, tickets, wire};
    let text = String::from_utf8_lossy(body);
    let messages = wire::Messages::of(&text);
    let _ = (messages.refused(), messages.refusal());
    if let Ok(pair) = wire::decode::<wire::TokenPair>(&text) {
        let _ = pair.token.as_deref().map(wire::jwt_expiry);
    }
    let _ = wire::jwt_expiry(&text);
    let domains = hostbill_domains(&text);
    let tickets = hostbill_tickets(&text);
    let Ok(value) = serde_json::from_str::<Value>(&text) else {
        return domains || tickets;
    };
    if let Ok(departments) = wire::departments(&value) {
        let _ = tickets::options(departments);
    }
    let ports = wire::entries(&value).ok();
    if let Some(ports) = &ports {
        let _ = map::pdu_samples("svc-1", ports);
        let _ = ports.iter().map(map::port_name).count();
    }
    let parts = ServiceParts {
        addresses: wire::addresses(&value).ok(),
        ptrs: wire::ptrs(&value).ok(),
        pdu_ports: ports,
        vms: Vec::new(),
    };
    let _ = map::service("fuzz", &ServiceSpec::new(1201), &parts, 1);
    true
}

fn hostbill_domains(text: &str) -> bool {
    use hostbill::{map, wire};
    let list = wire::decode::<wire::DomainList>(text);
    let details = wire::decode::<wire::DomainDetails>(text);
    let domains = list.iter().flat_map(|l| &l.domains);
    let domains: Vec<&wire::Domain> = domains
        .chain(details.iter().flat_map(|d| &d.details))
        .collect();
    let owned: Vec<wire::Domain> = domains.iter().map(|d| (*d).clone()).collect();
    for (domain, id) in domains.iter().zip(map::domain_ids(&owned)) {
        let _ = map::domain("fuzz", id.as_deref().unwrap_or("x"), domain, 1);
        let _ = id.as_deref().map(map::id_suffix);
    }
    let records = wire::decode::<wire::RecordList>(text);
    for record in records.iter().flat_map(|r| &r.records) {
        let _ = map::record("fuzz", "example.com", record);
    }
    list.is_ok() || details.is_ok() || records.is_ok()
}

fn hostbill_tickets(text: &str) -> bool {
    use hostbill::{tickets, wire};
    let list = wire::decode::<wire::TicketList>(text);
    for ticket in list.iter().flat_map(|l| &l.tickets) {
        let _ = tickets::ticket("fuzz", ticket, 1);
    }
    let details = wire::decode::<wire::TicketDetails>(text);
    if let Ok(details) = &details {
        let _ = tickets::fetched("fuzz", details, 1);
        let _ = tickets::thread(details);
    }
    list.is_ok() || details.is_ok()
}

// -- config and filter -------------------------------------------------------

fn config_seeds() -> Vec<Vec<u8>> {
    let mut found: Vec<Vec<u8>> = seeds::fenced_blocks(seeds::README, "toml")
        .into_iter()
        .map(String::into_bytes)
        .collect();
    found.extend(
        seeds::raw_literals(seeds::CONFIG_TESTS)
            .into_iter()
            .filter(|l| l.contains('='))
            .map(String::into_bytes),
    );
    found.extend(seeds::plain_literals(seeds::CONFIG_TESTS, "[[accounts]]"));
    found
}

/// Config text through parsing and validation.
fn config_text(body: &[u8]) -> bool {
    let text = String::from_utf8_lossy(body);
    Config::from_toml_str(&text, Path::new("fuzz.toml")).is_ok()
}

/// A filter text parsed and matched against a few rows.
fn filter_text(body: &[u8]) -> bool {
    let filter = Filter::parse(&String::from_utf8_lossy(body));
    for row in seeds::SEARCH_TEXTS {
        let _ = filter.matches(row);
    }
    filter.error.is_none()
}
