//! A provider without a network, for the unit tests of the contract:
//! `bare` has only servers, `full` every API. Commands are recorded and
//! answered at once with their call as the note. The DNS API keeps a
//! zone: records added, edited and deleted show in the next list, and a
//! change to a record that is no longer as listed is refused, as the
//! contract asks of providers whose record ids are positions.

use super::*;
use crate::model::{
    Action, Colocation, ContactFields, DnsRecord, Domain, HistoryEntry, MetricSeries, NewTicket,
    RecordFields, Ticket, TicketOptions,
};
use std::sync::Mutex;

pub struct Fake {
    full: bool,
    calls: Mutex<Vec<String>>,
    /// The DNS records of every domain, and the next record id.
    zone: Mutex<(Vec<DnsRecord>, u32)>,
}

impl Fake {
    pub fn bare() -> Self {
        Fake {
            full: false,
            calls: Mutex::new(Vec::new()),
            zone: Mutex::new((Vec::new(), 1)),
        }
    }

    pub fn full() -> Self {
        Fake {
            full: true,
            ..Fake::bare()
        }
    }

    /// Every command sent so far.
    pub fn calls(&self) -> Vec<String> {
        self.calls.lock().map(|c| c.clone()).unwrap_or_default()
    }

    fn when<'a, A: ?Sized>(&self, api: &'a A) -> Option<&'a A> {
        self.full.then_some(api)
    }

    fn done(&self, call: String) -> BoxFut<'_, Result<Submitted>> {
        if let Ok(mut calls) = self.calls.lock() {
            calls.push(call.clone());
        }
        ready(Ok(Submitted::Done(call)))
    }
}

fn ready<'a, T: Send + 'a>(value: T) -> BoxFut<'a, T> {
    Box::pin(std::future::ready(value))
}

impl Provider for Fake {
    fn account(&self) -> &str {
        "fake"
    }

    fn kind(&self) -> ProviderKind {
        ProviderKind::I3d
    }

    fn check(&self) -> BoxFut<'_, Result<String>> {
        ready(Ok("fine".into()))
    }

    fn servers(&self) -> &dyn ServerApi {
        self
    }

    fn power(&self) -> Option<&dyn PowerApi> {
        self.when(self)
    }

    fn queue(&self) -> Option<&dyn QueueApi> {
        self.when(self)
    }

    fn telemetry(&self) -> Option<&dyn TelemetryApi> {
        self.when(self)
    }

    fn reverse_dns(&self) -> Option<&dyn ReverseDnsApi> {
        self.when(self)
    }

    fn ip_requests(&self) -> Option<&dyn IpRequestApi> {
        self.when(self)
    }

    fn domains(&self) -> Option<&dyn DomainApi> {
        self.when(self)
    }

    fn registry(&self) -> Option<&dyn RegistryApi> {
        self.when(self)
    }

    fn nameserver_reset(&self) -> Option<&dyn NameserverResetApi> {
        self.when(self)
    }

    fn contacts(&self) -> Option<&dyn ContactApi> {
        self.when(self)
    }

    fn colocation(&self) -> Option<&dyn ColocationApi> {
        self.when(self)
    }

    fn tickets(&self) -> Option<&dyn TicketApi> {
        self.when(self)
    }

    fn dns(&self) -> Option<&dyn DnsApi> {
        self.when(self)
    }
}

impl ServerApi for Fake {
    fn inventory(&self) -> BoxFut<'_, Result<Inventory>> {
        ready(Ok(Inventory::default()))
    }

    fn server(&self, id: &str) -> BoxFut<'_, Result<Server>> {
        let error = ProviderError::new("fake", format!("server {id}"), ErrorKind::Api, "gone");
        ready(Err(error))
    }
}

impl PowerApi for Fake {
    fn actions(&self) -> &'static [Action] {
        &[Action::Reboot, Action::PowerOn]
    }

    fn power<'a>(&'a self, action: Action, server_id: &'a str) -> BoxFut<'a, Result<Submitted>> {
        self.done(format!("power {} {server_id}", action.cli_name()))
    }
}

impl QueueApi for Fake {
    fn job_status(&self, handle: &str) -> BoxFut<'_, Result<JobProgress>> {
        ready(Ok(JobProgress::Succeeded(handle.to_string())))
    }
}

