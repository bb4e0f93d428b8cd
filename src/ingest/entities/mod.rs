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

use rustc_hash::{FxHashMap, FxHashSet};

use super::lexicon as lex;
use super::names;

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

/// A word of a paragraph with the punctuation around it.
#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    /// Byte offset of `core` in the paragraph.
    at: usize,
    /// The word without surrounding punctuation or a possessive ending.
    core: &'a str,
    /// An opening quote mark or bracket stands right before the word.
    opened: bool,
    /// An opening bracket stands right before the word.
    bracket: bool,
    /// What follows the word before the next space.
    post: &'a str,
    possessive: bool,
}

/// Abbreviations whose full stop belongs to the word ("Mr.", "St.", "Corp.").
const DOTTED: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Prof", "Gen", "Lt", "Col", "Capt", "Sgt", "Rev", "Gov", "Sen",
    "Rep", "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "Bros", "Mt", "Ft", "Supt", "Insp", "Det",
];

impl<'a> Tok<'a> {
    /// A capitalised word: an upper-case first letter ("Keir", "NATO", "G7"), or a small
    /// letter before a capital ("eSafety", "iPlayer").
    fn cap(&self) -> bool {
        let mut chars = self.core.chars();
        match chars.next() {
            Some(c) if c.is_uppercase() => true,
            Some(c) if c.is_lowercase() => chars.next().is_some_and(char::is_uppercase),
            _ => false,
        }
    }

    /// The word closes a run of capitals: punctuation or a possessive after it.
    fn closes(&self) -> bool {
        self.possessive
            || self.post.contains([
                ',', ';', ':', '!', '?', ')', ']', '”', '"', '.', '…', '’', '\'',
            ])
    }

    /// A sentence ends after the word.
    fn ends_sentence(&self) -> bool {
        self.post.contains(['.', '!', '?', ':', '…'])
    }

    fn lower(&self) -> String {
        self.core.to_lowercase()
    }
}

/// Splits a paragraph into words with their punctuation.
fn tokens(paragraph: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for piece in paragraph.split_inclusive(char::is_whitespace) {
        let start = at;
        at += piece.len();
        let piece = piece.trim_end();
        if piece.is_empty() {
            continue;
        }
        let body = piece.trim_start_matches(['“', '"', '‘', '\'', '(', '[', '«', '—', '–']);
        let lead = &piece[..piece.len() - body.len()];
        let opened = lead.contains(['“', '"', '‘', '\'', '(', '[', '«']);
        let bracket = lead.contains(['(', '[']);
        let mut core = body;
        let mut possessive = false;
        loop {
            let trimmed = core.trim_end_matches([
                ',', '.', ';', ':', '!', '?', ')', ']', '”', '"', '»', '…', '—', '–',
            ]);
            let trimmed = if let Some(stem) = trimmed
                .strip_suffix("’s")
                .or_else(|| trimmed.strip_suffix("'s"))
            {
                possessive = true;
                stem
            } else if let Some(stem) = trimmed
                .strip_suffix('’')
                .or_else(|| trimmed.strip_suffix('\''))
            {
                // "Leeds’ defeat": a plural possessive.
                possessive |= stem.ends_with('s');
                stem
            } else {
                trimmed
            };
            if trimmed.len() == core.len() {
                break;
            }
            core = trimmed;
        }
        let mut post = &body[core.len()..];
        let initial_letter = core.chars().count() == 1 && core.chars().all(char::is_uppercase);
        // "Ben E. King": an initial goes on into the next word, "iPhone X. The" does not.
        let next_goes_on = || {
            paragraph[at..]
                .split_whitespace()
                .next()
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_uppercase)
                && !paragraph[at..]
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| is_opener(&w.to_lowercase()))
        };
        if post.starts_with('.')
            && !possessive
            && (DOTTED.contains(&core) || core.contains('.') || initial_letter && next_goes_on())
        {
            core = &body[..core.len() + 1];
            post = &post[1..];
        }
        out.push(Tok {
            at: start + lead.len(),
            core,
            opened,
            bracket,
            post,
            possessive,
        });
    }
    out
}

/// Lower-case words that join the capitalised words of one name: a particle, or a link
/// of an organisation's name ("Bank of England", "Marks & Spencer").
fn is_link(word: &str) -> bool {
    matches!(word, "of" | "for" | "and" | "&" | "the") || is_particle(word)
}

