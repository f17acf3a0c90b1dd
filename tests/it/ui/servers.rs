//! UI tests: the whole screen rendered with TestBackend and compared with
//! insta snapshots, at 80x24 and 160x48, in the NO_COLOR theme.

use crate::support::events;
use hostdeck::app::event::{Event, ScrollLimits};
use hostdeck::app::intent::Intent;
use hostdeck::app::store::Store;
use hostdeck::model::{AccountInfo, ProviderKind};
use hostdeck::model::{
    Action, Detail, HealthState, Ip, MetricSeries, Missing, PowerState, Ref, Sample, Server,
};
use hostdeck::provider::{ErrorKind, Inventory, ProviderError};
use hostdeck::ui::{draw, theme::Theme};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use ratatui::Terminal;

fn server(i: usize) -> Server {
    let names = [
        "WA1DEMOWEB01",
        "WA1DEMOWEB02",
        "WA1DEMODB01",
        "UC1DEMOAPP01",
        "GB3DEMOBATCH01",
    ];
    let name = names[i % names.len()].to_string();
    let power = if i % 4 == 3 {
        PowerState::Off
    } else {
        PowerState::On
    };
    let actions = if power == PowerState::On {
        vec![
            Action::PowerOff,
            Action::ShutDown,
            Action::Reboot,
            Action::Reset,
            Action::Pause,
            Action::MaintenanceOn,
        ]
    } else {
        vec![Action::PowerOn, Action::MaintenanceOn]
    };
    Server {
        account: if i.is_multiple_of(2) {
            "clc-prod".into()
        } else {
            "clc-lab".into()
        },
        id: format!("{name}-{i}"),
        name: format!("{name}-{i}"),
        power,
        status: "Active".into(),
        primary_ip: Some(format!("10.81.14.{}", 10 + i)),
        location: name[..3].to_string(),
        group: "Default Group/Web".into(),
        os: "Ubuntu 14 64-Bit".into(),
        cpu: Some(2),
        memory_gb: Some(4.0),
        in_maintenance: false,
        ips: vec![Ip {
            address: format!("10.81.14.{}", 10 + i),
            kind: "RIP".into(),
            claimed: Some(true),
            server_id: None,
            ptr: None,
            subnet: None,
            gateway: None,
            remarks: None,
        }],
        details: vec![
            Detail::new("Description", "demo web server"),
            Detail::new("DnsName", "web.example.com"),
        ],
        actions,
        actions_note: None,
        warnings: Vec::new(),
        fetched_at: 1_000,
        missing: Vec::new(),
    }
}

