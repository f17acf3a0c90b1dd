//! Services (digest #32-#37, #40, #41): IP addresses, rDNS, PDU ports,
//! and a virtual machine's network interfaces and IPs. No documented call
//! lists services or VMs (digest §4.2), so clients must know the ids.
//!
//! None of these calls has an example answer in the document (digest
//! §4.5 item 19); every shape here is ours, chosen to look like the
//! document's others (a resource-keyed object, ids and flags as strings):
//! - `GET /service/@id/ip`: `{"ips": [{"id": "5501", "ipaddress":
//!   "203.0.113.10", "type": "ipv4", "prefix": "29", "gateway":
//!   "203.0.113.9", "main": "1"}]}`; private addresses are left out.
//! - `GET /service/@id/rdns`: `{"rdns": [{"ipaddress": "203.0.113.10",
//!   "hostname": "..."}]}`, one entry per address, `""` without a PTR.
//! - `POST /service/@id/rdns` takes only the table's form, an object of
//!   IP address to host name (digest §4.3 item 6): `{"ipaddress":
//!   {"203.0.113.10": "srv.example.com"}}`; the samples' string
//!   (`"ipaddressValue"`) and any other form are refused with 400. Every
//!   key must be an address of the service; an empty host name removes
//!   the PTR; addresses left out keep theirs. Nothing changes unless every
//!   entry is good. The answer is `{"info": ["success_changes_save"]}`.
//! - `GET /service/@id/pdu` (the samples send no credentials, digest
//!   §4.5 item 21; the simulator wants them as everywhere): `{"ports":
//!   [{"id": "1", "pdu": "...", "port": "7", "label": "...", "status":
//!   "on", "amps": 0.84, "volts": 229.6, "watts": 180.0, "kwh": 9876.5}]}`
//!   with numbers for readings; they drift with every read, and `kwh`
//!   counts up with the clock.
//! - `GET /service/@id/vms/@vmid/interfaces`: `{"interfaces": [{"id": "0",
//!   "name": "net0", "bridge": "vmbr0", "model": "virtio", "mac": "...",
//!   "firewall": "1", "ipv4": ["8801"], "ipv6": ["8811"]}]}`, the IP lists
//!   holding IP ids (digest #42: "List of IP v4 IDs");
//!   `.../interfaces/@iface` (`0` or `net0`): `{"interface": {...}}`.
//! - `GET /service/@id/vms/@vmid/ips`: `{"ips": [...]}` as above plus
//!   `"iface"` and `"bridge"`; `?type=ipv4|ipv6`, `?iface=0|net0` and
//!   `?bridge=` (ignored with `iface`, as the table says) filter it.
//! - `GET /service/@id/dns` answers the document's only example for it,
//!   `{"error": ["invalid method"]}` (200).

use super::proto::{self, now_secs, path_id, Answer, ApiError, Fields};
use super::world::{Interface, IpRecord, PduPort, Service, Vm, World};
use super::Sim;
use crate::sim::valid_hostname;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;
use std::sync::Arc;

/// Where the PDU meters started counting: 2020-01-01 UTC.
const METER_ORIGIN: i64 = 1_577_836_800;

type Params = Query<HashMap<String, String>>;

pub fn routes() -> Router<Arc<Sim>> {
    Router::new()
        .route("/api/service/{id}/ip", get(ips))
        .route("/api/service/{id}/rdns", get(rdns).post(set_rdns))
        .route("/api/service/{id}/pdu", get(pdu))
        .route("/api/service/{id}/dns", get(service_dns))
        .route("/api/service/{id}/vms/{vmid}/interfaces", get(interfaces))
        .route(
            "/api/service/{id}/vms/{vmid}/interfaces/{iface}",
            get(interface),
        )
        .route("/api/service/{id}/vms/{vmid}/ips", get(vm_ips))
}

/// #33.
async fn ips(State(sim): State<Arc<Sim>>, Path(id): Path<String>) -> Answer {
    let world = sim.lock();
    let service = find(&world, &id)?;
    let ips: Vec<Value> = service.public_ips().map(ip_json).collect();
    proto::answer(json!({ "ips": ips }))
}

/// #34.
async fn rdns(State(sim): State<Arc<Sim>>, Path(id): Path<String>) -> Answer {
    let world = sim.lock();
    let service = find(&world, &id)?;
    let entries: Vec<Value> = service
        .public_ips()
        .map(|ip| {
            let hostname = service.rdns.get(&ip.address).cloned().unwrap_or_default();
            json!({ "ipaddress": ip.address, "hostname": hostname })
        })
        .collect();
    proto::answer(json!({ "rdns": entries }))
}

