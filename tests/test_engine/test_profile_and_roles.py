"""Members see, change and delete their data; admins grant and revoke staff roles."""

from sqlalchemy import func, select

from bot.db import Database
from bot.models import ChannelAccount, Member, MemberProgress, StaffRole
from tests.transcript import Person, make_engine


async def test_member_sees_their_profile(database: Database) -> None:
    siti = Person(make_engine(database), "101")
    await siti.registers()
    await siti.presses("Profil saya")
    assert "OK-317401-000001" in siti.question
    assert "HP: 0812-3456-7890" in siti.question
    assert "Tahap program selesai: 1 dari 7 (daftar)" in siti.question


async def test_member_changes_one_field_of_their_profile(database: Database) -> None:
    siti = Person(make_engine(database), "102")
    await siti.registers()
    await siti.presses("Profil saya")
    await siti.presses("Ubah data")
    await siti.presses("Bidang usaha")
    await siti.presses("Fesyen")
    assert "Bidang: Fesyen" in siti.question
    await siti.presses("Simpan")
    assert "sudah diperbarui" in siti.text
    async with database.transaction() as session:
        member = (await session.scalars(select(Member))).one()
    assert member.sector == "fesyen"
    assert member.member_number == "OK-317401-000001"


async def test_a_member_cannot_register_twice(database: Database) -> None:
    siti = Person(make_engine(database), "103")
    await siti.registers()
    await siti.commands("daftar")
    assert "sudah terdaftar" in siti.text
    async with database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Member)) == 1


async def test_delete_my_data_erases_personal_data_and_keeps_counts(database: Database) -> None:
    siti = Person(make_engine(database), "104")
    await siti.registers()
    await siti.presses("Profil saya")
    await siti.presses("Hapus data saya")
    assert "Yakin" in siti.question
    await siti.presses("Ya, hapus")
    assert "sudah dihapus" in siti.text

    async with database.transaction() as session:
        member = (await session.scalars(select(Member))).one()
        assert member.full_name is None and member.phone_e164 is None
        assert member.member_number is None and member.business_name is None
        assert member.deleted_at is not None
        assert member.kecamatan_code == "31.74.01"  # anonymous counts per kecamatan remain
        assert await session.scalar(select(func.count()).select_from(MemberProgress)) == 1
        assert (await session.scalars(select(ChannelAccount))).all() == []  # the chat goes too

    await siti.says("menu")
    assert "Daftar OK OCE" in " ".join(siti.labels)
    await siti.registers(name="Siti Baru")  # the freed number can register again
    assert "Nomor anggota" in siti.text


async def test_changing_mind_about_deletion_keeps_everything(database: Database) -> None:
    siti = Person(make_engine(database), "105")
    await siti.registers()
    await siti.presses("Profil saya")
    await siti.presses("Hapus data saya")
    await siti.presses("Tidak jadi")
    assert "Profil Anda" in siti.question
    async with database.transaction() as session:
        assert (await session.scalars(select(Member))).one().full_name == "Siti Aminah"


async def test_admin_grants_and_revokes_roles(database: Database) -> None:
    engine = make_engine(database, admins=["test:1"])
    budi = Person(engine, "200")
    await budi.registers(name="Budi Santoso", phone="0813-0000-1111")
    admin = Person(engine, "1")
    await admin.says("menu")
    await admin.presses("Kelola peran")
    await admin.presses("Beri peran")
    await admin.says("0813-0000-1111")
    await admin.presses("Koordinator")
    await admin.says("cengkareng")
    assert "Budi Santoso sekarang Koordinator Kec. Cengkareng" in admin.text
    await admin.presses("Beri peran")
    await admin.says("OK-317401-000001")
    await admin.presses("Coach")
    assert "Budi Santoso sekarang Coach" in admin.text

    async with database.transaction() as session:
        held = {(r.role, r.kecamatan_code) for r in await session.scalars(select(StaffRole))}
    assert held == {("coordinator", "31.73.01"), ("coach", None)}

    await admin.presses("Daftar staf")
    assert "Budi Santoso: Koordinator (Cengkareng)" in admin.text
    await admin.presses("Cabut peran")
    await admin.says("OK-317401-000001")
    await admin.presses("Coach")
    assert "sudah dicabut" in admin.text
    await budi.says("menu")
    await budi.presses("Berikutnya")  # staff tools fill the menu's first page
    await budi.presses("Profil saya")
    assert "Peran: Koordinator" in budi.question


async def test_unknown_member_reference_is_asked_again(database: Database) -> None:
    admin = Person(make_engine(database, admins=["test:1"]), "1")
    await admin.commands("peran")
    await admin.presses("Beri peran")
    await admin.says("OK-999999-000001")
    assert "tidak ketemu" in admin.text
    assert "nomor anggota" in admin.question
