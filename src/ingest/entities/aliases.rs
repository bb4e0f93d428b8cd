//! Aliases and merging: what each name read is (a person, a body or neither), with short
//! and long forms, acronyms and their expansions, and a party's other names made one entry.

use rustc_hash::FxHashMap;

use super::evidence::Evidence;
use super::reader::Reader;
use super::scan::{is_acronym, is_given, is_particle};
use super::{Entities, Kind};
use crate::ingest::lexicon as lex;
use crate::ingest::names;

/// The initials of a name, as an acronym of it would spell them ("Office for National
/// Statistics" -> "OFNS" and "ONS"; "UK Health Security Agency" -> "UKHSA").
fn initials(name: &str) -> [String; 2] {
    let mut all = String::new();
    let mut content = String::new();
    for word in name.split_whitespace() {
        let piece: String = if is_acronym(word) {
            word.chars().filter(|c| c.is_alphanumeric()).collect()
        } else {
            word.chars().next().map(String::from).unwrap_or_default()
        };
        let piece = piece.to_uppercase();
        all.push_str(&piece);
        if !matches!(word, "of" | "for" | "and" | "the" | "&") {
            content.push_str(&piece);
        }
    }
    [all, content]
}

/// Forms of one party or body written differently: the first written is the name listed.
const SAME_BODY: &[&[&str]] = &[
    &[
        "Conservative Party",
        "Conservatives",
        "Conservative",
        "Tories",
        "Tory",
    ],
    &["Labour Party", "Labour"],
    &["Liberal Democrats", "Liberal Democrat", "Lib Dems"],
    &["Associated Press", "AP"],
    &["Tottenham", "Spurs"],
    &["Manchester United", "Man Utd"],
    &["Manchester City", "Man City"],
    &["Downing Street", "Number 10", "No 10"],
    &["Green Party", "Greens"],
];

