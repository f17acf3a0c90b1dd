//! Exact requests and answers against a scripted loopback stub (real HTTP):
//! the order and omission of variables in POST and GET, mutations sent
//! once, retried reads, half successes, a lock toggled the wrong way, and
//! unknown outcomes the simulator never produces.

use super::*;
use crate::model::{Action, Command, ContactFields, ObjectKind, Ref};
use crate::provider::{execute, DomainApi, Provider, Submitted};
use crate::secret::Secret;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex as StdMutex};

const HASH: &str = "h4sh-of-the-stub";

/// One request as the stub saw it.
#[derive(Clone, Debug)]
struct Seen {
    method: &'static str,
    content_type: String,
    params: Vec<(String, String)>,
}

impl Seen {
    fn action(&self) -> &str {
        self.param("Action").unwrap_or_default()
    }

    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn names(&self) -> Vec<&str> {
        self.params.iter().map(|(n, _)| n.as_str()).collect()
    }
}

#[derive(Default)]
struct Stub {
    seen: StdMutex<Vec<Seen>>,
    /// Scripted replies per action; unscripted calls succeed in every step.
    replies: StdMutex<HashMap<String, VecDeque<(u16, String)>>>,
}

impl Stub {
    fn answer(&self, seen: Seen) -> (StatusCode, String) {
        let action = seen.action().to_string();
        let module = seen.param("Module").unwrap_or_default().to_string();
        self.seen.lock().unwrap().push(seen);
        let scripted = self
            .replies
            .lock()
            .unwrap()
            .get_mut(&action)
            .and_then(VecDeque::pop_front);
        let (status, body) = scripted.unwrap_or_else(|| (200, all_succeeded(&module, &action)));
        (StatusCode::from_u16(status).unwrap(), body)
    }

    fn actions(&self) -> Vec<String> {
        let seen = self.seen.lock().unwrap();
        seen.iter().map(|s| s.action().to_string()).collect()
    }
}

fn all_succeeded(module: &str, action: &str) -> String {
    let root = wire::ALL_CALLS
        .iter()
        .find(|c| c.module == module && c.action == action)
        .map_or("Unknown", |c| c.root);
    format!(
        "<{root}><Status>Success1</Status><Action1><Status>Success1</Status></Action1>\
         <Action2><Status>Success1</Status></Action2></{root}>"
    )
}

