//! Deterministic server fixtures: three virtual servers, two dedicated ones
//! and one colocation package, their IPv4/IPv6 addresses (documentation
//! ranges) and four monitoring profiles, one with its load over the
//! threshold and one with a port down. Every value is invented.

use super::dates::MINUTES_PER_DAY;
use super::world::{
    Alert, Cabinet, Hardware, Ip, MonContact, MonProfile, PortCheck, Server, ServerType, Usage,
    VirtualUsage,
};
use crate::sim::SplitMix64;

const SMARTDC: &str = "SmartDC Rotterdam";
const NEDZONE: &str = "NedZone Steenbergen";
const EVOSWITCH: &str = "EvoSwitch Haarlem";
const WEB01: u64 = 5101;
const DB01: u64 = 5102;
const MAIL01: u64 = 5103;
const APP01: u64 = 5104;
const BACKUP01: u64 = 5105;
const RACK: u64 = 5106;
/// The one port check that is down: app01's port 8080.
const DOWN_PROFILE: u64 = 804;
const DOWN_PORT: u16 = 8080;

pub fn servers(seed: u64, today: i64) -> Vec<Server> {
    let mut rng = SplitMix64::new(seed ^ 0x5E_4E45);
    let mut server = |id, name: &str, kind, location| {
        let virtual_server = kind == ServerType::Virtual;
        Server {
            id,
            name: name.to_string(),
            kind,
            location,
            units: match kind {
                ServerType::Virtual => 0,
                ServerType::Dedicated => 1,
                ServerType::Colocation => 10,
            },
            contract_day: today - 200 - rng.below(1200) as i64,
            payment_term_months: if virtual_server { 1 } else { 3 },
            contract_term_months: 12,
            online: true,
            traffic_gb: if virtual_server { 5000 } else { 20000 },
            nic: if virtual_server {
                "1 Gbit/s"
            } else {
                "10 Gbit/s"
            },
            power_outlets: if kind == ServerType::Colocation { 4 } else { 0 },
            reboot_outlets: if kind == ServerType::Colocation { 2 } else { 0 },
            kvm_outlets: u32::from(kind == ServerType::Dedicated),
            cabinet: None,
            usage: virtual_server.then(|| virtual_usage(&mut rng)),
            hardware: None,
        }
    };
    let mut list = vec![
        server(WEB01, "vps-web01", ServerType::Virtual, SMARTDC),
        server(DB01, "vps-db01", ServerType::Virtual, SMARTDC),
        server(MAIL01, "vps-mail01", ServerType::Virtual, NEDZONE),
        server(APP01, "ded-app01", ServerType::Dedicated, NEDZONE),
        server(BACKUP01, "ded-backup01", ServerType::Dedicated, EVOSWITCH),
        server(RACK, "colo-rack-a12", ServerType::Colocation, EVOSWITCH),
    ];
    for s in &mut list {
        s.hardware = hardware(s.kind, s.id);
    }
    if let Some(rack) = list.last_mut() {
        rack.cabinet = Some(cabinet(&mut rng));
    }
    list
}

fn virtual_usage(rng: &mut SplitMix64) -> VirtualUsage {
    let mut usage = |assigned: f64| Usage {
        assigned,
        used: (assigned * (0.2 + 0.6 * rng.unit()) * 10.0).round() / 10.0,
    };
    VirtualUsage {
        disk_gb: usage(80.0),
        traffic_gb: usage(5000.0),
        memory_gb: usage(8.0),
    }
}

fn cabinet(rng: &mut SplitMix64) -> Cabinet {
    let mut around = |base: f64| ((base * (0.9 + 0.2 * rng.unit())) * 10.0).round() / 10.0;
    Cabinet {
        amp_a: around(3.2),
        amp_b: around(2.9),
        kwh_a: around(412.5),
        kwh_b: around(380.0),
        kwh_a_total: around(15_234.8),
        kwh_b_total: around(14_102.3),
    }
}

fn hardware(kind: ServerType, id: u64) -> Option<Hardware> {
    let hw = match (kind, id) {
        (ServerType::Colocation, _) => return None,
        (ServerType::Virtual, _) => Hardware {
            processor: "4 vCPU",
            memory: "8 GB",
            disk: "80 GB SSD",
            raid: "",
            os: "Ubuntu 24.04 LTS",
            control_panel: if id == MAIL01 { "DirectAdmin" } else { "" },
        },
        (_, BACKUP01) => Hardware {
            processor: "Intel Xeon E-2236",
            memory: "32 GB DDR4 ECC",
            disk: "4x 8 TB HDD",
            raid: "Broadcom MegaRAID 9361-4i",
            os: "Debian 12",
            control_panel: "",
        },
        _ => Hardware {
            processor: "AMD EPYC 7313P",
            memory: "128 GB DDR4 ECC",
            disk: "2x 960 GB NVMe",
            raid: "Dell PERC H755",
            os: "AlmaLinux 9",
            control_panel: "Plesk Obsidian",
        },
    };
    Some(hw)
}

/// `(server, IPv4 addresses, has IPv6)`.
const ADDRESSES: [(u64, &[&str], bool); 6] = [
    (WEB01, &["192.0.2.10", "192.0.2.11"], true),
    (DB01, &["192.0.2.12"], true),
    (MAIL01, &["192.0.2.13"], true),
    (APP01, &["198.51.100.20"], true),
    (BACKUP01, &["198.51.100.21"], true),
    (RACK, &["203.0.113.2", "203.0.113.3", "203.0.113.4"], false),
];

