//! Deterministic controlepaneel fixtures from a seed, dated relative to
//! today (the same seed on the same day gives the same account): 30
//! domains (four expiring within 30 days, one cancelled, about half
//! locked, `.be` without a lock; each registered in the past and running
//! its yearly contract), five contacts (one unused), and the colocation
//! visitors and visits. Every value is invented: the document's examples
//! are all empty elements.

use super::colocation::visit_key;
use super::dates::{self, MINUTES_PER_DAY};
use super::domains::yearly_price;
use super::server_fixtures;
use super::world::{
    Contact, Domain, DomainStatus, HistoryEntry, Visit, Visitor, VisitorLog, World,
};
use crate::sim::SplitMix64;

/// Domains in the simulated account.
pub const DOMAIN_COUNT: usize = 30;
/// Days to expiry of the first domains (all within 30 days).
const EXPIRING_IN: [i64; 4] = [6, 13, 21, 28];
/// The index of the domain cancelled at the end of its period.
const CANCELLED: usize = 4;
/// Identifiers handed out by add and order actions start above this.
const FIRST_NEW_ID: u64 = 100_000;

const SLDS: [&str; DOMAIN_COUNT] = [
    "bakkerij-jansen",
    "fietsenmaker-utrecht",
    "tulpenkwekerij",
    "de-groene-vork",
    "vdberg-webdesign",
    "jansen-ict",
    "kaasboerderij-gouda",
    "zeilschool-friesland",
    "hostdeck-demo",
    "devries-advocaten",
    "brouwerij-het-anker",
    "pannenkoekenhuis",
    "klusbedrijf-smit",
    "dierenarts-zwolle",
    "antwerpse-diamant",
    "frietkot-gent",
    "muziekschool-dorado",
    "boekhandel-de-pen",
    "tandarts-amersfoort",
    "camping-de-duinen",
    "installatiebedrijf-bos",
    "yoga-amsterdam",
    "fotostudio-licht",
    "autobedrijf-visser",
    "bloemist-roos",
    "schildersbedrijf-dewit",
    "reisbureau-zonnig",
    "webshop-sokken",
    "koffiebar-bonen",
    "stichting-natuurpad",
];
/// Extensions in rotation (.nl most often).
const TLD_CYCLE: [&str; 8] = ["nl", "com", "nl", "eu", "be", "nl", "net", "org"];
const NAMESERVER_SETS: [&[&str]; 3] = [
    &["ns1.dns-demo.nl", "ns2.dns-demo.nl", "ns3.dns-demo.eu"],
    &["ns1.mijnhosting.example", "ns2.mijnhosting.example"],
    &[
        "dns1.webhuis.example",
        "dns2.webhuis.example",
        "dns3.webhuis.example",
    ],
];

/// The whole simulated account on day `today` (days since 1970-01-01).
pub fn build(seed: u64, today: i64) -> World {
    let contacts = contacts();
    World {
        seed,
        domains: domains(DOMAIN_COUNT, seed, today, &contacts),
        contacts,
        servers: server_fixtures::servers(seed, today),
        ips: server_fixtures::ips(),
        profiles: server_fixtures::profiles(today),
        visitors: visitors(today),
        visits: visits(seed, today),
        next_id: FIRST_NEW_ID,
        ..World::default()
    }
}

/// `count` domains; the first 30 are the account's, more get a number suffix.
pub fn domains(count: usize, seed: u64, today: i64, contacts: &[Contact]) -> Vec<Domain> {
    let mut rng = SplitMix64::new(seed ^ 0x00D0_3A14);
    let offset = rng.below(TLD_CYCLE.len() as u64) as usize;
    (0..count)
        .map(|i| {
            domain(
                i,
                TLD_CYCLE[(i + offset) % TLD_CYCLE.len()],
                &mut rng,
                today,
                contacts,
            )
        })
        .collect()
}

