//! Segmentation: splits a cleaned file into stories.
//!
//! A live page (timed posts) is one story. Otherwise sure cues cut the file into blocks first:
//! an agency dateline, a wire sign-off, a byline (with the headline above it); a wire story
//! that runs from its dateline to its sign-off is one story. Inside the other blocks a divisive
//! split cuts where the two sides share fewest words (a change of topic counts too), but only
//! where a story can start: at a headline or a lead. A lead states the news in the present
//! perfect or the future, names its source ("..., a charity has warned.") or introduces its
//! speaker in full ("Keir Starmer has said ..."); a pronoun, a connective, a quote or "The
//! move" goes on from the text above. A digression of a paragraph or two stays in its story;
//! a teaser between two stories (a headline that heads neither, or a line sharing nothing with
//! either just before a lead) is a piece of its own, never glued to a neighbour.

use rustc_hash::FxHashSet as HashSet;
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use rustc_hash::FxHashMap;

use super::classify::{Classifier, Evidence};
use super::clean::{Line, LineKind};
use super::extract;
use super::names::{self, Mention};
use crate::text;

/// Two sides of a cut sharing less than this share of words are different stories. Set on
/// tests/fixtures/segdev, between the most a true boundary there shares (0.14) and the least
/// a false one does (0.19); generated single stories share 0.24 or more.
const CUT_THRESHOLD: f64 = 0.17;
/// Least paragraphs on either side of a cut: small sides share few words by chance alone,
/// and a digression of a paragraph or two belongs to the story around it.
const MIN_STORY_PARAGRAPHS: usize = 3;
/// A paragraph sharing less than this with the stories either side of it is a teaser.
const TEASER_MAX: f64 = 0.12;
/// How much a change of leading topic across a cut lowers the sides' togetherness.
const TOPIC_CHANGE_FACTOR: f64 = 0.5;
/// How many paragraphs of a story its headline is compared with.
const HEADLINE_CONTEXT: usize = 3;
/// Least weighted keyword evidence for a side of a cut to have a leading topic.
const MIN_TOPIC_EVIDENCE: f64 = 6.0;
/// Weight of a capitalised word inside a sentence (a name) against an ordinary word.
const NAME_WEIGHT: f64 = 3.0;

/// Words that open a paragraph continuing the text above it: pronouns and connectives.
const CONTINUATION_WORDS: &[&str] = &[
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

/// Whether a story is an ordinary article or a live page of timed posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StoryKind {
    Article,
    Live,
}

/// A story's share of a file: indices into the file's lines of its text paragraphs.
#[derive(Debug)]
pub struct Segment {
    pub kind: StoryKind,
    pub paragraphs: Vec<usize>,
    /// Each paragraph's topic evidence, read while segmenting (empty for a live page), so a
    /// story is classified without stemming its text again.
    pub evidence: Vec<Evidence>,
    /// Each paragraph's words, names marked (empty for a live page), for the same reason.
    pub words: Vec<text::StemmedWords>,
}

/// The marker of a timed post on a live page: "published at 17:23" glued to a post title,
/// or a line that is only a clock time with its zone ("16.05 BST", "9:40am"). Clock digits
/// are ASCII ones, as [`has_post_time_marker`] looks for them.
pub fn post_time_marker() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        text::builtin_regex(r"(?i)(?:(?:published|posted) at ([0-9]{1,2}[:.][0-9]{2})\b|^\s*([0-9]{1,2}[:.][0-9]{2})\s*(?:am|pm|bst|gmt|cet|cest|utc|edt|est|et|pt)\s*$)")
    })
}

/// Whether `text` holds a post time marker (see [`post_time_marker`]). Every marker has a
/// clock time, an ASCII digit on each side of `:` or `.`: most lines have none, and are
/// passed over without the regex, which would read each to its end.
pub fn has_post_time_marker(text: &str) -> bool {
    let bytes = text.as_bytes();
    let clock = memchr::memchr2_iter(b':', b'.', bytes).any(|at| {
        at > 0
            && bytes[at - 1].is_ascii_digit()
            && bytes.get(at + 1).is_some_and(u8::is_ascii_digit)
    });
    clock && post_time_marker().is_match(text)
}

