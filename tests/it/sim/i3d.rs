//! The i3D.net API v3 simulator over real loopback HTTP: the token, the
//! `RANGED-DATA` header (required, optional, malformed, paging), one object
//! as an array or bare, the document's models field by field, telemetry
//! windows, rDNS kept, every ticket change persisting and its validation,
//! the `/_sim/` routes, faults and deterministic fixtures. Answers are read
//! as plain JSON; nothing from `provider` is used.

use hostdeck::sim::i3d::{tickets_json, DEMO_KEY};
use hostdeck::sim::{start_i3d, Faults, SimOptions, SimServer, Targeted};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// The contract fields the dedicated-server and colocation models share,
/// in the same place of both.
const CONTRACT: &str = "dateStart dateEnd dateCancelled dateEndContract contractPeriod \
    extendPeriod cancellationPeriod purchaseOrder paymentTerm pricePerMonth pricePerTbOveruse \
    currencyId bandwidthBillingType bandwidthContractual";
/// The dedicated-server model (#47/#49) as printed, before and after [`CONTRACT`].
const SERVER: [&str; 2] = [
    "id userId serverId serverName serverType projectName clientServerName clientState \
    liveHostName isVirtual category osId locationId dcLocationId instanceType fleetId newFleetId \
    fleetAssociatedSince rackName",
    "brand model numCpu cpuInfo cpuType cpuLoad memUsed memMax memFree isReserve serviceTag isODP \
    fmOrderId installStatus status uptime trafficSum freeIncomingTraffic outgoingTrafficSum \
    incomingTrafficSum",
];
/// The colocation model (#51/#52), before and after [`CONTRACT`].
const COLOCATION: [&str; 2] = [
    "id name",
    "trafficSum trafficSumMonthMbit outgoingTrafficSum incomingTrafficSum powerMaxAmpere \
    powerKwhPrice powerMeter unlimitedIngress",
];
/// The PDU model (#55).
const PDU: &str = "id name serial updatedAt inputFeedType outlets phases powerMeter powerFactor \
    amperage peakAmperage voltage minVoltage";
/// The colocation access model (#137).
const ACCESS: &str = "id visitorId datacenterId dateverified dateonlist dateofflist email mobile \
    firstName lastName birthDate companyName city countryEn adminNotesReadOnly checked createdBy \
    newEntry temporaryAccess fingerPrintId printMade visitRequester permanentRequester \
    syntegroEmployeeCode status";
/// The ticket model (#36–#42).
const TICKET: &str = "id hash readHash title categoryName priorityName createdAt updatedAt \
    clientLastRepliedAt clientLastReadAt status numUserReplies";
const PDU_SAMPLE: &str = "timestamp amps volts kwh powerMeter";
const ALERT: &str = "id percentage sendMail sendTicket triggered createdAt";
/// The four served calls that require `RANGED-DATA`.
const RANGE_REQUIRED: [&str; 4] = [
    "colocation",
    "telemetry/colocation/3301/pdu/7101",
    "telemetry/colocation/overuse/current",
    "telemetry/colocation/powerUsage/current",
];
/// A window of a day that ended an hour ago, on whole half hours.
fn fixed_window() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let end = now / 1800 * 1800 - 3600;
    format!("startTime={}&endTime={end}", end - 86_400 + 1)
}

struct I3d {
    http: reqwest::Client,
    base: String,
    sim: SimServer,
}

impl I3d {
    async fn start() -> I3d {
        I3d::with_seed(42).await
    }

    async fn with_seed(seed: u64) -> I3d {
        let sim = start_i3d(SimOptions {
            seed,
            ..SimOptions::default()
        })
        .await
        .expect("simulator starts");
        I3d {
            http: reqwest::Client::new(),
            base: sim.base_url.clone(),
            sim,
        }
    }

    /// `http://127.0.0.1:PORT/_sim/<path>`.
    fn control(&self, path: &str) -> String {
        format!("{}_sim/{path}", self.base.trim_end_matches("v3/"))
    }

