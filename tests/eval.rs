//! Ingest evaluation over labelled corpora, written in several outlets' styles. `eval` has
//! furniture, multi-story files and live pages, and is the held-out measure (see README.md,
//! "Ingest quality"); `segdev` is the development set the segmentation thresholds were tuned
//! on, so that they are not fitted to `eval`. Prints the scores and fails below the thresholds.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
struct Labels {
    story: Vec<Label>,
}

#[derive(Debug, Deserialize)]
struct Label {
    file: String,
    lines: [usize; 2],
    topics: Vec<String>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    posts: Option<usize>,
    #[serde(default)]
    noise: Vec<usize>,
}

/// Per-field scores over a labelled corpus.
#[derive(Debug, Default)]
struct Scores {
    stories: usize,
    topic_correct: usize,
    boundary_tp: usize,
    boundary_fp: usize,
    boundary_fn: usize,
    furniture_tp: usize,
    furniture_fp: usize,
    furniture_fn: usize,
    title_correct: usize,
    date_correct: usize,
    source_correct: usize,
    authors_correct: usize,
    misses: Vec<String>,
}

impl Scores {
    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 {
            1.0
        } else {
            a as f64 / b as f64
        }
    }
    fn topic_accuracy(&self) -> f64 {
        Self::ratio(self.topic_correct, self.stories)
    }
    fn boundary_f1(&self) -> f64 {
        let p = Self::ratio(self.boundary_tp, self.boundary_tp + self.boundary_fp);
        let r = Self::ratio(self.boundary_tp, self.boundary_tp + self.boundary_fn);
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn furniture_precision(&self) -> f64 {
        Self::ratio(self.furniture_tp, self.furniture_tp + self.furniture_fp)
    }
    fn furniture_recall(&self) -> f64 {
        Self::ratio(self.furniture_tp, self.furniture_tp + self.furniture_fn)
    }
}

fn opt(v: &Value) -> String {
    v.as_str().unwrap_or("").to_string()
}

