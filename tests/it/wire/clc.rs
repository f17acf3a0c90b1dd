//! Wire tests for the CLC v1 provider: the document's own examples (JSON and
//! XML) for every method the provider uses parse into the wire types and map
//! to the model, after the repairs digest §5 item 3 calls for; lenient
//! decoding cases; and property tests that no input makes the decoders panic.

use hostdeck::model::{Action, PowerState};
use hostdeck::provider::clc::map::{self, GroupIndex, NetworkIndex, ServerContext};
use hostdeck::provider::clc::wire::{self, Envelope, Outcome};
use hostdeck::provider::clc::{xml, WireFormat};
use hostdeck::provider::lenient::{self, Code};
use hostdeck::provider::JobProgress;
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

const JSON: WireFormat = WireFormat::Json;
const XML: WireFormat = WireFormat::Xml;

/// Decodes an answer, checks its envelope says success, and reads `T`.
fn parse<T: DeserializeOwned>(body: &str, format: WireFormat) -> T {
    let value = wire::decode(body, format).unwrap_or_else(|e| panic!("decode: {e}\n{body}"));
    assert_eq!(Envelope::of(&value).outcome(), Outcome::Ok, "{body}");
    wire::typed(&value).unwrap_or_else(|e| panic!("typed: {e}\n{body}"))
}

/// Applies the repairs to a verbatim example that is not valid JSON, after
/// checking that it really is broken and that each repair applies.
fn repair(verbatim: &str, fixes: &[(&str, &str)]) -> String {
    assert!(
        wire::decode(verbatim, JSON).is_err(),
        "the verbatim example is valid JSON; no repair needed"
    );
    let mut text = verbatim.to_string();
    for (from, to) in fixes {
        assert!(text.contains(from), "repair target not found: {from}");
        text = text.replace(from, to);
    }
    text
}

fn context<'a>(groups: &'a GroupIndex, networks: &'a NetworkIndex) -> ServerContext<'a> {
    ServerContext {
        account: "clc-test",
        location: "WA1",
        account_alias: None,
        groups,
        networks,
        fetched_at: 7,
    }
}

fn map_all(servers: &[wire::Server]) -> Vec<hostdeck::model::Server> {
    let (groups, networks) = (GroupIndex::default(), NetworkIndex::default());
    let ctx = context(&groups, &networks);
    servers
        .iter()
        .filter_map(|s| map::server(s, &ctx))
        .collect()
}

/// Our encoding of a request equals the document's example (as data).
fn assert_request<R: wire::Request>(request: &R, doc_json: &str, doc_xml: &str) {
    let (ours, content_type) = wire::encode(request, JSON).expect("encode json");
    assert_eq!(content_type, "application/json; charset=utf-8");
    let ours: Value = serde_json::from_str(&ours).expect("our json");
    let theirs: Value = serde_json::from_str(doc_json).expect("document json");
    assert_eq!(ours, theirs);

    let (ours, content_type) = wire::encode(request, XML).expect("encode xml");
    assert_eq!(content_type, "text/xml");
    assert!(ours.starts_with(&format!("<{}>", R::XML_ROOT)), "{ours}");
    assert!(doc_xml
        .trim_start()
        .starts_with(&format!("<{}>", R::XML_ROOT)));
    assert_eq!(xml::to_value(&ours), xml::to_value(doc_xml));
}

// ---------------------------------------------------------------------------
// Auth, locations, groups
// ---------------------------------------------------------------------------

#[test]
fn logon_examples_parse_and_the_request_matches() {
    for (body, format) in [(LOGON_RESP_JSON, JSON), (LOGON_RESP_XML, XML)] {
        let envelope: Envelope = parse(body, format);
        assert_eq!(envelope.message.as_deref(), Some("Login Successful"));
        assert_eq!(envelope.success, Some(true));
    }
    let request = wire::LogonRequest {
        api_key: "apikey",
        password: "password",
    };
    assert_request(&request, LOGON_REQ_JSON, LOGON_REQ_XML);
}

#[test]
fn get_locations_examples_parse() {
    for (body, format) in [(LOCATIONS_RESP_JSON, JSON), (LOCATIONS_RESP_XML, XML)] {
        let answer: wire::LocationsResponse = parse(body, format);
        let aliases: Vec<_> = answer
            .locations
            .iter()
            .filter_map(|l| l.alias.clone())
            .collect();
        assert_eq!(aliases, ["100", "101", "102"]);
        assert_eq!(answer.locations[2].region.as_deref(), Some("Demo Region 3"));
    }
}

#[test]
fn get_groups_examples_parse_into_a_tree() {
    // Repair: the JSON example lacks the comma after the first "ParentUUID" line.
    let json = repair(
        GROUPS_RESP_JSON,
        &[(
            r#""ParentUUID":"b7e44f0391824d408732f215a91a0578""#,
            r#""ParentUUID":"b7e44f0391824d408732f215a91a0578","#,
        )],
    );
    for (body, format) in [(json.as_str(), JSON), (GROUPS_RESP_XML, XML)] {
        let answer: wire::GetGroupsResponse = parse(body, format);
        assert_eq!(answer.account_alias.as_deref(), Some("UNK"));
        assert_eq!(answer.hardware_groups.len(), 2);
        let first = &answer.hardware_groups[0];
        assert_eq!(first.id, Some(5));
        assert_eq!(first.parent_id, Some(2));
        assert_eq!(first.is_system_group, Some(false));
        let index = GroupIndex::new(&answer.hardware_groups);
        // "Group 01" sits in "Group 02", whose parent is not in the list (a root).
        assert_eq!(
            index.path("3d30a6ab6c1243388b7bc966d073e353").as_deref(),
            Some("Group 02/Group 01")
        );
        assert_eq!(index.path("8a03fcae8ddfe321b05f00505682315a"), None);
    }
    let request = wire::GetGroupsRequest {
        account_alias: Some("UNK"),
        location: "DC1",
    };
    // The XML example asks for ACCT/WA1, the JSON one for UNK/DC1 (digest §5 item 33).
    let xml_request = wire::GetGroupsRequest {
        account_alias: Some("ACCT"),
        location: "WA1",
    };
    let (ours, _) = wire::encode(&request, JSON).expect("encode");
    assert_eq!(
        serde_json::from_str::<Value>(&ours).expect("json"),
        serde_json::from_str::<Value>(GROUPS_REQ_JSON).expect("json")
    );
    let (ours, _) = wire::encode(&xml_request, XML).expect("encode");
    assert_eq!(xml::to_value(&ours), xml::to_value(GROUPS_REQ_XML));
}

// ---------------------------------------------------------------------------
// Servers
// ---------------------------------------------------------------------------

/// Repair of every flat server-list JSON example: the first server lacks the
/// comma after `"IPAddress":"172.0.0.1"`, and `"IPAddresses:` lacks its
/// closing quote (both servers).
fn repaired_server_list(verbatim: &str) -> String {
    repair(
        verbatim,
        &[
            (
                "\"IPAddress\":\"172.0.0.1\"\n",
                "\"IPAddress\":\"172.0.0.1\",\n",
            ),
            ("\"IPAddresses:", "\"IPAddresses\":"),
        ],
    )
}

#[test]
fn get_all_servers_examples_parse_and_map() {
    let json = repaired_server_list(ALL_SERVERS_RESP_JSON);
    for (body, format) in [(json.as_str(), JSON), (ALL_SERVERS_RESP_XML, XML)] {
        let answer: wire::GetServersResponse = parse(body, format);
        assert_eq!(answer.servers.len(), 2);
        let first = &answer.servers[0];
        assert_eq!(first.name.as_deref(), Some("WA1T3NWEB01"));
        assert_eq!(first.cpu, Some(2));
        assert_eq!(first.memory_gb, Some(4.0));
        assert_eq!(first.total_disk_space_gb, Some(116.0));
        assert_eq!(first.is_template, Some(false));
        assert_eq!(first.custom_fields.len(), 3);
        assert_eq!(first.custom_fields[2].value.as_deref(), Some("true"));
        assert_eq!(answer.servers[1].custom_fields.len(), 0);

        let servers = map_all(&answer.servers);
        assert_eq!(servers.len(), 2);
        let web01 = &servers[0];
        assert_eq!(web01.id, "WA1T3NWEB01");
        assert_eq!(web01.power, PowerState::On);
        assert_eq!(web01.status, "Active");
        assert_eq!(web01.location, "WA1");
        assert_eq!(web01.primary_ip.as_deref(), Some("172.0.0.1"));
        // JSON gives AddressType 1, XML "RIP": both read as RIP.
        assert_eq!(web01.ips.len(), 1);
        assert_eq!(web01.ips[0].kind, "RIP");
        assert!(web01.supports(Action::Reboot) && !web01.supports(Action::PowerOn));
        assert!(web01
            .details
            .iter()
            .any(|d| d.label == "Custom field: My 3rd Field"
                || d.label == "Custom field: My Field 3"));
    }
    // The JSON example's first server has OperatingSystem 4, the XML one 2.
    let json_answer: wire::GetServersResponse = parse(&json, JSON);
    assert_eq!(map_all(&json_answer.servers)[0].os, "Windows 2008 32-bit");
    assert_eq!(json_answer.servers[0].server_type, Some(Code::Int(2)));

    let request = wire::GetAllServersRequest {
        account_alias: Some("ACCT"),
        hardware_group_uuid: Some("8a03fbae8ddfe311b05f00505682315a"),
        location: Some("WA1"),
    };
    assert_request(&request, ALL_SERVERS_REQ_JSON, ALL_SERVERS_REQ_XML);
}