/// #35 `{"ipaddress": {"<ip>": "<hostname>"}}`.
async fn set_rdns(State(sim): State<Arc<Sim>>, Path(id): Path<String>, body: Bytes) -> Answer {
    let fields = Fields::parse(&body)?;
    let Some(Value::Object(entries)) = fields.value("ipaddress") else {
        return Err(ApiError::invalid(vec![
            r#"ipaddress must be an object of IP address to host name, e.g. {"192.0.2.10": "host.example.com"}"#
                .into(),
        ]));
    };
    let mut world = sim.lock();
    let service = find_mut(&mut world, &id)?;
    let changes = rdns_changes(service, entries)?;
    for (ip, hostname) in changes {
        if hostname.is_empty() {
            service.rdns.remove(&ip);
        } else {
            service.rdns.insert(ip, hostname);
        }
    }
    Ok(proto::info("success_changes_save"))
}

/// The checked entries by canonical IP text; every bad one is named.
fn rdns_changes(
    service: &Service,
    entries: &Map<String, Value>,
) -> Result<BTreeMap<String, String>, ApiError> {
    let mut errors = Vec::new();
    let mut changes = BTreeMap::new();
    if entries.is_empty() {
        errors.push("ipaddress names no IP address".to_string());
    }
    for (ip, hostname) in entries {
        let canonical = ip.trim().parse::<IpAddr>().map(|ip| ip.to_string());
        let Some(canonical) = canonical
            .ok()
            .filter(|c| service.public_ips().any(|known| known.address == *c))
        else {
            errors.push(format!(
                "{ip} is not an IP address of service {}",
                service.id
            ));
            continue;
        };
        let name = hostname
            .as_str()
            .map(|h| h.trim().trim_end_matches('.').to_ascii_lowercase());
        match name {
            Some(name) if name.is_empty() || valid_hostname(&name) && name.contains('.') => {
                changes.insert(canonical, name);
            }
            _ => errors.push(format!("{hostname} is not a host name (for {ip})")),
        }
    }
    if errors.is_empty() {
        Ok(changes)
    } else {
        Err(ApiError::invalid(errors))
    }
}

/// #36: the ports as read now.
async fn pdu(State(sim): State<Arc<Sim>>, Path(id): Path<String>) -> Answer {
    let mut world = sim.lock();
    let tick = world.tick();
    let service = find(&world, &id)?;
    let now = now_secs();
    let ports: Vec<Value> = service
        .pdu_ports
        .iter()
        .map(|port| port_json(port, tick, now))
        .collect();
    proto::answer(json!({ "ports": ports }))
}

/// One port's readings at read number `tick`: amps and volts swing a
/// little around their base; an off port draws nothing.
pub fn port_json(port: &PduPort, tick: u64, now: i64) -> Value {
    let swing = (tick as f64 * 0.9 + port.id as f64).sin();
    let volts = round(port.base_volts + swing * 0.8, 1);
    let (amps, base_watts) = if port.on {
        let amps = round(port.base_amps * (1.0 + swing * 0.08), 2);
        (amps, port.base_amps * port.base_volts * port.power_factor)
    } else {
        (0.0, 0.0)
    };
    let hours = (now - METER_ORIGIN).max(0) as f64 / 3_600.0;
    json!({
        "id": port.id.to_string(),
        "pdu": port.pdu,
        "port": port.port.to_string(),
        "label": port.label,
        "status": if port.on { "on" } else { "off" },
        "amps": amps,
        "volts": volts,
        "watts": round(amps * volts * port.power_factor, 0),
        "kwh": round(hours * base_watts / 1_000.0, 1),
    })
}

/// #32: the document's only example for it is this error.
async fn service_dns(State(sim): State<Arc<Sim>>, Path(id): Path<String>) -> Answer {
    find(&sim.lock(), &id)?;
    Err(ApiError::refused("invalid method"))
}

/// #40.
async fn interfaces(
    State(sim): State<Arc<Sim>>,
    Path((id, vmid)): Path<(String, String)>,
) -> Answer {
    let world = sim.lock();
    let (service, vm) = find_vm(&world, &id, &vmid)?;
    let list: Vec<Value> = vm
        .interfaces
        .iter()
        .map(|i| interface_json(service, vm, i))
        .collect();
    proto::answer(json!({ "interfaces": list }))
}

/// #41, `@iface` being `0` or `net0`.
async fn interface(
    State(sim): State<Arc<Sim>>,
    Path((id, vmid, iface)): Path<(String, String, String)>,
) -> Answer {
    let world = sim.lock();
    let (service, vm) = find_vm(&world, &id, &vmid)?;
    let found = find_interface(vm, &iface)?;
    proto::answer(json!({ "interface": interface_json(service, vm, found) }))
}

