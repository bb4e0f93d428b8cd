//! The site model: every page of content/ loaded, validated and arranged into topics,
//! clusters of stories about one event, related stories, people and organisations, quotes,
//! figures and a timeline; built once and read by the renderer.

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
use crate::date::date_of_day;
use crate::story::{Figure, Post, Quote, StoryKind};
use crate::text::{StemmedWords, WordTally};
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

/// A page as a story of the site, with its terms and places for comparing it to others.
/// `body_words`: the tally of the page's body, when ingest made it (see [`WordTally`]).
fn analyse(
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
fn opens_with(text: &str, opening: &str) -> bool {
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
        crate::story::slugify(&meta.slug, 64)
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

/// Groups stories from different source files that report one event: alike in words,
/// naming something of the event in common (a figure, a place, its day), and with nothing
/// any two of them say about it at odds (its day, a preview against a report, a first
/// against a second: see [`events::Event`]). Undated members take the event's day, marked
/// inferred.
fn find_clusters(
    articles: &mut [Article],
    neighbours: &[&[(u32, f64)]],
    events: &[&events::Event],
) -> Vec<Cluster> {
    let n = articles.len();
    let mut parent: Vec<usize> = (0..n).collect();
    // Each group's members, so a story joins a group only if it agrees with every member
    // (and a chain of look-alike stories never grows into a topic).
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // The most alike pairs join first, so a weak likeness cannot pull a story into another
    // event's group before its own. Each pair once, from its lower story.
    let mut pairs: Vec<(f64, usize, usize)> = neighbours
        .iter()
        .enumerate()
        .flat_map(|(i, list)| {
            list.iter()
                .take_while(|(_, similarity)| *similarity >= CLUSTER_SIMILARITY)
                .filter(move |(j, _)| *j as usize > i)
                .map(move |&(j, similarity)| (similarity, i, j as usize))
        })
        .collect();
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    // A figure or place that more stories name than one event has reports ("10%", "£1bn",
    // a capital) is common currency, and says nothing of which happening a story tells.
    let mut named_by: rustc_hash::FxHashMap<u64, usize> = rustc_hash::FxHashMap::default();
    for specific in events.iter().flat_map(|e| e.specifics()) {
        *named_by.entry(*specific).or_default() += 1;
    }
    let telling = |specific: u64| {
        named_by
            .get(&specific)
            .is_some_and(|&n| n <= MAX_CLUSTER_STORIES)
    };
    let at_odds = |x: usize, y: usize| {
        // Pieces of one scraped page are different stories.
        articles[x].file == articles[y].file || events[x].conflicts(events[y])
    };
    let similarity: rustc_hash::FxHashMap<(usize, usize), f64> = pairs
        .iter()
        .map(|&(similarity, i, j)| ((i, j), similarity))
        .collect();
    // Two groups are one event when their reports are alike on average, not through one
    // pair: a single likeness would chain a story into whichever group reached it first.
    let alike = |a: &[usize], b: &[usize]| {
        let total: f64 = a
            .iter()
            .flat_map(|&x| b.iter().map(move |&y| (x.min(y), x.max(y))))
            .map(|pair| similarity.get(&pair).copied().unwrap_or(0.0))
            .sum();
        total >= CLUSTER_SIMILARITY * (a.len() * b.len()) as f64
    };
    for (_, i, j) in pairs {
        if !events[i].corroborates(events[j], telling) {
            continue;
        }
        let (a, b) = (root(&mut parent, i), root(&mut parent, j));
        if a == b || members[a].len() + members[b].len() > MAX_CLUSTER_STORIES {
            continue;
        }
        if !alike(&members[a], &members[b])
            || members[a]
                .iter()
                .any(|&x| members[b].iter().any(|&y| at_odds(x, y)))
        {
            continue;
        }
        let (keep, gone) = (a.min(b), a.max(b));
        parent[gone] = keep;
        let moved = std::mem::take(&mut members[gone]);
        members[keep].extend(moved);
    }
    let mut clusters = Vec::new();
    let mut used_slugs = rustc_hash::FxHashSet::default();
    for mut members in members.into_iter().filter(|m| m.len() >= 2) {
        members.sort_by(|&a, &b| {
            articles[a]
                .date
                .is_none()
                .cmp(&articles[b].date.is_none())
                .then_with(|| articles[a].date.cmp(&articles[b].date))
                .then(a.cmp(&b))
        });
        let date = events::event_day(members.iter().map(|&m| events[m])).map(date_of_day);
        let title = articles[best_headline(articles, &members)].title.clone();
        let base = crate::story::slugify(&title, 64);
        let mut slug = base.clone();
        let mut k = 1;
        while !used_slugs.insert(slug.clone()) {
            k += 1;
            slug = format!("{base}-{k}");
        }
        let index = clusters.len();
        for &m in &members {
            let article = &mut articles[m];
            article.cluster = Some(index);
            if article.date.is_none() {
                if let Some(d) = &date {
                    article.date = Some(d.clone());
                    article.date_display = display_date(d);
                    article.date_inferred = true;
                }
            }
        }
        clusters.push(Cluster {
            url: format!("stories/{slug}.html"),
            slug,
            title,
            date_display: date.as_deref().and_then(display_date),
            date,
            members,
        });
    }
    clusters
}

/// Fewest words of a headline to name a cluster by: a shorter one is a section name or a
/// button a scraper took for the headline ("Share").
const MIN_HEADLINE_WORDS: usize = 4;

/// The member whose headline names a cluster: one its source wrote, not one digest made
/// from a first sentence, when there is one of [`MIN_HEADLINE_WORDS`] or more; of those the
/// one whose words the other reports' headlines and summaries share most (the event as
/// they all tell it, not one outlet's angle); ties to the oldest.
fn best_headline(articles: &[Article], members: &[usize]) -> usize {
    let stems = |text: &str| -> rustc_hash::FxHashSet<String> {
        let words = StemmedWords::of(text);
        words
            .content_stems(0..words.len())
            .map(str::to_string)
            .collect()
    };
    let told: Vec<rustc_hash::FxHashSet<String>> = members
        .iter()
        .map(|&m| stems(&format!("{}\n{}", articles[m].title, articles[m].summary)))
        .collect();
    let long_enough = |m: usize| crate::text::word_count(&articles[m].title) >= MIN_HEADLINE_WORDS;
    let written: Vec<usize> = (0..members.len())
        .filter(|&k| long_enough(members[k]) && !articles[members[k]].title_generated)
        .collect();
    let candidates = if written.is_empty() {
        (0..members.len())
            .filter(|&k| long_enough(members[k]))
            .collect()
    } else {
        written
    };
    let shared = |k: usize| -> f64 {
        let own = stems(&articles[members[k]].title);
        if own.is_empty() {
            return 0.0;
        }
        told.iter()
            .enumerate()
            .filter(|&(other, _)| other != k)
            .map(|(_, words)| own.intersection(words).count() as f64 / own.len() as f64)
            .sum()
    };
    let mut best: Option<(usize, f64)> = None;
    for k in candidates {
        let score = shared(k);
        if best.is_none_or(|(_, top)| score > top) {
            best = Some((k, score));
        }
    }
    members[best.map_or(0, |(k, _)| k)]
}

#[cfg(test)]
mod tests {
    use super::opens_with;

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
