//! Speed goals at ten thousand servers: render a frame of the servers pane,
//! apply a refresh to the store, and filter the rows; render the ticket
//! inbox and apply a full ticket list at ten thousand tickets; and parsing
//! large provider answers (controlepaneel domains, i3D tickets, a HostBill
//! zone of ten thousand DNS records: < 20 ms).
//! Targets on the 2-core CI machine: render < 2 ms, refresh < 5 ms, filter < 5 ms.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use hostdeck::app::event::Event;
use hostdeck::app::intent::Intent;
use hostdeck::app::panes::servers::Column;
use hostdeck::app::store::Store;
use hostdeck::model::{AccountInfo, ProviderKind};
use hostdeck::model::{Action, Ip, PowerState, Server};
use hostdeck::provider::Inventory;
use hostdeck::provider::{Fetch, Fetched};
use hostdeck::ui::{draw, theme::Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::hint::black_box;

const SERVERS: usize = 10_000;

fn servers(generation: u64) -> Vec<Server> {
    let locations = ["WA1", "UC1", "GB3", "VA1"];
    let groups = [
        "Default Group/Web",
        "Default Group/Db",
        "Default Group/Batch",
    ];
    (0..SERVERS)
        .map(|i| {
            let location = locations[i % locations.len()];
            let name = format!("{location}DEMOSRV{i:05}");
            let on = !(i as u64 + generation).is_multiple_of(3);
            Server {
                account: "clc-bench".into(),
                id: name.clone(),
                name,
                power: if on { PowerState::On } else { PowerState::Off },
                status: "Active".into(),
                primary_ip: Some(format!("10.{}.{}.{}", i / 65_536, (i / 256) % 256, i % 256)),
                location: location.into(),
                group: groups[i % groups.len()].into(),
                os: "Ubuntu 14 64-Bit".into(),
                cpu: Some(2 + (i % 8) as u32),
                memory_gb: Some(4.0),
                in_maintenance: false,
                ips: vec![Ip {
                    address: format!("10.{}.{}.{}", i / 65_536, (i / 256) % 256, i % 256),
                    kind: "RIP".into(),
                    claimed: Some(true),
                    server_id: None,
                    ptr: None,
                    subnet: None,
                    gateway: None,
                    remarks: None,
                }],
                details: Vec::new(),
                actions: if on {
                    vec![Action::Reboot, Action::PowerOff]
                } else {
                    vec![Action::PowerOn]
                },
                actions_note: None,
                warnings: Vec::new(),
                fetched_at: generation as i64,
                missing: Vec::new(),
            }
        })
        .collect()
}

fn loaded_store() -> Store {
    let mut store = Store::new(
        vec![AccountInfo::new("clc-bench", ProviderKind::Clc, false)],
        false,
    );
    store.apply(Event::Resize(160, 48));
    store.apply(refresh(0));
    store
}

fn refresh(generation: u64) -> Event {
    let inventory = Inventory {
        servers: servers(generation),
        ..Inventory::default()
    };
    Event::Fetched {
        account: "clc-bench".into(),
        fetch: Fetch::Inventory,
        at: 1_000,
        latency_ms: 10,
        result: Ok(Fetched::Inventory(inventory)),
    }
}

fn bench_render(c: &mut Criterion) {
    let mut store = loaded_store();
    store.apply(Event::Intent(Intent::MoveBy(5_000)));
    let theme = Theme::monochrome();
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    c.bench_function("render servers pane, 10k servers, 160x48", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| {
                    draw(frame, black_box(store.state()), &theme);
                })
                .expect("draw");
        })
    });
}

fn bench_refresh(c: &mut Criterion) {
    let mut generation = 0;
    c.bench_function("apply a changed refresh of 10k servers", |b| {
        b.iter_batched(
            || {
                generation += 1;
                (loaded_store(), refresh(generation))
            },
            |(mut store, event)| {
                let effects = store.apply(event);
                (store, black_box(effects))
            },
            BatchSize::LargeInput,
        )
    });
}

fn bench_refresh_resort(c: &mut Criterion) {
    let mut generation = 0;
    c.bench_function(
        "apply a changed refresh of 10k servers, sorted by the changed column",
        |b| {
            b.iter_batched(
                || {
                    generation += 1;
                    let mut store = loaded_store();
                    store.apply(Event::Intent(Intent::SortColumn(
                        Column::ALL
                            .iter()
                            .position(|&c| c == Column::Power)
                            .unwrap_or(0),
                    )));
                    (store, refresh(generation))
                },
                |(mut store, event)| {
                    let effects = store.apply(event);
                    (store, black_box(effects))
                },
                BatchSize::LargeInput,
            )
        },
    );
}

