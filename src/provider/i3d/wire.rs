//! i3D.net API v3 answers and request bodies, field for field as document
//! 001 lists them (digest §3.1, §3.3–§3.6, appendix #5, #6, #55, #61,
//! #137), and the decoding of an answer.
//!
//! Every answer field is optional and lenient: the document marks most of
//! them required, but a missing, `null`, int-for-string or
//! string-for-int value must not cost the whole answer. A GET may answer
//! one object or an array holding one (digest §1.6), and a list may be a
//! bare array or a single object; [`decode_one`] and [`page_items`] read
//! each form.

pub use crate::provider::lenient::{decode_value, WireError};

use crate::provider::lenient::{self, opt_code, opt_int, opt_number, opt_text, Code};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The items of one page of a list: an array, a single object, or nothing
/// (an empty body or `null`).
pub fn page_items(body: &str) -> Result<Vec<Value>, WireError> {
    match decode_value(body) {
        Err(WireError::Empty) => Ok(Vec::new()),
        Err(e) => Err(e),
        Ok(Value::Null) => Ok(Vec::new()),
        Ok(value @ (Value::Array(_) | Value::Object(_))) => Ok(lenient::list_items(value)),
        Ok(other) => Err(WireError::Shape(format!(
            "a list was expected, got {other}"
        ))),
    }
}

/// List items as `T`; the first that does not fit is the error.
pub fn typed_items<T: DeserializeOwned>(items: Vec<Value>) -> Result<Vec<T>, WireError> {
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            T::deserialize(item).map_err(|e| WireError::Shape(format!("item {}: {e}", i + 1)))
        })
        .collect()
}

/// A whole list answer as `T`s: a bare array straight into `T`s (the
/// usual answer, and the fast way), any other form through
/// [`page_items`].
pub fn decode_list<T: DeserializeOwned>(body: &str) -> Result<Vec<T>, WireError> {
    match serde_json::from_str::<Vec<T>>(body) {
        Ok(items) => Ok(items),
        Err(_) => typed_items(page_items(body)?),
    }
}

/// One object, sent bare or as an array holding exactly one.
pub fn decode_one<T: DeserializeOwned>(body: &str) -> Result<T, WireError> {
    let value = match decode_value(body)? {
        Value::Array(mut items) if items.len() == 1 => items.remove(0),
        Value::Array(items) if items.is_empty() => return Err(WireError::Empty),
        Value::Array(items) => return Err(WireError::Several(items.len())),
        value => value,
    };
    T::deserialize(value).map_err(|e| WireError::Shape(e.to_string()))
}

