//! Module `servers`, the IP actions: request more addresses (recorded, never
//! allocated), read one address, change its PTR record and remarks, and list
//! every IPv4 and IPv6 address.

use super::proto::{action, reply, Params};
use super::world::{Ip, IpRequest, World};
use super::xml::El;

const NOT_FOUND: &str = "IP adres niet gevonden";
const FOUND: &str = "IP adres gevonden";

pub fn run(world: &mut World, action: &str, params: &Params) -> Option<El> {
    let answer = match action {
        "request_ip" => request_ip(world, params),
        "get_ip" => get_ip(world, params),
        "edit_ip" => edit_ip(world, params),
        "list_ip" => list_ip(world),
        _ => return None,
    };
    Some(answer)
}

fn request_ip(world: &mut World, params: &Params) -> El {
    const ROOT: &str = "Servers_Request_IP";
    let input = params.input(&["Identifier", "Type", "Count", "Reason"]);
    let Some(index) = world.server_index(&params.text("Identifier")) else {
        return reply(ROOT, "Error1", "Server niet gevonden").child(input);
    };
    let found = reply(ROOT, "Success1", "Server gevonden").child(input);
    let Some(count) = params.text("Count").parse::<u32>().ok().filter(|n| *n > 0) else {
        return found.child(action("Action1", "Error1", "Count moet een getal zijn"));
    };
    let v6 = match params.text("Type").as_str() {
        "1" => false,
        "2" => true,
        _ => {
            let text = "Type moet 1 (IPv4) of 2 (IPv6) zijn";
            return found.child(action("Action1", "Error2", text));
        }
    };
    world.ip_requests.push(IpRequest {
        server: world.servers[index].id,
        v6,
        count,
        reason: params.text("Reason"),
    });
    found.child(action(
        "Action1",
        "Success1",
        "IP adressen aanvraag is verzonden",
    ))
}

fn get_ip(world: &World, params: &Params) -> El {
    const ROOT: &str = "Servers_Get_IP";
    let input = params.input(&["IP"]);
    let Some(index) = world.ip_index(&params.text("IP")) else {
        return reply(ROOT, "Error1", NOT_FOUND).child(input);
    };
    let ip = &world.ips[index];
    let general = El::new("General")
        .text("ServerIdentifier", ip.server.to_string())
        .text("Type", if ip.v6 { "IPv6" } else { "IPv4" })
        .text("IP", ip.address.as_str())
        .text("Subnet", ip.subnet.as_str())
        .text("Gateway", ip.gateway.as_str())
        .text("DNS1", ip.resolvers[0].as_str())
        .text("DNS2", ip.resolvers[1].as_str())
        .text("PTRRecord", ip.ptr.as_str());
    // `Remarks` sits outside `General`, as in the document.
    reply(ROOT, "Success1", FOUND)
        .child(input)
        .child(general)
        .text("Remarks", ip.remarks.as_str())
}

/// Sets `PTRRecord` and `Remarks`; a variable that is not sent keeps its
/// value, one sent empty clears it (the document says neither).
fn edit_ip(world: &mut World, params: &Params) -> El {
    const ROOT: &str = "Servers_Edit_IP";
    let input = params.input(&["IP", "PTRRecord", "Remarks"]);
    let Some(index) = world.ip_index(&params.text("IP")) else {
        return reply(ROOT, "Error1", NOT_FOUND).child(input);
    };
    let ip = &mut world.ips[index];
    if let Some(ptr) = params.get("PTRRecord") {
        ip.ptr = ptr.trim().to_string();
    }
    if let Some(remarks) = params.get("Remarks") {
        ip.remarks = remarks.trim().to_string();
    }
    reply(ROOT, "Success1", FOUND).child(input).child(action(
        "Action1",
        "Success1",
        "IP adres gewijzigd",
    ))
}

fn list_ip(world: &World) -> El {
    let items = |v6: bool| {
        world
            .ips
            .iter()
            .filter(move |ip| ip.v6 == v6)
            .map(list_item)
    };
    // "addressen" is the document's spelling (L942).
    reply("Servers_List_IP", "Success1", "IP addressen gevonden")
        .child(El::items("IPv4_Addresses", items(false)))
        .child(El::items("IPv6_Addresses", items(true)))
}

fn list_item(ip: &Ip) -> El {
    El::new("Item")
        .text("Identifier", ip.id.to_string())
        .text("ServerIdentifier", ip.server.to_string())
        .text("IP", ip.address.as_str())
        .text("PTRRecord", ip.ptr.as_str())
}
