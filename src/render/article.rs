//! A story's own page.

use anyhow::Result;

use super::output::OutputFile;
use super::renderer::Renderer;
use super::views::NameLink;
use super::{shorten, DESCRIPTION_CHARS};
use crate::site::Article;

impl<'a> Renderer<'a> {
    /// The stories before and after story `i` in its primary topic's list.
    pub(super) fn topic_neighbours(&self, i: usize) -> (Option<usize>, Option<usize>) {
        let (t, position) = self.topic_position[i];
        let topic = &self.site.topics[t];
        (
            position.checked_sub(1).map(|p| topic.articles[p]),
            topic.articles.get(position + 1).copied(),
        )
    }

    pub(super) fn article_page(&self, i: usize, article: &'a Article) -> Result<OutputFile> {
        let site = self.site;
        let (newer, older) = self.topic_neighbours(i);
        let mut ctx = self.context(&article.url, &article.title);
        ctx.insert(
            "page_description",
            &shorten::first_sentence(&article.summary, DESCRIPTION_CHARS),
        );
        ctx.insert("article", article);
        ctx.insert("source", article.source_label());
        ctx.insert("figure_groups", &self.figure_groups(i, usize::MAX));
        ctx.insert_value("newer", newer.map(|n| self.link(n)).into());
        ctx.insert_value("older", older.map(|o| self.link(o)).into());
        ctx.insert("has_code", &article.has_code);
        let cluster = article
            .cluster
            .map(|c| self.cluster_view(&site.clusters[c], Some(i)));
        ctx.insert("cluster", &cluster);
        ctx.insert_value("related", self.link_list(article.related.iter().copied()));
        let people: Vec<NameLink> = self.entities_of[i]
            .iter()
            .map(|&e| &site.entities[e])
            .map(|e| NameLink {
                name: &e.name,
                url: &e.url,
                count: e.articles.len(),
            })
            .collect();
        ctx.insert("people", &people);
        let speaker_urls: Vec<Option<&str>> = article
            .quotes
            .iter()
            .map(|q| q.speaker.as_deref().and_then(|s| self.entity_url(s)))
            .collect();
        ctx.insert("speaker_urls", &speaker_urls);
        self.render("article.html", &ctx, article.url.clone())
    }
}
