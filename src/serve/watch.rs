//! Watching the project: which paths a file event changed, which inputs to watch, and what
//! a batch of changes calls for (ingest, rendering every page, or only some pages).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};

use crate::config::Config;
use crate::diagnostic::shown;
use crate::ui;

/// Adds the paths a file event changed; reads (which the build itself does) change nothing.
pub(super) fn changed_paths(event: notify::Result<notify::Event>, paths: &mut Vec<PathBuf>) {
    match event {
        Ok(event) if !matches!(event.kind, notify::EventKind::Access(_)) => {
            paths.extend(event.paths)
        }
        Ok(_) => {}
        Err(e) => ui::warn(&format!("watching the project: {e}")),
    }
}

/// What a batch of changes calls for.
pub(super) enum Rebuild {
    /// seeds/ or config.toml changed, or a content page was deleted (ingest writes it anew).
    Ingest,
    /// Templates or theme changed: every page is rendered again.
    Render,
    /// Only these content pages were written: the pages showing them are rendered again.
    Pages(Vec<PathBuf>),
}

/// The seeds folder config.toml names (the default when config.toml cannot be read).
pub(super) fn seeds_folder(root: &Path) -> String {
    Config::load(root)
        .map(|c| c.ingest.seeds)
        .unwrap_or_else(|_| "seeds".to_string())
}

/// Watches the project's inputs that exist and are not yet watched: seeds/, content/,
/// templates/ and theme/ with everything under them, and the root itself for
/// config.toml and for those folders appearing.
pub(super) fn watch(
    root: &Path,
    seeds: &str,
    watcher: &mut impl Watcher,
    watched: &mut Vec<PathBuf>,
) -> Result<()> {
    let mut wanted = vec![(root.to_path_buf(), RecursiveMode::NonRecursive)];
    for dir in [seeds, "content", "templates", "theme"] {
        wanted.push((root.join(dir), RecursiveMode::Recursive));
    }
    for (path, mode) in wanted {
        if watched.contains(&path) || !path.is_dir() {
            continue;
        }
        watcher
            .watch(&path, mode)
            .with_context(|| format!("{}: cannot watch for changes", shown(&path)))?;
        watched.push(path);
    }
    Ok(())
}

/// What a batch of changes calls for, if anything: seeds/ and config.toml feed ingest;
/// templates/ and theme/ need every page rendered; written content pages need only the
/// pages that show them (a deleted one needs ingest, which writes it anew).
pub(super) fn classify(root: &Path, seeds: &str, paths: &[PathBuf]) -> Option<Rebuild> {
    let mut rebuild: Option<Rebuild> = None;
    for full in paths {
        let Ok(path) = full.strip_prefix(root) else {
            continue;
        };
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // Editors' swap, backup and temporary files, and ingest's own.
        if name.starts_with('.') || name.ends_with('~') || name.ends_with(".tmp") || name == "4913"
        {
            continue;
        }
        let under = |dir: &str| path.starts_with(dir);
        let this = if path == Path::new("config.toml") || under(seeds) {
            Rebuild::Ingest
        } else if under("content") {
            if !name.ends_with(".md") {
                // A folder, or a file that is not a page: an editor's temporary file that is
                // renamed over a page, say (the page's own event follows).
                continue;
            } else if !full.exists() {
                Rebuild::Ingest
            } else if full.is_file() {
                Rebuild::Pages(vec![full.clone()])
            } else {
                continue;
            }
        } else if under("templates") || under("theme") {
            Rebuild::Render
        } else {
            continue;
        };
        rebuild = Some(match (rebuild, this) {
            (Some(Rebuild::Ingest), _) | (_, Rebuild::Ingest) => Rebuild::Ingest,
            (Some(Rebuild::Render), _) | (_, Rebuild::Render) => Rebuild::Render,
            (Some(Rebuild::Pages(mut pages)), Rebuild::Pages(more)) => {
                for page in more {
                    if !pages.contains(&page) {
                        pages.push(page);
                    }
                }
                Rebuild::Pages(pages)
            }
            (None, this) => this,
        });
    }
    rebuild
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_pages_rebuild_incrementally_and_other_changes_in_full() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/defence")).unwrap();
        std::fs::create_dir_all(root.join("templates")).unwrap();
        let page = root.join("content/defence/a.md");
        std::fs::write(&page, "+++\n+++\n").unwrap();
        let pages = classify(root, "seeds", std::slice::from_ref(&page));
        assert!(matches!(pages, Some(Rebuild::Pages(ref p)) if *p == [page.clone()]));
        // An editor's temporary file renamed over the page has vanished: not a deleted page.
        let temporary = root.join("content/defence/a.md___jb_tmp___");
        assert!(classify(root, "seeds", std::slice::from_ref(&temporary)).is_none());
        assert!(matches!(
            classify(root, "seeds", &[temporary, page.clone()]),
            Some(Rebuild::Pages(_))
        ));
        // A deleted page is written anew by ingest; templates render everything again.
        let gone = root.join("content/defence/b.md");
        assert!(matches!(
            classify(root, "seeds", &[page.clone(), gone]),
            Some(Rebuild::Ingest)
        ));
        let template = root.join("templates/article.html");
        assert!(matches!(
            classify(root, "seeds", &[page, template]),
            Some(Rebuild::Render)
        ));
        assert!(matches!(
            classify(root, "seeds", &[root.join("config.toml")]),
            Some(Rebuild::Ingest)
        ));
    }
}
