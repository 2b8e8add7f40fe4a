"""Phone numbers as Indonesians type them."""

import pytest

from bot.phones import (
    PhoneProblem,
    PhoneReading,
    display_phone,
    parse_indonesian_mobile,
    read_indonesian_mobile,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("62 812-3456-7890", "+6281234567890"),
        ("081234567890", "+6281234567890"),
        ("0857 1234 5678", "+6285712345678"),
        ("(0812) 3456 7890", "+6281234567890"),
        ("021-5551234", None),  # Jakarta landline, not a mobile
        ("+62 21 5551234", None),
        ("+1 202 555 0100", None),  # not Indonesian
        ("08123", None),
        ("abc", None),
        ("", None),
        ("0812" * 20, None),
    ],
)
def test_parse_indonesian_mobile(typed: str, expected: str | None) -> None:
    assert parse_indonesian_mobile(typed) == expected


def test_display_phone_reads_like_a_local_number() -> None:
    assert display_phone("+6281234567890") == "0812-3456-7890"


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("021-5551234", PhoneProblem.LANDLINE),
        ("(021) 7654321", PhoneProblem.LANDLINE),
        ("+62 21 5551234", PhoneProblem.LANDLINE),
        ("021 555", PhoneProblem.TOO_SHORT),
        ("0812-345", PhoneProblem.TOO_SHORT),
        ("0811-1111", PhoneProblem.TOO_SHORT),
        ("081234567890123", PhoneProblem.TOO_LONG),
        ("0812" * 20, PhoneProblem.TOO_LONG),
        ("+65 9123 4567", PhoneProblem.NOT_INDONESIAN),
        ("+1 202 555 0123", PhoneProblem.NOT_INDONESIAN),
        ("0800-1-500-000", PhoneProblem.NOT_MOBILE),  # toll-free
        ("abc", PhoneProblem.NOT_A_NUMBER),
        ("", PhoneProblem.NOT_A_NUMBER),
    ],
)
def test_a_refused_number_says_why(typed: str, problem: PhoneProblem) -> None:
    assert read_indonesian_mobile(typed) == PhoneReading(problem=problem)


def test_a_mobile_number_has_no_problem() -> None:
    assert read_indonesian_mobile("0812 3456 7890") == PhoneReading(e164="+6281234567890")
