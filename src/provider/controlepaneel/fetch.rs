//! The reads of the controlepaneel provider, each a primary list with its
//! enrichments (see [`crate::provider::refresh`]):
//! - the inventory: `servers list`; then `get_details` per server,
//!   `list_ip` with `get_ip` per address, `list_mon` with `get_mon` per
//!   profile;
//! - one server: its `get_details`; then its addresses, its monitoring
//!   profiles and their alert history;
//! - domains: `domains list`; then `get_details` per domain, and the
//!   contact list with `get_contact` per contact;
//! - colocation: visitors and visits, each a part (both failing is the
//!   error), with their details.

use super::client::Vars;
use super::map::{self, Monitor, ServerParts};
use super::pull::FromAnswer;
use super::wire::{self, Call, Reply};
use super::ControlepaneelProvider;
use crate::model::{
    now_millis, Colocation, Contact, Domain, HistoryEntry, Ip, Millis, Missing, Server, Visit,
    Visitor,
};
use crate::provider::http::operation;
use crate::provider::refresh::{self, all_failed, keep, push_once, Gaps, Part, Tally};
use crate::provider::{DomainInventory, ErrorKind, Inventory, Result, ServerSample};
use std::collections::HashMap;

const SERVER_DETAILS: Tally = Tally::new("details", "server", "servers");
const IP_DETAILS: Tally = Tally::new("details", "IP address", "IP addresses");
const PROFILE_DETAILS: Tally = Tally::new("details", "monitoring profile", "monitoring profiles");
const ALERT_HISTORY: Tally =
    Tally::new("alert history", "monitoring profile", "monitoring profiles");
const DOMAIN_DETAILS: Tally = Tally::new("details", "domain", "domains");
const CONTACT_DETAILS: Tally = Tally::new("details", "contact", "contacts");
const VISITOR_DETAILS: Tally = Tally::new("details", "visitor", "visitors");
const VISIT_DETAILS: Tally = Tally::new("details", "visit", "visits");

/// A value read for some server, and the part of it that is missing.
type Known<T> = (T, Option<Missing>);

/// Values read for many servers, by the server they belong to.
struct ByServer<'a, T> {
    /// Why none arrived, when the list failed.
    failed: Option<&'a Missing>,
    of: HashMap<&'a str, Vec<&'a Known<T>>>,
}

impl<'a, T> ByServer<'a, T> {
    fn new(part: &'a Part<Vec<Known<T>>>, owner: fn(&T) -> Option<&str>) -> Self {
        let mut of: HashMap<&str, Vec<&Known<T>>> = HashMap::new();
        for known in part.iter().flatten() {
            if let Some(server) = owner(&known.0) {
                of.entry(server).or_default().push(known);
            }
        }
        ByServer {
            failed: part.as_ref().err(),
            of,
        }
    }

    /// The values of server `id`; what of them is missing goes onto `missing`.
    fn of(&self, id: &str, missing: &mut Vec<Missing>) -> Vec<&'a T> {
        if let Some(failed) = self.failed {
            push_once(missing, failed.clone());
        }
        let mine = self.of.get(id).map_or(&[][..], Vec::as_slice);
        for (_, gap) in mine {
            if let Some(gap) = gap {
                push_once(missing, gap.clone());
            }
        }
        mine.iter().map(|(value, _)| value).collect()
    }
}

fn ip_server(ip: &Ip) -> Option<&str> {
    ip.server_id.as_deref()
}

impl ControlepaneelProvider {
    pub(super) async fn server_details(&self, id: &str) -> Result<wire::ServersGetDetails> {
        self.read(&wire::SERVERS_GET_DETAILS, id, Vars::identifier(id))
            .await
    }

    /// The addresses whose list entry passes `wanted`, with their details.
    async fn ips(
        &self,
        gaps: &mut Gaps,
        wanted: impl Fn(&wire::IpListItem) -> bool,
    ) -> Part<Vec<Known<Ip>>> {
        let list = self.read(&wire::SERVERS_LIST_IP, "", Vars::new()).await;
        let list: wire::ServersListIp = gaps.whole("IP addresses", list)?;
        let entries = ip_entries(list, wanted);
        let addresses: Vec<String> = entries
            .iter()
            .map(|(item, _)| item.ip.clone().unwrap_or_default())
            .collect();
        let details = refresh::each(addresses.clone(), |address| async move {
            self.ip_details(&address).await
        })
        .await;
        let ips = entries.iter().zip(addresses.iter().zip(details));
        Ok(ips
            .filter_map(|((item, kind), (address, details))| {
                let part = format!("details of IP {address}");
                let details = gaps.one(IP_DETAILS, part, details);
                let ip = map::ip(item, kind, details.as_ref().ok())?;
                Some((ip, details.err()))
            })
            .collect())
    }

