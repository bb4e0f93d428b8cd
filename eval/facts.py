#!/usr/bin/env python3
"""Scores digest's facts (quotes with speakers, people and organisations, figures) on the
editor's facts key of the labelled corpus (../shared/corpus/facts-*.tsv), as facts_score.py does.

    python3 eval/facts.py [--bin target/release/digest] [--corpus ../shared/corpus]
                          [--folds 5] [--show 40] [--file 215.txt] [--check] [--require]

It copies the 70 keyed texts into a scratch project, runs `digest ingest --json` once and prints:
  - the misses: quotes not found, with no speaker or with a wrong one; names of the key digest
    does not list; names digest lists that the key does not have (with --file, one file's all);
  - figure checks: a value listed twice with its sentence in a story's figures, a bare year, a value cut from
    its sign ("1,400" of "1,400%"), a value ending on a comma;
  - the figures of facts_score.py, for each of the 5 folds (files in name order, file i in fold
    i mod 5) and summed. The scoring functions are facts_score.py's own, imported from the
    corpus folder, so the figures are the same (--check runs facts_score.py and compares;
    --require fails below the floors CI requires, REQUIRED below).
    Nothing in digest's fact extraction is a tuned number: its rules are word lists and the
    grammar of attribution, so the summed folds are the figure itself; a fold's spread shows
    how evenly the rules hold across the files.

The corpus texts are not ours: they are read from ../shared/corpus and never copied into the
repository. Without the corpus the script says so and exits 0 (1 with --require).
"""
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def load_scorer(corpus):
    spec = importlib.util.spec_from_file_location("facts_score", corpus / "facts_score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run_digest(exe, corpus, files):
    root = Path(tempfile.mkdtemp(prefix="digest-facts-"))
    try:
        for n in ["config.toml", "templates", "theme"]:
            src = REPO / n
            if src.is_dir():
                shutil.copytree(src, root / n)
            elif src.exists():
                shutil.copy2(src, root / n)
        (root / "seeds").mkdir()
        for f in files:
            if (corpus / "texts" / f).exists():
                shutil.copy2(corpus / "texts" / f, root / "seeds" / f)
        r = subprocess.run([str(exe), "ingest", "--root", str(root), "--json"],
                           capture_output=True, text=True, timeout=900)
        if r.returncode != 0:
            raise SystemExit("ingest --json failed: " + r.stderr.strip()[-400:])
        return json.loads(r.stdout)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def score_file(fs, f, quotes, names, kq, kn):
    """The counts facts_score.py keeps, for one file, and what went wrong in it."""
    c = Counter()
    misses = []
    for q in (q for q in kq if q["file"] == f):
        qs = quotes.get(f, [])
        fw = fs.norm(q["first_words"])
        hit = next((x for x in qs if fs.norm(x.get("text", "")).startswith(fw[:40])
                    or fw[:30] in fs.norm(x.get("text", ""))), None)
        if q.get("furniture", "no").strip() == "yes":
            c["furn"] += 1
            c["furn_found"] += hit is not None
            continue
        c["quotes"] += 1
        if q["speaker"].strip():
            c["knowable"] += 1
        if hit is None:
            misses.append(f"{f}:{q['line']} quote not found ({q['first_words'][:30]}...)")
            continue
        c["found"] += 1
        if not q["speaker"].strip():
            continue
        got = hit.get("speaker") or ""
        if not got:
            misses.append(f"{f}:{q['line']} no speaker (want {q['speaker']})")
        elif fs.same_name(got, q["speaker"]):
            c["right"] += 1
        else:
            c["wrong"] += 1
            misses.append(f"{f}:{q['line']} speaker {got!r} != {q['speaker']!r}")
    want, optional = [], []
    for n in (n for n in kn if n["file"] == f):
        notes = (n.get("notes") or "").lower()
        (optional if "byline" in notes or notes.startswith("borderline") else want).append(n["name"])
    got = sorted(names.get(f, set()))
    c["want_n"] += len(want)
    for w in want:
        if any(fs.same_name(g, w) for g in got):
            c["hit_n"] += 1
        else:
            misses.append(f"{f}: name missed: {w}")
    for g in got:
        c["got_n"] += 1
        if any(fs.same_name(g, w) for w in want + optional):
            c["good_n"] += 1
        else:
            misses.append(f"{f}: name not in key: {g}")
    return c, misses


def figure_checks(stories):
    """What is wrong with the key figures of each story, in the issue's terms."""
    out = []
    for s in stories:
        f = Path(s["file"]).name
        # Two values of one sentence are two figures (the pages show the sentence once, with
        # both values); the same value of the same sentence twice is a duplicate.
        seen = set()
        for fig in s.get("figures") or []:
            v, ctx = fig["value"], fig["context"]
            if (v, ctx) in seen:
                out.append(f"{f}: figure listed twice ({v})")
            seen.add((v, ctx))
            if re.fullmatch(r"(?:(?:by|from|until|before|in)\s+)?(?:19|20)\d\d", v):
                out.append(f"{f}: bare year {v!r}")
            if v.endswith((",", ".")):
                out.append(f"{f}: value ends on punctuation {v!r}")
            at = ctx.find(v)
            if at >= 0 and re.match(r"\s?(?:%|per ?cent)", ctx[at + len(v):]):
                out.append(f"{f}: value without its percent sign {v!r}")
    return out


def figures(fs, c):
    r = lambda a, b: c[a] / c[b] if c[b] else 1.0
    return dict(quotes=c["quotes"], quote_recall=r("found", "quotes"), speaker_right=r("right", "knowable"),
                speaker_wrong=r("wrong", "knowable"), furniture_quotes=f"{c['furn_found']}/{c['furn']}",
                name_precision=r("good_n", "got_n"), name_recall=r("hit_n", "want_n"))


# What CI requires (--require): issue 20's targets where they are met (quotes 0.90, speaker
# right 0.85, wrong 0.05, name recall 0.85), today's figure less a little where it stands at
# its target (name precision, 0.95 today), and no figure check failing.
REQUIRED = {"min": {"quote_recall": 0.90, "speaker_right": 0.85, "name_precision": 0.94,
                    "name_recall": 0.85},
            "max": {"speaker_wrong": 0.05}}


def line_of(fig):
    return "; ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in fig.items())


def main():
    args = sys.argv[1:]
    opt = lambda k, d=None: args[args.index(k) + 1] if k in args else d
    exe = Path(opt("--bin", REPO / "target/release/digest")).resolve()
    corpus = Path(opt("--corpus", REPO.parent / "shared/corpus")).resolve()
    if not (corpus / "facts-quotes.tsv").exists():
        print(f"eval/facts.py: no facts key at {corpus}; skipped (it is not part of this repository)")
        sys.exit(1 if "--require" in args else 0)
    fs = load_scorer(corpus)
    _, kq, kn = fs.load(corpus)
    files = sorted({r["file"] for r in kq} | {r["file"] for r in kn})
    stories = run_digest(exe, corpus, files)
    quotes, names = {}, {}
    for s in stories:
        f = Path(s["file"]).name
        quotes.setdefault(f, []).extend(s.get("quotes") or [])
        names.setdefault(f, set()).update((s.get("people") or []) + (s.get("organisations") or []))
    per_file = {f: score_file(fs, f, quotes, names, kq, kn) for f in files}
    show = int(opt("--show", 40))
    only = opt("--file")
    misses = [m for f in files for m in per_file[f][1] if not only or f == only]
    for kind in ("quote not found", "no speaker", "speaker ", "name missed", "name not in key"):
        group = [m for m in misses if kind in m]
        if group:
            print(f"{kind} ({len(group)}):")
            for m in group[: (10**6 if only else show)]:
                print("  " + m)
    checks = figure_checks([s for s in stories if not only or Path(s["file"]).name == only])
    print(f"figure checks ({len(checks)}):")
    for m in checks[:show]:
        print("  " + m)
    folds = int(opt("--folds", 5))
    summed = Counter()
    for k in range(folds):
        c = Counter()
        for i, f in enumerate(files):
            if i % folds == k:
                c.update(per_file[f][0])
        summed.update(c)
        print(f"fold {k + 1}: {line_of(figures(fs, c))}")
    print(line_of(figures(fs, summed)))
    if "--check" in args:
        r = subprocess.run([sys.executable, str(corpus / "facts_score.py"), "--bin", str(exe), "--project",
                            str(REPO), "--show", "0"], capture_output=True, text=True)
        theirs = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else ""
        print("facts_score.py: " + theirs)
        if theirs != line_of(figures(fs, summed)):
            raise SystemExit("eval/facts.py and facts_score.py disagree on the same binary")
    if "--require" in args:
        fig = figures(fs, summed)
        below = [f"{k} {fig[k]:.2f} < {v}" for k, v in REQUIRED["min"].items() if fig[k] < v]
        below += [f"{k} {fig[k]:.2f} > {v}" for k, v in REQUIRED["max"].items() if fig[k] > v]
        below += [f"figure checks failing: {len(checks)}"] if checks else []
        if below:
            raise SystemExit("below what CI requires: " + "; ".join(below))
        print("meets what CI requires on the facts key")


if __name__ == "__main__":
    main()