/// Splits a file's lines into story segments.
pub fn segment(lines: &[Line], classifier: &Classifier) -> Vec<Segment> {
    let indices: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].kind == LineKind::Text)
        .collect();
    if indices.is_empty() {
        return Vec::new();
    }
    let timed_posts = indices
        .iter()
        .filter(|&&i| has_post_time_marker(&lines[i].text))
        .count();
    if timed_posts >= 2 {
        return vec![Segment {
            kind: StoryKind::Live,
            paragraphs: indices,
            evidence: Vec::new(),
            words: Vec::new(),
        }];
    }

    let mut paragraphs = Paragraphs {
        list: indices
            .iter()
            .map(|&i| Paragraph::read(lines[i].trimmed(), classifier))
            .collect(),
        vectors: OnceCell::new(),
    };
    let mut runs = Vec::new();
    for block in split_at_cues(&paragraphs) {
        if block.wire {
            runs.push(block.range.collect());
            continue;
        }
        runs.extend(split_runs(&paragraphs, block.range));
    }
    split_off_teasers(&mut runs, &paragraphs);
    // Each paragraph's words go to the story that has it. Splitting is done, so no term
    // vector is made from them after this.
    let mut words: Vec<Option<text::StemmedWords>> = paragraphs
        .list
        .iter_mut()
        .map(|p| Some(std::mem::take(&mut p.words)))
        .collect();
    runs.into_iter()
        .map(|run| Segment {
            kind: StoryKind::Article,
            evidence: run
                .iter()
                .map(|&p| paragraphs[p].evidence.clone())
                .collect(),
            words: run
                .iter()
                .map(|&p| {
                    words[p]
                        .take()
                        .unwrap_or_else(|| text::StemmedWords::with_names(paragraphs[p].text))
                })
                .collect(),
            paragraphs: run.into_iter().map(|p| indices[p]).collect(),
        })
        .collect()
}

/// What segmentation reads off one paragraph.
struct Paragraph<'a> {
    text: &'a str,
    /// Its words, names marked: stemmed once, for its topic evidence, its term vector and
    /// the tally of its story's body.
    words: text::StemmedWords,
    evidence: Evidence,
    /// A headline, byline or date stamp: it belongs to the story below it.
    header: bool,
    /// Shaped like a headline (short, capitalised, no closing full stop).
    headline: bool,
    /// Opens with a pronoun, a connective, "The move" or a quote: it goes on from the text above.
    continues: bool,
    /// Reads like the lead paragraph of a story.
    lead: bool,
    /// A sure story start: an agency dateline, a dated headline or a byline.
    cue: bool,
    /// Opens with a dateline naming a news agency ("OSLO, Aug 31 (Reuters) -").
    agency_dateline: bool,
    /// A wire sign-off ("Reporting by ...; Editing by ..."): a story ends with it.
    sign_off: bool,
}

