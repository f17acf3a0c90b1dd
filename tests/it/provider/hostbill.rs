//! The HostBill (XSServer client portal) provider against its simulator
//! over real loopback HTTP: the configured services as rows (IPs, PTRs,
//! PDU gauges, VM interfaces), rDNS sent for one address only, domains
//! with nameservers (never an empty list by accident; the reset said out
//! loud), every ticket call with its changes persisting, both ways of
//! logging in with a token expiring mid-session (reads sent again once,
//! a reply never twice), each error shape, refreshes that keep what
//! arrived when one enrichment fails, and no secret in any message.

use crate::support::detail;
use crate::support::faults::whole_answer_faults;
use crate::support::sim::{self as control, run};
use hostdeck::model::{
    Capability, Command, Missing, NewTicket, ObjectKind, PowerState, ProviderKind, Server, Thread,
    Ticket,
};
use hostdeck::provider::hostbill::{AuthMode, HostbillProvider, HostbillSettings, ServiceSpec};
use hostdeck::provider::{
    offers, DomainApi, ErrorKind, Inventory, Provider, ServerApi, TicketApi, TicketScope,
};
use hostdeck::secret::Secret;
use hostdeck::sim::hostbill::{DEFAULT_NAMESERVERS, DEMO_EMAIL, DEMO_PASSWORD};
use hostdeck::sim::{start_hostbill, Faults, SimOptions, SimServer, Targeted};
use serde_json::json;

const ACCOUNT: &str = "hb-sim";

async fn sim_with(token_uses: u32) -> SimServer {
    start_hostbill(SimOptions {
        seed: 7,
        token_uses,
        ..SimOptions::default()
    })
    .await
    .expect("simulator starts")
}

async fn sim() -> SimServer {
    sim_with(1_000).await
}

/// The simulator's services, the second with its VM.
fn services() -> Vec<ServiceSpec> {
    vec![
        ServiceSpec::new(1201),
        ServiceSpec {
            id: 1202,
            vms: vec![301],
        },
        ServiceSpec::new(1203),
    ]
}

fn with(sim: &SimServer, auth: AuthMode, password: &str) -> HostbillProvider {
    HostbillProvider::new(HostbillSettings {
        account: ACCOUNT.into(),
        timeouts: Default::default(),
        base_url: sim.base_url.clone(),
        username: DEMO_EMAIL.into(),
        password: Secret::new(password),
        auth,
        services: services(),
    })
    .expect("provider")
}

fn basic(sim: &SimServer) -> HostbillProvider {
    with(sim, AuthMode::Basic, DEMO_PASSWORD)
}

fn jwt(sim: &SimServer) -> HostbillProvider {
    with(sim, AuthMode::Jwt, DEMO_PASSWORD)
}

async fn inventory(hb: &HostbillProvider) -> Inventory {
    hb.inventory().await.expect("inventory")
}

fn row<'a>(inventory: &'a Inventory, id: &str) -> &'a Server {
    inventory
        .servers
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

fn parts(missing: &[Missing]) -> Vec<&str> {
    missing.iter().map(|m| m.part.as_str()).collect()
}

/// Fails every request holding `call` with HTTP `status`.
fn fail(sim: &SimServer, call: &str, status: u16) {
    sim.faults
        .fail_only(Targeted::new([call]).with_status(status));
}

/// The simulator's ticket with `subject`, as the provider lists it.
async fn ticket_titled(hb: &HostbillProvider, subject: &str) -> Ticket {
    let all = TicketApi::tickets(hb, TicketScope::All).await.unwrap();
    all.tickets
        .into_iter()
        .find(|t| t.subject == subject)
        .unwrap_or_else(|| panic!("no ticket {subject:?}"))
}

/// How many replies the simulator keeps on a ticket.
async fn replies_kept(sim: &SimServer, number: &str) -> usize {
    let ticket = control::get(sim, &format!("tickets/{number}")).await;
    ticket["replies"].as_array().map_or(0, Vec::len)
}

// -- account and services ----------------------------------------------------------

#[tokio::test]
async fn check_logs_in_either_way_and_the_provider_offers_what_the_document_has() {
    let sim = sim().await;
    for hb in [basic(&sim), jwt(&sim)] {
        let said = hb.check().await.unwrap();
        assert!(
            said.starts_with(&format!("logged in as {DEMO_EMAIL} (client 3042, ")),
            "{said}"
        );
        assert!(said.ends_with("3 services configured"), "{said}");
    }
    let hb = basic(&sim);
    assert_eq!(hb.kind(), ProviderKind::Hostbill);
    for (capability, offered) in [
        (Capability::ReverseDns, true),
        (Capability::Domains, true),
        (Capability::NameserverReset, true),
        (Capability::Tickets, true),
        (Capability::DomainRegistry, false),
        (Capability::Contacts, false),
        (Capability::Telemetry, false),
        (Capability::Colocation, false),
        (Capability::IpRequests, false),
    ] {
        assert_eq!(offers(&hb, capability), offered, "{capability:?}");
    }
    assert!(hb.power().is_none());
}

