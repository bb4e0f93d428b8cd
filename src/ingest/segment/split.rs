//! The divisive split by words: blocks between sure story starts (agency datelines and
//! sign-offs), cuts where two sides share fewest words, and teasers set apart at the seams.

use std::ops::Range;

use super::vectors::{containment, run_vector, togetherness, TermVector};
use super::{reports_speech, Paragraph, Paragraphs, MIN_STORY_PARAGRAPHS, TEASER_MAX};
use crate::config::Tuning;

/// Paragraphs between sure story starts.
pub(super) struct Block {
    pub(super) range: Range<usize>,
    /// A wire story from its dateline to its sign-off: one story, whatever its words.
    pub(super) wire: bool,
}

/// Splits paragraphs into blocks at sure story starts: an agency dateline ("OSLO, Aug 31
/// (Reuters) -"), and after a sign-off ("Reporting by ...; Editing by ...").
pub(super) fn split_at_cues(paragraphs: &Paragraphs) -> Vec<Block> {
    let mut starts = vec![0];
    for p in 1..paragraphs.len() {
        if paragraphs[p - 1].sign_off || paragraphs[p].agency_dateline {
            starts.push(p);
        }
    }
    starts.dedup();
    starts
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            let range = s..starts.get(i + 1).copied().unwrap_or(paragraphs.len());
            let wire =
                paragraphs[range.start].agency_dateline && paragraphs[range.end - 1].sign_off;
            Block { range, wire }
        })
        .collect()
}

/// Whether a story may start between the two sides (see `cut_score`); checked before the
/// sides' vectors are built, which is the costly part.
fn can_cut(paragraphs: &[Paragraph], (left, right): (&[usize], &[usize])) -> bool {
    !left.is_empty() && paragraphs[right[0]].opens_story()
}

/// How much the two sides of a cut belong together, or `None` where no story can start:
/// after a headline or byline, or at a paragraph that goes on from the text above.
fn cut_score(
    paragraphs: &[Paragraph],
    (left, right): (&[usize], &[usize]),
    (left_vector, right_vector): (&TermVector, &TermVector),
) -> Option<f64> {
    if left.is_empty() || !paragraphs[right[0]].opens_story() {
        return None;
    }
    Some(togetherness(left_vector, right_vector))
}

/// Divisive segmentation: cut a run at the gap where its two sides belong together least,
/// while that is little enough, then look again inside each side.
pub(super) fn split_runs(
    paragraphs: &Paragraphs,
    block: Range<usize>,
    tuning: &Tuning,
) -> Vec<Vec<usize>> {
    let mut done = Vec::new();
    let mut todo = vec![block.collect::<Vec<usize>>()];
    while let Some(run) = todo.pop() {
        // Where a story may start, leaving a story's worth on either side (teasers, shorter
        // than a story, are found apart in `split_off_teasers`). A run with none is one story.
        let cuts: Vec<usize> = (MIN_STORY_PARAGRAPHS
            ..=run.len().saturating_sub(MIN_STORY_PARAGRAPHS))
            .filter(|&cut| can_cut(paragraphs, (&run[..cut], &run[cut..])))
            .collect();
        if cuts.is_empty() {
            done.push(run);
            continue;
        }
        let total = run_vector(paragraphs, &run);
        let mut left = TermVector::default();
        let mut in_left = 0;
        let mut best: Option<(usize, f64)> = None;
        for cut in cuts {
            for &p in &run[in_left..cut] {
                left.add(paragraphs.vector(p));
            }
            in_left = cut;
            let sides = (&run[..cut], &run[cut..]);
            let right = total.minus(&left);
            if let Some(score) = cut_score(paragraphs, sides, (&left, &right)) {
                if best.is_none_or(|(_, b)| score < b) {
                    best = Some((cut, score));
                }
            }
        }
        match best {
            Some((cut, score)) if score < tuning.cut_max_shared => {
                todo.push(run[cut..].to_vec());
                todo.push(run[..cut].to_vec());
            }
            _ => done.push(run),
        }
    }
    done.sort_by_key(|r| r[0]);
    done
}

/// At the seam of two stories, a paragraph sharing almost nothing with either story, just
/// before a story's opening, is a teaser: a story of its own, never glued to a neighbour.
pub(super) fn split_off_teasers(runs: &mut Vec<Vec<usize>>, paragraphs: &Paragraphs) {
    let mut i = 0;
    while i + 1 < runs.len() {
        let last = *runs[i].last().expect("runs are not empty");
        let first = runs[i + 1][0];
        let lone = |p: usize, own: &[usize], other: &[usize], next: usize| {
            let rest: Vec<usize> = own.iter().copied().filter(|&q| q != p).collect();
            let para = &paragraphs[p];
            own.len() > MIN_STORY_PARAGRAPHS
                && !reports_speech(para.text)
                && !para.continues
                && paragraphs[next].lead
                && containment(paragraphs.vector(p), &run_vector(paragraphs, &rest)) < TEASER_MAX
                && containment(paragraphs.vector(p), &run_vector(paragraphs, other)) < TEASER_MAX
        };
        let (a, b) = (&runs[i], &runs[i + 1]);
        if lone(last, a, b, first) {
            runs[i].pop();
            runs.insert(i + 1, vec![last]);
            i += 2;
        } else if b.len() > 1 && lone(first, b, a, b[1]) {
            runs[i + 1].remove(0);
            runs.insert(i + 1, vec![first]);
            i += 2;
        } else {
            i += 1;
        }
    }
}
