//! XSServer client-portal answers and request bodies, field for field as
//! document 002 shows them (digest §3), and the lenient reading of the
//! answers it leaves out (digest §4.5 item 19).
//!
//! Every documented field is optional and lenient: ids, money and flags
//! arrive as strings in one place and as numbers in another (`"id":
//! "47"` but a DNS record's `"id": 1`, `"ticket_number": "736633"` but
//! `{"ticket": 865650}`; digest §4.3), and a missing or `null` value must
//! not cost the whole answer. The calls without an example answer (service
//! IPs, rDNS, PDU ports, VM interfaces, ticket departments) are read from
//! any shape: a list of strings or of objects, under any top-level key.

pub use crate::provider::lenient::{decode_value, WireError};

use crate::provider::lenient::{self, opt_bool, opt_code, opt_int, opt_number, opt_text, Code};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::net::IpAddr;

/// An answer as `T`; the error says what did not fit.
pub fn decode<T: DeserializeOwned>(body: &str) -> Result<T, WireError> {
    T::deserialize(decode_value(body)?).map_err(|e| WireError::Shape(e.to_string()))
}

// -- messages ------------------------------------------------------------------

/// What any answer may say besides its data: `{"error": [...]}` (the
/// document's one error example, L1516), `{"info": [...]}` (a key such as
/// `reply_added` or a sentence), `{"status": true|false}` and
/// `{"success": true}`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Messages {
    pub error: Vec<String>,
    pub info: Vec<String>,
    pub status: Option<bool>,
    pub success: Option<bool>,
}

impl Messages {
    /// The messages of a body; none when it is not a JSON object.
    pub fn of(body: &str) -> Messages {
        match decode_value(body) {
            Ok(Value::Object(map)) => Messages::of_object(&map),
            _ => Messages::default(),
        }
    }

    fn of_object(map: &Map<String, Value>) -> Messages {
        let flag = |key: &str| match map.get(key) {
            Some(Value::Bool(b)) => Some(*b),
            Some(Value::Number(n)) => n.as_i64().map(|n| n != 0),
            Some(Value::String(s)) => lenient::bool_from_text(s),
            _ => None,
        };
        Messages {
            error: texts(map.get("error")),
            info: texts(map.get("info")),
            status: flag("status"),
            success: flag("success"),
        }
    }

    /// Whether the answer says the call was refused: an `error` with
    /// something in it, or `status`/`success` false.
    pub fn refused(&self) -> bool {
        !self.error.is_empty() || self.status == Some(false) || self.success == Some(false)
    }

    /// The refusal in words: the errors, or which flag was false.
    pub fn refusal(&self) -> String {
        if !self.error.is_empty() {
            return self.error.join("; ");
        }
        if self.status == Some(false) {
            return "the provider answered status false (nothing changed)".into();
        }
        "the provider answered success false (nothing changed)".into()
    }
}

/// Messages as text: an array of strings (or numbers), or one string.
fn texts(value: Option<&Value>) -> Vec<String> {
    let one = |v: &Value| match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(_) | Value::Array(_) => Some(v.to_string()),
        Value::Bool(_) | Value::Null => None,
    };
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(one).collect(),
        Some(Value::Object(map)) => map.values().filter_map(one).collect(),
        Some(other) => one(other).into_iter().collect(),
        None => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

// -- authentication ------------------------------------------------------------

/// #1 `POST /login` body.
#[derive(Serialize)]
pub struct Login<'a> {
    pub username: &'a str,
    pub password: &'a str,
}

/// #3 `POST /token` body.
#[derive(Serialize)]
pub struct Refresh<'a> {
    pub refresh_token: &'a str,
}

/// #1 and #3: `{"token": "<JWT>", "refresh": "<JWT>"}`.
#[derive(Clone, Default, Deserialize)]
#[serde(default)]
pub struct TokenPair {
    #[serde(deserialize_with = "opt_text")]
    pub token: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub refresh: Option<String>,
}

