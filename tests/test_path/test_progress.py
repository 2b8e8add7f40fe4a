"""The 7 PAS path derived from a member's records, and `/progres` showing it with next actions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.bookkeeping_input import BookEntry
from bot.db import Database
from bot.models import Booking, BookkeepingEntry, FinancingRequest, Member, MemberProgress
from bot.services import bookkeeping, coaching, erasure, financing, progress
from bot.vocabulary import (
    EntryCategory,
    EntryKind,
    FinancingRequestStatus,
    PasStep,
    Topic,
)
from tests.factories import NOW, add_members, add_session, book
from tests.phone_screens import ScreenCheckedPerson
from tests.transcript import make_engine

SALE = BookEntry(EntryKind.INCOME, 150_000, EntryCategory.SALES, "keripik")
ADMIN = financing.Reviewer("test:admin", is_admin=True)


async def _path(database: Database, member_id: int) -> progress.Progress:
    async with database.transaction() as session:
        member = await session.get(Member, member_id)
        assert member is not None
        return await progress.progress_of(session, member)


async def test_a_new_member_has_done_registration_only(database: Database) -> None:
    [member_id] = await add_members(database)
    path = await _path(database, member_id)
    assert path.done == {PasStep.P1}
    assert path.open_steps == (
        PasStep.P2,
        PasStep.P3,
        PasStep.P4,
        PasStep.P5,
        PasStep.P6,
        PasStep.P7,
    )


@pytest.mark.parametrize(("topic", "step"), [(Topic.P2, PasStep.P2), (Topic.P3, PasStep.P3)])
async def test_attending_a_session_is_training_or_mentoring(
    database: Database, topic: Topic, step: PasStep
) -> None:
    [member_id] = await add_members(database)
    session_id = await add_session(database, NOW + timedelta(days=1), topic=topic)
    booked = await book(database, session_id, member_id)
    assert isinstance(booked, coaching.Booked)
    async with database.transaction() as session:
        # Only the attendance record, no progress row: the path is read from records.
        row = await session.get(Booking, booked.booking.id)
        assert row is not None
        row.attended = True
    assert (await _path(database, member_id)).done == {PasStep.P1, step}


async def test_an_nib_on_the_record_is_licensing(database: Database) -> None:
    [member_id] = await add_members(database)
    async with database.transaction() as session:
        member = await session.get(Member, member_id)
        assert member is not None
        member.nib = "1234567890123"
    path = await _path(database, member_id)
    assert PasStep.P4 in path.done and path.nib == "1234567890123"


async def test_a_live_listing_is_a_progress_row_written_by_the_product_work(
    database: Database,
) -> None:
    [member_id] = await add_members(database)
    async with database.transaction() as session:
        assert await progress.record_step(session, member_id, PasStep.P5, NOW)
        assert not await progress.record_step(session, member_id, PasStep.P5, NOW)
    assert PasStep.P5 in (await _path(database, member_id)).done


async def test_three_months_with_records_are_the_bookkeeping_step(database: Database) -> None:
    [member_id] = await add_members(database)
    saved = []
    async with database.transaction() as session:
        for days in (0, 1, 40, 41, 75):  # Nov, Nov, Jan, Jan, Feb (Jakarta dates)
            saved.append(
                await bookkeeping.add_entry(session, member_id, SALE, NOW + timedelta(days=days))
            )
    assert [s.months for s in saved] == [1, 1, 2, 2, 3]
    assert [s.p6_done for s in saved] == [False, False, False, False, True]
    path = await _path(database, member_id)
    assert PasStep.P6 in path.done and path.bookkeeping_months == 3


async def test_two_months_are_not_enough(database: Database) -> None:
    [member_id] = await add_members(database)
    async with database.transaction() as session:
        for days in (0, 40):
            await bookkeeping.add_entry(session, member_id, SALE, NOW + timedelta(days=days))
    path = await _path(database, member_id)
    assert PasStep.P6 not in path.done and path.bookkeeping_months == 2


@pytest.mark.parametrize(
    ("moves", "done"),
    [
        ((), False),
        ((FinancingRequestStatus.CONTACTED,), False),
        ((FinancingRequestStatus.REJECTED,), False),
        ((FinancingRequestStatus.REFERRED,), True),
        ((FinancingRequestStatus.REFERRED, FinancingRequestStatus.APPROVED), True),
    ],
)
async def test_a_request_referred_to_a_lender_is_access_to_capital(
    database: Database, moves: tuple[FinancingRequestStatus, ...], done: bool
) -> None:
    [member_id] = await add_members(database)
    async with database.transaction() as session:
        member = await session.get(Member, member_id)
        assert member is not None
        created = await financing.create_request(
            session, member, product_id=None, amount=5_000_000, purpose="gerobak", now=NOW
        )
        assert isinstance(created, financing.Requested)
        for status in moves:
            await financing.move_request(session, ADMIN, created.request.id, status, now=NOW)
    assert (PasStep.P7 in (await _path(database, member_id)).done) is done


async def test_deleting_a_member_erases_the_books_requests_and_nib_but_keeps_the_counts(
    database: Database,
) -> None:
    [member_id] = await add_members(database)
    async with database.transaction() as session:
        member = await session.get(Member, member_id)
        assert member is not None
        member.nib = "1234567890123"
        await progress.record_step(session, member_id, PasStep.P4, NOW)
        await bookkeeping.add_entry(session, member_id, SALE, NOW)
        await financing.create_request(
            session, member, product_id=None, amount=1_000_000, purpose="gerobak", now=NOW
        )
        await erasure.erase_member(session, member, now=NOW, reminder_offsets=())
    async with database.transaction() as session:
        member = await session.get(Member, member_id)
        assert member is not None and member.nib is None
        assert (await session.scalars(select(BookkeepingEntry))).first() is None
        assert (await session.scalars(select(FinancingRequest))).first() is None
        steps = set(await session.scalars(select(MemberProgress.step)))
    assert steps == {PasStep.P1, PasStep.P4}


async def test_progres_shows_the_seven_steps_and_a_next_action_for_each_open_one(
    sqlite_database: Database,
) -> None:
    siti = ScreenCheckedPerson(make_engine(sqlite_database), "siti")
    await siti.registers()
    await siti.commands("progres")
    steps, actions = (reply.text for reply in siti.last)
    assert steps.splitlines() == [
        "🧭 Langkah 7 PAS: 1 dari 7 selesai",
        "✅ P1 Pendaftaran",
        "⬜ P2 Pelatihan",
        "⬜ P3 Pendampingan",
        "⬜ P4 Perizinan",
        "⬜ P5 Pemasaran",
        "⬜ P6 Laporan keuangan",
        "⬜ P7 Akses permodalan",
    ]
    assert actions.splitlines() == [
        "Langkah berikutnya:",
        "P2: ikut satu pelatihan OK OCE",
        "P3: ikut klinik pendampingan",
        "P4: buat NIB gratis, lalu catat",
        "P5: jual produk lewat foto",
        "P6: catat keuangan 3 bulan (0/3)",
        "P7: cek syarat, lalu ajukan pinjaman",
    ]
    assert siti.labels == [
        "📅 P2 Cari pelatihan",
        "🤝 P3 Pendampingan",
        "📜 P4 Izin usaha",
        "🛒 P5 Jual produk",
        "📒 P6 Catatan",
        "💰 P7 Modal",
        "↩ Menu",
    ]


@pytest.mark.parametrize(
    ("button", "opens"),
    [
        ("P2 Cari pelatihan", "Belum ada jadwal untuk topik ini"),
        ("P3 Pendampingan", "Belum ada jadwal untuk topik ini"),
        ("P4 Izin usaha", "Cara buat NIB lewat OSS"),
        ("P5 Jual produk", "Kirim foto produknya"),
        ("P6 Catatan", "Ketik satu catatan"),
        ("P7 Modal", "OK OCE tidak membagikan modal gratis"),
    ],
)
async def test_each_next_action_button_opens_the_step_that_provides_it(
    sqlite_database: Database, button: str, opens: str
) -> None:
    siti = ScreenCheckedPerson(make_engine(sqlite_database), "siti")
    await siti.registers()
    await siti.commands("progres")
    await siti.presses(button)
    assert opens in siti.question


async def test_the_training_button_finds_the_training_sessions(sqlite_database: Database) -> None:
    engine = make_engine(sqlite_database)
    await add_session(sqlite_database, NOW + timedelta(days=2), topic=Topic.P2, kind="training")
    await add_session(sqlite_database, NOW + timedelta(days=3), topic=Topic.P3)
    siti = ScreenCheckedPerson(engine, "siti")
    await siti.registers()
    await siti.commands("progres")
    await siti.presses("P2 Cari pelatihan")
    sessions = [line for line in siti.question.split("\n") if line.endswith("· Tebet")]
    assert len(sessions) == 1


async def test_a_member_who_has_done_everything_is_told_so(sqlite_database: Database) -> None:
    siti = ScreenCheckedPerson(make_engine(sqlite_database), "siti")
    await siti.registers()
    async with sqlite_database.transaction() as session:
        member = (await session.scalars(select(Member))).one()
        for step in PasStep:
            await progress.record_step(session, member.id, step, NOW)
    await siti.commands("progres")
    assert "7 dari 7 selesai" in siti.text
    assert "Semua langkah 7 PAS sudah selesai" in siti.question
    assert siti.labels == ["↩ Menu"]


async def test_someone_not_registered_starts_with_registration(sqlite_database: Database) -> None:
    guest = ScreenCheckedPerson(make_engine(sqlite_database), "guest")
    await guest.commands("progres")
    assert "0 dari 7 selesai" in guest.text
    assert guest.labels[0] == "📝 P1 Daftar"
