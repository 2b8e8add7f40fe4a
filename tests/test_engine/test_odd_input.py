"""Odd and forged input gets a proper answer, never the apology for a crash.

Each of these once ended in "Maaf, ada gangguan": button data nobody's button carries,
digits that are not ASCII, a NUL byte PostgreSQL cannot store, ids longer than their
columns. The autouse `no_hidden_crash` fixture fails a test that reaches the catch-all.
"""

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.db import Database
from bot.messages import UNREADABLE_CHOICE
from bot.models import ChannelAccount, CoachingSession, Feedback, Member, ProcessedEvent
from bot.services import coaching
from tests.factories import NOW, add_members, add_session, book
from tests.transcript import Person, make_engine

APOLOGY = "ada gangguan"


async def _member(database: Database) -> Person:
    """A registered member chatting on the test channel, at the main menu."""
    await add_members(database, chat_channel="test")
    person = Person(make_engine(database), "chat0")
    await person.says("menu")
    return person


@pytest.mark.parametrize(
    ("choice", "answer"),
    [
        ("@cancel:99999999999999999999", "Jadwal itu sudah tidak aktif."),
        ("@cancel:²", "Jadwal itu sudah tidak aktif."),
        ("@cancel:٣", "Jadwal itu sudah tidak aktif."),
        ("@cancel:-1", "Jadwal itu sudah tidak aktif."),
        ("@cancel:", "Jadwal itu sudah tidak aktif."),
        ("@cancel:424242", "Jadwal itu sudah tidak aktif."),
        ("@rate:²:5", "Maaf, nilai itu tidak bisa kami simpan."),
        ("@rate:1:²", "Maaf, nilai itu tidak bisa kami simpan."),
        ("@rate:1:9", "Maaf, nilai itu tidak bisa kami simpan."),
        ("@rate:99999999999999999999:5", "Maaf, nilai itu tidak bisa kami simpan."),
        ("@nosuchaction:1", "Tombol itu dari pesan lama."),
        ("@", "Tombol itu dari pesan lama."),
    ],
)
async def test_forged_button_data_gets_a_proper_answer(
    database: Database, choice: str, answer: str
) -> None:
    siti = await _member(database)
    await siti.send(siti.event(choice=choice))
    assert answer in siti.text
    assert APOLOGY not in siti.text
    assert "Menu utama" in siti.question


@pytest.mark.parametrize("typed", ["٣", "1" * 40, "00000000000000000001"])
async def test_odd_digits_typed_at_a_list_are_not_a_choice(database: Database, typed: str) -> None:
    siti = await _member(database)
    await siti.says(typed)
    assert "Menu utama" in siti.question, "the menu is asked again, nothing was picked"
    assert APOLOGY not in siti.text


async def test_a_superscript_two_reads_as_the_two_it_looks_like(database: Database) -> None:
    """Typed answers are folded (NFKD) like accents are, so `²` is the choice `2`."""
    siti = await _member(database)
    await siti.says("²")
    assert APOLOGY not in siti.text
    assert "Menu utama" not in siti.question, "the second menu item was opened"


async def test_a_nul_byte_in_a_comment_is_dropped_and_the_comment_kept(database: Database) -> None:
    [member_id] = await add_members(database, chat_channel="test")
    session_id = await add_session(database, NOW + timedelta(days=1))
    booked = await book(database, session_id, member_id)
    assert isinstance(booked, coaching.Booked)
    async with database.transaction() as session:
        chosen = await session.get(CoachingSession, session_id)
        assert chosen is not None
        await coaching.record_attendance(session, chosen, {member_id}, now=NOW)
    siti = Person(make_engine(database), "chat0")
    await siti.send(siti.event(choice=f"@rate:{booked.booking.id}:5"))
    assert "Terima kasih atas nilainya" in siti.text
    await siti.says("Coach-nya\x00 sabar\x00 sekali")
    assert "masukan Anda sudah kami terima" in siti.text
    async with database.transaction() as session:
        feedback = await session.get(Feedback, booked.booking.id)
    assert feedback is not None and feedback.comment == "Coach-nya sabar sekali"


async def test_a_nul_byte_in_a_name_is_dropped(database: Database) -> None:
    siti = Person(make_engine(database), "77")
    await siti.registers(name="Siti\x00 Aminah")
    async with database.transaction() as session:
        member = (await session.scalars(select(Member))).one()
    assert member.full_name == "Siti Aminah"


async def test_an_event_id_longer_than_its_key_is_answered_once(database: Database) -> None:
    siti = Person(make_engine(database), "78")
    event = siti.event(text="halo", event_id="wamid." + "A" * 400)
    first = await siti.send(event)
    again = await siti.send(event)
    assert "Menu utama" in first[-1].text
    assert again == []
    async with database.transaction() as session:
        keys = list(await session.scalars(select(ProcessedEvent.key_hash)))
    assert keys and all(len(key) == 64 for key in keys)


@pytest.mark.parametrize("user_id", ["6" * 65, "", "62812\x00345"])
async def test_a_chat_id_that_cannot_key_a_chat_is_refused_quietly(
    database: Database, user_id: str
) -> None:
    stranger = Person(make_engine(database), user_id)
    assert await stranger.says("halo") == []


async def test_an_edit_is_answered_once_then_the_question_again(database: Database) -> None:
    siti = Person(make_engine(database), "79")
    await siti.commands("daftar")
    await siti.presses("Setuju")
    await siti.says("Siti Aminh")
    question = siti.question
    await siti.send(siti.event(edit_of="msg-3"))
    assert "Pesan yang diubah tidak kami baca" in siti.text
    assert siti.question == question, "the current question is asked again"
    assert await siti.send(siti.event(edit_of="msg-3")) == [], "a second edit passes quietly"
    await siti.send(siti.event(edit_of="msg-4"))
    assert "Pesan yang diubah tidak kami baca" in siti.text, "another message's edit is answered"


async def test_an_edit_outside_any_question_shows_the_menu(database: Database) -> None:
    siti = Person(make_engine(database), "80")
    await siti.send(siti.event(edit_of="msg-1"))
    assert "Pesan yang diubah tidak kami baca" in siti.text
    assert "Menu utama" in siti.question


async def test_a_choice_that_did_not_arrive_asks_for_it_again(database: Database) -> None:
    siti = Person(make_engine(database), "81")
    await siti.commands("daftar")
    await siti.send(siti.event(unsupported=UNREADABLE_CHOICE))
    assert "pilihan tadi tidak sampai" in siti.text
    assert "Setuju" in " ".join(siti.labels)


async def test_a_blocked_chat_is_unreachable_until_it_writes_again(database: Database) -> None:
    siti = Person(make_engine(database), "82")
    await siti.says("halo")

    async def unreachable() -> bool:
        async with database.transaction() as session:
            account = (
                await session.scalars(
                    select(ChannelAccount).where(ChannelAccount.external_id == "82")
                )
            ).one()
        return account.unreachable_at is not None

    await siti.engine.note_reachability("test", "82", reachable=False)
    assert await unreachable()
    await siti.says("menu")
    assert not await unreachable(), "whoever writes to us can be written to"
    await siti.engine.note_reachability("test", "82", reachable=False)
    await siti.engine.note_reachability("test", "82", reachable=True)
    assert not await unreachable()
    await siti.engine.note_reachability("test", "nobody", reachable=False)  # unknown: no-op
