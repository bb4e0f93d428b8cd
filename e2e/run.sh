#!/usr/bin/env bash
# End-to-end checks on a generated digest site (see shared/E2E.md).
# Usage: e2e/run.sh SITE_DIR [OUT_DIR]     e.g. e2e/run.sh public e2e/out
# Needs: java, node, xmllint, chromium (CHROMIUM_PATH), python3 with venv. Exits 1 if any check fails.
set -euo pipefail

[[ $# -ge 1 && -d $1 ]] || { echo "usage: $0 SITE_DIR [OUT_DIR]" >&2; exit 2; }
SITE=$(cd "$1" && pwd)
mkdir -p "${2:-out}"
OUT=$(cd "${2:-out}" && pwd)
cd "$(dirname "$0")"

# One-time setup (offline afterwards).
[[ -d node_modules ]] || npm ci --ignore-scripts --no-audit --no-fund
if [[ ! -x .venv/bin/python ]]; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet feedparser==6.0.14
fi

failed=()
check() {  # check NAME COMMAND...: run it, report, go on
  echo "=== $1"
  if "${@:2}"; then echo "PASS $1"; else echo "FAIL $1"; failed+=("$1"); fi
}

# Every Atom feed: well-formed, atom10, at least one entry, and id + updated on the feed and each entry.
check_feed() {
  xmllint --noout --nonet "$1" && .venv/bin/python - "$1" <<'PY'
import sys, feedparser
d = feedparser.parse(sys.argv[1])
errors = []
if d.bozo: errors.append(f"malformed: {d.bozo_exception}")
if d.version != "atom10": errors.append(f"version is {d.version!r}, not atom10")
if not d.entries: errors.append("no entries")
errors += [f"feed has no <{k}>" for k in ("id", "updated") if not d.feed.get(k)]
for i, e in enumerate(d.entries, 1):
    errors += [f"entry {i} ({e.get('title', '?')}) has no <{k}>" for k in ("id", "updated") if not e.get(k)]
print("\n".join(errors) or f"{len(d.entries)} entries")
sys.exit(bool(errors))
PY
}

check "Nu HTML checker (HTML + CSS)" \
  java -jar node_modules/vnu-jar/build/dist/vnu.jar --skip-non-html --also-check-css --errors-only "$SITE"
check "browser (screenshots, click-through, axe, search, no outside requests)" node browse.mjs "$SITE" "$OUT"
shopt -s nullglob
for feed in "$SITE/atom.xml" "$SITE"/topics/*.xml; do
  if [[ -f $feed ]]; then check "Atom feed ${feed#"$SITE"/}" check_feed "$feed"
  else echo "FAIL missing ${feed#"$SITE"/}"; failed+=("missing ${feed#"$SITE"/}"); fi
done
if [[ -f $SITE/sitemap.xml ]]; then check "sitemap.xml well-formed" xmllint --noout --nonet "$SITE/sitemap.xml"
else echo "FAIL missing sitemap.xml"; failed+=("missing sitemap.xml"); fi

echo "=== screenshots in $OUT"
if (( ${#failed[@]} )); then
  printf 'E2E FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "E2E: all checks passed"
