//! Helpers shared by the integration tests: run the real `digest` binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test: this crate's, or the one `DIGEST_BIN` names (to run the same
/// tests against another build, such as an earlier commit's).
pub fn digest() -> Command {
    match std::env::var_os("DIGEST_BIN").filter(|b| !b.is_empty()) {
        Some(bin) => Command::new(bin),
        None => Command::new(env!("CARGO_BIN_EXE_digest")),
    }
}

/// The repository root (where the bundled seeds and config live).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    repo().join("tests/fixtures")
}

/// Runs `digest` with `args` and returns its output.
pub fn run(args: &[&str], cwd: &Path) -> Output {
    digest()
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("digest runs")
}

/// `digest build --root ROOT` in ROOT, which must succeed; its output.
pub fn build_ok(root: &Path) -> Output {
    let out = run(&["build", "--root", &root.display().to_string()], root);
    assert!(
        out.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// `digest ingest --json` over `paths` with the repository's config; the parsed stories.
pub fn ingest_json(paths: &[PathBuf]) -> Vec<serde_json::Value> {
    let mut args = vec![
        "ingest".to_string(),
        "--json".to_string(),
        "--root".to_string(),
        repo().display().to_string(),
    ];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let output = digest().args(&args).output().expect("digest runs");
    assert!(
        output.status.success(),
        "ingest failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("ingest --json prints JSON")
}

/// A fresh copy of the repository's project files (config, seeds, templates, theme) in a
/// temporary folder, so a test can build without touching the checkout.
pub fn project_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for sub in ["seeds", "templates", "theme"] {
        copy_dir(&repo().join(sub), &dir.path().join(sub));
    }
    std::fs::copy(repo().join("config.toml"), dir.path().join("config.toml")).expect("copy config");
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Every file under `dir` with the given extension, sorted.
pub fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Every file under `dir` with its bytes, by path relative to `dir`: for before/after and
/// build-against-build comparisons.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}
