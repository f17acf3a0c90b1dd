//! controlepaneel wire format: every documented answer (the 35 action
//! examples and the two-root auth example) parses into the wire types, every
//! documented leaf reaches a field, the document's oddities are handled,
//! filled-in answers map to the model, and no input makes the decoder panic
//! or put the Hash into an error.

use crate::support::detail;
use hostdeck::model::{Action, PowerState};
use hostdeck::provider::controlepaneel::codes;
use hostdeck::provider::controlepaneel::map::{self, Monitor, ServerParts};
use hostdeck::provider::controlepaneel::pull::{serde_element, FromAnswer};
use hostdeck::provider::controlepaneel::wire::{self, Call, Reply, Step, WireError};
use hostdeck::provider::lenient::{days_from_civil, parse_date, readable_date};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::fmt::Debug;

/// The auth example (L68-L82): two top-level elements, verbatim.
const AUTH_EXAMPLE: &str = r#"<Account>
	<Status></Status>
	<Description></Description>
	<Input>
		<Account></Account>
	</Input>
</Account>
<Hash>
	<Status></Status>
	<Description></Description>
	<Input>
		<IP></IP>
		<Hash></Hash>
	</Input>
</Hash>"#;

/// Every action's example response, verbatim from the document (digest §3), in the document's order.
const EXAMPLES: [(Call, &str); 35] = [
    (
        wire::DOMAINS_CHECK,
        r#"<Domains_Check>
	<Status></Status>
	<Description></Description>
	<Input>
		<SLD></SLD>
		<TLD></TLD>
	</Input>
</Domains_Check>"#,
    ),
    (
        wire::DOMAINS_GET_DETAILS,
        r#"<Domains_Get_Details>
	<Status></Status>
	<Description></Description>
	<General>
		<Identifier></Identifier>
		<Domain></Domain>
		<Tld></Tld>
		<RegistrationDate></RegistrationDate>
		<ExpirationDate></ExpirationDate>
		<LockStatus></LockStatus>
		<Status></Status>
	</General>
	<DNS>
		<DNS1></DNS1>
		<DNS2></DNS2>
		<DNS3></DNS3>
	</DNS>
	<Contacts>
		<OwnerHandle></OwnerHandle>
		<AdminHandle></AdminHandle>
		<TechHandle></TechHandle>
	</Contacts>
	<Contract>
		<PriceExcl></PriceExcl>
		<Period></Period>
		<StartContract></StartContract>
		<EndContract></EndContract>
		<NextDate></NextDate>
		<TerminationDate></TerminationDate>
	</Contract>
</Domains_Get_Details>"#,
    ),
    (
        wire::DOMAINS_EDIT_DETAILS,
        r#"<Domains_Edit_Contacts>
	<Status></Status>
	<Description></Description>
	<Input>
		<SLD></SLD>
		<TLD></TLD>
		<OwnerHandle></OwnerHandle>
		<AdminHandle></AdminHandle>
		<TechHandle></TechHandle>
	</Input>
	<Action1>
		<Status></Status>
		<Description></Description>
	</Action1>
	<Action2>
		<Status></Status>
		<Description></Description>
	</Action2>
</Domains_Edit_Contacts>"#,
    ),
    (
        wire::DOMAINS_EDIT_DNS,
        r#"<Domains_Edit_DNS>
	<Status></Status>
	<Description></Description>
	<Input>
		<SLD></SLD>
		<TLD></TLD>
		<DNS1></DNS1>
		<DNS2></DNS2>
		<DNS3></DNS3>
	</Input>
	<Action1>
		<Status></Status>
		<Description></Description>
	</Action1>
</Domains_Edit_DNS>"#,
    ),
    (
        wire::DOMAINS_REQUEST_EPP,
        r#"<Domains_Request_EPP>
	<Status></Status>
	<Description></Description>
	<Input>
		<SLD></SLD>
		<TLD></TLD>
	</Input>
	<Action1>
		<Status></Status>
		<Description></Description>
	</Action1>
</Domains_Request_EPP>"#,
    ),
    (
        wire::DOMAINS_EDIT_LOCK,
        r#"<Domains_Edit_Lock>
	<Status></Status>
	<Description></Description>
	<Input>
		<SLD></SLD>
		<TLD></TLD>
	</Input>
	<Action1>
		<Status></Status>
		<Description></Description>
	</Action1>
</Domains_Edit_Lock>"#,
    ),
    (
        wire::DOMAINS_CANCEL,
        r#"<Domains_Cancel>
	<Status></Status>
	<Description></Description>
	<Input>
		<SLD></SLD>
		<TLD></TLD>
	</Input>
	<Action1>
		<Status></Status>
		<Description></Description>
	</Action1>
</Domains_Cancel>"#,
    ),
    (
        wire::DOMAINS_CANCEL_DIRECT,
        r#"<Domains_Cancel_Direct>
	<Status></Status>
	<Description></Description>
	<Input>
		<SLD></SLD>
		<TLD></TLD>
	</Input>
	<Action1>
		<Status></Status>
		<Description></Description>
	</Action1>
</Domains_Cancel_Direct>"#,
    ),
    (
        wire::DOMAINS_GET_HISTORY,
        r#"<Domains_Get_History>
	<Status></Status>
	<Description></Description>
	<Input>
		<SLD></SLD>
		<TLD></TLD>
	</Input>
	<Results>
		<Item>
			<Action></Action>
			<Response></Response>
			<Processed></Processed>
			<Date></Date>
		</Item>
	</Results>
</Domains_Get_History>"#,
    ),
    (
        wire::DOMAINS_LIST,
        r#"<Domains_List>
	<Status></Status>
	<Description></Description>
	<Domains>
		<Item>
			<Identifier></Identifier>
			<SLD></SLD>
			<TLD></TLD>
			<RegistrationDate></RegistrationDate>
			<TerminationDate></TerminationDate>
			<Status></Status>
		</Item>
	</Domains>
</Domains_List>"#,
    ),
    (
        wire::DOMAINS_ADD_CONTACT,
        r#"<Domains_Add_Contact>
	<Status></Status>
	<Description></Description>
	<Input>
		<Handle></Handle>
		<CompanyName></CompanyName>
		<CompanyNumber></CompanyNumber>
		<LegalForm></LegalForm>
		<TaxNumber></TaxNumber>
		<Sex></Sex>
		<Initials></Initials>
		<SurName></SurName>
		<Address></Address>
		<ZipCode></ZipCode>
		<City></City>
		<Country></Country>
		<PhoneNumber></PhoneNumber>
		<FaxNumber></FaxNumber>
	</Input>
	<Output>
		<HandleIdentifier></HandleIdentifier>
	</Output>
</Domains_Add_Contact>"#,
    ),
    (
        wire::DOMAINS_EDIT_CONTACT,
        r#"<Domains_Edit_Contact>
	<Status></Status>
	<Description></Description>
	<Action1>
		<Status></Status>
		<Description></Description>
		<Input>
			<Handle></Handle>
			<HandleIdentifier></HandleIdentifier>
			<CompanyName></CompanyName>
			<CompanyNumber></CompanyNumber>
			<LegalForm></LegalForm>
			<TaxNumber></TaxNumber>
			<Sex></Sex>
			<Initials></Initials>
			<SurName></SurName>
			<Address></Address>
			<ZipCode></ZipCode>
			<City></City>
			<Country></Country>
			<PhoneNumber></PhoneNumber>
			<FaxNumber></FaxNumber>
		</Input>
	</Action1>
</Domains_Edit_Contact>"#,
    ),
    (
        wire::DOMAINS_DEL_CONTACT,
        r#"<Domains_Del_Contact>
	<Status></Status>
	<Description></Description>
	<Input>
		<HandleIdentifier></HandleIdentifier>
	</Input>
	<Action1>
		<Status></Status>
		<Description></Description>
	</Action1>
</Domains_Del_Contact>"#,
    ),
    (
        wire::DOMAINS_GET_CONTACT,
        r#"<Domains_Get_Contact>
	<Status></Status>
	<Description></Description>
	<Input>
		<HandleIdentifier></HandleIdentifier>
	</Input>
	<Output>
		<Handle></Handle>
		<CompanyName></CompanyName>
		<CompanyNumber></CompanyNumber>
		<LegalForm></LegalForm>
		<TaxNumber></TaxNumber>
		<Gender></Gender>
		<FirstName></FirstName>
		<LastName></LastName>
		<Address></Address>
		<ZipCode></ZipCode>
		<City></City>
		<Country></Country>
		<EmailAddress></EmailAddress>
		<PhoneNumber></PhoneNumber>
		<FaxNumber></FaxNumber>
	</Output>
</Domains_Get_Contact>"#,
    ),
    (
        wire::DOMAINS_LIST_CONTACT,
        r#"<Domains_List_Contact>
	<Status></Status>
	<Description></Description>
	<Results>
		<Item>
			<HandleIdentifier></HandleIdentifier>
			<Handle></Handle>
			<CompanyName></CompanyName>
			<Initials></Initials>
			<SurName></SurName>
		</Item>
	</Results>
</Domains_List_Contact>"#,
    ),
    (
        wire::DOMAINS_ADD_TO_CART,
        r#"<Domains_Add_To_Cart>
	<Status></Status>
	<Description></Description>
	<Input>
		<SLD></SLD>
		<TLD></TLD>
		<EPP></EPP>
		<OwnerHandle></OwnerHandle>
		<AdminHandle></AdminHandle>
		<TechHandle></TechHandle>
		<DNS1></DNS1>
		<DNS2></DNS2>
		<DNS3></DNS3>
	</Input>
</Domains_Add_To_Cart>"#,
    ),
    (
        wire::DOMAINS_ORDER_CART,
        r#"<Domains_Order_Cart>
	<Status></Status>
	<Description></Description>
</Domains_Order_Cart>"#,
    ),
    (
        wire::SERVERS_GET_DETAILS,
        r#"<Servers_Get_Details>
	<Status></Status>
	<Description></Description>
	<Input>
		<Identifier></Identifier>
	</Input>
	<General>
		<Type></Type>
		<Name></Name>
		<IPv4address></IPv4address>
		<IPv6address></IPv6address>
		<Location></Location>
		<Units></Units>
		<ContractDate></ContractDate>
		<PaymentTerm></PaymentTerm>
		<ContractTerm></ContractTerm>
	<Status></Status>
	</General>
	<Cabinet_Power_Usage>
		<Amp_Feed_A></Amp_Feed_A>
		<Amp_Feed_B></Amp_Feed_B>
		<kWh_Feed_A></kWh_Feed_A>
		<kWh_Feed_A_Total></kWh_Feed_A_Total>
		<kWh_Feed_B></kWh_Feed_B>
		<kWh_Feed_B_Total></kWh_Feed_B_Total>
	</Cabinet_Power_Usage>
	<Virtual_Usage>
		<Disk>
			<Assigned></Assigned>
			<Used></Used>
			<Available></Available>
		</Disk>
		<Traffic>
			<Assigned></Assigned>
			<Used></Used>
			<Available></Available>
		</Traffic>
		<Memory>
			<Assigned></Assigned>
			<Used></Used>
			<Available></Available>
		</Memory>
	</Virtual_Usage>
	<Connectivity>
		<Traffic></Traffic>
		<NIC></NIC>
		<PowerOutlets></PowerOutlets>
		<RebootOutlets></RebootOutlets>
		<KVMOutlets></KVMOutlets>
	</Connectivity>
	<Hardware>
		<Processor></Processor>
		<Memory></Memory>
		<Disk></Disk>
		<RAIDController></RAIDController>
	</Hardware>
	<Software>
		<OperatingSystem></OperatingSystem>
		<ControlPanel></ControlPanel>
	</Software>
</Servers_Get_Details>"#,
    ),
    (
        wire::SERVERS_TRIGGER_REBOOT,
        r#"<Servers_Trigger_Reboot>
	<Status></Status>
	<Description></Description>
	<Input>
		<Identifier></Identifier>
	</Input>
	<Action1>
		<Status></Status>
		<Description></Description>
	</Action1>
</Servers_Trigger_Reboot>"#,
    ),
    (
        wire::SERVERS_TRIGGER_POWERON,
        r#"<Servers_Trigger_PowerOn>
	<Status></Status>
	<Description></Description>
	<Input>
		<Identifier></Identifier>
	</Input>
	<Action1>
		<Status></Status>
		<Description></Description>
	</Action1>
</Servers_Trigger_PowerOn>"#,
    ),
    (
        wire::SERVERS_TRIGGER_POWEROFF,
        r#"<Servers_Trigger_PowerOff>
	<Status></Status>
	<Description></Description>
	<Input>
		<Identifier></Identifier>
	</Input>
	<Action1>
		<Status></Status>
		<Description></Description>
	</Action1>
</Servers_Trigger_PowerOff>"#,
    ),
    (
        wire::SERVERS_LIST,
        r#"<Servers_List>
	<Status></Status>
	<Description></Description>
	<Servers>
		<Item>
			<Identifier></Identifier>
			<Name></Name>
			<IPv4Address></IPv4Address>
			<Type></Type>
		</Item>
	</Servers>
</Servers_List>"#,
    ),
    (
        wire::SERVERS_REQUEST_IP,
        r#"<Servers_Request_IP>
	<Status></Status>
	<Description></Description>
	<Input>
		<Identifier></Identifier>
		<Type></Type>
		<Count></Count>
		<Reason></Reason>
	</Input>
	<Action1>
		<Status></Status>
		<Description></Description>
	</Action1>
</Servers_Request_IP>"#,
    ),
    (
        wire::SERVERS_GET_IP,
        r#"<Servers_Get_IP>
	<Status></Status>
	<Description></Description>
	<Input>
		<IP></IP>
	</Input>
	<General>
		<ServerIdentifier></ServerIdentifier>
		<Type></Type>
		<IP></IP>
		<Subnet></Subnet>
		<Gateway></Gateway>
		<DNS1></DNS1>
		<DNS2></DNS2>
		<PTRRecord></PTRRecord>
	</General>
	<Remarks></Remarks>
</Servers_Get_IP>"#,
    ),
    (
        wire::SERVERS_EDIT_IP,
        r#"<Servers_Edit_IP>
	<Status></Status>
	<Description></Description>
	<Input>
		<IP></IP>
		<PTRRecord></PTRRecord>
		<Remarks></Remarks>
	</Input>
	<Action1>
		<Status></Status>
		<Description></Description>
	</Action1>
</Servers_Edit_IP>"#,
    ),
    (
        wire::SERVERS_LIST_IP,
        r#"<Servers_List_IP>
	<Status></Status>
	<Description></Description>
	<IPv4_Addresses>
		<Item>
			<Identifier></Identifier>
			<ServerIdentifier></ServerIdentifier>
			<IP></IP>
			<PTRRecord></PTRRecord>
		</Item>
	</IPv4_Addresses>
	<IPv6_Addresses>
		<Item>
			<Identifier></Identifier>
			<ServerIdentifier></ServerIdentifier>
			<IP></IP>
			<PTRRecord></PTRRecord>
		</Item>
	</IPv6_Addresses>
</Servers_List_IP>"#,
    ),
    (
        wire::SERVERS_GET_MON,
        r#"<Servers_Get_Mon>
	<Status></Status>
	<Description></Description>
	<Input>
		<Identifier></Identifier>
	</Input>
	<General>
		<ServerIdentifier></ServerIdentifier>
		<Name></Name>
		<IP_Address></IP_Address>
		<Status></Status>
		<Max_Ports></Max_Ports>
		<Max_Contacts></Max_Contacts>
		<Date_Last_Check></Date_Last_Check>
	</General>
	<LoadMonitor>
		<Status></Status>
		<Load_Current></Load_Current>
		<Load_Threshold></Load_Threshold>
		<Load_High_24h></Load_High_24h>
		<Load_High_7d></Load_High_7d>
		<Load_High_1m></Load_High_1m>
		</LoadMonitor>
	<Ports>
		<Item>
			<Port></Port>
			<Checks_Up></Checks_Up>
			<Checks_Up_Percentage></Checks_Up_Percentage>
			<Checks_Down></Checks_Down>
			<Checks_Down_Percentage></Checks_Down_Percentage>
			<Status></Status>
		</Item>
	</Ports>
	<Contacts>
		<Item>
			<Identifier></Identifier>
			<FirstName></FirstName>
			<LastName></LastName>
			<EmailAddress></EmailAddress>
			<PhoneNumber></PhoneNumber>
		</Item>
	</Contacts>
</Servers_Get_Mon>"#,
    ),
    (
        wire::SERVERS_GET_MON_HISTORY,
        r#"<Servers_Get_Mon_History>
	<Status></Status>
	<Description></Description>
	<Input>
		<Identifier></Identifier>
	</Input>
	<Output>
		<Item>
			<Identifier></Identifier>
			<ContactIdentifier></ContactIdentifier>
			<Port></Port>
			<Status></Status>
			<AlertType></AlertType>
			<Date></Date>
		</Item>
	</Output>
</Servers_Get_Mon_History>"#,
    ),
    (
        wire::SERVERS_LIST_MON,
        r#"<Servers_List_Mon>
	<Status></Status>
	<Description></Description>
	<Monitoring_Profiles>
		<Item>
			<Identifier></Identifier>
			<Name></Name>
			<IPAddress></IPAddress>
			<ServerIdentifier></ServerIdentifier>
			<Status></Status>
		</Item>
	</Monitoring_Profiles>
</Servers_List_Mon>"#,
    ),
    (
        wire::COLOCATION_ADD_VISITOR,
        r#"<Colocation_Add_Visitor>
	<Status></Status>
	<Description></Description>
	<Input>
		<FirstName></FirstName>
		<LastName></LastName>
		<DateofBirth></DateofBirth>
		<PhoneNumber></PhoneNumber>
		<EmailAddress></EmailAddress>
		<Country></Country>
		<ScanDate></ScanDate>
		<PersNumber></PersNumber>
		<Location></Location>
	</Input>
</Colocation_Add_Visitor>"#,
    ),
    (
        wire::COLOCATION_GET_VISITOR,
        r#"<Colocation_Get_Visitor>
	<Status></Status>
	<Description></Description>
	<Input>
		<Identifier></Identifier>
	</Input>
	<General>
		<FirstName></FirstName>
		<LastName></LastName>
		<DateofBirth></DateofBirth>
		<PhoneNumber></PhoneNumber>
		<EmailAddress></EmailAddress>
		<Country></Country>
		<ScanDate></ScanDate>
		<PersNumber></PersNumber>
		<Location></Location>
	</General>
	<Access>
		<FingerprintIdentifier></FingerprintIdentifier>
		<Status></Status>
	</Access>
	<Logging>
		<Item>
			<Timestamp></Timestamp>
			<Action></Action>
		</Item>
	</Logging>
</Colocation_Get_Visitor>"#,
    ),
    (
        wire::COLOCATION_LIST_VISITOR,
        r#"<Colocation_List_Visitor>
	<Status></Status>
	<Description></Description>
	<Visitors>
		<Item>
			<Identifier></Identifier>
			<FirstName></FirstName>
			<LastName></LastName>
			<Location></Location>
			<Status></Status>
		</Item>
	</Visitors>
</Colocation_List_Visitor>"#,
    ),
    (
        wire::COLOCATION_ADD_VISIT,
        r#"<Colocation_Add_Visit>
	<Status></Status>
	<Description></Description>
	<Input>
		<DateArrival></DateArrival>
		<Term></Term>
		<Reason></Reason>
		<VisitorIdentifiers></VisitorIdentifiers>
		<Guest1></Guest1>
		<Guest2></Guest2>
		<Guest3></Guest3>
	</Input>
	<Output>
		<VisitKey></VisitKey>
	</Output>
</Colocation_Add_Visit>"#,
    ),
    (
        wire::COLOCATION_GET_VISIT,
        r#"<Colocation_Get_Visit>
	<Status></Status>
	<Description></Description>
	<Input>
		<Identifier></Identifier>
	</Input>
	<General>
		<VisitKey></VisitKey>
		<VisitorIdentifiers></VisitorIdentifiers>
		<Guest1></Guest1>
		<Guest2></Guest2>
		<Guest3></Guest3>
		<DateArrival></DateArrival>
		<Term></Term>
	</General>
	<Reason></Reason>
</Colocation_Get_Visit>"#,
    ),
    (
        wire::COLOCATION_LIST_VISIT,
        r#"<Colocation_List_Visit>
	<Status></Status>
	<Description></Description>
	<Visits>
		<Item>
			<Identifier></Identifier>
			<DateArrival></DateArrival>
			<VisitKey></VisitKey>
			<Term></Term>
		</Item>
	</Visits>
</Colocation_List_Visit>"#,
    ),
];

