//! A user's work is never lost and a broken site is never reported as a success: where a
//! build may write, hand edits against every way a story can change, the project lock,
//! pages written whole, well-formed XML from any text, and recovery from what a stopped
//! build left.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

fn run(project: &Path, args: &[&str]) -> Output {
    let root = project.display().to_string();
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--root", &root]);
    common::run(&all, project)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "failed: {}", stderr(out));
    stderr(out)
}

fn failed(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected exit 1: {}",
        stderr(out)
    );
    stderr(out)
}

const BODY: &str = "The defence secretary said the armed forces needed more missiles and ammunition after NATO allies agreed to raise spending.\n\n\
Military chiefs welcomed the rise, saying troops had waited years for new equipment and training ranges.\n";

/// A seed: a headline, then a lead that makes it its own story.
fn seed(headline: &str, lead: &str) -> String {
    format!("{headline}\n\nLONDON (Reuters) - {lead}\n\n{BODY}")
}

/// A project with two stories of its own, in seeds a.txt and b.txt.
fn small_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        common::repo().join("config.toml"),
        dir.path().join("config.toml"),
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
    write_seed(
        dir.path(),
        "a.txt",
        "Army orders new drones for the front",
        "The Ministry of Defence ordered 500 drones on Monday.",
    );
    write_seed(
        dir.path(),
        "b.txt",
        "Navy frigates delayed by two years",
        "The Royal Navy's new frigates will arrive two years late, officials said on Tuesday.",
    );
    dir
}

fn write_seed(root: &Path, name: &str, headline: &str, lead: &str) {
    std::fs::write(root.join("seeds").join(name), seed(headline, lead)).unwrap();
}

/// Every content page: path under content/ -> text.
fn pages(root: &Path) -> BTreeMap<String, String> {
    if !root.join("content").exists() {
        return BTreeMap::new();
    }
    common::files_with_ext(&root.join("content"), "md")
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.strip_prefix(root.join("content")).unwrap();
            (name.to_string_lossy().replace('\\', "/"), text)
        })
        .collect()
}

/// The page whose title starts with `title`: its path.
fn page_titled(root: &Path, title: &str) -> PathBuf {
    let (path, _) = pages(root)
        .into_iter()
        .find(|(_, text)| text.contains(&format!("title = \"{title}")))
        .unwrap_or_else(|| panic!("no page titled {title}: {:?}", pages(root).keys()));
    root.join("content").join(path)
}

/// Adds a paragraph to a page, as a person editing it would.
fn edit(page: &Path, paragraph: &str) {
    let text = std::fs::read_to_string(page).unwrap();
    std::fs::write(page, format!("{text}\n{paragraph}\n")).unwrap();
}

const EDIT: &str = "A paragraph an editor wrote by hand.";

#[test]
fn an_output_that_is_the_project_holds_it_or_is_an_input_is_refused_before_anything() {
    let project = small_project();
    let root = project.path();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(root.join("templates/.keep"), "").unwrap();
    let absolute = root.display().to_string();
    for output in [
        ".",
        "..",
        "/",
        absolute.as_str(),
        "seeds",
        "content",
        "templates",
        "config.toml",
        "seeds/site",
    ] {
        let err = failed(&run(root, &["build", "--output", output]));
        assert!(err.contains("--output"), "{output}: {err}");
        assert!(root.join("config.toml").is_file(), "{output}");
        assert!(root.join("seeds/a.txt").is_file(), "{output}");
        assert!(root.join("templates/.keep").is_file(), "{output}");
        // Refused before ingest wrote anything.
        assert!(!root.join("content").exists(), "{output}: {err}");
    }
}

#[test]
fn a_folder_digest_did_not_build_is_replaced_only_with_force() {
    let project = small_project();
    let root = project.path();
    std::fs::create_dir_all(root.join("public")).unwrap();
    std::fs::write(root.join("public/notes.txt"), "mine").unwrap();
    let err = failed(&run(root, &["build"]));
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        std::fs::read_to_string(root.join("public/notes.txt")).unwrap(),
        "mine"
    );
    ok(&run(root, &["build", "--force"]));
    assert!(root.join("public/index.html").is_file());
    // The site it built carries the marker: later builds replace it without --force.
    ok(&run(root, &["build"]));
}

