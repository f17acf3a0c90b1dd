//! The reads of the CLC provider: the inventory, one server, telemetry
//! (hourly cost), a queued request's status, and the logon check.
//!
//! The inventory's primary list is `Account/GetLocations`; each location's
//! server list is a part of it (one failing is recorded, all failing is the
//! error). Groups, networks and each network's details are enrichments of
//! the servers of their location and account. Between full reads a poll
//! asks only for the servers changed since the last one (see `delta`) and
//! maps them with the enrichments of the last full read.

use super::client::{bulk_method, method, ClcProvider, Method};
use super::delta::{Plan, ScopeKey};
use super::map::{self, GroupIndex, NetworkIndex, ServerContext};
use super::wire;
use crate::model::{now_millis, MetricSeries, Millis, Missing, Server};
use crate::provider::http::operation;
use crate::provider::lenient::{int_from_text, iso_utc, Code};
use crate::provider::refresh::{self, all_failed, keep, Gaps, Tally};
use crate::provider::sent::Handed;
use crate::provider::{Coverage, ErrorKind, Inventory, JobProgress, ProviderError, Result};
use std::collections::HashMap;
use std::sync::Arc;

const GET_LOCATIONS: Method = method("Account", "GetLocations");
const GET_GROUPS: Method = method("Group", "GetGroups");
const GET_SERVER: Method = method("Server", "GetServer");
const GET_ALL_SERVERS: Method = bulk_method("Server", "GetAllServers");
const GET_HIERARCHY_SERVERS: Method = bulk_method("Server", "GetAllServersForAccountHierarchy");
const GET_MODIFIED_SERVERS: Method = method("Server", "GetAllServersByModifiedDates");
const GET_MODIFIED_HIERARCHY_SERVERS: Method =
    method("Server", "GetAllServersForAccountHierarchyByModifiedDates");
const GET_NETWORKS: Method = method("Network", "GetNetworks");
const GET_NETWORK_DETAILS: Method = method("Network", "GetNetworkDetails");
const GET_REQUEST_STATUS: Method = method("Queue", "GetRequestStatus");
const GET_SERVER_HOURLY_CHARGES: Method = method("Billing", "GetServerHourlyCharges");

const NETWORK_DETAILS: Tally = Tally::new("details", "network", "networks");

/// How long back telemetry reaches.
const TELEMETRY_WINDOW_MS: i64 = 24 * 3600 * 1000;

/// The servers of one (sub-)account in one location.
struct Batch {
    location: String,
    alias: Option<String>,
    servers: Vec<wire::Server>,
}

/// The networks of one scope: the details of each, or the error.
type NetworkReads = Vec<Result<wire::NetworkDetailsResponse>>;

/// The answers for one scope (account and location) before their failures
/// are recorded.
struct ScopeReads {
    groups: Result<GroupIndex>,
    networks: Result<NetworkReads>,
}

/// One location's batches, each with the answers for its scope.
type LocationReads = Vec<(Batch, ScopeReads)>;

/// What a full read gathers as each location's answers are mapped.
#[derive(Default)]
struct FullRead {
    /// Nothing was handed on yet: every server goes on.
    first: bool,
    /// What the scopes (groups, networks) could not read.
    scope_gaps: Gaps,
    scopes: HashMap<ScopeKey, Arc<Scope>>,
    handed: Handed,
}

/// What a scope adds to its servers, and what of it is missing.
#[derive(Default, PartialEq)]
pub(super) struct Scope {
    groups: GroupIndex,
    networks: NetworkIndex,
    missing: Vec<Missing>,
}

impl ScopeReads {
    /// Records what failed in `place` and builds the scope from the rest.
    fn record(self, gaps: &mut Gaps, place: &str) -> Scope {
        let mut missing = Vec::new();
        let groups = gaps.whole(format!("groups in {place}"), self.groups);
        let groups = keep(groups, &mut missing).unwrap_or_default();
        let listed = gaps.whole(format!("networks in {place}"), self.networks);
        let mut networks = NetworkIndex::default();
        let part = format!("network details in {place}");
        for details in keep(listed, &mut missing).unwrap_or_default() {
            let details = gaps.one(NETWORK_DETAILS, part.as_str(), details);
            for network in keep(details, &mut missing)
                .iter()
                .flat_map(|d| &d.network_details)
            {
                networks.extend(&network.ip_addresses);
            }
        }
        Scope {
            groups,
            networks,
            missing,
        }
    }
}

