"""Lists people can tell apart: kind, topic, day and time, place and seats for each entry,
the detail in the text and short numbered buttons below it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.db import Database
from bot.message_size import MAX_LINES, wrapped_lines
from bot.services import coaching
from bot.vocabulary import StaffRoleName
from tests.factories import add_members, add_session, book
from tests.test_engine.test_session_admin import _schedules, _staff
from tests.transcript import START, Person, make_engine

KEBAYORAN_BARU = "31.74.07"
DEC_3 = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)  # Kam 3 Des 09.00 WIB


async def test_three_sessions_at_the_same_hour_and_place_read_apart(
    sqlite_database: Database,
) -> None:
    common: dict[str, Any] = {"now": START, "kecamatan_code": KEBAYORAN_BARU}
    await add_session(sqlite_database, DEC_3, kind="clinic", topic="P1", **common)
    full = await add_session(
        sqlite_database, DEC_3, kind="training", topic="P3", capacity=1, **common
    )
    await add_session(sqlite_database, DEC_3, kind="meetup", topic="general", **common)
    [other] = await add_members(sqlite_database)
    assert isinstance(await book(sqlite_database, full, other), coaching.Booked)

    siti = Person(make_engine(sqlite_database), "l1")
    await siti.registers(phone="0812-1111-0001")
    await siti.says("jadwal")
    await siti.says("semua topik")

    lines = siti.question.split("\n")
    assert lines[1:] == [
        "1. Kam 3 Des 09.00 · Kebayoran Baru",
        "   Klinik P1 Pendaftaran · sisa 5 kursi",
        "2. Kam 3 Des 09.00 · Kebayoran Baru",
        "   Pelatihan P3 Pendampingan · penuh, bisa antre",
        "3. Kam 3 Des 09.00 · Kebayoran Baru",
        "   Temu usaha Umum · sisa 5 kursi",
    ]
    assert siti.labels[:3] == ["1. Kam 3 Des 09.00", "2. Kam 3 Des 09.00", "3. Kam 3 Des 09.00"]
    await siti.says("2")
    assert "Pelatihan: P3 Pendampingan" in siti.question
    assert "⏳ Daftar tunggu" in siti.labels


async def test_a_long_list_is_paged_in_short_messages(sqlite_database: Database) -> None:
    for day in range(12):
        await add_session(sqlite_database, DEC_3 + timedelta(days=day), now=START)
    siti = Person(make_engine(sqlite_database), "l2", channel="whatsapp")
    await siti.registers(phone="0812-1111-0002")
    await siti.says("jadwal")
    await siti.says("semua")
    assert wrapped_lines(siti.question) <= MAX_LINES
    assert siti.labels[0] == "1. Kam 3 Des 09.00" and "Berikutnya ›" in siti.labels
    await siti.says("berikutnya")
    assert wrapped_lines(siti.question) <= MAX_LINES
    assert siti.labels[0].startswith("1. ") and siti.labels[0] != "1. Kam 3 Des 09.00"
    assert "‹ Sebelumnya" in siti.labels
    await siti.says("sen 14 des")  # the twelfth, named by its day wherever it is listed
    assert "Sen, 14 Des 2026" in siti.question


async def test_moving_a_booking_offers_every_upcoming_session(sqlite_database: Database) -> None:
    booked_one = await add_session(sqlite_database, DEC_3, now=START, topic="P2")
    await add_session(sqlite_database, DEC_3 + timedelta(days=1), now=START, topic="P5")
    await add_session(
        sqlite_database, DEC_3 + timedelta(days=2), now=START, kind="meetup", topic="general"
    )
    siti = Person(make_engine(sqlite_database), "l3")
    await siti.registers(phone="0812-1111-0003")
    async with sqlite_database.transaction() as session:
        from sqlalchemy import select

        from bot.models import Member

        member = (await session.scalars(select(Member))).one()
    assert isinstance(await book(sqlite_database, booked_one, member.id), coaching.Booked)

    await siti.says("jadwal saya")
    assert "1. Kam 3 Des 09.00 · Tebet" in siti.question and "✅ tempat aman" in siti.question
    await siti.says("1")
    await siti.says("pindah jadwal")
    assert "Klinik P5 Pemasaran" in siti.question
    assert "Temu usaha Umum" in siti.question
    assert "P2 Pelatihan" not in siti.question  # the session already booked
    await siti.says("2")
    await siti.says("ya")
    assert "sudah dipindah" in siti.text


async def test_staff_see_their_sessions_numbered_with_seats_taken(database: Database) -> None:

    budi = Person(make_engine(database), "l4")
    await _staff(database, budi, StaffRoleName.COORDINATOR, name="Budi", phone="0813-0000-1111")
    await _schedules(budi)
    await budi.says("sesi saya")
    assert "1. #1 Rab 25 Nov 09.00 · Tebet" in budi.question
    assert "Pelatihan P2 Pelatihan · 0/30 kursi terisi" in budi.question