/// Particles inside personal names ("von der Leyen").
fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "da"
            | "di"
            | "du"
            | "del"
            | "della"
            | "der"
            | "den"
            | "van"
            | "von"
            | "la"
            | "le"
            | "bin"
            | "al"
            | "ibn"
            | "y"
    )
}

/// Words that open sentences or qualify names without being names themselves.
fn is_opener(lower: &str) -> bool {
    names::is_opener_word(lower)
        || crate::text::is_stopword(lower)
        || matches!(
            lower,
            "mr" | "mrs"
                | "ms"
                | "dr"
                | "said"
                | "says"
                | "according"
                | "speaking"
                | "dear"
                | "alongside"
                | "amid"
                | "among"
                | "beside"
                | "besides"
                | "beyond"
                | "within"
                | "without"
                | "towards"
                | "toward"
                | "upon"
                | "via"
                | "despite"
                | "unlike"
                | "including"
                | "following"
                | "regarding"
                | "throughout"
                | "across"
                | "against"
                | "between"
                | "behind"
                | "below"
                | "above"
                | "beneath"
                | "near"
                | "outside"
                | "inside"
                | "around"
                | "onto"
                | "unless"
                | "whether"
                | "whereas"
                | "thanks"
                | "asked"
                | "told"
                | "meanwhile"
                | "ultimately"
                | "additionally"
                | "overall"
                | "currently"
                | "previously"
                | "recently"
                | "initially"
                | "eventually"
        )
}

/// A word of all capitals, two to six of them ("NATO", "UKHSA", "M&S", "G7"), or mixed
/// with small letters as acronyms are ("MoD", "DfE").
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    let len = word.chars().count();
    (2..=7).contains(&len)
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || c == '&' || c == '.')
        && word.chars().next().is_some_and(char::is_uppercase)
        && (upper == letters || (upper >= 2 && upper * 2 >= letters && len <= 5))
}

/// Members of a legislature written after their party ("MPs", "MEPs").
fn is_members_word(word: &str) -> bool {
    matches!(
        word,
        "MPs" | "MEPs" | "MSPs" | "MLAs" | "TDs" | "MP" | "MEP" | "MSP"
    )
}

/// A capital letter joined by a hyphen to a lower-case word ("X-ray", "T-shirt").
fn is_letter_compound(word: &str) -> bool {
    let mut parts = word.splitn(2, '-');
    let (Some(letter), Some(rest)) = (parts.next(), parts.next()) else {
        return false;
    };
    letter.chars().count() == 1
        && letter.chars().all(|c| c.is_uppercase())
        && rest.chars().count() >= 2
        && rest.chars().all(|c| c.is_lowercase())
}

/// The small words a title-case line leaves in lower case.
fn is_title_case_small(lower: &str) -> bool {
    matches!(
        lower,
        "a" | "an"
            | "the"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "and"
            | "or"
            | "but"
            | "by"
            | "with"
            | "as"
            | "vs"
    )
}

/// A model or type code ("F-16", "S9", "MQ-9"): up to three capitals, a dash or not,
/// then digits and maybe a letter.
fn is_model_code(word: &str) -> bool {
    let letters = word.chars().take_while(char::is_ascii_uppercase).count();
    let rest = word[letters..]
        .strip_prefix('-')
        .unwrap_or(&word[letters..]);
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    (1..=3).contains(&letters)
        && digits > 0
        && rest[digits..].chars().count() <= 1
        && rest[digits..].chars().all(|c| c.is_ascii_alphabetic())
}

/// What the text says of one mention of a name.
#[derive(Debug, Default, Clone)]
struct Evidence {
    mentions: u32,
    /// Mentions not at the start of a sentence.
    mid: u32,
    /// A title, honorific, given name, age or role noun beside it: a person.
    person: u32,
    /// An honorific before a single word ("Mr Sunak"), or "Sir"/"Dame" before a given name.
    honorific: Option<bool>,
    /// A body's word beside it ("X spokesperson", "a spokeswoman for X"): an organisation.
    org: u32,
    /// Its own shape makes it a body (an organisation word, a known body).
    org_shape: bool,
    /// An acronym.
    acronym: bool,
    /// The subject or object of a verb of speech ("X said", "said X", "according to X").
    actor: u32,
    /// A place (a known one, or after "in"/"from").
    place: bool,
    place_context: u32,
    /// Sports evidence: "beat X", "X manager", "defeat to X".
    sport: u32,
    /// Words of the name read as common words of the story (they occur in lower case).
    common: bool,
    /// Mentions after "the" or "a".
    determined: u32,
    /// First offset in the joined paragraphs.
    first: usize,
    /// The acronym a name is given in brackets right after it ("... (ONS)").
    acronym_given: Option<String>,
}

