//! Colocation telemetry: PDU history (#5, paged, and its non-deprecated
//! sibling #7), hourly network traffic (#2), current power use (#4) and
//! overuse (#6). Readings are a function of the seed, the PDU or
//! colocation and the sample's time, so any window gives the same values
//! for the same moments: a daily swing (peak mid-afternoon, UTC), noise
//! and the odd spike. Meters count up from 2020-01-01.
//!
//! Windows: `startTime` and `endTime` (Unix seconds, both inclusive)
//! default to the last day up to now; a window is cut to now and to its
//! last [`MAX_WINDOW`] seconds. PDU samples come every 30 minutes (48 a
//! day), network samples every hour (24), oldest first.

use super::models::{Colocation, NetworkSample, Overuse, Pdu, PduSample, PowerUsage, Telemetry};
use super::proto::{self, now_secs, path_id, round, Answer, ApiError, FieldError, Range};
use super::world::{PduSpec, World};
use super::{colocation, Sim};
use crate::model::time::{civil_from_days, days_from_civil};
use crate::sim::SplitMix64;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::routing::get;
use axum::Router;
use std::collections::HashMap;
use std::f64::consts::TAU;
use std::sync::Arc;

const DAY: i64 = 86_400;
/// Seconds between PDU samples.
pub const PDU_STEP: i64 = 1_800;
/// Seconds between network samples (the document: "on hourly basis").
const NETWORK_STEP: i64 = 3_600;
/// The longest window answered, in seconds (ours; the document sets none).
pub const MAX_WINDOW: i64 = 31 * DAY;
/// Where the PDU meters started counting: 2020-01-01 UTC.
const METER_ORIGIN: i64 = 1_577_836_800;

type Params = Query<HashMap<String, String>>;

pub fn routes() -> Router<Arc<Sim>> {
    Router::new()
        .route(
            "/v3/telemetry/colocation/{colocationId}/pdu/{pduId}",
            get(pdu_history),
        )
        .route("/v3/telemetry/pdu/{pduId}", get(pdu_telemetry))
        .route(
            "/v3/telemetry/colocation/{colocationId}/network",
            get(network),
        )
        .route(
            "/v3/telemetry/colocation/powerUsage/current",
            get(power_usage),
        )
        .route("/v3/telemetry/colocation/overuse/current", get(overuse))
}

/// A `startTime`..=`endTime` window in Unix seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Window {
    start: i64,
    end: i64,
}

impl Window {
    /// The last day up to `now`: [`PDU_STEP`]-spaced moments in it number 48.
    fn last_day(now: i64) -> Window {
        Window {
            start: now - DAY + 1,
            end: now,
        }
    }

    fn from_query(params: &HashMap<String, String>, now: i64) -> Result<Window, ApiError> {
        let default = Window::last_day(now);
        let mut errors = Vec::new();
        let mut read = |name: &str, fallback: i64| match params.get(name) {
            None => fallback,
            Some(text) => text.trim().parse().unwrap_or_else(|_| {
                errors.push(FieldError::new(name, "Must be a Unix timestamp"));
                fallback
            }),
        };
        let end = read("endTime", default.end).min(now);
        let start = read("startTime", end.saturating_sub(DAY - 1));
        if errors.is_empty() && start > end {
            errors.push(FieldError::new("startTime", "Must not be after endTime"));
        }
        if !errors.is_empty() {
            return Err(ApiError::invalid(errors));
        }
        let start = start.max(end.saturating_sub(MAX_WINDOW - 1));
        Ok(Window { start, end })
    }

    /// The moments in the window that are whole multiples of `step`.
    fn moments(self, step: i64) -> Vec<i64> {
        let first = self.start.div_euclid(step) * step;
        let first = if first < self.start {
            first + step
        } else {
            first
        };
        (0..)
            .map(|k| first + k * step)
            .take_while(|t| *t <= self.end)
            .collect()
    }

    /// `sample` taken at each of the window's `step` moments.
    fn series<T>(self, step: i64, sample: impl Fn(i64) -> T) -> Vec<T> {
        self.moments(step).into_iter().map(sample).collect()
    }
}

async fn pdu_history(
    State(sim): State<Arc<Sim>>,
    Path((colocation_id, pdu_id)): Path<(String, String)>,
    headers: HeaderMap,
    Query(params): Params,
) -> Answer {
    let range = Range::required(&headers)?;
    let window = Window::from_query(&params, now_secs())?;
    let world = sim.lock();
    let colocation_id = colocation::find(&world, &colocation_id)?.id;
    let pdu = find_pdu(&world, &pdu_id)?;
    if pdu.colocation_id != colocation_id {
        return Err(ApiError::not_found("pduId"));
    }
    let moments = window.moments(PDU_STEP);
    let samples: Vec<PduSample> = range
        .page(&moments)
        .iter()
        .map(|t| pdu_sample(world.seed, pdu, *t))
        .collect();
    Ok(proto::list(&samples))
}

