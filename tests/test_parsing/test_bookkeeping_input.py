"""Income and expenses typed naturally, one line per entry."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.bookkeeping_input import (
    NOTE_MAX_LENGTH,
    BookEntry,
    EntryRefusal,
    EntryRefusalReason,
    parse_entry,
)
from bot.vocabulary import EntryCategory, EntryKind

INCOME, EXPENSE, CAPITAL = EntryKind.INCOME, EntryKind.EXPENSE, EntryKind.CAPITAL
Reason = EntryRefusalReason

ENTRIES = [
    # Income.
    ("jual keripik 150rb", INCOME, 150_000, EntryCategory.SALES, "keripik"),
    ("laku 30 bungkus 450rb", INCOME, 450_000, EntryCategory.SALES, "30 bungkus"),
    ("terjual 10 porsi 150.000", INCOME, 150_000, EntryCategory.SALES, "10 porsi"),
    ("dapat 100rb", INCOME, 100_000, EntryCategory.SALES, ""),
    ("dapet 75rb dari pesanan", INCOME, 75_000, EntryCategory.SALES, "dari pesanan"),
    ("pemasukan 1jt", INCOME, 1_000_000, EntryCategory.SALES, ""),
    ("omzet hari ini 2,5jt", INCOME, 2_500_000, EntryCategory.SALES, "hari ini"),
    ("omset 800rb", INCOME, 800_000, EntryCategory.SALES, ""),
    ("Jual Keripik Rp 150.000,-", INCOME, 150_000, EntryCategory.SALES, "Keripik"),
    ("jual gas 3kg 25rb", INCOME, 25_000, EntryCategory.SALES, "gas 3kg"),
    ("sold chips 150k", INCOME, 150_000, EntryCategory.SALES, "chips"),
    # Expenses.
    ("beli bahan 50.000", EXPENSE, 50_000, EntryCategory.INGREDIENTS, "bahan"),
    ("beli tepung sebesar 50rb", EXPENSE, 50_000, EntryCategory.INGREDIENTS, "tepung"),
    ("belanja 200rb", EXPENSE, 200_000, EntryCategory.INGREDIENTS, ""),
    ("belanja plastik 20rb", EXPENSE, 20_000, EntryCategory.PACKAGING, "plastik"),
    ("bayar listrik 200 ribu", EXPENSE, 200_000, EntryCategory.UTILITIES, "listrik"),
    ("bayar 50rb", EXPENSE, 50_000, EntryCategory.OTHER, ""),
    ("bayar token pln 100rb", EXPENSE, 100_000, EntryCategory.UTILITIES, "token pln"),
    ("gas 3kg 25rb", EXPENSE, 25_000, EntryCategory.UTILITIES, "gas 3kg"),
    ("beli gas 3 kg 22rb aja", EXPENSE, 22_000, EntryCategory.UTILITIES, "gas 3 kg"),
    ("ongkos kirim 15rb", EXPENSE, 15_000, EntryCategory.TRANSPORT, "kirim"),
    ("ongkos 10rb", EXPENSE, 10_000, EntryCategory.OTHER, ""),
    ("bensin 20rb", EXPENSE, 20_000, EntryCategory.TRANSPORT, "bensin"),
    ("sewa lapak 500rb", EXPENSE, 500_000, EntryCategory.RENT, "lapak"),
    ("gaji karyawan 1,5jt", EXPENSE, 1_500_000, EntryCategory.WAGES, "karyawan"),
    ("pengeluaran 30rb", EXPENSE, 30_000, EntryCategory.OTHER, ""),
    ("keluar 20rb buat parkir", EXPENSE, 20_000, EntryCategory.TRANSPORT, "buat parkir"),
    ("beli kompor 350rb", EXPENSE, 350_000, EntryCategory.EQUIPMENT, "kompor"),
    ("isi kuota 50rb", EXPENSE, 50_000, EntryCategory.PHONE_AND_INTERNET, "isi kuota"),
    ("tepung 50rb", EXPENSE, 50_000, EntryCategory.INGREDIENTS, "tepung"),
    ("bought flour 50k", EXPENSE, 50_000, EntryCategory.INGREDIENTS, "flour"),
    ("bought flour for 50k", EXPENSE, 50_000, EntryCategory.INGREDIENTS, "flour"),
    ("paid rent 1jt", EXPENSE, 1_000_000, EntryCategory.RENT, "rent"),
    # The examples the bookkeeping chat shows in English (and "sold chips 150k" above).
    ("bought flour 50.000", EXPENSE, 50_000, EntryCategory.INGREDIENTS, "flour"),
    ("paid electricity 200rb", EXPENSE, 200_000, EntryCategory.UTILITIES, "electricity"),
    # Capital the owner puts in.
    ("modal 2jt", CAPITAL, 2_000_000, EntryCategory.CAPITAL, ""),
    ("tambah modal 500rb", CAPITAL, 500_000, EntryCategory.CAPITAL, "tambah"),
    ("dapat modal 2jt dari suami", CAPITAL, 2_000_000, EntryCategory.CAPITAL, "modal dari suami"),
]


@pytest.mark.parametrize(("typed", "kind", "amount", "category", "note"), ENTRIES)
def test_typed_line_becomes_an_entry(
    typed: str, kind: EntryKind, amount: int, category: EntryCategory, note: str
) -> None:
    assert parse_entry(typed) == BookEntry(kind=kind, amount=amount, category=category, note=note)


REFUSALS = [
    ("", EntryRefusal(Reason.EMPTY)),
    ("   ", EntryRefusal(Reason.EMPTY)),
    (
        "keripik 150rb",
        EntryRefusal(Reason.UNKNOWN_KIND, amount=150_000, note="keripik"),
    ),
    ("150rb", EntryRefusal(Reason.UNKNOWN_KIND, amount=150_000)),
    (
        "jual keripik",
        EntryRefusal(Reason.NO_AMOUNT, kind=INCOME, category=EntryCategory.SALES, note="keripik"),
    ),
    (
        "beli tepung 1,5",
        EntryRefusal(
            Reason.NO_AMOUNT, kind=EXPENSE, category=EntryCategory.INGREDIENTS, note="tepung 1,5"
        ),
    ),
    (
        "jual keripik lima puluh ribu",
        EntryRefusal(
            Reason.AMOUNT_IN_WORDS,
            kind=INCOME,
            category=EntryCategory.SALES,
            note="keripik",
        ),
    ),
    (
        "beli bahan 50-60rb",
        EntryRefusal(Reason.RANGE, kind=EXPENSE, category=EntryCategory.INGREDIENTS, note="bahan"),
    ),
    (
        "jual 15rb 20rb",
        EntryRefusal(Reason.SEVERAL_AMOUNTS, kind=INCOME, category=EntryCategory.SALES),
    ),
    ("halo kak", EntryRefusal(Reason.NO_AMOUNT, note="halo kak")),
]


@pytest.mark.parametrize(("typed", "refusal"), REFUSALS)
def test_unclear_line_is_refused_with_what_was_understood(
    typed: str, refusal: EntryRefusal
) -> None:
    assert parse_entry(typed) == refusal


def test_long_note_is_cut_at_a_word() -> None:
    entry = parse_entry("jual " + "keripik " * 20 + "150rb")
    assert isinstance(entry, BookEntry)
    assert len(entry.note) <= NOTE_MAX_LENGTH and entry.note.endswith("keripik")


@given(st.one_of(st.text(), st.text(alphabet="jual beli modal gas 3kg 0123456789.,-rbk Rp")))
def test_any_line_gets_an_entry_or_a_refusal(typed: str) -> None:
    result = parse_entry(typed)
    assert len(result.note) <= NOTE_MAX_LENGTH
    if isinstance(result, BookEntry):
        assert result.amount > 0
        assert result.kind in set(EntryKind) and result.category in set(EntryCategory)
    else:
        assert isinstance(result, EntryRefusal) and result.reason in set(Reason)
        assert result.amount is None or result.amount > 0


@given(
    st.sampled_from(["jual", "beli", "modal", "bayar", "laku", "sold", "paid"]),
    st.sampled_from(["keripik", "kue", "tepung", "listrik", "pesanan", ""]),
    st.integers(min_value=1, max_value=999_999),
)
def test_verb_note_and_amount_read_back(verb: str, note: str, thousands: int) -> None:
    entry = parse_entry(f"{verb} {note} {thousands}rb")
    assert isinstance(entry, BookEntry)
    assert entry.amount == thousands * 1_000
    assert entry.note == note
