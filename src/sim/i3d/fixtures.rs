//! Deterministic i3D fixtures from a seed, dated relative to today: the
//! dedicated servers, two colocations (the second over its ordered
//! bandwidth) with two PDUs and two alerts each, a few stored rDNS entries,
//! datacenter access entries in every visitor status, and the ticket inbox.
//! Contract dates are written `YYYY-MM-DD` (the document gives no format).

use super::models::{Alert, Colocation, ColocationAccess, Contract};
use super::proto::round;
use super::server_fixtures;
use super::ticket_fixtures;
use super::world::{PduSpec, World};
use crate::model::time::iso_date;
use crate::sim::SplitMix64;
use std::collections::BTreeMap;

/// Seconds in a day.
pub const DAY: i64 = 86_400;
/// Tickets in the inbox.
pub const TICKET_COUNT: usize = 12;
/// The colocation that uses more than its ordered bandwidth.
pub const OVERUSING_COLOCATION: u64 = 3_302;

/// The whole simulated account. Dates count from the start of today (UTC),
/// so the same seed gives the same fixtures all day.
pub fn build(seed: u64, scale: usize, now: i64) -> World {
    let today = now.div_euclid(DAY) * DAY;
    let tickets = ticket_fixtures::tickets(TICKET_COUNT, seed, today);
    World {
        seed,
        servers: server_fixtures::servers(seed, scale, today),
        colocations: colocations(today),
        pdus: pdus(seed),
        alerts: alerts(today),
        access: access(today),
        next_ticket_id: tickets.iter().map(|t| t.ticket.id).max().unwrap_or(0) + 1,
        tickets,
        rdns: rdns(),
        ticks: 0,
    }
}

/// A `YYYY-MM-DD` date of `secs` since the epoch.
pub fn date(secs: i64) -> String {
    iso_date(secs * 1000)
}

fn colocations(today: i64) -> Vec<Colocation> {
    vec![
        colocation(3_301, "Rotterdam rack R12", (today, 900), (1_000, 412)),
        colocation(
            OVERUSING_COLOCATION,
            "Amsterdam half rack H07",
            (today, 400),
            (500, 612),
        ),
    ]
}

/// A colocation `age` days old on `today`, with `bandwidth`: contractual
/// and used Mbit (95th percentile). It is paid monthly from its start day.
fn colocation(id: u64, name: &str, (today, age): (i64, i64), bandwidth: (u64, u64)) -> Colocation {
    let (contractual, used) = bandwidth;
    let started = today - age * DAY;
    Colocation {
        id,
        name: name.to_string(),
        contract: Contract {
            date_start: date(started),
            date_end: date(today + (30 - age % 30) * DAY),
            date_cancelled: String::new(),
            date_end_contract: date(started + 3 * 365 * DAY),
            contract_period: 36,
            extend_period: 12,
            cancellation_period: 3,
            purchase_order: format!("PO-COLO-{id}"),
            payment_term: 30,
            price_per_month: (contractual * 95).to_string(),
            price_per_tb_overuse: "180".into(),
            currency_id: 0,
            bandwidth_billing_type: 3,
            bandwidth_contractual: contractual,
        },
        traffic_sum: used * 330,
        traffic_sum_month_mbit: used,
        outgoing_traffic_sum: used * 230,
        incoming_traffic_sum: used * 100,
        power_max_ampere: "16".into(),
        power_kwh_price: "21".into(),
        power_meter: 0,
        unlimited_ingress: u8::from(id % 2 == 1),
    }
}

/// Two feeds (A and B) per colocation.
fn pdus(seed: u64) -> Vec<PduSpec> {
    let mut rng = SplitMix64::new(seed ^ 0x0000_9D05);
    [
        (3_301, 7_101),
        (3_301, 7_102),
        (3_302, 7_201),
        (3_302, 7_202),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (colocation_id, id))| PduSpec {
        id,
        colocation_id,
        name: format!("Feed {}", ['A', 'B'][i % 2]),
        serial: format!("ZA{}{:06}", 19 + i, rng.below(1_000_000)),
        input_feed_type: "IEC 60309 16A single phase".into(),
        outlets: 24,
        phases: 1,
        power_factor: round(0.92 + rng.below(6) as f64 / 100.0, 2),
        amperage: 16.0,
        base_amps: 4.0 + rng.unit() * 4.0,
        base_volts: 229.0 + rng.unit() * 3.0,
    })
    .collect()
}

