//! Deterministic CLC fixtures from a seed: per location a group tree
//! (Default Group > Web, Db, Batch, plus the system Archive group), servers
//! such as `WA1DEMOWEB01` with a mix of power states, networks whose
//! addresses are claimed by those servers, and one sub-account `DEMS`.

use super::dates::{now_ms, DAY_MS};
use super::world::{
    CustomField, Group, Ip, IpKind, Network, Power, Server, World, HOME_ACCOUNT, HOME_LOCATION,
    LOCATIONS, SUB_ACCOUNT,
};
use crate::sim::SplitMix64;
use std::collections::HashMap;

/// Operating systems of the document's Server Object table (PXE Boot left out).
const OS_CODES: [u32; 19] = [
    7, 20, 21, 22, 25, 27, 28, 31, 33, 35, 36, 37, 38, 39, 41, 42, 43, 44, 45,
];
/// Windows codes of that table (they carry an OS licence cost).
pub const WINDOWS_OS: [u32; 6] = [27, 28, 43, 44, 45, 46];

/// The roles of the home account's work groups: group name and server-name part.
const ROLES: [(&str, &str); 3] = [("Web", "WEB"), ("Db", "DB"), ("Batch", "BAT")];
/// Who last changed a server (both forms appear in the examples).
const MODIFIED_BY: [&str; 2] = ["ops@demo.example", "CenturyLink Cloud System"];
/// Servers per network before the next network is used.
const SERVERS_PER_NETWORK: usize = 200;
/// Host octets handed to servers start here (lower ones stay unclaimed).
const FIRST_HOST: usize = 10;

/// Builds the whole simulated account.
pub fn build(seed: u64, scale: usize) -> World {
    let mut rng = SplitMix64::new(seed);
    // Anchored to the start of today, so the same seed gives the same dates all day.
    let now = now_ms().div_euclid(DAY_MS) * DAY_MS;
    let groups = build_groups(&mut rng);
    let field_ids = [rng.hex32(), rng.hex32(), rng.hex32()];
    let sub_count = if scale >= 6 { 2 } else { 0 };
    let mut servers = Vec::with_capacity(scale);
    let mut counters: HashMap<String, usize> = HashMap::new();
    for i in 0..scale {
        let slot = slot_of(i, scale - sub_count, &groups);
        let seq = counters.entry(slot.prefix.clone()).or_default();
        *seq += 1;
        let name = format!("{}{:02}", slot.prefix, seq);
        let mut server = random_server(&mut rng, &slot, name, now);
        server.custom_fields = random_fields(&mut rng, &field_ids);
        servers.push(server);
    }
    if let Some(server) = servers.get_mut(4) {
        under_construction(server);
    }
    let networks = assign_networks(&mut rng, &mut servers);
    World::new(seed, groups, servers, networks)
}

/// Where server `i` goes: account, location, group and name prefix.
struct Slot {
    account: &'static str,
    location: &'static str,
    group: usize,
    group_name: String,
    prefix: String,
}

fn slot_of(i: usize, home_count: usize, groups: &[Group]) -> Slot {
    let (account, location, group_name) = if i < home_count {
        let (location, _) = LOCATIONS[i % LOCATIONS.len()];
        (
            HOME_ACCOUNT,
            location,
            ROLES[(i / LOCATIONS.len()) % ROLES.len()].0,
        )
    } else {
        (SUB_ACCOUNT, HOME_LOCATION, "Apps")
    };
    let group = groups
        .iter()
        .position(|g| g.account == account && g.location == location && g.name == group_name)
        .unwrap_or(0);
    let part = ROLES
        .iter()
        .find(|(name, _)| *name == group_name)
        .map_or("APP", |(_, part)| part);
    Slot {
        account,
        location,
        group,
        group_name: group_name.to_string(),
        prefix: format!("{location}{account}{part}"),
    }
}

fn build_groups(rng: &mut SplitMix64) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut next_id = 1000;
    for (location, _) in LOCATIONS {
        let children: Vec<&str> = ROLES.iter().map(|(name, _)| *name).collect();
        add_tree(
            &mut groups,
            rng,
            &mut next_id,
            HOME_ACCOUNT,
            location,
            &children,
        );
    }
    add_tree(
        &mut groups,
        rng,
        &mut next_id,
        SUB_ACCOUNT,
        HOME_LOCATION,
        &["Apps"],
    );
    groups
}

/// One location's tree. Its root (the hidden location group) is not listed,
/// as in the document's example, so "Default Group" and "Archive" point at a
/// parent outside the list.
fn add_tree(
    groups: &mut Vec<Group>,
    rng: &mut SplitMix64,
    next_id: &mut i64,
    account: &'static str,
    location: &'static str,
    children: &[&str],
) {
    let hidden_root = (*next_id, rng.hex32());
    *next_id += 1;
    let mut add = |name: &str, parent: &(i64, String), is_system: bool| {
        let group = Group {
            account,
            location,
            id: *next_id,
            uuid: rng.hex32(),
            parent_id: parent.0,
            parent_uuid: parent.1.clone(),
            name: name.to_string(),
            is_system,
        };
        *next_id += 1;
        let key = (group.id, group.uuid.clone());
        groups.push(group);
        key
    };
    let default = add("Default Group", &hidden_root, false);
    add("Archive", &hidden_root, true);
    for child in children {
        add(child, &default, false);
    }
}

