//! Evidence for names: what the text says of one mention (a title, a role noun, an age, a
//! body's word, a verb of speech, a sports report's words around it).

use super::reader::Reader;
use super::scan::{is_acronym, Tok};
use crate::ingest::lexicon as lex;

/// What the text says of one mention of a name.
#[derive(Debug, Default, Clone)]
pub(super) struct Evidence {
    pub(super) mentions: u32,
    /// Mentions not at the start of a sentence.
    pub(super) mid: u32,
    /// A title, honorific, given name, age or role noun beside it: a person.
    pub(super) person: u32,
    /// An honorific before a single word ("Mr Sunak"), or "Sir"/"Dame" before a given name.
    pub(super) honorific: Option<bool>,
    /// A body's word beside it ("X spokesperson", "a spokeswoman for X"): an organisation.
    pub(super) org: u32,
    /// Its own shape makes it a body (an organisation word, a known body).
    pub(super) org_shape: bool,
    /// An acronym.
    pub(super) acronym: bool,
    /// The subject or object of a verb of speech ("X said", "said X", "according to X").
    pub(super) actor: u32,
    /// A place (a known one, or after "in"/"from").
    pub(super) place: bool,
    pub(super) place_context: u32,
    /// Sports evidence: "beat X", "X manager", "defeat to X".
    pub(super) sport: u32,
    /// Words of the name read as common words of the story (they occur in lower case).
    pub(super) common: bool,
    /// Mentions after "the" or "a".
    pub(super) determined: u32,
    /// First offset in the joined paragraphs.
    pub(super) first: usize,
    /// The acronym a name is given in brackets right after it ("... (ONS)").
    pub(super) acronym_given: Option<String>,
}

/// One sighting of a name in the text.
pub(super) struct Sighting {
    pub(super) name: String,
    pub(super) at: usize,
    pub(super) ev: Evidence,
    pub(super) role: Option<String>,
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
pub(super) fn is_match_word(word: &str) -> bool {
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
pub(super) fn is_score(word: &str) -> bool {
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

impl Reader<'_> {
    /// What the words around `toks[start..end]` say of it.
    pub(super) fn context(
        &self,
        toks: &[Tok],
        start: usize,
        end: usize,
        initial: bool,
    ) -> Evidence {
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
            // "X from Leeds, who ...": where someone comes from, then a clause on them.
            if lower == "from" && !last.closes() {
                if let Some(p) = toks.iter().skip(end + 1).take(3).position(Tok::closes) {
                    let place = &toks[end + 1..=end + 1 + p];
                    if place.iter().all(Tok::cap)
                        && place[p].post.starts_with(',')
                        && toks.get(end + 2 + p).is_some_and(|w| w.lower() == "who")
                    {
                        ev.person += 1;
                    }
                }
            }
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
                    // A possessive goes on to its role ("Ann’s mother").
                    if t.closes() && !t.possessive || lex::is_speech_verb(&l) {
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
}
