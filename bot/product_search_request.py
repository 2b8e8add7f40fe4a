"""Reading "cari keripik" or "mau beli kue lapis" typed at the menu as a product search.

Only a text that starts with a word of looking or buying counts, and only when what
follows is not about the programme itself ("cari pelatihan", "cari modal" stay questions
for the FAQ and the session list). The words left are what to search for; the search
itself is typo-tolerant, so they are passed on as typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.typed_text import fold

SEARCH_CUES = (
    ("ada", "yang", "jual"),
    ("mau", "beli"),
    ("pengen", "beli"),
    ("ingin", "beli"),
    ("cari", "produk"),
    ("cari",),
    ("nyari",),
    ("carikan",),
    ("beli",),
    ("belanja",),
)
"""Opening words, longest first, that make a text a search for a product."""
PROGRAMME_WORDS = frozenset(
    {
        "pelatihan",
        "jadwal",
        "kelas",
        "sesi",
        "training",
        "klinik",
        "modal",
        "pinjaman",
        "kur",
        "nib",
        "izin",
        "petugas",
        "admin",
        "koordinator",
        "mentor",
        "info",
        "informasi",
        "kerja",
        "lowongan",
    }
)
"""Words that make "cari …" a question about OK OCE, not about something to buy."""
FILLER = frozenset({"dong", "donk", "ya", "yah", "kak", "min", "nih", "sih", "deh", "yang"})


@dataclass(frozen=True)
class ProductSearch:
    """A typed request to look for products; `words` may be empty ("cari produk")."""

    words: str


def read_product_search(text: str) -> ProductSearch | None:
    """The product search a typed text asks for, or None when it is not one."""
    words = fold(text).split()
    for cue in SEARCH_CUES:
        if tuple(words[: len(cue)]) == cue:
            rest = [word for word in words[len(cue) :] if word not in FILLER]
            if any(word in PROGRAMME_WORDS for word in rest):
                return None
            return ProductSearch(" ".join(rest))
    return None
