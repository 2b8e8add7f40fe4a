"""`okoce-bot chat` driven on standard input, as an operator would use it."""

import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from tests.cli import okoce_env, run_cli


def _chat(data_dir: Path, lines: list[str], *extra: str) -> str:
    done = run_cli(
        ["chat", *extra], okoce_env(data_dir), cwd=data_dir.parent, stdin="\n".join(lines) + "\n"
    )
    assert done.returncode == 0, done.stderr
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


def test_a_product_photo_with_its_caption_is_published_from_the_terminal(
    data_dir: Path, tmp_path: Path
) -> None:
    photo = tmp_path / "keripik balado.jpg"  # a space in the name, as phones name files
    Image.new("RGB", (800, 600), (200, 120, 40)).save(photo, "JPEG")
    registration = ["halo", "1", "1", "siti aminah", "/kontak 0812-3456-7890", "tebet"]
    registration += ["manggarai", "2", "1", "1"]
    out = _chat(data_dir, [*registration, f"/foto {photo} Keripik Balado 15rb", "camilan", "1"])
    assert "Keripik Balado" in out and "Rp15.000" in out
    assert "✅ Produk Anda sudah tayang" in out
    out = _chat(data_dir, [f"/foto {photo}"])  # the whole rest is the path: no caption
    assert "File foto tidak bisa dibuka" not in out


def test_db_upgrade_creates_the_schema(data_dir: Path) -> None:
    done = run_cli(["db", "upgrade"], okoce_env(data_dir), cwd=data_dir.parent)
    assert done.returncode == 0, done.stderr
    tables = (
        sqlite3.connect(data_dir / "okoce.db").execute("SELECT name FROM sqlite_master").fetchall()
    )
    assert {"members", "channel_accounts", "processed_events", "alembic_version"} <= {
        t[0] for t in tables
    }
