//! Requests to the CLC v1 API: the session (lazy `Auth/Logon`, one re-logon
//! on StatusCode 100), reads with retry, mutations without, and the
//! [`Provider`] implementation on top.

use super::map::{self, GroupIndex, NetworkIndex, ServerContext};
use super::wire::{self, Outcome, Request};
use super::{ClcSettings, WireFormat};
use crate::model::{now_millis, Action, Command, MetricSeries, Ref, Server};
use crate::provider::http::{excerpt, retry_read, unsure_if_sent, Answer, HttpClient};
use crate::provider::lenient::{iso_utc, Code};
use crate::provider::{
    BoxFut, ErrorKind, Inventory, JobProgress, Provider, ProviderError, Result, Submitted,
};
use futures::future::try_join_all;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::HashMap;
use tokio::sync::Mutex;

/// One API method: its area and name, as in `/REST/<Area>/<Method>/JSON`.
#[derive(Clone, Copy, Debug)]
struct Method {
    area: &'static str,
    name: &'static str,
}

const fn method(area: &'static str, name: &'static str) -> Method {
    Method { area, name }
}

const GET_LOCATIONS: Method = method("Account", "GetLocations");
const GET_GROUPS: Method = method("Group", "GetGroups");
const GET_SERVER: Method = method("Server", "GetServer");
const GET_ALL_SERVERS: Method = method("Server", "GetAllServers");
const GET_HIERARCHY_SERVERS: Method = method("Server", "GetAllServersForAccountHierarchy");
const GET_NETWORKS: Method = method("Network", "GetNetworks");
const GET_NETWORK_DETAILS: Method = method("Network", "GetNetworkDetails");
const GET_REQUEST_STATUS: Method = method("Queue", "GetRequestStatus");
const GET_SERVER_HOURLY_CHARGES: Method = method("Billing", "GetServerHourlyCharges");
const SERVER_MAINTENANCE: Method = method("Server", "ServerMaintenance");

/// The power method of an action, or `None` for maintenance mode.
fn power_method(action: Action) -> Option<Method> {
    let name = match action {
        Action::PowerOn => "PowerOnServer",
        Action::PowerOff => "PowerOffServer",
        Action::ShutDown => "ShutdownServer",
        Action::Reboot => "RebootServer",
        Action::Reset => "ResetServer",
        Action::Pause => "PauseServer",
        Action::MaintenanceOn | Action::MaintenanceOff => return None,
    };
    Some(method("Server", name))
}

/// How long back telemetry reaches.
const TELEMETRY_WINDOW_MS: i64 = 24 * 3600 * 1000;

/// The logon state. `generation` counts logons, so that several calls that
/// see an expired session at once log on again only once.
#[derive(Default)]
struct Session {
    logged_on: bool,
    generation: u64,
}

/// What one POST came back with, once the envelope was checked.
enum Reply {
    Answer(Value),
    /// StatusCode 100, with the API's message.
    SessionExpired(String),
}

/// A CenturyLink Cloud v1 account.
pub struct ClcProvider {
    settings: ClcSettings,
    /// `base_url` with a trailing slash.
    base: String,
    http: HttpClient,
    session: Mutex<Session>,
    /// Server name (upper case) -> the sub-account alias it was listed
    /// under (hierarchy mode), so later calls address the right account.
    aliases: std::sync::Mutex<HashMap<String, String>>,
}

