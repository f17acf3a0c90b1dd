//! The binding table itself: every key and `:` command of normal mode, in
//! the order the hint bar and the help list them. A new pane's keys are
//! entries here, scoped to its view.

use super::{Binding, Hint, Run, CURSOR_VIEWS, EVERY_VIEW, TABLE_VIEWS};
use crate::app::form::FormKind;
use crate::app::intent::{DomainAction, Intent};
use crate::app::panes::colocation::Focus;
use crate::app::panes::ViewKind;
use crate::app::store::State;
use crate::model::{Action, Capability};

const SERVERS: &[ViewKind] = &[ViewKind::Servers];
const DOMAINS: &[ViewKind] = &[ViewKind::Domains];
const CONTACTS: &[ViewKind] = &[ViewKind::Contacts];
const COLOCATION: &[ViewKind] = &[ViewKind::Colocation];

/// A binding with the usual defaults: every view, no capability, no hint.
const fn entry(
    name: &'static str,
    keys: &'static [&'static str],
    help: &'static str,
    run: Run,
) -> Binding {
    Binding {
        name,
        aliases: &[],
        keys,
        help,
        views: EVERY_VIEW,
        capability: None,
        mutates: false,
        run,
        hint: Hint::None,
    }
}

/// A power action on the selected server, hinted where the server offers it.
const fn power(
    name: &'static str,
    key: &'static [&'static str],
    help: &'static str,
    action: Action,
    hint: fn(&State) -> Option<&'static str>,
) -> Binding {
    Binding {
        views: SERVERS,
        mutates: true,
        hint: Hint::When(hint),
        ..entry(name, key, help, Run::Intent(Intent::Act(action)))
    }
}

