//! Ingest: raw scraped article files -> structured stories.
//!
//! Each file is read into a page of paragraphs, each with its shape and what its own words
//! say (`page`, `shape`, `cues`, `dates`), split into stories (`segment`), and each story's
//! paragraphs are read as an editor reads them (`layout`: headline, standfirst, bylines,
//! dates, captions, links to other stories, furniture, body; `live` for live pages). Then its
//! facts are extracted (`extract`, `names`) and its topics scored (`classify`). Files are
//! processed in parallel; the result is in file order.

pub mod classify;
pub mod cues;
pub mod dates;
pub mod entities;
pub mod extract;
pub mod layout;
pub mod lexicon;
pub mod live;
pub mod names;
pub mod page;
pub mod quotes;
pub mod reader;
pub mod segment;
pub mod shape;
pub mod source;
pub mod wire;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use anyhow::Result;
use rayon::prelude::*;

use crate::config::Config;
use crate::story::{FileCleaning, Removed, Story, StoryKind, StoryRecord, MAX_SLUG_LEN};
use crate::text::{self, WordTally};
use classify::Classifier;
use cues::{Cue, Cues};
use entities::Entities;
use layout::{Layout, Role};
use page::{Page, Paragraph};

/// Most key figures kept per story.
const MAX_FIGURES: usize = 8;

/// The build report of `stories` (in file order): one entry per file. The removed lines
/// are taken out of the stories, which a large digest cannot afford to hold twice.
pub fn cleaning_report(stories: &mut [StoryRecord]) -> Vec<FileCleaning> {
    let mut files: Vec<FileCleaning> = Vec::new();
    for story in stories {
        let removed = std::mem::take(&mut story.removed);
        match files.last_mut() {
            Some(last) if last.file == story.story.file => {
                last.stories += 1;
                last.removed.extend(removed);
            }
            _ => files.push(FileCleaning {
                file: story.story.file.clone(),
                stories: 1,
                removed,
                skipped: None,
            }),
        }
    }
    files
}

/// One line of a file as ingest read it (see [`Ingester::explain`]).
#[derive(Debug, Clone)]
pub struct LineReading {
    pub line: usize,
    pub story: usize,
    pub role: Role,
    pub reason: &'static str,
    pub text: String,
}

/// A file's text read: its page, and each story's paragraphs (a range of the page's) with
/// their layout.
struct Reading {
    page: Page,
    stories: Vec<(std::ops::Range<usize>, Layout)>,
}

/// What ingest needs, built once per run.
pub struct Ingester {
    cues: Cues,
    classifier: Classifier,
    tuning: crate::config::Tuning,
    outlets: BTreeMap<String, String>,
}

impl Ingester {
    pub fn new(config: &Config) -> Result<Ingester> {
        Ok(Ingester {
            cues: Cues::new(&config.ingest)?,
            classifier: Classifier::new(config),
            tuning: config.ingest.tuning.clone(),
            outlets: config.ingest.outlets.clone(),
        })
    }

    /// Ingests files in parallel; `label` turns a path into the `file` shown in output.
    /// A file that cannot be read as article text (unreadable, binary, empty, in another
    /// encoding) is skipped with a warning and returned for the build report; with `strict`
    /// it fails the whole run before anything is written.
    pub fn ingest_files(
        &self,
        files: &[PathBuf],
        label: impl Fn(&Path) -> String + Sync,
        strict: bool,
    ) -> Result<(Vec<StoryRecord>, Vec<FileCleaning>)> {
        // Each file's label, and its stories with the warnings reading it gave, or its error.
        type FileResult = (String, Result<(Vec<StoryRecord>, Vec<String>)>);
        let per_file: Vec<FileResult> = files
            .par_iter()
            .with_max_len(crate::FILES_PER_JOB)
            .map(|path| {
                let file = label(path);
                let read = reader::read_article(path, &file).and_then(|article| {
                    let sidecar = source::read_sidecar(path)?;
                    let mut stories = self.ingest_text(&file, &article.text);
                    if let Some(sidecar) = &sidecar {
                        self.apply_sidecar(&mut stories, sidecar);
                    }
                    let mut warnings = article.warnings;
                    if stories.is_empty() {
                        warnings.push(format!(
                            "{}: no article text left after removing page furniture; nothing ingested (see report.html)",
                            path.display()
                        ));
                    }
                    Ok((stories, warnings))
                });
                (file, read)
            })
            .collect();
        // Results and warnings in file order, whatever order the threads finished in.
        let mut stories = Vec::with_capacity(files.len());
        let mut skipped = Vec::new();
        for (file, result) in per_file {
            let (file_stories, warnings) = match result {
                Err(e) if !strict => {
                    crate::warn(&format!(
                        "{e:#}; skipped (listed in report.html; --strict stops here instead)"
                    ));
                    skipped.push(FileCleaning {
                        file,
                        stories: 0,
                        removed: Vec::new(),
                        skipped: Some(format!("{e:#}")),
                    });
                    continue;
                }
                other => other?,
            };
            for warning in warnings {
                crate::warn(&warning);
            }
            stories.extend(file_stories);
        }
        assign_unique_slugs(&mut stories);
        Ok((stories, skipped))
    }

