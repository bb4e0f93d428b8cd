//! Fuzz target: ingest of arbitrary text (a scraped file's contents) must never panic.
#![no_main]

use std::sync::OnceLock;

use digest::config::{Config, DEFAULT_CONFIG};
use digest::ingest::Ingester;
use libfuzzer_sys::fuzz_target;

fn ingester() -> &'static Ingester {
    static INGESTER: OnceLock<Ingester> = OnceLock::new();
    INGESTER.get_or_init(|| {
        let config = Config::parse(DEFAULT_CONFIG, "config.toml").expect("default config parses");
        Ingester::new(&config).expect("default rules compile")
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let stories = ingester().ingest_text("fuzz.txt", &text);
    for record in &stories {
        let story = &record.story;
        assert!(story.lines[0] <= story.lines[1]);
        assert!(!story.title.is_empty());
    }
});