impl TelemetryApi for Fake {
    fn telemetry(&self, server_id: &str) -> BoxFut<'_, Result<Vec<MetricSeries>>> {
        ready(Ok(vec![MetricSeries::new(server_id, "", 4)]))
    }
}

impl ReverseDnsApi for Fake {
    fn set_ptr<'a>(&'a self, ptr: PtrChange<'a>) -> BoxFut<'a, Result<Submitted>> {
        self.done(format!("ptr {} {}", ptr.address, ptr.hostname))
    }
}

impl IpRequestApi for Fake {
    fn request_ips<'a>(
        &'a self,
        server_id: &'a str,
        _ipv6: bool,
        count: u32,
        _reason: &'a str,
    ) -> BoxFut<'a, Result<Submitted>> {
        self.done(format!("ips {server_id} {count}"))
    }
}

impl DomainApi for Fake {
    fn domains(&self) -> BoxFut<'_, Result<DomainInventory>> {
        ready(Ok(DomainInventory::default()))
    }

    fn domain(&self, id: &str) -> BoxFut<'_, Result<Domain>> {
        let error = ProviderError::new("fake", format!("domain {id}"), ErrorKind::Api, "gone");
        ready(Err(error))
    }

    fn set_nameservers<'a>(
        &'a self,
        id: &'a str,
        nameservers: &'a [String],
    ) -> BoxFut<'a, Result<Submitted>> {
        self.done(format!("ns {id} {}", nameservers.join(",")))
    }
}

impl NameserverResetApi for Fake {
    fn reset_nameservers<'a>(&'a self, id: &'a str) -> BoxFut<'a, Result<Submitted>> {
        self.done(format!("reset ns {id}"))
    }
}

impl RegistryApi for Fake {
    fn history(&self, _id: &str) -> BoxFut<'_, Result<Vec<HistoryEntry>>> {
        ready(Ok(Vec::new()))
    }

    fn request_epp<'a>(&'a self, id: &'a str) -> BoxFut<'a, Result<Submitted>> {
        self.done(format!("epp {id}"))
    }

    fn set_lock<'a>(&'a self, id: &'a str, locked: bool) -> BoxFut<'a, Result<Submitted>> {
        self.done(format!("lock {id} {locked}"))
    }

    fn set_contacts<'a>(
        &'a self,
        id: &'a str,
        handles: DomainHandles<'a>,
    ) -> BoxFut<'a, Result<Submitted>> {
        self.done(format!("contacts {id} {}", handles.owner))
    }

    fn cancel<'a>(&'a self, id: &'a str, immediate: bool) -> BoxFut<'a, Result<Submitted>> {
        self.done(format!("cancel {id} {immediate}"))
    }
}

impl ContactApi for Fake {
    fn add_contact<'a>(&'a self, fields: &'a ContactFields) -> BoxFut<'a, Result<Submitted>> {
        self.done(format!("add {}", fields.handle))
    }

    fn edit_contact<'a>(
        &'a self,
        id: &'a str,
        _fields: &'a ContactFields,
    ) -> BoxFut<'a, Result<Submitted>> {
        self.done(format!("edit {id}"))
    }

    fn delete_contact<'a>(&'a self, id: &'a str) -> BoxFut<'a, Result<Submitted>> {
        self.done(format!("delete {id}"))
    }
}

impl ColocationApi for Fake {
    fn colocation(&self) -> BoxFut<'_, Result<Colocation>> {
        ready(Ok(Colocation::default()))
    }
}

