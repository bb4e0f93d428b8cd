#!/usr/bin/env python3
"""Scores digest's ingest on the labelled corpus of real scraped pages (../shared/corpus).

    python3 eval/corpus.py [--bin target/release/digest] [--corpus ../shared/corpus]
                           [--folds 5] [--worst 10] [--check] [--require] [--sweep]

It copies the texts into a scratch project, runs `digest ingest --json`, `digest ingest` and
`digest ingest --explain`, and prints:
  - the figures `score.py` prints (topic, date, invented, title, title_untitled_ok,
    noise_visible, noise_lines, body_kept, falsecut, single, boundary_f1), computed the same way
    from the same outputs (--check runs score.py on the same binary and fails on a difference);
  - a confusion table: for each editor's label, what its lines became (title, summary,
    metadata, body, removed, other story);
  - the worst files, with what is still wrong in each;
  - with --sweep, the tuning constants of [ingest.tuning] swept over a small grid, 5-fold:
    the values chosen on four fifths of the files, the figures on the fifth they were not
    chosen on, summed over the five folds.

The corpus texts are not ours: they are read from ../shared/corpus and never copied into the
repository. Without the corpus the script says so and exits 0. CI passes --require: the corpus
must be there and the figures must meet REQUIRED below.
"""
import csv
import itertools
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOISE = {"caption", "related", "furniture"}
BODY = {"body", "dateline"}


# ---------- text comparisons, as score.py makes them ----------

def norm(s):
    s = unicodedata.normalize("NFKC", s or "").lower()
    s = s.replace("\\", "")
    s = re.sub(r"[\u2018\u2019\u201c\u201d'\"`*_#>|\[\]()]", "", s)
    s = re.sub(r"^\s*[-\u2022\u00b7]+\s*", "", s)
    return re.sub(r"\s+", " ", s).strip()


def words(s):
    return re.findall(r"[a-z0-9]+", norm(s))


def title_match(got, want):
    g, w = words(got), words(want)
    if not g or not w:
        return False
    if g == w:
        return True
    gs, ws = " ".join(g), " ".join(w)
    if (gs in ws or ws in gs) and min(len(g), len(w)) / max(len(g), len(w)) >= 0.75:
        return True
    a, b = set(g), set(w)
    return len(a & b) / len(a | b) >= 0.8


def visible(noise_text, shown):
    n = norm(noise_text)
    if not n:
        return False
    for block in shown:
        b = norm(block)
        if b == n or (len(n) >= 30 and n in b):
            return True
        if len(n) >= 3 and any(norm(x) == n for x in re.split(r"(?<=[.!?])\s+", block)):
            return True
    return False


def body_shown(text, joined):
    n = norm(text)
    if len(n) > 80:
        n = n[int(len(n) * 0.3):int(len(n) * 0.7)]
    return n in joined


# ---------- the key and digest's reading ----------

def load_key(corpus):
    files = {}
    for r in csv.DictReader((corpus / "index.tsv").open(), delimiter="\t"):
        lab = corpus / "labels" / (Path(r["file"]).stem + ".tsv")
        if not lab.exists() or not (corpus / "texts" / r["file"]).exists():
            continue
        rows = list(csv.DictReader(lab.open(), delimiter="\t"))
        labels = {int(x["line"]): (x["label"], int(x["story"] or 0)) for x in rows}
        starts = {}
        for line, (_, story) in sorted(labels.items()):
            if story > 0:
                starts.setdefault(story, line)
        files[r["file"]] = dict(
            kind=r["kind"].strip() or "single",
            topics=[t.strip() for t in r["topics"].split(",")],
            title=r["title"].strip(), date=r["date"].strip(), labels=labels,
            starts=sorted(starts.values()))
    return files


def project(corpus, names, config_extra=""):
    root = Path(tempfile.mkdtemp(prefix="digest-eval-"))
    for n in ["config.toml", "templates", "theme"]:
        src = REPO / n
        if src.is_dir():
            shutil.copytree(src, root / n)
        elif src.exists():
            shutil.copy2(src, root / n)
    if config_extra:
        with (root / "config.toml").open("a") as f:
            f.write("\n" + config_extra + "\n")
    (root / "seeds").mkdir()
    for n in names:
        shutil.copy2(corpus / "texts" / n, root / "seeds" / n)
    return root


