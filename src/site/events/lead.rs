//! The lead as words: its first sentences, with quoted words blanked, split into words
//! that keep the signs around them (a currency before, a `%` after).

use crate::text;

/// The first `n` sentences of a markdown body: headings skipped (a live page's post
/// titles, a dateline set as one), list markers and escapes dropped.
pub(super) fn lead_sentences(body: &str, n: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(n);
    for line in body.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.replace('\\', "");
        let line = line
            .trim_start_matches(|c: char| matches!(c, '-' | '*' | '>' | '•') || c.is_whitespace());
        for sentence in text::sentences(line) {
            out.push(sentence.to_string());
            if out.len() == n {
                return out;
            }
        }
    }
    out
}

/// `text` with what is inside double quotes blanked: a quote is the speaker's words, and its
/// "today" or "will" is theirs.
pub(super) fn unquoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut straight = false;
    let mut curly = 0usize;
    for c in text.chars() {
        match c {
            '“' => {
                curly += 1;
                out.push(' ');
            }
            '”' => {
                curly = curly.saturating_sub(1);
                out.push(' ');
            }
            '"' => {
                straight = !straight;
                out.push(' ');
            }
            _ if straight || curly > 0 => out.push(' '),
            _ => out.push(c),
        }
    }
    // A quote left open blanked the rest: read the text as it is instead.
    if straight || curly > 0 {
        return text.to_string();
    }
    out
}

/// A word of a sentence: lower-cased, with an `'s` dropped, and whether it was capitalised.
pub(super) struct Word {
    pub(super) lower: String,
    pub(super) capitalised: bool,
    /// The character before it (a currency sign), and after it (`%`).
    pub(super) before: Option<char>,
    pub(super) after: Option<char>,
}

impl Word {
    /// The words of `text`: letters and digits, with inner apostrophes and hyphens between
    /// letters and inner commas and points between digits ("20,000", "3.5").
    pub(super) fn all(text: &str) -> Vec<Word> {
        let chars: Vec<char> = text.chars().collect();
        let mut words = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() {
                let c = chars[i];
                let inner = |test: fn(char) -> bool| {
                    i > start && test(chars[i - 1]) && chars.get(i + 1).is_some_and(|&n| test(n))
                };
                if c.is_alphanumeric()
                    || (matches!(c, '\'' | '’' | '-') && inner(char::is_alphabetic))
                    || (matches!(c, ',' | '.') && inner(|c| c.is_ascii_digit()))
                {
                    i += 1;
                } else {
                    break;
                }
            }
            let raw: String = chars[start..i].iter().collect();
            let lower = raw.to_lowercase().replace('’', "'");
            let lower = lower.strip_suffix("'s").unwrap_or(&lower).to_string();
            words.push(Word {
                capitalised: raw.chars().next().is_some_and(char::is_uppercase),
                lower,
                before: start.checked_sub(1).map(|b| chars[b]),
                after: chars.get(i).copied(),
            });
        }
        words
    }

    pub(super) fn is(&self, word: &str) -> bool {
        self.lower == word
    }

    pub(super) fn number(&self) -> Option<u32> {
        self.lower.parse().ok()
    }
}
