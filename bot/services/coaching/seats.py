"""Seats and the waitlist: booking, cancelling and moving, and who holds a place where.

A seat is claimed with one conditional UPDATE, so the last one is sold once under any
concurrency; a freed seat goes to the first member on the waitlist who can take it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Booking, CoachingSession
from bot.services.coaching import notices
from bot.services.coaching.rules import active_bookings, is_upcoming, seats_left
from bot.vocabulary import ACTIVE_BOOKING_STATUSES, OPEN_SESSION_STATUSES, BookingStatus


@dataclass(frozen=True)
class Booked:
    booking: Booking


@dataclass(frozen=True)
class Waitlisted:
    booking: Booking
    position: int


@dataclass(frozen=True)
class AlreadyBooked:
    booking: Booking


@dataclass(frozen=True)
class SessionFull:
    """No seat left; the member may join the waitlist."""


@dataclass(frozen=True)
class Overlaps:
    """The member already has a seat at a session at the same time."""

    other: CoachingSession


@dataclass(frozen=True)
class SessionClosed:
    """Cancelled, finished, or already started."""


@dataclass(frozen=True)
class BookingCancelled:
    promoted_member_id: int | None


@dataclass(frozen=True)
class Moved:
    booking: Booking


@dataclass(frozen=True)
class NotFound:
    """No such active booking for this member."""


BookOutcome = Booked | Waitlisted | AlreadyBooked | SessionFull | Overlaps | SessionClosed
MoveOutcome = Moved | NotFound | SessionFull | Overlaps | SessionClosed | AlreadyBooked


async def book_seat(
    session: AsyncSession,
    *,
    session_id: int,
    member_id: int,
    now: datetime,
    reminder_offsets: Sequence[timedelta],
    waitlist_if_full: bool = False,
) -> BookOutcome:
    """Take a seat for a member (or, if asked, a place on the waitlist when it is full)."""
    coaching = await session.get(CoachingSession, session_id)
    if coaching is None or not is_upcoming(coaching, now):
        return SessionClosed()
    existing = await _booking_of(session, session_id, member_id)
    if existing is not None and existing.status == BookingStatus.BOOKED:
        return AlreadyBooked(existing)
    if (
        existing is not None
        and existing.status == BookingStatus.WAITLISTED
        and seats_left(coaching) == 0
    ):
        return Waitlisted(existing, await waitlist_position(session, existing))
    clash = await _overlapping(session, member_id, coaching)
    if clash is not None:
        return Overlaps(clash)
    if await _claim_seat(session, coaching):
        booking = await _put(session, existing, session_id, member_id, BookingStatus.BOOKED, now)
        await notices.schedule_reminders(session, booking, coaching, now, reminder_offsets)
        return Booked(booking)
    if not waitlist_if_full:
        return SessionFull()
    booking = await _put(session, existing, session_id, member_id, BookingStatus.WAITLISTED, now)
    return Waitlisted(booking, await waitlist_position(session, booking))


async def cancel_booking(
    session: AsyncSession,
    *,
    booking_id: int,
    member_id: int,
    now: datetime,
    reminder_offsets: Sequence[timedelta],
) -> BookingCancelled | NotFound:
    """Give up a seat or a waitlist place; a freed seat goes to the waitlist at once."""
    booking = await session.get(Booking, booking_id, with_for_update=True)
    if booking is None or booking.member_id != member_id:
        return NotFound()
    if booking.status not in ACTIVE_BOOKING_STATUSES:
        return NotFound()
    was_booked = booking.status == BookingStatus.BOOKED
    booking.status = BookingStatus.CANCELLED
    booking.updated_at = now
    await notices.withdraw_reminders(session, booking.id)
    promoted = None
    if was_booked:
        await _release_seat(session, booking.session_id)
        promoted = await promote_waitlist(session, booking.session_id, now, reminder_offsets)
    return BookingCancelled(promoted)


async def move_booking(
    session: AsyncSession,
    *,
    booking_id: int,
    to_session_id: int,
    member_id: int,
    now: datetime,
    reminder_offsets: Sequence[timedelta],
) -> MoveOutcome:
    """Move a seat to another session in one step: the member ends with exactly one of them."""
    booking = await session.get(Booking, booking_id, with_for_update=True)
    if booking is None or booking.member_id != member_id:
        return NotFound()
    if booking.status != BookingStatus.BOOKED:
        return NotFound()
    target = await session.get(CoachingSession, to_session_id)
    if target is None or not is_upcoming(target, now):
        return SessionClosed()
    existing = await _booking_of(session, to_session_id, member_id)
    if existing is not None and existing.status == BookingStatus.BOOKED:
        return AlreadyBooked(existing)
    clash = await _overlapping(session, member_id, target, ignoring_session=booking.session_id)
    if clash is not None:
        return Overlaps(clash)
    if not await _claim_seat(session, target):
        return SessionFull()
    old_session_id = booking.session_id
    booking.status = BookingStatus.CANCELLED
    booking.updated_at = now
    await notices.withdraw_reminders(session, booking.id)
    moved = await _put(session, existing, to_session_id, member_id, BookingStatus.BOOKED, now)
    await notices.schedule_reminders(session, moved, target, now, reminder_offsets)
    await _release_seat(session, old_session_id)
    await promote_waitlist(session, old_session_id, now, reminder_offsets)
    return Moved(moved)


async def promote_waitlist(
    session: AsyncSession, session_id: int, now: datetime, reminder_offsets: Sequence[timedelta]
) -> int | None:
    """Give a free seat to the first waitlisted member who can take it; return who got it."""
    coaching = await session.get(CoachingSession, session_id)
    if coaching is None or not is_upcoming(coaching, now):
        return None
    waiting = await session.scalars(
        select(Booking)
        .where(Booking.session_id == session_id, Booking.status == BookingStatus.WAITLISTED)
        .order_by(Booking.created_at, Booking.id)
        .with_for_update()
    )
    for candidate in waiting.all():
        if await _overlapping(session, candidate.member_id, coaching) is not None:
            continue
        if not await _claim_seat(session, coaching):
            return None
        candidate.status = BookingStatus.BOOKED
        candidate.updated_at = now
        await notices.schedule_reminders(session, candidate, coaching, now, reminder_offsets)
        await notices.tell_promoted(session, candidate, now)
        return candidate.member_id
    return None


async def member_bookings(
    session: AsyncSession, member_id: int, *, now: datetime
) -> list[tuple[Booking, CoachingSession]]:
    """A member's seats and waitlist places at sessions still to come, soonest first."""
    rows = await session.execute(
        select(Booking, CoachingSession)
        .join(CoachingSession, CoachingSession.id == Booking.session_id)
        .where(
            Booking.member_id == member_id,
            Booking.status.in_(ACTIVE_BOOKING_STATUSES),
            CoachingSession.status.in_(OPEN_SESSION_STATUSES),
            CoachingSession.ends_at > now,
        )
        .order_by(CoachingSession.starts_at)
    )
    return [(booking, coaching) for booking, coaching in rows]


