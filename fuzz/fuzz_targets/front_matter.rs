//! Fuzz target: parsing a content page (front matter + body) returns a page or an error,
//! never panics, and a parsed page renders.
#![no_main]

use digest::content::parse_page;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(page) = parse_page("content/fuzz.md", text) {
            let _ = digest::site::markdown::render(&page.body, false);
            let _ = digest::site::markdown::render(&page.body, true);
        }
    }
});
