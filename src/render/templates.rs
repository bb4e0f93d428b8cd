//! Loading the templates: the built-in ones, then the site's overrides.

use std::path::Path;

use anyhow::{Context, Result};
use tera::Tera;

use crate::assets::TEMPLATES;

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
    // Tera 2 keeps `json_encode` out of its core; the web manifest needs JSON strings.
    tera.register_filter(
        "json_encode",
        |value: tera::Value, _: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            serde_json::to_string(&value).map_err(|e| tera::Error::message(e.to_string()))
        },
    );
    tera.add_raw_templates(sources)
        .map_err(|e| template_error(&dir, e))?;
    Ok(tera)
}

/// Tera's error as `templates/NAME:line:column` with the line, where it can be found.
pub(super) fn template_error(dir: &Path, e: tera::Error) -> anyhow::Error {
    crate::diagnostic::template_error(dir, &e)
}
