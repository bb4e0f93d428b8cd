//! Term vectors: a paragraph's stems (names weighing more) with its topic evidence, and how
//! much two stretches of text share.

use rustc_hash::FxHashMap;

use super::{Paragraphs, MIN_TOPIC_EVIDENCE, NAME_WEIGHT, TOPIC_CHANGE_FACTOR};
use crate::ingest::classify::Evidence;
use crate::text;

/// One file's stems, numbered in order of first use: vectors add and compare numbers.
#[derive(Default)]
pub(super) struct Vocabulary(FxHashMap<String, u32>);

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
pub(super) struct TermVector {
    /// Weight by stem number (see [`Vocabulary`]); weights are whole numbers, so sums are exact.
    terms: FxHashMap<u32, f64>,
    /// Topic lexicon evidence, in config order.
    topics: Vec<f64>,
}

impl TermVector {
    /// A paragraph's vector from its words, keeping the scores of its topic evidence.
    pub(super) fn of(
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

    pub(super) fn add(&mut self, other: &TermVector) {
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
    pub(super) fn minus(&self, other: &TermVector) -> TermVector {
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
pub(super) fn run_vector(paragraphs: &Paragraphs, run: &[usize]) -> TermVector {
    TermVector::sum(run.iter().map(|&p| paragraphs.vector(p)))
}

/// Share of `part`'s word mass that also occurs in `whole`. A story keeps returning to its
/// names and nouns; a different story shares only the common words of the news.
pub(super) fn containment(part: &TermVector, whole: &TermVector) -> f64 {
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
pub(super) fn togetherness(left: &TermVector, right: &TermVector) -> f64 {
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
