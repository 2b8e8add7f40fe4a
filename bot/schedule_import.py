"""The CSV of a month's coaching sessions, read for `okoce-bot sessions import`.

Coordinators plan a month in a spreadsheet and export it, so the reader accepts what
spreadsheets produce: comma or semicolon separators (Indonesian-locale Excel uses
`;`), a UTF-8 byte-order mark, columns in any order, blank rows, and dates and
times written the way staff type them (`24/11/2026`, `24 Nov`, `09.00`). It checks
every row and reports every problem with the file's own line numbers, because the
import is all-or-nothing: the operator fixes the whole file in one pass.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal, TypeVar
from urllib.parse import urlsplit

from bot.areas import AreaDirectory, Kecamatan
from bot.schedule_input import (
    MAX_CAPACITY,
    MIN_CAPACITY,
    parse_capacity,
    parse_date,
    parse_time,
    to_utc,
)

SessionKind = Literal["clinic", "training", "meetup"]
Topic = Literal["P1", "P2", "P3", "P4", "P5", "P6", "P7", "general"]
_Choice = TypeVar("_Choice")

COLUMNS = (
    "kind",
    "topic",
    "kecamatan",
    "venue_name",
    "venue_address",
    "map_url",
    "date",
    "start",
    "end",
    "capacity",
    "coach",
)
"""Every column, in the order of the documented template."""
OPTIONAL_COLUMNS = frozenset({"map_url", "coach"})
"""Columns that may be left out of the header altogether, or left empty in a row."""
REQUIRED_COLUMNS = tuple(column for column in COLUMNS if column not in OPTIONAL_COLUMNS)
MAX_ROWS = 2000
"""Sessions one file may hold unless the caller says otherwise (a month is a few hundred)."""

MAX_LENGTHS = {"venue_name": 120, "venue_address": 240, "map_url": 500}
"""Longest value per text column: the sizes of `coaching_sessions` in `bot/models.py`."""

_KINDS: dict[str, SessionKind] = {
    "clinic": "clinic",
    "klinik": "clinic",
    "training": "training",
    "pelatihan": "training",
    "meetup": "meetup",
    "meet-up": "meetup",
    "temu": "meetup",
}
_TOPICS: dict[str, Topic] = {
    "p1": "P1",
    "p2": "P2",
    "p3": "P3",
    "p4": "P4",
    "p5": "P5",
    "p6": "P6",
    "p7": "P7",
    "general": "general",
    "umum": "general",
}
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
_KECAMATAN_CODE = re.compile(r"^\d{2}\.\d{2}\.\d{2}$")
_MEMBER_NUMBER = re.compile(r"^OK-\d{6}-\d{6}$", re.IGNORECASE)


@dataclass(frozen=True)
class SessionRow:
    """One valid session from the file, ready to be saved (times aware, in UTC)."""

    line: int
    kind: SessionKind
    topic: Topic
    kecamatan: Kecamatan
    venue_name: str
    venue_address: str
    map_url: str | None
    starts_at: datetime
    ends_at: datetime
    capacity: int
    coach_number: str | None
    """A member number in the right format (`OK-317401-000123`); the caller resolves it."""


@dataclass(frozen=True)
class RowError:
    """One problem where the operator will find it: the line in the file (from 1, header included)."""

    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class ScheduleImport:
    """What the file holds: the valid rows and every error; save only when `errors` is empty."""

    rows: list[SessionRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def parse_schedule(
    text: str, *, today: date, areas: AreaDirectory, max_rows: int = MAX_ROWS
) -> ScheduleImport:
    """Read a schedule CSV; `today` (in Jakarta) anchors dates without a year and `besok`.

    A file of more than `max_rows` sessions is refused (split it), and so is a row that
    repeats an earlier one exactly (a copy-paste slip that would book a venue twice).
    """
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    header: list[str] | None = None
    rows: list[SessionRow] = []
    errors: list[RowError] = []
    first_seen: dict[tuple[str, ...], int] = {}
    last_line = 0
    for record in _records(reader, errors):
        line = last_line + 1  # a quoted value may span lines; a record starts after the last
        last_line = reader.line_num
        if not any(value.strip() for value in record):
            continue
        if header is not None and len(first_seen) >= max_rows:
            message = f"more than {max_rows} sessions in one file; split it into smaller files"
            return ScheduleImport(errors=[*errors, RowError(line, None, message)])
        if header is not None:
            values_key = tuple(value.strip() for value in record)
            if values_key in first_seen:
                errors.append(RowError(line, None, f"repeats line {first_seen[values_key]}"))
                continue
            first_seen[values_key] = line
        if header is None:
            header = [name.strip().lower() for name in record]
            header_errors = _check_header(header, line)
            if header_errors:
                return ScheduleImport(errors=header_errors)
            continue
        if len(record) != len(header):
            errors.append(
                RowError(
                    line,
                    None,
                    f"has {len(record)} values but the header has {len(header)} columns"
                    " (a comma or semicolon inside a value needs double quotes around it)",
                )
            )
            continue
        values = {name: value.strip() for name, value in zip(header, record, strict=True)}
        row = _RowReader(line, values, today, areas).read()
        if isinstance(row, SessionRow):
            rows.append(row)
        else:
            errors.extend(row)
    if header is None:
        return ScheduleImport(
            errors=[RowError(1, None, f"the file is empty; the header is {','.join(COLUMNS)}")]
        )
    return ScheduleImport(rows=rows, errors=errors)


def _records(reader: Iterator[list[str]], errors: list[RowError]) -> Iterator[list[str]]:
    """The reader's records, ending with an error where the text stops being CSV."""
    try:
        yield from reader
    except csv.Error as exc:  # e.g. a stray quote swallowing the rest into one huge value
        line = getattr(reader, "line_num", 0) or 1
        errors.append(RowError(line, None, f"cannot be read as CSV: {exc}"))