    /// Ingests one file's text.
    pub fn ingest_text(&self, file: &str, text: &str) -> Vec<StoryRecord> {
        let reading = self.read(text);
        let mut stories = Vec::with_capacity(reading.stories.len());
        for (i, (range, layout)) in reading.stories.iter().enumerate() {
            let paragraphs = &reading.page.paragraphs[range.clone()];
            // A story is its headline or its text: a stretch of furniture alone is none.
            if layout
                .roles
                .iter()
                .all(|(role, _)| !matches!(role, Role::Headline | Role::Body | Role::PostHeader))
            {
                continue;
            }
            // The page's top belongs to its first story; a story ends with its last
            // paragraph that is not noise (the noise after it is still reported with it).
            let first = if i == 0 { 1 } else { paragraphs[0].first };
            let last = paragraphs
                .iter()
                .zip(&layout.roles)
                .rev()
                .find(|(_, (role, _))| !role.is_noise())
                .map_or(paragraphs.last().map_or(first, |p| p.last), |(p, _)| p.last);
            stories.push(self.build_story(file, &reading.page, paragraphs, layout, [first, last]));
        }
        date_from_page_head(&mut stories);
        stories
    }

    /// What the scraper's sidecar says wins over what the text says: the outlet (or the one
    /// its address's domain names) and the date.
    fn apply_sidecar(&self, stories: &mut [StoryRecord], sidecar: &source::Sidecar) {
        let outlet = sidecar.outlet.clone().or_else(|| {
            sidecar
                .url
                .as_deref()
                .and_then(|url| source::outlet_of_url(url, &self.outlets))
        });
        for StoryRecord { story, .. } in stories {
            if let Some(outlet) = &outlet {
                story.source = Some(outlet.clone());
            }
            if let Some(date) = &sidecar.date {
                story.date = Some(date.clone());
                story.date_inferred = false;
            }
        }
    }

    /// What ingest made of each line of a file's text: its story (1, 2, ...), its role and
    /// why, for `digest ingest --explain`.
    pub fn explain(&self, text: &str) -> Vec<LineReading> {
        let reading = self.read(text);
        let mut lines = Vec::new();
        for (i, (range, layout)) in reading.stories.iter().enumerate() {
            for (p, (role, reason)) in reading.page.paragraphs[range.clone()]
                .iter()
                .zip(&layout.roles)
            {
                for (line, text) in p.lines() {
                    lines.push(LineReading {
                        line,
                        story: i + 1,
                        role: *role,
                        reason,
                        text: text.to_string(),
                    });
                }
            }
        }
        lines
    }

