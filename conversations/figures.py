"""Numbers and dates as a member reads them, in the language of the chat.

Rupiah are written the Indonesian way in both languages (`Rp5.000.000`: it is Indonesian
money); percentages and dates follow the language (`2,64%` / `2.64%`).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from bot.i18n import current_language
from bot.money import format_rupiah

_HUNDRED = Decimal(100)


def _locale() -> Locale:
    return Locale.parse(current_language())


def rupiah(amount: int) -> str:
    """`Rp5.000.000`."""
    return format_rupiah(amount)


def percent(fraction: Decimal, places: int = 2) -> str:
    """A rate given as a fraction, in percent with at most `places` decimals: `2,64%`."""
    value = (fraction * _HUNDRED).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    pattern = "#,##0." + "#" * places if places else "#,##0"
    return format_decimal(value, format=pattern, locale=_locale()) + "%"


def percent_figure(percent_value: Decimal) -> str:
    """A rate already in percent, as typed or in the content file: `1,5%`."""
    return percent(percent_value / _HUNDRED, places=4)


def short_rupiah(amount: int) -> str:
    """A figure for a small chart: `150rb`, `1,2jt` (`150k`, `1.2m` in English)."""
    english = current_language() == "en"
    if abs(amount) >= 1_000_000:
        value = Decimal(amount) / 1_000_000
        unit = "m" if english else "jt"
    elif abs(amount) >= 1_000:
        value = Decimal(amount) / 1_000
        unit = "k" if english else "rb"
    else:
        return str(amount)
    shown = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return format_decimal(shown, format="#,##0.#", locale=_locale()) + unit


def day(value: date) -> str:
    """`4 September 2023`."""
    return str(format_date(value, "d MMMM y", locale=_locale()))


def month_name(value: date) -> str:
    """`November 2026`."""
    return str(format_date(value, "LLLL y", locale=_locale()))


def short_month(value: date) -> str:
    """`Nov`, `Agu`: a month under a chart's bars."""
    return str(format_date(value, "LLL", locale=_locale()))
