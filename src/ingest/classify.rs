//! Classification: scores a story against each topic's weighted lexicon from config.toml.
//!
//! Keywords and phrases are stemmed and case-folded once; a story's score for a topic is
//! its weighted matches per 100 words. The strongest topic comes first; a second topic is
//! listed only when it holds a fair share of the evidence, so a passing mention never wins.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::config::{Config, OTHER_TOPIC};
use crate::text::StemmedWords;

/// Keywords weighing at least this define a topic; lighter ones only add evidence.
const STRONG_WEIGHT: f64 = 2.0;
/// Different defining terms a story needs for a topic: one word alone ("migration" of
/// software or of butterflies) is a homonym as often as a subject.
const MIN_DEFINING_TERMS: u32 = 2;

/// What one stem means to the lexicons: its weight as a keyword of each topic that has it,
/// and the phrases that start with it.
#[derive(Default)]
struct StemEntry {
    /// (topic, weight, the term's bit among its topic's defining terms).
    keyword_of: Vec<(usize, f64, u128)>,
    phrase_starts: Vec<usize>,
}

/// A keyword phrase, stemmed, of one topic.
struct Phrase {
    topic: usize,
    stems: Vec<String>,
    weight: f64,
    /// Its bit among its topic's defining terms (0 when it is not one).
    bit: u128,
}

/// The topic classifier built from config.toml.
pub struct Classifier {
    slugs: Vec<String>,
    /// Every stem of every lexicon, so a text costs one lookup per word whatever the number
    /// of topics.
    stems: FxHashMap<String, StemEntry>,
    /// The shapes of the stems in `stems` (see [`shape_bit`]): most words of a text are in no
    /// lexicon, and a word whose shape is not here is passed over without hashing it.
    shapes: [u64; SHAPE_WORDS],
    phrases: Vec<Phrase>,
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
        let mut stems: FxHashMap<String, StemEntry> = FxHashMap::default();
        let mut phrases = Vec::new();
        for (topic, lexicon) in config.topics.iter().enumerate() {
            // Each defining term of the topic gets a bit of its own (past 128, they share).
            let mut next_bit = 0u32;
            let mut bit_for = |_weight: f64| -> u128 {
                let bit = 1u128 << next_bit.min(127);
                next_bit += 1;
                bit
            };
            // Two keywords with one stem: the later one's weight counts, once.
            let mut words: BTreeMap<String, f64> = BTreeMap::new();
            for (keyword, &weight) in &lexicon.keywords {
                let keyword_stems: Vec<String> = StemmedWords::of(keyword)
                    .stems()
                    .map(String::from)
                    .collect();
                match keyword_stems.len() {
                    0 => {}
                    1 => {
                        words.insert(keyword_stems[0].clone(), weight);
                    }
                    _ => phrases.push(Phrase {
                        topic,
                        stems: keyword_stems,
                        weight,
                        bit: bit_for(weight),
                    }),
                }
            }
            for (stem, weight) in words {
                let bit = bit_for(weight);
                stems
                    .entry(stem)
                    .or_default()
                    .keyword_of
                    .push((topic, weight, bit));
            }
        }
        for (p, phrase) in phrases.iter().enumerate() {
            let first = phrase.stems[0].clone();
            stems.entry(first).or_default().phrase_starts.push(p);
        }
        let mut shapes = [0; SHAPE_WORDS];
        for stem in stems.keys() {
            let bit = shape_bit(stem);
            shapes[bit / 64] |= 1 << (bit % 64);
        }
        Classifier {
            slugs: config.topics.iter().map(|t| t.slug.clone()).collect(),
            stems,
            shapes,
            phrases,
            threshold: config.ingest.topic_threshold,
            secondary_share: config.ingest.secondary_share,
        }
    }

    /// The topic evidence in a run of stems (one paragraph, or a whole text).
    /// A phrase match also counts its words (a "defence secretary" is about defence twice over).
    pub fn evidence(&self, words: &StemmedWords) -> Evidence {
        let mut scores = vec![0.0; self.slugs.len()];
        let mut defined = vec![0u128; self.slugs.len()];
        let mut strong = vec![false; self.slugs.len()];
        for (at, stem) in words.stems().enumerate() {
            let bit = shape_bit(stem);
            if self.shapes[bit / 64] & (1 << (bit % 64)) == 0 {
                continue;
            }
            let Some(entry) = self.stems.get(stem) else {
                continue;
            };
            for &(topic, weight, bit) in &entry.keyword_of {
                scores[topic] += weight;
                defined[topic] |= bit;
                strong[topic] |= weight >= STRONG_WEIGHT;
            }
            for &p in &entry.phrase_starts {
                let phrase = &self.phrases[p];
                let fits = at + phrase.stems.len() <= words.len();
                if fits && (0..phrase.stems.len()).all(|k| words.stem(at + k) == phrase.stems[k]) {
                    scores[phrase.topic] += phrase.weight;
                    defined[phrase.topic] |= phrase.bit;
                    strong[phrase.topic] |= phrase.weight >= STRONG_WEIGHT;
                }
            }
        }
        Evidence {
            scores,
            defined,
            strong,
            words: words.len(),
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
            // Generic words alone ("regulator", "sites") do not make a topic, nor one
            // defining word alone: several of its defining terms must appear.
            if evidence.strong[*i]
                && evidence.defined[*i].count_ones() >= MIN_DEFINING_TERMS
                && density >= self.threshold
                && (is_first || share >= self.secondary_share)
            {
                topics.push(self.slugs[*i].clone());
            }
        }
        if topics.is_empty() {
            topics.push(OTHER_TOPIC.to_string());
        }

        let scores = self
            .slugs
            .iter()
            .zip(&evidence.scores)
            .map(|(slug, score)| {
                let share = if total > 0.0 { score / total } else { 0.0 };
                (slug.clone(), (share * 100.0).round() / 100.0)
            })
            .collect();
        Classification { topics, scores }
    }
}