#[tokio::test]
async fn each_configured_service_is_a_row_with_its_addresses_ptrs_and_no_power() {
    let sim = sim().await;
    let inventory = inventory(&basic(&sim)).await;
    assert!(inventory.missing.is_empty(), "{:?}", inventory.missing);
    let ids: Vec<&str> = inventory.servers.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["1201", "1202", "1203"]);
    for server in &inventory.servers {
        assert_eq!(server.group, "Service");
        assert!(server.actions.is_empty());
        assert_eq!(
            server.actions_note.as_deref(),
            Some("XSServer's client API has no power operations")
        );
        assert_eq!(server.power, PowerState::Unknown("n/a".into()));
        assert!(server.missing.is_empty(), "{:?}", server.missing);
    }
    let dedicated = row(&inventory, "1201");
    assert_eq!(
        dedicated.name, "srv1.becker-systemhaus.de",
        "the main address's PTR"
    );
    assert_eq!(dedicated.primary_ip.as_deref(), Some("203.0.113.10"));
    let addresses: Vec<(&str, Option<&str>)> = dedicated
        .ips
        .iter()
        .map(|ip| (ip.address.as_str(), ip.ptr.as_deref()))
        .collect();
    assert_eq!(
        addresses,
        [
            ("203.0.113.10", Some("srv1.becker-systemhaus.de")),
            ("203.0.113.11", Some("mail.becker-systemhaus.de")),
            ("203.0.113.12", None),
            ("2001:db8:1201::10", Some("srv1-v6.becker-systemhaus.de")),
        ]
    );
    assert_eq!(dedicated.ips[0].subnet.as_deref(), Some("/29"));
    assert_eq!(dedicated.ips[0].gateway.as_deref(), Some("203.0.113.9"));
    assert_eq!(dedicated.ips[3].kind, "ipv6");
}

#[tokio::test]
async fn vm_interfaces_and_pdu_ports_are_in_the_details_and_readings_are_gauges() {
    let sim = sim().await;
    let inventory = inventory(&basic(&sim)).await;
    let cloud = row(&inventory, "1202");
    let net0 = detail(&cloud.details, "VM 301", "net0").expect("net0");
    assert!(net0.contains("bridge vmbr0"), "{net0}");
    assert!(net0.contains("firewall on"), "{net0}");
    assert!(
        net0.contains("198.51.100.23") && net0.contains("2001:db8:1202::23"),
        "{net0}"
    );
    let net1 = detail(&cloud.details, "VM 301", "net1").expect("net1");
    assert!(
        net1.contains("10.20.0.23") && net1.contains("firewall off"),
        "{net1}"
    );

    let rack = row(&inventory, "1203");
    let port = detail(&rack.details, "PDU ports", "R12 U28").expect("the port switched off");
    assert!(port.contains("off") && port.contains("0 A"), "{port}");
    let gauges: Vec<(&str, &str)> = inventory
        .samples
        .iter()
        .filter(|s| s.server_id == "1201")
        .map(|s| (s.metric.as_str(), s.unit.as_str()))
        .collect();
    for wanted in [
        ("amps ds-1201 PSU 1", "A"),
        ("volts ds-1201 PSU 1", "V"),
        ("watts ds-1201 PSU 2", "W"),
        ("kwh ds-1201 PSU 2", "kWh"),
    ] {
        assert!(gauges.contains(&wanted), "{wanted:?} in {gauges:?}");
    }
    assert!(
        inventory.samples.iter().all(|s| s.server_id != "1202"),
        "no PDU on the cloud server"
    );
}

#[tokio::test]
async fn one_service_is_read_afresh_and_a_row_that_is_not_a_service_is_refused() {
    let sim = sim().await;
    let hb = basic(&sim);
    let server = hb.server("1202").await.unwrap();
    assert_eq!(server.name, "vps301.becker-systemhaus.de");
    assert!(detail(&server.details, "VM 301", "net0").is_some());
    let refused = hb.server("web-1").await.unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Refused);
    let gone = hb.server("999").await.unwrap_err();
    assert_eq!(gone.kind, ErrorKind::Api, "{gone}");
    assert!(gone.cause.contains("service not found"), "{gone}");
}

// -- enrichments failing alone -------------------------------------------------------

