//! Sentences of a paragraph, split as they are read.

/// Abbreviations after which a full stop does not end a sentence.
pub(super) const ABBREVIATIONS: &[&str] = &[
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
