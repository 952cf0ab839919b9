#!/usr/bin/env bash
# Incremental builds at scale: a generated 10,000-article site (or N), built once in full, then one article
# edited, and the time of
#   - the incremental `bantin build` (a new process: it reads and parses every file, renders only what changed),
#   - `bantin serve`'s start-up (first into an empty folder, then again over its own previous output),
#   - `serve`'s answer to a save: the edited article's pages first (`Build.preview`), then the full incremental
#     build (files, front matter and Markdown reused from memory).
#   bench/incremental.sh [articles]            (release build; not part of make test)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
site=bench/out/site-$count
bantin=.build/release/bantin
templates=$PWD/templates
swift build -c release --product bantin >/dev/null 2>&1
[ -f "$site/content/site.yml" ] || python3 bench/generate_site.py "$count" "$site"
article=$(ls "$site"/content/articles/cac-van-de-chung/*.md | sed -n 5p)
seconds() { python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.3f}")' "$1" "$2"; }
now() { date +%s.%N; }

# Old outputs are moved aside and deleted in the background: removing 50,000 files takes a while.
trash=bench/out/trash-$$
mkdir -p "$trash"
for old in "$site/public" "$site/.bantin"; do [ -e "$old" ] && mv "$old" "$trash/"; done
(rm -rf "$trash" &)
start=$(now); "$bantin" build --quiet --content "$site/content" --templates "$templates" --output "$site/public" >/dev/null
echo "full build, $count articles:              $(seconds "$start" "$(now)") s"
echo "Một câu thêm vào lúc $(date +%s)." >> "$article"
start=$(now); summary=$("$bantin" build --quiet --content "$site/content" --templates "$templates" --output "$site/public")
echo "incremental build after one edit:        $(seconds "$start" "$(now)") s   ($summary)"

# serve: start-up is the time until it prints its address (it builds first).
serve_once() {
  : > "$log"
  local start; start=$(now)
  "$bantin" serve --lang en --port 0 --content "$site/content" --templates "$templates" --output "$site/.bantin/serve" >/dev/null 2> "$log" &
  server=$!
  for _ in $(seq 1 6000); do grep -q "serving http" "$log" && break; sleep 0.05; done
  startup=$(seconds "$start" "$(now)")
}
log=bench/out/serve.log
serve_once
echo "serve start-up, empty output folder:     $startup s"
kill "$server"; wait "$server" 2>/dev/null || true
serve_once
echo "serve start-up, over its previous output: $startup s"
sleep 1
echo "Một câu nữa lúc $(date +%s)." >> "$article"
for _ in $(seq 1 1200); do grep -q "changed: built" "$log" && break; sleep 0.05; done
previewed=$(grep "changed: preview" "$log" | head -1 | sed -E 's/.* in ([0-9.]+) s.*/\1/')
rebuilt=$(grep "changed: built" "$log" | head -1 | sed -E 's/.* in ([0-9.]+) s.*/\1/')
echo "serve, edited article's pages rewritten:  ${previewed:-none} s   (target < 0.2 s; then the browser reloads)"
echo "serve, whole site up to date after it:    $rebuilt s   (related lists, search index, feeds; reloads again if a page changed)"
kill "$server"; wait "$server" 2>/dev/null || true


# The timer's rebuilds (a new process every few minutes): logs only, one article edited; before and after.
bench/timer-rebuild.sh "$count"
