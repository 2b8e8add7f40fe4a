"""Asking for a person, and small talk, as people type them."""

from __future__ import annotations

import pytest

from bot.chat_intents import PersonRequest, SmallTalk, read_person_request, small_talk

ONLY_A_PERSON = PersonRequest(says_what=False)
WITH_A_QUESTION = PersonRequest(says_what=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("admin", ONLY_A_PERSON),
        ("cs", ONLY_A_PERSON),
        ("CS!!", ONLY_A_PERSON),
        ("operator", ONLY_A_PERSON),
        ("orang", ONLY_A_PERSON),
        ("tanya petugas", ONLY_A_PERSON),
        ("Tanya Petugas", ONLY_A_PERSON),
        ("mau bicara dengan petugas", ONLY_A_PERSON),
        ("mau ngomong sama admin dong", ONLY_A_PERSON),
        ("minta sambungkan ke operator", ONLY_A_PERSON),
        ("customer service", ONLY_A_PERSON),
        ("talk to a human", ONLY_A_PERSON),
        ("i want to speak to a real person", ONLY_A_PERSON),
        ("hubungi petugas soal pinjaman KUR", WITH_A_QUESTION),
        ("mau tanya ke admin, syarat kur apa", WITH_A_QUESTION),
        # a person word inside a question: the question is what counts
        ("admin, cara daftar nib gimana", None),
        ("orang bekasi boleh ikut", None),
        ("petugasnya ramah ga", None),
        ("pinjaman", None),
        ("Siti Aminah", None),
        ("", None),
    ],
)
def test_person_requests(text: str, expected: PersonRequest | None) -> None:
    assert read_person_request(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("halo", SmallTalk.GREETING),
        ("halo kak", SmallTalk.GREETING),
        ("Selamat pagi", SmallTalk.GREETING),
        ("assalamualaikum", SmallTalk.GREETING),
        ("kak", SmallTalk.GREETING),
        ("makasih kak", SmallTalk.THANKS),
        ("terima kasih", SmallTalk.THANKS),
        ("ok makasih", SmallTalk.THANKS),
        ("ok", SmallTalk.OTHER),
        ("oke sip", SmallTalk.OTHER),
        ("iyaaa", SmallTalk.OTHER),
        ("wkwkwk", SmallTalk.OTHER),
        ("hahaha", SmallTalk.OTHER),
        ("p", SmallTalk.OTHER),
        ("tes", SmallTalk.OTHER),
        ("😀😀", SmallTalk.OTHER),
        ("...", SmallTalk.OTHER),
        ("pinjaman", None),
        ("halo, cara daftar?", None),
        ("ok oce itu apa", None),
    ],
)
def test_small_talk(text: str, expected: SmallTalk | None) -> None:
    assert small_talk(text) == expected