/// Scores ingest output against labels for the files in `dir`.
fn evaluate(dir: &std::path::Path, labels: &[Label]) -> Scores {
    let stories = common::ingest_json(&[dir.to_path_buf()]);
    let mut by_file: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for s in &stories {
        let file = s["file"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_string();
        by_file.entry(file).or_default().push(s);
    }
    let removed_in = |file: &str| -> BTreeSet<usize> {
        by_file
            .get(file)
            .into_iter()
            .flatten()
            .flat_map(|s| {
                s["removed"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["line"].as_u64().unwrap() as usize)
            })
            .collect()
    };
    // A one-line teaser between two stories may be dropped as noise rather than kept as a
    // story of its own (a one-line fragment is not a story): then it is no story to score,
    // no boundary, and its line counts as noise removed.
    let dropped = |label: &Label| {
        label.lines[0] == label.lines[1] && removed_in(&label.file).contains(&label.lines[0])
    };
    let mut scores = Scores::default();
    let mut files: BTreeSet<&str> = BTreeSet::new();
    for label in labels {
        files.insert(&label.file);
        if dropped(label) {
            continue;
        }
        scores.stories += 1;
        let got = by_file.get(&label.file).cloned().unwrap_or_default();
        // The ingested story overlapping the labelled lines most.
        let best = got.iter().max_by_key(|s| {
            let a = s["lines"][0].as_u64().unwrap() as usize;
            let b = s["lines"][1].as_u64().unwrap() as usize;
            let lo = a.max(label.lines[0]);
            let hi = b.min(label.lines[1]);
            hi.saturating_sub(lo) + usize::from(hi >= lo)
        });
        let Some(story) = best else {
            scores.misses.push(format!("{}: no story", label.file));
            continue;
        };
        let name = format!("{} {:?}", label.file, label.lines);
        let topic = story["topics"][0].as_str().unwrap();
        if topic == label.topics[0] {
            scores.topic_correct += 1;
        } else {
            scores
                .misses
                .push(format!("{name}: topic {topic} != {}", label.topics[0]));
        }
        let title_ok = if label.title.is_empty() {
            story["title_generated"].as_bool() == Some(true)
        } else {
            story["title"].as_str() == Some(label.title.as_str())
                && story["title_generated"].as_bool() == Some(false)
        };
        if title_ok {
            scores.title_correct += 1;
        } else {
            scores.misses.push(format!(
                "{name}: title {:?} (generated {}) != {:?}",
                story["title"], story["title_generated"], label.title
            ));
        }
        if opt(&story["date"]) == label.date {
            scores.date_correct += 1;
        } else {
            scores.misses.push(format!(
                "{name}: date {:?} != {:?}",
                story["date"], label.date
            ));
        }
        if opt(&story["source"]) == label.source {
            scores.source_correct += 1;
        } else {
            scores.misses.push(format!(
                "{name}: source {:?} != {:?}",
                story["source"], label.source
            ));
        }
        let authors: Vec<String> = story["authors"]
            .as_array()
            .unwrap()
            .iter()
            .map(opt)
            .collect();
        if authors == label.authors {
            scores.authors_correct += 1;
        } else {
            scores.misses.push(format!(
                "{name}: authors {authors:?} != {:?}",
                label.authors
            ));
        }
        let _ = (&label.place, &label.kind, &label.posts);
    }
    for file in files {
        let file_labels: Vec<&Label> = labels.iter().filter(|l| l.file == file).collect();
        let got = by_file.get(file).cloned().unwrap_or_default();
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let noise: BTreeSet<usize> = file_labels
            .iter()
            .flat_map(|l| l.noise.iter().copied())
            .chain(
                file_labels
                    .iter()
                    .filter(|l| dropped(l))
                    .map(|l| l.lines[0]),
            )
            .collect();
        let removed: BTreeSet<usize> = got
            .iter()
            .flat_map(|s| {
                s["removed"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["line"].as_u64().unwrap() as usize)
            })
            .collect();
        scores.furniture_tp += noise.intersection(&removed).count();
        for line in removed.difference(&noise) {
            scores.furniture_fp += 1;
            scores
                .misses
                .push(format!("{file}:{line}: removed text: {}", lines[line - 1]));
        }
        for line in noise.difference(&removed) {
            scores.furniture_fn += 1;
            scores.misses.push(format!(
                "{file}:{line}: kept furniture: {}",
                lines[line - 1]
            ));
        }
        // A boundary is where a story starts (the first story's start is not one). Two
        // starts are the same boundary when only blank or furniture lines lie between them.
        let same_boundary = |p: usize, e: usize| {
            p == e || next_text(&lines, p.min(e), &noise, &removed) == p.max(e)
        };
        let expected: Vec<usize> = file_labels
            .iter()
            .skip(1)
            .filter(|l| !dropped(l))
            .map(|l| l.lines[0])
            .collect();
        let predicted: Vec<usize> = got
            .iter()
            .skip(1)
            .map(|s| s["lines"][0].as_u64().unwrap() as usize)
            .collect();
        let mut matched = BTreeSet::new();
        for &p in &predicted {
            match expected
                .iter()
                .position(|&e| !matched.contains(&e) && same_boundary(p, e))
            {
                Some(i) => {
                    matched.insert(expected[i]);
                    scores.boundary_tp += 1;
                }
                None => {
                    scores.boundary_fp += 1;
                    scores.misses.push(format!("{file}:{p}: false story start"));
                }
            }
        }
        for e in expected.iter().filter(|e| !matched.contains(e)) {
            scores.boundary_fn += 1;
            scores
                .misses
                .push(format!("{file}:{e}: missed story start"));
        }
    }
    scores
}

/// The first text line after `line`.
fn next_text(
    lines: &[&str],
    line: usize,
    noise: &BTreeSet<usize>,
    removed: &BTreeSet<usize>,
) -> usize {
    (line + 1..=lines.len())
        .find(|&l| !(lines[l - 1].trim().is_empty() || noise.contains(&l) || removed.contains(&l)))
        .unwrap_or(line)
}

fn report(name: &str, s: &Scores) {
    println!("{name}: {} stories", s.stories);
    println!("  topic accuracy        {:.3}", s.topic_accuracy());
    println!(
        "  boundary F1           {:.3} (tp {}, fp {}, fn {})",
        s.boundary_f1(),
        s.boundary_tp,
        s.boundary_fp,
        s.boundary_fn
    );
    println!("  furniture precision   {:.3}", s.furniture_precision());
    println!(
        "  furniture recall      {:.3} (tp {}, fp {}, fn {})",
        s.furniture_recall(),
        s.furniture_tp,
        s.furniture_fp,
        s.furniture_fn
    );
    println!(
        "  title accuracy        {:.3}",
        Scores::ratio(s.title_correct, s.stories)
    );
    println!(
        "  date accuracy         {:.3}",
        Scores::ratio(s.date_correct, s.stories)
    );
    println!(
        "  source accuracy       {:.3}",
        Scores::ratio(s.source_correct, s.stories)
    );
    println!(
        "  author accuracy       {:.3}",
        Scores::ratio(s.authors_correct, s.stories)
    );
    for miss in &s.misses {
        println!("  miss: {miss}");
    }
}

/// Ingests the labelled corpus in `tests/fixtures/<name>`, prints its scores and returns them.
fn score_corpus(name: &str) -> Scores {
    let dir = common::fixtures().join(name);
    let labels: Labels =
        toml::from_str(&std::fs::read_to_string(dir.join("labels.toml")).unwrap()).unwrap();
    let scores = evaluate(&dir, &labels.story);
    report(&format!("{name} corpus"), &scores);
    scores
}

#[test]
fn ingest_quality_on_the_labelled_corpus() {
    let scores = score_corpus("eval");
    assert!(
        scores.topic_accuracy() >= 0.95,
        "topic accuracy {:.3}",
        scores.topic_accuracy()
    );
    // Held out from segmentation tuning; 0.929 when this was set (13 of 13 starts, 2 false).
    assert!(
        scores.boundary_f1() >= 0.9,
        "boundary F1 {:.3}",
        scores.boundary_f1()
    );
    assert!(
        scores.furniture_precision() >= 0.95,
        "furniture precision {:.3}",
        scores.furniture_precision()
    );
    assert!(
        scores.furniture_recall() >= 0.9,
        "furniture recall {:.3}",
        scores.furniture_recall()
    );
    let field = |n: usize| Scores::ratio(n, scores.stories);
    assert!(field(scores.title_correct) >= 0.9, "title accuracy");
    assert!(field(scores.date_correct) >= 0.9, "date accuracy");
    assert!(field(scores.source_correct) >= 0.9, "source accuracy");
}

/// The segmentation development set: multi-story files with same-topic neighbours, stories in
/// the same register, teasers, and single stories that change subject part-way. Tuned to 0.90
/// (9 of 11 starts, none false; two same-subject US stories share too many words to part);
/// the threshold allows one more false start, not one more missed story.
#[test]
fn segmentation_on_the_development_set() {
    let scores = score_corpus("segdev");
    assert!(
        scores.boundary_f1() >= 0.85,
        "boundary F1 {:.3}",
        scores.boundary_f1()
    );
}
