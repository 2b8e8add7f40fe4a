"""CSV files handed to people: readable in Excel, and never a formula someone typed."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.spreadsheet import csv_bytes

BOM = b"\xef\xbb\xbf"


def read_back(data: bytes) -> list[list[str]]:
    """The rows as a spreadsheet-minded reader sees them."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://evil.example","klik")', '\'=HYPERLINK("http://evil.example","klik")'),
        ("=1+1", "'=1+1"),
        ("+6281234567890", "'+6281234567890"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-", "'-"),
        ("-Rp5.000", "'-Rp5.000"),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("Siti = juara", "Siti = juara"),
        ("Keripik, pedas", "Keripik, pedas"),
        ('Kue "Lapis"', 'Kue "Lapis"'),
        ("baris satu\nbaris dua", "baris satu\nbaris dua"),
        ("Sate Padang – Uda", "Sate Padang – Uda"),
        ("-5000", "-5000"),
        ("15000", "15000"),
        ("-1.5", "-1.5"),
        ("", ""),
    ],
)
def test_text_cell_that_would_run_as_a_formula_is_neutralised(cell: str, written: str) -> None:
    assert read_back(csv_bytes(["isi"], [[cell]])) == [["isi"], [written]]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (-5000, "-5000"),
        (15000, "15000"),
        (Decimal("-5000"), "-5000"),
        (Decimal("1E+3"), "1000"),
        (Decimal("12.50"), "12.50"),
        (-1.5, "-1.5"),
        (None, ""),
        (True, "TRUE"),
        (date(2026, 11, 24), "2026-11-24"),
    ],
)
def test_numbers_stay_numbers(value: object, written: str) -> None:
    assert read_back(csv_bytes(["jumlah"], [[value]])) == [["jumlah"], [written]]


def test_file_starts_with_a_bom_and_uses_excel_line_ends() -> None:
    data = csv_bytes(["Nama", "Jumlah"], [["Açaí", 15000]])
    assert data.startswith(BOM)
    assert data == BOM + "Nama,Jumlah\r\nAçaí,15000\r\n".encode()


def test_header_is_neutralised_too() -> None:
    assert read_back(csv_bytes(["=nama"], [])) == [["'=nama"]]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


@given(
    st.lists(st.text(), min_size=1, max_size=4),
    st.lists(st.lists(st.one_of(st.text(), st.integers()), min_size=1, max_size=4), max_size=5),
)
def test_any_cells_read_back_safe_and_unchanged_but_for_the_quote(
    header: list[str], rows: list[list[str | int]]
) -> None:
    data = csv_bytes(header, rows)
    assert data.startswith(BOM)
    read = read_back(data)
    assert len(read) == len(rows) + 1
    typed_rows: list[list[str | int]] = [list(header), *rows]
    for typed_row, read_row in zip(typed_rows, read, strict=True):
        for typed, cell in zip(typed_row, read_row, strict=True):
            if isinstance(typed, int):
                assert cell == str(typed)
            elif typed.startswith(FORMULA_STARTS) and cell != typed:
                assert cell == "'" + typed
            else:
                assert cell == typed
                assert not typed.startswith(FORMULA_STARTS) or PLAIN_NUMBER.fullmatch(typed)
