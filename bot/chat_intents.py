"""Two things people type that are not questions about the programme.

Asking for a person (`mau bicara dengan petugas`, `admin`, `cs`, `tanya petugas`,
`talk to a human`): `read_person_request` says so, and whether the text also says
what it is about (`hubungi petugas soal pinjaman KUR`). Small talk (`halo kak`,
`makasih`, `ok`, `wkwk`): `small_talk` says which kind, so it gets the menu rather
than an answer found for the word `ok`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.typed_text import fold, squeeze


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PERSON_WORDS = _words(
    "petugas admin cs operator orang manusia staf staff pegawai koordinator "
    "human person agent someone somebody representative"
)
"""Words naming a person to talk to."""
PERSON_PHRASES = (("customer", "service"), ("call", "center"), ("real", "person"))
ASKING_WORDS = _words(
    "bicara berbicara ngomong omong ngobrol obrol hubungi menghubungi sambungkan sambungin "
    "tanya nanya bertanya tanyakan chat kontak minta talk speak contact connect reach chat"
)
"""Verbs of asking for someone: with one, a person word means "let me talk to them"."""
GLUE_WORDS = _words(
    "mau ingin pengen pingin pgn bisa boleh tolong dong deh ya yah kak ka min mimin gan "
    "sis bro pak bu mas mbak dengan dgn sama ke kepada sm aja saja saya sy aku gw gue "
    "langsung yang yg ada nya please pls i want to with a an the can need me my real "
    "live please speak"
)
"""Words that only make a request polite or complete: they say nothing about the question."""


@dataclass(frozen=True)
class PersonRequest:
    """The text asks for a person; `says_what` is True when it also says what about."""

    says_what: bool


def read_person_request(text: str) -> PersonRequest | None:
    """Whether `text` asks for a person, or None.

    A person word alone (`admin`, `orang`), or with a verb of asking (`mau ngomong sama
    admin`, `hubungi petugas soal KUR`), is a request; a person word in a question
    (`admin, cara daftar nib gimana`, `orang bekasi boleh ikut`) is not: it is the
    question that matters.
    """
    words = [squeeze(word) if len(word) > 3 else word for word in fold(text).split()]
    if not words:
        return None
    named = [i for i, word in enumerate(words) if word in PERSON_WORDS]
    for first, second in PERSON_PHRASES:
        for i in range(len(words) - 1):
            if (words[i], words[i + 1]) == (first, second):
                named += [i, i + 1]
    if not named:
        return None
    rest = [
        word
        for i, word in enumerate(words)
        if i not in named and word not in ASKING_WORDS and word not in GLUE_WORDS
    ]
    asking = any(word in ASKING_WORDS for word in words)
    if rest and not asking:
        return None
    return PersonRequest(says_what=bool(rest))


class SmallTalk(StrEnum):
    """What a message that asks nothing is."""

    GREETING = "greeting"
    THANKS = "thanks"
    OTHER = "other"
    """An acknowledgement (`ok`, `sip`), a test (`p`, `tes`), laughter, emoji."""


_GREETINGS = _words(
    "halo hallo helo hai hay hi hello hey pagi siang sore malam selamat assalamualaikum "
    "assalamu alaikum asalamualaikum salam permisi punten morning afternoon evening good"
)
_THANKS = _words("makasih terimakasih terima kasih thanks thank you thx tq ty tengkyu nuhun")
_ACKNOWLEDGEMENTS = _words(
    "ok oke okay okey okei ya iya y yoi sip siap baik mantap mantab noted paham "
    "tidak gak ga nggak ngga enggak no yes test tes testing coba p ping"
)
_ADDRESS = _words("kak ka kakak min mimin gan sis bro pak bu bang mas mbak mba admin dong deh")
_LAUGHTER = re.compile(r"^(?:w?k+w+k*)+$|^(?:ha)+h?$|^(?:he)+h?$|^(?:hi)+h?$|^x+d+$")


def small_talk(text: str) -> SmallTalk | None:
    """The kind of small talk `text` is, or None when it may say something.

    Text with no letters or digits at all (emoji, dots) is small talk too.
    """
    words = [squeeze(word) for word in fold(text).split()]
    meaningful = [word for word in words if word not in _ADDRESS]
    if not meaningful:
        return SmallTalk.GREETING if words else SmallTalk.OTHER
    kinds = set()
    for word in meaningful:
        if word in _THANKS:
            kinds.add(SmallTalk.THANKS)
        elif word in _GREETINGS:
            kinds.add(SmallTalk.GREETING)
        elif word in _ACKNOWLEDGEMENTS or _LAUGHTER.match(word):
            kinds.add(SmallTalk.OTHER)
        else:
            return None
    for kind in (SmallTalk.THANKS, SmallTalk.GREETING):
        if kind in kinds:
            return kind
    return SmallTalk.OTHER
