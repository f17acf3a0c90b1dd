//! Wire -> model for controlepaneel: servers (with their IPs, monitoring,
//! warnings and gauge samples), domains, contacts, history and colocation.
//!
//! The document gives no value formats (digest §1.2 item 7), so every
//! reading here is lenient: statuses by keyword, numbers with `.`, dates
//! as DD-MM-YYYY or ISO, and anything unreadable kept as raw text. Dates
//! in the detail fields are shown as ISO, like every date in hostdeck.

use super::wire::{
    ColocationGetVisit, ColocationGetVisitor, ContactData, DomainsGetDetails, DomainsGetHistory,
    DomainsListItem, IpListItem, MonProfileItem, PortItem, ServersGetDetails, ServersGetIp,
    ServersGetMon, ServersGetMonHistory, ServersListItem, VisitListItem, VisitorListItem,
};
use crate::model::{
    Action, Contact, ContactFields, Detail, DetailText, Domain, HistoryEntry, Ip, Millis,
    PowerState, Server, Visit, Visitor,
};
use crate::provider::lenient::{int_from_text, number_from_text, parse_date, readable_date};
use crate::provider::ServerSample;

/// The most alert-history lines a server's details show.
pub const ALERT_HISTORY_MAX: usize = 20;

/// The power actions a virtual server offers.
pub const VIRTUAL_ACTIONS: [Action; 3] = [Action::Reboot, Action::PowerOn, Action::PowerOff];

/// Whether a `Type` names a virtual server (`Virtual`, `VPS`, ...): only
/// those accept power actions.
pub fn is_virtual(server_type: Option<&str>) -> bool {
    server_type.is_some_and(|t| {
        let t = t.to_ascii_lowercase();
        t.contains("virt") || t.contains("vps")
    })
}

/// `LockStatus` read leniently: `Some(true)` locked, `Some(false)` unlocked.
pub fn lock_state(text: Option<&str>) -> Option<bool> {
    match text?.trim().to_ascii_lowercase().as_str() {
        "locked" | "lock" | "vergrendeld" | "1" | "yes" | "ja" | "true" | "on" => Some(true),
        "unlocked" | "unlock" | "ontgrendeld" | "0" | "no" | "nee" | "false" | "off" => Some(false),
        _ => None,
    }
}

/// The lock state an `edit_lock` success code reports: `Success1` =
/// unlocked, `Success2` = locked (`Succes*` too); `None` for any other.
pub fn lock_after_toggle(code: &str) -> Option<bool> {
    let number = code.trim().strip_prefix("Succes")?.trim_start_matches('s');
    match number {
        "1" => Some(false),
        "2" => Some(true),
        _ => None,
    }
}

/// Whether a port check's status says the port is down.
pub fn port_is_down(status: Option<&str>) -> bool {
    status.is_some_and(|s| {
        matches!(
            s.trim().to_ascii_lowercase().as_str(),
            "down" | "offline" | "0" | "false" | "error" | "failed" | "critical"
        )
    })
}

/// A memory size in GB from `16 GB`, `16384 MB`, `1 TB` or a bare number (GB).
pub fn memory_gb(text: &str) -> Option<f64> {
    let text = text.trim();
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(text.len());
    let value = number_from_text(&text[..end].replace(',', "."))?;
    let unit = text[end..].trim_start().to_ascii_lowercase();
    let factor = match unit.get(..2).unwrap_or(&unit) {
        "" | "gb" | "gi" | "g" => 1.0,
        "mb" | "mi" | "m" => 1.0 / 1024.0,
        "tb" | "ti" | "t" => 1024.0,
        _ => return None,
    };
    Some(value * factor)
}

/// A CPU count from `4`, `4 cores`, `8 vCPU` or `2x Xeon`.
pub fn cpu_count(text: &str) -> Option<u32> {
    let lower = text.trim().to_ascii_lowercase();
    if let Some(n) = int_from_text(&lower) {
        return u32::try_from(n).ok();
    }
    let digits_end = lower.find(|c: char| !c.is_ascii_digit())?;
    let count: u32 = lower[..digits_end].parse().ok()?;
    let rest = lower[digits_end..].trim_start();
    let counted = ["x ", "x", "core", "vcpu", "cpu"]
        .iter()
        .any(|word| rest.starts_with(word));
    counted.then_some(count)
}

