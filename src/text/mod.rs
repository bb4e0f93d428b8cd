//! Small text helpers shared by the pipeline stages: words, stems, sentences, slugs.

use std::borrow::Cow;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};

/// Words too common to say anything about a story's subject.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "all",
    "almost",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "at",
    "back",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "came",
    "can",
    "cannot",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "earlier",
    "either",
    "else",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "get",
    "gets",
    "going",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "later",
    "least",
    "less",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "meanwhile",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "need",
    "new",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "put",
    "rather",
    "really",
    "said",
    "same",
    "say",
    "saying",
    "says",
    "see",
    "seen",
    "set",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "take",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "three",
    "through",
    "thus",
    "to",
    "told",
    "too",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "way",
    "we",
    "week",
    "well",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "added",
    "according",
    "mr",
    "mrs",
    "ms",
    "sir",
    "dr",
    "today",
    "yesterday",
    "time",
    "first",
    "people",
];

/// Month names, lower-cased, January first.
pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Weekday names, lower-cased.
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Words every kind of news story uses; they say nothing about which story a paragraph is in.
const GENERIC_NEWS_WORDS: &[&str] = &[
    "government",
    "minister",
    "ministers",
    "country",
    "countries",
    "plan",
    "plans",
    "public",
    "week",
    "month",
    "months",
    "day",
    "days",
    "report",
    "reported",
    "told",
    "statement",
    "including",
    "expected",
    "announced",
    "official",
    "officials",
    "national",
    "million",
    "billion",
    "number",
    "figures",
    "percent",
    "cent",
    "today",
    "british",
    "britain",
    "london",
    "news",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "want",
    "wants",
    "called",
    "calls",
    "comes",
    "come",
    "went",
    "part",
    "year's",
    "latest",
    "recent",
    "recently",
    "former",
    "known",
    "make",
    "made",
    "work",
    "working",
    "help",
    "need",
    "needs",
    "says",
    "think",
    "believe",
    "important",
    "issue",
    "issues",
    "move",
    "decision",
    "question",
    "questions",
    "support",
    "around",
    "likely",
    "given",
    "while",
    "meanwhile",
    "earlier",
    "further",
];

/// Whether a stem is one of the generic news words.
pub fn is_generic_news_stem(stem: &str) -> bool {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        GENERIC_NEWS_WORDS
            .iter()
            .map(|w| stemmer().stem(w).into_owned())
            .collect()
    })
    .contains(stem)
}

/// Whether a lower-cased word is a stopword.
pub fn is_stopword(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().chain(WEEKDAYS).copied().collect())
        .contains(word)
}

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

fn is_word_break(c: char) -> bool {
    !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’')
}

fn is_word_edge(c: char) -> bool {
    c == '-' || c == '\'' || c == '’'
}

/// A word lower-cased, curly apostrophes straightened and a trailing 's dropped; borrowed
/// from the text when it is already so (most words), so reading words does not allocate.
fn normal_word(raw: &str) -> Cow<'_, str> {
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

/// Bounds the token cache: a large corpus has a long tail of one-off words.
const TOKEN_CACHE_LIMIT: usize = 200_000;

/// What a token of text is: its stem, and whether it bears subject.
struct Token {
    stem: Box<str>,
    content: bool,
}

impl Token {
    fn read(raw: &str) -> Token {
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
    static TOKENS: std::cell::RefCell<FxHashMap<Box<str>, Token>> =
        std::cell::RefCell::new(FxHashMap::default());
}

/// The word tokens of `text` as written: letters and digits with inner hyphens and
/// apostrophes (the pieces between [`is_word_break`]s, edges trimmed).
fn tokens(text: &str) -> Tokens<'_> {
    Tokens { text, at: 0 }
}

/// How many word tokens `text` has: what [`StemmedWords`] reads it as, without stemming.
pub fn token_count(text: &str) -> usize {
    tokens(text).count()
}

