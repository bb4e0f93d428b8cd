//! Names: finds runs of capitalised words and tells people from organisations, places and
//! sentence openers, using titles ("Sir", "Prime Minister"), organisation words ("Agency",
//! "Council"), acronyms and a list of common given names from many languages.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use crate::text;

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

/// Words that open sentences or qualify names without being part of them.
const OPENERS: &[&str] = &[
    "however",
    "meanwhile",
    "earlier",
    "later",
    "asked",
    "speaking",
    "talking",
    "after",
    "before",
    "when",
    "while",
    "under",
    "since",
    "despite",
    "instead",
    "last",
    "this",
    "that",
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "for",
    "but",
    "and",
    "so",
    "if",
    "as",
    "it",
    "he",
    "she",
    "they",
    "we",
    "his",
    "her",
    "their",
    "our",
    "its",
    "leaving",
    "following",
    "during",
    "although",
    "yet",
    "still",
    "now",
    "then",
    "today",
    "yesterday",
    "tonight",
    "there",
    "here",
    "what",
    "why",
    "how",
    "who",
    "where",
    "some",
    "many",
    "most",
    "several",
    "every",
    "all",
    "both",
    "former",
    "ex",
    "new",
    "british",
    "french",
    "german",
    "american",
    "european",
    "ukrainian",
    "russian",
    "polish",
    "dutch",
    "italian",
    "spanish",
    "irish",
    "scottish",
    "welsh",
    "english",
    "chinese",
    "indian",
    "canadian",
    "australian",
    "us",
    "uk",
    "eu",
    "watch",
    "read",
    "more",
    "related",
    "image",
    "picture",
    "pic",
    "analysis",
    "live",
    "breaking",
    "senior",
    "junior",
    "veteran",
    "labour",
    "conservative",
    "tory",
    "reform",
    "green",
    "liberal",
];

/// Whether a lower-cased word opens sentences or qualifies names (dates included).
fn is_opener(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    listed(&SET, OPENERS, word) || text::MONTHS.contains(&word) || text::WEEKDAYS.contains(&word)
}

/// Whether a lower-cased word opens sentences or qualifies names (dates included).
pub fn is_opener_word(word: &str) -> bool {
    is_opener(word)
}

/// Titles and offices that stand before a name.
const TITLES: &[&str] = &[
    "sir",
    "dame",
    "lord",
    "lady",
    "baroness",
    "baron",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "president",
    "prime",
    "minister",
    "secretary",
    "general",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "senator",
    "sen",
    "rep",
    "representative",
    "governor",
    "mayor",
    "judge",
    "justice",
    "chief",
    "deputy",
    "shadow",
    "home",
    "foreign",
    "defence",
    "defense",
    "technology",
    "health",
    "culture",
    "business",
    "trade",
    "education",
    "transport",
    "environment",
    "energy",
    "commissioner",
    "ambassador",
    "admiral",
    "colonel",
    "captain",
    "lieutenant",
    "sergeant",
    "commander",
    "marshal",
    "speaker",
    "leader",
    "chair",
    "chairman",
    "chairwoman",
    "director",
    "inspector",
    "constable",
    "detective",
    "superintendent",
    "archbishop",
    "bishop",
    "rev",
    "reverend",
    "father",
    "vice",
    "attorney",
    "state",
    "opposition",
    "party",
    "first",
    "mp",
    "mep",
    "cllr",
    "councillor",
    "officer",
    "executive",
    "ceo",
    "founder",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "editor",
    "correspondent",
    "envoy",
    "chancellor's",
    "security",
    "armed",
    "forces",
    "veterans",
    "policing",
    "immigration",
    "border",
    "borders",
    "interior",
    "finance",
    "economy",
    "digital",
    "science",
    "safeguarding",
    "crime",
    "treasury",
    "cabinet",
    "office",
    "sheikh",
    "emir",
    "crown",
    "general's",
    "nato",
    "un",
    "eu",
];

/// Titles after which a single word is a first name ("Sir Keir").
const FIRST_NAME_TITLES: &[&str] = &["sir", "dame"];

