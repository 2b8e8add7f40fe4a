"""Which texts typed at the menu are product searches, and what they look for."""

from __future__ import annotations

import pytest

from bot.product_search_request import ProductSearch, read_product_search


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("cari keripik", "keripik"),
        ("Cari kue lapis dong", "kue lapis"),
        ("nyari sambal bawang", "sambal bawang"),
        ("mau beli batik kak", "batik"),
        ("Pengen beli kopi susu", "kopi susu"),
        ("ada yang jual rendang?", "rendang"),
        ("beli madu", "madu"),
        ("cari produk", ""),
        ("cari produk keripik", "keripik"),
        ("cari", ""),
        ("CARI   Kripik!!", "kripik"),
    ],
)
def test_a_search_is_read_with_its_words(typed: str, words: str) -> None:
    assert read_product_search(typed) == ProductSearch(words)


@pytest.mark.parametrize(
    "typed",
    [
        "cari pelatihan di tebet",
        "cari jadwal kelas",
        "cari modal usaha",
        "mau beli pakai pinjaman kur",
        "cara daftar ok oce",
        "keripik",
        "saya mau jual keripik",
        "berapa biaya daftar",
        "",
    ],
)
def test_other_texts_are_not_product_searches(typed: str) -> None:
    assert read_product_search(typed) is None
