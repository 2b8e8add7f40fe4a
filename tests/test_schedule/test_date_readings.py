"""Dates (and times) staff type when scheduling from a phone, and what to ask them back."""

from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.areas import jakarta_areas
from bot.schedule_import import parse_schedule
from bot.schedule_input import (
    DateConcern,
    DateReading,
    DateTimeReading,
    parse_date,
    parse_time,
    read_date,
    read_date_and_time,
)

TUESDAY = date(2026, 12, 1)  # six months ahead is 1 June 2027
NEAR_YEAR_END = date(2026, 12, 28)  # a Monday; six months ahead is 28 June 2027

PAST = DateConcern.PAST
FAR = DateConcern.FAR_AHEAD
MISMATCH = DateConcern.WEEKDAY_MISMATCH
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def on(
    year: int,
    month: int,
    day: int,
    concern: DateConcern | None = None,
    typed: int | None = None,
    alternative: date | None = None,
) -> DateReading:
    return DateReading(date(year, month, day), concern, typed, alternative)


@pytest.mark.parametrize(
    ("today", "typed", "expected"),
    [
        # day words
        (TUESDAY, "hari ini", on(2026, 12, 1)),
        (TUESDAY, "besok", on(2026, 12, 2)),
        (TUESDAY, "Besok.", on(2026, 12, 2)),
        (TUESDAY, "bsk", on(2026, 12, 2)),
        (TUESDAY, "lusa", on(2026, 12, 3)),
        (NEAR_YEAR_END, "lusa", on(2026, 12, 30)),
        # a weekday alone: the coming one, today included
        (TUESDAY, "sabtu", on(2026, 12, 5, typed=SAT)),
        (TUESDAY, "Sabtu", on(2026, 12, 5, typed=SAT)),
        (TUESDAY, "hari sabtu", on(2026, 12, 5, typed=SAT)),
        (TUESDAY, "sabtu ini", on(2026, 12, 5, typed=SAT)),
        (TUESDAY, "selasa", on(2026, 12, 1, typed=TUE)),  # today
        (TUESDAY, "senin", on(2026, 12, 7, typed=MON)),
        (TUESDAY, "jumat", on(2026, 12, 4, typed=FRI)),
        (TUESDAY, "jum'at", on(2026, 12, 4, typed=FRI)),
        (TUESDAY, "minggu", on(2026, 12, 6, typed=SUN)),  # plain `minggu` is Sunday
        (TUESDAY, "hari minggu", on(2026, 12, 6, typed=SUN)),
        (TUESDAY, "ahad", on(2026, 12, 6, typed=SUN)),
        (NEAR_YEAR_END, "minggu", on(2027, 1, 3, typed=SUN)),
        # `depan`: that weekday of next week (weeks run Monday to Sunday)
        (TUESDAY, "sabtu depan", on(2026, 12, 12, typed=SAT)),
        (TUESDAY, "sabtu minggu depan", on(2026, 12, 12, typed=SAT)),
        (TUESDAY, "sabtu pekan depan", on(2026, 12, 12, typed=SAT)),
        (TUESDAY, "selasa depan", on(2026, 12, 8, typed=TUE)),
        (TUESDAY, "senin depan", on(2026, 12, 7, typed=MON)),
        (TUESDAY, "hari minggu depan", on(2026, 12, 13, typed=SUN)),
        (TUESDAY, "minggu minggu depan", on(2026, 12, 13, typed=SUN)),
        (NEAR_YEAR_END, "sabtu depan", on(2027, 1, 9, typed=SAT)),
        # `minggu depan` / `minggu ini` is next/this week: no day, so ask again
        (TUESDAY, "minggu depan", None),
        (TUESDAY, "minggu ini", None),
        (TUESDAY, "pekan depan", None),
        # day and month
        (TUESDAY, "6 des", on(2026, 12, 6)),
        (TUESDAY, "6 Desember", on(2026, 12, 6)),
        (TUESDAY, "6/12", on(2026, 12, 6)),
        (TUESDAY, "6-12-2026", on(2026, 12, 6)),
        (TUESDAY, "Minggu, 6 Des", on(2026, 12, 6, typed=SUN)),
        (TUESDAY, "tanggal 6 des", on(2026, 12, 6)),
        (TUESDAY, "tgl 6/12", on(2026, 12, 6)),
        (TUESDAY, "Minggu, tgl 6 Des.", on(2026, 12, 6, typed=SUN)),
        # a day of the month alone: the coming one
        (TUESDAY, "tgl 6", on(2026, 12, 6)),
        (TUESDAY, "tgl. 6", on(2026, 12, 6)),
        (TUESDAY, "tanggal 6", on(2026, 12, 6)),
        (TUESDAY, "tgl 1", on(2026, 12, 1)),  # today
        (TUESDAY, "tgl 31", on(2026, 12, 31)),
        (NEAR_YEAR_END, "tgl 6", on(2027, 1, 6)),
        (date(2027, 1, 31), "tgl 30", on(2027, 3, 30)),  # February has no 30th
        (TUESDAY, "tgl 0", None),
        (TUESDAY, "tgl 32", None),
        (TUESDAY, "6", None),  # a bare number is not a date
        # across the year end, quietly: 6 Jan is nine days away
        (NEAR_YEAR_END, "6 jan", on(2027, 1, 6)),
        (NEAR_YEAR_END, "6/1", on(2027, 1, 6)),
        (NEAR_YEAR_END, "28 jun", on(2027, 6, 28)),  # exactly six months
        # passed: questioned, never silently moved to next year
        (TUESDAY, "30 nov", on(2026, 11, 30, PAST, alternative=date(2027, 11, 30))),
        (TUESDAY, "30/11", on(2026, 11, 30, PAST, alternative=date(2027, 11, 30))),
        (TUESDAY, "30/11/2026", on(2026, 11, 30, PAST)),
        (TUESDAY, "senin 30 nov", on(2026, 11, 30, PAST, MON, date(2027, 11, 30))),
        (NEAR_YEAR_END, "27 des", on(2026, 12, 27, PAST, alternative=date(2027, 12, 27))),
        (NEAR_YEAR_END, "6 jan 2026", on(2026, 1, 6, PAST)),
        (TUESDAY, "24 nov 20", on(2020, 11, 24, PAST)),
        # the coming one is over six months off: read as the last one, with the other
        (TUESDAY, "1 jun", on(2027, 6, 1)),  # exactly six months is still fine
        (TUESDAY, "2 jun", on(2026, 6, 2, PAST, alternative=date(2027, 6, 2))),
        (NEAR_YEAR_END, "30 jun", on(2026, 6, 30, PAST, alternative=date(2027, 6, 30))),
        # far ahead, with the year typed
        (TUESDAY, "2/6/2027", on(2027, 6, 2, FAR)),
        (TUESDAY, "6 des 2027", on(2027, 12, 6, FAR)),
        (TUESDAY, "2030-01-01", on(2030, 1, 1, FAR)),
        # a weekday that is not the date's: 6 Dec 2026 is a Sunday
        (TUESDAY, "Sabtu, 6 Des", on(2026, 12, 6, MISMATCH, SAT)),
        (TUESDAY, "sabtu 6 des 2026", on(2026, 12, 6, MISMATCH, SAT)),
        (TUESDAY, "sabtu tgl 6", on(2026, 12, 6, MISMATCH, SAT)),
        (TUESDAY, "sabtu 30 nov", on(2026, 11, 30, MISMATCH, SAT, date(2027, 11, 30))),
        # not dates at all
        (TUESDAY, "31 nov", None),
        (TUESDAY, "29/02", None),
        (TUESDAY, "kemarin", None),
        (TUESDAY, "sabtuu", None),
        (TUESDAY, "6 desmber", None),
        (TUESDAY, "", None),
    ],
)
def test_read_date(today: date, typed: str, expected: DateReading | None) -> None:
    assert read_date(typed, today) == expected


