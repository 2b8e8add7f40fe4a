"""Matching a typed answer against the choices a question offered.

On WhatsApp most people type instead of tapping: `stuju`, `no 2`, `iya kak`, `profil`,
`⭐⭐⭐⭐`. This module says which choice such a text means, how it was understood, or
that it means none (naming close candidates) or several.

"batal" is deliberately not a "no" word: it is the global cancel command, which the
engine handles before any question sees the text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from bot.typed_text import fold, squeeze, symbols_of


class MatchKind(StrEnum):
    """How a typed text was matched to a choice."""

    EXACT = "exact"
    """The label itself, ignoring case, accents, emoji, punctuation and spacing."""
    NUMBER = "number"
    """The choice's position as shown, 1-based: `2`, `no. 2`, `pilih 2`, `dua`."""
    YES_NO = "yes_no"
    """A yes or no word (`iya`, `gak jadi`) for a choice that means yes or no."""
    SYNONYM = "synonym"
    """One of the extra words the question gave for the choice."""
    PARTIAL = "partial"
    """Distinctive whole words of one label: `profil` for `👤 Profil saya`."""
    FUZZY = "fuzzy"
    """A typo of a label, synonym or yes/no word: `stuju` for `✅ Setuju`."""


@dataclass(frozen=True)
class ChoiceMatch:
    """The one choice a typed text means, and how it was understood."""

    choice_id: str
    kind: MatchKind

    @property
    def corrected(self) -> bool:
        """True when a typo was corrected, so the next prompt can say what was understood."""
        return self.kind is MatchKind.FUZZY


@dataclass(frozen=True)
class NoChoiceMatch:
    """The text means none of the choices; `near` holds close ones (best first), if any."""

    near: tuple[str, ...] = ()


@dataclass(frozen=True)
class AmbiguousChoice:
    """The text fits several choices equally well; ask which one."""

    candidates: tuple[str, ...]


TypedChoice = ChoiceMatch | NoChoiceMatch | AmbiguousChoice
YesOrNo = Literal["yes", "no"]


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


def _squeezed(spaced: str) -> frozenset[str]:
    return frozenset(squeeze(word) for word in spaced.split())


# Yes and no words are compared squeezed (`iyaaa`, `nggak` → `iya`, `ngak`).
_YES_WORDS = _squeezed(
    "ya iya iye y yes yep yup ok oke okey okay okeh sip siap boleh setuju benar bener "
    "betul lanjut lanjutkan mau gas jadi"
)
_NO_WORDS = _squeezed(
    "tidak tdk tak nggak ngga nggk ngak gak ga gk enggak engga nda ndak no nope jangan "
    "jgn bukan ogah"
)
_AFTER_NO = _squeezed("jadi usah perlu mau setuju boleh dulu")
"""Words that keep a leading no meaning no: `gak jadi`, `tidak usah`, `ga mau`."""
_COURTESY = _words(
    "kak ka kakak min mimin admin pak bu bang mas mba mbak dong deh sih nih aja saja "
    "please pls plis tolong mohon makasih terimakasih thanks thx tq"
)
"""Words people add out of politeness; they never change which choice is meant."""
_INTENT = _words("mau pilih lihat liat buka cek ke yang yg")
"""Words that say "I want this one" in front of a label: `mau cari pelatihan`."""
_GENERIC = _words("saya anda kec kecamatan kel kelurahan yang di ke dan atau untuk")
"""Words too common in labels to pick one on their own."""
_NEGATIONS = frozenset({"tidak", "tdk", "gak", "ga", "nggak", "jangan", "bukan", "belum"})
"""A label word after one of these is never matched alone (`jadi` is not `Tidak jadi`)."""

_NUMBER_WORDS = {
    word: number
    for number, words in enumerate(
        (
            "satu pertama one first",
            "dua kedua two second",
            "tiga ketiga three third",
            "empat keempat four fourth",
            "lima kelima five fifth",
            "enam keenam six sixth",
            "tujuh ketujuh seven seventh",
            "delapan kedelapan eight eighth",
            "sembilan kesembilan nine ninth",
            "sepuluh kesepuluh ten tenth",
        ),
        start=1,
    )
    for word in words.split()
}
_NUMBER_LEAD = _words(
    "no nomor nomer nmr nr number pilih pilihan opsi option yg yang ke angka bintang"
)
_NUMBER_TAIL = _words("bintang star stars ya") | _COURTESY
_GLUED_NUMBER = re.compile(r"(?:no|nomor|nomer|nmr)?(\d{1,3})")

MIN_FUZZY_LETTERS = 4
"""Shorter texts are too easily one edit away from anything."""
NEAR_SCORE = 70.0
"""A rapidfuzz ratio at least this high makes a choice worth naming in a refusal."""
MAX_NEAR = 3