impl std::fmt::Debug for ClcProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClcProvider")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl ClcProvider {
    /// Sets up the account. Nothing is sent until the first call, which
    /// logs on first.
    pub fn new(settings: ClcSettings) -> Result<Self> {
        let refuse = |cause: &str| {
            ProviderError::new(&settings.account, "set up", ErrorKind::Refused, cause)
        };
        let url = settings.base_url.trim();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(refuse("base_url must start with http:// or https://"));
        }
        if settings.api_key.is_empty() || settings.password.is_empty() {
            return Err(refuse("api_key and password must both be given"));
        }
        let base = format!("{}/", url.trim_end_matches('/'));
        let secrets = vec![settings.api_key.clone(), settings.password.clone()];
        let http = HttpClient::new(&settings.account, secrets)?;
        Ok(ClcProvider {
            settings,
            base,
            http,
            session: Mutex::new(Session::default()),
            aliases: std::sync::Mutex::new(HashMap::new()),
        })
    }

    fn format(&self) -> WireFormat {
        self.settings.format
    }

    fn url(&self, method: Method) -> String {
        let segment = self.format().segment();
        format!("{}{}/{}/{segment}", self.base, method.area, method.name)
    }

    /// The account alias to address a server with.
    fn alias_for(&self, server: &str) -> Option<String> {
        let learned = self
            .aliases
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(&server.to_ascii_uppercase())
            .cloned();
        learned.or_else(|| self.settings.account_alias.clone())
    }

    fn remember_aliases(&self, alias: &str, servers: &[wire::Server]) {
        let mut aliases = self
            .aliases
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for name in servers.iter().filter_map(|s| s.name.as_deref()) {
            aliases.insert(name.to_ascii_uppercase(), alias.to_string());
        }
    }

    // -- one exchange ------------------------------------------------------

    /// POSTs `request` to `url` once and checks the envelope.
    async fn exchange<R: Request>(&self, op: &str, url: &str, request: &R) -> Result<Reply> {
        let (body, content_type) = wire::encode(request, self.format()).map_err(|e| {
            self.http.error(
                op,
                ErrorKind::Refused,
                format!("cannot encode the request: {e}"),
            )
        })?;
        let builder = self
            .http
            .reqwest()
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(body);
        let answer = self.http.send(op, builder).await?;
        let value = self.decode(op, &answer)?;
        self.check_envelope(op, &answer, value)
    }

    fn decode(&self, op: &str, answer: &Answer) -> Result<Value> {
        wire::decode(&answer.body, self.format()).map_err(|e| {
            let excerpt = excerpt(&answer.body);
            match answer.status {
                401 | 403 => self.http.error(
                    op,
                    ErrorKind::Auth,
                    format!("provider answered HTTP {}: {excerpt}", answer.status),
                ),
                400.. => self.http.error(
                    op,
                    ErrorKind::Http,
                    format!("provider answered HTTP {}: {excerpt}", answer.status),
                ),
                _ => self.http.error(
                    op,
                    ErrorKind::Parse,
                    format!("unreadable answer ({e}): {excerpt}"),
                ),
            }
        })
    }

    fn check_envelope(&self, op: &str, answer: &Answer, value: Value) -> Result<Reply> {
        match wire::Envelope::of(&value).outcome() {
            Outcome::SessionExpired(message) => Ok(Reply::SessionExpired(message)),
            Outcome::Failed { code, message } => {
                Err(self
                    .http
                    .error(op, ErrorKind::Api, format!("StatusCode {code}: {message}")))
            }
            _ if answer.status >= 400 => Err(self.http.error(
                op,
                ErrorKind::Http,
                format!(
                    "provider answered HTTP {}: {}",
                    answer.status,
                    excerpt(&answer.body)
                ),
            )),
            Outcome::Ok => Ok(Reply::Answer(value)),
            Outcome::NoEnvelope => Err(self.http.error(
                op,
                ErrorKind::Parse,
                format!(
                    "the answer has no Success/StatusCode: {}",
                    excerpt(&answer.body)
                ),
            )),
        }
    }

    fn typed<T: DeserializeOwned>(&self, op: &str, value: &Value) -> Result<T> {
        wire::typed(value).map_err(|e| {
            let excerpt = excerpt(&value.to_string());
            self.http.error(
                op,
                ErrorKind::Parse,
                format!("unexpected answer shape ({e}): {excerpt}"),
            )
        })
    }

    // -- session -----------------------------------------------------------

    /// `Auth/Logon` (no format segment); retried like a read.
    async fn logon(&self) -> Result<()> {
        let url = format!("{}Auth/Logon/", self.base);
        let request = wire::LogonRequest {
            api_key: self.settings.api_key.expose(),
            password: self.settings.password.expose(),
        };
        let op = "log on";
        match retry_read(|| self.exchange(op, &url, &request)).await? {
            Reply::Answer(_) => Ok(()),
            Reply::SessionExpired(message) => Err(self.http.error(
                op,
                ErrorKind::Auth,
                format!("credentials refused (StatusCode 100): {message}"),
            )),
        }
    }

    /// Logs on unless logged on; returns the session generation.
    async fn session(&self) -> Result<u64> {
        let mut session = self.session.lock().await;
        if !session.logged_on {
            self.logon().await?;
            session.logged_on = true;
            session.generation += 1;
        }
        Ok(session.generation)
    }

    /// Logs on again after generation `seen` expired, unless another call
    /// already did.
    async fn renew(&self, seen: u64) -> Result<()> {
        let mut session = self.session.lock().await;
        if session.logged_on && session.generation != seen {
            return Ok(());
        }
        session.logged_on = false;
        self.logon().await?;
        session.logged_on = true;
        session.generation += 1;
        Ok(())
    }

    // -- reads and mutations -----------------------------------------------

    /// An idempotent read: retried on transport/5xx failures, and sent once
    /// more after logging on again if the session had expired.
    async fn read<R: Request, T: DeserializeOwned>(
        &self,
        method: Method,
        what: &str,
        request: &R,
    ) -> Result<T> {
        let op = operation(method, what);
        let url = self.url(method);
        let seen = self.session().await?;
        let send = || retry_read(|| self.exchange(&op, &url, request));
        let reply = match send().await? {
            Reply::SessionExpired(_) => {
                self.renew(seen).await?;
                send().await?
            }
            answer => answer,
        };
        let value = match reply {
            Reply::Answer(value) => value,
            Reply::SessionExpired(message) => {
                let cause = format!(
                    "session refused right after logging on again (StatusCode 100): {message}"
                );
                return Err(self.http.error(&op, ErrorKind::Auth, cause));
            }
        };
        self.typed(&op, &value)
    }

    /// A mutating call: sent exactly once. If the session had expired the
    /// command was not carried out; log on again so the next try works and
    /// say so.
    async fn mutate<R: Request>(&self, method: Method, what: &str, request: &R) -> Result<Value> {
        let op = operation(method, what);
        let seen = self.session().await?;
        match self.exchange(&op, &self.url(method), request).await {
            Ok(Reply::Answer(value)) => Ok(value),
            Ok(Reply::SessionExpired(message)) => {
                let relogon = match self.renew(seen).await {
                    Ok(()) => "logged on again; the command can be sent again".to_string(),
                    Err(e) => format!("logging on again failed: {}", e.cause),
                };
                Err(self.http.error(
                    &op,
                    ErrorKind::Api,
                    format!(
                        "the session had expired (StatusCode 100: {message}); the command was NOT carried out; {relogon}"
                    ),
                ))
            }
            Err(e) => Err(unsure_if_sent(e)),
        }
    }

    // -- inventory pieces --------------------------------------------------

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

    async fn networks(&self, alias: Option<&str>, location: &str) -> Result<NetworkIndex> {
        let request = wire::GetNetworksRequest {
            account_alias: alias,
            location: Some(location),
        };
        let list: wire::GetNetworksResponse = self.read(GET_NETWORKS, location, &request).await?;
        let details = try_join_all(
            list.networks
                .iter()
                .filter(|n| n.name.as_deref().is_some_and(|n| !n.trim().is_empty()))
                .map(|n| self.network_details(alias, n.location.as_deref().unwrap_or(location), n)),
        )
        .await?;
        let mut index = NetworkIndex::default();
        for network in details.iter().flat_map(|d| &d.network_details) {
            index.extend(&network.ip_addresses);
        }
        Ok(index)
    }

    async fn network_details(
        &self,
        alias: Option<&str>,
        location: &str,
        network: &wire::Network,
    ) -> Result<wire::NetworkDetailsResponse> {
        let name = network.name.as_deref().unwrap_or_default();
        let request = wire::GetNetworkDetailsRequest {
            account_alias: alias,
            location: Some(location),
            name,
        };
        self.read(GET_NETWORK_DETAILS, &format!("{location} {name}"), &request)
            .await
    }

    /// Groups and networks of one account in one location.
    async fn scope(
        &self,
        alias: Option<&str>,
        location: &str,
    ) -> Result<(GroupIndex, NetworkIndex)> {
        futures::try_join!(self.groups(alias, location), self.networks(alias, location))
    }

    /// The servers of one location, as (account alias, servers) batches:
    /// one batch of the configured account, or one per (sub-)account in
    /// hierarchy mode.
    async fn server_batches(
        &self,
        location: &str,
    ) -> Result<Vec<(Option<String>, Vec<wire::Server>)>> {
        let alias = self.settings.account_alias.as_deref();
        let request = wire::GetAllServersRequest {
            account_alias: alias,
            hardware_group_uuid: None,
            location: Some(location),
        };
        if !self.settings.hierarchy {
            let answer: wire::GetServersResponse =
                self.read(GET_ALL_SERVERS, location, &request).await?;
            return Ok(vec![(alias.map(str::to_string), answer.servers)]);
        }
        let answer: wire::GetAccountHierarchyServersResponse =
            self.read(GET_HIERARCHY_SERVERS, location, &request).await?;
        let batches = answer.account_servers.into_iter().map(|group| {
            let alias = group.account_alias.filter(|a| !a.trim().is_empty());
            if let Some(alias) = &alias {
                self.remember_aliases(alias, &group.servers);
            }
            (
                alias.or_else(|| self.settings.account_alias.clone()),
                group.servers,
            )
        });
        Ok(batches.collect())
    }

    async fn location_inventory(&self, location: &str) -> Result<Vec<Server>> {
        let batches = self.server_batches(location).await?;
        let scopes = try_join_all(
            batches
                .iter()
                .map(|(alias, _)| self.scope(alias.as_deref(), location)),
        )
        .await?;
        let fetched_at = now_millis();
        let mut servers = Vec::new();
        for ((alias, wires), (groups, networks)) in batches.iter().zip(&scopes) {
            let ctx = ServerContext {
                account: &self.settings.account,
                location,
                account_alias: alias.as_deref(),
                groups,
                networks,
                fetched_at,
            };
            servers.extend(wires.iter().filter_map(|w| map::server(w, &ctx)));
        }
        Ok(servers)
    }

    async fn fetch_inventory(&self) -> Result<Inventory> {
        let locations = self.locations().await?;
        let per_location =
            try_join_all(locations.iter().map(|l| self.location_inventory(l))).await?;
        Ok(Inventory {
            servers: per_location.into_iter().flatten().collect(),
            samples: Vec::new(),
            missing: Vec::new(),
        })
    }

    async fn fetch_server(&self, id: &str) -> Result<Server> {
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
        let location = wire.location.clone().unwrap_or_default();
        let (groups, networks) = match location.trim() {
            "" => Default::default(),
            location => self.scope(alias.as_deref(), location).await?,
        };
        let ctx = ServerContext {
            account: &self.settings.account,
            location: &location,
            account_alias: alias.as_deref(),
            groups: &groups,
            networks: &networks,
            fetched_at: now_millis(),
        };
        map::server(&wire, &ctx).ok_or_else(|| {
            self.http.error(
                &op,
                ErrorKind::Parse,
                "the server in the answer has no Name",
            )
        })
    }

    async fn fetch_telemetry(&self, server: &str) -> Result<Vec<MetricSeries>> {
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

    async fn run_action(&self, action: Action, server: &str) -> Result<Submitted> {
        let alias = self.alias_for(server);
        let account_alias = alias.as_deref();
        let (method, value) = match power_method(action) {
            Some(method) => {
                let request = wire::ServerRequest {
                    account_alias,
                    name: server,
                };
                (method, self.mutate(method, server, &request).await?)
            }
            None => {
                let enable = action == Action::MaintenanceOn;
                let request = wire::ServerMaintenanceRequest {
                    account_alias,
                    name: server,
                    enable,
                };
                (
                    SERVER_MAINTENANCE,
                    self.mutate(SERVER_MAINTENANCE, server, &request).await?,
                )
            }
        };
        let op = operation(method, server);
        let ack: wire::QueuedItemResponse = self.typed(&op, &value)?;
        match ack.request_id {
            Some(id) => Ok(Submitted::Queued { handle: id.to_string() }),
            None => Err(self.http.error(
                &op,
                ErrorKind::Parse,
                "the command was accepted but the answer carries no RequestID, so its progress cannot be followed",
            )),
        }
    }

    async fn fetch_job(&self, handle: &str) -> Result<JobProgress> {
        let handle = handle.trim();
        let op = operation(GET_REQUEST_STATUS, handle);
        if handle.is_empty() {
            return Err(self.http.error(&op, ErrorKind::Refused, "empty RequestID"));
        }
        let request_id = crate::provider::lenient::int_from_text(handle)
            .map_or_else(|| Code::Text(handle.to_string()), Code::Int);
        let request = wire::QueueStatusRequest { request_id };
        let answer: wire::QueueStatusResponse =
            self.read(GET_REQUEST_STATUS, handle, &request).await?;
        let details = answer.details().ok_or_else(|| {
            self.http
                .error(&op, ErrorKind::Parse, "the answer carries no CurrentStatus")
        })?;
        Ok(map::job_progress(details))
    }

    async fn fresh_check(&self) -> Result<String> {
        {
            let mut session = self.session.lock().await;
            session.logged_on = false;
            self.logon().await?;
            session.logged_on = true;
            session.generation += 1;
        }
        let count = self.locations().await?.len();
        let noun = if count == 1 { "location" } else { "locations" };
        Ok(format!("logged on; {count} {noun}"))
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

/// `Server/GetAllServers WA1`: names the call in messages.
fn operation(method: Method, what: &str) -> String {
    match what {
        "" => format!("{}/{}", method.area, method.name),
        what => format!("{}/{} {what}", method.area, method.name),
    }
}

impl Provider for ClcProvider {
    fn account(&self) -> &str {
        &self.settings.account
    }

    fn kind(&self) -> &'static str {
        "clc"
    }

    fn check(&self) -> BoxFut<'_, Result<String>> {
        Box::pin(self.fresh_check())
    }

    fn inventory(&self) -> BoxFut<'_, Result<Inventory>> {
        Box::pin(self.fetch_inventory())
    }

    fn server(&self, id: &str) -> BoxFut<'_, Result<Server>> {
        let id = id.to_string();
        Box::pin(async move { self.fetch_server(&id).await })
    }

    fn telemetry(&self, server_id: &str) -> BoxFut<'_, Result<Vec<MetricSeries>>> {
        let id = server_id.to_string();
        Box::pin(async move { self.fetch_telemetry(&id).await })
    }

    fn execute<'a>(
        &'a self,
        command: &'a Command,
        target: &'a Ref,
    ) -> BoxFut<'a, Result<Submitted>> {
        Box::pin(async move {
            match command {
                Command::Power(action) => self.run_action(*action, &target.id).await,
                other => Err(ProviderError::new(
                    &self.settings.account,
                    other.cli_name(),
                    ErrorKind::Unsupported,
                    format!("{} is not offered by clc", other.label()),
                )),
            }
        })
    }

    fn job_status(&self, handle: &str) -> BoxFut<'_, Result<JobProgress>> {
        let handle = handle.to_string();
        Box::pin(async move { self.fetch_job(&handle).await })
    }

    fn capabilities(&self) -> Vec<crate::model::Capability> {
        vec![crate::model::Capability::Telemetry]
    }
}

