"""A loan's tenor and rate as people type them: `12`, `1 tahun`, `1,5%`, `0,1% per hari`.

`parse_months` reads how long a loan runs, in months or years. `parse_rate` reads a quoted
interest rate in percent, and how it is quoted when the words say so (`per bulan`, `efektif
per tahun`, `per hari`): the flow then asks the basis only when the words left it open.

Conventions: a monthly quote with no other word is flat (koperasi and online lenders quote
"1,5% per bulan" flat); "efektif" with no period is per year, as banks quote it; "efektif
per bulan" is turned into its yearly figure (× 12, as `bot.loans` counts a year); a yearly
quote that says neither flat nor effective is left open. Whether a number is sensible is
`bot.loans`' business (`months_refusal`, `rate_refusal`); these only read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from bot.loans import MONTHS_PER_YEAR, RateBasis
from bot.money import mentions_amount_in_words

MAX_TYPED_MONTHS = 1200
"""A hundred years: anything longer is a slip of the keyboard, not a tenor."""

_NUMBER = r"(?P<sign>[-−–])?\s*(?P<number>[0-9]+(?:[.,][0-9]+)?)"
_MONTH_WORDS = r"bulan|bln|bl|bulanan|months?|mo|mos"
_YEAR_WORDS = r"tahun|thn|th|tahunan|years?|yrs?"
_TENOR = re.compile(
    rf"^{_NUMBER}\s*(?:(?P<month>{_MONTH_WORDS})|(?P<year>{_YEAR_WORDS}))?\.?$", re.IGNORECASE
)
_WHOLE_TENOR_WORDS = {"sebulan": 1, "setahun": MONTHS_PER_YEAR, "a year": MONTHS_PER_YEAR}

_ANY_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?")
_RATE_NUMBER = re.compile(rf"{_NUMBER}\s*(?:%|persen|percent)?", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
_DAY = frozenset({"hari", "harian", "sehari", "day", "daily", "hr"})
_MONTH = frozenset({"bulan", "bln", "bl", "bulanan", "sebulan", "month", "monthly", "mo"})
_YEAR = frozenset({"tahun", "thn", "th", "tahunan", "setahun", "year", "yearly", "annual", "pa"})
_EFFECTIVE = frozenset({"efektif", "effective", "eff", "anuitas", "annuity", "menurun"})
_FLAT = frozenset({"flat", "tetap"})
_FILLER = frozenset({"per", "bunga", "interest", "rate", "a", "an", "sekitar", "about"})
"""Words that may stand around a rate without changing it (`bunga 2% per bulan`)."""
_PER_ANNUM = re.compile(r"\bp\.\s?a\.?", re.IGNORECASE)
_NUMBER_WORDS = frozenset(
    {
        *("satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"),
        *("sepuluh", "sebelas", "belas", "puluh", "setengah", "koma", "one", "two", "three"),
        *("four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "half"),
    }
)


class TypedNumberRefusal(StrEnum):
    """Why a typed tenor or rate was not read, so the flow can ask again the right way."""

    EMPTY = "empty"
    NOT_A_NUMBER = "not_a_number"
    IN_WORDS = "in_words"  # `dua belas bulan`: ask for digits, kindly
    NEGATIVE = "negative"
    ZERO = "zero"
    FRACTION_OF_MONTH = "fraction_of_month"  # `2,5 bulan`
    TOO_LARGE = "too_large"
    SEVERAL_NUMBERS = "several_numbers"  # `1-2%`, `12 atau 24`


@dataclass(frozen=True)
class Months:
    """A tenor in whole months."""

    months: int


@dataclass(frozen=True)
class TypedRate:
    """A rate in percent (`Decimal("1.5")` is 1.5%), and its basis if the words gave it."""

    percent: Decimal
    basis: RateBasis | None

    @property
    def rate(self) -> Decimal:
        """The rate as a fraction, as `bot.loans.simulate` takes it."""
        return self.percent / 100


@dataclass(frozen=True)
class NumberRefusal:
    """A typed answer that was not read, and why."""

    reason: TypedNumberRefusal


def _decimal(number: str) -> Decimal:
    return Decimal(number.replace(",", "."))


def _in_words(text: str) -> bool:
    words = set(_WORD.findall(text.casefold()))
    return mentions_amount_in_words(text) or not words.isdisjoint(_NUMBER_WORDS)


def parse_months(text: str) -> Months | NumberRefusal:
    """Read a tenor (`12`, `12 bulan`, `18bln`, `1,5 tahun`, `setahun`), or say why not."""
    typed = " ".join(text.split()).strip(" .!").casefold()
    if not typed:
        return NumberRefusal(TypedNumberRefusal.EMPTY)
    if typed in _WHOLE_TENOR_WORDS:
        return Months(_WHOLE_TENOR_WORDS[typed])
    matched = _TENOR.match(typed)
    if matched is None:
        if len(_ANY_NUMBER.findall(typed)) > 1:
            return NumberRefusal(TypedNumberRefusal.SEVERAL_NUMBERS)
        if _in_words(typed):
            return NumberRefusal(TypedNumberRefusal.IN_WORDS)
        return NumberRefusal(TypedNumberRefusal.NOT_A_NUMBER)
    value = _decimal(matched["number"])
    if matched["year"]:
        value *= MONTHS_PER_YEAR
    if value == 0:
        return NumberRefusal(TypedNumberRefusal.ZERO)
    if matched["sign"]:
        return NumberRefusal(TypedNumberRefusal.NEGATIVE)
    if value > MAX_TYPED_MONTHS:
        return NumberRefusal(TypedNumberRefusal.TOO_LARGE)
    if value != value.to_integral_value():
        return NumberRefusal(TypedNumberRefusal.FRACTION_OF_MONTH)
    return Months(int(value))


def _basis(words: set[str], percent: Decimal) -> tuple[Decimal, RateBasis | None]:
    """The basis the words name, and the percent in that basis's terms."""
    effective = not words.isdisjoint(_EFFECTIVE)
    flat = not words.isdisjoint(_FLAT)
    if not words.isdisjoint(_DAY):
        return percent, RateBasis.DAILY
    if not words.isdisjoint(_MONTH):
        if effective:
            return percent * MONTHS_PER_YEAR, RateBasis.EFFECTIVE_YEARLY
        return percent, RateBasis.FLAT_MONTHLY
    if not words.isdisjoint(_YEAR):
        if effective:
            return percent, RateBasis.EFFECTIVE_YEARLY
        return percent, RateBasis.FLAT_YEARLY if flat else None
    if effective and not flat:
        return percent, RateBasis.EFFECTIVE_YEARLY
    return percent, None


