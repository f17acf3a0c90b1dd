//! Wire -> model for XSServer services and domains.
//!
//! A configured service is a server row (group `Service`): its addresses
//! with their PTRs, its PDU ports (each numeric reading a gauge, so it
//! grows a sparkline per refresh) and the interfaces of its configured
//! VMs in the details. No call names a service, so the row is named after
//! the PTR of its main address, or `service N`.
//!
//! A domain's id in hostdeck is its name. The document's own example
//! lists one name twice (digest §4.4 item 15: an active and an expired
//! registration); the registration that matters keeps the plain name (the
//! active one, else the one expiring last) and the others are told apart
//! as `name/ID` by XSServer's id.

use super::wire::{self, Address, Entry};
use super::{ServiceSpec, NO_POWER};
use crate::model::metric::plain_number as number;
use crate::model::{Detail, DnsRecord, Domain, Ip, Millis, PowerState, Server};
use crate::provider::lenient::{parse_date, readable_date};
use crate::provider::ServerSample;

/// The group of service rows.
pub const SERVICE_GROUP: &str = "Service";
/// The power column of a service: XSServer's client API has no power
/// state, so it is not unknown but does not apply.
const POWER_NOT_APPLICABLE: &str = "n/a";

/// What the reads of one service brought; `None` where a read failed
/// (its [`crate::model::Missing`] says why).
#[derive(Clone, Debug, Default)]
pub struct ServiceParts {
    pub addresses: Option<Vec<Address>>,
    /// Address -> PTR host name (empty: none set).
    pub ptrs: Option<Vec<(String, String)>>,
    pub pdu_ports: Option<Vec<Entry>>,
    pub vms: Vec<VmParts>,
}

/// What the reads of one configured VM brought.
#[derive(Clone, Debug, Default)]
pub struct VmParts {
    pub id: u64,
    pub interfaces: Option<Vec<Entry>>,
    pub addresses: Option<Vec<Address>>,
}

/// A configured service as a server row.
pub fn service(
    account: &str,
    spec: &ServiceSpec,
    parts: &ServiceParts,
    fetched_at: Millis,
) -> Server {
    let id = spec.id.to_string();
    let addresses = parts.addresses.as_deref().unwrap_or_default();
    let ptr_of = |address: &str| -> Option<String> {
        let ptrs = parts.ptrs.as_ref()?;
        ptrs.iter()
            .find(|(ip, _)| ip == address)
            .map(|(_, host)| host.clone())
            .filter(|host| !host.is_empty())
    };
    let ips: Vec<Ip> = addresses
        .iter()
        .map(|a| {
            let mut ip = Ip::new(a.address.clone(), a.kind.clone());
            ip.server_id = Some(id.clone());
            ip.ptr = ptr_of(&a.address);
            ip.subnet = a
                .prefix
                .as_ref()
                .map(|p| format!("/{}", p.trim_start_matches('/')));
            ip.gateway = a.gateway.clone().filter(|g| !g.is_empty());
            ip
        })
        .collect();
    let primary = addresses
        .iter()
        .find(|a| a.main)
        .or(addresses.first())
        .map(|a| a.address.clone());
    let name = primary
        .as_deref()
        .and_then(ptr_of)
        .unwrap_or_else(|| format!("service {id}"));
    let mut details = vec![
        Detail::in_section("Service", "Service id", id.clone()),
        Detail::in_section("Service", "Addresses", ips.len().to_string()),
    ];
    details.extend(pdu_details(parts.pdu_ports.as_deref().unwrap_or_default()));
    for vm in &parts.vms {
        details.extend(vm_details(vm));
    }
    Server {
        account: account.to_string(),
        id,
        name,
        power: PowerState::Unknown(POWER_NOT_APPLICABLE.to_string()),
        status: String::new(),
        primary_ip: primary,
        location: String::new(),
        group: SERVICE_GROUP.to_string(),
        os: String::new(),
        cpu: None,
        memory_gb: None,
        in_maintenance: false,
        ips,
        details,
        actions: Vec::new(),
        actions_note: Some(NO_POWER.to_string()),
        warnings: Vec::new(),
        missing: Vec::new(),
        fetched_at,
    }
}

