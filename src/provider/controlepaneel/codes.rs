//! The documented status codes of every action (digest §3), keyed on
//! (module, action, field, code), with an English message for each. Codes
//! are not global: `Error1` means something else in nearly every action.
//! The Dutch `Description` of an answer is shown only as a detail.

use super::wire::Call;

/// One row of a status-code table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Code {
    pub module: &'static str,
    pub action: &'static str,
    /// `Status`, `Action1` or `Action2`.
    pub field: &'static str,
    /// As printed, e.g. `Error2`, `Success1`, or the document's `Succes1`.
    pub code: &'static str,
    pub english: &'static str,
}

const fn code(
    module: &'static str,
    action: &'static str,
    field: &'static str,
    code: &'static str,
    english: &'static str,
) -> Code {
    Code {
        module,
        action,
        field,
        code,
        english,
    }
}

/// Every documented code (113 rows). Success texts the document got
/// wrong (power on/off "restarted", `servers list` "datacenter access
/// requests") carry their real meaning here.
#[rustfmt::skip]
pub const CODES: &[Code] = &[
    code("domains", "check", "Status", "Error1", "domain name too short (at least 3 characters)"),
    code("domains", "check", "Status", "Error2", "domain name extension not found"),
    code("domains", "check", "Status", "Error3", "domain name is in quarantine"),
    code("domains", "check", "Status", "Error4", "an unknown error has occurred"),
    code("domains", "check", "Status", "Success1", "domain name available for registration"),
    code("domains", "check", "Status", "Success2", "domain name available for transfer"),
    code("domains", "get_details", "Status", "Error1", "domain name not found"),
    code("domains", "get_details", "Status", "Success1", "domain name details"),
    code("domains", "edit_details", "Status", "Error1", "domain name not found"),
    code("domains", "edit_details", "Status", "Success1", "domain name found"),
    code("domains", "edit_details", "Action1", "Error1", "domain name contacts not changed"),
    code("domains", "edit_details", "Action1", "Success1", "domain name contacts changed"),
    code("domains", "edit_details", "Action2", "Error1", "domain name contacts not changed at the registrar"),
    code("domains", "edit_details", "Action2", "Success1", "domain name contacts changed at the registrar"),
    code("domains", "edit_dns", "Status", "Error1", "domain name not found"),
    code("domains", "edit_dns", "Status", "Success1", "domain name found"),
    code("domains", "edit_dns", "Action1", "Error1", "nameservers of the domain name have not been changed"),
    code("domains", "edit_dns", "Action1", "Success1", "nameservers of the domain name have been changed"),
    code("domains", "request_epp", "Status", "Error1", "domain name not found"),
    code("domains", "request_epp", "Status", "Success1", "domain name found"),
    code("domains", "request_epp", "Action1", "Error1", "the transfer code has not been sent to the owner (registrant) and/or the admin contact"),
    code("domains", "request_epp", "Action1", "Success1", "the transfer code has been sent to the owner (registrant) and/or the admin contact"),
    code("domains", "edit_lock", "Status", "Error1", "domain name not found"),
    code("domains", "edit_lock", "Status", "Success1", "domain name found"),
    code("domains", "edit_lock", "Action1", "Error1", "the domain name has not been unlocked"),
    code("domains", "edit_lock", "Action1", "Error2", "the domain name has not been locked"),
    code("domains", "edit_lock", "Action1", "Error3", "lock status could not be retrieved"),
    code("domains", "edit_lock", "Action1", "Error4", "domain name lock not available"),
    code("domains", "edit_lock", "Action1", "Success1", "the domain name has been unlocked"),
    code("domains", "edit_lock", "Action1", "Success2", "the domain name has been locked"),
    code("domains", "cancel", "Status", "Error1", "domain name not found"),
    code("domains", "cancel", "Status", "Success1", "domain name found"),
    code("domains", "cancel", "Action1", "Error1", "domain name will not be cancelled"),
    code("domains", "cancel", "Action1", "Succes1", "the domain name will be cancelled at the end of its term"),
    code("domains", "cancel_direct", "Status", "Error1", "domain name not found"),
    code("domains", "cancel_direct", "Status", "Success1", "domain name found"),
    code("domains", "cancel_direct", "Action1", "Error1", "domain name will not be cancelled"),
    code("domains", "cancel_direct", "Action1", "Success1", "domain name will be cancelled"),
    code("domains", "get_history", "Status", "Error1", "domain name not found"),
    code("domains", "get_history", "Status", "Success1", "domain name found"),
    code("domains", "list", "Status", "Success1", "domain names overview retrieved"),
    code("domains", "add_contact", "Status", "Error1", "the domain contact has not been added"),
    code("domains", "add_contact", "Status", "Success1", "the domain contact has been added"),
    code("domains", "edit_contact", "Status", "Error1", "domain contact not found"),
    code("domains", "edit_contact", "Status", "Success1", "domain contact found"),
    code("domains", "edit_contact", "Action1", "Error1", "the domain contact has not been changed"),
    code("domains", "edit_contact", "Action1", "Succes1", "the domain contact has been changed"),
    code("domains", "del_contact", "Status", "Error1", "domain contact not found"),
    code("domains", "del_contact", "Status", "Success1", "domain contact found"),
    code("domains", "del_contact", "Action1", "Error1", "domain contact not deleted"),
    code("domains", "del_contact", "Action1", "Success1", "domain contact deleted"),
    code("domains", "get_contact", "Status", "Error1", "domain contact not found"),
    code("domains", "get_contact", "Status", "Success1", "domain contact found"),
    code("domains", "list_contact", "Status", "Error1", "domain contacts not retrieved"),
    code("domains", "list_contact", "Status", "Success1", "domain contacts retrieved"),
    code("domains", "add_to_cart", "Status", "Error1", "domain name is already in the cart"),
    code("domains", "add_to_cart", "Status", "Error2", "domain name is already in another customer's cart"),
    code("domains", "add_to_cart", "Status", "Error3", "domain name is active, a transfer code is required"),
    code("domains", "add_to_cart", "Status", "Error4", "domain name has already been ordered before"),
    code("domains", "add_to_cart", "Status", "Error5", "domain name has already been ordered before by another customer"),
    code("domains", "add_to_cart", "Status", "Error6", "domain name must consist of at least 3 characters"),
    code("domains", "add_to_cart", "Status", "Success1", "domain name has been added to your cart"),
    code("domains", "order_cart", "Status", "Error1", "an unknown error has occurred"),
    code("domains", "order_cart", "Status", "Error2", "you cannot order domain names"),
    code("domains", "order_cart", "Status", "Error3", "there are no domain names in your cart"),
    code("domains", "order_cart", "Status", "Success1", "the domain names in your cart have been ordered"),
    code("servers", "get_details", "Status", "Error1", "server not found"),
    code("servers", "get_details", "Status", "Success1", "server found"),
    code("servers", "trigger_reboot", "Status", "Error1", "server not found"),
    code("servers", "trigger_reboot", "Status", "Success1", "server found"),
    code("servers", "trigger_reboot", "Action1", "Error1", "the server is not a virtual server, so it could not be restarted"),
    code("servers", "trigger_reboot", "Action1", "Success1", "reboot sent"),
    code("servers", "trigger_poweron", "Status", "Error1", "server not found"),
    code("servers", "trigger_poweron", "Status", "Success1", "server found"),
    code("servers", "trigger_poweron", "Action1", "Error1", "the server is not a virtual server, so it could not be powered on"),
    code("servers", "trigger_poweron", "Action1", "Success1", "power-on sent"),
    code("servers", "trigger_poweroff", "Status", "Error1", "server not found"),
    code("servers", "trigger_poweroff", "Status", "Success1", "server found"),
    code("servers", "trigger_poweroff", "Action1", "Error1", "the server is not a virtual server, so it could not be powered off"),
    code("servers", "trigger_poweroff", "Action1", "Success1", "power-off sent"),
    code("servers", "list", "Status", "Success1", "servers retrieved"),
    code("servers", "request_ip", "Status", "Error1", "server not found"),
    code("servers", "request_ip", "Status", "Success1", "server found"),
    code("servers", "request_ip", "Action1", "Error1", "Count must be a number"),
    code("servers", "request_ip", "Action1", "Error2", "Type must be 1 (IPv4) or 2 (IPv6)"),
    code("servers", "request_ip", "Action1", "Success1", "IP addresses request has been sent"),
    code("servers", "get_ip", "Status", "Error1", "IP address not found"),
    code("servers", "get_ip", "Status", "Success1", "IP address found"),
    code("servers", "edit_ip", "Status", "Error1", "IP address not found"),
    code("servers", "edit_ip", "Status", "Success1", "IP address found"),
    code("servers", "edit_ip", "Action1", "Success1", "IP address changed"),
    code("servers", "list_ip", "Status", "Success1", "IP addresses found"),
    code("servers", "get_mon", "Status", "Error1", "monitoring profile not found"),
    code("servers", "get_mon", "Status", "Success1", "monitoring profile found"),
    code("servers", "get_mon_history", "Status", "Error1", "monitoring profile not found"),
    code("servers", "get_mon_history", "Status", "Success1", "monitoring profile found"),
    code("servers", "list_mon", "Status", "Success1", "monitoring profiles found"),
    code("colocation", "add_visitor", "Status", "Error1", "no access to the colocation module"),
    code("colocation", "add_visitor", "Status", "Error2", "colocation visitor already exists"),
    code("colocation", "add_visitor", "Status", "Success1", "colocation visitor added"),
    code("colocation", "get_visitor", "Status", "Error1", "no access to the colocation module"),
    code("colocation", "get_visitor", "Status", "Error2", "colocation visitor not found"),
    code("colocation", "get_visitor", "Status", "Success1", "colocation visitor found"),
    code("colocation", "list_visitor", "Status", "Error1", "no access to the colocation module"),
    code("colocation", "list_visitor", "Status", "Success1", "colocation visitors retrieved"),
    code("colocation", "add_visit", "Status", "Error1", "no access to the colocation module"),
    code("colocation", "add_visit", "Status", "Error2", "an unknown error has occurred"),
    code("colocation", "add_visit", "Status", "Success1", "datacenter access requested"),
    code("colocation", "get_visit", "Status", "Error1", "no access to the colocation module"),
    code("colocation", "get_visit", "Status", "Error2", "datacenter access request not found"),
    code("colocation", "get_visit", "Status", "Success1", "datacenter access request found"),
    code("colocation", "list_visit", "Status", "Error1", "no access to the colocation module"),
    code("colocation", "list_visit", "Status", "Success1", "datacenter access requests retrieved"),
];

/// The English message of `code` in `field` of `call`. `Succes1` and
/// `Success1` find each other, since the document prints both.
pub fn message(call: &Call, field: &str, code: &str) -> Option<&'static str> {
    let code = code.trim();
    let other_spelling = match code.strip_prefix("Success") {
        Some(rest) => format!("Succes{rest}"),
        None => code.replacen("Succes", "Success", 1),
    };
    CODES
        .iter()
        .find(|c| {
            c.module == call.module
                && c.action == call.action
                && c.field == field
                && (c.code == code || c.code == other_spelling)
        })
        .map(|c| c.english)
}

/// `Error2: <English> (<Dutch description>)`, or the field first for an
/// `ActionN` block: `Action1 Error1: ...`. An undocumented code says so.
pub fn explain(call: &Call, field: &str, code: &str, description: Option<&str>) -> String {
    let english = message(call, field, code).unwrap_or("an undocumented code");
    let prefix = match field {
        "Status" => code.to_string(),
        step => format!("{step} {code}"),
    };
    match description.map(str::trim).filter(|d| !d.is_empty()) {
        Some(dutch) => format!("{prefix}: {english} ({dutch})"),
        None => format!("{prefix}: {english}"),
    }
}
