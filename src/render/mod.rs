//! Render: the site model through Tera templates into HTML pages, written to a staging
//! folder and swapped into place so a failed build never leaves a half-written site.

pub mod highlight;
pub mod markdown;

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use rayon::prelude::*;
use serde::Serialize;
use tera::Tera;

use crate::ingest::clean::Removed;
use crate::ingest::Story;
use crate::site::{Article, Site};

/// Built-in templates; a file of the same name in the site's templates/ replaces one.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("topic.html", include_str!("../../templates/topic.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("report.html", include_str!("../../templates/report.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("atom.xml", include_str!("../../templates/atom.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
];

/// Built-in static assets; a file of the same name in the site's theme/ replaces one, and
/// any other file there is copied too.
pub const THEME: &[(&str, &str)] = &[("style.css", include_str!("../../theme/style.css"))];

/// Loads the templates once: built-ins, then the site's overrides.
pub fn load_templates(root: &Path) -> Result<Tera> {
    let mut sources: Vec<(String, String)> = TEMPLATES
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    let dir = root.join("templates");
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.with_context(|| format!("{}: cannot list", dir.display()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(&dir)
                .expect("under dir")
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(entry.path())
                .with_context(|| format!("{}: cannot read template", entry.path().display()))?;
            sources.retain(|(n, _)| *n != name);
            sources.push((name, text));
        }
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.add_raw_templates(sources)
        .map_err(|e| template_error(&dir, e))?;
    Ok(tera)
}

/// Tera's error with its causes on one line, naming the template folder.
fn template_error(dir: &Path, e: tera::Error) -> anyhow::Error {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string().replace('\n', " "));
        source = cause.source();
    }
    anyhow!("{}: template error: {message}", dir.display())
}

/// Site-wide values every template sees.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: &'a str,
    topics: Vec<TopicNav<'a>>,
}

#[derive(Serialize)]
struct TopicNav<'a> {
    slug: &'a str,
    name: &'a str,
    count: usize,
}

#[derive(Serialize)]
struct TopicSection<'a> {
    slug: &'a str,
    name: &'a str,
    description: &'a str,
    articles: Vec<&'a Article>,
}

/// Removed furniture of one raw file, for the build report.
#[derive(Serialize)]
struct ReportFile<'a> {
    file: &'a str,
    stories: usize,
    removed: Vec<&'a Removed>,
}

/// One output file: path under the output folder and its bytes.
struct OutputFile {
    path: PathBuf,
    bytes: Vec<u8>,
}

/// What a build wrote.
pub struct BuildStats {
    pub pages: usize,
}

/// Renders the whole site into `out_dir` (via a staging folder). `stories` are this run's
/// ingest results, for the build report; `None` when ingest did not run.
pub fn build(
    site: &Site,
    tera: &Tera,
    root: &Path,
    stories: Option<&[Story]>,
    out_dir: &Path,
) -> Result<BuildStats> {
    let files = render_all(site, tera, root, stories)?;
    let pages = files
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "html"))
        .count();
    write_output(out_dir, &files)?;
    Ok(BuildStats { pages })
}

