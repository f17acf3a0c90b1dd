//! The controlepaneel provider against the controlepaneel simulator over
//! real loopback HTTP (POST and GET): inventory (virtual and other servers,
//! actions, warnings, samples, IPs), every command with its documented
//! error cases, the lock toggle, contacts round trip, history, colocation
//! without personal data, refused credentials, injected faults, and
//! refreshes that keep what arrived when one call fails.

use crate::support::detail;
use crate::support::faults::whole_answer_faults;
use hostdeck::config::KindOptions;
use hostdeck::model::{
    Action, Capability, Command, ContactFields, Missing, ObjectKind, PowerState, ProviderKind, Ref,
    Server,
};
use hostdeck::provider::controlepaneel::{
    ControlepaneelProvider, ControlepaneelSettings, HttpMethod,
};
use hostdeck::provider::{
    execute, offers, ColocationApi, DomainApi, ErrorKind, Provider, ProviderError, RegistryApi,
    ServerApi, Submitted,
};
use hostdeck::secret::Secret;
use hostdeck::sim::{start_controlepaneel, Faults, SimOptions, SimServer, Targeted};
use std::time::Duration;

async fn sim() -> SimServer {
    start_controlepaneel(SimOptions {
        seed: 11,
        scale: 24,
        queue_step: Duration::from_millis(20),
        ..SimOptions::default()
    })
    .await
    .expect("simulator starts")
}

fn settings(sim: &SimServer, method: HttpMethod) -> ControlepaneelSettings {
    ControlepaneelSettings {
        account: "cp-sim".into(),
        timeouts: Default::default(),
        base_url: sim.base_url.clone(),
        account_id: sim.credential("account_id").expect("account_id").into(),
        hash: Secret::new(sim.credential("hash").expect("hash")),
        method,
    }
}

fn provider(sim: &SimServer, method: HttpMethod) -> ControlepaneelProvider {
    ControlepaneelProvider::new(settings(sim, method)).expect("provider")
}

async fn run(
    cp: &ControlepaneelProvider,
    command: Command,
    kind: ObjectKind,
    id: &str,
) -> Result<String, ProviderError> {
    let target = Ref::new("cp-sim", kind, id);
    execute(cp, &command, &target)
        .await
        .map(|submitted| match submitted {
            Submitted::Done(note) => note,
            other => panic!("controlepaneel answers at once, got {other:?}"),
        })
}

fn api_error(result: Result<String, ProviderError>) -> ProviderError {
    let error = result.expect_err("the API refuses it");
    assert_eq!(error.kind, ErrorKind::Api, "{error}");
    error
}

async fn servers(cp: &ControlepaneelProvider) -> Vec<Server> {
    cp.inventory().await.expect("inventory").servers
}

fn first(servers: &[Server], virtual_server: bool) -> Server {
    servers
        .iter()
        .find(|s| (s.group == "Virtual") == virtual_server)
        .cloned()
        .expect("the fixtures have virtual and other servers")
}

// -- reads -------------------------------------------------------------------

#[tokio::test]
async fn check_counts_the_servers() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let count = servers(&cp).await.len();
    assert!(count > 1);
    assert_eq!(cp.check().await.unwrap(), format!("{count} servers"));
}

#[tokio::test]
async fn only_virtual_servers_offer_power_actions() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let servers = servers(&cp).await;
    for server in &servers {
        assert_eq!(server.account, "cp-sim");
        assert!(
            !server.name.is_empty() && !server.group.is_empty(),
            "{server:?}"
        );
        if server.group == "Virtual" {
            let fitting = match server.power {
                PowerState::On => vec![Action::Reboot, Action::PowerOff],
                _ => vec![Action::PowerOn],
            };
            assert_eq!(server.actions, fitting, "{server:?}");
            assert_eq!(server.actions_note, None);
        } else {
            assert!(server.actions.is_empty(), "{server:?}");
            let note = format!(
                "power actions need a virtual server; this one is {}",
                server.group
            );
            assert_eq!(server.actions_note.as_deref(), Some(note.as_str()));
        }
        assert!(
            !matches!(server.power, PowerState::Unknown(_)),
            "{server:?}"
        );
        assert_eq!(
            detail(&server.details, "General", "Identifier"),
            Some(server.id.as_str())
        );
    }
    assert!(servers.iter().any(|s| s.group == "Virtual"));
    assert!(servers.iter().any(|s| s.group != "Virtual"));
}

#[tokio::test]
async fn warnings_match_the_monitoring_details() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let servers = servers(&cp).await;
    let mut warned = 0;
    for server in &servers {
        let down_ports: Vec<String> = server
            .details
            .iter()
            .filter(|d| {
                d.section == "Monitoring"
                    && d.label.starts_with("Port ")
                    && d.value.starts_with("Down")
            })
            .map(|d| format!("port {} down", &d.label[5..]))
            .collect();
        let port_warnings: Vec<String> = server
            .warnings
            .iter()
            .filter(|w| w.starts_with("port "))
            .cloned()
            .collect();
        assert_eq!(port_warnings, down_ports, "{}", server.id);
        let load = |label| {
            detail(&server.details, "Monitoring", label).and_then(|v| v.parse::<f64>().ok())
        };
        let over =
            matches!((load("Load current"), load("Load threshold")), (Some(c), Some(t)) if c > t);
        assert_eq!(
            server.warnings.iter().any(|w| w.starts_with("load ")),
            over,
            "{}",
            server.id
        );
        warned += server.warnings.len();
    }
    assert!(
        warned > 0,
        "the fixtures have a port down or a load over its threshold"
    );
}

