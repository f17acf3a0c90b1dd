//! The CLC v1 methods the simulator implements: what each one reads from
//! the request, its status codes and texts (as the document prints them),
//! and the answer it builds.

use super::billing;
use super::dates::{self, DAY_MS};
use super::views::{self, ServerStyle};
use super::wire::{Obj, Params, XmlList};
use super::world::{
    Action, Server, World, ACCOUNTS, FINAL_STEP, HOME_ACCOUNT, HOME_LOCATION, LOCATIONS,
    SUB_ACCOUNT,
};
use std::time::{Duration, Instant};

pub const UNKNOWN_ERROR: &str =
    "Unknown Error - An application error occurred processing your request, contact support to resolve the issue.";
pub const BAD_FORMAT: &str =
    "Invalid Request Format. This value indicates that the XML or JSON requests do not match the expected format.";
pub const NOT_LOGGED_ON: &str =
    "Authentication Failed. You must logon to the API prior to calling this method.";
pub const BAD_LOGON: &str = "Authentication Failed - The APIKey & Password combination were not valid. Verify that the values provided in your message match the values given to you by CenturyLink Cloud.";
const ACCOUNT_NOT_FOUND: &str = "Resource Not Found. Provided account alias does not exist.";
const SERVER_NOT_FOUND: &str =
    "Resource Not Found. A Server with the specified Name cannot be found.";
const GROUP_NOT_FOUND: &str = "Resource Not Found. A Group with the specified ID cannot be found.";
const NETWORK_NOT_FOUND: &str =
    "Resource Not Found. A Network with the specified name cannot be found.";
// Not documented (the document gives no code for an unknown RequestID).
const REQUEST_NOT_FOUND: &str =
    "Resource Not Found. A Request with the specified ID cannot be found.";
const NOT_ACTIVE: &str = "Invalid Operation. Server must be in an active state.";
const NAME_REQUIRED: &str = "Name required. The name parameter must be specified.";
const UUID_REQUIRED: &str = "Hardware Group UUID Required.";
const ITEM_STATUS_INVALID: &str = "The ItemStatus value is invalid.";

/// A failed call: StatusCode and Message.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub code: u32,
    pub message: String,
}

impl ApiError {
    pub fn new(code: u32, message: &str) -> ApiError {
        ApiError {
            code,
            message: message.to_string(),
        }
    }

    pub fn bad_format() -> ApiError {
        ApiError::new(3, BAD_FORMAT)
    }
}

/// A successful call: its Message and payload.
#[derive(Debug)]
pub struct Done {
    pub message: String,
    pub body: Obj,
}

impl Done {
    pub fn new(message: &str, body: Obj) -> Done {
        Done {
            message: message.to_string(),
            body,
        }
    }
}

pub type Outcome = Result<Done, ApiError>;

/// What a call may use besides the world and its parameters.
pub struct Ctx<'a> {
    pub now: Instant,
    pub now_ms: i64,
    pub queue_step: Duration,
    /// Consumes the one-shot "fail the next queued request" fault.
    pub fail_next_job: &'a dyn Fn() -> bool,
}

/// Every method the simulator answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Logon,
    Logout,
    GetLocations,
    GetGroups,
    GetServer,
    GetServers,
    GetAllServers,
    GetHierarchy,
    /// `GetAllServersByModifiedDates`.
    GetModifiedServers,
    /// `GetAllServersForAccountHierarchyByModifiedDates`.
    GetModifiedHierarchy,
    GetNetworks,
    GetNetworkDetails,
    Power(Action),
    Maintenance,
    GetRequestStatus,
    ListQueueRequests,
    HourlyCharges,
}

impl Op {
    /// The method at `/REST/<area>/<method>/` (any case).
    pub fn lookup(area: &str, method: &str) -> Option<Op> {
        let area = area.to_ascii_lowercase();
        let method = method.to_ascii_lowercase();
        let op = match (area.as_str(), method.as_str()) {
            ("auth", "logon") => Op::Logon,
            ("auth", "logout") => Op::Logout,
            ("account", "getlocations") => Op::GetLocations,
            ("group", "getgroups") => Op::GetGroups,
            ("server", "getserver") => Op::GetServer,
            ("server", "getservers") => Op::GetServers,
            ("server", "getallservers") => Op::GetAllServers,
            ("server", "getallserversforaccounthierarchy") => Op::GetHierarchy,
            ("server", "getallserversbymodifieddates") => Op::GetModifiedServers,
            ("server", "getallserversforaccounthierarchybymodifieddates") => {
                Op::GetModifiedHierarchy
            }
            ("network", "getnetworks") => Op::GetNetworks,
            ("network", "getnetworkdetails") => Op::GetNetworkDetails,
            ("server", "servermaintenance") => Op::Maintenance,
            ("queue", "getrequeststatus") => Op::GetRequestStatus,
            ("queue", "listqueuerequests") => Op::ListQueueRequests,
            ("billing", "getserverhourlycharges") => Op::HourlyCharges,
            ("server", power) => Op::Power(power_action(power)?),
            _ => return None,
        };
        Some(op)
    }

