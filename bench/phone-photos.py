#!/usr/bin/env python3
"""Writes COUNT phone-like photos of 12 MP for bench/images.sh (PHOTOS=12mp): `phone-photos.py FOLDER [COUNT]`.

Each is one of the sample's photographs (content/images/*.jpg, 2000 px) cropped to 4:3, upscaled to 4000×3000
(Lanczos) and given fine sensor-like grain, so that decoders and encoders do real work on every block (an upscaled
photo alone is smooth and compresses like a 2000 px one). One photo in three is a portrait shot as a phone stores
it: the pixels lie sideways (4000×3000 in the file) and EXIF Orientation 6 or 8 (alternately) says how to turn
them upright (3000×4000). Every photo carries EXIF with a camera, a date and a GPS position (a different one each),
which bantin must drop. JPEG quality 95 with 4:2:0 chroma, as phone cameras write: 3.2–4.9 MB a photo (a phone's
are 3–6 MB).

Deterministic: the grain comes from a seeded generator and Pillow is pinned by bench/images.sh, so the same
command writes the same bytes. Needs Pillow (bench/images.sh installs it from PyPI when missing).
"""
import random
import sys
from pathlib import Path

from PIL import Image, ImageChops, ImageOps

ROOT = Path(__file__).resolve().parent.parent
LONG, SHORT = 4000, 3000
QUALITY = 95
GRAIN = 16          # grain spans ±GRAIN/2 levels (triangular, the sum of two uniform draws)


def crop_to(image, width, height):
    """The centre of `image` at the aspect ratio width:height, resized to width × height."""
    return ImageOps.fit(image, (width, height), method=Image.Resampling.LANCZOS)


def grain(seed, size):
    """An RGB picture of grain, 0..GRAIN, from a seeded generator (the same seed, the same bytes)."""
    generator = random.Random(seed)
    count = size[0] * size[1] * 3
    first = Image.frombytes("RGB", size, generator.randbytes(count))
    second = Image.frombytes("RGB", size, generator.randbytes(count))
    half = GRAIN // 2
    table = [value * (half + 1) // 256 for value in range(256)] * 3
    return ImageChops.add(first.point(table), second.point(table))


def exif_for(index, orientation):
    exif = Image.Exif()
    exif[0x0112] = orientation                      # Orientation
    exif[0x010F] = "bantin-bench"                   # Make
    exif[0x0110] = "Phone 12MP"                     # Model
    exif[0x0132] = f"2026:11:{index % 28 + 1:02d} 09:{index % 60:02d}:00"  # DateTime
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"                                    # GPSLatitudeRef
    gps[2] = (10.0, 45.0, float(index))             # GPSLatitude: 10°45'index"
    gps[3] = "E"                                    # GPSLongitudeRef
    gps[4] = (106.0, 40.0, float(index) / 2)        # GPSLongitude
    return exif


def main():
    folder = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 24
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted((ROOT / "content" / "images").glob("*.jpg"))
    for index in range(1, count + 1):
        with Image.open(sources[(index - 1) % len(sources)]) as opened:
            source = opened.convert("RGB")
        portrait = index % 3 == 0
        upright = crop_to(source, SHORT, LONG) if portrait else crop_to(source, LONG, SHORT)
        grained = ImageChops.add(upright, grain(index, upright.size), offset=-(GRAIN // 2))
        if portrait:
            # Orientation 6: the stored picture is turned a quarter anticlockwise (a viewer turns it clockwise);
            # 8: the other way.
            orientation = 6 if index % 2 else 8
            stored = grained.transpose(Image.Transpose.ROTATE_90 if orientation == 6 else Image.Transpose.ROTATE_270)
        else:
            orientation = 1
            stored = grained
        stored.save(folder / f"p{index}.jpg", "JPEG", quality=QUALITY, subsampling="4:2:0",
                    exif=exif_for(index, orientation))
        print(f"p{index}.jpg {stored.size[0]}x{stored.size[1]} orientation {orientation} "
              f"{(folder / f'p{index}.jpg').stat().st_size / 1e6:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
