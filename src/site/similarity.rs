//! Story similarity: TF-IDF vectors over stemmed content words (names weigh more), compared
//! by cosine through an inverted index, so only stories that share a distinctive word are
//! ever compared (no all-pairs pass over a large site).

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use rayon::prelude::*;
use regex::Regex;
use rustc_hash::FxHashMap;

use crate::text;

/// Shared terms kept per story: its most distinctive ones.
const TERMS_PER_STORY: usize = 64;
/// Weight of a capitalised word inside a sentence (a name) against an ordinary word.
const NAME_WEIGHT: f64 = 2.0;
/// Terms in more than this share of stories, or in more than MAX_POSTINGS stories, are too
/// common to find neighbours by (and would make the comparison quadratic on large sites).
const MAX_DOCUMENT_SHARE: f64 = 0.25;
const MAX_POSTINGS: usize = 300;

/// A story's weighted terms, L2-normalised, sorted by term id.
pub struct StoryVector {
    terms: Vec<(u32, f64)>,
}

/// Builds one vector per story text.
pub fn vectors(texts: &[String]) -> Vec<StoryVector> {
    // Word counts per story on every core; then each word gets a number, in story order so
    // the numbering (and every tie-break on it) is the same whatever the thread count.
    let word_counts: Vec<FxHashMap<String, f64>> = texts
        .par_iter()
        .map(|text| {
            let names = text::inner_capitalised(text);
            let mut terms = FxHashMap::default();
            text::for_each_content_stem(text, |stem| {
                text::add_weighted_term(&mut terms, stem, &names, NAME_WEIGHT)
            });
            terms
        })
        .collect();
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let counts: Vec<FxHashMap<u32, f64>> = word_counts
        .into_iter()
        .map(|words| {
            let mut sorted: Vec<(String, f64)> = words.into_iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(&b.0));
            sorted
                .into_iter()
                .map(|(word, count)| {
                    let next_id = ids.len() as u32;
                    (*ids.entry(word).or_insert(next_id), count)
                })
                .collect()
        })
        .collect();
    let mut document_frequency: FxHashMap<u32, usize> = FxHashMap::default();
    for c in &counts {
        for id in c.keys() {
            *document_frequency.entry(*id).or_default() += 1;
        }
    }
    let n = texts.len() as f64;
    counts
        .into_par_iter()
        .map(|c| {
            let mut terms: Vec<(u32, f64)> = c
                .into_iter()
                .map(|(id, tf)| {
                    let idf = (n / document_frequency[&id] as f64).ln();
                    (id, (1.0 + tf.ln()) * idf)
                })
                .filter(|(_, w)| *w > 0.0)
                .collect();
            // The norm counts every term, so similarities are true cosines; only terms
            // another story shares can add to one, and of those the strongest are kept.
            let norm = terms.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            terms.retain(|(id, _)| document_frequency[id] >= 2);
            terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            terms.truncate(TERMS_PER_STORY);
            for (_, w) in &mut terms {
                *w /= norm.max(f64::MIN_POSITIVE);
            }
            terms.sort_by_key(|(id, _)| *id);
            StoryVector { terms }
        })
        .collect()
}

/// For every story, its neighbours with their cosine similarity, most similar first (ties by
/// index, so the result is deterministic).
pub fn neighbours(vectors: &[StoryVector], min_similarity: f64) -> Vec<Vec<(usize, f64)>> {
    let mut postings: HashMap<u32, Vec<(usize, f64)>> = HashMap::new();
    for (doc, v) in vectors.iter().enumerate() {
        for &(id, w) in &v.terms {
            postings.entry(id).or_default().push((doc, w));
        }
    }
    let max_postings =
        ((vectors.len() as f64 * MAX_DOCUMENT_SHARE) as usize).clamp(8, MAX_POSTINGS);
    vectors
        .par_iter()
        .enumerate()
        .map(|(doc, v)| {
            let mut scores: FxHashMap<usize, f64> = FxHashMap::default();
            for &(id, w) in &v.terms {
                let list = &postings[&id];
                if list.len() > max_postings {
                    continue;
                }
                for &(other, ow) in list {
                    if other != doc {
                        *scores.entry(other).or_default() += w * ow;
                    }
                }
            }
            let mut list: Vec<(usize, f64)> = scores
                .into_iter()
                .filter(|(_, s)| *s >= min_similarity)
                .collect();
            list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            list
        })
        .collect()
}

/// Places words say an event happened at ("in Brussels", "at Lancaster House", "to
/// Kyiv"), lower-cased, without broad regions that many events share.
pub fn place_anchors(text: &str) -> BTreeSet<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"\b(?:in|at|to|from|near|outside|inside)\s+((?:the\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3})")
            .expect("valid pattern")
    });
    const BROAD: &[&str] = &[
        "the uk",
        "uk",
        "britain",
        "great britain",
        "the united kingdom",
        "england",
        "europe",
        "the eu",
        "eu",
        "the us",
        "us",
        "the usa",
        "usa",
        "america",
        "the united states",
        "the west",
        "russia",
        "china",
        "ukraine",
        "the world",
        "africa",
        "asia",
        "the middle east",
        "parliament",
        "government",
        "the government",
        "the commons",
    ];
    re.captures_iter(text)
        .map(|c| c[1].to_lowercase().replace('’', "'"))
        .map(|p| p.trim_end_matches("'s").to_string())
        .filter(|p| !BROAD.contains(&p.as_str()))
        .filter(|p| {
            !p.split(' ')
                .any(|w| text::MONTHS.contains(&w) || text::WEEKDAYS.contains(&w))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_anchors_skip_broad_regions_and_dates() {
        let anchors = place_anchors("Leaders met in Brussels on Monday, in Europe and in June, before talks at Lancaster House.");
        let expected: BTreeSet<String> = ["brussels", "lancaster house"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(anchors, expected);
    }

    #[test]
    fn stories_sharing_distinctive_words_are_neighbours() {
        let texts: Vec<String> = [
            "Starmer visits Brussels for talks with Rutte on defence spending and the EU summit.",
            "In Brussels, Starmer and Rutte discussed defence spending before the EU summit dinner.",
            "Ofcom fined a social media platform over age checks for children.",
            "The Bank of England held interest rates as inflation eased.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let v = vectors(&texts);
        let n = neighbours(&v, 0.1);
        assert_eq!(n[0].first().map(|(i, _)| *i), Some(1), "{:?}", n);
        assert!(n[2].is_empty(), "{:?}", n);
    }
}
