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
bash setup.sh

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

# The GitHub Pages workflow: valid YAML, on push to main, with the official Pages actions,
# and the README's Pages section naming the same actions and the same build command.
check_workflow() {
  .venv/bin/python - ../.github/workflows/pages.yml ../README.md <<'PY'
import sys, yaml
workflow = yaml.safe_load(open(sys.argv[1]))
readme = open(sys.argv[2]).read()
errors = []
trigger = workflow.get("on", workflow.get(True))
if "main" not in trigger["push"]["branches"]: errors.append("not triggered by a push to main")
uses = [s.get("uses", "") for job in workflow["jobs"].values() for s in job["steps"]]
runs = " ".join(s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"])
for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
    if not any(u.startswith(action + "@") for u in uses): errors.append(f"{action} not used")
    if action not in readme: errors.append(f"README does not mention {action}")
if "digest build --base-url" not in runs: errors.append("the workflow does not run digest build --base-url")
if "digest build --base-url" not in readme: errors.append("README does not show digest build --base-url")
print("\n".join(errors) or f"{len(uses)} actions, {len(workflow['jobs'])} jobs")
sys.exit(bool(errors))
PY
}
check "GitHub Pages workflow" check_workflow

echo "=== screenshots in $OUT"
if (( ${#failed[@]} )); then
  printf 'E2E FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "E2E: all checks passed"
