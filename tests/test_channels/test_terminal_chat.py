"""`okoce-bot chat` driven on standard input, as an operator would use it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

CLI = [sys.executable, "-c", "from wiring.cli import main; main()"]


def _chat(data_dir: Path, lines: list[str], *extra: str) -> str:
    env = {
        **os.environ,
        "OKOCE_DATA_DIR": str(data_dir),
        "OKOCE_DATABASE_URL": "",
        "OKOCE_TELEGRAM_TOKEN": "",
        "OKOCE_LOG_LEVEL": "WARNING",
    }
    done = subprocess.run(
        [*CLI, "chat", *extra],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    return done.stdout


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "var"


def test_registration_through_the_terminal_chat(data_dir: Path) -> None:
    out = _chat(
        data_dir,
        [
            "halo",
            "1",  # Daftar OK OCE
            "1",  # Setuju
            "siti aminah",
            "/kontak 0812-3456-7890",
            "cengkarng",  # a typo, still Cengkareng
            "Rawa Buaya",
            "2",  # Masih ide
            "3",  # Kriya
            "1",  # Simpan
        ],
    )
    assert "  1. 📝 Daftar OK OCE" in out
    assert "(atau ketik /kontak NOMOR)" in out
    assert "Nomor 0812-3456-7890 dicatat." in out
    assert "Wilayah: Kel. Rawa Buaya, Kec. Cengkareng, Jakarta Barat" in out
    assert "Nomor anggota: OK-317301-000001" in out
    assert (data_dir / "okoce.db").exists()


def test_terminal_chat_resumes_after_a_restart(data_dir: Path) -> None:
    _chat(data_dir, ["halo", "1", "1", "Budi Santoso"])
    out = _chat(data_dir, ["081299998888"])
    assert "Nomor 0812-9999-8888 dicatat." in out
    assert "kecamatan mana" in out


def test_a_missing_photo_file_is_reported_not_fatal(data_dir: Path) -> None:
    out = _chat(data_dir, ["/foto /no/such/file.jpg", "menu"])
    assert "File foto tidak bisa dibuka" in out
    assert "Menu utama" in out


def test_db_upgrade_creates_the_schema(data_dir: Path) -> None:
    import sqlite3

    env = {**os.environ, "OKOCE_DATA_DIR": str(data_dir), "OKOCE_DATABASE_URL": ""}
    subprocess.run([*CLI, "db", "upgrade"], env=env, check=True, timeout=60, capture_output=True)
    tables = (
        sqlite3.connect(data_dir / "okoce.db").execute("SELECT name FROM sqlite_master").fetchall()
    )
    assert {"members", "channel_accounts", "processed_events", "alembic_version"} <= {
        t[0] for t in tables
    }
