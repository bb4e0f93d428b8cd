//! The default look compiled into the binary: the built-in templates and theme files, which
//! a site's own templates/ and theme/ override file by file. `init` writes them out, render
//! loads them, and error messages quote them.

/// Built-in templates; a file of the same name in the site's templates/ replaces one.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    (
        "components.html",
        include_str!("../templates/components.html"),
    ),
    ("index.html", include_str!("../templates/index.html")),
    ("editions.html", include_str!("../templates/editions.html")),
    ("topic.html", include_str!("../templates/topic.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("report.html", include_str!("../templates/report.html")),
    ("404.html", include_str!("../templates/404.html")),
    ("offline.html", include_str!("../templates/offline.html")),
    ("cluster.html", include_str!("../templates/cluster.html")),
    ("people.html", include_str!("../templates/people.html")),
    ("person.html", include_str!("../templates/person.html")),
    ("quotes.html", include_str!("../templates/quotes.html")),
    ("figures.html", include_str!("../templates/figures.html")),
    ("timeline.html", include_str!("../templates/timeline.html")),
    ("briefing.html", include_str!("../templates/briefing.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("atom.xml", include_str!("../templates/atom.xml")),
    ("sw.js", include_str!("../templates/sw.js")),
    (
        "manifest.webmanifest",
        include_str!("../templates/manifest.webmanifest"),
    ),
    ("sitemap.xml", include_str!("../templates/sitemap.xml")),
];

/// Built-in static assets; a file of the same name in the site's theme/ replaces one, and
/// any other file there is copied too.
pub const THEME: &[(&str, &str)] = &[
    ("style.css", include_str!("../theme/style.css")),
    ("search.js", include_str!("../theme/search.js")),
    ("site.js", include_str!("../theme/site.js")),
    ("icon.svg", include_str!("../theme/icon.svg")),
];
