//! The HostBill (XSServer client portal) simulator over real loopback
//! HTTP: Basic and token authentication (expiry after N uses, refresh,
//! revoke, logout), the document's shapes with its strings and numbers,
//! tickets, domains, nameservers (the empty list resetting them), DNS
//! records and rDNS persisting, the placeholder string forms refused, the
//! VM and PDU calls, the `/_sim/` routes, faults and deterministic
//! fixtures. Answers are read as plain JSON; nothing from `provider` is used.

use hostdeck::sim::hostbill::{records_json, DEFAULT_NAMESERVERS, DEMO_EMAIL, DEMO_PASSWORD};
use hostdeck::sim::{start_hostbill, Faults, SimOptions, SimServer, Targeted};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// The JWT header segment of the document's tokens.
const JWT_HEADER: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.";
/// Every GET the simulator serves, with the demo ids.
const GETS: [&str; 14] = [
    "details",
    "tickets",
    "ticket/departments",
    "domain",
    "domain/47",
    "domain/name/becker-it.com",
    "domain/47/dns",
    "service/1201/ip",
    "service/1201/rdns",
    "service/1203/pdu",
    "service/1202/vms/301/interfaces",
    "service/1202/vms/301/interfaces/net0",
    "service/1202/vms/301/ips",
    "service/1201/dns",
];

/// How a call authenticates.
#[derive(Clone)]
enum Auth {
    Basic,
    Bearer(String),
    None,
}

struct HostBill {
    http: reqwest::Client,
    base: String,
    sim: SimServer,
}

impl HostBill {
    async fn start() -> HostBill {
        HostBill::with(SimOptions::default()).await
    }

    async fn with(options: SimOptions) -> HostBill {
        let sim = start_hostbill(options).await.expect("simulator starts");
        HostBill {
            http: reqwest::Client::new(),
            base: sim.base_url.clone(),
            sim,
        }
    }

    /// `http://127.0.0.1:PORT/_sim/<path>`.
    fn control(&self, path: &str) -> String {
        format!("{}_sim/{path}", self.base.trim_end_matches("api/"))
    }

    fn request(&self, auth: &Auth, method: Method, path: &str) -> RequestBuilder {
        let request = self.http.request(method, format!("{}{path}", self.base));
        match auth {
            Auth::Basic => request.basic_auth(DEMO_EMAIL, Some(DEMO_PASSWORD)),
            Auth::Bearer(token) => request.bearer_auth(token),
            Auth::None => request,
        }
    }

    /// Status and JSON body (Null when empty).
    async fn call_as(
        &self,
        auth: &Auth,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self.request(auth, method, path);
        if let Some(body) = body {
            request = request.json(&body);
        }
        read(request).await
    }

    /// A POST with no credentials (login, token, revoke).
    async fn anonymous(&self, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        self.call_as(&Auth::None, Method::POST, path, body).await
    }

    /// The status of a call without a body.
    async fn status_as(&self, auth: &Auth, method: Method, path: &str) -> StatusCode {
        self.call_as(auth, method, path, None).await.0
    }

    /// A call with Basic auth.
    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        self.call_as(&Auth::Basic, method, path, body).await
    }

    /// A 200 GET's JSON, with Basic auth.
    async fn get(&self, path: &str) -> Value {
        let (status, body) = self.call(Method::GET, path, None).await;
        assert_eq!(status, 200, "{path}: {body}");
        body
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(body)).await
    }

    async fn put(&self, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        self.call(Method::PUT, path, body).await
    }

    /// `POST /login` with the demo credentials: the token pair.
    async fn login(&self) -> (String, String) {
        let body = json!({"username": DEMO_EMAIL, "password": DEMO_PASSWORD});
        let (status, pair) = self
            .call_as(&Auth::None, Method::POST, "login", Some(body))
            .await;
        assert_eq!(status, 200, "{pair}");
        (text(&pair["token"]), text(&pair["refresh"]))
    }

    async fn sim_get(&self, path: &str) -> Value {
        read(self.http.get(self.control(path))).await.1
    }

    async fn sim_post(&self, path: &str, body: Value) -> Value {
        let (status, answer) = read(self.http.post(self.control(path)).json(&body)).await;
        assert_eq!(status, 200, "{path}: {answer}");
        answer
    }

    async fn tickets(&self) -> Vec<Value> {
        items(&self.get("tickets").await["tickets"])
    }

    async fn nameservers(&self, domain: u64) -> Value {
        self.get(&format!("domain/{domain}")).await["details"]["nameservers"].clone()
    }

    async fn rdns(&self, service: u64) -> Vec<Value> {
        items(&self.get(&format!("service/{service}/rdns")).await["rdns"])
    }

    async fn records(&self, domain: u64) -> Vec<Value> {
        items(&self.get(&format!("domain/{domain}/dns")).await["records"])
    }
}

async fn read(request: RequestBuilder) -> (StatusCode, Value) {
    let response = request.send().await.expect("request sent");
    let status = response.status();
    let text = response.text().await.expect("body");
    let json = if text.is_empty() {
        Value::Null
    } else {
        // An injected HTTP error's body is plain text.
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    (status, json)
}

fn text(value: &Value) -> String {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a string: {value}"))
        .to_string()
}

fn items(value: &Value) -> Vec<Value> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .clone()
}

