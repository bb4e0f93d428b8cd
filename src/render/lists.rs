//! The pages gathering what the stories hold: people, quotes, figures and the timeline.

use std::collections::HashMap;

use anyhow::Result;

use super::output::OutputFile;
use super::renderer::Renderer;
use super::views::{NameLink, QuoteView, SpeakerGroup, StoryFigures, TimelineDay, TimelineEntry};
use super::{
    chart, FIGURES_PAGE_STORIES, FIGURES_PER_STORY, QUOTES_PER_PERSON, QUOTES_PER_SPEAKER,
    STORIES_PER_PERSON,
};
use crate::date::display_date;
use crate::site::entities::EntityKind;

impl<'a> Renderer<'a> {
    pub(super) fn people_index(&self) -> Result<OutputFile> {
        let site = self.site;
        let names = |kind: EntityKind| -> Vec<NameLink> {
            site.entities
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| NameLink {
                    name: &e.name,
                    url: &e.url,
                    count: e.articles.len(),
                })
                .collect()
        };
        let mut ctx = self.context("people/index.html", "People and organisations");
        ctx.insert("people", &names(EntityKind::Person));
        ctx.insert("organisations", &names(EntityKind::Organisation));
        self.render("people.html", &ctx, "people/index.html".into())
    }

    /// The stories a person's page lists: the newest, newest first.
    pub(super) fn person_stories(&self, e: usize) -> Vec<usize> {
        let articles = &self.site.articles;
        let mut stories = self.site.entities[e].articles.clone();
        stories.sort_by(|&a, &b| articles[b].date.cmp(&articles[a].date).then(a.cmp(&b)));
        stories.truncate(STORIES_PER_PERSON);
        stories
    }

    pub(super) fn person_page(&self, e: usize) -> Result<OutputFile> {
        let entity = &self.site.entities[e];
        let mut ctx = self.context(&entity.url, &entity.name);
        ctx.insert(
            "page_description",
            &format!(
                "{}: named in {} stories of {}.",
                entity.name,
                entity.articles.len(),
                self.site.config.title
            ),
        );
        ctx.insert("entity", entity);
        ctx.insert_value(
            "articles",
            self.link_list(self.person_stories(e).into_iter()),
        );
        let quotes: Vec<QuoteView> = entity
            .quotes
            .iter()
            .take(QUOTES_PER_PERSON)
            .map(|&q| self.quote_view(q))
            .collect();
        ctx.insert("quotes", &quotes);
        self.render("person.html", &ctx, entity.url.clone())
    }

    pub(super) fn quotes_page(&self) -> Result<OutputFile> {
        let site = self.site;
        let mut groups: Vec<SpeakerGroup> = Vec::new();
        let mut group_of: HashMap<Option<&str>, usize> = HashMap::new();
        for q in 0..site.quotes.len() {
            let speaker = site.quotes[q].speaker.as_deref();
            match group_of.get(&speaker) {
                Some(&g) => {
                    groups[g].total += 1;
                    if groups[g].quotes.len() < QUOTES_PER_SPEAKER {
                        groups[g].quotes.push(self.quote_view(q));
                    }
                }
                None => {
                    group_of.insert(speaker, groups.len());
                    groups.push(SpeakerGroup {
                        speaker,
                        speaker_url: speaker.and_then(|s| self.entity_url(s)),
                        quotes: vec![self.quote_view(q)],
                        total: 1,
                    });
                }
            }
        }
        // Most quoted speakers first; quotes nobody is named for last.
        groups.sort_by(|a, b| {
            a.speaker
                .is_none()
                .cmp(&b.speaker.is_none())
                .then(b.total.cmp(&a.total))
                .then(a.speaker.cmp(&b.speaker))
        });
        let mut ctx = self.context("quotes.html", "Quotes");
        ctx.insert("groups", &groups);
        self.render("quotes.html", &ctx, "quotes.html".into())
    }

    pub(super) fn figures_page(&self) -> Result<OutputFile> {
        let site = self.site;
        // Per topic: its name, its newest stories with figures (each with its figures, one
        // sentence once), and how many older stories with figures are left to their pages.
        let sections: Vec<(&str, Vec<StoryFigures>, usize)> = site
            .topics
            .iter()
            .map(|t| {
                let with_figures: Vec<usize> = t
                    .articles
                    .iter()
                    .copied()
                    .filter(|&i| !site.articles[i].figures.is_empty())
                    .collect();
                let shown = with_figures.len().min(FIGURES_PAGE_STORIES);
                let stories: Vec<_> = with_figures[..shown]
                    .iter()
                    .map(|&i| (self.link(i), self.figure_groups(i, FIGURES_PER_STORY)))
                    .collect();
                (t.name.as_str(), stories, with_figures.len() - shown)
            })
            .filter(|(_, stories, _)| !stories.is_empty())
            .collect();
        let mut ctx = self.context("figures.html", "Key figures");
        ctx.insert("sections", &sections);
        self.render("figures.html", &ctx, "figures.html".into())
    }

    pub(super) fn timeline_page(&self) -> Result<OutputFile> {
        let site = self.site;
        let mut days: Vec<TimelineDay> = Vec::new();
        let mut undated: Vec<tera::Value> = Vec::new();
        for (i, article) in site.articles.iter().enumerate() {
            let Some(date) = article.date.as_deref() else {
                undated.push(self.link(i));
                continue;
            };
            let mut entries = vec![TimelineEntry {
                time: None,
                title: &article.title,
                url: article.url.clone(),
                inferred: article.date_inferred,
                article: self.link(i),
                story: None,
            }];
            for post in &article.posts {
                entries.push(TimelineEntry {
                    time: Some(&post.time),
                    title: &post.title,
                    url: article.url.clone(),
                    inferred: article.date_inferred,
                    article: self.link(i),
                    story: Some(&article.title),
                });
            }
            match days.iter_mut().find(|d| d.date == date) {
                Some(day) => day.entries.extend(entries),
                None => days.push(TimelineDay {
                    date,
                    date_display: display_date(date).unwrap_or_else(|| date.to_string()),
                    entries,
                }),
            }
        }
        // Newest day first; within a day, timed posts latest first, then whole stories.
        days.sort_by(|a, b| b.date.cmp(a.date));
        for day in &mut days {
            day.entries
                .sort_by(|a, b| b.time.cmp(&a.time).then(a.title.cmp(b.title)));
        }
        let mut ctx = self.context("timeline.html", "Timeline");
        ctx.insert("days", &days);
        ctx.insert("undated", &undated);
        let topics: Vec<usize> = (0..site.topics.len()).collect();
        let chart = self
            .editions
            .first()
            .and_then(|d| chart::stories_per_day(site, &topics, d));
        ctx.insert("chart", &chart.unwrap_or_default());
        self.render("timeline.html", &ctx, "timeline.html".into())
    }
}
