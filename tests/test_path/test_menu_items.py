"""The main menu offers the 7 PAS tools to members on one page; staff find their tools first."""

from __future__ import annotations

from bot.db import Database
from bot.services import members, roles
from bot.vocabulary import StaffRoleName
from tests.transcript import START, Person, make_engine


async def test_a_member_sees_the_path_tools_on_one_page(sqlite_database: Database) -> None:
    siti = Person(make_engine(sqlite_database), "siti")
    await siti.registers()
    await siti.commands("menu")
    assert siti.labels == [
        "📅 Cari pelatihan",
        "🗓️ Jadwal saya",
        "🛍️ Produk & jualan",
        "🧭 Langkah saya",
        "💰 Modal & pinjaman",
        "📒 Catatan keuangan",
        "📜 Izin usaha (NIB)",
        "👤 Profil saya",
        "💬 Tanya petugas",
        "❓ Bantuan",
    ]
    for label, opens in (
        ("Langkah saya", "Langkah berikutnya"),
        ("Modal & pinjaman", "tidak membagikan modal gratis"),
        ("Catatan keuangan", "Ketik satu catatan"),
        ("Izin usaha (NIB)", "Cara buat NIB lewat OSS"),
    ):
        await siti.commands("menu")
        await siti.presses(label)
        assert opens in siti.question


async def test_a_coordinator_finds_the_staff_tools_first(sqlite_database: Database) -> None:
    budi = Person(make_engine(sqlite_database), "budi")
    await budi.registers(name="Budi Santoso")
    async with sqlite_database.transaction() as session:
        member = await members.find_member(session, "OK-317401-000001")
        assert member is not None
        await roles.grant_role(
            session,
            member.id,
            StaffRoleName.COORDINATOR,
            kecamatan_code="31.74.01",
            granted_by="test:1",
            now=START,
        )
    await budi.commands("menu")
    assert budi.labels[:3] == ["🧑‍🏫 Kelola sesi", "📥 Pertanyaan warga", "💼 Permintaan modal"]
    assert budi.labels[-1] == "Berikutnya ›"
