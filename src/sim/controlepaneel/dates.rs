//! Dates as this simulator writes them (the document gives no format, only
//! the input examples `01-01-2016`): days as `DD-MM-YYYY`, moments as
//! `DD-MM-YYYY HH:MM`, both in UTC. Days and minutes count from 1970-01-01.

use std::time::{SystemTime, UNIX_EPOCH};

pub const MINUTES_PER_DAY: i64 = 24 * 60;

/// Minutes since the epoch, now.
pub fn now_minutes() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| (d.as_secs() / 60) as i64)
}

/// The day number of `minutes`.
pub fn day_of(minutes: i64) -> i64 {
    minutes.div_euclid(MINUTES_PER_DAY)
}

/// `14-03-2019`.
pub fn date(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{d:02}-{m:02}-{y:04}")
}

/// `14-03-2019 09:41`.
pub fn timestamp(minutes: i64) -> String {
    let in_day = minutes.rem_euclid(MINUTES_PER_DAY);
    format!(
        "{} {:02}:{:02}",
        date(day_of(minutes)),
        in_day / 60,
        in_day % 60
    )
}

/// Parses `DD-MM-YYYY` into a day number.
pub fn parse_date(text: &str) -> Option<i64> {
    let mut parts = text.trim().split('-');
    let d: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let y: i64 = parts.next()?.parse().ok()?;
    let valid = parts.next().is_none()
        && (1..=9999).contains(&y)
        && (1..=12).contains(&m)
        && (1..=days_in_month(y, m)).contains(&d);
    valid.then(|| days_from_civil(y, m, d))
}

/// The same day `years` later (29 February becomes 28 February).
pub fn add_years(day: i64, years: i64) -> i64 {
    let (y, m, d) = civil_from_days(day);
    let y = y + years;
    days_from_civil(y, m, d.min(days_in_month(y, m)))
}

fn days_in_month(y: i64, m: i64) -> i64 {
    days_from_civil(y + i64::from(m == 12), m % 12 + 1, 1) - days_from_civil(y, m, 1)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_dutch_dates() {
        let day = parse_date("14-03-2019").expect("valid");
        assert_eq!(date(day), "14-03-2019");
        assert_eq!(
            timestamp(day * MINUTES_PER_DAY + 9 * 60 + 41),
            "14-03-2019 09:41"
        );
        assert_eq!(date(0), "01-01-1970");
        assert_eq!(parse_date("29-02-2023"), None);
        assert_eq!(parse_date("2019-03-14"), None);
        assert_eq!(parse_date("31-04-2020"), None);
        assert_eq!(
            date(add_years(parse_date("29-02-2024").unwrap_or(0), 1)),
            "28-02-2025"
        );
    }
}
