//! Markdown to HTML with pulldown-cmark. Raw HTML in a page is shown as text, never passed
//! through; links with script schemes are dropped; remote images become links so no page
//! loads anything from another host; headings get ids for anchors; fenced code is
//! highlighted with CSS classes.

use std::borrow::Cow;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use super::highlight;

/// A rendered Markdown body.
pub struct Rendered {
    pub html: String,
    pub has_code: bool,
    pub headings: Vec<Heading>,
    /// Limits the page ran into, each a sentence for a warning that names the page.
    pub limits: Vec<String>,
}

/// Deepest nesting of raw HTML elements kept with `allow_html`: the HTML parser's work
/// grows with the square of the depth (100,000 nested divs took 99 s). A page nested
/// deeper shows its raw HTML as text. No real page comes near it.
const MAX_HTML_DEPTH: usize = 512;

/// Most lines of a code block that are highlighted; a longer block is shown plain
/// (syntect took 20 s and 200 MB for a block of 50,000 lines).
const MAX_HIGHLIGHT_LINES: usize = 2_000;

/// A heading of a page, for its table of contents.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let scheme_end = lower.find(':');
    let first_separator = lower.find(['/', '?', '#']);
    match scheme_end {
        Some(colon) if first_separator.is_none_or(|s| colon < s) => {
            lower.starts_with("http:")
                || lower.starts_with("https:")
                || lower.starts_with("mailto:")
        }
        _ => true,
    }
}

/// The HTML sanitiser for pages that allow raw HTML: ammonia's safe defaults, keeping the
/// classes and ids this renderer writes, and dropping any resource from another host.
fn sanitiser() -> &'static ammonia::Builder<'static> {
    static BUILDER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .add_generic_attributes(["class", "id"])
            .add_tag_attributes("pre", ["data-lang"])
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .attribute_filter(|element, attribute, value| {
                let loads = matches!(attribute, "src" | "poster" | "data")
                    || (element == "link" && attribute == "href");
                let remote = match attribute {
                    // Candidates "url 2x, url 3x": each is a resource.
                    "srcset" => value
                        .split(',')
                        .any(|c| is_remote(c.split_whitespace().next().unwrap_or(""))),
                    _ => loads && is_remote(value),
                };
                (!remote).then(|| value.into())
            });
        builder
    })
}

/// Whether a browser would fetch `url`, found in a page of the site, from another host: it
/// is resolved against a page's address as a browser resolves it (the WHATWG URL rules
/// read `\` as `/` and drop tabs and line breaks, so `/\evil.example/x.png` is another
/// host). What does not resolve, or resolves to another scheme, counts as remote too.
pub fn is_remote(url: &str) -> bool {
    const HOST: &str = "digest.invalid";
    static PAGE: std::sync::OnceLock<url::Url> = std::sync::OnceLock::new();
    let page = PAGE.get_or_init(|| {
        url::Url::parse(&format!("http://{HOST}/articles/page.html")).expect("a valid URL")
    });
    match page.join(url) {
        Ok(resolved) => resolved.scheme() != "http" || resolved.host_str() != Some(HOST),
        Err(_) => true,
    }
}

