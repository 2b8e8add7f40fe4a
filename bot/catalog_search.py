"""Product words folded to one spelling, so a search finds what sellers wrote another way.

Indonesian product names are written many ways: `keripik` and `kripik`, `cokelat` and
`coklat`, `kerupuk` and `kroepoek` (the old spelling), `baladoo` with a key held down,
`kueh` for `kue`. `fold_words` turns each word into one key, the same for every such
spelling; listings are indexed by their folded words (`listings.search_name`,
`listings.search_text`) and queries are folded the same way, so the database's own
full-text index (SQLite FTS5, PostgreSQL `tsvector`) does the matching. Each query word
is also taken as a prefix, so `kerip` finds `keripik` while it is being typed.

The rules, in order, on lower-case letters without accents:
1. old spellings: `oe` → `u`, `tj` → `c`, `dj` → `j`, `sj` → `sy`, `nj` → `ny`;
2. a letter repeated is written once (`baladoo`, `kopii`, `saat`);
3. the weak `e` between a consonant and `r`/`l` before a vowel is dropped
   (`keripik`/`kripik`, `kerupuk`/`krupuk`, `cokelat`/`coklat`, `telur`/`tlur`);
4. a final `h` after a vowel is dropped (`kueh`, `tempeh`);
5. whole-word variants no rule covers (`sambel` → `sambal`, `telor` → `telur`,
   `baso` → `bakso`, `mi` → `mie`).
Two spellings that fold alike may be different words (`saat` and `sat`); in a product
search that costs a stray result at worst, where a missed one costs a sale.
"""

from __future__ import annotations

import re
import unicodedata

MAX_QUERY_WORDS = 8
"""Words of a query used; the rest are ignored (a pasted paragraph is not a query)."""
MAX_WORD_LENGTH = 40

_OLD_SPELLINGS = (("oe", "u"), ("tj", "c"), ("dj", "j"), ("sj", "sy"), ("nj", "ny"))
_REPEATED = re.compile(r"([a-z])\1+")
_WEAK_E = re.compile(r"(?<=[bcdfghjkmnpqstvwxyz])e(?=[rl][aiueo])")
_FINAL_H = re.compile(r"(?<=[aiueo])h$")
_WORD = re.compile(r"[a-z0-9]+")
_VARIANTS = {
    "sambel": "sambal",
    "telor": "telur",
    "baso": "bakso",
    "mi": "mie",
    "satay": "sate",
    "sprei": "seprai",
    "seprei": "seprai",
}
"""Whole words spelt differently beyond the rules (written before folding)."""


def _plain(text: str) -> str:
    """Lower case, accents removed (`é` → `e`)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold_word(word: str) -> str:
    """One word's folded key (`Keripik` → `kripik`, `baladoo` → `balado`)."""
    word = _VARIANTS.get(word, word)
    for old, new in _OLD_SPELLINGS:
        word = word.replace(old, new)
    word = _REPEATED.sub(r"\1", word)
    word = _WEAK_E.sub("", word)
    word = _FINAL_H.sub("", word)
    return _VARIANTS.get(word, word)


def fold_words(text: str | None) -> list[str]:
    """Every word of `text` folded, in order (digits kept as words of their own)."""
    if not text:
        return []
    return [fold_word(word[:MAX_WORD_LENGTH]) for word in _WORD.findall(_plain(text))]


def fold_text(*parts: str | None) -> str:
    """The folded words of all parts as one space-separated string, for the index."""
    return " ".join(word for part in parts for word in fold_words(part))


def query_terms(query: str | None) -> tuple[str, ...]:
    """The distinct folded words of a typed query, at most `MAX_QUERY_WORDS`."""
    terms: list[str] = []
    for word in fold_words(query):
        if word not in terms:
            terms.append(word)
    return tuple(terms[:MAX_QUERY_WORDS])


def fts5_query(terms: tuple[str, ...]) -> str:
    """An FTS5 MATCH expression: every term as a quoted prefix (`"kripik"* "balado"*`).

    Terms are letters and digits only, so quoting cannot be escaped from.
    """
    return " ".join(f'"{term}"*' for term in terms)


def tsquery(terms: tuple[str, ...]) -> str:
    """A PostgreSQL `to_tsquery('simple', …)` text: every term as a prefix, all required."""
    return " & ".join(f"{term}:*" for term in terms)