#[test]
fn get_server_examples_parse() {
    let json = repaired_server_list(GET_SERVER_RESP_JSON);
    for (body, format) in [(json.as_str(), JSON), (GET_SERVER_RESP_XML, XML)] {
        let answer: wire::GetServersResponse = parse(body, format);
        assert_eq!(answer.servers.len(), 1);
        assert_eq!(answer.servers[0].name.as_deref(), Some("WA1T3NWEB01"));
        assert_eq!(
            answer.servers[0].power_state,
            Some(Code::Text("Started".into()))
        );
    }
    // The JSON request example sends only the Name.
    let request = wire::ServerRequest {
        account_alias: None,
        name: "WA1T3NWEB01",
    };
    let (ours, _) = wire::encode(&request, JSON).expect("encode");
    assert_eq!(
        serde_json::from_str::<Value>(&ours).expect("json"),
        serde_json::from_str::<Value>(GET_SERVER_REQ_JSON).expect("json")
    );
    let with_alias = wire::ServerRequest {
        account_alias: Some("ACCT"),
        name: "WA1T3NWEB01",
    };
    let (ours, _) = wire::encode(&with_alias, XML).expect("encode");
    assert_eq!(xml::to_value(&ours), xml::to_value(GET_SERVER_REQ_XML));
}

#[test]
fn hierarchy_examples_parse_including_the_flattened_xml_ip_list() {
    // This example is valid JSON as printed.
    for (body, format) in [(HIERARCHY_RESP_JSON, JSON), (HIERARCHY_RESP_XML, XML)] {
        let answer: wire::GetAccountHierarchyServersResponse = parse(body, format);
        let aliases: Vec<_> = answer
            .account_servers
            .iter()
            .filter_map(|g| g.account_alias.clone())
            .collect();
        assert_eq!(aliases, ["ACT1", "ACT2"]);
        let demo01 = &answer.account_servers[0].servers[0];
        assert_eq!(demo01.name.as_deref(), Some("SERVERDEMO01"));
        assert_eq!(demo01.in_maintenance_mode, Some(false));
        // XML prints the list flattened: <IPAddresses Address=".." AddressType="RIP" />.
        assert_eq!(demo01.ip_addresses.len(), 1);
        assert_eq!(
            demo01.ip_addresses[0].address.as_deref(),
            Some("142.25.114.13")
        );
        assert_eq!(demo01.custom_fields.len(), 0, "CustomFields null -> empty");

        let mapped = map_all(&answer.account_servers[0].servers);
        // UnderConstruction: no actions; empty IPAddress falls back to the list.
        assert_eq!(mapped[0].status, "UnderConstruction");
        assert!(mapped[0].actions.is_empty());
        assert_eq!(mapped[0].primary_ip.as_deref(), Some("142.25.114.13"));
        assert_eq!(mapped[0].os, "Windows 2008 Enterprise 64-bit");
        let demo03 = &map_all(&answer.account_servers[1].servers)[0];
        assert_eq!(demo03.os, "Ubuntu 64-bit");
        assert!(demo03.supports(Action::MaintenanceOn));
        assert!(!demo03.supports(Action::MaintenanceOff));
    }
    // The same instant printed twice: JSON as \/Date(ms)\/, XML as a zone-less
    // time. The XML one is 7 hours behind (US Pacific summer time), although
    // the document calls such times GMT; we read zone-less times as UTC.
    let json: wire::GetAccountHierarchyServersResponse = parse(HIERARCHY_RESP_JSON, JSON);
    let xml: wire::GetAccountHierarchyServersResponse = parse(HIERARCHY_RESP_XML, XML);
    let json_ms = json.account_servers[0].servers[0]
        .date_modified
        .expect("json date");
    let xml_ms = xml.account_servers[0].servers[0]
        .date_modified
        .expect("xml date");
    assert_eq!(json_ms, 1_347_577_422_943);
    assert_eq!(json_ms - xml_ms, 7 * 3600 * 1000);

    let request = wire::GetAllServersRequest {
        account_alias: Some("ACCT"),
        hardware_group_uuid: None,
        location: Some("WA1"),
    };
    assert_request(&request, HIERARCHY_REQ_JSON, HIERARCHY_REQ_XML);
}

#[test]
fn server_object_example_parses_and_maps() {
    // Repair: both servers lack the comma after their "HardwareGroupUUID" line.
    let json = repair(
        SERVER_OBJECT_JSON,
        &[
            (
                "\"4c20467154cb4de99a381cc011a20b96\"\n",
                "\"4c20467154cb4de99a381cc011a20b96\",\n",
            ),
            (
                "\"ea97c6e09f604eb689dcdc080114b04d\"\n",
                "\"ea97c6e09f604eb689dcdc080114b04d\",\n",
            ),
        ],
    );
    // This example carries no envelope; read the servers directly.
    let value = wire::decode(&json, JSON).expect("decode");
    let answer: wire::GetServersResponse = wire::typed(&value).expect("typed");
    assert_eq!(answer.servers[0].dns_name, None);
    assert_eq!(answer.servers[0].ip_address, None);
    let servers = map_all(&answer.servers);
    let archived = &servers[0];
    assert_eq!(archived.status, "Archived");
    assert_eq!(archived.power, PowerState::Off);
    assert!(archived.actions.is_empty(), "not Active: no actions");
    assert_eq!(archived.os, "Ubuntu 14 64-Bit");
    let active = &servers[1];
    assert_eq!(active.actions, [Action::PowerOn, Action::MaintenanceOn]);
    assert_eq!(active.os, "Windows 2012 R2 Datacenter 64-Bit");
    let detail = |label: &str| {
        active
            .details
            .iter()
            .find(|d| d.label == label)
            .map(|d| d.value.clone())
    };
    assert_eq!(
        detail("Modified").as_deref(),
        Some("2013-01-21 18:34:14 UTC")
    );
    assert_eq!(detail("Modified by").as_deref(), Some("bob@company.com"));
    assert_eq!(detail("Server type").as_deref(), Some("1 (Standard)"));
    assert_eq!(detail("Service level").as_deref(), Some("2 (Standard)"));
    assert_eq!(detail("Total disk").as_deref(), Some("110 GB"));
    assert_eq!(
        detail("Hardware group UUID").as_deref(),
        Some("ea97c6e09f604eb689dcdc080114b04d")
    );
    assert_eq!(active.fetched_at, 7);
}

// ---------------------------------------------------------------------------
// Networks
// ---------------------------------------------------------------------------

#[test]
fn get_networks_examples_parse() {
    for (body, format) in [(NETWORKS_RESP_JSON, JSON), (NETWORKS_RESP_XML, XML)] {
        let answer: wire::GetNetworksResponse = parse(body, format);
        let names: Vec<_> = answer
            .networks
            .iter()
            .filter_map(|n| n.name.clone())
            .collect();
        assert_eq!(names, ["vlan_1114_10.81.14", "vlan_1241_10.81.141"]);
        assert_eq!(answer.networks[0].gateway.as_deref(), Some("10.81.14.1"));
        assert_eq!(answer.networks[0].account_alias.as_deref(), Some("UNK"));
    }
    let request = wire::GetNetworksRequest {
        account_alias: Some("1000"),
        location: Some("WA1"),
    };
    assert_request(&request, NETWORKS_REQ_JSON, NETWORKS_REQ_XML);
}

#[test]
fn get_network_details_examples_parse_and_enrich_server_ips() {
    // Repair: `"IPAddresses: [` lacks its closing quote.
    let json = repair(
        NETWORK_DETAILS_RESP_JSON,
        &[("\"IPAddresses: [", "\"IPAddresses\": [")],
    );
    for (body, format) in [(json.as_str(), JSON), (NETWORK_DETAILS_RESP_XML, XML)] {
        let answer: wire::NetworkDetailsResponse = parse(body, format);
        let details = answer.network_details.expect("NetworkDetails");
        assert_eq!(details.network_mask.as_deref(), Some("255.255.255.0"));
        assert_eq!(details.ip_addresses.len(), 2);
        let claimed = &details.ip_addresses[1];
        assert_eq!(claimed.is_claimed, Some(true));
        assert_eq!(claimed.server_name.as_deref(), Some("DEMOFIRST01"));

        // A server that lists one address; the network knows it and one more.
        let mut networks = NetworkIndex::default();
        networks.extend(&details.ip_addresses);
        let server = wire::Server {
            name: Some("DemoFirst01".into()),
            status: Some(Code::Text("Active".into())),
            ip_addresses: vec![wire::ServerIpAddress {
                address: Some("172.21.250.2".into()),
                address_type: None,
            }],
            ..Default::default()
        };
        let groups = GroupIndex::default();
        let mapped = map::server(&server, &context(&groups, &networks)).expect("server");
        let ips: Vec<_> = mapped
            .ips
            .iter()
            .map(|ip| (ip.address.as_str(), ip.kind.as_str(), ip.claimed))
            .collect();
        assert_eq!(
            ips,
            [
                ("172.21.250.2", "RIP", Some(false)),
                ("172.21.250.3", "RIP", Some(true))
            ]
        );
    }
    let request = wire::GetNetworkDetailsRequest {
        account_alias: Some("UNK"),
        location: Some("UN1"),
        name: "vlan_1114_10.81.14",
    };
    let (ours, _) = wire::encode(&request, JSON).expect("encode");
    assert_eq!(
        serde_json::from_str::<Value>(&ours).expect("json"),
        serde_json::from_str::<Value>(NETWORK_DETAILS_REQ_JSON).expect("json")
    );
    // The XML example asks for another network name (digest §5 item 31).
    let xml_request = wire::GetNetworkDetailsRequest {
        name: "vlan250_172.21.250",
        ..request
    };
    let (ours, _) = wire::encode(&xml_request, XML).expect("encode");
    assert_eq!(xml::to_value(&ours), xml::to_value(NETWORK_DETAILS_REQ_XML));
}

