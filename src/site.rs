//! The site model: every page of content/ loaded, validated and arranged into topics,
//! built once and read by the renderer.

use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use crate::config::Config;
use crate::content::{self, Page};
use crate::ingest::extract::{Figure, Quote};
use crate::ingest::live::Post;
use crate::ingest::segment::StoryKind;
use crate::render::markdown::{self, Heading};

/// One story page of the site.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    pub slug: String,
    pub title: String,
    pub title_generated: bool,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub date_inferred: bool,
    pub source: Option<String>,
    pub place: Option<String>,
    pub authors: Vec<String>,
    pub topics: Vec<TopicRef>,
    pub kind: StoryKind,
    pub summary: String,
    pub posts: Vec<Post>,
    pub quotes: Vec<Quote>,
    pub figures: Vec<Figure>,
    pub people: Vec<String>,
    pub organisations: Vec<String>,
    /// Where the story came from: the raw file and its lines.
    pub file: String,
    pub lines: Vec<usize>,
    pub content_path: String,
    pub body_html: String,
    /// Table of contents, for pieces with several sections.
    pub toc: Vec<Heading>,
    pub has_code: bool,
    pub words: usize,
    pub reading_minutes: usize,
    /// Path from the site root, e.g. `articles/slug.html`.
    pub url: String,
}

/// A topic as an article refers to it.
#[derive(Debug, Clone, Serialize)]
pub struct TopicRef {
    pub slug: String,
    pub name: String,
}

/// A topic and its stories (indices into `Site::articles`), newest first.
#[derive(Debug, Clone, Serialize)]
pub struct Topic {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub articles: Vec<usize>,
}

/// The whole site, ready to render.
pub struct Site {
    pub config: Config,
    pub articles: Vec<Article>,
    /// Configured topics in order, then `other`; each lists its primary-topic stories.
    pub topics: Vec<Topic>,
}

const MONTH_NAMES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "2025-02-03" -> "3 February 2025".
pub fn display_date(date: &str) -> Option<String> {
    let mut parts = date.splitn(3, '-');
    let year = parts.next()?;
    let month: usize = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    Some(format!(
        "{day} {} {year}",
        MONTH_NAMES.get(month.checked_sub(1)?)?
    ))
}

impl Site {
    /// Loads and validates content/ under `root`.
    pub fn load(root: &Path, config: Config, include_drafts: bool) -> Result<Site> {
        let content_dir = root.join("content");
        let pages = content::load_pages(&content_dir)?;
        for page in &pages {
            content::validate(page, &config, &content_dir)?;
        }
        let pages: Vec<Page> = pages
            .into_iter()
            .filter(|p| include_drafts || !p.meta.draft)
            .collect();
        let mut articles: Vec<Article> = pages
            .iter()
            .map(|p| article_from_page(p, &config))
            .collect();
        // Newest first; undated after dated; then by title for a stable order.
        articles.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.slug.cmp(&b.slug))
        });
        dedupe_slugs(&mut articles);

        let topics = config
            .topic_slugs()
            .into_iter()
            .map(|slug| {
                let members = (0..articles.len())
                    .filter(|&i| articles[i].topics[0].slug == slug)
                    .collect();
                let (name, description) = match config.topics.iter().find(|t| t.slug == slug) {
                    Some(t) => (t.name.clone(), t.description.clone()),
                    None => (
                        "Other".to_string(),
                        "Stories outside the configured topics.".to_string(),
                    ),
                };
                Topic {
                    slug,
                    name,
                    description,
                    articles: members,
                }
            })
            .collect();
        Ok(Site {
            config,
            articles,
            topics,
        })
    }
}

fn article_from_page(page: &Page, config: &Config) -> Article {
    let meta = &page.meta;
    let slug = if meta.slug.is_empty() {
        crate::text::slugify(
            Path::new(&page.path)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or(&meta.title),
            64,
        )
    } else {
        crate::text::slugify(&meta.slug, 64)
    };
    let rendered = markdown::render(&page.body);
    let words = crate::text::word_count(&page.body);
    Article {
        url: format!("articles/{slug}.html"),
        slug,
        title: meta.title.clone(),
        title_generated: meta.title_generated,
        date_display: meta.date.as_deref().and_then(display_date),
        date: meta.date.clone(),
        date_inferred: meta.date_inferred,
        source: meta.source.clone(),
        place: meta.place.clone(),
        authors: meta.authors.clone(),
        topics: meta
            .topics
            .iter()
            .map(|t| TopicRef {
                slug: t.clone(),
                name: config.topic_name(t),
            })
            .collect(),
        kind: meta.kind,
        summary: meta.summary.clone(),
        posts: meta.posts.clone(),
        quotes: meta.quotes.clone(),
        figures: meta.figures.clone(),
        people: meta.people.clone(),
        organisations: meta.organisations.clone(),
        file: meta.file.clone(),
        lines: meta.lines.clone(),
        content_path: format!("content/{}", page.path),
        body_html: rendered.html,
        toc: if rendered.headings.len() >= 3 {
            rendered.headings
        } else {
            Vec::new()
        },
        has_code: rendered.has_code,
        words,
        reading_minutes: words.div_ceil(230).max(1),
    }
}

/// Two pages may claim one slug (a hand-written page and a generated one): number the later.
fn dedupe_slugs(articles: &mut [Article]) {
    let mut seen = std::collections::HashSet::new();
    for article in articles.iter_mut() {
        let base = article.slug.clone();
        let mut n = 1;
        while !seen.insert(article.slug.clone()) {
            n += 1;
            article.slug = format!("{base}-{n}");
        }
        article.url = format!("articles/{}.html", article.slug);
    }
}
