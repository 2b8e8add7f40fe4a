"""Product photos prepared per second on one core, beside Pillow opening and saving alone.

The photo is what a cheap Android phone sends as a file: 4000x3000 (12 MP), JPEG quality
92, with camera EXIF (orientation 6, GPS) and an sRGB profile, made in memory. Ours is
the whole of `prepare_photo`: checks, decoding, turning upright, stripping, colour
conversion and the three renditions. The floor, in the same run, is Pillow opening the
same bytes and saving them again as a JPEG at full size with its defaults. Ours decodes
at reduced scale (libjpeg's DCT scaling), so it may beat the floor.

    python -m bench.photos [--count 20] [--seconds 20]
"""

from __future__ import annotations

import argparse
import io
import time
from collections.abc import Callable
from dataclasses import dataclass

from PIL import ExifTags, Image, ImageCms, ImageDraw

from bot.product_photos import PreparedPhoto, RenditionKind, prepare_photo

PHONE_PHOTO_SIZE = (4000, 3000)


@dataclass(frozen=True)
class Run:
    """How many times one job ran, and in how long."""

    label: str
    count: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.count / self.seconds

    @property
    def mean_ms(self) -> float:
        return 1000 * self.seconds / self.count

    def line(self) -> str:
        return (
            f"{self.label:<40} {self.count:>4} photos  {self.per_second:>7.2f} photos/s  "
            f"mean {self.mean_ms:7.1f} ms"
        )


def phone_photo() -> bytes:
    """A 12 MP JPEG as a phone writes one: light, texture, sensor grain, edges, EXIF."""
    width, height = PHONE_PHOTO_SIZE
    light = Image.linear_gradient("L").resize(PHONE_PHOTO_SIZE)
    shade = Image.radial_gradient("L").resize(PHONE_PHOTO_SIZE)
    base = Image.merge("RGB", (light, shade, light.transpose(Image.Transpose.ROTATE_180)))
    draw = ImageDraw.Draw(base)
    for step in range(12):
        left, top = step * width // 14, (step * 7 % 12) * height // 14
        draw.rectangle((left, top, left + width // 9, top + height // 9), fill=(200, 40, 20 * step))
    texture = Image.merge(
        "RGB",
        [
            Image.effect_noise((width // 8, height // 8), 60).resize(
                PHONE_PHOTO_SIZE, Image.Resampling.BICUBIC
            )
            for _ in range(3)
        ],
    )
    grain = Image.merge("RGB", [Image.effect_noise(PHONE_PHOTO_SIZE, 40) for _ in range(3)])
    photo = Image.blend(Image.blend(base, texture, 0.4), grain, 0.15)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "samsung"
    exif[ExifTags.Base.Model] = "Galaxy A05"
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "S",
        ExifTags.GPS.GPSLatitude: (6.0, 12.0, 30.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (106.0, 49.0, 5.0),
    }
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=92, exif=exif, icc_profile=srgb)
    return buffer.getvalue()


def pillow_floor(data: bytes) -> None:
    """Open the photo and save it again as a JPEG: the least any pipeline must do."""
    with Image.open(io.BytesIO(data)) as image:
        image.save(io.BytesIO(), "JPEG")


def ours(data: bytes) -> None:
    """The whole of preparing a product photo."""
    if not isinstance(prepare_photo(data), PreparedPhoto):
        raise SystemExit("the bench photo was refused")


def timed(label: str, job: Callable[[bytes], None], data: bytes, count: int, cap: float) -> Run:
    """Run the job `count` times, or fewer if `cap` seconds pass first (at least once)."""
    job(data)  # warm up: plugin imports, allocator
    done = 0
    start = time.perf_counter()
    while done < count:
        job(data)
        done += 1
        if time.perf_counter() - start > cap:
            break
    return Run(label, done, time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=20, help="photos per measurement")
    parser.add_argument("--seconds", type=float, default=20.0, help="time cap per measurement")
    args = parser.parse_args()

    data = phone_photo()
    width, height = PHONE_PHOTO_SIZE
    print(
        f"bench/photos.py: {width}x{height} JPEG, {len(data) / 1e6:.2f} MB, EXIF + sRGB profile; "
        f"one thread, up to {args.count} photos or {args.seconds:.0f} s each"
    )
    floor = timed("pillow open + save JPEG (floor)", pillow_floor, data, args.count, args.seconds)
    prepared = timed("prepare_photo (3 renditions)", ours, data, args.count, args.seconds)
    print(floor.line())
    print(prepared.line())
    print(
        f"  prepare_photo costs {floor.per_second / prepared.per_second:.2f}x the floor per photo"
    )
    result = prepare_photo(data)
    assert isinstance(result, PreparedPhoto)
    for kind in RenditionKind:
        rendition = result.rendition(kind)
        print(
            f"  {kind.value:<12} {rendition.width:>5}x{rendition.height:<5} "
            f"{len(rendition.data):>9,} bytes"
        )
    print(f"  placeholder as a data URI: {len(result.placeholder_data_uri):,} characters")


if __name__ == "__main__":
    main()
