//! Wire -> model for i3D.net servers: dedicated servers and colocations as
//! server rows (told apart by their id prefix and group), their gauges per
//! poll (cpu load, memory, traffic; cabinet amps per PDU), the details
//! panel's fields, the bandwidth-overuse warning, readable network
//! telemetry whatever its shape, and the datacenter access list.
//!
//! The document lists no IP addresses, no OS names (only `osId`) and no
//! location names (only ids and the rack name); the rows show what there is.

use super::wire::{
    Colocation, ColocationAccess, ColocationAlert, Contract, DedicatedServer, Overuse, Pdu,
    PduSample,
};
use super::ServerId;
use crate::model::time::readable_utc;
use crate::model::{Detail, DetailText, MetricSeries, Millis, PowerState, Sample, Server, Visitor};
use crate::provider::lenient::Code;
use crate::provider::ServerSample;
use serde_json::{Map, Value};

/// Why no server of the account offers power actions.
pub const NO_POWER_NOTE: &str = super::NO_POWER;
/// The group of colocation rows.
pub const COLOCATION_GROUP: &str = "Colocation";
/// The most fields of a network telemetry sample the details show.
pub const NETWORK_FIELDS_MAX: usize = 8;

// -- values ------------------------------------------------------------------

/// A Unix timestamp as [`Millis`]: seconds as the document has them, or
/// milliseconds where the number can only be that; `None` for 0 or less.
pub fn unix_millis(value: i64) -> Option<Millis> {
    const MILLIS_FROM: i64 = 100_000_000_000;
    match value {
        ..=0 => None,
        MILLIS_FROM.. => Some(value),
        secs => secs.checked_mul(1000),
    }
}

/// A timestamp for people, `None` when unset.
pub fn when(value: Option<i64>) -> Option<String> {
    value.and_then(unix_millis).map(readable_utc)
}

pub use crate::model::metric::plain_number as number;

fn num(value: Option<f64>, unit: &str) -> Option<String> {
    value.map(|v| format!("{} {unit}", number(v)).trim_end().to_string())
}

fn int(value: Option<i64>, unit: &str) -> Option<String> {
    value.map(|v| format!("{v} {unit}").trim_end().to_string())
}

fn yes_no(value: Option<i64>) -> Option<String> {
    value.map(|v| if v == 0 { "no" } else { "yes" }.to_string())
}

fn code(value: &Option<Code>) -> Option<String> {
    value.as_ref().map(Code::to_string)
}

/// Cents in the currency of `currencyId` (0 EURO, 1 USD, 9 YEN).
fn money(cents: Option<f64>, currency: Option<i64>) -> Option<String> {
    let name = match currency {
        Some(0) => "EUR".to_string(),
        Some(1) => "USD".to_string(),
        Some(9) => "YEN".to_string(),
        Some(other) => format!("(currency {other})"),
        None => String::new(),
    };
    cents.map(|c| format!("{:.2} {name}", c / 100.0).trim_end().to_string())
}

/// The unit of traffic and contractual bandwidth: GB when billed per TB
/// a month (`bandwidthBillingType` 2), Mbit otherwise.
fn traffic_unit(billing: Option<i64>) -> &'static str {
    if billing == Some(2) {
        "GB"
    } else {
        "Mbit"
    }
}

fn billing_label(billing: Option<i64>) -> Option<String> {
    billing.map(|b| match b {
        1 => "unmetered".to_string(),
        2 => "TB per month".to_string(),
        3 => "95th percentile (Mbit)".to_string(),
        other => format!("type {other}"),
    })
}

/// Non-empty values as details under `section`, in order.
fn rows(section: impl Into<DetailText>, rows: Vec<(&'static str, Option<String>)>) -> Vec<Detail> {
    let section: DetailText = section.into();
    rows.into_iter()
        .filter_map(|(label, value)| {
            let value = value
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())?;
            Some(Detail::in_section(section.clone(), label, value))
        })
        .collect()
}

