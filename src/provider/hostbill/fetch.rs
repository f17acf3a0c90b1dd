//! The reads of the XSServer provider, each a primary read with its
//! enrichments (see [`crate::provider::refresh`]):
//! - the inventory: `GET /details` decides whether the account is up (no
//!   call lists services, digest §4.2); then per configured service its
//!   IPs (#33), rDNS (#34) and PDU ports (#36), and per configured VM its
//!   interfaces (#40) and IPs (#37). Each that fails is missing on its row
//!   alone;
//! - domains: `GET /domain` (#24), then each domain's details (#25) with
//!   its nameservers;
//! - tickets: `GET /tickets` (#17), one ticket with its replies (#18), the
//!   departments (#23).

use super::client::Path;
use super::map::{self, ServiceParts, VmParts};
use super::wire::{self, Address, Entry};
use super::{tickets, HostbillProvider, ServiceSpec};
use crate::model::{now_millis, DnsRecord, Domain, Millis, Missing, Server, Ticket, TicketOptions};
use crate::provider::refresh::{self, keep, Gaps, Part, Tally};
use crate::provider::{
    DomainInventory, ErrorKind, Inventory, ProviderError, Result, TicketInventory, TicketScope,
};
use reqwest::Method;

const IPS: Tally = Tally::new("IP addresses", "service", "services");
const RDNS: Tally = Tally::new("rDNS", "service", "services");
const PDU: Tally = Tally::new("PDU ports", "service", "services");
const INTERFACES: Tally = Tally::new("interfaces", "VM", "VMs");
const VM_IPS: Tally = Tally::new("addresses", "VM", "VMs");
const DETAILS: Tally = Tally::new("details", "domain", "domains");

/// Why a row id is not one of ours.
const NOT_A_ROW: &str = "not an XSServer service id: expected the service's number, e.g. 1201";

/// What the reads of one service brought.
struct ServiceReads {
    addresses: Result<Vec<Address>>,
    ptrs: Result<Vec<(String, String)>>,
    pdu: Result<Vec<Entry>>,
    vms: Vec<VmReads>,
}

struct VmReads {
    id: u64,
    interfaces: Result<Vec<Entry>>,
    addresses: Result<Vec<Address>>,
}

impl HostbillProvider {
    /// `GET /details`: the client's e-mail address, id and company.
    async fn client(&self) -> Result<wire::Client> {
        let details: wire::ClientDetails = self.get(&Path::new(&["details"])).await?;
        Ok(details.client)
    }

    /// Logs in with `GET /details` and says who, how, and how many
    /// services the config names: `logged in as ops@example.com (client
    /// 26, basic auth); 2 services configured`.
    pub(super) async fn fresh_check(&self) -> Result<String> {
        let client = self.client().await?;
        let who = client
            .email
            .clone()
            .unwrap_or_else(|| self.settings.username.clone());
        let auth = match self.settings.auth {
            super::AuthMode::Basic => "basic auth",
            super::AuthMode::Jwt => "token login",
        };
        let how = match &client.id {
            Some(id) => format!("client {id}, {auth}"),
            None => auth.to_string(),
        };
        let services = match self.settings.services.len() {
            0 => "no services configured".to_string(),
            1 => "1 service configured".to_string(),
            n => format!("{n} services configured"),
        };
        Ok(format!("logged in as {who} ({how}); {services}"))
    }

    pub(super) async fn fetch_inventory(&self) -> Result<Inventory> {
        self.client().await?;
        let specs = self.settings.services.clone();
        let reads = refresh::each(specs.clone(), |spec| async move {
            self.service_reads(&spec).await
        })
        .await;
        let fetched_at = now_millis();
        let mut gaps = Gaps::new();
        let mut inventory = Inventory::default();
        for (spec, reads) in specs.iter().zip(reads) {
            let (server, samples) = self.assemble(spec, reads, &mut gaps, fetched_at);
            inventory.samples.extend(samples);
            inventory.servers.push(server);
        }
        inventory.missing = gaps.into_missing();
        Ok(inventory)
    }

    async fn service_reads(&self, spec: &ServiceSpec) -> ServiceReads {
        let id = spec.id.to_string();
        let (addresses, ptrs, pdu) = futures::join!(
            self.lenient(Path::new(&["service", &id, "ip"]), wire::addresses),
            self.lenient(Path::new(&["service", &id, "rdns"]), wire::ptrs),
            self.lenient(Path::new(&["service", &id, "pdu"]), wire::entries),
        );
        let mut vms = Vec::with_capacity(spec.vms.len());
        for vm in &spec.vms {
            let vm_id = vm.to_string();
            let on_vm = |last: &str| Path::new(&["service", &id, "vms", &vm_id, last]);
            let (interfaces, addresses) = futures::join!(
                self.lenient(on_vm("interfaces"), wire::entries),
                self.lenient(on_vm("ips"), wire::addresses),
            );
            vms.push(VmReads {
                id: *vm,
                interfaces,
                addresses,
            });
        }
        ServiceReads {
            addresses,
            ptrs,
            pdu,
            vms,
        }
    }

