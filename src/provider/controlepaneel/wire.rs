//! The controlepaneel XML answers, typed exactly as the document prints
//! them (element names verbatim, digest §3), and the decoder that reads an
//! answer body into them.
//!
//! Reading rules (digest §1.3): the body is decoded as UTF-8 (Latin-1 when
//! its XML declaration says so, else lossily) and may hold several
//! top-level elements (the `<Account>`/`<Hash>` auth blocks next to the
//! action's element). Every leaf is an optional string, trimmed, and an
//! empty element is `None`; unknown elements are ignored wherever they
//! stand, also between list items, and missing ones are `None`. List
//! answers are read by the streaming reader in [`super::pull`], the rest by
//! serde. The `<Hash>` echo of the auth block and the personal `PersNumber`
//! (BSN) and `DateofBirth` of colocation visitors are deliberately not
//! read, so they cannot leak through `Debug`.

use super::pull::{serde_element, FlatItem, FromAnswer, Pull};
use regex::Regex;
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::sync::LazyLock;

// -- calls -------------------------------------------------------------------

/// One documented action: what to send as `Module`/`Action`, the root
/// element of its answer (digest §1.4; not derivable from the names), and
/// how many `ActionN` result blocks a complete answer carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Call {
    pub module: &'static str,
    pub action: &'static str,
    pub root: &'static str,
    /// `Action1`/`Action2` blocks the document shows (0 for reads).
    pub steps: u8,
}

const fn call(module: &'static str, action: &'static str, root: &'static str, steps: u8) -> Call {
    Call {
        module,
        action,
        root,
        steps,
    }
}

/// `servers/get_details`: the call as messages name it.
impl fmt::Display for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.module, self.action)
    }
}

impl Call {
    /// Whether the call changes something (never retried). Reads are the
    /// document's `check`, `get_*` and `list*`.
    pub fn mutates(&self) -> bool {
        !(self.action == "check"
            || self.action.starts_with("get_")
            || self.action.starts_with("list"))
    }
}

pub const DOMAINS_CHECK: Call = call("domains", "check", "Domains_Check", 0);
pub const DOMAINS_GET_DETAILS: Call = call("domains", "get_details", "Domains_Get_Details", 0);
pub const DOMAINS_EDIT_DETAILS: Call = call("domains", "edit_details", "Domains_Edit_Contacts", 2);
pub const DOMAINS_EDIT_DNS: Call = call("domains", "edit_dns", "Domains_Edit_DNS", 1);
pub const DOMAINS_REQUEST_EPP: Call = call("domains", "request_epp", "Domains_Request_EPP", 1);
pub const DOMAINS_EDIT_LOCK: Call = call("domains", "edit_lock", "Domains_Edit_Lock", 1);
pub const DOMAINS_CANCEL: Call = call("domains", "cancel", "Domains_Cancel", 1);
pub const DOMAINS_CANCEL_DIRECT: Call =
    call("domains", "cancel_direct", "Domains_Cancel_Direct", 1);
pub const DOMAINS_GET_HISTORY: Call = call("domains", "get_history", "Domains_Get_History", 0);
pub const DOMAINS_LIST: Call = call("domains", "list", "Domains_List", 0);
pub const DOMAINS_ADD_CONTACT: Call = call("domains", "add_contact", "Domains_Add_Contact", 0);
pub const DOMAINS_EDIT_CONTACT: Call = call("domains", "edit_contact", "Domains_Edit_Contact", 1);
pub const DOMAINS_DEL_CONTACT: Call = call("domains", "del_contact", "Domains_Del_Contact", 1);
pub const DOMAINS_GET_CONTACT: Call = call("domains", "get_contact", "Domains_Get_Contact", 0);
pub const DOMAINS_LIST_CONTACT: Call = call("domains", "list_contact", "Domains_List_Contact", 0);
pub const DOMAINS_ADD_TO_CART: Call = call("domains", "add_to_cart", "Domains_Add_To_Cart", 0);
pub const DOMAINS_ORDER_CART: Call = call("domains", "order_cart", "Domains_Order_Cart", 0);
pub const SERVERS_GET_DETAILS: Call = call("servers", "get_details", "Servers_Get_Details", 0);
pub const SERVERS_TRIGGER_REBOOT: Call =
    call("servers", "trigger_reboot", "Servers_Trigger_Reboot", 1);
pub const SERVERS_TRIGGER_POWERON: Call =
    call("servers", "trigger_poweron", "Servers_Trigger_PowerOn", 1);
pub const SERVERS_TRIGGER_POWEROFF: Call =
    call("servers", "trigger_poweroff", "Servers_Trigger_PowerOff", 1);
pub const SERVERS_LIST: Call = call("servers", "list", "Servers_List", 0);
pub const SERVERS_REQUEST_IP: Call = call("servers", "request_ip", "Servers_Request_IP", 1);
pub const SERVERS_GET_IP: Call = call("servers", "get_ip", "Servers_Get_IP", 0);
pub const SERVERS_EDIT_IP: Call = call("servers", "edit_ip", "Servers_Edit_IP", 1);
pub const SERVERS_LIST_IP: Call = call("servers", "list_ip", "Servers_List_IP", 0);
pub const SERVERS_GET_MON: Call = call("servers", "get_mon", "Servers_Get_Mon", 0);
pub const SERVERS_GET_MON_HISTORY: Call =
    call("servers", "get_mon_history", "Servers_Get_Mon_History", 0);
