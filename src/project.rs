//! The project folder: what makes a folder a digest project, where a build may put its site,
//! and the lock that keeps two builds (or a build and `serve`) from writing at once.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::diagnostic::shown;
use crate::ui;

/// The file every built site carries, so that a later build knows the folder is its own to
/// replace. A folder without it is never deleted (unless `--force`).
pub const SITE_MARKER: &str = ".digest-site";

/// The lock file in the project folder; it holds the pid of the build that has it.
pub const LOCK_FILE: &str = ".digest.lock";

/// How long a build waits for another one to finish (`DIGEST_LOCK_WAIT`, in seconds,
/// changes it): long enough for a `serve` rebuild, short enough to say what is going on.
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// Checks that `root` is a digest project: an existing folder with a config.toml.
pub fn check_root(root: &Path) -> Result<()> {
    if !root.is_dir() {
        bail!(
            "{}: no such folder; give a digest project with --root, or make one with `digest init {}`",
            shown(root),
            shown(root)
        );
    }
    if !root.join("config.toml").is_file() {
        bail!(
            "{}: not a digest project (it has no config.toml); run `digest init DIR` to make one, or give the project folder with --root",
            shown(root)
        );
    }
    Ok(())
}

/// The output folder of a build of `root` (`output` relative to it unless absolute), once it
/// is known to be safe to replace whole: never the project folder or a folder above it, and
/// never an input (config.toml, the seeds folder, content/, templates/, theme/, .git) or a
/// folder inside one. An existing folder must be a site digest built (it carries
/// [`SITE_MARKER`]) or empty, unless `force`.
pub fn output_dir(root: &Path, output: &Path, seeds: &str, force: bool) -> Result<PathBuf> {
    let out_dir = if output.is_absolute() {
        output.to_path_buf()
    } else {
        root.join(output)
    };
    let out = resolved(&out_dir)?;
    let project = resolved(root)?;
    let refuse = |why: String| -> anyhow::Error {
        anyhow::anyhow!(
            "--output {}: {why}; a build replaces its output folder whole, so give it a folder of its own (the default is public/ in the project)",
            shown(output)
        )
    };
    if project.starts_with(&out) {
        return Err(refuse(if out == project {
            "is the project folder itself".to_string()
        } else {
            format!("holds the project folder {}", shown(root))
        }));
    }
    for input in [
        "config.toml",
        seeds,
        "content",
        "templates",
        "theme",
        ".git",
    ] {
        let input_path = resolved(&root.join(input))?;
        if out.starts_with(&input_path) || input_path.starts_with(&out) {
            return Err(refuse(format!(
                "is or holds the project's {input}, or lies inside it"
            )));
        }
    }
    if out_dir.exists() && !force {
        if !out_dir.is_dir() {
            bail!(
                "--output {}: a file is in the way; give a folder, or move the file away",
                shown(output)
            );
        }
        if !is_replaceable(&out_dir)? {
            bail!(
                "{}: the folder exists and digest did not build it (it has no {SITE_MARKER} file), so it is not replaced; move it away, give another --output, or pass --force to replace it",
                shown(&out_dir)
            );
        }
    }
    Ok(out_dir)
}

/// Whether an existing output folder may be replaced: empty, or built by digest.
fn is_replaceable(dir: &Path) -> Result<bool> {
    if dir.join(SITE_MARKER).is_file() {
        return Ok(true);
    }
    // Sites built before the marker existed: every build writes these three files.
    if ["report.html", "search-index.js", ".nojekyll"]
        .iter()
        .all(|f| dir.join(f).is_file())
    {
        return Ok(true);
    }
    let mut entries =
        std::fs::read_dir(dir).with_context(|| format!("{}: cannot list", shown(dir)))?;
    Ok(entries.next().is_none())
}

/// `path` made absolute, with symbolic links and `..` resolved as far as it exists and `..`
/// folded lexically beyond, so two spellings of one folder compare equal.
fn resolved(path: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(path)
        .with_context(|| format!("{}: cannot resolve the path", shown(path)))?;
    let mut existing = absolute.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            // `..` or the root: fold what is left lexically.
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for part in rest.iter().rev() {
        match Path::new(part).components().next() {
            Some(Component::ParentDir) => {
                out.pop();
            }
            Some(Component::Normal(name)) => out.push(name),
            _ => {}
        }
    }
    Ok(out)
}

