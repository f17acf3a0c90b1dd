//! UI tests of the DNS records view: the whole screen rendered with
//! TestBackend in the NO_COLOR theme at a fixed "now" and compared with
//! insta snapshots at 80x24 and 160x48: the records of a domain (with a
//! record's details on the wide screen), the record form (an edit, and a
//! refused value under its field) and the delete dialog. Fixtures in
//! `support::records`.

use crate::support::events;
use crate::support::keys::{clear_field, press_char, press_code, type_text};
use crate::support::panes::now;
use crate::support::records::{domain_ref, domains_store, select, store, DOMAIN, HB};
use crate::support::screen::{find, render, text};
use crossterm::event::KeyCode;
use hostdeck::app::intent::Intent;
use hostdeck::app::store::Store;
use hostdeck::provider::{ErrorKind, ProviderError};
use ratatui::style::Modifier;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn apply(store: &mut Store, intent: Intent) {
    store.apply(hostdeck::app::event::Event::Intent(intent));
}

#[test]
fn the_records_of_a_domain_show_name_type_content_and_priority_ttl() {
    for (w, h) in SIZES {
        let mut s = store((w, h));
        if w >= 160 {
            select(&mut s, "5");
            press_code(&mut s, KeyCode::Enter);
        }
        let screen = text(&render(&s));
        assert!(
            screen.contains("DNS records of example.nl · hb-main [6/6] sort:name▲"),
            "{screen}"
        );
        for header in ["NAME", "TYPE", "CONTENT", "PRIO/TTL"] {
            assert!(screen.contains(header), "{header}: {screen}");
        }
        assert!(screen.contains("10/3600"), "{screen}");
        assert!(screen.contains("-/3600"), "{screen}");
        if w >= 160 {
            // The details show the whole TXT value.
            assert!(
                screen.contains("TXT example.nl · hb-main (esc closes)"),
                "{screen}"
            );
            assert!(screen.contains("include:_spf.example.net -all"), "{screen}");
        }
        insta::assert_snapshot!(format!("records_{w}x{h}"), screen);
    }
}

#[test]
fn the_hint_bar_offers_add_edit_and_delete_and_srv_is_not_edited() {
    let mut s = store((80, 24));
    let screen = text(&render(&s));
    let hints = screen.lines().last().unwrap_or_default().to_string();
    assert!(hints.contains("<a>add <e>edit <x>delete"), "{hints}");
    select(&mut s, "6");
    let screen = text(&render(&s));
    let hints = screen.lines().last().unwrap_or_default().to_string();
    assert!(hints.contains("<a>add <x>delete"), "{hints}");
}

#[test]
fn the_record_form_edits_a_record_prefilled_with_hints_for_its_type() {
    for (w, h) in SIZES {
        let mut s = store((w, h));
        select(&mut s, "3");
        press_char(&mut s, 'e');
        let screen = text(&render(&s));
        assert!(
            screen.contains("DNS record MX @ → 10 mail.example.nl · example.nl · hb-main"),
            "{screen}"
        );
        assert!(screen.contains("0 to 65535, required"), "{screen}");
        insta::assert_snapshot!(format!("record_form_{w}x{h}"), screen);
    }
}

#[test]
fn a_refused_value_is_shown_under_its_field_with_the_input_kept() {
    let mut s = store((80, 24));
    press_char(&mut s, 'a');
    for text in ["www2", "2001:db8::80"] {
        press_code(&mut s, KeyCode::Tab);
        clear_field(&mut s);
        type_text(&mut s, text);
    }
    press_code(&mut s, KeyCode::Enter);
    let buffer = render(&s);
    let screen = text(&buffer);
    let (_, content) = find(&buffer, "2001:db8::80").expect(&screen);
    let (_, error) = find(&buffer, "Content: '2001:db8::80' is an IPv6").expect(&screen);
    assert!(error > content, "the error under the field: {screen}");
    insta::assert_snapshot!("record_form_error_80x24", screen);
}

