//! CenturyLink Cloud API v1 wire types, exactly as the document names them
//! (document 003, digest §3), plus the decoding of answers and the encoding
//! of requests in both formats (JSON and XML).
//!
//! The document's examples are loosely typed (ints as strings, bools as
//! strings, two date formats), so every field is read through the lenient
//! deserializers in [`lenient`] at the end of this file.

use super::xml;
use super::WireFormat;
use lenient::Code;
use serde::{Deserialize, Serialize};
use serde_json::Value;

// ---------------------------------------------------------------------------
// Requests (digest §1.5: JSON = flat object; XML = root element + one child
// element per attribute)
// ---------------------------------------------------------------------------

/// A request body with the XML root element the document gives for it.
pub trait Request: Serialize {
    /// The root element of the XML form of this request.
    const XML_ROOT: &'static str;
}

/// `Auth/Logon`. Holds the secrets only while the body is built; no Debug.
#[derive(Serialize)]
pub struct LogonRequest<'a> {
    #[serde(rename = "APIKey")]
    pub api_key: &'a str,
    #[serde(rename = "Password")]
    pub password: &'a str,
}

impl Request for LogonRequest<'_> {
    const XML_ROOT: &'static str = "LogonRequest";
}

/// `Account/GetLocations` takes no attributes (the document shows no REST
/// request; an empty object / empty root element is sent).
#[derive(Serialize, Debug)]
pub struct GetLocationsRequest {}

impl Request for GetLocationsRequest {
    const XML_ROOT: &'static str = "GetLocationsRequest";
}

/// GetServer and every single-server power operation.
#[derive(Serialize, Debug)]
pub struct ServerRequest<'a> {
    #[serde(rename = "AccountAlias", skip_serializing_if = "Option::is_none")]
    pub account_alias: Option<&'a str>,
    #[serde(rename = "Name")]
    pub name: &'a str,
}

impl Request for ServerRequest<'_> {
    const XML_ROOT: &'static str = "ServerRequest";
}

/// `Server/ServerMaintenance`.
#[derive(Serialize, Debug)]
pub struct ServerMaintenanceRequest<'a> {
    #[serde(rename = "AccountAlias", skip_serializing_if = "Option::is_none")]
    pub account_alias: Option<&'a str>,
    #[serde(rename = "Name")]
    pub name: &'a str,
    #[serde(rename = "Enable")]
    pub enable: bool,
}

impl Request for ServerMaintenanceRequest<'_> {
    const XML_ROOT: &'static str = "ServerMaintenanceRequest";
}

/// `Server/GetAllServers` and `Server/GetAllServersForAccountHierarchy`
/// (both use the root `GetAllServersRequest`, digest §5 item 20).
#[derive(Serialize, Debug)]
pub struct GetAllServersRequest<'a> {
    #[serde(rename = "AccountAlias", skip_serializing_if = "Option::is_none")]
    pub account_alias: Option<&'a str>,
    #[serde(rename = "HardwareGroupUUID", skip_serializing_if = "Option::is_none")]
    pub hardware_group_uuid: Option<&'a str>,
    #[serde(rename = "Location", skip_serializing_if = "Option::is_none")]
    pub location: Option<&'a str>,
}

impl Request for GetAllServersRequest<'_> {
    const XML_ROOT: &'static str = "GetAllServersRequest";
}

/// `Group/GetGroups` (Location is required).
#[derive(Serialize, Debug)]
pub struct GetGroupsRequest<'a> {
    #[serde(rename = "AccountAlias", skip_serializing_if = "Option::is_none")]
    pub account_alias: Option<&'a str>,
    #[serde(rename = "Location")]
    pub location: &'a str,
}

impl Request for GetGroupsRequest<'_> {
    const XML_ROOT: &'static str = "GetGroupsRequest";
}

/// `Network/GetNetworks` (its XML root is `<Networks>`, digest §5 item 29).
#[derive(Serialize, Debug)]
pub struct GetNetworksRequest<'a> {
    #[serde(rename = "AccountAlias", skip_serializing_if = "Option::is_none")]
    pub account_alias: Option<&'a str>,
    #[serde(rename = "Location", skip_serializing_if = "Option::is_none")]
    pub location: Option<&'a str>,
}

impl Request for GetNetworksRequest<'_> {
    const XML_ROOT: &'static str = "Networks";
}

/// `Network/GetNetworkDetails`.
#[derive(Serialize, Debug)]
pub struct GetNetworkDetailsRequest<'a> {
    #[serde(rename = "AccountAlias", skip_serializing_if = "Option::is_none")]
    pub account_alias: Option<&'a str>,
    #[serde(rename = "Location", skip_serializing_if = "Option::is_none")]
    pub location: Option<&'a str>,
    #[serde(rename = "Name")]
    pub name: &'a str,
}