const DAY_MS: i64 = 86_400_000;

fn debug_of<T: FromAnswer + Debug>(body: &[u8], call: &Call) -> Result<String, WireError> {
    wire::parse::<T>(body, call).map(|answer| format!("{answer:?}"))
}

/// Parses `body` as the answer type of `call`; the `Debug` text of the result.
fn parse_any(call: &Call, body: &[u8]) -> Result<String, WireError> {
    use wire::*;
    match call.root {
        "Domains_Check" => debug_of::<DomainsCheck>(body, call),
        "Domains_Get_Details" => debug_of::<DomainsGetDetails>(body, call),
        "Domains_Edit_Contacts" => debug_of::<DomainsEditContacts>(body, call),
        "Domains_Edit_DNS" => debug_of::<DomainsEditDns>(body, call),
        "Domains_Request_EPP"
        | "Domains_Edit_Lock"
        | "Domains_Cancel"
        | "Domains_Cancel_Direct" => debug_of::<DomainStep>(body, call),
        "Domains_Get_History" => debug_of::<DomainsGetHistory>(body, call),
        "Domains_List" => debug_of::<DomainsList>(body, call),
        "Domains_Add_Contact" => debug_of::<DomainsAddContact>(body, call),
        "Domains_Edit_Contact" => debug_of::<DomainsEditContact>(body, call),
        "Domains_Del_Contact" => debug_of::<DomainsDelContact>(body, call),
        "Domains_Get_Contact" => debug_of::<DomainsGetContact>(body, call),
        "Domains_List_Contact" => debug_of::<DomainsListContact>(body, call),
        "Domains_Add_To_Cart" => debug_of::<DomainsAddToCart>(body, call),
        "Domains_Order_Cart" => debug_of::<DomainsOrderCart>(body, call),
        "Servers_Get_Details" => debug_of::<ServersGetDetails>(body, call),
        "Servers_Trigger_Reboot" | "Servers_Trigger_PowerOn" | "Servers_Trigger_PowerOff" => {
            debug_of::<ServerTrigger>(body, call)
        }
        "Servers_List" => debug_of::<ServersList>(body, call),
        "Servers_Request_IP" => debug_of::<ServersRequestIp>(body, call),
        "Servers_Get_IP" => debug_of::<ServersGetIp>(body, call),
        "Servers_Edit_IP" => debug_of::<ServersEditIp>(body, call),
        "Servers_List_IP" => debug_of::<ServersListIp>(body, call),
        "Servers_Get_Mon" => debug_of::<ServersGetMon>(body, call),
        "Servers_Get_Mon_History" => debug_of::<ServersGetMonHistory>(body, call),
        "Servers_List_Mon" => debug_of::<ServersListMon>(body, call),
        "Colocation_Add_Visitor" => debug_of::<ColocationAddVisitor>(body, call),
        "Colocation_Get_Visitor" => debug_of::<ColocationGetVisitor>(body, call),
        "Colocation_List_Visitor" => debug_of::<ColocationListVisitor>(body, call),
        "Colocation_Add_Visit" => debug_of::<ColocationAddVisit>(body, call),
        "Colocation_Get_Visit" => debug_of::<ColocationGetVisit>(body, call),
        "Colocation_List_Visit" => debug_of::<ColocationListVisit>(body, call),
        other => panic!("no wire type for <{other}>"),
    }
}

