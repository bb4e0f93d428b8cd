//! Story records as JSON: the `ingest --json` array (the stories as DESIGN.md lists their
//! keys, without their text) and the JSON lines of `ingest --jsonl` (one full record per
//! line, its text included), which `--from-jsonl` reads back. JSON lines are the map step's
//! output: any engine that can run a command over a share of the files (a shell loop, Dask,
//! Spark) can ingest a digest in parts, and one reduce step writes content/ from them all.

use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::{anyhow, Context, Result};
use serde::{Deserialize, Serialize};

use super::{FileCleaning, Removed, Story, StoryRecord};

/// A story as `ingest --json` prints it: its keys and the lines removed from it.
#[derive(Serialize)]
struct ListedStory<'a> {
    #[serde(flatten)]
    story: &'a Story,
    removed: &'a [Removed],
}

/// A file the map step could not read as article text, as a JSON line: the reduce step
/// lists it in the build report as a build would.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SkippedLine<'a> {
    file: std::borrow::Cow<'a, str>,
    skipped: std::borrow::Cow<'a, str>,
}

/// Writes `records` as one pretty-printed JSON array (`ingest --json`).
pub fn write_array(out: &mut impl Write, records: &[StoryRecord]) -> std::io::Result<()> {
    let listed: Vec<ListedStory> = records
        .iter()
        .map(|r| ListedStory {
            story: &r.story,
            removed: &r.removed,
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &listed)?;
    writeln!(out)
}

/// Writes one JSON line per record, then one per skipped file (`ingest --jsonl`).
pub fn write_lines(
    out: &mut impl Write,
    records: &[StoryRecord],
    skipped: &[FileCleaning],
) -> std::io::Result<()> {
    for record in records {
        serde_json::to_writer(&mut *out, record)?;
        out.write_all(b"\n")?;
    }
    for file in skipped {
        let line = SkippedLine {
            file: file.file.as_str().into(),
            skipped: file.skipped.as_deref().unwrap_or("not read").into(),
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Reads the JSON lines of one map step's output: its story records in the order written,
/// and the files it skipped. Blank lines are allowed; any other line that is not a record
/// is an error naming the file and line.
pub fn read_lines(path: &Path) -> Result<(Vec<StoryRecord>, Vec<FileCleaning>)> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("{}: cannot open the story records", path.display()))?;
    let mut records = Vec::new();
    let mut skipped = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| {
            format!(
                "{}:{}: cannot read the line as UTF-8 text",
                path.display(),
                i + 1
            )
        })?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<StoryRecord>(&line) {
            Ok(record) => records.push(record),
            Err(story_error) => match serde_json::from_str::<SkippedLine>(&line) {
                Ok(line) => skipped.push(FileCleaning {
                    file: line.file.into_owned(),
                    stories: 0,
                    removed: Vec::new(),
                    skipped: Some(line.skipped.into_owned()),
                }),
                Err(_) => {
                    return Err(anyhow!(
                        "{}:{}: not a story record ({story_error}); each line must be one that `digest ingest --jsonl` printed",
                        path.display(),
                        i + 1
                    ))
                }
            },
        }
    }
    Ok((records, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::{Figure, Post, Quote, StoryKind};

    fn record(file: &str, title: &str) -> StoryRecord {
        StoryRecord {
            story: Story {
                id: String::new(),
                title: title.into(),
                title_generated: false,
                date: Some("2025-02-03".into()),
                date_inferred: true,
                source: Some("Reuters".into()),
                place: None,
                file: file.into(),
                lines: vec![3, 19],
                slug: "a-title".into(),
                kind: StoryKind::Live,
                draft: false,
                summary: "Line one.\nLine \"two\".".into(),
                authors: vec!["A. Writer".into()],
                topics: vec!["defence".into()],
                people: vec!["Keir Starmer".into()],
                organisations: vec![],
                topic_scores: [("defence".to_string(), 0.5)].into(),
                posts: vec![Post {
                    time: "17:23".into(),
                    title: "Vote due".into(),
                    author: None,
                    role: Some("reporter".into()),
                    label: None,
                    paragraphs: Vec::new(),
                }],
                quotes: vec![Quote {
                    text: "We will.".into(),
                    speaker: None,
                }],
                figures: vec![Figure {
                    value: "2.5%".into(),
                    context: "Up 2.5%.".into(),
                }],
            },
            body: "## 17:23 Vote due\n\nText with a \u{2028} separator.".into(),
            removed: vec![Removed {
                line: 2,
                text: "Read more".into(),
                rule: "furniture".into(),
            }],
            body_words: None,
        }
    }

    /// What the map step writes, the reduce step reads back whole: every key, the body, the
    /// removed lines and the skipped files.
    #[test]
    fn records_and_skipped_files_survive_a_round_trip() {
        let records = vec![record("seeds/a.txt", "One"), record("seeds/b.txt", "Two")];
        let skipped = vec![FileCleaning {
            file: "seeds/c.txt".into(),
            stories: 0,
            removed: Vec::new(),
            skipped: Some("not UTF-8 text".into()),
        }];
        let mut out = Vec::new();
        write_lines(&mut out, &records, &skipped).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 3, "{text}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shard.jsonl");
        std::fs::write(&path, format!("{text}\n")).unwrap();
        let (read, read_skipped) = read_lines(&path).unwrap();
        assert_eq!(read.len(), 2);
        for (a, b) in read.iter().zip(&records) {
            assert_eq!(
                serde_json::to_string(a).unwrap(),
                serde_json::to_string(b).unwrap()
            );
            assert_eq!(a.body, b.body);
            assert_eq!(a.removed, b.removed);
        }
        assert_eq!(read_skipped.len(), 1);
        assert_eq!(read_skipped[0].file, "seeds/c.txt");
        assert_eq!(read_skipped[0].skipped.as_deref(), Some("not UTF-8 text"));
    }

    #[test]
    fn a_line_that_is_no_record_is_named_by_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shard.jsonl");
        let mut good = Vec::new();
        write_lines(&mut good, &[record("seeds/a.txt", "One")], &[]).unwrap();
        let good = String::from_utf8(good).unwrap();
        std::fs::write(&path, format!("{good}{{\"title\": 3}}\n")).unwrap();
        let error = format!("{:#}", read_lines(&path).unwrap_err());
        assert!(
            error.contains("shard.jsonl:2: not a story record"),
            "{error}"
        );
        assert!(error.contains("digest ingest --jsonl"), "{error}");
    }

    /// `ingest --json` keeps DESIGN.md's keys: the story's and `removed`, not the text.
    #[test]
    fn the_json_array_lists_keys_and_removed_lines_without_the_text() {
        let mut out = Vec::new();
        write_array(&mut out, &[record("seeds/a.txt", "One")]).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let story = &value[0];
        for key in [
            "file",
            "lines",
            "slug",
            "title",
            "topics",
            "topic_scores",
            "removed",
        ] {
            assert!(story.get(key).is_some(), "{key} missing: {story}");
        }
        assert!(story.get("body").is_none());
        assert_eq!(story["removed"][0]["rule"], "furniture");
        assert_eq!(story["kind"], "live");
    }
}