fn keys(object: &Value) -> Vec<&str> {
    object
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {object}"))
        .keys()
        .map(String::as_str)
        .collect()
}

fn sorted(names: &str) -> Vec<&str> {
    let mut names: Vec<&str> = names.split_whitespace().collect();
    names.sort_unstable();
    names
}

/// The `{"error": [...]}` body's messages.
fn errors(body: &Value) -> Vec<String> {
    items(&body["error"]).iter().map(text).collect()
}

fn error_body(messages: &[&str]) -> Value {
    json!({ "error": messages })
}

/// An answer of `status` with the error body `{"error": [message]}`.
fn refused(status: StatusCode, message: &str) -> (StatusCode, Value) {
    (status, error_body(&[message]))
}

#[tokio::test]
async fn basic_auth_opens_every_call_and_anything_else_is_refused_with_401() {
    let api = HostBill::start().await;
    for path in GETS {
        let (status, body) = api.call(Method::GET, path, None).await;
        assert!(status == 200, "{path}: {status} {body}");
        let (status, body) = api.call_as(&Auth::None, Method::GET, path, None).await;
        assert_eq!(status, 401, "{path}");
        assert_eq!(body, error_body(&["authentication required"]), "{path}");
    }
    let response = api
        .request(&Auth::None, Method::GET, "details")
        .basic_auth(DEMO_EMAIL, Some("wrong"))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 401);
    assert!(response.headers().contains_key("www-authenticate"));
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body, error_body(&["invalid login details"]));
    let upper = api
        .request(&Auth::None, Method::GET, "details")
        .basic_auth(DEMO_EMAIL.to_uppercase(), Some(DEMO_PASSWORD));
    assert_eq!(read(upper).await.0, 200, "the e-mail address in any case");
    let other_scheme = api
        .request(&Auth::None, Method::GET, "details")
        .header("Authorization", "Token abc");
    assert_eq!(read(other_scheme).await.0, 401);
}

#[tokio::test]
async fn details_is_the_documents_client_object_of_strings() {
    let api = HostBill::start().await;
    let client = api.get("details").await["client"].clone();
    assert_eq!(
        sorted(&keys(&client).join(" ")),
        sorted(
            "id email lastlogin ip host firstname lastname companyname address1 address2 city \
             state postcode country phonenumber"
        )
    );
    assert!(client.as_object().unwrap().values().all(Value::is_string));
    assert_eq!(client["email"], DEMO_EMAIL);
}

#[tokio::test]
async fn login_gives_a_jwt_pair_that_bearer_calls_accept() {
    let api = HostBill::start().await;
    let (token, refresh) = api.login().await;
    assert!(token.starts_with(JWT_HEADER) && refresh.starts_with(JWT_HEADER));
    assert_eq!(token.split('.').count(), 3);
    assert_ne!(token, refresh);
    let (status, body) = api
        .call_as(&Auth::Bearer(token), Method::GET, "tickets", None)
        .await;
    assert_eq!(status, 200);
    assert!(body["tickets"].is_array());
    let wrong = json!({"username": DEMO_EMAIL, "password": "nope"});
    assert_eq!(
        api.anonymous("login", Some(wrong)).await,
        refused(StatusCode::UNAUTHORIZED, "invalid login details")
    );
    assert_eq!(
        api.call_as(
            &Auth::None,
            Method::POST,
            "login",
            Some(json!({"username": DEMO_EMAIL})),
        )
        .await,
        refused(StatusCode::BAD_REQUEST, "password is required")
    );
    assert_eq!(
        api.call_as(
            &Auth::Bearer("eyJ.unknown.token".into()),
            Method::GET,
            "details",
            None,
        )
        .await,
        refused(StatusCode::UNAUTHORIZED, "invalid token")
    );
}

#[tokio::test]
async fn an_access_token_serves_three_calls_then_a_refresh_gives_a_new_pair() {
    let api = HostBill::start().await;
    let (token, refresh) = api.login().await;
    let bearer = Auth::Bearer(token);
    for _ in 0..3 {
        assert_eq!(api.status_as(&bearer, Method::GET, "domain").await, 200);
    }
    assert_eq!(
        api.call_as(&bearer, Method::GET, "domain", None).await,
        refused(StatusCode::UNAUTHORIZED, "token expired")
    );
    let refreshed = json!({"refresh_token": refresh});
    let (status, pair) = api.anonymous("token", Some(refreshed.clone())).await;
    assert_eq!(status, 200, "{pair}");
    let (new_token, new_refresh) = (text(&pair["token"]), text(&pair["refresh"]));
    assert_ne!(new_refresh, refresh, "the refresh token rotates");
    let bearer = Auth::Bearer(new_token);
    assert_eq!(api.status_as(&bearer, Method::GET, "domain").await, 200);
    assert_eq!(
        api.anonymous("token", Some(refreshed)).await,
        refused(StatusCode::UNAUTHORIZED, "invalid refresh token")
    );
    assert_eq!(
        api.anonymous("token", Some(json!({}))).await,
        refused(StatusCode::BAD_REQUEST, "refresh_token is required")
    );
    let state = api.sim_get("auth").await;
    assert_eq!(
        (
            &state["token_uses"],
            &state["logins"],
            &state["refreshes"],
            &state["live_sessions"]
        ),
        (&json!(3), &json!(1), &json!(1), &json!(1))
    );
    assert_eq!(
        pair.as_object().map(|o| o.len()),
        Some(2),
        "token and refresh only"
    );
}