/// A PDU port's name: its label, else `PDU port`, else its id.
pub fn port_name(port: &Entry) -> String {
    if let Some(label) = port.get(&["label", "name"]).filter(|l| !l.is_empty()) {
        return label.to_string();
    }
    match (port.get(&["pdu"]), port.get(&["port", "outlet"])) {
        (Some(pdu), Some(number)) => format!("{pdu} port {number}"),
        (None, Some(number)) => format!("port {number}"),
        _ => format!("port {}", port.get(&["id"]).unwrap_or("?")),
    }
}

/// The unit of a reading by its key.
fn unit(key: &str) -> &'static str {
    match key.to_ascii_lowercase().as_str() {
        "amps" | "amp" | "current" | "a" => "A",
        "volts" | "volt" | "voltage" | "v" => "V",
        "watts" | "watt" | "power" | "w" => "W",
        "kwh" | "energy" => "kWh",
        "va" | "apparent" => "VA",
        _ => "",
    }
}

/// Each numeric reading of each PDU port as a gauge of the row:
/// `amps ds-1201 PSU 1` in A.
pub fn pdu_samples(row_id: &str, ports: &[Entry]) -> Vec<ServerSample> {
    ports
        .iter()
        .flat_map(|port| {
            let name = port_name(port);
            port.numbers.iter().map(move |(key, value)| ServerSample {
                server_id: row_id.to_string(),
                metric: format!("{key} {name}"),
                unit: unit(key).to_string(),
                value: *value,
                at: None,
            })
        })
        .collect()
}

/// One line per port: `pdu-fra1-r07-a port 7, on: 0.84 A, 229.6 V`.
fn pdu_details(ports: &[Entry]) -> Vec<Detail> {
    ports
        .iter()
        .map(|port| {
            let mut text = match (port.get(&["pdu"]), port.get(&["port", "outlet"])) {
                (Some(pdu), Some(number)) => format!("{pdu} port {number}"),
                _ => String::new(),
            };
            if let Some(status) = port.get(&["status", "state"]) {
                text = [text, status.to_string()]
                    .into_iter()
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
            }
            let readings: Vec<String> = port
                .numbers
                .iter()
                .map(|(key, value)| match unit(key) {
                    "" => format!("{key} {}", number(*value)),
                    unit => format!("{} {unit}", number(*value)),
                })
                .collect();
            if !readings.is_empty() {
                text = format!("{text}: {}", readings.join(", "));
            }
            Detail::in_section("PDU ports", port_name(port), text.trim_start_matches(": "))
        })
        .collect()
}

/// The interfaces of one VM with the addresses on each, under `VM N`.
fn vm_details(vm: &VmParts) -> Vec<Detail> {
    let section = format!("VM {}", vm.id);
    let addresses = vm.addresses.as_deref().unwrap_or_default();
    let Some(interfaces) = &vm.interfaces else {
        let listed: Vec<&str> = addresses.iter().map(|a| a.address.as_str()).collect();
        return (!listed.is_empty())
            .then(|| Detail::in_section(section.clone(), "Addresses", listed.join(", ")))
            .into_iter()
            .collect();
    };
    let mut out: Vec<Detail> = interfaces
        .iter()
        .map(|iface| {
            let id = iface.get(&["id", "iface"]).unwrap_or_default();
            let name = iface
                .get(&["name"])
                .map_or_else(|| format!("net{id}"), str::to_string);
            let on: Vec<&str> = addresses
                .iter()
                .filter(|a| on_interface(a, iface, id, &name))
                .map(|a| a.address.as_str())
                .collect();
            let mut parts: Vec<String> = ["bridge", "model", "mac"]
                .iter()
                .filter_map(|key| iface.get(&[key]).map(|v| format!("{key} {v}")))
                .collect();
            if let Some(firewall) = iface.get(&["firewall"]) {
                let on = crate::provider::lenient::bool_from_text(firewall);
                parts.push(format!(
                    "firewall {}",
                    if on == Some(true) { "on" } else { "off" }
                ));
            }
            if !on.is_empty() {
                parts.push(on.join(", "));
            }
            Detail::in_section(section.clone(), name, parts.join(" · "))
        })
        .collect();
    if interfaces.is_empty() {
        out.push(Detail::in_section(section.clone(), "Interfaces", "none"));
    }
    out
}

