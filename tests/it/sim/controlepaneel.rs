//! The controlepaneel simulator over real loopback HTTP: authentication
//! blocks, GET and POST, the documented root elements and status codes of
//! every action, state that persists across calls, fixtures, determinism
//! and injected faults. Answers are read with a small quick-xml tree here;
//! nothing from `provider` is used.

use hostdeck::sim::controlepaneel::{domains_list_xml, DEMO_ACCOUNT_ID, DEMO_HASH};
use hostdeck::sim::{start_all, start_controlepaneel, Faults, SimOptions, SimServer, Targeted};
use quick_xml::events::Event;

/// One parsed element: its text and children.
#[derive(Debug, Default)]
struct Node {
    name: String,
    text: String,
    children: Vec<Node>,
}

impl Node {
    /// The first element at `path` (`General/Status`), if any.
    fn get(&self, path: &str) -> Option<&Node> {
        path.split('/').try_fold(self, |node, name| {
            node.children.iter().find(|c| c.name == name)
        })
    }

    fn at(&self, path: &str) -> &Node {
        self.get(path)
            .unwrap_or_else(|| panic!("no {path} in <{}>: {self:#?}", self.name))
    }

    fn text(&self, path: &str) -> String {
        self.at(path).text.clone()
    }

    /// The `<Item>`s of the list at `path`.
    fn items(&self, path: &str) -> Vec<&Node> {
        self.at(path)
            .children
            .iter()
            .filter(|c| c.name == "Item")
            .collect()
    }

    fn child_names(&self) -> Vec<&str> {
        self.children.iter().map(|c| c.name.as_str()).collect()
    }
}

/// Parses a whole answer strictly: one root element, well-formed.
fn parse(xml: &str) -> Node {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<Node> = vec![Node::default()];
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(Node {
                name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
                ..Node::default()
            }),
            Event::End(_) => {
                let node = stack.pop().expect("open element");
                stack.last_mut().expect("parent").children.push(node);
            }
            Event::Text(t) => {
                let text = t.decode().expect("text");
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(text.trim_matches(['\n', '\t']));
                }
            }
            Event::GeneralRef(r) => {
                let name = r.decode().expect("reference");
                let resolved = match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unknown entity {other}"),
                };
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut document = stack.pop().expect("document");
    assert!(stack.is_empty(), "unclosed elements");
    assert_eq!(document.children.len(), 1, "one root element: {xml}");
    document.children.remove(0)
}

struct Cp {
    http: reqwest::Client,
    base: String,
    _sim: SimServer,
}

impl Cp {
    async fn start() -> Cp {
        Cp::with_seed(42).await
    }

    async fn with_seed(seed: u64) -> Cp {
        let sim = start_controlepaneel(SimOptions {
            seed,
            ..SimOptions::default()
        })
        .await
        .expect("simulator starts");
        Cp {
            http: reqwest::Client::new(),
            base: sim.base_url.clone(),
            _sim: sim,
        }
    }

    /// POSTs exactly `vars` as a form; returns the raw body.
    async fn post_raw(&self, vars: &[(&str, &str)]) -> String {
        let response = self
            .http
            .post(&self.base)
            .form(vars)
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), 200);
        response.text().await.expect("body")
    }

    /// An authenticated POST of `module`/`action` with `vars`.
    async fn call(&self, module: &str, action: &str, vars: &[(&str, &str)]) -> Node {
        let mut all = vec![
            ("Account", DEMO_ACCOUNT_ID),
            ("Hash", DEMO_HASH),
            ("Module", module),
            ("Action", action),
        ];
        all.extend_from_slice(vars);
        parse(&self.post_raw(&all).await)
    }

    async fn domains(&self, action: &str, domain: &str, vars: &[(&str, &str)]) -> Node {
        let (sld, tld) = domain.split_once('.').expect("sld.tld");
        let mut all = vec![("SLD", sld), ("TLD", tld)];
        all.extend_from_slice(vars);
        self.call("domains", action, &all).await
    }

    async fn server(&self, action: &str, identifier: &str) -> Node {
        self.call("servers", action, &[("Identifier", identifier)])
            .await
    }

    /// The names (`sld.tld`) of the listed domains.
    async fn domain_names(&self) -> Vec<String> {
        let list = self.call("domains", "list", &[]).await;
        list.items("Domains")
            .iter()
            .map(|i| format!("{}.{}", i.text("SLD"), i.text("TLD")))
            .collect()
    }

    /// The first listed domain whose details satisfy `wanted`.
    async fn find_domain(&self, wanted: impl Fn(&Node) -> bool) -> String {
        for name in self.domain_names().await {
            let details = self.domains("get_details", &name, &[]).await;
            if wanted(&details) {
                return name;
            }
        }
        panic!("no such domain");
    }

    async fn servers_of_type(&self, kind: &str) -> Vec<String> {
        let list = self.call("servers", "list", &[]).await;
        list.items("Servers")
            .iter()
            .filter(|i| i.text("Type") == kind)
            .map(|i| i.text("Identifier"))
            .collect()
    }

    async fn set_faults(&self, faults: &Faults) {
        let url = self.base.replace("/api/", "/_sim/faults");
        let response = self
            .http
            .post(url)
            .json(faults)
            .send()
            .await
            .expect("faults set");
        assert_eq!(response.status(), 200);
    }
}

/// An authenticated `domains list` call.
const LIST: [(&str, &str); 4] = [
    ("Account", DEMO_ACCOUNT_ID),
    ("Hash", DEMO_HASH),
    ("Module", "domains"),
    ("Action", "list"),
];

fn assert_status(answer: &Node, code: &str) {
    assert_eq!(answer.text("Status"), code, "{answer:#?}");
}