    /// An answer without a documented shape, read by `read`.
    pub(super) async fn lenient<T>(
        &self,
        path: Path,
        read: fn(&serde_json::Value) -> std::result::Result<T, wire::WireError>,
    ) -> Result<T> {
        let value = self.get_value(&path).await?;
        read(&value).map_err(|e| {
            self.http
                .error(&path.op(&Method::GET), ErrorKind::Parse, e.to_string())
        })
    }

    /// A service row and its gauges; each read that failed goes on the
    /// row's `missing` and into `gaps`.
    fn assemble(
        &self,
        spec: &ServiceSpec,
        reads: ServiceReads,
        gaps: &mut Gaps,
        fetched_at: Millis,
    ) -> (Server, Vec<crate::provider::ServerSample>) {
        let mut missing = Vec::new();
        let addresses = part_of(
            gaps,
            &mut missing,
            IPS,
            "IP addresses".into(),
            reads.addresses,
        );
        let ptrs = part_of(gaps, &mut missing, RDNS, "rDNS".into(), reads.ptrs);
        let pdu_ports = part_of(gaps, &mut missing, PDU, "PDU ports".into(), reads.pdu);
        let vms = reads
            .vms
            .into_iter()
            .map(|vm| VmParts {
                id: vm.id,
                interfaces: part_of(
                    gaps,
                    &mut missing,
                    INTERFACES,
                    format!("interfaces of VM {}", vm.id),
                    vm.interfaces,
                ),
                addresses: part_of(
                    gaps,
                    &mut missing,
                    VM_IPS,
                    format!("addresses of VM {}", vm.id),
                    vm.addresses,
                ),
            })
            .collect();
        let parts = ServiceParts {
            addresses,
            ptrs,
            pdu_ports,
            vms,
        };
        let mut server = map::service(self.account(), spec, &parts, fetched_at);
        server.missing = missing;
        let samples = map::pdu_samples(&server.id, parts.pdu_ports.as_deref().unwrap_or_default());
        (server, samples)
    }

    pub(super) async fn fetch_server(&self, row: &str) -> Result<Server> {
        let op = format!("get server {row}");
        let id: u64 = row
            .trim()
            .parse()
            .map_err(|_| self.http.refuse(&op, NOT_A_ROW))?;
        let spec = self
            .settings
            .services
            .iter()
            .find(|s| s.id == id)
            .cloned()
            .unwrap_or_else(|| ServiceSpec::new(id));
        let reads = self.service_reads(&spec).await;
        if let Some(error) = all_failed(&reads) {
            return Err(error);
        }
        let mut gaps = Gaps::new();
        Ok(self.assemble(&spec, reads, &mut gaps, now_millis()).0)
    }

    // -- domains ---------------------------------------------------------------

    async fn domain_list(&self) -> Result<Vec<wire::Domain>> {
        let list: wire::DomainList = self.get(&Path::new(&["domain"])).await?;
        Ok(list.domains)
    }

    /// `GET /domain/@id` (#25), `details` an object.
    async fn domain_details(&self, hostbill_id: &str) -> Result<wire::Domain> {
        let path = Path::new(&["domain", hostbill_id]);
        let answer: wire::DomainDetails = self.get(&path).await?;
        answer.details.into_iter().next().ok_or_else(|| {
            self.http.error(
                &path.op(&Method::GET),
                ErrorKind::Parse,
                "the answer holds no domain",
            )
        })
    }

    pub(super) async fn fetch_domains(&self) -> Result<DomainInventory> {
        let list = self.domain_list().await?;
        let ids = map::domain_ids(&list);
        let listed: Vec<(String, wire::Domain)> = ids
            .into_iter()
            .zip(list)
            .filter_map(|(id, d)| Some((id?, d)))
            .collect();
        let details = refresh::each(listed.clone(), |(_, d)| async move {
            let id = map::hostbill_id(&d).unwrap_or_default();
            self.domain_details(&id).await
        })
        .await;
        let fetched_at = now_millis();
        let mut gaps = Gaps::new();
        let domains = listed
            .iter()
            .zip(details)
            .map(|((id, entry), details)| {
                let mut missing = Vec::new();
                let detail: Part<wire::Domain> = gaps.one(DETAILS, "details", details);
                let detail = keep(detail, &mut missing);
                let mut domain = map::domain(
                    self.account(),
                    id,
                    detail.as_ref().unwrap_or(entry),
                    fetched_at,
                );
                domain.missing = missing;
                domain
            })
            .collect();
        Ok(DomainInventory {
            domains,
            contacts: Vec::new(),
            missing: gaps.into_missing(),
        })
    }

