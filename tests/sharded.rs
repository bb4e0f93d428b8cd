//! Ingest as a map step: the seeds ingested in three parts (`ingest --jsonl`), reduced into
//! one project (`build --from-jsonl`, `ingest --from-jsonl`), give the same content/ and
//! site, byte for byte, as one `digest build` of them all.

mod common;

use std::path::{Path, PathBuf};

use common::{copy_dir, digest, files_with_ext, fixtures, repo, tree};

/// A project of the bundled seeds, the labelled fixtures and a file that is not text (the
/// build report lists it as skipped), built the usual way into `public/`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["templates", "theme"] {
        copy_dir(&repo().join(sub), &dir.path().join(sub));
    }
    std::fs::copy(repo().join("config.toml"), dir.path().join("config.toml")).unwrap();
    let seeds = dir.path().join("seeds");
    copy_dir(&repo().join("seeds"), &seeds);
    for labelled in ["eval", "segdev"] {
        for file in files_with_ext(&fixtures().join(labelled), "txt") {
            std::fs::copy(&file, seeds.join(file.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(
        seeds.join("zz-scan.txt"),
        b"\x00\x01PK\x03\x04 not text\xff\xfe",
    )
    .unwrap();
    dir
}

fn run_ok(args: &[&str], root: &Path) -> Vec<u8> {
    let out = digest()
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "digest {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Ingests the seeds of `root` in `parts` parts, every third file in each (so no part is a
/// run of neighbours), into `dir/part-N.jsonl`; the paths, last part first.
fn map_step(root: &Path, parts: usize, dir: &Path) -> Vec<PathBuf> {
    let mut seeds = files_with_ext(&root.join("seeds"), "txt");
    seeds.sort();
    let mut outputs = Vec::new();
    for part in (0..parts).rev() {
        let mut args = vec![
            "-q".to_string(),
            "ingest".to_string(),
            "--jsonl".to_string(),
        ];
        args.extend(
            (seeds.iter().skip(part).step_by(parts)).map(|p| p.to_string_lossy().into_owned()),
        );
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let lines = run_ok(&args, root);
        let path = dir.join(format!("part-{part}.jsonl"));
        std::fs::write(&path, lines).unwrap();
        outputs.push(path);
    }
    outputs
}

#[test]
fn three_parts_reduced_give_the_site_one_build_gives() {
    let whole = project();
    run_ok(&["-q", "build"], whole.path());

    let sharded = project();
    let parts_dir = tempfile::tempdir().unwrap();
    let parts = map_step(sharded.path(), 3, parts_dir.path());
    let stories: usize = parts
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap().lines().count())
        .sum();
    assert!(stories > 60, "{stories} lines");
    // The map step wrote nothing into the project.
    assert!(!sharded.path().join("content").exists());
    assert!(!sharded.path().join("public").exists());

    let mut args = vec!["-q", "build", "--from-jsonl"];
    args.extend(parts.iter().map(|p| p.to_str().unwrap()));
    run_ok(&args, sharded.path());
    for sub in ["content", "public"] {
        let (a, b) = (
            tree(&whole.path().join(sub)),
            tree(&sharded.path().join(sub)),
        );
        assert_eq!(
            a.keys().collect::<Vec<_>>(),
            b.keys().collect::<Vec<_>>(),
            "{sub}/ holds other files"
        );
        for (path, bytes) in &a {
            assert!(bytes == &b[path], "{sub}/{} differs", path.display());
        }
    }
    let report = std::fs::read_to_string(sharded.path().join("public/report.html")).unwrap();
    assert!(
        report.contains("zz-scan.txt"),
        "the skipped file is reported"
    );

    // `ingest --from-jsonl` is the same reduce step writing content/ alone.
    let reduced = project();
    let mut args = vec!["-q", "ingest", "--from-jsonl"];
    args.extend(parts.iter().rev().map(|p| p.to_str().unwrap()));
    run_ok(&args, reduced.path());
    assert!(tree(&reduced.path().join("content")) == tree(&whole.path().join("content")));
}

#[test]
fn a_file_in_two_parts_is_refused_and_nothing_is_written() {
    let root = project();
    let parts_dir = tempfile::tempdir().unwrap();
    let seed = files_with_ext(&root.path().join("seeds"), "txt")
        .into_iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("00"))
        .unwrap();
    let lines = run_ok(
        &["-q", "ingest", "--jsonl", seed.to_str().unwrap()],
        root.path(),
    );
    let (a, b) = (
        parts_dir.path().join("a.jsonl"),
        parts_dir.path().join("b.jsonl"),
    );
    std::fs::write(&a, &lines).unwrap();
    std::fs::write(&b, &lines).unwrap();
    let out = digest()
        .args(["ingest", "--from-jsonl"])
        .args([&a, &b])
        .arg("--root")
        .arg(root.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is in two parts"), "{stderr}");
    assert!(
        stderr.contains("a.jsonl") && stderr.contains("b.jsonl"),
        "{stderr}"
    );
    assert!(!root.path().join("content").exists());

    // A damaged line is named by file and line.
    std::fs::write(&b, [&lines[..], b"{\"title\": \"x\"\n"].concat()).unwrap();
    let out = digest()
        .args(["ingest", "--from-jsonl"])
        .arg(&b)
        .arg("--root")
        .arg(root.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let damaged = lines.iter().filter(|&&c| c == b'\n').count() + 1;
    assert!(
        stderr.contains(&format!("b.jsonl:{damaged}: not a story record")),
        "{stderr}"
    );
}
