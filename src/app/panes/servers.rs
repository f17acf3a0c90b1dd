//! The servers pane: one table of the servers of every account (its
//! columns defined once in [`Column`]), the details panel of the selected
//! server, the power actions and server forms, and the telemetry its
//! details want.

use super::{Pane, Panel, Table, ViewKind};
use crate::app::bindings::{Binding, Hint, Run};
use crate::app::event::Effect;
use crate::app::filter::Filter;
use crate::app::form::FormKind;
use crate::app::intent::Intent;
use crate::app::server_view::ServerView;
use crate::app::store::{FlashLevel, State, Store};
use crate::model::Capability;
use crate::model::{now_millis, Action, Command, Millis, Server};
use crate::provider::Fetch;

/// The view these keys work in.
const VIEW: &[ViewKind] = &[ViewKind::Servers];

/// The keys of the servers pane, in the order the hint bar shows them.
pub static BINDINGS: &[Binding] = &[
    Binding::show(
        "servers",
        &["server", "srv", "s"],
        &[],
        "servers view",
        VIEW[0],
    ),
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
    .views(VIEW)
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
    .views(VIEW)
    .needs(Capability::ReverseDns)
    .mutating()
    .hint(Hint::When(|s| {
        s.selected_server()
            .filter(|server| s.ptr_editable(server))
            .map(|_| "rDNS")
    })),
    Binding::new(
        "request-ip",
        &["i"],
        "request extra IP addresses (form, asks first)",
        Run::Intent(Intent::OpenForm(FormKind::IpRequest)),
    )
    .aliases(&["request-ips", "ips"])
    .views(VIEW)
    .needs(Capability::IpRequests)
    .mutating()
    .hint(Hint::When(|s| s.selected_server().map(|_| "+IPs"))),
];

/// A power action on the selected server, hinted where the server offers it.
const fn power(
    name: &'static str,
    keys: &'static [&'static str],
    help: &'static str,
    action: Action,
    hint: fn(&State) -> Option<&'static str>,
) -> Binding {
    Binding::new(name, keys, help, Run::Intent(Intent::Act(action)))
        .views(VIEW)
        .mutating()
        .hint(Hint::When(hint))
}

/// `label` when the selected server offers `action`.
fn offered(state: &State, action: Action, label: &'static str) -> Option<&'static str> {
    state
        .selected_server()
        .filter(|s| s.supports(action))
        .map(|_| label)
}

/// Telemetry of a server is fetched again after this long.
pub const TELEMETRY_TTL_MS: Millis = 60_000;

/// The table and details panel of the servers pane.
#[derive(Clone, Debug, Default)]
pub struct ServersPane {
    pub view: ServerView,
    pub panel: Panel,
}

/// Columns of the servers table, in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Account,
    Name,
    Power,
    Ip,
    Location,
    Group,
    Os,
    Size,
}

/// What a servers column sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    /// Field `n` of the server's search text (see `server_view::field`).
    Field(usize),
    /// The primary address, numerically.
    Address,
    /// CPU count, then memory.
    Size,
}

/// How wide a servers column is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    Fixed(u16),
    /// As wide as the longest account name, within bounds.
    AccountName,
    /// What its visible values need, from the space left.
    Flexible,
    /// What its visible values need in whole words, within bounds: the
    /// full text where the table has room, else the first word
    /// (`NedZone Steenbergen` becomes `NedZone`, never `NedZ`).
    Words {
        min: u16,
        max: u16,
    },
}

