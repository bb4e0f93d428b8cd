#!/usr/bin/env bash
# Builds the fixture site (68 stories today): the bundled seeds with the labelled corpora of tests/fixtures
# (eval/ and segdev/) as one digest project. Usage: e2e/fixture-site.sh DIGEST_BINARY PROJECT_DIR
# The site is written to PROJECT_DIR/public.
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 DIGEST_BINARY PROJECT_DIR" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)
digest=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
rm -rf "$2"
mkdir -p "$2/seeds"
cp "$repo/config.toml" "$2/"
cp "$repo"/seeds/*.txt "$repo"/tests/fixtures/eval/*.txt "$repo"/tests/fixtures/segdev/*.txt "$2/seeds/"
"$digest" -q build --root "$2"