#[tokio::test]
async fn samples_carry_load_and_cabinet_amps() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let inventory = cp.inventory().await.unwrap();
    for sample in &inventory.samples {
        let server = inventory
            .servers
            .iter()
            .find(|s| s.id == sample.server_id)
            .expect("a listed server");
        let (section, label) = match sample.metric.as_str() {
            "load" => ("Monitoring", "Load current"),
            "amps A" => ("Cabinet power", "Feed A amps"),
            "amps B" => ("Cabinet power", "Feed B amps"),
            other => panic!("unexpected metric {other}"),
        };
        let shown: f64 = detail(&server.details, section, label)
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(shown, sample.value);
        assert_eq!(sample.unit, if sample.metric == "load" { "" } else { "A" });
    }
    let metrics: Vec<&str> = inventory
        .samples
        .iter()
        .map(|s| s.metric.as_str())
        .collect();
    assert!(
        metrics.contains(&"load") && metrics.contains(&"amps A") && metrics.contains(&"amps B"),
        "{metrics:?}"
    );
    assert!(
        !offers(&cp, Capability::Telemetry),
        "no series: samples instead"
    );
}

#[tokio::test]
async fn ips_carry_ptr_subnet_gateway_and_remarks() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let servers = servers(&cp).await;
    let ips: Vec<_> = servers
        .iter()
        .flat_map(|s| s.ips.iter().map(move |ip| (s, ip)))
        .collect();
    assert!(
        ips.iter().any(|(_, ip)| ip.kind == "IPv4") && ips.iter().any(|(_, ip)| ip.kind == "IPv6")
    );
    for (server, ip) in ips {
        assert_eq!(ip.server_id.as_deref(), Some(server.id.as_str()));
        assert!(
            ip.ptr.is_some() && ip.subnet.is_some() && ip.gateway.is_some(),
            "{ip:?}"
        );
    }
}

#[tokio::test]
async fn one_server_shows_its_alert_history_newest_first() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let monitored = servers(&cp)
        .await
        .into_iter()
        .find(|s| detail(&s.details, "Monitoring", "Profile id").is_some())
        .expect("a monitored server");
    let server = cp.server(&monitored.id).await.unwrap();
    assert_eq!(server.name, monitored.name);
    assert_eq!(server.ips, monitored.ips);
    let alerts: Vec<_> = server
        .details
        .iter()
        .filter(|d| d.section == "Alert history")
        .collect();
    assert!(!alerts.is_empty() && alerts.len() <= 20);
    let dates: Vec<_> = alerts
        .iter()
        .map(|d| hostdeck::provider::lenient::parse_date(&d.label).expect("a readable date"))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let error = cp.server("999999").await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Api);
    assert!(
        error.cause.starts_with("Error1: server not found"),
        "{error}"
    );
}

#[tokio::test]
async fn domains_are_all_detailed_and_contacts_read() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let inventory = DomainApi::domains(&cp).await.unwrap();
    assert!(!inventory.domains.is_empty() && !inventory.contacts.is_empty());
    for domain in &inventory.domains {
        assert!(domain.detailed, "{domain:?}");
        assert_eq!(domain.id, domain.id.to_ascii_lowercase());
        assert!(domain.id.ends_with(&format!(".{}", domain.tld)));
        assert!(domain.locked.is_some() && domain.expires.is_some() && domain.registered.is_some());
        assert!((2..=3).contains(&domain.nameservers.len()));
        assert!(domain.details.iter().any(|d| d.section == "Contract"));
        let owner = domain.owner.as_deref().unwrap();
        assert!(
            inventory.contacts.iter().any(|c| c.matches_handle(owner)),
            "{owner}"
        );
    }
    for contact in &inventory.contacts {
        assert!(contact.detailed && contact.email.is_some(), "{contact:?}");
        assert!(!contact.fields.first_name.is_empty() && !contact.fields.gender.is_empty());
    }
    let one = &inventory.domains[0];
    let again = DomainApi::domain(&cp, &one.id.to_ascii_uppercase())
        .await
        .unwrap();
    assert_eq!(
        (&again.id, again.locked, &again.nameservers),
        (&one.id, one.locked, &one.nameservers)
    );
}

#[tokio::test]
async fn colocation_lists_visitors_and_visits_without_personal_numbers() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let colocation = ColocationApi::colocation(&cp).await.unwrap();
    assert!(!colocation.visitors.is_empty() && !colocation.visits.is_empty());
    assert!(colocation
        .visits
        .iter()
        .all(|v| !v.visit_key.is_empty() && v.arrival.is_some()));
    let shown = format!("{colocation:?}");
    let mut checked = 0;
    for visitor in &colocation.visitors {
        let raw = raw_answer(
            &sim,
            "colocation",
            "get_visitor",
            &[("Identifier", &visitor.id)],
        )
        .await;
        for element in ["PersNumber", "DateofBirth"] {
            if let Some(value) = element_text(&raw, element) {
                assert!(!shown.contains(&value), "{element} {value} leaked: {shown}");
                checked += 1;
            }
        }
    }
    assert!(
        checked >= 2,
        "the simulator sends personal numbers and birth dates"
    );
}

