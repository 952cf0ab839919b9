#!/usr/bin/env bash
# Related news and search on a judged set (bench/README.md, "Judged related news and search"):
# copies the sample site, adds DIR/articles under content/articles/judged/, builds it, then reads each story
# article's related list from its page and runs the real search.js over the built index for DIR/queries.json.
# Usage: bench/judged.sh DIR [--verbose]   (BANTIN=path picks the binary; default the release build)
set -euo pipefail
dir=${1:?usage: bench/judged.sh JUDGED_DIR [--verbose]}
shift
root=$(cd "$(dirname "$0")/.." && pwd)
bantin=${BANTIN:-$root/.build/release/bantin}
if [ ! -x "$bantin" ]; then (cd "$root" && swift build -c release --product bantin >&2); fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/content" "$work/content"
mkdir -p "$work/content/articles/judged"
cp "$dir"/articles/*.md "$work/content/articles/judged/"
"$bantin" build --content "$work/content" --templates "$root/templates" --output "$work/public" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }
node "$root/bench/judged.js" "$dir" "$work/public" "$@"