/// One sighting of a name in the text.
struct Sighting {
    name: String,
    at: usize,
    ev: Evidence,
    role: Option<String>,
}

/// Verbs and nouns around a team's name in a match report.
fn is_sport_word(word: &str) -> bool {
    matches!(
        word,
        "beat"
            | "beats"
            | "beating"
            | "defeated"
            | "defeat"
            | "defeats"
            | "drew"
            | "draw"
            | "thrashed"
            | "edged"
            | "hosted"
            | "host"
            | "hosts"
            | "face"
            | "faces"
            | "faced"
            | "against"
            | "v"
            | "vs"
            | "win"
            | "won"
            | "victory"
            | "loss"
            | "lost"
            | "rivals"
            | "toppers"
            | "manager"
            | "boss"
            | "coach"
            | "head"
            | "captain"
            | "striker"
            | "midfielder"
            | "defender"
            | "goalkeeper"
            | "winger"
            | "forward"
            | "fans"
            | "supporters"
            | "side"
            | "squad"
            | "players"
            | "opener"
            | "equaliser"
            | "winner"
            | "goal"
            | "goals"
            | "try"
            | "tries"
            | "scrum"
            | "lineout"
            | "clash"
            | "match"
            | "fixture"
            | "promotion"
            | "relegation"
            | "relegated"
            | "promoted"
            | "unbeaten"
            | "trail"
            | "trailed"
            | "led"
            | "lead"
            | "away"
    )
}

/// Prepositions that tie a team's name to a sports word before them ("defeat to X",
/// "win away at X", "victory for X").
fn is_sport_preposition(word: &str) -> bool {
    matches!(
        word,
        "to" | "for" | "at" | "over" | "with" | "by" | "against"
    )
}

/// Words of a match report: a story with a score and some of these is about sport.
fn is_match_word(word: &str) -> bool {
    matches!(
        word,
        "match"
            | "goal"
            | "goals"
            | "season"
            | "league"
            | "championship"
            | "tournament"
            | "penalty"
            | "striker"
            | "midfielder"
            | "manager"
            | "try"
            | "tries"
            | "fixture"
            | "kick-off"
            | "half-time"
            | "win"
            | "defeat"
            | "victory"
            | "draw"
            | "scored"
            | "clean"
            | "squad"
            | "coach"
    )
}

/// A score ("2-0", "24-17", "6-3").
fn is_score(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_ascii_digit() && c != '-' && c != '–');
    let mut parts = word.split(['-', '–']);
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let short_number =
        |s: &str| (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    short_number(a) && short_number(b)
}

/// Nouns after a body's name ("Ofcom spokesperson", "Burnley manager", "Meta's chief
/// executive") that make it a body.
fn is_org_follower(word: &str) -> bool {
    matches!(
        word,
        "spokesperson"
            | "spokesman"
            | "spokeswoman"
            | "spokespeople"
            | "chief"
            | "boss"
            | "bosses"
            | "chairman"
            | "chairwoman"
            | "founder"
            | "co-founder"
            | "owner"
            | "owners"
            | "users"
            | "shares"
            | "shareholders"
            | "staff"
            | "employees"
            | "executives"
            | "official"
            | "officials"
            | "account"
            | "accounts"
            | "app"
            | "website"
            | "platform"
            | "statement"
            | "report"
            | "members"
            | "membership"
            | "leadership"
            | "headquarters"
            | "board"
            | "subsidiary"
            | "parent"
            | "ceo"
            | "president"
            | "director"
            | "manager"
            | "analysts"
            | "researchers"
            | "data"
            | "figures"
            | "survey"
            | "poll"
            | "policy"
            | "policies"
            | "mp"
            | "mps"
            | "peer"
            | "peers"
            | "councillor"
            | "councillors"
            | "leader"
            | "candidate"
            | "candidates"
            | "government"
            | "administration"
            | "fans"
            | "supporters"
            | "squad"
            | "players"
            | "frontman"
            | "singer"
            | "guitarist"
            | "drummer"
            | "star"
            | "stars"
            | "member"
            | "spokespersons"
            | "lawyers"
            | "investigators"
            | "scientists"
            | "engineers"
            | "customers"
            | "subscribers"
            | "creators"
            | "moderators"
            | "posts"
            | "channel"
            | "channels"
    )
}