/// The project lock, held while a build or an ingest writes: released when dropped, or by
/// the system when the process ends however it ends.
pub struct ProjectLock {
    /// `None` in a project that cannot be written (a read-only checkout being checked):
    /// nothing there can be changed by a build, so there is nothing to keep apart.
    file: Option<File>,
}

impl ProjectLock {
    /// Takes the lock of the project at `root`, waiting for another build to finish for a
    /// while (`DIGEST_LOCK_WAIT` seconds, 30 by default) before giving up with its pid.
    pub fn acquire(root: &Path) -> Result<ProjectLock> {
        let wait = std::env::var("DIGEST_LOCK_WAIT")
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .map_or(LOCK_WAIT, Duration::from_secs_f64);
        let path = root.join(LOCK_FILE);
        let opened = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path);
        let mut file = match opened {
            Ok(file) => file,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                return Ok(ProjectLock { file: None })
            }
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("{}: cannot open the project lock", shown(&path)))
            }
        };
        let started = Instant::now();
        let mut told = false;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) => {
                    let holder = holder(&mut file);
                    if started.elapsed() >= wait {
                        bail!(
                            "another digest build ({holder}) is running in {}; wait for it to finish, or stop it",
                            shown(root)
                        );
                    }
                    if !told {
                        ui::note(&format!(
                            "waiting for another digest build ({holder}) to finish"
                        ));
                        told = true;
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(e)
                        .with_context(|| format!("{}: cannot lock the project", shown(&path)))
                }
            }
        }
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| writeln!(file, "{}", std::process::id()))
            .with_context(|| format!("{}: cannot write the project lock", shown(&path)))?;
        Ok(ProjectLock { file: Some(file) })
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        // The next build finds no stale pid; the lock itself goes with the file handle.
        if let Some(file) = &self.file {
            let _ = file.set_len(0);
        }
    }
}

/// "pid N" of the build holding the lock, as its lock file says.
fn holder(file: &mut File) -> String {
    let mut text = String::new();
    let _ = file.rewind().and_then(|()| file.read_to_string(&mut text));
    match text.trim().parse::<u32>() {
        Ok(pid) => format!("pid {pid}"),
        Err(_) => "pid unknown".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_may_not_be_the_project_an_ancestor_or_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        for sub in ["seeds", "content", "templates", "theme"] {
            std::fs::create_dir_all(root.join(sub)).unwrap();
        }
        std::fs::write(root.join("config.toml"), "").unwrap();
        for bad in [
            ".",
            "..",
            "/",
            "seeds",
            "content",
            "content/site",
            "templates",
            "theme/x",
            "config.toml",
            "./seeds/../content",
        ] {
            assert!(
                output_dir(&root, Path::new(bad), "seeds", true).is_err(),
                "{bad}"
            );
        }
        assert!(output_dir(&root, &root, "seeds", true).is_err());
        // A seeds folder configured outside the project is an input all the same.
        let outside = dir.path().join("raw");
        std::fs::create_dir_all(&outside).unwrap();
        assert!(output_dir(&root, &outside, "../raw", true).is_err());
        for good in ["public", "out/site", "../elsewhere"] {
            assert!(
                output_dir(&root, Path::new(good), "seeds", false).is_ok(),
                "{good}"
            );
        }
    }

    #[test]
    fn a_folder_digest_did_not_build_is_replaced_only_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("config.toml"), "").unwrap();
        let out = root.join("public");
        std::fs::create_dir_all(&out).unwrap();
        assert!(output_dir(root, Path::new("public"), "seeds", false).is_ok());
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let refused = output_dir(root, Path::new("public"), "seeds", false).unwrap_err();
        assert!(refused.to_string().contains("--force"), "{refused}");
        assert!(output_dir(root, Path::new("public"), "seeds", true).is_ok());
        std::fs::write(out.join(SITE_MARKER), "").unwrap();
        assert!(output_dir(root, Path::new("public"), "seeds", false).is_ok());
    }
}