fn store(count: usize, size: (u16, u16)) -> Store {
    let mut store = Store::new(
        vec![
            AccountInfo::new("clc-prod", ProviderKind::Clc, false),
            AccountInfo::new("clc-lab", ProviderKind::Clc, false),
        ],
        false,
    );
    store.apply(Event::Resize(size.0, size.1));
    for account in ["clc-prod", "clc-lab"] {
        let servers = (0..count)
            .map(server)
            .filter(|s| s.account == account)
            .collect();
        store.apply(events::inventory(
            account,
            Ok(Inventory {
                servers,
                samples: Vec::new(),
                missing: Vec::new(),
                ..Inventory::default()
            }),
            40,
            61_000,
        ));
    }
    store
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
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// An hourly cost series of 24 samples; `phase` shifts its shape.
fn cost_series(phase: i64) -> MetricSeries {
    let mut series = MetricSeries::new("cost", "$/h", 24);
    for h in 0..24 {
        series.push(Sample {
            at: h * 3_600_000,
            value: 0.02 + ((h + phase) % 5) as f64 * 0.01,
        });
    }
    series
}

/// Gives the first `count` rows of the table a telemetry series each.
fn with_trends(s: &mut Store, count: usize) {
    for (n, &row) in s
        .state()
        .panes
        .servers
        .view
        .rows
        .clone()
        .iter()
        .take(count)
        .enumerate()
    {
        let target = s.state().servers()[row].reference();
        s.apply(events::telemetry(&target, Ok(vec![cost_series(n as i64)])));
    }
}

#[test]
fn servers_pane_80x24() {
    let mut s = store(12, (80, 24));
    with_trends(&mut s, 3);
    let screen = text(&render(&s, (80, 24)));
    assert!(screen.lines().nth(3).is_some_and(|row| row.contains('█')));
    insta::assert_snapshot!("servers_80x24", screen);
}

#[test]
fn wide_servers_pane_shows_size_and_trend() {
    let mut s = store(6, (120, 12));
    with_trends(&mut s, 2);
    let screen = text(&render(&s, (120, 12)));
    insta::assert_snapshot!("servers_120x12", screen);
}

/// The server the cursor is on.
fn selected(s: &Store) -> Ref {
    let view = &s.state().panes.servers.view;
    view.selected.clone().expect("selected")
}

#[test]
fn servers_pane_160x48_with_details() {
    let mut s = store(30, (160, 48));
    s.apply(Event::Intent(Intent::MoveBy(2)));
    s.apply(Event::Intent(Intent::ToggleDetails));
    let target = selected(&s);
    s.apply(events::telemetry(&target, Ok(vec![cost_series(0)])));
    insta::assert_snapshot!("servers_160x48_details", text(&render(&s, (160, 48))));
}

/// Telemetry that fails after it once arrived: the last series stay and
/// the details say they were not refreshed, naming the cause.
#[test]
fn telemetry_failing_later_keeps_its_series_and_says_why() {
    let mut s = store(4, (160, 48));
    s.apply(Event::Intent(Intent::ToggleDetails));
    let target = selected(&s);
    s.apply(events::telemetry(&target, Ok(vec![cost_series(0)])));
    let cause = ProviderError::new(
        &target.account,
        "Billing/GetServerHourlyCharges",
        ErrorKind::Http,
        "HTTP 500",
    );
    s.apply(events::telemetry(&target, Err(cause)));
    let screen = text(&render(&s, (160, 48)));
    // The note wraps in the panel: its start, and the call with the cause.
    assert!(screen.contains("~ telemetry not refreshed: "), "{screen}");
    assert!(
        screen.contains("Billing/GetServerHourlyCharges: HTTP 500"),
        "{screen}"
    );
    assert!(screen.contains("  cost "), "the last series stay: {screen}");
}

/// The controlepaneel demo's servers (datacenters of two words) beside
/// two clc servers (three-letter locations).
fn datacenter_store(size: (u16, u16)) -> Store {
    let mut store = Store::new(
        vec![
            AccountInfo::new("clc-prod", ProviderKind::Clc, false),
            AccountInfo::new("cp-demo", ProviderKind::Controlepaneel, false),
        ],
        false,
    );
    store.apply(Event::Resize(size.0, size.1));
    let rows = [
        (
            "vps-web01",
            "Virtual",
            "SmartDC Rotterdam",
            "Ubuntu 24.04 LTS",
        ),
        (
            "vps-mail01",
            "Virtual",
            "NedZone Steenbergen",
            "Ubuntu 24.04 LTS",
        ),
        ("ded-app01", "Dedicated", "NedZone Steenbergen", "Debian 12"),
        ("colo-rack-a12", "Colocation", "EvoSwitch Haarlem", ""),
    ];
    let cp = rows
        .iter()
        .enumerate()
        .map(|(i, (name, group, location, os))| Server {
            account: "cp-demo".into(),
            id: format!("510{i}"),
            name: name.to_string(),
            group: group.to_string(),
            location: location.to_string(),
            os: os.to_string(),
            ..server(i)
        });
    for (account, servers) in [
        ("clc-prod", vec![server(0), server(2)]),
        ("cp-demo", cp.collect()),
    ] {
        let inventory = Inventory {
            servers,
            samples: Vec::new(),
            missing: Vec::new(),
            ..Inventory::default()
        };
        store.apply(events::inventory(account, Ok(inventory), 40, 61_000));
    }
    store
}

/// The datacenters' full names where the table has room for them beside
/// what the other columns want, else their first words; never a cut word.
#[test]
fn datacenter_locations_show_in_whole_words() {
    let full = [
        "SmartDC Rotterdam",
        "NedZone Steenbergen",
        "EvoSwitch Haarlem",
    ];
    let wide = text(&render(&datacenter_store((160, 12)), (160, 12)));
    for location in full {
        assert!(wide.contains(location), "{location}:\n{wide}");
    }
    insta::assert_snapshot!("servers_datacenters_160x12", wide);
    for (width, height) in [(120, 12), (80, 24)] {
        let screen = text(&render(&datacenter_store((width, height)), (width, height)));
        for first_word in ["SmartDC ", "NedZone ", "EvoSwitch "] {
            assert!(screen.contains(first_word), "{first_word}:\n{screen}");
        }
        for cut in ["Smar ", "NedZ ", "EvoS ", "Steen", "Haar", "Rotter"] {
            assert!(!screen.contains(cut), "{cut}:\n{screen}");
        }
        insta::assert_snapshot!(format!("servers_datacenters_{width}x{height}"), screen);
    }
}

#[test]
fn confirm_dialog_80x24_names_server_and_account_with_cancel_focused() {
    let mut s = store(12, (80, 24));
    s.apply(Event::Intent(Intent::Act(Action::Reboot)));
    let screen = text(&render(&s, (80, 24)));
    let selected = s.state().selected_server().expect("selected").clone();
    assert!(screen.contains(&selected.name));
    assert!(screen.contains(&format!("on account {}", selected.account)));
    assert!(screen.contains("> Cancel <"));
    insta::assert_snapshot!("confirm_80x24", screen);
}

#[test]
fn degraded_account_shows_error_state_in_header() {
    let mut s = store(12, (80, 24));
    s.apply(events::inventory(
        "clc-lab",
        Err(ProviderError::new(
            "clc-lab",
            "list servers",
            ErrorKind::Http,
            "HTTP 503",
        )),
        5,
        181_000,
    ));
    let screen = text(&render(&s, (80, 24)));
    assert!(
        screen.contains("clc-lab ▲ degraded data 2m old"),
        "{screen}"
    );
}

#[test]
fn no_color_selection_is_reverse_video() {
    let s = store(12, (80, 24));
    let buffer = render(&s, (80, 24));
    let cursor_row = (0..24u16)
        .find(|&y| buffer[(0u16, y)].symbol() == "│" && buffer[(1u16, y)].symbol() == "▶")
        .expect("highlighted row");
    let cell = &buffer[(5u16, cursor_row)];
    assert!(
        cell.modifier.contains(Modifier::REVERSED),
        "{:?}",
        cell.modifier
    );
    assert_eq!(cell.fg, ratatui::style::Color::Reset);
}

#[test]
fn help_overlay_lists_keys() {
    let mut s = store(3, (80, 24));
    s.apply(Event::Intent(Intent::ShowHelp));
    let screen = text(&render(&s, (80, 24)));
    assert!(screen.contains("Help"));
    assert!(screen.contains("filter"));
    assert!(
        !screen.contains("request extra IP addresses"),
        "no CLC account requests IPs: {screen}"
    );
}

#[test]
fn hint_bar_offers_only_supported_actions() {
    let mut s = store(12, (80, 24));
    // Select a powered-off server: power on offered, reboot not.
    let off = s
        .state()
        .servers()
        .iter()
        .position(|x| x.power == PowerState::Off)
        .expect("an off server");
    let target: Ref = s.state().servers()[off].reference();
    while s.state().panes.servers.view.selected.as_ref() != Some(&target) {
        s.apply(Event::Intent(Intent::MoveBy(1)));
    }
    let screen = text(&render(&s, (80, 24)));
    let hints = screen.lines().last().expect("hint line").to_string();
    assert!(hints.contains("<o>on"), "{hints}");
    assert!(hints.contains("<?>help"), "{hints}");
    assert!(!hints.contains("reboot"), "{hints}");
}

#[test]
fn accounts_view_shows_health_age_and_last_error() {
    let mut s = store(12, (100, 30));
    s.apply(events::inventory(
        "clc-lab",
        Err(ProviderError::new(
            "clc-lab",
            "list servers",
            ErrorKind::Transport,
            "cannot connect: refused",
        )),
        5,
        181_000,
    ));
    s.apply(Event::Intent(Intent::ShowView(
        hostdeck::app::panes::ViewKind::Accounts,
    )));
    let screen = text(&render(&s, (100, 30)));
    assert!(screen.contains("Accounts [2]"), "{screen}");
    assert!(
        screen.contains("clc-lab: list servers: cannot connect: refused"),
        "{screen}"
    );
    assert!(screen.contains("▲ degraded"), "{screen}");
    assert!(screen.contains("2m"), "data age shown:\n{screen}");
    let flash = s.state().flash.clone().expect("flash");
    assert!(
        flash.text.contains("clc-lab: list servers"),
        "{}",
        flash.text
    );
}

#[test]
fn only_a_notable_status_marks_the_power_cell() {
    let mut s = Store::new(
        vec![AccountInfo::new("cp", ProviderKind::Controlepaneel, false)],
        false,
    );
    s.apply(Event::Resize(80, 12));
    let servers = ["Online", "Offline", "active", "underConstruction"]
        .iter()
        .enumerate()
        .map(|(i, status)| Server {
            account: "cp".into(),
            id: format!("s{i}"),
            name: format!("server-{i}"),
            status: status.to_string(),
            ..server(i)
        })
        .collect();
    s.apply(events::inventory(
        "cp",
        Ok(Inventory {
            servers,
            samples: Vec::new(),
            missing: Vec::new(),
            ..Inventory::default()
        }),
        10,
        1_000,
    ));
    let screen = text(&render(&s, (80, 12)));
    let power_of = |name: &str| {
        let row = screen.lines().find(|l| l.contains(name)).unwrap();
        let mut words = row.split_whitespace().skip_while(|w| !w.ends_with(name));
        words.nth(1).unwrap().to_string()
    };
    let marks: Vec<String> = (0..4).map(|i| power_of(&format!("server-{i}"))).collect();
    assert_eq!(marks, ["on", "on", "on", "off*"], "{screen}");
}

#[test]
fn details_scrolling_stops_at_the_last_line_comes_straight_back_and_g_g_jump_within() {
    let mut s = store(12, (80, 24));
    s.apply(Event::Intent(Intent::ToggleDetails));
    for _ in 0..30 {
        s.apply(Event::Intent(Intent::PageBy(1)));
    }
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let mut limits = ScrollLimits::default();
    terminal
        .draw(|frame| limits = draw(frame, s.state(), &Theme::monochrome()))
        .expect("draw");
    let most = limits.details.expect("the details panel was drawn");
    assert!(most > 0 && most < 100, "{most}");
    let screen = text(terminal.backend().buffer());
    assert!(screen.contains("Provider fields"), "{screen}");

    s.apply(Event::Drawn(limits));
    assert_eq!(s.state().panes.servers.panel.scroll, most);
    s.apply(Event::Intent(Intent::PageBy(1)));
    assert_eq!(s.state().panes.servers.panel.scroll, most);
    s.apply(Event::Intent(Intent::MoveBy(-1)));
    assert_eq!(s.state().panes.servers.panel.scroll, most - 1);
    // g and G go to the details' top and end, not to another server.
    let selected = s.state().panes.servers.view.cursor;
    s.apply(Event::Intent(Intent::Top));
    assert_eq!(s.state().panes.servers.panel.scroll, 0);
    s.apply(Event::Intent(Intent::Bottom));
    assert_eq!(s.state().panes.servers.panel.scroll, most);
    assert_eq!(s.state().panes.servers.view.cursor, selected);
}

/// A refresh whose networks call failed for one location: the servers
/// stand, the account stays up, and the part and its cause show on the
/// account (A view) and in the affected server's details.
#[test]
fn a_missing_enrichment_shows_on_the_account_and_in_the_details() {
    let mut s = store(4, (120, 30));
    let cause = "clc-lab: Network/GetNetworks UC1: HTTP 500";
    let mut servers: Vec<Server> = (0..4)
        .map(server)
        .filter(|s| s.account == "clc-lab")
        .collect();
    for server in servers.iter_mut().filter(|s| s.location == "UC1") {
        server.missing = vec![Missing::new("networks", cause)];
    }
    s.apply(events::inventory(
        "clc-lab",
        Ok(Inventory {
            servers,
            samples: Vec::new(),
            missing: vec![Missing::new("networks in UC1", cause)],
            ..Inventory::default()
        }),
        40,
        62_000,
    ));
    let account = s.state().account("clc-lab").expect("account");
    assert_eq!(
        account.health.state,
        HealthState::Ok,
        "the primary list arrived"
    );
    assert_eq!(s.state().servers().len(), 4, "every server is still listed");

    s.apply(Event::Intent(Intent::ShowView(
        hostdeck::app::panes::ViewKind::Accounts,
    )));
    let screen = text(&render(&s, (120, 30)));
    assert!(
        screen.contains("Not fetched by the last refreshes"),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("clc-lab  networks in UC1: {cause}")),
        "{screen}"
    );

    s.apply(Event::Intent(Intent::Back));
    s.apply(Event::Intent(Intent::SortNamed("account".into())));
    s.apply(Event::Intent(Intent::Top));
    s.apply(Event::Intent(Intent::ToggleDetails));
    s.apply(Event::Resize(200, 30));
    let selected = s.state().selected_server().expect("selected").clone();
    let screen = text(&render(&s, (200, 30)));
    assert_eq!(
        (selected.account.as_str(), selected.location.as_str()),
        ("clc-lab", "UC1")
    );
    assert!(
        screen.contains(&format!("~ networks not fetched: {cause}")),
        "{screen}"
    );
}
