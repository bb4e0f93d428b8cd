//! Cleaning: tells page furniture (player notices, captions, related links, share prompts...)
//! from article text, line by line. Every removed line keeps the name of the rule that
//! removed it, so the build report can show what was dropped and why.

use anyhow::{Context, Result};
use regex::{Regex, RegexSet};
use serde::Serialize;

use crate::config::IngestConfig;
use crate::text;

/// One line of a raw file, with what cleaning decided about it.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based line number in the file.
    pub number: usize,
    /// The line as written, without its line ending.
    pub text: String,
    pub kind: LineKind,
}

impl Line {
    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }
}

/// What a line is, after cleaning.
#[derive(Debug, Clone, PartialEq)]
pub enum LineKind {
    Blank,
    Text,
    /// Page furniture, removed by the named rule.
    Furniture(String),
}

/// A line that cleaning removed, as reported in `removed` and the build report.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Removed {
    pub line: usize,
    pub text: String,
    pub rule: String,
}

/// A named line pattern.
struct Rule {
    name: String,
    /// Longest line, in words, the rule may remove: furniture is short, paragraphs are not.
    max_words: usize,
}

/// The furniture rule set: built-in defaults plus `[[ingest.furniture]]` from config.toml.
pub struct Cleaner {
    rules: Vec<Rule>,
    /// The rules' patterns together: a line is read once for all of them, not once per
    /// rule.
    rule_set: RegexSet,
    duration: Regex,
    related_block: Regex,
    read_more: Regex,
}

/// Built-in rules: (name, pattern, longest line in words).
const BUILTIN_RULES: &[(&str, &str, usize)] = &[
    (
        "player-notice",
        r"(?i)(accessible video player|video player|media playback is (not supported|unsupported)|your (browser|device) (does not|doesn't|can't|cannot) (support|play)|(enable|turn on) javascript|this video (can ?not|cannot|is unavailable)|upgrade your browser|^please (use|switch to) .*browser)",
        20,
    ),
    (
        "watch-prompt",
        r"(?i)^(watch|listen|see)\b.{0,60}\b(here|below|above|in full)\s*[:.]?$",
        12,
    ),
    (
        "image-caption",
        r"(?i)^(image|images|picture|pictures|pic|photo|photos|photograph|credit|image source|image caption|media caption|caption|getty images|video caption)\s*[:,]",
        60,
    ),
    (
        "image-caption",
        r"(?i:image source|image caption|media caption)\s*[,:]\s*[^.!?]{1,60}$",
        80,
    ),
    (
        "image-caption",
        r"(?:^|[\s.;,)])(?:Picture|Pic|Photo|Photograph|Credit|Image|Images)\s*:\s*\p{Lu}[^.!?]{0,60}$",
        80,
    ),
    (
        "audio-player",
        r"(?i)^(listen to this (article|story)|loading audio|audio player|play audio|listen now|press play to listen)",
        12,
    ),
    (
        "advertisement",
        r"(?i)^(advertisement|advert|ad|sponsored( content)?|ad feature|paid content|story continues below( advertisement)?|article continues below( advertisement)?|continue reading( below)?)(\s*[·|•:-]\s*(scroll|continue)[a-z ]{0,30})?$",
        5,
    ),
    (
        "share-prompt",
        r"(?i)^(share (this|the) (article|story|page|post)\b.*|share on (facebook|twitter|x|whatsapp|linkedin|email)|share|tweet|copy link|link copied|email|print|facebook|twitter|whatsapp|linkedin|comments?|save( article)?|gift (this )?article)$",
        8,
    ),
    (
        "newsletter-prompt",
        r"(?i)(^(sign up|subscribe|get our|join)\b.*\b(newsletter|inbox|email|briefing|alerts)|\bnewsletter\b.*\b(sign up|subscribe|inbox)\b|^(privacy notice|newsletters may contain))",
        40,
    ),
    (
        "cookie-banner",
        r"(?i)(^(we|this (site|website)) uses? cookies|^(accept|reject|manage) (all )?cookies|\bcookie (policy|settings|preferences)\b)",
        50,
    ),
    (
        "copyright",
        r"(?i)^(©|\(c\)\s|copyright\b.*\d{4}|all rights reserved)",
        30,
    ),
    (
        "live-chrome",
        r"(?i)^(key events|show key events only|\d+\s?(m|min|mins|h|hr|hrs|d) ago\b.*|updated at \d{1,2}[.:]\d{2}.*|live updates?|reload page|skip to (main )?content)$",
        14,
    ),
    (
        "reading-time",
        r"(?i)^\d{1,3}\s?(min|mins|minutes?)( read)?$",
        3,
    ),
    ("trust-link", r"(?i)^why you can trust\b", 8),
    ("follow-prompt", r"(?i)^follow (us|@)\S*.{0,60}$", 12),
];

