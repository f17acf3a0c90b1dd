//! XSServer (HostBill) wire format: the document's 24 example responses,
//! held verbatim, parse into their wire types and map to the model; the
//! two that are not JSON as printed parse after the repair digest §4.1
//! gives; ids, flags and money read as strings and as numbers (digest
//! §4.3); the answers without a documented shape read from any shape; and
//! no input makes a decoder panic.

use hostdeck::model::Thread;
use hostdeck::provider::hostbill::map;
use hostdeck::provider::hostbill::tickets;
use hostdeck::provider::hostbill::wire::{self, Messages};
use hostdeck::provider::lenient::Code;
use proptest::prelude::*;
use serde_json::{json, Value};

/// The document's 24 example responses, verbatim (digest §6), with the
/// call each belongs to and the line it starts on.
const EXAMPLES: [(&str, usize, &str); 24] = [
    (
        "POST /login",
        81,
        r#"{
    "token": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRw(...)5lZ9T79ft9uwOkqRRmIBbtR51_w",
    "refresh": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIzMD(...)ChwIAb3zvxBu6kvULa2AwAt9U-I"
}"#,
    ),
    (
        "POST /logout",
        124,
        r#"{
    "status": true
}"#,
    ),
    (
        "POST /token",
        164,
        r#"{
    "token": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHR(...)vY2xlYiHGvauCWZD9B0VwXgHEzXDllqY",
    "refresh": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJBQ(...)Rmivc_u3YA_kgDqOPtUuGNXOzueXYtZw"
}"#,
    ),
    (
        "POST /revoke",
        212,
        r#"{
    "status": true
}"#,
    ),
    (
        "GET /details",
        248,
        r#"{
    "client": {
        "id": "26",
        "email": "api@example.com",
        "lastlogin": "2016-12-30 12:24:28",
        "ip": "172.100.2.1",
        "host": "hostname",
        "firstname": "Joe",
        "lastname": "Doe",
        "companyname": "",
        "address1": "Pretty View Lane",
        "address2": "3294",
        "city": "Santa Rosa",
        "state": "California",
        "postcode": "95401",
        "country": "US",
        "phonenumber": "+1.24123123"
    }
}"#,
    ),
    (
        "GET /balance",
        474,
        r#"{
    {
        "success": true,
        "details": {
            "currency": "USD",
            "acc_balance": "123456.55",
            "acc_credit": "0.00"
        }
    }
}"#,
    ),
    (
        "GET /invoice",
        512,
        r#"{
    "invoices": [
        {
            "id": "308976",
            "date": "2016-12-30",
            "dateorig": "2016-12-30",
            "duedate": "2017-01-06",
            "paybefore": "2017-01-06",
            "total": "19.65",
            "datepaid": "2016-12-30 12:40:47",
            "status": "Paid",
            "merge_id": null,
            "number": "2016\/12\/1",
            "currency": "USD"
        }
    ]
}"#,
    ),
    (
        "GET /invoice/@id",
        557,
        r#"{
    "invoice": {
        "id": "308976",
        "status": "Paid",
        "date": "2016-12-30",
        "duedate": "2017-01-06",
        "paybefore": "2017-01-06",
        "datepaid": "2016-12-30 12:40:47",
        "subtotal": 16.24,
        "credit": 0,
        "tax": 3.41,
        "taxrate": 21,
        "tax2": 0,
        "taxrate2": 0,
        "taxexempt": "0",
        "total": 19.65,
        "rate": 1,
        "rate2": 0,
        "rate3": 1,
        "notes": "",
        "items": [
            {
                "id": "12305",
                "invoice_id": "308976",
                "type": "Other",
                "item_id": "0",
                "description": "Example Service",
                "amount": "15.00",
                "taxed": "1",
                "qty": "1.00",
                "linetotal": "15.00"
            },
            {
                "id": "12309",
                "invoice_id": "308976",
                "type": "Other",
                "item_id": "-2",
                "description": "PayPal Payment Fee",
                "amount": "1.24",
                "taxed": "1",
                "qty": "1.00",
                "linetotal": "1.24"
            }
        ],
        "client": {
            "id": "26",
            "email": "api@example.com",
            "firstname": "Joe",
            "lastname": "Doe",
            "companyname": "",
            "address1": "Pretty View Lane",
            "address2": "3194",
            "city": "Santa Rosa",
            "state": "California",
            "postcode": "95401",
            "country": "US",
            "phonenumber": "+1.24123123"
        },
        "number": "2016\/12\/1",
        "currency": "USD"
    }
}"#,
    ),
    (
        "POST /invoice/@id/credit",
        664,
        r#"{
    "success": true,
    "invoice_status": "Paid",
    "applied": 2.1
}"#,
    ),
    (
        "GET /tickets",
        707,
        r#"{
    "tickets": [
        {
            "client_read": "1",
            "ticket_number": "736633",
            "date": "2016-12-30 12:48:13",
            "deptname": "Billing",
            "subject": "Lore Ipsum",
            "status": "Open"
        }
    ]
}"#,
    ),
    (
        "GET /tickets/@number",
        747,
        r#"{
    "ticket": {
        "date": "2016-12-30 12:48:13",
        "ticket_number": "736633",
        "name": "Joe Doe",
        "email": "api@example.com",
        "subject": "Lore Ipsum",
        "body": "Donec sollicitudin molestie malesuada. \r\nSed porttitor lectus nibh. Vivamus magna justo, \r\nlacinia eget consectetur sed, convallis at tellus.",
        "status": "Answered",
        "client_read": "1",
        "deptname": "Billing"
    },
    "replies": [
        {
            "id": "929",
            "name": "Suppport Staff",
            "date": "2016-12-30 12:51:04",
            "body": "Vestibulum ac diam sit amet quam \r\nvehicula elementum sed sit amet dui. \r\nPraesent sapien massa\r\n\r\n-- Maecenas efficitur elit est --",
            "status": "Sent",
            "type": "Admin"
        }
    ]
}"#,
    ),
    (
        "POST /tickets",
        823,
        r#"{
    "ticket": 865650
}"#,
    ),
    (
        "POST /tickets/@number",
        881,
        r#"{
    "info": [
        "reply_added"
    ]
}"#,
    ),
    (
        "PUT /tickets/@number/open",
        925,
        r#"{
    "status": true
}"#,
    ),
    (
        "PUT /tickets/@number/close",
        963,
        r#"{
    "status": true
}"#,
    ),
    (
        "GET /domain",
        1030,
        r#"{
    "domains": [
        {
            "id": "47",
            "name": "testname.com",
            "expires": "2017-12-30",
            "recurring_amount": "15.00",
            "date_created": "2016-12-30",
            "status": "Active",
            "period": "1",
            "autorenew": "1",
            "daytoexpire": "365"
        }
    ]
}"#,
    ),
    (
        "GET /domain/@id",
        1073,
        r#"{
    "details": {
        "id": "47",
        "name": "testname.com",
        "date_created": "2016-12-30",
        "firstpayment": "10.00",
        "recurring_amount": "15.00",
        "period": "1",
        "expires": "2017-12-30",
        "status": "Active",
        "next_due": "2017-12-30",
        "next_invoice": "2017-11-30",
        "idprotection": "0",
        "nameservers": [
            "ns1.example.com",
            "ns2.example.com",
            "ns3.example.com",
            "ns4.example.com"
        ],
        "autorenew": "1"
    }
}"#,
    ),
    (
        "GET /domain/name/@name",
        1130,
        r#"{
    "details": [
        {
            "id": "47",
            "name": "testname.com",
            "date_created": "2016-12-30",
            "firstpayment": "10.00",
            "recurring_amount": "15.00",
            "period": "1",
            "expires": "2017-12-30",
            "status": "Active",
            "next_due": "2017-12-30",
            "next_invoice": "2017-11-30",
            "idprotection": "0",
            "nameservers": [
                "ns1.example.com",
                "ns2.example.com",
                "ns3.example.com",
                "ns4.example.com"
            ],
            "autorenew": "1"
        },
        {
            "id": "48",
            "name": "testname.com",
            "date_created": "2016-05-30",
            "firstpayment": "10.00",
            "recurring_amount": "15.00",
            "period": "1",
            "expires": "2017-05-30",
            "status": "Expired",
            "next_due": "2017-05-30",
            "next_invoice": "2017-04-30",
            "idprotection": "0",
            "nameservers": [
                "ns1.example.com",
                "ns2.example.com",
                "ns3.example.com",
                "ns4.example.com"
            ],
            "autorenew": "1"
        },
    ]
}"#,
    ),
    (
        "PUT /domain/@id/ns",
        1221,
        r#"{
    "info": [
        "success_changes_save"
    ]
}"#,
    ),
    (
        "GET /domain/@id/dns",
        1265,
        r#"{
    "records": [
        {
            "id": 1,
            "name": "test",
            "ttl": 0,
            "priority": 0,
            "type": "A",
            "content": "100.100.10.1"
        }
    ]
}"#,
    ),
    (
        "POST /domain/@id/dns",
        1333,
        r#"{
    "info": [
        "DNS Management updated successfully"
    ]
}"#,
    ),
    (
        "PUT /domain/@id/dns/@index",
        1410,
        r#"{
    "info": [
        "DNS Management updated successfully"
    ]
}"#,
    ),
    (
        "DELETE /domain/@id/dns/@index",
        1470,
        r#"{
    "info": [
        "DNS Management updated successfully"
    ]
}"#,
    ),
    (
        "GET /service/@service_id/dns",
        1516,
        r#"{
    "error": [
        "invalid method"
    ]
}"#,
    ),
];

