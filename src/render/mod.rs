//! Render: the site model through Tera templates into HTML pages, written to a staging
//! folder and swapped into place so a failed build never leaves a half-written site.

mod feeds;
pub mod highlight;
pub mod incremental;
pub mod markdown;
pub mod search;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use tera::Tera;

use crate::config::OTHER_TOPIC;
use crate::ingest::FileCleaning;
use crate::site::entities::EntityKind;
use crate::site::{display_date, Article, Cluster, Site, Topic};

/// Built-in templates; a file of the same name in the site's templates/ replaces one.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "components.html",
        include_str!("../../templates/components.html"),
    ),
    ("index.html", include_str!("../../templates/index.html")),
    ("topic.html", include_str!("../../templates/topic.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("report.html", include_str!("../../templates/report.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("cluster.html", include_str!("../../templates/cluster.html")),
    ("people.html", include_str!("../../templates/people.html")),
    ("person.html", include_str!("../../templates/person.html")),
    ("quotes.html", include_str!("../../templates/quotes.html")),
    ("figures.html", include_str!("../../templates/figures.html")),
    (
        "timeline.html",
        include_str!("../../templates/timeline.html"),
    ),
    (
        "briefing.html",
        include_str!("../../templates/briefing.html"),
    ),
    ("search.html", include_str!("../../templates/search.html")),
    ("atom.xml", include_str!("../../templates/atom.xml")),
    ("sw.js", include_str!("../../templates/sw.js")),
    (
        "manifest.webmanifest",
        include_str!("../../templates/manifest.webmanifest"),
    ),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
];

/// Built-in static assets; a file of the same name in the site's theme/ replaces one, and
/// any other file there is copied too.
pub const THEME: &[(&str, &str)] = &[
    ("style.css", include_str!("../../theme/style.css")),
    ("search.js", include_str!("../../theme/search.js")),
    ("icon.svg", include_str!("../../theme/icon.svg")),
];

/// Loads the templates once: built-ins, then the site's overrides.
pub fn load_templates(root: &Path) -> Result<Tera> {
    let mut sources: Vec<(String, String)> = TEMPLATES
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    let dir = root.join("templates");
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.with_context(|| format!("{}: cannot list", dir.display()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(&dir)
                .expect("under dir")
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(entry.path())
                .with_context(|| format!("{}: cannot read template", entry.path().display()))?;
            sources.retain(|(n, _)| *n != name);
            sources.push((name, text));
        }
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera 2 keeps `json_encode` out of its core; the web manifest needs JSON strings.
    tera.register_filter(
        "json_encode",
        |value: tera::Value, _: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            serde_json::to_string(&value).map_err(|e| tera::Error::message(e.to_string()))
        },
    );
    tera.add_raw_templates(sources)
        .map_err(|e| template_error(&dir, e))?;
    Ok(tera)
}

/// Tera's error as `templates/NAME:line:column` with the line, where it can be found.
fn template_error(dir: &Path, e: tera::Error) -> anyhow::Error {
    crate::diagnostic::template_error(dir, &e)
}

/// Site-wide values every template sees.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: &'a str,
    topics: Vec<TopicNav<'a>>,
}

#[derive(Serialize)]
struct TopicNav<'a> {
    slug: &'a str,
    name: &'a str,
    count: usize,
}

/// A topic with its story cards.
#[derive(Serialize)]
struct TopicSection<'a> {
    slug: &'a str,
    name: &'a str,
    description: &'a str,
    count: usize,
    /// Story links (see [`Renderer::link`]).
    articles: Vec<tera::Value>,
    figures: Vec<FigureView<'a>>,
}

/// A key figure with the story it comes from.
#[derive(Serialize)]
struct FigureView<'a> {
    value: &'a str,
    context: &'a str,
    article: tera::Value,
}

/// A quote with its speaker's page, if any, and the stories carrying it.
#[derive(Serialize)]
struct QuoteView<'a> {
    text: &'a str,
    speaker: Option<&'a str>,
    speaker_url: Option<&'a str>,
    /// Sources (see [`Renderer::source`]).
    sources: Vec<tera::Value>,
    /// Sources not listed in `sources`.
    more_sources: usize,
}

/// A story as a source of something: its link and who published it.
#[derive(Serialize)]
struct SourceView {
    label: String,
    article: tera::Value,
}