#[tokio::test]
async fn one_enrichment_failing_leaves_the_rows_and_names_its_part() {
    let cases = [
        ("GET /api/service/1201/ip", "1201", "IP addresses"),
        ("GET /api/service/1201/rdns", "1201", "rDNS"),
        ("GET /api/service/1203/pdu", "1203", "PDU ports"),
        (
            "GET /api/service/1202/vms/301/interfaces",
            "1202",
            "interfaces of VM 301",
        ),
        (
            "GET /api/service/1202/vms/301/ips",
            "1202",
            "addresses of VM 301",
        ),
    ];
    let sim = sim().await;
    let hb = basic(&sim);
    for (call, id, part) in cases {
        fail(&sim, call, 500);
        let inventory = hb.inventory().await.expect("the account stays up");
        assert_eq!(inventory.servers.len(), 3, "{call}");
        let hit = row(&inventory, id);
        assert_eq!(parts(&hit.missing), [part], "{call}");
        assert!(
            hit.missing[0].cause.contains("HTTP 500"),
            "{:?}",
            hit.missing
        );
        let others = inventory.servers.iter().filter(|s| s.id != id);
        for other in others {
            assert!(other.missing.is_empty(), "{call}: {:?}", other.missing);
        }
        assert_eq!(
            inventory.missing.len(),
            1,
            "{call}: {:?}",
            inventory.missing
        );
        assert!(
            inventory.missing[0].part.ends_with(" of 1 service")
                || inventory.missing[0].part.ends_with(" of 1 VM"),
            "{:?}",
            inventory.missing
        );
    }
    // Addresses missing: the row still shows, named by its id.
    fail(&sim, "GET /api/service/1201/ip", 500);
    let inventory = hb.inventory().await.unwrap();
    let bare = row(&inventory, "1201");
    assert!(
        bare.ips.is_empty() && bare.name == "service 1201",
        "{bare:?}"
    );
}

#[tokio::test]
async fn an_answer_of_an_unexpected_shape_is_a_missing_part_not_a_failed_account() {
    let sim = sim().await;
    let hb = basic(&sim);
    sim.faults.fail_only(Targeted {
        malformed_body: true,
        ..Targeted::new(["GET /api/service/1203/pdu"])
    });
    let inventory = hb.inventory().await.unwrap();
    assert_eq!(parts(&row(&inventory, "1203").missing), ["PDU ports"]);
    assert_eq!(row(&inventory, "1203").ips.len(), 2);
}

#[tokio::test]
async fn the_account_is_down_only_when_it_cannot_be_read_at_all() {
    let sim = sim().await;
    let hb = basic(&sim);
    fail(&sim, "GET /api/details", 503);
    let error = hb.inventory().await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Http);
    let wrong = with(&sim, AuthMode::Basic, "not-the-password");
    sim.faults.set(Faults::default());
    let refused = wrong.inventory().await.unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Auth, "{refused}");
    assert!(refused.cause.contains("invalid login details"), "{refused}");
}

#[tokio::test]
async fn one_domains_details_failing_leaves_the_list() {
    let sim = sim().await;
    let hb = basic(&sim);
    fail(&sim, "GET /api/domain/48\n", 500);
    let inventory = DomainApi::domains(&hb).await.expect("the list arrived");
    assert_eq!(inventory.domains.len(), 8);
    let hit = inventory
        .domains
        .iter()
        .find(|d| d.id == "becker-it.com")
        .unwrap();
    assert!(!hit.detailed && hit.nameservers.is_empty());
    assert_eq!(parts(&hit.missing), ["details"]);
    assert_eq!(parts(&inventory.missing), ["details of 1 domain"]);
    let others = inventory.domains.iter().filter(|d| d.id != "becker-it.com");
    for other in others {
        assert!(other.detailed && other.missing.is_empty(), "{other:?}");
    }
}

// -- rDNS ------------------------------------------------------------------------------

#[tokio::test]
async fn a_ptr_is_set_for_the_changed_address_only_and_read_back() {
    let sim = sim().await;
    let hb = basic(&sim);
    let before = control::get(&sim, "rdns").await;
    let set = |hostname: &str, server: Option<&str>| Command::SetPtr {
        hostname: hostname.into(),
        remarks: None,
        server: server.map(str::to_string),
    };
    let note = run(
        &hb,
        set("backup.becker-systemhaus.de", None),
        ObjectKind::Ip,
        "203.0.113.12",
    )
    .await
    .unwrap();
    assert_eq!(
        note,
        "PTR of 203.0.113.12 set to backup.becker-systemhaus.de (service 1201)"
    );
    let after = control::get(&sim, "rdns").await;
    assert_eq!(after["1201"]["203.0.113.12"], "backup.becker-systemhaus.de");
    for (ip, host) in before["1201"].as_object().unwrap() {
        assert_eq!(&after["1201"][ip], host, "{ip} kept its PTR");
    }
    assert_eq!(after["1202"], before["1202"]);
    let read = hb.server("1201").await.unwrap();
    let ip = read
        .ips
        .iter()
        .find(|ip| ip.address == "203.0.113.12")
        .unwrap();
    assert_eq!(ip.ptr.as_deref(), Some("backup.becker-systemhaus.de"));

    // The row named: no search; an IPv6 address in its listed form.
    let note = run(
        &hb,
        set("v6.becker-systemhaus.de", Some("1202")),
        ObjectKind::Ip,
        "2001:DB8:1202::23",
    )
    .await
    .unwrap();
    assert!(
        note.contains("2001:db8:1202::23") && note.contains("service 1202"),
        "{note}"
    );
}

