//! Wire-copy line shapes: a dateline opening a story ("BRUSSELS (Reuters) -") and the
//! sign-off closing one ("(Reporting by ...)", "-- AP"), read by segmentation to tell where
//! a story starts and ends, and by ingest for the story's place and source.

use std::sync::OnceLock;

use regex::Regex;

use super::names;
use crate::text;

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| text::builtin_regex(pattern))
}

/// A dateline ("BRUSSELS (Reuters) -", "LONDON, March 4 (AP) —"): place and source.
pub fn dateline(paragraph: &str) -> Option<(Option<String>, Option<String>)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"^([A-Z][A-Z.'’\- ]{1,40}?)(?:,\s*[A-Za-z0-9 .,]{1,40}?)?\s*(?:\(([A-Za-z][A-Za-z .&'-]{0,40})\))?\s*[-–—]+\s+\S",
    );
    // The place opens with a capital and one more of its characters (a capital, `.`, `'`,
    // `’`, `-` or a space): most paragraphs ("The ...") are turned away on two bytes.
    let second_fits = |b: &u8| b.is_ascii_uppercase() || b".'- \xE2".contains(b);
    let bytes = paragraph.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_uppercase) || !bytes.get(1).is_some_and(second_fits)
    {
        return None;
    }
    let c = re.captures(paragraph)?;
    let place_caps = c[1].trim();
    // An all-caps opening word of an ordinary sentence is not a dateline.
    if place_caps.len() < 3
        || c.get(2).is_none() && !paragraph.contains(" — ") && !paragraph.contains(" - ")
    {
        return None;
    }
    let place = Some(title_case(place_caps));
    let source = c.get(2).map(|s| {
        let s = s.as_str().trim();
        names::agency(s).unwrap_or(s).to_string()
    });
    Some((place, source))
}

/// Strips a dateline from the start of a paragraph.
pub fn without_dateline(paragraph: &str) -> &str {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"^[A-Z][A-Z.'’\- ]{1,40}?(?:,\s*[A-Za-z0-9 .,]{1,40}?)?\s*(?:\([A-Za-z][A-Za-z .&'-]{0,40}\))?\s*[-–—]+\s+",
    );
    if dateline(paragraph).is_some() {
        re.find(paragraph)
            .map(|m| &paragraph[m.end()..])
            .unwrap_or(paragraph)
    } else {
        paragraph
    }
}

fn title_case(caps: &str) -> String {
    caps.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A wire story's sign-off: "Reporting by ...; Editing by ...".
pub fn is_sign_off(paragraph: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"^\(?(?:Additional )?(?:Reporting|Writing|Editing|Compiled) by\b",
    );
    re.is_match(paragraph.trim())
}

/// A signature line naming the agency a story came from ("— Reuters", "(AP)").
pub fn signature_source(paragraph: &str) -> Option<String> {
    let trimmed = paragraph
        .trim()
        .trim_start_matches(['-', '–', '—', '(', ' '])
        .trim_end_matches([')', '.', ' ']);
    if text::word_count_up_to(trimmed, 5) > 4 {
        return None;
    }
    names::agency(trimmed).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dateline_gives_place_and_agency() {
        let (place, source) = dateline("BRUSSELS (Reuters) - On Monday leaders met.").unwrap();
        assert_eq!(place.as_deref(), Some("Brussels"));
        assert_eq!(source.as_deref(), Some("Reuters"));
        let (place, source) = dateline("NEW YORK, March 4 (AP) — Stocks fell.").unwrap();
        assert_eq!(place.as_deref(), Some("New York"));
        assert_eq!(source.as_deref(), Some("Associated Press"));
        assert!(dateline("NATO allies met on Monday to discuss spending.").is_none());
    }
}
