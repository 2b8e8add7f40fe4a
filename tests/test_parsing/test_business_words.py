"""A business's sector and status, from the words people type instead of tapping a button."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.business_words import _SECTOR_NAMES, _SECTOR_WORDS, sector_for, status_for
from bot.vocabulary import BusinessStatus, Sector


def test_every_sector_word_list_names_a_real_sector() -> None:
    assert set(_SECTOR_NAMES) | set(_SECTOR_WORDS) <= {str(sector) for sector in Sector}


@pytest.mark.parametrize(
    ("typed", "sector"),
    [
        # food and drink
        ("makanan", "kuliner"),
        ("minuman", "kuliner"),
        ("warung", "kuliner"),
        ("katering", "kuliner"),
        ("catering", "kuliner"),
        ("kue", "kuliner"),
        ("jajanan", "kuliner"),
        ("kopi", "kuliner"),
        ("gorengan", "kuliner"),
        ("nasi uduk", "kuliner"),
        ("snack", "kuliner"),
        ("Warung Makan Bu Siti", "kuliner"),
        ("es teh manis", "kuliner"),
        ("pecel lele", "kuliner"),  # the dish, not fish farming
        ("ikan bakar", "kuliner"),
        ("frozen food", "kuliner"),
        # clothes
        ("baju", "fesyen"),
        ("jahit", "fesyen"),
        ("tukang jahit", "fesyen"),
        ("konveksi", "fesyen"),
        ("hijab", "fesyen"),
        ("batik", "fesyen"),
        ("sepatu", "fesyen"),
        ("tas", "fesyen"),
        # crafts
        ("kerajinan", "kriya"),
        ("anyaman bambu", "kriya"),
        ("souvenir", "kriya"),
        ("manik-manik", "kriya"),
        # services; `sablon` is printing to order
        ("laundry", "jasa"),
        ("salon", "jasa"),
        ("bengkel motor", "jasa"),
        ("servis hp", "jasa"),
        ("ojek", "jasa"),
        ("les privat", "jasa"),
        ("sablon", "jasa"),
        ("jasa sablon kaos", "jasa"),  # the sector named outright wins
        # farming
        ("tani", "agribisnis"),
        ("ternak ayam", "agribisnis"),
        ("ikan", "agribisnis"),
        ("budidaya lele", "agribisnis"),
        ("hidroponik", "agribisnis"),
        ("tanaman hias", "agribisnis"),
        # trade
        ("toko", "perdagangan"),
        ("kelontong", "perdagangan"),
        ("warung kelontong", "perdagangan"),
        ("jualan", "perdagangan"),
        ("dagang", "perdagangan"),
        ("grosir", "perdagangan"),
        ("online shop", "perdagangan"),
        ("olshop", "perdagangan"),
        ("jualan daging", "perdagangan"),  # `daging` is meat, not a typo of `dagang`
        ("jualan di Tanah Abang", "perdagangan"),
        # what is sold decides over selling
        ("jualan kue", "kuliner"),
        ("toko baju", "fesyen"),
        ("jual tanaman", "agribisnis"),
        # something else
        ("lainnya", "lainnya"),
        ("lain-lain", "lainnya"),
        ("kue dan lain-lain", "kuliner"),
        # typos forgiven
        ("loundry", "jasa"),
        ("kerajnan", "kriya"),
        ("hidropnik", "agribisnis"),
        ("jhait", "fesyen"),
        ("KATERING", "kuliner"),
        # unclear or mixed: ask with buttons
        ("jahit dan katering", None),
        ("usaha kuliner dan fesyen", None),
        ("sayur", None),
        ("usaha", None),
        ("tak", None),  # too short to be a typo of `tas`
        ("bajo", None),  # short words must be exact
        ("xyz", None),
        ("", None),
    ],
)
def test_sector_for(typed: str, sector: str | None) -> None:
    assert sector_for(typed) == sector


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("udah jalan", "running"),
        ("sudah jalan", "running"),
        ("sudah buka", "running"),
        ("udah buka", "running"),
        ("sudah ada", "running"),
        ("lagi jalan", "running"),
        ("berjalan", "running"),
        ("sudah", "running"),
        ("Sudah, 2 tahun", "running"),
        ("belum lama", "running"),  # "not long ago": it is running
        ("baru mulai", "running"),
        ("sudha", "running"),
        ("baru rencana", "idea"),
        ("masih ide", "idea"),
        ("belum", "idea"),
        ("belum jalan", "idea"),  # the phrase, not `jalan`
        ("belum, baru mau buka", "idea"),
        ("mau mulai", "idea"),
        ("baru mau mulai", "idea"),
        ("rencana", "idea"),
        ("belom", "idea"),
        ("blum", "idea"),
        ("rencna", "idea"),
        # unclear or mixed
        ("sudah ada ide tapi belum jalan", None),
        ("ya", None),
        ("baru", None),
        ("xyz", None),
        ("", None),
    ],
)
def test_status_for(typed: str, status: str | None) -> None:
    assert status_for(typed) == status


@given(st.text(max_size=200))
def test_any_text_gives_a_key_or_none(typed: str) -> None:
    assert sector_for(typed) in (None, *Sector)
    assert status_for(typed) in (None, *BusinessStatus)


@given(st.lists(st.sampled_from(["kue", "jualan", "belum", "jalan", "lain", "jahit", "x"])))
def test_any_mix_of_listed_words_gives_a_key_or_none(words: list[str]) -> None:
    typed = " ".join(words)
    assert sector_for(typed) in (None, *Sector)
    assert status_for(typed) in (None, *BusinessStatus)
