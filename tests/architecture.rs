//! The pipeline's direction, read off the source: every module of src/ imports only
//! modules of a lower layer than its own (so there is no circle either), and no source
//! file grows past what one reader can hold.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use regex::Regex;

/// The crate's top-level modules, lowest layer first. A module may import any module of a
/// lower layer and none of its own layer or above: ingest and content, two stages side by
/// side, share the contract (`story`) and never each other.
const LAYERS: &[&[&str]] = &[
    // Words, dates, hashes, escaping, the terminal, the built-in templates and theme.
    &["text", "date", "hash", "markup", "ui", "assets"],
    // Error messages with the spot shown; the stage contract.
    &["diagnostic", "story"],
    &["project"],
    &["config"],
    // The two stages that make and keep stories.
    &["ingest", "content"],
    // The site model, read from content/.
    &["site"],
    // HTML, feeds and search, from the site model.
    &["render"],
    // The commands.
    &["build", "init", "cli"],
    &["check"],
    &["serve"],
];

/// Longest source file, in lines.
const MAX_FILE_LINES: usize = 800;

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Every .rs file under src/ but the binary's entry point and test-only code.
fn sources() -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walkdir::WalkDir::new(&src)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect()
}

/// The module path of a source file: `src/site/events.rs` is `["site", "events"]`,
/// `src/site/mod.rs` is `["site"]`, src/lib.rs is `[]`.
fn module_path(file: &Path) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let relative = file.strip_prefix(&src).unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The file's code without its unit tests and comments (a comment may name any module).
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests {") {
        Some(tests) => &text[..tests],
        None => text,
    };
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .map(|line| match line.find(" // ") {
            // A trailing comment, unless the `//` is inside a string.
            Some(at) if line[..at].matches('"').count() % 2 == 0 => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a file's code names, with the text that names them.
fn imports(file: &Path, code: &str) -> Vec<(String, String)> {
    let path = module_path(file);
    let mut out = Vec::new();
    let crate_path = Regex::new(r"\bcrate::(\w+)").unwrap();
    for c in crate_path.captures_iter(code) {
        out.push((c[1].to_string(), c[0].to_string()));
    }
    // `crate::{a::b, c}`: each item of the group.
    let group = Regex::new(r"\bcrate::\{").unwrap();
    for m in group.find_iter(code) {
        let mut depth = 1;
        let mut item_start = true;
        let rest = &code[m.end()..];
        for (i, ch) in rest.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                ',' if depth == 1 => item_start = true,
                c if item_start && (c.is_alphanumeric() || c == '_') => {
                    let name: String = rest[i..]
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    out.push((name.clone(), format!("crate::{{{name}...}}")));
                    item_start = false;
                }
                _ => {}
            }
        }
    }
    // `super::` climbing out of the top-level module reaches the crate root.
    let supers = Regex::new(r"\b((?:super::)+)(\w+)").unwrap();
    for c in supers.captures_iter(code) {
        let up = c[1].matches("super").count();
        if up >= path.len() {
            out.push((c[2].to_string(), c[0].to_string()));
        }
    }
    out
}

#[test]
fn no_module_imports_one_of_its_own_layer_or_above() {
    let mut wrong: Vec<String> = Vec::new();
    let mut seen_modules = 0;
    for file in sources() {
        let path = module_path(&file);
        let Some(top) = path.first() else {
            continue; // lib.rs declares the modules.
        };
        if top == "main" || top == "test_support" {
            continue; // The binary uses the library from outside; test helpers are tests.
        }
        if path.last().is_some_and(|p| p == "tests") {
            continue;
        }
        let Some(layer) = layer_of(top) else {
            wrong.push(format!(
                "{}: module `{top}` is in no layer of tests/architecture.rs; add it to one",
                file.display()
            ));
            continue;
        };
        seen_modules += 1;
        let code = code_of(&std::fs::read_to_string(&file).unwrap());
        for (imported, text) in imports(&file, &code) {
            if &imported == top {
                continue;
            }
            // Items of the crate root (`crate::warn`, `crate::FILES_PER_JOB`) sit below all.
            let Some(imported_layer) = layer_of(&imported) else {
                continue;
            };
            if imported_layer >= layer {
                wrong.push(format!(
                    "{}: `{text}`: {top} (layer {layer}) imports {imported} (layer {imported_layer})",
                    file.display()
                ));
            }
        }
    }
    assert!(seen_modules > 30, "{seen_modules} source files read");
    assert!(
        wrong.is_empty(),
        "imports against the pipeline's direction:\n{}",
        wrong.join("\n")
    );
}

/// The checker itself: it sees each form an import takes.
#[test]
fn imports_are_read_in_every_form() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/site/events.rs");
    let code = code_of(
        "use crate::{config::Config, text::{self, words}};\n\
         // use crate::serve;\n\
         let x = crate::render::build(); // crate::check\n\
         use super::super::build;\n\
         use super::similarity;\n\
         #[cfg(test)]\nmod tests {\n use crate::ingest;\n}",
    );
    let mut found: Vec<String> = imports(&file, &code).into_iter().map(|(m, _)| m).collect();
    found.sort();
    assert_eq!(found, ["build", "config", "render", "text"]);
}

#[test]
fn no_source_file_is_longer_than_one_reader_holds() {
    let mut long: BTreeMap<String, usize> = BTreeMap::new();
    for file in sources() {
        let lines = std::fs::read_to_string(&file).unwrap().lines().count();
        if lines >= MAX_FILE_LINES {
            long.insert(file.display().to_string(), lines);
        }
    }
    assert!(
        long.is_empty(),
        "source files of {MAX_FILE_LINES} lines or more (split them by job): {long:#?}"
    );
}
