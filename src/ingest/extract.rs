//! Extraction: the facts an editor reads off a story — headline, date, dateline, byline,
//! quotes with their speakers, key figures, people and organisations, and a summary.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::names;
use crate::text;

/// A quotation and who said it, when the text says.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Hash)]
pub struct Quote {
    pub text: String,
    pub speaker: Option<String>,
}

/// A key figure (percentage, sum of money, count, target year) and the sentence it is in.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Hash)]
pub struct Figure {
    pub value: String,
    pub context: String,
}

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| text::builtin_regex(pattern))
}

/// A dateline ("BRUSSELS (Reuters) -", "LONDON, March 4 (AP) —"): place and source.
pub fn dateline(paragraph: &str) -> Option<(Option<String>, Option<String>)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"^([A-Z][A-Z.'’\- ]{1,40}?)(?:,\s*[A-Za-z0-9 .,]{1,40}?)?\s*(?:\(([A-Za-z][A-Za-z .&'-]{0,40})\))?\s*[-–—]+\s+\S",
    );
    // The place opens with a capital and one more of its characters (a capital, `.`, `'`,
    // `’`, `-` or a space): most paragraphs ("The ...") are turned away on two bytes.
    let second_fits = |b: &u8| b.is_ascii_uppercase() || b".'- \xE2".contains(b);
    let bytes = paragraph.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_uppercase) || !bytes.get(1).is_some_and(second_fits)
    {
        return None;
    }
    let c = re.captures(paragraph)?;
    let place_caps = c[1].trim();
    // An all-caps opening word of an ordinary sentence is not a dateline.
    if place_caps.len() < 3
        || c.get(2).is_none() && !paragraph.contains(" — ") && !paragraph.contains(" - ")
    {
        return None;
    }
    let place = Some(title_case(place_caps));
    let source = c.get(2).map(|s| {
        let s = s.as_str().trim();
        names::agency(s).unwrap_or(s).to_string()
    });
    Some((place, source))
}

/// Strips a dateline from the start of a paragraph.
pub fn without_dateline(paragraph: &str) -> &str {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"^[A-Z][A-Z.'’\- ]{1,40}?(?:,\s*[A-Za-z0-9 .,]{1,40}?)?\s*(?:\([A-Za-z][A-Za-z .&'-]{0,40}\))?\s*[-–—]+\s+",
    );
    if dateline(paragraph).is_some() {
        re.find(paragraph)
            .map(|m| &paragraph[m.end()..])
            .unwrap_or(paragraph)
    } else {
        paragraph
    }
}

fn title_case(caps: &str) -> String {
    caps.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A wire story's sign-off: "Reporting by ...; Editing by ...".
pub fn is_sign_off(paragraph: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"^\(?(?:Additional )?(?:Reporting|Writing|Editing|Compiled) by\b",
    );
    re.is_match(paragraph.trim())
}

/// A signature line naming the agency a story came from ("— Reuters", "(AP)").
pub fn signature_source(paragraph: &str) -> Option<String> {
    let trimmed = paragraph
        .trim()
        .trim_start_matches(['-', '–', '—', '(', ' '])
        .trim_end_matches([')', '.', ' ']);
    if text::word_count_up_to(trimmed, 5) > 4 {
        return None;
    }
    names::agency(trimmed).map(str::to_string)
}

/// Longest generated headline, in characters.
const MAX_TITLE_CHARS: usize = 90;
/// Fewest words a generated headline cut short keeps.
const MIN_TITLE_WORDS: usize = 6;

/// Words a clause starts with: a headline may end just before one.
const CLAUSE_STARTS: &[&str] = &[
    "as",
    "after",
    "amid",
    "while",
    "because",
    "which",
    "who",
    "where",
    "when",
    "despite",
    "before",
    "following",
    "but",
    "and",
    "although",
    "though",
    "since",
    "until",
    "unless",
    "so",
    "saying",
    "says",
    "said",
    "with",
    "without",
    "–",
    "-",
    "—",
];
/// Words a phrase starts with (prepositions and auxiliaries): a weaker place to end.
const PHRASE_STARTS: &[&str] = &[
    "on", "in", "at", "for", "from", "to", "over", "under", "into", "by", "about", "against",
    "across", "between", "through", "during", "could", "would", "will", "may", "might", "can",
    "should", "must", "has", "have", "had", "is", "are", "was", "were",
];
/// Words a headline never ends on: it would be left hanging.
const DANGLING: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "for", "and", "or", "with", "by", "at", "its", "his",
    "her", "their", "our", "your", "my", "this", "that", "these", "those", "he", "she", "they",
    "it", "we", "who", "which", "as", "was", "were", "is", "are", "has", "have", "had", "would",
    "will", "could", "should", "can", "may", "might", "must", "from", "into", "than", "be", "been",
    "being", "said", "told", "up", "out", "off", "down", "over", "about", "not", "no", "very",
    "more", "most", "some", "any", "all", "such", "if", "but", "so", "also", "just", "only",
    "after", "before", "while", "when", "where", "because", "since", "despite", "amid", "against",
    "between", "through", "during", "under", "than", "then", "there",
];

