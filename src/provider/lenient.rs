//! Lenient decoding shared by every provider: values documented as one
//! type but sent as another (int or string, bool or "true"), .NET
//! `\/Date(ms)\/` and zone-less ISO dates, missing or null fields, and lists
//! that arrive as an array, a single object or an XML wrapper element.

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::fmt;

pub use crate::model::time::{
    civil_from_days, days_from_civil, days_in_month, iso_date, iso_utc, readable_utc,
};

/// Why a JSON answer could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    #[error("the answer is empty")]
    Empty,
    #[error("the answer is not JSON ({0})")]
    NotJson(String),
    #[error("the answer holds {0} objects where one was expected")]
    Several(usize),
    #[error("unexpected answer shape: {0}")]
    Shape(String),
}

/// The whole body as JSON; an empty body is [`WireError::Empty`].
pub fn decode_value(body: &str) -> Result<Value, WireError> {
    if body.trim().is_empty() {
        return Err(WireError::Empty);
    }
    serde_json::from_str(body).map_err(|e| WireError::NotJson(e.to_string()))
}

/// A value documented as an int but sent as an int or a string
/// (`"ServerType":"2"`, `"PowerState":"Started"`). A string holding an
/// integer becomes `Int`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Code {
    Int(i64),
    Text(String),
}

impl Code {
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Code::Int(n) => Some(*n),
            Code::Text(_) => None,
        }
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Code::Int(n) => s.serialize_i64(*n),
            Code::Text(text) => s.serialize_str(text),
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Int(n) => write!(f, "{n}"),
            Code::Text(s) => f.write_str(s),
        }
    }
}

/// Any JSON-like scalar, read from any self-describing format.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    /// A list or an object where a scalar was expected.
    Composite,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a scalar")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
        Ok(i64::try_from(v).map_or(Scalar::Float(v as f64), Scalar::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(v))
    }
    fn visit_unit<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        Scalar::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Composite)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Composite)
    }
}

/// Parses an integer from text: `"42"`, `" 42 "`, `"42.0"`.
pub fn int_from_text(s: &str) -> Option<i64> {
    let s = s.trim();
    s.parse::<i64>()
        .ok()
        .or_else(|| s.parse::<f64>().ok().and_then(int_from_float))
}

fn int_from_float(f: f64) -> Option<i64> {
    let in_range = f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15;
    in_range.then_some(f as i64)
}

/// Parses a number from text: `"0.2236"`, `" 2 "`. Non-finite values are refused.
pub fn number_from_text(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Parses a boolean from text: `true`/`false` in any case, `1`/`0`, `yes`/`no`.
pub fn bool_from_text(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" => Some(true),
        "false" | "0" | "no" => Some(false),
        _ => None,
    }
}

/// Int or string; `null`, `""` and composites become `None`.
pub fn opt_code<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Code>, D::Error> {
    Ok(match Scalar::deserialize(d)? {
        Scalar::Int(n) => Some(Code::Int(n)),
        Scalar::Float(f) => Some(int_from_float(f).map_or(Code::Text(f.to_string()), Code::Int)),
        Scalar::Bool(b) => Some(Code::Text(b.to_string())),
        Scalar::Text(s) if s.trim().is_empty() => None,
        Scalar::Text(s) => {
            Some(int_from_text(&s).map_or(Code::Text(s.trim().to_string()), Code::Int))
        }
        Scalar::Null | Scalar::Composite => None,
    })
}

/// An integer given as a number or a string.
pub fn opt_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(match Scalar::deserialize(d)? {
        Scalar::Int(n) => Some(n),
        Scalar::Float(f) => int_from_float(f),
        Scalar::Text(s) => int_from_text(&s),
        Scalar::Bool(_) | Scalar::Null | Scalar::Composite => None,
    })
}

/// A number (money, sizes) given as a number or a string.
pub fn opt_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(match Scalar::deserialize(d)? {
        Scalar::Int(n) => Some(n as f64),
        Scalar::Float(f) => Some(f).filter(|f| f.is_finite()),
        Scalar::Text(s) => number_from_text(&s),
        Scalar::Bool(_) | Scalar::Null | Scalar::Composite => None,
    })
}

/// A boolean given as a bool, a string or 0/1.
pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Scalar::deserialize(d)? {
        Scalar::Bool(b) => Some(b),
        Scalar::Int(0) => Some(false),
        Scalar::Int(1) => Some(true),
        Scalar::Text(s) => bool_from_text(&s),
        _ => None,
    })
}

/// A string; numbers and bools are turned into their text.
pub fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Scalar::deserialize(d)? {
        Scalar::Text(s) => Some(s),
        Scalar::Int(n) => Some(n.to_string()),
        Scalar::Float(f) => Some(f.to_string()),
        Scalar::Bool(b) => Some(b.to_string()),
        Scalar::Null | Scalar::Composite => None,
    })
}