fn render_all(
    site: &Site,
    tera: &Tera,
    root: &Path,
    stories: Option<&[Story]>,
) -> Result<Vec<OutputFile>> {
    let config = &site.config;
    let site_view = SiteView {
        title: &config.title,
        description: &config.description,
        language: &config.language,
        base_url: &config.base_url,
        topics: site
            .topics
            .iter()
            .filter(|t| !t.articles.is_empty() || t.slug != crate::config::OTHER_TOPIC)
            .map(|t| TopicNav {
                slug: &t.slug,
                name: &t.name,
                count: t.articles.len(),
            })
            .collect(),
    };
    let sections: Vec<TopicSection> = site
        .topics
        .iter()
        .map(|t| TopicSection {
            slug: &t.slug,
            name: &t.name,
            description: &t.description,
            articles: t.articles.iter().map(|&i| &site.articles[i]).collect(),
        })
        .collect();
    let any_code = site.articles.iter().any(|a| a.has_code);

    let context_for = |root_prefix: &str, page_title: &str| -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &site_view);
        ctx.insert("root", root_prefix);
        ctx.insert("page_title", page_title);
        ctx
    };
    let render = |template: &str, ctx: &tera::Context, path: String| -> Result<OutputFile> {
        let html = tera
            .render(template, ctx)
            .map_err(|e| template_error(&root.join("templates").join(template), e))?;
        Ok(OutputFile {
            path: PathBuf::from(path),
            bytes: html.into_bytes(),
        })
    };

    let mut files: Vec<OutputFile> = Vec::new();

    let mut ctx = context_for("", &config.title);
    ctx.insert("sections", &sections);
    files.push(render("index.html", &ctx, "index.html".into())?);

    for section in sections
        .iter()
        .filter(|s| !s.articles.is_empty() || s.slug != crate::config::OTHER_TOPIC)
    {
        let mut ctx = context_for("../", section.name);
        ctx.insert("topic", section);
        files.push(render(
            "topic.html",
            &ctx,
            format!("topics/{}.html", section.slug),
        )?);
    }

    let article_pages: Vec<Result<OutputFile>> = site
        .articles
        .par_iter()
        .map(|article| {
            let section = sections
                .iter()
                .find(|s| s.slug == article.topics[0].slug)
                .expect("every primary topic has a section");
            let position = section
                .articles
                .iter()
                .position(|a| a.slug == article.slug)
                .expect("article is in its section");
            let mut ctx = context_for("../", &article.title);
            ctx.insert("article", article);
            ctx.insert(
                "newer",
                &position.checked_sub(1).map(|p| section.articles[p]),
            );
            ctx.insert("older", &section.articles.get(position + 1));
            ctx.insert("has_code", &article.has_code);
            render("article.html", &ctx, article.url.clone())
        })
        .collect();
    for page in article_pages {
        files.push(page?);
    }

    let report: Option<Vec<ReportFile>> = stories.map(|stories| {
        let mut by_file: Vec<ReportFile> = Vec::new();
        for story in stories {
            match by_file.last_mut() {
                Some(last) if last.file == story.file => {
                    last.stories += 1;
                    last.removed.extend(&story.removed);
                }
                _ => by_file.push(ReportFile {
                    file: &story.file,
                    stories: 1,
                    removed: story.removed.iter().collect(),
                }),
            }
        }
        by_file
    });
    let mut ctx = context_for("", "Build report");
    ctx.insert("report", &report);
    files.push(render("report.html", &ctx, "report.html".into())?);

    let ctx = context_for("", "Page not found");
    files.push(render("404.html", &ctx, "404.html".into())?);

    files.extend(feeds_and_sitemap(site, &sections, &render, &context_for)?);

    files.push(OutputFile {
        path: ".nojekyll".into(),
        bytes: Vec::new(),
    });
    for (name, text) in THEME {
        files.push(OutputFile {
            path: Path::new("theme").join(name),
            bytes: text.as_bytes().to_vec(),
        });
    }
    let theme_dir = root.join("theme");
    if theme_dir.is_dir() {
        for entry in walkdir::WalkDir::new(&theme_dir).sort_by_file_name() {
            let entry = entry.with_context(|| format!("{}: cannot list", theme_dir.display()))?;
            if entry.file_type().is_file() {
                let relative = entry.path().strip_prefix(&theme_dir).expect("under theme");
                let bytes = std::fs::read(entry.path())
                    .with_context(|| format!("{}: cannot read", entry.path().display()))?;
                let path = Path::new("theme").join(relative);
                files.retain(|f| f.path != path);
                files.push(OutputFile { path, bytes });
            }
        }
    }
    if any_code {
        files.push(OutputFile {
            path: "theme/syntax.css".into(),
            bytes: highlight::stylesheet().into_bytes(),
        });
    }
    Ok(files)
}

/// A page as the sitemap lists it.
#[derive(Serialize)]
struct SitemapEntry<'a> {
    path: String,
    date: Option<&'a str>,
}