/// Words of [`Classifier::shapes`]: 4,096 bits, 512 bytes, which stay in the L1 cache.
const SHAPE_WORDS: usize = 64;

/// A stem's shape, as a bit number: its length and first and last bytes, mixed. Two stems
/// of one shape may differ; two of different shapes never match.
fn shape_bit(stem: &str) -> usize {
    let bytes = stem.as_bytes();
    let (first, last) = match bytes {
        [] => (0, 0),
        [.., last] => (bytes[0] as usize, *last as usize),
    };
    (first.wrapping_mul(31) ^ last.wrapping_mul(131) ^ bytes.len().wrapping_mul(1021))
        % (SHAPE_WORDS * 64)
}

/// What a run of text says about each topic, in config order. Evidence adds up: a story's
/// is the sum of its title's and its paragraphs'.
#[derive(Debug, Clone)]
pub struct Evidence {
    /// Weighted keyword and phrase matches per topic.
    pub scores: Vec<f64>,
    /// Which of the topic's terms occur, a bit each.
    defined: Vec<u128>,
    /// Whether one of the topic's defining (heavily weighted) terms occurs.
    strong: Vec<bool>,
    /// Number of words, for the density of matches.
    words: usize,
}

impl Evidence {
    /// Adds evidence from the same classifier (so the same topics).
    pub fn add(&mut self, other: &Evidence) {
        debug_assert_eq!(self.scores.len(), other.scores.len());
        for (mine, theirs) in self.scores.iter_mut().zip(&other.scores) {
            *mine += theirs;
        }
        for (mine, theirs) in self.defined.iter_mut().zip(&other.defined) {
            *mine |= *theirs;
        }
        for (mine, theirs) in self.strong.iter_mut().zip(&other.strong) {
            *mine |= *theirs;
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
            self.decide(&self.evidence(&StemmedWords::of(text)))
        }
    }

    #[test]
    fn evidence_adds_up_over_paragraphs_and_a_phrase_stays_inside_one() {
        let c = classifier();
        let evidence = |text: &str| c.evidence(&StemmedWords::of(text));
        let (first, second) = (
            "The defence secretary spoke.",
            "Migrants crossed in small boats.",
        );
        let mut sum = evidence(first);
        sum.add(&evidence(second));
        let whole = evidence(&format!("{first}\n{second}"));
        assert_eq!(sum.scores, whole.scores);
        assert_eq!(sum.defined, whole.defined);
        assert_eq!(sum.words, whole.words);
        // "defence secretary" split over two paragraphs is two words, not the phrase.
        let mut split = evidence("He met the defence");
        split.add(&evidence("secretary of state."));
        let joined = evidence("He met the defence secretary of state.");
        let defence = c.slugs.iter().position(|s| s == "defence").unwrap();
        assert!(split.scores[defence] < joined.scores[defence]);
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