#[tokio::test]
async fn the_uses_of_a_token_come_from_the_options_and_the_control_route() {
    let api = HostBill::with(SimOptions {
        token_uses: 1,
        ..SimOptions::default()
    })
    .await;
    let (token, _) = api.login().await;
    let bearer = Auth::Bearer(token);
    assert_eq!(api.status_as(&bearer, Method::GET, "details").await, 200);
    assert_eq!(api.status_as(&bearer, Method::GET, "details").await, 401);
    let state = api.sim_post("auth", json!({"token_uses": 5})).await;
    assert_eq!(state["token_uses"], 5);
    let bearer = Auth::Bearer(api.login().await.0);
    for _ in 0..5 {
        assert_eq!(api.status_as(&bearer, Method::GET, "details").await, 200);
    }
    assert_eq!(api.status_as(&bearer, Method::GET, "details").await, 401);
    let (status, _) = read(
        api.http
            .post(api.control("auth"))
            .json(&json!({"token_uses": 0})),
    )
    .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn revoke_ends_a_session_by_refresh_token_or_access_token_and_logout_only_the_access() {
    let api = HostBill::start().await;
    let (token, refresh) = api.login().await;
    let body = json!({"refresh_token": refresh});
    assert_eq!(
        api.anonymous("revoke", Some(body.clone())).await,
        (StatusCode::OK, json!({"status": true}))
    );
    let bearer = Auth::Bearer(token);
    assert_eq!(
        api.call_as(&bearer, Method::GET, "details", None).await.1,
        error_body(&["invalid token"])
    );
    assert_eq!(
        api.anonymous("token", Some(body.clone())).await,
        refused(StatusCode::UNAUTHORIZED, "invalid refresh token")
    );
    assert_eq!(api.anonymous("revoke", Some(body)).await.0, 401);

    let (token, refresh) = api.login().await;
    let bearer = Auth::Bearer(token);
    assert_eq!(
        api.call_as(&bearer, Method::POST, "revoke", None).await,
        (StatusCode::OK, json!({"status": true}))
    );
    let body = json!({"refresh_token": refresh});
    assert_eq!(api.anonymous("token", Some(body)).await.0, 401);
    assert_eq!(api.anonymous("revoke", None).await.0, 401);

    let (token, refresh) = api.login().await;
    let bearer = Auth::Bearer(token);
    assert_eq!(
        api.call_as(&bearer, Method::POST, "logout", None).await,
        (StatusCode::OK, json!({"status": true}))
    );
    assert_eq!(api.status_as(&bearer, Method::GET, "details").await, 401);
    let body = json!({"refresh_token": refresh});
    assert_eq!(
        api.anonymous("token", Some(body)).await.0,
        200,
        "the refresh token lives on"
    );
    assert_eq!(
        api.post("logout", json!({})).await,
        (StatusCode::OK, json!({"status": true}))
    );
}

#[tokio::test]
async fn the_expire_sessions_fault_forces_a_new_login() {
    let api = HostBill::start().await;
    let (token, refresh) = api.login().await;
    api.sim.faults.set(Faults {
        expire_sessions: true,
        ..Faults::default()
    });
    let bearer = Auth::Bearer(token);
    assert_eq!(
        api.call_as(&bearer, Method::GET, "details", None).await.1,
        error_body(&["token expired"])
    );
    let body = json!({"refresh_token": refresh});
    assert_eq!(
        api.anonymous("token", Some(body)).await,
        refused(StatusCode::UNAUTHORIZED, "refresh token expired")
    );
    let bearer = Auth::Bearer(api.login().await.0);
    assert_eq!(api.status_as(&bearer, Method::GET, "details").await, 200);
    assert_eq!(
        api.get("details").await["client"]["email"],
        DEMO_EMAIL,
        "Basic is unaffected"
    );
}

#[tokio::test]
async fn the_inbox_has_ten_tickets_two_unread_in_the_documents_shape() {
    let api = HostBill::start().await;
    let tickets = api.tickets().await;
    assert_eq!(tickets.len(), 10);
    for ticket in &tickets {
        assert_eq!(
            sorted(&keys(ticket).join(" ")),
            sorted("client_read ticket_number date deptname subject status")
        );
        assert!(
            ticket.as_object().unwrap().values().all(Value::is_string),
            "{ticket}"
        );
        assert_eq!(text(&ticket["ticket_number"]).len(), 6);
        assert_eq!(text(&ticket["date"]).len(), 19, "YYYY-MM-DD HH:MM:SS");
    }
    let unread: Vec<&Value> = tickets.iter().filter(|t| t["client_read"] == "0").collect();
    assert_eq!(unread.len(), 2);
    assert!(unread.iter().all(|t| t["status"] == "Answered"));
    let dates: Vec<String> = tickets.iter().map(|t| text(&t["date"])).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let departments = items(&api.get("ticket/departments").await["departments"]);
    assert_eq!(departments.len(), 4);
    assert!(departments
        .iter()
        .all(|d| d["id"].is_string() && d["name"].is_string()));
}

#[tokio::test]
async fn reading_a_ticket_shows_its_replies_and_marks_it_read() {
    let api = HostBill::start().await;
    let unread = api
        .tickets()
        .await
        .into_iter()
        .find(|t| t["client_read"] == "0")
        .expect("unread");
    let number = text(&unread["ticket_number"]);
    let thread = api.get(&format!("tickets/{number}")).await;
    assert_eq!(sorted(&keys(&thread).join(" ")), ["replies", "ticket"]);
    assert_eq!(
        sorted(&keys(&thread["ticket"]).join(" ")),
        sorted("date ticket_number name email subject body status client_read deptname")
    );
    assert!(text(&thread["ticket"]["body"]).contains("\r\n"));
    let replies = items(&thread["replies"]);
    assert!(!replies.is_empty());
    for reply in &replies {
        assert_eq!(
            sorted(&keys(reply).join(" ")),
            sorted("id name date body status type")
        );
        assert!(!text(&reply["body"]).is_empty());
        assert_eq!(reply["status"], "Sent");
    }
    assert_eq!(replies.last().unwrap()["type"], "Admin");
    let again = api
        .tickets()
        .await
        .into_iter()
        .find(|t| t["ticket_number"] == number.as_str());
    assert_eq!(again.expect("listed")["client_read"], "1");
    assert_eq!(
        api.call(Method::GET, "tickets/999", None).await,
        refused(StatusCode::NOT_FOUND, "ticket not found")
    );
}

#[tokio::test]
async fn a_reply_answers_only_reply_added_and_persists() {
    let api = HostBill::start().await;
    let number = text(&api.tickets().await[0]["ticket_number"]);
    let path = format!("tickets/{number}");
    let before = items(&api.get(&path).await["replies"]).len();
    let (status, body) = api
        .post(&path, json!({"body": "Still down.\r\nPlease call me."}))
        .await;
    assert_eq!(
        (status, body),
        (StatusCode::OK, json!({"info": ["reply_added"]}))
    );
    let thread = api.get(&path).await;
    let replies = items(&thread["replies"]);
    assert_eq!(replies.len(), before + 1);
    let last = replies.last().unwrap();
    assert_eq!(
        (&last["body"], &last["type"], &last["name"]),
        (
            &json!("Still down.\r\nPlease call me."),
            &json!("Client"),
            &json!("Jonas Becker")
        )
    );
    assert_eq!(thread["ticket"]["status"], "Client-Reply");
    assert_eq!(
        api.post(&path, json!({"body": "  "})).await,
        refused(StatusCode::BAD_REQUEST, "body must not be empty")
    );
}

#[tokio::test]
async fn close_and_open_persist_and_answer_status_false_when_nothing_changes() {
    let api = HostBill::start().await;
    let open = api
        .tickets()
        .await
        .into_iter()
        .find(|t| t["status"] == "Open")
        .expect("open");
    let number = text(&open["ticket_number"]);
    let status_of = |tickets: Vec<Value>| {
        tickets
            .into_iter()
            .find(|t| t["ticket_number"] == number.as_str())
            .map(|t| t["status"].clone())
    };
    let close = format!("tickets/{number}/close");
    let reopen = format!("tickets/{number}/open");
    assert_eq!(
        api.put(&reopen, None).await,
        (StatusCode::OK, json!({"status": false}))
    );
    assert_eq!(
        api.put(&close, None).await,
        (StatusCode::OK, json!({"status": true}))
    );
    assert_eq!(status_of(api.tickets().await), Some(json!("Closed")));
    assert_eq!(
        api.put(&close, None).await,
        (StatusCode::OK, json!({"status": false}))
    );
    assert_eq!(
        api.put(&reopen, None).await,
        (StatusCode::OK, json!({"status": true}))
    );
    assert_eq!(status_of(api.tickets().await), Some(json!("Open")));
}

#[tokio::test]
async fn a_staff_answer_makes_a_ticket_unread_and_a_locked_one_stays_shut() {
    let api = HostBill::start().await;
    let read = api
        .tickets()
        .await
        .into_iter()
        .find(|t| t["client_read"] == "1" && t["status"] == "Open")
        .expect("read");
    let number = text(&read["ticket_number"]);
    let kept = api
        .sim_post(
            &format!("tickets/{number}/answer"),
            json!({"body": "Done."}),
        )
        .await;
    assert_eq!(
        (&kept["client_read"], &kept["status"]),
        (&json!(false), &json!("Answered"))
    );
    let listed = api
        .tickets()
        .await
        .into_iter()
        .find(|t| t["ticket_number"] == number.as_str())
        .unwrap();
    assert_eq!(listed["client_read"], "0");
    let thread = api.get(&format!("tickets/{number}")).await;
    let last = items(&thread["replies"]).pop().unwrap();
    assert_eq!(
        (&last["body"], &last["type"]),
        (&json!("Done."), &json!("Admin"))
    );

    let locked = api
        .sim_post(&format!("tickets/{number}/lock"), json!({}))
        .await;
    assert_eq!(
        (&locked["locked"], &locked["status"]),
        (&json!(true), &json!("Closed"))
    );
    assert_eq!(
        api.put(&format!("tickets/{number}/open"), None).await,
        (StatusCode::OK, json!({"status": false}))
    );
    assert_eq!(
        api.post(&format!("tickets/{number}"), json!({"body": "hello?"}))
            .await,
        refused(StatusCode::OK, "ticket is locked")
    );
    assert_eq!(items(&api.sim_get("tickets").await).len(), 10);
}

#[tokio::test]
async fn a_new_ticket_gets_a_number_and_persists() {
    let api = HostBill::start().await;
    let body =
        json!({"dept_id": 1, "subject": "New disk", "body": "Disk 2 failed.\r\nPlease replace."});
    let (status, answer) = api.post("tickets", body).await;
    assert_eq!(status, 200, "{answer}");
    let number = answer["ticket"]
        .as_u64()
        .expect("a JSON number, as in the document");
    let tickets = api.tickets().await;
    assert_eq!(tickets.len(), 11);
    assert_eq!(
        tickets[0]["ticket_number"],
        number.to_string(),
        "newest first"
    );
    assert_eq!(
        (&tickets[0]["status"], &tickets[0]["deptname"]),
        (&json!("Open"), &json!("Technical Support"))
    );
    let thread = api.get(&format!("tickets/{number}")).await;
    assert_eq!(
        thread["ticket"]["body"],
        "Disk 2 failed.\r\nPlease replace."
    );
    assert_eq!(thread["replies"], json!([]));
    let (status, _) = api
        .post(
            "tickets",
            json!({"dept_id": "2", "subject": "s", "body": "b"}),
        )
        .await;
    assert_eq!(status, 200, "a string of digits is a number");
    let (status, body) = api
        .post("tickets", json!({"dept_id": 99, "subject": "", "body": 5}))
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        errors(&body),
        [
            "subject must not be empty",
            "body must be a string",
            "dept_id 99 is not a department of GET /ticket/departments"
        ]
    );
    assert_eq!(
        api.post("tickets", json!({"subject": "s", "body": "b"}))
            .await
            .1,
        error_body(&["dept_id is required"])
    );
    assert_eq!(api.tickets().await.len(), 12);
}