def run(exe, args):
    r = subprocess.run([str(exe)] + args, capture_output=True, text=True, timeout=900)
    if r.returncode != 0:
        raise SystemExit(f"digest {' '.join(args[:2])} failed: {r.stderr.strip()[-400:]}")
    return r.stdout


def read_digest(exe, root):
    """What digest made of every file: its stories (JSON), the text of each content page as a
    reader sees it, and each line's story and role (--explain)."""
    stories = json.loads(run(exe, ["ingest", "--root", str(root), "--json"]))
    run(exe, ["-q", "ingest", "--root", str(root)])
    pages = defaultdict(list)
    for p in (root / "content").rglob("*.md"):
        t = p.read_text(errors="replace")
        m = re.search(r'^file = "([^"]*)"', t, re.M)
        if not m:
            continue
        parts = t.split("+++")
        front, body = (parts[1], "+++".join(parts[2:])) if len(parts) >= 3 else ("", t)
        shown = []
        for key in ("title", "summary"):
            mm = re.search(rf'^{key} = "((?:[^"\\]|\\.)*)"', front, re.M)
            if mm:
                shown.append(json.loads('"' + mm.group(1) + '"'))
        shown += [x for x in re.split(r"\n\s*\n|\n", body) if x.strip()]
        pages[Path(m.group(1)).name].append(shown)
    by = defaultdict(list)
    for s in stories:
        by[Path(s.get("file", "")).name].append(s)
    roles = defaultdict(dict)
    for row in run(exe, ["ingest", "--root", str(root), "--explain"]).splitlines():
        file, line, story, role, reason, _ = (row.split("\t", 5) + [""] * 6)[:6]
        roles[Path(file).name][int(line)] = (int(story), role, reason)
    return by, pages, roles


# ---------- scoring one file ----------

OUTCOME = {"Headline": "title", "Repeat": "title", "Standfirst": "summary", "Byline": "metadata",
           "Date": "metadata", "PostHeader": "metadata", "Body": "body", "Subheading": "body",
           "Caption": "removed", "Related": "removed", "Furniture": "removed"}