fn text(value: &Option<String>) -> Option<String> {
    value.clone()
}

/// A server row of this account with nothing known yet but its id.
fn blank_row(account: &str, row_id: String, fetched_at: Millis) -> Server {
    Server {
        actions_note: Some(NO_POWER_NOTE.to_string()),
        ..Server::blank(account, row_id, fetched_at)
    }
}

fn gauge(row_id: &str, metric: impl Into<String>, unit: &str, value: f64) -> ServerSample {
    ServerSample {
        server_id: row_id.to_string(),
        metric: metric.into(),
        unit: unit.to_string(),
        value,
        at: None,
    }
}

// -- contract and traffic (both kinds) -------------------------------------------

/// Whether the contract was cancelled (`dateCancelled` set).
fn cancelled(contract: &Contract) -> bool {
    contract
        .date_cancelled
        .as_deref()
        .is_some_and(|d| !d.trim().is_empty() && !d.trim().starts_with("0000"))
}

fn contract_details(c: &Contract) -> Vec<Detail> {
    let mut out = rows(
        "Contract",
        vec![
            ("Start", text(&c.date_start)),
            ("Paid until", text(&c.date_end)),
            ("Cancelled", text(&c.date_cancelled)),
            ("Contract end", text(&c.date_end_contract)),
            ("Contract period", int(c.contract_period, "months")),
            ("Extend period", int(c.extend_period, "months")),
            ("Cancellation period", int(c.cancellation_period, "months")),
            ("Payment term", int(c.payment_term, "days")),
            ("Price per month", money(c.price_per_month, c.currency_id)),
            (
                "Price per TB overuse",
                money(c.price_per_tb_overuse, c.currency_id),
            ),
            ("Purchase order", text(&c.purchase_order)),
        ],
    );
    out.extend(bandwidth_details(c));
    out
}

fn bandwidth_details(c: &Contract) -> Vec<Detail> {
    let unit = traffic_unit(c.bandwidth_billing_type);
    rows(
        "Bandwidth",
        vec![
            ("Billing", billing_label(c.bandwidth_billing_type)),
            ("Contractual", num(c.bandwidth_contractual, unit)),
            ("Traffic", num(c.traffic_sum, unit)),
            ("Incoming", num(c.incoming_traffic_sum, unit)),
            ("Outgoing", num(c.outgoing_traffic_sum, unit)),
        ],
    )
}

// -- dedicated servers -------------------------------------------------------------

/// The group of a dedicated server by its `serverType`.
pub fn dedicated_group(server_type: Option<i64>) -> &'static str {
    match server_type {
        Some(2) => "Flex metal server",
        Some(3) => "Virtual machine",
        _ => "Dedicated server",
    }
}

/// A dedicated server as a row; `None` without an id.
pub fn dedicated_server(account: &str, ds: &DedicatedServer, fetched_at: Millis) -> Option<Server> {
    let id = code(&ds.id)?;
    let mut server = blank_row(account, ServerId::Dedicated(id).row(), fetched_at);
    let named = [&ds.client_server_name, &ds.live_host_name, &ds.server_name];
    if let Some(name) = named.into_iter().flatten().find(|n| !n.trim().is_empty()) {
        server.name = name.trim().to_string();
    }
    server.power = PowerState::from_status(ds.status.as_deref());
    server.status = dedicated_status(ds);
    server.location = ds.rack_name.clone().unwrap_or_default();
    server.group = dedicated_group(ds.server_type).to_string();
    server.os = code(&ds.os_id).map_or_else(String::new, |id| format!("osId {id}"));
    server.cpu = ds.num_cpu.and_then(|n| u32::try_from(n).ok());
    server.memory_gb = ds.mem_max.map(|mb| (mb / 1024.0 * 10.0).round() / 10.0);
    server.details = dedicated_details(ds);
    server.warnings = dedicated_warnings(ds);
    Some(server)
}