impl ClcProvider {
    async fn locations(&self) -> Result<Vec<String>> {
        let answer: wire::LocationsResponse = self
            .read(GET_LOCATIONS, "", &wire::GetLocationsRequest {})
            .await?;
        let mut aliases: Vec<String> = answer
            .locations
            .iter()
            .filter_map(|l| l.alias.as_deref().map(str::trim))
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect();
        aliases.dedup();
        Ok(aliases)
    }

    async fn groups(&self, alias: Option<&str>, location: &str) -> Result<GroupIndex> {
        let request = wire::GetGroupsRequest {
            account_alias: alias,
            location,
        };
        let answer: wire::GetGroupsResponse = self.read(GET_GROUPS, location, &request).await?;
        Ok(GroupIndex::new(&answer.hardware_groups))
    }

    /// The networks of one scope, each with its details read.
    async fn networks(&self, alias: Option<&str>, location: &str) -> Result<NetworkReads> {
        let request = wire::GetNetworksRequest {
            account_alias: alias,
            location: Some(location),
        };
        let list: wire::GetNetworksResponse = self.read(GET_NETWORKS, location, &request).await?;
        let named: Vec<(String, String)> = list
            .networks
            .into_iter()
            .filter_map(|n| {
                let name = n.name.filter(|n| !n.trim().is_empty())?;
                Some((name, n.location.unwrap_or_else(|| location.to_string())))
            })
            .collect();
        let details = refresh::each(named, |(name, at)| async move {
            self.network_details(alias, &at, &name).await
        })
        .await;
        Ok(details)
    }

    async fn network_details(
        &self,
        alias: Option<&str>,
        location: &str,
        name: &str,
    ) -> Result<wire::NetworkDetailsResponse> {
        let request = wire::GetNetworkDetailsRequest {
            account_alias: alias,
            location: Some(location),
            name,
        };
        self.read(GET_NETWORK_DETAILS, &format!("{location} {name}"), &request)
            .await
    }

    /// Groups and networks of one account in one location, read together.
    async fn read_scope(&self, alias: Option<&str>, location: &str) -> ScopeReads {
        let (groups, networks) =
            futures::join!(self.groups(alias, location), self.networks(alias, location));
        ScopeReads { groups, networks }
    }

    /// `UC1`, or `UC1 (account SUB)` for a sub-account's scope.
    fn place(&self, alias: Option<&str>, location: &str) -> String {
        match alias {
            Some(alias) if Some(alias) != self.settings.account_alias.as_deref() => {
                format!("{location} (account {alias})")
            }
            _ => location.to_string(),
        }
    }

    /// The servers of one location (all of them, or those changed from
    /// `since` on): one batch of the configured account, or one per
    /// (sub-)account in hierarchy mode.
    async fn server_batches(&self, location: &str, since: Option<Millis>) -> Result<Vec<Batch>> {
        let alias = self.settings.account_alias.as_deref();
        let batch = |alias: Option<String>, servers| Batch {
            location: location.to_string(),
            alias,
            servers,
        };
        if !self.settings.hierarchy {
            let answer = self.list_servers(location, since).await?;
            return Ok(vec![batch(alias.map(str::to_string), answer.servers)]);
        }
        let answer = self.list_hierarchy(location, since).await?;
        let batches = answer.account_servers.into_iter().map(|group| {
            let alias = group.account_alias.filter(|a| !a.trim().is_empty());
            if let Some(alias) = &alias {
                self.remember_aliases(alias, &group.servers);
            }
            let alias = alias.or_else(|| self.settings.account_alias.clone());
            batch(alias, group.servers)
        });
        Ok(batches.collect())
    }

    /// `GetAllServers`, or `GetAllServersByModifiedDates` from `since` on.
    async fn list_servers(
        &self,
        location: &str,
        since: Option<Millis>,
    ) -> Result<wire::GetServersResponse> {
        let alias = self.settings.account_alias.as_deref();
        match since {
            None => {
                let request = all_servers(alias, location);
                self.read(GET_ALL_SERVERS, location, &request).await
            }
            Some(since) => {
                let request = modified_servers(alias, location, since);
                self.read(GET_MODIFIED_SERVERS, location, &request).await
            }
        }
    }

