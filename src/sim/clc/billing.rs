//! Billing/GetServerHourlyCharges: per-hour costs of one server (newest hour
//! first, costs as strings, as in the document's example), derived from its
//! size, power state and OS with a small seeded jitter.

use super::dates::{self, HOUR_MS};
use super::fixtures::WINDOWS_OS;
use super::methods::{known_account, ApiError, Done, Outcome};
use super::wire::{Obj, Params, XmlList};
use super::world::{Power, Server, World, HOME_ACCOUNT};
use crate::sim::SplitMix64;

const SERVER_NOT_FOUND: &str =
    "Resource Does Not Exist. You must provide a valid server identifier when calling this method.";
const ACCOUNT_NOT_FOUND: &str =
    "Account Not Found. You must provide a valid account alias when calling this method.";
const START_INVALID: &str =
    "Start Date Invalid. You must provide a valid start date when calling this method.";
const END_INVALID: &str =
    "End Date Invalid. You must provide a valid end date when calling this method.";
/// At most one month of hours per answer.
const MAX_HOURS: i64 = 31 * 24;
const HOURS_PER_MONTH: f64 = 730.0;

pub fn hourly_charges(world: &World, params: &Params, now_ms: i64) -> Outcome {
    let account = match params.text("AccountAlias") {
        None => HOME_ACCOUNT,
        Some(alias) => {
            known_account(alias).ok_or_else(|| ApiError::new(1800, ACCOUNT_NOT_FOUND))?
        }
    };
    let server = params
        .text("ServerName")
        .or_else(|| params.text("Name"))
        .and_then(|name| world.server_index(account, name))
        .map(|i| &world.servers[i])
        .ok_or_else(|| ApiError::new(5, SERVER_NOT_FOUND))?;
    let (start, end) = period(params, now_ms)?;
    let this_hour = floor_hour(now_ms);
    let last = floor_hour(end.min(this_hour + HOUR_MS) - 1);
    let hours = std::iter::successors(Some(last), |h| Some(h - HOUR_MS))
        .take_while(|h| *h >= floor_hour(start))
        .take(MAX_HOURS as usize);
    let items = hours.map(|h| hour_item(world.seed, server, h)).collect();
    let body = Obj::new()
        .child("Summary", summary(world.seed, server, this_hour))
        .attr("AccountAlias", account)
        .attr("ServerName", server.name.as_str())
        .date("StartDate", start)
        .date("EndDate", end)
        .list(
            "HourlyCharges",
            XmlList::Wrapped("HourlyCharge", "ServerHourlyCost"),
            items,
        );
    Ok(Done::new("OK", body))
}

/// `StartDate`/`EndDate`, defaulting to the last 24 hours.
fn period(params: &Params, now_ms: i64) -> Result<(i64, i64), ApiError> {
    let end = match params.text("EndDate") {
        Some(text) => dates::parse(text).ok_or_else(|| ApiError::new(1802, END_INVALID))?,
        None => floor_hour(now_ms) + HOUR_MS,
    };
    let start = match params.text("StartDate") {
        Some(text) => dates::parse(text).ok_or_else(|| ApiError::new(1801, START_INVALID))?,
        None => end - 24 * HOUR_MS,
    };
    Ok((start, end))
}

fn floor_hour(ms: i64) -> i64 {
    ms.div_euclid(HOUR_MS) * HOUR_MS
}

struct Costs {
    processor: f64,
    memory: f64,
    storage: f64,
    os: f64,
}

impl Costs {
    fn total(&self) -> f64 {
        self.processor + self.memory + self.storage + self.os
    }
}

/// The cost of `server` in the hour starting at `hour_ms`.
fn costs(seed: u64, server: &Server, hour_ms: i64) -> Costs {
    let running = server.power == Power::Started;
    let jitter =
        0.9 + 0.2 * SplitMix64::new(seed ^ name_hash(&server.name) ^ hour_ms as u64).unit();
    let when_running = |amount: f64| if running { amount } else { 0.0 };
    let windows = WINDOWS_OS.contains(&server.os);
    Costs {
        processor: when_running(f64::from(server.cpu) * 0.015 * jitter),
        memory: when_running(f64::from(server.memory_gb) * 0.01),
        storage: f64::from(server.total_disk_gb) * 0.000_25,
        os: when_running(if windows {
            f64::from(server.cpu) * 0.04
        } else {
            0.0
        }),
    }
}

fn name_hash(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn hour_item(seed: u64, server: &Server, hour_ms: i64) -> Obj {
    let c = costs(seed, server, hour_ms);
    Obj::new()
        .attr("Hour", dates::iso_seconds(hour_ms))
        .attr("ProcessorCost", money_text(c.processor))
        .attr("MemoryCost", money_text(c.memory))
        .attr("StorageCost", money_text(c.storage))
        .attr("OSCost", money_text(c.os))
}

fn money_text(amount: f64) -> String {
    format!("{amount:.4}")
}

fn summary(seed: u64, server: &Server, this_hour: i64) -> Obj {
    let current = costs(seed, server, this_hour).total();
    let previous = costs(seed, server, this_hour - HOUR_MS).total();
    let month_start = dates::month_start(this_hour);
    let month_to_date: f64 = (0..)
        .map(|n| month_start + n * HOUR_MS)
        .take_while(|h| *h <= this_hour)
        .map(|h| costs(seed, server, h).total())
        .sum();
    Obj::new()
        .attr("MonthlyEstimate", cents(current * HOURS_PER_MONTH))
        .attr("MonthToDate", cents(month_to_date))
        .attr("CurrentHour", cents(current))
        .attr("PreviousHour", cents(previous))
}

fn cents(amount: f64) -> f64 {
    (amount * 100.0).round() / 100.0
}
