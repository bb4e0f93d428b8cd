//! The views: what each page's template receives, as serialisable structs.

use serde::Serialize;

// For the doc links to the renderer's methods that make these values.
#[cfg(doc)]
use super::renderer::Renderer;

/// Site-wide values every template sees.
#[derive(Serialize)]
pub(super) struct SiteView<'a> {
    pub(super) title: &'a str,
    pub(super) description: &'a str,
    pub(super) language: &'a str,
    pub(super) base_url: &'a str,
    pub(super) topics: Vec<TopicNav<'a>>,
}

#[derive(Serialize)]
pub(super) struct TopicNav<'a> {
    pub(super) slug: &'a str,
    pub(super) name: &'a str,
    pub(super) count: usize,
}

/// A topic with its story cards.
#[derive(Serialize)]
pub(super) struct TopicSection<'a> {
    pub(super) slug: &'a str,
    pub(super) name: &'a str,
    pub(super) description: &'a str,
    pub(super) count: usize,
    /// Story links (see [`Renderer::link`]).
    pub(super) articles: Vec<tera::Value>,
    pub(super) figures: Vec<FigureView<'a>>,
}

/// A key figure with the story it comes from.
#[derive(Serialize)]
pub(super) struct FigureView<'a> {
    pub(super) value: &'a str,
    pub(super) context: &'a str,
    pub(super) article: tera::Value,
}

/// A quote with its speaker's page, if any, and the stories carrying it.
#[derive(Serialize)]
pub(super) struct QuoteView<'a> {
    pub(super) text: &'a str,
    pub(super) speaker: Option<&'a str>,
    pub(super) speaker_url: Option<&'a str>,
    /// Sources (see [`Renderer::source`]).
    pub(super) sources: Vec<tera::Value>,
    /// Sources not listed in `sources`.
    pub(super) more_sources: usize,
}

/// A story as a source of something: its link and who published it.
#[derive(Serialize)]
pub(super) struct SourceView<'a> {
    pub(super) label: &'a str,
    pub(super) article: tera::Value,
}

/// An outlet among a list of reports, named once with how many of them it published.
#[derive(Serialize, Hash)]
pub(super) struct Outlet<'a> {
    pub(super) name: &'a str,
    pub(super) count: usize,
}

#[derive(Serialize)]
pub(super) struct SpeakerGroup<'a> {
    pub(super) speaker: Option<&'a str>,
    pub(super) speaker_url: Option<&'a str>,
    pub(super) quotes: Vec<QuoteView<'a>>,
    /// All of the speaker's quotes, shown or not.
    pub(super) total: usize,
}

#[derive(Serialize)]
pub(super) struct ClusterView<'a> {
    pub(super) title: &'a str,
    pub(super) url: &'a str,
    pub(super) date_display: Option<&'a str>,
    /// Sources (see [`Renderer::source`]).
    pub(super) members: Vec<tera::Value>,
    /// The members' distinct outlets, each once with its number of reports, most first.
    pub(super) outlets: Vec<Outlet<'a>>,
    /// Reports of the event, the page's own included.
    pub(super) reports: usize,
}

/// A story's figures that stand in one sentence: the sentence is shown once.
#[derive(Serialize)]
pub(super) struct FigureGroup<'a> {
    pub(super) values: Vec<&'a str>,
    pub(super) context: &'a str,
}

#[derive(Serialize)]
pub(super) struct NameLink<'a> {
    pub(super) name: &'a str,
    pub(super) url: &'a str,
    pub(super) count: usize,
}

/// One day of the timeline.
#[derive(Serialize)]
pub(super) struct TimelineDay<'a> {
    pub(super) date: &'a str,
    pub(super) date_display: String,
    pub(super) entries: Vec<TimelineEntry<'a>>,
}

#[derive(Serialize)]
pub(super) struct TimelineEntry<'a> {
    pub(super) time: Option<&'a str>,
    pub(super) title: &'a str,
    pub(super) url: String,
    pub(super) inferred: bool,
    pub(super) article: tera::Value,
    /// A live post's story, by its title: a post's own title ("Update") says little alone.
    pub(super) story: Option<&'a str>,
}

/// A topic with its stories, for the one-page briefing.
#[derive(Serialize)]
pub(super) struct BriefingSection<'a> {
    pub(super) slug: &'a str,
    pub(super) name: &'a str,
    pub(super) articles: Vec<BriefingStory<'a>>,
}

/// A story in the briefing: its facts only when the briefing is detailed.
#[derive(Serialize)]
pub(super) struct BriefingStory<'a> {
    pub(super) slug: &'a str,
    pub(super) title: &'a str,
    pub(super) url: &'a str,
    pub(super) date_display: Option<&'a str>,
    pub(super) date_inferred: bool,
    pub(super) place: Option<&'a str>,
    pub(super) source: &'a str,
    pub(super) summary: &'a str,
    pub(super) quotes: &'a [crate::story::Quote],
    pub(super) figures: Vec<FigureGroup<'a>>,
}

/// An edition: the stories of one day, with the days before and after.
#[derive(Serialize)]
pub(super) struct EditionView<'a> {
    pub(super) date: Option<&'a str>,
    pub(super) date_display: Option<String>,
    /// Stories dated that day.
    pub(super) stories: usize,
    /// The editions before and after, as dates; their pages are editions/DATE.html.
    pub(super) previous: Option<&'a str>,
    pub(super) next: Option<&'a str>,
    /// Whether this is the front page.
    pub(super) front: bool,
}

/// A story's link with its figures, a sentence once.
pub(super) type StoryFigures<'a> = (tera::Value, Vec<FigureGroup<'a>>);

/// One of an edition's top stories: an event (a cluster) or a single story.
#[derive(Serialize)]
pub(super) struct TopStory<'a> {
    pub(super) title: &'a str,
    pub(super) url: &'a str,
    pub(super) topic: &'a str,
    pub(super) date_display: Option<&'a str>,
    pub(super) outlets: Vec<Outlet<'a>>,
    pub(super) reports: usize,
    pub(super) sentence: String,
}

/// One page of a topic's stories.
#[derive(Serialize)]
pub(super) struct Pagination {
    pub(super) page: usize,
    pub(super) pages: usize,
    /// Paths from the root of the page before and after.
    pub(super) previous: Option<String>,
    pub(super) next: Option<String>,
    /// The pages linked by number (the first, the last and those near this one), with
    /// their paths from the root.
    pub(super) shown: Vec<(usize, String)>,
}
