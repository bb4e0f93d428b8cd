//! Classification: scores a story against each topic's weighted lexicon from config.toml.
//!
//! Keywords and phrases are stemmed and case-folded once; a story's score for a topic is
//! its weighted matches per 100 words. The strongest topic comes first; a second topic is
//! listed only when it holds a fair share of the evidence, so a passing mention never wins.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::config::{Config, OTHER_TOPIC};
use crate::text;

/// A topic's lexicon, stemmed: single stems, and phrases as stem sequences.
struct Lexicon {
    slug: String,
    words: FxHashMap<String, f64>,
    phrases: Vec<(Vec<String>, f64)>,
    /// Phrases by their first stem, so a text is scanned once, not once per phrase.
    phrase_starts: FxHashMap<String, Vec<usize>>,
}

/// Keywords weighing at least this define a topic; lighter ones only add evidence.
const STRONG_WEIGHT: f64 = 2.0;

impl Lexicon {
    /// How many times each phrase occurs in `stems`, in phrase order.
    fn phrase_counts(&self, stems: &[String]) -> Vec<usize> {
        let mut counts = vec![0; self.phrases.len()];
        if self.phrases.is_empty() {
            return counts;
        }
        for (at, stem) in stems.iter().enumerate() {
            for &p in self.phrase_starts.get(stem).into_iter().flatten() {
                let phrase = &self.phrases[p].0;
                if stems[at..].starts_with(phrase) {
                    counts[p] += 1;
                }
            }
        }
        counts
    }

    /// Whether the text has one of the topic's defining (heavily weighted) terms.
    fn has_strong_term(&self, stems: &[String], phrase_counts: &[usize]) -> bool {
        stems
            .iter()
            .any(|s| self.words.get(s).is_some_and(|w| *w >= STRONG_WEIGHT))
            || self
                .phrases
                .iter()
                .zip(phrase_counts)
                .any(|((_, weight), &n)| *weight >= STRONG_WEIGHT && n > 0)
    }
}

/// The topic classifier built from config.toml.
pub struct Classifier {
    lexicons: Vec<Lexicon>,
    threshold: f64,
    secondary_share: f64,
}

/// A story's topics, strongest first, and the score of every configured topic.
pub struct Classification {
    pub topics: Vec<String>,
    pub scores: BTreeMap<String, f64>,
}

impl Classifier {
    pub fn new(config: &Config) -> Classifier {
        let lexicons = config
            .topics
            .iter()
            .map(|topic| {
                let mut words = FxHashMap::default();
                let mut phrases: Vec<(Vec<String>, f64)> = Vec::new();
                for (keyword, weight) in &topic.keywords {
                    let stems = text::stems(keyword);
                    match stems.len() {
                        0 => {}
                        1 => {
                            words.insert(stems[0].clone(), *weight);
                        }
                        _ => phrases.push((stems, *weight)),
                    }
                }
                let mut phrase_starts: FxHashMap<String, Vec<usize>> = FxHashMap::default();
                for (p, (phrase, _)) in phrases.iter().enumerate() {
                    phrase_starts.entry(phrase[0].clone()).or_default().push(p);
                }
                Lexicon {
                    slug: topic.slug.clone(),
                    words,
                    phrases,
                    phrase_starts,
                }
            })
            .collect();
        Classifier {
            lexicons,
            threshold: config.ingest.topic_threshold,
            secondary_share: config.ingest.secondary_share,
        }
    }

    /// The topic evidence in a run of stems (one paragraph, or a whole text).
    /// A phrase match also counts its words (a "defence secretary" is about defence twice over).
    pub fn evidence(&self, stems: &[String]) -> Evidence {
        let mut scores = Vec::with_capacity(self.lexicons.len());
        let mut defined = Vec::with_capacity(self.lexicons.len());
        for lexicon in &self.lexicons {
            let mut score: f64 = stems.iter().filter_map(|s| lexicon.words.get(s)).sum();
            let counts = lexicon.phrase_counts(stems);
            for ((_, weight), &n) in lexicon.phrases.iter().zip(&counts) {
                score += n as f64 * weight;
            }
            scores.push(score);
            defined.push(lexicon.has_strong_term(stems, &counts));
        }
        Evidence {
            scores,
            defined,
            words: stems.len(),
        }
    }

