//! Syntax highlighting of fenced code with syntect, as CSS classes. The syntax definitions
//! load once, and only when a page has a code block; the stylesheet is generated from a
//! syntect theme and written only when some page needs it.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// A fenced code block as highlighted HTML (plain, escaped text for unknown languages).
pub fn code_block(code: &str, lang: &str) -> String {
    let set = syntaxes();
    let syntax = set
        .find_syntax_by_token(lang)
        .unwrap_or_else(|| set.find_syntax_plain_text());
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            // A grammar failure should not lose the code: show it unhighlighted.
            return plain_block(code);
        }
    }
    let lang_class = if lang.is_empty() {
        String::new()
    } else {
        format!(" data-lang=\"{}\"", crate::markup::escape_markup(lang))
    };
    format!(
        "<pre class=\"code\"{lang_class}><code>{}</code></pre>\n",
        generator.finalize()
    )
}

/// A code block as plain, escaped text, for blocks too long to highlight.
pub fn plain_block(code: &str) -> String {
    format!(
        "<pre class=\"code\"><code>{}</code></pre>\n",
        crate::markup::escape_markup(code)
    )
}

/// The stylesheet for highlighted code: a light theme, and a dark one for dark mode.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let light = css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], CLASS_STYLE)
        .unwrap_or_default();
    let dark = css_for_theme_with_class_style(&themes.themes["base16-ocean.dark"], CLASS_STYLE)
        .unwrap_or_default();
    format!("{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n")
}
