//! Store tests: events in, state and effects out. No terminal, no network.

use crate::support::events;
use hostdeck::app::event::{Effect, Event};
use hostdeck::app::intent::Intent;
use hostdeck::app::panes::servers::Column;
use hostdeck::app::store::{ConfirmFocus, Mode, Store, SAMPLE_CAPACITY};
use hostdeck::model::{AccountInfo, ProviderKind};
use hostdeck::model::{
    Action, Capability, Command, HealthState, JobState, MetricSeries, PowerState, Ref, Sample,
    Server,
};
use hostdeck::provider::{Coverage, ErrorKind, Inventory, ProviderError, ServerSample};

fn server(account: &str, name: &str, power: PowerState) -> Server {
    let actions = match power {
        PowerState::On => vec![Action::Reboot, Action::PowerOff, Action::ShutDown],
        _ => vec![Action::PowerOn],
    };
    Server {
        account: account.into(),
        id: name.into(),
        name: name.into(),
        power,
        status: "Active".into(),
        primary_ip: Some(format!("10.0.0.{}", name.len())),
        location: "WA1".into(),
        group: "Web".into(),
        os: "Ubuntu".into(),
        cpu: Some(2),
        memory_gb: Some(4.0),
        in_maintenance: false,
        ips: vec![],
        details: vec![],
        actions,
        actions_note: None,
        warnings: Vec::new(),
        fetched_at: 1,
        missing: Vec::new(),
    }
}

/// The names of the servers the table shows, in row order.
fn row_names(store: &Store) -> Vec<&str> {
    let state = store.state();
    let rows = &state.panes.servers.view.rows;
    rows.iter()
        .map(|&i| state.servers()[i].name.as_str())
        .collect()
}

/// An inventory of only the servers that changed since the last poll.
fn changes(store: &mut Store, account: &str, servers: Vec<Server>) -> Vec<Effect> {
    store.apply(events::inventory(
        account,
        Ok(Inventory {
            servers,
            coverage: Coverage::Changes,
            ..Inventory::default()
        }),
        10,
        2000,
    ))
}

#[test]
fn changes_merge_in_place_and_keep_the_other_servers() {
    let mut s = store();
    let full = ["web01", "web02", "db01"].map(|n| server("a", n, PowerState::On));
    inventory(&mut s, "a", full.to_vec());
    inventory(&mut s, "b", vec![server("b", "mail01", PowerState::On)]);
    // Nothing changed: nothing to save.
    assert!(changes(&mut s, "a", Vec::new()).is_empty());
    assert_eq!(row_names(&s), ["db01", "mail01", "web01", "web02"]);
    // One server changed: it is replaced where it stands, the rest stay.
    let effects = changes(&mut s, "a", vec![server("a", "web02", PowerState::Off)]);
    assert_eq!(effects, vec![Effect::SaveSnapshot]);
    assert_eq!(row_names(&s), ["db01", "mail01", "web01", "web02"]);
    let power = |name: &str| {
        let found = s.state().servers().iter().find(|x| x.name == name);
        found.map(|x| x.power.clone())
    };
    assert_eq!(power("web02"), Some(PowerState::Off));
    assert_eq!(power("web01"), Some(PowerState::On));
    // A new server is added; the account's health stays up.
    changes(&mut s, "a", vec![server("a", "app01", PowerState::On)]);
    assert_eq!(row_names(&s), ["app01", "db01", "mail01", "web01", "web02"]);
    assert_eq!(
        s.state().account("a").unwrap().health.state,
        HealthState::Ok
    );
    // Changes can name servers that are gone.
    s.apply(events::inventory(
        "a",
        Ok(Inventory {
            coverage: Coverage::Changes,
            removed: vec!["app01".into(), "mail01".into()],
            ..Inventory::default()
        }),
        10,
        3000,
    ));
    assert_eq!(
        row_names(&s),
        ["db01", "mail01", "web01", "web02"],
        "only the account's own"
    );
    // A full read replaces: a server it no longer lists was deleted.
    inventory(&mut s, "a", full[..2].to_vec());
    assert_eq!(row_names(&s), ["mail01", "web01", "web02"]);
}