/// A headline made from a lead sentence, for a story whose page has none: the sentence
/// whole when it is short, else cut where a clause (or failing that a phrase) begins, at
/// most about 90 characters, never ending on a word that leaves it hanging, a comma or a dash.
pub fn generate_title(lead: &str) -> String {
    let lead = without_dateline(lead);
    // "On Monday 3 February 2025, ..." : the time phrase is no part of a headline.
    static WHEN: OnceLock<Regex> = OnceLock::new();
    let when = regex(
        &WHEN,
        r"^(?i:on|by|as of)\s+(?:(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*)?(?:\d{1,2}(?:st|nd|rd|th)?\s+\p{L}+\s+\d{4}|\p{L}+\s+\d{1,2},?\s+\d{4})?\s*,\s+",
    );
    let lead = match when.find(lead) {
        Some(m) if text::word_count(m.as_str()) > 1 => &lead[m.end()..],
        _ => lead,
    };
    let sentence = text::sentences(lead).next().unwrap_or(lead);
    let sentence = sentence.trim_end_matches(['.', '!', '?', '"', '”', ' ']);
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '–' && c != '—' && c != '-')
            .to_lowercase()
    };
    let hangs = |w: &str| {
        DANGLING.contains(&bare(w).as_str()) || w.ends_with([',', ';', ':', '-', '–', '—'])
    };
    // The longest end within the length that ends on a word that does not hang, preferring
    // the end of the sentence, then a clause's start, then a phrase's.
    let mut best: Option<(usize, usize)> = None;
    let mut length = 0;
    for end in 1..=words.len() {
        length += words[end - 1].chars().count() + usize::from(end > 1);
        if length > MAX_TITLE_CHARS {
            break;
        }
        if hangs(words[end - 1]) || (end < MIN_TITLE_WORDS && end < words.len()) {
            continue;
        }
        let rank = match words.get(end).map(|w| bare(w)) {
            None => 3,
            Some(next)
                if CLAUSE_STARTS.contains(&next.as_str())
                    || words[end - 1].ends_with([',', ';']) =>
            {
                2
            }
            Some(next) if PHRASE_STARTS.contains(&next.as_str()) => 1,
            Some(_) => 0,
        };
        if best.is_none_or(|(_, r)| rank >= r) {
            best = Some((end, rank));
        }
    }
    let end = best.map_or(words.len().min(MIN_TITLE_WORDS), |(end, _)| end);
    let title = words[..end]
        .join(" ")
        .trim_end_matches([',', ';', ':', ' ', '-', '–', '—'])
        .to_string();
    let mut chars = title.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Untitled story".to_string(),
    }
}

/// An extractive summary: the lead's first sentences, up to three and about 60 words.
pub fn summary(paragraphs: &[String]) -> String {
    let mut picked: Vec<&str> = Vec::new();
    let mut words = 0;
    for paragraph in paragraphs.iter().take(4) {
        for sentence in text::sentences(without_dateline(paragraph)) {
            let n = text::word_count(sentence);
            if !picked.is_empty() && (words + n > 60 || picked.len() >= 3) {
                return picked.join(" ");
            }
            picked.push(sentence);
            words += n;
            if words >= 35 {
                return picked.join(" ");
            }
        }
    }
    picked.join(" ")
}

