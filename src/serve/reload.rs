//! Live reload: the script injected into served pages, the error shown over them while a
//! rebuild has failed, and the server-sent event stream that tells them to reload.

use std::io::Write;
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use super::{Shared, KEEP_ALIVE, MAX_STREAMS, POLL_INTERVAL, RELOAD_SCRIPT, STREAM_CHECK};

/// The reload script, and the error over the page while there is one, before `</body>`.
pub(super) fn inject(html: &[u8], error: Option<&str>) -> Vec<u8> {
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
        crate::markup::escape_markup(error)
    )
}

/// The server-sent event stream: a `reload` event after each rebuild. A reconnecting page
/// says which rebuild it saw last (`Last-Event-ID`): if there was one since, it is told at
/// once. Past [`MAX_STREAMS`] held streams, the page is answered at once and asks again.
pub(super) fn events(
    mut stream: TcpStream,
    shared: &Shared,
    last_seen: Option<u64>,
) -> std::io::Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_body_closes_and_errors_are_escaped() {
        let page = inject(b"<html><body><p>x</p></BODY></html>", Some("<b>&"));
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("&lt;b&gt;&amp;"));
        assert!(page.ends_with(&format!("{RELOAD_SCRIPT}</BODY></html>")));
    }
}
