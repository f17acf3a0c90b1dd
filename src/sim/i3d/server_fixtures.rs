//! Deterministic dedicated servers from a seed: bare metal, flex metal and
//! VMs across five datacenters, a few in the "Broken" category, a few
//! stopped (those have no `uptime`), contracts dated relative to today.
//! Every value is invented; the document has no examples.

use super::fixtures::{date, DAY};
use super::models::{Contract, DedicatedServer};
use super::proto::round;
use super::world::ServerRecord;
use crate::sim::SplitMix64;

/// The account's servers at the least, so the list spans two default pages.
pub const MIN_SERVERS: usize = 40;
/// The first server's `id`; the others follow one by one.
const FIRST_ID: u64 = 12_001;
/// The demo account's user id.
pub const USER_ID: u64 = 40_417;
/// Datacenters: `dcLocationId`, legacy `locationId`, host-name code, rack prefix.
const DATACENTERS: [(u32, u32, &str, &str); 5] = [
    (6, 1, "rtm", "RTM4"),
    (12, 3, "ams", "AMS1"),
    (21, 7, "fra", "FRA2"),
    (34, 11, "sin", "SIN1"),
    (40, 14, "lax", "LAX3"),
];
/// Hardware: brand, model, CPUs, `cpuType`, memory in MB, `instanceType`.
const HARDWARE: [(&str, &str, u32, &str, u64, &str); 4] = [
    (
        "Dell",
        "PowerEdge R650",
        2,
        "Intel Xeon Gold 6342",
        262_144,
        "bm7.std.48",
    ),
    (
        "Supermicro",
        "SYS-1019P-WTR",
        1,
        "Intel Xeon E-2288G",
        65_536,
        "bm5.std.8",
    ),
    (
        "HPE",
        "ProLiant DL325 Gen10",
        1,
        "AMD EPYC 7443P",
        131_072,
        "bm8.std.24",
    ),
    (
        "Dell",
        "PowerEdge R6525",
        2,
        "AMD EPYC 7543",
        524_288,
        "bm9.hmm.64",
    ),
];
const ROLES: [(&str, &str); 4] = [
    ("game", "Dedicated Game Servers"),
    ("web", "Dedicated Servers"),
    ("db", "Dedicated Servers"),
    ("edge", "Dedicated Servers"),
];
const PROJECTS: [&str; 3] = ["battle-royale", "matchmaking", "backoffice"];
const OS_IDS: [u32; 4] = [121, 134, 140, 152];

/// `count` servers (at least [`MIN_SERVERS`]).
pub fn servers(seed: u64, count: usize, today: i64) -> Vec<ServerRecord> {
    let mut rng = SplitMix64::new(seed ^ 0x0013_D5E7);
    (0..count.max(MIN_SERVERS))
        .map(|i| server(i, &mut rng, today))
        .collect()
}

fn server(i: usize, rng: &mut SplitMix64, today: i64) -> ServerRecord {
    let (dc_location_id, location_id, code, rack_prefix) = DATACENTERS[i % DATACENTERS.len()];
    let (role, category) = ROLES[(i / DATACENTERS.len()) % ROLES.len()];
    let server_type = server_type(i);
    let broken = i % 17 == 5;
    let running = !broken && i % 11 != 9;
    let rack_name = format!(
        "{rack_prefix}-{}{:02}",
        rng.pick(&['A', 'B', 'C']),
        1 + rng.below(20)
    );
    let server_id = 880_000 + rng.below(90_000);
    let name = format!("{code}-{role}-{:02}", i / DATACENTERS.len() + 1);
    let started = today - (60 + rng.below(1400) as i64) * DAY;
    let booted_at = running.then(|| today - (1 + rng.below(90 * 24) as i64) * 3600);
    let mut server = DedicatedServer {
        id: FIRST_ID + i as u64,
        user_id: USER_ID,
        server_id,
        server_name: format!("{rack_name}-{server_id}"),
        server_type,
        project_name: PROJECTS[i % PROJECTS.len()].to_string(),
        live_host_name: format!("{name}.demo-ops.example"),
        client_server_name: name,
        client_state: if running { "in service" } else { "maintenance" }.to_string(),
        is_virtual: u8::from(server_type == 3),
        category: if broken { "Broken" } else { category }.to_string(),
        os_id: rng.pick(&OS_IDS),
        location_id,
        dc_location_id,
        instance_type: String::new(),
        fleet_id: "0".into(),
        new_fleet_id: None,
        fleet_associated_since: 0,
        rack_name,
        contract: contract(i, started, today, rng),
        brand: String::new(),
        model: String::new(),
        num_cpu: 1,
        cpu_info: String::new(),
        cpu_type: String::new(),
        cpu_load: 0.0,
        mem_used: 0,
        mem_max: 0,
        mem_free: 0,
        is_reserve: u8::from(i % 9 == 2),
        service_tag: service_tag(rng),
        is_odp: u8::from(role == "game"),
        fm_order_id: None,
        install_status: None,
        status: if running { "running" } else { "stopped" }.to_string(),
        uptime: None,
        traffic_sum: 0,
        free_incoming_traffic: i.is_multiple_of(2),
        outgoing_traffic_sum: 0,
        incoming_traffic_sum: 0,
    };
    hardware(&mut server, i, rng, running);
    traffic(&mut server, rng);
    fleet(&mut server, i, today);
    if i == 13 {
        server.contract.date_cancelled = date(today - 3 * DAY);
    }
    if dc_location_id == 40 {
        server.contract.currency_id = 1;
    }
    ServerRecord { server, booted_at }
}

