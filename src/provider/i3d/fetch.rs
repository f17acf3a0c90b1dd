//! The reads of the i3D.net provider, each a primary list with its
//! enrichments (see [`crate::provider::refresh`]):
//! - the inventory: `GET /v3/dedicatedServer` and `GET /v3/colocation`
//!   (the account is down only when both fail); then per colocation its
//!   PDUs with each PDU's power history, its network telemetry and its
//!   alerts, and once the bandwidth overuse list;
//! - one server: its detail call, and for a colocation the same
//!   enrichments;
//! - telemetry on demand: a colocation's PDUs, each PDU's history over the
//!   last day (`startTime`/`endTime`) as its amps series;
//! - tickets (all, or open or unread), one ticket, the categories;
//! - the datacenter access list.

use super::client::Path;
use super::map::{self, ColocationParts, PduReading};
use super::{tickets, wire, I3dProvider, ServerId};
use crate::model::{
    now_millis, Colocation, MetricSeries, Millis, Missing, Server, Ticket, TicketOptions,
};
use crate::provider::lenient::Code;
use crate::provider::refresh::{self, all_failed, keep, push_once, Gaps, Part, Tally};
use crate::provider::{
    ErrorKind, Inventory, ProviderError, Result, ServerSample, TicketInventory, TicketScope,
};
use serde_json::Value;
use std::collections::HashMap;

const PDU_LISTS: Tally = Tally::new("PDU list", "colocation", "colocations");
const PDU_TELEMETRY: Tally = Tally::new("telemetry", "PDU", "PDUs");
const NETWORK: Tally = Tally::new("network telemetry", "colocation", "colocations");
const ALERTS: Tally = Tally::new("alerts", "colocation", "colocations");

/// How far back the PDU history of a colocation's telemetry reaches.
const HISTORY_WINDOW_SECS: i64 = 24 * 3600;

/// Why a row id is not one of ours.
const NOT_A_ROW: &str =
    "not an i3D.net server id: expected ds-N (a dedicated server) or colo-N (a colocation)";

/// A PDU and what its power history read brought.
type PduRead = (wire::Pdu, Result<Vec<wire::PduSample>>);

/// What the enrichment reads of one colocation brought.
struct ColocationReads {
    pdus: Result<Vec<PduRead>>,
    network: Result<Value>,
    alerts: Result<Vec<wire::ColocationAlert>>,
}

/// The overuse entries by colocation id, or why they are missing.
type OveruseById = Part<HashMap<String, wire::Overuse>>;

impl I3dProvider {
    async fn dedicated_servers(&self) -> Result<Vec<wire::DedicatedServer>> {
        self.list(&Path::new(&["dedicatedServer"])).await
    }

    async fn colocations(&self) -> Result<Vec<wire::Colocation>> {
        self.list(&Path::new(&["colocation"])).await
    }

    pub(super) async fn fetch_inventory(&self) -> Result<Inventory> {
        let (dedicated, colocations) = futures::join!(self.dedicated_servers(), self.colocations());
        if let Some(error) = all_failed([dedicated.as_ref().err(), colocations.as_ref().err()]) {
            return Err(error);
        }
        let mut gaps = Gaps::new();
        let dedicated = gaps
            .whole("dedicated servers", dedicated)
            .unwrap_or_default();
        let colocations = gaps.whole("colocations", colocations).unwrap_or_default();
        let fetched_at = now_millis();
        let mut inventory = Inventory::default();
        for ds in &dedicated {
            if let Some(server) = map::dedicated_server(self.account(), ds, fetched_at) {
                inventory
                    .samples
                    .extend(map::dedicated_samples(&server.id, ds));
                inventory.servers.push(server);
            }
        }
        self.add_colocations(&mut inventory, colocations, &mut gaps, fetched_at)
            .await;
        inventory.missing = gaps.into_missing();
        Ok(inventory)
    }

