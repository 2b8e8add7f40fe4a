"""The loan simulator: figures a member can check, and refusals for what cannot be a loan.

Expected figures are worked out here independently (closed-form formulas in float, or by
hand), never by calling the simulator's own helpers.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.loans import (
    DEFAULT_MAX_MONTHS,
    MAX_AMOUNT,
    MAX_MONTHLY_RATE,
    LoanRefusal,
    LoanRefusalReason,
    RateBasis,
    RepaymentMethod,
    Schedule,
    Simulation,
    per_day_charge,
    schedule_rows,
    simulate,
)

FM, FY, EY, DAILY = (
    RateBasis.FLAT_MONTHLY,
    RateBasis.FLAT_YEARLY,
    RateBasis.EFFECTIVE_YEARLY,
    RateBasis.DAILY,
)


def closed_form_annuity(amount: float, monthly_rate: float, months: int) -> float:
    """P·r / (1 − (1 + r)^−n), the textbook instalment (P/n at 0%)."""
    if monthly_rate == 0:
        return amount / months
    return amount * monthly_rate / (1 - (1 + monthly_rate) ** -months)


def float_irr(amount: float, instalment: float, months: int) -> float:
    """The monthly rate at which `months` instalments repay `amount`, by Newton in float."""
    rate = 0.01
    for _ in range(100):
        value = instalment * (1 - (1 + rate) ** -months) / rate - amount
        slope = instalment * (
            months * (1 + rate) ** (-months - 1) / rate - (1 - (1 + rate) ** -months) / rate**2
        )
        rate -= value / slope
    return rate


def simulated(amount: int, months: int, rate: str, basis: RateBasis, **limits: int) -> Simulation:
    result = simulate(amount, months, Decimal(rate), basis, **limits)
    assert isinstance(result, Simulation), result
    return result


@dataclass(frozen=True)
class Expected:
    """What the member is shown: regular instalments and total interest of both schedules."""

    flat_instalment: int
    flat_interest: int
    annuity_instalment: int


# (amount, months, rate, basis, limits, expected figures or refusal)
SIMULATIONS: list[tuple[int, int, str, RateBasis, dict[str, int], Expected | LoanRefusal]] = [
    # Rp1 juta at 1.5% flat a month for a year: Rp15.000 interest every month.
    (1_000_000, 12, "0.015", FM, {}, Expected(98_333, 180_000, 91_680)),
    # Bank DKI's 2018 programme loan: Rp10 juta at 7% flat a year.
    (10_000_000, 12, "0.07", FY, {"ceiling": 10_000_000}, Expected(891_667, 699_996, 865_267)),
    # KUR Super Mikro: Rp5 juta at 3% effective a year over two years.
    (5_000_000, 24, "0.03", EY, {"ceiling": 10_000_000}, Expected(220_833, 300_000, 214_906)),
    # KUR Mikro, first loan: Rp25 juta at 6% effective a year over three years.
    (25_000_000, 36, "0.06", EY, {"floor": 10_000_001}, Expected(819_444, 4_500_000, 760_548)),
    # An online lender at 0.1% a day for 90 days: 3% a month, Rp30.000 a month.
    (1_000_000, 3, "0.001", DAILY, {}, Expected(363_333, 90_000, 353_530)),
    # Interest-free: the amount in three parts, the last one taking the leftover rupiah.
    (1_000_000, 3, "0", FM, {}, Expected(333_333, 0, 333_333)),
    # A one-month loan: both schedules are the same.
    (1_000_000, 1, "0.015", FM, {}, Expected(1_015_000, 15_000, 1_015_000)),
    # Exactly at the limits: the ceiling, 60 months, and 10% a month.
    (
        10_000_000,
        12,
        "0.10",
        FM,
        {"ceiling": 10_000_000},
        Expected(1_833_333, 12_000_000, 1_467_633),
    ),
    (1_000_000, 60, "0", FM, {}, Expected(16_667, 0, 16_667)),
    (10_000_000, 6, "0.003", DAILY, {}, Expected(2_566_667, 5_400_000, 2_229_198)),
    # Refusals.
    (0, 12, "0.015", FM, {}, LoanRefusal(LoanRefusalReason.AMOUNT_NOT_POSITIVE, 1)),
    (-500_000, 12, "0.015", FM, {}, LoanRefusal(LoanRefusalReason.AMOUNT_NOT_POSITIVE, 1)),
    (
        10_000_001,
        12,
        "0.03",
        EY,
        {"ceiling": 10_000_000},
        LoanRefusal(LoanRefusalReason.AMOUNT_ABOVE_CEILING, 10_000_000),
    ),
    (
        MAX_AMOUNT + 1,
        12,
        "0.03",
        EY,
        {},
        LoanRefusal(LoanRefusalReason.AMOUNT_ABOVE_CEILING, MAX_AMOUNT),
    ),
    (
        10_000_000,
        12,
        "0.06",
        EY,
        {"floor": 10_000_001},
        LoanRefusal(LoanRefusalReason.AMOUNT_BELOW_FLOOR, 10_000_001),
    ),
    (1_000_000, 0, "0.015", FM, {}, LoanRefusal(LoanRefusalReason.MONTHS_TOO_FEW, 1)),
    (1_000_000, -3, "0.015", FM, {}, LoanRefusal(LoanRefusalReason.MONTHS_TOO_FEW, 1)),
    (1_000_000, 61, "0.015", FM, {}, LoanRefusal(LoanRefusalReason.MONTHS_TOO_MANY, 60)),
    (
        1_000_000,
        19,
        "0.07",
        FY,
        {"max_months": 18},
        LoanRefusal(LoanRefusalReason.MONTHS_TOO_MANY, 18),
    ),
    (1_000_000, 12, "-0.01", FM, {}, LoanRefusal(LoanRefusalReason.RATE_NEGATIVE, Decimal(0))),
    # "15" typed for 1.5%: 1500% a month.
    (1_000_000, 12, "15", FM, {}, LoanRefusal(LoanRefusalReason.RATE_ABSURD, MAX_MONTHLY_RATE)),
    (1_000_000, 12, "0.11", FM, {}, LoanRefusal(LoanRefusalReason.RATE_ABSURD, MAX_MONTHLY_RATE)),
    # 0.4% a day is 12% a month; 150% a year flat is 12.5% a month.
    (
        1_000_000,
        3,
        "0.004",
        DAILY,
        {},
        LoanRefusal(LoanRefusalReason.RATE_ABSURD, MAX_MONTHLY_RATE),
    ),
    (1_000_000, 12, "1.5", FY, {}, LoanRefusal(LoanRefusalReason.RATE_ABSURD, MAX_MONTHLY_RATE)),
    (1_000_000, 12, "NaN", FM, {}, LoanRefusal(LoanRefusalReason.RATE_ABSURD, MAX_MONTHLY_RATE)),
    (
        1_000_000,
        12,
        "Infinity",
        EY,
        {},
        LoanRefusal(LoanRefusalReason.RATE_ABSURD, MAX_MONTHLY_RATE),
    ),
]


@pytest.mark.parametrize(("amount", "months", "rate", "basis", "limits", "expected"), SIMULATIONS)
def test_simulation_table(
    amount: int,
    months: int,
    rate: str,
    basis: RateBasis,
    limits: dict[str, int],
    expected: Expected | LoanRefusal,
) -> None:
    result = simulate(amount, months, Decimal(rate), basis, **limits)
    if isinstance(expected, LoanRefusal):
        assert result == expected
        return
    assert isinstance(result, Simulation)
    assert result.flat.monthly_instalment == expected.flat_instalment
    assert result.flat.total_interest == expected.flat_interest
    assert result.annuity.monthly_instalment == expected.annuity_instalment
    for schedule in (result.flat, result.annuity):
        assert len(schedule.rows) == months
        assert sum(row.principal for row in schedule.rows) == amount
        assert schedule.rows[-1].balance_after == 0


@pytest.mark.parametrize(
    ("amount", "months", "rate", "basis"),
    [
        (1_000_000, 12, "0.015", FM),
        (7_500_000, 18, "0.07", FY),
        (3_333_333, 7, "0.0025", DAILY),
        (99_999_999, 60, "0.09", EY),
        (50_000_000, 48, "0.06", EY),
    ],
)
def test_annuity_instalment_matches_the_closed_form(
    amount: int, months: int, rate: str, basis: RateBasis
) -> None:
    monthly = {FM: 1, FY: 1 / 12, EY: 1 / 12, DAILY: 30}[basis] * float(rate)
    simulation = simulated(amount, months, rate, basis)
    assert (
        abs(simulation.annuity.monthly_instalment - closed_form_annuity(amount, monthly, months))
        <= 0.5
    )


@pytest.mark.parametrize(
    ("rate", "basis", "months", "monthly_percent", "yearly_percent"),
    [
        # The figures lenders and OJK's education pages give for flat quotes.
        ("0.015", FM, 12, 2.64, 31.7),
        ("0.07", FY, 12, 1.06, 12.7),
    ],
)
def test_flat_quote_shows_its_effective_rate(
    rate: str, basis: RateBasis, months: int, monthly_percent: float, yearly_percent: float
) -> None:
    simulation = simulated(1_000_000, months, rate, basis)
    assert float(simulation.effective_monthly_rate) * 100 == pytest.approx(
        monthly_percent, abs=0.005
    )
    assert float(simulation.effective_yearly_rate) * 100 == pytest.approx(yearly_percent, abs=0.05)
    assert simulation.effective_yearly_rate == 12 * simulation.effective_monthly_rate


@pytest.mark.parametrize(
    ("rate", "basis", "months"),
    [("0.015", FM, 12), ("0.07", FY, 12), ("0.001", DAILY, 3), ("0.02", FM, 60), ("0.005", FM, 2)],
)
def test_effective_rate_is_the_irr_of_the_flat_instalments(
    rate: str, basis: RateBasis, months: int
) -> None:
    amount = 1_000_000
    simulation = simulated(amount, months, rate, basis)
    flat_instalment = amount / months + amount * float(simulation.monthly_rate)
    irr = float_irr(amount, flat_instalment, months)
    assert float(simulation.effective_monthly_rate) == pytest.approx(irr, rel=1e-9)
    # The other way round: an annuity at that rate has the flat instalment.
    instalment = closed_form_annuity(amount, float(simulation.effective_monthly_rate), months)
    assert instalment == pytest.approx(flat_instalment, rel=1e-9)


@pytest.mark.parametrize(
    ("rate", "basis", "months", "effective_monthly"),
    [
        ("0", FM, 12, "0"),
        ("0.015", FM, 1, "0.015"),
        ("0.06", EY, 24, "0.005"),
        ("0.03", EY, 12, "0.0025"),
    ],
)
def test_effective_rate_where_no_solving_is_needed(
    rate: str, basis: RateBasis, months: int, effective_monthly: str
) -> None:
    simulation = simulated(1_000_000, months, rate, basis)
    assert simulation.effective_monthly_rate == Decimal(effective_monthly)


def test_instalments_round_half_up_and_the_last_takes_the_difference() -> None:
    # Rp5 over two months at 0%: 2.5 rounds half-up to 3 (not half-even to 2).
    simulation = simulated(5, 2, "0", FM)
    assert schedule_rows(simulation, RepaymentMethod.FLAT) == [(1, 3, 3, 0, 2), (2, 2, 2, 0, 0)]


def test_flat_last_instalment_pays_the_leftover_rupiah() -> None:
    simulation = simulated(1_000_000, 12, "0.015", FM)
    rows = schedule_rows(simulation, RepaymentMethod.FLAT)
    assert rows[0] == (1, 98_333, 83_333, 15_000, 916_667)
    assert rows[-1] == (12, 98_337, 83_337, 15_000, 0)
    assert simulation.flat.total_paid == 1_180_000


def test_annuity_interest_falls_with_the_balance() -> None:
    simulation = simulated(1_000_000, 12, "0.015", FM)
    rows = schedule_rows(simulation, RepaymentMethod.ANNUITY)
    assert rows[0] == (1, 91_680, 76_680, 15_000, 923_320)
    interests = [interest for _, _, _, interest, _ in rows]
    assert interests == sorted(interests, reverse=True)
    assert simulation.annuity.total_interest < simulation.flat.total_interest


def test_quoted_schedule_follows_the_basis() -> None:
    assert simulated(1_000_000, 12, "0.015", FM).quoted_schedule.method is RepaymentMethod.FLAT
    assert simulated(1_000_000, 12, "0.06", EY).quoted_schedule.method is RepaymentMethod.ANNUITY


@pytest.mark.parametrize(
    ("rate", "basis", "months", "expected"),
    [
        ("0.015", FM, 12, 0.0005),
        ("0.001", DAILY, 3, 0.001),
        ("0.07", FY, 12, 0.07 / 360),
        # Annuity at 0.5% a month for a year: total interest ÷ 360 days.
        ("0.06", EY, 12, (12 * closed_form_annuity(1, 0.005, 12) - 1) / 360),
        ("0", EY, 12, 0.0),
    ],
)
def test_per_day_charge_as_ojk_counts_it(
    rate: str, basis: RateBasis, months: int, expected: float
) -> None:
    assert float(per_day_charge(Decimal(rate), basis, months)) == pytest.approx(expected, rel=1e-12)


# --- properties ------------------------------------------------------------------------

BASES = st.sampled_from(list(RateBasis))
ANY_RATE = st.decimals(allow_nan=True, allow_infinity=True)
VALID_RATE = st.decimals(min_value=0, max_value=Decimal("0.003"), places=6)
"""Up to 0.3% in every basis: at most 9% a month, inside the simulator's limit."""


