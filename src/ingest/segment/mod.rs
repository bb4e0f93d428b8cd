//! Segmentation: where one page's stories begin.
//!
//! A live page is one story. A listing (a newsletter, a section front, search results, a
//! briefing) is read from its structure: three or more units, each a headline with a few
//! lines of its own, set apart by numbering or section marks, by their own date lines and
//! bylines, or by being a headline and a standfirst and nothing else. A page with no
//! headline at all is split by its words: a divisive split cuts where the two sides share
//! fewest words (a change of topic counts too), but only where a story can start, at a lead.
//! A lead states the news in the present perfect or the future, names its source ("..., a
//! charity has warned.") or introduces its speaker in full ("Keir Starmer has said ...");
//! a pronoun, a connective, a quote or "The move" goes on from the text above. Anything
//! else is one story: subheadings, captions and links to other stories do not start one.

use rustc_hash::FxHashSet as HashSet;
use std::cell::OnceCell;
use std::sync::OnceLock;

use regex::Regex;

use super::classify::{Classifier, Evidence};
use super::cues::{self, Cue};
use super::names::{self, Mention};
use super::page::Paragraph as PageParagraph;
use super::shape::{Ending, Opening};
use super::wire;
use crate::config::Tuning;
use crate::text;

mod split;
mod vectors;

use split::{split_at_cues, split_off_teasers, split_runs};
use vectors::{togetherness, TermVector, Vocabulary};

/// Least paragraphs on either side of a cut: small sides share few words by chance alone,
/// and a digression of a paragraph or two belongs to the story around it.
const MIN_STORY_PARAGRAPHS: usize = 3;
/// A paragraph sharing less than this with the stories either side of it is a teaser.
const TEASER_MAX: f64 = 0.12;
/// How much a change of leading topic across a cut lowers the sides' togetherness.
const TOPIC_CHANGE_FACTOR: f64 = 0.5;
/// Least weighted keyword evidence for a side of a cut to have a leading topic.
const MIN_TOPIC_EVIDENCE: f64 = 6.0;
/// Weight of a capitalised word inside a sentence (a name) against an ordinary word.
const NAME_WEIGHT: f64 = 3.0;

/// Words that open a paragraph continuing the text above it: pronouns and connectives.
pub(super) const CONTINUATION_WORDS: &[&str] = &[
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "his",
    "her",
    "its",
    "their",
    "this",
    "these",
    "those",
    "but",
    "and",
    "or",
    "however",
    "meanwhile",
    "also",
    "yet",
    "so",
    "still",
    "instead",
    "although",
    "though",
    "while",
];

/// Nouns that, after an opening "The", point back to something the story has already
/// named: "The move", "The figures", "The company" never open a story.
const REFERRING_NOUNS: &[&str] = &[
    "figure",
    "figures",
    "move",
    "decision",
    "rise",
    "increase",
    "fall",
    "findings",
    "announcement",
    "comments",
    "remarks",
    "change",
    "changes",
    "measures",
    "scheme",
    "deal",
    "incident",
    "company",
    "firm",
    "charity",
    "agency",
    "committee",
];

/// Verbs of saying and reacting: a paragraph opening "Charities have warned that ..." goes on
/// from a story, it does not start one.
const REPORTING_VERBS: &[&str] = &[
    "said",
    "say",
    "told",
    "tell",
    "added",
    "warn",
    "complain",
    "describe",
    "criticise",
    "criticize",
    "call",
    "argue",
    "claim",
    "welcome",
    "urge",
    "accuse",
    "insist",
    "question",
    "defend",
    "admit",
    "deny",
    "suggest",
    "stress",
    "express",
    "respond",
    "react",
    "reject",
    "demand",
    "ask",
    "acknowledge",
    "note",
    "point",
    "predict",
    "caution",
    "condemn",
    "blame",
    "dismiss",
    "vow",
    "raise",
    "voice",
    "echo",
    "highlight",
    "challenge",
    "reply",
];

