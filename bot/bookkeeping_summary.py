"""What a month of bookkeeping adds up to: income, expenses, profit, where the money went.

Capital the owner puts in is counted apart: it is neither income nor an expense, so it
never makes a month look profitable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from bot.vocabulary import EntryCategory, EntryKind

TOP_EXPENSE_KINDS = 3


@dataclass(frozen=True)
class MonthSummary:
    """One month's totals in whole rupiah."""

    month: date
    """The first day of the month."""
    income: int = 0
    expenses: int = 0
    capital: int = 0
    entries: int = 0
    by_category: tuple[tuple[EntryCategory, int], ...] = field(default=())
    """Expenses per category, biggest first (ties in the categories' own order)."""

    @property
    def profit(self) -> int:
        """Income less expenses (negative for a loss)."""
        return self.income - self.expenses

    @property
    def biggest_expenses(self) -> tuple[tuple[EntryCategory, int], ...]:
        """The three expense categories that cost most this month."""
        return self.by_category[:TOP_EXPENSE_KINDS]


def first_of_month(day: date) -> date:
    """The first day of `day`'s month."""
    return day.replace(day=1)


def next_month(month: date) -> date:
    """The first day of the month after `month`'s."""
    return date(month.year + 1, 1, 1) if month.month == 12 else date(month.year, month.month + 1, 1)


def months_back(month: date, count: int) -> list[date]:
    """The first days of `count` months ending with `month`'s, oldest first."""
    firsts = []
    year, number = month.year, month.month
    for _ in range(count):
        firsts.append(date(year, number, 1))
        year, number = (year, number - 1) if number > 1 else (year - 1, 12)
    return firsts[::-1]


def summarise(month: date, entries: Iterable[tuple[EntryKind, EntryCategory, int]]) -> MonthSummary:
    """Add up one month's entries (kind, category, amount)."""
    totals: Counter[EntryKind] = Counter()
    spent: Counter[EntryCategory] = Counter()
    count = 0
    for kind, category, amount in entries:
        count += 1
        totals[kind] += amount
        if kind is EntryKind.EXPENSE:
            spent[category] += amount
    order = list(EntryCategory)
    by_category = sorted(spent.items(), key=lambda item: (-item[1], order.index(item[0])))
    return MonthSummary(
        month=first_of_month(month),
        income=totals[EntryKind.INCOME],
        expenses=totals[EntryKind.EXPENSE],
        capital=totals[EntryKind.CAPITAL],
        entries=count,
        by_category=tuple(by_category),
    )
