//! Fixtures shared by the ticket inbox tests (store and UI): two accounts
//! offering tickets, an i3D one (threads without message texts) and a
//! HostBill one (threads with messages), each with three tickets around a
//! fixed "now", one of them unread on each account.
//!
//! Inbox order by default (unread first, then newest update):
//! i3d-ams #4711 (unread, 5m), hb-main #88 (unread, 30m), hb-main #91
//! (10m), i3d-ams #4702 (2h), i3d-ams #4650 (closed, 3d), hb-main #75
//! (closed, 20d).

#![allow(dead_code)]

use crate::support::events;
use crate::support::panes::{now, DAY};
use hostdeck::app::event::{Effect, Event};
use hostdeck::app::intent::Intent;
use hostdeck::app::panes::ViewKind;
use hostdeck::app::store::Store;
use hostdeck::model::{
    AccountInfo, Capability, Detail, Millis, ObjectKind, ProviderKind, Ref, Thread, Ticket,
    TicketChoice, TicketMessage, TicketOptions,
};
use hostdeck::provider::{Inventory, TicketInventory, TicketScope};

pub const I3D: &str = "i3d-ams";
pub const HOSTBILL: &str = "hb-main";
pub const MINUTE: Millis = 60_000;
pub const HOUR: Millis = 60 * MINUTE;

/// The default inbox order, as (account, id).
pub const INBOX_ORDER: [(&str, &str); 6] = [
    (I3D, "4711"),
    (HOSTBILL, "88"),
    (HOSTBILL, "91"),
    (I3D, "4702"),
    (I3D, "4650"),
    (HOSTBILL, "75"),
];

/// Both ticket accounts; `read_only` makes each of them read-only.
pub fn accounts(read_only: bool) -> Vec<AccountInfo> {
    vec![
        AccountInfo::new(I3D, ProviderKind::I3d, read_only)
            .with_capabilities(vec![Capability::ReverseDns, Capability::Tickets]),
        AccountInfo::new(HOSTBILL, ProviderKind::Hostbill, read_only)
            .with_capabilities(vec![Capability::Tickets]),
    ]
}

/// A ticket list entry (no thread), updated `age` before [`now`].
pub fn ticket(account: &str, id: &str, subject: &str, status: &str, age: Millis) -> Ticket {
    Ticket {
        account: account.into(),
        id: id.into(),
        subject: subject.into(),
        status: status.into(),
        category: String::new(),
        priority: String::new(),
        created: Some(now() - age - 2 * DAY),
        updated: Some(now() - age),
        unread: false,
        thread: Thread::NotFetched,
        details: Vec::new(),
        missing: Vec::new(),
        fetched_at: now(),
    }
}

pub fn unread(mut ticket: Ticket) -> Ticket {
    ticket.unread = true;
    ticket
}

fn with(mut ticket: Ticket, category: &str, priority: &str) -> Ticket {
    ticket.category = category.into();
    ticket.priority = priority.into();
    ticket
}

/// The i3D account's tickets as its full list gives them.
pub fn i3d_tickets() -> Vec<Ticket> {
    let mut disk = unread(with(
        ticket(I3D, "4711", "Disk failure in rack 12", "Open", 5 * MINUTE),
        "Hardware",
        "High",
    ));
    disk.details = vec![Detail::new("Replies by you", "1")];
    vec![
        disk,
        with(
            ticket(
                I3D,
                "4702",
                "rDNS delegation for 185.3.4.0/24",
                "Answered",
                2 * HOUR,
            ),
            "Network",
            "Normal",
        ),
        with(
            ticket(I3D, "4650", "Cabinet power upgrade", "Closed", 3 * DAY),
            "Colocation",
            "Low",
        ),
    ]
}

/// The HostBill account's tickets as its full list gives them.
pub fn hostbill_tickets() -> Vec<Ticket> {
    vec![
        unread(with(
            ticket(
                HOSTBILL,
                "88",
                "Invoice 2026-0042 question",
                "Answered",
                30 * MINUTE,
            ),
            "Billing",
            "Medium",
        )),
        with(
            ticket(
                HOSTBILL,
                "91",
                "Mail relay blocked by upstream",
                "Open",
                10 * MINUTE,
            ),
            "Technical",
            "High",
        ),
        with(
            ticket(
                HOSTBILL,
                "75",
                "Migrate VPS to new cluster",
                "Closed",
                20 * DAY,
            ),
            "Technical",
            "Low",
        ),
    ]
}

