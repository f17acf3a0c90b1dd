//! Input validation for forms and headless commands: host names (PTR
//! records, nameservers), IP addresses, domain contacts, IP address
//! requests and DNS records (`records.rs`). Pure functions; every error
//! says what is wrong and why, so the form can show it under the field.
//!
//! Host names follow RFC 1123: labels of ASCII letters, digits and `-`, no
//! label starting or ending with `-`, 1 to 63 characters per label, at most
//! 253 characters in all. Decisions:
//! - A name is trimmed and lower-cased. A single trailing dot (the FQDN
//!   form) is accepted and removed, since providers take the name without it.
//! - A single label (`localhost`) is a legal host name and accepted as a PTR
//!   target; a nameserver must have at least two labels.
//! - An all-numeric last label is refused: `1.2.3.4` is an address, not a
//!   host name (RFC 1123 2.1, RFC 3696 2).
//! - Non-ASCII letters are refused; internationalised names must be written
//!   in their `xn--` (punycode) form.

use super::ContactFields;

mod records;
pub use records::{
    dns_record, RecordInput, CONTENT, MAX_PRIORITY, NAME, PRIORITY, RECORD_TYPES, TXT_STRING, TYPE,
};

/// The longest label (RFC 1035 2.3.4).
pub const MAX_LABEL: usize = 63;
/// The longest name, without a trailing dot.
pub const MAX_NAME: usize = 253;
/// The fewest nameservers a domain takes.
pub const MIN_NAMESERVERS: usize = 2;
/// The most nameservers any provider takes (13 fit one classic DNS
/// answer); a provider kind may take fewer, see
/// [`super::ProviderKind::max_nameservers`].
pub const MAX_NAMESERVERS: usize = 13;

/// A valid host name, trimmed and lower-cased, without a trailing dot; or
/// why the input is not one.
pub fn hostname(input: &str) -> Result<String, String> {
    let name = input.trim();
    if name.is_empty() {
        return Err("is empty".into());
    }
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.is_empty() {
        return Err("is only a dot (give a host name, e.g. web-1.example.nl)".into());
    }
    let length = name.chars().count();
    if length > MAX_NAME {
        return Err(format!("name is {length} characters (at most {MAX_NAME})"));
    }
    let labels: Vec<&str> = name.split('.').collect();
    for label in &labels {
        check_label(label)?;
    }
    let last = labels.last().copied().unwrap_or_default();
    if last.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "'{name}' ends in a number: an IP address is not a host name"
        ));
    }
    Ok(name.to_ascii_lowercase())
}

fn check_label(label: &str) -> Result<(), String> {
    check_label_with(label, false)
}

/// A label of a host name, or with `underscore` of a record name (where
/// `_dmarc`, `_acme-challenge` and `selector._domainkey` are usual).
fn check_label_with(label: &str, underscore: bool) -> Result<(), String> {
    if label.is_empty() {
        return Err("empty label (two dots in a row, or a leading dot)".into());
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-' || (underscore && c == '_');
    if let Some(bad) = label.chars().find(|c| !allowed(*c)) {
        return Err(format!(
            "label '{}' has {} (only letters, digits{} and '-' are allowed{})",
            shortened(label),
            describe(bad),
            if underscore { ", '_'" } else { "" },
            if bad.is_ascii() {
                ""
            } else {
                "; write international names as xn--…"
            }
        ));
    }
    let length = label.len();
    if length > MAX_LABEL {
        return Err(format!(
            "label '{}' is {length} characters (at most {MAX_LABEL})",
            shortened(label)
        ));
    }
    if label.starts_with('-') {
        return Err(format!("label '{}' starts with '-'", shortened(label)));
    }
    if label.ends_with('-') {
        return Err(format!("label '{}' ends with '-'", shortened(label)));
    }
    Ok(())
}

/// A label cut to a readable length for messages.
fn shortened(label: &str) -> String {
    const SHOWN: usize = 20;
    if label.chars().count() <= SHOWN {
        label.to_string()
    } else {
        let head: String = label.chars().take(SHOWN).collect();
        format!("{head}…")
    }
}

fn describe(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\t' => "a tab".into(),
        c if c.is_control() => format!("a control character (U+{:04X})", c as u32),
        c => format!("'{c}'"),
    }
}