/// Words after "has" or "have" that make it a verb of possession ("has a policy"), not the
/// present perfect of news.
const POSSESSED: &[&str] = &[
    "a", "an", "the", "no", "some", "any", "more", "many", "much", "few", "its", "their", "his",
    "her", "our", "this", "that", "these", "those", "one", "two", "three", "several", "enough",
];

/// Where a listing's stories begin: indices of paragraphs of the page, the first 0; `None`
/// when the page is not a listing.
pub fn listing_starts(paragraphs: &[PageParagraph], tuning: &Tuning) -> Option<Vec<usize>> {
    let n = paragraphs.len();
    let mut heads: Vec<usize> = Vec::new();
    for k in 0..n {
        if !is_head(&paragraphs[k]) {
            continue;
        }
        // A head right under another (a deck, or a headline under its kicker or picture
        // line) belongs to the same unit.
        let previous = (0..k).rev().find(|&j| paragraphs[j].cue == Cue::Plain);
        if heads.last().is_some_and(|&h| previous == Some(h)) {
            continue;
        }
        heads.push(k);
    }
    let texty = |k: usize, heads: &[usize]| {
        paragraphs[k].shape.prose() && paragraphs[k].cue == Cue::Plain && !heads.contains(&k)
    };
    // A page-level line above the first story (a banner, the page's own summary) opens no
    // story: its unit, with no text of its own, joins the next.
    if heads.len() >= 2 && !(heads[0] + 1..heads[1]).any(|k| texty(k, &heads)) {
        heads.remove(0);
    }
    if heads.len() < 2 {
        return None;
    }
    let ends: Vec<usize> = heads[1..].iter().copied().chain([n]).collect();
    let texts: Vec<Vec<usize>> = heads
        .iter()
        .zip(&ends)
        .map(|(&h, &e)| (h + 1..e).filter(|&k| texty(k, &heads)).collect())
        .collect();
    let marked = heads.iter().filter(|&&h| list_mark(&paragraphs[h])).count();
    let head_and_standfirst = texts
        .iter()
        .filter(|t| t.len() == 1 && paragraphs[t[0]].shape.words >= 12)
        .count();
    // A unit with its own date line or byline beside its head is a story of its own.
    let with_metadata = heads
        .iter()
        .zip(&ends)
        .zip(&texts)
        .filter(|((&h, &e), t)| {
            t.len() >= 2
                && (h.saturating_sub(2)..(h + 3).min(e))
                    .any(|j| matches!(paragraphs[j].cue, Cue::Date(_) | Cue::Byline { .. }))
        })
        .count();
    // Units each with a date line or byline of their own and a teaser, however short (an
    // aggregator's headline, credit line and clipped standfirst). Dated headlines without
    // a teaser are a list of links.
    let dated: Vec<bool> = heads
        .iter()
        .zip(&ends)
        .map(|(&h, &e)| {
            (h.saturating_sub(2)..(h + 3).min(e))
                .any(|j| matches!(paragraphs[j].cue, Cue::Date(_) | Cue::Byline { .. }))
                && (h + 1..e).any(|j| {
                    paragraphs[j].cue == Cue::Plain && paragraphs[j].shape.words >= TEASER_WORDS
                })
        })
        .collect();
    let dated_units = dated.iter().filter(|&&d| d).count();
    let short_units = texts.iter().all(|t| t.len() <= LISTING_UNIT_PARAGRAPHS);
    let by_dates = heads.len() >= 3
        && short_units
        && dated_units as f64 >= tuning.listing_share * heads.len() as f64;
    let bags: Vec<rustc_hash::FxHashMap<u64, u32>> = heads
        .iter()
        .zip(&texts)
        .map(|(&h, t)| {
            let mut bag = rustc_hash::FxHashMap::default();
            for &k in std::iter::once(&h).chain(t) {
                for &w in &paragraphs[k].words {
                    *bag.entry(w).or_default() += 1;
                }
            }
            bag
        })
        .collect();
    let shared: Vec<f64> = bags
        .windows(2)
        .map(|w| bag_togetherness(&w[0], &w[1]))
        .collect();
    let mean_shared = shared.iter().sum::<f64>() / shared.len() as f64;
    let units = heads.len();
    let listing = (marked >= 2)
        || (units >= 3
            && short_units
            && head_and_standfirst as f64 >= tuning.listing_share * units as f64)
        || by_dates
        // Short headed stories, each sharing next to no word with the next.
        || (units >= 3
            && short_units
            && texts.iter().all(|t| !t.is_empty())
            && shared.iter().all(|&s| s < tuning.listing_max_shared))
        || (with_metadata >= 2
            && with_metadata as f64 >= tuning.listing_share * units as f64
            && mean_shared < tuning.listing_max_shared)
        // Two stories sharing next to no word, each with text of its own under a headline.
        || (units == 2
            && texts.iter().all(|t| t.len() >= 2)
            && mean_shared < tuning.two_stories_max_shared
            && paragraphs[heads[1]].shape.words >= 6);
    if !listing {
        return None;
    }
    // Where every item is dated, an undated unit on top is the page's own masthead and
    // blurb: it opens no story.
    if by_dates && !dated[0] {
        heads.remove(0);
    }
    // A picture, date or byline just above a story's headline is part of that story, and
    // so is the section label over it ("• Politics").
    let mut starts: Vec<usize> = Vec::with_capacity(units);
    for &h in &heads {
        let floor = starts.last().map_or(0, |&s| s + 1);
        let mut start = h;
        while start > floor
            && matches!(
                paragraphs[start - 1].cue,
                Cue::Credit | Cue::CaptionCredit | Cue::Date(_) | Cue::Byline { .. }
            )
        {
            start -= 1;
        }
        if start > floor && start == h && is_kicker(&paragraphs[h - 1]) {
            start -= 1;
        }
        starts.push(start);
    }
    starts[0] = 0;
    Some(starts)
}

