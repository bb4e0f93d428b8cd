//! Live pages: a summary list followed by timed posts ("1. Titlepublished at 17:23 GMT"),
//! newest first, each with an optional label ("Analysis"), author and role.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::clean::Line;
use super::segment::{has_post_time_marker, post_time_marker};
use crate::text;

/// One timed post of a live page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Hash)]
pub struct Post {
    pub time: String,
    pub title: String,
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The post's paragraphs (Markdown body; not part of the JSON contract's post keys).
    #[serde(default, skip_serializing)]
    pub paragraphs: Vec<String>,
}

/// A live page read into its summary bullets and posts.
#[derive(Debug, Default)]
pub struct LivePage {
    /// The page's own headline, when it states one above the posts.
    pub headline: Option<String>,
    pub date: Option<String>,
    pub summary: Vec<String>,
    pub posts: Vec<Post>,
}

fn numbered() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| text::builtin_regex(r"^\d{1,3}\.\s+"))
}

fn bullet(text: &str) -> Option<&str> {
    text.strip_prefix('•')
        .or_else(|| text.strip_prefix("* "))
        .or_else(|| text.strip_prefix("- "))
        .map(str::trim)
}

/// Reads the text lines of a live page (furniture already removed).
pub fn read(lines: &[&Line]) -> LivePage {
    let mut page = LivePage::default();
    let mut i = 0;
    while i < lines.len() {
        let text = lines[i].trimmed();
        if let Some(m) = post_time_marker().captures(text) {
            let whole = m.get(0).expect("match");
            let time = m
                .get(1)
                .or(m.get(2))
                .expect("a time group matches")
                .as_str();
            let mut title = numbered()
                .replace(text[..whole.start()].trim(), "")
                .trim()
                .to_string();
            let label = pending_label(lines, i);
            if title.is_empty() {
                // A bare time line: the post's headline, if any, is the next short line.
                let next = lines.get(i + 1).map(|l| l.trimmed()).unwrap_or("");
                if super::extract::is_headline(next) && !has_post_time_marker(next) {
                    title = next.to_string();
                    i += 1;
                } else {
                    title = "Update".to_string();
                }
            }
            let mut post = Post {
                time: normalise_time(time),
                title,
                author: None,
                role: None,
                label,
                paragraphs: Vec::new(),
            };
            i += 1;
            // "Vicki Young" / "Deputy political editor" under the header.
            if i + 1 < lines.len()
                && is_author(lines[i].trimmed())
                && is_role(lines[i + 1].trimmed())
            {
                post.author = Some(lines[i].trimmed().to_string());
                post.role = Some(lines[i + 1].trimmed().to_string());
                i += 2;
            }
            page.posts.push(post);
            continue;
        }
        let is_label_for_next = numbered().is_match(text)
            && text::word_count(text) <= 4
            && lines
                .get(i + 1)
                .is_some_and(|n| has_post_time_marker(n.trimmed()));
        if is_label_for_next {
            i += 1;
            continue;
        }
        match page.posts.last_mut() {
            Some(post) => post.paragraphs.push(text.to_string()),
            None => {
                if page.summary.is_empty()
                    && page.headline.is_none()
                    && super::extract::is_headline(text)
                {
                    page.headline = Some(text.to_string());
                } else if let Some(date) = super::extract::timestamp(text) {
                    page.date = page.date.take().or(Some(date));
                } else if let Some(b) = bullet(text) {
                    page.summary.push(b.to_string());
                } else if !text.eq_ignore_ascii_case("summary")
                    && !text.eq_ignore_ascii_case("key points")
                {
                    page.summary.push(text.to_string());
                }
            }
        }
        i += 1;
    }
    page
}

/// "9.05" or "09:05" -> "09:05".
fn normalise_time(time: &str) -> String {
    let (h, m) = time.split_once([':', '.']).unwrap_or((time, "00"));
    format!("{:0>2}:{m}", h.trim())
}

/// The label line ("8. Analysis") just above a post header, if there is one.
fn pending_label(lines: &[&Line], i: usize) -> Option<String> {
    let previous = lines.get(i.checked_sub(1)?)?.trimmed();
    (numbered().is_match(previous) && text::word_count(previous) <= 4)
        .then(|| numbered().replace(previous, "").trim().to_string())
}

fn is_author(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !text.ends_with(['.', ':', '?', '!', '"', '”'])
}

fn is_role(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=6).contains(&words.len())
        && !text.ends_with(['.', ':', '?', '!', '"', '”'])
        && words[1..].iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c == '&')
        })
}
