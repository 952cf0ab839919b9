#!/usr/bin/env bash
# Counts one generated access log with bantin's visit counter and with GoAccess, and prints per-day
# unique visitors and page hits side by side (make crosscheck-counter; needs goaccess, see make deps).
#
# Two GoAccess runs:
#   pages  GoAccess on the lines that are page views by the counting rules (docs/ARCHITECTURE.md), picked out with awk alone
#          (GET, 200/304, no crawler user agent, a page URL of the site): it must agree with bantin exactly,
#          which checks the counting (days, IP + date + user agent visitors, every line once).
#   own    GoAccess on the whole log with its own filters (--ignore-crawlers --ignore-statics=panel
#          --ignore-status=404): what an administrator would see. It has more hits, and the script accounts
#          for every one: GoAccess counts HEAD and POST requests, and does not take curl or python-requests
#          for crawlers; bantin counts neither as a page view.
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${LINES:-200000}
DAYS=${DAYS:-5}
# The offset the log's times are written in. GoAccess takes a line's day as written; bantin takes the day
# of the site's time zone (Asia/Ho_Chi_Minh), so with OFFSET=+0000 lines between 17:00 and 24:00 UTC move
# to the next day in bantin's column, and the two disagree by design.
OFFSET=${OFFSET:-+0700}
out=bench/out/crosscheck
mkdir -p "$out"
command -v goaccess >/dev/null || { echo "goaccess is not installed: run make deps" >&2; exit 1; }

swift build -c release --product bantin >/dev/null
swift build -c release --product CounterBench >/dev/null
.build/release/CounterBench --content content --lines "$LINES" --days "$DAYS" --offset "$OFFSET" --generate-only "$out/access.log" >/dev/null
log="$PWD/$out/access.log"

# bantin, from an empty state: "  2026-11-25  1.767  1.433" (views, visitors) per day.
rm -f "$out/state.json"
.build/release/bantin counter --content content --templates templates --logs "$log" --state "$PWD/$out/state.json" --top 100000 \
    > "$out/bantin.txt"
awk '/^  [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / { gsub(/\./, "", $2); gsub(/\./, "", $3); d = $1; gsub(/-/, "", d); print d, $3, $2 }' \
    "$out/bantin.txt" > "$out/bantin.days"

# The page-view lines, by the counting rules (docs/ARCHITECTURE.md), with awk only (no bantin code involved).
awk -F'"' '
    {
        split($2, request, " "); split($3, after, " ")
        path = request[2]; sub(/[?#].*/, "", path)
        agent = tolower($6)
        if (request[1] != "GET" || (after[1] != "200" && after[1] != "304")) next
        if (agent ~ /bot|spider|crawl|facebookexternalhit|curl|python-requests/) next
        if (path ~ /^\/(index\.html)?$/ || path ~ /^\/tin\/[^\/]+\/(in\/)?$/ ||
            path ~ /^\/(chuyen-muc|the)\/[^\/]+\/(trang\/[0-9]+\/)?$/ || path ~ /^\/[^\/.]+\/$/) print
    }' "$log" > "$out/pages.log"

goaccess_days() { # log, csv, extra options… → "20261125 visitors hits" per day
    local input=$1 csv=$2; shift 2
    goaccess "$input" --log-format=COMBINED --no-progress "$@" -o "$csv" >/dev/null 2>&1
    awk -F',' '{ gsub(/["\r]/, "") } $3 == "visitors" { print $12, $6, $4 }' "$csv" | sort
}
goaccess_days "$out/pages.log" "$out/goaccess-pages.csv" > "$out/goaccess-pages.days"
goaccess_days "$log" "$out/goaccess-own.csv" --ignore-crawlers --ignore-statics=panel --ignore-status=404 > "$out/goaccess-own.days"

echo "$(grep -c '' "$log") log lines, $DAYS days; bantin: $(grep '^counter:' "$out/bantin.txt" | sed 's/ (not saved.*//')"
echo
printf '%-10s | %-19s | %-19s | %-19s\n' "" "bantin" "GoAccess, pages" "GoAccess, own rules"
printf '%-10s | %9s %9s | %9s %9s | %9s %9s | %s\n' "day" "visitors" "views" "visitors" "hits" "visitors" "hits" "bantin = pages"
join -a 1 -a 2 -e 0 -o auto "$out/bantin.days" "$out/goaccess-pages.days" | join -a 1 -a 2 -e 0 -o auto - "$out/goaccess-own.days" | awk '
    {
        same = ($2 == $4 && $3 == $5) ? "yes" : "NO"; if (same == "NO") bad = 1
        printf "%s-%s-%s | %9d %9d | %9d %9d | %9d %9d | %s\n", substr($1,1,4), substr($1,5,2), substr($1,7,2), $2, $3, $4, $5, $6, $7, same
        for (i = 2; i <= 7; i++) total[i] += $i
    }
    END {
        printf "%-10s | %9s %9d | %9s %9d | %9s %9d |\n", "all days", "", total[3], "", total[5], "", total[7]
        exit bad
    }'

# What GoAccess's own rules keep and bantin's do not, in lines of the log (not static, not 404, no crawler
# GoAccess knows): that is the whole difference between the last two hit columns.
awk -F'"' '
    {
        split($2, request, " "); split($3, after, " "); path = request[2]; sub(/[?#].*/, "", path)
        if (after[1] == "404" || path ~ /\.(css|js|svg|ico|png|jpg)$/) next
        if ($6 ~ /Googlebot|bingbot|YandexBot|Baiduspider|facebookexternalhit|AhrefsBot/) next
        if (request[1] == "HEAD" || request[1] == "POST") methods++
        else if ($6 ~ /^(curl|python-requests)\//) tools++
    }
    END {
        printf "GoAccess own rules - bantin: %d HEAD/POST + %d curl/python-requests = %d hits\n", methods, tools, methods + tools
    }' "$log"
