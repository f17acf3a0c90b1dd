//! Module `servers`: server details (with cabinet power and virtual usage
//! that drift a little per call), the power triggers (virtual servers only;
//! the document's success text is "Server is herstart" for all three) and the
//! server list. IP and monitoring actions live in `ips` and `monitoring`.

use super::dates;
use super::ips;
use super::monitoring::{self, drift};
use super::proto::{action, decimal, reply, Params};
use super::world::{Cabinet, Hardware, Server, ServerType, Usage, VirtualUsage, World};
use super::xml::El;

const NOT_FOUND: &str = "Server niet gevonden";
const FOUND: &str = "Server gevonden";

pub fn run(world: &mut World, action: &str, params: &Params, now: i64) -> Option<El> {
    let answer = match action {
        "get_details" => get_details(world, params),
        "trigger_reboot" => trigger(world, params, Power::Reboot, now),
        "trigger_poweron" => trigger(world, params, Power::On, now),
        "trigger_poweroff" => trigger(world, params, Power::Off, now),
        "list" => list(world),
        other => {
            return ips::run(world, other, params)
                .or_else(|| monitoring::run(world, other, params, now))
        }
    };
    Some(answer)
}

fn get_details(world: &mut World, params: &Params) -> El {
    const ROOT: &str = "Servers_Get_Details";
    let input = params.input(&["Identifier"]);
    let Some(index) = world.server_index(&params.text("Identifier")) else {
        return reply(ROOT, "Error1", NOT_FOUND).child(input);
    };
    let tick = world.tick();
    let server = &world.servers[index];
    let salt = world.seed ^ server.id;
    reply(ROOT, "Success1", FOUND)
        .child(input)
        .child(general(world, server))
        .child(cabinet(server.cabinet.as_ref(), tick, salt))
        .child(virtual_usage(server, tick, salt))
        .child(connectivity(server))
        .child(hardware(server))
        .child(software(server))
}

fn general(world: &World, server: &Server) -> El {
    let first = |v6: bool| {
        world
            .ips
            .iter()
            .find(|ip| ip.server == server.id && ip.v6 == v6)
            .map_or(String::new(), |ip| ip.address.clone())
    };
    let units = if server.units > 0 {
        server.units.to_string()
    } else {
        String::new()
    };
    // `IPv4address`/`IPv6address` with a lower-case `a`, as the document has them here.
    El::new("General")
        .text("Type", server.kind.name())
        .text("Name", server.name.as_str())
        .text("IPv4address", first(false))
        .text("IPv6address", first(true))
        .text("Location", server.location)
        .text("Units", units)
        .text("ContractDate", dates::date(server.contract_day))
        .text("PaymentTerm", server.payment_term_months.to_string())
        .text("ContractTerm", server.contract_term_months.to_string())
        .text("Status", status(server))
}

fn status(server: &Server) -> &'static str {
    if server.online {
        "Online"
    } else {
        "Offline"
    }
}

/// Filled for a colocation package only; amps drift, kWh counters grow per call.
fn cabinet(cabinet: Option<&Cabinet>, tick: u64, salt: u64) -> El {
    let values: [String; 6] = match cabinet {
        None => Default::default(),
        Some(c) => {
            let grown = tick as f64 * 0.02;
            [
                decimal(drift(c.amp_a, 0.08, tick, salt), 2),
                decimal(drift(c.amp_b, 0.08, tick, salt ^ 0xB), 2),
                decimal(c.kwh_a + grown, 1),
                decimal(c.kwh_a_total + grown, 1),
                decimal(c.kwh_b + grown, 1),
                decimal(c.kwh_b_total + grown, 1),
            ]
        }
    };
    let names = [
        "Amp_Feed_A",
        "Amp_Feed_B",
        "kWh_Feed_A",
        "kWh_Feed_A_Total",
        "kWh_Feed_B",
        "kWh_Feed_B_Total",
    ];
    El::new("Cabinet_Power_Usage")
        .children(names.into_iter().zip(values).map(|(n, v)| El::leaf(n, v)))
}

