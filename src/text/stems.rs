//! Stemmed words: a text's words as stems, marked as content words and names, and their
//! tally; the weight a stem carries when texts are compared.

use rustc_hash::{FxHashMap, FxHashSet};

use super::sentences::ABBREVIATIONS;
use super::tokens::{tokens, Token, TOKENS, TOKEN_CACHE_LIMIT};
use super::wordlists::{is_generic_news_stem, is_stopword};

/// Marks of a word in [`StemmedWords`].
const CONTENT_WORD: u8 = 1;
const NAME_WORD: u8 = 2;

/// A text's words as stems, in order, each marked as a content word (not a stopword, a
/// number or a short word) and, when read [`StemmedWords::with_names`], as a name. The stems
/// share one string, so reading a text allocates a few buffers, not one per word.
#[derive(Debug, Default)]
pub struct StemmedWords {
    stems: String,
    /// Where each stem ends in `stems`.
    ends: Vec<usize>,
    marks: Vec<u8>,
}

impl StemmedWords {
    /// The words of `text`.
    pub fn of(text: &str) -> StemmedWords {
        StemmedWords::read(text, false)
    }

    /// The words of `text`, names marked: capitalised words that do not open a sentence.
    /// A sentence never runs across a line break: a line starts one (a headline, a
    /// paragraph, a list item), so reading a text line by line or whole marks the same names.
    pub fn with_names(text: &str) -> StemmedWords {
        StemmedWords::read(text, true)
    }

    fn read(text: &str, names: bool) -> StemmedWords {
        let mut words = StemmedWords {
            stems: String::with_capacity(text.len()),
            ends: Vec::with_capacity(text.len() / 6),
            marks: Vec::with_capacity(text.len() / 6),
        };
        TOKENS.with(|cache| {
            let mut cache = cache.borrow_mut();
            for raw in tokens(text) {
                let mut mark = 0;
                if names
                    && raw.starts_with(char::is_uppercase)
                    && !opens_sentence(text, raw.as_ptr() as usize - text.as_ptr() as usize)
                {
                    mark |= NAME_WORD;
                }
                match cache.get(raw) {
                    Some(token) => words.push(token, mark),
                    None => {
                        let token = Token::read(raw);
                        words.push(&token, mark);
                        if cache.len() >= TOKEN_CACHE_LIMIT {
                            cache.clear();
                        }
                        cache.insert(raw.into(), token);
                    }
                }
            }
        });
        words
    }

    fn push(&mut self, token: &Token, mark: u8) {
        self.stems.push_str(&token.stem);
        self.ends.push(self.stems.len());
        self.marks
            .push(mark | if token.content { CONTENT_WORD } else { 0 });
    }

    /// How many words.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The stem of word `i`.
    pub fn stem(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.stems[start..self.ends[i]]
    }

    /// Every word's stem, in order.
    pub fn stems(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.stem(i))
    }

    /// The stems of the content words among words `range`, in order.
    pub fn content_stems(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = &str> + '_ {
        range
            .filter(|&i| self.marks[i] & CONTENT_WORD != 0)
            .map(|i| self.stem(i))
    }

    /// The stems of the words marked as names (see [`StemmedWords::with_names`]).
    pub fn names(&self) -> FxHashSet<&str> {
        (0..self.len())
            .filter(|&i| self.marks[i] & NAME_WORD != 0)
            .map(|i| self.stem(i))
            .collect()
    }
}

/// Whether the word at byte `at` of `text` is in the first whitespace-separated piece of a
/// sentence, as [`sentences`] splits each line of `text`: a capital there says nothing of a
/// name. Decided from the text just before the piece, so only capitalised words are looked
/// at, not every sentence of the text.
fn opens_sentence(text: &str, at: usize) -> bool {
    // Back from the word to the white space before its piece, and over that white space:
    // the piece opens its line if the white space holds a line break or starts the text.
    let Some((space, width)) = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map(|(i, c)| (i, c.len_utf8()))
    else {
        return true;
    };
    let piece_start = space + width;
    let mut before_end = piece_start;
    for (i, c) in text[..piece_start].char_indices().rev() {
        if c == '\n' {
            return true;
        }
        if !c.is_whitespace() {
            break;
        }
        before_end = i;
    }
    let before = &text[..before_end];
    if before.is_empty() {
        return true;
    }
    // The piece after a sentence's end opens with a capital or a quote...
    let opening = text[piece_start..]
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“' | '‘' | '\''));
    // ... and the text before it ends with `.`, `!` or `?` and closing quotes or brackets,
    // a full stop not ending an abbreviation or an initial.
    let closed = before.trim_end_matches(['"', '”', '’', '\'', ')']);
    match closed.as_bytes().last() {
        Some(b'!' | b'?') => opening,
        Some(b'.') => {
            let word = closed[..closed.len() - 1]
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or("");
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            opening && !initial && !ABBREVIATIONS.contains(&word)
        }
        _ => false,
    }
}