/// Where stories begin at a headline carrying its own byline or date line below it, after
/// another story's text: paragraph indices (the page's first story, at 0, not included).
/// A single article has one headline, at its top.
pub fn headed_starts(paragraphs: &[PageParagraph]) -> Vec<usize> {
    let n = paragraphs.len();
    let is_text = |p: &PageParagraph| p.shape.prose() && p.cue == Cue::Plain;
    let mut starts = Vec::new();
    for k in 1..n {
        if !is_head(&paragraphs[k]) || !paragraphs[..k].iter().any(is_text) {
            continue;
        }
        let signed = paragraphs[k + 1..]
            .iter()
            .take(2)
            .take_while(|q| !is_text(q))
            .any(|q| matches!(q.cue, Cue::Byline { .. } | Cue::Date(_)));
        let text_after = paragraphs[k + 1..]
            .iter()
            .filter(|q| is_text(q))
            .take(2)
            .count();
        if signed && text_after >= 2 {
            let floor = starts.last().map_or(1, |&s| s + 1);
            let mut start = k;
            while start > floor && paragraphs[start - 1].cue.is_caption() {
                start -= 1;
            }
            starts.push(start);
        }
    }
    starts
}

/// Fewest words of a listing's teaser.
const TEASER_WORDS: usize = 8;

/// A section label printed over a listing's headline: a few words, no sentence.
fn is_kicker(p: &PageParagraph) -> bool {
    matches!(p.cue, Cue::Plain | Cue::Menu)
        && p.shape.words <= 3
        && p.shape.ending == Ending::Open
        && p.repeat_of.is_none()
}

/// Most paragraphs of text a listing's unit has (a teaser, a summary, a short item).
const LISTING_UNIT_PARAGRAPHS: usize = 3;

