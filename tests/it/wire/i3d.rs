//! i3D.net wire format: the document's field lists (dedicated server,
//! colocation, PDU, PDU history, overuse, alert, access, ticket,
//! categories) decode as documented and in their odd forms (ints as
//! strings, nulls, missing fields, one object in an array), map to the
//! model, i3D's error object becomes a clear message, network telemetry of
//! any shape reads as details, and no input makes a decoder panic.

use crate::support::detail;
use hostdeck::model::{PowerState, Thread};
use hostdeck::provider::i3d::map::{self, ColocationParts, PduReading};
use hostdeck::provider::i3d::tickets;
use hostdeck::provider::i3d::wire::{self, ErrorObject, WireError};
use hostdeck::provider::lenient::Code;
use proptest::prelude::*;
use serde_json::{json, Value};

/// #47's 53 fields with the documented types.
fn dedicated_json() -> Value {
    serde_json::from_str(
        r#"{
        "id": 1201, "userId": 77, "serverId": 9001, "serverName": "AMS-R12-U07",
        "serverType": 1, "projectName": "match-eu", "clientServerName": "game-ams-01",
        "clientState": "live", "liveHostName": "h1201.i3d.example", "isVirtual": 0,
        "category": "Dedicated Game Servers", "osId": 12, "locationId": 6,
        "dcLocationId": 31, "instanceType": "bm7.std.8", "fleetId": "0",
        "newFleetId": null, "fleetAssociatedSince": 0, "rackName": "AMS1-R12",
        "dateStart": "2023-01-01", "dateEnd": "2026-12-31", "dateCancelled": "",
        "dateEndContract": "2026-12-31", "contractPeriod": 12, "extendPeriod": 1,
        "cancellationPeriod": 1, "purchaseOrder": "PO-4711", "paymentTerm": 14,
        "pricePerMonth": "12950", "pricePerTbOveruse": "300", "currencyId": 0,
        "bandwidthBillingType": 2, "bandwidthContractual": 20000, "brand": "Dell",
        "model": "R650", "numCpu": 2, "cpuInfo": "Xeon Gold 6338", "cpuType": "x86_64",
        "cpuLoad": 37.5, "memUsed": 16384, "memMax": 65536, "memFree": 49152,
        "isReserve": 0, "serviceTag": "7XK2Q3", "isODP": 1, "fmOrderId": null,
        "installStatus": "finished", "status": "running", "uptime": 86400,
        "trafficSum": 1234, "freeIncomingTraffic": true, "outgoingTrafficSum": 1000,
        "incomingTrafficSum": 234
    }"#,
    )
    .expect("valid JSON")
}

/// #51's 24 fields with the documented types.
fn colocation_json() -> Value {
    json!({
        "id": 31, "name": "AMS1 rack 12", "dateStart": "2022-05-01", "dateEnd": "2026-05-01",
        "dateCancelled": "", "dateEndContract": "2027-05-01", "contractPeriod": 36,
        "extendPeriod": 12, "cancellationPeriod": 3, "purchaseOrder": "PO-9",
        "paymentTerm": 30, "pricePerMonth": "99900", "pricePerTbOveruse": "250",
        "currencyId": 1, "bandwidthBillingType": 3, "bandwidthContractual": 1000,
        "trafficSum": 812, "trafficSumMonthMbit": 640, "outgoingTrafficSum": 500,
        "incomingTrafficSum": 312, "powerMaxAmpere": "32", "powerKwhPrice": "21",
        "powerMeter": 48211, "unlimitedIngress": 1
    })
}

fn pdu_json(id: i64) -> Value {
    json!({
        "id": id, "name": format!("feed {id}"), "serial": "PDU-SER-1", "updatedAt": 1_767_225_600,
        "inputFeedType": "A", "outlets": 24, "phases": 3, "powerMeter": 1200,
        "powerFactor": 0.97, "amperage": 32.0, "peakAmperage": 21.5, "voltage": 231.2,
        "minVoltage": 226.0
    })
}

