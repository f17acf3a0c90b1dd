//! The HostBill demo account (`hb-demo`) headless: its services as
//! servers with their addresses, a PTR set by address alone (the service
//! holding it is found), nameservers set as a list of any length the
//! provider takes, and the reset to XSServer's defaults as its own
//! action, refused where a provider has no such thing.

use super::{hostdeck, state_dir, stderr, stdout};
use serde_json::Value;

fn json(state: &std::path::PathBuf, args: &[&str]) -> Value {
    let out = hostdeck(state, args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("json")
}

#[test]
fn the_demo_lists_the_configured_services_and_sets_a_ptr_by_address() {
    let state = state_dir("hb-services");
    let servers = json(
        &state,
        &[
            "--demo",
            "list",
            "servers",
            "--account",
            "hb-demo",
            "--json",
        ],
    );
    let ids: Vec<&str> = servers
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(ids.len(), 3, "{servers}");
    assert!(ids.contains(&"1201") && ids.contains(&"1203"), "{ids:?}");
    assert!(servers
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["kind"] == "server" && s["group"] == "Service"));

    let out = hostdeck(
        &state,
        &[
            "--demo",
            "act",
            "set-ptr",
            "hb-demo:203.0.113.12",
            "backup.becker-systemhaus.de",
            "--yes",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim(),
        "PTR of 203.0.113.12 set to backup.becker-systemhaus.de (service 1201)"
    );
}

#[test]
fn reset_ns_is_its_own_action_and_refused_where_the_provider_has_none() {
    let state = state_dir("hb-reset-ns");
    let out = hostdeck(
        &state,
        &[
            "--demo",
            "act",
            "reset-ns",
            "hb-demo:becker-it.com",
            "--yes",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with(
            "nameservers of becker-it.com reset to XSServer's default nameservers: ns1."
        ),
        "{}",
        stdout(&out)
    );
    let out = hostdeck(
        &state,
        &[
            "--demo",
            "act",
            "set-ns",
            "hb-demo:becker-it.com",
            "ns1.a.de",
            "ns2.a.de",
            "ns3.a.de",
            "ns4.a.de",
            "--yes",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let cp_domains = json(
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
    let cp = format!("cp-demo:{}", cp_domains[0]["id"].as_str().unwrap());
    let out = hostdeck(&state, &["--demo", "act", "reset-ns", &cp, "--yes"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "resetting nameservers to the provider's defaults is not offered by controlepaneel"
        ),
        "{}",
        stderr(&out)
    );
    let four = ["ns1.a.nl", "ns2.a.nl", "ns3.a.nl", "ns4.a.nl"];
    let out = hostdeck(
        &state,
        &[
            &["--demo", "act", "set-ns", cp.as_str()][..],
            &four[..],
            &["--yes"],
        ]
        .concat(),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("controlepaneel takes at most 3 nameservers (got 4)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn records_are_listed_added_edited_and_deleted_on_the_demo() {
    let state = state_dir("hb-records");
    let domain = "hb-demo:becker-systemhaus.de";
    let listed = json(&state, &["--demo", "list", "records", domain, "--json"]);
    let first = &listed[0];
    assert_eq!(
        (&first["account"], &first["kind"], &first["id"]),
        (&"hb-demo".into(), &"record".into(), &"1".into()),
        "{first}"
    );
    assert_eq!((&first["type"], &first["name"]), (&"A".into(), &"@".into()));
    let count = listed.as_array().unwrap().len();

    let out = hostdeck(
        &state,
        &[
            "--demo",
            "act",
            "add-record",
            domain,
            "MX",
            "@",
            "mx2.example.com",
            "--priority",
            "20",
            "--yes",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("record MX @ → 20 mx2.example.com added to becker-systemhaus.de"),
        "{}",
        stdout(&out)
    );
    let out = hostdeck(
        &state,
        &[
            "--demo",
            "act",
            "edit-record",
            domain,
            "1",
            "A",
            "@",
            "192.0.2.10",
            "--yes",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = hostdeck(
        &state,
        &["--demo", "act", "delete-record", domain, "2", "--yes"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Each run serves a fresh simulator: the changes were made and
    // answered there; a bad record is refused before anything is sent.
    let out = hostdeck(
        &state,
        &[
            "--demo",
            "act",
            "add-record",
            domain,
            "A",
            "www",
            "2001:db8::1",
            "--yes",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("Content:"), "{}", stderr(&out));
    let again = json(&state, &["--demo", "list", "records", domain, "--json"]);
    assert_eq!(again.as_array().unwrap().len(), count);
}
