"""Phone numbers as Indonesians type them."""

import pytest

from bot.phones import display_phone, parse_indonesian_mobile


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