    /// The hierarchy listing: every server, or those changed from `since` on.
    async fn list_hierarchy(
        &self,
        location: &str,
        since: Option<Millis>,
    ) -> Result<wire::GetAccountHierarchyServersResponse> {
        let alias = self.settings.account_alias.as_deref();
        match since {
            None => {
                let request = all_servers(alias, location);
                self.read(GET_HIERARCHY_SERVERS, location, &request).await
            }
            Some(since) => {
                let request =
                    wire::ModifiedHierarchyRequest(modified_servers(alias, location, since));
                self.read(GET_MODIFIED_HIERARCHY_SERVERS, location, &request)
                    .await
            }
        }
    }

    /// One location's batches, each with the answers for its scope.
    async fn read_location(&self, location: &str) -> Result<LocationReads> {
        let batches = self.server_batches(location, None).await?;
        let scopes: Vec<(Option<String>, String)> = batches
            .iter()
            .map(|b| (b.alias.clone(), b.location.clone()))
            .collect();
        let reads = refresh::each(scopes, |(alias, location)| async move {
            self.read_scope(alias.as_deref(), &location).await
        })
        .await;
        Ok(batches.into_iter().zip(reads).collect())
    }

    /// The inventory: every server on the first poll and every
    /// `full_read_every`th, else the servers changed since the last poll.
    pub(super) async fn fetch_inventory(&self) -> Result<Inventory> {
        match self.poll_plan() {
            Plan::Full => self.full_inventory().await,
            Plan::ChangesSince(since) => self.changed_inventory(since).await,
        }
    }

    /// Every server, with its groups and networks read afresh. The first
    /// read hands every server on; later ones only those that changed
    /// since they were handed on, and the ids of those that are gone.
    ///
    /// The locations are read one after another, each mapped before the
    /// next is asked for, so that a full read holds one location's answer
    /// rather than all of them: at 10,000 servers, all of them at once
    /// (about 25 MB) left the console's resident memory a little higher
    /// after each full read.
    async fn full_inventory(&self) -> Result<Inventory> {
        let locations = self.locations().await?;
        let start = self.clock.now();
        let mut read = FullRead {
            first: self.polls().sent.is_empty(),
            ..FullRead::default()
        };
        let mut failures = Vec::new();
        for location in &locations {
            match self.read_location(location).await {
                Ok(batches) => self.take_location(&mut read, location, batches),
                Err(error) => failures.push((location.clone(), error)),
            }
        }
        let mut gaps = Gaps::new();
        let unread = unread_locations(&mut gaps, &locations, failures)?;
        let mut missing = gaps.into_missing();
        missing.extend(read.scope_gaps.into_missing());
        let mut polls = self.polls();
        polls.full_read(start, unread.is_empty(), read.scopes, missing.clone());
        let mut handed = read.handed;
        let coverage = if read.first {
            Coverage::Full
        } else {
            polls.sent.keep_parts(&locations, &mut handed);
            Coverage::Changes
        };
        Ok(Inventory {
            servers: handed.changed,
            removed: handed.removed,
            coverage,
            missing,
            unread_locations: unread,
            ..Inventory::default()
        })
    }

    /// Maps one location's servers into `read` as its answers arrive: all
    /// of them on the first read, else only those that changed since they
    /// were handed on (each compared as it is mapped, so that no second
    /// copy of the unchanged ones is ever built).
    fn take_location(&self, read: &mut FullRead, location: &str, batches: LocationReads) {
        let fetched_at = now_millis();
        let mut scoped = Vec::with_capacity(batches.len());
        for (batch, reads) in batches {
            let place = self.place(batch.alias.as_deref(), &batch.location);
            let scope = self.kept_scope(&batch, reads.record(&mut read.scope_gaps, &place));
            read.scopes.insert(scope_key(&batch), scope.clone());
            scoped.push((batch, scope));
        }
        let each = scoped.iter();
        let servers = each.flat_map(|(batch, scope)| self.map_batch(batch, scope, fetched_at));
        let mut polls = self.polls();
        if read.first {
            let part: Vec<Server> = servers.collect();
            polls.sent.remember(location, &part);
            read.handed.changed.extend(part);
        } else {
            polls.sent.compare(location, servers, &mut read.handed);
        }
    }

