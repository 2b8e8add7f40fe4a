"""The few rules every part of coaching asks about, written once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, case, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Booking, CoachingSession
from bot.vocabulary import (
    ACTIVE_BOOKING_STATUSES,
    OPEN_SESSION_STATUSES,
    BookingStatus,
)


def is_upcoming(coaching: CoachingSession, now: datetime) -> bool:
    """Open (scheduled or re-timed) and not yet started.

    Only such a session can be booked, moved to, re-timed or called off.
    """
    return coaching.status in OPEN_SESSION_STATUSES and coaching.starts_at > now


def upcoming_clause(now: datetime) -> ColumnElement[bool]:
    """`is_upcoming` as a SQL condition on `CoachingSession`."""
    return and_(CoachingSession.status.in_(OPEN_SESSION_STATUSES), CoachingSession.starts_at > now)


def seats_left(coaching: CoachingSession) -> int:
    """Free seats (never negative)."""
    return max(0, coaching.capacity - coaching.seats_taken)


async def active_bookings(session: AsyncSession, session_id: int) -> list[Booking]:
    """Everyone with a seat or a waitlist place: booked first, then the waitlist in order."""
    rows = await session.scalars(
        select(Booking)
        .where(Booking.session_id == session_id, Booking.status.in_(ACTIVE_BOOKING_STATUSES))
        .order_by(
            case((Booking.status == BookingStatus.BOOKED, 0), else_=1),
            Booking.created_at,
            Booking.id,
        )
    )
    return list(rows.all())