/// Every detail (label and value) that shows a date: the Dutch
/// `DD-MM-YYYY` ones, and how many are ISO.
fn dates_in(details: &[hostdeck::model::Detail]) -> (Vec<String>, usize) {
    let dutch = regex::Regex::new(r"\b\d{2}-\d{2}-\d{4}\b").expect("regex");
    let iso = regex::Regex::new(r"\b\d{4}-\d{2}-\d{2}\b").expect("regex");
    let texts = details.iter().flat_map(|d| [d.label.as_ref(), &*d.value]);
    let raw = texts
        .clone()
        .filter(|t| dutch.is_match(t))
        .map(str::to_string)
        .collect();
    (raw, texts.filter(|t| iso.is_match(t)).count())
}

#[tokio::test]
async fn every_date_in_the_details_reads_as_iso() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let mut details = Vec::new();
    for server in servers(&cp).await {
        details.extend(cp.server(&server.id).await.unwrap().details);
    }
    let domains = DomainApi::domains(&cp).await.unwrap().domains;
    details.extend(domains.into_iter().flat_map(|d| d.details));
    let colocation = ColocationApi::colocation(&cp).await.unwrap();
    details.extend(colocation.visitors.into_iter().flat_map(|v| v.details));
    details.extend(colocation.visits.into_iter().flat_map(|v| v.details));
    let (raw, iso) = dates_in(&details);
    assert!(raw.is_empty(), "raw dates: {raw:?}");
    let labels = [
        "Contract date",
        "Last check",
        "Registration date",
        "End",
        "Arrival",
    ];
    for label in labels {
        let shown = details.iter().filter(|d| d.label == label);
        assert!(shown.clone().count() > 0, "{label}");
        assert_eq!(dates_in(&shown.cloned().collect::<Vec<_>>()).0.len(), 0);
    }
    assert!(iso > 100, "{iso} ISO dates");
}

/// The body of one call, sent by hand.
async fn raw_answer(sim: &SimServer, module: &str, action: &str, vars: &[(&str, &str)]) -> String {
    let mut form = vec![
        ("Account", sim.credential("account_id").unwrap()),
        ("Hash", sim.credential("hash").unwrap()),
        ("Module", module),
        ("Action", action),
    ];
    form.extend_from_slice(vars);
    let client = reqwest::Client::new();
    let response = client.post(&sim.base_url).form(&form).send().await.unwrap();
    response.text().await.unwrap()
}

fn element_text(body: &str, element: &str) -> Option<String> {
    let start = body.find(&format!("<{element}>"))? + element.len() + 2;
    let end = body[start..].find('<')? + start;
    Some(body[start..end].to_string()).filter(|v| !v.trim().is_empty())
}

// -- power -------------------------------------------------------------------

#[tokio::test]
async fn power_actions_go_to_virtual_servers_and_not_to_others() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let servers = servers(&cp).await;
    let vps = first(&servers, true);
    for (action, note) in [
        (Action::PowerOff, "power-off sent"),
        (Action::PowerOn, "power-on sent"),
        (Action::Reboot, "reboot sent"),
    ] {
        let done = run(&cp, Command::Power(action), ObjectKind::Server, &vps.id)
            .await
            .unwrap();
        assert_eq!(done, format!("{note} to server {}", vps.id));
    }
    let dedicated = first(&servers, false);
    let error = api_error(
        run(
            &cp,
            Command::Power(Action::Reboot),
            ObjectKind::Server,
            &dedicated.id,
        )
        .await,
    );
    assert!(error.cause.contains("is not a virtual server"), "{error}");
    assert!(error.cause.starts_with("Action1 Error1: "), "{error}");
    assert!(
        error
            .to_string()
            .starts_with("cp-sim: servers/trigger_reboot "),
        "{error}"
    );
    let missing = api_error(
        run(
            &cp,
            Command::Power(Action::PowerOn),
            ObjectKind::Server,
            "424242",
        )
        .await,
    );
    assert!(
        missing.cause.starts_with("Error1: server not found"),
        "{missing}"
    );
}

#[tokio::test]
async fn power_off_then_on_shows_in_the_power_state() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let vps = first(&servers(&cp).await, true);
    run(
        &cp,
        Command::Power(Action::PowerOff),
        ObjectKind::Server,
        &vps.id,
    )
    .await
    .unwrap();
    let off = cp.server(&vps.id).await.unwrap();
    assert_eq!(off.power, PowerState::Off);
    assert_eq!(off.actions, [Action::PowerOn]);
    run(
        &cp,
        Command::Power(Action::PowerOn),
        ObjectKind::Server,
        &vps.id,
    )
    .await
    .unwrap();
    assert_eq!(cp.server(&vps.id).await.unwrap().power, PowerState::On);
}

