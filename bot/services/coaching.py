"""Coaching clinics, trainings and meet-ups: sessions, seats, waitlists, reminders (P2, P3).

The rules: a seat is claimed with one conditional UPDATE (the last seat is sold
once under any concurrency); a member books a session once and never two that
overlap; a freed seat goes to the first member on the waitlist at once; every
proactive message (reminders, promotions, changes, cancellations, feedback
requests) is an outbox row with a de-duplication key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, case, func, or_, select, true, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Booking, CoachingSession, Feedback, MemberProgress
from bot.services import outbox

KINDS = ("clinic", "training", "meetup")
TOPICS = ("general", "P1", "P2", "P3", "P4", "P5", "P6", "P7")
OPEN_STATUSES = ("scheduled", "changed")
BOOKED, WAITLISTED, CANCELLED = "booked", "waitlisted", "cancelled"


@dataclass(frozen=True)
class SessionDraft:
    """Everything staff say about a session when creating it."""

    kind: str
    topic: str
    kecamatan_code: str
    venue_name: str
    venue_address: str
    map_url: str | None
    starts_at: datetime
    ends_at: datetime
    capacity: int
    coach_member_id: int | None


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


@dataclass(frozen=True)
class Manager:
    """Someone managing sessions in chat, and on what grounds (see `session_to_manage`)."""

    identity: str
    """`channel:external_id`, as stored in `CoachingSession.created_by`."""
    member_id: int | None
    is_admin: bool = False
    coordinator_of: str | None = None
    """The kecamatan this person coordinates, if they are a coordinator."""


@dataclass(frozen=True)
class UnknownSession:
    """There is no session with that id."""


@dataclass(frozen=True)
class NotYours:
    """The session exists, but this person may not manage it."""


BookOutcome = Booked | Waitlisted | AlreadyBooked | SessionFull | Overlaps | SessionClosed


async def create_session(
    session: AsyncSession, draft: SessionDraft, *, created_by: str, now: datetime
) -> CoachingSession:
    """Schedule a new session."""
    if draft.kind not in KINDS or draft.topic not in TOPICS:
        raise ValueError(f"unknown kind or topic: {draft.kind}, {draft.topic}")
    if draft.ends_at <= draft.starts_at or draft.capacity < 1:
        raise ValueError("a session ends after it starts and has at least one seat")
    created = CoachingSession(
        **draft.__dict__,
        seats_taken=0,
        status="scheduled",
        sequence=0,
        created_by=created_by,
        created_at=now,
        updated_at=now,
    )
    session.add(created)
    await session.flush()
    return created


async def upcoming_sessions(
    session: AsyncSession,
    *,
    now: datetime,
    kecamatan_code: str | None,
    topic: str | None = None,
    limit: int = 30,
) -> list[CoachingSession]:
    """Open sessions not yet started: the member's kecamatan first, then their kota, then all."""
    query = select(CoachingSession).where(
        CoachingSession.status.in_(OPEN_STATUSES), CoachingSession.starts_at > now
    )
    if topic is not None:
        query = query.where(CoachingSession.topic == topic)
    if kecamatan_code:
        kota_prefix = kecamatan_code.rsplit(".", 1)[0] + "."
        nearness = case(
            (CoachingSession.kecamatan_code == kecamatan_code, 0),
            (CoachingSession.kecamatan_code.startswith(kota_prefix), 1),
            else_=2,
        )
        query = query.order_by(nearness, CoachingSession.starts_at, CoachingSession.id)
    else:
        query = query.order_by(CoachingSession.starts_at, CoachingSession.id)
    return list((await session.scalars(query.limit(limit))).all())


async def managed_sessions(
    session: AsyncSession,
    manager: Manager,
    *,
    now: datetime,
    since: datetime,
    limit: int = 40,
) -> list[CoachingSession]:
    """Sessions `manager` may manage, not cancelled: those still to end (soonest first),
    then those that ended after `since` (latest first)."""
    managed = select(CoachingSession).where(
        _managed_by(manager), CoachingSession.status != "cancelled"
    )
    coming = await session.scalars(
        managed.where(CoachingSession.ends_at > now)
        .order_by(CoachingSession.starts_at, CoachingSession.id)
        .limit(limit)
    )
    ended = await session.scalars(
        managed.where(CoachingSession.ends_at <= now, CoachingSession.starts_at >= since)
        .order_by(CoachingSession.starts_at.desc(), CoachingSession.id.desc())
        .limit(limit)
    )
    return [*coming, *ended]


