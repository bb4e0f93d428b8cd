//! Incremental rebuilds (what `serve` does after a content edit) must give the same site,
//! byte for byte, as a full build of the edited content, while rendering only the pages
//! the edit shows on.

mod common;

use std::path::{Path, PathBuf};

use common::tree;
use digest::build::{self, Options, Seeds, Session};
use digest::story::FileCleaning;

/// A project with many stories: the seeds and both labelled corpora as raw input.
fn project() -> tempfile::TempDir {
    let dir = common::project_copy();
    for corpus in ["eval", "segdev"] {
        for entry in std::fs::read_dir(common::fixtures().join(corpus)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                std::fs::copy(
                    &path,
                    dir.path().join("seeds").join(path.file_name().unwrap()),
                )
                .unwrap();
            }
        }
    }
    dir
}

fn options<'a>(root: &'a Path, output: &'a str, seeds: Seeds<'a>, track: bool) -> Options<'a> {
    Options {
        root,
        output: Path::new(output),
        base_url: None,
        edition: None,
        drafts: false,
        seeds,
        track,
        force: false,
    }
}

/// Rebuilds `root`'s site after the content pages `pages` were written.
fn update(
    session: &mut Session,
    root: &Path,
    report: &[FileCleaning],
    pages: &[&Path],
) -> anyhow::Result<digest::render::incremental::Updated> {
    let pages: Vec<PathBuf> = pages.iter().map(|p| p.to_path_buf()).collect();
    session.update(
        root,
        &root.join("content"),
        &pages,
        Some(report),
        &root.join("public"),
    )
}

/// Asserts the incremental site equals a full build of the same content.
fn assert_same_as_full_build(root: &Path, report: &[FileCleaning], what: &str) {
    build::run(options(
        root,
        "fresh",
        Seeds::Skip {
            report: Some(report),
        },
        false,
    ))
    .expect("full build");
    let incremental = tree(&root.join("public"));
    let full = tree(&root.join("fresh"));
    let missing: Vec<_> = full
        .keys()
        .filter(|p| !incremental.contains_key(*p))
        .collect();
    let extra: Vec<_> = incremental
        .keys()
        .filter(|p| !full.contains_key(*p))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}: missing {missing:?}, extra {extra:?}"
    );
    let differing: Vec<_> = full
        .iter()
        .filter(|(path, bytes)| incremental[*path] != **bytes)
        .map(|(path, _)| path)
        .collect();
    assert!(
        differing.is_empty(),
        "{what}: files differ from a full build: {differing:?}"
    );
}

/// The content page of the story whose article page is `url`.
fn page_of(session: &Session, root: &Path, index: usize) -> PathBuf {
    let article = &session.model.site.articles[index];
    root.join(&article.content_path)
}

fn edit(path: &Path, change: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    let changed = change(text.clone());
    assert_ne!(text, changed, "the edit must change {}", path.display());
    std::fs::write(path, changed).unwrap();
}

/// Splits a page into front matter (without fences) and body.
fn split(text: &str) -> (String, String) {
    let rest = text.strip_prefix("+++\n").unwrap();
    let end = rest.find("\n+++\n").unwrap();
    (rest[..end + 1].to_string(), rest[end + 5..].to_string())
}

fn join(front: &str, body: &str) -> String {
    format!("+++\n{front}+++\n{body}")
}

/// The title in front matter (a plain quoted string).
fn title_of(front: &str) -> String {
    front
        .lines()
        .find_map(|l| l.strip_prefix("title = "))
        .expect("a title")
        .trim_matches('"')
        .to_string()
}

/// Replaces the value of `key = ...` (a one-line value) in front matter.
fn set_key(front: &str, key: &str, value: &str) -> String {
    let prefix = format!("{key} = ");
    let mut found = false;
    let lines: Vec<String> = front
        .lines()
        .map(|line| {
            if !found && line.starts_with(&prefix) {
                found = true;
                format!("{prefix}{value}")
            } else {
                line.to_string()
            }
        })
        .collect();
    assert!(found, "no {key} in front matter");
    lines.join("\n") + "\n"
}