fn parse<T: FromAnswer>(body: &str, call: &Call) -> T {
    wire::parse::<T>(body.as_bytes(), call).unwrap_or_else(|e| panic!("{e}\n{body}"))
}

/// Every empty leaf `<Name></Name>` of `example` filled with its own name.
fn fill_leaves_with_names(example: &str) -> (String, BTreeSet<String>) {
    let leaf = regex::Regex::new(r"<(\w+)></(\w+)>").unwrap();
    let mut names = BTreeSet::new();
    let filled = leaf.replace_all(example, |c: &regex::Captures| {
        assert_eq!(&c[1], &c[2], "an empty leaf opens and closes with one name");
        names.insert(c[1].to_string());
        format!("<{0}>{0}</{0}>", &c[1])
    });
    (filled.into_owned(), names)
}

/// The personal data the wire types deliberately do not read.
const UNREAD: [&str; 2] = ["PersNumber", "DateofBirth"];

// -- the document's examples ---------------------------------------------------

#[test]
fn the_examples_cover_every_call_in_order() {
    let calls: Vec<Call> = EXAMPLES.iter().map(|(call, _)| *call).collect();
    assert_eq!(calls, wire::ALL_CALLS.to_vec());
    for (call, example) in EXAMPLES {
        assert!(
            example.starts_with(&format!("<{}>", call.root)),
            "{}",
            call.root
        );
    }
}

#[test]
fn every_documented_example_parses_with_every_leaf_empty() {
    for (call, example) in EXAMPLES {
        let parsed =
            parse_any(&call, example.as_bytes()).unwrap_or_else(|e| panic!("{}: {e}", call.root));
        assert!(
            !parsed.contains("Some(\""),
            "{}: an empty leaf was read as text: {parsed}",
            call.root
        );
    }
}

#[test]
fn every_documented_leaf_reaches_a_field() {
    for (call, example) in EXAMPLES {
        let (filled, names) = fill_leaves_with_names(example);
        let parsed =
            parse_any(&call, filled.as_bytes()).unwrap_or_else(|e| panic!("{}: {e}", call.root));
        for name in &names {
            let read = parsed.contains(&format!("Some(\"{name}\")"));
            if UNREAD.contains(&name.as_str()) {
                assert!(
                    !read,
                    "{}: {name} is personal data and must not be read",
                    call.root
                );
            } else {
                assert!(read, "{}: <{name}> reaches no field: {parsed}", call.root);
            }
        }
    }
}

#[test]
fn an_empty_example_is_an_unknown_outcome_not_a_success() {
    let answer: wire::ServerTrigger = parse(EXAMPLES[18].1, &wire::SERVERS_TRIGGER_REBOOT);
    assert_eq!(Step::of(answer.status()), Step::Unknown(None));
    let steps = answer.steps();
    assert_eq!(steps.len(), 1);
    assert_eq!(steps[0].label, "Action1");
    assert_eq!(Step::of(steps[0].status), Step::Unknown(None));
}

