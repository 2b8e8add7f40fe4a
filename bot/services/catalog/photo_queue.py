"""The queue of photo files to remove (`photo_deletions`), and taking photos off it.

A photo leaves the store only once no listing uses it: whoever lets go of one queues it
here in the same transaction, and the sweeper (`wiring.photo_sweeper`) removes the file
after a grace; a photo wanted again meanwhile (sent once more) comes off the queue.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import dialect_insert
from bot.models import ListingPhoto, PhotoDeletion


async def queue_unused_photos(
    session: AsyncSession, keys: list[str], *, now: datetime
) -> list[str]:
    """Queue for removal each photo no listing uses any more; returns those queued."""
    if not keys:
        return []
    used = set(
        await session.scalars(
            select(ListingPhoto.photo_key).where(ListingPhoto.photo_key.in_(keys)).distinct()
        )
    )
    unused = sorted(set(keys) - used)
    for key in unused:
        await session.execute(
            dialect_insert(session, PhotoDeletion)
            .values(photo_key=key, queued_at=now)
            .on_conflict_do_nothing(index_elements=["photo_key"])
        )
    return unused


async def keep_photos(session: AsyncSession, keys: list[str]) -> None:
    """Photos a listing being written holds are wanted: off the removal queue they go
    (a seller sending again the photo of a listing just cancelled or deleted)."""
    if keys:
        await session.execute(delete(PhotoDeletion).where(PhotoDeletion.photo_key.in_(keys)))
