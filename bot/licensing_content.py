"""The NIB/OSS licensing guide staff edit in `bot/content/licensing.toml`, checked at load.

Every text is one chat message and must fit one phone screen in both languages; a mistake
becomes one `ContentError` line naming the entry and field (see `bot.content_files`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from pydantic import Field, field_validator

from bot.content_files import (
    ContentFile,
    ContentModel,
    ScreenText,
    Source,
    load_content,
    screen_overflow,
)

_ENTRY_LABELS = {"steps": "step", "prepare": "item to prepare"}
"""Lists whose items are entries, named by position (their `id` is the Indonesian text)."""


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
            problem = screen_overflow(prepare_message(items, language))
            if problem is not None:
                raise ValueError(f"the list in {language} is {problem}")
        return items

    def prepare_text(self, language: str) -> str:
        """The things to have ready, one a line, as one message."""
        return prepare_message(self.prepare, language)


def prepare_message(items: tuple[ScreenText, ...], language: str) -> str:
    """The items as one message, one a line (the form the screen-size check applies to)."""
    return "\n".join(f"- {item.in_language(language)}" for item in items)


def load_licensing(path: Path | None = None) -> LicensingGuide:
    """The licensing guide from `path`, or the shipped file; raises `ContentError`."""
    return LICENSING_CONTENT.load(path)


def _licensing(file_name: str, read_bytes: Callable[[], bytes]) -> LicensingGuide:
    return load_content(file_name, read_bytes, LicensingGuide, entry_labels=_ENTRY_LABELS)


LICENSING_CONTENT = ContentFile("licensing.toml", _licensing)
"""`bot/content/licensing.toml`, or a staff copy of it."""
