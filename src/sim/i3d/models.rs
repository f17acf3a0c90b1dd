//! The i3D.net API v3 models the simulator answers with, written from the
//! document (`001_b011dd4414d557a4.txt`) with its field names exactly as
//! printed, including its odd casings (`isODP`, `dateverified`). Every
//! model is flat, as in the document. Types follow the document too: money,
//! `powerMaxAmpere` and contract dates are strings, flags are 0/1 integers.

use serde::Serialize;

/// #47/#49 `GET /v3/dedicatedServer[/{id}]`: the 53-field model.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DedicatedServer {
    pub id: u64,
    pub user_id: u64,
    pub server_id: u64,
    pub server_name: String,
    /// 1 bare metal, 2 flex metal, 3 virtual machine.
    pub server_type: u8,
    pub project_name: String,
    pub client_server_name: String,
    pub client_state: String,
    pub live_host_name: String,
    pub is_virtual: u8,
    pub category: String,
    pub os_id: u32,
    pub location_id: u32,
    pub dc_location_id: u32,
    pub instance_type: String,
    pub fleet_id: String,
    pub new_fleet_id: Option<String>,
    pub fleet_associated_since: i64,
    pub rack_name: String,
    #[serde(flatten)]
    pub contract: Contract,
    pub brand: String,
    pub model: String,
    pub num_cpu: u32,
    pub cpu_info: String,
    pub cpu_type: String,
    pub cpu_load: f64,
    pub mem_used: u64,
    pub mem_max: u64,
    pub mem_free: u64,
    pub is_reserve: u8,
    pub service_tag: String,
    #[serde(rename = "isODP")]
    pub is_odp: u8,
    pub fm_order_id: Option<String>,
    pub install_status: Option<String>,
    pub status: String,
    /// "Only provided if the server checked-in recently": left out otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uptime: Option<i64>,
    pub traffic_sum: u64,
    pub free_incoming_traffic: bool,
    pub outgoing_traffic_sum: u64,
    pub incoming_traffic_sum: u64,
}

/// The contract and billing fields the dedicated-server and colocation
/// models share, in the same order in both (flattened into them).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Contract {
    pub date_start: String,
    pub date_end: String,
    pub date_cancelled: String,
    pub date_end_contract: String,
    pub contract_period: u32,
    pub extend_period: u32,
    pub cancellation_period: u32,
    pub purchase_order: String,
    pub payment_term: u32,
    pub price_per_month: String,
    pub price_per_tb_overuse: String,
    pub currency_id: u8,
    pub bandwidth_billing_type: u8,
    pub bandwidth_contractual: u64,
}

/// #51/#52 `GET /v3/colocation[/{id}]`: the 24-field model.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Colocation {
    pub id: u64,
    pub name: String,
    #[serde(flatten)]
    pub contract: Contract,
    pub traffic_sum: u64,
    pub traffic_sum_month_mbit: u64,
    pub outgoing_traffic_sum: u64,
    pub incoming_traffic_sum: u64,
    pub power_max_ampere: String,
    pub power_kwh_price: String,
    pub power_meter: u64,
    pub unlimited_ingress: u8,
}

/// #55 `GET /v3/colocation/{id}/pdu`: the 13-field model.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pdu {
    pub id: u64,
    pub name: String,
    pub serial: String,
    pub updated_at: i64,
    pub input_feed_type: String,
    pub outlets: u32,
    pub phases: u32,
    pub power_meter: u64,
    pub power_factor: f64,
    pub amperage: f64,
    pub peak_amperage: f64,
    pub voltage: f64,
    pub min_voltage: f64,
}

/// #5 `GET /v3/telemetry/colocation/{id}/pdu/{pduId}`: one history sample.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PduSample {
    pub timestamp: i64,
    pub amps: f64,
    pub volts: f64,
    pub kwh: f64,
    pub power_meter: u64,
}

/// #2 `GET /v3/telemetry/colocation/{id}/network` and #7
/// `GET /v3/telemetry/pdu/{pduId}`. The document shows only `unit`; the
/// sample list is missing from its text, so `data` and its items are ours.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Telemetry<T> {
    pub unit: Option<&'static str>,
    pub data: Vec<T>,
}

/// One hour of colocation traffic in a [`Telemetry`] answer (ours: the
/// document leaves the sample out). Averages in Mbit/s.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NetworkSample {
    pub timestamp: i64,
    pub incoming: f64,
    pub outgoing: f64,
}

/// #4 `GET /v3/telemetry/colocation/powerUsage/current`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PowerUsage {
    pub id: u64,
    pub name: String,
    pub kwh: u64,
}

/// #6 `GET /v3/telemetry/colocation/overuse/current`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Overuse {
    pub colo_id: u64,
    pub colo_name: String,
    pub ordered_bandwidth: f64,
    pub used_bandwidth: f64,
}

/// #61 `GET /v3/colocation/{id}/alert`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Alert {
    pub id: u64,
    pub percentage: u32,
    pub send_mail: u8,
    pub send_ticket: u8,
    pub triggered: i64,
    pub created_at: i64,
}

/// #137 `GET /v3/colocation/access`: the 25-field model.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ColocationAccess {
    pub id: u64,
    pub visitor_id: u64,
    pub datacenter_id: Option<u64>,
    #[serde(rename = "dateverified")]
    pub date_verified: Option<String>,
    #[serde(rename = "dateonlist")]
    pub date_on_list: Option<String>,
    #[serde(rename = "dateofflist")]
    pub date_off_list: Option<String>,
    pub email: String,
    pub mobile: String,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: String,
    pub company_name: Option<String>,
    pub city: Option<String>,
    pub country_en: String,
    pub admin_notes_read_only: Option<String>,
    pub checked: Option<String>,
    pub created_by: u64,
    pub new_entry: u8,
    pub temporary_access: Option<u8>,
    pub finger_print_id: Option<u64>,
    pub print_made: Option<String>,
    pub visit_requester: Option<u8>,
    pub permanent_requester: Option<u8>,
    pub syntegro_employee_code: Option<String>,
    /// granted, pending, denied, revoked or suspended.
    pub status: String,
}

/// #36–#42: the 12-field ticket model (no body, no replies: the document
/// has none).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ticket {
    pub id: u64,
    pub hash: String,
    pub read_hash: String,
    pub title: String,
    pub category_name: String,
    pub priority_name: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub client_last_replied_at: i64,
    pub client_last_read_at: i64,
    pub status: String,
    pub num_user_replies: u32,
}