/// Ticket categories (#35, a bare `string[]`): strings and numbers as
/// text, anything else left out.
pub fn categories(items: Vec<Value>) -> Vec<String> {
    items
        .into_iter()
        .filter_map(|item| match item {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .filter(|s| !s.is_empty())
        .collect()
}

// -- errors --------------------------------------------------------------------

/// i3D's error object (digest §1.6, from i3D's own usage pages):
/// `{"errorCode": 10001, "errorMessage": "Entity not found", "errors":
/// [{"property": "propertyName", "message": "Error message"}]}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ErrorObject {
    #[serde(deserialize_with = "opt_code")]
    pub error_code: Option<Code>,
    #[serde(deserialize_with = "opt_text")]
    pub error_message: Option<String>,
    /// Per-field problems; read from any shape (see [`ErrorObject::problems`]).
    pub errors: Value,
}

impl ErrorObject {
    /// The error object in `body`, if the body is one (bare or in an
    /// array of one) and says anything.
    pub fn parse(body: &str) -> Option<ErrorObject> {
        let error: ErrorObject = decode_one(body).ok()?;
        let says_something = error.error_code.is_some()
            || error.error_message.is_some()
            || !error.problems().is_empty();
        says_something.then_some(error)
    }

    /// `property: message` per entry of `errors`; bare strings as they are.
    pub fn problems(&self) -> Vec<String> {
        lenient::list_items(self.errors.clone())
            .iter()
            .filter_map(problem)
            .collect()
    }

    /// `Entity not found (errorCode 10001); title: must not be empty`.
    pub fn message(&self) -> String {
        let head = match (&self.error_message, &self.error_code) {
            (Some(message), Some(code)) => format!("{} (errorCode {code})", message.trim()),
            (Some(message), None) => message.trim().to_string(),
            (None, Some(code)) => format!("errorCode {code}"),
            (None, None) => "error".to_string(),
        };
        let problems = self.problems();
        if problems.is_empty() {
            head
        } else {
            format!("{head}; {}", problems.join("; "))
        }
    }
}

/// One entry of `errors`, as text.
fn problem(entry: &Value) -> Option<String> {
    let text = |key: &str| {
        entry
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    match entry {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Object(_) => match (text("property"), text("message")) {
            (Some(property), Some(message)) => Some(format!("{property}: {message}")),
            (None, Some(message)) => Some(message.to_string()),
            (Some(property), None) => Some(format!("{property}: invalid")),
            (None, None) => None,
        },
        _ => None,
    }
}

// -- dedicated servers (#47, #49) ---------------------------------------------

/// The contract, price and bandwidth fields a dedicated server (#47) and a
/// colocation (#51) share, with the same names and types.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Contract {
    #[serde(deserialize_with = "opt_text")]
    pub date_start: Option<String>,
    /// Paid until.
    #[serde(deserialize_with = "opt_text")]
    pub date_end: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub date_cancelled: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub date_end_contract: Option<String>,
    /// Months.
    #[serde(deserialize_with = "opt_int")]
    pub contract_period: Option<i64>,
    #[serde(deserialize_with = "opt_int")]
    pub extend_period: Option<i64>,
    #[serde(deserialize_with = "opt_int")]
    pub cancellation_period: Option<i64>,
    #[serde(deserialize_with = "opt_text")]
    pub purchase_order: Option<String>,
    /// Days.
    #[serde(deserialize_with = "opt_int")]
    pub payment_term: Option<i64>,
    /// Cents, in `currency_id`'s currency.
    #[serde(deserialize_with = "opt_number")]
    pub price_per_month: Option<f64>,
    #[serde(deserialize_with = "opt_number")]
    pub price_per_tb_overuse: Option<f64>,
    /// 0 EURO, 1 USD, 9 YEN.
    #[serde(deserialize_with = "opt_int")]
    pub currency_id: Option<i64>,
    /// 1 unmetered, 2 TB per month, 3 95th percentile (Mbit).
    #[serde(deserialize_with = "opt_int")]
    pub bandwidth_billing_type: Option<i64>,
    /// GB when billed per TB a month, Mbit otherwise.
    #[serde(deserialize_with = "opt_number")]
    pub bandwidth_contractual: Option<f64>,
    #[serde(deserialize_with = "opt_number")]
    pub traffic_sum: Option<f64>,
    #[serde(deserialize_with = "opt_number")]
    pub outgoing_traffic_sum: Option<f64>,
    #[serde(deserialize_with = "opt_number")]
    pub incoming_traffic_sum: Option<f64>,
}

/// A dedicated server (bare metal, flex metal or VM): the 53 fields of #47.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DedicatedServer {
    #[serde(deserialize_with = "opt_code")]
    pub id: Option<Code>,
    #[serde(deserialize_with = "opt_int")]
    pub user_id: Option<i64>,
    #[serde(deserialize_with = "opt_code")]
    pub server_id: Option<Code>,
    #[serde(deserialize_with = "opt_text")]
    pub server_name: Option<String>,
    /// 1 bare metal, 2 flex metal, 3 virtual machine.
    #[serde(deserialize_with = "opt_int")]
    pub server_type: Option<i64>,
    #[serde(deserialize_with = "opt_text")]
    pub project_name: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub client_server_name: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub client_state: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub live_host_name: Option<String>,
    #[serde(deserialize_with = "opt_int")]
    pub is_virtual: Option<i64>,
    /// "Dedicated Servers", "Dedicated Game Servers", or "Broken".
    #[serde(deserialize_with = "opt_text")]
    pub category: Option<String>,
    #[serde(deserialize_with = "opt_code")]
    pub os_id: Option<Code>,
    #[serde(deserialize_with = "opt_code")]
    pub location_id: Option<Code>,
    #[serde(deserialize_with = "opt_code")]
    pub dc_location_id: Option<Code>,
    #[serde(deserialize_with = "opt_text")]
    pub instance_type: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub fleet_id: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub new_fleet_id: Option<String>,
    #[serde(deserialize_with = "opt_int")]
    pub fleet_associated_since: Option<i64>,
    #[serde(deserialize_with = "opt_text")]
    pub rack_name: Option<String>,
    /// The contract, price and traffic fields colocations have too.
    #[serde(flatten)]
    pub contract: Contract,
    #[serde(deserialize_with = "opt_text")]
    pub brand: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub model: Option<String>,
    #[serde(deserialize_with = "opt_int")]
    pub num_cpu: Option<i64>,
    #[serde(deserialize_with = "opt_text")]
    pub cpu_info: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub cpu_type: Option<String>,
    /// Percent, across all cores.
    #[serde(deserialize_with = "opt_number")]
    pub cpu_load: Option<f64>,
    /// Megabytes.
    #[serde(deserialize_with = "opt_number")]
    pub mem_used: Option<f64>,
    #[serde(deserialize_with = "opt_number")]
    pub mem_max: Option<f64>,
    #[serde(deserialize_with = "opt_number")]
    pub mem_free: Option<f64>,
    #[serde(deserialize_with = "opt_int")]
    pub is_reserve: Option<i64>,
    #[serde(deserialize_with = "opt_text")]
    pub service_tag: Option<String>,
    #[serde(rename = "isODP", deserialize_with = "opt_int")]
    pub is_odp: Option<i64>,
    #[serde(deserialize_with = "opt_text")]
    pub fm_order_id: Option<String>,
    /// created / installing / finished / failed, or null.
    #[serde(deserialize_with = "opt_text")]
    pub install_status: Option<String>,
    /// "Whether the host is running or not" (values not enumerated).
    #[serde(deserialize_with = "opt_text")]
    pub status: Option<String>,
    #[serde(deserialize_with = "opt_int")]
    pub uptime: Option<i64>,
    #[serde(deserialize_with = "lenient::opt_bool")]
    pub free_incoming_traffic: Option<bool>,
}

