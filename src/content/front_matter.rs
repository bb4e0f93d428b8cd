//! A generated page's front matter written as TOML directly, laid out key for key as the
//! toml crate lays it out (a test holds the two together). Serde's document serializer was
//! most of the cost of writing content/ in a large ingest: it builds a document tree and
//! measures every string several times over.
//!
//! Unlike the toml crate, it never writes a line break inside a string (it escapes it as
//! `\n`): a value holding a line that reads `+++` (a seed's file name can) would otherwise
//! close the front matter early, and the page would no longer parse.

use crate::story::{Story, StoryKind};

/// `meta` as TOML: the plain keys in field order, then the tables.
pub fn to_toml(meta: &Story) -> String {
    let mut out = String::with_capacity(2048);
    let w = &mut out;
    if !meta.id.is_empty() {
        string_key(w, "id", &meta.id);
    }
    string_key(w, "title", &meta.title);
    bool_key(w, "title_generated", meta.title_generated);
    optional_string_key(w, "date", meta.date.as_deref());
    bool_key(w, "date_inferred", meta.date_inferred);
    optional_string_key(w, "source", meta.source.as_deref());
    optional_string_key(w, "place", meta.place.as_deref());
    string_key(w, "file", &meta.file);
    w.push_str("lines = [");
    for (i, line) in meta.lines.iter().enumerate() {
        if i > 0 {
            w.push_str(", ");
        }
        w.push_str(itoa::Buffer::new().format(*line));
    }
    w.push_str("]\n");
    string_key(w, "slug", &meta.slug);
    let kind = match meta.kind {
        StoryKind::Article => "article",
        StoryKind::Live => "live",
    };
    string_key(w, "kind", kind);
    bool_key(w, "draft", meta.draft);
    string_key(w, "summary", &meta.summary);
    string_array_key(w, "authors", &meta.authors);
    string_array_key(w, "topics", &meta.topics);
    string_array_key(w, "people", &meta.people);
    string_array_key(w, "organisations", &meta.organisations);
    // An empty array of tables is written inline, among the plain keys; a table, empty or
    // not, below them.
    for (key, empty) in [
        ("posts", meta.posts.is_empty()),
        ("quotes", meta.quotes.is_empty()),
        ("figures", meta.figures.is_empty()),
    ] {
        if empty {
            w.push_str(key);
            w.push_str(" = []\n");
        }
    }
    w.push_str("\n[topic_scores]\n");
    for (topic, score) in &meta.topic_scores {
        key_text(w, topic);
        w.push_str(" = ");
        float(w, *score);
        w.push('\n');
    }
    for post in &meta.posts {
        w.push_str("\n[[posts]]\n");
        string_key(w, "time", &post.time);
        string_key(w, "title", &post.title);
        optional_string_key(w, "author", post.author.as_deref());
        optional_string_key(w, "role", post.role.as_deref());
        optional_string_key(w, "label", post.label.as_deref());
    }
    for quote in &meta.quotes {
        w.push_str("\n[[quotes]]\n");
        string_key(w, "text", &quote.text);
        optional_string_key(w, "speaker", quote.speaker.as_deref());
    }
    for figure in &meta.figures {
        w.push_str("\n[[figures]]\n");
        string_key(w, "value", &figure.value);
        string_key(w, "context", &figure.context);
    }
    out
}

fn bool_key(w: &mut String, key: &str, value: bool) {
    w.push_str(key);
    w.push_str(if value { " = true\n" } else { " = false\n" });
}

fn string_key(w: &mut String, key: &str, value: &str) {
    w.push_str(key);
    w.push_str(" = ");
    string(w, value);
    w.push('\n');
}

fn optional_string_key(w: &mut String, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        string_key(w, key, value);
    }
}

fn string_array_key(w: &mut String, key: &str, values: &[String]) {
    w.push_str(key);
    w.push_str(" = [");
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            w.push_str(", ");
        }
        string(w, value);
    }
    w.push_str("]\n");
}

/// A float as TOML has it: always with a fraction, `nan` and `inf` spelled out.
fn float(w: &mut String, value: f64) {
    use std::fmt::Write;
    if value.is_nan() {
        w.push_str(if value.is_sign_negative() {
            "-nan"
        } else {
            "nan"
        });
    } else if value == 0.0 {
        w.push_str(if value.is_sign_negative() {
            "-0.0"
        } else {
            "0.0"
        });
    } else if value % 1.0 == 0.0 {
        write!(w, "{value}.0").expect("a String takes any text");
    } else {
        write!(w, "{value}").expect("a String takes any text");
    }
}

/// What a string holds that decides how it can be quoted.
#[derive(Default)]
struct Shape {
    /// Only characters every kind of TOML string takes as they are.
    plain: bool,
    /// Longest run of `'` and of `"`.
    single_quotes: u32,
    double_quotes: u32,
    /// A control character other than tab and newline.
    control: bool,
    backslash: bool,
    newline: bool,
}