/// Renders a Markdown body. With `allow_html`, raw HTML in it is kept and the result is
/// sanitised; without, raw HTML is shown as text.
pub fn render(body: &str, allow_html: bool) -> Rendered {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut events: Vec<Event> = Vec::new();
    let mut has_code = false;
    let mut code: Option<(String, String)> = None;
    let mut headings: Vec<Heading> = Vec::new();
    let mut heading: Option<(HeadingLevel, usize)> = None;
    let mut heading_text = String::new();
    let mut ids = rustc_hash::FxHashSet::default();
    // The next number to try for each heading id, so a thousand "Same" headings number
    // themselves in one step each, not by counting up from 2 every time.
    let mut next_number: rustc_hash::FxHashMap<String, usize> = Default::default();
    let mut limits = Vec::new();
    let mut images_as_links: Vec<bool> = Vec::new();

    for event in Parser::new_ext(body, options) {
        if let Some((lang, buffer)) = code.as_mut() {
            match event {
                Event::Text(t) => buffer.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let lines = buffer.lines().count();
                    let html = if lines > MAX_HIGHLIGHT_LINES {
                        limits.push(format!(
                            "a code block of {lines} lines is shown without highlighting (more than {MAX_HIGHLIGHT_LINES})"
                        ));
                        highlight::plain_block(buffer)
                    } else {
                        highlight::code_block(buffer, lang)
                    };
                    events.push(Event::Html(html.into()));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                has_code = true;
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Html(raw) | Event::InlineHtml(raw) if !allow_html => {
                events.push(Event::Text(raw))
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, events.len()));
                heading_text.clear();
                events.push(Event::Text(CowStr::Borrowed("")));
            }
            Event::End(TagEnd::Heading(level)) => {
                let (_, at) = heading.take().expect("heading start precedes end");
                let base = crate::story::slugify(&heading_text, 48);
                let mut id = base.clone();
                if !ids.insert(id.clone()) {
                    let n = next_number.entry(base.clone()).or_insert(2);
                    loop {
                        id = format!("{base}-{n}");
                        *n += 1;
                        if ids.insert(id.clone()) {
                            break;
                        }
                    }
                }
                let level_number = level as u8;
                events[at] = Event::Html(format!("<h{level_number} id=\"{id}\">").into());
                events.push(Event::Html(format!("</h{level_number}>\n").into()));
                headings.push(Heading {
                    level: level_number,
                    id,
                    text: heading_text.trim().to_string(),
                });
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = if is_safe_url(&dest_url) {
                    dest_url
                } else {
                    CowStr::Borrowed("")
                };
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                // Remote or unsafe images become links: no page fetches from another host.
                let safe = is_safe_url(&dest_url);
                let as_link = is_remote(&dest_url) || !safe;
                images_as_links.push(as_link);
                if as_link {
                    let dest_url = if safe { dest_url } else { CowStr::Borrowed("") };
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                } else {
                    events.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Image) => {
                let as_link = images_as_links.pop().unwrap_or(false);
                events.push(Event::End(if as_link {
                    TagEnd::Link
                } else {
                    TagEnd::Image
                }));
            }
            Event::Text(t) => {
                if heading.is_some() {
                    heading_text.push_str(&t);
                }
                events.push(Event::Text(t));
            }
            Event::Code(t) => {
                if heading.is_some() {
                    heading_text.push_str(&t);
                }
                events.push(Event::Code(t));
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if allow_html {
        if nesting_depth(&html) > MAX_HTML_DEPTH {
            limits.push(format!(
                "raw HTML nested more than {MAX_HTML_DEPTH} elements deep is shown as text"
            ));
            let mut plain = render(body, false);
            plain.limits.splice(0..0, limits);
            return plain;
        }
        html = sanitiser().clean(&html).to_string();
    }
    Rendered {
        html,
        has_code,
        headings,
        limits,
    }
}

/// How deep elements nest in `html`, read from its tags alone (void elements do not nest).
fn nesting_depth(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    let (mut depth, mut deepest) = (0usize, 0usize);
    for at in memchr::memchr_iter(b'<', html.as_bytes()) {
        let rest = &html.as_bytes()[at + 1..];
        if rest.first() == Some(&b'/') {
            depth = depth.saturating_sub(1);
        } else if rest.first().is_some_and(u8::is_ascii_alphabetic) {
            let name_len = rest
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            let name = std::str::from_utf8(&rest[..name_len]).unwrap_or("");
            if !VOID.iter().any(|v| v.eq_ignore_ascii_case(name)) {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
    }
    deepest
}

/// How a site holds its articles' body HTML until their pages are rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyStorage {
    Plain,
    /// Compressed with lz4 (the plain bodies of 100,000 stories take about half a
    /// gigabyte), for the cost of compressing and decompressing each body once (3% of a
    /// build's instructions).
    Compressed,
}

impl BodyStorage {
    /// Sites of more than this many stories hold their bodies compressed; below it the
    /// plain HTML is at most about 150 MB.
    const COMPRESS_ABOVE: usize = 20_000;

    /// The storage for a site of `stories` stories.
    pub fn for_stories(stories: usize) -> BodyStorage {
        if stories > Self::COMPRESS_ABOVE {
            BodyStorage::Compressed
        } else {
            BodyStorage::Plain
        }
    }
}

/// An article's body HTML, held as its site's [`BodyStorage`] says. It serialises as the
/// HTML itself, so templates see `article.body_html` as ever.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BodyHtml {
    Plain(Box<str>),
    Compressed(Box<[u8]>),
}

impl Default for BodyHtml {
    fn default() -> BodyHtml {
        BodyHtml::Plain(Box::default())
    }
}

impl BodyHtml {
    pub fn new(html: String, storage: BodyStorage) -> BodyHtml {
        match storage {
            BodyStorage::Plain => BodyHtml::Plain(html.into_boxed_str()),
            BodyStorage::Compressed => BodyHtml::Compressed(
                lz4_flex::compress_prepend_size(html.as_bytes()).into_boxed_slice(),
            ),
        }
    }

    pub fn html(&self) -> Cow<'_, str> {
        match self {
            BodyHtml::Plain(html) => Cow::Borrowed(html),
            BodyHtml::Compressed(bytes) => {
                let bytes = lz4_flex::decompress_size_prepended(bytes)
                    .expect("BodyHtml holds what BodyHtml::new compressed");
                Cow::Owned(
                    String::from_utf8(bytes).expect("BodyHtml holds what BodyHtml::new compressed"),
                )
            }
        }
    }
}

impl serde::Serialize for BodyHtml {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.html())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each pathological page renders in well under a second (before: 63 s, 99 s, 20 s).
    #[test]
    fn pathological_pages_render_in_bounded_time_with_a_limit_named() {
        let timed = |body: &str, allow_html: bool| {
            let started = std::time::Instant::now();
            let rendered = render(body, allow_html);
            (rendered, started.elapsed())
        };
        let (same, took) = timed(&"# Same\n\n".repeat(20_000), false);
        assert!(took.as_secs_f64() < 2.0, "20,000 headings: {took:?}");
        assert_eq!(same.headings[19_999].id, "same-20000");
        let mut ids: Vec<&str> = same.headings.iter().map(|h| h.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 20_000);

        let nested = format!("{}x{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
        let (divs, took) = timed(&nested, true);
        assert!(took.as_secs_f64() < 2.0, "100,000 nested divs: {took:?}");
        assert!(divs.limits[0].contains("nested"), "{:?}", divs.limits);
        assert!(!divs.html.contains("<div>"));

        let fence = format!("```rust\n{}```\n", "let x = 1; // code\n".repeat(50_000));
        let (code, took) = timed(&fence, false);
        assert!(
            took.as_secs_f64() < 2.0,
            "a 50,000-line code block: {took:?}"
        );
        assert!(
            code.limits[0].contains("without highlighting"),
            "{:?}",
            code.limits
        );
        assert!(code.html.contains("let x = 1;"));
    }

    #[test]
    fn a_resource_from_another_host_is_dropped_however_its_url_is_spelt() {
        let body = concat!(
            "<img src=\"\\\\evil.example\\c.png\">\n\n",
            "<img src=\"/\\evil.example/d.png\">\n\n",
            "<img src=\"/&#9;/evil.example/e.png\">\n\n",
            "<img src=\" //evil.example/f.png\">\n\n",
            "<img srcset=\"local.png 1x, //evil.example/g.png 2x\">\n\n",
            "<img src=\"HTTPS://evil.example/h.png\">\n\n",
            "![x](\\\\evil.example\\i.png) ![y](/\\evil.example/j.png)\n\n",
            "<img src=\"../theme/icon.svg\"> <img src=\"local.png\">\n",
        );
        let html = render(body, true).html;
        assert!(!html.contains("src=\"\\\\evil"), "{html}");
        for attribute in regex::Regex::new(r#"(?:src|srcset)="([^"]*)""#)
            .unwrap()
            .captures_iter(&html)
        {
            // Read as a browser would: a backslash is a slash, tabs vanish.
            let url = attribute[1].replace('\\', "/").replace(['\t', '\n'], "");
            assert!(!url.contains("//evil"), "{html}");
        }
        assert!(html.contains("src=\"../theme/icon.svg\"") && html.contains("src=\"local.png\""));
        let text = render("![x](/\\\\evil.example/i.png)", false).html;
        assert!(!text.contains("<img"), "{text}");
    }

    #[test]
    fn a_body_reads_back_as_written_whichever_way_it_is_held() {
        let html = "<p>Ministers said “no” to £5bn – for now.</p>\n".repeat(50);
        for storage in [BodyStorage::Plain, BodyStorage::Compressed] {
            let body = BodyHtml::new(html.clone(), storage);
            assert_eq!(body.html(), html);
        }
        // The compressed form is what keeps a large site's memory down.
        let BodyHtml::Compressed(bytes) = BodyHtml::new(html.clone(), BodyStorage::Compressed)
        else {
            panic!("asked for compression");
        };
        assert!(bytes.len() < html.len() / 4);
        assert_eq!(BodyStorage::for_stories(10_000), BodyStorage::Plain);
        assert_eq!(BodyStorage::for_stories(100_000), BodyStorage::Compressed);
    }
}
