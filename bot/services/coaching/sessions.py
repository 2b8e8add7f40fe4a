"""Scheduling sessions: creating, listing, re-timing and calling off; who may schedule where,
pick which coach, and manage which session."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, case, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import CoachingSession, Member
from bot.services import members, roles
from bot.services.coaching import notices
from bot.services.coaching.rules import active_bookings, upcoming_clause
from bot.vocabulary import BookingStatus, SessionKind, SessionStatus, StaffRoleName, Topic

__all__ = [
    "Manager",
    "NotYours",
    "SessionDraft",
    "UnknownSession",
    "cancel_session",
    "create_session",
    "managed_sessions",
    "pick_coach",
    "reschedule_session",
    "schedule_session",
    "session_to_manage",
    "upcoming_sessions",
]


@dataclass(frozen=True)
class SessionDraft:
    """Everything staff say about a session when creating it."""

    kind: SessionKind
    topic: Topic
    kecamatan_code: str
    venue_name: str
    venue_address: str
    map_url: str | None
    starts_at: datetime
    ends_at: datetime
    capacity: int
    coach_member_id: int | None


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


async def create_session(
    session: AsyncSession, draft: SessionDraft, *, created_by: str, now: datetime
) -> CoachingSession:
    """Schedule a new session."""
    if draft.ends_at <= draft.starts_at or draft.capacity < 1:
        raise ValueError("a session ends after it starts and has at least one seat")
    created = CoachingSession(
        **asdict(draft),
        seats_taken=0,
        status=SessionStatus.SCHEDULED,
        sequence=0,
        created_by=created_by,
        created_at=now,
        updated_at=now,
    )
    session.add(created)
    await session.flush()
    return created


async def schedule_session(
    session: AsyncSession, manager: Manager, draft: SessionDraft, *, now: datetime
) -> CoachingSession | NotYours:
    """Schedule a session for `manager`, if their roles (read now) allow it there.

    Admins and coaches may schedule anywhere, coordinators in their own kecamatan.
    """
    if not manager.is_admin:
        member_id = manager.member_id
        allowed = member_id is not None and (
            await roles.has_role(session, member_id, StaffRoleName.COACH)
            or await roles.has_role(
                session, member_id, StaffRoleName.COORDINATOR, kecamatan_code=draft.kecamatan_code
            )
        )
        if not allowed:
            return NotYours()
    return await create_session(session, draft, created_by=manager.identity, now=now)


async def pick_coach(session: AsyncSession, manager: Manager, reference: str) -> Member | None:
    """The coach `reference` (member number or E.164 phone) names, if `manager` may pick them.

    Admins may pick any coach, a coach themselves, a coordinator the coaches registered
    in their kecamatan or already coaching there. Every other case, a member who is no
    coach or nobody at all, is the same None: the answer tells nothing about the number.
    """
    coach = await members.find_member(session, reference)
    if coach is None or not await roles.has_role(session, coach.id, StaffRoleName.COACH):
        return None
    if manager.is_admin or coach.id == manager.member_id:
        return coach
    area = manager.coordinator_of
    if area is None:
        return None
    if coach.kecamatan_code == area:
        return coach
    coaching_there = await session.scalar(
        select(CoachingSession.id)
        .where(CoachingSession.coach_member_id == coach.id, CoachingSession.kecamatan_code == area)
        .limit(1)
    )
    return coach if coaching_there is not None else None


async def upcoming_sessions(
    session: AsyncSession,
    *,
    now: datetime,
    kecamatan_code: str | None,
    topic: Topic | None = None,
    limit: int = 30,
) -> list[CoachingSession]:
    """Sessions still to come: the member's kecamatan first, then their kota, then all."""
    query = select(CoachingSession).where(upcoming_clause(now))
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
        _managed_by(manager), CoachingSession.status != SessionStatus.CANCELLED
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
    coaching.status = SessionStatus.CHANGED
    coaching.sequence += 1
    coaching.updated_at = now
    for booking in await active_bookings(session, coaching.id):
        await notices.withdraw_reminders(session, booking.id)
        if booking.status == BookingStatus.BOOKED:
            await notices.schedule_reminders(session, booking, coaching, now, reminder_offsets)
        await notices.tell_changed(session, booking, coaching, now)


async def cancel_session(session: AsyncSession, coaching: CoachingSession, *, now: datetime) -> int:
    """Call a session off; every booked and waitlisted member is told. Returns how many."""
    coaching.status = SessionStatus.CANCELLED
    coaching.updated_at = now
    told = 0
    for booking in await active_bookings(session, coaching.id):
        await notices.withdraw_reminders(session, booking.id)
        await notices.tell_cancelled(session, booking, now)
        told += 1
    return told


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
