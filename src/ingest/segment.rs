//! Segmentation: splits a cleaned file into stories.
//!
//! A live page (timed posts) is one story. Otherwise paragraphs are compared in windows on
//! either side of each gap (TextTiling): where the words and topic evidence on both sides
//! have little in common, a new story starts. Short runs between two halves of the same
//! story are digressions and stay in it; a short run between two different stories is a
//! piece of its own (a teaser), never glued to a neighbour.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use super::classify::Classifier;
use super::clean::{Line, LineKind};
use super::extract;
use crate::text;

/// Two sides of a cut sharing less than this share of words are different stories.
const CUT_THRESHOLD: f64 = 0.1;
/// Segments shorter than this (in paragraphs) are not stories in their own right unless
/// both neighbours differ from each other.
const MIN_STORY_PARAGRAPHS: usize = 3;
/// A seam paragraph moves when it shares this many times more with the other run.
const SEAM_FACTOR: f64 = 1.0;
/// Runs led by the same topic sharing at least this much are merged.
const SAME_TOPIC_MERGE: f64 = 0.05;
/// A paragraph sharing less than this with the stories either side of it is a teaser.
const TEASER_MAX: f64 = 0.12;
/// How much a change of leading topic across a cut lowers the sides' togetherness.
const TOPIC_CHANGE_FACTOR: f64 = 0.5;
/// Least weighted keyword evidence for a side of a cut to have a leading topic.
const MIN_TOPIC_EVIDENCE: f64 = 6.0;
/// Weight of a capitalised word inside a sentence (a name) against an ordinary word.
const NAME_WEIGHT: f64 = 3.0;

/// Whether a story is an ordinary article or a live page of timed posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StoryKind {
    Article,
    Live,
}

/// A story's share of a file: indices into the file's lines of its text paragraphs.
#[derive(Debug, Clone)]
pub struct Segment {
    pub kind: StoryKind,
    pub paragraphs: Vec<usize>,
}

/// The marker of a timed post on a live page: "published at 17:23" glued to a post title,
/// or a line that is only a clock time with its zone ("16.05 BST", "9:40am").
pub fn post_time_marker() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)(?:(?:published|posted) at (\d{1,2}[:.]\d{2})\b|^\s*(\d{1,2}[:.]\d{2})\s*(?:am|pm|bst|gmt|cet|cest|utc|edt|est|et|pt)\s*$)").expect("valid")
    })
}

/// Splits a file's lines into story segments.
pub fn segment(lines: &[Line], classifier: &Classifier) -> Vec<Segment> {
    let paragraphs: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].kind == LineKind::Text)
        .collect();
    if paragraphs.is_empty() {
        return Vec::new();
    }
    let timed_posts = paragraphs
        .iter()
        .filter(|&&i| post_time_marker().is_match(&lines[i].text))
        .count();
    if timed_posts >= 2 {
        return vec![Segment {
            kind: StoryKind::Live,
            paragraphs,
        }];
    }

    let vectors: Vec<TermVector> = paragraphs
        .iter()
        .map(|&i| TermVector::of(lines[i].trimmed(), classifier))
        .collect();
    let texts: Vec<&str> = paragraphs.iter().map(|&i| lines[i].trimmed()).collect();
    let mut runs = Vec::new();
    for block in split_at_cues(&texts) {
        let mut block_runs: Vec<Vec<usize>> = split_runs(&vectors[block.clone()])
            .into_iter()
            .map(|run| run.into_iter().map(|p| p + block.start).collect())
            .collect();
        absorb_short_runs(&mut block_runs, &vectors);
        merge_same_topic_runs(&mut block_runs, &vectors);
        refine_seams(&mut block_runs, &vectors);
        split_off_teasers(&mut block_runs, &vectors);
        runs.extend(block_runs);
    }
    runs.into_iter()
        .map(|run| Segment {
            kind: StoryKind::Article,
            paragraphs: run.into_iter().map(|p| paragraphs[p]).collect(),
        })
        .collect()
}

/// Bag of stems plus topic pseudo-terms, for cosine similarity.
#[derive(Debug, Clone, Default)]
struct TermVector {
    terms: HashMap<String, f64>,
    /// Topic lexicon evidence, in config order.
    topics: Vec<f64>,
}

