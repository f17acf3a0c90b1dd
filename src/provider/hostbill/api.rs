//! The XSServer provider's APIs: servers (the configured services, with
//! their PDU readings as gauges per refresh), reverse DNS of service
//! addresses, domains with their nameservers and the reset to XSServer's
//! defaults, their DNS records, and tickets. The document has no power operations, no
//! telemetry history, no domain contacts and no registry actions, so
//! those stay `None`.

use super::HostbillProvider;
use crate::model::{
    DnsRecord, Domain, NewTicket, ProviderKind, RecordFields, Server, Ticket, TicketOptions,
};
use crate::provider::{
    done, BoxFut, DnsApi, DomainApi, DomainInventory, Inventory, NameserverResetApi, Provider,
    PtrChange, RecordChange, Result, ReverseDnsApi, ServerApi, Submitted, TicketApi,
    TicketInventory, TicketScope,
};

impl Provider for HostbillProvider {
    fn account(&self) -> &str {
        &self.settings.account
    }

    fn kind(&self) -> ProviderKind {
        ProviderKind::Hostbill
    }

    fn check(&self) -> BoxFut<'_, Result<String>> {
        Box::pin(self.fresh_check())
    }

    fn servers(&self) -> &dyn ServerApi {
        self
    }

    fn reverse_dns(&self) -> Option<&dyn ReverseDnsApi> {
        Some(self)
    }

    fn domains(&self) -> Option<&dyn DomainApi> {
        Some(self)
    }

    fn nameserver_reset(&self) -> Option<&dyn NameserverResetApi> {
        Some(self)
    }

    fn tickets(&self) -> Option<&dyn TicketApi> {
        Some(self)
    }

    fn dns(&self) -> Option<&dyn DnsApi> {
        Some(self)
    }
}

impl ServerApi for HostbillProvider {
    fn inventory(&self) -> BoxFut<'_, Result<Inventory>> {
        Box::pin(self.fetch_inventory())
    }

    fn server(&self, id: &str) -> BoxFut<'_, Result<Server>> {
        let id = id.to_string();
        Box::pin(async move { self.fetch_server(&id).await })
    }
}

impl ReverseDnsApi for HostbillProvider {
    /// `ptr.server`, where given, names the service; otherwise the
    /// configured service listing the address is found first.
    fn set_ptr<'a>(&'a self, ptr: PtrChange<'a>) -> BoxFut<'a, Result<Submitted>> {
        done(self.set_ptr(ptr))
    }
}

impl DomainApi for HostbillProvider {
    fn domains(&self) -> BoxFut<'_, Result<DomainInventory>> {
        Box::pin(self.fetch_domains())
    }

    fn domain(&self, id: &str) -> BoxFut<'_, Result<Domain>> {
        let id = id.to_string();
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

impl NameserverResetApi for HostbillProvider {
    fn reset_nameservers<'a>(&'a self, id: &'a str) -> BoxFut<'a, Result<Submitted>> {
        done(self.reset_nameservers(id))
    }
}

impl DnsApi for HostbillProvider {
    fn records<'a>(&'a self, domain: &'a str) -> BoxFut<'a, Result<Vec<DnsRecord>>> {
        Box::pin(self.fetch_records(domain))
    }

    fn add_record<'a>(
        &'a self,
        domain: &'a str,
        record: &'a RecordFields,
    ) -> BoxFut<'a, Result<Submitted>> {
        done(self.add_record(domain, record))
    }

    fn edit_record<'a>(
        &'a self,
        domain: &'a str,
        change: RecordChange<'a>,
    ) -> BoxFut<'a, Result<Submitted>> {
        done(self.edit_record(domain, change))
    }

    fn delete_record<'a>(
        &'a self,
        domain: &'a str,
        change: RecordChange<'a>,
    ) -> BoxFut<'a, Result<Submitted>> {
        done(self.delete_record(domain, change))
    }
}

impl TicketApi for HostbillProvider {
    fn tickets(&self, scope: TicketScope) -> BoxFut<'_, Result<TicketInventory>> {
        Box::pin(self.fetch_tickets(scope))
    }

    fn ticket(&self, id: &str) -> BoxFut<'_, Result<Ticket>> {
        let id = id.to_string();
        Box::pin(async move { self.fetch_ticket(&id).await })
    }

    fn options(&self) -> BoxFut<'_, Result<TicketOptions>> {
        Box::pin(self.fetch_options())
    }

    fn reply<'a>(&'a self, id: &'a str, body: &'a str) -> BoxFut<'a, Result<Submitted>> {
        done(self.reply(id, body))
    }

    fn close<'a>(&'a self, id: &'a str) -> BoxFut<'a, Result<Submitted>> {
        done(self.set_open(id, false))
    }

    fn reopen<'a>(&'a self, id: &'a str) -> BoxFut<'a, Result<Submitted>> {
        done(self.set_open(id, true))
    }

    fn open<'a>(&'a self, ticket: &'a NewTicket) -> BoxFut<'a, Result<Submitted>> {
        done(self.open_ticket(ticket))
    }
}
