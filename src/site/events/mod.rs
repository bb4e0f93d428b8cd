//! What a story reports happening, as its lead tells it: on which day (a date, or a weekday,
//! "today" or "yesterday" read against the day the page is dated), whether it has happened
//! or is yet to (a preview says "will", a report "has" or "did"), which of a series it is
//! ("the first", "a second", "again"), and the specifics it names (figures and places).
//!
//! Clusters join reports of one happening: two reports must name a specific in common or
//! the same day, and nothing they say about the event may disagree (another day, a preview
//! against a report, a first against a second). Reports on one subject share its words;
//! these are what tell one happening from the next on that subject.

mod day;
mod figures;
mod lead;
mod ordinals;
mod tense;

use day::{month_day_near, weekday_distance, when_at};
use figures::figures;
use lead::{lead_sentences, unquoted, Word};
use ordinals::{ordinals, ordinals_conflict};
use tense::{future_at, is_preview};

/// Days before its page's date that a report's event may have happened, when the lead
/// names no day (a wire story the day after; a weekly round-up).
const REPORT_LAG_DAYS: i64 = 3;
/// Days two days named for one event may differ by: a page's date is the publisher's, and
/// an evening event abroad is the next day at home.
const DAY_SLACK: i64 = 1;
/// Sentences of the lead (after the headline) read for the event's day; a preview reads
/// further for the day of what it previews.
const LEAD_SENTENCES: usize = 3;
const PREVIEW_SENTENCES: usize = 5;
/// Words after an ordinal ("the first ... migrant") that it may qualify.
const ORDINAL_REACH: usize = 5;

/// A story's event, for telling whether two stories report the same one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Event {
    /// The day the page is dated (see [`crate::date::day_number`]).
    published: Option<i64>,
    /// The event's day, when the lead pins it: a date, or a weekday, "today" or "yesterday"
    /// read against `published`.
    day: Option<i64>,
    /// The weekday the lead names for the event (0 is Monday).
    weekday: Option<u8>,
    /// A date the lead states without a year, on a page with no date of its own.
    month_day: Option<(u8, u8)>,
    /// The lead tells of something yet to happen; its day, if any, is that of the event.
    preview: bool,
    /// Hashed stems the lead gives an ordinal, with the ordinals as bits (bit n: the nth),
    /// sorted by stem.
    ordinals: Vec<(u64, u32)>,
    /// Hashed figures and places the story names, sorted.
    specifics: Vec<u64>,
}

