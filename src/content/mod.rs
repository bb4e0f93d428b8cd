//! Content pages: `content/<topic>/<slug>.md`, TOML front matter between `+++` lines and a
//! Markdown body. Ingest writes them; people edit them; load reads them back.
//!
//! A generated page carries a hash of its own text. When the text no longer matches the
//! hash, a person has edited the page, and re-ingesting keeps their edit. It also carries
//! its story's id (a hash of the story's text), which is how a re-ingested story finds its
//! page again whatever its file is called, its headline says or its slug became: a page is
//! only ever rewritten by its own story, and a story keeps the slug it was first given.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use rayon::prelude::*;
use serde::Deserialize;

use crate::config::Config;
use crate::date;
use crate::diagnostic::{self, shown};
use crate::story::{Story, StoryRecord, MAX_SLUG_LEN};
use crate::text::WordTally;

mod front_matter;

/// A content page as read from disk.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the root, with `/` separators (for messages and reports).
    pub path: String,
    /// The front matter: the story as the page states it.
    pub meta: Story,
    pub body: String,
    /// Whether ingest wrote the page and nobody has edited it since.
    pub generated_untouched: bool,
    /// Whether ingest wrote the page (edited or not).
    pub generated: bool,
    /// The file's text up to the closing `+++`, so validation errors can show the line
    /// (empty for a page made in memory: see [`Page::generated`]).
    pub front_matter: String,
}

const FENCE: &str = "+++";

impl Page {
    /// The page ingest generates for a story, as reading its file back would give it (the
    /// build takes the pages it just wrote as they are, without reading them again).
    /// `front_matter` stays empty: [`validate`] fails on such a page only for an ingest bug,
    /// and the page on disk then names the line.
    pub fn generated(record: StoryRecord) -> Page {
        // Reading a page back drops blank lines before the body and ends it with a newline.
        let mut body = record.body;
        if body.starts_with('\n') {
            body = body.trim_start_matches('\n').to_string();
        }
        // Exactly one byte more: the body is built to its length, and a plain push would double
        // its buffer, which across a large ingest held tens of megabytes nobody uses.
        body.reserve_exact(1);
        body.push('\n');
        let meta = Story {
            id: story_id(&body),
            draft: false,
            ..record.story
        };
        Page {
            path: page_path(&meta),
            meta,
            body,
            generated_untouched: true,
            generated: true,
            front_matter: String::new(),
        }
    }
}

/// A story's id: a hash of its page's body, so the story keeps it when its file is renamed
/// or its headline changes (two stories with one text are told apart by `write_stories`).
pub fn story_id(body: &str) -> String {
    crate::hash::page_hash_hex(body)
}

/// The text of a generated page, hash included.
pub fn render_page(page: &Page) -> String {
    let front = front_matter::to_toml(&page.meta);
    let unhashed = format!("{front}{FENCE}\n\n{}", page.body);
    let hash = crate::hash::page_hash_hex(&unhashed);
    format!("{FENCE}\ngenerated = true\nhash = \"{hash}\"\n{unhashed}")
}

