//! digest: turns scraped news articles into a linked briefing site. The command line is
//! thin; the pipeline lives in the library (src/lib.rs).

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

use digest::cli::{Cli, Command};
use digest::config::Config;
use digest::project::{self, ProjectLock};
use digest::story::json;
use digest::ui::{self, Verbosity};
use digest::{build, check, init, serve};

// A build makes millions of small strings and maps on every core; mimalloc's per-thread
// heaps allocate and free them at a fraction of the system allocator's cost.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    ui::set_verbosity(if cli.quiet {
        Verbosity::Quiet
    } else if cli.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    });
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            ui::error(&format!("{e:#}"));
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
            force,
            strict,
            from_jsonl,
            edition,
        } => {
            let built = build::run(build::Options {
                root: &root,
                output: &output,
                base_url,
                edition,
                drafts,
                seeds: if no_ingest {
                    build::Seeds::Skip { report: None }
                } else if !from_jsonl.is_empty() {
                    build::Seeds::Records { files: &from_jsonl }
                } else {
                    build::Seeds::Ingest { strict }
                },
                track: false,
                force,
            })?;
            ui::note(&format!("build: {}", built.summary()));
            // The process ends here: the system takes the site's memory back at once, faster
            // than freeing it object by object (a second at 100,000 stories).
            std::mem::forget(built);
            Ok(())
        }
        Command::Ingest {
            root,
            json,
            jsonl,
            from_jsonl,
            explain,
            strict,
            paths,
        } => {
            project::check_root(&root)?;
            let config = Config::load(&root)?;
            if explain {
                return build::explain(&root, &config, &paths);
            }
            if !from_jsonl.is_empty() {
                let _lock = ProjectLock::acquire(&root)?;
                let (stories, _) = build::read_records(&from_jsonl)?;
                return build::write_content(&root, stories, |_, _| ()).map(drop);
            }
            if json || jsonl {
                let (stories, skipped) = build::ingest(&root, &config, &paths, strict)?;
                return print_to_stdout(|out| {
                    if jsonl {
                        json::write_lines(out, &stories, &skipped)
                    } else {
                        json::write_array(out, &stories)
                    }
                });
            }
            let _lock = ProjectLock::acquire(&root)?;
            let (stories, _) = build::ingest(&root, &config, &paths, strict)?;
            build::write_content(&root, stories, |_, _| ()).map(drop)
        }
        Command::Check { root } => {
            project::check_root(&root)?;
            check::run(&root)
        }
        Command::Serve {
            root,
            port,
            bind,
            drafts,
        } => {
            project::check_root(&root)?;
            serve::run(&root, bind, port, drafts)
        }
        Command::Init { dir } => init::run(Path::new(&dir)),
    }
}

/// Prints to stdout through `write`. A reader that stops early (`| head`) is not an error.
fn print_to_stdout(
    write: impl FnOnce(&mut std::io::BufWriter<std::io::StdoutLock>) -> std::io::Result<()>,
) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot print JSON to stdout"),
    }
}