// -- colocation (#51, #52, #55, #61, #6, #5) ----------------------------------

/// A colocation service: the 24 fields of #51.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Colocation {
    #[serde(deserialize_with = "opt_code")]
    pub id: Option<Code>,
    #[serde(deserialize_with = "opt_text")]
    pub name: Option<String>,
    /// The contract, price and traffic fields dedicated servers have too.
    #[serde(flatten)]
    pub contract: Contract,
    #[serde(deserialize_with = "opt_number")]
    pub traffic_sum_month_mbit: Option<f64>,
    #[serde(deserialize_with = "opt_number")]
    pub power_max_ampere: Option<f64>,
    #[serde(deserialize_with = "opt_number")]
    pub power_kwh_price: Option<f64>,
    #[serde(deserialize_with = "opt_number")]
    pub power_meter: Option<f64>,
    #[serde(deserialize_with = "opt_int")]
    pub unlimited_ingress: Option<i64>,
}

/// A PDU (power feed) of a colocation (#55).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Pdu {
    #[serde(deserialize_with = "opt_code")]
    pub id: Option<Code>,
    #[serde(deserialize_with = "opt_text")]
    pub name: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub serial: Option<String>,
    #[serde(deserialize_with = "opt_int")]
    pub updated_at: Option<i64>,
    #[serde(deserialize_with = "opt_text")]
    pub input_feed_type: Option<String>,
    #[serde(deserialize_with = "opt_int")]
    pub outlets: Option<i64>,
    #[serde(deserialize_with = "opt_int")]
    pub phases: Option<i64>,
    #[serde(deserialize_with = "opt_number")]
    pub power_meter: Option<f64>,
    #[serde(deserialize_with = "opt_number")]
    pub power_factor: Option<f64>,
    #[serde(deserialize_with = "opt_number")]
    pub amperage: Option<f64>,
    #[serde(deserialize_with = "opt_number")]
    pub peak_amperage: Option<f64>,
    #[serde(deserialize_with = "opt_number")]
    pub voltage: Option<f64>,
    #[serde(deserialize_with = "opt_number")]
    pub min_voltage: Option<f64>,
}

/// One sample of a PDU's power history (#5).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PduSample {
    #[serde(deserialize_with = "opt_int")]
    pub timestamp: Option<i64>,
    #[serde(deserialize_with = "opt_number")]
    pub amps: Option<f64>,
    #[serde(deserialize_with = "opt_number")]
    pub volts: Option<f64>,
    #[serde(deserialize_with = "opt_number")]
    pub kwh: Option<f64>,
    #[serde(deserialize_with = "opt_number")]
    pub power_meter: Option<f64>,
}