    /// A request with the demo key and, when given, `RANGED-DATA`.
    async fn send(
        &self,
        method: Method,
        path: &str,
        range: Option<&str>,
        body: Option<Value>,
    ) -> reqwest::Response {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("PRIVATE-TOKEN", DEMO_KEY);
        if let Some(range) = range {
            request = request.header("RANGED-DATA", range);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("request sent")
    }

    /// Status and JSON body (Null when empty).
    async fn call(
        &self,
        method: Method,
        path: &str,
        range: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let response = self.send(method, path, range, body).await;
        let status = response.status();
        let text = response.text().await.expect("body");
        let json = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}: {text}"))
        };
        (status, json)
    }

    /// A 200 GET's JSON.
    async fn get(&self, path: &str, range: Option<&str>) -> Value {
        let (status, body) = self.call(Method::GET, path, range, None).await;
        assert_eq!(status, 200, "{path}: {body}");
        body
    }

    /// A 200 GET of a list.
    async fn list(&self, path: &str, range: Option<&str>) -> Vec<Value> {
        match self.get(path, range).await {
            Value::Array(items) => items,
            other => panic!("{path}: not an array: {other}"),
        }
    }

    /// A single object, whether it came bare or as a one-element array.
    async fn one(&self, path: &str) -> Value {
        match self.get(path, None).await {
            Value::Array(mut items) if items.len() == 1 => items.remove(0),
            object @ Value::Object(_) => object,
            other => panic!("{path}: neither an object nor one in an array: {other}"),
        }
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, None, Some(body)).await
    }

    async fn put(&self, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        self.call(Method::PUT, path, None, body).await
    }

    async fn sim_get(&self, path: &str) -> Value {
        let response = self
            .http
            .get(self.control(path))
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), 200, "{path}");
        response.json().await.expect("JSON")
    }

    async fn sim_post(&self, path: &str, body: Value) -> Value {
        let response = self
            .http
            .post(self.control(path))
            .json(&body)
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), 200, "{path}");
        response.json().await.expect("JSON")
    }

    async fn ticket(&self, id: u64) -> Value {
        self.one(&format!("tickets/{id}")).await
    }

    /// Every ticket, read page by page.
    async fn all_tickets(&self) -> Vec<Value> {
        self.list("tickets", Some("start=0,results=1000")).await
    }
}

fn keys(object: &Value) -> BTreeSet<&str> {
    object
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {object}"))
        .keys()
        .map(String::as_str)
        .collect()
}

/// A model's fields around [`CONTRACT`], as one list.
fn with_contract([before, after]: [&str; 2]) -> String {
    format!("{before} {CONTRACT} {after}")
}

/// The object has exactly the (space-separated) `fields`.
fn assert_fields(object: &Value, fields: &str) {
    let expected: BTreeSet<&str> = fields.split_whitespace().collect();
    assert_eq!(keys(object), expected, "{object}");
}

