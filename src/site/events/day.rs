//! The event's day as the lead names it: a weekday, "today" or "yesterday", or a date, read
//! against the day the page is dated.

use super::lead::Word;
use super::weekday_of;
use crate::text;

/// Days between two weekdays, either way round the week.
pub(super) fn weekday_distance(a: u8, b: u8) -> u8 {
    let d = (i16::from(a) - i16::from(b)).rem_euclid(7) as u8;
    d.min(7 - d)
}

/// Whether `month`/`day` falls within `slack` days of day number `near`, in its year or
/// the next or last.
pub(super) fn month_day_near(month: u8, day: u8, near: i64, slack: i64) -> bool {
    let year: i64 = crate::date::date_of_day(near)[..4].parse().unwrap_or(1970);
    (year - 1..=year + 1)
        .any(|y| civil_day(y, month, day).is_some_and(|d| (d - near).abs() <= slack))
}

/// The day number of a calendar date, if the date exists.
fn civil_day(year: i64, month: u8, day: u8) -> Option<i64> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > days || !(1900..=2100).contains(&year) {
        return None;
    }
    crate::date::day_number(&format!("{year:04}-{month:02}-{day:02}"))
}

/// A mention of a day as read in a sentence, before it is read against the page's date.
pub(super) enum When {
    Weekday(u8),
    /// Days before the page's date: 0 for "today", 1 for "yesterday".
    DaysBefore(i64),
    /// A date: weekday, month, day and maybe year.
    Date(Option<u8>, u8, u8, Option<i64>),
}

impl When {
    /// The event's (day, weekday, month and day) from this mention on a page dated
    /// `published`; `None` when it says nothing without the page's date.
    #[allow(clippy::type_complexity)]
    pub(super) fn resolve(
        &self,
        published: Option<i64>,
        preview: bool,
    ) -> Option<(Option<i64>, Option<u8>, Option<(u8, u8)>)> {
        match *self {
            When::Weekday(w) => {
                let day = published.map(|p| {
                    let ahead = i64::from((w + 7 - weekday_of(p)) % 7);
                    // The weekday last past for a report, next to come for a preview.
                    if preview {
                        p + ahead
                    } else {
                        p - (7 - ahead) % 7
                    }
                });
                Some((day, Some(w), None))
            }
            When::DaysBefore(n) => published.map(|p| (Some(p - n), None, None)),
            When::Date(weekday, month, day, Some(year)) => {
                Some((Some(civil_day(year, month, day)?), weekday, None))
            }
            When::Date(weekday, month, day, None) => match published {
                Some(p) => {
                    let year: i64 = crate::date::date_of_day(p)[..4].parse().ok()?;
                    let nearest = (year - 1..=year + 1)
                        .filter_map(|y| civil_day(y, month, day))
                        .min_by_key(|d| (d - p).abs())?;
                    Some((Some(nearest), weekday, None))
                }
                None => Some((None, weekday, Some((month, day)))),
            },
        }
    }
}

/// Words before a day that make it another one than the event's ("since Monday", "by
/// 5 June", "last Wednesday").
const NOT_THE_DAY: &[&str] = &[
    "last",
    "next",
    "by",
    "until",
    "till",
    "since",
    "before",
    "after",
    "from",
    "every",
    "each",
    "previous",
    "following",
];

/// The mention of a day starting at word `at`, if one does.
pub(super) fn when_at(words: &[Word], at: usize) -> Option<When> {
    let word = &words[at];
    if at > 0 && NOT_THE_DAY.contains(&words[at - 1].lower.as_str()) {
        return None;
    }
    let next = |k: usize| words.get(at + k);
    if let Some(w) = text::WEEKDAYS.iter().position(|d| word.is(d)) {
        let w = w as u8;
        // "Thursday 5 June", "Monday, February 3, 2025", "Thursday morning".
        let mut k = 1;
        if next(k).is_some_and(|n| {
            ["morning", "afternoon", "evening", "night"].contains(&n.lower.as_str())
        }) {
            k += 1;
        }
        return Some(match date_at(words, at + k) {
            Some((month, day, year)) => When::Date(Some(w), month, day, year),
            None => When::Weekday(w),
        });
    }
    match word.lower.as_str() {
        "today" | "tonight" => return Some(When::DaysBefore(0)),
        "yesterday" => return Some(When::DaysBefore(1)),
        "this"
            if next(1).is_some_and(|n| {
                ["morning", "afternoon", "evening"].contains(&n.lower.as_str())
            }) =>
        {
            return Some(When::DaysBefore(0));
        }
        _ => {}
    }
    date_at(words, at).map(|(month, day, year)| When::Date(None, month, day, year))
}

/// A date at word `at`: "5 June", "5th of June 2025", "June 5", "June 5, 2025"; month, day
/// and year if stated.
fn date_at(words: &[Word], at: usize) -> Option<(u8, u8, Option<i64>)> {
    let month_of = |w: &Word| {
        text::MONTHS
            .iter()
            .position(|m| {
                w.is(m) || (w.lower.len() == 3 && m.starts_with(&w.lower) && w.capitalised)
            })
            .map(|m| m as u8 + 1)
    };
    let day_of = |w: &Word| {
        let digits = w.lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &w.lower[digits.len()..];
        let day: u8 = digits.parse().ok()?;
        ((1..=31).contains(&day) && ["", "st", "nd", "rd", "th"].contains(&suffix)).then_some(day)
    };
    let year_of = |w: Option<&Word>| {
        w.and_then(Word::number)
            .filter(|y| (1900..=2100).contains(y))
            .map(i64::from)
    };
    let first = words.get(at)?;
    if let Some(day) = day_of(first) {
        let mut k = at + 1;
        if words.get(k).is_some_and(|w| w.is("of")) {
            k += 1;
        }
        let month = words.get(k).and_then(month_of)?;
        return Some((month, day, year_of(words.get(k + 1))));
    }
    let month = month_of(first)?;
    let day = words.get(at + 1).and_then(day_of)?;
    Some((month, day, year_of(words.get(at + 2))))
}
