//! A story's weighted stems for the offline search index (render/search.rs writes the
//! index): made while the site is loaded, from the words it reads for similarity anyway.

use rustc_hash::FxHashMap;

use super::Article;
use crate::text::{self, StemmedWords, WordTally};

/// Distinct body words indexed per story, most frequent first.
const BODY_TERMS: usize = 60;
/// Weight of a title word against a body word.
const TITLE_WEIGHT: u32 = 3;

/// A story's weighted stems for the index, "stem weight stem weight ..." (stems hold no
/// spaces): title, summary and people's names, and its body's most frequent words. `title`
/// and `body` are the words of the story's title and body as the site reads them.
pub fn story_terms(article: &Article, title: &StemmedWords, body: &WordTally) -> String {
    // The summary, and the names together (a name never runs into the next).
    let summary = StemmedWords::of(&article.summary);
    let people = StemmedWords::of(&article.people.join("\n"));
    let most = title.len() + summary.len() + people.len() + body.distinct_stems().min(BODY_TERMS);
    let mut weights: FxHashMap<&str, u32> =
        FxHashMap::with_capacity_and_hasher(most, Default::default());
    for stem in title.content_stems(0..title.len()) {
        *weights.entry(stem).or_default() += TITLE_WEIGHT;
    }
    for (words, weight) in [(&summary, 1), (&people, TITLE_WEIGHT)] {
        for stem in words.content_stems(0..words.len()) {
            *weights.entry(stem).or_default() += weight;
        }
    }
    // The body's most frequent words only, so the index stays small per story.
    let mut body: Vec<(&str, u32)> = body.counts().collect();
    if body.len() > BODY_TERMS {
        body.select_nth_unstable_by(BODY_TERMS, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        body.truncate(BODY_TERMS);
    }
    for (stem, count) in body {
        *weights.entry(stem).or_default() += count;
    }
    let mut terms: Vec<(&str, u32)> = weights.into_iter().collect();
    // Stems are distinct, so their order is the order of the pairs.
    text::sort_by_word(&mut terms);
    let mut k = String::with_capacity(terms.len() * 10);
    let mut number = itoa::Buffer::new();
    for (stem, weight) in &terms {
        if !k.is_empty() {
            k.push(' ');
        }
        k.push_str(stem);
        k.push(' ');
        k.push_str(number.format(*weight));
    }
    k
}