impl std::fmt::Debug for TokenPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenPair([redacted])")
    }
}

/// The `exp` claim (seconds since the epoch) of a JWT, read without
/// checking its signature; `None` when the token is not a JWT or has none.
pub fn jwt_expiry(token: &str) -> Option<i64> {
    let payload = token.split('.').nth(1)?;
    let claims: Value = serde_json::from_slice(&base64url_decode(payload)?).ok()?;
    match claims.get("exp")? {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => lenient::int_from_text(s),
        _ => None,
    }
}

/// base64url (RFC 4648 §5), padded or not; `None` for any other character.
fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let sextets: Vec<u32> = text
        .trim_end_matches('=')
        .bytes()
        .map(|b| ALPHABET.iter().position(|&a| a == b).map(|p| p as u32))
        .collect::<Option<_>>()?;
    let mut bytes = Vec::with_capacity(sextets.len() * 3 / 4);
    for group in sextets.chunks(4) {
        let joined = group
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, s)| acc | s << (18 - 6 * i));
        let whole = group.len().saturating_sub(1);
        bytes.extend((0..whole).map(|i| (joined >> (16 - 8 * i)) as u8));
    }
    Some(bytes)
}

// -- account -------------------------------------------------------------------

/// #5 `GET /details`: `{"client": {...}}`, every value a string.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ClientDetails {
    pub client: Client,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Client {
    #[serde(deserialize_with = "opt_code")]
    pub id: Option<Code>,
    #[serde(deserialize_with = "opt_text")]
    pub email: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub firstname: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub lastname: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub companyname: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub lastlogin: Option<String>,
}

// -- billing (read by the wire tests; the console shows no billing) -----------

/// #13 `GET /balance`, as the document's example reads once repaired
/// (digest §4.1 item 1).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Balance {
    #[serde(deserialize_with = "opt_bool")]
    pub success: Option<bool>,
    pub details: BalanceDetails,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct BalanceDetails {
    #[serde(deserialize_with = "opt_text")]
    pub currency: Option<String>,
    #[serde(deserialize_with = "opt_number")]
    pub acc_balance: Option<f64>,
    #[serde(deserialize_with = "opt_number")]
    pub acc_credit: Option<f64>,
}

/// #14 `GET /invoice`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct InvoiceList {
    #[serde(deserialize_with = "lenient::list")]
    pub invoices: Vec<Invoice>,
}

/// #15 `GET /invoice/@id`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct InvoiceDetails {
    pub invoice: Invoice,
}

/// An invoice: `total` is `"19.65"` in the list and `19.65` in details.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Invoice {
    #[serde(deserialize_with = "opt_code")]
    pub id: Option<Code>,
    #[serde(deserialize_with = "opt_text")]
    pub status: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub duedate: Option<String>,
    #[serde(deserialize_with = "opt_number")]
    pub total: Option<f64>,
    #[serde(deserialize_with = "opt_text")]
    pub number: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub currency: Option<String>,
    #[serde(deserialize_with = "lenient::list")]
    pub items: Vec<InvoiceItem>,
}

/// An invoice line; `item_id` may be negative (`"-2"`, digest §4.5 item 30).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct InvoiceItem {
    #[serde(deserialize_with = "opt_int")]
    pub item_id: Option<i64>,
    #[serde(deserialize_with = "opt_text")]
    pub description: Option<String>,
    #[serde(deserialize_with = "opt_number")]
    pub amount: Option<f64>,
}

/// #16 `POST /invoice/@id/credit`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CreditApplied {
    #[serde(deserialize_with = "opt_bool")]
    pub success: Option<bool>,
    #[serde(deserialize_with = "opt_text")]
    pub invoice_status: Option<String>,
    #[serde(deserialize_with = "opt_number")]
    pub applied: Option<f64>,
}

// -- tickets -------------------------------------------------------------------