/// What the row marks: a broken host, an unfinished or failed install, a
/// cancelled contract; empty when all is plain.
fn dedicated_status(ds: &DedicatedServer) -> String {
    let category = ds.category.as_deref().unwrap_or_default().trim();
    let install = ds.install_status.as_deref().unwrap_or_default().trim();
    if category.eq_ignore_ascii_case("broken") {
        return "Broken".to_string();
    }
    if !install.is_empty() && !install.eq_ignore_ascii_case("finished") {
        return format!("install {install}");
    }
    if cancelled(&ds.contract) {
        return "cancelled".to_string();
    }
    String::new()
}

fn dedicated_warnings(ds: &DedicatedServer) -> Vec<String> {
    let broken = ds
        .category
        .as_deref()
        .is_some_and(|c| c.trim().eq_ignore_ascii_case("broken"));
    let install_failed = ds
        .install_status
        .as_deref()
        .is_some_and(|s| s.trim().eq_ignore_ascii_case("failed"));
    let mut warnings = Vec::new();
    if broken {
        warnings.push("category Broken: the host is degraded".to_string());
    }
    if install_failed {
        warnings.push("automatic install failed".to_string());
    }
    warnings
}

/// The gauges of a dedicated server in this poll: `cpu load` (%),
/// `memory used` (% of max) and `traffic` (GB or Mbit this month).
pub fn dedicated_samples(row_id: &str, ds: &DedicatedServer) -> Vec<ServerSample> {
    let memory = match (ds.mem_used, ds.mem_max) {
        (Some(used), Some(max)) if max > 0.0 => Some(used / max * 100.0),
        _ => None,
    };
    let unit = traffic_unit(ds.contract.bandwidth_billing_type);
    [
        ds.cpu_load.map(|v| gauge(row_id, "cpu load", "%", v)),
        memory.map(|v| gauge(row_id, "memory used", "%", v)),
        ds.contract
            .traffic_sum
            .map(|v| gauge(row_id, "traffic", unit, v)),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn dedicated_details(ds: &DedicatedServer) -> Vec<Detail> {
    let mut out = dedicated_general(ds);
    out.extend(dedicated_usage(ds));
    out.extend(contract_details(&ds.contract));
    out.extend(dedicated_fleet(ds));
    out
}

fn dedicated_general(ds: &DedicatedServer) -> Vec<Detail> {
    rows(
        "General",
        vec![
            ("i3D id", code(&ds.id)),
            ("Machine id", code(&ds.server_id)),
            ("Machine name", text(&ds.server_name)),
            ("Host name", text(&ds.live_host_name)),
            ("Client name", text(&ds.client_server_name)),
            ("Project", text(&ds.project_name)),
            ("Client state", text(&ds.client_state)),
            ("Type", Some(dedicated_group(ds.server_type).to_string())),
            ("Category", text(&ds.category)),
            ("Status", text(&ds.status)),
            ("Install status", text(&ds.install_status)),
            ("Instance type", text(&ds.instance_type)),
            ("OS id", code(&ds.os_id)),
            ("DC location id", code(&ds.dc_location_id)),
            ("Location id", code(&ds.location_id)),
            ("Rack", text(&ds.rack_name)),
            ("Service tag", text(&ds.service_tag)),
            ("Brand", text(&ds.brand)),
            ("Model", text(&ds.model)),
            ("CPUs", int(ds.num_cpu, "")),
            ("CPU", text(&ds.cpu_info)),
            ("CPU type", text(&ds.cpu_type)),
        ],
    )
}

fn dedicated_usage(ds: &DedicatedServer) -> Vec<Detail> {
    let free_incoming = ds.free_incoming_traffic.map(i64::from);
    rows(
        "Usage",
        vec![
            ("CPU load", num(ds.cpu_load, "%")),
            ("Memory used", num(ds.mem_used, "MB")),
            ("Memory max", num(ds.mem_max, "MB")),
            ("Memory free", num(ds.mem_free, "MB")),
            ("Uptime", int(ds.uptime, "s")),
            ("Free incoming traffic", yes_no(free_incoming)),
        ],
    )
}

fn dedicated_fleet(ds: &DedicatedServer) -> Vec<Detail> {
    rows(
        "Fleet",
        vec![
            ("Fleet id", text(&ds.fleet_id)),
            ("New fleet id", text(&ds.new_fleet_id)),
            ("In fleet since", when(ds.fleet_associated_since)),
            ("Reserved for a fleet", yes_no(ds.is_reserve)),
            ("Game hosting (ODP)", yes_no(ds.is_odp)),
            ("Flex metal order", text(&ds.fm_order_id)),
        ],
    )
}

// -- colocations -------------------------------------------------------------------

/// A PDU of a colocation and its newest power sample, when read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PduReading {
    pub pdu: Pdu,
    pub latest: Option<PduSample>,
}

impl PduReading {
    /// The PDU's id as text (`?` without one).
    pub fn id(&self) -> String {
        code(&self.pdu.id).unwrap_or_else(|| "?".to_string())
    }

    /// The gauge name of its amps: `amps PDU 71`.
    pub fn metric(&self) -> String {
        pdu_metric(&self.pdu)
    }
}

/// The unit of a PDU's amps series.
pub const AMPS_UNIT: &str = "A";
/// The most samples a PDU's amps series keeps: a day of half-hourly
/// history (48) with room for the gauges of the polls after it.
pub const PDU_SERIES_CAPACITY: usize = 240;

/// The series name of a PDU's amps, the gauge's and the history's alike:
/// `amps PDU 71` (`amps PDU ?` without an id).
pub fn pdu_metric(pdu: &Pdu) -> String {
    let id = code(&pdu.id).unwrap_or_else(|| "?".to_string());
    format!("amps PDU {id}")
}

/// A PDU's power history as its amps series, oldest first; samples
/// without a time or amps are left out.
pub fn pdu_series(pdu: &Pdu, history: &[PduSample]) -> MetricSeries {
    let mut series = MetricSeries::new(pdu_metric(pdu), AMPS_UNIT, PDU_SERIES_CAPACITY);
    for sample in history {
        let at = sample.timestamp.and_then(unix_millis);
        if let (Some(at), Some(value)) = (at, sample.amps) {
            series.push(Sample { at, value });
        }
    }
    series
}

/// The newest of a PDU's power samples (by `timestamp`, else the last).
pub fn latest_sample(samples: Vec<PduSample>) -> Option<PduSample> {
    let mut newest: Option<PduSample> = None;
    for sample in samples {
        let newer = match &newest {
            Some(kept) => {
                sample.timestamp.unwrap_or(i64::MIN) >= kept.timestamp.unwrap_or(i64::MIN)
            }
            None => true,
        };
        if newer {
            newest = Some(sample);
        }
    }
    newest
}

/// Everything read for one colocation; the parts that failed are absent
/// (and recorded in the row's `missing` by the caller).
#[derive(Clone, Debug)]
pub struct ColocationParts<'a> {
    pub colocation: &'a Colocation,
    pub pdus: Vec<PduReading>,
    pub network: Option<&'a Value>,
    pub alerts: Vec<ColocationAlert>,
    pub overuse: Option<&'a Overuse>,
}