def parse_rate(text: str) -> TypedRate | NumberRefusal:
    """Read a quoted rate (`1,5`, `1.5%`, `7% flat per tahun`, `0,1%/hari`), or say why not."""
    typed = _PER_ANNUM.sub(" pa ", " ".join(text.split()).strip(" .!").casefold())
    if not typed.strip():
        return NumberRefusal(TypedNumberRefusal.EMPTY)
    numbers = list(_RATE_NUMBER.finditer(typed))
    if not numbers:
        reason = (
            TypedNumberRefusal.IN_WORDS if _in_words(typed) else TypedNumberRefusal.NOT_A_NUMBER
        )
        return NumberRefusal(reason)
    if len(numbers) > 1:
        return NumberRefusal(TypedNumberRefusal.SEVERAL_NUMBERS)
    found = numbers[0]
    rest = typed[: found.start()] + " " + typed[found.end() :]
    words = set(_WORD.findall(rest))
    if not words <= _DAY | _MONTH | _YEAR | _EFFECTIVE | _FLAT | _FILLER:
        return NumberRefusal(TypedNumberRefusal.NOT_A_NUMBER)
    if found["sign"]:
        return NumberRefusal(TypedNumberRefusal.NEGATIVE)
    percent, basis = _basis(words, _decimal(found["number"]))
    return TypedRate(percent, basis)
