//! Time series with a bounded size, for telemetry sparklines.

use super::Millis;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    pub at: Millis,
    pub value: f64,
}

/// A named series of samples, oldest first, never longer than `capacity`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricSeries {
    pub name: String,
    pub unit: String,
    pub capacity: usize,
    pub samples: VecDeque<Sample>,
}

impl MetricSeries {
    pub fn new(name: impl Into<String>, unit: impl Into<String>, capacity: usize) -> Self {
        MetricSeries {
            name: name.into(),
            unit: unit.into(),
            capacity: capacity.max(1),
            samples: VecDeque::new(),
        }
    }

    /// Appends a sample, dropping the oldest ones beyond capacity. A sample
    /// older than the newest one is inserted in order; one with the same
    /// time replaces it.
    pub fn push(&mut self, sample: Sample) {
        if !sample.value.is_finite() {
            return;
        }
        match self.samples.back() {
            Some(last) if last.at == sample.at => {
                if let Some(last) = self.samples.back_mut() {
                    last.value = sample.value;
                }
            }
            Some(last) if last.at > sample.at => {
                let pos = self.samples.partition_point(|s| s.at < sample.at);
                match self.samples.get_mut(pos) {
                    Some(existing) if existing.at == sample.at => existing.value = sample.value,
                    _ => self.samples.insert(pos, sample),
                }
            }
            _ => self.samples.push_back(sample),
        }
        while self.samples.len() > self.capacity {
            self.samples.pop_front();
        }
    }

    pub fn latest(&self) -> Option<f64> {
        self.samples.back().map(|s| s.value)
    }

    pub fn values(&self) -> impl Iterator<Item = f64> + '_ {
        self.samples.iter().map(|s| s.value)
    }
}

/// Adds `sample` to the series named `name` in `series`, starting one
/// (with `unit` and `capacity`) where there is none: how a gauge read
/// during a refresh joins the series of its server.
pub fn record(
    series: &mut Vec<MetricSeries>,
    (name, unit): (&str, &str),
    capacity: usize,
    sample: Sample,
) {
    let index = match series.iter().position(|s| s.name == name) {
        Some(index) => index,
        None => {
            series.push(MetricSeries::new(name, unit, capacity));
            series.len() - 1
        }
    };
    series[index].push(sample);
}

/// A reading as people read it: `12`, `12.5`, `0.33` (at most two
/// decimals, no trailing zeros).
pub fn plain_number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_keeps_order_and_bound() {
        let mut s = MetricSeries::new("cost", "$/h", 3);
        for (at, v) in [(1, 1.0), (3, 3.0), (2, 2.0), (4, 4.0), (4, 5.0)] {
            s.push(Sample { at, value: v });
        }
        let vals: Vec<f64> = s.values().collect();
        assert_eq!(vals, vec![2.0, 3.0, 5.0]);
        s.push(Sample {
            at: 9,
            value: f64::NAN,
        });
        assert_eq!(s.samples.len(), 3);
    }

    #[test]
    fn a_recorded_sample_joins_the_series_of_its_name_or_starts_one() {
        let mut series = vec![MetricSeries::new("cost", "$/h", 4)];
        record(
            &mut series,
            ("cost", "$/h"),
            1,
            Sample { at: 1, value: 0.5 },
        );
        record(&mut series, ("load", ""), 1, Sample { at: 1, value: 2.0 });
        record(&mut series, ("load", ""), 1, Sample { at: 2, value: 3.0 });
        assert_eq!(series.len(), 2);
        assert_eq!(series[0].values().collect::<Vec<_>>(), [0.5]);
        assert_eq!(series[1].capacity, 1);
        assert_eq!(series[1].values().collect::<Vec<_>>(), [3.0]);
    }
}
