"""Taking a member's photo for a listing: stored once, refused with a reason, kept in flow data."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from bot.messages import Photo
from bot.photo_store import DirectoryPhotoStore
from bot.product_photos import PhotoRefusal, RefusalReason
from bot.services.catalog import PhotoFacts
from conversations.products.photo_intake import (
    facts_as_data,
    facts_from_data,
    refusal_text,
    take_photo,
)


def _photo_dirs(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_dir()]


def _jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


async def test_a_photo_is_stored_once_and_its_facts_survive_flow_data(tmp_path: Path) -> None:
    store = DirectoryPhotoStore(tmp_path)
    first = await take_photo(store, Photo(_jpeg(1600, 1200)))
    again = await take_photo(store, Photo(_jpeg(1600, 1200)))
    assert isinstance(first, PhotoFacts)
    assert again == first
    assert (first.web_width, first.web_height) == (1280, 960)
    assert await store.exists(first.key)
    assert [p.name for p in _photo_dirs(tmp_path) if p.name == first.key] == [first.key]
    assert facts_from_data(facts_as_data(first)) == first


async def test_a_small_or_fake_photo_is_refused_with_what_to_do(tmp_path: Path) -> None:
    store = DirectoryPhotoStore(tmp_path)
    small = await take_photo(store, Photo(_jpeg(200, 150)))
    fake = await take_photo(store, Photo(b"<html>not a photo</html>"))
    assert isinstance(small, PhotoRefusal) and small.reason is RefusalReason.TOO_SMALL
    assert isinstance(fake, PhotoRefusal) and fake.reason is RefusalReason.NOT_A_PHOTO
    assert "300 px" in refusal_text(small)
    assert "JPG" in refusal_text(fake)
    assert _photo_dirs(tmp_path) == []
