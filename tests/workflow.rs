//! The authoring workflow: `serve` (live reload, error page, recovery, no way out of the
//! output folder), `check`, `init`, drafts, `-q`/`-v`, and the exact text of the errors a
//! person editing a digest meets.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `digest serve`, killed when dropped so no test leaves a server behind.
struct Server {
    child: Child,
    port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `digest serve` on a free port in `root` and waits until it listens.
    fn start(root: &Path) -> Server {
        Server::start_with(root, &[])
    }

    /// [`Server::start`] with more arguments (before `serve`).
    fn start_with(root: &Path, global: &[&str]) -> Server {
        let mut child = common::digest()
            .args(global)
            .args(["serve", "--port", "0", "--root", "."])
            .current_dir(root)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("digest serve starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().expect("piped stderr");
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                let mut all = sink.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        let mut server = Server {
            child,
            port: 0,
            stderr,
        };
        let text = wait_for(Duration::from_secs(30), || {
            let text = server.stderr();
            text.contains("serving ").then_some(text)
        })
        .unwrap_or_else(|| panic!("serve did not start: {}", server.stderr()));
        let address = text.split("http://127.0.0.1:").nth(1).expect("address");
        server.port = address[..address.find('/').expect("slash")]
            .parse()
            .expect("port");
        server
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// GETs `path` as written (no normalisation), returning the status and body.
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("response");
        let status = response
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("status line");
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `probe` every 20 ms until it gives a value or `limit` passes.
fn wait_for<T>(limit: Duration, mut probe: impl FnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    loop {
        if let Some(value) = probe() {
            return Some(value);
        }
        if start.elapsed() > limit {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A built copy of the bundled project and one of its generated article pages.
fn built_project() -> (tempfile::TempDir, PathBuf) {
    let project = common::project_copy();
    let out = common::run(&["build", "-q"], project.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = common::files_with_ext(&project.path().join("content/defence"), "md").remove(0);
    (project, page)
}

/// The `articles/<slug>.html` path of a generated content page.
fn article_url(page: &Path) -> String {
    format!(
        "/articles/{}.html",
        page.file_stem().unwrap().to_string_lossy()
    )
}

/// Adds a paragraph at the top of a page's body.
fn add_paragraph(page: &Path, paragraph: &str) {
    let text = std::fs::read_to_string(page).unwrap();
    let (front, body) = text.split_once("\n+++\n").unwrap();
    std::fs::write(page, format!("{front}\n+++\n\n{paragraph}\n{body}")).unwrap();
}

const HAND_WRITTEN: &str = "content/defence/hand.md";

#[test]
fn serve_shows_a_content_edit_within_a_second_and_sends_a_reload_event() {
    let (project, page) = built_project();
    let server = Server::start(project.path());
    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("/__digest/events"), "reload script injected");
    let on_disk = std::fs::read_to_string(project.path().join("public/index.html")).unwrap();
    assert!(
        !on_disk.contains("__digest"),
        "the script is never written into the site"
    );

    let mut events = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(
        events,
        "GET /__digest/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(3)))
        .unwrap();
    let mut events = BufReader::new(events);
    let mut line = String::new();
    events.read_line(&mut line).unwrap();
    assert!(line.starts_with("HTTP/1.1 200"), "{line}");

    let url = article_url(&page);
    let edited = Instant::now();
    add_paragraph(&page, "Zebra crossings were repainted overnight.");
    let shown = wait_for(Duration::from_secs(3), || {
        let (_, body) = server.get(&url);
        body.contains("Zebra crossings were repainted")
            .then(Instant::now)
    })
    .unwrap_or_else(|| panic!("the edit never showed: {}", server.stderr()));
    let took = shown - edited;
    assert!(
        took < Duration::from_secs(1),
        "the edit took {took:?} to show"
    );

    let mut stream = String::new();
    while !stream.contains("event: reload") {
        line.clear();
        events
            .read_line(&mut line)
            .expect("a reload event within 3 s");
        stream.push_str(&line);
    }
}

#[test]
fn serve_shows_a_broken_edit_over_the_last_good_site_and_recovers_when_fixed() {
    let (project, _) = built_project();
    let server = Server::start(project.path());
    let hand = project.path().join(HAND_WRITTEN);
    std::fs::write(
        &hand,
        "+++\ntitle = \"Hand <written>\"\ntopics = [\"defence\"\n+++\n\nBody.\n",
    )
    .unwrap();
    let page = wait_for(Duration::from_secs(5), || {
        let (status, body) = server.get("/index.html");
        (status == 200 && body.contains("digest-build-error")).then_some(body)
    })
    .unwrap_or_else(|| panic!("no error page: {}", server.stderr()));
    assert!(
        page.contains(
            "content/defence/hand.md:3:20: invalid front matter: unclosed array, expected `]`"
        ),
        "{page}"
    );
    assert!(
        page.contains("topics/defence.html"),
        "the last good site is still served under the error"
    );
    assert!(server
        .stderr()
        .contains("error: content/defence/hand.md:3:20: invalid front matter"));

    std::fs::write(
        &hand,
        "+++\ntitle = \"Hand written\"\ntopics = [\"defence\"]\n+++\n\nBody.\n",
    )
    .unwrap();
    wait_for(Duration::from_secs(5), || {
        let (status, body) = server.get("/articles/hand.html");
        (status == 200 && !body.contains("digest-build-error")).then_some(())
    })
    .unwrap_or_else(|| panic!("did not recover: {}", server.stderr()));
    let (_, home) = server.get("/index.html");
    assert!(!home.contains("digest-build-error"));
}

#[test]
fn serve_answers_only_from_the_output_folder() {
    let (project, _) = built_project();
    let server = Server::start(project.path());
    for path in [
        "/../config.toml",
        "/%2e%2e/config.toml",
        "/%2E%2E%2Fconfig.toml",
        "/articles/..%2f..%2fconfig.toml",
        "/..%5cconfig.toml",
        "//config.toml",
        "/C:/config.toml",
        "config.toml",
    ] {
        let (status, body) = server.get(path);
        assert!(status == 403 || status == 404, "{path}: {status}");
        assert!(!body.contains("[ingest]"), "{path} leaked config.toml");
    }
    assert_eq!(server.get("/topics").0, 301);
    assert_eq!(server.get("/topics/defence.html").0, 200);
}

#[test]
fn check_names_a_broken_link_with_its_file_and_line_and_exits_1() {
    let (project, _) = built_project();
    std::fs::write(
        project.path().join(HAND_WRITTEN),
        "+++\ntitle = \"Hand written\"\ntopics = [\"defence\"]\n+++\n\nSee [the other story](missing.html).\n",
    )
    .unwrap();
    let out = common::run(&["check"], project.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "error: content/defence/hand.md:6: link \"missing.html\" (in articles/hand.html) is broken: the built site has no articles/missing.html"
        ),
        "{stderr}"
    );
}

#[test]
fn check_passes_the_bundled_project_without_touching_public() {
    let (project, _) = built_project();
    let before = std::fs::metadata(project.path().join("public/index.html"))
        .unwrap()
        .modified()
        .unwrap();
    let out = common::run(&["check"], project.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = std::fs::metadata(project.path().join("public/index.html"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after, "check builds into a temporary folder");
}

#[test]
fn init_writes_a_project_that_builds_and_refuses_a_folder_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("briefing");
    let out = common::run(&["init", "briefing"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for file in [
        "config.toml",
        "README.md",
        "templates/base.html",
        "theme/style.css",
        "seeds/.gitkeep",
        "content/.gitkeep",
    ] {
        assert!(project.join(file).is_file(), "{file} missing");
    }
    std::fs::write(
        project.join("seeds/one.txt"),
        "NATO allies agreed the defence spending plan for the armed forces on Monday.\n",
    )
    .unwrap();
    let out = common::run(&["build"], &project);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(project.join("public/index.html").is_file());

    let config = std::fs::read_to_string(project.join("config.toml")).unwrap();
    let out = common::run(&["init", "briefing"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: briefing: the folder is not empty; init writes a new project only into a new or empty folder, so nothing was written\n"
    );
    assert_eq!(
        std::fs::read_to_string(project.join("config.toml")).unwrap(),
        config
    );
}

#[test]
fn a_draft_is_built_only_with_drafts() {
    let (project, _) = built_project();
    std::fs::write(
        project.path().join(HAND_WRITTEN),
        "+++\ntitle = \"Not yet\"\ntopics = [\"defence\"]\ndraft = true\n+++\n\nBody.\n",
    )
    .unwrap();
    let draft = project.path().join("public/articles/hand.html");
    assert!(common::run(&["build", "-q"], project.path())
        .status
        .success());
    assert!(!draft.exists());
    assert!(common::run(&["build", "-q", "--drafts"], project.path())
        .status
        .success());
    assert!(draft.is_file());
}

#[test]
fn quiet_prints_nothing_and_verbose_times_each_phase() {
    let (project, _) = built_project();
    let quiet = common::run(&["build", "-q"], project.path());
    assert!(quiet.status.success());
    assert_eq!(String::from_utf8_lossy(&quiet.stderr), "");
    let verbose = common::run(&["build", "-v"], project.path());
    let stderr = String::from_utf8_lossy(&verbose.stderr);
    for phase in ["config", "templates", "ingest", "load", "render"] {
        assert!(
            stderr.lines().any(|l| l.trim_start().starts_with(phase)),
            "{phase}: {stderr}"
        );
    }
    assert!(stderr.contains("build: "), "the summary stays: {stderr}");
}

/// A small project: the given config, and `content/defence/hand.md` when a page is given.
fn small_project(config: &str, page: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), config).unwrap();
    if let Some(page) = page {
        std::fs::create_dir_all(dir.path().join("content/defence")).unwrap();
        std::fs::write(dir.path().join(HAND_WRITTEN), page).unwrap();
    }
    dir
}

const CONFIG: &str = "title = \"T\"\nlanguage = \"en\"\n\n[[topics]]\nslug = \"defence\"\nname = \"Defence\"\n[topics.keywords]\narmy = 1.0\n";

/// The whole of stderr of a build that must fail with exit 1.
fn build_error(project: &Path) -> String {
    let out = common::run(&["build", "-q", "--no-ingest"], project);
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn bad_config_toml_points_at_the_line_and_column() {
    let project = small_project(&CONFIG.replace("\"en\"", "\"en"), None);
    assert_eq!(
        build_error(project.path()),
        "error: config.toml:2:15: invalid config: invalid basic string, expected `\"`\n  |\n2 | language = \"en\n  |               ^\n"
    );
}

#[test]
fn an_unknown_config_key_names_the_closest_known_one() {
    let project = small_project(&CONFIG.replace("title", "titel"), None);
    assert_eq!(
        build_error(project.path()),
        "error: config.toml:1:1: unknown key \"titel\" in config.toml; did you mean \"title\"?\n  |\n1 | titel = \"T\"\n  | ^^^^^\n"
    );
    let project = small_project(&CONFIG.replace("name =", "nmae ="), None);
    assert_eq!(
        build_error(project.path()),
        "error: config.toml:6:1: unknown key \"nmae\" in [[topics]]; did you mean \"name\"?\n  |\n6 | nmae = \"Defence\"\n  | ^^^^\n"
    );
}

#[test]
fn bad_front_matter_points_where_the_array_should_close() {
    let project = small_project(
        CONFIG,
        Some("+++\ntitle = \"Hand\"\ntopics = [\"defence\"\n+++\n\nBody.\n"),
    );
    assert_eq!(
        build_error(project.path()),
        "error: content/defence/hand.md:3:20: invalid front matter: unclosed array, expected `]`\n  |\n3 | topics = [\"defence\"\n  |                    ^\n"
    );
}

#[test]
fn an_unknown_topic_names_the_configured_topics() {
    let project = small_project(
        CONFIG,
        Some("+++\ntitle = \"Hand\"\ntopics = [\"defense\"]\n+++\n\nBody.\n"),
    );
    assert_eq!(
        build_error(project.path()),
        "error: content/defence/hand.md:3:11: unknown topic \"defense\"; did you mean \"defence\"? configured topics are: defence, other\n  |\n3 | topics = [\"defense\"]\n  |           ^^^^^^^^^\n"
    );
}

#[test]
fn a_template_error_names_the_template_and_line() {
    let project = small_project(CONFIG, None);
    std::fs::create_dir_all(project.path().join("templates")).unwrap();
    std::fs::write(
        project.path().join("templates/404.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ nothing.here }}</p>\n{% endblock %}\n",
    )
    .unwrap();
    assert_eq!(
        build_error(project.path()),
        "error: templates/404.html:3:7: template error: Variable `nothing` is not defined. Available variables: page_description, page_path, page_title, root, site\n  |\n3 | <p>{{ nothing.here }}</p>\n  |       ^^^^^^^\n"
    );
}

#[test]
fn an_unknown_filter_or_a_syntax_error_names_the_template_and_line() {
    let project = small_project(CONFIG, None);
    std::fs::create_dir_all(project.path().join("templates")).unwrap();
    // The build error with `main` of templates/404.html as given.
    let error_with = |main: &str| {
        std::fs::write(
            project.path().join("templates/404.html"),
            format!("{{% extends \"base.html\" %}}\n{main}\n"),
        )
        .unwrap();
        build_error(project.path())
    };
    assert_eq!(
        error_with("{% block main %}\n<p>{{ site.title | shout_loudly }}</p>\n{% endblock %}"),
        "error: templates/404.html:3:20: template error: Unknown filter `shout_loudly`\n  |\n3 | <p>{{ site.title | shout_loudly }}</p>\n  |                    ^\n"
    );
    // A Tera 1 macro import: the error says what replaced macros.
    let error =
        error_with("{% import \"components.html\" as macros %}\n{% block main %}{% endblock %}");
    assert!(
        error.starts_with("error: templates/404.html:2:4: template error: Unknown tag; Tera 2 has components instead of macros"),
        "{error}"
    );
    // An `if` left open: Tera stops at the tag it did not expect there.
    assert_eq!(
        error_with("{% block main %}\n<p>{% if site.title %}</p>\n{% endblock %}"),
        "error: templates/404.html:4:4: template error: Unknown tag\n  |\n4 | {% endblock %}\n  |    ^^^^^^^^\n"
    );
}

/// Load on loopback, bounded: 200 clients at once, then slow clients holding connections open
/// while a content edit must still rebuild. Prints the figures; asserts that every request is
/// answered (200, or 503 past the connection cap) and that nothing blocks a rebuild.
#[test]
fn serve_survives_200_concurrent_clients_and_slow_clients_do_not_block_rebuilds() {
    let (project, page) = built_project();
    let server = Server::start(project.path());
    let port = server.port;
    let started = Instant::now();
    let clients: Vec<_> = (0..200)
        .map(|_| {
            std::thread::spawn(move || -> Option<u16> {
                let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
                stream
                    .set_read_timeout(Some(Duration::from_secs(10)))
                    .ok()?;
                write!(
                    stream,
                    "GET /index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                )
                .ok()?;
                let mut response = String::new();
                stream.read_to_string(&mut response).ok()?;
                response.split_whitespace().nth(1)?.parse().ok()
            })
        })
        .collect();
    let statuses: Vec<Option<u16>> = clients.into_iter().map(|c| c.join().unwrap()).collect();
    let elapsed = started.elapsed();
    let ok = statuses.iter().filter(|s| **s == Some(200)).count();
    let busy = statuses.iter().filter(|s| **s == Some(503)).count();
    println!(
        "200 concurrent GET /index.html: {ok} x 200, {busy} x 503, {} failed, in {:.0} ms ({:.0} requests/s)",
        200 - ok - busy,
        elapsed.as_secs_f64() * 1000.0,
        200.0 / elapsed.as_secs_f64()
    );
    assert_eq!(ok + busy, 200, "every client is answered: {statuses:?}");
    assert!(ok >= 64, "at least the connection cap is served at once");
    assert_eq!(
        server.get("/index.html").0,
        200,
        "still serving after the burst"
    );

    // Slow clients: connected, sending nothing. A rebuild must not wait for them.
    let slow: Vec<TcpStream> = (0..20)
        .filter_map(|_| TcpStream::connect(("127.0.0.1", port)).ok())
        .collect();
    assert_eq!(slow.len(), 20);
    add_paragraph(&page, "Slow clients do not hold up this edit.");
    let url = article_url(&page);
    let seen = wait_for(Duration::from_secs(10), || {
        let (status, body) = server.get(&url);
        (status == 200 && body.contains("Slow clients do not hold up this edit.")).then_some(())
    });
    assert!(
        seen.is_some(),
        "the edit is served while slow clients hang: {}",
        server.stderr()
    );
    drop(slow);
}

/// Sends `request` as it is and reads the whole response (until the server closes or 5 s).
fn raw(port: u16, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream.write_all(request).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

#[test]
fn serve_answers_only_to_local_hosts_never_redirects_off_site_and_rejects_bad_requests() {
    let (project, _) = built_project();
    let server = Server::start(project.path());
    let port = server.port;
    let get = |host: &str| {
        raw(
            port,
            format!("GET /index.html HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
    };
    for host in [
        "localhost".to_string(),
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "[::1]".to_string(),
    ] {
        let response = get(&host);
        assert!(response.starts_with("HTTP/1.1 200"), "{host}: {response}");
        assert!(
            response.contains("X-Content-Type-Options: nosniff"),
            "{response}"
        );
    }
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        "localhost:1".to_string(),
    ] {
        let response = get(&host);
        assert!(response.starts_with("HTTP/1.1 403"), "{host}: {response}");
    }
    let redirect = raw(
        port,
        b"GET //articles HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    );
    let location = redirect
        .lines()
        .find_map(|l| l.strip_prefix("Location: "))
        .unwrap_or_else(|| panic!("{redirect}"));
    assert!(!location.starts_with("//"), "{location}");
    for bad in [
        &b"\xff\xfe\r\n\r\n"[..],
        b"GET /\r\n\r\n",
        b"GET / HTTP/1.1 extra\r\nHost: localhost\r\n\r\n",
        b"GET /index.html HTTP/1.1\r\nHost: localhost\r\nno colon here\r\n\r\n",
    ] {
        let response = raw(port, bad);
        assert!(
            response.starts_with("HTTP/1.1 400"),
            "{:?}: {response}",
            String::from_utf8_lossy(bad)
        );
    }
}

#[test]
fn serve_lists_a_folder_without_an_index_page() {
    let (project, _) = built_project();
    let server = Server::start(project.path());
    assert_eq!(server.get("/articles").0, 301);
    let (status, body) = server.get("/articles/");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(".html\">"), "{body}");
}

#[test]
fn serve_quiet_still_prints_the_address() {
    let (project, _) = built_project();
    let server = Server::start_with(project.path(), &["-q"]);
    assert_eq!(server.get("/index.html").0, 200);
    assert!(!server.stderr().contains("build:"), "{}", server.stderr());
}

/// Opens an event stream and returns it once the response head has arrived.
fn open_stream(port: u16) -> Option<BufReader<TcpStream>> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(3))).ok()?;
    write!(
        stream,
        "GET /__digest/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .ok()?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    line.starts_with("HTTP/1.1 200").then_some(reader)
}

#[test]
fn open_pages_never_starve_requests_and_closed_ones_free_their_place_at_once() {
    let (project, page) = built_project();
    let server = Server::start(project.path());
    let port = server.port;
    // Seven tabs, each with its reload stream: every one is answered, and pages still load.
    let tabs: Vec<_> = (0..7).map(|_| open_stream(port)).collect();
    assert!(
        tabs.iter().all(Option::is_some),
        "every tab's stream is answered"
    );
    // A browser opens six connections to a host: the server holds only a few streams open
    // and answers the others at once (they ask again), so pages always find a connection.
    let held = tabs
        .into_iter()
        .flatten()
        .filter_map(|mut tab| {
            tab.get_ref()
                .set_read_timeout(Some(Duration::from_secs(1)))
                .unwrap();
            let mut rest = String::new();
            tab.read_to_string(&mut rest).is_err().then_some(tab)
        })
        .collect::<Vec<_>>();
    assert!(held.len() <= 3, "{} of 7 streams held open", held.len());
    let started = Instant::now();
    assert_eq!(server.get("/index.html").0, 200);
    assert!(started.elapsed() < Duration::from_secs(1));
    // A tab whose stream was not held learns of a rebuild when it asks again.
    add_paragraph(&page, "Polling tabs reload too.");
    let url = article_url(&page);
    wait_for(Duration::from_secs(5), || {
        server
            .get(&url)
            .1
            .contains("Polling tabs reload too.")
            .then_some(())
    })
    .expect("rebuilt");
    let mut late = TcpStream::connect(("127.0.0.1", port)).unwrap();
    late.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
    write!(
        late,
        "GET /__digest/events HTTP/1.1\r\nHost: localhost\r\nLast-Event-ID: 1\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    let _ = late.read_to_string(&mut answer);
    assert!(answer.contains("event: reload"), "{answer}");
    drop(held);

    // 64 streams and 64 silent clients come and go; pages are served at once afterwards.
    let streams: Vec<_> = (0..64).filter_map(|_| open_stream(port)).collect();
    let silent: Vec<TcpStream> = (0..64)
        .filter_map(|_| TcpStream::connect(("127.0.0.1", port)).ok())
        .collect();
    assert_eq!(
        server.get("/index.html").0,
        200,
        "served while they are open"
    );
    drop(streams);
    drop(silent);
    let started = Instant::now();
    for _ in 0..10 {
        assert_eq!(server.get("/index.html").0, 200);
    }
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}
