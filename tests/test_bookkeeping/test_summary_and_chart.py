"""A month's totals, and the chart of six months a member gets as a photo."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from bot.bookkeeping_chart import HEIGHT, WIDTH, ChartLabels, MonthBars, render_month_chart
from bot.bookkeeping_summary import months_back, next_month, summarise
from bot.vocabulary import EntryCategory, EntryKind

IN, OUT, CAPITAL = EntryKind.INCOME, EntryKind.EXPENSE, EntryKind.CAPITAL
C = EntryCategory
NOV = date(2026, 11, 1)
LABELS = ChartLabels("Pemasukan & pengeluaran", "Pemasukan", "Pengeluaran")

SUMMARIES = [
    # entries, income, expenses, capital, profit, three biggest expense kinds
    ((), 0, 0, 0, 0, ()),
    (
        ((IN, C.SALES, 150_000), (OUT, C.INGREDIENTS, 50_000), (OUT, C.INGREDIENTS, 25_000)),
        150_000,
        75_000,
        0,
        75_000,
        ((C.INGREDIENTS, 75_000),),
    ),
    (
        (
            (OUT, C.RENT, 500_000),
            (OUT, C.TRANSPORT, 20_000),
            (OUT, C.PACKAGING, 20_000),
            (OUT, C.UTILITIES, 200_000),
            (IN, C.SALES, 400_000),
            (CAPITAL, C.CAPITAL, 2_000_000),
        ),
        400_000,
        740_000,
        2_000_000,
        -340_000,
        # a tie goes to the category listed first (packaging before transport)
        ((C.RENT, 500_000), (C.UTILITIES, 200_000), (C.PACKAGING, 20_000)),
    ),
]


@pytest.mark.parametrize(
    ("entries", "income", "expenses", "capital", "profit", "biggest"), SUMMARIES
)
def test_a_month_adds_up_with_capital_kept_apart(
    entries: tuple[tuple[EntryKind, EntryCategory, int], ...],
    income: int,
    expenses: int,
    capital: int,
    profit: int,
    biggest: tuple[tuple[EntryCategory, int], ...],
) -> None:
    summary = summarise(date(2026, 11, 23), entries)
    assert summary.month == NOV
    assert (summary.income, summary.expenses, summary.capital) == (income, expenses, capital)
    assert summary.profit == profit
    assert summary.biggest_expenses == biggest
    assert summary.entries == len(entries)


def test_six_months_back_cross_the_year() -> None:
    assert months_back(date(2027, 2, 1), 6) == [
        date(2026, 9, 1),
        date(2026, 10, 1),
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]
    assert next_month(date(2026, 12, 1)) == date(2027, 1, 1)


def _bars(values: list[tuple[int, int]]) -> list[MonthBars]:
    names = ["Jun", "Jul", "Agu", "Sep", "Okt", "Nov"]
    return [
        MonthBars(name, income, out) for name, (income, out) in zip(names, values, strict=False)
    ]


def _short(amount: int) -> str:
    return f"{amount // 1000}rb"


def test_the_chart_is_a_small_png_that_reads_on_a_phone() -> None:
    data = render_month_chart(
        _bars(
            [
                (0, 0),
                (1_200_000, 800_000),
                (2_500_000, 1_900_000),
                (3_150_000, 2_400_000),
                (950_000, 1_100_000),
                (4_000_000, 150_000),
            ]
        ),
        LABELS,
        _short,
    )
    assert len(data) < 200 * 1024
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        assert image.size == (WIDTH, HEIGHT)
        colours = {colour for _count, colour in image.convert("RGB").getcolors(maxcolors=64) or []}
    assert (46, 125, 50) in colours and (198, 40, 40) in colours, "green and red bars"


def test_the_same_books_give_the_same_picture() -> None:
    bars = _bars([(100_000, 50_000)] * 6)
    assert render_month_chart(bars, LABELS, _short) == render_month_chart(bars, LABELS, _short)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**12), st.integers(0, 10**12)), min_size=0, max_size=6))
def test_any_totals_draw(values: list[tuple[int, int]]) -> None:
    data = render_month_chart(_bars(values), LABELS, _short)
    assert data.startswith(b"\x89PNG") and len(data) < 200 * 1024