/// Parses a page's text; `path` names it in errors (with line, column and the line itself).
pub fn parse_page(path: &str, text: &str) -> Result<Page> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(text)
    };
    if text.trim().is_empty() {
        bail!(
            "{path}: the page is empty (an ingest stopped by an earlier version of digest can leave one); delete it, and the next build writes its story again"
        );
    }
    let rest = text.strip_prefix("+++\n").ok_or_else(|| {
        anyhow!(
            "{path}:1: a content page must start with a `+++` line opening its TOML front matter"
        )
    })?;
    let end = rest
        .find("\n+++\n")
        .map(|i| i + 1)
        .or_else(|| rest.ends_with("\n+++").then(|| rest.len() - 3))
        .or_else(|| rest.starts_with("+++\n").then_some(0))
        .ok_or_else(|| {
            anyhow!(
                "{path}: the front matter has no closing `+++` line; add one after the last key"
            )
        })?;
    let body = rest[end..]
        .strip_prefix("+++")
        .unwrap_or("")
        .trim_start_matches('\n');

    // Bookkeeping keys written by ingest on the first two lines.
    let mut start = 0;
    let mut generated = false;
    let mut stored_hash = None;
    for _ in 0..2 {
        let line = rest[start..end].lines().next().unwrap_or("");
        match bookkeeping(line) {
            Some(Bookkeeping::Generated(flag)) => generated = flag,
            Some(Bookkeeping::Hash(hash)) => stored_hash = Some(hash),
            None => break,
        }
        start = (start + line.len() + 1).min(end);
    }
    let front = &rest[start..end];
    let offset = FENCE.len() + 1 + start;
    let meta: Story = toml::from_str(front).map_err(|e| {
        diagnostic::toml_error(
            path,
            &text,
            offset,
            &e,
            "invalid front matter",
            "the front matter",
        )
    })?;
    // The hash covers everything after the bookkeeping lines, exactly as ingest wrote it;
    // pages written by earlier versions carry an FNV-1a hash.
    let hashed = &rest[start..];
    let untouched = stored_hash.is_some_and(|h| {
        h == crate::hash::page_hash_hex(hashed) || h == crate::hash::fnv1a_hex(hashed)
    });
    Ok(Page {
        path: path.to_string(),
        meta,
        body: body.to_string(),
        generated_untouched: generated && untouched,
        generated,
        front_matter: text[..offset + front.len()].to_string(),
    })
}

/// A bookkeeping line that ingest writes at the top of a page.
enum Bookkeeping {
    Generated(bool),
    Hash(String),
}

/// Reads `generated = ...` or `hash = "..."` as TOML reads it (`generated=true` is the same
/// key), or `None` for any other line.
fn bookkeeping(line: &str) -> Option<Bookkeeping> {
    // What ingest writes, without a parser.
    if line == "generated = true" {
        return Some(Bookkeeping::Generated(true));
    }
    if let Some(hash) = line
        .strip_prefix("hash = \"")
        .and_then(|h| h.strip_suffix('"'))
        .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        return Some(Bookkeeping::Hash(hash.to_string()));
    }
    let key = line.split('=').next()?.trim();
    if key != "generated" && key != "hash" {
        return None;
    }
    #[derive(Deserialize)]
    struct Line {
        generated: Option<bool>,
        hash: Option<String>,
    }
    match toml::from_str::<Line>(line).ok()? {
        Line {
            generated: Some(flag),
            ..
        } => Some(Bookkeeping::Generated(flag)),
        Line {
            hash: Some(hash), ..
        } => Some(Bookkeeping::Hash(hash)),
        _ => None,
    }
}

/// What writing stories into content/ did.
#[derive(Debug, Default)]
pub struct WriteReport {
    pub written: usize,
    pub unchanged: usize,
    /// Pages a person edited, kept as they are.
    pub kept_edits: Vec<String>,
    /// Generated pages removed because their source is gone or no longer gives them.
    pub pruned: Vec<String>,
}

/// What becomes of a story's page.
enum Plan {
    /// Written at this path (relative to content/); `previous` is the page of the same story
    /// at another path (its topic changed), removed once the new one is written.
    Write {
        path: String,
        exists: bool,
        previous: Option<String>,
    },
    /// Its page was edited or taken over by a person: left as it is.
    Keep,
}