/// A typed IP address (IPv4 or IPv6), trimmed and in its canonical form
/// (IPv6 lower-case and shortened: `2A00:1768:0::10` is `2a00:1768::10`);
/// or why the input is not one.
pub fn ip_address(input: &str) -> Result<String, String> {
    let address = input.trim();
    if address.is_empty() {
        return Err("is empty (give an IPv4 or IPv6 address, e.g. 192.0.2.10)".into());
    }
    address
        .parse::<std::net::IpAddr>()
        .map(|ip| ip.to_string())
        .map_err(|_| format!("'{}' is not an IPv4 or IPv6 address", shortened(address)))
}

/// Which entry of a list is wrong, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryError {
    /// 0-based position in the input.
    pub index: usize,
    pub message: String,
}

/// How many addresses one IP request may ask for. The controlepaneel
/// document sets no upper limit; this one catches a typo (`--count 200`)
/// before it reaches the provider.
pub const IP_REQUEST_COUNT: std::ops::RangeInclusive<u32> = 1..=16;

/// The number of addresses of an IP request, or why it is refused.
pub fn ip_request_count(count: u32) -> Result<u32, String> {
    if IP_REQUEST_COUNT.contains(&count) {
        return Ok(count);
    }
    Err(format!(
        "count {count} refused: ask for {} to {} addresses at a time",
        IP_REQUEST_COUNT.start(),
        IP_REQUEST_COUNT.end()
    ))
}

/// The reason of an IP request (the provider requires one), trimmed; or
/// why it is refused.
pub fn ip_request_reason(input: &str) -> Result<String, String> {
    let reason = input.trim();
    if reason.is_empty() {
        return Err("a reason is required: say why the addresses are needed".into());
    }
    if reason.chars().any(char::is_control) {
        return Err("the reason must be one line of text".into());
    }
    Ok(reason.to_string())
}

/// 2 to `max` nameservers: empty entries are skipped, every other entry
/// must be a host name of at least two labels, and none may repeat.
/// Never an empty list. Errors name the entry: "nameserver 2: …".
pub fn nameservers(inputs: &[String], max: usize) -> Result<Vec<String>, String> {
    nameserver_entries(inputs, max).map_err(|e| e.message)
}

/// As [`nameservers`], saying which input entry is to blame.
pub fn nameserver_entries(inputs: &[String], max: usize) -> Result<Vec<String>, EntryError> {
    let mut valid: Vec<String> = Vec::new();
    for (index, input) in inputs.iter().enumerate() {
        if input.trim().is_empty() {
            continue;
        }
        let fail = |why: String| EntryError {
            index,
            message: format!("nameserver {}: {why}", index + 1),
        };
        let name = hostname(input).map_err(fail)?;
        if !name.contains('.') {
            return Err(fail(format!(
                "'{name}' is not a full name (e.g. ns1.example.nl)"
            )));
        }
        if let Some(first) = valid.iter().position(|n| *n == name) {
            return Err(fail(format!("'{name}' repeats nameserver {}", first + 1)));
        }
        valid.push(name);
    }
    let count = valid.len();
    if count < MIN_NAMESERVERS {
        let index = first_empty(inputs).unwrap_or(inputs.len());
        return Err(EntryError {
            index,
            message: format!("at least {MIN_NAMESERVERS} nameservers are needed (got {count})"),
        });
    }
    if count > max {
        return Err(EntryError {
            index: last_filled(inputs).unwrap_or(0),
            message: format!("at most {max} nameservers are allowed (got {count})"),
        });
    }
    Ok(valid)
}

fn first_empty(inputs: &[String]) -> Option<usize> {
    inputs.iter().position(|s| s.trim().is_empty())
}

fn last_filled(inputs: &[String]) -> Option<usize> {
    inputs.iter().rposition(|s| !s.trim().is_empty())
}

/// A contact field that is wrong, named as the form labels it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The form's field name, e.g. `Country`.
    pub field: &'static str,
    /// The whole message, starting with the field name.
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, why: impl std::fmt::Display) -> Self {
        FieldError {
            field,
            message: format!("{field}: {why}"),
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The form's name of each contact field, in form order, with whether the
/// document requires it.
pub const CONTACT_FIELDS: [(&str, bool); 14] = [
    ("Handle", true),
    ("CompanyName", false),
    ("CompanyNumber", false),
    ("LegalForm", false),
    ("TaxNumber", false),
    ("Gender", true),
    ("FirstName", true),
    ("LastName", true),
    ("Address", true),
    ("ZipCode", true),
    ("City", true),
    ("Country", true),
    ("PhoneNumber", true),
    ("FaxNumber", false),
];

/// The contact field a form label names.
pub fn contact_field_mut<'a>(fields: &'a mut ContactFields, label: &str) -> Option<&'a mut String> {
    Some(match label {
        "Handle" => &mut fields.handle,
        "CompanyName" => &mut fields.company_name,
        "CompanyNumber" => &mut fields.company_number,
        "LegalForm" => &mut fields.legal_form,
        "TaxNumber" => &mut fields.tax_number,
        "Gender" => &mut fields.gender,
        "FirstName" => &mut fields.first_name,
        "LastName" => &mut fields.last_name,
        "Address" => &mut fields.address,
        "ZipCode" => &mut fields.zip_code,
        "City" => &mut fields.city,
        "Country" => &mut fields.country,
        "PhoneNumber" => &mut fields.phone_number,
        "FaxNumber" => &mut fields.fax_number,
        _ => return None,
    })
}