impl Shape {
    // Pages are mostly prose with few quotes and no control characters: each question is a
    // whole-string scan the compiler vectorises, or a memchr, not a branch per byte.
    fn of(text: &str) -> Shape {
        let bytes = text.as_bytes();
        if bytes
            .iter()
            .all(|&b| bare_key_byte(b) || matches!(b, b'.' | b'/' | b' ' | b':'))
        {
            return Shape {
                plain: true,
                ..Shape::default()
            };
        }
        let any_control = bytes
            .iter()
            .fold(false, |any, &b| any | (b < 0x20) | (b == 0x7f));
        Shape {
            plain: false,
            single_quotes: longest_run(bytes, b'\''),
            double_quotes: longest_run(bytes, b'"'),
            control: any_control
                && bytes
                    .iter()
                    .any(|&b| (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7f),
            backslash: memchr::memchr(b'\\', bytes).is_some(),
            newline: any_control && memchr::memchr(b'\n', bytes).is_some(),
        }
    }
}

/// Whether a byte may stand in a bare TOML key: a letter, digit, `-` or `_`.
fn bare_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_')
}

/// The longest run of `byte` in `bytes`.
fn longest_run(bytes: &[u8], byte: u8) -> u32 {
    let (mut longest, mut run, mut next) = (0, 0, usize::MAX);
    for at in memchr::memchr_iter(byte, bytes) {
        run = if at == next { run + 1 } else { 1 };
        longest = longest.max(run);
        next = at + 1;
    }
    longest
}

/// A string value, in the first of these it can be written as: "basic" with nothing to
/// escape, 'literal', """multi-line basic""" with nothing to escape, '''multi-line
/// literal''', then basic with escapes. A string with a line break is always the last, on
/// one line (see the module's comment). Basic strings still escape tabs.
fn string(w: &mut String, text: &str) {
    let shape = Shape::of(text);
    let escapes = shape.control || shape.backslash || shape.newline;
    if shape.plain {
        w.push('"');
        w.push_str(text);
        w.push('"');
    } else if !escapes && shape.double_quotes == 0 {
        basic(w, text, false);
    } else if !shape.control && !shape.newline && shape.single_quotes == 0 {
        literal(w, text, "'");
    } else if !escapes && shape.double_quotes <= 2 {
        basic(w, text, true);
    } else if !shape.control && !shape.newline && shape.single_quotes <= 2 {
        literal(w, text, "'''");
    } else {
        basic(w, text, false);
    }
}

/// `text` between `delimiter`s as it is.
fn literal(w: &mut String, text: &str, delimiter: &str) {
    w.push_str(delimiter);
    w.push_str(text);
    w.push_str(delimiter);
}

/// `text` as a basic string: `"` escaped in runs longer than the string form allows (none on
/// one line, two in a multi-line string), and `\`, line breaks and control characters escaped.
fn basic(w: &mut String, text: &str, multi_line: bool) {
    use std::fmt::Write;
    let delimiter = if multi_line { "\"\"\"" } else { "\"" };
    w.push_str(delimiter);
    let clean = |b: u8| b >= 0x20 && b != b'"' && b != b'\\' && b != 0x7f;
    if text.bytes().fold(true, |all, b| all & clean(b)) {
        w.push_str(text);
        w.push_str(delimiter);
        return;
    }
    let max_quotes = if multi_line { 2 } else { 0 };
    let mut quotes = 0;
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        quotes = if b == b'"' { quotes + 1 } else { 0 };
        let escape = match b {
            b'"' if quotes > max_quotes => "\\\"",
            0x08 => "\\b",
            b'\t' => "\\t",
            b'\n' => "\\n",
            0x0c => "\\f",
            b'\r' => "\\r",
            b'\\' => "\\\\",
            c if c <= 0x1f || c == 0x7f => "",
            _ => continue,
        };
        w.push_str(&text[start..i]);
        if escape.is_empty() {
            write!(w, "\\u{:04X}", b).expect("a String takes any text");
        } else {
            w.push_str(escape);
        }
        start = i + 1;
        // The toml crate counts a run of quotes afresh after each escape.
        quotes = 0;
    }
    w.push_str(&text[start..]);
    w.push_str(delimiter);
}

