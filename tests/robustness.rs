//! Whatever a scraper produced, ingest never panics, never loses an editor's work, and says
//! clearly what it did with odd input (one test per kind of bad input).

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

fn ingest(paths: &[&Path]) -> Output {
    let mut args = vec![
        "ingest".to_string(),
        "--json".to_string(),
        "--root".to_string(),
        common::repo().display().to_string(),
    ];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    common::digest().args(&args).output().expect("digest runs")
}

fn stories(out: &Output) -> Vec<serde_json::Value> {
    assert!(
        out.status.success(),
        "ingest failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

const ARTICLE: &str =
    "NATO allies agreed to raise defence spending on Monday as the war in Ukraine continued.\n\
The defence secretary said the armed forces needed more missiles and ammunition.\n\
Military chiefs welcomed the rise, saying troops had waited years for new equipment.\n";

#[test]
fn a_stray_invalid_byte_is_replaced_with_a_warning_naming_its_offset() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("stray.txt");
    let mut bytes = ARTICLE.repeat(20).into_bytes();
    bytes.splice(100..100, [0xe9]);
    std::fs::write(&file, &bytes).unwrap();
    let out = ingest(&[&file]);
    let got = stories(&out);
    assert_eq!(got.len(), 1);
    let err = stderr(&out);
    assert!(
        err.contains("stray.txt:2:") && err.contains("byte offset 100") && err.contains("replaced"),
        "{err}"
    );
}

/// Ingests one file with the given bytes, which `--strict` must refuse (exit 1) with
/// `message`; without it, the file is skipped with that message as a warning.
fn assert_refused(name: &str, bytes: &[u8], message: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    let mut args = vec![
        "ingest".to_string(),
        "--json".to_string(),
        "--strict".to_string(),
        "--root".to_string(),
        common::repo().display().to_string(),
    ];
    args.push(file.display().to_string());
    let out = common::digest().args(&args).output().expect("digest runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(message), "{}", stderr(&out));
    let skipped = ingest(&[&file]);
    assert!(stories(&skipped).is_empty());
    let warning = stderr(&skipped);
    assert!(
        warning.contains(message) && warning.contains("skipped"),
        "{warning}"
    );
}

#[test]
fn a_file_in_another_encoding_is_skipped_or_refused_naming_file_and_line() {
    assert_refused(
        "latin1.txt",
        b"Caf\xe9 cr\xe8me br\xfbl\xe9e na\xefve\n",
        "latin1.txt:1: not valid UTF-8 (byte offset 3)",
    );
}

#[test]
fn bom_crlf_and_lone_cr_line_ends_are_read_as_lines() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("windows.txt");
    let text = format!(
        "\u{feff}Army recruitment falls again\r\n{}\rThe review was published on Monday.\r\n",
        ARTICLE.replace('\n', "\r\n")
    );
    std::fs::write(&file, text).unwrap();
    let got = stories(&ingest(&[&file]));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["title"], "Army recruitment falls again");
    assert_eq!(
        got[0]["lines"][1], 6,
        "a lone CR ends a line: the blank line 5 sits between"
    );
    assert!(!serde_json::to_string(&got).unwrap().contains("\\r"));
}

#[test]
fn an_empty_file_is_skipped_or_refused_naming_it() {
    assert_refused("empty.txt", b"", "empty.txt: the file is empty");
}

#[test]
fn a_binary_file_is_skipped_or_refused_naming_it() {
    assert_refused(
        "image.txt",
        &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3],
        "image.txt:1: a binary file, not article text",
    );
}

#[test]
fn a_single_megabyte_line_is_one_story() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("oneline.txt");
    let line: String = ARTICLE
        .replace('\n', " ")
        .repeat(1_000_000 / ARTICLE.len() + 1);
    std::fs::write(&file, &line[..1_000_000]).unwrap();
    let got = stories(&ingest(&[&file]));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["lines"], serde_json::json!([1, 1]));
}