    pub(super) async fn ip_details(&self, address: &str) -> Result<wire::ServersGetIp> {
        let vars = Vars::new().with("IP", address);
        self.read(&wire::SERVERS_GET_IP, address, vars).await
    }

    /// The monitoring profiles whose list entry passes `wanted`, with
    /// their details.
    async fn monitors(
        &self,
        gaps: &mut Gaps,
        wanted: impl Fn(&wire::MonProfileItem) -> bool,
    ) -> Part<Vec<Known<Monitor>>> {
        let list = self.read(&wire::SERVERS_LIST_MON, "", Vars::new()).await;
        let list: wire::ServersListMon = gaps.whole("monitoring", list)?;
        let profiles: Vec<wire::MonProfileItem> = list
            .monitoring_profiles
            .items
            .into_iter()
            .filter(|p| p.identifier.is_some() && wanted(p))
            .collect();
        let ids = profiles.iter().map(|p| p.identifier.clone()).collect();
        let details = self.each_by_identifier(wire::SERVERS_GET_MON, ids).await;
        Ok(profiles
            .into_iter()
            .zip(details)
            .map(|(profile, details)| {
                let id = profile.identifier.clone().unwrap_or_default();
                let part = format!("details of monitoring profile {id}");
                let details = gaps.one(PROFILE_DETAILS, part, details);
                let gap = details.as_ref().err().cloned();
                let monitor = Monitor {
                    profile,
                    details: details.ok(),
                };
                (monitor, gap)
            })
            .collect())
    }

    /// One server and its gauges from its parts, with what of them is missing.
    fn assemble(
        &self,
        id: &str,
        item: Option<&wire::ServersListItem>,
        details: Part<wire::ServersGetDetails>,
        shared: (&ByServer<'_, Ip>, &ByServer<'_, Monitor>),
        fetched_at: Millis,
    ) -> (Server, Vec<ServerSample>) {
        let mut missing = Vec::new();
        let details = keep(details, &mut missing);
        let (ips, monitors) = shared;
        let parts = ServerParts {
            item,
            details: details.as_ref(),
            ips: ips.of(id, &mut missing).into_iter().cloned().collect(),
            monitors: monitors.of(id, &mut missing),
        };
        let samples = map::samples(id, &parts);
        let mut server = map::server(&self.settings.account, id, &parts, fetched_at);
        server.missing = missing;
        (server, samples)
    }

    pub(super) async fn fetch_inventory(&self) -> Result<Inventory> {
        let list: wire::ServersList = self.read(&wire::SERVERS_LIST, "", Vars::new()).await?;
        let items: Vec<wire::ServersListItem> = list
            .servers
            .items
            .into_iter()
            .filter(|s| s.identifier.is_some())
            .collect();
        let ids = items.iter().map(|i| i.identifier.clone()).collect();
        let details = self
            .each_by_identifier(wire::SERVERS_GET_DETAILS, ids)
            .await;
        let mut gaps = Gaps::new();
        let all_ips = self.ips(&mut gaps, |_| true).await;
        let all_monitors = self.monitors(&mut gaps, |_| true).await;
        let ips = ByServer::new(&all_ips, ip_server);
        let monitors = ByServer::new(&all_monitors, Monitor::server_id);
        let fetched_at = now_millis();
        let mut inventory = Inventory::default();
        for (item, details) in items.iter().zip(details) {
            let id = item.identifier.as_deref().unwrap_or_default();
            let details = gaps.one(SERVER_DETAILS, "details", details);
            let (server, samples) =
                self.assemble(id, Some(item), details, (&ips, &monitors), fetched_at);
            inventory.samples.extend(samples);
            inventory.servers.push(server);
        }
        inventory.missing = gaps.into_missing();
        Ok(inventory)
    }

