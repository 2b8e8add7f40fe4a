"""A forgotten member's listings go with their data; unused photos leave the store.

`forget_seller` is called by `bot.services.erasure.erase_member` in the same
transaction: the listings are deleted outright (photos, reports and counts cascade) and
their photos queued in `photo_deletions`; so are the photos of listings still being
written in their chats (`forget_draft_photos`). So are those a chat lets go of without a
listing: cancelled or dropped during a turn (`let_go_of_draft_photos`), or left in a
conversation that expired (`let_go_of_expired_drafts`, run by the housekeeper, as a
guest who never registers never writes again). The sweeper (`wiring.photo_sweeper`)
then removes those files from the `PhotoStore`: `photos_to_remove` lists them, and
`photos_removed` crosses them off once the files are gone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import String, cast, delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import ChannelAccount, Listing, ListingPhoto, PhotoDeletion
from bot.product_photos import is_photo_key
from bot.services.catalog.photo_queue import queue_unused_photos

PHOTO_FACTS_MARK = '"placeholder"'
"""A key only photo facts in chat state have (`conversations.products.photo_intake`)."""

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
    return await queue_unused_photos(session, sorted(draft_photo_keys(*states)), now=now)


def draft_photo_keys(*states: object) -> set[str]:
    """The photo keys a chat's state holds (flow data, kept drafts): listings being written."""
    keys: set[str] = set()
    for state in states:
        keys |= _photo_keys_in(state)
    return keys


async def let_go_of_draft_photos(
    session: AsyncSession, held: set[str], *states: object, now: datetime
) -> list[str]:
    """Queue the photos a chat held (`held`, read before its turn) that its state no
    longer does, unless a listing uses them: a listing cancelled, left or expired."""
    if not held:
        return []
    return await queue_unused_photos(session, sorted(held - draft_photo_keys(*states)), now=now)


async def let_go_of_expired_drafts(
    session: AsyncSession, *, idle_before: datetime, now: datetime, limit: int = 500
) -> int:
    """Empty the state of chats idle since before `idle_before` that still hold photos of
    a listing never finished, and queue those photos; returns how many chats.

    Such a conversation has expired (the engine starts it again from the menu), so its
    data and drafts are no use; the photo facts' `placeholder` marks the ones to look at.
    """
    holding = or_(
        cast(ChannelAccount.data, String).like(f"%{PHOTO_FACTS_MARK}%"),
        cast(ChannelAccount.drafts, String).like(f"%{PHOTO_FACTS_MARK}%"),
    )
    accounts = list(
        await session.scalars(
            select(ChannelAccount)
            .where(ChannelAccount.updated_at < idle_before, holding)
            .order_by(ChannelAccount.id)
            .limit(limit)
        )
    )
    for account in accounts:
        keys = draft_photo_keys(account.data, account.drafts)
        account.data, account.drafts = {}, {}
        await queue_unused_photos(session, sorted(keys), now=now)
    return len(accounts)


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
    """Queued photo keys past their grace that nothing needs (remove their files).

    A key still held in some chat's state (the same photo in another listing being
    written: forwarded pictures have the same bytes) comes off the queue instead; that
    chat queues it again when it lets go of it.
    """
    used = select(ListingPhoto.photo_key).where(ListingPhoto.photo_key == PhotoDeletion.photo_key)
    keys = list(
        await session.scalars(
            select(PhotoDeletion.photo_key)
            .where(PhotoDeletion.queued_at <= now - SWEEP_GRACE, ~used.exists())
            .order_by(PhotoDeletion.queued_at)
            .limit(limit)
        )
    )
    held = [key for key in keys if await _held_by_a_chat(session, key)]
    if held:
        await session.execute(delete(PhotoDeletion).where(PhotoDeletion.photo_key.in_(held)))
    return [key for key in keys if key not in held]


async def _held_by_a_chat(session: AsyncSession, key: str) -> bool:
    """Whether any chat's flow data or kept drafts name the photo."""
    pattern = f"%{key}%"
    found = await session.scalar(
        select(ChannelAccount.id)
        .where(
            or_(
                cast(ChannelAccount.data, String).like(pattern),
                cast(ChannelAccount.drafts, String).like(pattern),
            )
        )
        .limit(1)
    )
    return found is not None


async def photos_removed(session: AsyncSession, keys: Iterable[str]) -> None:
    """Cross removed photos off the queue."""
    keys = list(keys)
    if keys:
        await session.execute(delete(PhotoDeletion).where(PhotoDeletion.photo_key.in_(keys)))
