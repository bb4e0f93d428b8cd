//! Line shapes: what a line of a scraped page looks like, before anything reads its words'
//! meaning. Its length, how it ends and opens, its share of function words and capitals.

use crate::text;

/// Characters that close a sentence's quotation or bracket after its full stop.
const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']', '»'];

/// How a line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    FullStop,
    Question,
    Exclamation,
    Colon,
    /// `;` or `,`: the sentence runs on.
    Comma,
    /// `...` or `…`: a teaser or a clipped sentence.
    Ellipsis,
    /// No punctuation: a heading, a label, a caption, or text cut off.
    Open,
}

/// How a line opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    Upper,
    Lower,
    Digit,
    Quote,
    Bullet,
    Other,
}

/// The shape of one line (or one paragraph joined from a hard-wrapped text).
#[derive(Debug, Clone)]
pub struct Shape {
    /// Words: runs of letters and digits (inner `'`, `’`, `-` and `.` kept).
    pub words: usize,
    pub ending: Ending,
    pub opening: Opening,
    /// Share of the words that are function words ("the", "of", "and").
    pub function_share: f64,
    /// Every letter is a capital (and there are two or more).
    pub all_caps: bool,
    /// Ends with a full stop that ends a sentence (not "U.S." or "Inc.").
    full_stop: bool,
}

/// Words at most this many make a line too short to be prose.
const MIN_PROSE_WORDS: usize = 8;
/// A line this long is prose whatever its ending (a paragraph cut off by the scraper).
const LONG_PROSE_WORDS: usize = 35;
/// A question or exclamation is a paragraph's ending from this many words; shorter, a heading.
const PROSE_QUESTION_WORDS: usize = 20;
/// Least share of function words in running text (tables and lists of names have fewer).
const MIN_FUNCTION_SHARE: f64 = 0.1;

impl Shape {
    pub fn of(line: &str) -> Shape {
        let mut words = 0;
        let mut function = 0;
        for word in text::words(line) {
            words += 1;
            function += usize::from(text::is_stopword(&word));
        }
        Shape::counted(line, words, function)
    }

    /// The shape of a line whose words (and function words among them) are counted.
    pub fn counted(line: &str, words: usize, function: usize) -> Shape {
        let line = line.trim();
        let core = line.trim_end_matches(|c: char| c.is_whitespace() || CLOSERS.contains(&c));
        let core = without_credit(core).map_or(core, |text| {
            text.trim_end_matches(|c: char| c.is_whitespace() || CLOSERS.contains(&c))
        });
        let ending = if core.ends_with("...") || core.ends_with('…') {
            Ending::Ellipsis
        } else {
            match core.chars().last() {
                Some('.') => Ending::FullStop,
                Some('?') => Ending::Question,
                Some('!') => Ending::Exclamation,
                Some(':') => Ending::Colon,
                Some(';' | ',') => Ending::Comma,
                _ => Ending::Open,
            }
        };
        let opening = match line.chars().next() {
            Some('"' | '“' | '‘' | '\'') => Opening::Quote,
            Some('•' | '-' | '–' | '—' | '*' | '·') => Opening::Bullet,
            Some(c) if c.is_uppercase() => Opening::Upper,
            Some(c) if c.is_lowercase() => Opening::Lower,
            Some(c) if c.is_ascii_digit() => Opening::Digit,
            _ => Opening::Other,
        };
        let letters = line.chars().filter(|c| c.is_alphabetic());
        let (mut count, mut upper) = (0, 0);
        for c in letters {
            count += 1;
            upper += usize::from(c.is_uppercase());
        }
        Shape {
            words,
            ending,
            opening,
            function_share: if words == 0 {
                0.0
            } else {
                function as f64 / words as f64
            },
            all_caps: count > 1 && upper == count,
            full_stop: ending == Ending::FullStop && !ends_with_abbreviation(core),
        }
    }

    /// Ends a sentence: a full stop, a question or an exclamation mark.
    pub fn terminal(&self) -> bool {
        matches!(
            self.ending,
            Ending::FullStop | Ending::Question | Ending::Exclamation
        )
    }

