//! Finding quoted spans: the stretches of a paragraph inside quote marks, and which of them
//! are one quote split only by a speech tag ("A," he said. "B").

use super::words::{bare, words_of};
use crate::ingest::lexicon as lex;

/// A quoted stretch of a paragraph: byte range of the words inside the marks.
#[derive(Debug, Clone, Copy)]
pub(super) struct Span {
    /// Where the opening mark is.
    pub(super) mark: usize,
    pub(super) start: usize,
    pub(super) end: usize,
    /// Where the text after the closing mark starts.
    pub(super) after: usize,
    pub(super) closed: bool,
}

/// Whether the character before byte `at` lets a quote mark open there: the paragraph's
/// start, a space, a bracket or a dash.
fn opens_after(paragraph: &str, at: usize) -> bool {
    paragraph[..at]
        .chars()
        .last()
        .is_none_or(|b| b.is_whitespace() || matches!(b, '(' | '[' | '—' | '–' | '-' | '“' | '"'))
}

/// The quoted stretches of a paragraph: in double quotes (curly or straight) or single
/// ones (curly or straight, told from apostrophes by what stands on either side).
pub(super) fn spans(paragraph: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < paragraph.len() {
        let Some(c) = paragraph[i..].chars().next() else {
            break;
        };
        let width = c.len_utf8();
        let single = matches!(c, '‘' | '\'');
        let opens = match c {
            '“' => true,
            '"' | '‘' | '\'' => opens_after(paragraph, i),
            _ => false,
        };
        // A single mark opens only before a letter ("'We", not "'90s" or "' ").
        let opens = opens
            && (!single
                || paragraph[i + width..]
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_alphabetic() || n == '…' || n == '.'));
        if !opens {
            i += width;
            continue;
        }
        let start = i + width;
        let close = |at: usize| -> Option<(usize, usize)> {
            match c {
                '“' => paragraph[at..]
                    .find(['”', '“'])
                    .filter(|rel| paragraph[at + rel..].starts_with('”'))
                    .map(|rel| (at + rel, '”'.len_utf8())),
                '"' => paragraph[at..].find('"').map(|rel| (at + rel, 1)),
                _ => {
                    // A closing single mark: after a letter or punctuation, not before a letter.
                    let mut k = at;
                    while k < paragraph.len() {
                        let ch = paragraph[k..].chars().next()?;
                        if matches!(ch, '’' | '\'') && k > at {
                            let next = paragraph[k + ch.len_utf8()..].chars().next();
                            let prev = paragraph[..k].chars().last();
                            if !next.is_some_and(char::is_alphanumeric)
                                && prev.is_some_and(|p| !p.is_whitespace())
                            {
                                return Some((k, ch.len_utf8()));
                            }
                        }
                        if ch == '“' || ch == '"' {
                            return None;
                        }
                        k += ch.len_utf8();
                    }
                    None
                }
            }
        };
        match close(start) {
            Some((end, w)) => {
                spans.push(Span {
                    mark: i,
                    start,
                    end,
                    after: end + w,
                    closed: true,
                });
                i = end + w;
            }
            None if !single => {
                spans.push(Span {
                    mark: i,
                    start,
                    end: paragraph.len(),
                    after: paragraph.len(),
                    closed: false,
                });
                break;
            }
            None => i = start,
        }
    }
    spans
}

/// The text between two quoted stretches is only a speech tag ("," he said. "), which
/// keeps them one quote; its words.
pub(super) fn speech_tag(between: &str) -> Option<&str> {
    // “A”. He said ... “B”: the first quote's sentence ended outside its marks.
    if between.trim_start().starts_with(['.', '!', '?']) {
        return None;
    }
    let t = between.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '—' | '–' | '-')
    });
    if t.is_empty() {
        return None;
    }
    let words = words_of(t);
    if words.len() > 8 || t.contains(['.', '!', '?']) && !t.ends_with(['.', '!', '?']) {
        return None;
    }
    let has_verb = words.iter().any(|(_, w)| lex::is_speech_verb(&bare(w)));
    let adding = words
        .first()
        .is_some_and(|(_, w)| matches!(&*bare(w), "adding" | "and" | "before" | "continuing"))
        && words.len() <= 3;
    (has_verb || adding).then_some(t)
}

/// The words of quoted stretches split only by speech tags, as one quote: "A," he said. "B"
/// reads "A. B" when B opens a sentence, "A, b" when it goes on with one.
pub(super) fn join_spans(paragraph: &str, spans: &[Span]) -> String {
    let mut out = String::new();
    for s in spans {
        let inner = paragraph[s.start..s.end].trim();
        if !out.is_empty() {
            let ended = out.ends_with(['.', '!', '?', '…']);
            let comma = out.ends_with(',');
            if !ended {
                out = out.trim_end_matches(',').to_string();
                let opens_sentence = inner.starts_with(char::is_uppercase);
                out.push(if opens_sentence || !comma { '.' } else { ',' });
                if !opens_sentence && !comma {
                    out.pop();
                }
            }
            out.push(' ');
        }
        out.push_str(inner);
    }
    out
}

/// Whether a sentence ends between two quoted stretches of a paragraph: an end mark in the
/// words between, or a quote ending one ("... fine.”) and a capital after it.
pub(super) fn breaks_sentence(paragraph: &str, before: &Span, next: &Span) -> bool {
    let between = paragraph[before.after.min(next.mark)..next.mark].trim();
    let quote_ended = paragraph[before.start..before.end]
        .trim_end()
        .ends_with(['.', '!', '?']);
    between.contains(". ")
        || between.contains("! ")
        || between.contains("? ")
        || between.ends_with(['.', '!', '?'])
        || quote_ended && between.starts_with(char::is_uppercase)
}