fn domain(
    index: usize,
    tld: &str,
    rng: &mut SplitMix64,
    today: i64,
    contacts: &[Contact],
) -> Domain {
    let sld = match index / DOMAIN_COUNT {
        0 => SLDS[index].to_string(),
        round => format!("{}{}", SLDS[index % DOMAIN_COUNT], round + 1),
    };
    // Within the running yearly contract, so that it and the registration
    // (whole years earlier) have started by today.
    let expires = match EXPIRING_IN.get(index) {
        Some(days) => today + days,
        None => today + 35 + rng.below(330) as i64,
    };
    let registered = dates::add_years(expires, -(1 + rng.below(9) as i64));
    let lock_available = tld != "be";
    // The first four contacts are in use; the fifth stays unused.
    let contact = |n: usize| contacts.get(n % 4).map_or(0, |c| c.id);
    let nameservers = NAMESERVER_SETS[rng.below(NAMESERVER_SETS.len() as u64) as usize];
    let mut domain = Domain {
        id: 70_001 + index as u64,
        sld,
        tld: tld.to_string(),
        registered,
        expires,
        locked: lock_available && index.is_multiple_of(2),
        lock_available,
        registrar_accepts_contacts: lock_available,
        status: DomainStatus::Active,
        nameservers: nameservers.iter().map(|s| s.to_string()).collect(),
        owner: contact(index),
        admin: contact(0),
        tech: contact(1 + index % 2),
        price_cents: yearly_price(tld),
        period_months: 12,
        termination: None,
        epp_requests: 0,
        history: Vec::new(),
    };
    domain.history = history(&domain, rng);
    if index == CANCELLED {
        cancel(&mut domain, today);
    }
    domain
}

/// Registration, then the yearly renewals (the last three at most).
fn history(domain: &Domain, rng: &mut SplitMix64) -> Vec<HistoryEntry> {
    let at =
        |day: i64, rng: &mut SplitMix64| day * MINUTES_PER_DAY + 8 * 60 + rng.below(600) as i64;
    let entry = |action: &str, minutes: i64| HistoryEntry {
        action: action.to_string(),
        response: "Command completed successfully".into(),
        processed: true,
        minutes,
    };
    let mut entries = vec![entry("Registratie", at(domain.registered, rng))];
    let mut renewal = dates::add_years(domain.registered, 1);
    let mut renewals = Vec::new();
    while renewal <= domain.contract_start() {
        renewals.push(entry("Verlenging", at(renewal, rng)));
        renewal = dates::add_years(renewal, 1);
    }
    let skip = renewals.len().saturating_sub(3);
    entries.extend(renewals.into_iter().skip(skip));
    entries
}

fn cancel(domain: &mut Domain, today: i64) {
    domain.status = DomainStatus::Cancelled;
    domain.termination = Some(domain.expires);
    let end = dates::date(domain.expires);
    domain.log(
        format!("Opgezegd per {end}"),
        (today - 3) * MINUTES_PER_DAY + 14 * 60,
    );
}

/// The five domain contacts; the fifth (German) is used by no domain.
pub fn contacts() -> Vec<Contact> {
    let rows: [[&str; 15]; 5] = [
        [
            "VDBERG-BV",
            "Van den Berg Webdesign B.V.",
            "12345678",
            "BV",
            "NL001234567B01",
            "m",
            "Pieter",
            "van den Berg",
            "Keizersgracht 123",
            "1015 CJ",
            "Amsterdam",
            "NL",
            "info@vdberg-webdesign.example",
            "+31.201234567",
            "+31.201234568",
        ],
        [
            "JANSEN-ICT",
            "Jansen ICT",
            "87654321",
            "Eenmanszaak",
            "NL002345678B01",
            "v",
            "Anna Maria",
            "Jansen",
            "Oudegracht 45",
            "3511 AB",
            "Utrecht",
            "NL",
            "anna@jansen-ict.example",
            "+31.302345678",
            "",
        ],
        [
            "DEVRIES-S",
            "",
            "",
            "",
            "",
            "m",
            "Sander",
            "de Vries",
            "Grote Markt 7",
            "9711 LV",
            "Groningen",
            "NL",
            "sander.devries@example.nl",
            "+31.503456789",
            "",
        ],
        [
            "PEETERS-BV",
            "Peeters & Zonen BV",
            "0456789123",
            "BV",
            "BE0456789123",
            "v",
            "Lotte",
            "Peeters",
            "Meir 10",
            "2000",
            "Antwerpen",
            "BE",
            "lotte@peeters-zonen.example",
            "+32.34567890",
            "",
        ],
        [
            "MUELLER-GMBH",
            "Müller IT GmbH",
            "HRB 123456",
            "GmbH",
            "DE123456789",
            "m",
            "Jonas",
            "Müller",
            "Friedrichstraße 12",
            "10117",
            "Berlin",
            "DE",
            "jonas.mueller@example.de",
            "+49.301234567",
            "+49.301234568",
        ],
    ];
    rows.iter()
        .zip(3101..)
        .map(|(r, id)| Contact {
            id,
            handle: r[0].into(),
            company_name: r[1].into(),
            company_number: r[2].into(),
            legal_form: r[3].into(),
            tax_number: r[4].into(),
            gender: r[5].into(),
            first_name: r[6].into(),
            last_name: r[7].into(),
            address: r[8].into(),
            zip_code: r[9].into(),
            city: r[10].into(),
            country: r[11].into(),
            email: r[12].into(),
            phone: r[13].into(),
            fax: r[14].into(),
        })
        .collect()
}