@dataclass(frozen=True)
class _Option:
    choice_id: str
    folded: str
    words: tuple[str, ...]
    symbols: str
    synonyms: tuple[str, ...]


def match_typed_choice(
    typed: str,
    choices: Sequence[tuple[str, str]],
    *,
    synonyms: Mapping[str, Sequence[str]] | None = None,
    yes: Collection[str] = (),
    no: Collection[str] = (),
    numbered: int | None = None,
) -> TypedChoice:
    """Which of `choices` (`(choice_id, label)` as shown, in order) the typed text means.

    `synonyms` gives extra words per choice id; `yes` and `no` name the choice ids that
    mean yes and no, so `iya` or `gak jadi` can pick them. Tried in order: the label,
    the number, a synonym, a yes/no word, distinctive words of a label, then typos. A yes
    or no word picks only a choice that means yes or no.
    `numbered` says how many of the first choices carry a number (the page on screen
    of a longer list, whose other choices can still be named); all of them by default.
    """
    options = _options(choices, synonyms or {})
    text = fold(typed)
    core = _without(text, _COURTESY) or text
    if not options or not (text or symbols_of(typed)):
        return NoChoiceMatch()
    exact = [o.choice_id for o in options if _is_label(o, text, core, symbols_of(typed))]
    if exact:
        return _one_of(exact, MatchKind.EXACT)
    number = _number(text)
    if number is not None:
        if 1 <= number <= (len(choices) if numbered is None else min(numbered, len(choices))):
            return ChoiceMatch(choices[number - 1][0], MatchKind.NUMBER)
        return NoChoiceMatch()
    same_as_synonym = [o.choice_id for o in options if _is_synonym(o, core)]
    if same_as_synonym:
        return _one_of(same_as_synonym, MatchKind.SYNONYM)
    answer = yes_or_no(text)
    meant = _meaning(answer, options, yes, no)
    if meant:
        return _one_of(meant, MatchKind.YES_NO)
    if answer is not None:  # `ok` is not the OK of `Daftar OK OCE`
        return NoChoiceMatch()
    partial = _partial(core, options)
    if partial:
        return _one_of(partial, MatchKind.PARTIAL)
    fuzzy = _fuzzy(core, options)
    if fuzzy:
        return _one_of(fuzzy, MatchKind.FUZZY)
    meant = _meaning(_yes_or_no_typo(core), options, yes, no)
    if meant:
        return _one_of(meant, MatchKind.FUZZY)
    return NoChoiceMatch(_near(core, options))


def yes_or_no(text: str) -> YesOrNo | None:
    """Whether a typed text says yes (`iya kak`, `ok lanjut`) or no (`gak jadi`), or neither."""
    words = [squeeze(word) for word in fold(text).split() if word not in _COURTESY]
    if not words:
        return None
    if words[0] in _NO_WORDS and all(w in _YES_WORDS or w in _AFTER_NO for w in words[1:]):
        return "no"
    if all(word in _YES_WORDS for word in words):
        return "yes"
    return None


def _options(
    choices: Sequence[tuple[str, str]], synonyms: Mapping[str, Sequence[str]]
) -> list[_Option]:
    options: dict[str, _Option] = {}
    for choice_id, label in choices:
        if choice_id in options:
            continue
        folded = fold(label)
        extra = tuple(s for s in (fold(word) for word in synonyms.get(choice_id, ())) if s)
        options[choice_id] = _Option(
            choice_id, folded, tuple(folded.split()), symbols_of(label), extra
        )
    return list(options.values())


def _one_of(choice_ids: Sequence[str], kind: MatchKind) -> TypedChoice:
    distinct = tuple(dict.fromkeys(choice_ids))
    if len(distinct) == 1:
        return ChoiceMatch(distinct[0], kind)
    return AmbiguousChoice(distinct)


def _without(text: str, words: frozenset[str]) -> str:
    return " ".join(word for word in text.split() if word not in words)


def _is_label(option: _Option, text: str, core: str, symbols: str) -> bool:
    if option.folded:
        return option.folded in (text, core)
    # A label of emoji only (`⭐⭐⭐`): the emoji typed must be the same.
    return not text and bool(option.symbols) and option.symbols == symbols


def _is_synonym(option: _Option, core: str) -> bool:
    return bool(core) and any(squeeze(core) == squeeze(s) for s in option.synonyms)


def _number(text: str) -> int | None:
    """The position a text names: `2`, `no 2`, `pilih dua`, `yg ke 2`, `4 bintang`."""
    words = text.split()
    while words and words[0] in _NUMBER_LEAD:
        words = words[1:]
    while len(words) > 1 and words[-1] in _NUMBER_TAIL:
        words = words[:-1]
    if len(words) != 1:
        return None
    word = words[0]
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    glued = _GLUED_NUMBER.fullmatch(word)
    return int(glued.group(1)) if glued and glued.group(1).isascii() else None