/// A listing's numbering or section marks: "1. Budget talks stall", "EUROPE | Leaders meet
/// ...", "Storm heads for the coast |".
fn list_mark(p: &PageParagraph) -> bool {
    static MARK: OnceLock<Regex> = OnceLock::new();
    let mark = MARK
        .get_or_init(|| text::builtin_regex(r"^[0-9]{1,2}\.\s+\S|^[A-Z][A-Z .&'-]{2,30}\s\|\s"));
    mark.is_match(&p.text)
        || (p.text.trim_end().ends_with(" |") && p.shape.words <= 14)
        || (p.text.trim_end().ends_with('|') && p.text.contains(" |") && p.shape.words <= 14)
}

/// Whether a paragraph can head a unit of a listing: headline-shaped, not a question or a
/// lead-in, no cue against it, no name alone, not printed twice.
fn is_head(p: &PageParagraph) -> bool {
    let shape = &p.shape;
    if shape.all_caps && shape.words <= 5 {
        return false;
    }
    if p.cue != Cue::Plain || shape.prose() || shape.opening == Opening::Bullet {
        return false;
    }
    if list_mark(p) {
        return true;
    }
    p.repeat_of.is_none()
        && p.opens.is_none()
        && shape.words <= 20
        && shape.words >= 4
        && !cues::name_shaped(&p.text)
        && shape.headline_like()
        && !matches!(shape.ending, Ending::Question | Ending::Colon)
}

/// The smaller bag's share of words found in the larger.
fn bag_togetherness(
    a: &rustc_hash::FxHashMap<u64, u32>,
    b: &rustc_hash::FxHashMap<u64, u32>,
) -> f64 {
    let mass = |bag: &rustc_hash::FxHashMap<u64, u32>| bag.values().sum::<u32>();
    let (small, large) = if mass(a) <= mass(b) { (a, b) } else { (b, a) };
    let total = mass(small);
    if total == 0 {
        return 1.0;
    }
    let shared: u32 = small
        .iter()
        .filter(|(w, _)| large.contains_key(*w))
        .map(|(_, c)| c)
        .sum();
    f64::from(shared) / f64::from(total)
}

/// Whether paragraphs of text with no headline are a list of summaries, each its own story
/// (a tag or search page's teasers): five or more short paragraphs, none going on from the
/// one above, neighbours sharing next to none of their words.
pub fn is_summary_list(texts: &[&str], classifier: &Classifier, tuning: &Tuning) -> bool {
    if texts.len() < SUMMARY_LIST_MIN
        || texts
            .iter()
            .any(|t| text::word_count(t) > SUMMARY_MAX_WORDS)
    {
        return false;
    }
    let paragraphs = Paragraphs::read(texts, classifier);
    if paragraphs.iter().any(|p| p.continues) {
        return false;
    }
    let apart = (1..paragraphs.len())
        .filter(|&k| {
            togetherness(paragraphs.vector(k - 1), paragraphs.vector(k)) < tuning.summary_max_shared
        })
        .count();
    apart as f64 >= 0.8 * (paragraphs.len() - 1) as f64
}

/// Fewest paragraphs a list of summaries has.
const SUMMARY_LIST_MIN: usize = 5;
/// Longest summary, in words.
const SUMMARY_MAX_WORDS: usize = 45;

/// Splits the paragraphs of text of a page with no headline where their words change
/// subject: groups of positions in `texts`, in order.
pub fn split_by_words(texts: &[&str], classifier: &Classifier, tuning: &Tuning) -> Vec<Vec<usize>> {
    if texts.is_empty() {
        return Vec::new();
    }
    let paragraphs = Paragraphs::read(texts, classifier);
    let mut runs = Vec::new();
    for block in split_at_cues(&paragraphs) {
        if block.wire {
            runs.push(block.range.collect());
            continue;
        }
        runs.extend(split_runs(&paragraphs, block.range, tuning));
    }
    split_off_teasers(&mut runs, &paragraphs);
    runs
}

