"""Staff run coaching sessions in chat: create, roster, CSV, attendance, re-time, cancel."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.clock import ManualClock
from bot.db import Database
from bot.models import Booking, CoachingSession, Member, MemberProgress, OutboxMessage
from bot.phones import parse_indonesian_mobile
from bot.services import members, roles
from bot.vocabulary import StaffRoleName
from conversations.session_admin.attendance import attendance_label
from conversations.session_admin.creating import is_map_link
from conversations.session_admin.managing import parse_session_number
from tests.transcript import START, Person, make_engine

TEBET, CENGKARENG = "31.74.01", "31.73.01"
SESSION_STARTS = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)  # Rabu 25/11 09.00 WIB
"""Two days after the transcript's START (Senin 23/11 09.00 WIB)."""


async def _staff(
    database: Database,
    person: Person,
    role: StaffRoleName,
    *,
    name: str,
    phone: str,
    kecamatan: str = TEBET,
) -> Member:
    """Register `person`, then give them `role` (as an admin would)."""
    await person.registers(name=name, phone=phone)
    async with database.transaction() as session:
        member = await members.find_member(session, parse_indonesian_mobile(phone) or phone)
        assert member is not None
        await roles.grant_role(
            session,
            member.id,
            role,
            kecamatan_code=kecamatan if role == StaffRoleName.COORDINATOR else None,
            granted_by="test:1",
            now=START,
        )
    return member


async def _schedules(
    coordinator: Person, *, coach: str | None = None, capacity: str = "30"
) -> None:
    """A coordinator creates a Pelatihan on Rabu 25/11 09.00-11.00 in their kecamatan."""
    await coordinator.commands("sesi")
    await coordinator.presses("Buat sesi")
    await coordinator.presses("Pelatihan")
    await coordinator.presses("P2 Pelatihan")
    await coordinator.says("Aula Kantor Kecamatan Tebet")
    await coordinator.says("Jl. Prof. Dr. Soepomo No. 54")
    await coordinator.presses("Lewati")
    await coordinator.says("25/11")
    await coordinator.says("09.00")
    await coordinator.says("11.00")
    await coordinator.says(capacity)
    if coach is None:
        await coordinator.presses("Lewati")
    else:
        await coordinator.says(coach)
    await coordinator.presses("Simpan")
    assert "tersimpan" in coordinator.text


async def _books(member: Person, *, waitlist: bool = False) -> None:
    """A member finds the session through the menu and takes a seat (or a waitlist place)."""
    await member.says("menu")
    await member.presses("Cari pelatihan")
    await member.presses("Semua topik")
    await member.presses("Rab 25 Nov")
    await member.presses("Daftar tunggu" if waitlist else "Pesan tempat")


async def _opens_first_session(staff: Person) -> None:
    await staff.commands("sesi")
    await staff.presses("Sesi saya")
    await staff.presses("Rab 25 Nov")
    assert "Sesi #1" in staff.question


async def _only_session(database: Database) -> CoachingSession:
    async with database.transaction() as session:
        return (await session.scalars(select(CoachingSession))).one()


async def _outbox(database: Database, kind: str) -> list[OutboxMessage]:
    async with database.transaction() as session:
        query = select(OutboxMessage).where(OutboxMessage.kind == kind)
        return list(await session.scalars(query.order_by(OutboxMessage.due_at)))


