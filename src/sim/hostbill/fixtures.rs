//! Deterministic HostBill fixtures from a seed, dated relative to today:
//! the demo client, the ticket inbox (see `ticket_fixtures`), eight
//! domains (one expired, one pending transfer, and one name registered
//! twice, as in the document's by-name example) with their zones, and
//! three services:
//! - 1201, a dedicated server: three IPv4 addresses and one IPv6, two PDU
//!   ports (one per power supply);
//! - 1202, a cloud server with VM 301: `net0` on `vmbr0` with two IPv4
//!   and one IPv6 address, `net1` on the private `vmbr1`;
//! - 1203, a colocation rack: two IPv4 addresses and four PDU ports, one
//!   of them switched off.
//!
//! Every address is from the documentation ranges (RFC 5737, RFC 3849).

use super::domains::DEFAULT_NAMESERVERS;
use super::proto::{date_time, day_start, DAY};
use super::ticket_fixtures;
use super::world::{
    Client, DnsRecord, DomainRecord, Interface, IpRecord, PduPort, Service, Vm, World, ACTIVE,
    EXPIRED, PENDING_TRANSFER,
};
use super::DEMO_EMAIL;
use crate::sim::SplitMix64;
use std::collections::BTreeMap;

/// The demo client's id (the `sub` of its tokens).
pub const CLIENT_ID: &str = "3042";
/// The services, and the VM of the second.
pub const SERVICE_IDS: [u64; 3] = [1201, 1202, 1203];
pub const VM_ID: u64 = 301;

/// The whole simulated account. Dates count from the start of today
/// (UTC), so the same seed gives the same fixtures all day.
pub fn build(seed: u64, now: i64) -> World {
    let today = day_start(now);
    let mut rng = SplitMix64::new(seed ^ 0x4B0B_111E);
    let client = client(today);
    let name = format!("{} {}", client.firstname, client.lastname);
    let (tickets, next_reply_id) = ticket_fixtures::tickets(&mut rng, today, &name);
    World {
        client,
        departments: ticket_fixtures::departments(),
        tickets,
        domains: domains(today),
        services: services(&mut rng),
        rng,
        next_reply_id,
        ticks: 0,
    }
}

fn client(today: i64) -> Client {
    let text = |s: &str| s.to_string();
    Client {
        id: text(CLIENT_ID),
        email: text(DEMO_EMAIL),
        lastlogin: date_time(today - DAY + 8 * 3_600 + 1_234),
        ip: text("198.51.100.77"),
        host: text("dsl-198-51-100-77.example"),
        firstname: text("Jonas"),
        lastname: text("Becker"),
        companyname: text("Becker Systemhaus GmbH"),
        address1: text("Hafenstrasse 12"),
        address2: String::new(),
        city: text("Kiel"),
        state: text("Schleswig-Holstein"),
        postcode: text("24103"),
        country: text("DE"),
        phonenumber: text("+49.4311234567"),
    }
}

/// Id, name, status, days since creation, days to expiry, autorenew,
/// and whether it uses the provider's nameservers.
const DOMAINS: [(u64, &str, &str, i64, i64, bool, bool); 8] = [
    (47, "becker-systemhaus.de", ACTIVE, 2_100, 190, true, true),
    (48, "becker-it.com", ACTIVE, 340, 25, false, false),
    (49, "baeckerei-krause.de", ACTIVE, 900, 95, true, true),
    (50, "ferienwohnung-ostsee.de", ACTIVE, 600, 130, true, true),
    (51, "kanzlei-hartmann.eu", ACTIVE, 1_500, 12, true, false),
    (52, "weinhandel-mosel.de", EXPIRED, 750, -20, false, true),
    (
        53,
        "kita-sonnenschein.org",
        PENDING_TRANSFER,
        3,
        362,
        true,
        false,
    ),
    (54, "becker-it.com", EXPIRED, 1_100, -400, false, true),
];

fn domains(today: i64) -> Vec<DomainRecord> {
    DOMAINS
        .iter()
        .map(|&(id, name, status, age, left, autorenew, ours)| {
            let records = zone(6 + (id % 3) as usize);
            DomainRecord {
                id,
                name: name.to_string(),
                created: today - age * DAY,
                expires: today + left * DAY,
                status: status.to_string(),
                period: 1,
                autorenew,
                idprotection: name.ends_with(".com"),
                firstpayment: if name.ends_with(".de") {
                    "8.90"
                } else {
                    "12.50"
                }
                .into(),
                recurring_amount: if name.ends_with(".de") {
                    "8.90"
                } else {
                    "14.90"
                }
                .into(),
                nameservers: if ours {
                    DEFAULT_NAMESERVERS.map(String::from).to_vec()
                } else {
                    vec![
                        "ns1.cloud-dns.example".into(),
                        "ns2.cloud-dns.example".into(),
                        "ns3.cloud-dns.example".into(),
                    ]
                },
                next_record_id: records.len() as u64 + 1,
                records,
            }
        })
        .collect()
}

/// Name, type, priority, content of a zone's first records.
const ZONE: [(&str, &str, u32, &str); 8] = [
    ("@", "A", 0, "203.0.113.10"),
    ("www", "CNAME", 0, "becker-systemhaus.de"),
    ("@", "MX", 10, "mail.becker-systemhaus.de"),
    ("mail", "A", 0, "203.0.113.11"),
    ("@", "TXT", 0, "v=spf1 mx -all"),
    ("@", "AAAA", 0, "2001:db8:1201::10"),
    ("_dmarc", "TXT", 0, "v=DMARC1; p=quarantine"),
    ("vps", "A", 0, "198.51.100.23"),
];

