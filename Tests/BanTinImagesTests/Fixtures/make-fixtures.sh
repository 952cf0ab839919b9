#!/usr/bin/env bash
# Makes the image fixtures once (they are committed): libvips' command line, exiftool and python3.
# apt-get install libvips-tools libimage-exiftool-perl
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# Solid two-colour pictures as raw PNG from python (no imaging library needed).
png() { # png FILE WIDTH HEIGHT BITS ROWS_PY
python3 - "$@" <<'PY'
import struct, sys, zlib
name, w, h, bits, kind = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
def px(x, y):
    if kind == "quadrant":        # red top-left quarter, blue elsewhere
        return (220, 20, 30) if x < w // 2 and y < h // 2 else (20, 40, 200)
    if kind == "halves":          # left (200,30,40), right (30,160,60)
        return (200, 30, 40) if x < w // 2 else (30, 160, 60)
    if kind == "transparent":     # red, right half fully transparent
        return (220, 20, 30, 255 if x < w // 2 else 0)
    if kind == "opaque":          # RGBA, every pixel opaque
        return (20, 40, 200, 255)
    if kind == "gradient":        # a smooth photo-like gradient
        return ((x * 255) // w, (y * 255) // h, 128)
chans = len(px(0, 0))
rows = b""
for y in range(h):
    row = b"\x00"
    for x in range(w):
        for c in px(x, y):
            row += struct.pack(">H", c * 257) if bits == 16 else bytes([c])
    rows += row
color = 6 if chans == 4 else 2
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
open(name, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, bits, color, 0, 0, 0))
                       + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
PY
}

# A phone photo in small: stored landscape 120×80, EXIF orientation 6 (shown portrait 80×120), with GPS, a camera
# maker, XMP and IPTC, all of which must be gone from every output.
png "$tmp/q.png" 120 80 8 quadrant
vips copy "$tmp/q.png" "$tmp/q.jpg[Q=90]"
exiftool -q -overwrite_original -Orientation#=6 -Make=TestCam -Model=Phone -GPSLatitude=10.2537 -GPSLatitudeRef=N \
  -GPSLongitude=105.9722 -GPSLongitudeRef=E -XMP-dc:Creator="Nguyen Van A" -IPTC:Keywords=bimat "$tmp/q.jpg"
cp "$tmp/q.jpg" orientation-6-gps.jpg

# A larger gradient photo 1000×750 with GPS, for widths and the og:image.
png "$tmp/g.png" 1000 750 8 gradient
vips copy "$tmp/g.png" "$tmp/g.jpg[Q=70]"
exiftool -q -overwrite_original -GPSLatitude=10.25 -GPSLatitudeRef=N -GPSLongitude=105.97 -GPSLongitudeRef=E \
  -XMP-dc:Creator="Nguyen Van A" "$tmp/g.jpg"
cp "$tmp/g.jpg" gradient-1000.jpg

# CMYK JPEG without a profile (libvips' own CMYK profile is a megabyte; its conversion is tested through it).
png "$tmp/h.png" 80 60 8 halves
vips colourspace "$tmp/h.png" "$tmp/cmyk.v" cmyk
vips copy "$tmp/cmyk.v" "cmyk.jpg[Q=95,strip]"

# An embedded ICC profile (libvips' built-in sRGB one): converted through, then removed from every output.
vips thumbnail "$tmp/h.png" icc-srgb.jpg 80 --export-profile srgb

# 16 bits a channel.
png rgb16.png 80 60 16 halves

# Transparency, and an alpha channel with nothing transparent.
png transparent.png 80 60 8 transparent
png opaque-alpha.png 80 60 8 opaque

# Cut short in the middle of its picture data: must fail, not come out grey.
vips gaussnoise "$tmp/n.v" 200 150 --mean 128 --sigma 40 --seed 7
vips cast "$tmp/n.v" "$tmp/n8.v" uchar
vips bandjoin "$tmp/n8.v $tmp/n8.v $tmp/n8.v" "$tmp/n3.v"
vips copy "$tmp/n3.v" "$tmp/noise.jpg[Q=80]"
size=$(stat -c %s "$tmp/noise.jpg")
head -c $((size * 6 / 10)) "$tmp/noise.jpg" > truncated.jpg

# A decompression bomb: the header says 30000×30000 (900 megapixels); only the start of its data is here,
# enough for a decoder to begin, as it must be refused from the header alone.
python3 - <<'PY'
import struct, zlib
w = h = 30000
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
data = zlib.compress(b"".join(b"\x00" + b"\x00" * (w // 8) for _ in range(200)), 9)
open("bomb.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0))
                            + chunk(b"IDAT", data) + chunk(b"IEND", b""))
PY

printf 'Đây không phải là ảnh.\n' > not-an-image.jpg

# An iPhone's format (HEIC), read like any photo.
vips copy "$tmp/h.png" "heic.heic[Q=90]"

# Passed through as they are.
vips copy "$tmp/h.png" passthrough.gif
cat > passthrough.svg <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30" viewBox="0 0 40 30"><rect width="40" height="30" fill="#c00"/></svg>
SVG
ls -l