// ---------------------------------------------------------------------------
// Power operations and the queue
// ---------------------------------------------------------------------------

#[test]
fn queued_item_examples_parse() {
    // Repair: every async example prints `"RequestID:1,` (missing quote).
    let fix = [("\"RequestID:1,", "\"RequestID\":1,")];
    for verbatim in [POWER_ON_RESP_JSON, REBOOT_RESP_JSON, MAINTENANCE_RESP_JSON] {
        let answer: wire::QueuedItemResponse = parse(&repair(verbatim, &fix), JSON);
        assert_eq!(answer.request_id, Some(Code::Int(1)));
    }
    for body in [POWER_ON_RESP_XML, REBOOT_RESP_XML, MAINTENANCE_RESP_XML] {
        let answer: wire::QueuedItemResponse = parse(body, XML);
        assert_eq!(answer.request_id, Some(Code::Int(1)));
    }
    // Add/UpdatePublicIPAddress carry RequestID as an attribute (L4901).
    let attribute =
        r#"<QueuedItemResponse Success="true" Message="Success" StatusCode="0" RequestID="1" />"#;
    let answer: wire::QueuedItemResponse = parse(attribute, XML);
    assert_eq!(answer.request_id, Some(Code::Int(1)));
}

#[test]
fn power_and_maintenance_requests_match_the_examples() {
    let reboot = wire::ServerRequest {
        account_alias: Some("UNK"),
        name: "SERVER01",
    };
    let (ours, _) = wire::encode(&reboot, JSON).expect("encode");
    assert_eq!(
        serde_json::from_str::<Value>(&ours).expect("json"),
        serde_json::from_str::<Value>(REBOOT_REQ_JSON).expect("json")
    );
    let reboot_xml = wire::ServerRequest {
        account_alias: Some("ACCT"),
        ..reboot
    };
    let (ours, _) = wire::encode(&reboot_xml, XML).expect("encode");
    assert_eq!(xml::to_value(&ours), xml::to_value(REBOOT_REQ_XML));

    let maintenance = wire::ServerMaintenanceRequest {
        account_alias: Some("UNK"),
        name: "DEMOFIRST01",
        enable: true,
    };
    let (ours, _) = wire::encode(&maintenance, JSON).expect("encode");
    assert_eq!(
        serde_json::from_str::<Value>(&ours).expect("json"),
        serde_json::from_str::<Value>(MAINTENANCE_REQ_JSON).expect("json")
    );
    let maintenance_xml = wire::ServerMaintenanceRequest {
        account_alias: Some("ACCT"),
        ..maintenance
    };
    let (ours, _) = wire::encode(&maintenance_xml, XML).expect("encode");
    assert!(ours.starts_with("<ServerMaintenanceRequest>"));
    assert_eq!(xml::to_value(&ours), xml::to_value(MAINTENANCE_REQ_XML));
}