fn ticket_json() -> Value {
    json!({
        "id": 4711, "hash": "h-abc", "readHash": "rh-def", "title": "Disk failure in rack 12",
        "categoryName": "Hardware", "priorityName": "High", "createdAt": 1_767_225_600,
        "updatedAt": 1_767_229_200, "clientLastRepliedAt": 1_767_226_000,
        "clientLastReadAt": 1_767_227_000, "status": "Open", "numUserReplies": 3
    })
}

fn one<T: serde::de::DeserializeOwned>(value: &Value) -> T {
    wire::decode_one(&value.to_string()).unwrap_or_else(|e| panic!("{e}: {value}"))
}

// -- dedicated servers ---------------------------------------------------------------

#[test]
fn a_documented_dedicated_server_decodes_and_maps_to_a_row() {
    let ds: wire::DedicatedServer = one(&dedicated_json());
    assert_eq!(ds.id, Some(Code::Int(1201)));
    assert_eq!(ds.is_odp, Some(1));
    assert_eq!(ds.contract.price_per_month, Some(12950.0));
    assert_eq!(ds.free_incoming_traffic, Some(true));
    assert_eq!(ds.new_fleet_id, None);

    let server = map::dedicated_server("i3d-ams", &ds, 5).expect("row");
    assert_eq!(server.id, "ds-1201");
    assert_eq!(server.name, "game-ams-01");
    assert_eq!(server.group, "Dedicated server");
    assert_eq!(server.power, PowerState::On);
    assert_eq!(server.status, "", "a running, installed host is plain");
    assert_eq!(server.location, "AMS1-R12");
    assert_eq!(server.os, "osId 12");
    assert_eq!((server.cpu, server.memory_gb), (Some(2), Some(64.0)));
    assert!(server.actions.is_empty() && server.ips.is_empty());
    assert_eq!(
        server.actions_note.as_deref(),
        Some("i3D.net's API has no power operations")
    );
    assert_eq!(
        detail(&server.details, "Contract", "Price per month"),
        Some("129.50 EUR")
    );
    assert_eq!(
        detail(&server.details, "Bandwidth", "Traffic"),
        Some("1234 GB")
    );
    assert_eq!(
        detail(&server.details, "Fleet", "Game hosting (ODP)"),
        Some("yes")
    );
}

#[test]
fn a_dedicated_server_samples_cpu_memory_and_traffic() {
    let ds: wire::DedicatedServer = one(&dedicated_json());
    let samples = map::dedicated_samples("ds-1201", &ds);
    let read: Vec<(&str, &str, f64)> = samples
        .iter()
        .map(|s| (s.metric.as_str(), s.unit.as_str(), s.value))
        .collect();
    assert_eq!(
        read,
        [
            ("cpu load", "%", 37.5),
            ("memory used", "%", 25.0),
            ("traffic", "GB", 1234.0)
        ]
    );
    assert!(samples.iter().all(|s| s.server_id == "ds-1201"));
}

#[test]
fn ints_as_strings_nulls_and_missing_fields_are_read() {
    let odd = json!({
        "id": "1202", "serverType": "3", "numCpu": "4", "cpuLoad": "12.5",
        "memUsed": null, "memMax": "8192", "status": null, "category": "Broken",
        "installStatus": "failed", "bandwidthBillingType": null, "trafficSum": "7",
        "isODP": "0", "freeIncomingTraffic": "false", "clientServerName": "",
        "liveHostName": "vm-1202"
    });
    let ds: wire::DedicatedServer = one(&odd);
    assert_eq!(ds.id, Some(Code::Int(1202)));
    assert_eq!(ds.free_incoming_traffic, Some(false));
    let server = map::dedicated_server("a", &ds, 0).expect("row");
    assert_eq!(
        server.name, "vm-1202",
        "an empty client name is passed over"
    );
    assert_eq!(server.group, "Virtual machine");
    assert_eq!(server.power, PowerState::Unknown(String::new()));
    assert_eq!(server.status, "Broken");
    assert_eq!(server.warnings.len(), 2, "{:?}", server.warnings);
    let metrics: Vec<String> = map::dedicated_samples("ds-1202", &ds)
        .into_iter()
        .map(|s| format!("{} {} {}", s.metric, s.value, s.unit))
        .collect();
    assert_eq!(metrics, ["cpu load 12.5 %", "traffic 7 Mbit"]);
    let bare: wire::DedicatedServer = one(&json!({}));
    assert_eq!(map::dedicated_server("a", &bare, 0), None, "no id, no row");
}

