//! CenturyLink Cloud API v1 wire types, exactly as the document names them
//! (document 003, digest §3), plus the decoding of answers and the encoding
//! of requests in both formats (JSON and XML).
//!
//! The document's examples are loosely typed (ints as strings, bools as
//! strings, two date formats), so every field is read through the lenient
//! deserializers in [`crate::provider::lenient`].

use super::xml;
use super::WireFormat;
use crate::provider::lenient::{self, Code};
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

/// `Server/GetAllServersByModifiedDates`: the servers of a location that
/// changed from `BeginDate` on (no `EndDate`: up to now). Its XML root is
/// `GetAllServersRequest` (digest §5 item 20).
#[derive(Serialize, Debug)]
pub struct ModifiedServersRequest<'a> {
    #[serde(rename = "AccountAlias", skip_serializing_if = "Option::is_none")]
    pub account_alias: Option<&'a str>,
    #[serde(rename = "Location")]
    pub location: &'a str,
    /// `2013-05-10T14:30:12`, on the API's clock.
    #[serde(rename = "BeginDate")]
    pub begin_date: String,
}

impl Request for ModifiedServersRequest<'_> {
    const XML_ROOT: &'static str = "GetAllServersRequest";
}

/// `Server/GetAllServersForAccountHierarchyByModifiedDates`: the same
/// fields, under the XML root `GetAllServersByModifiedDatesRequest`.
#[derive(Serialize, Debug)]
#[serde(transparent)]
pub struct ModifiedHierarchyRequest<'a>(pub ModifiedServersRequest<'a>);

impl Request for ModifiedHierarchyRequest<'_> {
    const XML_ROOT: &'static str = "GetAllServersByModifiedDatesRequest";
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

/// An answer as the client keeps it between checking its envelope and
/// reading its wire type: JSON as its text, read straight into the wire
/// types (a tree in between would hold a 10,000-server list twice over),
/// XML as the tree [`xml::to_value`] builds.
#[derive(Debug, Clone, PartialEq)]
pub enum Decoded {
    /// The text, with its envelope read when the text was checked.
    Json(String, Envelope),
    Xml(Value),
}

impl Decoded {
    /// The answer's Success/Message/StatusCode; none on anything but an
    /// object.
    pub fn envelope(&self) -> Envelope {
        match self {
            Decoded::Json(_, envelope) => envelope.clone(),
            Decoded::Xml(value) => Envelope::of(value),
        }
    }

    /// Reads a wire type out of the answer.
    pub fn typed<T: serde::de::DeserializeOwned>(&self) -> Result<T, String> {
        match self {
            Decoded::Json(text, _) => serde_json::from_str(text).map_err(|e| e.to_string()),
            Decoded::Xml(value) => typed(value),
        }
    }

    /// The answer as text, for an excerpt in an error.
    pub fn text(&self) -> String {
        match self {
            Decoded::Json(text, _) => text.clone(),
            Decoded::Xml(value) => value.to_string(),
        }
    }
}

/// Checks that a body is readable in its format and keeps it as a
/// [`Decoded`] answer.
pub fn decode_answer(body: String, format: WireFormat) -> Result<Decoded, String> {
    match format {
        WireFormat::Json => {
            // One pass reads the envelope and checks the whole text; the
            // text is kept as it came, so a list of 10,000 servers is held
            // once and read once more, into its wire type.
            let envelope = match serde_json::from_str::<Envelope>(&body) {
                Ok(envelope) => envelope,
                Err(e) if e.classify() == serde_json::error::Category::Data => {
                    // Well-formed so far, but no envelope object: check the
                    // rest; the answer has no envelope.
                    serde_json::from_str::<serde::de::IgnoredAny>(&body)
                        .map_err(|e| e.to_string())?;
                    Envelope::default()
                }
                Err(e) => return Err(e.to_string()),
            };
            Ok(Decoded::Json(body, envelope))
        }
        WireFormat::Xml => xml::to_value(&body).map(Decoded::Xml),
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
