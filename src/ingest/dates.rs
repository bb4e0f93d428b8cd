//! Dates: calendar dates as pages state them ("Tuesday September 9, 2025", "29th July 2025",
//! "11/21/24", "2025-02-03T10:00Z", a date glued to a byline) and the lines that say when a
//! piece was published. A relative age ("3 hours ago") is no date.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;

use crate::date::valid_date;
use crate::text;

/// The month (1-12) a name or abbreviation stands for.
fn month_number(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    let name = name.trim_end_matches('.');
    if name.len() < 3 {
        return None;
    }
    text::MONTHS
        .iter()
        .position(|m| m.starts_with(name) && (name.len() == 3 || *m == name || name == "sept"))
        .map(|i| i as u32 + 1)
}

/// Spaces put back where a scraper glued a name to a date: "Harlow5 March 2024",
/// "MillsAugust 2, 2024", "PAPublished 5th Oct". Most lines need none, and are borrowed.
pub fn unglued(text: &str) -> Cow<'_, str> {
    static GLUE: OnceLock<Regex> = OnceLock::new();
    let glue = GLUE.get_or_init(|| {
        text::builtin_regex(
            r"[a-z][0-9]|[a-zA-Z](?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|Published|Updated)\b",
        )
    });
    if !glue.is_match(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 4);
    let mut copied = 0;
    for m in glue.find_iter(text) {
        // The glue is after the match's first character (ASCII).
        out.push_str(&text[copied..m.start() + 1]);
        out.push(' ');
        copied = m.start() + 1;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// Every full calendar date stated in `text` (already unglued), in order of position, as
/// `(start, end, "YYYY-MM-DD")`: "3 February 2025", "Monday 3 February 2025", "Feb 3, 2025",
/// "2025-02-03", "2025-02-03T10:00Z", "11/21/24" (month first). Relative words ("on Sunday")
/// and partial dates ("April 2027") are not dates.
fn dates_at(text: &str) -> Vec<(usize, usize, String)> {
    static DATE: OnceLock<Regex> = OnceLock::new();
    let date = DATE.get_or_init(|| {
        text::builtin_regex(
            r"(?ix)
            \b([0-9]{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+([0-9]{4})\b
          | \b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?,?\s+([0-9]{4})\b
          | \b([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T\ ][0-9:.]+(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?\b
          | \b([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})\b",
        )
    });
    // Every date has a digit; most lines have none.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let number = |m: Option<regex::Match>| m.and_then(|m| m.as_str().parse::<u32>().ok());
    date.captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let day = if let Some(day) = number(c.get(1)) {
                valid_date(number(c.get(3))? as i32, month_number(&c[2])?, day)
            } else if let Some(day) = number(c.get(5)) {
                valid_date(number(c.get(6))? as i32, month_number(&c[4])?, day)
            } else if let Some(year) = number(c.get(7)) {
                valid_date(year as i32, number(c.get(8))?, number(c.get(9))?)
            } else {
                let year = number(c.get(12))?;
                let year = if year < 100 { year + 2000 } else { year };
                valid_date(year as i32, number(c.get(10))?, number(c.get(11))?)
            }?;
            Some((whole.start(), whole.end(), day))
        })
        .collect()
}

/// The first full calendar date stated in `text`, as YYYY-MM-DD.
pub fn find_date(text: &str) -> Option<String> {
    dates_at(&unglued(text))
        .into_iter()
        .next()
        .map(|(_, _, d)| d)
}

/// What a date line says: the date it states, if it states one.
#[derive(Debug, Clone, PartialEq)]
pub struct DateLine {
    pub date: Option<String>,
    /// It carries a clock time ("21:15", "2.35pm"), as a live post's stamp does.
    pub timed: bool,
}

/// Whether a line says when a piece was published or updated ("Published 3 February
/// 2025", "4 May 2023, 10:12 | Updated: 4 May 2023, 11:40", "Weekend Herald|March 3,
/// 2024", "9 hours ago", "- Published"), and its date. A sentence that mentions a date is not
/// a date line; besides the date and its words, a line may name an outlet, a section or an
/// author in a few words.
pub fn date_line(line: &str) -> Option<DateLine> {
    static STAMP_WORDS: OnceLock<Regex> = OnceLock::new();
    static CUE: OnceLock<Regex> = OnceLock::new();
    let stamp_words = STAMP_WORDS.get_or_init(|| {
        text::builtin_regex(
            r"(?ix)\b[0-9]{1,2}[:.]\s?[0-9]{2}(?::[0-9]{2})?(?:\s*[ap]\.m\.|\s*(?:am|pm)\b)?|\b[0-9]{1,2}\s*(?:am|pm)\b|\b[ap]\.m\.|\b(?:
                (?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?
              | (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?
              | [0-9]+(?:st|nd|rd|th)?
              | published|publish|updated?|posted|last|first|at|on|ago|hours?|hrs?|mins?|minutes?|days?|weeks?|months?|years?
              | gmt|bst|utc|cet|cest|est|edt|et|pt|pst|ist|british|summer|time|this|was|is|by|live|z|and|the|of
            )\b",
        )
    });
    let cue = CUE.get_or_init(|| {
        text::builtin_regex(r"(?i)\b(?:published|updated|posted|ago)\b|^\W*[0-9]{1,2}[:.][0-9]{2}")
    });
    let words = text::word_count_up_to(line, 15);
    if words == 0 || words > 14 {
        return None;
    }
    let line = unglued(line);
    let found = dates_at(&line);
    if found.is_empty() && !cue.is_match(&line) {
        return None;
    }
    let mut rest = String::with_capacity(line.len());
    let mut copied = 0;
    for (start, end, _) in &found {
        rest.push_str(&line[copied..*start]);
        rest.push(' ');
        copied = *end;
    }
    rest.push_str(&line[copied..]);
    let rest = stamp_words.replace_all(&rest, " ");
    let left = text::words(&rest).count();
    let ends_sentence = {
        let core = line.trim_end().trim_end_matches(['"', '”', '’', ')']);
        core.ends_with(['.', '!', '?']) && !core.ends_with("a.m.") && !core.ends_with("p.m.")
    };
    if ends_sentence && left > 0 {
        return None;
    }
    let fits = left <= 3 || (!found.is_empty() && left <= 4 && words <= 10);
    fits.then(|| DateLine {
        date: found.into_iter().next().map(|(_, _, d)| d),
        timed: has_clock_time(&line),
    })
}

/// Whether `text` holds a clock time ("21:15", "9.05").
pub fn has_clock_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b':', b'.', bytes).any(|at| {
        at > 0
            && bytes[at - 1].is_ascii_digit()
            && bytes.get(at + 1).is_some_and(u8::is_ascii_digit)
            && bytes.get(at + 2).is_some_and(u8::is_ascii_digit)
    })
}

/// A first line of the form " date 2025-06-05 Headline": the date, and the rest of the line.
pub fn date_prefix(line: &str) -> Option<(String, &str)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        text::builtin_regex(r"^\s*date:?\s+([0-9]{4})-([0-9]{2})-([0-9]{2})(?:\s+|$)")
    });
    if !line.trim_start().starts_with("date") {
        return None;
    }
    let c = re.captures(line)?;
    let date = valid_date(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
    Some((date, &line[c.get(0)?.end()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_pages_write_them() {
        for (text, date) in [
            ("Tuesday September 9, 2025. 08:06 PM", "2025-09-09"),
            ("November 17, 2025", "2025-11-17"),
            ("29th July 2025", "2025-07-29"),
            ("Published 3 February 2025", "2025-02-03"),
            ("Nick Harlow5 March 2024", "2024-03-05"),
            ("Sara MillsAugust 2, 2024 10:05", "2024-08-02"),
            ("11/21/24 09:15AM", "2024-11-21"),
            ("2024-05-09 10:01 Last Updated At:12:30", "2024-05-09"),
            ("[April 11, 2025] By", "2025-04-11"),
        ] {
            assert_eq!(find_date(text).as_deref(), Some(date), "{text}");
        }
        assert_eq!(find_date("31 February 2025"), None);
        assert_eq!(find_date("in April 2027"), None);
    }

    #[test]
    fn dates_in_many_forms() {
        assert_eq!(
            find_date("On Monday 3 February 2025, leaders met").as_deref(),
            Some("2025-02-03")
        );
        assert_eq!(
            find_date("WASHINGTON, Feb 3, 2025 (AP) —").as_deref(),
            Some("2025-02-03")
        );
        assert_eq!(
            find_date("Published: 2025-03-04T09:30:00Z").as_deref(),
            Some("2025-03-04")
        );
        assert_eq!(
            find_date("on the 21st of March 2024 it rained").as_deref(),
            Some("2024-03-21")
        );
        assert_eq!(find_date("On Sunday the minister spoke"), None);
        assert_eq!(find_date("spend 2.5% from April 2027"), None);
        assert_eq!(find_date("31 February 2025"), None);
    }

    #[test]
    fn date_lines_are_stamps_not_sentences() {
        for line in [
            "4 May 2023, 10:12 | Updated: 4 May 2023, 11:40",
            "Weekend Herald|March 3, 2024",
            "Paris (AFP) Jul 3, 2025",
            "8th November 2024",
            "- Published",
            "9 hours ago",
            "Updated 3 hours ago - Health",
        ] {
            assert!(date_line(line).is_some(), "{line}");
        }
        assert_eq!(
            date_line("9 hours ago").and_then(|d| d.date),
            None,
            "an age is no date"
        );
        for line in [
            "The firm won the first contract on September 12, 2014.",
            "The vote is on Tuesday.",
            "Ministers met in London to discuss the plan",
        ] {
            assert!(date_line(line).is_none(), "{line}");
        }
    }

    #[test]
    fn the_scrapers_date_prefix_is_read_off_the_first_line() {
        assert_eq!(
            date_prefix(" date 2025-06-05 Keir Starmer will meet"),
            Some(("2025-06-05".to_string(), "Keir Starmer will meet"))
        );
        assert_eq!(date_prefix("date of the vote"), None);
    }
}
