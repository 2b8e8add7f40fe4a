"""Whether a number or member number belongs to a member is not told to strangers."""

from bot.db import Database
from bot.vocabulary import StaffRoleName
from tests.test_privacy.staff import grant
from tests.transcript import Person, make_engine


async def _to_phone_question(person: Person, name: str) -> None:
    await person.commands("daftar")
    await person.presses("Setuju")
    await person.says(name)


async def test_a_guest_typing_a_members_phone_learns_nothing(database: Database) -> None:
    """A household may share one phone, so a typed number is taken as it is, member's or not."""
    engine = make_engine(database)
    await Person(engine, "5001").registers(name="Budi Santoso", phone="0812-9999-0000")

    stranger = Person(engine, "5002")
    newcomer = Person(engine, "5003")
    for person, phone in ((stranger, "+62 812 9999 0000"), (newcomer, "0812-7777-0000")):
        await _to_phone_question(person, "Rina Wati")
        await person.says(phone)  # Budi's, then nobody's
    assert stranger.text.replace("0812-9999-0000", "N") == newcomer.text.replace(
        "0812-7777-0000", "N"
    )
    said = []
    for person in (stranger, newcomer):
        await person.says("tebet")
        await person.says("Manggarai")
        await person.presses("Masih ide")
        await person.presses("Jasa")
        await person.presses("Simpan")
        said.append(person.text)
    assert "Budi" not in said[0] and "OK-317401-000001" not in said[0]
    assert said[0].replace("000002", "N") == said[1].replace("000003", "N")


async def test_the_owner_sharing_their_number_is_asked_before_being_linked(
    database: Database,
) -> None:
    engine = make_engine(database)
    await Person(engine, "5101").registers(name="Budi Santoso", phone="0812-9999-0000")
    budi_elsewhere = Person(engine, "5102", channel="telegram")
    await _to_phone_question(budi_elsewhere, "Budi S")
    await budi_elsewhere.shares_contact("6281299990000", own=True)
    assert "sudah terdaftar" in budi_elsewhere.text and "Budi" not in budi_elsewhere.text
    await budi_elsewhere.presses("Itu saya")
    assert "terhubung dengan data Anda: Budi Santoso" in budi_elsewhere.text


async def test_the_coach_question_reads_the_same_for_nobody_a_non_coach_and_an_outsider(
    database: Database,
) -> None:
    engine = make_engine(database)
    await Person(engine, "6001").registers(name="Budi Santoso", phone="0812-1111-0001")
    await Person(engine, "6002").registers(
        name="Dewi Lestari", phone="0812-1111-0002", kecamatan="cengkareng", kelurahan="Kapuk"
    )
    await Person(engine, "6003").registers(name="Rudi Hartono", phone="0812-1111-0003")
    coordinator = Person(engine, "6004")
    await coordinator.registers(name="Wati Susanti", phone="0812-1111-0004")
    await grant(database, "0812-1111-0002", StaffRoleName.COACH)  # a coach in Cengkareng
    await grant(database, "0812-1111-0003", StaffRoleName.COACH)  # a coach in Tebet
    await grant(database, "0812-1111-0004", StaffRoleName.COORDINATOR, kecamatan="31.74.01")

    await _to_coach_question(coordinator)
    answers = []
    for reference in ("0812-1111-0001", "0812-1111-0002", "0899-0000-0000", "OK-317401-000099"):
        await coordinator.says(reference)
        answers.append(coordinator.text)
    assert len(set(answers)) == 1, answers  # a member, a coach elsewhere, nobody: all alike
    assert not any(name in answers[0] for name in ("Budi", "Dewi"))
    await coordinator.says("OK-317401-000002")  # Rudi coaches in Tebet: the coordinator's own
    assert "Coach: Rudi Hartono" in coordinator.question


async def test_a_coach_may_name_only_themselves(database: Database) -> None:
    engine = make_engine(database)
    coach = Person(engine, "6101")
    await coach.registers(name="Rudi Hartono", phone="0812-2222-0001")
    await Person(engine, "6102").registers(name="Budi Santoso", phone="0812-2222-0002")
    await grant(database, "0812-2222-0001", StaffRoleName.COACH)
    await grant(database, "0812-2222-0002", StaffRoleName.COACH)
    await _to_coach_question(coach)
    await coach.says("0812-2222-0002")
    assert "Budi" not in coach.text and "tidak ketemu" in coach.text
    await coach.says("0812-2222-0001")
    assert "Coach: Rudi Hartono" in coach.question


async def _to_coach_question(staff: Person) -> None:
    await staff.commands("sesi")
    await staff.presses("Buat sesi")
    await staff.presses("Klinik")
    await staff.presses("P2")
    if "kecamatan" in staff.question:
        await staff.says("tebet")
    await staff.says("Aula Kantor Kecamatan Tebet")
    await staff.says("Jl. Prof. Dr. Soepomo No. 54")
    await staff.presses("Lewati")
    await staff.says("besok")
    await staff.says("09.00")
    await staff.says("11.00")
    await staff.says("30")
    assert "coach" in staff.question.casefold()