#[tokio::test]
async fn a_ptr_change_is_refused_before_sending_when_it_cannot_be_right() {
    let sim = sim().await;
    let hb = basic(&sim);
    let before = control::get(&sim, "rdns").await;
    let set = |hostname: &str, remarks: Option<&str>| Command::SetPtr {
        hostname: hostname.into(),
        remarks: remarks.map(str::to_string),
        server: None,
    };
    let refused = [
        (
            set("a.example", None),
            "192.0.2.200",
            "no service lists 192.0.2.200",
        ),
        (
            set("a.example", Some("note")),
            "203.0.113.12",
            "keeps no remarks",
        ),
        (set("bad host", None), "203.0.113.12", "PTR host name"),
        (set("a.example", None), "not-an-ip", "is not an IP address"),
    ];
    for (command, address, says) in refused {
        let error = run(&hb, command, ObjectKind::Ip, address)
            .await
            .unwrap_err();
        assert!(error.to_string().contains(says), "{error}");
    }
    assert_eq!(control::get(&sim, "rdns").await, before);
    // The simulator refuses a single-label name (HTTP 400 with its error).
    let error = run(&hb, set("localhost", None), ObjectKind::Ip, "203.0.113.12")
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Api);
    assert!(
        error.cause.contains("HTTP 400") && error.cause.contains("is not a host name"),
        "{error}"
    );
}

// -- domains ---------------------------------------------------------------------------

#[tokio::test]
async fn domains_arrive_with_their_nameservers_and_a_name_registered_twice_is_told_apart() {
    let sim = sim().await;
    let hb = basic(&sim);
    let inventory = DomainApi::domains(&hb).await.unwrap();
    assert!(inventory.missing.is_empty() && inventory.contacts.is_empty());
    let ids: Vec<&str> = inventory.domains.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), 8);
    assert!(
        ids.contains(&"becker-it.com") && ids.contains(&"becker-it.com/54"),
        "{ids:?}"
    );
    let main = &inventory.domains[0];
    assert_eq!(main.id, "becker-systemhaus.de");
    assert_eq!(main.tld, "de");
    assert_eq!(main.status, "Active");
    assert!(main.detailed && main.expires.is_some() && main.registered.is_some());
    assert_eq!(main.nameservers, DEFAULT_NAMESERVERS);
    assert_eq!(main.locked, None);
    assert_eq!(
        detail(&main.details, "Registration", "XSServer id"),
        Some("47")
    );
    assert_eq!(
        detail(&main.details, "Registration", "Auto-renew"),
        Some("yes")
    );
    let expired = inventory
        .domains
        .iter()
        .find(|d| d.id == "becker-it.com/54")
        .unwrap();
    assert_eq!(expired.status, "Expired");

    let one = DomainApi::domain(&hb, "Becker-IT.com").await.unwrap();
    assert_eq!(
        (one.id.as_str(), one.status.as_str()),
        ("becker-it.com", "Active")
    );
    assert_eq!(one.nameservers.len(), 3);
    let older = DomainApi::domain(&hb, "becker-it.com/54").await.unwrap();
    assert_eq!(older.status, "Expired");
    let unknown = DomainApi::domain(&hb, "nope.example").await.unwrap_err();
    assert!(
        unknown.cause.contains("no domain nope.example"),
        "{unknown}"
    );
}

#[tokio::test]
async fn nameservers_are_set_as_a_list_and_never_sent_empty_by_accident() {
    let sim = sim().await;
    let hb = basic(&sim);
    let set = |names: &[&str]| Command::SetNameservers {
        nameservers: names.iter().map(|n| n.to_string()).collect(),
    };
    let four = [
        "ns1.cloud-dns.example",
        "ns2.cloud-dns.example",
        "ns3.cloud-dns.example",
        "ns4.cloud-dns.example",
    ];
    let note = run(&hb, set(&four), ObjectKind::Domain, "becker-systemhaus.de")
        .await
        .unwrap();
    assert!(
        note.starts_with("nameservers of becker-systemhaus.de set to ns1."),
        "{note}"
    );
    let kept = DomainApi::domain(&hb, "becker-systemhaus.de")
        .await
        .unwrap();
    assert_eq!(kept.nameservers, four);

    for empty in [set(&[]), set(&["", " "]), set(&["ns1.cloud-dns.example"])] {
        let error = run(&hb, empty, ObjectKind::Domain, "becker-systemhaus.de")
            .await
            .unwrap_err();
        assert_eq!(error.kind, ErrorKind::Refused, "{error}");
        assert!(error.cause.contains("nothing was sent"), "{error}");
    }
    let still = DomainApi::domain(&hb, "becker-systemhaus.de")
        .await
        .unwrap();
    assert_eq!(still.nameservers, four, "no empty list reset them");

    let note = run(
        &hb,
        Command::ResetNameservers,
        ObjectKind::Domain,
        "becker-systemhaus.de",
    )
    .await
    .unwrap();
    assert_eq!(
        note,
        format!(
            "nameservers of becker-systemhaus.de reset to XSServer's default nameservers: {}",
            DEFAULT_NAMESERVERS.join(", ")
        )
    );
    let reset = DomainApi::domain(&hb, "becker-systemhaus.de")
        .await
        .unwrap();
    assert_eq!(reset.nameservers, DEFAULT_NAMESERVERS);
}

