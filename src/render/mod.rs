//! Render: the site model through Tera templates into HTML pages, written to a staging
//! folder and swapped into place so a failed build never leaves a half-written site.

mod chart;
mod feeds;
pub mod incremental;
mod output;
pub mod search;
mod shorten;
mod templates;
mod views;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use tera::Tera;

use crate::assets::THEME;
use crate::config::OTHER_TOPIC;
use crate::site::entities::EntityKind;
use crate::site::{display_date, Article, Cluster, Site, Topic, SOURCE_NOT_STATED};
use crate::story::FileCleaning;
pub use output::Written;
use output::{site_version, write_file, write_output, OutputFile};
pub use templates::load_templates;
use templates::template_error;
use views::{
    BriefingSection, BriefingStory, ClusterView, EditionView, FigureGroup, FigureView, NameLink,
    Outlet, Pagination, QuoteView, SiteView, SourceView, SpeakerGroup, StoryFigures, TimelineDay,
    TimelineEntry, TopStory, TopicNav, TopicSection,
};

/// An event in the running for an edition's top stories: whether it is of the edition's
/// week, its sources, its reports, its newest date, its story and its cluster.
type Event<'a> = (bool, usize, usize, Option<&'a str>, usize, Option<usize>);

/// What a build wrote.
pub struct BuildStats {
    pub pages: usize,
    /// What each page showed and wrote, when the build was asked to track it.
    pub rendered: Option<incremental::Rendered>,
}

/// Rendered files waiting to be written, at most: bounds memory when the disk is slow.
const WRITE_QUEUE: usize = 64;
/// Figures shown in a "by the numbers" panel.
const PANEL_FIGURES: usize = 6;
/// Stories per topic on the front page, as headline lines; the topic page has them all.
const FRONT_PAGE_STORIES: usize = 5;
/// An edition's top stories.
const TOP_STORIES: usize = 5;
/// Days an edition covers, ending on its date.
const EDITION_DAYS: i64 = 7;
/// Characters of a top story's sentence, and of a page's description.
const SENTENCE_CHARS: usize = 200;
const DESCRIPTION_CHARS: usize = 160;
/// Quotes per story in the briefing.
const BRIEFING_QUOTES: usize = 2;
/// Figures per story on figures.html (the story's page has them all).
const FIGURES_PER_STORY: usize = 3;
/// Sources named under a quote; a line widely syndicated says how many more carried it.
const SOURCES_PER_QUOTE: usize = 12;
/// Stories per topic whose figures figures.html lists, newest first (each story's page has
/// its own): at 100,000 stories every figure would make a page of tens of megabytes.
const FIGURES_PAGE_STORIES: usize = 500;
/// Quotes per speaker on quotes.html (a person's page has them all).
const QUOTES_PER_SPEAKER: usize = 25;
/// Quotes listed on a person's page.
const QUOTES_PER_PERSON: usize = 100;
/// Stories listed on a person's page, newest first.
const STORIES_PER_PERSON: usize = 50;
/// Up to this many stories, briefing.html carries each story's sources, summary, key quotes
/// and figures, and a contents list of every story; beyond, each story's summary under its
/// headline, so the page stays readable and printable.
const BRIEFING_DETAILED_STORIES: usize = 300;

