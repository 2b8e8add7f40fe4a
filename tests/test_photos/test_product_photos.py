"""Product photos: what is refused, and what a buyer gets from what is taken."""

from __future__ import annotations

import base64
import io
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image, PngImagePlugin

from bot.product_photos import (
    MAX_PHOTO_BYTES,
    MAX_PHOTO_PIXELS,
    MAX_RENDITION_BYTES,
    MIN_PHOTO_SHORT_SIDE,
    EncodedJpeg,
    PhotoRefusal,
    PreparedPhoto,
    RefusalReason,
    RenditionKind,
    SourceFormat,
    is_photo_key,
    jpeg_data_uri,
    photo_key,
    prepare_photo,
)
from tests.test_photos.pictures import (
    BLUE,
    RED,
    encoded,
    jpeg,
    jpeg_segments,
    noisy_photo,
    phone_exif,
    picture,
    png_claiming_size,
    srgb_profile,
    swapped_primaries_profile,
)

Colour = tuple[int, int, int]
WHITE: Colour = (255, 255, 255)
# Markers a clean output may carry: SOI, JFIF (APP0), tables, frame, scan.
ALLOWED_JPEG_MARKERS = {0xE0, 0xDB, 0xC4, 0xC0, 0xC2, 0xDD, 0xDA}


def prepared(data: bytes) -> PreparedPhoto:
    """The photo prepared, failing the test on a refusal."""
    result = prepare_photo(data)
    assert isinstance(result, PreparedPhoto), result
    return result


def decoded(rendition: EncodedJpeg) -> Image.Image:
    image = Image.open(io.BytesIO(rendition.data))
    assert image.format == "JPEG"
    return image.convert("RGB")


def pixel(image: Image.Image, x: int, y: int) -> Colour:
    value = image.getpixel((x, y))
    assert isinstance(value, tuple)
    return (int(value[0]), int(value[1]), int(value[2]))


def close_to(actual: Colour, expected: Colour, tolerance: int = 40) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


REFUSED: list[tuple[str, Callable[[], bytes], RefusalReason, int | None, int | None]] = [
    ("text named .jpg", lambda: b"Nasi goreng Bu Siti, 15 ribu\n" * 20, RefusalReason.NOT_A_PHOTO, None, None),
    ("empty file", lambda: b"", RefusalReason.NOT_A_PHOTO, None, None),
    ("GIF", lambda: encoded(picture((400, 400)), "GIF"), RefusalReason.NOT_A_PHOTO, None, None),
    ("BMP", lambda: encoded(picture((400, 400)), "BMP"), RefusalReason.NOT_A_PHOTO, None, None),
    ("TIFF", lambda: encoded(picture((400, 400)), "TIFF"), RefusalReason.NOT_A_PHOTO, None, None),
    ("HEIC from an iPhone", lambda: b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(500), RefusalReason.NOT_A_PHOTO, None, None),
    ("JPEG cut short", lambda: truncated(jpeg((800, 600))), RefusalReason.DAMAGED, None, None),
    ("PNG cut short", lambda: truncated(encoded(picture((800, 600)), "PNG")), RefusalReason.DAMAGED, None, None),
    ("WebP cut short", lambda: truncated(encoded(picture((800, 600)), "WEBP")), RefusalReason.DAMAGED, None, None),
    ("11 MB file", lambda: jpeg() + bytes(11 * 1024 * 1024), RefusalReason.FILE_TOO_LARGE, MAX_PHOTO_BYTES, len(jpeg()) + 11 * 1024 * 1024),
    ("299 px wide", lambda: jpeg((299, 1000)), RefusalReason.TOO_SMALL, MIN_PHOTO_SHORT_SIDE, 299),
    ("299 px tall", lambda: encoded(picture((1000, 299)), "PNG"), RefusalReason.TOO_SMALL, MIN_PHOTO_SHORT_SIDE, 299),
    ("63 MP claimed", lambda: png_claiming_size(9000, 7000), RefusalReason.TOO_MANY_PIXELS, MAX_PHOTO_PIXELS, 63_000_000),
    ("one column over the cap", lambda: png_claiming_size(8193, 6144), RefusalReason.TOO_MANY_PIXELS, MAX_PHOTO_PIXELS, 8193 * 6144),
    ("100 MP claimed (Pillow warns)", lambda: png_claiming_size(10_000, 10_000), RefusalReason.TOO_MANY_PIXELS, MAX_PHOTO_PIXELS, None),
    ("400 MP claimed (Pillow errs)", lambda: png_claiming_size(20_000, 20_000), RefusalReason.TOO_MANY_PIXELS, MAX_PHOTO_PIXELS, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "reason", "limit", "actual"),
    [row[1:] for row in REFUSED],
    ids=[row[0] for row in REFUSED],
)
def test_refused_uploads_say_why(
    make: Callable[[], bytes], reason: RefusalReason, limit: int | None, actual: int | None
) -> None:
    assert prepare_photo(make()) == PhotoRefusal(reason, limit, actual)


