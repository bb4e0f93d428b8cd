//! The site model: every page of content/ loaded, validated and arranged into topics,
//! clusters of stories about one event, related stories, people and organisations, quotes,
//! figures and a timeline; built once and read by the renderer.

mod article;
mod clusters;
pub mod entities;
mod events;
pub mod highlight;
pub mod markdown;
mod search_terms;
mod similarity;

use std::path::{Path, PathBuf};

use anyhow::Result;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::config::Config;
use crate::content::{self, Page};
use crate::date::display_date;
use crate::story::{Figure, Post, Quote, StoryKind};
use crate::text::WordTally;
use article::analyse;
use clusters::find_clusters;
use markdown::{BodyHtml, BodyStorage, Heading};

/// One story page of the site.
#[derive(Debug, Clone, Serialize, Hash)]
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
    /// The summary is the body's own opening, word for word: the article page need not
    /// print it twice.
    pub summary_opens_body: bool,
    pub posts: Vec<Post>,
    pub quotes: Vec<Quote>,
    pub figures: Vec<Figure>,
    pub people: Vec<String>,
    pub organisations: Vec<String>,
    /// Where the story came from: the raw file and its lines.
    pub file: String,
    pub lines: Vec<usize>,
    pub content_path: String,
    pub body_html: BodyHtml,
    /// Table of contents, for pieces with several sections.
    pub toc: Vec<Heading>,
    pub has_code: bool,
    pub words: usize,
    pub reading_minutes: usize,
    /// Path from the site root, e.g. `articles/slug.html`.
    pub url: String,
    /// The cluster of stories about the same event this story belongs to.
    pub cluster: Option<usize>,
    /// The most similar other stories, most similar first.
    pub related: Vec<usize>,
    /// A hash of the article as its page made it (before related stories and clusters),
    /// so an incremental rebuild can tell which stories changed.
    #[serde(skip)]
    pub page_hash: u64,
    /// A hash of what lists gather from the story besides its link: quotes, figures,
    /// posts, names, authors, place and topics.
    #[serde(skip)]
    pub facts_hash: u64,
    /// Weighted stems for the search index, "stem weight stem weight ...".
    #[serde(skip)]
    pub search_terms: String,
}

/// What a list of stories needs to show about one: small, so large lists stay cheap.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct ArticleLink<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub date: Option<&'a str>,
    pub date_display: Option<&'a str>,
    pub date_inferred: bool,
    pub source: Option<&'a str>,
    pub summary: &'a str,
    pub kind: StoryKind,
    pub posts: usize,
    pub topic: &'a TopicRef,
}

impl Article {
    pub fn link(&self) -> ArticleLink<'_> {
        ArticleLink {
            title: &self.title,
            url: &self.url,
            date: self.date.as_deref(),
            date_display: self.date_display.as_deref(),
            date_inferred: self.date_inferred,
            source: self.source.as_deref(),
            summary: &self.summary,
            kind: self.kind,
            posts: self.posts.len(),
            topic: &self.topics[0],
        }
    }

    /// Who published it, as a reader knows it: the outlet, or "source not stated" (a raw
    /// file's name is provenance, shown only on the story's page and the build report).
    pub fn source_label(&self) -> &str {
        self.source.as_deref().unwrap_or(SOURCE_NOT_STATED)
    }
}

/// What lists of sources say for a story whose outlet is not known.
pub const SOURCE_NOT_STATED: &str = "source not stated";

/// Stories from different sources about one event.
#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
pub struct Cluster {
    pub slug: String,
    pub title: String,
    pub date: Option<String>,
    pub date_display: Option<String>,
    /// Member stories, oldest stated date first.
    pub members: Vec<usize>,
    pub url: String,
}

/// A topic as an article refers to it.
#[derive(Debug, Clone, Serialize, Hash)]
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
    pub clusters: Vec<Cluster>,
    /// People and organisations named in at least two stories.
    pub entities: Vec<entities::Entity>,
    /// Every quote, the same words from several stories listed once.
    pub quotes: Vec<entities::SiteQuote>,
}

/// Least cosine similarity for two stories from different sources to be one event, when
/// they also name something of it in common and nothing they say of it disagrees (see
/// [`events::Event`]). Reports of one event in different words score from about 0.07 on the
/// seeds (a live page against an agency report); unrelated stories score 0.
const CLUSTER_SIMILARITY: f64 = 0.07;
/// Most reports one event gathers: more alike stories than this are a running subject,
/// not one event (and a chain of pairwise likenesses must not swallow a topic).
const MAX_CLUSTER_STORIES: usize = 12;
/// Least similarity for a story to be listed as related.
const RELATED_SIMILARITY: f64 = 0.08;
/// Related stories shown per article.
const RELATED_COUNT: usize = 3;