/// Words that end the names of organisations.
const ORG_WORDS: &[&str] = &[
    "agency",
    "council",
    "commission",
    "ministry",
    "department",
    "office",
    "party",
    "group",
    "ltd",
    "llc",
    "inc",
    "plc",
    "union",
    "institute",
    "parliament",
    "bank",
    "fund",
    "police",
    "service",
    "services",
    "committee",
    "court",
    "alliance",
    "association",
    "authority",
    "board",
    "foundation",
    "organisation",
    "organization",
    "university",
    "corporation",
    "company",
    "trust",
    "network",
    "federation",
    "army",
    "navy",
    "club",
    "league",
    "society",
    "centre",
    "center",
    "assembly",
    "senate",
    "congress",
    "cabinet",
    "tribunal",
    "charity",
    "coalition",
    "watchdog",
    "government",
    "forum",
    "review",
    "agency's",
    "times",
    "news",
    "post",
    "guardian",
    "telegraph",
    "herald",
    "journal",
    "press",
    "media",
    "studies",
    "force",
    "command",
    "programme",
    "project",
    "council's",
    "forgemasters",
    "systems",
    "industries",
    "airlines",
    "group's",
    "entertainment",
    "exchange",
    "commons",
    "lords",
    "executive",
];

/// Words that end the names of places and buildings.
const PLACE_WORDS: &[&str] = &[
    "street",
    "house",
    "road",
    "square",
    "hall",
    "palace",
    "park",
    "hotel",
    "bridge",
    "island",
    "islands",
    "sea",
    "ocean",
    "river",
    "city",
    "town",
    "county",
    "airport",
    "station",
    "castle",
    "abbey",
    "cathedral",
    "stadium",
    "embassy",
    "avenue",
    "lane",
    "valley",
    "coast",
    "channel",
    "kingdom",
    "republic",
    "states",
    "east",
    "west",
    "north",
    "south",
    "mountains",
    "strait",
    "gulf",
    "bay",
    "port",
    "harbour",
    "camp",
    "base",
    "barracks",
    "green",
    "estate",
    "tower",
    "centre",
    "gate",
    "way",
    "hill",
    "hills",
    "forest",
    "lake",
    "canal",
    "wharf",
    "prison",
    "hospital",
    "school",
    "college",
];

/// Acronyms that are not organisations.
const NOT_ORGS: &[&str] = &[
    "UK", "US", "USA", "GDP", "CEO", "MP", "MPs", "PM", "TV", "AI", "VPN", "GMT", "BST", "LLC",
    "AM", "PM", "OK", "II", "III", "IV", "VI", "DC", "EST", "UTC", "CET", "ID", "PC", "CCTV", "PR",
    "QC", "KC", "MEP", "MEPs", "UAE", "URL", "FAQ", "LGBT", "COVID", "HIV", "JD", "DJ", "TBC",
    "UN's", "VAT",
];

/// Well-known organisations written as ordinary words, normalised.
const KNOWN_ORGS: &[(&str, &str)] = &[
    ("nato", "NATO"),
    ("ofcom", "Ofcom"),
    ("ofsted", "Ofsted"),
    ("unicef", "UNICEF"),
    ("unesco", "UNESCO"),
    ("europol", "Europol"),
    ("interpol", "Interpol"),
    ("frontex", "Frontex"),
    ("reuters", "Reuters"),
    ("eu", "EU"),
    ("un", "UN"),
    ("nhs", "NHS"),
    ("bbc", "BBC"),
    ("labour", "Labour"),
    ("conservatives", "Conservatives"),
    ("tories", "Conservatives"),
    ("kremlin", "Kremlin"),
    ("pentagon", "Pentagon"),
    ("whitehall", "Whitehall"),
    ("google", "Google"),
    ("meta", "Meta"),
    ("facebook", "Facebook"),
    ("tiktok", "TikTok"),
    ("youtube", "YouTube"),
    ("instagram", "Instagram"),
    ("snapchat", "Snapchat"),
    ("microsoft", "Microsoft"),
    ("apple", "Apple"),
    ("amazon", "Amazon"),
    ("openai", "OpenAI"),
    ("hamas", "Hamas"),
    ("hezbollah", "Hezbollah"),
    ("europe", ""),
];

/// News agencies, as a byline, dateline or signature names them -> canonical name.
const AGENCIES: &[(&str, &str)] = &[
    ("reuters", "Reuters"),
    ("thomson reuters", "Reuters"),
    ("ap", "Associated Press"),
    ("associated press", "Associated Press"),
    ("the associated press", "Associated Press"),
    ("afp", "AFP"),
    ("agence france-presse", "AFP"),
    ("pa", "PA Media"),
    ("pa media", "PA Media"),
    ("press association", "PA Media"),
    ("bloomberg", "Bloomberg"),
    ("dpa", "dpa"),
    ("ansa", "ANSA"),
    ("efe", "EFE"),
    ("xinhua", "Xinhua"),
    ("kyodo", "Kyodo"),
    ("interfax", "Interfax"),
    ("tass", "TASS"),
    ("upi", "UPI"),
    ("anadolu", "Anadolu"),
];