impl TermVector {
    fn of(paragraph: &str, classifier: &Classifier) -> TermVector {
        let mut terms: HashMap<String, f64> = HashMap::new();
        let names: std::collections::HashSet<String> = text::inner_capitalised(paragraph);
        for stem in text::content_stems(paragraph) {
            if text::is_generic_news_stem(&stem) {
                continue;
            }
            let weight = if names.contains(&stem) {
                NAME_WEIGHT
            } else {
                1.0
            };
            *terms.entry(stem).or_default() += weight;
        }
        let topics = classifier.evidence(&text::stems(paragraph));
        TermVector { terms, topics }
    }

    fn add(&mut self, other: &TermVector) {
        for (term, weight) in &other.terms {
            *self.terms.entry(term.clone()).or_default() += weight;
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

/// Splits paragraph indices into blocks at sure story starts: an agency dateline ("OSLO,
/// Aug 31 (Reuters) -", with its headline if one stands above it) or a dated headline, and
/// after a sign-off ("Reporting by ...; Editing by ...").
fn split_at_cues(texts: &[&str]) -> Vec<std::ops::Range<usize>> {
    let mut starts = vec![0];
    for p in 1..texts.len() {
        let after_sign_off = extract::is_sign_off(texts[p - 1]);
        let opens_story = extract::dateline(texts[p]).is_some_and(|(_, source)| source.is_some())
            || extract::dated_headline(texts[p]).is_some();
        // A headline, byline or date stamp above the dateline belongs to the same story.
        let mut start = p;
        while opens_story
            && start > 0
            && is_story_header(texts[start - 1])
            && !extract::is_sign_off(texts[start - 1])
        {
            start -= 1;
        }
        if (after_sign_off || opens_story) && starts.last() != Some(&start) && start > 0 {
            starts.push(start);
        }
        if after_sign_off && opens_story && start != p {
            starts.push(p);
        }
    }
    starts.sort_unstable();
    starts.dedup();
    starts
        .iter()
        .enumerate()
        .map(|(i, &s)| s..starts.get(i + 1).copied().unwrap_or(texts.len()))
        .collect()
}

/// A line that stands above a story's text: headline, byline, date stamp.
fn is_story_header(text: &str) -> bool {
    extract::is_headline(text)
        || extract::byline(text).is_some()
        || extract::timestamp(text).is_some()
        || extract::signature_source(text).is_some()
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

/// Divisive segmentation: cut a run at the gap where its two sides share least, while that
/// is little enough, then look again inside each side.
fn split_runs(vectors: &[TermVector]) -> Vec<Vec<usize>> {
    let mut done = Vec::new();
    let mut todo = vec![(0..vectors.len()).collect::<Vec<usize>>()];
    while let Some(run) = todo.pop() {
        if run.len() < 2 {
            done.push(run);
            continue;
        }
        let mut left = TermVector::default();
        let right_total = TermVector::sum(run.iter().map(|&p| &vectors[p]));
        let mut best: Option<(usize, f64)> = None;
        for cut in 1..run.len() {
            left.add(&vectors[run[cut - 1]]);
            // Small sides share few words by chance alone: stories are cut into pieces
            // of a few paragraphs at least (teasers are found apart, below).
            if cut < MIN_STORY_PARAGRAPHS || run.len() - cut < MIN_STORY_PARAGRAPHS {
                continue;
            }
            let right = right_total.minus(&left);
            let score = togetherness(&left, &right);
            if best.is_none_or(|(_, b)| score < b) {
                best = Some((cut, score));
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

/// Short runs at the edge of a file join their neighbour; a short run between two halves of
/// one story joins them; a short run between two different stories stays (a teaser).
fn absorb_short_runs(runs: &mut Vec<Vec<usize>>, vectors: &[TermVector]) {
    let run_vector = |run: &[usize]| TermVector::sum(run.iter().map(|&p| &vectors[p]));
    let mut i = 0;
    while i < runs.len() && runs.len() > 1 {
        if runs[i].len() >= MIN_STORY_PARAGRAPHS {
            i += 1;
            continue;
        }
        if i == 0 {
            let first = runs.remove(0);
            runs[0].splice(0..0, first);
            continue;
        }
        if i + 1 == runs.len() {
            let last = runs.remove(i);
            runs[i - 1].extend(last);
            i = i.saturating_sub(1);
            continue;
        }
        if togetherness(&run_vector(&runs[i - 1]), &run_vector(&runs[i + 1])) >= CUT_THRESHOLD {
            let middle = runs.remove(i);
            let after = runs.remove(i);
            runs[i - 1].extend(middle);
            runs[i - 1].extend(after);
            i -= 1;
            continue;
        }
        i += 1;
    }
}

/// Neighbouring runs led by the same topic that still share some words are one story cut
/// too finely.
fn merge_same_topic_runs(runs: &mut Vec<Vec<usize>>, vectors: &[TermVector]) {
    let run_vector = |run: &[usize]| TermVector::sum(run.iter().map(|&p| &vectors[p]));
    let mut i = 0;
    while i + 1 < runs.len() {
        let (a, b) = (run_vector(&runs[i]), run_vector(&runs[i + 1]));
        let same_topic = a.leading_topic().is_some() && a.leading_topic() == b.leading_topic();
        if same_topic && togetherness(&a, &b) >= SAME_TOPIC_MERGE {
            let next = runs.remove(i + 1);
            runs[i].extend(next);
        } else {
            i += 1;
        }
    }
}

/// Moves a paragraph at the seam of two runs to the run it shares more words with.
fn refine_seams(runs: &mut [Vec<usize>], vectors: &[TermVector]) {
    let run_vector = |run: &[usize]| TermVector::sum(run.iter().map(|&p| &vectors[p]));
    for i in 0..runs.len().saturating_sub(1) {
        for _ in 0..2 {
            let last = *runs[i].last().expect("runs are not empty");
            let first = runs[i + 1][0];
            let own_a = run_vector(&runs[i][..runs[i].len() - 1]);
            let own_b = run_vector(&runs[i + 1][1..]);
            let (a, b) = (run_vector(&runs[i]), run_vector(&runs[i + 1]));
            if runs[i].len() > MIN_STORY_PARAGRAPHS
                && containment(&vectors[last], &b)
                    > SEAM_FACTOR * containment(&vectors[last], &own_a)
            {
                let moved = runs[i].pop().expect("not empty");
                runs[i + 1].insert(0, moved);
            } else if runs[i + 1].len() > MIN_STORY_PARAGRAPHS
                && containment(&vectors[first], &a)
                    > SEAM_FACTOR * containment(&vectors[first], &own_b)
            {
                let moved = runs[i + 1].remove(0);
                runs[i].push(moved);
            } else {
                break;
            }
        }
    }
}

/// A paragraph at the seam of two stories that shares almost nothing with either is a
/// teaser for some other piece: it becomes a story of its own, never glued to a neighbour.
fn split_off_teasers(runs: &mut Vec<Vec<usize>>, vectors: &[TermVector]) {
    let run_vector = |run: &[usize]| TermVector::sum(run.iter().map(|&p| &vectors[p]));
    let mut i = 0;
    while i + 1 < runs.len() {
        let (a, b) = (&runs[i], &runs[i + 1]);
        let last = *a.last().expect("runs are not empty");
        let first = b[0];
        let (va, vb) = (run_vector(a), run_vector(b));
        if va.leading_topic().is_some() && va.leading_topic() == vb.leading_topic() {
            i += 1;
            continue;
        }
        let lone = |p: usize, own: &[usize], other: &[usize]| {
            let rest: Vec<usize> = own.iter().copied().filter(|&q| q != p).collect();
            own.len() > MIN_STORY_PARAGRAPHS
                && containment(&vectors[p], &run_vector(&rest)) < TEASER_MAX
                && containment(&vectors[p], &run_vector(other)) < TEASER_MAX
        };
        if lone(last, a, b) {
            runs[i].pop();
            runs.insert(i + 1, vec![last]);
            i += 2;
        } else if lone(first, b, a) {
            runs[i + 1].remove(0);
            runs.insert(i + 1, vec![first]);
            i += 2;
        } else {
            i += 1;
        }
    }
}
