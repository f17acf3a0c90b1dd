//! Wire -> model for CLC: servers (power, status, OS name, group path, IPs,
//! details, capabilities), queue progress and the hourly cost series.

use super::wire::{self, HardwareGroup, NetworkIpAddress, RequestDetails};
use crate::model::{Action, Detail, Ip, MetricSeries, Millis, PowerState, Sample, Server};
use crate::provider::lenient::{readable_utc, Code};
use crate::provider::JobProgress;
use std::collections::{HashMap, HashSet};

/// Name, unit and capacity (one week of hours) of the cost series.
pub const COST_SERIES: (&str, &str, usize) = ("cost", "$/h", 168);

/// PowerState: `0`/`Stopped`, `1`/`Started`, `2`/`Paused` (digest §4.2).
pub fn power_state(code: Option<&Code>) -> PowerState {
    let Some(code) = code else {
        return PowerState::Unknown(String::new());
    };
    let text = code.to_string();
    match (code.as_int(), text.to_ascii_lowercase().as_str()) {
        (Some(0), _) | (_, "stopped") => PowerState::Off,
        (Some(1), _) | (_, "started") => PowerState::On,
        (Some(2), _) | (_, "paused") => PowerState::Paused,
        _ => PowerState::Unknown(text),
    }
}

/// The server's lifecycle status as text (`Active`, `UnderConstruction` ...).
/// The document gives no integer mapping, so an integer is shown as-is.
pub fn status_text(code: Option<&Code>) -> String {
    code.map(Code::to_string).unwrap_or_default()
}

/// What can be done to a server right now: nothing unless it is Active;
/// power actions by power state (all of them when it is unknown); and
/// maintenance on or off by its maintenance mode (both when unknown).
pub fn actions(status: &str, power: &PowerState, in_maintenance: Option<bool>) -> Vec<Action> {
    if !status.eq_ignore_ascii_case("active") {
        return Vec::new();
    }
    let power_actions = Action::ALL
        .into_iter()
        .filter(|a| !matches!(a, Action::MaintenanceOn | Action::MaintenanceOff));
    let mut actions: Vec<Action> = match power {
        PowerState::On => power_actions.filter(|a| *a != Action::PowerOn).collect(),
        PowerState::Off | PowerState::Paused => vec![Action::PowerOn],
        PowerState::Unknown(_) => power_actions.collect(),
    };
    match in_maintenance {
        Some(true) => actions.push(Action::MaintenanceOff),
        Some(false) => actions.push(Action::MaintenanceOn),
        None => actions.extend([Action::MaintenanceOn, Action::MaintenanceOff]),
    }
    actions
}

/// The Server Object's OS table (digest §4.7, L8289).
const SERVER_OS_TABLE: &[(i64, &str)] = &[
    (7, "CentOS 64-bit"),
    (20, "Ubuntu 64-bit"),
    (21, "Debian 64-bit"),
    (22, "RedHat Enterprise Linux 64-bit"),
    (25, "RedHat Enterprise Linux 5 64-bit"),
    (27, "Windows 2012 Datacenter 64-bit"),
    (28, "Windows 2012 R2 Datacenter 64-Bit"),
    (31, "Ubuntu 12 64-Bit"),
    (33, "CentOS 5 64-Bit"),
    (35, "CentOS 6 64-Bit"),
    (36, "Debian 6 64-Bit"),
    (37, "Debian 7 64-Bit"),
    (38, "RedHat 6 64-Bit"),
    (39, "CoreOS"),
    (40, "PXE Boot"),
    (41, "Ubuntu 14 64-Bit"),
    (42, "RedHat 7 64-Bit"),
    (43, "Windows 2008 R2 Standard 64-Bit"),
    (44, "Windows 2008 R2 Enterprise 64-Bit"),
    (45, "Windows 2008 R2 Datacenter 64-Bit"),
    (46, "Windows 2012 R2 Standard 64-bit"),
];