#[test]
fn get_request_status_examples_parse_to_a_finished_job() {
    for (body, format) in [(QUEUE_RESP_JSON, JSON), (QUEUE_RESP_XML, XML)] {
        let answer: wire::QueueStatusResponse = parse(body, format);
        let details = answer.details().expect("details");
        assert_eq!(details.request_id, Some(Code::Int(50)));
        assert_eq!(details.percent_complete, Some(100.0));
        assert_eq!(details.step_number, Some(0));
        assert_eq!(
            map::job_progress(details),
            JobProgress::Succeeded("Creating Server UT1XXLAB01: Request completed".into())
        );
    }
    // Same instant in both examples, 7 hours apart like every XML example.
    let json: wire::QueueStatusResponse = parse(QUEUE_RESP_JSON, JSON);
    assert_eq!(
        json.details().and_then(|d| d.status_date),
        Some(1_275_097_729_527)
    );

    // The request: the XML example matches; the JSON example sends "50" as a
    // string where the table says Int, and we send the Int.
    let request = wire::QueueStatusRequest {
        request_id: Code::Int(50),
    };
    let (ours, _) = wire::encode(&request, XML).expect("encode");
    assert_eq!(xml::to_value(&ours), xml::to_value(QUEUE_REQ_XML));
    let (ours, _) = wire::encode(&request, JSON).expect("encode");
    assert_eq!(ours, r#"{"RequestID":50}"#);
    let theirs: Value = serde_json::from_str(QUEUE_REQ_JSON).expect("json");
    assert_eq!(theirs["RequestID"], "50");
}

#[test]
fn request_status_is_read_at_the_top_level_too_and_in_every_state() {
    let top = json!({"Success": true, "Message": "ok", "StatusCode": 0,
        "RequestID": "7", "CurrentStatus": "Executing", "PercentComplete": "40",
        "ProgressDesc": "Rebooting"});
    let answer: wire::QueueStatusResponse = wire::typed(&top).expect("typed");
    assert_eq!(
        map::job_progress(answer.details().expect("top-level details")),
        JobProgress::Running {
            percent: Some(40),
            note: "Executing: Rebooting".into()
        }
    );
    let cases = [
        ("Not Started", None),
        ("NotStarted", None),
        ("Resumed", None),
        ("Failed", Some(false)),
        ("Succeeded", Some(true)),
    ];
    for (status, terminal) in cases {
        let details = wire::RequestDetails {
            current_status: Some(status.into()),
            percent_complete: Some(250.0),
            ..Default::default()
        };
        match (map::job_progress(&details), terminal) {
            (JobProgress::Running { percent, .. }, None) => assert_eq!(percent, Some(100)),
            (JobProgress::Succeeded(_), Some(true)) | (JobProgress::Failed(_), Some(false)) => {}
            (other, _) => panic!("{status}: {other:?}"),
        }
    }
    let empty: wire::QueueStatusResponse = wire::typed(&json!({"StatusCode": 0})).expect("typed");
    assert!(empty.details().is_none());
}

// ---------------------------------------------------------------------------
// Billing
// ---------------------------------------------------------------------------

#[test]
fn hourly_charges_examples_parse_into_a_cost_series() {
    for (body, format) in [(HOURLY_RESP_JSON, JSON), (HOURLY_RESP_XML, XML)] {
        let answer: wire::ServerHourlyChargesResponse = parse(body, format);
        assert_eq!(answer.server_name.as_deref(), Some("QA1RSDASER101"));
        assert_eq!(
            answer.hourly_charges.len(),
            2,
            "HourlyCharges / <HourlyCharge>"
        );
        assert_eq!(
            answer.summary.as_ref().and_then(|s| s.month_to_date),
            Some(0.0)
        );
        let hour = &answer.hourly_charges[0];
        assert_eq!(hour.hour, lenient::parse_date("2012-11-14T12:00:00"));
        assert_eq!(hour.processor_cost, Some(0.0));
        let series = map::cost_series(&answer);
        assert_eq!(
            (series.name.as_str(), series.unit.as_str(), series.capacity),
            ("cost", "$/h", 168)
        );
        assert_eq!(series.samples.len(), 2);
        // Sorted by time although the example lists 12:00 before 01:00.
        assert!(series.samples[0].at < series.samples[1].at);
    }
    let json: wire::ServerHourlyChargesResponse = parse(HOURLY_RESP_JSON, JSON);
    assert_eq!(json.start_date, Some(1_352_851_200_000));

    let costs = json!({"HourlyCharges": [
        {"Hour": "2012-11-14T01:00:00", "ProcessorCost": "0.10", "MemoryCost": 0.05,
         "StorageCost": "0.01", "OSCost": "0"},
        {"Hour": "2012-11-14T02:00:00", "ProcessorCost": "1", "TotalCost": "0.5"},
        {"Hour": "not a date", "ProcessorCost": "1"},
        {"Hour": "2012-11-14T03:00:00"}
    ]});
    let answer: wire::ServerHourlyChargesResponse = wire::typed(&costs).expect("typed");
    let values: Vec<f64> = map::cost_series(&answer).values().collect();
    assert_eq!(values.len(), 2, "undated and cost-less hours are skipped");
    assert!((values[0] - 0.16).abs() < 1e-9, "sum of the components");
    assert_eq!(values[1], 0.5, "a total wins over the components");

    let request = wire::ServerHourlyChargesRequest {
        account_alias: Some("1000"),
        server_name: "QA1RSDASER101",
        start_date: Some("2012-11-14".into()),
        end_date: Some("2012-11-15".into()),
    };
    let (ours, _) = wire::encode(&request, JSON).expect("encode");
    assert_eq!(
        serde_json::from_str::<Value>(&ours).expect("json"),
        serde_json::from_str::<Value>(HOURLY_REQ_JSON).expect("json")
    );
    // The XML example uses alias RSDA and the root <ServerRequest>.
    let xml_request = wire::ServerHourlyChargesRequest {
        account_alias: Some("RSDA"),
        ..request
    };
    let (ours, _) = wire::encode(&xml_request, XML).expect("encode");
    assert!(ours.starts_with("<ServerRequest>"));
    assert_eq!(xml::to_value(&ours), xml::to_value(HOURLY_REQ_XML));
}

// ---------------------------------------------------------------------------
// Envelope and lenient decoding
// ---------------------------------------------------------------------------

fn outcome(value: Value) -> Outcome {
    Envelope::of(&value).outcome()
}

#[test]
fn envelope_outcomes() {
    assert_eq!(
        outcome(json!({"Success": true, "StatusCode": 0})),
        Outcome::Ok
    );
    assert_eq!(outcome(json!({"Success": "true"})), Outcome::Ok);
    assert_eq!(
        outcome(json!({"Success": false, "Message": "log on", "StatusCode": "100"})),
        Outcome::SessionExpired("log on".into())
    );
    assert_eq!(
        outcome(json!({"Success": false, "Message": "Resource Not Found", "StatusCode": 5})),
        Outcome::Failed {
            code: "5".into(),
            message: "Resource Not Found".into()
        }
    );
    assert!(matches!(
        outcome(json!({"Success": false, "StatusCode": 0})),
        Outcome::Failed { .. }
    ));
    assert!(matches!(
        outcome(json!({"StatusCode": "oops"})),
        Outcome::Failed { .. }
    ));
    assert_eq!(outcome(json!({"Servers": []})), Outcome::NoEnvelope);
    assert_eq!(outcome(json!([true, "ok", 0])), Outcome::NoEnvelope);
    assert_eq!(outcome(json!("Success")), Outcome::NoEnvelope);
}

#[test]
fn int_or_string_fields() {
    let server: wire::Server = wire::typed(&json!({
        "Name": "S1", "Status": 1, "PowerState": "1", "ServerType": "2",
        "ServiceLevel": 1, "OperatingSystem": "41", "Cpu": "4", "MemoryGB": "8",
        "DiskCount": 2.0, "IsTemplate": "False", "InMaintenanceMode": "true",
        "IPAddresses": [{"Address": "10.0.0.1", "AddressType": "2"}]
    }))
    .expect("typed");
    assert_eq!(server.status, Some(Code::Int(1)));
    assert_eq!(server.power_state, Some(Code::Int(1)));
    assert_eq!(server.server_type, Some(Code::Int(2)));
    assert_eq!(server.operating_system, Some(Code::Int(41)));
    assert_eq!(
        (server.cpu, server.memory_gb, server.disk_count),
        (Some(4), Some(8.0), Some(2))
    );
    assert_eq!(
        (server.is_template, server.in_maintenance_mode),
        (Some(false), Some(true))
    );
    let mapped = map_all(std::slice::from_ref(&server));
    assert_eq!(mapped[0].power, PowerState::On);
    assert_eq!(mapped[0].os, "Ubuntu 14 64-Bit");
    assert_eq!(mapped[0].ips[0].kind, "MIP");
    assert!(mapped[0].in_maintenance);
    // Status given as an int has no documented meaning: not Active, no actions.
    assert_eq!(mapped[0].status, "1");
    assert!(mapped[0].actions.is_empty());
}

#[test]
fn missing_null_and_odd_fields_are_tolerated() {
    let server: wire::Server = wire::typed(&json!({
        "Name": "S2", "Cpu": "many", "MemoryGB": null, "IPAddresses": null,
        "CustomFields": "", "PowerState": "Hibernating", "Status": "Active",
        "DateModified": "yesterday"
    }))
    .expect("typed");
    assert_eq!(server.cpu, None);
    assert_eq!(server.memory_gb, None);
    assert!(server.ip_addresses.is_empty() && server.custom_fields.is_empty());
    assert_eq!(server.date_modified, None);
    let mapped = &map_all(std::slice::from_ref(&server))[0];
    assert_eq!(mapped.power, PowerState::Unknown("Hibernating".into()));
    assert_eq!(mapped.os, "");
    // Unknown power and unknown maintenance mode: every action is offered.
    assert_eq!(mapped.actions.len(), Action::ALL.len());

    let nameless: wire::Server = wire::typed(&json!({"Status": "Active"})).expect("typed");
    assert!(
        map_all(&[nameless]).is_empty(),
        "a server without a Name is skipped"
    );

    let answer: wire::GetServersResponse = wire::typed(&json!({})).expect("typed");
    assert!(answer.servers.is_empty());
    assert!(wire::typed::<wire::GetServersResponse>(&json!({"Servers": [1]})).is_err());
}

#[test]
fn dotnet_and_iso_dates() {
    let cases: [(&str, Option<i64>); 14] = [
        ("/Date(1343775600000)/", Some(1_343_775_600_000)),
        ("\\/Date(1343775600000)\\/", Some(1_343_775_600_000)),
        ("/Date(1343775600000+0200)/", Some(1_343_775_600_000)),
        ("/Date(1343775600000-0700)/", Some(1_343_775_600_000)),
        ("/Date(-86400000)/", Some(-86_400_000)),
        ("2012-08-31T23:00:00", Some(1_346_454_000_000)),
        ("2010-06-15T15:59:10.76", Some(1_276_617_550_760)),
        ("2012-09-13T16:03:42.943", Some(1_347_552_222_943)),
        ("2012-11-14", Some(1_352_851_200_000)),
        ("2012-11-14T12:00:00Z", Some(1_352_894_400_000)),
        ("2012-11-14T14:00:00+02:00", Some(1_352_894_400_000)),
        ("2012-02-30T00:00:00", None),
        ("/Date(12x)/", None),
        ("2013:05-10T14:30:12", None),
    ];
    for (text, expected) in cases {
        assert_eq!(lenient::parse_date(text), expected, "{text}");
    }
    // In a JSON document the escaped form arrives unescaped.
    let details: wire::RequestDetails =
        serde_json::from_str(r#"{"StatusDate":"\/Date(1275097729527)\/"}"#).expect("json");
    assert_eq!(details.status_date, Some(1_275_097_729_527));
    assert_eq!(lenient::iso_utc(1_346_454_000_000), "2012-08-31T23:00:00");
    assert_eq!(lenient::readable_utc(0), "1970-01-01 00:00:00 UTC");
    assert_eq!(lenient::iso_utc(i64::MAX), "9999-12-31T23:59:59");
}

#[test]
fn money_as_number_or_string() {
    let summary: wire::BillingSummary = wire::typed(&json!({
        "MonthlyEstimate": "161.870000", "MonthToDate": 82.05,
        "CurrentHour": "NaN", "PreviousHour": "inf"
    }))
    .expect("typed");
    assert_eq!(summary.monthly_estimate, Some(161.87));
    assert_eq!(summary.month_to_date, Some(82.05));
    assert_eq!((summary.current_hour, summary.previous_hour), (None, None));
}

// ---------------------------------------------------------------------------
// Mapping rules
// ---------------------------------------------------------------------------

#[test]
fn actions_follow_status_power_and_maintenance() {
    use Action::*;
    let on = map::actions("Active", &PowerState::On, Some(false));
    assert_eq!(
        on,
        [PowerOff, ShutDown, Reboot, Reset, Pause, MaintenanceOn]
    );
    let paused = map::actions("active", &PowerState::Paused, Some(true));
    assert_eq!(paused, [PowerOn, MaintenanceOff]);
    assert!(map::actions("QueuedForDelete", &PowerState::On, Some(false)).is_empty());
}

#[test]
fn os_names_power_states_and_address_types() {
    assert_eq!(map::os_name(Some(&Code::Int(7))), "CentOS 64-bit");
    assert_eq!(map::os_name(Some(&Code::Int(2))), "Windows 2003 32-bit");
    assert_eq!(map::os_name(Some(&Code::Int(99))), "OS 99");
    assert_eq!(map::os_name(Some(&Code::Text("Plan 9".into()))), "Plan 9");
    assert_eq!(map::power_state(Some(&Code::Int(0))), PowerState::Off);
    assert_eq!(map::power_state(Some(&Code::Int(2))), PowerState::Paused);
    assert_eq!(
        map::power_state(Some(&Code::Text("STARTED".into()))),
        PowerState::On
    );
    assert_eq!(
        map::power_state(Some(&Code::Int(9))),
        PowerState::Unknown("9".into())
    );
    assert_eq!(map::power_state(None), PowerState::Unknown(String::new()));
    assert_eq!(map::address_type(Some(&Code::Int(3))), "VIP");
    assert_eq!(map::address_type(Some(&Code::Text("mip".into()))), "MIP");
}

#[test]
fn group_paths_survive_cycles_and_unknown_groups() {
    let groups: Vec<wire::HardwareGroup> = serde_json::from_value(json!([
        {"UUID": "root", "Name": "Default Group"},
        {"UUID": "web", "Name": "Web", "ParentUUID": "root"},
        {"UUID": "a", "Name": "A", "ParentUUID": "b"},
        {"UUID": "b", "Name": "B", "ParentUUID": "a"}
    ]))
    .expect("groups");
    let index = GroupIndex::new(&groups);
    assert_eq!(index.path("web").as_deref(), Some("Default Group/Web"));
    assert_eq!(index.path("a").as_deref(), Some("B/A"));
    assert_eq!(index.path("missing"), None);
    let server = wire::Server {
        name: Some("S".into()),
        hardware_group_uuid: Some("web".into()),
        ..Default::default()
    };
    let networks = NetworkIndex::default();
    let mapped = map::server(&server, &context(&index, &networks)).expect("server");
    assert_eq!(mapped.group, "Default Group/Web");
    assert_eq!(
        mapped.location, "WA1",
        "the asked location when the server names none"
    );
}

// ---------------------------------------------------------------------------
// The XML walker
// ---------------------------------------------------------------------------

#[test]
fn xml_walker_handles_entities_cdata_and_namespaces() {
    let value = xml::to_value(
        r#"<?xml version="1.0"?><R xmlns="http://www.tier3.com/" Message="a &amp; b &#65;"><T>x &lt; y</T><C><![CDATA[<raw>]]></C><!-- note --></R>"#,
    )
    .expect("xml");
    assert_eq!(
        value,
        json!({"Message": "a & b A", "T": "x < y", "C": "<raw>"})
    );
}

#[test]
fn xml_walker_refuses_broken_documents() {
    let broken = [
        "",
        "<a>",
        "<a></b>",
        "<a/><b/>",
        "text only",
        "<a x=\"1\" x=\"2\"/>",
        "<a>&bogus;</a>",
        // The GetDeploymentStatus XML example lacks the `>` closing its root tag.
        "<GetDeploymentStatusResponse\n  Success=\"true\"\n  PercentComplete=\"0\"\n    <Servers>\n        <string>WA1T3NWEB01</string>\n    </Servers>\n</GetDeploymentStatusResponse>",
    ];
    for text in broken {
        assert!(xml::to_value(text).is_err(), "accepted: {text:?}");
    }
    let deep = "<a>".repeat(10_000);
    assert!(xml::to_value(&deep).is_err());
    let deep_closed = format!(
        "{}{}",
        "<a>".repeat(xml::MAX_DEPTH + 1),
        "</a>".repeat(xml::MAX_DEPTH + 1)
    );
    assert!(xml::to_value(&deep_closed).is_err());
}

#[test]
fn xml_request_bodies_are_escaped() {
    let request = wire::ServerRequest {
        account_alias: None,
        name: "<x>&\"",
    };
    let (body, _) = wire::encode(&request, XML).expect("encode");
    assert_eq!(
        body,
        "<ServerRequest><Name>&lt;x&gt;&amp;&quot;</Name></ServerRequest>"
    );
    assert_eq!(
        xml::to_value(&body).expect("xml"),
        json!({"Name": "<x>&\""})
    );
}

// ---------------------------------------------------------------------------
// No input makes the decoders panic
// ---------------------------------------------------------------------------

/// Every decoding path the provider takes on an answer body.
fn decode_everything(body: &str) {
    for format in [JSON, XML] {
        if let Ok(value) = wire::decode(body, format) {
            let _ = Envelope::of(&value).outcome();
            let _ = wire::typed::<wire::GetServersResponse>(&value).map(|a| map_all(&a.servers));
            let _ = wire::typed::<wire::GetAccountHierarchyServersResponse>(&value);
            let _ = wire::typed::<wire::GetGroupsResponse>(&value);
            let _ = wire::typed::<wire::LocationsResponse>(&value);
            let _ = wire::typed::<wire::GetNetworksResponse>(&value);
            let _ = wire::typed::<wire::NetworkDetailsResponse>(&value);
            let _ = wire::typed::<wire::QueuedItemResponse>(&value);
            if let Ok(status) = wire::typed::<wire::QueueStatusResponse>(&value) {
                let _ = status.details().map(map::job_progress);
            }
            if let Ok(charges) = wire::typed::<wire::ServerHourlyChargesResponse>(&value) {
                let _ = map::cost_series(&charges);
            }
        }
    }
    let _ = lenient::parse_date(body);
}

proptest! {
    #[test]
    fn arbitrary_strings_never_panic(body in ".{0,400}") {
        decode_everything(&body);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        decode_everything(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn xml_like_strings_never_panic(body in r#"(<[A-Za-z:]{1,4}( [A-Za-z]{1,3}="[^"<]{0,6}")*/?>|</[A-Za-z:]{1,4}>|&[a-z#0-9x]{0,5};?|<!\[CDATA\[|\]\]>|<\?|<!--|[a-z0-9 ]{0,5}){0,40}"#) {
        decode_everything(&body);
    }

    #[test]
    fn json_like_strings_never_panic(body in r#"(\{|\}|\[|\]|,|:|"(Servers|Name|PowerState|StatusCode|RequestDetails|HourlyCharges|Hour|IPAddresses|Success)"|"[^"\\]{0,8}"|-?[0-9]{1,20}(\.[0-9]{1,5})?(e[0-9]{1,3})?|true|false|null|"\\/Date\([0-9+-]{0,16}\)\\/"){0,60}"#) {
        decode_everything(&body);
    }

    #[test]
    fn mutated_document_examples_never_panic(index in 0usize..DOCUMENT_ANSWERS.len(), cut in 0usize..4000, insert in ".{0,3}") {
        let example = DOCUMENT_ANSWERS[index];
        let cut = (0..=cut.min(example.len())).rev().find(|i| example.is_char_boundary(*i)).unwrap_or(0);
        let mutated = format!("{}{insert}{}", &example[..cut], &example[cut..].chars().skip(1).collect::<String>());
        decode_everything(&mutated);
    }
}

/// Every answer example used above, for mutation.
const DOCUMENT_ANSWERS: [&str; 22] = [
    LOGON_RESP_JSON,
    LOGON_RESP_XML,
    LOCATIONS_RESP_JSON,
    LOCATIONS_RESP_XML,
    GROUPS_RESP_JSON,
    GROUPS_RESP_XML,
    ALL_SERVERS_RESP_JSON,
    ALL_SERVERS_RESP_XML,
    GET_SERVER_RESP_JSON,
    GET_SERVER_RESP_XML,
    HIERARCHY_RESP_JSON,
    HIERARCHY_RESP_XML,
    NETWORKS_RESP_JSON,
    NETWORKS_RESP_XML,
    NETWORK_DETAILS_RESP_JSON,
    NETWORK_DETAILS_RESP_XML,
    QUEUE_RESP_JSON,
    QUEUE_RESP_XML,
    HOURLY_RESP_JSON,
    HOURLY_RESP_XML,
    REBOOT_RESP_XML,
    SERVER_OBJECT_JSON,
];

// ---------------------------------------------------------------------------
// The document's examples, verbatim (line numbers of 003_0bb4ac947bd02899.txt)
// ---------------------------------------------------------------------------

/// Document L53-L58 (verbatim).
const LOGON_REQ_XML: &str = r##"<LogonRequest>
  <APIKey>apikey</APIKey>
  <Password>password</Password>
</LogonRequest>"##;

/// Document L60-L65 (verbatim).
const LOGON_REQ_JSON: &str = r##"{
  "APIKey":"apikey",
  "Password":"password"
}"##;

/// Document L78-L80 (verbatim).
const LOGON_RESP_XML: &str =
    r##"<LogonResponse Success="true" Message="Login Successful" StatusCode="0" />"##;

/// Document L82-L88 (verbatim).
const LOGON_RESP_JSON: &str = r##"{
  "Success":true,
  "Message":"Login Successful",
  "StatusCode":0
}"##;

/// Document L969-L989 (verbatim).
const LOCATIONS_RESP_JSON: &str = r##"{
  "Locations":[
    {
      "Alias":"100",
      "Region":"Demo Region 1"
    },
    {
      "Alias":"101",
      "Region":"Demo Region 2"
    },
    {
      "Alias":"102",
      "Region":"Demo Region 3"
    }
  ],
  "Success":true,
  "Message":"Locations successfully queried.",
  "StatusCode":0
}"##;

/// Document L991-L999 (verbatim).
const LOCATIONS_RESP_XML: &str = r##"<LocationsResponse Success="true" Message="Locations successfully queried." StatusCode="0">
    <Locations>
        <Location Alias="100" Region="Demo Region 1" />
        <Location Alias="101" Region="Demo Region 2" />
        <Location Alias="102" Region="Demo Region 3" />
    </Locations>
</LocationsResponse>"##;

/// Document L2412-L2419 (verbatim).
const HOURLY_REQ_JSON: &str = r##"{
  "AccountAlias": "1000",
  "ServerName":"QA1RSDASER101",
  "StartDate":"2012-11-14",
  "EndDate":"2012-11-15"
}"##;

