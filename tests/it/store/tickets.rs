//! The ticket inbox at the store level: ticket lists, threads and keys
//! (through the keymap) go in; rows, threads, forms, drafts, flashes and
//! effects come out. Fixtures in `support::tickets`.

use crate::support::events::{self, fetch_ticket, fetch_tickets};
use crate::support::keys::{ctrl, form, press_char, press_code, type_text};
use crate::support::outcome::{self, flash_text, sent};
use crate::support::panes::now;
use crate::support::tickets::{
    self as fx, apply, i3d_tickets, list, listed, messages, no_bodies, rows, select, threaded,
    ticket_ref, unread, HOSTBILL, I3D, INBOX_ORDER, MINUTE,
};
use crossterm::event::KeyCode;
use hostdeck::app::event::Effect;
use hostdeck::app::form::{FormKind, Input, CATEGORY, DEPARTMENT, MESSAGE, SUBJECT};
use hostdeck::app::intent::Intent;
use hostdeck::app::panes::ViewKind;
use hostdeck::app::store::{ConfirmFocus, FlashLevel, Mode, Store};
use hostdeck::drafts;
use hostdeck::model::{Command, Job, JobState, ObjectKind, Ref, Thread};
use hostdeck::provider::{Fetch, TicketScope};
use hostdeck::ui::keymap;

fn store() -> Store {
    fx::store((120, 40), false)
}

fn expect_ids(store: &Store, expected: &[(&str, &str)]) {
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, id)| (a.to_string(), id.to_string()))
        .collect();
    assert_eq!(rows(store), expected);
}

fn ids(store: &Store) -> Vec<String> {
    rows(store).into_iter().map(|(_, id)| id).collect()
}

fn unread_count(store: &Store) -> usize {
    store.state().data.tickets().filter(|t| t.unread).count()
}

fn selected(store: &Store) -> Option<(String, String)> {
    let ticket = store.state().selected_ticket()?;
    Some((ticket.account.clone(), ticket.id.clone()))
}

// The inbox: what is fetched, the order, sorting and the filter.

#[test]
fn opening_the_inbox_fetches_every_list_and_the_new_ticket_options_once() {
    let mut s = Store::new(fx::accounts(false), false);
    let effects = apply(&mut s, Intent::ShowView(ViewKind::Tickets));
    assert_eq!(
        effects,
        vec![
            fetch_tickets(I3D, TicketScope::All),
            fetch_tickets(HOSTBILL, TicketScope::All),
            Effect::Fetch(I3D.into(), Fetch::TicketOptions),
            Effect::Fetch(HOSTBILL.into(), Fetch::TicketOptions),
        ]
    );
    s.apply(list(I3D, TicketScope::All, i3d_tickets(), now()));
    apply(&mut s, Intent::ShowView(ViewKind::Servers));
    let effects = apply(&mut s, Intent::ShowView(ViewKind::Tickets));
    assert_eq!(
        effects,
        vec![fetch_tickets(HOSTBILL, TicketScope::All)],
        "only the account without tickets, and the options were asked for"
    );
}

#[test]
fn the_inbox_lists_unread_first_then_the_newest_and_counts_unread_over_every_account() {
    let s = store();
    expect_ids(&s, &INBOX_ORDER);
    assert_eq!(selected(&s), Some((I3D.into(), "4711".into())));
    assert_eq!(unread_count(&s), 2);
    let unread_accounts: Vec<&str> = s
        .state()
        .data
        .tickets()
        .filter(|t| t.unread)
        .map(|t| t.account.as_str())
        .collect();
    assert_eq!(unread_accounts, [HOSTBILL, I3D], "one unread on each");
    assert!(
        !flash_text(&s).contains("unread"),
        "the first load does not flash: {}",
        flash_text(&s)
    );
}

