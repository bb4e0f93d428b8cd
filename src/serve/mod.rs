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

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use notify::{RecursiveMode, Watcher};

use crate::build::{self, Seeds, Session};
use crate::config::Config;
use crate::diagnostic::shown;
use crate::ingest::FileCleaning;
use crate::project::ProjectLock;
use crate::text;
use crate::ui;

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

/// Adds the paths a file event changed; reads (which the build itself does) change nothing.
fn changed_paths(event: notify::Result<notify::Event>, paths: &mut Vec<PathBuf>) {
    match event {
        Ok(event) if !matches!(event.kind, notify::EventKind::Access(_)) => {
            paths.extend(event.paths)
        }
        Ok(_) => {}
        Err(e) => ui::warn(&format!("watching the project: {e}")),
    }
}

/// Runs the build pipeline for `serve`, keeping the last ingest for the cleaning report
/// and the last build's model for incremental rebuilds.
struct Builder {
    root: PathBuf,
    drafts: bool,
    base_url: String,
    report: Option<Vec<FileCleaning>>,
    session: Option<Session>,
}

impl Builder {
    /// Builds (ingesting seeds/ first when `ingest`); the error text on failure.
    fn build(&mut self, ingest: bool) -> Option<String> {
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
    fn update(&mut self, content_dir: &Path, pages: &[PathBuf]) -> Option<String> {
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

/// What a batch of changes calls for.
enum Rebuild {
    /// seeds/ or config.toml changed, or a content page was deleted (ingest writes it anew).
    Ingest,
    /// Templates or theme changed: every page is rendered again.
    Render,
    /// Only these content pages were written: the pages showing them are rendered again.
    Pages(Vec<PathBuf>),
}

/// The seeds folder config.toml names (the default when config.toml cannot be read).
fn seeds_folder(root: &Path) -> String {
    Config::load(root)
        .map(|c| c.ingest.seeds)
        .unwrap_or_else(|_| "seeds".to_string())
}

/// Watches the project's inputs that exist and are not yet watched: seeds/, content/,
/// templates/ and theme/ with everything under them, and the root itself for
/// config.toml and for those folders appearing.
fn watch(
    root: &Path,
    seeds: &str,
    watcher: &mut impl Watcher,
    watched: &mut Vec<PathBuf>,
) -> Result<()> {
    let mut wanted = vec![(root.to_path_buf(), RecursiveMode::NonRecursive)];
    for dir in [seeds, "content", "templates", "theme"] {
        wanted.push((root.join(dir), RecursiveMode::Recursive));
    }
    for (path, mode) in wanted {
        if watched.contains(&path) || !path.is_dir() {
            continue;
        }
        watcher
            .watch(&path, mode)
            .with_context(|| format!("{}: cannot watch for changes", shown(&path)))?;
        watched.push(path);
    }
    Ok(())
}

/// What a batch of changes calls for, if anything: seeds/ and config.toml feed ingest;
/// templates/ and theme/ need every page rendered; written content pages need only the
/// pages that show them (a deleted one needs ingest, which writes it anew).
fn classify(root: &Path, seeds: &str, paths: &[PathBuf]) -> Option<Rebuild> {
    let mut rebuild: Option<Rebuild> = None;
    for full in paths {
        let Ok(path) = full.strip_prefix(root) else {
            continue;
        };
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // Editors' swap, backup and temporary files, and ingest's own.
        if name.starts_with('.') || name.ends_with('~') || name.ends_with(".tmp") || name == "4913"
        {
            continue;
        }
        let under = |dir: &str| path.starts_with(dir);
        let this = if path == Path::new("config.toml") || under(seeds) {
            Rebuild::Ingest
        } else if under("content") {
            if !name.ends_with(".md") {
                // A folder, or a file that is not a page: an editor's temporary file that is
                // renamed over a page, say (the page's own event follows).
                continue;
            } else if !full.exists() {
                Rebuild::Ingest
            } else if full.is_file() {
                Rebuild::Pages(vec![full.clone()])
            } else {
                continue;
            }
        } else if under("templates") || under("theme") {
            Rebuild::Render
        } else {
            continue;
        };
        rebuild = Some(match (rebuild, this) {
            (Some(Rebuild::Ingest), _) | (_, Rebuild::Ingest) => Rebuild::Ingest,
            (Some(Rebuild::Render), _) | (_, Rebuild::Render) => Rebuild::Render,
            (Some(Rebuild::Pages(mut pages)), Rebuild::Pages(more)) => {
                for page in more {
                    if !pages.contains(&page) {
                        pages.push(page);
                    }
                }
                Rebuild::Pages(pages)
            }
            (None, this) => this,
        });
    }
    rebuild
}

fn accept(listener: TcpListener, shared: Arc<Shared>) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            std::thread::spawn(move || busy(stream));
            continue;
        }
        let shared = Arc::clone(&shared);
        let open = Arc::clone(&open);
        std::thread::spawn(move || {
            // A dropped connection is the client's business; nothing to report.
            let _ = handle(stream, &shared);
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

/// Answers 503 to a connection past the cap. The request is read first and the connection
/// closed gently: closing a socket with unread data resets it, and the client would lose
/// the answer. Each such thread lives a second or two at most.
fn busy(mut stream: TcpStream) -> std::io::Result<()> {
    stream.set_write_timeout(Some(BUSY_TIMEOUT))?;
    let _ = read_request(&stream, BUSY_TIMEOUT);
    stream.set_read_timeout(Some(BUSY_TIMEOUT))?;
    respond(&mut stream, 503, "text/plain", b"busy\n", false)?;
    stream.shutdown(std::net::Shutdown::Write)?;
    let mut rest = [0u8; 1024];
    while matches!(stream.read(&mut rest), Ok(n) if n > 0) {}
    Ok(())
}

/// Answers one request.
fn handle(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let Some(request) = read_request(&stream, HEAD_TIMEOUT)? else {
        return respond(&mut stream, 400, "text/plain", b"bad request\n", false);
    };
    let head_only = request.method == "HEAD";
    if !host_allowed(request.host.as_deref(), request.http_1_0, shared.address) {
        // A page of another site that resolves its name to this machine (DNS rebinding)
        // must not read the preview.
        return respond(
            &mut stream,
            403,
            "text/plain",
            b"this preview answers only requests for localhost\n",
            head_only,
        );
    }
    if request.method != "GET" && !head_only {
        return respond(&mut stream, 405, "text/plain", b"GET only\n", false);
    }
    let path = request.target.split(['?', '#']).next().unwrap_or("");
    if path == EVENTS_PATH {
        return events(stream, shared, request.last_event_id);
    }
    match locate(&shared.out_dir, path) {
        Located::File(file) => {
            let Ok(bytes) = std::fs::read(&file) else {
                return not_found(&mut stream, shared, head_only);
            };
            let kind = content_type(&file);
            let bytes = if kind.starts_with("text/html") {
                inject(&bytes, shared.error().as_deref())
            } else {
                bytes
            };
            respond(&mut stream, 200, kind, &bytes, head_only)
        }
        Located::Folder(slashed) => redirect(&mut stream, &slashed),
        Located::Listing(dir) => {
            let page = listing(&dir, path);
            let page = inject(page.as_bytes(), shared.error().as_deref());
            respond(
                &mut stream,
                200,
                "text/html; charset=utf-8",
                &page,
                head_only,
            )
        }
        Located::Missing => not_found(&mut stream, shared, head_only),
        Located::Forbidden => respond(&mut stream, 403, "text/plain", b"forbidden\n", head_only),
    }
}

/// What a request asked for.
struct Request {
    method: String,
    target: String,
    host: Option<String>,
    /// HTTP/1.0, which may leave out the host.
    http_1_0: bool,
    /// The generation an event stream last saw, when it reconnects.
    last_event_id: Option<u64>,
}

/// Reads the request line and the headers after it, all within `timeout`; `None` for a
/// malformed request (not HTTP/1.x, not UTF-8, too long).
fn read_request(stream: &TcpStream, timeout: Duration) -> std::io::Result<Option<Request>> {
    let deadline = Instant::now() + timeout;
    let mut reader = BufReader::new(stream).take(MAX_HEAD as u64);
    let mut line = Vec::new();
    let mut next_line = |line: &mut Vec<u8>| -> std::io::Result<Option<String>> {
        line.clear();
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        stream.set_read_timeout(Some(left))?;
        reader.read_until(b'\n', line)?;
        if !line.ends_with(b"\n") {
            return Ok(None);
        }
        Ok(String::from_utf8(std::mem::take(line)).ok())
    };
    let Some(request_line) = next_line(&mut line)? else {
        return Ok(None);
    };
    let mut parts = request_line.split_whitespace();
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Ok(None);
    };
    if !matches!(version, "HTTP/1.0" | "HTTP/1.1") {
        return Ok(None);
    }
    let mut request = Request {
        method: method.to_string(),
        target: target.to_string(),
        host: None,
        http_1_0: version == "HTTP/1.0",
        last_event_id: None,
    };
    loop {
        let Some(header) = next_line(&mut line)? else {
            return Ok(None);
        };
        if header.trim().is_empty() {
            break;
        }
        let Some((name, value)) = header.split_once(':') else {
            return Ok(None);
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("host") {
            request.host = Some(value.to_ascii_lowercase());
        } else if name.eq_ignore_ascii_case("last-event-id") {
            request.last_event_id = value.parse().ok();
        }
    }
    Ok(Some(request))
}

/// Whether a request's `Host` names this machine: localhost, 127.0.0.1, [::1] or the
/// address listened on, with the port listened on or none.
fn host_allowed(host: Option<&str>, http_1_0: bool, address: SocketAddr) -> bool {
    let Some(host) = host else {
        return http_1_0;
    };
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) if !port.contains(']') => (name, Some(port)),
        _ => (host, None),
    };
    let bound = match address.ip() {
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    };
    let local = matches!(name, "localhost" | "127.0.0.1" | "[::1]") || name == bound;
    local && port.is_none_or(|p| p.parse() == Ok(address.port()))
}

/// Where a request path leads inside the output folder.
#[derive(Debug, PartialEq)]
enum Located {
    File(PathBuf),
    /// A folder asked for without its trailing slash: where to redirect, relative to it
    /// (`name/`), so the redirect never names another host.
    Folder(String),
    /// A folder without an index.html: its contents are listed.
    Listing(PathBuf),
    Missing,
    /// The path tries to leave the output folder.
    Forbidden,
}

/// Maps a request path onto a file under `out_dir`, refusing any way out of it: `..`
/// segments (also percent-encoded), backslashes, drive prefixes, NUL bytes, and symbolic
/// links that point outside.
fn locate(out_dir: &Path, path: &str) -> Located {
    let Some(path) = path.strip_prefix('/') else {
        return Located::Forbidden;
    };
    let decoded = crate::check::percent_decode(path);
    if decoded.contains(['\\', '\0']) {
        return Located::Forbidden;
    }
    let mut file = out_dir.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        match Path::new(segment).components().next() {
            Some(Component::Normal(_)) if !segment.contains(':') => file.push(segment),
            _ => return Located::Forbidden,
        }
    }
    if file.is_dir() {
        if !decoded.is_empty() && !decoded.ends_with('/') {
            let last = path.rsplit('/').next().unwrap_or(path);
            return Located::Folder(format!("{last}/"));
        }
        if !file.join("index.html").is_file() {
            return match (file.canonicalize(), out_dir.canonicalize()) {
                (Ok(real), Ok(base)) if real.starts_with(&base) => Located::Listing(real),
                (Ok(_), Ok(_)) => Located::Forbidden,
                _ => Located::Missing,
            };
        }
        file.push("index.html");
    }
    // Symbolic links inside the output must not lead out of it.
    match (file.canonicalize(), out_dir.canonicalize()) {
        (Ok(real), Ok(base)) if real.starts_with(&base) => Located::File(real),
        (Ok(_), Ok(_)) => Located::Forbidden,
        _ => Located::Missing,
    }
}

/// A page listing a folder's files and folders (folders end in `/`), each linked.
fn listing(dir: &Path, path: &str) -> String {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let folder = entry.file_type().is_ok_and(|t| t.is_dir());
            (!name.starts_with('.')).then(|| if folder { format!("{name}/") } else { name })
        })
        .collect();
    names.sort();
    let title = text::escape_markup(path);
    let mut page = format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>{title}</title><body><h1>{title}</h1><ul>"
    );
    for name in names {
        let name = text::escape_markup(&name);
        page.push_str(&format!("<li><a href=\"{name}\">{name}</a></li>"));
    }
    page.push_str("</ul></body></html>");
    page
}