/// Words before a body's name ("a spokesperson for X", "shares in X", "director at X").
fn is_org_preceder(word: &str) -> bool {
    matches!(
        word,
        "spokesperson"
            | "spokesman"
            | "spokeswoman"
            | "shares"
            | "users"
            | "owner"
            | "boss"
            | "founder"
            | "co-founder"
            | "chief"
            | "executive"
            | "head"
            | "director"
            | "chair"
            | "chairman"
            | "chairwoman"
            | "president"
            | "officer"
            | "manager"
            | "analyst"
            | "economist"
            | "researcher"
            | "consultant"
            | "professor"
            | "lecturer"
            | "member"
            | "members"
            | "employee"
            | "employees"
            | "staff"
            | "leader"
            | "secretary"
            | "minister"
            | "partner"
            | "editor"
            | "reporter"
            | "correspondent"
            | "epidemiologist"
            | "scientist"
    )
}

/// The words of a story in lower case, which show a capitalised word is a common one.
fn lower_vocabulary<'a>(paragraphs: &[&'a str]) -> FxHashSet<&'a str> {
    let mut vocab = FxHashSet::default();
    for paragraph in paragraphs {
        for word in paragraph.split_whitespace() {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            if word.starts_with(char::is_lowercase) && word.len() > 1 {
                vocab.insert(word);
            }
        }
    }
    vocab
}

/// Reads the names of one paragraph.
struct Reader<'v> {
    vocab: &'v FxHashSet<&'v str>,
    sightings: Vec<Sighting>,
    /// Names joined by "and" ("Ana Petrović and Tomas Keller"), by sighting index.
    pairs: Vec<(usize, usize)>,
}

impl<'v> Reader<'v> {
    fn common(&self, lower: &str) -> bool {
        self.vocab.contains(lower)
    }

    fn paragraph(&mut self, paragraph: &str, offset: usize) {
        let toks = tokens(paragraph);
        // In a line of capitalised words (a table row, a title-case heading) a capital
        // is no sign of a name: only bodies known by their shape are read there.
        let title_case = toks.len() >= 3
            && toks.iter().all(|t| {
                t.cap()
                    || !t.core.chars().any(char::is_alphabetic)
                    || is_title_case_small(&t.lower())
            });
        let mut i = 0;
        let mut previous_run: Option<(usize, usize)> = None;
        while i < toks.len() {
            if !toks[i].cap() {
                i += 1;
                continue;
            }
            // A run of capitalised words, with links between them.
            let start = i;
            let mut end = i + 1;
            let mut has_of = false;
            if !toks[i].closes() {
                let mut j = i + 1;
                while j < toks.len() {
                    let t = &toks[j];
                    if t.opened && !t.core.is_empty() {
                        break;
                    }
                    if t.cap() {
                        end = j + 1;
                        if t.closes() {
                            break;
                        }
                        j += 1;
                        continue;
                    }
                    let lower = t.lower();
                    let joins = is_link(&lower)
                        && !t.closes()
                        && (lower != "and" || has_of && lex::is_org_head(&toks[start].lower()))
                        && (lower != "the" || matches!(toks[j - 1].core, "of" | "for"))
                        && toks
                            .get(j + 1)
                            .is_some_and(|n| (n.cap() || is_link(&n.lower())) && !n.opened);
                    if joins {
                        has_of |= lower == "of" || lower == "for";
                        j += 1;
                        continue;
                    }
                    break;
                }
            }
            // Links at the end belong to no name.
            while end > start + 1 && !toks[end - 1].cap() {
                end -= 1;
            }
            // "Channel 4", "BBC Radio 4": a known body whose name ends in a number.
            if toks.get(end).is_some_and(|t| {
                !toks[end - 1].closes()
                    && !t.core.is_empty()
                    && t.core.chars().all(|c| c.is_ascii_digit())
            }) {
                let with_number: Vec<String> = toks[start..=end].iter().map(Tok::lower).collect();
                if lex::known_org(&with_number.join(" ")).is_some() {
                    end += 1;
                }
            }
            let initial = start == 0
                || toks[start - 1].ends_sentence()
                || toks[start].opened && !toks[start].bracket;
            let run_index = self.sightings.len();
            self.run(&toks, start, end, initial, offset);
            if title_case {
                let run: Vec<Sighting> = self.sightings.split_off(run_index);
                self.sightings
                    .extend(run.into_iter().filter(|s| s.ev.org_shape));
            }
            let pushed = self.sightings.len() > run_index;
            // "A and B": two names joined.
            if let Some((p, p_end)) = previous_run {
                if pushed && p_end + 1 == start && toks[p_end].lower() == "and" {
                    self.pairs.push((p, run_index));
                }
            }
            previous_run = pushed.then(|| (self.sightings.len() - 1, end));
            i = end.max(start + 1);
        }
    }

