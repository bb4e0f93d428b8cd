//! What a story reports happening, as its lead tells it: on which day (a date, or a weekday,
//! "today" or "yesterday" read against the day the page is dated), whether it has happened
//! or is yet to (a preview says "will", a report "has" or "did"), which of a series it is
//! ("the first", "a second", "again"), and the specifics it names (figures and places).
//!
//! Clusters join reports of one happening: two reports must name a specific in common or
//! the same day, and nothing they say about the event may disagree (another day, a preview
//! against a report, a first against a second). Reports on one subject share its words;
//! these are what tell one happening from the next on that subject.

use crate::text;

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
    /// The day the page is dated (see [`super::day_number`]).
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
        let published = published.and_then(super::day_number);
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
            .map(|f| text::hash_of(&("figure", f)))
            .chain(places.iter().map(|p| text::hash_of(&("place", *p))))
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

/// Days between two weekdays, either way round the week.
fn weekday_distance(a: u8, b: u8) -> u8 {
    let d = (i16::from(a) - i16::from(b)).rem_euclid(7) as u8;
    d.min(7 - d)
}

/// Whether `month`/`day` falls within `slack` days of day number `near`, in its year or
/// the next or last.
fn month_day_near(month: u8, day: u8, near: i64, slack: i64) -> bool {
    let year: i64 = super::date_of_day(near)[..4].parse().unwrap_or(1970);
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
    super::day_number(&format!("{year:04}-{month:02}-{day:02}"))
}

/// The first `n` sentences of a markdown body: headings skipped (a live page's post
/// titles, a dateline set as one), list markers and escapes dropped.
fn lead_sentences(body: &str, n: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(n);
    for line in body.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.replace('\\', "");
        let line = line
            .trim_start_matches(|c: char| matches!(c, '-' | '*' | '>' | '•') || c.is_whitespace());
        for sentence in text::sentences(line) {
            out.push(sentence.to_string());
            if out.len() == n {
                return out;
            }
        }
    }
    out
}

/// `text` with what is inside double quotes blanked: a quote is the speaker's words, and its
/// "today" or "will" is theirs.
fn unquoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut straight = false;
    let mut curly = 0usize;
    for c in text.chars() {
        match c {
            '“' => {
                curly += 1;
                out.push(' ');
            }
            '”' => {
                curly = curly.saturating_sub(1);
                out.push(' ');
            }
            '"' => {
                straight = !straight;
                out.push(' ');
            }
            _ if straight || curly > 0 => out.push(' '),
            _ => out.push(c),
        }
    }
    // A quote left open blanked the rest: read the text as it is instead.
    if straight || curly > 0 {
        return text.to_string();
    }
    out
}

/// A word of a sentence: lower-cased, with an `'s` dropped, and whether it was capitalised.
struct Word {
    lower: String,
    capitalised: bool,
    /// The character before it (a currency sign), and after it (`%`).
    before: Option<char>,
    after: Option<char>,
}

impl Word {
    /// The words of `text`: letters and digits, with inner apostrophes and hyphens between
    /// letters and inner commas and points between digits ("20,000", "3.5").
    fn all(text: &str) -> Vec<Word> {
        let chars: Vec<char> = text.chars().collect();
        let mut words = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() {
                let c = chars[i];
                let inner = |test: fn(char) -> bool| {
                    i > start && test(chars[i - 1]) && chars.get(i + 1).is_some_and(|&n| test(n))
                };
                if c.is_alphanumeric()
                    || (matches!(c, '\'' | '’' | '-') && inner(char::is_alphabetic))
                    || (matches!(c, ',' | '.') && inner(|c| c.is_ascii_digit()))
                {
                    i += 1;
                } else {
                    break;
                }
            }
            let raw: String = chars[start..i].iter().collect();
            let lower = raw.to_lowercase().replace('’', "'");
            let lower = lower.strip_suffix("'s").unwrap_or(&lower).to_string();
            words.push(Word {
                capitalised: raw.chars().next().is_some_and(char::is_uppercase),
                lower,
                before: start.checked_sub(1).map(|b| chars[b]),
                after: chars.get(i).copied(),
            });
        }
        words
    }

    fn is(&self, word: &str) -> bool {
        self.lower == word
    }

    fn number(&self) -> Option<u32> {
        self.lower.parse().ok()
    }
}