/// A colocation as a row; `None` without an id.
pub fn colocation(
    account: &str,
    parts: &ColocationParts<'_>,
    fetched_at: Millis,
) -> Option<Server> {
    let colo = parts.colocation;
    let id = code(&colo.id)?;
    let mut server = blank_row(account, ServerId::Colocation(id.clone()).row(), fetched_at);
    server.name = colo
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| format!("colocation {id}"));
    server.group = COLOCATION_GROUP.to_string();
    if cancelled(&colo.contract) {
        server.status = "cancelled".to_string();
    }
    server.warnings = parts
        .overuse
        .and_then(overuse_warning)
        .into_iter()
        .collect();
    server.details = colocation_details(parts);
    Some(server)
}

/// `bandwidth over ordered: used 1200 of 1000` when used is over ordered.
pub fn overuse_warning(overuse: &Overuse) -> Option<String> {
    match (overuse.used_bandwidth, overuse.ordered_bandwidth) {
        (Some(used), Some(ordered)) if used > ordered => Some(format!(
            "bandwidth over ordered: used {} of {}",
            number(used),
            number(ordered)
        )),
        _ => None,
    }
}

/// The gauges of a colocation in this poll: the amps of each PDU.
pub fn colocation_samples(row_id: &str, parts: &ColocationParts<'_>) -> Vec<ServerSample> {
    parts
        .pdus
        .iter()
        .filter_map(|reading| {
            let latest = reading.latest.as_ref()?;
            let mut sample = gauge(row_id, reading.metric(), AMPS_UNIT, latest.amps?);
            // The sample's own time: polled again, it stays one point.
            sample.at = latest.timestamp.and_then(unix_millis);
            Some(sample)
        })
        .collect()
}

