//! Module `domains`: the domain actions (check, details, contacts, DNS,
//! transfer code, lock, cancel, history, list), with the document's status
//! codes and Dutch texts. Contacts and the cart live in `contacts` and `cart`.

use super::cart;
use super::contacts;
use super::dates;
use super::proto::{action, euros, reply, Params, UNKNOWN_ERROR};
use super::world::{Domain, DomainStatus, World};
use super::xml::El;

const NOT_FOUND: &str = "Domeinnaam niet gevonden";
const FOUND: &str = "Domeinnaam gevonden";
/// Extensions `check` knows (others answer `Error2`).
pub const TLDS: [&str; 8] = ["nl", "com", "net", "org", "eu", "be", "de", "info"];
/// Names shorter than this are taken elsewhere (`check` answers `Success2`).
const SHORT_NAME: usize = 6;
const SLD_TLD: [&str; 2] = ["SLD", "TLD"];

pub fn run(world: &mut World, action: &str, params: &Params, now: i64) -> Option<El> {
    let answer = match action {
        "check" => check(world, params),
        "get_details" => get_details(world, params, now),
        "edit_details" => edit_details(world, params, now),
        "edit_dns" => edit_dns(world, params, now),
        "request_epp" => request_epp(world, params, now),
        "edit_lock" => edit_lock(world, params, now),
        "cancel" => cancel(world, params, now),
        "cancel_direct" => cancel_direct(world, params, now),
        "get_history" => get_history(world, params),
        "list" => list_answer(&world.domains),
        "add_to_cart" => cart::add_to_cart(world, params),
        "order_cart" => cart::order_cart(world, now),
        other => return contacts::run(world, other, params),
    };
    Some(answer)
}