#[tokio::test]
async fn an_unknown_account_gets_only_the_account_block() {
    let cp = Cp::start().await;
    for vars in [
        vec![
            ("Account", "999"),
            ("Hash", DEMO_HASH),
            ("Module", "domains"),
            ("Action", "list"),
        ],
        vec![("Module", "domains"), ("Action", "list")],
    ] {
        let answer = parse(&cp.post_raw(&vars).await);
        assert_eq!(answer.name, "Account");
        assert_eq!(answer.child_names(), ["Status", "Description", "Input"]);
        assert_status(&answer, "Error1");
        let sent = vars
            .iter()
            .find(|(k, _)| *k == "Account")
            .map_or("", |(_, v)| *v);
        assert_eq!(answer.text("Input/Account"), sent);
    }
}

#[tokio::test]
async fn a_wrong_hash_gets_only_the_hash_block_with_ip_and_hash_echoed() {
    let cp = Cp::start().await;
    let wrong = "0000000000000000000000000000000000000000";
    let vars = [
        ("Account", DEMO_ACCOUNT_ID),
        ("Hash", wrong),
        ("Module", "domains"),
        ("Action", "list"),
    ];
    let answer = parse(&cp.post_raw(&vars).await);
    assert_eq!(answer.name, "Hash");
    assert_status(&answer, "Error1");
    assert_eq!(answer.text("Input/IP"), "127.0.0.1");
    assert_eq!(answer.text("Input/Hash"), wrong);
    let missing = parse(&cp.post_raw(&[("Account", DEMO_ACCOUNT_ID)]).await);
    assert_eq!(
        (missing.name.as_str(), missing.text("Input/Hash")),
        ("Hash", String::new())
    );
    assert_eq!(DEMO_HASH.len(), 40);
    assert!(DEMO_HASH.bytes().all(|b| b.is_ascii_hexdigit()));
}

