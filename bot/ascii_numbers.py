"""Whole numbers read strictly: plain ASCII digits within a range, or nothing.

Button data and typed list numbers reach the database as ids. Python's `isdigit` is
true for `²` and `٣` (which `int` refuses or reads unexpectedly), and a twenty-digit
id overflows every integer column, so ids are read here and nowhere else.
"""

from __future__ import annotations

MAX_ROW_ID = 2**31 - 1
"""The largest id an `INTEGER` primary key holds on PostgreSQL (SQLite holds more)."""
_MAX_DIGITS = 18
"""Longer strings are refused before `int` sees them (no huge conversions)."""


def read_ascii_int(text: str, *, low: int, high: int) -> int | None:
    """The number `text` spells in ASCII digits if it lies in `low..high`, else None."""
    if not text or len(text) > _MAX_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if low <= value <= high else None


def parse_row_id(text: str) -> int | None:
    """A database row id from button data (`"42"` → 42), or None for anything else."""
    return read_ascii_int(text, low=1, high=MAX_ROW_ID)