/// Renders the whole site into `out_dir` (via a staging folder). `stories` are this run's
/// ingest results, for the build report; `None` when ingest did not run. With `track`,
/// the result records what each page showed, for [`update`].
pub fn build(
    site: &Site,
    tera: &Tera,
    root: &Path,
    report: Option<&[FileCleaning]>,
    out_dir: &Path,
    track: bool,
) -> Result<BuildStats> {
    let renderer = Renderer::new(site, tera, root);
    let pages = renderer.pages();
    let search_entries = std::sync::Mutex::new(None);
    let (by_page, offline) = write_output(out_dir, |staging| {
        // Pages render on every core; one thread writes them as they come. Creating files in
        // one folder is serial in the kernel (the folder's lock), so more writers only spin.
        let (sender, receiver) = std::sync::mpsc::sync_channel::<(usize, OutputFile)>(WRITE_QUEUE);
        let writer = std::thread::spawn({
            let staging = staging.to_path_buf();
            move || -> Result<Vec<(usize, Written)>> {
                receiver
                    .into_iter()
                    .map(|(page, file)| Ok((page, write_file(&staging, &file)?)))
                    .collect()
            }
        });
        let render_one = |sender: &std::sync::mpsc::SyncSender<(usize, OutputFile)>,
                          (index, page): (usize, PageKind)|
         -> Result<()> {
            let files = if track && page == PageKind::SearchIndex {
                // Its entries are kept, so incremental rebuilds reuse them.
                let (file, entries) = search::index_file(site, Some(&search::Entries::default()));
                *search_entries.lock().unwrap_or_else(|e| e.into_inner()) = entries;
                vec![file]
            } else {
                renderer.render_page(page, report)?
            };
            for file in files {
                // A closed queue means the writer failed; its error is reported below.
                if sender.send((index, file)).is_err() {
                    break;
                }
            }
            Ok(())
        };
        // Pages listing the whole site render one after another on one thread while the
        // others render the rest: a large site never holds two of their contexts at once.
        let (lists, singles): (Vec<_>, Vec<_>) = pages
            .iter()
            .copied()
            .enumerate()
            .partition(|(_, page)| page.lists_the_site());
        let (lists_rendered, singles_rendered) = rayon::join(
            || {
                let sender = sender.clone();
                lists
                    .into_iter()
                    .try_for_each(|page| render_one(&sender, page))
            },
            || {
                singles
                    .into_par_iter()
                    .with_max_len(crate::FILES_PER_JOB)
                    .try_for_each_with(sender.clone(), |sender, page| render_one(sender, page))
            },
        );
        drop(sender);
        let written = writer
            .join()
            .map_err(|_| anyhow!("the thread writing the site stopped unexpectedly"))??;
        lists_rendered?;
        singles_rendered?;
        let all: Vec<&Written> = written.iter().map(|(_, w)| w).collect();
        let offline = renderer
            .offline_files(&all)?
            .iter()
            .map(|file| write_file(staging, file))
            .collect::<Result<Vec<Written>>>()?;
        Ok((written, offline))
    })?;
    let pages_written = by_page
        .iter()
        .map(|(_, w)| w)
        .chain(&offline)
        .filter(|f| f.path.extension().is_some_and(|e| e == "html"))
        .count();
    let tracked = track.then(|| {
        let search = search_entries
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .unwrap_or_default();
        incremental::Rendered::new(&renderer, &pages, by_page, offline, search)
    });
    Ok(BuildStats {
        pages: pages_written,
        rendered: tracked,
    })
}

/// One page of the site, or a group of files made together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PageKind {
    Index,
    /// An edition's own page, by its place among the editions (newest first).
    Edition(usize),
    /// editions/index.html, the archive of editions.
    Editions,
    /// A topic's pages (the first, then topics/<topic>/page/N.html).
    Topic(usize),
    Article(usize),
    Cluster(usize),
    People,
    Person(usize),
    Quotes,
    Figures,
    Timeline,
    Briefing,
    Search,
    SearchIndex,
    Report,
    NotFound,
    /// atom.xml and the topic feeds.
    Feeds,
    /// sitemap.xml and robots.txt.
    Sitemap,
    /// The theme's files, .nojekyll and CNAME.
    Static,
}

impl PageKind {
    /// Whether the page lists stories from all over the site, so its context and its file
    /// grow with the site (at 100,000 stories some are tens of megabytes).
    fn lists_the_site(self) -> bool {
        !matches!(
            self,
            PageKind::Article(_)
                | PageKind::Edition(_)
                | PageKind::Cluster(_)
                | PageKind::Person(_)
                | PageKind::Search
                | PageKind::NotFound
                | PageKind::Static
        )
    }
}

