//! Validation of form input: host names (RFC 1123), nameserver sets and
//! domain contacts and IP requests, with messages that say why.

use hostdeck::model::validate::{self, contact, hostname, nameserver_entries, nameservers};
use hostdeck::model::ContactFields;
use proptest::prelude::*;

fn label(n: usize) -> String {
    "a".repeat(n)
}

#[test]
fn ip_addresses_are_ipv4_or_ipv6_in_their_canonical_form() {
    assert_eq!(
        validate::ip_address(" 185.50.104.77 ").as_deref(),
        Ok("185.50.104.77")
    );
    assert_eq!(
        validate::ip_address("2A00:1768:2001:14:0:0:0:10").as_deref(),
        Ok("2a00:1768:2001:14::10")
    );
    for (input, says) in [
        ("185.50.104", "'185.50.104' is not an IPv4 or IPv6 address"),
        (
            "185.50.104.777",
            "'185.50.104.777' is not an IPv4 or IPv6 address",
        ),
        (
            "web-1.example.nl",
            "'web-1.example.nl' is not an IPv4 or IPv6 address",
        ),
        (
            "  ",
            "is empty (give an IPv4 or IPv6 address, e.g. 192.0.2.10)",
        ),
    ] {
        assert_eq!(
            validate::ip_address(input),
            Err(says.to_string()),
            "{input:?}"
        );
    }
}

#[test]
fn valid_names_are_trimmed_and_lower_cased() {
    assert_eq!(hostname("web-1.example.nl"), Ok("web-1.example.nl".into()));
    assert_eq!(
        hostname("  Web-1.Example.NL \t"),
        Ok("web-1.example.nl".into())
    );
    assert_eq!(hostname("1and1.com"), Ok("1and1.com".into()));
    assert_eq!(hostname("xn--bcher-kva.de"), Ok("xn--bcher-kva.de".into()));
    assert_eq!(hostname("a.b"), Ok("a.b".into()));
}

#[test]
fn one_trailing_dot_is_accepted_and_removed() {
    assert_eq!(hostname("web.example.nl."), Ok("web.example.nl".into()));
    let two = hostname("web.example.nl..").unwrap_err();
    assert!(two.contains("empty label"), "{two}");
    assert!(hostname(".").unwrap_err().contains("only a dot"));
}

#[test]
fn a_single_label_is_a_legal_host_name() {
    assert_eq!(hostname("localhost"), Ok("localhost".into()));
}

#[test]
fn label_of_63_is_fine_and_64_is_too_long() {
    assert!(hostname(&format!("{}.nl", label(63))).is_ok());
    let error = hostname(&format!("{}.nl", label(64))).unwrap_err();
    assert!(error.contains("is 64 characters (at most 63)"), "{error}");
    assert!(
        error.contains("aaaaaaaaaaaaaaaaaaaa…"),
        "long labels are shortened: {error}"
    );
}

#[test]
fn name_of_253_is_fine_and_254_is_too_long() {
    // 63 + 1 + 63 + 1 + 63 + 1 + 61 = 253
    let name = [label(63), label(63), label(63), label(61)].join(".");
    assert_eq!(name.len(), 253);
    assert!(hostname(&name).is_ok());
    assert!(
        hostname(&format!("{name}.")).is_ok(),
        "the trailing dot is not counted"
    );
    let long = [label(63), label(63), label(63), label(62)].join(".");
    let error = hostname(&long).unwrap_err();
    assert_eq!(error, "name is 254 characters (at most 253)");
}

#[test]
fn underscore_is_refused_naming_the_label() {
    assert_eq!(
        hostname("bad_host.example.nl").unwrap_err(),
        "label 'bad_host' has '_' (only letters, digits and '-' are allowed)"
    );
}

#[test]
fn hyphen_may_not_start_or_end_a_label() {
    assert_eq!(
        hostname("-web.example.nl").unwrap_err(),
        "label '-web' starts with '-'"
    );
    assert_eq!(
        hostname("web-.example.nl").unwrap_err(),
        "label 'web-' ends with '-'"
    );
    assert!(hostname("w-e-b.example.nl").is_ok());
}

#[test]
fn empty_labels_and_empty_input_are_refused() {
    assert!(hostname("web..example.nl")
        .unwrap_err()
        .contains("two dots in a row"));
    assert!(hostname(".example.nl").unwrap_err().contains("empty label"));
    assert_eq!(hostname("").unwrap_err(), "is empty");
    assert_eq!(hostname("   ").unwrap_err(), "is empty");
}

