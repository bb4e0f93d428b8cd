//! Text made safe for HTML and XML that is written without a template engine: escaped, and
//! stripped of the characters XML cannot carry.

/// `text` escaped for HTML or XML, in element content and in quoted attributes alike.
pub fn escape_markup(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
}

/// `text` without the characters XML 1.0 forbids (C0 controls other than tab, line feed and
/// carriage return; U+FFFE and U+FFFF), which no escape can carry.
pub fn xml_safe(text: String) -> String {
    let forbidden = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if text.contains(forbidden) {
        text.replace(forbidden, "")
    } else {
        text
    }
}
