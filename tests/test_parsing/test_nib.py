"""NIB numbers (Nomor Induk Berusaha from OSS) as people type or paste them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.nib import NIB_LENGTH, parse_nib


@pytest.mark.parametrize(
    ("typed", "nib"),
    [
        ("9120001234567", "9120001234567"),
        ("  9120001234567  ", "9120001234567"),
        ("9120 0012 34567", "9120001234567"),
        ("9120  0012 34567", "9120001234567"),
        ("9120.0012.34567", "9120001234567"),
        ("9120-0012-3456-7", "9120001234567"),
        ("9 1 2 0 0 0 1 2 3 4 5 6 7", "9120001234567"),
        ("0220001234567", "0220001234567"),
    ],
)
def test_thirteen_digits_with_separators_are_an_nib(typed: str, nib: str) -> None:
    assert parse_nib(typed) == nib


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "912000123456",  # 12 digits
        "91200012345678",  # 14 digits
        "912000123456A",
        "NIB 9120001234567",
        "0000000000000",
        "0000-0000-00000",
        "9120..0012.34567",
        "-9120001234567",
        "9120001234567.",
        "9120/0012/34567",
        "٩١٢٠٠٠١٢٣٤٥٦٧",  # Arabic-Indic digits
    ],
)
def test_anything_else_is_not_an_nib(typed: str) -> None:
    assert parse_nib(typed) is None


@given(st.text())
def test_any_text_gives_thirteen_digits_or_nothing(typed: str) -> None:
    nib = parse_nib(typed)
    assert nib is None or (len(nib) == NIB_LENGTH and nib.isascii() and nib.isdigit())


@given(
    st.text(alphabet="0123456789", min_size=NIB_LENGTH, max_size=NIB_LENGTH),
    st.lists(st.sampled_from(["", " ", ".", "-"]), min_size=NIB_LENGTH, max_size=NIB_LENGTH),
)
def test_digits_with_any_single_separators_read_back(digits: str, separators: list[str]) -> None:
    typed = "".join(digit + sep for digit, sep in zip(digits, separators, strict=True))
    expected = None if set(digits) == {"0"} else digits
    assert parse_nib(typed.rstrip(" .-")) == expected