/// Three visitors with different access statuses (BSNs are invented test numbers).
fn visitors(today: i64) -> Vec<Visitor> {
    let rows = [
        (
            "Jan",
            "de Boer",
            "12-05-1984",
            "NL",
            "123456782",
            "243",
            "Active",
            400,
        ),
        (
            "Fatima",
            "El Amrani",
            "03-11-1991",
            "NL",
            "111222333",
            "242",
            "Pending",
            2,
        ),
        (
            "Thomas",
            "Wouters",
            "27-08-1979",
            "BE",
            "",
            "241",
            "Expired",
            900,
        ),
    ];
    rows.iter()
        .zip(0u64..)
        .map(|(r, n)| {
            let (first, last, birth, country, bsn, location, access, scanned_ago) = *r;
            let scan = today - scanned_ago;
            let log = if access == "Pending" {
                vec![visitor_log(scan, 10 * 60, "Aangemeld")]
            } else {
                vec![
                    visitor_log(scan, 10 * 60, "Aangemeld"),
                    visitor_log(scan, 11 * 60, "Vingerafdruk ingescand"),
                    visitor_log(today - 20, 9 * 60 + 12, "Binnenkomst"),
                ]
            };
            Visitor {
                id: 401 + n,
                first_name: first.into(),
                last_name: last.into(),
                birth_day: birth.into(),
                phone: format!("+31.61234500{n}"),
                email: format!("{}@example.nl", first.to_ascii_lowercase()),
                country: country.into(),
                scan_day: dates::date(scan),
                pers_number: bsn.into(),
                location: location.into(),
                fingerprint: 700_101 + n,
                access,
                log,
            }
        })
        .collect()
}

fn visitor_log(day: i64, minute: i64, action: &str) -> VisitorLog {
    VisitorLog {
        minutes: day * MINUTES_PER_DAY + minute,
        action: action.into(),
    }
}

/// Four visits: two past, two ahead, terms of 1 to 3 days.
fn visits(seed: u64, today: i64) -> Vec<Visit> {
    let rows = [
        (-20, 1, "700101", "Vervangen defecte schijf", ["", "", ""]),
        (
            -3,
            2,
            "700101,700102",
            "Installatie nieuwe server",
            ["Kees Mulder", "", ""],
        ),
        (2, 1, "700102", "Kabelwerk rack A12", ["", "", ""]),
        (
            9,
            3,
            "700101",
            "Migratie naar nieuwe kast",
            ["Eva Smit", "Bram de Wit", ""],
        ),
    ];
    rows.iter()
        .zip(601u64..)
        .map(|(r, id)| Visit {
            id,
            key: visit_key(seed ^ id),
            fingerprints: r.2.into(),
            guests: r.4.map(String::from),
            arrival: today + r.0,
            term_days: r.1,
            reason: r.3.into(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A day in a leap year, and today.
    fn days() -> [i64; 2] {
        [
            crate::model::time::days_from_civil(2028, 2, 29),
            dates::day_of(dates::now_minutes()),
        ]
    }

    #[test]
    fn no_fixture_date_lies_ahead_except_expiries_and_planned_visits() {
        for today in days() {
            for seed in 0..40 {
                let world = build(seed, today);
                let end_of_today = (today + 1) * MINUTES_PER_DAY;
                for domain in &world.domains {
                    let name = domain.name();
                    assert!(domain.registered <= today, "{name} registered ahead");
                    assert!(domain.contract_start() <= today, "{name} contract ahead");
                    assert!(domain.expires > today, "{name} expired");
                    assert!(domain.history.iter().all(|h| h.minutes < end_of_today));
                }
                let servers = &world.servers;
                assert!(servers.iter().all(|s| s.contract_day <= today));
                let alerts = world.profiles.iter().flat_map(|p| &p.history);
                assert!(alerts.clone().all(|a| a.minutes < today * MINUTES_PER_DAY));
                let logs = world.visitors.iter().flat_map(|v| &v.log);
                assert!(logs.clone().all(|l| l.minutes < end_of_today));
            }
        }
    }

    #[test]
    fn the_same_seed_on_the_same_day_builds_the_same_account() {
        for today in days() {
            assert_eq!(build(7, today), build(7, today));
            assert_ne!(build(7, today), build(8, today));
            let (one, next) = (build(7, today), build(7, today + 1));
            assert_eq!(one.domains[0].expires + 1, next.domains[0].expires);
            assert_eq!(one.visits[0].arrival + 1, next.visits[0].arrival);
        }
    }
}