/// Document L2421-L2428 (verbatim).
const HOURLY_REQ_XML: &str = r##"<ServerRequest>
  <AccountAlias>RSDA</AccountAlias>
  <ServerName>QA1RSDASER101</ServerName>
  <StartDate>2012-11-14</StartDate>
  <EndDate>2012-11-15</EndDate>
</ServerRequest>"##;

/// Document L2462-L2495 (verbatim).
const HOURLY_RESP_JSON: &str = r##"{
  "Summary":
    {
      "MonthlyEstimate":0.0,
      "MonthToDate":0.0,
      "CurrentHour":0.0,
      "PreviousHour":0.0
    },
  "AccountAlias":"RSDA",
  "ServerName":"QA1RSDASER101",
  "StartDate":"\/Date(1352851200000)\/",
  "EndDate":"\/Date(1352937600000)\/",
  "HourlyCharges": [
    {
      "Hour":"2012-11-14T12:00:00",
      "ProcessorCost":"0",
      "MemoryCost":"0",
      "StorageCost":"0",
      "OSCost":"0"
    },
    {
      "Hour":"2012-11-14T01:00:00",
      "ProcessorCost":"0",
      "MemoryCost":"0",
      "StorageCost":"0",
      "OSCost":"0"
    }
  ],
  "Success":true,
  "Message":"OK",
  "StatusCode":0
}"##;