impl Cleaner {
    /// Builds the rule set; a bad pattern in config.toml is an error naming the rule.
    pub fn new(config: &IngestConfig) -> Result<Cleaner> {
        let mut rules = Vec::new();
        let mut patterns = Vec::new();
        for (name, pattern, max_words) in BUILTIN_RULES {
            rules.push(Rule {
                name: (*name).to_string(),
                max_words: *max_words,
            });
            patterns.push(text::builtin_pattern(pattern));
        }
        for extra in &config.furniture {
            Regex::new(&extra.pattern).with_context(|| {
                format!(
                    "config.toml: [[ingest.furniture]] rule `{}` has an invalid pattern; fix the regular expression",
                    extra.rule
                )
            })?;
            rules.push(Rule {
                name: extra.rule.clone(),
                max_words: usize::MAX,
            });
            patterns.push(extra.pattern.clone());
        }
        Ok(Cleaner {
            rules,
            // Each pattern compiles on its own, so only their size together can fail here.
            rule_set: RegexSet::new(&patterns).context(
                "config.toml: the [[ingest.furniture]] patterns together are too large to match at once; shorten or merge them",
            )?,
            duration: text::builtin_regex(r"^\d{1,2}:\d{2}(:\d{2})?$"),
            related_block: text::builtin_regex(
                r"(?i)^(related topics|topics|more on this story|related)\s*:?$",
            ),
            read_more: text::builtin_regex(
                r"(?i)^(read more|read next|also read|read also|see also|related|more on|more from|recommended|you may also like|most read|related articles?|related stories)\b\s*[:\-–]?",
            ),
        })
    }

    /// Classifies every line of a file's text.
    pub fn clean(&self, text: &str) -> Vec<Line> {
        let mut lines: Vec<Line> = text
            .split('\n')
            .enumerate()
            .map(|(i, raw)| {
                let kind = if raw.trim().is_empty() {
                    LineKind::Blank
                } else {
                    LineKind::Text
                };
                Line {
                    number: i + 1,
                    text: raw.to_string(),
                    kind,
                }
            })
            .collect();
        // A trailing newline makes an empty last "line" that is not in the file.
        if lines.len() > 1 && lines.last().is_some_and(|l| l.text.is_empty()) {
            lines.pop();
        }

        for line in lines.iter_mut().filter(|l| l.kind == LineKind::Text) {
            if let Some(rule) = self.line_rule(line.trimmed()) {
                line.kind = LineKind::Furniture(rule);
            }
        }
        self.mark_followers(&mut lines);
        lines
    }

    /// The rule that removes a line on its own, if any.
    fn line_rule(&self, line: &str) -> Option<String> {
        let words = text::word_count(line);
        if self.duration.is_match(line) {
            return Some("duration".to_string());
        }
        if self.related_block.is_match(line) {
            return Some("related-topics".to_string());
        }
        if words <= 25 && self.read_more.is_match(line) && !ends_sentence(line) {
            return Some("read-more".to_string());
        }
        // Only rules whose length limit the line is within need reading it.
        if self.rules.iter().all(|rule| words > rule.max_words) {
            return None;
        }
        // Most lines match no rule, and saying so is cheaper than saying which rules match.
        if !self.rule_set.is_match(line) {
            return None;
        }
        let matched = self.rule_set.matches(line);
        self.rules
            .iter()
            .enumerate()
            .find(|(i, rule)| words <= rule.max_words && matched.matched(*i))
            .map(|(_, rule)| rule.name.clone())
    }

