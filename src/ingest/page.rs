//! The page: a scraped file read into paragraphs (one per non-empty line, or per paragraph of
//! a hard-wrapped text), each with its shape and its cue, then read in context: lines that
//! repeat (a caption printed twice, a headline repeated), how much of each line's
//! vocabulary the page's text shares, furniture that comes in runs, menus.

use rustc_hash::{FxHashMap, FxHashSet};

use super::cues::{self, Cue, Cues};
use super::dates;
use super::shape::Shape;
use crate::text;

/// One paragraph of a page.
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// First and last line (1-based) in the file.
    pub first: usize,
    pub last: usize,
    /// As written, trimmed (the lines of a hard-wrapped paragraph joined with spaces).
    pub text: String,
    /// What to show when the cue cut furniture off the end (a prompt, a glued caption).
    pub shown: Option<String>,
    pub shape: Shape,
    pub cue: Cue,
    /// The previous paragraph with the same text, if any.
    pub repeat_of: Option<usize>,
    /// A nearby longer paragraph that opens with this one's text (a caption and its
    /// credited copy).
    pub opens: Option<usize>,
    /// Share of its words that the page's other paragraphs of text use (see [`measure_topic`]).
    pub topic: f64,
    /// Hashes of its content words (lower-cased, no stopwords, longer than two letters).
    pub words: Vec<u64>,
    /// The lines a hard-wrapped paragraph was joined from (empty for a one-line paragraph).
    pub parts: Vec<String>,
    /// A hash of its words, lower-cased: paragraphs with the same words share it.
    key: u64,
    /// Its words, lower-cased, joined by spaces (kept for the first [`NORMAL_WORDS`]).
    normal: String,
}

/// Words of a paragraph kept in [`Paragraph::normal`]: enough to tell a caption repeated
/// with its credit appended from its first copy.
const NORMAL_WORDS: usize = 60;

/// What one reading of a paragraph's words gives: its shape's counts, its content words,
/// and what it is compared with other paragraphs by.
struct WordsRead {
    count: usize,
    function: usize,
    content: Vec<u64>,
    key: u64,
    normal: String,
}

impl WordsRead {
    fn of(text: &str) -> WordsRead {
        use std::hash::{Hash, Hasher};
        let mut read = WordsRead {
            count: 0,
            function: 0,
            content: Vec::new(),
            key: 0,
            normal: String::new(),
        };
        let mut hasher = rustc_hash::FxHasher::default();
        for word in text::words(text) {
            read.count += 1;
            let function = text::is_stopword(&word);
            read.function += usize::from(function);
            if !function && (word.len() > 2 && (word.is_ascii() || word.chars().count() > 2)) {
                read.content.push(crate::hash::hash_of(word.as_ref()));
            }
            word.hash(&mut hasher);
            if read.count <= NORMAL_WORDS {
                if !read.normal.is_empty() {
                    read.normal.push(' ');
                }
                read.normal.push_str(&word);
            }
        }
        read.content.sort_unstable();
        read.content.dedup();
        read.key = hasher.finish();
        read
    }
}

impl Paragraph {
    /// The text a reader sees.
    pub fn shown(&self) -> &str {
        self.shown.as_deref().unwrap_or(&self.text)
    }

    /// Its lines in the file, with their numbers.
    pub fn lines(&self) -> Vec<(usize, &str)> {
        if self.parts.is_empty() {
            vec![(self.first, self.text.as_str())]
        } else {
            (self.first..)
                .zip(self.parts.iter().map(String::as_str))
                .collect()
        }
    }

    /// Running text with nothing against it: the surest sign of a story's body.
    pub fn is_text(&self) -> bool {
        (self.shape.prose() && self.cue == Cue::Plain && self.repeat_of.is_none())
            || self.cue == Cue::Dateline
    }
}

/// A scraped page read into paragraphs.
#[derive(Debug)]
pub struct Page {
    pub paragraphs: Vec<Paragraph>,
    /// The scraper's " date YYYY-MM-DD " prefix on the first line.
    pub date: Option<String>,
    /// A live page: timed posts, or a "Live" tab or headline near the top.
    pub live: bool,
}

/// Longest line, in characters, of a text hard-wrapped at a fixed width.
const MAX_WRAP_WIDTH: usize = 100;
/// How near the wrap width a line must end to run on into the next.
const WRAP_SHARE: f64 = 0.7;
/// Paragraphs apart within which a caption and its credited copy are read as a pair.
const PAIR_DISTANCE: usize = 3;

