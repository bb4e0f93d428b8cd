//! Speaker attribution: where the text around a quote names who said it (after the quote,
//! before it in its sentence, as the subject of a verb or noun of speech).

use super::words::{
    bare, ends_subject, first_sentence, is_auxiliary, is_speech_noun, is_speech_participle,
    last_sentence_start, words_of,
};
use crate::ingest::entities::{Entities, Kind};
use crate::ingest::lexicon as lex;
use crate::text;

/// A speaker as the text names them.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Speaker {
    pub(super) kind: Option<Kind>,
    pub(super) name: String,
}

/// Reads attribution with the story's names.
pub(super) struct Attributor<'e> {
    pub(super) entities: &'e Entities,
    /// Quoted stretches of the joined paragraphs: names inside them are not who spoke.
    pub(super) quoted: Vec<(usize, usize)>,
    /// The paragraphs joined by newlines, which the offsets point into.
    pub(super) text: String,
}

impl<'e> Attributor<'e> {
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
    pub(super) fn speaker_before(
        &self,
        head: &str,
        at: usize,
        recent: Option<&Speaker>,
    ) -> Option<Speaker> {
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
            // Roles are read where the verb is: a name after it ("X told Y that") is
            // who was spoken to. `head` ends where the quote opens, at `at`.
            let verb_at = at.saturating_sub(sentence.len() - pos);
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
                    if let Some(s) = self.sentence_subject(&sentence[..pos], verb_at, recent) {
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
                    .sentence_subject(&sentence[..words[i - 1].0], verb_at, recent)
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
            if let Some(s) = self.subject_before(clause, verb_at, recent) {
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
    pub(super) fn speaker_after(
        &self,
        tail: &str,
        at: usize,
        recent: Option<&Speaker>,
    ) -> Option<Speaker> {
        // “...”. He said: the sentence ended with the quote, so what follows is no tag.
        if tail.trim_start().starts_with(['.', '!', '?']) {
            return None;
        }
        let tail = tail.trim_start_matches([',', ' ', '—', '–', '-']);
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
