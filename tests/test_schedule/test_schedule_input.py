"""Dates, times and seat counts as staff type them in chat."""

from datetime import UTC, date, datetime, time

import pytest

from bot.schedule_input import parse_capacity, parse_date, parse_time, to_utc

TODAY = date(2026, 10, 15)  # a Thursday


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("24/11/2026", date(2026, 11, 24)),
        ("24-11-2026", date(2026, 11, 24)),
        ("24.11.2026", date(2026, 11, 24)),
        ("4/1/2027", date(2027, 1, 4)),
        ("24/11/26", date(2026, 11, 24)),
        ("2026-11-24", date(2026, 11, 24)),
        ("24/11", date(2026, 11, 24)),
        ("15/10", date(2026, 10, 15)),  # today is still this year
        ("14/10", date(2026, 10, 14)),  # passed: read as past, never moved to 2027
        ("24 November 2026", date(2026, 11, 24)),
        ("24 Nov", date(2026, 11, 24)),
        ("24 nov 26", date(2026, 11, 24)),
        ("24-Nov-2026", date(2026, 11, 24)),
        ("  24   NOV  ", date(2026, 11, 24)),
        ("1 Januari 2027", date(2027, 1, 1)),
        ("3 Feb", date(2027, 2, 3)),
        ("17 Agustus 2027", date(2027, 8, 17)),
        ("17 Agt 2027", date(2027, 8, 17)),
        ("17 Ags 2027", date(2027, 8, 17)),
        ("17 agu. 2027", date(2027, 8, 17)),
        # more than six months to the coming one: the last one, which the caller refuses
        ("5 Mei", date(2026, 5, 5)),
        ("5 May", date(2026, 5, 5)),
        ("20 Okt", date(2026, 10, 20)),
        ("20 October 2026", date(2026, 10, 20)),
        ("25 Des", date(2026, 12, 25)),
        ("25 December 2026", date(2026, 12, 25)),
        ("Sabtu, 24 Okt", date(2026, 10, 24)),  # the weekday agrees
        ("sabtu 24/10/2026", date(2026, 10, 24)),
        ("hari ini", TODAY),
        ("Hari  Ini", TODAY),
        ("today", TODAY),
        ("besok", date(2026, 10, 16)),
        ("tomorrow", date(2026, 10, 16)),
        ("lusa", date(2026, 10, 17)),
        # refused rather than guessed
        ("31/02/2027", None),
        ("29/02/2027", None),
        ("29/02", None),  # no 29 February before next year's runs out
        ("31 Nov", None),
        ("24/13/2026", None),
        ("0/11/2026", None),
        ("24 Novembre 2026", None),
        ("Senin, 24 Okt", None),  # 24 October 2026 is a Saturday
        ("24/11-2026", None),  # mixed separators
        ("kemarin", None),
        ("", None),
        ("24", None),
    ],
)
def test_parse_date(typed: str, expected: date | None) -> None:
    assert parse_date(typed, TODAY) == expected


def test_leap_day_without_a_year_lands_in_the_coming_leap_year() -> None:
    assert parse_date("29/02", date(2028, 1, 10)) == date(2028, 2, 29)


def test_words_cross_month_and_year_ends() -> None:
    assert parse_date("besok", date(2026, 12, 31)) == date(2027, 1, 1)
    assert parse_date("lusa", date(2028, 2, 28)) == date(2028, 3, 1)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("09.00", time(9, 0)),
        ("9.00", time(9, 0)),
        ("9:00", time(9, 0)),
        ("09:30", time(9, 30)),
        ("09:30:00", time(9, 30)),  # spreadsheets export seconds
        ("9", time(9, 0)),
        ("14", time(14, 0)),
        ("0", time(0, 0)),
        ("23.59", time(23, 59)),
        ("jam 9", time(9, 0)),
        ("Jam 09.00", time(9, 0)),
        ("pukul 14.30", time(14, 30)),
        ("pkl. 14.30", time(14, 30)),
        ("09.00 WIB", time(9, 0)),
        ("9 pagi", time(9, 0)),
        ("jam 10 pagi", time(10, 0)),
        ("11 siang", time(11, 0)),
        ("12 siang", time(12, 0)),
        ("2 siang", time(14, 0)),
        ("1.30 siang", time(13, 30)),
        ("14.00 siang", time(14, 0)),
        ("4 sore", time(16, 0)),
        ("16.30 sore", time(16, 30)),
        ("7 malam", time(19, 0)),
        ("pukul 7.30 malam", time(19, 30)),
        ("sore jam 4", time(16, 0)),  # the part of the day may come first
        ("pagi jam 9.30", time(9, 30)),
        ("19.00 malam", time(19, 0)),
        ("9am", time(9, 0)),
        ("2 pm", time(14, 0)),
        ("12pm", time(12, 0)),
        # refused
        ("25.00", None),
        ("24.00", None),
        ("9.75", None),
        ("9.5", None),
        ("14 pagi", None),
        ("9 siang", None),
        ("12 malam", None),
        ("2 malam", None),
        ("13 pm", None),
        ("pagi jam 9 malam", None),  # two parts of the day that disagree
        ("sore 4", None),  # a leading part needs `jam`
        ("jam", None),
        ("sembilan", None),
        ("", None),
    ],
)
def test_parse_time(typed: str, expected: time | None) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("30", 30),
        (" 1 ", 1),
        ("500", 500),
        ("25 orang", 25),
        ("40 peserta", 40),
        ("0", None),
        ("501", None),
        ("-5", None),
        ("1.000", None),
        ("20.5", None),
        ("tiga puluh", None),
        ("", None),
    ],
)
def test_parse_capacity(typed: str, expected: int | None) -> None:
    assert parse_capacity(typed) == expected


@pytest.mark.parametrize(
    ("day", "at", "expected"),
    [
        (date(2026, 11, 24), time(9, 0), datetime(2026, 11, 24, 2, 0, tzinfo=UTC)),
        (date(2026, 11, 24), time(14, 30), datetime(2026, 11, 24, 7, 30, tzinfo=UTC)),
        # before 07:00 in Jakarta it is still the previous day in UTC
        (date(2027, 1, 1), time(6, 0), datetime(2026, 12, 31, 23, 0, tzinfo=UTC)),
    ],
)
def test_jakarta_wall_clock_becomes_utc(day: date, at: time, expected: datetime) -> None:
    moment = to_utc(day, at)
    assert moment == expected
    assert moment.utcoffset() is not None and moment.tzinfo is UTC