/// Reads a file's text into a page.
pub fn read(text: &str, cues: &Cues) -> Page {
    let mut date = None;
    let mut paragraphs = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let mut line = raw.trim();
        if i == 0 {
            if let Some((prefix_date, rest)) = dates::date_prefix(line) {
                date = Some(prefix_date);
                line = rest.trim();
            }
        }
        if line.is_empty() {
            continue;
        }
        let read = WordsRead::of(line);
        paragraphs.push(Paragraph {
            first: i + 1,
            last: i + 1,
            text: line.to_string(),
            shown: None,
            shape: Shape::counted(line, read.count, read.function),
            cue: Cue::Plain,
            repeat_of: None,
            opens: None,
            topic: 0.0,
            words: read.content,
            parts: Vec::new(),
            key: read.key,
            normal: read.normal,
        });
    }
    join_wrapped(&mut paragraphs);
    for p in &mut paragraphs {
        p.cue = cues.read(&p.text, &p.shape, &mut p.shown);
    }
    mark_video_captions(&mut paragraphs);
    mark_repeats(&mut paragraphs);
    mark_recurring(&mut paragraphs);
    measure_topic(&mut paragraphs);
    extend_furniture_runs(&mut paragraphs);
    pair_captions(&mut paragraphs);
    mark_menus(&mut paragraphs);
    let live = is_live(&paragraphs);
    Page {
        paragraphs,
        date,
        live,
    }
}

/// A text hard-wrapped at a fixed width (most lines end near the same column, mid-sentence)
/// is joined back into paragraphs: a line ending near the width runs on into the next when
/// it ends no sentence or the next opens in lower case.
fn join_wrapped(paragraphs: &mut Vec<Paragraph>) {
    let mut lengths: Vec<usize> = paragraphs
        .iter()
        .map(|p| p.text.chars().count())
        .filter(|&n| n > 40)
        .collect();
    if lengths.len() < 6 {
        return;
    }
    lengths.sort_unstable();
    let width = lengths[lengths.len() * 9 / 10];
    let near = lengths
        .iter()
        .filter(|&&n| n as f64 >= 0.75 * width as f64)
        .count();
    if width > MAX_WRAP_WIDTH || (near as f64) < 0.6 * lengths.len() as f64 {
        return;
    }
    let mut joined: Vec<Paragraph> = Vec::with_capacity(paragraphs.len());
    let mut last_length = 0;
    for p in paragraphs.drain(..) {
        let length = p.text.chars().count();
        match joined.last_mut() {
            Some(prev)
                if prev.last + 1 == p.first
                    && last_length as f64 >= WRAP_SHARE * width as f64
                    && (!prev.shape.terminal() || p.text.starts_with(char::is_lowercase)) =>
            {
                if prev.parts.is_empty() {
                    prev.parts.push(prev.text.clone());
                }
                prev.parts.push(p.text.clone());
                prev.text.push(' ');
                prev.text.push_str(&p.text);
                prev.last = p.first;
                let read = WordsRead::of(&prev.text);
                prev.shape = Shape::counted(&prev.text, read.count, read.function);
                prev.words = read.content;
                prev.key = read.key;
                prev.normal = read.normal;
            }
            _ => joined.push(p),
        }
        last_length = length;
    }
    *paragraphs = joined;
}

/// The line under a video's duration ("1:03") is the video's caption, when it is short and
/// ends no sentence.
fn mark_video_captions(paragraphs: &mut [Paragraph]) {
    for k in 1..paragraphs.len() {
        let after_player =
            matches!(&paragraphs[k - 1].cue, Cue::Furniture(rule) if rule == "player");
        let p = &paragraphs[k];
        if after_player
            && p.cue == Cue::Plain
            && p.shape.words <= 14
            && !matches!(
                p.shape.ending,
                super::shape::Ending::FullStop | super::shape::Ending::Colon
            )
            && !p.text.contains(" | ")
        {
            paragraphs[k].cue = Cue::CaptionCredit;
        }
    }
}

