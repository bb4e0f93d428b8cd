//! Feeds and crawler files: atom.xml for the site, topics/<topic>.xml per topic with
//! stories, sitemap.xml and robots.txt. The only output with absolute URLs (from base_url).

use anyhow::Result;
use serde::Serialize;

use super::context::PageContext;
use super::output::OutputFile;
use crate::site::{Article, Site};

/// A page as the sitemap lists it.
#[derive(Serialize)]
struct SitemapEntry<'a> {
    path: String,
    date: Option<&'a str>,
}

/// Most URLs one sitemap file may list (the sitemaps.org protocol; search engines ignore
/// the rest). A larger site's sitemap.xml is an index of sitemap-N.xml files.
const SITEMAP_URLS: usize = 50_000;

/// Entries per feed: the newest stories, as feed readers expect (the site lists them all).
const FEED_ENTRIES: usize = 100;

type RenderFn<'r> = dyn Fn(&str, &PageContext, String) -> Result<OutputFile> + 'r;
type ContextFn<'r> = dyn Fn(&str, &str) -> PageContext + 'r;

/// The date feeds give a story that states none. Fixed, so an undated entry's `updated`
/// never changes and feed readers do not show it as changed when newer stories arrive.
const UNDATED: &str = "2000-01-01";

/// The newest story date, which feeds and the sitemap give as the site's last change.
fn newest_date(site: &Site) -> &str {
    site.articles
        .iter()
        .filter_map(|a| a.date.as_deref())
        .max()
        .unwrap_or(UNDATED)
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
            ctx.insert("undated", UNDATED);
            ctx.insert("articles", &articles);
            files.push(render("atom.xml", &ctx, feed_path)?);
            Ok(())
        };
    // The same lists as `feed_stories`.
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

/// sitemap.xml and robots.txt; `editions` are the days with an edition page.
pub(super) fn sitemap(
    site: &Site,
    editions: &[&str],
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
    pages.push(SitemapEntry {
        path: "editions/index.html".into(),
        date: None,
    });
    for &day in editions {
        pages.push(SitemapEntry {
            path: format!("editions/{day}.html"),
            date: Some(day),
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
    files.extend(sitemap_files(
        &pages,
        &base_url,
        newest,
        SITEMAP_URLS,
        render,
        context,
    )?);
    files.push(OutputFile {
        path: "robots.txt".into(),
        bytes: format!("User-agent: *\nAllow: /\nSitemap: {base_url}sitemap.xml\n").into_bytes(),
    });
    Ok(files)
}

/// sitemap.xml listing `pages`, or, past `limit` URLs, sitemap.xml as an index of
/// sitemap-1.xml, sitemap-2.xml, ... of at most `limit` URLs each.
fn sitemap_files(
    pages: &[SitemapEntry],
    base_url: &str,
    newest: &str,
    limit: usize,
    render: &RenderFn,
    context: &ContextFn,
) -> Result<Vec<OutputFile>> {
    let part = |pages: &[SitemapEntry], path: String| {
        let mut ctx = context("", "Sitemap");
        ctx.insert("base_url", base_url);
        ctx.insert("pages", pages);
        render("sitemap.xml", &ctx, path)
    };
    if pages.len() <= limit {
        return Ok(vec![part(pages, "sitemap.xml".into())?]);
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in pages.chunks(limit).enumerate() {
        let path = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}{path}</loc><lastmod>{}</lastmod></sitemap>\n",
            crate::markup::escape_markup(base_url),
            crate::markup::escape_markup(newest)
        ));
        files.push(part(chunk, path)?);
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile {
        path: "sitemap.xml".into(),
        bytes: index.into_bytes(),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders a sitemap file as the paths it lists, one per line.
    fn listed(_: &str, ctx: &PageContext, path: String) -> Result<OutputFile> {
        let pages = ctx.tera().get("pages").and_then(|p| p.as_array()).unwrap();
        let paths: Vec<&str> = pages
            .iter()
            .map(|p| p.get_from_path("path").and_then(|v| v.as_str()).unwrap())
            .collect();
        Ok(OutputFile {
            path: path.into(),
            bytes: paths.join("\n").into_bytes(),
        })
    }

    fn entries(n: usize) -> Vec<SitemapEntry<'static>> {
        (1..=n)
            .map(|i| SitemapEntry {
                path: format!("articles/{i}.html"),
                date: None,
            })
            .collect()
    }

    fn files(n: usize, limit: usize) -> Vec<(String, String)> {
        let context = |_: &str, _: &str| PageContext::default();
        sitemap_files(
            &entries(n),
            "https://x.org/a&b/",
            "2025-01-02",
            limit,
            &listed,
            &context,
        )
        .unwrap()
        .into_iter()
        .map(|f| {
            (
                f.path.to_string_lossy().into_owned(),
                String::from_utf8(f.bytes).unwrap(),
            )
        })
        .collect()
    }

    #[test]
    fn a_sitemap_within_the_limit_is_one_file() {
        let files = files(3, 3);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "sitemap.xml");
        assert_eq!(files[0].1.lines().count(), 3);
    }

    #[test]
    fn past_the_limit_sitemap_xml_indexes_parts_that_list_every_page_once() {
        let files = files(5, 2);
        let paths: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let listed: Vec<&str> = files[..3].iter().flat_map(|f| f.1.lines()).collect();
        let expected: Vec<String> = (1..=5).map(|i| format!("articles/{i}.html")).collect();
        assert_eq!(listed, expected);
        let index = &files[3].1;
        assert!(index.contains("<sitemapindex"), "{index}");
        for part in 1..=3 {
            assert!(
                index.contains(&format!(
                    "<loc>https://x.org/a&amp;b/sitemap-{part}.xml</loc><lastmod>2025-01-02</lastmod>"
                )),
                "{index}"
            );
        }
    }
}