/// Appends `label: value` under `section` when the value is present.
fn push(
    details: &mut Vec<Detail>,
    section: &'static str,
    label: impl Into<DetailText>,
    value: Option<&str>,
) {
    if let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) {
        details.push(Detail::in_section(section, label, value));
    }
}

/// [`push`] for a date or a moment: shown as ISO where it reads as one.
fn push_date(
    details: &mut Vec<Detail>,
    section: &'static str,
    label: &'static str,
    value: Option<&str>,
) {
    push(details, section, label, value.map(readable_date).as_deref());
}

// -- servers -----------------------------------------------------------------

/// A monitoring profile: its list entry and, when fetched, its details.
#[derive(Clone, Debug, Default)]
pub struct Monitor {
    pub profile: MonProfileItem,
    pub details: Option<ServersGetMon>,
}

impl Monitor {
    /// The server it watches.
    pub fn server_id(&self) -> Option<&str> {
        self.details
            .as_ref()
            .and_then(|d| d.general.server_identifier.as_deref())
            .or(self.profile.server_identifier.as_deref())
    }
}

/// Everything known of one server.
#[derive(Clone, Debug, Default)]
pub struct ServerParts<'a> {
    pub item: Option<&'a ServersListItem>,
    pub details: Option<&'a ServersGetDetails>,
    pub ips: Vec<Ip>,
    pub monitors: Vec<&'a Monitor>,
}

impl ServerParts<'_> {
    fn server_type(&self) -> Option<&str> {
        self.details
            .and_then(|d| d.general.server_type.as_deref())
            .or(self.item.and_then(|i| i.server_type.as_deref()))
    }

    fn name(&self) -> Option<&str> {
        self.details
            .and_then(|d| d.general.name.as_deref())
            .or(self.item.and_then(|i| i.name.as_deref()))
    }

    fn primary_ip(&self) -> Option<&str> {
        self.details
            .and_then(|d| d.general.ipv4_address.as_deref())
            .or(self.item.and_then(|i| i.ipv4_address.as_deref()))
    }

    fn loads(&self) -> impl Iterator<Item = &super::wire::LoadMonitor> {
        self.monitors
            .iter()
            .filter_map(|m| m.details.as_ref().map(|d| &d.load_monitor))
    }
}

/// The model server `id` from its parts.
pub fn server(account: &str, id: &str, parts: &ServerParts<'_>, fetched_at: Millis) -> Server {
    let general = parts.details.map(|d| &d.general);
    let server_type = parts.server_type();
    let power = PowerState::from_status(general.and_then(|g| g.status.as_deref()));
    let (actions, actions_note) = power_actions(server_type, &power);
    Server {
        account: account.to_string(),
        id: id.to_string(),
        name: parts.name().unwrap_or(id).to_string(),
        power,
        status: general.and_then(|g| g.status.clone()).unwrap_or_default(),
        primary_ip: parts.primary_ip().map(str::to_string),
        location: general.and_then(|g| g.location.clone()).unwrap_or_default(),
        group: server_type.unwrap_or_default().to_string(),
        os: parts
            .details
            .and_then(|d| d.software.operating_system.clone())
            .unwrap_or_default(),
        cpu: parts
            .details
            .and_then(|d| d.hardware.processor.as_deref())
            .and_then(cpu_count),
        memory_gb: parts.details.and_then(server_memory),
        in_maintenance: false,
        ips: parts.ips.clone(),
        details: server_details(id, parts),
        actions,
        actions_note,
        warnings: warnings(parts),
        missing: Vec::new(),
        fetched_at,
    }
}

/// The power actions that make sense for a virtual server in its power
/// state (all of them when the state is not known); none, with the
/// reason, for other servers.
fn power_actions(server_type: Option<&str>, power: &PowerState) -> (Vec<Action>, Option<String>) {
    if is_virtual(server_type) {
        let actions = match power {
            PowerState::On => vec![Action::Reboot, Action::PowerOff],
            PowerState::Off => vec![Action::PowerOn],
            _ => VIRTUAL_ACTIONS.to_vec(),
        };
        return (actions, None);
    }
    let note = match server_type {
        Some(t) => format!("power actions need a virtual server; this one is {t}"),
        None => "power actions need a virtual server; this one's type is not known".into(),
    };
    (Vec::new(), Some(note))
}