/// What the model keeps about each story besides its article, so that after an edit it
/// can update itself without re-reading or re-analysing the other stories.
struct StoryState {
    /// The page's path under content/.
    path: String,
    /// The date as the page states it, and whether the page says it was inferred (the
    /// article's date may also be inferred from its cluster).
    stated_date: (Option<String>, bool),
    /// The slug before two pages claiming one are told apart.
    base_slug: String,
    /// Weighted terms, for similarity.
    terms: similarity::Terms,
    /// What the story reports happening, for clusters.
    event: events::Event,
    /// The story's document in the similarity corpus.
    doc: u32,
}

/// A content page that changed on disk: its new text parsed, or gone (`None`, or a draft
/// when drafts are not shown).
pub struct PageChange {
    /// Path under content/, with `/` separators.
    pub path: String,
    pub page: Option<Page>,
}

/// A page ingest has just written, analysed as it was written (see [`Model::load`]).
pub struct AnalysedPage {
    path: String,
    story: (Article, StoryState),
}

impl AnalysedPage {
    /// Analyses a generated page ([`Page::generated`]); `body_words` is the tally of its
    /// body made by ingest, if any. `None` when the page does not validate: the model then
    /// reads the file, whose error names the line.
    pub fn of_written(
        page: Page,
        body_words: Option<WordTally>,
        config: &Config,
        content_dir: &Path,
        bodies: BodyStorage,
    ) -> Option<AnalysedPage> {
        content::validate(&page, config, content_dir).ok()?;
        // A generated page is never a draft, so every build shows it.
        Some(AnalysedPage {
            story: analyse(&page, config, bodies, body_words),
            path: page.path,
        })
    }
}

/// The site model with what it needs to be updated story by story (`serve` keeps one).
pub struct Model {
    pub site: Site,
    /// One per article, in the same order.
    states: Vec<StoryState>,
    corpus: similarity::Corpus,
    include_drafts: bool,
    /// How article bodies are held, chosen by the site's size when it was loaded.
    bodies: BodyStorage,
}

impl Model {
    /// Loads and validates content/ under `root`. `written` are pages ingest has just
    /// written there, already analysed: they are taken as they are, not read again (`None`
    /// is one that did not validate, which is read, so its error names the line).
    pub fn load(
        root: &Path,
        config: Config,
        include_drafts: bool,
        written: Vec<Option<AnalysedPage>>,
    ) -> Result<Model> {
        let content_dir = root.join("content");
        let phase = std::time::Instant::now();
        // Ingest gives every story its own slug, so each written page has its own path. A
        // story is large: it is moved out of `written` once, not into a map and out again.
        let mut by_path: FxHashMap<String, usize> = FxHashMap::default();
        let mut written_stories = Vec::with_capacity(written.len());
        for page in written.into_iter().flatten() {
            by_path.insert(page.path, written_stories.len());
            written_stories.push(Some(page.story));
        }
        let pages: Vec<(PathBuf, Option<(Article, StoryState)>)> =
            content::page_paths(&content_dir)?
                .into_iter()
                .map(|path| {
                    let story = by_path
                        .get(&content::relative_path(&content_dir, &path))
                        .and_then(|&i| written_stories[i].take());
                    (path, story)
                })
                .collect();
        let bodies = BodyStorage::for_stories(pages.len());
        // Each page is read, checked and analysed in one go, then dropped: a large site never
        // holds every page's text and every article at once. The first bad page in path
        // order is the error.
        let analysed: Vec<Result<Option<(Article, StoryState)>>> = pages
            .into_par_iter()
            .with_max_len(crate::FILES_PER_JOB)
            .map(|(path, story)| {
                if story.is_some() {
                    return Ok(story);
                }
                let page = content::read_page(&content_dir, &path)?;
                content::validate(&page, &config, &content_dir)?;
                Ok((include_drafts || !page.meta.draft)
                    .then(|| analyse(&page, &config, bodies, None)))
            })
            .collect();
        let mut stories = Vec::with_capacity(analysed.len());
        for story in analysed {
            stories.extend(story?);
        }
        sort_stories(&mut stories);
        crate::ui::timing(" analyse", phase.elapsed(), "pages read and analysed");
        let phase = std::time::Instant::now();
        let corpus = corpus_of(&mut stories);
        crate::ui::timing(" similar", phase.elapsed(), "");
        let (articles, states): (Vec<Article>, Vec<StoryState>) = stories.into_iter().unzip();
        let mut model = Model {
            site: Site {
                config,
                articles,
                topics: Vec::new(),
                clusters: Vec::new(),
                entities: Vec::new(),
                quotes: Vec::new(),
            },
            states,
            corpus,
            include_drafts,
            bodies,
        };
        let phase = std::time::Instant::now();
        model.derive(true);
        crate::ui::timing(" derive", phase.elapsed(), "");
        Ok(model)
    }

