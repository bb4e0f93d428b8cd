//! A topic's pages, and the briefing: every topic's stories on one page.

use anyhow::Result;

use super::output::OutputFile;
use super::renderer::Renderer;
use super::views::{BriefingSection, BriefingStory, Pagination};
use super::{chart, BRIEFING_DETAILED_STORIES, BRIEFING_QUOTES, FIGURES_PER_STORY};
use crate::date::display_date;

impl<'a> Renderer<'a> {
    /// A topic's pages: the first at topics/<topic>.html, then topics/<topic>/page/N.html.
    pub(super) fn topic_pages(&self, t: usize) -> Result<Vec<OutputFile>> {
        let site = self.site;
        let topic = self.shown_topics().nth(t).expect("a shown topic");
        let size = site.config.render.topic_page_size.max(1);
        let pages = topic.articles.len().div_ceil(size).max(1);
        let paths: Vec<String> = (1..=pages)
            .map(|n| topic_page_path(&topic.slug, n))
            .collect();
        let place = site
            .topics
            .iter()
            .position(|x| std::ptr::eq(x, topic))
            .expect("a topic of the site");
        (0..pages)
            .map(|p| {
                let section = self.section(topic, p * size..(p + 1) * size, p == 0);
                let title = if p == 0 {
                    topic.name.clone()
                } else {
                    format!("{}, page {}", topic.name, p + 1)
                };
                let mut ctx = self.context(&paths[p], &title);
                ctx.insert("page_description", &topic.description);
                ctx.insert("topic", &section);
                ctx.insert(
                    "pagination",
                    &Pagination {
                        page: p + 1,
                        pages,
                        previous: p.checked_sub(1).map(|q| paths[q].clone()),
                        next: paths.get(p + 1).cloned(),
                        shown: (0..pages)
                            .filter(|&q| q == 0 || q + 1 == pages || q.abs_diff(p) <= 2)
                            .map(|q| (q + 1, paths[q].clone()))
                            .collect(),
                    },
                );
                let newest = topic
                    .articles
                    .first()
                    .and_then(|&i| site.articles[i].date.as_deref());
                let chart = newest
                    .filter(|_| p == 0)
                    .and_then(|d| chart::stories_per_day(site, &[place], d));
                ctx.insert("chart", &chart.unwrap_or_default());
                self.render("topic.html", &ctx, paths[p].clone())
            })
            .collect()
    }

    pub(super) fn briefing_page(&self) -> Result<OutputFile> {
        let site = self.site;
        let mut ctx = self.context("briefing.html", "Briefing");
        let detailed = site.articles.len() <= BRIEFING_DETAILED_STORIES;
        let story = |i: usize| {
            let a = &site.articles[i];
            BriefingStory {
                slug: &a.slug,
                title: &a.title,
                url: &a.url,
                date_display: a.date_display.as_deref(),
                date_inferred: a.date_inferred,
                place: a.place.as_deref(),
                source: a.source_label(),
                summary: &a.summary,
                quotes: if detailed {
                    &a.quotes[..a.quotes.len().min(BRIEFING_QUOTES)]
                } else {
                    &[]
                },
                figures: if detailed {
                    self.figure_groups(i, FIGURES_PER_STORY)
                } else {
                    Vec::new()
                },
            }
        };
        let briefing: Vec<BriefingSection> = self
            .shown_topics()
            .filter(|t| !t.articles.is_empty())
            .map(|t| BriefingSection {
                slug: &t.slug,
                name: &t.name,
                articles: t.articles.iter().map(|&i| story(i)).collect(),
            })
            .collect();
        ctx.insert("sections", &briefing);
        ctx.insert("detailed", &detailed);
        ctx.insert(
            "edition",
            &self
                .front_edition
                .and_then(|e| display_date(self.editions[e])),
        );
        self.render("briefing.html", &ctx, "briefing.html".into())
    }
}

/// Where page `n` (from 1) of a topic's stories goes.
fn topic_page_path(slug: &str, n: usize) -> String {
    if n == 1 {
        format!("topics/{slug}.html")
    } else {
        format!("topics/{slug}/page/{n}.html")
    }
}
