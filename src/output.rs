//! Plain-text tables and JSON for the headless commands. No colour: the
//! output is meant for pipes and scripts.

mod telemetry;
mod tickets;

pub use telemetry::{telemetry, TelemetryRow};
pub use tickets::{ticket_details, tickets};

use crate::app::labels::{contact_use, lock_label, ymd};
use crate::model::time::iso_date;
use crate::model::{
    now_millis, short_age, Contact, DnsRecord, Domain, HistoryEntry, Job, Missing, Server,
};
use serde_json::{json, Value};

/// Left-aligned columns, two spaces apart, widths from the content.
fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut push_row = |cells: Vec<&str>| {
        let line: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    };
    push_row(header.to_vec());
    for row in rows {
        push_row(row.iter().map(String::as_str).collect());
    }
    out
}

fn json_array(items: Vec<Value>) -> String {
    let mut text =
        serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

/// A model object with its `kind` beside its own fields (`account`, `id`
/// and the rest), serialized as it is written: no JSON tree in between.
#[derive(serde::Serialize)]
struct Kinded<'a, T> {
    kind: &'a str,
    #[serde(flatten)]
    item: &'a T,
}

/// Writes `items` to `out` as a pretty JSON array of objects of `kind`,
/// one at a time: a list of 10,000 servers is never held as JSON, as a
/// tree or as text (README, "Memory and scale").
pub fn write_json_list<T: serde::Serialize>(
    out: &mut impl std::io::Write,
    kind: &str,
    items: &[T],
) -> std::io::Result<()> {
    use serde::ser::{SerializeSeq, Serializer as _};
    let mut serializer = serde_json::Serializer::pretty(&mut *out);
    let mut list = serializer.serialize_seq(Some(items.len()))?;
    for item in items {
        list.serialize_element(&Kinded { kind, item })?;
    }
    list.end()?;
    writeln!(out)
}

/// [`write_json_list`] into a string.
fn json_list<T: serde::Serialize>(kind: &str, items: &[T]) -> String {
    let mut text = Vec::new();
    match write_json_list(&mut text, kind, items) {
        Ok(()) => String::from_utf8(text).unwrap_or_else(|_| "[]\n".into()),
        Err(_) => "[]\n".into(),
    }
}

/// A model object as JSON with `account`, `kind` and `id` first-class.
fn object(kind: &str, value: impl serde::Serialize) -> Value {
    let mut value = serde_json::to_value(value).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.insert("kind".into(), Value::String(kind.into()));
    }
    value
}

pub fn servers(servers: &[Server], as_json: bool) -> String {
    if as_json {
        return json_list("server", servers);
    }
    let rows: Vec<Vec<String>> = servers
        .iter()
        .map(|s| {
            vec![
                s.account.clone(),
                s.name.clone(),
                s.power.label().to_string(),
                s.status.clone(),
                s.primary_ip.clone().unwrap_or_default(),
                s.location.clone(),
                s.group.clone(),
                s.os.clone(),
                s.size_label(),
            ]
        })
        .collect();
    table(
        &[
            "ACCOUNT", "NAME", "POWER", "STATUS", "IP", "LOCATION", "GROUP", "OS", "CPU/MEM",
        ],
        &rows,
    )
}

pub fn ips(servers: &[Server], as_json: bool) -> String {
    let ips = servers
        .iter()
        .flat_map(|s| s.ips.iter().map(move |ip| (s, ip)));
    if as_json {
        return json_array(
            ips.map(|(s, ip)| {
                json!({
                    "account": s.account, "kind": "ip", "id": ip.address,
                    "address": ip.address, "type": ip.kind, "claimed": ip.claimed,
                    "server": s.name, "ptr": ip.ptr, "subnet": ip.subnet,
                    "gateway": ip.gateway, "remarks": ip.remarks,
                })
            })
            .collect(),
        );
    }
    let rows: Vec<Vec<String>> = ips
        .map(|(s, ip)| {
            let claimed = match ip.claimed {
                Some(true) => "yes",
                Some(false) => "no",
                None => "",
            };
            vec![
                s.account.clone(),
                ip.address.clone(),
                ip.kind.clone(),
                claimed.to_string(),
                s.name.clone(),
                ip.ptr.clone().unwrap_or_default(),
                ip.subnet.clone().unwrap_or_default(),
                ip.gateway.clone().unwrap_or_default(),
            ]
        })
        .collect();
    table(
        &[
            "ACCOUNT", "ADDRESS", "TYPE", "CLAIMED", "SERVER", "PTR", "SUBNET", "GATEWAY",
        ],
        &rows,
    )
}

