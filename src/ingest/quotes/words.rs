//! The words attribution reads with: a clause's words and sentences, and the small word
//! lists that bound a subject (conjunctions, helpers, nouns and participles of speech).

use crate::ingest::lexicon as lex;
use crate::text;

/// Whether a name at byte `pos` of `text` is the object of a preposition or of "told"
/// ("told the BBC", "to Ofcom", "on the Fund"): not who an "it" after it is.
pub(super) fn is_object_at(text: &str, pos: usize) -> bool {
    let mut before = text[..pos].split_whitespace().rev();
    let mut word = before.next().map(bare);
    if matches!(word.as_deref(), Some("the")) {
        word = before.next().map(bare);
    }
    word.is_some_and(|w| {
        matches!(
            &*w,
            "told" | "to" | "with" | "by" | "from" | "on" | "at" | "in" | "for" | "of" | "against"
        )
    })
}

/// Whether a name at byte `pos` of `text` is someone spoken to or met ("told Sky host X",
/// "in talks with X", "spoke to X"): not who a role or a body's spokesperson is. Read back
/// over the name's titles; "according to X" and "a spokeswoman for X" are no addressees.
pub(super) fn is_addressee_at(text: &str, pos: usize) -> bool {
    let mut before = text[..pos].split_whitespace().rev();
    let mut word = before.next();
    for _ in 0..6 {
        let Some(w) = word else { return false };
        if w.ends_with([',', '.', ';', ':', '!', '?', ')', '”', '"']) {
            return false;
        }
        let lower = bare(w);
        let title = w.starts_with(char::is_uppercase)
            || lower == "the"
            || lex::is_head_title(&lower)
            || lex::is_person_noun(&lower);
        if !title {
            break;
        }
        word = before.next();
    }
    let Some(w) = word else { return false };
    match &*bare(w) {
        "to" => before.next().is_none_or(|b| bare(b) != "according"),
        "told" | "tells" | "asked" | "asks" | "with" | "against" | "urged" | "met" | "meets"
        | "interviewed" | "thanked" => true,
        _ => false,
    }
}

/// Words that end a subject read backwards from its verb: conjunctions, prepositions,
/// verbs and adverbs of time, which stand outside a noun phrase.
pub(super) fn ends_subject(lower: &str) -> bool {
    matches!(
        lower,
        "after"
            | "before"
            | "when"
            | "while"
            | "as"
            | "because"
            | "since"
            | "that"
            | "but"
            | "or"
            | "if"
            | "though"
            | "although"
            | "until"
            | "so"
            | "then"
            | "where"
            | "whereas"
            | "than"
            | "in"
            | "on"
            | "to"
            | "into"
            | "onto"
            | "with"
            | "by"
            | "about"
            | "over"
            | "under"
            | "through"
            | "during"
            | "without"
            | "against"
            | "between"
            | "is"
            | "was"
            | "were"
            | "are"
            | "be"
            | "been"
            | "comes"
            | "came"
            | "said"
            | "says"
            | "told"
            | "today"
            | "yesterday"
            | "tonight"
            | "here"
            | "there"
            | "now"
            | "also"
            | "later"
            | "earlier"
            | "again"
            | "and"
            | "which"
            | "what"
            | "how"
            | "why"
            | "not"
            | "never"
            | "it"
            | "this"
            | "these"
            | "those"
            | "we"
            | "you"
            | "i"
            | "me"
            | "him"
            | "them"
            | "us"
            | "week"
            | "night"
            | "morning"
            | "evening"
            | "afternoon"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

/// Words between a subject and its verb ("has", "also", "later").
pub(super) fn is_auxiliary(lower: &str) -> bool {
    matches!(
        lower,
        "has"
            | "had"
            | "have"
            | "also"
            | "later"
            | "then"
            | "previously"
            | "earlier"
            | "once"
            | "again"
            | "further"
            | "simply"
            | "just"
            | "only"
            | "recently"
            | "subsequently"
            | "would"
            | "will"
            | "did"
            | "does"
            | "reportedly"
            | "repeatedly"
            | "publicly"
            | "privately"
            | "separately"
            | "herself"
            | "himself"
            | "themselves"
            | "itself"
    )
}

/// Nouns for something said, whose author follows "by" ("a claim by X that ...").
pub(super) fn is_speech_noun(lower: &str) -> bool {
    matches!(
        lower,
        "claim"
            | "claims"
            | "statement"
            | "remark"
            | "remarks"
            | "comment"
            | "comments"
            | "warning"
            | "pledge"
            | "promise"
            | "announcement"
            | "assertion"
    )
}

/// Participles of speech: their subject is the sentence's ("X condemned it, stating").
pub(super) fn is_speech_participle(lower: &str) -> bool {
    lower.ends_with("ing") && lex::is_speech_verb(lower)
}

pub(super) fn bare(word: &str) -> std::borrow::Cow<'_, str> {
    let word = word
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '’' && c != '\'')
        .trim_end_matches("’s")
        .trim_end_matches("'s");
    // Most words are already lower-case ASCII: copied only when there is a capital to lower.
    if word.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// Words of a clause with their byte offsets.
pub(super) fn words_of(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for piece in text.split_inclusive(char::is_whitespace) {
        let trimmed = piece.trim_end();
        if !trimmed.is_empty() {
            out.push((at, trimmed));
        }
        at += piece.len();
    }
    out
}

/// The start of the last sentence of `text` (a `.`, `!` or `?` then a space and a capital
/// or quote mark; not after an abbreviation).
pub(super) fn last_sentence_start(text: &str) -> usize {
    // `sentences` gives slices of `text`.
    text::sentences(text)
        .last()
        .map_or(0, |s| s.as_ptr() as usize - text.as_ptr() as usize)
}

/// The first sentence of `text`, to its end mark.
pub(super) fn first_sentence(text: &str) -> &str {
    text::sentences(text).next().unwrap_or(text)
}
