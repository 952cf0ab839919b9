#!/usr/bin/env bash
# axe-core on every page kind of a built site in headless Chromium; fails on any serious or critical violation,
# and on a page that scrolls sideways at 320 px (scripts/a11y.py says what is checked).
# Chromium and its driver come from apt, Selenium and axe-core's JavaScript from PyPI (axe-playwright-python
# ships axe.min.js; only that file is used, so Playwright and its browser downloads are not installed).
# Usage: scripts/a11y.sh [public]
set -euo pipefail
site="${1:-public}"
sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "installing chromium and chromium-driver"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq chromium chromium-driver fonts-noto-core
fi
find_axe() { python3 -c 'import os, axe_playwright_python as a; print(os.path.join(os.path.dirname(a.__file__), "axe.min.js"))' 2>/dev/null; }
if ! python3 -c 'import selenium' 2>/dev/null; then
  echo "installing selenium from PyPI"
  python3 -m pip install -q selenium
fi
axe="$(find_axe || true)"
if [ -z "$axe" ] || [ ! -f "$axe" ]; then
  echo "installing axe-playwright-python (axe.min.js) from PyPI"
  python3 -m pip install -q --no-deps axe-playwright-python
  axe="$(find_axe)"
fi

. "$(dirname "$0")/lib/serve.sh"
server=""
trap '[ -z "$server" ] || kill "$server" 2>/dev/null || true' EXIT
serve_folder "$site"

python3 "$(dirname "$0")/a11y.py" "http://127.0.0.1:$port" "$axe"
