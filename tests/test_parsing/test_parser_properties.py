"""Any text at all, typed into any pure parser, gets a value or a refusal: never an exception.

The parsers with property tests of their own (prices, dates, areas, NIB…) keep them
beside their tables; these cover the rest: phones, names, times and seat counts, dates
with a time, and the strict ids read from button data.
"""

from __future__ import annotations

import re
from datetime import date, time

from hypothesis import example, given
from hypothesis import strategies as st

from bot.ascii_numbers import MAX_ROW_ID, parse_row_id, read_ascii_int
from bot.names import parse_business_name, parse_person_name
from bot.phones import display_phone, parse_indonesian_mobile
from bot.schedule_input import (
    MAX_CAPACITY,
    MIN_CAPACITY,
    DateTimeReading,
    parse_capacity,
    parse_time,
    read_date_and_time,
)

ODD = st.sampled_from(
    ["", " ", "\x00", "²", "٣", "１２", "+62", "0812", "\u200b", "\ud800", "🇮🇩", "\n", "-", "."]
)
TYPED = st.one_of(
    st.text(max_size=80),
    st.lists(
        st.sampled_from(["besok", "sabtu", "depan", "jam", "9", "2", "siang", "24/11", "des", "²"]),
        max_size=5,
    ).map(" ".join),
    st.lists(st.one_of(ODD, st.text(alphabet="0123456789 +-().", max_size=6)), max_size=8).map(
        "".join
    ),
)
TODAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2035, 12, 31))
E164_MOBILE = re.compile(r"\+628[0-9]{7,11}")


@given(TYPED)
@example("0812-3456-7890")
@example("62²812345678")
@example("+62 812 3456 7890 ext 5")
def test_any_text_gives_a_mobile_number_or_none(typed: str) -> None:
    phone = parse_indonesian_mobile(typed)
    if phone is not None:
        assert E164_MOBILE.fullmatch(phone), phone
        assert parse_indonesian_mobile(phone) == phone, "a stored number reads back as itself"
        assert parse_indonesian_mobile(display_phone(phone)) == phone


@given(TYPED)
@example("Siti\x00 Aminah")
@example("ʼ" * 3)
def test_any_text_gives_a_person_name_or_none(typed: str) -> None:
    name = parse_person_name(typed)
    if name is not None:
        assert 3 <= len(name) <= 80
        assert not any(ch.isdigit() for ch in name)
        assert name == name.strip() and "  " not in name
        assert parse_person_name(name) is not None, "a stored name is still a name"


@given(TYPED)
@example("Warung\u202eBu Siti")
def test_any_text_gives_a_business_name_or_none(typed: str) -> None:
    name = parse_business_name(typed)
    if name is not None:
        assert 2 <= len(name) <= 80
        assert sum(ch.isalnum() for ch in name) >= 2
        assert parse_business_name(name) == name


@given(TYPED)
@example("jam ²")
@example("25.61")
def test_any_text_gives_a_clock_time_or_none(typed: str) -> None:
    assert isinstance(parse_time(typed), time | None)


@given(TYPED)
@example("²")
@example("9" * 40)
def test_any_text_gives_a_seat_count_or_none(typed: str) -> None:
    seats = parse_capacity(typed)
    assert seats is None or MIN_CAPACITY <= seats <= MAX_CAPACITY


@given(TYPED, TODAYS)
@example("besok jam ²", date(2026, 11, 23))
@example("31/2 jam 9", date(2026, 11, 23))
@example("besok jam 9", date(2026, 11, 23))
def test_any_text_gives_a_date_with_or_without_time_or_none(typed: str, today: date) -> None:
    reading = read_date_and_time(typed, today)
    assert isinstance(reading, DateTimeReading | None)
    if reading is not None:
        assert isinstance(reading.reading.day, date)
        assert isinstance(reading.at, time | None)


@given(st.one_of(st.text(max_size=30), st.integers(min_value=-10, max_value=2**70).map(str)))
@example("99999999999999999999")
@example("²")
@example("0")
def test_any_button_argument_gives_a_row_id_or_none(text: str) -> None:
    row = parse_row_id(text)
    assert row is None or 1 <= row <= MAX_ROW_ID
    if row is not None:
        assert text.isascii()


@given(st.text(max_size=25), st.integers(0, 20), st.integers(0, 20))
def test_a_bounded_number_stays_in_its_bounds(text: str, low: int, high: int) -> None:
    value = read_ascii_int(text, low=low, high=high)
    assert value is None or low <= value <= high
