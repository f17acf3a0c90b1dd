//! Domains (digest #24-#31): the list, one domain by id and by name, its
//! nameservers, and its DNS records. Every change persists.
//!
//! Where the document is silent or unclear, ours:
//! - `PUT /domain/@id/ns` takes only the table's form, a JSON array of
//!   host names (digest §4.3 item 5); the samples' string
//!   (`"nameserversValue"`) is refused with 400. Empty strings in the
//!   array are dropped. "If $nameservers is left empty, default
//!   namesevers will be used" (L1188, digest §4.5 item 26): a missing,
//!   null or empty list silently sets [`DEFAULT_NAMESERVERS`]. Otherwise
//!   2 to 13 distinct host names.
//! - `@index` in `/domain/@id/dns/@index` is the record's `id` from the
//!   list, not its position (digest §4.4 item 11). Ids are never reused.
//! - A record's `priority` is a number or a string of digits (the table
//!   says string, the list shows a number, digest §4.3 item 8); when left
//!   out it is 0. `ttl` cannot be set (there is no parameter, digest §4.5
//!   item 27): new records get [`NEW_TTL`]. `type` is one of
//!   [`RECORD_TYPES`] (any case), and `content` must suit it.
//! - A domain that is not `Active` refuses changes with 200 and
//!   `{"error": ["domain is not active"]}`.

use super::proto::{self, date, day_start, now_secs, path_id, Answer, ApiError, Fields, DAY};
use super::tickets::flag;
use super::world::{DnsRecord, DomainRecord, World, ACTIVE};
use super::Sim;
use crate::sim::valid_hostname;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::routing::{get, put};
use axum::Router;
use serde_json::{json, Value};
use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

/// The provider's nameservers, set when a change leaves the list empty.
pub const DEFAULT_NAMESERVERS: [&str; 2] = ["ns1.xsserver-dns.example", "ns2.xsserver-dns.example"];
/// The record types the simulator accepts.
pub const RECORD_TYPES: [&str; 8] = ["A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA"];
/// The `ttl` of records made through the API.
pub const NEW_TTL: u32 = 3_600;
/// The document's `info` after a DNS change.
const DNS_UPDATED: &str = "DNS Management updated successfully";
/// The most nameservers a domain takes.
const MAX_NAMESERVERS: usize = 13;

pub fn routes() -> Router<Arc<Sim>> {
    Router::new()
        .route("/api/domain", get(list))
        .route("/api/domain/{id}", get(details))
        .route("/api/domain/name/{name}", get(by_name))
        .route("/api/domain/{id}/ns", put(set_nameservers))
        .route("/api/domain/{id}/dns", get(records).post(add_record))
        .route(
            "/api/domain/{id}/dns/{index}",
            put(edit_record).delete(remove_record),
        )
}

/// #24 `{"domains": [...]}`, every value a string as in the document.
async fn list(State(sim): State<Arc<Sim>>) -> Answer {
    let today = day_start(now_secs());
    let world = sim.lock();
    let domains: Vec<Value> = world
        .domains
        .iter()
        .map(|d| {
            json!({
                "id": d.id.to_string(),
                "name": d.name,
                "expires": date(d.expires),
                "recurring_amount": d.recurring_amount,
                "date_created": date(d.created),
                "status": d.status,
                "period": d.period.to_string(),
                "autorenew": flag(d.autorenew),
                "daytoexpire": ((d.expires - today) / DAY).to_string(),
            })
        })
        .collect();
    proto::answer(json!({ "domains": domains }))
}

/// #25 `{"details": {...}}`: an object.
async fn details(State(sim): State<Arc<Sim>>, Path(id): Path<String>) -> Answer {
    let mut world = sim.lock();
    let domain = find(&mut world, &id)?;
    proto::answer(json!({ "details": domain_details(domain) }))
}

/// #26 `{"details": [...]}`: an array, as several registrations may share
/// a name (digest §4.4 item 15); 404 when none has it.
async fn by_name(State(sim): State<Arc<Sim>>, Path(name): Path<String>) -> Answer {
    let world = sim.lock();
    let found: Vec<Value> = world
        .domains
        .iter()
        .filter(|d| d.name.eq_ignore_ascii_case(name.trim()))
        .map(domain_details)
        .collect();
    if found.is_empty() {
        return Err(ApiError::not_found("domain"));
    }
    proto::answer(json!({ "details": found }))
}

