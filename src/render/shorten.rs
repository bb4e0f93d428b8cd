//! Shortened text for lists and metadata: a story's first sentence, or, when that is too
//! long, its words up to a phrase boundary. Never ends on a function word ("the", "of",
//! "up", "a"), a comma or a dash, the rule ingest follows for the headlines it writes.

use crate::text;

/// Words a shortened text must not end on: it would stop mid-phrase.
const DANGLING: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "into", "onto",
    "up", "and", "or", "but", "nor", "as", "than", "that", "which", "who", "whom", "whose", "its",
    "their", "his", "her", "our", "your", "my", "this", "these", "those", "is", "are", "was",
    "were", "be", "been", "has", "have", "had", "will", "would", "could", "should", "may", "might",
    "must", "can", "not", "no", "over", "under", "after", "before", "about", "against", "between",
    "amid", "if", "so", "very", "more", "most", "less", "per", "said", "says", "told", "face",
    "such",
];

/// The first sentence of `text`, or when it is longer than `max` characters, its longest
/// start of at most `max` characters that ends at a phrase boundary, with an ellipsis.
pub fn first_sentence(text: &str, max: usize) -> String {
    let text = text.trim();
    let first = text::sentences(text).next().unwrap_or(text);
    if first.chars().count() <= max {
        return first.to_string();
    }
    let mut cut = at_most(first, max);
    // Prefer the end of a clause (a comma, semicolon, colon or dash) past half the room.
    let clause = cut
        .char_indices()
        .filter(|&(_, c)| matches!(c, ',' | ';' | ':' | '–' | '—'))
        .map(|(i, _)| i)
        .rfind(|&i| cut[..i].chars().count() * 2 >= max);
    if let Some(i) = clause {
        cut = &cut[..i];
    }
    let words: Vec<&str> = cut.split_whitespace().collect();
    let mut keep = words.len();
    while keep > 1 {
        let last = words[keep - 1]
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let bare = words[keep - 1]
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '%' | ')' | '’' | '”'));
        if bare && !last.is_empty() && !DANGLING.contains(&last.as_str()) {
            break;
        }
        keep -= 1;
    }
    let mut out = words[..keep].join(" ");
    while out.ends_with([',', ';', ':', '-', '–', '—', ' ']) {
        out.pop();
    }
    out.push('…');
    out
}

/// The start of `text` up to the last word boundary within `max` characters.
fn at_most(text: &str, max: usize) -> &str {
    let end = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    if end == text.len() {
        return text;
    }
    // The next character: a cut inside a word goes back to the space before it.
    if text[end..].starts_with(char::is_whitespace) {
        return &text[..end];
    }
    match text[..end].rfind(char::is_whitespace) {
        Some(space) => &text[..space],
        None => &text[..end],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_first_sentence_is_kept_whole() {
        assert_eq!(
            first_sentence("Ofcom fined a forum. It will appeal.", 100),
            "Ofcom fined a forum."
        );
    }

    #[test]
    fn a_long_sentence_stops_at_a_phrase_boundary_never_on_a_function_word() {
        let s = "Tech firms that fail to protect users from illegal content could face up to ten per cent of their turnover in fines";
        for max in 20..s.len() {
            let cut = first_sentence(s, max);
            assert!(cut.ends_with('…'), "{cut}");
            let body = cut.trim_end_matches('…');
            let last = body.rsplit(' ').next().unwrap().to_lowercase();
            assert!(!DANGLING.contains(&last.as_str()), "{max}: {cut}");
            assert!(!body.ends_with([',', '-', '–', '—']), "{max}: {cut}");
            assert!(body.chars().count() <= max, "{max}: {cut}");
        }
    }

    #[test]
    fn a_clause_end_is_preferred() {
        assert_eq!(
            first_sentence(
                "The minister, speaking in Brussels on Monday after the summit, said more money was needed for the army",
                70
            ),
            "The minister, speaking in Brussels on Monday after the summit…"
        );
    }
}