/// #17 `GET /tickets`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct TicketList {
    #[serde(deserialize_with = "lenient::list")]
    pub tickets: Vec<Ticket>,
}

/// A ticket: the list entry (#17) and the `ticket` of its details (#18),
/// which adds `name`, `email` and the opening `body`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Ticket {
    #[serde(deserialize_with = "opt_code")]
    pub ticket_number: Option<Code>,
    #[serde(deserialize_with = "opt_text")]
    pub date: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub deptname: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub subject: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub status: Option<String>,
    /// `"1"` when the client has read the newest message.
    #[serde(deserialize_with = "opt_bool")]
    pub client_read: Option<bool>,
    #[serde(deserialize_with = "opt_text")]
    pub name: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub email: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub body: Option<String>,
}

/// #18 `GET /tickets/@number`: the ticket and its replies, siblings.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct TicketDetails {
    pub ticket: Ticket,
    #[serde(deserialize_with = "lenient::list")]
    pub replies: Vec<TicketReply>,
}

/// One reply; `type` is `Admin` in the document's example.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct TicketReply {
    #[serde(deserialize_with = "opt_code")]
    pub id: Option<Code>,
    #[serde(deserialize_with = "opt_text")]
    pub name: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub date: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub body: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub status: Option<String>,
    #[serde(rename = "type", deserialize_with = "opt_text")]
    pub kind: Option<String>,
}

/// #19 `POST /tickets` body (`dept_id` the document's only typed sample).
#[derive(Serialize)]
pub struct NewTicket<'a> {
    pub dept_id: u64,
    pub subject: &'a str,
    pub body: &'a str,
}

/// #19 answer: `{"ticket": 865650}`, the number as a JSON number.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct TicketOpened {
    #[serde(deserialize_with = "opt_code")]
    pub ticket: Option<Code>,
}

/// #20 `POST /tickets/@number` body.
#[derive(Serialize)]
pub struct Reply<'a> {
    pub body: &'a str,
}

/// One ticket department (#23, no documented shape): its id and name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Department {
    pub id: String,
    pub name: String,
}

/// The departments in any shape: objects with an id (`id`, `dept_id`,
/// `deptid`) and a name (`name`, `deptname`, `title`), or an object of
/// id to name, under any top-level key. Entries without an id are left
/// out (no ticket can be opened in them).
pub fn departments(value: &Value) -> Result<Vec<Department>, WireError> {
    if let Some(map) = name_map(value) {
        return Ok(map
            .into_iter()
            .map(|(id, name)| Department { id, name })
            .collect());
    }
    let items = items(value, &["id", "dept_id", "deptid"])?;
    Ok(items
        .into_iter()
        .filter_map(|item| {
            let id = field_text(item, &["id", "dept_id", "deptid"])?;
            let name = field_text(item, &["name", "deptname", "title"]).unwrap_or(id.clone());
            Some(Department { id, name })
        })
        .collect())
}

/// An object of id to name (`{"1": "Technical Support"}`), possibly under
/// one key.
fn name_map(value: &Value) -> Option<Vec<(String, String)>> {
    let map = match value {
        Value::Object(map) if map.len() == 1 => match map.values().next() {
            Some(Value::Object(inner)) => inner,
            _ => map,
        },
        Value::Object(map) => map,
        _ => return None,
    };
    let pairs: Vec<(String, String)> = map
        .iter()
        .map(|(k, v)| Some((k.trim().to_string(), v.as_str()?.trim().to_string())))
        .collect::<Option<_>>()?;
    let numbered = pairs
        .iter()
        .all(|(k, _)| !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()));
    (numbered && !pairs.is_empty()).then_some(pairs)
}

// -- domains -------------------------------------------------------------------

/// #24 `GET /domain`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct DomainList {
    #[serde(deserialize_with = "lenient::list")]
    pub domains: Vec<Domain>,
}

