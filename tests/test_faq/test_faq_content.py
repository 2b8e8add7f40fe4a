"""The FAQ content file: the shipped one is sound, and a broken one is named in one line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.content_files import PHONE_SCREEN_LINES, ContentError, phone_lines
from bot.faq import MAX_BUTTON_LABEL, load_faq

HEADER = 'source = "Written for the tests"\nas_of = 2026-11-23\nlicence = "MIT"\n'
NIB = """
[[entry]]
id = "nib"
flow = "licensing"
button.id = "📄 Urus NIB"
button.en = "📄 Get an NIB"
questions.id = ["cara buat nib", "nib itu apa"]
questions.en = ["how do i get an nib"]
answer.id = "Gratis lewat OSS."
answer.en = "Free through OSS."
"""
COST = """
[[entry]]
id = "cost"
questions.id = ["berapa biayanya"]
questions.en = ["is it free"]
answer.id = "Gratis."
answer.en = "Free."
"""
TOO_LONG = "kata " * 100


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "faq.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_file_loads_with_its_source_date_and_licence() -> None:
    faq = load_faq()
    assert len(faq.entries) >= 20
    assert faq.source and faq.licence
    assert faq.as_of <= date.today()


def test_every_shipped_answer_fits_a_phone_screen_in_both_languages() -> None:
    for entry in load_faq().entries:
        for language in ("id", "en"):
            answer = entry.answer(language)
            lines = phone_lines(answer)
            assert lines <= PHONE_SCREEN_LINES, (entry.id, language, lines)


def test_every_shipped_button_has_a_flow_and_fits_whatsapp() -> None:
    for entry in load_faq().entries:
        assert (entry.button_id is None) == (entry.button_en is None), entry.id
        if entry.button_id is not None and entry.button_en is not None:
            assert entry.flow is not None, entry.id
            assert len(entry.button_id) <= MAX_BUTTON_LABEL
            assert len(entry.button_en) <= MAX_BUTTON_LABEL


def test_shipped_file_covers_what_members_ask() -> None:
    faq = load_faq()
    required = {
        "who_can_join": "registration",
        "cost": None,
        "where_and_when": "sessions",
        "how_chosen": "sessions",
        "what_programme_gives": "financing",
        "nib": "licensing",
        "selling": "products",
        "financing": "financing",
        "bookkeeping": "bookkeeping",
        "privacy": "profile",
        "talk_to_person": "handoff",
        "office": "handoff",
        "pas_steps": "progress",
        "reminders": "my_bookings",
        "language": None,
        "cancel_booking": "my_bookings",
        "my_bookings": "my_bookings",
        "official": None,
        "certificate": None,
    }
    for entry_id, flow in required.items():
        entry = faq.entry(entry_id)
        assert entry is not None, entry_id
        assert entry.flow == flow, entry_id


def test_no_free_capital_is_promised() -> None:
    entry = load_faq().entry("what_programme_gives")
    assert entry is not None
    assert "tidak membagikan modal gratis" in entry.answer("id")
    assert "does not hand out free capital" in entry.answer("en")


def test_a_good_small_file_loads(tmp_path: Path) -> None:
    faq = load_faq(_write(tmp_path, HEADER + NIB + COST))
    assert [entry.id for entry in faq.entries] == ["nib", "cost"]
    nib = faq.entry("nib")
    assert nib is not None
    assert nib.flow == "licensing"
    assert nib.button("en") == "📄 Get an NIB"
    assert nib.questions_id == ("cara buat nib", "nib itu apa")
    hit = faq.best_answer("cara bikin nib", "en")
    assert hit is not None and hit.entry.id == "nib" and hit.answer == "Free through OSS."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            HEADER + NIB.replace('answer.en = "Free through OSS."\n', ""),
            'faq.toml: entry "nib": answer.en: is missing',
        ),
        (
            HEADER + NIB.replace('questions.en = ["how do i get an nib"]\n', ""),
            'faq.toml: entry "nib": questions.en: is missing',
        ),
        (
            HEADER + NIB.replace('flow = "licensing"', 'flow = "loans"'),
            'faq.toml: entry "nib": flow: must be one of registration, sessions, my_bookings,',
        ),
        (
            HEADER + NIB.replace('answer.id = "Gratis lewat OSS."', f'answer.id = "{TOO_LONG}"'),
            'faq.toml: entry "nib": answer.id: too long for one phone screen: 15 lines of 35'
            " characters, at most 12",
        ),
        (
            HEADER + NIB.replace('answer.en = "Free through OSS."', 'answer.en = "   "'),
            'faq.toml: entry "nib": answer.en: must not be empty',
        ),
        (
            HEADER + COST + 'button.id = "Bayar"\nbutton.en = "Pay"\n',
            'faq.toml: entry "cost": button: needs a flow to open',
        ),
        (
            HEADER + NIB.replace('"📄 Get an NIB"', '"📄 Get your business identification number"'),
            'faq.toml: entry "nib": button.en: must be at most 20 characters',
        ),
        (
            HEADER + NIB + NIB.replace('"cara buat nib", "nib itu apa"', '"nib"'),
            'faq.toml: entry "nib": id: used twice; each id must be unique',
        ),
        (
            HEADER
            + NIB
            + COST.replace('["berapa biayanya"]', '["berapa biayanya", "Cara buat NIB?"]'),
            'faq.toml: entry "cost": questions.id (item 2): "Cara buat NIB?" is also a question'
            ' of entry "nib"',
        ),
        (
            HEADER + NIB.replace('id = "nib"', 'id = "Urus NIB"'),
            'faq.toml: entry "Urus NIB": id: must be a-z, 0-9 and _ only',
        ),
        (
            HEADER + NIB + COST.replace('id = "cost"\n', ""),
            "faq.toml: entry 2: id: is missing",
        ),
        (
            HEADER
            + NIB.replace('questions.id = ["cara buat nib", "nib itu apa"]', "questions.id = []"),
            'faq.toml: entry "nib": questions.id: must have at least one item',
        ),
        (
            HEADER + NIB.replace('"nib itu apa"', '"???"'),
            'faq.toml: entry "nib": questions.id (item 2): must have letters or digits',
        ),
        (
            HEADER + NIB.replace('answer.en = "Free through OSS."', 'answer.in = "Free."'),
            'faq.toml: entry "nib": answer.',
        ),
        (
            HEADER + NIB + 'answer.fr = "Gratuit."\n',
            'faq.toml: entry "nib": answer.fr: is not a known field (check the spelling)',
        ),
        (
            HEADER + NIB.replace('answer.id = "Gratis lewat OSS."', "answer.id = 5"),
            'faq.toml: entry "nib": answer.id: must be text in quotes',
        ),
        (HEADER, "faq.toml: entry: is missing"),
        (HEADER + 'entry = ["nib"]\n', "faq.toml: entry 1: must be a table of fields"),
        (HEADER.replace("as_of = 2026-11-23\n", "") + NIB, "faq.toml: as_of: is missing"),
        (
            HEADER.replace("as_of = 2026-11-23", 'as_of = "kemarin"') + NIB,
            "faq.toml: as_of: must be a date like 2026-12-01 (no quotes)",
        ),
        (HEADER.replace('licence = "MIT"\n', "") + NIB, "faq.toml: licence: is missing"),
        (HEADER + NIB + "[[entry]\n", "faq.toml: is not valid TOML: "),
    ],
)
def test_broken_file_is_named_in_one_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ContentError) as raised:
        load_faq(_write(tmp_path, text))
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def test_several_problems_are_counted_after_the_first(tmp_path: Path) -> None:
    text = HEADER + NIB.replace('answer.en = "Free through OSS."\n', "").replace(
        "flow = ", "flo = "
    )
    with pytest.raises(ContentError) as raised:
        load_faq(_write(tmp_path, text))
    assert str(raised.value).endswith("(and 1 more problem)")
    assert raised.value.entry == "nib"


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"^nope\.toml: file not found$"):
        load_faq(tmp_path / "nope.toml")


def test_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "faq.toml"
    path.write_bytes(HEADER.encode() + b"\n# \xff\xfe broken\n")
    with pytest.raises(ContentError, match=r"^faq\.toml: is not UTF-8 text$"):
        load_faq(path)


def test_content_error_names_its_parts() -> None:
    error = ContentError("sessions.toml", "is missing", entry="p1", field="title.en")
    assert str(error) == 'sessions.toml: entry "p1": title.en: is missing'
    assert (error.file, error.entry, error.field, error.problem) == (
        "sessions.toml",
        "p1",
        "title.en",
        "is missing",
    )
    assert str(ContentError("a.toml", "is empty")) == "a.toml: is empty"
    assert (
        str(ContentError("a.toml", "is missing", entry=3, field="id"))
        == "a.toml: entry 3: id: is missing"
    )
