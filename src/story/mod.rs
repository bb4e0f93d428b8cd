//! The stage contract: what the pipeline's stages hand each other. Ingest makes
//! [`StoryRecord`]s, `ingest --jsonl` prints them and `--from-jsonl` reads them back, content
//! writes a record's [`Story`] as a page's front matter and reads it back, and the site reads
//! the pages. Types, their serialised forms (front matter is content's; JSON and JSON lines
//! are in [`json`]) and the slug a story's page is named by: no stage's logic lives here,
//! and this module imports no stage.

pub mod json;
pub mod slug;

pub use slug::{slugify, MAX_SLUG_LEN};

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::text::WordTally;

/// Everything known about a story but its text: what ingest extracted and what a content
/// page's front matter holds, key for key (content/front_matter.rs writes it in this order).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    /// The story's id: a hash of its text, set when content writes its page (see
    /// `content::story_id`); empty on hand-written pages, older ones and ingest's records.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub title_generated: bool,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub date_inferred: bool,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub place: Option<String>,
    /// The raw file the story came from (relative to the project), and its first and last
    /// line there.
    #[serde(default)]
    pub file: String,
    #[serde(default)]
    pub lines: Vec<usize>,
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub kind: StoryKind,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub authors: Vec<String>,
    pub topics: Vec<String>,
    #[serde(default)]
    pub people: Vec<String>,
    #[serde(default)]
    pub organisations: Vec<String>,
    #[serde(default)]
    pub topic_scores: BTreeMap<String, f64>,
    #[serde(default)]
    pub posts: Vec<Post>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    #[serde(default)]
    pub figures: Vec<Figure>,
}

/// One story as ingest makes it: its [`Story`], its text as Markdown and the lines removed
/// from it as furniture. `ingest --jsonl` prints one per line; `ingest --from-jsonl` reads
/// them back.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoryRecord {
    #[serde(flatten)]
    pub story: Story,
    /// The cleaned story text as Markdown.
    pub body: String,
    #[serde(default)]
    pub removed: Vec<Removed>,
    /// The tally of the body's words, made from the paragraphs ingest read (an article's;
    /// `None` for a live page or a record read back), so the site need not stem the body
    /// again. The site makes the same tally from the body when it is absent.
    #[serde(skip)]
    pub body_words: Option<WordTally>,
}

/// Whether a story is an ordinary article or a live page of timed posts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StoryKind {
    #[default]
    Article,
    Live,
}

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

/// A quotation and who said it, when the text says.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Hash)]
pub struct Quote {
    pub text: String,
    pub speaker: Option<String>,
}

/// A key figure (percentage, sum of money, count, target year) and the sentence it is in.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Hash)]
pub struct Figure {
    pub value: String,
    pub context: String,
}

/// A line that ingest removed as page furniture, as reported in `removed` and the build
/// report: its number, its text and why (`caption: picture credit`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Removed {
    pub line: usize,
    pub text: String,
    pub rule: String,
}

/// What ingest removed from one raw file as page furniture, for the build report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileCleaning {
    pub file: String,
    /// How many stories the file gave.
    pub stories: usize,
    pub removed: Vec<Removed>,
    /// Why the file was skipped, when it could not be read as article text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}