/// Marks paragraphs repeating an earlier one, and short ones that a nearby longer one opens
/// with (a caption and its credited copy, an alt text and its caption).
pub fn mark_repeats(paragraphs: &mut [Paragraph]) {
    let mut seen: FxHashMap<u64, usize> = FxHashMap::default();
    for (k, p) in paragraphs.iter_mut().enumerate() {
        p.repeat_of = None;
        p.opens = None;
        if p.shape.words == 0 {
            continue;
        }
        if let Some(&first) = seen.get(&p.key) {
            p.repeat_of = Some(first);
        }
        seen.insert(p.key, k);
    }
    for k in 0..paragraphs.len() {
        let short = &paragraphs[k];
        if short.normal.len() < 20 || short.shape.words >= NORMAL_WORDS {
            continue;
        }
        let near = k.saturating_sub(PAIR_DISTANCE)..(k + PAIR_DISTANCE + 1).min(paragraphs.len());
        let opens = near.filter(|&j| j != k).find(|&j| {
            let long = &paragraphs[j].normal;
            long.len() > short.normal.len()
                && long.starts_with(&short.normal)
                && long.as_bytes().get(short.normal.len()) == Some(&b' ')
        });
        paragraphs[k].opens = opens;
    }
}

/// Times a line that is no sentence recurs among a page's text to be the page's own
/// furniture (a breadcrumb or section name printed over every item), never a headline.
const RECURRING_LINE: usize = 3;

/// Marks lines that recur among the page's text as furniture, every time they are printed.
/// A headline printed three times in the page's head, before any text, is not one of them.
fn mark_recurring(paragraphs: &mut [Paragraph]) {
    // Each line's times printed, and its first and last place.
    let mut printed: FxHashMap<u64, (usize, usize, usize)> = FxHashMap::default();
    for (k, p) in paragraphs.iter().enumerate() {
        // A name over each post is its author's byline, not furniture.
        let name = cues::name_shaped(p.text.trim_start_matches(['•', '·', '-', ' ']));
        if p.cue == Cue::Plain && !p.shape.prose() && p.shape.words > 0 && !name {
            let entry = printed.entry(p.key).or_insert((0, k, k));
            entry.0 += 1;
            entry.2 = k;
        }
    }
    let text_between = |first: usize, last: usize| {
        paragraphs[first..last]
            .iter()
            .any(|p| p.cue == Cue::Plain && p.shape.prose())
    };
    let recurring: FxHashSet<u64> = printed
        .into_iter()
        .filter(|&(_, (n, first, last))| n >= RECURRING_LINE && text_between(first, last))
        .map(|(key, _)| key)
        .collect();
    for p in paragraphs.iter_mut() {
        if recurring.contains(&p.key) && p.cue == Cue::Plain {
            p.cue = Cue::Furniture("repeated on the page".to_string());
        }
    }
}

/// How much of each paragraph's vocabulary the page's running text shares (its other
/// paragraphs of prose): a story keeps returning to its names and nouns; furniture and
/// links to other stories share none of them.
pub fn measure_topic(paragraphs: &mut [Paragraph]) {
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    let counted = |p: &Paragraph| p.shape.prose() && p.cue == Cue::Plain;
    for p in paragraphs.iter().filter(|p| counted(p)) {
        for &w in &p.words {
            *counts.entry(w).or_default() += 1;
        }
    }
    for p in paragraphs.iter_mut() {
        let own = u32::from(counted(p));
        let shared = p
            .words
            .iter()
            .filter(|w| counts.get(w).copied().unwrap_or(0) > own)
            .count();
        p.topic = if p.words.is_empty() {
            0.0
        } else {
            shared as f64 / p.words.len() as f64
        };
    }
}