/// A contact with every field trimmed, the gender as `m` or `v` and the
/// country as an upper-case ISO 3166-1 alpha-2 code; or the first field
/// that is missing or wrong.
pub fn contact(fields: &ContactFields) -> Result<ContactFields, FieldError> {
    let mut clean = fields.clone();
    for (label, required) in CONTACT_FIELDS {
        let Some(value) = contact_field_mut(&mut clean, label) else {
            continue;
        };
        *value = value.trim().to_string();
        if required && value.is_empty() {
            return Err(FieldError::new(label, "is required"));
        }
        match label {
            "Gender" => *value = gender(value).map_err(|why| FieldError::new(label, why))?,
            "Country" => *value = country(value).map_err(|why| FieldError::new(label, why))?,
            "PhoneNumber" | "FaxNumber" if !value.is_empty() => {
                phone(value).map_err(|why| FieldError::new(label, why))?
            }
            _ => {}
        }
    }
    Ok(clean)
}

/// `m` or `v` (the document's man / vrouw) from the usual ways to write them.
fn gender(input: &str) -> Result<String, String> {
    match input.to_lowercase().as_str() {
        "m" | "man" | "male" => Ok("m".into()),
        "v" | "vrouw" | "f" | "female" | "woman" => Ok("v".into()),
        _ => Err(format!("'{input}' is not m or v (m = man, v = vrouw)")),
    }
}

fn country(input: &str) -> Result<String, String> {
    let code = input.to_ascii_uppercase();
    if ISO_3166_ALPHA2.binary_search(&code.as_str()).is_ok() {
        return Ok(code);
    }
    let hint = match code.as_str() {
        "UK" => "the United Kingdom is GB",
        "EL" => "Greece is GR",
        _ => "e.g. NL",
    };
    Err(format!(
        "'{input}' is not an ISO 3166-1 country code ({hint})"
    ))
}

/// Digits, `+` (only first), spaces, dots, dashes, parentheses; 6 to 20 digits.
fn phone(input: &str) -> Result<(), String> {
    if let Some(bad) = input
        .chars()
        .find(|c| !(c.is_ascii_digit() || " .-()+".contains(*c)))
    {
        return Err(format!(
            "'{input}' has {} (only digits, +, spaces, dots, dashes and parentheses)",
            describe(bad)
        ));
    }
    if input.chars().skip(1).any(|c| c == '+') {
        return Err(format!("'{input}' has a '+' that is not at the start"));
    }
    let digits = input.chars().filter(char::is_ascii_digit).count();
    match digits {
        0..=5 => Err(format!("'{input}' has {digits} digits (at least 6)")),
        6..=20 => Ok(()),
        _ => Err(format!("'{input}' has {digits} digits (at most 20)")),
    }
}

/// Every officially assigned ISO 3166-1 alpha-2 code (249), sorted.
pub const ISO_3166_ALPHA2: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_list_is_sorted_unique_and_complete() {
        assert!(ISO_3166_ALPHA2.windows(2).all(|w| w[0] < w[1]));
        assert!(ISO_3166_ALPHA2
            .iter()
            .all(|c| c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase())));
        for code in ["NL", "BE", "DE", "GB", "US", "AX", "SS", "XK"] {
            assert_eq!(
                ISO_3166_ALPHA2.binary_search(&code).is_ok(),
                code != "XK",
                "{code}"
            );
        }
    }

    #[test]
    fn every_contact_label_names_a_field() {
        let mut fields = ContactFields::default();
        for (label, _) in CONTACT_FIELDS {
            assert!(contact_field_mut(&mut fields, label).is_some(), "{label}");
        }
    }
}
