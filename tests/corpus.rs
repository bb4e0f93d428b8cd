//! Ingest, facts and clusters judged on real pages: the labelled corpus in ../shared/corpus
//! (not part of this repository) scored by eval/corpus.py, eval/facts.py and eval/events.py,
//! which fail below the figures CI requires. Without the corpus beside the checkout the tests
//! say so and pass; CI has it.

mod common;

use std::process::Command;

/// The corpus folder, or `None` (said on stderr) when it is not beside the checkout.
fn corpus(needs: &str, script: &str) -> Option<std::path::PathBuf> {
    let corpus = common::repo().join("../shared/corpus");
    if corpus.join(needs).exists() {
        return Some(corpus);
    }
    eprintln!(
        "skipped: no {needs} in {} (CI has it; see {script})",
        corpus.display()
    );
    None
}

/// Runs one of the evaluation scripts with `--require` and fails with its report.
fn require(script: &str, args: &[&str], corpus: &std::path::Path) {
    let out = Command::new("python3")
        .arg(common::repo().join(script))
        .args(["--bin", env!("CARGO_BIN_EXE_digest"), "--require"])
        .args(args)
        .arg("--corpus")
        .arg(corpus)
        .output()
        .unwrap_or_else(|e| panic!("python3 cannot run {script}: {e}"));
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}");
    assert!(
        out.status.success(),
        "{}\n{}",
        report.lines().last().unwrap_or(""),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn real_pages_read_as_well_as_ci_requires() {
    if let Some(corpus) = corpus("index.tsv", "eval/corpus.py") {
        require("eval/corpus.py", &["--worst", "0"], &corpus);
    }
}

#[test]
fn facts_are_read_as_well_as_ci_requires() {
    if let Some(corpus) = corpus("facts-quotes.tsv", "eval/facts.py") {
        require("eval/facts.py", &["--show", "0"], &corpus);
    }
}

#[test]
fn reports_of_one_event_cluster_as_well_as_ci_requires() {
    if let Some(corpus) = corpus("events/key.tsv", "eval/events.py") {
        require("eval/events.py", &[], &corpus);
    }
}