#[tokio::test]
async fn a_domain_that_is_not_active_refuses_changes_with_its_error() {
    let sim = sim().await;
    let hb = basic(&sim);
    let command = Command::SetNameservers {
        nameservers: vec!["ns1.a.example".into(), "ns2.a.example".into()],
    };
    let error = run(&hb, command, ObjectKind::Domain, "weinhandel-mosel.de")
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Api);
    assert_eq!(
        error.to_string(),
        "hb-sim: PUT /api/domain/52/ns: refused: domain is not active"
    );
}

// -- tickets ---------------------------------------------------------------------------

#[tokio::test]
async fn the_inbox_lists_every_ticket_and_the_frequent_poll_only_open_or_unread_ones() {
    let sim = sim().await;
    let hb = basic(&sim);
    let all = TicketApi::tickets(&hb, TicketScope::All).await.unwrap();
    assert_eq!(all.tickets.len(), 10);
    assert!(all.missing.is_empty());
    let unread: Vec<&str> = all
        .tickets
        .iter()
        .filter(|t| t.unread)
        .map(|t| t.subject.as_str())
        .collect();
    assert_eq!(
        unread,
        [
            "Server 1201 unreachable after reboot",
            "Invoice charged twice this month"
        ]
    );
    let first = &all.tickets[0];
    assert_eq!(first.category, "Technical Support");
    assert_eq!(first.status, "Answered");
    assert!(first.created.is_some() && first.thread == Thread::NotFetched);
    let open = TicketApi::tickets(&hb, TicketScope::OpenOrUnread)
        .await
        .unwrap();
    assert_eq!(open.tickets.len(), 7, "three are closed and read");
    assert!(open.tickets.iter().all(|t| !t.is_closed()));
}

#[tokio::test]
async fn a_ticket_shows_its_messages_oldest_first_staff_told_from_client() {
    let sim = sim().await;
    let hb = basic(&sim);
    let listed = ticket_titled(&hb, "VM 301: slow disk I/O at night").await;
    let ticket = TicketApi::ticket(&hb, &listed.id).await.unwrap();
    let Thread::Messages(thread) = &ticket.thread else {
        panic!("messages");
    };
    assert_eq!(thread.len(), 4, "the opening message and three replies");
    assert!(!thread[0].from_staff && thread[0].author == "Jonas Becker");
    assert!(
        thread[0]
            .body
            .starts_with("VM 301: slow disk I/O at night.\n\n"),
        "{:?}",
        thread[0].body
    );
    assert!(!thread.iter().any(|m| m.body.contains('\r')));
    let staff: Vec<bool> = thread.iter().map(|m| m.from_staff).collect();
    assert_eq!(staff, [false, true, false, true]);
    assert!(thread.windows(2).all(|w| w[0].at <= w[1].at));
    assert_eq!(ticket.updated, thread[3].at);
    assert_eq!(detail(&ticket.details, "", "Replies"), Some("3"));
}

#[tokio::test]
async fn a_reply_is_sent_once_and_the_ticket_read_again_shows_it() {
    let sim = sim().await;
    let hb = basic(&sim);
    let ticket = ticket_titled(&hb, "Quote for a second quarter rack").await;
    let before = replies_kept(&sim, &ticket.id).await;
    let command = Command::ReplyTicket {
        body: "Any news?\nThanks".into(),
    };
    let note = run(&hb, command, ObjectKind::Ticket, &ticket.id)
        .await
        .unwrap();
    assert_eq!(
        note,
        format!(
            "reply sent to ticket #{}; the thread has 2 messages",
            ticket.id
        )
    );
    assert_eq!(replies_kept(&sim, &ticket.id).await, before + 1);
    let read = TicketApi::ticket(&hb, &ticket.id).await.unwrap();
    let Thread::Messages(thread) = &read.thread else {
        panic!("messages");
    };
    let last = thread.last().unwrap();
    assert_eq!(last.body, "Any news?\nThanks");
    assert!(!last.from_staff);
    assert_eq!(read.status, "Client-Reply");
    let empty = Command::ReplyTicket { body: "  ".into() };
    let refused = run(&hb, empty, ObjectKind::Ticket, &ticket.id)
        .await
        .unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Refused);
}