fn server_memory(details: &ServersGetDetails) -> Option<f64> {
    let hardware = details.hardware.memory.as_deref();
    let assigned = details
        .virtual_usage
        .as_ref()
        .and_then(|u| u.memory.assigned.as_deref());
    hardware.or(assigned).and_then(memory_gb)
}

/// "port 443 down" per port that is down; "load 3.2 over threshold 2.0".
fn warnings(parts: &ServerParts<'_>) -> Vec<String> {
    let mut warnings = Vec::new();
    for monitor in &parts.monitors {
        let Some(details) = &monitor.details else {
            continue;
        };
        for port in details
            .ports
            .items
            .iter()
            .filter(|p| port_is_down(p.status.as_deref()))
        {
            warnings.push(format!("port {} down", port.port.as_deref().unwrap_or("?")));
        }
    }
    for load in parts.loads() {
        let (Some(current), Some(threshold)) = (&load.load_current, &load.load_threshold) else {
            continue;
        };
        let over = matches!(
            (number_from_text(current), number_from_text(threshold)),
            (Some(c), Some(t)) if c > t
        );
        if over {
            warnings.push(format!("load {current} over threshold {threshold}"));
        }
    }
    warnings
}

/// The gauges of one server in this refresh: `load` from its monitoring
/// profile, `amps A`/`amps B` from its cabinet's power feeds.
pub fn samples(id: &str, parts: &ServerParts<'_>) -> Vec<ServerSample> {
    let sample = |metric: &str, unit: &str, text: Option<&str>| {
        text.and_then(number_from_text).map(|value| ServerSample {
            server_id: id.to_string(),
            metric: metric.to_string(),
            unit: unit.to_string(),
            value,
            at: None,
        })
    };
    let load = parts
        .loads()
        .find_map(|l| sample("load", "", l.load_current.as_deref()));
    let cabinet = parts.details.and_then(|d| d.cabinet_power_usage.as_ref());
    let amps_a = cabinet.and_then(|c| sample("amps A", "A", c.amp_feed_a.as_deref()));
    let amps_b = cabinet.and_then(|c| sample("amps B", "A", c.amp_feed_b.as_deref()));
    [load, amps_a, amps_b].into_iter().flatten().collect()
}

/// Every field the answers gave, grouped by section.
fn server_details(id: &str, parts: &ServerParts<'_>) -> Vec<Detail> {
    let mut out = Vec::new();
    general_details(&mut out, id, parts);
    if let Some(details) = parts.details {
        usage_details(&mut out, details);
        equipment_details(&mut out, details);
    }
    for monitor in &parts.monitors {
        monitor_details(&mut out, monitor);
    }
    out
}

fn general_details(out: &mut Vec<Detail>, id: &str, parts: &ServerParts<'_>) {
    const S: &str = "General";
    push(out, S, "Identifier", Some(id));
    push(out, S, "Type", parts.server_type());
    push(out, S, "Name", parts.name());
    push(out, S, "IPv4 address", parts.primary_ip());
    let Some(general) = parts.details.map(|d| &d.general) else {
        return;
    };
    push(out, S, "IPv6 address", general.ipv6_address.as_deref());
    push(out, S, "Location", general.location.as_deref());
    push(out, S, "Units", general.units.as_deref());
    push_date(out, S, "Contract date", general.contract_date.as_deref());
    push(out, S, "Payment term", general.payment_term.as_deref());
    push(out, S, "Contract term", general.contract_term.as_deref());
    push(out, S, "Status", general.status.as_deref());
}

fn usage_details(out: &mut Vec<Detail>, details: &ServersGetDetails) {
    if let Some(power) = &details.cabinet_power_usage {
        const S: &str = "Cabinet power";
        push(out, S, "Feed A amps", power.amp_feed_a.as_deref());
        push(out, S, "Feed B amps", power.amp_feed_b.as_deref());
        push(out, S, "Feed A kWh", power.kwh_feed_a.as_deref());
        push(
            out,
            S,
            "Feed A kWh total",
            power.kwh_feed_a_total.as_deref(),
        );
        push(out, S, "Feed B kWh", power.kwh_feed_b.as_deref());
        push(
            out,
            S,
            "Feed B kWh total",
            power.kwh_feed_b_total.as_deref(),
        );
    }
    if let Some(usage) = &details.virtual_usage {
        for (what, u) in [
            ("Disk", &usage.disk),
            ("Traffic", &usage.traffic),
            ("Memory", &usage.memory),
        ] {
            const S: &str = "Virtual usage";
            push(out, S, format!("{what} assigned"), u.assigned.as_deref());
            push(out, S, format!("{what} used"), u.used.as_deref());
            push(out, S, format!("{what} available"), u.available.as_deref());
        }
    }
}

