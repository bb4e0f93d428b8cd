//! Word scanning: a paragraph's words with their punctuation, and what a word's shape and
//! the small word lists say of it (a link, a particle, an opener, an acronym, a given name).

use rustc_hash::FxHashSet;

use crate::ingest::lexicon as lex;
use crate::ingest::names;

/// A word of a paragraph with the punctuation around it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok<'a> {
    /// Byte offset of `core` in the paragraph.
    pub(super) at: usize,
    /// The word without surrounding punctuation or a possessive ending.
    pub(super) core: &'a str,
    /// An opening quote mark or bracket stands right before the word.
    pub(super) opened: bool,
    /// An opening bracket stands right before the word.
    pub(super) bracket: bool,
    /// What follows the word before the next space.
    pub(super) post: &'a str,
    pub(super) possessive: bool,
}

/// Abbreviations whose full stop belongs to the word ("Mr.", "St.", "Corp.").
const DOTTED: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Prof", "Gen", "Lt", "Col", "Capt", "Sgt", "Rev", "Gov", "Sen",
    "Rep", "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "Bros", "Mt", "Ft", "Supt", "Insp", "Det",
];

impl<'a> Tok<'a> {
    /// A capitalised word: an upper-case first letter ("Keir", "NATO", "G7"), or a small
    /// letter before a capital ("eSafety", "iPlayer").
    pub(super) fn cap(&self) -> bool {
        let mut chars = self.core.chars();
        match chars.next() {
            Some(c) if c.is_uppercase() => true,
            Some(c) if c.is_lowercase() => chars.next().is_some_and(char::is_uppercase),
            _ => false,
        }
    }

    /// The word closes a run of capitals: punctuation or a possessive after it.
    pub(super) fn closes(&self) -> bool {
        self.possessive
            || self.post.contains([
                ',', ';', ':', '!', '?', ')', ']', '”', '"', '.', '…', '’', '\'',
            ])
    }

    /// A sentence ends after the word.
    pub(super) fn ends_sentence(&self) -> bool {
        self.post.contains(['.', '!', '?', ':', '…'])
    }

    pub(super) fn lower(&self) -> String {
        self.core.to_lowercase()
    }
}

/// Splits a paragraph into words with their punctuation.
pub(super) fn tokens(paragraph: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for piece in paragraph.split_inclusive(char::is_whitespace) {
        let start = at;
        at += piece.len();
        let piece = piece.trim_end();
        if piece.is_empty() {
            continue;
        }
        let body = piece.trim_start_matches(['“', '"', '‘', '\'', '(', '[', '«', '—', '–']);
        let lead = &piece[..piece.len() - body.len()];
        let opened = lead.contains(['“', '"', '‘', '\'', '(', '[', '«']);
        let bracket = lead.contains(['(', '[']);
        let mut core = body;
        let mut possessive = false;
        loop {
            let trimmed = core.trim_end_matches([
                ',', '.', ';', ':', '!', '?', ')', ']', '”', '"', '»', '…', '—', '–',
            ]);
            let trimmed = if let Some(stem) = trimmed
                .strip_suffix("’s")
                .or_else(|| trimmed.strip_suffix("'s"))
            {
                possessive = true;
                stem
            } else if let Some(stem) = trimmed
                .strip_suffix('’')
                .or_else(|| trimmed.strip_suffix('\''))
            {
                // "Leeds’ defeat": a plural possessive.
                possessive |= stem.ends_with('s');
                stem
            } else {
                trimmed
            };
            if trimmed.len() == core.len() {
                break;
            }
            core = trimmed;
        }
        let mut post = &body[core.len()..];
        let initial_letter = core.chars().count() == 1 && core.chars().all(char::is_uppercase);
        // "Ben E. King": an initial goes on into the next word, "iPhone X. The" does not.
        let next_goes_on = || {
            paragraph[at..]
                .split_whitespace()
                .next()
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_uppercase)
                && !paragraph[at..]
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| is_opener(&w.to_lowercase()))
        };
        if post.starts_with('.')
            && !possessive
            && (DOTTED.contains(&core) || core.contains('.') || initial_letter && next_goes_on())
        {
            core = &body[..core.len() + 1];
            post = &post[1..];
        }
        out.push(Tok {
            at: start + lead.len(),
            core,
            opened,
            bracket,
            post,
            possessive,
        });
    }
    out
}

/// Lower-case words that join the capitalised words of one name: a particle, or a link
/// of an organisation's name ("Bank of England", "Marks & Spencer").
pub(super) fn is_link(word: &str) -> bool {
    matches!(word, "of" | "for" | "and" | "&" | "the") || is_particle(word)
}