#[tokio::test]
async fn closing_and_reopening_persist_and_status_false_is_a_refusal() {
    let sim = sim().await;
    let hb = basic(&sim);
    let ticket = ticket_titled(&hb, "Quote for a second quarter rack").await;
    let id = ticket.id.as_str();
    let note = run(&hb, Command::CloseTicket, ObjectKind::Ticket, id)
        .await
        .unwrap();
    assert_eq!(note, format!("ticket #{id} closed"));
    assert!(TicketApi::ticket(&hb, id).await.unwrap().is_closed());
    let again = run(&hb, Command::CloseTicket, ObjectKind::Ticket, id)
        .await
        .unwrap_err();
    assert_eq!(again.kind, ErrorKind::Api);
    assert!(again.cause.contains("status false"), "{again}");
    run(&hb, Command::ReopenTicket, ObjectKind::Ticket, id)
        .await
        .unwrap();
    assert_eq!(TicketApi::ticket(&hb, id).await.unwrap().status, "Open");

    let locked = ticket_titled(&hb, "Abuse notice for 203.0.113.12").await;
    let error = run(&hb, Command::ReopenTicket, ObjectKind::Ticket, &locked.id)
        .await
        .unwrap_err();
    assert!(error.cause.contains("staff closed it for good"), "{error}");
    let reply = Command::ReplyTicket {
        body: "hello".into(),
    };
    let error = run(&hb, reply, ObjectKind::Ticket, &locked.id)
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Api);
    assert!(
        error.to_string().ends_with("refused: ticket is locked"),
        "{error}"
    );
}

#[tokio::test]
async fn a_new_ticket_goes_to_a_listed_department_by_name_or_id() {
    let sim = sim().await;
    let hb = basic(&sim);
    let options = hb.options().await.unwrap();
    let departments: Vec<(&str, &str)> = options
        .departments
        .iter()
        .map(|d| (&*d.value, d.label.as_str()))
        .collect();
    assert_eq!(
        departments,
        [
            ("1", "Technical Support"),
            ("2", "Billing"),
            ("3", "Domains"),
            ("4", "Sales")
        ]
    );
    assert!(options.department_required && options.categories.is_empty());
    for department in ["billing", "4"] {
        let ticket = NewTicket {
            subject: format!("New in {department}"),
            body: "Body".into(),
            category: None,
            department: Some(department.into()),
        };
        let note = run(
            &hb,
            Command::OpenTicket(Box::new(ticket)),
            ObjectKind::Ticket,
            "",
        )
        .await
        .unwrap();
        assert!(
            note.starts_with("ticket #") && note.contains(" opened in "),
            "{note}"
        );
    }
    let listed = TicketApi::tickets(&hb, TicketScope::All).await.unwrap();
    assert_eq!(listed.tickets.len(), 12);
    let unknown = NewTicket {
        subject: "s".into(),
        body: "b".into(),
        category: None,
        department: Some("Legal".into()),
    };
    let error = run(
        &hb,
        Command::OpenTicket(Box::new(unknown)),
        ObjectKind::Ticket,
        "",
    )
    .await
    .unwrap_err();
    assert!(
        error.cause.contains("XSServer has: Technical Support (1)"),
        "{error}"
    );
}

// -- tokens ----------------------------------------------------------------------------

#[tokio::test]
async fn jwt_logs_in_once_and_renews_a_used_up_token_for_a_read() {
    let sim = sim_with(2).await;
    let hb = jwt(&sim);
    hb.check().await.unwrap();
    TicketApi::tickets(&hb, TicketScope::All).await.unwrap();
    // The third call finds the token used up: refreshed, sent again once.
    TicketApi::tickets(&hb, TicketScope::All).await.unwrap();
    let auth = control::get(&sim, "auth").await;
    assert_eq!(
        (auth["logins"].as_u64(), auth["refreshes"].as_u64()),
        (Some(1), Some(1))
    );
    let counts = hb.session_counts().await;
    assert_eq!((counts.logins, counts.refreshes), (1, 1));
    // Many reads at once (an inventory reads 13 calls, 4 at a time) that
    // find the token used up renew it once between them.
    control::post(&sim, "auth", Some(json!({"token_uses": 100}))).await;
    let inventory = inventory(&hb).await;
    assert!(inventory.missing.is_empty(), "{:?}", inventory.missing);
    let auth = control::get(&sim, "auth").await;
    assert_eq!(
        (auth["logins"].as_u64(), auth["refreshes"].as_u64()),
        (Some(1), Some(2))
    );
}

#[tokio::test]
async fn a_reply_refused_for_a_used_up_token_fails_and_is_never_sent_twice() {
    let sim = sim_with(1).await;
    let hb = jwt(&sim);
    let ticket = ticket_titled(&hb, "Quote for a second quarter rack").await;
    let before = replies_kept(&sim, &ticket.id).await;
    // The list used the token's one use: the reply meets "token expired".
    let reply = || Command::ReplyTicket {
        body: "Sent once".into(),
    };
    let error = run(&hb, reply(), ObjectKind::Ticket, &ticket.id)
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Auth);
    assert!(error.cause.contains("HTTP 401: token expired"), "{error}");
    assert!(error.cause.contains("does not send it again"), "{error}");
    assert_eq!(
        replies_kept(&sim, &ticket.id).await,
        before,
        "not carried out"
    );
    // Now known to be stale: renewed before the next command is sent.
    let note = run(&hb, reply(), ObjectKind::Ticket, &ticket.id)
        .await
        .unwrap();
    assert!(note.starts_with("reply sent"), "{note}");
    assert_eq!(
        replies_kept(&sim, &ticket.id).await,
        before + 1,
        "exactly once"
    );
    assert_eq!(control::get(&sim, "auth").await["logins"], 1);
}

