"""CSV files the bot hands to people, safe to open in Excel or Google Sheets.

UTF-8 with a byte-order mark so Excel shows `Açaí Bowl` or `Sate Padang – Uda` right,
and every text cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(A1)`,
`+62812…`) is prefixed with `'`, as OWASP advises against CSV injection. Plain numbers,
negative ones included, stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal

# First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _cell(value: object) -> str:
    """The text written for one cell: numbers as numbers, text defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    text = str(value)
    if text.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A whole CSV file (header first) as UTF-8 with BOM, every cell made safe to open."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_cell(name) for name in header])
    writer.writerows([_cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")