#[test]
fn the_auth_example_with_two_roots_is_an_auth_failure_of_the_account_id() {
    for (call, _) in EXAMPLES {
        let error = parse_any(&call, AUTH_EXAMPLE.as_bytes()).unwrap_err();
        let WireError::Auth(failure) = &error else {
            panic!("{}: {error:?}", call.root);
        };
        assert_eq!(failure.block, "Account");
        assert!(
            error.to_string().contains("account id was refused"),
            "{error}"
        );
    }
}

#[test]
fn a_refused_hash_says_so_and_names_the_ip_but_never_the_hash() {
    let body = "<Hash>\n\t<Status>Error1</Status>\n\t<Description>Hash onjuist</Description>\n\t<Input>\n\t\t<IP>192.0.2.7</IP>\n\t\t<Hash>s3cr3t-hash-value</Hash>\n\t</Input>\n</Hash>";
    let error = parse_any(&wire::SERVERS_LIST, body.as_bytes()).unwrap_err();
    let text = error.to_string();
    assert!(text.contains("hash was refused"), "{text}");
    assert!(text.contains("192.0.2.7"), "{text}");
    assert!(text.contains("Hash onjuist"), "{text}");
    assert!(!text.contains("s3cr3t"), "{text}");
    assert!(!format!("{error:?}").contains("s3cr3t"));
}

#[test]
fn an_auth_block_with_an_error_wins_over_the_action_element() {
    let body =
        "<Account><Status>Error1</Status><Description>Account onbekend</Description></Account>\
                <Servers_List><Status>Success1</Status></Servers_List>";
    let error = wire::parse::<wire::ServersList>(body.as_bytes(), &wire::SERVERS_LIST).unwrap_err();
    assert!(
        matches!(error, WireError::Auth(ref f) if f.block == "Account"),
        "{error:?}"
    );
}

#[test]
fn auth_blocks_that_do_not_refuse_are_passed_over() {
    let body = "<?xml version=\"1.0\"?><Account><Status>Success1</Status></Account>\
                <Hash><Status></Status><Input><Hash>x</Hash></Input></Hash>\
                <Servers_List><Status>Success1</Status><Servers><Item><Identifier>7</Identifier></Item></Servers></Servers_List>";
    let list: wire::ServersList = parse(body, &wire::SERVERS_LIST);
    assert_eq!(list.servers.items[0].identifier.as_deref(), Some("7"));
}

// -- oddities -------------------------------------------------------------------

#[test]
fn succes_with_one_s_is_a_success_and_finds_its_message() {
    assert_eq!(Step::of(Some("Succes1")), Step::Succeeded("Succes1".into()));
    assert_eq!(
        Step::of(Some(" Success2 ")),
        Step::Succeeded("Success2".into())
    );
    assert_eq!(Step::of(Some("Error3")), Step::Failed("Error3".into()));
    assert_eq!(Step::of(Some("OK")), Step::Unknown(Some("OK".into())));
    assert_eq!(Step::of(None), Step::Unknown(None));
    // The document prints Succes1 for cancel; either spelling finds it.
    let cancel = codes::message(&wire::DOMAINS_CANCEL, "Action1", "Success1");
    assert_eq!(
        cancel,
        codes::message(&wire::DOMAINS_CANCEL, "Action1", "Succes1")
    );
    assert!(cancel.is_some());
    assert!(codes::message(&wire::DOMAINS_EDIT_DNS, "Action1", "Succes1").is_some());
}

#[test]
fn edit_contact_reads_its_input_inside_action1_with_the_alias_names() {
    let body = "<Domains_Edit_Contact><Status>Success1</Status><Description>Domein contact gevonden</Description>\
        <Action1><Status>Succes1</Status><Description>Domein contact JJ is gewijzigd</Description>\
        <Input><Handle>JJ</Handle><HandleIdentifier>501</HandleIdentifier><Sex>m</Sex>\
        <Initials>J.</Initials><SurName>Jansen</SurName><City>Utrecht</City></Input></Action1>\
        </Domains_Edit_Contact>";
    let answer: wire::DomainsEditContact = parse(body, &wire::DOMAINS_EDIT_CONTACT);
    let step = answer.action1.as_ref().unwrap();
    assert_eq!(step.input.gender_any(), Some("m"));
    assert_eq!(step.input.first_name_any(), Some("J."));
    assert_eq!(step.input.last_name_any(), Some("Jansen"));
    assert_eq!(step.input.handle_identifier.as_deref(), Some("501"));
    let steps = answer.steps();
    assert_eq!(Step::of(steps[0].status), Step::Succeeded("Succes1".into()));
    let fields = map::contact_fields(&step.input, &Default::default());
    assert_eq!(
        (
            fields.gender.as_str(),
            fields.first_name.as_str(),
            fields.last_name.as_str()
        ),
        ("m", "J.", "Jansen")
    );
}

#[test]
fn the_input_names_win_over_the_echo_aliases_when_both_appear() {
    let body = "<Domains_Get_Contact><Status>Success1</Status><Output><Gender>v</Gender><Sex>m</Sex>\
        <FirstName>Anna</FirstName><Initials>A.</Initials><LastName>Smit</LastName><SurName>S.</SurName>\
        </Output></Domains_Get_Contact>";
    let answer: wire::DomainsGetContact = parse(body, &wire::DOMAINS_GET_CONTACT);
    assert_eq!(answer.output.gender_any(), Some("v"));
    assert_eq!(answer.output.first_name_any(), Some("Anna"));
    assert_eq!(answer.output.last_name_any(), Some("Smit"));
    assert_eq!(answer.output.initials.as_deref(), Some("A."));
}

#[test]
fn edit_details_answers_with_the_edit_contacts_root() {
    let body = "<Domains_Edit_Contacts><Status>Success1</Status>\
        <Action1><Status>Success1</Status><Description>Domeinnaam contacten gewijzigd</Description></Action1>\
        <Action2><Status>Error1</Status><Description>Domeinnaam contacten niet gewijzigd bij registrar</Description></Action2>\
        </Domains_Edit_Contacts>";
    let answer: wire::DomainsEditContacts = parse(body, &wire::DOMAINS_EDIT_DETAILS);
    let steps = answer.steps();
    let labels: Vec<_> = steps
        .iter()
        .map(|s| (s.label, Step::of(s.status)))
        .collect();
    assert_eq!(
        labels,
        [
            ("Action1", Step::Succeeded("Success1".into())),
            ("Action2", Step::Failed("Error1".into()))
        ]
    );
    let explained = codes::explain(
        &wire::DOMAINS_EDIT_DETAILS,
        "Action2",
        "Error1",
        steps[1].description,
    );
    assert_eq!(
        explained,
        "Action2 Error1: domain name contacts not changed at the registrar (Domeinnaam contacten niet gewijzigd bij registrar)"
    );
    // A root named after the action is not the documented answer.
    let wrong = body.replace("Domains_Edit_Contacts", "Domains_Edit_Details");
    let error =
        wire::parse::<wire::DomainsEditContacts>(wrong.as_bytes(), &wire::DOMAINS_EDIT_DETAILS)
            .unwrap_err();
    assert_eq!(
        error.to_string(),
        "expected <Domains_Edit_Contacts>, got <Domains_Edit_Details>"
    );
}

#[test]
fn get_details_reads_the_lower_case_ipv4address_and_list_the_upper_case_one() {
    let details: wire::ServersGetDetails = parse(
        "<Servers_Get_Details><General><IPv4address>192.0.2.10</IPv4address><IPv4Address>wrong</IPv4Address></General></Servers_Get_Details>",
        &wire::SERVERS_GET_DETAILS,
    );
    assert_eq!(details.general.ipv4_address.as_deref(), Some("192.0.2.10"));
    let list: wire::ServersList = parse(
        "<Servers_List><Servers><Item><IPv4Address>192.0.2.11</IPv4Address></Item><Item><IPv4address>x</IPv4address></Item></Servers></Servers_List>",
        &wire::SERVERS_LIST,
    );
    assert_eq!(
        list.servers.items[0].ipv4_address.as_deref(),
        Some("192.0.2.11")
    );
    assert_eq!(list.servers.items[1].ipv4_address, None);
}

#[test]
fn unknown_codes_are_explained_as_undocumented() {
    assert_eq!(
        codes::explain(
            &wire::SERVERS_GET_IP,
            "Status",
            "Error9",
            Some("Iets anders")
        ),
        "Error9: an undocumented code (Iets anders)"
    );
    assert_eq!(
        Step::of(Some("Success3")),
        Step::Succeeded("Success3".into())
    );
    assert_eq!(
        codes::message(&wire::DOMAINS_EDIT_LOCK, "Action1", "Success3"),
        None
    );
    assert_eq!(
        codes::message(&wire::DOMAINS_EDIT_LOCK, "Action1", "Success2"),
        Some("the domain name has been locked")
    );
}