def test_a_weekday_mismatch_names_both_weekdays() -> None:
    reading = read_date("sabtu 6 des 2026", TUESDAY)
    assert reading is not None
    assert reading.concern is DateConcern.WEEKDAY_MISMATCH
    assert (reading.weekday, reading.typed_weekday) == (SUN, SAT)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("sabtu 2 siang", DateTimeReading(on(2026, 12, 5, typed=SAT), time(14, 0))),
        ("besok jam 9", DateTimeReading(on(2026, 12, 2), time(9, 0))),
        ("Besok, jam 09.00", DateTimeReading(on(2026, 12, 2), time(9, 0))),
        ("jam 9 besok", DateTimeReading(on(2026, 12, 2), time(9, 0))),
        ("besok sore jam 4", DateTimeReading(on(2026, 12, 2), time(16, 0))),
        ("besok pagi jam 9", DateTimeReading(on(2026, 12, 2), time(9, 0))),
        ("6/12 09.00", DateTimeReading(on(2026, 12, 6), time(9, 0))),
        ("besok 2 p.m.", DateTimeReading(on(2026, 12, 2), time(14, 0))),
        ("6 des pukul 13.30", DateTimeReading(on(2026, 12, 6), time(13, 30))),
        ("tgl 6 jam 14.00 WIB", DateTimeReading(on(2026, 12, 6), time(14, 0))),
        ("sabtu depan jam 10 pagi", DateTimeReading(on(2026, 12, 12, typed=SAT), time(10, 0))),
        (
            "24 nov 20 wib",
            DateTimeReading(on(2026, 11, 24, PAST, None, date(2027, 11, 24)), time(20, 0)),
        ),
        (
            "Sabtu, 6 Des, jam 2 siang",
            DateTimeReading(on(2026, 12, 6, MISMATCH, SAT), time(14, 0)),
        ),
        # a date alone: no time in the reading
        ("besok", DateTimeReading(on(2026, 12, 2))),
        ("6 des 2026", DateTimeReading(on(2026, 12, 6))),
        ("24 nov 20", DateTimeReading(on(2020, 11, 24, PAST))),  # `20` is the year
        # refused
        ("besok 9", None),  # a bare number beside a date is not clearly a time
        ("jam 9", None),  # a time alone is no date
        ("besok jam 25", None),
        ("besok pagi", None),
        ("minggu depan jam 9", None),
        ("besok jam 9 pagi malam", None),
        ("", None),
    ],
)
def test_read_date_and_time(typed: str, expected: DateTimeReading | None) -> None:
    assert read_date_and_time(typed, TUESDAY) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("tgl 6", date(2026, 12, 6)),
        ("sabtu", date(2026, 12, 5)),
        ("30 nov", date(2026, 11, 30)),  # past, so the importer refuses it
        ("6/12/2027", date(2027, 12, 6)),  # far ahead is the importer's call
        ("Sabtu, 6 Des", None),  # a wrong weekday is still no date
    ],
)
def test_parse_date_gives_the_reading_without_questions(typed: str, expected: date | None) -> None:
    assert parse_date(typed, TUESDAY) == expected