/// Finds the domain of `SLD`/`TLD` and lets `change` fill the Action blocks.
fn with_domain(
    world: &mut World,
    params: &Params,
    root: &'static str,
    inputs: &[&'static str],
    change: impl FnOnce(&mut World, usize) -> Vec<El>,
) -> El {
    let input = params.input(inputs);
    match world.domain_index(&params.text("SLD"), &params.text("TLD")) {
        None => reply(root, "Error1", NOT_FOUND).child(input),
        Some(index) => reply(root, "Success1", FOUND)
            .child(input)
            .children(change(world, index)),
    }
}

fn check(world: &World, params: &Params) -> El {
    let sld = params.text("SLD").to_ascii_lowercase();
    let tld = params
        .text("TLD")
        .trim_start_matches('.')
        .to_ascii_lowercase();
    let (code, text) = availability(world, &sld, &tld);
    reply("Domains_Check", code, text).child(params.input(&SLD_TLD))
}

fn availability(world: &World, sld: &str, tld: &str) -> (&'static str, &'static str) {
    if sld.chars().count() < 3 {
        ("Error1", "Domeinnaam te kort (minimaal 3 karakters)")
    } else if !TLDS.contains(&tld) {
        ("Error2", "Domeinnaam extensie niet gevonden")
    } else if !valid_label(sld) {
        ("Error4", UNKNOWN_ERROR)
    } else if in_quarantine(world, sld, tld) {
        ("Error3", "Domeinnaam is in quarantaine")
    } else if is_registered(world, sld, tld) {
        ("Success2", "Domeinnaam beschikbaar voor verhuizing")
    } else {
        ("Success1", "Domeinnaam beschikbaar voor registratie")
    }
}

fn valid_label(sld: &str) -> bool {
    sld.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !sld.starts_with('-')
        && !sld.ends_with('-')
}

/// Deleted with `cancel_direct` and not yet free again.
fn in_quarantine(world: &World, sld: &str, tld: &str) -> bool {
    world.domain_index(sld, tld).is_none()
        && world.domains.iter().any(|d| {
            d.status == DomainStatus::Deleted
                && d.sld.eq_ignore_ascii_case(sld)
                && d.tld.eq_ignore_ascii_case(tld)
        })
}

/// Ours, or taken elsewhere (every name shorter than six characters is).
pub fn is_registered(world: &World, sld: &str, tld: &str) -> bool {
    world.domain_index(sld, tld).is_some() || sld.chars().count() < SHORT_NAME
}

fn get_details(world: &World, params: &Params, now: i64) -> El {
    const ROOT: &str = "Domains_Get_Details";
    let Some(index) = world.domain_index(&params.text("SLD"), &params.text("TLD")) else {
        return reply(ROOT, "Error1", NOT_FOUND);
    };
    let domain = &world.domains[index];
    let description = format!("Domeinnaam details van {}", domain.name());
    reply(ROOT, "Success1", description)
        .child(general(domain))
        .child(nameservers(domain))
        .child(handles(world, domain))
        .child(contract(domain, dates::day_of(now)))
}

fn general(domain: &Domain) -> El {
    let lock = if domain.locked { "Locked" } else { "Unlocked" };
    El::new("General")
        .text("Identifier", domain.id.to_string())
        .text("Domain", domain.sld.as_str())
        .text("Tld", domain.tld.as_str())
        .text("RegistrationDate", dates::date(domain.registered))
        .text("ExpirationDate", dates::date(domain.expires))
        .text("LockStatus", lock)
        .text("Status", domain.status.name())
}

fn nameservers(domain: &Domain) -> El {
    let ns = |n: usize| domain.nameservers.get(n).cloned().unwrap_or_default();
    El::new("DNS")
        .text("DNS1", ns(0))
        .text("DNS2", ns(1))
        .text("DNS3", ns(2))
}

fn handles(world: &World, domain: &Domain) -> El {
    El::new("Contacts")
        .text("OwnerHandle", world.contact_handle(domain.owner))
        .text("AdminHandle", world.contact_handle(domain.admin))
        .text("TechHandle", world.contact_handle(domain.tech))
}

fn contract(domain: &Domain, today: i64) -> El {
    let renews = domain.status == DomainStatus::Active;
    // The renewal is invoiced two weeks before the period ends (or today, if later).
    let next = renews.then(|| dates::date((domain.expires - 14).max(today)));
    El::new("Contract")
        .text("PriceExcl", euros(domain.price_cents))
        .text("Period", domain.period_months.to_string())
        .text("StartContract", dates::date(domain.contract_start()))
        .text("EndContract", dates::date(domain.expires))
        .text("NextDate", next.unwrap_or_default())
        .text(
            "TerminationDate",
            domain.termination.map(dates::date).unwrap_or_default(),
        )
}

fn edit_details(world: &mut World, params: &Params, now: i64) -> El {
    const INPUTS: [&str; 5] = ["SLD", "TLD", "OwnerHandle", "AdminHandle", "TechHandle"];
    with_domain(
        world,
        params,
        "Domains_Edit_Contacts",
        &INPUTS,
        |world, i| {
            let Some(ids) = requested_handles(world, params) else {
                return vec![
                    action("Action1", "Error1", "Domeinnaam contacten niet gewijzigd"),
                    action(
                        "Action2",
                        "Error1",
                        "Domeinnaam contacten niet gewijzigd bij registrar",
                    ),
                ];
            };
            let domain = &mut world.domains[i];
            [domain.owner, domain.admin, domain.tech] = ids;
            vec![
                action("Action1", "Success1", "Domeinnaam contacten gewijzigd"),
                registrar_contacts(domain, now),
            ]
        },
    )
}

/// The contact ids named by `OwnerHandle`, `AdminHandle` and `TechHandle`.
fn requested_handles(world: &World, params: &Params) -> Option<[u64; 3]> {
    let id = |name: &str| Some(world.contact_by_handle(params.required(name)?)?.id);
    Some([id("OwnerHandle")?, id("AdminHandle")?, id("TechHandle")?])
}

/// Action2: the registrar's side. Some registrars (in the fixtures: .be)
/// refuse, so the change is stored in the panel only.
fn registrar_contacts(domain: &mut Domain, now: i64) -> El {
    domain.log("Contacten gewijzigd", now);
    if domain.registrar_accepts_contacts {
        let text = "Domeinnaam contacten gewijzigd bij registrar";
        return action("Action2", "Success1", text);
    }
    domain.fail_last("2306 Parameter value policy error");
    let text = "Domeinnaam contacten niet gewijzigd bij registrar";
    action("Action2", "Error1", text)
}

fn edit_dns(world: &mut World, params: &Params, now: i64) -> El {
    const INPUTS: [&str; 5] = ["SLD", "TLD", "DNS1", "DNS2", "DNS3"];
    with_domain(world, params, "Domains_Edit_DNS", &INPUTS, |world, i| {
        let domain = &mut world.domains[i];
        let name = domain.name();
        let Some(servers) = requested_nameservers(params) else {
            let text = format!("Nameservers van {name} zijn niet gewijzigd");
            return vec![action("Action1", "Error1", text)];
        };
        domain.log(
            format!("Nameservers gewijzigd: {}", servers.join(", ")),
            now,
        );
        domain.nameservers = servers;
        let text = format!("Nameservers van {name} zijn gewijzigd");
        vec![action("Action1", "Success1", text)]
    })
}

/// DNS1 and DNS2 (required) and DNS3 (if sent), each a host name.
pub fn requested_nameservers(params: &Params) -> Option<Vec<String>> {
    let mut servers = vec![
        params.required("DNS1")?.to_ascii_lowercase(),
        params.required("DNS2")?.to_ascii_lowercase(),
    ];
    servers.extend(params.required("DNS3").map(str::to_ascii_lowercase));
    servers.iter().all(|s| is_host_name(s)).then_some(servers)
}

fn is_host_name(name: &str) -> bool {
    let name = name.trim_end_matches('.');
    name.contains('.')
        && name
            .split('.')
            .all(|label| !label.is_empty() && valid_label(label))
}

fn request_epp(world: &mut World, params: &Params, now: i64) -> El {
    with_domain(
        world,
        params,
        "Domains_Request_EPP",
        &SLD_TLD,
        |world, i| {
            let mailable = [world.domains[i].owner, world.domains[i].admin]
                .iter()
                .any(|id| contact_has_email(world, *id));
            let domain = &mut world.domains[i];
            let name = domain.name();
            domain.epp_requests += 1;
            domain.log("Verhuiscode opgevraagd", now);
            if mailable {
                let text = format!("De verhuiscode van {name} is verzonden naar de Houder en/of het Administratief contact");
                return vec![action("Action1", "Success1", text)];
            }
            if let Some(entry) = domain.history.last_mut() {
                entry.response = "Geen e-mailadres bekend".into();
                entry.processed = false;
            }
            let text = format!("De verhuiscode van {name} is niet verzonden naar de Houder en/of het Administratief contact");
            vec![action("Action1", "Error1", text)]
        },
    )
}

/// Contacts made through the API have no e-mail address (the document has no input for it).
fn contact_has_email(world: &World, id: u64) -> bool {
    world
        .contacts
        .iter()
        .any(|c| c.id == id && !c.email.is_empty())
}

fn edit_lock(world: &mut World, params: &Params, now: i64) -> El {
    with_domain(world, params, "Domains_Edit_Lock", &SLD_TLD, |world, i| {
        let domain = &mut world.domains[i];
        let name = domain.name();
        if !domain.lock_available {
            return vec![action(
                "Action1",
                "Error4",
                "Domeinnaam lock niet beschikbaar",
            )];
        }
        domain.locked = !domain.locked;
        let (code, done, log) = if domain.locked {
            ("Success2", "vergrendeld", "Domeinnaam vergrendeld")
        } else {
            ("Success1", "ontgrendeld", "Domeinnaam ontgrendeld")
        };
        domain.log(log, now);
        vec![action(
            "Action1",
            code,
            format!("Domeinnaam {name} is {done}"),
        )]
    })
}

fn cancel(world: &mut World, params: &Params, now: i64) -> El {
    with_domain(world, params, "Domains_Cancel", &SLD_TLD, |world, i| {
        let domain = &mut world.domains[i];
        if domain.status == DomainStatus::Cancelled {
            return vec![action(
                "Action1",
                "Error1",
                "Domeinnaam zal niet worden opgezegd",
            )];
        }
        let end = dates::date(domain.expires);
        domain.status = DomainStatus::Cancelled;
        domain.termination = Some(domain.expires);
        domain.log(format!("Opgezegd per {end}"), now);
        // "Succes1" is the document's spelling for this code (L309).
        let text = format!("Domeinnaam zal worden opgezegd op {end}");
        vec![action("Action1", "Succes1", text)]
    })
}

fn cancel_direct(world: &mut World, params: &Params, now: i64) -> El {
    with_domain(
        world,
        params,
        "Domains_Cancel_Direct",
        &SLD_TLD,
        |world, i| {
            let domain = &mut world.domains[i];
            domain.status = DomainStatus::Deleted;
            domain.termination = Some(dates::day_of(now));
            domain.log("Per direct opgezegd", now);
            vec![action(
                "Action1",
                "Success1",
                "Domeinnaam zal worden opgezegd",
            )]
        },
    )
}

fn get_history(world: &World, params: &Params) -> El {
    const ROOT: &str = "Domains_Get_History";
    let input = params.input(&SLD_TLD);
    let Some(index) = world.domain_index(&params.text("SLD"), &params.text("TLD")) else {
        return reply(ROOT, "Error1", NOT_FOUND).child(input);
    };
    let items = world.domains[index].history.iter().map(|entry| {
        El::new("Item")
            .text("Action", entry.action.as_str())
            .text("Response", entry.response.as_str())
            .text("Processed", if entry.processed { "Yes" } else { "No" })
            .text("Date", dates::timestamp(entry.minutes))
    });
    reply(ROOT, "Success1", FOUND)
        .child(input)
        .child(El::items("Results", items))
}

/// `<Domains_List>` of every domain that is not deleted.
pub fn list_answer(domains: &[Domain]) -> El {
    let items = domains
        .iter()
        .filter(|d| d.status != DomainStatus::Deleted)
        .map(|d| {
            El::new("Item")
                .text("Identifier", d.id.to_string())
                .text("SLD", d.sld.as_str())
                .text("TLD", d.tld.as_str())
                .text("RegistrationDate", dates::date(d.registered))
                .text(
                    "TerminationDate",
                    d.termination.map(dates::date).unwrap_or_default(),
                )
                .text("Status", d.status.name())
        });
    reply(
        "Domains_List",
        "Success1",
        "Domeinnamen overzicht opgehaald",
    )
    .child(El::items("Domains", items))
}

/// Yearly price excluding VAT, in cents (invented).
pub fn yearly_price(tld: &str) -> u32 {
    match tld {
        "nl" => 895,
        "com" => 1150,
        "eu" => 795,
        "be" => 850,
        "net" => 1325,
        "org" => 1395,
        _ => 1495,
    }
}