/// A date as milliseconds since the epoch (UTC), from any form
/// [`parse_date`] accepts, or from a number of milliseconds.
pub fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(match Scalar::deserialize(d)? {
        Scalar::Text(s) => parse_date(&s),
        Scalar::Int(n) => Some(n),
        _ => None,
    })
}

/// A list that may be `null`, missing, an empty string (an empty XML
/// element), a single object, or an XML-style wrapper object holding the
/// items under one key (`{"Server": [...]}` or `{"Server": {...}}`).
///
/// An array (JSON's usual case, and a 10,000-server list) is read item by
/// item straight into `T`; only an object, which may be a wrapper or the
/// one item, is looked at as a tree first.
pub fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    d.deserialize_any(ListVisitor(std::marker::PhantomData))
}

/// Reads any shape [`list`] accepts.
struct ListVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: serde::de::DeserializeOwned> Visitor<'de> for ListVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list, one object, or a wrapper object")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(items)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<T>, A::Error> {
        let value = Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
        let items = list_items(value).into_iter();
        items
            .map(|item| T::deserialize(item).map_err(de::Error::custom))
            .collect()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        list(d)
    }

    fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
}

/// The items of a list-like value; see [`list`].
pub fn list_items(value: Value) -> Vec<Value> {
    match value {
        Value::Array(items) => items,
        Value::Object(map) if map.is_empty() => Vec::new(),
        Value::Object(map) => match single_wrapped(&map) {
            Some(inner) => list_items(inner.clone()),
            None => vec![Value::Object(map)],
        },
        _ => Vec::new(),
    }
}

/// The one value of a wrapper object whose only field is a list or object.
fn single_wrapped(map: &serde_json::Map<String, Value>) -> Option<&Value> {
    let mut values = map.values();
    match (values.next(), values.next()) {
        (Some(inner @ (Value::Array(_) | Value::Object(_))), None) => Some(inner),
        _ => None,
    }
}

/// Parses the dates the document shows, into UTC milliseconds:
/// `\/Date(1343775600000)\/` (also `/Date(ms)/`, with an optional
/// `+hhmm`/`-hhmm` zone, which does not change the instant), and ISO
/// `2012-08-31T23:00:00[.fff]` without a zone (read as UTC, which the
/// document calls GMT), a date alone, or with `Z`/`±hh:mm`; and the Dutch
/// `DD-MM-YYYY` (controlepaneel), alone or with a time, read as UTC.
pub fn parse_date(text: &str) -> Option<i64> {
    let s = text.trim();
    match s
        .strip_prefix("\\/Date(")
        .or_else(|| s.strip_prefix("/Date("))
    {
        Some(rest) => parse_dotnet_date(rest),
        None => parse_iso_date(s),
    }
}

/// A provider's date as people read it everywhere in hostdeck: ISO.
/// `29-03-2026` becomes `2026-03-29`, `29-03-2026 14:05` becomes
/// `2026-03-29 14:05` (the time as written), `\/Date(ms)\/` becomes a
/// UTC time; text that is not a date is kept as written.
pub fn readable_date(text: &str) -> String {
    let s = text.trim();
    let Some(millis) = parse_date(s) else {
        return text.to_string();
    };
    let (date, time) = match s.find(['T', ' ']) {
        Some(i) => (&s[..i], s[i + 1..].trim()),
        None => (s, ""),
    };
    match parse_ymd(date).or_else(|| parse_dmy(date)) {
        Some(days) if time.is_empty() => iso_date(days * 86_400_000),
        Some(days) => format!("{} {time}", iso_date(days * 86_400_000)),
        None => readable_utc(millis),
    }
}

/// The part of `/Date(ms±zone)/` after `Date(`.
fn parse_dotnet_date(rest: &str) -> Option<i64> {
    let inner = rest
        .strip_suffix(")\\/")
        .or_else(|| rest.strip_suffix(")/"))?;
    let zone_at = inner
        .char_indices()
        .skip(1)
        .find(|(_, c)| *c == '+' || *c == '-')
        .map(|(i, _)| i);
    let (millis, zone) = inner.split_at(zone_at.unwrap_or(inner.len()));
    let zone_ok =
        zone.is_empty() || (zone.len() == 5 && zone[1..].bytes().all(|b| b.is_ascii_digit()));
    if !zone_ok {
        return None;
    }
    millis.parse::<i64>().ok()
}