fn colocation_details(parts: &ColocationParts<'_>) -> Vec<Detail> {
    let colo = parts.colocation;
    let mut out = rows(
        "General",
        vec![("i3D id", code(&colo.id)), ("Name", text(&colo.name))],
    );
    out.extend(contract_details(&colo.contract));
    out.extend(colocation_power(colo));
    out.extend(parts.overuse.map(overuse_details).unwrap_or_default());
    for reading in &parts.pdus {
        out.extend(pdu_details(reading));
    }
    out.extend(parts.network.map(network_details).unwrap_or_default());
    out.extend(alert_details(&parts.alerts));
    out
}

fn colocation_power(colo: &Colocation) -> Vec<Detail> {
    rows(
        "Power",
        vec![
            ("Contractual max", num(colo.power_max_ampere, "A")),
            (
                "Price per kWh",
                money(colo.power_kwh_price, colo.contract.currency_id),
            ),
            ("Power meter", num(colo.power_meter, "kWh")),
            ("Unlimited ingress", yes_no(colo.unlimited_ingress)),
            (
                "Traffic this month (95th)",
                num(colo.traffic_sum_month_mbit, "Mbit"),
            ),
        ],
    )
}

fn overuse_details(overuse: &Overuse) -> Vec<Detail> {
    rows(
        "Bandwidth overuse",
        vec![
            ("Ordered", overuse.ordered_bandwidth.map(number)),
            ("Used", overuse.used_bandwidth.map(number)),
        ],
    )
}

fn pdu_details(reading: &PduReading) -> Vec<Detail> {
    let section = format!("PDU {}", reading.id());
    let pdu = &reading.pdu;
    let latest = reading.latest.as_ref();
    rows(
        section,
        vec![
            ("Name", text(&pdu.name)),
            ("Serial", text(&pdu.serial)),
            ("Feed type", text(&pdu.input_feed_type)),
            ("Outlets", int(pdu.outlets, "")),
            ("Phases", int(pdu.phases, "")),
            ("Supported amperage", num(pdu.amperage, "A")),
            ("Peak amperage", num(pdu.peak_amperage, "A")),
            ("Voltage", num(pdu.voltage, "V")),
            ("Min voltage", num(pdu.min_voltage, "V")),
            ("Power factor", pdu.power_factor.map(number)),
            ("Power meter", num(pdu.power_meter, "kWh")),
            ("Updated", when(pdu.updated_at)),
            ("Amps now", num(latest.and_then(|s| s.amps), "A")),
            ("Volts now", num(latest.and_then(|s| s.volts), "V")),
            ("kWh now", num(latest.and_then(|s| s.kwh), "kWh")),
            ("Sampled", when(latest.and_then(|s| s.timestamp))),
        ],
    )
}