/// Furniture comes in runs: a line beside furniture that shares more of its words with the
/// furniture than with the page's text belongs to the same block (a donation appeal's
/// middle sentences, a promo's blurb, a paywall notice's first line).
fn extend_furniture_runs(paragraphs: &mut [Paragraph]) {
    let mut text_words: FxHashMap<u64, u32> = FxHashMap::default();
    for p in paragraphs
        .iter()
        .filter(|p| p.shape.prose() && p.cue == Cue::Plain)
    {
        for &w in &p.words {
            *text_words.entry(w).or_default() += 1;
        }
    }
    let n = paragraphs.len();
    let mut changed = true;
    while changed {
        changed = false;
        for k in 0..n {
            if paragraphs[k].cue != Cue::Plain || paragraphs[k].words.is_empty() {
                continue;
            }
            let beside: FxHashSet<u64> = [k.wrapping_sub(1), k + 1]
                .into_iter()
                .filter(|&j| j < n && paragraphs[j].cue.is_furniture())
                .flat_map(|j| paragraphs[j].words.iter().copied())
                .collect();
            if beside.is_empty() {
                continue;
            }
            let p = &paragraphs[k];
            let own = u32::from(p.shape.prose());
            let total = p.words.len() as f64;
            let in_block = p.words.iter().filter(|w| beside.contains(w)).count() as f64 / total;
            let in_text = p
                .words
                .iter()
                .filter(|w| text_words.get(w).copied().unwrap_or(0) > own)
                .count() as f64
                / total;
            if in_block > 0.0 && in_block > in_text {
                paragraphs[k].cue = Cue::Furniture("beside-furniture".to_string());
                changed = true;
            }
        }
    }
}

/// A picture's alt text and its credited caption follow each other and open alike: the
/// line beside a credited caption opening with the same three words is a caption too.
fn pair_captions(paragraphs: &mut [Paragraph]) {
    let opening =
        |text: &str| -> Vec<String> { text::words(text).take(3).map(|w| w.into_owned()).collect() };
    for k in 0..paragraphs.len() {
        if paragraphs[k].cue != Cue::Plain || paragraphs[k].shape.prose() {
            continue;
        }
        let mine = opening(&paragraphs[k].text);
        if mine.len() < 3 {
            continue;
        }
        let paired = [k.wrapping_sub(1), k + 1].into_iter().any(|j| {
            j < paragraphs.len()
                && paragraphs[j].cue.is_caption()
                && opening(&paragraphs[j].text) == mine
        });
        if paired {
            paragraphs[k].cue = Cue::CaptionCredit;
        }
    }
}

/// Three or more very short lines in a row (one to three words, no sentence ending) are a
/// navigation menu, wherever they stand.
fn mark_menus(paragraphs: &mut [Paragraph]) {
    let short = |p: &Paragraph| {
        p.shape.words <= 3
            && !p.shape.terminal()
            && matches!(p.cue, Cue::Plain | Cue::Furniture(_) | Cue::Menu)
    };
    let mut k = 0;
    while k < paragraphs.len() {
        let run = paragraphs[k..].iter().take_while(|p| short(p)).count();
        if run >= 3 {
            for p in &mut paragraphs[k..k + run] {
                p.cue = Cue::Menu;
            }
        }
        k += run.max(1);
    }
}

/// Most days a live page's stamped posts run over.
const LIVE_MAX_DAYS: i64 = 3;

/// Days between the earliest and the latest dated stamp of a page's posts (0 with fewer than
/// two).
fn stamps_span_days(paragraphs: &[Paragraph]) -> i64 {
    let days: Vec<i64> = paragraphs
        .iter()
        .filter_map(|p| match &p.cue {
            Cue::PostTime { date } => date.as_deref(),
            Cue::Date(d) if d.timed => d.date.as_deref(),
            _ => None,
        })
        .filter_map(crate::date::day_number)
        .collect();
    match (days.iter().min(), days.iter().max()) {
        (Some(first), Some(last)) => last - first,
        _ => 0,
    }
}

