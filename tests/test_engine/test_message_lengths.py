"""No bot message longer than 12 lines of 35 characters, unless the person asked for detail.

Every reply in every test is measured (tests/message_lengths.py, checked by an autouse
fixture in tests/conftest.py). This test walks every flow in both languages, so each
message is measured in Indonesian and in English, and renders every proactive message.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.areas import jakarta_areas
from bot.clock import ManualClock
from bot.db import Database
from bot.message_size import LINE_WIDTH, MAX_LINES, wrapped_lines
from bot.models import Booking, OutboxMessage
from bot.vocabulary import OutboxKind
from conversations.notifications import render_outbox_message
from tests.factories import NOW, add_members, add_session, book
from tests.message_lengths import SEEN, measure
from tests.transcript import START, Person, make_engine

LANGUAGES = ["id", "en"]
BOOKING_KINDS = [
    OutboxKind.REMINDER,
    OutboxKind.WAITLIST_PROMOTED,
    OutboxKind.SESSION_CHANGED,
    OutboxKind.SESSION_CANCELLED,
    OutboxKind.FEEDBACK_REQUEST,
]
"""Messages about a booking; Tanya petugas's are measured in tests/test_handoff/test_screens.py."""
VENUE: dict[str, Any] = {
    "venue_name": "Gelanggang Remaja Bulungan",
    "venue_address": "Jl. Bulungan No. 1",
}


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("", 1),
        ("Halo", 1),
        ("a" * 35, 1),
        ("a" * 36, 2),
        ("satu\n\ndua", 3),
        ("kata " * 14, 2),  # 70 characters of words wrap at a word
        ("🗓️ " + "b" * 33, 1),  # an emoji's variation selector takes no room
    ],
)
def test_lines_are_counted_as_a_phone_wraps_them(text: str, lines: int) -> None:
    assert LINE_WIDTH == 35 and MAX_LINES == 12
    assert wrapped_lines(text) == lines


async def _speaks(person: Person, language: str) -> None:
    if language == "en":
        await person.says("bahasa")
        await person.picks("en")


async def _registers(person: Person, phone: str) -> None:
    await person.commands("daftar")
    await person.picks("yes")
    await person.says("Siti Aminah")
    await person.says(phone)
    await person.says("tebet")
    await person.says("Manggarai")
    await person.picks("running")
    await person.says("Warung Bu Siti")
    await person.picks("kuliner")
    await person.picks("edit")
    await person.picks("full_name")
    await person.says("Siti Aminah Lestari")
    await person.picks("save")


@pytest.mark.parametrize("language", LANGUAGES)
async def test_every_member_flow_keeps_its_messages_short(
    sqlite_database: Database, language: str
) -> None:
    clock = ManualClock(START)
    engine = make_engine(sqlite_database, clock=clock)
    soon = START + timedelta(days=2)
    await add_session(sqlite_database, soon, now=START, kind="training", topic="P2", **VENUE)
    full = await add_session(sqlite_database, soon + timedelta(days=1), now=START, capacity=1)
    await add_session(sqlite_database, soon + timedelta(days=2), now=START, kind="meetup")
    [other] = await add_members(sqlite_database)
    await book(sqlite_database, full, other)

    siti = Person(engine, f"m-{language}")
    await siti.says("halo")
    await _speaks(siti, language)
    await siti.commands("bantuan")
    await _registers(siti, "0812-3456-7890")

    await siti.commands("profil")
    await siti.picks("edit")
    await siti.picks("summary")
    await siti.picks("cancel")
    await siti.picks("delete")
    await siti.picks("no")

    await siti.commands("jadwal")
    await siti.picks("all")
    await siti.says("1")
    await siti.picks("book")
    await siti.commands("jadwal")
    await siti.picks("all")
    await siti.says("2")
    await siti.picks("waitlist")
    await siti.commands("bantuan")

    await siti.commands("jadwalsaya")
    await siti.says("1")
    await siti.picks("move")
    await siti.says("1")
    await siti.picks("yes")
    await siti.says("1")
    await siti.picks("cancel")
    await siti.picks("no")
    await siti.picks("back")

    async with sqlite_database.transaction() as session:
        booking = (await session.scalars(select(Booking).where(Booking.member_id != other))).first()
        assert booking is not None
    await siti.send(siti.event(choice=f"@rate:{booking.id}:5"))
    await siti.says("Bagus sekali")
    clock.advance(timedelta(hours=25))
    await siti.commands("jadwal")
    await siti.says("pinjaman")  # refused, with the choices named briefly

    guest = Person(engine, f"g-{language}")
    await guest.says("halo")
    await _speaks(guest, language)
    await guest.commands("daftar")
    await guest.picks("yes")
    await guest.says("Budi")
    await guest.says("021-5551234")  # a landline, refused with its reason
    await guest.says("menu")
    await guest.commands("daftar")
    await guest.picks("yes")
    await guest.says("kembali")
    await guest.says("Budi")
    await guest.shares_contact("6281234567890", own=True)  # Siti's: asked who this is
    await guest.picks("me")

    assert sum(reply.language == language for reply in SEEN) > 60