    /// Each colocation with its enrichments, as rows and gauges.
    async fn add_colocations(
        &self,
        inventory: &mut Inventory,
        colocations: Vec<wire::Colocation>,
        gaps: &mut Gaps,
        fetched_at: Millis,
    ) {
        let colocations: Vec<wire::Colocation> =
            colocations.into_iter().filter(|c| c.id.is_some()).collect();
        if colocations.is_empty() {
            return;
        }
        let overuse = self.overuse(gaps).await;
        let ids: Vec<String> = colocations.iter().filter_map(colocation_id).collect();
        let reads = refresh::each(ids, |id| async move { self.colocation_reads(&id).await }).await;
        for (colocation, reads) in colocations.iter().zip(reads) {
            let row = self.assemble(colocation, reads, &overuse, gaps, fetched_at);
            if let Some((server, samples)) = row {
                inventory.samples.extend(samples);
                inventory.servers.push(server);
            }
        }
    }

    /// The bandwidth overuse list (#6), once for the account.
    async fn overuse(&self, gaps: &mut Gaps) -> OveruseById {
        let path = Path::new(&["telemetry", "colocation", "overuse", "current"]);
        let listed: Result<Vec<wire::Overuse>> = self.list(&path).await;
        let by_id = listed.map(|entries| {
            entries
                .into_iter()
                .filter_map(|entry| Some((entry.colo_id.as_ref()?.to_string(), entry)))
                .collect()
        });
        gaps.whole("bandwidth overuse", by_id)
    }

    async fn colocation_reads(&self, id: &str) -> ColocationReads {
        let network = Path::new(&["telemetry", "colocation", id, "network"]);
        ColocationReads {
            pdus: self.pdus(id).await,
            network: self.get_value(&network).await,
            alerts: self.list(&Path::new(&["colocation", id, "alert"])).await,
        }
    }

    /// A colocation's PDUs (#55), each with its power history (#5) over
    /// the API's default window (the last day).
    async fn pdus(&self, colocation: &str) -> Result<Vec<PduRead>> {
        let pdus = self.pdu_list(colocation).await?;
        let mut read = Vec::with_capacity(pdus.len());
        for pdu in pdus {
            let history = self.pdu_history(colocation, &pdu, None).await;
            read.push((pdu, history));
        }
        Ok(read)
    }

    /// The PDUs of a colocation (#55).
    async fn pdu_list(&self, colocation: &str) -> Result<Vec<wire::Pdu>> {
        self.list(&Path::new(&["colocation", colocation, "pdu"]))
            .await
    }

    /// The power history of one PDU (#5), oldest first as the API lists
    /// it, within `window` (`startTime`, `endTime` in Unix seconds) where
    /// one is given; a PDU without an id has none.
    async fn pdu_history(
        &self,
        colocation: &str,
        pdu: &wire::Pdu,
        window: Option<(i64, i64)>,
    ) -> Result<Vec<wire::PduSample>> {
        let Some(id) = &pdu.id else {
            return Ok(Vec::new());
        };
        let id = id.to_string();
        let mut path = Path::new(&["telemetry", "colocation", colocation, "pdu", &id]);
        if let Some((start, end)) = window {
            path = path
                .with_query("startTime", start)
                .with_query("endTime", end);
        }
        self.list(&path).await
    }

    /// The telemetry series of a server row (on demand, when its details
    /// open): for a colocation the amps of each PDU over the last day; a
    /// dedicated server has none (the document has no telemetry for it).
    pub(super) async fn fetch_telemetry(&self, row: &str) -> Result<Vec<MetricSeries>> {
        match ServerId::parse(row) {
            Some(ServerId::Colocation(id)) => self.pdu_series(&id).await,
            Some(ServerId::Dedicated(_)) => Ok(Vec::new()),
            None => Err(self.http.refuse(&format!("telemetry {row}"), NOT_A_ROW)),
        }
    }

    /// The amps series of each PDU of a colocation over the last
    /// [`HISTORY_WINDOW_SECS`]. A PDU whose history failed is left out;
    /// when every history failed, the first error.
    async fn pdu_series(&self, colocation: &str) -> Result<Vec<MetricSeries>> {
        let pdus: Vec<wire::Pdu> = self
            .pdu_list(colocation)
            .await?
            .into_iter()
            .filter(|pdu| pdu.id.is_some())
            .collect();
        let end = now_millis() / 1000;
        let window = Some((end - HISTORY_WINDOW_SECS, end));
        let histories = refresh::each(pdus.clone(), |pdu| async move {
            self.pdu_history(colocation, &pdu, window).await
        })
        .await;
        if let Some(error) = all_failed(histories.iter().map(|h| h.as_ref().err())) {
            return Err(error);
        }
        Ok(pdus
            .iter()
            .zip(histories)
            .filter_map(|(pdu, history)| Some(map::pdu_series(pdu, &history.ok()?)))
            .collect())
    }