#[test]
fn a_missing_root_or_one_without_config_is_an_error_that_names_init() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let out = common::run(
        &["build", "--root", &missing.display().to_string()],
        dir.path(),
    );
    assert!(failed(&out).contains("digest init"));
    assert!(!missing.exists(), "the root was created");

    let bare = dir.path().join("bare");
    std::fs::create_dir_all(bare.join("public")).unwrap();
    std::fs::write(bare.join("public/keep.html"), "mine").unwrap();
    for command in ["build", "ingest", "check"] {
        let err = failed(&run(&bare, &[command]));
        assert!(
            err.contains("config.toml") && err.contains("digest init"),
            "{command}: {err}"
        );
    }
    assert!(bare.join("public/keep.html").is_file());
}

#[test]
fn a_new_story_with_an_edited_storys_headline_gets_its_own_slug() {
    let project = small_project();
    let root = project.path();
    ok(&run(root, &["build"]));
    let edited = page_titled(root, "Army orders new drones");
    edit(&edited, EDIT);
    // "0.txt" sorts before "a.txt", so its story is ingested first.
    write_seed(
        root,
        "0.txt",
        "Army orders new drones for the front",
        "A second report: the army will test the drones in Estonia from March.",
    );
    let err = ok(&run(root, &["build"]));
    assert!(err.contains("1 hand-edited kept"), "{err}");
    assert!(std::fs::read_to_string(&edited).unwrap().contains(EDIT));
    let slug = edited.file_stem().unwrap().to_string_lossy().into_owned();
    let article =
        std::fs::read_to_string(root.join(format!("public/articles/{slug}.html"))).unwrap();
    assert!(article.contains(EDIT), "the edited story keeps its address");
    assert!(root
        .join(format!("public/articles/{slug}-2.html"))
        .is_file());
}

#[test]
fn renaming_a_seed_or_ingesting_a_file_with_its_headline_keeps_the_edit() {
    let project = small_project();
    let root = project.path();
    ok(&run(root, &["build"]));
    let edited = page_titled(root, "Navy frigates delayed");
    edit(&edited, EDIT);
    std::fs::rename(root.join("seeds/b.txt"), root.join("seeds/renamed.txt")).unwrap();
    ok(&run(root, &["build"]));
    assert!(std::fs::read_to_string(&edited).unwrap().contains(EDIT));
    assert_eq!(pages(root).len(), 2, "{:?}", pages(root).keys());

    let other = tempfile::tempdir().unwrap();
    let file = other.path().join("other.txt");
    std::fs::write(
        &file,
        seed(
            "Navy frigates delayed by two years",
            "Shipyard workers in Glasgow were told on Friday that their contracts would be cut.",
        ),
    )
    .unwrap();
    ok(&run(root, &["ingest", &file.display().to_string()]));
    assert!(std::fs::read_to_string(&edited).unwrap().contains(EDIT));
    assert_eq!(pages(root).len(), 3, "{:?}", pages(root).keys());
}

#[test]
fn editing_the_slug_of_a_page_keeps_the_page_and_its_edit() {
    let project = small_project();
    let root = project.path();
    ok(&run(root, &["build"]));
    let page = page_titled(root, "Army orders new drones");
    let text = std::fs::read_to_string(&page).unwrap();
    let text = regex_replace_slug(&text, "my-own-slug");
    std::fs::write(&page, format!("{text}\n{EDIT}\n")).unwrap();
    ok(&run(root, &["build"]));
    let now = std::fs::read_to_string(&page).unwrap();
    assert!(now.contains(EDIT) && now.contains("slug = \"my-own-slug\""));
    assert!(root.join("public/articles/my-own-slug.html").is_file());
    assert_eq!(pages(root).len(), 2, "{:?}", pages(root).keys());
}

