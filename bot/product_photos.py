"""Product photos as members send them from their phones: checked, cleaned and resized.

`prepare_photo` takes the bytes of an uploaded file and returns either a `PreparedPhoto`
(three JPEG renditions with every piece of metadata removed) or a `PhotoRefusal` saying
why not, with the numbers a chat flow needs to word it. The format is judged by content
only; a file's name or MIME type is never consulted.

It is CPU-bound (about 0.1 s of one core for a 12 MP phone photo): callers on the event loop
run it in a thread, `await asyncio.to_thread(prepare_photo, data)`. It is safe to run in several
threads at once.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import re
import threading
import warnings
from dataclasses import dataclass
from enum import StrEnum

from PIL import Image, ImageCms, ImageFile, ImageOps, JpegImagePlugin

MAX_PHOTO_BYTES = 10 * 1024 * 1024
"""Largest upload taken (10 MiB), checked before anything is decoded."""

MAX_PHOTO_PIXELS = 8192 * 6144
"""Largest picture taken, 50.3 megapixels.

The biggest a "50 MP" phone camera writes (8160x6144 on the usual sensors, 8192x6144 at
most), and cheap Androids advertise 50 MP, so no photo straight from such a phone is
refused. It bounds memory: decoding it as RGBA takes about 200 MB, the worst case per
worker. 64 and 108 MP shots are refused (they are nearly always over 10 MB anyway).
Pillow's own guard (`Image.MAX_IMAGE_PIXELS`, 89 MP) is left as it is, process-wide, and
stays behind this one as a backstop.
"""

MIN_PHOTO_SHORT_SIDE = 300
"""A photo narrower than this on its shorter side is too small to show a product."""

WEB_LONGEST_SIDE = 1280
THUMB_LONGEST_SIDE = 400
PLACEHOLDER_LONGEST_SIDE = 24

WEB_QUALITY = 82
THUMB_QUALITY = 80
PLACEHOLDER_QUALITY = 40
FALLBACK_QUALITIES = (70, 55, 40)
"""Tried in turn should a rendition come out over `MAX_RENDITION_BYTES`."""

MAX_RENDITION_BYTES = 5 * 1024 * 1024
"""WhatsApp's upload limit (5 MB), below Telegram sendPhoto's 10 MB: every rendition fits."""

PHOTO_KEY_LENGTH = 32
"""Hex characters of SHA-256 kept in a key: 128 bits, far from any chance collision."""

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")

_PHOTO_KEY = re.compile(f"[0-9a-f]{{{PHOTO_KEY_LENGTH}}}")
_WHITE = (255, 255, 255)
_SIXTEEN_BIT_MODES = frozenset({"I;16", "I;16L", "I;16B", "I;16N", "I"})

# catch_warnings swaps the process-wide filter list and puts it back on exit; two threads
# doing that at once could restore each other's copy, so one thread at a time. It is held
# only to read a header or parse EXIF, never while pixels are decoded.
_WARNINGS_LOCK = threading.Lock()


class RefusalReason(StrEnum):
    """Why a photo was not taken; the flow words each one for the member."""

    FILE_TOO_LARGE = "file_too_large"
    """Over `MAX_PHOTO_BYTES`: ask for a smaller photo, sent as a photo, not a file."""
    NOT_A_PHOTO = "not_a_photo"
    """Not JPEG, PNG or WebP by its content (GIF, HEIC, a document…): ask for a photo."""
    DAMAGED = "damaged"
    """A known format that cannot be decoded (cut short, corrupt): ask to send it again."""
    TOO_MANY_PIXELS = "too_many_pixels"
    """Over `MAX_PHOTO_PIXELS`: ask for a photo at the camera's normal size."""
    TOO_SMALL = "too_small"
    """Shorter side under `MIN_PHOTO_SHORT_SIDE`: ask for a bigger, closer photo."""


@dataclass(frozen=True)
class PhotoRefusal:
    """A photo not taken: why, and the limit and actual value where there are numbers.

    Units follow the reason: bytes for FILE_TOO_LARGE, pixels for TOO_MANY_PIXELS, the
    shorter side in pixels for TOO_SMALL. `actual` is None when Pillow's own guard stopped
    a picture before its size was known.
    """

    reason: RefusalReason
    limit: int | None = None
    actual: int | None = None


class RenditionKind(StrEnum):
    """The sizes made of every photo, named as they are stored."""

    WEB = "web"
    """Longest side at most 1280 px: the product page and sending in chat."""
    THUMB = "thumb"
    """Longest side at most 400 px: grids and chat cards."""
    PLACEHOLDER = "placeholder"
    """Longest side at most 24 px: inlined as a data URI while the page loads."""


