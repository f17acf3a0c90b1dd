//! The i3D.net provider's APIs: servers (with their gauges per poll),
//! telemetry on demand (a colocation's amps per PDU over the last day),
//! reverse DNS of colocation addresses, the datacenter access list and
//! tickets. The document has no power operations and no domains, so those
//! stay `None`.

use super::I3dProvider;
use crate::model::{
    Colocation, MetricSeries, NewTicket, ProviderKind, Server, Ticket, TicketOptions,
};
use crate::provider::{
    done, BoxFut, ColocationApi, Inventory, Provider, PtrChange, Result, ReverseDnsApi, ServerApi,
    Submitted, TelemetryApi, TicketApi, TicketInventory, TicketScope,
};

impl Provider for I3dProvider {
    fn account(&self) -> &str {
        &self.settings.account
    }

    fn kind(&self) -> ProviderKind {
        ProviderKind::I3d
    }

    fn check(&self) -> BoxFut<'_, Result<String>> {
        Box::pin(self.fresh_check())
    }

    fn servers(&self) -> &dyn ServerApi {
        self
    }

    fn telemetry(&self) -> Option<&dyn TelemetryApi> {
        Some(self)
    }

    fn reverse_dns(&self) -> Option<&dyn ReverseDnsApi> {
        Some(self)
    }

    fn colocation(&self) -> Option<&dyn ColocationApi> {
        Some(self)
    }

    fn tickets(&self) -> Option<&dyn TicketApi> {
        Some(self)
    }
}

impl ServerApi for I3dProvider {
    fn inventory(&self) -> BoxFut<'_, Result<Inventory>> {
        Box::pin(self.fetch_inventory())
    }

    fn server(&self, id: &str) -> BoxFut<'_, Result<Server>> {
        let id = id.to_string();
        Box::pin(async move { self.fetch_server(&id).await })
    }
}

impl TelemetryApi for I3dProvider {
    /// A colocation (`colo-N`): one amps series per PDU, oldest first; a
    /// dedicated server (`ds-N`): none.
    fn telemetry(&self, server_id: &str) -> BoxFut<'_, Result<Vec<MetricSeries>>> {
        let id = server_id.to_string();
        Box::pin(async move { self.fetch_telemetry(&id).await })
    }
}

impl ReverseDnsApi for I3dProvider {
    /// `ptr.server` names the colocation the address belongs to.
    fn set_ptr<'a>(&'a self, ptr: PtrChange<'a>) -> BoxFut<'a, Result<Submitted>> {
        done(self.set_ptr(ptr))
    }

    /// No call lists a colocation's addresses: the colocation must be named.
    fn needs_server(&self) -> bool {
        true
    }
}

impl ColocationApi for I3dProvider {
    /// The access list; i3D.net's API has no visits.
    fn colocation(&self) -> BoxFut<'_, Result<Colocation>> {
        Box::pin(self.fetch_colocation())
    }
}

impl TicketApi for I3dProvider {
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
