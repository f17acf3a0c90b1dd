//! Telemetry for `list telemetry`: one row per series of a server.

use super::{json_array, table};
use crate::model::time::format_utc;
use crate::model::MetricSeries;
use serde_json::{json, Value};

/// One series of one server.
#[derive(Clone, Debug, PartialEq)]
pub struct TelemetryRow {
    pub account: String,
    /// The server's (or colocation's) id.
    pub id: String,
    pub name: String,
    pub series: MetricSeries,
}

impl TelemetryRow {
    /// `account`, `kind`, `id`, the server's `name`, `metric`, `unit` and
    /// `points`: `[unix_seconds, value]`, oldest first.
    fn to_json(&self) -> Value {
        let points: Vec<Value> = self
            .series
            .samples
            .iter()
            .map(|s| json!([s.at.div_euclid(1000), s.value]))
            .collect();
        json!({
            "account": self.account, "kind": "server", "id": self.id,
            "name": self.name, "metric": self.series.name,
            "unit": self.series.unit, "points": points,
        })
    }
}

/// `0.0500` as `0.05`: four decimals at most, no trailing zeros.
fn number(value: f64) -> String {
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub fn telemetry(rows: &[TelemetryRow], as_json: bool) -> String {
    if as_json {
        return json_array(rows.iter().map(TelemetryRow::to_json).collect());
    }
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let last = r.series.samples.back();
            vec![
                r.account.clone(),
                r.name.clone(),
                r.series.name.clone(),
                last.map(|s| number(s.value)).unwrap_or_default(),
                r.series.unit.clone(),
                r.series.samples.len().to_string(),
                last.map(|s| format_utc(s.at)).unwrap_or_default(),
            ]
        })
        .collect();
    table(
        &[
            "ACCOUNT", "SERVER", "METRIC", "LATEST", "UNIT", "POINTS", "AT",
        ],
        &lines,
    )
}
