"""Dates, times and seat counts as staff type them in chat, Indonesian style.

Staff schedule coaching sessions from a phone, so `24/11`, `24 Nov`, `besok`,
`jam 9` and `2 siang` must all work, while an impossible date or time is refused
(None) rather than guessed at. Session times are Jakarta wall-clock times; `to_utc`
turns them into the aware UTC datetimes that are stored.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from bot.clock import JAKARTA

"""Where every session happens (WIB, UTC+7, no daylight saving)."""

MIN_CAPACITY = 1
MAX_CAPACITY = 500
"""Seats in one session: the largest OK OCE training halls hold a few hundred."""

_SPACES = re.compile(r"\s+")

_RELATIVE_DAYS = {
    "hari ini": 0,
    "today": 0,
    "besok": 1,
    "tomorrow": 1,
    "lusa": 2,
}

_MONTHS = {
    **dict.fromkeys(("jan", "januari", "january"), 1),
    **dict.fromkeys(("feb", "februari", "february"), 2),
    **dict.fromkeys(("mar", "maret", "march"), 3),
    **dict.fromkeys(("apr", "april"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("jun", "juni", "june"), 6),
    **dict.fromkeys(("jul", "juli", "july"), 7),
    **dict.fromkeys(("agu", "agt", "ags", "agustus", "aug", "august"), 8),
    **dict.fromkeys(("sep", "sept", "september"), 9),
    **dict.fromkeys(("okt", "oktober", "oct", "october"), 10),
    **dict.fromkeys(("nov", "november"), 11),
    **dict.fromkeys(("des", "desember", "dec", "december"), 12),
}

# Monday is 0, as in `date.weekday()`.
_WEEKDAYS = {
    **dict.fromkeys(("senin", "monday", "mon"), 0),
    **dict.fromkeys(("selasa", "tuesday", "tue"), 1),
    **dict.fromkeys(("rabu", "wednesday", "wed"), 2),
    **dict.fromkeys(("kamis", "thursday", "thu"), 3),
    **dict.fromkeys(("jumat", "jum'at", "friday", "fri"), 4),
    **dict.fromkeys(("sabtu", "saturday", "sat"), 5),
    **dict.fromkeys(("minggu", "ahad", "sunday", "sun"), 6),
}

_WEEKDAY_PREFIX = re.compile(r"^(?P<weekday>[a-z']+),?\s+(?P<rest>.*\d.*)$")
# `24/11/2026`, `24-11-26`, `24.11`: the same separator throughout.
_NUMERIC_DATE = re.compile(
    r"^(?P<day>\d{1,2})(?P<sep>[/.\-])(?P<month>\d{1,2})(?:(?P=sep)(?P<year>\d{4}|\d{2}))?$"
)
# `2026-11-24`, what spreadsheets export.
_ISO_DATE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")
# `24 November 2026`, `24 Nov`, `24 nov 26`, `24-Nov-2026`, `24 Agt. 2026`.
_NAMED_DATE = re.compile(
    r"^(?P<day>\d{1,2})[\s\-/]*(?P<month>[a-z]+)\.?(?:[\s\-/,]+(?P<year>\d{4}|\d{2}))?$"
)

_TIME = re.compile(
    r"^(?:(?:jam|pukul|pkl?)\.?\s*)?"
    r"(?P<hour>\d{1,2})(?:[.:](?P<minute>\d{2})(?:[.:](?P<second>\d{2}))?)?"
    r"\s*(?P<part>pagi|siang|sore|malam|am|a\.m\.|pm|p\.m\.)?"
    r"(?:\s*wib)?$"
)
# How a part of the day reads an hour: (hours taken as typed, hours that gain 12).
# `2 siang` is 14:00 but `11 siang` is 11:00; `7 malam` is 19:00; `14.00 siang` is
# already on the 24-hour clock. An hour outside both (`9 siang`, `12 malam`,
# `14 pagi`) is not a plausible reading, so it is refused, not guessed.
_PART_OF_DAY: dict[str, tuple[range, range]] = {
    "pagi": (range(1, 12), range(0)),
    "siang": (range(11, 16), range(1, 4)),
    "sore": (range(15, 19), range(3, 7)),
    "malam": (range(18, 24), range(6, 12)),
    "am": (range(1, 12), range(0)),
    "pm": (range(12, 13), range(1, 12)),
}

_CAPACITY = re.compile(r"^(?P<count>\d{1,4})(?:\s*(?:orang|peserta|kursi|seats?|people))?$")


def parse_date(text: str, today: date) -> date | None:
    """The date staff meant by `text`, or None when it is not a real date.

    `today` anchors the words (`besok`) and dates typed without a year, which mean
    the next such day: this year, or next year when it has already passed. A leading
    weekday (`Sabtu, 28 Nov`) is allowed, and must agree with the date.
    """
    typed = _normalise(text)
    if typed in _RELATIVE_DAYS:
        return today + timedelta(days=_RELATIVE_DAYS[typed])

    weekday: int | None = None
    prefixed = _WEEKDAY_PREFIX.match(typed)
    if prefixed and prefixed["weekday"] in _WEEKDAYS:
        weekday = _WEEKDAYS[prefixed["weekday"]]
        typed = prefixed["rest"]

    found = _parse_absolute_date(typed, today)
    if found is None or (weekday is not None and found.weekday() != weekday):
        return None
    return found


def parse_time(text: str) -> time | None:
    """The Jakarta clock time staff meant by `text` (`09.00`, `jam 9`, `2 siang`), or None."""
    matched = _TIME.match(_normalise(text))
    if not matched:
        return None
    hour = int(matched["hour"])
    minute = int(matched["minute"] or 0)
    second = int(matched["second"] or 0)
    part = matched["part"]
    if part is not None:
        as_typed, plus_twelve = _PART_OF_DAY[part.replace(".", "")]
        if hour in plus_twelve:
            hour += 12
        elif hour not in as_typed:
            return None
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def parse_capacity(text: str) -> int | None:
    """A seat count from 1 to 500 (`30`, `30 orang`), or None."""
    matched = _CAPACITY.match(_normalise(text))
    if not matched:
        return None
    count = int(matched["count"])
    return count if MIN_CAPACITY <= count <= MAX_CAPACITY else None


def to_utc(day: date, at: time) -> datetime:
    """The aware UTC moment of a Jakarta wall-clock `day` and time `at`."""
    return datetime.combine(day, at.replace(tzinfo=None), tzinfo=JAKARTA).astimezone(UTC)


def _normalise(text: str) -> str:
    return _SPACES.sub(" ", text).strip().lower()


def _parse_absolute_date(typed: str, today: date) -> date | None:
    """A day, month and optional year in one of the accepted shapes."""
    matched = _NUMERIC_DATE.match(typed) or _ISO_DATE.match(typed)
    if matched:
        month: int | None = int(matched["month"])
    else:
        matched = _NAMED_DATE.match(typed)
        if not matched:
            return None
        month = _MONTHS.get(matched["month"])
    if month is None:
        return None
    day = int(matched["day"])
    year_text = matched["year"]
    if year_text is None:
        year = today.year if (month, day) >= (today.month, today.day) else today.year + 1
    else:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    try:
        return date(year, month, day)
    except ValueError:  # 31/02, 29/02 outside a leap year, month 13
        return None