fn equipment_details(out: &mut Vec<Detail>, details: &ServersGetDetails) {
    let c = &details.connectivity;
    push(out, "Connectivity", "Traffic", c.traffic.as_deref());
    push(out, "Connectivity", "NIC", c.nic.as_deref());
    push(
        out,
        "Connectivity",
        "Power outlets",
        c.power_outlets.as_deref(),
    );
    push(
        out,
        "Connectivity",
        "Reboot outlets",
        c.reboot_outlets.as_deref(),
    );
    push(out, "Connectivity", "KVM outlets", c.kvm_outlets.as_deref());
    let h = &details.hardware;
    push(out, "Hardware", "Processor", h.processor.as_deref());
    push(out, "Hardware", "Memory", h.memory.as_deref());
    push(out, "Hardware", "Disk", h.disk.as_deref());
    push(
        out,
        "Hardware",
        "RAID controller",
        h.raid_controller.as_deref(),
    );
    let s = &details.software;
    push(
        out,
        "Software",
        "Operating system",
        s.operating_system.as_deref(),
    );
    push(out, "Software", "Control panel", s.control_panel.as_deref());
}

fn monitor_details(out: &mut Vec<Detail>, monitor: &Monitor) {
    const S: &str = "Monitoring";
    let profile = &monitor.profile;
    let name = monitor
        .details
        .as_ref()
        .and_then(|d| d.general.name.as_deref())
        .or(profile.name.as_deref());
    push(out, S, "Profile", name.or(profile.identifier.as_deref()));
    push(out, S, "Profile id", profile.identifier.as_deref());
    let Some(details) = &monitor.details else {
        push(out, S, "Status", profile.status.as_deref());
        return;
    };
    let g = &details.general;
    push(
        out,
        S,
        "Monitored IP",
        g.ip_address.as_deref().or(profile.ip_address.as_deref()),
    );
    push(
        out,
        S,
        "Status",
        g.status.as_deref().or(profile.status.as_deref()),
    );
    push(out, S, "Max ports", g.max_ports.as_deref());
    push(out, S, "Max contacts", g.max_contacts.as_deref());
    push_date(out, S, "Last check", g.date_last_check.as_deref());
    let l = &details.load_monitor;
    push(out, S, "Load status", l.status.as_deref());
    push(out, S, "Load current", l.load_current.as_deref());
    push(out, S, "Load threshold", l.load_threshold.as_deref());
    push(out, S, "Load high 24h", l.load_high_24h.as_deref());
    push(out, S, "Load high 7d", l.load_high_7d.as_deref());
    push(out, S, "Load high 1m", l.load_high_1m.as_deref());
    for port in &details.ports.items {
        let label = format!("Port {}", port.port.as_deref().unwrap_or("?"));
        push(out, S, label, Some(&port_summary(port)));
    }
    for contact in &details.contacts.items {
        push(out, S, "Alert contact", alert_contact(contact).as_deref());
    }
}

/// `up; 1200 up (99.8%), 2 down (0.2%)`.
fn port_summary(port: &PortItem) -> String {
    let percent = |p: &Option<String>| match p.as_deref() {
        Some(p) if p.ends_with('%') => format!(" ({p})"),
        Some(p) => format!(" ({p}%)"),
        None => String::new(),
    };
    let up = port.checks_up.as_deref().unwrap_or("?");
    let down = port.checks_down.as_deref().unwrap_or("?");
    format!(
        "{}; {up} up{}, {down} down{}",
        port.status.as_deref().unwrap_or("status unknown"),
        percent(&port.checks_up_percentage),
        percent(&port.checks_down_percentage),
    )
}

