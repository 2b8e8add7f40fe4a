"""The engine's promises: once-only, in order, durable, polite about anything odd."""

import asyncio
from datetime import timedelta
from enum import StrEnum
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.clock import ManualClock
from bot.db import Database
from bot.messages import Photo
from bot.models import Member
from conversations.flow import Flow, Outcome, Prompt, Step, Turn
from tests.transcript import START, Person, make_engine


async def _at_name_question(person: Person) -> None:
    await person.commands("daftar")
    await person.presses("Setuju")
    assert person.question == "Siapa nama lengkap Anda?"


async def test_restart_mid_registration_resumes_at_the_same_step(database: Database) -> None:
    before = Person(make_engine(database), "42")
    await _at_name_question(before)
    await before.says("Siti Aminah")

    after_restart = Person(make_engine(database), "42")  # a new process, same database
    await after_restart.says("0812-3456-7890")
    assert "0812-3456-7890 dicatat" in after_restart.text
    assert "kecamatan" in after_restart.question


async def test_a_redelivered_event_is_handled_once(database: Database) -> None:
    siti = Person(make_engine(database), "43")
    await _at_name_question(siti)
    event = siti.event(text="Siti Aminah")
    first = await siti.send(event)
    again = await siti.send(event)
    assert "nomor HP" in first[-1].text
    assert again == []
    await siti.says("0812-3456-7890")
    assert "kecamatan" in siti.question


async def test_concurrent_redeliveries_are_handled_once(database: Database) -> None:
    siti = Person(make_engine(database), "44")
    await _at_name_question(siti)
    event = siti.event(text="Siti Aminah")
    results = await asyncio.gather(*(siti.engine.handle(event) for _ in range(5)))
    assert sum(1 for replies in results if replies) == 1


async def test_two_members_interleaving_both_finish(database: Database) -> None:
    engine = make_engine(database)
    siti, budi = Person(engine, "51"), Person(engine, "52")
    await asyncio.gather(siti.registers(phone="081211110001"), budi.registers(phone="081211110002"))
    assert "OK-317401-00000" in siti.text and "OK-317401-00000" in budi.text
    async with database.transaction() as session:
        numbers = set(await session.scalars(select(Member.member_number)))
    assert numbers == {"OK-317401-000001", "OK-317401-000002"}


async def test_many_members_at_once_never_meet_a_locked_database(database: Database) -> None:
    engine = make_engine(database)
    people = [Person(engine, str(900 + n)) for n in range(20)]
    await asyncio.gather(*(p.registers(phone=f"0812555500{n:02d}") for n, p in enumerate(people)))
    assert all("Nomor anggota" in p.text for p in people)


async def test_one_members_events_run_in_arrival_order(sqlite_database: Database) -> None:
    siti = Person(make_engine(sqlite_database), "53")
    await _at_name_question(siti)
    name, phone = siti.event(text="Siti Aminah"), siti.event(text="0812-3456-7890")
    first, second = await asyncio.gather(siti.engine.handle(name), siti.engine.handle(phone))
    assert "nomor HP" in first[-1].text
    assert "kecamatan" in second[-1].text


@pytest.mark.parametrize(
    ("odd_input", "explanation"),
    [
        ({"unsupported": "sticker"}, "stiker"),
        ({"unsupported": "voice"}, "pesan suara"),
        ({"text": "a" * 5000}, "terlalu panjang"),
        ({"text": "😀🎉🔥"}, "huruf saja"),
        ({"text": "   "}, "kosong"),
        ({"photo": Photo(b"\xff\xd8")}, "huruf saja"),
    ],
)
async def test_odd_input_gets_an_explanation_and_the_same_question(
    sqlite_database: Database, odd_input: dict[str, object], explanation: str
) -> None:
    siti = Person(make_engine(sqlite_database), "60")
    await _at_name_question(siti)
    await siti.send(siti.event(**odd_input))
    assert explanation in siti.text
    assert siti.question == "Siapa nama lengkap Anda?"
    await siti.says("Siti Aminah")
    assert "nomor HP" in siti.question


async def test_a_button_from_an_old_message_is_not_applied(sqlite_database: Database) -> None:
    siti = Person(make_engine(sqlite_database), "61")
    await siti.commands("daftar")
    old_consent = siti.button("Setuju")
    await siti.presses("Setuju")
    await siti.send(siti.event(choice=old_consent))
    assert "pesan lama" in siti.text
    assert siti.question == "Siapa nama lengkap Anda?"


async def test_typed_number_or_label_picks_a_choice(sqlite_database: Database) -> None:
    siti = Person(make_engine(sqlite_database), "62")
    await siti.commands("daftar")
    await siti.says("1")
    assert siti.question == "Siapa nama lengkap Anda?"
    other = Person(siti.engine, "63")
    await other.commands("daftar")
    await other.says("tidak setuju")
    assert "Tidak ada data Anda yang kami simpan" in other.text


