//! Whether the lead tells of something yet to happen (a preview says "will") or of what
//! has happened (a report says "has" or "did").

use super::lead::{unquoted, Word};

/// Words that tell of what is yet to happen.
const FUTURE: &[&str] = &[
    "will",
    "won't",
    "shall",
    "expected",
    "expects",
    "expect",
    "anticipates",
    "anticipated",
    "anticipate",
    "upcoming",
    "scheduled",
];
/// Verbs of saying: "has said" tells when something was said, not what happened.
const SAYING: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "noted",
    "warned",
    "explained",
    "insisted",
    "argued",
    "claimed",
];
/// Common irregular past tenses of what happens in the news.
const IRREGULAR_PAST: &[&str] = &[
    "held",
    "met",
    "won",
    "lost",
    "took",
    "gave",
    "went",
    "came",
    "began",
    "left",
    "made",
    "sent",
    "struck",
    "paid",
    "broke",
    "fell",
    "rose",
    "ran",
    "sold",
    "bought",
    "brought",
    "caught",
    "fought",
    "chose",
    "drew",
    "flew",
    "grew",
    "knew",
    "led",
    "sank",
    "saw",
    "shook",
    "spoke",
    "stood",
    "threw",
    "wrote",
    "hit",
    "quit",
    "shut",
    "cut",
    "upheld",
    "overturned",
];
/// Words ending in "-ed" that are no past tense.
const NOT_PAST: &[&str] = &["united", "hundred", "naked", "sacred", "wicked", "beloved"];

/// Whether word `at` opens a phrase of the future ("will", "set to", "poised to").
pub(super) fn future_at(words: &[Word], at: usize) -> bool {
    let word = words[at].lower.as_str();
    FUTURE.contains(&word)
        || (["set", "poised", "due"].contains(&word)
            && words.get(at + 1).is_some_and(|n| n.is("to"))
            && words
                .get(at + 2)
                .is_some_and(|n| !n.capitalised && n.lower.chars().all(char::is_alphabetic)))
}

/// Whether word `at` tells of something that happened: an auxiliary of the past ("has
/// agreed", "was fined"), a verb in "-ed" or a common irregular past; verbs of saying are
/// not the happening.
fn past_at(words: &[Word], at: usize, in_headline: bool) -> bool {
    let word = &words[at];
    let w = word.lower.as_str();
    if FUTURE.contains(&w) || SAYING.contains(&w) || NOT_PAST.contains(&w) {
        return false;
    }
    if ["has", "have", "had", "was", "were", "did"].contains(&w) {
        return !words
            .get(at + 1)
            .is_some_and(|n| SAYING.contains(&n.lower.as_str()));
    }
    // Inside a sentence a capitalised word is a name ("Ahmed"); a headline may capitalise
    // every word.
    if word.capitalised && at > 0 && !in_headline {
        return false;
    }
    IRREGULAR_PAST.contains(&w)
        || (w.len() >= 5
            && w.ends_with("ed")
            && !w.ends_with("eed")
            && w.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Whether a lead (headline, then first sentence) tells of something yet to happen: it
/// speaks of the future and of nothing that has happened ("will meet", "expected at the
/// upcoming meeting"; not "agreed on Thursday and will take effect").
pub(super) fn is_preview(lead: &[&str]) -> bool {
    let mut future = false;
    for (i, sentence) in lead.iter().enumerate() {
        let words = Word::all(&unquoted(sentence));
        for at in 0..words.len() {
            if past_at(&words, at, i == 0) {
                return false;
            }
            future |= future_at(&words, at);
        }
    }
    future
}
