//! Headless `list telemetry`: per server, the gauges one inventory read
//! brings ([`crate::provider::Inventory::samples`], one point each) and,
//! where the account offers telemetry, the series fetched for it. A
//! series that cannot be fetched is a warning, like any part of a refresh.

use super::query::read_inventories;
use crate::model::metric::{self, MetricSeries, Sample};
use crate::model::{now_millis, Millis, Missing, Server};
use crate::output::TelemetryRow;
use crate::provider::{fetch, Fetch, Fetched, ProviderError, ServerSample};
use crate::setup::{Account, Setup};

/// Every series of every server of the selected accounts, by account and
/// server name; and whether an account failed to answer.
pub async fn rows(setup: &Setup, only: Option<&str>) -> (Vec<TelemetryRow>, bool) {
    let (read, failed) = read_inventories(setup, only).await;
    let at = now_millis();
    let servers = read.iter().flat_map(|(account, inventory)| {
        inventory
            .servers
            .iter()
            .map(move |s| (*account, inventory, s))
    });
    let reads = servers.map(|(account, inventory, server)| async move {
        let fetched = fetched_series(account, server).await;
        series_rows(server, fetched, &inventory.samples, at)
    });
    let mut rows: Vec<TelemetryRow> = futures::future::join_all(reads)
        .await
        .into_iter()
        .flatten()
        .collect();
    rows.sort_by(|a, b| (&a.account, &a.name).cmp(&(&b.account, &b.name)));
    (rows, failed)
}

/// The series fetched for `server` where its account offers telemetry;
/// a failure is a warning on stderr, and no series.
async fn fetched_series(account: &Account, server: &Server) -> Vec<MetricSeries> {
    if account.provider.telemetry().is_none() {
        return Vec::new();
    }
    match fetch_telemetry(account, &server.id).await {
        Ok(series) => series,
        Err(error) => {
            let part = format!("telemetry of {}", server.name);
            let missing = Missing::new(part, error.to_string());
            super::query::warn_missing(account, &[missing]);
            Vec::new()
        }
    }
}

async fn fetch_telemetry(account: &Account, id: &str) -> Result<Vec<MetricSeries>, ProviderError> {
    let what = Fetch::Telemetry(id.to_string());
    match fetch(account.provider.as_ref(), &what).await? {
        Fetched::Telemetry(series) => Ok(series),
        _ => Ok(Vec::new()),
    }
}

/// One row per series of `server`: those fetched, with the samples of
/// this read added to the series of their name (or as one-point series).
fn series_rows(
    server: &Server,
    mut series: Vec<MetricSeries>,
    samples: &[ServerSample],
    at: Millis,
) -> Vec<TelemetryRow> {
    for sample in samples.iter().filter(|s| s.server_id == server.id) {
        let point = Sample {
            at: sample.at.unwrap_or(at),
            value: sample.value,
        };
        metric::record(&mut series, (&sample.metric, &sample.unit), 1, point);
    }
    series
        .into_iter()
        .map(|series| TelemetryRow {
            account: server.account.clone(),
            id: server.id.clone(),
            name: server.name.clone(),
            series,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PowerState;
    use crate::provider::Inventory;

    fn server(id: &str) -> Server {
        Server {
            name: format!("name-{id}"),
            power: PowerState::On,
            ..Server::blank("cp", id, 0)
        }
    }

    fn sample(server: &str, metric: &str, value: f64) -> ServerSample {
        ServerSample {
            server_id: server.into(),
            metric: metric.into(),
            unit: "A".into(),
            value,
            at: None,
        }
    }

    #[test]
    fn samples_join_the_fetched_series_of_their_name_or_stand_alone() {
        let inventory = Inventory {
            samples: vec![
                sample("s1", "amps A", 3.2),
                sample("s2", "amps A", 9.9),
                sample("s1", "load", 0.5),
            ],
            ..Inventory::default()
        };
        let alone = series_rows(&server("s1"), Vec::new(), &inventory.samples, 5_000);
        let names: Vec<&str> = alone.iter().map(|r| r.series.name.as_str()).collect();
        assert_eq!(names, ["amps A", "load"]);
        assert_eq!(alone[0].series.samples.len(), 1);
        let mut fetched = MetricSeries::new("amps A", "A", 10);
        fetched.push(Sample {
            at: 1_000,
            value: 3.0,
        });
        let rows = series_rows(&server("s1"), vec![fetched], &inventory.samples, 5_000);
        let points: Vec<(Millis, f64)> = rows[0]
            .series
            .samples
            .iter()
            .map(|s| (s.at, s.value))
            .collect();
        assert_eq!(points, [(1_000, 3.0), (5_000, 3.2)]);
        assert_eq!(rows.len(), 2);
    }
}