/// The document's domain details object.
pub fn domain_details(d: &DomainRecord) -> Value {
    json!({
        "id": d.id.to_string(),
        "name": d.name,
        "date_created": date(d.created),
        "firstpayment": d.firstpayment,
        "recurring_amount": d.recurring_amount,
        "period": d.period.to_string(),
        "expires": date(d.expires),
        "status": d.status,
        "next_due": date(d.expires),
        "next_invoice": date(d.expires - 30 * DAY),
        "idprotection": flag(d.idprotection),
        "nameservers": d.nameservers,
        "autorenew": flag(d.autorenew),
    })
}

/// #27 `{"nameservers": [...]}` answers `{"info": ["success_changes_save"]}`.
async fn set_nameservers(
    State(sim): State<Arc<Sim>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Answer {
    let fields = Fields::parse(&body)?;
    let nameservers = nameservers(fields.value("nameservers"))?;
    let mut world = sim.lock();
    let domain = changeable(&mut world, &id)?;
    domain.nameservers = if nameservers.is_empty() {
        DEFAULT_NAMESERVERS.map(String::from).to_vec()
    } else {
        nameservers
    };
    Ok(proto::info("success_changes_save"))
}

/// The checked list; empty means "use the defaults".
fn nameservers(value: Option<&Value>) -> Result<Vec<String>, ApiError> {
    let refuse = |message: String| Err(ApiError::invalid(vec![message]));
    let items = match value {
        None => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(_) => {
            return refuse(
                r#"nameservers must be a list of host names, e.g. ["ns1.example.com", "ns2.example.com"]"#
                    .into(),
            )
        }
    };
    let mut names: Vec<String> = Vec::new();
    for item in items {
        let Some(text) = item.as_str() else {
            return refuse(format!("nameservers: {item} is not a host name"));
        };
        let name = text.trim().trim_end_matches('.').to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        if !valid_hostname(&name) || !name.contains('.') {
            return refuse(format!("nameservers: {text} is not a host name"));
        }
        if names.contains(&name) {
            return refuse(format!("nameservers: {name} is listed twice"));
        }
        names.push(name);
    }
    match names.len() {
        1 => refuse("at least two nameservers are required".into()),
        n if n > MAX_NAMESERVERS => {
            refuse(format!("at most {MAX_NAMESERVERS} nameservers are allowed"))
        }
        _ => Ok(names),
    }
}

/// #28 `{"records": [...]}`.
async fn records(State(sim): State<Arc<Sim>>, Path(id): Path<String>) -> Answer {
    let mut world = sim.lock();
    let domain = find(&mut world, &id)?;
    proto::answer(json!({ "records": domain.records }))
}

/// #29: a new record; the answer names no id (re-list to see it).
async fn add_record(State(sim): State<Arc<Sim>>, Path(id): Path<String>, body: Bytes) -> Answer {
    let input = RecordInput::parse(&body)?;
    let mut world = sim.lock();
    let domain = changeable(&mut world, &id)?;
    let record = input.into_record(domain.next_record_id, NEW_TTL);
    domain.next_record_id += 1;
    domain.records.push(record);
    Ok(proto::info(DNS_UPDATED))
}

/// #30: the whole record is replaced; its `ttl` stays.
async fn edit_record(
    State(sim): State<Arc<Sim>>,
    Path((id, index)): Path<(String, String)>,
    body: Bytes,
) -> Answer {
    let input = RecordInput::parse(&body)?;
    let mut world = sim.lock();
    let domain = changeable(&mut world, &id)?;
    let record = record_mut(domain, &index)?;
    *record = input.into_record(record.id, record.ttl);
    Ok(proto::info(DNS_UPDATED))
}

/// #31.
async fn remove_record(
    State(sim): State<Arc<Sim>>,
    Path((id, index)): Path<(String, String)>,
) -> Answer {
    let mut world = sim.lock();
    let domain = changeable(&mut world, &id)?;
    let record_id = record_mut(domain, &index)?.id;
    domain.records.retain(|r| r.id != record_id);
    Ok(proto::info(DNS_UPDATED))
}

fn find<'w>(world: &'w mut World, id: &str) -> Result<&'w mut DomainRecord, ApiError> {
    let id = path_id(id, "domain")?;
    world
        .domain_mut(id)
        .ok_or_else(|| ApiError::not_found("domain"))
}

/// The domain, if it takes changes.
fn changeable<'w>(world: &'w mut World, id: &str) -> Result<&'w mut DomainRecord, ApiError> {
    let domain = find(world, id)?;
    if domain.status == ACTIVE {
        Ok(domain)
    } else {
        Err(ApiError::refused("domain is not active"))
    }
}

fn record_mut<'d>(
    domain: &'d mut DomainRecord,
    index: &str,
) -> Result<&'d mut DnsRecord, ApiError> {
    let id = path_id(index, "record")?;
    domain
        .records
        .iter_mut()
        .find(|r| r.id == id)
        .ok_or_else(|| ApiError::not_found("record"))
}