/// Whether an address is on an interface: its `iface` names it, or the
/// interface lists the address's id (the document's "List of IP v4 IDs").
fn on_interface(address: &Address, iface: &Entry, id: &str, name: &str) -> bool {
    if let Some(on) = address.iface.as_deref() {
        return on == id || on == name;
    }
    let Some(ip_id) = address.id.as_deref() else {
        return false;
    };
    ["ipv4", "ipv6", "ips"].iter().any(|key| {
        iface
            .get(&[key])
            .is_some_and(|ids| ids.split(',').any(|i| i.trim() == ip_id))
    })
}

// -- domains -------------------------------------------------------------------

/// XSServer's id of a domain, as its calls take it.
pub fn hostbill_id(d: &wire::Domain) -> Option<String> {
    d.id.as_ref().map(ToString::to_string)
}

fn lower_name(d: &wire::Domain) -> Option<String> {
    let name = d.name.as_deref()?.trim().trim_end_matches('.');
    (!name.is_empty()).then(|| name.to_ascii_lowercase())
}

/// How much a registration matters among those of one name: active
/// first, then the one expiring last, then the newest id.
fn weight(d: &wire::Domain) -> (bool, i64, String) {
    let active = d
        .status
        .as_deref()
        .is_some_and(|s| s.trim().eq_ignore_ascii_case("active"));
    let expires = d
        .expires
        .as_deref()
        .and_then(parse_date)
        .unwrap_or(i64::MIN);
    let id = hostbill_id(d).unwrap_or_default();
    (active, expires, format!("{id:0>20}"))
}

/// The hostdeck id of each listed domain, in list order: its name, or
/// `name/ID` for a registration another of the same name outweighs;
/// `None` for an entry without a name or an id.
pub fn domain_ids(list: &[wire::Domain]) -> Vec<Option<String>> {
    list.iter()
        .map(|d| {
            let name = lower_name(d)?;
            let id = hostbill_id(d)?;
            let outweighed = list.iter().any(|other| {
                !std::ptr::eq(other, d)
                    && lower_name(other).as_deref() == Some(name.as_str())
                    && hostbill_id(other).is_some()
                    && weight(other) > weight(d)
            });
            Some(match outweighed {
                true => format!("{name}/{id}"),
                false => name,
            })
        })
        .collect()
}

/// XSServer's id in a hostdeck id `name/ID`; `None` for a plain name.
pub fn id_suffix(domain_id: &str) -> Option<&str> {
    let (_, id) = domain_id.rsplit_once('/')?;
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then_some(id)
}

/// A domain, from its list entry or details, under hostdeck id `id`.
pub fn domain(account: &str, id: &str, d: &wire::Domain, fetched_at: Millis) -> Domain {
    let name = lower_name(d).unwrap_or_else(|| id.to_string());
    let tld = name
        .split_once('.')
        .map(|(_, tld)| tld.to_string())
        .unwrap_or_default();
    Domain {
        account: account.to_string(),
        id: id.to_string(),
        tld,
        status: d.status.clone().unwrap_or_default().trim().to_string(),
        registered: d.date_created.as_deref().and_then(parse_date),
        expires: d.expires.as_deref().and_then(parse_date),
        locked: None,
        nameservers: d.nameservers.clone().unwrap_or_default(),
        owner: None,
        admin: None,
        tech: None,
        details: domain_details(d),
        detailed: d.nameservers.is_some(),
        missing: Vec::new(),
        fetched_at,
    }
}

fn domain_details(d: &wire::Domain) -> Vec<Detail> {
    let yes_no = |flag: Option<bool>| flag.map(|f| if f { "yes" } else { "no" }.to_string());
    let date = |text: &Option<String>| text.as_deref().map(readable_date);
    let rows = [
        ("XSServer id", hostbill_id(d)),
        ("Period", d.period.map(|p| format!("{p} year(s)"))),
        ("Auto-renew", yes_no(d.autorenew)),
        ("ID protection", yes_no(d.idprotection)),
        ("First payment", d.firstpayment.clone()),
        ("Recurring amount", d.recurring_amount.clone()),
        ("Next due", date(&d.next_due)),
        ("Next invoice", date(&d.next_invoice)),
        ("Days to expiry", d.daytoexpire.map(|n| n.to_string())),
    ];
    rows.into_iter()
        .filter_map(|(label, value)| {
            let value = value?.trim().to_string();
            (!value.is_empty()).then(|| Detail::in_section("Registration", label, value))
        })
        .collect()
}

