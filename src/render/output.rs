//! The output files, written to a staging folder and swapped into place in one step.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};

/// One output file: path under the output folder and its bytes.
pub(super) struct OutputFile {
    pub(super) path: PathBuf,
    pub(super) bytes: Vec<u8>,
}

/// A file written: its path under the output folder and a hash of its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub hash: u64,
    /// Its size in bytes.
    pub size: u64,
}

/// A fast hash of a file's bytes, to tell changed output from unchanged.
pub(super) fn bytes_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

pub(super) fn write_file(dir: &Path, file: &OutputFile) -> Result<Written> {
    let path = dir.join(&file.path);
    if let Err(e) = std::fs::write(&path, &file.bytes) {
        // Folders are made on demand: most files go into one of a few folders made up front.
        if e.kind() != std::io::ErrorKind::NotFound {
            return Err(e).with_context(|| format!("{}: cannot write", path.display()));
        }
        let parent = path.parent().expect("a file has a folder");
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create folder", parent.display()))?;
        std::fs::write(&path, &file.bytes)
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    Ok(Written {
        path: file.path.clone(),
        hash: bytes_hash(&file.bytes),
        size: file.bytes.len() as u64,
    })
}

/// A hash of every file's path and bytes, for the service worker's cache name: any change
/// to the site changes it. A sum of one hash per file, so the files' order does not matter.
pub(super) fn site_version<'w>(written: impl Iterator<Item = &'w Written>) -> u64 {
    written
        .map(|file| {
            let path = xxhash_rust::xxh3::xxh3_64(file.path.as_os_str().as_encoded_bytes());
            xxhash_rust::xxh3::xxh3_64(&[path.to_le_bytes(), file.hash.to_le_bytes()].concat())
        })
        .fold(0u64, u64::wrapping_add)
}

/// Runs `write` on a fresh staging folder beside `out_dir`, then swaps it into place; on
/// failure the staging folder is removed and `out_dir` is left as it was. What an earlier
/// build left beside `out_dir` (it was stopped, or could not remove the previous site) is
/// cleared first, and a previous site that had been moved aside is put back if the new one
/// never took its place.
pub(super) fn write_output<T>(out_dir: &Path, write: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
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
    if !out_dir.exists() && old.is_dir() {
        // Stopped between moving the previous site aside and moving the new one in.
        std::fs::rename(&old, out_dir).with_context(|| {
            format!(
                "{}: cannot put back the site an interrupted build moved aside",
                old.display()
            )
        })?;
    }
    for leftover in [&staging, &old] {
        if leftover.exists() {
            clear_leftover(leftover)?;
        }
    }
    let result = (|| -> Result<T> {
        for dir in ["", "articles", "topics", "stories", "people", "theme"] {
            let dir = staging.join(dir);
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("{}: cannot create folder", dir.display()))?;
        }
        // Marks the folder as digest's own, which the next build may replace.
        std::fs::write(
            staging.join(crate::project::SITE_MARKER),
            "A site built by digest: each build replaces this folder whole.\n",
        )
        .with_context(|| format!("{}: cannot write", staging.display()))?;
        write(&staging)
    })();
    let value = match result {
        Ok(value) => value,
        Err(e) => {
            let _ = remove_tree(&staging);
            return Err(e);
        }
    };
    // Swap in one step where the system can, so there is no moment without a site.
    if out_dir.exists() && exchange(&staging, out_dir).is_ok() {
        discard_previous_site(&staging);
        return Ok(value);
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
        discard_previous_site(&old);
    }
    Ok(value)
}

/// Removes the site a build replaced. The new site is in place by then, so a failure is a
/// warning: the next build clears what is left.
fn discard_previous_site(dir: &Path) {
    if let Err(e) = remove_tree(dir) {
        crate::warn(&format!(
            "{}: the new site is in place, but the previous one could not be removed ({e}); the next build tries again",
            dir.display()
        ));
    }
}

/// Removes what an earlier build left at `path`; what cannot be removed is moved out of the
/// way under a name of its own, with a warning, so it never blocks a build.
fn clear_leftover(path: &Path) -> Result<()> {
    let Err(e) = remove_tree(path) else {
        return Ok(());
    };
    let aside = (1..)
        .map(|n| {
            path.with_file_name(format!(
                "{}.unremovable-{n}",
                path.file_name().unwrap_or_default().to_string_lossy()
            ))
        })
        .find(|p| !p.exists())
        .expect("some name is free");
    std::fs::rename(path, &aside).with_context(|| {
        format!(
            "{}: an earlier build left this and it cannot be removed ({e}); remove it by hand",
            path.display()
        )
    })?;
    crate::warn(&format!(
        "{}: an earlier build left this and it cannot be removed ({e}); moved it to {}: remove that by hand",
        path.display(),
        aside.display()
    ));
    Ok(())
}

/// Removes a folder and everything in it, making read-only folders writable first (a
/// read-only copy of the site must not block every later build).
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    if std::fs::remove_dir_all(dir).is_ok() || !dir.exists() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_dir() {
            if let Ok(meta) = entry.metadata() {
                let mut permissions = meta.permissions();
                #[allow(clippy::permissions_set_readonly_false)]
                permissions.set_readonly(false);
                let _ = std::fs::set_permissions(entry.path(), permissions);
            }
        }
    }
    std::fs::remove_dir_all(dir)
}

/// Atomically swaps two paths (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

/// Elsewhere the swap is two renames (see `write_output`).
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}
