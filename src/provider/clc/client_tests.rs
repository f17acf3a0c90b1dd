//! Exact request sequences against a scripted loopback stub (real HTTP):
//! lazy logon, one re-logon for reads, no resend of mutations, retries.

use super::*;
use crate::model::Action;
use crate::provider::{execute_power, JobProgress, Provider, QueueApi, Submitted};
use crate::secret::Secret;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex as StdMutex};

type Replies = HashMap<&'static str, VecDeque<(u16, String)>>;

#[derive(Default)]
struct Stub {
    /// (method name, content type) of every request, in order.
    log: StdMutex<Vec<(String, String)>>,
    /// Scripted replies per method name; unscripted calls succeed.
    replies: StdMutex<Replies>,
}

const OK: &str = r#"{"Success":true,"Message":"ok","StatusCode":0}"#;
const EXPIRED: &str = r#"{"Success":false,"Message":"You must logon","StatusCode":100}"#;
const SUCCEEDED: &str = r#"{"Success":true,"StatusCode":0,"RequestDetails":{"RequestID":5,"CurrentStatus":"Succeeded","PercentComplete":100}}"#;
const QUEUED: &str = r#"{"Success":true,"StatusCode":0,"RequestID":"9"}"#;

async fn answer(
    State(stub): State<Arc<Stub>>,
    uri: Uri,
    headers: HeaderMap,
) -> (StatusCode, String) {
    let segments: Vec<&str> = uri.path().split('/').filter(|s| !s.is_empty()).collect();
    let name = segments.get(2).copied().unwrap_or_default().to_string();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    stub.log.lock().unwrap().push((name.clone(), content_type));
    let scripted = stub
        .replies
        .lock()
        .unwrap()
        .get_mut(name.as_str())
        .and_then(VecDeque::pop_front);
    let (status, body) = scripted.unwrap_or((200, OK.to_string()));
    (StatusCode::from_u16(status).unwrap(), body)
}

async fn start(
    script: &[(&'static str, u16, &str)],
    format: WireFormat,
) -> (ClcProvider, Arc<Stub>) {
    let stub = Arc::new(Stub::default());
    for (name, status, body) in script {
        let mut replies = stub.replies.lock().unwrap();
        replies
            .entry(name)
            .or_default()
            .push_back((*status, body.to_string()));
    }
    let app = axum::Router::new()
        .fallback(answer)
        .with_state(stub.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let provider = ClcProvider::new(ClcSettings {
        account: "stub".into(),
        timeouts: Default::default(),
        base_url: format!("http://127.0.0.1:{port}/REST"),
        api_key: Secret::new("key-123"),
        password: Secret::new("pw-456"),
        account_alias: None,
        hierarchy: false,
        format,
        full_read_every: super::super::FULL_READ_EVERY,
    })
    .unwrap();
    (provider, stub)
}

fn calls(stub: &Stub) -> Vec<String> {
    stub.log
        .lock()
        .unwrap()
        .iter()
        .map(|(name, _)| name.clone())
        .collect()
}

#[tokio::test]
async fn reads_log_on_lazily_and_once_more_after_status_100() {
    let script = [
        ("GetRequestStatus", 200, EXPIRED),
        ("GetRequestStatus", 200, SUCCEEDED),
    ];
    let (provider, stub) = start(&script, WireFormat::Json).await;
    let progress = provider.job_status("5").await.unwrap();
    assert!(matches!(progress, JobProgress::Succeeded(_)));
    assert_eq!(
        calls(&stub),
        ["Logon", "GetRequestStatus", "Logon", "GetRequestStatus"]
    );
    let (_, content_type) = stub.log.lock().unwrap()[1].clone();
    assert_eq!(content_type, "application/json; charset=utf-8");
}

#[tokio::test]
async fn a_mutation_answered_100_is_not_resent_but_the_session_is_renewed() {
    let script = [
        ("RebootServer", 200, EXPIRED),
        ("RebootServer", 200, QUEUED),
    ];
    let (provider, stub) = start(&script, WireFormat::Json).await;
    let err = execute_power(&provider, Action::Reboot, "WA1SRV01")
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Api);
    assert!(err.cause.contains("NOT carried out"), "{err}");
    assert_eq!(calls(&stub), ["Logon", "RebootServer", "Logon"]);
    // The next, deliberate try goes out once on the renewed session.
    let submitted = execute_power(&provider, Action::Reboot, "WA1SRV01")
        .await
        .unwrap();
    assert_eq!(submitted, Submitted::Queued { handle: "9".into() });
    assert_eq!(
        calls(&stub),
        ["Logon", "RebootServer", "Logon", "RebootServer"]
    );
}

#[tokio::test]
async fn refused_credentials_are_an_auth_error_without_secrets() {
    let refused = r#"{"Success":false,"Message":"bad key-123","StatusCode":100}"#;
    let (provider, _stub) = start(&[("Logon", 200, refused)], WireFormat::Json).await;
    let err = provider.check().await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Auth);
    assert!(!err.to_string().contains("key-123"), "{err}");
}

#[tokio::test]
async fn reads_retry_5xx_but_mutations_go_out_once() {
    let script = [
        ("GetRequestStatus", 503, "busy"),
        ("GetRequestStatus", 200, SUCCEEDED),
        ("PowerOnServer", 503, "busy"),
    ];
    let (provider, stub) = start(&script, WireFormat::Json).await;
    assert!(provider.job_status("5").await.is_ok());
    let err = execute_power(&provider, Action::PowerOn, "WA1SRV01")
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Http);
    assert!(err.cause.contains("may have reached"), "{err}");
    let power_ons = calls(&stub)
        .iter()
        .filter(|c| *c == "PowerOnServer")
        .count();
    assert_eq!(power_ons, 1);
}

#[tokio::test]
async fn xml_format_uses_the_xml_segment_and_content_type() {
    let queued = r#"<QueuedItemResponse Success="true" Message="Success" StatusCode="0"><RequestID>12</RequestID></QueuedItemResponse>"#;
    let logged_on = r#"<LogonResponse Success="true" Message="Login Successful" StatusCode="0" />"#;
    let script = [
        ("Logon", 200, logged_on),
        ("ServerMaintenance", 200, queued),
    ];
    let (provider, stub) = start(&script, WireFormat::Xml).await;
    let submitted = execute_power(&provider, Action::MaintenanceOn, "WA1SRV01")
        .await
        .unwrap();
    assert_eq!(
        submitted,
        Submitted::Queued {
            handle: "12".into()
        }
    );
    let log = stub.log.lock().unwrap().clone();
    assert_eq!(
        log[1],
        ("ServerMaintenance".to_string(), "text/xml".to_string())
    );
}

#[tokio::test]
async fn unreadable_and_envelope_less_answers_are_parse_errors() {
    let script = [
        ("GetRequestStatus", 200, "<html>oops"),
        ("GetRequestStatus", 200, "[1,2]"),
    ];
    let (provider, _stub) = start(&script, WireFormat::Json).await;
    for _ in 0..2 {
        let err = provider.job_status("5").await.unwrap_err();
        assert_eq!(err.kind, ErrorKind::Parse, "{err}");
    }
}