impl Request for GetNetworkDetailsRequest<'_> {
    const XML_ROOT: &'static str = "GetNetworkDetailsRequest";
}

/// `Queue/GetRequestStatus`.
#[derive(Serialize, Debug)]
pub struct QueueStatusRequest {
    /// An Int per the table; a non-numeric handle is sent as text.
    #[serde(rename = "RequestID")]
    pub request_id: Code,
}

impl Request for QueueStatusRequest {
    const XML_ROOT: &'static str = "QueueStatusRequest";
}

/// `Billing/GetServerHourlyCharges` (its XML root is `<ServerRequest>`).
#[derive(Serialize, Debug)]
pub struct ServerHourlyChargesRequest<'a> {
    #[serde(rename = "AccountAlias", skip_serializing_if = "Option::is_none")]
    pub account_alias: Option<&'a str>,
    #[serde(rename = "ServerName")]
    pub server_name: &'a str,
    #[serde(rename = "StartDate", skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    #[serde(rename = "EndDate", skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
}

impl Request for ServerHourlyChargesRequest<'_> {
    const XML_ROOT: &'static str = "ServerRequest";
}

/// The body of a request in `format`, with its content type.
pub fn encode<R: Request>(
    request: &R,
    format: WireFormat,
) -> Result<(String, &'static str), String> {
    let value = serde_json::to_value(request).map_err(|e| e.to_string())?;
    Ok(match format {
        WireFormat::Json => (value.to_string(), JSON_CONTENT_TYPE),
        WireFormat::Xml => (xml::element(R::XML_ROOT, &value), XML_CONTENT_TYPE),
    })
}

/// Content type of JSON requests (digest §1.1).
pub const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";
/// Content type of XML requests (digest §1.1).
pub const XML_CONTENT_TYPE: &str = "text/xml";

// ---------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------

/// Decodes an answer body into a JSON value. XML answers become the same
/// shape: the root element's attributes and children are its fields (see
/// [`xml::to_value`]), so one set of wire types serves both formats.
pub fn decode(body: &str, format: WireFormat) -> Result<Value, String> {
    match format {
        WireFormat::Json => serde_json::from_str(body).map_err(|e| e.to_string()),
        WireFormat::Xml => xml::to_value(body),
    }
}

/// Reads a wire type out of a decoded answer.
pub fn typed<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, String> {
    T::deserialize(value).map_err(|e| e.to_string())
}

/// Success/Message/StatusCode, present on every answer (digest §1.2).
#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
pub struct Envelope {
    #[serde(rename = "Success", default, deserialize_with = "lenient::opt_bool")]
    pub success: Option<bool>,
    #[serde(rename = "Message", default, deserialize_with = "lenient::opt_text")]
    pub message: Option<String>,
    #[serde(rename = "StatusCode", default, deserialize_with = "lenient::opt_code")]
    pub status_code: Option<Code>,
}

/// What an envelope says about the call.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Ok,
    /// StatusCode 100: log on (again) first.
    SessionExpired(String),
    /// Any other non-zero StatusCode, or Success=false.
    Failed {
        code: String,
        message: String,
    },
    /// Neither Success nor StatusCode is present: not a CLC answer.
    NoEnvelope,
}

/// The StatusCode that means "log on first" (digest §1.3).
pub const STATUS_AUTH_FAILED: i64 = 100;

impl Envelope {
    /// The envelope of a decoded answer. Anything but an object (a JSON
    /// array or scalar) has none.
    pub fn of(answer: &Value) -> Envelope {
        match answer {
            Value::Object(_) => typed(answer).unwrap_or_default(),
            _ => Envelope::default(),
        }
    }

    pub fn outcome(&self) -> Outcome {
        let message = self.message.clone().unwrap_or_default();
        match (&self.status_code, self.success) {
            (None, None) => Outcome::NoEnvelope,
            (Some(Code::Int(STATUS_AUTH_FAILED)), _) => Outcome::SessionExpired(message),
            (Some(Code::Int(0)), Some(false)) | (None, Some(false)) => Outcome::Failed {
                code: "0".into(),
                message: format!("Success=false: {message}"),
            },
            (Some(Code::Int(0)), _) | (None, Some(true)) => Outcome::Ok,
            (Some(code), _) => Outcome::Failed {
                code: code.to_string(),
                message,
            },
        }
    }
}

/// `Account/GetLocations`.
#[derive(Deserialize, Debug, Clone, Default)]
pub struct LocationsResponse {
    #[serde(rename = "Locations", default, deserialize_with = "lenient::list")]
    pub locations: Vec<Location>,
}

