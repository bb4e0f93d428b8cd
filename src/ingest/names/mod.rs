//! Names: finds runs of capitalised words and tells people from organisations, places and
//! sentence openers, using titles ("Sir", "Prime Minister"), organisation words ("Agency",
//! "Council"), acronyms and a list of common given names from many languages.

use crate::text;

mod lists;

use lists::{
    given_names, is_opener, is_org_word, is_place_word, is_title, known_organisation, AGENCIES,
    FIRST_NAME_TITLES, NOT_ORGS,
};

/// A run of capitalised words in a paragraph.
#[derive(Debug, Clone)]
pub struct Run<'a> {
    /// Byte offset in the paragraph.
    pub start: usize,
    /// The words, as written in the paragraph.
    pub tokens: Vec<&'a str>,
}

/// What a run of capitalised words names.
#[derive(Debug, PartialEq)]
pub enum Mention {
    /// A full personal name ("Keir Starmer"), titles removed.
    Person(String),
    /// A one-word reference ("Starmer", "Mr Rutte", or "Sir Keir" with `first_name`).
    ShortName {
        name: String,
        first_name: bool,
    },
    Organisation(String),
    Other,
}

const PARTICLES: &[&str] = &[
    "von", "der", "van", "de", "da", "di", "del", "du", "la", "le", "bin", "al", "ibn",
];
const ORG_LINKS: &[&str] = &["of", "for"];

/// `word` with each suffix in turn stripped as often as it ends the word (what chained
/// `trim_end_matches` calls do, without building a substring searcher for every word).
fn trim_suffixes<'a>(mut word: &'a str, suffixes: &[&str]) -> &'a str {
    for suffix in suffixes {
        while let Some(rest) = word.strip_suffix(suffix) {
            word = rest;
        }
    }
    word
}

/// The pieces `split_inclusive(char::is_whitespace)` gives (each word with the one white
/// space character after it), found by a byte scan ([`text::space_width_at`]).
fn pieces_with_space(text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        if at == text.len() {
            return None;
        }
        let start = at;
        while at < text.len() {
            if let Some(width) = text::space_width_at(text, at) {
                at += width;
                break;
            }
            at += 1;
        }
        Some(&text[start..at])
    })
}

/// Splits a paragraph into runs of capitalised words; possessives and punctuation end a run.
pub fn capitalised_runs(paragraph: &str) -> Vec<Run<'_>> {
    let mut runs = Vec::new();
    let mut current: Option<Run> = None;
    let mut pending_links: Vec<&str> = Vec::new();
    let mut pos = 0;
    for raw in pieces_with_space(paragraph) {
        let start = pos;
        pos += raw.len();
        // Most words open with a lower-case letter or a digit: outside a run they change
        // nothing, and are passed over on their first byte.
        let first = raw.as_bytes()[0];
        if current.is_none() && (first.is_ascii_lowercase() || first.is_ascii_digit()) {
            continue;
        }
        let word = raw.trim_end();
        let core = word.trim_start_matches(['“', '"', '‘', '(', '[', '\'']);
        // Outside a run, a word that does not start with a capital changes nothing (most
        // words): skip the trimming below.
        if current.is_none() && !core.starts_with(char::is_uppercase) {
            continue;
        }
        let lead = word.len() - core.len();
        let ends_run = core
            .ends_with([',', '.', ';', ':', '!', '?', ')', '”', '"', '’', '\'', ']'])
            || core.ends_with("’s")
            || core.ends_with("'s")
            || lead > 0;
        let token = trim_suffixes(
            core.trim_end_matches([',', '.', ';', ':', '!', '?', ')', '”', '"', ']']),
            &["’s", "'s"],
        )
        .trim_end_matches(['’', '\'']);
        let capitalised = token.chars().next().is_some_and(char::is_uppercase)
            && token
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’' || c == '.');
        if lead > 0 {
            if let Some(run) = current.take() {
                runs.push(run);
            }
            pending_links.clear();
        }
        if capitalised {
            let run = current.get_or_insert_with(|| Run {
                start: start + lead,
                tokens: Vec::new(),
            });
            run.tokens.append(&mut pending_links);
            run.tokens.push(token);
        } else if current.is_some()
            && (PARTICLES.contains(&token) || ORG_LINKS.contains(&token))
            && !ends_run
        {
            pending_links.push(token);
            continue;
        } else {
            if let Some(run) = current.take() {
                runs.push(run);
            }
            pending_links.clear();
        }
        if ends_run {
            if let Some(run) = current.take() {
                runs.push(run);
            }
            pending_links.clear();
        }
    }
    runs.extend(current);
    runs
}

/// Whether a lower-cased word opens sentences or qualifies names (dates included).
pub fn is_opener_word(word: &str) -> bool {
    is_opener(word)
}

/// The canonical name of a news agency, if `text` is one.
pub fn agency(text: &str) -> Option<&'static str> {
    let lower = text.trim().to_lowercase();
    AGENCIES.iter().find(|(k, _)| *k == lower).map(|(_, v)| *v)
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Whether `text` looks like a personal name: two to four capitalised words.
pub fn is_name_like(text: &str) -> bool {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&tokens.len())
        && tokens
            .iter()
            .all(|t| t.chars().next().is_some_and(char::is_uppercase) || PARTICLES.contains(t))
        && !text.chars().any(|c| c.is_ascii_digit())
}

