"""A loan simulator with figures a member can check on a phone calculator.

OK OCE gives no free capital: it opens the door to lenders. So the bot shows what a loan
really costs, and every figure is computed in `Decimal`, never float.

Rates are fractions (`Decimal("0.015")` is 1.5%), quoted in one of four ways (`RateBasis`):

- FLAT_MONTHLY / FLAT_YEARLY: interest is charged every month on the *original* amount.
  Yearly flat is divided by 12.
- EFFECTIVE_YEARLY: Indonesian banks quote "efektif per tahun" as 12 × the monthly rate, and
  charge that monthly rate on the *remaining* balance (annuity: equal instalments).
- DAILY: P2P lenders quote a flat rate per day. A month is taken as 30 days (the 30/360
  convention of Indonesian lending), so 0.1% a day is 3% flat a month.

Every simulation holds both schedules for the same money at the same nominal monthly rate,
so a member sees how much more a flat quote costs than the same number on a falling balance.
For any quote it also gives the effective rate: for a flat quote the internal rate of return
of its cash flows (solved by bisection), for an effective quote the quote itself.

Rupiah rounding: amounts are whole rupiah. Each instalment is rounded half-up to the rupiah
(not up to the next Rp100 as some lenders do: that pads the cost by up to Rp99 a month and
differs between lenders, while half-up is what a member's own calculator gives). Interest
parts are rounded half-up the same way, and the principal part is the instalment less the
interest. The last instalment absorbs every difference: its principal part is whatever is
still owed, so the principal parts add up exactly to the amount and the balance ends at 0.
The totals are exact sums of the rows.

Limits (expected refusals, returned as `LoanRefusal`):
- the amount must be at least Rp1, at least the product's floor, at most its ceiling, and at
  most `MAX_AMOUNT` (Rp1 triliun; beyond any micro loan, and it keeps the arithmetic exact);
- the tenor must be `min_months` (default 1) to `max_months` months (default 60: KUR
  investment loans run at most 5 years, working-capital loans 3);
- the rate must not be negative and at most `MAX_MONTHLY_RATE` (10%) a month once converted
  to a monthly rate. That is above every legal OJK cap (the highest, 0.3% a day for short
  consumer loans, is 9% a month), so any real offer can be simulated, while "15" typed for
  "1.5" is caught.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, DivisionByZero, InvalidOperation, localcontext
from enum import StrEnum

DAYS_PER_MONTH = 30
"""A month of interest is 30 days of a daily rate; a year is 12 such months."""
MONTHS_PER_YEAR = 12
DEFAULT_MAX_MONTHS = 60
"""KUR investment loans run at most 5 years; nothing the programme offers runs longer."""
MAX_MONTHLY_RATE = Decimal("0.10")
"""Above every OJK cap (0.3%/day = 9%/month at most); anything higher is taken as a typo."""
MAX_AMOUNT = 1_000_000_000_000
"""Rp1 triliun: far above any micro loan, and well inside the working precision."""
EFFECTIVE_RATE_PLACES = Decimal("1E-12")
"""Effective rates are given to 12 decimal places, far finer than anyone displays."""

# Overflow is not trapped: an absurd quote checked against OJK's cap becomes Infinity
# (and so above the cap) instead of an exception; `simulate` never gets near it.
_PRECISION = Context(prec=50, traps=[InvalidOperation, DivisionByZero])
_BISECTION_STEPS = 200
_BISECTION_WIDTH = Decimal("1E-30")
_RUPIAH = Decimal(1)


class RateBasis(StrEnum):
    """How a lender quotes its rate."""

    FLAT_MONTHLY = "flat_monthly"
    FLAT_YEARLY = "flat_yearly"
    EFFECTIVE_YEARLY = "effective_yearly"
    DAILY = "daily"

    @property
    def is_flat(self) -> bool:
        """Whether interest is charged on the original amount rather than on the balance."""
        return self is not RateBasis.EFFECTIVE_YEARLY


class RepaymentMethod(StrEnum):
    """Which of a simulation's two schedules."""

    FLAT = "flat"
    ANNUITY = "annuity"


class LoanRefusalReason(StrEnum):
    """Why a loan cannot be simulated."""

    AMOUNT_NOT_POSITIVE = "amount_not_positive"
    AMOUNT_BELOW_FLOOR = "amount_below_floor"
    AMOUNT_ABOVE_CEILING = "amount_above_ceiling"
    MONTHS_TOO_FEW = "months_too_few"
    MONTHS_TOO_MANY = "months_too_many"
    RATE_NEGATIVE = "rate_negative"
    RATE_ABSURD = "rate_absurd"


@dataclass(frozen=True)
class LoanRefusal:
    """A loan the simulator will not compute, and the limit it ran into.

    `limit` is rupiah for the amount reasons, months for the tenor reasons, and a monthly
    rate (fraction) for the rate reasons.
    """

    reason: LoanRefusalReason
    limit: int | Decimal


