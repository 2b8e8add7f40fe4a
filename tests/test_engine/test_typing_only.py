"""Typing the way a street-food seller types on a cheap phone, never tapping a button.

The issue's transcript: registration took 18 messages, 7 refused ("ok", "ya",
"setuju", "udah jalan", "makanan", "simpan", a landline). Now each typed answer is
understood, a landline is refused with its reason, and registering takes at most 12.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.clock import ManualClock
from bot.db import Database
from bot.models import Booking, Member
from tests.factories import add_session
from tests.transcript import START, Person, make_engine

MOST_MESSAGES = 12
SESSION_STARTS = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)  # Kam 26 Nov 10.00 WIB


class Typist(Person):
    """A person who only types, and notes every message the bot did not take."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.sent = 0
        self.refused: list[str] = []

    async def types(self, text: str) -> None:
        """Type `text`; a reply that asks the same question again is a refusal."""
        before = self.question
        await self.says(text)
        self.sent += 1
        if before and (self.question == before or not self.last or before in self.question):
            self.refused.append(text)


async def test_registering_by_typing_only_takes_at_most_12_messages(database: Database) -> None:
    siti = Typist(make_engine(database), "t1")
    for text in (
        "halo",
        "daftar",
        "setuju",
        "siti aminah",
        "0812 3456 7890",
        "kby baru",
        "senayan",
        "udah jalan",
        "Warung Bu Siti",
        "makanan",
        "simpan",
    ):
        await siti.types(text)

    assert siti.refused == []
    assert siti.sent <= MOST_MESSAGES
    assert "Nomor anggota: OK-317407-000001" in siti.text
    async with database.transaction() as session:
        member = (await session.scalars(select(Member))).one()
    assert (member.business_status, member.sector) == ("running", "kuliner")


async def test_what_was_understood_is_said_back(sqlite_database: Database) -> None:
    siti = Person(make_engine(sqlite_database), "t2")
    await siti.says("daftar")
    await siti.says("stuju")  # a typo of the button
    assert "Setuju, ya." in siti.text
    await siti.says("Siti Aminah")
    await siti.says("0812-3456-7890")
    await siti.says("kby baru")
    assert "Kebayoran Baru, ya." in siti.text
    await siti.says("snayan")
    assert "Senayan, ya." in siti.text
    await siti.says("baru rencana")
    assert "Masih ide, ya." in siti.text
    await siti.says("jahit")
    assert "Fesyen, ya." in siti.text
    assert "Bidang: Fesyen" in siti.question


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("021-5551234", "telepon rumah/kantor"),
        ("(021) 7654321", "telepon rumah/kantor"),
        ("+65 9123 4567", "bukan nomor Indonesia"),
        ("0812-345", "kurang angka"),
        ("0812-3456-7890-1234", "kelebihan angka"),
    ],
)
async def test_a_number_that_cannot_be_used_is_refused_with_its_reason(
    sqlite_database: Database, typed: str, reason: str
) -> None:
    siti = Person(make_engine(sqlite_database), "t3")
    await siti.says("daftar")
    await siti.says("ya")
    await siti.says("Siti Aminah")
    await siti.says(typed)
    assert reason in siti.text and "Contoh: 0812-3456-7890" in siti.text
    assert "nomor HP" in siti.question
    await siti.says("0812-3456-7890")
    assert "dicatat" in siti.text


@pytest.mark.parametrize("typed", ["1", "1.", "no 1", "nomor 1", "ok", "ya", "iya", "y", "sip"])
async def test_consent_takes_numbers_and_yes_words(sqlite_database: Database, typed: str) -> None:
    siti = Person(make_engine(sqlite_database), "t4")
    await siti.says("daftar")
    await siti.says(typed)
    assert siti.question == "Siapa nama lengkap Anda?"


@pytest.mark.parametrize("typed", ["tidak", "nggak", "gak", "ga", "jangan", "tidak jadi", "2"])
async def test_consent_refused_in_words_keeps_nothing(
    sqlite_database: Database, typed: str
) -> None:
    siti = Person(make_engine(sqlite_database), "t5")
    await siti.says("daftar")
    await siti.says(typed)
    assert "Tidak ada data Anda yang kami simpan" in siti.text