#[test]
fn sorting_by_another_column_reverses_and_goes_back_keeping_the_selection() {
    let mut s = store();
    select(&mut s, HOSTBILL, "91");
    let by_id = ["75", "88", "91", "4650", "4702", "4711"];
    press_char(&mut s, '3'); // ID
    assert_eq!(ids(&s), by_id, "numeric, not text order");
    assert_eq!(selected(&s), Some((HOSTBILL.into(), "91".into())));
    press_char(&mut s, '3');
    let reversed: Vec<&str> = by_id.iter().rev().copied().collect();
    assert_eq!(ids(&s), reversed);
    apply(&mut s, Intent::SortNamed("updated".into()));
    assert_eq!(
        ids(&s),
        ["75", "4650", "4702", "88", "91", "4711"],
        "oldest update first"
    );
    press_char(&mut s, '1'); // NEW: the default again
    expect_ids(&s, &INBOX_ORDER);
    assert_eq!(selected(&s), Some((HOSTBILL.into(), "91".into())));
    apply(&mut s, Intent::SortNamed("nope".into()));
    assert_eq!(flash_text(&s), "no column nope in the tickets view");
    expect_ids(&s, &INBOX_ORDER);
}

#[test]
fn the_filter_finds_unread_and_inverted_words_and_esc_clears_it() {
    let mut s = store();
    press_char(&mut s, '/');
    type_text(&mut s, "unread");
    press_code(&mut s, KeyCode::Enter);
    expect_ids(&s, &[(I3D, "4711"), (HOSTBILL, "88")]);
    press_char(&mut s, '/');
    for _ in 0.."unread".len() {
        press_code(&mut s, KeyCode::Backspace);
    }
    type_text(&mut s, "!closed");
    press_code(&mut s, KeyCode::Enter);
    assert_eq!(ids(&s), ["4711", "88", "91", "4702"]);
    press_code(&mut s, KeyCode::Esc);
    expect_ids(&s, &INBOX_ORDER);
}

// The thread.

#[test]
fn opening_the_details_asks_for_the_thread_once_and_shows_it_when_it_arrives() {
    let mut s = store();
    select(&mut s, HOSTBILL, "88");
    let target = ticket_ref(HOSTBILL, "88");
    let effects = press_code(&mut s, KeyCode::Enter);
    assert_eq!(effects, vec![fetch_ticket(&target)]);
    assert!(s.state().panes.tickets.panel.open);
    assert_eq!(
        s.state().ticket(&target).map(|t| &t.thread),
        Some(&Thread::NotFetched),
        "loading"
    );
    // Closing and opening again, or coming back to it, does not ask again.
    assert!(press_code(&mut s, KeyCode::Enter).is_empty());
    assert!(press_code(&mut s, KeyCode::Enter).is_empty());
    let effects = press_char(&mut s, 'j');
    assert_eq!(effects, vec![fetch_ticket(&ticket_ref(HOSTBILL, "91"))]);
    assert!(press_char(&mut s, 'k').is_empty());

    let effects = s.apply(events::ticket(
        &target,
        Ok(threaded(unread(listed(HOSTBILL, "88")), messages())),
        now(),
    ));
    assert_eq!(effects, vec![Effect::SaveSnapshot]);
    assert_eq!(selected(&s), Some((HOSTBILL.into(), "88".into())));
    let ticket = s.state().selected_ticket().expect("selected");
    assert_eq!(ticket.thread, messages());
    expect_ids(&s, &INBOX_ORDER);
    assert!(press_code(&mut s, KeyCode::Enter).is_empty());
    assert!(press_code(&mut s, KeyCode::Enter).is_empty(), "it is there");
}

#[test]
fn a_provider_without_bodies_gives_a_note_kept_until_the_ticket_changes() {
    let mut s = store();
    let target = ticket_ref(I3D, "4711");
    assert_eq!(
        press_code(&mut s, KeyCode::Enter),
        vec![fetch_ticket(&target)]
    );
    s.apply(events::ticket(
        &target,
        Ok(threaded(listed(I3D, "4711"), no_bodies())),
        now(),
    ));
    let thread = &s.state().ticket(&target).expect("ticket").thread;
    let Thread::NoBodies { note } = thread else {
        panic!("expected no bodies, got {thread:?}");
    };
    assert!(note.starts_with("i3D.net's API gives no message texts"));

    // The next full list, the ticket unchanged: the note stays.
    let effects = s.apply(list(I3D, TicketScope::All, i3d_tickets(), now() + MINUTE));
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(s.state().ticket(&target).unwrap().thread, no_bodies());

    // Updated since (the panel closed): the thread is stale, and showing
    // it asks again, though the last ask was less than a minute ago.
    press_code(&mut s, KeyCode::Esc);
    let mut updated = i3d_tickets();
    updated[0].updated = Some(now() + MINUTE);
    let effects = s.apply(list(I3D, TicketScope::All, updated, now() + 2 * MINUTE));
    assert_eq!(effects, vec![Effect::SaveSnapshot]);
    assert_eq!(
        s.state().ticket(&target).unwrap().thread,
        Thread::NotFetched
    );
    assert_eq!(
        press_code(&mut s, KeyCode::Enter),
        vec![fetch_ticket(&target)]
    );
}