    pub(super) async fn fetch_server(&self, id: &str) -> Result<Server> {
        let details = self.server_details(id).await?;
        let mut gaps = Gaps::new();
        let mine = |ip: &wire::IpListItem| ip.server_identifier.as_deref() == Some(id);
        let candidates = |p: &wire::MonProfileItem| {
            p.server_identifier.is_none() || p.server_identifier.as_deref() == Some(id)
        };
        let its_ips = self.ips(&mut gaps, mine).await;
        let its_monitors = self.monitors(&mut gaps, candidates).await;
        let ips = ByServer::new(&its_ips, ip_server);
        let monitors = ByServer::new(&its_monitors, Monitor::server_id);
        let (mut server, _) = self.assemble(id, None, Ok(details), (&ips, &monitors), now_millis());
        let profiles = monitors.of(id, &mut server.missing);
        self.add_alert_history(&mut server, &profiles).await;
        Ok(server)
    }

    /// Adds each profile's alert history to the server's details.
    async fn add_alert_history(&self, server: &mut Server, monitors: &[&Monitor]) {
        let profiles: Vec<String> = monitors
            .iter()
            .map(|m| m.profile.identifier.clone().unwrap_or_default())
            .collect();
        let histories = refresh::each(profiles.clone(), |profile| async move {
            let vars = Vars::identifier(&profile);
            let call = &wire::SERVERS_GET_MON_HISTORY;
            self.read::<wire::ServersGetMonHistory>(call, &profile, vars)
                .await
        })
        .await;
        let mut gaps = Gaps::new();
        for (profile, history) in profiles.iter().zip(histories) {
            let part = format!("alert history of monitoring profile {profile}");
            let history = gaps.one(ALERT_HISTORY, part, history);
            if let Some(history) = keep(history, &mut server.missing) {
                server.details.extend(map::alert_history(&history));
            }
        }
    }

    pub(super) async fn fresh_check(&self) -> Result<String> {
        let list: wire::ServersList = self.read(&wire::SERVERS_LIST, "", Vars::new()).await?;
        let count = list.servers.items.len();
        Ok(match count {
            1 => "1 server".to_string(),
            n => format!("{n} servers"),
        })
    }

    pub(super) async fn domain_details(&self, id: &str) -> Result<wire::DomainsGetDetails> {
        let (sld, tld) = self.split(&wire::DOMAINS_GET_DETAILS, id)?;
        self.read(&wire::DOMAINS_GET_DETAILS, id, Vars::sld_tld(sld, tld))
            .await
    }

    /// The details of a domain as the list names it.
    async fn listed_domain_details(&self, sld: &str, tld: &str) -> Result<wire::DomainsGetDetails> {
        let id = map::domain_name(sld, tld);
        self.read(&wire::DOMAINS_GET_DETAILS, &id, Vars::sld_tld(sld, tld))
            .await
    }

    pub(super) async fn fetch_domains(&self) -> Result<DomainInventory> {
        let list: wire::DomainsList = self.read(&wire::DOMAINS_LIST, "", Vars::new()).await?;
        let items = list.domains.items;
        let names: Vec<(String, String)> = items
            .iter()
            .map(|item| {
                let sld = item.sld.clone().unwrap_or_default();
                (sld, item.tld.clone().unwrap_or_default())
            })
            .collect();
        let details = refresh::each(names, |(sld, tld)| async move {
            self.listed_domain_details(&sld, &tld).await
        })
        .await;
        let mut gaps = Gaps::new();
        let fetched_at = now_millis();
        let account = &self.settings.account;
        let domains = items
            .iter()
            .zip(details)
            .filter_map(|(item, details)| {
                let mut missing = Vec::new();
                let details = keep(gaps.one(DOMAIN_DETAILS, "details", details), &mut missing);
                let mut domain = map::domain(account, Some(item), details.as_ref(), fetched_at)?;
                domain.missing = missing;
                Some(domain)
            })
            .collect();
        let contacts = self.contacts(&mut gaps).await;
        Ok(DomainInventory {
            domains,
            contacts: gaps.whole("contacts", contacts).unwrap_or_default(),
            missing: gaps.into_missing(),
        })
    }

