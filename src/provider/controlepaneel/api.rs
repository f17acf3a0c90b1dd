//! The controlepaneel provider's APIs: servers, power (virtual servers
//! only), reverse DNS, IP requests, domains with their registry actions,
//! contacts and colocation. Every
//! command is answered at once ([`Submitted::Done`]), so there is no queue,
//! and the API keeps no gauge history, so there is no telemetry: load and
//! cabinet amps arrive as [`Inventory::samples`] on every refresh instead.

use super::commands::POWER_ACTIONS;
use super::ControlepaneelProvider;
use crate::model::{Action, Colocation, ContactFields, Domain, HistoryEntry, ProviderKind, Server};
use crate::provider::{
    done, BoxFut, ColocationApi, ContactApi, DomainApi, DomainHandles, DomainInventory, Inventory,
    IpRequestApi, PowerApi, Provider, PtrChange, RegistryApi, Result, ReverseDnsApi, ServerApi,
    Submitted,
};

/// A domain id as the API's calls take it.
fn domain_id(id: &str) -> String {
    id.trim().to_ascii_lowercase()
}

impl Provider for ControlepaneelProvider {
    fn account(&self) -> &str {
        &self.settings.account
    }

    fn kind(&self) -> ProviderKind {
        ProviderKind::Controlepaneel
    }

    fn check(&self) -> BoxFut<'_, Result<String>> {
        Box::pin(self.fresh_check())
    }

    fn servers(&self) -> &dyn ServerApi {
        self
    }

    fn power(&self) -> Option<&dyn PowerApi> {
        Some(self)
    }

    fn reverse_dns(&self) -> Option<&dyn ReverseDnsApi> {
        Some(self)
    }

    fn ip_requests(&self) -> Option<&dyn IpRequestApi> {
        Some(self)
    }

    fn domains(&self) -> Option<&dyn DomainApi> {
        Some(self)
    }

    fn registry(&self) -> Option<&dyn RegistryApi> {
        Some(self)
    }

    fn contacts(&self) -> Option<&dyn ContactApi> {
        Some(self)
    }

    fn colocation(&self) -> Option<&dyn ColocationApi> {
        Some(self)
    }
}

impl ServerApi for ControlepaneelProvider {
    fn inventory(&self) -> BoxFut<'_, Result<Inventory>> {
        Box::pin(self.fetch_inventory())
    }

    fn server(&self, id: &str) -> BoxFut<'_, Result<Server>> {
        let id = id.to_string();
        Box::pin(async move { self.fetch_server(&id).await })
    }
}

impl PowerApi for ControlepaneelProvider {
    fn actions(&self) -> &'static [Action] {
        &POWER_ACTIONS
    }

    fn power<'a>(&'a self, action: Action, server_id: &'a str) -> BoxFut<'a, Result<Submitted>> {
        done(self.power(action, server_id))
    }
}

impl ReverseDnsApi for ControlepaneelProvider {
    /// controlepaneel finds the address itself; `server` is not needed.
    fn set_ptr<'a>(&'a self, ptr: PtrChange<'a>) -> BoxFut<'a, Result<Submitted>> {
        done(self.set_ptr(ptr.address, ptr.hostname, ptr.remarks))
    }
}

impl IpRequestApi for ControlepaneelProvider {
    fn request_ips<'a>(
        &'a self,
        server_id: &'a str,
        ipv6: bool,
        count: u32,
        reason: &'a str,
    ) -> BoxFut<'a, Result<Submitted>> {
        done(async move {
            self.request_ip(server_id, ipv6, &count.to_string(), reason)
                .await
        })
    }
}

impl DomainApi for ControlepaneelProvider {
    fn domains(&self) -> BoxFut<'_, Result<DomainInventory>> {
        Box::pin(self.fetch_domains())
    }

    fn domain(&self, id: &str) -> BoxFut<'_, Result<Domain>> {
        let id = domain_id(id);
        Box::pin(async move { self.fetch_domain(&id).await })
    }

    fn set_nameservers<'a>(
        &'a self,
        id: &'a str,
        nameservers: &'a [String],
    ) -> BoxFut<'a, Result<Submitted>> {
        done(self.set_nameservers(id, nameservers))
    }
}

impl RegistryApi for ControlepaneelProvider {
    fn history(&self, id: &str) -> BoxFut<'_, Result<Vec<HistoryEntry>>> {
        let id = domain_id(id);
        Box::pin(async move { self.fetch_history(&id).await })
    }

    fn request_epp<'a>(&'a self, id: &'a str) -> BoxFut<'a, Result<Submitted>> {
        done(self.request_epp(id))
    }

    fn set_lock<'a>(&'a self, id: &'a str, locked: bool) -> BoxFut<'a, Result<Submitted>> {
        done(self.set_lock(id, locked))
    }

    fn set_contacts<'a>(
        &'a self,
        id: &'a str,
        handles: DomainHandles<'a>,
    ) -> BoxFut<'a, Result<Submitted>> {
        done(self.set_domain_contacts(id, handles))
    }

    fn cancel<'a>(&'a self, id: &'a str, immediate: bool) -> BoxFut<'a, Result<Submitted>> {
        done(self.cancel(id, immediate))
    }
}

impl ContactApi for ControlepaneelProvider {
    fn add_contact<'a>(&'a self, fields: &'a ContactFields) -> BoxFut<'a, Result<Submitted>> {
        done(self.add_contact(fields))
    }

    fn edit_contact<'a>(
        &'a self,
        id: &'a str,
        fields: &'a ContactFields,
    ) -> BoxFut<'a, Result<Submitted>> {
        done(self.edit_contact(id, fields))
    }

    fn delete_contact<'a>(&'a self, id: &'a str) -> BoxFut<'a, Result<Submitted>> {
        done(self.delete_contact(id))
    }
}

impl ColocationApi for ControlepaneelProvider {
    fn colocation(&self) -> BoxFut<'_, Result<Colocation>> {
        Box::pin(self.fetch_colocation())
    }
}
