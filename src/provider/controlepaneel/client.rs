//! Requests to the controlepaneel API: one exchange (variables out, XML in,
//! auth and status codes checked), reads with retry, mutations sent once,
//! the inventory with bounded fan-out, and the [`Provider`] implementation.

use super::map::{self, Monitor, ServerParts};
use super::wire::{self, Call, Reply, Step, WireError};
use super::{codes, ControlepaneelSettings, HttpMethod};
use crate::model::{
    now_millis, Action, Capability, Colocation, Command, Contact, ContactFields, Domain,
    HistoryEntry, Ip, MetricSeries, Ref, Server,
};
use crate::provider::http::{excerpt, retry_read, unsure_if_sent, HttpClient, RawAnswer};
use crate::provider::{
    BoxFut, DomainInventory, ErrorKind, Inventory, JobProgress, Provider, ProviderError, Result,
    Submitted,
};
use futures::stream::{self, StreamExt};
use serde::de::DeserializeOwned;
use std::future::Future;

/// The most detail requests in flight at once during a refresh.
const MAX_PARALLEL: usize = 4;

/// The provider kind, as in the config.
const KIND: &str = "controlepaneel";

/// The variables of one call after the four connection variables, in the
/// document's order.
#[derive(Clone, Debug, Default)]
struct Vars(Vec<(&'static str, String)>);

impl Vars {
    fn new() -> Self {
        Vars::default()
    }

    /// A required variable: always sent.
    fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.0.push((name, value.into()));
        self
    }

    /// An optional variable: left out when not given or blank.
    fn opt(self, name: &'static str, value: Option<&str>) -> Self {
        match value.map(str::trim).filter(|v| !v.is_empty()) {
            Some(value) => self.with(name, value),
            None => self,
        }
    }

    fn sld_tld(sld: &str, tld: &str) -> Self {
        Vars::new().with("SLD", sld).with("TLD", tld)
    }

    fn identifier(id: &str) -> Self {
        Vars::new().with("Identifier", id)
    }
}

/// A controlepaneel.com account.
pub struct ControlepaneelProvider {
    settings: ControlepaneelSettings,
    http: HttpClient,
}

impl std::fmt::Debug for ControlepaneelProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ControlepaneelProvider")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

/// `servers/get_details 1001`: names the call in messages.
fn operation(call: &Call, what: &str) -> String {
    match what {
        "" => format!("{}/{}", call.module, call.action),
        what => format!("{}/{} {what}", call.module, call.action),
    }
}

/// An error of a per-object detail read that should not sink the whole
/// refresh: the object is shown from its list entry instead.
fn is_per_object(e: &ProviderError) -> bool {
    matches!(e.kind, ErrorKind::Api | ErrorKind::Parse)
}

/// Runs `fetch` for each item, at most [`MAX_PARALLEL`] at once, keeping
/// the order. A per-object failure becomes `None`; any other fails all.
async fn fetch_each<I, T, F, Fut>(items: I, fetch: F) -> Result<Vec<Option<T>>>
where
    I: IntoIterator,
    F: FnMut(I::Item) -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let results: Vec<Result<T>> = stream::iter(items)
        .map(fetch)
        .buffered(MAX_PARALLEL)
        .collect()
        .await;
    results
        .into_iter()
        .map(|result| match result {
            Ok(value) => Ok(Some(value)),
            Err(e) if is_per_object(&e) => {
                tracing::warn!("{e}");
                Ok(None)
            }
            Err(e) => Err(e),
        })
        .collect()
}