/// Sorting by a column, as its number key does.
fn sort_by(column: Column) -> Intent {
    Intent::SortColumn(
        Column::ALL
            .iter()
            .position(|&c| c == column)
            .expect("a column"),
    )
}

fn store() -> Store {
    let mut store = Store::new(
        vec![
            AccountInfo::new("a", ProviderKind::Clc, false)
                .with_capabilities(vec![Capability::Telemetry]),
            AccountInfo::new("b", ProviderKind::Clc, true)
                .with_capabilities(vec![Capability::Telemetry]),
        ],
        false,
    );
    store.apply(Event::Resize(80, 24));
    store
}

fn inventory(store: &mut Store, account: &str, servers: Vec<Server>) -> Vec<Effect> {
    store.apply(events::inventory(
        account,
        Ok(Inventory {
            servers,
            samples: Vec::new(),
            missing: Vec::new(),
            ..Inventory::default()
        }),
        10,
        1000,
    ))
}

fn intent(store: &mut Store, intent: Intent) -> Vec<Effect> {
    store.apply(Event::Intent(intent))
}

fn selected_name(store: &Store) -> String {
    store
        .state()
        .selected_server()
        .map(|s| s.name.clone())
        .unwrap_or_default()
}

fn three_servers(store: &mut Store) {
    inventory(
        store,
        "a",
        vec![
            server("a", "web01", PowerState::On),
            server("a", "db01", PowerState::On),
            server("a", "batch01", PowerState::Off),
        ],
    );
}

#[test]
fn inventory_fills_rows_sorted_by_name_and_marks_health() {
    let mut s = store();
    let effects = inventory(
        &mut s,
        "a",
        vec![
            server("a", "web01", PowerState::On),
            server("a", "db01", PowerState::On),
        ],
    );
    assert_eq!(effects, vec![Effect::SaveSnapshot]);
    let state = s.state();
    let names: Vec<&str> = state
        .panes
        .servers
        .view
        .rows
        .iter()
        .map(|&i| state.servers()[i].name.as_str())
        .collect();
    assert_eq!(names, vec!["db01", "web01"]);
    assert_eq!(state.account("a").unwrap().health.state, HealthState::Ok);
    assert_eq!(selected_name(&s), "db01");
}

#[test]
fn identical_refresh_does_not_redraw() {
    let mut s = store();
    three_servers(&mut s);
    s.take_dirty();
    let effects = three_servers_again(&mut s);
    assert!(effects.is_empty());
    assert!(
        !s.take_dirty(),
        "an unchanged refresh must not cause a redraw"
    );
}

fn three_servers_again(s: &mut Store) -> Vec<Effect> {
    let mut fresh = vec![
        server("a", "web01", PowerState::On),
        server("a", "db01", PowerState::On),
        server("a", "batch01", PowerState::Off),
    ];
    for f in &mut fresh {
        f.fetched_at = 99;
    }
    inventory(s, "a", fresh)
}

#[test]
fn selection_survives_refresh_resort_and_filter() {
    let mut s = store();
    three_servers(&mut s);
    intent(&mut s, Intent::MoveBy(1)); // batch01, db01, web01 -> db01
    assert_eq!(selected_name(&s), "db01");
    intent(&mut s, sort_by(Column::Power));
    assert_eq!(selected_name(&s), "db01");
    let mut fresh = vec![server("a", "aaa", PowerState::On)];
    fresh.extend([
        server("a", "db01", PowerState::On),
        server("a", "web01", PowerState::On),
    ]);
    inventory(&mut s, "a", fresh);
    assert_eq!(selected_name(&s), "db01");
    intent(&mut s, Intent::StartFilter);
    for c in "01".chars() {
        intent(&mut s, Intent::InputChar(c));
    }
    intent(&mut s, Intent::InputSubmit);
    assert_eq!(s.state().panes.servers.view.rows.len(), 2);
    assert_eq!(selected_name(&s), "db01");
}

#[test]
fn filter_regex_invert_and_escape_restores() {
    let mut s = store();
    three_servers(&mut s);
    intent(&mut s, Intent::StartFilter);
    for c in "!~^(web|db)0".chars() {
        intent(&mut s, Intent::InputChar(c));
    }
    assert_eq!(s.state().panes.servers.view.rows.len(), 1);
    assert_eq!(selected_name(&s), "batch01");
    intent(&mut s, Intent::Back);
    assert_eq!(s.state().mode, Mode::Normal);
    assert_eq!(s.state().panes.servers.view.rows.len(), 3);
}