def score_file(name, key, corpus, mine, pages, roles):
    """The counts score.py keeps for one file, its misses, and its confusion rows."""
    c = Counter()
    misses = []
    lines = (corpus / "texts" / name).read_text(errors="replace").split("\n")
    c["n"] += 1
    if not mine:
        misses.append("no story")
        return c, misses, []
    main = max(mine, key=lambda s: s["lines"][1] - s["lines"][0])
    got_topic = (main.get("topics") or ["?"])[0]
    if got_topic == key["topics"][0]:
        c["topic"] += 1
    else:
        misses.append(f"topic {got_topic} != {key['topics'][0]}")
    if key["date"]:
        c["dated"] += 1
        if main.get("date") == key["date"]:
            c["date"] += 1
        else:
            misses.append(f"date {main.get('date')} != {key['date']}")
    else:
        c["undated"] += 1
        if main.get("date") and not main.get("date_inferred"):
            c["invented"] += 1
            misses.append(f"invented date {main.get('date')}")
    noise = {i for i, (lab, _) in key["labels"].items() if lab in NOISE}
    body = {i for i, (lab, _) in key["labels"].items() if lab in BODY}
    noise_texts = {norm(lines[i - 1]) for i in noise if 0 < i <= len(lines)}
    if key["title"]:
        c["titled"] += 1
        if title_match(main.get("title", ""), key["title"]) and not main.get("title_generated"):
            c["title"] += 1
        else:
            misses.append(f"title {main.get('title', '')[:60]!r} != {key['title'][:60]!r}")
    else:
        c["untitled"] += 1
        if norm(main.get("title", "")) not in noise_texts:
            c["untitled_ok"] += 1
        else:
            misses.append(f"furniture as title {main.get('title', '')[:60]!r}")
    shown = [b for page in pages for b in page]
    for i in sorted(noise):
        if 0 < i <= len(lines) and norm(lines[i - 1]):
            c["noise"] += 1
            if visible(lines[i - 1], shown):
                c["noise_seen"] += 1
                misses.append(f"noise shown, line {i} ({key['labels'][i][0]}): {lines[i - 1].strip()[:70]}")
    joined = " \n ".join(norm(b) for b in shown)
    for i in sorted(body):
        if 0 < i <= len(lines) and norm(lines[i - 1]):
            c["body"] += 1
            if body_shown(lines[i - 1], joined):
                c["body_seen"] += 1
            else:
                misses.append(f"text lost, line {i}: {lines[i - 1].strip()[:70]}")
    removed = {r["line"] for s in mine for r in (s.get("removed") or [])}
    c["removed"] += len(removed)
    c["removed_ok"] += len(removed & noise)
    for i in sorted(removed - noise):
        label = key["labels"].get(i, ("unlabelled", 0))[0]
        misses.append(f"cut, line {i} ({label}): {lines[i - 1].strip()[:70]}")
    if key["kind"] in ("single", "live"):
        c["singles"] += 1
        if len(mine) == 1:
            c["single"] += 1
        else:
            misses.append(f"{len(mine)} stories (lines {[s['lines'] for s in mine]})")
    else:
        want = [w for w in key["starts"] if w != 1 and w != min(key["starts"])]
        got = sorted({s["lines"][0] for s in mine} - {1})
        matched = set()
        for g in got:
            hit = next((w for w in want if abs(w - g) <= 1 and w not in matched), None)
            if hit is None:
                c["b_fp"] += 1
                misses.append(f"false story start at line {g}")
            else:
                matched.add(hit)
                c["b_tp"] += 1
        c["b_fn"] += len(want) - len(matched)
        for w in want:
            if w not in matched:
                misses.append(f"missed story start at line {w}")
    # Confusion: what each labelled line became. A line of another story than the one most of
    # its labelled story's lines went to counts as "other story".
    home = {}
    for story in {s for _, s in key["labels"].values() if s > 0}:
        got = Counter(roles.get(i, (0, "", ""))[0] for i, (_, s) in key["labels"].items() if s == story)
        home[story] = got.most_common(1)[0][0] if got else 0
    rows = []
    for i, (label, story) in key["labels"].items():
        got_story, role, _ = roles.get(i, (0, "(none)", ""))
        outcome = OUTCOME.get(role, "removed" if role == "(none)" else role)
        if story > 0 and home.get(story) and got_story != home[story] and outcome not in ("removed",):
            outcome = "other story"
        rows.append((label, outcome))
    return c, misses, rows


def figures(c):
    r = lambda a, b: c[a] / c[b] if c[b] else 1.0
    tp, fp, fn = c["b_tp"], c["b_fp"], c["b_fn"]
    f1 = 2 * tp / (2 * tp + fp + fn) if (tp + fp + fn) else 1.0
    return dict(files=c["n"], topic=r("topic", "n"), date=r("date", "dated"), invented=c["invented"],
                title=r("title", "titled"), title_untitled_ok=r("untitled_ok", "untitled"),
                noise_visible=r("noise_seen", "noise"), noise_lines=c["noise"],
                body_kept=r("body_seen", "body"), falsecut=1 - r("removed_ok", "removed") if c["removed"] else 0.0,
                single=r("single", "singles"), boundary_f1=f1)


def line_of(fig):
    return "; ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in fig.items())