impl Paragraph<'_> {
    fn read<'a>(text: &'a str, classifier: &Classifier) -> Paragraph<'a> {
        // Headlines, bylines, date stamps and signatures are all under 23 words: a longer
        // paragraph (most of them) is counted once here, not once by each check.
        let short = text::word_count_up_to(text, extract::MAX_HEADER_WORDS + 1)
            <= extract::MAX_HEADER_WORDS;
        // Each check is made once here; splitting asks them of every paragraph again.
        let sign_off = extract::is_sign_off(text);
        let headline = short && extract::is_headline(text) && !sign_off;
        let dated_headline = extract::dated_headline(text).is_some();
        // A byline is under 15 words, so never in a paragraph that is not short.
        let byline = short && extract::byline(text).is_some() && !sign_off;
        let agency_dateline = has_agency_dateline(text);
        let words = text::StemmedWords::with_names(text);
        Paragraph {
            text,
            evidence: classifier.evidence(&words),
            words,
            header: headline
                || dated_headline
                || byline
                || short
                    && (extract::timestamp(text).is_some()
                        || extract::signature_source(text).is_some()),
            headline,
            continues: continues_text(text),
            lead: reads_as_lead(text),
            cue: agency_dateline || dated_headline || byline,
            agency_dateline,
            sign_off,
        }
    }

    /// Whether a story can start with this paragraph: a lead or a header that does not go
    /// on from the text above.
    fn opens_story(&self) -> bool {
        (self.lead || self.header) && !self.continues
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
    let text = extract::without_dateline(text);
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

/// One file's stems, numbered in order of first use: vectors add and compare numbers.
#[derive(Default)]
struct Vocabulary(FxHashMap<String, u32>);

impl Vocabulary {
    fn id(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.0.get(stem) {
            return id;
        }
        let id = self.0.len() as u32;
        self.0.insert(stem.to_string(), id);
        id
    }
}

/// Bag of stems (names weighing more) plus topic evidence.
#[derive(Debug, Clone, Default)]
struct TermVector {
    /// Weight by stem number (see [`Vocabulary`]); weights are whole numbers, so sums are exact.
    terms: FxHashMap<u32, f64>,
    /// Topic lexicon evidence, in config order.
    topics: Vec<f64>,
}

impl TermVector {
    /// A paragraph's vector from its words, keeping the scores of its topic evidence.
    fn of(
        words: &text::StemmedWords,
        evidence: &Evidence,
        vocabulary: &mut Vocabulary,
    ) -> TermVector {
        let names = words.names();
        let mut terms = FxHashMap::default();
        for stem in words.content_stems(0..words.len()) {
            if let Some(weight) = text::term_weight(stem, &names, NAME_WEIGHT) {
                *terms.entry(vocabulary.id(stem)).or_default() += weight;
            }
        }
        TermVector {
            terms,
            topics: evidence.scores.clone(),
        }
    }

    fn add(&mut self, other: &TermVector) {
        for (&term, weight) in &other.terms {
            *self.terms.entry(term).or_default() += weight;
        }
        if self.topics.len() < other.topics.len() {
            self.topics.resize(other.topics.len(), 0.0);
        }
        for (mine, theirs) in self.topics.iter_mut().zip(&other.topics) {
            *mine += theirs;
        }
    }

    /// The topic holding most of the evidence, if it clearly leads.
    fn leading_topic(&self) -> Option<usize> {
        let total: f64 = self.topics.iter().sum();
        let (index, best) = self
            .topics
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))?;
        (total >= MIN_TOPIC_EVIDENCE && *best / total >= 0.6).then_some(index)
    }

    fn sum<'a>(vectors: impl IntoIterator<Item = &'a TermVector>) -> TermVector {
        let mut total = TermVector::default();
        for v in vectors {
            total.add(v);
        }
        total
    }

    /// This vector less `other` (which must be part of it); terms that reach zero go.
    fn minus(&self, other: &TermVector) -> TermVector {
        let mut out = self.clone();
        for (term, weight) in &other.terms {
            if let Some(w) = out.terms.get_mut(term) {
                *w -= weight;
                if *w <= 1e-9 {
                    out.terms.remove(term);
                }
            }
        }
        for (mine, theirs) in out.topics.iter_mut().zip(&other.topics) {
            *mine = (*mine - theirs).max(0.0);
        }
        out
    }
}

/// The summed vector of some paragraphs.
fn run_vector(paragraphs: &Paragraphs, run: &[usize]) -> TermVector {
    TermVector::sum(run.iter().map(|&p| paragraphs.vector(p)))
}

/// Paragraphs between sure story starts.
struct Block {
    range: Range<usize>,
    /// A wire story from its dateline to its sign-off: one story, whatever its words.
    wire: bool,
}

