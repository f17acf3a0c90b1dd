//! Form overlay snapshots (TestBackend, NO_COLOR theme): the reverse DNS
//! form with an error under the bad field, the IP request form and its
//! confirm dialog, and the contact form, whole at 80x24 and scrolled to its
//! focused field on a short terminal.

use crate::support::events;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hostdeck::app::event::Event;
use hostdeck::app::form::FormKind;
use hostdeck::app::intent::Intent;
use hostdeck::app::store::{Mode, Store};
use hostdeck::model::{AccountInfo, ProviderKind};
use hostdeck::model::{Capability, Ip, PowerState, Server};
use hostdeck::provider::Inventory;
use hostdeck::ui::{draw, keymap, theme::Theme};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use ratatui::Terminal;

fn store(size: (u16, u16)) -> Store {
    let account = AccountInfo::new("cp-demo", ProviderKind::Controlepaneel, false)
        .with_capabilities(vec![
            Capability::ReverseDns,
            Capability::Contacts,
            Capability::IpRequests,
        ]);
    let mut store = Store::new(vec![account], false);
    store.apply(Event::Resize(size.0, size.1));
    let mut first = Ip::new("185.3.4.5", "public");
    first.ptr = Some("old.example.nl".into());
    first.remarks = Some("rack 4".into());
    let server = Server {
        account: "cp-demo".into(),
        id: "4711".into(),
        name: "web-1".into(),
        power: PowerState::On,
        status: "Active".into(),
        primary_ip: Some("185.3.4.5".into()),
        location: "AMS".into(),
        group: String::new(),
        os: "Debian 12".into(),
        cpu: Some(2),
        memory_gb: Some(4.0),
        in_maintenance: false,
        ips: vec![first, Ip::new("185.3.4.6", "public")],
        details: Vec::new(),
        actions: Vec::new(),
        actions_note: None,
        warnings: Vec::new(),
        fetched_at: 1_000,
        missing: Vec::new(),
    };
    store.apply(events::inventory(
        "cp-demo",
        Ok(Inventory {
            servers: vec![server],
            samples: Vec::new(),
            missing: Vec::new(),
            ..Inventory::default()
        }),
        10,
        2_000,
    ));
    store
}

fn press(store: &mut Store, code: KeyCode, modifiers: KeyModifiers) {
    if let Some(intent) = keymap::intent_for(store.state(), KeyEvent::new(code, modifiers)) {
        store.apply(Event::Intent(intent));
    }
}

fn type_text(store: &mut Store, text: &str) {
    for c in text.chars() {
        press(store, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

fn render(store: &Store, size: (u16, u16)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).expect("terminal");
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

/// The screen position of the first cell of `needle`'s first occurrence.
fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let area = buffer.area;
    (0..area.height).find_map(|y| {
        let line: Vec<&str> = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
        let joined = line.concat();
        let byte = joined.find(needle)?;
        let column = joined[..byte].chars().count() as u16;
        Some((column, y))
    })
}

#[test]
fn reverse_dns_form_80x24_shows_the_error_under_the_bad_field() {
    let mut s = store((80, 24));
    press(&mut s, KeyCode::Char('e'), KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut s, "bad_host.example.nl");
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert!(matches!(s.state().mode, Mode::Form(_)));
    let buffer = render(&s, (80, 24));
    let screen = text(&buffer);
    assert!(
        screen.contains("Reverse DNS of 185.3.4.5 · server web-1 · cp-demo"),
        "{screen}"
    );
    assert!(
        screen.contains("✖ PTR record: label 'bad_host' has '_'"),
        "{screen}"
    );
    assert!(screen.contains("esc close (draft kept)"), "{screen}");
    // The focused field's label is in reverse video (visible without colour).
    let (x, y) = find(&buffer, "PTR record").expect("label");
    assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));
    let (x, y) = find(&buffer, "Remarks").expect("label");
    assert!(!buffer[(x, y)].modifier.contains(Modifier::REVERSED));
    // The cursor sits after the typed text, in reverse video.
    let (x, y) = find(&buffer, "bad_host.example.nl").expect("input");
    let cursor = &buffer[(x + "bad_host.example.nl".len() as u16, y)];
    assert!(cursor.modifier.contains(Modifier::REVERSED));
    insta::assert_snapshot!("rdns_form_error_80x24", screen);
}

