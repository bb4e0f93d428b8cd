//! Counting words fast: for reading time, density measures and short-line tests.

/// Number of words, for reading time and density measures.
pub fn word_count(text: &str) -> usize {
    // Counted where white space gives way to a word. Most texts have no white space but
    // ASCII's (curly quotes, dashes and £ are not white space): they are counted as pairs of
    // neighbouring bytes, which the compiler vectorises. The few others (a no-break space)
    // are read byte by byte, decoding only what may be white space.
    let bytes = text.as_bytes();
    let unicode_space_at = |at: usize| space_width_at(text, at).is_some();
    let unicode_space = memchr::memchr3_iter(0xC2, 0xE1, 0xE2, bytes)
        .chain(memchr::memchr_iter(0xE3, bytes))
        .any(unicode_space_at);
    if !unicode_space {
        let space = |b: u8| b == b' ' || b.wrapping_sub(b'\t') <= b'\r' - b'\t';
        let Some(&first) = bytes.first() else {
            return 0;
        };
        // Counted in byte-wide lanes, 255 pairs at a time so a lane cannot overflow.
        let mut count = usize::from(!space(first));
        for (before, after) in bytes.chunks(255).zip(bytes[1..].chunks(255)) {
            let starts = before.iter().zip(after).fold(0u8, |n, (&a, &b)| {
                n.wrapping_add(u8::from(space(a) & !space(b)))
            });
            count += usize::from(starts);
        }
        return count;
    }
    let mut count = 0;
    let mut after_space = true;
    let mut at = 0;
    while at < bytes.len() {
        // A character that is not white space moves on by its first byte: the others are
        // never taken for white space.
        let space = space_width_at(text, at);
        count += usize::from(after_space && space.is_none());
        after_space = space.is_some();
        at += space.unwrap_or(1);
    }
    count
}

/// What a byte can be, for counting words: part of a word, ASCII white space, or the first
/// byte of a character that may be white space (U+0085, U+00A0, U+1680, U+2000 to U+3000).
const WORD: u8 = 0;
const SPACE: u8 = 1;
const MAYBE_SPACE: u8 = 2;
const CLASS: [u8; 256] = {
    let mut class = [WORD; 256];
    class[b' ' as usize] = SPACE;
    let mut b = b'\t';
    while b <= b'\r' {
        class[b as usize] = SPACE;
        b += 1;
    }
    class[0xC2] = MAYBE_SPACE;
    class[0xE1] = MAYBE_SPACE;
    class[0xE2] = MAYBE_SPACE;
    class[0xE3] = MAYBE_SPACE;
    class
};

/// The width in bytes of the white space character at byte `at` of `text`, if one is there.
/// Only a byte that may begin non-ASCII white space is decoded; `at` may fall inside a
/// character, whose later bytes are never taken for white space.
#[inline]
pub fn space_width_at(text: &str, at: usize) -> Option<usize> {
    match CLASS[usize::from(text.as_bytes()[at])] {
        WORD => None,
        SPACE => Some(1),
        _ => {
            let c = text[at..]
                .chars()
                .next()
                .expect("a lead byte starts a character");
            c.is_whitespace().then(|| c.len_utf8())
        }
    }
}

/// Number of words, counting no further than `cap`: enough to compare with a limit below the
/// cap without walking the rest of a long paragraph.
///
/// Words are what `split_whitespace` finds, counted (here and in [`word_count`]) by a byte
/// scan: only a character whose first byte can begin non-ASCII white space is decoded.
/// `split_whitespace` decodes every character, and counting words that way was several
/// percent of a build.
pub fn word_count_up_to(text: &str, cap: usize) -> usize {
    let space_at = |at: usize| space_width_at(text, at);
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut at = 0;
    while count < cap {
        // Over white space to the next word, if any.
        while let Some(width) = (at < bytes.len()).then(|| space_at(at)).flatten() {
            at += width;
        }
        if at == bytes.len() {
            break;
        }
        count += 1;
        // Over the word (a character that is not white space moves on by its first byte:
        // the others are never taken for white space).
        while at < bytes.len() && space_at(at).is_none() {
            at += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            "   ",
            "one",
            " Keir  Starmer\tsaid\u{a0}today\u{2009}in\nLondon\u{3000}",
            "“Quoted” (words) – and £5bn\r\nhere\u{85}é",
        ]
        .into_iter()
        .map(String::from)
        .chain((0..70).map(|shift| {
            // Long texts with every kind of white space.
            let piece = "Keir Starmer  said\u{a0}today – “in\u{2009}London”\u{3000}é\n\t";
            format!("{}{}", "x".repeat(shift), piece.repeat(4))
        }))
        .chain((0..70).map(|shift| {
            // Long texts whose only white space is ASCII, with other characters in words.
            let lead = if shift % 2 == 0 { " x" } else { "y " };
            let words = "one  two\tthree\n£5bn – “quoted” words’ ";
            format!("{}{}“end”", lead.repeat(shift), words.repeat(6))
        })) {
            let text = text.as_str();
            let words = text.split_whitespace().count();
            assert_eq!(word_count(text), words, "{text:?}");
            for cap in 0..=words + 1 {
                assert_eq!(
                    word_count_up_to(text, cap),
                    words.min(cap),
                    "{text:?} {cap}"
                );
            }
        }
    }
}
