//! Role resolution: names in reading order, and what "he", "the minister" or "the company"
//! read before a point stands for.

use super::{Entities, Kind};
use crate::ingest::lexicon as lex;

impl Entities {
    /// The last name of `kind` mentioned before byte `at`.
    pub fn last_before(&self, at: usize, kind: Kind) -> Option<&str> {
        let before = self.mentions.partition_point(|(pos, _, _)| *pos < at);
        self.mentions[..before]
            .iter()
            .rev()
            .find(|(_, k, _)| *k == kind)
            .map(|(_, _, name)| name.as_str())
    }

    /// Where the last name of `kind` before byte `at` is mentioned, and the name.
    pub fn last_mention_of_kind(&self, at: usize, kind: Kind) -> Option<(usize, &str)> {
        let before = self.mentions.partition_point(|(pos, _, _)| *pos < at);
        self.mentions[..before]
            .iter()
            .rev()
            .find(|(_, k, _)| *k == kind)
            .map(|(pos, _, name)| (*pos, name.as_str()))
    }

    /// The last name mentioned before byte `at`, of either kind.
    pub fn last_mention_before(&self, at: usize) -> Option<(Kind, &str)> {
        let before = self.mentions.partition_point(|(pos, _, _)| *pos < at);
        before
            .checked_sub(1)
            .map(|i| (self.mentions[i].1, self.mentions[i].2.as_str()))
    }

    /// The name a role noun phrase stands for ("the prime minister", "the company", "the
    /// former prime minister", "the Spaniard"), read before byte `at`: a person the text gave
    /// that role, else the last person (or body) mentioned whose mention `skip` does not rule
    /// out (a name in a quote, an addressee). Two people given the role make it ambiguous.
    pub fn resolve_role(&self, role: &str, at: usize, skip: impl Fn(usize) -> bool) -> Holder {
        let words: Vec<String> = role
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                    .to_lowercase()
            })
            .filter(|w| {
                !matches!(
                    w.as_str(),
                    "the"
                        | "a"
                        | "an"
                        | "its"
                        | "their"
                        | "his"
                        | "her"
                        | "former"
                        | "then"
                        | "new"
                        | "outgoing"
                )
            })
            .collect();
        let former = role
            .to_lowercase()
            .split_whitespace()
            .any(|w| w == "former");
        let Some(head) = words.last() else {
            return Holder::Unknown;
        };
        let found = |kind: Kind, name: &str| Holder::One(kind, name.to_string());
        if lex::is_org_noun(head) || lex::is_document_noun(head) {
            // "The coastguard" is the body named by that noun, when one is.
            let named = self.mentions_before(at).find(|(pos, k, n)| {
                *k == Kind::Organisation
                    && !skip(*pos)
                    && n.rsplit(' ')
                        .next()
                        .is_some_and(|last| last.eq_ignore_ascii_case(head))
            });
            let body = named.or_else(|| {
                self.mentions_before(at)
                    .find(|(pos, k, _)| *k == Kind::Organisation && !skip(*pos))
            });
            return body.map_or(Holder::Unknown, |(_, _, n)| found(Kind::Organisation, n));
        }
        if !lex::is_person_noun(head) && !lex::is_head_title(head) && !lex::is_demonym(head) {
            return Holder::Unknown;
        }
        // A person given this role: the one before, or else the first after.
        // "The former minister" is not whoever holds the office now, and "the Polish
        // prime minister" is only one given that nationality.
        let fits = |given: &str| {
            let given: Vec<&str> = given.split_whitespace().collect();
            given.contains(&"former") == former
                && given.last() == Some(&head.as_str())
                && words[..words.len() - 1]
                    .iter()
                    .filter(|w| lex::is_title_modifier(w) || lex::is_demonym(w))
                    .all(|w| given.contains(&w.as_str()))
        };
        let before: Vec<&(usize, String, String)> = self
            .roles
            .iter()
            .filter(|(pos, role, _)| *pos < at && fits(role))
            .collect();
        let given = if before.is_empty() {
            self.roles
                .iter()
                .filter(|(_, role, _)| fits(role))
                .collect()
        } else {
            before
        };
        if let Some((_, _, first)) = given.first() {
            if given.iter().all(|(_, _, n)| n == first) {
                return found(Kind::Person, first);
            }
            // Two holders: the one given the office without a nationality is the
            // story's own ("Prime Minister X met Polish Prime Minister Y"); else unsure.
            let plain: Vec<&String> = given
                .iter()
                .filter(|(_, role, _)| !role.split_whitespace().any(lex::is_demonym))
                .map(|(_, _, n)| n)
                .collect();
            return match plain.first() {
                Some(n) if plain.iter().all(|m| m == n) => found(Kind::Person, n),
                _ => Holder::Ambiguous,
            };
        }
        // A relative ("his mother") is never the person last named: that is whose
        // relative they are.
        if lex::is_kin_noun(head) {
            return Holder::Unknown;
        }
        let holder = |name: &str| {
            self.roles.iter().any(|(_, given, n)| {
                n == name && !given.contains("former") && given.ends_with(head.as_str())
            })
        };
        self.mentions_before(at)
            .find(|(pos, k, n)| *k == Kind::Person && !skip(*pos) && !(former && holder(n)))
            .map_or(Holder::Unknown, |(_, _, n)| found(Kind::Person, n))
    }

    /// Mentions before byte `at`, the nearest first.
    fn mentions_before(&self, at: usize) -> impl Iterator<Item = &(usize, Kind, String)> {
        let before = self.mentions.partition_point(|(pos, _, _)| *pos < at);
        self.mentions[..before].iter().rev()
    }
}

/// Who a role noun phrase stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum Holder {
    One(Kind, String),
    /// Two people hold the role and the text does not tell which is meant.
    Ambiguous,
    Unknown,
}
