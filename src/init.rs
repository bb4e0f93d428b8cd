//! `digest init DIR`: a new project from what the binary carries (default config, templates
//! and theme), so a digest can be started without a copy of this repository.

use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::assets::{TEMPLATES, THEME};
use crate::config::DEFAULT_CONFIG;
use crate::diagnostic::shown;
use crate::ui;

const README: &str = "# My digest

Raw articles go in `seeds/` (plain text, one or more stories a file). Then:

    digest build    # seeds/ -> content/ (a Markdown page per story) -> public/ (the site)
    digest serve    # the same, served at http://127.0.0.1:1111/, rebuilt as you edit

Edit `config.toml` for the title and topics, `templates/` and `theme/` for the look, and any
page in `content/` by hand: ingest keeps your edits.
";

const GITIGNORE: &str = "/public\n/.digest.lock\n";

/// Writes the project into `dir`, which must be new or empty.
pub fn run(dir: &Path) -> Result<()> {
    if dir.exists() {
        if !dir.is_dir() {
            bail!(
                "{}: a file is in the way; give a new or empty folder to init",
                shown(dir)
            );
        }
        let mut entries = std::fs::read_dir(dir)
            .with_context(|| format!("{}: cannot list the folder", shown(dir)))?;
        if entries.next().is_some() {
            bail!(
                "{}: the folder is not empty; init writes a new project only into a new or empty folder, so nothing was written",
                shown(dir)
            );
        }
    }
    let mut files: Vec<(String, &str)> = vec![
        ("config.toml".into(), DEFAULT_CONFIG),
        ("README.md".into(), README),
        (".gitignore".into(), GITIGNORE),
        ("seeds/.gitkeep".into(), ""),
        ("content/.gitkeep".into(), ""),
    ];
    files.extend(
        TEMPLATES
            .iter()
            .map(|(n, t)| (format!("templates/{n}"), *t)),
    );
    files.extend(THEME.iter().map(|(n, t)| (format!("theme/{n}"), *t)));
    for (name, text) in &files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("{}: cannot create folder", shown(parent)))?;
        }
        std::fs::write(&path, text).with_context(|| format!("{}: cannot write", shown(&path)))?;
    }
    ui::note(&format!(
        "init: a new digest in {}; put raw articles in seeds/ and run `digest build` or `digest serve` there",
        shown(dir)
    ));
    Ok(())
}
