//! DNS records: one check by type, shared by the record form and the
//! headless `add-record` / `edit-record`, so both refuse the same input
//! with the same words, naming the field (`Type`, `Name`, `Content`,
//! `Priority`).
//!
//! Decisions:
//! - The types hostdeck adds and edits are A, AAAA, CNAME, MX, NS and TXT.
//!   Records of other types (SRV, CAA, ...) that a provider lists are shown
//!   and can be deleted, but not added or edited: their content has rules
//!   of its own that are not checked here.
//! - The name is relative to the domain: `www`, `_dmarc`, `*.dev`, or `@`
//!   for the domain itself. It is lower-cased. Its labels take letters,
//!   digits, `-` and `_`; `*` may only be the whole first label. A name
//!   ending in the domain (`www.example.nl`, with or without the final
//!   dot) is made relative; another name with a final dot is outside the
//!   domain and refused. A CNAME cannot be at `@`.
//! - A takes an IPv4 address, AAAA an IPv6 address (sent in canonical
//!   form). CNAME, NS and MX take a full host name (RFC 1123, at least two
//!   labels; a final dot is removed): a one-label target is refused rather
//!   than guessed to be relative.
//! - MX needs a priority, 0 to 65535; any other type refuses one.
//! - TXT takes any one line of text, sent as typed. Unquoted, it is one
//!   string of at most 255 bytes; longer text must be split into quoted
//!   strings (`"…" "…"`), each at most 255 bytes. hostdeck refuses rather
//!   than splitting by itself, so what is sent is what was typed.

use super::{hostname, shortened, FieldError, MAX_NAME};
use crate::model::{full_name, RecordFields};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The record types hostdeck adds and edits.
pub const RECORD_TYPES: [&str; 6] = ["A", "AAAA", "CNAME", "MX", "NS", "TXT"];
/// The highest MX priority (a 16-bit number).
pub const MAX_PRIORITY: u32 = 65_535;
/// The longest TXT string, in bytes.
pub const TXT_STRING: usize = 255;

/// The fields' names, as the form labels them and messages name them.
pub const TYPE: &str = "Type";
pub const NAME: &str = "Name";
pub const CONTENT: &str = "Content";
pub const PRIORITY: &str = "Priority";

/// A record as typed: every field a string (an empty priority is none).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RecordInput<'a> {
    pub record_type: &'a str,
    pub name: &'a str,
    pub content: &'a str,
    pub priority: &'a str,
}

/// The record to send for `input` in `domain`, cleaned (type upper-case,
/// name relative and lower-case, addresses canonical, host names without
/// the final dot); or the first field that is wrong, in form order.
pub fn dns_record(domain: &str, input: &RecordInput) -> Result<RecordFields, FieldError> {
    let record_type = record_type(input.record_type).map_err(|why| FieldError::new(TYPE, why))?;
    let name = record_name(domain, input.name).map_err(|why| FieldError::new(NAME, why))?;
    if record_type == "CNAME" && name == "@" {
        return Err(FieldError::new(
            NAME,
            format!("a CNAME cannot be at @: {domain} itself has other records (its NS at least)"),
        ));
    }
    let content =
        record_content(record_type, input.content).map_err(|why| FieldError::new(CONTENT, why))?;
    let priority = record_priority(record_type, input.priority)
        .map_err(|why| FieldError::new(PRIORITY, why))?;
    Ok(RecordFields::new(record_type, name, content, priority))
}

/// One of [`RECORD_TYPES`], in any case.
fn record_type(input: &str) -> Result<&'static str, String> {
    let typed = input.trim();
    if typed.is_empty() {
        return Err(format!("is empty (one of {})", RECORD_TYPES.join(", ")));
    }
    RECORD_TYPES
        .into_iter()
        .find(|t| t.eq_ignore_ascii_case(typed))
        .ok_or_else(|| {
            format!(
                "'{}' is not a type hostdeck adds or edits (one of {})",
                shortened(typed),
                RECORD_TYPES.join(", ")
            )
        })
}

