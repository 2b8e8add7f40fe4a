"""Rupiah as sellers type them on a phone, and as the bot writes them back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.money import (
    DEFAULT_MAXIMUM,
    PriceDoubt,
    Rupiah,
    RupiahRefusal,
    RupiahRefusalReason,
    find_all_rupiah,
    find_rupiah,
    format_rupiah,
    mentions_amount_in_words,
    parse_rupiah,
)

Reason = RupiahRefusalReason

ACCEPTED = [
    # Thousands: rb, ribu, rebu, k.
    ("15rb", 15_000),
    ("15 rb", 15_000),
    ("15RB", 15_000),
    ("15ribu", 15_000),
    ("15 ribu", 15_000),
    ("15 rebu", 15_000),
    ("15k", 15_000),
    ("15K", 15_000),
    ("15 k", 15_000),
    ("2,5rb", 2_500),
    ("7.5k", 7_500),
    ("15rb.", 15_000),
    # Millions and billions.
    ("1,5jt", 1_500_000),
    ("1.5jt", 1_500_000),
    ("1,5 juta", 1_500_000),
    ("2jt", 2_000_000),
    ("2 jt", 2_000_000),
    ("2juta", 2_000_000),
    ("0,5jt", 500_000),
    ("1,25 M", 1_250_000_000),
    ("1,25 m", 1_250_000_000),
    ("1 miliar", 1_000_000_000),
    ("2 milyar", 2_000_000_000),
    ("1 juta 250 ribu", 1_250_000),
    ("1jt 500rb", 1_500_000),
    # Rp and IDR in front, `,-` and `rupiah` behind.
    ("Rp 15.000,-", 15_000),
    ("Rp 15.000.-", 15_000),
    ("Rp15.000", 15_000),
    ("Rp. 1.500.000", 1_500_000),
    ("rp 15000", 15_000),
    ("RP15000", 15_000),
    ("IDR 15.000", 15_000),
    ("15.000 IDR", 15_000),
    ("Rp15rb", 15_000),
    ("Rp 15 ribu", 15_000),
    ("15.000 rupiah", 15_000),
    ("15 ribu rupiah", 15_000),
    ("Rp 15.000,00", 15_000),
    # Digits alone: dots (Indonesian) or commas (English) group thousands.
    ("15.000", 15_000),
    ("15000", 15_000),
    ("1.500.000", 1_500_000),
    ("1.500.000,00", 1_500_000),
    ("15,000", 15_000),
    ("1,500,000", 1_500_000),
    ("1,500,000.00", 1_500_000),
    ("15000.00", 15_000),
    ("500", 500),
    ("1", 1),
    ("  15rb  ", 15_000),
    ("Rp\u00a015.000", 15_000),
    (str(DEFAULT_MAXIMUM), DEFAULT_MAXIMUM),
]

REFUSED = [
    ("", Reason.EMPTY),
    ("   ", Reason.EMPTY),
    ("gratis", Reason.FREE),
    ("Gratis!", Reason.FREE),
    ("free", Reason.FREE),
    ("cuma-cuma", Reason.FREE),
    ("0", Reason.ZERO),
    ("Rp0", Reason.ZERO),
    ("Rp 0,-", Reason.ZERO),
    ("0rb", Reason.ZERO),
    ("-0", Reason.ZERO),
    ("-5rb", Reason.NEGATIVE),
    ("- 5rb", Reason.NEGATIVE),
    ("−5.000", Reason.NEGATIVE),
    ("Rp -5.000", Reason.NEGATIVE),
    ("-Rp5.000", Reason.NEGATIVE),
    ("15rb-20rb", Reason.RANGE),
    ("15rb - 20rb", Reason.RANGE),
    ("15rb s/d 20rb", Reason.RANGE),
    ("15rb sampai 20rb", Reason.RANGE),
    ("15-20rb", Reason.RANGE),
    ("15rb–20rb", Reason.RANGE),
    ("Rp 15.000 - Rp 20.000", Reason.RANGE),
    ("10k to 15k", Reason.RANGE),
    ("15rb atau 20rb", Reason.SEVERAL_AMOUNTS),
    ("15rb 20rb", Reason.SEVERAL_AMOUNTS),
    ("lima juta", Reason.IN_WORDS),
    ("sepuluh ribu", Reason.IN_WORDS),
    ("seratus ribu", Reason.IN_WORDS),
    ("goceng", Reason.IN_WORDS),
    ("five thousand", Reason.IN_WORDS),
    ("2 juta 500", Reason.IN_WORDS),
    ("1,5", Reason.FRACTION_OF_RUPIAH),
    ("15,5", Reason.FRACTION_OF_RUPIAH),
    ("15.000,50", Reason.FRACTION_OF_RUPIAH),
    ("1,2345rb", Reason.FRACTION_OF_RUPIAH),
    ("abc", Reason.NOT_A_NUMBER),
    ("rp", Reason.NOT_A_NUMBER),
    ("15 ribuan", Reason.NOT_A_NUMBER),
    ("1.500.00", Reason.NOT_A_NUMBER),
    ("1.500,000", Reason.NOT_A_NUMBER),
    ("15rb per kotak", Reason.NOT_A_NUMBER),
    ("-", Reason.NOT_A_NUMBER),
    ("10000000001", Reason.TOO_LARGE),
    ("20 M", Reason.TOO_LARGE),
    ("1 triliun", Reason.TOO_LARGE),
    ("9" * 400, Reason.TOO_LARGE),
]


@pytest.mark.parametrize(("typed", "amount"), ACCEPTED)
def test_typed_price_is_read_as_whole_rupiah(typed: str, amount: int) -> None:
    assert parse_rupiah(typed) == Rupiah(amount)


@pytest.mark.parametrize(("typed", "reason"), REFUSED)
def test_answer_that_is_not_one_price_is_refused_with_its_reason(
    typed: str, reason: RupiahRefusalReason
) -> None:
    assert parse_rupiah(typed) == RupiahRefusal(reason)


def test_maximum_can_be_lowered_for_a_smaller_question() -> None:
    assert parse_rupiah("2jt", maximum=1_000_000) == RupiahRefusal(Reason.TOO_LARGE)
    assert parse_rupiah("1jt", maximum=1_000_000) == Rupiah(1_000_000)


@pytest.mark.parametrize(
    ("amount", "written"),
    [
        (15_000, "Rp15.000"),
        (1_500_000, "Rp1.500.000"),
        (0, "Rp0"),
        (999, "Rp999"),
        (1_000, "Rp1.000"),
        (-5_000, "-Rp5.000"),
        (10_000_000_000, "Rp10.000.000.000"),
    ],
)
def test_amount_is_written_as_indonesians_write_money(amount: int, written: str) -> None:
    assert format_rupiah(amount) == written


@pytest.mark.parametrize(
    ("text", "amount", "found"),
    [
        ("Keripik Balado 15rb", 15_000, "15rb"),
        ("laku 30 bungkus 450rb", 450_000, "450rb"),
        ("gas 3kg 25rb", 25_000, "25rb"),
        ("Kain 2m 50rb", 50_000, "50rb"),
        ("jual 3 porsi 45000", 45_000, "45000"),
        ("Rp 15.000,- Nasi Uduk", 15_000, "Rp 15.000,-"),
        ("Kue Lapis - 45.000/kotak", 45_000, "45.000"),
        ("WA 0812-3456-7890, harga 20rb", 20_000, "20rb"),
        ("PO 24/11/2026 keripik 15rb", 15_000, "15rb"),
        ("Kue 15rb\nHarga 15rb", 15_000, "15rb"),
        ("modal 1 juta 250 ribu", 1_250_000, "1 juta 250 ribu"),
    ],
)
def test_one_price_is_found_inside_a_longer_text(text: str, amount: int, found: str) -> None:
    match = find_rupiah(text)
    assert match is not None and not match.doubtful
    assert match.amount == amount
    assert text[match.start : match.end] == found


@pytest.mark.parametrize(
    ("text", "amount", "doubt", "found"),
    [
        ("Keripik 15rb-20rb", 15_000, PriceDoubt.RANGE, "15rb-20rb"),
        ("Keripik 15-20rb", 15_000, PriceDoubt.RANGE, "15-20rb"),
        ("Keripik 15rb s/d 20rb", 15_000, PriceDoubt.RANGE, "15rb s/d 20rb"),
        ("Keripik 15rb, Kentang 20rb", 15_000, PriceDoubt.SEVERAL_AMOUNTS, "15rb, Kentang 20rb"),
        ("dulu 25rb sekarang 20rb", 25_000, PriceDoubt.SEVERAL_AMOUNTS, "25rb sekarang 20rb"),
    ],
)
def test_a_range_or_two_prices_is_found_but_doubtful(
    text: str, amount: int, doubt: PriceDoubt, found: str
) -> None:
    match = find_rupiah(text)
    assert match is not None and match.doubtful
    assert (match.amount, match.doubt) == (amount, doubt)
    assert text[match.start : match.end] == found


@pytest.mark.parametrize(
    "text",
    [
        "Batik tulis",
        "WA 0812-3456-7890",
        "buka jam 10.00-22.00",
        "PO 24/11/2026",
        "isi 3 pcs",
        "0812",
        "100% asli",
        "#promo2026",
        "gratis ongkir",
        "diskon 1,5",
        "Rp0",
    ],
)
def test_numbers_that_are_not_prices_are_not_found(text: str) -> None:
    assert find_rupiah(text) is None


def test_bare_numbers_count_only_when_nothing_says_rupiah() -> None:
    assert [m.amount for m in find_all_rupiah("30 bungkus 450 ribu")] == [450_000]
    assert [m.amount for m in find_all_rupiah("30 bungkus 450000")] == [450_000]


@pytest.mark.parametrize(
    ("text", "spelled"),
    [
        ("jual keripik lima puluh ribu", True),
        ("goceng", True),
        ("two hundred", True),
        ("jual dua bungkus", False),
        ("15rb", False),
        ("keripik", False),
    ],
)
def test_amount_spelled_in_words_is_noticed(text: str, spelled: bool) -> None:
    assert mentions_amount_in_words(text) is spelled


PRICE_LIKE = st.text(alphabet="0123456789.,-–/ rbkRpjtMmiIDRupah\n", max_size=40)


@given(st.one_of(st.text(), PRICE_LIKE))
def test_any_text_gets_a_price_or_a_refusal(text: str) -> None:
    result = parse_rupiah(text)
    if isinstance(result, Rupiah):
        assert 0 < result.amount <= DEFAULT_MAXIMUM
    else:
        assert isinstance(result, RupiahRefusal)
        assert result.reason in set(Reason)


@given(st.one_of(st.text(), PRICE_LIKE))
def test_any_price_found_is_whole_within_bounds_and_reads_back(text: str) -> None:
    match = find_rupiah(text)
    if match is None:
        return
    assert 0 <= match.start < match.end <= len(text)
    assert 0 < match.amount <= DEFAULT_MAXIMUM
    if not match.doubtful:
        assert parse_rupiah(text[match.start : match.end]) == Rupiah(match.amount)


@given(st.integers(min_value=1, max_value=DEFAULT_MAXIMUM))
def test_written_amount_reads_back_the_same(amount: int) -> None:
    assert parse_rupiah(format_rupiah(amount)) == Rupiah(amount)
    assert parse_rupiah(str(amount)) == Rupiah(amount)
    assert parse_rupiah(f"{amount:,}") == Rupiah(amount)


@given(
    st.integers(min_value=1, max_value=9_999_999),
    st.lists(st.sampled_from(["keripik", "enak", "pedas", "kue", "nasi", "-", "harga"])),
    st.lists(st.sampled_from(["per", "kotak", "enak", "kak", "promo", "ya"])),
)
def test_written_amount_is_found_among_words(
    amount: int, before: list[str], after: list[str]
) -> None:
    text = " ".join([*before, format_rupiah(amount), *after])
    match = find_rupiah(text)
    assert match is not None and match.amount == amount and not match.doubtful