/// Writes the pages of `stories` into `content_dir`, keeping hand edits, and hands each
/// page now on disk as generated (written, or found unchanged) to `then`, with the tally of
/// its body ingest made ([`StoryRecord::body_words`]), in story order; the others were not
/// written, and their files say what the site shows.
///
/// A story finds its page by id ([`story_id`]), else (pages written before ids) by file
/// and slug. It rewrites that page only if nobody edited it, and keeps its slug, so a
/// published address never changes; a new story takes its title's slug, numbered past
/// every slug in use. Generated, unedited pages whose source file is gone, or was ingested
/// and no longer gives them, are removed; edited ones are kept with a warning.
pub fn write_stories<T: Send>(
    content_dir: &Path,
    stories: Vec<StoryRecord>,
    then: impl Fn(Page, Option<WordTally>) -> T + Sync,
) -> Result<(WriteReport, Vec<T>)> {
    clean_temporary_files(content_dir)?;
    let existing = load_pages(content_dir)?;
    let root = content_dir.parent().unwrap_or(Path::new("."));
    let mut report = WriteReport::default();
    let mut pages: Vec<(Page, Option<WordTally>)> = stories
        .into_iter()
        .map(|mut story| {
            let words = story.body_words.take();
            (Page::generated(story), words)
        })
        .collect();
    // Two stories with one text (a wire story in two files) are told apart in file order.
    let mut ids: HashMap<String, usize> = HashMap::with_capacity(pages.len());
    for (page, _) in &mut pages {
        let seen = ids.entry(page.meta.id.clone()).or_insert(0);
        *seen += 1;
        if *seen > 1 {
            page.meta.id = format!("{}-{seen}", page.meta.id);
        }
    }
    let by_id: HashMap<&str, usize> = existing
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, p)| !p.meta.id.is_empty())
        .map(|(i, p)| (p.meta.id.as_str(), i))
        .collect();
    let legacy: HashMap<(&str, &str), usize> = existing
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, p)| p.generated && p.meta.id.is_empty())
        .map(|(i, p)| ((p.meta.file.as_str(), p.meta.slug.as_str()), i))
        .collect();
    let claimed: Vec<Option<usize>> = pages
        .iter()
        .map(|(page, _)| {
            by_id
                .get(page.meta.id.as_str())
                .or_else(|| legacy.get(&(page.meta.file.as_str(), page.meta.slug.as_str())))
                .copied()
        })
        .collect();
    let is_claimed: HashSet<usize> = claimed.iter().flatten().copied().collect();
    let ingested: HashSet<&str> = pages.iter().map(|(p, _)| p.meta.file.as_str()).collect();
    // A page's source is gone when its file no longer exists, or was ingested and no longer
    // gives the page's story.
    let source_gone = |page: &Page| {
        ingested.contains(page.meta.file.as_str()) || !root.join(&page.meta.file).exists()
    };
    let mut prune = Vec::new();
    let mut orphans = Vec::new();
    for (i, page) in existing.iter().enumerate() {
        if !page.generated || is_claimed.contains(&i) || !source_gone(page) {
            continue;
        }
        if page.generated_untouched {
            prune.push(i);
        } else {
            orphans.push(i);
        }
    }
    // Every slug and path in use by a page that stays is taken.
    let pruned: HashSet<usize> = prune.iter().copied().collect();
    let mut taken_slugs: HashSet<String> = HashSet::new();
    let mut taken_paths: HashSet<String> = HashSet::new();
    for (i, page) in existing.iter().enumerate() {
        if !pruned.contains(&i) {
            taken_slugs.insert(page_slug(page));
            taken_paths.insert(page.path.clone());
        }
    }
    let mut plans = Vec::with_capacity(pages.len());
    for ((page, _), claim) in pages.iter_mut().zip(&claimed) {
        let plan = match claim.map(|i| &existing[i]) {
            Some(old) if !old.generated_untouched => {
                if old.generated {
                    crate::warn(&format!(
                        "{}: edited by hand since it was generated; keeping the edit (delete the file to regenerate it)",
                        shown(&content_dir.join(&old.path))
                    ));
                }
                report.kept_edits.push(old.path.clone());
                Plan::Keep
            }
            Some(old) => {
                // The story keeps the slug it was published under.
                page.meta.slug = page_slug(old);
                page.path = page_path(&page.meta);
                let moved = page.path != old.path;
                if moved && taken_paths.contains(&page.path) {
                    // Its new topic has a page of that name: stay where it is.
                    page.path = old.path.clone();
                }
                let previous = (page.path != old.path).then(|| old.path.clone());
                Plan::Write {
                    path: page.path.clone(),
                    exists: previous.is_none(),
                    previous,
                }
            }
            None => {
                let base = crate::story::slugify(&page.meta.title, MAX_SLUG_LEN);
                let mut slug = base.clone();
                let mut n = 1;
                loop {
                    page.meta.slug = slug.clone();
                    page.path = page_path(&page.meta);
                    if !taken_slugs.contains(&slug) && !taken_paths.contains(&page.path) {
                        break;
                    }
                    n += 1;
                    slug = format!("{base}-{n}");
                }
                Plan::Write {
                    path: page.path.clone(),
                    exists: false,
                    previous: None,
                }
            }
        };
        if let Plan::Write { path, .. } = &plan {
            taken_slugs.insert(page.meta.slug.clone());
            taken_paths.insert(path.clone());
        }
        plans.push(plan);
    }
    // A stale page whose path a new page takes (the story read anew under the same slug)
    // is replaced by it, not removed after it is written.
    let written: HashSet<&str> = plans
        .iter()
        .filter_map(|plan| match plan {
            Plan::Write { path, .. } => Some(path.as_str()),
            Plan::Keep => None,
        })
        .collect();
    prune.retain(|&i| !written.contains(existing[i].path.as_str()));
    let folders: BTreeSet<PathBuf> = plans
        .iter()
        .filter_map(|plan| match plan {
            Plan::Write { path, .. } => content_dir.join(path).parent().map(Path::to_path_buf),
            Plan::Keep => None,
        })
        .collect();
    for folder in folders {
        std::fs::create_dir_all(&folder)
            .with_context(|| format!("{}: cannot create folder", folder.display()))?;
    }
    // Pages are made, written and handed on on every core, each consumed as it goes, so a
    // large ingest never holds its stories and their pages at once.
    let written: Vec<Result<Option<(bool, T)>>> = pages
        .into_par_iter()
        .zip(plans)
        .with_max_len(crate::FILES_PER_JOB)
        .map(|((page, body_words), plan)| {
            let Plan::Write {
                path,
                exists,
                previous,
            } = plan
            else {
                return Ok(None);
            };
            let path = content_dir.join(path);
            let text = render_page(&page);
            let unchanged =
                exists && std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str());
            if !unchanged {
                write_atomically(&path, &text)?;
            }
            if let Some(previous) = previous {
                let previous = content_dir.join(previous);
                std::fs::remove_file(&previous).with_context(|| {
                    format!("{}: cannot remove the page's old place", previous.display())
                })?;
            }
            drop(text); // before `then`, which may hold on to what it makes of the page
            Ok(Some((!unchanged, then(page, body_words))))
        })
        .collect();
    let mut handed_on = Vec::with_capacity(written.len());
    for result in written {
        let Some((changed, value)) = result? else {
            continue;
        };
        if changed {
            report.written += 1;
        } else {
            report.unchanged += 1;
        }
        handed_on.push(value);
    }
    for &i in &prune {
        let path = content_dir.join(&existing[i].path);
        std::fs::remove_file(&path)
            .with_context(|| format!("{}: cannot remove stale page", path.display()))?;
        report.pruned.push(existing[i].path.clone());
    }
    for &i in &orphans {
        let page = &existing[i];
        crate::warn(&format!(
            "{}: edited by hand, but its story is no longer in {} (the file is gone or no longer gives it), so it stays as it is; delete the page, or set `generated = false` in it to keep it as your own page",
            shown(&content_dir.join(&page.path)),
            page.meta.file
        ));
    }
    Ok((report, handed_on))
}

