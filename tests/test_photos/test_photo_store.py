"""Keeping product photos on disk: stored once, whole or not at all, never outside the root."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest

import bot.photo_store
from bot.photo_store import (
    DirectoryPhotoStore,
    InvalidPhotoKeyError,
    PhotoStore,
    PixelSize,
    StoredPhoto,
)
from bot.product_photos import PreparedPhoto, RenditionKind, prepare_photo
from tests.test_photos.pictures import jpeg


def prepared(size: tuple[int, int] = (1600, 1200)) -> PreparedPhoto:
    result = prepare_photo(jpeg(size))
    assert isinstance(result, PreparedPhoto)
    return result


@pytest.fixture(scope="module")
def photo() -> PreparedPhoto:
    return prepared()


@pytest.fixture
def store(tmp_path: Path) -> PhotoStore:
    return DirectoryPhotoStore(tmp_path / "photos")


def files_under(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def entries_under(root: Path) -> list[Path]:
    return list(root.rglob("*"))


def temporary_entries(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.name.startswith(".tmp-")]


async def test_stored_photo_reads_back_every_rendition(
    store: PhotoStore, photo: PreparedPhoto, tmp_path: Path
) -> None:
    assert not await store.exists(photo.key)
    stored = await store.put(photo.key, photo)
    assert stored == StoredPhoto(
        key=photo.key,
        web=PixelSize(1280, 960),
        thumb=PixelSize(400, 300),
        placeholder=PixelSize(24, 18),
        newly_stored=True,
    )
    assert await store.exists(photo.key)
    for kind in RenditionKind:
        assert await store.read(photo.key, kind) == photo.rendition(kind).data
    key = photo.key
    assert files_under(tmp_path / "photos") == [
        f"{key[:2]}/{key}/placeholder.jpg",
        f"{key[:2]}/{key}/thumb.jpg",
        f"{key[:2]}/{key}/web.jpg",
    ]


async def test_same_photo_sent_twice_is_stored_once(
    store: PhotoStore, photo: PreparedPhoto, tmp_path: Path
) -> None:
    first = await store.put(photo.key, photo)
    web_file = tmp_path / "photos" / photo.key[:2] / photo.key / "web.jpg"
    written = web_file.stat()
    second = await store.put(photo.key, photo)
    assert (first.newly_stored, second.newly_stored) == (True, False)
    assert first.web == second.web
    assert web_file.stat().st_ino == written.st_ino
    assert web_file.stat().st_mtime_ns == written.st_mtime_ns
    assert len(files_under(tmp_path / "photos")) == len(RenditionKind)


async def test_same_photo_put_at_once_from_many_chats_is_stored_once(
    store: PhotoStore, photo: PreparedPhoto, tmp_path: Path
) -> None:
    results = await asyncio.gather(*(store.put(photo.key, photo) for _ in range(6)))
    assert sum(result.newly_stored for result in results) == 1
    assert len(files_under(tmp_path / "photos")) == len(RenditionKind)
    assert temporary_entries(tmp_path / "photos") == []


async def test_unknown_photo_is_absent(store: PhotoStore) -> None:
    key = "0" * 32
    assert not await store.exists(key)
    assert await store.read(key, RenditionKind.WEB) is None
    assert not await store.delete(key)


async def test_delete_removes_every_rendition(
    store: PhotoStore, photo: PreparedPhoto, tmp_path: Path
) -> None:
    other = prepared((900, 900))
    await store.put(photo.key, photo)
    await store.put(other.key, other)
    assert await store.delete(photo.key)
    assert not await store.exists(photo.key)
    for kind in RenditionKind:
        assert await store.read(photo.key, kind) is None
    assert not (tmp_path / "photos" / photo.key[:2] / photo.key).exists()
    assert all(other.key in name for name in files_under(tmp_path / "photos"))
    assert temporary_entries(tmp_path / "photos") == []
    assert not await store.delete(photo.key)
    assert await store.exists(other.key)


async def test_write_leaves_no_temporary_files(
    store: PhotoStore, photo: PreparedPhoto, tmp_path: Path
) -> None:
    await store.put(photo.key, photo)
    await store.put(photo.key, photo)
    assert temporary_entries(tmp_path / "photos") == []


async def test_write_that_fails_halfway_leaves_nothing_behind(
    store: PhotoStore, photo: PreparedPhoto, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = bot.photo_store._write_synced
    writes: list[Path] = []

    def write_then_fail(path: Path, data: bytes) -> None:
        writes.append(path)
        if len(writes) == 2:
            raise OSError(28, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(bot.photo_store, "_write_synced", write_then_fail)
    with pytest.raises(OSError, match="No space"):
        await store.put(photo.key, photo)
    assert not await store.exists(photo.key)
    assert await store.read(photo.key, RenditionKind.WEB) is None
    assert files_under(tmp_path / "photos") == []
    monkeypatch.setattr(bot.photo_store, "_write_synced", real_write)
    assert (await store.put(photo.key, photo)).newly_stored


async def test_photo_left_incomplete_by_hand_is_rebuilt(
    store: PhotoStore, photo: PreparedPhoto, tmp_path: Path
) -> None:
    await store.put(photo.key, photo)
    (tmp_path / "photos" / photo.key[:2] / photo.key / "thumb.jpg").unlink()
    assert not await store.exists(photo.key)
    assert (await store.put(photo.key, photo)).newly_stored
    assert await store.read(photo.key, RenditionKind.THUMB) == photo.thumb.data


BAD_KEYS = [
    "../../../../etc/passwd",
    "..",
    "",
    "/tmp/x",
    "0123456789ABCDEF0123456789ABCDEF",
    "0123456789abcdef0123456789abcde/",
    "0123456789abcdef0123456789abcdef\n",
    "0123456789abcdef0123456789abcdef/../../x",
    "0123456789abcdef0123456789abcdeg",
]

STORE_CALLS: list[
    tuple[str, Callable[[PhotoStore, str, PreparedPhoto], Coroutine[Any, Any, object]]]
] = [
    ("put", lambda store, key, photo: store.put(key, photo)),
    ("exists", lambda store, key, photo: store.exists(key)),
    ("read", lambda store, key, photo: store.read(key, RenditionKind.WEB)),
    ("delete", lambda store, key, photo: store.delete(key)),
]


@pytest.mark.parametrize("call", [call for _, call in STORE_CALLS], ids=[n for n, _ in STORE_CALLS])
@pytest.mark.parametrize("key", BAD_KEYS)
async def test_keys_that_could_leave_the_store_are_refused(
    call: Callable[[PhotoStore, str, PreparedPhoto], Coroutine[Any, Any, object]],
    key: str,
    photo: PreparedPhoto,
    tmp_path: Path,
) -> None:
    store = DirectoryPhotoStore(tmp_path / "photos")
    with pytest.raises(InvalidPhotoKeyError):
        await call(store, key, photo)
    assert entries_under(tmp_path) == []


async def test_photo_is_stored_under_its_own_key_only(
    store: PhotoStore, photo: PreparedPhoto, tmp_path: Path
) -> None:
    with pytest.raises(InvalidPhotoKeyError):
        await store.put("0" * 32, photo)
    assert not (tmp_path / "photos").exists()
