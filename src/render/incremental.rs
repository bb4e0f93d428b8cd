//! Incremental rebuilds for `serve`: every page has a fingerprint, a hash of everything it
//! shows (the stories, links, lists and names it draws on). After an edit, only pages whose
//! fingerprint changed are rendered, and only files whose bytes changed are written.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use tera::Tera;

use super::output::{bytes_hash, OutputFile, Written};
use super::renderer::Renderer;
use super::{feeds, search, PageKind, QUOTES_PER_PERSON};
use crate::hash::hash_of;
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

/// Hashes that many fingerprints draw on, computed once per rebuild.
struct Inputs {
    /// The topic navigation every page shows, with its counts.
    nav: u64,
    /// Per story: what a link to it shows (title, date, source, summary, topic...).
    links: Vec<u64>,
    /// Per cluster: its title, date and members with their links.
    clusters: Vec<u64>,
    /// Per person or organisation: name, page and number of stories.
    labels: Vec<u64>,
    /// Every list page: all links, facts (quotes, figures, names, posts) and clusters.
    lists: u64,
}

impl Inputs {
    fn of(renderer: &Renderer) -> Inputs {
        let site = renderer.site;
        let links: Vec<u64> = site
            .articles
            .par_iter()
            .map(|a| hash_of(&(a.link(), &a.file)))
            .collect();
        let facts: Vec<u64> = site.articles.iter().map(|a| a.facts_hash).collect();
        // Topic lists, people and quotes are drawn from the stories' links and facts in
        // order, so those hashes stand for them; clusters come from the stories' words.
        let lists = hash_of(&(&links, &facts, &site.clusters));
        let nav: Vec<_> = renderer
            .shown_topics()
            .map(|t| (&t.slug, t.articles.len()))
            .collect();
        let clusters = site
            .clusters
            .iter()
            .map(|c| {
                let members: Vec<u64> = c.members.iter().map(|&m| links[m]).collect();
                hash_of(&(c, members))
            })
            .collect();
        let labels = site
            .entities
            .iter()
            .map(|e| hash_of(&(&e.name, &e.url, e.articles.len())))
            .collect();
        Inputs {
            nav: hash_of(&nav),
            links,
            clusters,
            labels,
            lists,
        }
    }
}

