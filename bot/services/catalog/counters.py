"""Views and leads per listing, one row a day: a page view adds to a count, not a row.

The web layer tallies views in memory and hands them over in batches (`add_views`), so
a page view costs no write of its own; a lead (a buyer opening WhatsApp or the bot to
ask) is recorded as it happens.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import JAKARTA
from bot.db import dialect_insert
from bot.models import Listing, ListingDailyCount


@dataclass(frozen=True)
class ListingStats:
    """A listing's views and leads since a day."""

    views: int
    leads: int


def jakarta_day(moment: datetime) -> date:
    """The day in Jakarta a moment falls on: the day counts are kept by."""
    return moment.astimezone(JAKARTA).date()


async def add_views(session: AsyncSession, tallies: Mapping[tuple[int, date], int]) -> int:
    """Add views counted elsewhere, per (listing id, day); returns the listings counted.

    Listings gone meanwhile (a forgotten member's) are skipped.
    """
    if not tallies:
        return 0
    existing = set(
        await session.scalars(
            select(Listing.id).where(Listing.id.in_({listing for listing, _day in tallies}))
        )
    )
    counted = 0
    for (listing_id, day), views in sorted(tallies.items()):
        if listing_id in existing and views > 0:
            await _add(session, listing_id, day, views=views, leads=0)
            counted += 1
    return counted


async def record_lead(session: AsyncSession, listing_id: int, *, now: datetime) -> bool:
    """A buyer asked about a listing (WhatsApp link, Telegram deep link, chat); False if gone."""
    if await session.get(Listing, listing_id) is None:
        return False
    await _add(session, listing_id, jakarta_day(now), views=0, leads=1)
    return True


async def listing_stats(
    session: AsyncSession, listing_id: int, *, since: date | None = None
) -> ListingStats:
    """Views and leads of a listing, in all or from `since` on."""
    query = select(
        func.coalesce(func.sum(ListingDailyCount.views), 0),
        func.coalesce(func.sum(ListingDailyCount.leads), 0),
    ).where(ListingDailyCount.listing_id == listing_id)
    if since is not None:
        query = query.where(ListingDailyCount.day >= since)
    views, leads = (await session.execute(query)).one()
    return ListingStats(views=int(views), leads=int(leads))


async def _add(
    session: AsyncSession, listing_id: int, day: date, *, views: int, leads: int
) -> None:
    insert = dialect_insert(session, ListingDailyCount).values(
        listing_id=listing_id, day=day, views=views, leads=leads
    )
    await session.execute(
        insert.on_conflict_do_update(
            index_elements=["listing_id", "day"],
            set_={
                "views": ListingDailyCount.views + insert.excluded.views,
                "leads": ListingDailyCount.leads + insert.excluded.leads,
            },
        )
    )
