//! digest: turns scraped news articles into a linked briefing site.

mod cli;
mod config;
mod content;
mod ingest;
mod render;
mod site;
mod text;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Parser;

use cli::{Cli, Command};
use config::Config;
use ingest::{Ingester, Story};

/// Prints a warning to stderr.
pub fn warn(message: &str) {
    eprintln!("warning: {message}");
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command) -> Result<()> {
    match command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            no_ingest,
        } => build(&root, &output, base_url, drafts, no_ingest),
        Command::Ingest { root, json, paths } => {
            let config = Config::load(&root)?;
            let stories = ingest(&root, &config, &paths)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&stories).context("cannot print JSON")?
                );
            } else {
                write_content(&root, &stories)?;
            }
            Ok(())
        }
    }
}

/// Ingests `paths` (or the configured seeds folder) into stories, writing nothing.
fn ingest(root: &Path, config: &Config, paths: &[PathBuf]) -> Result<Vec<Story>> {
    let seeds = root.join(&config.ingest.seeds);
    let paths = if paths.is_empty() {
        vec![seeds]
    } else {
        paths.to_vec()
    };
    let files = ingest::article_files(&paths)?;
    let ingester = Ingester::new(config)?;
    ingester.ingest_files(&files, |path| {
        path.strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    })
}

fn write_content(root: &Path, stories: &[Story]) -> Result<()> {
    let report = content::write_stories(&root.join("content"), stories)?;
    eprintln!(
        "ingest: {} stories, {} pages written, {} unchanged, {} hand-edited kept, {} stale removed",
        stories.len(),
        report.written,
        report.unchanged,
        report.kept_edits.len(),
        report.pruned
    );
    Ok(())
}

fn build(
    root: &Path,
    output: &Path,
    base_url: Option<String>,
    drafts: bool,
    no_ingest: bool,
) -> Result<()> {
    let started = Instant::now();
    let mut config = Config::load(root)?;
    if let Some(url) = base_url {
        config.base_url = url;
    }
    // Templates are checked before anything is written, so a broken template fails early.
    let tera = render::load_templates(root)?;
    let stories = if no_ingest {
        None
    } else {
        let seeds = root.join(&config.ingest.seeds);
        if seeds.is_dir() {
            let stories = ingest(root, &config, &[])?;
            write_content(root, &stories)?;
            Some(stories)
        } else {
            warn(&format!(
                "{}: no seeds folder; rendering content/ as it is",
                seeds.display()
            ));
            None
        }
    };
    let site = site::Site::load(root, config, drafts)?;
    let out_dir = if output.is_absolute() {
        output.to_path_buf()
    } else {
        root.join(output)
    };
    let stats = render::build(&site, &tera, root, stories.as_deref(), &out_dir)?;
    eprintln!(
        "build: {} stories, {} pages, {} topics in {:.2}s -> {}",
        site.articles.len(),
        stats.pages,
        site.topics
            .iter()
            .filter(|t| !t.articles.is_empty())
            .count(),
        started.elapsed().as_secs_f64(),
        out_dir.display()
    );
    Ok(())
}
