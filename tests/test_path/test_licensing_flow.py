"""Izin usaha: the NIB guide from its content file, and recording an NIB (7 PAS P4)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.db import Database
from bot.licensing_content import LICENSING_CONTENT
from bot.models import Member, MemberProgress
from bot.vocabulary import PasStep
from tests.phone_screens import ScreenCheckedPerson
from tests.transcript import make_engine

GUIDE = LICENSING_CONTENT.load()


async def _member(database: Database) -> ScreenCheckedPerson:
    siti = ScreenCheckedPerson(make_engine(database), "siti")
    await siti.registers()
    await siti.presses("Izin usaha (NIB)")
    return siti


async def test_the_guide_says_it_is_free_and_gives_its_date(sqlite_database: Database) -> None:
    siti = await _member(sqlite_database)
    assert siti.question.splitlines() == [
        "📜 Cara buat NIB lewat OSS",
        "Membuat NIB itu gratis untuk usaha mikro.",
        "Panduan per 1 Desember 2026.",
    ]
    await siti.presses("Apa itu NIB?")
    assert siti.last[0].text == GUIDE.intro.id
    assert "GRATIS" in siti.last[0].text
    await siti.presses("Yang disiapkan")
    assert siti.last[0].text == "Siapkan dulu:\n" + GUIDE.prepare_text("id")


async def test_the_oss_steps_one_message_each(sqlite_database: Database) -> None:
    siti = await _member(sqlite_database)
    await siti.presses("Langkah di OSS")
    seen = [siti.question]
    assert siti.labels == ["▶ Berikutnya", "↩ Kembali"]
    for _step in GUIDE.steps[1:]:
        await siti.presses("Berikutnya")
        seen.append(siti.question)
    assert seen == [step.id for step in GUIDE.steps]
    await siti.presses("Sebelumnya")
    assert siti.question == GUIDE.steps[-2].id
    await siti.presses("Berikutnya")
    await siti.presses("Berikutnya")
    assert siti.last[0].text == GUIDE.help.id, "after the last step, where to get help"


@pytest.mark.parametrize("typed", ["1234 5678 90123", "1234567890123", "1234-5678-90123"])
async def test_recording_an_nib_completes_p4(sqlite_database: Database, typed: str) -> None:
    siti = await _member(sqlite_database)
    await siti.presses("Catat NIB saya")
    assert siti.labels == []
    await siti.says(typed)
    assert "NIB Anda 1234567890123. Sudah benar?" in siti.question
    await siti.presses("Ya, simpan")
    assert "NIB 1234567890123 sudah tercatat" in siti.text
    assert "Langkah P4 Perizinan selesai" in siti.text
    assert "NIB Anda: 1234567890123 ✅" in siti.question
    async with sqlite_database.transaction() as session:
        member = (await session.scalars(select(Member))).one()
        steps = set(await session.scalars(select(MemberProgress.step)))
    assert member.nib == "1234567890123"
    assert PasStep.P4 in steps


@pytest.mark.parametrize("typed", ["12345", "12345678901234", "0000000000000", "NIB saya"])
async def test_what_is_not_an_nib_is_refused(sqlite_database: Database, typed: str) -> None:
    siti = await _member(sqlite_database)
    await siti.presses("Catat NIB saya")
    await siti.says(typed)
    assert "NIB itu 13 angka" in siti.text
    async with sqlite_database.transaction() as session:
        assert (await session.scalars(select(Member))).one().nib is None


async def test_changing_the_nib_keeps_p4(sqlite_database: Database) -> None:
    siti = await _member(sqlite_database)
    await siti.presses("Catat NIB saya")
    await siti.says("1234567890123")
    await siti.presses("Ya, simpan")
    await siti.presses("Ubah NIB saya")
    await siti.says("9876543210987")
    await siti.presses("Ya, simpan")
    assert "NIB 9876543210987 sudah tercatat" in siti.text
    assert "selesai" not in siti.text, "P4 was done already"


async def test_a_guest_reads_the_guide_and_registers_to_record(sqlite_database: Database) -> None:
    guest = ScreenCheckedPerson(make_engine(sqlite_database), "guest")
    await guest.commands("nib")
    assert "Cara buat NIB" in guest.question
    guest.checking = False  # the consent notice belongs to registration
    await guest.presses("Catat NIB saya")
    assert "daftar dulu" in guest.text and "Sebelum daftar" in guest.question
