//! The CLC provider's APIs: servers, power (queued), the request queue and
//! telemetry (hourly cost). It has no reverse DNS, domains, contacts, IP
//! requests or colocation (digest §6), so those stay `None`.

use super::ClcProvider;
use crate::model::{Action, MetricSeries, ProviderKind, Server};
use crate::provider::{
    BoxFut, Inventory, JobProgress, PowerApi, Provider, QueueApi, Result, ServerApi, Submitted,
    TelemetryApi,
};

impl Provider for ClcProvider {
    fn account(&self) -> &str {
        &self.settings.account
    }

    fn kind(&self) -> ProviderKind {
        ProviderKind::Clc
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

    fn queue(&self) -> Option<&dyn QueueApi> {
        Some(self)
    }

    fn telemetry(&self) -> Option<&dyn TelemetryApi> {
        Some(self)
    }
}

impl ServerApi for ClcProvider {
    fn inventory(&self) -> BoxFut<'_, Result<Inventory>> {
        Box::pin(self.fetch_inventory())
    }

    fn server(&self, id: &str) -> BoxFut<'_, Result<Server>> {
        let id = id.to_string();
        Box::pin(async move { self.fetch_server(&id).await })
    }
}

impl PowerApi for ClcProvider {
    fn actions(&self) -> &'static [Action] {
        &Action::ALL
    }

    fn power<'a>(&'a self, action: Action, server_id: &'a str) -> BoxFut<'a, Result<Submitted>> {
        Box::pin(self.run_action(action, server_id))
    }
}

impl QueueApi for ClcProvider {
    fn job_status(&self, handle: &str) -> BoxFut<'_, Result<JobProgress>> {
        let handle = handle.to_string();
        Box::pin(async move { self.fetch_job(&handle).await })
    }
}

impl TelemetryApi for ClcProvider {
    fn telemetry(&self, server_id: &str) -> BoxFut<'_, Result<Vec<MetricSeries>>> {
        let id = server_id.to_string();
        Box::pin(async move { self.fetch_telemetry(&id).await })
    }
}