/// A text's content words counted by stem, and the stems it reads as names: what comparing
/// and indexing a story need of its body. The text's words read whole or in pieces (line by
/// line, see [`StemmedWords::with_names`]) give the same tally, so ingest tallies a story's
/// paragraphs as it segments them and the site need not stem the page again.
#[derive(Debug, Clone, Default)]
pub struct WordTally {
    /// The stems, one after another.
    stems: String,
    /// One per stem, in the order of `stems`.
    entries: Vec<TallyEntry>,
}

#[derive(Debug, Clone, Copy)]
struct TallyEntry {
    /// Where the stem ends in [`WordTally::stems`].
    end: u32,
    /// How often it occurs as a content word (none for a name that is not one).
    count: u32,
    name: bool,
}

impl WordTally {
    /// The tally of the words of a text's pieces, in order.
    pub fn of<'a>(pieces: impl IntoIterator<Item = &'a StemmedWords>) -> WordTally {
        let pieces: Vec<&StemmedWords> = pieces.into_iter().collect();
        // Sized for every word up front, so it never grows stem by stem (that showed in
        // profiles); the map lives only as long as this call.
        let words = pieces.iter().map(|words| words.len()).sum();
        let mut entries: FxHashMap<&str, TallyEntry> =
            FxHashMap::with_capacity_and_hasher(words, Default::default());
        for words in pieces {
            for (i, &mark) in words.marks.iter().enumerate() {
                if mark & (CONTENT_WORD | NAME_WORD) == 0 {
                    continue;
                }
                let entry = entries.entry(words.stem(i)).or_insert(TallyEntry {
                    end: 0,
                    count: 0,
                    name: false,
                });
                entry.count += u32::from(mark & CONTENT_WORD != 0);
                entry.name |= mark & NAME_WORD != 0;
            }
        }
        let mut tally = WordTally {
            stems: String::with_capacity(entries.keys().map(|stem| stem.len()).sum()),
            entries: Vec::with_capacity(entries.len()),
        };
        // In the map's order: it follows the words, so equal texts give equal tallies, and
        // what is made of a tally does not depend on its order.
        for (stem, entry) in entries {
            tally.stems.push_str(stem);
            tally.entries.push(TallyEntry {
                end: tally.stems.len() as u32,
                ..entry
            });
        }
        tally
    }

    fn stem(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.entries[i - 1].end };
        &self.stems[start as usize..self.entries[i].end as usize]
    }

    /// How many stems it holds (content words and names).
    pub fn distinct_stems(&self) -> usize {
        self.entries.len()
    }

    /// Each content stem and how often it occurs.
    pub fn counts(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        (0..self.entries.len())
            .filter(|&i| self.entries[i].count > 0)
            .map(|i| (self.stem(i), self.entries[i].count))
    }

    /// The stems read as names.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.entries.len())
            .filter(|&i| self.entries[i].name)
            .map(|i| self.stem(i))
    }
}

/// Whether a lower-cased word bears subject: not a stopword, not a number, not short.
pub(super) fn is_content_word(word: &str) -> bool {
    word.chars().count() >= 3 && !is_stopword(word) && word.chars().any(|c| c.is_alphabetic())
}