fn regex_replace_slug(text: &str, slug: &str) -> String {
    text.lines()
        .map(|l| {
            if l.starts_with("slug = ") {
                format!("slug = \"{slug}\"")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn generated_without_spaces_is_read_and_generated_false_takes_a_page_over() {
    let project = small_project();
    let root = project.path();
    ok(&run(root, &["build"]));
    let page = page_titled(root, "Army orders new drones");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replacen("generated = true", "generated=true", 1),
    )
    .unwrap();
    let err = ok(&run(root, &["build"]));
    assert!(err.contains("0 hand-edited kept"), "{err}");

    let taken = page_titled(root, "Navy frigates delayed");
    let text = std::fs::read_to_string(&taken).unwrap();
    let mine = text.replacen("generated = true", "generated = false", 1);
    std::fs::write(&taken, &mine).unwrap();
    let err = ok(&run(root, &["build"]));
    assert!(!err.contains("warning"), "{err}");
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), mine);
}

#[test]
fn a_story_keeps_its_slug_when_a_story_with_its_title_comes_before_it() {
    let project = small_project();
    let root = project.path();
    ok(&run(root, &["build"]));
    let first = page_titled(root, "Navy frigates delayed");
    let slug = first.file_stem().unwrap().to_string_lossy().into_owned();
    // "0.txt" sorts before "b.txt", so it is ingested first.
    write_seed(
        root,
        "0.txt",
        "Navy frigates delayed by two years",
        "Another outlet's report: the frigates' engines failed sea trials in June.",
    );
    ok(&run(root, &["build"]));
    let article =
        std::fs::read_to_string(root.join(format!("public/articles/{slug}.html"))).unwrap();
    assert!(
        article.contains("two years late"),
        "the old address shows the old story"
    );
    assert!(root
        .join(format!("public/articles/{slug}-2.html"))
        .is_file());
}

#[test]
fn a_story_read_anew_by_a_changed_ingest_keeps_its_page_in_the_first_build() {
    // A story whose text ingest now reads differently has a new id, so its old page is
    // stale; the new page takes the same slug, and removing the stale page must not remove
    // the page just written in its place.
    let project = small_project();
    let root = project.path();
    ok(&run(root, &["build"]));
    let before = pages(root);
    write_seed(
        root,
        "a.txt",
        "Army orders new drones for the front",
        "The Ministry of Defence ordered 500 drones on Monday, officials confirmed.",
    );
    let err = ok(&run(root, &["build"]));
    assert_eq!(
        pages(root).keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "{err}"
    );
    let page = page_titled(root, "Army orders new drones");
    assert!(std::fs::read_to_string(&page)
        .unwrap()
        .contains("officials confirmed"));
    let slug = page.file_stem().unwrap().to_string_lossy().into_owned();
    assert!(root.join(format!("public/articles/{slug}.html")).is_file());
    assert!(
        !err.contains("stale removed") || err.contains("0 stale removed"),
        "{err}"
    );
}

#[test]
fn a_deleted_seeds_page_is_removed_and_an_edited_one_kept_with_a_warning() {
    let project = small_project();
    let root = project.path();
    ok(&run(root, &["build"]));
    let untouched = page_titled(root, "Army orders new drones");
    let slug = untouched
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let edited = page_titled(root, "Navy frigates delayed");
    edit(&edited, EDIT);
    std::fs::remove_file(root.join("seeds/a.txt")).unwrap();
    std::fs::remove_file(root.join("seeds/b.txt")).unwrap();
    write_seed(
        root,
        "c.txt",
        "Unrelated story about trains",
        "Trains ran late on Monday.",
    );
    let err = ok(&run(root, &["build"]));
    assert!(!untouched.exists(), "the deleted seed's page is removed");
    assert!(!root.join(format!("public/articles/{slug}.html")).exists());
    assert!(err.contains("removed") && err.contains(&slug), "{err}");
    assert!(std::fs::read_to_string(&edited).unwrap().contains(EDIT));
    assert!(err.contains("generated = false"), "{err}");
}

#[test]
fn a_seed_named_with_a_line_break_and_plus_signs_builds_again_and_again() {
    let project = small_project();
    let root = project.path();
    std::fs::write(
        root.join("seeds/odd\n+++\nname.txt"),
        seed("Odd file name", "A file name with a line break in it."),
    )
    .unwrap();
    ok(&run(root, &["build"]));
    ok(&run(root, &["build"]));
    ok(&run(root, &["build", "--no-ingest"]));
}

/// Parses every XML file of the site.
fn assert_xml_well_formed(public: &Path) {
    let files = common::files_with_ext(public, "xml");
    assert!(files.len() >= 3, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{}: not well-formed: {e}", file.display());
        }
    }
}