#[tokio::test]
async fn unsupported_actions_and_wrong_targets_are_refused_before_sending() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let vps = first(&servers(&cp).await, true);
    let error = run(
        &cp,
        Command::Power(Action::Pause),
        ObjectKind::Server,
        &vps.id,
    )
    .await
    .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unsupported);
    let error = run(&cp, Command::RequestEpp, ObjectKind::Server, &vps.id)
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Refused);
    assert!(cp.queue().is_none(), "every command is answered at once");
}

#[tokio::test]
async fn request_ips_reports_a_count_that_is_not_a_number() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let vps = first(&servers(&cp).await, true);
    let error = cp
        .request_ip(&vps.id, false, "a few", "more sites")
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Api);
    assert!(
        error
            .cause
            .starts_with("Action1 Error1: Count must be a number"),
        "{error}"
    );
    let done = cp
        .request_ip(&vps.id, true, "2", "more sites")
        .await
        .unwrap();
    assert_eq!(
        done,
        format!(
            "requested 2 IPv6 addresses for server {}; the provider handles the request, nothing is assigned yet",
            vps.id
        )
    );
}

#[tokio::test]
async fn the_request_ips_command_reaches_request_ip_and_needs_a_reason() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Get);
    let vps = first(&servers(&cp).await, true);
    let command = |reason: &str| Command::RequestIps {
        ipv6: false,
        count: 1,
        reason: reason.into(),
    };
    let done = run(&cp, command("one more site"), ObjectKind::Server, &vps.id)
        .await
        .unwrap();
    assert!(
        done.starts_with(&format!("requested 1 IPv4 address for server {}", vps.id)),
        "{done}"
    );
    let error = run(&cp, command("  "), ObjectKind::Server, &vps.id)
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Refused, "{error}");
    assert!(error.cause.contains("reason is required"), "{error}");
    let error = run(&cp, command("more"), ObjectKind::Server, "999999")
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Api, "{error}");
    assert!(error.to_string().contains("server not found"), "{error}");
}

// -- reverse DNS ---------------------------------------------------------------

#[tokio::test]
async fn set_ptr_persists_and_keeps_the_remarks_unless_given() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let server = first(&servers(&cp).await, true);
    let ip = server
        .ips
        .iter()
        .find(|ip| ip.remarks.is_some())
        .expect("an IP with remarks")
        .clone();
    let set = |hostname: &str, remarks: Option<&str>| Command::SetPtr {
        hostname: hostname.into(),
        remarks: remarks.map(str::to_string),
        server: None,
    };
    let done = run(
        &cp,
        set("mail.example.nl", None),
        ObjectKind::Ip,
        &ip.address,
    )
    .await
    .unwrap();
    assert_eq!(
        done,
        format!("PTR of {} set to mail.example.nl", ip.address)
    );
    let read_back = |server: Server| {
        server
            .ips
            .into_iter()
            .find(|i| i.address == ip.address)
            .unwrap()
    };
    let after = read_back(cp.server(&server.id).await.unwrap());
    assert_eq!(after.ptr.as_deref(), Some("mail.example.nl"));
    assert_eq!(after.remarks, ip.remarks);
    run(
        &cp,
        set("www.example.nl", Some("moved to www")),
        ObjectKind::Ip,
        &ip.address,
    )
    .await
    .unwrap();
    let after = read_back(cp.server(&server.id).await.unwrap());
    assert_eq!(
        (after.ptr.as_deref(), after.remarks.as_deref()),
        (Some("www.example.nl"), Some("moved to www"))
    );
    let missing = api_error(
        run(
            &cp,
            set("x.example.nl", Some("r")),
            ObjectKind::Ip,
            "198.51.100.250",
        )
        .await,
    );
    assert!(
        missing.cause.starts_with("Error1: IP address not found"),
        "{missing}"
    );
}

// -- domains -------------------------------------------------------------------

async fn a_domain(cp: &ControlepaneelProvider, locked: bool) -> String {
    let domains = DomainApi::domains(cp).await.unwrap().domains;
    domains
        .into_iter()
        .find(|d| d.locked == Some(locked) && d.status == "Active")
        .map(|d| d.id)
        .expect("fixtures have locked and unlocked domains")
}

#[tokio::test]
async fn an_epp_request_is_confirmed_and_recorded_in_the_history() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let id = a_domain(&cp, false).await;
    let before = cp.history(&id).await.unwrap();
    let done = run(&cp, Command::RequestEpp, ObjectKind::Domain, &id)
        .await
        .unwrap();
    assert_eq!(
        done,
        format!("transfer code sent by e-mail to the owner and/or admin contact of {id}")
    );
    let after = cp.history(&id).await.unwrap();
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.windows(2).all(|w| w[0].at >= w[1].at), "newest first");
    let newest = after.iter().find(|e| !before.contains(e)).unwrap();
    let action = newest.action.to_ascii_lowercase();
    assert!(
        action.contains("epp") || action.contains("verhuiscode"),
        "{newest:?}"
    );
    let missing = api_error(
        run(
            &cp,
            Command::RequestEpp,
            ObjectKind::Domain,
            "bestaat-niet.nl",
        )
        .await,
    );
    assert!(
        missing.cause.starts_with("Error1: domain name not found"),
        "{missing}"
    );
}