/// A contract of one to three years that started on `started`, paid until
/// within the next month; prices and bandwidth follow from the hardware.
fn contract(i: usize, started: i64, today: i64, rng: &mut SplitMix64) -> Contract {
    let years = 1 + (i % 3) as i64;
    Contract {
        date_start: date(started),
        date_end: date(today + (1 + rng.below(30) as i64) * DAY),
        date_cancelled: String::new(),
        date_end_contract: date(started + 365 * DAY * years),
        contract_period: 12 * years as u32,
        extend_period: 1,
        cancellation_period: 1 + (i % 2) as u32 * 2,
        purchase_order: if i.is_multiple_of(4) {
            format!("PO-{}", 7100 + i)
        } else {
            String::new()
        },
        payment_term: 14,
        price_per_month: String::new(),
        price_per_tb_overuse: "250".into(),
        currency_id: 0,
        bandwidth_billing_type: 1 + (i % 3) as u8,
        bandwidth_contractual: 0,
    }
}

/// Mostly bare metal; every seventh a flex metal server, every fifth a VM.
fn server_type(i: usize) -> u8 {
    match (i % 7, i % 5) {
        (3, _) => 2,
        (_, 4) => 3,
        _ => 1,
    }
}

fn hardware(server: &mut DedicatedServer, i: usize, rng: &mut SplitMix64, running: bool) {
    let (brand, model, cpus, cpu_type, memory, instance) = HARDWARE[rng.below(4) as usize];
    let virtual_machine = server.server_type == 3;
    server.brand = if virtual_machine {
        "i3D.net Cloud"
    } else {
        brand
    }
    .to_string();
    server.model = if virtual_machine { "KVM" } else { model }.to_string();
    server.num_cpu = cpus;
    server.cpu_type = cpu_type.to_string();
    server.cpu_info = format!("{cpus}x {cpu_type}");
    server.mem_max = if virtual_machine { memory / 8 } else { memory };
    server.instance_type = if virtual_machine {
        format!("vm{}.std.{}", 1 + i % 2, cpus * 4)
    } else {
        instance.to_string()
    };
    if running {
        // Every sixth server runs hot.
        let spread = if i % 6 == 1 { 140.0 } else { 70.0 };
        server.cpu_load = round((5.0 + rng.unit() * spread).min(99.0), 1);
        server.mem_used = (server.mem_max as f64 * (0.2 + rng.unit() * 0.7)) as u64;
    }
    server.mem_free = server.mem_max - server.mem_used;
    let price = 8_900 + rng.below(40) * 1_000 + u64::from(cpus - 1) * 12_000;
    server.contract.price_per_month = price.to_string();
    if server.server_type == 2 {
        server.fm_order_id = Some(format!("fm-{}", 5_000 + i));
        server.install_status = Some(if running { "finished" } else { "installing" }.into());
    }
}

/// Monthly traffic: GB when billed per TB, Mbit otherwise.
fn traffic(server: &mut DedicatedServer, rng: &mut SplitMix64) {
    let (contractual, scale) = match server.contract.bandwidth_billing_type {
        1 => (10_000, 10_000),
        2 => (20_000, 25_000),
        _ => (1_000, 1_200),
    };
    server.contract.bandwidth_contractual = contractual;
    server.outgoing_traffic_sum = rng.below(scale);
    server.incoming_traffic_sum = rng.below(scale / 4);
    server.traffic_sum = server.outgoing_traffic_sum + server.incoming_traffic_sum;
}

/// Game servers on ODP belong to a fleet.
fn fleet(server: &mut DedicatedServer, i: usize, today: i64) {
    if server.is_odp == 1 {
        server.fleet_id = (3_100 + i % 3).to_string();
        server.fleet_associated_since = today - (10 + i as i64) * DAY;
        if i.is_multiple_of(8) {
            server.new_fleet_id = Some("3199".into());
        }
    }
}

/// Seven upper-case letters and digits, like a vendor service tag.
fn service_tag(rng: &mut SplitMix64) -> String {
    const CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    (0..7)
        .map(|_| CHARS[rng.below(CHARS.len() as u64) as usize] as char)
        .collect()
}