impl Column {
    pub const ALL: [Column; 8] = [
        Column::Account,
        Column::Name,
        Column::Power,
        Column::Ip,
        Column::Location,
        Column::Group,
        Column::Os,
        Column::Size,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Column::Account => "ACCOUNT",
            Column::Name => "NAME",
            Column::Power => "POWER",
            Column::Ip => "IP",
            Column::Location => "LOC",
            Column::Group => "GROUP",
            Column::Os => "OS",
            Column::Size => "CPU/MEM",
        }
    }

    /// Names `:sort` takes besides the title.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Power => &["status"],
            Column::Location => &["location"],
            Column::Size => &["size", "cpu", "mem"],
            _ => &[],
        }
    }

    pub fn sort_by(self) -> SortBy {
        match self {
            Column::Account => SortBy::Field(0),
            Column::Name => SortBy::Field(1),
            Column::Power => SortBy::Field(2),
            Column::Ip => SortBy::Address,
            Column::Location => SortBy::Field(5),
            Column::Group => SortBy::Field(6),
            Column::Os => SortBy::Field(7),
            Column::Size => SortBy::Size,
        }
    }

    pub fn width(self) -> Width {
        match self {
            Column::Account => Width::AccountName,
            Column::Power => Width::Fixed(7),
            Column::Ip => Width::Fixed(15),
            Column::Location => Width::Words { min: 4, max: 20 },
            Column::Size => Width::Fixed(8),
            Column::Name | Column::Group | Column::Os => Width::Flexible,
        }
    }

    /// What the cell shows (the UI may shorten it to fit).
    pub fn cell(self, server: &Server) -> String {
        match self {
            Column::Account => server.account.clone(),
            Column::Name if server.warnings.is_empty() => server.name.clone(),
            Column::Name => format!("!{}", server.name),
            Column::Power => power_text(server),
            Column::Ip => server.primary_ip.clone().unwrap_or_default(),
            Column::Location => server.location.clone(),
            Column::Group => server.group.clone(),
            Column::Os => server.os.clone(),
            Column::Size => compact_size(server),
        }
    }

    /// The column `:sort NAME` means, if any.
    pub fn from_name(name: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| {
            c.title().eq_ignore_ascii_case(name)
                || c.aliases().iter().any(|a| a.eq_ignore_ascii_case(name))
        })
    }
}

/// Power plus what else matters at a glance: maintenance, a non-active status.
pub fn power_text(server: &Server) -> String {
    let mut text = server.power.label().to_string();
    if server.in_maintenance {
        text.push_str(" M");
    }
    if server.status_is_notable() {
        text.push('*');
    }
    text
}

/// `2c/4G`: CPU count and memory in a few cells.
pub fn compact_size(server: &Server) -> String {
    let memory = server.memory_gb.map(|m| {
        if m.fract() == 0.0 {
            format!("{m:.0}G")
        } else {
            format!("{m:.1}G")
        }
    });
    match (server.cpu, memory) {
        (Some(c), Some(m)) => format!("{c}c/{m}"),
        (Some(c), None) => format!("{c}c"),
        (None, Some(m)) => m,
        (None, None) => String::new(),
    }
}

/// The servers table with the data it re-derives its rows from.
struct ServerTable<'a> {
    view: &'a mut ServerView,
    servers: &'a [Server],
    search: &'a [String],
}

impl Table for ServerTable<'_> {
    fn cursor(&self) -> usize {
        self.view.cursor
    }

    fn move_to(&mut self, position: i64) {
        self.view.move_to(position, self.servers);
    }

    fn choose_sort(&mut self, column: usize) -> bool {
        let Some(&column) = Column::ALL.get(column) else {
            return false;
        };
        let order = &mut self.view.order;
        if order.column == column {
            order.descending = !order.descending;
        } else {
            order.column = column;
            order.descending = false;
        }
        true
    }

    fn column_named(&self, name: &str) -> Option<usize> {
        let column = Column::from_name(name)?;
        Column::ALL.iter().position(|&c| c == column)
    }

    fn set_filter(&mut self, text: &str) -> bool {
        self.view.filter = Filter::parse(text);
        self.view.refilter(self.servers, self.search);
        true
    }

    fn scroll_into_view(&mut self, page: usize) {
        self.view.scroll_into_view(page);
    }
}

/// The servers pane.
pub struct Servers;