#[test]
fn not_virtual_and_count_codes_have_clear_english() {
    let explained = codes::explain(
        &wire::SERVERS_TRIGGER_REBOOT,
        "Action1",
        "Error1",
        Some("Server is niet virtueel en kon daarom niet worden herstart"),
    );
    assert_eq!(
        explained,
        "Action1 Error1: the server is not a virtual server, so it could not be restarted (Server is niet virtueel en kon daarom niet worden herstart)"
    );
    assert_eq!(
        codes::message(&wire::SERVERS_REQUEST_IP, "Action1", "Error1"),
        Some("Count must be a number")
    );
    // Success texts the document copied wrongly carry their real meaning.
    assert_eq!(
        codes::message(&wire::SERVERS_TRIGGER_POWERON, "Action1", "Success1"),
        Some("power-on sent")
    );
    assert_eq!(
        codes::message(&wire::SERVERS_LIST, "Status", "Success1"),
        Some("servers retrieved")
    );
}

#[test]
fn every_code_belongs_to_a_documented_call_and_field() {
    assert_eq!(codes::CODES.len(), 113);
    for code in codes::CODES {
        let call = wire::ALL_CALLS
            .iter()
            .find(|c| c.module == code.module && c.action == code.action)
            .unwrap_or_else(|| panic!("{code:?} names no call"));
        let steps_used = match code.field {
            "Status" => 0,
            "Action1" => 1,
            "Action2" => 2,
            other => panic!("unknown field {other}"),
        };
        assert!(steps_used <= call.steps, "{code:?}");
        assert!(
            code.code.starts_with("Error") || code.code.starts_with("Succes"),
            "{code:?}"
        );
    }
}

#[test]
fn reads_and_mutations_are_told_apart() {
    let reads: Vec<&str> = wire::ALL_CALLS
        .iter()
        .filter(|c| !c.mutates())
        .map(|c| c.action)
        .collect();
    assert_eq!(
        reads,
        [
            "check",
            "get_details",
            "get_history",
            "list",
            "get_contact",
            "list_contact",
            "get_details",
            "list",
            "get_ip",
            "list_ip",
            "get_mon",
            "get_mon_history",
            "list_mon",
            "get_visitor",
            "list_visitor",
            "get_visit",
            "list_visit"
        ]
    );
}

// -- robustness -------------------------------------------------------------------

#[test]
fn elements_with_attributes_and_unknown_elements_are_read() {
    let body = r#"<?xml version="1.0" encoding="UTF-8"?>
<Servers_List xmlns="urn:x" version="2"><Extra><Deep>1</Deep></Extra>
  <Status code="s">Success1</Status><Servers count="1"><Item id="9"><Identifier>9</Identifier><Name>web &amp; db</Name><Unknown/></Item></Servers>
</Servers_List>"#;
    let list: wire::ServersList = parse(body, &wire::SERVERS_LIST);
    assert_eq!(list.status.as_deref(), Some("Success1"));
    assert_eq!(list.servers.items[0].name.as_deref(), Some("web & db"));
}

/// `body` read by the pull reader (`wire::parse`) and by serde alone.
fn pulled_and_serde<T>(body: &str, call: &Call) -> (T, T)
where
    T: FromAnswer + serde::de::DeserializeOwned,
{
    let pulled = parse::<T>(body, call);
    let root_end = body.rfind(&format!("</{}>", call.root)).unwrap() + call.root.len() + 3;
    let root_start = body.find(&format!("<{}>", call.root)).unwrap();
    let by_serde = serde_element::<T>(&body[root_start..root_end]).unwrap();
    (pulled, by_serde)
}

/// The example with each `<Item>` block thrice, and an unknown element
/// between the copies.
fn three_items_with_noise(example: &str) -> String {
    let item = regex::Regex::new(r"(?s)<Item>.*?</Item>").unwrap();
    item.replace_all(example, |c: &regex::Captures| {
        format!("{0}<Note>between</Note>{0}<Note><Deep/></Note>{0}", &c[0])
    })
    .into_owned()
}

#[test]
fn the_pulled_list_answers_read_like_serde() {
    use wire::*;
    fn check<T>(example: &str, call: &Call, items: impl Fn(&T) -> usize)
    where
        T: FromAnswer + serde::de::DeserializeOwned + PartialEq + Debug,
    {
        let body = three_items_with_noise(&fill_leaves_with_names(example).0);
        let (pulled, by_serde) = pulled_and_serde::<T>(&body, call);
        assert_eq!(pulled, by_serde, "{}", call.root);
        assert!(items(&pulled) >= 3, "{}: {pulled:?}", call.root);
    }
    let mut checked = 0;
    for (call, example) in EXAMPLES {
        match call.root {
            "Domains_List" => check::<DomainsList>(example, &call, |a| a.domains.items.len()),
            "Domains_List_Contact" => {
                check::<DomainsListContact>(example, &call, |a| a.results.items.len())
            }
            "Servers_List" => check::<ServersList>(example, &call, |a| a.servers.items.len()),
            "Servers_List_IP" => check::<ServersListIp>(example, &call, |a| {
                a.ipv4_addresses
                    .items
                    .len()
                    .min(a.ipv6_addresses.items.len())
            }),
            "Servers_List_Mon" => {
                check::<ServersListMon>(example, &call, |a| a.monitoring_profiles.items.len())
            }
            "Colocation_List_Visitor" => {
                check::<ColocationListVisitor>(example, &call, |a| a.visitors.items.len())
            }
            "Colocation_List_Visit" => {
                check::<ColocationListVisit>(example, &call, |a| a.visits.items.len())
            }
            _ => continue,
        }
        checked += 1;
    }
    assert_eq!(checked, 7);
}

#[test]
fn nested_lists_read_by_serde_skip_unknown_elements_between_items() {
    let example = EXAMPLES
        .iter()
        .find(|(call, _)| *call == wire::DOMAINS_GET_HISTORY)
        .unwrap()
        .1;
    let body = three_items_with_noise(&fill_leaves_with_names(example).0);
    let history: wire::DomainsGetHistory = parse(&body, &wire::DOMAINS_GET_HISTORY);
    assert_eq!(history.results.items.len(), 3);
    assert!(history
        .results
        .items
        .iter()
        .all(|item| item == &history.results.items[0]));
}

#[test]
fn lists_hold_zero_one_or_many_items() {
    let zero: wire::DomainsList = parse(
        "<Domains_List><Domains/></Domains_List>",
        &wire::DOMAINS_LIST,
    );
    assert!(zero.domains.items.is_empty());
    let missing: wire::DomainsList = parse("<Domains_List/>", &wire::DOMAINS_LIST);
    assert!(missing.domains.items.is_empty());
    let many = "<Domains_List><Domains><Item><SLD>a</SLD></Item><Item><SLD>b</SLD></Item><Item/></Domains></Domains_List>";
    let items = wire::parse_domains_list(many.as_bytes()).unwrap();
    let slds: Vec<_> = items.iter().map(|i| i.sld.as_deref()).collect();
    assert_eq!(slds, [Some("a"), Some("b"), None]);
}

#[test]
fn an_empty_body_is_a_clear_error() {
    for body in ["", "  \n\t ", "\u{feff}"] {
        let error =
            wire::parse::<wire::ServersList>(body.as_bytes(), &wire::SERVERS_LIST).unwrap_err();
        assert_eq!(error, WireError::Empty);
        assert_eq!(error.to_string(), "the answer is empty");
    }
}

#[test]
fn garbage_an_error_root_and_broken_xml_are_clear_errors() {
    let cases = [
        ("plain text, not XML", "expected <Servers_List>, got <text>"),
        (
            "<Error>Internal</Error>",
            "expected <Servers_List>, got <Error>",
        ),
        (
            "<html><body>502</body></html>",
            "expected <Servers_List>, got <html>",
        ),
        (
            "<!-- nothing -->",
            "expected <Servers_List>, but the answer holds no element",
        ),
    ];
    for (body, message) in cases {
        let error =
            wire::parse::<wire::ServersList>(body.as_bytes(), &wire::SERVERS_LIST).unwrap_err();
        assert_eq!(error.to_string(), message);
    }
    for broken in [
        "<Servers_List><Status>",
        "<Servers_List><Status>a</Stat></Servers_List>",
        "<Servers_List>&bogus;</Servers_List>",
    ] {
        let error =
            wire::parse::<wire::ServersList>(broken.as_bytes(), &wire::SERVERS_LIST).unwrap_err();
        assert!(
            matches!(error, WireError::Malformed(_)),
            "{broken}: {error:?}"
        );
        assert!(
            error
                .to_string()
                .starts_with("the answer is not readable XML"),
            "{error}"
        );
    }
}