/// Splits paragraphs into blocks at sure story starts: an agency dateline ("OSLO, Aug 31
/// (Reuters) -") or a dated headline, a byline, and after a sign-off ("Reporting by ...;
/// Editing by ..."). A headline, byline or date stamp just above a story start belongs to it.
fn split_at_cues(paragraphs: &Paragraphs) -> Vec<Block> {
    let mut starts = vec![0];
    for p in 1..paragraphs.len() {
        if paragraphs[p - 1].sign_off {
            starts.push(p);
        }
        if paragraphs[p].cue {
            let mut start = p;
            while start > 0 && heads_story(paragraphs, start - 1, p) {
                start -= 1;
            }
            starts.push(start);
        }
    }
    starts.sort_unstable();
    starts.dedup();
    starts
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            let range = s..starts.get(i + 1).copied().unwrap_or(paragraphs.len());
            let opening = range.clone().find(|&q| !paragraphs[q].header);
            let wire = opening.is_some_and(|q| paragraphs[q].agency_dateline)
                && paragraphs[range.end - 1].sign_off;
            Block { range, wire }
        })
        .collect()
}

/// A dateline naming a news agency ("BRUSSELS (Reuters) -").
fn has_agency_dateline(text: &str) -> bool {
    extract::dateline(text).is_some_and(|(_, source)| source.is_some())
}

/// Whether paragraph `h` stands above the story opening at `start`: a byline or date stamp
/// does, and so does a headline at the top of the file; a headline between two stories does when
/// it shares a word with the story's first paragraphs (one sharing none is a teaser for
/// another piece).
fn heads_story(paragraphs: &Paragraphs, h: usize, start: usize) -> bool {
    let above = &paragraphs[h];
    if !above.header || above.sign_off {
        return false;
    }
    if !above.headline || paragraphs[..h].iter().all(|q| q.header) {
        return true;
    }
    let opening: Vec<usize> = (start..paragraphs.len())
        .filter(|&q| !paragraphs[q].header)
        .take(HEADLINE_CONTEXT)
        .collect();
    containment(paragraphs.vector(h), &run_vector(paragraphs, &opening)) > 0.0
}

/// Share of `part`'s word mass that also occurs in `whole`. A story keeps returning to its
/// names and nouns; a different story shares only the common words of the news.
fn containment(part: &TermVector, whole: &TermVector) -> f64 {
    let total: f64 = part.terms.values().sum();
    if total == 0.0 {
        return 1.0;
    }
    let shared: f64 = part
        .terms
        .iter()
        .filter(|(t, _)| whole.terms.contains_key(*t))
        .map(|(_, w)| w)
        .sum();
    shared / total
}

/// How much the two sides of a cut belong together: the smaller side's containment in the
/// larger one.
fn togetherness(left: &TermVector, right: &TermVector) -> f64 {
    let mass = |v: &TermVector| v.terms.values().sum::<f64>();
    let shared = if mass(left) <= mass(right) {
        containment(left, right)
    } else {
        containment(right, left)
    };
    // Sides led by different topics are less likely one story.
    match (left.leading_topic(), right.leading_topic()) {
        (Some(a), Some(b)) if a != b => shared * TOPIC_CHANGE_FACTOR,
        _ => shared,
    }
}

/// Whether a story may start between the two sides (see `cut_score`); checked before the
/// sides' vectors are built, which is the costly part.
fn can_cut(paragraphs: &[Paragraph], (left, right): (&[usize], &[usize])) -> bool {
    left.last()
        .is_some_and(|&l| !paragraphs[l].header && paragraphs[right[0]].opens_story())
}

/// How much the two sides of a cut belong together, or `None` where no story can start:
/// after a headline or byline, or at a paragraph that goes on from the text above.
fn cut_score(
    paragraphs: &[Paragraph],
    (left, right): (&[usize], &[usize]),
    (left_vector, right_vector): (&TermVector, &TermVector),
) -> Option<f64> {
    if paragraphs[*left.last()?].header || !paragraphs[right[0]].opens_story() {
        return None;
    }
    Some(togetherness(left_vector, right_vector))
}