/// See [`tokens`]. Reads ASCII through a table and decodes only other characters: news
/// text is mostly ASCII, and this loop runs over every word of every story, twice.
struct Tokens<'a> {
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
fn is_content_word(word: &str) -> bool {
    word.chars().count() >= 3 && !is_stopword(word) && word.chars().any(|c| c.is_alphabetic())
}

/// A fast, deterministic hash of a value, for telling changed things from unchanged.
pub fn hash_of<T: std::hash::Hash + ?Sized>(value: &T) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
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

/// `text` escaped for HTML or XML, in element content and in quoted attributes alike.
pub fn escape_markup(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
}

/// Number of words, for reading time and density measures.
pub fn word_count(text: &str) -> usize {
    // Counted where white space gives way to a word. Most texts have no white space but
    // ASCII's (curly quotes, dashes and £ are not white space): they are counted as pairs of
    // neighbouring bytes, which the compiler vectorises. The few others (a no-break space)
    // are read byte by byte, decoding only what may be white space.
    let bytes = text.as_bytes();
    let unicode_space_at = |at: usize| space_width_at(text, at).is_some();
    let unicode_space = memchr::memchr3_iter(0xC2, 0xE1, 0xE2, bytes)
        .chain(memchr::memchr_iter(0xE3, bytes))
        .any(unicode_space_at);
    if !unicode_space {
        let space = |b: u8| b == b' ' || b.wrapping_sub(b'\t') <= b'\r' - b'\t';
        let Some(&first) = bytes.first() else {
            return 0;
        };
        // Counted in byte-wide lanes, 255 pairs at a time so a lane cannot overflow.
        let mut count = usize::from(!space(first));
        for (before, after) in bytes.chunks(255).zip(bytes[1..].chunks(255)) {
            let starts = before.iter().zip(after).fold(0u8, |n, (&a, &b)| {
                n.wrapping_add(u8::from(space(a) & !space(b)))
            });
            count += usize::from(starts);
        }
        return count;
    }
    let mut count = 0;
    let mut after_space = true;
    let mut at = 0;
    while at < bytes.len() {
        // A character that is not white space moves on by its first byte: the others are
        // never taken for white space.
        let space = space_width_at(text, at);
        count += usize::from(after_space && space.is_none());
        after_space = space.is_some();
        at += space.unwrap_or(1);
    }
    count
}

/// What a byte can be, for counting words: part of a word, ASCII white space, or the first
/// byte of a character that may be white space (U+0085, U+00A0, U+1680, U+2000 to U+3000).
const WORD: u8 = 0;
const SPACE: u8 = 1;
const MAYBE_SPACE: u8 = 2;
const CLASS: [u8; 256] = {
    let mut class = [WORD; 256];
    class[b' ' as usize] = SPACE;
    let mut b = b'\t';
    while b <= b'\r' {
        class[b as usize] = SPACE;
        b += 1;
    }
    class[0xC2] = MAYBE_SPACE;
    class[0xE1] = MAYBE_SPACE;
    class[0xE2] = MAYBE_SPACE;
    class[0xE3] = MAYBE_SPACE;
    class
};

/// The width in bytes of the white space character at byte `at` of `text`, if one is there.
/// Only a byte that may begin non-ASCII white space is decoded; `at` may fall inside a
/// character, whose later bytes are never taken for white space.
#[inline]
pub fn space_width_at(text: &str, at: usize) -> Option<usize> {
    match CLASS[usize::from(text.as_bytes()[at])] {
        WORD => None,
        SPACE => Some(1),
        _ => {
            let c = text[at..]
                .chars()
                .next()
                .expect("a lead byte starts a character");
            c.is_whitespace().then(|| c.len_utf8())
        }
    }
}