    /// The XML root element of the answer.
    pub fn root(self) -> &'static str {
        match self {
            Op::Logon => "LogonResponse",
            Op::Logout => "LogoutResponse",
            Op::GetLocations => "LocationsResponse",
            Op::GetGroups => "GetGroupsResponse",
            Op::GetServer | Op::GetServers | Op::GetAllServers | Op::GetModifiedServers => {
                "GetServersResponse"
            }
            Op::GetHierarchy | Op::GetModifiedHierarchy => "GetAccountHierarchyServersResponse",
            Op::GetNetworks => "GetNetworksResponse",
            Op::GetNetworkDetails => "NetworkDetailsResponse",
            Op::Power(_) | Op::Maintenance => "QueuedItemResponse",
            Op::GetRequestStatus => "QueueStatusResponse",
            Op::ListQueueRequests => "ListQueueItemsResponse",
            Op::HourlyCharges => "ServerHourlyChargesResponse",
        }
    }
}

fn power_action(method: &str) -> Option<Action> {
    Some(match method {
        "poweronserver" => Action::PowerOn,
        "poweroffserver" => Action::PowerOff,
        "shutdownserver" => Action::Shutdown,
        "rebootserver" => Action::Reboot,
        "resetserver" => Action::Reset,
        "pauseserver" => Action::Pause,
        _ => return None,
    })
}

/// Runs an authenticated method (Logon/Logout are handled by the caller).
pub fn run(op: Op, world: &mut World, params: &Params, ctx: &Ctx) -> Outcome {
    match op {
        Op::GetLocations => Ok(get_locations()),
        Op::GetGroups => get_groups(world, params),
        Op::GetServer => get_server(world, params),
        Op::GetServers => get_servers(world, params),
        Op::GetAllServers => get_all_servers(world, params, Modified::ANY),
        Op::GetHierarchy => get_hierarchy(world, params, Modified::ANY),
        Op::GetModifiedServers => {
            get_all_servers(world, params, Modified::from_params(params, ctx.now_ms)?)
        }
        Op::GetModifiedHierarchy => {
            get_hierarchy(world, params, Modified::from_params(params, ctx.now_ms)?)
        }
        Op::GetNetworks => get_networks(world, params),
        Op::GetNetworkDetails => get_network_details(world, params),
        Op::Power(action) => queue_action(world, params, ctx, action),
        Op::Maintenance => {
            let enable = params.boolean("Enable").ok_or_else(ApiError::bad_format)?;
            queue_action(world, params, ctx, Action::Maintenance(enable))
        }
        Op::GetRequestStatus => get_request_status(world, params, ctx),
        Op::ListQueueRequests => list_queue_requests(world, params, ctx),
        Op::HourlyCharges => billing::hourly_charges(world, params, ctx.now_ms),
        Op::Logon | Op::Logout => Err(ApiError::new(2, UNKNOWN_ERROR)),
    }
}

/// `AccountAlias`, defaulting to the API user's account.
pub fn account(params: &Params) -> Result<&'static str, ApiError> {
    match params.text("AccountAlias") {
        None => Ok(HOME_ACCOUNT),
        Some(alias) => known_account(alias).ok_or_else(|| ApiError::new(5, ACCOUNT_NOT_FOUND)),
    }
}

pub fn known_account(alias: &str) -> Option<&'static str> {
    ACCOUNTS.into_iter().find(|a| a.eq_ignore_ascii_case(alias))
}

/// `Location`, defaulting to the account's primary data center.
fn location(params: &Params) -> String {
    params
        .text("Location")
        .map_or(HOME_LOCATION.to_string(), str::to_ascii_uppercase)
}

fn get_locations() -> Done {
    let items = LOCATIONS
        .iter()
        .map(|(alias, region)| Obj::new().attr("Alias", *alias).attr("Region", *region))
        .collect();
    let body = Obj::new().list(
        "Locations",
        XmlList::Wrapped("Locations", "Location"),
        items,
    );
    Done::new("Locations successfully queried.", body)
}

