"""Pictures made on the spot with Pillow, as members' phones would send them."""

from __future__ import annotations

import io
import struct
import zlib
from typing import Any

from PIL import ExifTags, Image, ImageCms, ImageDraw

RED = (220, 20, 20)
BLUE = (20, 40, 200)
JAKARTA_GPS = {
    ExifTags.GPS.GPSLatitudeRef: "S",
    ExifTags.GPS.GPSLatitude: (6.0, 12.0, 30.0),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (106.0, 49.0, 5.0),
}


def picture(size: tuple[int, int], mode: str = "RGB", colour: Any = BLUE) -> Image.Image:
    """A plain picture with a red marker block in its top-left corner."""
    image = Image.new(mode, size, colour)
    if mode == "RGB":
        ImageDraw.Draw(image).rectangle((0, 0, size[0] // 8, size[1] // 8), fill=RED)
    return image


def encoded(image: Image.Image, image_format: str, **options: Any) -> bytes:
    """The picture saved in the given format."""
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def jpeg(size: tuple[int, int] = (640, 480), **options: Any) -> bytes:
    """A JPEG with a red marker block in its top-left corner."""
    return encoded(picture(size), "JPEG", **options)


def phone_exif(orientation: int = 1) -> Image.Exif:
    """EXIF as a phone camera writes it: maker, model, orientation and where it was taken."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "samsung"
    exif[ExifTags.Base.Model] = "Galaxy A05"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = JAKARTA_GPS
    return exif


def srgb_profile() -> bytes:
    """An sRGB ICC profile, as some phones embed one."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def noisy_photo(size: tuple[int, int], sigma: float = 60.0) -> Image.Image:
    """Colour noise: the hardest thing to compress, so the largest JPEGs."""
    bands = [Image.effect_noise(size, sigma + shift) for shift in (0, 7, 13)]
    return Image.merge("RGB", bands)


def png_claiming_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims another size: a decompression bomb, cheaply.

    The IHDR chunk (right after the 8-byte signature) is rewritten and its CRC redone,
    so only the header says how big the picture would be.
    """
    data = bytearray(encoded(Image.new("RGB", (8, 8)), "PNG"))
    chunk_start = 8 + 4  # signature, then the chunk's length
    fields = bytes(data[chunk_start + 4 + 8 : chunk_start + 4 + 13])
    body = b"IHDR" + struct.pack(">II", width, height) + fields
    data[chunk_start : chunk_start + 17] = body
    data[chunk_start + 17 : chunk_start + 21] = struct.pack(">I", zlib.crc32(body))
    return bytes(data)


def jpeg_segments(data: bytes) -> list[int]:
    """The marker bytes of a JPEG's segments up to the start of its scan (0xDA)."""
    assert data[:2] == b"\xff\xd8"
    markers: list[int] = []
    position = 2
    while position < len(data):
        assert data[position] == 0xFF
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xDA:
            break
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        position += 2 + length
    return markers


def swapped_primaries_profile() -> bytes:
    """A made-up ICC display profile whose red and blue primaries are sRGB's blue and red.

    Pixels tagged with it that look red as plain sRGB are really blue, so a converter that
    honours the profile turns them blue and one that drops it keeps them red.
    """
    d50 = (0.9642, 1.0, 0.8249)
    srgb_red, srgb_green, srgb_blue = (
        (0.4361, 0.2225, 0.0139),
        (0.3851, 0.7169, 0.0971),
        (0.1431, 0.0606, 0.7141),
    )

    def xyz(values: tuple[float, float, float]) -> bytes:
        return b"XYZ " + bytes(4) + b"".join(struct.pack(">i", round(v * 65536)) for v in values)

    name = b"Swapped red and blue\x00"
    description = (
        b"desc" + bytes(4) + struct.pack(">I", len(name)) + name + bytes(4 + 4 + 2 + 1 + 67)
    )
    gamma = b"curv" + bytes(4) + struct.pack(">IH", 1, 0x0233) + bytes(2)
    tags = [
        (b"desc", description),
        (b"wtpt", xyz(d50)),
        (b"rXYZ", xyz(srgb_blue)),
        (b"gXYZ", xyz(srgb_green)),
        (b"bXYZ", xyz(srgb_red)),
        (b"rTRC", gamma),
        (b"gTRC", gamma),
        (b"bTRC", gamma),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        body += bytes(-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (
        struct.pack(">I", size) + bytes(4) + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ " + bytes(12) + b"acsp" + bytes(24) + struct.pack(">I", 0)
        + b"".join(struct.pack(">i", round(v * 65536)) for v in d50)
    )  # fmt: skip
    header += bytes(128 - len(header))
    return header + struct.pack(">I", len(tags)) + table + data
