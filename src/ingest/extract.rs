//! Facts read off a story's text: a headline when the page has none, a summary and key
//! figures. (Quotes are `quotes`, names `entities`, datelines and sign-offs `wire`.)

use std::sync::OnceLock;

use crate::story::Figure;
use regex::Regex;

use super::wire::without_dateline;
use crate::text;

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| text::builtin_regex(pattern))
}

/// Longest generated headline, in characters.
const MAX_TITLE_CHARS: usize = 90;
/// Fewest words a generated headline cut short keeps.
const MIN_TITLE_WORDS: usize = 6;

/// Words a clause starts with: a headline may end just before one.
const CLAUSE_STARTS: &[&str] = &[
    "as",
    "after",
    "amid",
    "while",
    "because",
    "which",
    "who",
    "where",
    "when",
    "despite",
    "before",
    "following",
    "but",
    "and",
    "although",
    "though",
    "since",
    "until",
    "unless",
    "so",
    "saying",
    "says",
    "said",
    "with",
    "without",
    "–",
    "-",
    "—",
];
/// Words a phrase starts with (prepositions and auxiliaries): a weaker place to end.
const PHRASE_STARTS: &[&str] = &[
    "on", "in", "at", "for", "from", "to", "over", "under", "into", "by", "about", "against",
    "across", "between", "through", "during", "could", "would", "will", "may", "might", "can",
    "should", "must", "has", "have", "had", "is", "are", "was", "were",
];
/// Words a headline never ends on: it would be left hanging.
const DANGLING: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "for", "and", "or", "with", "by", "at", "its", "his",
    "her", "their", "our", "your", "my", "this", "that", "these", "those", "he", "she", "they",
    "it", "we", "who", "which", "as", "was", "were", "is", "are", "has", "have", "had", "would",
    "will", "could", "should", "can", "may", "might", "must", "from", "into", "than", "be", "been",
    "being", "said", "told", "up", "out", "off", "down", "over", "about", "not", "no", "very",
    "more", "most", "some", "any", "all", "such", "if", "but", "so", "also", "just", "only",
    "after", "before", "while", "when", "where", "because", "since", "despite", "amid", "against",
    "between", "through", "during", "under", "than", "then", "there",
];

/// A headline made from a lead sentence, for a story whose page has none: the sentence
/// whole when it is short, else cut where a clause (or failing that a phrase) begins, at
/// most about 90 characters, never ending on a word that leaves it hanging, a comma or a dash.
pub fn generate_title(lead: &str) -> String {
    let lead = without_dateline(lead);
    // "On Monday 3 February 2025, ..." : the time phrase is no part of a headline.
    static WHEN: OnceLock<Regex> = OnceLock::new();
    let when = regex(
        &WHEN,
        r"^(?i:on|by|as of)\s+(?:(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*)?(?:\d{1,2}(?:st|nd|rd|th)?\s+\p{L}+\s+\d{4}|\p{L}+\s+\d{1,2},?\s+\d{4})?\s*,\s+",
    );
    let lead = match when.find(lead) {
        Some(m) if text::word_count(m.as_str()) > 1 => &lead[m.end()..],
        _ => lead,
    };
    let sentence = text::sentences(lead).next().unwrap_or(lead);
    let sentence = sentence.trim_end_matches(['.', '!', '?', '"', '”', ' ']);
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '–' && c != '—' && c != '-')
            .to_lowercase()
    };
    let hangs = |w: &str| {
        DANGLING.contains(&bare(w).as_str()) || w.ends_with([',', ';', ':', '-', '–', '—'])
    };
    // The longest end within the length that ends on a word that does not hang, preferring
    // the end of the sentence, then a clause's start, then a phrase's.
    let mut best: Option<(usize, usize)> = None;
    let mut length = 0;
    for end in 1..=words.len() {
        length += words[end - 1].chars().count() + usize::from(end > 1);
        if length > MAX_TITLE_CHARS {
            break;
        }
        if hangs(words[end - 1]) || (end < MIN_TITLE_WORDS && end < words.len()) {
            continue;
        }
        let rank = match words.get(end).map(|w| bare(w)) {
            None => 3,
            Some(next)
                if CLAUSE_STARTS.contains(&next.as_str())
                    || words[end - 1].ends_with([',', ';']) =>
            {
                2
            }
            Some(next) if PHRASE_STARTS.contains(&next.as_str()) => 1,
            Some(_) => 0,
        };
        if best.is_none_or(|(_, r)| rank >= r) {
            best = Some((end, rank));
        }
    }
    let end = best.map_or(words.len().min(MIN_TITLE_WORDS), |(end, _)| end);
    let title = words[..end]
        .join(" ")
        .trim_end_matches([',', ';', ':', ' ', '-', '–', '—'])
        .to_string();
    let mut chars = title.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Untitled story".to_string(),
    }
}