    /// Reads one run of capitalised words `toks[start..end]`.
    fn run(&mut self, toks: &[Tok], start: usize, end: usize, initial: bool, offset: usize) {
        let words: Vec<&str> = toks[start..end].iter().map(|t| t.core).collect();
        let lowers: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let whole = lowers.join(" ");
        let at = offset + toks[start].at;
        // "(Reuters)": a wire's credit, not a name the story uses.
        if toks[start].bracket && names::agency(&whole).is_some() {
            return;
        }
        // "WHO" opening a shouted line is a word, not the health body.
        if words.len() == 1 && initial && crate::text::is_stopword(&lowers[0]) {
            return;
        }
        // A run of titles alone ("the Prime Minister") names a role, not a person.
        if lowers
            .iter()
            .all(|l| lex::is_head_title(l) || lex::is_title_modifier(l) || is_link(l))
            && lowers.iter().any(|l| lex::is_head_title(l))
        {
            return;
        }
        // "Labour MPs": the party of its members.
        if words.len() > 1 && is_members_word(words[words.len() - 1]) {
            self.run(toks, start, end - 1, initial, offset);
            return;
        }
        // A model with its code ("F-16 Fighting Falcon", "Galaxy Tab S9") is a product; a
        // letter joined to a common word ("X-ray", "U-turn") is a common noun; a run ending
        // in a noun for a kind of person ("Coast Guardsman") describes someone, it is no name.
        if words.len() > 1 && words.iter().any(|w| is_model_code(w))
            || words.iter().any(|w| is_letter_compound(w))
            || lowers
                .last()
                .is_some_and(|l| l.ends_with("sman") || l.ends_with("swoman"))
        {
            return;
        }
        // A headline or shouted words, not a name ("LONDON", "BREAKING NEWS").
        if words.iter().all(|w| w.chars().all(|c| !c.is_lowercase()))
            && (words.len() > 1
                || words[0].chars().count() > 7
                || words[0].len() >= 4 && lex::is_place(&lowers[0]))
        {
            return;
        }
        // A well-known body, whole or before a title ("Nato Secretary General Mark Rutte").
        if let Some(name) = lex::known_org(&whole) {
            let mut ev = self.context(toks, start, end, initial);
            ev.org_shape = true;
            ev.acronym = words.len() == 1 && is_acronym(words[0]);
            self.push(name.to_string(), at, ev, None);
            return;
        }
        // Titles: the name is what follows the last head title.
        let head = (0..words.len()).rev().find(|&k| {
            lex::is_head_title(&lowers[k]) && k + 1 < words.len() && !(k == 0 && words.len() == 1)
        });
        if let Some(h) = head {
            // What stands before the title: modifiers of it, or a body ("BAE Chief
            // Executive", "Nato Secretary General").
            let mut title_from = h;
            while title_from > 0
                && (lex::is_title_modifier(&lowers[title_from - 1])
                    || lex::is_head_title(&lowers[title_from - 1])
                    || lex::is_demonym(&lowers[title_from - 1]))
            {
                title_from -= 1;
            }
            if title_from > 0 {
                let before = &words[..title_from];
                let lower_before = before.join(" ").to_lowercase();
                let body = lex::known_org(&lower_before)
                    .map(str::to_string)
                    .or_else(|| {
                        (before.len() == 1 && is_acronym(before[0])).then(|| before[0].to_string())
                    });
                if let Some(body) = body {
                    let ev = Evidence {
                        org: 1,
                        org_shape: lex::known_org(&lower_before).is_some(),
                        acronym: is_acronym(before[0]),
                        ..Evidence::default()
                    };
                    self.push(body, at, ev, None);
                }
            }
            let role = lowers[title_from..=h].join(" ");
            let mut name_from = h + 1;
            // "Minister for Health Jane Doyle": the office's field is no name; the
            // name opens with a given name.
            if is_link(&lowers[name_from]) {
                match (name_from..words.len()).find(|&k| is_given(&lowers[k])) {
                    Some(k) if k + 1 < words.len() => name_from = k,
                    _ => return,
                }
            }
            let name_words = &words[name_from..];
            let name_lowers = &lowers[name_from..];
            let last_lower = &lowers[lowers.len() - 1];
            if name_words.is_empty()
                || lex::is_event_word(last_lower)
                || name_words.len() == 1
                    && (lex::is_abstract_noun(last_lower)
                        || lex::is_generic_capital(last_lower)
                        || lex::is_place_word(last_lower))
            {
                return;
            }
            let name_lower = name_lowers.join(" ");
            if lex::is_org_word(name_lowers.last().unwrap())
                || lex::is_place(&name_lower)
                || lex::known_org(&name_lower).is_some()
                || name_words.iter().any(|w| is_acronym(w) && w.len() > 1)
            {
                // "General Motors", "President Trump's Washington": no person.
                if lex::is_org_word(name_lowers.last().unwrap()) {
                    let mut ev = self.context(toks, start, end, initial);
                    ev.org_shape = true;
                    self.push(words.join(" "), at, ev, None);
                }
                return;
            }
            let mut ev = self.context(toks, start + name_from, end, false);
            let honorific = lex::honorific(&lowers[h]);
            let peer = matches!(lowers[h].as_str(), "lord" | "lady" | "baroness" | "baron");
            let name = if peer && name_words.len() == 1 {
                format!("{} {}", words[h], name_words[0])
            } else {
                name_words.join(" ")
            };
            ev.person += 1;
            if name_words.len() == 1 && !peer {
                ev.honorific = Some(honorific.unwrap_or(false));
            }
            let role = (honorific.is_none() && !peer).then_some(role);
            self.push(name, at, ev, role);
            return;
        }
        // Openers and nationalities before the name ("However", "American").
        let mut from = 0;
        let mut demonym = false;
        let mut role_before = false;
        while from < words.len() {
            let lower = &lowers[from];
            let rest = lowers[from..].join(" ");
            if lex::known_org(&rest).is_some() || lex::is_place(&rest) {
                break;
            }
            if is_link(lower) {
                from += 1;
                continue;
            }
            if (lex::is_demonym(lower) || lex::is_place(lower)) && from + 1 < words.len() {
                // "German Ministry of Defence", "UK Health Security Agency": a body's name.
                let rest_lowers = &lowers[from + 1..];
                let body = lex::is_org_word(&rest_lowers[rest_lowers.len() - 1])
                    || rest_lowers.len() >= 3
                        && lex::is_org_head(&rest_lowers[0])
                        && matches!(rest_lowers[1].as_str(), "of" | "for");
                if body {
                    break;
                }
                demonym = true;
                from += 1;
                continue;
            }
            // "Organisers Tom and Ruth Hale", "Striker Lee Amos": a role before a name.
            let singular = lower.strip_suffix('s').unwrap_or(lower);
            if (lex::is_person_noun(lower) || lex::is_person_noun(singular))
                && from + 1 < words.len()
                && !is_given(lower)
            {
                role_before = true;
                from += 1;
                continue;
            }
            let opener = is_opener(lower) && !is_given(lower);
            // A sentence's first word found in lower case elsewhere is a common word.
            let common_first = from == 0
                && initial
                && words.len() > 1
                && self.common(lower)
                && !is_given(lower)
                && !lex::is_org_head(lower);
            if opener || common_first {
                from += 1;
                continue;
            }
            break;
        }
        if from >= words.len() {
            // "The French coastguard": a nation's body.
            if demonym || lex::is_demonym(&lowers[words.len() - 1]) || lex::is_place(&whole) {
                self.national_body(toks, end, at, &words[words.len() - 1..]);
            }
            return;
        }
        let initial = initial && from == 0;
        let words = &words[from..];
        let lowers = &lowers[from..];
        let name = words.join(" ");
        let name_lower = lowers.join(" ");
        let at = offset + toks[start + from].at;
        let mut ev = self.context(toks, start + from, end, initial);
        if let Some(known) = lex::known_org(&name_lower) {
            ev.org_shape = true;
            self.push(known.to_string(), at, ev, None);
            return;
        }
        if lex::is_place(&name_lower) {
            // A nation's body ("the UK coastguard"), or the place.
            if self.national_body(toks, end, at, words) {
                return;
            }
            ev.place = true;
            self.push(name, at, ev, None);
            return;
        }
        let last_lower = &lowers[lowers.len() - 1];
        // The body's head after a nation ("U.S. Department of Agriculture").
        let nation = usize::from(
            words.len() >= 4
                && (lex::is_demonym(&lowers[0])
                    || lex::is_place(&lowers[0])
                    || is_acronym(words[0])),
        );
        let org_shape = words.len() >= 2
            && (lex::is_org_word(last_lower) || lex::is_company_suffix(words[words.len() - 1]))
            || words.len() >= 3 + nation
                && lex::is_org_head(&lowers[nation])
                && matches!(lowers[nation + 1].as_str(), "of" | "for")
            || words.len() == 1 && lex::is_institution(&lowers[0]) && !initial;
        // "Members of Parliament": people, not a body.
        if words.len() >= 3 && matches!(lowers[0].as_str(), "members" | "member") {
            return;
        }
        if words.len() >= 2 && lex::is_place_opener(&lowers[0]) && !org_shape {
            ev.place = true;
            self.push(name, at, ev, None);
            return;
        }
        if org_shape {
            ev.org_shape = true;
            self.push(name, at, ev, None);
            return;
        }
        if words.len() >= 2 && lex::is_place_word(last_lower) {
            ev.place = true;
            self.push(name, at, ev, None);
            return;
        }
        if words.len() == 1 && is_acronym(words[0]) {
            if lex::is_not_org_acronym(words[0]) {
                return;
            }
            ev.acronym = true;
        }
        if words
            .iter()
            .any(|w| w.chars().all(|c| !c.is_lowercase()) && w.chars().count() > 1)
            && words.len() > 1
        {
            // "UK Health Security Agency" has its organisation word; "BBC Radio" is a body.
            ev.org += 1;
        }
        if words.len() >= 2 && is_given(&lowers[0]) || role_before {
            ev.person += 1;
        }
        if words.len() == 1
            && (lex::is_abstract_noun(&lowers[0])
                || lex::is_generic_capital(&lowers[0])
                || lex::is_person_noun(&lowers[0])
                || lex::is_demonym(&lowers[0]))
        {
            return;
        }
        if demonym && words.len() >= 2 {
            ev.person += 1;
        }
        ev.common = lowers.iter().any(|l| self.common(l) || is_opener(l));
        self.push(name, at, ev, None);
    }

