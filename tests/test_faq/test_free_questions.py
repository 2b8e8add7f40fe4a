"""Free questions in a chat: answered outside a question, answered (and the question asked
again) inside one, opening the flow they name, and never "Pilih salah satu menu"."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import Settings
from bot.content_files import PHONE_SCREEN_LINES, phone_lines, shipped
from bot.db import Database
from bot.faq import load_faq
from bot.messages import Photo
from tests.factories import add_session
from tests.transcript import START, Person, make_engine
from wiring.app import build_engine

NIB_ANSWER = "NIB (Nomor Induk Berusaha) adalah izin dasar usaha."
OLD_REFUSAL = "Pilih salah satu menu di bawah"


def assert_fits_a_phone(person: Person) -> None:
    """Every message just sent fits one phone screen (12 lines of 35 characters)."""
    for reply in person.last:
        assert phone_lines(reply.text) <= PHONE_SCREEN_LINES, reply.text


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("modal gratis?", "what_programme_gives"),
        ("syarat daftar", "who_can_join"),
        ("cara bikin nib", "nib"),
        ("cara daftar NIB", "nib"),
        ("pinjaman", "financing"),
        ("jual keripik", "selling"),
        ("jadwal pelatihan bulan depan ada?", "where_and_when"),
        ("brp biaya nya", "cost"),
    ],
)
async def test_a_free_question_gets_its_answer(
    sqlite_database: Database, question: str, entry: str
) -> None:
    engine = make_engine(sqlite_database)
    siti = Person(engine, "201")
    await siti.says(question)  # the very first message: no menu in between
    expected = load_faq().entry(entry)
    assert expected is not None
    assert siti.question == expected.answer("id")
    assert OLD_REFUSAL not in siti.text
    assert "💬 Tanya petugas" in siti.labels and "↩ Menu" in siti.labels
    assert_fits_a_phone(siti)

    await siti.presses("Menu")
    await siti.says(question)  # and from the menu, the same
    assert siti.question == expected.answer("id")


async def test_a_button_opens_the_flow_only_when_this_build_has_it(
    sqlite_database: Database,
) -> None:
    engine = make_engine(sqlite_database)
    guest = Person(engine, "202")
    await guest.says("pinjaman")
    assert ("💰 Pinjaman usaha" in guest.labels) == ("financing" in engine.flows)
    await guest.says("cara daftar ok oce gmn")
    assert "📝 Daftar OK OCE" in guest.labels
    await guest.presses("Daftar OK OCE")
    assert "Setuju" in " ".join(guest.labels)


async def test_english_speakers_get_the_english_answer(sqlite_database: Database) -> None:
    engine = make_engine(sqlite_database)
    anne = Person(engine, "203")
    await anne.send(anne.event(text="is it free", language_hint="en"))
    assert anne.question.startswith("Free.")
    assert "💬 Ask a person" in anne.labels


async def test_kapan_pelatihan_di_cengkareng_lists_the_sessions_near_cengkareng(
    database: Database,
) -> None:
    await add_session(database, START + timedelta(days=2), kind="training")
    await add_session(
        database, START + timedelta(days=4), kecamatan_code="31.73.06", venue_name="Pos Kalideres"
    )
    await add_session(
        database, START + timedelta(days=6), kecamatan_code="31.73.01", venue_name="Pos Cengkareng"
    )
    siti = Person(make_engine(database), "204")
    await siti.registers()  # lives in Tebet: her own kecamatan would come first

    await siti.says("kapan pelatihan di cengkareng")
    heading, *entries = siti.question.split("\n")
    assert heading == "Jadwal terdekat, dari Cengkareng dulu. Pilih nomornya:"
    places = [line.split(" · ")[-1] for line in entries if line[:1].isdigit()]
    # Cengkareng first, then the rest of Jakarta Barat, then the member's own Tebet
    assert places == ["Cengkareng", "Kalideres", "Tebet"]
    await siti.says("1")
    assert "Pos Cengkareng" in siti.question


async def test_inside_a_step_an_obvious_question_is_answered_and_asked_again(
    sqlite_database: Database,
) -> None:
    siti = Person(make_engine(sqlite_database), "205")
    await siti.commands("daftar")
    await siti.presses("Setuju")
    name_question = siti.question

    await siti.says("cara bikin nib?")
    assert siti.last[0].text.startswith(NIB_ANSWER)
    assert siti.question == name_question
    assert_fits_a_phone(siti)

    await siti.says("Siti Aminah")
    phone_question = siti.question
    await siti.says("modal gratis ga sih")
    assert siti.last[0].text.startswith("OK OCE tidak membagikan modal gratis.")
    assert siti.question == phone_question
    await siti.says("0812-3456-7890")
    assert siti.question != phone_question  # the form goes on where it was


async def test_a_name_question_still_takes_a_name_that_looks_like_a_question(
    sqlite_database: Database,
) -> None:
    siti = Person(make_engine(sqlite_database), "206")
    await siti.commands("daftar")
    await siti.presses("Setuju")
    await siti.says("Syarat Daftar")  # an FAQ question, but a valid name: the step decides
    assert "Berapa nomor HP Anda?" in siti.question


async def test_a_one_word_answer_inside_a_step_is_not_taken_for_a_question(
    sqlite_database: Database,
) -> None:
    siti = Person(make_engine(sqlite_database), "207")
    await siti.commands("daftar")
    await siti.presses("Setuju")
    await siti.says("Siti Aminah")
    await siti.says("simpan")  # the FAQ knows "simpan" (privacy), but it is no question
    assert "Kami simpan" not in siti.text
    assert "Berapa nomor HP Anda?" in siti.question


async def test_small_talk_gets_the_menu_not_an_answer(sqlite_database: Database) -> None:
    guest = Person(make_engine(sqlite_database), "208")
    await guest.says("halo kak")
    assert guest.text.startswith("Halo! Ini layanan OK OCE")
    assert guest.question == "Menu utama. Silakan pilih:"
    await guest.says("ok")
    assert guest.question == "Menu utama. Silakan pilih:"
    assert "modal gratis" not in guest.text
    await guest.says("makasih")
    assert guest.text.startswith("Sama-sama!")


async def test_a_photo_outside_a_step_starts_a_listing(sqlite_database: Database) -> None:
    guest = Person(make_engine(sqlite_database), "209")
    await guest.says("halo")
    await guest.send(guest.event(photo=Photo(b"\xff\xd8\xff")))
    assert "Fotonya rusak" in guest.text, "a cut-off JPEG is asked for again"
    assert "Untuk jual produk, daftar dulu" in guest.question


async def test_when_nothing_fits_the_faqs_guesses_and_staff_are_offered(
    sqlite_database: Database,
) -> None:
    guest = Person(make_engine(sqlite_database), "210")
    await guest.says("jual sambal botolan di pasar")
    assert "«jual sambal botolan di pasar»" in guest.question
    assert "✅ Kirim ke petugas" in guest.labels
    guesses = [label for label in guest.labels if label.endswith(("?", "…"))]
    assert guesses, guest.labels
    assert_fits_a_phone(guest)
    await guest.presses(next(g for g in guesses if "jual" in g.casefold()))
    assert guest.question.startswith("Kirim foto produk Anda")


async def test_unclear_short_text_is_asked_again_not_sent(sqlite_database: Database) -> None:
    guest = Person(make_engine(sqlite_database), "211")
    await guest.says("asdfgh")
    assert "belum paham" in guest.text
    assert guest.question == "Menu utama. Silakan pilih:"


async def test_the_faq_is_read_from_okoce_content_dir(
    sqlite_database: Database, tmp_path: Path
) -> None:
    for name in ("faq.toml", "financing.toml", "licensing.toml"):  # the folder holds all three
        with shipped(name).open("rb") as source, (tmp_path / name).open("wb") as copy:
            shutil.copyfileobj(source, copy)
    edited = (tmp_path / "faq.toml").read_text("utf-8")
    edited = edited.replace(
        "Gratis. Daftar, pelatihan,", "Gratis, kata petugas kami. Daftar, pelatihan,"
    )
    (tmp_path / "faq.toml").write_text(edited, "utf-8")
    settings = Settings(content_dir=tmp_path, _env_file=None)  # type: ignore[call-arg]
    engine = build_engine(sqlite_database, settings, make_engine(sqlite_database).clock)
    siti = Person(engine, "212")
    await siti.says("bayar ga")
    assert siti.question.startswith("Gratis, kata petugas kami.")


async def test_buttons_open_only_flows_this_person_may_enter(sqlite_database: Database) -> None:
    engine = make_engine(sqlite_database)
    guest = Person(engine, "213")
    await guest.says("kapan pelatihan di cengkareng")
    if engine.flows["sessions"].members_only:  # a guest gets the answer, not a refusal
        assert guest.question.startswith("Pelatihan dan klinik biasanya")
        assert "📅 Cari pelatihan" not in guest.labels
    else:  # guests see the schedule too (there is none in this test)
        assert "Belum ada jadwal" in guest.question

    siti = Person(engine, "214")
    await siti.registers()
    await siti.says("cara daftar ok oce gmn")  # already a member: no button to register
    assert "📝 Daftar OK OCE" not in siti.labels
    await siti.says("jadwal pelatihan bulan depan ada?")
    assert "📅 Cari pelatihan" in siti.labels
    await siti.presses("Cari pelatihan")
    assert siti.question.startswith("Cari jadwal pelatihan dan konsultasi. Topik apa?")