impl Event {
    /// Reads the event of a story from its headline, its body (markdown, one paragraph or
    /// list item a line), the date its page states (YYYY-MM-DD) and the places it names
    /// (lower-cased, broad regions already left out).
    pub fn read<'a>(
        title: &str,
        body: &str,
        published: Option<&str>,
        places: impl IntoIterator<Item = &'a str>,
    ) -> Event {
        let places: Vec<&str> = places.into_iter().collect();
        let published = published.and_then(crate::date::day_number);
        let sentences = lead_sentences(body, PREVIEW_SENTENCES);
        let first: Vec<&str> = std::iter::once(title)
            .chain(sentences.first().map(String::as_str))
            .collect();
        let preview = is_preview(&first);
        let mut event = Event {
            published,
            preview,
            ..Event::default()
        };
        let reach = if preview {
            PREVIEW_SENTENCES
        } else {
            LEAD_SENTENCES
        };
        let lead = std::iter::once(title).chain(sentences.iter().take(reach).map(String::as_str));
        'lead: for sentence in lead {
            let words = Word::all(&unquoted(sentence));
            for at in 0..words.len() {
                let Some(when) = when_at(&words, at) else {
                    continue;
                };
                // A report's day is that of what happened, not of what will; a preview's
                // that of what it previews.
                let after_future = words[..at]
                    .iter()
                    .enumerate()
                    .any(|(i, _)| future_at(&words, i));
                if after_future != preview {
                    continue;
                }
                if let Some(resolved) = when.resolve(published, preview) {
                    (event.day, event.weekday, event.month_day) = resolved;
                    break 'lead;
                }
            }
        }
        event.ordinals = ordinals(&first);
        let mut specifics: Vec<u64> = figures(title)
            .into_iter()
            .chain(body.lines().flat_map(figures))
            .map(|f| crate::hash::hash_of(&("figure", f)))
            .chain(places.iter().map(|p| crate::hash::hash_of(&("place", *p))))
            .collect();
        specifics.sort_unstable();
        specifics.dedup();
        event.specifics = specifics;
        event
    }

    /// Whether the two stories name something of the event in common: a figure, a place,
    /// or its day.
    /// Only a specific that `telling` says picks out one happening counts.
    pub fn corroborates(&self, other: &Event, telling: impl Fn(u64) -> bool) -> bool {
        shared(&self.specifics, &other.specifics).any(telling) || self.same_day(other)
    }

    /// The specifics the story names (hashed figures and places).
    pub fn specifics(&self) -> &[u64] {
        &self.specifics
    }

    /// Whether what the two stories say about their events cannot be said of one event.
    pub fn conflicts(&self, other: &Event) -> bool {
        if self.preview != other.preview {
            // A preview that names no day for what it previews is of a later happening
            // than any report ("the upcoming meeting").
            let preview = if self.preview { self } else { other };
            if preview.day.is_none() && preview.weekday.is_none() && preview.month_day.is_none() {
                return true;
            }
        }
        self.days_conflict(other) || ordinals_conflict(&self.ordinals, &other.ordinals)
    }

    /// Whether both name the event's day, and the same one.
    fn same_day(&self, other: &Event) -> bool {
        if let (Some(a), Some(b)) = (self.weekday, other.weekday) {
            return a == b;
        }
        if let (Some(a), Some(b)) = (self.day, other.day) {
            return (a - b).abs() <= DAY_SLACK;
        }
        [(self, other), (other, self)].into_iter().any(|(x, y)| {
            let Some(published) = y.published.filter(|_| y.day.is_none()) else {
                return false;
            };
            // A weekday or day that is the other page's own date.
            x.weekday.is_some_and(|w| w == weekday_of(published))
                || x.day
                    .is_some_and(|d| (published - DAY_SLACK..=published).contains(&d))
        })
    }

    /// Whether the days the two stories give their events differ.
    fn days_conflict(&self, other: &Event) -> bool {
        if let (Some(a), Some(b)) = (self.weekday, other.weekday) {
            if a != b {
                return true;
            }
        }
        if let (Some(a), Some(b)) = (self.day, other.day) {
            return (a - b).abs() > DAY_SLACK;
        }
        for (x, y) in [(self, other), (other, self)] {
            if let (Some((month, day)), Some(d)) = (x.month_day, y.day.or(y.published)) {
                let slack = if y.day.is_some() {
                    DAY_SLACK
                } else {
                    REPORT_LAG_DAYS
                };
                if !month_day_near(month, day, d, slack) {
                    return true;
                }
            }
            match (x.day, y.day) {
                (Some(d), None) => {
                    // Against a page's date: the event is in the days before it.
                    if let Some(p) = y.published {
                        if d < p - REPORT_LAG_DAYS - DAY_SLACK || d > p + DAY_SLACK {
                            return true;
                        }
                    }
                    if let Some(w) = y.weekday {
                        if weekday_distance(weekday_of(d), w) > DAY_SLACK as u8 {
                            return true;
                        }
                    }
                }
                (None, None) => {
                    if let (Some(w), None, Some(p)) = (x.weekday, y.weekday, y.published) {
                        if !(p - REPORT_LAG_DAYS..=p).any(|d| weekday_of(d) == w) {
                            return true;
                        }
                    }
                }
                _ => {}
            }
        }
        if self.day.is_none() && other.day.is_none() {
            if let (Some(a), Some(b)) = (self.published, other.published) {
                return (a - b).abs() > REPORT_LAG_DAYS;
            }
        }
        false
    }
}

/// The values two sorted lists share.
fn shared<'a>(a: &'a [u64], b: &'a [u64]) -> impl Iterator<Item = u64> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some(a[i - 1]);
                }
            }
        }
        None
    })
}

/// The day of the event a cluster's reports tell: the earliest day their leads pin; else
/// the day a weekday one names falls on in the days before the earliest page date; else
/// that date.
pub fn event_day<'a>(events: impl Iterator<Item = &'a Event> + Clone) -> Option<i64> {
    if let Some(day) = events.clone().filter_map(|e| e.day).min() {
        return Some(day);
    }
    let published = events.clone().filter_map(|e| e.published).min()?;
    let named = events.clone().find_map(|e| e.weekday).and_then(|w| {
        (published - REPORT_LAG_DAYS..=published)
            .rev()
            .find(|&d| weekday_of(d) == w)
    });
    Some(named.unwrap_or(published))
}