#[test]
fn characters_xml_forbids_in_a_seed_or_a_page_leave_every_feed_well_formed() {
    let project = small_project();
    let root = project.path();
    write_seed(
        root,
        "c.txt",
        "Control \u{1}characters\u{b} in a \u{fffe}headline\u{ffff}",
        "The lead has a \u{8}backspace and \u{1f} unit separator, said the army on Monday.",
    );
    std::fs::create_dir_all(root.join("content/defence")).unwrap();
    std::fs::write(
        root.join("content/defence/mine.md"),
        "+++\ntitle = \"Null \\u0000 in front matter\"\ntopics = [\"defence\"]\nsummary = \"a\\u0001b\"\nauthors = [\"x\\u0002\"]\n+++\n\nBody.\n",
    )
    .unwrap();
    ok(&run(root, &["build"]));
    assert_xml_well_formed(&root.join("public"));
}

#[test]
fn check_reads_feeds_and_the_sitemap_as_xml() {
    let project = small_project();
    let root = project.path();
    ok(&run(root, &["build"]));
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(
        root.join("templates/atom.xml"),
        "<?xml version=\"1.0\"?>\n<feed><title>{{ feed_title }}</feed>\n",
    )
    .unwrap();
    let err = failed(&run(root, &["check"]));
    assert!(err.contains("atom.xml:2:") && err.contains("XML"), "{err}");
}