#[test]
fn sort_twice_reverses() {
    let mut s = store();
    three_servers(&mut s);
    intent(&mut s, sort_by(Column::Name));
    let state = s.state();
    assert!(state.panes.servers.view.order.descending);
    assert_eq!(
        state.servers()[state.panes.servers.view.rows[0]].name,
        "web01"
    );
}

#[test]
fn destructive_action_opens_confirm_with_cancel_focused_and_cancel_sends_nothing() {
    let mut s = store();
    three_servers(&mut s);
    intent(&mut s, Intent::Bottom); // web01
    let effects = intent(&mut s, Intent::Act(Action::Reboot));
    assert!(effects.is_empty());
    match &s.state().mode {
        Mode::Confirm(c) => {
            assert_eq!(c.focus, ConfirmFocus::Cancel);
            assert_eq!(c.target, Ref::server("a", "web01"));
            assert_eq!(c.command, Command::Power(Action::Reboot));
        }
        other => panic!("expected confirm, got {other:?}"),
    }
    let effects = intent(&mut s, Intent::Activate);
    assert!(
        effects.is_empty(),
        "Enter on the focused Cancel sends nothing"
    );
    assert_eq!(s.state().mode, Mode::Normal);
    assert!(s.state().jobs.is_empty());
}

#[test]
fn confirmed_action_sends_one_job_and_tracks_it() {
    let mut s = store();
    three_servers(&mut s);
    intent(&mut s, Intent::Bottom);
    intent(&mut s, Intent::Act(Action::Reboot));
    intent(&mut s, Intent::FocusNext);
    let effects = intent(&mut s, Intent::Activate);
    let job = match effects.as_slice() {
        [Effect::Send(job)] => job.clone(),
        other => panic!("expected one send, got {other:?}"),
    };
    assert_eq!(job.command, Command::Power(Action::Reboot));
    assert_eq!(job.target, Ref::server("a", "web01"));
    // A second Enter (the dialog is gone) sends nothing more.
    assert!(intent(&mut s, Intent::Activate).is_empty());
    // The same action again while running is refused.
    let again = intent(&mut s, Intent::Act(Action::Reboot));
    assert!(matches!(again.as_slice(), [Effect::AuditRefused { .. }]));
    s.apply(Event::Job {
        id: job.id,
        state: JobState::Running(Some(50)),
        handle: Some("7".into()),
        at: 2000,
    });
    assert_eq!(s.state().jobs[0].state, JobState::Running(Some(50)));
    assert_eq!(s.state().jobs[0].provider_handle.as_deref(), Some("7"));
    let effects = s.apply(Event::Job {
        id: job.id,
        state: JobState::Succeeded(String::new()),
        handle: None,
        at: 3000,
    });
    assert!(effects.contains(&events::fetch_server(&Ref::server("a", "web01"))));
    assert!(!s.state().has_running_jobs());
}

#[test]
fn non_destructive_action_sends_without_dialog() {
    let mut s = store();
    three_servers(&mut s);
    intent(&mut s, Intent::Top); // batch01, off
    let effects = intent(&mut s, Intent::Act(Action::PowerOn));
    assert!(
        matches!(effects.as_slice(), [Effect::Send(j)] if j.command == Command::Power(Action::PowerOn))
    );
}

#[test]
fn unsupported_action_is_refused_with_a_message() {
    let mut s = store();
    three_servers(&mut s);
    intent(&mut s, Intent::Top); // batch01 is off: no reboot
    let effects = intent(&mut s, Intent::Act(Action::Reboot));
    assert!(matches!(effects.as_slice(), [Effect::AuditRefused { .. }]));
    let flash = s.state().flash.clone().expect("a message");
    assert!(
        flash.text.contains("batch01") && flash.text.contains("not available"),
        "{}",
        flash.text
    );
    assert_eq!(s.state().mode, Mode::Normal);
}

