//! The small labels the tables, the details panels and the headless
//! output share: dates, lock state, days left, contact names, which
//! domains use a contact, and where a colocation visit stands.

use crate::model::time::iso_date;
use crate::model::{Contact, Domain, Millis, Ref, Visit};
use std::collections::HashMap;

const DAY_MS: Millis = 86_400_000;

/// `2026-11-22`, or an empty string when unknown.
pub fn ymd(millis: Option<Millis>) -> String {
    millis.map(iso_date).unwrap_or_default()
}

/// `locked`, `unlocked` or `?`.
pub fn lock_label(locked: Option<bool>) -> &'static str {
    match locked {
        Some(true) => "locked",
        Some(false) => "unlocked",
        None => "?",
    }
}

/// `in 12 days`, `today`, `expired 3 days ago`.
pub fn days_label(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "in 1 day".into(),
        -1 => "expired 1 day ago".into(),
        d if d > 0 => format!("in {d} days"),
        d => format!("expired {} days ago", -d),
    }
}

/// The domains that name each contact as owner, admin or tech.
pub type ContactUse = HashMap<Ref, Vec<String>>;

/// Which domains use each contact, for the USED BY column: one pass over
/// the domains' handles, then a lookup per contact by id and handle name
/// (the same match as [`Contact::matches_handle`]).
pub fn contact_use(contacts: &[Contact], domains: &[Domain]) -> ContactUse {
    let mut by_handle: HashMap<(&str, String), Vec<usize>> = HashMap::new();
    for (i, domain) in domains.iter().enumerate() {
        for handle in [&domain.owner, &domain.admin, &domain.tech]
            .into_iter()
            .flatten()
        {
            let handle = handle.trim().to_ascii_lowercase();
            if handle.is_empty() {
                continue;
            }
            let users = by_handle.entry((&domain.account, handle)).or_default();
            if users.last() != Some(&i) {
                users.push(i);
            }
        }
    }
    let users_of = |contact: &Contact| -> Vec<String> {
        let names = [contact.id.as_str(), contact.fields.handle.as_str()];
        let mut users: Vec<usize> = names
            .iter()
            .filter_map(|h| by_handle.get(&(contact.account.as_str(), h.to_ascii_lowercase())))
            .flatten()
            .copied()
            .collect();
        users.sort_unstable();
        users.dedup();
        users.into_iter().map(|i| domains[i].id.clone()).collect()
    };
    contacts
        .iter()
        .map(|c| (c.reference(), users_of(c)))
        .collect()
}

/// `Jan Jansen (Acme BV) [JJ123]`, or the id alone when it has no name.
pub fn contact_label(contact: &Contact) -> String {
    let name = contact.display_name();
    if name.is_empty() || name == contact.id {
        contact.id.clone()
    } else {
        format!("{name} [{}]", contact.id)
    }
}

/// Where a visit stands relative to today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum VisitStatus {
    Today,
    Upcoming,
    Past,
    Unknown,
}

impl VisitStatus {
    /// Today when `now` falls on a day of its term (at least the arrival day).
    pub fn of(visit: &Visit, now: Millis) -> VisitStatus {
        let Some(arrival) = visit.arrival else {
            return VisitStatus::Unknown;
        };
        let first = arrival.div_euclid(DAY_MS);
        let last = first + i64::from(visit.term_days.unwrap_or(1).max(1)) - 1;
        let today = now.div_euclid(DAY_MS);
        if today < first {
            VisitStatus::Upcoming
        } else if today <= last {
            VisitStatus::Today
        } else {
            VisitStatus::Past
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            VisitStatus::Today => "today",
            VisitStatus::Upcoming => "upcoming",
            VisitStatus::Past => "past",
            VisitStatus::Unknown => "?",
        }
    }
}

/// The arrival date, or what the provider wrote when it could not be read.
pub fn arrival_label(visit: &Visit) -> String {
    match visit.arrival {
        Some(at) => ymd(Some(at)),
        None => visit.raw_arrival.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit(arrival: Option<Millis>, days: Option<u32>) -> Visit {
        Visit {
            account: "a".into(),
            id: "1".into(),
            visit_key: "K".into(),
            arrival,
            raw_arrival: "someday".into(),
            term_days: days,
            details: Vec::new(),
        }
    }

    #[test]
    fn visit_status_by_day() {
        let day = |d: i64| d * DAY_MS;
        let v = visit(Some(day(10) + 3_600_000), Some(2));
        assert_eq!(VisitStatus::of(&v, day(9)), VisitStatus::Upcoming);
        assert_eq!(VisitStatus::of(&v, day(10)), VisitStatus::Today);
        assert_eq!(VisitStatus::of(&v, day(11) + 5), VisitStatus::Today);
        assert_eq!(VisitStatus::of(&v, day(12)), VisitStatus::Past);
        assert_eq!(VisitStatus::of(&visit(None, None), 0), VisitStatus::Unknown);
        assert_eq!(arrival_label(&visit(None, None)), "someday");
    }

    #[test]
    fn contact_use_matches_handles_like_the_model() {
        let contact = |id: &str, handle: &str| Contact {
            account: "a".into(),
            id: id.into(),
            fields: crate::model::ContactFields {
                handle: handle.into(),
                ..Default::default()
            },
            email: None,
            detailed: false,
            fetched_at: 0,
        };
        let domain = |name: &str, owner: &str, tech: &str| Domain {
            account: "a".into(),
            id: name.into(),
            tld: "nl".into(),
            status: String::new(),
            registered: None,
            expires: None,
            locked: None,
            nameservers: Vec::new(),
            owner: Some(owner.into()),
            admin: None,
            tech: Some(tech.into()),
            details: Vec::new(),
            detailed: false,
            missing: Vec::new(),
            fetched_at: 0,
        };
        let contacts = [contact("12", "JAN"), contact("13", "")];
        let domains = [
            domain("a.nl", " jan ", "12"),
            domain("b.nl", "13", "x"),
            domain("c.nl", "", ""),
        ];
        let usage = contact_use(&contacts, &domains);
        assert_eq!(usage[&contacts[0].reference()], ["a.nl"]);
        assert_eq!(usage[&contacts[1].reference()], ["b.nl"]);
        for c in &contacts {
            for d in &domains {
                let model = [&d.owner, &d.tech]
                    .into_iter()
                    .flatten()
                    .any(|h| c.matches_handle(h));
                assert_eq!(model, usage[&c.reference()].contains(&d.id));
            }
        }
    }

    #[test]
    fn labels() {
        assert_eq!(ymd(Some(0)), "1970-01-01");
        assert_eq!(ymd(None), "");
        assert_eq!(days_label(12), "in 12 days");
        assert_eq!(days_label(-3), "expired 3 days ago");
        assert_eq!(lock_label(None), "?");
    }
}
