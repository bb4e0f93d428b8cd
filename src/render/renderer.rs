//! The renderer: the site model, the templates and what every page shares.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use anyhow::Result;
use rustc_hash::FxHashMap;
use tera::Tera;

use super::context::PageContext;
use super::output::OutputFile;
use super::templates::template_error;
use super::views::{
    ClusterView, FigureGroup, FigureView, Outlet, QuoteView, SiteView, SourceView, TopicNav,
    TopicSection,
};
use super::{
    feeds, search, shorten, PageKind, DESCRIPTION_CHARS, PANEL_FIGURES, SOURCES_PER_QUOTE,
};
use crate::config::OTHER_TOPIC;
use crate::site::entities::EntityKind;
use crate::site::{Article, Cluster, Site, Topic, SOURCE_NOT_STATED};
use crate::story::FileCleaning;

/// What [`Renderer::render`] makes of a page's templates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Output {
    /// The page's text.
    Text,
    /// In place of each file's text, a hash of the template's name and of the whole context
    /// it receives: what `serve` compares to tell which pages an edit changed.
    Fingerprint,
}

/// Renders pages from the site model with the loaded templates.
pub(super) struct Renderer<'a> {
    pub(super) site: &'a Site,
    output: Output,
    tera: &'a Tera,
    pub(super) root: &'a Path,
    /// The site's values as a template value, made once: every page shares it.
    site_view: tera::Value,
    /// Person name -> page, for linking speakers.
    person_urls: FxHashMap<&'a str, &'a str>,
    /// For each story, the entities with pages that it names.
    pub(super) entities_of: Vec<Vec<usize>>,
    /// For each story, its primary topic and its place in that topic's list.
    pub(super) topic_position: Vec<(usize, usize)>,
    /// The editions' dates, newest first: every date a story has.
    pub(super) editions: Vec<&'a str>,
    /// The front page's edition (a place in `editions`); `None` when no story is dated.
    pub(super) front_edition: Option<usize>,
    /// Each story's template values, made the first time a page shows them and then shared
    /// (values are reference counted): a story is linked from many pages, and serialising
    /// its link anew for each showed in profiles.
    story_values: Vec<StoryValues>,
}

/// A story as pages show it, as template values made on first use.
#[derive(Default)]
struct StoryValues {
    /// Its link ([`crate::site::ArticleLink`]).
    link: std::sync::OnceLock<tera::Value>,
    /// It as a source ([`SourceView`]): its link and who published it.
    source: std::sync::OnceLock<tera::Value>,
}

impl<'a> Renderer<'a> {
    pub(super) fn new(site: &'a Site, tera: &'a Tera, root: &'a Path) -> Renderer<'a> {
        let config = &site.config;
        let base_url = if config.base_url.ends_with('/') {
            Cow::Borrowed(config.base_url.as_str())
        } else {
            Cow::Owned(format!("{}/", config.base_url))
        };
        let site_view = tera::Value::from_serializable(&SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            base_url: &base_url,
            topics: site
                .topics
                .iter()
                .filter(|t| !t.articles.is_empty() || t.slug != OTHER_TOPIC)
                .map(|t| TopicNav {
                    slug: &t.slug,
                    name: &t.name,
                    count: t.articles.len(),
                })
                .collect(),
        });
        // Lookups built once, so no page pays a search over the whole site.
        let person_urls = site
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .map(|e| (e.name.as_str(), e.url.as_str()))
            .collect();
        let mut entities_of = vec![Vec::new(); site.articles.len()];
        for (e, entity) in site.entities.iter().enumerate() {
            for &a in &entity.articles {
                entities_of[a].push(e);
            }
        }
        let mut topic_position = vec![(0, 0); site.articles.len()];
        for (t, topic) in site.topics.iter().enumerate() {
            for (position, &a) in topic.articles.iter().enumerate() {
                topic_position[a] = (t, position);
            }
        }
        let mut editions: Vec<&str> = site
            .articles
            .iter()
            .filter_map(|a| a.date.as_deref())
            .collect();
        editions.sort_unstable_by(|a, b| b.cmp(a));
        editions.dedup();
        // The newest edition on or before the date asked for, else the newest.
        let front_edition = match config.render.edition.as_deref() {
            Some(date) => editions
                .iter()
                .position(|&e| e <= date)
                .or((!editions.is_empty()).then_some(editions.len() - 1)),
            None => (!editions.is_empty()).then_some(0),
        };
        Renderer {
            editions,
            front_edition,
            story_values: std::iter::repeat_with(StoryValues::default)
                .take(site.articles.len())
                .collect(),
            site,
            output: Output::Text,
            tera,
            root,
            site_view,
            person_urls,
            entities_of,
            topic_position,
        }
    }

