//! UI tests of the ticket inbox: the whole screen rendered with
//! TestBackend in the NO_COLOR theme at a fixed "now" and compared with
//! insta snapshots at 80x24 and 160x48: the inbox, a thread with message
//! texts, an i3D thread without them, and the reply editor docked under
//! the thread. Fixtures in `support::tickets`.

use crate::support::events;
use crate::support::panes::now;
use crate::support::screen::{find, render, row, text};
use crate::support::tickets::{
    apply, empty_store, listed, messages, no_bodies, select, store, threaded, ticket_ref, HOSTBILL,
    I3D, INBOX_ORDER,
};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hostdeck::app::event::Event;
use hostdeck::app::intent::Intent;
use hostdeck::app::store::Store;
use hostdeck::model::Thread;
use hostdeck::provider::{ErrorKind, ProviderError, TicketScope};
use hostdeck::ui::keymap;
use ratatui::style::Modifier;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn press(store: &mut Store, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(intent) = keymap::intent_for(store.state(), key) {
        store.apply(Event::Intent(intent));
    }
}

fn type_text(store: &mut Store, text: &str) {
    for c in text.chars() {
        match c {
            '\n' => press(store, KeyCode::Enter),
            c => press(store, KeyCode::Char(c)),
        }
    }
}

/// The inbox at `size` with the thread of (account, id) open, as fetched.
fn thread(size: (u16, u16), account: &str, id: &str, thread: Thread) -> Store {
    let mut s = store(size, false);
    select(&mut s, account, id);
    apply(&mut s, Intent::ToggleDetails);
    let mut ticket = threaded(listed(account, id), thread);
    ticket.unread = s.state().selected_ticket().expect("selected").unread;
    s.apply(events::ticket(&ticket_ref(account, id), Ok(ticket), now()));
    s
}

#[test]
fn inbox_shows_unread_first_marked_and_counted_in_the_title() {
    for (w, h) in SIZES {
        let s = store((w, h), false);
        let screen = text(&render(&s));
        assert!(
            screen.contains("Tickets [6/6] sort:new▲ 2 unread updated 0s ago"),
            "{screen}"
        );
        let lines: Vec<&str> = screen.lines().collect();
        let at = |needle: &str| {
            lines
                .iter()
                .position(|l| l.contains(needle))
                .unwrap_or_else(|| panic!("{needle}:\n{screen}"))
        };
        let order = INBOX_ORDER.map(|(account, id)| at(&format!("{account} {id} ")));
        assert!(order.windows(2).all(|p| p[0] < p[1]), "{screen}");
        for (n, line) in order.iter().map(|&i| lines[i]).enumerate() {
            let marked = line.starts_with("│▶●") || line.starts_with("│ ●");
            assert_eq!(marked, n < 2, "the two unread are marked: {screen}");
        }
        insta::assert_snapshot!(format!("inbox_{w}x{h}"), screen);
    }
}

#[test]
fn a_thread_with_messages_shows_them_oldest_first() {
    for (w, h) in SIZES {
        let s = thread((w, h), HOSTBILL, "88", messages());
        let screen = text(&render(&s));
        assert!(screen.contains("#88 · hb-main (esc closes)"), "{screen}");
        let client = screen
            .find("── Jan Jansen · 2026-11-21 00:00 UTC ──")
            .expect(&screen);
        let staff = screen
            .find("── Billing Team (staff) · 2026-11-21 23:30 UTC ──")
            .expect(&screen);
        assert!(client < staff, "oldest first: {screen}");
        assert!(screen.contains("A credit note follows today."), "{screen}");
        insta::assert_snapshot!(format!("thread_messages_{w}x{h}"), screen);
    }
}

#[test]
fn an_i3d_thread_says_what_the_api_gives_instead_of_messages() {
    for (w, h) in SIZES {
        let s = thread((w, h), I3D, "4711", no_bodies());
        let screen = text(&render(&s));
        assert!(screen.contains("#4711 · i3d-ams (esc closes)"), "{screen}");
        assert!(screen.contains("Messages (oldest first)"), "{screen}");
        assert!(
            screen.contains("i3D.net's API gives no message texts"),
            "{screen}"
        );
        assert!(screen.contains("Replies by you"), "{screen}");
        assert!(!screen.contains("loading…"), "{screen}");
        insta::assert_snapshot!(format!("thread_no_bodies_{w}x{h}"), screen);
    }
}

