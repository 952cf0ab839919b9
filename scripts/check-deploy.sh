#!/usr/bin/env bash
# The live set-up of docs/DEPLOY.md, tried with a real nginx on 127.0.0.1 (make check-deploy):
#  1. a copy of the sample project whose counter reads the log this nginx writes; one build;
#  2. nginx runs the server block `bantin deploy-config nginx` prints (nginx -t first);
#  3. checks: pages (200, short cache, gzip), every old URL of _redirects (301 to its page), the 404 page,
#     a hashed photo (cached a year), the style sheet, the counter's JSON (short cache);
#  4. a reader's visits through that nginx, then a timer-style build (a new `bantin build` process), and the
#     counter's JSON and statistics page must show them.
# nginx comes from apt when missing. BANTIN=path picks the executable (default .build/release/bantin).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
BANTIN=${BANTIN:-$root/.build/release/bantin}
[ -x "$BANTIN" ] || swift build -c release --product bantin
sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "installing nginx"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq nginx-light || \
    DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq nginx
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

work="$(mktemp -d)"
chmod 755 "$work"   # nginx's workers (www-data when started as root) read the site from here
project="$work/project"
mkdir -p "$project" "$work/logs"
touch "$work/logs/access.log"
cp -r content templates "$project/"
rm -f "$project"/content/data/visits.json*
# The counter reads what this nginx writes.
python3 - "$project/content/site.yml" "$work/logs" <<'PY'
import re, sys
path, logs = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
text, n = re.subn(r'(?m)^(  logs: ).*$', lambda m: f'{m.group(1)}["{logs}/access.log*"]', text)
assert n == 1, "site.yml has no counter.logs line"
open(path, "w", encoding="utf-8").write(text)
PY
. scripts/lib/serve.sh
port="$(free_port)"
(cd "$project" && "$BANTIN" build --quiet --lang en)
(cd "$project" && "$BANTIN" deploy-config nginx --lang en --listen "127.0.0.1:$port") > "$work/server.conf"
grep -q "access_log $work/logs/access.log combined;" "$work/server.conf" || { echo "FAIL: access_log is not counter.logs"; exit 1; }

user_line=""; [ "$(id -u)" = 0 ] && user_line="user www-data adm;"
cat > "$work/nginx.conf" <<CONF
$user_line
worker_processes 1;
error_log $work/error.log;
pid $work/nginx.pid;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path $work/body;
    proxy_temp_path $work/proxy;
    fastcgi_temp_path $work/fastcgi;
    uwsgi_temp_path $work/uwsgi;
    scgi_temp_path $work/scgi;
    include $work/server.conf;
}
CONF
"$nginx_bin" -t -q -p "$work" -c "$work/nginx.conf"
echo "nginx -t: the server block of bantin deploy-config nginx is valid"
"$nginx_bin" -p "$work" -c "$work/nginx.conf" -g 'daemon off;' &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $port))" 2>/dev/null && break; sleep 0.1; done

command -v logrotate >/dev/null 2>&1 || { sudo_if_needed apt-get update -qq; DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq logrotate >/dev/null; }
python3 - "$port" "$project" "$BANTIN" "$work" <<'PY'
import gzip, http.client, json, os, re, subprocess, sys
port, project, bantin, work = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
site = os.path.join(project, "public")
READER = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
failed = checked = 0