fn alerts(today: i64) -> Vec<(u64, Alert)> {
    let alert = |id, percentage, send_ticket, triggered| Alert {
        id,
        percentage,
        send_mail: 1,
        send_ticket,
        triggered,
        created_at: today - 200 * DAY,
    };
    vec![
        (3_301, alert(501, 80, 0, 0)),
        (3_301, alert(502, 95, 1, 0)),
        (3_302, alert(503, 80, 0, today - 2 * DAY + 3_600)),
        (3_302, alert(504, 100, 1, today - DAY + 7_200)),
    ]
}

fn rdns() -> BTreeMap<(u64, String), String> {
    [
        (3_301, "185.50.104.10", "ns1.demo-ops.example"),
        (3_301, "185.50.104.11", "ns2.demo-ops.example"),
        (3_302, "2a00:1768:2001:14::10", "mail.demo-ops.example"),
    ]
    .into_iter()
    .map(|(id, ip, host)| ((id, ip.to_string()), host.to_string()))
    .collect()
}

/// Visitors: first name, last name, status, days on the list (None: never).
const VISITORS: [(&str, &str, &str, Option<i64>); 7] = [
    ("Sanne", "de Vries", "granted", Some(420)),
    ("Pieter", "Bakker", "granted", Some(150)),
    ("Lotte", "Jansen", "pending", None),
    ("Mehmet", "Yilmaz", "denied", None),
    ("Anouk", "Visser", "revoked", Some(600)),
    ("Daan", "Smit", "suspended", Some(90)),
    ("Emma", "Mulder", "granted", Some(30)),
];

fn access(today: i64) -> Vec<ColocationAccess> {
    VISITORS
        .iter()
        .enumerate()
        .map(|(i, visitor)| access_entry(i, *visitor, today))
        .collect()
}

fn access_entry(
    i: usize,
    (first, last, status, on_list): (&str, &str, &str, Option<i64>),
    today: i64,
) -> ColocationAccess {
    let listed = on_list.map(|days| today - days * DAY);
    let off_list = matches!(status, "revoked" | "suspended").then(|| date(today - 5 * DAY));
    ColocationAccess {
        id: 9_001 + i as u64,
        visitor_id: 61_000 + i as u64 * 7,
        datacenter_id: Some(if i.is_multiple_of(2) { 6 } else { 12 }),
        date_verified: listed.map(|at| date(at - DAY)),
        date_on_list: listed.map(date),
        date_off_list: off_list,
        email: format!("{}.{}@demo-ops.example", first.to_lowercase(), i + 1),
        mobile: format!("+31 6 {:08}", 12_345_670 + i * 1_111),
        first_name: first.to_string(),
        last_name: last.to_string(),
        birth_date: format!("{}-{:02}-{:02}", 1975 + i * 3, 1 + i, 3 + i * 3),
        company_name: Some("Demo Ops B.V.".into()),
        city: Some(
            if i.is_multiple_of(2) {
                "Rotterdam"
            } else {
                "Amsterdam"
            }
            .into(),
        ),
        country_en: "Netherlands".into(),
        admin_notes_read_only: (status == "denied").then(|| "ID document expired".into()),
        checked: listed.map(|_| "1".into()),
        created_by: server_fixtures::USER_ID,
        new_entry: u8::from(status == "pending"),
        temporary_access: Some(u8::from(i == 6)),
        finger_print_id: listed.map(|_| 4_400 + i as u64),
        print_made: listed.map(|_| "1".into()),
        visit_requester: Some(u8::from(i == 0)),
        permanent_requester: Some(u8::from(i == 0)),
        syntegro_employee_code: None,
        status: status.to_string(),
    }
}
