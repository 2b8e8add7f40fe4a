"""Names people type: their own, and their business's.

Staff read these names in rosters and pick people by them, so a name must not pass for
something else: one that looks like a link (`Evil.com`, `Bit.Ly Siti`) or mixes
scripts to imitate another name (a Cyrillic `А` in `Siti Аminah`) is refused.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_PERSON_ALLOWED = re.compile(r"^[^\W\d_]+(?:[ .'\-][^\W\d_]*)*$")
_LINK_LIKE = re.compile(r"[^\W_]\.[^\W\d_]{2}|://|\bwww\.", re.IGNORECASE)
"""A dot with a word before it and two letters after (`evil.com`, `bit.ly`, `M.Yusuf`):
how a domain looks. Initials are written with a space (`M. Yusuf`) or are one letter
(`A.B. Susanto`)."""
_SCRIPT_NEUTRAL = frozenset({"MODIFIER"})


def parse_person_name(text: str) -> str | None:
    """A full name of 3–80 characters made of letters (and . ' - between them), or None.

    `siti   aminah` becomes `Siti Aminah`; digits, emoji, symbols, link-like words and
    letters of several scripts are refused.
    """
    name = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    if not 3 <= len(name) <= 80 or not _PERSON_ALLOWED.match(name):
        return None
    if sum(ch.isalpha() for ch in name) < 2 or _deceptive(name):
        return None
    return name.title() if name.islower() or name.isupper() else name


def parse_business_name(text: str) -> str | None:
    """A business name of 2–80 characters with at least two letters or digits, or None.

    Link-like words and letters of several scripts are refused, as in person names.
    """
    name = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    if not 2 <= len(name) <= 80:
        return None
    if sum(ch.isalnum() for ch in name) < 2:
        return None
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in name):
        return None
    if _deceptive(name):
        return None
    return name


def _deceptive(name: str) -> bool:
    """Whether `name` looks like a link or mixes the letters of several scripts."""
    return _LINK_LIKE.search(name) is not None or len(_scripts(name)) > 1


def _scripts(name: str) -> set[str]:
    """The scripts of the letters in `name` (`LATIN`, `CYRILLIC`, ...), by Unicode name."""
    scripts = set()
    for ch in name:
        if not ch.isalpha():
            continue
        script = unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]
        if script not in _SCRIPT_NEUTRAL:
            scripts.add(script)
    return scripts
