"""Publishing and review: live at once, or after a coordinator of the seller's kecamatan.

`OKOCE_CATALOG_MODERATION` picks the rule (`CatalogModeration`); callers pass
`review_required`. Reviewers are coordinators of the listing's kecamatan, or programme
admins (whom the caller recognises by their platform id). Approval and rejection are
told to the seller through the outbox; approving clears the reports that sent a listing
back to review, so it takes three new reporters to hide it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Listing, ListingReport, Member
from bot.services import progress, roles
from bot.services.catalog import notices
from bot.services.catalog.listings import owned_listing, photo_count
from bot.services.catalog.outcomes import Changed, NotAllowed, NotFound, WrongStatus
from bot.vocabulary import CatalogModeration, ListingStatus, OutboxKind, PasStep, StaffRoleName

MAX_REJECTION_REASON = 240
PUBLISHABLE = frozenset({ListingStatus.DRAFT, ListingStatus.REJECTED})


@dataclass(frozen=True)
class Published:
    """Live now, on the web and in chat."""

    listing: Listing


@dataclass(frozen=True)
class SentForReview:
    """Waiting for a coordinator; `coordinators` of the kecamatan were asked."""

    listing: Listing
    coordinators: int


@dataclass(frozen=True)
class NeedsPhoto:
    """A listing goes out with at least one photo."""


@dataclass(frozen=True)
class Reviewer:
    """Who reviews: a coordinator (by member id), or a programme admin."""

    member_id: int | None
    is_admin: bool = False


def review_required(moderation: CatalogModeration) -> bool:
    """Whether listings wait for a coordinator under this setting."""
    return moderation == CatalogModeration.COORDINATOR


async def publish(
    session: AsyncSession,
    listing_id: int,
    seller_member_id: int,
    *,
    review_required: bool,
    now: datetime,
) -> Published | SentForReview | NeedsPhoto | WrongStatus | NotFound:
    """Put a draft (or a rejected listing, corrected) out: live, or to its coordinators."""
    found = await owned_listing(session, listing_id, seller_member_id)
    if found is None:
        return NotFound()
    listing, _seller = found
    if listing.status not in PUBLISHABLE:
        return WrongStatus(listing)
    if await photo_count(session, listing.id) == 0:
        return NeedsPhoto()
    listing.rejection_reason = None
    listing.updated_at = now
    if review_required:
        listing.status = ListingStatus.PENDING_REVIEW
        asked = await notices.ask_for_review(session, listing, now=now)
        return SentForReview(listing, coordinators=asked)
    await _go_live(session, listing, now)
    return Published(listing)


async def approve(
    session: AsyncSession, listing_id: int, reviewer: Reviewer, *, now: datetime
) -> Changed | NotAllowed | WrongStatus | NotFound:
    """A reviewer lets a listing waiting for review go live; the seller is told."""
    checked = await _reviewable(session, listing_id, reviewer)
    if not isinstance(checked, Listing):
        return checked
    listing = checked
    await _go_live(session, listing, now)
    _reviewed(listing, reviewer, now)
    await session.execute(
        update(ListingReport)
        .where(ListingReport.listing_id == listing.id, ListingReport.cleared_at.is_(None))
        .values(cleared_at=now)
    )
    await notices.tell_seller(session, listing, OutboxKind.LISTING_APPROVED, now=now)
    return Changed(listing)


async def reject(
    session: AsyncSession, listing_id: int, reviewer: Reviewer, reason: str, *, now: datetime
) -> Changed | NotAllowed | WrongStatus | NotFound:
    """A reviewer turns a listing down with a reason the seller reads; they may fix it."""
    reason = reason.strip()[:MAX_REJECTION_REASON]
    if not reason:
        raise ValueError("a rejection needs a reason the seller can act on")
    checked = await _reviewable(session, listing_id, reviewer)
    if not isinstance(checked, Listing):
        return checked
    listing = checked
    listing.status = ListingStatus.REJECTED
    listing.rejection_reason = reason
    _reviewed(listing, reviewer, now)
    await notices.tell_seller(session, listing, OutboxKind.LISTING_REJECTED, now=now)
    return Changed(listing)


async def pending_reviews(
    session: AsyncSession, reviewer: Reviewer, *, limit: int = 50
) -> list[Listing]:
    """Listings waiting for this reviewer, oldest first (all kecamatan for an admin)."""
    query = (
        select(Listing)
        .join(Member, Member.id == Listing.seller_member_id)
        .where(Listing.status == ListingStatus.PENDING_REVIEW, Member.deleted_at.is_(None))
        .order_by(Listing.updated_at, Listing.id)
        .limit(limit)
    )
    if reviewer.member_id is not None:
        query = query.where(Listing.seller_member_id != reviewer.member_id)
    if not reviewer.is_admin:
        kecamatans = await _coordinated_kecamatans(session, reviewer)
        if not kecamatans:
            return []
        query = query.where(Listing.kecamatan_code.in_(kecamatans))
    return list(await session.scalars(query))


async def may_review(session: AsyncSession, listing: Listing, reviewer: Reviewer) -> bool:
    """Admins review everything; a coordinator, their own kecamatan's listings; nobody
    their own listing (a coordinator who sells waits for another reviewer like anyone)."""
    if reviewer.member_id is not None and reviewer.member_id == listing.seller_member_id:
        return False
    if reviewer.is_admin:
        return True
    return listing.kecamatan_code in await _coordinated_kecamatans(session, reviewer)


async def _coordinated_kecamatans(session: AsyncSession, reviewer: Reviewer) -> list[str]:
    if reviewer.member_id is None:
        return []
    held = await roles.roles_of(session, reviewer.member_id)
    return [
        role.kecamatan_code
        for role in held
        if role.role == StaffRoleName.COORDINATOR and role.kecamatan_code is not None
    ]


async def _reviewable(
    session: AsyncSession, listing_id: int, reviewer: Reviewer
) -> Listing | NotAllowed | WrongStatus | NotFound:
    listing = await session.get(Listing, listing_id)
    if listing is None or listing.status == ListingStatus.DELETED:
        return NotFound()
    if not await may_review(session, listing, reviewer):
        return NotAllowed()
    if listing.status != ListingStatus.PENDING_REVIEW:
        return WrongStatus(listing)
    return listing


async def _go_live(session: AsyncSession, listing: Listing, now: datetime) -> None:
    """Public now; the seller's first live product is their 7 PAS P5 (Pemasaran) done."""
    listing.status = ListingStatus.SOLD_OUT if listing.stock == 0 else ListingStatus.LIVE
    listing.published_at = now
    await progress.record_step(session, listing.seller_member_id, PasStep.P5, now)


def _reviewed(listing: Listing, reviewer: Reviewer, now: datetime) -> None:
    listing.reviewed_by = reviewer.member_id
    listing.reviewed_at = now
    listing.updated_at = now