#[test]
fn latin1_is_read_when_declared_and_other_bad_bytes_are_replaced() {
    let mut latin1 =
        b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Domains_Get_Contact><Output><City>Sn"
            .to_vec();
    latin1.push(0xe9);
    latin1.extend_from_slice(b"ek</City></Output></Domains_Get_Contact>");
    let answer =
        wire::parse::<wire::DomainsGetContact>(&latin1, &wire::DOMAINS_GET_CONTACT).unwrap();
    assert_eq!(answer.output.city.as_deref(), Some("Sn\u{e9}ek"));
    let undeclared = latin1.split_off(latin1.iter().position(|b| *b == b'>').unwrap() + 1);
    let answer =
        wire::parse::<wire::DomainsGetContact>(&undeclared, &wire::DOMAINS_GET_CONTACT).unwrap();
    assert_eq!(answer.output.city.as_deref(), Some("Sn\u{fffd}ek"));
}

#[test]
fn redaction_removes_the_hash_echo_and_personal_data_from_body_text() {
    let body = "<Hash><Status>Error1</Status><Input><IP>192.0.2.7</IP><Hash>abc-secret</Hash></Input></Hash>\
                <Colocation_Add_Visitor><Input><PersNumber>123456782</PersNumber><DateofBirth>01-01-1980</DateofBirth></Input>";
    let redacted = wire::redact_echoes(body);
    for secret in ["abc-secret", "123456782", "01-01-1980"] {
        assert!(!redacted.contains(secret), "{redacted}");
    }
    assert!(redacted.contains("192.0.2.7"));
    let cdata = wire::redact_echoes("<Hash><![CDATA[a<b-secret]]></Hash>");
    assert_eq!(cdata, "<Hash>[redacted]</Hash>");
    // A body cut off inside the echo loses the rest.
    assert_eq!(
        wire::redact_echoes("<Input><Hash>abc-sec"),
        "<Input><Hash>[redacted]"
    );
}

#[test]
fn the_hash_never_appears_in_any_decoding_error() {
    let secret = "H4sh-0f-th3-acc0unt";
    let bodies = [
        format!("<Hash><Status>Error1</Status><Description>bad</Description><Input><Hash>{secret}</Hash></Input></Hash>"),
        format!("<Hash><Input><Hash>{secret}</Hash></Input></Hash><Servers_List><Status>"),
        format!("<Hash><Input><Hash>{secret}</Hash></Input></Hash>"),
        format!("<Account><Input><Account>1</Account></Input></Account><Hash><Input><Hash>{secret}</Hash></Input></Hash>"),
    ];
    for body in bodies {
        for (call, _) in EXAMPLES {
            if let Err(error) = parse_any(&call, body.as_bytes()) {
                assert!(!error.to_string().contains(secret), "{error}");
                assert!(!format!("{error:?}").contains(secret), "{error:?}");
            }
        }
    }
}

fn decode_everything(body: &[u8]) {
    for (call, _) in EXAMPLES {
        let _ = parse_any(&call, body);
    }
    let _ = wire::redact_echoes(&wire::decode_text(body));
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        decode_everything(&bytes);
    }

    #[test]
    fn xml_like_input_never_panics(body in r#"(<(Status|Item|Account|Hash|Servers_List|Domains_List|General|Action1|Input)( [a-z]{1,3}="[^"<]{0,5}")*/?>|</(Status|Item|Account|Hash|Servers_List|Domains_List|General|Action1|Input)>|&[a-z#0-9x]{0,5};?|<!\[CDATA\[|\]\]>|<\?xml |<!--|-->|[a-zA-Z0-9 ]{0,6}){0,40}"#) {
        decode_everything(body.as_bytes());
    }

    #[test]
    fn cut_and_spliced_examples_never_panic(index in 0usize..35, cut in 0usize..2000, insert in ".{0,4}") {
        let example = EXAMPLES[index].1;
        let at = example.char_indices().map(|(i, _)| i).nth(cut % example.chars().count()).unwrap_or(0);
        let spliced = format!("{}{insert}{}", &example[..at], &example[at..]);
        decode_everything(spliced.as_bytes());
        decode_everything(&example.as_bytes()[..at]);
    }
}

// -- filled-in answers map to the model -------------------------------------------

const VIRTUAL_DETAILS: &str = "<Servers_Get_Details><Status>Success1</Status><Description>Server gevonden</Description>
<Input><Identifier>1001</Identifier></Input>
<General><Type>Virtual</Type><Name>web01</Name><IPv4address>192.0.2.10</IPv4address><IPv6address>2001:db8::10</IPv6address>
<Location>Amsterdam</Location><ContractDate>01-03-2020</ContractDate><Status>Online</Status></General>
<Virtual_Usage><Disk><Assigned>100 GB</Assigned><Used>40 GB</Used><Available>60 GB</Available></Disk>
<Traffic><Assigned>1000</Assigned></Traffic><Memory><Assigned>4096 MB</Assigned><Used>1024 MB</Used></Memory></Virtual_Usage>
<Hardware><Processor>4 vCPU</Processor></Hardware><Software><OperatingSystem>Debian 12</OperatingSystem></Software>
</Servers_Get_Details>";

const COLO_DETAILS: &str = "<Servers_Get_Details><Status>Success1</Status>
<General><Type>Colocation</Type><Name>rack-7</Name><Status>Active</Status></General>
<Cabinet_Power_Usage><Amp_Feed_A>3.2</Amp_Feed_A><Amp_Feed_B>2.9</Amp_Feed_B><kWh_Feed_A>210.5</kWh_Feed_A>
<kWh_Feed_A_Total>8100</kWh_Feed_A_Total></Cabinet_Power_Usage>
<Hardware><Memory>64 GB</Memory></Hardware></Servers_Get_Details>";

const MONITOR: &str = "<Servers_Get_Mon><Status>Success1</Status><General><ServerIdentifier>1001</ServerIdentifier>
<Name>web01 checks</Name><Status>Active</Status><Date_Last_Check>02-05-2024 10:15</Date_Last_Check></General>
<LoadMonitor><Status>Warning</Status><Load_Current>3.2</Load_Current><Load_Threshold>2.0</Load_Threshold><Load_High_24h>4.1</Load_High_24h></LoadMonitor>
<Ports><Item><Port>80</Port><Checks_Up>1440</Checks_Up><Checks_Up_Percentage>100</Checks_Up_Percentage><Checks_Down>0</Checks_Down><Status>Up</Status></Item>
<Item><Port>443</Port><Checks_Up>1400</Checks_Up><Checks_Down>40</Checks_Down><Checks_Down_Percentage>2.8%</Checks_Down_Percentage><Status>Down</Status></Item></Ports>
<Contacts><Item><FirstName>Ops</FirstName><LastName>Desk</LastName><EmailAddress>ops@example.nl</EmailAddress></Item></Contacts>
</Servers_Get_Mon>";

#[test]
fn a_virtual_server_offers_the_power_actions_that_fit_its_state() {
    let actions_when = |status: &str| {
        let details: wire::ServersGetDetails = parse(
            &VIRTUAL_DETAILS.replace(
                "<Status>Online</Status>",
                &format!("<Status>{status}</Status>"),
            ),
            &wire::SERVERS_GET_DETAILS,
        );
        let parts = ServerParts {
            item: None,
            details: Some(&details),
            ips: Vec::new(),
            monitors: Vec::new(),
        };
        map::server("cp", "1001", &parts, 5).actions
    };
    assert_eq!(actions_when("Online"), [Action::Reboot, Action::PowerOff]);
    assert_eq!(actions_when("Offline"), [Action::PowerOn]);
    assert_eq!(
        actions_when("Rebooting"),
        [Action::Reboot, Action::PowerOn, Action::PowerOff]
    );
}

#[test]
fn a_virtual_server_maps_with_actions_warnings_samples_and_sections() {
    let details: wire::ServersGetDetails = parse(VIRTUAL_DETAILS, &wire::SERVERS_GET_DETAILS);
    let monitor = Monitor {
        profile: wire::MonProfileItem {
            identifier: Some("77".into()),
            ..Default::default()
        },
        details: Some(parse(MONITOR, &wire::SERVERS_GET_MON)),
    };
    let parts = ServerParts {
        item: None,
        details: Some(&details),
        ips: Vec::new(),
        monitors: vec![&monitor],
    };
    let server = map::server("cp", "1001", &parts, 5);
    assert_eq!(server.name, "web01");
    assert_eq!(server.power, PowerState::On);
    assert_eq!(server.group, "Virtual");
    assert_eq!(server.os, "Debian 12");
    assert_eq!(server.primary_ip.as_deref(), Some("192.0.2.10"));
    assert_eq!(server.cpu, Some(4));
    assert_eq!(server.memory_gb, Some(4.0));
    assert_eq!(server.actions, [Action::Reboot, Action::PowerOff]);
    assert_eq!(server.actions_note, None);
    assert_eq!(
        server.warnings,
        ["port 443 down", "load 3.2 over threshold 2.0"]
    );
    assert_eq!(
        detail(&server.details, "General", "IPv6 address"),
        Some("2001:db8::10")
    );
    assert_eq!(
        detail(&server.details, "Virtual usage", "Disk used"),
        Some("40 GB")
    );
    assert_eq!(
        detail(&server.details, "Monitoring", "Load high 24h"),
        Some("4.1")
    );
    assert_eq!(
        detail(&server.details, "Monitoring", "Port 443"),
        Some("Down; 1400 up, 40 down (2.8%)")
    );
    assert_eq!(
        detail(&server.details, "Monitoring", "Port 80"),
        Some("Up; 1440 up (100%), 0 down")
    );
    assert_eq!(
        detail(&server.details, "Monitoring", "Alert contact"),
        Some("Ops Desk <ops@example.nl>")
    );
    let samples = map::samples("1001", &parts);
    assert_eq!(samples.len(), 1);
    assert_eq!(
        (samples[0].metric.as_str(), samples[0].value),
        ("load", 3.2)
    );
}

