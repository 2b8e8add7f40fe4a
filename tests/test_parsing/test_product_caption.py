"""A product photo's caption read for name, price, unit and description."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.money import format_rupiah
from bot.product_caption import (
    DESCRIPTION_MAX_LENGTH,
    NAME_MAX_LENGTH,
    NAME_MIN_LENGTH,
    UNITS,
    CaptionParts,
    parse_caption,
)

# caption, name, price, unit
SINGLE_LINE = [
    ("Keripik Balado 15rb", "Keripik Balado", 15_000, None),
    ("Kue Lapis - 45.000/kotak", "Kue Lapis", 45_000, "kotak"),
    ("Rp 15.000,- Nasi Uduk", "Nasi Uduk", 15_000, None),
    ("Sambal Roa 35k per botol", "Sambal Roa", 35_000, "botol"),
    ("Rp. 1.500.000", None, 1_500_000, None),
    ("Batik tulis", "Batik tulis", None, None),
    ("Keripik Pisang harga 25rb", "Keripik Pisang", 25_000, None),
    ("Harga 25rb Kopi Susu Gula Aren", "Kopi Susu Gula Aren", 25_000, None),
    ("Es Kopi cuma 10rb aja", "Es Kopi", 10_000, None),
    ("Rendang hrg: Rp 50.000/porsi", "Rendang", 50_000, "porsi"),
    ("Pempek hanya 5.000 @pcs", "Pempek", 5_000, "pcs"),
    ("Kopi bubuk 25rb/250gr", "Kopi bubuk", 25_000, "250 gram"),
    ("Beras Pandan Wangi 75rb per 5 kg", "Beras Pandan Wangi", 75_000, "5 kg"),
    ("Telur Asin 30rb/lusin", "Telur Asin", 30_000, "lusin"),
    ("Tempe Mendoan 2.000/ptg", "Tempe Mendoan", 2_000, "potong"),
    ("Kain Tenun 150rb/mtr", "Kain Tenun", 150_000, "meter"),
    ("Madu Hutan Rp150.000/btl", "Madu Hutan", 150_000, "botol"),
    ("Nastar 85rb per toples", "Nastar", 85_000, "toples"),
    ("Kerupuk Kulit 12rb/bks", "Kerupuk Kulit", 12_000, "bungkus"),
    ("Jus Alpukat | 15k", "Jus Alpukat", 15_000, None),
    ("🔥 Ayam Geprek 🔥 15rb #kuliner #jakarta", "Ayam Geprek", 15_000, None),
    ("✨Bolu Pandan✨ Rp 40.000", "Bolu Pandan", 40_000, None),
    ("Gorengan 1000", "Gorengan", 1_000, None),
    ("Kaos Polos 2m 50rb", "Kaos Polos 2m", 50_000, None),
    ("Sate Ayam 10 tusuk 25rb", "Sate Ayam 10 tusuk", 25_000, None),
    ("Es", None, None, None),
    ("#promo #diskon", None, None, None),
    ("Brownies Panggang 1 loyang 120rb", "Brownies Panggang 1 loyang", 120_000, None),
    ("Rp 20.000 / porsi Soto Betawi", "Soto Betawi", 20_000, "porsi"),
]


@pytest.mark.parametrize(("caption", "name", "price", "unit"), SINGLE_LINE)
def test_caption_gives_name_price_and_unit(
    caption: str, name: str | None, price: int | None, unit: str | None
) -> None:
    parts = parse_caption(caption)
    assert (parts.name, parts.price, parts.unit) == (name, price, unit)
    assert not parts.price_doubtful


@pytest.mark.parametrize(
    ("caption", "name"),
    [
        ("Keripik 15rb-20rb", "Keripik"),
        ("Keripik 15-20rb", "Keripik"),
        ("Keripik 15rb s/d 20rb", "Keripik"),
        ("Keripik Balado 15rb, Keripik Kentang 20rb", "Keripik Balado"),
        ("Kue Kering mulai 50rb", "Kue Kering"),
        ("Baju Anak mulai dari Rp 35.000", "Baju Anak"),
        ("Risoles\nDulu 5rb\nSekarang 4rb", "Risoles"),
    ],
)
def test_a_range_or_two_prices_leaves_the_price_to_be_asked(caption: str, name: str) -> None:
    parts = parse_caption(caption)
    assert parts.price is None and parts.price_doubtful
    assert parts.name == name


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        (
            "Keripik Balado\nHarga 15rb\nPedas manis, renyah",
            CaptionParts("Keripik Balado", 15_000, False, None, "Pedas manis, renyah"),
        ),
        (
            "Nasi Kuning Komplit\nRp 15.000 / porsi\nPesan: 0812 3456 7890",
            CaptionParts("Nasi Kuning Komplit", 15_000, False, "porsi", "Pesan: 0812 3456 7890"),
        ),
        (
            "Sambal Roa 35k per botol, pedas mantap\nTahan 1 bulan",
            CaptionParts("Sambal Roa", 35_000, False, "botol", "pedas mantap\nTahan 1 bulan"),
        ),
        (
            "Rp 25.000\nKue Sus Vla\n\n  isi 6  ",
            CaptionParts("Kue Sus Vla", 25_000, False, None, "isi 6"),
        ),
        (
            "🎂 Bolu Ketan Hitam 🎂\n#kue #jajanan\nLembut dan wangi\n45rb/loyang",
            CaptionParts("Bolu Ketan Hitam", 45_000, False, "loyang", "Lembut dan wangi"),
        ),
        (
            "Tas Rajut\nBuatan tangan, WA 0812-3456-7890",
            CaptionParts("Tas Rajut", None, False, None, "Buatan tangan, WA 0812-3456-7890"),
        ),
    ],
)
def test_later_lines_give_the_price_and_the_description(
    caption: str, expected: CaptionParts
) -> None:
    assert parse_caption(caption) == expected


@pytest.mark.parametrize("caption", [None, "", "   ", "\n\n", "🔥🔥🔥"])
def test_empty_caption_says_nothing(caption: str | None) -> None:
    assert parse_caption(caption) == CaptionParts(None, None, False, None, None)


def test_long_name_is_cut_at_a_word_and_long_description_at_its_limit() -> None:
    caption = " ".join(["Keripik"] * 30) + " 15rb\n" + " ".join(["renyah"] * 100)
    parts = parse_caption(caption)
    assert parts.name is not None and len(parts.name) <= NAME_MAX_LENGTH
    assert parts.name.endswith("Keripik")
    assert parts.description is not None and len(parts.description) <= DESCRIPTION_MAX_LENGTH
    assert parts.description.endswith("renyah")
    assert parts.price == 15_000


def test_every_unit_spelling_maps_to_a_kept_unit() -> None:
    kept = set(UNITS.values())
    assert all(UNITS[unit] == unit for unit in kept)
    assert {"kotak", "bungkus", "pcs", "botol", "toples", "kg", "gram", "lusin", "pak"} <= kept


@given(st.one_of(st.none(), st.text(), st.text(alphabet="Rp 0123456789.,-/rbk\nKue#🔥")))
def test_any_caption_gives_parts_within_their_limits(caption: str | None) -> None:
    parts = parse_caption(caption)
    if parts.name is not None:
        assert NAME_MIN_LENGTH <= len(parts.name) <= NAME_MAX_LENGTH
        assert not re.search(r"#\w", parts.name) and "\n" not in parts.name
    if parts.description is not None:
        assert 0 < len(parts.description) <= DESCRIPTION_MAX_LENGTH
    if parts.price_doubtful:
        assert parts.price is None
    if parts.price is not None:
        assert parts.price > 0


@given(
    st.lists(
        st.sampled_from(["Keripik", "Kue", "Nasi", "Uduk", "Balado", "Lapis"]),
        min_size=1,
        max_size=8,
    ),
    st.integers(min_value=100, max_value=9_999_999),
    st.sampled_from(["", "/kotak", " per botol", " @pcs"]),
)
def test_name_then_price_reads_back(words: list[str], price: int, unit: str) -> None:
    name = " ".join(words)
    parts = parse_caption(f"{name} {format_rupiah(price)}{unit}")
    assert parts.price == price and not parts.price_doubtful
    assert parts.name == (name if len(name) >= NAME_MIN_LENGTH else None)
