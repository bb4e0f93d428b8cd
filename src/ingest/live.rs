//! Live pages: the summary above the posts, then timed posts (newest first, as pages print
//! them), each with its time, title, author and role, read off the paragraphs' roles.

use std::sync::OnceLock;

use crate::story::{Post, Story};
use regex::Regex;

use super::cues::{self, Cue};
use super::dates;
use super::layout::Role;
use super::page::Paragraph;
use super::{escape_markdown, extract, shape};
use crate::text;

/// A live page read into its summary and posts.
#[derive(Debug, Default)]
pub struct LivePage {
    /// Text above the first post: the page's summary bullets or opening paragraphs.
    pub summary: Vec<String>,
    pub posts: Vec<Post>,
}

/// A post's clock time ("17:23", "3.05pm", "12: 00").
fn clock() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        text::builtin_regex(r"(?i)\b([0-9]{1,2})\s?[:.]\s?([0-9]{2})\s*(am|pm|a\.m\.|p\.m\.)?")
    })
}

/// "published at 17:23 ...", glued to the post title it ends.
fn published_at() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        text::builtin_regex(r"(?i)\s*(?:published|posted) at [0-9]{1,2}[:.][0-9]{2}.*$")
    })
}

/// A post's number or label line: "3. ", "8. Analysis".
fn numbered() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| text::builtin_regex(r"^[0-9]{1,3}\.\s+"))
}

/// The time a marker states, as HH:MM (24-hour), if it states one.
fn time_of(text: &str) -> Option<String> {
    let c = clock().captures(text)?;
    let mut hour: u32 = c[1].parse().ok()?;
    let minute: u32 = c[2].parse().ok()?;
    if let Some(half) = c.get(3) {
        let pm = half.as_str().to_lowercase().starts_with('p');
        if pm && hour < 12 {
            hour += 12;
        } else if !pm && hour == 12 {
            hour = 0;
        }
    }
    (hour < 24 && minute < 60).then(|| format!("{hour:02}:{minute:02}"))
}

/// The author a post marker names: "09:12 , Tom Reed", "Sara Mills August 2, 2024 10:05".
fn author_of(text: &str) -> Option<String> {
    let text = dates::unglued(text);
    let name = match clock().find(&text) {
        Some(m) if m.start() == 0 => text[m.end()..].trim_start_matches([' ', ',', '|', '-', '–']),
        _ => {
            let cut = text
                .find(|c: char| c.is_ascii_digit())
                .unwrap_or(text.len());
            let before = &text[..cut];
            // Before the date: drop a month name the date opens with.
            before
                .trim_end()
                .rsplit_once(' ')
                .filter(|(_, last)| dates::find_date(&format!("{last} 1, 2000")).is_some())
                .map_or(before, |(name, _)| name)
        }
    };
    let name = name.trim();
    cues::name_shaped(name).then(|| name.to_string())
}

/// Reads a live story's paragraphs (with the roles its layout gave them) into its summary and
/// posts.
pub fn read(paragraphs: &[Paragraph], roles: &[Role]) -> LivePage {
    let mut page = LivePage::default();
    // A post's header may come in pieces (a time, then a title): they make one post until
    // text follows.
    let mut open_header = false;
    let mut pending_label: Option<String> = None;
    for (p, &role) in paragraphs.iter().zip(roles) {
        let text = p.shown();
        // A date or byline stamped with a clock time below the page's top is a post's.
        let stamped = matches!(&p.cue, Cue::PostTime { .. })
            || (matches!(role, Role::Date | Role::Byline)
                && dates::has_clock_time(text)
                && !(page.posts.is_empty() && page.summary.is_empty()));
        if role == Role::PostHeader || stamped {
            if !open_header {
                page.posts.push(Post {
                    time: String::new(),
                    title: String::new(),
                    author: None,
                    role: None,
                    label: pending_label.take(),
                    paragraphs: Vec::new(),
                });
                open_header = true;
            }
            let post = page.posts.last_mut().expect("a post was opened");
            let glued_title = published_at().is_match(text);
            if stamped || glued_title {
                if post.time.is_empty() {
                    post.time = time_of(text).unwrap_or_default();
                }
                if glued_title {
                    let title = published_at().replace(text, "");
                    let title = numbered().replace(title.trim(), "").trim().to_string();
                    if post.title.is_empty() && !title.is_empty() {
                        post.title = title;
                    }
                } else if post.author.is_none() {
                    post.author = author_of(text);
                }
            } else if post.title.is_empty() {
                post.title = numbered().replace(text, "").trim().to_string();
            }
            continue;
        }
        match (role, page.posts.last_mut()) {
            // "Vicki Young" / "Deputy political editor" under a post's header.
            (Role::Byline, Some(post)) if open_header => {
                if post.author.is_none() {
                    post.author = Some(text.to_string());
                } else if post.role.is_none() && is_role_line(text) {
                    post.role = Some(text.to_string());
                }
            }
            (Role::Body, None) => {
                let item = text.trim_start_matches(['•', '*', '-', '·']).trim();
                page.summary.push(item.to_string());
            }
            (Role::Body | Role::Subheading, Some(post)) => {
                open_header = false;
                post.paragraphs.push(text.to_string());
            }
            _ => {
                // A label line ("8. Analysis") just above a post header.
                if numbered().is_match(text) && text::word_count(text) <= 4 {
                    pending_label = Some(numbered().replace(text, "").trim().to_string());
                }
            }
        }
    }
    for post in &mut page.posts {
        if post.title.is_empty() {
            post.title = post
                .paragraphs
                .first()
                .map(|first| super::extract::generate_title(first.trim_start_matches('•').trim()))
                .unwrap_or_else(|| "Update".to_string());
        }
    }
    page
}