#[test]
fn a_base_url_that_is_not_an_absolute_http_url_is_refused_naming_where_it_was_given() {
    let project = small_project();
    let root = project.path();
    let config = std::fs::read_to_string(root.join("config.toml")).unwrap();
    for bad in [
        "javascript:alert(1)//",
        "https://example.org/\"><script>alert(1)</script>",
        "example.org",
    ] {
        let err = failed(&run(root, &["build", "--base-url", bad]));
        assert!(err.contains("--base-url"), "{bad}: {err}");
        let with: String = config
            .lines()
            .map(|l| {
                if l.starts_with("base_url") {
                    format!("base_url = '{bad}'\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        std::fs::write(root.join("config.toml"), with).unwrap();
        let err = failed(&run(root, &["build"]));
        assert!(
            err.contains("config.toml:") && err.contains("base_url"),
            "{bad}: {err}"
        );
        std::fs::write(root.join("config.toml"), &config).unwrap();
    }
    assert!(!root.join("public").exists());
}

#[test]
fn a_base_url_is_escaped_in_every_page_and_feed() {
    let project = small_project();
    let root = project.path();
    ok(&run(
        root,
        &["build", "--base-url", "https://example.org/a&b/"],
    ));
    let not_found = std::fs::read_to_string(root.join("public/404.html")).unwrap();
    assert!(
        not_found.contains("https://example.org/a&amp;b/"),
        "{not_found}"
    );
    assert_xml_well_formed(&root.join("public"));
}

/// A project of 2,008 stories: the bundled seeds and 2,000 small ones.
fn large_project() -> tempfile::TempDir {
    let project = common::project_copy();
    for i in 0..2000 {
        std::fs::write(
            project.path().join(format!("seeds/bulk{i:04}.txt")),
            seed(
                &format!("Harbour works number {i} begin"),
                &format!("Work on harbour {i} began on Monday, the port authority said."),
            ),
        )
        .unwrap();
    }
    project
}

/// The articles a full build of [`large_project`] publishes: its 2,000 bulk seeds and the
/// stories of the bundled ones.
fn large_project_articles() -> usize {
    2000 + common::ingest_json(&[common::repo().join("seeds")]).len()
}

fn articles(public: &Path) -> usize {
    std::fs::read_dir(public.join("articles"))
        .map(|d| d.count())
        .unwrap_or(0)
}

#[test]
fn two_builds_at_once_never_publish_a_partial_site() {
    let project = large_project();
    let root = project.path().display().to_string();
    for delay_ms in [0, 150, 400] {
        let _ = std::fs::remove_dir_all(project.path().join("public"));
        let first = common::digest()
            .args(["-q", "build", "--root", &root])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let second = common::digest()
            .args(["-q", "build", "--root", &root])
            .output()
            .unwrap();
        let first = first.wait_with_output().unwrap();
        for out in [&first, &second] {
            assert!(
                out.status.success() || stderr(out).contains("another digest build (pid"),
                "at {delay_ms} ms: {}",
                stderr(out)
            );
        }
        let public = project.path().join("public");
        assert_eq!(
            articles(&public),
            large_project_articles(),
            "at {delay_ms} ms"
        );
        assert!(public.join("search-index.js").is_file(), "at {delay_ms} ms");
    }
}

#[cfg(unix)]
#[test]
fn a_build_that_finds_the_project_locked_waits_then_names_the_holder() {
    let project = small_project();
    let root = project.path();
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(root.join(".digest.lock"))
        .unwrap();
    lock.lock().unwrap();
    std::fs::write(
        root.join(".digest.lock"),
        format!("{}\n", std::process::id()),
    )
    .unwrap();
    let out = common::digest()
        .args(["build", "--root", &root.display().to_string()])
        .env("DIGEST_LOCK_WAIT", "0.3")
        .output()
        .unwrap();
    let err = failed(&out);
    assert!(
        err.contains(&format!(
            "another digest build (pid {})",
            std::process::id()
        )),
        "{err}"
    );
    assert!(!root.join("content").exists() && !root.join("public").exists());
    drop(lock);
    ok(&run(root, &["build"]));
}

#[cfg(unix)]
#[test]
fn a_build_killed_while_writing_content_leaves_no_broken_page() {
    let project = large_project();
    let root = project.path().display().to_string();
    for delay_ms in [150, 300, 450, 600, 800] {
        // Every page is new, so the kill lands while pages are being written.
        let _ = std::fs::remove_dir_all(project.path().join("content"));
        let mut child = common::digest()
            .args(["-q", "build", "--root", &root])
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        for (path, text) in pages(project.path()) {
            assert!(
                text.starts_with("+++\n"),
                "at {delay_ms} ms {path}: {text:?}"
            );
        }
        let out = common::digest()
            .args(["-q", "build", "--root", &root])
            .output()
            .unwrap();
        ok(&out);
        assert_eq!(
            articles(&project.path().join("public")),
            large_project_articles()
        );
    }
}

/// Makes a file impossible to remove, even for root; `false` where the system cannot.
#[cfg(unix)]
fn make_undeletable(file: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let folder = file.parent().unwrap();
    if std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
    {
        std::process::Command::new("chattr")
            .arg("+i")
            .arg(file)
            .status()
            .is_ok_and(|s| s.success())
    } else {
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o555)).is_ok()
    }
}

#[cfg(unix)]
fn make_deletable(file: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::process::Command::new("chattr")
        .arg("-i")
        .arg(file)
        .status();
    let _ = std::fs::set_permissions(
        file.parent().unwrap(),
        std::fs::Permissions::from_mode(0o755),
    );
}

#[cfg(unix)]
#[test]
fn a_previous_site_that_cannot_be_removed_blocks_no_build() {
    let project = small_project();
    let root = project.path();
    ok(&run(root, &["build"]));
    let stuck = root.join("public/theme/style.css");
    if !make_undeletable(&stuck) {
        eprintln!("skipped: cannot make a file undeletable here");
        return;
    }
    let first = run(root, &["build"]);
    let second = run(root, &["build"]);
    // Wherever the previous site went, clear it for the temporary folder's removal.
    for entry in walkdir(root) {
        if entry.ends_with("theme/style.css") {
            make_deletable(&entry);
        }
    }
    let err = ok(&first);
    assert!(err.contains("previous"), "{err}");
    ok(&second);
    assert!(root.join("public/index.html").is_file());
}

fn walkdir(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

#[test]
fn a_site_an_interrupted_swap_moved_aside_is_put_back() {
    let project = small_project();
    let root = project.path();
    ok(&run(root, &["build"]));
    // Stopped after moving the previous site aside, before moving the new one in.
    std::fs::rename(root.join("public"), root.join(".public.old")).unwrap();
    std::fs::create_dir_all(root.join(".public.staging/articles")).unwrap();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(root.join("templates/article.html"), "{{ article.no.such }}").unwrap();
    failed(&run(root, &["build"]));
    assert!(
        root.join("public/index.html").is_file(),
        "the last site is back"
    );
    std::fs::remove_file(root.join("templates/article.html")).unwrap();
    ok(&run(root, &["build"]));
    assert!(!root.join(".public.old").exists() && !root.join(".public.staging").exists());
}

#[test]
fn an_undated_feed_entry_keeps_its_updated_time_when_a_newer_story_arrives() {
    let project = small_project();
    let root = project.path();
    ok(&run(root, &["build"]));
    let updated_of = |title: &str| -> String {
        let feed = std::fs::read_to_string(root.join("public/atom.xml")).unwrap();
        let doc = roxmltree::Document::parse(&feed).unwrap();
        let entry = doc
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .find(|e| {
                e.children()
                    .any(|c| c.has_tag_name("title") && c.text().unwrap_or("").starts_with(title))
            })
            .unwrap_or_else(|| panic!("no entry {title}: {feed}"));
        entry
            .children()
            .find(|c| c.has_tag_name("updated"))
            .and_then(|u| u.text())
            .unwrap()
            .to_string()
    };
    let before = updated_of("Army orders new drones");
    write_seed(
        root,
        "c.txt",
        "Dated story about trains",
        "Trains ran late on 3 March 2025, the operator said.",
    );
    ok(&run(root, &["build"]));
    let feed = std::fs::read_to_string(root.join("public/atom.xml")).unwrap();
    assert!(
        feed.contains("2025-03-03"),
        "the new story is dated: {feed}"
    );
    assert_eq!(updated_of("Army orders new drones"), before);
}

#[test]
fn files_in_the_seeds_that_are_not_text_are_named_once() {
    let project = small_project();
    let root = project.path();
    for name in ["notes.md", "page.html", ".DS_Store", "a.meta.toml"] {
        std::fs::write(root.join("seeds").join(name), "x").unwrap();
    }
    let err = ok(&run(root, &["build"]));
    let warnings: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("were not read"))
        .collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(
        warnings[0].contains("notes.md")
            && warnings[0].contains("page.html")
            && warnings[0].contains("plain text (.txt)"),
        "{err}"
    );
    assert!(!warnings[0].contains("DS_Store") && !warnings[0].contains("meta.toml"));
}

#[test]
fn headlines_in_other_scripts_get_transliterated_slugs() {
    let project = small_project();
    let root = project.path();
    write_seed(
        root,
        "c.txt",
        "Госдума приняла закон о дронах",
        "The Duma passed the drone law on Monday, officials in Moscow said.",
    );
    write_seed(
        root,
        "d.txt",
        "Erdoğan and Dvořák meet in Ankara",
        "The two leaders met in Ankara on Tuesday, officials said.",
    );
    ok(&run(root, &["build"]));
    let names: Vec<String> = pages(root).into_keys().collect();
    assert!(
        names
            .iter()
            .any(|n| n.ends_with("/gosduma-priniala-zakon-o-dronakh.md")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.contains("/erdogan-and-dvorak-meet")),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.contains("untitled")), "{names:?}");
}
