"""Typing instead of tapping on a proactive message: through the real outbox dispatcher.

A rating request answered "4", "4 bintang" or "⭐⭐⭐⭐" records a 4; a reminder
answered "batal" or "1" cancels that seat, not whatever the main menu would do. The
message counts only while it is the latest the chat got, and never over a form.
"""

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.areas import jakarta_areas
from bot.clock import ManualClock
from bot.db import Database
from bot.delivery import Delivered, DeliveryOutcome, SendContext
from bot.messages import Reply
from bot.models import Booking, CoachingSession, Feedback, OutboxMessage
from bot.services import coaching
from conversations.notifications import render_outbox_message
from tests.factories import NOW, add_members, add_session, book
from tests.transcript import Person, make_engine
from wiring.dispatcher import OutboxDispatcher

SESSION_START = NOW + timedelta(days=3)


class Chat:
    """The channel the member's chat is on: records what the dispatcher sends."""

    channel = "test"

    def __init__(self) -> None:
        self.sent: list[Reply] = []

    async def deliver(
        self, external_id: str, reply: Reply, context: SendContext
    ) -> DeliveryOutcome:
        self.sent.append(reply)
        return Delivered(f"m{len(self.sent)}")


def _dispatcher(db: Database, clock: ManualClock, chat: Chat) -> OutboxDispatcher:
    async def render(session: object, message: OutboxMessage, language: str) -> Reply | None:
        return await render_outbox_message(
            session,  # type: ignore[arg-type]
            message,
            language,
            areas=jakarta_areas(),
            now=clock.now(),
        )

    return OutboxDispatcher(
        db, clock, {"test": chat}, render, worker="w1", rates={"test": 1000}, per_chat_interval=0
    )


async def _booked(db: Database) -> tuple[int, int]:
    """A member with a chat (`chat0` on `test`) holding a seat three days ahead."""
    [member_id] = await add_members(db, chat_channel="test")
    booked = await book(db, await add_session(db, SESSION_START), member_id)
    assert isinstance(booked, coaching.Booked)
    return member_id, booked.booking.id


async def _after_the_session(db: Database, clock: ManualClock, member_id: int) -> None:
    """The session took place, the member came, and the rating request is due."""
    clock.advance(timedelta(days=3, hours=3))
    async with db.transaction() as session:
        chosen = (await session.scalars(select(CoachingSession))).one()
        await coaching.record_attendance(session, chosen, {member_id}, now=clock.now())


@pytest.mark.parametrize("typed", ["4", "4 bintang", "⭐⭐⭐⭐", "empat"])
async def test_a_typed_rating_answers_the_rating_request(
    sqlite_database: Database, typed: str
) -> None:
    clock = ManualClock(NOW)
    member_id, booking_id = await _booked(sqlite_database)
    chat = Chat()
    member = Person(make_engine(sqlite_database, clock=clock), "chat0", channel="test")
    await member.says("menu")
    await _after_the_session(sqlite_database, clock, member_id)
    await _dispatcher(sqlite_database, clock, chat).run(_never(), until_idle=True)
    assert "Seberapa bermanfaat" in chat.sent[-1].text

    await member.says(typed)

    assert "Terima kasih atas nilainya" in member.text
    assert "saran" in member.question
    async with sqlite_database.transaction() as session:
        feedback = await session.get(Feedback, booking_id)
    assert feedback is not None and feedback.rating == 4


async def test_typed_batal_after_a_reminder_cancels_that_seat(sqlite_database: Database) -> None:
    clock = ManualClock(NOW)
    _member_id, booking_id = await _booked(sqlite_database)
    chat = Chat()
    member = Person(make_engine(sqlite_database, clock=clock), "chat0", channel="test")
    await member.says("menu")
    clock.advance(SESSION_START - timedelta(hours=24) - NOW)
    await _dispatcher(sqlite_database, clock, chat).run(_never(), until_idle=True)
    assert "Pengingat" in chat.sent[-1].text

    await member.says("batal")

    assert "sudah dibatalkan" in member.text
    assert await _status(sqlite_database, booking_id) == "cancelled"


async def test_the_reminders_number_cancels_too_but_only_while_it_is_the_latest(
    sqlite_database: Database,
) -> None:
    clock = ManualClock(NOW)
    _member_id, booking_id = await _booked(sqlite_database)
    member = Person(make_engine(sqlite_database, clock=clock), "chat0", channel="test")
    await member.says("menu")
    clock.advance(SESSION_START - timedelta(hours=24) - NOW)
    await _dispatcher(sqlite_database, clock, Chat()).run(_never(), until_idle=True)

    await member.says("profil")  # something else first: the reminder is no longer the latest
    await member.says("menu")
    await member.says("1")
    assert "Cari pelatihan dan konsultasi" in member.question or "Topik apa" in member.question
    assert await _status(sqlite_database, booking_id) == "booked"

    clock.advance(timedelta(hours=22))
    await member.says("menu")
    await _dispatcher(sqlite_database, clock, Chat()).run(_never(), until_idle=True)
    await member.says("1")  # the 2-hour reminder is the latest now
    assert "sudah dibatalkan" in member.text
    assert await _status(sqlite_database, booking_id) == "cancelled"


async def test_batal_in_the_middle_of_a_form_cancels_the_form_not_the_seat(
    sqlite_database: Database,
) -> None:
    clock = ManualClock(NOW)
    _member_id, booking_id = await _booked(sqlite_database)
    member = Person(make_engine(sqlite_database, clock=clock), "chat0", channel="test")
    clock.advance(SESSION_START - timedelta(hours=24) - NOW)
    await member.says("jadwal")
    assert "Topik apa" in member.question
    await _dispatcher(sqlite_database, clock, Chat()).run(_never(), until_idle=True)

    await member.says("batal")

    assert "Oke, dibatalkan" in member.text
    assert await _status(sqlite_database, booking_id) == "booked"


async def _status(db: Database, booking_id: int) -> str:
    async with db.transaction() as session:
        booking = await session.get(Booking, booking_id)
        assert booking is not None
        return booking.status


def _never() -> asyncio.Event:
    """A stop signal that never comes: the dispatcher runs until nothing is due."""
    return asyncio.Event()


async def test_typed_batal_after_a_waitlist_promotion_gives_the_seat_back(
    sqlite_database: Database,
) -> None:
    clock = ManualClock(NOW)
    first, second = await add_members(sqlite_database, 2, chat_channel="test")
    session_id = await add_session(sqlite_database, SESSION_START, capacity=1)
    seated = await book(sqlite_database, session_id, first)
    waiting = await book(sqlite_database, session_id, second, waitlist_if_full=True)
    assert isinstance(seated, coaching.Booked) and isinstance(waiting, coaching.Waitlisted)
    member = Person(make_engine(sqlite_database, clock=clock), "chat1", channel="test")
    await member.says("menu")
    async with sqlite_database.transaction() as session:
        await coaching.cancel_booking(
            session,
            booking_id=seated.booking.id,
            member_id=first,
            now=clock.now(),
            reminder_offsets=(),
        )
    chat = Chat()
    await _dispatcher(sqlite_database, clock, chat).run(_never(), until_idle=True)
    assert any("Ada kursi kosong" in reply.text for reply in chat.sent)

    await member.says("batal")

    assert "sudah dibatalkan" in member.text
    assert await _status(sqlite_database, waiting.booking.id) == "cancelled"