def test_decompression_bombs_leave_the_warning_filters_as_they_were() -> None:
    before = list(warnings.filters)
    for claimed in [(10_000, 10_000), (20_000, 20_000)]:
        prepare_photo(png_claiming_size(*claimed))
    assert warnings.filters == before


ACCEPTED: list[tuple[str, Callable[[], bytes], SourceFormat, tuple[int, int], tuple[int, int], tuple[int, int]]] = [
    ("phone photo 4000x3000", lambda: jpeg((4000, 3000)), SourceFormat.JPEG, (1280, 960), (400, 300), (24, 18)),
    ("just wide enough 300x1000", lambda: jpeg((300, 1000)), SourceFormat.JPEG, (300, 1000), (120, 400), (7, 24)),
    ("small PNG is not enlarged", lambda: encoded(picture((500, 400)), "PNG"), SourceFormat.PNG, (500, 400), (400, 320), (24, 19)),
    ("WebP", lambda: encoded(picture((1600, 1200)), "WEBP"), SourceFormat.WEBP, (1280, 960), (400, 300), (24, 18)),
    ("lossless WebP", lambda: encoded(picture((640, 640)), "WEBP", lossless=True), SourceFormat.WEBP, (640, 640), (400, 400), (24, 24)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "source_format", "web", "thumb", "placeholder"),
    [row[1:] for row in ACCEPTED],
    ids=[row[0] for row in ACCEPTED],
)
def test_accepted_photos_come_in_three_jpeg_sizes(
    make: Callable[[], bytes],
    source_format: SourceFormat,
    web: tuple[int, int],
    thumb: tuple[int, int],
    placeholder: tuple[int, int],
) -> None:
    data = make()
    photo = prepared(data)
    assert photo.source_format is source_format
    assert photo.key == photo_key(data)
    for rendition, size in [
        (photo.web, web),
        (photo.thumb, thumb),
        (photo.placeholder, placeholder),
    ]:
        image = Image.open(io.BytesIO(rendition.data))
        assert image.format == "JPEG"
        assert image.size == (rendition.width, rendition.height) == size
        assert len(rendition.data) <= MAX_RENDITION_BYTES
    assert Image.open(io.BytesIO(photo.web.data)).info.get("progressive")
    assert [photo.rendition(kind) for kind in RenditionKind] == [
        photo.web,
        photo.thumb,
        photo.placeholder,
    ]


def test_a_photo_at_the_pixel_cap_is_decoded_not_refused_for_its_size() -> None:
    # The header says 8192x6144 (the cap exactly) but there are no pixels behind it.
    assert prepare_photo(png_claiming_size(8192, 6144)) == PhotoRefusal(RefusalReason.DAMAGED)