fn alert_contact(contact: &super::wire::MonContact) -> Option<String> {
    let name = [contact.first_name.as_deref(), contact.last_name.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    match (name.is_empty(), contact.email_address.as_deref()) {
        (true, None) => contact.identifier.clone(),
        (true, Some(email)) => Some(email.to_string()),
        (false, None) => Some(name),
        (false, Some(email)) => Some(format!("{name} <{email}>")),
    }
}

/// The monitoring alerts of a profile, newest first, at most
/// [`ALERT_HISTORY_MAX`], as details in section "Alert history".
pub fn alert_history(history: &ServersGetMonHistory) -> Vec<Detail> {
    let mut items: Vec<_> = history.output.items.iter().collect();
    items.sort_by_key(|item| std::cmp::Reverse(item.date.as_deref().and_then(parse_date)));
    items
        .into_iter()
        .take(ALERT_HISTORY_MAX)
        .map(|item| {
            let port = item.port.as_deref().unwrap_or("?");
            let status = item.status.as_deref().unwrap_or("?");
            let value = match item.alert_type.as_deref() {
                Some(alert) => format!("port {port} {status} ({alert})"),
                None => format!("port {port} {status}"),
            };
            let at = item.date.as_deref().map_or("?".into(), readable_date);
            Detail::in_section("Alert history", at, value)
        })
        .collect()
}

/// An IP from its list entry and, when fetched, its details.
pub fn ip(item: &IpListItem, kind: &str, details: Option<&ServersGetIp>) -> Option<Ip> {
    let general = details.map(|d| &d.general);
    let address = item
        .ip
        .as_deref()
        .or(general.and_then(|g| g.ip.as_deref()))?;
    let mut ip = Ip::new(address, kind);
    ip.server_id = item
        .server_identifier
        .clone()
        .or(general.and_then(|g| g.server_identifier.clone()));
    ip.ptr = general
        .and_then(|g| g.ptr_record.clone())
        .or(item.ptr_record.clone());
    ip.subnet = general.and_then(|g| g.subnet.clone());
    ip.gateway = general.and_then(|g| g.gateway.clone());
    ip.remarks = details.and_then(|d| d.remarks.clone());
    Some(ip)
}

// -- domains -----------------------------------------------------------------

/// `example.nl` from a name and extension (either may carry the dot).
pub fn domain_name(sld: &str, tld: &str) -> String {
    let tld = tld.trim().trim_start_matches('.').to_ascii_lowercase();
    let sld = sld.trim().trim_end_matches('.').to_ascii_lowercase();
    if tld.is_empty() || sld.ends_with(&format!(".{tld}")) {
        return sld;
    }
    format!("{sld}.{tld}")
}

/// Splits `example.co.uk` into (`example.co`, `uk`): the SLD is everything
/// before the last dot. `None` without a dot.
pub fn split_domain(id: &str) -> Option<(&str, &str)> {
    let id = id.trim().trim_end_matches('.');
    let (sld, tld) = id.rsplit_once('.')?;
    (!sld.is_empty() && !tld.is_empty()).then_some((sld, tld))
}

/// A domain from its list entry and, when fetched, its details.
pub fn domain(
    account: &str,
    item: Option<&DomainsListItem>,
    details: Option<&DomainsGetDetails>,
    fetched_at: Millis,
) -> Option<Domain> {
    let general = details.map(|d| &d.general);
    let sld = item
        .and_then(|i| i.sld.as_deref())
        .or(general.and_then(|g| g.domain.as_deref()))?;
    let tld = item
        .and_then(|i| i.tld.as_deref())
        .or(general.and_then(|g| g.tld.as_deref()))
        .unwrap_or("");
    let id = domain_name(sld, tld);
    let tld = split_domain(&id)
        .map(|(_, t)| t.to_string())
        .unwrap_or_default();
    let date = |text: Option<&str>| text.and_then(parse_date);
    let handles = details.map(|d| &d.contacts);
    Some(Domain {
        account: account.to_string(),
        tld,
        status: general
            .and_then(|g| g.status.clone())
            .or(item.and_then(|i| i.status.clone()))
            .unwrap_or_default(),
        registered: date(general.and_then(|g| g.registration_date.as_deref()))
            .or(date(item.and_then(|i| i.registration_date.as_deref()))),
        expires: expiry(item, details),
        locked: lock_state(general.and_then(|g| g.lock_status.as_deref())),
        nameservers: details.map(nameservers).unwrap_or_default(),
        owner: handles.and_then(|h| h.owner_handle.clone()),
        admin: handles.and_then(|h| h.admin_handle.clone()),
        tech: handles.and_then(|h| h.tech_handle.clone()),
        details: domain_details(item, details),
        detailed: details.is_some(),
        missing: Vec::new(),
        fetched_at,
        id,
    })
}

/// When the registration ends: `ExpirationDate`, else a termination date
/// (list or contract), else the contract's end.
fn expiry(item: Option<&DomainsListItem>, details: Option<&DomainsGetDetails>) -> Option<Millis> {
    let general = details.map(|d| &d.general);
    let contract = details.map(|d| &d.contract);
    [
        general.and_then(|g| g.expiration_date.as_deref()),
        item.and_then(|i| i.termination_date.as_deref()),
        contract.and_then(|c| c.termination_date.as_deref()),
        contract.and_then(|c| c.end_contract.as_deref()),
    ]
    .into_iter()
    .flatten()
    .find_map(parse_date)
}

fn nameservers(details: &DomainsGetDetails) -> Vec<String> {
    let dns = &details.dns;
    [&dns.dns1, &dns.dns2, &dns.dns3]
        .into_iter()
        .flatten()
        .cloned()
        .collect()
}

fn domain_details(
    item: Option<&DomainsListItem>,
    details: Option<&DomainsGetDetails>,
) -> Vec<Detail> {
    let mut out = Vec::new();
    let identifier = details
        .and_then(|d| d.general.identifier.as_deref())
        .or(item.and_then(|i| i.identifier.as_deref()));
    push(&mut out, "", "Identifier", identifier);
    let Some(details) = details else {
        let list = |get: fn(&DomainsListItem) -> Option<&str>| item.and_then(get);
        let registered = list(|i| i.registration_date.as_deref());
        push_date(&mut out, "", "Registration date", registered);
        let terminated = list(|i| i.termination_date.as_deref());
        push_date(&mut out, "", "Termination date", terminated);
        return out;
    };
    let (g, c) = (&details.general, &details.contract);
    push(&mut out, "", "Lock status", g.lock_status.as_deref());
    push_date(
        &mut out,
        "",
        "Registration date",
        g.registration_date.as_deref(),
    );
    push_date(
        &mut out,
        "",
        "Expiration date",
        g.expiration_date.as_deref(),
    );
    const C: &str = "Contract";
    push(&mut out, C, "Price (excl. VAT)", c.price_excl.as_deref());
    push(&mut out, C, "Period", c.period.as_deref());
    push_date(&mut out, C, "Start", c.start_contract.as_deref());
    push_date(&mut out, C, "End", c.end_contract.as_deref());
    push_date(&mut out, C, "Next date", c.next_date.as_deref());
    push_date(
        &mut out,
        C,
        "Termination date",
        c.termination_date.as_deref(),
    );
    out
}

/// A domain's history, newest first.
pub fn history(answer: &DomainsGetHistory) -> Vec<HistoryEntry> {
    let mut entries: Vec<HistoryEntry> = answer
        .results
        .items
        .iter()
        .map(|item| HistoryEntry {
            at: item.date.as_deref().and_then(parse_date),
            raw_date: item.date.clone().unwrap_or_default(),
            action: item.action.clone().unwrap_or_default(),
            status: item.processed.clone().unwrap_or_default(),
            note: item.response.clone().unwrap_or_default(),
        })
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.at));
    entries
}

