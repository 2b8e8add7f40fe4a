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
        ("A.B. Susanto", "A.B. Susanto"),
        ("Evil.com", None),
        ("Bit.Ly Siti", None),
        ("siti.aminah", None),
        ("M.Yusuf", None),
        ("Siti \u0410minah", None),  # a Cyrillic А
        ("Budi Sant\u03bfso", None),  # a Greek ο
        ("\u0421\u0435\u0440\u0433\u0435\u0439", "\u0421\u0435\u0440\u0433\u0435\u0439"),
        ("Açaí Wulandari", "Açaí Wulandari"),
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
        ("Kopi 2.0", "Kopi 2.0"),
        ("Rp.5000 Sehari", "Rp.5000 Sehari"),
        ("Açaí Bowl", "Açaí Bowl"),
        ("Warung Evil.com", None),
        ("Toko bit.ly/promo", None),
        ("www Warung", "www Warung"),
        ("https://warung", None),
        ("Warung Bu S\u0456ti", None),  # a Cyrillic і
    ],
)
def test_parse_business_name(typed: str, expected: str | None) -> None:
    assert parse_business_name(typed) == expected