#[test]
fn one_object_may_come_bare_or_in_an_array_of_one() {
    let bare: wire::DedicatedServer = one(&dedicated_json());
    let wrapped: wire::DedicatedServer = one(&json!([dedicated_json()]));
    assert_eq!(bare, wrapped);
    let empty = wire::decode_one::<wire::DedicatedServer>("[]");
    assert_eq!(empty, Err(WireError::Empty));
    let two = json!([dedicated_json(), dedicated_json()]).to_string();
    assert_eq!(
        wire::decode_one::<wire::DedicatedServer>(&two),
        Err(WireError::Several(2))
    );
    assert!(matches!(
        wire::decode_one::<wire::DedicatedServer>("{\"id\": "),
        Err(WireError::NotJson(_))
    ));
    assert!(matches!(
        wire::decode_one::<wire::DedicatedServer>("42"),
        Err(WireError::Shape(_))
    ));
}

#[test]
fn a_list_may_be_an_array_one_object_or_nothing() {
    let array = json!([dedicated_json(), dedicated_json()]).to_string();
    assert_eq!(
        wire::decode_list::<wire::DedicatedServer>(&array)
            .unwrap()
            .len(),
        2
    );
    let single = dedicated_json().to_string();
    assert_eq!(
        wire::decode_list::<wire::DedicatedServer>(&single)
            .unwrap()
            .len(),
        1
    );
    for nothing in ["", "  ", "null", "[]", "{}"] {
        assert_eq!(
            wire::decode_list::<wire::Ticket>(nothing),
            Ok(Vec::new()),
            "{nothing:?}"
        );
    }
    let error = wire::decode_list::<wire::Ticket>("[{\"id\": 1}, 7]").unwrap_err();
    assert!(error.to_string().contains("item 2"), "{error}");
    assert!(wire::page_items("\"text\"").is_err());
}

// -- colocations -----------------------------------------------------------------------