/// The DNS records of a domain: JSON objects with `account`, `kind`
/// (`record`), `id`, `domain`, `name`, `type`, `content`, `priority` and
/// `ttl` (null where the record has none).
pub fn records(records: &[DnsRecord], as_json: bool) -> String {
    if as_json {
        return json_list("record", records);
    }
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let rows: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            vec![
                r.account.clone(),
                r.domain.clone(),
                r.id.clone(),
                r.name.clone(),
                r.record_type.clone(),
                number(r.priority),
                number(r.ttl),
                r.content.clone(),
            ]
        })
        .collect();
    table(
        &[
            "ACCOUNT", "DOMAIN", "ID", "NAME", "TYPE", "PRIO", "TTL", "CONTENT",
        ],
        &rows,
    )
}

pub fn jobs(jobs: &[Job], as_json: bool) -> String {
    if as_json {
        return json_array(
            jobs.iter()
                .map(|j| {
                    let mut v = object("job", j);
                    if let Value::Object(map) = &mut v {
                        map.insert("account".into(), json!(j.target.account));
                    }
                    v
                })
                .collect(),
        );
    }
    let now = now_millis();
    let rows: Vec<Vec<String>> = jobs
        .iter()
        .map(|j| {
            let detail = match &j.state {
                crate::model::JobState::Failed(reason) => reason.clone(),
                _ => String::new(),
            };
            vec![
                format!("#{}", j.id),
                j.target.account.clone(),
                j.target_name.clone(),
                j.command.cli_name().to_string(),
                j.state.label(),
                short_age(now - j.created_at),
                detail,
            ]
        })
        .collect();
    table(
        &[
            "ID", "ACCOUNT", "TARGET", "ACTION", "STATE", "AGE", "DETAIL",
        ],
        &rows,
    )
}

/// `networks in UC1 not fetched: Network/GetNetworks UC1: StatusCode 2: …`:
/// a part of `account` that a refresh could not fetch, for a line that
/// names the account already.
pub fn not_fetched(account: &str, missing: &Missing) -> String {
    let cause = missing
        .cause
        .strip_prefix(account)
        .and_then(|rest| rest.strip_prefix(": "))
        .unwrap_or(&missing.cause);
    format!("{} not fetched: {cause}", missing.part)
}

/// One `Not fetched` row per part the last refresh could not fetch.
fn missing_rows(missing: &[Missing]) -> impl Iterator<Item = (String, String)> + '_ {
    missing
        .iter()
        .map(|m| ("Not fetched".to_string(), m.describe()))
}

pub fn server_details(server: &Server) -> String {
    let mut rows: Vec<(String, String)> = vec![
        ("Account".into(), server.account.clone()),
        ("Id".into(), server.id.clone()),
        ("Name".into(), server.name.clone()),
        ("Power".into(), server.power.label().to_string()),
        ("Status".into(), server.status.clone()),
        (
            "Primary IP".into(),
            server.primary_ip.clone().unwrap_or_default(),
        ),
        ("Location".into(), server.location.clone()),
        ("Group".into(), server.group.clone()),
        ("OS".into(), server.os.clone()),
        ("CPU / memory".into(), server.size_label()),
        ("Maintenance".into(), server.in_maintenance.to_string()),
    ];
    rows.extend(
        server
            .details
            .iter()
            .map(|d| (d.label.to_string(), d.value.to_string())),
    );
    for ip in &server.ips {
        rows.push(("IP".into(), format!("{} {}", ip.address, ip.kind)));
    }
    let actions: Vec<&str> = server.actions.iter().map(|a| a.cli_name()).collect();
    rows.push(("Actions".into(), actions.join(", ")));
    rows.extend(missing_rows(&server.missing));
    labelled(&rows)
}

