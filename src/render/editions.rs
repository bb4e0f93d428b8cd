//! The front page, each edition's page and the archive of editions.

use anyhow::Result;
use rustc_hash::FxHashMap;

use super::output::OutputFile;
use super::renderer::Renderer;
use super::views::{EditionView, TopStory, TopicSection};
use super::{
    chart, shorten, DESCRIPTION_CHARS, EDITION_DAYS, FRONT_PAGE_STORIES, SENTENCE_CHARS,
    TOP_STORIES,
};
use crate::date::display_date;

/// An event in the running for an edition's top stories: whether it is of the edition's
/// week, its sources, its reports, its newest date, its story and its cluster.
type Event<'a> = (bool, usize, usize, Option<&'a str>, usize, Option<usize>);

impl<'a> Renderer<'a> {
    /// The front page (`front`) or an edition's own page: the edition's date, its top
    /// stories, a chart of its last days, then each topic's newest stories up to that day.
    pub(super) fn edition_page(&self, edition: Option<usize>, front: bool) -> Result<OutputFile> {
        let site = self.site;
        let date = edition.map(|e| self.editions[e]);
        let path = match date {
            Some(d) if !front => format!("editions/{d}.html"),
            _ => "index.html".to_string(),
        };
        // The edition's stories: those of its week (every story when none is dated); its top
        // stories come from them first, then from the stories dated before.
        let week_start = date
            .and_then(crate::date::day_number)
            .map(|d| crate::date::date_of_day(d - EDITION_DAYS + 1));
        let in_week = |i: usize| match (date, &week_start, site.articles[i].date.as_deref()) {
            (None, _, _) => true,
            (Some(d), Some(start), Some(a)) => a <= d && a >= start.as_str(),
            _ => false,
        };
        let of_week: Vec<usize> = (0..site.articles.len()).filter(|&i| in_week(i)).collect();
        let earlier: Vec<usize> = (0..site.articles.len())
            .filter(|&i| {
                !in_week(i)
                    && date.is_some_and(|d| site.articles[i].date.as_deref().is_some_and(|a| a < d))
            })
            .collect();
        let (top, on_top) = self.top_stories(&of_week, &earlier);
        // Each topic's newest stories up to the edition's day, less those on top.
        let sections: Vec<TopicSection> = self
            .shown_topics()
            .map(|t| {
                let mut section = self.section(t, 0..0, false);
                section.articles = t
                    .articles
                    .iter()
                    .copied()
                    .filter(|&i| {
                        !on_top[i]
                            && site.articles[i]
                                .date
                                .as_deref()
                                .is_none_or(|d| Some(d) <= date)
                    })
                    .take(FRONT_PAGE_STORIES)
                    .map(|i| self.link(i))
                    .collect();
                section
            })
            .collect();
        let date_display = date.and_then(display_date);
        let title = match (&date_display, front) {
            (Some(d), false) => format!("Edition of {d}"),
            _ => site.config.title.clone(),
        };
        let mut ctx = self.context(&path, &title);
        if let (Some(d), Some(first)) = (&date_display, top.first()) {
            let description = format!("{d}: {}", first.title);
            ctx.insert(
                "page_description",
                &shorten::first_sentence(&description, DESCRIPTION_CHARS),
            );
        }
        ctx.insert(
            "edition",
            &EditionView {
                date,
                date_display,
                stories: of_week.len(),
                previous: edition.and_then(|e| self.editions.get(e + 1).copied()),
                next: edition
                    .and_then(|e| e.checked_sub(1))
                    .map(|e| self.editions[e]),
                front,
            },
        );
        ctx.insert("top", &top);
        ctx.insert("sections", &sections);
        let topics: Vec<usize> = (0..site.topics.len()).collect();
        // The front page only: an edition's own page is for going back in time.
        let chart = date
            .filter(|_| front)
            .and_then(|d| chart::stories_per_day(site, &topics, d));
        ctx.insert("chart", &chart.unwrap_or_default());
        self.render("index.html", &ctx, path)
    }

    /// The top stories among `stories`, then (when they are too few) among `earlier`: each
    /// event once (a story in a cluster stands for its cluster), most sources first, then
    /// most reports, then newest. Also which stories they show, by story number.
    fn top_stories(&self, stories: &[usize], earlier: &[usize]) -> (Vec<TopStory<'a>>, Vec<bool>) {
        let site = self.site;
        let mut seen_clusters = Vec::new();
        let mut events: Vec<Event> = Vec::new();
        let edition = stories.iter().map(|&i| (true, i));
        for (current, i) in edition.chain(earlier.iter().map(|&i| (false, i))) {
            let cluster = site.articles[i].cluster;
            if let Some(c) = cluster {
                if seen_clusters.contains(&c) {
                    continue;
                }
                seen_clusters.push(c);
            }
            let single = [i];
            let members: &[usize] = match cluster {
                Some(c) => &site.clusters[c].members,
                None => &single,
            };
            let named: Vec<&str> = members
                .iter()
                .filter_map(|&m| site.articles[m].source.as_deref())
                .collect();
            let mut distinct = named.clone();
            distinct.sort_unstable();
            distinct.dedup();
            // Each report with no stated source may be a source of its own.
            let sources = distinct.len() + members.len() - named.len();
            let newest = members
                .iter()
                .filter_map(|&m| site.articles[m].date.as_deref())
                .max();
            events.push((current, sources, members.len(), newest, i, cluster));
        }
        events.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then(b.2.cmp(&a.2))
                .then(b.3.cmp(&a.3))
                .then(a.4.cmp(&b.4))
        });
        let mut on_top = vec![false; site.articles.len()];
        let top = events
            .into_iter()
            .take(TOP_STORIES)
            .map(|(_, _, reports, _, i, cluster)| {
                let article = &site.articles[i];
                let (title, url, members): (&str, &str, Vec<usize>) = match cluster {
                    Some(c) => {
                        let c = &site.clusters[c];
                        (&c.title, &c.url, c.members.clone())
                    }
                    None => (&article.title, &article.url, vec![i]),
                };
                for &m in &members {
                    on_top[m] = true;
                }
                // The sentence of the report whose headline the event carries.
                let lead = members
                    .iter()
                    .copied()
                    .find(|&m| site.articles[m].title == title)
                    .unwrap_or(i);
                let summary = &site.articles[lead].summary;
                TopStory {
                    title,
                    url,
                    topic: &article.topics[0].name,
                    date_display: article.date_display.as_deref(),
                    outlets: self.outlets(&members),
                    reports,
                    sentence: shorten::first_sentence(summary, SENTENCE_CHARS),
                }
            })
            .collect();
        (top, on_top)
    }

    /// editions/index.html: every edition, newest first, with its number of stories.
    pub(super) fn editions_page(&self) -> Result<OutputFile> {
        let mut per_day: FxHashMap<&str, usize> = FxHashMap::default();
        for a in &self.site.articles {
            if let Some(d) = a.date.as_deref() {
                *per_day.entry(d).or_default() += 1;
            }
        }
        let editions: Vec<(&str, String, usize)> = self
            .editions
            .iter()
            .map(|&d| {
                let shown = display_date(d).unwrap_or_else(|| d.to_string());
                (d, shown, per_day.get(d).copied().unwrap_or(0))
            })
            .collect();
        let mut ctx = self.context("editions/index.html", "Earlier editions");
        ctx.insert("editions", &editions);
        self.render("editions.html", &ctx, "editions/index.html".into())
    }
}