fn bench_first_load(c: &mut Criterion) {
    c.bench_function(
        "apply the first refresh of 10k servers (empty store)",
        |b| {
            b.iter_batched(
                || {
                    let mut store = Store::new(
                        vec![AccountInfo::new("clc-bench", ProviderKind::Clc, false)],
                        false,
                    );
                    store.apply(Event::Resize(160, 48));
                    (store, refresh(1))
                },
                |(mut store, event)| {
                    let effects = store.apply(event);
                    (store, black_box(effects))
                },
                BatchSize::LargeInput,
            )
        },
    );
}

fn bench_filter(c: &mut Criterion) {
    c.bench_function("filter 10k rows (substring, one keystroke)", |b| {
        b.iter_batched(
            || {
                let mut store = loaded_store();
                store.apply(Event::Intent(Intent::StartFilter));
                store.apply(Event::Intent(Intent::InputChar('u')));
                store
            },
            |mut store| {
                let effects = store.apply(Event::Intent(Intent::InputChar('c')));
                (store, black_box(effects))
            },
            BatchSize::LargeInput,
        )
    });
    c.bench_function("filter 10k rows (regex, one keystroke)", |b| {
        b.iter_batched(
            || {
                let mut store = loaded_store();
                store.apply(Event::Intent(Intent::StartFilter));
                for ch in "~^wa1.*0$".chars() {
                    store.apply(Event::Intent(Intent::InputChar(ch)));
                }
                store
            },
            |mut store| {
                let effects = store.apply(Event::Intent(Intent::InputChar('1')));
                (store, black_box(effects))
            },
            BatchSize::LargeInput,
        )
    });
}

/// controlepaneel `domains list` with 10,000 items, decoded into the
/// document's wire types (the simulator writes the answer).
fn bench_parse_domains_list(c: &mut Criterion) {
    let body = hostdeck::sim::controlepaneel::domains_list_xml(10_000, 1);
    let parsed = hostdeck::provider::controlepaneel::wire::parse_domains_list(body.as_bytes())
        .expect("the simulator's answer parses");
    assert_eq!(parsed.len(), 10_000);
    c.bench_function("parse a controlepaneel domains list, 10k items", |b| {
        b.iter(|| {
            hostdeck::provider::controlepaneel::wire::parse_domains_list(body.as_bytes())
                .map(|items| items.len())
        })
    });
}

/// i3D `GET /v3/tickets` with 10,000 tickets (the simulator writes the
/// answer), decoded and mapped to model tickets.
fn bench_parse_i3d_tickets(c: &mut Criterion) {
    use hostdeck::provider::i3d::{tickets, wire};
    let body = hostdeck::sim::i3d::tickets_json(10_000);
    let parse = |body: &str| -> Vec<hostdeck::model::Ticket> {
        let listed: Vec<wire::Ticket> = wire::decode_list(body).expect("the answer parses");
        listed
            .iter()
            .filter_map(|t| tickets::ticket("i3d-bench", t, 0))
            .collect()
    };
    assert_eq!(parse(&body).len(), 10_000);
    c.bench_function("parse 10,000 i3d tickets", |b| {
        b.iter(|| parse(black_box(&body)).len())
    });
}

/// HostBill `GET /domain/@id/dns` with 10,000 records (the simulator
/// writes the answer), decoded and mapped to model records. Target < 20 ms.
fn bench_parse_hostbill_zone(c: &mut Criterion) {
    use hostdeck::provider::hostbill::{map, wire};
    let body = hostdeck::sim::hostbill::records_json(10_000);
    let parse = |body: &str| -> Vec<hostdeck::model::DnsRecord> {
        let zone: wire::RecordList = wire::decode(body).expect("the answer parses");
        zone.records
            .iter()
            .filter_map(|r| map::record("hb-bench", "example.de", r))
            .collect()
    };
    assert_eq!(parse(&body).len(), 10_000);
    c.bench_function("parse a 10,000-record zone (hostbill)", |b| {
        b.iter(|| parse(black_box(&body)).len())
    });
}

