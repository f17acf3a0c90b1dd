//! The simulated HostBill client account: the client's details, the
//! ticket departments and tickets with their replies, the domains with
//! their nameservers and DNS records, and the services with their IP
//! addresses, rDNS entries, PDU ports and virtual machines. Calls change
//! it; reads of the PDU ports advance their readings.

use crate::sim::SplitMix64;
use serde::Serialize;
use std::collections::BTreeMap;

/// Ticket `status` words. The document shows only `Open` and `Answered`
/// (digest §1.6, §5); `Client-Reply`, `In-Progress` and `Closed` are
/// HostBill's usual others, and ours here.
pub const OPEN: &str = "Open";
pub const ANSWERED: &str = "Answered";
/// The client wrote last; staff are to answer.
pub const CLIENT_REPLY: &str = "Client-Reply";
pub const IN_PROGRESS: &str = "In-Progress";
pub const CLOSED: &str = "Closed";

/// Domain `status` words: `Active` and `Expired` are the document's;
/// `Pending Transfer` is ours.
pub const ACTIVE: &str = "Active";
pub const EXPIRED: &str = "Expired";
pub const PENDING_TRANSFER: &str = "Pending Transfer";

/// `GET /details`: the document's client object, every value a string.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Client {
    pub id: String,
    pub email: String,
    pub lastlogin: String,
    pub ip: String,
    pub host: String,
    pub firstname: String,
    pub lastname: String,
    pub companyname: String,
    pub address1: String,
    pub address2: String,
    pub city: String,
    pub state: String,
    pub postcode: String,
    pub country: String,
    pub phonenumber: String,
}

/// A ticket department (the document has no shape for
/// `GET /ticket/departments`; this one is ours).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Department {
    pub id: String,
    pub name: String,
}

/// Who wrote a reply: the document shows only `"type": "Admin"`; a
/// client's own replies are `"Client"` (ours).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Author {
    Admin,
    Client,
}

/// One reply to a ticket.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reply {
    pub id: u64,
    pub name: String,
    pub at: i64,
    pub body: String,
    pub author: Author,
}

/// A ticket with everything the simulator keeps about it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TicketRecord {
    pub number: u64,
    pub dept_id: u64,
    pub subject: String,
    /// The client's opening message.
    pub body: String,
    pub opened_at: i64,
    pub status: String,
    /// The document's `client_read` flag: false while staff wrote since
    /// the client last opened the ticket.
    pub client_read: bool,
    /// Closed by staff for good: it cannot be re-opened or replied to.
    pub locked: bool,
    pub replies: Vec<Reply>,
}

/// One DNS record, as `GET /domain/@id/dns` shows it (the document's
/// numbers are numbers here: `"id": 1`, `"ttl": 0`, `"priority": 0`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DnsRecord {
    pub id: u64,
    pub name: String,
    pub ttl: u32,
    pub priority: u32,
    #[serde(rename = "type")]
    pub kind: String,
    pub content: String,
}

/// A domain with its zone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DomainRecord {
    pub id: u64,
    pub name: String,
    pub created: i64,
    pub expires: i64,
    pub status: String,
    pub period: u32,
    pub autorenew: bool,
    pub idprotection: bool,
    pub firstpayment: String,
    pub recurring_amount: String,
    pub nameservers: Vec<String>,
    pub records: Vec<DnsRecord>,
    /// The id the next new record gets; ids are never reused.
    pub next_record_id: u64,
}

/// One IP address of a service.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IpRecord {
    pub id: u64,
    pub address: String,
    pub v6: bool,
    pub prefix: u8,
    pub gateway: String,
    /// The service's main address.
    pub main: bool,
    /// On a private network: a VM shows it, the service's IP list and
    /// rDNS do not.
    pub private: bool,
    /// The virtual machine and interface number it is attached to.
    pub attached: Option<(u64, u32)>,
}

/// A network interface of a virtual machine.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Interface {
    pub number: u32,
    pub bridge: String,
    pub model: String,
    pub mac: String,
    pub firewall: bool,
}

/// A virtual machine of a service.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Vm {
    pub id: u64,
    pub hostname: String,
    pub interfaces: Vec<Interface>,
}

/// A PDU port assigned to a service; its readings follow from these and
/// the number of reads.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PduPort {
    pub id: u64,
    pub pdu: String,
    pub port: u32,
    pub label: String,
    pub on: bool,
    pub base_amps: f64,
    pub base_volts: f64,
    pub power_factor: f64,
}

/// A service (no documented call lists them or names their product; the
/// label is for `/_sim/` only).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Service {
    pub id: u64,
    pub label: String,
    pub ips: Vec<IpRecord>,
    /// PTR host names by canonical IP text; IPs without one are absent.
    pub rdns: BTreeMap<String, String>,
    pub pdu_ports: Vec<PduPort>,
    pub vms: Vec<Vm>,
}

impl Service {
    /// The addresses the service's IP list and rDNS show.
    pub fn public_ips(&self) -> impl Iterator<Item = &IpRecord> {
        self.ips.iter().filter(|ip| !ip.private)
    }

    pub fn vm(&self, id: u64) -> Option<&Vm> {
        self.vms.iter().find(|vm| vm.id == id)
    }
}

/// Everything the simulator knows.
#[derive(Clone, Debug)]
pub struct World {
    pub client: Client,
    pub departments: Vec<Department>,
    pub tickets: Vec<TicketRecord>,
    pub domains: Vec<DomainRecord>,
    pub services: Vec<Service>,
    /// Draws the numbers of new tickets.
    pub rng: SplitMix64,
    /// The id the next reply gets.
    pub next_reply_id: u64,
    /// PDU reads so far; drives the drift of the readings.
    pub ticks: u64,
}

impl World {
    pub fn ticket_mut(&mut self, number: u64) -> Option<&mut TicketRecord> {
        self.tickets.iter_mut().find(|t| t.number == number)
    }

    pub fn domain_mut(&mut self, id: u64) -> Option<&mut DomainRecord> {
        self.domains.iter_mut().find(|d| d.id == id)
    }

    pub fn service(&self, id: u64) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    pub fn service_mut(&mut self, id: u64) -> Option<&mut Service> {
        self.services.iter_mut().find(|s| s.id == id)
    }

    pub fn department(&self, id: u64) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id.to_string())
    }

    /// A new six-digit ticket number no ticket has (the document's are
    /// six digits: `736633`, `865650`).
    pub fn new_ticket_number(&mut self) -> u64 {
        loop {
            let number = 100_000 + self.rng.below(900_000);
            if !self.tickets.iter().any(|t| t.number == number) {
                return number;
            }
        }
    }

    pub fn new_reply_id(&mut self) -> u64 {
        let id = self.next_reply_id;
        self.next_reply_id += 1;
        id
    }

    /// Counts one PDU read and returns its number.
    pub fn tick(&mut self) -> u64 {
        self.ticks += 1;
        self.ticks
    }
}