    /// Classifies a text from its evidence (the sum of its paragraphs' evidence: paragraphs
    /// are scored apart, so a phrase never runs across two).
    pub fn decide(&self, evidence: &Evidence) -> Classification {
        let per_100_words = 100.0 / evidence.words.max(40) as f64;
        let total: f64 = evidence.scores.iter().sum();

        let mut ranked: Vec<(usize, f64)> = evidence.scores.iter().copied().enumerate().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));

        let mut topics = Vec::new();
        for (i, score) in &ranked {
            let density = score * per_100_words;
            let share = if total > 0.0 { score / total } else { 0.0 };
            let is_first = topics.is_empty();
            // Generic words alone ("regulator", "sites") do not make a topic: at least one
            // of its defining terms must appear.
            if evidence.defined[*i]
                && density >= self.threshold
                && (is_first || share >= self.secondary_share)
            {
                topics.push(self.lexicons[*i].slug.clone());
            }
        }
        if topics.is_empty() {
            topics.push(OTHER_TOPIC.to_string());
        }

        let scores = self
            .lexicons
            .iter()
            .zip(&evidence.scores)
            .map(|(lexicon, score)| {
                let share = if total > 0.0 { score / total } else { 0.0 };
                (lexicon.slug.clone(), (share * 100.0).round() / 100.0)
            })
            .collect();
        Classification { topics, scores }
    }
}

/// What a run of text says about each topic, in config order. Evidence adds up: a story's
/// is the sum of its title's and its paragraphs'.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// Weighted keyword and phrase matches per topic.
    pub scores: Vec<f64>,
    /// Whether one of the topic's defining (heavily weighted) terms occurs.
    defined: Vec<bool>,
    /// Number of words, for the density of matches.
    words: usize,
}

impl Evidence {
    pub fn add(&mut self, other: &Evidence) {
        if self.scores.len() < other.scores.len() {
            self.scores.resize(other.scores.len(), 0.0);
            self.defined.resize(other.scores.len(), false);
        }
        for (mine, theirs) in self.scores.iter_mut().zip(&other.scores) {
            *mine += theirs;
        }
        for (mine, theirs) in self.defined.iter_mut().zip(&other.defined) {
            *mine |= theirs;
        }
        self.words += other.words;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classifier() -> Classifier {
        Classifier::new(&Config::parse(crate::config::DEFAULT_CONFIG, "config.toml").unwrap())
    }

    impl Classifier {
        fn classify(&self, text: &str) -> Classification {
            self.decide(&self.evidence(&text::stems(text)))
        }
    }

    #[test]
    fn a_passing_mention_does_not_win() {
        let text = "NATO allies agreed to raise defence spending as the war in Ukraine continues. \
            The defence secretary said the armed forces needed more missiles and ammunition. \
            Military chiefs welcomed the rise. The government is also tackling illegal migration.";
        assert_eq!(classifier().classify(text).topics, vec!["defence"]);
    }

    #[test]
    fn generic_words_alone_do_not_make_a_topic() {
        let text = "Gas storage sites were 76% full, the regulator said. The regulator said sites in the north were fuller.";
        assert_eq!(classifier().classify(text).topics, vec!["other"]);
    }

    #[test]
    fn text_without_topic_words_is_other() {
        let text =
            "The central bank held interest rates at 4% as inflation eased and the pound rose.";
        assert_eq!(classifier().classify(text).topics, vec!["other"]);
    }

    #[test]
    fn two_strong_topics_are_both_listed_strongest_first() {
        let text = "Smugglers advertise small boats crossings on social media and tech platforms. \
            Migrants and asylum seekers are told of crossings by smugglers. Ofcom said social media platforms must act.";
        let topics = classifier().classify(text).topics;
        assert_eq!(topics, vec!["migration", "online-safety"]);
    }
}
