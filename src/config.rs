//! Site settings and topic definitions, read from `config.toml`.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::date::is_date;
use crate::diagnostic::{self, shown};

/// The default `config.toml` written by `digest init`.
pub const DEFAULT_CONFIG: &str = include_str!("../config.toml");

/// The whole of `config.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Site title shown in headers and feeds.
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Absolute URL the site is published at; used only in feeds, sitemap and canonical links.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// Custom domain for GitHub Pages; when set, the build writes a CNAME file.
    #[serde(default)]
    pub cname: Option<String>,
    #[serde(default)]
    pub ingest: IngestConfig,
    #[serde(default)]
    pub render: RenderConfig,
    /// Topics in display order.
    pub topics: Vec<TopicConfig>,
}

/// The `[ingest]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngestConfig {
    /// Folder of raw article files, relative to the root.
    #[serde(default = "default_seeds")]
    pub seeds: String,
    /// Least keyword evidence (weighted matches per 100 words) for a topic to count.
    #[serde(default = "default_topic_threshold")]
    pub topic_threshold: f64,
    /// Least share of a story's topic evidence for a second topic to be listed.
    #[serde(default = "default_secondary_share")]
    pub secondary_share: f64,
    /// Extra furniture patterns (regular expressions matched against a whole trimmed line).
    #[serde(default)]
    pub furniture: Vec<FurniturePattern>,
    /// The thresholds pages are read by (`[ingest.tuning]`).
    #[serde(default)]
    pub tuning: Tuning,
    /// Outlets by the domain their pages are on (`[ingest.outlets]`, "bbc.co.uk" = "BBC
    /// News"), for a seed whose `.meta.toml` gives its address but not its outlet.
    #[serde(default)]
    pub outlets: std::collections::BTreeMap<String, String>,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            seeds: default_seeds(),
            topic_threshold: default_topic_threshold(),
            secondary_share: default_secondary_share(),
            furniture: Vec::new(),
            tuning: Tuning::default(),
            outlets: std::collections::BTreeMap::new(),
        }
    }
}

/// The thresholds ingest reads pages by, in one place (`[ingest.tuning]`). Each was set on
/// the labelled corpus of 150 real scraped pages; `eval/corpus.py --sweep` sweeps them over a
/// grid and reports the figures 5-fold (chosen on four fifths, scored on the fifth).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Tuning {
    /// Least score for a line above a story's text to be its headline (a score counts its
    /// length, its words the text uses, a repeat of it, and a byline or date under it).
    pub headline_min: f64,
    /// Words from which an unfinished line between paragraphs is a caption, not a heading.
    pub caption_min_words: usize,
    /// Words past which an unfinished line is text cut short, not a caption (unless printed
    /// twice).
    pub caption_max_words: usize,
    /// Longest heading inside a story's text, in words.
    pub subheading_max_words: usize,
    /// Least share of its words a paragraph after a story's end shares with the story to
    /// belong to it.
    pub tail_topic_min: f64,
    /// Share of a page's headed units that must show a listing's shape (a headline and its
    /// standfirst alone, or a date line or byline of their own).
    pub listing_share: f64,
    /// Neighbouring units of a listing share less than this of their words.
    pub listing_max_shared: f64,
    /// Two headed parts of a page sharing less than this of their words are two stories.
    pub two_stories_max_shared: f64,
    /// Neighbouring summaries of a list of summaries share less than this of their words.
    pub summary_max_shared: f64,
    /// The two sides of a cut in headline-less text sharing less than this of their words
    /// are two stories.
    pub cut_max_shared: f64,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            headline_min: 1.6,
            caption_min_words: 10,
            caption_max_words: 30,
            subheading_max_words: 12,
            tail_topic_min: 0.2,
            listing_share: 0.6,
            listing_max_shared: 0.15,
            two_stories_max_shared: 0.05,
            summary_max_shared: 0.1,
            cut_max_shared: 0.17,
        }
    }
}

/// The `[render]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenderConfig {
    /// Let raw HTML in hand-written content pages through, sanitised (scripts, event
    /// handlers, script URLs and remote resources removed). Off: raw HTML is shown as text.
    #[serde(default)]
    pub allow_html: bool,
    /// The front page's edition, `YYYY-MM-DD` (the newest edition on or before it); by
    /// default the newest story date. `digest build --edition` overrides it.
    #[serde(default)]
    pub edition: Option<String>,
    /// Stories per topic page; a longer topic continues on topics/<topic>/page/2.html, ...
    #[serde(default = "default_topic_page_size")]
    pub topic_page_size: usize,
    /// Largest site, in bytes, that the service worker saves whole for offline reading on a
    /// reader's first visit; a larger site saves the pages a reader opens.
    #[serde(default = "default_precache_limit")]
    pub precache_limit: u64,
}

impl Default for RenderConfig {
    fn default() -> Self {
        RenderConfig {
            allow_html: false,
            edition: None,
            topic_page_size: default_topic_page_size(),
            precache_limit: default_precache_limit(),
        }
    }
}

/// A site-specific furniture rule from `[[ingest.furniture]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FurniturePattern {
    pub rule: String,
    pub pattern: String,
}