impl ControlepaneelProvider {
    /// Sets up the account; nothing is sent until the first call. An empty
    /// base URL, account id or hash is refused with a message naming the
    /// account.
    pub fn new(settings: ControlepaneelSettings) -> Result<Self> {
        let refuse = |cause: &str| {
            ProviderError::new(&settings.account, "set up", ErrorKind::Refused, cause)
        };
        let url = settings.base_url.trim();
        if url.is_empty() {
            return Err(refuse(
                "base_url is empty; the controlepaneel document names no endpoint, so give the API's URL",
            ));
        }
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(refuse("base_url must start with http:// or https://"));
        }
        if settings.account_id.trim().is_empty() {
            return Err(refuse("account_id is empty"));
        }
        if settings.hash.is_empty() {
            return Err(refuse("hash is empty"));
        }
        let http = HttpClient::new(&settings.account, vec![settings.hash.clone()])?;
        Ok(ControlepaneelProvider { settings, http })
    }

    // -- one exchange ------------------------------------------------------

    /// Sends `call` once and reads its answer (auth checked, status not yet).
    async fn exchange<T: DeserializeOwned>(&self, call: &Call, op: &str, vars: &Vars) -> Result<T> {
        let mut params: Vec<(&str, &str)> = vec![
            ("Account", self.settings.account_id.trim()),
            ("Hash", self.settings.hash.expose()),
            ("Module", call.module),
            ("Action", call.action),
        ];
        params.extend(vars.0.iter().map(|(name, value)| (*name, value.as_str())));
        let url = self.settings.base_url.trim();
        let client = self.http.reqwest();
        let request = match self.settings.method {
            HttpMethod::Post => client.post(url).form(&params),
            HttpMethod::Get => client.get(url).query(&params),
        };
        let answer = self.http.send_raw(op, request).await?;
        self.decode(call, op, &answer)
    }

    fn decode<T: DeserializeOwned>(&self, call: &Call, op: &str, answer: &RawAnswer) -> Result<T> {
        match wire::parse::<T>(&answer.body, call) {
            Ok(value) => Ok(value),
            Err(WireError::Auth(failure)) => {
                Err(self.http.error(op, ErrorKind::Auth, failure.to_string()))
            }
            Err(e) => Err(self.unreadable(op, answer, &e)),
        }
    }

    /// The error for an answer without the expected element, by HTTP status.
    fn unreadable(&self, op: &str, answer: &RawAnswer, e: &WireError) -> ProviderError {
        let body = wire::redact_echoes(&wire::decode_text(&answer.body));
        let shown = excerpt(&body);
        let status = answer.status;
        match status {
            401 | 403 => self.http.error(
                op,
                ErrorKind::Auth,
                format!("provider answered HTTP {status}: {shown}"),
            ),
            400.. => self.http.error(
                op,
                ErrorKind::Http,
                format!("provider answered HTTP {status}: {shown}"),
            ),
            _ if *e == WireError::Empty => self.http.error(op, ErrorKind::Parse, e.to_string()),
            _ => self.http.error(
                op,
                ErrorKind::Parse,
                format!("{e}; the answer began: {shown}"),
            ),
        }
    }

    /// Checks `Status` and every `ActionN` block: each must be a success,
    /// and a mutation must carry every result block the document shows.
    fn check_outcome<T: Reply>(&self, call: &Call, op: &str, answer: &T) -> Result<()> {
        let api = |cause: String| self.http.error(op, ErrorKind::Api, cause);
        match Step::of(answer.status()) {
            Step::Succeeded(_) => {}
            Step::Failed(code) => {
                return Err(api(codes::explain(
                    call,
                    "Status",
                    &code,
                    answer.description(),
                )))
            }
            Step::Unknown(code) => return Err(api(unknown_outcome(call, "Status", code))),
        }
        let steps = answer.steps();
        let mut done: Option<String> = None;
        for step in &steps {
            match Step::of(step.status) {
                Step::Succeeded(code) => done = Some(code),
                Step::Failed(code) => {
                    let explained = codes::explain(call, step.label, &code, step.description);
                    return Err(api(match &done {
                        Some(_) => partly_done(call, &explained),
                        None => explained,
                    }));
                }
                Step::Unknown(code) => return Err(api(unknown_outcome(call, step.label, code))),
            }
        }
        if steps.len() < usize::from(call.steps) {
            let missing = format!("Action{}", steps.len() + 1);
            return Err(api(format!(
                "the answer has no {missing} result, so it is not known whether the change was made; check before sending it again"
            )));
        }
        Ok(())
    }

    /// An idempotent read: retried on transport trouble and 5xx.
    async fn read<T: DeserializeOwned + Reply>(
        &self,
        call: &Call,
        what: &str,
        vars: Vars,
    ) -> Result<T> {
        let op = operation(call, what);
        retry_read(|| async {
            let answer: T = self.exchange(call, &op, &vars).await?;
            self.check_outcome(call, &op, &answer)?;
            Ok(answer)
        })
        .await
    }

    /// A mutation: sent exactly once.
    async fn mutate<T: DeserializeOwned + Reply>(
        &self,
        call: &Call,
        what: &str,
        vars: Vars,
    ) -> Result<T> {
        let op = operation(call, what);
        let answer: T = self
            .exchange(call, &op, &vars)
            .await
            .map_err(unsure_if_sent)?;
        self.check_outcome(call, &op, &answer)?;
        Ok(answer)
    }

    fn refuse(&self, op: &str, cause: impl AsRef<str>) -> ProviderError {
        self.http.error(op, ErrorKind::Refused, cause)
    }

    // -- servers -----------------------------------------------------------

    async fn server_details(&self, id: &str) -> Result<wire::ServersGetDetails> {
        self.read(&wire::SERVERS_GET_DETAILS, id, Vars::identifier(id))
            .await
    }

    /// Every IP with its details, as (list entry, kind, details).
    async fn all_ips(&self) -> Result<Vec<Ip>> {
        let list: wire::ServersListIp = self.read(&wire::SERVERS_LIST_IP, "", Vars::new()).await?;
        self.ips_with_details(ip_entries(list, |_| true)).await
    }

    async fn ips_with_details(
        &self,
        entries: Vec<(wire::IpListItem, &'static str)>,
    ) -> Result<Vec<Ip>> {
        let addresses: Vec<String> = entries
            .iter()
            .map(|(item, _)| item.ip.clone().unwrap_or_default())
            .collect();
        let details = fetch_each(addresses, |address| async move {
            self.ip_details(&address).await
        })
        .await?;
        Ok(entries
            .iter()
            .zip(&details)
            .filter_map(|((item, kind), details)| map::ip(item, kind, details.as_ref()))
            .collect())
    }

    async fn ip_details(&self, address: &str) -> Result<wire::ServersGetIp> {
        let vars = Vars::new().with("IP", address);
        self.read(&wire::SERVERS_GET_IP, address, vars).await
    }

    /// Every monitoring profile that passes `keep` (on its list entry),
    /// with its details.
    async fn monitors(&self, keep: impl Fn(&wire::MonProfileItem) -> bool) -> Result<Vec<Monitor>> {
        let list: wire::ServersListMon =
            self.read(&wire::SERVERS_LIST_MON, "", Vars::new()).await?;
        let profiles: Vec<wire::MonProfileItem> = list
            .monitoring_profiles
            .items
            .into_iter()
            .filter(|p| p.identifier.is_some() && keep(p))
            .collect();
        let ids: Vec<String> = profiles
            .iter()
            .map(|p| p.identifier.clone().unwrap_or_default())
            .collect();
        let details = fetch_each(ids, |id| async move {
            self.read::<wire::ServersGetMon>(&wire::SERVERS_GET_MON, &id, Vars::identifier(&id))
                .await
        })
        .await?;
        Ok(profiles
            .into_iter()
            .zip(details)
            .map(|(profile, details)| Monitor { profile, details })
            .collect())
    }

    async fn fetch_inventory(&self) -> Result<Inventory> {
        let list: wire::ServersList = self.read(&wire::SERVERS_LIST, "", Vars::new()).await?;
        let items: Vec<wire::ServersListItem> = list
            .servers
            .items
            .into_iter()
            .filter(|s| s.identifier.is_some())
            .collect();
        let ids: Vec<String> = items
            .iter()
            .map(|i| i.identifier.clone().unwrap_or_default())
            .collect();
        let details = fetch_each(ids, |id| async move { self.server_details(&id).await }).await?;
        let ips = self.all_ips().await?;
        let monitors = self.monitors(|_| true).await?;
        let fetched_at = now_millis();
        let mut inventory = Inventory::default();
        for (item, details) in items.iter().zip(&details) {
            let id = item.identifier.as_deref().unwrap_or_default();
            let parts = ServerParts {
                item: Some(item),
                details: details.as_ref(),
                ips: ips_of(&ips, id),
                monitors: monitors
                    .iter()
                    .filter(|m| m.server_id() == Some(id))
                    .collect(),
            };
            inventory.samples.extend(map::samples(id, &parts));
            inventory
                .servers
                .push(map::server(&self.settings.account, id, &parts, fetched_at));
        }
        Ok(inventory)
    }

    async fn fetch_server(&self, id: &str) -> Result<Server> {
        let details = self.server_details(id).await?;
        let list: wire::ServersListIp = self.read(&wire::SERVERS_LIST_IP, "", Vars::new()).await?;
        let mine = |ip: &wire::IpListItem| ip.server_identifier.as_deref() == Some(id);
        let ips = self.ips_with_details(ip_entries(list, mine)).await?;
        let candidates = |p: &wire::MonProfileItem| {
            p.server_identifier.is_none() || p.server_identifier.as_deref() == Some(id)
        };
        let monitors: Vec<Monitor> = self
            .monitors(candidates)
            .await?
            .into_iter()
            .filter(|m| m.server_id() == Some(id))
            .collect();
        let parts = ServerParts {
            item: None,
            details: Some(&details),
            ips,
            monitors: monitors.iter().collect(),
        };
        let mut server = map::server(&self.settings.account, id, &parts, now_millis());
        for monitor in &monitors {
            let profile = monitor.profile.identifier.as_deref().unwrap_or_default();
            let history: wire::ServersGetMonHistory = self
                .read(
                    &wire::SERVERS_GET_MON_HISTORY,
                    profile,
                    Vars::identifier(profile),
                )
                .await?;
            server.details.extend(map::alert_history(&history));
        }
        Ok(server)
    }

    async fn power(&self, action: Action, id: &str) -> Result<String> {
        let (call, done) = match action {
            Action::Reboot => (wire::SERVERS_TRIGGER_REBOOT, "reboot sent"),
            Action::PowerOn => (wire::SERVERS_TRIGGER_POWERON, "power-on sent"),
            Action::PowerOff => (wire::SERVERS_TRIGGER_POWEROFF, "power-off sent"),
            other => {
                return Err(self.http.error(
                    other.cli_name(),
                    ErrorKind::Unsupported,
                    format!(
                        "{} is not offered by controlepaneel (only reboot, power on and power off, on virtual servers)",
                        other.label()
                    ),
                ))
            }
        };
        self.mutate::<wire::ServerTrigger>(&call, id, Vars::identifier(id))
            .await?;
        Ok(format!("{done} to server {id}"))
    }

    async fn set_ptr(
        &self,
        address: &str,
        hostname: &str,
        remarks: Option<&str>,
    ) -> Result<String> {
        let hostname = hostname.trim();
        if hostname.is_empty() {
            let op = operation(&wire::SERVERS_EDIT_IP, address);
            return Err(self.refuse(&op, "a PTR hostname is needed"));
        }
        // Remarks is required and may be wiped when left out: keep the current one.
        let remarks = match remarks {
            Some(remarks) => remarks.to_string(),
            None => self.ip_details(address).await?.remarks.unwrap_or_default(),
        };
        let vars = Vars::new()
            .with("IP", address)
            .with("PTRRecord", hostname)
            .with("Remarks", remarks);
        self.mutate::<wire::ServersEditIp>(&wire::SERVERS_EDIT_IP, address, vars)
            .await?;
        Ok(format!("PTR of {address} set to {hostname}"))
    }

    /// Requests extra IP addresses for a server (`request_ip`). `count` is
    /// sent as given, so the API's own "Count must be a number" can answer.
    pub async fn request_ips(
        &self,
        server_id: &str,
        ipv6: bool,
        count: &str,
        reason: &str,
    ) -> Result<String> {
        let vars = Vars::identifier(server_id)
            .with("Type", if ipv6 { "2" } else { "1" })
            .with("Count", count.trim())
            .with("Reason", reason);
        self.mutate::<wire::ServersRequestIp>(&wire::SERVERS_REQUEST_IP, server_id, vars)
            .await?;
        let family = if ipv6 { "IPv6" } else { "IPv4" };
        Ok(format!(
            "request for {} {family} addresses for server {server_id} sent",
            count.trim()
        ))
    }

    async fn fresh_check(&self) -> Result<String> {
        let list: wire::ServersList = self.read(&wire::SERVERS_LIST, "", Vars::new()).await?;
        let count = list.servers.items.len();
        Ok(match count {
            1 => "1 server".to_string(),
            n => format!("{n} servers"),
        })
    }

    // -- domains -----------------------------------------------------------

    /// The (SLD, TLD) of a domain id, or a refusal naming `call`.
    fn split<'a>(&self, call: &Call, id: &'a str) -> Result<(&'a str, &'a str)> {
        map::split_domain(id).ok_or_else(|| {
            self.refuse(
                &operation(call, id),
                format!("{id:?} is not a domain name (expected name.tld)"),
            )
        })
    }

    async fn domain_details(&self, id: &str) -> Result<wire::DomainsGetDetails> {
        let (sld, tld) = self.split(&wire::DOMAINS_GET_DETAILS, id)?;
        self.read(&wire::DOMAINS_GET_DETAILS, id, Vars::sld_tld(sld, tld))
            .await
    }

    async fn fetch_domains(&self) -> Result<DomainInventory> {
        let list: wire::DomainsList = self.read(&wire::DOMAINS_LIST, "", Vars::new()).await?;
        let items = list.domains.items;
        let names: Vec<(String, String)> = items
            .iter()
            .map(|item| {
                let sld = item.sld.clone().unwrap_or_default();
                let tld = item.tld.clone().unwrap_or_default();
                (sld, tld)
            })
            .collect();
        let details = fetch_each(names, |(sld, tld)| async move {
            let id = map::domain_name(&sld, &tld);
            let vars = Vars::sld_tld(&sld, &tld);
            self.read::<wire::DomainsGetDetails>(&wire::DOMAINS_GET_DETAILS, &id, vars)
                .await
        })
        .await?;
        let fetched_at = now_millis();
        let account = &self.settings.account;
        let domains = items
            .iter()
            .zip(&details)
            .filter_map(|(item, details)| {
                map::domain(account, Some(item), details.as_ref(), fetched_at)
            })
            .collect();
        Ok(DomainInventory {
            domains,
            contacts: self.fetch_contacts().await?,
        })
    }

    async fn fetch_contacts(&self) -> Result<Vec<Contact>> {
        let list: wire::DomainsListContact = self
            .read(&wire::DOMAINS_LIST_CONTACT, "", Vars::new())
            .await?;
        let items: Vec<wire::ContactData> = list
            .results
            .items
            .into_iter()
            .filter(|c| c.handle_identifier.is_some())
            .collect();
        let ids: Vec<String> = items
            .iter()
            .map(|c| c.handle_identifier.clone().unwrap_or_default())
            .collect();
        let details = fetch_each(ids, |id| async move {
            let vars = Vars::new().with("HandleIdentifier", id.as_str());
            self.read::<wire::DomainsGetContact>(&wire::DOMAINS_GET_CONTACT, &id, vars)
                .await
        })
        .await?;
        let fetched_at = now_millis();
        Ok(items
            .iter()
            .zip(&details)
            .filter_map(|(item, details)| {
                let output = details.as_ref().map(|d| &d.output);
                map::contact(&self.settings.account, item, output, fetched_at)
            })
            .collect())
    }

    async fn fetch_domain(&self, id: &str) -> Result<Domain> {
        let details = self.domain_details(id).await?;
        let (sld, tld) = self.split(&wire::DOMAINS_GET_DETAILS, id)?;
        let item = wire::DomainsListItem {
            sld: Some(sld.to_string()),
            tld: Some(tld.to_string()),
            ..Default::default()
        };
        map::domain(
            &self.settings.account,
            Some(&item),
            Some(&details),
            now_millis(),
        )
        .ok_or_else(|| {
            let op = operation(&wire::DOMAINS_GET_DETAILS, id);
            self.http
                .error(&op, ErrorKind::Parse, "the answer names no domain")
        })
    }

    async fn fetch_history(&self, id: &str) -> Result<Vec<HistoryEntry>> {
        let (sld, tld) = self.split(&wire::DOMAINS_GET_HISTORY, id)?;
        let answer: wire::DomainsGetHistory = self
            .read(&wire::DOMAINS_GET_HISTORY, id, Vars::sld_tld(sld, tld))
            .await?;
        Ok(map::history(&answer))
    }

    /// One of the domain mutations that take only SLD and TLD.
    async fn domain_step(&self, call: &Call, id: &str) -> Result<wire::DomainStep> {
        let (sld, tld) = self.split(call, id)?;
        self.mutate(call, id, Vars::sld_tld(sld, tld)).await
    }

    async fn request_epp(&self, id: &str) -> Result<String> {
        self.domain_step(&wire::DOMAINS_REQUEST_EPP, id).await?;
        // The codes do not tell the owner from the admin contact (one Success1).
        Ok(format!(
            "transfer code sent by e-mail to the owner and/or admin contact of {id}"
        ))
    }

    /// Brings the lock to `locked`. `edit_lock` is a toggle, so the current
    /// state is read first, and nothing is sent when it is already right or
    /// cannot be told.
    async fn set_lock(&self, id: &str, locked: bool) -> Result<String> {
        let word = |locked: bool| if locked { "locked" } else { "unlocked" };
        let details = self.domain_details(id).await?;
        let lock_status = details.general.lock_status.as_deref();
        let op = operation(&wire::DOMAINS_EDIT_LOCK, id);
        match map::lock_state(lock_status) {
            Some(now) if now == locked => return Ok(format!("{id} is already {}", word(locked))),
            Some(_) => {}
            None => {
                return Err(self.refuse(
                    &op,
                    format!(
                        "cannot tell whether {id} is locked now (LockStatus {:?}); edit_lock is a toggle, so nothing was sent",
                        lock_status.unwrap_or("missing")
                    ),
                ))
            }
        }
        let answer = self.domain_step(&wire::DOMAINS_EDIT_LOCK, id).await?;
        let code = answer
            .action1
            .as_ref()
            .and_then(|a| a.status.as_deref())
            .unwrap_or_default();
        let api = |cause: String| self.http.error(&op, ErrorKind::Api, cause);
        let now = match code.trim_start_matches(char::is_alphabetic) {
            "1" => false,
            "2" => true,
            _ => {
                return Err(api(format!(
                    "edit_lock answered Action1 {code}, an undocumented code, so the lock state of {id} is not known; check the domain"
                )))
            }
        };
        if now != locked {
            return Err(api(format!(
                "edit_lock toggled {id} the other way: it is now {} (Action1 {code}), though {} was wanted; check the domain before trying again",
                word(now),
                word(locked)
            )));
        }
        Ok(format!("{id} is now {}", word(locked)))
    }

    async fn set_nameservers(&self, id: &str, nameservers: &[String]) -> Result<String> {
        let names: Vec<&str> = nameservers
            .iter()
            .map(|n| n.trim())
            .filter(|n| !n.is_empty())
            .collect();
        let call = wire::DOMAINS_EDIT_DNS;
        if !(2..=3).contains(&names.len()) {
            return Err(self.refuse(
                &operation(&call, id),
                format!(
                    "a domain needs 2 or 3 nameservers (DNS1 and DNS2 required, DNS3 optional); got {}",
                    names.len()
                ),
            ));
        }
        let (sld, tld) = self.split(&call, id)?;
        let vars = Vars::sld_tld(sld, tld)
            .with("DNS1", names[0])
            .with("DNS2", names[1])
            .opt("DNS3", names.get(2).copied());
        self.mutate::<wire::DomainsEditDns>(&call, id, vars).await?;
        Ok(format!("nameservers of {id} set to {}", names.join(", ")))
    }

    async fn set_domain_contacts(
        &self,
        id: &str,
        owner: &str,
        admin: &str,
        tech: &str,
    ) -> Result<String> {
        let call = wire::DOMAINS_EDIT_DETAILS;
        let handles = [
            ("OwnerHandle", owner),
            ("AdminHandle", admin),
            ("TechHandle", tech),
        ];
        let missing: Vec<&str> = handles
            .iter()
            .filter(|(_, h)| h.trim().is_empty())
            .map(|(name, _)| *name)
            .collect();
        if !missing.is_empty() {
            return Err(self.refuse(
                &operation(&call, id),
                format!(
                    "all three handles are required; missing {}",
                    missing.join(", ")
                ),
            ));
        }
        let (sld, tld) = self.split(&call, id)?;
        let vars = handles
            .iter()
            .fold(Vars::sld_tld(sld, tld), |vars, (name, h)| {
                vars.with(name, h.trim())
            });
        self.mutate::<wire::DomainsEditContacts>(&call, id, vars)
            .await?;
        Ok(format!(
            "contacts of {id} changed and applied at the registrar (owner {}, admin {}, tech {})",
            owner.trim(),
            admin.trim(),
            tech.trim()
        ))
    }

    async fn cancel(&self, id: &str, immediate: bool) -> Result<String> {
        if immediate {
            self.domain_step(&wire::DOMAINS_CANCEL_DIRECT, id).await?;
            return Ok(format!("{id} cancelled with immediate effect"));
        }
        let answer = self.domain_step(&wire::DOMAINS_CANCEL, id).await?;
        // The success text carries the date the cancellation takes effect.
        let when = answer
            .action1
            .as_ref()
            .and_then(|a| a.description.as_deref())
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        Ok(format!(
            "{id} will be cancelled at the end of its term{when}"
        ))
    }

    // -- contacts ----------------------------------------------------------

    /// The contact variables in the document's order, after checking that
    /// the required ones are given.
    fn contact_vars(&self, op: &str, fields: &ContactFields, vars: Vars) -> Result<Vars> {
        let required = [
            ("Handle", &fields.handle),
            ("Gender", &fields.gender),
            ("FirstName", &fields.first_name),
            ("LastName", &fields.last_name),
            ("Address", &fields.address),
            ("ZipCode", &fields.zip_code),
            ("City", &fields.city),
            ("Country", &fields.country),
            ("PhoneNumber", &fields.phone_number),
        ];
        let missing: Vec<&str> = required
            .iter()
            .filter(|(_, v)| v.trim().is_empty())
            .map(|(name, _)| *name)
            .collect();
        if !missing.is_empty() {
            return Err(self.refuse(
                op,
                format!("required fields missing: {}", missing.join(", ")),
            ));
        }
        Ok(vars
            .with("Handle", fields.handle.trim())
            .opt("CompanyName", Some(fields.company_name.as_str()))
            .opt("CompanyNumber", Some(fields.company_number.as_str()))
            .opt("LegalForm", Some(fields.legal_form.as_str()))
            .opt("TaxNumber", Some(fields.tax_number.as_str()))
            .with("Gender", fields.gender.trim())
            .with("FirstName", fields.first_name.trim())
            .with("LastName", fields.last_name.trim())
            .with("Address", fields.address.trim())
            .with("ZipCode", fields.zip_code.trim())
            .with("City", fields.city.trim())
            .with("Country", fields.country.trim())
            .with("PhoneNumber", fields.phone_number.trim())
            .opt("FaxNumber", Some(fields.fax_number.as_str())))
    }

    async fn add_contact(&self, fields: &ContactFields) -> Result<String> {
        let call = wire::DOMAINS_ADD_CONTACT;
        let handle = fields.handle.trim();
        let vars = self.contact_vars(&operation(&call, handle), fields, Vars::new())?;
        let answer: wire::DomainsAddContact = self.mutate(&call, handle, vars).await?;
        Ok(match answer.output.handle_identifier {
            Some(id) => format!("contact {handle} added as {id}"),
            None => format!("contact {handle} added (the answer names no HandleIdentifier)"),
        })
    }

    async fn edit_contact(&self, id: &str, fields: &ContactFields) -> Result<String> {
        let call = wire::DOMAINS_EDIT_CONTACT;
        let vars = Vars::new().with("HandleIdentifier", id);
        let vars = self.contact_vars(&operation(&call, id), fields, vars)?;
        self.mutate::<wire::DomainsEditContact>(&call, id, vars)
            .await?;
        Ok(format!("contact {id} ({}) changed", fields.handle.trim()))
    }

    async fn delete_contact(&self, id: &str) -> Result<String> {
        let vars = Vars::new().with("HandleIdentifier", id);
        self.mutate::<wire::DomainsDelContact>(&wire::DOMAINS_DEL_CONTACT, id, vars)
            .await?;
        Ok(format!("contact {id} deleted"))
    }

    // -- colocation --------------------------------------------------------

    async fn fetch_colocation(&self) -> Result<Colocation> {
        let visitors: wire::ColocationListVisitor = self
            .read(&wire::COLOCATION_LIST_VISITOR, "", Vars::new())
            .await?;
        let visits: wire::ColocationListVisit = self
            .read(&wire::COLOCATION_LIST_VISIT, "", Vars::new())
            .await?;
        let visitor_ids: Vec<Option<String>> = visitors
            .visitors
            .items
            .iter()
            .map(|v| v.identifier.clone())
            .collect();
        let visitor_details = fetch_each(visitor_ids, |id| async move {
            let id = id.unwrap_or_default();
            let call = wire::COLOCATION_GET_VISITOR;
            self.read::<wire::ColocationGetVisitor>(&call, &id, Vars::identifier(&id))
                .await
        })
        .await?;
        let visit_ids: Vec<Option<String>> = visits
            .visits
            .items
            .iter()
            .map(|v| v.identifier.clone())
            .collect();
        let visit_details = fetch_each(visit_ids, |id| async move {
            let id = id.unwrap_or_default();
            let call = wire::COLOCATION_GET_VISIT;
            self.read::<wire::ColocationGetVisit>(&call, &id, Vars::identifier(&id))
                .await
        })
        .await?;
        let account = &self.settings.account;
        Ok(Colocation {
            visitors: visitors
                .visitors
                .items
                .iter()
                .zip(&visitor_details)
                .map(|(item, details)| map::visitor(account, item, details.as_ref()))
                .collect(),
            visits: visits
                .visits
                .items
                .iter()
                .zip(&visit_details)
                .map(|(item, details)| map::visit(account, item, details.as_ref()))
                .collect(),
            fetched_at: now_millis(),
        })
    }

    // -- commands ----------------------------------------------------------

    async fn run(&self, command: &Command, target: &Ref) -> Result<String> {
        if target.kind != command.target_kind() {
            return Err(self.refuse(
                command.cli_name(),
                format!(
                    "{} acts on a {:?}, not on a {:?}",
                    command.label(),
                    command.target_kind(),
                    target.kind
                ),
            ));
        }
        let id = target.id.as_str();
        match command {
            Command::Power(action) => self.power(*action, id).await,
            Command::SetPtr { hostname, remarks } => {
                self.set_ptr(id, hostname, remarks.as_deref()).await
            }
            Command::RequestEpp => self.request_epp(id).await,
            Command::SetLock { locked } => self.set_lock(id, *locked).await,
            Command::SetNameservers { nameservers } => self.set_nameservers(id, nameservers).await,
            Command::SetDomainContacts { owner, admin, tech } => {
                self.set_domain_contacts(id, owner, admin, tech).await
            }
            Command::CancelDomain { immediate } => self.cancel(id, *immediate).await,
            Command::AddContact(fields) => self.add_contact(fields).await,
            Command::EditContact(fields) => self.edit_contact(id, fields).await,
            Command::DeleteContact => self.delete_contact(id).await,
        }
    }
}

