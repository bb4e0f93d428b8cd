//! The build pipeline shared by `build`, `serve` and `check`: config, templates, ingest of
//! seeds/ into content/, the site model, then render and write; each phase timed for `-v`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use tera::Tera;

use crate::config::{self, Config};
use crate::content::{self, Page};
use crate::diagnostic::shown;
use crate::ingest::{self, reader, Ingester};
use crate::project::{self, ProjectLock};
use crate::site::markdown::BodyStorage;
use crate::site::{AnalysedPage, Model, PageChange, Site};
use crate::story::{self, FileCleaning, StoryRecord};
use crate::text::WordTally;
use crate::{render, ui};

/// Whether a build ingests seeds/ first.
#[derive(Clone, Copy)]
pub enum Seeds<'a> {
    /// Ingest seeds/ into content/, then render (what `digest build` does); with
    /// `strict`, a seed that cannot be read as text stops the build instead of being skipped.
    Ingest { strict: bool },
    /// Write content/ from story records instead of ingesting (the reduce step of an ingest
    /// run in parts: see [`read_records`]), then render.
    Records { files: &'a [PathBuf] },
    /// Render content/ as it is; `report` is an earlier ingest's cleaning report (`None`
    /// leaves the report empty).
    Skip { report: Option<&'a [FileCleaning]> },
}

/// What to build.
pub struct Options<'a> {
    pub root: &'a Path,
    /// Where the site goes, relative to the root unless absolute.
    pub output: &'a Path,
    pub base_url: Option<String>,
    /// The front page's edition (`--edition`); overrides config.toml.
    pub edition: Option<String>,
    pub drafts: bool,
    pub seeds: Seeds<'a>,
    /// Keep what an incremental rebuild needs (`serve`): the model's analysis of every
    /// story and what each page showed.
    pub track: bool,
    /// Replace the output folder even when digest did not build it.
    pub force: bool,
}

/// What `serve` keeps between rebuilds to render only what an edit changes.
pub struct Session {
    pub model: Model,
    tera: Tera,
    rendered: render::incremental::Rendered,
    /// Set when an update changed the model but failed to bring the site along: the
    /// session no longer describes the site on disk.
    stale: bool,
}

impl Session {
    /// Rebuilds `out_dir` after the content pages `paths` (under `content_dir`) were
    /// written: only they are read and analysed again, and only the pages of the site that
    /// show them are rendered. `report` is the last ingest's cleaning report.
    ///
    /// A page that does not parse or validate is an error that changes nothing. Any later
    /// error leaves the site on disk as it was and the session stale ([`Session::is_stale`]):
    /// rebuild in full.
    pub fn update(
        &mut self,
        root: &Path,
        content_dir: &Path,
        paths: &[PathBuf],
        report: Option<&[FileCleaning]>,
        out_dir: &Path,
    ) -> Result<render::incremental::Updated> {
        let changes = paths
            .iter()
            .map(|path| {
                let page = content::read_page(content_dir, path)?;
                content::validate(&page, &self.model.site.config, content_dir)?;
                Ok(PageChange {
                    path: page.path.clone(),
                    page: Some(page),
                })
            })
            .collect::<Result<Vec<PageChange>>>()?;
        let phase = Instant::now();
        self.model.update(changes);
        ui::timing("model", phase.elapsed(), "changed pages analysed");
        self.stale = true;
        let updated = render::incremental::update(
            &self.model.site,
            &self.tera,
            root,
            report,
            out_dir,
            &mut self.rendered,
        )?;
        self.stale = false;
        Ok(updated)
    }

    /// Whether the session no longer matches the site on disk (see [`Session::update`]).
    pub fn is_stale(&self) -> bool {
        self.stale
    }
}

/// What a build made, for summaries and for `check`.
pub struct Built {
    /// The site, unless it is in `session`.
    site: Option<Site>,
    /// With [`Options::track`]: the model, templates and record of pages, for
    /// incremental rebuilds.
    pub session: Option<Session>,
    /// This run's cleaning report, when it ingested.
    pub report: Option<Vec<FileCleaning>>,
    pub pages: usize,
    pub out_dir: PathBuf,
    pub seconds: f64,
}

impl Built {
    /// The site built.
    pub fn site(&self) -> &Site {
        match (&self.session, &self.site) {
            (Some(session), _) => &session.model.site,
            (None, Some(site)) => site,
            (None, None) => unreachable!("a build keeps its site or its session"),
        }
    }

