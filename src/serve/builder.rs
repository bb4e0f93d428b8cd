//! The build pipeline as `serve` runs it: a full build, or an incremental rebuild of the
//! pages that show the content pages written.

use std::path::{Path, PathBuf};

use crate::build::{self, Seeds, Session};
use crate::project::ProjectLock;
use crate::story::FileCleaning;
use crate::ui;

/// Runs the build pipeline for `serve`, keeping the last ingest for the cleaning report
/// and the last build's model for incremental rebuilds.
pub(super) struct Builder {
    pub(super) root: PathBuf,
    pub(super) drafts: bool,
    pub(super) base_url: String,
    pub(super) report: Option<Vec<FileCleaning>>,
    pub(super) session: Option<Session>,
}

impl Builder {
    /// Builds (ingesting seeds/ first when `ingest`); the error text on failure.
    pub(super) fn build(&mut self, ingest: bool) -> Option<String> {
        let result = build::run(build::Options {
            root: &self.root,
            output: Path::new("public"),
            base_url: Some(self.base_url.clone()),
            edition: None,
            drafts: self.drafts,
            seeds: if ingest {
                Seeds::Ingest { strict: false }
            } else {
                Seeds::Skip {
                    report: self.report.as_deref(),
                }
            },
            track: true,
            force: false,
        });
        match result {
            Ok(built) => {
                ui::note(&format!("build: {}", built.summary()));
                if built.report.is_some() {
                    self.report = built.report;
                }
                self.session = built.session;
                None
            }
            Err(e) => Some(failed(e)),
        }
    }

    /// Rebuilds after content pages (`pages`, under `content_dir`) were written: only
    /// those are read, and only the pages of the site that show them are rendered.
    pub(super) fn update(&mut self, content_dir: &Path, pages: &[PathBuf]) -> Option<String> {
        let Some(session) = self.session.as_mut() else {
            return self.build(false);
        };
        // As every build: a `digest build` meanwhile would write content/ and public/ too.
        let _lock = match ProjectLock::acquire(&self.root) {
            Ok(lock) => lock,
            Err(e) => return Some(failed(e)),
        };
        let started = std::time::Instant::now();
        let updated = session.update(
            &self.root,
            content_dir,
            pages,
            self.report.as_deref(),
            &self.root.join("public"),
        );
        match updated {
            Ok(u) => {
                ui::note(&format!(
                    "rebuilt: {} of {} pages rendered, {} files written, {} removed in {:.1} ms",
                    u.rendered,
                    u.pages,
                    u.written,
                    u.removed,
                    started.elapsed().as_secs_f64() * 1000.0
                ));
                None
            }
            Err(e) => {
                if session.is_stale() {
                    // The model moved on but the site did not: the next change rebuilds all.
                    self.session = None;
                }
                Some(failed(e))
            }
        }
    }
}

/// Reports a failed rebuild; the message for the browser's error overlay.
fn failed(e: anyhow::Error) -> String {
    let message = format!("{e:#}");
    ui::error(&format!(
        "{message}\n(serving the last good build; fix the error and save to rebuild)"
    ));
    message
}
