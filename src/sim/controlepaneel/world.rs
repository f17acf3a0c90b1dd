//! The simulated controlepaneel account: domains with their history and
//! contacts, a shopping cart, servers with IP addresses and monitoring
//! profiles, and colocation visitors and visits. The actions change it.

/// What happened to a domain: `<Results><Item>` of `get_history`.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEntry {
    pub action: String,
    pub response: String,
    pub processed: bool,
    pub minutes: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DomainStatus {
    Active,
    /// Cancelled at the end of the contract period; still listed.
    Cancelled,
    /// Cancelled with immediate effect; gone from every answer.
    Deleted,
}

impl DomainStatus {
    pub fn name(self) -> &'static str {
        match self {
            DomainStatus::Active => "Active",
            DomainStatus::Cancelled => "Cancelled",
            DomainStatus::Deleted => "Deleted",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Domain {
    pub id: u64,
    pub sld: String,
    pub tld: String,
    pub registered: i64,
    pub expires: i64,
    pub locked: bool,
    /// False where the registry has no lock (answers `Error4`).
    pub lock_available: bool,
    /// False where the registrar refuses contact changes (`Action2` `Error1`).
    pub registrar_accepts_contacts: bool,
    pub status: DomainStatus,
    pub nameservers: Vec<String>,
    /// Contact ids of the owner, admin and tech handles.
    pub owner: u64,
    pub admin: u64,
    pub tech: u64,
    pub price_cents: u32,
    pub period_months: u32,
    pub termination: Option<i64>,
    pub epp_requests: u32,
    pub history: Vec<HistoryEntry>,
}

impl Domain {
    pub fn name(&self) -> String {
        format!("{}.{}", self.sld, self.tld)
    }

    /// Start of the running contract period (one period before expiry).
    pub fn contract_start(&self) -> i64 {
        super::dates::add_years(self.expires, -1)
    }

    pub fn log(&mut self, action: impl Into<String>, minutes: i64) {
        self.history.push(HistoryEntry {
            action: action.into(),
            response: "Command completed successfully".into(),
            processed: true,
            minutes,
        });
    }

    /// Marks the newest history entry as not processed, with `response`.
    pub fn fail_last(&mut self, response: &str) {
        if let Some(entry) = self.history.last_mut() {
            entry.response = response.to_string();
            entry.processed = false;
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Contact {
    pub id: u64,
    pub handle: String,
    pub company_name: String,
    pub company_number: String,
    pub legal_form: String,
    pub tax_number: String,
    /// `m` or `v`.
    pub gender: String,
    pub first_name: String,
    pub last_name: String,
    pub address: String,
    pub zip_code: String,
    pub city: String,
    pub country: String,
    pub email: String,
    pub phone: String,
    pub fax: String,
}

impl Contact {
    /// `J.P.` for `Jan Pieter`: the `Initials` of `list_contact`.
    pub fn initials(&self) -> String {
        self.first_name
            .split_whitespace()
            .filter_map(|word| word.chars().next())
            .map(|c| format!("{}.", c.to_uppercase()))
            .collect()
    }
}

/// A domain waiting in the cart for `order_cart`.
#[derive(Clone, Debug, PartialEq)]
pub struct CartItem {
    pub sld: String,
    pub tld: String,
    pub transfer: bool,
    /// Owner, admin and tech handles as sent (resolved when ordering).
    pub handles: [String; 3],
    pub nameservers: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerType {
    Virtual,
    Dedicated,
    Colocation,
}

impl ServerType {
    pub fn name(self) -> &'static str {
        match self {
            ServerType::Virtual => "Virtual",
            ServerType::Dedicated => "Dedicated",
            ServerType::Colocation => "Colocation",
        }
    }
}

/// Assigned, used and available amounts of one `Virtual_Usage` resource.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Usage {
    pub assigned: f64,
    pub used: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VirtualUsage {
    pub disk_gb: Usage,
    pub traffic_gb: Usage,
    pub memory_gb: Usage,
}

/// Base values of a colocation cabinet's power feeds (they drift per call).
#[derive(Clone, Debug, PartialEq)]
pub struct Cabinet {
    pub amp_a: f64,
    pub amp_b: f64,
    pub kwh_a: f64,
    pub kwh_b: f64,
    pub kwh_a_total: f64,
    pub kwh_b_total: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Hardware {
    pub processor: &'static str,
    pub memory: &'static str,
    pub disk: &'static str,
    pub raid: &'static str,
    pub os: &'static str,
    pub control_panel: &'static str,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Server {
    pub id: u64,
    pub name: String,
    pub kind: ServerType,
    pub location: &'static str,
    pub units: u32,
    pub contract_day: i64,
    pub payment_term_months: u32,
    pub contract_term_months: u32,
    pub online: bool,
    pub traffic_gb: u32,
    pub nic: &'static str,
    pub power_outlets: u32,
    pub reboot_outlets: u32,
    pub kvm_outlets: u32,
    pub cabinet: Option<Cabinet>,
    pub usage: Option<VirtualUsage>,
    pub hardware: Option<Hardware>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Ip {
    pub id: u64,
    pub server: u64,
    pub v6: bool,
    pub address: String,
    pub subnet: String,
    pub gateway: String,
    pub resolvers: [String; 2],
    pub ptr: String,
    pub remarks: String,
}

/// An IP request sent with `request_ip` (recorded, never allocated).
#[derive(Clone, Debug, PartialEq)]
pub struct IpRequest {
    pub server: u64,
    pub v6: bool,
    pub count: u32,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PortCheck {
    pub port: u16,
    pub up: u32,
    pub down: u32,
    pub is_up: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MonContact {
    pub id: u64,
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
}

/// `<Output><Item>` of `get_mon_history`.
#[derive(Clone, Debug, PartialEq)]
pub struct Alert {
    pub id: u64,
    pub contact: u64,
    pub port: u16,
    pub up: bool,
    pub alert_type: &'static str,
    pub minutes: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MonProfile {
    pub id: u64,
    pub server: u64,
    pub name: String,
    pub ip: String,
    pub max_ports: u32,
    pub max_contacts: u32,
    pub load_base: f64,
    pub load_threshold: f64,
    pub load_high_24h: f64,
    pub load_high_7d: f64,
    pub load_high_1m: f64,
    pub ports: Vec<PortCheck>,
    pub contacts: Vec<MonContact>,
    pub history: Vec<Alert>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VisitorLog {
    pub minutes: i64,
    pub action: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Visitor {
    pub id: u64,
    pub first_name: String,
    pub last_name: String,
    pub birth_day: String,
    pub phone: String,
    pub email: String,
    pub country: String,
    pub scan_day: String,
    pub pers_number: String,
    /// 241 NedZone, 242 SmartDC, 243 EvoSwitch.
    pub location: String,
    pub fingerprint: u64,
    pub access: &'static str,
    pub log: Vec<VisitorLog>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Visit {
    pub id: u64,
    pub key: String,
    pub fingerprints: String,
    pub guests: [String; 3],
    pub arrival: i64,
    pub term_days: u32,
    pub reason: String,
}

/// Everything the simulator knows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct World {
    pub seed: u64,
    pub domains: Vec<Domain>,
    pub contacts: Vec<Contact>,
    pub cart: Vec<CartItem>,
    pub servers: Vec<Server>,
    pub ips: Vec<Ip>,
    pub ip_requests: Vec<IpRequest>,
    pub profiles: Vec<MonProfile>,
    pub visitors: Vec<Visitor>,
    pub visits: Vec<Visit>,
    /// Telemetry reads so far; drives the drift of load and amps.
    pub ticks: u64,
    /// Next identifier handed out by an add or order action.
    pub next_id: u64,
}

impl World {
    /// The live (not deleted) domain `sld`.`tld`; any case, TLD with or without dot.
    pub fn domain_index(&self, sld: &str, tld: &str) -> Option<usize> {
        let tld = tld.trim_start_matches('.');
        self.domains.iter().position(|d| {
            d.status != DomainStatus::Deleted
                && d.sld.eq_ignore_ascii_case(sld.trim())
                && d.tld.eq_ignore_ascii_case(tld.trim())
        })
    }

    pub fn contact_index(&self, identifier: &str) -> Option<usize> {
        let id: u64 = identifier.trim().parse().ok()?;
        self.contacts.iter().position(|c| c.id == id)
    }

    /// A contact named by its `Handle` (any case) or its `HandleIdentifier`.
    pub fn contact_by_handle(&self, value: &str) -> Option<&Contact> {
        let value = value.trim();
        self.contacts
            .iter()
            .find(|c| c.handle.eq_ignore_ascii_case(value) || c.id.to_string() == value)
    }

    pub fn contact_handle(&self, id: u64) -> &str {
        self.contacts
            .iter()
            .find(|c| c.id == id)
            .map_or("", |c| c.handle.as_str())
    }

    pub fn contact_in_use(&self, id: u64) -> bool {
        self.domains
            .iter()
            .filter(|d| d.status != DomainStatus::Deleted)
            .any(|d| [d.owner, d.admin, d.tech].contains(&id))
    }

    pub fn server_index(&self, identifier: &str) -> Option<usize> {
        let id: u64 = identifier.trim().parse().ok()?;
        self.servers.iter().position(|s| s.id == id)
    }

    /// The IP address `address` (IPv6 in any case).
    pub fn ip_index(&self, address: &str) -> Option<usize> {
        let address = address.trim();
        self.ips
            .iter()
            .position(|ip| ip.address.eq_ignore_ascii_case(address))
    }

    pub fn profile_index(&self, identifier: &str) -> Option<usize> {
        let id: u64 = identifier.trim().parse().ok()?;
        self.profiles.iter().position(|p| p.id == id)
    }

    pub fn new_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Counts one telemetry read and returns its number.
    pub fn tick(&mut self) -> u64 {
        self.ticks += 1;
        self.ticks
    }
}