    /// The closing line: stories, pages, topics, time and where the site went.
    pub fn summary(&self) -> String {
        format!(
            "{} stories, {} pages, {} topics in {:.2}s -> {}",
            self.site().articles.len(),
            self.pages,
            self.site()
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
    project::check_root(root)?;
    // Held to the end: another build (or `serve`) writing content/ or the site meanwhile
    // would leave a mix of the two.
    let _lock = ProjectLock::acquire(root)?;
    let phase = Instant::now();
    let mut config = Config::load(root)?;
    if let Some(url) = options.base_url {
        config.base_url = config::checked_base_url(&url, "--base-url")?;
    }
    // Checked before anything is written: a build replaces its output folder whole.
    let out_dir = project::output_dir(root, options.output, &config.ingest.seeds, options.force)?;
    if options.edition.is_some() {
        config.render.edition = options.edition;
    }
    ui::timing("config", phase.elapsed(), "");
    // Templates are checked before anything is written, so a broken template fails early.
    let phase = Instant::now();
    let tera = render::load_templates(root)?;
    ui::timing("templates", phase.elapsed(), "");

    let mut progress = None;
    // Pages ingest just wrote, analysed (`None`: one that did not validate): the model takes
    // them instead of reading them.
    let mut written: Vec<Option<AnalysedPage>> = Vec::new();
    let phase = Instant::now();
    // The stories to write into content/ (ingested, or read from a map step's records),
    // with the progress bar that follows them; none when rendering content/ as it is.
    let read = match options.seeds {
        Seeds::Skip { .. } => None,
        Seeds::Records { files } => Some((read_records(files)?, ui::Progress::new(0, "ingest"))),
        Seeds::Ingest { strict } => {
            let seeds = root.join(&config.ingest.seeds);
            if seeds.is_dir() {
                let files = reader::article_files(&[seeds])?;
                let bar = ui::Progress::new(files.len(), "ingest");
                Some((ingest_files(root, &config, &files, &bar, strict)?, bar))
            } else {
                ui::warn(&format!(
                    "{}: no seeds folder; rendering content/ as it is",
                    shown(&seeds)
                ));
                None
            }
        }
    };
    let ingested = match read {
        None => None,
        Some(((mut stories, skipped), bar)) => {
            ui::timing(
                "ingest",
                phase.elapsed(),
                &format!("{} stories", stories.len()),
            );
            let phase = Instant::now();
            bar.phase("writing content/");
            // The report takes what cleaning removed; the rest of each story becomes its
            // page, analysed as it is written so the model need not read it back.
            let mut report = ingest::cleaning_report(&mut stories);
            report.extend(skipped);
            report.sort_by(|a, b| a.file.cmp(&b.file));
            let content_dir = root.join("content");
            let bodies = BodyStorage::for_stories(stories.len());
            written = write_content(root, stories, |page, body_words| {
                AnalysedPage::of_written(page, body_words, &config, &content_dir, bodies)
            })?;
            ui::timing("content", phase.elapsed(), "pages written");
            progress = Some(bar);
            Some(report)
        }
    };
    let report = match (&ingested, options.seeds) {
        (Some(report), _) => Some(report.as_slice()),
        (None, Seeds::Skip { report }) => report,
        (None, _) => None,
    };

    let phase = Instant::now();
    if let Some(bar) = &progress {
        bar.phase("loading content/");
    }
    let model = Model::load(root, config, options.drafts, written)?;
    ui::timing(
        "load",
        phase.elapsed(),
        &format!("{} stories", model.site.articles.len()),
    );
    if let Some(bar) = &progress {
        bar.phase(&format!("rendering {} stories", model.site.articles.len()));
    }
    let phase = Instant::now();
    // Without tracking, the analysis is dropped before rendering: it is large.
    let (site, model) = if options.track {
        (None, Some(model))
    } else {
        (Some(model.into_site()), None)
    };
    let stats = render::build(
        site.as_ref()
            .unwrap_or_else(|| &model.as_ref().expect("tracked").site),
        &tera,
        root,
        report,
        &out_dir,
        options.track,
    )?;
    ui::timing(
        "render",
        phase.elapsed(),
        &format!("{} pages rendered and written", stats.pages),
    );
    drop(progress);
    let session = match (model, stats.rendered) {
        (Some(model), Some(rendered)) => Some(Session {
            model,
            tera,
            rendered,
            stale: false,
        }),
        _ => None,
    };
    Ok(Built {
        site,
        session,
        report: ingested,
        pages: stats.pages,
        out_dir,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Ingests `paths` (or the configured seeds folder) into stories, writing nothing; also the
/// files skipped as unreadable (see [`Ingester::ingest_files`]).
pub fn ingest(
    root: &Path,
    config: &Config,
    paths: &[PathBuf],
    strict: bool,
) -> Result<(Vec<StoryRecord>, Vec<FileCleaning>)> {
    let paths = if paths.is_empty() {
        vec![root.join(&config.ingest.seeds)]
    } else {
        paths.to_vec()
    };
    let files = reader::article_files(&paths)?;
    ingest_files(
        root,
        config,
        &files,
        &ui::Progress::new(files.len(), "ingest"),
        strict,
    )
}

/// The reduce step of an ingest run in parts: the story records (and skipped files) of
/// every `ingest --jsonl` output in `files`, in the order one ingest of all their files
/// gives, with slugs made unique across them all. Whatever order the parts were run and
/// listed in, the result is the same; a raw file ingested in two parts is an error.
pub fn read_records(files: &[PathBuf]) -> Result<(Vec<StoryRecord>, Vec<FileCleaning>)> {
    let parts = files
        .par_iter()
        .map(|path| story::json::read_lines(path))
        .collect::<Result<Vec<_>>>()?;
    let mut part_of: HashMap<&str, usize> = HashMap::new();
    for (i, (records, skipped)) in parts.iter().enumerate() {
        let raw_files = records.iter().map(|r| r.story.file.as_str());
        for raw in raw_files.chain(skipped.iter().map(|s| s.file.as_str())) {
            if let Some(&other) = part_of.get(raw).filter(|&&other| other != i) {
                bail!(
                    "{raw} is in two parts, {} and {}; ingest each raw file in one part only",
                    files[other].display(),
                    files[i].display()
                );
            }
            part_of.insert(raw, i);
        }
    }
    let (mut records, mut skipped): (Vec<_>, Vec<_>) = (Vec::new(), Vec::new());
    for (part_records, part_skipped) in parts {
        records.extend(part_records);
        skipped.extend(part_skipped);
    }
    // One ingest reads a seeds folder's files in path order (see `reader::article_files`),
    // and each file's stories in reading order: a stable sort by path restores it.
    records.sort_by(|a, b| Path::new(&a.story.file).cmp(Path::new(&b.story.file)));
    ingest::assign_unique_slugs(&mut records);
    Ok((records, skipped))
}

/// Prints what each line of `paths` (or the seeds) became: file, line, story, role, why and
/// the line, tab-separated.
pub fn explain(root: &Path, config: &Config, paths: &[PathBuf]) -> Result<()> {
    use std::io::Write;
    let paths = if paths.is_empty() {
        vec![root.join(&config.ingest.seeds)]
    } else {
        paths.to_vec()
    };
    let ingester = Ingester::new(config)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for file in reader::article_files(&paths)? {
        let article = reader::read_article(&file, &file.display().to_string())?;
        for line in ingester.explain(&article.text) {
            let written = writeln!(
                out,
                "{}\t{}\t{}\t{:?}\t{}\t{}",
                file.display(),
                line.line,
                line.story,
                line.role,
                line.reason,
                line.text
            );
            match written {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
                other => other.context("cannot print to stdout")?,
            }
        }
    }
    out.flush().ok();
    Ok(())
}

fn ingest_files(
    root: &Path,
    config: &Config,
    files: &[PathBuf],
    progress: &ui::Progress,
    strict: bool,
) -> Result<(Vec<StoryRecord>, Vec<FileCleaning>)> {
    let ingester = Ingester::new(config)?;
    ingester.ingest_files(
        files,
        |path| {
            // Called once per file as its ingest starts: the one place to count files.
            progress.inc();
            path.strip_prefix(root)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/")
        },
        strict,
    )
}

/// Writes stories into content/, keeping hand edits, and says what it did; each page now
/// on disk as generated goes through `then` (see [`content::write_stories`]).
pub fn write_content<T: Send>(
    root: &Path,
    stories: Vec<StoryRecord>,
    then: impl Fn(Page, Option<WordTally>) -> T + Sync,
) -> Result<Vec<T>> {
    let count = stories.len();
    let (report, handed_on) = content::write_stories(&root.join("content"), stories, then)?;
    ui::note(&format!(
        "ingest: {} stories, {} pages written, {} unchanged, {} hand-edited kept, {} stale removed",
        count,
        report.written,
        report.unchanged,
        report.kept_edits.len(),
        report.pruned.len()
    ));
    if !report.pruned.is_empty() {
        const NAMED: usize = 5;
        let more = report.pruned.len().saturating_sub(NAMED);
        ui::note(&format!(
            "ingest: removed generated pages whose source is gone or no longer gives them: {}{}",
            report.pruned[..report.pruned.len().min(NAMED)].join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    Ok(handed_on)
}
