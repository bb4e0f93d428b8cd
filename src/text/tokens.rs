//! Tokens: the pieces of text between word breaks, read byte by byte with a cache of each
//! token's stem.

use rustc_hash::FxHashMap;

use super::stems::is_content_word;
use super::{is_word_break, is_word_edge, normal_word, stemmer};

/// Bounds the token cache: a large corpus has a long tail of one-off words.
pub(super) const TOKEN_CACHE_LIMIT: usize = 200_000;

/// What a token of text is: its stem, and whether it bears subject.
pub(super) struct Token {
    pub(super) stem: Box<str>,
    pub(super) content: bool,
}

impl Token {
    pub(super) fn read(raw: &str) -> Token {
        let word = normal_word(raw);
        Token {
            stem: stemmer().stem(&word).into(),
            content: is_content_word(&word),
        }
    }
}

thread_local! {
    /// Tokens as written (case and apostrophes as in the text) to what they are: reading a
    /// text costs one lookup per word, and lower-casing, stopword checks and stemming happen
    /// once per distinct token and thread. Stemming the same words over and over was most of
    /// the cost of comparing texts.
    pub(super) static TOKENS: std::cell::RefCell<FxHashMap<Box<str>, Token>> =
        std::cell::RefCell::new(FxHashMap::default());
}

/// The word tokens of `text` as written: letters and digits with inner hyphens and
/// apostrophes (the pieces between [`is_word_break`]s, edges trimmed).
pub(super) fn tokens(text: &str) -> Tokens<'_> {
    Tokens { text, at: 0 }
}

/// How many word tokens `text` has: what [`StemmedWords`] reads it as, without stemming.
pub fn token_count(text: &str) -> usize {
    tokens(text).count()
}

/// See [`tokens`]. Reads ASCII through a table and decodes only other characters: news
/// text is mostly ASCII, and this loop runs over every word of every story, twice.
pub(super) struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

/// What a byte of text is to [`Tokens`]: an ASCII byte of a word (letters, digits, hyphens
/// and apostrophes), another ASCII byte (a break), or part of a character beyond ASCII, which
/// is decoded to tell. One lookup a byte, without a separate test for ASCII.
#[derive(Clone, Copy)]
enum ByteClass {
    Break,
    Word,
    Other,
}

static BYTE_CLASS: [ByteClass; 256] = {
    let mut table = [ByteClass::Other; 256];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        table[byte] = if b.is_ascii_alphanumeric() || b == b'-' || b == b'\'' {
            ByteClass::Word
        } else {
            ByteClass::Break
        };
        byte += 1;
    }
    table
};

impl<'a> Tokens<'a> {
    /// The character at byte `at`, which is not ASCII, and whether it belongs to a word.
    fn other_char_at(&self, at: usize) -> (bool, usize) {
        let c = self.text[at..]
            .chars()
            .next()
            .expect("at a character boundary");
        (!is_word_break(c), c.len_utf8())
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a str;

    // Inlined: it runs once a word, and the call cost as much as a short word's bytes.
    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        loop {
            // Up to the next word character.
            loop {
                let Some(&byte) = bytes.get(at) else {
                    self.at = at;
                    return None;
                };
                match BYTE_CLASS[usize::from(byte)] {
                    ByteClass::Word => break,
                    ByteClass::Break => at += 1,
                    ByteClass::Other => {
                        let (word, width) = self.other_char_at(at);
                        if word {
                            break;
                        }
                        at += width;
                    }
                }
            }
            // To the end of the word.
            let start = at;
            let mut ascii = true;
            while let Some(&byte) = bytes.get(at) {
                match BYTE_CLASS[usize::from(byte)] {
                    ByteClass::Word => at += 1,
                    ByteClass::Break => break,
                    ByteClass::Other => {
                        let (word, width) = self.other_char_at(at);
                        if !word {
                            break;
                        }
                        ascii = false;
                        at += width;
                    }
                }
            }
            self.at = at;
            let piece = &self.text[start..at];
            let token = if ascii {
                // Only ASCII edges to trim: done on bytes, without decoding, and most words
                // (a letter or digit at either end) have none.
                let edge = |b: &u8| *b == b'-' || *b == b'\'';
                let bytes = piece.as_bytes();
                if !edge(&bytes[0]) && !edge(&bytes[bytes.len() - 1]) {
                    return Some(piece);
                }
                let from = bytes.iter().position(|b| !edge(b)).unwrap_or(bytes.len());
                let to = bytes.iter().rposition(|b| !edge(b)).map_or(from, |i| i + 1);
                &piece[from..to]
            } else {
                piece.trim_matches(is_word_edge)
            };
            if !token.is_empty() {
                return Some(token);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_the_pieces_between_word_breaks() {
        for text in [
            "",
            "-- ’ '",
            "Starmer’s 'plan' — well-known U.S.-led talks",
            "café naïve 12,000 £1.2bn ünïcödé-",
            "a’’b -x- 'y' ‘z’",
            "日本語 テキスト Ωmega",
            "x",
        ] {
            let by_split: Vec<&str> = text
                .split(is_word_break)
                .map(|w| w.trim_matches(is_word_edge))
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(tokens(text).collect::<Vec<_>>(), by_split, "{text}");
        }
    }
}
