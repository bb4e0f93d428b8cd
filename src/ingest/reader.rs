//! Readers: what turns an input file into the article text ingest reads. Plain text is the
//! one reader today; a reader of saved HTML pages or of an RSS export would go beside it
//! (one more [`Reader`] in [`READERS`]), and the rest of ingest would not change.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// An input file's article text, with what reading it had to mend.
pub struct ArticleText {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Reads one kind of input file into article text.
pub trait Reader: Sync {
    /// What the reader reads, for messages ("plain text").
    fn kind(&self) -> &'static str;
    /// Whether the reader takes this file (by its name: the folder walk asks it of every
    /// file, so it must not open them).
    fn takes(&self, path: &Path) -> bool;
    /// The file's article text. `name` is how messages name the file. A file the reader
    /// cannot make article text of is an error naming it and saying what to do.
    fn read(&self, path: &Path, name: &str) -> Result<ArticleText>;
}

/// Every reader, asked in turn: the first that takes a file reads it.
pub const READERS: &[&dyn Reader] = &[&PlainText];

/// The reader that takes `path`, if any does.
pub fn reader_for(path: &Path) -> Option<&'static dyn Reader> {
    READERS.iter().copied().find(|r| r.takes(path))
}

/// Reads `path` with the reader that takes it; a file given by name that no reader takes
/// is read as plain text (the user chose it).
pub fn read_article(path: &Path, name: &str) -> Result<ArticleText> {
    reader_for(path).unwrap_or(&PlainText).read(path, name)
}

/// Most stray non-UTF-8 bytes, as a share of the file, that are replaced (with U+FFFD and a
/// warning) rather than refused: a scraper's odd byte, not a file in another encoding.
const MAX_INVALID_SHARE: f64 = 0.01;

/// The 1-based line of `bytes` that byte `offset` is on.
fn line_at(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

/// `.txt` files: UTF-8 text as a scraper saved it.
pub struct PlainText;

impl Reader for PlainText {
    fn kind(&self) -> &'static str {
        "plain text (.txt)"
    }

    fn takes(&self, path: &Path) -> bool {
        path.extension().is_some_and(|e| e == "txt")
    }

    /// Reads an article file as UTF-8 text with `\n` line ends and no BOM. A few stray invalid
    /// bytes are replaced and reported; an unreadable, binary, non-UTF-8 or empty file is an
    /// error naming it and saying what to do.
    fn read(&self, path: &Path, name: &str) -> Result<ArticleText> {
        let bytes = std::fs::read(path).with_context(|| {
            format!("{name}: cannot read the file; check that it exists and is readable")
        })?;
        if let Some(nul) = memchr::memchr(0, &bytes[..bytes.len().min(64 * 1024)]) {
            bail!(
                "{name}:{}: a binary file, not article text (NUL byte at offset {nul}); remove it from the seeds",
                line_at(&bytes, nul)
            );
        }
        let mut warnings = Vec::new();
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let first = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let invalid: usize = bytes.utf8_chunks().map(|c| c.invalid().len()).sum();
                if invalid as f64 > bytes.len() as f64 * MAX_INVALID_SHARE {
                    bail!(
                        "{name}:{}: not valid UTF-8 (byte offset {first}); save the file as UTF-8 and run again",
                        line_at(&bytes, first)
                    );
                }
                warnings.push(format!(
                    "{name}:{}: {invalid} byte(s) that are not UTF-8, the first at byte offset {first}, were replaced with \u{fffd}; save the file as UTF-8 to keep them",
                    line_at(&bytes, first)
                ));
                String::from_utf8_lossy(&bytes).into_owned()
            }
        };
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        // Most files have Unix line ends and are kept as read.
        let text = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text
        };
        if text.trim().is_empty() {
            bail!("{name}: the file is empty; add the article text or remove the file");
        }
        Ok(ArticleText { text, warnings })
    }
}

/// The input files to ingest: the files under each path (a file or a folder) that a reader
/// takes, sorted. Other files in a folder (but hidden ones and `.meta.toml` sidecars) are
/// named in one warning, so a seed saved in a form no reader takes is not silently left out.
pub fn article_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut others = Vec::new();
    for path in paths {
        if path.is_file() {
            files.push(path.clone());
            continue;
        }
        if !path.exists() {
            bail!("{}: no such file or folder; check the path", path.display());
        }
        for entry in walkdir::WalkDir::new(path)
            .follow_links(false)
            .sort_by_file_name()
        {
            let entry =
                entry.with_context(|| format!("{}: cannot list the folder", path.display()))?;
            let taken = reader_for(entry.path()).is_some();
            let name = entry.file_name().to_string_lossy();
            if entry.file_type().is_file() && taken {
                files.push(entry.into_path());
            } else if entry.file_type().is_file()
                && !name.starts_with('.')
                && !name.ends_with(".meta.toml")
            {
                others.push(entry.path().display().to_string());
            } else if entry.path_is_symlink() && taken {
                // Links are not followed: a loop or a link out of the seeds must not be read.
                crate::warn(&format!(
                    "{}: a symbolic link; skipped (copy the file into the seeds to ingest it)",
                    entry.path().display()
                ));
            }
        }
    }
    if !others.is_empty() {
        const NAMED: usize = 5;
        let more = others.len().saturating_sub(NAMED);
        others.truncate(NAMED);
        let kinds: Vec<&str> = READERS.iter().map(|r| r.kind()).collect();
        crate::warn(&format!(
            "{} file(s) in the seeds are in no form digest reads and were not read: {}{}; it reads {}",
            others.len() + more,
            others.join(", "),
            if more > 0 { format!(" and {more} more") } else { String::new() },
            kinds.join(", ")
        ));
    }
    files.sort();
    files.dedup();
    Ok(files)
}