@pytest.mark.parametrize("language", LANGUAGES)
async def test_every_staff_flow_keeps_its_messages_short(
    sqlite_database: Database, language: str
) -> None:
    clock = ManualClock(START)
    engine = make_engine(sqlite_database, admins=["test:admin"], clock=clock)
    budi = Person(engine, f"c-{language}")
    await _speaks(budi, language)
    await _registers(budi, "0813-0000-1111")
    siti = Person(engine, f"m-{language}")
    await _registers(siti, "0812-3456-7890")

    admin = Person(engine, "admin")
    await _speaks(admin, language)
    await admin.commands("peran")
    await admin.picks("grant")
    await admin.says("0813-0000-1111")
    await admin.picks("coordinator")
    await admin.says("tebet")
    await admin.picks("list")
    await admin.picks("grant")
    await admin.says("0813-0000-1111")
    await admin.picks("coach")

    await budi.commands("sesi")
    await budi.picks("create")
    await budi.picks("training")
    await budi.picks("P2")
    await budi.says("kby baru")
    await budi.says("Gelanggang Remaja Bulungan Kebayoran")
    await budi.says("Jl. Bulungan No. 1, Kramat Pela, Kebayoran Baru")
    await budi.says("https://maps.app.goo.gl/Tb1")
    await budi.says("sabtu 6 des")  # a weekday that does not match: asked
    await budi.picks("yes")
    await budi.says("09.00")
    await budi.says("11.00")
    await budi.says("30")
    await budi.picks("self")
    await budi.picks("edit")
    await budi.picks("summary")
    await budi.picks("yes")

    await siti.commands("jadwal")
    await siti.picks("all")
    await siti.says("1")
    await siti.picks("book")

    await budi.picks("mine")
    await budi.says("1")
    await budi.picks("roster")
    await budi.picks("csv")
    await budi.picks("retime")
    await budi.says("besok 10.00")
    await budi.says("12.00")
    await budi.picks("no")
    await budi.picks("cancel")
    await budi.picks("no")
    clock.advance(timedelta(days=14))
    await budi.commands("sesi")
    await budi.picks("mine")
    await budi.says("1")
    await budi.picks("attendance")
    await budi.says("1")
    await budi.picks("save")

    assert sum(reply.language == language for reply in SEEN) > 40


@pytest.mark.parametrize("language", LANGUAGES)
async def test_every_proactive_message_is_short(sqlite_database: Database, language: str) -> None:
    [member_id] = await add_members(sqlite_database, chat_channel="test")
    session_id = await add_session(sqlite_database, NOW + timedelta(days=3), **VENUE)
    booked = await book(sqlite_database, session_id, member_id)
    booking_id = booked.booking.id  # type: ignore[union-attr]
    async with sqlite_database.transaction() as session:
        for kind in BOOKING_KINDS:
            message = OutboxMessage(
                member_id=member_id,
                kind=kind,
                payload={"booking_id": booking_id, "hours": 24},
                dedupe_key=kind,
                due_at=NOW,
                created_at=NOW,
            )
            reply = await render_outbox_message(
                session, message, language, areas=jakarta_areas(), now=NOW
            )
            assert reply is not None, kind
            measure([reply])
    assert len(SEEN) == len(BOOKING_KINDS)
