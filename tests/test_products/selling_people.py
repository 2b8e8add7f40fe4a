"""Sellers for the selling-flow tests: real photos, an engine whose settings a test picks."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy import select

from bot.config import Settings
from bot.db import Database
from bot.messages import Incoming, Photo, Reply
from bot.models import Listing, ListingPhoto
from bot.photo_store import DirectoryPhotoStore
from conversations.engine import ConversationEngine
from tests.transcript import Person, make_engine


def jpeg(
    colour: tuple[int, int, int] = (200, 120, 40), size: tuple[int, int] = (800, 600)
) -> bytes:
    """A real JPEG a phone might send; each colour is a different photo (another key)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def selling_engine(db: Database, tmp_path: Path, **settings: Any) -> ConversationEngine:
    """Every flow on `db`, photos kept under `tmp_path`, with these settings changed."""
    engine = make_engine(db, photos=DirectoryPhotoStore(tmp_path / "photos"))
    engine.settings = Settings(_env_file=None, **settings)  # type: ignore[call-arg]
    return engine


class Seller(Person):
    """Someone who sends product photos, and counts what they had to do."""

    actions = 0

    async def send(self, incoming: Incoming) -> list[Reply]:
        self.actions += 1
        return await super().send(incoming)

    async def sends_photo(
        self, data: bytes | None = None, caption: str | None = None, album: str | None = None
    ) -> list[Reply]:
        photo = Photo(data if data is not None else jpeg())
        return await self.send(self.event(photo=photo, text=caption, album=album))


async def listings(db: Database) -> list[Listing]:
    async with db.transaction() as session:
        return list(await session.scalars(select(Listing).order_by(Listing.id)))


async def photo_keys(db: Database, listing_id: int) -> list[str]:
    """A listing's photos in order, cover first."""
    async with db.transaction() as session:
        rows = await session.scalars(
            select(ListingPhoto.photo_key)
            .where(ListingPhoto.listing_id == listing_id)
            .order_by(ListingPhoto.position)
        )
        return list(rows)
