//! Reading names: runs of capitalised words in a paragraph, each read as a sighting of a
//! name with its evidence (titles cut off, bodies and places told by their shape).

use rustc_hash::FxHashSet;

use super::evidence::{Evidence, Sighting};
use super::scan::{
    is_acronym, is_given, is_letter_compound, is_link, is_members_word, is_model_code, is_opener,
    is_title_case_small, tokens, Tok,
};
use crate::ingest::lexicon as lex;
use crate::ingest::names;

/// Reads the names of one paragraph.
pub(super) struct Reader<'v> {
    pub(super) vocab: &'v FxHashSet<&'v str>,
    pub(super) sightings: Vec<Sighting>,
    /// Names joined by "and" ("Ana Petrović and Tomas Keller"), by sighting index.
    pub(super) pairs: Vec<(usize, usize)>,
}

impl<'v> Reader<'v> {
    fn common(&self, lower: &str) -> bool {
        self.vocab.contains(lower)
    }

    pub(super) fn paragraph(&mut self, paragraph: &str, offset: usize) {
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

    fn push(&mut self, name: String, at: usize, mut ev: Evidence, role: Option<String>) {
        ev.mentions = 1;
        ev.first = at;
        self.sightings.push(Sighting { name, at, ev, role });
    }
}