#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
pub struct Location {
    #[serde(rename = "Alias", default, deserialize_with = "lenient::opt_text")]
    pub alias: Option<String>,
    #[serde(rename = "Region", default, deserialize_with = "lenient::opt_text")]
    pub region: Option<String>,
}

/// `Group/GetGroups`.
#[derive(Deserialize, Debug, Clone, Default)]
pub struct GetGroupsResponse {
    #[serde(
        rename = "AccountAlias",
        default,
        deserialize_with = "lenient::opt_text"
    )]
    pub account_alias: Option<String>,
    #[serde(rename = "HardwareGroups", default, deserialize_with = "lenient::list")]
    pub hardware_groups: Vec<HardwareGroup>,
}

#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
pub struct HardwareGroup {
    #[serde(rename = "ID", default, deserialize_with = "lenient::opt_int")]
    pub id: Option<i64>,
    #[serde(rename = "UUID", default, deserialize_with = "lenient::opt_text")]
    pub uuid: Option<String>,
    #[serde(rename = "ParentID", default, deserialize_with = "lenient::opt_int")]
    pub parent_id: Option<i64>,
    #[serde(rename = "ParentUUID", default, deserialize_with = "lenient::opt_text")]
    pub parent_uuid: Option<String>,
    #[serde(rename = "Name", default, deserialize_with = "lenient::opt_text")]
    pub name: Option<String>,
    #[serde(
        rename = "IsSystemGroup",
        default,
        deserialize_with = "lenient::opt_bool"
    )]
    pub is_system_group: Option<bool>,
}

/// GetServer, GetServers, GetAllServers (XML root `GetServersResponse`).
#[derive(Deserialize, Debug, Clone, Default)]
pub struct GetServersResponse {
    #[serde(rename = "Servers", default, deserialize_with = "lenient::list")]
    pub servers: Vec<Server>,
}

/// `Server/GetAllServersForAccountHierarchy`.
#[derive(Deserialize, Debug, Clone, Default)]
pub struct GetAccountHierarchyServersResponse {
    #[serde(rename = "AccountServers", default, deserialize_with = "lenient::list")]
    pub account_servers: Vec<AccountServerGroup>,
}

#[derive(Deserialize, Debug, Clone, Default)]
pub struct AccountServerGroup {
    #[serde(
        rename = "AccountAlias",
        default,
        deserialize_with = "lenient::opt_text"
    )]
    pub account_alias: Option<String>,
    #[serde(rename = "Servers", default, deserialize_with = "lenient::list")]
    pub servers: Vec<Server>,
}

/// The Server Object (digest §3.1), including the fields the examples carry
/// beyond its table (DateModified, ModifiedBy, IsHyperscale).
#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
pub struct Server {
    #[serde(rename = "ID", default, deserialize_with = "lenient::opt_int")]
    pub id: Option<i64>,
    #[serde(
        rename = "HardwareGroupID",
        default,
        deserialize_with = "lenient::opt_int"
    )]
    pub hardware_group_id: Option<i64>,
    #[serde(
        rename = "HardwareGroupUUID",
        default,
        deserialize_with = "lenient::opt_text"
    )]
    pub hardware_group_uuid: Option<String>,
    #[serde(rename = "Name", default, deserialize_with = "lenient::opt_text")]
    pub name: Option<String>,
    #[serde(
        rename = "Description",
        default,
        deserialize_with = "lenient::opt_text"
    )]
    pub description: Option<String>,
    #[serde(rename = "DnsName", default, deserialize_with = "lenient::opt_text")]
    pub dns_name: Option<String>,
    #[serde(rename = "Cpu", default, deserialize_with = "lenient::opt_int")]
    pub cpu: Option<i64>,
    #[serde(rename = "MemoryGB", default, deserialize_with = "lenient::opt_number")]
    pub memory_gb: Option<f64>,
    #[serde(rename = "DiskCount", default, deserialize_with = "lenient::opt_int")]
    pub disk_count: Option<i64>,
    #[serde(
        rename = "TotalDiskSpaceGB",
        default,
        deserialize_with = "lenient::opt_number"
    )]
    pub total_disk_space_gb: Option<f64>,
    #[serde(rename = "IsTemplate", default, deserialize_with = "lenient::opt_bool")]
    pub is_template: Option<bool>,
    #[serde(
        rename = "IsHyperscale",
        default,
        deserialize_with = "lenient::opt_bool"
    )]
    pub is_hyperscale: Option<bool>,
    #[serde(rename = "Status", default, deserialize_with = "lenient::opt_code")]
    pub status: Option<Code>,
    #[serde(rename = "ServerType", default, deserialize_with = "lenient::opt_code")]
    pub server_type: Option<Code>,
    #[serde(
        rename = "ServiceLevel",
        default,
        deserialize_with = "lenient::opt_code"
    )]
    pub service_level: Option<Code>,
    #[serde(
        rename = "OperatingSystem",
        default,
        deserialize_with = "lenient::opt_code"
    )]
    pub operating_system: Option<Code>,
    #[serde(rename = "PowerState", default, deserialize_with = "lenient::opt_code")]
    pub power_state: Option<Code>,
    #[serde(
        rename = "InMaintenanceMode",
        default,
        deserialize_with = "lenient::opt_bool"
    )]
    pub in_maintenance_mode: Option<bool>,
    #[serde(rename = "Location", default, deserialize_with = "lenient::opt_text")]
    pub location: Option<String>,
    #[serde(rename = "IPAddress", default, deserialize_with = "lenient::opt_text")]
    pub ip_address: Option<String>,
    #[serde(rename = "IPAddresses", default, deserialize_with = "lenient::list")]
    pub ip_addresses: Vec<ServerIpAddress>,
    #[serde(rename = "CustomFields", default, deserialize_with = "lenient::list")]
    pub custom_fields: Vec<CustomField>,
    #[serde(
        rename = "DateModified",
        default,
        deserialize_with = "lenient::opt_date"
    )]
    pub date_modified: Option<i64>,
    #[serde(rename = "ModifiedBy", default, deserialize_with = "lenient::opt_text")]
    pub modified_by: Option<String>,
}