#[test]
fn unicode_and_spaces_are_refused_with_a_reason() {
    let error = hostname("bücher.de").unwrap_err();
    assert!(error.contains("'ü'") && error.contains("xn--"), "{error}");
    let error = hostname("web 1.example.nl").unwrap_err();
    assert!(error.contains("has a space"), "{error}");
}

#[test]
fn an_ip_address_is_not_a_host_name() {
    let error = hostname("185.3.4.5").unwrap_err();
    assert!(error.contains("IP address"), "{error}");
}

#[test]
fn two_or_three_nameservers() {
    let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let one = nameservers(&list(&["ns1.example.nl"]), 3).unwrap_err();
    assert!(one.contains("at least 2"), "{one}");
    assert_eq!(
        nameservers(&list(&["NS1.example.nl", "ns2.example.nl"]), 3),
        Ok(list(&["ns1.example.nl", "ns2.example.nl"]))
    );
    assert_eq!(
        nameservers(&list(&["ns1.a.nl", "ns2.a.nl", "ns3.a.nl"]), 3).map(|v| v.len()),
        Ok(3)
    );
    let four = nameservers(&list(&["ns1.a.nl", "ns2.a.nl", "ns3.a.nl", "ns4.a.nl"]), 3);
    assert!(four.unwrap_err().contains("at most 3"));
    // Empty entries are skipped (an optional third).
    assert_eq!(
        nameservers(&list(&["ns1.a.nl", "ns2.a.nl", " "]), 3).map(|v| v.len()),
        Ok(2)
    );
}

#[test]
fn nameserver_errors_name_the_entry() {
    let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let bad = nameserver_entries(&list(&["ns1.a.nl", "ns_2.a.nl"]), 3).unwrap_err();
    assert_eq!(bad.index, 1);
    assert!(
        bad.message.starts_with("nameserver 2: label 'ns_2'"),
        "{}",
        bad.message
    );
    let duplicate = nameserver_entries(&list(&["ns1.a.nl", "NS1.a.nl."]), 3).unwrap_err();
    assert_eq!(duplicate.index, 1);
    assert!(
        duplicate.message.contains("repeats nameserver 1"),
        "{}",
        duplicate.message
    );
    let short = nameserver_entries(&list(&["ns1", "ns2.a.nl"]), 3).unwrap_err();
    assert_eq!(short.index, 0);
    assert!(
        short.message.contains("not a full name"),
        "{}",
        short.message
    );
    let missing = nameserver_entries(&list(&["ns1.a.nl", "", ""]), 3).unwrap_err();
    assert_eq!(missing.index, 1, "blames the first empty entry");
}

fn good_contact() -> ContactFields {
    ContactFields {
        handle: " ACME-01 ".into(),
        company_name: "Acme BV".into(),
        gender: "M".into(),
        first_name: "Jan".into(),
        last_name: "Jansen".into(),
        address: "Dorpsstraat 1".into(),
        zip_code: "1234 AB".into(),
        city: "Amsterdam".into(),
        country: "nl".into(),
        phone_number: "+31 (0)20-123.4567".into(),
        ..ContactFields::default()
    }
}

#[test]
fn a_good_contact_is_trimmed_and_normalised() {
    let clean = contact(&good_contact()).expect("valid");
    assert_eq!(clean.handle, "ACME-01");
    assert_eq!(clean.gender, "m");
    assert_eq!(clean.country, "NL");
    assert_eq!(clean.fax_number, "");
}

#[test]
fn each_required_field_missing_names_that_field() {
    type Slot = fn(&mut ContactFields) -> &mut String;
    let required: [(&str, Slot); 9] = [
        ("Handle", |c| &mut c.handle),
        ("Gender", |c| &mut c.gender),
        ("FirstName", |c| &mut c.first_name),
        ("LastName", |c| &mut c.last_name),
        ("Address", |c| &mut c.address),
        ("ZipCode", |c| &mut c.zip_code),
        ("City", |c| &mut c.city),
        ("Country", |c| &mut c.country),
        ("PhoneNumber", |c| &mut c.phone_number),
    ];
    for (name, slot) in required {
        let mut fields = good_contact();
        *slot(&mut fields) = "  ".into();
        let error = contact(&fields).unwrap_err();
        assert_eq!(error.field, name);
        assert_eq!(error.message, format!("{name}: is required"));
    }
}