    /// The servers changed from `since` on (the API's clock), mapped with
    /// the groups and networks of the last full read.
    async fn changed_inventory(&self, since: Millis) -> Result<Inventory> {
        let locations = self.locations().await?;
        let start = self.clock.now();
        let listed = refresh::each(locations.clone(), |location| async move {
            self.server_batches(&location, Some(since)).await
        })
        .await;
        let (batches, failures) = by_location(&locations, listed);
        let mut gaps = Gaps::new();
        let unread = unread_locations(&mut gaps, &locations, failures)?;
        let fetched_at = now_millis();
        let mut servers = Vec::new();
        for batch in batches {
            let scope = self.known_scope(&batch).await;
            let mapped: Vec<Server> = self.map_batch(&batch, &scope, fetched_at).collect();
            self.polls().sent.update(&batch.location, &mapped);
            servers.extend(mapped);
        }
        let mut missing = gaps.into_missing();
        let mut polls = self.polls();
        missing.extend_from_slice(polls.missing());
        polls.changes_read(start, unread.is_empty());
        Ok(Inventory {
            servers,
            missing,
            coverage: Coverage::Changes,
            unread_locations: unread,
            ..Inventory::default()
        })
    }

    /// The scope of the last full read when it is the same as `read`, so
    /// that what a poll keeps is not built again (and freed) each time.
    fn kept_scope(&self, batch: &Batch, read: Scope) -> Arc<Scope> {
        match self.polls().scope(&scope_key(batch)) {
            Some(kept) if *kept == read => kept,
            _ => Arc::new(read),
        }
    }

    /// The scope of a batch from the last full read, or read now if it is
    /// new (a sub-account or location that appeared since).
    async fn known_scope(&self, batch: &Batch) -> Arc<Scope> {
        let key = scope_key(batch);
        if let Some(scope) = self.polls().scope(&key) {
            return scope;
        }
        let alias = batch.alias.as_deref();
        let place = self.place(alias, &batch.location);
        let reads = self.read_scope(alias, &batch.location).await;
        let scope = Arc::new(reads.record(&mut Gaps::new(), &place));
        self.polls().add_scope(key, scope.clone());
        scope
    }