    /// The site, the analysis dropped.
    pub fn into_site(self) -> Site {
        self.site
    }

    /// Applies changed pages (already read, parsed and validated) to the model: only the
    /// changed stories are analysed again; what depends on all stories is derived afresh.
    pub fn update(&mut self, changes: Vec<PageChange>) {
        let phase = std::time::Instant::now();
        let config = &self.site.config;
        let analysed: Vec<(String, Option<(Article, StoryState)>)> = changes
            .into_par_iter()
            .map(|change| {
                let story = change
                    .page
                    .filter(|p| self.include_drafts || !p.meta.draft)
                    .map(|p| analyse(&p, config, self.bodies, None));
                (change.path, story)
            })
            .collect();
        // Stories edited in place keep the corpus's word statistics (see
        // `similarity::Corpus`) and, when their date, title and slug stay, their place; a
        // story added or removed changes how rare every word is, so the corpus is then built
        // afresh from the analyses kept, and the stories are put in order again.
        let mut reorder = false;
        // People and quotes are gathered again only when a story's facts changed.
        let mut facts_changed = false;
        let mut removed: Vec<usize> = Vec::new();
        let mut added: Vec<(Article, StoryState)> = Vec::new();
        for (path, story) in analysed {
            let at = self.states.iter().position(|s| s.path == path);
            match (at, story) {
                (Some(i), Some((article, mut state))) => {
                    let old = (&self.site.articles[i], &self.states[i]);
                    reorder |= old.1.stated_date != state.stated_date
                        || old.0.title != article.title
                        || old.1.base_slug != state.base_slug;
                    facts_changed |= old.0.facts_hash != article.facts_hash;
                    state.doc = old.1.doc;
                    self.corpus.replace(state.doc, Some(&state.terms));
                    // Keep the slug told apart from others; the reorder below redoes it.
                    let (slug, url) = (old.0.slug.clone(), old.0.url.clone());
                    self.site.articles[i] = article;
                    self.site.articles[i].slug = slug;
                    self.site.articles[i].url = url;
                    self.states[i] = state;
                }
                (Some(i), None) => removed.push(i),
                (None, Some(story)) => added.push(story),
                (None, None) => {}
            }
        }
        if !removed.is_empty() || !added.is_empty() || reorder {
            facts_changed = true;
            let mut stories: Vec<(Article, StoryState)> = std::mem::take(&mut self.site.articles)
                .into_iter()
                .zip(std::mem::take(&mut self.states))
                .enumerate()
                .filter(|(i, _)| !removed.contains(i))
                .map(|(_, story)| story)
                .collect();
            let corpus_changed = !removed.is_empty() || !added.is_empty();
            stories.extend(added);
            sort_stories(&mut stories);
            if corpus_changed {
                self.corpus = corpus_of(&mut stories);
            }
            (self.site.articles, self.states) = stories.into_iter().unzip();
        }
        crate::ui::timing(" apply", phase.elapsed(), "");
        let phase = std::time::Instant::now();
        self.derive(facts_changed);
        crate::ui::timing(" derive", phase.elapsed(), "");
    }

