//! How CLC objects look on the wire: the Server object (flat-list and
//! account-hierarchy variants, with the document's mixed value types),
//! hardware groups, networks and queue items.

use super::wire::{Obj, Val, XmlList};
use super::world::{CustomField, Group, Ip, IpKind, Job, JobStatus, Network, Server};
use serde_json::{json, Value};

/// Which listing a server object appears in; the document shapes them differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerStyle {
    /// GetServer / GetServers / GetAllServers: `AddressType` 1 for a RIP,
    /// `CustomFields` always a list, XML `<IPAddresses><IPAddress/>..`.
    Flat,
    /// GetAllServersForAccountHierarchy: `AddressType` "RIP", empty
    /// `CustomFields` as null, XML `<IPAddresses Address=.. />` repeated.
    Hierarchy,
}

/// The Server object. `index` varies the number-or-string fields between servers.
pub fn server(s: &Server, group: &Group, index: usize, style: ServerStyle) -> Obj {
    let ips_xml = match style {
        ServerStyle::Flat => XmlList::Wrapped("IPAddresses", "IPAddress"),
        ServerStyle::Hierarchy => XmlList::Repeated("IPAddresses"),
    };
    let ips = s.ips.iter().map(|ip| address(ip, style)).collect();
    let fields: Vec<Obj> = s.custom_fields.iter().map(custom_field).collect();
    let obj = Obj::new()
        .attr("ID", -1)
        .attr("HardwareGroupID", group.id)
        .attr("HardwareGroupUUID", group.uuid.as_str())
        .attr("Location", s.location)
        .attr("Name", s.name.as_str())
        .attr("Description", s.description.as_str())
        .attr(
            "DnsName",
            s.dns_name.as_deref().map_or(Value::Null, Value::from),
        )
        .attr("IsTemplate", false)
        .attr("Cpu", s.cpu)
        .attr("MemoryGB", s.memory_gb)
        .attr("DiskCount", s.disk_count)
        .attr("TotalDiskSpaceGB", s.total_disk_gb)
        .attr("Status", s.status)
        .attr(
            "ServerType",
            number_or_text(s.server_type, index.is_multiple_of(2)),
        )
        .attr(
            "ServiceLevel",
            number_or_text(s.service_level, index.is_multiple_of(3)),
        )
        .attr("OperatingSystem", s.os)
        .attr("PowerState", s.power.name())
        .attr("InMaintenanceMode", s.in_maintenance)
        .attr("IPAddress", s.primary_ip())
        .date("DateModified", s.modified_ms)
        .attr("ModifiedBy", s.modified_by)
        .list("IPAddresses", ips_xml, ips);
    match style {
        ServerStyle::Flat => obj.list("CustomFields", XmlList::Repeated("CustomFields"), fields),
        ServerStyle::Hierarchy => {
            obj.list_or_null("CustomFields", XmlList::Repeated("CustomFields"), fields)
        }
    }
}

/// `"2"` or `2`, as the examples mix them.
fn number_or_text(value: u8, as_text: bool) -> Val {
    if as_text {
        Val::from(value.to_string())
    } else {
        Val::from(value)
    }
}

fn address(ip: &Ip, style: ServerStyle) -> Obj {
    let name = ip.kind.name();
    let kind = match (style, ip.kind) {
        (ServerStyle::Flat, IpKind::Rip) => Val::Split(json!(1), name.to_string()),
        _ => Val::from(name),
    };
    Obj::new()
        .attr("Address", ip.address.as_str())
        .attr("AddressType", kind)
}

fn custom_field(field: &CustomField) -> Obj {
    Obj::new()
        .attr("ID", field.id.as_str())
        .attr("CustomFieldID", -1)
        .attr("Name", field.name)
        .attr("Type", field.kind)
        .attr("Value", field.value.as_str())
}

pub fn group(g: &Group) -> Obj {
    Obj::new()
        .attr("ID", g.id)
        .attr("UUID", g.uuid.as_str())
        .attr("ParentID", g.parent_id)
        .attr("ParentUUID", g.parent_uuid.as_str())
        .attr("Name", g.name.as_str())
        .attr("IsSystemGroup", g.is_system)
}

pub fn network(n: &Network) -> Obj {
    Obj::new()
        .attr("Name", n.name.as_str())
        .attr("Description", n.name.as_str())
        .attr("Gateway", n.gateway())
        .attr("Location", n.location)
        .attr("AccountAlias", n.account)
}

/// NetworkDetails: every usable address of the /24, claimed or not.
pub fn network_details(n: &Network, servers: &[Server]) -> Obj {
    let addresses = (2..=254u8)
        .map(|host| {
            let claimant = n.claims.get(&host).map(|&i| servers[i].name.as_str());
            Obj::new()
                .attr("Address", format!("{}.{host}", n.prefix))
                .attr("AddressType", IpKind::Rip.name())
                .attr("IsClaimed", claimant.is_some())
                .attr("ServerName", claimant.unwrap_or(""))
        })
        .collect();
    Obj::new()
        .attr("Name", n.name.as_str())
        .attr("Description", n.name.as_str())
        .attr("Gateway", n.gateway())
        .attr("NetworkMask", "255.255.255.0")
        .attr("Location", n.location)
        .list(
            "IPAddresses",
            XmlList::Wrapped("IPAddresses", "IPAddress"),
            addresses,
        )
}

/// RequestDetails / QueueItem.
pub fn queue_item(job: &Job, status: &JobStatus) -> Obj {
    Obj::new()
        .attr("RequestID", job.id)
        .attr("RequestTitle", job.title.as_str())
        .attr("ProgressDesc", status.progress)
        .date("StatusDate", status.status_ms)
        .attr("PercentComplete", status.percent)
        .attr("CurrentStatus", status.current_status)
        .attr("StepNumber", status.step)
}