class SourceFormat(StrEnum):
    """The format the member's file really was, by its content."""

    JPEG = "JPEG"
    PNG = "PNG"
    WEBP = "WEBP"


@dataclass(frozen=True)
class EncodedJpeg:
    """One rendition: JPEG bytes and the pixel size they decode to."""

    data: bytes
    width: int
    height: int

    @property
    def data_uri(self) -> str:
        """The JPEG as a `data:` URI, for inlining in HTML."""
        return jpeg_data_uri(self.data)


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo ready to store: its content key and its three renditions."""

    key: str
    source_format: SourceFormat
    web: EncodedJpeg
    thumb: EncodedJpeg
    placeholder: EncodedJpeg

    def rendition(self, kind: RenditionKind) -> EncodedJpeg:
        """The rendition of the given kind."""
        match kind:
            case RenditionKind.WEB:
                return self.web
            case RenditionKind.THUMB:
                return self.thumb
            case RenditionKind.PLACEHOLDER:
                return self.placeholder

    @property
    def placeholder_data_uri(self) -> str:
        """The placeholder as a `data:` URI, small enough to inline in a page."""
        return self.placeholder.data_uri


def photo_key(data: bytes) -> str:
    """The content key of an upload: the same bytes always give the same key.

    Cheap next to `prepare_photo`, so a flow can ask its store whether the photo is
    already there before preparing it again.
    """
    return hashlib.sha256(data).hexdigest()[:PHOTO_KEY_LENGTH]


def is_photo_key(text: str) -> bool:
    """Whether text has the form of a key `photo_key` makes (lower-case hex, fixed length)."""
    return _PHOTO_KEY.fullmatch(text) is not None


def jpeg_data_uri(data: bytes) -> str:
    """JPEG bytes as a `data:image/jpeg;base64,…` URI."""
    return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")


def prepare_photo(data: bytes) -> PreparedPhoto | PhotoRefusal:
    """Check an uploaded photo and make its three metadata-free JPEG renditions.

    Never raises for any input bytes: whatever cannot be taken comes back as a refusal.
    CPU-bound; run it with `asyncio.to_thread` from async code.
    """
    if len(data) > MAX_PHOTO_BYTES:
        return PhotoRefusal(RefusalReason.FILE_TOO_LARGE, MAX_PHOTO_BYTES, len(data))
    opened = _open(data)
    if isinstance(opened, PhotoRefusal):
        return opened
    with opened:
        refusal = _size_refusal(opened.size)
        if refusal is not None:
            return refusal
        # A multi-picture JPEG (MPO, from some phone cameras) opens as its own format.
        source_format = SourceFormat("JPEG" if opened.format == "MPO" else str(opened.format))
        picture = _decoded(opened)
        if picture is None:
            return PhotoRefusal(RefusalReason.DAMAGED)
        try:
            return _rendered(photo_key(data), source_format, picture)
        # An odd pixel layout Pillow cannot convert or encode counts as a damaged file.
        except (OSError, ValueError):
            return PhotoRefusal(RefusalReason.DAMAGED)


def _rendered(key: str, source_format: SourceFormat, picture: Image.Image) -> PreparedPhoto:
    """The three renditions of a decoded, upright picture."""
    icc_profile = picture.info.get("icc_profile")
    web = _to_srgb(_fitted(_flattened(picture), WEB_LONGEST_SIDE), icc_profile)
    thumb = _fitted(web, THUMB_LONGEST_SIDE)
    placeholder = _fitted(thumb, PLACEHOLDER_LONGEST_SIDE)
    return PreparedPhoto(
        key=key,
        source_format=source_format,
        web=_encoded(web, WEB_QUALITY, progressive=True),
        thumb=_encoded(thumb, THUMB_QUALITY, progressive=True),
        placeholder=_encoded(placeholder, PLACEHOLDER_QUALITY, progressive=False),
    )


def _open(data: bytes) -> ImageFile.ImageFile | PhotoRefusal:
    """Read the header, with Pillow's decompression-bomb warning made an error."""
    with _WARNINGS_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the odd-EXIF warnings a JPEG header can raise
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            opened = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            return PhotoRefusal(RefusalReason.TOO_MANY_PIXELS, MAX_PHOTO_PIXELS)
        # Malformed headers reach many exception types inside Pillow's parsers.
        except Exception:
            damaged = _has_accepted_signature(data)
            return PhotoRefusal(RefusalReason.DAMAGED if damaged else RefusalReason.NOT_A_PHOTO)
    return opened