/// #7: the document shows only `unit` ("always null ... not aggregated");
/// the samples go in `data`, as #5 writes them.
async fn pdu_telemetry(
    State(sim): State<Arc<Sim>>,
    Path(pdu_id): Path<String>,
    Query(params): Params,
) -> Answer {
    let window = Window::from_query(&params, now_secs())?;
    let world = sim.lock();
    let pdu = find_pdu(&world, &pdu_id)?;
    let data = window.series(PDU_STEP, |t| pdu_sample(world.seed, pdu, t));
    Ok(proto::one(pdu.id, &Telemetry { unit: None, data }))
}

/// #2: the document shows only `unit` ("hour by default") and leaves the
/// samples out. Ours: `data`, a list of `timestamp`, `incoming` and
/// `outgoing` (Mbit/s averaged over the hour).
async fn network(
    State(sim): State<Arc<Sim>>,
    Path(colocation_id): Path<String>,
    Query(params): Params,
) -> Answer {
    let window = Window::from_query(&params, now_secs())?;
    let world = sim.lock();
    let colocation = colocation::find(&world, &colocation_id)?;
    let data = window.series(NETWORK_STEP, |t| network_sample(world.seed, colocation, t));
    Ok(proto::one(
        colocation.id,
        &Telemetry {
            unit: Some("hour"),
            data,
        },
    ))
}

async fn power_usage(State(sim): State<Arc<Sim>>, headers: HeaderMap) -> Answer {
    let range = Range::required(&headers)?;
    let world = sim.lock();
    let now = now_secs();
    let usage: Vec<PowerUsage> = world
        .colocations
        .iter()
        .map(|c| PowerUsage {
            id: c.id,
            name: c.name.clone(),
            kwh: month_kwh(&world, c.id, now),
        })
        .collect();
    Ok(proto::list(range.page(&usage)))
}

/// Colocations billed by the 95th percentile that use more than ordered.
async fn overuse(State(sim): State<Arc<Sim>>, headers: HeaderMap) -> Answer {
    let range = Range::required(&headers)?;
    let world = sim.lock();
    let hosts: Vec<Overuse> = world
        .colocations
        .iter()
        .filter(|c| {
            c.contract.bandwidth_billing_type == 3
                && c.traffic_sum_month_mbit > c.contract.bandwidth_contractual
        })
        .map(|c| Overuse {
            colo_id: c.id,
            colo_name: c.name.clone(),
            ordered_bandwidth: c.contract.bandwidth_contractual as f64,
            used_bandwidth: c.traffic_sum_month_mbit as f64,
        })
        .collect();
    Ok(proto::list(range.page(&hosts)))
}

fn find_pdu<'w>(world: &'w World, text: &str) -> Result<&'w PduSpec, ApiError> {
    let id = path_id(text, "pduId")?;
    world.pdu(id).ok_or_else(|| ApiError::not_found("pduId"))
}

/// -1..1 over a day, highest at 15:00 UTC.
fn daily(t: i64) -> f64 {
    let hours = t.rem_euclid(DAY) as f64 / 3_600.0;
    ((hours - 9.0) / 24.0 * TAU).sin()
}

/// The noise source of one series at one moment.
fn noise(seed: u64, series: u64, t: i64) -> SplitMix64 {
    SplitMix64::new(seed ^ series.rotate_left(29) ^ (t as u64).rotate_left(7))
}

/// The PDU's reading at `t`.
pub fn pdu_sample(seed: u64, pdu: &PduSpec, t: i64) -> PduSample {
    let mut rng = noise(seed, pdu.id, t);
    let spike = if rng.below(40) == 0 { 1.5 } else { 0.0 };
    let swing = daily(t);
    let amps = pdu.base_amps * (1.0 + 0.12 * swing) + (rng.unit() - 0.5) * 0.3 + spike;
    let amps = amps.clamp(0.1, pdu.amperage);
    let volts = pdu.base_volts + (rng.unit() - 0.5) * 2.0 - 0.4 * swing;
    let kwh = amps * volts * pdu.power_factor * PDU_STEP as f64 / 3_600.0 / 1_000.0;
    PduSample {
        timestamp: t,
        amps: round(amps, 2),
        volts: round(volts, 1),
        kwh: round(kwh, 3),
        power_meter: meter(pdu, t),
    }
}

/// The PDU's counter (kWh) at `t`, counting its typical draw.
fn meter(pdu: &PduSpec, t: i64) -> u64 {
    let samples = (t - METER_ORIGIN).max(0) / PDU_STEP;
    let per_sample = pdu.base_amps * pdu.base_volts * pdu.power_factor / 2_000.0;
    (samples as f64 * per_sample) as u64
}