/// The slug a page is published under: its `slug`, else its file name.
fn page_slug(page: &Page) -> String {
    if page.meta.slug.is_empty() {
        let stem = Path::new(&page.path)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or(&page.meta.title);
        crate::story::slugify(stem, MAX_SLUG_LEN)
    } else {
        crate::story::slugify(&page.meta.slug, MAX_SLUG_LEN)
    }
}

/// Where a page with this front matter lives, relative to content/, with `/` separators.
pub fn page_path(meta: &Story) -> String {
    format!("{}/{}.md", meta.topics[0], meta.slug)
}

/// Removes temporary files a stopped ingest left in content/ ([`write_atomically`]).
fn clean_temporary_files(content_dir: &Path) -> Result<()> {
    if !content_dir.exists() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(content_dir) {
        let entry =
            entry.with_context(|| format!("{}: cannot list the folder", shown(content_dir)))?;
        if entry.file_type().is_file() && is_temporary(entry.path()) {
            std::fs::remove_file(entry.path()).with_context(|| {
                format!(
                    "{}: cannot remove a stopped ingest's temporary file",
                    entry.path().display()
                )
            })?;
        }
    }
    Ok(())
}

/// Whether `path` is one of [`write_atomically`]'s temporary files.
fn is_temporary(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') && n.ends_with(".md.tmp"))
}