#[test]
fn an_update_of_the_thread_on_screen_fetches_it_at_once_and_a_failed_fetch_is_retried() {
    let mut s = store();
    let target = ticket_ref(I3D, "4711");
    press_code(&mut s, KeyCode::Enter);
    s.apply(events::ticket(
        &target,
        Ok(threaded(listed(I3D, "4711"), no_bodies())),
        now(),
    ));
    let mut answered = listed(I3D, "4711");
    answered.updated = Some(now() + MINUTE);
    let effects = s.apply(list(
        I3D,
        TicketScope::OpenOrUnread,
        vec![answered],
        now() + MINUTE,
    ));
    assert_eq!(
        effects,
        vec![Effect::SaveSnapshot, fetch_ticket(&target)],
        "the open thread went stale"
    );
    assert_eq!(selected(&s), Some((I3D.into(), "4711".into())));
    assert!(press_char(&mut s, 'j').contains(&fetch_ticket(&ticket_ref(HOSTBILL, "88"))));
    assert!(press_char(&mut s, 'k').is_empty(), "asked already");

    s.apply(events::ticket(
        &target,
        Err(hostdeck::provider::ProviderError::new(
            I3D,
            "ticket 4711",
            hostdeck::provider::ErrorKind::Http,
            "HTTP 502",
        )),
        now() + MINUTE,
    ));
    assert!(flash_text(&s).contains("HTTP 502"), "{}", flash_text(&s));
    press_char(&mut s, 'j');
    assert_eq!(
        press_char(&mut s, 'k'),
        vec![fetch_ticket(&target)],
        "showing it again retries"
    );
}

// The open-or-unread poll.

#[test]
fn the_open_or_unread_poll_merges_into_the_full_list_and_flashes_a_new_unread_ticket_once() {
    let mut s = store();
    let mut packet_loss = unread(fx::ticket(
        I3D,
        "4720",
        "Packet loss towards AMS-IX",
        "Open",
        MINUTE,
    ));
    packet_loss.category = "Network".into();
    // The poll names the open and unread tickets only: 4702 (answered)
    // and 4650 (closed) are not in it.
    let poll = || vec![listed(I3D, "4711"), unread(packet_loss.clone())];
    let effects = s.apply(list(I3D, TicketScope::OpenOrUnread, poll(), now()));
    assert_eq!(effects, vec![Effect::SaveSnapshot]);
    assert_eq!(
        ids(&s),
        ["4720", "4711", "88", "91", "4702", "4650", "75"],
        "the new one first (the newest unread); nothing dropped"
    );
    assert_eq!(unread_count(&s), 3);
    let flash = s.state().flash.clone().expect("flash");
    assert_eq!(flash.level, FlashLevel::Info);
    assert_eq!(
        flash.text,
        "new unread ticket #4720 on i3d-ams: Packet loss towards AMS-IX (T: tickets)"
    );

    // Something else flashes; the same poll again changes nothing and
    // does not flash the ticket again.
    apply(&mut s, Intent::SortNamed("nope".into()));
    let effects = s.apply(list(I3D, TicketScope::OpenOrUnread, poll(), now() + MINUTE));
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(flash_text(&s), "no column nope in the tickets view");
    assert_eq!(ids(&s), ["4720", "4711", "88", "91", "4702", "4650", "75"]);

    // The full list replaces: a ticket it no longer has goes.
    s.apply(list(
        I3D,
        TicketScope::All,
        i3d_tickets(),
        now() + 2 * MINUTE,
    ));
    expect_ids(&s, &INBOX_ORDER);
    assert_eq!(flash_text(&s), "no column nope in the tickets view");
}

#[test]
fn two_new_unread_tickets_on_one_poll_flash_as_a_count() {
    let mut s = store();
    let mut read_again = listed(I3D, "4702");
    read_again.updated = Some(now());
    let fresh = vec![
        unread(read_again),
        unread(fx::ticket(I3D, "4721", "Port down", "Open", MINUTE)),
    ];
    s.apply(list(I3D, TicketScope::OpenOrUnread, fresh, now()));
    assert_eq!(
        flash_text(&s),
        "2 new unread tickets on i3d-ams (T: tickets)"
    );
    assert_eq!(unread_count(&s), 4);
}

