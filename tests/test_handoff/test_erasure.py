"""Deleting a member's data reaches their questions for staff, FAQ entries made of them,
answers to their chats, and their name as the staff member who answered."""

from __future__ import annotations

import sqlalchemy as sa

from bot.db import Database
from bot.models import HandoffQuestion, StaffFaqEntry
from bot.services.erasure import ERASED_AUTHOR
from tests.test_handoff.staff import TEBET, asks_staff, make_coordinator, questions
from tests.test_privacy.test_delete_my_data import leftovers
from tests.transcript import Person, make_engine

SITI_CHAT = "5550123"
BUDI_CHAT = "5550999"
AS_GUEST = "saya Siti Aminah 0812-3456-7890, boleh ikut pelatihan?"
AS_MEMBER = "Siti Aminah mau tanya soal KUR untuk warung kopi"
NEEDLES = ["Siti Aminah", "Aminah", "0812-3456-7890", "+6281234567890", SITI_CHAT]


async def _deletes_their_data(person: Person) -> None:
    await person.commands("profil")  # staff have it on the menu's second page
    await person.presses("Hapus data saya")
    await person.presses("Ya, hapus")
    assert "sudah dihapus" in person.text


async def test_deleting_my_data_erases_my_questions_and_what_was_made_of_them(
    database: Database,
) -> None:
    engine = make_engine(database, admins=["test:admin"])
    siti = Person(engine, SITI_CHAT)
    await siti.says("tanya petugas")  # first as a guest
    await siti.says(AS_GUEST)
    await siti.presses("Kirim ke petugas")
    await siti.registers()
    await asks_staff(siti, AS_MEMBER)

    budi = Person(engine, BUDI_CHAT)
    await budi.registers(name="Budi Santoso", phone="0813-0000-1111")
    await make_coordinator(database, budi, TEBET)
    await budi.commands("jawab")
    await budi.presses("#")
    await budi.says("Bisa, KUR lewat bank penyalur. Siapkan NIB dulu.")
    await budi.presses("Kirim")
    await budi.presses("Tambah ke FAQ")
    admin = Person(engine, "admin")
    await admin.commands("jawab")
    await admin.presses("#")
    await admin.says("Boleh, pelatihan terbuka untuk semua warga.")
    await admin.presses("Kirim")
    assert await leftovers(database, NEEDLES)  # her words are there before

    await _deletes_their_data(siti)
    assert await leftovers(database, NEEDLES) == []
    async with database.transaction() as session:
        assert (await session.scalars(sa.select(StaffFaqEntry))).all() == []

    # Staff who answered are erased as authors too; the question stays for its asker.
    carla = Person(engine, "5550777")
    await carla.registers(name="Carla Dewi", phone="0812-9999-0000")
    await asks_staff(carla, "kapan klinik P4 perizinan dibuka lagi")
    await budi.commands("jawab")
    await budi.presses("#")
    await budi.says("Bulan depan, jadwalnya menyusul di menu Cari pelatihan.")
    await budi.presses("Kirim")
    await _deletes_their_data(budi)
    [question] = await questions(database)
    assert question.answered_by == ERASED_AUTHOR
    assert await leftovers(database, ["Budi Santoso", BUDI_CHAT, "0813-0000-1111"]) == []
    async with database.transaction() as session:
        assert await session.scalar(sa.select(sa.func.count(HandoffQuestion.id))) == 1