#[tokio::test]
async fn domains_keep_the_documents_strings_and_details_have_nameservers() {
    let api = HostBill::start().await;
    let domains = items(&api.get("domain").await["domains"]);
    assert_eq!(domains.len(), 8);
    for domain in &domains {
        assert_eq!(
            sorted(&keys(domain).join(" ")),
            sorted(
                "id name expires recurring_amount date_created status period autorenew daytoexpire"
            )
        );
        assert!(
            domain.as_object().unwrap().values().all(Value::is_string),
            "{domain}"
        );
    }
    let statuses: BTreeSet<String> = domains.iter().map(|d| text(&d["status"])).collect();
    assert_eq!(
        statuses,
        ["Active", "Expired", "Pending Transfer"]
            .map(String::from)
            .into()
    );
    let details = api.get("domain/47").await["details"].clone();
    assert_eq!(
        sorted(&keys(&details).join(" ")),
        sorted(
            "id name date_created firstpayment recurring_amount period expires status next_due \
             next_invoice idprotection nameservers autorenew"
        )
    );
    assert_eq!(details["nameservers"], json!(DEFAULT_NAMESERVERS));
    let twins = items(&api.get("domain/name/becker-it.com").await["details"]);
    assert_eq!(
        twins.len(),
        2,
        "two registrations of one name, as in the document"
    );
    assert_eq!(
        api.call(Method::GET, "domain/name/nowhere.example", None)
            .await
            .0,
        404
    );
    assert_eq!(
        api.call(Method::GET, "domain/12345", None).await,
        refused(StatusCode::NOT_FOUND, "domain not found")
    );
}

