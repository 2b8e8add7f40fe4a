"""The 7 PAS tools in English: the same screens, each still fitting one phone screen."""

from __future__ import annotations

import pytest

from bot.content_files import PHONE_SCREEN_LINES, phone_lines
from bot.db import Database
from bot.i18n import use_language
from conversations.help import help_for
from tests.phone_screens import ScreenCheckedPerson
from tests.transcript import make_engine

PATHS = {
    "simulator with a cap warning": [
        ("command", "modal"),
        ("press", "Loan calculator"),
        ("press", "Type a rate"),
        ("say", "0,3% per day"),
        ("say", "100jt"),
        ("say", "60"),
        ("press", "Schedule PDF"),
    ],
    "a product with every figure": [
        ("command", "modal"),
        ("press", "Loan products"),
        ("press", "KUR Micro"),
        ("press", "Loan calculator"),
        ("say", "100jt"),
        ("say", "60"),
    ],
    "legality and readiness": [
        ("command", "modal"),
        ("press", "Is a lender legal?"),
        ("press", "Am I ready?"),
        ("press", "I'm interested"),
        ("press", "Not sure yet"),
        ("say", "5jt"),
        ("say", "a new food cart and more stock for the stall"),
        ("press", "Send to coordinator"),
    ],
    "bookkeeping": [
        ("command", "catatan"),
        ("say", "sold chips 150k"),
        ("press", "Save"),
        ("say", "paid rent 1jt"),
        ("press", "Save"),
        ("press", "This month's summary"),
        ("press", "Back"),
        ("press", "Change a record"),
    ],
    "licensing and progress": [
        ("command", "nib"),
        ("press", "What is an NIB?"),
        ("press", "What to prepare"),
        ("press", "Steps on OSS"),
        ("press", "Next"),
        ("command", "progres"),
    ],
}


@pytest.mark.parametrize("path", PATHS.values(), ids=PATHS.keys())
async def test_every_message_fits_one_phone_screen_in_english(
    sqlite_database: Database, path: list[tuple[str, str]]
) -> None:
    siti = ScreenCheckedPerson(make_engine(sqlite_database), "en")
    await siti.registers()
    await siti.commands("bahasa")
    await siti.presses("English")
    for action, value in path:
        if action == "command":
            await siti.commands(value)
        elif action == "press":
            await siti.presses(value)
        else:
            await siti.says(value)
    assert siti.last and all(reply.language == "en" for reply in siti.last)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize(
    "flow", ["progress", "financing", "financing_desk", "bookkeeping", "licensing"]
)
def test_help_for_each_new_flow_fits_one_screen(flow: str, language: str) -> None:
    with use_language(language):
        text, general = help_for(flow), help_for(None)
    assert phone_lines(text) <= PHONE_SCREEN_LINES, text
    assert text != general, "each flow says what it is for"