    /// Rules that depend on the line before: the caption under a video duration, the topic
    /// tags under "Related Topics:", and the teaser headline under "Read More:" links.
    fn mark_followers(&self, lines: &mut [Line]) {
        let mut i = 0;
        while i < lines.len() {
            let rule = match &lines[i].kind {
                LineKind::Furniture(rule) => rule.clone(),
                _ => {
                    i += 1;
                    continue;
                }
            };
            let mut j = next_text_line(lines, i + 1);
            match rule.as_str() {
                "duration" => {
                    if let Some(next) = j {
                        let t = lines[next].trimmed();
                        if text::word_count(t) <= 14 && !t.ends_with('.') {
                            lines[next].kind = LineKind::Furniture("video-caption".to_string());
                        }
                    }
                }
                "related-topics" => {
                    // One- to three-word tags with no sentence punctuation.
                    while let Some(next) = j {
                        let t = lines[next].trimmed();
                        if text::word_count(t) <= 3 && !ends_sentence(t) && !t.ends_with(',') {
                            lines[next].kind = LineKind::Furniture("related-topics".to_string());
                            j = next_text_line(lines, next + 1);
                        } else {
                            break;
                        }
                    }
                }
                "read-more" => {
                    if let Some(next) = j {
                        let t = lines[next].trimmed();
                        if is_teaser_headline(t) {
                            lines[next].kind = LineKind::Furniture("related-headline".to_string());
                        }
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
}

fn next_text_line(lines: &[Line], from: usize) -> Option<usize> {
    (from..lines.len())
        .find(|&k| lines[k].kind != LineKind::Blank)
        .filter(|&k| lines[k].kind == LineKind::Text)
}

/// Whether a line ends like a sentence (so it is text, not a link or a headline).
pub fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?', ':', ';'])
}

pub fn starts_with_quote(line: &str) -> bool {
    line.starts_with(['"', '“', '‘', '\''])
}

/// A headline-shaped line: short, no closing full stop, not a quote.
fn is_teaser_headline(line: &str) -> bool {
    let words = text::word_count(line);
    (3..=20).contains(&words)
        && !line.trim_end().ends_with(['.', ':', ';', ','])
        && !starts_with_quote(line)
}

/// The removed lines of a cleaned file.
pub fn removed(lines: &[Line]) -> impl Iterator<Item = Removed> + '_ {
    lines.iter().filter_map(|line| match &line.kind {
        LineKind::Furniture(rule) => Some(Removed {
            line: line.number,
            text: line.trimmed().to_string(),
            rule: rule.clone(),
        }),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        let cleaner = Cleaner::new(&IngestConfig::default()).unwrap();
        cleaner
            .clean(text)
            .into_iter()
            .map(|l| match l.kind {
                LineKind::Blank => "blank".to_string(),
                LineKind::Text => "text".to_string(),
                LineKind::Furniture(rule) => rule,
            })
            .collect()
    }

    #[test]
    fn duration_takes_its_caption_line_with_it() {
        let text = "The minister spoke on Tuesday.\nPlease use Chrome browser for a more accessible video player\n2:41\nProtesters gather outside parliament\nThe bill passed its second reading.";
        assert_eq!(
            kinds(text),
            ["text", "player-notice", "duration", "video-caption", "text"]
        );
    }

    #[test]
    fn captions_with_trailing_credits_are_furniture() {
        assert_eq!(
            kinds("Image: Troops on exercise in Estonia. Pic: PA"),
            ["image-caption"]
        );
        assert_eq!(
            kinds("The minister arrives at the summit in Vilnius. Picture: Getty"),
            ["image-caption"]
        );
        assert_eq!(
            kinds("Soldiers board a ship in PortsmouthImage source, Getty Images"),
            ["image-caption"]
        );
        assert_eq!(
            kinds("A ferry at Calais, 2 March 2025; Credit: Jane Doe/Pool via Reuters"),
            ["image-caption"]
        );
    }

    #[test]
    fn related_topics_block_takes_its_tags_but_not_the_next_paragraph() {
        let text =
            "Related Topics:\nAsylum\nBorders\nThe Home Office said the scheme would start in May.";
        assert_eq!(
            kinds(text),
            ["related-topics", "related-topics", "related-topics", "text"]
        );
    }

    #[test]
    fn read_more_takes_the_teaser_headline_after_it() {
        let text = "Read More: Army recruitment falls again\n\nMinister quits over procurement row\n\nThe review was published on Monday.";
        assert_eq!(
            kinds(text),
            ["read-more", "blank", "related-headline", "blank", "text"]
        );
    }

    #[test]
    fn ordinary_sentences_are_kept() {
        let text = "Share prices fell sharply on Monday after the announcement.\nWatch the skies, the forecaster said, as storms approach the coast this weekend.\nThe picture: a country divided over the plan.";
        assert_eq!(kinds(text), ["text", "text", "text"]);
    }
}