/// Number of words, counting no further than `cap`: enough to compare with a limit below the
/// cap without walking the rest of a long paragraph.
///
/// Words are what `split_whitespace` finds, counted (here and in [`word_count`]) by a byte
/// scan: only a character whose first byte can begin non-ASCII white space is decoded.
/// `split_whitespace` decodes every character, and counting words that way was several
/// percent of a build.
pub fn word_count_up_to(text: &str, cap: usize) -> usize {
    let space_at = |at: usize| space_width_at(text, at);
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut at = 0;
    while count < cap {
        // Over white space to the next word, if any.
        while let Some(width) = (at < bytes.len()).then(|| space_at(at)).flatten() {
            at += width;
        }
        if at == bytes.len() {
            break;
        }
        count += 1;
        // Over the word (a character that is not white space moves on by its first byte:
        // the others are never taken for white space).
        while at < bytes.len() && space_at(at).is_none() {
            at += 1;
        }
    }
    count
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Prof", "Gen", "Lt", "Col", "Capt", "Sgt", "Rev", "Hon", "No",
    "vs", "etc", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec", "U.S", "U.K", "Inc", "Ltd", "Co", "Corp", "S.A", "e.g", "i.e",
];

/// Splits a paragraph into sentences at `.`, `!` or `?` (with closing quotes) followed by a
/// capital letter or an opening quote, skipping common abbreviations. Sentences are found as
/// they are read, so asking for the first reads no further.
pub fn sentences(paragraph: &str) -> Sentences<'_> {
    Sentences {
        paragraph,
        start: 0,
        pos: 0,
        done: false,
    }
}

/// See [`sentences`].
pub struct Sentences<'a> {
    paragraph: &'a str,
    /// Where the sentence being read starts.
    start: usize,
    /// Where to look for the next sentence end.
    pos: usize,
    done: bool,
}

impl<'a> Iterator for Sentences<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let paragraph = self.paragraph;
        let first = |at: usize| paragraph[at..].chars().next();
        // The ends looked for are ASCII, which never occurs inside another character's bytes,
        // so they are found by a byte search; what follows one is read as characters.
        while let Some(found) = memchr::memchr3(b'.', b'!', b'?', &paragraph.as_bytes()[self.pos..])
        {
            let pos = self.pos + found;
            let c = paragraph.as_bytes()[pos];
            let mut j = pos + 1;
            while let Some(ch) = first(j).filter(|ch| matches!(ch, '"' | '”' | '’' | '\'' | ')'))
            {
                j += ch.len_utf8();
            }
            let followed_by_space = first(j).is_some_and(char::is_whitespace);
            let mut k = j;
            while let Some(ch) = first(k).filter(|ch| ch.is_whitespace()) {
                k += ch.len_utf8();
            }
            let next_starts_sentence =
                first(k).is_none_or(|ch| ch.is_uppercase() || matches!(ch, '"' | '“' | '‘' | '\''));
            let word_before = paragraph[self.start..pos]
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            let is_abbreviation = c == b'.'
                && (ABBREVIATIONS.contains(&word_before)
                    || (word_before.chars().count() == 1
                        && word_before.chars().all(char::is_uppercase)));
            if followed_by_space && next_starts_sentence && !is_abbreviation {
                let sentence = paragraph[self.start..j].trim();
                self.start = k;
                self.pos = k;
                if !sentence.is_empty() {
                    return Some(sentence);
                }
                continue;
            }
            self.pos = pos + 1;
        }
        if self.done {
            return None;
        }
        self.done = true;
        let rest = paragraph[self.start..].trim();
        (!rest.is_empty()).then_some(rest)
    }
}