fn alert_details(alerts: &[ColocationAlert]) -> Vec<Detail> {
    alerts
        .iter()
        .map(|alert| {
            let at = alert.percentage.map_or("?".to_string(), number);
            let mut how: Vec<String> = [(alert.send_mail, "e-mail"), (alert.send_ticket, "ticket")]
                .into_iter()
                .filter(|(flag, _)| flag.is_some_and(|f| f != 0))
                .map(|(_, name)| name.to_string())
                .collect();
            if how.is_empty() {
                how.push("no notification".to_string());
            }
            let last = when(alert.triggered).map_or("never triggered".to_string(), |t| {
                format!("last triggered {t}")
            });
            let value = format!("{}; {last}", how.join(" and "));
            Detail::in_section("Bandwidth alerts", format!("at {at} %"), value)
        })
        .collect()
}

// -- network telemetry (shape undocumented) -----------------------------------------

/// Readable details from a network telemetry answer, whatever its shape:
/// the `unit`, other top-level values, how many samples there are and the
/// newest sample's fields. The document shows only `unit` (digest §3.3).
/// An array holding one object is read as that object (i3D may answer one
/// object that way).
pub fn network_details(value: &Value) -> Vec<Detail> {
    const S: &str = "Network telemetry";
    let value = match value {
        Value::Array(items) if items.len() == 1 && items[0].is_object() => &items[0],
        other => other,
    };
    let (top, series) = match value {
        Value::Array(items) => (None, items.as_slice()),
        Value::Object(map) => (Some(map), first_series(map)),
        _ => (None, &[][..]),
    };
    let mut out: Vec<Detail> = top.map(|map| scalar_fields(map, S)).unwrap_or_default();
    if !series.is_empty() {
        out.push(Detail::in_section(S, "Samples", series.len().to_string()));
    }
    match series.last() {
        Some(Value::Object(sample)) => out.extend(scalar_fields(sample, "Network, newest sample")),
        Some(other) => out.extend(readable(other).map(|v| Detail::in_section(S, "Newest", v))),
        None => {}
    }
    if out.is_empty() {
        out.push(Detail::in_section(S, "Samples", "none in the answer"));
    }
    out
}

