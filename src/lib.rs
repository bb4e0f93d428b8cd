//! digest: a static site generator for a news briefing. Raw scraped articles are ingested
//! into structured content pages, loaded into a site model and rendered to a linked site.
//!
//! Data flows one way: `ingest` (raw files -> [`story::StoryRecord`]s) -> `content` (pages
//! on disk, their front matter a [`story::Story`]) -> `site` (the model, Markdown rendered)
//! -> `render` (HTML, feeds, search); `build` runs the pipeline and `check`, `serve` and
//! `init` are the commands around it. The types the stages hand each other live below them
//! in `story`; `text`, `date`, `hash`, `markup`, `ui` and `assets` are shared by all. No module imports one of
//! its own layer or above (tests/architecture.rs lists the layers and checks it).

pub mod assets;
pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod date;
pub mod diagnostic;
pub mod hash;
pub mod ingest;
pub mod init;
pub mod markup;
pub mod project;
pub mod render;
pub mod serve;
pub mod site;
pub mod story;
#[cfg(test)]
mod test_support;
pub mod text;
pub mod ui;

pub use ui::warn;

/// Most files or pages one parallel job takes on (rayon's `with_max_len`), where each costs
/// from a fraction of a millisecond to a few. Rayon splits work further only when a thread
/// goes idle, so one thread could be left with a run of hundreds of files that the others
/// could not take: a tenth to a third of a second at the end of ingesting 10,000 files,
/// with one core idle. Jobs of a few files keep every core busy to the end.
pub const FILES_PER_JOB: usize = 4;