    /// Reads as running text: enough words, function words among them, and a sentence's
    /// ending (a paragraph cut off by the scraper counts when it is long).
    pub fn prose(&self) -> bool {
        self.words >= MIN_PROSE_WORDS
            && self.function_share >= MIN_FUNCTION_SHARE
            && self.opening != Opening::Lower
            && (self.full_stop
                || (matches!(self.ending, Ending::Question | Ending::Exclamation)
                    && self.words >= PROSE_QUESTION_WORDS)
                || self.words >= LONG_PROSE_WORDS)
    }

    /// Shaped like a headline: a few words to a long sentence, no running-on ending, not
    /// opening in lower case (the corpus of real pages has headlines of 2 to 34 words).
    pub fn headline_like(&self) -> bool {
        (2..=34).contains(&self.words)
            && !matches!(
                self.ending,
                Ending::Colon | Ending::Comma | Ending::Ellipsis
            )
            && !(self.prose() && self.ending == Ending::FullStop && self.words > 14)
            && self.opening != Opening::Lower
    }
}

/// Most words of a source credited after a paragraph ("... on Tuesday. – Reuters").
const CREDIT_WORDS: usize = 4;

/// A paragraph less the source credited after its last sentence ("... said on Tuesday. –
/// Associated Press"), as a digest of other outlets' stories prints it; `None` when it has
/// none.
fn without_credit(core: &str) -> Option<&str> {
    let (at, dash) = [" – ", " — ", " - "]
        .iter()
        .filter_map(|dash| core.rfind(dash).map(|at| (at, dash.len())))
        .max_by_key(|&(at, _)| at)?;
    let (text, credit) = (&core[..at], &core[at + dash..]);
    let words = credit.split_whitespace().count();
    let credited = (1..=CREDIT_WORDS).contains(&words)
        && credit.split_whitespace().all(|w| {
            w.starts_with(char::is_uppercase) || matches!(w, "of" | "the" | "and" | "for")
        });
    let ended = text
        .trim_end_matches(|c: char| c.is_whitespace() || CLOSERS.contains(&c))
        .ends_with(['.', '!', '?']);
    (credited && ended).then_some(text)
}

/// Whether a line ends with an abbreviation's full stop ("U.S.", "Inc."), not a sentence's.
fn ends_with_abbreviation(core: &str) -> bool {
    let last = core.rsplit(char::is_whitespace).next().unwrap_or(core);
    let bare = last.trim_end_matches('.');
    // "U.S." and "U.K.": letters between full stops.
    let initials = bare.len() >= 3
        && bare
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(|c| c.is_uppercase()));
    initials || ["Inc", "Co", "Ltd", "Jr", "Sr", "St", "Corp"].contains(&bare)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_prose_and_headlines_are_not() {
        for line in [
            "The central bank has held interest rates at 5.25% for a second month.",
            "Northwind Ltd reported revenue of $310.2 million, up 9%, and a profit of $12 million.",
        ] {
            assert!(Shape::of(line).prose(), "{line}");
        }
        for line in [
            "Canada to buy 88 fighter jets from U.S.",
            "Reading Festival 2025: When is it, who is playing and how do you get a ticket?",
            "Storm warning issued for the coast ahead of a wet and windy weekend",
        ] {
            let shape = Shape::of(line);
            assert!(!shape.prose(), "{line}");
            assert!(shape.headline_like(), "{line}");
        }
    }

    #[test]
    fn endings_and_openings() {
        let shape = Shape::of("“We will not back down,” she said.");
        assert_eq!(shape.ending, Ending::FullStop);
        assert_eq!(shape.opening, Opening::Quote);
        assert_eq!(Shape::of("Read more...").ending, Ending::Ellipsis);
        assert_eq!(Shape::of("- a list item").opening, Opening::Bullet);
        assert!(Shape::of("ARMY IN CRISIS").all_caps);
    }

    #[test]
    fn a_source_credited_after_the_last_sentence_leaves_its_ending() {
        let digest_item = "The council will close four libraries next year to meet a budget \
            gap, its leader said on Tuesday. – Associated Press";
        assert_eq!(Shape::of(digest_item).ending, Ending::FullStop);
        assert!(Shape::of(digest_item).prose());
        assert_eq!(
            Shape::of("Rates held at 4%, bank says. - Reuters").ending,
            Ending::FullStop
        );
        // A dash inside a headline is no credit: the line has no sentence before it.
        assert_eq!(
            Shape::of("Floods hit the coast - Live").ending,
            Ending::Open
        );
        assert_eq!(
            Shape::of("Talks end. - a long way to go").ending,
            Ending::Open
        );
    }
}