async def session_to_manage(
    session: AsyncSession, manager: Manager, session_id: int
) -> CoachingSession | UnknownSession | NotYours:
    """The session, if `manager` may manage it."""
    coaching = await session.get(CoachingSession, session_id)
    if coaching is None:
        return UnknownSession()
    allowed = await session.scalar(
        select(CoachingSession.id).where(CoachingSession.id == session_id, _managed_by(manager))
    )
    return coaching if allowed is not None else NotYours()


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
    if coaching is None or coaching.status not in OPEN_STATUSES or coaching.starts_at <= now:
        return SessionClosed()
    existing = await _booking_of(session, session_id, member_id)
    if existing is not None and existing.status == BOOKED:
        return AlreadyBooked(existing)
    if (
        existing is not None
        and existing.status == WAITLISTED
        and not await _has_free_seat(session, session_id)
    ):
        return Waitlisted(existing, await waitlist_position(session, existing))
    clash = await _overlapping(session, member_id, coaching)
    if clash is not None:
        return Overlaps(clash)
    if await _claim_seat(session, session_id):
        booking = await _put(session, existing, session_id, member_id, BOOKED, now)
        await _schedule_reminders(session, booking, coaching, now, reminder_offsets)
        return Booked(booking)
    if not waitlist_if_full:
        return SessionFull()
    booking = await _put(session, existing, session_id, member_id, WAITLISTED, now)
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
    if booking is None or booking.member_id != member_id or booking.status == CANCELLED:
        return NotFound()
    was_booked = booking.status == BOOKED
    booking.status = CANCELLED
    booking.updated_at = now
    await outbox.cancel_pending(session, f"reminder:{booking.id}:")
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
) -> Moved | NotFound | SessionFull | Overlaps | SessionClosed | AlreadyBooked:
    """Move a seat to another session in one step: the member ends with exactly one of them."""
    booking = await session.get(Booking, booking_id, with_for_update=True)
    if booking is None or booking.member_id != member_id or booking.status != BOOKED:
        return NotFound()
    target = await session.get(CoachingSession, to_session_id)
    if target is None or target.status not in OPEN_STATUSES or target.starts_at <= now:
        return SessionClosed()
    existing = await _booking_of(session, to_session_id, member_id)
    if existing is not None and existing.status == BOOKED:
        return AlreadyBooked(existing)
    clash = await _overlapping(session, member_id, target, ignoring_session=booking.session_id)
    if clash is not None:
        return Overlaps(clash)
    if not await _claim_seat(session, to_session_id):
        return SessionFull()
    old_session_id = booking.session_id
    booking.status = CANCELLED
    booking.updated_at = now
    await outbox.cancel_pending(session, f"reminder:{booking.id}:")
    moved = await _put(session, existing, to_session_id, member_id, BOOKED, now)
    await _schedule_reminders(session, moved, target, now, reminder_offsets)
    await _release_seat(session, old_session_id)
    await promote_waitlist(session, old_session_id, now, reminder_offsets)
    return Moved(moved)


async def promote_waitlist(
    session: AsyncSession, session_id: int, now: datetime, reminder_offsets: Sequence[timedelta]
) -> int | None:
    """Give a free seat to the first waitlisted member who can take it; return who got it."""
    coaching = await session.get(CoachingSession, session_id)
    if coaching is None or coaching.status not in OPEN_STATUSES or coaching.starts_at <= now:
        return None
    waiting = await session.scalars(
        select(Booking)
        .where(Booking.session_id == session_id, Booking.status == WAITLISTED)
        .order_by(Booking.created_at, Booking.id)
        .with_for_update()
    )
    for candidate in waiting.all():
        if await _overlapping(session, candidate.member_id, coaching) is not None:
            continue
        if not await _claim_seat(session, session_id):
            return None
        candidate.status = BOOKED
        candidate.updated_at = now
        await _schedule_reminders(session, candidate, coaching, now, reminder_offsets)
        await outbox.enqueue(
            session,
            member_id=candidate.member_id,
            kind="waitlist_promoted",
            payload={"booking_id": candidate.id},
            due_at=now,
            dedupe_key=f"promoted:{candidate.id}:{int(now.timestamp())}",
            now=now,
        )
        return candidate.member_id
    return None