/// Key figures with the sentence they stand in, in reading order, at most `limit`. Every
/// figure has an ASCII digit, so a sentence without one (most) is passed over unread.
pub fn figures(paragraphs: &[String], limit: usize) -> Vec<Figure> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"(?ix)
        [£$€]\s?[0-9][0-9,]*(?:\.[0-9]+)?(?:\s?(?:bn|m|k|tn|billion|million|trillion)\b)?
        | \b[0-9]+(?:\.[0-9]+)?\s?(?:%|per\s?cent\b|percent\b)
        | \b[0-9]{1,3}(?:,[0-9]{3})+\b(?:\s(?:people|migrants|troops|soldiers|users|visitors|children|jobs|posts|sites|homes|applications|complaints|cases|deaths|signatures|missiles|drones|personnel)\b)?
        | \b[0-9]+(?:\.[0-9]+)?\s(?:million|billion|thousand)\b(?:\s[a-z]+)?
        | \b[0-9]{2,}\s(?:people|migrants|troops|soldiers|users|visitors|children|jobs|investigations|companies|sites|countries|nations|members|arrests|deaths|boats)\b",
    );
    static TARGET: OnceLock<Regex> = OnceLock::new();
    let target = regex(&TARGET, r"(?i)\b(?:by|from|until|before)\s+(20[0-9]{2})\b");
    static TARGET_WORDS: OnceLock<Regex> = OnceLock::new();
    let target_words = regex(
        &TARGET_WORDS,
        r"(?i)\b(target|goal|pledge|pledged|commit|committed|ambition|aim|plans?|promise|promised|deadline|rise|increase)\b",
    );
    let mut out: Vec<Figure> = Vec::new();
    for paragraph in paragraphs {
        for sentence in text::sentences(paragraph) {
            if !sentence.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            let mut values: Vec<(usize, String)> = re
                .find_iter(sentence)
                .map(|m| (m.start(), m.as_str().trim().to_string()))
                .collect();
            if target_words.is_match(sentence) {
                values.extend(
                    target
                        .captures_iter(sentence)
                        .filter_map(|c| c.get(0).map(|m| (m.start(), m.as_str().to_string()))),
                );
            }
            if values.is_empty() {
                continue;
            }
            values.sort();
            let context = clip_words(sentence, 45);
            for (_, value) in values {
                if out.iter().any(|f| f.value == value && f.context == context) {
                    continue;
                }
                out.push(Figure {
                    value,
                    context: context.clone(),
                });
                if out.len() >= limit {
                    return out;
                }
            }
        }
    }
    out
}

fn clip_words(sentence: &str, max: usize) -> String {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() <= max {
        sentence.trim().to_string()
    } else {
        format!("{}…", words[..max].join(" "))
    }
}

/// People and organisations named in a story, each person under one canonical full name.
#[derive(Debug, Default)]
pub struct Entities {
    /// Canonical person names, most mentioned first.
    pub people: Vec<String>,
    pub organisations: Vec<String>,
    /// Short forms seen ("Starmer", "Sir Keir", "Mr Rutte") -> canonical full name.
    aliases: FxHashMap<String, String>,
    /// Canonical people in order of each mention, with the byte offset in the joined text.
    mentions: Vec<(usize, usize, String)>,
}

impl Entities {
    /// Finds and merges the names in a story's paragraphs.
    pub fn find(paragraphs: &[String]) -> Entities {
        let mut full: BTreeMap<String, usize> = BTreeMap::new();
        let mut orgs: BTreeMap<String, usize> = BTreeMap::new();
        let mut short: Vec<(usize, String, bool)> = Vec::new();
        let mut raw_mentions: Vec<(usize, usize, String)> = Vec::new();
        let mut offset = 0;
        for (p, paragraph) in paragraphs.iter().enumerate() {
            for mention in names::capitalised_runs(paragraph) {
                if mention.tokens.len() > 1 {
                    for org in names::known_organisations(&mention) {
                        *orgs.entry(org).or_default() += 1;
                    }
                }
                match names::classify(&mention) {
                    names::Mention::Person(name) => {
                        *full.entry(name.clone()).or_default() += 1;
                        raw_mentions.push((p, offset + mention.start, name));
                    }
                    names::Mention::ShortName { name, first_name } => {
                        short.push((offset + mention.start, name.clone(), first_name));
                        raw_mentions.push((p, offset + mention.start, name));
                    }
                    names::Mention::Organisation(name) => *orgs.entry(name).or_default() += 1,
                    names::Mention::Other => {}
                }
            }
            offset += paragraph.len() + 1;
        }
        // Merge full names that extend one another ("Keir Starmer" inside "Sir Keir Starmer" is
        // already stripped of titles; "Starmer" alone resolves below).
        let mut aliases: FxHashMap<String, String> = FxHashMap::default();
        for name in full.keys() {
            aliases.insert(name.clone(), name.clone());
            let parts: Vec<&str> = name.split(' ').collect();
            if let Some(last) = parts.last() {
                let ending = format!(" {last}");
                resolve_alias(&mut aliases, &full, last, |n| n.ends_with(&ending));
            }
            if let Some(first) = parts.first() {
                let key = format!("\u{1}first {first}");
                let opening = format!("{first} ");
                resolve_alias(&mut aliases, &full, &key, |n| n.starts_with(&opening));
            }
        }
        let mut counts = full.clone();
        for (_, name, first_name) in &short {
            let key = if *first_name {
                format!("\u{1}first {name}")
            } else {
                name.clone()
            };
            if let Some(canonical) = aliases.get(&key) {
                *counts.entry(canonical.clone()).or_default() += 1;
            }
        }
        let mentions = raw_mentions
            .into_iter()
            .filter_map(|(p, at, name)| {
                aliases
                    .get(&name)
                    .or_else(|| aliases.get(&format!("\u{1}first {name}")))
                    .map(|c| (p, at, c.clone()))
            })
            .collect();
        let mut people: Vec<(String, usize)> = counts.into_iter().collect();
        people.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut organisations: Vec<(String, usize)> = orgs.into_iter().collect();
        organisations.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Entities {
            people: people.into_iter().map(|(n, _)| n).collect(),
            organisations: organisations.into_iter().map(|(n, _)| n).collect(),
            aliases,
            mentions,
        }
    }