#[test]
fn read_only_account_refuses_every_action() {
    let mut s = store();
    inventory(&mut s, "b", vec![server("b", "ro01", PowerState::On)]);
    for action in [Action::Reboot, Action::PowerOff, Action::MaintenanceOn] {
        let effects = intent(&mut s, Intent::Act(action));
        assert!(
            matches!(effects.as_slice(), [Effect::AuditRefused { .. }]),
            "{action:?}"
        );
        assert!(s.state().flash.as_ref().unwrap().text.contains("read-only"));
    }
    assert!(s.state().jobs.is_empty());
}

#[test]
fn global_read_only_refuses_too() {
    let mut s = Store::new(vec![AccountInfo::new("a", ProviderKind::Clc, false)], true);
    three_servers(&mut s);
    intent(&mut s, Intent::Bottom);
    let effects = intent(&mut s, Intent::Act(Action::Reboot));
    assert!(matches!(effects.as_slice(), [Effect::AuditRefused { .. }]));
}

#[test]
fn failed_refresh_degrades_but_keeps_data_and_recovers() {
    let mut s = store();
    three_servers(&mut s);
    s.apply(events::inventory(
        "a",
        Err(ProviderError::new(
            "a",
            "list servers",
            ErrorKind::Http,
            "HTTP 503",
        )),
        5,
        2000,
    ));
    let health = &s.state().account("a").unwrap().health;
    assert_eq!(health.state, HealthState::Degraded);
    assert!(health.last_error.as_ref().unwrap().contains("HTTP 503"));
    assert_eq!(s.state().servers().len(), 3, "last good data stays");
    s.apply(events::inventory(
        "a",
        Err(ProviderError::new("a", "logon", ErrorKind::Auth, "bad key")),
        5,
        2000,
    ));
    assert_eq!(
        s.state().account("a").unwrap().health.state,
        HealthState::AuthFailed
    );
    three_servers(&mut s);
    assert_eq!(
        s.state().account("a").unwrap().health.state,
        HealthState::Ok
    );
}

#[test]
fn quit_saves_snapshot_and_command_line_works() {
    let mut s = store();
    intent(&mut s, Intent::StartCommand);
    for c in "q".chars() {
        intent(&mut s, Intent::InputChar(c));
    }
    let effects = intent(&mut s, Intent::InputSubmit);
    assert_eq!(effects, vec![Effect::SaveSnapshot, Effect::Quit]);
}

#[test]
fn unknown_command_flashes_an_error() {
    let mut s = store();
    intent(&mut s, Intent::StartCommand);
    for c in "nope".chars() {
        intent(&mut s, Intent::InputChar(c));
    }
    assert!(intent(&mut s, Intent::InputSubmit).is_empty());
    assert!(s
        .state()
        .flash
        .as_ref()
        .unwrap()
        .text
        .contains("unknown command"));
}

#[test]
fn snapshot_round_trip_restores_rows_and_marks_running_jobs_interrupted() {
    let mut s = store();
    three_servers(&mut s);
    intent(&mut s, Intent::Top);
    intent(&mut s, Intent::Act(Action::PowerOn));
    let snapshot = s.snapshot();
    let mut fresh = store();
    fresh.restore(snapshot);
    let state = fresh.state();
    assert_eq!(state.panes.servers.view.rows.len(), 3);
    assert_eq!(
        state.account("a").unwrap().health.state,
        HealthState::Connecting
    );
    assert!(matches!(&state.jobs[0].state, JobState::Failed(r) if r.contains("interrupted")));
}

/// One refresh of account `a` carrying a load gauge of `value` for web01.
fn poll_load(store: &mut Store, value: f64, at: i64) {
    poll_load_measured(store, value, at, None);
}

/// [`poll_load`] with the time the provider says it measured the value.
fn poll_load_measured(store: &mut Store, value: f64, at: i64, measured: Option<i64>) {
    let servers = store
        .state()
        .servers()
        .iter()
        .filter(|s| s.account == "a")
        .cloned()
        .collect();
    store.apply(events::inventory(
        "a",
        Ok(Inventory {
            servers,
            samples: vec![ServerSample {
                server_id: "web01".into(),
                metric: "load".into(),
                unit: "".into(),
                value,
                at: measured,
            }],
            missing: Vec::new(),
            ..Inventory::default()
        }),
        10,
        at,
    ));
}

