//! The offline search index: a JavaScript file (not JSON fetched at run time) so that search
//! works from file:// with no server. Terms are stemmed as ingest stems them; the page's
//! script matches a query word to every indexed stem that begins it ("crossings" finds
//! "cross"), so it needs no stemmer of its own.
//!
//! Each story carries its own terms (the page inverts them once on load): the file is then
//! the stories' entries one after another, each made on its own, so a large index is built
//! on every core and an edit changes one entry.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::output::OutputFile;
use crate::site::{Article, Site};

/// One searchable story.
#[derive(Serialize)]
struct SearchDoc<'a> {
    /// Title, URL from the root, topic name, date shown, snippet.
    t: &'a str,
    u: &'a str,
    c: &'a str,
    d: Option<&'a str>,
    s: &'a str,
    /// Weighted stems, "stem weight stem weight ..."; title words weigh three times body
    /// words.
    k: &'a str,
}

/// Where the index goes, from the site's root.
pub const INDEX_PATH: &str = "search-index.js";

/// A story's entry in the index, as JSON.
fn entry(a: &Article) -> String {
    let doc = SearchDoc {
        t: &a.title,
        u: &a.url,
        c: &a.topics[0].name,
        d: a.date_display.as_deref(),
        s: &a.summary,
        k: &a.search_terms,
    };
    let json = serde_json::to_string(&doc).expect("the index serialises");
    // `</` cannot end a script element from inside a string, whatever the text.
    if json.contains("</") {
        json.replace("</", "<\\/")
    } else {
        json
    }
}

/// What a story's entry is made from, to tell when a kept entry is still good.
fn entry_key(a: &Article) -> u64 {
    crate::hash::hash_of(&(a.page_hash, &a.url, &a.topics[0].name, &a.date_display))
}

/// A fingerprint of the whole index: its entries' keys, in story order.
pub fn fingerprint(site: &Site) -> u64 {
    let keys: Vec<u64> = site.articles.par_iter().map(entry_key).collect();
    crate::hash::hash_of(&keys)
}

/// Entries of the last index by story URL, kept between incremental rebuilds.
#[derive(Default)]
pub struct Entries(FxHashMap<String, (u64, Arc<str>)>);

/// search-index.js as an output file. With `kept` (a build that rebuilds incrementally
/// later), unchanged stories' entries are taken from it and the entries now are returned.
pub(super) fn index_file(site: &Site, kept: Option<&Entries>) -> (OutputFile, Option<Entries>) {
    let (script, entries) = match kept {
        Some(kept) => {
            let (script, entries) = index_script_reusing(site, kept);
            (script, Some(entries))
        }
        None => (index_script(site), None),
    };
    let file = OutputFile {
        path: INDEX_PATH.into(),
        bytes: script.into_bytes(),
    };
    (file, entries)
}

/// The text of search-index.js: `window.DIGEST_SEARCH = {"docs":[...]}`.
fn index_script(site: &Site) -> String {
    let entries: Vec<String> = site.articles.par_iter().map(entry).collect();
    script_of(&entries)
}

fn script_of(entries: &[impl AsRef<str>]) -> String {
    let mut script =
        String::with_capacity(entries.iter().map(|e| e.as_ref().len() + 1).sum::<usize>() + 64);
    script.push_str("window.DIGEST_SEARCH = {\"docs\":[");
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 {
            script.push(',');
        }
        script.push_str(entry.as_ref());
    }
    script.push_str("]};\n");
    script
}

/// [`index_script`], taking each story's entry from `kept` when the story has not changed;
/// also returns the entries now.
fn index_script_reusing(site: &Site, kept: &Entries) -> (String, Entries) {
    let entries: Vec<(u64, Arc<str>)> = site
        .articles
        .par_iter()
        .map(|a| {
            let key = entry_key(a);
            match kept.0.get(&a.url) {
                Some((k, entry)) if *k == key => (key, Arc::clone(entry)),
                _ => (key, Arc::from(entry(a))),
            }
        })
        .collect();
    let texts: Vec<&str> = entries.iter().map(|(_, e)| e.as_ref()).collect();
    let script = script_of(&texts);
    let now = site
        .articles
        .iter()
        .zip(entries)
        .map(|(a, entry)| (a.url.clone(), entry))
        .collect();
    (script, Entries(now))
}