    /// Reads a file's text into its page and its stories' layouts.
    fn read(&self, text: &str) -> Reading {
        let mut page = page::read(text, &self.cues);
        let (starts, mut whole) = self.story_starts(&mut page);
        let n = page.paragraphs.len();
        let mut stories = Vec::with_capacity(starts.len());
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(n);
            let layout = match whole.take() {
                Some(layout) => layout,
                None => {
                    let slice = &mut page.paragraphs[start..end];
                    page::mark_repeats(slice);
                    page::measure_topic(slice);
                    layout::read(slice, page.live, end == n, &self.tuning)
                }
            };
            stories.push((start..end, layout));
        }
        Reading { page, stories }
    }

    /// Where the page's stories begin (paragraph indices, the first 0), and the whole page's
    /// layout when it is one story.
    fn story_starts(&self, page: &mut Page) -> (Vec<usize>, Option<Layout>) {
        if page.paragraphs.is_empty() {
            return (Vec::new(), None);
        }
        if !page.live {
            if let Some(starts) = segment::listing_starts(&page.paragraphs, &self.tuning) {
                return (starts, None);
            }
        }
        let whole = layout::read(&page.paragraphs, page.live, true, &self.tuning);
        if page.live {
            return (vec![0], Some(whole));
        }
        // A headline with its own byline or date line, after another story's text.
        let headed = segment::headed_starts(&page.paragraphs);
        let mut starts = vec![0];
        // A page with no headline on top: its first text is split where its words change
        // subject.
        if whole.headline.is_none() {
            let end = headed.first().copied().unwrap_or(page.paragraphs.len());
            let text: Vec<usize> = (0..end)
                .filter(|&k| whole.roles[k].0 == Role::Body)
                .collect();
            let texts: Vec<&str> = text.iter().map(|&k| page.paragraphs[k].shown()).collect();
            let groups = if segment::is_summary_list(&texts, &self.classifier, &self.tuning) {
                // Each summary is a story of its own (none is a teaser).
                starts.extend(text.iter().skip(1));
                Vec::new()
            } else {
                segment::split_by_words(&texts, &self.classifier, &self.tuning)
            };
            for (i, group) in groups.iter().enumerate() {
                let first = text[group[0]];
                if group.len() == 1 && groups.len() > 1 {
                    // A lone paragraph between two stories is a teaser for a third, no story.
                    page.paragraphs[first].cue = Cue::Teaser;
                } else if i > 0 {
                    starts.push(first);
                }
            }
        }
        starts.extend(headed);
        starts.dedup();
        if starts.len() == 1 && !page.paragraphs.iter().any(|p| p.cue == Cue::Teaser) {
            return (starts, Some(whole));
        }
        (starts, None)
    }

    fn build_story(
        &self,
        file: &str,
        page: &Page,
        paragraphs: &[Paragraph],
        layout: &Layout,
        span: [usize; 2],
    ) -> StoryRecord {
        let mut story = Story {
            id: String::new(),
            file: file.to_string(),
            lines: span.to_vec(),
            slug: String::new(),
            title: String::new(),
            title_generated: false,
            date: layout.date.clone().or_else(|| page.date.clone()),
            date_inferred: false,
            source: None,
            place: None,
            authors: Vec::new(),
            topics: Vec::new(),
            topic_scores: BTreeMap::new(),
            kind: if page.live {
                StoryKind::Live
            } else {
                StoryKind::Article
            },
            draft: false,
            posts: Vec::new(),
            summary: String::new(),
            quotes: Vec::new(),
            figures: Vec::new(),
            people: Vec::new(),
            organisations: Vec::new(),
        };
        let removed = removed_lines(paragraphs, layout);
        let mut body = String::new();
        let mut body_words = None;
        if let Some(h) = layout.headline {
            story.title = paragraphs[h].shown().to_string();
        }
        let roles: Vec<Role> = layout.roles.iter().map(|(r, _)| *r).collect();
        let mut standfirst = None;
        for (p, (role, reason)) in paragraphs.iter().zip(&layout.roles) {
            match role {
                // A live post's author is the post's, not the page's.
                Role::Byline if !reason.starts_with("post author") => {
                    let (authors, agency) = self.cues.byline(p.shown());
                    for author in authors {
                        if !story.authors.contains(&author) {
                            story.authors.push(author);
                        }
                    }
                    story.source = story.source.take().or(agency);
                }
                Role::Standfirst if standfirst.is_none() => standfirst = Some(p.shown()),
                _ => {}
            }
        }
        let (paragraphs_read, evidence) = match story.kind {
            StoryKind::Live => {
                let read = live::read_story(&mut story, &mut body, paragraphs, &roles);
                let words =
                    text::StemmedWords::of(&format!("{}\n{}", story.title, read.join("\n")));
                let evidence = self.classifier.evidence(&words);
                (read, evidence)
            }
            StoryKind::Article => {
                let (read, blocks) = article_body(paragraphs, &roles);
                let blocks: Vec<String> = blocks
                    .iter()
                    .map(|(heading, text)| {
                        if *heading {
                            format!("## {}", escape_markdown(text))
                        } else {
                            escape_markdown(text)
                        }
                    })
                    .collect();
                // The words as the page shows them (a heading's first word after its "##"
                // is read as the page's reader reads it).
                let words: Vec<text::StemmedWords> = blocks
                    .iter()
                    .map(|block| text::StemmedWords::with_names(block))
                    .collect();
                body = blocks.join("\n\n");
                let mut evidence = self.classifier.evidence(&text::StemmedWords::of(&format!(
                    "{}\n{}",
                    story.title,
                    standfirst.unwrap_or("")
                )));
                for w in &words {
                    evidence.add(&self.classifier.evidence(w));
                }
                body_words = Some(WordTally::of(words.iter()));
                (read, evidence)
            }
        };
        if let Some(first) = paragraphs_read.first() {
            if let Some((place, source)) = wire::dateline(first) {
                story.place = place;
                story.source = story.source.take().or(source);
            }
        }
        if story.source.is_none() {
            story.source = paragraphs_read
                .iter()
                .rev()
                .take(2)
                .find_map(|p| wire::signature_source(p));
        }
        if story.source.is_none() {
            // A copyright line the page's furniture carries names its outlet.
            story.source = removed
                .iter()
                .filter(|r| r.rule.starts_with("furniture"))
                .find_map(|r| source::copyright_owner(&r.text));
        }
        // Quotes and names are read in the standfirst, a live page's post titles, and a
        // headline written as a sentence (a Title Case one capitalises every word).
        let mut read: Vec<String> = Vec::with_capacity(paragraphs_read.len() + 2);
        if !story.title.is_empty() && is_sentence_case(&story.title) {
            read.push(story.title.clone());
        }
        read.extend(standfirst.map(str::to_string));
        match story.kind {
            StoryKind::Live => {
                let summary = paragraphs_read.len()
                    - story
                        .posts
                        .iter()
                        .map(|p| p.paragraphs.len())
                        .sum::<usize>();
                read.extend(paragraphs_read[..summary].iter().cloned());
                for post in &story.posts {
                    read.push(post.title.clone());
                    read.extend(
                        post.paragraphs
                            .iter()
                            .map(|p| p.trim_start_matches('•').trim().to_string()),
                    );
                }
            }
            StoryKind::Article => read.extend(paragraphs_read.iter().cloned()),
        }
        let entities = Entities::find(&read, story.source.as_deref());
        story.quotes = quotes::quotes(&read, &entities);
        story.figures = extract::figures(&read, MAX_FIGURES);
        story.people = entities.people.clone();
        story.organisations = entities.organisations.clone();
        let classification = self.classifier.decide(&evidence);
        story.topics = classification.topics;
        story.topic_scores = classification.scores;
        if story.summary.is_empty() {
            story.summary = match standfirst {
                Some(s) => s.to_string(),
                None => extract::summary(&paragraphs_read),
            };
        }
        if story.title.is_empty() {
            let lead = standfirst
                .or(paragraphs_read.first().map(String::as_str))
                .unwrap_or("");
            story.title = extract::generate_title(lead);
            story.title_generated = true;
        }
        // A post's paragraphs are in the body now; the record carries the posts' headers.
        for post in &mut story.posts {
            post.paragraphs = Vec::new();
        }
        StoryRecord {
            story,
            body,
            removed,
            body_words,
        }
    }
}

