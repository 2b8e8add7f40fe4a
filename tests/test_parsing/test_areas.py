"""Jakarta's areas, and matching the names people type."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


# What people type, with the abbreviations Jakartans use.


@pytest.mark.parametrize(
    ("typed", "kota"),
    [
        ("jaksel", "Jakarta Selatan"),
        ("Jaksel", "Jakarta Selatan"),
        ("jak sel", "Jakarta Selatan"),
        ("jkt selatan", "Jakarta Selatan"),
        ("jaksl", "Jakarta Selatan"),  # one letter short
        ("jakpus", "Jakarta Pusat"),
        ("jakarta pusat", "Jakarta Pusat"),
        ("jakbar", "Jakarta Barat"),
        ("Kota Administrasi Jakarta Barat", "Jakarta Barat"),
        ("jaktim", "Jakarta Timur"),
        ("Jakarta Timur", "Jakarta Timur"),
        ("jakut", "Jakarta Utara"),
        ("kota jakarta utara", "Jakarta Utara"),
        ("kep seribu", "Kepulauan Seribu"),
        ("Kep. Seribu", "Kepulauan Seribu"),
        ("kepulauan seribu", "Kepulauan Seribu"),
        ("pulau seribu", "Kepulauan Seribu"),
        ("Kab. Kepulauan Seribu", "Kepulauan Seribu"),
        # not a kota
        ("jakarta", None),
        ("jak", None),
        ("jakit", None),
        ("kep seribu utara", None),  # a kecamatan
        ("tebet", None),
        ("bekasi", None),
        ("", None),
    ],
)
def test_kota_nicknames(typed: str, kota: str | None) -> None:
    found = jakarta_areas().match_kota(typed)
    assert (found.short_name if found else None) == kota


def test_a_kota_typed_for_a_kecamatan_offers_that_kotas_list() -> None:
    areas = jakarta_areas()
    match = areas.match_kecamatan("jaksel")
    assert match.best is None
    assert match.kota is not None and match.kota.short_name == "Jakarta Selatan"
    assert match.candidates == tuple(areas.kecamatans_in(match.kota.code))
    assert len(match.candidates) == 10


@pytest.mark.parametrize(
    ("typed", "expected", "corrected"),
    [
        # spelled out as in the data, give or take case, spaces and `kec.`
        ("Kebayoran Baru", "Kebayoran Baru", False),
        ("jatinegara", "Jatinegara", False),
        ("setiabudi", "Setiabudi", False),
        ("setia budi", "Setiabudi", False),
        ("cilincing", "Cilincing", False),
        ("kalideres", "Kalideres", False),
        ("kali deres", "Kalideres", False),
        ("tamansari", "Taman Sari", False),
        ("kemayoran", "Kemayoran", False),
        ("johar baru", "Johar Baru", False),
        ("cempaka putih", "Cempaka Putih", False),
        ("duren sawit", "Duren Sawit", False),
        ("pulogadung", "Pulogadung", False),
        ("pulo gadung", "Pulogadung", False),
        ("ciracas", "Ciracas", False),
        ("kramat jati", "Kramatjati", False),
        ("kramatjati", "Kramatjati", False),
        ("makasar", "Makasar", False),
        ("palmerah", "Pal Merah", False),
        ("Kecamatan Pasar Minggu", "Pasar Minggu", False),
        ("kec.tebet", "Tebet", False),
        # abbreviations, spelled out first: understood, and said back
        ("kby baru", "Kebayoran Baru", True),
        ("keb baru", "Kebayoran Baru", True),
        ("kb lama", "Kebayoran Lama", True),
        ("keb lama", "Kebayoran Lama", True),
        ("kb jeruk", "Kebon Jeruk", True),
        ("tj priok", "Tanjung Priok", True),
        ("tg priok", "Tanjung Priok", True),
        ("ps minggu", "Pasar Minggu", True),
        ("psr minggu", "Pasar Minggu", True),
        ("ps rebo", "Pasar Rebo", True),
        ("klp gading", "Kelapa Gading", True),
        ("kep seribu utara", "Kepulauan Seribu Utara", True),
        # shortened or misspelt
        ("jatineg", "Jatinegara", True),
        ("tanjung priuk", "Tanjung Priok", True),
        ("pasminggu", "Pasar Minggu", True),
        ("pasrebo", "Pasar Rebo", True),
        ("mampang", "Mampang Prapatan", True),
        ("grogol", "Grogol Petamburan", True),
        ("cengkarng", "Cengkareng", True),
        ("makassar", "Makasar", True),
        # a kota beside the name narrows the search; a wrong one is said back
        ("tebet jaksel", "Tebet", False),
        ("Kec. Tebet, Jakarta Selatan", "Tebet", False),
        ("jakbar kalideres", "Kalideres", False),
        ("tebet jakbar", "Tebet", True),
    ],
)
def test_typed_kecamatan(typed: str, expected: str, corrected: bool) -> None:
    match = jakarta_areas().match_kecamatan(typed)
    assert match.best is not None and match.best.name == expected
    assert match.corrected is corrected
    assert match.candidates == ()


@pytest.mark.parametrize(
    ("typed", "candidates"),
    [
        ("kby", {"Kebayoran Baru", "Kebayoran Lama"}),  # never a guess
        ("keb", {"Kebayoran Baru", "Kebayoran Lama"}),
        ("kb", {"Kebayoran Baru", "Kebayoran Lama", "Kebon Jeruk"}),
        ("kep seribu", {"Kepulauan Seribu Utara", "Kepulauan Seribu Selatan"}),
    ],
)
def test_ambiguous_abbreviations_ask_back(typed: str, candidates: set[str]) -> None:
    match = jakarta_areas().match_kecamatan(typed)
    assert match.best is None
    assert {k.name for k in match.candidates} == candidates


@pytest.mark.parametrize(
    "typed",
    ["pd gede", "pondok gede", "jatiwaringin", "bekasi", "depok", "tangerang", "kp"],
)
def test_places_outside_jakarta_match_no_kecamatan(typed: str) -> None:
    match = jakarta_areas().match_kecamatan(typed)
    assert (match.best, match.candidates, match.kota) == (None, (), None)


@pytest.mark.parametrize(
    ("typed", "kelurahan", "kecamatan"),
    [
        ("kp melayu", "Kampung Melayu", "Jatinegara"),
        ("kampung melayu", "Kampung Melayu", "Jatinegara"),
        ("pulo gebang", "Pulo Gebang", "Cakung"),  # not Pulogadung, which looks alike
        ("senayan", "Senayan", "Kebayoran Baru"),
        ("pd labu", "Pondok Labu", "Cilandak"),
        ("cibubur", "Cibubur", "Ciracas"),  # the Jakarta half of Cibubur
    ],
)
def test_a_kelurahan_typed_for_a_kecamatan_gives_its_kecamatan(
    typed: str, kelurahan: str, kecamatan: str
) -> None:
    match = jakarta_areas().match_kecamatan(typed)
    assert match.best is not None and match.best.name == kecamatan
    assert match.kelurahan is not None and match.kelurahan.name == kelurahan
    assert match.corrected


def test_a_kecamatan_name_wins_over_a_kelurahan_of_the_same_name() -> None:
    match = jakarta_areas().match_kecamatan("jatinegara")  # also a kelurahan in Cakung
    assert match.best is not None and match.best.code == "31.75.03"
    assert match.kelurahan is None


@pytest.mark.parametrize(
    ("typed", "kecamatan", "expected", "corrected"),
    [
        ("kp melayu", "Jatinegara", "Kampung Melayu", True),
        ("Kel. Kampung Melayu", "Jatinegara", "Kampung Melayu", False),
        ("petojo sel", "Gambir", "Petojo Selatan", True),
        ("pd bambu", "Duren Sawit", "Pondok Bambu", True),
        ("menteng dalem", "Tebet", "Menteng Dalam", True),
    ],
)
def test_typed_kelurahan_within_its_kecamatan(
    typed: str, kecamatan: str, expected: str, corrected: bool
) -> None:
    areas = jakarta_areas()
    where = areas.match_kecamatan(kecamatan).best
    assert where is not None
    match = areas.match_kelurahan(typed, where.code)
    assert match.best is not None and match.best.name == expected
    assert match.corrected is corrected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("kp melayu", ("Kampung Melayu", "Jatinegara")),
        ("cawang", ("Cawang", "Kramatjati")),
        ("bidaracina", ("Bidara Cina", "Jatinegara")),
        ("pd kopi", ("Pondok Kopi", "Duren Sawit")),
        ("pondok gede", None),
        ("jatiwaringin", None),  # contains `Jati`, but is in Bekasi
    ],
)
def test_kelurahan_anywhere_in_jakarta(typed: str, expected: tuple[str, str] | None) -> None:
    found = jakarta_areas().match_kelurahan_anywhere(typed).best
    assert ((found.name, found.kecamatan.name) if found else None) == expected


# Properties.


@given(st.text(max_size=60))
def test_any_text_gets_one_area_a_list_or_nothing(typed: str) -> None:
    areas = jakarta_areas()
    for match in (areas.match_kecamatan(typed), areas.match_kelurahan_anywhere(typed)):
        assert match.best is None or match.candidates == ()
        assert match.corrected is False or match.best is not None
    assert areas.match_kota(typed) in (None, *areas.kotas)


def test_every_kecamatan_typed_as_written_is_itself_uncorrected() -> None:
    areas = jakarta_areas()
    for kecamatan in areas.kecamatans:
        for typed in (kecamatan.name, kecamatan.name.upper(), f"kec. {kecamatan.name}"):
            match = areas.match_kecamatan(typed)
            assert (match.best, match.corrected) == (kecamatan, False), typed


def test_every_kelurahan_typed_as_written_points_to_its_kecamatan() -> None:
    areas = jakarta_areas()
    for kecamatan in areas.kecamatans:
        for kelurahan in areas.kelurahans_in(kecamatan.code):
            assert areas.match_kelurahan(kelurahan.name, kecamatan.code).best == kelurahan
            found = areas.match_kecamatan(kelurahan.name).best
            if kelurahan.name != "Jatinegara":  # also a kecamatan, which wins
                assert found == kecamatan, kelurahan.name