/// The thread i3D gives for a fetched ticket: no message texts.
pub fn no_bodies() -> Thread {
    Thread::NoBodies {
        note: "i3D.net's API gives no message texts; 1 reply by you, last at \
               2026-11-21 22:10 UTC; updated 2026-11-21 23:55 UTC"
            .into(),
    }
}

/// A HostBill thread: the client's question and staff's answer.
pub fn messages() -> Thread {
    Thread::Messages(vec![
        TicketMessage {
            author: "Jan Jansen".into(),
            at: Some(now() - DAY),
            body: "Invoice 2026-0042 charges the backup plan twice.\n\
                   Could you check and send a corrected invoice?"
                .into(),
            from_staff: false,
        },
        TicketMessage {
            author: "Billing Team".into(),
            at: Some(now() - 30 * MINUTE),
            body: "Thanks, Jan. The second line is the old plan's last month.\n\
                   A credit note follows today."
                .into(),
            from_staff: true,
        },
    ])
}

/// `ticket` with its thread, as a fetch of the one ticket brings it.
pub fn threaded(mut ticket: Ticket, thread: Thread) -> Ticket {
    ticket.thread = thread;
    ticket
}

/// The list entry of (account, id) in the fixture.
pub fn listed(account: &str, id: &str) -> Ticket {
    i3d_tickets()
        .into_iter()
        .chain(hostbill_tickets())
        .find(|t| t.account == account && t.id == id)
        .unwrap_or_else(|| panic!("no ticket {account}:{id} in the fixture"))
}

pub fn ticket_ref(account: &str, id: &str) -> Ref {
    Ref::new(account, ObjectKind::Ticket, id)
}

/// A list read of `account` arrived at `at`.
pub fn list(account: &str, scope: TicketScope, tickets: Vec<Ticket>, at: Millis) -> Event {
    let inventory = TicketInventory {
        scope,
        tickets,
        missing: Vec::new(),
    };
    events::tickets(account, scope, Ok(inventory), at)
}

/// The i3D categories (its department is typed).
pub fn i3d_options() -> TicketOptions {
    TicketOptions {
        categories: vec![
            TicketChoice::new("Hardware", "Hardware"),
            TicketChoice::new("Network", "Network"),
        ],
        departments: Vec::new(),
        department_required: true,
    }
}

pub fn apply(store: &mut Store, intent: Intent) -> Vec<Effect> {
    store.apply(Event::Intent(intent))
}

/// Both accounts healthy with their full ticket lists, the inbox shown,
/// at `size`. `read_only` is the global switch.
pub fn store(size: (u16, u16), read_only: bool) -> Store {
    store_with(accounts(false), read_only, size)
}

/// [`store`] with these accounts.
pub fn store_with(accounts: Vec<AccountInfo>, read_only: bool, size: (u16, u16)) -> Store {
    let mut store = healthy(accounts, read_only, size);
    store.apply(list(I3D, TicketScope::All, i3d_tickets(), now()));
    store.apply(list(HOSTBILL, TicketScope::All, hostbill_tickets(), now()));
    apply(&mut store, Intent::ShowView(ViewKind::Tickets));
    store
}

/// Both accounts healthy, no ticket list arrived yet, the inbox shown.
pub fn empty_store(size: (u16, u16)) -> Store {
    let mut store = healthy(accounts(false), false, size);
    apply(&mut store, Intent::ShowView(ViewKind::Tickets));
    store
}

fn healthy(accounts: Vec<AccountInfo>, read_only: bool, size: (u16, u16)) -> Store {
    let mut store = Store::new(accounts, read_only);
    store.apply(Event::Resize(size.0, size.1));
    for account in [I3D, HOSTBILL] {
        store.apply(events::inventory(
            account,
            Ok(Inventory::default()),
            20,
            now(),
        ));
    }
    store
}

/// The (account, id) of the inbox rows in display order.
pub fn rows(store: &Store) -> Vec<(String, String)> {
    let state = store.state();
    let all: Vec<&Ticket> = state.data.tickets().collect();
    state
        .panes
        .tickets
        .list
        .rows
        .iter()
        .map(|&i| (all[i].account.clone(), all[i].id.clone()))
        .collect()
}

/// Moves the inbox cursor onto (account, id).
pub fn select(store: &mut Store, account: &str, id: &str) {
    apply(store, Intent::Top);
    for _ in 0..store.state().data.tickets().count() {
        let selected = store.state().selected_ticket();
        if selected.is_some_and(|t| t.account == account && t.id == id) {
            return;
        }
        apply(store, Intent::MoveBy(1));
    }
    panic!("no ticket {account}:{id} in the inbox");
}