/// Document L2497-L2512 (verbatim).
const HOURLY_RESP_XML: &str = r##"<ServerHourlyChargesResponse
  Success="true"
  Message="OK"
  StatusCode="0"
  AccountAlias="RSDA"
  ServerName="QA1RSDASER101"
  StartDate="2012-11-14T00:00:00"
  EndDate="2012-11-15T00:00:00">
    <Summary MonthlyEstimate="0.0" MonthToDate="0.0" CurrentHour="0.0" PreviousHour="0.0" />
    <HourlyCharge>
        <ServerHourlyCost Hour="2012-11-14T12:00:00" ProcessorCost="0" MemoryCost="0" StorageCost="0" OSCost="0" />
        <ServerHourlyCost Hour="2012-11-14T01:00:00" ProcessorCost="0" MemoryCost="0" StorageCost="0" OSCost="0" />
    </HourlyCharge>
</ServerHourlyChargesResponse>"##;

/// Document L3626-L3631 (verbatim).
const GROUPS_REQ_JSON: &str = r##"{
  "AccountAlias": "UNK",
  "Location": "DC1"
}"##;

/// Document L3633-L3638 (verbatim).
const GROUPS_REQ_XML: &str = r##"<GetGroupsRequest>
    <AccountAlias>ACCT</AccountAlias>
    <Location>WA1</Location>
</GetGroupsRequest>"##;

/// Document L3665-L3690 (verbatim).
const GROUPS_RESP_JSON: &str = r##"{
  "AccountAlias":"UNK",
  "HardwareGroups": [
    {
      "ID":5,
      "UUID":"3d30a6ab6c1243388b7bc966d073e353",
      "ParentID":2,
      "ParentUUID":"b7e44f0391824d408732f215a91a0578"
      "Name":"Group 01",
      "IsSystemGroup":false
    },
    {
      "ID":2,
      "UUID":"b7e44f0391824d408732f215a91a0578",
      "ParentID":1,
      "ParentUUID":"8a03fcae8ddfe321b05f00505682315a",
      "Name":"Group 02",
      "IsSystemGroup":false
    }
  ],
  "Success":true,
  "Message":"Success",
  "StatusCode":0
}"##;

/// Document L3692-L3703 (verbatim).
const GROUPS_RESP_XML: &str = r##"<GetGroupsResponse AccountAlias="UNK" Success="true" Message="Success" StatusCode="0">
  <HardwareGroups>
    <HardwareGroup ID="5" UUID="3d30a6ab6c1243388b7bc966d073e353"
      ParentID="2" ParentUUID="b7e44f0391824d408732f215a91a0578"
      Name="Group 01" IsSystemGroup="false" />
    <HardwareGroup ID="2" UUID="b7e44f0391824d408732f215a91a0578"
      ParentID="1" ParentUUID="8a03fcae8ddfe321b05f00505682315a"
      Name="Group 02" IsSystemGroup="false" />
  </HardwareGroups>
</GetGroupsResponse>"##;

/// Document L4593-L4599 (verbatim).
const NETWORK_DETAILS_REQ_JSON: &str = r##"{
  "AccountAlias": "UNK",
  "Location": "UN1",
  "Name": "vlan_1114_10.81.14"
}"##;

/// Document L4601-L4607 (verbatim).
const NETWORK_DETAILS_REQ_XML: &str = r##"<GetNetworkDetailsRequest>
    <AccountAlias>UNK</AccountAlias>
    <Location>UN1</Location>
    <Name>vlan250_172.21.250</Name>
</GetNetworkDetailsRequest>"##;

/// Document L4642-L4669 (verbatim).
const NETWORK_DETAILS_RESP_JSON: &str = r##"{
  "Success":true,
  "Message":"Success",
  "StatusCode":0,
  "NetworkDetails":{
    "Name":"vlan250_172.21.250",
    "Description":"vlan250_172.21.250",
    "Gateway":"172.21.250.1",
    "NetworkMask":"255.255.255.0",
    "Location":"WA1",
    "IPAddresses: [
      {
        "Address":"172.21.250.2",
        "AddressType":"RIP",
        "IsClaimed":false,
        "ServerName":""
      },
      {
        "Address":"172.21.250.3",
        "AddressType":"RIP",
        "IsClaimed":true,
        "ServerName":"DEMOFIRST01"
      }
    ]
  }
}"##;

/// Document L4671-L4683 (verbatim).
const NETWORK_DETAILS_RESP_XML: &str = r##"<NetworkDetailsResponse Success="true" Message="Success" StatusCode="0">
    <NetworkDetails Name="vlan250_172.21.250" Description="vlan250_172.21.250"
        Gateway="172.21.250.1" NetworkMask="255.255.255.0" Location="WA1">
        <IPAddresses>
            <IPAddress Address="172.21.250.2" AddressType="RIP"
              IsClaimed="false" ServerName="" />
            <IPAddress Address="172.21.250.3" AddressType="RIP"
              IsClaimed="true" ServerName="DEMOFIRST01" />
        </IPAddresses>
    </NetworkDetails>
</NetworkDetailsResponse>"##;

/// Document L4714-L4719 (verbatim).
const NETWORKS_REQ_JSON: &str = r##"{
    "AccountAlias": "1000",
    "Location":"WA1"
}"##;

/// Document L4721-L4726 (verbatim).
const NETWORKS_REQ_XML: &str = r##"<Networks>
    <AccountAlias>1000</AccountAlias>
    <Location>WA1</Location>
</Networks>"##;

/// Document L4760-L4782 (verbatim).
const NETWORKS_RESP_JSON: &str = r##"{
  "Networks": [
    {
      "Name": "vlan_1114_10.81.14",
      "Description": "vlan_1114_10.81.14",
      "Gateway": "10.81.14.1",
      "Location": "UN1",
      "AccountAlias": "UNK"
    },
    {
      "Name": "vlan_1241_10.81.141",
      "Description": "vlan_1241_10.81.141",
      "Gateway": "10.81.141.1",
      "Location": "UN1",
      "AccountAlias": "UNK"
    }
  ],
  "Success": true,
  "Message": "Networks successfully queried.",
  "StatusCode": 0
}"##;

/// Document L4784-L4791 (verbatim).
const NETWORKS_RESP_XML: &str = r##"<GetNetworksResponse Success="true" Message="Networks successfully queried." StatusCode="0">
    <Networks>
        <Network Name="vlan_1114_10.81.14" Description="vlan_1114_10.81.14" Gateway="10.81.14.1" Location="UN1" AccountAlias="UNK"/>
        <Network Name="vlan_1241_10.81.141" Description="vlan_1241_10.81.141" Gateway="10.81.141.1" Location="UN1" AccountAlias="UNK"/>
    </Networks>
</GetNetworksResponse>"##;

/// Document L4922-L4926 (verbatim).
const QUEUE_REQ_XML: &str = r##"<QueueStatusRequest>
    <RequestID>50</RequestID>
</QueueStatusRequest>"##;

/// Document L4928-L4930 (verbatim).
const QUEUE_REQ_JSON: &str = r##"{"RequestID":"50"}"##;

/// Document L4951-L4955 (verbatim).
const QUEUE_RESP_XML: &str = r##"<QueueStatusResponse Success="true" Message="Request Status successfully retrieved." StatusCode="0">  
     <RequestDetails RequestID="50" RequestTitle="Creating Server UT1XXLAB01" ProgressDesc="Request completed" StatusDate="2010-05-28T18:48:49.527" PercentComplete="100" CurrentStatus="Succeeded" StepNumber="0" />
