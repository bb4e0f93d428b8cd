//! The offline search index: a JavaScript file (not JSON fetched at run time) so that search
//! works from file:// with no server. Terms are stemmed as ingest stems them; the page's
//! script matches a query word to every indexed stem that begins it ("crossings" finds
//! "cross"), so it needs no stemmer of its own.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::site::Site;
use crate::text;

/// One searchable story.
#[derive(Serialize)]
struct SearchDoc<'a> {
    /// Title, URL from the root, topic name, date shown, snippet.
    t: &'a str,
    u: &'a str,
    c: &'a str,
    d: Option<&'a str>,
    s: &'a str,
}

#[derive(Serialize)]
struct SearchIndex<'a> {
    docs: Vec<SearchDoc<'a>>,
    /// stem -> [[doc, weight], ...]; title words weigh three times body words.
    terms: BTreeMap<String, Vec<(usize, u32)>>,
}

/// Distinct body words indexed per story, most frequent first.
const BODY_TERMS: usize = 60;
/// Weight of a title word against a body word.
const TITLE_WEIGHT: u32 = 3;

/// The text of search-index.js.
pub fn index_script(site: &Site) -> String {
    // Each story's weighted stems, on every core; merged in story order.
    let per_story: Vec<Vec<(String, u32)>> = site
        .articles
        .par_iter()
        .map(|article| {
            let mut weights: FxHashMap<String, u32> = FxHashMap::default();
            let mut add = |text: &str, weight: u32| {
                text::for_each_content_stem(text, |stem| {
                    text::add_count(&mut weights, stem, weight)
                });
            };
            add(&article.title, TITLE_WEIGHT);
            add(&article.summary, 1);
            for person in &article.people {
                add(person, TITLE_WEIGHT);
            }
            // The body's most frequent words only, so the index stays small per story.
            let mut body: FxHashMap<String, u32> = FxHashMap::default();
            text::for_each_content_stem(&article.body_text, |stem| {
                text::add_count(&mut body, stem, 1)
            });
            let mut body: Vec<(String, u32)> = body.into_iter().collect();
            body.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            for (stem, count) in body.into_iter().take(BODY_TERMS) {
                *weights.entry(stem).or_default() += count;
            }
            weights.into_iter().collect()
        })
        .collect();
    let mut terms: BTreeMap<String, Vec<(usize, u32)>> = BTreeMap::new();
    for (i, story_terms) in per_story.into_iter().enumerate() {
        for (stem, weight) in story_terms {
            terms.entry(stem).or_default().push((i, weight));
        }
    }
    let index = SearchIndex {
        docs: site
            .articles
            .iter()
            .map(|a| SearchDoc {
                t: &a.title,
                u: &a.url,
                c: &a.topics[0].name,
                d: a.date_display.as_deref(),
                s: &a.summary,
            })
            .collect(),
        terms,
    };
    let json = serde_json::to_string(&index).expect("the index serialises");
    // `</` cannot end a script element from inside a string, whatever the text.
    format!("window.DIGEST_SEARCH = {};\n", json.replace("</", "<\\/"))
}
