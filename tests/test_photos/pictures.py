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