/// The example of `call`.
fn example(call: &str) -> &'static str {
    EXAMPLES
        .iter()
        .find(|(c, _, _)| *c == call)
        .map(|(_, _, text)| *text)
        .unwrap_or_else(|| panic!("no example for {call}"))
}

/// Digest §4.1 item 1: the `GET /balance` example wraps its object in a
/// second pair of braces with no key; the repair drops the outer pair.
fn repair_balance(text: &str) -> String {
    let inner = text.trim();
    let inner = inner.strip_prefix('{').and_then(|t| t.strip_suffix('}'));
    inner.expect("outer braces").trim().to_string()
}

/// Digest §4.1 item 2: the `GET /domain/name/@name` example has a comma
/// after the array's last element (L1171); the repair deletes it.
fn repair_trailing_comma(text: &str) -> String {
    let at = text.rfind("},").expect("the trailing comma");
    let rest = &text[at + 2..];
    assert!(
        rest.trim_start().starts_with(']'),
        "only before the closing ]"
    );
    format!("{}{}", &text[..at + 1], rest)
}

/// The example of `call`, repaired where digest §4.1 says.
fn repaired(call: &str) -> String {
    match call {
        "GET /balance" => repair_balance(example(call)),
        "GET /domain/name/@name" => repair_trailing_comma(example(call)),
        _ => example(call).to_string(),
    }
}