#[derive(Serialize)]
struct SpeakerGroup<'a> {
    speaker: Option<&'a str>,
    speaker_url: Option<&'a str>,
    quotes: Vec<QuoteView<'a>>,
    /// All of the speaker's quotes, shown or not.
    total: usize,
}

#[derive(Serialize)]
struct ClusterView<'a> {
    title: &'a str,
    url: &'a str,
    date_display: Option<&'a str>,
    /// Sources (see [`Renderer::source`]).
    members: Vec<tera::Value>,
}

#[derive(Serialize)]
struct NameLink<'a> {
    name: &'a str,
    url: &'a str,
    count: usize,
}

/// One day of the timeline.
#[derive(Serialize)]
struct TimelineDay<'a> {
    date: &'a str,
    date_display: String,
    entries: Vec<TimelineEntry<'a>>,
}

#[derive(Serialize)]
struct TimelineEntry<'a> {
    time: Option<&'a str>,
    title: &'a str,
    url: String,
    inferred: bool,
    article: tera::Value,
}

/// A topic with its stories, for the one-page briefing.
#[derive(Serialize)]
struct BriefingSection<'a> {
    slug: &'a str,
    name: &'a str,
    articles: Vec<BriefingStory<'a>>,
}

/// A story in the briefing: its text only when the briefing carries stories in full.
#[derive(Serialize)]
struct BriefingStory<'a> {
    title: &'a str,
    url: &'a str,
    date_display: Option<&'a str>,
    date_inferred: bool,
    place: Option<&'a str>,
    source: Option<&'a str>,
    authors: &'a [String],
    summary: &'a str,
    body_html: Option<Cow<'a, str>>,
}

/// One output file: path under the output folder and its bytes.
struct OutputFile {
    path: PathBuf,
    bytes: Vec<u8>,
}

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
/// Quotes shown on the front page.
const FRONT_PAGE_QUOTES: usize = 5;
/// Stories per topic on the front page; the topic page has them all.
const FRONT_PAGE_STORIES: usize = 8;
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
/// Up to this many stories, briefing.html carries every story in full; beyond, it carries
/// each story's summary, so the page stays readable and printable.
const BRIEFING_FULL_TEXT_STORIES: usize = 300;

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
                | PageKind::Cluster(_)
                | PageKind::Person(_)
                | PageKind::Search
                | PageKind::NotFound
                | PageKind::Static
        )
    }
}

/// A file written: its path under the output folder and a hash of its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub hash: u64,
}

/// A fast hash of a file's bytes, to tell changed output from unchanged.
fn bytes_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