pub const SERVERS_LIST_MON: Call = call("servers", "list_mon", "Servers_List_Mon", 0);
pub const COLOCATION_ADD_VISITOR: Call =
    call("colocation", "add_visitor", "Colocation_Add_Visitor", 0);
pub const COLOCATION_GET_VISITOR: Call =
    call("colocation", "get_visitor", "Colocation_Get_Visitor", 0);
pub const COLOCATION_LIST_VISITOR: Call =
    call("colocation", "list_visitor", "Colocation_List_Visitor", 0);
pub const COLOCATION_ADD_VISIT: Call = call("colocation", "add_visit", "Colocation_Add_Visit", 0);
pub const COLOCATION_GET_VISIT: Call = call("colocation", "get_visit", "Colocation_Get_Visit", 0);
pub const COLOCATION_LIST_VISIT: Call =
    call("colocation", "list_visit", "Colocation_List_Visit", 0);

/// All 35 documented actions, in the document's order.
pub const ALL_CALLS: [Call; 35] = [
    DOMAINS_CHECK,
    DOMAINS_GET_DETAILS,
    DOMAINS_EDIT_DETAILS,
    DOMAINS_EDIT_DNS,
    DOMAINS_REQUEST_EPP,
    DOMAINS_EDIT_LOCK,
    DOMAINS_CANCEL,
    DOMAINS_CANCEL_DIRECT,
    DOMAINS_GET_HISTORY,
    DOMAINS_LIST,
    DOMAINS_ADD_CONTACT,
    DOMAINS_EDIT_CONTACT,
    DOMAINS_DEL_CONTACT,
    DOMAINS_GET_CONTACT,
    DOMAINS_LIST_CONTACT,
    DOMAINS_ADD_TO_CART,
    DOMAINS_ORDER_CART,
    SERVERS_GET_DETAILS,
    SERVERS_TRIGGER_REBOOT,
    SERVERS_TRIGGER_POWERON,
    SERVERS_TRIGGER_POWEROFF,
    SERVERS_LIST,
    SERVERS_REQUEST_IP,
    SERVERS_GET_IP,
    SERVERS_EDIT_IP,
    SERVERS_LIST_IP,
    SERVERS_GET_MON,
    SERVERS_GET_MON_HISTORY,
    SERVERS_LIST_MON,
    COLOCATION_ADD_VISITOR,
    COLOCATION_GET_VISITOR,
    COLOCATION_LIST_VISITOR,
    COLOCATION_ADD_VISIT,
    COLOCATION_GET_VISIT,
    COLOCATION_LIST_VISIT,
];

// -- status codes ----------------------------------------------------------

/// What a `Status` code says about a step (digest §1.3 success rule).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Starts with `Succes` (covers the document's `Succes1` spelling).
    Succeeded(String),
    /// Starts with `Error`.
    Failed(String),
    /// Anything else, or missing: the outcome is not known.
    Unknown(Option<String>),
}

impl Step {
    pub fn of(code: Option<&str>) -> Step {
        match code.map(str::trim) {
            Some(code) if code.starts_with("Succes") => Step::Succeeded(code.to_string()),
            Some(code) if code.starts_with("Error") => Step::Failed(code.to_string()),
            other => Step::Unknown(other.map(str::to_string)),
        }
    }
}

/// The status part every answer has, and its `ActionN` result blocks.
pub trait Reply {
    fn status(&self) -> Option<&str>;
    fn description(&self) -> Option<&str>;
    /// Each `ActionN` result block present, in order.
    fn steps(&self) -> Vec<StepResult<'_>>;
}

/// One `ActionN` block of an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepResult<'a> {
    /// `Action1` or `Action2`.
    pub label: &'static str,
    pub status: Option<&'a str>,
    pub description: Option<&'a str>,
}

// -- leaves and lists ------------------------------------------------------

/// A leaf: trimmed text, `None` when empty or missing. One allocation,
/// and none for an empty element.
fn leaf<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_str(LeafVisitor)
}

struct LeafVisitor;

impl<'de> Visitor<'de> for LeafVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text")
    }
    fn visit_str<E>(self, text: &str) -> Result<Option<String>, E> {
        let text = text.trim();
        Ok((!text.is_empty()).then(|| text.to_string()))
    }
    fn visit_none<E>(self) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Option<String>, E> {
        Ok(None)
    }
}