/// The ServerTemplateObject table (L8406), for the older codes the Server
/// Object table leaves out (the examples use 2, 4, 6 and 18).
const TEMPLATE_OS_TABLE: &[(i64, &str)] = &[
    (2, "Windows 2003 32-bit"),
    (3, "Windows 2003 64-bit"),
    (4, "Windows 2008 32-bit"),
    (5, "Windows 2008 64-bit"),
    (6, "CentOS 32-bit"),
    (8, "Windows XP 32-bit"),
    (9, "Windows Vista 32-bit"),
    (10, "Windows Vista 64-bit"),
    (11, "Windows 7 32-bit"),
    (12, "Windows 7 64-bit"),
    (13, "FreeBSD 32-bit"),
    (14, "FreeBSD 64-bit"),
    (15, "Windows 2003 Enterprise 32-bit"),
    (16, "Windows 2003 Enterprise 64-bit"),
    (17, "Windows 2008 Enterprise 32-bit"),
    (18, "Windows 2008 Enterprise 64-bit"),
    (19, "Ubuntu 32-bit"),
    (23, "Windows 8 64-bit"),
    (24, "Windows 2012 64-bit"),
    (26, "Windows 2008 Datacenter 64-bit"),
];

/// The OS name of an `OperatingSystem` code: the Server Object table first,
/// then the template table, else `OS <code>`; a text value is shown as is.
pub fn os_name(code: Option<&Code>) -> String {
    match code {
        None => String::new(),
        Some(Code::Text(text)) => text.clone(),
        Some(Code::Int(n)) => SERVER_OS_TABLE
            .iter()
            .chain(TEMPLATE_OS_TABLE)
            .find(|(code, _)| code == n)
            .map_or_else(|| format!("OS {n}"), |(_, name)| name.to_string()),
    }
}

/// `AddressType` as RIP/MIP/VIP. The document types it Int but only shows
/// names and `1`; 1 -> RIP follows from the paired examples, 2 -> MIP and
/// 3 -> VIP follow the order in which the document lists them.
pub fn address_type(code: Option<&Code>) -> String {
    match code {
        None => String::new(),
        Some(Code::Int(1)) => "RIP".into(),
        Some(Code::Int(2)) => "MIP".into(),
        Some(Code::Int(3)) => "VIP".into(),
        Some(Code::Int(n)) => format!("type {n}"),
        Some(Code::Text(text)) => text.to_ascii_uppercase(),
    }
}

/// `ServerType` with CreateServer's meaning (1 = Standard, 2 = Enterprise).
pub fn server_type_label(code: &Code) -> String {
    labelled(code, &[(1, "Standard"), (2, "Enterprise")])
}

/// `ServiceLevel` with CreateServer's meaning (1 = Premium, 2 = Standard).
pub fn service_level_label(code: &Code) -> String {
    labelled(code, &[(1, "Premium"), (2, "Standard")])
}

fn labelled(code: &Code, table: &[(i64, &str)]) -> String {
    let name = code
        .as_int()
        .and_then(|n| table.iter().find(|(k, _)| *k == n))
        .map(|(_, name)| *name);
    match name {
        Some(name) => format!("{code} ({name})"),
        None => code.to_string(),
    }
}

/// The hardware groups of one location, for paths like `Default Group/Web`.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct GroupIndex {
    by_uuid: HashMap<String, (String, Option<String>)>,
}

impl GroupIndex {
    pub fn new<'a>(groups: impl IntoIterator<Item = &'a HardwareGroup>) -> Self {
        let mut index = GroupIndex::default();
        index.extend(groups);
        index
    }

    pub fn extend<'a>(&mut self, groups: impl IntoIterator<Item = &'a HardwareGroup>) {
        for group in groups {
            if let Some(uuid) = group.uuid.as_deref().filter(|u| !u.is_empty()) {
                let name = group.name.clone().unwrap_or_else(|| uuid.to_string());
                self.by_uuid
                    .insert(uuid.to_string(), (name, group.parent_uuid.clone()));
            }
        }
    }

    /// The group's path from its topmost known ancestor, joined with `/`.
    /// A group whose parent is not in the list is a root (digest §3.6).
    pub fn path(&self, uuid: &str) -> Option<String> {
        let mut names = Vec::new();
        let mut seen = HashSet::new();
        let mut current = Some(uuid);
        while let Some(id) = current {
            let Some((name, parent)) = self.by_uuid.get(id) else {
                break;
            };
            if !seen.insert(id) {
                break; // a cycle in the parent pointers
            }
            names.push(name.as_str());
            current = parent.as_deref();
        }
        if names.is_empty() {
            return None;
        }
        names.reverse();
        Some(names.join("/"))
    }
}

/// IP addresses known from `GetNetworkDetails`, by address and by server.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct NetworkIndex {
    by_address: HashMap<String, NetworkIpAddress>,
    by_server: HashMap<String, Vec<String>>,
}