fn decode<T: serde::de::DeserializeOwned>(call: &str) -> T {
    wire::decode(&repaired(call)).unwrap_or_else(|e| panic!("{call}: {e}"))
}

#[test]
fn the_document_has_24_examples_and_exactly_two_are_not_json_as_printed() {
    let broken: Vec<&str> = EXAMPLES
        .iter()
        .filter(|(_, _, text)| serde_json::from_str::<Value>(text).is_err())
        .map(|(call, _, _)| *call)
        .collect();
    assert_eq!(broken, ["GET /balance", "GET /domain/name/@name"]);
    for (call, _, _) in EXAMPLES {
        let text = repaired(call);
        assert!(
            serde_json::from_str::<Value>(&text).is_ok(),
            "{call} after repair"
        );
    }
}

#[test]
fn the_repairs_change_nothing_but_the_broken_part() {
    let balance: wire::Balance = decode("GET /balance");
    assert_eq!(balance.success, Some(true));
    assert_eq!(balance.details.currency.as_deref(), Some("USD"));
    assert_eq!(balance.details.acc_balance, Some(123_456.55));
    assert_eq!(balance.details.acc_credit, Some(0.0));
    let by_name: wire::DomainDetails = decode("GET /domain/name/@name");
    let statuses: Vec<&str> = by_name
        .details
        .iter()
        .filter_map(|d| d.status.as_deref())
        .collect();
    assert_eq!(statuses, ["Active", "Expired"]);
    assert_eq!(
        map::domain_ids(&by_name.details),
        [
            Some("testname.com".to_string()),
            Some("testname.com/48".to_string())
        ],
        "one name twice: the active registration keeps it"
    );
}

