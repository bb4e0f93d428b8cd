//! The command line: `digest build | ingest`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// digest: scraped news articles in, a linked briefing site out.
#[derive(Debug, Parser)]
#[command(name = "digest", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingest seeds/ into content/ (unless --no-ingest), then render the site.
    Build {
        /// The digest project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site, relative to the root unless absolute.
        #[arg(long, default_value = "public")]
        output: PathBuf,
        /// Absolute URL the site is published at (feeds, sitemap); overrides config.toml.
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Render content/ as it is, without ingesting seeds/.
        #[arg(long)]
        no_ingest: bool,
    },
    /// Turn raw article files into content pages (or JSON with --json).
    Ingest {
        /// The digest project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Print the stories as JSON to stdout and write nothing.
        #[arg(long)]
        json: bool,
        /// Files or folders to ingest instead of the configured seeds folder.
        paths: Vec<PathBuf>,
    },
}
