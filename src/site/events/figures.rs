//! The figures a story names, as keys two reports of one event share.

use super::lead::Word;
use crate::text;

/// The figures of a line of text as comparable keys: the number without its currency (one
/// sum is "£20,000" in one report and "20,000 pounds" in another) and with its unit ("5%",
/// "49.5m"). Numbers under ten, years, days of a date and clock times are no figures.
pub(super) fn figures(line: &str) -> Vec<String> {
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let words = Word::all(line);
    let mut out = Vec::new();
    for (at, word) in words.iter().enumerate() {
        let digits = word.lower.replace(',', "");
        let (number, glued) = match digits.find(|c: char| !(c.is_ascii_digit() || c == '.')) {
            Some(end) => digits.split_at(end),
            None => (digits.as_str(), ""),
        };
        if number.is_empty() || !number.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let Ok(value) = number.parse::<f64>() else {
            continue;
        };
        let next = words.get(at + 1).map(|w| w.lower.as_str()).unwrap_or("");
        let unit = match (glued, word.after, next) {
            (_, Some('%'), _) | ("", _, "percent") => "%",
            ("", _, "per") if words.get(at + 2).is_some_and(|w| w.is("cent")) => "%",
            ("m" | "mn", _, _) | ("", _, "million" | "m") => "m",
            ("bn" | "b", _, _) | ("", _, "billion" | "bn") => "bn",
            ("k", _, _) | ("", _, "thousand") => "k",
            ("", _, _) => "",
            // "16-year-olds", "9am", "5th": not a figure of the event.
            _ => continue,
        };
        let currency = word
            .before
            .is_some_and(|c| matches!(c, '£' | '$' | '€' | '¥'));
        if unit.is_empty() && !currency {
            let is_year = number.len() == 4 && (1900.0..=2100.0).contains(&value);
            let in_date = [at.checked_sub(1), Some(at + 1)]
                .into_iter()
                .flatten()
                .any(|k| {
                    words.get(k).is_some_and(|w| {
                        text::MONTHS
                            .iter()
                            .any(|m| w.is(m) || (w.lower.len() == 3 && m.starts_with(&w.lower)))
                    })
                });
            let clock = matches!(word.after, Some(':'))
                || matches!(word.before, Some(':'))
                || ["am", "pm", "gmt", "bst"].contains(&next);
            if value < 10.0 || is_year || in_date || clock || number.contains('.') {
                continue;
            }
        }
        let number = number.trim_end_matches('.');
        out.push(format!("{number}{unit}"));
    }
    out
}