#[tokio::test]
async fn nameservers_persist_and_an_empty_list_resets_them_to_the_defaults() {
    let api = HostBill::start().await;
    assert_ne!(api.nameservers(48).await, json!(DEFAULT_NAMESERVERS));
    let custom = json!({"nameservers": ["ns1.example.net", "NS2.example.net."]});
    assert_eq!(
        api.put("domain/48/ns", Some(custom)).await,
        (StatusCode::OK, json!({"info": ["success_changes_save"]}))
    );
    assert_eq!(
        api.nameservers(48).await,
        json!(["ns1.example.net", "ns2.example.net"])
    );
    let (status, _) = api
        .put("domain/48/ns", Some(json!({"nameservers": []})))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        api.nameservers(48).await,
        json!(DEFAULT_NAMESERVERS),
        "an empty list means the defaults"
    );
    api.put(
        "domain/48/ns",
        Some(json!({"nameservers": ["a.example.net", "b.example.net"]})),
    )
    .await;
    assert_eq!(api.put("domain/48/ns", None).await.0, 200);
    assert_eq!(
        api.nameservers(48).await,
        json!(DEFAULT_NAMESERVERS),
        "so does a missing one"
    );
    api.put(
        "domain/48/ns",
        Some(json!({"nameservers": ["a.example.net", "b.example.net"]})),
    )
    .await;
    let (status, body) = api
        .put(
            "domain/48/ns",
            Some(json!({"nameservers": "nameserversValue"})),
        )
        .await;
    assert_eq!(status, 400);
    assert!(errors(&body)[0].contains("must be a list"), "{body}");
    assert_eq!(
        api.put(
            "domain/48/ns",
            Some(json!({"nameservers": ["only.example.net"]})),
        )
        .await,
        refused(
            StatusCode::BAD_REQUEST,
            "at least two nameservers are required"
        )
    );
    assert_eq!(
        api.nameservers(48).await,
        json!(["a.example.net", "b.example.net"]),
        "refusals change nothing"
    );
    assert_eq!(
        api.put(
            "domain/52/ns",
            Some(json!({"nameservers": ["a.example.net", "b.example.net"]})),
        )
        .await,
        refused(StatusCode::OK, "domain is not active")
    );
}