    /// The canonical name for a speaker as written ("Sir Keir", "Starmer", "Mr Rutte").
    pub fn canonical(&self, written: &str) -> Option<String> {
        let stripped = names::strip_titles(written);
        if let Some(c) = self.aliases.get(&stripped) {
            return Some(c.clone());
        }
        let first = format!("\u{1}first {stripped}");
        self.aliases.get(&first).cloned()
    }

    /// The person mentioned last before byte `at` of the joined paragraphs.
    fn last_person_before(&self, at: usize) -> Option<String> {
        // Mentions are in reading order, so a binary search finds the last one before `at`.
        let before = self.mentions.partition_point(|(_, pos, _)| *pos < at);
        before.checked_sub(1).map(|i| self.mentions[i].2.clone())
    }
}

/// Points a short form at the one full name it can stand for; ambiguous forms point nowhere.
fn resolve_alias(
    aliases: &mut FxHashMap<String, String>,
    full: &BTreeMap<String, usize>,
    key: &str,
    matches: impl Fn(&str) -> bool,
) {
    if aliases.contains_key(key) {
        return;
    }
    let candidates: Vec<&String> = full.keys().filter(|n| matches(n)).collect();
    if candidates.len() == 1 {
        aliases.insert(key.to_string(), candidates[0].clone());
    }
}

/// Verbs that attribute speech.
const SPEECH_VERBS: &str = r"said|says|added|adds|adding|told|tells|warned|warns|warning|insisted|insists|argued|argues|explained|posted|wrote|writes|stated|declared|claimed|claims|asked|replied|continued|noted|acknowledged|admitted|urged|urges|stressed|conceded|announced|suggested";

/// Quotations with their speakers. Handles curly and straight quotes, "X said" before or
/// after the quote, a lead-in paragraph ending in a colon, pronouns, and quotes that run
/// over several paragraphs (each opening with a quote mark, only the last closing).
pub fn quotes(paragraphs: &[String], entities: &Entities) -> Vec<Quote> {
    let mut out = QuoteList::default();
    let mut offset = 0;
    let mut open: Option<(String, Option<String>)> = None;
    let mut context = SpeakerContext {
        entities,
        recent_speaker: None,
    };
    // Paragraph of the last attributed quote.
    let mut recent_at: Option<usize> = None;
    for (p, paragraph) in paragraphs.iter().enumerate() {
        if recent_at.is_some_and(|at| p > at + 1) {
            context.recent_speaker = None;
        }
        let spans = quote_spans(paragraph);
        for span in &spans {
            let inner = paragraph[span.start..span.end].trim();
            let inner = inner.trim_end_matches([',', ' ']);
            if let Some((mut text, speaker)) = open.take() {
                // Continuation of a multi-paragraph quote.
                if span.start <= 3 {
                    text.push(' ');
                    text.push_str(inner);
                    if span.closed {
                        let speaker = speaker.or_else(|| {
                            attribute(
                                paragraph,
                                span,
                                &context,
                                offset,
                                paragraphs.get(p.wrapping_sub(1)),
                            )
                        });
                        out.push(text, speaker);
                    } else {
                        open = Some((text, speaker));
                    }
                    continue;
                }
                out.push(text, speaker);
            }
            if text::word_count(inner) < 4 {
                continue; // scare quotes and titles, not speech
            }
            let previous = if p > 0 { paragraphs.get(p - 1) } else { None };
            let speaker = attribute(paragraph, span, &context, offset, previous);
            if speaker.is_some() {
                context.recent_speaker = speaker.clone();
                recent_at = Some(p);
            }
            if span.closed {
                out.push(inner.to_string(), speaker);
            } else {
                open = Some((inner.to_string(), speaker));
            }
        }
        // An unclosed quote continues only into a paragraph that opens with a quote mark.
        if let Some((text, speaker)) = open.take() {
            let next_opens = paragraphs
                .get(p + 1)
                .is_some_and(|n| n.trim_start().starts_with(['“', '"']));
            if next_opens {
                open = Some((text, speaker));
            } else {
                out.push(text, speaker);
            }
        }
        offset += paragraph.len() + 1;
    }
    if let Some((text, speaker)) = open {
        out.push(text, speaker);
    }
    out.quotes
}

