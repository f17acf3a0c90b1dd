//! Module `domains`, the contact actions: add, edit, delete, get and list
//! domain contacts. The echoes use the document's odd names (`Sex`,
//! `Initials`, `SurName`), and `edit_contact` nests its `Input` in `Action1`.

use super::proto::{action, reply, Params};
use super::world::{Contact, World};
use super::xml::El;

const NOT_FOUND: &str = "Domein contact niet gevonden";
const FOUND: &str = "Domein contact gevonden";

/// The contact fields of add/edit_contact after `Handle`: `(echo element, variable)`.
const FIELDS: [(&str, &str); 13] = [
    ("CompanyName", "CompanyName"),
    ("CompanyNumber", "CompanyNumber"),
    ("LegalForm", "LegalForm"),
    ("TaxNumber", "TaxNumber"),
    ("Sex", "Gender"),
    ("Initials", "FirstName"),
    ("SurName", "LastName"),
    ("Address", "Address"),
    ("ZipCode", "ZipCode"),
    ("City", "City"),
    ("Country", "Country"),
    ("PhoneNumber", "PhoneNumber"),
    ("FaxNumber", "FaxNumber"),
];
/// Variables not marked "(niet verplicht)".
const REQUIRED: [&str; 9] = [
    "Handle",
    "Gender",
    "FirstName",
    "LastName",
    "Address",
    "ZipCode",
    "City",
    "Country",
    "PhoneNumber",
];

pub fn run(world: &mut World, action: &str, params: &Params) -> Option<El> {
    let answer = match action {
        "add_contact" => add_contact(world, params),
        "edit_contact" => edit_contact(world, params),
        "del_contact" => del_contact(world, params),
        "get_contact" => get_contact(world, params),
        "list_contact" => list_contact(world),
        _ => return None,
    };
    Some(answer)
}

fn echo(params: &Params, with_identifier: bool) -> El {
    let mut pairs = vec![("Handle", "Handle")];
    if with_identifier {
        pairs.push(("HandleIdentifier", "HandleIdentifier"));
    }
    pairs.extend(FIELDS);
    params.input_as(&pairs)
}

/// The contact the variables describe, if every required one is valid.
fn requested(params: &Params) -> Option<Contact> {
    if REQUIRED.iter().any(|name| params.required(name).is_none()) {
        return None;
    }
    let gender = params.text("Gender").to_ascii_lowercase();
    let country = params.text("Country").to_ascii_uppercase();
    let valid = ["m", "v"].contains(&gender.as_str())
        && country.len() == 2
        && country.bytes().all(|b| b.is_ascii_uppercase());
    valid.then(|| Contact {
        handle: params.text("Handle"),
        company_name: params.text("CompanyName"),
        company_number: params.text("CompanyNumber"),
        legal_form: params.text("LegalForm"),
        tax_number: params.text("TaxNumber"),
        gender,
        first_name: params.text("FirstName"),
        last_name: params.text("LastName"),
        address: params.text("Address"),
        zip_code: params.text("ZipCode"),
        city: params.text("City"),
        country,
        phone: params.text("PhoneNumber"),
        fax: params.text("FaxNumber"),
        ..Contact::default()
    })
}

/// Whether another contact than `except` already has this handle name.
fn handle_taken(world: &World, handle: &str, except: Option<u64>) -> bool {
    world
        .contacts
        .iter()
        .any(|c| Some(c.id) != except && c.handle.eq_ignore_ascii_case(handle))
}

fn add_contact(world: &mut World, params: &Params) -> El {
    const ROOT: &str = "Domains_Add_Contact";
    let handle = params.text("Handle");
    let contact = requested(params).filter(|c| !handle_taken(world, &c.handle, None));
    let Some(mut contact) = contact else {
        let text = format!("Domein contact {handle} is niet toegevoegd");
        return reply(ROOT, "Error1", text).child(echo(params, false));
    };
    contact.id = world.new_id();
    let id = contact.id;
    world.contacts.push(contact);
    reply(
        ROOT,
        "Success1",
        format!("Domein contact {handle} is toegevoegd"),
    )
    .child(echo(params, false))
    .child(El::new("Output").text("HandleIdentifier", id.to_string()))
}

fn edit_contact(world: &mut World, params: &Params) -> El {
    const ROOT: &str = "Domains_Edit_Contact";
    let Some(index) = world.contact_index(&params.text("HandleIdentifier")) else {
        return reply(ROOT, "Error1", NOT_FOUND);
    };
    let id = world.contacts[index].id;
    let handle = params.text("Handle");
    let result = match requested(params).filter(|c| !handle_taken(world, &c.handle, Some(id))) {
        None => action(
            "Action1",
            "Error1",
            format!("Domein contact {handle} is niet gewijzigd"),
        ),
        Some(changed) => {
            let stored = &mut world.contacts[index];
            *stored = Contact {
                id,
                email: std::mem::take(&mut stored.email),
                ..changed
            };
            // "Succes1" is the document's spelling for this code (L485).
            action(
                "Action1",
                "Succes1",
                format!("Domein contact {handle} is gewijzigd"),
            )
        }
    };
    reply(ROOT, "Success1", FOUND).child(result.child(echo(params, true)))
}

fn del_contact(world: &mut World, params: &Params) -> El {
    const ROOT: &str = "Domains_Del_Contact";
    let input = params.input(&["HandleIdentifier"]);
    let Some(index) = world.contact_index(&params.text("HandleIdentifier")) else {
        return reply(ROOT, "Error1", NOT_FOUND).child(input);
    };
    // A contact still used by a domain is not deleted (not documented; Action1 Error1 fits).
    let result = if world.contact_in_use(world.contacts[index].id) {
        action("Action1", "Error1", "Domein contact niet verwijderd")
    } else {
        world.contacts.remove(index);
        action("Action1", "Success1", "Domein contact verwijderd")
    };
    reply(ROOT, "Success1", FOUND).child(input).child(result)
}

fn get_contact(world: &World, params: &Params) -> El {
    const ROOT: &str = "Domains_Get_Contact";
    let input = params.input(&["HandleIdentifier"]);
    let Some(index) = world.contact_index(&params.text("HandleIdentifier")) else {
        return reply(ROOT, "Error1", NOT_FOUND).child(input);
    };
    let c = &world.contacts[index];
    let output = El::new("Output")
        .text("Handle", c.handle.as_str())
        .text("CompanyName", c.company_name.as_str())
        .text("CompanyNumber", c.company_number.as_str())
        .text("LegalForm", c.legal_form.as_str())
        .text("TaxNumber", c.tax_number.as_str())
        .text("Gender", c.gender.as_str())
        .text("FirstName", c.first_name.as_str())
        .text("LastName", c.last_name.as_str())
        .text("Address", c.address.as_str())
        .text("ZipCode", c.zip_code.as_str())
        .text("City", c.city.as_str())
        .text("Country", c.country.as_str())
        .text("EmailAddress", c.email.as_str())
        .text("PhoneNumber", c.phone.as_str())
        .text("FaxNumber", c.fax.as_str());
    reply(ROOT, "Success1", FOUND).child(input).child(output)
}

fn list_contact(world: &World) -> El {
    let items = world.contacts.iter().map(|c| {
        El::new("Item")
            .text("HandleIdentifier", c.id.to_string())
            .text("Handle", c.handle.as_str())
            .text("CompanyName", c.company_name.as_str())
            .text("Initials", c.initials())
            .text("SurName", c.last_name.as_str())
    });
    reply(
        "Domains_List_Contact",
        "Success1",
        "Domein contacten opgehaald",
    )
    .child(El::items("Results", items))
}
