//! Fuzz target: whatever text a story holds, the feeds and the sitemap are well-formed XML.
//! The input is ingested as a seed (its stories become pages) and also set, whole, as a
//! hand-written page's title, summary, author and body; the site is then built from
//! content/ and every .xml file it wrote is parsed.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use digest::build::{self, Options, Seeds};
use digest::config::{Config, DEFAULT_CONFIG};
use digest::content::{self, Page};
use digest::story::Story;
use digest::ingest::Ingester;
use libfuzzer_sys::fuzz_target;

/// A project folder made once: config.toml and an empty content/.
fn project() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::write(dir.path().join("config.toml"), DEFAULT_CONFIG).expect("config");
        dir
    })
    .path()
}

fn ingester() -> &'static Ingester {
    static INGESTER: OnceLock<Ingester> = OnceLock::new();
    INGESTER.get_or_init(|| {
        let config = Config::parse(DEFAULT_CONFIG, "config.toml").expect("default config parses");
        Ingester::new(&config).expect("default rules compile")
    })
}

/// A hand-written page whose every text is `text`.
fn page_of(text: &str) -> Page {
    let meta: Story =
        toml::from_str("title = \"t\"\ntopics = [\"defence\"]\n").expect("a minimal front matter");
    let mut page = Page {
        path: "defence/fuzz.md".into(),
        meta,
        body: format!("{text}\n"),
        generated_untouched: false,
        generated: false,
        front_matter: String::new(),
    };
    page.meta.title = text.to_string();
    page.meta.summary = text.to_string();
    page.meta.authors = vec![text.to_string()];
    page.meta.slug = "fuzz".into();
    page
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let root = project();
    let content_dir = root.join("content");
    let _ = std::fs::remove_dir_all(&content_dir);
    std::fs::create_dir_all(content_dir.join("defence")).expect("content/");
    let mut pages = vec![page_of(&text)];
    for (n, mut story) in ingester()
        .ingest_text("seeds/fuzz.txt", &text)
        .into_iter()
        .enumerate()
    {
        story.story.slug = format!("story-{n}");
        pages.push(Page::generated(story));
    }
    for page in &pages {
        let path = content_dir.join(&page.path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("topic folder");
        std::fs::write(&path, content::render_page(page)).expect("page written");
    }
    let output = PathBuf::from("site");
    let built = build::run(Options {
        root,
        output: &output,
        base_url: None,
        drafts: false,
        seeds: Seeds::Skip { report: None },
        track: false,
        force: false,
        edition: None,
    });
    // A page the fuzzer made invalid (an empty title, say) is a user error, not a bug.
    let Ok(built) = built else { return };
    let mut xml = 0;
    for entry in walk(&built.out_dir) {
        if entry.extension().is_some_and(|e| e == "xml") {
            let written = std::fs::read_to_string(&entry).expect("XML is UTF-8");
            if let Err(e) = roxmltree::Document::parse(&written) {
                panic!("{}: not well-formed: {e}\n{written}", entry.display());
            }
            xml += 1;
        }
    }
    assert!(xml >= 3, "atom.xml, a topic feed and sitemap.xml");
});

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