/// Whether a headline is written as a sentence, most of its longer words in small letters
/// after the first ("Minister backs plan for new ferry"), not in Title Case.
fn is_sentence_case(title: &str) -> bool {
    let words: Vec<&str> = title
        .split_whitespace()
        .skip(1)
        .filter(|w| w.chars().count() > 3)
        .collect();
    let capitalised = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    !words.is_empty() && capitalised * 2 < words.len()
}

/// The lines of a story's paragraphs removed as noise, each with why.
/// The stories of a page that state no date take the date its first story states, marked
/// inferred: a newsletter or briefing dates its issue once, at its head, for every item.
fn date_from_page_head(stories: &mut [StoryRecord]) {
    let Some((head, rest)) = stories.split_first_mut() else {
        return;
    };
    let head = &head.story;
    let Some(date) = head.date.as_ref().filter(|_| !head.date_inferred) else {
        return;
    };
    for StoryRecord { story, .. } in rest.iter_mut().filter(|s| s.story.date.is_none()) {
        story.date = Some(date.clone());
        story.date_inferred = true;
    }
}

fn removed_lines(paragraphs: &[Paragraph], layout: &Layout) -> Vec<Removed> {
    let mut removed = Vec::new();
    for (p, (role, reason)) in paragraphs.iter().zip(&layout.roles) {
        if !role.is_noise() {
            continue;
        }
        let kind = match role {
            Role::Caption => "caption",
            Role::Related => "related",
            _ => "furniture",
        };
        let rule = match &p.cue {
            Cue::Furniture(rule) if !rule.is_empty() => format!("{kind}: {reason} ({rule})"),
            _ => format!("{kind}: {reason}"),
        };
        for (line, text) in p.lines() {
            removed.push(Removed {
                line,
                text: text.to_string(),
                rule: rule.clone(),
            });
        }
    }
    removed
}