/// Filled for a virtual server only; memory use drifts (and is 0 when off).
fn virtual_usage(server: &Server, tick: u64, salt: u64) -> El {
    let usage = server.usage.as_ref();
    let memory = usage.map(|u| Usage {
        used: if server.online {
            drift(u.memory_gb.used, 0.1, tick, salt).min(u.memory_gb.assigned)
        } else {
            0.0
        },
        ..u.memory_gb
    });
    El::new("Virtual_Usage")
        .child(amounts("Disk", usage.map(|u: &VirtualUsage| u.disk_gb)))
        .child(amounts("Traffic", usage.map(|u| u.traffic_gb)))
        .child(amounts("Memory", memory))
}

fn amounts(name: &'static str, usage: Option<Usage>) -> El {
    let text = |f: fn(&Usage) -> f64| usage.as_ref().map_or(String::new(), |u| decimal(f(u), 1));
    El::new(name)
        .text("Assigned", text(|u| u.assigned))
        .text("Used", text(|u| u.used))
        .text("Available", text(|u| (u.assigned - u.used).max(0.0)))
}

fn connectivity(server: &Server) -> El {
    El::new("Connectivity")
        .text("Traffic", server.traffic_gb.to_string())
        .text("NIC", server.nic)
        .text("PowerOutlets", server.power_outlets.to_string())
        .text("RebootOutlets", server.reboot_outlets.to_string())
        .text("KVMOutlets", server.kvm_outlets.to_string())
}

fn hardware(server: &Server) -> El {
    let hw = server.hardware.as_ref();
    let text = |f: fn(&Hardware) -> &'static str| hw.map_or("", f);
    El::new("Hardware")
        .text("Processor", text(|h| h.processor))
        .text("Memory", text(|h| h.memory))
        .text("Disk", text(|h| h.disk))
        .text("RAIDController", text(|h| h.raid))
}

fn software(server: &Server) -> El {
    let hw = server.hardware.as_ref();
    El::new("Software")
        .text("OperatingSystem", hw.map_or("", |h| h.os))
        .text("ControlPanel", hw.map_or("", |h| h.control_panel))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Power {
    Reboot,
    On,
    Off,
}

impl Power {
    fn root(self) -> &'static str {
        match self {
            Power::Reboot => "Servers_Trigger_Reboot",
            Power::On => "Servers_Trigger_PowerOn",
            Power::Off => "Servers_Trigger_PowerOff",
        }
    }

    fn not_virtual(self) -> &'static str {
        match self {
            Power::Reboot => "Server is niet virtueel en kon daarom niet worden herstart",
            Power::On => "Server is niet virtueel en kon daarom niet worden aangezet",
            Power::Off => "Server is niet virtueel en kon daarom niet worden uitgezet",
        }
    }
}

fn trigger(world: &mut World, params: &Params, power: Power, now: i64) -> El {
    let root = power.root();
    let input = params.input(&["Identifier"]);
    let Some(index) = world.server_index(&params.text("Identifier")) else {
        return reply(root, "Error1", NOT_FOUND).child(input);
    };
    let found = reply(root, "Success1", FOUND).child(input);
    if world.servers[index].kind != ServerType::Virtual {
        return found.child(action("Action1", "Error1", power.not_virtual()));
    }
    let server = world.servers[index].id;
    if power != Power::On {
        monitoring::record_alert(world, server, false, now);
    }
    if power != Power::Off {
        monitoring::record_alert(world, server, true, now);
    }
    world.servers[index].online = power != Power::Off;
    // The document gives "Server is herstart" as the success text of all three triggers.
    found.child(action("Action1", "Success1", "Server is herstart"))
}

fn list(world: &World) -> El {
    let items = world.servers.iter().map(|s| {
        let v4 = world.ips.iter().find(|ip| ip.server == s.id && !ip.v6);
        El::new("Item")
            .text("Identifier", s.id.to_string())
            .text("Name", s.name.as_str())
            .text("IPv4Address", v4.map_or("", |ip| ip.address.as_str()))
            .text("Type", s.kind.name())
    });
    // The document's text for this code is copied from colocation list_visit (L824).
    reply(
        "Servers_List",
        "Success1",
        "Datacenter toegang verzoeken opgehaald",
    )
    .child(El::items("Servers", items))
}
