"""Registration (P1) through the engine, on SQLite and PostgreSQL."""

from sqlalchemy import func, select

from bot.db import Database
from bot.models import ChannelAccount, Member, MemberProgress
from tests.transcript import Person, make_engine


async def test_citizen_registers_and_gets_a_member_number(database: Database) -> None:
    siti = Person(make_engine(database), "1001")

    await siti.says("halo")
    assert "OK OCE" in siti.text and "tidak membagikan modal gratis" in siti.text
    await siti.presses("Daftar")
    assert "Setuju?" in siti.question
    await siti.presses("Setuju")
    assert siti.question == "Siapa nama lengkap Anda?"
    await siti.says("siti aminah")
    assert "nomor HP" in siti.question
    assert siti.last[-1].contact_button is not None
    await siti.says("0812-3456-7890")
    assert "0812-3456-7890 dicatat" in siti.text
    assert siti.last[0].ends_contact_request
    assert "kecamatan" in siti.question
    await siti.says("kby baru")
    assert "Kelurahan" in siti.question
    await siti.says("senayan")
    await siti.presses("sudah jalan")
    await siti.says("Warung Bu Siti")
    await siti.presses("Kuliner")
    assert "Nama: Siti Aminah" in siti.question
    assert "Kel. Senayan, Kec. Kebayoran Baru, Jakarta Selatan" in siti.question
    await siti.presses("Simpan")

    assert "Nomor anggota: OK-317407-000001" in siti.text
    menu = " ".join(siti.labels)
    assert "Profil saya" in menu and "Daftar OK OCE" not in menu
    async with database.transaction() as session:
        member = (await session.scalars(select(Member))).one()
        assert member.phone_e164 == "+6281234567890"
        assert member.kecamatan_code == "31.74.07"
        assert member.kelurahan_code is not None
        assert member.consent_at is not None
        steps = await session.scalars(select(MemberProgress.step))
        assert list(steps) == ["P1"]


async def test_member_numbers_count_up_per_kecamatan(database: Database) -> None:
    engine = make_engine(database)
    await Person(engine, "1").registers(phone="081200000001", kecamatan="tebet")
    await Person(engine, "2").registers(phone="081200000002", kecamatan="tebet")
    third = Person(engine, "3")
    await third.registers(phone="081200000003", kecamatan="cengkareng", kelurahan="Rawa Buaya")
    assert "OK-317301-000001" in third.text  # another kecamatan counts from 1
    async with database.transaction() as session:
        numbers = sorted(n for n in await session.scalars(select(Member.member_number)) if n)
    assert numbers == ["OK-317301-000001", "OK-317401-000001", "OK-317401-000002"]


async def test_idea_stage_skips_the_business_name(database: Database) -> None:
    budi = Person(make_engine(database), "2001")
    await budi.registers(name="Budi Santoso", phone="0813-1111-2222", business=None)
    async with database.transaction() as session:
        member = (await session.scalars(select(Member))).one()
    assert member.business_status == "idea"
    assert member.business_name is None


async def test_refusing_consent_keeps_nothing(database: Database) -> None:
    ani = Person(make_engine(database), "3001")
    await ani.commands("daftar")
    await ani.presses("Tidak setuju")
    assert "Tidak ada data Anda yang kami simpan" in ani.text
    assert "Daftar OK OCE" in " ".join(ani.labels)
    async with database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Member)) == 0
        account = (await session.scalars(select(ChannelAccount))).one()
        assert account.data.get("full_name") is None


async def test_summary_edit_changes_one_answer_and_returns(database: Database) -> None:
    dewi = Person(make_engine(database), "4001")
    await dewi.commands("daftar")
    for step in ("Setuju",):
        await dewi.presses(step)
    await dewi.says("Dewi Lestari")
    await dewi.says("081277778888")
    await dewi.says("tebet")
    await dewi.says("Manggarai")
    await dewi.presses("Masih ide")
    await dewi.presses("Jasa")
    await dewi.presses("Ubah")
    await dewi.presses("Nama")
    await dewi.says("Dewi Kartika")
    assert "Nama: Dewi Kartika" in dewi.question
    assert "Simpan" in " ".join(dewi.labels)


async def test_a_typed_number_another_member_holds_is_taken_and_reveals_nothing(
    database: Database,
) -> None:
    engine = make_engine(database)
    await Person(engine, "5001").registers(phone="0812-9999-0000")
    other = Person(engine, "5002")
    await other.commands("daftar")
    await other.presses("Setuju")
    await other.says("Rina Wati")
    await other.says("+62 812 9999 0000")
    assert "0812-9999-0000 dicatat" in other.text
    assert "terdaftar" not in other.text
    assert "kecamatan" in other.question


async def test_someone_elses_shared_contact_is_not_trusted(database: Database) -> None:
    joko = Person(make_engine(database), "6001")
    await joko.commands("daftar")
    await joko.presses("Setuju")
    await joko.says("Joko Widodo")
    await joko.shares_contact("6281211112222", own=False)
    assert "nomor orang lain" in joko.text
    await joko.shares_contact("6281211112222", own=True)
    assert "0812-1111-2222 dicatat" in joko.text


async def test_ambiguous_kecamatan_offers_choices(database: Database) -> None:
    rudi = Person(make_engine(database), "7001")
    await rudi.commands("daftar")
    await rudi.presses("Setuju")
    await rudi.says("Rudi Hartono")
    await rudi.says("081234500000")
    await rudi.says("kebayoran")
    assert "yang mana" in rudi.question
    await rudi.presses("Kebayoran Lama")
    assert "Kelurahan" in rudi.question


async def test_kecamatan_can_be_picked_through_its_kota(database: Database) -> None:
    rudi = Person(make_engine(database), "7002")
    await rudi.commands("daftar")
    await rudi.presses("Setuju")
    await rudi.says("Rudi Hartono")
    await rudi.says("081234500001")
    await rudi.presses("Jakarta Utara")
    assert "Koja" in rudi.labels
    await rudi.presses("Koja")
    assert "Kelurahan" in rudi.question
