"""Every outbox row about a booking: what it is, its de-duplication key, and its withdrawal.

Keys make enqueueing idempotent: a reminder is keyed by booking, offset and the
session's `sequence` (bumped when the session is re-timed), so re-timing schedules
new reminders instead of colliding with the old ones, which are withdrawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Booking, CoachingSession
from bot.services import outbox
from bot.vocabulary import OutboxKind


def reminder_key(booking_id: int, offset: timedelta, sequence: int) -> str:
    """`reminder:<booking>:<seconds before>:<session sequence>`."""
    return f"reminder:{booking_id}:{int(offset.total_seconds())}:{sequence}"


async def schedule_reminders(
    session: AsyncSession,
    booking: Booking,
    coaching: CoachingSession,
    now: datetime,
    offsets: Sequence[timedelta],
) -> None:
    """A reminder `offset` before the session for each offset still ahead of `now`."""
    for offset in offsets:
        due = coaching.starts_at - offset
        if due <= now:
            continue
        await outbox.enqueue(
            session,
            member_id=booking.member_id,
            kind=OutboxKind.REMINDER,
            payload={"booking_id": booking.id, "hours": offset.total_seconds() / 3600},
            booking_id=booking.id,
            due_at=due,
            dedupe_key=reminder_key(booking.id, offset, coaching.sequence),
            now=now,
        )


async def withdraw_reminders(session: AsyncSession, booking_id: int) -> int:
    """Cancel the booking's reminders not yet sent; returns how many."""
    return await outbox.cancel_pending(session, kind=OutboxKind.REMINDER, booking_id=booking_id)


async def tell_promoted(session: AsyncSession, booking: Booking, now: datetime) -> None:
    """The member got a seat off the waitlist."""
    await _notify(
        session,
        booking,
        OutboxKind.WAITLIST_PROMOTED,
        f"promoted:{booking.id}:{int(now.timestamp())}",
        now=now,
    )


async def tell_changed(
    session: AsyncSession, booking: Booking, coaching: CoachingSession, now: datetime
) -> None:
    """The session the member holds a place at moved in time."""
    await _notify(
        session,
        booking,
        OutboxKind.SESSION_CHANGED,
        f"changed:{booking.id}:{coaching.sequence}",
        now=now,
        extra={"sequence": coaching.sequence},
    )


async def tell_cancelled(session: AsyncSession, booking: Booking, now: datetime) -> None:
    """The session the member holds a place at was called off."""
    await _notify(
        session, booking, OutboxKind.SESSION_CANCELLED, f"cancelled:{booking.id}", now=now
    )


async def ask_feedback(
    session: AsyncSession, booking: Booking, coaching: CoachingSession, now: datetime
) -> None:
    """Ask an attendee for a rating once the session has ended."""
    await _notify(
        session,
        booking,
        OutboxKind.FEEDBACK_REQUEST,
        f"feedback:{booking.id}",
        now=now,
        due_at=max(now, coaching.ends_at),
    )


async def _notify(
    session: AsyncSession,
    booking: Booking,
    kind: OutboxKind,
    key: str,
    *,
    now: datetime,
    due_at: datetime | None = None,
    extra: dict[str, int] | None = None,
) -> None:
    await outbox.enqueue(
        session,
        member_id=booking.member_id,
        kind=kind,
        payload={"booking_id": booking.id, **(extra or {})},
        booking_id=booking.id,
        due_at=due_at or now,
        dedupe_key=key,
        now=now,
    )
