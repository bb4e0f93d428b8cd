//! Reading a written subject as a speaker: a name the story's names know, a pronoun or role
//! noun as the last person or body of its kind, a body's spokesperson as the body.

use super::attribution::{Attributor, Speaker};
use super::words::{bare, ends_subject, is_addressee_at, is_auxiliary, is_object_at};
use crate::ingest::entities::{Holder, Kind};
use crate::ingest::lexicon as lex;
use crate::text;

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

    /// The person a paragraph opens on (after titles only), when the paragraph, up to
    /// `at`, does not name `other`.
    fn paragraph_subject(&self, at: usize, other: &str) -> Option<String> {
        let start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let mut opener = None;
        let mut at = at;
        while let Some((pos, name)) = self.entities.last_mention_of_kind(at, Kind::Person) {
            if pos < start {
                break;
            }
            if name == other {
                return None;
            }
            if !self.in_quote(pos) {
                opener = Some((pos, name));
            }
            at = pos;
        }
        let (pos, name) = opener?;
        self.text[start..pos]
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase))
            .then(|| name.to_string())
    }

    /// Reads a written subject ("Holloway", "the minister", "a spokeswoman for X", "he",
    /// "Dana Cole, under secretary of state") as a speaker; `at` is where the quote is.
    pub(super) fn resolve(
        &self,
        written: &str,
        at: usize,
        recent: Option<&Speaker>,
    ) -> Option<Speaker> {
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
                    // A paragraph opening on someone else is about them now.
                    return Some(
                        self.paragraph_subject(at, &r.name)
                            .map_or(r.clone(), person),
                    );
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
            // "A company spokeswoman": the body the company noun stands for.
            let noun = others
                .iter()
                .find(|w| w.starts_with(char::is_lowercase) && lex::is_org_noun(w));
            if let Some(Holder::One(kind, name)) = noun.map(|n| self.resolve_role(n, at)) {
                return Some(Speaker {
                    kind: Some(kind),
                    name,
                });
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
            match self.resolve_role(&role.join(" "), at) {
                Holder::One(kind, name) => {
                    return Some(Speaker {
                        kind: Some(kind),
                        name,
                    })
                }
                Holder::Ambiguous => return None,
                Holder::Unknown => {}
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
        // A country or city standing alone as a subject speaks as a body ("Portugal said").
        let place = written.strip_prefix("the ").unwrap_or(&written);
        if place.starts_with(char::is_uppercase)
            && words.len() <= 3
            && lex::is_place(&place.to_lowercase())
        {
            return Some(Speaker {
                kind: Some(Kind::Organisation),
                name: place.to_string(),
            });
        }
        None
    }

    /// A role noun phrase as a name, with the names in quotes and those spoken to left out.
    fn resolve_role(&self, role: &str, at: usize) -> Holder {
        self.entities.resolve_role(role, at, |pos| {
            self.in_quote(pos) || is_addressee_at(&self.text, pos)
        })
    }
}
