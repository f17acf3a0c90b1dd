//! The HostBill demo account (`hb-demo`) end to end: a DNS record with a
//! bad address refused with the input kept, fixed, confirmed and listed; and a reply
//! to a ticket that shows in the thread once sent.

use super::{temp_state_dir, Console};

const CTRL_S: &str = "\x13";
/// ctrl-u: clears the focused form field.
const CLEAR_FIELD: &str = "\x15";
const TAB: &str = "\t";
const ENTER: &str = "\r";
/// ctrl-f: a page down (the open thread scrolls).
const PAGE_DOWN: &str = "\x06";

fn demo(name: &str) -> (Console, std::path::PathBuf) {
    let state_dir = temp_state_dir(name);
    let console = Console::start(&state_dir);
    console.wait_for("hb-demo ● ok");
    (console, state_dir)
}

#[test]
fn a_bad_a_record_is_refused_with_its_input_kept_then_fixed_and_listed() {
    let (mut console, state_dir) = demo("e2e-hb-record");
    console.keys("D");
    console.wait_for("becker-systemhaus.de");
    console.keys("/becker-systemhaus\r");
    console.wait_for("Domains [1/");
    console.keys("R");
    console.wait_for("mail.becker-systemhaus.de");
    console.keys("a");
    console.wait_for("New DNS record in becker-systemhaus.de");
    console.keys(TAB);
    console.keys("e2e");
    console.keys(TAB);
    console.keys("203.0.113.300");
    console.keys(ENTER);
    let refused = console.wait_for("Content:");
    assert!(
        refused.contains("New DNS record in"),
        "the form stays open:\n{refused}"
    );
    assert!(
        refused.contains("203.0.113.300"),
        "the input is kept:\n{refused}"
    );

    console.keys(CLEAR_FIELD);
    console.keys("203.0.113.77");
    console.keys(ENTER);
    let dialog = console.wait_for("on account hb-demo");
    assert!(
        dialog.contains("Add record A e2e → 203.0.113.77"),
        "the confirm names the record:\n{dialog}"
    );
    // Cancel is focused: tab to the action, then enter.
    console.keys(TAB);
    console.keys(ENTER);
    console.wait_for("succeeded");
    let listed = console.wait_for("203.0.113.77");
    assert!(listed.contains("e2e"), "{listed}");
    let audit = std::fs::read_to_string(state_dir.join("demo/audit.jsonl")).expect("audit log");
    assert!(
        audit.contains("add-record") && audit.contains("203.0.113.77"),
        "{audit}"
    );
    console.keys("q");
    let _ = std::fs::remove_dir_all(&state_dir);
}

#[test]
fn a_reply_to_a_hostbill_ticket_is_sent_once_and_shows_in_the_thread() {
    let (mut console, state_dir) = demo("e2e-hb-reply");
    console.keys("T");
    console.wait_for("unread");
    console.keys("/second quarter rack\r");
    console.wait_for("Quote for a second quarter rack");
    console.keys(ENTER);
    console.wait_for("Messages (oldest first)");
    console.keys("r");
    console.wait_for("Reply to ticket #");
    console.keys("Rack quote: any news? e2e-hb");
    console.wait_for("any news? e2e-hb");
    console.keys(CTRL_S);
    let dialog = console.wait_for("Send this reply to ticket");
    assert!(dialog.contains("on account hb-demo"), "{dialog}");
    console.keys(TAB);
    console.keys(ENTER);
    console.wait_for("succeeded");
    // Read again: the reply is the thread's newest message, at its end.
    console.wait_for("Replies       1");
    console.keys(PAGE_DOWN);
    console.keys(PAGE_DOWN);
    let thread = console.wait_for("Rack quote: any news? e2e-hb");
    assert_eq!(
        thread.matches("Rack quote: any news? e2e-hb").count(),
        1,
        "once:\n{thread}"
    );
    console.keys("q");
    let _ = std::fs::remove_dir_all(&state_dir);
}