/// A table key: bare when it can be, else quoted as a string on one line would be.
fn key_text(w: &mut String, key: &str) {
    if !key.is_empty() && key.bytes().all(bare_key_byte) {
        w.push_str(key);
        return;
    }
    let shape = Shape::of(key);
    let control = shape.control || shape.newline;
    // Basic, unless it would need escapes that a literal string does without.
    let escapes = control || shape.backslash || shape.double_quotes > 0;
    if escapes && !control && shape.single_quotes == 0 {
        literal(w, key, "'");
    } else {
        basic(w, key, false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::{Figure, Post, Quote};

    fn meta(strings: &[&str]) -> Story {
        let text = |i: usize| strings[i % strings.len()].to_string();
        Story {
            id: "0123456789abcdef".into(),
            title: text(0),
            title_generated: true,
            date: Some("2024-05-01".into()),
            date_inferred: false,
            source: Some(text(1)),
            place: None,
            file: "seeds/a b.txt".into(),
            lines: vec![1, 35],
            slug: "a-slug".into(),
            kind: StoryKind::Live,
            draft: false,
            summary: text(2),
            authors: vec![text(3), text(4)],
            topics: vec!["defence".into()],
            people: Vec::new(),
            organisations: vec![text(5)],
            topic_scores: [
                ("defence".to_string(), 0.98),
                ("migration".to_string(), 0.0),
                ("x y".to_string(), 2.0),
                (text(6), 1e-7),
            ]
            .into_iter()
            .collect(),
            posts: vec![Post {
                time: "17:23".into(),
                title: text(7),
                author: Some(text(8)),
                role: None,
                label: Some(text(9)),
                paragraphs: vec!["not written".into()],
            }],
            quotes: vec![
                Quote {
                    text: text(10),
                    speaker: None,
                },
                Quote {
                    text: text(11),
                    speaker: Some(text(12)),
                },
            ],
            figures: vec![Figure {
                value: text(13),
                context: text(14),
            }],
        }
    }

    /// Strings that take every form of TOML string, and every escape.
    const AWKWARD: &[&str] = &[
        "plain words",
        "He said \"no\"",
        "it's",
        "both ' and \"",
        "a\nline break",
        "quote \"\"\" run",
        "tab\there",
        "back\\slash",
        "bell\u{7}and\u{7f}delete\r",
        "'''\" and \"\"\"\n",
        "\"\"",
        "ends with a quote\"",
        "",
        "£1.2bn – “curly” ‘quotes’",
        "key.with:dots/and slashes",
        "'single'",
    ];

    #[test]
    fn front_matter_is_written_as_the_toml_crate_writes_it() {
        for start in 0..AWKWARD.len() {
            let rotated: Vec<&str> = AWKWARD[start..]
                .iter()
                .chain(&AWKWARD[..start])
                .copied()
                .collect();
            let meta = meta(&rotated);
            let written = to_toml(&meta);
            // Line breaks are escaped where the toml crate writes multi-line strings.
            if !rotated.iter().any(|s| s.contains('\n')) {
                assert_eq!(written, toml::to_string(&meta).unwrap());
            }
            assert!(!written.contains("\n+++"), "{written}");
            // It reads back as it was, less what front matter does not hold.
            let read: Story = toml::from_str(&written).unwrap();
            let mut expected = meta.clone();
            expected.posts[0].paragraphs.clear();
            assert_eq!(format!("{read:?}"), format!("{expected:?}"));
        }
    }

    #[test]
    fn strings_without_line_breaks_are_written_as_the_toml_crate_writes_them() {
        let plain: Vec<&str> = AWKWARD
            .iter()
            .copied()
            .filter(|s| !s.contains('\n'))
            .collect();
        for start in 0..plain.len() {
            let rotated: Vec<&str> = plain[start..]
                .iter()
                .chain(&plain[..start])
                .copied()
                .collect();
            let meta = meta(&rotated);
            assert_eq!(to_toml(&meta), toml::to_string(&meta).unwrap());
        }
    }

    #[test]
    fn a_file_name_with_a_line_break_and_plus_signs_round_trips() {
        for file in [
            "seeds/a\n+++\nb.txt",
            "seeds/\r\n+++\r\n",
            "x\u{0}\u{1b}\u{7f}+++.txt",
        ] {
            let mut meta = meta(&["t"]);
            meta.file = file.to_string();
            meta.title = format!("title {file}");
            let page = crate::content::Page {
                path: "defence/x.md".into(),
                meta,
                body: "Body.\n".into(),
                generated_untouched: true,
                generated: true,
                front_matter: String::new(),
            };
            let text = crate::content::render_page(&page);
            let read = crate::content::parse_page("x.md", &text).unwrap();
            assert_eq!(read.meta.file, file);
            assert_eq!(read.meta.title, page.meta.title);
            assert!(read.generated_untouched, "{text}");
        }
    }

    #[test]
    fn empty_lists_and_tables_are_written_as_the_toml_crate_writes_them() {
        let mut meta = meta(&["t"]);
        meta.topic_scores.clear();
        meta.posts.clear();
        meta.quotes.clear();
        meta.figures.clear();
        meta.date = None;
        meta.kind = StoryKind::Article;
        assert_eq!(to_toml(&meta), toml::to_string(&meta).unwrap());
        meta.topic_scores.insert("defence".into(), f64::NAN);
        meta.topic_scores.insert("other".into(), -0.0);
        meta.topic_scores.insert("z".into(), f64::INFINITY);
        assert_eq!(to_toml(&meta), toml::to_string(&meta).unwrap());
    }
}
