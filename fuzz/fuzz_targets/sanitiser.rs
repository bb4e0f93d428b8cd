//! Fuzz target: with `allow_html`, no resource URL from another host survives the
//! sanitiser, however it is spelt. Every `src`, `srcset` candidate, `poster`, `data` and
//! `<link href>` of the rendered page is resolved against a page's address as a browser
//! resolves it (the url crate follows the WHATWG URL standard browsers implement) and must
//! stay on the page's host.
#![no_main]

use libfuzzer_sys::fuzz_target;

const PAGE: &str = "http://site.invalid/articles/page.html";

/// Attribute values as the HTML serialiser wrote them, entities undone.
fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

fn assert_local(url: &str, html: &str) {
    let page = url::Url::parse(PAGE).expect("a valid URL");
    if let Ok(resolved) = page.join(url) {
        assert!(
            resolved.host_str() == Some("site.invalid") && resolved.scheme() == "http",
            "{url:?} loads from {resolved} in\n{html}"
        );
    }
}

/// Each element's name and attributes in serialised HTML (attribute values are always
/// double-quoted and a `<` in text is always escaped, so a raw `<` opens a tag).
fn elements(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(at) = html[i..].find('<') {
        i += at + 1;
        let name_len = bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = html[i..i + name_len].to_ascii_lowercase();
        i += name_len;
        let mut attributes = Vec::new();
        loop {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' || bytes[i] == b'/' {
                break;
            }
            let start = i;
            while i < bytes.len() && !matches!(bytes[i], b'=' | b'>' | b' ' | b'/') {
                i += 1;
            }
            let attribute = html[start..i].to_ascii_lowercase();
            let mut value = String::new();
            if html[i..].starts_with("=\"") {
                let end = html[i + 2..].find('"').map_or(html.len(), |e| i + 2 + e);
                value = unescape(&html[i + 2..end]);
                i = (end + 1).min(html.len());
            }
            attributes.push((attribute, value));
        }
        found.push((name, attributes));
    }
    found
}

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let html = digest::site::markdown::render(body, true).html;
    for (element, attributes) in elements(&html) {
        for (attribute, value) in attributes {
            match attribute.as_str() {
                "src" | "poster" | "data" => assert_local(&value, &html),
                "href" if element == "link" => assert_local(&value, &html),
                "srcset" => {
                    for candidate in value.split(',') {
                        assert_local(candidate.split_whitespace().next().unwrap_or(""), &html);
                    }
                }
                _ => {}
            }
        }
    }
});
