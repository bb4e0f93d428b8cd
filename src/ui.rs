//! What digest prints to stderr: warnings, progress lines, phase timings and the progress
//! bar, all at the level chosen with `-q` / `-v`.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// How much to print: errors only, the usual lines, or phase timings too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    Quiet = 0,
    Normal = 1,
    Verbose = 2,
}

static VERBOSITY: AtomicU8 = AtomicU8::new(Verbosity::Normal as u8);

/// The bar on screen, if any, so that lines printed meanwhile do not tear it.
static BAR: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// Sets the level once, from the command line.
pub fn set_verbosity(level: Verbosity) {
    VERBOSITY.store(level as u8, Ordering::Relaxed);
}

fn verbosity() -> Verbosity {
    match VERBOSITY.load(Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        1 => Verbosity::Normal,
        _ => Verbosity::Verbose,
    }
}

/// Prints a line to stderr above the progress bar, if one is drawn.
fn print(line: &str) {
    let bar = BAR.lock().unwrap_or_else(|e| e.into_inner());
    match bar.as_ref() {
        Some(bar) => bar.suspend(|| eprintln!("{line}")),
        None => eprintln!("{line}"),
    }
}

/// Prints an error; shown at every level.
pub fn error(message: &str) {
    print(&format!("error: {message}"));
}

/// Prints a warning unless `-q`.
pub fn warn(message: &str) {
    if verbosity() >= Verbosity::Normal {
        print(&format!("warning: {message}"));
    }
}

/// Prints a line even with `-q`: what a command cannot be used without (serve's address).
pub fn essential(message: &str) {
    print(message);
}

/// Prints a progress or summary line unless `-q`.
pub fn note(message: &str) {
    if verbosity() >= Verbosity::Normal {
        print(message);
    }
}

/// Prints how long a phase took, with `-v` only.
pub fn timing(phase: &str, took: Duration, detail: &str) {
    if verbosity() >= Verbosity::Verbose {
        let detail = if detail.is_empty() {
            String::new()
        } else {
            format!(" ({detail})")
        };
        print(&format!(
            "  {phase:<10} {:>8.3}s{detail}{}",
            took.as_secs_f64(),
            peak_memory()
                .map(|kib| format!(" [peak {} MiB]", kib / 1024))
                .unwrap_or_default()
        ));
    }
}

/// Least amount of work worth a bar: small builds finish before one would be read.
const BAR_THRESHOLD: usize = 200;

/// A progress bar on stderr for `total` steps, drawn only when stderr is a terminal, the
/// work is large and `-q` is off; otherwise every call on it does nothing.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(total: usize, what: &str) -> Progress {
        let shown = total >= BAR_THRESHOLD
            && verbosity() >= Verbosity::Normal
            && std::io::stderr().is_terminal();
        let bar = shown.then(|| {
            let bar = ProgressBar::new(total as u64);
            let style = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
            bar.set_style(style);
            bar.set_message(what.to_string());
            bar.enable_steady_tick(Duration::from_millis(200));
            *BAR.lock().unwrap_or_else(|e| e.into_inner()) = Some(bar.clone());
            bar
        });
        Progress { bar }
    }

    /// One step done.
    pub fn inc(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Turns the bar into a spinner naming the phase now running (one with no count).
    pub fn phase(&self, what: &str) {
        if let Some(bar) = &self.bar {
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
                bar.set_style(style);
            }
            bar.set_message(what.to_string());
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
            *BAR.lock().unwrap_or_else(|e| e.into_inner()) = None;
        }
    }
}

/// The process's peak resident memory so far in KiB, where the system tells (Linux).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