/// `Label  value` lines, the values in one column.
fn labelled(rows: &[(String, String)]) -> String {
    let width = rows.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
    rows.iter()
        .map(|(label, value)| format!("{label:<width$}  {value}\n"))
        .collect()
}

/// The name of the contact a domain's handle refers to, or the handle itself.
fn contact_name(handle: Option<&str>, contacts: &[Contact]) -> String {
    let Some(handle) = handle.filter(|h| !h.is_empty()) else {
        return String::new();
    };
    match contacts.iter().find(|c| c.matches_handle(handle)) {
        Some(contact) => format!("{} ({handle})", contact.display_name()),
        None => handle.to_string(),
    }
}

pub fn domains(domains: &[Domain], contacts: &[Contact], as_json: bool) -> String {
    if as_json {
        return json_list("domain", domains);
    }
    let now = now_millis();
    let rows: Vec<Vec<String>> = domains
        .iter()
        .map(|d| {
            let days = match d.days_left(now) {
                Some(days) if d.expires_soon(now) => format!("in {days} days"),
                _ => String::new(),
            };
            let owner = contacts
                .iter()
                .filter(|c| c.account == d.account)
                .find(|c| d.owner.as_deref().is_some_and(|h| c.matches_handle(h)))
                .map(Contact::display_name)
                .unwrap_or_else(|| d.owner.clone().unwrap_or_default());
            vec![
                d.account.clone(),
                d.id.clone(),
                d.tld.clone(),
                d.status.clone(),
                ymd(d.registered),
                ymd(d.expires),
                days,
                lock_label(d.locked).to_string(),
                owner,
            ]
        })
        .collect();
    table(
        &[
            "ACCOUNT",
            "DOMAIN",
            "TLD",
            "STATUS",
            "REGISTERED",
            "EXPIRES",
            "",
            "LOCK",
            "OWNER",
        ],
        &rows,
    )
}

pub fn contacts(contacts: &[Contact], domains: &[Domain], as_json: bool) -> String {
    if as_json {
        return json_list("contact", contacts);
    }
    let usage = contact_use(contacts, domains);
    let rows: Vec<Vec<String>> = contacts
        .iter()
        .map(|c| {
            let used = usage.get(&c.reference()).map_or(0, Vec::len);
            vec![
                c.account.clone(),
                c.id.clone(),
                c.fields.handle.clone(),
                c.display_name(),
                c.fields.country.clone(),
                c.email.clone().unwrap_or_default(),
                used.to_string(),
            ]
        })
        .collect();
    table(
        &[
            "ACCOUNT", "ID", "HANDLE", "NAME", "COUNTRY", "EMAIL", "DOMAINS",
        ],
        &rows,
    )
}

pub fn domain_details(domain: &Domain, contacts: &[Contact], history: &[HistoryEntry]) -> String {
    let mut rows: Vec<(String, String)> = vec![
        ("Account".into(), domain.account.clone()),
        ("Domain".into(), domain.id.clone()),
        ("Status".into(), domain.status.clone()),
        ("Registered".into(), ymd(domain.registered)),
        ("Expires".into(), ymd(domain.expires)),
        ("Lock".into(), lock_label(domain.locked).into()),
        ("Nameservers".into(), domain.nameservers.join(", ")),
        (
            "Owner".into(),
            contact_name(domain.owner.as_deref(), contacts),
        ),
        (
            "Admin".into(),
            contact_name(domain.admin.as_deref(), contacts),
        ),
        (
            "Tech".into(),
            contact_name(domain.tech.as_deref(), contacts),
        ),
    ];
    rows.extend(domain.details.iter().map(|d| {
        let label = if d.section.is_empty() {
            d.label.to_string()
        } else {
            format!("{} {}", d.section, d.label)
        };
        (label, d.value.to_string())
    }));
    rows.extend(missing_rows(&domain.missing));
    for entry in history {
        let when = entry
            .at
            .map(iso_date)
            .unwrap_or_else(|| entry.raw_date.clone());
        let text = [&entry.action, &entry.status, &entry.note]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" · ");
        rows.push(("History".into(), format!("{when}  {text}")));
    }
    labelled(&rows)
}