impl TicketApi for Fake {
    fn tickets(&self, scope: TicketScope) -> BoxFut<'_, Result<TicketInventory>> {
        ready(Ok(TicketInventory {
            scope,
            tickets: Vec::new(),
            missing: Vec::new(),
        }))
    }

    fn ticket(&self, id: &str) -> BoxFut<'_, Result<Ticket>> {
        let error = ProviderError::new("fake", format!("ticket {id}"), ErrorKind::Api, "gone");
        ready(Err(error))
    }

    fn options(&self) -> BoxFut<'_, Result<TicketOptions>> {
        ready(Ok(TicketOptions::default()))
    }

    fn reply<'a>(&'a self, id: &'a str, body: &'a str) -> BoxFut<'a, Result<Submitted>> {
        self.done(format!("reply {id} {body}"))
    }

    fn close<'a>(&'a self, id: &'a str) -> BoxFut<'a, Result<Submitted>> {
        self.done(format!("close {id}"))
    }

    fn reopen<'a>(&'a self, id: &'a str) -> BoxFut<'a, Result<Submitted>> {
        self.done(format!("reopen {id}"))
    }

    fn open<'a>(&'a self, ticket: &'a NewTicket) -> BoxFut<'a, Result<Submitted>> {
        self.done(format!("open {}", ticket.subject))
    }
}

impl Fake {
    /// Changes the zone with `change` (given the records and the next id),
    /// recording `call` when it goes through.
    fn zone<T>(
        &self,
        change: impl FnOnce(&mut Vec<DnsRecord>, &mut u32) -> std::result::Result<T, String>,
    ) -> Result<T> {
        let mut zone = self
            .zone
            .lock()
            .map_err(|_| ProviderError::new("fake", "dns", ErrorKind::Api, "poisoned"))?;
        let (records, next) = &mut *zone;
        change(records, next).map_err(|why| ProviderError::new("fake", "dns", ErrorKind::Api, why))
    }

    fn zone_done(&self, call: String, result: Result<()>) -> BoxFut<'_, Result<Submitted>> {
        match result {
            Ok(()) => self.done(call),
            Err(error) => ready(Err(error)),
        }
    }
}

/// The record of `domain` with `id`, if it is still as `listed`.
fn still_listed<'r>(
    records: &'r mut [DnsRecord],
    domain: &str,
    change: &RecordChange<'_>,
) -> std::result::Result<&'r mut DnsRecord, String> {
    let record = records
        .iter_mut()
        .find(|r| r.domain == domain && r.id == change.id)
        .ok_or_else(|| format!("no record {} in {domain}", change.id))?;
    if record.fields() != *change.listed {
        return Err(format!(
            "record {} of {domain} changed since it was listed",
            change.id
        ));
    }
    Ok(record)
}

impl DnsApi for Fake {
    fn records<'a>(&'a self, domain: &'a str) -> BoxFut<'a, Result<Vec<DnsRecord>>> {
        let listed = self.zone(|records, _| {
            Ok(records
                .iter()
                .filter(|r| r.domain == domain)
                .cloned()
                .collect())
        });
        ready(listed)
    }

    fn add_record<'a>(
        &'a self,
        domain: &'a str,
        record: &'a RecordFields,
    ) -> BoxFut<'a, Result<Submitted>> {
        let added = self.zone(|records, next| {
            records.push(DnsRecord {
                account: "fake".into(),
                domain: domain.into(),
                id: next.to_string(),
                name: record.name.clone(),
                record_type: record.record_type.clone(),
                content: record.content.clone(),
                priority: record.priority,
                ttl: Some(3600),
            });
            *next += 1;
            Ok(())
        });
        self.zone_done(format!("add-record {domain} {}", record.describe()), added)
    }

    fn edit_record<'a>(
        &'a self,
        domain: &'a str,
        change: RecordChange<'a>,
    ) -> BoxFut<'a, Result<Submitted>> {
        let edited = self.zone(|records, _| {
            let record = still_listed(records, domain, &change)?;
            let fields = change.fields;
            record.record_type = fields.record_type.clone();
            record.name = fields.name.clone();
            record.content = fields.content.clone();
            record.priority = fields.priority;
            Ok(())
        });
        let call = format!(
            "edit-record {domain} {} {}",
            change.id,
            change.fields.describe()
        );
        self.zone_done(call, edited)
    }

    fn delete_record<'a>(
        &'a self,
        domain: &'a str,
        change: RecordChange<'a>,
    ) -> BoxFut<'a, Result<Submitted>> {
        let deleted = self.zone(|records, _| {
            still_listed(records, domain, &change)?;
            records.retain(|r| !(r.domain == domain && r.id == change.id));
            Ok(())
        });
        self.zone_done(format!("delete-record {domain} {}", change.id), deleted)
    }
}