#[tokio::test]
async fn when_the_refresh_token_is_dead_too_it_logs_in_again_once() {
    let sim = sim().await;
    let hb = jwt(&sim);
    hb.check().await.unwrap();
    sim.faults.set(Faults {
        expire_sessions: true,
        ..Faults::default()
    });
    TicketApi::tickets(&hb, TicketScope::All).await.unwrap();
    let auth = control::get(&sim, "auth").await;
    assert_eq!(
        (auth["logins"].as_u64(), auth["refreshes"].as_u64()),
        (Some(2), Some(0))
    );
    // Tokens that live long enough are used as they are.
    control::post(&sim, "auth", Some(json!({"token_uses": 1000}))).await;
    TicketApi::tickets(&hb, TicketScope::All).await.unwrap();
    assert_eq!(control::get(&sim, "auth").await["logins"], 2);
}

// -- errors and secrets ----------------------------------------------------------------

#[tokio::test]
async fn a_failed_login_names_the_account_and_call_but_no_secret() {
    let sim = sim().await;
    let password = "Wr0ng-Passw0rd-42";
    for auth in [AuthMode::Basic, AuthMode::Jwt] {
        let hb = with(&sim, auth, password);
        let error = hb.check().await.unwrap_err();
        assert_eq!(error.kind, ErrorKind::Auth, "{error}");
        let text = error.to_string();
        assert!(text.starts_with("hb-sim: "), "{text}");
        assert!(text.contains("invalid login details"), "{text}");
        assert!(!text.contains(password), "{text}");
        assert!(!format!("{error:?} {hb:?}").contains(password));
    }
    let login = with(&sim, AuthMode::Jwt, password)
        .check()
        .await
        .unwrap_err();
    assert!(
        login
            .to_string()
            .starts_with("hb-sim: POST /api/login: the login was refused"),
        "{login}"
    );
}

#[tokio::test]
async fn no_token_reaches_a_message_even_when_a_command_fails() {
    let sim = sim_with(1).await;
    let hb = jwt(&sim);
    let ticket = ticket_titled(&hb, "Quote for a second quarter rack").await;
    let error = run(&hb, Command::CloseTicket, ObjectKind::Ticket, &ticket.id)
        .await
        .unwrap_err();
    let text = format!("{error} {error:?} {hb:?}");
    assert!(!text.contains("eyJ"), "no JWT in: {text}");
    assert!(!text.contains(DEMO_PASSWORD), "{text}");
}

#[tokio::test]
async fn whole_answers_that_fail_are_errors_of_their_kind() {
    let sim = sim().await;
    let hb = basic(&sim);
    for (faults, kind) in whole_answer_faults() {
        sim.faults.set(faults.clone());
        let error = TicketApi::tickets(&hb, TicketScope::All).await.unwrap_err();
        assert_eq!(error.kind, kind, "{faults:?}: {error}");
        assert!(
            error.to_string().starts_with("hb-sim: GET /api/tickets: "),
            "{error}"
        );
    }
    sim.faults.set(Faults::default());
    let missing = TicketApi::ticket(&hb, "1").await.unwrap_err();
    assert_eq!(missing.kind, ErrorKind::Api);
    assert_eq!(
        missing.to_string(),
        "hb-sim: GET /api/tickets/1: provider answered HTTP 404: ticket not found"
    );
}

#[tokio::test]
async fn a_command_that_fails_in_transport_says_its_outcome_is_unknown() {
    let sim = sim().await;
    let hb = basic(&sim);
    let ticket = ticket_titled(&hb, "Quote for a second quarter rack").await;
    fail(&sim, &format!("POST /api/tickets/{}", ticket.id), 503);
    let error = run(
        &hb,
        Command::ReplyTicket { body: "x".into() },
        ObjectKind::Ticket,
        &ticket.id,
    )
    .await
    .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Http);
    assert!(
        error
            .cause
            .ends_with("outcome unknown: look at the ticket before sending again"),
        "{error}"
    );
}

// -- DNS records -----------------------------------------------------------------------

/// The records of a domain as the provider lists them.
async fn records(hb: &HostbillProvider, domain: &str) -> Vec<hostdeck::model::DnsRecord> {
    hb.dns()
        .expect("DNS records")
        .records(domain)
        .await
        .expect("records")
}

#[tokio::test]
async fn records_are_listed_with_their_ids_types_and_mx_priority() {
    let sim = sim().await;
    let hb = basic(&sim);
    assert!(offers(&hb, Capability::DnsRecords));
    let zone = records(&hb, "becker-systemhaus.de").await;
    let kept = control::get(&sim, "domains").await;
    let kept_zone = kept
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == 47)
        .expect("domain 47")["records"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(zone.len(), kept_zone);
    let first = &zone[0];
    assert_eq!(
        (
            first.id.as_str(),
            first.name.as_str(),
            first.record_type.as_str()
        ),
        ("1", "@", "A")
    );
    assert_eq!((first.priority, first.ttl), (None, Some(3600)));
    assert_eq!(first.domain, "becker-systemhaus.de");
    let mx = zone.iter().find(|r| r.record_type == "MX").expect("an MX");
    assert_eq!(mx.priority, Some(10));
    assert!(records(&hb, "becker-it.com/54").await.len() >= 6);
}