/// `count` records with ids from 1: the usual ones first, then numbered
/// hosts in rotating types.
pub fn zone(count: usize) -> Vec<DnsRecord> {
    (0..count)
        .map(|i| {
            let (name, kind, priority, content) = match ZONE.get(i) {
                Some(&(name, kind, priority, content)) => {
                    (name.to_string(), kind, priority, content.to_string())
                }
                None => numbered(i),
            };
            DnsRecord {
                id: i as u64 + 1,
                name,
                ttl: 3_600,
                priority,
                kind: kind.to_string(),
                content,
            }
        })
        .collect()
}

fn numbered(i: usize) -> (String, &'static str, u32, String) {
    let name = format!("host{i}");
    match i % 4 {
        0 => (name, "A", 0, format!("198.51.100.{}", i % 250 + 1)),
        1 => (name, "AAAA", 0, format!("2001:db8:ff::{:x}", i)),
        2 => (name, "TXT", 0, format!("generated record {i}")),
        _ => (
            name,
            "MX",
            (i % 50) as u32,
            format!("mx{}.example.com", i % 7),
        ),
    }
}

fn services(rng: &mut SplitMix64) -> Vec<Service> {
    vec![dedicated(rng), cloud(), colocation(rng)]
}

fn ip(id: u64, address: &str, prefix: u8, gateway: &str) -> IpRecord {
    IpRecord {
        id,
        address: address.to_string(),
        v6: address.contains(':'),
        prefix,
        gateway: gateway.to_string(),
        main: false,
        private: false,
        attached: None,
    }
}

fn main_ip(record: IpRecord) -> IpRecord {
    IpRecord {
        main: true,
        ..record
    }
}

fn rdns(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
    entries
        .iter()
        .map(|(ip, host)| (ip.to_string(), host.to_string()))
        .collect()
}

fn port(rng: &mut SplitMix64, id: u64, (pdu, port): (&str, u32), label: &str, on: bool) -> PduPort {
    PduPort {
        id,
        pdu: pdu.to_string(),
        port,
        label: label.to_string(),
        on,
        base_amps: 0.6 + rng.unit() * 1.4,
        base_volts: 229.0 + rng.unit() * 3.0,
        power_factor: 0.9 + (rng.below(8) as f64) / 100.0,
    }
}

fn dedicated(rng: &mut SplitMix64) -> Service {
    let gw = "203.0.113.9";
    Service {
        id: SERVICE_IDS[0],
        label: "Dedicated server ds-1201 (FRA1)".into(),
        ips: vec![
            main_ip(ip(5_501, "203.0.113.10", 29, gw)),
            ip(5_502, "203.0.113.11", 29, gw),
            ip(5_503, "203.0.113.12", 29, gw),
            ip(5_504, "2001:db8:1201::10", 64, "2001:db8:1201::1"),
        ],
        rdns: rdns(&[
            ("203.0.113.10", "srv1.becker-systemhaus.de"),
            ("203.0.113.11", "mail.becker-systemhaus.de"),
            ("2001:db8:1201::10", "srv1-v6.becker-systemhaus.de"),
        ]),
        pdu_ports: vec![
            port(rng, 1, ("pdu-fra1-r07-a", 7), "ds-1201 PSU 1", true),
            port(rng, 2, ("pdu-fra1-r07-b", 7), "ds-1201 PSU 2", true),
        ],
        vms: Vec::new(),
    }
}

fn cloud() -> Service {
    let on = |record: IpRecord, iface: u32| IpRecord {
        attached: Some((VM_ID, iface)),
        ..record
    };
    let gw = "198.51.100.1";
    Service {
        id: SERVICE_IDS[1],
        label: "Cloud server vps-301".into(),
        ips: vec![
            on(main_ip(ip(8_801, "198.51.100.23", 24, gw)), 0),
            on(ip(8_802, "198.51.100.24", 24, gw), 0),
            on(ip(8_811, "2001:db8:1202::23", 64, "2001:db8:1202::1"), 0),
            IpRecord {
                private: true,
                ..on(ip(8_821, "10.20.0.23", 24, ""), 1)
            },
        ],
        rdns: rdns(&[("198.51.100.23", "vps301.becker-systemhaus.de")]),
        pdu_ports: Vec::new(),
        vms: vec![Vm {
            id: VM_ID,
            hostname: "vps301.becker-systemhaus.de".into(),
            interfaces: vec![
                interface(0, "vmbr0", "52:54:00:3a:01:c0", true),
                interface(1, "vmbr1", "52:54:00:3a:01:c1", false),
            ],
        }],
    }
}

fn interface(number: u32, bridge: &str, mac: &str, firewall: bool) -> Interface {
    Interface {
        number,
        bridge: bridge.to_string(),
        model: "virtio".into(),
        mac: mac.to_string(),
        firewall,
    }
}

fn colocation(rng: &mut SplitMix64) -> Service {
    let gw = "192.0.2.65";
    Service {
        id: SERVICE_IDS[2],
        label: "Colocation quarter rack FRA1-R12".into(),
        ips: vec![
            main_ip(ip(5_601, "192.0.2.66", 28, gw)),
            ip(5_602, "192.0.2.67", 28, gw),
        ],
        rdns: rdns(&[("192.0.2.66", "gw.becker-systemhaus.de")]),
        pdu_ports: (1..=4)
            .map(|n| {
                let label = format!("R12 U{:02}", 40 - n * 4);
                port(
                    rng,
                    10 + u64::from(n),
                    ("pdu-fra1-r12-a", n),
                    &label,
                    n != 3,
                )
            })
            .collect(),
        vms: Vec::new(),
    }
}