/// The site's 404 page (or the error page while the last rebuild failed).
fn not_found(stream: &mut TcpStream, shared: &Shared, head_only: bool) -> std::io::Result<()> {
    let error = shared.error();
    let page = std::fs::read(shared.out_dir.join("404.html")).unwrap_or_else(|_| {
        b"<!doctype html><title>Not found</title><body><h1>Not found</h1></body>".to_vec()
    });
    let status = if error.is_some() { 500 } else { 404 };
    respond(
        stream,
        status,
        "text/html; charset=utf-8",
        &inject(&page, error.as_deref()),
        head_only,
    )
}

/// The reload script, and the error over the page while there is one, before `</body>`.
fn inject(html: &[u8], error: Option<&str>) -> Vec<u8> {
    let mut addition = String::new();
    if let Some(error) = error {
        addition.push_str(&error_overlay(error));
    }
    addition.push_str(RELOAD_SCRIPT);
    let lower = String::from_utf8_lossy(html).to_ascii_lowercase();
    let at = lower.rfind("</body>").unwrap_or(html.len());
    // Lossy lowering keeps lengths only for valid UTF-8; otherwise append at the end.
    let at = if lower.len() == html.len() {
        at
    } else {
        html.len()
    };
    let mut out = Vec::with_capacity(html.len() + addition.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(addition.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// A panel over the page with the build error, escaped; its button uncovers the last good
/// page underneath. Inline styles throughout, so the site's stylesheet cannot hide it.
fn error_overlay(error: &str) -> String {
    format!(
        concat!(
            "<div id=\"digest-build-error\" role=\"alert\" style=\"position:fixed;inset:0;",
            "z-index:2147483647;overflow:auto;margin:0;padding:2rem;background:#1d1f21;",
            "color:#f5f5f5;font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;text-align:left\">",
            "<button type=\"button\" onclick=\"this.parentNode.remove()\" style=\"float:right;",
            "font:inherit;color:#1d1f21;background:#f5f5f5;border:0;padding:.3rem .8rem;",
            "cursor:pointer\">Show the last good page</button>",
            "<h1 style=\"margin:0 0 1rem;font-size:1.3rem;font-weight:bold;color:#ff9b9b\">digest: the rebuild failed</h1>",
            "<pre style=\"white-space:pre-wrap;margin:0 0 1rem;padding:1rem;background:#000;",
            "color:#f5f5f5;font:inherit;border:0\">{}</pre>",
            "<p style=\"margin:0;color:#bbb;font:inherit\">Fix it and save: this page reloads by itself.</p></div>"
        ),
        text::escape_markup(error)
    )
}

/// The server-sent event stream: a `reload` event after each rebuild. A reconnecting page
/// says which rebuild it saw last (`Last-Event-ID`): if there was one since, it is told at
/// once. Past [`MAX_STREAMS`] held streams, the page is answered at once and asks again.
fn events(mut stream: TcpStream, shared: &Shared, last_seen: Option<u64>) -> std::io::Result<()> {
    const HEAD: &str = concat!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n",
        "X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
    );
    let generation = |shared: &Shared| {
        shared
            .status
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .generation
    };
    let mut seen = generation(shared);
    if last_seen.is_some_and(|last| last != seen) {
        let reload = format!("{HEAD}retry: 500\nid: {seen}\nevent: reload\ndata: {seen}\n\n");
        stream.write_all(reload.as_bytes())?;
        return stream.flush();
    }
    if shared.streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        shared.streams.fetch_sub(1, Ordering::SeqCst);
        let poll = format!("{HEAD}retry: {}\nid: {seen}\n\n", POLL_INTERVAL.as_millis());
        stream.write_all(poll.as_bytes())?;
        return stream.flush();
    }
    // Frees the place however the stream ends.
    struct Held<'a>(&'a AtomicUsize);
    impl Drop for Held<'_> {
        fn drop(&mut self) {
            self.0.fetch_sub(1, Ordering::SeqCst);
        }
    }
    let _held = Held(&shared.streams);
    stream.write_all(format!("{HEAD}retry: 500\nid: {seen}\n\n").as_bytes())?;
    stream.flush()?;
    let mut quiet_since = Instant::now();
    loop {
        let status = shared.status.lock().unwrap_or_else(|e| e.into_inner());
        let (status, _) = shared
            .changed
            .wait_timeout_while(status, STREAM_CHECK, |s| s.generation == seen)
            .unwrap_or_else(|e| e.into_inner());
        let now = status.generation;
        drop(status);
        if now != seen {
            seen = now;
            stream.write_all(format!("id: {now}\nevent: reload\ndata: {now}\n\n").as_bytes())?;
            stream.flush()?;
            quiet_since = Instant::now();
        } else if quiet_since.elapsed() >= KEEP_ALIVE {
            stream.write_all(b": keep-alive\n\n")?;
            stream.flush()?;
            quiet_since = Instant::now();
        }
        if client_gone(&stream) {
            return Ok(());
        }
    }
}

