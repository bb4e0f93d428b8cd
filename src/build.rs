//! The build pipeline shared by `build`, `serve` and `check`: config, templates, ingest of
//! seeds/ into content/, the site model, then render and write; each phase timed for `-v`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Result;

use crate::config::Config;
use crate::diagnostic::shown;
use crate::ingest::{self, Ingester, Story};
use crate::site::Site;
use crate::{content, render, ui};

/// Whether a build ingests seeds/ first.
#[derive(Clone, Copy)]
pub enum Seeds<'a> {
    /// Ingest seeds/ into content/, then render (what `digest build` does).
    Ingest,
    /// Render content/ as it is; `report` is an earlier ingest's stories for the cleaning
    /// report (`None` leaves the report empty).
    Skip { report: Option<&'a [Story]> },
}

/// What to build.
pub struct Options<'a> {
    pub root: &'a Path,
    /// Where the site goes, relative to the root unless absolute.
    pub output: &'a Path,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub seeds: Seeds<'a>,
}

/// What a build made, for summaries and for `check`.
pub struct Built {
    pub site: Site,
    /// This run's ingest results, when it ingested.
    pub stories: Option<Vec<Story>>,
    pub pages: usize,
    pub out_dir: PathBuf,
    pub seconds: f64,
}

impl Built {
    /// The closing line: stories, pages, topics, time and where the site went.
    pub fn summary(&self) -> String {
        format!(
            "{} stories, {} pages, {} topics in {:.2}s -> {}",
            self.site.articles.len(),
            self.pages,
            self.site
                .topics
                .iter()
                .filter(|t| !t.articles.is_empty())
                .count(),
            self.seconds,
            shown(&self.out_dir)
        )
    }
}

/// Runs the whole pipeline. A failure leaves the output folder as it was.
pub fn run(options: Options) -> Result<Built> {
    let started = Instant::now();
    let root = options.root;
    let phase = Instant::now();
    let mut config = Config::load(root)?;
    if let Some(url) = options.base_url {
        config.base_url = url;
    }
    ui::timing("config", phase.elapsed(), "");
    // Templates are checked before anything is written, so a broken template fails early.
    let phase = Instant::now();
    let tera = render::load_templates(root)?;
    ui::timing("templates", phase.elapsed(), "");

    let mut progress = None;
    let stories = match options.seeds {
        Seeds::Ingest => {
            let seeds = root.join(&config.ingest.seeds);
            if seeds.is_dir() {
                let phase = Instant::now();
                let files = ingest::article_files(&[seeds])?;
                let bar = ui::Progress::new(files.len(), "ingest");
                let stories = ingest_files(root, &config, &files, &bar)?;
                ui::timing(
                    "ingest",
                    phase.elapsed(),
                    &format!("{} files, {} stories", files.len(), stories.len()),
                );
                let phase = Instant::now();
                bar.phase("writing content/");
                write_content(root, &stories)?;
                ui::timing("content", phase.elapsed(), "pages written");
                progress = Some(bar);
                Some(stories)
            } else {
                ui::warn(&format!(
                    "{}: no seeds folder; rendering content/ as it is",
                    shown(&seeds)
                ));
                None
            }
        }
        Seeds::Skip { .. } => None,
    };
    let report = match (&stories, options.seeds) {
        (Some(stories), _) => Some(stories.as_slice()),
        (None, Seeds::Skip { report }) => report,
        (None, Seeds::Ingest) => None,
    };

    let phase = Instant::now();
    if let Some(bar) = &progress {
        bar.phase("loading content/");
    }
    let site = Site::load(root, config, options.drafts)?;
    ui::timing(
        "load",
        phase.elapsed(),
        &format!("{} stories", site.articles.len()),
    );
    if let Some(bar) = &progress {
        bar.phase(&format!("rendering {} stories", site.articles.len()));
    }
    let out_dir = if options.output.is_absolute() {
        options.output.to_path_buf()
    } else {
        root.join(options.output)
    };
    let phase = Instant::now();
    let stats = render::build(&site, &tera, root, report, &out_dir)?;
    ui::timing(
        "render",
        phase.elapsed(),
        &format!("{} pages rendered and written", stats.pages),
    );
    drop(progress);
    Ok(Built {
        site,
        stories,
        pages: stats.pages,
        out_dir,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Ingests `paths` (or the configured seeds folder) into stories, writing nothing.
pub fn ingest(root: &Path, config: &Config, paths: &[PathBuf]) -> Result<Vec<Story>> {
    let paths = if paths.is_empty() {
        vec![root.join(&config.ingest.seeds)]
    } else {
        paths.to_vec()
    };
    let files = ingest::article_files(&paths)?;
    ingest_files(
        root,
        config,
        &files,
        &ui::Progress::new(files.len(), "ingest"),
    )
}

fn ingest_files(
    root: &Path,
    config: &Config,
    files: &[PathBuf],
    progress: &ui::Progress,
) -> Result<Vec<Story>> {
    let ingester = Ingester::new(config)?;
    ingester.ingest_files(files, |path| {
        // Called once per file as its ingest starts: the one place to count files.
        progress.inc();
        path.strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    })
}

/// Writes stories into content/, keeping hand edits, and says what it did.
pub fn write_content(root: &Path, stories: &[Story]) -> Result<()> {
    let report = content::write_stories(&root.join("content"), stories)?;
    ui::note(&format!(
        "ingest: {} stories, {} pages written, {} unchanged, {} hand-edited kept, {} stale removed",
        stories.len(),
        report.written,
        report.unchanged,
        report.kept_edits.len(),
        report.pruned
    ));
    Ok(())
}