impl Rendered {
    /// The record of a full build: `by_page` pairs each file with its page's place in
    /// `pages`; `search` is the search index's entries as the build made them.
    pub(super) fn new(
        renderer: &Renderer,
        pages: &[PageKind],
        by_page: Vec<(usize, Written)>,
        offline: Vec<Written>,
        search: search::Entries,
    ) -> Rendered {
        let inputs = Inputs::of(renderer);
        let mut files: Vec<Vec<Written>> = vec![Vec::new(); pages.len()];
        for (page, written) in by_page {
            files[page].push(written);
        }
        let pages = pages
            .par_iter()
            .zip(files)
            .map(|(&page, files)| {
                let key = renderer.page_key(page).into_owned();
                (key, (renderer.fingerprint(page, &inputs), files))
            })
            .collect();
        Rendered {
            pages,
            offline,
            search,
        }
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
    let inputs = Inputs::of(&renderer);
    crate::ui::timing("hashes", phase.elapsed(), "stories and links");
    let phase = std::time::Instant::now();
    let pages: Vec<(PageKind, Cow<str>, u64)> = renderer
        .pages()
        .into_par_iter()
        .map(|page| {
            let key = renderer.page_key(page);
            (page, key, renderer.fingerprint(page, &inputs))
        })
        .collect();
    let stale: Vec<&(PageKind, Cow<str>, u64)> = pages
        .iter()
        .filter(|(_, key, print)| {
            previous
                .pages
                .get(key.as_ref())
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
            .get(key.as_ref())
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
    let current: FxHashSet<&str> = pages.iter().map(|(_, key, _)| key.as_ref()).collect();
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
    /// A page's lasting name: its main output path (story numbers change as stories come
    /// and go; paths do not).
    fn page_key(&self, page: PageKind) -> Cow<'_, str> {
        let site = self.site;
        match page {
            PageKind::Index => "index.html".into(),
            PageKind::Edition(e) => format!("editions/{}.html", self.editions[e]).into(),
            PageKind::Editions => "editions/index.html".into(),
            PageKind::Topic(t) => {
                let topic = self.shown_topics().nth(t).expect("a shown topic");
                format!("topics/{}.html", topic.slug).into()
            }
            PageKind::Article(i) => site.articles[i].url.as_str().into(),
            PageKind::Cluster(c) => site.clusters[c].url.as_str().into(),
            PageKind::People => "people/index.html".into(),
            PageKind::Person(e) => site.entities[e].url.as_str().into(),
            PageKind::Quotes => "quotes.html".into(),
            PageKind::Figures => "figures.html".into(),
            PageKind::Timeline => "timeline.html".into(),
            PageKind::Briefing => "briefing.html".into(),
            PageKind::Search => "search.html".into(),
            PageKind::SearchIndex => search::INDEX_PATH.into(),
            PageKind::Report => "report.html".into(),
            PageKind::NotFound => "404.html".into(),
            PageKind::Feeds => "atom.xml".into(),
            PageKind::Sitemap => "sitemap.xml".into(),
            PageKind::Static => "theme/".into(),
        }
    }

    /// A hash of everything `page` shows: equal fingerprints, equal pages (the templates
    /// and the configuration being the same; changing those rebuilds everything).
    fn fingerprint(&self, page: PageKind, inputs: &Inputs) -> u64 {
        let site = self.site;
        let links = &inputs.links;
        let mut h = FxHasher::default();
        // Every page shows the topic navigation with its counts.
        inputs.nav.hash(&mut h);
        match page {
            PageKind::Index
            | PageKind::Edition(_)
            | PageKind::Editions
            | PageKind::Briefing
            | PageKind::Topic(_)
            | PageKind::People
            | PageKind::Quotes
            | PageKind::Figures
            | PageKind::Timeline
            | PageKind::Sitemap => inputs.lists.hash(&mut h),
            PageKind::Feeds => {
                // Feed entries carry whole stories (authors, summary, topics).
                for list in feeds::feed_stories(site) {
                    for i in list {
                        (site.articles[i].page_hash, links[i]).hash(&mut h);
                    }
                }
            }
            PageKind::SearchIndex => {
                for (a, link) in site.articles.iter().zip(links) {
                    (a.page_hash, link).hash(&mut h);
                }
            }
            PageKind::Search | PageKind::Report | PageKind::NotFound => {}
            PageKind::Static => site.articles.iter().any(|a| a.has_code).hash(&mut h),
            PageKind::Article(i) => {
                let a = &site.articles[i];
                (a.page_hash, links[i], &a.related, a.cluster).hash(&mut h);
                let (newer, older) = self.topic_neighbours(i);
                (newer.map(|n| links[n]), older.map(|o| links[o])).hash(&mut h);
                a.cluster.map(|c| inputs.clusters[c]).hash(&mut h);
                for &r in &a.related {
                    links[r].hash(&mut h);
                }
                for &e in &self.entities_of[i] {
                    inputs.labels[e].hash(&mut h);
                }
                for quote in &a.quotes {
                    quote
                        .speaker
                        .as_deref()
                        .and_then(|s| self.entity_url(s))
                        .hash(&mut h);
                }
            }
            PageKind::Cluster(c) => {
                inputs.clusters[c].hash(&mut h);
                for &m in &site.clusters[c].members {
                    let a = &site.articles[m];
                    (a.page_hash, links[m], &a.related, a.cluster).hash(&mut h);
                }
            }
            PageKind::Person(e) => {
                let entity = &site.entities[e];
                entity.hash(&mut h);
                for i in self.person_stories(e) {
                    links[i].hash(&mut h);
                }
                for &q in entity.quotes.iter().take(QUOTES_PER_PERSON) {
                    let quote = &site.quotes[q];
                    quote.hash(&mut h);
                    quote
                        .speaker
                        .as_deref()
                        .and_then(|s| self.entity_url(s))
                        .hash(&mut h);
                    for &s in &quote.sources {
                        links[s].hash(&mut h);
                    }
                }
            }
        }
        h.finish()
    }
}
