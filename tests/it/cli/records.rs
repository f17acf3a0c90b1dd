//! The DNS record commands, headless, against the demo: what is refused,
//! and how: bad input before anything is sent (exit 2), an account without
//! DNS records (exit 3, audited), read-only mode (exit 3). The records of
//! the HostBill demo account listed and changed: `cli::hostbill`.

use super::{audit_events, hostdeck, state_dir, stderr, stdout};

/// Runs `hostdeck --demo ARGS`; returns the exit code and stderr.
fn run(state: &std::path::PathBuf, args: &[&str]) -> (Option<i32>, String) {
    let mut line = vec!["--demo"];
    line.extend_from_slice(args);
    let out = hostdeck(state, &line);
    (out.status.code(), stderr(&out))
}

#[test]
fn bad_records_are_refused_naming_the_field_before_anything_is_sent() {
    let state = state_dir("records-usage");
    let cases: [(&[&str], &str); 6] = [
        (
            &["act", "add-record", "cp-demo:a.nl", "A", "www", "2001:db8::1"],
            "add-record cp-demo:a.nl: Content: '2001:db8::1' is an IPv6 address: an A record takes IPv4 (use AAAA)",
        ),
        (
            &["act", "add-record", "a.nl", "MX", "@", "mail.a.nl"],
            "add-record a.nl: Priority: an MX record needs one (0 to 65535; lower is preferred)",
        ),
        (
            &["act", "edit-record", "a.nl", "3", "CNAME", "@", "www.a.nl"],
            "edit-record a.nl: Name: a CNAME cannot be at @",
        ),
        (
            &["act", "add-record", "a.nl", "SRV", "_sip._tcp", "10 5 5060 sip.a.nl"],
            "add-record a.nl: Type: 'SRV' is not a type hostdeck adds or edits",
        ),
        (
            &["list", "records"],
            "list records needs a DOMAIN: hostdeck list records [ACCOUNT:]DOMAIN",
        ),
        (
            &["list", "servers", "a.nl"],
            "list servers takes no DOMAIN (got a.nl); only list records does",
        ),
    ];
    for (args, expected) in cases {
        let (code, err) = run(&state, args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    let (code, err) = run(&state, &["act", "add-record", "a.nl", "A", "www"]);
    assert_eq!(code, Some(2), "clap refuses a missing CONTENT: {err}");
    assert!(
        audit_events(&state).is_empty(),
        "nothing sent or refused by policy"
    );
}

#[test]
fn an_account_without_dns_records_refuses_listing_and_every_change() {
    let state = state_dir("records-refused");
    let not_offered = "DNS records is not offered by controlepaneel (account cp-demo)";
    let (code, err) = run(&state, &["list", "records", "cp-demo:hostdeck-demo.nl"]);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains(not_offered), "{err}");
    let (code, err) = run(
        &state,
        &["list", "records", "--account", "i3d-demo", "a.nl"],
    );
    assert_eq!(code, Some(3), "{err}");
    assert!(
        err.contains("DNS records is not offered by i3d (account i3d-demo)"),
        "{err}"
    );
    // An unqualified name is found among the listed domains first.
    let out = hostdeck(
        &state,
        &[
            "--demo",
            "list",
            "domains",
            "--account",
            "cp-demo",
            "--json",
        ],
    );
    let domains: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let name = domains[0]["id"]
        .as_str()
        .expect("a demo domain")
        .to_string();
    let (code, err) = run(&state, &["list", "records", &name, "--json"]);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains(not_offered), "{err}");
    let actions: [&[&str]; 3] = [
        &["act", "add-record", "cp-demo:a.nl", "A", "www", "192.0.2.1"],
        &[
            "act",
            "edit-record",
            "cp-demo:a.nl",
            "7",
            "TXT",
            "@",
            "v=spf1 -all",
        ],
        &["act", "delete-record", "cp-demo:a.nl", "7", "--yes"],
    ];
    for args in actions {
        let (code, err) = run(&state, args);
        assert_eq!(code, Some(3), "{args:?}: {err}");
        assert!(err.contains(not_offered), "{args:?}: {err}");
    }
    let events = audit_events(&state);
    let refused: Vec<&str> = events
        .iter()
        .filter(|e| e["event"] == "refused")
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(
        refused,
        ["add-record", "edit-record", "delete-record"],
        "{events:?}"
    );
    assert!(events.iter().all(|e| e["event"] != "sent"), "{events:?}");
}

#[test]
fn read_only_refuses_a_record_change() {
    let state = state_dir("records-read-only");
    let (code, err) = run(
        &state,
        &[
            "--read-only",
            "act",
            "add-record",
            "cp-demo:a.nl",
            "A",
            "www",
            "192.0.2.1",
        ],
    );
    assert_eq!(code, Some(3), "{err}");
    assert!(
        err.contains("read-only mode: add record A www → 192.0.2.1 refused for a.nl on cp-demo"),
        "{err}"
    );
}
