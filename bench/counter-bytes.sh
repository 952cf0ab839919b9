#!/usr/bin/env bash
# What a phone downloads for the visit counter (bench/README.md; README "Visit counter"): the counter's JSON file(s), raw and
# gzipped at nginx's level (5, docs/DEPLOY.md), on the timer corpus of `count` articles (bench/corpus.py) with
# views on every article (counter.import: one "url,views" line per article, log-normal counts, seeded) and
# 2,000 log lines of the last minutes (online, most-read list).
#   bench/counter-bytes.sh [articles] [bantin]      (release build by default)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
bantin=${2:-.build/release/bantin}
timer=bench/out/timer-$count
[ -f "$timer/bantin/content/site.yml" ] || python3 bench/corpus.py "$count" "$timer" >/dev/null
project=bench/out/counter-bytes-$count
rm -rf "$project"; mkdir -p "$project/content" "$project/data" "$project/logs"; : > "$project/logs/access.log"
cp -al "$timer/bantin/content/articles" "$project/content/articles"
grep -v '^counter:' "$timer/bantin/content/site.yml" | sed '/^  logs: \["logs\/access.log\*"\]$/d;/^  state: data\/visits.json$/d;/^  baseline: 892762$/d' > "$project/content/site.yml"
printf 'counter:\n  logs: ["logs/access.log*"]\n  state: data/visits.json\n  baseline: 892762\n  import: data/old-views.csv\n' >> "$project/content/site.yml"
# A first build gives the articles' URLs; then every one gets old views and the site is built again.
echo url,views > "$project/data/old-views.csv"
"$bantin" build --quiet --content "$project/content" --templates templates --output "$project/public" >/dev/null
python3 - "$project/public/tin" > "$project/data/old-views.csv" <<'PY'
import os, random, sys
random.seed(14)
print("url,views")
for slug in sorted(os.listdir(sys.argv[1])):
    print("/tin/%s/,%d" % (slug, max(1, int(random.lognormvariate(5.5, 1.5)))))
PY
# And 2,000 log lines of the last minutes on 200 articles: "Đang xem" and a most-read list.
python3 - "$project/public/tin" >> "$project/logs/access.log" <<'PY'
import os, random, sys, time
random.seed(14)
slugs = sorted(os.listdir(sys.argv[1]))[:200]
stamp = time.strftime("%d/%b/%Y:%H:%M:%S %z", time.localtime(time.time() - 60))
for i in range(2000):
    print('198.51.100.%d - - [%s] "GET /tin/%s/ HTTP/1.1" 200 5120 "-" "Mozilla/5.0 reader-%d"' % (i % 250, stamp, random.choice(slugs), i))
PY
"$bantin" build --quiet --content "$project/content" --templates templates --output "$project/public" >/dev/null
for file in "$project"/public/thong-ke/*.json; do
  printf '%-28s %8d bytes, gzip -5 %7d bytes\n' "thong-ke/$(basename "$file")" "$(stat -c %s "$file")" "$(gzip -5 -c "$file" | wc -c)"
done
