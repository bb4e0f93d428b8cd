//! Words as the pipeline reads them: tokens, normal forms, stems and their tallies,
//! sentences, word counts and word lists, shared by every stage.

use std::borrow::Cow;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

mod count;
mod sentences;
mod stems;
mod tokens;
mod wordlists;

pub use count::{space_width_at, word_count, word_count_up_to};
pub use sentences::{sentences, Sentences};
pub use stems::{term_weight, StemmedWords, WordTally};
pub use tokens::token_count;
use tokens::tokens;
pub use wordlists::{is_generic_news_stem, is_stopword, MONTHS, WEEKDAYS};

/// Compiles one of digest's own patterns with ASCII word boundaries. A Unicode `\b` makes
/// regex's fast DFA give up at the first non-ASCII byte (every curly quote and dash in news
/// text) and fall back to an engine several times slower; the patterns' `\b`s sit beside
/// English words and digits, where the two boundaries agree.
pub fn builtin_regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(&builtin_pattern(pattern)).expect("built-in pattern is valid")
}

/// One of digest's own patterns as [`builtin_regex`] compiles it.
pub fn builtin_pattern(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

/// The English stemmer, built once.
pub fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

pub(super) fn is_word_break(c: char) -> bool {
    !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’')
}

pub(super) fn is_word_edge(c: char) -> bool {
    c == '-' || c == '\'' || c == '’'
}

/// A word lower-cased, curly apostrophes straightened and a trailing 's dropped; borrowed
/// from the text when it is already so (most words), so reading words does not allocate.
pub(super) fn normal_word(raw: &str) -> Cow<'_, str> {
    let word = if raw.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        let lower = raw.to_lowercase();
        Cow::Owned(if lower.contains('’') {
            lower.replace('’', "'")
        } else {
            lower
        })
    } else {
        Cow::Borrowed(raw)
    };
    match word {
        Cow::Borrowed(w) => Cow::Borrowed(w.strip_suffix("'s").unwrap_or(w)),
        Cow::Owned(w) => match w.strip_suffix("'s") {
            Some(stripped) => Cow::Owned(stripped.to_string()),
            None => Cow::Owned(w),
        },
    }
}

/// Lower-cased words of `text` (letters, digits, inner hyphens and apostrophes).
pub fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    tokens(text).map(normal_word)
}

/// Whether one of `words` (lower-case ASCII) is among the words of `text`, as [`words`]
/// reads them. Compares as written, ignoring case: no word is lower-cased or copied.
pub fn has_word(text: &str, words: &[&str]) -> bool {
    tokens(text).any(|token| {
        let token = token
            .strip_suffix("'s")
            .or_else(|| token.strip_suffix("’s"))
            .unwrap_or(token);
        words.iter().any(|w| token.eq_ignore_ascii_case(w))
    })
}

/// Sorts words (with what goes with each) in byte order, as `str`'s `Ord` does, comparing
/// their first eight bytes as one number before the rest: sorting a story's few hundred
/// stems made a call to `memcmp` for nearly every comparison.
pub fn sort_by_word<T: Copy>(items: &mut [(&str, T)]) {
    let prefix = |word: &str| {
        let mut bytes = [0; 8];
        let n = word.len().min(8);
        bytes[..n].copy_from_slice(&word.as_bytes()[..n]);
        u64::from_be_bytes(bytes)
    };
    let mut keyed: Vec<(u64, &str, T)> = items
        .iter()
        .map(|&(word, t)| (prefix(word), word, t))
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    for (slot, (_, word, t)) in items.iter_mut().zip(keyed) {
        *slot = (word, t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_sort_in_the_order_of_str() {
        let words = [
            "polic",
            "police",
            "policeman",
            "policemen",
            "a",
            "ab",
            "abc",
            "",
            "über",
            "uber",
            "zz",
            "z",
            "counterterror",
            "counterterrorism",
            "2025",
            "20",
        ];
        let mut items: Vec<(&str, usize)> = words.iter().copied().zip(0..).collect();
        shuffle(&mut items);
        let mut expected = items.clone();
        expected.sort_unstable();
        sort_by_word(&mut items);
        assert_eq!(items, expected);
    }

    /// Shuffles `items` by a fixed rule, so the sort has work to do.
    fn shuffle(items: &mut [(&str, usize)]) {
        items.reverse();
        items.rotate_left(5);
    }

    #[test]
    fn has_word_finds_what_words_reads() {
        for (text, found) in [
            ("She SAID so", true),
            ("the minister’s aide said’s", true),
            ("He is saying", false),
            ("unsaid words", false),
        ] {
            assert_eq!(has_word(text, &["said"]), found, "{text}");
            assert_eq!(words(text).any(|w| w == "said"), found, "{text}");
        }
    }
}
