#!/usr/bin/env bash
# Installs what the end-to-end checks need (Debian packages, npm packages, a Python venv).
# Safe to run again: each step is skipped when its tool is already there.
set -euo pipefail
cd "$(dirname "$0")"
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v java >/dev/null || need+=(openjdk-17-jre-headless)
command -v xmllint >/dev/null || need+=(libxml2-utils)
python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
if (( ${#need[@]} )); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
[[ -d node_modules/playwright-core ]] || npm ci --ignore-scripts --no-audit --no-fund
if [[ ! -x .venv/bin/python ]]; then
  python3 -m venv .venv
fi
.venv/bin/python -c 'import feedparser, yaml' 2>/dev/null \
  || .venv/bin/pip install --quiet feedparser==6.0.14 PyYAML==6.0.2