/// Quotes found so far, each text once.
#[derive(Default)]
struct QuoteList {
    quotes: Vec<Quote>,
    seen: FxHashSet<String>,
}

impl QuoteList {
    fn push(&mut self, text: String, speaker: Option<String>) {
        let text = text.trim().trim_end_matches([',', ' ']).to_string();
        if text::word_count(&text) >= 4 && self.seen.insert(text.clone()) {
            self.quotes.push(Quote { text, speaker });
        }
    }
}

/// A quoted stretch of a paragraph: byte range of the words inside the marks.
struct QuoteSpan {
    start: usize,
    end: usize,
    /// Where the text after the closing mark starts.
    after: usize,
    closed: bool,
}

fn quote_spans(paragraph: &str) -> Vec<QuoteSpan> {
    let mut spans = Vec::new();
    let mut chars = paragraph.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let close = match c {
            '“' => '”',
            '"' => {
                // A straight quote opens at the start or after a space or bracket.
                let before = paragraph[..i].chars().last();
                if before
                    .is_some_and(|b| !(b.is_whitespace() || matches!(b, '(' | '[' | '—' | '–')))
                {
                    continue;
                }
                '"'
            }
            _ => continue,
        };
        let start = i + c.len_utf8();
        match paragraph[start..].find(close) {
            Some(rel) => {
                let end = start + rel;
                spans.push(QuoteSpan {
                    start,
                    end,
                    after: end + close.len_utf8(),
                    closed: true,
                });
                while chars
                    .peek()
                    .is_some_and(|(j, _)| *j < end + close.len_utf8())
                {
                    chars.next();
                }
            }
            None => {
                spans.push(QuoteSpan {
                    start,
                    end: paragraph.len(),
                    after: paragraph.len(),
                    closed: false,
                });
                break;
            }
        }
    }
    spans
}

/// What a pronoun can point back to when a quote is attributed.
struct SpeakerContext<'a> {
    entities: &'a Entities,
    /// The speaker of a quote in this or the previous paragraph: "He said:" after a
    /// spokesman's quote is the spokesman again, not the last name mentioned.
    recent_speaker: Option<String>,
}

/// Bytes either side of a quote searched for its attribution.
const ATTRIBUTION_WINDOW: usize = 400;

/// The longest subject read before a speech verb after a quote ("..., the head of the
/// union's northern branch said"), in characters, not counting a leading article.
const SUBJECT_CHARS: usize = 60;

/// A subject's length as [`SUBJECT_CHARS`] counts it.
fn subject_length(subject: &str) -> usize {
    let words = ["The ", "the ", "A ", "a ", "An ", "an "]
        .iter()
        .find_map(|article| subject.strip_prefix(article))
        .unwrap_or(subject);
    words.chars().count()
}

