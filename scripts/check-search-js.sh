#!/usr/bin/env bash
# assets/search.js in headless Chromium, after node checks its folding and ranking (scripts/check-search-fold.js):
# a copy of the sample portal with two search fixtures (scripts/search-fixtures/) is built, served on
# 127.0.0.1, and scripts/check-search-js.py searches it as a reader would (long query, a word no article holds,
# a typo, paging, highlighting, JavaScript off).
# Chromium and its driver from apt, Selenium from PyPI, installed when missing (as scripts/a11y.sh).
# Usage: scripts/check-search-js.sh   (BANTIN=path picks the binary; default the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/check-search-fold.js
bantin=${BANTIN:-.build/release/bantin}
[ -x "$bantin" ] || swift build -c release --product bantin >/dev/null
bantin=$(cd "$(dirname "$bantin")" && pwd)/$(basename "$bantin")
sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "installing chromium and chromium-driver"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq chromium chromium-driver fonts-noto-core
fi
python3 -c 'import selenium' 2>/dev/null || python3 -m pip install -q selenium

. scripts/lib/serve.sh
work=$(mktemp -d)
server=""
trap '[ -z "$server" ] || kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r content templates "$work/"
mkdir -p "$work/content/articles/kiem-tra-tim-kiem"
cp scripts/search-fixtures/*.md "$work/content/articles/kiem-tra-tim-kiem/"
(cd "$work" && "$bantin" build --quiet >/dev/null)

serve_folder "$work/public"
python3 scripts/check-search-js.py "http://127.0.0.1:$port"