/// The first array in an object: where the samples are.
fn first_series(map: &Map<String, Value>) -> &[Value] {
    map.values()
        .find_map(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// An object's scalar fields as details, at most [`NETWORK_FIELDS_MAX`].
fn scalar_fields(map: &Map<String, Value>, section: &str) -> Vec<Detail> {
    map.iter()
        .filter_map(|(key, value)| {
            let shown = time_field(key, value).or_else(|| readable(value))?;
            Some(Detail::in_section(section.to_string(), key.clone(), shown))
        })
        .take(NETWORK_FIELDS_MAX)
        .collect()
}

/// A field named like a time (`timestamp`, `startTime`, `date`) holding an
/// integer, as a readable time.
fn time_field(key: &str, value: &Value) -> Option<String> {
    let key = key.to_ascii_lowercase();
    let timely = key.contains("time") || key.contains("date");
    timely
        .then(|| value.as_i64())
        .flatten()
        .and_then(|v| when(Some(v)))
}

/// A scalar for people; lists and objects are left out.
fn readable(value: &Value) -> Option<String> {
    const MAX: usize = 60;
    match value {
        Value::Number(n) => n.as_f64().map(number),
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().chars().take(MAX).collect()),
        Value::Bool(b) => Some(if *b { "yes" } else { "no" }.to_string()),
        _ => None,
    }
}

// -- colocation access ---------------------------------------------------------

/// A person on the datacenter access list; `None` without an id. Never
/// carries the birth date or the fingerprint id (the wire type does not
/// read them).
pub fn visitor(account: &str, access: &ColocationAccess) -> Option<Visitor> {
    let id = code(&access.id).or_else(|| code(&access.visitor_id))?;
    let name = [&access.first_name, &access.last_name]
        .into_iter()
        .flatten()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Some(Visitor {
        account: account.to_string(),
        id,
        name,
        location: code(&access.datacenter_id)
            .map(|dc| format!("datacenter {dc}"))
            .unwrap_or_default(),
        status: access.status.clone().unwrap_or_default(),
        details: visitor_details(access),
    })
}

fn visitor_details(access: &ColocationAccess) -> Vec<Detail> {
    rows(
        "",
        vec![
            ("Visitor id", code(&access.visitor_id)),
            ("E-mail", text(&access.email)),
            ("Mobile", text(&access.mobile)),
            ("Company", text(&access.company_name)),
            ("City", text(&access.city)),
            ("Country", text(&access.country_en)),
            ("Verified", text(&access.date_verified)),
            ("On the list since", text(&access.date_on_list)),
            ("Off the list since", text(&access.date_off_list)),
            ("Temporary access", yes_no(access.temporary_access)),
            ("May add temporary access", yes_no(access.visit_requester)),
            (
                "May request permanent access",
                yes_no(access.permanent_requester),
            ),
            ("Checked", text(&access.checked)),
            ("Print made", text(&access.print_made)),
            ("Admin notes", text(&access.admin_notes_read_only)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdu_history_is_its_amps_series_oldest_first() {
        let pdu = Pdu {
            id: Some(Code::Int(7101)),
            ..Pdu::default()
        };
        let sample = |timestamp: Option<i64>, amps: Option<f64>| PduSample {
            timestamp,
            amps,
            ..PduSample::default()
        };
        let history = [
            sample(Some(1_700_001_800), Some(4.5)),
            sample(Some(1_700_000_000), Some(4.0)),
            sample(None, Some(9.0)),
            sample(Some(1_700_003_600), None),
        ];
        let series = pdu_series(&pdu, &history);
        assert_eq!(series.name, "amps PDU 7101");
        assert_eq!(series.unit, "A");
        assert_eq!(series.capacity, PDU_SERIES_CAPACITY);
        let points: Vec<(Millis, f64)> = series.samples.iter().map(|s| (s.at, s.value)).collect();
        assert_eq!(points, [(1_700_000_000_000, 4.0), (1_700_001_800_000, 4.5)]);
        let reading = PduReading { pdu, latest: None };
        assert_eq!(reading.metric(), series.name, "the gauge's name");
    }

    #[test]
    fn timestamps_are_seconds_unless_they_can_only_be_milliseconds() {
        assert_eq!(unix_millis(0), None);
        assert_eq!(unix_millis(-5), None);
        assert_eq!(unix_millis(1_767_225_600), Some(1_767_225_600_000));
        assert_eq!(unix_millis(1_767_225_600_000), Some(1_767_225_600_000));
        assert_eq!(unix_millis(i64::MAX / 10), Some(i64::MAX / 10));
        assert_eq!(
            when(Some(1_767_225_600)).as_deref(),
            Some("2026-01-01 00:00:00 UTC")
        );
    }

    #[test]
    fn numbers_money_and_units_read_plainly() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(12.5), "12.5");
        assert_eq!(number(1.0 / 3.0), "0.33");
        assert_eq!(money(Some(12950.0), Some(0)).as_deref(), Some("129.50 EUR"));
        assert_eq!(
            money(Some(100.0), Some(4)).as_deref(),
            Some("1.00 (currency 4)")
        );
        assert_eq!(money(Some(100.0), None).as_deref(), Some("1.00"));
        assert_eq!(traffic_unit(Some(2)), "GB");
        assert_eq!(traffic_unit(None), "Mbit");
        assert_eq!(int(Some(3), "").as_deref(), Some("3"));
    }
}