#[test]
#[ignore = "50 MB of input: run by .ci/run with --include-ignored"]
fn a_fifty_megabyte_file_is_ingested() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.txt");
    std::fs::write(&file, ARTICLE.repeat(50_000_000 / ARTICLE.len())).unwrap();
    let out = common::digest()
        .args([
            "ingest",
            "--json",
            "--root",
            &common::repo().display().to_string(),
            &file.display().to_string(),
        ])
        .stdout(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_file_of_only_furniture_gives_a_warning_and_no_story() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("furniture.txt");
    std::fs::write(&file, "Please use Chrome browser for a more accessible video player\n1:03\nAdvertisement\nShare this article\n").unwrap();
    let out = ingest(&[&file]);
    assert!(stories(&out).is_empty());
    assert!(
        stderr(&out).contains("furniture.txt: no article text left after removing page furniture"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn ten_thousand_files_in_nested_folders_are_all_read() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..10_000 {
        let folder = dir.path().join(format!("{}/{}", i % 10, i % 7));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join(format!("{i:05}.txt")),
            format!("Story number {i} about the harbour\n{ARTICLE}"),
        )
        .unwrap();
    }
    let got = stories(&ingest(&[dir.path()]));
    assert_eq!(got.len(), 10_000);
    let slugs: std::collections::HashSet<&str> =
        got.iter().map(|s| s["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs.len(), 10_000, "every story has its own slug");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    std::fs::create_dir_all(seeds.join("a")).unwrap();
    std::fs::write(seeds.join("a/story.txt"), ARTICLE).unwrap();
    std::os::unix::fs::symlink("..", seeds.join("a/loop")).unwrap();
    std::os::unix::fs::symlink("story.txt", seeds.join("a/link.txt")).unwrap();
    let out = ingest(&[&seeds]);
    assert_eq!(stories(&out).len(), 1);
    assert!(
        stderr(&out).contains("link.txt: a symbolic link; skipped"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    // A dangling path given by name cannot be read, whoever runs the test (root reads mode 000).
    let missing = seeds.join("gone.txt");
    let out = ingest(&[&missing]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("gone.txt: no such file or folder"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn file_names_with_spaces_and_non_ascii_work() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("Zürich report — day 1.txt");
    std::fs::write(&file, ARTICLE).unwrap();
    let got = stories(&ingest(&[&file]));
    assert!(got[0]["file"]
        .as_str()
        .unwrap()
        .ends_with("Zürich report — day 1.txt"));
    let slug = got[0]["slug"].as_str().unwrap();
    assert!(
        slug.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
        "{slug}"
    );
}

#[test]
fn two_stories_with_one_title_get_distinct_stable_slugs() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.txt", "b.txt"] {
        std::fs::write(
            dir.path().join(name),
            format!("Defence budget rises again\n{ARTICLE}"),
        )
        .unwrap();
    }
    let first: Vec<String> = stories(&ingest(&[dir.path()]))
        .iter()
        .map(|s| s["slug"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        first,
        vec!["defence-budget-rises-again", "defence-budget-rises-again-2"]
    );
    let again: Vec<String> = stories(&ingest(&[dir.path()]))
        .iter()
        .map(|s| s["slug"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(first, again);
}

#[test]
fn a_title_of_path_parts_or_markup_is_a_safe_slug_and_escaped_text() {
    let project = common::project_copy();
    std::fs::write(
        project.path().join("seeds/zz.txt"),
        format!("../../etc/passwd <b>bold</b>\n{ARTICLE}"),
    )
    .unwrap();
    common::build_ok(project.path());
    let page = project
        .path()
        .join("public/articles/etc-passwd-b-bold-b.html");
    let html = std::fs::read_to_string(&page).expect("the page sits inside articles/");
    assert!(
        html.contains("<h1>../../etc/passwd &lt;b&gt;bold&lt;/b&gt;</h1>"),
        "title shown as text"
    );
    assert!(!project.path().join("etc").exists());
}

/// Every file of the built site under `project`, by path.
fn site_files(project: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    for ext in ["html", "xml", "js", "css", "txt", "webmanifest"] {
        for f in common::files_with_ext(&project.join("public"), ext) {
            files.insert(
                f.strip_prefix(project).unwrap().to_path_buf(),
                std::fs::read(&f).unwrap(),
            );
        }
    }
    files
}

#[test]
fn builds_with_one_and_two_threads_are_byte_identical() {
    let project = common::project_copy();
    let build = |threads: &str| {
        let out = common::digest()
            .args(["build", "--root", &project.path().display().to_string()])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        site_files(project.path())
    };
    let one = build("1");
    let two = build("2");
    assert!(one.len() > 20);
    assert_same_sites(&one, &two);
}

/// A build takes the pages its ingest wrote as they are, without reading them back: the site
/// must be the one those pages give when read from disk.
#[test]
fn a_build_from_seeds_equals_a_build_from_the_pages_it_wrote() {
    let project = common::project_copy();
    common::copy_dir(
        &common::fixtures().join("eval"),
        &project.path().join("seeds/eval"),
    );
    let build = |args: &[&str]| {
        let out = common::run(args, project.path());
        assert!(out.status.success(), "{}", stderr(&out));
        site_files(project.path())
    };
    let mut from_seeds = build(&["build", "-q"]);
    let mut from_content = build(&["build", "-q", "--no-ingest"]);
    // Only a build that ingests has a cleaning report; the service worker's cache version
    // covers every file, the report included.
    for site in [&mut from_seeds, &mut from_content] {
        site.retain(|path, _| !path.ends_with("report.html") && !path.ends_with("sw.js"));
    }
    assert!(from_seeds.len() > 40);
    assert_same_sites(&from_seeds, &from_content);
}

/// Asserts two sites are byte-identical, naming the files that are not.
fn assert_same_sites(
    one: &std::collections::BTreeMap<PathBuf, Vec<u8>>,
    two: &std::collections::BTreeMap<PathBuf, Vec<u8>>,
) {
    let differing: Vec<&PathBuf> = one
        .keys()
        .chain(two.keys())
        .filter(|path| one.get(*path) != two.get(*path))
        .collect();
    assert!(differing.is_empty(), "the sites differ in {differing:?}");
}

#[test]
fn a_reader_that_stops_early_is_not_a_crash() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    for i in 0..200 {
        std::fs::write(
            dir.path().join(format!("{i:03}.txt")),
            format!("Story {i} on the harbour\n{ARTICLE}"),
        )
        .unwrap();
    }
    let mut child = common::digest()
        .args([
            "ingest",
            "--json",
            "--root",
            &common::repo().display().to_string(),
            &dir.path().display().to_string(),
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap(); // then the pipe closes, like `| head`
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
}

/// Builds the project with one hand-written page holding raw HTML; returns its page's HTML.
fn build_with_raw_html(allow_html: bool) -> String {
    let project = common::project_copy();
    let config = std::fs::read_to_string(project.path().join("config.toml")).unwrap();
    std::fs::write(
        project.path().join("config.toml"),
        config.replace("allow_html = false", &format!("allow_html = {allow_html}")),
    )
    .unwrap();
    std::fs::create_dir_all(project.path().join("content/other")).unwrap();
    std::fs::write(
        project.path().join("content/other/raw.md"),
        "+++\ntitle = \"Raw HTML page\"\ntopics = [\"other\"]\n+++\n\n\
         Plain <b>bold</b> words.\n\n<script>alert('x')</script>\n\n\
         <img src=\"https://tracker.example/pixel.png\" onerror=\"alert(1)\">\n\n\
         <a href=\"javascript:alert(1)\">click</a>\n",
    )
    .unwrap();
    common::build_ok(project.path());
    std::fs::read_to_string(project.path().join("public/articles/raw.html")).unwrap()
}

#[test]
fn raw_html_in_a_hand_written_page_is_text_by_default() {
    let html = build_with_raw_html(false);
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"), "shown as text");
    assert!(!html.contains("<script>alert") && !html.contains("<img"));
}

#[test]
fn raw_html_when_allowed_is_sanitised() {
    let html = build_with_raw_html(true);
    assert!(html.contains("<b>bold</b>"), "harmless markup kept");
    assert!(!html.contains("<script>alert"), "scripts removed");
    assert!(!html.contains("onerror"), "event handlers removed");
    assert!(!html.contains("javascript:"), "script URLs removed");
    assert!(
        !html.contains("tracker.example"),
        "no resource from another host"
    );
}

/// Every file under `public/` with its bytes.
fn site_snapshot(public: &Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut all = std::collections::BTreeMap::new();
    for ext in ["html", "xml", "js", "css", "txt", "webmanifest", "svg"] {
        for f in common::files_with_ext(public, ext) {
            all.insert(
                f.strip_prefix(public).unwrap().to_path_buf(),
                std::fs::read(&f).unwrap(),
            );
        }
    }
    all
}

#[test]
fn a_template_broken_after_ingest_leaves_the_site_byte_identical() {
    let project = common::project_copy();
    let root = project.path().display().to_string();
    common::build_ok(project.path());
    let before = site_snapshot(&project.path().join("public"));
    // A new story is ingested, then rendering fails on the article template.
    std::fs::write(
        project.path().join("seeds/zz.txt"),
        format!("Navy orders new frigates\n{ARTICLE}"),
    )
    .unwrap();
    std::fs::write(
        project.path().join("templates/article.html"),
        "{% extends \"base.html\" %}{% block main %}{{ article.no_such_field.deeper }}{% endblock %}",
    )
    .unwrap();
    let out = common::run(&["build", "--root", &root], project.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("templates/article.html"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        before,
        site_snapshot(&project.path().join("public")),
        "public/ unchanged"
    );
}

#[cfg(unix)]
#[test]
fn an_interrupted_build_leaves_the_previous_site_or_the_new_one_never_a_mix() {
    let project = common::project_copy();
    let root = project.path().display().to_string();
    common::build_ok(project.path());
    let before = site_snapshot(&project.path().join("public"));
    let articles = |site: &std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>| {
        site.keys().filter(|p| p.starts_with("articles")).count()
    };
    // The whole new site has the seeds' stories and one story a bulk file.
    let whole = articles(&before) + 2000;
    for i in 0..2000 {
        std::fs::write(
            project.path().join(format!("seeds/bulk{i:04}.txt")),
            format!("Harbour works number {i} begin\n{ARTICLE}"),
        )
        .unwrap();
    }
    for delay_ms in [50, 300, 900] {
        let mut child = common::digest()
            .args(["-q", "build", "--root", &root])
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = std::process::Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let _ = child.wait();
        let after = site_snapshot(&project.path().join("public"));
        let complete = articles(&after) >= whole;
        assert!(
            after == before || complete,
            "after SIGINT at {delay_ms} ms public/ is neither the old site nor a whole new one"
        );
    }
}