def evaluate(exe, corpus, key, names, config_extra=""):
    root = project(corpus, names, config_extra)
    try:
        by, pages, roles = read_digest(exe, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    per_file = {}
    for n in names:
        per_file[n] = score_file(n, key[n], corpus, by.get(n, []), pages.get(n, []), roles.get(n, {}))
    return per_file


def total(per_file, names):
    c = Counter()
    for n in names:
        c.update(per_file[n][0])
    return c


# ---------- 5-fold sweep of the tuning constants ----------

# The constants of [ingest.tuning] (see README.md) and the values tried around each default.
GRID = {
    "headline_min": [1.2, 1.6, 2.0],
    "caption_min_words": [8, 10, 12],
    "tail_topic_min": [0.1, 0.2, 0.3],
    "listing_max_shared": [0.1, 0.15, 0.2],
}


def objective(fig):
    """One number to choose settings by: the issue's figures weighed alike (errors as 1 - x)."""
    return (fig["title"] + (1 - fig["noise_visible"]) + fig["body_kept"] + (1 - fig["falsecut"])
            + fig["single"] + fig["boundary_f1"] + fig["date"] + fig["topic"])


def sweep(exe, corpus, key, names, folds):
    combos = [dict(zip(GRID, values)) for values in itertools.product(*GRID.values())]
    results = []
    for i, combo in enumerate(combos):
        extra = "[ingest.tuning]\n" + "\n".join(f"{k} = {v}" for k, v in combo.items())
        results.append((combo, evaluate(exe, corpus, key, names, extra)))
        print(f"  setting {i + 1}/{len(combos)}", end="\r", file=sys.stderr)
    order = sorted(names)
    fold_of = {n: i % folds for i, n in enumerate(order)}
    held_out = Counter()
    for f in range(folds):
        train = [n for n in names if fold_of[n] != f]
        test = [n for n in names if fold_of[n] == f]
        best = max(results, key=lambda cr: objective(figures(total(cr[1], train))))
        held_out.update(total(best[1], test))
        print(f"fold {f + 1}: chose {best[0]}; on its held-out fifth: {line_of(figures(total(best[1], test)))}")
    print("5-fold (each fifth scored with settings chosen on the other four):")
    print(line_of(figures(held_out)))


# What CI requires of the labelled corpus (--require): issue 19's targets, or a little below the
# figure reached where that stands at its target (topic), so a change that makes real pages read
# worse fails. "max" figures are error rates.
REQUIRED = {
    "min": {"topic": 0.92, "date": 0.95, "title": 0.90, "title_untitled_ok": 0.92,
            "body_kept": 0.98, "single": 0.95, "boundary_f1": 0.85},
    "max": {"invented": 0, "noise_visible": 0.20, "falsecut": 0.05},
}


def shortfalls(fig):
    low = [f"{k} {fig[k]} < {v}" for k, v in REQUIRED["min"].items() if fig[k] < v]
    high = [f"{k} {fig[k]} > {v}" for k, v in REQUIRED["max"].items() if fig[k] > v]
    return low + high


def main():
    args = sys.argv[1:]
    opt = lambda k, d=None: args[args.index(k) + 1] if k in args else d
    exe = Path(opt("--bin", REPO / "target/release/digest")).resolve()
    corpus = Path(opt("--corpus", REPO.parent / "shared/corpus")).resolve()
    if not (corpus / "index.tsv").exists():
        print(f"eval/corpus.py: no labelled corpus at {corpus}; skipped (it is not part of this repository)")
        sys.exit(1 if "--require" in args else 0)
    key = load_key(corpus)
    names = sorted(key)
    per_file = evaluate(exe, corpus, key, names)
    fig = figures(total(per_file, names))
    confusion = Counter(row for n in names for row in per_file[n][2])
    outcomes = ["title", "summary", "metadata", "body", "removed", "other story"]
    print("What each labelled line became (lines):")
    print("label".ljust(12) + "".join(o.rjust(12) for o in outcomes))
    for label in ["headline", "standfirst", "byline", "date", "dateline", "subheading", "body",
                  "post-header", "caption", "related", "furniture"]:
        print(label.ljust(12) + "".join(str(confusion[(label, o)] or "").rjust(12) for o in outcomes))
    worst = sorted(names, key=lambda n: -len(per_file[n][1]))[:int(opt("--worst", 10))]
    print(f"\nThe {len(worst)} files with most misses:")
    for n in worst:
        print(f"  {n}:")
        for m in per_file[n][1][:8]:
            print(f"    {m}")
    print("\n" + line_of(fig))
    if "--check" in args:
        reference = corpus / "score.py"
        r = subprocess.run([sys.executable, str(reference), "--bin", str(exe), "--project", str(REPO),
                            "--corpus", str(corpus), "--show", "0"], capture_output=True, text=True)
        theirs = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else ""
        print("score.py: " + theirs)
        if theirs != line_of(fig):
            raise SystemExit("eval/corpus.py and score.py disagree on the same binary")
    if "--require" in args:
        missed = shortfalls(fig)
        if missed:
            raise SystemExit("below what CI requires on the labelled corpus: " + "; ".join(missed))
        print("meets what CI requires on the labelled corpus")
    if "--sweep" in args:
        sweep(exe, corpus, key, names, int(opt("--folds", 5)))


if __name__ == "__main__":
    main()
