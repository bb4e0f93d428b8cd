//! `digest serve`: builds into public/, serves it on a loopback address, watches the project
//! and rebuilds on change, and reloads open pages through server-sent events.
//!
//! The server is a few GET-only handlers on `std::net`, one thread per connection (capped):
//! a local preview needs no more, and a server-sent event stream needs each event written
//! and flushed as it happens, which is plain here.
//!
//! A failed rebuild leaves the last good site in public/ (the build swaps a staging folder
//! into place) and shows the error over every page and in the terminal; the next good
//! rebuild clears it.

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use notify::Watcher;

use crate::diagnostic::shown;
use crate::ui;

mod builder;
mod http;
mod reload;
mod watch;

use builder::Builder;
use http::accept;
use watch::{changed_paths, classify, seeds_folder, watch, Rebuild};

/// Where pages listen for reloads; outside any path the site itself can have.
const EVENTS_PATH: &str = "/__digest/events";
/// How long to wait for more changes before rebuilding: editors write a file in bursts.
const DEBOUNCE: Duration = Duration::from_millis(50);
/// Connections served at once, event streams included; more get 503.
const MAX_CONNECTIONS: usize = 256;
/// Event streams held open at once. A browser opens at most six connections to one host, so
/// pages (one stream each) past these are answered at once and ask again after
/// [`POLL_INTERVAL`] (an event source reconnects by itself): seven tabs never starve.
const MAX_STREAMS: usize = 3;
/// How soon a page whose stream was not held asks again whether the site changed.
const POLL_INTERVAL: Duration = Duration::from_secs(1);
/// A comment line keeps an idle event stream open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How often a held stream looks whether its page has gone, to free its place.
const STREAM_CHECK: Duration = Duration::from_millis(250);
/// The whole request head must arrive within this; a slower client is dropped.
const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// A client that does not take its response within this is dropped.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a connection past the cap may take to send its request.
const BUSY_TIMEOUT: Duration = Duration::from_secs(1);
/// Sent with every response: the browser takes each file as the type it is served as.
const NOSNIFF: &str = "X-Content-Type-Options: nosniff\r\n";
/// Longest request head read.
const MAX_HEAD: usize = 16 * 1024;

/// Injected before `</body>` of every served HTML page (never into `build` output).
const RELOAD_SCRIPT: &str = concat!(
    "<script>(function(){var s=new EventSource(\"/__digest/events\");",
    "s.addEventListener(\"reload\",function(){location.reload();});})();</script>"
);

/// What every connection thread reads: the last build's outcome.
struct Shared {
    out_dir: PathBuf,
    /// The address listened on: requests must name it (or localhost) as their host.
    address: SocketAddr,
    status: Mutex<Status>,
    changed: Condvar,
    /// Event streams held open now (see [`MAX_STREAMS`]).
    streams: AtomicUsize,
}

struct Status {
    /// Counts finished rebuilds; a change tells open pages to reload.
    generation: u64,
    /// The last rebuild's error, shown over every page until a rebuild succeeds.
    error: Option<String>,
}

impl Shared {
    fn finish(&self, error: Option<String>) {
        let mut status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        status.generation += 1;
        status.error = error;
        self.changed.notify_all();
    }

    fn error(&self) -> Option<String> {
        let status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        status.error.clone()
    }
}

/// Builds, serves and rebuilds until interrupted.
pub fn run(root: &Path, bind: IpAddr, port: u16, drafts: bool) -> Result<()> {
    if !bind.is_loopback() {
        bail!("--bind {bind}: serve previews on this machine only; give a loopback address such as 127.0.0.1");
    }
    let listener = TcpListener::bind((bind, port)).with_context(|| {
        format!("cannot listen on {bind}:{port}; is another server using it? Try --port 0 for a free one")
    })?;
    let address = listener
        .local_addr()
        .context("cannot read the listening address")?;
    let mut builder = Builder {
        root: root.to_path_buf(),
        drafts,
        base_url: format!("http://{address}/"),
        report: None,
        session: None,
    };
    let shared = Arc::new(Shared {
        out_dir: root.join("public"),
        address,
        status: Mutex::new(Status {
            generation: 0,
            error: None,
        }),
        changed: Condvar::new(),
        streams: AtomicUsize::new(0),
    });
    shared.finish(builder.build(true));

    // Watched paths come back absolute; compare them with an absolute root.
    let watch_root: PathBuf = std::env::current_dir()
        .context("cannot read the current folder")?
        .join(root)
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    let (sender, changes) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender).context("cannot watch the project")?;
    let mut watched = Vec::new();
    // Read again only when config.toml changes (which calls for ingest): reading it for every
    // batch of events showed in profiles of editing.
    let mut seeds = seeds_folder(&watch_root);
    watch(&watch_root, &seeds, &mut watcher, &mut watched)?;

    let accepting = Arc::clone(&shared);
    std::thread::spawn(move || accept(listener, accepting));
    // Printed even with -q: with --port 0 it is the only way to learn the address.
    ui::essential(&format!(
        "serving {} at http://{address}/ (Ctrl+C to stop)",
        shown(&shared.out_dir)
    ));

    while let Ok(first) = changes.recv() {
        let mut paths = Vec::new();
        changed_paths(first, &mut paths);
        // An editor saves in bursts; rebuild once the project has been quiet a moment.
        while let Ok(next) = changes.recv_timeout(DEBOUNCE) {
            changed_paths(next, &mut paths);
        }
        let Some(rebuild) = classify(&watch_root, &seeds, &paths) else {
            continue;
        };
        let ingest = matches!(rebuild, Rebuild::Ingest);
        // Ingest rewrites content/; unwatched meanwhile, so its own writes start no rebuild.
        let content = watch_root.join("content");
        if ingest && watched.contains(&content) {
            let _ = watcher.unwatch(&content);
            watched.retain(|w| *w != content);
        }
        let error = match rebuild {
            Rebuild::Ingest => builder.build(true),
            Rebuild::Render => builder.build(false),
            Rebuild::Pages(pages) => {
                // Named from the root as given, as a full build names them in messages.
                let pages: Vec<PathBuf> = pages
                    .iter()
                    .map(|p| root.join(p.strip_prefix(&watch_root).unwrap_or(p)))
                    .collect();
                builder.update(&root.join("content"), &pages)
            }
        };
        shared.finish(error);
        if ingest {
            seeds = seeds_folder(&watch_root);
        }
        watch(&watch_root, &seeds, &mut watcher, &mut watched)?;
    }
    Ok(())
}