/// The PDU model as read now: the latest sample, with the peak and the
/// lowest voltage of the last day.
pub fn pdu_now(seed: u64, pdu: &PduSpec, now: i64) -> Pdu {
    let samples = Window::last_day(now).series(PDU_STEP, |t| pdu_sample(seed, pdu, t));
    let peak = samples.iter().map(|s| s.amps).fold(0.0, f64::max);
    let low = samples.iter().map(|s| s.volts).fold(f64::MAX, f64::min);
    let latest = samples
        .last()
        .cloned()
        .unwrap_or_else(|| pdu_sample(seed, pdu, now));
    Pdu {
        id: pdu.id,
        name: pdu.name.clone(),
        serial: pdu.serial.clone(),
        updated_at: latest.timestamp,
        input_feed_type: pdu.input_feed_type.clone(),
        outlets: pdu.outlets,
        phases: pdu.phases,
        power_meter: latest.power_meter,
        power_factor: pdu.power_factor,
        amperage: pdu.amperage,
        peak_amperage: peak,
        voltage: latest.volts,
        min_voltage: low,
    }
}

/// The sum of the colocation's PDU meters at `now`.
pub fn colocation_meter(world: &World, id: u64, now: i64) -> u64 {
    world.pdus_of(id).map(|pdu| meter(pdu, now)).sum()
}

/// kWh used by the colocation since the start of this month.
fn month_kwh(world: &World, id: u64, now: i64) -> u64 {
    let (year, month, _) = civil_from_days(now.div_euclid(DAY));
    let month_start = days_from_civil(year, month, 1) * DAY;
    colocation_meter(world, id, now) - colocation_meter(world, id, month_start)
}

/// The colocation's traffic in the hour up to `t`, around its monthly level.
fn network_sample(seed: u64, colocation: &Colocation, t: i64) -> NetworkSample {
    let mut rng = noise(seed, colocation.id, t);
    let level = colocation.traffic_sum_month_mbit as f64
        * (0.75 + 0.2 * daily(t))
        * (0.9 + 0.2 * rng.unit());
    NetworkSample {
        timestamp: t,
        incoming: round(level * 0.3, 1),
        outgoing: round(level * 0.7, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_default_window_holds_a_day_of_samples() {
        for now in [1_700_000_000, 1_700_001_800, 1_700_000_001] {
            let window = Window::from_query(&HashMap::new(), now).expect("window");
            assert_eq!(window.moments(PDU_STEP).len(), 48, "{now}");
            assert_eq!(window.moments(NETWORK_STEP).len(), 24, "{now}");
        }
    }

    #[test]
    fn windows_are_inclusive_cut_to_now_and_checked() {
        let now = 1_700_003_600;
        let window = Window::from_query(
            &params(&[("startTime", "1699999200"), ("endTime", "1700001000")]),
            now,
        )
        .expect("window");
        assert_eq!(window.moments(PDU_STEP), [1_699_999_200, 1_700_001_000]);
        let future = Window::from_query(&params(&[("endTime", "1800000000")]), now);
        assert_eq!(future.map(|w| w.end), Ok(now));
        let wide = Window::from_query(&params(&[("startTime", "0")]), now).expect("window");
        assert_eq!(wide.end - wide.start, MAX_WINDOW - 1);
        for bad in [[("startTime", "soon")], [("endTime", "1.5")]] {
            assert!(Window::from_query(&params(&bad), now).is_err());
        }
        let reversed = params(&[("startTime", "1700000000"), ("endTime", "1699990000")]);
        assert!(Window::from_query(&reversed, now).is_err());
    }

    #[test]
    fn meters_count_up_and_samples_stay_within_the_feed() {
        let pdu = PduSpec {
            id: 1,
            colocation_id: 2,
            name: "Feed A".into(),
            serial: "S".into(),
            input_feed_type: "T".into(),
            outlets: 24,
            phases: 1,
            power_factor: 0.95,
            amperage: 16.0,
            base_amps: 6.0,
            base_volts: 230.0,
        };
        let samples: Vec<PduSample> = (0..500)
            .map(|k| pdu_sample(7, &pdu, 1_700_000_000 + k * PDU_STEP))
            .collect();
        assert!(samples
            .windows(2)
            .all(|w| w[0].power_meter <= w[1].power_meter));
        assert!(samples.iter().all(|s| (0.1..=16.0).contains(&s.amps)));
        assert!(samples.iter().all(|s| (227.0..233.0).contains(&s.volts)));
        assert_eq!(pdu_sample(7, &pdu, 1_700_000_000), samples[0]);
    }
}