/// Decides what every name read is, merges short and long forms, and lists them.
pub(super) fn decide(reader: Reader, sport: bool, source: Option<&str>) -> Entities {
    // All sightings of a form together.
    let mut forms: FxHashMap<String, (Evidence, Vec<usize>)> = FxHashMap::default();
    let mut order: Vec<String> = Vec::new();
    for (i, s) in reader.sightings.iter().enumerate() {
        let entry = forms.entry(s.name.clone()).or_insert_with(|| {
            order.push(s.name.clone());
            (
                Evidence {
                    first: s.at,
                    ..Evidence::default()
                },
                Vec::new(),
            )
        });
        let e = &mut entry.0;
        e.mentions += 1;
        e.mid += s.ev.mid;
        e.person += s.ev.person;
        e.org += s.ev.org;
        e.actor += s.ev.actor;
        e.sport += s.ev.sport;
        e.place_context += s.ev.place_context;
        e.determined += s.ev.determined;
        e.org_shape |= s.ev.org_shape;
        e.acronym |= s.ev.acronym;
        e.place |= s.ev.place;
        e.common |= s.ev.common;
        if s.ev.honorific.is_some() {
            e.honorific = s.ev.honorific;
        }
        if e.acronym_given.is_none() {
            e.acronym_given = s.ev.acronym_given.clone();
        }
        entry.1.push(i);
    }
    let mut kinds: FxHashMap<String, Kind> = FxHashMap::default();
    // Multi-word names first: their words then tell the single words.
    let multi = |name: &str| name.contains(' ');
    let words_of = |name: &str| -> Vec<String> {
        name.split_whitespace()
            .filter(|w| !is_particle(w))
            .map(str::to_string)
            .collect()
    };
    // Single words used on their own as a person ("Mabuse said", "Mr Glease").
    let single_person = |name: &str| {
        forms.get(name).is_some_and(|(e, _)| {
            e.honorific == Some(false)
                || (e.actor > 0 || e.person > 0) && !e.common && !e.place && !e.org_shape
        })
    };
    for name in &order {
        let (e, _) = &forms[name];
        if !multi(name) {
            continue;
        }
        let kind = if e.org_shape {
            Some(Kind::Organisation)
        } else if e.place {
            let metonym = e.actor > 0
                && name
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| lex::is_place_word(&w.to_lowercase()));
            (sport && e.sport > 0 || metonym).then_some(Kind::Organisation)
        } else if e.person > 0 && !e.acronym {
            Some(Kind::Person)
        } else if e.org > 0 {
            Some(Kind::Organisation)
        } else if !e.common
            && (words_of(name).last().is_some_and(|w| single_person(w))
                || (e.actor > 0 || e.mid > 0 && e.place_context == 0 && e.determined == 0)
                    && words_of(name).len() <= 3
                    && name_shaped(name))
        {
            Some(Kind::Person)
        } else {
            None
        };
        if let Some(kind) = kind {
            kinds.insert(name.clone(), kind);
        }
    }
    // Names joined by "and" to a person's are people's ("Ana Petrović and Tomas Keller").
    for &(a, b) in &reader.pairs {
        let (na, nb) = (&reader.sightings[a].name, &reader.sightings[b].name);
        for (x, y) in [(na, nb), (nb, na)] {
            if kinds.get(x) == Some(&Kind::Person) && !kinds.contains_key(y) && multi(y) {
                let (e, _) = &forms[y];
                if !e.place && !e.org_shape && !e.acronym {
                    kinds.insert(y.clone(), Kind::Person);
                }
            }
        }
    }
    // Full names of people, by their last and first words.
    let people_full: Vec<&String> = order
        .iter()
        .filter(|n| multi(n) && kinds.get(*n) == Some(&Kind::Person))
        .collect();
    let mut aliases: FxHashMap<String, (Kind, String)> = FxHashMap::default();
    for name in &order {
        if multi(name) {
            continue;
        }
        let (e, _) = &forms[name];
        let by_last: Vec<&&String> = people_full
            .iter()
            .filter(|full| words_of(full).last().map(String::as_str) == Some(name.as_str()))
            .collect();
        let by_first: Vec<&&String> = people_full
            .iter()
            .filter(|full| words_of(full).first().map(String::as_str) == Some(name.as_str()))
            .collect();
        if by_last.len() == 1 && e.honorific != Some(true) {
            aliases.insert(name.to_lowercase(), (Kind::Person, (*by_last[0]).clone()));
            continue;
        }
        if by_first.len() == 1
            && (e.honorific == Some(true) || by_last.is_empty() && is_given(&name.to_lowercase()))
        {
            aliases.insert(name.to_lowercase(), (Kind::Person, (*by_first[0]).clone()));
            continue;
        }
        let kind = if e.org_shape {
            Some(Kind::Organisation)
        } else if e.mid == 0 && e.honorific.is_none() && e.person == 0 {
            // Only at a sentence's start, a word is a name by what the text says of it
            // ("Yang, a student from Leeds,").
            None
        } else if e.place {
            (sport && e.sport > 0 && e.person == 0).then_some(Kind::Organisation)
        } else if e.acronym {
            (e.org > 0 || e.actor > 0 || e.mentions >= 3).then_some(Kind::Organisation)
        } else if e.honorific.is_some() {
            Some(Kind::Person)
        } else if e.person == 0 && (e.org > 0 || sport && e.sport > 0 && !e.common && e.actor == 0)
        {
            Some(Kind::Organisation)
        } else if (e.person > 0 || e.actor > 0) && !e.common && e.determined == 0 {
            Some(Kind::Person)
        } else {
            None
        };
        if let Some(kind) = kind {
            kinds.insert(name.clone(), kind);
        }
    }
    // Acronyms of bodies named in full ("Office for National Statistics (ONS)", or whose
    // initials they are) are the body.
    let orgs_full: Vec<&String> = order
        .iter()
        .filter(|n| multi(n) && kinds.get(*n) == Some(&Kind::Organisation))
        .collect();
    for name in &order {
        let (e, _) = &forms[name];
        if let Some(acronym) = &e.acronym_given {
            if kinds.get(name) == Some(&Kind::Organisation) {
                aliases.insert(acronym.to_lowercase(), (Kind::Organisation, name.clone()));
                kinds.remove(acronym);
            }
        }
        if !e.acronym || aliases.contains_key(&name.to_lowercase()) {
            continue;
        }
        let bare: String = name
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_uppercase();
        let expansions: Vec<&&String> = orgs_full
            .iter()
            .filter(|full| initials(full).contains(&bare))
            .collect();
        if expansions.len() == 1 {
            aliases.insert(
                name.to_lowercase(),
                (Kind::Organisation, (*expansions[0]).clone()),
            );
            kinds.remove(name);
        }
    }
    // Forms of one party or body.
    for group in SAME_BODY {
        let written: Vec<&&str> = group.iter().filter(|g| kinds.contains_key(**g)).collect();
        if let Some(first) = written.first() {
            for other in &written[1..] {
                kinds.remove(**other);
                aliases.insert(
                    other.to_lowercase(),
                    (Kind::Organisation, first.to_string()),
                );
            }
        }
    }
    // The outlet that published the story is its source, unless the text makes it an actor.
    if let Some(source) = source {
        let source_lower = source.to_lowercase();
        let same = |name: &str| {
            let lower = name.to_lowercase();
            lower == source_lower
                || names::agency(name).is_some_and(|a| a.to_lowercase() == source_lower)
                || lower.strip_prefix("the ") == Some(source_lower.as_str())
        };
        let outlets: Vec<String> = kinds.keys().filter(|n| same(n)).cloned().collect();
        for name in outlets {
            if forms[&name].0.actor == 0 {
                kinds.remove(&name);
            }
        }
    }
    if std::env::var_os("DIGEST_DEBUG_NAMES").is_some() {
        for name in &order {
            eprintln!("{name:?} -> {:?} {:?}", kinds.get(name), forms[name].0);
        }
    }
    for (name, kind) in &kinds {
        aliases.insert(name.to_lowercase(), (*kind, name.clone()));
    }
    // Mentions in reading order, and the roles given.
    let mut counts: FxHashMap<(Kind, String), (u32, usize)> = FxHashMap::default();
    let mut mentions = Vec::new();
    let mut roles = Vec::new();
    for s in &reader.sightings {
        let Some((kind, name)) = aliases.get(&s.name.to_lowercase()).cloned() else {
            continue;
        };
        let count = counts.entry((kind, name.clone())).or_insert((0, s.at));
        count.0 += 1;
        if let Some(role) = &s.role {
            if kind == Kind::Person {
                roles.push((s.at, role.clone(), name.clone()));
            }
        }
        mentions.push((s.at, kind, name));
    }
    mentions.sort_by_key(|(at, _, _)| *at);
    roles.sort_by_key(|(at, _, _)| *at);
    let mut listed: Vec<((Kind, String), (u32, usize))> = counts.into_iter().collect();
    listed.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
    let of_kind = |kind: Kind| -> Vec<String> {
        listed
            .iter()
            .filter(|((k, _), _)| *k == kind)
            .map(|((_, n), _)| n.clone())
            .collect()
    };
    Entities {
        people: of_kind(Kind::Person),
        organisations: of_kind(Kind::Organisation),
        aliases,
        mentions,
        roles,
    }
}

/// Two or three words each shaped as a name's (a capital, then small letters), with no
/// digits: what an unknown person's name looks like.
fn name_shaped(name: &str) -> bool {
    name.split_whitespace().all(|w| {
        is_particle(w)
            || w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).any(char::is_lowercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '’' | '\'' | '.'))
    })
}