    /// "The French coastguard", "the UK navy": a nation's body named by its nationality and
    /// a lower-case noun after the run ending at `end`. Pushes it and says whether it did.
    fn national_body(&mut self, toks: &[Tok], end: usize, at: usize, nation: &[&str]) -> bool {
        if toks[end - 1].closes() {
            return false;
        }
        let mut words = Vec::new();
        for t in toks.iter().skip(end).take(3) {
            let lower = t.lower();
            if t.cap() || lower.is_empty() {
                break;
            }
            words.push(lower.clone());
            if lex::is_national_body(&lower)
                && !matches!(lower.as_str(), "coast" | "border" | "air" | "armed")
            {
                let name = format!("{} {}", nation.join(" "), words.join(" "));
                let ev = Evidence {
                    org_shape: true,
                    ..Evidence::default()
                };
                self.push(name, at, ev, None);
                return true;
            }
            if t.closes() {
                break;
            }
            // "coast guard", "border force", "air force", "armed forces": two words.
            if !matches!(
                lower.as_str(),
                "coast"
                    | "border"
                    | "air"
                    | "armed"
                    | "maritime"
                    | "national"
                    | "federal"
                    | "naval"
                    | "military"
                    | "foreign"
                    | "interior"
                    | "defence"
                    | "defense"
                    | "justice"
            ) {
                break;
            }
        }
        false
    }

