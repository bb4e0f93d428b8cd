//! Feeds and crawler files: atom.xml for the site, topics/<topic>.xml per topic with
//! stories, sitemap.xml and robots.txt. The only output with absolute URLs (from base_url).

use anyhow::Result;
use serde::Serialize;

use super::OutputFile;
use crate::site::{Article, Site};

/// A page as the sitemap lists it.
#[derive(Serialize)]
struct SitemapEntry<'a> {
    path: String,
    date: Option<&'a str>,
}

/// Entries per feed: the newest stories, as feed readers expect (the site lists them all).
const FEED_ENTRIES: usize = 100;

type RenderFn<'r> = dyn Fn(&str, &tera::Context, String) -> Result<OutputFile> + 'r;
type ContextFn<'r> = dyn Fn(&str, &str) -> tera::Context + 'r;

/// The newest story date, which feeds and the sitemap give as the site's last change.
fn newest_date(site: &Site) -> &str {
    site.articles
        .iter()
        .filter_map(|a| a.date.as_deref())
        .max()
        .unwrap_or("2000-01-01")
}

/// The stories each feed carries: the site's newest, then each topic's with stories.
pub(super) fn feed_stories(site: &Site) -> Vec<Vec<usize>> {
    std::iter::once((0..FEED_ENTRIES.min(site.articles.len())).collect())
        .chain(
            site.topics
                .iter()
                .filter(|t| !t.articles.is_empty())
                .map(|t| t.articles.iter().take(FEED_ENTRIES).copied().collect()),
        )
        .collect()
}

/// atom.xml and topics/<topic>.xml.
pub(super) fn feeds(
    site: &Site,
    render: &RenderFn,
    context: &ContextFn,
) -> Result<Vec<OutputFile>> {
    let base_url = with_trailing_slash(&site.config.base_url);
    // Feeds must say when they changed; the newest story date is the one stable answer.
    let newest = newest_date(site);
    let mut files = Vec::new();
    let mut feed =
        |title: &str, feed_path: String, page_path: &str, articles: Vec<&Article>| -> Result<()> {
            let updated = articles
                .iter()
                .filter_map(|a| a.date.as_deref())
                .max()
                .unwrap_or(newest);
            let mut ctx = context("", title);
            ctx.insert("feed_title", title);
            ctx.insert("base_url", &base_url);
            ctx.insert("feed_path", &feed_path);
            ctx.insert("page_path", page_path);
            ctx.insert("updated", updated);
            ctx.insert("articles", &articles);
            files.push(render("atom.xml", &ctx, feed_path)?);
            Ok(())
        };
    // The same lists as `feed_stories`, which incremental rebuilds fingerprint.
    let mut lists = feed_stories(site).into_iter();
    let stories = |list: Vec<usize>| list.into_iter().map(|i| &site.articles[i]).collect();
    let site_feed = lists.next().unwrap_or_default();
    feed(
        &site.config.title,
        "atom.xml".into(),
        "index.html",
        stories(site_feed),
    )?;
    for (topic, list) in site
        .topics
        .iter()
        .filter(|t| !t.articles.is_empty())
        .zip(lists)
    {
        let title = format!("{} · {}", topic.name, site.config.title);
        feed(
            &title,
            format!("topics/{}.xml", topic.slug),
            &format!("topics/{}.html", topic.slug),
            stories(list),
        )?;
    }
    Ok(files)
}

/// sitemap.xml and robots.txt.
pub(super) fn sitemap(
    site: &Site,
    render: &RenderFn,
    context: &ContextFn,
) -> Result<Vec<OutputFile>> {
    let base_url = with_trailing_slash(&site.config.base_url);
    let newest = newest_date(site);
    let mut files = Vec::new();
    let mut pages = vec![SitemapEntry {
        path: "index.html".into(),
        date: Some(newest),
    }];
    for path in [
        "briefing.html",
        "quotes.html",
        "figures.html",
        "timeline.html",
        "search.html",
        "people/index.html",
    ] {
        pages.push(SitemapEntry {
            path: path.into(),
            date: None,
        });
    }
    for topic in &site.topics {
        pages.push(SitemapEntry {
            path: format!("topics/{}.html", topic.slug),
            date: None,
        });
    }
    for article in &site.articles {
        pages.push(SitemapEntry {
            path: article.url.clone(),
            date: article.date.as_deref(),
        });
    }
    for cluster in &site.clusters {
        pages.push(SitemapEntry {
            path: cluster.url.clone(),
            date: cluster.date.as_deref(),
        });
    }
    for entity in &site.entities {
        pages.push(SitemapEntry {
            path: entity.url.clone(),
            date: None,
        });
    }
    let mut ctx = context("", "Sitemap");
    ctx.insert("base_url", &base_url);
    ctx.insert("pages", &pages);
    files.push(render("sitemap.xml", &ctx, "sitemap.xml".into())?);
    files.push(OutputFile {
        path: "robots.txt".into(),
        bytes: format!("User-agent: *\nAllow: /\nSitemap: {base_url}sitemap.xml\n").into_bytes(),
    });
    Ok(files)
}

fn with_trailing_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}