/// A colocation over its bandwidth (#6).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Overuse {
    #[serde(deserialize_with = "opt_code")]
    pub colo_id: Option<Code>,
    #[serde(deserialize_with = "opt_text")]
    pub colo_name: Option<String>,
    #[serde(deserialize_with = "opt_number")]
    pub ordered_bandwidth: Option<f64>,
    #[serde(deserialize_with = "opt_number")]
    pub used_bandwidth: Option<f64>,
}

/// A bandwidth alert of a colocation (#61).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ColocationAlert {
    #[serde(deserialize_with = "opt_code")]
    pub id: Option<Code>,
    #[serde(deserialize_with = "opt_number")]
    pub percentage: Option<f64>,
    #[serde(deserialize_with = "opt_int")]
    pub send_mail: Option<i64>,
    #[serde(deserialize_with = "opt_int")]
    pub send_ticket: Option<i64>,
    #[serde(deserialize_with = "opt_int")]
    pub triggered: Option<i64>,
    #[serde(deserialize_with = "opt_int")]
    pub created_at: Option<i64>,
}

/// One person on the datacenter access list (#137). The birth date and
/// the fingerprint id are documented but deliberately not read.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ColocationAccess {
    #[serde(deserialize_with = "opt_code")]
    pub id: Option<Code>,
    #[serde(deserialize_with = "opt_code")]
    pub visitor_id: Option<Code>,
    #[serde(deserialize_with = "opt_code")]
    pub datacenter_id: Option<Code>,
    #[serde(rename = "dateverified", deserialize_with = "opt_text")]
    pub date_verified: Option<String>,
    #[serde(rename = "dateonlist", deserialize_with = "opt_text")]
    pub date_on_list: Option<String>,
    #[serde(rename = "dateofflist", deserialize_with = "opt_text")]
    pub date_off_list: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub email: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub mobile: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub first_name: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub last_name: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub company_name: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub city: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub country_en: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub admin_notes_read_only: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub checked: Option<String>,
    #[serde(deserialize_with = "opt_int")]
    pub created_by: Option<i64>,
    #[serde(deserialize_with = "opt_int")]
    pub new_entry: Option<i64>,
    #[serde(deserialize_with = "opt_int")]
    pub temporary_access: Option<i64>,
    #[serde(deserialize_with = "opt_text")]
    pub print_made: Option<String>,
    #[serde(deserialize_with = "opt_int")]
    pub visit_requester: Option<i64>,
    #[serde(deserialize_with = "opt_int")]
    pub permanent_requester: Option<i64>,
    /// granted, pending, denied, revoked, suspended.
    #[serde(deserialize_with = "opt_text")]
    pub status: Option<String>,
}

/// The body of #77 `PUT /v3/colocation/{colocationId}/network/rdns/{ipAddress}`
/// (`ip` is read-only and the path carries it).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RdnsBody<'a> {
    pub hostname: &'a str,
}

// -- tickets (#35–#46) ---------------------------------------------------------

/// The ticket model of #36, #37, #38, #39 and #42: meta data only.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Ticket {
    #[serde(deserialize_with = "opt_code")]
    pub id: Option<Code>,
    #[serde(deserialize_with = "opt_text")]
    pub hash: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub read_hash: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub title: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub category_name: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub priority_name: Option<String>,
    #[serde(deserialize_with = "opt_int")]
    pub created_at: Option<i64>,
    #[serde(deserialize_with = "opt_int")]
    pub updated_at: Option<i64>,
    #[serde(deserialize_with = "opt_int")]
    pub client_last_replied_at: Option<i64>,
    #[serde(deserialize_with = "opt_int")]
    pub client_last_read_at: Option<i64>,
    #[serde(deserialize_with = "opt_text")]
    pub status: Option<String>,
    #[serde(deserialize_with = "opt_int")]
    pub num_user_replies: Option<i64>,
}

/// The body of #37 `POST /v3/tickets`. The two e-mail fields are CSV
/// lists, required by the document, and sent empty when not given.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewTicket<'a> {
    pub title: &'a str,
    pub content: &'a str,
    pub category: &'a str,
    pub department: &'a str,
    pub email_cc: &'a str,
    pub email_to: &'a str,
}

/// The body of #42 `POST /v3/tickets/{ticketId}/reply`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reply<'a> {
    pub title: &'a str,
    pub content: &'a str,
}