#[test]
fn the_token_answers_parse_and_their_elided_tokens_have_no_expiry() {
    for call in ["POST /login", "POST /token"] {
        let pair: wire::TokenPair = decode(call);
        let token = pair.token.expect("token");
        assert!(token.starts_with("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9."));
        assert!(pair.refresh.is_some());
        assert_eq!(wire::jwt_expiry(&token), None, "elided with (...)");
        assert_eq!(
            format!("{:?}", wire::TokenPair::default()),
            "TokenPair([redacted])"
        );
    }
}

#[test]
fn status_info_and_error_bodies_read_as_messages() {
    for call in [
        "POST /logout",
        "POST /revoke",
        "PUT /tickets/@number/open",
        "PUT /tickets/@number/close",
    ] {
        let messages = Messages::of(example(call));
        assert_eq!(messages.status, Some(true), "{call}");
        assert!(!messages.refused(), "{call}");
    }
    let info = |call: &str| Messages::of(example(call)).info;
    assert_eq!(info("POST /tickets/@number"), ["reply_added"]);
    assert_eq!(info("PUT /domain/@id/ns"), ["success_changes_save"]);
    for call in [
        "POST /domain/@id/dns",
        "PUT /domain/@id/dns/@index",
        "DELETE /domain/@id/dns/@index",
    ] {
        assert_eq!(
            info(call),
            ["DNS Management updated successfully"],
            "{call}"
        );
    }
    let error = Messages::of(example("GET /service/@service_id/dns"));
    assert!(error.refused());
    assert_eq!(error.refusal(), "invalid method");
    let credit: wire::CreditApplied = decode("POST /invoice/@id/credit");
    assert_eq!(credit.success, Some(true));
    assert_eq!(credit.applied, Some(2.1));
    assert_eq!(credit.invoice_status.as_deref(), Some("Paid"));
}

#[test]
fn account_and_billing_examples_parse_with_strings_and_numbers_alike() {
    let details: wire::ClientDetails = decode("GET /details");
    assert_eq!(details.client.id, Some(Code::Int(26)));
    assert_eq!(details.client.email.as_deref(), Some("api@example.com"));
    let invoices: wire::InvoiceList = decode("GET /invoice");
    let listed = &invoices.invoices[0];
    assert_eq!(listed.total, Some(19.65), "\"19.65\" in the list");
    assert_eq!(listed.number.as_deref(), Some("2016/12/1"), "\\/ escapes");
    let invoice: wire::InvoiceDetails = decode("GET /invoice/@id");
    assert_eq!(invoice.invoice.total, Some(19.65), "19.65 in the details");
    let item_ids: Vec<Option<i64>> = invoice.invoice.items.iter().map(|i| i.item_id).collect();
    assert_eq!(item_ids, [Some(0), Some(-2)]);
    assert_eq!(invoice.invoice.items[1].amount, Some(1.24));
}