/// The largest char boundary of `text` at or below `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest char boundary of `text` at or above `at`.
fn ceil_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Finds who said the quote at `span`: after it ("..., Starmer said"), before it in the same
/// sentence ("Starmer said: ..."), or in a lead-in paragraph ending with a colon.
fn attribute(
    paragraph: &str,
    span: &QuoteSpan,
    context: &SpeakerContext,
    offset: usize,
    previous: Option<&String>,
) -> Option<String> {
    static AFTER_VERB_NAME: OnceLock<Regex> = OnceLock::new();
    static AFTER_NAME_VERB: OnceLock<Regex> = OnceLock::new();
    // The patterns are made once (formatting them on every call showed in profiles).
    let after_verb_name = AFTER_VERB_NAME.get_or_init(|| {
        text::builtin_regex(&format!(
            r"^[\s,.!?]*(?:{SPEECH_VERBS})\s+((?:[A-Z][\w’'\-]*\.?\s?){{1,5}})"
        ))
    });
    // The subject before the verb is at most SUBJECT_CHARS long, checked after the match: as
    // a bounded repeat of `\w` the pattern took 40 ms to build and matched several times slower.
    let after_name_verb = AFTER_NAME_VERB.get_or_init(|| {
        text::builtin_regex(&format!(
            r"^[\s,.!?]*((?:[Tt]he |[Aa] |[Aa]n )?[\w’'\- ]+?)\s+(?:has |had |have |also |later |then )?(?:{SPEECH_VERBS})\b"
        ))
    });

    // Attribution sits within a sentence of the quote: look no further, so a long paragraph
    // with many quotes costs linear time, not quadratic.
    let after = &paragraph[span.after.min(paragraph.len())..];
    let after = &after[..floor_char_boundary(after, ATTRIBUTION_WINDOW)];
    let after_sentence = after.split(['.', '!', '?']).next().unwrap_or("");
    if let Some(c) = after_verb_name.captures(after) {
        return resolve_speaker(c[1].trim(), context, offset + span.start);
    }
    if let Some(c) = after_name_verb.captures(after_sentence) {
        if subject_length(&c[1]) <= SUBJECT_CHARS {
            return resolve_speaker(c[1].trim(), context, offset + span.start);
        }
    }
    let head = &paragraph[..span.start];
    let head = &head[ceil_char_boundary(head, head.len().saturating_sub(ATTRIBUTION_WINDOW))..];
    let head = head.trim_end_matches(['“', '"', ' ']);
    let head = head.trim_end_matches([':', ',', ' ']);
    if let Some(subject) = speaker_before(head) {
        if let Some(s) = resolve_speaker(subject_of(subject), context, offset + span.start) {
            return Some(s);
        }
    }
    if span.start <= 3 {
        if let Some(prev) = previous {
            let prev = prev.trim();
            if prev.ends_with(':') {
                let head = prev.trim_end_matches(':');
                if let Some(subject) = speaker_before(head) {
                    return resolve_speaker(subject_of(subject), context, offset.saturating_sub(1));
                }
            }
        }
    }
    None
}

/// The clause naming the speaker in text ending with a speech verb and a little more ("Mr
/// Rutte, speaking in The Hague, said"): from the start of its sentence or the last comma
/// before it, at most [`SPEAKER_CLAUSE_CHARS`] long, to the verb, with at most
/// [`AFTER_VERB_CHARS`] after the verb.
fn speaker_before(text: &str) -> Option<&str> {
    static BOUNDED: OnceLock<Regex> = OnceLock::new();
    static UNBOUNDED: OnceLock<[Regex; 2]> = OnceLock::new();
    let bounded = BOUNDED.get_or_init(|| {
        text::builtin_regex(&speaker_pattern(
            r"(?:^|[.!?]\s+|,\s+)",
            &format!("{{0,{SPEAKER_CLAUSE_CHARS}}}?"),
            &format!("{{0,{AFTER_VERB_CHARS}}}"),
        ))
    });
    // Reading the groups of the bounded pattern took its slowest engine, sized by the bounds
    // (hundreds of states each): most of attributing quotes. The bounded pattern's fast
    // engine finds where its match starts; the groups are read there by the same pattern
    // without bounds, anchored. That pattern takes the same path through the text whenever
    // its groups keep within the bounds, as any path of the bounded one is one of its paths,
    // tried in the same order; otherwise the bounded pattern reads them.
    let unbounded = UNBOUNDED.get_or_init(|| {
        // At the text's start an empty opening comes first, as `^` does in the bounded one.
        [r"^(?:|[.!?]\s+|,\s+)", r"^(?:[.!?]\s+|,\s+)"]
            .map(|opening| text::builtin_regex(&speaker_pattern(opening, "*?", "*")))
    });
    let start = bounded.find(text)?.start();
    let groups = unbounded[usize::from(start > 0)]
        .captures(&text[start..])
        .filter(|c| {
            c[1].chars().count() <= SPEAKER_CLAUSE_CHARS && c[2].chars().count() <= AFTER_VERB_CHARS
        })
        .or_else(|| bounded.captures(text))?;
    Some(groups.get(1).map_or("", |clause| clause.as_str()))
}

/// The pattern of [`speaker_before`]: `opening`, the clause (repeated as `clause` says), a
/// speech verb and what follows it to the end (repeated as `after` says).
fn speaker_pattern(opening: &str, clause: &str, after: &str) -> String {
    const VERBS: &str = "is expected to say|will say|was quoted as saying|according to";
    format!(r"{opening}([^.!?]{clause})\s+(?:{SPEECH_VERBS}|{VERBS})\b([^.!?“”]{after})$")
}

/// The longest clause [`speaker_before`] reads before a speech verb, in characters.
const SPEAKER_CLAUSE_CHARS: usize = 120;
/// The most [`speaker_before`] allows after the speech verb, in characters.
const AFTER_VERB_CHARS: usize = 80;

