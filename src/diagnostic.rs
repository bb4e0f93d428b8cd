//! Error messages that point into a file: `file:line:column: what`, then the line itself with
//! a caret under the spot, as compilers print them, so a typo is found without searching.

use std::ops::Range;
use std::path::Path;

use anyhow::anyhow;

/// A path as the user typed it: `./content/x.md` reads better as `content/x.md`.
pub fn shown(path: &Path) -> String {
    match path.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.display().to_string(),
        _ => path.display().to_string(),
    }
}

/// `path:line:column: message` and the line of `text` holding `span` with carets under it,
/// drawn by annotate-snippets, which counts a wide (CJK) character as two columns as a
/// terminal draws it, so the caret stays under the spot.
pub fn at(path: &str, text: &str, span: Range<usize>, message: &str) -> String {
    use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let number = text[..start].matches('\n').count() + 1;
    let column = text[line_start..start].chars().count() + 1;
    let end = floor_char_boundary(text, span.end.clamp(start, line_end));
    // An empty span still gets a caret: under the character it points at.
    let end = if end == start {
        text[start..line_end]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8())
    } else {
        end
    };
    let snippet = Snippet::source(&text[line_start..line_end])
        .line_start(number)
        .annotation(AnnotationKind::Primary.span(start - line_start..end - line_start));
    let drawn = Renderer::plain().render(&[Group::with_level(Level::ERROR).element(snippet)]);
    format!("{path}:{number}:{column}: {message}\n{}", drawn.trim_end())
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A TOML error in `text` (the whole file) as a pointed message. `offset` is where the part
/// given to the parser starts in `text`; `what` says which part (`invalid config`); `top`
/// names the top-level table in messages about keys (`config.toml`, `front matter`).
pub fn toml_error(
    path: &str,
    text: &str,
    offset: usize,
    error: &toml::de::Error,
    what: &str,
    top: &str,
) -> anyhow::Error {
    let span = error
        .span()
        .map_or(offset..offset, |s| s.start + offset..s.end + offset);
    let raw = error.message().trim();
    if let Some(message) = unknown_key(raw, text, span.start, top) {
        return anyhow!("{}", at(path, text, span, &message));
    }
    if let Some(key) = raw
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        // A missing top-level key has no line to show; one of a table points at its header.
        let header_end = text[span.start..]
            .find('\n')
            .map_or(text.len(), |i| span.start + i);
        return match table_at(text, header_end).filter(|_| span.start > offset) {
            Some(table) => {
                let message = format!("{what}: missing key \"{key}\" in {table}; add it");
                anyhow!("{}", at(path, text, span.start..span.start, &message))
            }
            None => anyhow!("{path}: {what}: missing key \"{key}\" in {top}; add it"),
        };
    }
    let last = raw.lines().last().unwrap_or(raw);
    for (closer, opener, kind) in [("`]`", '[', "array"), ("`}`", '{', "inline table")] {
        if last == format!("expected {closer}") {
            if let Some(open) = unclosed(&text[offset..span.start.max(offset)], opener) {
                let message = format!("{what}: expected {closer} to close this {kind}");
                return anyhow!(
                    "{}",
                    at(path, text, offset + open..offset + open + 1, &message)
                );
            }
        }
    }
    let message = raw.lines().map(str::trim).collect::<Vec<_>>().join(": ");
    anyhow!("{}", at(path, text, span, &format!("{what}: {message}")))
}

/// serde's "unknown field `x`, expected one of `a`, `b`" as a message naming the closest
/// known key, or listing them when none is close.
fn unknown_key(raw: &str, text: &str, at: usize, top: &str) -> Option<String> {
    let rest = raw.strip_prefix("unknown field `")?;
    let (key, expected) = rest.split_once('`')?;
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let table = table_at(text, at).unwrap_or_else(|| top.to_string());
    let message = match closest(key, &known) {
        Some(best) => format!("unknown key \"{key}\" in {table}; did you mean \"{best}\"?"),
        None if known.is_empty() => format!("unknown key \"{key}\" in {table}; it takes no keys"),
        None => format!(
            "unknown key \"{key}\" in {table}; known keys are: {}",
            known.join(", ")
        ),
    };
    Some(message)
}

/// The known key nearest to a misspelt one, if any is near enough to be what was meant.
pub fn closest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    let limit = (key.chars().count() / 3).max(2);
    known
        .iter()
        .map(|k| (strsim::osa_distance(key, k), *k))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, k)| k)
}

/// The `[table]` or `[[table]]` header in force at byte `at`, as written.
fn table_at(text: &str, at: usize) -> Option<String> {
    text[..at.min(text.len())]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && l.contains(']'))
        .map(|l| {
            let end = l.rfind(']').map_or(l.len(), |i| i + 1);
            l[..end].to_string()
        })
}