@dataclass(frozen=True)
class ScheduleRow:
    """One month of repayment; all amounts in whole rupiah."""

    month: int
    instalment: int
    principal: int
    interest: int
    balance_after: int


@dataclass(frozen=True)
class Schedule:
    """One way of repaying the loan, month by month; totals are sums of the rows."""

    method: RepaymentMethod
    rows: tuple[ScheduleRow, ...]

    @property
    def monthly_instalment(self) -> int:
        """The regular instalment (the first month's; only the last may differ)."""
        return self.rows[0].instalment

    @property
    def total_interest(self) -> int:
        """All interest paid over the loan."""
        return sum(row.interest for row in self.rows)

    @property
    def total_paid(self) -> int:
        """Everything paid back: the amount plus the interest."""
        return sum(row.instalment for row in self.rows)


@dataclass(frozen=True)
class Simulation:
    """Both schedules for one loan, and its effective rate.

    `monthly_rate` is the nominal monthly rate both schedules use. `effective_monthly_rate`
    is the rate on the remaining balance that the quoted schedule really costs;
    `effective_yearly_rate` is 12 × that, as Indonesian lenders quote "efektif per tahun".
    """

    amount: int
    months: int
    rate: Decimal
    basis: RateBasis
    monthly_rate: Decimal
    flat: Schedule
    annuity: Schedule
    effective_monthly_rate: Decimal
    effective_yearly_rate: Decimal

    def schedule(self, which: RepaymentMethod) -> Schedule:
        """The flat or the annuity schedule."""
        return self.flat if which is RepaymentMethod.FLAT else self.annuity

    @property
    def quoted_schedule(self) -> Schedule:
        """The schedule the lender's quote actually describes."""
        return self.flat if self.basis.is_flat else self.annuity


def monthly_rate(rate: Decimal, basis: RateBasis) -> Decimal:
    """The nominal monthly rate of a quote (daily × 30, yearly ÷ 12)."""
    with localcontext(_PRECISION):
        if basis is RateBasis.DAILY:
            return rate * DAYS_PER_MONTH
        if basis is RateBasis.FLAT_MONTHLY:
            return rate
        return rate / MONTHS_PER_YEAR


def per_day_charge(rate: Decimal, basis: RateBasis, months: int) -> Decimal:
    """The quote as OJK measures a lender's charge: total interest ÷ (amount × days).

    OJK's cap on "manfaat ekonomi" is a share of the original amount per calendar day. A flat
    quote converts directly (monthly ÷ 30, yearly ÷ 360). An effective quote is turned into
    its annuity's total interest (exact, before rupiah rounding) spread over 30 × months
    days. A month counts 30 days, so a year counts 360, not 365: over a year this overstates
    the daily figure by about 1.4%, on the side of warning (a one-month loan in February
    is understated by as much as 7%). Fees are not in a rate; a lender's admin fee raises
    the real figure further.
    """
    with localcontext(_PRECISION):
        if basis.is_flat:
            return monthly_rate(rate, basis) / DAYS_PER_MONTH
        interest_share = months * _annuity_factor(monthly_rate(rate, basis), months) - 1
        return interest_share / (DAYS_PER_MONTH * months)


def simulate(
    amount: int,
    months: int,
    rate: Decimal,
    basis: RateBasis,
    *,
    ceiling: int | None = None,
    floor: int | None = None,
    max_months: int = DEFAULT_MAX_MONTHS,
    min_months: int = 1,
) -> Simulation | LoanRefusal:
    """Both repayment schedules for `amount` rupiah over `months` months, or why not."""
    refusal = _refusal(amount, months, rate, basis, ceiling, floor, max_months, min_months)
    if refusal is not None:
        return refusal
    with localcontext(_PRECISION):
        nominal = monthly_rate(rate, basis)
        quoted = _flat_effective_rate(nominal, months) if basis.is_flat else nominal
        effective = quoted.quantize(EFFECTIVE_RATE_PLACES)
        return Simulation(
            amount=amount,
            months=months,
            rate=rate,
            basis=basis,
            monthly_rate=nominal,
            flat=_flat_schedule(amount, months, nominal),
            annuity=_annuity_schedule(amount, months, nominal),
            effective_monthly_rate=effective,
            effective_yearly_rate=effective * MONTHS_PER_YEAR,
        )


def schedule_rows(
    simulation: Simulation, which: RepaymentMethod
) -> list[tuple[int, int, int, int, int]]:
    """Plain rows (month, instalment, principal, interest, balance after) for a CSV or PDF."""
    return [
        (row.month, row.instalment, row.principal, row.interest, row.balance_after)
        for row in simulation.schedule(which).rows
    ]


def _refusal(
    amount: int,
    months: int,
    rate: Decimal,
    basis: RateBasis,
    ceiling: int | None,
    floor: int | None,
    max_months: int,
    min_months: int = 1,
) -> LoanRefusal | None:
    return (
        amount_refusal(amount, ceiling=ceiling, floor=floor)
        or months_refusal(months, max_months=max_months, min_months=min_months)
        or rate_refusal(rate, basis)
    )


