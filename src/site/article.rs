//! A content page read as an article of the site: its Markdown rendered, its words
//! stemmed for search and similarity, the places and event it names.

use std::path::Path;

use super::markdown::{self, BodyHtml, BodyStorage};
use super::{events, search_terms, similarity, Article, StoryState, TopicRef};
use crate::config::Config;
use crate::content::Page;
use crate::date::display_date;
use crate::story::MAX_SLUG_LEN;
use crate::text::{StemmedWords, WordTally};

/// A page as a story of the site, with its terms and places for comparing it to others.
/// `body_words`: the tally of the page's body, when ingest made it (see [`WordTally`]).
pub(super) fn analyse(
    page: &Page,
    config: &Config,
    bodies: BodyStorage,
    body_words: Option<WordTally>,
) -> (Article, StoryState) {
    let mut article = article_from_page(page, config, bodies);
    // The words are stemmed once, for search and for similarity; names are read in their
    // sentences. The body is stemmed here only when ingest did not (a live page, a page read
    // from content/).
    let title = StemmedWords::with_names(&page.meta.title);
    let body = body_words.unwrap_or_else(|| WordTally::of([&StemmedWords::with_names(&page.body)]));
    article.search_terms = search_terms::story_terms(&article, &title, &body);
    article.facts_hash = crate::hash::hash_of(&(
        (&article.quotes, &article.figures, &article.posts),
        (&article.people, &article.organisations, &article.authors),
        (&article.place, &article.topics),
    ));
    article.page_hash = crate::hash::hash_of(&article);
    // Places are read across line breaks, in the text analysis has always read: the title
    // twice (it weighed double when words were read from this text too), then the body. A
    // "place" that is one of the story's people or organisations ("to Trump") is none.
    let text = format!("{}\n{}\n{}", page.meta.title, page.meta.title, page.body);
    let mut places = similarity::place_anchors(&text);
    places.extend(page.meta.place.as_ref().map(|place| place.to_lowercase()));
    let names: rustc_hash::FxHashSet<String> = (page.meta.people.iter())
        .flat_map(|p| std::iter::once(p.as_str()).chain(p.split_whitespace()))
        .chain(page.meta.organisations.iter().map(String::as_str))
        .map(str::to_lowercase)
        .collect();
    places.retain(|p| !names.contains(p.strip_prefix("the ").unwrap_or(p)) && !names.contains(p));
    let event = events::Event::read(
        &page.meta.title,
        &page.body,
        page.meta.date.as_deref(),
        places.iter().map(String::as_str),
    );
    let state = StoryState {
        path: page.path.clone(),
        stated_date: (page.meta.date.clone(), page.meta.date_inferred),
        base_slug: article.slug.clone(),
        terms: similarity::story_terms(&title, &body),
        event,
        doc: 0,
    };
    (article, state)
}

/// Whether `text` opens with the words of `opening` (case, punctuation and Markdown aside).
pub(super) fn opens_with(text: &str, opening: &str) -> bool {
    let mut words = crate::text::words(text);
    let mut any = false;
    for word in crate::text::words(opening) {
        any = true;
        if words.next().as_deref() != Some(word.as_ref()) {
            return false;
        }
    }
    any
}

fn article_from_page(page: &Page, config: &Config, bodies: BodyStorage) -> Article {
    let meta = &page.meta;
    let slug = if meta.slug.is_empty() {
        crate::story::slugify(
            Path::new(&page.path)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or(&meta.title),
            64,
        )
    } else {
        crate::story::slugify(&meta.slug, MAX_SLUG_LEN)
    };
    let rendered = markdown::render(&page.body, config.render.allow_html);
    for limit in &rendered.limits {
        crate::warn(&format!("content/{}: {limit}", page.path));
    }
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
        summary_opens_body: opens_with(&page.body, &meta.summary),
        posts: meta.posts.clone(),
        quotes: meta.quotes.clone(),
        figures: meta.figures.clone(),
        people: meta.people.clone(),
        organisations: meta.organisations.clone(),
        file: meta.file.clone(),
        lines: meta.lines.clone(),
        content_path: format!("content/{}", page.path),
        body_html: BodyHtml::new(rendered.html, bodies),
        toc: if rendered.headings.len() >= 3 {
            rendered.headings
        } else {
            Vec::new()
        },
        has_code: rendered.has_code,
        words,
        reading_minutes: words.div_ceil(230).max(1),
        cluster: None,
        related: Vec::new(),
        page_hash: 0,
        facts_hash: 0,
        search_terms: String::new(),
    }
}