/// Divisive segmentation: cut a run at the gap where its two sides belong together least,
/// while that is little enough, then look again inside each side.
fn split_runs(paragraphs: &Paragraphs, block: Range<usize>) -> Vec<Vec<usize>> {
    let mut done = Vec::new();
    let mut todo = vec![block.collect::<Vec<usize>>()];
    while let Some(run) = todo.pop() {
        // Where a story may start, leaving a story's worth on either side (teasers, shorter
        // than a story, are found apart in `split_off_teasers`). A run with none is one story.
        let cuts: Vec<usize> = (MIN_STORY_PARAGRAPHS
            ..=run.len().saturating_sub(MIN_STORY_PARAGRAPHS))
            .filter(|&cut| can_cut(paragraphs, (&run[..cut], &run[cut..])))
            .collect();
        if cuts.is_empty() {
            done.push(run);
            continue;
        }
        let total = run_vector(paragraphs, &run);
        let mut left = TermVector::default();
        let mut in_left = 0;
        let mut best: Option<(usize, f64)> = None;
        for cut in cuts {
            for &p in &run[in_left..cut] {
                left.add(paragraphs.vector(p));
            }
            in_left = cut;
            let sides = (&run[..cut], &run[cut..]);
            let right = total.minus(&left);
            if let Some(score) = cut_score(paragraphs, sides, (&left, &right)) {
                if best.is_none_or(|(_, b)| score < b) {
                    best = Some((cut, score));
                }
            }
        }
        match best {
            Some((cut, score)) if score < CUT_THRESHOLD => {
                todo.push(run[cut..].to_vec());
                todo.push(run[..cut].to_vec());
            }
            _ => done.push(run),
        }
    }
    done.sort_by_key(|r| r[0]);
    done
}

