//! People and organisations named in a story, as an editor lists them: a name counts only
//! with evidence — a title or honorific, a given name, a role noun beside it ("manager Scott
//! Parker"), an age or appositive, an organisation word, a known acronym pattern, a verb of
//! speech — and places, headlines, dates and fragments are left out. Short and long forms of
//! one name are one entry ("Starmer", "Sir Keir", "Keir Starmer"; "ONS", "Office for National
//! Statistics"), and the outlet that published the story is its source, not a name in it.
//!
//! Every mention is kept in reading order with what role the text gives it, so quote
//! attribution can read "he", "the minister" or "the company" as the last person or body of
//! that kind (see [`Entities::resolve_role`]).

use rustc_hash::FxHashMap;

use super::lexicon as lex;

mod aliases;
mod evidence;
mod reader;
mod roles;
mod scan;

pub use roles::Holder;

use aliases::decide;
use evidence::{is_match_word, is_score};
use reader::Reader;
use scan::lower_vocabulary;

/// Whether a name is a person's or a body's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Person,
    Organisation,
}

/// People and organisations named in a story, each under one name.
#[derive(Debug, Default)]
pub struct Entities {
    /// People, most mentioned first.
    pub people: Vec<String>,
    /// Organisations, most mentioned first.
    pub organisations: Vec<String>,
    /// Every written form (lower-cased) -> kind and the name listed.
    aliases: FxHashMap<String, (Kind, String)>,
    /// Mentions in reading order: byte offset in the joined paragraphs, kind, name listed.
    mentions: Vec<(usize, Kind, String)>,
    /// Roles the text gives people and bodies ("prime minister", "chief executive"), with
    /// where they were given: offset, role words (lower case), name.
    roles: Vec<(usize, String, String)>,
}

impl Entities {
    /// Finds the people and organisations of a story's paragraphs (in reading order; byte
    /// offsets count each paragraph and one separator after it). `source` is the outlet
    /// that published the story: it is listed only where the text makes it an actor.
    pub fn find(paragraphs: &[String], source: Option<&str>) -> Entities {
        let texts: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        let vocab = lower_vocabulary(&texts);
        let mut reader = Reader {
            vocab: &vocab,
            sightings: Vec::new(),
            pairs: Vec::new(),
        };
        let mut offset = 0;
        let mut sport_words = 0;
        let mut scores = 0;
        for paragraph in paragraphs {
            let body = super::wire::without_dateline(paragraph);
            let skipped = paragraph.len() - body.len();
            reader.paragraph(body, offset + skipped);
            for word in paragraph.split_whitespace() {
                if is_score(word) {
                    scores += 1;
                }
                // The words of matches are ASCII: only a capitalised one needs lower-casing.
                let w = word.trim_matches(|c: char| !c.is_alphanumeric());
                let counted = if w.bytes().any(|b| b.is_ascii_uppercase()) {
                    is_match_word(&w.to_ascii_lowercase())
                } else {
                    is_match_word(w)
                };
                sport_words += usize::from(counted);
            }
            offset += paragraph.len() + 1;
        }
        let sport = scores >= 1 && sport_words >= 3;
        decide(reader, sport, source)
    }

    /// The name listed for a written form ("Sir Keir", "Mr Rutte", "the BBC", "Ofcom’s").
    pub fn canonical(&self, written: &str) -> Option<(Kind, String)> {
        let written = written
            .trim()
            .trim_end_matches(['’', '\''])
            .trim_end_matches("’s")
            .trim_end_matches("'s");
        let lower = written.to_lowercase();
        let lower = lower.strip_prefix("the ").unwrap_or(&lower).to_string();
        if let Some(found) = self.aliases.get(&lower) {
            return Some(found.clone());
        }
        // Titles before it: "Prime Minister Keir Starmer", "Mr Rutte".
        let words: Vec<&str> = written.split_whitespace().collect();
        let from = words
            .iter()
            .rposition(|w| {
                let l = w.to_lowercase();
                lex::is_head_title(&l) || lex::is_title_modifier(&l) && l != "new"
            })
            .map_or(0, |k| k + 1);
        if from > 0 && from < words.len() {
            let rest = words[from..].join(" ").to_lowercase();
            if let Some(found) = self.aliases.get(&rest) {
                return Some(found.clone());
            }
        }
        None
    }

    /// Whether `name` is one of the story's people.
    pub fn is_person(&self, name: &str) -> bool {
        self.people.iter().any(|p| p == name)
    }
}

#[cfg(test)]
mod tests {
    use super::scan::{is_letter_compound, is_model_code};
    use super::*;

    fn find(text: &[&str]) -> Entities {
        let p: Vec<String> = text.iter().map(|s| s.to_string()).collect();
        Entities::find(&p, None)
    }

    #[test]
    fn titles_and_given_names_make_people_and_short_forms_merge() {
        let e = find(&[
            "Prime Minister Jane Holloway met Foreign Secretary Tom Brennan in Leeds.",
            "Holloway said the talks went well. Mr Brennan agreed.",
        ]);
        assert_eq!(e.people, vec!["Jane Holloway", "Tom Brennan"]);
        assert!(e.organisations.is_empty(), "{:?}", e.organisations);
        assert_eq!(
            e.canonical("Mr Brennan"),
            Some((Kind::Person, "Tom Brennan".to_string()))
        );
    }