    /// The contact list, each contact with its details where they arrived.
    async fn contacts(&self, gaps: &mut Gaps) -> Result<Vec<Contact>> {
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
        let details = refresh::each(ids, |id| async move {
            let vars = Vars::new().with("HandleIdentifier", id.as_str());
            let call = &wire::DOMAINS_GET_CONTACT;
            self.read::<wire::DomainsGetContact>(call, &id, vars).await
        })
        .await;
        let fetched_at = now_millis();
        Ok(items
            .iter()
            .zip(details)
            .filter_map(|(item, details)| {
                let details = gaps.one(CONTACT_DETAILS, "details", details).ok();
                let output = details.as_ref().map(|d| &d.output);
                map::contact(&self.settings.account, item, output, fetched_at)
            })
            .collect())
    }

    pub(super) async fn fetch_domain(&self, id: &str) -> Result<Domain> {
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
            let op = operation(wire::DOMAINS_GET_DETAILS, id);
            self.http
                .error(&op, ErrorKind::Parse, "the answer names no domain")
        })
    }

    pub(super) async fn fetch_history(&self, id: &str) -> Result<Vec<HistoryEntry>> {
        let (sld, tld) = self.split(&wire::DOMAINS_GET_HISTORY, id)?;
        let answer: wire::DomainsGetHistory = self
            .read(&wire::DOMAINS_GET_HISTORY, id, Vars::sld_tld(sld, tld))
            .await?;
        Ok(map::history(&answer))
    }

    pub(super) async fn fetch_colocation(&self) -> Result<Colocation> {
        let mut gaps = Gaps::new();
        let visitors = self.visitors(&mut gaps).await;
        let visits = self.visits(&mut gaps).await;
        if let Some(error) = all_failed([visitors.as_ref().err(), visits.as_ref().err()]) {
            return Err(error);
        }
        Ok(Colocation {
            visitors: gaps.whole("visitors", visitors).unwrap_or_default(),
            visits: gaps.whole("visits", visits).unwrap_or_default(),
            fetched_at: now_millis(),
            missing: gaps.into_missing(),
        })
    }

    async fn visitors(&self, gaps: &mut Gaps) -> Result<Vec<Visitor>> {
        let list: wire::ColocationListVisitor = self
            .read(&wire::COLOCATION_LIST_VISITOR, "", Vars::new())
            .await?;
        let items = list.visitors.items;
        let ids = items.iter().map(|v| v.identifier.clone()).collect();
        let details = self
            .each_by_identifier(wire::COLOCATION_GET_VISITOR, ids)
            .await;
        let account = &self.settings.account;
        Ok(items
            .iter()
            .zip(details)
            .map(|(item, details)| {
                let details = gaps.one(VISITOR_DETAILS, "details", details).ok();
                map::visitor(account, item, details.as_ref())
            })
            .collect())
    }

    async fn visits(&self, gaps: &mut Gaps) -> Result<Vec<Visit>> {
        let list: wire::ColocationListVisit = self
            .read(&wire::COLOCATION_LIST_VISIT, "", Vars::new())
            .await?;
        let items = list.visits.items;
        let ids = items.iter().map(|v| v.identifier.clone()).collect();
        let details = self
            .each_by_identifier(wire::COLOCATION_GET_VISIT, ids)
            .await;
        let account = &self.settings.account;
        Ok(items
            .iter()
            .zip(details)
            .map(|(item, details)| {
                let details = gaps.one(VISIT_DETAILS, "details", details).ok();
                map::visit(account, item, details.as_ref())
            })
            .collect())
    }

    /// `call`, which takes an `Identifier`, for each id, a few at a time.
    async fn each_by_identifier<T: FromAnswer + Reply>(
        &self,
        call: Call,
        ids: Vec<Option<String>>,
    ) -> Vec<Result<T>> {
        refresh::each(ids, |id| async move {
            let id = id.unwrap_or_default();
            self.read::<T>(&call, &id, Vars::identifier(&id)).await
        })
        .await
    }
}

/// The list entries of both address families that pass `wanted`, with their kind.
fn ip_entries(
    list: wire::ServersListIp,
    wanted: impl Fn(&wire::IpListItem) -> bool,
) -> Vec<(wire::IpListItem, &'static str)> {
    let v4 = list.ipv4_addresses.items.into_iter().map(|i| (i, "IPv4"));
    let v6 = list.ipv6_addresses.items.into_iter().map(|i| (i, "IPv6"));
    v4.chain(v6)
        .filter(|(item, _)| item.ip.is_some() && wanted(item))
        .collect()
}