@given(
    amount=st.integers(min_value=-(10**15), max_value=10**15),
    months=st.integers(min_value=-10, max_value=400),
    rate=ANY_RATE,
    basis=BASES,
    ceiling=st.none() | st.integers(min_value=-(10**12), max_value=10**13),
)
def test_every_input_gets_a_simulation_or_a_refusal(
    amount: int, months: int, rate: Decimal, basis: RateBasis, ceiling: int | None
) -> None:
    result = simulate(amount, months, rate, basis, ceiling=ceiling)
    assert isinstance(result, Simulation | LoanRefusal)


def assert_consistent(schedule: Schedule, amount: int) -> None:
    rows = schedule.rows
    assert sum(row.principal for row in rows) == amount
    assert rows[-1].balance_after == 0
    assert schedule.total_paid == amount + schedule.total_interest
    assert all(row.instalment == row.principal + row.interest for row in rows)
    assert all(row.principal >= 0 and row.interest >= 0 for row in rows)
    balances = [amount, *(row.balance_after for row in rows)]
    assert all(later <= earlier for earlier, later in itertools.pairwise(balances))
    assert all(
        earlier - row.principal == row.balance_after
        for earlier, row in zip(balances, rows, strict=False)
    )
    if amount >= 1_000 * len(rows):
        # Equal instalments; only a few rupiah over many months run out before the end.
        assert len({row.instalment for row in rows[:-1]}) <= 1