#[tokio::test]
async fn the_lock_is_only_toggled_when_it_differs() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let id = a_domain(&cp, true).await;
    let history = cp.history(&id).await.unwrap().len();
    let lock = |locked| Command::SetLock { locked };
    // Already locked: nothing is sent, so a toggle cannot unlock it.
    let done = run(&cp, lock(true), ObjectKind::Domain, &id).await.unwrap();
    assert_eq!(done, format!("{id} is already locked"));
    assert_eq!(
        DomainApi::domain(&cp, &id).await.unwrap().locked,
        Some(true)
    );
    assert_eq!(cp.history(&id).await.unwrap().len(), history);
    let done = run(&cp, lock(false), ObjectKind::Domain, &id)
        .await
        .unwrap();
    assert_eq!(done, format!("{id} is now unlocked"));
    assert_eq!(
        DomainApi::domain(&cp, &id).await.unwrap().locked,
        Some(false)
    );
    let done = run(&cp, lock(false), ObjectKind::Domain, &id)
        .await
        .unwrap();
    assert_eq!(done, format!("{id} is already unlocked"));
    let done = run(&cp, lock(true), ObjectKind::Domain, &id).await.unwrap();
    assert_eq!(done, format!("{id} is now locked"));
    assert_eq!(
        DomainApi::domain(&cp, &id).await.unwrap().locked,
        Some(true)
    );
}

#[tokio::test]
async fn nameservers_need_two_or_three_and_are_stored() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let id = a_domain(&cp, false).await;
    let set = |names: &[&str]| Command::SetNameservers {
        nameservers: names.iter().map(|n| n.to_string()).collect(),
    };
    for names in [
        &["ns1.example.net"][..],
        &["a.example", "b.example", "c.example", "d.example"][..],
        &["", " "][..],
    ] {
        let error = run(&cp, set(names), ObjectKind::Domain, &id)
            .await
            .unwrap_err();
        assert_eq!(error.kind, ErrorKind::Refused, "{error}");
        assert!(error.cause.contains("needs 2 or 3 nameservers"), "{error}");
    }
    run(
        &cp,
        set(&["ns1.example.net", "ns2.example.net"]),
        ObjectKind::Domain,
        &id,
    )
    .await
    .unwrap();
    assert_eq!(
        DomainApi::domain(&cp, &id).await.unwrap().nameservers,
        ["ns1.example.net", "ns2.example.net"]
    );
    let done = run(
        &cp,
        set(&["ns1.a.example", "ns2.a.example", "ns3.a.example"]),
        ObjectKind::Domain,
        &id,
    )
    .await
    .unwrap();
    assert_eq!(
        done,
        format!("nameservers of {id} set to ns1.a.example, ns2.a.example, ns3.a.example")
    );
    assert_eq!(
        DomainApi::domain(&cp, &id).await.unwrap().nameservers.len(),
        3
    );
    let missing = api_error(
        run(
            &cp,
            set(&["a.example", "b.example"]),
            ObjectKind::Domain,
            "nergens.nl",
        )
        .await,
    );
    assert!(
        missing.cause.starts_with("Error1: domain name not found"),
        "{missing}"
    );
}

#[tokio::test]
async fn domain_contacts_are_changed_at_the_registrar() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let inventory = DomainApi::domains(&cp).await.unwrap();
    let domain = &inventory.domains[0];
    let other = inventory
        .contacts
        .iter()
        .find(|c| !c.matches_handle(domain.owner.as_deref().unwrap_or_default()))
        .unwrap();
    let command = Command::SetDomainContacts {
        owner: other.fields.handle.clone(),
        admin: other.fields.handle.clone(),
        tech: domain.tech.clone().unwrap(),
    };
    let done = run(&cp, command, ObjectKind::Domain, &domain.id)
        .await
        .unwrap();
    assert!(
        done.starts_with(&format!(
            "contacts of {} changed and applied at the registrar",
            domain.id
        )),
        "{done}"
    );
    let after = DomainApi::domain(&cp, &domain.id).await.unwrap();
    assert!(
        other.matches_handle(after.owner.as_deref().unwrap())
            && other.matches_handle(after.admin.as_deref().unwrap())
    );
    assert_eq!(after.tech, domain.tech);
    let missing = Command::SetDomainContacts {
        owner: "A".into(),
        admin: "".into(),
        tech: "C".into(),
    };
    let error = run(&cp, missing, ObjectKind::Domain, &domain.id)
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Refused);
    assert!(error.cause.contains("AdminHandle"), "{error}");
}