/// Whether the other end closed the connection (a page that was closed or reloaded).
fn client_gone(stream: &TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return true;
    }
    let gone = match stream.peek(&mut [0u8; 1]) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
    };
    gone || stream.set_nonblocking(false).is_err()
}

fn redirect(stream: &mut TcpStream, location: &str) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\n{NOSNIFF}Connection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes())?;
    stream.flush()
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        _ => "Service Unavailable",
    };
    // No caching: after a rebuild the browser must fetch the new files.
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n{NOSNIFF}Connection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_pages_rebuild_incrementally_and_other_changes_in_full() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/defence")).unwrap();
        std::fs::create_dir_all(root.join("templates")).unwrap();
        let page = root.join("content/defence/a.md");
        std::fs::write(&page, "+++\n+++\n").unwrap();
        let pages = classify(root, "seeds", std::slice::from_ref(&page));
        assert!(matches!(pages, Some(Rebuild::Pages(ref p)) if *p == [page.clone()]));
        // An editor's temporary file renamed over the page has vanished: not a deleted page.
        let temporary = root.join("content/defence/a.md___jb_tmp___");
        assert!(classify(root, "seeds", std::slice::from_ref(&temporary)).is_none());
        assert!(matches!(
            classify(root, "seeds", &[temporary, page.clone()]),
            Some(Rebuild::Pages(_))
        ));
        // A deleted page is written anew by ingest; templates render everything again.
        let gone = root.join("content/defence/b.md");
        assert!(matches!(
            classify(root, "seeds", &[page.clone(), gone]),
            Some(Rebuild::Ingest)
        ));
        let template = root.join("templates/article.html");
        assert!(matches!(
            classify(root, "seeds", &[page, template]),
            Some(Rebuild::Render)
        ));
        assert!(matches!(
            classify(root, "seeds", &[root.join("config.toml")]),
            Some(Rebuild::Ingest)
        ));
    }

    #[test]
    fn paths_that_leave_the_output_folder_are_forbidden() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("articles")).unwrap();
        std::fs::write(out.join("index.html"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "x").unwrap();
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/articles/%2E%2E/%2e%2e/secret.txt",
            "/..%2fsecret.txt",
            "/..\\secret.txt",
            "/C:/Windows",
            "relative",
        ] {
            assert_eq!(locate(&out, bad), Located::Forbidden, "{bad}");
        }
        assert_eq!(locate(&out, "//etc/passwd"), Located::Missing);
        assert!(matches!(locate(&out, "/"), Located::File(_)));
        assert_eq!(
            locate(&out, "/articles"),
            Located::Folder("articles/".into())
        );
        assert!(matches!(locate(&out, "/articles/"), Located::Listing(_)));
        // However many slashes lead, the redirect stays on this host.
        assert_eq!(
            locate(&out, "//articles"),
            Located::Folder("articles/".into())
        );
    }

    #[test]
    fn the_script_goes_before_the_body_closes_and_errors_are_escaped() {
        let page = inject(b"<html><body><p>x</p></BODY></html>", Some("<b>&"));
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("&lt;b&gt;&amp;"));
        assert!(page.ends_with(&format!("{RELOAD_SCRIPT}</BODY></html>")));
    }
}
