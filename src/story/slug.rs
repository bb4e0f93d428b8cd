//! Slugs: the readable ASCII names of stories' pages, from their headlines in any script.

/// Longest slug, in bytes.
pub const MAX_SLUG_LEN: usize = 64;

/// A URL- and file-safe slug of `text`: letters of any script transliterated to ASCII
/// (deunicode: Erdoğan -> erdogan, Дума -> duma), lowercase, words joined by `-`, cut at a
/// word break to at most `max_len` bytes; `untitled` when nothing is left. Apostrophes
/// join their word (Zelenskyy's -> zelenskyys).
pub fn slugify(text: &str, max_len: usize) -> String {
    let mut slug = String::new();
    let mut push = |a: char| {
        if a.is_ascii_alphanumeric() {
            slug.push(a.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    };
    for c in text.chars().filter(|c| !matches!(c, '’' | '\'')) {
        if c.is_ascii() {
            push(c);
        } else {
            deunicode::deunicode_char(c)
                .unwrap_or("-")
                .chars()
                .for_each(&mut push);
        }
    }
    let mut slug = slug.trim_end_matches('-').to_string();
    if slug.len() > max_len {
        let cut = slug[..max_len].rfind('-').unwrap_or(max_len);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        "untitled".to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_is_safe_for_paths() {
        assert_eq!(slugify("../../etc/passwd", 60), "etc-passwd");
        assert_eq!(
            slugify("<script>alert(1)</script>", 60),
            "script-alert-1-script"
        );
        assert_eq!(
            slugify("Zelenskyy’s visit to Kraków", 60),
            "zelenskyys-visit-to-krakow"
        );
        assert_eq!(slugify("...", 60), "untitled");
        // Letters of any script are transliterated, not dropped.
        assert_eq!(slugify("Erdoğan meets Dvořák", 60), "erdogan-meets-dvorak");
        assert_eq!(
            slugify("Госдума приняла закон", 60),
            "gosduma-priniala-zakon"
        );
        assert_eq!(slugify("Straße in Łódź", 60), "strasse-in-lodz");
        assert_ne!(slugify("北京 会议", 60), "untitled");
        assert_eq!(slugify("one two three four", 9), "one-two");
    }
}
