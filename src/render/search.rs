//! The offline search index: a JavaScript file (not JSON fetched at run time) so that search
//! works from file:// with no server. Terms are stemmed as ingest stems them; the page's
//! script matches a query word to every indexed stem that begins it ("crossings" finds
//! "cross"), so it needs no stemmer of its own.

use std::collections::BTreeMap;

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

/// Weight of a title word against a body word.
const TITLE_WEIGHT: u32 = 3;

/// The text of search-index.js.
pub fn index_script(site: &Site) -> String {
    let mut terms: BTreeMap<String, BTreeMap<usize, u32>> = BTreeMap::new();
    for (i, article) in site.articles.iter().enumerate() {
        let mut add = |text: &str, weight: u32| {
            for stem in text::content_stems(text) {
                *terms.entry(stem).or_default().entry(i).or_default() += weight;
            }
        };
        add(&article.title, TITLE_WEIGHT);
        add(&article.summary, 1);
        add(&article.body_text, 1);
        for person in &article.people {
            add(person, TITLE_WEIGHT);
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
        terms: terms
            .into_iter()
            .map(|(stem, docs)| (stem, docs.into_iter().collect()))
            .collect(),
    };
    let json = serde_json::to_string(&index).expect("the index serialises");
    // `</` cannot end a script element from inside a string, whatever the text.
    format!("window.DIGEST_SEARCH = {};\n", json.replace("</", "<\\/"))
}
