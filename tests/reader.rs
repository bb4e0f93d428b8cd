//! The reader's side of the site built from the bundled seeds: stories across sources,
//! quotes, people, feeds, and nothing loaded from another host.

mod common;

use std::path::{Path, PathBuf};

/// Builds a copy of the repository's project once per test and returns it.
fn built() -> tempfile::TempDir {
    let project = common::project_copy();
    common::build_ok(project.path());
    project
}

/// A copy of the project with `count` more seed files, `name(i)` and `text(i)` each, built.
fn built_with_seeds(
    count: usize,
    name: impl Fn(usize) -> String,
    text: impl Fn(usize) -> String,
) -> tempfile::TempDir {
    let project = common::project_copy();
    for i in 0..count {
        std::fs::write(project.path().join("seeds").join(name(i)), text(i)).unwrap();
    }
    common::build_ok(project.path());
    project
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The article pages a page links to, as file names.
fn article_links(html: &str) -> Vec<String> {
    let re = regex::Regex::new(r#"href="(?:\.\./)?articles/([^"]+)""#).unwrap();
    let mut links: Vec<String> = re.captures_iter(html).map(|c| c[1].to_string()).collect();
    links.sort();
    links.dedup();
    links
}

/// The slug of the story that covers `line` of seed `file`, from `ingest --json`.
fn slug_covering(stories: &[serde_json::Value], file: &str, line: u64) -> String {
    stories
        .iter()
        .find(|s| {
            s["file"].as_str().unwrap().ends_with(file)
                && s["lines"][0].as_u64().unwrap() <= line
                && s["lines"][1].as_u64().unwrap() >= line
        })
        .unwrap_or_else(|| panic!("no story covers {file}:{line}"))["slug"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn the_brussels_visit_is_one_story_from_three_sources() {
    let project = built();
    let stories = common::ingest_json(&[project.path().join("seeds")]);
    let mut expected: Vec<String> = [
        ("000_444bba98c8ba7a71.txt", 1),
        ("001_6612d092722dc0ce.txt", 1),
        ("002_110bc2125d0c05ec.txt", 3),
    ]
    .iter()
    .map(|(f, l)| format!("{}.html", slug_covering(&stories, f, *l)))
    .collect();
    expected.sort();
    let clusters = common::files_with_ext(&project.path().join("public/stories"), "html");
    let with_brussels: Vec<(PathBuf, Vec<String>)> = clusters
        .into_iter()
        .map(|p| {
            let links = article_links(&read(&p));
            (p, links)
        })
        .filter(|(_, links)| links.iter().any(|l| expected.contains(l)))
        .collect();
    assert_eq!(
        with_brussels.len(),
        1,
        "one cluster holds the Brussels reports: {with_brussels:?}"
    );
    assert_eq!(with_brussels[0].1, expected);
    // Each member links to the cluster; undated members show the inferred date.
    let cluster_file = with_brussels[0]
        .0
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    for member in &expected {
        let html = read(&project.path().join("public/articles").join(member));
        assert!(
            html.contains(&format!("stories/{cluster_file}")),
            "{member} links to its cluster"
        );
    }
    let live = read(
        &project.path().join("public/articles").join(
            expected
                .iter()
                .find(|m| m.starts_with("keir-starmer-and-nato"))
                .unwrap(),
        ),
    );
    assert!(
        live.contains("3 February 2025") && live.contains("inferred"),
        "the live page takes the cluster's date, marked inferred"
    );
}

#[test]
fn a_quote_carried_by_two_sources_is_listed_once_with_both() {
    let project = built();
    let html = read(&project.path().join("public/quotes.html"));
    let quote = "We need to see all allies stepping up";
    assert_eq!(html.matches(quote).count(), 1, "listed once");
    let figure = html.split("<figure").find(|f| f.contains(quote)).unwrap();
    assert_eq!(
        article_links(figure).len(),
        2,
        "with both sources: {figure}"
    );
    assert!(figure.contains("Keir Starmer"));
}

#[test]
fn people_index_lists_people_named_in_two_stories() {
    let project = built();
    let html = read(&project.path().join("public/people/index.html"));
    for name in ["Keir Starmer", "Mark Rutte"] {
        assert!(html.contains(name), "{name} on the people index");
    }
    let starmer = read(&project.path().join("public/people/keir-starmer.html"));
    assert!(
        article_links(&starmer).len() >= 4,
        "Starmer's page lists his stories"
    );
    assert!(
        starmer.contains("We need to see all allies stepping up"),
        "and his quotes"
    );
}

/// The first child element of `node` named `name` in the Atom namespace.
fn child<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    name: &str,
) -> Option<roxmltree::Node<'a, 'input>> {
    node.children()
        .find(|c| c.has_tag_name(("http://www.w3.org/2005/Atom", name)))
}

#[test]
fn every_feed_is_atom_with_the_required_elements() {
    let project = built();
    let public = project.path().join("public");
    let mut feeds = vec![public.join("atom.xml")];
    feeds.extend(common::files_with_ext(&public.join("topics"), "xml"));
    assert!(feeds.len() >= 4);
    const ATOM: &str = "http://www.w3.org/2005/Atom";
    for feed in feeds {
        let text = read(&feed);
        let doc =
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", feed.display()));
        let root = doc.root_element();
        assert!(root.has_tag_name((ATOM, "feed")), "{}", feed.display());
        for required in ["id", "title", "updated"] {
            assert!(
                child(root, required).is_some(),
                "{}: feed lacks {required}",
                feed.display()
            );
        }
        let entries: Vec<_> = root
            .children()
            .filter(|c| c.has_tag_name((ATOM, "entry")))
            .collect();
        assert!(!entries.is_empty());
        for entry in entries {
            for required in ["id", "title", "updated", "summary"] {
                assert!(
                    child(entry, required).is_some(),
                    "{}: entry lacks {required}",
                    feed.display()
                );
            }
            let href = child(entry, "link")
                .and_then(|l| l.attribute("href"))
                .unwrap();
            assert!(
                href.starts_with("http://localhost/articles/"),
                "absolute link from base_url: {href}"
            );
            let updated = child(entry, "updated").unwrap().text().unwrap();
            assert_eq!(updated.len(), 20, "RFC 3339 date-time: {updated}");
        }
    }
}

#[test]
fn no_page_loads_anything_from_another_host() {
    let project = built();
    let public = project.path().join("public");
    let loads = regex::Regex::new(r#"(?i)(?:src|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?//|<link[^>]+href\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//"#).unwrap();
    // A canonical link names the page's public address; nothing is loaded from it.
    let canonical = regex::Regex::new(r#"<link rel="canonical" href="[^"]*">"#).unwrap();
    let mut checked = 0;
    for ext in ["html", "css", "js"] {
        for file in common::files_with_ext(&public, ext) {
            let text = read(&file);
            let text = canonical.replace_all(&text, "");
            assert!(
                !loads.is_match(&text),
                "{} loads from another host",
                file.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 10);
}

#[test]
fn timeline_keeps_undated_stories_apart_and_search_index_is_a_script() {
    let project = built();
    let public = project.path().join("public");
    let timeline = read(&public.join("timeline.html"));
    let (dated, undated) = timeline
        .split_once("id=\"undated\"")
        .expect("an undated section");
    assert!(dated.contains("3 February 2025") && dated.contains("5 June 2025"));
    assert!(dated.contains("17:23"), "live posts are on the timeline");
    assert!(
        undated.contains("Online Safety Act"),
        "an undated story is listed apart"
    );
    let index = read(&public.join("search-index.js"));
    assert!(index.starts_with("window.DIGEST_SEARCH = {"));
    assert!(read(&public.join("search.html")).contains("<noscript>"));
}

#[test]
fn a_speaker_with_many_quotes_gets_a_bounded_list_and_a_link_to_the_rest() {
    let project = built_with_seeds(
        30,
        |i| format!("q{i:02}.txt"),
        |i| {
            format!(
                "Harbour works number {i} begin in Portsmouth\n\
                 Defence Secretary Jane Holloway opened harbour works number {i} in Portsmouth on Monday.\n\
                 \"We will finish phase {i} of the harbour on time and on budget,\" Holloway said.\n\
                 The navy said the works would take two years.\n"
            )
        },
    );
    let quotes = read(&project.path().join("public/quotes.html"));
    assert!(
        quotes.contains(
            "5 more: <a href=\"people/jane-holloway.html\">all quotes of Jane Holloway</a>"
        ),
        "bounded list"
    );
    let person = read(&project.path().join("public/people/jane-holloway.html"));
    assert_eq!(
        person.matches("<blockquote>").count(),
        30,
        "her page has every quote"
    );
}

#[test]
fn a_widely_carried_quote_names_some_sources_and_counts_the_rest() {
    let project = built_with_seeds(
        14,
        |i| format!("wire{i:02}.txt"),
        |i| {
            format!(
                "Navy orders {i} new patrol boats for the Channel\n\
                 The Royal Navy has ordered patrol boats for the Channel, batch {i} of the programme.\n\
                 \"These boats will keep our waters safe for a generation,\" Admiral Ben Key said.\n\
                 The first boats of batch {i} are due next year.\n"
            )
        },
    );
    let quotes = read(&project.path().join("public/quotes.html"));
    let quote = quotes
        .split("<figure class=\"quote\">")
        .find(|q| q.contains("keep our waters safe"))
        .expect("the quote is listed");
    assert_eq!(
        quotes.matches("keep our waters safe").count(),
        1,
        "listed once"
    );
    let caption = &quote[quote.find("<figcaption>").unwrap()..quote.find("</figcaption>").unwrap()];
    assert_eq!(caption.matches("href=\"articles/").count(), 12, "{caption}");
    assert!(caption.ends_with(" and 2 more"), "{caption}");
}

#[test]
fn figures_page_lists_the_newest_stories_figures_and_counts_the_older() {
    let project = built_with_seeds(
        520,
        |i| format!("budget{i:03}.txt"),
        |i| {
            format!(
                "Defence budget line {i} approved\n\
                 The Ministry of Defence has approved spending line {i} for the army.\n\
                 The line is worth £{} million over three years, officials said.\n\
                 Troops will receive new equipment under the plan.\n",
                i + 10
            )
        },
    );
    let figures = read(&project.path().join("public/figures.html"));
    let defence = figures
        .split("<section ")
        .find(|s| s.contains(">Defence</h2>"))
        .expect("a defence section");
    let listed = defence.matches("<dt>").count();
    let older: usize = defence
        .split("<p class=\"more\">")
        .nth(1)
        .and_then(|more| more.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("a count of older stories");
    assert!(listed >= 500, "figures of 500 stories at least: {listed}");
    assert!(older >= 20, "the older stories are counted: {older}");
}

/// Every HTML page of a built site, with its path under public/.
fn html_pages(public: &Path) -> Vec<(String, String)> {
    common::files_with_ext(public, "html")
        .into_iter()
        .map(|p| {
            let name = p
                .strip_prefix(public)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (name, read(&p))
        })
        .collect()
}

#[test]
fn the_front_page_is_the_newest_edition_and_earlier_editions_stay_reachable() {
    let project = built();
    let public = project.path().join("public");
    let index = read(&public.join("index.html"));
    // The seeds' newest story date leads, then the top stories, then the topics.
    let date = index.find("5 June 2025").expect("the edition's date");
    let top = index.find("Top stories").expect("top stories");
    let topics = index.find("id=\"topic-defence\"").expect("a topic section");
    assert!(
        date < top && top < topics,
        "date, top stories, topics in order"
    );
    // The Brussels event, reported three times, is among the top stories with its sources.
    let top_list = &index[top..topics];
    assert!(top_list.contains("3 reports"), "{top_list}");
    assert!(
        top_list.contains("stories/"),
        "an event links to its cluster page"
    );
    assert!(index.contains("All 5 Defence stories") || index.contains("Defence stories</a>"));
    // Each dated day is an edition with its neighbours; the archive lists them all.
    let archive = read(&public.join("editions/index.html"));
    let editions: Vec<String> = regex::Regex::new(r#"href="(\d{4}-\d\d-\d\d)\.html""#)
        .unwrap()
        .captures_iter(&archive)
        .map(|c| c[1].to_string())
        .collect();
    assert!(editions.len() >= 2, "{archive}");
    assert!(editions.windows(2).all(|w| w[0] > w[1]), "newest first");
    let newest = read(&public.join(format!("editions/{}.html", editions[0])));
    assert!(newest.contains(&format!(
        "../editions/{}.html\">previous edition",
        editions[1]
    )));
    let older = read(&public.join(format!("editions/{}.html", editions[1])));
    assert!(older.contains(&format!("../editions/{}.html\">next edition", editions[0])));
    // Search engines find every edition and the archive.
    let sitemap = read(&public.join("sitemap.xml"));
    for day in &editions {
        assert!(
            sitemap.contains(&format!("editions/{day}.html</loc>")),
            "{sitemap}"
        );
    }
    assert!(sitemap.contains("editions/index.html</loc>"));
    // An earlier edition can lead the front page.
    let out = common::run(
        &[
            "build",
            "--root",
            ".",
            "--no-ingest",
            "--edition",
            &editions[1],
        ],
        project.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let index = read(&public.join("index.html"));
    assert!(index.contains(&format!("<time datetime=\"{}\">", editions[1])));
    assert!(index.contains("next edition"));
    let bad = common::run(&["build", "--edition", "June"], project.path());
    assert_eq!(
        bad.status.code(),
        Some(2),
        "a date that is not one is a usage error"
    );
}

#[test]
fn no_page_names_a_seed_file_outside_the_report_and_the_collapsed_provenance() {
    let project = built();
    let public = project.path().join("public");
    let seeds: Vec<String> = std::fs::read_dir(project.path().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let provenance = regex::Regex::new(r#"(?s)<details class="provenance">.*?</details>"#).unwrap();
    let mut with_provenance = 0;
    for (name, html) in html_pages(&public) {
        if name == "report.html" {
            continue;
        }
        with_provenance += usize::from(provenance.is_match(&html));
        let shown = provenance.replace_all(&html, "");
        for seed in &seeds {
            assert!(!shown.contains(seed.as_str()), "{name} names {seed}");
        }
        assert!(!shown.contains("unattributed ("), "{name}");
    }
    assert!(with_provenance >= 5, "each article keeps its provenance");
    // A cluster lists its outlets once each, with a count.
    let cluster = html_pages(&public)
        .into_iter()
        .find(|(name, _)| name.starts_with("stories/"))
        .expect("a cluster page")
        .1;
    assert!(cluster.contains("3 reports from "), "{cluster}");
}

#[test]
fn the_briefing_lists_every_story_with_its_facts_and_no_id_twice() {
    let project = built();
    let public = project.path().join("public");
    let briefing = read(&public.join("briefing.html"));
    let ids: Vec<&str> = regex::Regex::new(r#" id="([^"]+)""#)
        .unwrap()
        .captures_iter(&briefing)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "duplicate ids in briefing.html");
    let stories = common::files_with_ext(&public.join("articles"), "html").len();
    let contents = briefing
        .split("id=\"brief-contents\"")
        .nth(1)
        .and_then(|rest| rest.split("</nav>").next())
        .expect("a contents list");
    assert_eq!(
        contents.matches("href=\"#s-").count(),
        stories,
        "the contents list every story"
    );
    assert!(briefing.contains("class=\"brief-quote\""), "key quotes");
    assert!(briefing.contains("class=\"brief-figures\""), "figures");
    assert!(!briefing.contains("class=\"body"), "no story in full");
}

#[test]
fn topic_pages_paginate_and_pages_carry_canonical_and_description() {
    let project = common::project_copy();
    let config = project.path().join("config.toml");
    let text = read(&config).replace("[render]", "[render]\ntopic_page_size = 2");
    std::fs::write(&config, text).unwrap();
    common::build_ok(project.path());
    let public = project.path().join("public");
    let first = read(&public.join("topics/defence.html"));
    let second = read(&public.join("topics/defence/page/2.html"));
    assert_eq!(
        first.matches("<article class=\"card\">").count(),
        2,
        "{first}"
    );
    assert!(first.contains("href=\"../topics/defence/page/2.html\" rel=\"next\""));
    assert!(second.contains("href=\"../../../topics/defence.html\" rel=\"prev\""));
    assert!(second.contains("href=\"../../../theme/style.css\""));
    assert!(
        first.contains("<figure class=\"chart\"><svg"),
        "a chart on page 1"
    );
    assert!(first.contains("<figcaption id=\"chart-caption\">Stories per day"));
    // Canonical addresses from base_url; a description per page; Open Graph on articles.
    assert!(second
        .contains("<link rel=\"canonical\" href=\"http://localhost/topics/defence/page/2.html\">"));
    let (name, article) = html_pages(&public)
        .into_iter()
        .find(|(name, _)| name.starts_with("articles/"))
        .unwrap();
    assert!(article.contains(&format!("href=\"http://localhost/{name}\"")));
    assert!(article.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(article.contains("<meta property=\"og:title\""));
    let description = regex::Regex::new(r#"<meta name="description" content="([^"]*)">"#).unwrap();
    let index = read(&public.join("index.html"));
    let site_description = &description.captures(&index).unwrap()[1];
    assert_ne!(
        &description.captures(&article).unwrap()[1],
        site_description
    );
}
