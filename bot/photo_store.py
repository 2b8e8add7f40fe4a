"""Where prepared product photos are kept, behind a small interface.

Flows talk to a `PhotoStore`; `DirectoryPhotoStore` keeps photos as files on local disk,
and an S3-compatible store can be added later with the same four methods. Photos are
addressed by their content key (`bot.product_photos.photo_key`), so a photo sent twice
is stored once.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from bot.product_photos import PreparedPhoto, RenditionKind, is_photo_key


class InvalidPhotoKeyError(ValueError):
    """A key that `photo_key` could not have made; refused so no path can be built from it."""


@dataclass(frozen=True)
class PixelSize:
    """Width and height of one stored rendition, for `<img width height>`."""

    width: int
    height: int


@dataclass(frozen=True)
class StoredPhoto:
    """A photo in the store: its key, its renditions' sizes, and whether this put added it."""

    key: str
    web: PixelSize
    thumb: PixelSize
    placeholder: PixelSize
    newly_stored: bool

    @classmethod
    def of(cls, prepared: PreparedPhoto, *, newly_stored: bool) -> StoredPhoto:
        """The record of a prepared photo once it is in a store."""
        return cls(
            key=prepared.key,
            web=PixelSize(prepared.web.width, prepared.web.height),
            thumb=PixelSize(prepared.thumb.width, prepared.thumb.height),
            placeholder=PixelSize(prepared.placeholder.width, prepared.placeholder.height),
            newly_stored=newly_stored,
        )


class PhotoStore(Protocol):
    """Keeps prepared photos by content key. Keys not of `is_photo_key`'s form raise
    `InvalidPhotoKeyError`; check keys from outside (URLs) with `is_photo_key` first."""

    async def put(self, key: str, prepared: PreparedPhoto) -> StoredPhoto:
        """Store all renditions under `key` (which must be `prepared.key`); a no-op if
        the key is already stored."""
        ...

    async def exists(self, key: str) -> bool:
        """Whether every rendition of the photo is stored."""
        ...

    async def read(self, key: str, rendition: RenditionKind) -> bytes | None:
        """The JPEG bytes of one rendition, or None if the photo is not stored."""
        ...

    async def delete(self, key: str) -> bool:
        """Remove every rendition of the photo; whether there was anything to remove."""
        ...


class DirectoryPhotoStore:
    """A `PhotoStore` in a local directory: `<root>/<key[:2]>/<key>/<rendition>.jpg`.

    A photo's files are written and synced in a temporary directory beside their final
    place, which is then renamed into place with `os.replace`, so a reader sees either
    every rendition or none, even after a crash. File I/O runs in threads.
    """

    _TEMPORARY_PREFIX = ".tmp-"

    def __init__(self, root: Path) -> None:
        self.root = root

    async def put(self, key: str, prepared: PreparedPhoto) -> StoredPhoto:
        """Store the photo's renditions unless the key is already stored."""
        directory = self._directory(key)
        if key != prepared.key:
            raise InvalidPhotoKeyError(f"key {key!r} is not the photo's key {prepared.key!r}")
        newly_stored = await asyncio.to_thread(self._put, directory, prepared)
        return StoredPhoto.of(prepared, newly_stored=newly_stored)

    async def exists(self, key: str) -> bool:
        """Whether every rendition of the photo is stored."""
        directory = self._directory(key)
        return await asyncio.to_thread(self._complete, directory)

    async def read(self, key: str, rendition: RenditionKind) -> bytes | None:
        """The JPEG bytes of one rendition, or None if the photo is not stored."""
        path = self._directory(key) / _file_name(rendition)
        return await asyncio.to_thread(_read_or_none, path)

    async def delete(self, key: str) -> bool:
        """Remove every rendition of the photo; whether there was anything to remove."""
        directory = self._directory(key)
        return await asyncio.to_thread(self._remove, directory)

    def _directory(self, key: str) -> Path:
        if not is_photo_key(key):
            raise InvalidPhotoKeyError(f"not a photo key: {key!r}")
        return self.root / key[:2] / key

    def _complete(self, directory: Path) -> bool:
        return all((directory / _file_name(kind)).is_file() for kind in RenditionKind)

    def _put(self, directory: Path, prepared: PreparedPhoto) -> bool:
        """Write the renditions; False if the photo was already (or meanwhile) stored."""
        if self._complete(directory):
            return False
        directory.parent.mkdir(parents=True, exist_ok=True)
        staging = self._temporary_path(directory)
        staging.mkdir()
        try:
            for kind in RenditionKind:
                _write_synced(staging / _file_name(kind), prepared.rendition(kind).data)
            _sync_directory(staging)
            if directory.exists() and not self._complete(directory):
                self._remove(directory)  # left incomplete by hand; rebuild it
            try:
                os.replace(staging, directory)
            except OSError:
                if self._complete(directory):
                    return False  # another writer stored the same photo first
                raise
            _sync_directory(directory.parent)
            return True
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)

    def _remove(self, directory: Path) -> bool:
        """Rename the directory out of sight first, so no half-deleted photo is ever read."""
        doomed = self._temporary_path(directory)
        try:
            os.replace(directory, doomed)
        except FileNotFoundError:
            return False
        shutil.rmtree(doomed)
        return True

    def _temporary_path(self, directory: Path) -> Path:
        return directory.parent / f"{self._TEMPORARY_PREFIX}{directory.name}-{secrets.token_hex(4)}"


def _file_name(rendition: RenditionKind) -> str:
    return f"{rendition.value}.jpg"


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _write_synced(path: Path, data: bytes) -> None:
    with path.open("xb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def _sync_directory(directory: Path) -> None:
    """Make a rename inside the directory durable (POSIX; a no-op where unsupported)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
