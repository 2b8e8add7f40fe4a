"""A typed answer against the question on screen, per kind of choice: the engine's table.

Each case lays a real prompt out as the engine does (`lay_out`, for WhatsApp's
limits), notes it (`PromptState`), and reads a typed text against it.
"""

from __future__ import annotations

import pytest

from bot.messages import Choice, Incoming
from conversations.flow import NO, YES, Entry, Prompt
from conversations.prompt_state import (
    NEXT_PAGE,
    PREVIOUS_PAGE,
    PromptState,
    Resolution,
    lay_out,
    offered,
    resolve_choice,
)
from handlers.whatsapp import WHATSAPP_LIMITS

CONSENT = Prompt("Setuju?", [Choice(YES, "✅ Setuju"), Choice(NO, "Tidak setuju")])
SUMMARY = Prompt(
    "Periksa data Anda:",
    [Choice("save", "✅ Simpan"), Choice("edit", "✏️ Ubah"), Choice("cancel", "✖️ Batal")],
    yes=("save",),
    no=(),
    synonyms={"edit": ("ganti",)},
)
OWN_NUMBER = Prompt(
    "Pakai nomor WhatsApp ini, atau ketik nomor lain.",
    [Choice("use", "📱 Pakai nomor ini")],
    yes=("use",),
)
SECTORS = Prompt(
    "Bidang usahanya apa?",
    [
        Choice("kuliner", "Kuliner"),
        Choice("fesyen", "Fesyen"),
        Choice("kriya", "Kriya / kerajinan"),
        Choice("jasa", "Jasa"),
        Choice("agribisnis", "Agribisnis"),
        Choice("perdagangan", "Perdagangan"),
        Choice("lainnya", "Lainnya"),
    ],
)
KELURAHAN_NAMES = [
    f"Kelurahan {name}"
    for name in [
        "Angke",
        "Duri",
        "Jembatan",
        "Kalianyar",
        "Krendang",
        "Pekojan",
        "Roa",
        "Tambora",
        "Tanah",
        "Sereal",
        "Lima",
        "Besi",
    ]
]
KELURAHAN = Prompt(
    "Kelurahannya apa?", [Choice(f"k{n}", name) for n, name in enumerate(KELURAHAN_NAMES)]
)
SESSIONS = Prompt(
    "Jadwal terdekat. Pilih nomornya:",
    [Choice("topic", "↩ Topik lain"), Choice("menu", "↩ Menu")],
    entries=[
        Entry(f"s{n}", f"Sab {n} Des 09.00", f"Sab {n} Des 09.00 · Tebet\nKlinik P2 · sisa 5 kursi")
        for n in range(1, 10)
    ],
)


def _state(prompt: Prompt, page: int = 0) -> PromptState:
    screen = lay_out(prompt, page, WHATSAPP_LIMITS)
    return PromptState(
        page=screen.page,
        shown=tuple(choice.id for choice in screen.shown),
        options=tuple(screen.options),
        numbered=screen.numbered,
        yes=offered(list(prompt.yes), screen.options),
        no=offered(list(prompt.no), screen.options),
        synonyms={k: tuple(v) for k, v in prompt.synonyms.items()},
    )


def _typed(prompt: Prompt, text: str, page: int = 0) -> str | None:
    incoming = Incoming(channel="test", user_id="1", event_id="1", text=text)
    return resolve_choice(incoming, _state(prompt, page), 0).choice