def _has_accepted_signature(data: bytes) -> bool:
    """Whether the file starts as a JPEG, PNG or WebP does, so it is one that is damaged."""
    return data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")) or (
        data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    )


def _size_refusal(size: tuple[int, int]) -> PhotoRefusal | None:
    """Refuse by the size the header claims, before a single pixel is decoded."""
    width, height = size
    if width * height > MAX_PHOTO_PIXELS:
        return PhotoRefusal(RefusalReason.TOO_MANY_PIXELS, MAX_PHOTO_PIXELS, width * height)
    if min(width, height) < MIN_PHOTO_SHORT_SIDE:
        return PhotoRefusal(RefusalReason.TOO_SMALL, MIN_PHOTO_SHORT_SIDE, min(width, height))
    return None


def _decoded(opened: ImageFile.ImageFile) -> Image.Image | None:
    """Decode the first frame and turn it upright, or None if it cannot be decoded."""
    if isinstance(opened, JpegImagePlugin.JpegImageFile):
        # libjpeg can decode at 1/2, 1/4 or 1/8 scale; ask for no less than the web size.
        opened.draft(None, (WEB_LONGEST_SIDE, WEB_LONGEST_SIDE))
    try:
        opened.load()
    # Corrupt or cut-short data reaches many exception types inside Pillow's decoders.
    except Exception:
        return None
    with _WARNINGS_LOCK, warnings.catch_warnings():
        # Phones write odd EXIF and Pillow warns of each oddity it skips; parsed once here,
        # the EXIF is cached for exif_transpose.
        warnings.simplefilter("ignore")
        with contextlib.suppress(Exception):
            opened.getexif()
    # Unreadable EXIF: keep the picture as decoded rather than refuse it.
    with contextlib.suppress(Exception):
        ImageOps.exif_transpose(opened, in_place=True)
    return opened


def _flattened(picture: Image.Image) -> Image.Image:
    """RGB (CMYK kept for its colour profile), any transparency laid on white."""
    if picture.mode in _SIXTEEN_BIT_MODES:
        picture = picture.convert("I").point(lambda value: value / 256).convert("L")
    if picture.has_transparency_data:
        rgba = picture.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (*_WHITE, 255))
        background.alpha_composite(rgba)
        return background.convert("RGB")
    if picture.mode in ("RGB", "CMYK"):
        return picture
    return picture.convert("RGB")


def _fitted(picture: Image.Image, longest_side: int) -> Image.Image:
    """The picture shrunk so its longest side is at most `longest_side`; never enlarged."""
    width, height = picture.size
    scale = longest_side / max(width, height)
    if scale >= 1:
        return picture
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return picture.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _to_srgb(picture: Image.Image, icc_profile: object) -> Image.Image:
    """Pixels in sRGB, converted through the source's colour profile when it has one.

    Converting rather than dropping keeps a Display P3 phone photo's colours; a profile
    that is unreadable or does not fit the pixels is dropped and the pixels used as sRGB.
    """
    if isinstance(icc_profile, bytes) and icc_profile:
        converted = _converted_through_profile(picture, icc_profile)
        if converted is not None:
            return converted
    return picture if picture.mode == "RGB" else picture.convert("RGB")


def _converted_through_profile(picture: Image.Image, icc_profile: bytes) -> Image.Image | None:
    """The picture in sRGB by way of its profile, or None if the profile is of no use."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        description = ImageCms.getProfileDescription(source).strip().lower()
        if picture.mode == "RGB" and description.startswith("srgb"):
            return picture  # already sRGB, as most phones' profiles are: nothing to convert
        return ImageCms.profileToProfile(
            picture, source, ImageCms.createProfile("sRGB"), outputMode="RGB"
        )
    # A broken profile, or one for other pixels (a grey profile on colour), is as good as none.
    except Exception:
        return None


def _encoded(picture: Image.Image, quality: int, *, progressive: bool) -> EncodedJpeg:
    """A metadata-free JPEG of the picture, within `MAX_RENDITION_BYTES`."""
    # Pillow writes a JPEG comment from `info` unless told otherwise; nothing of the
    # source's metadata may reach the output.
    picture.info.clear()
    for attempt in (quality, *(q for q in FALLBACK_QUALITIES if q < quality)):
        buffer = io.BytesIO()
        picture.save(
            buffer, "JPEG", quality=attempt, optimize=True, progressive=progressive, exif=b""
        )
        if buffer.tell() <= MAX_RENDITION_BYTES:
            break
    return EncodedJpeg(buffer.getvalue(), picture.width, picture.height)