async def reschedule_session(
    session: AsyncSession,
    coaching: CoachingSession,
    *,
    starts_at: datetime,
    ends_at: datetime,
    now: datetime,
    reminder_offsets: Sequence[timedelta],
) -> None:
    """Move a session in time: reminders follow, and everyone on it is told."""
    if ends_at <= starts_at:
        raise ValueError("a session ends after it starts")
    coaching.starts_at, coaching.ends_at = starts_at, ends_at
    coaching.status = "changed"
    coaching.sequence += 1
    coaching.updated_at = now
    for booking in await _active_bookings(session, coaching.id):
        await outbox.cancel_pending(session, f"reminder:{booking.id}:")
        if booking.status == BOOKED:
            await _schedule_reminders(session, booking, coaching, now, reminder_offsets)
        await outbox.enqueue(
            session,
            member_id=booking.member_id,
            kind="session_changed",
            payload={"booking_id": booking.id, "sequence": coaching.sequence},
            due_at=now,
            dedupe_key=f"changed:{booking.id}:{coaching.sequence}",
            now=now,
        )


async def cancel_session(session: AsyncSession, coaching: CoachingSession, *, now: datetime) -> int:
    """Call a session off; every booked and waitlisted member is told. Returns how many."""
    coaching.status = "cancelled"
    coaching.updated_at = now
    told = 0
    for booking in await _active_bookings(session, coaching.id):
        await outbox.cancel_pending(session, f"reminder:{booking.id}:")
        await outbox.enqueue(
            session,
            member_id=booking.member_id,
            kind="session_cancelled",
            payload={"booking_id": booking.id},
            due_at=now,
            dedupe_key=f"cancelled:{booking.id}",
            now=now,
        )
        told += 1
    return told


async def record_attendance(
    session: AsyncSession,
    coaching: CoachingSession,
    attended_member_ids: set[int],
    *,
    now: datetime,
) -> int:
    """Mark who came; attendees get P2 (P3 for mentoring) and a feedback request."""
    step = "P3" if coaching.topic == "P3" else "P2"
    count = 0
    for booking in await _active_bookings(session, coaching.id):
        if booking.status != BOOKED:
            continue
        booking.attended = booking.member_id in attended_member_ids
        if not booking.attended:
            continue
        count += 1
        if await session.get(MemberProgress, (booking.member_id, step)) is None:
            session.add(MemberProgress(member_id=booking.member_id, step=step, done_at=now))
        await outbox.enqueue(
            session,
            member_id=booking.member_id,
            kind="feedback_request",
            payload={"booking_id": booking.id},
            due_at=max(now, coaching.ends_at),
            dedupe_key=f"feedback:{booking.id}",
            now=now,
        )
    coaching.status = "done"
    coaching.updated_at = now
    return count


async def give_feedback(
    session: AsyncSession, *, booking_id: int, member_id: int, rating: int, now: datetime
) -> bool:
    """Store (or replace) an attendee's 1-5 rating; False if they cannot rate this booking."""
    booking = await session.get(Booking, booking_id)
    if booking is None or booking.member_id != member_id or not booking.attended:
        return False
    if not 1 <= rating <= 5:
        raise ValueError("rating is 1-5")
    feedback = await session.get(Feedback, booking_id)
    if feedback is None:
        session.add(Feedback(booking_id=booking_id, rating=rating, created_at=now))
    else:
        feedback.rating = rating
    return True


async def add_feedback_comment(
    session: AsyncSession, *, booking_id: int, member_id: int, comment: str
) -> bool:
    """Attach a comment to a rating already given."""
    feedback = await session.get(Feedback, booking_id)
    booking = await session.get(Booking, booking_id)
    if feedback is None or booking is None or booking.member_id != member_id:
        return False
    feedback.comment = comment[:500]
    return True


async def feedback_summary(session: AsyncSession, session_id: int) -> tuple[float | None, int]:
    """The average rating of a session and how many rated it."""
    row = (
        await session.execute(
            select(func.avg(Feedback.rating), func.count(Feedback.rating))
            .join(Booking, Booking.id == Feedback.booking_id)
            .where(Booking.session_id == session_id)
        )
    ).one()
    average, count = row
    return (float(average) if average is not None else None, int(count))


async def member_bookings(
    session: AsyncSession, member_id: int, *, now: datetime
) -> list[tuple[Booking, CoachingSession]]:
    """A member's seats and waitlist places at sessions still to come, soonest first."""
    rows = await session.execute(
        select(Booking, CoachingSession)
        .join(CoachingSession, CoachingSession.id == Booking.session_id)
        .where(
            Booking.member_id == member_id,
            Booking.status.in_((BOOKED, WAITLISTED)),
            CoachingSession.status.in_(OPEN_STATUSES),
            CoachingSession.ends_at > now,
        )
        .order_by(CoachingSession.starts_at)
    )
    return [(booking, coaching) for booking, coaching in rows]


