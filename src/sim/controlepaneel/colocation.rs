//! Module `colocation`: visitors (with fingerprint access status and a log)
//! and datacenter visits. The demo account has access to the module, so the
//! documented `Error1` ("Geen toegang tot colocatie module") never occurs.

use super::dates;
use super::proto::{reply, Params, UNKNOWN_ERROR};
use super::world::{Visit, Visitor, VisitorLog, World};
use super::xml::El;
use crate::sim::SplitMix64;

const VISITOR_FIELDS: [&str; 9] = [
    "FirstName",
    "LastName",
    "DateofBirth",
    "PhoneNumber",
    "EmailAddress",
    "Country",
    "ScanDate",
    "PersNumber",
    "Location",
];

pub fn run(world: &mut World, action: &str, params: &Params, now: i64) -> Option<El> {
    let answer = match action {
        "add_visitor" => add_visitor(world, params, now),
        "get_visitor" => get_visitor(world, params),
        "list_visitor" => list_visitor(world),
        "add_visit" => add_visit(world, params, now),
        "get_visit" => get_visit(world, params),
        "list_visit" => list_visit(world),
        _ => return None,
    };
    Some(answer)
}

/// Adds a visitor waiting for a fingerprint scan. The document has no
/// code for missing variables, so only a duplicate (same name and date of
/// birth) is refused.
fn add_visitor(world: &mut World, params: &Params, now: i64) -> El {
    const ROOT: &str = "Colocation_Add_Visitor";
    let input = params.input(&VISITOR_FIELDS);
    let (first, last, birth) = (
        params.text("FirstName"),
        params.text("LastName"),
        params.text("DateofBirth"),
    );
    let exists = world.visitors.iter().any(|v| {
        v.first_name.eq_ignore_ascii_case(&first)
            && v.last_name.eq_ignore_ascii_case(&last)
            && v.birth_day == birth
    });
    if exists {
        return reply(ROOT, "Error2", "Colocatie bezoeker bestaat al").child(input);
    }
    let id = world.new_id();
    let fingerprint = world.new_id();
    world.visitors.push(Visitor {
        id,
        first_name: first,
        last_name: last,
        birth_day: birth,
        phone: params.text("PhoneNumber"),
        email: params.text("EmailAddress"),
        country: params.text("Country").to_ascii_uppercase(),
        scan_day: params.text("ScanDate"),
        pers_number: params.text("PersNumber"),
        location: params.text("Location"),
        fingerprint,
        access: "Pending",
        log: vec![VisitorLog {
            minutes: now,
            action: "Aangemeld via API".into(),
        }],
    });
    reply(ROOT, "Success1", "Colocatie bezoeker toegevoegd").child(input)
}

fn get_visitor(world: &World, params: &Params) -> El {
    const ROOT: &str = "Colocation_Get_Visitor";
    let input = params.input(&["Identifier"]);
    let id = params.text("Identifier");
    let Some(v) = world.visitors.iter().find(|v| v.id.to_string() == id) else {
        return reply(ROOT, "Error2", "Colocatie bezoeker niet gevonden").child(input);
    };
    let general = El::new("General")
        .text("FirstName", v.first_name.as_str())
        .text("LastName", v.last_name.as_str())
        .text("DateofBirth", v.birth_day.as_str())
        .text("PhoneNumber", v.phone.as_str())
        .text("EmailAddress", v.email.as_str())
        .text("Country", v.country.as_str())
        .text("ScanDate", v.scan_day.as_str())
        .text("PersNumber", v.pers_number.as_str())
        .text("Location", v.location.as_str());
    let access = El::new("Access")
        .text("FingerprintIdentifier", v.fingerprint.to_string())
        .text("Status", v.access);
    let log = v.log.iter().map(|entry| {
        El::new("Item")
            .text("Timestamp", dates::timestamp(entry.minutes))
            .text("Action", entry.action.as_str())
    });
    reply(ROOT, "Success1", "Colocatie bezoeker gevonden")
        .child(input)
        .child(general)
        .child(access)
        .child(El::items("Logging", log))
}

fn list_visitor(world: &World) -> El {
    let items = world.visitors.iter().map(|v| {
        El::new("Item")
            .text("Identifier", v.id.to_string())
            .text("FirstName", v.first_name.as_str())
            .text("LastName", v.last_name.as_str())
            .text("Location", v.location.as_str())
            .text("Status", v.access)
    });
    reply(
        "Colocation_List_Visitor",
        "Success1",
        "Colocatie bezoekers opgehaald",
    )
    .child(El::items("Visitors", items))
}