/// `label` when the selected server offers `action`.
fn offered(state: &State, action: Action, label: &'static str) -> Option<&'static str> {
    state
        .selected_server()
        .filter(|s| s.supports(action))
        .map(|_| label)
}

/// `label` when a domain is selected.
fn on_domain(state: &State, label: &'static str) -> Option<&'static str> {
    state.selected_domain().map(|_| label)
}

pub static BINDINGS: &[Binding] = &[
    // Actions on the selected server, in the order the hint bar shows them.
    power(
        "reboot",
        &["b"],
        "reboot (asks first)",
        Action::Reboot,
        |s| offered(s, Action::Reboot, "reboot"),
    ),
    power(
        "power-on",
        &["o"],
        "power on",
        Action::PowerOn,
        |s| offered(s, Action::PowerOn, "on"),
    ),
    power(
        "power-off",
        &["f"],
        "power off (asks first)",
        Action::PowerOff,
        |s| offered(s, Action::PowerOff, "off"),
    ),
    power(
        "shutdown",
        &["s"],
        "shut down (asks first)",
        Action::ShutDown,
        |s| offered(s, Action::ShutDown, "shut"),
    ),
    power(
        "reset",
        &["x"],
        "reset: forced power cycle (asks first)",
        Action::Reset,
        |s| offered(s, Action::Reset, "reset"),
    ),
    power(
        "pause",
        &["p"],
        "pause (asks first)",
        Action::Pause,
        |s| offered(s, Action::Pause, "pause"),
    ),
    Binding {
        views: SERVERS,
        mutates: true,
        hint: Hint::When(|s| {
            offered(s, Action::MaintenanceOn, "maint")
                .or_else(|| offered(s, Action::MaintenanceOff, "maint"))
        }),
        ..entry(
            "maintenance",
            &["m"],
            "maintenance mode on/off",
            Run::Intent(Intent::ToggleMaintenance),
        )
    },
    power(
        "maintenance-on",
        &[],
        "enter maintenance mode",
        Action::MaintenanceOn,
        |_| None,
    ),
    power(
        "maintenance-off",
        &[],
        "leave maintenance mode",
        Action::MaintenanceOff,
        |_| None,
    ),
    Binding {
        aliases: &["rdns"],
        views: SERVERS,
        capability: Some(Capability::ReverseDns),
        mutates: true,
        hint: Hint::When(|s| {
            s.selected_server()
                .filter(|server| !server.ips.is_empty())
                .map(|_| "rDNS")
        }),
        ..entry(
            "ptr",
            &["e"],
            "edit reverse DNS of its IPs (form)",
            Run::Intent(Intent::OpenForm(FormKind::Ptr)),
        )
    },
    Binding {
        aliases: &["request-ips", "ips"],
        views: SERVERS,
        capability: Some(Capability::IpRequests),
        mutates: true,
        hint: Hint::When(|s| s.selected_server().map(|_| "+IPs")),
        ..entry(
            "request-ip",
            &["i"],
            "request extra IP addresses (form, asks first)",
            Run::Intent(Intent::OpenForm(FormKind::IpRequest)),
        )
    },
    // Actions on the selected domain.
    Binding {
        aliases: &["request-epp"],
        views: DOMAINS,
        capability: Some(Capability::Domains),
        mutates: true,
        hint: Hint::When(|s| on_domain(s, "epp")),
        ..entry(
            "epp",
            &["e"],
            "request the transfer (EPP) code (asks first)",
            Run::Intent(Intent::Domain(DomainAction::RequestEpp)),
        )
    },
    Binding {
        views: DOMAINS,
        capability: Some(Capability::Domains),
        mutates: true,
        hint: Hint::When(|s| match s.selected_domain()?.locked? {
            true => Some("unlock"),
            false => Some("lock"),
        }),
        ..entry(
            "toggle-lock",
            &["L"],
            "lock / unlock at the registry (asks first)",
            Run::Intent(Intent::Domain(DomainAction::ToggleLock)),
        )
    },
    Binding {
        aliases: &["nameservers"],
        views: DOMAINS,
        capability: Some(Capability::Domains),
        mutates: true,
        hint: Hint::When(|s| on_domain(s, "ns")),
        ..entry(
            "ns",
            &["n"],
            "edit the nameservers (form)",
            Run::Intent(Intent::OpenForm(FormKind::Nameservers)),
        )
    },
    Binding {
        views: DOMAINS,
        capability: Some(Capability::Domains),
        mutates: true,
        hint: Hint::When(|s| on_domain(s, "contacts")),
        ..entry(
            "domain-contacts",
            &["c"],
            "change the owner / admin / tech handles (form)",
            Run::Intent(Intent::OpenForm(FormKind::DomainContacts)),
        )
    },
    Binding {
        views: DOMAINS,
        capability: Some(Capability::Domains),
        mutates: true,
        hint: Hint::When(|s| on_domain(s, "cancel")),
        ..entry(
            "cancel",
            &["X"],
            "cancel at the end of the term (type the name)",
            Run::Intent(Intent::Domain(DomainAction::Cancel { immediate: false })),
        )
    },
    Binding {
        views: DOMAINS,
        capability: Some(Capability::Domains),
        mutates: true,
        ..entry(
            "cancel-direct",
            &[],
            "cancel IMMEDIATELY (type the name; no key on purpose)",
            Run::Intent(Intent::Domain(DomainAction::Cancel { immediate: true })),
        )
    },
    Binding {
        views: DOMAINS,
        capability: Some(Capability::Domains),
        mutates: true,
        ..entry(
            "lock",
            &[],
            "lock at the registry",
            Run::Intent(Intent::Domain(DomainAction::SetLock(true))),
        )
    },
    Binding {
        views: DOMAINS,
        capability: Some(Capability::Domains),
        mutates: true,
        ..entry(
            "unlock",
            &[],
            "unlock at the registry",
            Run::Intent(Intent::Domain(DomainAction::SetLock(false))),
        )
    },
    // Domain contacts.
    Binding {
        views: CONTACTS,
        capability: Some(Capability::Contacts),
        mutates: true,
        hint: Hint::When(|_| Some("add")),
        ..entry(
            "add-contact",
            &["a"],
            "add a contact (form)",
            Run::Intent(Intent::OpenForm(FormKind::NewContact)),
        )
    },
    Binding {
        views: CONTACTS,
        capability: Some(Capability::Contacts),
        mutates: true,
        hint: Hint::When(|s| s.selected_contact().map(|_| "edit")),
        ..entry(
            "edit-contact",
            &["e"],
            "edit the selected contact (form)",
            Run::Intent(Intent::OpenForm(FormKind::EditContact)),
        )
    },
    Binding {
        aliases: &["delete-contact"],
        views: CONTACTS,
        capability: Some(Capability::Contacts),
        mutates: true,
        hint: Hint::When(|s| s.selected_contact().map(|_| "delete")),
        ..entry(
            "del-contact",
            &["x", "delete"],
            "delete the selected contact (asks first)",
            Run::Intent(Intent::DeleteContact),
        )
    },
    // Colocation.
    Binding {
        views: COLOCATION,
        hint: Hint::When(|s| match s.panes.colocation.focus {
            Focus::Visitors => Some("visits"),
            Focus::Visits => Some("visitors"),
        }),
        ..entry(
            "switch",
            &["tab", "shift-tab"],
            "switch between visitors and visits",
            Run::Intent(Intent::FocusNext),
        )
    },
    // Every view.
    Binding {
        aliases: &["r"],
        hint: Hint::When(|s| (s.main_view == ViewKind::Colocation).then_some("refresh")),
        ..entry(
            "refresh",
            &["r", "ctrl-r"],
            "refresh this view's data now (servers: every account)",
            Run::Intent(Intent::Refresh),
        )
    },
    Binding {
        views: CURSOR_VIEWS,
        ..entry("down", &["j", "down"], "down", Run::Intent(Intent::MoveBy(1)))
    },
    Binding {
        views: CURSOR_VIEWS,
        ..entry("up", &["k", "up"], "up", Run::Intent(Intent::MoveBy(-1)))
    },
    Binding {
        views: CURSOR_VIEWS,
        ..entry("top", &["g", "home"], "first row", Run::Intent(Intent::Top))
    },
    Binding {
        views: CURSOR_VIEWS,
        ..entry("bottom", &["G", "end"], "last row", Run::Intent(Intent::Bottom))
    },
    Binding {
        views: CURSOR_VIEWS,
        ..entry(
            "page-down",
            &["pgdn", "ctrl-f"],
            "page down",
            Run::Intent(Intent::PageBy(1)),
        )
    },
    Binding {
        views: CURSOR_VIEWS,
        ..entry(
            "page-up",
            &["pgup", "ctrl-b"],
            "page up",
            Run::Intent(Intent::PageBy(-1)),
        )
    },
    Binding {
        views: TABLE_VIEWS,
        ..entry(
            "sort-column",
            &["1", "2", "3", "4", "5", "6", "7", "8", "9"],
            "sort by column 1..9 (again: reverse)",
            Run::SortColumn,
        )
    },
    Binding {
        views: TABLE_VIEWS,
        ..entry(
            "sort",
            &[],
            "sort by a column named or numbered: :sort expires",
            Run::SortNamed,
        )
    },
    Binding {
        views: TABLE_VIEWS,
        ..entry(
            "details",
            &["enter", "d"],
            "details of the selected row",
            Run::Intent(Intent::ToggleDetails),
        )
    },
    Binding {
        aliases: &["f"],
        views: TABLE_VIEWS,
        hint: Hint::General("filter"),
        ..entry(
            "filter",
            &["/"],
            "filter: text, ~regex, !inverts (:filter TEXT sets it)",
            Run::Filter,
        )
    },
    entry(
        "command",
        &[":"],
        "command line: any name in this table (:reboot, :sort name, :q)",
        Run::Intent(Intent::StartCommand),
    ),
    Binding {
        aliases: &["server", "srv", "s"],
        ..entry(
            "servers",
            &[],
            "servers view",
            Run::Intent(Intent::ShowView(ViewKind::Servers)),
        )
    },
    Binding {
        aliases: &["job", "j"],
        ..entry(
            "jobs",
            &["J"],
            "jobs view",
            Run::Intent(Intent::ShowView(ViewKind::Jobs)),
        )
    },
    Binding {
        aliases: &["account", "acc", "a"],
        ..entry(
            "accounts",
            &["A"],
            "accounts: health, data age, last error, missing parts",
            Run::Intent(Intent::ShowView(ViewKind::Accounts)),
        )
    },
    Binding {
        aliases: &["domain", "dom"],
        ..entry(
            "domains",
            &["D"],
            "domains view",
            Run::Intent(Intent::ShowView(ViewKind::Domains)),
        )
    },
    Binding {
        aliases: &["contact", "con"],
        ..entry(
            "contacts",
            &["C"],
            "domain contacts view",
            Run::Intent(Intent::ShowView(ViewKind::Contacts)),
        )
    },
    Binding {
        aliases: &["colo", "visits", "visitors"],
        ..entry(
            "colocation",
            &["V"],
            "colocation access view",
            Run::Intent(Intent::ShowView(ViewKind::Colocation)),
        )
    },
    Binding {
        aliases: &["h", "?"],
        hint: Hint::General("help"),
        ..entry("help", &["?"], "this help", Run::Intent(Intent::ShowHelp))
    },
    entry(
        "back",
        &["esc"],
        "back: close details, clear filter, then servers",
        Run::Intent(Intent::Back),
    ),
    Binding {
        aliases: &["q", "q!", "exit"],
        hint: Hint::General("quit"),
        ..entry("quit", &["q"], "quit (ctrl-c quits from anywhere)", Run::Intent(Intent::Quit))
    },
];