@pytest.mark.parametrize(
    ("orientation", "marker_corner"),
    [
        (1, "top-left"),
        (3, "bottom-right"),
        (6, "top-right"),
        (8, "bottom-left"),
    ],
)
def test_photo_is_turned_upright_as_the_phone_meant(orientation: int, marker_corner: str) -> None:
    # Stored landscape with the red marker top-left; orientations 6 and 8 show it portrait.
    photo = prepared(jpeg((600, 400), exif=phone_exif(orientation), quality=95))
    image = decoded(photo.web)
    expected_size = (400, 600) if orientation in (6, 8) else (600, 400)
    assert image.size == expected_size
    width, height = image.size
    corners = {
        "top-left": (8, 8),
        "top-right": (width - 8, 8),
        "bottom-left": (8, height - 8),
        "bottom-right": (width - 8, height - 8),
    }
    for corner, (x, y) in corners.items():
        expected = RED if corner == marker_corner else BLUE
        assert close_to(pixel(image, x, y), expected), corner


def test_phone_metadata_including_location_never_reaches_the_renditions() -> None:
    source = jpeg(
        (800, 600),
        exif=phone_exif(6),
        comment=b"Siti's kitchen",
        xmp=b"<x:xmpmeta><rdf:Description exif:GPSLatitude='6,12S'/></x:xmpmeta>",
        icc_profile=srgb_profile(),
    )
    assert Image.open(io.BytesIO(source)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    photo = prepared(source)
    assert (photo.web.width, photo.web.height) == (600, 800)
    for kind in RenditionKind:
        data = photo.rendition(kind).data
        image = Image.open(io.BytesIO(data))
        assert not image.getexif()
        assert not {"exif", "xmp", "comment", "icc_profile"} & image.info.keys()
        assert set(jpeg_segments(data)) <= ALLOWED_JPEG_MARKERS
        for secret in (b"Exif", b"GPS", b"samsung", b"xmpmeta", b"Siti", b"ICC_PROFILE"):
            assert secret not in data


@pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
def test_png_and_webp_metadata_is_dropped_too(image_format: str) -> None:
    options: dict[str, object] = {"exif": phone_exif(1), "icc_profile": srgb_profile()}
    if image_format == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Author", "Siti Aminah")
        text.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>secret</x:xmpmeta>")
        options["pnginfo"] = text
    else:
        options["xmp"] = b"<x:xmpmeta>secret</x:xmpmeta>"
    photo = prepared(encoded(picture((640, 480)), image_format, **options))
    for kind in RenditionKind:
        data = photo.rendition(kind).data
        assert set(jpeg_segments(data)) <= ALLOWED_JPEG_MARKERS
        assert b"Siti" not in data and b"xmpmeta" not in data


def test_transparency_is_laid_on_white() -> None:
    image = Image.new("RGBA", (600, 600), (0, 0, 0, 0))
    image.paste(Image.new("RGBA", (200, 200), (*RED, 255)), (200, 200))
    web = decoded(prepared(encoded(image, "PNG")).web)
    assert close_to(pixel(web, 10, 10), WHITE, 8)
    assert close_to(pixel(web, 300, 300), RED)


@pytest.mark.parametrize(
    ("label", "make", "expected"),
    [
        ("palette PNG with a transparent colour", lambda: encoded(picture((400, 400), "P", 0), "PNG", transparency=0), WHITE),
        ("grey JPEG", lambda: encoded(picture((400, 400), "L", 90), "JPEG"), (90, 90, 90)),
        ("16-bit grey PNG keeps its tone", lambda: encoded(picture((400, 400), "I;16", 40_000), "PNG"), (156, 156, 156)),
        ("CMYK JPEG", lambda: encoded(picture((400, 400), "CMYK", (0, 255, 255, 0)), "JPEG"), (255, 0, 0)),
        ("black-and-white PNG", lambda: encoded(picture((400, 400), "1", 1), "PNG"), WHITE),
        ("grey with alpha PNG", lambda: encoded(picture((400, 400), "LA", (50, 0)), "PNG"), WHITE),
        ("sRGB-profiled JPEG", lambda: encoded(picture((400, 400), "RGB", BLUE), "JPEG", icc_profile=srgb_profile()), BLUE),
        ("colours converted through the photo's own profile", lambda: encoded(picture((400, 400), "RGB", RED), "JPEG", icc_profile=swapped_primaries_profile()), (12, 12, 221)),
        ("broken profile is dropped", lambda: encoded(picture((400, 400), "RGB", BLUE), "JPEG", icc_profile=b"not a profile"), BLUE),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)  # fmt: skip
def test_every_kind_of_pixel_becomes_plain_rgb(
    label: str, make: Callable[[], bytes], expected: Colour
) -> None:
    web = decoded(prepared(make()).web)
    assert close_to(pixel(web, 200, 200), expected, 12), label


def test_noisiest_photo_still_fits_whatsapp() -> None:
    photo = prepared(encoded(noisy_photo((1400, 1400)), "PNG"))
    assert max(len(photo.rendition(kind).data) for kind in RenditionKind) <= MAX_RENDITION_BYTES


def test_placeholder_is_small_enough_to_inline() -> None:
    photo = prepared(jpeg((4000, 3000), exif=phone_exif(1)))
    uri = photo.placeholder_data_uri
    assert uri.startswith("data:image/jpeg;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]) == photo.placeholder.data
    assert len(uri) < 1500
    assert jpeg_data_uri(photo.thumb.data) == photo.thumb.data_uri


def test_same_photo_gets_the_same_key_and_another_photo_another() -> None:
    first, again, other = jpeg((640, 480)), jpeg((640, 480)), jpeg((640, 481))
    assert first == again
    assert prepared(first).key == prepared(again).key == photo_key(first)
    assert photo_key(other) != photo_key(first)
    assert is_photo_key(photo_key(first))


@pytest.mark.parametrize(
    ("text", "is_key"),
    [
        ("0123456789abcdef0123456789abcdef", True),
        ("0123456789ABCDEF0123456789ABCDEF", False),
        ("0123456789abcdef0123456789abcde", False),
        ("0123456789abcdef0123456789abcdef0", False),
        ("0123456789abcdef0123456789abcdef\n", False),
        ("../../../../etc/passwd", False),
        ("", False),
    ],
)
def test_photo_key_form(text: str, is_key: bool) -> None:
    assert is_photo_key(text) is is_key


def test_photos_prepared_in_several_threads_at_once() -> None:
    uploads = [jpeg((900, 700)), png_claiming_size(10_000, 10_000)] * 4
    before = list(warnings.filters)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(prepare_photo, uploads))
    assert [type(result) for result in results] == [PreparedPhoto, PhotoRefusal] * 4
    assert warnings.filters == before


SEED_PHOTOS = [
    jpeg((320, 320), exif=phone_exif(6)),
    encoded(picture((320, 320)), "PNG"),
    encoded(picture((320, 320)), "WEBP"),
]


@st.composite
def damaged_photos(draw: st.DrawFn) -> bytes:
    """A real photo with some bytes overwritten and perhaps cut short."""
    data = bytearray(draw(st.sampled_from(SEED_PHOTOS)))
    for _ in range(draw(st.integers(0, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data[: draw(st.integers(0, len(data)))])


SIGNATURES = [b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF\x00\x10\x00\x00WEBPVP8 "]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=2048),
        st.tuples(st.sampled_from(SIGNATURES), st.binary(max_size=512)).map(b"".join),
        damaged_photos(),
    )
)
def test_any_bytes_get_a_photo_or_a_refusal(data: bytes) -> None:
    result = prepare_photo(data)
    assert isinstance(result, PreparedPhoto | PhotoRefusal)
    if isinstance(result, PhotoRefusal):
        assert result.reason in RefusalReason
