//! Dates as the CLC document writes them: milliseconds since the epoch,
//! ISO text without a zone (`2012-09-13T16:03:42.943`), and the request forms
//! `2012-11-14`, `2012-11-14T12:00:00` or `\/Date(ms)\/`.

use crate::model::time::{civil_from_days, days_from_civil};
use std::time::{SystemTime, UNIX_EPOCH};

pub const HOUR_MS: i64 = 3_600_000;
pub const DAY_MS: i64 = 24 * HOUR_MS;

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// `2012-09-13T16:03:42.943` (fraction digits only when non-zero, as in the examples).
pub fn iso(ms: i64) -> String {
    let mut text = iso_seconds(ms);
    let fraction = ms.rem_euclid(1000);
    if fraction != 0 {
        let digits = format!("{fraction:03}");
        text.push('.');
        text.push_str(digits.trim_end_matches('0'));
    }
    text
}

/// `2012-11-14T12:00:00`.
pub fn iso_seconds(ms: i64) -> String {
    let days = ms.div_euclid(DAY_MS);
    let in_day = ms.rem_euclid(DAY_MS) / 1000;
    let (y, m, d) = civil_from_days(days);
    let (h, min, s) = (in_day / 3600, in_day / 60 % 60, in_day % 60);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}")
}

/// Parses `YYYY-MM-DD[THH:MM[:SS[.fff]]]` (also the document's `2013:05-10` typo)
/// and `\/Date(ms)\/`.
pub fn parse(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Some(ms) = parse_dotnet(text) {
        return Some(ms);
    }
    let (date, time) = text.split_once(['T', ' ']).unwrap_or((text, ""));
    let mut parts = date.split(['-', ':', '/']);
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    let in_range = (1..=9999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d);
    if parts.next().is_some() || !in_range {
        return None;
    }
    Some(days_from_civil(y, m, d) * DAY_MS + parse_time(time)?)
}

fn parse_dotnet(text: &str) -> Option<i64> {
    let inner = text.replace("\\/", "/");
    let inner = inner.strip_prefix("/Date(")?.strip_suffix(")/")?;
    inner.parse().ok()
}

fn parse_time(time: &str) -> Option<i64> {
    if time.is_empty() {
        return Some(0);
    }
    let time = time.trim_end_matches('Z');
    let (hms, fraction) = time.split_once('.').unwrap_or((time, ""));
    let mut parts = hms.split(':');
    let h: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let s: i64 = parts.next().map_or(Some(0), |s| s.parse().ok())?;
    if h > 23 || m > 59 || s > 60 {
        return None;
    }
    let ms = fraction_ms(fraction)?;
    Some(((h * 60 + m) * 60 + s) * 1000 + ms)
}

fn fraction_ms(fraction: &str) -> Option<i64> {
    if fraction.is_empty() {
        return Some(0);
    }
    let digits: String = fraction.chars().take(3).collect();
    let value: i64 = digits.parse().ok()?;
    Some(value * 10i64.pow(3 - digits.len() as u32))
}

/// Start of the month containing `ms`.
pub fn month_start(ms: i64) -> i64 {
    let (y, m, _) = civil_from_days(ms.div_euclid(DAY_MS));
    days_from_civil(y, m, 1) * DAY_MS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_matches_the_document_examples() {
        assert_eq!(iso(1_347_577_422_943), "2012-09-13T23:03:42.943");
        assert_eq!(iso_seconds(1_352_851_200_000), "2012-11-14T00:00:00");
    }

    #[test]
    fn parses_request_dates() {
        assert_eq!(parse("2012-11-14"), Some(1_352_851_200_000));
        assert_eq!(parse("2012-11-14T01:00:00"), Some(1_352_854_800_000));
        assert_eq!(parse("2013:05-10T14:30:12"), parse("2013-05-10T14:30:12"));
        assert_eq!(parse("\\/Date(1261014726677)\\/"), Some(1_261_014_726_677));
        assert_eq!(parse("yesterday"), None);
        assert_eq!(parse("2012-13-01"), None);
        assert_eq!(parse("9223372036854775807-01-01"), None);
        assert_eq!(parse("2012-01-01T10:00:00.ééé"), None);
    }
}
