//! The CLC v1 simulator over real loopback HTTP: sessions, path and
//! parameter handling, JSON and XML answers, the request queue and every
//! injected fault.

use hostdeck::sim::{start_clc, Faults, SimOptions, SimServer};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

struct Api {
    http: reqwest::Client,
    base: String,
}

impl Api {
    fn new(sim: &SimServer) -> Api {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .expect("client");
        Api {
            http,
            base: sim.base_url.clone(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// The site root, e.g. `http://127.0.0.1:PORT/`.
    fn root(&self) -> String {
        self.base.trim_end_matches("REST/").to_string()
    }

    async fn post(&self, path: &str, body: Value) -> reqwest::Response {
        self.http
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .expect("request sent")
    }

    /// POSTs a JSON body to `<path>/JSON` and returns the decoded answer.
    async fn call(&self, path: &str, body: Value) -> Value {
        let response = self.post(&format!("{path}/JSON"), body).await;
        assert_eq!(response.status(), 200, "{path}");
        response.json().await.expect("JSON answer")
    }

    async fn logon(&self) -> Value {
        let body = json!({"APIKey": "demo-api-key", "Password": "demo-password"});
        self.post("Auth/Logon/", body)
            .await
            .json()
            .await
            .expect("JSON")
    }

    async fn servers_at(&self, location: &str, account: &str) -> Vec<Value> {
        let answer = self
            .call(
                "Server/GetAllServers",
                json!({"Location": location, "AccountAlias": account}),
            )
            .await;
        assert_eq!(answer["StatusCode"], 0, "{answer}");
        answer["Servers"].as_array().cloned().unwrap_or_default()
    }

    async fn all_servers(&self) -> Vec<Value> {
        let mut all = Vec::new();
        for location in ["WA1", "UC1", "GB3"] {
            all.extend(self.servers_at(location, "DEMO").await);
        }
        all
    }

    /// An active, started server's name.
    async fn started_server(&self) -> String {
        let servers = self.all_servers().await;
        let found = servers
            .iter()
            .find(|s| s["Status"] == "Active" && s["PowerState"] == "Started")
            .expect("a started server");
        found["Name"].as_str().expect("name").to_string()
    }

    async fn server(&self, name: &str) -> Value {
        let answer = self.call("Server/GetServer", json!({"Name": name})).await;
        assert_eq!(answer["StatusCode"], 0, "{answer}");
        answer["Servers"][0].clone()
    }

    /// Polls the queue until the request is Succeeded or Failed.
    async fn wait_for(&self, request_id: &Value) -> Value {
        for _ in 0..500 {
            let answer = self
                .call("Queue/GetRequestStatus", json!({"RequestID": request_id}))
                .await;
            let details = answer["RequestDetails"].clone();
            if details["CurrentStatus"] == "Succeeded" || details["CurrentStatus"] == "Failed" {
                return details;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("request {request_id} never finished");
    }

    async fn set_faults(&self, faults: Value) -> reqwest::Response {
        self.http
            .post(format!("{}_sim/faults", self.root()))
            .json(&faults)
            .send()
            .await
            .expect("faults sent")
    }
}

async fn sim() -> SimServer {
    sim_with(SimOptions::default()).await
}

async fn sim_with(options: SimOptions) -> SimServer {
    start_clc(options).await.expect("simulator starts")
}

fn fast_queue() -> SimOptions {
    SimOptions {
        queue_step: Duration::from_millis(5),
        ..SimOptions::default()
    }
}

#[tokio::test]
async fn every_method_needs_a_logon_first() {
    let sim = sim().await;
    let api = Api::new(&sim);
    let answer = api.call("Account/GetLocations", json!({})).await;
    assert_eq!(answer["Success"], false);
    assert_eq!(answer["StatusCode"], 100);
    assert_eq!(
        answer["Message"],
        "Authentication Failed. You must logon to the API prior to calling this method."
    );
}

#[tokio::test]
async fn bad_credentials_are_refused_and_give_no_session() {
    let sim = sim().await;
    let api = Api::new(&sim);
    let body = json!({"APIKey": "demo-api-key", "Password": "wrong"});
    let response = api.post("Auth/Logon/", body).await;
    assert!(response.headers().get("set-cookie").is_none());
    let answer: Value = response.json().await.expect("JSON");
    assert_eq!(answer["StatusCode"], 100);
    let message = answer["Message"].as_str().expect("message");
    assert!(message
        .starts_with("Authentication Failed - The APIKey & Password combination were not valid."));
    let after = api.call("Account/GetLocations", json!({})).await;
    assert_eq!(after["StatusCode"], 100);
}

#[tokio::test]
async fn logon_then_locations_groups_and_servers() {
    let sim = sim().await;
    let api = Api::new(&sim);
    let logon = api.logon().await;
    assert_eq!(
        logon,
        json!({"Success": true, "Message": "Login Successful", "StatusCode": 0})
    );

    let locations = api.call("Account/GetLocations", json!({})).await;
    let aliases: Vec<&str> = locations["Locations"]
        .as_array()
        .expect("list")
        .iter()
        .map(|l| l["Alias"].as_str().expect("alias"))
        .collect();
    assert_eq!(aliases, ["WA1", "UC1", "GB3"]);

    let groups = api
        .call("Group/GetGroups", json!({"Location": "WA1"}))
        .await;
    assert_eq!(groups["AccountAlias"], "DEMO");
    let groups = groups["HardwareGroups"].as_array().expect("groups").clone();
    let default = groups
        .iter()
        .find(|g| g["Name"] == "Default Group")
        .expect("default group");
    let children: Vec<&Value> = groups
        .iter()
        .filter(|g| g["ParentUUID"] == default["UUID"])
        .map(|g| &g["Name"])
        .collect();
    assert_eq!(children, [&json!("Web"), &json!("Db"), &json!("Batch")]);

    let servers = api.servers_at("WA1", "DEMO").await;
    assert!(!servers.is_empty());
    assert!(servers
        .iter()
        .all(|s| s["Name"].as_str().expect("name").starts_with("WA1DEMO")));
    assert!(servers.iter().any(|s| s["Name"] == "WA1DEMOWEB01"));

    let deep = api
        .call(
            "Server/GetAllServers",
            json!({"HardwareGroupUUID": default["UUID"]}),
        )
        .await;
    assert_eq!(
        deep["Servers"].as_array().expect("servers").len(),
        servers.len()
    );
}

#[tokio::test]
async fn hierarchy_groups_servers_by_account_including_the_sub_account() {
    let sim = sim().await;
    let api = Api::new(&sim);
    api.logon().await;
    let answer = api
        .call(
            "Server/GetAllServersForAccountHierarchy",
            json!({"Location": "WA1"}),
        )
        .await;
    let groups = answer["AccountServers"].as_array().expect("groups");
    let aliases: Vec<&Value> = groups.iter().map(|g| &g["AccountAlias"]).collect();
    assert_eq!(aliases, [&json!("DEMO"), &json!("DEMS")]);
    let sub = groups[1]["Servers"].as_array().expect("servers");
    assert_eq!(sub.len(), 2);
    assert_eq!(sub[0]["IPAddresses"][0]["AddressType"], "RIP");
    let sub_server = sub[0]["Name"].as_str().expect("name");
    let not_home = api
        .call("Server/GetServer", json!({"Name": sub_server}))
        .await;
    assert_eq!(not_home["StatusCode"], 5);
    let found = api
        .call(
            "Server/GetServer",
            json!({"Name": sub_server, "AccountAlias": "DEMS"}),
        )
        .await;
    assert_eq!(found["Servers"][0]["Name"], sub_server);
}

#[tokio::test]
async fn logout_forgets_the_session() {
    let sim = sim().await;
    let api = Api::new(&sim);
    api.logon().await;
    assert_eq!(
        api.call("Account/GetLocations", json!({})).await["StatusCode"],
        0
    );
    let logout: Value = api
        .post("Auth/Logout/", json!({}))
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(logout["StatusCode"], 0);
    assert_eq!(
        api.call("Account/GetLocations", json!({})).await["StatusCode"],
        100
    );
}

#[tokio::test]
async fn paths_match_case_insensitively() {
    let sim = sim().await;
    let api = Api::new(&sim);
    api.logon().await;
    let root = api.root();
    for path in [
        "rest/account/getlocations/json",
        "REST/ACCOUNT/GETLOCATIONS/Json/",
    ] {
        let answer: Value = api
            .http
            .post(format!("{root}{path}"))
            .json(&json!({}))
            .send()
            .await
            .expect("sent")
            .json()
            .await
            .expect("JSON");
        assert_eq!(answer["StatusCode"], 0, "{path}");
    }
    let unknown = api.post("Server/NoSuchMethod/JSON", json!({})).await;
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn parameters_come_from_the_query_string_or_a_form_body() {
    let sim = sim().await;
    let api = Api::new(&sim);
    api.logon().await;
    let by_query: Value = api
        .http
        .post(api.url("Server/GetServer/JSON?Name=wa1demoweb01"))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("JSON");
    assert_eq!(by_query["Servers"][0]["Name"], "WA1DEMOWEB01");
    let by_form: Value = api
        .http
        .post(api.url("Server/GetServer/JSON"))
        .form(&[("Name", "WA1DEMOWEB01")])
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("JSON");
    assert_eq!(by_form["Servers"][0]["Name"], "WA1DEMOWEB01");
}

/// Reads the whole document, failing on malformed XML.
fn assert_well_formed(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(error) => panic!("malformed XML {error}: {xml}"),
        }
    }
}

#[tokio::test]
async fn xml_requests_get_xml_answers() {
    let sim = sim().await;
    let api = Api::new(&sim);
    let logon = api
        .http
        .post(api.url("Auth/Logon/"))
        .header("Content-Type", "text/xml")
        .body("<LogonRequest><APIKey>demo-api-key</APIKey><Password>demo-password</Password></LogonRequest>")
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("text");
    assert_eq!(
        logon,
        r#"<LogonResponse Success="true" Message="Login Successful" StatusCode="0" />"#
    );

    let response = api
        .http
        .post(api.url("Server/GetServer/XML"))
        .header("Content-Type", "text/xml")
        .body("<ServerRequest><AccountAlias>DEMO</AccountAlias><Name>WA1DEMOWEB01</Name></ServerRequest>")
        .send()
        .await
        .expect("sent");
    assert!(response.headers()["content-type"]
        .to_str()
        .expect("type")
        .starts_with("text/xml"));
    let xml = response.text().await.expect("text");
    assert!(
        xml.starts_with(r#"<GetServersResponse Success="true" Message="Success" StatusCode="0">"#),
        "{xml}"
    );
    assert!(xml.contains(r#"<Servers><Server ID="-1""#), "{xml}");
    assert!(xml.contains(r#"Name="WA1DEMOWEB01""#), "{xml}");
    assert!(
        xml.contains(r#"<IPAddresses><IPAddress Address="10.81.10.10" AddressType="RIP" />"#),
        "{xml}"
    );
    assert_well_formed(&xml);

    let queued = api
        .http
        .post(api.url("Server/PauseServer/XML"))
        .body("<ServerRequest><Name>NOSUCHSERVER</Name></ServerRequest>")
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("text");
    assert!(queued.starts_with(r#"<QueuedItemResponse Success="false" Message="Resource Not Found. A Server with the specified Name cannot be found." StatusCode="5""#), "{queued}");
}

#[tokio::test]
async fn json_answers_use_dotnet_dates_and_numeric_address_types() {
    let sim = sim().await;
    let api = Api::new(&sim);
    api.logon().await;
    let text = api
        .post("Server/GetServer/JSON", json!({"Name": "WA1DEMOWEB01"}))
        .await
        .text()
        .await
        .expect("text");
    assert!(text.contains(r#""DateModified":"\/Date("#), "{text}");
    let server: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(server["Servers"][0]["IPAddresses"][0]["AddressType"], 1);
}

#[tokio::test]
async fn power_operations_go_through_the_queue() {
    let sim = sim_with(fast_queue()).await;
    let api = Api::new(&sim);
    api.logon().await;
    let name = api.started_server().await;

    let queued = api
        .call("Server/PowerOffServer", json!({"Name": name}))
        .await;
    assert_eq!(queued["StatusCode"], 0, "{queued}");
    let details = api.wait_for(&queued["RequestID"]).await;
    assert_eq!(details["CurrentStatus"], "Succeeded");
    assert_eq!(details["PercentComplete"], 100);
    assert_eq!(details["RequestID"], queued["RequestID"]);
    assert_eq!(api.server(&name).await["PowerState"], "Stopped");

    let reboot = api.call("Server/RebootServer", json!({"Name": name})).await;
    api.wait_for(&reboot["RequestID"]).await;
    assert_eq!(api.server(&name).await["PowerState"], "Started");

    let maintenance = api
        .call(
            "Server/ServerMaintenance",
            json!({"Name": name, "Enable": true}),
        )
        .await;
    api.wait_for(&maintenance["RequestID"]).await;
    assert_eq!(api.server(&name).await["InMaintenanceMode"], true);
}

#[tokio::test]
async fn a_queued_request_does_nothing_until_it_succeeds() {
    let sim = sim_with(SimOptions {
        queue_step: Duration::from_secs(3600),
        ..SimOptions::default()
    })
    .await;
    let api = Api::new(&sim);
    api.logon().await;
    let name = api.started_server().await;
    let queued = api.call("Server/PauseServer", json!({"Name": name})).await;
    let status = api
        .call(
            "Queue/GetRequestStatus",
            json!({"RequestID": queued["RequestID"].to_string()}),
        )
        .await;
    let details = &status["RequestDetails"];
    assert_eq!(details["CurrentStatus"], "Not Started");
    assert_eq!(details["PercentComplete"], 0);
    assert_eq!(api.server(&name).await["PowerState"], "Started");
    let pending = api
        .call("Queue/ListQueueRequests", json!({"ItemStatusType": "2"}))
        .await;
    assert_eq!(pending["Requests"].as_array().expect("list").len(), 1);
}

#[tokio::test]
async fn fail_next_job_fails_exactly_one_request() {
    let sim = sim_with(fast_queue()).await;
    let api = Api::new(&sim);
    api.logon().await;
    let name = api.started_server().await;
    sim.faults.update(|f| f.fail_next_job = true);

    let first = api
        .call("Server/PowerOffServer", json!({"Name": name}))
        .await;
    assert_eq!(
        api.wait_for(&first["RequestID"]).await["CurrentStatus"],
        "Failed"
    );
    assert_eq!(api.server(&name).await["PowerState"], "Started");
    assert!(!sim.faults.get().fail_next_job);

    let second = api
        .call("Server/PowerOffServer", json!({"Name": name}))
        .await;
    assert_eq!(
        api.wait_for(&second["RequestID"]).await["CurrentStatus"],
        "Succeeded"
    );
    assert_eq!(api.server(&name).await["PowerState"], "Stopped");
}

#[tokio::test]
async fn power_operations_report_the_documented_errors() {
    let sim = sim().await;
    let api = Api::new(&sim);
    api.logon().await;
    let missing = api.call("Server/RebootServer", json!({})).await;
    assert_eq!(missing["StatusCode"], 1410);
    let unknown = api
        .call("Server/RebootServer", json!({"Name": "NOPE01"}))
        .await;
    assert_eq!(unknown["StatusCode"], 5);
    let servers = api.all_servers().await;
    let building = servers
        .iter()
        .find(|s| s["Status"] == "UnderConstruction")
        .expect("one server under construction");
    let inactive = api
        .call("Server/PowerOnServer", json!({"Name": building["Name"]}))
        .await;
    assert_eq!(inactive["StatusCode"], 6);
    assert_eq!(
        inactive["Message"],
        "Invalid Operation. Server must be in an active state."
    );
}

#[tokio::test]
async fn networks_show_claimed_and_free_addresses() {
    let sim = sim().await;
    let api = Api::new(&sim);
    api.logon().await;
    let networks = api
        .call("Network/GetNetworks", json!({"Location": "WA1"}))
        .await;
    let list = networks["Networks"].as_array().expect("networks");
    assert!(list.len() >= 2);
    let details = api
        .call(
            "Network/GetNetworkDetails",
            json!({"Name": list[0]["Name"], "Location": "WA1"}),
        )
        .await;
    let addresses = details["NetworkDetails"]["IPAddresses"]
        .as_array()
        .expect("addresses");
    let claimed: Vec<&Value> = addresses
        .iter()
        .filter(|a| a["IsClaimed"] == true)
        .collect();
    assert!(!claimed.is_empty());
    assert!(addresses
        .iter()
        .any(|a| a["IsClaimed"] == false && a["ServerName"] == ""));
    let owner = claimed[0]["ServerName"].as_str().expect("server");
    assert_eq!(api.server(owner).await["IPAddress"], claimed[0]["Address"]);
    let missing = api.call("Network/GetNetworkDetails", json!({})).await;
    assert_eq!(missing["StatusCode"], 1510);
}

#[tokio::test]
async fn hourly_charges_cover_the_last_day_as_strings() {
    let sim = sim().await;
    let api = Api::new(&sim);
    api.logon().await;
    let answer = api
        .call(
            "Billing/GetServerHourlyCharges",
            json!({"ServerName": "WA1DEMOWEB01"}),
        )
        .await;
    assert_eq!(answer["StatusCode"], 0, "{answer}");
    let hours = answer["HourlyCharges"].as_array().expect("hours");
    assert_eq!(hours.len(), 24);
    assert!(hours[0]["Hour"].as_str().expect("hour") > hours[23]["Hour"].as_str().expect("hour"));
    for field in ["ProcessorCost", "MemoryCost", "StorageCost", "OSCost"] {
        let cost: f64 = hours[0][field]
            .as_str()
            .expect("string")
            .parse()
            .expect("number");
        assert!(cost >= 0.0);
    }
    assert!(answer["Summary"]["MonthlyEstimate"].is_number());
    let unknown = api
        .call(
            "Billing/GetServerHourlyCharges",
            json!({"ServerName": "NOPE"}),
        )
        .await;
    assert_eq!(unknown["StatusCode"], 5);
    let bad_date = api
        .call(
            "Billing/GetServerHourlyCharges",
            json!({"ServerName": "WA1DEMOWEB01", "StartDate": "soon"}),
        )
        .await;
    assert_eq!(bad_date["StatusCode"], 1801);
}

#[tokio::test]
async fn fault_latency_delays_answers() {
    let sim = sim().await;
    let api = Api::new(&sim);
    sim.faults.update(|f| f.latency_ms = 300);
    let started = Instant::now();
    api.call("Account/GetLocations", json!({})).await;
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn fault_error_rate_gives_unknown_errors() {
    let sim = sim().await;
    let api = Api::new(&sim);
    api.logon().await;
    sim.faults.update(|f| f.error_rate = 1.0);
    let answer = api.call("Account/GetLocations", json!({})).await;
    assert_eq!(answer["Success"], false);
    assert_eq!(answer["StatusCode"], 2);
    let xml = api
        .post("Account/GetLocations/XML", json!({}))
        .await
        .text()
        .await
        .expect("text");
    assert!(
        xml.starts_with(r#"<LocationsResponse Success="false""#),
        "{xml}"
    );
}

#[tokio::test]
async fn fault_http_status_answers_every_request() {
    let sim = sim().await;
    let api = Api::new(&sim);
    sim.faults.update(|f| f.http_status = Some(503));
    let response = api.post("Auth/Logon/", json!({})).await;
    assert_eq!(response.status(), 503);
}

#[tokio::test]
async fn fault_malformed_body_breaks_json() {
    let sim = sim().await;
    let api = Api::new(&sim);
    api.logon().await;
    sim.faults.update(|f| f.malformed_body = true);
    let text = api
        .post("Account/GetLocations/JSON", json!({}))
        .await
        .text()
        .await
        .expect("text");
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
}

#[tokio::test]
async fn fault_expire_sessions_forgets_every_session_once() {
    let sim = sim().await;
    let api = Api::new(&sim);
    api.logon().await;
    sim.faults.update(|f| f.expire_sessions = true);
    assert!(!sim.faults.get().expire_sessions);
    assert_eq!(
        api.call("Account/GetLocations", json!({})).await["StatusCode"],
        100
    );
    api.logon().await;
    assert_eq!(
        api.call("Account/GetLocations", json!({})).await["StatusCode"],
        0
    );
}

#[tokio::test]
async fn fault_drop_mid_body_aborts_the_answer() {
    let sim = sim().await;
    let api = Api::new(&sim);
    api.logon().await;
    sim.faults.update(|f| f.drop_mid_body = true);
    let response = api.post("Account/GetLocations/JSON", json!({})).await;
    assert_eq!(response.status(), 200);
    assert!(response.bytes().await.is_err());
}

#[tokio::test]
async fn fault_rate_limit_answers_429_with_retry_after_and_logs_requests() {
    let sim = sim().await;
    let api = Api::new(&sim);
    assert_eq!(
        api.set_faults(json!({"rate_limit": 30})).await.status(),
        200
    );
    let response = api.post("Auth/Logon/", json!({})).await;
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "30");
    assert_eq!(sim.faults.requests_holding(&["POST /REST/Auth/Logon/"]), 1);
    assert_eq!(
        sim.faults.requests_holding(&["_sim"]),
        0,
        "control calls are not logged"
    );
}

#[tokio::test]
async fn faults_can_be_read_and_set_over_http() {
    let sim = sim().await;
    let api = Api::new(&sim);
    let url = format!("{}_sim/faults", api.root());
    let initial: Faults = api
        .http
        .get(&url)
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("JSON");
    assert_eq!(initial, Faults::default());

    let set = api
        .set_faults(json!({"http_status": 503, "latency_ms": 1}))
        .await;
    assert_eq!(set.status(), 200);
    assert_eq!(sim.faults.get().http_status, Some(503));
    assert_eq!(api.post("Auth/Logon/", json!({})).await.status(), 503);
    let shown: Value = api
        .http
        .get(&url)
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("JSON");
    assert_eq!(shown["http_status"], 503);

    assert_eq!(api.set_faults(json!({})).await.status(), 200);
    assert_eq!(api.logon().await["StatusCode"], 0);
    assert_eq!(
        api.set_faults(json!({"latency_ms": "x"})).await.status(),
        400
    );
}

#[tokio::test]
async fn the_same_seed_gives_the_same_fixtures() {
    let (one, two) = (sim().await, sim().await);
    let (a, b) = (Api::new(&one), Api::new(&two));
    a.logon().await;
    b.logon().await;
    // Dates are relative to today; everything else must match exactly.
    let without_dates = |mut servers: Vec<Value>| {
        servers
            .iter_mut()
            .for_each(|s| s["DateModified"] = Value::Null);
        servers
    };
    let (first, second) = (a.all_servers().await, b.all_servers().await);
    assert_eq!(first.len(), 24 - 2);
    assert_eq!(without_dates(first), without_dates(second));
}

#[tokio::test]
async fn scale_ten_thousand_lists_ten_thousand_servers() {
    let sim = sim_with(SimOptions {
        scale: 10_000,
        ..SimOptions::default()
    })
    .await;
    let api = Api::new(&sim);
    api.logon().await;
    let mut names = std::collections::HashSet::new();
    for location in ["WA1", "UC1", "GB3"] {
        let answer = api
            .call(
                "Server/GetAllServersForAccountHierarchy",
                json!({"Location": location}),
            )
            .await;
        for group in answer["AccountServers"].as_array().expect("groups") {
            for server in group["Servers"].as_array().expect("servers") {
                names.insert(server["Name"].as_str().expect("name").to_string());
            }
        }
    }
    assert_eq!(names.len(), 10_000);
}

#[tokio::test]
async fn a_targeted_fault_hits_only_matching_requests_and_counts_down() {
    let sim = sim().await;
    let api = Api::new(&sim);
    api.logon().await;
    let set = api
        .set_faults(json!({"targeted": [{
            "matches": ["Network/GetNetworks/", "\"Location\":\"UC1\""],
            "times": 2
        }]}))
        .await;
    assert_eq!(set.status(), 200);
    let networks = |location: &str| json!({"Location": location});
    let uc1 = api.call("Network/GetNetworks", networks("UC1")).await;
    assert_eq!(
        (uc1["Success"].clone(), uc1["StatusCode"].clone()),
        (json!(false), json!(2)),
        "{uc1}"
    );
    let wa1 = api.call("Network/GetNetworks", networks("WA1")).await;
    assert_eq!(wa1["StatusCode"], 0, "another location is untouched: {wa1}");
    let details = json!({"Location": "UC1", "Name": "x"});
    let other = api.call("Network/GetNetworkDetails", details).await;
    assert_ne!(
        other["StatusCode"], 2,
        "another method is untouched: {other}"
    );
    assert_eq!(sim.faults.get().targeted[0].times, Some(1));
    let again = api.call("Network/GetNetworks", networks("UC1")).await;
    assert_eq!(again["StatusCode"], 2);
    assert!(sim.faults.get().targeted.is_empty(), "used up");
    let healed = api.call("Network/GetNetworks", networks("UC1")).await;
    assert_eq!(healed["StatusCode"], 0, "{healed}");
}

#[tokio::test]
async fn a_targeted_fault_can_answer_an_http_status_or_a_garbled_body() {
    let sim = sim().await;
    let api = Api::new(&sim);
    api.logon().await;
    api.set_faults(json!({"targeted": [
        {"matches": ["GetLocations"], "http_status": 502},
        {"matches": ["GetGroups"], "malformed_body": true}
    ]}))
    .await;
    let locations = api.post("Account/GetLocations/JSON", json!({})).await;
    assert_eq!(locations.status(), 502);
    let groups = api
        .post("Group/GetGroups/JSON", json!({"Location": "WA1"}))
        .await;
    assert_eq!(groups.status(), 200);
    let text = groups.text().await.expect("text");
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
}