/// The list entries of both address families that pass `keep`, with their kind.
fn ip_entries(
    list: wire::ServersListIp,
    keep: impl Fn(&wire::IpListItem) -> bool,
) -> Vec<(wire::IpListItem, &'static str)> {
    let v4 = list.ipv4_addresses.items.into_iter().map(|i| (i, "IPv4"));
    let v6 = list.ipv6_addresses.items.into_iter().map(|i| (i, "IPv6"));
    v4.chain(v6)
        .filter(|(item, _)| item.ip.is_some() && keep(item))
        .collect()
}

fn ips_of(ips: &[Ip], server_id: &str) -> Vec<Ip> {
    ips.iter()
        .filter(|ip| ip.server_id.as_deref() == Some(server_id))
        .cloned()
        .collect()
}

/// The message for a status that is neither a success nor an error.
fn unknown_outcome(call: &Call, field: &str, code: Option<String>) -> String {
    let seen = match code {
        Some(code) => format!("{field} is {code:?}, which is neither a success nor an error"),
        None => format!("the answer has no {field}"),
    };
    if call.mutates() {
        format!(
            "{seen}, so it is not known whether the change was made; check before sending it again"
        )
    } else {
        format!("{seen}, so the answer cannot be trusted")
    }
}

/// The message for a mutation whose first step succeeded and a later one failed.
fn partly_done(call: &Call, failed: &str) -> String {
    if *call == wire::DOMAINS_EDIT_DETAILS {
        format!(
            "the new contacts were stored by controlepaneel but NOT applied at the registrar ({failed})"
        )
    } else {
        format!("partly done: the first step succeeded, but {failed}")
    }
}