</QueueStatusResponse>"##;

/// Document L4957-L4972 (verbatim).
const QUEUE_RESP_JSON: &str = r##"{
  "RequestDetails": {
    "RequestID":50,
    "RequestTitle":"Creating Server UT1XXLAB01",
    "ProgressDesc":"Request completed",
    "StatusDate":"\/Date(1275097729527)\/",
    "PercentComplete":100,
    "CurrentStatus":"Succeeded",
    "StepNumber":0
  },
  "Success":true,
  "Message":"Request Status successfully retrieved.",
  "StatusCode":0
}"##;

/// Document L6292-L6297 (verbatim).
const HIERARCHY_REQ_JSON: &str = r##"{
  "AccountAlias": "ACCT",
  "Location": "WA1"
}"##;

/// Document L6299-L6304 (verbatim).
const HIERARCHY_REQ_XML: &str = r##"<GetAllServersRequest>
    <AccountAlias>ACCT</AccountAlias>
    <Location>WA1</Location>
</GetAllServersRequest>"##;

/// Document L6318-L6386 (verbatim).
const HIERARCHY_RESP_JSON: &str = r##"{
  "AccountServers":[
    {
      "AccountAlias":"ACT1",
      "Servers":[
        {
          "ID":-1,
          "HardwareGroupID":1197,
          "HardwareGroupUUID":"8a03fbae8ddfe311b05f00505682315a",
          "Location":"WA1",
          "Name":"SERVERDEMO01",
          "Description":"Demo server",
          "DnsName":"",
          "IsTemplate":false,
          "Cpu":1,
          "MemoryGB":2,
          "DiskCount":1,
          "TotalDiskSpaceGB":24,
          "Status":"UnderConstruction",
          "PowerState":"Stopped",
          "InMaintenanceMode":false,
          "IPAddress":"",
          "ServerType":1,
          "ServiceLevel":2,
          "OperatingSystem":18,
          "DateModified":"\/Date(1347577422943)\/",
          "ModifiedBy":"user@company.com",
          "IPAddresses":[
            {"Address":"142.25.114.13", "AddressType":"RIP"}
          ],
          "CustomFields":null
        }
      ]
    },
    {
      "AccountAlias":"ACT2",
      "Servers":[
        {
          "ID":-1,
          "HardwareGroupID":1595,
          "HardwareGroupUUID":"b9f454f2ae664998acc3302b24330c5b",
          "Location":"WA1",
          "Name":"SERVERDEMO03",
          "Description":"demo server",
          "DnsName":"QA1SSUBSERO9401",
          "IsTemplate":false,
          "Cpu":1,
          "MemoryGB":1,
          "DiskCount":3,
          "TotalDiskSpaceGB":17,
          "Status":"Active",
          "PowerState":"Started",
          "InMaintenanceMode":false,
          "IPAddress":"173.25.114.15","ServerType":1,"ServiceLevel":2,"OperatingSystem":20,
          "DateModified":"\/Date(1372476852953)\/","ModifiedBy":"user@company.com",
          "IPAddresses":[
            {"Address":"173.25.114.15", "AddressType":"RIP"}
          ],
          "CustomFields":null
        }
      ]
    }
  ],
  "Success":true,
  "Message":"Successfully retrieved deep view of servers",
  "StatusCode":0
}"##;

/// Document L6388-L6448 (verbatim).
const HIERARCHY_RESP_XML: &str = r##"<GetAccountHierarchyServersResponse Success="true" Message="Successfully retrieved deep view of servers" StatusCode="0">
  <AccountServers>
    <AccountServerGroup AccountAlias="ACT1">
      <Servers>
        <Server
          ID="-1"
          HardwareGroupID="1197"
          HardwareGroupUUID="8a03fbae8ddfe311b05f00505682315a"
          Location="WA1"
          Name="SERVERDEMO01"
          Description="Server1"
          DnsName=""
          IsTemplate="false"
          Cpu="1"
          MemoryGB="2"
          DiskCount="1"
          TotalDiskSpaceGB="24"
          Status="UnderConstruction"
          PowerState="Stopped"
          InMaintenanceMode="false"
          IPAddress=""
          ServerType="1"
          ServiceLevel="2"
          OperatingSystem="18"
          DateModified="2012-09-13T16:03:42.943"
          ModifiedBy="user@company.com">
          <IPAddresses  Address="142.25.114.13"  AddressType="RIP" />
        </Server>
      </Servers>
    </AccountServerGroup>
    <AccountServerGroup AccountAlias="ACT2">
      <Servers>
        <Server
          ID="-1"
          HardwareGroupID="1595"
          HardwareGroupUUID="b9f454f2ae664998acc3302b24330c5b"
          Location="WA1"
          Name="SERVERDEMO03"
          Description="Server 3"
          DnsName="SERVERDEMO03"
          IsTemplate="false"
          Cpu="1"
          MemoryGB="1"
          DiskCount="3"
          TotalDiskSpaceGB="17"
          Status="Active"
          PowerState="Started"
          InMaintenanceMode="false"
          IPAddress="173.25.114.15"
          ServerType="1"
          ServiceLevel="2"
          OperatingSystem="20"
          DateModified="2013-06-28T20:34:12.953"
          ModifiedBy="user@company.com">
        </Server>
      </Servers>
    </AccountServerGroup>
  </AccountServers>
</GetAccountHierarchyServersResponse>"##;

/// Document L6479-L6485 (verbatim).
const ALL_SERVERS_REQ_JSON: &str = r##"{
  "AccountAlias":"ACCT",
  "HardwareGroupUUID": "8a03fbae8ddfe311b05f00505682315a",
  "Location": "WA1"
}"##;

/// Document L6487-L6493 (verbatim).
const ALL_SERVERS_REQ_XML: &str = r##"<GetAllServersRequest>
    <AccountAlias>ACCT</AccountAlias>
    <HardwareGroupUUID>8a03fbae8ddfe311b05f00505682315a</HardwareGroupUUID>
    <Location>WA1</Location>
</GetAllServersRequest>"##;

/// Document L6507-L6567 (verbatim).
const ALL_SERVERS_RESP_JSON: &str = r##"{
  "Success":true,
  "Message":"Success",
  "StatusCode":0,
  "Servers": [
    {
      "ID":-1,
      "HardwareGroupID":1,
      "HardwareGroupUUID":"8a03fbae8ddfe311b05f00505682315a",
      "Name":"WA1T3NWEB01",
      "Description":"WA1T3NWEB01",
      "DnsName":"WA1T3NWEB01",
      "IsTemplate":false,
      "Cpu":2,
      "MemoryGB":4,
      "DiskCount":3,
      "TotalDiskSpaceGB":116,
      "Status":"Active",
      "ServerType":"2",
      "ServiceLevel":"1",
      "OperatingSystem":4,
      "PowerState":"Started",
      "Location":"WA1",
      "IPAddress":"172.0.0.1"
      "IPAddresses:[
        {"Address":"172.0.0.1", "AddressType":1}
      ],
      "CustomFields":[
        { "ID":"9f4150b68d4340cca652a209a4b32c34", "CustomFieldID": -1, "Name": "My Field", "Type": "Text", "Value": "A test"},
        { "ID":"393a0aafd15d47118d57dde0a3d556e3", "CustomFieldID": -1, "Name": "My Field 2", "Type": "Option", "Value": "2"},
        { "ID":"7997a9c0181644c99e490c5c465cf297", "CustomFieldID": -1, "Name": "My Field 3", "Type": "Checkbox", "Value": "true"}
      ]
    },
    {
      "ID":-1,
      "HardwareGroupID":1,
      "HardwareGroupUUID":"8a03fbae8ddfe311b05f00505682315a",
      "Name":"WA1T3NWEB02",
      "Description":"WA1T3NWEB02",
      "DnsName":"WA1T3NWEB02",
      "IsTemplate":false,
      "Cpu":2,
      "MemoryGB":4,
      "DiskCount":3,
      "TotalDiskSpaceGB":116,
      "Status":"Active",
      "ServerType":"1",
      "ServiceLevel":"2",
      "OperatingSystem":6,
      "PowerState":"Started",
      "Location":"WA1",
      "IPAddress":"172.0.0.2",
      "IPAddresses: [
        {"Address":"172.0.0.2", "AddressType":1}
      ],
      "CustomFields": []
    }
  ]
}"##;

