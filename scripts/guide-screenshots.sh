#!/usr/bin/env bash
# Pictures for the editors' guide (docs/huong-dan-bien-tap.md), taken from `bantin serve` as an editor sees it:
# an article in the preview, and the page the browser shows when an article has an error.
# Works on a copy of content/ in a temporary folder; content/ is never changed. Usage: scripts/guide-screenshots.sh BANTIN
set -euo pipefail
bantin="${1:?path of the bantin program}"
out="docs/screenshots"
mkdir -p "$out"
browser="$(command -v chromium || command -v chromium-browser)"
work="$(mktemp -d)"
cp -r content "$work/content"
. "$(dirname "$0")/lib/serve.sh"
port="$(free_port)"
"$bantin" serve --content "$work/content" --templates templates --output "$work/serve" --port "$port" 2>"$work/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
wait_for_http "$port" 200 || true
shoot() { # name url
  timeout 60 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
    --force-device-scale-factor=1 --timeout=4000 --window-size=1280,800 \
    --screenshot="$out/$1.png" "$2" >/dev/null 2>&1 || true
  echo "$out/$1.png"
}
article="$(ls "$work/serve/tin" | grep -m1 'ke-hoach-thuc-hien-cong-tac-dan-van' || ls "$work/serve/tin" | head -1)"
shoot guide-preview-article "http://127.0.0.1:$port/tin/$article/"
# An editor's typical mistakes: a category that site.yml does not have, and a misspelt key.
file="$(grep -l -m1 '^category:' -r "$work/content/articles" | head -1)"
sed -i 's/^category:.*/category: Thể thao/; s/^tags:/tagss:/' "$file"
sleep 2
shoot guide-preview-error "http://127.0.0.1:$port/"