#[test]
fn the_delete_dialog_names_the_record_the_domain_and_the_account() {
    let mut s = store((80, 24));
    select(&mut s, "2");
    press_char(&mut s, 'x');
    let buffer = render(&s);
    let screen = text(&buffer);
    assert!(
        screen.contains("Delete the DNS record CNAME www → example.nl of"),
        "{screen}"
    );
    assert!(screen.contains("example.nl"), "{screen}");
    assert!(screen.contains("on account hb-main?"), "{screen}");
    assert!(
        find(&buffer, "> Cancel <").is_some(),
        "Cancel has the focus: {screen}"
    );
    insta::assert_snapshot!("record_delete_80x24", screen);
}

#[test]
fn loading_a_failed_list_and_an_empty_zone_each_say_so() {
    let mut s = domains_store((80, 24));
    apply(&mut s, Intent::ShowRecords(Some(format!("{HB}:shop.nl"))));
    let screen = text(&render(&s));
    assert!(screen.contains("loading…"), "{screen}");
    let shop = domain_ref(HB, "shop.nl");
    let error = ProviderError::new(
        HB,
        "list DNS records of shop.nl",
        ErrorKind::Http,
        "HTTP 503",
    );
    s.apply(events::records(&shop, Err(error), now()));
    let screen = text(&render(&s));
    assert!(
        screen.contains("no records: hb-main: list DNS records of shop.nl: HTTP 503 (r retries)"),
        "{screen}"
    );
    assert!(screen.contains("(showing the last data)"), "{screen}");
    s.apply(events::records(&shop, Ok(Vec::new()), now()));
    let screen = text(&render(&s));
    assert!(
        screen.contains("no DNS records on shop.nl (a adds one)"),
        "{screen}"
    );
    // The last good list stays, dimmed, when a later one fails.
    apply(&mut s, Intent::ShowRecords(Some(format!("{HB}:{DOMAIN}"))));
    let example = domain_ref(HB, DOMAIN);
    s.apply(events::records(
        &example,
        Ok(crate::support::records::zone()),
        now(),
    ));
    let error = ProviderError::new(
        HB,
        "list DNS records of example.nl",
        ErrorKind::Http,
        "HTTP 503",
    );
    s.apply(events::records(&example, Err(error), now()));
    let buffer = render(&s);
    let (x, y) = find(&buffer, "192.0.2.10").expect("the last list");
    assert!(
        buffer[(x, y)].modifier.contains(Modifier::DIM),
        "stale rows are dimmed"
    );
}

#[test]
fn tiny_and_odd_sizes_draw_the_records_the_form_and_the_dialog_without_panic() {
    for (w, h) in [(1, 1), (10, 5), (20, 8), (40, 10), (79, 23), (121, 30)] {
        let mut s = store((w, h));
        render(&s);
        press_code(&mut s, KeyCode::Enter);
        render(&s);
        press_code(&mut s, KeyCode::Esc);
        press_char(&mut s, 'e');
        render(&s);
        press_code(&mut s, KeyCode::Esc);
        press_char(&mut s, 'x');
        render(&s);
        press_code(&mut s, KeyCode::Esc);
    }
}

#[test]
fn help_lists_the_record_keys_and_says_where_r_is_not_offered() {
    let mut s = store((100, 50));
    press_char(&mut s, '?');
    let screen = text(&render(&s));
    assert!(screen.contains("Keys of the records view"), "{screen}");
    assert!(
        screen.contains("x / delete      delete the selected record (asks first)"),
        "{screen}"
    );
    assert!(screen.contains("NAME TYPE CONTENT PRIO/TTL"), "{screen}");
    let mut s = domains_store((100, 50));
    apply(&mut s, Intent::Top);
    assert_eq!(
        s.state().selected_domain().map(|d| d.account.as_str()),
        Some("cp-demo")
    );
    press_char(&mut s, '?');
    let screen = text(&render(&s));
    assert!(
        screen.contains("R               DNS records of the selected domain"),
        "{screen}"
    );
    assert!(
        screen.contains("DNS records (R): not offered by cp-demo (controlepaneel)"),
        "{screen}"
    );
}
