//! `digest check`: config, templates and every content page validated, then the site built
//! from content/ into a temporary folder and every internal link and #anchor of its HTML
//! followed. Each problem names the file and line to fix: the content page for a link in a
//! story's text, the built page otherwise.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context, Result};
use regex::Regex;

use crate::build::{self, Seeds};
use crate::config::Config;
use crate::diagnostic::shown;
use crate::site::Site;
use crate::{content, render, ui};

/// Checks the project under `root`; fails when any problem was found (each printed).
pub fn run(root: &Path) -> Result<()> {
    let problems = problems(root)?;
    for problem in &problems {
        ui::error(problem);
    }
    match problems.len() {
        0 => {
            ui::note(&format!("check: no problems in {}", shown(root)));
            Ok(())
        }
        1 => bail!("check: 1 problem found"),
        n => bail!("check: {n} problems found"),
    }
}

/// Every problem in the project, in the order a person would fix them.
fn problems(root: &Path) -> Result<Vec<String>> {
    // Nothing else can be checked without a config.
    let config = match Config::load(root) {
        Ok(config) => config,
        Err(e) => return Ok(vec![format!("{e:#}")]),
    };
    let mut problems = Vec::new();
    if let Err(e) = render::load_templates(root) {
        problems.push(format!("{e:#}"));
    }
    let content_dir = root.join("content");
    for page in content::read_pages(&content_dir)? {
        let checked = page.and_then(|p| content::validate(&p, &config, &content_dir));
        if let Err(e) = checked {
            problems.push(format!("{e:#}"));
        }
    }
    if !problems.is_empty() {
        return Ok(problems);
    }
    let scratch = tempfile::tempdir().context("cannot create a temporary folder for the build")?;
    let built = build::run(build::Options {
        root,
        output: &scratch.path().join("site"),
        base_url: None,
        edition: None,
        drafts: false,
        seeds: Seeds::Skip { report: None },
        track: false,
        force: false,
    });
    match built {
        Ok(built) => {
            let mut problems = links(&built.out_dir, built.site(), root)?;
            problems.extend(xml_problems(&built.out_dir)?);
            Ok(problems)
        }
        Err(e) => Ok(vec![format!("{e:#}")]),
    }
}

/// Reads every XML file of the built site (feeds, sitemaps) as XML: a feed reader or a
/// crawler rejects one that is not well-formed.
fn xml_problems(out_dir: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(out_dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("{}: cannot list", out_dir.display()))?;
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "xml") {
            continue;
        }
        let name = entry
            .path()
            .strip_prefix(out_dir)
            .expect("walkdir stays under its root")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(entry.path())
            .with_context(|| format!("{}: cannot read", entry.path().display()))?;
        if let Err(e) = roxmltree::Document::parse(&text) {
            let at = e.pos();
            problems.push(format!(
                "{name}:{}:{}: not well-formed XML ({e}); fix the template that writes it (templates/{})",
                at.row,
                at.col,
                if name.starts_with("sitemap") { "sitemap.xml" } else { "atom.xml" }
            ));
        }
    }
    Ok(problems)
}

/// Follows every `href` and `src` of every HTML page under `out_dir`.
fn links(out_dir: &Path, site: &Site, root: &Path) -> Result<Vec<String>> {
    let link = Regex::new(r#"\b(?:href|src)\s*=\s*"([^"]*)""#).expect("valid regex");
    let mut sources = Sources::new(site, root);
    let mut anchors = Anchors::default();
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(out_dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("{}: cannot list", out_dir.display()))?;
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = entry.path();
        let url = page
            .strip_prefix(out_dir)
            .expect("walkdir stays under its root")
            .to_string_lossy()
            .replace('\\', "/");
        let html = std::fs::read_to_string(page)
            .with_context(|| format!("{}: cannot read", page.display()))?;
        for cap in link.captures_iter(&html) {
            let raw = cap.get(1).expect("group 1");
            let target = decode_entities(raw.as_str());
            let Some(broken) = follow(out_dir, page, &target, &mut anchors) else {
                continue;
            };
            let line = html[..raw.start()].matches('\n').count() + 1;
            let source = sources.line_of(&url, &target);
            problems.push(match source {
                Some(at) => format!("{at}: link \"{target}\" (in {url}) {broken}"),
                None => format!("{url}:{line}: link \"{target}\" {broken}"),
            });
        }
    }
    Ok(problems)
}