fn write_file(dir: &Path, file: &OutputFile) -> Result<Written> {
    let path = dir.join(&file.path);
    if let Err(e) = std::fs::write(&path, &file.bytes) {
        // Folders are made on demand: most files go into one of a few folders made up front.
        if e.kind() != std::io::ErrorKind::NotFound {
            return Err(e).with_context(|| format!("{}: cannot write", path.display()));
        }
        let parent = path.parent().expect("a file has a folder");
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create folder", parent.display()))?;
        std::fs::write(&path, &file.bytes)
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    Ok(Written {
        path: file.path.clone(),
        hash: bytes_hash(&file.bytes),
    })
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
        let site_view = tera::Value::from_serializable(&SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            base_url: &config.base_url,
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
        Renderer {
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

    /// The context every page starts from: site values, the path back to the root, a title.
    fn context(&self, root_prefix: &str, page_title: &str) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert_value("site", self.site_view.clone());
        ctx.insert("root", root_prefix);
        ctx.insert("page_title", page_title);
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

    fn sections(&self, per_topic: usize) -> Vec<TopicSection<'a>> {
        self.shown_topics()
            .map(|t| self.section(t, per_topic))
            .collect()
    }

    fn section(&self, t: &'a Topic, per_topic: usize) -> TopicSection<'a> {
        TopicSection {
            slug: &t.slug,
            name: &t.name,
            description: &t.description,
            count: t.articles.len(),
            articles: t
                .articles
                .iter()
                .take(per_topic)
                .map(|&i| self.link(i))
                .collect(),
            figures: self.figures_of(&t.articles, PANEL_FIGURES),
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
        }
    }

    /// Every page of the site, in a fixed order.
    pub fn pages(&self) -> Vec<PageKind> {
        let site = self.site;
        let mut pages = vec![PageKind::Index];
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
            PageKind::Index => one(self.index_page()),
            PageKind::Topic(t) => {
                let topic = self.shown_topics().nth(t).expect("a shown topic");
                let section = self.section(topic, usize::MAX);
                let mut ctx = self.context("../", section.name);
                let path = format!("topics/{}.html", section.slug);
                ctx.insert("topic", &section);
                one(self.render("topic.html", &ctx, path))
            }
            PageKind::Article(i) => one(self.article_page(i, &site.articles[i])),
            PageKind::Cluster(c) => {
                let cluster = &site.clusters[c];
                let mut ctx = self.context("../", &cluster.title);
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
                let ctx = self.context("", "Search");
                one(self.render("search.html", &ctx, "search.html".into()))
            }
            PageKind::SearchIndex => Ok(vec![search::index_file(site, None).0]),
            PageKind::Report => one(self.report_page(report)),
            PageKind::NotFound => {
                let ctx = self.context("", "Page not found");
                one(self.render("404.html", &ctx, "404.html".into()))
            }
            PageKind::Feeds => feeds::feeds(
                site,
                &|template, ctx, path| self.render(template, ctx, path),
                &|r, t| self.context(r, t),
            ),
            PageKind::Sitemap => feeds::sitemap(
                site,
                &|template, ctx, path| self.render(template, ctx, path),
                &|r, t| self.context(r, t),
            ),
            PageKind::Static => self.static_files(),
        }
    }

    fn index_page(&self) -> Result<OutputFile> {
        let site = self.site;
        // Stories newest first across topics, for quotes and figures on the front page.
        let mut newest: Vec<usize> = (0..site.articles.len()).collect();
        newest.sort_by(|&a, &b| {
            site.articles[b]
                .date
                .cmp(&site.articles[a].date)
                .then(a.cmp(&b))
        });

        let mut ctx = self.context("", &site.config.title);
        ctx.insert("sections", &self.sections(FRONT_PAGE_STORIES));
        ctx.insert("figures", &self.figures_of(&newest, PANEL_FIGURES));
        let mut latest_quotes: Vec<usize> = (0..site.quotes.len()).collect();
        let mut rank = vec![0; site.articles.len()];
        for (r, &i) in newest.iter().enumerate() {
            rank[i] = r;
        }
        latest_quotes.sort_by_key(|&q| (rank[site.quotes[q].sources[0]], q));
        let latest_quotes: Vec<QuoteView> = latest_quotes
            .into_iter()
            .filter(|&q| site.quotes[q].speaker.is_some())
            .take(FRONT_PAGE_QUOTES)
            .map(|q| self.quote_view(q))
            .collect();
        ctx.insert("quotes", &latest_quotes);
        let clusters: Vec<ClusterView> = site
            .clusters
            .iter()
            .map(|c| self.cluster_view(c, None))
            .collect();
        ctx.insert("clusters", &clusters);
        self.render("index.html", &ctx, "index.html".into())
    }

    fn briefing_page(&self) -> Result<OutputFile> {
        let site = self.site;
        let mut ctx = self.context("", "Briefing");
        let full_text = site.articles.len() <= BRIEFING_FULL_TEXT_STORIES;
        let story = |a: &'a Article| BriefingStory {
            title: &a.title,
            url: &a.url,
            date_display: a.date_display.as_deref(),
            date_inferred: a.date_inferred,
            place: a.place.as_deref(),
            source: a.source.as_deref(),
            authors: &a.authors,
            summary: &a.summary,
            body_html: full_text.then(|| a.body_html.html()),
        };
        let briefing: Vec<BriefingSection> = site
            .topics
            .iter()
            .map(|t| BriefingSection {
                slug: &t.slug,
                name: &t.name,
                articles: t
                    .articles
                    .iter()
                    .map(|&i| story(&site.articles[i]))
                    .collect(),
            })
            .collect();
        ctx.insert("sections", &briefing);
        ctx.insert("full_text", &full_text);
        ctx.insert("has_code", &site.articles.iter().any(|a| a.has_code));
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
        let mut ctx = self.context("../", &article.title);
        ctx.insert("article", article);
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
        let mut ctx = self.context("../", "People and organisations");
        ctx.insert("people", &names(EntityKind::Person));
        ctx.insert("organisations", &names(EntityKind::Organisation));
        self.render("people.html", &ctx, "people/index.html".into())
    }

    fn person_page(&self, e: usize) -> Result<OutputFile> {
        let entity = &self.site.entities[e];
        let mut ctx = self.context("../", &entity.name);
        ctx.insert("entity", entity);
        let articles = entity.articles.iter().take(STORIES_PER_PERSON).copied();
        ctx.insert_value("articles", self.link_list(articles));
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
        let mut ctx = self.context("", "Quotes");
        ctx.insert("groups", &groups);
        self.render("quotes.html", &ctx, "quotes.html".into())
    }

    fn figures_page(&self) -> Result<OutputFile> {
        let site = self.site;
        // Per topic: its name, the figures of its newest stories, and how many older stories
        // with figures are left to their own pages.
        let sections: Vec<(&str, Vec<FigureView>, usize)> = site
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
                let figures: Vec<FigureView> = with_figures[..shown]
                    .iter()
                    .flat_map(|&i| self.figure_views(i))
                    .collect();
                (t.name.as_str(), figures, with_figures.len() - shown)
            })
            .filter(|(_, figures, _)| !figures.is_empty())
            .collect();
        let mut ctx = self.context("", "Key figures");
        ctx.insert("sections", &sections);
        self.render("figures.html", &ctx, "figures.html".into())
    }

    /// Story `i`'s first figures, each with a link to the story.
    fn figure_views(&self, i: usize) -> impl Iterator<Item = FigureView<'a>> + '_ {
        let figures = &self.site.articles[i].figures;
        figures
            .iter()
            .take(FIGURES_PER_STORY)
            .map(move |f| FigureView {
                value: &f.value,
                context: &f.context,
                article: self.link(i),
            })
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
            }];
            for post in &article.posts {
                entries.push(TimelineEntry {
                    time: Some(&post.time),
                    title: &post.title,
                    url: article.url.clone(),
                    inferred: article.date_inferred,
                    article: self.link(i),
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
        let mut ctx = self.context("", "Timeline");
        ctx.insert("days", &days);
        ctx.insert("undated", &undated);
        self.render("timeline.html", &ctx, "timeline.html".into())
    }

    fn report_page(&self, report: Option<&[FileCleaning]>) -> Result<OutputFile> {
        let mut ctx = self.context("", "Build report");
        ctx.insert("report", &report);
        self.render("report.html", &ctx, "report.html".into())
    }

    /// The web app manifest and the service worker, which precaches the pages every visit
    /// needs first; its cache name changes with the site's content so readers get updates.
    /// `written` is every other file of the site.
    fn offline_files(&self, written: &[&Written]) -> Result<Vec<OutputFile>> {
        let ctx = self.context("", &self.site.config.title);
        let manifest = self.render("manifest.webmanifest", &ctx, "manifest.webmanifest".into())?;
        let mut core: Vec<String> = vec![
            "index.html".into(),
            "search.html".into(),
            "search-index.js".into(),
            "404.html".into(),
        ];
        core.extend(
            self.site
                .topics
                .iter()
                .filter(|t| !t.articles.is_empty() || t.slug != OTHER_TOPIC)
                .map(|t| format!("topics/{}.html", t.slug)),
        );
        let mut theme: Vec<String> = written
            .iter()
            .filter(|f| f.path.starts_with("theme"))
            .map(|f| f.path.to_string_lossy().replace('\\', "/"))
            .collect();
        theme.sort();
        core.extend(theme);
        let mut ctx = tera::Context::new();
        ctx.insert(
            "version",
            &format!("{:012x}", site_version(written.iter().copied()) >> 16),
        );
        ctx.insert("core", &core);
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
                bytes: highlight::stylesheet().into_bytes(),
            });
        }
        Ok(files)
    }
}

