"""Names people type: their own, and their business's."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_PERSON_ALLOWED = re.compile(r"^[^\W\d_]+(?:[ .'\-][^\W\d_]*)*$")


def parse_person_name(text: str) -> str | None:
    """A full name of 3–80 characters made of letters (and . ' - between them), or None.

    `siti   aminah` becomes `Siti Aminah`; digits, emoji and symbols are refused.
    """
    name = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    if not 3 <= len(name) <= 80 or not _PERSON_ALLOWED.match(name):
        return None
    if sum(ch.isalpha() for ch in name) < 2 or any(ch.isnumeric() for ch in name):
        return None  # `\d` misses `²` and `Ⅻ`, which are numbers all the same
    return name.title() if name.islower() or name.isupper() else name


def parse_business_name(text: str) -> str | None:
    """A business name of 2–80 characters with at least two letters or digits, or None."""
    name = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    if not 2 <= len(name) <= 80:
        return None
    if sum(ch.isalnum() for ch in name) < 2:
        return None
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in name):
        return None
    return name
