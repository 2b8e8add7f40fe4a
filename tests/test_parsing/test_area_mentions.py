"""A kecamatan named inside a question, and what is asked once it is taken out."""

from __future__ import annotations

import pytest

from bot.area_mentions import kecamatan_mentioned
from bot.areas import jakarta_areas


@pytest.mark.parametrize(
    ("text", "kecamatan", "rest"),
    [
        ("kapan pelatihan di cengkareng", "Cengkareng", "kapan pelatihan"),
        ("jadwal pelatihan di Cengkareng?", "Cengkareng", "jadwal pelatihan"),
        ("pelatihan cengkareng minggu ini", "Cengkareng", "pelatihan minggu ini"),
        ("ada kelas di tebet ga", "Tebet", "ada kelas ga"),
        ("alamat pos ok oce kebayoran baru", "Kebayoran Baru", "alamat pos ok oce"),
        ("pos ok oce di kecamatan tebet dmn", "Tebet", "pos ok oce dmn"),
        ("training near tebet", "Tebet", "training"),
        # after a word of place: typos, abbreviations, a kelurahan
        ("deket cengkarng", "Cengkareng", ""),
        ("di kby baru ada klinik?", "Kebayoran Baru", "ada klinik"),
        ("pelatihan di kb lama kapan", "Kebayoran Lama", "pelatihan kapan"),
        ("di mampang kapan", "Mampang Prapatan", "kapan"),
        ("ada pelatihan di pulo gadung", "Pulogadung", "ada pelatihan"),
        ("pelatihan di manggarai", "Tebet", "pelatihan"),
    ],
)
def test_a_named_kecamatan_is_found(text: str, kecamatan: str, rest: str) -> None:
    mention = kecamatan_mentioned(text, jakarta_areas())
    assert mention is not None
    assert (mention.kecamatan.name, mention.rest) == (kecamatan, rest)


@pytest.mark.parametrize(
    "text",
    [
        "kapan pelatihan",
        "di rumah saja",
        "saya tinggal di depok",
        "orang bekasi boleh ikut",
        "pelatihan di jakarta utara kapan",  # a kota, not a kecamatan
        "di sini",
        "",
    ],
)
def test_no_kecamatan_no_mention(text: str) -> None:
    assert kecamatan_mentioned(text, jakarta_areas()) is None