/// A contact from its list entry and, when fetched, its details.
pub fn contact(
    account: &str,
    item: &ContactData,
    details: Option<&ContactData>,
    fetched_at: Millis,
) -> Option<Contact> {
    let id = item
        .handle_identifier
        .as_deref()
        .or(details.and_then(|d| d.handle_identifier.as_deref()))?;
    let best = details.unwrap_or(item);
    Some(Contact {
        account: account.to_string(),
        id: id.to_string(),
        fields: contact_fields(best, item),
        email: best.email_address.clone(),
        detailed: details.is_some(),
        fetched_at,
    })
}

/// The input-named fields of `data`, with `fallback` filling gaps.
pub fn contact_fields(data: &ContactData, fallback: &ContactData) -> ContactFields {
    let text = |get: fn(&ContactData) -> Option<&str>| {
        get(data).or(get(fallback)).unwrap_or_default().to_string()
    };
    ContactFields {
        handle: text(|c| c.handle.as_deref()),
        company_name: text(|c| c.company_name.as_deref()),
        company_number: text(|c| c.company_number.as_deref()),
        legal_form: text(|c| c.legal_form.as_deref()),
        tax_number: text(|c| c.tax_number.as_deref()),
        gender: text(ContactData::gender_any),
        first_name: text(ContactData::first_name_any),
        last_name: text(ContactData::last_name_any),
        address: text(|c| c.address.as_deref()),
        zip_code: text(|c| c.zip_code.as_deref()),
        city: text(|c| c.city.as_deref()),
        country: text(|c| c.country.as_deref()),
        phone_number: text(|c| c.phone_number.as_deref()),
        fax_number: text(|c| c.fax_number.as_deref()),
    }
}

