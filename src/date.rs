//! Dates as the whole pipeline writes them, `YYYY-MM-DD` strings: their shape, whether the
//! day exists, day numbers for distances between days, and how a page shows one. Ingest
//! finds dates in text (ingest/dates.rs); everything after it reads this form.

/// Whether `date` reads as a calendar date `YYYY-MM-DD`.
pub fn is_date(date: &str) -> bool {
    let b = date.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&date[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&date[8..10].parse::<u32>().unwrap_or(0))
}

/// `YYYY-MM-DD` if the day exists.
pub fn valid_date(year: i32, month: u32, day: u32) -> Option<String> {
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    ((1900..=2100).contains(&year) && (1..=days_in_month).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Whether `date` is a day that exists, written `YYYY-MM-DD` (a year from 1900 to 2100, as
/// ingest reads them).
pub fn is_calendar_date(date: &str) -> bool {
    is_date(date)
        && valid_date(
            date[..4].parse().unwrap_or(0),
            date[5..7].parse().unwrap_or(0),
            date[8..].parse().unwrap_or(0),
        )
        .as_deref()
            == Some(date)
}

/// Days since 1970-01-01 of a YYYY-MM-DD date (proleptic Gregorian), for date distances.
pub fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    let (y, m) = if m <= 2 { (y - 1, m + 12) } else { (y, m) };
    Some(365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d - 719469)
}

/// The YYYY-MM-DD date of a day number (see [`day_number`]).
pub fn date_of_day(day: i64) -> String {
    // Howard Hinnant's civil_from_days.
    let z = day + 719468;
    let era = z.div_euclid(146097);
    let doe = z.rem_euclid(146097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

const MONTH_NAMES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "2025-02-03" -> "3 February 2025".
pub fn display_date(date: &str) -> Option<String> {
    let mut parts = date.splitn(3, '-');
    let year = parts.next()?;
    let month: usize = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    Some(format!(
        "{day} {} {year}",
        MONTH_NAMES.get(month.checked_sub(1)?)?
    ))
}