    /// A renderer of the same site and templates that makes `output` of each page.
    pub(super) fn making(&self, output: Output) -> Renderer<'a> {
        Renderer {
            output,
            ..Renderer::new(self.site, self.tera, self.root)
        }
    }

    /// The context every page starts from: site values, the page's path from the root (for
    /// its canonical address), the path back to the root, a title, and an empty description
    /// (the site's is shown unless the page inserts its own).
    pub(super) fn context(&self, page_path: &str, page_title: &str) -> PageContext {
        let mut ctx = PageContext::default();
        ctx.insert_value("site", self.site_view.clone());
        ctx.insert("root", &"../".repeat(page_path.matches('/').count()));
        ctx.insert("page_path", page_path);
        ctx.insert("page_title", page_title);
        ctx.insert("page_description", "");
        ctx
    }

    pub(super) fn render(
        &self,
        template: &str,
        ctx: &PageContext,
        path: String,
    ) -> Result<OutputFile> {
        if self.output == Output::Fingerprint {
            return Ok(OutputFile {
                path: PathBuf::from(path),
                bytes: ctx.fingerprint(template).to_le_bytes().to_vec(),
            });
        }
        let mut html = self
            .tera
            .render(template, ctx.tera())
            .map_err(|e| template_error(&self.root.join("templates"), e))?;
        if path.ends_with(".xml") {
            // Any story text can reach a feed: what XML 1.0 forbids would make it unreadable.
            html = crate::markup::xml_safe(html);
        }
        Ok(OutputFile {
            path: PathBuf::from(path),
            bytes: html.into_bytes(),
        })
    }

    /// Story `i`'s link as a template value (see [`Renderer::story_values`]); a view holding
    /// it is serialised with it as it is.
    pub(super) fn link(&self, i: usize) -> tera::Value {
        self.story_values[i]
            .link
            .get_or_init(|| tera::Value::from_serializable(&self.site.articles[i].link()))
            .clone()
    }

    /// Stories' links as a template list.
    pub(super) fn link_list(&self, stories: impl Iterator<Item = usize>) -> tera::Value {
        tera::Value::from(stories.map(|i| self.link(i)).collect::<Vec<_>>())
    }

    /// Story `i` as a source as a template value, shared like its link.
    fn source(&self, i: usize) -> tera::Value {
        self.story_values[i]
            .source
            .get_or_init(|| {
                tera::Value::from_serializable(&SourceView {
                    label: self.site.articles[i].source_label(),
                    article: self.link(i),
                })
            })
            .clone()
    }

    pub(super) fn entity_url(&self, name: &str) -> Option<&'a str> {
        self.person_urls.get(name).copied()
    }

    pub(super) fn quote_view(&self, q: usize) -> QuoteView<'a> {
        let quote = &self.site.quotes[q];
        QuoteView {
            text: &quote.text,
            speaker: quote.speaker.as_deref(),
            speaker_url: quote.speaker.as_deref().and_then(|s| self.entity_url(s)),
            sources: quote
                .sources
                .iter()
                .take(SOURCES_PER_QUOTE)
                .map(|&i| self.source(i))
                .collect(),
            more_sources: quote.sources.len().saturating_sub(SOURCES_PER_QUOTE),
        }
    }

    /// The first figures of the given stories, one per story, for a panel.
    fn figures_of(&self, stories: &[usize], limit: usize) -> Vec<FigureView<'a>> {
        stories
            .iter()
            .filter_map(|&i| {
                let f = self.site.articles[i].figures.first()?;
                Some(FigureView {
                    value: &f.value,
                    context: &f.context,
                    article: self.link(i),
                })
            })
            .take(limit)
            .collect()
    }

    /// The topics with a page: the configured ones, and `other` when it has stories.
    pub(super) fn shown_topics(&self) -> impl Iterator<Item = &'a Topic> + 'a {
        self.site
            .topics
            .iter()
            .filter(|t| !t.articles.is_empty() || t.slug != OTHER_TOPIC)
    }

    /// A topic with the stories `range` of its list, and its figures panel when `figures`.
    pub(super) fn section(
        &self,
        t: &'a Topic,
        range: std::ops::Range<usize>,
        figures: bool,
    ) -> TopicSection<'a> {
        let end = range.end.min(t.articles.len());
        let start = range.start.min(end);
        TopicSection {
            slug: &t.slug,
            name: &t.name,
            description: &t.description,
            count: t.articles.len(),
            articles: t.articles[start..end]
                .iter()
                .map(|&i| self.link(i))
                .collect(),
            figures: if figures {
                self.figures_of(&t.articles, PANEL_FIGURES)
            } else {
                Vec::new()
            },
        }
    }

    /// A cluster with its members as sources, but for story `except` (the page's own).
    pub(super) fn cluster_view(&self, c: &'a Cluster, except: Option<usize>) -> ClusterView<'a> {
        ClusterView {
            title: &c.title,
            url: &c.url,
            date_display: c.date_display.as_deref(),
            members: c
                .members
                .iter()
                .filter(|&&i| Some(i) != except)
                .map(|&i| self.source(i))
                .collect(),
            outlets: self.outlets(&c.members),
            reports: c.members.len(),
        }
    }

    /// The distinct outlets of `stories`, each once with its count, most reports first
    /// (then in the stories' order); "source not stated" last.
    pub(super) fn outlets(&self, stories: &[usize]) -> Vec<Outlet<'a>> {
        let mut outlets: Vec<Outlet<'a>> = Vec::new();
        for &i in stories {
            let name = self.site.articles[i].source_label();
            match outlets.iter_mut().find(|o| o.name == name) {
                Some(o) => o.count += 1,
                None => outlets.push(Outlet { name, count: 1 }),
            }
        }
        outlets.sort_by_key(|o| (o.name == SOURCE_NOT_STATED, std::cmp::Reverse(o.count)));
        outlets
    }

    /// Story `i`'s figures, those in one sentence together, in the story's order.
    pub(super) fn figure_groups(&self, i: usize, limit: usize) -> Vec<FigureGroup<'a>> {
        let mut groups: Vec<FigureGroup<'a>> = Vec::new();
        for f in self.site.articles[i].figures.iter().take(limit) {
            match groups.iter_mut().find(|g| g.context == f.context) {
                Some(g) if !g.values.contains(&f.value.as_str()) => g.values.push(&f.value),
                Some(_) => {}
                None => groups.push(FigureGroup {
                    values: vec![&f.value],
                    context: &f.context,
                }),
            }
        }
        groups
    }

    /// Every page of the site, in a fixed order.
    pub fn pages(&self) -> Vec<PageKind> {
        let site = self.site;
        let mut pages = vec![PageKind::Index];
        pages.extend((0..self.editions.len()).map(PageKind::Edition));
        pages.push(PageKind::Editions);
        pages.extend((0..self.shown_topics().count()).map(PageKind::Topic));
        pages.extend((0..site.articles.len()).map(PageKind::Article));
        pages.extend((0..site.clusters.len()).map(PageKind::Cluster));
        pages.push(PageKind::People);
        pages.extend((0..site.entities.len()).map(PageKind::Person));
        pages.extend([
            PageKind::Quotes,
            PageKind::Figures,
            PageKind::Timeline,
            PageKind::Briefing,
            PageKind::Search,
            PageKind::SearchIndex,
            PageKind::Report,
            PageKind::NotFound,
            PageKind::Feeds,
            PageKind::Sitemap,
            PageKind::Static,
        ]);
        pages
    }

    /// The files of one page.
    pub fn render_page(
        &self,
        page: PageKind,
        report: Option<&[FileCleaning]>,
    ) -> Result<Vec<OutputFile>> {
        let site = self.site;
        let one = |file: Result<OutputFile>| file.map(|f| vec![f]);
        match page {
            PageKind::Index => one(self.edition_page(self.front_edition, true)),
            PageKind::Edition(e) => one(self.edition_page(Some(e), false)),
            PageKind::Editions => one(self.editions_page()),
            PageKind::Topic(t) => self.topic_pages(t),
            PageKind::Article(i) => one(self.article_page(i, &site.articles[i])),
            PageKind::Cluster(c) => {
                let cluster = &site.clusters[c];
                let mut ctx = self.context(&cluster.url, &cluster.title);
                let lead = cluster
                    .members
                    .iter()
                    .map(|&i| &site.articles[i].summary)
                    .find(|s| !s.is_empty());
                if let Some(summary) = lead {
                    ctx.insert(
                        "page_description",
                        &shorten::first_sentence(summary, DESCRIPTION_CHARS),
                    );
                }
                ctx.insert("cluster", &self.cluster_view(cluster, None));
                let full: Vec<&Article> =
                    cluster.members.iter().map(|&i| &site.articles[i]).collect();
                ctx.insert("articles", &full);
                one(self.render("cluster.html", &ctx, cluster.url.clone()))
            }
            PageKind::People => one(self.people_index()),
            PageKind::Person(e) => one(self.person_page(e)),
            PageKind::Quotes => one(self.quotes_page()),
            PageKind::Figures => one(self.figures_page()),
            PageKind::Timeline => one(self.timeline_page()),
            PageKind::Briefing => one(self.briefing_page()),
            PageKind::Search => {
                let ctx = self.context("search.html", "Search");
                one(self.render("search.html", &ctx, "search.html".into()))
            }
            PageKind::SearchIndex => Ok(vec![search::index_file(site, None).0]),
            PageKind::Report => one(self.report_page(report)),
            PageKind::NotFound => {
                let ctx = self.context("404.html", "Page not found");
                let not_found = self.render("404.html", &ctx, "404.html".into())?;
                // What the service worker shows for a page it has not saved, offline.
                let ctx = self.context("offline.html", "Offline");
                let offline = self.render("offline.html", &ctx, "offline.html".into())?;
                Ok(vec![not_found, offline])
            }
            PageKind::Feeds => feeds::feeds(
                site,
                &|template, ctx, path| self.render(template, ctx, path),
                &|r, t| self.context(r, t),
            ),
            PageKind::Sitemap => feeds::sitemap(
                site,
                &self.editions,
                &|template, ctx, path| self.render(template, ctx, path),
                &|r, t| self.context(r, t),
            ),
            PageKind::Static => self.static_files(),
        }
    }
}
