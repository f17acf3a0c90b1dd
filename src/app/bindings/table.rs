//! The binding table itself: every key and `:` command of normal mode, in
//! the order the hint bar and the help list them. A new pane's keys are
//! entries here, scoped to its view.

use super::{Binding, Hint, Run, CURSOR_VIEWS, TABLE_VIEWS};
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

/// A power action on the selected server, hinted where the server offers it.
const fn power(
    name: &'static str,
    keys: &'static [&'static str],
    help: &'static str,
    action: Action,
    hint: fn(&State) -> Option<&'static str>,
) -> Binding {
    Binding::new(name, keys, help, Run::Intent(Intent::Act(action)))
        .views(SERVERS)
        .mutating()
        .hint(Hint::When(hint))
}

/// A domain action on the selected domain.
const fn domain(
    name: &'static str,
    keys: &'static [&'static str],
    help: &'static str,
    intent: Intent,
) -> Binding {
    Binding::new(name, keys, help, Run::Intent(intent))
        .views(DOMAINS)
        .needs(Capability::Domains)
        .mutating()
}

/// A contact action in the contacts view.
const fn contact(
    name: &'static str,
    keys: &'static [&'static str],
    help: &'static str,
    intent: Intent,
) -> Binding {
    Binding::new(name, keys, help, Run::Intent(intent))
        .views(CONTACTS)
        .needs(Capability::Contacts)
        .mutating()
}

/// Switching to `view`.
const fn view(
    name: &'static str,
    aliases: &'static [&'static str],
    keys: &'static [&'static str],
    help: &'static str,
    view: ViewKind,
) -> Binding {
    Binding::new(name, keys, help, Run::Intent(Intent::ShowView(view))).aliases(aliases)
}