/// The weight of one occurrence of a content stem when comparing texts: none for generic
/// news words, and a name (capitalised inside a sentence) counts `name_weight` times an
/// ordinary word.
pub fn term_weight(stem: &str, names: &FxHashSet<&str>, name_weight: f64) -> Option<f64> {
    if is_generic_news_stem(stem) {
        None
    } else if names.contains(stem) {
        Some(name_weight)
    } else {
        Some(1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{sample_articles, sorted_tally};
    use crate::text::sentences;
    #[test]
    fn names_are_capitalised_words_inside_a_sentence() {
        let words = StemmedWords::with_names(
            "Starmer met Macron in Paris. Police said “Rutte’s plan” works.",
        );
        let mut names: Vec<&str> = words.names().into_iter().collect();
        names.sort_unstable();
        // "Starmer" and "Police" open their sentences; "Rutte’s" is read as "rutte".
        assert_eq!(names, ["macron", "pari", "rutt"]);
        assert_eq!(words.len(), 10);
        assert_eq!(words.stem(3), "in");
        assert_eq!(
            words.content_stems(0..4).collect::<Vec<_>>(),
            ["starmer", "met", "macron"]
        );
        assert!(StemmedWords::of("Starmer met Macron").names().is_empty());
    }

    #[test]
    fn a_text_read_by_lines_tallies_as_read_whole() {
        let text = "Rutte met Macron in Paris.\nOfficials in Paris said the US would act\nIt is, said Macron";
        let whole = StemmedWords::with_names(text);
        let lines: Vec<StemmedWords> = text.lines().map(StemmedWords::with_names).collect();
        let (whole, by_lines) = (WordTally::of([&whole]), WordTally::of(&lines));
        let (counts, names) = sorted_tally(&whole);
        assert_eq!(sorted_tally(&by_lines), (counts.clone(), names.clone()));
        assert_eq!(
            counts,
            [
                ("act", 1),
                ("macron", 2),
                ("met", 1),
                ("offici", 1),
                ("pari", 2),
                ("rutt", 1)
            ]
        );
        // "US" is a name but no content word (two letters): named, not counted.
        assert_eq!(names, ["macron", "pari", "us"]);
    }

    /// [`opens_sentence`] decides from the text before a word what splitting the text into
    /// [`sentences`] says: held to that on the sample articles and on edge cases.
    #[test]
    fn a_sentence_opening_is_read_as_sentences_split() {
        let mut texts = sample_articles();
        texts.extend(
            [
                "Mr. Smith met Dr. Jones. A. B. Carter left! Why? “Quite.” Then (Reuters) Oslo",
                "  Leading space. Done.' ‘Quoted’ start... Next.) Closed\r\nCRLF line. É accent",
                "U.S. Officials and e.g. Things. No. 10 said.\"\tTabbed Start",
                "end.Then no space. (Bracketed Start. \u{a0}Nbsp After. x",
            ]
            .map(String::from),
        );
        let mut capitals = 0;
        for text in &texts {
            let openings: Vec<std::ops::Range<usize>> = text
                .split('\n')
                .flat_map(sentences)
                .map(|sentence| {
                    let start = sentence.as_ptr() as usize - text.as_ptr() as usize;
                    let first = sentence.find(char::is_whitespace).unwrap_or(sentence.len());
                    start..start + first
                })
                .collect();
            for token in tokens(text).filter(|t| t.starts_with(char::is_uppercase)) {
                let at = token.as_ptr() as usize - text.as_ptr() as usize;
                let expected = openings.iter().any(|opening| opening.contains(&at));
                let from = text.floor_char_boundary(at.saturating_sub(60));
                assert_eq!(
                    opens_sentence(text, at),
                    expected,
                    "{:?}",
                    &text[from..at + token.len()]
                );
                capitals += 1;
            }
        }
        assert!(capitals > 1000, "{capitals}");
    }

    #[test]
    fn a_line_opens_a_sentence() {
        // A headline has no full stop, yet the paragraph under it starts a sentence:
        // "Officials" is not a name.
        let words = StemmedWords::with_names("Ministers back plan\nOfficials said Rutte agreed");
        let mut names: Vec<&str> = words.names().into_iter().collect();
        names.sort_unstable();
        assert_eq!(names, ["rutt"]);
    }

    #[test]
    fn content_stems_drop_stopwords_and_fold_case() {
        let words = StemmedWords::of("The Migrants were crossing");
        assert_eq!(
            words.content_stems(0..words.len()).collect::<Vec<_>>(),
            ["migrant", "cross"]
        );
    }
}
