"""Translations and locale-aware formatting.

Flow code writes `_("Siapa nama lengkap Anda?")`; the language is that of the
member whose event is being handled, set by the engine with `use_language` for
the duration of one event (a context variable, so concurrent members never see
each other's language).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_datetime as babel_format_datetime
from babel.support import NullTranslations, Translations

from bot.clock import JAKARTA
from bot.config import SUPPORTED_LANGUAGES

DOMAIN = "messages"
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"

_language: ContextVar[str] = ContextVar("okoce_language", default="id")


@cache
def _translations(language: str) -> NullTranslations:
    """The compiled catalog for `language` (read once; catalogs are immutable)."""
    return Translations.load(str(LOCALES_DIR), [language], DOMAIN)


def current_language() -> str:
    """The language of the event being handled."""
    return _language.get()


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Translate and format in `language` inside the block."""
    token = _language.set(language if language in SUPPORTED_LANGUAGES else "id")
    try:
        yield
    finally:
        _language.reset(token)


def gettext(message: str) -> str:
    """Translate `message` (written in Indonesian) into the current language."""
    return _translations(_language.get()).gettext(message)


def N_(message: str) -> str:
    """Mark `message` for extraction; translate it later with `gettext`."""
    return message


_ = gettext


def guess_language(language_code: str | None, default: str) -> str:
    """Map a platform language code (`en-GB`, `id`) to a supported language."""
    if language_code:
        base = language_code.split("-")[0].split("_")[0].lower()
        if base in SUPPORTED_LANGUAGES:
            return base
    return default


def format_datetime_wib(moment: datetime) -> str:
    """A date and time as people in Jakarta read it, e.g. `Sen, 24 Nov 2026 09.00 WIB`."""
    local = moment.astimezone(JAKARTA)
    text = babel_format_datetime(local, "EEE, d MMM y HH.mm", locale=_locale())
    return f"{text} WIB"


def _locale() -> Locale:
    return Locale.parse(_language.get())