#[test]
fn incremental_rebuilds_match_a_full_build_and_render_only_what_changed() {
    let dir = project();
    let root = dir.path();
    let built = build::run(options(
        root,
        "public",
        Seeds::Ingest { strict: false },
        true,
    ))
    .expect("first build");
    let report = built.report.clone().expect("ingested");
    let mut session = built.session.expect("a tracked build keeps its session");
    let total_pages = tree(&root.join("public")).len();
    assert!(
        session.model.site.articles.len() > 60,
        "a corpus of many stories"
    );

    // A story with related stories, so a body edit reaches its neighbours' pages.
    let with_related = session
        .model
        .site
        .articles
        .iter()
        .position(|a| !a.related.is_empty() && a.cluster.is_some())
        .expect("a clustered story with related stories");

    // 0. A page saved again as it was: every page's fingerprint (a hash of what its
    // templates receive) is as before, so nothing renders.
    let page = page_of(&session, root, with_related);
    std::fs::write(&page, std::fs::read(&page).unwrap()).unwrap();
    let updated = update(&mut session, root, &report, &[&page]).expect("unchanged page");
    assert_eq!(
        (updated.rendered, updated.written),
        (0, 0),
        "an unchanged page renders nothing: {updated:?}"
    );

    // 1. Body: the lead paragraph said twice (same words, new counts and text).
    edit(&page, |text| {
        let (front, body) = split(&text);
        let lead = body.trim_start().split("\n\n").next().unwrap().to_string();
        join(&front, &format!("{body}\n{lead}\n"))
    });
    let updated = update(&mut session, root, &report, &[&page]).expect("body edit");
    assert!(
        updated.rendered * 5 < total_pages,
        "a body edit renders a few pages, not {} of {total_pages}",
        updated.rendered
    );
    assert!(
        updated.written >= 2,
        "the story's page and the search index change"
    );
    assert_same_as_full_build(root, &report, "body edit");

    // 2. Summary: shown in lists, feeds and search.
    edit(&page, |text| {
        let (front, body) = split(&text);
        join(
            &set_key(&front, "summary", "\"A summary rewritten by an editor.\""),
            &body,
        )
    });
    update(&mut session, root, &report, &[&page]).expect("summary edit");
    assert_same_as_full_build(root, &report, "summary edit");

    // 3. A quote added: quotes page, the speaker's page, the front page.
    let other = page_of(&session, root, 0);
    edit(&other, |text| {
        let (front, body) = split(&text);
        let front = format!(
            "{front}\n[[quotes]]\ntext = \"We will publish the full figures next week, whatever they show.\"\nspeaker = \"Keir Starmer\"\n"
        );
        join(&front, &body)
    });
    update(&mut session, root, &report, &[&other]).expect("quote edit");
    assert_same_as_full_build(root, &report, "quote edit");

    // 4. A retitled story (no new words, same place in every list): links to it change.
    edit(&page, |text| {
        let (front, body) = split(&text);
        let title = title_of(&front);
        join(
            &set_key(&front, "title", &format!("\"{title} (2)\"")),
            &body,
        )
    });
    update(&mut session, root, &report, &[&page]).expect("title edit");
    assert_same_as_full_build(root, &report, "title edit");

    // 5. Title words in another order and an older date: the story moves in every list.
    edit(&page, |text| {
        let (front, body) = split(&text);
        let title = title_of(&front);
        let reversed: Vec<&str> = title.split(' ').rev().collect();
        let front = set_key(&front, "title", &format!("\"{}\"", reversed.join(" ")));
        join(&set_key(&front, "date", "\"2019-01-02\""), &body)
    });
    update(&mut session, root, &report, &[&page]).expect("title and date edit");
    assert_same_as_full_build(root, &report, "title and date edit");

    // 6. Two pages in one batch, one of them now a draft: it leaves the site.
    edit(&other, |text| {
        let (front, body) = split(&text);
        join(&set_key(&front, "draft", "true"), &body)
    });
    edit(&page, |text| {
        text.replace("A summary rewritten", "A summary twice rewritten")
    });
    let updated = update(&mut session, root, &report, &[&other, &page]).expect("draft edit");
    assert!(updated.removed >= 1, "the draft's page is removed");
    assert_same_as_full_build(root, &report, "draft edit");

    // 7. A new hand-written page: a new story, its topic's lists, the search index.
    let new_page = root.join("content/defence/harbour-works.md");
    std::fs::write(
        &new_page,
        "+++\ntitle = \"Harbour works begin in Portsmouth\"\ndate = \"2025-06-05\"\ntopics = [\"defence\"]\n+++\n\nThe navy said harbour works in Portsmouth would take two years.\n",
    )
    .unwrap();
    update(&mut session, root, &report, &[&new_page]).expect("new page");
    assert!(root.join("public/articles/harbour-works.html").exists());
    assert_same_as_full_build(root, &report, "new page");

    // 8. A broken page changes nothing, and the session stays usable.
    let before = tree(&root.join("public"));
    edit(&page, |text| text.replacen("title = ", "title = = ", 1));
    let error =
        update(&mut session, root, &report, &[&page]).expect_err("a page that does not parse");
    assert!(format!("{error:#}").contains("content/"), "{error:#}");
    assert!(!session.is_stale());
    assert_eq!(tree(&root.join("public")), before, "nothing written");
}
