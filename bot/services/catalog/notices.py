"""The outbox rows about a listing: its seller told of a review, coordinators asked for one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Listing, Member, StaffRole
from bot.services import outbox
from bot.vocabulary import OutboxKind, StaffRoleName


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
    """Ask every coordinator of the listing's kecamatan to review it; returns how many."""
    coordinators = await kecamatan_coordinators(session, listing.kecamatan_code)
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


async def kecamatan_coordinators(session: AsyncSession, kecamatan_code: str) -> list[int]:
    """The members who coordinate this kecamatan (and have not been forgotten)."""
    rows = await session.scalars(
        select(StaffRole.member_id)
        .join(Member, Member.id == StaffRole.member_id)
        .where(
            StaffRole.role == StaffRoleName.COORDINATOR,
            StaffRole.kecamatan_code == kecamatan_code,
            Member.deleted_at.is_(None),
        )
        .order_by(StaffRole.member_id)
    )
    return list(rows)
