"""Dates, times and seat counts as staff type them in chat, Indonesian style.

Staff schedule coaching sessions from a phone, so `24/11`, `6 Des`, `tgl 6`, `besok`,
`sabtu depan`, `jam 9`, `2 siang` and `sabtu 2 siang` must all work, while an
impossible date or time is refused (None) rather than guessed at. A real date that is
probably not what was meant (already past, more than six months ahead, or on another
weekday than the one typed) is read, but carries a `DateConcern` so the chat flow
asks the person instead of silently picking a year. Session times are Jakarta
wall-clock times; `to_utc` turns them into the aware UTC datetimes that are stored.

Day words, decided here once:
- `sabtu`, `hari sabtu`, `sabtu ini`: the coming Saturday, today included (0-6 days).
- `sabtu depan`, `sabtu minggu depan`: the Saturday of next week; weeks run Monday to
  Sunday, as on Indonesian office calendars.
- `minggu` alone is Sunday, but `minggu depan` and `minggu ini` mean "next/this
  week", which is no day at all, so they are refused; `hari minggu depan` is Sunday.
- `tgl 6`: the coming 6th, this month or the next one that has it.
- A day and month without a year (`6 des`) mean the coming one when that is at most
  six months away; otherwise the last one, which is in the past and so questioned.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from bot.clock import JAKARTA

"""Where every session happens (WIB, UTC+7, no daylight saving)."""

MIN_CAPACITY = 1
MAX_CAPACITY = 500
"""Seats in one session: the largest OK OCE training halls hold a few hundred."""

FAR_AHEAD_MONTHS = 6
"""A session planned further ahead than this is more likely a typo than a plan."""


class DateConcern(StrEnum):
    """Why a date that was read should be checked with the person before it is used."""

    PAST = "past"
    FAR_AHEAD = "far_ahead"
    WEEKDAY_MISMATCH = "weekday_mismatch"


@dataclass(frozen=True)
class DateReading:
    """A real date read from what was typed, and whether to ask about it first.

    `typed_weekday` is the weekday written beside the date (Monday is 0, as in
    `date.weekday()` and Babel's day names), if any. `alternative` is the other
    plausible reading of a yearless date that was read as past: the same day and
    month in the coming year, so the flow can offer it ("Maksudnya 30 Nov 2027?").
    Only one concern is given: a weekday mismatch first (the date itself is then
    doubtful), then past, then far ahead.
    """

    day: date
    concern: DateConcern | None = None
    typed_weekday: int | None = None
    alternative: date | None = None

    @property
    def weekday(self) -> int:
        """The real weekday of `day` (Monday is 0)."""
        return self.day.weekday()


@dataclass(frozen=True)
class DateTimeReading:
    """A date reading and, when one was typed with it (`sabtu 2 siang`), a clock time."""

    reading: DateReading
    at: time | None = None


_SPACES = re.compile(r"\s+")

_RELATIVE_DAYS = {
    "hari ini": 0,
    "today": 0,
    "besok": 1,
    "bsk": 1,
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

# `sabtu`, `hari sabtu`, `sabtu ini`, `sabtu depan`, `sabtu minggu depan`.
_WEEKDAY_ALONE = re.compile(
    r"^(?P<hari>hari\s+)?(?P<weekday>[a-z']+)"
    r"(?:\s+(?:(?P<week>minggu|pekan)\s+)?(?P<which>ini|depan))?$"
)
_WEEKDAY_PREFIX = re.compile(r"^(?:hari\s+)?(?P<weekday>[a-z']+),?\s+(?P<rest>.*\d.*)$")
_DAY_OF_MONTH_PREFIX = re.compile(r"^(?:tgl|tanggal)\.?\s*")
_DAY_OF_MONTH = re.compile(r"^(?P<day>\d{1,2})$")
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
    r"^(?:(?P<lead>pagi|siang|sore|malam)\s+(?=jam|pukul|pkl))?"
    r"(?:(?P<marker>jam|pukul|pkl?)\.?\s*)?"
    r"(?P<hour>\d{1,2})(?:[.:](?P<minute>\d{2})(?:[.:](?P<second>\d{2}))?)?"
    r"\s*(?P<part>pagi|siang|sore|malam|am|a\.m\.?|pm|p\.m\.?)?"
    r"(?P<zone>\s*wib)?$"
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

# Nobody types a date and a time in more words than this; longer text is not tried.
_MAX_WORDS = 12


def read_date(text: str, today: date) -> DateReading | None:
    """The date staff meant by `text`, with a concern to ask about, or None if no date.

    `today` (in Jakarta) anchors day words (`besok`, `sabtu depan`) and dates typed
    without a year. A past date, one more than six months ahead, or one beside a
    weekday it does not fall on is still returned, with its `DateConcern`.
    """
    return _read_date(_normalise_date(text), today)


def read_date_and_time(text: str, today: date) -> DateTimeReading | None:
    """A date, and optionally a clock time typed with it (`besok jam 9`, `sabtu 2 siang`).

    A bare number next to a date is not taken as a time (`24 nov 20` is a year), so
    the time must be clearly one: `jam 9`, `9.00`, `2 siang`, `9 WIB`. None when no
    date can be read; a time on its own is not enough.
    """
    typed = _normalise_date(text)
    whole = _read_date(typed, today)
    if whole is not None:
        return DateTimeReading(whole)
    words = typed.split(" ")
    if len(words) > _MAX_WORDS:
        return None
    for cut in range(1, len(words)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        for date_part, time_part in ((head, tail), (tail, head)):
            at = _read_time(time_part.strip(" ,"), clearly_a_time=True)
            if at is None:
                continue
            reading = _read_date(date_part.strip(" ,"), today)
            if reading is not None:
                return DateTimeReading(reading, at)
    return None


def parse_date(text: str, today: date) -> date | None:
    """The date read from `text`, or None when it is not a real date (CSV import).

    The same reading as `read_date`, so a yearless date is never silently moved to
    next year: one more than six months off comes back as the past one, which the
    caller refuses as passed. A weekday beside the date must agree with it.
    """
    reading = read_date(text, today)
    if reading is None or reading.concern is DateConcern.WEEKDAY_MISMATCH:
        return None
    return reading.day


def parse_time(text: str) -> time | None:
    """The Jakarta clock time staff meant by `text` (`09.00`, `jam 9`, `2 siang`), or None."""
    return _read_time(_normalise(text), clearly_a_time=False)


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


def _normalise_date(text: str) -> str:
    # A date answer often ends with a stray full stop or comma (`Sabtu, 6 Des.`).
    return _normalise(text).strip(" ,.!?")


def _read_time(typed: str, *, clearly_a_time: bool) -> time | None:
    """A clock time; with `clearly_a_time`, a bare number (`9`) is not one."""
    matched = _TIME.match(typed)
    if not matched:
        return None
    lead, part = matched["lead"], matched["part"]
    if lead is not None and part is not None and lead != part:
        return None  # `pagi jam 9 malam`
    part = part or lead
    if clearly_a_time and not (matched["marker"] or matched["minute"] or part or matched["zone"]):
        return None
    hour = int(matched["hour"])
    minute = int(matched["minute"] or 0)
    second = int(matched["second"] or 0)
    if part is not None:
        as_typed, plus_twelve = _PART_OF_DAY[part.replace(".", "")]
        if hour in plus_twelve:
            hour += 12
        elif hour not in as_typed:
            return None
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def _read_date(typed: str, today: date) -> DateReading | None:
    if typed in _RELATIVE_DAYS:
        return DateReading(today + timedelta(days=_RELATIVE_DAYS[typed]))
    by_weekday = _WEEKDAY_ALONE.match(typed)
    if by_weekday and by_weekday["weekday"] in _WEEKDAYS:
        return _weekday_reading(
            _WEEKDAYS[by_weekday["weekday"]],
            by_weekday["which"],
            # `minggu depan`/`minggu ini` is "next/this week", not a Sunday.
            week_word=by_weekday["weekday"] == "minggu"
            and not (by_weekday["hari"] or by_weekday["week"]),
            today=today,
        )

    typed_weekday: int | None = None
    prefixed = _WEEKDAY_PREFIX.match(typed)
    if prefixed and prefixed["weekday"] in _WEEKDAYS:
        typed_weekday = _WEEKDAYS[prefixed["weekday"]]
        typed = prefixed["rest"]

    found = _absolute_date(typed, today)
    if found is None:
        return None
    day, alternative = found
    concern: DateConcern | None = None
    if typed_weekday is not None and typed_weekday != day.weekday():
        concern = DateConcern.WEEKDAY_MISMATCH
    elif day < today:
        concern = DateConcern.PAST
    elif day > _months_after(today, FAR_AHEAD_MONTHS):
        concern = DateConcern.FAR_AHEAD
    return DateReading(day, concern, typed_weekday, alternative)


def _weekday_reading(
    weekday: int, which: str | None, *, week_word: bool, today: date
) -> DateReading | None:
    """The coming such weekday (today included), or that weekday of next week."""
    if which is not None and week_word:
        return None
    if which == "depan":
        next_monday = today + timedelta(days=7 - today.weekday())
        return DateReading(next_monday + timedelta(days=weekday), typed_weekday=weekday)
    return DateReading(
        today + timedelta(days=(weekday - today.weekday()) % 7), typed_weekday=weekday
    )


def _absolute_date(typed: str, today: date) -> tuple[date, date | None] | None:
    """A day, month and optional year in one of the accepted shapes, and an alternative."""
    day_prefix = _DAY_OF_MONTH_PREFIX.match(typed)
    if day_prefix:
        typed = typed[day_prefix.end() :]
        only_day = _DAY_OF_MONTH.match(typed)
        if only_day:
            return _coming_day_of_month(int(only_day["day"]), today)
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
        return _yearless(month, day, today)
    found = _real_date(int(year_text) + (2000 if len(year_text) == 2 else 0), month, day)
    return None if found is None else (found, None)


def _yearless(month: int, day: int, today: date) -> tuple[date, date | None] | None:
    """The coming such day if within six months; otherwise the last one, which is past."""
    this_year = _real_date(today.year, month, day)
    coming: date | None
    last: date | None
    if this_year is not None and this_year >= today:
        coming, last = this_year, _real_date(today.year - 1, month, day)
    else:
        coming, last = _real_date(today.year + 1, month, day), this_year
    if coming is not None and (last is None or coming <= _months_after(today, FAR_AHEAD_MONTHS)):
        return coming, None
    if last is None:
        return None
    return last, coming


def _coming_day_of_month(day: int, today: date) -> tuple[date, date | None] | None:
    """`tgl 6`: the next 6th from today, skipping months too short to have it."""
    year, month = today.year, today.month
    for _ in range(3):  # a 31st is never more than two months away
        found = _real_date(year, month, day)
        if found is not None and found >= today:
            return found, None
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _months_after(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day (31 Aug + 6 → 28/29 Feb)."""
    year, month_index = divmod(day.month - 1 + months, 12)
    year += day.year
    last_day = calendar.monthrange(year, month_index + 1)[1]
    return date(year, month_index + 1, min(day.day, last_day))


def _real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # 31/02, 29/02 outside a leap year, month 13, year 0
        return None