    /// Derives what depends on the whole set of stories: related stories, clusters (and
    /// the dates they infer), topic lists and, when `entities`, people and quotes.
    fn derive(&mut self, entities: bool) {
        let site = &mut self.site;
        for (article, state) in site.articles.iter_mut().zip(&self.states) {
            article.cluster = None;
            let (date, inferred) = &state.stated_date;
            if article.date != *date || article.date_inferred != *inferred {
                article.date = date.clone();
                article.date_display = date.as_deref().and_then(display_date);
                article.date_inferred = *inferred;
            }
        }
        // Each story's neighbours by story number. Documents are numbered as the stories
        // are unless an edit moved a story; then the lists are renumbered.
        let in_order = self
            .states
            .iter()
            .enumerate()
            .all(|(i, s)| s.doc as usize == i);
        let renumbered: Vec<Vec<(u32, f64)>> = if in_order {
            Vec::new()
        } else {
            let mut index_of = vec![u32::MAX; self.corpus.documents()];
            for (i, state) in self.states.iter().enumerate() {
                index_of[state.doc as usize] = i as u32;
            }
            self.states
                .par_iter()
                .map(|state| {
                    let mut list: Vec<(u32, f64)> = self
                        .corpus
                        .neighbours(state.doc)
                        .iter()
                        .map(|&(doc, score)| (index_of[doc as usize], score))
                        .collect();
                    // Ties in story order, as a fresh build numbers its documents.
                    list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                    list
                })
                .collect()
        };
        let neighbours: Vec<&[(u32, f64)]> = if in_order {
            self.states
                .iter()
                .map(|s| self.corpus.neighbours(s.doc))
                .collect()
        } else {
            renumbered.iter().map(Vec::as_slice).collect()
        };
        for (article, list) in site.articles.iter_mut().zip(&neighbours) {
            article.related = list
                .iter()
                .take_while(|(_, similarity)| *similarity >= RELATED_SIMILARITY)
                .take(RELATED_COUNT)
                .map(|(i, _)| *i as usize)
                .collect();
        }
        let events: Vec<&events::Event> = self.states.iter().map(|s| &s.event).collect();
        site.clusters = find_clusters(&mut site.articles, &neighbours, &events);
        let config = &site.config;
        let articles = &site.articles;
        site.topics = config
            .topic_slugs()
            .into_iter()
            .map(|slug| {
                let mut members: Vec<usize> = (0..articles.len())
                    .filter(|&i| articles[i].topics[0].slug == slug)
                    .collect();
                // Newest first by the date shown, inferred ones included.
                members.sort_by(|&a, &b| articles[b].date.cmp(&articles[a].date).then(a.cmp(&b)));
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
        if entities {
            (site.entities, site.quotes) = entities::collect(&site.articles);
        }
    }
}

/// The similarity corpus of `stories`, each story's document numbered as its place.
fn corpus_of(stories: &mut [(Article, StoryState)]) -> similarity::Corpus {
    let terms: Vec<&similarity::Terms> = stories.iter().map(|(_, s)| &s.terms).collect();
    // Neighbours are kept down to the lower of the two likenesses the site uses.
    let corpus = similarity::Corpus::build(&terms, CLUSTER_SIMILARITY.min(RELATED_SIMILARITY));
    for (doc, (_, state)) in stories.iter_mut().enumerate() {
        state.doc = doc as u32;
    }
    corpus
}

/// Newest first; undated after dated; then by title and path, for a stable order. Two
/// pages claiming one slug are then told apart, the later numbered.
fn sort_stories(stories: &mut Vec<(Article, StoryState)>) {
    // Sorted as positions, then each story moved once: a story is large, and sorting the
    // stories themselves moved each of them many times.
    let mut order: Vec<usize> = (0..stories.len()).collect();
    order.par_sort_by(|&a, &b| {
        let ((a, sa), (b, sb)) = (&stories[a], &stories[b]);
        sb.stated_date
            .0
            .cmp(&sa.stated_date.0)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| sa.path.cmp(&sb.path))
    });
    let mut unsorted: Vec<Option<(Article, StoryState)>> =
        std::mem::take(stories).into_iter().map(Some).collect();
    stories.extend(
        order
            .iter()
            .map(|&i| unsorted[i].take().expect("each story once")),
    );
    let mut seen = rustc_hash::FxHashSet::default();
    for (article, state) in stories.iter_mut() {
        let mut slug = state.base_slug.clone();
        let mut n = 1;
        while !seen.insert(slug.clone()) {
            n += 1;
            slug = format!("{}-{n}", state.base_slug);
        }
        article.url = format!("articles/{slug}.html");
        article.slug = slug;
    }
}

#[cfg(test)]
mod tests {
    use super::article::opens_with;

    #[test]
    fn a_summary_that_is_the_bodys_opening_is_told_from_one_that_is_not() {
        let body = "The *council* voted on Monday to close the bridge.\n\nRepairs start in May.";
        assert!(opens_with(
            body,
            "The council voted on Monday to close the bridge."
        ));
        assert!(opens_with(
            body,
            "The council voted on Monday to close the bridge. Repairs start"
        ));
        assert!(!opens_with(
            body,
            "A bridge closes for repairs after a council vote."
        ));
        assert!(!opens_with(body, ""));
    }
}