/// #25 `GET /domain/@id` (`details` an object) and #26 `GET
/// /domain/name/@name` (`details` an array; digest §4.4 item 15).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct DomainDetails {
    #[serde(deserialize_with = "lenient::list")]
    pub details: Vec<Domain>,
}

/// A domain: the list entry (#24) and the details (#25), which add the
/// nameservers, payments and `idprotection`. Every value a string in the
/// document, numbers read as well.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Domain {
    #[serde(deserialize_with = "opt_code")]
    pub id: Option<Code>,
    #[serde(deserialize_with = "opt_text")]
    pub name: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub status: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub date_created: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub expires: Option<String>,
    #[serde(deserialize_with = "opt_int")]
    pub daytoexpire: Option<i64>,
    #[serde(deserialize_with = "opt_int")]
    pub period: Option<i64>,
    #[serde(deserialize_with = "opt_text")]
    pub recurring_amount: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub firstpayment: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub next_due: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub next_invoice: Option<String>,
    #[serde(deserialize_with = "opt_bool")]
    pub autorenew: Option<bool>,
    #[serde(deserialize_with = "opt_bool")]
    pub idprotection: Option<bool>,
    /// `None` in a list entry; the details list them.
    #[serde(deserialize_with = "opt_names")]
    pub nameservers: Option<Vec<String>>,
}

/// A list of host names: strings (numbers and empty entries dropped), or
/// one string of them separated by commas or spaces.
fn opt_names<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    let names = |items: Vec<&str>| {
        items
            .into_iter()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => Some(names(items.iter().filter_map(Value::as_str).collect())),
        Value::Object(map) => Some(names(map.values().filter_map(Value::as_str).collect())),
        Value::String(text) => Some(names(text.split([',', ' ', '\n']).collect())),
        _ => None,
    })
}

/// #27 `PUT /domain/@id/ns` body: a JSON array, as the table types it
/// (digest §4.3 item 5). Never sent empty by `set_nameservers`.
#[derive(Serialize)]
pub struct Nameservers<'a> {
    pub nameservers: &'a [String],
}

/// #28 `GET /domain/@id/dns`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RecordList {
    #[serde(deserialize_with = "lenient::list")]
    pub records: Vec<Record>,
}

/// A DNS record: `"id": 1`, `"ttl": 0`, `"priority": 0` as numbers in the
/// document, read from strings as well. `id` is the `@index` of the
/// record's update and delete (digest §4.4 item 11).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Record {
    #[serde(deserialize_with = "opt_code")]
    pub id: Option<Code>,
    #[serde(deserialize_with = "opt_text")]
    pub name: Option<String>,
    #[serde(deserialize_with = "opt_int")]
    pub ttl: Option<i64>,
    #[serde(deserialize_with = "opt_int")]
    pub priority: Option<i64>,
    #[serde(rename = "type", deserialize_with = "opt_text")]
    pub kind: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub content: Option<String>,
}

/// #29 `POST /domain/@id/dns` and #30 `PUT /domain/@id/dns/@index` body.
/// `priority` is a string, as the tables type it (digest §4.3 item 8);
/// there is no `ttl` (digest §4.5 item 27).
#[derive(Serialize)]
pub struct RecordBody<'a> {
    pub name: &'a str,
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub priority: String,
    pub content: &'a str,
}

// -- services (no example answers: read from any shape) ----------------------------

/// The keys an address may be under.
const ADDRESS_KEYS: [&str; 4] = ["ipaddress", "ip", "address", "ip_address"];
/// The keys a PTR host name may be under.
const HOSTNAME_KEYS: [&str; 5] = ["hostname", "ptr", "rdns", "host", "name"];

/// One address of a service or VM (#33, #37).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Address {
    pub address: String,
    /// `ipv4`, `ipv6` or the provider's own word.
    pub kind: String,
    pub id: Option<String>,
    pub prefix: Option<String>,
    pub gateway: Option<String>,
    /// The service's main address, where the answer says.
    pub main: bool,
    /// The VM interface it is on, where the answer says.
    pub iface: Option<String>,
}

