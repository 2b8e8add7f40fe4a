"""The NIB/OSS guide: every message fits a phone screen, and a mistake is named in one line."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from bot.content_files import PHONE_SCREEN_LINES, ContentError, phone_lines
from bot.licensing_content import load_licensing

SHIPPED = resources.files("bot").joinpath("content", "licensing.toml")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "licensing.toml"
    path.write_text(text, encoding="utf-8")
    return path


def broken(old: str, new: str) -> str:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


def test_shipped_guide_covers_what_to_prepare_and_the_steps() -> None:
    guide = load_licensing()
    assert guide.source.url == "https://oss.go.id"
    assert "GRATIS" in guide.intro.id
    assert "FREE" in guide.intro.en
    prepare = guide.prepare_text("id")
    for needed in ("NIK", "KTP", "Email", "HP", "Alamat", "KBLI"):
        assert needed in prepare
    assert "KBLI" in guide.prepare_text("en")
    assert len(guide.steps) >= 5
    assert guide.steps[0].id.startswith("1. Buka oss.go.id")


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_shipped_message_fits_one_phone_screen(language: str) -> None:
    guide = load_licensing()
    messages = [guide.title, guide.intro, *guide.steps, guide.help]
    texts = [message.in_language(language) for message in messages]
    texts.append(guide.prepare_text(language))
    for text in texts:
        assert text
        assert phone_lines(text) <= PHONE_SCREEN_LINES, text


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("", 1),
        ("Buka oss.go.id.", 1),
        ("x" * 35, 1),
        ("x" * 36, 2),
        ("satu\ndua\ntiga", 3),
        ("Pilih Orang Perseorangan, lalu UMK (Usaha Mikro dan Kecil).", 2),
    ],
)
def test_phone_lines_counts_wrapped_lines(text: str, lines: int) -> None:
    assert phone_lines(text) == lines


LONG = "Kata " * 90


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            broken('id = "3. Buka email dari OSS.', f'id = "3. {LONG} Buka email dari OSS.'),
            "licensing.toml: step 3: id: too long for one phone screen: 16 lines of 35"
            " characters, at most 12",
        ),
        (
            broken(
                'en = "4. Log in at oss.go.id. Complete your details if asked."\n',
                "",
            ),
            "licensing.toml: step 4: en: is missing",
        ),
        (
            broken("as_of = 2026-12-01", 'as_of = "Desember 2026"'),
            "licensing.toml: as_of: must be a date like 2026-12-01 (no quotes)",
        ),
        (
            broken(
                '{ id = "Email yang aktif", en = "An email address you use" },',
                '{ id = "Email yang aktif", en = "An email address you use" },\n' * 8,
            ),
            "licensing.toml: prepare: the list in id is too long for one phone screen:",
        ),
        (
            broken(
                '{ id = "Alamat tempat usaha", en = "Your business address" },',
                '{ id = "Alamat tempat usaha" },',
            ),
            "licensing.toml: item to prepare 4: en: is missing",
        ),
        (
            broken("[help]", "[bantuan]"),
            "licensing.toml: bantuan: is not a known field (check the spelling)",
        ),
        (
            broken('title = { id = "Cara buat NIB lewat OSS", ', 'title = { id = "", '),
            "licensing.toml: title.id: must not be empty",
        ),
    ],
)
def test_a_broken_guide_is_named_in_one_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ContentError) as raised:
        load_licensing(write(tmp_path, text))
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)