/// The accounts the inbox benchmark spreads its tickets over.
const TICKET_ACCOUNTS: [&str; 4] = ["i3d-ams", "i3d-fra", "i3d-nyc", "i3d-sin"];

/// 10,000 tickets of `account`, from the i3D simulator's list, decoded
/// and mapped as the provider does.
fn i3d_tickets(account: &str, at: i64) -> Vec<hostdeck::model::Ticket> {
    use hostdeck::provider::i3d::{tickets, wire};
    let body = hostdeck::sim::i3d::tickets_json(10_000);
    let listed: Vec<wire::Ticket> = wire::decode_list(&body).expect("the answer parses");
    listed
        .iter()
        .filter_map(|t| tickets::ticket(account, t, at))
        .collect()
}

/// A full ticket list of `account` arrived.
fn ticket_list(account: &str, tickets: Vec<hostdeck::model::Ticket>, at: i64) -> Event {
    use hostdeck::provider::{TicketInventory, TicketScope};
    let inventory = TicketInventory {
        scope: TicketScope::All,
        tickets,
        missing: Vec::new(),
    };
    let fetch = Fetch::Tickets(TicketScope::All);
    Event::fetched(account, fetch, at, Ok(Fetched::Tickets(inventory)))
}

fn ticket_store(accounts: &[&str]) -> Store {
    use hostdeck::model::Capability;
    let accounts = accounts
        .iter()
        .map(|name| {
            AccountInfo::new(*name, ProviderKind::I3d, false)
                .with_capabilities(vec![Capability::Tickets])
        })
        .collect();
    let mut store = Store::new(accounts, false);
    store.apply(Event::Resize(160, 48));
    store
}

/// 10,000 tickets dealt over four accounts; the inbox shown at 160x48,
/// the cursor halfway down.
fn inbox_store() -> Store {
    use hostdeck::app::panes::ViewKind;
    let at = hostdeck::model::now_millis();
    let mut store = ticket_store(&TICKET_ACCOUNTS);
    let all = i3d_tickets(TICKET_ACCOUNTS[0], at);
    for (n, account) in TICKET_ACCOUNTS.iter().enumerate() {
        let tickets = all
            .iter()
            .skip(n)
            .step_by(TICKET_ACCOUNTS.len())
            .map(|t| hostdeck::model::Ticket {
                account: account.to_string(),
                ..t.clone()
            })
            .collect();
        store.apply(ticket_list(account, tickets, at));
    }
    store.apply(Event::Intent(Intent::ShowView(ViewKind::Tickets)));
    store.apply(Event::Intent(Intent::MoveBy(5_000)));
    store
}

fn bench_render_inbox(c: &mut Criterion) {
    let store = inbox_store();
    let list = &store.state().panes.tickets.list;
    assert_eq!(list.rows.len(), 10_000, "every ticket is a row");
    assert_eq!(list.cursor, 5_000);
    let theme = Theme::monochrome();
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    c.bench_function("render the ticket inbox, 10k tickets, 160x48", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| {
                    draw(frame, black_box(store.state()), &theme);
                })
                .expect("draw");
        })
    });
}

/// The full list of an account with 10,000 tickets again, a third of
/// them updated since (the periodic full-list poll).
fn bench_ticket_list(c: &mut Criterion) {
    let at = hostdeck::model::now_millis();
    let first = i3d_tickets("i3d-ams", at);
    let mut changed = first.clone();
    for ticket in changed.iter_mut().step_by(3) {
        ticket.updated = ticket.updated.map(|u| u + 60_000);
    }
    c.bench_function(
        "apply a changed full list of 10k tickets (a third updated)",
        |b| {
            b.iter_batched(
                || {
                    let mut store = ticket_store(&["i3d-ams"]);
                    store.apply(ticket_list("i3d-ams", first.clone(), at));
                    (store, ticket_list("i3d-ams", changed.clone(), at + 60_000))
                },
                |(mut store, event)| {
                    let effects = store.apply(event);
                    (store, black_box(effects))
                },
                BatchSize::LargeInput,
            )
        },
    );
}

criterion_group!(
    benches,
    bench_render,
    bench_render_inbox,
    bench_ticket_list,
    bench_refresh,
    bench_refresh_resort,
    bench_first_load,
    bench_filter,
    bench_parse_domains_list,
    bench_parse_i3d_tickets,
    bench_parse_hostbill_zone
);
criterion_main!(benches);
