//! UTC calendar arithmetic and time formats, for every layer (audit lines,
//! provider wire dates, the UI). No time zone database: all times are UTC.

use super::Millis;

/// `2026-11-22T13:05:09.123Z`: RFC 3339 in UTC with milliseconds.
pub fn rfc3339_utc(millis: Millis) -> String {
    let t = UtcTime::from_millis(millis);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year, t.month, t.day, t.hour, t.minute, t.second, t.millis
    )
}

/// `2026-11-22 13:05:09Z`: a UTC time for people, to the second.
pub fn format_utc(millis: Millis) -> String {
    let t = UtcTime::from_millis(millis);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}Z",
        t.year, t.month, t.day, t.hour, t.minute, t.second
    )
}

/// A point in time split into UTC calendar fields.
pub struct UtcTime {
    pub year: i64,
    pub month: i64,
    pub day: i64,
    pub hour: i64,
    pub minute: i64,
    pub second: i64,
    pub millis: i64,
}

impl UtcTime {
    /// Defined for every `i64`, before the epoch included.
    pub fn from_millis(millis: Millis) -> Self {
        const MS_PER_DAY: i64 = 86_400_000;
        let days = millis.div_euclid(MS_PER_DAY);
        let in_day = millis.rem_euclid(MS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        UtcTime {
            year,
            month,
            day,
            hour: in_day / 3_600_000,
            minute: in_day / 60_000 % 60,
            second: in_day / 1000 % 60,
            millis: in_day % 1000,
        }
    }
}

/// Year, month (1-12) and day (1-31) of a day count since 1970-01-01, in
/// the proleptic Gregorian calendar (Howard Hinnant's `civil_from_days`).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

pub fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Milliseconds since the epoch as `2012-09-13T16:03:42` (UTC, no zone),
/// the form the document uses in requests and XML answers.
pub fn iso_utc(millis: i64) -> String {
    // Keep the arithmetic far away from overflow: years 0..=9999.
    let millis = millis.clamp(-62_167_219_200_000, 253_402_300_799_000);
    let days = millis.div_euclid(86_400_000);
    let secs = millis.rem_euclid(86_400_000) / 1000;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Milliseconds since the epoch as a readable UTC time: `2012-09-13 16:03:42 UTC`.
pub fn readable_utc(millis: i64) -> String {
    format!("{} UTC", iso_utc(millis).replace('T', " "))
}

/// Milliseconds since the epoch as a UTC date: `2026-11-22`.
pub fn iso_date(millis: i64) -> String {
    iso_utc(millis)[..10].to_string()
}

/// Milliseconds since the epoch to the minute: `2026-11-22 14:05 UTC`.
pub fn iso_date_time(millis: i64) -> String {
    format!("{} UTC", iso_utc(millis)[..16].replace('T', " "))
}