/// A live page: two or more post times, posts stamped with an author and a clock time, or a
/// "Live" tab or a live headline near the top.
fn is_live(paragraphs: &[Paragraph]) -> bool {
    if stamps_span_days(paragraphs) > LIVE_MAX_DAYS {
        // Stamped items months or years apart: an archive or a topic page, not one live page.
        return false;
    }
    let times = paragraphs
        .iter()
        .filter(|p| matches!(p.cue, Cue::PostTime { .. }))
        .count();
    if times >= 2 {
        return true;
    }
    let stamped = paragraphs
        .iter()
        .skip(3)
        .filter(|p| match &p.cue {
            Cue::Date(d) => d.timed,
            Cue::Byline { .. } => dates::has_clock_time(&p.text),
            _ => false,
        })
        .count();
    if stamped >= 2 {
        return true;
    }
    paragraphs.iter().take(10).any(|p| {
        let live_tab = p.cue.is_furniture()
            && p.text
                .trim_matches(|c: char| !c.is_alphanumeric())
                .eq_ignore_ascii_case("live");
        let live_headline = p.cue == Cue::Plain
            && p.shape.headline_like()
            && !p.shape.prose()
            && p.shape.words >= 4
            && (text::has_word(&p.text, &["live", "latest"])
                || p.text.to_lowercase().contains("as it happened"));
        live_tab || live_headline
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::IngestConfig;

    fn page(text: &str) -> Page {
        read(text, &Cues::new(&IngestConfig::default()).unwrap())
    }

    #[test]
    fn stamped_items_years_apart_are_an_archive_not_a_live_page() {
        let post = |stamp: &str, title: &str| {
            format!(
                "{stamp}\n{title}\nThe council said the work would take most of the year and cost more than planned.\n"
            )
        };
        let archive = [
            post(
                "News 2021-11-30T14:16:42Z",
                "Harbour towns ban cars from their quaysides",
            ),
            post(
                "Politics 2020-10-01T11:37:17Z",
                "Rail fares rise faster than wages again",
            ),
            post(
                "News 2019-09-18T16:24:34Z",
                "Village shops open at the fastest rate in years",
            ),
        ]
        .concat();
        assert!(!page(&archive).live);
        let live = [
            post(
                "News 2021-11-30T14:16:42Z",
                "Harbour towns ban cars from their quaysides",
            ),
            post(
                "News 2021-11-30T12:02:10Z",
                "Council votes on the plan tonight",
            ),
            post(
                "News 2021-11-30T09:45:00Z",
                "Shopkeepers gather outside the town hall",
            ),
        ]
        .concat();
        assert!(page(&live).live);
    }

    #[test]
    fn a_line_recurring_among_the_pages_items_is_furniture_but_a_headline_printed_thrice_is_not() {
        let item = |title: &str| {
            format!(
                "{title}\nHome / News & Features /\nThe council said the work would take most of the year and cost more than planned.\n"
            )
        };
        let listing = [
            item("Harbour towns ban cars"),
            item("Rail fares rise again"),
            item("Village shops return"),
        ]
        .concat();
        let read = page(&listing);
        let crumbs: Vec<&Cue> = read
            .paragraphs
            .iter()
            .filter(|p| p.text.starts_with("Home /"))
            .map(|p| &p.cue)
            .collect();
        assert_eq!(crumbs.len(), 3);
        assert!(crumbs.iter().all(|c| c.is_furniture()), "{crumbs:?}");
        let head =
            "Harbour towns ban cars\nNEWS\nHarbour towns ban cars\nNEWS\nHarbour towns ban cars\n\
            The council said the work would take most of the year and cost more than planned.\n";
        assert!(page(head).paragraphs.iter().all(|p| !p.cue.is_furniture()));
    }

    #[test]
    fn a_hard_wrapped_text_is_joined_into_paragraphs() {
        let text = "Harbour town becomes the first in the region to ban cars from its old\n\
            quayside\n\
            PORTLAND (Reuters) - The harbour town voted on Tuesday to become the first\n\
            in the region to close its old quayside to cars for the whole summer, after\n\
            years of complaints from residents and shopkeepers about noise and fumes. The\n\
            council said buses and bicycles would still be allowed along the waterfront\n\
            and that deliveries would be made before nine o'clock every morning.\n\
            Similar schemes have been tried in at least four other towns on the coast in\n\
            the past decade, with mixed results, the council's transport officer said.\n";
        let page = page(text);
        let firsts: Vec<(usize, usize)> =
            page.paragraphs.iter().map(|p| (p.first, p.last)).collect();
        assert_eq!(firsts, [(1, 2), (3, 7), (8, 9)]);
    }

    #[test]
    fn the_date_prefix_is_taken_off_the_first_line() {
        let page =
            page(" date 2025-06-05 Keir Starmer will meet the head of NATO next week\nText.");
        assert_eq!(page.date.as_deref(), Some("2025-06-05"));
        assert_eq!(
            page.paragraphs[0].text,
            "Keir Starmer will meet the head of NATO next week"
        );
    }

    #[test]
    fn repeats_and_menus_are_marked() {
        let page = page("News\nWorld\nSport\nA caption under the picture of the minister\nA caption under the picture of the minister. Picture: PA\nThe minister said the plan would go ahead next year as agreed.");
        assert!(page.paragraphs[..3].iter().all(|p| p.cue == Cue::Menu));
        assert_eq!(page.paragraphs[3].opens, Some(4));
    }
}