fn content_type(headers: &HeaderMap) -> String {
    headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

async fn on_post(
    State(stub): State<Arc<Stub>>,
    headers: HeaderMap,
    Form(params): Form<Vec<(String, String)>>,
) -> (StatusCode, String) {
    stub.answer(Seen {
        method: "POST",
        content_type: content_type(&headers),
        params,
    })
}

async fn on_get(
    State(stub): State<Arc<Stub>>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> (StatusCode, String) {
    stub.answer(Seen {
        method: "GET",
        content_type: content_type(&headers),
        params,
    })
}

async fn start(
    script: &[(&str, u16, &str)],
    method: HttpMethod,
) -> (ControlepaneelProvider, Arc<Stub>) {
    let stub = Arc::new(Stub::default());
    for (action, status, body) in script {
        let mut replies = stub.replies.lock().unwrap();
        replies
            .entry(action.to_string())
            .or_default()
            .push_back((*status, body.to_string()));
    }
    let app = axum::Router::new()
        .route("/api/", axum::routing::get(on_get).post(on_post))
        .with_state(stub.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let provider = ControlepaneelProvider::new(ControlepaneelSettings {
        account: "stub".into(),
        timeouts: Default::default(),
        base_url: format!("http://127.0.0.1:{port}/api/"),
        account_id: "10042".into(),
        hash: Secret::new(HASH),
        method,
    })
    .unwrap();
    (provider, stub)
}

fn domain(id: &str) -> Ref {
    Ref::new("stub", ObjectKind::Domain, id)
}

fn nameservers(names: &[&str]) -> Command {
    Command::SetNameservers {
        nameservers: names.iter().map(|n| n.to_string()).collect(),
    }
}

const LOCKED: &str = "<Domains_Get_Details><Status>Success1</Status><General><LockStatus>Locked</LockStatus></General></Domains_Get_Details>";
const UNLOCKED: &str = "<Domains_Get_Details><Status>Success1</Status><General><LockStatus>Unlocked</LockStatus></General></Domains_Get_Details>";

#[tokio::test]
async fn post_sends_the_connection_variables_first_and_leaves_out_blank_optionals() {
    let (cp, stub) = start(&[], HttpMethod::Post).await;
    let command = nameservers(&["ns1.example.net", " ns2.example.net "]);
    execute(&cp, &command, &domain("example.co.uk"))
        .await
        .unwrap();
    let seen = stub.seen.lock().unwrap()[0].clone();
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.content_type, "application/x-www-form-urlencoded");
    assert_eq!(
        seen.names(),
        ["Account", "Hash", "Module", "Action", "SLD", "TLD", "DNS1", "DNS2"]
    );
    assert_eq!(seen.param("Hash"), Some(HASH));
    assert_eq!(seen.param("Module"), Some("domains"));
    assert_eq!(seen.param("Action"), Some("edit_dns"));
    assert_eq!(seen.param("SLD"), Some("example.co"));
    assert_eq!(seen.param("TLD"), Some("uk"));
    assert_eq!(seen.param("DNS2"), Some("ns2.example.net"));
}

#[tokio::test]
async fn get_sends_the_same_variables_as_a_query_string() {
    let (cp, stub) = start(&[], HttpMethod::Get).await;
    let fields = ContactFields {
        handle: "JJ".into(),
        gender: "m".into(),
        first_name: "Jan".into(),
        last_name: "Jansen".into(),
        address: "Straat 1".into(),
        zip_code: "1234 AB".into(),
        city: "Utrecht".into(),
        country: "NL".into(),
        phone_number: "+31.3012345".into(),
        company_name: "Acme & Zonen".into(),
        ..Default::default()
    };
    let target = Ref::new("stub", ObjectKind::Contact, "501");
    execute(&cp, &Command::EditContact(Box::new(fields)), &target)
        .await
        .unwrap();
    let seen = stub.seen.lock().unwrap()[0].clone();
    assert_eq!(seen.method, "GET");
    assert_eq!(
        seen.names(),
        [
            "Account",
            "Hash",
            "Module",
            "Action",
            "HandleIdentifier",
            "Handle",
            "CompanyName",
            "Gender",
            "FirstName",
            "LastName",
            "Address",
            "ZipCode",
            "City",
            "Country",
            "PhoneNumber"
        ]
    );
    assert_eq!(seen.param("CompanyName"), Some("Acme & Zonen"));
    assert_eq!(seen.param("HandleIdentifier"), Some("501"));
}

#[tokio::test]
async fn mutations_go_out_once_but_reads_are_retried() {
    let script = [
        ("edit_dns", 500, "busy"),
        ("get_details", 503, "busy"),
        ("get_details", 502, "busy"),
    ];
    let (cp, stub) = start(&script, HttpMethod::Post).await;
    let error = execute(
        &cp,
        &nameservers(&["a.example", "b.example"]),
        &domain("example.nl"),
    )
    .await
    .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Http);
    assert!(
        error.cause.contains("may have reached the provider"),
        "{error}"
    );
    assert_eq!(
        DomainApi::domain(&cp, "example.nl").await.unwrap().id,
        "example.nl"
    );
    assert_eq!(
        stub.actions(),
        ["edit_dns", "get_details", "get_details", "get_details"]
    );
}

#[tokio::test]
async fn a_half_done_contact_change_says_it_was_not_applied_at_the_registrar() {
    let half = "<Domains_Edit_Contacts><Status>Success1</Status>\
        <Action1><Status>Success1</Status><Description>Domeinnaam contacten gewijzigd</Description></Action1>\
        <Action2><Status>Error1</Status><Description>Domeinnaam contacten niet gewijzigd bij registrar</Description></Action2>\
        </Domains_Edit_Contacts>";
    let (cp, stub) = start(&[("edit_details", 200, half)], HttpMethod::Post).await;
    let command = Command::SetDomainContacts {
        owner: "A".into(),
        admin: "B".into(),
        tech: "C".into(),
    };
    let error = execute(&cp, &command, &domain("example.nl"))
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Api);
    assert_eq!(
        error.cause,
        "the new contacts were stored by controlepaneel but NOT applied at the registrar \
         (Action2 Error1: domain name contacts not changed at the registrar \
         (Domeinnaam contacten niet gewijzigd bij registrar))"
    );
    assert_eq!(stub.actions(), ["edit_details"]);
}

