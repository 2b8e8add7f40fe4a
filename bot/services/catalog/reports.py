"""Buyers report listings; three different reporters send one back to review.

A reporter is a chat identity (`chat_reporter`) or a web client's hash
(`web_reporter`, made by the web layer from what it knows of the client); each reports
a listing once. A listing hidden by reports is told to its seller and put before its
kecamatan's coordinators, whatever the moderation setting.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, cast, func, literal, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Listing, ListingReport
from bot.services.catalog import notices
from bot.services.catalog.outcomes import NotFound
from bot.vocabulary import ListingStatus, OutboxKind, ReportReason

REPORTS_TO_REVIEW = 3
"""Reports from this many different people send a listing back to review."""


@dataclass(frozen=True)
class ReportTaken:
    """Recorded; `sent_to_review` when this report was the one that hid the listing."""

    sent_to_review: bool


@dataclass(frozen=True)
class AlreadyReported:
    """This reporter has reported this listing before."""


def chat_reporter(channel: str, external_id: str) -> str:
    """The reporter id of a chat (`chat:telegram:12345`)."""
    return f"chat:{channel}:{external_id}"[:80]


def web_reporter(client_fingerprint: str, secret: str) -> str:
    """The reporter id of a web client: a keyed hash, so no address is ever stored."""
    digest = hashlib.blake2b(
        client_fingerprint.encode(), key=secret.encode()[:64], digest_size=16
    ).hexdigest()
    return f"web:{digest}"


async def report_listing(
    session: AsyncSession,
    listing_id: int,
    reporter: str,
    reason: ReportReason,
    *,
    now: datetime,
    threshold: int = REPORTS_TO_REVIEW,
) -> ReportTaken | AlreadyReported | NotFound:
    """Record a report of a public listing; the `threshold`-th open one hides it for review."""
    listing = await session.get(Listing, listing_id, with_for_update=True)
    if listing is None or not listing.status.is_public:
        return NotFound()
    try:
        async with session.begin_nested():
            session.add(
                ListingReport(
                    listing_id=listing.id, reporter=reporter, reason=reason, created_at=now
                )
            )
    except IntegrityError:
        return AlreadyReported()
    if await open_reports(session, listing.id) < threshold:
        return ReportTaken(sent_to_review=False)
    listing.status = ListingStatus.PENDING_REVIEW
    listing.updated_at = now
    await notices.tell_seller(session, listing, OutboxKind.LISTING_HIDDEN_FOR_REVIEW, now=now)
    await notices.ask_for_review(session, listing, now=now)
    return ReportTaken(sent_to_review=True)


async def forget_reporter(session: AsyncSession, identities: Sequence[str]) -> int:
    """Anonymise the reports made from these chats (`channel:external_id`); they still count.

    For a member who asked to be forgotten: each report keeps its place (one per
    reporter), named only by its own id.
    """
    reporters = [chat_reporter(*identity.split(":", 1)) for identity in identities]
    if not reporters:
        return 0
    result = await session.execute(
        update(ListingReport)
        .where(ListingReport.reporter.in_(reporters))
        .values(reporter=literal("erased:") + cast(ListingReport.id, String))
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def open_reports(session: AsyncSession, listing_id: int) -> int:
    """Reports of a listing not yet cleared by a reviewer's approval."""
    count = await session.scalar(
        select(func.count())
        .select_from(ListingReport)
        .where(ListingReport.listing_id == listing_id, ListingReport.cleared_at.is_(None))
    )
    return int(count or 0)


async def report_reasons(session: AsyncSession, listing_id: int) -> dict[ReportReason, int]:
    """Open reports of a listing by reason, for its reviewer."""
    rows = await session.execute(
        select(ListingReport.reason, func.count())
        .where(ListingReport.listing_id == listing_id, ListingReport.cleared_at.is_(None))
        .group_by(ListingReport.reason)
    )
    return {ReportReason(reason): int(count) for reason, count in rows}
