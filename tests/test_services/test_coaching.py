"""Coaching rules, tested directly on SQLite and PostgreSQL."""

import asyncio
from datetime import timedelta

from sqlalchemy import ColumnElement, func, select

from bot.db import Database
from bot.models import Booking, CoachingSession, MemberProgress, OutboxMessage
from bot.services import coaching
from bot.vocabulary import Topic
from tests.factories import NOW, add_members, add_session, book

OFFSETS = (timedelta(hours=24), timedelta(hours=2))
START = NOW + timedelta(days=3)


async def _count(database: Database, model: type, *where: ColumnElement[bool]) -> int:
    async with database.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def test_last_seat_is_sold_once_under_race(database: Database) -> None:
    people = await add_members(database, 200)
    session_id = await add_session(database, START, capacity=5)
    outcomes = await asyncio.gather(
        *(book(database, session_id, m, waitlist_if_full=True) for m in people)
    )
    assert sum(isinstance(o, coaching.Booked) for o in outcomes) == 5
    assert sum(isinstance(o, coaching.Waitlisted) for o in outcomes) == 195
    assert await _count(database, Booking, Booking.status == "booked") == 5
    assert await _count(database, Booking, Booking.status == "waitlisted") == 195
    async with database.transaction() as session:
        taken = await session.scalar(select(CoachingSession.seats_taken))
    assert taken == 5


async def test_booking_schedules_two_reminders(database: Database) -> None:
    [siti] = await add_members(database, 1)
    session_id = await add_session(database, START)
    outcome = await book(database, session_id, siti)
    assert isinstance(outcome, coaching.Booked)
    async with database.transaction() as session:
        due = sorted(m.due_at for m in await session.scalars(select(OutboxMessage)))
    assert due == [START - timedelta(hours=24), START - timedelta(hours=2)]


async def test_a_session_is_booked_once(database: Database) -> None:
    [siti] = await add_members(database, 1)
    session_id = await add_session(database, START)
    await book(database, session_id, siti)
    assert isinstance(await book(database, session_id, siti), coaching.AlreadyBooked)


async def test_overlapping_sessions_cannot_both_be_booked(database: Database) -> None:
    [siti] = await add_members(database, 1)
    first = await add_session(database, START)
    overlapping = await add_session(database, START + timedelta(hours=1))
    later = await add_session(database, START + timedelta(hours=2))
    await book(database, first, siti)
    assert isinstance(await book(database, overlapping, siti), coaching.Overlaps)
    assert isinstance(await book(database, later, siti), coaching.Booked)


async def test_a_full_session_offers_the_waitlist(database: Database) -> None:
    siti, budi = await add_members(database, 2)
    session_id = await add_session(database, START, capacity=1)
    await book(database, session_id, siti)
    assert isinstance(await book(database, session_id, budi), coaching.SessionFull)
    waiting = await book(database, session_id, budi, waitlist_if_full=True)
    assert isinstance(waiting, coaching.Waitlisted) and waiting.position == 1


async def test_a_freed_seat_goes_to_the_first_on_the_waitlist(database: Database) -> None:
    siti, budi, ani = await add_members(database, 3)
    session_id = await add_session(database, START, capacity=1)
    booked = await book(database, session_id, siti)
    assert isinstance(booked, coaching.Booked)
    await book(database, session_id, budi, waitlist_if_full=True)
    await book(database, session_id, ani, waitlist_if_full=True)

    async with database.transaction() as session:
        cancelled = await coaching.cancel_booking(
            session,
            booking_id=booked.booking.id,
            member_id=siti,
            now=NOW,
            reminder_offsets=OFFSETS,
        )
    assert cancelled == coaching.BookingCancelled(promoted_member_id=budi)
    async with database.transaction() as session:
        kinds = {
            (m.member_id, m.kind, m.status) for m in await session.scalars(select(OutboxMessage))
        }
    assert (budi, "waitlist_promoted", "pending") in kinds
    assert (siti, "reminder", "cancelled") in kinds  # her reminders are withdrawn
    assert (budi, "reminder", "pending") in kinds
    assert not any(member == ani and kind == "waitlist_promoted" for member, kind, _ in kinds)


async def test_moving_a_booking_is_one_change(database: Database) -> None:
    siti, budi = await add_members(database, 2)
    old = await add_session(database, START, capacity=1)
    new = await add_session(database, START + timedelta(days=1), capacity=1)
    booked = await book(database, old, siti)
    assert isinstance(booked, coaching.Booked)
    await book(database, old, budi, waitlist_if_full=True)

    async with database.transaction() as session:
        moved = await coaching.move_booking(
            session,
            booking_id=booked.booking.id,
            to_session_id=new,
            member_id=siti,
            now=NOW,
            reminder_offsets=OFFSETS,
        )
    assert isinstance(moved, coaching.Moved)
    async with database.transaction() as session:
        rows = await session.execute(select(CoachingSession.id, CoachingSession.seats_taken))
        seats = {session_id: taken for session_id, taken in rows}
        statuses = {
            (b.session_id, b.member_id): b.status for b in await session.scalars(select(Booking))
        }
    assert seats == {old: 1, new: 1}
    assert statuses[(new, siti)] == "booked" and statuses[(old, siti)] == "cancelled"
    assert statuses[(old, budi)] == "booked"  # the freed seat went to the waitlist