/// Requests a visit and notes it in each visitor's log. Unknown
/// FingerprintIdentifiers, a bad date or term answer the documented unknown
/// error (`Error2`).
fn add_visit(world: &mut World, params: &Params, now: i64) -> El {
    const ROOT: &str = "Colocation_Add_Visit";
    // The echo order is the document's (DateArrival first), not the variable table's.
    let input = params.input(&[
        "DateArrival",
        "Term",
        "Reason",
        "VisitorIdentifiers",
        "Guest1",
        "Guest2",
        "Guest3",
    ]);
    let Some(visit) = requested_visit(world, params) else {
        return reply(ROOT, "Error2", UNKNOWN_ERROR).child(input);
    };
    let key = visit.key.clone();
    let note = format!("Toegang aangevraagd voor {}", dates::date(visit.arrival));
    for visitor in &mut world.visitors {
        if visit
            .fingerprints
            .split(',')
            .any(|f| f == visitor.fingerprint.to_string())
        {
            visitor.log.push(VisitorLog {
                minutes: now,
                action: note.clone(),
            });
        }
    }
    world.visits.push(visit);
    reply(ROOT, "Success1", "Datacenter toegang aangevraagd")
        .child(input)
        .child(El::new("Output").text("VisitKey", key))
}

fn requested_visit(world: &mut World, params: &Params) -> Option<Visit> {
    let fingerprints: Vec<&str> = params
        .required("VisitorIdentifiers")?
        .split(',')
        .map(str::trim)
        .collect();
    let known = |f: &&str| {
        world
            .visitors
            .iter()
            .any(|v| v.fingerprint.to_string() == *f)
    };
    if !fingerprints.iter().all(known) {
        return None;
    }
    let arrival = dates::parse_date(params.required("DateArrival")?)?;
    let term_days = params
        .text("Term")
        .parse::<u32>()
        .ok()
        .filter(|t| *t >= 1)?;
    let reason = params.required("Reason")?.to_string();
    let id = world.new_id();
    Some(Visit {
        id,
        key: visit_key(world.seed ^ id),
        fingerprints: fingerprints.join(","),
        guests: ["Guest1", "Guest2", "Guest3"].map(|g| params.text(g)),
        arrival,
        term_days,
        reason,
    })
}

/// `K7Q2-M9XA`: the access key of a visit (format invented).
pub fn visit_key(seed: u64) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = SplitMix64::new(seed);
    let mut key: String = (0..8)
        .map(|_| char::from(ALPHABET[rng.below(ALPHABET.len() as u64) as usize]))
        .collect();
    key.insert(4, '-');
    key
}

fn get_visit(world: &World, params: &Params) -> El {
    const ROOT: &str = "Colocation_Get_Visit";
    let input = params.input(&["Identifier"]);
    let id = params.text("Identifier");
    let Some(visit) = world.visits.iter().find(|v| v.id.to_string() == id) else {
        let text = "Datacenter toegang verzoek niet gevonden";
        return reply(ROOT, "Error2", text).child(input);
    };
    let general = El::new("General")
        .text("VisitKey", visit.key.as_str())
        .text("VisitorIdentifiers", visit.fingerprints.as_str())
        .text("Guest1", visit.guests[0].as_str())
        .text("Guest2", visit.guests[1].as_str())
        .text("Guest3", visit.guests[2].as_str())
        .text("DateArrival", dates::date(visit.arrival))
        .text("Term", visit.term_days.to_string());
    // `Reason` sits outside `General`, as in the document.
    reply(ROOT, "Success1", "Datacenter toegang verzoek gevonden")
        .child(input)
        .child(general)
        .text("Reason", visit.reason.as_str())
}

fn list_visit(world: &World) -> El {
    let items = world.visits.iter().map(|v| {
        El::new("Item")
            .text("Identifier", v.id.to_string())
            .text("DateArrival", dates::date(v.arrival))
            .text("VisitKey", v.key.as_str())
            .text("Term", v.term_days.to_string())
    });
    reply(
        "Colocation_List_Visit",
        "Success1",
        "Datacenter toegang verzoeken opgehaald",
    )
    .child(El::items("Visits", items))
}