#[test]
fn ticket_examples_map_to_the_inbox_and_a_thread_with_bodies() {
    let list: wire::TicketList = decode("GET /tickets");
    let entry = tickets::ticket("xs", &list.tickets[0], 0).expect("numbered");
    assert_eq!(entry.id, "736633");
    assert_eq!(
        (
            entry.subject.as_str(),
            entry.status.as_str(),
            entry.category.as_str()
        ),
        ("Lore Ipsum", "Open", "Billing")
    );
    assert!(!entry.unread, "client_read \"1\"");
    assert!(entry.created.is_some());

    let details: wire::TicketDetails = decode("GET /tickets/@number");
    let ticket = tickets::fetched("xs", &details, 0).expect("numbered");
    assert_eq!(ticket.status, "Answered");
    let Thread::Messages(thread) = &ticket.thread else {
        panic!("messages");
    };
    assert_eq!(thread.len(), 2);
    assert_eq!(
        (thread[0].author.as_str(), thread[0].from_staff),
        ("Joe Doe", false)
    );
    assert!(thread[0]
        .body
        .starts_with("Donec sollicitudin molestie malesuada. \nSed"));
    assert_eq!(
        (thread[1].author.as_str(), thread[1].from_staff),
        ("Suppport Staff", true)
    );
    assert!(thread[1]
        .body
        .ends_with("-- Maecenas efficitur elit est --"));
    let opened: wire::TicketOpened = decode("POST /tickets");
    assert_eq!(
        opened.ticket,
        Some(Code::Int(865_650)),
        "a JSON number here"
    );
}

#[test]
fn domain_examples_map_to_the_domains_pane() {
    let list: wire::DomainList = decode("GET /domain");
    let entry = &list.domains[0];
    assert_eq!(entry.daytoexpire, Some(365));
    assert_eq!(entry.autorenew, Some(true));
    assert_eq!(entry.period, Some(1));
    let listed = map::domain("xs", "testname.com", entry, 0);
    assert!(!listed.detailed && listed.nameservers.is_empty());
    assert_eq!(
        (listed.tld.as_str(), listed.status.as_str()),
        ("com", "Active")
    );

    let details: wire::DomainDetails = decode("GET /domain/@id");
    assert_eq!(details.details.len(), 1, "an object read as one");
    let domain = map::domain("xs", "testname.com", &details.details[0], 0);
    assert!(domain.detailed);
    assert_eq!(
        domain.nameservers,
        [
            "ns1.example.com",
            "ns2.example.com",
            "ns3.example.com",
            "ns4.example.com"
        ]
    );
    assert!(domain.expires.is_some() && domain.registered.is_some());
    let field = |label: &str| {
        domain
            .details
            .iter()
            .find(|d| d.label == label)
            .map(|d| &*d.value)
    };
    assert_eq!(field("ID protection"), Some("no"));
    assert_eq!(field("Next invoice"), Some("2017-11-30"));
    assert_eq!(field("First payment"), Some("10.00"));

    let records: wire::RecordList = decode("GET /domain/@id/dns");
    let record = &records.records[0];
    assert_eq!(record.id, Some(Code::Int(1)));
    assert_eq!((record.ttl, record.priority), (Some(0), Some(0)));
    assert_eq!(record.kind.as_deref(), Some("A"));
    assert_eq!(record.content.as_deref(), Some("100.100.10.1"));
}

