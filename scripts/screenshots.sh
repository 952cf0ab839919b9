#!/usr/bin/env bash
# Headless Chromium pictures of the built site, at phone and desktop widths, into docs/screenshots/:
# home, an article, its print view (also printed to PDF), a category page and search results.
# The site is served on 127.0.0.1 (search needs http:// to fetch its index). Usage: scripts/screenshots.sh [public]
set -euo pipefail
site="${1:-public}"
out="docs/screenshots"
mkdir -p "$out"
sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "installing chromium"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq chromium fonts-noto-core
  browser="$(command -v chromium)"
fi

. "$(dirname "$0")/lib/serve.sh"
server=""
trap '[ -z "$server" ] || kill "$server" 2>/dev/null || true' EXIT
serve_folder "$site"

base="http://127.0.0.1:$port"
article="$(ls "$site/tin" | grep -m1 'ke-hoach-thuc-hien-cong-tac-dan-van' || ls "$site/tin" | head -1)"
category="$(ls "$site/chuyen-muc" | head -1)"
profile="$(mktemp -d)"
shoot() { # name url width height
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
    --force-device-scale-factor=1 --virtual-time-budget=4000 --window-size="$3,$4" \
    --screenshot="$out/$1.png" "$2" >/dev/null 2>&1
  echo "$out/$1.png"
}
for size in "phone 390 1200" "desktop 1280 880"; do
  set -- $size
  shoot "$1-home" "$base/" "$2" "$3"
  shoot "$1-article" "$base/tin/$article/" "$2" "$3"
  shoot "$1-print" "$base/tin/$article/in.html" "$2" "$3"
  shoot "$1-category" "$base/chuyen-muc/$category/" "$2" "$3"
  shoot "$1-search" "$base/tim-kiem/?q=dan+van" "$2" "$3"
done
"$browser" --headless --no-sandbox --disable-gpu --user-data-dir="$profile" --no-pdf-header-footer \
  --print-to-pdf="$out/print.pdf" "$base/tin/$article/in.html" >/dev/null 2>&1
echo "$out/print.pdf"
rm -rf "$profile"