/// A mention of a day as read in a sentence, before it is read against the page's date.
enum When {
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
    fn resolve(
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
                    let year: i64 = super::date_of_day(p)[..4].parse().ok()?;
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
fn when_at(words: &[Word], at: usize) -> Option<When> {
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

/// Words that tell of what is yet to happen.
const FUTURE: &[&str] = &[
    "will",
    "won't",
    "shall",
    "expected",
    "expects",
    "expect",
    "anticipates",
    "anticipated",
    "anticipate",
    "upcoming",
    "scheduled",
];
/// Verbs of saying: "has said" tells when something was said, not what happened.
const SAYING: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "noted",
    "warned",
    "explained",
    "insisted",
    "argued",
    "claimed",
];
/// Common irregular past tenses of what happens in the news.
const IRREGULAR_PAST: &[&str] = &[
    "held",
    "met",
    "won",
    "lost",
    "took",
    "gave",
    "went",
    "came",
    "began",
    "left",
    "made",
    "sent",
    "struck",
    "paid",
    "broke",
    "fell",
    "rose",
    "ran",
    "sold",
    "bought",
    "brought",
    "caught",
    "fought",
    "chose",
    "drew",
    "flew",
    "grew",
    "knew",
    "led",
    "sank",
    "saw",
    "shook",
    "spoke",
    "stood",
    "threw",
    "wrote",
    "hit",
    "quit",
    "shut",
    "cut",
    "upheld",
    "overturned",
];
/// Words ending in "-ed" that are no past tense.
const NOT_PAST: &[&str] = &["united", "hundred", "naked", "sacred", "wicked", "beloved"];

/// Whether word `at` opens a phrase of the future ("will", "set to", "poised to").
fn future_at(words: &[Word], at: usize) -> bool {
    let word = words[at].lower.as_str();
    FUTURE.contains(&word)
        || (["set", "poised", "due"].contains(&word)
            && words.get(at + 1).is_some_and(|n| n.is("to"))
            && words
                .get(at + 2)
                .is_some_and(|n| !n.capitalised && n.lower.chars().all(char::is_alphabetic)))
}

/// Whether word `at` tells of something that happened: an auxiliary of the past ("has
/// agreed", "was fined"), a verb in "-ed" or a common irregular past; verbs of saying are
/// not the happening.
fn past_at(words: &[Word], at: usize, in_headline: bool) -> bool {
    let word = &words[at];
    let w = word.lower.as_str();
    if FUTURE.contains(&w) || SAYING.contains(&w) || NOT_PAST.contains(&w) {
        return false;
    }
    if ["has", "have", "had", "was", "were", "did"].contains(&w) {
        return !words
            .get(at + 1)
            .is_some_and(|n| SAYING.contains(&n.lower.as_str()));
    }
    // Inside a sentence a capitalised word is a name ("Ahmed"); a headline may capitalise
    // every word.
    if word.capitalised && at > 0 && !in_headline {
        return false;
    }
    IRREGULAR_PAST.contains(&w)
        || (w.len() >= 5
            && w.ends_with("ed")
            && !w.ends_with("eed")
            && w.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Whether a lead (headline, then first sentence) tells of something yet to happen: it
/// speaks of the future and of nothing that has happened ("will meet", "expected at the
/// upcoming meeting"; not "agreed on Thursday and will take effect").
fn is_preview(lead: &[&str]) -> bool {
    let mut future = false;
    for (i, sentence) in lead.iter().enumerate() {
        let words = Word::all(&unquoted(sentence));
        for at in 0..words.len() {
            if past_at(&words, at, i == 0) {
                return false;
            }
            future |= future_at(&words, at);
        }
    }
    future
}

/// Ordinal words, and "again" (any but the first).
fn ordinal_bits(word: &str) -> Option<u32> {
    const ORDINALS: &[(&str, &str)] = &[
        ("first", "1st"),
        ("second", "2nd"),
        ("third", "3rd"),
        ("fourth", "4th"),
        ("fifth", "5th"),
        ("sixth", "6th"),
        ("seventh", "7th"),
        ("eighth", "8th"),
        ("ninth", "9th"),
        ("tenth", "10th"),
    ];
    ORDINALS
        .iter()
        .position(|(w, n)| word == *w || word == *n)
        .map(|i| 1 << (i + 1))
}

/// What the lead gives an ordinal: each word an ordinal may qualify ("the first flight
/// carrying a migrant": flight, carrying, migrant), with its ordinals; a sentence saying
/// "again" gives each of its words every ordinal but the first.
fn ordinals(lead: &[&str]) -> Vec<(u64, u32)> {
    const AGAIN: u32 = !0b11;
    let mut out: Vec<(u64, u32)> = Vec::new();
    let stem = |w: &str| text::hash_of(text::stemmer().stem(w).as_ref());
    let qualified = |w: &Word| {
        w.lower.chars().count() >= 3
            && !text::is_stopword(&w.lower)
            && w.lower.chars().any(char::is_alphabetic)
            && ordinal_bits(&w.lower).is_none()
            && w.lower != "again"
    };
    for sentence in lead {
        let words = Word::all(&unquoted(sentence));
        for (at, word) in words.iter().enumerate() {
            if let Some(bits) = ordinal_bits(&word.lower) {
                for w in words[at + 1..]
                    .iter()
                    .take(ORDINAL_REACH)
                    .filter(|w| qualified(w))
                {
                    out.push((stem(&w.lower), bits));
                }
            }
        }
        if words.iter().any(|w| w.is("again")) {
            out.extend(
                words
                    .iter()
                    .filter(|w| qualified(w))
                    .map(|w| (stem(&w.lower), AGAIN)),
            );
        }
    }
    out.sort_unstable();
    // One entry a stem, its ordinals together.
    out.dedup_by(|later, kept| {
        if later.0 == kept.0 {
            kept.1 |= later.1;
            true
        } else {
            false
        }
    });
    out
}

/// Whether a word both leads give ordinals has none in common ("the first migrant", "a
/// second migrant").
fn ordinals_conflict(a: &[(u64, u32)], b: &[(u64, u32)]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if a[i].1 & b[j].1 == 0 {
                    return true;
                }
                i += 1;
                j += 1;
            }
        }
    }
    false
}

/// The figures of a line of text as comparable keys: the number without its currency (one
/// sum is "£20,000" in one report and "20,000 pounds" in another) and with its unit ("5%",
/// "49.5m"). Numbers under ten, years, days of a date and clock times are no figures.
fn figures(line: &str) -> Vec<String> {
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let words = Word::all(line);
    let mut out = Vec::new();
    for (at, word) in words.iter().enumerate() {
        let digits = word.lower.replace(',', "");
        let (number, glued) = match digits.find(|c: char| !(c.is_ascii_digit() || c == '.')) {
            Some(end) => digits.split_at(end),
            None => (digits.as_str(), ""),
        };
        if number.is_empty() || !number.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let Ok(value) = number.parse::<f64>() else {
            continue;
        };
        let next = words.get(at + 1).map(|w| w.lower.as_str()).unwrap_or("");
        let unit = match (glued, word.after, next) {
            (_, Some('%'), _) | ("", _, "percent") => "%",
            ("", _, "per") if words.get(at + 2).is_some_and(|w| w.is("cent")) => "%",
            ("m" | "mn", _, _) | ("", _, "million" | "m") => "m",
            ("bn" | "b", _, _) | ("", _, "billion" | "bn") => "bn",
            ("k", _, _) | ("", _, "thousand") => "k",
            ("", _, _) => "",
            // "16-year-olds", "9am", "5th": not a figure of the event.
            _ => continue,
        };
        let currency = word
            .before
            .is_some_and(|c| matches!(c, '£' | '$' | '€' | '¥'));
        if unit.is_empty() && !currency {
            let is_year = number.len() == 4 && (1900.0..=2100.0).contains(&value);
            let in_date = [at.checked_sub(1), Some(at + 1)]
                .into_iter()
                .flatten()
                .any(|k| {
                    words.get(k).is_some_and(|w| {
                        text::MONTHS
                            .iter()
                            .any(|m| w.is(m) || (w.lower.len() == 3 && m.starts_with(&w.lower)))
                    })
                });
            let clock = matches!(word.after, Some(':'))
                || matches!(word.before, Some(':'))
                || ["am", "pm", "gmt", "bst"].contains(&next);
            if value < 10.0 || is_year || in_date || clock || number.contains('.') {
                continue;
            }
        }
        let number = number.trim_end_matches('.');
        out.push(format!("{number}{unit}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(title: &str, body: &str, date: Option<&str>) -> Event {
        Event::read(title, body, date, [])
    }

    fn day(date: &str) -> i64 {
        crate::site::day_number(date).unwrap()
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