/// The canonical name of a news agency, if `text` is one.
pub fn agency(text: &str) -> Option<&'static str> {
    let lower = text.trim().to_lowercase();
    AGENCIES.iter().find(|(k, _)| *k == lower).map(|(_, v)| *v)
}

/// Common given names across many languages; a run starting with one is a person.
const GIVEN_NAMES: &str = "aaron abdul abdullah abigail adam adrian agnieszka ahmed aidan aisha alan albert alberto alejandro aleksandr alex alexander alexandra alexei ali alice alicia alison amanda amber amelia amir amy ana anders andrea andreas andrew andrzej andy angela angelina angus ann anna anne annalena annette anthony antonio antony arthur ashley aurelien barbara barry beata ben benjamin bernard beth bill bob boris brendan brian bridget bruce carl carla carlos carmen caroline catherine cecilia charles charlie charlotte chloe chris christian christina christine christopher claire clara claudia colin connor craig dan daniel danielle dara darren david dawn dean deborah denis dennis diana diane dmitry dominic donald donna dorothy douglas duncan dylan ed eddie edward elena eleanor elizabeth ella ellie elon emily emma emmanuel eric erin ethan eva evan ewa fatima felix fernando fiona florence frances francesca francesco francis francois frank franz frederick friedrich gabriel gareth gary gavin geert george georgia gerald gerhard giorgia giovanni giuseppe gordon grace graham grant greg gregory guy hannah hans harold harriet harry hassan heather heidi helen helena henry hilary hugh hugo iain ian ibrahim igor imran ingrid irene isabel isabella isla ivan jack jacob jacqueline jade jake james jamie jan jane janet janice jason javier jay jean jeff jeffrey jennifer jens jeremy jess jessica jill jim jo joan joanna joe joel johann john johnny jon jonathan jordan jorge jose josef joseph josh joshua joyce juan judith julia julian julie justin kamala kaja karen karl kate katherine kathleen katie katya kay keir keith kelly kemi ken kenneth kevin khalid kim kirsty klaus kristin kwame kyle lars laura lauren lee leo leon lewis liam lily linda lindsay lisa liz lloyd louis louise lucas lucy luis luke lynn madeleine magnus mahmoud malcolm manuel marc marco marcus margaret maria marie marina mario mark marta martin mary matt matteo matthew maurice max megan mehmet melanie mette michael michel michelle miguel mike mikhail miriam mohamed mohammed mohammad monica muhammad nadia nancy naomi narendra natalie nathan neil nicholas nick nicola nicolas nigel nikolai nina noah norman olaf oliver olivia omar oscar owen pablo pamela paolo patricia patrick paul paula pauline pedro penny pete peter petr philip philippe phillip pierre piotr priya rachel rafael rahul raj ralph ramon randy ravi rebecca reza richard rishi rita rob robert roberto robin roger roman ronald rory rosa rosie ross ruby rupert russell ruth ryan sadiq sally sam samantha samir samuel sandra sara sarah scott sean sebastian sergei sergey shabana shaun sharon shirley simon sofia sophie stanley stefan stella stephanie stephen steve steven stewart stuart sue susan suzanne sven tanya tara ted teresa theresa thomas tim timothy tina toby tom tommy tony tracy trevor ulrich ursula valerie vanessa vera veronica vicki victor victoria viktor vincent vivian vladimir volodymyr walter wayne wendy wes william willie wolfgang xavier yasmin yulia yuri yusuf yvette zac zoe zoran keiron kier giorgio viktoria andrii oleksandr olena mykola dmytro yevgen bongani kofi ngozi chidi emeka amina ayesha wei li ming jun hiroshi yuki kenji sanjay anil sunita deepak vikram";

/// Whether `word` is in `list`, through a set built once per list: the lists are checked
/// for every capitalised word of every story, and scanning them was a share of ingest.
fn listed(
    set: &'static OnceLock<HashSet<&'static str>>,
    list: &'static [&'static str],
    word: &str,
) -> bool {
    set.get_or_init(|| list.iter().copied().collect())
        .contains(word)
}

fn is_title(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    listed(&SET, TITLES, word)
}

fn is_org_word(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    listed(&SET, ORG_WORDS, word)
}

fn is_place_word(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    listed(&SET, PLACE_WORDS, word)
}

/// The canonical name of a known organisation by its lower-cased name (empty: not one).
fn known_organisation(lower: &str) -> Option<&'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| KNOWN_ORGS.iter().copied().collect())
        .get(lower)
        .copied()
}

fn given_names() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| GIVEN_NAMES.split_whitespace().collect())
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