/// Removes leading titles: "Prime Minister Keir Starmer" -> "Keir Starmer", "Sir Keir" -> "Keir".
pub fn strip_titles(written: &str) -> String {
    let tokens: Vec<&str> = written.split_whitespace().collect();
    let keep = tokens
        .iter()
        .position(|t| !is_title(&lower(t.trim_end_matches('.'))))
        .unwrap_or(tokens.len());
    tokens[keep..].join(" ")
}

/// Well-known organisations and acronyms standing inside a longer run ("Nato" in "Nato
/// Secretary General Mark Rutte").
pub fn known_organisations(run: &Run) -> Vec<String> {
    run.tokens
        .iter()
        .filter_map(|t| {
            known_organisation(&lower(t))
                .filter(|canonical| !canonical.is_empty())
                .map(str::to_string)
        })
        .collect()
}

/// Decides what a run of capitalised words names.
pub fn classify(run: &Run) -> Mention {
    // Each token lower-cased once, for the word lists.
    let lowered: Vec<String> = run.tokens.iter().map(|t| lower(t)).collect();
    let mut from = 0;
    while lowered
        .get(from)
        .is_some_and(|word| is_opener(word) && !is_title(word))
    {
        from += 1;
    }
    let mut to = run.tokens.len();
    while to > from
        && (ORG_LINKS.contains(&run.tokens[to - 1]) || PARTICLES.contains(&run.tokens[to - 1]))
    {
        to -= 1;
    }
    if from == to {
        return Mention::Other;
    }
    let (tokens, lowered) = (&run.tokens[from..to], &lowered[from..to]);
    let last_lower = &lowered[lowered.len() - 1];

    if tokens.len() == 1 {
        let t = tokens[0];
        if let Some(canonical) = known_organisation(&lowered[0]) {
            return if canonical.is_empty() {
                Mention::Other
            } else {
                Mention::Organisation(canonical.to_string())
            };
        }
        let is_acronym = (2..=6).contains(&t.len())
            && t.chars().all(|c| c.is_ascii_uppercase())
            && !NOT_ORGS.contains(&t);
        if is_acronym {
            return Mention::Organisation(t.to_string());
        }
    }

    if is_org_word(last_lower) && !is_title(&lowered[0])
        || tokens.len() >= 2 && is_org_word(&lowered[0]) && tokens.contains(&"of")
    {
        let name = tokens.join(" ");
        return if tokens.len() >= 2 {
            Mention::Organisation(name)
        } else {
            Mention::Other
        };
    }

    // A title anywhere in the run: the name is what follows the last title word.
    let last_title = lowered
        .iter()
        .rposition(|t| is_title(t.trim_end_matches('.')));
    let (title, name): (Option<&str>, Vec<&str>) = match last_title {
        Some(i) => (Some(&lowered[i]), tokens[i + 1..].to_vec()),
        None => (None, tokens.to_vec()),
    };
    let name_len = name.iter().filter(|t| !PARTICLES.contains(t)).count();
    // The name ends where the run does.
    if name.is_empty() || is_place_word(last_lower) {
        return Mention::Other;
    }
    if name
        .iter()
        .any(|t| t.chars().all(|c| c.is_uppercase()) && t.len() > 1 && *t != "JD")
    {
        return Mention::Other;
    }
    match (name_len, title) {
        (1, Some(title)) => {
            if FIRST_NAME_TITLES.contains(&title.trim_end_matches('.')) {
                Mention::ShortName {
                    name: name[0].to_string(),
                    first_name: true,
                }
            } else {
                Mention::ShortName {
                    name: name[0].to_string(),
                    first_name: false,
                }
            }
        }
        (1, None) => Mention::ShortName {
            name: name[0].to_string(),
            first_name: false,
        },
        (2..=3, Some(_)) => Mention::Person(name.join(" ")),
        (2..=3, None) if is_given(name[0]) => Mention::Person(name.join(" ")),
        _ => Mention::Other,
    }
}

fn is_given(token: &str) -> bool {
    given_names().contains(lower(token).as_str())
}

/// Whether a word is a common given name ("Keir", "JESSICA").
pub fn is_given_name(word: &str) -> bool {
    is_given(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentions(text: &str) -> Vec<Mention> {
        capitalised_runs(text).iter().map(classify).collect()
    }

    #[test]
    fn pieces_are_split_as_split_inclusive_splits_them() {
        for text in [
            "",
            " ",
            "Keir  Starmer\tsaid\u{a0}today\u{2009}in\nLondon ",
            "“Quoted” (words) – and £5bn\r\nhere",
        ] {
            assert_eq!(
                pieces_with_space(text).collect::<Vec<_>>(),
                text.split_inclusive(char::is_whitespace)
                    .collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn titles_are_stripped_and_organisations_found() {
        let m =
            mentions("Home Secretary Yvette Cooper met officials from the National Crime Agency.");
        assert_eq!(
            m,
            vec![
                Mention::Person("Yvette Cooper".into()),
                Mention::Organisation("National Crime Agency".into())
            ]
        );
    }

    #[test]
    fn sentence_openers_and_places_are_not_people() {
        let m = mentions("However, Donald Trump spoke at Lancaster House.");
        assert_eq!(
            m,
            vec![
                Mention::Other,
                Mention::Person("Donald Trump".into()),
                Mention::Other
            ]
        );
    }

    #[test]
    fn particles_join_names() {
        let m = mentions("Ursula von der Leyen said so.");
        assert_eq!(m, vec![Mention::Person("Ursula von der Leyen".into())]);
    }

    #[test]
    fn possessives_end_a_name() {
        let m = mentions("Elon Musk’s social network X has warned.");
        assert_eq!(m[0], Mention::Person("Elon Musk".into()));
    }
}