/// Byte offset of the last `opener` left open in TOML `text`, skipping strings and comments.
fn unclosed(text: &str, opener: char) -> Option<usize> {
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '#' => {
                while chars.peek().is_some_and(|&(_, c)| c != '\n') {
                    chars.next();
                }
            }
            '"' | '\'' => {
                while let Some((_, s)) = chars.next() {
                    if s == '\\' && c == '"' {
                        chars.next();
                    } else if s == c || s == '\n' {
                        break;
                    }
                }
            }
            '[' | '{' => open.push((i, c)),
            ']' | '}' => {
                open.pop();
            }
            _ => {}
        }
    }
    open.pop().filter(|&(_, c)| c == opener).map(|(i, _)| i)
}

/// A Tera error as `templates/NAME:line:column: template error: what`, with the line and a
/// caret under the place. Tera gives the place of a syntax or rendering error; a reference
/// it cannot resolve (an unknown filter or component) comes as its own report, whose first
/// ` --> NAME:line:column` is read.
pub fn template_error(templates_dir: &Path, error: &tera::Error) -> anyhow::Error {
    if let tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) =
        error.kind()
    {
        let (path, text) = template_text(templates_dir, report.filename());
        let range = report.span().range.clone();
        let mut message = format!("template error: {}", report.message());
        // A template written for Tera 1: say what replaced its macros.
        if matches!(
            text.get(range.clone()),
            Some("macro" | "endmacro" | "import")
        ) {
            message.push_str(
                "; Tera 2 has components instead of macros: `{% component card(story) %}…{% endcomponent card %}`, used as `{{ <card story={s} /> }}` (see the built-in templates/components.html)",
            );
        }
        return anyhow!("{}", at(&path, &text, range, &message));
    }
    let mut messages = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        messages.push(cause.to_string());
        source = cause.source();
    }
    let report = &messages[0];
    let what = report.lines().next().unwrap_or_default();
    let what = what.strip_prefix("error: ").unwrap_or(what);
    let place = report
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))
        .and_then(|p| {
            let mut parts = p.rsplitn(3, ':');
            let column = parts.next()?.parse::<usize>().ok()?;
            let line = parts.next()?.parse::<usize>().ok()?;
            Some((parts.next()?.to_string(), line, column))
        });
    if let Some((name, line, column)) = place {
        let (path, text) = template_text(templates_dir, &name);
        let offset = offset_of(&text, line, column);
        let message = format!("template error: {what}");
        return anyhow!("{}", at(&path, &text, offset..offset, &message));
    }
    anyhow!(
        "{}: template error: {}",
        shown(templates_dir),
        messages.join(": ")
    )
}

/// A template's text and how to name it: the site's file, else the built-in one.
fn template_text(templates_dir: &Path, name: &str) -> (String, String) {
    let file = templates_dir.join(name);
    match std::fs::read_to_string(&file) {
        Ok(text) => (shown(&file), text),
        Err(_) => (
            format!("built-in template {name}"),
            crate::assets::TEMPLATES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| t.to_string())
                .unwrap_or_default(),
        ),
    }
}

/// Byte offset of a 1-based line and column in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    text[line_start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caret_marks_the_span_on_its_line() {
        let text = "a = 1\ntitel = \"x\"\n";
        assert_eq!(
            at("config.toml", text, 6..11, "unknown key"),
            "config.toml:2:1: unknown key\n  |\n2 | titel = \"x\"\n  | ^^^^^"
        );
    }

    #[test]
    fn the_caret_stays_under_the_spot_after_wide_characters() {
        let text = "title = \"北京会议\" x = 1\n";
        let at_x = text.find('x').unwrap();
        let shown = at("x.md", text, at_x..at_x + 1, "unknown key");
        let lines: Vec<&str> = shown.lines().collect();
        let source = lines.iter().find(|l| l.contains("北京")).unwrap();
        let caret = lines.last().unwrap();
        let width = |s: &str| -> usize {
            s.chars()
                .map(|c| {
                    if ('\u{4e00}'..='\u{9fff}').contains(&c) {
                        2
                    } else {
                        1
                    }
                })
                .sum()
        };
        let x_column = width(&source[..source.find('x').unwrap()]);
        assert_eq!(
            width(&caret[..caret.find('^').unwrap()]),
            x_column,
            "{shown}"
        );
    }

    #[test]
    fn the_unclosed_bracket_is_found_past_strings_and_comments() {
        let text = "a = \"[\" # [\nb = [1, [2]\n";
        assert_eq!(unclosed(text, '['), Some(16));
    }

    #[test]
    fn a_misspelt_key_finds_its_neighbour_and_nonsense_finds_none() {
        let known = ["title", "description", "base_url"];
        assert_eq!(closest("titel", &known), Some("title"));
        assert_eq!(closest("baseurl", &known), Some("base_url"));
        assert_eq!(closest("colour", &known), None);
    }
}
