"""Deleting a member's data (UU PDP): every copy of it, in every table, in one transaction.

What goes: their name, phone, member number, kelurahan, business name and NIB; their
bookkeeping entries and financing requests; every chat
account linked to them, with its platform id and conversation state; their staff roles;
their feedback comments (free text may hold anything; the rating stays); every outbox
message to them or their chats; the conversations they had with buyers or sellers
("Tanya penjual", with their messages to the other side); the questions they asked
staff and the FAQ entries made of them; and their platform ids wherever they were recorded as someone's
author (sessions they created, roles they granted). Their seats and waitlist places at
sessions still to come are cancelled as a cancellation would be, so a freed seat goes to
the waitlist at once.

What stays is anonymous: the member row with kecamatan, business status, sector,
language and registration time, their 7 PAS progress, and their bookings as counts.
Processed event ids and processed webhook bodies never hold personal data in the first
place (`bot.event_keys`, `bot.inbox`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import (
    Booking,
    BookkeepingEntry,
    ChannelAccount,
    CoachingSession,
    Feedback,
    FinancingRequest,
    Member,
    OutboxMessage,
    StaffRole,
)
from bot.services import catalog, handoff
from bot.services.catalog import inquiries
from bot.services.coaching import seats

HANDLED_TABLES = {
    "members": "personal fields cleared; the anonymous row stays",
    "member_number_counters": "no personal data",
    "member_progress": "anonymous 7 PAS counts, kept",
    "staff_roles": "the member's deleted; granted_by replaced",
    "channel_accounts": "deleted, external id and state with them",
    "processed_events": "keyed hashes only (bot.event_keys)",
    "coaching_sessions": "created_by replaced",
    "bookings": "future ones cancelled; kept as anonymous counts",
    "feedback": "comment cleared; rating kept",
    "outbox_messages": "deleted",
    "inbound_deliveries": "bodies emptied once processed (bot.inbox)",
    "handoff_questions": "theirs deleted (also those asked from their chats); answered_by replaced",
    "staff_faq_entries": "those made of their questions deleted; added_by replaced",
    # Issue 11: the books and financing requests name the business; P4/P6/P7 rows stay.
    "bookkeeping_entries": "deleted",
    "financing_requests": "theirs deleted; changed_by replaced",
    "listings": "theirs deleted (catalog.forget_seller)",
    "listing_photos": "theirs deleted with their listings; files queued for removal",
    "listing_reports": "on their listings deleted; those they made from a chat anonymised",
    "listing_daily_counts": "theirs deleted with their listings (anonymous counts)",
    "photo_deletions": "photo keys only (content hashes); emptied by the sweeper",
    "product_inquiries": "those they took part in, as seller or buyer, deleted with their messages",
}
"""Every table, and what deleting a member does to it: a new table must be added here
(a test checks), so whoever adds one decides what deletion does to it."""

ERASED_AUTHOR = "deleted"
"""Stands in for an erased member's platform id where they are recorded as an author."""


@dataclass(frozen=True)
class Erased:
    """What deleting a member did besides erasing: seats given up, and who got them."""

    cancelled_bookings: int
    promoted_member_ids: tuple[int, ...]


async def erase_member(
    session: AsyncSession,
    member: Member,
    *,
    now: datetime,
    reminder_offsets: Sequence[timedelta],
) -> Erased:
    """Delete everything that names `member` or leads back to them; keep anonymous counts."""
    cancelled, promoted = await _give_up_places(session, member.id, now, reminder_offsets)
    await session.execute(delete(OutboxMessage).where(OutboxMessage.member_id == member.id))
    their_bookings = select(Booking.id).where(Booking.member_id == member.id)
    await session.execute(
        update(Feedback)
        .where(Feedback.booking_id.in_(their_bookings))
        .values(comment=None)
        .execution_options(synchronize_session="fetch")
    )
    await session.execute(delete(StaffRole).where(StaffRole.member_id == member.id))
    await session.execute(delete(BookkeepingEntry).where(BookkeepingEntry.member_id == member.id))
    await session.execute(delete(FinancingRequest).where(FinancingRequest.member_id == member.id))
    identities = await _forget_accounts(session, member.id, now)
    # Issue 10: the conversations with buyers or sellers (their words in the outbox rows to
    # the other side too), then their listings.
    await inquiries.forget_person(session, member.id, identities)
    await catalog.forget_seller(session, member.id, now=now)
    await catalog.forget_reporter(session, identities)  # issue 10: reports they made
    await handoff.forget_person(session, member.id, identities, replacement=ERASED_AUTHOR)
    if identities:
        await session.execute(
            update(CoachingSession)
            .where(CoachingSession.created_by.in_(identities))
            .values(created_by=ERASED_AUTHOR)
            .execution_options(synchronize_session="fetch")
        )
        await session.execute(
            update(StaffRole)
            .where(StaffRole.granted_by.in_(identities))
            .values(granted_by=ERASED_AUTHOR)
            .execution_options(synchronize_session="fetch")
        )
        await session.execute(
            update(FinancingRequest)
            .where(FinancingRequest.changed_by.in_(identities))
            .values(changed_by=ERASED_AUTHOR)
            .execution_options(synchronize_session="fetch")
        )
    member.member_number = None
    member.full_name = None
    member.phone_e164 = None
    member.kelurahan_code = None
    member.business_name = None
    member.nib = None
    member.consent_at = None
    member.deleted_at = now
    await session.flush()
    return Erased(cancelled, tuple(promoted))


async def _give_up_places(
    session: AsyncSession, member_id: int, now: datetime, offsets: Sequence[timedelta]
) -> tuple[int, list[int]]:
    """Cancel every seat and waitlist place at a session not yet over, as the member would."""
    promoted = []
    places = await seats.member_bookings(session, member_id, now=now)
    for booking, _session in places:
        outcome = await seats.cancel_booking(
            session, booking_id=booking.id, member_id=member_id, now=now, reminder_offsets=offsets
        )
        if isinstance(outcome, seats.BookingCancelled) and outcome.promoted_member_id is not None:
            promoted.append(outcome.promoted_member_id)
    return len(places), promoted


async def _forget_accounts(session: AsyncSession, member_id: int, now: datetime) -> list[str]:
    """Delete the member's chat accounts (id, state and all); returns their identities.

    Deleted through the session, so a chat handling this very event sees its account
    go too (`conversations.engine` then saves no state for it). Photos of a listing
    still being written there are queued for removal from the store first.
    """
    accounts = (
        await session.scalars(select(ChannelAccount).where(ChannelAccount.member_id == member_id))
    ).all()
    states = [state for account in accounts for state in (account.data, account.drafts)]
    await catalog.forget_draft_photos(session, states, now=now)
    identities = []
    for account in accounts:
        identities.append(f"{account.channel}:{account.external_id}")
        await session.delete(account)
    return identities
