"""The outbox rows about a listing: its seller told of a review, coordinators asked for one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Listing
from bot.services import outbox, roles
from bot.vocabulary import OutboxKind


async def tell_seller(
    session: AsyncSession, listing: Listing, kind: OutboxKind, *, now: datetime
) -> None:
    """Tell the seller what became of their listing (approved, rejected, hidden)."""
    await outbox.enqueue(
        session,
        member_id=listing.seller_member_id,
        kind=kind,
        payload={"listing_id": listing.id},
        due_at=now,
        dedupe_key=f"{kind.value}:{listing.id}:{now.isoformat()}",
        now=now,
    )


async def ask_for_review(session: AsyncSession, listing: Listing, *, now: datetime) -> int:
    """Ask every coordinator of the listing's kecamatan but its seller to review it;
    returns how many were asked."""
    coordinators = [
        member_id
        for member_id in await roles.coordinators_of(session, listing.kecamatan_code)
        if member_id != listing.seller_member_id
    ]
    for member_id in coordinators:
        await outbox.enqueue(
            session,
            member_id=member_id,
            kind=OutboxKind.LISTING_REVIEW_REQUESTED,
            payload={"listing_id": listing.id},
            due_at=now,
            dedupe_key=f"listing_review:{listing.id}:{member_id}:{now.isoformat()}",
            now=now,
        )
    return len(coordinators)