/// The body of #29 and #30.
struct RecordInput {
    name: String,
    kind: String,
    priority: u32,
    content: String,
}

impl RecordInput {
    fn parse(body: &[u8]) -> Result<RecordInput, ApiError> {
        let mut fields = Fields::parse(body)?;
        let name = fields.optional_text("name");
        let kind = fields.filled("type").to_ascii_uppercase();
        let priority = fields.number("priority", u64::from(u16::MAX)).unwrap_or(0);
        let content = fields.filled("content");
        let name = match name.as_deref() {
            None => {
                fields.error("name is required");
                String::new()
            }
            Some("") | Some("@") => "@".to_string(),
            Some(name) if valid_record_name(name) => name.to_string(),
            Some(name) => {
                fields.error(format!("name {name} is not a valid record name"));
                String::new()
            }
        };
        if !kind.is_empty() && !RECORD_TYPES.contains(&kind.as_str()) {
            fields.error(format!("type must be one of {}", RECORD_TYPES.join(", ")));
        } else if !content.is_empty() {
            if let Err(message) = check_content(&kind, &content) {
                fields.error(message);
            }
        }
        fields.finish()?;
        Ok(RecordInput {
            name,
            kind,
            priority: priority as u32,
            content: content.trim_end_matches('.').to_string(),
        })
    }

    fn into_record(self, id: u64, ttl: u32) -> DnsRecord {
        DnsRecord {
            id,
            name: self.name,
            ttl,
            priority: self.priority,
            kind: self.kind,
            content: self.content,
        }
    }
}

/// Whether `content` suits a record of type `kind`.
fn check_content(kind: &str, content: &str) -> Result<(), String> {
    let host = |text: &str| valid_hostname(text.trim_end_matches('.'));
    let ok = match kind {
        "A" => content.parse::<Ipv4Addr>().is_ok(),
        "AAAA" => content.parse::<Ipv6Addr>().is_ok(),
        "CNAME" | "NS" | "MX" => host(content),
        "SRV" => {
            let parts: Vec<&str> = content.split_whitespace().collect();
            matches!(parts[..], [weight, port, target]
                if weight.parse::<u16>().is_ok() && port.parse::<u16>().is_ok() && host(target))
        }
        _ => content.len() <= 4_096,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("content {content} does not suit a {kind} record"))
    }
}

/// `www`, `_dmarc`, `*.dev`, `a.b`: labels of letters, digits, `-` and
/// `_`, or a leading `*`.
fn valid_record_name(name: &str) -> bool {
    let name = name.strip_prefix("*.").unwrap_or(name);
    name == "*"
        || name.len() <= 253
            && name.split('.').all(|label| {
                (1..=63).contains(&label.len())
                    && label
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nameservers_take_only_a_list_and_an_empty_one_means_defaults() {
        let list = |v: Value| nameservers(Some(&v));
        assert_eq!(nameservers(None).unwrap(), Vec::<String>::new());
        assert!(list(json!([])).unwrap().is_empty());
        assert!(list(json!(["", " "])).unwrap().is_empty());
        assert_eq!(
            list(json!(["NS1.Example.com.", "ns2.example.com", ""])).unwrap(),
            ["ns1.example.com", "ns2.example.com"]
        );
        for bad in [
            json!("nameserversValue"),
            json!(""),
            json!({"ns1": "a.example"}),
            json!(["ns1.example.com"]),
            json!(["ns1.example.com", "ns1.example.com"]),
            json!(["ns1.example.com", "bad host"]),
            json!(["ns1.example.com", 7]),
        ] {
            assert!(list(bad.clone()).is_err(), "{bad}");
        }
    }

    #[test]
    fn content_must_suit_the_type() {
        assert!(check_content("A", "192.0.2.1").is_ok());
        assert!(check_content("A", "contentValue").is_err());
        assert!(check_content("AAAA", "2001:db8::1").is_ok());
        assert!(check_content("AAAA", "192.0.2.1").is_err());
        assert!(check_content("MX", "mail.example.com.").is_ok());
        assert!(check_content("SRV", "10 5060 sip.example.com").is_ok());
        assert!(check_content("SRV", "10 sip.example.com").is_err());
        assert!(check_content("TXT", "v=spf1 -all").is_ok());
    }

    #[test]
    fn record_names_allow_underscores_and_a_leading_wildcard() {
        for good in ["www", "_dmarc", "*.dev", "*", "a.b-c"] {
            assert!(valid_record_name(good), "{good}");
        }
        for bad in ["a..b", "sp ace", "a.*", "nameValue!"] {
            assert!(!valid_record_name(bad), "{bad}");
        }
    }
}