/// atom.xml for the site, topics/<topic>.xml per topic with stories, sitemap.xml and
/// robots.txt: the only output with absolute URLs (from `base_url`).
fn feeds_and_sitemap(
    site: &Site,
    sections: &[TopicSection],
    render: &dyn Fn(&str, &tera::Context, String) -> Result<OutputFile>,
    context_for: &dyn Fn(&str, &str) -> tera::Context,
) -> Result<Vec<OutputFile>> {
    let base_url = with_trailing_slash(&site.config.base_url);
    // Feeds must say when they changed; the newest story date is the one stable answer.
    let newest = site
        .articles
        .iter()
        .filter_map(|a| a.date.as_deref())
        .max()
        .unwrap_or("2000-01-01");
    let mut files = Vec::new();
    let mut feed =
        |title: &str, feed_path: String, page_path: &str, articles: Vec<&Article>| -> Result<()> {
            let updated = articles
                .iter()
                .filter_map(|a| a.date.as_deref())
                .max()
                .unwrap_or(newest);
            let mut ctx = context_for("", title);
            ctx.insert("feed_title", title);
            ctx.insert("base_url", &base_url);
            ctx.insert("feed_path", &feed_path);
            ctx.insert("page_path", page_path);
            ctx.insert("updated", updated);
            ctx.insert("articles", &articles);
            files.push(render("atom.xml", &ctx, feed_path)?);
            Ok(())
        };
    feed(
        &site.config.title,
        "atom.xml".into(),
        "index.html",
        site.articles.iter().collect(),
    )?;
    for section in sections.iter().filter(|s| !s.articles.is_empty()) {
        let title = format!("{} · {}", section.name, site.config.title);
        feed(
            &title,
            format!("topics/{}.xml", section.slug),
            &format!("topics/{}.html", section.slug),
            section.articles.clone(),
        )?;
    }

    let mut pages = vec![SitemapEntry {
        path: "index.html".into(),
        date: Some(newest),
    }];
    for section in sections
        .iter()
        .filter(|s| !s.articles.is_empty() || s.slug != crate::config::OTHER_TOPIC)
    {
        pages.push(SitemapEntry {
            path: format!("topics/{}.html", section.slug),
            date: None,
        });
    }
    for article in &site.articles {
        pages.push(SitemapEntry {
            path: article.url.clone(),
            date: article.date.as_deref(),
        });
    }
    let mut ctx = context_for("", "Sitemap");
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

/// Writes all files into a staging folder beside `out_dir`, then swaps it into place.
fn write_output(out_dir: &Path, files: &[OutputFile]) -> Result<()> {
    let name = out_dir
        .file_name()
        .ok_or_else(|| anyhow!("{}: the output path must name a folder", out_dir.display()))?
        .to_string_lossy()
        .to_string();
    let parent = out_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("{}: cannot create folder", parent.display()))?;
    let staging = parent.join(format!(".{name}.staging"));
    let old = parent.join(format!(".{name}.old"));
    for leftover in [&staging, &old] {
        if leftover.exists() {
            std::fs::remove_dir_all(leftover).with_context(|| {
                format!(
                    "{}: cannot remove a previous build's leftovers",
                    leftover.display()
                )
            })?;
        }
    }
    let result = (|| -> Result<()> {
        for file in files {
            let path = staging.join(&file.path);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("{}: cannot create folder", dir.display()))?;
            }
            std::fs::write(&path, &file.bytes)
                .with_context(|| format!("{}: cannot write", path.display()))?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if out_dir.exists() {
        std::fs::rename(out_dir, &old).with_context(|| {
            format!("{}: cannot move the previous site aside", out_dir.display())
        })?;
    }
    if let Err(e) = std::fs::rename(&staging, out_dir) {
        // Put the previous site back so the output is never missing.
        let _ = std::fs::rename(&old, out_dir);
        return Err(e).with_context(|| {
            format!("{}: cannot move the new site into place", out_dir.display())
        });
    }
    if old.exists() {
        std::fs::remove_dir_all(&old)
            .with_context(|| format!("{}: cannot remove the previous site", old.display()))?;
    }
    Ok(())
}