/// What segmentation reads off one paragraph of text.
struct Paragraph<'a> {
    text: &'a str,
    /// Its words, names marked, for its topic evidence and its term vector.
    words: text::StemmedWords,
    evidence: Evidence,
    /// Opens with a pronoun, a connective, "The move" or a quote: it goes on from the text above.
    continues: bool,
    /// Reads like the lead paragraph of a story.
    lead: bool,
    /// Opens with a dateline naming a news agency ("OSLO, Aug 31 (Reuters) -"): a story
    /// starts with it.
    agency_dateline: bool,
    /// A wire sign-off ("Reporting by ...; Editing by ..."): a story ends with it.
    sign_off: bool,
}

impl Paragraph<'_> {
    fn read<'a>(text: &'a str, classifier: &Classifier) -> Paragraph<'a> {
        let words = text::StemmedWords::with_names(text);
        Paragraph {
            text,
            evidence: classifier.evidence(&words),
            words,
            continues: continues_text(text),
            lead: reads_as_lead(text),
            agency_dateline: has_agency_dateline(text),
            sign_off: wire::is_sign_off(text),
        }
    }

    /// Whether a story can start with this paragraph: a lead that does not go on from the
    /// text above.
    fn opens_story(&self) -> bool {
        (self.lead || self.agency_dateline) && !self.continues
    }
}

/// Whether a paragraph goes on from the text above: it opens with a pronoun or a connective
/// ("She said", "But", "However,"), with "the" and a noun pointing back ("The move", "The
/// figures"), with a quote, or with a lower-case letter.
fn continues_text(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    if first.starts_with(['"', '“', '‘', '\'']) || first.starts_with(char::is_lowercase) {
        return true;
    }
    let bare = |word: &str| {
        word.trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_string()
    };
    let word = bare(first).to_lowercase();
    CONTINUATION_WORDS.contains(&word.as_str())
        || word == "the"
            && words
                .next()
                .is_some_and(|w| REFERRING_NOUNS.contains(&bare(w).as_str()))
}

