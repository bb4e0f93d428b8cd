//! The command line: `digest build | ingest | check | serve | init`.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{ArgAction, Parser, Subcommand};

/// digest: scraped news articles in, a linked briefing site out.
#[derive(Debug, Parser)]
#[command(name = "digest", version, about)]
pub struct Cli {
    /// Print errors only.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print how long each phase of a build took.
    #[arg(short, long, global = true, action = ArgAction::SetTrue)]
    pub verbose: bool,
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
        /// Replace the output folder even when digest did not build it (its files are lost).
        #[arg(long)]
        force: bool,
        /// Stop at a seed that cannot be read as text, instead of skipping it with a warning.
        #[arg(long)]
        strict: bool,
        /// Take the stories from records `digest ingest --jsonl` printed instead of
        /// ingesting seeds/ (the reduce step of an ingest run in parts).
        #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with = "no_ingest")]
        from_jsonl: Vec<PathBuf>,
        /// The front page's edition, YYYY-MM-DD (default: the newest story date).
        #[arg(long, value_parser = edition_date)]
        edition: Option<String>,
    },
    /// Turn raw article files into content pages (or JSON with --json).
    Ingest {
        /// The digest project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Print the stories as JSON to stdout and write nothing.
        #[arg(long, conflicts_with_all = ["explain", "jsonl"])]
        json: bool,
        /// Print one full story record per line (its text included) and write nothing: the
        /// map step of an ingest run in parts (see --from-jsonl).
        #[arg(long, conflicts_with = "explain")]
        jsonl: bool,
        /// Write content/ from the records that `ingest --jsonl` printed, instead of
        /// ingesting raw files: the reduce step of an ingest run in parts.
        #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with_all = ["json", "jsonl", "explain", "paths"])]
        from_jsonl: Vec<PathBuf>,
        /// Print what each line of the files became (story, role, why) and write nothing.
        #[arg(long)]
        explain: bool,
        /// Stop at a file that cannot be read as text, instead of skipping it with a warning.
        #[arg(long)]
        strict: bool,
        /// Files or folders to ingest instead of the configured seeds folder.
        paths: Vec<PathBuf>,
    },
    /// Check config, front matter, templates and every internal link and #anchor of the
    /// site built from content/ as it is (into a temporary folder); exit 1 on any problem.
    Check {
        /// The digest project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Build, serve public/ on this machine, and rebuild and reload open pages on change.
    Serve {
        /// The digest project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Loopback address to listen on (the preview is never served to the network).
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Include pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Write a new digest project (config, templates, theme, seeds/, content/) into DIR.
    Init {
        /// A new or empty folder.
        dir: PathBuf,
    },
}

/// `--edition`: a date as `YYYY-MM-DD`.
fn edition_date(value: &str) -> Result<String, String> {
    if crate::date::is_date(value) {
        Ok(value.to_string())
    } else {
        Err(format!("{value:?} is not a date; write it as YYYY-MM-DD"))
    }
}