#[tokio::test]
async fn records_are_added_edited_and_deleted_by_id_and_each_change_relisted() {
    use hostdeck::model::RecordFields;
    let sim = sim().await;
    let hb = basic(&sim);
    let domain = "baeckerei-krause.de";
    let before = records(&hb, domain).await;

    let added = RecordFields::new("MX", "@", "mx2.example.com", Some(20));
    let note = run(
        &hb,
        Command::AddRecord(Box::new(added.clone())),
        ObjectKind::Domain,
        domain,
    )
    .await
    .unwrap();
    assert_eq!(
        note,
        "record MX @ → 20 mx2.example.com added to baeckerei-krause.de"
    );
    let zone = records(&hb, domain).await;
    assert_eq!(zone.len(), before.len() + 1);
    let new = zone.last().unwrap();
    assert_eq!(new.fields(), added);

    // Delete the second record: the ids of the others stay (@index is the id).
    let second = zone[1].clone();
    let delete = Command::DeleteRecord {
        id: second.id.clone(),
        listed: Box::new(second.fields()),
    };
    run(&hb, delete, ObjectKind::Domain, domain).await.unwrap();
    let zone = records(&hb, domain).await;
    assert!(zone.iter().all(|r| r.id != second.id));
    let third = zone
        .iter()
        .find(|r| r.id == "3")
        .expect("record 3 kept its id");

    let changed = RecordFields::new("A", "www", "192.0.2.80", None);
    let edit = Command::EditRecord {
        id: third.id.clone(),
        listed: Box::new(third.fields()),
        fields: Box::new(changed.clone()),
    };
    let note = run(&hb, edit, ObjectKind::Domain, domain).await.unwrap();
    assert_eq!(
        note,
        "record 3 of baeckerei-krause.de is now A www → 192.0.2.80"
    );
    let edited = records(&hb, domain).await;
    let now = edited.iter().find(|r| r.id == "3").unwrap();
    assert_eq!(now.fields(), changed);
    assert_eq!(now.ttl, third.ttl, "the TTL stays");
}

#[tokio::test]
async fn a_record_that_moved_since_it_was_listed_is_not_changed() {
    use hostdeck::model::RecordFields;
    let sim = sim().await;
    let hb = basic(&sim);
    let domain = "ferienwohnung-ostsee.de";
    let zone = records(&hb, domain).await;
    let listed = zone[0].clone();
    // Someone else changes it first.
    let other = RecordFields::new("A", "@", "198.51.100.99", None);
    let first = Command::EditRecord {
        id: listed.id.clone(),
        listed: Box::new(listed.fields()),
        fields: Box::new(other),
    };
    run(&hb, first, ObjectKind::Domain, domain).await.unwrap();
    let stale = Command::DeleteRecord {
        id: listed.id.clone(),
        listed: Box::new(listed.fields()),
    };
    let error = run(&hb, stale, ObjectKind::Domain, domain)
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Refused);
    assert!(
        error
            .cause
            .contains("is now A @ → 198.51.100.99, not A @ → 203.0.113.10 as listed"),
        "{error}"
    );
    assert_eq!(
        records(&hb, domain).await.len(),
        zone.len(),
        "nothing deleted"
    );
    let gone = Command::DeleteRecord {
        id: "999".into(),
        listed: Box::new(listed.fields()),
    };
    let error = run(&hb, gone, ObjectKind::Domain, domain)
        .await
        .unwrap_err();
    assert!(
        error.cause.contains("record 999 is no longer in"),
        "{error}"
    );
}

#[tokio::test]
async fn a_record_the_provider_refuses_names_its_reason() {
    use hostdeck::model::RecordFields;
    let sim = sim().await;
    let hb = basic(&sim);
    // An expired domain takes no changes.
    let add = Command::AddRecord(Box::new(RecordFields::new("A", "www", "192.0.2.1", None)));
    let error = run(&hb, add, ObjectKind::Domain, "weinhandel-mosel.de")
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "hb-sim: POST /api/domain/52/dns: refused: domain is not active"
    );
    // A failing zone read sends nothing.
    fail(&sim, "GET /api/domain/49/dns", 500);
    let zone_error = hb
        .dns()
        .unwrap()
        .records("baeckerei-krause.de")
        .await
        .unwrap_err();
    assert_eq!(zone_error.kind, ErrorKind::Http);
    let listed = RecordFields::new("A", "@", "203.0.113.10", None);
    let delete = Command::DeleteRecord {
        id: "1".into(),
        listed: Box::new(listed),
    };
    let error = run(&hb, delete, ObjectKind::Domain, "baeckerei-krause.de")
        .await
        .unwrap_err();
    assert!(error.cause.ends_with("the change was not sent"), "{error}");
}