/// The grammatical subject at the start of a clause, roughly: text up to the first verb-ish
/// word or clause mark.
fn subject_of(clause: &str) -> &str {
    let clause = clause.trim();
    let cut = clause
        .find(" who ")
        .or_else(|| clause.find(" – "))
        .or_else(|| clause.find(" - "))
        .unwrap_or(clause.len());
    let clause = &clause[..cut];
    // "Earlier this week, Mr Rutte" -> the part after the last comma holds the subject.
    clause.rsplit(", ").next().unwrap_or(clause).trim()
}

/// Turns a written speaker into a name: pronouns to the last person mentioned, short forms
/// to the canonical full name, descriptive speakers ("a government spokesperson") kept.
fn resolve_speaker(written: &str, context: &SpeakerContext, at: usize) -> Option<String> {
    let entities = context.entities;
    let mut written = written.trim().trim_end_matches(['.', ',']);
    // "Starmer has said", "she also told": the auxiliary is not part of the speaker.
    const AUXILIARIES: &[&str] = &[
        "has",
        "had",
        "have",
        "also",
        "later",
        "then",
        "is",
        "was",
        "previously",
        "earlier",
        "once",
    ];
    while let Some((head, last)) = written.rsplit_once(' ') {
        if AUXILIARIES.contains(&last.to_lowercase().as_str()) {
            written = head.trim_end();
        } else {
            break;
        }
    }
    let lower = written.to_lowercase();
    if matches!(lower.as_str(), "he" | "she") {
        return context
            .recent_speaker
            .clone()
            .or_else(|| entities.last_person_before(at));
    }
    if matches!(
        lower.as_str(),
        "it" | "they" | "we" | "i" | "you" | "this" | "that" | "which" | "who"
    ) {
        return None;
    }
    if let Some(c) = entities.canonical(written) {
        return Some(c);
    }
    let words = text::word_count(written);
    if words == 0 || words > 7 {
        return None;
    }
    let first = written.chars().next()?;
    if first.is_lowercase()
        && !lower.starts_with("the ")
        && !lower.starts_with("a ")
        && !lower.starts_with("an ")
    {
        return None;
    }
    let stripped = names::strip_titles(written);
    let stripped = stripped.trim_end_matches(['’', '\'']);
    let mut chars = stripped.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().chain(chars).collect::<String>())
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`speaker_before`] reads the clause with an unbounded pattern where it can: held to
    /// the bounded pattern's own reading on every comma, colon and quote of the sample
    /// articles, and on clauses and tails about the bounds.
    #[test]
    fn the_speaker_clause_is_the_bounded_patterns_reading() {
        let bounded = crate::text::builtin_regex(&speaker_pattern(
            r"(?:^|[.!?]\s+|,\s+)",
            &format!("{{0,{SPEAKER_CLAUSE_CHARS}}}?"),
            &format!("{{0,{AFTER_VERB_CHARS}}}"),
        ));
        let mut heads: Vec<String> = Vec::new();
        for text in crate::test_support::sample_articles() {
            for line in text.lines() {
                for (at, _) in line.match_indices([',', ':', '“', '"']) {
                    heads.push(line[..at].to_string());
                }
            }
        }
        let long = "word ".repeat(30);
        for edge in [
            format!("Earlier, {long}the minister said"),
            format!("{long}, the minister said"),
            format!("The minister said {long}"),
            format!("The minister said, {long} and the aide said it"),
            "  said it".to_string(),
            ",  said it".to_string(),
            "Sir Keir Starmer, speaking in Kyiv, told reporters".to_string(),
            "It was over. A spokesperson said".to_string(),
        ] {
            heads.push(edge);
        }
        let mut read = 0;
        for head in &heads {
            let expected = bounded
                .captures(head)
                .map(|c| c.get(1).map_or("", |m| m.as_str()));
            assert_eq!(speaker_before(head), expected, "{head:?}");
            read += usize::from(expected.is_some());
        }
        assert!(read > 100, "{read} clauses read");
    }

    fn paras(text: &[&str]) -> Vec<String> {
        text.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn dateline_gives_place_and_agency() {
        let (place, source) = dateline("BRUSSELS (Reuters) - On Monday leaders met.").unwrap();
        assert_eq!(place.as_deref(), Some("Brussels"));
        assert_eq!(source.as_deref(), Some("Reuters"));
        let (place, source) = dateline("NEW YORK, March 4 (AP) — Stocks fell.").unwrap();
        assert_eq!(place.as_deref(), Some("New York"));
        assert_eq!(source.as_deref(), Some("Associated Press"));
        assert!(dateline("NATO allies met on Monday to discuss spending.").is_none());
    }

    #[test]
    fn generated_title_cuts_at_a_clause() {
        assert_eq!(
            generate_title("Sir Keir Starmer will urge European countries to commit more in defence spending as he heads to Brussels for security talks."),
            "Sir Keir Starmer will urge European countries to commit more in defence spending"
        );
        assert_eq!(
            generate_title("The council will close four libraries next year."),
            "The council will close four libraries next year"
        );
    }

    #[test]
    fn generated_titles_never_hang_and_stay_short() {
        for lead in [
            "Anyone who sells fake crossings or forged papers on social media could face up to five years in prison under new plans.",
            "New rules that came into force last week require the largest platforms to protect users from illegal content and check their ages.",
            "Shares in the largest listed property company fell sharply on Friday after it announced a review of its London trust holdings.",
        ] {
            let title = generate_title(lead);
            let last = title.rsplit(' ').next().unwrap().to_lowercase();
            assert!(title.chars().count() <= MAX_TITLE_CHARS, "{title}");
            assert!(!DANGLING.contains(&last.as_str()), "{title}");
            assert!(!title.ends_with([',', '-', '–']), "{title}");
            assert!(text::word_count(&title) >= MIN_TITLE_WORDS, "{title}");
        }
    }

    #[test]
    fn generated_title_drops_a_leading_time_phrase() {
        assert_eq!(
            generate_title("On Monday 3 February 2025, British Prime Minister Keir Starmer told EU leaders he wanted closer defence ties."),
            "British Prime Minister Keir Starmer told EU leaders he wanted closer defence ties"
        );
        assert_eq!(
            generate_title("On balance, the plan works."),
            "On balance, the plan works"
        );
    }

    #[test]
    fn quotes_are_attributed_after_before_and_across_paragraphs() {
        let p = paras(&[
            "Prime Minister Jane Holloway spoke in Leeds.",
            "“We will not back down on this,” Holloway said.",
            "Home Secretary Tom Brennan said: “The plan starts in May and it will work.”",
            "He added: “Nobody should doubt us on this point.",
            "“We are ready.”",
        ]);
        let e = Entities::find(&p);
        let q = quotes(&p, &e);
        assert_eq!(q.len(), 3, "{q:?}");
        assert_eq!(q[0].speaker.as_deref(), Some("Jane Holloway"));
        assert_eq!(q[1].speaker.as_deref(), Some("Tom Brennan"));
        assert_eq!(
            q[2].text,
            "Nobody should doubt us on this point. We are ready."
        );
        assert_eq!(q[2].speaker.as_deref(), Some("Tom Brennan"));
    }

    #[test]
    fn a_pronoun_after_a_quote_points_to_its_speaker() {
        let p = paras(&[
            "Defence Secretary John Healey visited the shipyard in Glasgow.",
            "\"We will meet every pledge we have made,\" the Prime Minister's spokesman later added.",
            "He said: \"It is worth recognising the UK's record on spending.\"",
        ]);
        let e = Entities::find(&p);
        let q = quotes(&p, &e);
        assert_eq!(
            q[1].speaker.as_deref(),
            Some("The Prime Minister's spokesman")
        );
    }

    #[test]
    fn a_subject_after_a_quote_is_read_up_to_sixty_characters() {
        let speaker_of = |subject: &str| {
            let p = paras(&[&format!("“We will not back down,” {subject} said.")]);
            quotes(&p, &Entities::find(&p))[0].speaker.clone()
        };
        // 60 characters after the article, then 61.
        let sixty = "the internationalisation spokesperson representing nurses unions";
        assert_eq!(subject_length(sixty), 60);
        assert_eq!(
            speaker_of(sixty).as_deref(),
            Some("The internationalisation spokesperson representing nurses unions")
        );
        let longer = sixty.replace("nurses", "nurses'");
        assert_eq!(subject_length(&longer), 61);
        assert_eq!(speaker_of(&longer), None);
    }

    #[test]
    fn people_merge_short_forms() {
        let p = paras(&[
            "Sir Keir Starmer met Nato Secretary General Mark Rutte in Brussels.",
            "Mr Rutte said Starmer was right. Sir Keir agreed.",
        ]);
        let e = Entities::find(&p);
        assert_eq!(e.people, vec!["Keir Starmer", "Mark Rutte"]);
        assert_eq!(e.canonical("Sir Keir").as_deref(), Some("Keir Starmer"));
        assert!(e.organisations.contains(&"NATO".to_string()));
    }

    #[test]
    fn figures_with_context() {
        let f = figures(&paras(&["Spending will rise to 2.5% of GDP by 2027, costing £1.6bn. More than 25,000 people crossed."]), 10);
        let values: Vec<&str> = f.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(values, vec!["2.5%", "by 2027", "£1.6bn", "25,000 people"]);
    }
}