#[tokio::test]
async fn a_lock_toggled_the_wrong_way_is_an_error() {
    let went_unlocked = "<Domains_Edit_Lock><Status>Success1</Status><Action1><Status>Success1</Status></Action1></Domains_Edit_Lock>";
    let script = [
        ("get_details", 200, UNLOCKED),
        ("edit_lock", 200, went_unlocked),
    ];
    let (cp, stub) = start(&script, HttpMethod::Post).await;
    let error = execute(
        &cp,
        &Command::SetLock { locked: true },
        &domain("example.nl"),
    )
    .await
    .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Api);
    assert!(
        error.cause.starts_with("edit_lock toggled example.nl the other way: it is now unlocked (Action1 Success1), though locked was wanted"),
        "{error}"
    );
    assert_eq!(stub.actions(), ["get_details", "edit_lock"]);
}

#[tokio::test]
async fn an_unreadable_lock_status_sends_no_toggle() {
    let odd = "<Domains_Get_Details><Status>Success1</Status><General><LockStatus>Pending</LockStatus></General></Domains_Get_Details>";
    let (cp, stub) = start(&[("get_details", 200, odd)], HttpMethod::Post).await;
    let error = execute(
        &cp,
        &Command::SetLock { locked: false },
        &domain("example.nl"),
    )
    .await
    .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Refused);
    assert!(error.cause.contains("LockStatus \"Pending\""), "{error}");
    assert_eq!(stub.actions(), ["get_details"]);
    let (cp, stub) = start(&[("get_details", 200, LOCKED)], HttpMethod::Post).await;
    let done = execute(
        &cp,
        &Command::SetLock { locked: true },
        &domain("example.nl"),
    )
    .await
    .unwrap();
    assert_eq!(done, Submitted::Done("example.nl is already locked".into()));
    assert_eq!(stub.actions(), ["get_details"]);
}

#[tokio::test]
async fn missing_or_odd_status_codes_are_unknown_outcomes() {
    let no_step = "<Servers_Trigger_Reboot><Status>Success1</Status></Servers_Trigger_Reboot>";
    let odd_step = "<Domains_Request_EPP><Status>Success1</Status><Action1><Status>Pending</Status></Action1></Domains_Request_EPP>";
    let no_status = "<Servers_List><Servers/></Servers_List>";
    let script = [
        ("trigger_reboot", 200, no_step),
        ("request_epp", 200, odd_step),
        ("list", 200, no_status),
    ];
    let (cp, _stub) = start(&script, HttpMethod::Post).await;
    let server = Ref::server("stub", "1");
    let error = execute(&cp, &Command::Power(Action::Reboot), &server)
        .await
        .unwrap_err();
    assert!(
        error.cause.starts_with(
            "the answer has no Action1 result, so it is not known whether the change was made"
        ),
        "{error}"
    );
    let error = execute(&cp, &Command::RequestEpp, &domain("example.nl"))
        .await
        .unwrap_err();
    assert!(
        error
            .cause
            .starts_with("Action1 is \"Pending\", which is neither a success nor an error"),
        "{error}"
    );
    let error = cp.check().await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Api);
    assert_eq!(
        error.cause,
        "the answer has no Status, so the answer cannot be trusted"
    );
}

#[tokio::test]
async fn body_excerpts_never_show_a_hash_echo_or_the_hash() {
    let broken = "<Servers_List><Input><Hash>SOME-OTHER-HASH</Hash><Hash>h4sh-of-the-stub</Hash></Input><Status>Succ";
    let (cp, _stub) = start(
        &[("list", 200, broken), ("list", 403, broken)],
        HttpMethod::Post,
    )
    .await;
    for kind in [ErrorKind::Parse, ErrorKind::Auth] {
        let error = cp.check().await.unwrap_err();
        assert_eq!(error.kind, kind, "{error}");
        let text = error.to_string();
        assert!(
            !text.contains("SOME-OTHER-HASH") && !text.contains(HASH),
            "{text}"
        );
        assert!(text.contains("<Hash>[redacted]</Hash>"), "{text}");
    }
}

#[tokio::test]
async fn the_cancel_note_carries_the_date_the_api_gave() {
    let answer = "<Domains_Cancel><Status>Success1</Status><Action1><Status>Succes1</Status>\
        <Description>Domeinnaam zal worden opgezegd op 31-12-2026</Description></Action1></Domains_Cancel>";
    let (cp, _stub) = start(&[("cancel", 200, answer)], HttpMethod::Post).await;
    let done = execute(
        &cp,
        &Command::CancelDomain { immediate: false },
        &domain("example.nl"),
    )
    .await
    .unwrap();
    assert_eq!(
        done,
        Submitted::Done(
            "example.nl will be cancelled at the end of its term (Domeinnaam zal worden opgezegd op 31-12-2026)".into()
        )
    );
}
