"""Typed answers to questions with choices: what a member types instead of tapping."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.typed_choices import (
    AmbiguousChoice,
    ChoiceMatch,
    MatchKind,
    NoChoiceMatch,
    TypedChoice,
    match_typed_choice,
    yes_or_no,
)

CONSENT = [("yes", "✅ Setuju"), ("no", "Tidak setuju")]
MOVE = [("yes", "✅ Ya, pindah"), ("no", "Tidak jadi")]
MAIN_MENU = [
    ("register", "📝 Daftar OK OCE"),
    ("sessions", "📅 Cari pelatihan"),
    ("my_bookings", "🗓️ Jadwal saya"),
    ("profile", "👤 Profil saya"),
    ("help", "❓ Bantuan"),
    ("language", "🌐 Bahasa"),
]
BOOKINGS = [
    ("find", "📅 Cari jadwal"),
    ("mine", "🗓️ Jadwal saya"),
    ("cancel", "❌ Batalkan"),
    ("move", "Pindah jadwal"),
    ("menu", "↩ Menu"),
]
SECTORS = [
    ("kuliner", "Kuliner"),
    ("fesyen", "Fesyen"),
    ("kriya", "Kriya / kerajinan"),
    ("jasa", "Jasa"),
    ("agribisnis", "Agribisnis"),
    ("perdagangan", "Perdagangan"),
    ("lainnya", "Lainnya"),
]
BUSINESS_STATUS = [("running", "Usaha sudah jalan"), ("idea", "Masih ide")]
TOPICS = [
    ("P1", "P1 Pendaftaran"),
    ("P2", "P2 Pelatihan"),
    ("P3", "P3 Pendampingan"),
    ("P4", "P4 Perizinan"),
    ("P5", "P5 Pemasaran"),
    ("P6", "P6 Laporan keuangan"),
    ("P7", "P7 Akses permodalan"),
    ("general", "Umum"),
]
SESSIONS = [(f"s{n}", f"Klinik {n} Des 09.00, Kec. Tebet") for n in range(1, 11)]
KECAMATAN = [
    ("3174", "Kec. Kebayoran Baru"),
    ("3175", "Kec. Kebayoran Lama"),
    ("3173", "Kec. Cengkareng"),
    ("3171", "Kec. Tebet"),
    ("3172", "Kec. Pasar Minggu"),
    ("3176", "Kec. Tanah Abang"),
    ("3177", "Kec. Kelapa Gading"),
    ("3178", "Kec. Kebon Jeruk"),
]
STARS = [(str(n), "⭐" * n) for n in range(1, 6)]


def _match(typed: str, choices: list[tuple[str, str]]) -> TypedChoice:
    return match_typed_choice(typed, choices, yes={"yes"}, no={"no"})


@pytest.mark.parametrize(
    ("typed", "expected", "kind"),
    [
        ("Setuju", "yes", MatchKind.EXACT),
        ("setuju!!", "yes", MatchKind.EXACT),
        ("  SETUJU  ", "yes", MatchKind.EXACT),
        ("✅ Setuju", "yes", MatchKind.EXACT),
        ("tidak setuju", "no", MatchKind.EXACT),
        ("Tidak Setuju.", "no", MatchKind.EXACT),
        ("setuju kak", "yes", MatchKind.EXACT),
        ("1", "yes", MatchKind.NUMBER),
        ("2", "no", MatchKind.NUMBER),
        ("ya", "yes", MatchKind.YES_NO),
        ("iya", "yes", MatchKind.YES_NO),
        ("iyaa", "yes", MatchKind.YES_NO),
        ("iyaaaa kak", "yes", MatchKind.YES_NO),
        ("y", "yes", MatchKind.YES_NO),
        ("Yes", "yes", MatchKind.YES_NO),
        ("ok", "yes", MatchKind.YES_NO),
        ("oke", "yes", MatchKind.YES_NO),
        ("okey", "yes", MatchKind.YES_NO),
        ("okay", "yes", MatchKind.YES_NO),
        ("ok deh", "yes", MatchKind.YES_NO),
        ("sip", "yes", MatchKind.YES_NO),
        ("siap min", "yes", MatchKind.YES_NO),
        ("boleh", "yes", MatchKind.YES_NO),
        ("betul", "yes", MatchKind.YES_NO),
        ("bener", "yes", MatchKind.YES_NO),
        ("lanjut", "yes", MatchKind.YES_NO),
        ("mau", "yes", MatchKind.YES_NO),
        ("gas", "yes", MatchKind.YES_NO),
        ("ya setuju", "yes", MatchKind.YES_NO),
        ("setujuu", "yes", MatchKind.YES_NO),
        ("tidak", "no", MatchKind.YES_NO),
        ("tdk", "no", MatchKind.YES_NO),
        ("gak", "no", MatchKind.YES_NO),
        ("ga", "no", MatchKind.YES_NO),
        ("nggak", "no", MatchKind.YES_NO),
        ("ngga", "no", MatchKind.YES_NO),
        ("enggak", "no", MatchKind.YES_NO),
        ("no", "no", MatchKind.YES_NO),
        ("jangan", "no", MatchKind.YES_NO),
        ("gak jadi", "no", MatchKind.YES_NO),
        ("tidak mau", "no", MatchKind.YES_NO),
        ("ga usah kak", "no", MatchKind.YES_NO),
        ("tdk setuju", "no", MatchKind.YES_NO),
        ("gk setuju", "no", MatchKind.YES_NO),
        ("stuju", "yes", MatchKind.FUZZY),
        ("setujh", "yes", MatchKind.FUZZY),
        ("iy", "yes", MatchKind.FUZZY),
        ("oek", "yes", MatchKind.FUZZY),
        ("tidk", "no", MatchKind.FUZZY),
    ],
)
def test_yes_no_question_takes_typed_yes_and_no(typed: str, expected: str, kind: MatchKind) -> None:
    assert _match(typed, CONSENT) == ChoiceMatch(expected, kind)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ya", "yes"),
        ("ya pindah", "yes"),
        ("pindah", "yes"),
        ("iya kak pindah aja", "yes"),
        ("tidak jadi", "no"),
        ("gak jadi", "no"),
        ("ga", "no"),
    ],
)
def test_move_confirmation_takes_typed_answers(typed: str, expected: str) -> None:
    match = _match(typed, MOVE)
    assert isinstance(match, ChoiceMatch)
    assert match.choice_id == expected


def test_batal_is_left_to_the_global_cancel_command() -> None:
    assert yes_or_no("batal") is None
    assert _match("batal", CONSENT) == NoChoiceMatch()


def test_a_no_label_word_alone_is_not_taken_as_that_label() -> None:
    # `jadi` on its own says yes; it must never pick "Tidak jadi".
    assert _match("jadi", MOVE) == ChoiceMatch("yes", MatchKind.YES_NO)
    assert isinstance(match_typed_choice("jadi", MOVE), NoChoiceMatch)


def test_yes_words_pick_nothing_when_the_question_names_no_yes_choice() -> None:
    assert match_typed_choice("iya", CONSENT) == NoChoiceMatch()


@pytest.mark.parametrize(
    ("typed", "expected", "kind"),
    [
        ("Daftar OK OCE", "register", MatchKind.EXACT),
        ("📅 cari pelatihan", "sessions", MatchKind.EXACT),
        ("jadwal saya", "my_bookings", MatchKind.EXACT),
        ("Jadwal Saya!", "my_bookings", MatchKind.EXACT),
        ("bantuan", "help", MatchKind.EXACT),
        ("bahasa", "language", MatchKind.EXACT),
        ("4", "profile", MatchKind.NUMBER),
        ("4.", "profile", MatchKind.NUMBER),
        ("no 4", "profile", MatchKind.NUMBER),
        ("no. 4", "profile", MatchKind.NUMBER),
        ("no4", "profile", MatchKind.NUMBER),
        ("nomor 4", "profile", MatchKind.NUMBER),
        ("pilih 4", "profile", MatchKind.NUMBER),
        ("#4", "profile", MatchKind.NUMBER),
        ("yg 4", "profile", MatchKind.NUMBER),
        ("yang ke 4", "profile", MatchKind.NUMBER),
        ("empat", "profile", MatchKind.NUMBER),
        ("yg keempat", "profile", MatchKind.NUMBER),
        ("satu", "register", MatchKind.NUMBER),
        ("dua", "sessions", MatchKind.NUMBER),
        ("tiga", "my_bookings", MatchKind.NUMBER),
        ("enam", "language", MatchKind.NUMBER),
        ("profil", "profile", MatchKind.PARTIAL),
        ("mau lihat profil", "profile", MatchKind.PARTIAL),
        ("daftar", "register", MatchKind.PARTIAL),
        ("pelatihan", "sessions", MatchKind.PARTIAL),
        ("mau cari pelatihan kak", "sessions", MatchKind.PARTIAL),
        ("cari pel", "sessions", MatchKind.PARTIAL),
        ("profl", "profile", MatchKind.FUZZY),
        ("prfil saya", "profile", MatchKind.FUZZY),
        ("cari pelatihn", "sessions", MatchKind.FUZZY),
        ("cari plathan", "sessions", MatchKind.FUZZY),
        ("daftr", "register", MatchKind.FUZZY),
        ("bahsa", "language", MatchKind.FUZZY),
        ("bantun", "help", MatchKind.FUZZY),
    ],
)
def test_main_menu_takes_labels_numbers_words_and_typos(
    typed: str, expected: str, kind: MatchKind
) -> None:
    assert match_typed_choice(typed, MAIN_MENU) == ChoiceMatch(expected, kind)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("jadwal saya", "mine"),
        ("cari jadwal", "find"),
        ("pindah", "move"),
        ("pindah jadwal", "move"),
        ("pinda jadwal", "move"),
        ("batalkan", "cancel"),
        ("batalin", "cancel"),
        ("5", "menu"),
        ("lima", "menu"),
    ],
)
def test_booking_menu_takes_typed_answers(typed: str, expected: str) -> None:
    match = match_typed_choice(typed, BOOKINGS)
    assert isinstance(match, ChoiceMatch)
    assert match.choice_id == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("kuliner", "kuliner"),
        ("kulner", "kuliner"),
        ("kerajinan", "kriya"),
        ("kriya", "kriya"),
        ("fashion", "fesyen"),
        ("jasa", "jasa"),
        ("dagang", "perdagangan"),
        ("perdagangn", "perdagangan"),
        ("lainya", "lainnya"),
        ("3", "kriya"),
        ("tujuh", "lainnya"),
    ],
)
def test_sector_list_takes_names_synonyms_and_typos(typed: str, expected: str) -> None:
    synonyms = {"fesyen": ["fashion", "pakaian", "baju"], "perdagangan": ["dagang", "toko"]}
    match = match_typed_choice(typed, SECTORS, synonyms=synonyms)
    assert isinstance(match, ChoiceMatch)
    assert match.choice_id == expected


def test_synonym_match_says_so() -> None:
    match = match_typed_choice("baju", SECTORS, synonyms={"fesyen": ["pakaian", "baju"]})
    assert match == ChoiceMatch("fesyen", MatchKind.SYNONYM)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("usaha sudah jalan", "running"),
        ("sudah jalan", "running"),
        ("udah jalan", "running"),
        ("masih ide", "idea"),
        ("msih ide", "idea"),
        ("2", "idea"),
    ],
)
def test_business_status_takes_typed_answers(typed: str, expected: str) -> None:
    match = match_typed_choice(typed, BUSINESS_STATUS)
    assert isinstance(match, ChoiceMatch)
    assert match.choice_id == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("p4", "P4"),
        ("perizinan", "P4"),
        ("perijinan", "P4"),
        ("pemasaran", "P5"),
        ("laporan keuangan", "P6"),
        ("keuangan", "P6"),
        ("permodalan", "P7"),
        ("akses", "P7"),
        ("umum", "general"),
        ("8", "general"),
    ],
)
def test_topic_list_takes_step_names(typed: str, expected: str) -> None:
    match = match_typed_choice(typed, TOPICS)
    assert isinstance(match, ChoiceMatch)
    assert match.choice_id == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1", "s1"),
        ("no 7", "s7"),
        ("10", "s10"),
        ("no. 10", "s10"),
        ("sepuluh", "s10"),
        ("sembilan", "s9"),
        ("yg kedua", "s2"),
    ],
)
def test_numbered_list_of_ten_counts_as_shown(typed: str, expected: str) -> None:
    assert match_typed_choice(typed, SESSIONS) == ChoiceMatch(expected, MatchKind.NUMBER)


@pytest.mark.parametrize("typed", ["0", "00", "11", "99", "no 12", "999999999999"])
def test_number_outside_the_list_matches_nothing(typed: str) -> None:
    assert not isinstance(match_typed_choice(typed, SESSIONS), ChoiceMatch)


@pytest.mark.parametrize(
    ("typed", "expected", "kind"),
    [
        ("Kec. Tebet", "3171", MatchKind.EXACT),
        ("kec tebet", "3171", MatchKind.EXACT),
        ("tebet", "3171", MatchKind.PARTIAL),
        ("TEBET", "3171", MatchKind.PARTIAL),
        ("kebayoran baru", "3174", MatchKind.PARTIAL),
        ("kebayoran lama", "3175", MatchKind.PARTIAL),
        ("pasar minggu", "3172", MatchKind.PARTIAL),
        ("kelapa gading", "3177", MatchKind.PARTIAL),
        ("cengkareng", "3173", MatchKind.PARTIAL),
        ("cengkarng", "3173", MatchKind.FUZZY),
        ("cengkareg", "3173", MatchKind.FUZZY),
        ("kebayoran bru", "3174", MatchKind.FUZZY),
        ("tanah abng", "3176", MatchKind.FUZZY),
        ("tanahabang", "3176", MatchKind.FUZZY),
        ("kebon jeruk", "3178", MatchKind.PARTIAL),
        ("kby baru", "3174", MatchKind.SYNONYM),
        ("3", "3173", MatchKind.NUMBER),
    ],
)
def test_kecamatan_list_takes_names_with_typos(typed: str, expected: str, kind: MatchKind) -> None:
    match = match_typed_choice(typed, KECAMATAN, synonyms={"3174": ["kby baru"]})
    assert match == ChoiceMatch(expected, kind)


@pytest.mark.parametrize(
    "typed",
    [
        "4",
        "4 bintang",
        "⭐⭐⭐⭐",
        "⭐️⭐️⭐️⭐️",
        "⭐ ⭐ ⭐ ⭐",
        "empat",
        "bintang 4",
        "4 stars",
        "no 4",
    ],
)
def test_star_rating_reads_four_stars_however_typed(typed: str) -> None:
    match = match_typed_choice(typed, STARS)
    assert isinstance(match, ChoiceMatch)
    assert match.choice_id == "4"


@pytest.mark.parametrize("typed", ["⭐⭐⭐⭐⭐⭐", "😀", "6 bintang", "nol"])
def test_star_rating_refuses_what_is_not_one_to_five(typed: str) -> None:
    assert isinstance(match_typed_choice(typed, STARS), NoChoiceMatch)


@pytest.mark.parametrize(
    ("typed", "choices"),
    [
        ("pinjaman", [("move", "Pindah jadwal"), ("mine", "Jadwal saya")]),
        ("makanan", BUSINESS_STATUS),
        ("pinjaman", MAIN_MENU),
        ("modal gratis?", MAIN_MENU),
        ("cara daftar NIB", MAIN_MENU),
        ("kapan pelatihan di cengkareng", MAIN_MENU),
        ("bagaimana cara daftar ok oce di kecamatan saya", MAIN_MENU),
        ("halo kak", MAIN_MENU),
        ("asdfgh", MAIN_MENU),
        ("mas", CONSENT),
        ("sih", CONSENT),
        ("saya", MAIN_MENU),
        ("p", MAIN_MENU),
        ("!!!", MAIN_MENU),
        ("", MAIN_MENU),
        ("   ", CONSENT),
        ("bandung", KECAMATAN),
        ("ya tidak", CONSENT),
    ],
)
def test_unrelated_text_matches_no_choice(typed: str, choices: list[tuple[str, str]]) -> None:
    match = _match(typed, choices)
    assert isinstance(match, NoChoiceMatch), match


@pytest.mark.parametrize(
    ("typed", "choices", "near"),
    [
        ("pelatihan kuliner", MAIN_MENU, ("sessions",)),
        ("kebayoran bbbbb", KECAMATAN, ("3174", "3175")),
        ("profil sayaaa ku", MAIN_MENU, ("profile",)),
    ],
)
def test_refusal_names_the_close_candidates(
    typed: str, choices: list[tuple[str, str]], near: tuple[str, ...]
) -> None:
    refused = match_typed_choice(typed, choices)
    assert isinstance(refused, NoChoiceMatch)
    assert set(refused.near) == set(near)


def test_refusal_of_a_random_word_names_nothing() -> None:
    assert match_typed_choice("asdfgh", MAIN_MENU) == NoChoiceMatch()


@pytest.mark.parametrize(
    ("typed", "choices", "candidates"),
    [
        ("jadwal", [("find", "📅 Cari jadwal"), ("mine", "🗓️ Jadwal saya")], {"find", "mine"}),
        ("jadwal", BOOKINGS, {"find", "mine", "move"}),
        ("kebayoran", KECAMATAN, {"3174", "3175"}),
        ("kebayorn", KECAMATAN, {"3174", "3175"}),
        ("kec", KECAMATAN, None),
        ("saya", [("mine", "Jadwal saya"), ("profile", "Profil saya")], None),
        ("sama", [("a", "Sama"), ("b", "sama!")], {"a", "b"}),
    ],
)
def test_text_that_fits_several_choices_is_ambiguous(
    typed: str, choices: list[tuple[str, str]], candidates: set[str] | None
) -> None:
    match = match_typed_choice(typed, choices)
    if candidates is None:
        assert not isinstance(match, ChoiceMatch)
    else:
        assert isinstance(match, AmbiguousChoice)
        assert set(match.candidates) == candidates


def test_only_a_typo_fix_counts_as_a_correction() -> None:
    assert match_typed_choice("profl", MAIN_MENU) == ChoiceMatch("profile", MatchKind.FUZZY)
    assert ChoiceMatch("profile", MatchKind.FUZZY).corrected
    assert not ChoiceMatch("profile", MatchKind.PARTIAL).corrected
    assert not ChoiceMatch("profile", MatchKind.NUMBER).corrected


def test_a_sentence_is_not_matched_to_a_short_label() -> None:
    sentence = "saya mau tanya soal bahasa inggris untuk jualan online"
    assert isinstance(match_typed_choice(sentence, MAIN_MENU), NoChoiceMatch)


def test_number_counts_choices_as_shown_even_with_repeated_ids() -> None:
    choices = [("a", "Satu"), ("a", "Lagi"), ("b", "Tiga")]
    assert match_typed_choice("3", choices) == ChoiceMatch("b", MatchKind.NUMBER)


def test_no_choices_match_nothing() -> None:
    assert match_typed_choice("1", []) == NoChoiceMatch()


labels = st.text(max_size=40)
choice_lists = st.lists(st.tuples(st.text(min_size=1, max_size=8), labels), max_size=12)


@given(typed=st.text(max_size=80), choices=choice_lists, yes_first=st.booleans())
def test_any_text_and_labels_give_a_match_or_a_refusal(
    typed: str, choices: list[tuple[str, str]], yes_first: bool
) -> None:
    ids = {choice_id for choice_id, _label in choices}
    yes = {choices[0][0]} if choices and yes_first else set()
    match = match_typed_choice(typed, choices, yes=yes, synonyms={i: [typed[:3]] for i in ids})
    if isinstance(match, ChoiceMatch):
        assert match.choice_id in ids
    elif isinstance(match, AmbiguousChoice):
        assert len(match.candidates) >= 2
        assert set(match.candidates) <= ids
    else:
        assert isinstance(match, NoChoiceMatch)
        assert set(match.near) <= ids


@given(text=st.text(max_size=60))
def test_yes_or_no_never_fails(text: str) -> None:
    assert yes_or_no(text) in ("yes", "no", None)


label_text = st.text(alphabet="abcdeéklmnoprstuyAKS .,!?-✅📅⭐", min_size=1, max_size=30)


@given(label=label_text.filter(lambda s: any(ch.isalpha() for ch in s)))
def test_typing_a_label_as_shown_picks_it(label: str) -> None:
    choices = [("only", label), ("other", "Pilihan lain 0")]
    assert match_typed_choice(label, choices) == ChoiceMatch("only", MatchKind.EXACT)


@pytest.mark.parametrize("typed", ["ok", "oke", "ya", "gak"])
def test_a_yes_or_no_word_is_not_a_label_word(typed: str) -> None:
    """`ok` is not the OK of `Daftar OK OCE`: with no yes/no choice it picks nothing."""
    assert isinstance(match_typed_choice(typed, MAIN_MENU), NoChoiceMatch)
