//! UI tests of the domains, contacts and colocation views: the whole
//! screen rendered with TestBackend in the NO_COLOR theme at a fixed "now",
//! compared with insta snapshots at 80x24 and 160x48.

use crate::support::events;
use crate::support::panes::*;
use hostdeck::app::event::Event;
use hostdeck::app::intent::Intent;
use hostdeck::app::panes::ViewKind;
use hostdeck::app::store::Store;
use hostdeck::model::ProviderKind;
use hostdeck::ui::{draw, theme::Theme};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use ratatui::Terminal;

fn render(store: &Store) -> Buffer {
    let (w, h) = store.state().size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal
        .draw(|frame| {
            draw(frame, store.state(), &Theme::monochrome());
        })
        .expect("draw");
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let line: String = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn view(size: (u16, u16), kind: ViewKind) -> Store {
    let mut s = store(size);
    apply(&mut s, Intent::ShowView(kind));
    s
}

#[test]
fn domains_80x24() {
    let s = view((80, 24), ViewKind::Domains);
    let screen = text(&render(&s));
    assert!(screen.contains("!2026-12-04 in 12 days"), "{screen}");
    assert!(screen.contains("locked"), "{screen}");
    insta::assert_snapshot!("domains_80x24", screen);
}

#[test]
fn domains_160x48_with_details_resolves_contacts_and_shows_history() {
    let mut s = view((160, 48), ViewKind::Domains);
    select_domain(&mut s, "example.nl");
    apply(&mut s, Intent::ToggleDetails);
    s.apply(events::history(
        &domain_ref("cp-demo", "example.nl"),
        Ok(history()),
    ));
    let screen = text(&render(&s));
    assert!(
        screen.contains("Owner         Jan Jansen (Acme BV) [JJ123]"),
        "{screen}"
    );
    assert!(
        screen.contains("Tech          TECH-9 (unknown contact)"),
        "{screen}"
    );
    assert!(screen.contains("Lock  Success  by API"), "{screen}");
    insta::assert_snapshot!("domains_160x48_details", screen);
}

#[test]
fn domains_80x24_details_cover_the_table() {
    let mut s = view((80, 24), ViewKind::Domains);
    select_domain(&mut s, "shop.nl");
    apply(&mut s, Intent::ToggleDetails);
    let screen = text(&render(&s));
    assert!(screen.contains("shop.nl · cp-demo"), "{screen}");
    assert!(screen.contains("2026-12-04 (in 12 days)"), "{screen}");
}

#[test]
fn a_failed_refresh_shows_its_error_and_dims_the_old_rows() {
    let mut s = view((100, 30), ViewKind::Domains);
    s.apply(events::domains(
        "cp-demo",
        Err(hostdeck::provider::ProviderError::new(
            "cp-demo",
            "list domains",
            hostdeck::provider::ErrorKind::Http,
            "HTTP 503",
        )),
        now(),
    ));
    let buffer = render(&s);
    let screen = text(&buffer);
    assert!(screen.contains("cp-demo: list domains"), "{screen}");
    assert!(screen.contains("HTTP 503"), "{screen}");
    let row = (0..30u16)
        .find(|&y| text_row(&buffer, y).contains("old.com"))
        .expect("old.com row");
    assert!(buffer[(5u16, row)].modifier.contains(Modifier::DIM));
}

fn text_row(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

#[test]
fn empty_states_tell_loading_from_not_offered() {
    let mut s = Store::new(accounts(), false);
    s.apply(Event::Resize(80, 24));
    apply(&mut s, Intent::ShowView(ViewKind::Domains));
    assert!(text(&render(&s)).contains("loading…"));
    let mut s = Store::new(
        vec![hostdeck::model::AccountInfo::new(
            "clc-prod",
            ProviderKind::Clc,
            false,
        )],
        false,
    );
    apply(&mut s, Intent::ShowView(ViewKind::Domains));
    assert!(text(&render(&s)).contains("no account offers domains"));
}

#[test]
fn hints_and_help_list_the_domain_keys() {
    let mut s = view((100, 30), ViewKind::Domains);
    select_domain(&mut s, "example.nl");
    let screen = text(&render(&s));
    let hints = screen.lines().last().expect("hints");
    assert!(
        hints.contains("<e>epp <L>unlock <n>ns <c>contacts <X>cancel"),
        "{hints}"
    );
    select_domain(&mut s, "readonly.nl");
    let hints = text(&render(&s)).lines().last().expect("hints").to_string();
    assert!(
        hints.contains("read-only") && !hints.contains("<e>"),
        "{hints}"
    );
    apply(&mut s, Intent::ShowHelp);
    let help = text(&render(&s));
    for needle in [
        "Keys of the domains view",
        "EXPIRES",
        ":cancel-direct",
        "(EPP) code",
    ] {
        assert!(help.contains(needle), "{needle}:\n{help}");
    }
}

#[test]
fn unlock_dialog_makes_the_toggle_explicit() {
    let mut s = view((80, 24), ViewKind::Domains);
    select_domain(&mut s, "example.nl");
    apply(
        &mut s,
        Intent::Domain(hostdeck::app::intent::DomainAction::ToggleLock),
    );
    let screen = text(&render(&s));
    assert!(screen.contains("Unlock example.nl"), "{screen}");
    assert!(screen.contains("on account cp-demo?"), "{screen}");
    assert!(screen.contains("now: locked"), "{screen}");
    assert!(screen.contains("> Cancel <"), "{screen}");
}

#[test]
fn cancel_dialog_asks_for_the_typed_name() {
    let mut s = view((80, 24), ViewKind::Domains);
    select_domain(&mut s, "shop.nl");
    apply(
        &mut s,
        Intent::Domain(hostdeck::app::intent::DomainAction::Cancel { immediate: false }),
    );
    for c in "shop".chars() {
        let key = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        );
        let intent = hostdeck::ui::keymap::intent_for(s.state(), key).expect("typed");
        apply(&mut s, intent);
    }
    let screen = text(&render(&s));
    assert!(
        screen.contains("Cancel shop.nl at the end of its term"),
        "{screen}"
    );
    assert!(screen.contains("Type shop.nl to confirm"), "{screen}");
    assert!(screen.contains("> Keep domain <"), "{screen}");
    insta::assert_snapshot!("cancel_dialog_80x24", screen);
}

#[test]
fn contacts_80x24() {
    let s = view((80, 24), ViewKind::Contacts);
    insta::assert_snapshot!("contacts_80x24", text(&render(&s)));
}

#[test]
fn contacts_160x48_with_details() {
    let mut s = view((160, 48), ViewKind::Contacts);
    apply(&mut s, Intent::ToggleDetails);
    let screen = text(&render(&s));
    assert!(screen.contains("example.nl"), "{screen}");
    insta::assert_snapshot!("contacts_160x48_details", screen);
}

#[test]
fn colocation_80x24() {
    let mut s = view((80, 24), ViewKind::Colocation);
    s.apply(events::colocation("cp-demo", Ok(colocation()), now()));
    let screen = text(&render(&s));
    for needle in ["upcoming", "today", "past", "pending"] {
        assert!(screen.contains(needle), "{needle}:\n{screen}");
    }
    insta::assert_snapshot!("colocation_80x24", screen);
}

fn colocation_error(cause: &str) -> Event {
    events::colocation(
        "cp-demo",
        Err(hostdeck::provider::ProviderError::new(
            "cp-demo",
            "colocation/list_visitor",
            hostdeck::provider::ErrorKind::Http,
            cause,
        )),
        now(),
    )
}

#[test]
fn colocation_80x24_failed_fetch_keeps_the_last_data_and_shows_the_error() {
    let mut s = view((80, 24), ViewKind::Colocation);
    s.apply(events::colocation("cp-demo", Ok(colocation()), now()));
    s.apply(colocation_error("HTTP 503"));
    let buffer = render(&s);
    let screen = text(&buffer);
    assert!(
        screen.contains("! cp-demo: colocation/list_visitor: HTTP 503 (showing the last data)"),
        "{screen}"
    );
    let row = (0..24u16)
        .find(|&y| text_row(&buffer, y).contains("Piet Dekker"))
        .expect("the last visitors stay");
    assert!(buffer[(5u16, row)].modifier.contains(Modifier::DIM));
    insta::assert_snapshot!("colocation_80x24_error", screen);
}

#[test]
fn colocation_without_data_names_the_failed_fetch() {
    let mut s = view((100, 24), ViewKind::Colocation);
    s.apply(colocation_error("HTTP 503"));
    let screen = text(&render(&s));
    let note = "colocation of cp-demo failed: colocation/list_visitor: HTTP 503";
    assert_eq!(screen.matches(note).count(), 2, "{screen}");
    assert!(!screen.contains("loading"), "{screen}");
    assert!(!screen.contains("showing the last data"), "{screen}");
}

#[test]
fn colocation_160x48_visit_details() {
    let mut s = view((160, 48), ViewKind::Colocation);
    s.apply(events::colocation("cp-demo", Ok(colocation()), now()));
    apply(&mut s, Intent::FocusNext);
    apply(&mut s, Intent::ToggleDetails);
    insta::assert_snapshot!("colocation_160x48_details", text(&render(&s)));
}

#[test]
fn no_color_selection_is_reverse_video_and_expiry_is_bold() {
    let mut s = view((80, 24), ViewKind::Domains);
    select_domain(&mut s, "example.nl");
    let buffer = render(&s);
    let cursor = (0..24u16)
        .find(|&y| buffer[(0u16, y)].symbol() == "│" && buffer[(1u16, y)].symbol() == "▶")
        .expect("highlighted row");
    assert!(text_row(&buffer, cursor).contains("example.nl"));
    let cell = &buffer[(5u16, cursor)];
    assert!(
        cell.modifier.contains(Modifier::REVERSED),
        "{:?}",
        cell.modifier
    );
    assert_eq!(cell.fg, ratatui::style::Color::Reset);
    let shop = (0..24u16)
        .find(|&y| text_row(&buffer, y).contains("shop.nl"))
        .expect("shop row");
    let cell = &buffer[(5u16, shop)];
    assert!(
        cell.modifier.contains(Modifier::BOLD),
        "{:?}",
        cell.modifier
    );
    assert!(!cell.modifier.contains(Modifier::REVERSED));
}

#[test]
fn tiny_and_odd_sizes_draw_without_panic() {
    for kind in [ViewKind::Domains, ViewKind::Contacts, ViewKind::Colocation] {
        for (w, h) in [(1, 1), (10, 5), (20, 8), (40, 10), (79, 23), (121, 30)] {
            let mut s = view((w, h), kind);
            s.apply(events::colocation("cp-demo", Ok(colocation()), now()));
            render(&s);
            apply(&mut s, Intent::ToggleDetails);
            apply(&mut s, Intent::PageBy(1));
            render(&s);
            apply(&mut s, Intent::ShowHelp);
            render(&s);
        }
    }
}