/// An item of the Server Object's `IPAddresses`.
#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
pub struct ServerIpAddress {
    #[serde(rename = "Address", default, deserialize_with = "lenient::opt_text")]
    pub address: Option<String>,
    #[serde(
        rename = "AddressType",
        default,
        deserialize_with = "lenient::opt_code"
    )]
    pub address_type: Option<Code>,
}

/// An item of the Server Object's `CustomFields`.
#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
pub struct CustomField {
    #[serde(rename = "ID", default, deserialize_with = "lenient::opt_text")]
    pub id: Option<String>,
    #[serde(
        rename = "CustomFieldID",
        default,
        deserialize_with = "lenient::opt_int"
    )]
    pub custom_field_id: Option<i64>,
    #[serde(rename = "Name", default, deserialize_with = "lenient::opt_text")]
    pub name: Option<String>,
    #[serde(rename = "Type", default, deserialize_with = "lenient::opt_text")]
    pub field_type: Option<String>,
    #[serde(rename = "Value", default, deserialize_with = "lenient::opt_text")]
    pub value: Option<String>,
}

/// `Network/GetNetworks`.
#[derive(Deserialize, Debug, Clone, Default)]
pub struct GetNetworksResponse {
    #[serde(rename = "Networks", default, deserialize_with = "lenient::list")]
    pub networks: Vec<Network>,
}

#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
pub struct Network {
    #[serde(rename = "Name", default, deserialize_with = "lenient::opt_text")]
    pub name: Option<String>,
    #[serde(
        rename = "Description",
        default,
        deserialize_with = "lenient::opt_text"
    )]
    pub description: Option<String>,
    #[serde(rename = "Gateway", default, deserialize_with = "lenient::opt_text")]
    pub gateway: Option<String>,
    #[serde(rename = "Location", default, deserialize_with = "lenient::opt_text")]
    pub location: Option<String>,
    #[serde(
        rename = "AccountAlias",
        default,
        deserialize_with = "lenient::opt_text"
    )]
    pub account_alias: Option<String>,
}

/// `Network/GetNetworkDetails` (XML root `NetworkDetailsResponse`).
#[derive(Deserialize, Debug, Clone, Default)]
pub struct NetworkDetailsResponse {
    #[serde(rename = "NetworkDetails", default)]
    pub network_details: Option<NetworkDetails>,
}

#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
pub struct NetworkDetails {
    #[serde(rename = "Name", default, deserialize_with = "lenient::opt_text")]
    pub name: Option<String>,
    #[serde(
        rename = "Description",
        default,
        deserialize_with = "lenient::opt_text"
    )]
    pub description: Option<String>,
    #[serde(rename = "Gateway", default, deserialize_with = "lenient::opt_text")]
    pub gateway: Option<String>,
    #[serde(
        rename = "NetworkMask",
        default,
        deserialize_with = "lenient::opt_text"
    )]
    pub network_mask: Option<String>,
    #[serde(rename = "Location", default, deserialize_with = "lenient::opt_text")]
    pub location: Option<String>,
    #[serde(rename = "IPAddresses", default, deserialize_with = "lenient::list")]
    pub ip_addresses: Vec<NetworkIpAddress>,
}