async def test_coordinator_creates_a_session_in_their_kecamatan(database: Database) -> None:
    engine = make_engine(database)
    budi = Person(engine, "300")
    await _staff(
        database, budi, StaffRoleName.COORDINATOR, name="Budi Santoso", phone="0813-0000-1111"
    )
    await budi.says("menu")
    await budi.presses("Kelola sesi")
    await budi.presses("Buat sesi")
    await budi.presses("Pelatihan")
    await budi.presses("P2 Pelatihan")
    assert "nama tempatnya" in budi.question  # a coordinator's kecamatan is not asked
    await budi.says("Aula   Kantor Kecamatan Tebet")
    await budi.says("Jl. Prof. Dr. Soepomo No. 54")
    await budi.says("maps.google.com/tebet")
    assert "http://" in budi.text
    await budi.presses("Lewati")
    await budi.says("22/11/2026")
    assert "sudah lewat" in budi.text
    await budi.says("Rabu, 25 Nov")
    await budi.says("jam 25")
    assert "belum bisa dibaca" in budi.text
    await budi.says("jam 9 pagi")
    await budi.says("8.30")
    assert "sesudah jam mulai (09.00)" in budi.text
    await budi.says("11.00")
    await budi.says("tiga puluh")
    assert "1 sampai 500" in budi.text
    await budi.says("30 orang")
    assert "Siapa coach" in budi.question
    assert "Saya sendiri" not in " ".join(budi.labels)
    await budi.says("0813-0000-1111")
    assert "Coach dengan nomor itu tidak ketemu" in budi.text
    await budi.presses("Lewati")
    assert "Kec. Tebet" in budi.question
    assert "09.00–11.00 WIB" in budi.question
    assert "Kursi: 30" in budi.question
    assert "Coach: belum ditentukan" in budi.question
    await budi.presses("Simpan")
    assert "Sesi #1 tersimpan" in budi.text

    created = await _only_session(database)
    assert (created.kind, created.topic, created.kecamatan_code) == ("training", "P2", TEBET)
    assert created.venue_name == "Aula Kantor Kecamatan Tebet"
    assert created.starts_at == SESSION_STARTS
    assert created.ends_at == SESSION_STARTS + timedelta(hours=2)
    assert (created.capacity, created.coach_member_id, created.map_url) == (30, None, None)
    assert created.created_by == "test:300"


async def test_coach_creates_a_session_anywhere_and_coaches_it(database: Database) -> None:
    engine = make_engine(database)
    ani = Person(engine, "400")
    coach = await _staff(
        database, ani, StaffRoleName.COACH, name="Ani Wijaya", phone="0813-0000-2222"
    )
    await ani.commands("sesi")
    await ani.presses("Buat sesi")
    await ani.presses("Klinik konsultasi")
    await ani.presses("P3 Pendampingan")
    assert "kecamatan mana" in ani.question
    await ani.says("cengkareng")
    await ani.says("Balai Warga RW 05")
    await ani.says("Jl. Kamal Raya No. 1")
    await ani.says("https://maps.app.goo.gl/abc123")
    await ani.says("besok")
    await ani.says("1 siang")
    await ani.says("jam 3 sore")
    await ani.says("10")
    assert "Saya sendiri" in " ".join(ani.labels)
    assert "Lewati" not in " ".join(ani.labels)  # a coach's session has a coach
    await ani.presses("Saya sendiri")
    assert "Coach: Ani Wijaya" in ani.question
    assert "Kec. Cengkareng" in ani.question
    await ani.presses("Simpan")

    created = await _only_session(database)
    assert (created.kind, created.topic, created.kecamatan_code) == ("clinic", "P3", CENGKARENG)
    assert created.coach_member_id == coach.id
    assert created.map_url == "https://maps.app.goo.gl/abc123"
    assert created.starts_at == datetime(2026, 11, 24, 6, 0, tzinfo=UTC)  # Selasa 13.00 WIB
    assert created.ends_at == datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


async def test_a_plain_member_typing_sesi_is_refused_politely(sqlite_database: Database) -> None:
    siti = Person(make_engine(sqlite_database), "101")
    await siti.registers()
    assert "Kelola sesi" not in " ".join(siti.labels)
    await siti.commands("sesi")
    assert "khusus staf program" in siti.text
    assert "Menu utama" in siti.question


