//! Quotations and who said them, read as a reporter reads attribution: the speaker named
//! after the quote ("..., Holloway said", "said Holloway, the minister"), before it in the
//! same sentence ("Holloway said:", "X told the BBC that", "In a statement, X said",
//! "according to X", "X condemned the plan, stating"), in a lead-in paragraph ending with a
//! colon, or, for a paragraph that is all quote, the speaker of the quote or report just
//! before. Pronouns and role nouns ("he", "the minister", "the company", "a spokeswoman for
//! X") are read as the last person or body of that kind; a quote split by "he said" is one
//! quote, and one that runs over several paragraphs is one quote.

use super::entities::{Entities, Kind};
use super::extract::Quote;
use super::lexicon as lex;
use crate::text;

/// A quoted stretch of a paragraph: byte range of the words inside the marks.
#[derive(Debug, Clone, Copy)]
struct Span {
    /// Where the opening mark is.
    mark: usize,
    start: usize,
    end: usize,
    /// Where the text after the closing mark starts.
    after: usize,
    closed: bool,
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
fn spans(paragraph: &str) -> Vec<Span> {
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

/// A speaker as the text names them.
#[derive(Debug, Clone, PartialEq)]
struct Speaker {
    kind: Option<Kind>,
    name: String,
}

/// Reads attribution with the story's names.
struct Attributor<'e> {
    entities: &'e Entities,
    /// Quoted stretches of the joined paragraphs: names inside them are not who spoke.
    quoted: Vec<(usize, usize)>,
    /// The paragraphs joined by newlines, which the offsets point into.
    text: String,
}

/// Whether a name at byte `pos` of `text` is the object of a preposition or of "told"
/// ("told the BBC", "to Ofcom", "on the Fund"): not who an "it" after it is.
fn is_object_at(text: &str, pos: usize) -> bool {
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

/// Words that end a subject read backwards from its verb: conjunctions, prepositions,
/// verbs and adverbs of time, which stand outside a noun phrase.
fn ends_subject(lower: &str) -> bool {
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
fn is_auxiliary(lower: &str) -> bool {
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
fn is_speech_noun(lower: &str) -> bool {
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
fn is_speech_participle(lower: &str) -> bool {
    lower.ends_with("ing") && lex::is_speech_verb(lower)
}

fn bare(word: &str) -> std::borrow::Cow<'_, str> {
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
fn words_of(text: &str) -> Vec<(usize, &str)> {
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
fn last_sentence_start(text: &str) -> usize {
    // `sentences` gives slices of `text`.
    text::sentences(text)
        .last()
        .map_or(0, |s| s.as_ptr() as usize - text.as_ptr() as usize)
}

/// The first sentence of `text`, to its end mark.
fn first_sentence(text: &str) -> &str {
    text::sentences(text).next().unwrap_or(text)
}

impl<'e> Attributor<'e> {
    fn in_quote(&self, at: usize) -> bool {
        self.quoted.iter().any(|&(s, e)| s <= at && at < e)
    }

    /// The last person (or body) named before `at`, outside quotes.
    fn last_before(&self, at: usize, kind: Kind) -> Option<String> {
        let mut at = at;
        loop {
            let (pos, name) = self.entities.last_mention_of_kind(at, kind)?;
            if !self.in_quote(pos) {
                return Some(name.to_string());
            }
            at = pos;
        }
    }

    /// Reads a written subject ("Holloway", "the minister", "a spokeswoman for X", "he",
    /// "Dana Cole, under secretary of state") as a speaker; `at` is where the quote is.
    fn resolve(&self, written: &str, at: usize, recent: Option<&Speaker>) -> Option<Speaker> {
        let written = written.trim().trim_matches([',', ' ', ':', '—', '–']);
        if written.is_empty() {
            return None;
        }
        // An appositive: "Dana Cole, under secretary of state" / "the press secretary,
        // Karine Jean-Pierre": the name of the two.
        if written.contains(", ") {
            let parts: Vec<&str> = written
                .split(", ")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            // "the press secretary, Ann Lowe": the part that writes the name
            // out, before a role read as someone else named earlier.
            for part in &parts {
                if let Some(s) = self.resolve_one(part, at, recent) {
                    let written_out = s
                        .name
                        .split_whitespace()
                        .last()
                        .is_some_and(|last| part.contains(last));
                    if s.kind.is_some() && written_out {
                        return Some(s);
                    }
                }
            }
            let mut role = None;
            for part in &parts {
                if let Some(s) = self.resolve_one(part, at, recent) {
                    if s.kind.is_some() {
                        return Some(s);
                    }
                    role.get_or_insert(s);
                }
            }
            return role;
        }
        self.resolve_one(written, at, recent)
    }

    fn resolve_one(&self, written: &str, at: usize, recent: Option<&Speaker>) -> Option<Speaker> {
        let mut words: Vec<&str> = written.split_whitespace().collect();
        while words.last().is_some_and(|w| is_auxiliary(&bare(w))) {
            words.pop();
        }
        if words.is_empty() || words.len() > 12 {
            return None;
        }
        let written = words.join(" ");
        let lower = written.to_lowercase();
        let person = |name: String| Speaker {
            kind: Some(Kind::Person),
            name,
        };
        match lower.as_str() {
            "he" | "she" => {
                if let Some(r) = recent.filter(|r| r.kind == Some(Kind::Person)) {
                    return Some(r.clone());
                }
                return self.last_before(at, Kind::Person).map(person);
            }
            "it" => {
                if let Some(r) = recent.filter(|r| r.kind == Some(Kind::Organisation)) {
                    return Some(r.clone());
                }
                // The last body that stood as a subject.
                let mut at = at;
                while let Some((pos, name)) =
                    self.entities.last_mention_of_kind(at, Kind::Organisation)
                {
                    if !self.in_quote(pos) && !is_object_at(&self.text, pos) {
                        return Some(Speaker {
                            kind: Some(Kind::Organisation),
                            name: name.to_string(),
                        });
                    }
                    at = pos;
                }
                return None;
            }
            "they" => {
                return recent
                    .filter(|r| r.kind == Some(Kind::Organisation))
                    .cloned();
            }
            _ => {}
        }
        if words.len() == 1 && ends_subject(&lower) {
            return None;
        }
        if let Some((kind, name)) = self.entities.canonical(&written) {
            return Some(Speaker {
                kind: Some(kind),
                name,
            });
        }
        // "Ann Lowe and Rob Tate".
        if let Some((a, b)) = written.split_once(" and ") {
            if let (Some(x), Some(y)) = (self.entities.canonical(a), self.entities.canonical(b)) {
                return Some(Speaker {
                    kind: Some(x.0),
                    name: format!("{} and {}", x.1, y.1),
                });
            }
        }
        let first = words[0];
        let first_lower = bare(first);
        // A body's spokesperson speaks for it: "a spokeswoman for X", "a X spokesman",
        // "X's spokesperson", "a company spokeswoman".
        let spokes = words.iter().position(|w| {
            matches!(
                &*bare(w),
                "spokesperson"
                    | "spokesman"
                    | "spokeswoman"
                    | "spokespeople"
                    | "representative"
                    | "statement"
                    | "account"
            )
        });
        if let Some(k) = spokes {
            let others: Vec<&str> = words
                .iter()
                .enumerate()
                .filter(|&(i, w)| {
                    i != k
                        && !matches!(
                            &*bare(w),
                            "a" | "an"
                                | "the"
                                | "for"
                                | "of"
                                | "from"
                                | "at"
                                | "in"
                                | "its"
                                | "their"
                        )
                })
                .map(|(_, w)| *w)
                .collect();
            let body = others.join(" ");
            let body = body.trim_end_matches("’s").trim_end_matches("'s");
            if let Some((kind, name)) = self.entities.canonical(body) {
                return Some(Speaker {
                    kind: Some(kind),
                    name,
                });
            }
            if others.iter().any(|w| lex::is_org_noun(&bare(w))) {
                if let Some(name) = self.last_before(at, Kind::Organisation) {
                    return Some(Speaker {
                        kind: Some(Kind::Organisation),
                        name,
                    });
                }
            }
            if !others.is_empty()
                && others.iter().all(|w| w.starts_with(char::is_uppercase))
                && !lex::is_place(&body.to_lowercase())
            {
                return Some(Speaker {
                    kind: Some(Kind::Organisation),
                    name: body.to_string(),
                });
            }
        }
        // A name at the end after its titles or role ("Australia’s eSafety Commissioner
        // Ruth Kemp", "Rovers manager Sam Hale").
        let trailing = words
            .iter()
            .rposition(|w| {
                !w.starts_with(char::is_uppercase) || w.ends_with("’s") || w.ends_with("'s")
            })
            .map_or(0, |k| k + 1);
        if trailing > 0 && trailing < words.len() {
            let name = words[trailing..].join(" ");
            if let Some((kind, name)) = self.entities.canonical(&name) {
                return Some(Speaker {
                    kind: Some(kind),
                    name,
                });
            }
        }
        // A role: "the minister", "the former prime minister", "the company", "Paul’s mother".
        let determined = matches!(&*first_lower, "the" | "his" | "her" | "its" | "their")
            || first.ends_with("’s")
            || first.ends_with("'s");
        let head = bare(words[words.len() - 1]);
        let role_noun = lex::is_person_noun(&head)
            || lex::is_head_title(&head)
            || lex::is_org_noun(&head)
            || lex::is_document_noun(&head)
            || lex::is_demonym(&head);
        if determined && role_noun {
            let role: Vec<&str> = if first.ends_with("’s") || first.ends_with("'s") {
                words[1..].to_vec()
            } else {
                words.clone()
            };
            if let Some((kind, name)) = self.resolve_role(&role.join(" "), at) {
                return Some(Speaker {
                    kind: Some(kind),
                    name,
                });
            }
        }
        // An unnamed speaker the text describes: "a coroner", "a Royal Navy spokesman".
        if matches!(&*first_lower, "a" | "an" | "the") && role_noun && words.len() <= 8 {
            let mut chars = written.chars();
            let name: String = chars
                .next()
                .map(|f| f.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            return Some(Speaker { kind: None, name });
        }
        // A name the story's names do not hold (one written once, in this tag).
        let stripped: Vec<&str> = {
            let from = words
                .iter()
                .rposition(|w| lex::is_head_title(&bare(w)))
                .map_or(0, |k| k + 1);
            words[from..].to_vec()
        };
        let shaped = !stripped.is_empty()
            && stripped.len() <= 4
            && stripped.iter().all(|w| {
                w.starts_with(char::is_uppercase)
                    && w.chars()
                        .skip(1)
                        .all(|c| c.is_alphabetic() || matches!(c, '-' | '’' | '\'' | '.'))
                    && !w.ends_with("’s")
                    && !w.ends_with("'s")
            })
            && !lex::is_place(&stripped.join(" ").to_lowercase())
            && !stripped.iter().any(|w| {
                let l = bare(w);
                ends_subject(&l) || lex::is_demonym(&l) || text::is_stopword(&l)
            });
        if shaped {
            return Some(person(stripped.join(" ")));
        }
        None
    }

    /// A role noun phrase as a name, with the quoted stretches' names left out.
    fn resolve_role(&self, role: &str, at: usize) -> Option<(Kind, String)> {
        let found = self.entities.resolve_role(role, at)?;
        Some(found)
    }

    /// The subject of a verb of speech whose clause is `clause` (the text before the verb,
    /// in its sentence): read backwards from the verb through the noun phrase.
    fn subject_before(&self, clause: &str, at: usize, recent: Option<&Speaker>) -> Option<Speaker> {
        let clause = clause.trim_end();
        // "X, the chief executive of Y," / "In a statement, X": the parts between commas.
        let parts: Vec<&str> = clause.split(", ").collect();
        let ends_with_comma = clause.ends_with(',');
        let parts: Vec<&str> = parts
            .iter()
            .map(|p| p.trim().trim_end_matches(','))
            .filter(|p| !p.is_empty())
            .collect();
        if parts.is_empty() {
            return None;
        }
        let np = |part: &str| -> String {
            // Backwards from the end through the noun phrase.
            let words = words_of(part);
            let mut from = words.len();
            let mut count = 0;
            while from > 0 {
                let (_, w) = words[from - 1];
                let lower = bare(w);
                let capital = w
                    .trim_start_matches(['“', '"', '(', '‘'])
                    .starts_with(char::is_uppercase);
                if matches!(
                    &*lower,
                    "the" | "a" | "an" | "his" | "her" | "its" | "their"
                ) {
                    from -= 1;
                    // "a spokeswoman for the Home Office": go on through "for the".
                    if from > 0 && matches!(&*bare(words[from - 1].1), "for" | "of" | "at" | "from")
                    {
                        from -= 1;
                        continue;
                    }
                    break;
                }
                if matches!(&*lower, "for" | "of" | "at" | "from")
                    && from < words.len()
                    && words[from].1.starts_with(char::is_uppercase)
                {
                    from -= 1;
                    continue;
                }
                if lower == "and"
                    && !capital
                    && from < words.len()
                    && words[from].1.starts_with(char::is_uppercase)
                    && from >= 2
                    && words[from - 2].1.starts_with(char::is_uppercase)
                {
                    from -= 1;
                    continue;
                }
                if matches!(&*lower, "he" | "she" | "it" | "they" | "i" | "we") {
                    // "She also confirmed": only the verb's helpers stand between.
                    if words[from..].iter().all(|(_, w)| is_auxiliary(&bare(w))) {
                        from -= 1;
                    }
                    break;
                }
                if !capital && (ends_subject(&lower) || is_auxiliary(&lower) && from == words.len())
                {
                    if is_auxiliary(&lower) {
                        from -= 1;
                        continue;
                    }
                    break;
                }
                if w.ends_with([',', ';', ':', '.', '!', '?', ')', '”', '"']) && from < words.len()
                {
                    break;
                }
                count += 1;
                if count > 10 {
                    break;
                }
                from -= 1;
            }
            let start = words.get(from).map_or(part.len(), |(at, _)| *at);
            part[start..].trim().to_string()
        };
        if ends_with_comma && parts.len() >= 2 {
            // "X, the Y of Z, said": the name before the appositive; a role before a name
            // ("the press secretary, Karine Jean-Pierre,") reads the other way.
            let name = np(parts[parts.len() - 2]);
            let appositive = parts[parts.len() - 1];
            if let Some(s) = self.resolve(&name, at, recent) {
                if s.kind.is_some() {
                    return Some(s);
                }
                if let Some(a) = self
                    .resolve(appositive, at, recent)
                    .filter(|a| a.kind.is_some())
                {
                    return Some(a);
                }
                return Some(s);
            }
            return self.resolve(appositive, at, recent);
        }
        let last = parts[parts.len() - 1];
        let subject = np(last);
        if subject == "who" || subject.ends_with(" who") || last.trim() == "who" {
            // "..., who told the BBC": the name before the relative clause.
            if parts.len() >= 2 {
                return self.resolve(&np(parts[parts.len() - 2]), at, recent);
            }
            return None;
        }
        self.resolve(&subject, at, recent)
    }

    /// The subject of a sentence: its first noun phrase after any opening phrase set off by
    /// a comma ("In a statement, X ..."), for a participle of speech ("..., stating").
    fn sentence_subject(
        &self,
        sentence: &str,
        at: usize,
        recent: Option<&Speaker>,
    ) -> Option<Speaker> {
        // The subject stands before the sentence's first verb: try each comma part in turn.
        for part in sentence.split(", ") {
            let words = words_of(part);
            // "However, officials ...": an opening adverb is no subject.
            if words.len() == 1 && text::is_stopword(&bare(words[0].1)) {
                continue;
            }
            // Up to the first word that is no part of a noun phrase.
            let mut end = 0;
            for (i, (_, w)) in words.iter().enumerate() {
                let lower = bare(w);
                let capital = w.starts_with(char::is_uppercase);
                if i > 0
                    && !capital
                    && (lex::is_actor_verb(&lower)
                        || ends_subject(&lower)
                        || lower.ends_with("ed")
                        || lower.ends_with("ing"))
                {
                    break;
                }
                end = i + 1;
                if i > 7 {
                    break;
                }
            }
            if end == 0 {
                continue;
            }
            let np: Vec<&str> = words[..end].iter().map(|(_, w)| *w).collect();
            let np = np.join(" ");
            if let Some(s) = self.resolve(&np, at, recent) {
                return Some(s);
            }
            // "Tom Brennan hits back": a verb the lists do not know ends the name.
            let capitalised = words
                .iter()
                .take_while(|(_, w)| w.starts_with(char::is_uppercase))
                .count();
            if (1..end).contains(&capitalised) {
                let name: Vec<&str> = words[..capitalised].iter().map(|(_, w)| *w).collect();
                if let Some(s) = self.resolve(&name.join(" "), at, recent) {
                    return Some(s);
                }
            }
        }
        None
    }

    /// The speaker a stretch of text before a quote names ("Holloway said:", "X told the BBC
    /// that", "According to X,", "X condemned it, stating,"), in the sentence the quote
    /// opens in.
    fn speaker_before(&self, head: &str, at: usize, recent: Option<&Speaker>) -> Option<Speaker> {
        let sentence = &head[last_sentence_start(head)..];
        let words = words_of(sentence);
        if words.is_empty() {
            return None;
        }
        // "According to X, ...".
        if let Some(k) = sentence.to_lowercase().rfind("according to ") {
            let rest = &sentence[k + "according to ".len()..];
            let source = rest.split([',', ':', '“', '"']).next().unwrap_or(rest);
            if let Some(s) = self.resolve(source, at, recent) {
                return Some(s);
            }
        }
        // "a claim by X that ...": a noun of speech and its author.
        if let Some(k) = words.iter().rposition(|(_, w)| is_speech_noun(&bare(w))) {
            if words.get(k + 1).is_some_and(|(_, w)| *w == "by") {
                if let Some(&(from, _)) = words.get(k + 2) {
                    let author: Vec<&str> = words_of(&sentence[from..])
                        .into_iter()
                        .map(|(_, w)| w)
                        .take_while(|w| !matches!(&*bare(w), "that" | "which" | "to"))
                        .collect();
                    let author = author.join(" ");
                    let author = author.trim_end_matches([',', ':', ';']);
                    if let Some(s) = self
                        .resolve(author, at, recent)
                        .filter(|s| s.kind.is_some())
                    {
                        return Some(s);
                    }
                }
            }
        }
        // The last verb of speech in the sentence.
        for (i, &(pos, w)) in words.iter().enumerate().rev() {
            let lower = bare(w);
            if !lex::is_speech_verb(&lower) || w.starts_with(char::is_uppercase) && i > 0 {
                continue;
            }
            // "X, speaking to reporters, said" — a participle inside commas is not the verb.
            if is_speech_participle(&lower) {
                let before = sentence[..pos].trim_end();
                // "X hit back by saying", "X, while stating": the sentence's subject speaks.
                let adverbial = i > 0
                    && matches!(
                        &*bare(words[i - 1].1),
                        "by" | "while" | "when" | "before" | "after"
                    );
                if before.ends_with(',') || i == 0 || adverbial {
                    if let Some(s) = self.sentence_subject(&sentence[..pos], at, recent) {
                        return Some(s);
                    }
                }
                continue;
            }
            let clause = &sentence[..pos];
            if clause.trim().is_empty() {
                continue;
            }
            // "The minister attacked what she called ...": a pronoun after the sentence's
            // own subject is that subject.
            let pronoun = match words.get(i.wrapping_sub(1)).map(|(_, w)| bare(w)) {
                Some(p) if p == "he" || p == "she" => Some(Kind::Person),
                Some(p) if p == "it" => Some(Kind::Organisation),
                _ => None,
            };
            // "X says ..., and insisted": a second verb of the sentence's subject.
            if i > 1 && bare(words[i - 1].1) == "and" {
                if let Some(s) = self
                    .sentence_subject(&sentence[..words[i - 1].0], at, recent)
                    .filter(|s| s.kind.is_some())
                {
                    return Some(s);
                }
            }
            if let Some(kind) = pronoun.filter(|_| i > 1) {
                let opening = &sentence[..words[i - 1].0];
                // Its role nouns ("a company spokeswoman") are read where the sentence
                // starts, not after the bodies it goes on to name.
                let sentence_at = at.saturating_sub(sentence.len() + 1);
                if let Some(s) = self
                    .sentence_subject(opening, sentence_at, recent)
                    .filter(|s| s.kind == Some(kind))
                {
                    return Some(s);
                }
            }
            if let Some(s) = self.subject_before(clause, at, recent) {
                return Some(s);
            }
            // The verb's subject is no name: the sentence's subject may be ("X, in a
            // statement released by his office, said").
            return None;
        }
        None
    }

    /// The speaker the text after a quote names: "..., Holloway said", "said Holloway, the
    /// minister", "the minister told reporters", "according to X".
    fn speaker_after(&self, tail: &str, at: usize, recent: Option<&Speaker>) -> Option<Speaker> {
        let tail = tail.trim_start_matches([',', ' ', '—', '–', '-', '.', '!', '?']);
        let sentence = first_sentence(tail);
        let words = words_of(sentence);
        let first = words.first().map(|(_, w)| bare(w))?;
        if first == "according" && words.get(1).is_some_and(|(_, w)| bare(w) == "to") {
            let rest = &sentence[words.get(2)?.0..];
            let source = rest.split([',', '.', ';', '“', '"']).next().unwrap_or(rest);
            return self.resolve(source, at, recent);
        }
        // "said X" / "said X, the Y of Z".
        if lex::is_speech_verb(&first) {
            let mut from = 1;
            // "said on Monday", "told reporters": no subject after the verb then.
            if words.get(1).is_some_and(|(_, w)| {
                matches!(
                    &*bare(w),
                    "on" | "in" | "to" | "that" | "at" | "of" | "reporters" | "journalists"
                )
            }) {
                return None;
            }
            while words.get(from).is_some_and(|(_, w)| is_auxiliary(&bare(w))) {
                from += 1;
            }
            let start = words.get(from)?.0;
            let rest = sentence[start..].trim_end_matches(['.', '!', '?', '”', '"', ' ']);
            // Up to the end of the sentence, or a clause after the appositive.
            let rest = rest.split([';', '“', '"', '(']).next().unwrap_or(rest);
            let mut parts: Vec<&str> = rest.split(", ").collect();
            // "said X, adding ..." / "said X, who ...": the clause after is no part of it.
            if let Some(k) = parts.iter().skip(1).position(|p| {
                let l = p.trim().to_lowercase();
                l.starts_with("who ")
                    || l.starts_with("which ")
                    || l.starts_with("as ")
                    || l.starts_with("adding")
                    || l.starts_with("before ")
                    || l.starts_with("after ")
                    || l.starts_with("and ")
                    || l.starts_with("but ")
                    || l.starts_with("in ")
                    || l.starts_with("on ")
                    || l.starts_with("when ")
                    || l.starts_with("while ")
            }) {
                parts.truncate(k + 1);
            }
            let np = parts.join(", ");
            // The subject of "said" after it is a noun phrase: at most its first clause.
            let first_clause: Vec<&str> = words_of(&np)
                .iter()
                .map(|(_, w)| *w)
                .take_while(|w| {
                    let l = bare(w);
                    (!lex::is_speech_verb(&l) || w.starts_with(char::is_uppercase))
                        && !matches!(
                            &*l,
                            "that"
                                | "when"
                                | "while"
                                | "after"
                                | "before"
                                | "as"
                                | "in"
                                | "on"
                                | "during"
                                | "via"
                        )
                })
                .collect();
            return self.resolve(&first_clause.join(" "), at, recent);
        }
        // "X said", "the minister told reporters", "he added".
        for (i, &(pos, w)) in words.iter().enumerate().take(14) {
            let lower = bare(w);
            if i > 0 && lex::is_speech_verb(&lower) && !w.starts_with(char::is_uppercase) {
                let clause = &sentence[..pos];
                return self.subject_before(clause, at, recent);
            }
            // A subject is a noun phrase: a verb or clause mark before the speech verb
            // means the words after the quote are narrative.
            if i > 0
                && !w.starts_with(char::is_uppercase)
                && (lower.ends_with("ed") && !lex::is_person_noun(&lower)
                    || matches!(
                        &*lower,
                        "is" | "was" | "were" | "are" | "will" | "would" | "can" | "could"
                    ))
            {
                return None;
            }
        }
        None
    }
}

/// The text between two quoted stretches is only a speech tag ("," he said. "), which
/// keeps them one quote; its words.
fn speech_tag(between: &str) -> Option<&str> {
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
fn join_spans(paragraph: &str, spans: &[Span]) -> String {
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

/// Quotations with their speakers (see the module's documentation). Quotes of fewer than
/// four words are scare quotes or titles, not speech.
pub fn quotes(paragraphs: &[String], entities: &Entities) -> Vec<Quote> {
    let spans: Vec<Vec<Span>> = paragraphs.iter().map(|p| spans(p)).collect();
    let mut offsets = Vec::with_capacity(paragraphs.len());
    let mut quoted = Vec::new();
    let mut offset = 0;
    for (p, paragraph) in paragraphs.iter().enumerate() {
        offsets.push(offset);
        for s in &spans[p] {
            quoted.push((offset + s.start, offset + s.end));
        }
        offset += paragraph.len() + 1;
    }
    let reader = Attributor {
        entities,
        quoted,
        text: paragraphs.join("\n"),
    };
    let mut out = QuoteList::default();
    // An unclosed quote going on into the next paragraph: its words and speaker.
    let mut open: Option<(String, Option<Speaker>)> = None;
    // The speaker of the last quote, and its paragraph.
    let mut recent: Option<(Speaker, usize)> = None;
    // The speaker the last paragraph reported (a quote's, or "X said ..." without one).
    for (p, paragraph) in paragraphs.iter().enumerate() {
        let base = offsets[p];
        let recent_here = recent
            .as_ref()
            .filter(|(_, at)| p <= at + 1)
            .map(|(s, _)| s.clone());
        let list = &spans[p];
        // Groups of spans one quote: split only by speech tags.
        let mut groups: Vec<(usize, usize, Option<&str>)> = Vec::new();
        for (k, s) in list.iter().enumerate() {
            if let Some(last) = groups.last_mut() {
                let prev = &list[last.1];
                if prev.closed {
                    let between = &paragraph[prev.after..s.mark.max(prev.after)];
                    if let Some(tag) = speech_tag(between) {
                        last.1 = k;
                        last.2.get_or_insert(tag);
                        continue;
                    }
                }
            }
            groups.push((k, k, None));
        }
        let mut paragraph_speaker: Option<Speaker> = None;
        // The quotes read in this paragraph, by sentence.
        let mut read: Vec<ReadQuote> = Vec::new();
        let mut sentence = 0;
        for (g, &(first, last, tag)) in groups.iter().enumerate() {
            let words = join_spans(paragraph, &list[first..=last]);
            let at = base + list[first].start;
            let at_start = paragraph[..list[first].mark].trim().is_empty();
            // A quote going on from the paragraph before.
            if g == 0 && at_start {
                if let Some((mut text, speaker)) = open.take() {
                    text.push(' ');
                    text.push_str(&words);
                    let speaker = speaker.or_else(|| {
                        let tail = &paragraph[list[last].after..];
                        reader.speaker_after(tail, at, recent_here.as_ref())
                    });
                    if list[last].closed {
                        if let Some(s) = &speaker {
                            paragraph_speaker = Some(s.clone());
                        }
                        out.push(text, speaker);
                    } else {
                        open = Some((text, speaker));
                    }
                    continue;
                }
            }
            if let Some((text, speaker)) = open.take() {
                out.push(text, speaker);
            }
            if g > 0 && breaks_sentence(paragraph, &list[groups[g - 1].1], &list[first]) {
                sentence += 1;
            }
            let tail_end = list.get(last + 1).map_or(paragraph.len(), |n| n.start);
            let tail = &paragraph[list[last].after.min(tail_end)..tail_end];
            let head_start = if g > 0 {
                list[groups[g - 1].1].after
            } else {
                0
            };
            let head = &paragraph[head_start.min(list[first].mark)..list[first].mark];
            let head = head.trim_end();
            let recent_now = paragraph_speaker.clone().or(recent_here.clone());
            // "X said that “...,” he said": the pronoun is the person named before.
            let named_before = pronoun_tag(tag.unwrap_or(tail))
                .then(|| reader.speaker_before(head, at, recent_now.as_ref()))
                .flatten()
                .filter(|s| s.kind == Some(Kind::Person));
            let mut speaker = named_before
                .or_else(|| tag.and_then(|t| reader.speaker_after(t, at, recent_now.as_ref())))
                .or_else(|| reader.speaker_after(tail, at, recent_now.as_ref()))
                .or_else(|| reader.speaker_before(head, at, recent_now.as_ref()));
            // A sentence has one speaker: a later quote in it is by the earlier one's.
            if speaker.is_none() {
                speaker = read
                    .iter()
                    .rev()
                    .take_while(|r| r.sentence == sentence)
                    .find_map(|r| r.speaker.clone());
            }
            if speaker.is_none() && head.trim().is_empty() && g == 0 {
                // A paragraph opening with a quote: a lead-in paragraph ending with a colon,
                // or the speaker the paragraph before reported.
                if let Some(prev) = p.checked_sub(1).map(|q| paragraphs[q].trim()) {
                    let lead = prev.trim_end_matches(['”', '"']).trim_end();
                    if lead.ends_with(':') {
                        speaker = reader.speaker_before(
                            lead.trim_end_matches(':'),
                            at,
                            recent_here.as_ref(),
                        );
                    }
                    if speaker.is_none() {
                        speaker = recent_here
                            .clone()
                            .or_else(|| reader.speaker_before(prev, base.saturating_sub(1), None));
                    }
                }
            }
            let short = text::word_count(&words) < 4;
            read.push(ReadQuote {
                sentence,
                speaker: speaker.clone(),
                index: None,
            });
            if short {
                continue;
            }
            if let Some(s) = &speaker {
                paragraph_speaker = Some(s.clone());
            }
            let next_opens = paragraphs
                .get(p + 1)
                .is_some_and(|n| n.trim_start().starts_with(['“', '"', '‘', '\'']));
            if list[last].closed || !next_opens {
                let index = out.push(words, speaker);
                if let Some(r) = read.last_mut() {
                    r.index = index;
                }
            } else {
                open = Some((words, speaker));
            }
        }
        // "“A” and “B”, he says": an earlier quote of a sentence is by the later one's speaker.
        for k in (0..read.len()).rev() {
            if read[k].speaker.is_none() {
                let later = read[k + 1..]
                    .iter()
                    .take_while(|r| r.sentence == read[k].sentence)
                    .find_map(|r| r.speaker.clone());
                if let Some(later) = later {
                    if let Some(i) = read[k].index {
                        out.quotes[i].speaker = Some(later.name.clone());
                    }
                    read[k].speaker = Some(later);
                }
            }
        }
        // A paragraph reporting speech without quoting it ("X said he ...") sets who the
        // next all-quote paragraph is by.
        if paragraph_speaker.is_none() && !paragraph.trim_start().starts_with(['“', '"']) {
            let sentence_start = last_sentence_start(paragraph);
            let verb = words_of(&paragraph[sentence_start..])
                .into_iter()
                .rfind(|(_, w)| lex::is_speech_verb(&bare(w)));
            // Who "the company" is, read where the verb is: not a body named after it.
            if let Some((verb_at, _)) = verb {
                paragraph_speaker = reader
                    .speaker_before(
                        paragraph.trim_end_matches(['.', ':']),
                        base + sentence_start + verb_at,
                        None,
                    )
                    .filter(|s| s.kind.is_some());
            }
        }
        match paragraph_speaker {
            Some(s) => recent = Some((s, p)),
            None if !paragraph.trim_start().starts_with(['“', '"']) => recent = None,
            None => {}
        }
    }
    if let Some((text, speaker)) = open {
        out.push(text, speaker);
    }
    out.quotes
}

/// Whether the words after a quote are a speech tag with a pronoun ("he said", "said she").
fn pronoun_tag(tail: &str) -> bool {
    let words = words_of(first_sentence(tail.trim_start_matches([',', ' ', '.'])));
    words.len() <= 3
        && words.iter().any(|(_, w)| matches!(&*bare(w), "he" | "she"))
        && words.iter().any(|(_, w)| lex::is_speech_verb(&bare(w)))
}

/// A quote of the paragraph being read: its sentence, speaker and place in the list.
struct ReadQuote {
    sentence: usize,
    speaker: Option<Speaker>,
    index: Option<usize>,
}

/// Whether a sentence ends between two quoted stretches of a paragraph: an end mark in the
/// words between, or a quote ending one ("... fine.”) and a capital after it.
fn breaks_sentence(paragraph: &str, before: &Span, next: &Span) -> bool {
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

/// Quotes found so far, each text once.
#[derive(Default)]
struct QuoteList {
    quotes: Vec<Quote>,
    seen: rustc_hash::FxHashSet<String>,
}

impl QuoteList {
    /// Adds a quote of four words or more not seen before; its index in the list.
    fn push(&mut self, text: String, speaker: Option<Speaker>) -> Option<usize> {
        let text = text.trim().trim_end_matches([',', ' ']).to_string();
        if text::word_count(&text) >= 4 && self.seen.insert(text.clone()) {
            self.quotes.push(Quote {
                text,
                speaker: speaker.map(|s| s.name),
            });
            return Some(self.quotes.len() - 1);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &[&str]) -> Vec<Quote> {
        let p: Vec<String> = text.iter().map(|s| s.to_string()).collect();
        let e = Entities::find(&p, None);
        quotes(&p, &e)
    }

    fn speakers(q: &[Quote]) -> Vec<Option<&str>> {
        q.iter().map(|q| q.speaker.as_deref()).collect()
    }

    #[test]
    fn the_speaker_after_the_quote_in_either_order() {
        let q = read(&[
            "Prime Minister Jane Holloway visited the port.",
            "“We will not back down on this,” Holloway said.",
            "“The plan starts in May and it will work,” said Tom Brennan, the home secretary.",
            "“Nobody should doubt us on that point,” said the home secretary, Tom Brennan.",
        ]);
        assert_eq!(
            speakers(&q),
            vec![
                Some("Jane Holloway"),
                Some("Tom Brennan"),
                Some("Tom Brennan")
            ]
        );
    }

    #[test]
    fn the_speaker_before_the_quote_in_its_sentence() {
        let q = read(&[
            "Priya Vance, Director of Enforcement at the watchdog, said: “We will act on every complaint we get.”",
            "In a statement, Priya Vance said the rules were “clear and already in force today”.",
            "Home Secretary Tom Brennan condemned the gangs, stating: “They trade in human misery for profit.”",
            "According to Tom Brennan, “the crossings will fall by the summer months”.",
            "Tom Brennan told the Daily Courier that it was “a matter of weeks, not months”.",
        ]);
        assert_eq!(
            speakers(&q),
            vec![
                Some("Priya Vance"),
                Some("Priya Vance"),
                Some("Tom Brennan"),
                Some("Tom Brennan"),
                Some("Tom Brennan")
            ]
        );
    }

    #[test]
    fn a_quote_split_by_a_speech_tag_is_one_quote() {
        let q = read(&["“We are ready for this,” she said. “Nobody should doubt that at all.”"]);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(
            q[0].text,
            "We are ready for this. Nobody should doubt that at all."
        );
    }

    #[test]
    fn pronouns_and_roles_point_to_the_last_named_of_their_kind() {
        let q = read(&[
            "Foreign Minister Anna Lindqvist met the chief executive of Brindle Foods, Mark Oduya.",
            "“We have agreed a plan for the whole region,” the foreign minister said.",
            "The company said: “Our factories will stay open through the winter.”",
            "Mark Oduya spoke afterwards. He said: “This is a good day for our workers.”",
        ]);
        assert_eq!(
            speakers(&q),
            vec![
                Some("Anna Lindqvist"),
                Some("Brindle Foods"),
                Some("Mark Oduya")
            ]
        );
    }

    #[test]
    fn a_spokesperson_speaks_for_their_body() {
        let q = read(&[
            "Brindle Foods cut prices again on Monday.",
            "“We are proud of our record on prices,” a spokeswoman for Brindle Foods said.",
            "“Prices will stay low into the new year,” a company spokesman added.",
        ]);
        assert_eq!(
            speakers(&q),
            vec![Some("Brindle Foods"), Some("Brindle Foods")]
        );
    }

    #[test]
    fn a_quote_over_several_paragraphs_and_a_lead_in_with_a_colon() {
        let q = read(&[
            "Tom Brennan added of the plan:",
            "“We will start in May.",
            "“And we will not stop until it works.”",
            "“It will take the rest of the year,” he said later.",
        ]);
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(
            q[0].text,
            "We will start in May. And we will not stop until it works."
        );
        assert_eq!(speakers(&q), vec![Some("Tom Brennan"), Some("Tom Brennan")]);
    }

    #[test]
    fn a_sentence_has_one_speaker() {
        let q = read(&[
            "Tom Brennan said the scheme was “a waste of public money”, having seen costs “rise every single year since”.",
            "She wants to keep “the old rules for small firms” and give the savings to “the people who need help most”, Priya Vance says.",
        ]);
        assert_eq!(
            speakers(&q),
            vec![
                Some("Tom Brennan"),
                Some("Tom Brennan"),
                Some("Priya Vance"),
                Some("Priya Vance")
            ],
            "{q:?}"
        );
    }

    #[test]
    fn a_pronoun_subject_before_helpers_and_a_speech_participle_after_by() {
        let q = read(&[
            "Priya Vance opened the debate.",
            "She also confirmed that firms must meet a “strict new target for all complaints”.",
            "Tom Brennan hit back by saying the plan was “a recipe for chaos on the roads”.",
        ]);
        assert_eq!(speakers(&q), vec![Some("Priya Vance"), Some("Tom Brennan")]);
    }

    #[test]
    fn a_pronoun_in_its_sentence_is_the_sentence_subject() {
        let q = read(&[
            "Home Secretary Tom Brennan will take no advice from Priya Vance, he warned.",
            "In a long speech, the home secretary attacked what he called “a party of empty promises”.",
        ]);
        assert_eq!(speakers(&q), vec![Some("Tom Brennan")], "{q:?}");
    }

    #[test]
    fn a_written_out_name_and_an_it_after_its_subject() {
        let q = read(&[
            "Tom Brennan and Priya Vance met on Monday.",
            "She will “stand by the workers of this town”, said the party’s deputy leader, Priya Vance.",
            "Priya Vance said that “nobody will be left behind in the new plan,” she said.",
            "“The rules are clear and they will stay,” wrote Tom Brennan in a post on the Brindle Foods website.",
            "However, a Brindle Foods spokeswoman said it had what it called “a short technical fault last night”.",
        ]);
        assert_eq!(
            speakers(&q),
            vec![
                Some("Priya Vance"),
                Some("Priya Vance"),
                Some("Tom Brennan"),
                Some("Brindle Foods")
            ],
            "{q:?}"
        );
    }

    #[test]
    fn a_second_verb_and_an_unknown_verb_after_the_subject() {
        let q = read(&[
            "Brindle Foods says its shops are open, and insisted it “will keep every store trading”.",
            "Tom Brennan hits back by saying the firm is “living in a world of its own”.",
            "Priya Vance referred to the plan as “a blueprint for a fairer town”.",
            "His plan, he says, is “the best we could have hoped for”.",
        ]);
        assert_eq!(
            speakers(&q),
            vec![
                Some("Brindle Foods"),
                Some("Tom Brennan"),
                Some("Priya Vance"),
                Some("Priya Vance")
            ],
            "{q:?}"
        );
    }

    #[test]
    fn it_is_the_last_body_that_was_a_subject() {
        let q = read(&[
            "Harlow Bank said it had a fault in its tills.",
            "A bank spokeswoman told the Daily Courier that it was working with Northgate Council on the matter.",
            "“The fault is fixed and every shop is open again,” it said.",
        ]);
        assert_eq!(speakers(&q), vec![Some("Harlow Bank")], "{q:?}");
        let q = read(&[
            "Harlow Bank said it had a fault in its tills.",
            "A bank spokeswoman told the BBC it had what it called “a short fault in the tills”.",
        ]);
        assert_eq!(speakers(&q), vec![Some("Harlow Bank")], "{q:?}");
        assert!(is_object_at("she told the Daily Courier", 13));
        assert!(!is_object_at("Then the Daily Courier", 9));
    }

    #[test]
    fn a_claim_by_someone_is_theirs() {
        let q = read(&[
            "Priya Vance spoke on Monday.",
            "The figure repeats a claim by Tom Brennan that the town has “the best schools in the north”.",
        ]);
        assert_eq!(speakers(&q), vec![Some("Tom Brennan")], "{q:?}");
    }

    #[test]
    fn a_fragment_is_never_a_speaker() {
        let q = read(&[
            "Here in the capital today he was greeted by crowds who chanted “we want change now please”.",
        ]);
        assert!(q
            .iter()
            .all(|q| q.speaker.as_deref() != Some("Here in the capital today he")));
    }
}
