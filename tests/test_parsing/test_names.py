"""Names of people and businesses."""

import pytest

from bot.names import parse_business_name, parse_person_name


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Siti Aminah", "Siti Aminah"),
        ("  siti   aminah ", "Siti Aminah"),
        ("BUDI SANTOSO", "Budi Santoso"),
        ("M. Ridwan", "M. Ridwan"),
        ("Dewi O'Neil", "Dewi O'Neil"),
        ("Budi", "Budi"),
        ("ab", None),
        ("Budi123", None),
        ("😀😀😀", None),
        ("-- --", None),
        ("x" * 81, None),
    ],
)
def test_parse_person_name(typed: str, expected: str | None) -> None:
    assert parse_person_name(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Warung Bu Siti", "Warung Bu Siti"),
        ("Kopi 99", "Kopi 99"),
        ("Toko 🍜 Enak", "Toko 🍜 Enak"),
        ("😀", None),
        ("A", None),
        ("x" * 81, None),
    ],
)
def test_parse_business_name(typed: str, expected: str | None) -> None:
    assert parse_business_name(typed) == expected
