//! Domains, their contacts (registry handles) and history, as every
//! provider with domains maps them.

use super::Missing;
use super::{Detail, Millis, ObjectKind, Ref};
use serde::{Deserialize, Serialize};

/// A registered domain name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    pub account: String,
    /// The full domain name in lower case, e.g. `example.nl`. Stable and unique per account.
    pub id: String,
    /// The top-level domain without the dot, e.g. `nl`.
    pub tld: String,
    /// The provider's status, e.g. `Active`, `Cancelled`.
    pub status: String,
    pub registered: Option<Millis>,
    /// When the registration ends (expiration or termination date).
    pub expires: Option<Millis>,
    /// Registrar lock; `None` when the provider did not say.
    pub locked: Option<bool>,
    pub nameservers: Vec<String>,
    /// Contact handles as the provider gives them (a handle name or id).
    pub owner: Option<String>,
    pub admin: Option<String>,
    pub tech: Option<String>,
    /// Everything else the provider gives (contract, price, ids), for the details panel.
    pub details: Vec<Detail>,
    /// False while only the list entry is known (details not fetched yet).
    pub detailed: bool,
    /// Parts the last refresh could not fetch (e.g. its details).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<Missing>,
    pub fetched_at: Millis,
}

/// Domains expiring within this many days are highlighted.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

const DAY_MS: Millis = 86_400_000;

impl Domain {
    pub fn reference(&self) -> Ref {
        Ref::new(self.account.clone(), ObjectKind::Domain, self.id.clone())
    }

    /// Whole days from `now` until it expires (negative once expired).
    pub fn days_left(&self, now: Millis) -> Option<i64> {
        self.expires.map(|end| (end - now).div_euclid(DAY_MS))
    }

    /// Whether it expires within [`EXPIRY_WARNING_DAYS`] of `now` (or has expired).
    pub fn expires_soon(&self, now: Millis) -> bool {
        self.days_left(now)
            .is_some_and(|days| days < EXPIRY_WARNING_DAYS)
    }

    /// The second-level label, e.g. `example` of `example.nl`.
    pub fn sld(&self) -> &str {
        self.id
            .strip_suffix(&self.tld)
            .and_then(|rest| rest.strip_suffix('.'))
            .unwrap_or(&self.id)
    }
}

/// The fields of a domain contact, as a form edits them. Empty means not given.
/// Names follow the input variables; providers map their output aliases
/// (e.g. Sex, Initials, SurName) onto them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactFields {
    pub handle: String,
    pub company_name: String,
    pub company_number: String,
    pub legal_form: String,
    pub tax_number: String,
    /// `m` or `v` (the document's Dutch man / vrouw).
    pub gender: String,
    pub first_name: String,
    pub last_name: String,
    pub address: String,
    pub zip_code: String,
    pub city: String,
    /// ISO 3166-1 alpha-2, e.g. `NL`.
    pub country: String,
    pub phone_number: String,
    pub fax_number: String,
}

/// A domain contact (registry handle).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub account: String,
    /// The provider's id for it (controlepaneel: HandleIdentifier).
    pub id: String,
    pub fields: ContactFields,
    pub email: Option<String>,
    /// False while only the list entry is known.
    pub detailed: bool,
    pub fetched_at: Millis,
}

impl Contact {
    pub fn reference(&self) -> Ref {
        Ref::new(self.account.clone(), ObjectKind::Contact, self.id.clone())
    }

    /// `Jan Jansen (Acme BV)`, or the handle when no name is known.
    pub fn display_name(&self) -> String {
        let f = &self.fields;
        let person = [f.first_name.trim(), f.last_name.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let company = f.company_name.trim();
        match (person.is_empty(), company.is_empty()) {
            (false, false) => format!("{person} ({company})"),
            (false, true) => person,
            (true, false) => company.to_string(),
            (true, true) => f.handle.clone(),
        }
    }

    /// Whether a domain's handle value refers to this contact (by id or handle name).
    pub fn matches_handle(&self, handle: &str) -> bool {
        let handle = handle.trim();
        !handle.is_empty()
            && (self.id.eq_ignore_ascii_case(handle)
                || self.fields.handle.eq_ignore_ascii_case(handle))
    }
}

/// One line of an object's history (domain actions, monitoring alerts, visitor log).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: Option<Millis>,
    /// The date as the provider wrote it, shown when it could not be read.
    pub raw_date: String,
    pub action: String,
    pub status: String,
    pub note: String,
}