#[tokio::test]
async fn dns_records_are_added_edited_and_deleted_by_their_id() {
    let api = HostBill::start().await;
    let records = api.records(47).await;
    let first = records[0].clone();
    assert_eq!(
        sorted(&keys(&first).join(" ")),
        sorted("id name ttl priority type content")
    );
    assert!(
        first["id"].is_u64() && first["ttl"].is_u64() && first["priority"].is_u64(),
        "numbers, as in the document"
    );
    let count = records.len();
    let next_id = records
        .iter()
        .map(|r| r["id"].as_u64().unwrap())
        .max()
        .unwrap()
        + 1;
    let added = json!({"name": "api", "type": "a", "priority": "0", "content": "192.0.2.50"});
    let done = json!({"info": ["DNS Management updated successfully"]});
    assert_eq!(
        api.post("domain/47/dns", added).await,
        (StatusCode::OK, done.clone())
    );
    let records = api.records(47).await;
    assert_eq!(records.len(), count + 1);
    let new = records.last().unwrap();
    assert_eq!(
        new,
        &json!({"id": next_id, "name": "api", "ttl": 3600, "priority": 0, "type": "A", "content": "192.0.2.50"})
    );

    let edited = json!({"name": "api", "type": "MX", "priority": 20, "content": "mx.example.net"});
    assert_eq!(
        api.put(&format!("domain/47/dns/{next_id}"), Some(edited))
            .await,
        (StatusCode::OK, done.clone())
    );
    let record = api
        .records(47)
        .await
        .into_iter()
        .find(|r| r["id"] == next_id)
        .expect("kept");
    assert_eq!(
        (&record["type"], &record["priority"], &record["content"]),
        (&json!("MX"), &json!(20), &json!("mx.example.net"))
    );

    let (status, body) = api.call(Method::DELETE, "domain/47/dns/1", None).await;
    assert_eq!((status, body), (StatusCode::OK, done));
    let ids: Vec<u64> = api
        .records(47)
        .await
        .iter()
        .map(|r| r["id"].as_u64().unwrap())
        .collect();
    assert!(!ids.contains(&1) && ids.contains(&next_id) && ids.len() == count);
    let (status, _) = api
        .post(
            "domain/47/dns",
            json!({"name": "x", "type": "TXT", "content": "t"}),
        )
        .await;
    assert_eq!(status, 200, "priority may be left out");
    let newest = api.records(47).await.last().unwrap()["id"].clone();
    assert_eq!(newest, next_id + 1, "ids are not reused");
    assert_eq!(
        api.call(Method::DELETE, "domain/47/dns/1", None).await,
        refused(StatusCode::NOT_FOUND, "record not found")
    );

    let placeholders = json!({"name": "nameValue", "type": "typeValue", "priority": "priorityValue", "content": "contentValue"});
    let (status, body) = api.post("domain/47/dns", placeholders).await;
    assert_eq!(status, 400);
    assert_eq!(errors(&body).len(), 2, "priority and type: {body}");
    assert_eq!(
        api.post(
            "domain/47/dns",
            json!({"name": "www", "type": "A", "content": "contentValue"}),
        )
        .await,
        refused(
            StatusCode::BAD_REQUEST,
            "content contentValue does not suit a A record"
        )
    );
    assert_eq!(
        api.post(
            "domain/52/dns",
            json!({"name": "www", "type": "A", "content": "192.0.2.1"}),
        )
        .await,
        refused(StatusCode::OK, "domain is not active")
    );
    let kept = api.sim_get("domains").await;
    let zone = items(&kept)
        .into_iter()
        .find(|d| d["id"] == 47)
        .expect("domain 47")["records"]
        .clone();
    assert_eq!(items(&zone).len(), count + 1);
}