// The reply.

/// Selects (account, id), opens the reply with `r` and types `text`.
fn write_reply(s: &mut Store, account: &str, id: &str, text: &str) -> Vec<Effect> {
    select(s, account, id);
    let mut effects = press_char(s, 'r');
    assert_eq!(form(s).kind, FormKind::Reply);
    effects.extend(type_text(s, text));
    effects
}

/// ctrl-s, then Confirm in the dialog: the reply's job.
fn send_reply(s: &mut Store) -> Job {
    ctrl(s, 's');
    press_code(s, KeyCode::Tab);
    let effects = press_code(s, KeyCode::Enter);
    let jobs = sent(&effects);
    assert_eq!(jobs.len(), 1, "{effects:?}");
    jobs[0].clone()
}

fn finish(s: &mut Store, id: u64, state: JobState) -> Vec<Effect> {
    outcome::finish(s, id, state, now() + MINUTE)
}

fn reply_draft(s: &Store, account: &str, id: &str) -> Option<String> {
    let draft = s
        .state()
        .drafts
        .get(FormKind::Reply, &ticket_ref(account, id))?;
    Some(draft.values[MESSAGE].clone())
}

#[test]
fn r_opens_the_reply_under_the_thread_and_typing_keeps_a_draft() {
    let mut s = store();
    select(&mut s, HOSTBILL, "88");
    assert!(!s.state().panes.tickets.panel.open);
    let effects = press_char(&mut s, 'r');
    let target = ticket_ref(HOSTBILL, "88");
    assert_eq!(
        effects,
        vec![fetch_ticket(&target)],
        "the thread it answers is shown"
    );
    assert!(s.state().panes.tickets.panel.open);
    let f = form(&s);
    assert_eq!(f.target, target);
    assert_eq!(f.title(), "Reply to ticket #88 · hb-main");
    assert_eq!(f.value(MESSAGE), "");
    assert!(s.state().drafts.is_empty(), "nothing typed, no draft");

    // Every key is text (q, j, x are not commands); enter starts a line.
    for c in ['q', 'j', 'x'] {
        assert_eq!(press_char(&mut s, c), vec![Effect::SaveDraftsSoon], "{c}");
    }
    for _ in 0..3 {
        press_code(&mut s, KeyCode::Backspace);
    }
    let effects = type_text(&mut s, "Thanks.\nPlease send the credit note.");
    assert!(effects.iter().all(|e| *e == Effect::SaveDraftsSoon));
    assert_eq!(effects.len(), "Thanks.\nPlease send the credit note.".len());
    assert_eq!(
        reply_draft(&s, HOSTBILL, "88").as_deref(),
        Some("Thanks.\nPlease send the credit note.")
    );
    assert!(s.state().jobs.is_empty());
    // Esc closes, keeping the draft; it is written at once.
    assert_eq!(press_code(&mut s, KeyCode::Esc), vec![Effect::SaveDrafts]);
    assert_eq!(s.state().mode, Mode::Normal);
    assert!(reply_draft(&s, HOSTBILL, "88").is_some());
}

#[test]
fn ctrl_s_asks_first_with_cancel_focused_and_confirming_sends_exactly_one_reply() {
    let mut s = store();
    write_reply(
        &mut s,
        HOSTBILL,
        "88",
        "Thanks.\nPlease send the credit note.\n\n",
    );
    let effects = ctrl(&mut s, 's');
    assert!(sent(&effects).is_empty(), "asks first: {effects:?}");
    let body = "Thanks.\nPlease send the credit note.";
    let expected = Command::ReplyTicket { body: body.into() };
    let Mode::Confirm(confirm) = &s.state().mode else {
        panic!("expected the confirm dialog, got {:?}", s.state().mode);
    };
    assert_eq!(confirm.command, expected, "trailing blank lines cut");
    assert_eq!(confirm.target, ticket_ref(HOSTBILL, "88"));
    assert_eq!(confirm.target_name, "#88 \"Invoice 2026-0042 question\"");
    assert_eq!(confirm.focus, ConfirmFocus::Cancel);

    // Enter on Cancel: back in the form with the text.
    assert!(sent(&press_code(&mut s, KeyCode::Enter)).is_empty());
    assert_eq!(form(&s).value(MESSAGE), format!("{body}\n\n"));
    assert!(flash_text(&s).starts_with("cancelled: reply to ticket"));

    ctrl(&mut s, 's');
    press_code(&mut s, KeyCode::Tab);
    let effects = press_code(&mut s, KeyCode::Enter);
    let jobs = sent(&effects);
    assert_eq!(jobs.len(), 1, "{effects:?}");
    assert_eq!(jobs[0].command, expected);
    assert_eq!(jobs[0].target, ticket_ref(HOSTBILL, "88"));
    assert_eq!(s.state().mode, Mode::Normal);
    assert_eq!(s.state().jobs.len(), 1);
}