#[tokio::test]
async fn cancelling_at_term_end_and_at_once() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let domains = DomainApi::domains(&cp).await.unwrap().domains;
    let (later, now) = (&domains[0].id, &domains[1].id);
    let done = run(
        &cp,
        Command::CancelDomain { immediate: false },
        ObjectKind::Domain,
        later,
    )
    .await
    .unwrap();
    assert!(
        done.starts_with(&format!("{later} will be cancelled at the end of its term")),
        "{done}"
    );
    assert_eq!(
        DomainApi::domain(&cp, later).await.unwrap().status,
        "Cancelled"
    );
    let done = run(
        &cp,
        Command::CancelDomain { immediate: true },
        ObjectKind::Domain,
        now,
    )
    .await
    .unwrap();
    assert_eq!(done, format!("{now} cancelled with immediate effect"));
    let gone = DomainApi::domain(&cp, now).await.unwrap_err();
    assert!(
        gone.cause.starts_with("Error1: domain name not found"),
        "{gone}"
    );
    assert!(!DomainApi::domains(&cp)
        .await
        .unwrap()
        .domains
        .iter()
        .any(|d| &d.id == now));
}

// -- contacts ------------------------------------------------------------------

fn new_contact(handle: &str, city: &str) -> ContactFields {
    ContactFields {
        handle: handle.into(),
        company_name: "Test BV".into(),
        gender: "v".into(),
        first_name: "Eva".into(),
        last_name: "Hendriks".into(),
        address: "Dorpsstraat 1".into(),
        zip_code: "1234 AB".into(),
        city: city.into(),
        country: "NL".into(),
        phone_number: "+31.201112233".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn contacts_round_trip_through_add_edit_and_delete() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let add = Command::AddContact(Box::new(new_contact("HENDRIKS-E", "Leiden")));
    let done = run(&cp, add, ObjectKind::Contact, "").await.unwrap();
    let id = done
        .strip_prefix("contact HENDRIKS-E added as ")
        .expect(&done)
        .to_string();
    let find = |contacts: Vec<hostdeck::model::Contact>| contacts.into_iter().find(|c| c.id == id);
    let added = find(DomainApi::domains(&cp).await.unwrap().contacts).expect("listed");
    assert_eq!(
        (added.fields.city.as_str(), added.fields.last_name.as_str()),
        ("Leiden", "Hendriks")
    );
    let edit = Command::EditContact(Box::new(new_contact("HENDRIKS-E", "Delft")));
    assert_eq!(
        run(&cp, edit, ObjectKind::Contact, &id).await.unwrap(),
        format!("contact {id} (HENDRIKS-E) changed")
    );
    assert_eq!(
        find(DomainApi::domains(&cp).await.unwrap().contacts)
            .unwrap()
            .fields
            .city,
        "Delft"
    );
    assert_eq!(
        run(&cp, Command::DeleteContact, ObjectKind::Contact, &id)
            .await
            .unwrap(),
        format!("contact {id} deleted")
    );
    assert!(find(DomainApi::domains(&cp).await.unwrap().contacts).is_none());
    let again = api_error(run(&cp, Command::DeleteContact, ObjectKind::Contact, &id).await);
    assert!(
        again.cause.starts_with("Error1: domain contact not found"),
        "{again}"
    );
    let edit_gone = Command::EditContact(Box::new(new_contact("HENDRIKS-E", "Delft")));
    let edit_error = api_error(run(&cp, edit_gone, ObjectKind::Contact, &id).await);
    assert!(
        edit_error
            .cause
            .starts_with("Error1: domain contact not found"),
        "{edit_error}"
    );
}

#[tokio::test]
async fn a_contact_without_required_fields_is_refused_before_sending() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let mut fields = new_contact("X", "Leiden");
    fields.phone_number.clear();
    fields.country = " ".into();
    let error = run(
        &cp,
        Command::AddContact(Box::new(fields)),
        ObjectKind::Contact,
        "",
    )
    .await
    .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Refused);
    assert!(
        error
            .cause
            .ends_with("required fields missing: Country, PhoneNumber"),
        "{error}"
    );
}

// -- methods, credentials, faults ----------------------------------------------

#[tokio::test]
async fn the_get_method_reads_and_writes_the_same() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Get);
    let post = provider(&sim, HttpMethod::Post);
    let via_get = servers(&cp).await;
    let via_post = servers(&post).await;
    let names = |s: &[Server]| {
        s.iter()
            .map(|s| (s.id.clone(), s.name.clone(), s.ips.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&via_get), names(&via_post));
    let id = a_domain(&cp, true).await;
    assert_eq!(
        run(
            &cp,
            Command::SetLock { locked: false },
            ObjectKind::Domain,
            &id
        )
        .await
        .unwrap(),
        format!("{id} is now unlocked")
    );
    assert_eq!(
        DomainApi::domain(&post, &id).await.unwrap().locked,
        Some(false)
    );
}

#[tokio::test]
async fn a_wrong_account_id_is_an_auth_error() {
    let sim = sim().await;
    let mut settings = settings(&sim, HttpMethod::Post);
    settings.account_id = "99999".into();
    let cp = ControlepaneelProvider::new(settings).unwrap();
    let error = cp.check().await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Auth);
    assert!(
        error.cause.starts_with("the account id was refused"),
        "{error}"
    );
    assert!(
        !error.to_string().contains(sim.credential("hash").unwrap()),
        "{error}"
    );
}

