"""Jakarta's areas, and matching the names people type."""

import pytest

from bot.areas import jakarta_areas


def test_directory_holds_all_of_dki_jakarta() -> None:
    areas = jakarta_areas()
    assert len(areas.kotas) == 6
    assert len(areas.kecamatans) == 44
    assert sum(len(areas.kelurahans_in(k.code)) for k in areas.kecamatans) == 267


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("kby baru", "Kebayoran Baru"),
        ("tanah abang", "Tanah Abang"),
        ("Tanahabang", "Tanah Abang"),
        ("cengkareng", "Cengkareng"),
        ("cengkarng", "Cengkareng"),
        ("Kec. Tebet", "Tebet"),
        ("psr minggu", "Pasar Minggu"),
        ("klp gading", "Kelapa Gading"),
        ("kb jeruk", "Kebon Jeruk"),
    ],
)
def test_typed_kecamatan_is_matched_despite_typos(typed: str, expected: str) -> None:
    match = jakarta_areas().match_kecamatan(typed)
    assert match.best is not None
    assert match.best.name == expected


def test_ambiguous_name_offers_the_close_candidates() -> None:
    match = jakarta_areas().match_kecamatan("kebayoran")
    assert match.best is None
    assert {k.name for k in match.candidates} >= {"Kebayoran Baru", "Kebayoran Lama"}


@pytest.mark.parametrize("typed", ["xyz", "", "Bandung"])
def test_unknown_names_match_nothing(typed: str) -> None:
    match = jakarta_areas().match_kecamatan(typed)
    assert match.best is None
    assert match.candidates == ()


def test_kelurahan_is_matched_within_its_kecamatan_only() -> None:
    areas = jakarta_areas()
    tebet = areas.match_kecamatan("tebet").best
    assert tebet is not None
    found = areas.match_kelurahan("menteng dalem", tebet.code).best
    assert found is not None and found.name == "Menteng Dalam"
    assert areas.match_kelurahan("senayan", tebet.code).best is None


def test_member_number_code_drops_the_dots() -> None:
    kecamatan = jakarta_areas().match_kecamatan("tebet").best
    assert kecamatan is not None and kecamatan.compact_code == "317401"