    #[test]
    fn products_with_model_codes_and_title_case_rows_are_not_names() {
        let e = find(&[
            "The air force flew its F-22 Sky Lance jets and the new Orbit Tab Z7 tablets.",
            "Northfield Upper Vale - Independent Win",
            "Tom Brennan spoke for the Green Party on Monday.",
        ]);
        assert_eq!(e.people, vec!["Tom Brennan".to_string()], "{:?}", e.people);
        assert!(
            !e.organisations
                .iter()
                .any(|o| o.contains("Sky Lance") || o.contains("Orbit") || o.contains("Win")),
            "{:?}",
            e.organisations
        );
        assert!(is_model_code("F-16") && is_model_code("S9") && is_model_code("MQ-9"));
        assert!(is_letter_compound("X-ray") && !is_letter_compound("Jean-Pierre"));
        let e = find(&["A Coast Guardsman and fans of U-pop met Tom Brennan on Monday."]);
        assert_eq!(e.people, vec!["Tom Brennan".to_string()], "{:?}", e.people);
        assert!(e.organisations.is_empty(), "{:?}", e.organisations);
        assert!(!is_model_code("Covid-19") && !is_model_code("G") && !is_model_code("Radio"));
    }

    #[test]
    fn a_former_holder_is_not_the_one_in_office() {
        let e = find(&["Priya Vance met Prime Minister Tom Brennan on Monday."]);
        let at = usize::MAX;
        assert_eq!(
            e.resolve_role("the prime minister", at, |_| false),
            Holder::One(Kind::Person, "Tom Brennan".to_string())
        );
        assert_eq!(
            e.resolve_role("the former prime minister", at, |_| false),
            Holder::One(Kind::Person, "Priya Vance".to_string())
        );
    }

    #[test]
    fn a_known_body_ending_in_a_number() {
        let e = find(&["Tom Brennan spoke to ITV and Channel 4 on Monday."]);
        assert!(
            e.organisations.contains(&"Channel 4".to_string()),
            "{:?}",
            e.organisations
        );
    }

    #[test]
    fn a_party_before_its_members_is_the_party() {
        let e = find(&["The vote split Labour MPs as Tom Brennan spoke."]);
        assert_eq!(
            e.organisations,
            vec!["Labour".to_string()],
            "{:?}",
            e.organisations
        );
    }

    #[test]
    fn offices_fields_and_fragments_are_not_names() {
        let e = find(&[
            "Minister for Health Jane Dorley said so, according to Priya Vance, Director of Enforcement at the watchdog.",
        ]);
        assert!(
            e.people.contains(&"Jane Dorley".to_string()),
            "{:?}",
            e.people
        );
        assert!(
            e.people.contains(&"Priya Vance".to_string()),
            "{:?}",
            e.people
        );
        assert!(!e
            .people
            .iter()
            .any(|p| p.contains("Enforcement") || p.contains("Health")));
    }

    #[test]
    fn organisation_words_acronyms_and_their_expansions_are_one_body() {
        let e = find(&[
            "The Office for Road Statistics (ORS) said traffic rose.",
            "The ORS said more would follow, and a spokesperson for Brindle Foods agreed.",
        ]);
        assert!(e
            .organisations
            .contains(&"Office for Road Statistics".to_string()));
        assert!(
            !e.organisations.contains(&"ORS".to_string()),
            "{:?}",
            e.organisations
        );
        assert!(
            e.organisations.contains(&"Brindle Foods".to_string()),
            "{:?}",
            e.organisations
        );
    }

    #[test]
    fn places_dates_and_shouted_words_are_not_names() {
        let e = find(&[
            "LONDON - On Monday ministers in Brussels and Paris met Ukraine's envoy.",
            "Russia said the talks would resume in March.",
        ]);
        assert!(e.people.is_empty(), "{:?}", e.people);
        assert!(e.organisations.is_empty(), "{:?}", e.organisations);
    }

    #[test]
    fn a_story_outlet_is_its_source_not_a_name_in_it() {
        let p = vec!["Officials met in Rome, Reuters learned.".to_string()];
        let e = Entities::find(&p, Some("Reuters"));
        assert!(e.organisations.is_empty(), "{:?}", e.organisations);
    }

    #[test]
    fn a_nations_body_is_named_by_its_nationality() {
        let e = find(&["The French coastguard said 40 people were rescued by the navy."]);
        assert_eq!(e.organisations, vec!["French coastguard"]);
    }

    #[test]
    fn clubs_in_a_match_report_are_bodies() {
        let e = find(&[
            "Hartwell manager Dan Okoro praised his side after a 2-0 win away at Millbrook.",
            "Defeat for Millbrook ends their unbeaten run, while Hartwell stay top of the league.",
        ]);
        assert!(
            e.organisations.contains(&"Millbrook".to_string()),
            "{:?}",
            e.organisations
        );
        assert!(
            e.organisations.contains(&"Hartwell".to_string()),
            "{:?}",
            e.organisations
        );
        assert_eq!(e.people, vec!["Dan Okoro"]);
    }

    #[test]
    fn roles_resolve_to_the_person_given_them() {
        let e = find(&[
            "Prime Minister Jane Holloway met the striker Leo Marsh.",
            "The prime minister later spoke.",
        ]);
        let at = 60;
        assert_eq!(
            e.resolve_role("the Prime Minister", at, |_| false),
            Holder::One(Kind::Person, "Jane Holloway".to_string())
        );
    }

    #[test]
    fn a_one_word_name_opening_a_sentence_with_an_appositive() {
        let e = find(&[
            "Ozella, a student from the town, arrived at noon.",
            "Marisol, Tom Brennan’s sister, spoke to the crowd.",
        ]);
        assert!(e.people.contains(&"Ozella".to_string()), "{:?}", e.people);
        assert!(e.people.contains(&"Marisol".to_string()), "{:?}", e.people);
    }
}
