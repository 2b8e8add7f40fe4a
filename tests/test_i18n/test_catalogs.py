"""Every message a person reads is translated, in both languages, with the same placeholders."""

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.i18n import LOCALES_DIR, _, format_datetime_wib, use_language

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _catalog(language: str) -> Catalog:
    with (LOCALES_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


def _source_messages() -> set[str]:
    found: set[str] = set()
    for package in ("bot", "conversations", "handlers", "wiring"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / package,
            method_map=[("**.py", "python"), ("**/templates/**.html", "jinja2")],
            options_map={"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}},
            keywords={"_": None, "N_": None, "gettext": None},
        ):
            if isinstance(message, str) and message:
                found.add(message)
    return found


def test_source_messages_were_found() -> None:
    messages = _source_messages()
    assert "Siapa nama lengkap Anda?" in messages
    assert "Tanya lewat Telegram" in messages  # from the showcase's templates


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_source_message_is_translated(language: str) -> None:
    catalog = _catalog(language)
    missing = [
        message
        for message in sorted(_source_messages())
        if catalog.get(message) is None or not catalog[message].string
    ]
    assert not missing, f"{language}: run `make i18n` and translate: {missing}"


@pytest.mark.parametrize("language", ["id", "en"])
def test_translations_keep_the_placeholders(language: str) -> None:
    wrong = [
        message.id
        for message in _catalog(language)
        if message.id
        and message.string
        and set(PLACEHOLDER.findall(str(message.id)))
        != set(PLACEHOLDER.findall(str(message.string)))
    ]
    assert not wrong


def test_messages_come_out_in_the_chosen_language() -> None:
    with use_language("en"):
        english = _("Siapa nama lengkap Anda?")
    with use_language("id"):
        indonesian = _("Siapa nama lengkap Anda?")
    assert indonesian == "Siapa nama lengkap Anda?"
    assert english != indonesian and english.isascii()


def test_times_are_shown_in_jakarta_time() -> None:
    from datetime import UTC, datetime

    moment = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)  # 09.00 in Jakarta
    with use_language("id"):
        assert format_datetime_wib(moment) == "Sel, 24 Nov 2026 09.00 WIB"
