//! Adversarial inputs (from fuzzing ideas and past bugs) kept as regression tests: ingest and
//! page parsing return stories or errors, never panic, and rendering escapes what it shows.

use digest::config::{Config, DEFAULT_CONFIG};
use digest::content::parse_page;
use digest::ingest::Ingester;
use digest::site::markdown;

fn inputs(ext: &str) -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/adversarial");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn adversarial_articles_ingest_without_panics() {
    let config = Config::parse(DEFAULT_CONFIG, "config.toml").unwrap();
    let ingester = Ingester::new(&config).unwrap();
    let files = inputs("txt");
    assert!(files.len() >= 5);
    for (name, bytes) in files {
        let text = String::from_utf8_lossy(&bytes);
        for record in ingester.ingest_text(&name, &text) {
            let story = &record.story;
            assert!(story.lines[0] <= story.lines[1], "{name}");
            assert!(
                !story.title.trim().is_empty(),
                "{name}: a story always has a headline"
            );
            if let Some(date) = &story.date {
                assert_eq!(date.len(), 10, "{name}: {date}");
            }
        }
    }
}

#[test]
fn adversarial_pages_parse_or_fail_cleanly_and_render_safely() {
    let files = inputs("md");
    assert!(files.len() >= 4);
    for (name, bytes) in files {
        let text = String::from_utf8_lossy(&bytes);
        match parse_page(&format!("content/{name}"), &text) {
            Ok(page) => {
                for allow_html in [false, true] {
                    let html = markdown::render(&page.body, allow_html).html;
                    assert!(!html.contains("onerror") || !allow_html, "{name}");
                    assert!(!html.contains("<img src=\"x\" onerror"), "{name}");
                    assert!(!html.contains("href=\"javascript:"), "{name}");
                    assert!(
                        !html.contains("src=\"http://x/"),
                        "{name}: remote image not loaded"
                    );
                }
            }
            Err(e) => assert!(
                format!("{e:#}").contains(&format!("content/{name}")),
                "{name}: {e:#}"
            ),
        }
    }
}