async def test_coach_sees_roster_downloads_csv_and_marks_attendance(database: Database) -> None:
    clock = ManualClock(START)
    engine = make_engine(database, clock=clock)
    budi, ani = Person(engine, "300"), Person(engine, "400")
    await _staff(
        database, budi, StaffRoleName.COORDINATOR, name="Budi Santoso", phone="0813-0000-1111"
    )
    coach = await _staff(
        database, ani, StaffRoleName.COACH, name="Ani Wijaya", phone="0813-0000-2222"
    )
    assert coach.member_number is not None
    await _schedules(budi, coach=coach.member_number, capacity="2")

    siti, rina, dewi = Person(engine, "101"), Person(engine, "102"), Person(engine, "103")
    await siti.registers()
    await rina.registers(name="Rina Marlina", phone="0812-1111-2222")
    await dewi.registers(name="Dewi Lestari", phone="0812-3333-4444")
    async with database.transaction() as session:
        numbers = {m.full_name: m.member_number for m in await session.scalars(select(Member))}
    await _books(siti)
    await _books(rina)
    await _books(dewi, waitlist=True)
    assert "0812-1111-2222" not in siti.text + dewi.text

    await _opens_first_session(ani)
    assert "Coach: Ani Wijaya" in ani.question
    assert "👥 2/2, 1 antre" in ani.question
    assert "Belum ada penilaian" in ani.question
    await ani.presses("Daftar peserta")
    assert "1. Siti Aminah – 0812-3456-7890" in ani.text
    assert "2. Rina Marlina – 0812-1111-2222" in ani.text
    assert "Daftar tunggu:\n1. Dewi Lestari – 0812-3333-4444" in ani.text

    await ani.presses("Unduh CSV")
    document = ani.last[0].document
    assert document is not None
    assert (document.filename, document.mime_type) == ("peserta-sesi-1.csv", "text/csv")
    assert document.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(document.data.decode("utf-8-sig"))))
    assert rows[0] == ["no", "nama", "nomor_anggota", "hp", "status", "hadir"]
    siti_row = ["1", "Siti Aminah", numbers["Siti Aminah"], "0812-3456-7890", "terdaftar", ""]
    assert rows[1] == siti_row
    assert rows[3][1] == "Dewi Lestari" and rows[3][4] == "daftar tunggu"
    assert len(rows) == 4

    await ani.presses("Absensi")
    assert "setelah sesi dimulai" in ani.text

    clock.advance(SESSION_STARTS - START + timedelta(minutes=30))
    await _opens_first_session(ani)
    await ani.presses("Absensi")
    assert ani.labels[:2] == ["⬜ Siti Aminah", "⬜ Rina Marlina"]
    assert "Dewi" not in " ".join(ani.labels)  # the waitlist did not get a seat
    await ani.presses("⬜ Siti Aminah")
    assert "Siti Aminah: hadir ✅" in ani.text
    assert "✅ Siti Aminah" in ani.labels
    await ani.presses("⬜ Rina Marlina")
    await ani.presses("✅ Rina Marlina")  # tapped twice: not there after all
    assert "⬜ Rina Marlina" in ani.labels
    await ani.presses("Simpan absensi")
    assert "1 dari 2 peserta hadir" in ani.text

    async with database.transaction() as session:
        progress = {
            (m.full_name, p.step)
            for p, m in await session.execute(
                select(MemberProgress, Member).join(Member, Member.id == MemberProgress.member_id)
            )
            if p.step != "P1"
        }
        siti_booking = (
            await session.scalars(
                select(Booking)
                .join(Member, Member.id == Booking.member_id)
                .where(Member.full_name == "Siti Aminah")
            )
        ).one()
    assert progress == {("Siti Aminah", "P2")}
    requests = await _outbox(database, "feedback_request")
    assert [r.payload["booking_id"] for r in requests] == [siti_booking.id]

    await siti.send(siti.event(choice=f"@rate:{siti_booking.id}:4"))
    await ani.presses("Daftar peserta")
    assert "1. Siti Aminah – 0812-3456-7890 ✅" in ani.text
    assert ani.question == "Sesi #1 (25/11 09.00 Tebet). Mau apa lagi?"
    await ani.presses("Kembali")
    await ani.presses("Rab 25 Nov")
    assert "Nilai rata-rata: 4,0 dari 5 (1 penilaian)" in ani.question
    assert "Sesi #1 · Selesai" in ani.question


async def test_retiming_tells_members_and_moves_their_reminders(database: Database) -> None:
    engine = make_engine(database)
    budi, siti = Person(engine, "300"), Person(engine, "101")
    await _staff(
        database, budi, StaffRoleName.COORDINATOR, name="Budi Santoso", phone="0813-0000-1111"
    )
    await _schedules(budi)
    await siti.registers()
    await _books(siti)
    assert len(await _outbox(database, "reminder")) == 2

    await _opens_first_session(budi)
    await budi.presses("Ubah waktu")
    assert "Sekarang: Rab, 25 Nov 2026 09.00–11.00 WIB" in budi.question
    await budi.says("kemarin")
    assert "belum bisa dibaca" in budi.text
    await budi.says("26/11")
    await budi.says("10.00")
    await budi.says("12.00")
    assert "Jadi: Kam, 26 Nov 2026 10.00–12.00 WIB" in budi.question
    assert "1 anggota akan diberi kabar" in budi.question
    await budi.presses("Ya, ubah")
    assert "Waktu sesi #1 sudah diubah. 1 anggota akan diberi kabar." in budi.text
    assert "Sesi #1 · Jadwal diubah" in budi.question

    moved = await _only_session(database)
    assert moved.starts_at == datetime(2026, 11, 26, 3, 0, tzinfo=UTC)
    assert (moved.status, moved.sequence) == ("changed", 1)
    assert len(await _outbox(database, "session_changed")) == 1
    reminders = await _outbox(database, "reminder")
    pending = [r.due_at for r in reminders if r.status == "pending"]
    assert pending == [moved.starts_at - timedelta(hours=24), moved.starts_at - timedelta(hours=2)]
    assert sum(r.status == "cancelled" for r in reminders) == 2