/// The IP request form on web-1, filled in: 2 IPv6 addresses and a reason.
fn ip_request_form() -> Store {
    let mut s = store((80, 24));
    press(&mut s, KeyCode::Char('i'), KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut s, "2");
    press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
    press(&mut s, KeyCode::Right, KeyModifiers::NONE);
    press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
    type_text(&mut s, "new customer sites");
    s
}

#[test]
fn ip_request_form_80x24_shows_count_type_and_reason() {
    let s = ip_request_form();
    assert!(matches!(s.state().mode, Mode::Form(_)));
    let buffer = render(&s, (80, 24));
    let screen = text(&buffer);
    assert!(
        screen.contains("Request IP addresses for server web-1 · cp-demo"),
        "{screen}"
    );
    assert!(screen.contains("Count 2"), "{screen}");
    assert!(screen.contains("Type ◀ IPv6 ▶"), "{screen}");
    assert!(screen.contains("Reason new customer sites"), "{screen}");
    assert!(screen.contains("1 to 16"), "{screen}");
    let (x, y) = find(&buffer, "Reason").expect("label");
    assert!(
        buffer[(x, y)].modifier.contains(Modifier::REVERSED),
        "the reason has the focus"
    );
    insta::assert_snapshot!("ip_request_form_80x24", screen);
}

#[test]
fn ip_request_confirm_80x24_names_amount_server_and_account() {
    let mut s = ip_request_form();
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert!(matches!(s.state().mode, Mode::Confirm(_)));
    let screen = text(&render(&s, (80, 24)));
    assert!(screen.contains("Confirm IP request"), "{screen}");
    assert!(
        screen.contains("Request 2 IPv6 addresses for server web-1"),
        "{screen}"
    );
    assert!(screen.contains("on account cp-demo?"), "{screen}");
    assert!(screen.contains("Reason: new customer sites"), "{screen}");
    assert!(screen.contains("> Cancel <"), "{screen}");
    insta::assert_snapshot!("ip_request_confirm_80x24", screen);
}

#[test]
fn help_offers_the_ip_request_key_where_the_account_has_it() {
    let mut s = store((80, 40));
    s.apply(Event::Intent(Intent::ShowHelp));
    let screen = text(&render(&s, (80, 40)));
    assert!(
        screen.contains("  i               request extra IP addresses (form, asks first)"),
        "{screen}"
    );
    assert!(screen.contains("requesting IP addresses (i)"), "{screen}");
}

fn contact_form(size: (u16, u16)) -> Store {
    let mut s = store(size);
    s.apply(Event::Intent(Intent::OpenForm(FormKind::NewContact)));
    for value in [
        "ACME-01",
        "Acme BV",
        "",
        "",
        "",
        "m",
        "Jan",
        "Jansen",
        "Dorpsstraat 1",
        "1234 AB",
        "Amsterdam",
        "XX",
        "+31 20 123 4567",
    ] {
        type_text(&mut s, value);
        press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
    }
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    s
}

#[test]
fn contact_form_80x24_fits_with_the_error_under_country() {
    let s = contact_form((80, 24));
    let screen = text(&render(&s, (80, 24)));
    for label in ["Handle", "CompanyName", "Country", "FaxNumber"] {
        assert!(screen.contains(label), "{label}: {screen}");
    }
    assert!(screen.contains("✖ Country: 'XX' is not an ISO 3166-1 country code"));
    assert!(!screen.contains("more"), "no scrolling needed at 80x24");
    insta::assert_snapshot!("contact_form_80x24", screen);
}

#[test]
fn contact_form_on_a_short_terminal_scrolls_to_the_focused_field() {
    let s = contact_form((80, 14));
    let screen = text(&render(&s, (80, 14)));
    assert!(screen.contains("Country"), "{screen}");
    assert!(screen.contains("✖ Country:"), "{screen}");
    assert!(
        !screen.contains("Handle"),
        "scrolled past the top: {screen}"
    );
    assert!(screen.contains("▲▼ more"), "{screen}");
    insta::assert_snapshot!("contact_form_80x14_scrolled", screen);
}