async def test_moving_to_a_full_session_changes_nothing(database: Database) -> None:
    siti, budi = await add_members(database, 2)
    old = await add_session(database, START, capacity=1)
    full = await add_session(database, START + timedelta(days=1), capacity=1)
    booked = await book(database, old, siti)
    await book(database, full, budi)
    assert isinstance(booked, coaching.Booked)
    async with database.transaction() as session:
        moved = await coaching.move_booking(
            session,
            booking_id=booked.booking.id,
            to_session_id=full,
            member_id=siti,
            now=NOW,
            reminder_offsets=OFFSETS,
        )
    assert isinstance(moved, coaching.SessionFull)
    assert (
        await _count(database, Booking, Booking.member_id == siti, Booking.status == "booked") == 1
    )


async def test_rescheduling_re_times_reminders_and_tells_everyone(database: Database) -> None:
    siti, budi = await add_members(database, 2)
    session_id = await add_session(database, START, capacity=1)
    await book(database, session_id, siti)
    await book(database, session_id, budi, waitlist_if_full=True)
    later = START + timedelta(days=2)
    async with database.transaction() as session:
        found = await session.get(CoachingSession, session_id)
        assert found is not None
        await coaching.reschedule_session(
            session,
            found,
            starts_at=later,
            ends_at=later + timedelta(hours=2),
            now=NOW,
            reminder_offsets=OFFSETS,
        )
    async with database.transaction() as session:
        pending = [m for m in await session.scalars(select(OutboxMessage)) if m.status == "pending"]
    reminders = sorted(m.due_at for m in pending if m.kind == "reminder")
    assert reminders == [later - timedelta(hours=24), later - timedelta(hours=2)]
    assert {m.member_id for m in pending if m.kind == "session_changed"} == {siti, budi}


async def test_cancelling_a_session_tells_booked_and_waitlisted(database: Database) -> None:
    siti, budi = await add_members(database, 2)
    session_id = await add_session(database, START, capacity=1)
    await book(database, session_id, siti)
    await book(database, session_id, budi, waitlist_if_full=True)
    async with database.transaction() as session:
        found = await session.get(CoachingSession, session_id)
        assert found is not None
        assert await coaching.cancel_session(session, found, now=NOW) == 2
    assert await _count(database, OutboxMessage, OutboxMessage.kind == "session_cancelled") == 2
    assert (
        await _count(
            database,
            OutboxMessage,
            OutboxMessage.kind == "reminder",
            OutboxMessage.status == "pending",
        )
        == 0
    )


async def test_attendance_records_p2_and_asks_for_feedback(database: Database) -> None:
    siti, budi = await add_members(database, 2)
    session_id = await add_session(database, START)
    await book(database, session_id, siti)
    await book(database, session_id, budi)
    async with database.transaction() as session:
        found = await session.get(CoachingSession, session_id)
        assert found is not None
        assert await coaching.record_attendance(session, found, {siti}, now=NOW) == 1
    async with database.transaction() as session:
        steps = {(p.member_id, p.step) for p in await session.scalars(select(MemberProgress))}
        booking = (await session.scalars(select(Booking).where(Booking.member_id == siti))).one()
        assert await coaching.give_feedback(
            session, booking_id=booking.id, member_id=siti, rating=4, now=NOW
        )
    assert (siti, "P2") in steps and (budi, "P2") not in steps
    assert await _count(database, OutboxMessage, OutboxMessage.kind == "feedback_request") == 1
    async with database.transaction() as session:
        assert await coaching.feedback_summary(session, session_id) == (4.0, 1)


async def test_upcoming_lists_the_members_kecamatan_first(database: Database) -> None:
    elsewhere = await add_session(database, START)
    barat = await add_session(
        database, START - timedelta(days=1), kind="training", topic="P4", kecamatan_code="31.73.01"
    )
    async with database.transaction() as session:
        listed = await coaching.upcoming_sessions(session, now=NOW, kecamatan_code="31.74.01")
        only_p4 = await coaching.upcoming_sessions(
            session, now=NOW, kecamatan_code="31.74.01", topic=Topic.P4
        )
    assert [s.id for s in listed] == [elsewhere, barat]
    assert [s.id for s in only_p4] == [barat]