fn load_values(store: &Store) -> Vec<f64> {
    store.state().data.telemetry[&Ref::server("a", "web01")]
        .data
        .iter()
        .flatten()
        .find(|series| series.name == "load")
        .map(|series| series.values().collect())
        .unwrap_or_default()
}

#[test]
fn a_reading_with_its_own_time_polled_twice_is_one_point() {
    let mut s = store();
    three_servers(&mut s);
    // i3D's PDU sample of 12:00 is still the newest at two polls.
    poll_load_measured(&mut s, 4.5, 1_000_000, Some(900_000));
    poll_load_measured(&mut s, 4.5, 1_060_000, Some(900_000));
    assert_eq!(load_values(&s), vec![4.5]);
    poll_load_measured(&mut s, 5.0, 1_120_000, Some(960_000));
    assert_eq!(load_values(&s), vec![4.5, 5.0]);
}

#[test]
fn polled_gauges_fill_a_bounded_ring_that_survives_a_restart() {
    let mut s = store();
    three_servers(&mut s);
    let polls = SAMPLE_CAPACITY + 5;
    for poll in 0..polls {
        poll_load(&mut s, poll as f64, 1_000 + poll as i64 * 60_000);
    }
    let values = load_values(&s);
    assert_eq!(values.len(), SAMPLE_CAPACITY);
    assert_eq!(values.first(), Some(&5.0));
    assert_eq!(values.last(), Some(&((polls - 1) as f64)));

    let dir = std::env::temp_dir().join(format!("hostdeck-ring-{}", std::process::id()));
    let path = dir.join("snapshot.json");
    // Saved as the console saves it: borrowed, read back as the whole
    // snapshot.
    hostdeck::snapshot::save_view(&path, &s.snapshot_view()).unwrap();
    let loaded = hostdeck::snapshot::load(&path).unwrap().unwrap();
    let mut owned = s.snapshot();
    owned.saved_at = loaded.saved_at;
    assert_eq!(loaded, owned);
    let mut restarted = store();
    restarted.restore(loaded);
    assert_eq!(load_values(&restarted), values);
    three_servers(&mut restarted);
    poll_load(&mut restarted, 999.0, 99_000_000);
    assert_eq!(load_values(&restarted).last(), Some(&999.0));
    assert_eq!(load_values(&restarted).len(), SAMPLE_CAPACITY);
    let _ = std::fs::remove_dir_all(dir);
}

/// A history fetched on demand under a gauge's name takes the gauge's
/// place (first series, so the row's TREND draws it), and the polls after
/// it append to it: how i3D.net's amps per PDU and CLC's cost behave.
#[test]
fn a_fetched_history_replaces_the_gauge_of_its_name_and_polls_extend_it() {
    let mut s = store();
    three_servers(&mut s);
    poll_load(&mut s, 7.0, 1_000);
    let mut history = MetricSeries::new("load", "", SAMPLE_CAPACITY);
    for (at, value) in [(100, 1.0), (200, 2.0), (300, 3.0)] {
        history.push(Sample { at, value });
    }
    s.apply(events::telemetry(
        &Ref::server("a", "web01"),
        Ok(vec![history]),
    ));
    assert_eq!(load_values(&s), [1.0, 2.0, 3.0]);
    let slot = &s.state().data.telemetry[&Ref::server("a", "web01")];
    let first = slot.data.as_ref().and_then(|series| series.first());
    assert_eq!(first.map(|series| series.name.as_str()), Some("load"));
    poll_load(&mut s, 4.0, 2_000);
    assert_eq!(load_values(&s), [1.0, 2.0, 3.0, 4.0]);
}

#[test]
fn details_open_requests_telemetry_and_the_server_once() {
    let mut s = store();
    three_servers(&mut s);
    let effects = intent(&mut s, Intent::ToggleDetails);
    let target = s.state().selected_server().expect("selected").reference();
    assert_eq!(
        effects,
        vec![
            events::fetch_telemetry(&target),
            events::fetch_server(&target)
        ]
    );
    intent(&mut s, Intent::ToggleDetails);
    let effects = intent(&mut s, Intent::ToggleDetails);
    assert!(effects.is_empty(), "fetched recently: not again");
}