/// An extractive summary: the lead's first sentences, up to three and about 60 words.
pub fn summary(paragraphs: &[String]) -> String {
    let mut picked: Vec<&str> = Vec::new();
    let mut words = 0;
    for paragraph in paragraphs.iter().take(4) {
        for sentence in text::sentences(without_dateline(paragraph)) {
            let n = text::word_count(sentence);
            if !picked.is_empty() && (words + n > 60 || picked.len() >= 3) {
                return picked.join(" ");
            }
            picked.push(sentence);
            words += n;
            if words >= 35 {
                return picked.join(" ");
            }
        }
    }
    picked.join(" ")
}

/// Key figures with the sentence they stand in, in reading order, at most `limit`. Every
/// figure has an ASCII digit, so a sentence without one (most) is passed over unread.
pub fn figures(paragraphs: &[String], limit: usize) -> Vec<Figure> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"(?ix)
        [£$€]\s?[0-9](?:[0-9,]*[0-9])?(?:\.[0-9]+)?(?:\s?(?:bn|m|k|tn|billion|million|trillion)\b)?
        | \b(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?\s?(?:%|per\s?cent\b|percent\b)
        | \b[0-9]{1,3}(?:,[0-9]{3})+\b(?:\s(?:people|migrants|troops|soldiers|users|visitors|children|jobs|posts|sites|homes|applications|complaints|cases|deaths|signatures|missiles|drones|personnel)\b)?
        | \b[0-9]+(?:\.[0-9]+)?\s(?:million|billion|thousand)\b(?:\s[a-z]+)?
        | \b[0-9]{2,}\s(?:people|migrants|troops|soldiers|users|visitors|children|jobs|investigations|companies|sites|countries|nations|members|arrests|deaths|boats)\b",
    );
    let mut out: Vec<Figure> = Vec::new();
    for paragraph in paragraphs {
        for sentence in text::sentences(paragraph) {
            if !sentence.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            // A year ("by 2029") is a date, not a key figure: it stays in the sentence.
            let values: Vec<String> = re
                .find_iter(sentence)
                .map(|m| m.as_str().trim().to_string())
                .collect();
            if values.is_empty() {
                continue;
            }
            let context = clip_words(sentence, 45);
            for value in values {
                if out.iter().any(|f| f.value == value && f.context == context) {
                    continue;
                }
                out.push(Figure {
                    value,
                    context: context.clone(),
                });
                if out.len() >= limit {
                    return out;
                }
            }
        }
    }
    out
}

fn clip_words(sentence: &str, max: usize) -> String {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() <= max {
        sentence.trim().to_string()
    } else {
        format!("{}…", words[..max].join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &[&str]) -> Vec<String> {
        text.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn generated_title_cuts_at_a_clause() {
        assert_eq!(
            generate_title("Sir Keir Starmer will urge European countries to commit more in defence spending as he heads to Brussels for security talks."),
            "Sir Keir Starmer will urge European countries to commit more in defence spending"
        );
        assert_eq!(
            generate_title("The council will close four libraries next year."),
            "The council will close four libraries next year"
        );
    }

    #[test]
    fn generated_titles_never_hang_and_stay_short() {
        for lead in [
            "Anyone who sells fake crossings or forged papers on social media could face up to five years in prison under new plans.",
            "New rules that came into force last week require the largest platforms to protect users from illegal content and check their ages.",
            "Shares in the largest listed property company fell sharply on Friday after it announced a review of its London trust holdings.",
        ] {
            let title = generate_title(lead);
            let last = title.rsplit(' ').next().unwrap().to_lowercase();
            assert!(title.chars().count() <= MAX_TITLE_CHARS, "{title}");
            assert!(!DANGLING.contains(&last.as_str()), "{title}");
            assert!(!title.ends_with([',', '-', '–']), "{title}");
            assert!(text::word_count(&title) >= MIN_TITLE_WORDS, "{title}");
        }
    }

    #[test]
    fn generated_title_drops_a_leading_time_phrase() {
        assert_eq!(
            generate_title("On Monday 3 February 2025, British Prime Minister Keir Starmer told EU leaders he wanted closer defence ties."),
            "British Prime Minister Keir Starmer told EU leaders he wanted closer defence ties"
        );
        assert_eq!(
            generate_title("On balance, the plan works."),
            "On balance, the plan works"
        );
    }

    #[test]
    fn figures_with_context() {
        let f = figures(&paras(&["Spending will rise to 2.5% of GDP by 2027, costing £1.6bn. More than 25,000 people crossed."]), 10);
        let values: Vec<&str> = f.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(values, vec!["2.5%", "£1.6bn", "25,000 people"]);
    }

    #[test]
    fn a_price_in_a_list_keeps_its_digits_not_the_comma_after_them() {
        let f = figures(&paras(&["The phones cost $799, $999 and $1,199."]), 10);
        let values: Vec<&str> = f.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(values, vec!["$799", "$999", "$1,199"]);
    }

    #[test]
    fn a_percentage_in_thousands_keeps_its_sign() {
        let f = figures(
            &paras(&["Sign-ups rose by more than 1,400 percent, and by 12.5% abroad."]),
            10,
        );
        let values: Vec<&str> = f.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(values, vec!["1,400 percent", "12.5%"]);
    }
}
