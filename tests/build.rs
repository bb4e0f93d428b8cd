//! End-to-end behaviour of `digest build` and `digest ingest` on the bundled seeds.

mod common;

use std::path::Path;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Expected {
    story: Vec<ExpectedStory>,
}

#[derive(Debug, Deserialize)]
struct ExpectedStory {
    file: String,
    lines: [usize; 2],
    topics: Vec<String>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    posts: Option<usize>,
    #[serde(default)]
    noise: Vec<usize>,
    /// A teaser the editor accepts as dropped (reported as noise) or kept as its own story.
    #[serde(default)]
    may_be_dropped: bool,
}

fn build(root: &Path) -> std::process::Output {
    let out = common::run(&["build", "--root", &root.display().to_string()], root);
    assert!(
        out.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn a_fresh_project_builds_index_topics_and_one_page_per_story() {
    let project = common::project_copy();
    build(project.path());
    let public = project.path().join("public");
    for page in [
        "index.html",
        "topics/defence.html",
        "topics/migration.html",
        "topics/online-safety.html",
        "404.html",
        "report.html",
        ".nojekyll",
    ] {
        assert!(public.join(page).is_file(), "{page} missing");
    }
    let stories = common::ingest_json(&[project.path().join("seeds")]);
    let article_pages = common::files_with_ext(&public.join("articles"), "html");
    assert_eq!(article_pages.len(), stories.len());
    for story in &stories {
        let slug = story["slug"].as_str().unwrap();
        assert!(
            public.join(format!("articles/{slug}.html")).is_file(),
            "no page for {slug}"
        );
        let topic = story["topics"][0].as_str().unwrap();
        assert!(project
            .path()
            .join(format!("content/{topic}/{slug}.md"))
            .is_file());
    }
}

#[test]
fn seeds_give_the_stories_an_editor_reads() {
    let expected: Expected =
        toml::from_str(&std::fs::read_to_string(common::fixtures().join("expected.toml")).unwrap())
            .unwrap();
    let project = common::project_copy();
    build(project.path());
    let stories = common::ingest_json(&[project.path().join("seeds")]);
    for want in &expected.story {
        let in_file: Vec<&serde_json::Value> = stories
            .iter()
            .filter(|s| s["file"].as_str().unwrap().ends_with(&want.file))
            .collect();
        let covering = in_file.iter().find(|s| {
            s["lines"][0].as_u64().unwrap() as usize <= want.lines[0]
                && s["lines"][1].as_u64().unwrap() as usize >= want.lines[1]
        });
        let Some(story) = covering else {
            // A one-line teaser may be dropped as noise instead: then its lines are reported
            // removed, in no story.
            let removed: Vec<u64> = in_file
                .iter()
                .flat_map(|s| s["removed"].as_array().unwrap())
                .map(|r| r["line"].as_u64().unwrap())
                .collect();
            assert!(
                want.may_be_dropped
                    && (want.lines[0]..=want.lines[1]).all(|l| removed.contains(&(l as u64))),
                "no story covers {} {:?}",
                want.file,
                want.lines
            );
            continue;
        };
        // The covering story must not swallow a neighbouring expected story.
        for other in expected
            .story
            .iter()
            .filter(|o| o.file == want.file && o.lines != want.lines)
        {
            let (a, b) = (
                story["lines"][0].as_u64().unwrap() as usize,
                story["lines"][1].as_u64().unwrap() as usize,
            );
            assert!(
                other.lines[1] < a || other.lines[0] > b,
                "{} {:?} merged with {:?}",
                want.file,
                want.lines,
                other.lines
            );
        }
        let name = format!("{} {:?}", want.file, want.lines);
        assert_eq!(
            story["topics"][0],
            want.topics[0].as_str(),
            "{name}: first topic"
        );
        if want.title.is_empty() {
            assert_eq!(
                story["title_generated"], true,
                "{name}: a headline the text lacks is marked generated"
            );
        } else {
            assert_eq!(story["title"], want.title.as_str(), "{name}: title");
            assert_eq!(story["title_generated"], false);
        }
        let field = |key: &str| story[key].as_str().unwrap_or("").to_string();
        assert_eq!(field("date"), want.date, "{name}: date");
        assert_eq!(field("source"), want.source, "{name}: source");
        if !want.place.is_empty() {
            assert_eq!(field("place"), want.place, "{name}: place");
        }
        let authors: Vec<&str> = story["authors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        if !want.authors.is_empty() {
            assert_eq!(authors, want.authors, "{name}: authors");
        }
        if let Some(kind) = &want.kind {
            assert_eq!(story["kind"], kind.as_str(), "{name}: kind");
        }
        if let Some(posts) = want.posts {
            assert_eq!(
                story["posts"].as_array().unwrap().len(),
                posts,
                "{name}: posts"
            );
        }
        // No furniture line's text reaches any article page.
        let raw = std::fs::read_to_string(project.path().join("seeds").join(&want.file)).unwrap();
        let lines: Vec<&str> = raw.lines().collect();
        for page in common::files_with_ext(&project.path().join("public/articles"), "html") {
            let html = std::fs::read_to_string(&page).unwrap();
            for &n in &want.noise {
                let noise = escape(lines[n - 1].trim());
                assert!(
                    !html.contains(&noise),
                    "{name}: line {n} ({noise}) appears in {}",
                    page.display()
                );
            }
        }
    }
}

/// HTML-escapes like the templates do, so text can be searched for in a page.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let project = common::project_copy();
    build(project.path());
    let public = project.path().join("public");
    let link = regex::Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap();
    let id = regex::Regex::new(r#"\bid="([^"]*)""#).unwrap();
    let pages = common::files_with_ext(&public, "html");
    assert!(pages.len() > 5);
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        for cap in link.captures_iter(&html) {
            let target = cap[1].replace("&amp;", "&");
            assert!(
                !target.starts_with('/'),
                "{}: root-absolute link {target} breaks under a sub-path or file://",
                page.display()
            );
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (path, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let file = if path.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(path)
            };
            assert!(
                file.is_file(),
                "{}: link {target} names no file",
                page.display()
            );
            assert!(
                path.is_empty() || path.ends_with(".html") || path.contains('.'),
                "{}: link {target} does not name a file",
                page.display()
            );
            if !anchor.is_empty() {
                let target_html = std::fs::read_to_string(&file).unwrap();
                let ids: Vec<String> = id
                    .captures_iter(&target_html)
                    .map(|c| c[1].to_string())
                    .collect();
                assert!(
                    ids.iter().any(|i| i == anchor),
                    "{}: anchor #{anchor} missing in {}",
                    page.display(),
                    file.display()
                );
            }
        }
    }
}

#[test]
fn ingest_json_prints_the_design_keys() {
    let stories = common::ingest_json(&[common::repo().join("seeds")]);
    // Seven stories in five files (a one-line teaser between two of them is dropped).
    assert!(stories.len() >= 7);
    let keys = [
        "file",
        "lines",
        "slug",
        "title",
        "title_generated",
        "date",
        "date_inferred",
        "source",
        "place",
        "authors",
        "topics",
        "topic_scores",
        "kind",
        "posts",
        "summary",
        "quotes",
        "figures",
        "people",
        "organisations",
        "removed",
    ];
    for story in &stories {
        for key in keys {
            assert!(story.get(key).is_some(), "story lacks `{key}`: {story}");
        }
        assert!(!story["summary"].as_str().unwrap().is_empty());
    }
    let live = stories
        .iter()
        .find(|s| s["kind"] == "live")
        .expect("a live page");
    let post = &live["posts"][0];
    assert_eq!(post["time"], "17:23");
    assert!(post["title"].as_str().unwrap().starts_with("That's a wrap"));
    let removed = &stories[0]["removed"][0];
    assert!(removed["line"].is_u64() && removed["text"].is_string() && removed["rule"].is_string());
}

/// Runs a build that must fail; returns stderr and checks that public/ did not change.
fn failing_build(project: &Path) -> String {
    failing_build_with(project, &[])
}

/// [`failing_build`] with more arguments.
fn failing_build_with(project: &Path, args: &[&str]) -> String {
    let before = common::tree(&project.join("public"));
    let root = project.display().to_string();
    let mut all = vec!["build", "--root", &root];
    all.extend(args);
    let out = common::run(&all, project);
    assert_eq!(out.status.code(), Some(1), "build should fail with exit 1");
    assert_eq!(
        before,
        common::tree(&project.join("public")),
        "public/ changed after a failed build"
    );
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// Checks that an error is one line.
fn one_line(stderr: &str) {
    assert_eq!(
        stderr.trim().lines().count(),
        1,
        "one-line error expected, got: {stderr}"
    );
}

#[test]
fn a_seed_that_is_not_text_is_skipped_with_a_warning_and_listed_in_the_report() {
    let project = common::project_copy();
    for (name, bytes) in [
        ("binary.txt", &b"\x7fELF\x02\x01\x00\x00binary"[..]),
        (
            "latin1.txt",
            &b"Caf\xe9 cr\xe8me br\xfbl\xe9e na\xefve\n"[..],
        ),
    ] {
        std::fs::write(project.path().join("seeds").join(name), bytes).unwrap();
    }
    let out = build(project.path());
    let err = String::from_utf8_lossy(&out.stderr);
    for name in ["seeds/binary.txt", "seeds/latin1.txt"] {
        assert_eq!(
            err.lines()
                .filter(|l| l.starts_with("warning:") && l.contains(name))
                .count(),
            1,
            "{err}"
        );
    }
    assert!(
        err.contains("7 stories"),
        "the other seeds are built: {err}"
    );
    let report = std::fs::read_to_string(project.path().join("public/report.html")).unwrap();
    assert!(
        report.contains("seeds/binary.txt") && report.contains("seeds/latin1.txt"),
        "{report}"
    );
    assert!(report.contains("Skipped"), "{report}");
}

#[test]
fn a_non_utf8_seed_is_a_one_line_error_with_strict_and_the_site_is_kept() {
    let project = common::project_copy();
    build(project.path());
    std::fs::write(
        project.path().join("seeds/bad.txt"),
        b"Line one\nCaf\xe9 au lait\n",
    )
    .unwrap();
    let err = failing_build_with(project.path(), &["--strict"]);
    one_line(&err);
    assert!(
        err.contains("seeds/bad.txt:2:") && err.contains("not valid UTF-8"),
        "{err}"
    );
}

#[test]
fn an_empty_seed_is_a_one_line_error_with_strict_and_the_site_is_kept() {
    let project = common::project_copy();
    build(project.path());
    std::fs::write(project.path().join("seeds/empty.txt"), "\n  \n").unwrap();
    let err = failing_build_with(project.path(), &["--strict"]);
    one_line(&err);
    assert!(
        err.contains("seeds/empty.txt") && err.contains("empty"),
        "{err}"
    );
}

#[test]
fn broken_front_matter_names_file_line_and_column_and_shows_the_line() {
    let project = common::project_copy();
    build(project.path());
    std::fs::create_dir_all(project.path().join("content/defence")).unwrap();
    std::fs::write(
        project.path().join("content/defence/hand.md"),
        "+++\ntitle = \"Hand written\"\ntopics = [\"defence\"\n+++\n\nBody.\n",
    )
    .unwrap();
    let err = failing_build(project.path());
    let file = project.path().join("content/defence/hand.md");
    // The ingest summary comes first; the error is the rest.
    assert_eq!(
        &err[err.find("error: ").expect("an error")..],
        format!(
            "error: {}:3:20: invalid front matter: unclosed array, expected `]`\n  |\n3 | topics = [\"defence\"\n  |                    ^\n",
            file.display()
        )
    );
}

#[test]
fn article_markup_is_shown_as_text_never_run() {
    let project = common::project_copy();
    std::fs::write(
        project.path().join("seeds/zz_hostile.txt"),
        "Ministers <script>alert('x')</script> defended the NATO defence budget on Monday.\n\
         The army said <img src=x onerror=alert(1)> its troops and [a link](javascript:alert(1)) were ready.\n\
         NATO allies agreed the defence spending plan for the armed forces.\n",
    )
    .unwrap();
    build(project.path());
    for page in common::files_with_ext(&project.path().join("public"), "html") {
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(!html.contains("<script>alert"), "{}", page.display());
        assert!(!html.contains("<img src=x"), "{}", page.display());
        assert!(!html.contains("href=\"javascript:"), "{}", page.display());
    }
    let pages = common::files_with_ext(&project.path().join("public/articles"), "html");
    let hostile = pages
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .find(|h| h.contains("Ministers"))
        .expect("the story is rendered");
    assert!(
        hostile.contains("&lt;script&gt;alert"),
        "the markup is shown as text"
    );
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let project = common::project_copy();
    build(project.path());
    let first = common::tree(&project.path().join("public"));
    build(project.path());
    assert_eq!(first, common::tree(&project.path().join("public")));
}

#[test]
fn a_hand_edited_page_survives_reingest() {
    let project = common::project_copy();
    build(project.path());
    let page = common::files_with_ext(&project.path().join("content/defence"), "md").remove(0);
    let text = std::fs::read_to_string(&page).unwrap();
    let (front, body) = text.split_once("\n+++\n").unwrap();
    let edited = format!("{front}\n+++\n\nAn editor's note added by hand.\n{body}");
    std::fs::write(&page, &edited).unwrap();
    let out = build(project.path());
    assert_eq!(std::fs::read_to_string(&page).unwrap(), edited);
    assert!(String::from_utf8_lossy(&out.stderr).contains("edited by hand"));
    // The site shows the page as edited, not the story the ingest made again.
    let shown = common::files_with_ext(&project.path().join("public/articles"), "html")
        .into_iter()
        .filter(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .contains("An editor's note added by hand.")
        })
        .count();
    assert_eq!(shown, 1);
}

#[test]
fn the_pages_workflow_checks_the_site_before_deploying_it_with_current_actions() {
    let workflow = std::fs::read_to_string(common::repo().join(".github/workflows/pages.yml"))
        .expect("the Pages workflow");
    for action in [
        "actions/checkout@v6",
        "Swatinem/rust-cache@v2",
        "actions/configure-pages@v6",
        "actions/upload-pages-artifact@v5",
        "actions/deploy-pages@v5",
    ] {
        assert!(workflow.contains(action), "{action}");
    }
    let check = workflow.find("digest check").expect("digest check runs");
    assert!(check < workflow.find("upload-pages-artifact").unwrap());
    assert!(workflow.contains("cargo build --profile release-lto"));
    assert!(workflow.contains("./target/release-lto/digest build"));
}

#[test]
fn the_crate_declares_its_rust_version_and_ships_no_debuginfo_or_yaml_loader() {
    let manifest: toml::Table = std::fs::read_to_string(common::repo().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert!(manifest["package"].get("rust-version").is_some());
    assert_eq!(
        manifest["profile"]["release"].get("debug"),
        Some(&toml::Value::Boolean(false))
    );
    let lock = std::fs::read_to_string(common::repo().join("Cargo.lock")).unwrap();
    assert!(
        !lock.contains("name = \"yaml-rust\""),
        "syntect's YAML loader"
    );
    let dependencies = manifest["dependencies"].as_table().unwrap();
    assert!(
        !dependencies.contains_key("libc"),
        "renameat2 goes through rustix"
    );
}

#[test]
fn a_sidecar_names_the_outlet_and_date_and_wins_over_the_text() {
    let project = common::project_copy();
    let seeds = project.path().join("seeds");
    // By its address's domain (config.toml's [ingest.outlets]), with a date.
    std::fs::write(
        seeds.join("003_529e3f3e4383d2b0.meta.toml"),
        "url = \"https://www.theguardian.com/politics/2025/jun/05/story\"\ndate = \"2025-06-06\"\n",
    )
    .unwrap();
    // By name, over the agency the dateline names.
    std::fs::write(
        seeds.join("002_110bc2125d0c05ec.meta.toml"),
        "outlet = \"Example Wire\"\n",
    )
    .unwrap();
    let stories = common::ingest_json(std::slice::from_ref(&seeds));
    let of = |file: &str| {
        stories
            .iter()
            .find(|s| s["file"].as_str().unwrap().ends_with(file))
            .unwrap()
            .clone()
    };
    let guardian = of("003_529e3f3e4383d2b0.txt");
    assert_eq!(guardian["source"], "The Guardian");
    assert_eq!(guardian["date"], "2025-06-06");
    assert_eq!(of("002_110bc2125d0c05ec.txt")["source"], "Example Wire");
    // A sidecar that is no TOML is an error naming it.
    std::fs::write(seeds.join("004_efad4563b0006c02.meta.toml"), "url = [\n").unwrap();
    let out = common::run(
        &[
            "ingest",
            "--json",
            "--strict",
            "--root",
            &project.path().display().to_string(),
        ],
        project.path(),
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("004_efad4563b0006c02.meta.toml"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