    /// XSServer's id of the domain hostdeck calls `id`: from a `name/ID`
    /// id, else from the list.
    pub(super) async fn hostbill_domain_id(&self, id: &str) -> Result<String> {
        if let Some(suffix) = map::id_suffix(id) {
            return Ok(suffix.to_string());
        }
        let wanted = id.trim().trim_end_matches('.').to_ascii_lowercase();
        let list = self.domain_list().await?;
        let ids = map::domain_ids(&list);
        ids.iter()
            .zip(&list)
            .find(|(known, _)| known.as_deref() == Some(wanted.as_str()))
            .and_then(|(_, d)| map::hostbill_id(d))
            .ok_or_else(|| {
                self.http.error(
                    &format!("get domain {id}"),
                    ErrorKind::Api,
                    format!("no domain {wanted} in the account's list (GET /api/domain)"),
                )
            })
    }

    pub(super) async fn fetch_domain(&self, id: &str) -> Result<Domain> {
        let hostbill_id = self.hostbill_domain_id(id).await?;
        let details = self.domain_details(&hostbill_id).await?;
        let id = id.trim().to_ascii_lowercase();
        Ok(map::domain(self.account(), &id, &details, now_millis()))
    }

    // -- DNS records -----------------------------------------------------------

    /// `GET /domain/@id/dns` (#28) of the domain with XSServer id
    /// `hostbill_id`, as listed.
    pub(super) async fn zone(&self, hostbill_id: &str) -> Result<Vec<wire::Record>> {
        let list: wire::RecordList = self
            .get(&Path::new(&["domain", hostbill_id, "dns"]))
            .await?;
        Ok(list.records)
    }

    /// The records of domain `domain` (its hostdeck id).
    pub(super) async fn fetch_records(&self, domain: &str) -> Result<Vec<DnsRecord>> {
        let hostbill_id = self.hostbill_domain_id(domain).await?;
        let zone = self.zone(&hostbill_id).await?;
        Ok(zone
            .iter()
            .filter_map(|r| map::record(self.account(), domain, r))
            .collect())
    }

    // -- tickets ---------------------------------------------------------------

    /// Every ticket; the open-or-unread scope keeps those not closed or
    /// not read (the API has no such filter).
    pub(super) async fn fetch_tickets(&self, scope: TicketScope) -> Result<TicketInventory> {
        let path = Path::new(&["tickets"]);
        let listed: wire::TicketList = self.get(&path).await?;
        let fetched_at = now_millis();
        let all: Vec<Ticket> = listed
            .tickets
            .iter()
            .filter_map(|t| tickets::ticket(self.account(), t, fetched_at))
            .collect();
        let left_out = listed.tickets.len() - all.len();
        let missing = (left_out > 0).then(|| self.unnumbered(&path, left_out));
        let tickets = match scope {
            TicketScope::All => all,
            TicketScope::OpenOrUnread => all
                .into_iter()
                .filter(|t| t.unread || !t.is_closed())
                .collect(),
        };
        Ok(TicketInventory {
            scope,
            tickets,
            missing: missing.into_iter().collect(),
        })
    }

    /// The list entries without a number, which cannot be opened or answered.
    fn unnumbered(&self, path: &Path, count: usize) -> Missing {
        let noun = if count == 1 { "ticket" } else { "tickets" };
        let cause = self.http.error(
            &path.op(&Method::GET),
            ErrorKind::Parse,
            "list entries without a ticket_number",
        );
        Missing::new(
            format!("{count} {noun} without a number"),
            cause.to_string(),
        )
    }

    pub(super) async fn fetch_ticket(&self, id: &str) -> Result<Ticket> {
        let path = Path::new(&["tickets", id.trim()]);
        let mut answer: wire::TicketDetails = self.get(&path).await?;
        if answer.ticket.ticket_number.is_none() {
            answer.ticket.ticket_number =
                Some(crate::provider::lenient::Code::Text(id.trim().into()));
        }
        tickets::fetched(self.account(), &answer, now_millis()).ok_or_else(|| {
            self.http.error(
                &path.op(&Method::GET),
                ErrorKind::Parse,
                "the answer names no ticket",
            )
        })
    }

    /// The departments (#23), in whatever shape they come.
    pub(super) async fn departments(&self) -> Result<Vec<wire::Department>> {
        self.lenient(Path::new(&["ticket", "departments"]), wire::departments)
            .await
    }

    pub(super) async fn fetch_options(&self) -> Result<TicketOptions> {
        Ok(tickets::options(self.departments().await?))
    }
}

/// An enrichment's part, kept on the row's `missing` and counted in `gaps`.
fn part_of<T>(
    gaps: &mut Gaps,
    missing: &mut Vec<Missing>,
    tally: Tally,
    name: String,
    result: Result<T>,
) -> Option<T> {
    keep(gaps.one(tally, name, result), missing)
}

/// The first error when every read of one service failed: a single
/// service read afresh is then an error, not a row of notes.
fn all_failed(reads: &ServiceReads) -> Option<ProviderError> {
    let vm_errors = reads
        .vms
        .iter()
        .flat_map(|vm| [vm.interfaces.as_ref().err(), vm.addresses.as_ref().err()]);
    refresh::all_failed(
        [
            reads.addresses.as_ref().err(),
            reads.ptrs.as_ref().err(),
            reads.pdu.as_ref().err(),
        ]
        .into_iter()
        .chain(vm_errors),
    )
}
