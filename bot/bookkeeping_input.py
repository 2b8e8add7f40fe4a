"""Income and expenses typed naturally: `jual keripik 150rb`, `bayar listrik 200 ribu`.

A seller keeps books by chatting one line per entry. The verb says which way the money
went (`jual`, `beli`, `modal`); without one, a known expense (`gas 3kg 25rb`) is enough.
What was understood travels in a refusal too, so the flow asks only for what is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.money import NUMBER_WORDS, PriceDoubt, find_rupiah, mentions_amount_in_words
from bot.vocabulary import EntryCategory, EntryKind

NOTE_MAX_LENGTH = 80


class EntryRefusalReason(StrEnum):
    """What is missing or unclear in a bookkeeping line."""

    EMPTY = "empty"
    NO_AMOUNT = "no_amount"
    AMOUNT_IN_WORDS = "amount_in_words"  # `jual keripik lima puluh ribu`
    RANGE = "range"  # `beli bahan 50-60rb`
    SEVERAL_AMOUNTS = "several_amounts"  # `jual 15rb 20rb`
    UNKNOWN_KIND = "unknown_kind"  # ask only "pemasukan atau pengeluaran?"


@dataclass(frozen=True)
class BookEntry:
    """One line of the books."""

    kind: EntryKind
    amount: int
    category: EntryCategory
    note: str  # what was written besides the amount and the verb


@dataclass(frozen=True)
class EntryRefusal:
    """A line not yet an entry, with whatever of it was understood."""

    reason: EntryRefusalReason
    kind: EntryKind | None = None
    amount: int | None = None
    category: EntryCategory | None = None
    note: str = ""


_VERBS: dict[str, EntryKind] = {
    **dict.fromkeys(
        (
            *("jual", "menjual", "jualan", "terjual", "laku", "laris", "dapat", "dapet"),
            *("dpt", "pemasukan", "masuk", "omzet", "omset", "terima", "nerima", "diterima"),
            *("pendapatan", "penjualan", "sold", "sell", "sale", "sales", "income", "earned"),
            *("received",),
        ),
        EntryKind.INCOME,
    ),
    **dict.fromkeys(
        (
            *("beli", "membeli", "beliin", "belanja", "blanja", "bayar", "byr", "membayar"),
            *("bayarin", "ongkos", "sewa", "gaji", "gajian", "pengeluaran", "keluar", "biaya"),
            *("bought", "buy", "paid", "pay", "spent", "spend", "expense", "rent", "salary"),
            *("wages",),
        ),
        EntryKind.EXPENSE,
    ),
    **dict.fromkeys(("modal", "capital", "investasi"), EntryKind.CAPITAL),
}

# Words that name an expense category, in Indonesian and English.
_CATEGORY_WORDS: dict[str, EntryCategory] = {
    **dict.fromkeys(
        (
            *("bahan", "tepung", "terigu", "gula", "minyak", "telur", "telor", "beras"),
            *("cabai", "cabe", "bawang", "daging", "ayam", "ikan", "sayur", "santan", "susu"),
            *("kopi", "teh", "mentega", "keju", "garam", "bumbu", "kain", "benang", "flour"),
            *("sugar", "oil", "eggs", "rice", "ingredients", "material", "materials"),
        ),
        EntryCategory.INGREDIENTS,
    ),
    **dict.fromkeys(
        ("kemasan", "plastik", "mika", "kardus", "stiker", "label", "packaging"),
        EntryCategory.PACKAGING,
    ),
    **dict.fromkeys(
        (
            *("listrik", "token", "pln", "air", "pdam", "gas", "elpiji", "lpg"),
            *("electricity", "water"),
        ),
        EntryCategory.UTILITIES,
    ),
    **dict.fromkeys(("pulsa", "kuota", "internet", "wifi"), EntryCategory.PHONE_AND_INTERNET),
    **dict.fromkeys(("sewa", "kontrakan", "lapak", "kios", "rent"), EntryCategory.RENT),
    **dict.fromkeys(
        ("gaji", "gajian", "upah", "karyawan", "pegawai", "salary", "wages"), EntryCategory.WAGES
    ),
    **dict.fromkeys(
        (
            *("transport", "bensin", "bbm", "ojek", "ojol", "gojek", "grab", "ongkir"),
            *("parkir", "angkot", "kirim", "fuel", "petrol", "delivery", "shipping"),
        ),
        EntryCategory.TRANSPORT,
    ),
    **dict.fromkeys(
        (
            *("alat", "peralatan", "kompor", "panci", "wajan", "blender", "etalase"),
            *("gerobak", "mesin", "tools", "equipment"),
        ),
        EntryCategory.EQUIPMENT,
    ),
}

# With no category word, what an expense verb most likely paid for.
_VERB_CATEGORY: dict[str, EntryCategory] = {
    **dict.fromkeys(("belanja", "blanja"), EntryCategory.INGREDIENTS),  # a food seller's shopping
}

_WORD = re.compile(r"[^\W\d_]+")
# Words that only join the amount to the rest: `sebesar 50rb`, `for 50k`, `50rb aja`.
_FILLER_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:sebesar|seharga|senilai|harga|total|tot|for|of)\W*$", re.IGNORECASE
)
_FILLER_AFTER = re.compile(r"\W*(?:aja|saja|doang)(?![^\W\d_])", re.IGNORECASE)
_EDGE_JUNK = " \t-–—:|,.;=+*"


def _shorten(note: str) -> str:
    if len(note) <= NOTE_MAX_LENGTH:
        return note
    cut = note[: NOTE_MAX_LENGTH + 1].rsplit(maxsplit=1)[0]
    return cut[:NOTE_MAX_LENGTH].rstrip(_EDGE_JUNK)


def _note(text: str, cut: list[tuple[int, int]]) -> str:
    """`text` without the given spans, spaces tidied, at most NOTE_MAX_LENGTH."""
    kept, cursor = [], 0
    for start, end in sorted(cut):
        kept.append(text[cursor:start])
        cursor = max(cursor, end)
    kept.append(text[cursor:])
    parts = (" ".join(part.split()).strip(_EDGE_JUNK) for part in kept)
    return _shorten(" ".join(part for part in parts if part))


def _kind_and_category(
    words: list[str],
) -> tuple[EntryKind | None, EntryCategory | None, str | None]:
    """The kind, category and verb the words name; None for what they do not say."""
    verb = next((word for word in words if word in _VERBS), None)
    named = next((_CATEGORY_WORDS[word] for word in words if word in _CATEGORY_WORDS), None)
    capital = any(_VERBS.get(word) is EntryKind.CAPITAL for word in words)
    if verb is None:
        return (EntryKind.EXPENSE if named else None), named, None
    kind = _VERBS[verb]
    if kind is EntryKind.INCOME and capital:
        kind = EntryKind.CAPITAL  # `dapat modal 2jt`, `terima modal`
    if kind is EntryKind.INCOME:
        return kind, EntryCategory.SALES, verb
    if kind is EntryKind.CAPITAL:
        return kind, EntryCategory.CAPITAL, verb
    return kind, named or _VERB_CATEGORY.get(verb, EntryCategory.OTHER), verb


def parse_entry(text: str) -> BookEntry | EntryRefusal:
    """Read one typed bookkeeping line, or say what is missing and what was understood."""
    line = " ".join(text.split())
    if not line:
        return EntryRefusal(EntryRefusalReason.EMPTY)
    words = [(match.group().casefold(), match.span()) for match in _WORD.finditer(line)]
    kind, category, verb = _kind_and_category([word for word, _ in words])
    cut = [span for word, span in words if word == verb][:1]
    price = find_rupiah(line)
    if price is None:
        if not mentions_amount_in_words(line):
            note = _note(line, cut)
            return EntryRefusal(
                EntryRefusalReason.NO_AMOUNT, kind=kind, category=category, note=note
            )
        # The spelt-out amount is asked again in digits; it is not part of the note.
        spelt = [span for word, span in words if word in NUMBER_WORDS]
        return EntryRefusal(
            EntryRefusalReason.AMOUNT_IN_WORDS,
            kind=kind,
            category=category,
            note=_note(line, [*cut, *spelt]),
        )
    start, end = price.start, price.end
    if before := _FILLER_BEFORE.search(line, 0, start):
        start = before.start()
    if after := _FILLER_AFTER.match(line, end):
        end = after.end()
    note = _note(line, [*cut, (start, end)])
    if price.doubtful:
        reason = (
            EntryRefusalReason.RANGE
            if price.doubt is PriceDoubt.RANGE
            else EntryRefusalReason.SEVERAL_AMOUNTS
        )
        return EntryRefusal(reason, kind=kind, category=category, note=note)
    if kind is None or category is None:
        return EntryRefusal(EntryRefusalReason.UNKNOWN_KIND, amount=price.amount, note=note)
    return BookEntry(kind=kind, amount=price.amount, category=category, note=note)