/// Document L6569-L6596 (verbatim).
const ALL_SERVERS_RESP_XML: &str = r##"<GetServersResponse Success="true" Message="Successfully retrieved servers" StatusCode="0">
    <Servers>
        <Server ID="-1" HardwareGroupID="1" HardwareGroupUUID="8a03fbae8ddfe311b05f00505682315a"
          Name="WA1T3NWEB01" Description="WA1T3NWEB01" DnsName="WA1T3NWEB01"
          IsHyperscale="false" IsTemplate="false" Cpu="2" MemoryGB="4" DiskCount="3"
          TotalDiskSpaceGB="116" Status="Active" ServerType="1" ServiceLevel="2"
          OperatingSystem="2" PowerState="Started" Location="WA1" IPAddress="172.0.0.1">
            <IPAddresses>
                <IPAddress Address="172.0.0.1" AddressType="RIP" />
            </IPAddresses>
            <CustomFields ID="9f4150b68d4340cca652a209a4b32c34" CustomFieldID="-1" Name="My Field" Type="Text" Value="Test Value" />
            <CustomFields ID="393a0aafd15d47118d57dde0a3d556e3" CustomFieldID="-1" Name="My 2nd Field" Type="Option" Value="Value 3" />
            <CustomFields ID="7997a9c0181644c99e490c5c465cf297" CustomFieldID="-1" Name="My 3rd Field" Type="Checkbox" Value="true" />
        </Server>
        <Server ID="-1" HardwareGroupID="1" HardwareGroupUUID="8a03fbae8ddfe311b05f00505682315a"
          Name="WA1T3NWEB02" Description="WA1T3NWEB02" DnsName="WA1T3NWEB02"
          IsHyperscale="false" IsTemplate="false" Cpu="2" MemoryGB="4" DiskCount="3"
          TotalDiskSpaceGB="116" Status="Active" ServerType="1" ServiceLevel="2"
          OperatingSystem="2" PowerState="Started" Location="WA1" IPAddress="172.0.0.2">
            <IPAddresses>
                <IPAddress Address="172.0.0.2" AddressType="RIP"/>
            </IPAddresses>
            <CustomFields />
       </Server>
    </Servers>
</GetServersResponse>"##;

/// Document L6833-L6835 (verbatim).
const GET_SERVER_REQ_JSON: &str = r##"{ "Name": "WA1T3NWEB01" }"##;

/// Document L6837-L6842 (verbatim).
const GET_SERVER_REQ_XML: &str = r##"<ServerRequest>
    <AccountAlias>ACCT</AccountAlias>
    <Name>WA1T3NWEB01</Name>
</ServerRequest>"##;

/// Document L6856-L6892 (verbatim).
const GET_SERVER_RESP_JSON: &str = r##"{
  "Success":true,
  "Message":"Success",
  "StatusCode":0,
  "Servers": [
    {
      "ID":-1,
      "HardwareGroupID":1,
      "HardwareGroupUUID":"8a03fbae8ddfe311b05f00505682315a",
      "Name":"WA1T3NWEB01",
      "Description":"WA1T3NWEB01",
      "DnsName":"WA1T3NWEB01",
      "IsTemplate":false,
      "Cpu":2,
      "MemoryGB":4,
      "DiskCount":3,
      "TotalDiskSpaceGB":116,
      "Status":"Active",
      "ServerType":"2",
      "ServiceLevel":"1",
      "OperatingSystem":4,
      "PowerState":"Started",
      "Location":"WA1",
      "IPAddress":"172.0.0.1"
      "IPAddresses:[
        {"Address":"172.0.0.1", "AddressType":1}
      ],
      "CustomFields":[
        { "ID":"9f4150b68d4340cca652a209a4b32c34", "CustomFieldID": -1, "Name": "My Field", "Type": "Text", "Value": "A test"},
        { "ID":"393a0aafd15d47118d57dde0a3d556e3", "CustomFieldID": -1, "Name": "My Field 2", "Type": "Option", "Value": "2"},
        { "ID":"7997a9c0181644c99e490c5c465cf297", "CustomFieldID": -1, "Name": "My Field 3", "Type": "Checkbox", "Value": "true"}
      ]
    }
  ]
}"##;

/// Document L6894-L6911 (verbatim).
const GET_SERVER_RESP_XML: &str = r##"<GetServersResponse Success="true" Message="Successfully retrieved servers" StatusCode="0">
    <Servers>
        <Server ID="-1" HardwareGroupID="1" HardwareGroupUUID="8a03fbae8ddfe311b05f00505682315a"
          Name="WA1T3NWEB01" Description="WA1T3NWEB01" DnsName="WA1T3NWEB01"
          IsHyperscale="false" IsTemplate="false" Cpu="2" MemoryGB="4" DiskCount="3"
          TotalDiskSpaceGB="116" Status="Active" ServerType="1" ServiceLevel="2"
          OperatingSystem="2" PowerState="Started" Location="WA1" IPAddress="172.0.0.1">
            <IPAddresses>
                <IPAddress Address="172.0.0.1" AddressType="RIP" />
            </IPAddresses>
            <CustomFields ID="9f4150b68d4340cca652a209a4b32c34" CustomFieldID="-1" Name="My Field" Type="Text" Value="Test Value" />
            <CustomFields ID="393a0aafd15d47118d57dde0a3d556e3" CustomFieldID="-1" Name="My 2nd Field" Type="Option" Value="Value 3" />
            <CustomFields ID="7997a9c0181644c99e490c5c465cf297" CustomFieldID="-1" Name="My 3rd Field" Type="Checkbox" Value="true" />
        </Server>
    </Servers>
</GetServersResponse>"##;

/// Document L7761-L7768 (verbatim).
const POWER_ON_RESP_JSON: &str = r##"{
  "RequestID:1,
  "Success":true,
  "Message":"Success",
  "StatusCode":0
}"##;

/// Document L7770-L7774 (verbatim).
const POWER_ON_RESP_XML: &str = r##"<QueuedItemResponse Success="true" Message="Success" StatusCode="0">
    <RequestID>1</RequestID>
</QueuedItemResponse>"##;

/// Document L7810-L7815 (verbatim).
const REBOOT_REQ_JSON: &str = r##"{
  "AccountAlias": "UNK",
  "Name": "SERVER01"
}"##;

/// Document L7817-L7822 (verbatim).
const REBOOT_REQ_XML: &str = r##"<ServerRequest>
    <AccountAlias>ACCT</AccountAlias>
    <Name>SERVER01</Name>
</ServerRequest>"##;

/// Document L7836-L7843 (verbatim).
const REBOOT_RESP_JSON: &str = r##"{
  "RequestID:1,
  "Success":true,
  "Message":"Success",
  "StatusCode":0
}"##;

/// Document L7845-L7849 (verbatim).
const REBOOT_RESP_XML: &str = r##"<QueuedItemResponse Success="true" Message="Success" StatusCode="0">
    <RequestID>1</RequestID>
</QueuedItemResponse>"##;

/// Document L8202-L8208 (verbatim).
const MAINTENANCE_REQ_JSON: &str = r##"{
  "Name": "DEMOFIRST01",
  "AccountAlias": "UNK",
  "Enable": true
}"##;

/// Document L8210-L8216 (verbatim).
const MAINTENANCE_REQ_XML: &str = r##"<ServerMaintenanceRequest>
    <AccountAlias>ACCT</AccountAlias>
    <Name>DEMOFIRST01</Name>
    <Enable>true</Enable>
</ServerMaintenanceRequest>"##;

/// Document L8230-L8237 (verbatim).
const MAINTENANCE_RESP_JSON: &str = r##"{
  "RequestID:1,
  "Success":true,
  "Message":"Success",
  "StatusCode":0
}"##;

/// Document L8239-L8243 (verbatim).
const MAINTENANCE_RESP_XML: &str = r##"<QueuedItemResponse Success="true" Message="Success" StatusCode="0">
    <RequestID>1</RequestID>
</QueuedItemResponse>"##;

/// Document L8333-L8387 (verbatim).
const SERVER_OBJECT_JSON: &str = r##"{
  "Servers": [
    {
      "ID": -1,
      "HardwareGroupID": 2158,
      "HardwareGroupUUID": "4c20467154cb4de99a381cc011a20b96"
      "Location": "WA1",
      "Name": "WA1MDAS-STD01",
      "Description": "foo",
      "DnsName": null,
      "IsTemplate": false,
      "Cpu": 0,
      "MemoryGB": 0,
      "DiskCount": 0,
      "TotalDiskSpaceGB": 0,
      "Status": "Archived",
      "PowerState": "Stopped",
      "InMaintenanceMode": false,
      "IPAddress": null,
      "ServerType": 1,
      "ServiceLevel": 2,
      "OperatingSystem": 41,
      "DateModified": "\/Date(1358410186310)\/",
      "ModifiedBy": "CenturyLink Cloud System",
      "IPAddresses": [],
      "CustomFields": []
    },
    {
      "ID": -1,
      "HardwareGroupID": 5199,
      "HardwareGroupUUID": "ea97c6e09f604eb689dcdc080114b04d"
      "Location": "WA1",
      "Name": "WA1MDA2K1202",
      "Description": "2k12",
      "DnsName": "WA1MDA2K1202",
      "IsTemplate": false,
      "Cpu": 1,
      "MemoryGB": 1,
      "DiskCount": 3,
      "TotalDiskSpaceGB": 110,
      "Status": "Active",
      "PowerState": "Stopped",
      "InMaintenanceMode": false,
      "IPAddress": "10.81.14.18",
      "ServerType": 1,
      "ServiceLevel": 2,
      "OperatingSystem": 28,
      "DateModified": "\/Date(1358793254250)\/",
      "ModifiedBy": "bob@company.com",
      "IPAddresses": [],
      "CustomFields": []
    }
  ]
}"##;
