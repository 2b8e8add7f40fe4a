"""Folding what people type into a plain form that can be compared.

Phones add capitals, accents, emoji and stray punctuation; `Kec. Kebayoran Baru!!`,
`kec kebayoran baru` and `KEC KEBAYORAN BARU` should all read the same.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans("", "", "'’`´")
_SPACES = re.compile(r"\s+")
_REPEATS = re.compile(r"(.)\1+")
_VARIATION_SELECTORS = str.maketrans("", "", "\ufe0e\ufe0f")


def fold(text: str) -> str:
    """Lower-case letters and digits only, accents dropped, words split by one space.

    Emoji and punctuation become spaces; apostrophes vanish (`jum'at` is `jumat`).
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).casefold())
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category == "Mn":
            continue
        kept.append(char if category[0] in "LN" else " ")
    return _SPACES.sub(" ", "".join(kept).casefold()).strip()


def squeeze(word: str) -> str:
    """The word with every run of one letter shortened to one (`iyaaa` is `iya`)."""
    return _REPEATS.sub(r"\1", word)


def symbols_of(text: str) -> str:
    """The text without spaces and emoji variation selectors, for labels made of emoji only."""
    return _SPACES.sub("", text.translate(_VARIATION_SELECTORS))
