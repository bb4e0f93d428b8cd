//! Incremental rebuilds for `serve`: every page has a fingerprint, a hash of the context each
//! of its templates receives (the renderer makes it in place of the page's text: see
//! [`Output::Fingerprint`] and render/context.rs), so it changes exactly when what the page
//! shows does, and a page type added needs nothing here. After an edit, only pages whose fingerprint changed are
//! rendered, and only files whose bytes changed are written.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use tera::Tera;

use super::output::{bytes_hash, OutputFile, Written};
use super::renderer::{Output, Renderer};
use super::{search, PageKind};
use crate::site::Site;
use crate::story::FileCleaning;

/// What the last build showed on each page and wrote, so the next renders only what
/// changed.
pub struct Rendered {
    /// Each page by its key (its main output path): fingerprint and the files it wrote.
    pages: FxHashMap<String, (u64, Vec<Written>)>,
    /// manifest.webmanifest and sw.js, whose cache name follows every other file.
    offline: Vec<Written>,
    /// The search index's entries, story by story.
    search: search::Entries,
}

/// What an incremental rebuild did.
#[derive(Debug)]
pub struct Updated {
    /// Pages of the site.
    pub pages: usize,
    /// Pages rendered because what they show changed.
    pub rendered: usize,
    /// Files written because their bytes changed.
    pub written: usize,
    /// Files removed because no page makes them any more.
    pub removed: usize,
}

impl Rendered {
    /// The record of a full build: `by_page` pairs each file with its page's place in
    /// `pages`; `search` is the search index's entries as the build made them.
    pub(super) fn new(
        renderer: &Renderer,
        pages: &[PageKind],
        report: Option<&[FileCleaning]>,
        by_page: Vec<(usize, Written)>,
        offline: Vec<Written>,
        search: search::Entries,
    ) -> Result<Rendered> {
        let fingerprints = renderer.making(Output::Fingerprint);
        let mut files: Vec<Vec<Written>> = vec![Vec::new(); pages.len()];
        for (page, written) in by_page {
            files[page].push(written);
        }
        let pages = pages
            .par_iter()
            .zip(files)
            .map(|(&page, files)| {
                let (key, print) = fingerprints.fingerprint(page, report)?;
                Ok((key, (print, files)))
            })
            .collect::<Result<_>>()?;
        Ok(Rendered {
            pages,
            offline,
            search,
        })
    }
}