async def test_a_refusal_names_the_choices_without_the_long_question(
    sqlite_database: Database,
) -> None:
    siti = Person(make_engine(sqlite_database), "t6")
    await siti.says("daftar")
    consent = siti.question
    await siti.says("hmm")
    assert len(siti.last) == 1
    assert consent not in siti.text
    assert "1 Setuju · 2 Tidak setuju" in siti.text
    assert [c.label for c in siti.last[0].choices] == ["✅ Setuju", "Tidak setuju"]


async def test_kembali_goes_back_one_level(sqlite_database: Database) -> None:
    siti = Person(make_engine(sqlite_database), "t7")
    await siti.says("daftar")
    await siti.says("ya")
    await siti.says("Siti Aminah")
    await siti.says("0812-3456-7890")
    await siti.says("jaksel")  # a kota: its kecamatan list
    assert "Kecamatan di Jakarta Selatan" in siti.question
    await siti.says("kebayoran lama")
    assert "Kelurahan" in siti.question
    await siti.says("kembali")
    assert "Kecamatan di Jakarta Selatan" in siti.question
    await siti.says("kembali")
    assert "kecamatan mana" in siti.question
    await siti.says("kembali")
    assert "nomor HP" in siti.question


async def test_menu_keeps_the_form_and_offers_to_continue_it(sqlite_database: Database) -> None:
    siti = Person(make_engine(sqlite_database), "t8")
    await siti.says("daftar")
    await siti.says("ya")
    await siti.says("Siti Aminah")
    await siti.says("0812-3456-7890")
    await siti.says("menu")
    assert "Isian pendaftaran tadi disimpan" in siti.text
    assert "📝 Lanjutkan pendaftaran" in siti.labels
    await siti.says("jadwal")  # somewhere else in between
    await siti.says("menu")
    await siti.says("daftar")
    assert "Lanjutkan pendaftaran?" in siti.question
    await siti.says("lanjut")
    assert "kecamatan mana" in siti.question
    await siti.says("tebet")
    await siti.says("manggarai")
    await siti.says("masih ide")
    await siti.says("jasa")
    assert "Nama: Siti Aminah" in siti.question and "HP: 0812-3456-7890" in siti.question


async def test_starting_over_or_cancelling_drops_the_draft(sqlite_database: Database) -> None:
    siti = Person(make_engine(sqlite_database), "t9")
    await siti.says("daftar")
    await siti.says("ya")
    await siti.says("Siti Aminah")
    await siti.says("menu")
    await siti.says("daftar")
    await siti.says("mulai dari awal")
    assert "Setuju?" in siti.question
    await siti.says("ya")
    await siti.says("Siti Aminah")
    await siti.says("batal")
    assert "📝 Daftar OK OCE" in siti.labels
    await siti.says("daftar")
    assert "Setuju?" in siti.question


async def test_a_draft_lasts_as_long_as_the_conversation(sqlite_database: Database) -> None:
    clock = ManualClock(START)
    siti = Person(make_engine(sqlite_database, clock=clock), "t10")
    await siti.says("daftar")
    await siti.says("ya")
    await siti.says("Siti Aminah")
    await siti.says("menu")
    clock.advance(timedelta(hours=23))
    await siti.says("menu")
    assert "📝 Lanjutkan pendaftaran" in siti.labels
    clock.advance(timedelta(hours=25))
    await siti.says("daftar")
    assert "Setuju?" in siti.question


async def test_a_guest_sees_the_schedule_and_books_after_registering(
    sqlite_database: Database,
) -> None:
    await add_session(sqlite_database, SESSION_STARTS, now=START, kind="training", topic="P2")
    guest = Person(make_engine(sqlite_database), "t11")
    await guest.says("halo")
    assert "📅 Lihat jadwal pelatihan" in guest.labels
    await guest.says("jadwal")
    await guest.says("semua")
    assert "1. Kam 26 Nov 10.00 · Tebet" in guest.question
    assert "Pelatihan P2 Pelatihan · sisa 5 kursi" in guest.question
    await guest.says("1")
    assert "Kantor Kecamatan Tebet" in guest.question
    await guest.says("pesan")
    assert "daftar dulu" in guest.text
    for text in ("ya", "Siti Aminah", "0812-3456-7890", "tebet", "manggarai", "masih ide"):
        await guest.says(text)
    await guest.says("jasa")
    await guest.says("simpan")
    assert "lanjut ke sesi tadi" in guest.text
    assert "Kantor Kecamatan Tebet" in guest.question
    await guest.says("pesan")
    assert "Tempat Anda sudah dipesan" in guest.text
    async with sqlite_database.transaction() as session:
        booking = (await session.scalars(select(Booking))).one()
    assert booking.status == "booked"