impl Pane for Servers {
    fn bindings(&self) -> &'static [Binding] {
        BINDINGS
    }

    fn title(&self) -> &'static str {
        "servers"
    }

    fn table<'a>(&self, state: &'a mut State) -> Option<Box<dyn Table + 'a>> {
        let data = &state.data.servers;
        Some(Box::new(ServerTable {
            view: &mut state.panes.servers.view,
            servers: &data.servers,
            search: &data.search,
        }))
    }

    fn filter<'a>(&self, state: &'a State) -> Option<&'a Filter> {
        Some(&state.panes.servers.view.filter)
    }

    fn columns(&self, _state: &State) -> Vec<&'static str> {
        Column::ALL.iter().map(|c| c.title()).collect()
    }

    fn panel(&self, state: &State) -> Option<Panel> {
        Some(state.panes.servers.panel)
    }

    fn panel_mut<'a>(&self, state: &'a mut State) -> Option<&'a mut Panel> {
        Some(&mut state.panes.servers.panel)
    }

    fn rebuild(&self, state: &mut State) {
        let data = &state.data.servers;
        let view = &mut state.panes.servers.view;
        view.rebuild(&data.servers, &data.search);
        self.scroll(state);
    }

    fn fed_by(&self, fetch: &Fetch) -> bool {
        // A whole inventory is applied in place by the store (see
        // `store::servers`), which re-sorts only when it must.
        matches!(fetch, Fetch::Server(_))
    }

    fn details_wanted(&self, store: &mut Store) -> Vec<Effect> {
        telemetry_wanted(store)
    }

    fn intent(&self, store: &mut Store, intent: &Intent) -> Option<Vec<Effect>> {
        let effects = match intent {
            Intent::Act(action) => request_action(store, *action),
            Intent::ToggleMaintenance => toggle_maintenance(store),
            _ => return None,
        };
        Some(effects)
    }

    fn selected_account<'a>(&self, state: &'a State) -> Option<&'a str> {
        state.selected_server().map(|s| s.account.as_str())
    }

    /// Esc on the bare servers table clears the message line.
    fn back_out(&self, store: &mut Store) {
        store.state.flash = None;
    }
}

/// Refreshes the inventory of every account now.
pub fn refresh_every_account(store: &mut Store) -> Vec<Effect> {
    store.flash(FlashLevel::Info, "refreshing every account".to_string());
    store
        .state
        .accounts
        .iter()
        .map(|a| Effect::Fetch(a.name.clone(), Fetch::Inventory))
        .collect()
}

fn toggle_maintenance(store: &mut Store) -> Vec<Effect> {
    let action = match store.state.selected_server() {
        Some(s) if s.in_maintenance => Action::MaintenanceOff,
        _ => Action::MaintenanceOn,
    };
    request_action(store, action)
}

/// Checks a server action against the selection, then goes the common
/// way of every command.
fn request_action(store: &mut Store, action: Action) -> Vec<Effect> {
    let Some(server) = store.state.selected_server() else {
        store.flash(FlashLevel::Warn, "no server selected".to_string());
        return Vec::new();
    };
    let target = server.reference();
    let name = server.name.clone();
    store.request_command(Command::Power(action), target, name)
}

/// Fetches the telemetry and the latest fields of the server the open
/// details panel shows, unless asked for within [`TELEMETRY_TTL_MS`].
fn telemetry_wanted(store: &mut Store) -> Vec<Effect> {
    let state = &mut store.state;
    if !state.panes.servers.panel.open {
        return Vec::new();
    }
    let Some(target) = state.panes.servers.view.selected.clone() else {
        return Vec::new();
    };
    let now = now_millis();
    let slot = state.data.telemetry.entry(target.clone()).or_default();
    if slot
        .requested_at
        .is_some_and(|at| now - at < TELEMETRY_TTL_MS)
    {
        return Vec::new();
    }
    slot.requested_at = Some(now);
    let account = target.account.clone();
    let mut effects = Vec::new();
    if state.offers(&account, crate::model::Capability::Telemetry) {
        effects.push(Effect::Fetch(
            account.clone(),
            Fetch::Telemetry(target.id.clone()),
        ));
    }
    // The details also want the server's latest fields (e.g. the alert
    // history some providers give only for one server at a time).
    effects.push(Effect::Fetch(account, Fetch::Server(target.id)));
    effects
}
