//! i3D.net rows on screen (TestBackend, NO_COLOR theme, 80x24): the help
//! says what the account does not offer and why, the hint bar offers rDNS
//! on a colocation and notes that there are no power operations, and a
//! colocation's details list the PTRs hostdeck set, labelled as such.

use crate::support::events;
use hostdeck::app::event::{Event, ScrollLimits};
use hostdeck::app::form::FormKind;
use hostdeck::app::intent::Intent;
use hostdeck::app::store::Store;
use hostdeck::model::{AccountInfo, Capability, Ip, JobState, PowerState};
use hostdeck::model::{ProviderKind, Ref, Server};
use hostdeck::provider::Inventory;
use hostdeck::ui::{draw, theme::Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const SIZE: (u16, u16) = (80, 24);
/// When the inventory arrived; the job succeeds a minute later.
const T0: i64 = 1_700_000_000_000;

fn row(account: &str, id: &str, name: &str, group: &str) -> Server {
    Server {
        name: name.into(),
        location: "RTM1".into(),
        group: group.into(),
        actions_note: Some("i3D.net's API has no power operations".into()),
        ..Server::blank(account, id, T0)
    }
}

/// i3d-demo (a colocation, a dedicated server) beside cp-demo (one
/// server with an address; it offers IP requests), the colocation selected.
fn store() -> Store {
    let i3d = AccountInfo::new("i3d-demo", ProviderKind::I3d, false)
        .with_capabilities(vec![
            Capability::ReverseDns,
            Capability::Colocation,
            Capability::Tickets,
        ])
        .with_power(false);
    let cp = AccountInfo::new("cp-demo", ProviderKind::Controlepaneel, false)
        .with_capabilities(vec![Capability::ReverseDns, Capability::IpRequests]);
    let mut store = Store::new(vec![i3d, cp], false);
    store.apply(Event::Resize(SIZE.0, SIZE.1));
    let i3d_rows = vec![
        row("i3d-demo", "colo-3301", "Rotterdam rack R12", "Colocation"),
        row("i3d-demo", "ds-12001", "ams-game-01", "Bare metal"),
    ];
    let mut web = row("cp-demo", "4711", "web-1", "Virtual");
    web.ips = vec![Ip::new("185.3.4.5", "public")];
    web.primary_ip = Some("185.3.4.5".into());
    web.power = PowerState::On;
    web.actions_note = None;
    for (account, servers) in [("i3d-demo", i3d_rows), ("cp-demo", vec![web])] {
        store.apply(events::inventory(
            account,
            Ok(Inventory {
                servers,
                samples: Vec::new(),
                missing: Vec::new(),
                ..Inventory::default()
            }),
            10,
            T0,
        ));
    }
    select(&mut store, &Ref::server("i3d-demo", "colo-3301"));
    store
}

fn select(store: &mut Store, target: &Ref) {
    store.apply(Event::Intent(Intent::Top));
    for _ in 0..store.state().servers().len() {
        if store.state().panes.servers.view.selected.as_ref() == Some(target) {
            return;
        }
        store.apply(Event::Intent(Intent::MoveBy(1)));
    }
    assert_eq!(
        store.state().panes.servers.view.selected.as_ref(),
        Some(target)
    );
}

/// The screen, and how far the details and help could scroll.
fn render(store: &Store) -> (String, ScrollLimits) {
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("terminal");
    let mut limits = ScrollLimits::default();
    terminal
        .draw(|frame| limits = draw(frame, store.state(), &Theme::monochrome()))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let line: String = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    (out, limits)
}

fn apply(store: &mut Store, intents: impl IntoIterator<Item = Intent>) {
    for intent in intents {
        store.apply(Event::Intent(intent));
    }
}

#[test]
fn the_hint_bar_on_a_colocation_offers_rdns_and_notes_no_power() {
    let s = store();
    let (screen, _) = render(&s);
    let hints = screen.lines().last().expect("hint line");
    assert!(hints.starts_with("<e>rDNS no power ops"), "{hints}");
    assert!(hints.contains("<?>help"), "{hints}");
    insta::assert_snapshot!("i3d_colocation_80x24", screen);
}

#[test]
fn help_on_a_colocation_says_what_is_not_offered_and_why() {
    let mut s = store();
    apply(&mut s, [Intent::ShowHelp]);
    let (_, limits) = render(&s);
    s.apply(Event::Drawn(limits));
    apply(&mut s, [Intent::Scroll(i64::from(u16::MAX))]);
    let (screen, _) = render(&s);
    for needle in [
        "Offered for the selection now",
        "  reverse DNS editing (e)",
        "  power actions (b o f s x p m): not offered by i3d-demo",
        "    i3D.net's API has no power operations",
        "  requesting IP addresses (i): not offered by i3d-demo",
        "    i3D.net's API has no call to request addresses",
    ] {
        assert!(screen.contains(needle), "{needle}:\n{screen}");
    }
    insta::assert_snapshot!("i3d_colocation_help_80x24", screen);

    // A controlepaneel server with an address: everything its keys need.
    apply(&mut s, [Intent::Back]);
    select(&mut s, &Ref::server("cp-demo", "4711"));
    apply(
        &mut s,
        [Intent::ShowHelp, Intent::Scroll(i64::from(u16::MAX))],
    );
    let (screen, _) = render(&s);
    assert!(!screen.contains("not offered"), "{screen}");
}

#[test]
fn a_colocations_details_list_the_ptrs_hostdeck_set() {
    let mut s = store();
    apply(&mut s, [Intent::ToggleDetails]);
    let (screen, _) = render(&s);
    assert!(screen.contains("rDNS set by hostdeck"), "{screen}");
    assert!(
        screen.contains("none yet; i3D.net's API cannot read rDNS back"),
        "{screen}"
    );

    apply(&mut s, [Intent::OpenForm(FormKind::Ptr)]);
    let typed = "185.50.104.77"
        .chars()
        .map(Intent::InputChar)
        .chain([Intent::FocusNext])
        .chain("web-7.demo-ops.example".chars().map(Intent::InputChar))
        .chain([Intent::InputSubmit]);
    apply(&mut s, typed);
    let id = s.state().jobs.back().expect("a job").id;
    s.apply(Event::Job {
        id,
        state: JobState::Succeeded("PTR of 185.50.104.77 set".into()),
        handle: None,
        at: T0 + 60_000,
    });
    s.apply(Event::Tick(T0 + 4 * 60_000));
    let (screen, _) = render(&s);
    for needle in [
        "rDNS set by hostdeck",
        "185.50.104.77 → web-7.demo-ops.example (3m ago, by hostdeck)",
        "what hostdeck sent; i3D.net's API cannot read rDNS back",
    ] {
        assert!(screen.contains(needle), "{needle}:\n{screen}");
    }
    insta::assert_snapshot!("i3d_colocation_details_80x24", screen);

    // Another row with none set and a provider that reads PTRs: nothing.
    apply(&mut s, [Intent::ToggleDetails]);
    select(&mut s, &Ref::server("cp-demo", "4711"));
    apply(&mut s, [Intent::ToggleDetails]);
    let (screen, _) = render(&s);
    assert!(screen.contains("web-1 · cp-demo"), "{screen}");
    assert!(!screen.contains("rDNS set by hostdeck"), "{screen}");
}