/// Renders the pages of `site` whose fingerprint changed since `previous` into `out_dir`,
/// writes the files whose bytes changed (each through a temporary file and a rename),
/// and removes files no page makes any more. Nothing is written unless every page renders.
pub fn update(
    site: &Site,
    tera: &Tera,
    root: &Path,
    report: Option<&[FileCleaning]>,
    out_dir: &Path,
    previous: &mut Rendered,
) -> Result<Updated> {
    let phase = std::time::Instant::now();
    let renderer = Renderer::new(site, tera, root);
    let fingerprints = renderer.making(Output::Fingerprint);
    let pages: Vec<(PageKind, String, u64)> = fingerprints
        .pages()
        .into_par_iter()
        .map(|page| {
            let (key, print) = fingerprints.fingerprint(page, report)?;
            Ok((page, key, print))
        })
        .collect::<Result<_>>()?;
    let stale: Vec<&(PageKind, String, u64)> = pages
        .iter()
        .filter(|(_, key, print)| {
            previous
                .pages
                .get(key.as_str())
                .is_none_or(|(old, _)| old != print)
        })
        .collect();
    crate::ui::timing("compare", phase.elapsed(), "page fingerprints");
    let phase = std::time::Instant::now();
    // The search index is remade from the kept entries of the stories that did not change.
    let mut rendered: Vec<(Vec<OutputFile>, Option<search::Entries>)> = stale
        .par_iter()
        .map(|(page, _, _)| match page {
            PageKind::SearchIndex => {
                let (file, entries) = search::index_file(site, Some(&previous.search));
                Ok((vec![file], entries))
            }
            _ => Ok((renderer.render_page(*page, report)?, None)),
        })
        .collect::<Result<_>>()?;
    let search_entries = rendered.iter_mut().find_map(|(_, entries)| entries.take());
    let fresh: Vec<Vec<OutputFile>> = rendered.into_iter().map(|(files, _)| files).collect();
    crate::ui::timing("render", phase.elapsed(), "changed pages");
    let phase = std::time::Instant::now();
    // The new record of each page rendered, and the files whose bytes changed.
    let mut changed: Vec<(String, (u64, Vec<Written>))> = Vec::new();
    let mut to_write: Vec<OutputFile> = Vec::new();
    for ((_, key, print), files) in stale.iter().zip(fresh) {
        let before = previous
            .pages
            .get(key.as_str())
            .map(|(_, f)| f.as_slice())
            .unwrap_or(&[]);
        let mut written = Vec::new();
        for file in files {
            let hash = bytes_hash(&file.bytes);
            written.push(Written {
                path: file.path.clone(),
                hash,
                size: file.bytes.len() as u64,
            });
            if !before.iter().any(|w| w.path == file.path && w.hash == hash) {
                to_write.push(file);
            }
        }
        changed.push((key.to_string(), (*print, written)));
    }
    let current: FxHashSet<&str> = pages.iter().map(|(_, key, _)| key.as_str()).collect();
    let vanished: Vec<&String> = previous
        .pages
        .keys()
        .filter(|key| !current.contains(key.as_str()))
        .collect();
    let fresh_keys: FxHashSet<&str> = changed.iter().map(|(key, _)| key.as_str()).collect();
    // Every file of the site after this update: kept pages' and re-rendered pages'.
    let all: Vec<&Written> = previous
        .pages
        .iter()
        .filter(|(key, _)| current.contains(key.as_str()) && !fresh_keys.contains(key.as_str()))
        .flat_map(|(_, (_, files))| files)
        .chain(changed.iter().flat_map(|(_, (_, files))| files))
        .collect();
    // Files that vanished pages made, or that re-rendered pages stopped making (unless
    // another page makes them now).
    let mut gone: Vec<PathBuf> = vanished
        .iter()
        .flat_map(|key| &previous.pages[*key].1)
        .map(|w| w.path.clone())
        .collect();
    for (key, (_, now)) in &changed {
        let before = previous
            .pages
            .get(key)
            .map(|(_, f)| f.as_slice())
            .unwrap_or(&[]);
        gone.extend(
            before
                .iter()
                .filter(|w| !now.iter().any(|n| n.path == w.path))
                .map(|w| w.path.clone()),
        );
    }
    if !gone.is_empty() {
        let made: FxHashSet<&Path> = all.iter().map(|w| w.path.as_path()).collect();
        gone.retain(|path| !made.contains(path.as_path()));
    }
    let mut offline = Vec::new();
    for file in renderer.offline_files(&all)? {
        let hash = bytes_hash(&file.bytes);
        offline.push(Written {
            path: file.path.clone(),
            hash,
            size: file.bytes.len() as u64,
        });
        if !previous
            .offline
            .iter()
            .any(|w| w.path == file.path && w.hash == hash)
        {
            to_write.push(file);
        }
    }
    crate::ui::timing("record", phase.elapsed(), "file hashes, service worker");

    to_write
        .par_iter()
        .try_for_each(|file| replace_file(out_dir, file))?;
    for path in &gone {
        let full = out_dir.join(path);
        match std::fs::remove_file(&full) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(e).with_context(|| format!("{}: cannot remove", full.display()));
            }
            _ => {}
        }
    }
    let updated = Updated {
        pages: pages.len(),
        rendered: changed.len(),
        written: to_write.len(),
        removed: gone.len(),
    };
    let vanished: Vec<String> = vanished.into_iter().cloned().collect();
    for key in vanished {
        previous.pages.remove(&key);
    }
    previous.pages.extend(changed);
    previous.offline = offline;
    if let Some(entries) = search_entries {
        previous.search = entries;
    }
    Ok(updated)
}

/// Writes one file of a live site through a temporary sibling and a rename, so a reader
/// sees the old file or the new one, never half of one.
fn replace_file(out_dir: &Path, file: &OutputFile) -> Result<()> {
    let path = out_dir.join(&file.path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create folder", parent.display()))?;
    }
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".digest-tmp");
    let tmp = path.with_file_name(name);
    std::fs::write(&tmp, &file.bytes)
        .with_context(|| format!("{}: cannot write", tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("{}: cannot write", path.display()))
}

impl Renderer<'_> {
    /// A page's lasting name, its main output path (story numbers change as stories come
    /// and go; paths do not), and its fingerprint, from a renderer making
    /// [`Output::Fingerprint`]: equal fingerprints, equal pages (the templates and the
    /// configuration being the same; changing those rebuilds everything). The two parts of
    /// the site made without templates are fingerprinted as they are made: the search index
    /// by its entries' own keys, the theme's files by their bytes.
    fn fingerprint(
        &self,
        page: PageKind,
        report: Option<&[FileCleaning]>,
    ) -> Result<(String, u64)> {
        if page == PageKind::SearchIndex {
            return Ok((search::INDEX_PATH.into(), search::fingerprint(self.site)));
        }
        let files = self.render_page(page, report)?;
        let mut h = FxHasher::default();
        for file in &files {
            (&file.path, &file.bytes).hash(&mut h);
        }
        let key = files.first().map_or_else(
            || format!("{page:?}"),
            |f| f.path.to_string_lossy().into_owned(),
        );
        Ok((key, h.finish()))
    }
}