/// An item of NetworkDetails' `IPAddresses`.
#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
pub struct NetworkIpAddress {
    #[serde(rename = "Address", default, deserialize_with = "lenient::opt_text")]
    pub address: Option<String>,
    #[serde(
        rename = "AddressType",
        default,
        deserialize_with = "lenient::opt_code"
    )]
    pub address_type: Option<Code>,
    #[serde(rename = "IsClaimed", default, deserialize_with = "lenient::opt_bool")]
    pub is_claimed: Option<bool>,
    #[serde(rename = "ServerName", default, deserialize_with = "lenient::opt_text")]
    pub server_name: Option<String>,
}

/// The acknowledgement of every asynchronous operation. `RequestID` is a
/// child element in most XML examples and an attribute in others; the XML
/// decoder folds both into a field.
#[derive(Deserialize, Debug, Clone, Default)]
pub struct QueuedItemResponse {
    #[serde(rename = "RequestID", default, deserialize_with = "lenient::opt_code")]
    pub request_id: Option<Code>,
}

/// `Queue/GetRequestStatus`. The table lists the detail fields at the top
/// level while the examples nest them in `RequestDetails` (digest §5 item
/// 12); both are read.
#[derive(Deserialize, Debug, Clone, Default)]
pub struct QueueStatusResponse {
    #[serde(rename = "RequestDetails", default)]
    pub request_details: Option<RequestDetails>,
    #[serde(flatten)]
    pub top_level: RequestDetails,
}

impl QueueStatusResponse {
    /// The details, wherever the answer put them.
    pub fn details(&self) -> Option<&RequestDetails> {
        self.request_details
            .as_ref()
            .filter(|d| d.current_status.is_some())
            .or(Some(&self.top_level).filter(|d| d.current_status.is_some()))
    }
}

#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
pub struct RequestDetails {
    #[serde(rename = "RequestID", default, deserialize_with = "lenient::opt_code")]
    pub request_id: Option<Code>,
    #[serde(
        rename = "RequestTitle",
        default,
        deserialize_with = "lenient::opt_text"
    )]
    pub request_title: Option<String>,
    #[serde(
        rename = "ProgressDesc",
        default,
        deserialize_with = "lenient::opt_text"
    )]
    pub progress_desc: Option<String>,
    #[serde(rename = "StatusDate", default, deserialize_with = "lenient::opt_date")]
    pub status_date: Option<i64>,
    #[serde(
        rename = "PercentComplete",
        default,
        deserialize_with = "lenient::opt_number"
    )]
    pub percent_complete: Option<f64>,
    #[serde(
        rename = "CurrentStatus",
        default,
        deserialize_with = "lenient::opt_text"
    )]
    pub current_status: Option<String>,
    #[serde(rename = "StepNumber", default, deserialize_with = "lenient::opt_int")]
    pub step_number: Option<i64>,
}

/// `Billing/GetServerHourlyCharges`. The hour list is `HourlyCharges` in
/// JSON and `<HourlyCharge>` in REST XML (digest §5 item 37).
#[derive(Deserialize, Debug, Clone, Default)]
pub struct ServerHourlyChargesResponse {
    #[serde(
        rename = "AccountAlias",
        default,
        deserialize_with = "lenient::opt_text"
    )]
    pub account_alias: Option<String>,
    #[serde(rename = "ServerName", default, deserialize_with = "lenient::opt_text")]
    pub server_name: Option<String>,
    #[serde(rename = "StartDate", default, deserialize_with = "lenient::opt_date")]
    pub start_date: Option<i64>,
    #[serde(rename = "EndDate", default, deserialize_with = "lenient::opt_date")]
    pub end_date: Option<i64>,
    #[serde(rename = "Summary", default)]
    pub summary: Option<BillingSummary>,
    #[serde(
        rename = "HourlyCharges",
        alias = "HourlyCharge",
        default,
        deserialize_with = "lenient::list"
    )]
    pub hourly_charges: Vec<ServerHourlyCost>,
}

#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
pub struct BillingSummary {
    #[serde(
        rename = "MonthlyEstimate",
        default,
        deserialize_with = "lenient::opt_number"
    )]
    pub monthly_estimate: Option<f64>,
    #[serde(
        rename = "MonthToDate",
        default,
        deserialize_with = "lenient::opt_number"
    )]
    pub month_to_date: Option<f64>,
    #[serde(
        rename = "CurrentHour",
        default,
        deserialize_with = "lenient::opt_number"
    )]
    pub current_hour: Option<f64>,
    #[serde(
        rename = "PreviousHour",
        default,
        deserialize_with = "lenient::opt_number"
    )]
    pub previous_hour: Option<f64>,
}