/// A job title under a post's author: a few words, in lower case after the first.
fn is_role_line(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=6).contains(&words.len())
        && !text.ends_with(['.', ':', '?', '!', '"', '”'])
        && words[1..].iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c == '&')
        })
}

/// Reads a live page's story: its posts, summary, headline and body (into `story_body`);
/// returns all of its paragraphs for extraction.
pub fn read_story(
    story: &mut Story,
    story_body: &mut String,
    paragraphs: &[Paragraph],
    roles: &[Role],
) -> Vec<String> {
    let page = read(paragraphs, roles);
    let mut read: Vec<String> = page.summary.clone();
    let mut body = String::new();
    if !page.summary.is_empty() {
        body.push_str("## Summary\n\n");
        for item in &page.summary {
            body.push_str(&format!("- {}\n", escape_markdown(item)));
        }
        body.push('\n');
    }
    for post in &page.posts {
        let label = post
            .label
            .as_deref()
            .map(|l| format!("{l}: "))
            .unwrap_or_default();
        body.push_str(&format!(
            "## {} {}{}\n\n",
            post.time,
            escape_markdown(&label),
            escape_markdown(&post.title)
        ));
        if let Some(author) = &post.author {
            let role = post
                .role
                .as_deref()
                .map(|r| format!(", {r}"))
                .unwrap_or_default();
            body.push_str(&format!(
                "*{}{}*\n\n",
                escape_markdown(author),
                escape_markdown(&role)
            ));
        }
        for paragraph in &post.paragraphs {
            match paragraph.strip_prefix('•') {
                Some(item) => body.push_str(&format!("- {}\n", escape_markdown(item.trim()))),
                None => body.push_str(&format!("{}\n\n", escape_markdown(paragraph))),
            }
        }
        body.push('\n');
        read.extend(
            post.paragraphs
                .iter()
                .map(|p| p.trim_start_matches('•').trim().to_string()),
        );
    }
    // Summary bullets read as sentences once each ends with a full stop.
    story.summary = page
        .summary
        .iter()
        .take(2)
        .map(|b| {
            if shape::Shape::of(b).terminal() {
                b.clone()
            } else {
                format!("{b}.")
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    if story.title.is_empty() {
        if let Some(first) = page
            .summary
            .first()
            .or(page.posts.first().map(|p| &p.title))
        {
            story.title = extract::generate_title(first);
            story.title_generated = true;
        }
    }
    *story_body = body.trim_end().to_string();
    story.posts = page.posts;
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_times_are_read_in_24_hours() {
        for (marker, time) in [
            ("16:45", Some("16:45")),
            ("3.05pm", Some("15:05")),
            ("11.42am BST", Some("11:42")),
            ("12: 00", Some("12:00")),
            ("09:12 , Tom Reed", Some("09:12")),
            (
                "That's a wrap published at 17:23 Greenwich Mean Time",
                Some("17:23"),
            ),
            ("5h ago", None),
        ] {
            assert_eq!(time_of(marker).as_deref(), time, "{marker}");
        }
    }

    #[test]
    fn post_authors_are_read_off_their_stamps() {
        assert_eq!(author_of("09:12 , Tom Reed").as_deref(), Some("Tom Reed"));
        assert_eq!(
            author_of("Laura Pike7 October 2025 08:30").as_deref(),
            Some("Laura Pike")
        );
        assert_eq!(
            author_of("Sara MillsAugust 2, 2024 10:05").as_deref(),
            Some("Sara Mills")
        );
        assert_eq!(author_of("16:45"), None);
    }
}