fn get_groups(world: &World, params: &Params) -> Outcome {
    let account = account(params)?;
    let location = params
        .text("Location")
        .ok_or_else(ApiError::bad_format)?
        .to_ascii_uppercase();
    let items = world
        .groups_at(account, &location)
        .map(views::group)
        .collect();
    let body = Obj::new().attr("AccountAlias", account).list(
        "HardwareGroups",
        XmlList::Wrapped("HardwareGroups", "HardwareGroup"),
        items,
    );
    Ok(Done::new("Success", body))
}

/// The answer of the flat server listings.
fn servers_answer(world: &World, indexes: impl Iterator<Item = usize>) -> Done {
    let items = indexes
        .map(|i| server_view(world, i, ServerStyle::Flat))
        .collect();
    Done::new(
        "Success",
        Obj::new().list("Servers", XmlList::Wrapped("Servers", "Server"), items),
    )
}

fn server_view(world: &World, index: usize, style: ServerStyle) -> Obj {
    let server = &world.servers[index];
    views::server(server, &world.groups[server.group], index, style)
}

fn get_server(world: &World, params: &Params) -> Outcome {
    let account = account(params)?;
    let name = params.text("Name").ok_or_else(ApiError::bad_format)?;
    let index = world
        .server_index(account, name)
        .ok_or_else(|| ApiError::new(5, SERVER_NOT_FOUND))?;
    Ok(servers_answer(world, std::iter::once(index)))
}

/// The group `HardwareGroupUUID` names in `account`.
fn group_index(world: &World, account: &str, uuid: &str) -> Result<usize, ApiError> {
    world
        .groups
        .iter()
        .position(|g| g.account == account && g.uuid.eq_ignore_ascii_case(uuid))
        .ok_or_else(|| ApiError::new(5, GROUP_NOT_FOUND))
}

fn get_servers(world: &World, params: &Params) -> Outcome {
    let account = account(params)?;
    let uuid = params
        .text("HardwareGroupUUID")
        .ok_or_else(|| ApiError::new(541, UUID_REQUIRED))?;
    let group = group_index(world, account, uuid)?;
    let indexes = (0..world.servers.len()).filter(|&i| world.servers[i].group == group);
    Ok(servers_answer(world, indexes))
}

/// The range of modification times a listing keeps (ms, both ends in).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Modified {
    from: i64,
    to: i64,
}

impl Modified {
    /// Every server (the listings without dates).
    const ANY: Modified = Modified {
        from: i64::MIN,
        to: i64::MAX,
    };

    /// `BeginDate` (missing: today minus one day) to `EndDate` (missing:
    /// now; a date without a time: the end of that day).
    fn from_params(params: &Params, now_ms: i64) -> Result<Modified, ApiError> {
        let date = |name: &str| match params.text(name) {
            None => Ok(None),
            Some(text) => dates::parse(text)
                .map(|ms| Some((ms, !text.contains(['T', ' ']))))
                .ok_or_else(ApiError::bad_format),
        };
        let from = date("BeginDate")?.map_or(now_ms - DAY_MS, |(ms, _)| ms);
        let to = match date("EndDate")? {
            None => now_ms,
            Some((ms, true)) => ms + DAY_MS - 1,
            Some((ms, false)) => ms,
        };
        Ok(Modified { from, to })
    }

    fn keeps(self, server: &Server) -> bool {
        (self.from..=self.to).contains(&server.modified_ms)
    }
}

/// Deep: by `HardwareGroupUUID` (the group and its sub groups) or else by
/// `Location`; only the servers modified within `modified`.
fn get_all_servers(world: &World, params: &Params, modified: Modified) -> Outcome {
    let account = account(params)?;
    let in_scope: Box<dyn Fn(usize) -> bool> = match params.text("HardwareGroupUUID") {
        Some(uuid) => {
            let inside = world.subtree(group_index(world, account, uuid)?);
            Box::new(move |i| inside[world.servers[i].group])
        }
        None => {
            let location = location(params);
            Box::new(move |i| world.servers[i].location == location)
        }
    };
    let indexes = (0..world.servers.len()).filter(|&i| {
        let server = &world.servers[i];
        server.account == account && modified.keeps(server) && in_scope(i)
    });
    Ok(servers_answer(world, indexes))
}