def test_csv_import_refuses_a_yearless_date_that_has_passed() -> None:
    header = "kind,topic,kecamatan,venue_name,venue_address,date,start,end,capacity"
    text = f"{header}\nclinic,P1,Tebet,Kantor Kecamatan,Jl. Soepomo 50,30 Nov,09.00,11.00,30\n"
    result = parse_schedule(text, today=TUESDAY, areas=jakarta_areas())
    assert result.rows == []
    assert [(error.column, "already passed" in error.message) for error in result.errors] == [
        ("date", True)
    ]


# Properties over arbitrary text and days.

TODAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
WEEKDAY_NAMES = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")


@given(st.text(max_size=60), TODAYS)
def test_any_text_reads_as_a_date_or_nothing(typed: str, today: date) -> None:
    reading = read_date(typed, today)
    assert reading is None or isinstance(reading.day, date)
    both = read_date_and_time(typed, today)
    assert both is None or isinstance(both.reading, DateReading)
    assert parse_date(typed, today) in (None, reading.day if reading else None)
    assert parse_time(typed) is None or isinstance(parse_time(typed), time)


@given(
    st.lists(
        st.sampled_from(["sabtu", "jam", "9", "2", "siang", "des", "tgl", ",", "/"]), max_size=14
    ),
    TODAYS,
)
def test_any_mix_of_date_words_reads_or_refuses(words: list[str], today: date) -> None:
    both = read_date_and_time(" ".join(words), today)
    assert both is None or isinstance(both.reading.day, date)


# Six calendar months are 181 to 184 days.
@given(TODAYS, st.integers(min_value=0, max_value=181))
def test_a_day_within_six_months_is_read_back_quietly(today: date, ahead: int) -> None:
    day = today + timedelta(days=ahead)
    for typed in (f"{day.day}/{day.month}/{day.year}", f"{day.day}/{day.month}"):
        assert read_date(typed, today) == DateReading(day)


@given(TODAYS, st.integers(min_value=185, max_value=3000))
def test_a_typed_date_over_six_months_ahead_is_questioned(today: date, ahead: int) -> None:
    day = today + timedelta(days=ahead)
    reading = read_date(f"{day.day}/{day.month}/{day.year}", today)
    assert reading is not None and (reading.day, reading.concern) == (day, FAR)


@given(TODAYS, st.integers(min_value=1, max_value=3000))
def test_a_typed_past_date_is_questioned(today: date, back: int) -> None:
    day = today - timedelta(days=back)
    reading = read_date(day.isoformat(), today)
    assert reading is not None and (reading.day, reading.concern) == (day, PAST)


@given(TODAYS, st.integers(min_value=-400, max_value=400), st.sampled_from(range(7)))
def test_the_weekday_typed_must_be_the_dates(today: date, offset: int, typed: int) -> None:
    day = today + timedelta(days=offset)
    reading = read_date(f"{WEEKDAY_NAMES[typed]}, {day.day}/{day.month}/{day.year}", today)
    assert reading is not None and reading.day == day
    assert (reading.concern is MISMATCH) == (typed != day.weekday())


@given(TODAYS, st.sampled_from(range(7)))
def test_weekday_words_land_in_this_or_next_week(today: date, weekday: int) -> None:
    coming = read_date(WEEKDAY_NAMES[weekday], today)
    assert coming is not None and coming.concern is None and coming.weekday == weekday
    assert 0 <= (coming.day - today).days <= 6
    next_week = read_date(f"{WEEKDAY_NAMES[weekday]} minggu depan", today)
    next_monday = today + timedelta(days=7 - today.weekday())
    assert next_week is not None and next_week.weekday == weekday
    assert next_monday <= next_week.day <= next_monday + timedelta(days=6)