/// The name relative to `domain`, or `@`.
fn record_name(domain: &str, input: &str) -> Result<String, String> {
    let typed = input.trim();
    if typed.is_empty() {
        return Err(format!("is empty (use @ for {domain} itself)"));
    }
    if typed == "@" {
        return Ok("@".into());
    }
    let domain = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    let lower = typed.to_ascii_lowercase();
    let absolute = lower.ends_with('.');
    let name = lower.strip_suffix('.').unwrap_or(&lower);
    if name == domain {
        return Ok("@".into());
    }
    let name = match name.strip_suffix(&format!(".{domain}")) {
        Some(relative) => relative,
        None if absolute => {
            return Err(format!(
                "'{}' is outside {domain} (give a name relative to it, e.g. www, or @)",
                shortened(typed)
            ))
        }
        None => name,
    };
    for (i, label) in name.split('.').enumerate() {
        if i == 0 && label == "*" {
            continue;
        }
        super::check_label_with(label, true)?;
    }
    let length = full_name(name, &domain).chars().count();
    if length > MAX_NAME {
        return Err(format!(
            "the full name is {length} characters (at most {MAX_NAME})"
        ));
    }
    Ok(name.to_string())
}

/// The content `record_type` takes.
fn record_content(record_type: &str, input: &str) -> Result<String, String> {
    let typed = input.trim();
    match record_type {
        "A" => ipv4(typed),
        "AAAA" => ipv6(typed),
        "CNAME" => target(typed, "the name it points to, e.g. www.example.net"),
        "MX" => target(typed, "the mail host, e.g. mail.example.nl"),
        "NS" => target(typed, "the nameserver, e.g. ns1.example.net"),
        _ => txt(typed),
    }
}

fn ipv4(typed: &str) -> Result<String, String> {
    if typed.is_empty() {
        return Err("is empty (an A record takes an IPv4 address, e.g. 192.0.2.10)".into());
    }
    match typed.parse::<IpAddr>() {
        Ok(IpAddr::V4(address)) => Ok(address.to_string()),
        Ok(IpAddr::V6(_)) => Err(format!(
            "'{typed}' is an IPv6 address: an A record takes IPv4 (use AAAA)"
        )),
        Err(_) => Err(format!(
            "'{}' is not an IPv4 address (e.g. 192.0.2.10)",
            shortened(typed)
        )),
    }
}

fn ipv6(typed: &str) -> Result<String, String> {
    if typed.is_empty() {
        return Err("is empty (an AAAA record takes an IPv6 address, e.g. 2001:db8::10)".into());
    }
    if typed.parse::<Ipv4Addr>().is_ok() {
        return Err(format!(
            "'{typed}' is an IPv4 address: an AAAA record takes IPv6 (use A)"
        ));
    }
    typed
        .parse::<Ipv6Addr>()
        .map(|address| address.to_string())
        .map_err(|_| {
            format!(
                "'{}' is not an IPv6 address (e.g. 2001:db8::10)",
                shortened(typed)
            )
        })
}

/// A full host name (at least two labels).
fn target(typed: &str, what: &str) -> Result<String, String> {
    if typed.is_empty() {
        return Err(format!("is empty (give {what})"));
    }
    let name = hostname(typed)?;
    if !name.contains('.') {
        return Err(format!("'{name}' is not a full name (give {what})"));
    }
    Ok(name)
}

/// One line of text whose strings are each at most [`TXT_STRING`] bytes.
fn txt(typed: &str) -> Result<String, String> {
    if typed.is_empty() {
        return Err("is empty (a TXT record takes text, e.g. v=spf1 mx -all)".into());
    }
    if typed.chars().any(char::is_control) {
        return Err("must be one line (no line breaks or tabs)".into());
    }
    if typed.starts_with('"') {
        for (n, string) in quoted_strings(typed)?.iter().enumerate() {
            if string.len() > TXT_STRING {
                return Err(format!(
                    "string {} is {} bytes (at most {TXT_STRING} per quoted string)",
                    n + 1,
                    string.len()
                ));
            }
        }
    } else if typed.len() > TXT_STRING {
        return Err(format!(
            "the text is {} bytes; one TXT string holds at most {TXT_STRING}: split it into quoted strings, \"…\" \"…\"",
            typed.len()
        ));
    }
    Ok(typed.to_string())
}

