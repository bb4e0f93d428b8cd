//! Clusters: stories from different sources that report one event, and the headline that
//! names each.

use super::{events, Article, Cluster, CLUSTER_SIMILARITY, MAX_CLUSTER_STORIES};
use crate::date::{date_of_day, display_date};
use crate::story::MAX_SLUG_LEN;
use crate::text::StemmedWords;

/// Groups stories from different source files that report one event: alike in words,
/// naming something of the event in common (a figure, a place, its day), and with nothing
/// any two of them say about it at odds (its day, a preview against a report, a first
/// against a second: see [`events::Event`]). Undated members take the event's day, marked
/// inferred.
pub(super) fn find_clusters(
    articles: &mut [Article],
    neighbours: &[&[(u32, f64)]],
    events: &[&events::Event],
) -> Vec<Cluster> {
    let n = articles.len();
    let mut parent: Vec<usize> = (0..n).collect();
    // Each group's members, so a story joins a group only if it agrees with every member
    // (and a chain of look-alike stories never grows into a topic).
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // The most alike pairs join first, so a weak likeness cannot pull a story into another
    // event's group before its own. Each pair once, from its lower story.
    let mut pairs: Vec<(f64, usize, usize)> = neighbours
        .iter()
        .enumerate()
        .flat_map(|(i, list)| {
            list.iter()
                .take_while(|(_, similarity)| *similarity >= CLUSTER_SIMILARITY)
                .filter(move |(j, _)| *j as usize > i)
                .map(move |&(j, similarity)| (similarity, i, j as usize))
        })
        .collect();
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    // A figure or place that more stories name than one event has reports ("10%", "£1bn",
    // a capital) is common currency, and says nothing of which happening a story tells.
    let mut named_by: rustc_hash::FxHashMap<u64, usize> = rustc_hash::FxHashMap::default();
    for specific in events.iter().flat_map(|e| e.specifics()) {
        *named_by.entry(*specific).or_default() += 1;
    }
    let telling = |specific: u64| {
        named_by
            .get(&specific)
            .is_some_and(|&n| n <= MAX_CLUSTER_STORIES)
    };
    let at_odds = |x: usize, y: usize| {
        // Pieces of one scraped page are different stories.
        articles[x].file == articles[y].file || events[x].conflicts(events[y])
    };
    let similarity: rustc_hash::FxHashMap<(usize, usize), f64> = pairs
        .iter()
        .map(|&(similarity, i, j)| ((i, j), similarity))
        .collect();
    // Two groups are one event when their reports are alike on average, not through one
    // pair: a single likeness would chain a story into whichever group reached it first.
    let alike = |a: &[usize], b: &[usize]| {
        let total: f64 = a
            .iter()
            .flat_map(|&x| b.iter().map(move |&y| (x.min(y), x.max(y))))
            .map(|pair| similarity.get(&pair).copied().unwrap_or(0.0))
            .sum();
        total >= CLUSTER_SIMILARITY * (a.len() * b.len()) as f64
    };
    for (_, i, j) in pairs {
        if !events[i].corroborates(events[j], telling) {
            continue;
        }
        let (a, b) = (root(&mut parent, i), root(&mut parent, j));
        if a == b || members[a].len() + members[b].len() > MAX_CLUSTER_STORIES {
            continue;
        }
        if !alike(&members[a], &members[b])
            || members[a]
                .iter()
                .any(|&x| members[b].iter().any(|&y| at_odds(x, y)))
        {
            continue;
        }
        let (keep, gone) = (a.min(b), a.max(b));
        parent[gone] = keep;
        let moved = std::mem::take(&mut members[gone]);
        members[keep].extend(moved);
    }
    let mut clusters = Vec::new();
    let mut used_slugs = rustc_hash::FxHashSet::default();
    for mut members in members.into_iter().filter(|m| m.len() >= 2) {
        members.sort_by(|&a, &b| {
            articles[a]
                .date
                .is_none()
                .cmp(&articles[b].date.is_none())
                .then_with(|| articles[a].date.cmp(&articles[b].date))
                .then(a.cmp(&b))
        });
        let date = events::event_day(members.iter().map(|&m| events[m])).map(date_of_day);
        let title = articles[best_headline(articles, &members)].title.clone();
        let base = crate::story::slugify(&title, MAX_SLUG_LEN);
        let mut slug = base.clone();
        let mut k = 1;
        while !used_slugs.insert(slug.clone()) {
            k += 1;
            slug = format!("{base}-{k}");
        }
        let index = clusters.len();
        for &m in &members {
            let article = &mut articles[m];
            article.cluster = Some(index);
            if article.date.is_none() {
                if let Some(d) = &date {
                    article.date = Some(d.clone());
                    article.date_display = display_date(d);
                    article.date_inferred = true;
                }
            }
        }
        clusters.push(Cluster {
            url: format!("stories/{slug}.html"),
            slug,
            title,
            date_display: date.as_deref().and_then(display_date),
            date,
            members,
        });
    }
    clusters
}

/// Fewest words of a headline to name a cluster by: a shorter one is a section name or a
/// button a scraper took for the headline ("Share").
const MIN_HEADLINE_WORDS: usize = 4;

/// The member whose headline names a cluster: one its source wrote, not one digest made
/// from a first sentence, when there is one of [`MIN_HEADLINE_WORDS`] or more; of those the
/// one whose words the other reports' headlines and summaries share most (the event as
/// they all tell it, not one outlet's angle); ties to the oldest.
fn best_headline(articles: &[Article], members: &[usize]) -> usize {
    let stems = |text: &str| -> rustc_hash::FxHashSet<String> {
        let words = StemmedWords::of(text);
        words
            .content_stems(0..words.len())
            .map(str::to_string)
            .collect()
    };
    let told: Vec<rustc_hash::FxHashSet<String>> = members
        .iter()
        .map(|&m| stems(&format!("{}\n{}", articles[m].title, articles[m].summary)))
        .collect();
    let long_enough = |m: usize| crate::text::word_count(&articles[m].title) >= MIN_HEADLINE_WORDS;
    let written: Vec<usize> = (0..members.len())
        .filter(|&k| long_enough(members[k]) && !articles[members[k]].title_generated)
        .collect();
    let candidates = if written.is_empty() {
        (0..members.len())
            .filter(|&k| long_enough(members[k]))
            .collect()
    } else {
        written
    };
    let shared = |k: usize| -> f64 {
        let own = stems(&articles[members[k]].title);
        if own.is_empty() {
            return 0.0;
        }
        told.iter()
            .enumerate()
            .filter(|&(other, _)| other != k)
            .map(|(_, words)| own.intersection(words).count() as f64 / own.len() as f64)
            .sum()
    };
    let mut best: Option<(usize, f64)> = None;
    for k in candidates {
        let score = shared(k);
        if best.is_none_or(|(_, top)| score > top) {
            best = Some((k, score));
        }
    }
    members[best.map_or(0, |(k, _)| k)]
}