// -- colocation --------------------------------------------------------------

/// The datacenter behind a `Location` code (241/242/243), else the text.
pub fn datacenter(location: &str) -> String {
    match location.trim() {
        "241" => "NedZone".into(),
        "242" => "SmartDC".into(),
        "243" => "EvoSwitch".into(),
        other => other.to_string(),
    }
}

/// A visitor from its list entry and, when fetched, its details. Never
/// carries the BSN or the date of birth (the wire types do not read them).
pub fn visitor(
    account: &str,
    item: &VisitorListItem,
    details: Option<&ColocationGetVisitor>,
) -> Visitor {
    let general = details.map(|d| &d.general);
    let first = item
        .first_name
        .as_deref()
        .or(general.and_then(|g| g.first_name.as_deref()));
    let last = item
        .last_name
        .as_deref()
        .or(general.and_then(|g| g.last_name.as_deref()));
    let name = [first, last]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let location = item
        .location
        .as_deref()
        .or(general.and_then(|g| g.location.as_deref()))
        .map(datacenter)
        .unwrap_or_default();
    let access = details.map(|d| &d.access);
    let status = access
        .and_then(|a| a.status.clone())
        .or(item.status.clone())
        .unwrap_or_default();
    let mut out = Vec::new();
    push(&mut out, "", "Identifier", item.identifier.as_deref());
    if let Some(details) = details {
        visitor_details(&mut out, details);
    }
    Visitor {
        account: account.to_string(),
        id: item.identifier.clone().unwrap_or_default(),
        name,
        location,
        status,
        details: out,
    }
}

fn visitor_details(out: &mut Vec<Detail>, details: &ColocationGetVisitor) {
    let g = &details.general;
    push(out, "", "E-mail", g.email_address.as_deref());
    push(out, "", "Phone", g.phone_number.as_deref());
    push(out, "", "Country", g.country.as_deref());
    push_date(out, "", "Scan date", g.scan_date.as_deref());
    push(
        out,
        "Access",
        "Fingerprint id",
        details.access.fingerprint_identifier.as_deref(),
    );
    push(out, "Access", "Status", details.access.status.as_deref());
    for entry in &details.logging.items {
        let at = entry.timestamp.as_deref().map_or("?".into(), readable_date);
        push(out, "Log", at, entry.action.as_deref());
    }
}

/// A visit from its list entry and, when fetched, its details.
pub fn visit(account: &str, item: &VisitListItem, details: Option<&ColocationGetVisit>) -> Visit {
    let general = details.map(|d| &d.general);
    let raw_arrival = item
        .date_arrival
        .as_deref()
        .or(general.and_then(|g| g.date_arrival.as_deref()))
        .unwrap_or_default()
        .to_string();
    let term = item
        .term
        .as_deref()
        .or(general.and_then(|g| g.term.as_deref()));
    let mut out = Vec::new();
    push(&mut out, "", "Identifier", item.identifier.as_deref());
    push_date(&mut out, "", "Arrival", Some(&raw_arrival));
    push(&mut out, "", "Term (days)", term);
    if let Some(details) = details {
        let g = &details.general;
        push(&mut out, "", "Visitors", g.visitor_identifiers.as_deref());
        for guest in [&g.guest1, &g.guest2, &g.guest3] {
            push(&mut out, "", "Guest", guest.as_deref());
        }
        push(&mut out, "", "Reason", details.reason.as_deref());
    }
    Visit {
        account: account.to_string(),
        id: item.identifier.clone().unwrap_or_default(),
        visit_key: item
            .visit_key
            .clone()
            .or(general.and_then(|g| g.visit_key.clone()))
            .unwrap_or_default(),
        arrival: parse_date(&raw_arrival),
        raw_arrival,
        term_days: term
            .and_then(int_from_text)
            .and_then(|n| u32::try_from(n).ok()),
        details: out,
    }
}
