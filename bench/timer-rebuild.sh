#!/usr/bin/env bash
# Timer rebuilds (bench/README.md, "Timer rebuilds at 10,000 articles"), called by bench/incremental.sh (make bench-incremental).
#   bench/timer-rebuild.sh [articles]            (release build; BASE=<commit> for the "before" figures)
#   SKIP_BASE=1 leaves the base out; COMPARE=<bantin binary> times another build of bantin too (side by side).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
bantin=.build/release/bantin
templates=$PWD/templates
seconds() { python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.3f}")' "$1" "$2"; }
now() { date +%s.%N; }
trash=bench/out/trash-$$
# Timer rebuilds (docs/DEPLOY.md, docs/ARCHITECTURE.md "The caches in .bantin/"): the live site is rebuilt every few minutes by a new
# `bantin build` process, on a corpus of `count` articles (bench/corpus.py) with a counter and an access log.
#   - only new log lines: target at most 1.0 s and at most 5 files written,
#   - one article edited: target at most 1.5 s, and at most half of a full build of the same site just after (issue #27),
# each timed for this bantin and for the base (BASE, a commit before the counter file; built once in
# bench/out/base-<commit>/), with the files and bytes each timer run writes into public/.
base_commit=${BASE:-0c2567b}
timer=bench/out/timer-$count
project=$timer/bantin
[ -f "$project/content/site.yml" ] || python3 bench/corpus.py "$count" "$timer" >/dev/null
if ! grep -q '^counter:' "$project/content/site.yml"; then
  printf 'counter:\n  logs: ["logs/access.log*"]\n  state: data/visits.json\n  baseline: 892762\n' >> "$project/content/site.yml"
fi
base_src=bench/out/base-$base_commit
base_bantin=$base_src/.build/release/bantin
if [ -z "${SKIP_BASE:-}" ] && [ ! -x "$base_bantin" ]; then
  mkdir -p "$base_src"
  git archive "$base_commit" | tar -x -C "$base_src"
  (cd "$base_src" && swift build -c release --product bantin >/dev/null 2>&1)
fi
# Log lines of the site's own articles, dated now (lines dated after the build are skipped as a wrong clock).
log_lines() {
  python3 - "$project/public/tin" "$1" <<'PY'
import os, random, sys, time
root, n = sys.argv[1], int(sys.argv[2])
slugs = sorted(os.listdir(root))[:200]
stamp = time.strftime("%d/%b/%Y:%H:%M:%S %z", time.localtime(time.time()))
for i in range(n):
    print('198.51.100.%d - - [%s] "GET /tin/%s/ HTTP/1.1" 200 5120 "-" "Mozilla/5.0 reader-%d"' % (i % 250, stamp, random.choice(slugs), i))
PY
}
# Files and bytes written into public/ since the marker file was made.
written() { find "$project/public" -type f -newer "$1" -printf '%s\n' | awk '{n++; b+=$1} END {if (b < 1e6) printf "%d files, %.0f KB", n, b/1e3; else printf "%d files, %.1f MB", n, b/1e6}'; }
timer_runs() {
  local binary=$1 label=$2 marker=bench/out/timer-marker
  for old in "$project/public" "$project/.bantin" "$project/data" "$project/logs"; do
    if [ -e "$old" ]; then mv "$old" "$trash-$RANDOM-$(basename "$old")"; fi
  done
  (rm -rf "$trash"-* &)
  mkdir -p "$project/logs"; : > "$project/logs/access.log"
  "$binary" build --quiet --content "$project/content" --templates "$templates" --output "$project/public" >/dev/null 2>&1
  log_lines 2000 >> "$project/logs/access.log"
  "$binary" build --quiet --content "$project/content" --templates "$templates" --output "$project/public" >/dev/null
  sleep 1; touch "$marker"
  log_lines 5 >> "$project/logs/access.log"
  start=$(now); "$binary" build --quiet --content "$project/content" --templates "$templates" --output "$project/public" >/dev/null
  echo "$label: 5 new log lines:      $(seconds "$start" "$(now)") s, $(written "$marker")   (target ≤ 1.0 s, ≤ 5 files)"
  sleep 1; touch "$marker"
  local edited; edited=$(ls "$project"/content/articles/00/*.md | sed -n 7p)
  echo "Một câu thêm vào lúc $(date +%s)." >> "$edited"
  start=$(now); "$binary" build --quiet --content "$project/content" --templates "$templates" --output "$project/public" >/dev/null
  local edit; edit=$(seconds "$start" "$(now)")
  echo "$label: one article edited:   $edit s, $(written "$marker")   (target ≤ 1.5 s)"
  # The same site built whole right after, by the same binary: the one-edit build against it (issue #27).
  start=$(now); "$binary" build --quiet --full --content "$project/content" --templates "$templates" --output "$project/public" >/dev/null
  local full; full=$(seconds "$start" "$(now)")
  echo "$label: full build:           $full s; one edit / full = $(python3 -c "print(f'{$edit / $full:.2f}')")   (target ≤ 0.5)"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "${SKIP_BASE:-}" ] || timer_runs "$base_bantin" "before ($base_commit)"
[ -z "${COMPARE:-}" ] || timer_runs "$COMPARE" "compare ($(basename "$COMPARE"))"
timer_runs "$bantin" "after"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bantin" build --timings --content "$project/content" --templates "$templates" --output "$project/public" 2>&1 | tail -20
