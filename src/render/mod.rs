//! Render: the site model through Tera templates into HTML pages, written to a staging
//! folder and swapped into place so a failed build never leaves a half-written site.

mod article;
mod chart;
mod context;
mod editions;
mod feeds;
pub mod incremental;
mod lists;
mod output;
mod renderer;
pub mod search;
mod shorten;
mod support_files;
mod templates;
mod topics;
mod views;

use std::path::Path;

use anyhow::{anyhow, Result};
use rayon::prelude::*;
use tera::Tera;

use crate::site::Site;
use crate::story::FileCleaning;
pub use output::Written;
use output::{write_file, write_output, OutputFile};
use renderer::Renderer;
pub use templates::load_templates;

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
    let tracked = track
        .then(|| {
            let search = search_entries
                .into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .unwrap_or_default();
            incremental::Rendered::new(&renderer, &pages, report, by_page, offline, search)
        })
        .transpose()?;
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
