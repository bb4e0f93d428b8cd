//! The HTTP side: GET-only handlers on `std::net`, one thread per connection (capped), files
//! of the output folder served and nothing outside it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::reload::{events, inject};
use super::{
    Shared, BUSY_TIMEOUT, EVENTS_PATH, HEAD_TIMEOUT, MAX_CONNECTIONS, MAX_HEAD, NOSNIFF,
    WRITE_TIMEOUT,
};

pub(super) fn accept(listener: TcpListener, shared: Arc<Shared>) {
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
    let title = crate::markup::escape_markup(path);
    let mut page = format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>{title}</title><body><h1>{title}</h1><ul>"
    );
    for name in names {
        let name = crate::markup::escape_markup(&name);
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
}