/// The account's servers and its sub-account's at one location, grouped
/// by account; only those modified within `modified`.
fn get_hierarchy(world: &World, params: &Params, modified: Modified) -> Outcome {
    let account = account(params)?;
    let location = location(params);
    let accounts: &[&str] = if account == HOME_ACCOUNT {
        &[HOME_ACCOUNT, SUB_ACCOUNT]
    } else {
        &[SUB_ACCOUNT]
    };
    let groups = accounts
        .iter()
        .map(|alias| {
            let servers = (0..world.servers.len())
                .filter(|&i| {
                    let server = &world.servers[i];
                    server.account == *alias
                        && server.location == location
                        && modified.keeps(server)
                })
                .map(|i| server_view(world, i, ServerStyle::Hierarchy))
                .collect();
            Obj::new().attr("AccountAlias", *alias).list(
                "Servers",
                XmlList::Wrapped("Servers", "Server"),
                servers,
            )
        })
        .collect();
    let body = Obj::new().list(
        "AccountServers",
        XmlList::Wrapped("AccountServers", "AccountServerGroup"),
        groups,
    );
    Ok(Done::new(
        "Successfully retrieved deep view of servers",
        body,
    ))
}

fn get_networks(world: &World, params: &Params) -> Outcome {
    let account = account(params)?;
    let location = location(params);
    let items = world
        .networks
        .iter()
        .filter(|n| n.account == account && n.location == location)
        .map(views::network)
        .collect();
    let body = Obj::new().list("Networks", XmlList::Wrapped("Networks", "Network"), items);
    Ok(Done::new("Networks successfully queried.", body))
}

fn get_network_details(world: &World, params: &Params) -> Outcome {
    let account = account(params)?;
    let location = location(params);
    let name = params
        .text("Name")
        .ok_or_else(|| ApiError::new(1510, "Name Required."))?;
    let network = world
        .networks
        .iter()
        .find(|n| {
            n.account == account && n.location == location && n.name.eq_ignore_ascii_case(name)
        })
        .ok_or_else(|| ApiError::new(5, NETWORK_NOT_FOUND))?;
    let body = Obj::new().child(
        "NetworkDetails",
        views::network_details(network, &world.servers),
    );
    Ok(Done::new("Success", body))
}

/// Power operations and maintenance mode: validated now, applied when the queued request succeeds.
fn queue_action(world: &mut World, params: &Params, ctx: &Ctx, action: Action) -> Outcome {
    let account = account(params)?;
    let name = params
        .text("Name")
        .ok_or_else(|| ApiError::new(1410, NAME_REQUIRED))?;
    let index = world
        .server_index(account, name)
        .ok_or_else(|| ApiError::new(5, SERVER_NOT_FOUND))?;
    if !world.servers[index].is_active() {
        return Err(ApiError::new(6, NOT_ACTIVE));
    }
    let fails = (ctx.fail_next_job)();
    let id = world.enqueue(index, action, fails, ctx.now_ms);
    Ok(Done::new("Success", Obj::new().text("RequestID", id)))
}

fn get_request_status(world: &World, params: &Params, ctx: &Ctx) -> Outcome {
    let id = params.int("RequestID").ok_or_else(ApiError::bad_format)?;
    let job = u64::try_from(id)
        .ok()
        .and_then(|id| world.job(id))
        .ok_or_else(|| ApiError::new(5, REQUEST_NOT_FOUND))?;
    let status = job.status_at(ctx.now, ctx.queue_step);
    let body = Obj::new().child("RequestDetails", views::queue_item(job, &status));
    Ok(Done::new("Request Status successfully retrieved.", body))
}

/// `ItemStatusType`: 1 All, 2 Pending, 3 Complete, 4 Error.
fn list_queue_requests(world: &World, params: &Params, ctx: &Ctx) -> Outcome {
    let kind = params
        .int("ItemStatusType")
        .filter(|k| (1..=4).contains(k))
        .ok_or_else(|| ApiError::new(901, ITEM_STATUS_INVALID))?;
    let items: Vec<Obj> = world
        .jobs
        .iter()
        .map(|job| (job, job.status_at(ctx.now, ctx.queue_step)))
        .filter(|(job, status)| match kind {
            2 => status.step < FINAL_STEP,
            3 => status.step == FINAL_STEP && !job.fails,
            4 => status.step == FINAL_STEP && job.fails,
            _ => true,
        })
        .map(|(job, status)| views::queue_item(job, &status))
        .collect();
    let message = format!("{} Queue requests were found for your account", items.len());
    let body = Obj::new().list("Requests", XmlList::Wrapped("Requests", "QueueItem"), items);
    Ok(Done::new(&message, body))
}