def amount_refusal(
    amount: int, *, ceiling: int | None = None, floor: int | None = None
) -> LoanRefusal | None:
    """Why `simulate` would refuse this amount (with a product's floor and ceiling), if it would.

    A flow asks the amount before the tenor, so it checks the amount on its own first.
    """
    if amount <= 0:
        return LoanRefusal(LoanRefusalReason.AMOUNT_NOT_POSITIVE, 1)
    if floor is not None and amount < floor:
        return LoanRefusal(LoanRefusalReason.AMOUNT_BELOW_FLOOR, floor)
    upper = MAX_AMOUNT if ceiling is None else min(ceiling, MAX_AMOUNT)
    if amount > upper:
        return LoanRefusal(LoanRefusalReason.AMOUNT_ABOVE_CEILING, upper)
    return None


def months_refusal(
    months: int, *, max_months: int = DEFAULT_MAX_MONTHS, min_months: int = 1
) -> LoanRefusal | None:
    """Why `simulate` would refuse this tenor (a product's shortest and longest), if it would."""
    if months < max(1, min_months):
        return LoanRefusal(LoanRefusalReason.MONTHS_TOO_FEW, max(1, min_months))
    if months > max_months:
        return LoanRefusal(LoanRefusalReason.MONTHS_TOO_MANY, max_months)
    return None


def rate_refusal(rate: Decimal, basis: RateBasis) -> LoanRefusal | None:
    """Why `simulate` would refuse this quote (negative, or above 10% a month), if it would."""
    if rate.is_nan():
        return LoanRefusal(LoanRefusalReason.RATE_ABSURD, MAX_MONTHLY_RATE)
    if rate < 0:
        return LoanRefusal(LoanRefusalReason.RATE_NEGATIVE, Decimal(0))
    # Compared in the quote's own terms, so an absurdly large number is never multiplied.
    if rate > _max_rate_in(basis):
        return LoanRefusal(LoanRefusalReason.RATE_ABSURD, MAX_MONTHLY_RATE)
    return None


def _max_rate_in(basis: RateBasis) -> Decimal:
    with localcontext(_PRECISION):
        if basis is RateBasis.DAILY:
            return MAX_MONTHLY_RATE / DAYS_PER_MONTH
        if basis is RateBasis.FLAT_MONTHLY:
            return MAX_MONTHLY_RATE
        return MAX_MONTHLY_RATE * MONTHS_PER_YEAR


def _rupiah(value: Decimal) -> int:
    return int(value.quantize(_RUPIAH, rounding=ROUND_HALF_UP))


def _annuity_factor(rate: Decimal, months: int) -> Decimal:
    """The instalment per rupiah borrowed: r / (1 − (1 + r)^−n), or 1/n at 0%."""
    if rate == 0:
        return Decimal(1) / months
    return rate / (1 - (1 + rate) ** -months)


def _flat_schedule(amount: int, months: int, rate: Decimal) -> Schedule:
    interest = _rupiah(amount * rate)
    instalment = _rupiah(Decimal(amount) / months + amount * rate)
    return Schedule(
        RepaymentMethod.FLAT,
        _rows(amount, months, instalment, lambda _balance: interest),
    )


def _annuity_schedule(amount: int, months: int, rate: Decimal) -> Schedule:
    instalment = _rupiah(amount * _annuity_factor(rate, months))
    return Schedule(
        RepaymentMethod.ANNUITY,
        _rows(amount, months, instalment, lambda balance: _rupiah(balance * rate)),
    )


def _rows(
    amount: int,
    months: int,
    instalment: int,
    interest_on: Callable[[int], int],
) -> tuple[ScheduleRow, ...]:
    """Equal instalments, the last paying off whatever is still owed."""
    rows: list[ScheduleRow] = []
    balance = amount
    for month in range(1, months + 1):
        interest = interest_on(balance)
        # Never negative: interest on at most the amount is below the exact instalment, and
        # rounding keeps that order. Capped so a tiny loan over many months cannot be paid
        # off before its last month.
        principal = balance if month == months else min(instalment - interest, balance)
        balance -= principal
        rows.append(ScheduleRow(month, principal + interest, principal, interest, balance))
    return tuple(rows)


def _flat_effective_rate(rate: Decimal, months: int) -> Decimal:
    """The monthly rate i at which the flat instalments repay the amount as an annuity.

    Per rupiah borrowed the flat instalment is 1/n + r; i solves annuity_factor(i, n) = 1/n + r.
    The factor grows with i, from 1/n at 0 to above 1/n + r at i = 1/n + r, so bisection on
    that bracket converges, and it stops after a fixed number of halvings.
    """
    if rate == 0 or months == 1:
        return rate
    target = Decimal(1) / months + rate
    low, high = Decimal(0), target
    for _ in range(_BISECTION_STEPS):
        middle = (low + high) / 2
        if _annuity_factor(middle, months) < target:
            low = middle
        else:
            high = middle
        if high - low < _BISECTION_WIDTH:
            break
    return (low + high) / 2