fn parse_iso_date(s: &str) -> Option<i64> {
    let (date, time) = match s.find(['T', ' ']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let days = parse_ymd(date).or_else(|| parse_dmy(date))?;
    let (time_ms, offset_ms) = match time {
        Some(t) => parse_time_with_zone(t)?,
        None => (0, 0),
    };
    Some(days * 86_400_000 + time_ms - offset_ms)
}

/// `YYYY-MM-DD` as days since the epoch.
fn parse_ymd(date: &str) -> Option<i64> {
    let mut parts = date.split('-');
    let year = fixed_digits(parts.next()?, 4)?;
    let month = fixed_digits(parts.next()?, 2)?;
    let day = fixed_digits(parts.next()?, 2)?;
    if parts.next().is_some() || !(1..=12).contains(&month) {
        return None;
    }
    if day < 1 || day > days_in_month(year, month) {
        return None;
    }
    Some(days_from_civil(year, month, day))
}

/// `DD-MM-YYYY` as days since the epoch.
fn parse_dmy(date: &str) -> Option<i64> {
    let mut parts = date.split('-');
    let day = parts.next()?;
    let month = parts.next()?;
    let year = parts.next()?;
    if parts.next().is_some() {
        return None;
    }
    parse_ymd(&format!("{year}-{month}-{day}"))
}

/// `HH:MM[:SS[.fff]]` with an optional `Z` or `±HH:MM`/`±HHMM`; returns
/// (millis into the day, zone offset in millis).
fn parse_time_with_zone(t: &str) -> Option<(i64, i64)> {
    let (clock, offset) = if let Some(clock) = t.strip_suffix(['Z', 'z']) {
        (clock, 0)
    } else {
        match t.rfind(['+', '-']) {
            Some(i) => (&t[..i], parse_zone(&t[i..])?),
            None => (t, 0),
        }
    };
    Some((parse_clock(clock)?, offset))
}

fn parse_zone(zone: &str) -> Option<i64> {
    let sign = if zone.starts_with('-') { -1 } else { 1 };
    let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
    let hours = fixed_digits(digits.get(..2)?, 2)?;
    let minutes = fixed_digits(digits.get(2..)?, 2)?;
    (hours <= 23 && minutes <= 59).then_some(sign * (hours * 60 + minutes) * 60_000)
}

fn parse_clock(clock: &str) -> Option<i64> {
    let (hms, fraction) = match clock.split_once('.') {
        Some((hms, fraction)) => (hms, Some(fraction)),
        None => (clock, None),
    };
    let mut parts = hms.split(':');
    let hours = fixed_digits(parts.next()?, 2)?;
    let minutes = fixed_digits(parts.next()?, 2)?;
    let seconds = parts.next().map_or(Some(0), |s| fixed_digits(s, 2))?;
    if parts.next().is_some() || hours > 23 || minutes > 59 || seconds > 60 {
        return None;
    }
    let millis = match fraction {
        Some(f) => fraction_millis(f)?,
        None => 0,
    };
    Some(((hours * 60 + minutes) * 60 + seconds) * 1000 + millis)
}

/// `.76` -> 760 ms; up to 9 digits, beyond milliseconds truncated.
fn fraction_millis(f: &str) -> Option<i64> {
    if f.is_empty() || f.len() > 9 || !f.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let padded = format!("{f:0<3}");
    padded.get(..3)?.parse().ok()
}

fn fixed_digits(s: &str, len: usize) -> Option<i64> {
    if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Item {
        #[serde(rename = "Name")]
        name: String,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Answer {
        #[serde(rename = "Items", default, deserialize_with = "list")]
        items: Vec<Item>,
    }

    fn names(json: &str) -> Vec<String> {
        let from_text: Answer = serde_json::from_str(json).expect(json);
        let tree: Value = serde_json::from_str(json).expect(json);
        let from_tree = Answer::deserialize(tree).expect(json);
        assert_eq!(from_text, from_tree, "text and tree read alike: {json}");
        from_text.items.into_iter().map(|i| i.name).collect()
    }

    #[test]
    fn a_list_is_read_in_every_shape_the_documents_show() {
        let ab = ["a", "b"];
        assert_eq!(names(r#"{"Items":[{"Name":"a"},{"Name":"b"}]}"#), ab);
        assert_eq!(names(r#"{"Items":{"Name":"a"}}"#), ["a"]);
        let wrapped = r#"{"Items":{"Item":[{"Name":"a"},{"Name":"b"}]}}"#;
        assert_eq!(names(wrapped), ab);
        assert_eq!(names(r#"{"Items":{"Item":{"Name":"a"}}}"#), ["a"]);
        for empty in [
            r#"{}"#,
            r#"{"Items":null}"#,
            r#"{"Items":""}"#,
            r#"{"Items":{}}"#,
            r#"{"Items":[]}"#,
            r#"{"Items":7}"#,
        ] {
            assert!(names(empty).is_empty(), "{empty}");
        }
    }

    #[test]
    fn an_item_of_the_wrong_shape_is_an_error() {
        let bad = r#"{"Items":[{"Name":"a"},{"Name":3}]}"#;
        assert!(serde_json::from_str::<Answer>(bad).is_err());
    }
}
