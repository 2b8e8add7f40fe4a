"""`okoce-bot sessions import FILE` as an operator runs it, wrong files included."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.cli import okoce_env, run_cli

HEADER = "kind,topic,kecamatan,venue_name,venue_address,map_url,date,start,end,capacity,coach"


def _row(day_offset: int = 10, venue: str = "Kantor Kecamatan Tebet") -> str:
    day = (date.today() + timedelta(days=day_offset)).strftime("%d/%m/%Y")
    return f'clinic,P1,Tebet,{venue},"Jl. Prof. Dr. Soepomo No. 50",,{day},09.00,12.00,30,'


def _import(tmp_path: Path, file: Path, **settings: str) -> tuple[int, list[str], str]:
    done = run_cli(
        ["sessions", "import", str(file)], okoce_env(tmp_path / "var", **settings), cwd=tmp_path
    )
    assert "Traceback" not in done.stderr + done.stdout
    return done.returncode, done.stderr.strip().splitlines(), done.stdout


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)), "not a text file"),
        (
            HEADER.encode() + b"\nclinic,P1,Tebet,Caf\xe9 Tebet,Jl. Tebet,,1/1/2027,9,12,30,\n",
            "not UTF-8",
        ),
        ("kind;topic\n".encode("utf-16"), "not a text file"),
    ],
    ids=["an xlsx (binary)", "Windows-1252", "UTF-16"],
)
def test_a_file_that_is_not_utf8_csv_gets_one_line(
    tmp_path: Path, content: bytes, says: str
) -> None:
    file = tmp_path / "jadwal.csv"
    file.write_bytes(content)
    status, lines, _ = _import(tmp_path, file)
    assert status == 1
    assert len(lines) == 1 and says in lines[0] and str(file) in lines[0]


def test_a_missing_file_gets_one_line(tmp_path: Path) -> None:
    status, lines, _ = _import(tmp_path, tmp_path / "jadwal-desember.csv")
    assert (status, len(lines)) == (1, 1)
    assert "no such file" in lines[0]


def test_a_folder_gets_one_line(tmp_path: Path) -> None:
    status, lines, _ = _import(tmp_path, tmp_path)
    assert (status, len(lines)) == (1, 1)
    assert "is a folder" in lines[0]


def test_a_file_over_the_row_cap_is_refused_whole(tmp_path: Path) -> None:
    file = tmp_path / "jadwal.csv"
    rows = [_row(venue=f"Pos OK OCE {n}") for n in range(6)]
    file.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    status, lines, stdout = _import(tmp_path, file, import_max_rows="5")
    assert status == 1
    assert any(
        line.endswith(":7: more than 5 sessions in one file; split it into smaller files")
        for line in lines
    ), lines
    assert "imported" not in stdout


def test_a_row_repeated_exactly_is_refused_with_its_first_line(tmp_path: Path) -> None:
    file = tmp_path / "jadwal.csv"
    file.write_text("\n".join([HEADER, _row(), _row(12), _row()]) + "\n", encoding="utf-8")
    status, lines, _ = _import(tmp_path, file)
    assert status == 1
    assert any(line.endswith(":4: repeats line 2") for line in lines), lines


def test_a_good_file_is_imported(tmp_path: Path) -> None:
    file = tmp_path / "jadwal.csv"
    file.write_text("\ufeff" + "\n".join([HEADER, _row(), _row(12)]) + "\n", encoding="utf-8")
    status, _, stdout = _import(tmp_path, file)
    assert status == 0
    assert "imported 2 session(s)" in stdout