/// The addresses in any shape: strings that are addresses, or objects
/// with one under `ipaddress`, `ip`, `address` or `ip_address`, in a bare
/// list or under any top-level key.
pub fn addresses(value: &Value) -> Result<Vec<Address>, WireError> {
    Ok(items(value, &ADDRESS_KEYS)?
        .into_iter()
        .filter_map(address)
        .collect())
}

fn address(item: &Value) -> Option<Address> {
    if let Some(text) = item.as_str() {
        let ip = text.trim().parse::<IpAddr>().ok()?;
        return Some(Address {
            address: ip.to_string(),
            kind: family(&ip).into(),
            ..Address::default()
        });
    }
    let text = field_text(item, &ADDRESS_KEYS)?;
    let ip = text.parse::<IpAddr>().ok()?;
    let main = field_text(item, &["main", "primary"]).and_then(|m| lenient::bool_from_text(&m));
    Some(Address {
        address: ip.to_string(),
        kind: field_text(item, &["type", "version"]).unwrap_or_else(|| family(&ip).into()),
        id: field_text(item, &["id"]),
        prefix: field_text(item, &["prefix", "netmask", "mask"]),
        gateway: field_text(item, &["gateway"]),
        main: main.unwrap_or(false),
        iface: field_text(item, &["iface", "interface"]),
    })
}

fn family(ip: &IpAddr) -> &'static str {
    if ip.is_ipv6() {
        "ipv6"
    } else {
        "ipv4"
    }
}

/// The PTR entries in any shape (#34): objects with an address and a
/// host name (`hostname`, `ptr`, `rdns`, `host`, `name`), or one object of
/// address to host name, bare or under any top-level key. An empty host
/// name is an address without a PTR.
pub fn ptrs(value: &Value) -> Result<Vec<(String, String)>, WireError> {
    if let Some(pairs) = address_map(value) {
        return Ok(pairs);
    }
    Ok(items(value, &ADDRESS_KEYS)?
        .into_iter()
        .filter_map(|item| {
            let ip = field_text(item, &ADDRESS_KEYS)?.parse::<IpAddr>().ok()?;
            let host = field_text(item, &HOSTNAME_KEYS).unwrap_or_default();
            Some((ip.to_string(), host.trim_end_matches('.').to_string()))
        })
        .collect())
}

/// `{"203.0.113.10": "srv1.example.com"}`, bare or under one key.
fn address_map(value: &Value) -> Option<Vec<(String, String)>> {
    let Value::Object(map) = value else {
        return None;
    };
    let inner = match map.values().next() {
        Some(Value::Object(inner)) if map.len() == 1 => inner,
        _ => map,
    };
    let pairs: Vec<(String, String)> = inner
        .iter()
        .map(|(ip, host)| {
            let ip = ip.trim().parse::<IpAddr>().ok()?;
            let host = match host {
                Value::String(host) => host.trim().trim_end_matches('.').to_string(),
                Value::Null => String::new(),
                _ => return None,
            };
            Some((ip.to_string(), host))
        })
        .collect::<Option<_>>()?;
    (!pairs.is_empty()).then_some(pairs)
}

/// A PDU port or a VM interface (#36, #40): its fields as text, in the
/// answer's order, and its numeric readings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entry {
    pub fields: Vec<(String, String)>,
    pub numbers: Vec<(String, f64)>,
}

impl Entry {
    /// The first of `keys` it has, as text.
    pub fn get(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|key| {
            self.fields
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v.as_str())
        })
    }
}

/// The keys that name an entry rather than measure it.
const NAMING_KEYS: [&str; 8] = [
    "id", "port", "pdu", "label", "name", "iface", "outlet", "vmid",
];