fn random_server(rng: &mut SplitMix64, slot: &Slot, name: String, now: i64) -> Server {
    let cpu = rng.pick(&[1, 2, 2, 4, 4, 8]);
    let disk_count = 1 + rng.below(3) as u32;
    let roll = rng.unit();
    let power = match roll {
        r if r < 0.7 => Power::Started,
        r if r < 0.9 => Power::Stopped,
        _ => Power::Paused,
    };
    Server {
        account: slot.account,
        location: slot.location,
        group: slot.group,
        description: format!("{} server", slot.group_name),
        dns_name: random_dns_name(rng, &name),
        name,
        cpu,
        memory_gb: cpu * rng.pick(&[1, 2, 4]),
        disk_count,
        total_disk_gb: 16 + disk_count * rng.pick(&[25, 50, 100]),
        status: "Active",
        server_type: 1 + rng.below(2) as u8,
        service_level: 1 + rng.below(2) as u8,
        os: rng.pick(&OS_CODES),
        power,
        in_maintenance: rng.unit() < 0.05,
        ips: Vec::new(),
        custom_fields: Vec::new(),
        // At least a day ago: a fresh world has no server changed "just now".
        modified_ms: now - DAY_MS - rng.below(89 * DAY_MS as u64) as i64,
        modified_by: rng.pick(&MODIFIED_BY),
    }
}

/// Mostly the server name; sometimes "" or null, as in the examples.
fn random_dns_name(rng: &mut SplitMix64, name: &str) -> Option<String> {
    match rng.below(20) {
        0 => None,
        1 | 2 => Some(String::new()),
        _ => Some(name.to_string()),
    }
}

fn random_fields(rng: &mut SplitMix64, ids: &[String; 3]) -> Vec<CustomField> {
    if rng.below(4) != 0 {
        return Vec::new();
    }
    vec![
        CustomField {
            id: ids[0].clone(),
            name: "Owner",
            kind: "Text",
            value: rng
                .pick(&["ops@demo.example", "web-team@demo.example"])
                .to_string(),
        },
        CustomField {
            id: ids[1].clone(),
            name: "Tier",
            kind: "Option",
            value: (1 + rng.below(3)).to_string(),
        },
        CustomField {
            id: ids[2].clone(),
            name: "Backup",
            kind: "Checkbox",
            value: (rng.below(2) == 0).to_string(),
        },
    ]
}

fn under_construction(server: &mut Server) {
    server.status = "UnderConstruction";
    server.power = Power::Stopped;
    server.in_maintenance = false;
    server.dns_name = Some(String::new());
}

/// Gives every active server a RIP on a network of its account and location
/// (and some a MIP), creating as many /24 networks as needed. Every place
/// with servers also gets one spare network with only unclaimed addresses.
fn assign_networks(rng: &mut SplitMix64, servers: &mut [Server]) -> Vec<Network> {
    let mut networks: Vec<Network> = Vec::new();
    let mut used: HashMap<(&str, &str), usize> = HashMap::new();
    for (index, server) in servers.iter_mut().enumerate() {
        let key = (server.account, server.location);
        let nth = *used.get(&key).unwrap_or(&0);
        used.insert(key, nth + 1);
        let network = network_for(&mut networks, key, nth / SERVERS_PER_NETWORK);
        if !server.is_active() {
            continue;
        }
        let host = (FIRST_HOST + nth % SERVERS_PER_NETWORK) as u8;
        networks[network].claims.insert(host, index);
        let address = format!("{}.{host}", networks[network].prefix);
        server.ips.push(Ip {
            address,
            kind: IpKind::Rip,
        });
        if rng.below(4) == 0 {
            let address = format!("65.39.{}.{}", 100 + index / 250 % 150, 2 + index % 250);
            server.ips.push(Ip {
                address,
                kind: IpKind::Mip,
            });
        }
    }
    let mut places: Vec<_> = used.into_iter().collect();
    places.sort();
    for (place, count) in places {
        network_for(&mut networks, place, count.div_ceil(SERVERS_PER_NETWORK));
    }
    networks
}

/// The index of network number `k` of an (account, location), created on first use
/// (numbers are used in order, so the k-th existing one is number k).
fn network_for(
    networks: &mut Vec<Network>,
    place: (&'static str, &'static str),
    k: usize,
) -> usize {
    let (account, location) = place;
    let existing = networks
        .iter()
        .enumerate()
        .filter(|(_, n)| n.account == account && n.location == location)
        .nth(k);
    if let Some((index, _)) = existing {
        return index;
    }
    let (second, third) = octets(account, location, k);
    networks.push(Network {
        account,
        location,
        name: format!("vlan_{}_10.{second}.{third}", 1100 + k),
        prefix: format!("10.{second}.{third}"),
        claims: HashMap::new(),
    });
    networks.len() - 1
}

/// Second and third octet of network `k`: one block per account and location.
fn octets(account: &str, location: &str, k: usize) -> (usize, usize) {
    let location_index = LOCATIONS
        .iter()
        .position(|(l, _)| *l == location)
        .unwrap_or(0);
    let account_offset = if account == HOME_ACCOUNT { 0 } else { 10 };
    let n = 10 + k;
    (81 + location_index + account_offset + n / 256 * 20, n % 256)
}