impl NetworkIndex {
    pub fn extend<'a>(&mut self, ips: impl IntoIterator<Item = &'a NetworkIpAddress>) {
        for ip in ips {
            let Some(address) = ip.address.as_deref().filter(|a| !a.is_empty()) else {
                continue;
            };
            if let Some(server) = ip.server_name.as_deref().filter(|s| !s.is_empty()) {
                self.by_server
                    .entry(server.to_ascii_uppercase())
                    .or_default()
                    .push(address.to_string());
            }
            self.by_address.insert(address.to_string(), ip.clone());
        }
    }

    fn get(&self, address: &str) -> Option<&NetworkIpAddress> {
        self.by_address.get(address)
    }

    fn addresses_of(&self, server: &str) -> &[String] {
        self.by_server
            .get(&server.to_ascii_uppercase())
            .map_or(&[], Vec::as_slice)
    }
}

/// What mapping a server needs beyond the server object itself.
#[derive(Debug, Clone, Copy)]
pub struct ServerContext<'a> {
    pub account: &'a str,
    /// The location asked for, if the server does not name its own.
    pub location: &'a str,
    /// The account alias the server belongs to (hierarchy) or was asked with.
    pub account_alias: Option<&'a str>,
    pub groups: &'a GroupIndex,
    pub networks: &'a NetworkIndex,
    pub fetched_at: Millis,
}

