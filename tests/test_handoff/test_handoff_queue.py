"""Tanya petugas in the engine: asking, routing, rights at every step, answering once, FAQ."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.content_files import PHONE_SCREEN_LINES, phone_lines
from bot.db import Database
from bot.vocabulary import OutboxKind, QuestionStatus
from conversations.engine import ConversationEngine
from tests.test_handoff.staff import (
    KALIDERES,
    TEBET,
    asks_staff,
    make_coordinator,
    member_id_of,
    outbox_rows,
    questions,
    revoke_coordinator,
)
from tests.transcript import START, Person, make_engine

ADMIN = "test:admin1"
QUESTION = "apakah boleh jualan di depan kantor kecamatan tebet"
ANSWER = "Boleh, asal izin ke pengelola gedung dulu. Tanyakan di Pos OK OCE."


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)  # Monday 23 Nov 2026, 09.00 in Jakarta


@pytest.fixture
def engine(database: Database, clock: ManualClock) -> ConversationEngine:
    return make_engine(database, admins=[ADMIN], clock=clock)


async def _member(engine: ConversationEngine, user: str, phone: str, **where: str) -> Person:
    person = Person(engine, user)
    await person.registers(phone=phone, **where)
    return person


async def _coordinator(engine: ConversationEngine, user: str, phone: str, code: str) -> Person:
    where = {"kecamatan": "kalideres", "kelurahan": "Kalideres"} if code == KALIDERES else {}
    person = await _member(engine, user, phone, **where)
    await make_coordinator(engine.db, person, code)
    return person


def _fits(person: Person) -> None:
    for reply in person.last:
        assert phone_lines(reply.text) <= PHONE_SCREEN_LINES, reply.text


async def test_the_member_is_told_when_to_expect_the_answer(engine: ConversationEngine) -> None:
    siti = await _member(engine, "301", "0812-3456-7890")
    await _coordinator(engine, "302", "0812-3456-7891", TEBET)
    await siti.says("mau bicara dengan petugas")
    assert siti.question.startswith("Tulis pertanyaan Anda untuk petugas")
    await siti.says("mau ngomong sama admin aja")  # still no question: ask for it

    assert "Apa yang ingin Anda tanyakan?" in siti.text
    await siti.says(QUESTION)
    assert f"«{QUESTION}»" in siti.question  # what was understood, before sending
    _fits(siti)
    await siti.presses("Kirim ke petugas")
    # Monday 09.00 plus two working days
    assert "dikirim ke koordinator OK OCE Tebet" in siti.text
    assert "paling lambat Rab, 25 Nov 2026 09.00 WIB" in siti.text
    _fits(siti)
    [question] = await questions(engine.db)
    assert question.status == QuestionStatus.OPEN and question.kecamatan_code == TEBET


async def test_a_friday_question_is_promised_for_tuesday_and_the_days_are_a_setting(
    database: Database,
) -> None:
    friday = ManualClock(START + timedelta(days=4))
    engine = make_engine(database, clock=friday)
    siti = await _member(engine, "303", "0812-3456-7890")
    await asks_staff(siti, QUESTION)
    assert "paling lambat Sel, 1 Des 2026 09.00 WIB" in siti.text

    slower = make_engine(database, clock=friday)
    slower.settings = slower.settings.model_copy(update={"handoff_working_days": 5})
    budi = await _member(slower, "304", "0812-3456-7892")
    await asks_staff(budi, QUESTION)
    assert "paling lambat Jum, 4 Des 2026 09.00 WIB" in budi.text


async def test_a_question_with_a_person_request_is_shown_back_before_sending(
    engine: ConversationEngine,
) -> None:
    siti = await _member(engine, "305", "0812-3456-7890")
    await siti.says("hubungi petugas soal bpjs ketenagakerjaan")
    assert "«hubungi petugas soal bpjs ketenagakerjaan»" in siti.question
    await siti.presses("Ubah")
    await siti.says("apakah ok oce bantu daftar bpjs ketenagakerjaan")
    await siti.presses("Kirim ke petugas")
    [question] = await questions(engine.db)
    assert question.text == "apakah ok oce bantu daftar bpjs ketenagakerjaan"


async def test_coordinators_see_their_kecamatans_questions_oldest_first_admins_all(
    engine: ConversationEngine, clock: ManualClock
) -> None:
    tebet = await _coordinator(engine, "310", "0812-3456-7800", TEBET)
    kalideres = await _coordinator(engine, "311", "0812-3456-7801", KALIDERES)
    siti = await _member(engine, "312", "0812-3456-7802")
    budi = await _member(engine, "313", "0812-3456-7803")
    wati = await _member(
        engine, "314", "0812-3456-7804", kecamatan="kalideres", kelurahan="Kalideres"
    )
    await asks_staff(siti, "pertanyaan pertama dari tebet")
    clock.advance(timedelta(minutes=5))
    await asks_staff(wati, "pertanyaan dari kalideres")
    clock.advance(timedelta(minutes=5))
    await asks_staff(budi, "pertanyaan kedua dari tebet")

    await tebet.says("menu")
    await tebet.presses("Pertanyaan warga")
    assert "belum dijawab: 2" in tebet.question
    rows = [label for label in tebet.labels if label.startswith("#")]
    assert [row.split(" ", 1)[1][:14] for row in rows] == ["pertanyaan per", "pertanyaan ked"]

    await kalideres.commands("jawab")
    assert "belum dijawab: 1" in kalideres.question

    admin = Person(engine, "admin1")
    await admin.commands("jawab")
    assert "belum dijawab: 3" in admin.question
    _fits(admin)


async def test_the_question_card_shows_the_members_7_pas_steps_and_bookings(
    engine: ConversationEngine,
) -> None:
    tebet = await _coordinator(engine, "315", "0812-3456-7810", TEBET)
    siti = await _member(engine, "316", "0812-3456-7811")
    await asks_staff(siti, QUESTION)
    await tebet.commands("jawab")
    await tebet.presses("#")
    card, context = tebet.last[0].text, tebet.question
    assert "Siti Aminah (OK-317401-000002)" in card and f"«{QUESTION}»" in card
    assert "7 PAS selesai: P1 (1 dari 7)" in context
    assert "Jadwal: belum ada" in context
    assert "tenggat Rab 25/11 09.00" in context
    _fits(tebet)


async def test_rights_are_read_again_at_every_step(engine: ConversationEngine) -> None:
    tebet = await _coordinator(engine, "320", "0812-3456-7820", TEBET)
    kalideres = await _coordinator(engine, "321", "0812-3456-7821", KALIDERES)
    siti = await _member(engine, "322", "0812-3456-7822")
    await asks_staff(siti, QUESTION)
    [question] = await questions(engine.db)

    # A coordinator of another kecamatan, through a notice's button, cannot open it.
    await kalideres.send(kalideres.event(choice=f"@answer:{question.id}"))
    assert "tidak bisa Anda buka" in kalideres.text

    await tebet.commands("jawab")
    await tebet.presses("#")
    await make_coordinator(engine.db, tebet, KALIDERES)  # moved while the question is open
    await tebet.says(ANSWER)
    assert "tidak bisa Anda buka" in tebet.text

    await make_coordinator(engine.db, tebet, TEBET)
    await tebet.commands("jawab")
    await tebet.presses("#")
    await revoke_coordinator(engine.db, tebet)  # taken away while the answer is typed
    await tebet.says(ANSWER)
    assert tebet.text.startswith("Maaf, ")  # no longer a coordinator: turned back
    assert "Menu utama" in tebet.question
    assert await outbox_rows(engine.db, OutboxKind.HANDOFF_ANSWER) == []
    [still_open] = await questions(engine.db)
    assert still_open.status == QuestionStatus.OPEN

    # A member who is not staff is refused at the door.
    await siti.commands("jawab")
    assert "khusus" in siti.text


async def test_a_question_is_answered_once_and_its_first_answer_time_is_recorded(
    engine: ConversationEngine, clock: ManualClock
) -> None:
    first = await _coordinator(engine, "330", "0812-3456-7830", TEBET)
    second = await _coordinator(engine, "331", "0812-3456-7831", TEBET)
    siti = await _member(engine, "332", "0812-3456-7832")
    await asks_staff(siti, QUESTION)
    clock.advance(timedelta(hours=3))

    for coordinator, answer in ((first, ANSWER), (second, "Jawaban lain yang terlambat")):
        await coordinator.commands("jawab")
        await coordinator.presses("#")
        await coordinator.says(answer)
        assert f"«{answer}»" in coordinator.question  # both about to send
    await first.presses("Kirim")
    assert "Jawaban terkirim" in first.text
    await second.presses("Kirim")
    assert "sudah dijawab petugas lain" in second.text

    await second.commands("jawab")  # and it has left the list of waiting questions
    assert "Tidak ada pertanyaan warga yang menunggu" in second.question

    [question] = await questions(engine.db)
    assert question.answer == ANSWER and question.answered_by == "test:330"
    assert question.answered_at is not None
    assert question.answered_at - question.asked_at == timedelta(hours=3)
    [answer_row] = await outbox_rows(engine.db, OutboxKind.HANDOFF_ANSWER)
    assert answer_row.member_id == await member_id_of(engine.db, siti)


async def test_an_answered_question_added_to_the_faq_is_found_afterwards(
    engine: ConversationEngine,
) -> None:
    tebet = await _coordinator(engine, "340", "0812-3456-7840", TEBET)
    siti = await _member(engine, "341", "0812-3456-7841")
    question = "bazar umkm kelurahan menteng dalam kapan diadakan"
    await asks_staff(siti, question)
    await tebet.commands("jawab")
    await tebet.presses("#")
    await tebet.says("Bazar UMKM Menteng Dalam tiap Sabtu pertama, di halaman kelurahan.")
    await tebet.presses("Kirim")
    assert "Tambahkan ke FAQ?" in tebet.question
    await tebet.presses("Tambah ke FAQ")  # one tap
    assert "Masuk FAQ" in tebet.text

    budi = await _member(engine, "342", "0812-3456-7842")
    await budi.says("kapan bazar umkm di kelurahan menteng dalam?")
    assert budi.question == "Bazar UMKM Menteng Dalam tiap Sabtu pertama, di halaman kelurahan."

    # The file's entries are still found beside it.
    await budi.says("pinjaman")
    assert budi.question.startswith("OK OCE bukan pemberi pinjaman")


async def test_guests_and_kecamatan_without_a_coordinator_go_to_the_admins(
    engine: ConversationEngine,
) -> None:
    guest = Person(engine, "350")
    await guest.says("tanya petugas")
    await guest.says("apakah warga bekasi boleh ikut pelatihan")
    await guest.presses("Kirim ke petugas")
    assert "dikirim ke petugas OK OCE" in guest.text

    siti = await _member(engine, "351", "0812-3456-7851")  # Tebet has no coordinator here
    await asks_staff(siti, QUESTION)
    assert "dikirim ke petugas OK OCE" in siti.text

    notices = await outbox_rows(engine.db, OutboxKind.HANDOFF_QUESTION)
    assert [
        (row.member_id, row.recipient_channel, row.recipient_external_id) for row in notices
    ] == [
        (None, "test", "admin1"),
        (None, "test", "admin1"),
    ]
    [guest_question, _member_question] = await questions(engine.db)
    assert guest_question.member_id is None and guest_question.kecamatan_code is None

    admin = Person(engine, "admin1")
    await admin.commands("jawab")
    await admin.presses("#")
    assert "Dari: tamu (belum terdaftar)" in admin.last[0].text
    await admin.says("Boleh, pelatihan terbuka untuk yang berusaha di Jakarta.")
    await admin.presses("Kirim")
    [answer] = await outbox_rows(engine.db, OutboxKind.HANDOFF_ANSWER)
    assert (answer.member_id, answer.recipient_channel, answer.recipient_external_id) == (
        None,
        "test",
        "350",
    )


async def test_staff_find_members_questions_in_the_menu(engine: ConversationEngine) -> None:
    tebet = await _coordinator(engine, "360", "0812-3456-7860", TEBET)
    siti = await _member(engine, "361", "0812-3456-7861")
    await tebet.says("menu")
    assert "📥 Pertanyaan warga" in tebet.labels
    await siti.says("menu")
    assert "📥 Pertanyaan warga" not in siti.labels
    assert "💬 Tanya petugas" in siti.labels
    admin = Person(engine, "admin1")
    await admin.says("menu")
    assert "📥 Pertanyaan warga" in admin.labels


async def test_after_an_faq_answer_the_same_question_can_go_to_a_person(
    engine: ConversationEngine,
) -> None:
    siti = await _member(engine, "370", "0812-3456-7870")
    await siti.says("pinjaman syariah tanpa bunga ada?")
    assert siti.question.startswith("OK OCE bukan pemberi pinjaman")
    await siti.presses("Tanya petugas")  # the answer's button
    assert "«pinjaman syariah tanpa bunga ada?»" in siti.question
    await siti.presses("Kirim ke petugas")
    [question] = await questions(engine.db)
    assert question.text == "pinjaman syariah tanpa bunga ada?"


async def test_a_staff_answer_too_long_is_refused_not_answered_from_the_faq(
    engine: ConversationEngine,
) -> None:
    tebet = await _coordinator(engine, "371", "0812-3456-7871", TEBET)
    siti = await _member(engine, "372", "0812-3456-7872")
    await asks_staff(siti, "cara daftar nib gimana ya")
    await tebet.commands("jawab")
    await tebet.presses("#")
    await tebet.says("Cara daftar NIB: buka oss.go.id lalu isi datanya. " * 6)
    assert "terlalu panjang" in tebet.text
    assert "Tulis jawaban Anda di sini" in tebet.question