/// At the seam of two stories: a headline ending the first is the second's headline when it
/// shares words with its lead and a teaser for some other piece when it does not; a paragraph
/// sharing almost nothing with either story, just before a story's opening, is a teaser too.
/// A teaser becomes a story of its own, never glued to a neighbour.
fn split_off_teasers(runs: &mut Vec<Vec<usize>>, paragraphs: &Paragraphs) {
    let mut i = 0;
    while i + 1 < runs.len() {
        let last = *runs[i].last().expect("runs are not empty");
        let first = runs[i + 1][0];
        if runs[i].len() > 1 && paragraphs[last].headline {
            runs[i].pop();
            if heads_story(paragraphs, last, first) {
                runs[i + 1].insert(0, last);
                i += 1;
            } else {
                runs.insert(i + 1, vec![last]);
                i += 2;
            }
            continue;
        }
        if runs[i + 1].len() > 1
            && paragraphs[first].headline
            && !heads_story(paragraphs, first, runs[i + 1][1])
        {
            runs[i + 1].remove(0);
            runs.insert(i + 1, vec![first]);
            i += 2;
            continue;
        }
        let lone = |p: usize, own: &[usize], other: &[usize], next: usize| {
            let rest: Vec<usize> = own.iter().copied().filter(|&q| q != p).collect();
            let para = &paragraphs[p];
            own.len() > MIN_STORY_PARAGRAPHS
                && !reports_speech(para.text)
                && !para.continues
                && paragraphs[next].lead
                && containment(paragraphs.vector(p), &run_vector(paragraphs, &rest)) < TEASER_MAX
                && containment(paragraphs.vector(p), &run_vector(paragraphs, other)) < TEASER_MAX
        };
        let (a, b) = (&runs[i], &runs[i + 1]);
        if lone(last, a, b, first) {
            runs[i].pop();
            runs.insert(i + 1, vec![last]);
            i += 2;
        } else if b.len() > 1 && lone(first, b, a, b[1]) {
            runs[i + 1].remove(0);
            runs.insert(i + 1, vec![first]);
            i += 2;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, DEFAULT_CONFIG};
    use crate::ingest::clean::Cleaner;

    #[test]
    fn post_time_markers_are_found_as_the_regex_finds_them() {
        for (line, marker) in [
            ("Troops move north published at 17:23", true),
            ("Posted at 9.05 Ministers meet", true),
            ("16.05 BST", true),
            ("  9:40am ", true),
            ("The vote was at 9:40 on Tuesday.", false),
            ("Prices rose 3.5% in May.", false),
            ("published at noon", false),
            ("", false),
            ("PUBLISHED AT 17:23 GMT", true),
            ("Publiſhed at 17:23", true),
            ("Figures 2.5 BST", false),
            ("16.05 \u{a0} BST", true),
        ] {
            assert_eq!(has_post_time_marker(line), marker, "{line:?}");
            assert_eq!(post_time_marker().is_match(line), marker, "{line:?}");
        }
        // And on every line of the sample articles, live pages among them.
        let mut markers = 0;
        for text in crate::test_support::sample_articles() {
            for line in text.lines() {
                let marker = post_time_marker().is_match(line);
                assert_eq!(has_post_time_marker(line), marker, "{line:?}");
                markers += usize::from(marker);
            }
        }
        assert!(markers > 20, "{markers} markers");
    }

    /// The first line (1-based) of each story found in `text`.
    fn story_starts(text: &str) -> Vec<usize> {
        let config = Config::parse(DEFAULT_CONFIG, "config.toml").unwrap();
        let lines = Cleaner::new(&config.ingest).unwrap().clean(text);
        segment(&lines, &Classifier::new(&config))
            .iter()
            .map(|s| lines[s.paragraphs[0]].number)
            .collect()
    }

    #[test]
    fn leads_state_the_news_name_their_source_or_introduce_the_speaker() {
        for lead in [
            "Thousands of tenants are living in homes with damp and mould, a committee of MPs has warned.",
            "A primary school in Rushden will close for a week after inspectors found its roof unsafe.",
            "The central bank has held interest rates at 4%, but signalled cuts early next year.",
            "Residents have been told to prepare for flooding after a month's rain fell in a day.",
            "Prime Minister Keir Starmer has said Europe must do more to defend itself.",
        ] {
            assert!(reads_as_lead(lead), "{lead}");
        }
        for body in [
            "Councils in areas with large sites have complained that they were not consulted.",
            "Police urged any young person who is being threatened not to pay.",
            "Children can also use a free tool to have images removed from the internet.",
            "The judge told the court the fraud had been cruel and calculated.",
            "The health service has a policy of giving them ten days of extra leave.",
        ] {
            assert!(!reads_as_lead(body), "{body}");
        }
    }

    #[test]
    fn pronouns_connectives_quotes_and_referring_nouns_go_on_from_the_text_above() {
        for text in [
            "But the committee heard that many were forced to use their holidays.",
            "However, the plan was delayed.",
            "\"We will not back down,\" she said.",
            "The move follows months of talks.",
            "She said the deal was done.",
        ] {
            assert!(continues_text(text), "{text}");
        }
        for text in [
            "The government has closed 40 hotels used to house asylum seekers.",
            "Theresa Marsh, a teacher, has won the award.",
        ] {
            assert!(!continues_text(text), "{text}");
        }
    }

    #[test]
    fn wire_stories_run_from_dateline_to_sign_off_and_a_teaser_between_stands_alone() {
        let text = "OSLO, Aug 31 (Reuters) - Norway has chosen a British design for its new \
            frigates, the government said on Sunday.\n\
            The ships will be built in Scotland, the defence minister told reporters.\n\
            Shares in the shipbuilder rose 2% on Monday.\n\
            Reporting by Ann Lee; Editing by Tom Fox\n\
            Five things to know about the euro at twenty-five\n\
            FRANKFURT, Sept 2 (Reuters) - Inflation in the bloc rose to 2.1% in August, data \
            showed on Tuesday.\n\
            Core inflation held steady at 2.3%, below what economists had expected.\n\
            Reporting by Jo Bell; Editing by Sam Roe\n";
        assert_eq!(story_starts(text), vec![1, 5, 6]);
    }

    #[test]
    fn a_headline_over_a_byline_starts_a_story_with_its_headline() {
        let text = "Germany's gas stores are less full than at this point in any year since \
            2021, the regulator has warned.\n\
            Storage sites were 76% full on Monday, compared with 95% a year earlier.\n\
            Households should keep using gas carefully, the regulator's president said.\n\
            Navy to buy drone boats to hunt submarines\n\
            By Owen Price\n\
            The navy will buy hundreds of drone boats to patrol the North Atlantic for \
            submarines, the defence ministry has announced.\n\
            The boats will work alongside warships and patrol aircraft.\n\
            The first drones are expected to enter service in 2027.\n";
        assert_eq!(story_starts(text), vec![1, 4]);
    }
}
