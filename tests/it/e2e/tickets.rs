//! The ticket inbox end to end, on the demo's i3D.net account: a reply
//! written, cancelled once and sent; a draft that outlives `kill -9`; and
//! a draft handed to `$EDITOR` and back.

use super::{temp_state_dir, wait_until, Console};
use std::path::Path;

pub(super) const CTRL_S: &str = "\x13";
const CTRL_E: &str = "\x05";
pub(super) const TAB: &str = "\t";
pub(super) const ENTER: &str = "\r";

/// Opens the inbox once the i3D account is up, and the thread of its
/// first ticket (unread tickets sort first; the filter keeps the other
/// demo accounts' tickets out, and `g` goes to the first row, wherever
/// the selection stood while the lists arrived).
fn open_first_thread(console: &mut Console) -> String {
    open_first_thread_of(console, "i3d-demo", "i3d-demo")
}

/// The thread of the first ticket the inbox lists under `filter`, once
/// the i3D account named `account` is up.
pub(super) fn open_first_thread_of(console: &mut Console, account: &str, filter: &str) -> String {
    console.wait_for(&format!("{account} ● ok"));
    console.keys("T");
    console.wait_for("unread");
    console.keys(&format!("/{filter}\r"));
    console.wait_for("58001");
    console.keys("g");
    console.keys(ENTER);
    console.wait_for("Messages (oldest first)")
}

/// `58001` from the thread's title `#58001 · i3d-demo`.
pub(super) fn ticket_id(screen: &str) -> String {
    let start = screen.find('#').expect("a ticket title") + 1;
    screen[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

/// The number in the thread's `Replies by you  N` line.
fn replies_by_you(screen: &str) -> u32 {
    let line = screen
        .lines()
        .find(|l| l.contains("Replies by you"))
        .expect("the replies count");
    let after = line.split("Replies by you").nth(1).unwrap_or_default();
    let number: String = after
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    number.parse().expect("a number")
}

fn drafts_file(state_dir: &Path) -> String {
    std::fs::read_to_string(state_dir.join("demo/drafts.json")).unwrap_or_default()
}

/// A file of the state directory of a session with a config file (the
/// demo keeps its own under `demo/`); empty while there is none.
pub(super) fn state_file(state_dir: &Path, name: &str) -> String {
    std::fs::read_to_string(state_dir.join(name)).unwrap_or_default()
}

#[test]
fn a_three_line_reply_is_cancelled_once_then_sent_and_the_ticket_updates() {
    let state_dir = temp_state_dir("e2e-reply");
    let mut console = Console::start(&state_dir);
    let thread = open_first_thread(&mut console);
    let id = ticket_id(&thread);
    let before = replies_by_you(&thread);

    console.keys("r");
    console.wait_for(&format!("Reply to ticket #{id}"));
    console.keys("Hello team,\rline two: Grüße\rthird line");
    console.wait_for("line two: Grüße");

    // ctrl-s asks first, with Cancel focused: enter keeps the editor.
    console.keys(CTRL_S);
    let dialog = console.wait_for("Send this reply to ticket");
    assert!(dialog.contains("> Cancel <"), "{dialog}");
    assert!(dialog.contains("on account i3d-demo"), "{dialog}");
    assert!(
        dialog.contains("│ third line"),
        "first lines quoted:\n{dialog}"
    );
    console.keys(ENTER);
    wait_until("the dialog closes", || {
        !console.screen().contains("Send this reply")
    });
    let editor = console.wait_for("third line");
    assert!(
        editor.contains(&format!("Reply to ticket #{id}")),
        "{editor}"
    );

    console.keys(CTRL_S);
    console.wait_for("Send this reply to ticket");
    console.keys(TAB);
    console.keys(ENTER);
    let updated = console.wait_for("Awaiting reply");
    wait_until("the thread counts the reply", || {
        replies_by_you(&console.screen()) == before + 1
    });
    assert!(updated.contains("succeeded"), "{updated}");
    // The inbox with a thread open is as quiet as any view.
    console.assert_idle();

    // Accepted by the provider: the draft is gone, the audit has it.
    wait_until("the draft is dropped", || {
        !drafts_file(&state_dir).contains("Grüße")
    });
    let audit = std::fs::read_to_string(state_dir.join("demo/audit.jsonl")).expect("audit");
    // 38 characters (not bytes): three lines with a non-ASCII one.
    assert!(audit.contains("chars=38"), "{audit}");
    assert!(audit.contains("\"succeeded\""), "{audit}");
    console.keys("q");
    let _ = std::fs::remove_dir_all(&state_dir);
}

#[test]
fn a_draft_survives_kill_9_and_is_back_on_the_next_start() {
    let state_dir = temp_state_dir("e2e-kill9");
    let mut console = Console::start(&state_dir);
    open_first_thread(&mut console);
    console.keys("r");
    console.wait_for("Reply to ticket #");
    console.keys("half a reply, then the link drops ü");
    console.wait_for("then the link drops ü");
    // On disk within a second of the last key.
    wait_until("the draft is on disk", || {
        drafts_file(&state_dir).contains("then the link drops ü")
    });
    console.kill_hard();

    let mut again = Console::start(&state_dir);
    open_first_thread(&mut again);
    again.keys("r");
    let screen = again.wait_for("then the link drops ü");
    assert!(screen.contains("unsent draft restored"), "{screen}");
    again.keys("\x1b");
    again.keys("q");
    let _ = std::fs::remove_dir_all(&state_dir);
}

#[test]
fn ctrl_e_hands_the_draft_to_the_editor_and_takes_its_text_back() {
    let state_dir = temp_state_dir("e2e-editor");
    // An "editor" that appends a line to the file it is given.
    let editor = "printf 'added in the editor ü\\n' >>";
    let env = [("VISUAL", editor), ("EDITOR", editor)];
    let mut console = Console::start_with(&state_dir, &env);
    open_first_thread(&mut console);
    console.keys("r");
    console.wait_for("Reply to ticket #");
    console.keys("typed in hostdeck");
    console.wait_for("typed in hostdeck");
    console.keys(CTRL_E);
    let screen = console.wait_for("added in the editor ü");
    assert!(screen.contains("typed in hostdeck"), "{screen}");
    assert!(
        screen.contains("Reply to ticket #"),
        "the editor is back:\n{screen}"
    );
    wait_until("the edited text is the draft", || {
        drafts_file(&state_dir).contains("added in the editor ü")
    });
    console.keys("\x1b");
    console.keys("q");
    let _ = std::fs::remove_dir_all(&state_dir);
}
