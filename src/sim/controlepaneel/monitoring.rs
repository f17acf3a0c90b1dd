//! Module `servers`, the monitoring actions: profile details (load that
//! drifts per call, port checks, alert contacts), alert history and the
//! profile list. A profile follows its server: while the server is off its
//! ports are down and its load is 0.

use super::dates;
use super::proto::{decimal, reply, Params};
use super::world::{Alert, MonContact, MonProfile, PortCheck, World};
use super::xml::El;
use crate::sim::SplitMix64;

const NOT_FOUND: &str = "Monitoring profiel niet gevonden";
const FOUND: &str = "Monitoring profiel gevonden";

pub fn run(world: &mut World, action: &str, params: &Params, now: i64) -> Option<El> {
    let answer = match action {
        "get_mon" => get_mon(world, params, now),
        "get_mon_history" => get_mon_history(world, params),
        "list_mon" => list_mon(world),
        _ => return None,
    };
    Some(answer)
}

/// `base` moved by a deterministic wave plus noise: about ±`share` of it.
pub fn drift(base: f64, share: f64, tick: u64, salt: u64) -> f64 {
    let wave = (tick as f64 * 0.8 + (salt % 97) as f64).sin();
    let noise = SplitMix64::new(salt ^ tick.rotate_left(17)).unit() - 0.5;
    (base * (1.0 + share * wave + share * 0.5 * noise)).max(0.0)
}

/// Adds an alert (up or down) to every profile of `server`.
pub fn record_alert(world: &mut World, server: u64, up: bool, now: i64) {
    let ids: Vec<usize> = (0..world.profiles.len())
        .filter(|i| world.profiles[*i].server == server)
        .collect();
    for index in ids {
        let id = world.new_id();
        let profile = &mut world.profiles[index];
        let alert = Alert {
            id,
            contact: profile.contacts.first().map_or(0, |c| c.id),
            port: profile.ports.first().map_or(0, |p| p.port),
            up,
            alert_type: "E-mail",
            minutes: now,
        };
        profile.history.push(alert);
    }
}

fn server_online(world: &World, profile: &MonProfile) -> bool {
    world
        .servers
        .iter()
        .find(|s| s.id == profile.server)
        .is_none_or(|s| s.online)
}

/// `Up` when the server is on and every port answers, else `Down`.
fn profile_status(world: &World, profile: &MonProfile) -> &'static str {
    if server_online(world, profile) && profile.ports.iter().all(|p| p.is_up) {
        "Up"
    } else {
        "Down"
    }
}

fn get_mon(world: &mut World, params: &Params, now: i64) -> El {
    const ROOT: &str = "Servers_Get_Mon";
    let input = params.input(&["Identifier"]);
    let Some(index) = world.profile_index(&params.text("Identifier")) else {
        return reply(ROOT, "Error1", NOT_FOUND).child(input);
    };
    let tick = world.tick();
    let profile = &world.profiles[index];
    let online = server_online(world, profile);
    let last_check = now - 1;
    let general = El::new("General")
        .text("ServerIdentifier", profile.server.to_string())
        .text("Name", profile.name.as_str())
        .text("IP_Address", profile.ip.as_str())
        .text("Status", profile_status(world, profile))
        .text("Max_Ports", profile.max_ports.to_string())
        .text("Max_Contacts", profile.max_contacts.to_string())
        .text("Date_Last_Check", dates::timestamp(last_check));
    let salt = world.seed ^ profile.id;
    reply(ROOT, "Success1", FOUND)
        .child(input)
        .child(general)
        .child(load_monitor(profile, online, tick, salt))
        .child(El::items(
            "Ports",
            profile.ports.iter().map(|p| port(p, online)),
        ))
        .child(El::items("Contacts", profile.contacts.iter().map(contact)))
}

fn load_monitor(profile: &MonProfile, online: bool, tick: u64, salt: u64) -> El {
    let current = if online {
        drift(profile.load_base, 0.2, tick, salt)
    } else {
        0.0
    };
    let status = match (online, current > profile.load_threshold) {
        (false, _) => "Down",
        (true, true) => "Warning",
        (true, false) => "OK",
    };
    let high = |stored: f64| decimal(stored.max(current), 2);
    El::new("LoadMonitor")
        .text("Status", status)
        .text("Load_Current", decimal(current, 2))
        .text("Load_Threshold", decimal(profile.load_threshold, 2))
        .text("Load_High_24h", high(profile.load_high_24h))
        .text("Load_High_7d", high(profile.load_high_7d))
        .text("Load_High_1m", high(profile.load_high_1m))
}

fn port(check: &PortCheck, online: bool) -> El {
    let total = f64::from((check.up + check.down).max(1));
    let share = |n: u32| decimal(f64::from(n) * 100.0 / total, 2);
    let up = online && check.is_up;
    El::new("Item")
        .text("Port", check.port.to_string())
        .text("Checks_Up", check.up.to_string())
        .text("Checks_Up_Percentage", share(check.up))
        .text("Checks_Down", check.down.to_string())
        .text("Checks_Down_Percentage", share(check.down))
        .text("Status", if up { "Up" } else { "Down" })
}

fn contact(c: &MonContact) -> El {
    El::new("Item")
        .text("Identifier", c.id.to_string())
        .text("FirstName", c.first_name)
        .text("LastName", c.last_name)
        .text("EmailAddress", c.email)
        .text("PhoneNumber", c.phone)
}

fn get_mon_history(world: &World, params: &Params) -> El {
    const ROOT: &str = "Servers_Get_Mon_History";
    let input = params.input(&["Identifier"]);
    let Some(index) = world.profile_index(&params.text("Identifier")) else {
        return reply(ROOT, "Error1", NOT_FOUND).child(input);
    };
    let items = world.profiles[index].history.iter().map(|a| {
        El::new("Item")
            .text("Identifier", a.id.to_string())
            .text("ContactIdentifier", a.contact.to_string())
            .text("Port", a.port.to_string())
            .text("Status", if a.up { "Up" } else { "Down" })
            .text("AlertType", a.alert_type)
            .text("Date", dates::timestamp(a.minutes))
    });
    reply(ROOT, "Success1", FOUND)
        .child(input)
        .child(El::items("Output", items))
}

fn list_mon(world: &World) -> El {
    let items = world.profiles.iter().map(|p| {
        El::new("Item")
            .text("Identifier", p.id.to_string())
            .text("Name", p.name.as_str())
            .text("IPAddress", p.ip.as_str())
            .text("ServerIdentifier", p.server.to_string())
            .text("Status", profile_status(world, p))
    });
    reply(
        "Servers_List_Mon",
        "Success1",
        "Monitoring profielen gevonden",
    )
    .child(El::items("Monitoring_Profiles", items))
}
