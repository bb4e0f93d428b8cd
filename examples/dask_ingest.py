#!/usr/bin/env python3
"""Ingest a digest project's seeds as a map step on Dask, then reduce them with digest.

This shows how a newsroom that already runs Dask can spread `digest ingest` over its
workers: a dask.bag of the seed files in N partitions, each partition ingested by one
`digest ingest --jsonl` process into OUT/part-K.jsonl (the map step, which writes nothing
into the project), then one `digest build --from-jsonl OUT/part-*.jsonl` writes content/
and renders public/ (the reduce step). The result is byte for byte that of one plain
`digest build`; --check builds a copy of the project that way and compares.

Here Dask runs locally (the threads or processes scheduler); on a cluster the same graph
would run on a dask.distributed Client, with OUT on storage the workers share.

    python3 -m venv venv && venv/bin/pip install "dask[bag]"
    venv/bin/python examples/dask_ingest.py --bin target/release/digest \\
        --project PROJECT --parts 8 --out /tmp/parts --check

Needs Python 3.11+ and dask[bag]; nothing else beyond the standard library.
"""

import argparse
import filecmp
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import dask.bag as db


def seed_files(project: Path) -> list[str]:
    """The files one `digest build` ingests: every .txt file below the configured seeds
    folder (symbolic links are not followed), as absolute paths in path order."""
    config = tomllib.loads((project / "config.toml").read_text(encoding="utf-8"))
    seeds = project / config.get("ingest", {}).get("seeds", "seeds")
    files = []
    for folder, _, names in os.walk(seeds):
        for name in names:
            path = Path(folder, name)
            if path.suffix == ".txt" and path.is_file() and not path.is_symlink():
                files.append(str(path))
    return sorted(files, key=Path)


def ingest_part(files, index, *, digest: str, project: str, out: str):
    """Map one partition: ingest its seed files with one `digest ingest --jsonl` process
    into OUT/part-K.jsonl. Returns [(part file, story records, skipped files)]."""
    files = list(files)
    (k,) = index  # the partition's number: the one element of its partition of `index`
    part = Path(out, f"part-{k}.jsonl")
    with part.open("wb") as stdout:
        if files:  # without paths, digest would ingest the whole seeds folder
            command = [digest, "ingest", "--root", project, "--jsonl", *files]
            subprocess.run(command, stdout=stdout, check=True)
    records = skipped = 0
    with part.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                if "skipped" in json.loads(line):
                    skipped += 1
                else:
                    records += 1
    return [(str(part), records, skipped)]


def tree(root: Path) -> dict[str, Path]:
    """Every file below `root`, by its path relative to `root`."""
    return {str(path.relative_to(root)): path for path in root.rglob("*") if path.is_file()}


def differences(plain: Path, reduced: Path) -> tuple[int, list[str]]:
    """How many files the plain build's folder holds, and each file that is in only one
    of the two folders or whose bytes differ."""
    left, right = tree(plain), tree(reduced)
    differ = [
        f"{name}: only in the {'plain' if name in left else 'reduced'} build"
        for name in left.keys() ^ right.keys()
    ]
    differ += [
        f"{name}: differs"
        for name in left.keys() & right.keys()
        if not filecmp.cmp(left[name], right[name], shallow=False)
    ]
    return len(left), sorted(differ)


def map_step(files, parts, scheduler, *, digest: str, project: Path, out: Path):
    """Ingests `files` in at most `parts` partitions of a dask.bag, each by one digest
    process; returns [(part file, story records, skipped files)] in partition order."""
    # Equal partitions, at most `parts` of them (Dask's npartitions= may make one more).
    paths = db.from_sequence(files, partition_size=math.ceil(len(files) / parts))
    # One number a partition, partitioned as `paths` is: partition K of `index` is [K].
    index = db.range(paths.npartitions, npartitions=paths.npartitions)
    ingested = paths.map_partitions(
        ingest_part, index, digest=digest, project=str(project), out=str(out)
    )
    return ingested.compute(scheduler=scheduler)


def compare(plain: Path, reduced: Path) -> int:
    """Compares content/ and public/ of two projects; 0 when they are identical."""
    total, differ = 0, []
    for sub in ["content", "public"]:
        count, found = differences(plain / sub, reduced / sub)
        total += count
        differ += [f"{sub}/{line}" for line in found]
    if differ:
        print(f"differ: {len(differ)} files, the first:", file=sys.stderr)
        for line in differ[:20]:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(f"identical: {total} files")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True, type=Path, help="the digest binary")
    parser.add_argument("--project", required=True, type=Path, help="a digest project with seeds/")
    parser.add_argument("--parts", type=int, default=8, help="number of partitions (default 8)")
    parser.add_argument("--out", required=True, type=Path, help="folder for the part-K.jsonl files")
    parser.add_argument(
        "--scheduler",
        choices=["threads", "processes"],
        default="threads",
        help="Dask's local scheduler (default threads: each task only waits on its digest process)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="also build a copy of the project with one plain `digest build` and compare "
        "content/ and public/ byte for byte",
    )
    args = parser.parse_args()
    if args.parts < 1:
        parser.error("--parts must be at least 1")
    digest = str(args.bin.resolve())
    project = args.project.resolve()
    out = args.out.resolve()
    files = seed_files(project)
    if not files:
        print(f"no seed files in {project}", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("part-*.jsonl"):  # an earlier run's parts must not be reduced
        stale.unlink()

    with tempfile.TemporaryDirectory(prefix="digest-check-") as scratch:
        plain = Path(scratch, "project")
        if args.check:
            # Copied before the reduce step writes content/, so both builds start alike.
            ignore = shutil.ignore_patterns("public", ".digest.lock")
            shutil.copytree(project, plain, symlinks=True, ignore=ignore)
        try:
            started = time.perf_counter()
            results = map_step(
                files, args.parts, args.scheduler, digest=digest, project=project, out=out
            )
            records = sum(r for _, r, _ in results)
            skipped = sum(s for _, _, s in results)
            print(
                f"map: {len(files)} seed files in {len(results)} partitions "
                f"({args.scheduler} scheduler): {records} story records, {skipped} files "
                f"skipped, {time.perf_counter() - started:.2f} s"
            )

            # Reduce: one process, as digest's contract has it.
            started = time.perf_counter()
            part_files = [part for part, _, _ in results]
            reduce = [digest, "build", "--root", str(project), "--from-jsonl", *part_files]
            subprocess.run(reduce, check=True)
            print(f"reduce: digest build --from-jsonl, {time.perf_counter() - started:.2f} s")

            if not args.check:
                return 0
            started = time.perf_counter()
            subprocess.run([digest, "build", "--root", str(plain)], check=True)
            print(f"check: one plain digest build, {time.perf_counter() - started:.2f} s")
        except subprocess.CalledProcessError as failed:
            print(f"digest {failed.cmd[1]} failed (exit {failed.returncode})", file=sys.stderr)
            return 1
        return compare(plain, project)


if __name__ == "__main__":
    sys.exit(main())