async def test_cancelling_a_session_tells_everyone_on_it(database: Database) -> None:
    engine = make_engine(database)
    budi, siti = Person(engine, "300"), Person(engine, "101")
    await _staff(
        database, budi, StaffRoleName.COORDINATOR, name="Budi Santoso", phone="0813-0000-1111"
    )
    await _schedules(budi)
    await siti.registers()
    await _books(siti)

    await _opens_first_session(budi)
    await budi.presses("Batalkan sesi")
    assert "Yakin batalkan sesi #1?" in budi.question
    assert "1 anggota akan diberi kabar" in budi.question
    await budi.presses("Tidak jadi")
    assert (await _only_session(database)).status == "scheduled"
    await budi.presses("Batalkan sesi")
    await budi.presses("Ya, batalkan")
    assert "Sesi #1 dibatalkan. 1 anggota akan diberi kabar." in budi.text
    assert "Belum ada sesi Anda" in budi.question  # cancelled sessions leave the list

    assert (await _only_session(database)).status == "cancelled"
    assert len(await _outbox(database, "session_cancelled")) == 1
    assert all(r.status == "cancelled" for r in await _outbox(database, "reminder"))


async def test_only_the_sessions_own_staff_may_manage_it(database: Database) -> None:
    engine = make_engine(database, admins=["test:1"])
    budi, eko, ani = Person(engine, "300"), Person(engine, "500"), Person(engine, "400")
    await _staff(
        database, budi, StaffRoleName.COORDINATOR, name="Budi Santoso", phone="0813-0000-1111"
    )
    await _staff(
        database,
        eko,
        StaffRoleName.COORDINATOR,
        name="Eko Prasetyo",
        phone="0813-0000-3333",
        kecamatan=CENGKARENG,
    )
    await _staff(database, ani, StaffRoleName.COACH, name="Ani Wijaya", phone="0813-0000-2222")
    await _schedules(budi)

    for outsider in (eko, ani):
        await outsider.commands("sesi")
        await outsider.presses("Sesi saya")
        assert "Belum ada sesi Anda" in outsider.question
        await outsider.says("#1")
        assert "bukan sesi yang bisa Anda kelola" in outsider.text
        await outsider.says("#99")
        assert "Sesi #99 tidak ketemu" in outsider.text

    admin = Person(engine, "1")
    await admin.commands("sesi")
    await admin.presses("Sesi saya")
    await admin.says("sesi 1")
    assert "Sesi #1" in admin.question


@pytest.mark.parametrize(
    ("typed", "number"),
    [("#12", 12), ("# 12", 12), ("sesi 12", 12), ("Sesi #7", 7), ("12", None), ("#", None)],
)
def test_session_numbers_are_typed_with_a_hash(typed: str, number: int | None) -> None:
    assert parse_session_number(typed) == number


@pytest.mark.parametrize(
    ("typed", "usable"),
    [
        ("https://maps.app.goo.gl/abc", True),
        ("HTTP://maps.google.com/?q=tebet", True),
        ("maps.google.com/tebet", False),
        ("https://maps.google.com/ tebet", False),
        ("https://" + "a" * 500, False),
    ],
)
def test_map_links_must_be_one_web_address(typed: str, usable: bool) -> None:
    assert is_map_link(typed) is usable


@pytest.mark.parametrize(
    ("name", "present", "shown"),
    [
        ("Siti Aminah", False, "⬜ Siti Aminah"),
        ("Siti Aminah", True, "✅ Siti Aminah"),
        ("Raden Ajeng Kartini Soerjaningrat", True, "✅ Raden Ajeng Kartini S…"),
        (None, False, "⬜ -"),
    ],
)
def test_attendance_labels_fit_one_list_row(name: str | None, present: bool, shown: str) -> None:
    assert attendance_label(name, present, room=24) == shown
    assert len(shown) <= 24
