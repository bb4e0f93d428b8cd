//! Where a story comes from: the outlet that published it and, when the scraper says so,
//! its address and date. A scraper may write a sidecar next to each file (`NAME.meta.toml`
//! beside `NAME.txt`, with `url`, `outlet` and `date`), which wins over anything read from
//! the text; a domain names its outlet through `[ingest.outlets]` in config.toml. Without
//! either, the text's own cues say: an agency's dateline or sign-off, or a copyright line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{bail, Context, Result};
use regex::Regex;
use serde::Deserialize;

use super::{dates, names};
use crate::text;

/// What the scraper knew of a file (its `.meta.toml`).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    /// The page's address.
    pub url: Option<String>,
    /// The outlet, as readers know it ("BBC News").
    pub outlet: Option<String>,
    /// The publication date, YYYY-MM-DD.
    pub date: Option<String>,
}

/// The sidecar file of an article file: `NAME.meta.toml` beside `NAME.txt`.
pub fn sidecar_path(article: &Path) -> PathBuf {
    article.with_extension("meta.toml")
}

/// Reads an article file's sidecar, if it has one. A sidecar that is not valid TOML, has an
/// unknown key or a date that is no date is an error naming the file and what to do.
pub fn read_sidecar(article: &Path) -> Result<Option<Sidecar>> {
    let path = sidecar_path(article);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(e).with_context(|| {
                format!(
                    "{}: cannot read the sidecar; check that it is readable UTF-8",
                    path.display()
                )
            })
        }
    };
    let origin = path.display().to_string();
    let sidecar: Sidecar = toml::from_str(&text).map_err(|e| {
        crate::diagnostic::toml_error(&origin, &text, 0, &e, "invalid sidecar", "the sidecar")
    })?;
    if let Some(date) = &sidecar.date {
        if dates::find_date(date).as_deref() != Some(date.as_str()) {
            bail!("{origin}: date = {date:?} is not a date; write it as YYYY-MM-DD");
        }
    }
    Ok(Some(sidecar))
}

/// The outlet a page's address names through the table of domains: the longest domain the
/// address's host ends with ("news.bbc.co.uk" ends with "bbc.co.uk").
pub fn outlet_of_url(url: &str, outlets: &BTreeMap<String, String>) -> Option<String> {
    let host = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split(['/', '?', '#'])
        .next()?
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_lowercase();
    outlets
        .iter()
        .filter(|(domain, _)| {
            let domain = domain.trim_start_matches('.').to_lowercase();
            host == domain || host.ends_with(&format!(".{domain}"))
        })
        .max_by_key(|(domain, _)| domain.len())
        .map(|(_, outlet)| outlet.clone())
}

/// The outlet a copyright line names ("Copyright 2025 The Associated Press. All rights
/// reserved.", "© 2024 Northwind Media"), if it names one in a few capitalised words.
pub fn copyright_owner(line: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        text::builtin_regex(
            r"(?i)^\W*(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:[0-9]{4}\s*(?:[-–]\s*[0-9]{4})?\s*)?(.+?)\s*(?:\.\s*all rights reserved.*|,?\s*all rights reserved.*|\.|\|.*)?$",
        )
    });
    let owner = re.captures(line)?.get(1)?.as_str().trim();
    let owner = owner.trim_end_matches(['.', ',', ' ']);
    if let Some(agency) = names::agency(owner.trim_start_matches("The ").trim_start_matches("the "))
    {
        return Some(agency.to_string());
    }
    let words: Vec<&str> = owner.split_whitespace().collect();
    let named = (1..=5).contains(&words.len())
        && !owner.contains(['/', '|', ':'])
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || ["of", "the", "and", "&"].contains(w)
        });
    named.then(|| owner.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_domain_names_its_outlet_by_the_longest_match() {
        let outlets: BTreeMap<String, String> = [
            ("bbc.co.uk", "BBC News"),
            ("sport.bbc.co.uk", "BBC Sport"),
            ("reuters.com", "Reuters"),
        ]
        .iter()
        .map(|(d, o)| (d.to_string(), o.to_string()))
        .collect();
        assert_eq!(
            outlet_of_url("https://www.bbc.co.uk/news/x", &outlets).as_deref(),
            Some("BBC News")
        );
        assert_eq!(
            outlet_of_url("https://sport.bbc.co.uk/a", &outlets).as_deref(),
            Some("BBC Sport")
        );
        assert_eq!(
            outlet_of_url("http://reuters.com:80/world", &outlets).as_deref(),
            Some("Reuters")
        );
        assert_eq!(outlet_of_url("https://notbbc.co.uk/", &outlets), None);
    }

    #[test]
    fn copyright_lines_name_their_owner() {
        assert_eq!(
            copyright_owner("Copyright 2025 The Associated Press. All rights reserved.").as_deref(),
            Some("Associated Press")
        );
        assert_eq!(
            copyright_owner("© 2024 Northwind Media").as_deref(),
            Some("Northwind Media")
        );
        assert_eq!(
            copyright_owner("© all of this belongs to someone, probably"),
            None
        );
    }

    #[test]
    fn a_sidecar_is_read_and_a_bad_one_named() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        assert_eq!(read_sidecar(&article).unwrap(), None);
        std::fs::write(
            dir.path().join("a.meta.toml"),
            "url = \"https://example.org/x\"\noutlet = \"Example News\"\ndate = \"2025-03-04\"\n",
        )
        .unwrap();
        let sidecar = read_sidecar(&article).unwrap().unwrap();
        assert_eq!(sidecar.outlet.as_deref(), Some("Example News"));
        assert_eq!(sidecar.date.as_deref(), Some("2025-03-04"));
        std::fs::write(dir.path().join("a.meta.toml"), "date = \"4 March\"\n").unwrap();
        let error = format!("{:#}", read_sidecar(&article).unwrap_err());
        assert!(
            error.contains("a.meta.toml") && error.contains("YYYY-MM-DD"),
            "{error}"
        );
        std::fs::write(dir.path().join("a.meta.toml"), "outlett = \"X\"\n").unwrap();
        let error = format!("{:#}", read_sidecar(&article).unwrap_err());
        assert!(error.contains("a.meta.toml"), "{error}");
    }
}
