//! DNS records of a domain, as every provider with DNS management maps
//! them, and the fields a new or changed record is sent with.
//!
//! A record belongs to one domain of one account; the domain is named by
//! its model id ([`super::Domain::id`], the name), the record by the id
//! the provider lists it under (which may be an index into the zone: see
//! [`RecordFields`] on why commands carry the record as listed).

use super::{ObjectKind, Ref};
use serde::{Deserialize, Serialize};

/// One DNS record of a domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DnsRecord {
    pub account: String,
    /// The domain's model id (its name, e.g. `example.nl`).
    pub domain: String,
    /// The provider's id for the record within the domain.
    pub id: String,
    /// Relative to the domain: `www`, or `@` for the domain itself, as the
    /// provider gives it.
    pub name: String,
    /// `A`, `AAAA`, `CNAME`, `MX`, `NS`, `TXT`, or whatever else the
    /// provider lists (upper case).
    #[serde(rename = "type")]
    pub record_type: String,
    pub content: String,
    /// MX preference (lower is preferred); `None` where the record has none.
    pub priority: Option<u32>,
    /// Seconds; `None` where the provider does not say.
    pub ttl: Option<u32>,
}

impl DnsRecord {
    /// The record's own `Ref`: what its edit draft is kept under.
    pub fn reference(&self) -> Ref {
        record_ref(&self.account, &self.domain, &self.id)
    }

    /// The `Ref` of its domain: what record commands go to.
    pub fn domain_ref(&self) -> Ref {
        Ref::new(
            self.account.clone(),
            ObjectKind::Domain,
            self.domain.clone(),
        )
    }

    /// The fields a command carries for this record as listed.
    pub fn fields(&self) -> RecordFields {
        RecordFields::new(
            self.record_type.clone(),
            self.name.clone(),
            self.content.clone(),
            self.priority,
        )
    }

    /// `A www → 192.0.2.1`, `MX @ → 10 mail.example.nl`.
    pub fn describe(&self) -> String {
        self.fields().describe()
    }

    /// The full name: `www.example.nl`, or `example.nl` for `@`.
    pub fn full_name(&self) -> String {
        full_name(&self.name, &self.domain)
    }
}

/// What a record is set to: the type, the name relative to the domain
/// (`@` for the domain itself), the content and, for MX, the priority.
/// The provider keeps the TTL (none of the documented APIs takes one).
///
/// Edit and delete commands also carry the record *as listed* when the
/// user chose it: a provider whose record ids are positions in the zone
/// (HostBill's `@index`) can check that the id still names that record
/// before it changes anything, and refuse when the zone moved on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordFields {
    #[serde(rename = "type")]
    pub record_type: String,
    pub name: String,
    pub content: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u32>,
}

/// The longest content shown in a label; the details panel shows it whole.
const LABEL_CONTENT: usize = 48;

impl RecordFields {
    pub fn new(
        record_type: impl Into<String>,
        name: impl Into<String>,
        content: impl Into<String>,
        priority: Option<u32>,
    ) -> Self {
        RecordFields {
            record_type: record_type.into(),
            name: name.into(),
            content: content.into(),
            priority,
        }
    }

    /// `A www → 192.0.2.1`, `MX @ → 10 mail.example.nl`; long content is
    /// cut with `…`.
    pub fn describe(&self) -> String {
        let mut content = match self.priority {
            Some(priority) if self.record_type == "MX" => format!("{priority} {}", self.content),
            _ => self.content.clone(),
        };
        if content.chars().count() > LABEL_CONTENT {
            content = content.chars().take(LABEL_CONTENT - 1).collect();
            content.push('…');
        }
        format!("{} {} → {content}", self.record_type, self.name)
    }

    /// `type=A name=www content=192.0.2.1 priority=10`, for the audit log.
    pub fn audit(&self) -> String {
        let mut text = format!(
            "type={} name={} content={}",
            self.record_type, self.name, self.content
        );
        if let Some(priority) = self.priority {
            text.push_str(&format!(" priority={priority}"));
        }
        text
    }
}

/// The `Ref` of record `id` of `domain` in `account`: its id is
/// `DOMAIN#ID` (a domain name has no `#`).
pub fn record_ref(account: &str, domain: &str, id: &str) -> Ref {
    Ref::new(account, ObjectKind::Record, format!("{domain}#{id}"))
}

/// The domain and the record id of a record's `Ref`.
pub fn record_parts(record: &Ref) -> Option<(Ref, &str)> {
    if record.kind != ObjectKind::Record {
        return None;
    }
    let (domain, id) = record.id.split_once('#')?;
    let domain = Ref::new(record.account.clone(), ObjectKind::Domain, domain);
    Some((domain, id))
}

/// `www.example.nl` for `www` in `example.nl`; the domain for `@` or an
/// empty name.
pub fn full_name(name: &str, domain: &str) -> String {
    match name.trim() {
        "" | "@" => domain.to_string(),
        name => format!("{name}.{domain}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(record_type: &str, name: &str, content: &str, priority: Option<u32>) -> DnsRecord {
        DnsRecord {
            account: "hb".into(),
            domain: "example.nl".into(),
            id: "7".into(),
            name: name.into(),
            record_type: record_type.into(),
            content: content.into(),
            priority,
            ttl: Some(3600),
        }
    }

    #[test]
    fn a_record_is_described_by_type_name_and_content_with_the_mx_priority() {
        assert_eq!(
            record("A", "www", "192.0.2.1", None).describe(),
            "A www → 192.0.2.1"
        );
        assert_eq!(
            record("MX", "@", "mail.example.nl", Some(10)).describe(),
            "MX @ → 10 mail.example.nl"
        );
        let long = record("TXT", "@", &"x".repeat(80), None).describe();
        assert_eq!(long.chars().count(), "TXT @ → ".chars().count() + 48);
        assert!(long.ends_with('…'));
        assert_eq!(
            record("MX", "@", "m.example.nl", Some(5)).fields().audit(),
            "type=MX name=@ content=m.example.nl priority=5"
        );
    }

    #[test]
    fn a_record_ref_names_its_domain_and_id() {
        let listed = record("A", "www", "192.0.2.1", None);
        let reference = listed.reference();
        assert_eq!(reference.to_string(), "hb:example.nl#7");
        let (domain, id) = record_parts(&reference).expect("a record ref");
        assert_eq!((domain, id), (listed.domain_ref(), "7"));
        assert_eq!(record_parts(&listed.domain_ref()), None);
        assert_eq!(listed.full_name(), "www.example.nl");
        assert_eq!(full_name("@", "example.nl"), "example.nl");
    }

    #[test]
    fn json_names_the_type_type() {
        let value = serde_json::to_value(record("A", "www", "192.0.2.1", None)).unwrap();
        assert_eq!(value["type"], "A");
        assert_eq!(value["ttl"], 3600);
        assert!(value["priority"].is_null());
    }
}