@pytest.mark.parametrize(
    ("prompt", "typed", "expected"),
    [
        # yes/no
        (CONSENT, "setuju", YES),
        (CONSENT, "Setuju", YES),
        (CONSENT, "ok", YES),
        (CONSENT, "oke", YES),
        (CONSENT, "ya", YES),
        (CONSENT, "iya kak", YES),
        (CONSENT, "y", YES),
        (CONSENT, "sip", YES),
        (CONSENT, "boleh", YES),
        (CONSENT, "benar", YES),
        (CONSENT, "lanjut", YES),
        (CONSENT, "tidak", NO),
        (CONSENT, "nggak", NO),
        (CONSENT, "gak", NO),
        (CONSENT, "ga", NO),
        (CONSENT, "jangan", NO),
        (CONSENT, "tidak jadi", NO),
        (CONSENT, "1", YES),
        (CONSENT, "1.", YES),
        (CONSENT, "no 1", YES),
        (CONSENT, "nomor 2", NO),
        # a choice named as the prompt says it means yes; others by their words
        (SUMMARY, "simpan", "save"),
        (SUMMARY, "ok", "save"),
        (SUMMARY, "ubah", "edit"),
        (SUMMARY, "ganti", "edit"),  # a synonym
        (SUMMARY, "tidak", None),  # no choice here means no
        # one choice beside free text: a number typed, or "another one", is not it
        (OWN_NUMBER, "ok", "use"),
        (OWN_NUMBER, "pakai nomor ini", "use"),
        (OWN_NUMBER, "yang ini", "use"),
        (OWN_NUMBER, "nomor lain", None),
        (OWN_NUMBER, "0812 3456 7890", None),
        # lists, by words, numbers and typos
        (SECTORS, "kuliner", "kuliner"),
        (SECTORS, "KERAJINAN", "kriya"),
        (SECTORS, "4", "jasa"),
        (SECTORS, "kulinr", "kuliner"),
        (SECTORS, "pedagangan", "perdagangan"),
        (SECTORS, "pinjaman", None),
    ],
)
def test_a_typed_answer_picks_the_choice_it_means(
    prompt: Prompt, typed: str, expected: str | None
) -> None:
    assert _typed(prompt, typed) == expected


def test_a_paged_list_counts_numbers_on_the_page_shown_and_names_any_page() -> None:
    assert _typed(KELURAHAN, "1") == "k0"
    assert _typed(KELURAHAN, "1", page=1) == "k8"  # the second page starts at the ninth
    assert _typed(KELURAHAN, "kelurahan besi", page=0) == "k11"  # on another page
    assert _typed(KELURAHAN, "berikutnya") == NEXT_PAGE
    assert _typed(KELURAHAN, "sebelumnya", page=1) == PREVIOUS_PAGE


def test_numbered_entries_count_on_the_page_shown() -> None:
    first = lay_out(SESSIONS, 0, WHATSAPP_LIMITS)
    second = lay_out(SESSIONS, 1, WHATSAPP_LIMITS)
    assert first.text.startswith("Jadwal terdekat. Pilih nomornya:\n1. Sab 1 Des 09.00 · Tebet")
    assert "   Klinik P2 · sisa 5 kursi" in first.text
    assert [c.label for c in first.shown][:2] == ["1. Sab 1 Des 09.00", "2. Sab 2 Des 09.00"]
    on_first = len(first.shown) - 3  # the entries, before two fixed choices and "next"
    assert second.shown[0].label == f"1. Sab {on_first + 1} Des 09.00"
    assert _typed(SESSIONS, "2") == "s2"
    assert _typed(SESSIONS, "2", page=1) == f"s{on_first + 2}"
    assert _typed(SESSIONS, f"{on_first + 1}") == "topic"  # then the choices on every page
    assert _typed(SESSIONS, "sab 9 des") == "s9"  # an entry on another page, by its words
    assert _typed(SESSIONS, "menu") == "menu"


def test_a_typo_is_said_back_and_a_near_miss_names_the_close_ones() -> None:
    incoming = Incoming(channel="test", user_id="1", event_id="1", text="stuju")
    assert resolve_choice(incoming, _state(CONSENT), 0) == Resolution(YES, understood="✅ Setuju")
    near = Incoming(channel="test", user_id="1", event_id="2", text="kelurahan")
    assert len(resolve_choice(near, _state(KELURAHAN), 0).near) > 1


def test_a_hash_number_is_a_record_not_a_position() -> None:
    assert _typed(SESSIONS, "#2") is None


def test_a_button_of_an_old_question_is_stale() -> None:
    state = _state(CONSENT)
    pressed = Incoming(channel="test", user_id="1", event_id="1", choice="0:yes")
    assert resolve_choice(pressed, state, 0) == Resolution(YES)
    assert resolve_choice(pressed, state, 1).stale