#[test]
fn a_colocation_package_has_no_power_actions_but_cabinet_samples() {
    let details: wire::ServersGetDetails = parse(COLO_DETAILS, &wire::SERVERS_GET_DETAILS);
    let parts = ServerParts {
        details: Some(&details),
        ..Default::default()
    };
    let server = map::server("cp", "2001", &parts, 5);
    assert!(server.actions.is_empty());
    assert_eq!(
        server.actions_note.as_deref(),
        Some("power actions need a virtual server; this one is Colocation")
    );
    assert_eq!(server.memory_gb, Some(64.0));
    assert_eq!(
        detail(&server.details, "Cabinet power", "Feed A amps"),
        Some("3.2")
    );
    assert_eq!(
        detail(&server.details, "Cabinet power", "Feed A kWh total"),
        Some("8100")
    );
    let samples: Vec<_> = map::samples("2001", &parts)
        .into_iter()
        .map(|s| (s.metric, s.unit, s.value))
        .collect();
    assert_eq!(
        samples,
        [
            ("amps A".to_string(), "A".to_string(), 3.2),
            ("amps B".to_string(), "A".to_string(), 2.9)
        ]
    );
}

#[test]
fn a_list_entry_alone_still_makes_a_server() {
    let list: wire::ServersList = parse(
        "<Servers_List><Servers><Item><Identifier>3</Identifier><Name>db</Name><IPv4Address>192.0.2.3</IPv4Address><Type>Dedicated</Type></Item></Servers></Servers_List>",
        &wire::SERVERS_LIST,
    );
    let parts = ServerParts {
        item: Some(&list.servers.items[0]),
        ..Default::default()
    };
    let server = map::server("cp", "3", &parts, 0);
    assert_eq!(
        (server.name.as_str(), server.group.as_str()),
        ("db", "Dedicated")
    );
    assert_eq!(server.primary_ip.as_deref(), Some("192.0.2.3"));
    assert!(server.actions.is_empty());
    assert_eq!(server.power, PowerState::Unknown(String::new()));
}

#[test]
fn ips_map_with_ptr_subnet_gateway_and_remarks() {
    let list: wire::ServersListIp = parse(
        "<Servers_List_IP><Status>Success1</Status><IPv4_Addresses><Item><Identifier>1</Identifier><ServerIdentifier>1001</ServerIdentifier><IP>192.0.2.10</IP><PTRRecord>old.example.nl</PTRRecord></Item></IPv4_Addresses>\
         <IPv6_Addresses><Item><ServerIdentifier>1001</ServerIdentifier><IP>2001:db8::10</IP></Item></IPv6_Addresses></Servers_List_IP>",
        &wire::SERVERS_LIST_IP,
    );
    let get: wire::ServersGetIp = parse(
        "<Servers_Get_IP><Status>Success1</Status><General><ServerIdentifier>1001</ServerIdentifier><IP>192.0.2.10</IP><Subnet>255.255.255.0</Subnet>\
         <Gateway>192.0.2.1</Gateway><PTRRecord>web01.example.nl</PTRRecord></General><Remarks>main site</Remarks></Servers_Get_IP>",
        &wire::SERVERS_GET_IP,
    );
    let v4 = map::ip(&list.ipv4_addresses.items[0], "IPv4", Some(&get)).unwrap();
    assert_eq!(v4.ptr.as_deref(), Some("web01.example.nl"));
    assert_eq!(v4.subnet.as_deref(), Some("255.255.255.0"));
    assert_eq!(v4.gateway.as_deref(), Some("192.0.2.1"));
    assert_eq!(v4.remarks.as_deref(), Some("main site"));
    assert_eq!(v4.server_id.as_deref(), Some("1001"));
    let v6 = map::ip(&list.ipv6_addresses.items[0], "IPv6", None).unwrap();
    assert_eq!(
        (v6.address.as_str(), v6.kind.as_str()),
        ("2001:db8::10", "IPv6")
    );
}

#[test]
fn dutch_dates_parse_with_and_without_a_time() {
    let day = days_from_civil(2025, 3, 31) * DAY_MS;
    assert_eq!(parse_date("31-03-2025"), Some(day));
    assert_eq!(
        parse_date("31-03-2025 14:05"),
        Some(day + (14 * 60 + 5) * 60_000)
    );
    assert_eq!(parse_date("2025-03-31"), Some(day));
    assert_eq!(parse_date("31-02-2025"), None);
    assert_eq!(parse_date("3-3-2025"), None);
}

#[test]
fn dates_read_as_iso_and_other_text_stays_as_written() {
    let cases = [
        ("29-03-2026", "2026-03-29"),
        (" 29-03-2026 14:05 ", "2026-03-29 14:05"),
        ("2026-03-29", "2026-03-29"),
        ("2026-03-29T14:05:09", "2026-03-29 14:05:09"),
        ("\\/Date(1343775600000)\\/", "2012-07-31 23:00:00 UTC"),
        ("31-02-2025", "31-02-2025"),
        ("soon", "soon"),
        ("", ""),
    ];
    for (text, shown) in cases {
        assert_eq!(readable_date(text), shown, "{text:?}");
    }
}

#[test]
fn a_domain_maps_from_its_details() {
    let body = "<Domains_Get_Details><Status>Success1</Status><Description>Domeinnaam details van Example.NL</Description>
<General><Identifier>900</Identifier><Domain>Example</Domain><Tld>NL</Tld><RegistrationDate>15-06-2010</RegistrationDate>
<ExpirationDate>15-06-2026</ExpirationDate><LockStatus>Locked</LockStatus><Status>Active</Status></General>
<DNS><DNS1>ns1.example.net</DNS1><DNS2>ns2.example.net</DNS2><DNS3></DNS3></DNS>
<Contacts><OwnerHandle>501</OwnerHandle><AdminHandle>502</AdminHandle><TechHandle>503</TechHandle></Contacts>
<Contract><PriceExcl>9.95</PriceExcl><Period>12</Period><EndContract>15-06-2026</EndContract></Contract></Domains_Get_Details>";
    let details: wire::DomainsGetDetails = parse(body, &wire::DOMAINS_GET_DETAILS);
    let domain = map::domain("cp", None, Some(&details), 1).unwrap();
    assert_eq!(
        (domain.id.as_str(), domain.tld.as_str()),
        ("example.nl", "nl")
    );
    assert_eq!(domain.locked, Some(true));
    assert_eq!(domain.status, "Active");
    assert_eq!(domain.nameservers, ["ns1.example.net", "ns2.example.net"]);
    assert_eq!(domain.owner.as_deref(), Some("501"));
    assert_eq!(domain.expires, Some(days_from_civil(2026, 6, 15) * DAY_MS));
    assert_eq!(
        domain.registered,
        Some(days_from_civil(2010, 6, 15) * DAY_MS)
    );
    assert!(domain.detailed);
    let contract: Vec<_> = domain
        .details
        .iter()
        .filter(|d| d.section == "Contract")
        .map(|d| (d.label.as_ref(), &*d.value))
        .collect();
    assert_eq!(
        contract,
        [
            ("Price (excl. VAT)", "9.95"),
            ("Period", "12"),
            ("End", "2026-06-15")
        ]
    );
    assert!(domain
        .details
        .iter()
        .any(|d| d.label == "Identifier" && &*d.value == "900"));
}

#[test]
fn a_list_only_domain_is_not_detailed_and_expires_at_its_termination_date() {
    let items = wire::parse_domains_list(
        b"<Domains_List><Domains><Item><Identifier>901</Identifier><SLD>shop</SLD><TLD>.COM</TLD>\
          <TerminationDate>01-01-2027</TerminationDate><Status>Cancelled</Status></Item></Domains></Domains_List>",
    )
    .unwrap();
    let domain = map::domain("cp", Some(&items[0]), None, 1).unwrap();
    assert_eq!(domain.id, "shop.com");
    assert!(!domain.detailed);
    assert_eq!(domain.expires, Some(days_from_civil(2027, 1, 1) * DAY_MS));
    assert_eq!(domain.locked, None);
}

