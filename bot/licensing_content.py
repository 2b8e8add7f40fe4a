"""The NIB/OSS licensing guide staff edit in `bot/content/licensing.toml`, checked at load.

Every text is one chat message and must fit one phone screen in both languages; a mistake
becomes one `ContentError` line naming the entry and field, as for the financing file.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import Field, field_validator

from bot.financing_content import (
    PHONE_LINE_CHARACTERS,
    PHONE_SCREEN_LINES,
    ContentError,
    ContentModel,
    ScreenText,
    Source,
    load_content,
    phone_lines,
)

LICENSING_FILE = "licensing.toml"

__all__ = ["LICENSING_FILE", "ContentError", "LicensingGuide", "load_licensing"]


class LicensingGuide(ContentModel):
    """How to get an NIB through OSS, message by message."""

    as_of: date
    source: Source
    staff_note: str | None = None
    title: ScreenText
    intro: ScreenText
    prepare: tuple[ScreenText, ...] = Field(min_length=1)
    steps: tuple[ScreenText, ...] = Field(min_length=1)
    help: ScreenText

    @field_validator("prepare")
    @classmethod
    def _list_fits_phone_screen(cls, items: tuple[ScreenText, ...]) -> tuple[ScreenText, ...]:
        for language in ("id", "en"):
            lines = phone_lines(prepare_message(items, language))
            if lines > PHONE_SCREEN_LINES:
                raise ValueError(
                    f"the list in {language} is too long for one phone screen: {lines} lines"
                    f" of {PHONE_LINE_CHARACTERS} characters, at most {PHONE_SCREEN_LINES}"
                )
        return items

    def prepare_text(self, language: str) -> str:
        """The things to have ready, one a line, as one message."""
        return prepare_message(self.prepare, language)


def prepare_message(items: tuple[ScreenText, ...], language: str) -> str:
    """The items as one message, one a line (the form the screen-size check applies to)."""
    return "\n".join(f"- {item.in_language(language)}" for item in items)


def load_licensing(path: Path | None = None) -> LicensingGuide:
    """The licensing guide from `path`, or the shipped file; raises `ContentError`."""
    if path is None:
        return _shipped_licensing()
    return load_content(path.name, path.read_bytes, LicensingGuide)


@cache
def _shipped_licensing() -> LicensingGuide:
    shipped = resources.files("bot").joinpath("content", LICENSING_FILE)
    return load_content(LICENSING_FILE, shipped.read_bytes, LicensingGuide)