/// The objects of a list in any shape (PDU ports, VM interfaces), each
/// with its scalar fields; the readings are its fields holding a number
/// (a JSON number, or a string of one under a key that does not name the
/// entry).
pub fn entries(value: &Value) -> Result<Vec<Entry>, WireError> {
    Ok(items(value, &["id"])?
        .into_iter()
        .filter_map(Value::as_object)
        .map(entry)
        .collect())
}

fn entry(map: &Map<String, Value>) -> Entry {
    let mut out = Entry::default();
    for (key, value) in map {
        let text = match value {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Array(list) => list
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(", "),
            Value::Null | Value::Object(_) => continue,
        };
        let naming = NAMING_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k));
        let number = match value {
            Value::Number(n) => n.as_f64(),
            Value::String(s) if !naming => lenient::number_from_text(s),
            _ => None,
        };
        if let Some(number) = number.filter(|_| !naming) {
            out.numbers.push((key.clone(), number));
        }
        out.fields.push((key.clone(), text));
    }
    out
}

/// The keys of an answer that carry messages, not data.
const MESSAGE_KEYS: [&str; 4] = ["error", "info", "status", "success"];

/// The items of a list answer in any shape: a bare array; an object that
/// is itself one item (it has one of `item_keys`); the first list under
/// any key but the message ones; one object under a key, read the same
/// way; or an object of objects keyed by id (a PHP array). An answer that
/// is only an error, or no list at all, is [`WireError::Shape`].
fn items<'a>(value: &'a Value, item_keys: &[&str]) -> Result<Vec<&'a Value>, WireError> {
    let shape = |what: String| Err(WireError::Shape(what));
    let is_item = |map: &Map<String, Value>| item_keys.iter().any(|k| map.contains_key(*k));
    let map = match value {
        Value::Array(items) => return Ok(items.iter().collect()),
        Value::Null => return Ok(Vec::new()),
        Value::Object(map) if is_item(map) => return Ok(vec![value]),
        Value::Object(map) => map,
        Value::String(_) | Value::Number(_) | Value::Bool(_) => {
            return shape("a list was expected, got a single value".into())
        }
    };
    let data: Vec<&Value> = map
        .iter()
        .filter(|(key, _)| !MESSAGE_KEYS.contains(&key.as_str()))
        .map(|(_, inner)| inner)
        .collect();
    if let Some(Value::Array(list)) = data.iter().find(|inner| inner.is_array()) {
        return Ok(list.iter().collect());
    }
    match data.as_slice() {
        [] => {
            let error = texts(map.get("error"));
            match error.is_empty() {
                true => Ok(Vec::new()),
                false => shape(format!("the answer is an error: {}", error.join("; "))),
            }
        }
        [inner @ Value::Object(one)] if !is_item(one) => items(inner, item_keys),
        all if all.iter().all(|inner| inner.is_object()) => Ok(all.to_vec()),
        _ => shape("no list in the answer".into()),
    }
}

/// The first of `keys` an object has, as trimmed non-empty text.
fn field_text(item: &Value, keys: &[&str]) -> Option<String> {
    let map = item.as_object()?;
    keys.iter().find_map(|key| {
        let text = match map.get(*key)? {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => return None,
        };
        (!text.is_empty()).then_some(text)
    })
}