async def roster(session: AsyncSession, session_id: int) -> list[Booking]:
    """Everyone with a seat or a waitlist place, booked first, in booking order."""
    return await _active_bookings(session, session_id)


async def waitlist_position(session: AsyncSession, booking: Booking) -> int:
    """1 for the first in line."""
    ahead = await session.scalar(
        select(func.count())
        .select_from(Booking)
        .where(
            Booking.session_id == booking.session_id,
            Booking.status == WAITLISTED,
            (Booking.created_at < booking.created_at)
            | and_(Booking.created_at == booking.created_at, Booking.id < booking.id),
        )
    )
    return int(ahead or 0) + 1


def seats_left(coaching: CoachingSession) -> int:
    return max(0, coaching.capacity - coaching.seats_taken)


def _managed_by(manager: Manager) -> ColumnElement[bool]:
    """Admins manage every session, coordinators those in their kecamatan, and
    anyone the sessions they coach or created."""
    if manager.is_admin:
        return true()
    rights = [CoachingSession.created_by == manager.identity]
    if manager.member_id is not None:
        rights.append(CoachingSession.coach_member_id == manager.member_id)
    if manager.coordinator_of is not None:
        rights.append(CoachingSession.kecamatan_code == manager.coordinator_of)
    return or_(*rights)


async def _claim_seat(session: AsyncSession, session_id: int) -> bool:
    result = await session.execute(
        update(CoachingSession)
        .where(
            CoachingSession.id == session_id,
            CoachingSession.seats_taken < CoachingSession.capacity,
            CoachingSession.status.in_(OPEN_STATUSES),
        )
        .values(seats_taken=CoachingSession.seats_taken + 1)
        .execution_options(synchronize_session=False)
    )
    claimed = bool(result.rowcount)  # type: ignore[attr-defined]
    if claimed:
        await _refresh_seats(session, session_id)
    return claimed


async def _release_seat(session: AsyncSession, session_id: int) -> None:
    await session.execute(
        update(CoachingSession)
        .where(CoachingSession.id == session_id, CoachingSession.seats_taken > 0)
        .values(seats_taken=CoachingSession.seats_taken - 1)
        .execution_options(synchronize_session=False)
    )
    await _refresh_seats(session, session_id)


async def _refresh_seats(session: AsyncSession, session_id: int) -> None:
    coaching = await session.get(CoachingSession, session_id)
    if coaching is not None:
        await session.refresh(coaching, ["seats_taken"])


async def _has_free_seat(session: AsyncSession, session_id: int) -> bool:
    coaching = await session.get(CoachingSession, session_id)
    return coaching is not None and seats_left(coaching) > 0


async def _booking_of(session: AsyncSession, session_id: int, member_id: int) -> Booking | None:
    query = select(Booking).where(Booking.session_id == session_id, Booking.member_id == member_id)
    return (await session.scalars(query)).first()


async def _put(
    session: AsyncSession,
    existing: Booking | None,
    session_id: int,
    member_id: int,
    status: str,
    now: datetime,
) -> Booking:
    """Create the booking row, or reuse the member's earlier one for this session."""
    if existing is not None:
        existing.status = status
        existing.attended = None
        existing.created_at = now if status == WAITLISTED else existing.created_at
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
            Booking.status == BOOKED,
            CoachingSession.id != coaching.id,
            CoachingSession.status.in_(OPEN_STATUSES),
            CoachingSession.starts_at < coaching.ends_at,
            CoachingSession.ends_at > coaching.starts_at,
        )
    )
    if ignoring_session is not None:
        query = query.where(CoachingSession.id != ignoring_session)
    return (await session.scalars(query)).first()


async def _active_bookings(session: AsyncSession, session_id: int) -> list[Booking]:
    rows = await session.scalars(
        select(Booking)
        .where(Booking.session_id == session_id, Booking.status.in_((BOOKED, WAITLISTED)))
        .order_by(case((Booking.status == BOOKED, 0), else_=1), Booking.created_at, Booking.id)
    )
    return list(rows.all())


async def _schedule_reminders(
    session: AsyncSession,
    booking: Booking,
    coaching: CoachingSession,
    now: datetime,
    offsets: Sequence[timedelta],
) -> None:
    for offset in offsets:
        due = coaching.starts_at - offset
        if due <= now:
            continue
        hours = offset.total_seconds() / 3600
        await outbox.enqueue(
            session,
            member_id=booking.member_id,
            kind="reminder",
            payload={"booking_id": booking.id, "hours": hours},
            due_at=due,
            dedupe_key=f"reminder:{booking.id}:{int(offset.total_seconds())}:{coaching.sequence}",
            now=now,
        )