def _meaning(
    answer: YesOrNo | None, options: list[_Option], yes: Collection[str], no: Collection[str]
) -> list[str]:
    if answer is None:
        return []
    wanted = yes if answer == "yes" else no
    return [o.choice_id for o in options if o.choice_id in wanted]


def _yes_or_no_typo(core: str) -> YesOrNo | None:
    """Yes or no for one word one slip away from a yes/no word (`iy`, `oek`, `tidk`)."""
    word = squeeze(core)
    if " " in word or len(word) < 2 or not word.isalpha():
        return None
    sides = set()
    for side, words in (("yes", _YES_WORDS), ("no", _NO_WORDS)):
        if any(_one_slip(word, known) for known in words if len(known) >= 3):
            sides.add(side)
    if len(sides) != 1:
        return None
    return "yes" if "yes" in sides else "no"


def _one_slip(typed: str, known: str) -> bool:
    """One edit apart; for 3-letter words only a dropped or swapped letter (`mas` ≠ `mau`)."""
    if OSA.distance(typed, known) != 1:
        return False
    return len(known) >= 4 or len(typed) < len(known) or sorted(typed) == sorted(known)


def _partial(core: str, options: list[_Option]) -> list[str]:
    """Choices whose label holds the typed words as a run of whole words (or a word start)."""
    words = tuple(_without(core, _INTENT).split()) or tuple(core.split())
    if not words or all(w in _GENERIC or len(w) < 2 for w in words):
        return []
    whole = [o.choice_id for o in options if _holds(o.words, words, prefix=False)]
    if whole:
        return whole
    if len(words[-1]) < 3:
        return []
    return [o.choice_id for o in options if _holds(o.words, words, prefix=True)]


def _holds(label: tuple[str, ...], words: tuple[str, ...], *, prefix: bool) -> bool:
    size = len(words)
    for start in range(len(label) - size + 1):
        if start > 0 and label[start - 1] in _NEGATIONS:
            continue
        window = label[start : start + size]
        if window[:-1] != words[:-1]:
            continue
        last, typed_last = window[-1], words[-1]
        if typed_last == last or (prefix and last.startswith(typed_last)):
            return True
    return False


def _allowed_slips(length: int) -> int:
    """Typos tolerated in a text of this many characters."""
    if length < MIN_FUZZY_LETTERS:
        return 0
    if length < 8:
        return 1
    if length < 15:
        return 2
    return 3


def _fuzzy(core: str, options: list[_Option]) -> list[str]:
    """The choices whose label (or a run of its words) is fewest typos away, if few enough."""
    if sum(ch.isalpha() for ch in core) < MIN_FUZZY_LETTERS:
        return []
    best: dict[str, float] = {}
    for option in options:
        for target in _targets(core, option):
            slips = OSA.distance(core, target, score_cutoff=_allowed_slips(len(target)))
            if slips <= _allowed_slips(len(target)):
                relative = slips / len(target)
                best[option.choice_id] = min(best.get(option.choice_id, 1.0), relative)
    if not best:
        return []
    lowest = min(best.values())
    return [choice_id for choice_id, relative in best.items() if relative == lowest]


def _targets(core: str, option: _Option) -> list[str]:
    """What a typed text may be a typo of: the label (also without words like `kec`), a
    synonym, or a run of label words.

    A text with more words than the label is not compared with runs of it, so a typed
    sentence never lands on a short label.
    """
    distinctive = " ".join(word for word in option.words if word not in _GENERIC)
    targets = [option.folded, distinctive, *option.synonyms]
    size = len(core.split())
    for start in range(len(option.words) - size + 1):
        if start > 0 and option.words[start - 1] in _NEGATIONS:
            continue
        window = option.words[start : start + size]
        if all(word in _GENERIC for word in window):
            continue
        targets.append(" ".join(window))
    return [t for t in targets if t]


def _near(core: str, options: list[_Option]) -> tuple[str, ...]:
    """Choices close enough to name in a refusal, best first."""
    if sum(ch.isalpha() for ch in core) < MIN_FUZZY_LETTERS:
        return ()
    scored = []
    for option in options:
        score = max(
            fuzz.token_set_ratio(core, option.folded),
            max((fuzz.ratio(core, t) for t in _targets(core, option)), default=0.0),
        )
        if score >= NEAR_SCORE:
            scored.append((score, option.choice_id))
    scored.sort(key=lambda pair: -pair[0])
    return tuple(choice_id for _score, choice_id in scored[:MAX_NEAR])
