"""What every content file shares: where it is read from, and how a problem is said."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content_files import ContentError, ContentFile, shipped
from bot.faq import FAQ_CONTENT
from bot.financing_content import FINANCING_CONTENT
from bot.licensing_content import LICENSING_CONTENT

CONTENT: dict[str, ContentFile[Any]] = {
    "faq.toml": FAQ_CONTENT,
    "financing.toml": FINANCING_CONTENT,
    "licensing.toml": LICENSING_CONTENT,
}


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (
            ContentError("financing.toml", "is missing", entry="kur-mikro", label="product"),
            'financing.toml: product "kur-mikro": is missing',
        ),
        (
            ContentError("licensing.toml", "is missing", entry=4, field="en", label="step"),
            "licensing.toml: step 4: en: is missing",
        ),
        (
            ContentError("faq.toml", "used twice", entry="two\nlines", field="id"),
            'faq.toml: entry "two lines": id: used twice',
        ),
    ],
)
def test_a_content_error_is_one_line_naming_file_entry_and_field(
    error: ContentError, line: str
) -> None:
    assert str(error) == line


@pytest.mark.parametrize("name", CONTENT)
def test_a_staff_copy_in_a_folder_is_read_instead_of_the_shipped_file(
    tmp_path: Path, name: str
) -> None:
    (tmp_path / name).write_text("unknown = 1\n" + shipped(name).read_text("utf-8"))
    with pytest.raises(ContentError, match=rf"^{name}: unknown: is not a known field"):
        CONTENT[name].load_from(tmp_path)
    CONTENT[name].load_from(None)


@pytest.mark.parametrize("name", CONTENT)
def test_a_file_that_cannot_be_read_is_named(tmp_path: Path, name: str) -> None:
    (tmp_path / name).mkdir()
    with pytest.raises(ContentError, match=rf"^{name}: cannot be read \(Is a directory\)$"):
        CONTENT[name].load_from(tmp_path)


@given(st.sampled_from(sorted(CONTENT)), st.text())
def test_any_text_gives_contents_or_one_content_error(name: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        try:
            CONTENT[name].load(path)
        except ContentError as error:
            assert str(error).startswith(f"{name}: ")
            assert "\n" not in str(error)
