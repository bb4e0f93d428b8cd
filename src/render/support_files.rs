//! The files beside the pages: the theme, the offline app files and the build report.

use std::path::Path;

use anyhow::{Context, Result};

use super::context::PageContext;
use super::output::{site_version, OutputFile, Written};
use super::renderer::Renderer;
use crate::assets::THEME;
use crate::story::FileCleaning;

impl<'a> Renderer<'a> {
    pub(super) fn report_page(&self, report: Option<&[FileCleaning]>) -> Result<OutputFile> {
        let mut ctx = self.context("report.html", "Build report");
        ctx.insert("report", &report);
        self.render("report.html", &ctx, "report.html".into())
    }

    /// The web app manifest and the service worker. The worker saves the whole site on a
    /// reader's first visit when it is no larger than `[render] precache_limit`, else the
    /// pages every visit needs first; its cache name changes with the site's content so
    /// readers get updates. `written` is every other file of the site.
    pub(super) fn offline_files(&self, written: &[&Written]) -> Result<Vec<OutputFile>> {
        let ctx = self.context("manifest.webmanifest", &self.site.config.title);
        let manifest = self.render("manifest.webmanifest", &ctx, "manifest.webmanifest".into())?;
        let path_of = |f: &Written| f.path.to_string_lossy().replace('\\', "/");
        let total: u64 = written.iter().map(|f| f.size).sum();
        let whole = total <= self.site.config.render.precache_limit;
        let mut core: Vec<String> = if whole {
            // Every file a browser reads; not the crawler and hosting files.
            let mut all: Vec<String> = written
                .iter()
                .map(|f| path_of(f))
                .filter(|p| {
                    !matches!(p.as_str(), ".nojekyll" | "CNAME" | "robots.txt")
                        && !p.starts_with("sitemap")
                })
                .collect();
            all.sort();
            all
        } else {
            let mut core: Vec<String> = vec![
                "index.html".into(),
                "search.html".into(),
                "search-index.js".into(),
                "404.html".into(),
                "offline.html".into(),
            ];
            core.extend(
                self.shown_topics()
                    .map(|t| format!("topics/{}.html", t.slug)),
            );
            let mut theme: Vec<String> = written
                .iter()
                .filter(|f| f.path.starts_with("theme"))
                .map(|f| path_of(f))
                .collect();
            theme.sort();
            core.extend(theme);
            core
        };
        core.dedup();
        let mut ctx = PageContext::default();
        ctx.insert(
            "version",
            &format!("{:012x}", site_version(written.iter().copied()) >> 16),
        );
        ctx.insert("core", &core);
        ctx.insert("whole", &whole);
        let worker = self.render("sw.js", &ctx, "sw.js".into())?;
        Ok(vec![manifest, worker])
    }

    /// The theme's files (built-in, then the site's own), and the code stylesheet when needed.
    pub(super) fn static_files(&self) -> Result<Vec<OutputFile>> {
        // GitHub Pages: no Jekyll processing, and the custom domain when one is configured.
        let mut files = vec![OutputFile {
            path: ".nojekyll".into(),
            bytes: Vec::new(),
        }];
        if let Some(domain) = self
            .site
            .config
            .cname
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            files.push(OutputFile {
                path: "CNAME".into(),
                bytes: format!("{domain}\n").into_bytes(),
            });
        }
        for (name, text) in THEME {
            files.push(OutputFile {
                path: Path::new("theme").join(name),
                bytes: text.as_bytes().to_vec(),
            });
        }
        let theme_dir = self.root.join("theme");
        if theme_dir.is_dir() {
            for entry in walkdir::WalkDir::new(&theme_dir).sort_by_file_name() {
                let entry =
                    entry.with_context(|| format!("{}: cannot list", theme_dir.display()))?;
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
        if self.site.articles.iter().any(|a| a.has_code) {
            files.push(OutputFile {
                path: "theme/syntax.css".into(),
                bytes: crate::site::highlight::stylesheet().into_bytes(),
            });
        }
        Ok(files)
    }
}
