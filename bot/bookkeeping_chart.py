"""A small bar chart of income and expenses per month, as a PNG that reads on a cheap phone.

Two bars a month (income, expenses), the amount written above each, the month under each
pair, and a legend; large type, no thin lines. All words and amounts come from the caller
(already translated and formatted), so this module holds no language. Drawn with Pillow's
built-in font in a four-colour palette, so the file stays a few kilobytes (well under the
200 KB a chat photo should be) and the same input gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 720, 480
_MARGIN = 24
_TITLE_SIZE = 30
_TEXT_SIZE = 22
_TOP = 110
"""Where the plotting area starts, below the title and the legend."""
_BOTTOM = HEIGHT - 56
"""The baseline; the month names go under it."""
_WHITE, _INK, _INCOME, _EXPENSE = 0, 1, 2, 3
_PALETTE = (
    (255, 255, 255),
    (33, 33, 33),
    (46, 125, 50),  # green: money in
    (198, 40, 40),  # red: money out
)


@dataclass(frozen=True)
class MonthBars:
    """One month: its short name and its totals in whole rupiah."""

    label: str
    income: int
    expense: int


@dataclass(frozen=True)
class ChartLabels:
    """Every word drawn on the chart, in the member's language."""

    title: str
    income: str
    expense: str


def render_month_chart(
    months: Sequence[MonthBars], labels: ChartLabels, amount: Callable[[int], str]
) -> bytes:
    """The PNG bytes of the chart; `amount` writes a figure short (`1,2jt`)."""
    image = Image.new("P", (WIDTH, HEIGHT), _WHITE)
    image.putpalette([channel for colour in _PALETTE for channel in colour])
    draw = ImageDraw.Draw(image)
    title_font = ImageFont.load_default(size=_TITLE_SIZE)
    font = ImageFont.load_default(size=_TEXT_SIZE)
    small = ImageFont.load_default(size=_TEXT_SIZE - 4)

    draw.text((_MARGIN, _MARGIN - 6), labels.title, font=title_font, fill=_INK)
    legend_y = _MARGIN + _TITLE_SIZE + 14
    x = _MARGIN
    for colour, text in ((_INCOME, labels.income), (_EXPENSE, labels.expense)):
        draw.rectangle((x, legend_y + 3, x + 18, legend_y + 21), fill=colour)
        draw.text((x + 26, legend_y), text, font=font, fill=_INK)
        x += 26 + int(draw.textlength(text, font=font)) + 32

    highest = max((max(m.income, m.expense) for m in months), default=0) or 1
    room = _BOTTOM - _TOP - _TEXT_SIZE - 6
    slot = (WIDTH - 2 * _MARGIN) / max(1, len(months))
    bar = min(44.0, slot * 0.34)
    for index, month in enumerate(months):
        centre = _MARGIN + slot * (index + 0.5)
        for offset, value, colour in ((-1, month.income, _INCOME), (0, month.expense, _EXPENSE)):
            left = centre + offset * (bar + 2) + (1 if offset == 0 else 0)
            height = round(room * max(0, value) / highest)
            if value > 0:
                draw.rectangle((left, _BOTTOM - max(2, height), left + bar, _BOTTOM), fill=colour)
            text = amount(value) if value > 0 else ""
            width = draw.textlength(text, font=small)
            draw.text(
                (left + bar / 2 - width / 2, _BOTTOM - height - _TEXT_SIZE),
                text,
                font=small,
                fill=_INK,
            )
        width = draw.textlength(month.label, font=font)
        draw.text((centre - width / 2, _BOTTOM + 10), month.label, font=font, fill=_INK)
    draw.line((_MARGIN, _BOTTOM, WIDTH - _MARGIN, _BOTTOM), fill=_INK, width=2)

    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()