/// An article's body: its text paragraphs (for extraction) and its blocks in order, each a
/// heading or a paragraph, as shown.
fn article_body(paragraphs: &[Paragraph], roles: &[Role]) -> (Vec<String>, Vec<(bool, String)>) {
    let mut body = Vec::new();
    let mut blocks = Vec::new();
    for (p, role) in paragraphs.iter().zip(roles) {
        match role {
            Role::Body => {
                body.push(p.shown().to_string());
                blocks.push((false, p.shown().to_string()));
            }
            Role::Subheading => blocks.push((true, p.shown().to_string())),
            _ => {}
        }
    }
    (body, blocks)
}

/// Escapes text so Markdown shows it as written: no emphasis, links, headings, lists or HTML.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // The characters escaped are ASCII, so the text is copied in runs between them; a byte
    // is looked up in a table, not compared with each of them.
    const ESCAPED: [bool; 256] = {
        let escaped = b"\\`*_[]<>#|~&!";
        let mut table = [false; 256];
        let mut i = 0;
        while i < escaped.len() {
            table[escaped[i] as usize] = true;
            i += 1;
        }
        table
    };
    let mut copied = 0;
    for (at, byte) in text.bytes().enumerate() {
        if ESCAPED[usize::from(byte)] {
            out.push_str(&text[copied..at]);
            out.push('\\');
            copied = at;
        }
    }
    out.push_str(&text[copied..]);
    // A leading "1." or "-" or "+" would start a list.
    let trimmed = out.trim_start();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && trimmed[digits..].starts_with(['.', ')']) {
        let offset = out.len() - trimmed.len() + digits;
        out.insert(offset, '\\');
    }
    if out.trim_start().starts_with(['-', '+', '=']) {
        let offset = out.len() - out.trim_start().len();
        out.insert(offset, '\\');
    }
    out
}