#[tokio::test]
async fn service_ips_and_rdns_persist_and_only_the_object_form_is_taken() {
    let api = HostBill::start().await;
    let ips = items(&api.get("service/1201/ip").await["ips"]);
    assert_eq!(ips.len(), 4);
    assert!(ips
        .iter()
        .all(|ip| sorted(&keys(ip).join(" ")) == sorted("id ipaddress type prefix gateway main")));
    assert_eq!(ips.iter().filter(|ip| ip["type"] == "ipv6").count(), 1);
    let before = api.rdns(1201).await;
    assert_eq!(before.len(), 4);
    let host_of = |entries: &[Value], ip: &str| {
        entries
            .iter()
            .find(|e| e["ipaddress"] == ip)
            .map(|e| e["hostname"].clone())
    };
    assert_eq!(host_of(&before, "203.0.113.12"), Some(json!("")));

    let body = json!({"ipaddress": {"203.0.113.12": "web.example.net", "2001:DB8:1201:0::10": "v6.example.net."}});
    assert_eq!(
        api.post("service/1201/rdns", body).await,
        (StatusCode::OK, json!({"info": ["success_changes_save"]}))
    );
    let after = api.rdns(1201).await;
    assert_eq!(
        host_of(&after, "203.0.113.12"),
        Some(json!("web.example.net"))
    );
    assert_eq!(
        host_of(&after, "2001:db8:1201::10"),
        Some(json!("v6.example.net"))
    );
    assert_eq!(
        host_of(&after, "203.0.113.10"),
        host_of(&before, "203.0.113.10"),
        "left out, kept"
    );
    assert_eq!(
        api.sim_get("rdns").await["1201"]["203.0.113.12"],
        "web.example.net"
    );

    api.post(
        "service/1201/rdns",
        json!({"ipaddress": {"203.0.113.12": ""}}),
    )
    .await;
    assert_eq!(
        host_of(&api.rdns(1201).await, "203.0.113.12"),
        Some(json!("")),
        "an empty name removes it"
    );

    for refused in [
        json!({"ipaddress": "ipaddressValue"}),
        json!({"ipaddress": ["203.0.113.10"]}),
        json!({}),
    ] {
        let (status, body) = api.post("service/1201/rdns", refused.clone()).await;
        assert_eq!(status, 400, "{refused}");
        assert!(
            errors(&body)[0].starts_with("ipaddress must be an object"),
            "{body}"
        );
    }
    let mixed = json!({"ipaddress": {"203.0.113.11": "ok.example.net", "192.0.2.99": "x.example.net", "203.0.113.10": "bad name"}});
    let (status, body) = api.post("service/1201/rdns", mixed).await;
    assert_eq!(status, 400);
    assert_eq!(errors(&body).len(), 2, "{body}");
    assert_eq!(
        host_of(&api.rdns(1201).await, "203.0.113.11"),
        Some(json!("mail.becker-systemhaus.de")),
        "all or nothing"
    );
    assert_eq!(
        api.call(Method::GET, "service/9999/ip", None).await,
        refused(StatusCode::NOT_FOUND, "service not found")
    );
    assert_eq!(
        api.get("service/1201/dns").await,
        error_body(&["invalid method"]),
        "the document's example"
    );
}

#[tokio::test]
async fn pdu_ports_have_numeric_readings_that_move() {
    let api = HostBill::start().await;
    let ports = items(&api.get("service/1203/pdu").await["ports"]);
    assert_eq!(ports.len(), 4);
    for port in &ports {
        assert_eq!(
            sorted(&keys(port).join(" ")),
            sorted("id pdu port label status amps volts watts kwh")
        );
        for reading in ["amps", "volts", "watts", "kwh"] {
            assert!(port[reading].is_number(), "{reading}: {port}");
        }
    }
    let off: Vec<&Value> = ports.iter().filter(|p| p["status"] == "off").collect();
    assert_eq!(off.len(), 1);
    assert_eq!(off[0]["amps"], 0.0);
    let again = items(&api.get("service/1203/pdu").await["ports"]);
    assert_ne!(ports[0]["amps"], again[0]["amps"]);
    assert_eq!(items(&api.get("service/1201/pdu").await["ports"]).len(), 2);
    assert_eq!(api.get("service/1202/pdu").await, json!({"ports": []}));
}

#[tokio::test]
async fn a_vm_has_interfaces_and_ips_that_filter_by_type_interface_and_bridge() {
    let api = HostBill::start().await;
    let interfaces = items(&api.get("service/1202/vms/301/interfaces").await["interfaces"]);
    assert_eq!(interfaces.len(), 2);
    let net0 = &interfaces[0];
    assert_eq!(
        (&net0["id"], &net0["name"], &net0["bridge"]),
        (&json!("0"), &json!("net0"), &json!("vmbr0"))
    );
    assert_eq!(
        (&net0["ipv4"], &net0["ipv6"]),
        (&json!(["8801", "8802"]), &json!(["8811"]))
    );
    assert_eq!(
        api.get("service/1202/vms/301/interfaces/1").await["interface"]["name"],
        "net1"
    );
    assert_eq!(
        api.call(Method::GET, "service/1202/vms/301/interfaces/net7", None)
            .await
            .0,
        404
    );
    let ips = |query: &'static str| {
        let api = &api;
        async move { items(&api.get(&format!("service/1202/vms/301/ips{query}")).await["ips"]) }
    };
    assert_eq!(ips("").await.len(), 4);
    assert_eq!(ips("?type=ipv6").await.len(), 1);
    assert_eq!(ips("?type=ipv4&iface=net0").await.len(), 2);
    assert_eq!(ips("?bridge=vmbr1").await[0]["ipaddress"], "10.20.0.23");
    assert_eq!(
        ips("?iface=0&bridge=vmbr1").await.len(),
        3,
        "bridge is ignored with iface"
    );
    assert_eq!(
        api.call(Method::GET, "service/1202/vms/301/ips?type=ipv5", None)
            .await
            .0,
        400
    );
    assert_eq!(
        api.call(Method::GET, "service/1202/vms/302/interfaces", None)
            .await,
        refused(StatusCode::NOT_FOUND, "vm not found")
    );
    let service_ips = items(&api.get("service/1202/ip").await["ips"]);
    assert_eq!(service_ips.len(), 3, "the private address is the VM's only");
}

