# Sourced by the scripts that look at a built site through a local HTTP server.

# A free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until http://127.0.0.1:PORT/ answers, trying TRIES times 0.1 s apart (default 50).
wait_for_http() {
  local port=$1 tries=${2:-50}
  for _ in $(seq "$tries"); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# Serves folder DIR with Python's http.server on $PORT or a free port; sets $port and $server (its pid, for the
# caller's trap) and returns once it answers.
serve_folder() {
  port=${PORT:-$(free_port)}
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$1" >/dev/null 2>&1 &
  server=$!
  wait_for_http "$port"
}