#[test]
fn the_reply_editor_docks_under_the_end_of_the_thread() {
    for (w, h) in SIZES {
        let mut s = thread((w, h), HOSTBILL, "88", messages());
        press(&mut s, KeyCode::Char('r'));
        type_text(&mut s, "Thanks, that explains it.\nJan");
        let buffer = render(&s);
        let screen = text(&buffer);
        let title = find(&buffer, "Reply to ticket #88 · hb-main").expect(&screen);
        let (_, end_of_thread) = find(&buffer, "A credit note follows today.").expect(&screen);
        assert!(end_of_thread < title.1, "the thread's end above: {screen}");
        let (_, typed) = find(&buffer, "Thanks, that explains it.").expect(&screen);
        assert!(typed > title.1, "{screen}");
        assert!(row(&buffer, typed + 1).contains("Jan"), "{screen}");
        // The editor's own key line, whole; tab has nowhere to go in it.
        assert!(
            screen.contains(" ctrl-s send · ctrl-e $EDITOR · esc close (draft kept)"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("reply_{w}x{h}"), screen);
    }
}

/// Without colour the cursor row is reverse video, unread rows bold and
/// closed ones dim.
#[test]
fn no_color_selection_is_reverse_video_unread_bold_closed_dim() {
    let mut s = store((80, 24), false);
    select(&mut s, HOSTBILL, "91");
    let buffer = render(&s);
    let style_of = |needle: &str| {
        let (x, y) = find(&buffer, needle).unwrap_or_else(|| panic!("{needle}"));
        buffer[(x, y)].modifier
    };
    let selected = style_of("Mail relay");
    assert!(selected.contains(Modifier::REVERSED), "{selected:?}");
    let (_, y) = find(&buffer, "Mail relay").unwrap();
    assert_eq!(buffer[(1u16, y)].symbol(), "▶");
    let unread_row = style_of("Invoice 2026-0042");
    assert!(unread_row.contains(Modifier::BOLD), "{unread_row:?}");
    assert!(!unread_row.contains(Modifier::REVERSED));
    let closed = style_of("Cabinet power");
    assert!(closed.contains(Modifier::DIM), "{closed:?}");
    assert!(!closed.contains(Modifier::BOLD));
    let read_open = style_of("rDNS delegation");
    assert!(read_open.is_empty(), "{read_open:?}");
    assert_eq!(buffer[(5u16, y)].fg, ratatui::style::Color::Reset);
}

#[test]
fn tiny_and_odd_sizes_draw_the_inbox_thread_and_reply_without_panic() {
    for (w, h) in [(1, 1), (10, 5), (20, 8), (40, 10), (79, 23), (121, 30)] {
        let mut s = thread((w, h), HOSTBILL, "88", messages());
        render(&s);
        press(&mut s, KeyCode::Char('r'));
        type_text(&mut s, "line one\nline two\nline three");
        let screen = text(&render(&s));
        if h >= 23 {
            assert!(screen.contains("Reply to ticket #88"), "{screen}");
        }
        press(&mut s, KeyCode::Esc);
        assert_eq!(s.state().drafts.len(), 1, "the draft is kept");
        press(&mut s, KeyCode::Esc);
        assert!(!s.state().panes.tickets.panel.open);
        render(&s);
    }
}

/// A first load that failed says how to retry, with the key that does:
/// in the inbox `r` replies, so ctrl-r.
#[test]
fn a_failed_first_load_names_the_key_that_retries() {
    let mut s = empty_store((80, 24));
    let error = ProviderError::new(I3D, "list tickets", ErrorKind::Http, "HTTP 503");
    s.apply(events::tickets(I3D, TicketScope::All, Err(error), now()));
    let screen = text(&render(&s));
    assert!(
        screen.contains("no tickets: i3d-ams: list tickets: HTTP 503 (ctrl-r retries)"),
        "{screen}"
    );
    let ctrl_r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
    let intent = keymap::intent_for(s.state(), ctrl_r).expect("ctrl-r is bound");
    let effects = s.apply(Event::Intent(intent));
    for account in [I3D, HOSTBILL] {
        let fetch = events::fetch_tickets(account, TicketScope::All);
        assert!(effects.contains(&fetch), "{effects:?}");
    }
}

/// A department is sent by its id; the confirm dialog names it as the
/// provider lists it.
#[test]
fn the_new_ticket_confirm_names_the_department_not_its_id() {
    use hostdeck::model::{TicketChoice, TicketOptions};
    let mut s = store((80, 24), false);
    select(&mut s, HOSTBILL, "88");
    let options = TicketOptions {
        categories: Vec::new(),
        departments: vec![
            TicketChoice::new("1", "Technical Support"),
            TicketChoice::new("2", "Billing"),
        ],
        department_required: true,
    };
    s.apply(events::ticket_options(HOSTBILL, Ok(options), now()));
    press(&mut s, KeyCode::Char('n'));
    type_text(&mut s, "Second uplink");
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Right);
    press(&mut s, KeyCode::Tab);
    type_text(&mut s, "Please add one.");
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let intent = keymap::intent_for(s.state(), ctrl_s).expect("ctrl-s sends");
    s.apply(Event::Intent(intent));
    let screen = text(&render(&s));
    assert!(screen.contains("department: Technical Support"), "{screen}");
    assert!(!screen.contains("department: 1"), "{screen}");
}