#[tokio::test]
async fn a_wrong_hash_is_an_auth_error_that_never_shows_a_hash() {
    let sim = sim().await;
    let wrong = "wrong-hash-0123456789abcdef";
    for method in [HttpMethod::Post, HttpMethod::Get] {
        let mut settings = settings(&sim, method);
        settings.hash = Secret::new(wrong);
        let cp = ControlepaneelProvider::new(settings).unwrap();
        for error in [
            cp.check().await.unwrap_err(),
            DomainApi::domains(&cp).await.unwrap_err(),
        ] {
            assert_eq!(error.kind, ErrorKind::Auth);
            let text = format!("{error} {error:?}");
            assert!(error.cause.starts_with("the hash was refused"), "{text}");
            assert!(
                !text.contains(wrong) && !text.contains(sim.credential("hash").unwrap()),
                "{text}"
            );
        }
        assert!(!format!("{cp:?}").contains(wrong));
    }
}

#[tokio::test]
async fn an_empty_base_url_is_refused_naming_the_account() {
    let sim = sim().await;
    let mut settings = settings(&sim, HttpMethod::Post);
    settings.base_url = "  ".into();
    let error = ControlepaneelProvider::new(settings).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Refused);
    assert!(
        error
            .to_string()
            .starts_with("cp-sim: set up: base_url is empty"),
        "{error}"
    );
}

#[tokio::test]
async fn injected_faults_are_clear_errors_and_the_account_recovers() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let hash = sim.credential("hash").unwrap().to_string();
    for (faults, kind) in whole_answer_faults() {
        sim.faults.set(faults.clone());
        let error = cp.check().await.unwrap_err();
        assert_eq!(error.kind, kind, "{faults:?}: {error}");
        assert!(
            error.to_string().starts_with("cp-sim: servers/list: "),
            "{error}"
        );
        if kind == ErrorKind::Http {
            assert!(error.cause.contains("HTTP 503"), "{error}");
        }
        assert!(!error.to_string().contains(&hash), "{error}");
        sim.faults.set(Faults::default());
        assert!(cp.check().await.is_ok());
    }
}

#[tokio::test]
async fn a_mutation_that_fails_in_transport_is_not_resent_and_says_so() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let id = a_domain(&cp, true).await;
    let history = cp.history(&id).await.unwrap().len();
    sim.faults.set(Faults {
        http_status: Some(503),
        ..Default::default()
    });
    let error = run(
        &cp,
        Command::CancelDomain { immediate: false },
        ObjectKind::Domain,
        &id,
    )
    .await
    .unwrap_err();
    sim.faults.set(Faults::default());
    assert_eq!(error.kind, ErrorKind::Http);
    assert!(
        error.cause.contains("may have reached the provider"),
        "{error}"
    );
    // The simulator answered 503 without acting, and nothing was sent again.
    assert_eq!(DomainApi::domain(&cp, &id).await.unwrap().status, "Active");
    assert_eq!(cp.history(&id).await.unwrap().len(), history);
}

// -- config wiring ---------------------------------------------------------------

fn write_config(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("hostdeck-cp-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("hostdeck.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[tokio::test]
async fn a_configured_account_is_built_and_an_empty_base_url_names_the_account() {
    let sim = sim().await;
    let good = format!(
        "[[accounts]]\nname = \"nl-colo\"\nkind = \"controlepaneel\"\nbase_url = \"{}\"\naccount_id = {}\nhash = \"{}\"\nmethod = \"get\"\n",
        sim.base_url,
        sim.credential("account_id").unwrap(),
        sim.credential("hash").unwrap()
    );
    let options = hostdeck::setup::StartOptions {
        config: Some(write_config("good", &good)),
        ..Default::default()
    };
    let setup = hostdeck::setup::prepare(&options).await.unwrap();
    let provider = &setup.accounts[0].provider;
    assert_eq!(
        (provider.account(), provider.kind()),
        ("nl-colo", ProviderKind::Controlepaneel)
    );
    assert!(provider.check().await.unwrap().ends_with("servers"));
    let empty = good.replace(&sim.base_url, "");
    let options = hostdeck::setup::StartOptions {
        config: Some(write_config("empty", &empty)),
        ..Default::default()
    };
    let error = hostdeck::setup::prepare(&options)
        .await
        .err()
        .expect("refused");
    assert!(
        error.contains("nl-colo") && error.contains("base_url"),
        "{error}"
    );
}

#[tokio::test]
async fn the_demo_config_has_a_controlepaneel_account() {
    let sim = sim().await;
    let config = hostdeck::setup::demo_config(std::slice::from_ref(&sim));
    let account = config.account("cp-demo").expect("cp-demo");
    assert_eq!(account.kind(), ProviderKind::Controlepaneel);
    assert_eq!(account.base_url, sim.base_url);
    let KindOptions::Controlepaneel { account_id, method } = &account.options else {
        panic!("a controlepaneel account: {account:?}");
    };
    assert_eq!(Some(account_id.as_str()), sim.credential("account_id"));
    assert_eq!(*method, HttpMethod::Post);
    assert_eq!(
        account.secret("hash").unwrap().expose(),
        sim.credential("hash").unwrap()
    );
}

// -- one call failing: the refresh keeps the rest ----------------------------------

/// The one account-level gap, checked to name the account and the call.
fn only_gap(missing: &[Missing], part: &str, call: &str) -> Missing {
    assert_eq!(missing.len(), 1, "{missing:?}");
    let gap = missing[0].clone();
    assert_eq!(gap.part, part, "{gap:?}");
    assert!(
        gap.cause.starts_with(&format!("cp-sim: {call}: ")),
        "{gap:?}"
    );
    gap
}

#[tokio::test]
async fn without_monitoring_every_server_is_listed_and_says_so() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let before = servers(&cp).await;
    assert!(before.iter().all(|s| s.missing.is_empty()));
    sim.faults
        .fail_only(Targeted::new(["Module=servers", "Action=list_mon"]).with_status(503));
    let inventory = cp.inventory().await.expect("the primary list arrived");
    let gap = only_gap(&inventory.missing, "monitoring", "servers/list_mon");
    assert!(gap.cause.contains("HTTP 503"), "{gap:?}");
    assert_eq!(inventory.servers.len(), before.len());
    for (server, was) in inventory.servers.iter().zip(&before) {
        assert_eq!((&server.id, &server.ips), (&was.id, &was.ips));
        assert_eq!(server.missing, std::slice::from_ref(&gap), "{}", server.id);
        assert!(detail(&server.details, "Monitoring", "Profile id").is_none());
    }
    assert!(inventory.samples.iter().all(|s| s.metric != "load"));
}

#[tokio::test]
async fn without_the_ip_list_every_server_is_listed_without_addresses() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let before = servers(&cp).await;
    sim.faults
        .fail_only(Targeted::new(["Module=servers", "Action=list_ip"]));
    let inventory = cp.inventory().await.expect("the primary list arrived");
    let gap = only_gap(&inventory.missing, "IP addresses", "servers/list_ip");
    assert_eq!(inventory.servers.len(), before.len());
    for (server, was) in inventory.servers.iter().zip(&before) {
        assert_eq!((&server.id, &server.name), (&was.id, &was.name));
        assert!(server.ips.is_empty(), "{}", server.id);
        assert_eq!(server.missing, std::slice::from_ref(&gap), "{}", server.id);
    }
}

