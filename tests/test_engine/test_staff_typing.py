"""Staff schedule from a phone by typing: day words, a date with its time, doubtful
dates asked about (never moved silently), and any part of the summary changed."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.db import Database
from bot.models import CoachingSession
from bot.vocabulary import StaffRoleName
from tests.test_engine.test_session_admin import _staff
from tests.transcript import Person, make_engine

# The transcript's clock: Senin 23 Nov 2026, 09.00 WIB.


async def _coordinator(database: Database) -> Person:
    budi = Person(make_engine(database), "s1")
    await _staff(
        database, budi, StaffRoleName.COORDINATOR, name="Budi Santoso", phone="0813-0000-1111"
    )
    return budi


async def _up_to_the_date(budi: Person) -> None:
    """Everything before the date, typed."""
    for text in ("sesi", "buat sesi", "pelatihan", "p2", "Aula Kecamatan Tebet", "Jl. Soepomo 54"):
        await budi.says(text)
    await budi.says("lewati")
    assert "Tanggal berapa?" in budi.question


async def _rest_and_summary(budi: Person) -> str:
    for text in ("30", "lewati"):
        await budi.says(text)
    assert "Periksa sesi baru" in budi.question
    return budi.question


@pytest.mark.parametrize(
    ("typed", "when"),
    [
        ("besok", "Sel, 24 Nov 2026 09.00–11.00"),
        ("lusa", "Rab, 25 Nov 2026 09.00–11.00"),
        ("sabtu", "Sab, 28 Nov 2026 09.00–11.00"),
        ("sabtu depan", "Sab, 5 Des 2026 09.00–11.00"),
        ("hari minggu depan", "Min, 6 Des 2026 09.00–11.00"),
        ("6 des", "Min, 6 Des 2026 09.00–11.00"),
        ("Minggu, 6 Des", "Min, 6 Des 2026 09.00–11.00"),
    ],
)
async def test_a_day_typed_the_way_staff_say_it(
    sqlite_database: Database, typed: str, when: str
) -> None:
    budi = await _coordinator(sqlite_database)
    await _up_to_the_date(budi)
    await budi.says(typed)
    assert "Mulai jam berapa" in budi.question
    await budi.says("jam 9")
    await budi.says("11.00")
    assert when in await _rest_and_summary(budi)


@pytest.mark.parametrize(
    ("typed", "said", "when"),
    [
        ("sabtu 2 siang", "Mulai 28 Nov 2026, jam 14.00", "Sab, 28 Nov 2026 14.00–16.00"),
        ("besok jam 9", "Mulai 24 Nov 2026, jam 09.00", "Sel, 24 Nov 2026 09.00–16.00"),
    ],
)
async def test_a_date_with_its_time_fills_both(
    sqlite_database: Database, typed: str, said: str, when: str
) -> None:
    budi = await _coordinator(sqlite_database)
    await _up_to_the_date(budi)
    await budi.says(typed)
    assert said in budi.text
    assert "Selesai jam berapa" in budi.question
    await budi.says("16.00")
    assert when in await _rest_and_summary(budi)


async def test_next_week_alone_asks_which_day(sqlite_database: Database) -> None:
    budi = await _coordinator(sqlite_database)
    await _up_to_the_date(budi)
    await budi.says("minggu depan")
    assert "Hari apa?" in budi.text and "Tanggal berapa?" in budi.question


async def test_a_weekday_that_does_not_match_the_date_is_questioned(
    sqlite_database: Database,
) -> None:
    budi = await _coordinator(sqlite_database)
    await _up_to_the_date(budi)
    await budi.says("sabtu 6 des")
    assert "6 Des 2026 hari Minggu, bukan Sabtu" in budi.question
    await budi.says("tulis lagi")
    assert "Tanggal berapa?" in budi.question
    await budi.says("sabtu 6 des")
    await budi.says("ya")
    assert "Mulai jam berapa" in budi.question


async def test_a_past_date_is_questioned_never_moved_to_next_year(
    sqlite_database: Database,
) -> None:
    budi = await _coordinator(sqlite_database)
    await _up_to_the_date(budi)
    await budi.says("20/11/2026")
    assert "20 Nov 2026 sudah lewat" in budi.text and "Tanggal berapa?" in budi.question
    await budi.says("20/11")  # no year: the coming one is more than six months off
    assert "20 Nov 2026 sudah lewat. Maksudnya 20 Nov 2027?" in budi.question
    await budi.says("tidak")
    assert "Tanggal berapa?" in budi.question
    await budi.says("20/11")
    await budi.says("ya")
    await budi.says("09.00")
    await budi.says("11.00")
    assert "Sab, 20 Nov 2027" in await _rest_and_summary(budi)


async def test_a_date_more_than_six_months_ahead_is_questioned(sqlite_database: Database) -> None:
    budi = await _coordinator(sqlite_database)
    await _up_to_the_date(budi)
    await budi.says("30/6/2027")
    assert "30 Jun 2027 itu lebih dari 6 bulan lagi" in budi.question
    await budi.says("ya benar")
    assert "Mulai jam berapa" in budi.question


async def test_the_summary_lets_any_part_be_changed(sqlite_database: Database) -> None:
    budi = await _coordinator(sqlite_database)
    await _up_to_the_date(budi)
    for text in ("besok", "09.00", "11.00"):
        await budi.says(text)
    await _rest_and_summary(budi)

    await budi.says("ubah")
    assert "Bagian mana" in budi.question
    assert "Kecamatan" not in budi.labels  # a coordinator's own, fixed
    await budi.says("nama tempat")
    await budi.says("Gedung Serbaguna Tebet")
    assert "Gedung Serbaguna Tebet" in budi.question and "Periksa sesi baru" in budi.question

    await budi.says("ubah")
    await budi.says("tanggal dan jam")
    await budi.says("lusa 1 siang")
    await budi.says("15.00")
    assert "Rab, 25 Nov 2026 13.00–15.00" in budi.question

    await budi.says("ubah")
    await budi.says("jumlah kursi")
    await budi.says("45")
    assert "Kursi: 45" in budi.question

    await budi.says("ubah")
    await budi.says("topik")
    await budi.says("p5")
    assert "P5 Pemasaran" in budi.question

    await budi.says("simpan")
    assert "tersimpan" in budi.text
    async with sqlite_database.transaction() as session:
        created = (await session.scalars(select(CoachingSession))).one()
    assert (created.venue_name, created.capacity, created.topic) == (
        "Gedung Serbaguna Tebet",
        45,
        "P5",
    )


async def test_menu_keeps_the_new_session_as_a_draft(sqlite_database: Database) -> None:
    budi = await _coordinator(sqlite_database)
    await _up_to_the_date(budi)
    await budi.says("menu")
    assert "Isian pembuatan sesi tadi disimpan" in budi.text
    await budi.says("sesi")
    assert "Lanjutkan pembuatan sesi?" in budi.question
    await budi.says("lanjutkan")
    assert "Tanggal berapa?" in budi.question