/// One hour of `HourlyCharges` (XML item `ServerHourlyCost`). The item's
/// fields are not described in any table; the examples carry the four cost
/// components. A total is not documented but read when present.
#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
pub struct ServerHourlyCost {
    #[serde(rename = "Hour", default, deserialize_with = "lenient::opt_date")]
    pub hour: Option<i64>,
    #[serde(
        rename = "ProcessorCost",
        default,
        deserialize_with = "lenient::opt_number"
    )]
    pub processor_cost: Option<f64>,
    #[serde(
        rename = "MemoryCost",
        default,
        deserialize_with = "lenient::opt_number"
    )]
    pub memory_cost: Option<f64>,
    #[serde(
        rename = "StorageCost",
        default,
        deserialize_with = "lenient::opt_number"
    )]
    pub storage_cost: Option<f64>,
    #[serde(rename = "OSCost", default, deserialize_with = "lenient::opt_number")]
    pub os_cost: Option<f64>,
    #[serde(
        rename = "TotalCost",
        alias = "Total",
        default,
        deserialize_with = "lenient::opt_number"
    )]
    pub total_cost: Option<f64>,
}

// ===========================================================================
// Lenient deserializers (proposed for a shared `provider::lenient` module)
// ===========================================================================

/// Deserializers that accept the loose typing of real-world APIs: ints or
/// numbers as strings, bools as `"true"`/`"false"`, `\/Date(ms)\/` or ISO
/// dates, `null` lists, and XML-style list wrappers. A value of the wrong
/// kind becomes `None` rather than failing the whole answer. Nothing here
/// is CLC-specific; other providers can use it once it moves to a shared
/// module.
pub mod lenient {
    use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use serde::Deserialize;
    use serde_json::Value;
    use std::fmt;