    fn map_batch<'a>(
        &'a self,
        batch: &'a Batch,
        scope: &'a Scope,
        fetched_at: i64,
    ) -> impl Iterator<Item = Server> + 'a {
        let ctx = ServerContext {
            account: &self.settings.account,
            location: &batch.location,
            account_alias: batch.alias.as_deref(),
            groups: &scope.groups,
            networks: &scope.networks,
            fetched_at,
        };
        batch.servers.iter().filter_map(move |wire| {
            let mut server = map::server(wire, &ctx)?;
            server.missing.clone_from(&scope.missing);
            Some(server)
        })
    }

    pub(super) async fn fetch_server(&self, id: &str) -> Result<Server> {
        let alias = self.alias_for(id);
        let request = wire::ServerRequest {
            account_alias: alias.as_deref(),
            name: id,
        };
        let answer: wire::GetServersResponse = self.read(GET_SERVER, id, &request).await?;
        let op = operation(GET_SERVER, id);
        let wire = pick_server(answer.servers, id).ok_or_else(|| {
            self.http
                .error(&op, ErrorKind::Api, "the answer lists no such server")
        })?;
        let batch = Batch {
            location: wire.location.clone().unwrap_or_default(),
            alias,
            servers: vec![wire],
        };
        let scope = match batch.location.trim() {
            "" => Scope::default(),
            location => {
                let place = self.place(batch.alias.as_deref(), location);
                let reads = self.read_scope(batch.alias.as_deref(), location).await;
                reads.record(&mut Gaps::new(), &place)
            }
        };
        let server = self.map_batch(&batch, &scope, now_millis()).next();
        server.ok_or_else(|| {
            self.http.error(
                &op,
                ErrorKind::Parse,
                "the server in the answer has no Name",
            )
        })
    }

    pub(super) async fn fetch_telemetry(&self, server: &str) -> Result<Vec<MetricSeries>> {
        let now = now_millis();
        let alias = self.alias_for(server);
        let request = wire::ServerHourlyChargesRequest {
            account_alias: alias.as_deref(),
            server_name: server,
            start_date: Some(iso_utc(now - TELEMETRY_WINDOW_MS)),
            end_date: Some(iso_utc(now)),
        };
        let answer: wire::ServerHourlyChargesResponse = self
            .read(GET_SERVER_HOURLY_CHARGES, server, &request)
            .await?;
        Ok(vec![map::cost_series(&answer)])
    }

    pub(super) async fn fetch_job(&self, handle: &str) -> Result<JobProgress> {
        let handle = handle.trim();
        let op = operation(GET_REQUEST_STATUS, handle);
        if handle.is_empty() {
            return Err(self.http.error(&op, ErrorKind::Refused, "empty RequestID"));
        }
        let request_id =
            int_from_text(handle).map_or_else(|| Code::Text(handle.to_string()), Code::Int);
        let request = wire::QueueStatusRequest { request_id };
        let answer: wire::QueueStatusResponse =
            self.read(GET_REQUEST_STATUS, handle, &request).await?;
        let details = answer.details().ok_or_else(|| {
            self.http
                .error(&op, ErrorKind::Parse, "the answer carries no CurrentStatus")
        })?;
        Ok(map::job_progress(details))
    }

    /// Logs on afresh and counts the locations.
    pub(super) async fn fresh_check(&self) -> Result<String> {
        self.relogon().await?;
        let count = self.locations().await?.len();
        let noun = if count == 1 { "location" } else { "locations" };
        Ok(format!("logged on; {count} {noun}"))
    }
}

/// What each location's list brought, and the locations whose list
/// failed, with the error.
fn by_location<T>(
    locations: &[String],
    listed: Vec<Result<Vec<T>>>,
) -> (Vec<T>, Vec<(String, ProviderError)>) {
    let mut read = Vec::new();
    let mut failures = Vec::new();
    for (location, listed) in locations.iter().zip(listed) {
        match listed {
            Ok(part) => read.extend(part),
            Err(error) => failures.push((location.clone(), error)),
        }
    }
    (read, failures)
}

/// The locations whose server list failed, each recorded in `gaps`; every
/// location failing is the error (the first one's).
fn unread_locations(
    gaps: &mut Gaps,
    locations: &[String],
    failures: Vec<(String, ProviderError)>,
) -> Result<Vec<String>> {
    let errors = locations.iter().map(|location| {
        let failed = failures.iter().find(|(l, _)| l == location);
        failed.map(|(_, error)| error)
    });
    if let Some(error) = all_failed(errors) {
        return Err(error);
    }
    let unread = failures.into_iter().map(|(location, error)| {
        gaps.failed(format!("servers in {location}"), &error);
        location
    });
    Ok(unread.collect())
}

fn scope_key(batch: &Batch) -> ScopeKey {
    (batch.alias.clone(), batch.location.clone())
}

fn all_servers<'a>(alias: Option<&'a str>, location: &'a str) -> wire::GetAllServersRequest<'a> {
    wire::GetAllServersRequest {
        account_alias: alias,
        hardware_group_uuid: None,
        location: Some(location),
    }
}

fn modified_servers<'a>(
    alias: Option<&'a str>,
    location: &'a str,
    since: Millis,
) -> wire::ModifiedServersRequest<'a> {
    wire::ModifiedServersRequest {
        account_alias: alias,
        location,
        begin_date: iso_utc(since),
    }
}

/// The server named `id` in a GetServer answer (or its only server).
fn pick_server(servers: Vec<wire::Server>, id: &str) -> Option<wire::Server> {
    let only = servers.len() == 1;
    let mut servers = servers.into_iter();
    let named = |s: &wire::Server| {
        s.name
            .as_deref()
            .is_some_and(|n| n.trim().eq_ignore_ascii_case(id))
    };
    if only {
        return servers.next();
    }
    servers.find(named)
}