impl Provider for ControlepaneelProvider {
    fn account(&self) -> &str {
        &self.settings.account
    }

    fn kind(&self) -> &'static str {
        KIND
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

    /// No series: the API has no history of its gauges. Load and cabinet
    /// amps arrive as [`Inventory::samples`] on every refresh instead.
    fn telemetry(&self, _server_id: &str) -> BoxFut<'_, Result<Vec<MetricSeries>>> {
        Box::pin(std::future::ready(Ok(Vec::new())))
    }

    fn execute<'a>(
        &'a self,
        command: &'a Command,
        target: &'a Ref,
    ) -> BoxFut<'a, Result<Submitted>> {
        Box::pin(async move { self.run(command, target).await.map(Submitted::Done) })
    }

    fn job_status(&self, handle: &str) -> BoxFut<'_, Result<JobProgress>> {
        let error = self.http.error(
            &format!("job {handle}"),
            ErrorKind::Unsupported,
            "controlepaneel answers every command at once; there are no queued requests to follow",
        );
        Box::pin(std::future::ready(Err(error)))
    }

    fn capabilities(&self) -> Vec<Capability> {
        vec![
            Capability::ReverseDns,
            Capability::Monitoring,
            Capability::Domains,
            Capability::Contacts,
            Capability::Colocation,
        ]
    }

    fn domains(&self) -> BoxFut<'_, Result<DomainInventory>> {
        Box::pin(self.fetch_domains())
    }

    fn domain(&self, id: &str) -> BoxFut<'_, Result<Domain>> {
        let id = id.trim().to_ascii_lowercase();
        Box::pin(async move { self.fetch_domain(&id).await })
    }

    fn domain_history(&self, id: &str) -> BoxFut<'_, Result<Vec<HistoryEntry>>> {
        let id = id.trim().to_ascii_lowercase();
        Box::pin(async move { self.fetch_history(&id).await })
    }

    fn colocation(&self) -> BoxFut<'_, Result<Colocation>> {
        Box::pin(self.fetch_colocation())
    }
}