/// Gives every story a slug from its title, unique across the run in file order.
pub fn assign_unique_slugs(stories: &mut [StoryRecord]) {
    // Titles are slugified on every core; numbering depends on order, so it comes after.
    let bases: Vec<String> = stories
        .par_iter()
        .map(|record| crate::story::slugify(&record.story.title, MAX_SLUG_LEN))
        .collect();
    let mut used: HashMap<String, usize> = HashMap::with_capacity(stories.len());
    for (StoryRecord { story, .. }, base) in stories.iter_mut().zip(bases) {
        let count = used.entry(base.clone()).or_insert(0);
        *count += 1;
        story.slug = if *count == 1 {
            base
        } else {
            format!("{base}-{count}")
        };
    }
    // A numbered slug may collide with a title that slugifies to the same text.
    let mut seen = rustc_hash::FxHashSet::default();
    for StoryRecord { story, .. } in stories.iter_mut() {
        while !seen.insert(story.slug.clone()) {
            story.slug.push_str("-x");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{escape_markdown, Ingester, StoryKind};
    use crate::config::{Config, DEFAULT_CONFIG};
    use crate::content::Page;
    use crate::test_support::{sample_articles, sorted_tally};
    use crate::text::{StemmedWords, WordTally};

    /// A briefing dates its issue once, under its masthead: every item takes that date,
    /// marked inferred where the item states none.
    #[test]
    fn a_briefings_items_take_the_date_under_its_masthead() {
        let config = Config::parse(DEFAULT_CONFIG, "config.toml").unwrap();
        let ingester = Ingester::new(&config).unwrap();
        let item = |headline: &str, text: &str| format!("{headline}\n\n{text}\n\n");
        let page = [
            "World Desk\n\nThe morning's news from every continent, in five minutes.\n\nMarch 14, 2031\n\n".to_string(),
            item("Harbour strike ends after nine days", "Dock workers in the northern port voted on Thursday to accept a pay offer of 6% over two years, ending a strike that had left more than forty ships waiting at anchor. The union said the vote was close."),
            item("Rail link to the airport opens at last", "The first trains ran on the new airport line on Friday morning, three years after the date first promised, and the operator said tickets would cost the same as the bus for a year. Passengers queued from dawn."),
            item("Flood defences to be raised along the estuary", "Engineers will raise the river walls by a metre over the next five years after two winters of flooding, the regional council said, at a cost of about 90 million. Work starts in the spring."),
        ]
        .concat();
        let stories = ingester.ingest_text("seeds/briefing.txt", &page);
        assert!(stories.len() >= 3, "{stories:#?}");
        let first = &stories[0];
        assert_eq!(
            first.story.date.as_deref(),
            Some("2031-03-14"),
            "{first:#?}"
        );
        assert!(!first.story.date_inferred);
        for story in &stories[1..] {
            assert_eq!(
                story.story.date.as_deref(),
                Some("2031-03-14"),
                "{story:#?}"
            );
            assert!(story.story.date_inferred, "{story:#?}");
        }
    }

    /// The site takes the tally ingest hands over instead of reading the page's body: the
    /// two must agree, Markdown escapes and all.
    #[test]
    fn an_articles_tally_is_its_pages_body_read_again() {
        let config = Config::parse(DEFAULT_CONFIG, "config.toml").unwrap();
        let ingester = Ingester::new(&config).unwrap();
        let mut texts = sample_articles();
        // Escaped characters at sentence ends and word edges, a list-like opening, initials.
        texts.push(
            "Ministers *back* plan for_the [Channel]\n\n\
             1. Officials in #Dover said: Go! Then A. Smith & Co. left.\n\n\
             - Rutte's_team met `Macron` in <Paris>. |Talks| ~ended~ \\today.\n\n\
             = The Home Office said the plan would work, and Ms Braverman agreed."
                .to_string(),
        );
        let mut articles = 0;
        for text in &texts {
            for mut story in ingester.ingest_text("file.txt", text) {
                let Some(handed_over) = story.body_words.take() else {
                    assert_eq!(story.story.kind, StoryKind::Live);
                    continue;
                };
                let page = Page::generated(story);
                let read_again = WordTally::of([&StemmedWords::with_names(&page.body)]);
                assert_eq!(
                    sorted_tally(&handed_over),
                    sorted_tally(&read_again),
                    "{}",
                    page.body
                );
                articles += 1;
            }
        }
        assert!(articles > 15, "{articles} articles");
    }

    #[test]
    fn markdown_characters_in_article_text_are_escaped() {
        assert_eq!(
            escape_markdown("a *b* [c](d) <e> #f | ~g & !h \\i `j` _k_ – “ok”"),
            "a \\*b\\* \\[c\\](d) \\<e\\> \\#f \\| \\~g \\& \\!h \\\\i \\`j\\` \\_k\\_ – “ok”"
        );
        assert_eq!(escape_markdown("1. Not a list"), "1\\. Not a list");
        assert_eq!(escape_markdown("- not a bullet"), "\\- not a bullet");
        assert_eq!(escape_markdown("plain"), "plain");
    }
}