/// Whether a paragraph reads like a story's lead: its first clause states the news in the
/// present perfect, the present continuous or the future ("has held", "are living", "will
/// close") or introduces a speaker in full ("Keir Starmer has said"), or its first sentence
/// ends by naming its source ("..., a charity has warned.", "..., according to new figures.").
/// Body paragraphs mostly report in the past tense, or react ("Charities have warned ...").
fn reads_as_lead(text: &str) -> bool {
    static TENSE: OnceLock<Regex> = OnceLock::new();
    static SOURCE: OnceLock<Regex> = OnceLock::new();
    // The verb is captured: "have warned that ..." reports what someone said, but "have been
    // told to ..." is news; "to have", "who is ..." and "has a" say nothing of the main verb.
    let tense = TENSE.get_or_init(|| {
        text::builtin_regex(
            r"(?ix)
            (\b(?:to|who|which|that)\s+)?                  # 1: an infinitive or a relative clause
            \b(?:
                (?:has|have)\s+(?:(?:also|now|just|already|not)\s+)*
                (been\s+)?                                  # 2: the passive
                ([a-z]{3,})                                 # 3: the participle
              | (?:is|are)\s+(?:being\s+[a-z]+
                  | (?:now\s+|still\s+)?([a-z]{2,}ing))        # 4: the -ing form
              | (?:will|could|(?:is|are)(?:\s+set|\s+due)?\s+to)\s+[a-z]+
            )\b",
        )
    });
    // The source is captured: "..., he has said." points back to someone named before.
    let source = SOURCE.get_or_init(|| {
        text::builtin_regex(
            r#"(?ix)
            ,\s+(?:
                according\s+to\s+[^,]+
              | ([^,"“”]+?)\s+(?:has|have)\s+
                (?:said|warned|announced|found|claimed|confirmed|revealed|reported|admitted|learned|learnt)
              | [^,"“”]*?\b(?:figures|data|research|statistics|analysis|study|survey|report|documents?|records)
                \s+(?:shows?|suggests?|reveals?|indicates?)
            )\s*[.!]?["”’]?$"#,
        )
    });
    let text = wire::without_dateline(text);
    let first = text::sentences(text).next().unwrap_or(text);
    let clause = first
        .split([',', ';', ':', '–', '—'])
        .next()
        .and_then(|c| c.split(" - ").next())
        .unwrap_or(first);
    let named_source = source.captures(first).is_some_and(|c| {
        c.get(1).is_none_or(|subject| {
            !CONTINUATION_WORDS.contains(&subject.as_str().to_lowercase().as_str())
        })
    });
    if named_source {
        return true;
    }
    tense.captures_iter(clause).any(|c| {
        let (subordinate, passive) = (c.get(1).is_some(), c.get(2).is_some());
        let verb = c.get(3).or(c.get(4)).map(|v| v.as_str().to_lowercase());
        let verb = verb.as_deref();
        if subordinate || verb.is_some_and(|v| POSSESSED.contains(&v)) {
            return false;
        }
        // "Keir Starmer has said ..." opens a story by introducing the speaker in full;
        // "Charities have warned ..." is a reaction further down one.
        let subject = &clause[..c.get(0).map_or(0, |m| m.start())];
        passive
            || !verb.is_some_and(is_reporting_verb)
            || names::capitalised_runs(subject)
                .iter()
                .any(|run| matches!(names::classify(run), Mention::Person(_)))
    })
}

/// Whether a verb reports what someone said or thought ("warned", "calling").
fn is_reporting_verb(word: &str) -> bool {
    static STEMS: OnceLock<HashSet<String>> = OnceLock::new();
    STEMS
        .get_or_init(|| {
            REPORTING_VERBS
                .iter()
                .map(|w| text::stemmer().stem(w).into_owned())
                .collect()
        })
        .contains(text::stemmer().stem(&word.to_lowercase()).as_ref())
}

/// Whether a paragraph reports what someone said ("..., she said.", "He told the BBC"): such
/// a paragraph is never a teaser. Asked only of a paragraph at a seam between stories.
fn reports_speech(text: &str) -> bool {
    text::has_word(text, &["said", "says", "told", "added"])
}

/// A file's paragraphs, with their term vectors made on first use. Only a file with a place
/// where a story could start needs them (in the bench corpus, one file in ten); making them
/// (names read, stems numbered and weighed) was about a third of segmenting. Names are now
/// read with the paragraph's words, which its story's tally needs too.
struct Paragraphs<'a> {
    list: Vec<Paragraph<'a>>,
    vectors: OnceCell<Vec<TermVector>>,
}

impl<'a> Paragraphs<'a> {
    fn read(texts: &[&'a str], classifier: &Classifier) -> Paragraphs<'a> {
        Paragraphs {
            list: texts
                .iter()
                .map(|t| Paragraph::read(t, classifier))
                .collect(),
            vectors: OnceCell::new(),
        }
    }

    fn vector(&self, p: usize) -> &TermVector {
        let vectors = self.vectors.get_or_init(|| {
            let mut vocabulary = Vocabulary::default();
            self.list
                .iter()
                .map(|p| TermVector::of(&p.words, &p.evidence, &mut vocabulary))
                .collect()
        });
        &vectors[p]
    }
}

impl<'a> std::ops::Deref for Paragraphs<'a> {
    type Target = [Paragraph<'a>];

    fn deref(&self) -> &[Paragraph<'a>] {
        &self.list
    }
}

/// A dateline naming a news agency ("BRUSSELS (Reuters) -").
fn has_agency_dateline(text: &str) -> bool {
    wire::dateline(text).is_some_and(|(_, source)| source.is_some())
}

#[cfg(test)]
mod tests;