#[test]
fn a_documented_colocation_with_its_pdus_maps_to_a_row_with_amps() {
    let colo: wire::Colocation = one(&colocation_json());
    assert_eq!(
        colo.power_max_ampere,
        Some(32.0),
        "a string documented as string"
    );
    let pdus: Vec<wire::Pdu> =
        wire::decode_list(&json!([pdu_json(71), pdu_json(72)]).to_string()).unwrap();
    let history: Vec<wire::PduSample> = wire::decode_list(
        &json!([
            {"timestamp": 1_767_229_200, "amps": 11.5, "volts": 230.1, "kwh": 1.2, "powerMeter": 1201},
            {"timestamp": 1_767_225_600, "amps": 9.0, "volts": 229.0, "kwh": 1.1, "powerMeter": 1200},
            {"timestamp": "1767227400", "amps": "10.0", "volts": null, "kwh": 1, "powerMeter": "1200"}
        ])
        .to_string(),
    )
    .unwrap();
    let latest = map::latest_sample(history);
    assert_eq!(
        latest.as_ref().and_then(|s| s.amps),
        Some(11.5),
        "the newest, not the last"
    );
    let alerts: Vec<wire::ColocationAlert> = wire::decode_list(
        &json!([{"id": 1, "percentage": 80, "sendMail": 1, "sendTicket": 0, "triggered": 0, "createdAt": 1_700_000_000}])
            .to_string(),
    )
    .unwrap();
    let overuse: wire::Overuse = one(&json!({
        "coloId": 31, "coloName": "AMS1 rack 12", "orderedBandwidth": 1000.0, "usedBandwidth": 1250.5
    }));
    let network =
        json!({"unit": "hour", "data": [{"timestamp": 1_767_225_600, "in": 120.5, "out": 80}]});
    let parts = ColocationParts {
        colocation: &colo,
        pdus: vec![
            PduReading {
                pdu: pdus[0].clone(),
                latest,
            },
            PduReading {
                pdu: pdus[1].clone(),
                latest: None,
            },
        ],
        network: Some(&network),
        alerts,
        overuse: Some(&overuse),
    };
    let server = map::colocation("i3d-ams", &parts, 9).expect("row");
    assert_eq!(server.id, "colo-31");
    assert_eq!(
        (server.name.as_str(), server.group.as_str()),
        ("AMS1 rack 12", "Colocation")
    );
    assert_eq!(
        server.warnings,
        ["bandwidth over ordered: used 1250.5 of 1000"]
    );
    assert_eq!(
        detail(&server.details, "PDU 71", "Amps now"),
        Some("11.5 A")
    );
    assert_eq!(
        detail(&server.details, "Power", "Contractual max"),
        Some("32 A")
    );
    assert_eq!(
        detail(&server.details, "Contract", "Price per month"),
        Some("999.00 USD")
    );
    assert_eq!(
        detail(&server.details, "Network telemetry", "unit"),
        Some("hour")
    );
    assert_eq!(
        detail(&server.details, "Network, newest sample", "in"),
        Some("120.5")
    );
    assert_eq!(
        detail(&server.details, "Bandwidth alerts", "at 80 %"),
        Some("e-mail; never triggered")
    );
    let samples = map::colocation_samples(&server.id, &parts);
    assert_eq!(samples.len(), 1, "PDU 72 has no sample");
    assert_eq!(
        (samples[0].metric.as_str(), samples[0].value),
        ("amps PDU 71", 11.5)
    );
}

#[test]
fn overuse_warns_only_above_what_was_ordered() {
    let over = |used: f64| wire::Overuse {
        used_bandwidth: Some(used),
        ordered_bandwidth: Some(100.0),
        ..Default::default()
    };
    assert!(map::overuse_warning(&over(100.0)).is_none());
    assert!(map::overuse_warning(&over(100.5)).is_some());
    assert!(map::overuse_warning(&wire::Overuse::default()).is_none());
}

#[test]
fn network_telemetry_of_any_shape_reads_as_details() {
    let shapes = [
        json!({"unit": "hour"}),
        json!({"unit": "hour", "values": [1, 2, 3.5]}),
        json!([{"time": 1_767_225_600, "bitsIn": 1.5e9}]),
        json!({"unit": null, "series": {"a": 1}, "total": 4}),
        json!("text"),
        json!(null),
        json!([]),
    ];
    for shape in &shapes {
        let details = map::network_details(shape);
        assert!(!details.is_empty(), "{shape}");
        assert!(details.len() <= 3 + 2 * map::NETWORK_FIELDS_MAX, "{shape}");
    }
    let newest = map::network_details(&shapes[1]);
    assert_eq!(detail(&newest, "Network telemetry", "Newest"), Some("3.5"));
    let timed = map::network_details(&json!([
        {"time": 1_767_222_000, "bitsIn": 1},
        {"time": 1_767_225_600, "bitsIn": 1.5e9}
    ]));
    assert_eq!(
        detail(&timed, "Network, newest sample", "time"),
        Some("2026-01-01 00:00:00 UTC")
    );
    let in_one = map::network_details(&json!([{"unit": "hour", "data": [{"incoming": 5}]}]));
    assert_eq!(detail(&in_one, "Network telemetry", "unit"), Some("hour"));
    assert_eq!(
        detail(&in_one, "Network, newest sample", "incoming"),
        Some("5")
    );
}