#[test]
fn paging_and_bounds() {
    let mut s = store();
    let servers: Vec<Server> = (0..100)
        .map(|i| server("a", &format!("s{i:03}"), PowerState::On))
        .collect();
    inventory(&mut s, "a", servers);
    intent(&mut s, Intent::PageBy(1));
    let page = hostdeck::app::layout::table_rows((80, 24), false, 0);
    assert_eq!(s.state().panes.servers.view.cursor, page);
    intent(&mut s, Intent::Bottom);
    assert_eq!(s.state().panes.servers.view.cursor, 99);
    assert!(s.state().panes.servers.view.offset + page > 99);
    intent(&mut s, Intent::MoveBy(5));
    assert_eq!(s.state().panes.servers.view.cursor, 99);
    intent(&mut s, Intent::Top);
    assert_eq!(
        (
            s.state().panes.servers.view.cursor,
            s.state().panes.servers.view.offset
        ),
        (0, 0)
    );
}

#[test]
fn narrow_details_scroll_instead_of_moving_the_selection() {
    let mut s = store();
    three_servers(&mut s);
    intent(&mut s, Intent::ToggleDetails);
    let before = selected_name(&s);
    intent(&mut s, Intent::MoveBy(3));
    assert_eq!(selected_name(&s), before);
    assert_eq!(s.state().panes.servers.panel.scroll, 3);
    intent(&mut s, Intent::Back);
    assert!(!s.state().panes.servers.panel.open);
    s.apply(Event::Resize(160, 48));
    intent(&mut s, Intent::ToggleDetails);
    assert_eq!(s.state().panes.servers.panel.scroll, 0);
    intent(&mut s, Intent::MoveBy(1));
    assert_ne!(
        selected_name(&s),
        before,
        "wide: details beside the table, j moves"
    );
}

#[test]
fn a_refresh_that_changes_a_sort_key_re_sorts() {
    let mut s = store();
    three_servers(&mut s);
    intent(&mut s, sort_by(Column::Power)); // off first: batch01
    assert_eq!(selected_name(&s), "batch01");
    let state = s.state();
    assert_eq!(
        state.servers()[state.panes.servers.view.rows[0]].name,
        "batch01"
    );
    // batch01 powers on, web01 powers off: the order must follow.
    inventory(
        &mut s,
        "a",
        vec![
            server("a", "web01", PowerState::Off),
            server("a", "db01", PowerState::On),
            server("a", "batch01", PowerState::On),
        ],
    );
    let state = s.state();
    let names: Vec<&str> = state
        .panes
        .servers
        .view
        .rows
        .iter()
        .map(|&i| state.servers()[i].name.as_str())
        .collect();
    assert_eq!(names, vec!["web01", "batch01", "db01"]);
    assert_eq!(
        selected_name(&s),
        "batch01",
        "the selection follows its server"
    );
}

#[test]
fn a_refresh_that_changes_a_filtered_field_refilters() {
    let mut s = store();
    three_servers(&mut s);
    intent(&mut s, Intent::StartFilter);
    for c in "~^off$".chars() {
        intent(&mut s, Intent::InputChar(c));
    }
    intent(&mut s, Intent::InputSubmit);
    assert_eq!(s.state().panes.servers.view.rows.len(), 1);
    inventory(
        &mut s,
        "a",
        vec![
            server("a", "web01", PowerState::Off),
            server("a", "db01", PowerState::On),
            server("a", "batch01", PowerState::Off),
        ],
    );
    assert_eq!(s.state().panes.servers.view.rows.len(), 2);
}

#[test]
fn a_slow_refresh_marks_the_account_slow_and_a_fast_one_ok() {
    let mut s = store();
    s.apply(events::inventory(
        "a",
        Ok(Inventory {
            servers: vec![server("a", "web01", PowerState::On)],
            samples: Vec::new(),
            missing: Vec::new(),
            ..Inventory::default()
        }),
        4_000,
        1000,
    ));
    assert_eq!(
        s.state().account("a").unwrap().health.state,
        HealthState::Slow
    );
    assert_eq!(
        s.state().account("a").unwrap().health.last_latency_ms,
        Some(4_000)
    );
    inventory(&mut s, "a", vec![server("a", "web01", PowerState::On)]);
    assert_eq!(
        s.state().account("a").unwrap().health.state,
        HealthState::Ok
    );
}
