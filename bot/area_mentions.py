"""Finding a kecamatan named inside a question: `kapan pelatihan di cengkareng`.

A kecamatan's name anywhere in the text counts (`pelatihan cengkareng minggu ini`); after
a word of place (`di`, `dekat`, `daerah`, `near`) a typo or abbreviation counts too
(`di kby baru`, `deket cengkarng`), and so does a kelurahan (`di manggarai` is Tebet).
What is left once the name is taken out is what is asked (`kapan pelatihan`).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.areas import AreaDirectory, Kecamatan
from bot.typed_text import fold

PLACE_WORDS = frozenset(
    [
        "di",
        "dekat",
        "deket",
        "daerah",
        "sekitar",
        "wilayah",
        "kecamatan",
        "kec",
        "area",
        "kawasan",
        "in",
        "near",
        "around",
        "at",
    ]
)
"""Words after which a place name is expected."""
MAX_NAME_WORDS = 3
"""Kecamatan names are at most three words (`Kepulauan Seribu Selatan`)."""
MAX_WORDS_READ = 16
"""A question is short; words past this many are not searched."""
MIN_FUZZY_LETTERS = 4
"""A typo-tolerant match needs this many letters (`di sn` is nothing)."""


@dataclass(frozen=True)
class Mention:
    """A kecamatan the text names, and the text without it (and its place word)."""

    kecamatan: Kecamatan
    rest: str


def kecamatan_mentioned(text: str, areas: AreaDirectory) -> Mention | None:
    """The first kecamatan named in `text`, or None."""
    words = fold(text).split()[:MAX_WORDS_READ]
    exact = {"".join(fold(k.name).split()): k for k in areas.kecamatans}
    for start in range(len(words)):
        after_place_word = start > 0 and words[start - 1] in PLACE_WORDS
        sizes = range(1, min(MAX_NAME_WORDS, len(words) - start) + 1)
        found, size = None, 0
        for size in reversed(sizes):  # a whole name first: `kebayoran baru`, not `kebayoran`
            found = exact.get("".join(words[start : start + size]))
            if found is not None:
                break
        if found is None and after_place_word:
            for size in sizes:  # the fewest words that match, so `kb lama kapan` keeps `kapan`
                window = words[start : start + size]
                if len("".join(window)) >= MIN_FUZZY_LETTERS:
                    found = areas.match_kecamatan(" ".join(window)).best
                if found is not None:
                    break
        if found is not None:
            cut_from = start - 1 if after_place_word else start
            return Mention(found, " ".join(words[:cut_from] + words[start + size :]))
    return None
