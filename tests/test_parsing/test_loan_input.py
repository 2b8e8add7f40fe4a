"""A loan's tenor and rate as people type them into the simulator."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.loan_input import (
    MAX_TYPED_MONTHS,
    Months,
    NumberRefusal,
    TypedNumberRefusal,
    TypedRate,
    parse_months,
    parse_rate,
)
from bot.loans import RateBasis

R = TypedNumberRefusal
FM, FY, EY, DAILY = (
    RateBasis.FLAT_MONTHLY,
    RateBasis.FLAT_YEARLY,
    RateBasis.EFFECTIVE_YEARLY,
    RateBasis.DAILY,
)

TENORS = [
    ("12", 12),
    ("12 bulan", 12),
    ("12bln", 12),
    ("6 bl", 6),
    ("18 Bulan.", 18),
    ("24 months", 24),
    ("1 tahun", 12),
    ("2 thn", 24),
    ("1,5 tahun", 18),
    ("1.5 years", 18),
    ("setahun", 12),
    ("sebulan", 1),
    ("60", 60),
    ("1200", 1200),
]


@pytest.mark.parametrize(("typed", "months"), TENORS)
def test_typed_tenor_is_read_in_months(typed: str, months: int) -> None:
    assert parse_months(typed) == Months(months)


TENOR_REFUSALS = [
    ("", R.EMPTY),
    ("  ", R.EMPTY),
    ("0", R.ZERO),
    ("0 bulan", R.ZERO),
    ("-3", R.NEGATIVE),
    ("2,5 bulan", R.FRACTION_OF_MONTH),
    ("1,3 tahun", R.FRACTION_OF_MONTH),
    ("dua belas bulan", R.IN_WORDS),
    ("lima tahun", R.IN_WORDS),
    ("12 atau 24", R.SEVERAL_NUMBERS),
    ("12-24 bulan", R.SEVERAL_NUMBERS),
    ("lama", R.NOT_A_NUMBER),
    ("1201", R.TOO_LARGE),
    ("9" * 40, R.TOO_LARGE),
]


@pytest.mark.parametrize(("typed", "reason"), TENOR_REFUSALS)
def test_a_tenor_that_is_not_one_is_refused_with_the_reason(
    typed: str, reason: TypedNumberRefusal
) -> None:
    assert parse_months(typed) == NumberRefusal(reason)


RATES = [
    ("1,5", "1.5", None),
    ("1.5%", "1.5", None),
    ("1,5 %", "1.5", None),
    ("1,5 persen", "1.5", None),
    ("15", "15", None),
    ("1,5% per bulan", "1.5", FM),
    ("1.5% flat/bln", "1.5", FM),
    ("bunga 2% sebulan", "2", FM),
    ("7% flat per tahun", "7", FY),
    ("7% per tahun", "7", None),  # banks mean effective, programmes flat: ask
    ("6% efektif per tahun", "6", EY),
    ("6% efektif", "6", EY),
    ("6% effective p.a.", "6", EY),
    ("2% efektif per bulan", "24", EY),
    ("0,1% per hari", "0.1", DAILY),
    ("0.1%/hari", "0.1", DAILY),
    ("0.3% daily", "0.3", DAILY),
    ("0", "0", None),
]


@pytest.mark.parametrize(("typed", "percent", "basis"), RATES)
def test_typed_rate_is_read_with_its_basis_when_the_words_say_it(
    typed: str, percent: str, basis: RateBasis | None
) -> None:
    assert parse_rate(typed) == TypedRate(Decimal(percent), basis)


RATE_REFUSALS = [
    ("", R.EMPTY),
    ("-1%", R.NEGATIVE),
    ("1-2%", R.SEVERAL_NUMBERS),
    ("1,5 atau 2", R.SEVERAL_NUMBERS),
    ("satu setengah persen", R.IN_WORDS),
    ("murah", R.NOT_A_NUMBER),
    ("Rp 5.000 per bulan", R.NOT_A_NUMBER),
]


@pytest.mark.parametrize(("typed", "reason"), RATE_REFUSALS)
def test_a_rate_that_is_not_one_is_refused_with_the_reason(
    typed: str, reason: TypedNumberRefusal
) -> None:
    assert parse_rate(typed) == NumberRefusal(reason)


def test_a_rate_is_handed_to_the_simulator_as_a_fraction() -> None:
    typed = parse_rate("1,5%")
    assert isinstance(typed, TypedRate) and typed.rate == Decimal("0.015")


@given(st.text(max_size=60))
def test_any_text_is_a_tenor_or_a_refusal(text: str) -> None:
    result = parse_months(text)
    assert isinstance(result, Months | NumberRefusal)
    if isinstance(result, Months):
        assert 1 <= result.months <= MAX_TYPED_MONTHS


@given(st.text(max_size=60))
def test_any_text_is_a_rate_or_a_refusal(text: str) -> None:
    result = parse_rate(text)
    assert isinstance(result, TypedRate | NumberRefusal)
    if isinstance(result, TypedRate):
        assert result.percent >= 0