/// The error object: its code, and the properties its `errors` name.
fn error_of(body: &Value) -> (u64, Vec<String>) {
    assert!(body["errorMessage"].is_string(), "{body}");
    let properties = body["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("errors: {body}"))
        .iter()
        .map(|e| {
            assert!(e["message"].is_string(), "{e}");
            e["property"].as_str().expect("property").to_string()
        })
        .collect();
    (body["errorCode"].as_u64().expect("errorCode"), properties)
}

/// The answer without server uptimes, which follow the clock.
fn without_uptime(mut answer: Value) -> Value {
    for item in answer.as_array_mut().into_iter().flatten() {
        if let Some(object) = item.as_object_mut() {
            object.remove("uptime");
        }
    }
    answer
}

fn id_of(value: &Value) -> u64 {
    value["id"]
        .as_u64()
        .unwrap_or_else(|| panic!("id: {value}"))
}

fn unread(ticket: &Value) -> bool {
    ticket["updatedAt"].as_i64() > ticket["clientLastReadAt"].as_i64()
}

#[test]
fn the_field_lists_have_the_documents_counts() {
    let count = |fields: &str| fields.split_whitespace().count();
    assert_eq!(count(&with_contract(SERVER)), 53);
    assert_eq!(count(&with_contract(COLOCATION)), 24);
    assert_eq!([PDU, ACCESS, TICKET].map(count), [13, 25, 12]);
}

#[tokio::test]
async fn every_call_needs_the_demo_key() {
    let api = I3d::start().await;
    assert_eq!(api.sim.base_url, api.base);
    assert!(api.base.starts_with("http://127.0.0.1:") && api.base.ends_with("/v3/"));
    assert_eq!(api.sim.credential("api_key"), Some(DEMO_KEY));
    for path in [
        "dedicatedServer",
        "colocation",
        "tickets",
        "tickets/categories",
        "nowhere",
    ] {
        for token in [None, Some("wrong-key")] {
            let mut request = api
                .http
                .get(format!("{}{path}", api.base))
                .header("RANGED-DATA", "start=0,results=5");
            if let Some(token) = token {
                request = request.header("PRIVATE-TOKEN", token);
            }
            let response = request.send().await.expect("sent");
            assert_eq!(response.status(), 401, "{path} {token:?}");
            let body: Value = response.json().await.expect("error object");
            assert_eq!(error_of(&body).1, ["PRIVATE-TOKEN"], "{body}");
        }
    }
    let (status, _) = api.post("tickets/58001/close", json!({})).await;
    assert_eq!(status, 405, "a known path with another method");
}

#[tokio::test]
async fn four_calls_require_ranged_data_and_refuse_it_malformed() {
    let api = I3d::start().await;
    for path in RANGE_REQUIRED {
        let (status, body) = api.call(Method::GET, path, None, None).await;
        assert_eq!(status, 400, "{path}: {body}");
        assert_eq!(error_of(&body).1, ["RANGED-DATA"], "{path}");
        assert!(
            !api.list(path, Some("start=0,results=25")).await.is_empty(),
            "{path}"
        );
    }
    for bad in [
        "start=x,results=5",
        "results=0",
        "start=0;results=5",
        "page=2",
        "",
    ] {
        for path in ["colocation", "dedicatedServer", "tickets"] {
            let (status, body) = api.call(Method::GET, path, Some(bad), None).await;
            assert_eq!(status, 400, "{path} {bad:?}");
            assert_eq!(error_of(&body).1, ["RANGED-DATA"]);
        }
    }
}

#[tokio::test]
async fn ranged_data_is_optional_elsewhere_with_pages_of_25() {
    let api = I3d::start().await;
    assert_eq!(api.list("dedicatedServer", None).await.len(), 25);
    assert_eq!(api.list("tickets", None).await.len(), 12);
    assert_eq!(api.list("tickets/openOrUnread", None).await.len(), 9);
    assert_eq!(api.list("colocation/access", None).await.len(), 7);
    assert_eq!(api.list("colocation/3301/pdu", None).await.len(), 2);
    assert_eq!(api.list("colocation/3302/alert", None).await.len(), 2);
    assert_eq!(
        api.list("tickets", Some("start=10,results=5")).await.len(),
        2
    );
}

#[tokio::test]
async fn the_server_list_spans_two_pages_and_the_short_one_ends_it() {
    let api = I3d::start().await;
    let mut ids = Vec::new();
    let mut start = 0;
    loop {
        let range = format!("start={start},results=25");
        let page = api.list("dedicatedServer", Some(&range)).await;
        ids.extend(page.iter().map(id_of));
        start += 25;
        if page.len() < 25 {
            break;
        }
    }
    assert_eq!(start, 50, "two pages");
    let unique: BTreeSet<u64> = ids.iter().copied().collect();
    assert_eq!((ids.len(), unique.len()), (40, 40));
    let all: Vec<u64> = api
        .list("dedicatedServer", Some("results=100"))
        .await
        .iter()
        .map(id_of)
        .collect();
    assert_eq!(all, ids, "pages follow the one big list");
    assert!(api
        .list("dedicatedServer", Some("start=40,results=25"))
        .await
        .is_empty());
    let colocations = api.list("colocation", Some("start=1,results=1")).await;
    assert_eq!(colocations.iter().map(id_of).collect::<Vec<_>>(), [3302]);
}

#[tokio::test]
async fn servers_have_the_documents_fields_and_types() {
    let api = I3d::start().await;
    let servers = api.list("dedicatedServer", Some("results=100")).await;
    let fields = with_contract(SERVER);
    let checked_in_long_ago = fields.replace(" uptime ", " ");
    for server in &servers {
        let stopped = server["status"] == "stopped";
        assert_fields(
            server,
            if stopped {
                &checked_in_long_ago
            } else {
                &fields
            },
        );
        assert!([1, 2, 3].contains(&server["serverType"].as_u64().expect("serverType")));
        for text in [
            "pricePerMonth",
            "pricePerTbOveruse",
            "dateStart",
            "dateEnd",
            "fleetId",
        ] {
            assert!(server[text].is_string(), "{text}: {server}");
        }
        assert!(server["cpuLoad"].is_f64() || server["cpuLoad"].is_u64());
        let memory = |f: &str| server[f].as_u64().expect("memory");
        assert_eq!(memory("memFree"), memory("memMax") - memory("memUsed"));
        assert!(server["freeIncomingTraffic"].is_boolean());
        assert_eq!(server["isVirtual"] == 1, server["serverType"] == 3);
    }
    let count = |f: &dyn Fn(&Value) -> bool| servers.iter().filter(|s| f(s)).count();
    assert!(count(&|s| s["category"] == "Broken") >= 2);
    assert!(count(&|s| s["status"] == "stopped") >= 2);
    for kind in [1, 2, 3] {
        assert!(count(&|s| s["serverType"] == kind) > 0, "serverType {kind}");
    }
}

#[tokio::test]
async fn one_object_comes_bare_for_odd_ids_and_in_an_array_for_even_ones() {
    let api = I3d::start().await;
    for (path, id) in [
        ("dedicatedServer", 12_001),
        ("dedicatedServer", 12_002),
        ("colocation", 3_301),
        ("colocation", 3_302),
        ("tickets", 58_001),
        ("tickets", 58_002),
    ] {
        let body = api.get(&format!("{path}/{id}"), None).await;
        let object = if id % 2 == 0 {
            assert_eq!(
                body.as_array().map(Vec::len),
                Some(1),
                "{path}/{id}: {body}"
            );
            body[0].clone()
        } else {
            assert!(body.is_object(), "{path}/{id}: {body}");
            body
        };
        assert_eq!(id_of(&object), id);
    }
    let server = api.one("dedicatedServer/12007").await;
    assert_fields(&server, &with_contract(SERVER));
    let listed = api.list("dedicatedServer", None).await;
    assert_eq!(server["serverName"], listed[6]["serverName"]);
    for path in [
        "dedicatedServer/99",
        "colocation/1",
        "tickets/7",
        "tickets/abc",
    ] {
        let (status, body) = api.call(Method::GET, path, None, None).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(error_of(&body).0, 10001, "{path}");
    }
}

#[tokio::test]
async fn colocations_pdus_alerts_and_access_follow_the_models() {
    let api = I3d::start().await;
    let colocations = api.list("colocation", Some("start=0,results=25")).await;
    assert_eq!(colocations.len(), 2);
    for colocation in &colocations {
        assert_fields(colocation, &with_contract(COLOCATION));
        for text in [
            "pricePerMonth",
            "powerMaxAmpere",
            "powerKwhPrice",
            "dateStart",
        ] {
            assert!(colocation[text].is_string(), "{text}");
        }
        let id = id_of(colocation);
        let pdus = api.list(&format!("colocation/{id}/pdu"), None).await;
        assert_eq!(pdus.len(), 2);
        let meters: u64 = pdus
            .iter()
            .map(|p| p["powerMeter"].as_u64().expect("meter"))
            .sum();
        assert_eq!(colocation["powerMeter"].as_u64(), Some(meters));
        for pdu in &pdus {
            assert_fields(pdu, PDU);
            assert!(pdu["peakAmperage"].as_f64() <= pdu["amperage"].as_f64());
            assert!(pdu["minVoltage"].as_f64() <= pdu["voltage"].as_f64());
        }
        for alert in api.list(&format!("colocation/{id}/alert"), None).await {
            assert_fields(&alert, ALERT);
        }
    }
    let access = api.list("colocation/access", None).await;
    access.iter().for_each(|a| assert_fields(a, ACCESS));
    for status in ["granted", "pending", "denied", "revoked", "suspended"] {
        let filtered = api
            .list(&format!("colocation/access?status={status}"), None)
            .await;
        assert!(!filtered.is_empty(), "{status}");
        assert!(filtered.iter().all(|a| a["status"] == status));
    }
    let (status, body) = api
        .call(Method::GET, "colocation/access?status=lost", None, None)
        .await;
    assert_eq!(
        (status, error_of(&body).1),
        (StatusCode::BAD_REQUEST, vec!["status".to_string()])
    );
    let (status, _) = api
        .call(Method::GET, "colocation/3303/pdu", None, None)
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn pdu_history_pages_a_day_of_half_hours_within_the_window() {
    let api = I3d::start().await;
    let window = fixed_window();
    let path = format!("telemetry/colocation/3301/pdu/7101?{window}");
    let first = api.list(&path, Some("start=0,results=25")).await;
    let second = api.list(&path, Some("start=25,results=25")).await;
    assert_eq!((first.len(), second.len()), (25, 23));
    let samples: Vec<Value> = first.into_iter().chain(second).collect();
    samples.iter().for_each(|s| assert_fields(s, PDU_SAMPLE));
    let times: Vec<i64> = samples
        .iter()
        .map(|s| s["timestamp"].as_i64().expect("time"))
        .collect();
    assert!(
        times.windows(2).all(|w| w[1] - w[0] == 1800),
        "every half hour, oldest first"
    );
    let amps: Vec<f64> = samples
        .iter()
        .map(|s| s["amps"].as_f64().expect("amps"))
        .collect();
    let (low, high) = amps
        .iter()
        .fold((f64::MAX, 0.0f64), |(l, h), a| (l.min(*a), h.max(*a)));
    assert!(
        low > 0.0 && high <= 16.0 && high - low > 0.2,
        "a living line: {amps:?}"
    );
    let whole = api.one(&format!("telemetry/pdu/7101?{window}")).await;
    assert!(whole["unit"].is_null());
    assert_eq!(
        whole["data"].as_array().expect("data"),
        &samples,
        "#7 agrees with #5"
    );
    let default = api
        .list("telemetry/colocation/3302/pdu/7201", Some("results=100"))
        .await;
    assert_eq!(default.len(), 48, "the last day by default");
    for (path, status) in [
        ("telemetry/colocation/3301/pdu/7201", 404),
        ("telemetry/colocation/3301/pdu/9999", 404),
        ("telemetry/colocation/3301/pdu/7101?startTime=later", 400),
        (
            "telemetry/colocation/3301/pdu/7101?startTime=2000&endTime=1000",
            400,
        ),
    ] {
        let (got, body) = api
            .call(Method::GET, path, Some("start=0,results=5"), None)
            .await;
        assert_eq!(got, status, "{path}: {body}");
        error_of(&body);
    }
}

#[tokio::test]
async fn network_telemetry_and_overuse_show_the_overusing_colocation() {
    let api = I3d::start().await;
    let network = api.one("telemetry/colocation/3302/network").await;
    assert_eq!(network["unit"], "hour");
    let samples = network["data"].as_array().expect("data");
    assert_eq!(samples.len(), 24);
    for sample in samples {
        assert_fields(sample, "timestamp incoming outgoing");
    }
    let overuse = api
        .list(
            "telemetry/colocation/overuse/current",
            Some("start=0,results=25"),
        )
        .await;
    assert_eq!(overuse.len(), 1);
    assert_fields(
        &overuse[0],
        "coloId coloName orderedBandwidth usedBandwidth",
    );
    assert!(overuse[0]["usedBandwidth"].as_f64() > overuse[0]["orderedBandwidth"].as_f64());
    let colocation = api
        .one(&format!("colocation/{}", overuse[0]["coloId"]))
        .await;
    assert_eq!(colocation["name"], overuse[0]["coloName"]);
    assert_eq!(
        colocation["bandwidthContractual"].as_f64(),
        overuse[0]["orderedBandwidth"].as_f64()
    );
    let usage = api
        .list(
            "telemetry/colocation/powerUsage/current",
            Some("start=0,results=25"),
        )
        .await;
    assert_eq!(usage.len(), 2);
    usage.iter().for_each(|u| assert_fields(u, "id name kwh"));
}

#[tokio::test]
async fn rdns_updates_are_kept_and_checked() {
    let api = I3d::start().await;
    let before = api.sim_get("rdns").await;
    assert_eq!(before.as_array().map(Vec::len), Some(3));
    let path = "colocation/3301/network/rdns/185.50.104.20";
    let (status, body) = api
        .put(path, Some(json!({"hostname": "web1.demo-ops.example."})))
        .await;
    assert_eq!((status, body), (StatusCode::NO_CONTENT, Value::Null));
    let (status, _) = api
        .put(
            "colocation/3302/network/rdns/2A00:1768::5",
            Some(json!({"hostname": "v6.demo-ops.example"})),
        )
        .await;
    assert_eq!(status, 204);
    let entries = api.sim_get("rdns").await;
    let entries = entries.as_array().expect("entries");
    assert!(entries.contains(&json!({"colocationId": 3301, "ipAddress": "185.50.104.20", "hostname": "web1.demo-ops.example"})));
    assert!(entries.contains(&json!({"colocationId": 3302, "ipAddress": "2a00:1768::5", "hostname": "v6.demo-ops.example"})));
    let (status, body) = api
        .put(
            "colocation/4040/network/rdns/185.50.104.20",
            Some(json!({"hostname": "x.example"})),
        )
        .await;
    assert_eq!(
        (status, error_of(&body)),
        (StatusCode::NOT_FOUND, (10001, vec!["colocationId".into()]))
    );
    for (ip, body, property) in [
        ("185.50.104.20", json!({}), "hostname"),
        ("185.50.104.20", json!({"hostname": 7}), "hostname"),
        (
            "185.50.104.20",
            json!({"hostname": "bad_name!.example"}),
            "hostname",
        ),
        ("not-an-ip", json!({"hostname": "x.example"}), "ipAddress"),
    ] {
        let (status, answer) = api
            .put(&format!("colocation/3301/network/rdns/{ip}"), Some(body))
            .await;
        assert_eq!(
            (status, error_of(&answer).1),
            (StatusCode::BAD_REQUEST, vec![property.to_string()])
        );
    }
    let (status, _) = api.put(path, Some(json!({"hostname": ""}))).await;
    assert_eq!(status, 204, "an empty hostname removes the entry");
    assert_eq!(api.sim_get("rdns").await.as_array().map(Vec::len), Some(4));
}

#[tokio::test]
async fn the_inbox_has_three_unread_and_open_or_unread_leaves_read_closed_ones_out() {
    let api = I3d::start().await;
    let tickets = api.all_tickets().await;
    assert_eq!(tickets.len(), 12);
    tickets.iter().for_each(|t| assert_fields(t, TICKET));
    assert_eq!(tickets.iter().filter(|t| unread(t)).count(), 3);
    let ids: Vec<u64> = tickets.iter().map(id_of).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first");
    let closed = tickets.iter().filter(|t| t["status"] == "Closed").count();
    assert_eq!(closed, 3);
    let open_or_unread = api.list("tickets/openOrUnread", None).await;
    assert_eq!(open_or_unread.len(), 12 - closed);
    assert!(open_or_unread
        .iter()
        .all(|t| t["status"] != "Closed" || unread(t)));
    let detail = api.ticket(58_005).await;
    assert_fields(&detail, TICKET);
    assert_eq!(
        api.get("tickets/categories", None).await,
        json!(["Technical", "Billing", "Network", "Sales"])
    );
}

#[tokio::test]
async fn a_new_ticket_persists_and_bad_ones_are_refused_field_by_field() {
    let api = I3d::start().await;
    let body = json!({
        "title": "Rack R12 door sensor", "content": "The door alarm fires at night.",
        "category": "Technical", "department": "Support",
        "emailCc": "", "emailTo": "ops@demo-ops.example, noc@demo-ops.example",
    });
    let (status, answer) = api.post("tickets", body).await;
    assert_eq!(status, 200, "{answer}");
    let created = if answer.is_array() {
        answer[0].clone()
    } else {
        answer
    };
    assert_fields(&created, TICKET);
    assert_eq!(
        (created["status"].as_str(), created["categoryName"].as_str()),
        (Some("Open"), Some("Technical"))
    );
    let id = id_of(&created);
    assert_eq!(api.ticket(id).await, created);
    assert_eq!(id_of(&api.all_tickets().await[0]), id, "listed first");
    let record = api.sim_get(&format!("tickets/{id}")).await;
    assert_eq!(
        record["messages"][0]["content"],
        "The door alarm fires at night."
    );
    assert_eq!(
        record["emailTo"],
        "ops@demo-ops.example, noc@demo-ops.example"
    );
    let (status, answer) = api.post("tickets", json!({})).await;
    assert_eq!(status, 400);
    let mut missing = error_of(&answer).1;
    missing.sort();
    assert_eq!(
        missing,
        [
            "category",
            "content",
            "department",
            "emailCc",
            "emailTo",
            "title"
        ]
    );
    let bad = json!({
        "title": " ", "content": "x", "category": "Gardening", "department": "Support",
        "emailCc": "nobody", "emailTo": "", "attachmentIds": [4],
    });
    let (status, answer) = api.post("tickets", bad).await;
    assert_eq!(
        (status, error_of(&answer).0),
        (StatusCode::BAD_REQUEST, 10002)
    );
    assert_eq!(
        error_of(&answer).1,
        ["title", "category", "emailCc", "attachmentIds"]
    );
    let (status, _) = api.call(Method::POST, "tickets", None, None).await;
    assert_eq!(status, 400, "no body");
    assert_eq!(
        api.all_tickets().await.len(),
        13,
        "refused tickets are not kept"
    );
}

#[tokio::test]
async fn a_reply_persists_and_bumps_the_ticket() {
    let api = I3d::start().await;
    let before = api.ticket(58_004).await;
    let (status, answer) = api
        .post(
            "tickets/58004/reply",
            json!({"title": "Re: /29", "content": "Any news?"}),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    let after = api.ticket(58_004).await;
    let at = |t: &Value, f: &str| t[f].as_i64().expect(f);
    assert!(at(&after, "updatedAt") > at(&before, "updatedAt"));
    assert_eq!(at(&after, "clientLastRepliedAt"), at(&after, "updatedAt"));
    assert_eq!(
        after["numUserReplies"].as_u64(),
        before["numUserReplies"].as_u64().map(|n| n + 1)
    );
    assert_eq!(after["status"], "Awaiting reply");
    assert!(!unread(&after), "the client's own reply is read");
    let record = api.sim_get("tickets/58004").await;
    assert_eq!(
        record["messages"],
        json!([{"from": "client", "title": "Re: /29", "content": "Any news?", "at": at(&after, "updatedAt")}])
    );
    let (status, answer) = api
        .post("tickets/58004/reply", json!({"content": ""}))
        .await;
    assert_eq!(
        (status, error_of(&answer).1),
        (
            StatusCode::BAD_REQUEST,
            vec!["title".to_string(), "content".to_string()]
        )
    );
    let (status, _) = api
        .post("tickets/1/reply", json!({"title": "t", "content": "c"}))
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn close_and_open_persist_and_a_force_closed_ticket_stays_shut() {
    let api = I3d::start().await;
    let (status, body) = api.put("tickets/58005/close", None).await;
    assert_eq!((status, body), (StatusCode::NO_CONTENT, Value::Null));
    assert_eq!(api.ticket(58_005).await["status"], "Closed");
    let open_ids: Vec<u64> = api
        .list("tickets/openOrUnread", None)
        .await
        .iter()
        .map(id_of)
        .collect();
    assert!(!open_ids.contains(&58_005));
    assert_eq!(api.put("tickets/58005/open", None).await.0, 204);
    assert_eq!(api.ticket(58_005).await["status"], "Open");
    let forced = api.sim_get("tickets/58012").await;
    assert_eq!(
        (
            forced["forceClosed"].as_bool(),
            forced["ticket"]["status"].as_str()
        ),
        (Some(true), Some("Closed"))
    );
    let (status, body) = api.put("tickets/58012/open", None).await;
    assert_eq!((status, error_of(&body).0), (StatusCode::FORBIDDEN, 10005));
    let (status, _) = api
        .post("tickets/58012/reply", json!({"title": "t", "content": "c"}))
        .await;
    assert_eq!(status, 403);
    assert_eq!(api.ticket(58_012).await["status"], "Closed");
    api.sim_post("tickets/58006/forceClose", json!({})).await;
    assert_eq!(api.put("tickets/58006/open", None).await.0, 403);
    assert_eq!(api.put("tickets/4/close", None).await.0, 404);
}

#[tokio::test]
async fn a_staff_answer_makes_a_ticket_unread() {
    let api = I3d::start().await;
    let before = api.ticket(58_008).await;
    assert!(!unread(&before));
    let record = api
        .sim_post(
            "tickets/58008/answer",
            json!({"content": "Done: contact updated."}),
        )
        .await;
    assert_eq!(record["messages"][0]["from"], "staff");
    let after = api.ticket(58_008).await;
    assert!(unread(&after));
    assert_eq!(after["status"], "Answered");
    assert_eq!(after, record["ticket"]);
    let unread_ids: Vec<u64> = api
        .all_tickets()
        .await
        .iter()
        .filter(|t| unread(t))
        .map(id_of)
        .collect();
    assert_eq!(unread_ids.len(), 4);
    assert!(unread_ids.contains(&58_008));
    api.post(
        "tickets/58008/reply",
        json!({"title": "Re", "content": "Thanks"}),
    )
    .await;
    assert!(!unread(&api.ticket(58_008).await), "replying reads it");
}

#[tokio::test]
async fn injected_faults_answer_the_error_object_or_the_status() {
    let api = I3d::start().await;
    api.sim.faults.set(Faults {
        error_rate: 1.0,
        ..Faults::default()
    });
    let (status, body) = api.call(Method::GET, "tickets", None, None).await;
    assert_eq!(
        (status, error_of(&body).0),
        (StatusCode::INTERNAL_SERVER_ERROR, 10000)
    );
    api.sim.faults.set(Faults {
        http_status: Some(503),
        ..Faults::default()
    });
    assert_eq!(
        api.send(Method::GET, "tickets", None, None).await.status(),
        503
    );
    let faults = Faults {
        targeted: vec![Targeted {
            times: Some(1),
            ..Targeted::new(["GET /v3/tickets/openOrUnread"])
        }],
        ..Faults::default()
    };
    let response = api
        .http
        .post(api.control("faults"))
        .json(&faults)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    let (status, body) = api
        .call(Method::GET, "tickets/openOrUnread", None, None)
        .await;
    assert_eq!(
        (status, error_of(&body).0),
        (StatusCode::INTERNAL_SERVER_ERROR, 10000)
    );
    assert_eq!(
        api.list("tickets", None).await.len(),
        12,
        "other calls answer"
    );
    assert_eq!(
        api.list("tickets/openOrUnread", None).await.len(),
        9,
        "the fault hit once"
    );
    api.sim.faults.fail_only(
        Targeted::new(["PUT /v3/colocation/3301/network/rdns", "\"hostname\""]).with_status(502),
    );
    let body = json!({"hostname": "a.example"});
    let path = "colocation/3301/network/rdns/185.50.104.30";
    let response = api.send(Method::PUT, path, None, Some(body)).await;
    assert_eq!(response.status(), 502);
    assert_eq!(
        api.sim_get("rdns").await.as_array().map(Vec::len),
        Some(3),
        "nothing stored"
    );
}

#[tokio::test]
async fn the_same_seed_gives_the_same_account_and_another_seed_another() {
    let (a, b, c) = (
        I3d::with_seed(7).await,
        I3d::with_seed(7).await,
        I3d::with_seed(8).await,
    );
    let window = fixed_window();
    let paths = [
        "dedicatedServer".to_string(),
        "tickets".to_string(),
        "colocation/access".to_string(),
        "colocation/3302/alert".to_string(),
        format!("telemetry/colocation/3301/pdu/7102?{window}"),
    ];
    for path in &paths {
        let range = Some("start=0,results=100");
        let (first, second) = (a.get(path, range).await, b.get(path, range).await);
        assert_eq!(without_uptime(first), without_uptime(second), "{path}");
    }
    let names = |servers: Vec<Value>| {
        servers
            .iter()
            .map(|s| s["serverName"].clone())
            .collect::<Vec<_>>()
    };
    let seven = names(a.list("dedicatedServer", None).await);
    assert_ne!(seven, names(c.list("dedicatedServer", None).await));
    let hashes = |tickets: Vec<Value>| {
        tickets
            .iter()
            .map(|t| t["hash"].clone())
            .collect::<Vec<_>>()
    };
    assert_ne!(hashes(a.all_tickets().await), hashes(c.all_tickets().await));
}

#[test]
fn the_benchmark_tickets_are_the_ticket_model() {
    let tickets: Vec<Value> = serde_json::from_str(&tickets_json(500)).expect("a JSON array");
    assert_eq!(tickets.len(), 500);
    tickets.iter().for_each(|t| assert_fields(t, TICKET));
    let ids: BTreeSet<u64> = tickets.iter().map(id_of).collect();
    assert_eq!(ids.len(), 500);
    assert_eq!(tickets_json(20), tickets_json(20));
}
