#!/usr/bin/env bash
# Checks public/nginx-redirects.conf with a real nginx: `nginx -t`, then serves the site on 127.0.0.1
# and asks for every old URL listed in public/_redirects, expecting a 301 to its new page.
# nginx comes from apt when missing. Usage: scripts/check-nginx.sh [public]
set -euo pipefail
site="$(cd "${1:-public}" && pwd)"
sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "installing nginx"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq nginx-light || \
    DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq nginx
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

work="$(mktemp -d)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
error_log $work/error.log;
pid $work/nginx.pid;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $work/body;
    proxy_temp_path $work/proxy;
    fastcgi_temp_path $work/fastcgi;
    uwsgi_temp_path $work/uwsgi;
    scgi_temp_path $work/scgi;
    server {
        listen 127.0.0.1:$port;
        root $site;
        include $site/nginx-redirects.conf;
    }
}
CONF
"$nginx_bin" -t -q -p "$work" -c "$work/nginx.conf"
echo "nginx -t: nginx-redirects.conf is valid"

"$nginx_bin" -p "$work" -c "$work/nginx.conf" -g 'daemon off;' &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $port))" 2>/dev/null && break; sleep 0.1; done

# _redirects lines: "/path [k=v ...] /target 301" → request "/path?k=v&..." and expect Location ending in /target.
python3 - "$port" "$site/_redirects" <<'PY'
import http.client, sys
port, rules = int(sys.argv[1]), sys.argv[2]
checked = failed = 0
for line in open(rules, encoding="utf-8"):
    parts = line.split()
    if not parts or parts[0].startswith("#"):
        continue
    path, conditions, target = parts[0], parts[1:-2], parts[-2]
    url = path + ("?" + "&".join(conditions) if conditions else "")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", url)
    response = connection.getresponse()
    location = response.getheader("Location") or ""
    checked += 1
    if response.status != 301 or not location.endswith(target):
        failed += 1
        print(f"FAIL {url}: {response.status} {location}, expected 301 {target}")
print(f"nginx: {checked - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