/// Writes a file through a temporary sibling (`.NAME.md.tmp`, which page listings skip)
/// and a rename, so a page is never half-written, whatever stops the writer: a killed
/// ingest leaves the previous page, or no page, and the temporary file, which the next
/// ingest removes.
pub fn write_atomically(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create folder", parent.display()))?;
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    if let Err(e) = std::fs::write(&tmp, text) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("{}: cannot write", tmp.display()));
    }
    std::fs::rename(&tmp, path).with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(())
}

/// The path of a page under `content_dir`, with `/` separators (a [`Page`]'s `path`).
pub fn relative_path(content_dir: &Path, path: &Path) -> String {
    path.strip_prefix(content_dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Reads one page at `path` under `content_dir`.
pub fn read_page(content_dir: &Path, path: &Path) -> Result<Page> {
    let relative = relative_path(content_dir, path);
    let display = shown(&content_dir.join(&relative));
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{display}: cannot read (is it UTF-8 text?)"))?;
    let mut page = parse_page(&display, &text)?;
    page.path = relative;
    Ok(page)
}

/// Reads every `.md` page under `content_dir` (sorted by path). A missing folder is empty.
pub fn load_pages(content_dir: &Path) -> Result<Vec<Page>> {
    read_pages(content_dir)?.into_iter().collect()
}

/// Reads every `.md` page under `content_dir`, keeping each page's own error apart so that
/// `check` can list them all; only an unreadable folder fails the whole.
pub fn read_pages(content_dir: &Path) -> Result<Vec<Result<Page>>> {
    // Reading and parsing thousands of pages is independent work: spread it over the cores.
    Ok(page_paths(content_dir)?
        .par_iter()
        .map(|path| read_page(content_dir, path))
        .collect())
}

/// The `.md` pages under `content_dir`, sorted by path. A missing folder is empty.
pub fn page_paths(content_dir: &Path) -> Result<Vec<PathBuf>> {
    if !content_dir.exists() {
        return Ok(Vec::new());
    }
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(content_dir).sort_by_file_name() {
        let entry =
            entry.with_context(|| format!("{}: cannot list the folder", shown(content_dir)))?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") {
            paths.push(entry.into_path());
        }
    }
    Ok(paths)
}

/// Checks a page against the configuration: known topics, a usable slug and date. Errors
/// point at the value in the front matter.
pub fn validate(page: &Page, config: &Config, content_dir: &Path) -> Result<()> {
    let shown = shown(&content_dir.join(&page.path));
    let front = &page.front_matter;
    // The span of `needle` on the line setting `key`, or of the key itself.
    let locate = |key: &str, needle: &str| -> std::ops::Range<usize> {
        let mut line_start = 0;
        for line in front.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if trimmed.starts_with(key) && trimmed[key.len()..].trim_start().starts_with('=') {
                let indent = line.len() - trimmed.len();
                return match line.find(needle).filter(|_| !needle.is_empty()) {
                    Some(i) => line_start + i..line_start + i + needle.len(),
                    None => line_start + indent..line_start + indent + key.len(),
                };
            }
            line_start += line.len();
        }
        0..0
    };
    let fail = |span, message: String| anyhow!("{}", diagnostic::at(&shown, front, span, &message));
    let known = config.topic_slugs();
    if page.meta.topics.is_empty() {
        return Err(fail(
            locate("topics", ""),
            format!(
                "`topics` is empty; give at least one of: {}",
                known.join(", ")
            ),
        ));
    }
    for topic in &page.meta.topics {
        if !known.contains(topic) {
            let hint =
                diagnostic::closest(topic, &known.iter().map(String::as_str).collect::<Vec<_>>())
                    .map(|t| format!("did you mean \"{t}\"? "))
                    .unwrap_or_default();
            return Err(fail(
                locate("topics", &format!("\"{topic}\"")),
                format!(
                    "unknown topic \"{topic}\"; {hint}configured topics are: {}",
                    known.join(", ")
                ),
            ));
        }
    }
    if let Some(date) = &page.meta.date {
        if !date::is_calendar_date(date) {
            return Err(fail(
                locate("date", &format!("\"{date}\"")),
                format!("date \"{date}\" is not a calendar date; write it as YYYY-MM-DD"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_page_is_what_reading_its_file_back_gives() {
        let config =
            crate::config::Config::parse(crate::config::DEFAULT_CONFIG, "config.toml").unwrap();
        let ingester = crate::ingest::Ingester::new(&config).unwrap();
        let text = "Army to get new drones, says minister\n\nBy Jo Bloggs, Defence correspondent\n\nLONDON (Reuters) - The Ministry of Defence has ordered 500 drones worth £1.2bn, the defence secretary said on Monday.\n\n\"We will *not* wait,\" John Healey said. <b>Costs</b> rose 12% in 2024 [sic].\n";
        let stories = ingester.ingest_text("seeds/a.txt", text);
        assert!(!stories.is_empty());
        for mut story in stories {
            // Blank lines before the body are dropped by reading it back.
            story.body.insert_str(0, "\n\n");
            let page = Page::generated(story);
            let read = parse_page(&page.path, &render_page(&page)).unwrap();
            assert_eq!(format!("{:?}", read.meta), format!("{:?}", page.meta));
            assert_eq!(read.body, page.body);
            assert!(read.generated_untouched && read.generated);
        }
    }

    #[test]
    fn an_empty_page_says_to_delete_it() {
        let error = parse_page("content/x.md", "").unwrap_err().to_string();
        assert!(
            error.contains("empty") && error.contains("delete it"),
            "{error}"
        );
    }

    #[test]
    fn a_generated_page_with_an_empty_body_is_not_taken_for_a_hand_edit() {
        let text = "+++\ngenerated = true\nhash = \"HASH\"\ntitle = \"T\"\ntopics = [\"defence\"]\n+++\n\n\n";
        let unhashed = "title = \"T\"\ntopics = [\"defence\"]\n+++\n\n\n";
        let text = text.replace("HASH", &crate::hash::page_hash_hex(unhashed));
        let page = parse_page("x.md", &text).unwrap();
        assert!(page.generated_untouched);
        assert_eq!(page.body, "");
    }

    #[test]
    fn a_page_hashed_by_an_earlier_version_is_still_untouched_until_edited() {
        let text = "+++\ngenerated = true\nhash = \"HASH\"\ntitle = \"T\"\ntopics = [\"defence\"]\n+++\n\nBody.\n";
        let unhashed = "title = \"T\"\ntopics = [\"defence\"]\n+++\n\nBody.\n";
        let text = text.replace("HASH", &crate::hash::fnv1a_hex(unhashed));
        assert!(parse_page("x.md", &text).unwrap().generated_untouched);
        let edited = text.replace("Body.", "Body, edited.");
        assert!(!parse_page("x.md", &edited).unwrap().generated_untouched);
    }
}