/// The content pages behind the built ones, to point a broken link at the line written.
struct Sources<'a> {
    root: &'a Path,
    /// Content path of each article page, by its path in the site.
    by_url: HashMap<&'a str, &'a str>,
    /// Every content path, for pages that show stories' text (topic, briefing, cluster).
    all: Vec<&'a str>,
    texts: HashMap<&'a str, String>,
}

impl<'a> Sources<'a> {
    fn new(site: &'a Site, root: &'a Path) -> Sources<'a> {
        Sources {
            root,
            by_url: site
                .articles
                .iter()
                .map(|a| (a.url.as_str(), a.content_path.as_str()))
                .collect(),
            all: site
                .articles
                .iter()
                .map(|a| a.content_path.as_str())
                .collect(),
            texts: HashMap::new(),
        }
    }

    /// `content/x.md:line` where the page at `url` got the link to `target`, if found.
    fn line_of(&mut self, url: &str, target: &str) -> Option<String> {
        let candidates = match self.by_url.get(url) {
            Some(source) => vec![*source],
            None => self.all.clone(),
        };
        let written = format!("]({target}");
        for source in candidates {
            let root = self.root;
            let text = self
                .texts
                .entry(source)
                .or_insert_with(|| std::fs::read_to_string(root.join(source)).unwrap_or_default());
            if let Some(line) = text.lines().position(|l| l.contains(&written)) {
                return Some(format!("{source}:{}", line + 1));
            }
        }
        None
    }
}

/// What is wrong with a link from `page`, or `None` when it resolves.
fn follow(out_dir: &Path, page: &Path, target: &str, anchors: &mut Anchors) -> Option<String> {
    let external = ["mailto:", "tel:", "data:", "//"];
    if target.contains("://") || external.iter().any(|p| target.starts_with(p)) {
        return None;
    }
    if target.starts_with('/') {
        return Some(
            "is root-absolute, which breaks under a sub-path and from file://; make it relative"
                .into(),
        );
    }
    let (path, anchor) = target.split_once('#').unwrap_or((target, ""));
    let path = path.split('?').next().unwrap_or(path);
    let file = if path.is_empty() {
        page.to_path_buf()
    } else {
        match resolve(page.parent().unwrap_or(out_dir), &percent_decode(path)) {
            Some(file) if file.starts_with(out_dir) => file,
            _ => return Some("points outside the site".into()),
        }
    };
    let relative = file
        .strip_prefix(out_dir)
        .unwrap_or(&file)
        .to_string_lossy()
        .replace('\\', "/");
    if file.is_dir() {
        return Some(format!(
            "names the folder {relative}/; name the file (e.g. {relative}/index.html) so it opens from file://"
        ));
    }
    if !file.is_file() {
        return Some(format!("is broken: the built site has no {relative}"));
    }
    if anchor.is_empty() || file.extension().is_none_or(|e| e != "html") {
        return None;
    }
    (!anchors.of(&file).contains(anchor))
        .then(|| format!("is broken: {relative} has no id=\"{anchor}\""))
}

/// `base` joined with a relative path, `..` and `.` folded away.
fn resolve(base: &Path, relative: &str) -> Option<PathBuf> {
    let mut path = base.to_path_buf();
    for component in Path::new(relative).components() {
        match component {
            Component::Normal(part) => path.push(part),
            Component::ParentDir => {
                if !path.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(path)
}

/// The ids of each page, read once.
#[derive(Default)]
struct Anchors {
    by_file: HashMap<PathBuf, HashSet<String>>,
}

impl Anchors {
    fn of(&mut self, file: &Path) -> &HashSet<String> {
        self.by_file.entry(file.to_path_buf()).or_insert_with(|| {
            let id = Regex::new(r#"\bid\s*=\s*"([^"]*)""#).expect("valid regex");
            let html = std::fs::read_to_string(file).unwrap_or_default();
            id.captures_iter(&html)
                .map(|c| decode_entities(&c[1]))
                .collect()
        })
    }
}

/// Undoes the HTML escaping Tera and pulldown-cmark apply inside attribute values.
fn decode_entities(value: &str) -> String {
    value
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// `%20` and friends back to the bytes they stand for (invalid sequences stay as written).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_dot_folds_and_cannot_climb_past_the_start() {
        assert_eq!(
            resolve(Path::new("/s/articles"), "../topics/./a.html"),
            Some(PathBuf::from("/s/topics/a.html"))
        );
        assert_eq!(resolve(Path::new("/"), "../../x"), None);
    }

    #[test]
    fn percent_escapes_decode_and_stray_percents_stay() {
        assert_eq!(percent_decode("a%20b%2e%2E%zz%"), "a b..%zz%");
    }
}