/// The weekday of a day number, 0 for Monday (day 0, 1 January 1970, was a Thursday).
pub fn weekday_of(day: i64) -> u8 {
    (day + 3).rem_euclid(7) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(title: &str, body: &str, date: Option<&str>) -> Event {
        Event::read(title, body, date, [])
    }

    fn day(date: &str) -> i64 {
        crate::date::day_number(date).unwrap()
    }

    #[test]
    fn a_weekday_is_read_against_the_page_date() {
        // 2031-03-14 is a Friday.
        let e = event(
            "Harbour council approves the new ferry route",
            "The council of Port Ellery approved the route on Wednesday after a long debate.",
            Some("2031-03-14"),
        );
        assert_eq!(e.weekday, Some(2));
        assert_eq!(e.day, Some(day("2031-03-12")));
        assert!(!e.preview);
        // Without a date the weekday is kept.
        let e = event(
            "Harbour council approves the new ferry route",
            "The council approved the route on Wednesday.",
            None,
        );
        assert_eq!((e.day, e.weekday), (None, Some(2)));
    }

    #[test]
    fn days_before_and_after_the_event_are_not_its_day() {
        let e = event(
            "Ferry strike ends",
            "Crews have been on strike since Monday. The strike ended on Thursday, the union said.",
            None,
        );
        assert_eq!(e.weekday, Some(3));
    }

    #[test]
    fn a_quote_s_today_is_the_speaker_s() {
        let e = event(
            "Mayor opens the bridge",
            "The mayor said “today is a great day for the town” as she opened the bridge.",
            Some("2031-03-14"),
        );
        assert_eq!(e.day, None);
    }

    #[test]
    fn stated_dates_with_and_without_a_year() {
        let e = event(
            "Ministers agree targets",
            "Meeting on Thursday 13 March, ministers agreed new targets.",
            None,
        );
        assert_eq!((e.weekday, e.month_day), (Some(3), Some((3, 13))));
        let e = event(
            "Court hears the appeal",
            "The appeal, heard on March 13, 2031, was dismissed.",
            None,
        );
        assert_eq!(e.day, Some(day("2031-03-13")));
    }

    #[test]
    fn a_preview_says_will_and_a_report_did() {
        let preview = event(
            "Harbour council expected to approve the ferry route",
            "Councillors will vote at the upcoming meeting.",
            Some("2031-03-10"),
        );
        assert!(preview.preview);
        assert_eq!(preview.day, None);
        let report = event(
            "Harbour council approves the ferry route",
            "Councillors voted for the route on Wednesday and it will open in May.",
            Some("2031-03-12"),
        );
        assert!(!report.preview);
        assert!(preview.conflicts(&report), "a preview of a later day");
        // A preview that names the day of what it previews is of that day.
        let curtain_raiser = event(
            "Mayor will urge ministers to fund the ferry",
            "The mayor will urge ministers to pay for the route. She will meet them on Wednesday afternoon.",
            None,
        );
        assert!(curtain_raiser.preview);
        assert_eq!(curtain_raiser.weekday, Some(2));
        assert!(!curtain_raiser.conflicts(&report));
    }

    #[test]
    fn different_days_conflict_and_the_same_day_corroborates() {
        let wed = event(
            "Ferry route approved",
            "It was approved on Wednesday.",
            None,
        );
        let thu = event("Ferry route approved", "It was approved on Thursday.", None);
        let dated = event(
            "Ferry route approved",
            "It was approved.",
            Some("2031-03-12"),
        );
        let late = event(
            "Ferry route approved",
            "It was approved.",
            Some("2031-04-30"),
        );
        assert!(wed.conflicts(&thu));
        assert!(!wed.conflicts(&dated) && wed.corroborates(&dated, |_| false));
        assert!(dated.conflicts(&late));
        // A Thursday report dated weeks later is of another Thursday.
        let thu_dated = event(
            "Ferry route approved",
            "It was approved on Thursday.",
            Some("2031-04-24"),
        );
        assert!(thu_dated.conflicts(&dated));
    }

    #[test]
    fn only_a_telling_figure_corroborates() {
        let a = event(
            "Port fees rise",
            "Fees at the port rose 12% this spring.",
            None,
        );
        let b = event(
            "Rail fares rise",
            "Fares on the line rose 12% this spring.",
            None,
        );
        assert!(a.corroborates(&b, |_| true));
        // A figure many stories of the site name says nothing of which happening this is.
        assert!(!a.corroborates(&b, |_| false));
    }

    #[test]
    fn a_first_and_a_second_are_different_happenings() {
        let first = event(
            "First ferry sails under the new deal",
            "The first ferry left at dawn.",
            None,
        );
        let second = event(
            "Second ferry sails under the new deal",
            "A second ferry has sailed.",
            None,
        );
        let again = event("Ferry turned back again", "The ferry sailed again.", None);
        let other = event("Harbour deal signed", "The deal was signed.", None);
        assert!(first.conflicts(&second));
        assert!(first.conflicts(&again));
        assert!(!first.conflicts(&other));
    }

    #[test]
    fn figures_keep_their_unit_and_drop_their_currency() {
        assert_eq!(
            figures("A fine of £20,000 ($26,644), 3.5% of sales, 49.5 million and 34 votes to 19 on 5 June 2031 at 10:30."),
            ["20000", "26644", "3.5%", "49.5m", "34", "19"]
        );
        assert!(figures("Under-16s, 9am, 2031, 5th place").is_empty());
    }
}