/// The strings of `"…" "…"`, unescaped (`\"` and `\\`).
fn quoted_strings(text: &str) -> Result<Vec<String>, String> {
    let mut strings = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        match chars.next() {
            None => return Ok(strings),
            Some('"') => {}
            Some(_) => {
                return Err(format!(
                    "text after quoted string {}: quote every part, \"…\" \"…\"",
                    strings.len()
                ))
            }
        }
        let mut string = String::new();
        loop {
            match chars.next() {
                None => {
                    return Err(format!(
                        "quoted string {} is not closed with \"",
                        strings.len() + 1
                    ))
                }
                Some('"') => break,
                Some('\\') => string.extend(chars.next()),
                Some(c) => string.push(c),
            }
        }
        strings.push(string);
        if chars.peek().is_some_and(|c| !c.is_whitespace()) {
            return Err(format!("put a space after quoted string {}", strings.len()));
        }
    }
}

/// The MX priority; `None` for the other types, which refuse one.
fn record_priority(record_type: &str, input: &str) -> Result<Option<u32>, String> {
    let typed = input.trim();
    if record_type != "MX" {
        return match typed {
            "" => Ok(None),
            _ => Err(format!(
                "only MX records take a priority (leave it empty for {record_type})"
            )),
        };
    }
    if typed.is_empty() {
        return Err(format!(
            "an MX record needs one (0 to {MAX_PRIORITY}; lower is preferred)"
        ));
    }
    match typed.parse::<u32>() {
        Ok(priority) if priority <= MAX_PRIORITY => Ok(Some(priority)),
        Ok(priority) => Err(format!("{priority} is too high (0 to {MAX_PRIORITY})")),
        Err(_) => Err(format!(
            "'{}' is not a number (0 to {MAX_PRIORITY})",
            shortened(typed)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOMAIN: &str = "example.nl";

    fn check(
        record_type: &str,
        name: &str,
        content: &str,
        priority: &str,
    ) -> Result<RecordFields, String> {
        let input = RecordInput {
            record_type,
            name,
            content,
            priority,
        };
        dns_record(DOMAIN, &input).map_err(|e| e.message)
    }

    #[test]
    fn each_type_takes_its_own_content_and_cleans_it() {
        assert_eq!(
            check("a", " WWW ", " 192.0.2.1 ", ""),
            Ok(RecordFields::new("A", "www", "192.0.2.1", None))
        );
        assert_eq!(
            check("AAAA", "@", "2001:DB8:0::10", ""),
            Ok(RecordFields::new("AAAA", "@", "2001:db8::10", None))
        );
        assert_eq!(
            check("CNAME", "shop", "Shops.Example.NET.", ""),
            Ok(RecordFields::new(
                "CNAME",
                "shop",
                "shops.example.net",
                None
            ))
        );
        assert_eq!(
            check("MX", "@", "mail.example.nl", " 10 "),
            Ok(RecordFields::new("MX", "@", "mail.example.nl", Some(10)))
        );
        assert_eq!(
            check("NS", "dev", "ns1.example.net", ""),
            Ok(RecordFields::new("NS", "dev", "ns1.example.net", None))
        );
        assert_eq!(
            check("TXT", "_dmarc", "v=DMARC1; p=none", ""),
            Ok(RecordFields::new("TXT", "_dmarc", "v=DMARC1; p=none", None))
        );
    }

    #[test]
    fn a_wrong_address_names_the_field_and_the_type_it_needs() {
        assert_eq!(
            check("A", "www", "2001:db8::1", ""),
            Err(
                "Content: '2001:db8::1' is an IPv6 address: an A record takes IPv4 (use AAAA)"
                    .into()
            )
        );
        assert_eq!(
            check("A", "www", "192.0.2", ""),
            Err("Content: '192.0.2' is not an IPv4 address (e.g. 192.0.2.10)".into())
        );
        assert_eq!(
            check("AAAA", "www", "192.0.2.1", ""),
            Err(
                "Content: '192.0.2.1' is an IPv4 address: an AAAA record takes IPv6 (use A)".into()
            )
        );
        assert!(check("AAAA", "www", "2001:db8::g", "")
            .is_err_and(|e| e.starts_with("Content: '2001:db8::g' is not an IPv6 address")));
        assert!(check("A", "www", "", "").is_err_and(|e| e.starts_with("Content: is empty")));
    }

    #[test]
    fn targets_are_full_host_names() {
        assert_eq!(
            check("CNAME", "www", "web", ""),
            Err("Content: 'web' is not a full name (give the name it points to, e.g. www.example.net)".into())
        );
        assert!(check("MX", "@", "mail_1.example.nl", "10")
            .is_err_and(|e| e.starts_with("Content: label 'mail_1' has '_'")));
        assert!(check("NS", "@", "192.0.2.1", "")
            .is_err_and(|e| e.contains("an IP address is not a host name")));
    }

    #[test]
    fn names_are_relative_to_the_domain() {
        let name = |typed: &str| check("A", typed, "192.0.2.1", "").map(|f| f.name);
        assert_eq!(name("www.example.nl"), Ok("www".into()));
        assert_eq!(name("www.Example.nl."), Ok("www".into()));
        assert_eq!(name("example.nl."), Ok("@".into()));
        assert_eq!(name("*.dev"), Ok("*.dev".into()));
        assert_eq!(
            name("selector._domainkey"),
            Ok("selector._domainkey".into())
        );
        assert_eq!(
            name("www.other.nl."),
            Err("Name: 'www.other.nl.' is outside example.nl (give a name relative to it, e.g. www, or @)".into())
        );
        assert_eq!(
            name(""),
            Err("Name: is empty (use @ for example.nl itself)".into())
        );
        assert!(name("a.*").is_err_and(|e| e.starts_with("Name: label '*' has '*'")));
        assert!(name("we b").is_err_and(|e| e.contains("a space")));
        assert!(name(&"a.".repeat(130)).is_err());
        assert_eq!(
            check("CNAME", "@", "www.example.net", ""),
            Err("Name: a CNAME cannot be at @: example.nl itself has other records (its NS at least)".into())
        );
    }

    #[test]
    fn only_mx_takes_a_priority_and_it_needs_one() {
        assert_eq!(
            check("MX", "@", "mail.example.nl", ""),
            Err("Priority: an MX record needs one (0 to 65535; lower is preferred)".into())
        );
        assert_eq!(
            check("MX", "@", "mail.example.nl", "65536"),
            Err("Priority: 65536 is too high (0 to 65535)".into())
        );
        assert_eq!(
            check("MX", "@", "mail.example.nl", "ten"),
            Err("Priority: 'ten' is not a number (0 to 65535)".into())
        );
        assert_eq!(
            check("A", "www", "192.0.2.1", "10"),
            Err("Priority: only MX records take a priority (leave it empty for A)".into())
        );
        assert!(check("MX", "@", "mail.example.nl", "0").is_ok());
    }

    #[test]
    fn txt_strings_hold_at_most_255_bytes_each() {
        let long = "k".repeat(300);
        assert!(check("TXT", "@", &long, "")
            .is_err_and(|e| e
                .starts_with("Content: the text is 300 bytes; one TXT string holds at most 255")));
        let split = format!("\"{}\" \"{}\"", "k".repeat(255), "k".repeat(45));
        assert_eq!(check("TXT", "@", &split, "").map(|f| f.content), Ok(split));
        let too_long = format!("\"a\" \"{}\"", "k".repeat(256));
        assert_eq!(
            check("TXT", "@", &too_long, ""),
            Err("Content: string 2 is 256 bytes (at most 255 per quoted string)".into())
        );
        assert_eq!(
            check("TXT", "@", "\"open", ""),
            Err("Content: quoted string 1 is not closed with \"".into())
        );
        assert_eq!(
            check("TXT", "@", "\"a\"b", ""),
            Err("Content: put a space after quoted string 1".into())
        );
        assert_eq!(
            check("TXT", "@", "\"a\" b", ""),
            Err("Content: text after quoted string 1: quote every part, \"…\" \"…\"".into())
        );
        assert_eq!(
            check("TXT", "@", "\"say \\\"hi\\\"\"", "").map(|f| f.content),
            Ok("\"say \\\"hi\\\"\"".into())
        );
        assert!(check("TXT", "@", "two\nlines", "").is_err_and(|e| e.contains("one line")));
    }

    #[test]
    fn other_types_are_refused_naming_the_ones_there_are() {
        assert_eq!(
            check("SRV", "_sip._tcp", "10 5 5060 sip.example.nl", ""),
            Err("Type: 'SRV' is not a type hostdeck adds or edits (one of A, AAAA, CNAME, MX, NS, TXT)".into())
        );
    }
}
