//! The HostBill demo account (`hb-demo`) headless: its services as
//! servers with their addresses, a PTR set by address alone (the service
//! holding it is found), nameservers set as a list of any length the
//! provider takes, the reset to XSServer's defaults as its own action
//! (refused where a provider has no such thing), and DNS records listed
//! and changed.

use super::{hostdeck, state_dir, stderr, stdout};
use serde_json::Value;
use std::path::PathBuf;

/// `hostdeck --demo WORDS…`: the exit code, stdout and stderr.
fn demo(state: &PathBuf, line: &str) -> (Option<i32>, String, String) {
    let words: Vec<&str> = ["--demo"]
        .into_iter()
        .chain(line.split_whitespace())
        .collect();
    let out = hostdeck(state, &words);
    (out.status.code(), stdout(&out), stderr(&out))
}

/// `hostdeck --demo WORDS…`, which must succeed: its stdout.
fn ok(state: &PathBuf, line: &str) -> String {
    let (code, out, err) = demo(state, line);
    assert_eq!(code, Some(0), "{line}: {err}");
    out
}

/// `hostdeck --demo WORDS…`, which must fail with `code`: its stderr.
fn refused(state: &PathBuf, line: &str, code: i32) -> String {
    let (got, _, err) = demo(state, line);
    assert_eq!(got, Some(code), "{line}: {err}");
    err
}

fn json(state: &PathBuf, line: &str) -> Value {
    serde_json::from_str(&ok(state, line)).expect("json")
}

#[test]
fn the_demo_lists_the_configured_services_and_sets_a_ptr_by_address() {
    let state = state_dir("hb-services");
    let servers = json(&state, "list servers --account hb-demo --json");
    let servers = servers.as_array().expect("an array");
    let ids: Vec<&str> = servers.iter().filter_map(|s| s["id"].as_str()).collect();
    assert_eq!(ids.len(), 3, "{servers:?}");
    assert!(ids.contains(&"1201") && ids.contains(&"1203"), "{ids:?}");
    assert!(servers
        .iter()
        .all(|s| s["kind"] == "server" && s["group"] == "Service"));

    let note = ok(
        &state,
        "act set-ptr hb-demo:203.0.113.12 backup.becker-systemhaus.de --yes",
    );
    assert_eq!(
        note.trim(),
        "PTR of 203.0.113.12 set to backup.becker-systemhaus.de (service 1201)"
    );
}

#[test]
fn reset_ns_is_its_own_action_and_refused_where_the_provider_has_none() {
    let state = state_dir("hb-reset-ns");
    let note = ok(&state, "act reset-ns hb-demo:becker-it.com --yes");
    assert!(
        note.starts_with(
            "nameservers of becker-it.com reset to XSServer's default nameservers: ns1."
        ),
        "{note}"
    );
    ok(
        &state,
        "act set-ns hb-demo:becker-it.com ns1.a.de ns2.a.de ns3.a.de ns4.a.de --yes",
    );

    let cp_domains = json(&state, "list domains --account cp-demo --json");
    let cp = format!("cp-demo:{}", cp_domains[0]["id"].as_str().unwrap());
    let err = refused(&state, &format!("act reset-ns {cp} --yes"), 3);
    assert!(
        err.contains(
            "resetting nameservers to the provider's defaults is not offered by controlepaneel"
        ),
        "{err}"
    );
    let four = format!("act set-ns {cp} ns1.a.nl ns2.a.nl ns3.a.nl ns4.a.nl --yes");
    let err = refused(&state, &four, 2);
    assert!(
        err.contains("controlepaneel takes at most 3 nameservers (got 4)"),
        "{err}"
    );
}

#[test]
fn records_are_listed_added_edited_and_deleted_on_the_demo() {
    let state = state_dir("hb-records");
    let domain = "hb-demo:becker-systemhaus.de";
    let listed = json(&state, &format!("list records {domain} --json"));
    let first = &listed[0];
    assert_eq!(
        (&first["account"], &first["kind"], &first["id"]),
        (&"hb-demo".into(), &"record".into(), &"1".into()),
        "{first}"
    );
    assert_eq!((&first["type"], &first["name"]), (&"A".into(), &"@".into()));
    let count = listed.as_array().unwrap().len();

    let added = ok(
        &state,
        &format!("act add-record {domain} MX @ mx2.example.com --priority 20 --yes"),
    );
    assert!(
        added.contains("record MX @ → 20 mx2.example.com added to becker-systemhaus.de"),
        "{added}"
    );
    ok(
        &state,
        &format!("act edit-record {domain} 1 A @ 192.0.2.10 --yes"),
    );
    ok(&state, &format!("act delete-record {domain} 2 --yes"));
    // Each run serves a fresh simulator: the changes were made and
    // answered there; a bad record is refused before anything is sent.
    let err = refused(
        &state,
        &format!("act add-record {domain} A www 2001:db8::1 --yes"),
        2,
    );
    assert!(err.contains("Content:"), "{err}");
    let again = json(&state, &format!("list records {domain} --json"));
    assert_eq!(again.as_array().unwrap().len(), count);
}