/// Renders pages from the site model with the loaded templates.
struct Renderer<'a> {
    site: &'a Site,
    tera: &'a Tera,
    root: &'a Path,
    /// The site's values as a template value, made once: every page shares it.
    site_view: tera::Value,
    /// Person name -> page, for linking speakers.
    person_urls: FxHashMap<&'a str, &'a str>,
    /// For each story, the entities with pages that it names.
    entities_of: Vec<Vec<usize>>,
    /// For each story, its primary topic and its place in that topic's list.
    topic_position: Vec<(usize, usize)>,
    /// The editions' dates, newest first: every date a story has.
    editions: Vec<&'a str>,
    /// The front page's edition (a place in `editions`); `None` when no story is dated.
    front_edition: Option<usize>,
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
    fn new(site: &'a Site, tera: &'a Tera, root: &'a Path) -> Renderer<'a> {
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
            tera,
            root,
            site_view,
            person_urls,
            entities_of,
            topic_position,
        }
    }

    /// The context every page starts from: site values, the page's path from the root (for
    /// its canonical address), the path back to the root, a title, and an empty description
    /// (the site's is shown unless the page inserts its own).
    fn context(&self, page_path: &str, page_title: &str) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert_value("site", self.site_view.clone());
        ctx.insert("root", &"../".repeat(page_path.matches('/').count()));
        ctx.insert("page_path", page_path);
        ctx.insert("page_title", page_title);
        ctx.insert("page_description", "");
        ctx
    }

    fn render(&self, template: &str, ctx: &tera::Context, path: String) -> Result<OutputFile> {
        let mut html = self
            .tera
            .render(template, ctx)
            .map_err(|e| template_error(&self.root.join("templates"), e))?;
        if path.ends_with(".xml") {
            // Any story text can reach a feed: what XML 1.0 forbids would make it unreadable.
            html = crate::text::xml_safe(html);
        }
        Ok(OutputFile {
            path: PathBuf::from(path),
            bytes: html.into_bytes(),
        })
    }

    /// Story `i`'s link as a template value (see [`Renderer::story_values`]); a view holding
    /// it is serialised with it as it is.
    fn link(&self, i: usize) -> tera::Value {
        self.story_values[i]
            .link
            .get_or_init(|| tera::Value::from_serializable(&self.site.articles[i].link()))
            .clone()
    }

    /// Stories' links as a template list.
    fn link_list(&self, stories: impl Iterator<Item = usize>) -> tera::Value {
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

    fn entity_url(&self, name: &str) -> Option<&'a str> {
        self.person_urls.get(name).copied()
    }

    fn quote_view(&self, q: usize) -> QuoteView<'a> {
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
    fn shown_topics(&self) -> impl Iterator<Item = &'a Topic> + 'a {
        self.site
            .topics
            .iter()
            .filter(|t| !t.articles.is_empty() || t.slug != OTHER_TOPIC)
    }

    /// A topic with the stories `range` of its list, and its figures panel when `figures`.
    fn section(
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
    fn cluster_view(&self, c: &'a Cluster, except: Option<usize>) -> ClusterView<'a> {
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
    fn outlets(&self, stories: &[usize]) -> Vec<Outlet<'a>> {
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
    fn figure_groups(&self, i: usize, limit: usize) -> Vec<FigureGroup<'a>> {
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

    /// The front page (`front`) or an edition's own page: the edition's date, its top
    /// stories, a chart of its last days, then each topic's newest stories up to that day.
    fn edition_page(&self, edition: Option<usize>, front: bool) -> Result<OutputFile> {
        let site = self.site;
        let date = edition.map(|e| self.editions[e]);
        let path = match date {
            Some(d) if !front => format!("editions/{d}.html"),
            _ => "index.html".to_string(),
        };
        // The edition's stories: those of its week (every story when none is dated); its top
        // stories come from them first, then from the stories dated before.
        let week_start = date
            .and_then(crate::date::day_number)
            .map(|d| crate::date::date_of_day(d - EDITION_DAYS + 1));
        let in_week = |i: usize| match (date, &week_start, site.articles[i].date.as_deref()) {
            (None, _, _) => true,
            (Some(d), Some(start), Some(a)) => a <= d && a >= start.as_str(),
            _ => false,
        };
        let of_week: Vec<usize> = (0..site.articles.len()).filter(|&i| in_week(i)).collect();
        let earlier: Vec<usize> = (0..site.articles.len())
            .filter(|&i| {
                !in_week(i)
                    && date.is_some_and(|d| site.articles[i].date.as_deref().is_some_and(|a| a < d))
            })
            .collect();
        let (top, on_top) = self.top_stories(&of_week, &earlier);
        // Each topic's newest stories up to the edition's day, less those on top.
        let sections: Vec<TopicSection> = self
            .shown_topics()
            .map(|t| {
                let mut section = self.section(t, 0..0, false);
                section.articles = t
                    .articles
                    .iter()
                    .copied()
                    .filter(|&i| {
                        !on_top[i]
                            && site.articles[i]
                                .date
                                .as_deref()
                                .is_none_or(|d| Some(d) <= date)
                    })
                    .take(FRONT_PAGE_STORIES)
                    .map(|i| self.link(i))
                    .collect();
                section
            })
            .collect();
        let date_display = date.and_then(display_date);
        let title = match (&date_display, front) {
            (Some(d), false) => format!("Edition of {d}"),
            _ => site.config.title.clone(),
        };
        let mut ctx = self.context(&path, &title);
        if let (Some(d), Some(first)) = (&date_display, top.first()) {
            let description = format!("{d}: {}", first.title);
            ctx.insert(
                "page_description",
                &shorten::first_sentence(&description, DESCRIPTION_CHARS),
            );
        }
        ctx.insert(
            "edition",
            &EditionView {
                date,
                date_display,
                stories: of_week.len(),
                previous: edition.and_then(|e| self.editions.get(e + 1).copied()),
                next: edition
                    .and_then(|e| e.checked_sub(1))
                    .map(|e| self.editions[e]),
                front,
            },
        );
        ctx.insert("top", &top);
        ctx.insert("sections", &sections);
        let topics: Vec<usize> = (0..site.topics.len()).collect();
        // The front page only: an edition's own page is for going back in time.
        let chart = date
            .filter(|_| front)
            .and_then(|d| chart::stories_per_day(site, &topics, d));
        ctx.insert("chart", &chart.unwrap_or_default());
        self.render("index.html", &ctx, path)
    }

    /// The top stories among `stories`, then (when they are too few) among `earlier`: each
    /// event once (a story in a cluster stands for its cluster), most sources first, then
    /// most reports, then newest. Also which stories they show, by story number.
    fn top_stories(&self, stories: &[usize], earlier: &[usize]) -> (Vec<TopStory<'a>>, Vec<bool>) {
        let site = self.site;
        let mut seen_clusters = Vec::new();
        let mut events: Vec<Event> = Vec::new();
        let edition = stories.iter().map(|&i| (true, i));
        for (current, i) in edition.chain(earlier.iter().map(|&i| (false, i))) {
            let cluster = site.articles[i].cluster;
            if let Some(c) = cluster {
                if seen_clusters.contains(&c) {
                    continue;
                }
                seen_clusters.push(c);
            }
            let single = [i];
            let members: &[usize] = match cluster {
                Some(c) => &site.clusters[c].members,
                None => &single,
            };
            let named: Vec<&str> = members
                .iter()
                .filter_map(|&m| site.articles[m].source.as_deref())
                .collect();
            let mut distinct = named.clone();
            distinct.sort_unstable();
            distinct.dedup();
            // Each report with no stated source may be a source of its own.
            let sources = distinct.len() + members.len() - named.len();
            let newest = members
                .iter()
                .filter_map(|&m| site.articles[m].date.as_deref())
                .max();
            events.push((current, sources, members.len(), newest, i, cluster));
        }
        events.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then(b.2.cmp(&a.2))
                .then(b.3.cmp(&a.3))
                .then(a.4.cmp(&b.4))
        });
        let mut on_top = vec![false; site.articles.len()];
        let top = events
            .into_iter()
            .take(TOP_STORIES)
            .map(|(_, _, reports, _, i, cluster)| {
                let article = &site.articles[i];
                let (title, url, members): (&str, &str, Vec<usize>) = match cluster {
                    Some(c) => {
                        let c = &site.clusters[c];
                        (&c.title, &c.url, c.members.clone())
                    }
                    None => (&article.title, &article.url, vec![i]),
                };
                for &m in &members {
                    on_top[m] = true;
                }
                // The sentence of the report whose headline the event carries.
                let lead = members
                    .iter()
                    .copied()
                    .find(|&m| site.articles[m].title == title)
                    .unwrap_or(i);
                let summary = &site.articles[lead].summary;
                TopStory {
                    title,
                    url,
                    topic: &article.topics[0].name,
                    date_display: article.date_display.as_deref(),
                    outlets: self.outlets(&members),
                    reports,
                    sentence: shorten::first_sentence(summary, SENTENCE_CHARS),
                }
            })
            .collect();
        (top, on_top)
    }

    /// editions/index.html: every edition, newest first, with its number of stories.
    fn editions_page(&self) -> Result<OutputFile> {
        let mut per_day: FxHashMap<&str, usize> = FxHashMap::default();
        for a in &self.site.articles {
            if let Some(d) = a.date.as_deref() {
                *per_day.entry(d).or_default() += 1;
            }
        }
        let editions: Vec<(&str, String, usize)> = self
            .editions
            .iter()
            .map(|&d| {
                let shown = display_date(d).unwrap_or_else(|| d.to_string());
                (d, shown, per_day.get(d).copied().unwrap_or(0))
            })
            .collect();
        let mut ctx = self.context("editions/index.html", "Earlier editions");
        ctx.insert("editions", &editions);
        self.render("editions.html", &ctx, "editions/index.html".into())
    }

    /// A topic's pages: the first at topics/<topic>.html, then topics/<topic>/page/N.html.
    fn topic_pages(&self, t: usize) -> Result<Vec<OutputFile>> {
        let site = self.site;
        let topic = self.shown_topics().nth(t).expect("a shown topic");
        let size = site.config.render.topic_page_size.max(1);
        let pages = topic.articles.len().div_ceil(size).max(1);
        let paths: Vec<String> = (1..=pages)
            .map(|n| topic_page_path(&topic.slug, n))
            .collect();
        let place = site
            .topics
            .iter()
            .position(|x| std::ptr::eq(x, topic))
            .expect("a topic of the site");
        (0..pages)
            .map(|p| {
                let section = self.section(topic, p * size..(p + 1) * size, p == 0);
                let title = if p == 0 {
                    topic.name.clone()
                } else {
                    format!("{}, page {}", topic.name, p + 1)
                };
                let mut ctx = self.context(&paths[p], &title);
                ctx.insert("page_description", &topic.description);
                ctx.insert("topic", &section);
                ctx.insert(
                    "pagination",
                    &Pagination {
                        page: p + 1,
                        pages,
                        previous: p.checked_sub(1).map(|q| paths[q].clone()),
                        next: paths.get(p + 1).cloned(),
                        shown: (0..pages)
                            .filter(|&q| q == 0 || q + 1 == pages || q.abs_diff(p) <= 2)
                            .map(|q| (q + 1, paths[q].clone()))
                            .collect(),
                    },
                );
                let newest = topic
                    .articles
                    .first()
                    .and_then(|&i| site.articles[i].date.as_deref());
                let chart = newest
                    .filter(|_| p == 0)
                    .and_then(|d| chart::stories_per_day(site, &[place], d));
                ctx.insert("chart", &chart.unwrap_or_default());
                self.render("topic.html", &ctx, paths[p].clone())
            })
            .collect()
    }

    fn briefing_page(&self) -> Result<OutputFile> {
        let site = self.site;
        let mut ctx = self.context("briefing.html", "Briefing");
        let detailed = site.articles.len() <= BRIEFING_DETAILED_STORIES;
        let story = |i: usize| {
            let a = &site.articles[i];
            BriefingStory {
                slug: &a.slug,
                title: &a.title,
                url: &a.url,
                date_display: a.date_display.as_deref(),
                date_inferred: a.date_inferred,
                place: a.place.as_deref(),
                source: a.source_label(),
                summary: &a.summary,
                quotes: if detailed {
                    &a.quotes[..a.quotes.len().min(BRIEFING_QUOTES)]
                } else {
                    &[]
                },
                figures: if detailed {
                    self.figure_groups(i, FIGURES_PER_STORY)
                } else {
                    Vec::new()
                },
            }
        };
        let briefing: Vec<BriefingSection> = self
            .shown_topics()
            .filter(|t| !t.articles.is_empty())
            .map(|t| BriefingSection {
                slug: &t.slug,
                name: &t.name,
                articles: t.articles.iter().map(|&i| story(i)).collect(),
            })
            .collect();
        ctx.insert("sections", &briefing);
        ctx.insert("detailed", &detailed);
        ctx.insert(
            "edition",
            &self
                .front_edition
                .and_then(|e| display_date(self.editions[e])),
        );
        self.render("briefing.html", &ctx, "briefing.html".into())
    }

    /// The stories before and after story `i` in its primary topic's list.
    fn topic_neighbours(&self, i: usize) -> (Option<usize>, Option<usize>) {
        let (t, position) = self.topic_position[i];
        let topic = &self.site.topics[t];
        (
            position.checked_sub(1).map(|p| topic.articles[p]),
            topic.articles.get(position + 1).copied(),
        )
    }

    fn article_page(&self, i: usize, article: &'a Article) -> Result<OutputFile> {
        let site = self.site;
        let (newer, older) = self.topic_neighbours(i);
        let mut ctx = self.context(&article.url, &article.title);
        ctx.insert(
            "page_description",
            &shorten::first_sentence(&article.summary, DESCRIPTION_CHARS),
        );
        ctx.insert("article", article);
        ctx.insert("source", article.source_label());
        ctx.insert("figure_groups", &self.figure_groups(i, usize::MAX));
        ctx.insert_value("newer", newer.map(|n| self.link(n)).into());
        ctx.insert_value("older", older.map(|o| self.link(o)).into());
        ctx.insert("has_code", &article.has_code);
        let cluster = article
            .cluster
            .map(|c| self.cluster_view(&site.clusters[c], Some(i)));
        ctx.insert("cluster", &cluster);
        ctx.insert_value("related", self.link_list(article.related.iter().copied()));
        let people: Vec<NameLink> = self.entities_of[i]
            .iter()
            .map(|&e| &site.entities[e])
            .map(|e| NameLink {
                name: &e.name,
                url: &e.url,
                count: e.articles.len(),
            })
            .collect();
        ctx.insert("people", &people);
        let speaker_urls: Vec<Option<&str>> = article
            .quotes
            .iter()
            .map(|q| q.speaker.as_deref().and_then(|s| self.entity_url(s)))
            .collect();
        ctx.insert("speaker_urls", &speaker_urls);
        self.render("article.html", &ctx, article.url.clone())
    }

    fn people_index(&self) -> Result<OutputFile> {
        let site = self.site;
        let names = |kind: EntityKind| -> Vec<NameLink> {
            site.entities
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| NameLink {
                    name: &e.name,
                    url: &e.url,
                    count: e.articles.len(),
                })
                .collect()
        };
        let mut ctx = self.context("people/index.html", "People and organisations");
        ctx.insert("people", &names(EntityKind::Person));
        ctx.insert("organisations", &names(EntityKind::Organisation));
        self.render("people.html", &ctx, "people/index.html".into())
    }

    /// The stories a person's page lists: the newest, newest first.
    fn person_stories(&self, e: usize) -> Vec<usize> {
        let articles = &self.site.articles;
        let mut stories = self.site.entities[e].articles.clone();
        stories.sort_by(|&a, &b| articles[b].date.cmp(&articles[a].date).then(a.cmp(&b)));
        stories.truncate(STORIES_PER_PERSON);
        stories
    }

    fn person_page(&self, e: usize) -> Result<OutputFile> {
        let entity = &self.site.entities[e];
        let mut ctx = self.context(&entity.url, &entity.name);
        ctx.insert(
            "page_description",
            &format!(
                "{}: named in {} stories of {}.",
                entity.name,
                entity.articles.len(),
                self.site.config.title
            ),
        );
        ctx.insert("entity", entity);
        ctx.insert_value(
            "articles",
            self.link_list(self.person_stories(e).into_iter()),
        );
        let quotes: Vec<QuoteView> = entity
            .quotes
            .iter()
            .take(QUOTES_PER_PERSON)
            .map(|&q| self.quote_view(q))
            .collect();
        ctx.insert("quotes", &quotes);
        self.render("person.html", &ctx, entity.url.clone())
    }

    fn quotes_page(&self) -> Result<OutputFile> {
        let site = self.site;
        let mut groups: Vec<SpeakerGroup> = Vec::new();
        let mut group_of: HashMap<Option<&str>, usize> = HashMap::new();
        for q in 0..site.quotes.len() {
            let speaker = site.quotes[q].speaker.as_deref();
            match group_of.get(&speaker) {
                Some(&g) => {
                    groups[g].total += 1;
                    if groups[g].quotes.len() < QUOTES_PER_SPEAKER {
                        groups[g].quotes.push(self.quote_view(q));
                    }
                }
                None => {
                    group_of.insert(speaker, groups.len());
                    groups.push(SpeakerGroup {
                        speaker,
                        speaker_url: speaker.and_then(|s| self.entity_url(s)),
                        quotes: vec![self.quote_view(q)],
                        total: 1,
                    });
                }
            }
        }
        // Most quoted speakers first; quotes nobody is named for last.
        groups.sort_by(|a, b| {
            a.speaker
                .is_none()
                .cmp(&b.speaker.is_none())
                .then(b.total.cmp(&a.total))
                .then(a.speaker.cmp(&b.speaker))
        });
        let mut ctx = self.context("quotes.html", "Quotes");
        ctx.insert("groups", &groups);
        self.render("quotes.html", &ctx, "quotes.html".into())
    }

    fn figures_page(&self) -> Result<OutputFile> {
        let site = self.site;
        // Per topic: its name, its newest stories with figures (each with its figures, one
        // sentence once), and how many older stories with figures are left to their pages.
        let sections: Vec<(&str, Vec<StoryFigures>, usize)> = site
            .topics
            .iter()
            .map(|t| {
                let with_figures: Vec<usize> = t
                    .articles
                    .iter()
                    .copied()
                    .filter(|&i| !site.articles[i].figures.is_empty())
                    .collect();
                let shown = with_figures.len().min(FIGURES_PAGE_STORIES);
                let stories: Vec<_> = with_figures[..shown]
                    .iter()
                    .map(|&i| (self.link(i), self.figure_groups(i, FIGURES_PER_STORY)))
                    .collect();
                (t.name.as_str(), stories, with_figures.len() - shown)
            })
            .filter(|(_, stories, _)| !stories.is_empty())
            .collect();
        let mut ctx = self.context("figures.html", "Key figures");
        ctx.insert("sections", &sections);
        self.render("figures.html", &ctx, "figures.html".into())
    }

    fn timeline_page(&self) -> Result<OutputFile> {
        let site = self.site;
        let mut days: Vec<TimelineDay> = Vec::new();
        let mut undated: Vec<tera::Value> = Vec::new();
        for (i, article) in site.articles.iter().enumerate() {
            let Some(date) = article.date.as_deref() else {
                undated.push(self.link(i));
                continue;
            };
            let mut entries = vec![TimelineEntry {
                time: None,
                title: &article.title,
                url: article.url.clone(),
                inferred: article.date_inferred,
                article: self.link(i),
                story: None,
            }];
            for post in &article.posts {
                entries.push(TimelineEntry {
                    time: Some(&post.time),
                    title: &post.title,
                    url: article.url.clone(),
                    inferred: article.date_inferred,
                    article: self.link(i),
                    story: Some(&article.title),
                });
            }
            match days.iter_mut().find(|d| d.date == date) {
                Some(day) => day.entries.extend(entries),
                None => days.push(TimelineDay {
                    date,
                    date_display: display_date(date).unwrap_or_else(|| date.to_string()),
                    entries,
                }),
            }
        }
        // Newest day first; within a day, timed posts latest first, then whole stories.
        days.sort_by(|a, b| b.date.cmp(a.date));
        for day in &mut days {
            day.entries
                .sort_by(|a, b| b.time.cmp(&a.time).then(a.title.cmp(b.title)));
        }
        let mut ctx = self.context("timeline.html", "Timeline");
        ctx.insert("days", &days);
        ctx.insert("undated", &undated);
        let topics: Vec<usize> = (0..site.topics.len()).collect();
        let chart = self
            .editions
            .first()
            .and_then(|d| chart::stories_per_day(site, &topics, d));
        ctx.insert("chart", &chart.unwrap_or_default());
        self.render("timeline.html", &ctx, "timeline.html".into())
    }

    fn report_page(&self, report: Option<&[FileCleaning]>) -> Result<OutputFile> {
        let mut ctx = self.context("report.html", "Build report");
        ctx.insert("report", &report);
        self.render("report.html", &ctx, "report.html".into())
    }

    /// The web app manifest and the service worker. The worker saves the whole site on a
    /// reader's first visit when it is no larger than `[render] precache_limit`, else the
    /// pages every visit needs first; its cache name changes with the site's content so
    /// readers get updates. `written` is every other file of the site.
    fn offline_files(&self, written: &[&Written]) -> Result<Vec<OutputFile>> {
        let ctx = self.context("manifest.webmanifest", &self.site.config.title);
        let manifest = self.render("manifest.webmanifest", &ctx, "manifest.webmanifest".into())?;
        let path_of = |f: &Written| f.path.to_string_lossy().replace('\\', "/");
        let total: u64 = written.iter().map(|f| f.size).sum();
        let whole = total <= self.site.config.render.precache_limit;
        let mut core: Vec<String> = if whole {
            // Every file a browser reads; not the crawler and hosting files.
            let mut all: Vec<String> = written
                .iter()
                .map(|f| path_of(f))
                .filter(|p| {
                    !matches!(p.as_str(), ".nojekyll" | "CNAME" | "robots.txt")
                        && !p.starts_with("sitemap")
                })
                .collect();
            all.sort();
            all
        } else {
            let mut core: Vec<String> = vec![
                "index.html".into(),
                "search.html".into(),
                "search-index.js".into(),
                "404.html".into(),
                "offline.html".into(),
            ];
            core.extend(
                self.shown_topics()
                    .map(|t| format!("topics/{}.html", t.slug)),
            );
            let mut theme: Vec<String> = written
                .iter()
                .filter(|f| f.path.starts_with("theme"))
                .map(|f| path_of(f))
                .collect();
            theme.sort();
            core.extend(theme);
            core
        };
        core.dedup();
        let mut ctx = tera::Context::new();
        ctx.insert(
            "version",
            &format!("{:012x}", site_version(written.iter().copied()) >> 16),
        );
        ctx.insert("core", &core);
        ctx.insert("whole", &whole);
        let worker = self.render("sw.js", &ctx, "sw.js".into())?;
        Ok(vec![manifest, worker])
    }

    /// The theme's files (built-in, then the site's own), and the code stylesheet when needed.
    fn static_files(&self) -> Result<Vec<OutputFile>> {
        // GitHub Pages: no Jekyll processing, and the custom domain when one is configured.
        let mut files = vec![OutputFile {
            path: ".nojekyll".into(),
            bytes: Vec::new(),
        }];
        if let Some(domain) = self
            .site
            .config
            .cname
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            files.push(OutputFile {
                path: "CNAME".into(),
                bytes: format!("{domain}\n").into_bytes(),
            });
        }
        for (name, text) in THEME {
            files.push(OutputFile {
                path: Path::new("theme").join(name),
                bytes: text.as_bytes().to_vec(),
            });
        }
        let theme_dir = self.root.join("theme");
        if theme_dir.is_dir() {
            for entry in walkdir::WalkDir::new(&theme_dir).sort_by_file_name() {
                let entry =
                    entry.with_context(|| format!("{}: cannot list", theme_dir.display()))?;
                if entry.file_type().is_file() {
                    let relative = entry.path().strip_prefix(&theme_dir).expect("under theme");
                    let bytes = std::fs::read(entry.path())
                        .with_context(|| format!("{}: cannot read", entry.path().display()))?;
                    let path = Path::new("theme").join(relative);
                    files.retain(|f| f.path != path);
                    files.push(OutputFile { path, bytes });
                }
            }
        }
        if self.site.articles.iter().any(|a| a.has_code) {
            files.push(OutputFile {
                path: "theme/syntax.css".into(),
                bytes: crate::site::highlight::stylesheet().into_bytes(),
            });
        }
        Ok(files)
    }
}

/// Where page `n` (from 1) of a topic's stories goes.
fn topic_page_path(slug: &str, n: usize) -> String {
    if n == 1 {
        format!("topics/{slug}.html")
    } else {
        format!("topics/{slug}/page/{n}.html")
    }
}