/// Moving the cursor.
const fn movement(
    name: &'static str,
    keys: &'static [&'static str],
    help: &'static str,
    intent: Intent,
) -> Binding {
    Binding::new(name, keys, help, Run::Intent(intent)).views(CURSOR_VIEWS)
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
    power("power-on", &["o"], "power on", Action::PowerOn, |s| {
        offered(s, Action::PowerOn, "on")
    }),
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
    power("pause", &["p"], "pause (asks first)", Action::Pause, |s| {
        offered(s, Action::Pause, "pause")
    }),
    Binding::new(
        "maintenance",
        &["m"],
        "maintenance mode on/off",
        Run::Intent(Intent::ToggleMaintenance),
    )
    .views(SERVERS)
    .mutating()
    .hint(Hint::When(|s| {
        offered(s, Action::MaintenanceOn, "maint")
            .or_else(|| offered(s, Action::MaintenanceOff, "maint"))
    })),
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
    Binding::new(
        "ptr",
        &["e"],
        "edit reverse DNS of its IPs (form)",
        Run::Intent(Intent::OpenForm(FormKind::Ptr)),
    )
    .aliases(&["rdns"])
    .views(SERVERS)
    .needs(Capability::ReverseDns)
    .mutating()
    .hint(Hint::When(|s| {
        s.selected_server()
            .filter(|server| !server.ips.is_empty())
            .map(|_| "rDNS")
    })),
    Binding::new(
        "request-ip",
        &["i"],
        "request extra IP addresses (form, asks first)",
        Run::Intent(Intent::OpenForm(FormKind::IpRequest)),
    )
    .aliases(&["request-ips", "ips"])
    .views(SERVERS)
    .needs(Capability::IpRequests)
    .mutating()
    .hint(Hint::When(|s| s.selected_server().map(|_| "+IPs"))),
    // Actions on the selected domain.
    domain(
        "epp",
        &["e"],
        "request the transfer (EPP) code (asks first)",
        Intent::Domain(DomainAction::RequestEpp),
    )
    .aliases(&["request-epp"])
    .hint(Hint::When(|s| on_domain(s, "epp"))),
    domain(
        "toggle-lock",
        &["L"],
        "lock / unlock at the registry (asks first)",
        Intent::Domain(DomainAction::ToggleLock),
    )
    .hint(Hint::When(|s| match s.selected_domain()?.locked? {
        true => Some("unlock"),
        false => Some("lock"),
    })),
    domain(
        "ns",
        &["n"],
        "edit the nameservers (form)",
        Intent::OpenForm(FormKind::Nameservers),
    )
    .aliases(&["nameservers"])
    .hint(Hint::When(|s| on_domain(s, "ns"))),
    domain(
        "domain-contacts",
        &["c"],
        "change the owner / admin / tech handles (form)",
        Intent::OpenForm(FormKind::DomainContacts),
    )
    .hint(Hint::When(|s| on_domain(s, "contacts"))),
    domain(
        "cancel",
        &["X"],
        "cancel at the end of the term (type the name)",
        Intent::Domain(DomainAction::Cancel { immediate: false }),
    )
    .hint(Hint::When(|s| on_domain(s, "cancel"))),
    domain(
        "cancel-direct",
        &[],
        "cancel IMMEDIATELY (type the name; no key)",
        Intent::Domain(DomainAction::Cancel { immediate: true }),
    ),
    domain(
        "lock",
        &[],
        "lock at the registry",
        Intent::Domain(DomainAction::SetLock(true)),
    ),
    domain(
        "unlock",
        &[],
        "unlock at the registry",
        Intent::Domain(DomainAction::SetLock(false)),
    ),
    // Domain contacts.
    contact(
        "add-contact",
        &["a"],
        "add a contact (form)",
        Intent::OpenForm(FormKind::NewContact),
    )
    .hint(Hint::When(|_| Some("add"))),
    contact(
        "edit-contact",
        &["e"],
        "edit the selected contact (form)",
        Intent::OpenForm(FormKind::EditContact),
    )
    .hint(Hint::When(|s| s.selected_contact().map(|_| "edit"))),
    contact(
        "del-contact",
        &["x", "delete"],
        "delete the selected contact (asks first)",
        Intent::DeleteContact,
    )
    .aliases(&["delete-contact"])
    .hint(Hint::When(|s| s.selected_contact().map(|_| "delete"))),
    // Colocation.
    Binding::new(
        "switch",
        &["tab", "shift-tab"],
        "switch between visitors and visits",
        Run::Intent(Intent::FocusNext),
    )
    .views(COLOCATION)
    .hint(Hint::When(|s| match s.panes.colocation.focus {
        Focus::Visitors => Some("visits"),
        Focus::Visits => Some("visitors"),
    })),
    // Every view.
    Binding::new(
        "refresh",
        &["r", "ctrl-r"],
        "refresh this view's data now",
        Run::Intent(Intent::Refresh),
    )
    .aliases(&["r"])
    .hint(Hint::When(|s| {
        (s.main_view == ViewKind::Colocation).then_some("refresh")
    })),
    movement("down", &["j", "down"], "down", Intent::MoveBy(1)),
    movement("up", &["k", "up"], "up", Intent::MoveBy(-1)),
    movement("top", &["g", "home"], "first row", Intent::Top),
    movement("bottom", &["G", "end"], "last row", Intent::Bottom),
    movement(
        "page-down",
        &["pgdn", "ctrl-f"],
        "page down",
        Intent::PageBy(1),
    ),
    movement(
        "page-up",
        &["pgup", "ctrl-b"],
        "page up",
        Intent::PageBy(-1),
    ),
    Binding::new(
        "sort-column",
        &["1", "2", "3", "4", "5", "6", "7", "8", "9"],
        "sort by column 1..9 (again: reverse)",
        Run::SortColumn,
    )
    .views(TABLE_VIEWS),
    Binding::new(
        "sort",
        &[],
        "sort by a column named or numbered: :sort expires",
        Run::SortNamed,
    )
    .views(TABLE_VIEWS),
    Binding::new(
        "details",
        &["enter", "d"],
        "details of the selected row",
        Run::Intent(Intent::ToggleDetails),
    )
    .views(TABLE_VIEWS),
    Binding::new(
        "filter",
        &["/"],
        "filter: text, ~regex, a leading ! inverts",
        Run::Filter,
    )
    .aliases(&["f"])
    .views(TABLE_VIEWS)
    .hint(Hint::General("filter")),
    Binding::new(
        "command",
        &[":"],
        "command line: :reboot, :sort expires, :q, …",
        Run::Intent(Intent::StartCommand),
    ),
    view(
        "servers",
        &["server", "srv", "s"],
        &[],
        "servers view",
        ViewKind::Servers,
    ),
    view("jobs", &["job", "j"], &["J"], "jobs view", ViewKind::Jobs),
    view(
        "accounts",
        &["account", "acc", "a"],
        &["A"],
        "accounts: health, data age, errors, missing parts",
        ViewKind::Accounts,
    ),
    view(
        "domains",
        &["domain", "dom"],
        &["D"],
        "domains view",
        ViewKind::Domains,
    ),
    view(
        "contacts",
        &["contact", "con"],
        &["C"],
        "domain contacts view",
        ViewKind::Contacts,
    ),
    view(
        "colocation",
        &["colo", "visits", "visitors"],
        &["V"],
        "colocation access view",
        ViewKind::Colocation,
    ),
    Binding::new("help", &["?"], "this help", Run::Intent(Intent::ShowHelp))
        .aliases(&["h", "?"])
        .hint(Hint::General("help")),
    Binding::new(
        "back",
        &["esc"],
        "back: close details, clear filter, then servers",
        Run::Intent(Intent::Back),
    ),
    Binding::new(
        "quit",
        &["q"],
        "quit (ctrl-c quits from anywhere)",
        Run::Intent(Intent::Quit),
    )
    .aliases(&["q", "q!", "exit"])
    .hint(Hint::General("quit")),
];