    /// A colocation row and its gauges from what its reads brought; each
    /// part that failed goes on the row's `missing` and into `gaps`.
    fn assemble(
        &self,
        colocation: &wire::Colocation,
        reads: ColocationReads,
        overuse: &OveruseById,
        gaps: &mut Gaps,
        fetched_at: Millis,
    ) -> Option<(Server, Vec<ServerSample>)> {
        let mut missing = Vec::new();
        let pdus = gaps.one(PDU_LISTS, "PDUs", reads.pdus);
        let pdus = keep(pdus, &mut missing).unwrap_or_default();
        let readings = pdus
            .into_iter()
            .map(|(pdu, history)| pdu_reading(pdu, history, gaps, &mut missing))
            .collect();
        let network = keep(
            gaps.one(NETWORK, "network telemetry", reads.network),
            &mut missing,
        );
        let alerts = keep(gaps.one(ALERTS, "alerts", reads.alerts), &mut missing);
        let parts = ColocationParts {
            colocation,
            pdus: readings,
            network: network.as_ref(),
            alerts: alerts.unwrap_or_default(),
            overuse: overuse_of(colocation, overuse, &mut missing),
        };
        let mut server = map::colocation(self.account(), &parts, fetched_at)?;
        let samples = map::colocation_samples(&server.id, &parts);
        server.missing = missing;
        Some((server, samples))
    }

    pub(super) async fn fetch_server(&self, row: &str) -> Result<Server> {
        match ServerId::parse(row) {
            Some(ServerId::Dedicated(id)) => self.fetch_dedicated(&id).await,
            Some(ServerId::Colocation(id)) => self.fetch_colocation_row(&id).await,
            None => Err(self.http.refuse(&format!("get server {row}"), NOT_A_ROW)),
        }
    }

    async fn fetch_dedicated(&self, id: &str) -> Result<Server> {
        let path = Path::new(&["dedicatedServer", id]);
        let mut ds: wire::DedicatedServer = self.get_one(&path).await?;
        ds.id.get_or_insert_with(|| id_code(id));
        map::dedicated_server(self.account(), &ds, now_millis()).ok_or_else(|| self.nameless(&path))
    }

    async fn fetch_colocation_row(&self, id: &str) -> Result<Server> {
        let path = Path::new(&["colocation", id]);
        let mut colocation: wire::Colocation = self.get_one(&path).await?;
        colocation.id.get_or_insert_with(|| id_code(id));
        let mut gaps = Gaps::new();
        let overuse = self.overuse(&mut gaps).await;
        let reads = self.colocation_reads(id).await;
        self.assemble(&colocation, reads, &overuse, &mut gaps, now_millis())
            .map(|(server, _)| server)
            .ok_or_else(|| self.nameless(&path))
    }

    fn nameless(&self, path: &Path) -> ProviderError {
        let op = path.op(&reqwest::Method::GET);
        self.http
            .error(&op, ErrorKind::Parse, "the answer names no id")
    }

    /// Logs in with a read of both server lists and says what it saw.
    pub(super) async fn fresh_check(&self) -> Result<String> {
        let (dedicated, colocations) = futures::join!(self.dedicated_servers(), self.colocations());
        if let Some(error) = all_failed([dedicated.as_ref().err(), colocations.as_ref().err()]) {
            return Err(error);
        }
        let seen = [
            seen(
                dedicated.map(|l| l.len()),
                "dedicated server",
                "dedicated servers",
            ),
            seen(colocations.map(|l| l.len()), "colocation", "colocations"),
        ];
        Ok(seen.join(", "))
    }

