//! The reads of the controlepaneel provider: the server inventory (list,
//! then details, IPs and monitoring profiles with bounded fan-out), one
//! server with its alert history, domains and contacts, domain history,
//! and colocation visitors and visits.

use super::client::{fetch_each, operation, Vars};
use super::map::{self, Monitor, ServerParts};
use super::pull::FromAnswer;
use super::wire::{self, Call, Reply};
use super::ControlepaneelProvider;
use crate::model::{
    now_millis, Colocation, Contact, Domain, HistoryEntry, Ip, Server, Visit, Visitor,
};
use crate::provider::{DomainInventory, ErrorKind, Inventory, Result};

impl ControlepaneelProvider {
    pub(super) async fn server_details(&self, id: &str) -> Result<wire::ServersGetDetails> {
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

    pub(super) async fn ip_details(&self, address: &str) -> Result<wire::ServersGetIp> {
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
        let ids = profiles.iter().map(|p| p.identifier.clone()).collect();
        let details: Vec<Option<wire::ServersGetMon>> =
            self.each_by_identifier(wire::SERVERS_GET_MON, ids).await?;
        Ok(profiles
            .into_iter()
            .zip(details)
            .map(|(profile, details)| Monitor { profile, details })
            .collect())
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
        let details: Vec<Option<wire::ServersGetDetails>> = self
            .each_by_identifier(wire::SERVERS_GET_DETAILS, ids)
            .await?;
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

    pub(super) async fn fetch_server(&self, id: &str) -> Result<Server> {
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

    pub(super) async fn fetch_domains(&self) -> Result<DomainInventory> {
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
            missing: Vec::new(),
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
            let op = operation(&wire::DOMAINS_GET_DETAILS, id);
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
        Ok(Colocation {
            visitors: self.visitors().await?,
            visits: self.visits().await?,
            fetched_at: now_millis(),
            missing: Vec::new(),
        })
    }

    async fn visitors(&self) -> Result<Vec<Visitor>> {
        let list: wire::ColocationListVisitor = self
            .read(&wire::COLOCATION_LIST_VISITOR, "", Vars::new())
            .await?;
        let items = list.visitors.items;
        let ids = items.iter().map(|v| v.identifier.clone()).collect();
        let details: Vec<Option<wire::ColocationGetVisitor>> = self
            .each_by_identifier(wire::COLOCATION_GET_VISITOR, ids)
            .await?;
        let account = &self.settings.account;
        Ok(items
            .iter()
            .zip(&details)
            .map(|(item, details)| map::visitor(account, item, details.as_ref()))
            .collect())
    }

    async fn visits(&self) -> Result<Vec<Visit>> {
        let list: wire::ColocationListVisit = self
            .read(&wire::COLOCATION_LIST_VISIT, "", Vars::new())
            .await?;
        let items = list.visits.items;
        let ids = items.iter().map(|v| v.identifier.clone()).collect();
        let details: Vec<Option<wire::ColocationGetVisit>> = self
            .each_by_identifier(wire::COLOCATION_GET_VISIT, ids)
            .await?;
        let account = &self.settings.account;
        Ok(items
            .iter()
            .zip(&details)
            .map(|(item, details)| map::visit(account, item, details.as_ref()))
            .collect())
    }

    /// `call`, which takes an `Identifier`, for each id, a few at a time
    /// (see [`fetch_each`]); `None` where it failed for that object alone.
    async fn each_by_identifier<T: FromAnswer + Reply>(
        &self,
        call: Call,
        ids: Vec<Option<String>>,
    ) -> Result<Vec<Option<T>>> {
        fetch_each(ids, |id| async move {
            let id = id.unwrap_or_default();
            self.read::<T>(&call, &id, Vars::identifier(&id)).await
        })
        .await
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
