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
    /// that role, else the last person (or body) mentioned.
    pub fn resolve_role(&self, role: &str, at: usize) -> Option<(Kind, String)> {
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
        let head = words.last()?;
        if lex::is_org_noun(head) || lex::is_document_noun(head) {
            return self
                .last_before(at, Kind::Organisation)
                .map(|n| (Kind::Organisation, n.to_string()));
        }
        if !lex::is_person_noun(head) && !lex::is_head_title(head) && !lex::is_demonym(head) {
            return None;
        }
        // A person given this role: the last one before, or else the first after.
        // "The former minister" is not whoever holds the office now.
        let fits = |given: &str| {
            let given: Vec<&str> = given.split_whitespace().collect();
            given.contains(&"former") == former
                && given.last() == Some(&head.as_str())
                && words[..words.len() - 1]
                    .iter()
                    .filter(|w| lex::is_title_modifier(w))
                    .all(|w| given.contains(&w.as_str()))
        };
        let before = self
            .roles
            .iter()
            .rfind(|(pos, role, _)| *pos < at && fits(role));
        if let Some((_, _, name)) = before {
            return Some((Kind::Person, name.clone()));
        }
        let given: Vec<&String> = self
            .roles
            .iter()
            .filter(|(_, role, _)| fits(role))
            .map(|(_, _, name)| name)
            .collect();
        if let Some(first) = given.first() {
            if given.iter().all(|n| n == first) {
                return Some((Kind::Person, (*first).clone()));
            }
        }
        let holder = |name: &str| {
            self.roles.iter().any(|(_, given, n)| {
                n == name && !given.contains("former") && given.ends_with(head.as_str())
            })
        };
        let before = self.mentions.partition_point(|(pos, _, _)| *pos < at);
        self.mentions[..before]
            .iter()
            .rev()
            .find(|(_, k, n)| *k == Kind::Person && !(former && holder(n)))
            .map(|(_, _, n)| (Kind::Person, n.to_string()))
    }
}