    /// A value documented as an int but sent as an int or a string
    /// (`"ServerType":"2"`, `"PowerState":"Started"`). A string holding an
    /// integer becomes `Int`.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum Code {
        Int(i64),
        Text(String),
    }

    impl Code {
        pub fn as_int(&self) -> Option<i64> {
            match self {
                Code::Int(n) => Some(*n),
                Code::Text(_) => None,
            }
        }
    }

    impl serde::Serialize for Code {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match self {
                Code::Int(n) => s.serialize_i64(*n),
                Code::Text(text) => s.serialize_str(text),
            }
        }
    }

    impl fmt::Display for Code {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                Code::Int(n) => write!(f, "{n}"),
                Code::Text(s) => f.write_str(s),
            }
        }
    }

    /// Any JSON-like scalar, read from any self-describing format.
    #[derive(Debug, Clone, PartialEq)]
    pub enum Scalar {
        Null,
        Bool(bool),
        Int(i64),
        Float(f64),
        Text(String),
        /// A list or an object where a scalar was expected.
        Composite,
    }

    impl<'de> Deserialize<'de> for Scalar {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(ScalarVisitor)
        }
    }

    struct ScalarVisitor;

    impl<'de> Visitor<'de> for ScalarVisitor {
        type Value = Scalar;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a scalar")
        }
        fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
            Ok(Scalar::Bool(v))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
            Ok(Scalar::Int(v))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
            Ok(i64::try_from(v).map_or(Scalar::Float(v as f64), Scalar::Int))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
            Ok(Scalar::Float(v))
        }
        fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
            Ok(Scalar::Text(v.to_string()))
        }
        fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
            Ok(Scalar::Text(v))
        }
        fn visit_unit<E>(self) -> Result<Scalar, E> {
            Ok(Scalar::Null)
        }
        fn visit_none<E>(self) -> Result<Scalar, E> {
            Ok(Scalar::Null)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
            Scalar::deserialize(d)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(Scalar::Composite)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(Scalar::Composite)
        }
    }

    /// Parses an integer from text: `"42"`, `" 42 "`, `"42.0"`.
    pub fn int_from_text(s: &str) -> Option<i64> {
        let s = s.trim();
        s.parse::<i64>()
            .ok()
            .or_else(|| s.parse::<f64>().ok().and_then(int_from_float))
    }

    fn int_from_float(f: f64) -> Option<i64> {
        let in_range = f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15;
        in_range.then_some(f as i64)
    }

    /// Parses a number from text: `"0.2236"`, `" 2 "`. Non-finite values are refused.
    pub fn number_from_text(s: &str) -> Option<f64> {
        s.trim().parse::<f64>().ok().filter(|f| f.is_finite())
    }

    /// Parses a boolean from text: `true`/`false` in any case, `1`/`0`, `yes`/`no`.
    pub fn bool_from_text(s: &str) -> Option<bool> {
        match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Some(true),
            "false" | "0" | "no" => Some(false),
            _ => None,
        }
    }

    /// Int or string; `null`, `""` and composites become `None`.
    pub fn opt_code<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Code>, D::Error> {
        Ok(match Scalar::deserialize(d)? {
            Scalar::Int(n) => Some(Code::Int(n)),
            Scalar::Float(f) => {
                Some(int_from_float(f).map_or(Code::Text(f.to_string()), Code::Int))
            }
            Scalar::Bool(b) => Some(Code::Text(b.to_string())),
            Scalar::Text(s) if s.trim().is_empty() => None,
            Scalar::Text(s) => {
                Some(int_from_text(&s).map_or(Code::Text(s.trim().to_string()), Code::Int))
            }
            Scalar::Null | Scalar::Composite => None,
        })
    }

    /// An integer given as a number or a string.
    pub fn opt_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        Ok(match Scalar::deserialize(d)? {
            Scalar::Int(n) => Some(n),
            Scalar::Float(f) => int_from_float(f),
            Scalar::Text(s) => int_from_text(&s),
            Scalar::Bool(_) | Scalar::Null | Scalar::Composite => None,
        })
    }

    /// A number (money, sizes) given as a number or a string.
    pub fn opt_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        Ok(match Scalar::deserialize(d)? {
            Scalar::Int(n) => Some(n as f64),
            Scalar::Float(f) => Some(f).filter(|f| f.is_finite()),
            Scalar::Text(s) => number_from_text(&s),
            Scalar::Bool(_) | Scalar::Null | Scalar::Composite => None,
        })
    }

    /// A boolean given as a bool, a string or 0/1.
    pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        Ok(match Scalar::deserialize(d)? {
            Scalar::Bool(b) => Some(b),
            Scalar::Int(0) => Some(false),
            Scalar::Int(1) => Some(true),
            Scalar::Text(s) => bool_from_text(&s),
            _ => None,
        })
    }

    /// A string; numbers and bools are turned into their text.
    pub fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Ok(match Scalar::deserialize(d)? {
            Scalar::Text(s) => Some(s),
            Scalar::Int(n) => Some(n.to_string()),
            Scalar::Float(f) => Some(f.to_string()),
            Scalar::Bool(b) => Some(b.to_string()),
            Scalar::Null | Scalar::Composite => None,
        })
    }

    /// A date as milliseconds since the epoch (UTC), from any form
    /// [`parse_date`] accepts, or from a number of milliseconds.
    pub fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        Ok(match Scalar::deserialize(d)? {
            Scalar::Text(s) => parse_date(&s),
            Scalar::Int(n) => Some(n),
            _ => None,
        })
    }

    /// A list that may be `null`, missing, an empty string (an empty XML
    /// element), a single object, or an XML-style wrapper object holding the
    /// items under one key (`{"Server": [...]}` or `{"Server": {...}}`).
    pub fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: serde::de::DeserializeOwned,
    {
        let items = list_items(Value::deserialize(d)?);
        items
            .into_iter()
            .map(|item| T::deserialize(item).map_err(de::Error::custom))
            .collect()
    }

    /// The items of a list-like value; see [`list`].
    pub fn list_items(value: Value) -> Vec<Value> {
        match value {
            Value::Array(items) => items,
            Value::Object(map) if map.is_empty() => Vec::new(),
            Value::Object(map) => match single_wrapped(&map) {
                Some(inner) => list_items(inner.clone()),
                None => vec![Value::Object(map)],
            },
            _ => Vec::new(),
        }
    }

    /// The one value of a wrapper object whose only field is a list or object.
    fn single_wrapped(map: &serde_json::Map<String, Value>) -> Option<&Value> {
        let mut values = map.values();
        match (values.next(), values.next()) {
            (Some(inner @ (Value::Array(_) | Value::Object(_))), None) => Some(inner),
            _ => None,
        }
    }

    /// Parses the dates the document shows, into UTC milliseconds:
    /// `\/Date(1343775600000)\/` (also `/Date(ms)/`, with an optional
    /// `+hhmm`/`-hhmm` zone, which does not change the instant), and ISO
    /// `2012-08-31T23:00:00[.fff]` without a zone (read as UTC, which the
    /// document calls GMT), a date alone, or with `Z`/`±hh:mm`.
    pub fn parse_date(text: &str) -> Option<i64> {
        let s = text.trim();
        match s
            .strip_prefix("\\/Date(")
            .or_else(|| s.strip_prefix("/Date("))
        {
            Some(rest) => parse_dotnet_date(rest),
            None => parse_iso_date(s),
        }
    }

    /// The part of `/Date(ms±zone)/` after `Date(`.
    fn parse_dotnet_date(rest: &str) -> Option<i64> {
        let inner = rest
            .strip_suffix(")\\/")
            .or_else(|| rest.strip_suffix(")/"))?;
        let zone_at = inner
            .char_indices()
            .skip(1)
            .find(|(_, c)| *c == '+' || *c == '-')
            .map(|(i, _)| i);
        let (millis, zone) = inner.split_at(zone_at.unwrap_or(inner.len()));
        let zone_ok =
            zone.is_empty() || (zone.len() == 5 && zone[1..].bytes().all(|b| b.is_ascii_digit()));
        if !zone_ok {
            return None;
        }
        millis.parse::<i64>().ok()
    }

    fn parse_iso_date(s: &str) -> Option<i64> {
        let (date, time) = match s.find(['T', ' ']) {
            Some(i) => (&s[..i], Some(&s[i + 1..])),
            None => (s, None),
        };
        let days = parse_ymd(date)?;
        let (time_ms, offset_ms) = match time {
            Some(t) => parse_time_with_zone(t)?,
            None => (0, 0),
        };
        Some(days * 86_400_000 + time_ms - offset_ms)
    }

    /// `YYYY-MM-DD` as days since the epoch.
    fn parse_ymd(date: &str) -> Option<i64> {
        let mut parts = date.split('-');
        let year = fixed_digits(parts.next()?, 4)?;
        let month = fixed_digits(parts.next()?, 2)?;
        let day = fixed_digits(parts.next()?, 2)?;
        if parts.next().is_some() || !(1..=12).contains(&month) {
            return None;
        }
        if day < 1 || day > days_in_month(year, month) {
            return None;
        }
        Some(days_from_civil(year, month, day))
    }

    /// `HH:MM[:SS[.fff]]` with an optional `Z` or `±HH:MM`/`±HHMM`; returns
    /// (millis into the day, zone offset in millis).
    fn parse_time_with_zone(t: &str) -> Option<(i64, i64)> {
        let (clock, offset) = if let Some(clock) = t.strip_suffix(['Z', 'z']) {
            (clock, 0)
        } else {
            match t.rfind(['+', '-']) {
                Some(i) => (&t[..i], parse_zone(&t[i..])?),
                None => (t, 0),
            }
        };
        Some((parse_clock(clock)?, offset))
    }

    fn parse_zone(zone: &str) -> Option<i64> {
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
        let hours = fixed_digits(digits.get(..2)?, 2)?;
        let minutes = fixed_digits(digits.get(2..)?, 2)?;
        (hours <= 23 && minutes <= 59).then_some(sign * (hours * 60 + minutes) * 60_000)
    }

    fn parse_clock(clock: &str) -> Option<i64> {
        let (hms, fraction) = match clock.split_once('.') {
            Some((hms, fraction)) => (hms, Some(fraction)),
            None => (clock, None),
        };
        let mut parts = hms.split(':');
        let hours = fixed_digits(parts.next()?, 2)?;
        let minutes = fixed_digits(parts.next()?, 2)?;
        let seconds = parts.next().map_or(Some(0), |s| fixed_digits(s, 2))?;
        if parts.next().is_some() || hours > 23 || minutes > 59 || seconds > 60 {
            return None;
        }
        let millis = match fraction {
            Some(f) => fraction_millis(f)?,
            None => 0,
        };
        Some(((hours * 60 + minutes) * 60 + seconds) * 1000 + millis)
    }

    /// `.76` -> 760 ms; up to 9 digits, beyond milliseconds truncated.
    fn fraction_millis(f: &str) -> Option<i64> {
        if f.is_empty() || f.len() > 9 || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let padded = format!("{f:0<3}");
        padded.get(..3)?.parse().ok()
    }

    fn fixed_digits(s: &str, len: usize) -> Option<i64> {
        if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    }

    fn is_leap(year: i64) -> bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    fn days_in_month(year: i64, month: i64) -> i64 {
        match month {
            2 if is_leap(year) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (month + 9) % 12;
        let doy = (153 * mp + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The (year, month, day) of a day number since 1970-01-01.
    pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        (year, month, day)
    }

    /// Milliseconds since the epoch as `2012-09-13T16:03:42` (UTC, no zone),
    /// the form the document uses in requests and XML answers.
    pub fn iso_utc(millis: i64) -> String {
        // Keep the arithmetic far away from overflow: years 0..=9999.
        let millis = millis.clamp(-62_167_219_200_000, 253_402_300_799_000);
        let days = millis.div_euclid(86_400_000);
        let secs = millis.rem_euclid(86_400_000) / 1000;
        let (y, m, d) = civil_from_days(days);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }

    /// Milliseconds since the epoch as a readable UTC time: `2012-09-13 16:03:42 UTC`.
    pub fn readable_utc(millis: i64) -> String {
        format!("{} UTC", iso_utc(millis).replace('T', " "))
    }
}