@given(
    amount=st.integers(min_value=1, max_value=MAX_AMOUNT),
    months=st.integers(min_value=1, max_value=DEFAULT_MAX_MONTHS),
    rate=VALID_RATE,
    basis=BASES,
)
def test_schedules_always_add_up(amount: int, months: int, rate: Decimal, basis: RateBasis) -> None:
    simulation = simulate(amount, months, rate, basis)
    assert isinstance(simulation, Simulation)
    assert_consistent(simulation.flat, amount)
    assert_consistent(simulation.annuity, amount)
    assert simulation.annuity.total_interest <= simulation.flat.total_interest
    assert schedule_rows(simulation, RepaymentMethod.ANNUITY)[-1][4] == 0


@given(
    amount=st.integers(min_value=100_000, max_value=100_000_000),
    months=st.integers(min_value=2, max_value=DEFAULT_MAX_MONTHS),
    rate=st.decimals(min_value=Decimal("0.001"), max_value=Decimal("0.1"), places=4),
)
def test_a_flat_quote_costs_more_than_it_sounds(amount: int, months: int, rate: Decimal) -> None:
    simulation = simulate(amount, months, rate, FM)
    assert isinstance(simulation, Simulation)
    assert simulation.annuity.total_interest < simulation.flat.total_interest
    assert simulation.effective_monthly_rate > rate