    pub(super) async fn fetch_colocation(&self) -> Result<Colocation> {
        let path = Path::new(&["colocation", "access"]);
        let access: Vec<wire::ColocationAccess> = self.list(&path).await?;
        Ok(Colocation {
            visitors: access
                .iter()
                .filter_map(|a| map::visitor(self.account(), a))
                .collect(),
            visits: Vec::new(),
            fetched_at: now_millis(),
            missing: Vec::new(),
        })
    }

    pub(super) async fn fetch_tickets(&self, scope: TicketScope) -> Result<TicketInventory> {
        let path = match scope {
            TicketScope::All => Path::new(&["tickets"]),
            TicketScope::OpenOrUnread => Path::new(&["tickets", "openOrUnread"]),
        };
        let listed: Vec<wire::Ticket> = self.list(&path).await?;
        let fetched_at = now_millis();
        let tickets: Vec<Ticket> = listed
            .iter()
            .filter_map(|t| tickets::ticket(self.account(), t, fetched_at))
            .collect();
        let left_out = listed.len() - tickets.len();
        let missing = (left_out > 0).then(|| self.unnumbered(&path, left_out));
        Ok(TicketInventory {
            scope,
            tickets,
            missing: missing.into_iter().collect(),
        })
    }

    /// The list entries without an id, which cannot be opened or answered.
    fn unnumbered(&self, path: &Path, count: usize) -> Missing {
        let op = path.op(&reqwest::Method::GET);
        let noun = if count == 1 { "ticket" } else { "tickets" };
        let cause = self
            .http
            .error(&op, ErrorKind::Parse, "list entries without an id");
        Missing::new(format!("{count} {noun} without an id"), cause.to_string())
    }

    pub(super) async fn fetch_ticket(&self, id: &str) -> Result<Ticket> {
        let path = Path::new(&["tickets", id]);
        let mut ticket: wire::Ticket = self.get_one(&path).await?;
        ticket.id.get_or_insert_with(|| id_code(id));
        let mut fetched = tickets::ticket(self.account(), &ticket, now_millis())
            .ok_or_else(|| self.nameless(&path))?;
        fetched.thread = tickets::thread(&ticket);
        Ok(fetched)
    }

    /// The ticket categories (#35).
    pub(super) async fn categories(&self) -> Result<Vec<String>> {
        let listed: Vec<Value> = self.list(&Path::new(&["tickets", "categories"])).await?;
        Ok(wire::categories(listed))
    }

    pub(super) async fn fetch_options(&self) -> Result<TicketOptions> {
        Ok(tickets::options(self.categories().await?))
    }

    pub(super) fn account(&self) -> &str {
        &self.settings.account
    }
}

fn colocation_id(colocation: &wire::Colocation) -> Option<String> {
    colocation.id.as_ref().map(ToString::to_string)
}

/// An id from a path, for an answer that left its own out.
fn id_code(id: &str) -> Code {
    Code::Text(id.to_string())
}

/// A PDU with the newest sample of its history, where that arrived.
fn pdu_reading(
    pdu: wire::Pdu,
    history: Result<Vec<wire::PduSample>>,
    gaps: &mut Gaps,
    missing: &mut Vec<Missing>,
) -> PduReading {
    let mut reading = PduReading { pdu, latest: None };
    let part = format!("telemetry of PDU {}", reading.id());
    let history = keep(gaps.one(PDU_TELEMETRY, part, history), missing);
    reading.latest = history.and_then(map::latest_sample);
    reading
}

/// The overuse entry of a colocation; the list's absence goes on `missing`.
fn overuse_of<'a>(
    colocation: &wire::Colocation,
    overuse: &'a OveruseById,
    missing: &mut Vec<Missing>,
) -> Option<&'a wire::Overuse> {
    match overuse {
        Ok(by_id) => by_id.get(&colocation_id(colocation)?),
        Err(gap) => {
            push_once(missing, gap.clone());
            None
        }
    }
}

/// `3 dedicated servers`, or why the list was not read.
fn seen(count: Result<usize>, one: &str, many: &str) -> String {
    match count {
        Ok(1) => format!("1 {one}"),
        Ok(n) => format!("{n} {many}"),
        Err(error) => format!("{many} not read ({})", error.cause),
    }
}