async def test_registering_in_english_by_typing(sqlite_database: Database) -> None:
    siti = Typist(make_engine(sqlite_database), "t12")
    for text in ("language", "english", "register", "yes", "Siti Aminah", "081234567890"):
        await siti.types(text)
    for text in ("tebet", "manggarai", "just an idea", "services", "save"):
        await siti.types(text)
    assert siti.refused == []
    assert "Member number: OK-317401-000001" in siti.text


async def _at_the_kecamatan_question(person: Person) -> None:
    for text in ("daftar", "ya", "Siti Aminah", "0812-3456-7890"):
        await person.says(text)
    assert "kecamatan mana" in person.question


@pytest.mark.parametrize(
    ("typed", "kota"),
    [
        ("jaksel", "Jakarta Selatan"),
        ("jakpus", "Jakarta Pusat"),
        ("jakbar", "Jakarta Barat"),
        ("jaktim", "Jakarta Timur"),
        ("jakut", "Jakarta Utara"),
        ("kep seribu", "Kepulauan Seribu"),
    ],
)
async def test_a_kota_nickname_opens_its_kecamatan_list(
    sqlite_database: Database, typed: str, kota: str
) -> None:
    siti = Person(make_engine(sqlite_database), "t13")
    await _at_the_kecamatan_question(siti)
    await siti.says(typed)
    assert f"Kecamatan di {kota}:" in siti.question


@pytest.mark.parametrize(
    ("typed", "understood"),
    [
        ("kby baru", "Kebayoran Baru"),
        ("kb lama", "Kebayoran Lama"),
        ("jatineg", "Jatinegara"),
        ("ps minggu", "Pasar Minggu"),
        ("tj priok", "Tanjung Priok"),
        ("cengkarng", "Cengkareng"),
    ],
)
async def test_a_shortened_kecamatan_is_matched_and_said_back(
    sqlite_database: Database, typed: str, understood: str
) -> None:
    siti = Person(make_engine(sqlite_database), "t14")
    await _at_the_kecamatan_question(siti)
    await siti.says(typed)
    assert f"{understood}, ya." in siti.text
    assert "Kelurahan" in siti.question


async def _at_the_status_question(person: Person) -> None:
    await _at_the_kecamatan_question(person)
    await person.says("tebet")
    await person.says("manggarai")
    assert "sudah jalan, atau masih ide" in person.question


@pytest.mark.parametrize(
    ("typed", "status"),
    [("udah jalan", "running"), ("sudah buka", "running"), ("baru rencana", "idea")],
)
async def test_the_business_status_in_words(
    sqlite_database: Database, typed: str, status: str
) -> None:
    siti = Person(make_engine(sqlite_database), "t15")
    await _at_the_status_question(siti)
    await siti.says(typed)
    expected = "Apa nama usaha Anda?" if status == "running" else "Bidang usahanya apa?"
    assert expected in siti.question


@pytest.mark.parametrize(
    ("typed", "sector"),
    [
        ("makanan", "Kuliner"),
        ("minuman", "Kuliner"),
        ("warung", "Kuliner"),
        ("katering", "Kuliner"),
        ("baju", "Fesyen"),
        ("jahit", "Fesyen"),
        ("jual keripik", "Kuliner"),
    ],
)
async def test_the_sector_in_words(sqlite_database: Database, typed: str, sector: str) -> None:
    siti = Person(make_engine(sqlite_database), "t16")
    await _at_the_status_question(siti)
    await siti.says("masih ide")
    await siti.says(typed)
    assert f"Bidang: {sector}" in siti.question