/// A hash of every file's path and bytes, for the service worker's cache name: any change
/// to the site changes it. A sum of one hash per file, so the files' order does not matter.
fn site_version<'w>(written: impl Iterator<Item = &'w Written>) -> u64 {
    written
        .map(|file| {
            let path = xxhash_rust::xxh3::xxh3_64(file.path.as_os_str().as_encoded_bytes());
            xxhash_rust::xxh3::xxh3_64(&[path.to_le_bytes(), file.hash.to_le_bytes()].concat())
        })
        .fold(0u64, u64::wrapping_add)
}

/// Runs `write` on a fresh staging folder beside `out_dir`, then swaps it into place; on
/// failure the staging folder is removed and `out_dir` is left as it was. What an earlier
/// build left beside `out_dir` (it was stopped, or could not remove the previous site) is
/// cleared first, and a previous site that had been moved aside is put back if the new one
/// never took its place.
fn write_output<T>(out_dir: &Path, write: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    let name = out_dir
        .file_name()
        .ok_or_else(|| anyhow!("{}: the output path must name a folder", out_dir.display()))?
        .to_string_lossy()
        .to_string();
    let parent = out_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("{}: cannot create folder", parent.display()))?;
    let staging = parent.join(format!(".{name}.staging"));
    let old = parent.join(format!(".{name}.old"));
    if !out_dir.exists() && old.is_dir() {
        // Stopped between moving the previous site aside and moving the new one in.
        std::fs::rename(&old, out_dir).with_context(|| {
            format!(
                "{}: cannot put back the site an interrupted build moved aside",
                old.display()
            )
        })?;
    }
    for leftover in [&staging, &old] {
        if leftover.exists() {
            clear_leftover(leftover)?;
        }
    }
    let result = (|| -> Result<T> {
        for dir in ["", "articles", "topics", "stories", "people", "theme"] {
            let dir = staging.join(dir);
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("{}: cannot create folder", dir.display()))?;
        }
        // Marks the folder as digest's own, which the next build may replace.
        std::fs::write(
            staging.join(crate::project::SITE_MARKER),
            "A site built by digest: each build replaces this folder whole.\n",
        )
        .with_context(|| format!("{}: cannot write", staging.display()))?;
        write(&staging)
    })();
    let value = match result {
        Ok(value) => value,
        Err(e) => {
            let _ = remove_tree(&staging);
            return Err(e);
        }
    };
    // Swap in one step where the system can, so there is no moment without a site.
    if out_dir.exists() && exchange(&staging, out_dir).is_ok() {
        discard_previous_site(&staging);
        return Ok(value);
    }
    if out_dir.exists() {
        std::fs::rename(out_dir, &old).with_context(|| {
            format!("{}: cannot move the previous site aside", out_dir.display())
        })?;
    }
    if let Err(e) = std::fs::rename(&staging, out_dir) {
        // Put the previous site back so the output is never missing.
        let _ = std::fs::rename(&old, out_dir);
        return Err(e).with_context(|| {
            format!("{}: cannot move the new site into place", out_dir.display())
        });
    }
    if old.exists() {
        discard_previous_site(&old);
    }
    Ok(value)
}