/// Declares a wire struct: `field: "Element"` is an optional leaf,
/// `field: "Element" => Type` a nested block. Missing elements take their
/// default, unknown ones are ignored.
macro_rules! wire_struct {
    ($(#[$m:meta])* pub struct $name:ident { $($body:tt)* }) => {
        wire_struct!(@munch [$(#[$m])*] $name [] $($body)*);
    };
    (@munch $m:tt $name:ident [$($done:tt)*]
        $(#[$fm:meta])* $field:ident: $elem:literal, $($rest:tt)*) => {
        wire_struct!(@munch $m $name [$($done)*
            $(#[$fm])* #[serde(rename = $elem, deserialize_with = "leaf")]
            pub $field: Option<String>,
        ] $($rest)*);
    };
    (@munch $m:tt $name:ident [$($done:tt)*]
        $(#[$fm:meta])* $field:ident: $elem:literal => $ty:ty, $($rest:tt)*) => {
        wire_struct!(@munch $m $name [$($done)*
            $(#[$fm])* #[serde(rename = $elem)]
            pub $field: $ty,
        ] $($rest)*);
    };
    (@munch [$($m:tt)*] $name:ident [$($done:tt)*]) => {
        $($m)*
        #[derive(Clone, Debug, Default, PartialEq, Deserialize)]
        #[serde(default)]
        pub struct $name { $($done)* }
    };
}

/// Implements [`Reply`] for an answer with `status`/`description` fields
/// and the named `ActionN` fields, and reads it with serde.
macro_rules! reply {
    ($name:ident $(, $step:ident = $label:literal)*) => {
        reply!(@steps $name $(, $step = $label)*);
        impl FromAnswer for $name {
            fn from_answer(pull: &mut Pull<'_>) -> Result<Self, WireError> {
                serde_element(pull.element_text()?)
            }
        }
    };
    (@steps $name:ident $(, $step:ident = $label:literal)*) => {
        impl Reply for $name {
            fn status(&self) -> Option<&str> {
                self.status.as_deref()
            }
            fn description(&self) -> Option<&str> {
                self.description.as_deref()
            }
            fn steps(&self) -> Vec<StepResult<'_>> {
                #[allow(unused_mut)]
                let mut steps = Vec::new();
                $(
                if let Some(block) = &self.$step {
                    steps.push(StepResult {
                        label: $label,
                        status: block.status.as_deref(),
                        description: block.description.as_deref(),
                    });
                }
                )*
                steps
            }
        }
    };
}

/// Declares a list item whose fields are all leaves, readable both by
/// serde and by the pull reader.
macro_rules! flat_item {
    ($(#[$m:meta])* pub struct $name:ident { $($(#[$fm:meta])* $field:ident: $elem:literal,)* }) => {
        wire_struct! { $(#[$m])* pub struct $name { $($(#[$fm])* $field: $elem,)* } }
        impl FlatItem for $name {
            fn field(&mut self, element: &[u8]) -> Option<&mut Option<String>> {
                match element {
                    $(e if e == $elem.as_bytes() => Some(&mut self.$field),)*
                    _ => None,
                }
            }
        }
    };
}

/// Declares a list answer: `Status`, `Description` and lists of flat
/// items. It is read by the pull reader, so a list of 10,000 items costs no
/// serde machinery; the serde derive stays for nested use and tests.
macro_rules! list_answer {
    ($(#[$m:meta])* pub struct $name:ident {
        $($(#[$fm:meta])* $field:ident: $elem:literal => List<$item:ty>,)+
    }) => {
        wire_struct! {
            $(#[$m])* pub struct $name {
                status: "Status",
                description: "Description",
                $($(#[$fm])* $field: $elem => List<$item>,)+
            }
        }
        reply!(@steps $name);
        impl FromAnswer for $name {
            fn from_answer(pull: &mut Pull<'_>) -> Result<Self, WireError> {
                let mut answer = Self::default();
                while let Some(name) = pull.next_child()? {
                    match name {
                        b"Status" => answer.status = pull.leaf()?,
                        b"Description" => answer.description = pull.leaf()?,
                        $(e if e == $elem.as_bytes() => answer.$field.items = pull.items()?,)+
                        _ => pull.skip()?,
                    }
                }
                Ok(answer)
            }
        }
    };
}

/// A list container: one `<Item>` per entry (the document's shape for
/// every list). Other elements between the items are skipped.
#[derive(Clone, Debug, PartialEq)]
pub struct List<T> {
    pub items: Vec<T>,
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List { items: Vec::new() }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ListVisitor(PhantomData))
    }
}

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = List<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of <Item> elements")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<List<T>, A::Error> {
        let mut items = Vec::new();
        while let Some(name) = map.next_key::<Cow<'de, str>>()? {
            if name == "Item" {
                items.push(map.next_value()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(List { items })
    }
}

wire_struct! {
    /// `<Action1>`/`<Action2>`: the result of one step of a mutation.
    pub struct ActionBlock {
        status: "Status",
        description: "Description",
    }
}

// -- auth ------------------------------------------------------------------

wire_struct! {
    /// The `<Account>` or `<Hash>` block (L68-L82). The `<Hash>` echo in
    /// its `<Input>` is never read.
    pub struct AuthBlock {
        status: "Status",
        description: "Description",
        input: "Input" => AuthInput,
    }
}

wire_struct! {
    pub struct AuthInput {
        account: "Account",
        /// The caller's IP as the API saw it.
        ip: "IP",
    }
}

// -- shared inputs ---------------------------------------------------------

wire_struct! {
    pub struct SldTld {
        sld: "SLD",
        tld: "TLD",
    }
}

wire_struct! {
    pub struct IdentifierInput {
        identifier: "Identifier",
    }
}

wire_struct! {
    pub struct HandleInput {
        handle_identifier: "HandleIdentifier",
    }
}

flat_item! {
    /// A domain contact, wherever one appears: the add/edit `<Input>` echo
    /// (Sex/Initials/SurName), the get_contact `<Output>` (Gender/FirstName/
    /// LastName) and the list_contact `<Item>` (Initials/SurName). Both
    /// spellings are kept; the accessors prefer the input names.
    pub struct ContactData {
        handle_identifier: "HandleIdentifier",
        handle: "Handle",
        company_name: "CompanyName",
        company_number: "CompanyNumber",
        legal_form: "LegalForm",
        tax_number: "TaxNumber",
        gender: "Gender",
        sex: "Sex",
        first_name: "FirstName",
        initials: "Initials",
        last_name: "LastName",
        sur_name: "SurName",
        address: "Address",
        zip_code: "ZipCode",
        city: "City",
        country: "Country",
        email_address: "EmailAddress",
        phone_number: "PhoneNumber",
        fax_number: "FaxNumber",
    }
}

impl ContactData {
    /// `Gender`, or its echo alias `Sex`.
    pub fn gender_any(&self) -> Option<&str> {
        self.gender.as_deref().or(self.sex.as_deref())
    }

    /// `FirstName`, or its alias `Initials`.
    pub fn first_name_any(&self) -> Option<&str> {
        self.first_name.as_deref().or(self.initials.as_deref())
    }

    /// `LastName`, or its alias `SurName`.
    pub fn last_name_any(&self) -> Option<&str> {
        self.last_name.as_deref().or(self.sur_name.as_deref())
    }
}

// -- domains ---------------------------------------------------------------

wire_struct! {
    /// `domains check` (L102-L109).
    pub struct DomainsCheck {
        status: "Status",
        description: "Description",
        input: "Input" => SldTld,
    }
}
reply!(DomainsCheck);

wire_struct! {
    /// `domains get_details` (L125-L155). No `<Input>` echo.
    pub struct DomainsGetDetails {
        status: "Status",
        description: "Description",
        general: "General" => DomainGeneral,
        dns: "DNS" => DomainDns,
        contacts: "Contacts" => DomainContacts,
        contract: "Contract" => DomainContract,
    }
}
reply!(DomainsGetDetails);

wire_struct! {
    pub struct DomainGeneral {
        identifier: "Identifier",
        domain: "Domain",
        /// Mixed case, unlike `TLD` elsewhere.
        tld: "Tld",
        registration_date: "RegistrationDate",
        expiration_date: "ExpirationDate",
        lock_status: "LockStatus",
        /// The domain's status (not the status code).
        status: "Status",
    }
}

wire_struct! {
    pub struct DomainDns {
        dns1: "DNS1",
        dns2: "DNS2",
        dns3: "DNS3",
    }
}

wire_struct! {
    pub struct DomainContacts {
        owner_handle: "OwnerHandle",
        admin_handle: "AdminHandle",
        tech_handle: "TechHandle",
    }
}

wire_struct! {
    pub struct DomainContract {
        price_excl: "PriceExcl",
        period: "Period",
        start_contract: "StartContract",
        end_contract: "EndContract",
        next_date: "NextDate",
        termination_date: "TerminationDate",
    }
}

wire_struct! {
    /// `domains edit_details`; its root is `<Domains_Edit_Contacts>` (L178-L196).
    pub struct DomainsEditContacts {
        status: "Status",
        description: "Description",
        input: "Input" => EditContactsInput,
        /// The change as stored by the provider.
        action1: "Action1" => Option<ActionBlock>,
        /// The change at the registrar.
        action2: "Action2" => Option<ActionBlock>,
    }
}
reply!(
    DomainsEditContacts,
    action1 = "Action1",
    action2 = "Action2"
);

wire_struct! {
    pub struct EditContactsInput {
        sld: "SLD",
        tld: "TLD",
        owner_handle: "OwnerHandle",
        admin_handle: "AdminHandle",
        tech_handle: "TechHandle",
    }
}

wire_struct! {
    /// `domains edit_dns` (L217-L231).
    pub struct DomainsEditDns {
        status: "Status",
        description: "Description",
        input: "Input" => DnsInput,
        action1: "Action1" => Option<ActionBlock>,
    }
}
reply!(DomainsEditDns, action1 = "Action1");

wire_struct! {
    pub struct DnsInput {
        sld: "SLD",
        tld: "TLD",
        dns1: "DNS1",
        dns2: "DNS2",
        dns3: "DNS3",
    }
}

wire_struct! {
    /// The shape shared by `request_epp`, `edit_lock`, `cancel` and
    /// `cancel_direct` (`<Domains_Request_EPP>`, `<Domains_Edit_Lock>`,
    /// `<Domains_Cancel>`, `<Domains_Cancel_Direct>`).
    pub struct DomainStep {
        status: "Status",
        description: "Description",
        input: "Input" => SldTld,
        action1: "Action1" => Option<ActionBlock>,
    }
}
reply!(DomainStep, action1 = "Action1");

wire_struct! {
    /// `domains get_history` (L367-L382).
    pub struct DomainsGetHistory {
        status: "Status",
        description: "Description",
        input: "Input" => SldTld,
        results: "Results" => List<HistoryItem>,
    }
}
reply!(DomainsGetHistory);

wire_struct! {
    pub struct HistoryItem {
        /// A data field, unrelated to the request variable `Action`.
        action: "Action",
        response: "Response",
        processed: "Processed",
        date: "Date",
    }
}

list_answer! {
    /// `domains list` (L393-L406).
    pub struct DomainsList {
        domains: "Domains" => List<DomainsListItem>,
    }
}

flat_item! {
    pub struct DomainsListItem {
        identifier: "Identifier",
        sld: "SLD",
        tld: "TLD",
        registration_date: "RegistrationDate",
        termination_date: "TerminationDate",
        status: "Status",
    }
}

wire_struct! {
    /// `domains add_contact` (L434-L456).
    pub struct DomainsAddContact {
        status: "Status",
        description: "Description",
        input: "Input" => ContactData,
        output: "Output" => HandleInput,
    }
}
reply!(DomainsAddContact);

wire_struct! {
    /// `domains edit_contact` (L487-L511): `<Input>` sits inside `<Action1>`.
    pub struct DomainsEditContact {
        status: "Status",
        description: "Description",
        action1: "Action1" => Option<EditContactStep>,
    }
}

reply!(DomainsEditContact, action1 = "Action1");

wire_struct! {
    /// `edit_contact`'s `<Action1>`: a result block with the `<Input>` echo inside.
    pub struct EditContactStep {
        status: "Status",
        description: "Description",
        input: "Input" => ContactData,
    }
}

wire_struct! {
    /// `domains del_contact` (L528-L538).
    pub struct DomainsDelContact {
        status: "Status",
        description: "Description",
        input: "Input" => HandleInput,
        action1: "Action1" => Option<ActionBlock>,
    }
}
reply!(DomainsDelContact, action1 = "Action1");

wire_struct! {
    /// `domains get_contact` (L553-L576).
    pub struct DomainsGetContact {
        status: "Status",
        description: "Description",
        input: "Input" => HandleInput,
        output: "Output" => ContactData,
    }
}
reply!(DomainsGetContact);

list_answer! {
    /// `domains list_contact` (L588-L600).
    pub struct DomainsListContact {
        results: "Results" => List<ContactData>,
    }
}

wire_struct! {
    /// `domains add_to_cart` (L628-L642).
    pub struct DomainsAddToCart {
        status: "Status",
        description: "Description",
        input: "Input" => CartInput,
    }
}
reply!(DomainsAddToCart);

wire_struct! {
    pub struct CartInput {
        sld: "SLD",
        tld: "TLD",
        epp: "EPP",
        owner_handle: "OwnerHandle",
        admin_handle: "AdminHandle",
        tech_handle: "TechHandle",
        dns1: "DNS1",
        dns2: "DNS2",
        dns3: "DNS3",
    }
}

wire_struct! {
    /// `domains order_cart` (L656-L659).
    pub struct DomainsOrderCart {
        status: "Status",
        description: "Description",
    }
}
reply!(DomainsOrderCart);

// -- servers ---------------------------------------------------------------

wire_struct! {
    /// `servers get_details` (L674-L734).
    pub struct ServersGetDetails {
        status: "Status",
        description: "Description",
        input: "Input" => IdentifierInput,
        general: "General" => ServerGeneral,
        cabinet_power_usage: "Cabinet_Power_Usage" => Option<CabinetPowerUsage>,
        virtual_usage: "Virtual_Usage" => Option<VirtualUsage>,
        connectivity: "Connectivity" => Connectivity,
        hardware: "Hardware" => Hardware,
        software: "Software" => Software,
    }
}
reply!(ServersGetDetails);

wire_struct! {
    pub struct ServerGeneral {
        server_type: "Type",
        name: "Name",
        /// Lower-case `a`, unlike `IPv4Address` in `servers list`.
        ipv4_address: "IPv4address",
        ipv6_address: "IPv6address",
        location: "Location",
        units: "Units",
        contract_date: "ContractDate",
        payment_term: "PaymentTerm",
        contract_term: "ContractTerm",
        /// The server's status (not the status code).
        status: "Status",
    }
}

wire_struct! {
    pub struct CabinetPowerUsage {
        amp_feed_a: "Amp_Feed_A",
        amp_feed_b: "Amp_Feed_B",
        kwh_feed_a: "kWh_Feed_A",
        kwh_feed_a_total: "kWh_Feed_A_Total",
        kwh_feed_b: "kWh_Feed_B",
        kwh_feed_b_total: "kWh_Feed_B_Total",
    }
}

wire_struct! {
    pub struct VirtualUsage {
        disk: "Disk" => Usage,
        traffic: "Traffic" => Usage,
        memory: "Memory" => Usage,
    }
}

wire_struct! {
    pub struct Usage {
        assigned: "Assigned",
        used: "Used",
        available: "Available",
    }
}

wire_struct! {
    pub struct Connectivity {
        traffic: "Traffic",
        nic: "NIC",
        power_outlets: "PowerOutlets",
        reboot_outlets: "RebootOutlets",
        kvm_outlets: "KVMOutlets",
    }
}

wire_struct! {
    pub struct Hardware {
        processor: "Processor",
        memory: "Memory",
        disk: "Disk",
        raid_controller: "RAIDController",
    }
}

wire_struct! {
    pub struct Software {
        operating_system: "OperatingSystem",
        control_panel: "ControlPanel",
    }
}

wire_struct! {
    /// The shape shared by `trigger_reboot`, `trigger_poweron` and
    /// `trigger_poweroff` (`<Servers_Trigger_Reboot>`, `<..._PowerOn>`, `<..._PowerOff>`).
    pub struct ServerTrigger {
        status: "Status",
        description: "Description",
        input: "Input" => IdentifierInput,
        action1: "Action1" => Option<ActionBlock>,
    }
}
reply!(ServerTrigger, action1 = "Action1");

list_answer! {
    /// `servers list` (L826-L837).
    pub struct ServersList {
        servers: "Servers" => List<ServersListItem>,
    }
}

flat_item! {
    pub struct ServersListItem {
        identifier: "Identifier",
        name: "Name",
        /// Upper-case `A`, unlike `IPv4address` in `get_details`.
        ipv4_address: "IPv4Address",
        server_type: "Type",
    }
}

wire_struct! {
    /// `servers request_ip` (L858-L871).
    pub struct ServersRequestIp {
        status: "Status",
        description: "Description",
        input: "Input" => RequestIpInput,
        action1: "Action1" => Option<ActionBlock>,
    }
}
reply!(ServersRequestIp, action1 = "Action1");

wire_struct! {
    pub struct RequestIpInput {
        identifier: "Identifier",
        ip_type: "Type",
        count: "Count",
        reason: "Reason",
    }
}

wire_struct! {
    /// `servers get_ip` (L886-L903): `<Remarks>` sits outside `<General>`.
    pub struct ServersGetIp {
        status: "Status",
        description: "Description",
        input: "Input" => IpInput,
        general: "General" => IpGeneral,
        remarks: "Remarks",
    }
}
reply!(ServersGetIp);

wire_struct! {
    pub struct IpInput {
        ip: "IP",
    }
}

wire_struct! {
    pub struct IpGeneral {
        server_identifier: "ServerIdentifier",
        ip_type: "Type",
        ip: "IP",
        subnet: "Subnet",
        gateway: "Gateway",
        dns1: "DNS1",
        dns2: "DNS2",
        ptr_record: "PTRRecord",
    }
}

wire_struct! {
    /// `servers edit_ip` (L921-L933).
    pub struct ServersEditIp {
        status: "Status",
        description: "Description",
        input: "Input" => EditIpInput,
        action1: "Action1" => Option<ActionBlock>,
    }
}
reply!(ServersEditIp, action1 = "Action1");

wire_struct! {
    pub struct EditIpInput {
        ip: "IP",
        ptr_record: "PTRRecord",
        remarks: "Remarks",
    }
}

list_answer! {
    /// `servers list_ip` (L944-L963).
    pub struct ServersListIp {
        ipv4_addresses: "IPv4_Addresses" => List<IpListItem>,
        ipv6_addresses: "IPv6_Addresses" => List<IpListItem>,
    }
}

flat_item! {
    pub struct IpListItem {
        identifier: "Identifier",
        server_identifier: "ServerIdentifier",
        ip: "IP",
        ptr_record: "PTRRecord",
    }
}

wire_struct! {
    /// `servers get_mon` (L978-L1020).
    pub struct ServersGetMon {
        status: "Status",
        description: "Description",
        input: "Input" => IdentifierInput,
        general: "General" => MonGeneral,
        load_monitor: "LoadMonitor" => LoadMonitor,
        ports: "Ports" => List<PortItem>,
        contacts: "Contacts" => List<MonContact>,
    }
}
reply!(ServersGetMon);

wire_struct! {
    pub struct MonGeneral {
        server_identifier: "ServerIdentifier",
        name: "Name",
        /// `IP_Address` here, `IPAddress` in `list_mon`.
        ip_address: "IP_Address",
        status: "Status",
        max_ports: "Max_Ports",
        max_contacts: "Max_Contacts",
        date_last_check: "Date_Last_Check",
    }
}

wire_struct! {
    pub struct LoadMonitor {
        status: "Status",
        load_current: "Load_Current",
        load_threshold: "Load_Threshold",
        load_high_24h: "Load_High_24h",
        load_high_7d: "Load_High_7d",
        load_high_1m: "Load_High_1m",
    }
}

wire_struct! {
    pub struct PortItem {
        port: "Port",
        checks_up: "Checks_Up",
        checks_up_percentage: "Checks_Up_Percentage",
        checks_down: "Checks_Down",
        checks_down_percentage: "Checks_Down_Percentage",
        status: "Status",
    }
}

wire_struct! {
    pub struct MonContact {
        identifier: "Identifier",
        first_name: "FirstName",
        last_name: "LastName",
        email_address: "EmailAddress",
        phone_number: "PhoneNumber",
    }
}

wire_struct! {
    /// `servers get_mon_history` (L1035-L1051).
    pub struct ServersGetMonHistory {
        status: "Status",
        description: "Description",
        input: "Input" => IdentifierInput,
        output: "Output" => List<MonHistoryItem>,
    }
}
reply!(ServersGetMonHistory);

wire_struct! {
    pub struct MonHistoryItem {
        identifier: "Identifier",
        contact_identifier: "ContactIdentifier",
        port: "Port",
        status: "Status",
        alert_type: "AlertType",
        date: "Date",
    }
}

list_answer! {
    /// `servers list_mon` (L1062-L1074).
    pub struct ServersListMon {
        monitoring_profiles: "Monitoring_Profiles" => List<MonProfileItem>,
    }
}

flat_item! {
    pub struct MonProfileItem {
        identifier: "Identifier",
        name: "Name",
        ip_address: "IPAddress",
        server_identifier: "ServerIdentifier",
        status: "Status",
    }
}

// -- colocation ------------------------------------------------------------

wire_struct! {
    /// A visitor's data (add_visitor `<Input>`, get_visitor `<General>`).
    /// `DateofBirth` and `PersNumber` (BSN) are personal data the console
    /// never shows: they are deliberately not read.
    pub struct VisitorData {
        first_name: "FirstName",
        last_name: "LastName",
        phone_number: "PhoneNumber",
        email_address: "EmailAddress",
        country: "Country",
        scan_date: "ScanDate",
        /// 241 = NedZone, 242 = SmartDC, 243 = EvoSwitch.
        location: "Location",
    }
}

wire_struct! {
    /// `colocation add_visitor` (L1098-L1112).
    pub struct ColocationAddVisitor {
        status: "Status",
        description: "Description",
        input: "Input" => VisitorData,
    }
}
reply!(ColocationAddVisitor);

wire_struct! {
    /// `colocation get_visitor` (L1128-L1155).
    pub struct ColocationGetVisitor {
        status: "Status",
        description: "Description",
        input: "Input" => IdentifierInput,
        general: "General" => VisitorData,
        access: "Access" => VisitorAccess,
        logging: "Logging" => List<VisitorLogItem>,
    }
}
reply!(ColocationGetVisitor);

wire_struct! {
    pub struct VisitorAccess {
        fingerprint_identifier: "FingerprintIdentifier",
        status: "Status",
    }
}

wire_struct! {
    pub struct VisitorLogItem {
        timestamp: "Timestamp",
        action: "Action",
    }
}

list_answer! {
    /// `colocation list_visitor` (L1167-L1179).
    pub struct ColocationListVisitor {
        visitors: "Visitors" => List<VisitorListItem>,
    }
}

flat_item! {
    pub struct VisitorListItem {
        identifier: "Identifier",
        first_name: "FirstName",
        last_name: "LastName",
        location: "Location",
        status: "Status",
    }
}

wire_struct! {
    /// `colocation add_visit` (L1201-L1216).
    pub struct ColocationAddVisit {
        status: "Status",
        description: "Description",
        input: "Input" => VisitData,
        output: "Output" => VisitKeyOutput,
    }
}
reply!(ColocationAddVisit);

wire_struct! {
    /// A visit's data (add_visit `<Input>`, get_visit `<General>`).
    pub struct VisitData {
        visit_key: "VisitKey",
        date_arrival: "DateArrival",
        term: "Term",
        reason: "Reason",
        /// Comma-separated FingerprintIdentifiers.
        visitor_identifiers: "VisitorIdentifiers",
        guest1: "Guest1",
        guest2: "Guest2",
        guest3: "Guest3",
    }
}

wire_struct! {
    pub struct VisitKeyOutput {
        visit_key: "VisitKey",
    }
}

wire_struct! {
    /// `colocation get_visit` (L1232-L1248): `<Reason>` sits outside `<General>`.
    pub struct ColocationGetVisit {
        status: "Status",
        description: "Description",
        input: "Input" => IdentifierInput,
        general: "General" => VisitData,
        reason: "Reason",
    }
}
reply!(ColocationGetVisit);

list_answer! {
    /// `colocation list_visit` (L1260-L1271).
    pub struct ColocationListVisit {
        visits: "Visits" => List<VisitListItem>,
    }
}

flat_item! {
    pub struct VisitListItem {
        identifier: "Identifier",
        date_arrival: "DateArrival",
        visit_key: "VisitKey",
        term: "Term",
    }
}

// -- decoding --------------------------------------------------------------

pub use super::error::{AuthFailure, WireError};

/// Reads an answer to `call` into `T`: checks the auth blocks first (an
/// `<Account>`/`<Hash>` block with an `Error` status, or one that stands in
/// place of the action's element, is [`WireError::Auth`]), then reads the
/// element named `call.root`. The answer may hold several top-level
/// elements (the auth blocks next to the action's element).
pub fn parse<T: FromAnswer>(body: &[u8], call: &Call) -> Result<T, WireError> {
    let text = decode_text(body);
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(WireError::Empty);
    }
    let mut pull = Pull::new(text);
    let mut top = Top {
        account: None,
        hash: None,
        answer: None,
        others: Vec::new(),
    };
    while let Some(name) = pull.next_child()? {
        match name {
            b"Account" if top.account.is_none() => {
                top.account = Some(serde_element(pull.element_text()?)?)
            }
            b"Hash" if top.hash.is_none() => top.hash = Some(serde_element(pull.element_text()?)?),
            root if root == call.root.as_bytes() && top.answer.is_none() => {
                top.answer = Some(T::from_answer(&mut pull)?)
            }
            other => {
                pull.skip()?;
                top.note_other(&String::from_utf8_lossy(other));
            }
        }
    }
    if pull.saw_text {
        top.note_other("text");
    }
    top.into_answer(call.root)
}

/// A `domains list` answer's items: the call the benchmark times on a
/// 10,000-domain account.
pub fn parse_domains_list(body: &[u8]) -> Result<Vec<DomainsListItem>, WireError> {
    parse::<DomainsList>(body, &DOMAINS_LIST).map(|list| list.domains.items)
}

/// The body as text: UTF-8; Latin-1 when invalid UTF-8 declares
/// ISO-8859-1 or windows-1252; else UTF-8 with invalid bytes replaced.
pub fn decode_text(body: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(body) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) if declares_latin1(body) => Cow::Owned(body.iter().map(|&b| b as char).collect()),
        Err(_) => String::from_utf8_lossy(body),
    }
}

/// Whether the XML declaration names a single-byte Western encoding.
fn declares_latin1(body: &[u8]) -> bool {
    let head = &body[..body.len().min(200)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let Some(end) = head.find("?>") else {
        return false;
    };
    let declaration = &head[..end];
    declaration.contains("<?xml")
        && [
            "iso-8859-1",
            "iso-8859-15",
            "latin1",
            "latin-1",
            "windows-1252",
        ]
        .iter()
        .any(|name| declaration.contains(name))
}

/// The top-level elements of an answer, sorted into auth blocks, the
/// action's element and anything else.
struct Top<T> {
    account: Option<AuthBlock>,
    hash: Option<AuthBlock>,
    answer: Option<T>,
    others: Vec<String>,
}

impl<T> Top<T> {
    fn into_answer(self, root: &'static str) -> Result<T, WireError> {
        let refused = [("Account", &self.account), ("Hash", &self.hash)]
            .into_iter()
            .filter_map(|(name, block)| block.as_ref().map(|b| (name, b)))
            .find(|(_, block)| {
                self.answer.is_none()
                    || matches!(Step::of(block.status.as_deref()), Step::Failed(_))
            });
        if let Some((name, block)) = refused {
            return Err(WireError::Auth(AuthFailure {
                block: name,
                status: block.status.clone(),
                description: block.description.clone(),
                ip: block.input.ip.clone(),
            }));
        }
        self.answer.ok_or(WireError::UnexpectedRoot {
            expected: root,
            found: self.others,
        })
    }
}

impl<T> Top<T> {
    /// Remembers an unexpected top-level element (or text) for the error.
    fn note_other(&mut self, name: &str) {
        const MAX_NAMED: usize = 5;
        if self.others.len() < MAX_NAMED && !self.others.iter().any(|n| n == name) {
            self.others.push(name.chars().take(40).collect());
        }
    }
}

// -- redaction ---------------------------------------------------------------

/// Elements whose text never goes into a message: the `<Hash>` echo of the
/// auth block (the secret), and a visitor's BSN and date of birth.
const REDACTED_ELEMENTS: &str = "Hash|PersNumber|DateofBirth";

/// `text` with the content of every `<Hash>`, `<PersNumber>` and
/// `<DateofBirth>` element replaced by `[redacted]`, including one cut off
/// at the end of a truncated body. Call before any body text reaches an
/// error message.
pub fn redact_echoes(text: &str) -> String {
    static CLOSED: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?is)<({REDACTED_ELEMENTS})(\s[^>]*)?>(?:[^<]|<!\[CDATA\[.*?\]\]>)*</(?:{REDACTED_ELEMENTS})\s*>"
        ))
        .ok()
    });
    static OPEN: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(&format!(r"(?is)<({REDACTED_ELEMENTS})(\s[^>]*)?>[^<]*$")).ok()
    });
    let (Some(closed), Some(open)) = (CLOSED.as_ref(), OPEN.as_ref()) else {
        return "[answer withheld: it may hold a secret]".into();
    };
    let text = closed.replace_all(text, "<$1>[redacted]</$1>");
    open.replace_all(&text, "<$1>[redacted]").into_owned()
}