/// One `[[topics]]` entry: a slug, a display name and a weighted lexicon.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicConfig {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Word or phrase -> weight. Matched stemmed and case-folded.
    pub keywords: BTreeMap<String, f64>,
}

/// The topic every story falls back to when no configured topic scores high enough.
pub const OTHER_TOPIC: &str = "other";

fn default_base_url() -> String {
    "http://localhost/".to_string()
}
fn default_language() -> String {
    "en".to_string()
}
fn default_seeds() -> String {
    "seeds".to_string()
}
fn default_topic_threshold() -> f64 {
    1.5
}
fn default_secondary_share() -> f64 {
    0.3
}
fn default_topic_page_size() -> usize {
    50
}
fn default_precache_limit() -> u64 {
    5_000_000
}

/// `url` when it is an absolute http(s) URL that pages, feeds and the sitemap can carry: a
/// scheme and host, no query or fragment, nothing that would need quoting (`"`, `<`,
/// spaces). `what` names where it was given (`base_url`, `--base-url`) in the error.
pub fn checked_base_url(url: &str, what: &str) -> Result<String> {
    let fail = |why: &str| {
        anyhow::anyhow!(
            "{what} \"{}\" {why}; give the absolute address the site is published at, like https://example.org/news/",
            url.escape_debug()
        )
    };
    if url.chars().any(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '"' | '<' | '>' | '\'' | '`' | '\\' | '{' | '}' | '|' | '^'
            )
    }) {
        return Err(fail("holds characters a URL cannot hold as they are"));
    }
    let parsed = url::Url::parse(url).map_err(|e| fail(&format!("is not a URL ({e})")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(fail("is not an http or https URL"));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(fail("has no host"));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(fail(
            "has a query or fragment, to which page paths cannot be added",
        ));
    }
    Ok(url.to_string())
}

impl Config {
    /// Reads `config.toml` under `root` (a folder without one is not a digest project).
    pub fn load(root: &Path) -> Result<Config> {
        crate::project::check_root(root)?;
        let path = root.join("config.toml");
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("{}: cannot read", shown(&path)))?;
        Config::parse(&text, &shown(&path))
    }

    /// Parses config text; `origin` names the file in errors (with line, column and caret).
    pub fn parse(text: &str, origin: &str) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|e| {
            diagnostic::toml_error(origin, text, 0, &e, "invalid config", "config.toml")
        })?;
        config.validate(origin, text)?;
        Ok(config)
    }

    fn validate(&self, origin: &str, text: &str) -> Result<()> {
        if let Err(e) = checked_base_url(&self.base_url, "base_url") {
            let span = text.find("base_url").map_or(0..0, |i| {
                i..text[i..].find('\n').map_or(text.len(), |n| i + n)
            });
            return Err(anyhow::anyhow!(
                "{}",
                diagnostic::at(origin, text, span, &format!("{e:#}"))
            ));
        }
        if let Some(edition) = self.render.edition.as_deref().filter(|e| !is_date(e)) {
            anyhow::bail!(
                "{origin}: [render] edition = {edition:?} is not a date; write it as YYYY-MM-DD"
            );
        }
        if self.render.topic_page_size == 0 {
            anyhow::bail!("{origin}: [render] topic_page_size must be at least 1");
        }
        let mut seen = std::collections::BTreeSet::new();
        // Points at the `slug = "..."` line of a topic, found again in the text.
        let at_slug = |slug: &str, nth: usize, message: &str| -> anyhow::Error {
            let quoted = format!("\"{slug}\"");
            let span = text
                .match_indices(&quoted)
                .filter(|(i, _)| {
                    let line_start = text[..*i].rfind('\n').map_or(0, |n| n + 1);
                    text[line_start..*i].trim_start().starts_with("slug")
                })
                .nth(nth)
                .map_or(0..0, |(i, q)| i..i + q.len());
            anyhow::anyhow!("{}", diagnostic::at(origin, text, span, message))
        };
        for topic in &self.topics {
            if topic.slug == OTHER_TOPIC {
                return Err(at_slug(
                    &topic.slug,
                    0,
                    "topic slug `other` is reserved for stories that match no topic; rename it",
                ));
            }
            if !topic
                .slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                || topic.slug.is_empty()
            {
                return Err(at_slug(
                    &topic.slug,
                    0,
                    &format!(
                        "topic slug `{}` must be lowercase letters, digits and hyphens",
                        topic.slug
                    ),
                ));
            }
            if !seen.insert(&topic.slug) {
                return Err(at_slug(
                    &topic.slug,
                    1,
                    &format!(
                        "topic `{}` is defined twice; rename or merge one",
                        topic.slug
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Display name of a topic slug (`other` included).
    pub fn topic_name(&self, slug: &str) -> String {
        self.topics
            .iter()
            .find(|t| t.slug == slug)
            .map(|t| t.name.clone())
            .unwrap_or_else(|| "Other".to_string())
    }

    /// Every topic slug a page may use, in display order, `other` last.
    pub fn topic_slugs(&self) -> Vec<String> {
        let mut slugs: Vec<String> = self.topics.iter().map(|t| t.slug.clone()).collect();
        slugs.push(OTHER_TOPIC.to_string());
        slugs
    }
}