async def test_long_choice_lists_are_paged(sqlite_database: Database) -> None:
    ani = Person(make_engine(sqlite_database), "64")
    await _at_name_question(ani)
    await ani.says("Ani Wijaya")
    await ani.says("081234567001")
    await ani.says("tambora")  # 11 kelurahan: more than one message holds
    assert len(ani.last[-1].choices) == 9 and "Berikutnya" in ani.labels[-1]
    await ani.presses("Berikutnya")
    assert len(ani.last[-1].choices) == 4 and "Sebelumnya" in ani.labels[-1]
    await ani.presses("Tanah Sereal")
    assert "sudah jalan" in " ".join(ani.labels)


@pytest.mark.parametrize(
    ("channel", "first_page"),
    [("whatsapp", 9), ("telegram", 9), ("terminal", 11)],
)
async def test_lists_are_paged_by_the_limits_of_the_channel(
    sqlite_database: Database, channel: str, first_page: int
) -> None:
    """Tambora has 11 kelurahan: a WhatsApp list holds 10 rows, a terminal scrolls."""
    ani = Person(make_engine(sqlite_database), "64", channel=channel)
    await _at_name_question(ani)
    await ani.says("Ani Wijaya")
    await ani.says("081234567001")
    await ani.says("tambora")
    assert len(ani.last[-1].choices) == first_page
    assert ("Berikutnya" in ani.labels[-1]) == (first_page < 11)


async def test_cancel_from_any_step_returns_to_the_menu(sqlite_database: Database) -> None:
    siti = Person(make_engine(sqlite_database), "65")
    await _at_name_question(siti)
    await siti.says("batal")
    assert "dibatalkan" in siti.text
    assert "Menu utama" in siti.question


async def test_help_explains_then_asks_the_same_question(sqlite_database: Database) -> None:
    siti = Person(make_engine(sqlite_database), "66")
    await _at_name_question(siti)
    await siti.commands("bantuan")
    assert "batal" in siti.text
    assert siti.question == "Siapa nama lengkap Anda?"


async def test_changing_language_mid_flow_returns_to_the_question(
    sqlite_database: Database,
) -> None:
    siti = Person(make_engine(sqlite_database), "67")
    await _at_name_question(siti)
    await siti.says("bahasa")
    await siti.presses("English")
    assert siti.question != "Siapa nama lengkap Anda?"
    assert siti.question.isascii() and "name" in siti.question.lower()
    await siti.says("Siti Aminah")
    assert "number" in siti.question.lower()


async def test_a_conversation_idle_for_a_day_expires_politely(sqlite_database: Database) -> None:
    clock = ManualClock(START)
    siti = Person(make_engine(sqlite_database, clock=clock), "68")
    await _at_name_question(siti)
    clock.advance(timedelta(hours=25))
    await siti.says("Siti Aminah")
    assert "terlalu lama" in siti.text
    assert "Menu utama" in siti.question


class BoomStep(StrEnum):
    BOOM = "boom"


@pytest.mark.expects_crash
async def test_an_unexpected_error_gets_an_apology_with_an_id(sqlite_database: Database) -> None:
    async def ask_boom(t: Turn[Any]) -> Prompt:
        return Prompt("Ketik apa saja")

    async def answer_boom(t: Turn[Any]) -> Outcome:
        raise RuntimeError("boom")

    engine = make_engine(sqlite_database)
    broken = Flow[Any]("broken", BoomStep, (Step(BoomStep.BOOM, ask_boom, answer_boom),))
    engine.flows = {**engine.flows, "broken": broken}
    siti = Person(engine, "69")
    await siti.says("halo")
    async with sqlite_database.transaction() as session:
        from bot.models import ChannelAccount

        account = (await session.scalars(select(ChannelAccount))).one()
        account.flow, account.step = "broken", "boom"
    await siti.says("apa saja")
    assert "Maaf, ada gangguan" in siti.text and "kode" in siti.text
    await siti.says("menu")
    assert "Menu utama" in siti.question


async def test_staff_commands_are_refused_to_non_admins(sqlite_database: Database) -> None:
    siti = Person(make_engine(sqlite_database), "70")
    await siti.commands("peran")
    assert "khusus admin" in siti.text
    async with sqlite_database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Member)) == 0


async def test_help_speaks_about_the_flow_the_member_is_in(sqlite_database: Database) -> None:
    siti = Person(make_engine(sqlite_database), "71")
    await siti.registers()
    await siti.presses("Cari pelatihan")
    await siti.commands("bantuan")
    assert "daftar tunggu" in siti.text and "batal" in siti.text
    assert "Topik apa?" in siti.question