/// #37 with the optional `type`, `iface` and `bridge` filters.
async fn vm_ips(
    State(sim): State<Arc<Sim>>,
    Path((id, vmid)): Path<(String, String)>,
    Query(params): Params,
) -> Answer {
    let world = sim.lock();
    let (service, vm) = find_vm(&world, &id, &vmid)?;
    let v6 = match params.get("type").map(|t| t.trim().to_ascii_lowercase()) {
        None => None,
        Some(t) if t.is_empty() => None,
        Some(t) if t == "ipv4" => Some(false),
        Some(t) if t == "ipv6" => Some(true),
        Some(_) => return Err(ApiError::invalid(vec!["type must be ipv4 or ipv6".into()])),
    };
    let only: Option<Vec<u32>> = match (params.get("iface"), params.get("bridge")) {
        (Some(iface), _) if !iface.trim().is_empty() => {
            Some(vec![find_interface(vm, iface)?.number])
        }
        (_, Some(bridge)) if !bridge.trim().is_empty() => Some(
            vm.interfaces
                .iter()
                .filter(|i| i.bridge == bridge.trim())
                .map(|i| i.number)
                .collect(),
        ),
        _ => None,
    };
    let ips: Vec<Value> = vm_addresses(service, vm)
        .filter(|(ip, _)| v6.is_none_or(|v6| ip.v6 == v6))
        .filter(|(_, i)| only.as_ref().is_none_or(|o| o.contains(&i.number)))
        .map(|(ip, i)| {
            let mut item = ip_json(ip);
            item["iface"] = json!(i.number.to_string());
            item["bridge"] = json!(i.bridge);
            item
        })
        .collect();
    proto::answer(json!({ "ips": ips }))
}

/// The VM's addresses with the interface each is on.
fn vm_addresses<'s>(
    service: &'s Service,
    vm: &'s Vm,
) -> impl Iterator<Item = (&'s IpRecord, &'s Interface)> {
    service.ips.iter().filter_map(move |ip| {
        let (vmid, number) = ip.attached?;
        let iface = vm.interfaces.iter().find(|i| i.number == number)?;
        (vmid == vm.id).then_some((ip, iface))
    })
}

fn ip_json(ip: &IpRecord) -> Value {
    json!({
        "id": ip.id.to_string(),
        "ipaddress": ip.address,
        "type": if ip.v6 { "ipv6" } else { "ipv4" },
        "prefix": ip.prefix.to_string(),
        "gateway": ip.gateway,
        "main": super::tickets::flag(ip.main),
    })
}

fn interface_json(service: &Service, vm: &Vm, iface: &Interface) -> Value {
    let ids = |v6: bool| -> Vec<String> {
        vm_addresses(service, vm)
            .filter(|(ip, i)| i.number == iface.number && ip.v6 == v6)
            .map(|(ip, _)| ip.id.to_string())
            .collect()
    };
    json!({
        "id": iface.number.to_string(),
        "name": format!("net{}", iface.number),
        "bridge": iface.bridge,
        "model": iface.model,
        "mac": iface.mac,
        "firewall": super::tickets::flag(iface.firewall),
        "ipv4": ids(false),
        "ipv6": ids(true),
    })
}

fn find<'w>(world: &'w World, id: &str) -> Result<&'w Service, ApiError> {
    let id = path_id(id, "service")?;
    world
        .service(id)
        .ok_or_else(|| ApiError::not_found("service"))
}

fn find_mut<'w>(world: &'w mut World, id: &str) -> Result<&'w mut Service, ApiError> {
    let id = path_id(id, "service")?;
    world
        .service_mut(id)
        .ok_or_else(|| ApiError::not_found("service"))
}

fn find_vm<'w>(world: &'w World, id: &str, vmid: &str) -> Result<(&'w Service, &'w Vm), ApiError> {
    let service = find(world, id)?;
    let vmid = path_id(vmid, "vm")?;
    let vm = service.vm(vmid).ok_or_else(|| ApiError::not_found("vm"))?;
    Ok((service, vm))
}

/// An interface by number (`0`) or name (`net0`).
fn find_interface<'v>(vm: &'v Vm, iface: &str) -> Result<&'v Interface, ApiError> {
    let iface = iface.trim();
    let number = iface.strip_prefix("net").unwrap_or(iface).parse::<u32>();
    number
        .ok()
        .and_then(|n| vm.interfaces.iter().find(|i| i.number == n))
        .ok_or_else(|| ApiError::not_found("interface"))
}

/// `value` rounded to `places` decimals.
fn round(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (value * scale).round() / scale
}