def get(path, gzip_ok=False, agent=READER):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    headers = {"User-Agent": agent}
    if gzip_ok:
        headers["Accept-Encoding"] = "gzip"
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    if response.getheader("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return response, body

def expect(label, condition, detail=""):
    global failed, checked
    checked += 1
    if not condition:
        failed += 1
        print(f"FAIL {label} {detail}")

def cache(response):
    return response.getheader("Cache-Control") or ""

# Pages: the home page and an article, gzip-compressed, short lifetime.
articles = sorted(d for d in os.listdir(os.path.join(site, "tin")) if os.path.isdir(os.path.join(site, "tin", d)))
article = f"/tin/{articles[0]}/"
for path in ("/", article):
    response, body = get(path, gzip_ok=True)
    expect(f"{path} 200", response.status == 200, response.status)
    expect(f"{path} is the built page", body == open(os.path.join(site, path.strip("/"), "index.html"), "rb").read())
    expect(f"{path} gzip", response.getheader("Content-Encoding") == "gzip", response.getheaders())
    expect(f"{path} short cache", "max-age=120" in cache(response), cache(response))
    expect(f"{path} text/html utf-8", (response.getheader("Content-Type") or "").lower() == "text/html; charset=utf-8",
           response.getheader("Content-Type"))

# Old URLs: 301 to their page.
for line in open(os.path.join(site, "_redirects"), encoding="utf-8"):
    parts = line.split()
    if not parts or parts[0].startswith("#"):
        continue
    path, conditions, target = parts[0], parts[1:-2], parts[-2]
    url = path + ("?" + "&".join(conditions) if conditions else "")
    response, _ = get(url)
    expect(f"redirect {url}", response.status == 301 and (response.getheader("Location") or "").endswith(target),
           f"{response.status} {response.getheader('Location')}, expected 301 {target}")

# The 404 page for an address that is not there.
response, body = get("/khong-co-trang-nay/")
expect("404 status", response.status == 404, response.status)
expect("404 page", body == open(os.path.join(site, "404.html"), "rb").read())

# A resized photo: its name carries its hash, so a year; the style sheet: ten minutes.
hashed = next(f for f in sorted(os.listdir(os.path.join(site, "images"))) if re.search(r"\.[0-9a-f]{8}\.webp$", f))
response, body = get("/images/" + hashed)
expect("photo 200 image/webp", response.status == 200 and response.getheader("Content-Type") == "image/webp",
       f"{response.status} {response.getheader('Content-Type')}")
expect("photo cached a year", "max-age=31536000" in cache(response) and "immutable" in cache(response), cache(response))
response, _ = get("/assets/style.css", gzip_ok=True)
expect("style.css gzip and 10 minutes", response.getheader("Content-Encoding") == "gzip" and "max-age=600" in cache(response),
       f"{response.getheader('Content-Encoding')} {cache(response)}")

# A drawing opened at its own address: no script may run in it, whatever it holds (the second lock after the
# build's own SVG check), still cached ten minutes and compressed.
response, _ = get("/assets/favicon.svg", gzip_ok=True)
policy = response.getheader("Content-Security-Policy") or ""
expect("svg 200 image/svg+xml", response.status == 200 and (response.getheader("Content-Type") or "").startswith("image/svg+xml"),
       f"{response.status} {response.getheader('Content-Type')}")
expect("svg forbids scripts", "default-src 'none'" in policy and "sandbox" in policy and "script-src" not in policy, policy)
expect("svg nosniff", response.getheader("X-Content-Type-Options") == "nosniff", response.getheader("X-Content-Type-Options"))
expect("svg gzip and 10 minutes", response.getheader("Content-Encoding") == "gzip" and "max-age=600" in cache(response),
       f"{response.getheader('Content-Encoding')} {cache(response)}")

# The counter's figures: a short lifetime, and a timer-style build counts the visits this nginx logged.
def counter_json(path):
    response, body = get(path, gzip_ok=True)
    expect(f"{path} 200", response.status == 200, response.status)
    expect(f"{path} one minute", "max-age=60" in cache(response), cache(response))
    expect(f"{path} type", (response.getheader("Content-Type") or "").startswith("application/json"),
           response.getheader("Content-Type"))
    return json.loads(body) if response.status == 200 else {}

def figures():
    data = counter_json("/thong-ke/so-lieu.json")
    data["views"] = counter_json("/thong-ke/luot-xem.json")
    return data

# The article's key in the views file, as its page carries it.
_, article_page = get(article)
key_match = re.search(rb'data-views-key="([^"]+)"', article_page)
expect("the article carries its views key", key_match is not None)
article_key = key_match.group(1).decode() if key_match else ""

def views_of(data, url):
    views = data.get("views") or {}
    return views.get(article_key, 0) if isinstance(views, dict) else 0

# What the checks above asked for is counted by this first timer build; the visits below by the next one.
subprocess.run([bantin, "build", "--quiet", "--no-wait", "--lang", "en"], cwd=project, check=True)
before = figures()
visits = 3
for n in range(visits):
    get(article, agent=READER + f" visit/{n}")
get(article, agent="Googlebot/2.1 (+http://www.google.com/bot.html)")   # not a reader: not counted
log = os.path.join(os.path.dirname(project), "logs", "access.log")
expect("nginx wrote the log", os.path.exists(log) and os.path.getsize(log) > 0)
subprocess.run([bantin, "build", "--quiet", "--no-wait", "--lang", "en"], cwd=project, check=True)
after = figures()
expect("total grew by the visits", after.get("total", 0) - before.get("total", 0) == visits,
       f"{before.get('total')} → {after.get('total')}")
expect("the article's views grew", views_of(after, article) - views_of(before, article) == visits,
       f"{views_of(before, article)} → {views_of(after, article)}")
response, body = get("/thong-ke/")
expect("statistics page 200", response.status == 200, response.status)

# logrotate as Debian's nginx package sets it up (daily, compress, delaycompress, nginx told to reopen its
# logs), forced twice between visits: access.log → access.log.1 → access.log.2.gz. Every visit counts once.
with open(os.path.join(work, "logrotate.conf"), "w") as conf:
    conf.write(f"""{work}/logs/*.log {{
    daily
    missingok
    rotate 14
    compress
    delaycompress
    notifempty
    sharedscripts
    postrotate
        kill -USR1 $(cat {work}/nginx.pid)
    endscript
}}
""")
def rotate():
    subprocess.run(["logrotate", "-f", "-s", os.path.join(work, "logrotate.state"), os.path.join(work, "logrotate.conf")],
                   check=True)
    import time; time.sleep(0.3)   # nginx reopens its log on USR1
subprocess.run([bantin, "build", "--quiet", "--no-wait", "--lang", "en"], cwd=project, check=True)
before = figures()
for n in range(2): get(article, agent=READER + f" before-rotation/{n}")
rotate()
for n in range(2): get(article, agent=READER + f" between-rotations/{n}")
rotate()
get(article, agent=READER + " after-rotations")
subprocess.run([bantin, "build", "--quiet", "--no-wait", "--lang", "en"], cwd=project, check=True)
after = figures()
logs = sorted(os.listdir(os.path.join(work, "logs")))
expect("logrotate rotated twice", "access.log.1" in logs and "access.log.2.gz" in logs, logs)
expect("rotated visits counted once", after.get("total", 0) - before.get("total", 0) == 5,
       f"{before.get('total')} → {after.get('total')}, expected +5")

print(f"check-deploy: {checked - failed} of {checked} checks passed")
sys.exit(1 if failed else 0)
PY

# The systemd units: `systemd-analyze verify` must have nothing to say about them.
if command -v systemd-analyze >/dev/null 2>&1; then
  mkdir -p "$work/units"
  (cd "$project" && "$BANTIN" deploy-config systemd-service --lang en --bantin "$BANTIN") > "$work/units/bantin.service"
  (cd "$project" && "$BANTIN" deploy-config systemd-timer --lang en) > "$work/units/bantin.timer"
  said=$(systemd-analyze verify --man=no "$work/units/bantin.service" "$work/units/bantin.timer" 2>&1 || echo "exit status $?")
  [ -z "$said" ] || { echo "FAIL systemd-analyze verify: $said"; exit 1; }
  echo "systemd-analyze verify: bantin.service and bantin.timer are valid"
else
  echo "systemd-analyze not found: the units were not verified"
fi
# The cron line's command, run by sh as cron runs it (after the five time fields and the user).
line=$(cd "$project" && "$BANTIN" deploy-config cron --lang en --bantin "$BANTIN" | grep -v '^#' | grep .)
command -v logger >/dev/null 2>&1 || sudo_if_needed apt-get install -y -qq bsdutils >/dev/null
sh -c "$(echo "$line" | cut -d' ' -f7-)" || { echo "FAIL the cron line's command: $line"; exit 1; }
echo "cron: the line's command builds (exit status 0)"
