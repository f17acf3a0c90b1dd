//! The ticket and rDNS commands against the demo's i3D.net account: the
//! inbox as JSON, one ticket's fields and messages, a reply from a file,
//! close, and refusals before anything is sent.

use super::{audit_events, hostdeck, state_dir, stderr, stdout};

#[test]
fn list_tickets_json_has_every_ticket_with_its_unread_flag() {
    let state = state_dir("tickets-i3d-list");
    let out = hostdeck(
        &state,
        &[
            "--demo",
            "list",
            "tickets",
            "--account",
            "i3d-demo",
            "--json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let tickets: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let tickets = tickets.as_array().expect("array");
    // The demo's fixtures: 12 tickets, open and closed, 3 of them unread.
    assert_eq!(tickets.len(), 12);
    let unread = tickets.iter().filter(|t| t["unread"] == true).count();
    assert_eq!(unread, 3);
    let first = &tickets[0];
    assert_eq!(first["kind"], "ticket");
    assert_eq!(first["account"], "i3d-demo");
    for field in ["id", "subject", "status", "updated_at"] {
        assert!(!first[field].is_null(), "{field}: {first}");
    }
    assert!(tickets.iter().any(|t| t["status"] == "Closed"));
}

#[test]
fn show_ticket_gives_the_fields_and_says_there_are_no_message_texts() {
    let state = state_dir("tickets-i3d-show");
    let out = hostdeck(&state, &["--demo", "show", "ticket", "i3d-demo:58001"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("58001"), "{text}");
    assert!(text.contains("Subject"), "{text}");
    assert!(text.contains("gives no message texts"), "{text}");
}

#[test]
fn a_reply_from_a_file_is_sent_once_and_audited() {
    let state = state_dir("tickets-i3d-reply");
    let message = state.join("reply.txt");
    std::fs::write(&message, "Rebooted it.\nGrüße from the night shift\n").expect("write");
    let file = message.to_str().expect("utf-8 path");
    let args = [
        "--demo",
        "act",
        "reply",
        "i3d-demo:58001",
        "--message-file",
        file,
        "--yes",
    ];
    let out = hostdeck(&state, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("reply sent to ticket #58001"),
        "{}",
        stdout(&out)
    );
    let events = audit_events(&state);
    let sent: Vec<_> = events.iter().filter(|e| e["event"] == "sent").collect();
    assert_eq!(sent.len(), 1, "{events:?}");
    assert_eq!(sent[0]["action"], "reply");
    assert!(
        events.iter().any(|e| e["outcome"] == "succeeded"),
        "{events:?}"
    );
}

#[test]
fn close_ticket_and_set_ptr_on_a_colocation_succeed() {
    let state = state_dir("tickets-i3d-close");
    let out = hostdeck(
        &state,
        &["--demo", "act", "close-ticket", "i3d-demo:58004", "--yes"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("ticket #58004 closed"),
        "{}",
        stdout(&out)
    );
    let ptr = [
        "--demo",
        "act",
        "set-ptr",
        "203.0.113.9",
        "host.example.com",
        "--server",
        "i3d-demo:colo-3301",
        "--yes",
    ];
    let out = hostdeck(&state, &ptr);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("colocation 3301"), "{}", stdout(&out));
}

#[test]
fn bad_input_is_refused_before_anything_is_sent() {
    let state = state_dir("tickets-i3d-refused");
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "act",
                "set-ptr",
                "i3d-demo:203.0.113.9",
                "host.example.com",
                "--yes",
            ],
            "add --server ACCOUNT:ID",
        ),
        (
            &["act", "reply", "i3d-demo:58001", "--message", "  ", "--yes"],
            "the message is empty; nothing sent",
        ),
        (
            &[
                "act",
                "open-ticket",
                "i3d-demo",
                "--subject",
                "S",
                "--message",
                "m",
                "--category",
                "Nope",
                "--department",
                "ops",
                "--yes",
            ],
            "unknown category \"Nope\"; one of: Technical, Billing, Network, Sales",
        ),
        (
            &[
                "act",
                "set-ptr",
                "203.0.113.999",
                "host.example.com",
                "--server",
                "i3d-demo:colo-3301",
                "--yes",
            ],
            "is not an IP address",
        ),
        (
            &[
                "act",
                "set-ptr",
                "203.0.113.9",
                "bad_host..example",
                "--server",
                "i3d-demo:colo-3301",
                "--yes",
            ],
            "label 'bad_host' has '_'",
        ),
    ];
    for (args, expected) in cases {
        let mut line = vec!["--demo"];
        line.extend_from_slice(args);
        let out = hostdeck(&state, &line);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let sent = audit_events(&state)
        .into_iter()
        .filter(|e| e["event"] == "sent");
    assert_eq!(sent.count(), 0);
}