#[tokio::test]
async fn get_and_post_both_work_at_both_paths() {
    let cp = Cp::start().await;
    let query = [
        ("Account", DEMO_ACCOUNT_ID),
        ("Hash", DEMO_HASH),
        ("Module", "DOMAINS"),
        ("Action", "List"),
    ];
    for url in [cp.base.clone(), cp.base.trim_end_matches('/').to_string()] {
        let response = cp.http.get(&url).query(&query).send().await.expect("GET");
        assert_eq!(response.status(), 200);
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_string();
        assert_eq!(content_type, "text/xml; charset=utf-8");
        let body = response.text().await.unwrap();
        assert!(body.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assert_eq!(parse(&body).name, "Domains_List");
    }
    // POST with the credentials in the query and the rest in the body.
    let response = cp
        .http
        .post(&cp.base)
        .query(&query[..2])
        .form(&[("Module", "servers"), ("Action", "list")])
        .send()
        .await
        .expect("POST");
    let answer = parse(&response.text().await.unwrap());
    assert_eq!(answer.name, "Servers_List");
    assert_status(&answer, "Success1");
}

#[tokio::test]
async fn an_unknown_module_or_action_gets_an_error_root() {
    let cp = Cp::start().await;
    for (module, action) in [("domains", "transfer"), ("tickets", "list"), ("", "")] {
        let answer = cp.call(module, action, &[]).await;
        assert_eq!(answer.name, "Error");
        assert_status(&answer, "Error1");
    }
}

#[tokio::test]
async fn every_action_answers_with_its_documented_root() {
    let cp = Cp::start().await;
    let domain = cp.domain_names().await[5].clone();
    let (sld, tld) = domain.split_once('.').unwrap();
    let contact = cp.call("domains", "list_contact", &[]).await;
    let handle_id = contact.items("Results")[0].text("HandleIdentifier");
    let server = cp.servers_of_type("Virtual").await[0].clone();
    let ips = cp.call("servers", "list_ip", &[]).await;
    let ip = ips.items("IPv4_Addresses")[0].text("IP");
    let mons = cp.call("servers", "list_mon", &[]).await;
    let mon = mons.items("Monitoring_Profiles")[0].text("Identifier");
    let visitors = cp.call("colocation", "list_visitor", &[]).await;
    let visitor = visitors.items("Visitors")[0].text("Identifier");
    let visits = cp.call("colocation", "list_visit", &[]).await;
    let visit = visits.items("Visits")[0].text("Identifier");
    let d = [("SLD", sld), ("TLD", tld)];
    let id = |v: &str| vec![("Identifier", v.to_string())];
    let cases: Vec<Case> = vec![
        (
            "domains",
            "check",
            vec![("SLD", "unusedname".into()), ("TLD", "nl".into())],
            "Domains_Check",
        ),
        ("domains", "get_details", own(&d), "Domains_Get_Details"),
        ("domains", "get_history", own(&d), "Domains_Get_History"),
        ("domains", "request_epp", own(&d), "Domains_Request_EPP"),
        ("domains", "list", vec![], "Domains_List"),
        ("domains", "list_contact", vec![], "Domains_List_Contact"),
        (
            "domains",
            "get_contact",
            vec![("HandleIdentifier", handle_id.clone())],
            "Domains_Get_Contact",
        ),
        ("servers", "get_details", id(&server), "Servers_Get_Details"),
        (
            "servers",
            "trigger_reboot",
            id(&server),
            "Servers_Trigger_Reboot",
        ),
        (
            "servers",
            "trigger_poweroff",
            id(&server),
            "Servers_Trigger_PowerOff",
        ),
        (
            "servers",
            "trigger_poweron",
            id(&server),
            "Servers_Trigger_PowerOn",
        ),
        ("servers", "list", vec![], "Servers_List"),
        (
            "servers",
            "request_ip",
            vec![
                ("Identifier", server.clone()),
                ("Type", "1".into()),
                ("Count", "2".into()),
                ("Reason", "SSL".into()),
            ],
            "Servers_Request_IP",
        ),
        (
            "servers",
            "get_ip",
            vec![("IP", ip.clone())],
            "Servers_Get_IP",
        ),
        (
            "servers",
            "edit_ip",
            vec![
                ("IP", ip.clone()),
                ("PTRRecord", "x.example.nl".into()),
                ("Remarks", "r".into()),
            ],
            "Servers_Edit_IP",
        ),
        ("servers", "list_ip", vec![], "Servers_List_IP"),
        ("servers", "get_mon", id(&mon), "Servers_Get_Mon"),
        (
            "servers",
            "get_mon_history",
            id(&mon),
            "Servers_Get_Mon_History",
        ),
        ("servers", "list_mon", vec![], "Servers_List_Mon"),
        (
            "colocation",
            "list_visitor",
            vec![],
            "Colocation_List_Visitor",
        ),
        (
            "colocation",
            "get_visitor",
            id(&visitor),
            "Colocation_Get_Visitor",
        ),
        ("colocation", "list_visit", vec![], "Colocation_List_Visit"),
        (
            "colocation",
            "get_visit",
            id(&visit),
            "Colocation_Get_Visit",
        ),
    ];
    for (module, action, vars, root) in cases {
        let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let answer = cp.call(module, action, &vars).await;
        assert_eq!(answer.name, root, "{module}/{action}");
        assert!(
            answer.text("Status").starts_with("Succes"),
            "{module}/{action}: {answer:#?}"
        );
        if let Some(result) = answer.get("Action1/Status") {
            assert!(
                result.text.starts_with("Succes"),
                "{module}/{action}: {answer:#?}"
            );
        }
    }
}

/// Module, action, variables and the expected root element.
type Case = (
    &'static str,
    &'static str,
    Vec<(&'static str, String)>,
    &'static str,
);

fn own(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
}

#[tokio::test]
async fn answers_have_every_element_of_the_documented_examples() {
    let cp = Cp::start().await;
    let domain = cp.domain_names().await[0].clone();
    let details = cp.domains("get_details", &domain, &[]).await;
    assert_eq!(
        details.child_names(),
        [
            "Status",
            "Description",
            "General",
            "DNS",
            "Contacts",
            "Contract"
        ]
    );
    assert_eq!(
        details.at("General").child_names(),
        [
            "Identifier",
            "Domain",
            "Tld",
            "RegistrationDate",
            "ExpirationDate",
            "LockStatus",
            "Status"
        ]
    );
    assert_eq!(
        details.text("Description"),
        format!("Domeinnaam details van {domain}")
    );
    let server = cp.servers_of_type("Virtual").await[0].clone();
    let answer = cp.server("get_details", &server).await;
    assert_eq!(
        answer.child_names(),
        [
            "Status",
            "Description",
            "Input",
            "General",
            "Cabinet_Power_Usage",
            "Virtual_Usage",
            "Connectivity",
            "Hardware",
            "Software"
        ]
    );
    assert!(answer.get("General/IPv4address").is_some(), "lower-case a");
    assert_eq!(answer.text("General/Type"), "Virtual");
    assert!(!answer.text("Virtual_Usage/Disk/Assigned").is_empty());
    let ip = cp
        .call("servers", "list_ip", &[])
        .await
        .items("IPv4_Addresses")[0]
        .text("IP");
    let ip_answer = cp.call("servers", "get_ip", &[("IP", &ip)]).await;
    assert_eq!(
        ip_answer.child_names(),
        ["Status", "Description", "Input", "General", "Remarks"]
    );
    assert!(ip_answer.text("General/Subnet").contains('/'));
    let visit = cp
        .call("colocation", "get_visit", &[("Identifier", "601")])
        .await;
    assert_eq!(
        visit.child_names(),
        ["Status", "Description", "Input", "General", "Reason"]
    );
}

#[tokio::test]
async fn documented_error_codes_for_things_that_do_not_exist() {
    let cp = Cp::start().await;
    let missing_domain = cp.domains("get_details", "nergens-te-vinden.nl", &[]).await;
    assert_status(&missing_domain, "Error1");
    assert_eq!(
        missing_domain.text("Description"),
        "Domeinnaam niet gevonden"
    );
    for action in [
        "edit_lock",
        "edit_dns",
        "cancel",
        "request_epp",
        "get_history",
    ] {
        let answer = cp.domains(action, "nergens-te-vinden.nl", &[]).await;
        assert_status(&answer, "Error1");
        assert!(answer.get("Action1").is_none(), "{action}");
    }
    let contact = cp
        .call("domains", "get_contact", &[("HandleIdentifier", "1")])
        .await;
    assert_eq!(
        (contact.text("Status"), contact.text("Description")),
        ("Error1".into(), "Domein contact niet gevonden".into())
    );
    for action in ["get_details", "trigger_reboot", "request_ip"] {
        let answer = cp.server(action, "424242").await;
        assert_eq!(
            (answer.text("Status"), answer.text("Description")),
            ("Error1".into(), "Server niet gevonden".into()),
            "{action}"
        );
    }
    let ip = cp.call("servers", "get_ip", &[("IP", "10.9.9.9")]).await;
    assert_eq!(ip.text("Description"), "IP adres niet gevonden");
    let mon = cp.server("get_mon", "1").await;
    assert_eq!(mon.text("Description"), "Monitoring profiel niet gevonden");
    let visitor = cp
        .call("colocation", "get_visitor", &[("Identifier", "1")])
        .await;
    assert_status(&visitor, "Error2");
    let visit = cp.call("colocation", "get_visit", &[]).await;
    assert_eq!(
        (visit.text("Status"), visit.text("Description")),
        (
            "Error2".into(),
            "Datacenter toegang verzoek niet gevonden".into()
        )
    );
}

#[tokio::test]
async fn check_answers_by_the_documented_codes() {
    let cp = Cp::start().await;
    let own = cp.domain_names().await[0].clone();
    let (sld, tld) = own.split_once('.').unwrap();
    for ((sld, tld), code) in [
        (("ab", "nl"), "Error1"),
        (("voorbeeldnaam", "xyz"), "Error2"),
        (("foo_bar", "nl"), "Error4"),
        (("shop", "nl"), "Success2"),
        ((sld, tld), "Success2"),
        (("een-vrije-naam", "nl"), "Success1"),
    ] {
        let answer = cp
            .call("domains", "check", &[("SLD", sld), ("TLD", tld)])
            .await;
        assert_status(&answer, code);
        assert_eq!(answer.text("Input/SLD"), sld);
    }
}

#[tokio::test]
async fn request_ip_validates_count_and_type() {
    let cp = Cp::start().await;
    let server = cp.servers_of_type("Dedicated").await[0].clone();
    let ask = |count: &'static str, kind: &'static str| {
        let server = server.clone();
        let cp = &cp;
        async move {
            cp.call(
                "servers",
                "request_ip",
                &[
                    ("Identifier", &server),
                    ("Type", kind),
                    ("Count", count),
                    ("Reason", "test"),
                ],
            )
            .await
        }
    };
    let not_a_number = ask("veel", "1").await;
    assert_status(&not_a_number, "Success1");
    assert_eq!(not_a_number.text("Action1/Status"), "Error1");
    assert_eq!(
        not_a_number.text("Action1/Description"),
        "Count moet een getal zijn"
    );
    assert_eq!(ask("2", "3").await.text("Action1/Status"), "Error2");
    let sent = ask("4", "2").await;
    assert_eq!(sent.text("Action1/Status"), "Success1");
    assert_eq!(sent.text("Input/Count"), "4");
}

#[tokio::test]
async fn power_triggers_work_on_virtual_servers_only() {
    let cp = Cp::start().await;
    for kind in ["Dedicated", "Colocation"] {
        let server = cp.servers_of_type(kind).await[0].clone();
        let answer = cp.server("trigger_poweron", &server).await;
        assert_status(&answer, "Success1");
        assert_eq!(answer.text("Action1/Status"), "Error1");
        assert_eq!(
            answer.text("Action1/Description"),
            "Server is niet virtueel en kon daarom niet worden aangezet"
        );
    }
    // The virtual server with a monitoring profile.
    let mons = cp.call("servers", "list_mon", &[]).await;
    let virtuals = cp.servers_of_type("Virtual").await;
    let profile = mons
        .items("Monitoring_Profiles")
        .into_iter()
        .find(|p| virtuals.contains(&p.text("ServerIdentifier")))
        .expect("a monitored virtual server");
    let (server, mon) = (profile.text("ServerIdentifier"), profile.text("Identifier"));
    let alerts_before = cp
        .server("get_mon_history", &mon)
        .await
        .items("Output")
        .len();
    let off = cp.server("trigger_poweroff", &server).await;
    assert_eq!(off.name, "Servers_Trigger_PowerOff");
    assert_eq!(off.text("Action1/Description"), "Server is herstart");
    assert_eq!(
        cp.server("get_details", &server)
            .await
            .text("General/Status"),
        "Offline"
    );
    let watched = cp.server("get_mon", &mon).await;
    assert_eq!(watched.text("LoadMonitor/Status"), "Down");
    assert!(watched
        .items("Ports")
        .iter()
        .all(|p| p.text("Status") == "Down"));
    let history = cp.server("get_mon_history", &mon).await;
    let alerts = history.items("Output");
    assert_eq!(alerts.len(), alerts_before + 1);
    assert_eq!(alerts.last().unwrap().text("Status"), "Down");
    cp.server("trigger_poweron", &server).await;
    assert_eq!(
        cp.server("get_details", &server)
            .await
            .text("General/Status"),
        "Online"
    );
    cp.server("trigger_reboot", &server).await;
    assert_eq!(
        cp.server("get_details", &server)
            .await
            .text("General/Status"),
        "Online"
    );
    let after = cp
        .server("get_mon_history", &mon)
        .await
        .items("Output")
        .len();
    assert_eq!(after, alerts_before + 4);
}

#[tokio::test]
async fn a_ptr_record_set_with_edit_ip_is_read_back() {
    let cp = Cp::start().await;
    let list = cp.call("servers", "list_ip", &[]).await;
    let ip = list.items("IPv6_Addresses")[0].text("IP");
    let before = cp.call("servers", "get_ip", &[("IP", &ip)]).await;
    let vars = [
        ("IP", ip.as_str()),
        ("PTRRecord", "mail.voorbeeld.nl"),
        ("Remarks", "Nieuwe mailserver & co"),
    ];
    let edit = cp.call("servers", "edit_ip", &vars).await;
    assert_eq!(edit.text("Action1/Status"), "Success1");
    assert_eq!(edit.text("Input/Remarks"), "Nieuwe mailserver & co");
    let after = cp
        .call("servers", "get_ip", &[("IP", &ip.to_uppercase())])
        .await;
    assert_eq!(after.text("General/PTRRecord"), "mail.voorbeeld.nl");
    assert_eq!(after.text("Remarks"), "Nieuwe mailserver & co");
    assert_ne!(
        before.text("General/PTRRecord"),
        after.text("General/PTRRecord")
    );
    let listed = cp.call("servers", "list_ip", &[]).await;
    let item = listed
        .items("IPv6_Addresses")
        .into_iter()
        .find(|i| i.text("IP") == ip)
        .unwrap();
    assert_eq!(item.text("PTRRecord"), "mail.voorbeeld.nl");
}

#[tokio::test]
async fn edit_lock_toggles() {
    let cp = Cp::start().await;
    let domain = cp
        .find_domain(|d| d.text("General/LockStatus") == "Locked")
        .await;
    let first = cp.domains("edit_lock", &domain, &[]).await;
    assert_eq!(first.text("Action1/Status"), "Success1");
    assert_eq!(
        first.text("Action1/Description"),
        format!("Domeinnaam {domain} is ontgrendeld")
    );
    let details = cp.domains("get_details", &domain, &[]).await;
    assert_eq!(details.text("General/LockStatus"), "Unlocked");
    let second = cp.domains("edit_lock", &domain, &[]).await;
    assert_eq!(second.text("Action1/Status"), "Success2");
    let details = cp.domains("get_details", &domain, &[]).await;
    assert_eq!(details.text("General/LockStatus"), "Locked");
    let be = cp
        .domain_names()
        .await
        .into_iter()
        .find(|d| d.ends_with(".be"))
        .unwrap();
    assert_eq!(
        cp.domains("edit_lock", &be, &[])
            .await
            .text("Action1/Status"),
        "Error4"
    );
}

#[tokio::test]
async fn edit_dns_changes_the_nameservers_and_needs_two() {
    let cp = Cp::start().await;
    let domain = cp.domain_names().await[7].clone();
    let short = cp
        .domains("edit_dns", &domain, &[("DNS1", "ns1.nieuw.nl")])
        .await;
    assert_status(&short, "Success1");
    assert_eq!(short.text("Action1/Status"), "Error1");
    let three = [
        ("DNS1", "ns1.nieuw.nl"),
        ("DNS2", "ns2.nieuw.nl"),
        ("DNS3", "ns3.nieuw.nl"),
    ];
    let changed = cp.domains("edit_dns", &domain, &three).await;
    assert_eq!(
        changed.text("Action1/Description"),
        format!("Nameservers van {domain} zijn gewijzigd")
    );
    let details = cp.domains("get_details", &domain, &[]).await;
    assert_eq!(details.text("DNS/DNS3"), "ns3.nieuw.nl");
    let two = [("DNS1", "ns1.ander.nl"), ("DNS2", "ns2.ander.nl")];
    cp.domains("edit_dns", &domain, &two).await;
    let details = cp.domains("get_details", &domain, &[]).await;
    assert_eq!(
        [
            details.text("DNS/DNS1"),
            details.text("DNS/DNS2"),
            details.text("DNS/DNS3")
        ],
        [
            "ns1.ander.nl".to_string(),
            "ns2.ander.nl".into(),
            String::new()
        ]
    );
    let history = cp.domains("get_history", &domain, &[]).await;
    let last = history.items("Results").last().unwrap().text("Action");
    assert!(last.contains("ns1.ander.nl"), "{last}");
}

#[tokio::test]
async fn contacts_are_added_edited_and_deleted() {
    let cp = Cp::start().await;
    let fields = [
        ("Handle", "TEST-HANDLE"),
        ("Gender", "v"),
        ("FirstName", "Eva"),
        ("LastName", "Smit"),
        ("Address", "Dorpsstraat 1"),
        ("ZipCode", "1234 AB"),
        ("City", "Zwolle"),
        ("Country", "NL"),
        ("PhoneNumber", "+31.381234567"),
    ];
    let added = cp.call("domains", "add_contact", &fields).await;
    assert_status(&added, "Success1");
    assert_eq!(
        added.text("Description"),
        "Domein contact TEST-HANDLE is toegevoegd"
    );
    assert_eq!(
        (
            added.text("Input/Sex"),
            added.text("Input/Initials"),
            added.text("Input/SurName")
        ),
        ("v".into(), "Eva".into(), "Smit".into())
    );
    let id = added.text("Output/HandleIdentifier");
    assert!(id.parse::<u64>().is_ok());
    assert_status(&cp.call("domains", "add_contact", &fields).await, "Error1");
    assert_status(
        &cp.call("domains", "add_contact", &fields[..3]).await,
        "Error1",
    );

    let mut edit = vec![("HandleIdentifier", id.as_str())];
    edit.extend(
        fields
            .iter()
            .map(|&(k, v)| if k == "City" { (k, "Deventer") } else { (k, v) }),
    );
    let edited = cp.call("domains", "edit_contact", &edit).await;
    assert_eq!(edited.child_names(), ["Status", "Description", "Action1"]);
    assert_eq!(edited.text("Action1/Status"), "Succes1");
    assert_eq!(edited.text("Action1/Input/HandleIdentifier"), id);
    assert_eq!(edited.text("Action1/Input/City"), "Deventer");
    let read = cp
        .call("domains", "get_contact", &[("HandleIdentifier", &id)])
        .await;
    assert_eq!(
        (
            read.text("Output/City"),
            read.text("Output/Gender"),
            read.text("Output/EmailAddress")
        ),
        ("Deventer".into(), "v".into(), String::new())
    );
    let listed = cp.call("domains", "list_contact", &[]).await;
    let item = listed
        .items("Results")
        .into_iter()
        .find(|i| i.text("HandleIdentifier") == id)
        .unwrap();
    assert_eq!(
        (item.text("Initials"), item.text("SurName")),
        ("E.".into(), "Smit".into())
    );

    let deleted = cp
        .call("domains", "del_contact", &[("HandleIdentifier", &id)])
        .await;
    assert_eq!(deleted.text("Action1/Status"), "Success1");
    let gone = cp
        .call("domains", "get_contact", &[("HandleIdentifier", &id)])
        .await;
    assert_status(&gone, "Error1");
    let in_use = listed.items("Results")[0].text("HandleIdentifier");
    let refused = cp
        .call("domains", "del_contact", &[("HandleIdentifier", &in_use)])
        .await;
    assert_eq!(refused.text("Action1/Status"), "Error1");
}

#[tokio::test]
async fn edit_details_changes_the_handles() {
    let cp = Cp::start().await;
    let contacts = cp.call("domains", "list_contact", &[]).await;
    let items = contacts.items("Results");
    let (name, id) = (items[4].text("Handle"), items[4].text("HandleIdentifier"));
    let domain = cp
        .domain_names()
        .await
        .into_iter()
        .find(|d| !d.ends_with(".be"))
        .unwrap();
    let vars = [
        ("OwnerHandle", name.as_str()),
        ("AdminHandle", id.as_str()),
        ("TechHandle", name.as_str()),
    ];
    let answer = cp.domains("edit_details", &domain, &vars).await;
    assert_eq!(answer.name, "Domains_Edit_Contacts");
    assert_eq!(
        (answer.text("Action1/Status"), answer.text("Action2/Status")),
        ("Success1".into(), "Success1".into())
    );
    let details = cp.domains("get_details", &domain, &[]).await;
    assert_eq!(details.text("Contacts/OwnerHandle"), name);
    assert_eq!(details.text("Contacts/AdminHandle"), name);
    let bad = [
        ("OwnerHandle", "NIEMAND"),
        ("AdminHandle", id.as_str()),
        ("TechHandle", id.as_str()),
    ];
    let refused = cp.domains("edit_details", &domain, &bad).await;
    assert_eq!(refused.text("Action1/Status"), "Error1");
    let be = cp
        .domain_names()
        .await
        .into_iter()
        .find(|d| d.ends_with(".be"))
        .unwrap();
    let partial = cp.domains("edit_details", &be, &vars).await;
    assert_eq!(
        (
            partial.text("Action1/Status"),
            partial.text("Action2/Status")
        ),
        ("Success1".into(), "Error1".into())
    );
}

#[tokio::test]
async fn cancel_keeps_the_domain_listed_and_cancel_direct_removes_it() {
    let cp = Cp::start().await;
    let names = cp.domain_names().await;
    let domain = cp
        .find_domain(|d| d.text("General/Status") == "Active")
        .await;
    let details = cp.domains("get_details", &domain, &[]).await;
    let end = details.text("General/ExpirationDate");
    let cancelled = cp.domains("cancel", &domain, &[]).await;
    assert_eq!(cancelled.text("Action1/Status"), "Succes1");
    assert_eq!(
        cancelled.text("Action1/Description"),
        format!("Domeinnaam zal worden opgezegd op {end}")
    );
    let list = cp.call("domains", "list", &[]).await;
    let item = list
        .items("Domains")
        .into_iter()
        .find(|i| format!("{}.{}", i.text("SLD"), i.text("TLD")) == domain)
        .unwrap();
    assert_eq!(
        (item.text("Status"), item.text("TerminationDate")),
        ("Cancelled".into(), end.clone())
    );
    assert_eq!(
        cp.domains("cancel", &domain, &[])
            .await
            .text("Action1/Status"),
        "Error1"
    );

    let direct = cp.domains("cancel_direct", &domain, &[]).await;
    assert_eq!(direct.text("Action1/Status"), "Success1");
    assert!(!cp.domain_names().await.contains(&domain));
    assert_eq!(cp.domain_names().await.len(), names.len() - 1);
    assert_status(&cp.domains("get_details", &domain, &[]).await, "Error1");
    let (sld, tld) = domain.split_once('.').unwrap();
    assert_status(
        &cp.call("domains", "check", &[("SLD", sld), ("TLD", tld)])
            .await,
        "Error3",
    );
}

#[tokio::test]
async fn request_epp_is_recorded_in_the_history() {
    let cp = Cp::start().await;
    let domain = cp.domain_names().await[2].clone();
    let before = cp
        .domains("get_history", &domain, &[])
        .await
        .items("Results")
        .len();
    let sent = cp.domains("request_epp", &domain, &[]).await;
    assert_eq!(sent.text("Action1/Status"), "Success1");
    let history = cp.domains("get_history", &domain, &[]).await;
    let items = history.items("Results");
    assert_eq!(items.len(), before + 1);
    let last = items.last().unwrap();
    assert_eq!(
        (last.text("Action"), last.text("Processed")),
        ("Verhuiscode opgevraagd".into(), "Yes".into())
    );
    assert!(
        last.text("Date").len() == "14-03-2019 09:41".len(),
        "{}",
        last.text("Date")
    );
}

#[tokio::test]
async fn request_epp_fails_when_no_contact_has_an_email_address() {
    let cp = Cp::start().await;
    // add_contact has no EmailAddress input, so a new contact has none.
    let fields = [
        ("Handle", "ZONDER-MAIL"),
        ("Gender", "m"),
        ("FirstName", "Bram"),
        ("LastName", "Kok"),
        ("Address", "Kerkstraat 2"),
        ("ZipCode", "5611 AA"),
        ("City", "Eindhoven"),
        ("Country", "nl"),
        ("PhoneNumber", "+31.401234567"),
    ];
    assert_status(
        &cp.call("domains", "add_contact", &fields).await,
        "Success1",
    );
    let domain = cp.domain_names().await[9].clone();
    let handles = [
        ("OwnerHandle", "ZONDER-MAIL"),
        ("AdminHandle", "zonder-mail"),
        ("TechHandle", "VDBERG-BV"),
    ];
    cp.domains("edit_details", &domain, &handles).await;
    let answer = cp.domains("request_epp", &domain, &[]).await;
    assert_eq!(answer.text("Action1/Status"), "Error1");
    let history = cp.domains("get_history", &domain, &[]).await;
    let last = history.items("Results").last().unwrap().text("Processed");
    assert_eq!(last, "No");
    let unused = cp
        .call("domains", "get_contact", &[("HandleIdentifier", "3105")])
        .await;
    assert_eq!(unused.text("Output/Address"), "Friedrichstraße 12");
}

#[tokio::test]
async fn the_cart_orders_new_domains() {
    let cp = Cp::start().await;
    assert_status(&cp.call("domains", "order_cart", &[]).await, "Error3");
    let order = [
        ("SLD", "gloednieuw-domein"),
        ("TLD", "nl"),
        ("OwnerHandle", "VDBERG-BV"),
        ("AdminHandle", "VDBERG-BV"),
        ("TechHandle", "JANSEN-ICT"),
        ("DNS1", "ns1.dns-demo.nl"),
        ("DNS2", "ns2.dns-demo.nl"),
    ];
    assert_status(&cp.call("domains", "add_to_cart", &order).await, "Success1");
    assert_status(&cp.call("domains", "add_to_cart", &order).await, "Error1");
    let mut taken = order.to_vec();
    taken[0] = ("SLD", "shop");
    assert_status(&cp.call("domains", "add_to_cart", &taken).await, "Error3");
    assert_status(&cp.call("domains", "order_cart", &[]).await, "Success1");
    assert!(cp
        .domain_names()
        .await
        .contains(&"gloednieuw-domein.nl".to_string()));
}

#[tokio::test]
async fn visits_are_requested_for_known_fingerprints() {
    let cp = Cp::start().await;
    let visitor = cp
        .call("colocation", "get_visitor", &[("Identifier", "401")])
        .await;
    let fingerprint = visitor.text("Access/FingerprintIdentifier");
    let vars = [
        ("VisitorIdentifiers", fingerprint.as_str()),
        ("DateArrival", "01-06-2030"),
        ("Term", "2"),
        ("Reason", "Onderhoud"),
    ];
    let added = cp.call("colocation", "add_visit", &vars).await;
    assert_status(&added, "Success1");
    let key = added.text("Output/VisitKey");
    let visits = cp.call("colocation", "list_visit", &[]).await;
    assert!(visits
        .items("Visits")
        .iter()
        .any(|v| v.text("VisitKey") == key && v.text("DateArrival") == "01-06-2030"));
    let log = cp
        .call("colocation", "get_visitor", &[("Identifier", "401")])
        .await;
    let last = log.items("Logging").last().unwrap().text("Action");
    assert_eq!(last, "Toegang aangevraagd voor 01-06-2030");
    let unknown = [
        ("VisitorIdentifiers", "1"),
        ("DateArrival", "01-06-2030"),
        ("Term", "2"),
        ("Reason", "x"),
    ];
    assert_status(
        &cp.call("colocation", "add_visit", &unknown).await,
        "Error2",
    );
}

#[tokio::test]
async fn fixtures_have_the_promised_shape() {
    let cp = Cp::start().await;
    let names = cp.domain_names().await;
    assert_eq!(names.len(), 30);
    let tlds: std::collections::BTreeSet<&str> = names
        .iter()
        .filter_map(|n| n.split_once('.'))
        .map(|(_, t)| t)
        .collect();
    assert!(
        ["nl", "com", "eu", "be", "net", "org"]
            .iter()
            .all(|t| tlds.contains(t)),
        "{tlds:?}"
    );
    let (mut expiring, mut locked, mut cancelled) = (0, 0, 0);
    let now_day = today();
    for name in &names {
        let details = cp.domains("get_details", name, &[]).await;
        let expires = days(&details.text("General/ExpirationDate"));
        expiring += usize::from((0..=30).contains(&(expires - now_day)));
        locked += usize::from(details.text("General/LockStatus") == "Locked");
        cancelled += usize::from(details.text("General/Status") == "Cancelled");
    }
    assert!((3..=4).contains(&expiring), "{expiring}");
    assert!((10..=20).contains(&locked), "{locked}");
    assert_eq!(cancelled, 1);
    let mut kinds: Vec<String> = cp
        .call("servers", "list", &[])
        .await
        .items("Servers")
        .iter()
        .map(|i| i.text("Type"))
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            "Colocation",
            "Dedicated",
            "Dedicated",
            "Virtual",
            "Virtual",
            "Virtual"
        ]
    );
    let mut down_ports = 0;
    let mut over = 0;
    for profile in cp
        .call("servers", "list_mon", &[])
        .await
        .items("Monitoring_Profiles")
    {
        let mon = cp.server("get_mon", &profile.text("Identifier")).await;
        down_ports += mon
            .items("Ports")
            .iter()
            .filter(|p| p.text("Status") == "Down")
            .count();
        let load: f64 = mon.text("LoadMonitor/Load_Current").parse().unwrap();
        let threshold: f64 = mon.text("LoadMonitor/Load_Threshold").parse().unwrap();
        over += usize::from(load > threshold);
    }
    assert_eq!((down_ports, over), (1, 1));
    assert_eq!(
        cp.call("domains", "list_contact", &[])
            .await
            .items("Results")
            .len(),
        5
    );
    let rack = cp.servers_of_type("Colocation").await[0].clone();
    let details = cp.server("get_details", &rack).await;
    assert!(details
        .text("Cabinet_Power_Usage/Amp_Feed_A")
        .parse::<f64>()
        .is_ok());
    assert!(details.text("Virtual_Usage/Disk/Assigned").is_empty());
}