/// #35 `POST /service/@id/rdns` body: `{"ipaddress": {"<ip>": "<host>"}}`,
/// an object keyed by address as the table says (digest §4.3 item 6).
#[derive(Serialize)]
pub struct RdnsChange<'a> {
    pub ipaddress: std::collections::BTreeMap<&'a str, &'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn base64url_reads_jwt_segments_padded_or_not() {
        assert_eq!(
            base64url_decode("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9").as_deref(),
            Some(&br#"{"typ":"JWT","alg":"RS256"}"#[..])
        );
        assert_eq!(base64url_decode("-_8").as_deref(), Some(&[0xfb, 0xff][..]));
        assert_eq!(base64url_decode("YQ==").as_deref(), Some(&b"a"[..]));
        assert_eq!(base64url_decode("a*b"), None);
    }

    #[test]
    fn the_expiry_is_read_from_the_payload_when_there_is_one() {
        let payload = "eyJleHAiOjE3MDAwMDAwMDB9"; // {"exp":1700000000}
        assert_eq!(jwt_expiry(&format!("h.{payload}.s")), Some(1_700_000_000));
        assert_eq!(jwt_expiry("eyJ0eXAi(...)5lZ9T79ft9uwOkqRRmIBbtR51_w"), None);
        assert_eq!(jwt_expiry("not a token"), None);
    }

    #[test]
    fn messages_come_as_lists_or_single_strings() {
        let m = Messages::of(r#"{"error": ["invalid method"]}"#);
        assert!(m.refused());
        assert_eq!(m.refusal(), "invalid method");
        let m = Messages::of(r#"{"error": "ticket is locked", "info": ["x"]}"#);
        assert_eq!((m.error.len(), m.info.len()), (1, 1));
        assert!(Messages::of(r#"{"status": false}"#).refused());
        assert!(Messages::of(r#"{"status": "0"}"#).refused());
        assert!(!Messages::of(r#"{"status": true}"#).refused());
        assert!(!Messages::of(r#"{"error": []}"#).refused());
        assert!(!Messages::of("[1, 2]").refused());
    }

    #[test]
    fn addresses_are_read_under_any_key_as_strings_or_objects() {
        let strings = json!({"whatever": ["203.0.113.10", "2001:DB8::1", "junk"]});
        let read: Vec<String> = addresses(&strings)
            .unwrap()
            .into_iter()
            .map(|a| a.address)
            .collect();
        assert_eq!(read, ["203.0.113.10", "2001:db8::1"]);
        let objects = json!({"ips": {"5501": {"id": "5501", "ip": "192.0.2.1", "main": "1"}}});
        let read = addresses(&objects).unwrap();
        assert_eq!(read[0].address, "192.0.2.1");
        assert!(read[0].main);
        assert!(addresses(&json!({"error": ["invalid method"]})).is_err());
        assert!(addresses(&json!("203.0.113.10")).is_err());
        assert_eq!(addresses(&json!([])).unwrap(), []);
    }

    #[test]
    fn ptrs_are_read_from_lists_or_an_address_map() {
        let listed = json!({"rdns": [{"ipaddress": "192.0.2.1", "hostname": "a.example."},
            {"ip": "192.0.2.2", "hostname": ""}]});
        assert_eq!(
            ptrs(&listed).unwrap(),
            [
                ("192.0.2.1".to_string(), "a.example".to_string()),
                ("192.0.2.2".to_string(), String::new())
            ]
        );
        let mapped = json!({"rdns": {"192.0.2.1": "a.example"}});
        assert_eq!(ptrs(&mapped).unwrap().len(), 1);
    }

    #[test]
    fn entries_keep_their_fields_and_numeric_readings() {
        let ports = json!({"ports": [{"id": "1", "port": "7", "label": "PSU 1",
            "status": "on", "amps": 0.84, "volts": "229.6"}]});
        let read = entries(&ports).unwrap();
        assert_eq!(read[0].get(&["label"]), Some("PSU 1"));
        assert_eq!(
            read[0].numbers,
            [("amps".to_string(), 0.84), ("volts".to_string(), 229.6)]
        );
    }

    #[test]
    fn departments_come_as_objects_or_an_id_map() {
        let listed =
            json!({"departments": [{"id": "1", "name": "Technical Support"}, {"name": "x"}]});
        assert_eq!(
            departments(&listed).unwrap(),
            [Department {
                id: "1".into(),
                name: "Technical Support".into()
            }]
        );
        let mapped = json!({"2": "Billing"});
        assert_eq!(departments(&mapped).unwrap()[0].name, "Billing");
    }
}