#[test]
fn an_empty_reply_is_refused_in_the_form() {
    let mut s = store();
    write_reply(&mut s, I3D, "4711", "  \n ");
    let effects = ctrl(&mut s, 's');
    assert!(sent(&effects).is_empty());
    let f = form(&s);
    let (index, message) = f.error.clone().expect("an error");
    assert_eq!(f.fields[index].label, MESSAGE);
    assert_eq!(message, "Message: write the reply first");
    assert_eq!(flash_text(&s), message);
}

#[test]
fn a_failed_reply_keeps_its_draft_and_a_succeeded_one_drops_it() {
    let mut s = store();
    write_reply(&mut s, HOSTBILL, "88", "First try");
    let job = send_reply(&mut s);
    assert_eq!(
        reply_draft(&s, HOSTBILL, "88").as_deref(),
        Some("First try")
    );
    let effects = finish(&mut s, job.id, JobState::Failed("HTTP 500".into()));
    assert!(effects.contains(&Effect::SaveDrafts), "{effects:?}");
    let target = ticket_ref(HOSTBILL, "88");
    assert!(effects.contains(&fetch_ticket(&target)), "{effects:?}");
    assert!(effects.contains(&fetch_tickets(HOSTBILL, TicketScope::OpenOrUnread)));
    assert_eq!(
        reply_draft(&s, HOSTBILL, "88").as_deref(),
        Some("First try")
    );
    press_char(&mut s, 'r');
    assert_eq!(
        form(&s).value(MESSAGE),
        "First try",
        "what was typed is back"
    );

    let job = send_reply(&mut s);
    let effects = finish(&mut s, job.id, JobState::Succeeded(String::new()));
    assert!(effects.contains(&Effect::SaveDrafts), "{effects:?}");
    assert_eq!(reply_draft(&s, HOSTBILL, "88"), None);
    press_char(&mut s, 'r');
    assert_eq!(form(&s).value(MESSAGE), "", "a fresh reply after success");
}

#[test]
fn a_reply_whose_outcome_is_unknown_keeps_its_draft() {
    let mut s = store();
    write_reply(&mut s, I3D, "4711", "Is the disk swapped?");
    let job = send_reply(&mut s);
    let reason = "i3d-ams: reply to ticket 4711: connection reset; \
                  outcome unknown: look at the ticket before sending again";
    finish(&mut s, job.id, JobState::Failed(reason.into()));
    assert!(
        flash_text(&s).contains("outcome unknown"),
        "{}",
        flash_text(&s)
    );
    assert_eq!(
        reply_draft(&s, I3D, "4711").as_deref(),
        Some("Is the disk swapped?")
    );
}