#[test]
fn ids_flags_and_numbers_read_as_strings_and_as_numbers() {
    for (number, read) in [(json!(736633), false), (json!("736633"), true)] {
        let t: wire::Ticket = serde_json::from_value(
            json!({"ticket_number": number, "client_read": if read { json!("1") } else { json!(0) }}),
        )
        .unwrap();
        assert_eq!(t.ticket_number, Some(Code::Int(736_633)));
        assert_eq!(t.client_read, Some(read));
    }
    for flag in [json!(true), json!("1"), json!(1)] {
        let d: wire::Domain =
            serde_json::from_value(json!({"id": 47, "autorenew": flag, "daytoexpire": "12"}))
                .unwrap();
        assert_eq!(
            (d.id, d.autorenew, d.daytoexpire),
            (Some(Code::Int(47)), Some(true), Some(12))
        );
    }
    let r: wire::Record =
        serde_json::from_value(json!({"id": "7", "priority": "10", "ttl": 3600.0})).unwrap();
    assert_eq!(
        (r.id, r.priority, r.ttl),
        (Some(Code::Int(7)), Some(10), Some(3600))
    );
    let nulls: wire::Domain =
        serde_json::from_value(json!({"id": null, "name": 5, "nameservers": "ns1.a.de, ns2.a.de"}))
            .unwrap();
    assert_eq!(nulls.id, None);
    assert_eq!(nulls.name.as_deref(), Some("5"));
    assert_eq!(
        nulls.nameservers,
        Some(vec!["ns1.a.de".into(), "ns2.a.de".into()])
    );
    let one: wire::TicketList =
        serde_json::from_value(json!({"tickets": {"ticket_number": "1"}})).unwrap();
    assert_eq!(one.tickets.len(), 1, "a single object for a list");
}

#[test]
fn undocumented_answers_read_from_any_shape() {
    let ips = wire::addresses(&json!({"ips": [{"ipaddress": "203.0.113.10", "main": "1",
        "prefix": "29", "gateway": "203.0.113.9"}, "2001:db8::5"]}))
    .unwrap();
    assert_eq!(ips.len(), 2);
    assert!(ips[0].main && ips[1].kind == "ipv6");
    let ptrs = wire::ptrs(&json!([{"ip": "203.0.113.10", "ptr": "a.example"}])).unwrap();
    assert_eq!(
        ptrs,
        [("203.0.113.10".to_string(), "a.example".to_string())]
    );
    let ports = wire::entries(&json!({"pdu": {"1": {"id": "1", "amps": "0.5"}, "2": {"id": "2"}}}))
        .unwrap();
    assert_eq!(ports.len(), 2, "an object keyed by id");
    assert_eq!(ports[0].numbers, [("amps".to_string(), 0.5)]);
    let error = wire::addresses(&json!({"error": ["invalid method"]})).unwrap_err();
    assert!(error.to_string().contains("invalid method"), "{error}");
}

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        "\\PC{0,12}".prop_map(Value::String),
        Just(json!("203.0.113.10")),
        Just(json!("2001:db8::1")),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let keys = prop_oneof![
            Just("ip".to_string()),
            Just("ipaddress".to_string()),
            Just("id".to_string()),
            Just("error".to_string()),
            Just("hostname".to_string()),
            Just("203.0.113.10".to_string()),
            "[a-z_]{1,8}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(keys, inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn garbage_text_never_panics_a_decoder(text in "\\PC{0,200}") {
        let _ = wire::decode::<wire::TicketList>(&text);
        let _ = wire::decode::<wire::TicketDetails>(&text);
        let _ = wire::decode::<wire::DomainList>(&text);
        let _ = wire::decode::<wire::DomainDetails>(&text);
        let _ = wire::decode::<wire::RecordList>(&text);
        let _ = wire::decode::<wire::TokenPair>(&text);
        let _ = Messages::of(&text);
        let _ = wire::jwt_expiry(&text);
    }

    #[test]
    fn garbage_json_never_panics_a_reader(value in any_json()) {
        let text = value.to_string();
        let _ = wire::addresses(&value);
        let _ = wire::ptrs(&value);
        let _ = wire::entries(&value);
        let _ = wire::departments(&value);
        let _ = Messages::of(&text);
        if let Ok(details) = wire::decode::<wire::TicketDetails>(&text) {
            let _ = tickets::fetched("xs", &details, 0);
        }
        if let Ok(list) = wire::decode::<wire::DomainList>(&text) {
            let _ = map::domain_ids(&list.domains);
            for d in &list.domains {
                let _ = map::domain("xs", "x", d, 0);
            }
        }
    }
}
