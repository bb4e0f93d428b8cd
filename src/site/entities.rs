//! People, organisations and quotes across the whole digest: one page per name that at
//! least two stories mention, and every quote once however many sources carry it.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use super::Article;
use crate::text;

/// Least number of stories that must mention a name for it to get a page.
const MIN_STORIES_FOR_PAGE: usize = 2;
/// Words compared to tell that two quotes are the same words (sources trim quotes
/// differently at the end, and use different dashes and quote marks).
const QUOTE_KEY_WORDS: usize = 8;

/// Whether a name is a person's or an organisation's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organisation,
}

/// A person or organisation with a page.
#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
pub struct Entity {
    pub slug: String,
    pub name: String,
    pub kind: EntityKind,
    /// Stories that mention the name, in site order.
    pub articles: Vec<usize>,
    /// Quotes (indices into `Site::quotes`) the person said.
    pub quotes: Vec<usize>,
    pub url: String,
}

/// A quote as the site lists it: the words once, with every story that carries them.
#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
pub struct SiteQuote {
    pub text: String,
    pub speaker: Option<String>,
    /// Stories that carry the quote, in site order.
    pub sources: Vec<usize>,
}

/// A quote's identity: its first words, lower-cased, letters and digits only.
fn quote_key(text: &str) -> String {
    text::words(text)
        .take(QUOTE_KEY_WORDS)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Collects entities with pages, and the deduplicated quotes.
pub fn collect(articles: &[Article]) -> (Vec<Entity>, Vec<SiteQuote>) {
    // The two merges are independent, and each runs in story order: side by side.
    let (quotes, mentions) = rayon::join(|| merge_quotes(articles), || mentions(articles));
    let mut quotes_by_speaker: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (q, quote) in quotes.iter().enumerate() {
        if let Some(speaker) = &quote.speaker {
            quotes_by_speaker.entry(speaker).or_default().push(q);
        }
    }
    let mut entities: Vec<Entity> = Vec::new();
    // people/index.html is the index of people: no entity may take its name.
    let mut used: FxHashSet<String> = ["index".to_string()].into_iter().collect();
    for ((name, kind), mut stories) in mentions {
        stories.dedup();
        if stories.len() < MIN_STORIES_FOR_PAGE {
            continue;
        }
        let base = crate::story::slugify(name, 64);
        let mut slug = base.clone();
        let mut n = 1;
        while !used.insert(slug.clone()) {
            n += 1;
            slug = format!("{base}-{n}");
        }
        let said = match kind {
            EntityKind::Person => quotes_by_speaker.get(name).cloned().unwrap_or_default(),
            EntityKind::Organisation => Vec::new(),
        };
        entities.push(Entity {
            url: format!("people/{slug}.html"),
            slug,
            name: name.to_string(),
            kind,
            articles: stories,
            quotes: said,
        });
    }
    // Most mentioned first, then by name.
    entities.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    (entities, quotes)
}

/// The quotes of `articles`, each once, with every story that carries it.
fn merge_quotes(articles: &[Article]) -> Vec<SiteQuote> {
    // Reading the words of every quote is most of the work: done on every core, and the
    // merge, which depends on story order, after.
    let keys: Vec<Vec<String>> = articles
        .par_iter()
        .map(|article| article.quotes.iter().map(|q| quote_key(&q.text)).collect())
        .collect();
    let mut quotes: Vec<SiteQuote> = Vec::new();
    let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
    for (i, (article, keys)) in articles.iter().zip(keys).enumerate() {
        for (quote, key) in article.quotes.iter().zip(keys) {
            match by_key.get(&key) {
                Some(&q) => {
                    let existing = &mut quotes[q];
                    // Stories come in order, so a story already listed is the last one (a
                    // search of the whole list made a quote in thousands of stories quadratic).
                    if existing.sources.last() != Some(&i) {
                        existing.sources.push(i);
                    }
                    if existing.speaker.is_none() {
                        existing.speaker = quote.speaker.clone();
                    }
                    // The fullest version of the words is the one to show.
                    if quote.text.len() > existing.text.len() {
                        existing.text = quote.text.clone();
                    }
                }
                None => {
                    by_key.insert(key, quotes.len());
                    quotes.push(SiteQuote {
                        text: quote.text.clone(),
                        speaker: quote.speaker.clone(),
                        sources: vec![i],
                    });
                }
            }
        }
    }
    quotes
}

/// Each name with the stories mentioning it (in story order, a story possibly twice), by
/// name and kind.
fn mentions(articles: &[Article]) -> Vec<((&str, EntityKind), Vec<usize>)> {
    let mut mentions: FxHashMap<(&str, EntityKind), Vec<usize>> = FxHashMap::default();
    for (i, article) in articles.iter().enumerate() {
        for name in &article.people {
            mentions
                .entry((name, EntityKind::Person))
                .or_default()
                .push(i);
        }
        for name in &article.organisations {
            mentions
                .entry((name, EntityKind::Organisation))
                .or_default()
                .push(i);
        }
    }
    // Names are distinct keys, so the order is total; sorted once, not kept sorted.
    let mut mentions: Vec<((&str, EntityKind), Vec<usize>)> = mentions.into_iter().collect();
    mentions.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    mentions
}