/// Exact request sequences against a scripted loopback stub (real HTTP):
/// lazy logon, one re-logon for reads, no resend of mutations, retries.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::execute_power;
    use crate::secret::Secret;
    use axum::extract::State;
    use axum::http::{HeaderMap, StatusCode, Uri};
    use std::collections::VecDeque;
    use std::sync::{Arc, Mutex as StdMutex};

    type Replies = HashMap<&'static str, VecDeque<(u16, String)>>;

    #[derive(Default)]
    struct Stub {
        /// (method name, content type) of every request, in order.
        log: StdMutex<Vec<(String, String)>>,
        /// Scripted replies per method name; unscripted calls succeed.
        replies: StdMutex<Replies>,
    }

    const OK: &str = r#"{"Success":true,"Message":"ok","StatusCode":0}"#;
    const EXPIRED: &str = r#"{"Success":false,"Message":"You must logon","StatusCode":100}"#;
    const SUCCEEDED: &str = r#"{"Success":true,"StatusCode":0,"RequestDetails":{"RequestID":5,"CurrentStatus":"Succeeded","PercentComplete":100}}"#;
    const QUEUED: &str = r#"{"Success":true,"StatusCode":0,"RequestID":"9"}"#;

    async fn answer(
        State(stub): State<Arc<Stub>>,
        uri: Uri,
        headers: HeaderMap,
    ) -> (StatusCode, String) {
        let segments: Vec<&str> = uri.path().split('/').filter(|s| !s.is_empty()).collect();
        let name = segments.get(2).copied().unwrap_or_default().to_string();
        let content_type = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        stub.log.lock().unwrap().push((name.clone(), content_type));
        let scripted = stub
            .replies
            .lock()
            .unwrap()
            .get_mut(name.as_str())
            .and_then(VecDeque::pop_front);
        let (status, body) = scripted.unwrap_or((200, OK.to_string()));
        (StatusCode::from_u16(status).unwrap(), body)
    }

    async fn start(
        script: &[(&'static str, u16, &str)],
        format: WireFormat,
    ) -> (ClcProvider, Arc<Stub>) {
        let stub = Arc::new(Stub::default());
        for (name, status, body) in script {
            let mut replies = stub.replies.lock().unwrap();
            replies
                .entry(name)
                .or_default()
                .push_back((*status, body.to_string()));
        }
        let app = axum::Router::new()
            .fallback(answer)
            .with_state(stub.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move { axum::serve(listener, app).await });
        let provider = ClcProvider::new(ClcSettings {
            account: "stub".into(),
            base_url: format!("http://127.0.0.1:{port}/REST"),
            api_key: Secret::new("key-123"),
            password: Secret::new("pw-456"),
            account_alias: None,
            hierarchy: false,
            format,
        })
        .unwrap();
        (provider, stub)
    }

    fn calls(stub: &Stub) -> Vec<String> {
        stub.log
            .lock()
            .unwrap()
            .iter()
            .map(|(name, _)| name.clone())
            .collect()
    }

    #[tokio::test]
    async fn reads_log_on_lazily_and_once_more_after_status_100() {
        let script = [
            ("GetRequestStatus", 200, EXPIRED),
            ("GetRequestStatus", 200, SUCCEEDED),
        ];
        let (provider, stub) = start(&script, WireFormat::Json).await;
        let progress = provider.job_status("5").await.unwrap();
        assert!(matches!(progress, JobProgress::Succeeded(_)));
        assert_eq!(
            calls(&stub),
            ["Logon", "GetRequestStatus", "Logon", "GetRequestStatus"]
        );
        let (_, content_type) = stub.log.lock().unwrap()[1].clone();
        assert_eq!(content_type, "application/json; charset=utf-8");
    }

    #[tokio::test]
    async fn a_mutation_answered_100_is_not_resent_but_the_session_is_renewed() {
        let script = [
            ("RebootServer", 200, EXPIRED),
            ("RebootServer", 200, QUEUED),
        ];
        let (provider, stub) = start(&script, WireFormat::Json).await;
        let err = execute_power(&provider, Action::Reboot, "WA1SRV01")
            .await
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::Api);
        assert!(err.cause.contains("NOT carried out"), "{err}");
        assert_eq!(calls(&stub), ["Logon", "RebootServer", "Logon"]);
        // The next, deliberate try goes out once on the renewed session.
        let submitted = execute_power(&provider, Action::Reboot, "WA1SRV01")
            .await
            .unwrap();
        assert_eq!(submitted, Submitted::Queued { handle: "9".into() });
        assert_eq!(
            calls(&stub),
            ["Logon", "RebootServer", "Logon", "RebootServer"]
        );
    }

    #[tokio::test]
    async fn refused_credentials_are_an_auth_error_without_secrets() {
        let refused = r#"{"Success":false,"Message":"bad key-123","StatusCode":100}"#;
        let (provider, _stub) = start(&[("Logon", 200, refused)], WireFormat::Json).await;
        let err = provider.check().await.unwrap_err();
        assert_eq!(err.kind, ErrorKind::Auth);
        assert!(!err.to_string().contains("key-123"), "{err}");
    }

    #[tokio::test]
    async fn reads_retry_5xx_but_mutations_go_out_once() {
        let script = [
            ("GetRequestStatus", 503, "busy"),
            ("GetRequestStatus", 200, SUCCEEDED),
            ("PowerOnServer", 503, "busy"),
        ];
        let (provider, stub) = start(&script, WireFormat::Json).await;
        assert!(provider.job_status("5").await.is_ok());
        let err = execute_power(&provider, Action::PowerOn, "WA1SRV01")
            .await
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::Http);
        assert!(err.cause.contains("may have reached"), "{err}");
        let power_ons = calls(&stub)
            .iter()
            .filter(|c| *c == "PowerOnServer")
            .count();
        assert_eq!(power_ons, 1);
    }

    #[tokio::test]
    async fn xml_format_uses_the_xml_segment_and_content_type() {
        let queued = r#"<QueuedItemResponse Success="true" Message="Success" StatusCode="0"><RequestID>12</RequestID></QueuedItemResponse>"#;
        let logged_on =
            r#"<LogonResponse Success="true" Message="Login Successful" StatusCode="0" />"#;
        let script = [
            ("Logon", 200, logged_on),
            ("ServerMaintenance", 200, queued),
        ];
        let (provider, stub) = start(&script, WireFormat::Xml).await;
        let submitted = execute_power(&provider, Action::MaintenanceOn, "WA1SRV01")
            .await
            .unwrap();
        assert_eq!(
            submitted,
            Submitted::Queued {
                handle: "12".into()
            }
        );
        let log = stub.log.lock().unwrap().clone();
        assert_eq!(
            log[1],
            ("ServerMaintenance".to_string(), "text/xml".to_string())
        );
    }

    #[tokio::test]
    async fn unreadable_and_envelope_less_answers_are_parse_errors() {
        let script = [
            ("GetRequestStatus", 200, "<html>oops"),
            ("GetRequestStatus", 200, "[1,2]"),
        ];
        let (provider, _stub) = start(&script, WireFormat::Json).await;
        for _ in 0..2 {
            let err = provider.job_status("5").await.unwrap_err();
            assert_eq!(err.kind, ErrorKind::Parse, "{err}");
        }
    }
}
