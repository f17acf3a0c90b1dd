//! The CLC v1 simulator as CenturyLink's own Python SDK (clc-sdk, `APIv1`)
//! calls it, replayed request for request with a plain reqwest client (no
//! cookie store): logon at `/REST//Auth/logon` with the credentials in the
//! query string, no Content-Type and an XML answer; then `/JSON` methods with
//! query-string parameters, an empty body and the session cookie sent back.

use hostdeck::sim::{start_clc, SimOptions, SimServer};
use serde_json::Value;
use std::time::Duration;

/// The SDK's HTTP habits against one simulator.
struct SdkClient {
    http: reqwest::Client,
    /// `http://127.0.0.1:PORT/REST/` (the SDK's `ENDPOINT_URL_V1`).
    endpoint: String,
}

impl SdkClient {
    fn new(sim: &SimServer) -> SdkClient {
        SdkClient {
            http: reqwest::Client::new(),
            endpoint: sim.base_url.clone(),
        }
    }

    /// `POST <endpoint>/Auth/logon?APIKey=..&Password=..`: no body, no
    /// Content-Type. Returns the response (the SDK reads it as XML).
    async fn logon(&self, api_key: &str, password: &str) -> reqwest::Response {
        self.http
            .post(format!("{}/Auth/logon", self.endpoint))
            .query(&[("APIKey", api_key), ("Password", password)])
            .send()
            .await
            .expect("logon sent")
    }

    /// `POST <endpoint><method>/JSON?<params>` with the JSON Content-Type the
    /// SDK sets on its session, an empty body and the logon cookie.
    async fn call(&self, cookie: &str, method: &str, params: &[(&str, &str)]) -> Value {
        let response = self
            .http
            .post(format!("{}{method}/JSON", self.endpoint))
            .header("content-type", "application/json")
            .header("cookie", cookie)
            .query(params)
            .send()
            .await
            .expect("call sent");
        assert_eq!(response.status(), 200, "{method}");
        let answer: Value = response.json().await.expect("a JSON answer");
        assert_eq!(answer["StatusCode"], 0, "{method}: {answer}");
        answer
    }
}

fn content_type(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// The `name=value` part of the response's Set-Cookie, as `requests`
/// sends it back.
fn cookie_of(response: &reqwest::Response) -> String {
    let set_cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("logon sets the session cookie");
    set_cookie
        .split(';')
        .next()
        .expect("a name=value pair")
        .to_string()
}

/// Reads the root element's attributes, as `xml.etree.ElementTree` does.
fn root_attributes(xml: &str) -> (String, Vec<(String, String)>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                let attributes = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
                        let value = a.unescape_value().expect("value").into_owned();
                        (key, value)
                    })
                    .collect();
                return (name, attributes);
            }
            quick_xml::events::Event::Eof => panic!("no root element in {xml}"),
            _ => {}
        }
    }
}

fn attribute<'a>(attributes: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

async fn sim() -> SimServer {
    let options = SimOptions {
        queue_step: Duration::from_millis(5),
        ..SimOptions::default()
    };
    start_clc(options).await.expect("simulator starts")
}

#[tokio::test]
async fn the_sdk_logs_on_over_a_double_slash_with_query_parameters_and_reads_xml() {
    let sim = sim().await;
    let sdk = SdkClient::new(&sim);
    let api_key = sim.credential("api_key").expect("api key");
    let password = sim.credential("password").expect("password");

    let refused = sdk.logon(api_key, "not-the-password").await;
    assert!(refused.headers().get("set-cookie").is_none());
    assert!(content_type(&refused).starts_with("text/xml"));
    let (root, attributes) = root_attributes(&refused.text().await.expect("text"));
    assert_eq!(root, "LogonResponse");
    assert_eq!(attribute(&attributes, "StatusCode"), Some("100"));
    assert_eq!(attribute(&attributes, "Success"), Some("false"));

    let logon = sdk.logon(api_key, password).await;
    assert_eq!(logon.status(), 200);
    assert!(content_type(&logon).starts_with("text/xml"));
    let cookie = cookie_of(&logon);
    assert!(cookie
        .split_once('=')
        .is_some_and(|(_, token)| !token.is_empty()));
    let xml = logon.text().await.expect("text");
    assert_eq!(
        xml,
        r#"<LogonResponse Success="true" Message="Login Successful" StatusCode="0" />"#
    );
    let (_, attributes) = root_attributes(&xml);
    assert_eq!(attribute(&attributes, "StatusCode"), Some("0"));
}

#[tokio::test]
async fn the_sdk_lists_locations_and_servers_then_reboots_and_polls_the_queue() {
    let sim = sim().await;
    let sdk = SdkClient::new(&sim);
    let logon = sdk
        .logon(
            sim.credential("api_key").expect("api key"),
            sim.credential("password").expect("password"),
        )
        .await;
    let cookie = cookie_of(&logon);

    let locations = sdk.call(&cookie, "Account/GetLocations", &[]).await;
    let aliases: Vec<&str> = locations["Locations"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|l| l["Alias"].as_str())
        .collect();
    assert_eq!(aliases, ["WA1", "UC1", "GB3"]);

    let alias = sim.credential("alias").expect("alias");
    let servers = sdk
        .call(
            &cookie,
            "Server/GetAllServers",
            &[("AccountAlias", alias), ("Location", "WA1")],
        )
        .await;
    let servers = servers["Servers"].as_array().expect("servers").clone();
    assert!(servers.iter().any(|s| s["Name"] == "WA1DEMOWEB01"));
    let started = servers
        .iter()
        .find(|s| s["Status"] == "Active" && s["PowerState"] == "Started")
        .and_then(|s| s["Name"].as_str())
        .expect("a started server");

    let queued = sdk
        .call(
            &cookie,
            "Server/RebootServer",
            &[("AccountAlias", alias), ("Name", started)],
        )
        .await;
    let request_id = queued["RequestID"].to_string();
    assert!(queued["RequestID"].as_i64().is_some(), "{queued}");

    let status = sdk
        .call(
            &cookie,
            "Queue/GetRequestStatus",
            &[("RequestID", request_id.as_str())],
        )
        .await;
    let details = &status["RequestDetails"];
    assert_eq!(details["RequestID"], queued["RequestID"], "{status}");
    let current = details["CurrentStatus"].as_str().expect("a status");
    assert!(
        ["Not Started", "Executing", "Succeeded"].contains(&current),
        "{status}"
    );
}
