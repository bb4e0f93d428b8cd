//! Which of a series the lead tells of: what it gives an ordinal ("the first", "a second")
//! or "again", and whether two leads' ordinals disagree.

use super::lead::{unquoted, Word};
use super::ORDINAL_REACH;
use crate::text;

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
pub(super) fn ordinals(lead: &[&str]) -> Vec<(u64, u32)> {
    const AGAIN: u32 = !0b11;
    let mut out: Vec<(u64, u32)> = Vec::new();
    let stem = |w: &str| crate::hash::hash_of(text::stemmer().stem(w).as_ref());
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
pub(super) fn ordinals_conflict(a: &[(u64, u32)], b: &[(u64, u32)]) -> bool {
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