/// Removes the site a build replaced. The new site is in place by then, so a failure is a
/// warning: the next build clears what is left.
fn discard_previous_site(dir: &Path) {
    if let Err(e) = remove_tree(dir) {
        crate::warn(&format!(
            "{}: the new site is in place, but the previous one could not be removed ({e}); the next build tries again",
            dir.display()
        ));
    }
}

/// Removes what an earlier build left at `path`; what cannot be removed is moved out of the
/// way under a name of its own, with a warning, so it never blocks a build.
fn clear_leftover(path: &Path) -> Result<()> {
    let Err(e) = remove_tree(path) else {
        return Ok(());
    };
    let aside = (1..)
        .map(|n| {
            path.with_file_name(format!(
                "{}.unremovable-{n}",
                path.file_name().unwrap_or_default().to_string_lossy()
            ))
        })
        .find(|p| !p.exists())
        .expect("some name is free");
    std::fs::rename(path, &aside).with_context(|| {
        format!(
            "{}: an earlier build left this and it cannot be removed ({e}); remove it by hand",
            path.display()
        )
    })?;
    crate::warn(&format!(
        "{}: an earlier build left this and it cannot be removed ({e}); moved it to {}: remove that by hand",
        path.display(),
        aside.display()
    ));
    Ok(())
}

/// Removes a folder and everything in it, making read-only folders writable first (a
/// read-only copy of the site must not block every later build).
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    if std::fs::remove_dir_all(dir).is_ok() || !dir.exists() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_dir() {
            if let Ok(meta) = entry.metadata() {
                let mut permissions = meta.permissions();
                #[allow(clippy::permissions_set_readonly_false)]
                permissions.set_readonly(false);
                let _ = std::fs::set_permissions(entry.path(), permissions);
            }
        }
    }
    std::fs::remove_dir_all(dir)
}

/// Atomically swaps two paths (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

/// Elsewhere the swap is two renames (see `write_output`).
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}