/// A URL- and file-safe slug of `text`: letters of any script transliterated to ASCII
/// (deunicode: Erdoğan -> erdogan, Дума -> duma), lowercase, words joined by `-`, cut at a
/// word break to at most `max_len` bytes; `untitled` when nothing is left. Apostrophes
/// join their word (Zelenskyy's -> zelenskyys).
pub fn slugify(text: &str, max_len: usize) -> String {
    let mut slug = String::new();
    let mut push = |a: char| {
        if a.is_ascii_alphanumeric() {
            slug.push(a.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    };
    for c in text.chars().filter(|c| !matches!(c, '’' | '\'')) {
        if c.is_ascii() {
            push(c);
        } else {
            deunicode::deunicode_char(c)
                .unwrap_or("-")
                .chars()
                .for_each(&mut push);
        }
    }
    let mut slug = slug.trim_end_matches('-').to_string();
    if slug.len() > max_len {
        let cut = slug[..max_len].rfind('-').unwrap_or(max_len);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        "untitled".to_string()
    } else {
        slug
    }
}

/// `text` without the characters XML 1.0 forbids (C0 controls other than tab, line feed and
/// carriage return; U+FFFE and U+FFFF), which no escape can carry.
pub fn xml_safe(text: String) -> String {
    let forbidden = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if text.contains(forbidden) {
        text.replace(forbidden, "")
    } else {
        text
    }
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

/// A stable 64-bit hash (XXH3) as 16 hex digits; used to notice hand edits, not for
/// security. It reads eight bytes at a time, where FNV-1a (see [`fnv1a_hex`]) took a
/// multiplication per byte.
pub fn page_hash_hex(text: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}

/// A stable 64-bit FNV-1a hash as 16 hex digits: the hash of pages generated before
/// [`page_hash_hex`], which still count as untouched.
pub fn fnv1a_hex(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in text.as_bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{sample_articles, sorted_tally};

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
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            "   ",
            "one",
            " Keir  Starmer\tsaid\u{a0}today\u{2009}in\nLondon\u{3000}",
            "“Quoted” (words) – and £5bn\r\nhere\u{85}é",
        ]
        .into_iter()
        .map(String::from)
        .chain((0..70).map(|shift| {
            // Long texts with every kind of white space.
            let piece = "Keir Starmer  said\u{a0}today – “in\u{2009}London”\u{3000}é\n\t";
            format!("{}{}", "x".repeat(shift), piece.repeat(4))
        }))
        .chain((0..70).map(|shift| {
            // Long texts whose only white space is ASCII, with other characters in words.
            let lead = if shift % 2 == 0 { " x" } else { "y " };
            let words = "one  two\tthree\n£5bn – “quoted” words’ ";
            format!("{}{}“end”", lead.repeat(shift), words.repeat(6))
        })) {
            let text = text.as_str();
            let words = text.split_whitespace().count();
            assert_eq!(word_count(text), words, "{text:?}");
            for cap in 0..=words + 1 {
                assert_eq!(
                    word_count_up_to(text, cap),
                    words.min(cap),
                    "{text:?} {cap}"
                );
            }
        }
    }

    #[test]
    fn sentences_split_at_capitals_and_keep_abbreviations() {
        let s: Vec<&str> =
            sentences("Mr. Smith went to Washington. He said: “No.” Then he left.").collect();
        assert_eq!(
            s,
            vec![
                "Mr. Smith went to Washington.",
                "He said: “No.”",
                "Then he left."
            ]
        );
    }

    #[test]
    fn slugify_is_safe_for_paths() {
        assert_eq!(slugify("../../etc/passwd", 60), "etc-passwd");
        assert_eq!(
            slugify("<script>alert(1)</script>", 60),
            "script-alert-1-script"
        );
        assert_eq!(
            slugify("Zelenskyy’s visit to Kraków", 60),
            "zelenskyys-visit-to-krakow"
        );
        assert_eq!(slugify("...", 60), "untitled");
        // Letters of any script are transliterated, not dropped.
        assert_eq!(slugify("Erdoğan meets Dvořák", 60), "erdogan-meets-dvorak");
        assert_eq!(
            slugify("Госдума приняла закон", 60),
            "gosduma-priniala-zakon"
        );
        assert_eq!(slugify("Straße in Łódź", 60), "strasse-in-lodz");
        assert_ne!(slugify("北京 会议", 60), "untitled");
        assert_eq!(slugify("one two three four", 9), "one-two");
    }

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

    #[test]
    fn content_stems_drop_stopwords_and_fold_case() {
        let words = StemmedWords::of("The Migrants were crossing");
        assert_eq!(
            words.content_stems(0..words.len()).collect::<Vec<_>>(),
            ["migrant", "cross"]
        );
    }
}