    /// What the words around `toks[start..end]` say of it.
    fn context(&self, toks: &[Tok], start: usize, end: usize, initial: bool) -> Evidence {
        let mut ev = Evidence {
            mentions: 1,
            mid: u32::from(!initial),
            ..Evidence::default()
        };
        let last = &toks[end - 1];
        let before = |k: usize| start.checked_sub(k).map(|i| &toks[i]);
        let after = |k: usize| toks.get(end - 1 + k);
        let b1 = before(1).map(Tok::lower).unwrap_or_default();
        let b2 = before(2).map(Tok::lower).unwrap_or_default();
        let b1_closes = before(1).is_some_and(Tok::closes);
        // Before it: a role noun ("manager Scott Parker"), a verb of speech ("said X").
        if !b1_closes && !toks[start].opened {
            if lex::is_person_noun(&b1) && !before(1).is_some_and(Tok::cap) {
                ev.person += 1;
            }
            if matches!(b1.as_str(), "the" | "a" | "an") {
                ev.determined += 1;
            }
            if lex::is_speech_verb(&b1) || b1 == "to" && b2 == "according" {
                ev.actor += 1;
            }
            if matches!(b1.as_str(), "for" | "at" | "of" | "in" | "with" | "from")
                && is_org_preceder(&b2)
            {
                ev.org += 1;
            }
            if matches!(
                b1.as_str(),
                "in" | "from"
                    | "near"
                    | "across"
                    | "into"
                    | "outside"
                    | "inside"
                    | "throughout"
                    | "towards"
                    | "around"
                    | "via"
            ) {
                ev.place_context += 1;
            }
            if is_sport_word(&b1) || is_sport_preposition(&b1) && is_sport_word(&b2) {
                ev.sport += 1;
            }
        }
        // After it: a verb of speech, an age, an appositive, a body's noun.
        let a1 = after(1);
        let mut k = 1;
        while after(k).is_some_and(|t| {
            matches!(
                t.lower().as_str(),
                "has"
                    | "had"
                    | "have"
                    | "also"
                    | "later"
                    | "then"
                    | "previously"
                    | "earlier"
                    | "was"
                    | "is"
                    | "today"
                    | "yesterday"
            ) && !t.closes()
        }) {
            k += 1;
        }
        if !last.closes() || last.possessive || last.post.starts_with(',') {
            if let Some(t) = after(k) {
                if lex::is_speech_verb(&t.lower()) && !(last.possessive) {
                    ev.actor += 1;
                }
            }
        }
        if let Some(t) = a1 {
            let lower = t.lower();
            if !t.cap() && (!last.closes() || last.possessive) {
                if is_org_follower(&lower) {
                    ev.org += 1;
                }
                if is_sport_word(&lower) {
                    ev.sport += 1;
                }
            }
            if last.post.starts_with(',') {
                // ", 34," — an age.
                if lower.bytes().all(|b| b.is_ascii_digit())
                    && (1..=3).contains(&lower.len())
                    && t.post.starts_with(',')
                {
                    ev.person += 1;
                }
                // ", who": a person.
                if lower == "who" {
                    ev.person += 1;
                }
                // ", the chief executive," / ", BAE’s chief executive,": an appositive role.
                for t in toks.iter().skip(end).take(7) {
                    let l = t.lower();
                    if lex::is_person_noun(&l) && !t.cap() || lex::is_person_noun(&l) && t.closes()
                    {
                        ev.person += 1;
                        break;
                    }
                    if t.closes() || lex::is_speech_verb(&l) {
                        break;
                    }
                }
            }
            // "(22)": an age in brackets.
            if t.bracket
                && lower.bytes().all(|b| b.is_ascii_digit())
                && (1..=3).contains(&lower.len())
            {
                ev.person += 1;
            }
            // "(ONS)": the acronym it is known by.
            if t.bracket && is_acronym(t.core) && t.post.starts_with(')') {
                ev.acronym_given = Some(t.core.to_string());
            }
        }
        ev
    }