#[tokio::test]
async fn one_server_without_details_is_listed_from_its_list_entry() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let before = servers(&cp).await;
    let id = before[1].id.clone();
    let identifier = format!("Identifier={id}");
    sim.faults
        .fail_only(Targeted::new(["Action=get_details", &identifier]));
    let inventory = cp.inventory().await.expect("the primary list arrived");
    let call = format!("servers/get_details {id}");
    let gap = only_gap(&inventory.missing, "details of 1 server", &call);
    assert_eq!(inventory.servers.len(), before.len());
    for server in &inventory.servers {
        if server.id == id {
            assert_eq!(server.name, before[1].name, "from the list entry");
            assert_eq!(server.missing.len(), 1, "{:?}", server.missing);
            assert_eq!(server.missing[0].part, "details");
            assert_eq!(server.missing[0].cause, gap.cause);
        } else {
            assert!(
                server.missing.is_empty(),
                "{}: {:?}",
                server.id,
                server.missing
            );
        }
    }
}

#[tokio::test]
async fn one_domain_without_details_is_listed_and_the_others_are_whole() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let before = DomainApi::domains(&cp).await.unwrap().domains;
    let hit = before
        .iter()
        .find(|d| d.id.matches('.').count() == 1)
        .expect("a domain with one dot");
    let name = format!("SLD={}&TLD={}", hit.sld(), hit.tld);
    sim.faults.fail_only(Targeted::new([
        "Module=domains",
        "Action=get_details",
        &name,
    ]));
    let inventory = DomainApi::domains(&cp).await.expect("the list arrived");
    let call = format!("domains/get_details {}", hit.id);
    let gap = only_gap(&inventory.missing, "details of 1 domain", &call);
    assert_eq!(inventory.domains.len(), before.len());
    assert!(!inventory.contacts.is_empty());
    for domain in &inventory.domains {
        if domain.id == hit.id {
            assert!(!domain.detailed);
            assert_eq!(domain.missing.len(), 1, "{:?}", domain.missing);
            assert_eq!(domain.missing[0].part, "details");
            assert_eq!(domain.missing[0].cause, gap.cause);
        } else {
            assert!(domain.detailed && domain.missing.is_empty(), "{domain:?}");
        }
    }
}

#[tokio::test]
async fn colocation_without_visitors_still_lists_the_visits() {
    let sim = sim().await;
    let cp = provider(&sim, HttpMethod::Post);
    let before = ColocationApi::colocation(&cp).await.unwrap();
    sim.faults
        .fail_only(Targeted::new(["Module=colocation", "Action=list_visitor"]));
    let colocation = ColocationApi::colocation(&cp)
        .await
        .expect("visits arrived");
    only_gap(&colocation.missing, "visitors", "colocation/list_visitor");
    assert!(colocation.visitors.is_empty());
    assert_eq!(colocation.visits, before.visits);
    // Both lists failing is the account failing.
    sim.faults.fail_only(Targeted::new(["Module=colocation"]));
    let error = ColocationApi::colocation(&cp)
        .await
        .expect_err("nothing arrived");
    assert!(
        error
            .to_string()
            .starts_with("cp-sim: colocation/list_visitor: "),
        "{error}"
    );
}