async def roster(session: AsyncSession, session_id: int) -> list[Booking]:
    """Everyone with a seat or a waitlist place, booked first, in booking order."""
    return await active_bookings(session, session_id)


async def waitlist_position(session: AsyncSession, booking: Booking) -> int:
    """1 for the first in line."""
    ahead = await session.scalar(
        select(func.count())
        .select_from(Booking)
        .where(
            Booking.session_id == booking.session_id,
            Booking.status == BookingStatus.WAITLISTED,
            (Booking.created_at < booking.created_at)
            | and_(Booking.created_at == booking.created_at, Booking.id < booking.id),
        )
    )
    return int(ahead or 0) + 1


async def _claim_seat(session: AsyncSession, coaching: CoachingSession) -> bool:
    """Take one seat if one is free and the session is open: one conditional UPDATE."""
    result = await session.execute(
        update(CoachingSession)
        .where(
            CoachingSession.id == coaching.id,
            CoachingSession.seats_taken < CoachingSession.capacity,
            CoachingSession.status.in_(OPEN_SESSION_STATUSES),
        )
        .values(seats_taken=CoachingSession.seats_taken + 1)
        .execution_options(synchronize_session=False)
    )
    claimed = bool(result.rowcount)  # type: ignore[attr-defined]
    if claimed:
        await session.refresh(coaching, ["seats_taken"])
    return claimed


async def _release_seat(session: AsyncSession, session_id: int) -> None:
    await session.execute(
        update(CoachingSession)
        .where(CoachingSession.id == session_id, CoachingSession.seats_taken > 0)
        .values(seats_taken=CoachingSession.seats_taken - 1)
        .execution_options(synchronize_session=False)
    )
    coaching = await session.get(CoachingSession, session_id)
    if coaching is not None:
        await session.refresh(coaching, ["seats_taken"])


async def _booking_of(session: AsyncSession, session_id: int, member_id: int) -> Booking | None:
    query = select(Booking).where(Booking.session_id == session_id, Booking.member_id == member_id)
    return (await session.scalars(query)).first()


async def _put(
    session: AsyncSession,
    existing: Booking | None,
    session_id: int,
    member_id: int,
    status: BookingStatus,
    now: datetime,
) -> Booking:
    """Create the booking row, or reuse the member's earlier one for this session."""
    if existing is not None:
        existing.status = status
        existing.attended = None
        existing.created_at = now if status == BookingStatus.WAITLISTED else existing.created_at
        existing.updated_at = now
        return existing
    booking = Booking(
        session_id=session_id, member_id=member_id, status=status, created_at=now, updated_at=now
    )
    try:
        async with session.begin_nested():
            session.add(booking)
    except IntegrityError:  # the same member, concurrently: keep theirs
        found = await _booking_of(session, session_id, member_id)
        assert found is not None
        return found
    return booking


async def _overlapping(
    session: AsyncSession,
    member_id: int,
    coaching: CoachingSession,
    *,
    ignoring_session: int | None = None,
) -> CoachingSession | None:
    query = (
        select(CoachingSession)
        .join(Booking, Booking.session_id == CoachingSession.id)
        .where(
            Booking.member_id == member_id,
            Booking.status == BookingStatus.BOOKED,
            CoachingSession.id != coaching.id,
            CoachingSession.status.in_(OPEN_SESSION_STATUSES),
            CoachingSession.starts_at < coaching.ends_at,
            CoachingSession.ends_at > coaching.starts_at,
        )
    )
    if ignoring_session is not None:
        query = query.where(CoachingSession.id != ignoring_session)
    return (await session.scalars(query)).first()