#[tokio::test]
async fn unknown_paths_and_methods_answer_invalid_method() {
    let api = HostBill::start().await;
    assert_eq!(
        api.call(Method::GET, "invoice", None).await,
        refused(StatusCode::NOT_FOUND, "invalid method")
    );
    assert_eq!(
        api.call(Method::DELETE, "tickets", None).await,
        refused(StatusCode::METHOD_NOT_ALLOWED, "invalid method")
    );
    assert_eq!(
        read(
            api.request(&Auth::Basic, Method::POST, "tickets")
                .body("{not json"),
        )
        .await,
        refused(
            StatusCode::BAD_REQUEST,
            "the request body must be a JSON object"
        )
    );
}

#[tokio::test]
async fn injected_faults_answer_the_error_body_or_the_status() {
    let api = HostBill::start().await;
    api.sim.faults.set(Faults {
        error_rate: 1.0,
        ..Faults::default()
    });
    assert_eq!(
        api.call(Method::GET, "tickets", None).await,
        refused(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
    );
    api.sim.faults.set(Faults {
        http_status: Some(503),
        ..Faults::default()
    });
    assert_eq!(
        api.call(Method::GET, "domain", None).await,
        (
            StatusCode::SERVICE_UNAVAILABLE,
            json!("Service Unavailable")
        )
    );
    let faults = Faults {
        targeted: vec![Targeted {
            times: Some(1),
            ..Targeted::new(["PUT /api/domain/47/ns"])
        }],
        ..Faults::default()
    };
    let (status, _) = read(api.http.post(api.control("faults")).json(&faults)).await;
    assert_eq!(status, 200);
    let body = json!({"nameservers": ["a.example.net", "b.example.net"]});
    assert_eq!(api.put("domain/47/ns", Some(body.clone())).await.0, 500);
    assert_eq!(
        api.get("domain/47").await["details"]["nameservers"],
        json!(DEFAULT_NAMESERVERS),
        "nothing changed"
    );
    assert_eq!(
        api.put("domain/49/ns", Some(body.clone())).await.0,
        200,
        "other calls answer"
    );
    assert_eq!(
        api.put("domain/47/ns", Some(body)).await.0,
        200,
        "the fault hit once"
    );
    api.sim
        .faults
        .fail_only(Targeted::new(["POST /api/service/1201/rdns", "203.0.113.12"]).with_status(502));
    let (status, _) = api
        .post(
            "service/1201/rdns",
            json!({"ipaddress": {"203.0.113.12": "a.example.net"}}),
        )
        .await;
    assert_eq!(status, 502);
    assert_eq!(
        api.sim_get("rdns").await["1201"].get("203.0.113.12"),
        None,
        "nothing stored"
    );
    assert_eq!(
        api.post(
            "service/1201/rdns",
            json!({"ipaddress": {"203.0.113.11": "a.example.net"}})
        )
        .await
        .0,
        200
    );
    api.sim.faults.set(Faults {
        malformed_body: true,
        ..Faults::default()
    });
    let response = api
        .request(&Auth::Basic, Method::GET, "details")
        .send()
        .await
        .expect("sent");
    let garbled = response.text().await.expect("body");
    assert!(serde_json::from_str::<Value>(&garbled).is_err());
}

#[tokio::test]
async fn the_same_seed_gives_the_same_account_and_another_seed_another() {
    let start = |seed| {
        HostBill::with(SimOptions {
            seed,
            ..SimOptions::default()
        })
    };
    let (a, b, c) = (start(7).await, start(7).await, start(8).await);
    for path in [
        "tickets",
        "domain",
        "domain/47/dns",
        "service/1201/ip",
        "service/1202/vms/301/interfaces",
    ] {
        assert_eq!(a.get(path).await, b.get(path).await, "{path}");
    }
    assert_ne!(
        a.get("tickets").await,
        c.get("tickets").await,
        "other ticket numbers"
    );
}

#[test]
fn the_benchmark_zone_is_the_documents_record_list() {
    let zone: Value = serde_json::from_str(&records_json(2_000)).expect("JSON");
    let records = items(&zone["records"]);
    assert_eq!(records.len(), 2_000);
    let ids: BTreeSet<u64> = records
        .iter()
        .map(|r| r["id"].as_u64().expect("a number"))
        .collect();
    assert_eq!(ids.len(), 2_000);
    for record in &records {
        assert_eq!(
            sorted(&keys(record).join(" ")),
            sorted("id name ttl priority type content")
        );
    }
    assert_eq!(records_json(50), records_json(50));
}