/// Days since 1970-01-01 now (UTC, like the simulator's dates).
fn today() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    (secs / 86_400) as i64
}

/// Days since 1970-01-01 of `DD-MM-YYYY` (H. Hinnant's algorithm).
fn days(date: &str) -> i64 {
    let parts: Vec<i64> = date
        .split('-')
        .map(|p| p.parse().expect("DD-MM-YYYY"))
        .collect();
    let (d, m, y) = (parts[0], parts[1], parts[2]);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

#[tokio::test]
async fn load_and_cabinet_amps_move_between_calls() {
    let cp = Cp::start().await;
    let mut loads = std::collections::BTreeSet::new();
    let mut amps = std::collections::BTreeSet::new();
    let rack = cp.servers_of_type("Colocation").await[0].clone();
    for _ in 0..5 {
        loads.insert(
            cp.server("get_mon", "801")
                .await
                .text("LoadMonitor/Load_Current"),
        );
        amps.insert(
            cp.server("get_details", &rack)
                .await
                .text("Cabinet_Power_Usage/Amp_Feed_A"),
        );
    }
    assert!(loads.len() > 1 && amps.len() > 1, "{loads:?} {amps:?}");
}

#[tokio::test]
async fn the_same_seed_gives_the_same_fixtures() {
    let (a, b, c) = (
        Cp::with_seed(7).await,
        Cp::with_seed(7).await,
        Cp::with_seed(8).await,
    );
    let first = a.post_raw(&LIST).await;
    assert_eq!(first, b.post_raw(&LIST).await);
    assert_ne!(first, c.post_raw(&LIST).await);
    assert_eq!(parse(&first).items("Domains").len(), 30);
}

#[tokio::test]
async fn injected_faults_change_the_answers() {
    let cp = Cp::start().await;
    cp.set_faults(&Faults {
        http_status: Some(500),
        ..Faults::default()
    })
    .await;
    let response = cp.http.post(&cp.base).form(&LIST).send().await.unwrap();
    assert_eq!(response.status(), 500);
    cp.set_faults(&Faults {
        malformed_body: true,
        ..Faults::default()
    })
    .await;
    let body = cp.post_raw(&LIST).await;
    assert!(body.starts_with("<?xml"), "{body}");
    assert!(
        body.ends_with("#garbled") && !body.contains("</Domains_List>"),
        "{body}"
    );
    cp.set_faults(&Faults {
        error_rate: 1.0,
        ..Faults::default()
    })
    .await;
    let answer = parse(&cp.post_raw(&LIST).await);
    assert_eq!(
        (answer.name.as_str(), answer.text("Description")),
        ("Error", "Er is een onbekende fout ontstaan".into())
    );
    cp.set_faults(&Faults::default()).await;
    assert_eq!(parse(&cp.post_raw(&LIST).await).name, "Domains_List");
}

#[tokio::test]
async fn a_targeted_fault_fails_one_object_and_leaves_the_rest() {
    let cp = Cp::start().await;
    let servers = cp.servers_of_type("Virtual").await;
    let (hit, spared) = (&servers[0], &servers[1]);
    let matches = [
        "Action=get_details".to_string(),
        format!("Identifier={hit}"),
    ];
    cp.set_faults(&Faults {
        targeted: vec![Targeted::new(matches)],
        ..Faults::default()
    })
    .await;
    let failed = cp.server("get_details", hit).await;
    assert_eq!(failed.name, "Error", "{failed:#?}");
    let other = cp.server("get_details", spared).await;
    assert_eq!(other.text("Status"), "Success1", "{other:#?}");
    let listed = cp.call("servers", "list", &[]).await;
    assert_eq!(listed.name, "Servers_List", "another action is untouched");
}

#[test]
fn a_large_domain_list_has_one_item_per_domain() {
    let xml = domains_list_xml(10_000, 1);
    let answer = parse(&xml);
    assert_eq!(answer.name, "Domains_List");
    let items = answer.items("Domains");
    assert_eq!(items.len(), 10_000);
    let names: std::collections::HashSet<String> = items
        .iter()
        .map(|i| format!("{}.{}", i.text("SLD"), i.text("TLD")))
        .collect();
    assert_eq!(names.len(), 10_000, "names are unique");
}

#[tokio::test]
async fn start_all_starts_clc_controlepaneel_i3d_then_hostbill() {
    let sims = start_all(SimOptions::default()).await.expect("started");
    let kinds: Vec<&str> = sims.iter().map(|s| s.kind.as_str()).collect();
    assert_eq!(kinds, ["clc", "controlepaneel", "i3d", "hostbill"]);
    assert!(sims[2].base_url.ends_with("/v3/"));
    let hostbill = &sims[3];
    assert!(hostbill.base_url.ends_with("/api/"));
    assert_eq!(
        hostbill.credential("username"),
        Some(hostdeck::sim::hostbill::DEMO_EMAIL)
    );
    assert_eq!(
        hostbill.credential("password"),
        Some(hostdeck::sim::hostbill::DEMO_PASSWORD)
    );
    let cp = &sims[1];
    assert!(cp.base_url.ends_with("/api/"));
    assert_eq!(cp.credential("account_id"), Some(DEMO_ACCOUNT_ID));
    assert_eq!(cp.credential("hash"), Some(DEMO_HASH));
}