#[test]
fn optional_fields_may_be_empty() {
    let mut fields = good_contact();
    fields.company_name.clear();
    assert!(contact(&fields).is_ok());
}

#[test]
fn bad_country_names_the_field_and_gives_an_example() {
    let mut fields = good_contact();
    fields.country = "XX".into();
    let error = contact(&fields).unwrap_err();
    assert_eq!(error.field, "Country");
    assert_eq!(
        error.message,
        "Country: 'XX' is not an ISO 3166-1 country code (e.g. NL)"
    );
    fields.country = "uk".into();
    assert!(contact(&fields).unwrap_err().message.contains("GB"));
    fields.country = "Netherlands".into();
    assert_eq!(contact(&fields).unwrap_err().field, "Country");
}

#[test]
fn gender_aliases_and_bad_gender() {
    for (input, expected) in [
        ("m", "m"),
        ("M", "m"),
        ("male", "m"),
        ("Man", "m"),
        ("v", "v"),
        ("V", "v"),
        ("female", "v"),
        ("vrouw", "v"),
    ] {
        let mut fields = good_contact();
        fields.gender = input.into();
        assert_eq!(
            contact(&fields).map(|c| c.gender),
            Ok(expected.into()),
            "{input}"
        );
    }
    let mut fields = good_contact();
    fields.gender = "x".into();
    let error = contact(&fields).unwrap_err();
    assert_eq!(error.field, "Gender");
    assert!(error.message.contains("not m or v"), "{}", error.message);
}

#[test]
fn phone_and_fax_must_be_plausible() {
    let mut fields = good_contact();
    fields.phone_number = "12345".into();
    let error = contact(&fields).unwrap_err();
    assert_eq!(error.field, "PhoneNumber");
    assert!(error.message.contains("at least 6"), "{}", error.message);
    fields.phone_number = "call 0201234567".into();
    assert!(contact(&fields).unwrap_err().message.contains("'c'"));
    fields.phone_number = "020+1234567".into();
    assert!(contact(&fields).unwrap_err().message.contains("'+'"));
    let mut fields = good_contact();
    fields.fax_number = "fax".into();
    assert_eq!(contact(&fields).unwrap_err().field, "FaxNumber");
    fields.fax_number = "+31 20 765 4321".into();
    assert!(contact(&fields).is_ok());
}

proptest! {
    #[test]
    fn hostname_never_panics_and_accepted_names_revalidate(input in "\\PC{0,80}") {
        if let Ok(name) = hostname(&input) {
            prop_assert_eq!(hostname(&name), Ok(name.clone()));
            prop_assert!(name.len() <= 253);
            prop_assert!(name.split('.').all(|l| !l.is_empty() && l.len() <= 63));
        }
    }

    #[test]
    fn hostname_like_input_revalidates(input in "[a-zA-Z0-9._ -]{0,300}\\.?") {
        if let Ok(name) = hostname(&input) {
            prop_assert_eq!(hostname(&name), Ok(name.clone()));
            prop_assert_eq!(name.to_ascii_lowercase(), name.clone());
        }
    }

    #[test]
    fn nameservers_and_contacts_never_panic(
        entries in proptest::collection::vec("\\PC{0,30}", 0..6),
        country in "\\PC{0,4}",
        phone in "\\PC{0,24}",
    ) {
        let _ = nameservers(&entries, 13);
        let mut fields = good_contact();
        fields.country = country;
        fields.phone_number = phone;
        let _ = contact(&fields);
    }
}

#[test]
fn ip_requests_take_1_to_16_addresses_and_a_one_line_reason() {
    assert_eq!(validate::ip_request_count(1), Ok(1));
    assert_eq!(validate::ip_request_count(16), Ok(16));
    for bad in [0, 17, u32::MAX] {
        let error = validate::ip_request_count(bad).unwrap_err();
        assert!(error.contains("1 to 16"), "{bad}: {error}");
    }
    assert_eq!(
        validate::ip_request_reason("  more sites "),
        Ok("more sites".to_string())
    );
    assert!(validate::ip_request_reason(" \t ").is_err());
    assert!(validate::ip_request_reason("two\nlines").is_err());
}
