"""A forgotten member's listings go with their data; unused photos leave the store.

`forget_seller` is called by `bot.services.erasure.erase_member` in the same
transaction: the listings are deleted outright (photos, reports and counts cascade) and
their photos queued in `photo_deletions`; so are the photos of listings still being
written in their chats (`forget_draft_photos`). The sweeper (`wiring.photo_sweeper`) then
removes those files from the `PhotoStore`: `photos_to_remove` lists them, and
`photos_removed` crosses them off once the files are gone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Listing, ListingPhoto, PhotoDeletion
from bot.product_photos import is_photo_key
from bot.services.catalog.listings import queue_unused_photos

SWEEP_GRACE = timedelta(minutes=5)
"""A queued photo stays this long first: a seller re-sending it meanwhile keeps it."""


async def forget_seller(session: AsyncSession, member_id: int, *, now: datetime) -> int:
    """Delete every listing of a member who asked to be forgotten; returns how many."""
    listing_ids = list(
        await session.scalars(select(Listing.id).where(Listing.seller_member_id == member_id))
    )
    if not listing_ids:
        return 0
    keys = list(
        await session.scalars(
            select(ListingPhoto.photo_key).where(ListingPhoto.listing_id.in_(listing_ids))
        )
    )
    await session.execute(delete(ListingPhoto).where(ListingPhoto.listing_id.in_(listing_ids)))
    await session.execute(delete(Listing).where(Listing.id.in_(listing_ids)))
    await queue_unused_photos(session, keys, now=now)
    return len(listing_ids)


async def forget_draft_photos(
    session: AsyncSession, states: Iterable[object], *, now: datetime
) -> list[str]:
    """Queue for removal the photos of listings a forgotten member was still writing.

    They live only in chat state (flow data, kept drafts); every photo key found there is
    queued unless a listing uses it. Returns the keys queued.
    """
    keys: set[str] = set()
    for state in states:
        keys |= _photo_keys_in(state)
    return await queue_unused_photos(session, sorted(keys), now=now)


def _photo_keys_in(state: object) -> set[str]:
    """Every string in a JSON value that is a photo key (`bot.product_photos.is_photo_key`)."""
    if isinstance(state, str):
        return {state} if is_photo_key(state) else set()
    if isinstance(state, dict):
        values: Iterable[object] = state.values()
    elif isinstance(state, list):
        values = state
    else:
        return set()
    found: set[str] = set()
    for value in values:
        found |= _photo_keys_in(value)
    return found


async def photos_to_remove(session: AsyncSession, *, now: datetime, limit: int = 100) -> list[str]:
    """Queued photo keys past their grace that no listing uses (remove their files)."""
    used = select(ListingPhoto.photo_key).where(ListingPhoto.photo_key == PhotoDeletion.photo_key)
    rows = await session.scalars(
        select(PhotoDeletion.photo_key)
        .where(PhotoDeletion.queued_at <= now - SWEEP_GRACE, ~used.exists())
        .order_by(PhotoDeletion.queued_at)
        .limit(limit)
    )
    return list(rows)


async def photos_removed(session: AsyncSession, keys: Iterable[str]) -> None:
    """Cross removed photos off the queue."""
    keys = list(keys)
    if keys:
        await session.execute(delete(PhotoDeletion).where(PhotoDeletion.photo_key.in_(keys)))