/// Particles inside personal names ("von der Leyen").
pub(super) fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "da"
            | "di"
            | "du"
            | "del"
            | "della"
            | "der"
            | "den"
            | "van"
            | "von"
            | "la"
            | "le"
            | "bin"
            | "al"
            | "ibn"
            | "y"
    )
}

/// Words that open sentences or qualify names without being names themselves.
pub(super) fn is_opener(lower: &str) -> bool {
    names::is_opener_word(lower)
        || crate::text::is_stopword(lower)
        || matches!(
            lower,
            "mr" | "mrs"
                | "ms"
                | "dr"
                | "said"
                | "says"
                | "according"
                | "speaking"
                | "dear"
                | "alongside"
                | "amid"
                | "among"
                | "beside"
                | "besides"
                | "beyond"
                | "within"
                | "without"
                | "towards"
                | "toward"
                | "upon"
                | "via"
                | "despite"
                | "unlike"
                | "including"
                | "following"
                | "regarding"
                | "throughout"
                | "across"
                | "against"
                | "between"
                | "behind"
                | "below"
                | "above"
                | "beneath"
                | "near"
                | "outside"
                | "inside"
                | "around"
                | "onto"
                | "unless"
                | "whether"
                | "whereas"
                | "thanks"
                | "asked"
                | "told"
                | "meanwhile"
                | "ultimately"
                | "additionally"
                | "overall"
                | "currently"
                | "previously"
                | "recently"
                | "initially"
                | "eventually"
        )
}

/// A word of all capitals, two to six of them ("NATO", "UKHSA", "M&S", "G7"), or mixed
/// with small letters as acronyms are ("MoD", "DfE").
pub(super) fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    let len = word.chars().count();
    (2..=7).contains(&len)
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || c == '&' || c == '.')
        && word.chars().next().is_some_and(char::is_uppercase)
        && (upper == letters || (upper >= 2 && upper * 2 >= letters && len <= 5))
}

/// Members of a legislature written after their party ("MPs", "MEPs").
pub(super) fn is_members_word(word: &str) -> bool {
    matches!(
        word,
        "MPs" | "MEPs" | "MSPs" | "MLAs" | "TDs" | "MP" | "MEP" | "MSP"
    )
}

/// A capital letter joined by a hyphen to a lower-case word ("X-ray", "T-shirt").
pub(super) fn is_letter_compound(word: &str) -> bool {
    let mut parts = word.splitn(2, '-');
    let (Some(letter), Some(rest)) = (parts.next(), parts.next()) else {
        return false;
    };
    letter.chars().count() == 1
        && letter.chars().all(|c| c.is_uppercase())
        && rest.chars().count() >= 2
        && rest.chars().all(|c| c.is_lowercase())
}

/// The small words a title-case line leaves in lower case.
pub(super) fn is_title_case_small(lower: &str) -> bool {
    matches!(
        lower,
        "a" | "an"
            | "the"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "and"
            | "or"
            | "but"
            | "by"
            | "with"
            | "as"
            | "vs"
    )
}

/// A model or type code ("F-16", "S9", "MQ-9"): up to three capitals, a dash or not,
/// then digits and maybe a letter.
pub(super) fn is_model_code(word: &str) -> bool {
    let letters = word.chars().take_while(char::is_ascii_uppercase).count();
    let rest = word[letters..]
        .strip_prefix('-')
        .unwrap_or(&word[letters..]);
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    (1..=3).contains(&letters)
        && digits > 0
        && rest[digits..].chars().count() <= 1
        && rest[digits..].chars().all(|c| c.is_ascii_alphabetic())
}

/// The words of a story in lower case, which show a capitalised word is a common one.
pub(super) fn lower_vocabulary<'a>(paragraphs: &[&'a str]) -> FxHashSet<&'a str> {
    let mut vocab = FxHashSet::default();
    for paragraph in paragraphs {
        for word in paragraph.split_whitespace() {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            if word.starts_with(char::is_lowercase) && word.len() > 1 {
                vocab.insert(word);
            }
        }
    }
    vocab
}

pub(super) fn is_given(lower: &str) -> bool {
    names::is_given_name(lower) || {
        static SET: std::sync::OnceLock<FxHashSet<&'static str>> = std::sync::OnceLock::new();
        SET.get_or_init(|| lex::MORE_GIVEN_NAMES.split_whitespace().collect())
            .contains(lower)
    }
}