#[test]
fn the_access_list_maps_to_visitors_without_birth_dates() {
    let access: wire::ColocationAccess = one(&json!({
        "id": 5, "visitorId": 905, "datacenterId": null, "dateverified": "2024-02-01",
        "dateonlist": null, "dateofflist": null, "email": "ann@example.com",
        "mobile": "+31600000000", "firstName": "Ann", "lastName": "Bos",
        "birthDate": "1980-01-31", "companyName": null, "city": "Amsterdam",
        "countryEn": "Netherlands", "adminNotesReadOnly": null, "checked": null,
        "createdBy": 77, "newEntry": 0, "temporaryAccess": "1", "fingerPrintId": 123456,
        "printMade": null, "visitRequester": null, "permanentRequester": 0,
        "syntegroEmployeeCode": "S-1", "status": "granted"
    }));
    let visitor = map::visitor("i3d-ams", &access).expect("visitor");
    assert_eq!(
        (
            visitor.id.as_str(),
            visitor.name.as_str(),
            visitor.status.as_str()
        ),
        ("5", "Ann Bos", "granted")
    );
    let shown = format!("{:?}", visitor.details);
    assert!(
        !shown.contains("1980") && !shown.contains("123456") && !shown.contains("S-1"),
        "{shown}"
    );
    assert_eq!(
        detail(&visitor.details, "", "Temporary access"),
        Some("yes")
    );
}

// -- tickets -----------------------------------------------------------------------------

#[test]
fn a_documented_ticket_maps_with_unread_from_the_two_times() {
    let t: wire::Ticket = one(&ticket_json());
    let ticket = tickets::ticket("i3d-ams", &t, 3).expect("ticket");
    assert_eq!(ticket.id, "4711");
    assert_eq!(ticket.subject, "Disk failure in rack 12");
    assert_eq!(
        (ticket.status.as_str(), ticket.category.as_str()),
        ("Open", "Hardware")
    );
    assert_eq!(ticket.priority, "High");
    assert_eq!(ticket.updated, Some(1_767_229_200_000));
    assert!(ticket.unread, "updated after it was last read");
    assert_eq!(ticket.thread, Thread::NotFetched);
    let shown = format!("{ticket:?}");
    assert!(
        !shown.contains("h-abc") && !shown.contains("rh-def"),
        "hashes are links, not shown"
    );

    let read = wire::Ticket {
        client_last_read_at: t.updated_at,
        ..t.clone()
    };
    assert!(!tickets::is_unread(&read));
    let never_read = wire::Ticket {
        client_last_read_at: None,
        ..t.clone()
    };
    assert!(tickets::is_unread(&never_read));
    let never_updated = wire::Ticket {
        updated_at: Some(0),
        ..t
    };
    assert!(!tickets::is_unread(&never_updated));
}

#[test]
fn a_ticket_thread_says_there_are_no_bodies_and_what_is_known() {
    let t: wire::Ticket = one(&ticket_json());
    let Thread::NoBodies { note } = tickets::thread(&t) else {
        panic!("i3D gives no bodies");
    };
    assert_eq!(
        note,
        "i3D.net's API gives no message texts; 3 replies by you, last at 2026-01-01 00:06:40 UTC; updated 2026-01-01 01:00:00 UTC"
    );
    let bare = tickets::thread_note(&wire::Ticket::default());
    assert_eq!(bare, tickets::NO_BODIES);
    let one_reply = wire::Ticket {
        num_user_replies: Some(1),
        ..Default::default()
    };
    assert!(tickets::thread_note(&one_reply).ends_with("; 1 reply by you"));
}

#[test]
fn ticket_ints_may_be_strings_and_the_id_is_needed() {
    let t: wire::Ticket = one(&json!({
        "id": "88", "title": 12, "categoryName": null, "status": "Closed",
        "updatedAt": "1767229200", "clientLastReadAt": "1767229300"
    }));
    let ticket = tickets::ticket("a", &t, 0).expect("ticket");
    assert_eq!((ticket.id.as_str(), ticket.subject.as_str()), ("88", "12"));
    assert!(!ticket.unread && ticket.is_closed());
    let no_id: wire::Ticket = one(&json!({"title": "x", "status": "Open"}));
    assert_eq!(tickets::ticket("a", &no_id, 0), None);
}