#[test]
fn a_reply_draft_survives_a_restart_on_its_own_ticket() {
    let dir = std::env::temp_dir().join(format!("hostdeck-reply-drafts-{}", std::process::id()));
    let path = dir.join("drafts.json");
    let mut s = store();
    write_reply(&mut s, HOSTBILL, "88", "Half a reply,\nto be finished");
    press_code(&mut s, KeyCode::Esc);
    drafts::save(&path, &s.state().drafts).expect("save");

    let mut restarted = store();
    restarted.restore_drafts(drafts::load(&path));
    select(&mut restarted, HOSTBILL, "91");
    press_char(&mut restarted, 'r');
    assert_eq!(
        form(&restarted).value(MESSAGE),
        "",
        "another ticket's reply"
    );
    press_code(&mut restarted, KeyCode::Esc);
    select(&mut restarted, HOSTBILL, "88");
    press_char(&mut restarted, 'r');
    assert_eq!(
        form(&restarted).value(MESSAGE),
        "Half a reply,\nto be finished"
    );
    assert_eq!(
        flash_text(&restarted),
        "unsent draft restored (ctrl-u clears a field)"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

// Close, reopen and read-only.

#[test]
fn close_and_reopen_ask_first_then_send_one_job() {
    let mut s = store();
    select(&mut s, HOSTBILL, "91");
    let hints = keymap::hints(s.state());
    assert!(hints.contains(&("x".into(), "close")), "{hints:?}");
    assert!(!hints.iter().any(|(_, label)| *label == "reopen"));
    let effects = press_char(&mut s, 'x');
    assert!(effects.is_empty(), "{effects:?}");
    let Mode::Confirm(confirm) = &s.state().mode else {
        panic!("expected the confirm dialog, got {:?}", s.state().mode);
    };
    assert_eq!(confirm.command, Command::CloseTicket);
    assert_eq!(confirm.target, ticket_ref(HOSTBILL, "91"));
    assert_eq!(confirm.focus, ConfirmFocus::Cancel);
    assert!(sent(&press_code(&mut s, KeyCode::Esc)).is_empty());
    assert_eq!(s.state().mode, Mode::Normal);
    assert!(s.state().jobs.is_empty());

    press_char(&mut s, 'x');
    press_code(&mut s, KeyCode::Tab);
    let effects = press_code(&mut s, KeyCode::Enter);
    let jobs = sent(&effects);
    assert_eq!(jobs.len(), 1, "{effects:?}");
    assert_eq!(jobs[0].command, Command::CloseTicket);
    assert_eq!(jobs[0].target, ticket_ref(HOSTBILL, "91"));

    select(&mut s, HOSTBILL, "75");
    let hints = keymap::hints(s.state());
    assert!(hints.contains(&("o".into(), "reopen")), "{hints:?}");
    press_char(&mut s, 'o');
    let Mode::Confirm(confirm) = &s.state().mode else {
        panic!("expected the confirm dialog, got {:?}", s.state().mode);
    };
    assert_eq!(confirm.command, Command::ReopenTicket);
    assert_eq!(confirm.focus, ConfirmFocus::Cancel);
    press_code(&mut s, KeyCode::Tab);
    let effects = press_code(&mut s, KeyCode::Enter);
    let jobs = sent(&effects);
    assert_eq!(jobs.len(), 1, "{effects:?}");
    assert_eq!(jobs[0].command, Command::ReopenTicket);
    assert_eq!(jobs[0].target, ticket_ref(HOSTBILL, "75"));
    assert_eq!(s.state().jobs.len(), 2);
}

fn refused(effects: &[Effect], target: &Ref, action: &str, reason: &str) {
    assert_eq!(
        effects,
        [Effect::AuditRefused {
            target: target.clone(),
            action: action.into(),
            reason: reason.into(),
        }]
    );
}

#[test]
fn read_only_refuses_reply_close_and_reopen_with_a_message() {
    let by_account = fx::store_with(fx::accounts(true), false, (120, 40));
    let global = fx::store((120, 40), true);
    for mut s in [by_account, global] {
        select(&mut s, HOSTBILL, "91");
        assert_eq!(
            keymap::hints(s.state()),
            vec![(String::new(), "read-only")],
            "no ticket action offered"
        );
        let target = ticket_ref(HOSTBILL, "91");
        let name = "#91 \"Mail relay blocked by upstream\"";
        let effects = press_char(&mut s, 'r');
        let reason = format!("read-only mode: reply to ticket refused for {name} on hb-main");
        refused(&effects, &target, "reply", &reason);
        assert_eq!(s.state().mode, Mode::Normal);
        assert_eq!(flash_text(&s), reason);
        assert_eq!(s.state().flash.as_ref().unwrap().level, FlashLevel::Error);

        let effects = press_char(&mut s, 'x');
        let reason = format!("read-only mode: close ticket refused for {name} on hb-main");
        refused(&effects, &target, "close-ticket", &reason);
        assert_eq!(s.state().mode, Mode::Normal, "no dialog");
        assert_eq!(flash_text(&s), reason);

        select(&mut s, HOSTBILL, "75");
        let effects = press_char(&mut s, 'o');
        let reason = "read-only mode: reopen ticket refused for #75 \"Migrate VPS to new cluster\" on hb-main";
        refused(
            &effects,
            &ticket_ref(HOSTBILL, "75"),
            "reopen-ticket",
            reason,
        );
        assert_eq!(flash_text(&s), reason);

        // A new ticket is refused at once, before its lists are fetched.
        let effects = press_char(&mut s, 'n');
        let account = ticket_ref(HOSTBILL, "");
        let reason = "read-only mode: open ticket refused on hb-main";
        refused(&effects, &account, "open-ticket", reason);
        assert_eq!(flash_text(&s), reason);
        assert!(s.state().jobs.is_empty());
    }
}

// A new ticket.

#[test]
fn n_without_the_ticket_options_fetches_them_and_says_so() {
    let mut s = store();
    let effects = press_char(&mut s, 'n');
    assert_eq!(
        effects,
        vec![Effect::Fetch(I3D.into(), Fetch::TicketOptions)]
    );
    assert_eq!(s.state().mode, Mode::Normal);
    assert_eq!(
        flash_text(&s),
        "the ticket categories of i3d-ams are loading; press n again in a moment"
    );
    s.apply(events::ticket_options(
        I3D,
        Err(hostdeck::provider::ProviderError::new(
            I3D,
            "ticket categories",
            hostdeck::provider::ErrorKind::Http,
            "HTTP 503",
        )),
        now(),
    ));
    let effects = press_char(&mut s, 'n');
    assert_eq!(
        effects,
        vec![Effect::Fetch(I3D.into(), Fetch::TicketOptions)]
    );
    assert!(
        flash_text(&s).starts_with("the ticket categories of i3d-ams could not be read ("),
        "{}",
        flash_text(&s)
    );
    assert!(flash_text(&s).ends_with("; retrying"), "{}", flash_text(&s));
}

#[test]
fn n_with_the_ticket_options_opens_the_form_with_the_categories() {
    let mut s = store();
    s.apply(events::ticket_options(I3D, Ok(fx::i3d_options()), now()));
    let effects = press_char(&mut s, 'n');
    assert!(effects.is_empty(), "{effects:?}");
    let f = form(&s);
    assert_eq!(f.kind, FormKind::NewTicket);
    assert_eq!(f.target, Ref::new(I3D, ObjectKind::Ticket, ""));
    let labels: Vec<&str> = f.fields.iter().map(|f| f.label).collect();
    assert_eq!(labels, [SUBJECT, CATEGORY, DEPARTMENT, MESSAGE]);
    let Input::Choice { options, .. } = &f.field(CATEGORY).expect("category").input else {
        panic!("the category is a choice");
    };
    let shown: Vec<(&str, &str)> = options
        .iter()
        .map(|o| (o.label.as_str(), o.value.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("(choose one)", ""),
            ("Hardware", "Hardware"),
            ("Network", "Network")
        ]
    );
    assert!(!f.field(DEPARTMENT).unwrap().is_choice(), "i3D's is typed");

    // Filled in and confirmed: one job opening the ticket.
    type_text(&mut s, "Second uplink");
    press_code(&mut s, KeyCode::Tab);
    press_code(&mut s, KeyCode::Right);
    press_code(&mut s, KeyCode::Right);
    press_code(&mut s, KeyCode::Tab);
    type_text(&mut s, "NOC");
    press_code(&mut s, KeyCode::Tab);
    type_text(&mut s, "Please add a second 10G uplink.");
    ctrl(&mut s, 's');
    assert!(matches!(s.state().mode, Mode::Confirm(_)));
    press_code(&mut s, KeyCode::Tab);
    let effects = press_code(&mut s, KeyCode::Enter);
    let jobs = sent(&effects);
    assert_eq!(jobs.len(), 1, "{effects:?}");
    let Command::OpenTicket(ticket) = &jobs[0].command else {
        panic!("expected OpenTicket, got {:?}", jobs[0].command);
    };
    assert_eq!(ticket.subject, "Second uplink");
    assert_eq!(ticket.category.as_deref(), Some("Network"));
    assert_eq!(ticket.department.as_deref(), Some("NOC"));
    assert_eq!(ticket.body, "Please add a second 10G uplink.");
    let effects = finish(&mut s, jobs[0].id, JobState::Succeeded(String::new()));
    assert!(
        effects.contains(&fetch_tickets(I3D, TicketScope::OpenOrUnread)),
        "the list brings the new ticket: {effects:?}"
    );
}