fn non_empty(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// Maps one Server Object. A server without a Name cannot be addressed
/// (every call takes the Name) and gives `None`.
pub fn server(wire: &wire::Server, ctx: &ServerContext<'_>) -> Option<Server> {
    let name = non_empty(&wire.name)?.to_string();
    let power = power_state(wire.power_state.as_ref());
    let status = status_text(wire.status.as_ref());
    let ips = ips(wire, &name, ctx.networks);
    let primary_ip = non_empty(&wire.ip_address)
        .map(str::to_string)
        .or_else(|| ips.first().map(|ip| ip.address.clone()));
    let group = non_empty(&wire.hardware_group_uuid)
        .map(|uuid| ctx.groups.path(uuid).unwrap_or_else(|| uuid.to_string()))
        .unwrap_or_default();
    Some(Server {
        account: ctx.account.to_string(),
        id: name.clone(),
        actions: actions(&status, &power, wire.in_maintenance_mode),
        name,
        power,
        status,
        primary_ip,
        location: non_empty(&wire.location)
            .unwrap_or(ctx.location)
            .to_string(),
        group,
        os: os_name(wire.operating_system.as_ref()),
        cpu: wire.cpu.and_then(|c| u32::try_from(c).ok()),
        memory_gb: wire.memory_gb,
        in_maintenance: wire.in_maintenance_mode.unwrap_or(false),
        ips,
        details: details(wire, ctx.account_alias),
        actions_note: None,
        warnings: Vec::new(),
        missing: Vec::new(),
        fetched_at: ctx.fetched_at,
    })
}

/// The server's own addresses (primary first), enriched and completed from
/// the networks: type where the server gives none, claimed state, and the
/// addresses a network says this server uses.
fn ips(wire: &wire::Server, name: &str, networks: &NetworkIndex) -> Vec<Ip> {
    let mut listed: Vec<(String, String)> = Vec::new();
    if let Some(primary) = non_empty(&wire.ip_address) {
        listed.push((primary.to_string(), String::new()));
    }
    for ip in &wire.ip_addresses {
        if let Some(address) = non_empty(&ip.address) {
            listed.push((address.to_string(), address_type(ip.address_type.as_ref())));
        }
    }
    for address in networks.addresses_of(name) {
        listed.push((address.clone(), String::new()));
    }
    let mut out: Vec<Ip> = Vec::new();
    for (address, kind) in listed {
        match out.iter_mut().find(|ip| ip.address == address) {
            Some(existing) if existing.kind.is_empty() => existing.kind = kind,
            Some(_) => {}
            None => out.push(new_ip(address, kind, name)),
        }
    }
    for ip in &mut out {
        enrich(ip, networks.get(&ip.address));
    }
    out.shrink_to_fit();
    out
}

fn new_ip(address: String, kind: String, server: &str) -> Ip {
    Ip {
        server_id: Some(server.to_string()),
        ..Ip::new(address, kind)
    }
}

fn enrich(ip: &mut Ip, known: Option<&NetworkIpAddress>) {
    let Some(known) = known else { return };
    ip.claimed = known.is_claimed;
    if ip.kind.is_empty() {
        ip.kind = address_type(known.address_type.as_ref());
    }
}

/// Every field the server object gives, for the details panel.
fn details(wire: &wire::Server, account_alias: Option<&str>) -> Vec<Detail> {
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    let fields: Vec<(&str, Option<String>)> = vec![
        (
            "Description",
            non_empty(&wire.description).map(str::to_string),
        ),
        ("DNS name", non_empty(&wire.dns_name).map(str::to_string)),
        ("Account alias", account_alias.map(str::to_string)),
        (
            "Server type",
            wire.server_type.as_ref().map(server_type_label),
        ),
        (
            "Service level",
            wire.service_level.as_ref().map(service_level_label),
        ),
        ("Template", wire.is_template.map(yes_no)),
        ("Hyperscale", wire.is_hyperscale.map(yes_no)),
        ("Disks", wire.disk_count.map(|n| n.to_string())),
        (
            "Total disk",
            wire.total_disk_space_gb.map(|gb| format!("{gb} GB")),
        ),
        (
            "OS code",
            wire.operating_system.as_ref().map(Code::to_string),
        ),
        (
            "Hardware group UUID",
            non_empty(&wire.hardware_group_uuid).map(str::to_string),
        ),
        (
            "Hardware group ID (legacy)",
            wire.hardware_group_id.map(|n| n.to_string()),
        ),
        (
            "Server ID (legacy)",
            wire.id.filter(|id| *id != -1).map(|n| n.to_string()),
        ),
        ("Modified", wire.date_modified.map(readable_utc)),
        (
            "Modified by",
            non_empty(&wire.modified_by).map(str::to_string),
        ),
    ];
    let mut out: Vec<Detail> = fields
        .into_iter()
        .filter_map(|(label, value)| value.map(|v| Detail::new(label, v)))
        .collect();
    out.extend(wire.custom_fields.iter().map(custom_field_detail));
    // Kept for as long as the server is listed: no spare room.
    out.shrink_to_fit();
    out
}

fn custom_field_detail(field: &wire::CustomField) -> Detail {
    let name = non_empty(&field.name)
        .or(non_empty(&field.id))
        .unwrap_or("?");
    let value = field.value.clone().unwrap_or_default();
    Detail::new(format!("Custom field: {name}"), value)
}

/// Queue progress: `Succeeded` and `Failed` are terminal; anything else
/// (`Not Started`/`NotStarted`, `Executing`, `Resumed`) is running.
pub fn job_progress(details: &RequestDetails) -> JobProgress {
    let status = details.current_status.clone().unwrap_or_default();
    let note = [&details.request_title, &details.progress_desc]
        .into_iter()
        .filter_map(non_empty)
        .collect::<Vec<_>>()
        .join(": ");
    let normalized: String = status
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let text = |fallback: &str| {
        if note.is_empty() {
            fallback.to_string()
        } else {
            note.clone()
        }
    };
    match normalized.as_str() {
        "succeeded" => JobProgress::Succeeded(text("Succeeded")),
        "failed" => JobProgress::Failed(text("Failed")),
        _ => JobProgress::Running {
            percent: details
                .percent_complete
                .map(|p| p.clamp(0.0, 100.0).round() as u8),
            note: match note.is_empty() {
                true => status,
                false => format!("{status}: {note}"),
            },
        },
    }
}

/// The hourly cost of a server as one series: per hour the total when the
/// answer gives one, else the sum of the cost components.
pub fn cost_series(answer: &wire::ServerHourlyChargesResponse) -> MetricSeries {
    let (name, unit, capacity) = COST_SERIES;
    let mut series = MetricSeries::new(name, unit, capacity);
    for hour in &answer.hourly_charges {
        if let (Some(at), Some(value)) = (hour.hour, hour_cost(hour)) {
            series.push(Sample { at, value });
        }
    }
    series
}

fn hour_cost(hour: &wire::ServerHourlyCost) -> Option<f64> {
    if hour.total_cost.is_some() {
        return hour.total_cost;
    }
    let parts = [
        hour.processor_cost,
        hour.memory_cost,
        hour.storage_cost,
        hour.os_cost,
    ];
    parts
        .iter()
        .any(Option::is_some)
        .then(|| parts.iter().flatten().sum())
}