#[test]
fn categories_become_options_with_a_typed_department() {
    let listed = wire::page_items(r#"["Hardware", "Network", 7, null, {"x": 1}, " "]"#).unwrap();
    let options = tickets::options(wire::categories(listed));
    let values: Vec<&str> = options
        .categories
        .iter()
        .map(|c| c.value.as_str())
        .collect();
    assert_eq!(values, ["Hardware", "Network", "7"]);
    assert!(options.departments.is_empty() && options.department_required);
    assert_eq!(tickets::reply_title(" Disk failure "), "Re: Disk failure");
}

// -- errors -----------------------------------------------------------------------------

#[test]
fn the_error_object_becomes_a_clear_message() {
    let body = r#"{"errorCode": 10001, "errorMessage": "Entity not found", "errors": [{"property": "title", "message": "must not be empty"}, {"message": "try again"}, "plain"]}"#;
    let error = ErrorObject::parse(body).expect("an error object");
    assert_eq!(
        error.message(),
        "Entity not found (errorCode 10001); title: must not be empty; try again; plain"
    );
    let in_array = format!("[{body}]");
    assert_eq!(ErrorObject::parse(&in_array), Some(error));
    let code_only = ErrorObject::parse(r#"{"errorCode": "E42"}"#).unwrap();
    assert_eq!(code_only.message(), "errorCode E42");
    for not_one in ["", "<html>502</html>", "{}", r#"{"id": 5}"#, "[1,2]"] {
        assert_eq!(ErrorObject::parse(not_one), None, "{not_one:?}");
    }
}

// -- no input panics ----------------------------------------------------------------

fn decode_everything(body: &str) {
    let _ = wire::decode_list::<wire::DedicatedServer>(body);
    let _ = wire::decode_list::<wire::Colocation>(body);
    let _ = wire::decode_list::<wire::Pdu>(body);
    let _ = wire::decode_list::<wire::PduSample>(body).map(map::latest_sample);
    let _ = wire::decode_list::<wire::Overuse>(body);
    let _ = wire::decode_list::<wire::ColocationAlert>(body);
    let _ = wire::decode_list::<wire::ColocationAccess>(body);
    let _ = wire::page_items(body).map(wire::categories);
    if let Ok(ticket) = wire::decode_one::<wire::Ticket>(body) {
        let _ = tickets::ticket("a", &ticket, 0);
        let _ = tickets::thread_note(&ticket);
    }
    if let Ok(ds) = wire::decode_one::<wire::DedicatedServer>(body) {
        let _ = map::dedicated_server("a", &ds, 0);
        let _ = map::dedicated_samples("ds-1", &ds);
    }
    if let Ok(value) = wire::decode_value(body) {
        let _ = map::network_details(&value);
    }
    let _ = ErrorObject::parse(body).map(|e| e.message());
}

/// A JSON value of any shape, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        "[a-zA-Z0-9 .:-]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(field_name(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Documented field names, to reach the typed paths, and others.
fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "id",
            "title",
            "status",
            "updatedAt",
            "clientLastReadAt",
            "numUserReplies",
            "cpuLoad",
            "memUsed",
            "memMax",
            "trafficSum",
            "amps",
            "timestamp",
            "unit",
            "errorCode",
            "errorMessage",
            "errors",
            "property",
            "message",
            "coloId",
            "usedBandwidth",
            "orderedBandwidth",
            "bandwidthBillingType",
            "serverType",
        ])
        .prop_map(str::to_string),
        "[a-z]{1,8}",
    ]
}

proptest! {
    #[test]
    fn arbitrary_strings_never_panic(body in ".{0,300}") {
        decode_everything(&body);
    }

    #[test]
    fn arbitrary_json_never_panics(value in any_json()) {
        decode_everything(&value.to_string());
        decode_everything(&json!([value]).to_string());
    }
}