#[test]
fn lock_states_are_read_leniently() {
    for locked in ["Locked", "vergrendeld", "1", "YES", "true", "on"] {
        assert_eq!(map::lock_state(Some(locked)), Some(true), "{locked}");
    }
    for unlocked in ["Unlocked", "Ontgrendeld", "0", "no", "false", "OFF"] {
        assert_eq!(map::lock_state(Some(unlocked)), Some(false), "{unlocked}");
    }
    assert_eq!(map::lock_state(Some("pending")), None);
    assert_eq!(map::lock_state(None), None);
    // edit_lock's codes say where the toggle went (digest 3.1.6).
    assert_eq!(map::lock_after_toggle("Success1"), Some(false));
    assert_eq!(map::lock_after_toggle("Succes2"), Some(true));
    assert_eq!(map::lock_after_toggle("Success3"), None);
    assert_eq!(map::lock_after_toggle("Error2"), None);
}

#[test]
fn the_sld_is_everything_before_the_last_dot() {
    assert_eq!(
        map::split_domain("example.co.uk"),
        Some(("example.co", "uk"))
    );
    assert_eq!(map::split_domain("example.nl"), Some(("example", "nl")));
    assert_eq!(map::split_domain("localhost"), None);
    assert_eq!(map::domain_name("Example", ".NL"), "example.nl");
}

#[test]
fn contacts_map_from_list_and_details_with_aliases() {
    let list: wire::DomainsListContact = parse(
        "<Domains_List_Contact><Status>Success1</Status><Results><Item><HandleIdentifier>501</HandleIdentifier><Handle>JJ</Handle>\
         <CompanyName>Acme BV</CompanyName><Initials>J.</Initials><SurName>Jansen</SurName></Item></Results></Domains_List_Contact>",
        &wire::DOMAINS_LIST_CONTACT,
    );
    let item = &list.results.items[0];
    let listed = map::contact("cp", item, None, 1).unwrap();
    assert_eq!(listed.id, "501");
    assert!(!listed.detailed);
    assert_eq!(
        (
            listed.fields.first_name.as_str(),
            listed.fields.last_name.as_str()
        ),
        ("J.", "Jansen")
    );
    let get: wire::DomainsGetContact = parse(
        "<Domains_Get_Contact><Status>Success1</Status><Output><Handle>JJ</Handle><Gender>m</Gender><FirstName>Jan</FirstName>\
         <LastName>Jansen</LastName><EmailAddress>jan@example.nl</EmailAddress><Country>NL</Country></Output></Domains_Get_Contact>",
        &wire::DOMAINS_GET_CONTACT,
    );
    let detailed = map::contact("cp", item, Some(&get.output), 1).unwrap();
    assert!(detailed.detailed);
    assert_eq!(detailed.fields.first_name, "Jan");
    assert_eq!(detailed.fields.company_name, "Acme BV");
    assert_eq!(detailed.email.as_deref(), Some("jan@example.nl"));
    assert_eq!(detailed.display_name(), "Jan Jansen (Acme BV)");
}

#[test]
fn domain_history_is_newest_first() {
    let answer: wire::DomainsGetHistory = parse(
        "<Domains_Get_History><Status>Success1</Status><Results>\
         <Item><Action>register</Action><Response>ok</Response><Processed>1</Processed><Date>01-02-2020</Date></Item>\
         <Item><Action>request_epp</Action><Response>sent</Response><Processed>1</Processed><Date>05-03-2024 09:30</Date></Item>\
         <Item><Action>odd</Action><Date>someday</Date></Item></Results></Domains_Get_History>",
        &wire::DOMAINS_GET_HISTORY,
    );
    let history = map::history(&answer);
    let actions: Vec<_> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["request_epp", "register", "odd"]);
    assert_eq!(history[0].note, "sent");
    assert_eq!(history[2].raw_date, "someday");
    assert_eq!(history[2].at, None);
}

#[test]
fn alert_history_is_newest_first_and_at_most_twenty() {
    let mut body = String::from("<Servers_Get_Mon_History><Status>Success1</Status><Output>");
    for day in 1..=25 {
        body.push_str(&format!(
            "<Item><Port>443</Port><Status>Down</Status><AlertType>email</AlertType><Date>{day:02}-01-2024 08:00</Date></Item>"
        ));
    }
    body.push_str("</Output></Servers_Get_Mon_History>");
    let history: wire::ServersGetMonHistory = parse(&body, &wire::SERVERS_GET_MON_HISTORY);
    let details = map::alert_history(&history);
    assert_eq!(details.len(), map::ALERT_HISTORY_MAX);
    assert_eq!(details[0].section, "Alert history");
    assert_eq!(details[0].label, "2024-01-25 08:00");
    assert_eq!(&*details[0].value, "port 443 Down (email)");
    assert_eq!(details[19].label, "2024-01-06 08:00");
}

#[test]
fn a_visitor_never_carries_the_bsn_or_date_of_birth() {
    let list: wire::ColocationListVisitor = parse(
        "<Colocation_List_Visitor><Status>Success1</Status><Visitors><Item><Identifier>31</Identifier><FirstName>Piet</FirstName>\
         <LastName>Visser</LastName><Location>242</Location><Status>Active</Status></Item></Visitors></Colocation_List_Visitor>",
        &wire::COLOCATION_LIST_VISITOR,
    );
    let get_body = "<Colocation_Get_Visitor><Status>Success1</Status><General><FirstName>Piet</FirstName><DateofBirth>02-03-1981</DateofBirth>\
         <PersNumber>111222333</PersNumber><Country>NL</Country><ScanDate>01-01-2024</ScanDate><Location>242</Location></General>\
         <Access><FingerprintIdentifier>FP-9</FingerprintIdentifier><Status>Approved</Status></Access>\
         <Logging><Item><Timestamp>04-01-2024 07:55</Timestamp><Action>entered</Action></Item></Logging></Colocation_Get_Visitor>";
    let get: wire::ColocationGetVisitor = parse(get_body, &wire::COLOCATION_GET_VISITOR);
    assert!(!format!("{get:?}").contains("111222333"));
    let visitor = map::visitor("cp", &list.visitors.items[0], Some(&get));
    assert_eq!(visitor.name, "Piet Visser");
    assert_eq!(visitor.location, "SmartDC");
    assert_eq!(visitor.status, "Approved");
    let text = format!("{visitor:?}");
    assert!(
        !text.contains("111222333") && !text.contains("02-03-1981"),
        "{text}"
    );
    assert!(visitor
        .details
        .iter()
        .any(|d| d.section == "Access" && &*d.value == "FP-9"));
    assert!(visitor
        .details
        .iter()
        .any(|d| d.section == "Log" && &*d.value == "entered"));
}

#[test]
fn a_visit_maps_its_key_arrival_term_and_guests() {
    let list: wire::ColocationListVisit = parse(
        "<Colocation_List_Visit><Status>Success1</Status><Visits><Item><Identifier>8</Identifier><DateArrival>10-06-2024</DateArrival>\
         <VisitKey>VK-123</VisitKey><Term>2</Term></Item></Visits></Colocation_List_Visit>",
        &wire::COLOCATION_LIST_VISIT,
    );
    let get: wire::ColocationGetVisit = parse(
        "<Colocation_Get_Visit><Status>Success1</Status><General><VisitorIdentifiers>FP-9,FP-10</VisitorIdentifiers><Guest1>Ann Bos</Guest1></General>\
         <Reason>swap disk</Reason></Colocation_Get_Visit>",
        &wire::COLOCATION_GET_VISIT,
    );
    let visit = map::visit("cp", &list.visits.items[0], Some(&get));
    assert_eq!(visit.visit_key, "VK-123");
    assert_eq!(visit.term_days, Some(2));
    assert_eq!(visit.arrival, Some(days_from_civil(2024, 6, 10) * DAY_MS));
    let values: Vec<_> = visit.details.iter().map(|d| &*d.value).collect();
    assert!(
        values.contains(&"swap disk")
            && values.contains(&"Ann Bos")
            && values.contains(&"FP-9,FP-10")
    );
}

#[test]
fn power_states_statuses_and_sizes_are_read_leniently() {
    assert_eq!(PowerState::from_status(Some("Online")), PowerState::On);
    assert_eq!(PowerState::from_status(Some("offline")), PowerState::Off);
    assert_eq!(
        PowerState::from_status(Some("Installing")),
        PowerState::Unknown("Installing".into())
    );
    assert!(map::is_virtual(Some("VPS")) && map::is_virtual(Some("virtueel")));
    assert!(!map::is_virtual(Some("Dedicated")) && !map::is_virtual(None));
    assert!(map::port_is_down(Some("DOWN")) && map::port_is_down(Some("0")));
    assert!(!map::port_is_down(Some("Up")) && !map::port_is_down(None));
    assert_eq!(map::memory_gb("16384 MB"), Some(16.0));
    assert_eq!(map::memory_gb("1 TB"), Some(1024.0));
    assert_eq!(map::memory_gb("lots"), None);
    assert_eq!(map::cpu_count("2x Xeon E5"), Some(2));
    assert_eq!(map::cpu_count("Intel Xeon"), None);
}