// -- DNS records -----------------------------------------------------------------

/// A listed record of domain `domain` (its hostdeck id); `None` without
/// an id (it could be neither changed nor deleted). The priority is kept
/// for MX, and for another type where it is not 0; a `ttl` of 0 is the
/// provider's default, shown as none.
pub fn record(account: &str, domain: &str, r: &wire::Record) -> Option<DnsRecord> {
    let id = r.id.as_ref()?.to_string();
    let record_type = r
        .kind
        .as_deref()
        .unwrap_or_default()
        .trim()
        .to_ascii_uppercase();
    let name = match r.name.as_deref().map(str::trim) {
        None | Some("") => "@".to_string(),
        Some(name) => name.to_string(),
    };
    let priority = r
        .priority
        .and_then(|p| u32::try_from(p).ok())
        .filter(|p| record_type == "MX" || *p > 0);
    Some(DnsRecord {
        account: account.to_string(),
        domain: domain.to_string(),
        id,
        name,
        record_type,
        content: r.content.as_deref().unwrap_or_default().trim().to_string(),
        priority,
        ttl: r.ttl.and_then(|t| u32::try_from(t).ok()).filter(|t| *t > 0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::lenient::Code;

    fn listed(id: i64, name: &str, status: &str, expires: &str) -> wire::Domain {
        wire::Domain {
            id: Some(Code::Int(id)),
            name: Some(name.into()),
            status: Some(status.into()),
            expires: Some(expires.into()),
            ..wire::Domain::default()
        }
    }

    #[test]
    fn a_name_registered_twice_keeps_its_name_on_the_active_registration() {
        let list = [
            listed(47, "testname.com", "Active", "2017-12-30"),
            listed(48, "TestName.com", "Expired", "2017-05-30"),
            listed(49, "other.de", "Expired", "2017-05-30"),
            wire::Domain::default(),
        ];
        let ids = domain_ids(&list);
        assert_eq!(
            ids,
            [
                Some("testname.com".to_string()),
                Some("testname.com/48".to_string()),
                Some("other.de".to_string()),
                None
            ]
        );
        assert_eq!(id_suffix("testname.com/48"), Some("48"));
        assert_eq!(id_suffix("testname.com"), None);
    }

    #[test]
    fn records_keep_the_mx_priority_and_their_ids() {
        let listed = |kind: &str, priority: i64, ttl: i64| wire::Record {
            id: Some(Code::Int(3)),
            name: Some(String::new()),
            ttl: Some(ttl),
            priority: Some(priority),
            kind: Some(kind.into()),
            content: Some(" mail.example.com ".into()),
        };
        let mx = record("xs", "a.de", &listed("mx", 10, 3600)).unwrap();
        assert_eq!((mx.name.as_str(), mx.record_type.as_str()), ("@", "MX"));
        assert_eq!((mx.priority, mx.ttl), (Some(10), Some(3600)));
        assert_eq!(mx.content, "mail.example.com");
        let a = record("xs", "a.de", &listed("A", 0, 0)).unwrap();
        assert_eq!((a.priority, a.ttl, a.id.as_str()), (None, None, "3"));
        let nameless = wire::Record::default();
        assert!(record("xs", "a.de", &nameless).is_none());
    }

    #[test]
    fn readings_become_gauges_with_units() {
        let port = Entry {
            fields: vec![("label".into(), "PSU 1".into())],
            numbers: vec![("amps".into(), 0.84), ("kwh".into(), 12.5)],
        };
        let samples = pdu_samples("1201", &[port]);
        let named: Vec<(&str, &str)> = samples
            .iter()
            .map(|s| (s.metric.as_str(), s.unit.as_str()))
            .collect();
        assert_eq!(named, [("amps PSU 1", "A"), ("kwh PSU 1", "kWh")]);
    }
}