pub fn ips() -> Vec<Ip> {
    let mut list = Vec::new();
    for (n, (server, v4, has_v6)) in ADDRESSES.iter().enumerate() {
        let host = format!("{}.hostdeck-demo.nl", server_name(*server));
        for (k, address) in v4.iter().enumerate() {
            let remarks = if k == 0 {
                "Primair IP-adres"
            } else {
                "Extra IP-adres"
            };
            list.push(v4_address(*server, address, &host, k, remarks));
        }
        if *has_v6 {
            list.push(v6_address(*server, n, &host));
        }
    }
    for (id, ip) in (9001..).zip(&mut list) {
        ip.id = id;
    }
    list
}

fn server_name(id: u64) -> &'static str {
    match id {
        WEB01 => "vps-web01",
        DB01 => "vps-db01",
        MAIL01 => "vps-mail01",
        APP01 => "ded-app01",
        BACKUP01 => "ded-backup01",
        _ => "colo-rack-a12",
    }
}

fn v4_address(server: u64, address: &str, host: &str, k: usize, remarks: &str) -> Ip {
    let (subnet, gateway) = match address.rsplit_once('.').map_or("", |(net, _)| net) {
        "192.0.2" => ("192.0.2.0/26", "192.0.2.1"),
        "198.51.100" => ("198.51.100.0/27", "198.51.100.1"),
        _ => ("203.0.113.0/28", "203.0.113.1"),
    };
    let ptr = if k == 0 {
        host.to_string()
    } else {
        format!("alias{k}.{host}")
    };
    Ip {
        id: 0,
        server,
        v6: false,
        address: address.to_string(),
        subnet: subnet.into(),
        gateway: gateway.into(),
        resolvers: ["198.51.100.53".into(), "198.51.100.54".into()],
        ptr,
        remarks: remarks.into(),
    }
}

fn v6_address(server: u64, n: usize, host: &str) -> Ip {
    let net = format!("2001:db8:10:{}", n + 1);
    Ip {
        id: 0,
        server,
        v6: true,
        address: format!("{net}::2"),
        subnet: format!("{net}::/64"),
        gateway: format!("{net}::1"),
        resolvers: ["2001:db8:53::1".into(), "2001:db8:53::2".into()],
        ptr: host.to_string(),
        remarks: "IPv6 primair".into(),
    }
}

const ON_CALL: [MonContact; 2] = [
    MonContact {
        id: 901,
        first_name: "Sanne",
        last_name: "Bakker",
        email: "sanne.bakker@example.nl",
        phone: "+31.612345678",
    },
    MonContact {
        id: 902,
        first_name: "Ruud",
        last_name: "Visser",
        email: "ruud.visser@example.nl",
        phone: "+31.687654321",
    },
];

/// Profiles of web01, db01 (load over its threshold), mail01 and app01 (port 8080 down).
pub fn profiles(today: i64) -> Vec<MonProfile> {
    let rows: [(u64, u64, &str, f64, &[u16]); 4] = [
        (801, WEB01, "192.0.2.10", 0.9, &[80, 443, 22]),
        (802, DB01, "192.0.2.12", 5.6, &[3306, 22]),
        (803, MAIL01, "192.0.2.13", 0.4, &[25, 587, 993]),
        (804, APP01, "198.51.100.20", 1.6, &[443, 8080]),
    ];
    rows.iter()
        .map(|&(id, server, ip, load, ports)| MonProfile {
            id,
            server,
            name: format!("{} monitoring", server_name(server)),
            ip: ip.into(),
            max_ports: 5,
            max_contacts: 3,
            load_base: load,
            load_threshold: 4.0,
            load_high_24h: load * 1.4,
            load_high_7d: load * 1.6,
            load_high_1m: load * 1.9,
            ports: ports
                .iter()
                .map(|p| port_check(*p, id == DOWN_PROFILE && *p == DOWN_PORT))
                .collect(),
            contacts: ON_CALL.to_vec(),
            history: alerts(id, ports[0], today),
        })
        .collect()
}

fn port_check(port: u16, down: bool) -> PortCheck {
    let down_checks = if down { 412 } else { u32::from(port % 7) };
    PortCheck {
        port,
        up: 43_200 - down_checks,
        down: down_checks,
        is_up: !down,
    }
}

/// A short outage nine days ago (down, then up 6 minutes later), and for
/// the profile with the down port the alert of that port, at 23:13
/// yesterday.
fn alerts(profile: u64, port: u16, today: i64) -> Vec<Alert> {
    let midnight = today * MINUTES_PER_DAY;
    let start = midnight - 9 * MINUTES_PER_DAY + 10 * 60 + 37 * (profile as i64 % 5);
    let alert = |n: u64, port: u16, up: bool, minutes: i64| Alert {
        id: profile * 10 + n,
        contact: ON_CALL[0].id,
        port,
        up,
        alert_type: "E-mail",
        minutes,
    };
    let mut list = vec![
        alert(0, port, false, start),
        alert(1, port, true, start + 6),
    ];
    if profile == DOWN_PROFILE {
        list.push(alert(2, DOWN_PORT, false, midnight - 47));
    }
    list
}
