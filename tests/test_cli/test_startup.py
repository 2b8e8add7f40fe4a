"""Start-up as an operator meets it: documented settings work, mistakes get one clear line."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.content_files import shipped
from tests.cli import okoce_env, run_cli
from wiring.startup import EXIT_CONFIG


@pytest.mark.parametrize(
    ("typed", "admins"),
    [
        ("terminal:admin", {"terminal:admin"}),
        ("telegram:123456,terminal:local", {"telegram:123456", "terminal:local"}),
        (" telegram:1 , telegram:2 ,", {"telegram:1", "telegram:2"}),
        ('["telegram:1", "whatsapp:6281234567890"]', {"telegram:1", "whatsapp:6281234567890"}),
        ("", set()),
    ],
)
def test_admins_are_read_comma_separated_or_as_json(
    monkeypatch: pytest.MonkeyPatch, typed: str, admins: set[str]
) -> None:
    monkeypatch.setenv("OKOCE_ADMINS", typed)
    assert Settings(_env_file=None).admins == admins  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("typed", "hours"),
    [
        ("24,2", (24.0, 2.0)),
        ("48, 24, 1.5", (48.0, 24.0, 1.5)),
        ("[24, 2]", (24.0, 2.0)),
        ("6", (6.0,)),
    ],
)
def test_reminder_hours_are_read_comma_separated_or_as_json(
    monkeypatch: pytest.MonkeyPatch, typed: str, hours: tuple[float, ...]
) -> None:
    monkeypatch.setenv("OKOCE_REMINDER_HOURS", typed)
    assert Settings(_env_file=None).reminder_hours == hours  # type: ignore[call-arg]


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port on 127.0.0.1 that another program is listening on."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield int(listener.getsockname()[1])


def _one_line_failure(
    tmp_path: Path, stdin: str = "", command: str = "run", **settings: str
) -> str:
    env = okoce_env(tmp_path / "var", **settings)
    done = run_cli([command], env, cwd=tmp_path, stdin=stdin)
    assert done.returncode == EXIT_CONFIG, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_a_port_in_use_is_named_with_its_setting(tmp_path: Path, taken_port: int) -> None:
    line = _one_line_failure(tmp_path, http_port=str(taken_port))
    assert f"Port {taken_port}" in line
    assert "OKOCE_HTTP_PORT" in line


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("http_port", "delapan"),
        ("http_port", "70000"),
        ("reminder_hours", "24,besok"),
        ("admins", "[telegram:1"),
        ("default_language", "fr"),
        ("log_level", "LOUD"),
        ("whatsapp_templates", "{reminder"),
    ],
)
def test_a_bad_setting_is_named(tmp_path: Path, setting: str, value: str) -> None:
    line = _one_line_failure(tmp_path, **{setting: value})
    assert f"OKOCE_{setting.upper()}" in line


def test_a_data_folder_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    done = run_cli(["run"], okoce_env(tmp_path / "a-file" / "var"), cwd=tmp_path)
    assert done.returncode == EXIT_CONFIG
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        f"Folder data {tmp_path / 'a-file' / 'var'} tidak bisa dipakai (Not a directory). "
        "Atur OKOCE_DATA_DIR."
    ]


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+asyncpg://postgres@127.0.0.1:1/test",
        "nosuchdatabase://somewhere/db",
        "not a url at all",
    ],
)
def test_a_database_that_cannot_be_used_is_named(tmp_path: Path, url: str) -> None:
    line = _one_line_failure(tmp_path, database_url=url)
    assert "OKOCE_DATABASE_URL" in line


CONTENT_FILES = ("faq.toml", "financing.toml", "licensing.toml")


def _staff_copy(folder: Path, file_name: str, old: str, new: str) -> Path:
    """A copy of the shipped content files, as staff would keep one, with one file edited."""
    folder.mkdir()
    for name in CONTENT_FILES:
        text = shipped(name).read_text("utf-8")
        if name == file_name:
            assert old in text, old
            text = text.replace(old, new, 1)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("command", "file_name", "old", "new", "problem"),
    [
        (
            "run",
            "faq.toml",
            'answer.en = """OK OCE is for people',
            'answer.english = """OK OCE is for people',
            'faq.toml: entry "who_can_join": answer.english: is not a known field'
            " (check the spelling) (and 1 more problem)",
        ),
        (
            "chat",
            "financing.toml",
            'rate_basis = "effective_yearly"',
            'rate_basis = "efektif"',
            'financing.toml: product "kur-super-mikro": rate_basis: must be one of flat_monthly,'
            " flat_yearly, effective_yearly, daily",
        ),
        (
            "run",
            "licensing.toml",
            "[help]",
            "[bantuan]",
            "licensing.toml: bantuan: is not a known field (check the spelling)"
            " (and 1 more problem)",
        ),
    ],
)
def test_a_broken_content_file_stops_the_start_naming_entry_and_field(
    tmp_path: Path, command: str, file_name: str, old: str, new: str, problem: str
) -> None:
    folder = _staff_copy(tmp_path / "content", file_name, old, new)
    line = _one_line_failure(tmp_path, command=command, content_dir=str(folder))
    assert line == f"File konten salah: {problem}. Perbaiki file {folder / file_name}."
    assert not (tmp_path / "var").exists(), "nothing else may start before the content is checked"


def test_a_content_folder_missing_a_file_is_named(tmp_path: Path) -> None:
    folder = _staff_copy(tmp_path / "content", "faq.toml", "", "")
    (folder / "licensing.toml").unlink()
    line = _one_line_failure(tmp_path, content_dir=str(folder))
    assert line == (
        f"File konten salah: licensing.toml: file not found. Perbaiki file {folder}/licensing.toml."
    )


def test_the_terminal_chat_screen_shows_only_the_chat(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    done = run_cli(["run"], okoce_env(data_dir, http_port="0"), cwd=tmp_path, stdin="halo\nmenu\n")
    assert done.returncode == 0, done.stderr
    log_file = data_dir / "logs" / "okoce-bot.log"
    assert done.stdout.splitlines()[0] == f"Log disimpan di {log_file}"
    assert re.fullmatch(r"Etalase produk: http://127\.0\.0\.1:\d+/", done.stdout.splitlines()[1])
    assert "Menu utama" in done.stdout
    assert '{"ts"' not in done.stdout + done.stderr
    logged = log_file.read_text().splitlines()
    assert any('"event": "web server listening"' in line for line in logged)


def test_a_file_base_that_cannot_be_derived_is_named(tmp_path: Path) -> None:
    line = _one_line_failure(
        tmp_path, telegram_token="123456:TEST", telegram_api_url="http://127.0.0.1:9/tg-proxy"
    )
    assert "OKOCE_TELEGRAM_FILE_URL" in line