def _sniff_delimiter(text: str) -> str:
    """`;` or `,`, whichever separates the header's column names.

    Judged on the header alone: column names never contain either character, while
    addresses in the rows are full of commas, which misleads `csv.Sniffer`.
    """
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _check_header(header: list[str], line: int) -> list[RowError]:
    """Problems with the header row, reported together as one error on its line."""
    problems: list[str] = []
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        problems.append(f"missing required column(s): {', '.join(missing)}")
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        problems.append(f"unknown column(s): {', '.join(repr(name) for name in unknown)}")
    repeated = sorted({name for name in header if name in COLUMNS and header.count(name) > 1})
    if repeated:
        problems.append(f"repeated column(s): {', '.join(repeated)}")
    if not problems:
        return []
    expected = f"expected {','.join(COLUMNS)} (map_url and coach may be left out)"
    return [RowError(line, None, "; ".join(problems) + f"; {expected}")]


class _RowReader:
    """Checks one row's values, collecting every error rather than stopping at the first."""

    def __init__(
        self, line: int, values: dict[str, str], today: date, areas: AreaDirectory
    ) -> None:
        self.line = line
        self.values = values
        self.today = today
        self.areas = areas
        self.errors: list[RowError] = []

    def read(self) -> SessionRow | list[RowError]:
        """The session in this row, or everything wrong with it."""
        kind = self._choice("kind", _KINDS, "clinic, training or meetup")
        topic = self._choice("topic", _TOPICS, "P1 to P7 or general")
        kecamatan = self._kecamatan()
        venue_name = self._required("venue_name")
        venue_address = self._required("venue_address")
        map_url = self._map_url()
        day = self._date()
        start = self._time("start")
        end = self._time("end")
        capacity = self._capacity()
        coach_number = self._coach()
        if start is not None and end is not None and end <= start:
            self._error("end", f"{self.values['end']!r} is not after the start")
        if (
            self.errors
            or kind is None
            or topic is None
            or kecamatan is None
            or venue_name is None
            or venue_address is None
            or day is None
            or start is None
            or end is None
            or capacity is None
        ):
            # In the file's column order, as the operator reads along the row.
            order = list(self.values)
            return sorted(self.errors, key=lambda error: order.index(error.column or ""))
        return SessionRow(
            line=self.line,
            kind=kind,
            topic=topic,
            kecamatan=kecamatan,
            venue_name=venue_name,
            venue_address=venue_address,
            map_url=map_url,
            starts_at=to_utc(day, start),
            ends_at=to_utc(day, end),
            capacity=capacity,
            coach_number=coach_number,
        )

    def _error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.line, column, message))

    def _value(self, column: str) -> str | None:
        """The value as typed, or None when it cannot be stored as one."""
        value = self.values.get(column, "")
        if _CONTROLS.search(value):
            self._error(
                column,
                "holds a line break or control character"
                " (a stray double quote joins the lines after it into one value)",
            )
            return None
        longest = MAX_LENGTHS.get(column)
        if longest is not None and len(value) > longest:
            self._error(column, f"is {len(value)} characters long; at most {longest} fit")
            return None
        return value

    def _required(self, column: str) -> str | None:
        value = self._value(column)
        if value is None:
            return None
        if not value:
            self._error(column, "is required")
            return None
        return value

    def _choice(self, column: str, choices: dict[str, _Choice], expected: str) -> _Choice | None:
        value = self._required(column)
        if value is None:
            return None
        chosen = choices.get(value.lower())
        if chosen is None:
            self._error(column, f"{value!r} is not one of {expected}")
        return chosen

    def _kecamatan(self) -> Kecamatan | None:
        typed = self._required("kecamatan")
        if typed is None:
            return None
        if _KECAMATAN_CODE.match(typed):
            by_code = self.areas.kecamatan(typed)
            if by_code is None:
                self._error("kecamatan", f"{typed!r} is not a kecamatan code in DKI Jakarta")
            return by_code
        match = self.areas.match_kecamatan(typed)
        if match.best is not None:
            return match.best
        if match.candidates:
            names = ", ".join(f"{k.name} ({k.code})" for k in match.candidates)
            self._error("kecamatan", f"{typed!r} could be {names}; write the full name or code")
        else:
            self._error("kecamatan", f"{typed!r} is not a kecamatan in DKI Jakarta")
        return None

    def _map_url(self) -> str | None:
        value = self._value("map_url")
        if not value:
            return None
        parts = urlsplit(value)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in value:
            self._error("map_url", f"{value!r} must be a link starting with http:// or https://")
            return None
        return value

    def _date(self) -> date | None:
        value = self._required("date")
        if value is None:
            return None
        day = parse_date(value, self.today)
        if day is None:
            self._error("date", f"{value!r} is not a date (write it like 24/11/2026)")
        elif day < self.today:
            self._error("date", f"{value!r} is {day.isoformat()}, which has already passed")
            return None
        return day

    def _time(self, column: str) -> time | None:
        value = self._required(column)
        if value is None:
            return None
        at = parse_time(value)
        if at is None:
            self._error(column, f"{value!r} is not a time (write it like 09.00 or 14:30)")
        return at

    def _capacity(self) -> int | None:
        value = self._required("capacity")
        if value is None:
            return None
        capacity = parse_capacity(value)
        if capacity is None:
            self._error(
                "capacity",
                f"{value!r} is not a whole number from {MIN_CAPACITY} to {MAX_CAPACITY}",
            )
        return capacity

    def _coach(self) -> str | None:
        value = self._value("coach")
        if not value:
            return None
        if not _MEMBER_NUMBER.match(value):
            self._error("coach", f"{value!r} is not a member number like OK-317401-000123")
            return None
        return value.upper()