    fn push(&mut self, name: String, at: usize, mut ev: Evidence, role: Option<String>) {
        ev.mentions = 1;
        ev.first = at;
        self.sightings.push(Sighting { name, at, ev, role });
    }
}

fn is_given(lower: &str) -> bool {
    names::is_given_name(lower) || {
        static SET: std::sync::OnceLock<FxHashSet<&'static str>> = std::sync::OnceLock::new();
        SET.get_or_init(|| lex::MORE_GIVEN_NAMES.split_whitespace().collect())
            .contains(lower)
    }
}

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
            let body = super::extract::without_dateline(paragraph);
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

    /// Whether `name` is one of the story's people.
    pub fn is_person(&self, name: &str) -> bool {
        self.people.iter().any(|p| p == name)
    }
}

/// Decides what every name read is, merges short and long forms, and lists them.
fn decide(reader: Reader, sport: bool, source: Option<&str>) -> Entities {
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
        } else if e.mid == 0 && e.honorific.is_none() {
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

#[cfg(test)]
mod tests {
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
            e.resolve_role("the prime minister", at),
            Some((Kind::Person, "Tom Brennan".to_string()))
        );
        assert_eq!(
            e.resolve_role("the former prime minister", at),
            Some((Kind::Person, "Priya Vance".to_string()))
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
            e.resolve_role("the Prime Minister", at),
            Some((Kind::Person, "Jane Holloway".to_string()))
        );
    }
}
