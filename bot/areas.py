"""DKI Jakarta's kota, kecamatan and kelurahan, and matching what people type.

People type area names the way they say them: `jaksel` for a kota, `kby baru`, `kb
lama`, `ps minggu`, `tj priok` for a kecamatan, with typos (`cengkarng`). Common
abbreviations are spelled out before fuzzy matching, and an abbreviation that can
mean two words (`kb`: Kebayoran or Kebon) is tried both ways, so the answer is a
question back rather than a guess.

The data is the shipped copy of `idn-area-data` (ODbL, see `bot/data/README.md`).
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process, utils

MATCH_THRESHOLD = 80.0
"""Below this score a typed name is not taken as a match at all."""
CLEAR_LEAD = 8.0
"""A best match this far ahead of the runner-up is taken without asking back."""
KOTA_TYPO_SCORE = 90.0
"""A kota nickname needs to be this close (`jaksl` for `jaksel`): they are short and alike."""
_KOTA_PREFIXES = ("Kota Administrasi ", "Kabupaten Administrasi ")

# Words that say what kind of area follows, not which one.
_AREA_KIND_WORDS = frozenset({"kecamatan", "kec", "kelurahan", "kel", "desa"})
_STREET_WORDS = frozenset({"jl", "jln", "jalan"})
_KOTA_KIND_WORDS = frozenset({"kota", "kab", "kabupaten", "adm", "administrasi", "dki"})

# Abbreviations as Jakartans write them. `kb` is Kebayoran (`kb lama`) as often as
# Kebon (`kb jeruk`), so both are tried. An expanded word must be in the area's name:
# `pd gede` (Pondok Gede, in Bekasi) then matches nothing rather than something close.
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("kby", "keb", "kebay"), ("kebayoran",)),
    "kb": ("kebayoran", "kebon"),
    **dict.fromkeys(("ps", "psr"), ("pasar",)),
    **dict.fromkeys(("tj", "tg", "tjg"), ("tanjung",)),
    **dict.fromkeys(("kp", "kpg", "kmp"), ("kampung",)),
    **dict.fromkeys(("pd", "pdk"), ("pondok",)),
    "klp": ("kelapa",),
    "kep": ("kepulauan",),
    **dict.fromkeys(("sel", "slt"), ("selatan",)),
    "utr": ("utara",),
}
# WRatio's own weight for its rearranged-token scores, given to the spaceless comparison
# so that a near miss (`pulo gebang` for Pulogadung) stays below the threshold.
_REARRANGED_WEIGHT = 0.95
# WRatio starts comparing parts of the longer text at this length ratio.
_LONGER_THAN_NAME = 1.5
# More ways to read one typed name than this are not tried (`kb kb kb kb`).
_MAX_SPELLINGS = 8

# Kota nicknames: `jaksel`, `jkt selatan`, `jakarta sel`; written without spaces.
_JAKARTA_HEADS = ("jakarta", "jkt", "jak")
_DIRECTION_TAILS = {
    "selatan": ("selatan", "sel", "slt"),
    "pusat": ("pusat", "pus", "pst"),
    "barat": ("barat", "bar", "brt"),
    "timur": ("timur", "tim", "tmr"),
    "utara": ("utara", "ut", "utr"),
}
_SERIBU_NAMES = (
    "kepulauanseribu",
    "kepseribu",
    "pulauseribu",
    "pulaupulauseribu",
    "kepulauan1000",
    "kep1000",
    "pulau1000",
    "seribu",
)

T = TypeVar("T")


@dataclass(frozen=True)
class Kota:
    code: str
    name: str

    @property
    def short_name(self) -> str:
        """`Jakarta Selatan` rather than `Kota Administrasi Jakarta Selatan`."""
        for prefix in _KOTA_PREFIXES:
            if self.name.startswith(prefix):
                return self.name.removeprefix(prefix)
        return self.name


@dataclass(frozen=True)
class Kecamatan:
    code: str
    name: str
    kota: Kota

    @property
    def compact_code(self) -> str:
        """The Kemendagri code without dots (`317401`), used in member numbers."""
        return self.code.replace(".", "")


@dataclass(frozen=True)
class Kelurahan:
    code: str
    name: str
    kecamatan: Kecamatan


@dataclass(frozen=True)
class AreaMatch(Generic[T]):
    """What a typed name matched: one clear area, several candidates, or nothing.

    `corrected` says the clear match is not what was typed, even ignoring case,
    spaces and `kec.` (`kby baru`, `cengkarng`), so the next prompt can say what was
    understood ("Kebayoran Baru, ya."). `kota` is set when a kota was typed instead
    of a kecamatan (`jaksel`); `candidates` then lists that kota's kecamatan.
    `kelurahan` is set when a kelurahan was typed instead (`kp melayu`) and `best`
    is its kecamatan.
    """

    best: T | None
    candidates: tuple[T, ...]
    corrected: bool = False
    kota: Kota | None = None
    kelurahan: Kelurahan | None = None


class AreaDirectory:
    """All areas of DKI Jakarta, looked up by code or by a typed name."""

    def __init__(self, rows: Sequence[dict[str, str]]) -> None:
        kotas: dict[str, Kota] = {}
        kecamatans: dict[str, Kecamatan] = {}
        kelurahans: dict[str, Kelurahan] = {}
        for row in rows:
            kota = kotas.setdefault(row["kota_code"], Kota(row["kota_code"], row["kota"]))
            kecamatan = kecamatans.setdefault(
                row["kecamatan_code"], Kecamatan(row["kecamatan_code"], row["kecamatan"], kota)
            )
            kelurahans[row["kelurahan_code"]] = Kelurahan(
                row["kelurahan_code"], row["kelurahan"], kecamatan
            )
        self.kotas = tuple(sorted(kotas.values(), key=lambda k: k.code))
        self._kecamatans = kecamatans
        self._kelurahans = kelurahans
        self._kota_nicknames = {
            nickname: kota for kota in self.kotas for nickname in _nicknames(kota)
        }
        self._kelurahans_by_compact_name = {"".join(_words(k.name)): k for k in kelurahans.values()}

    @property
    def kecamatans(self) -> tuple[Kecamatan, ...]:
        return tuple(self._kecamatans.values())

    def kota(self, code: str) -> Kota | None:
        return next((k for k in self.kotas if k.code == code), None)

    def kecamatan(self, code: str) -> Kecamatan | None:
        return self._kecamatans.get(code)

    def kelurahan(self, code: str) -> Kelurahan | None:
        return self._kelurahans.get(code)

    def kecamatans_in(self, kota_code: str) -> list[Kecamatan]:
        return sorted(
            (k for k in self._kecamatans.values() if k.kota.code == kota_code),
            key=lambda k: k.name,
        )

    def kelurahans_in(self, kecamatan_code: str) -> list[Kelurahan]:
        return sorted(
            (k for k in self._kelurahans.values() if k.kecamatan.code == kecamatan_code),
            key=lambda k: k.name,
        )

    def match_kota(self, typed: str) -> Kota | None:
        """The kota a typed name means (`jaksel`, `Jakarta Selatan`, `kep seribu`), or None."""
        compact = "".join(w for w in _words(typed) if w not in _KOTA_KIND_WORDS)
        if compact in self._kota_nicknames:
            return self._kota_nicknames[compact]
        if len(compact) < 5:
            return None
        close = process.extract(
            compact,
            list(self._kota_nicknames),
            scorer=fuzz.ratio,
            score_cutoff=KOTA_TYPO_SCORE,
            limit=None,
        )
        kotas = {self._kota_nicknames[nickname] for nickname, _score, _index in close}
        return kotas.pop() if len(kotas) == 1 else None

    def match_kecamatan(self, typed: str) -> AreaMatch[Kecamatan]:
        """Match a typed kecamatan name with typo tolerance (`kby baru`, `cengkarng`).

        A kota typed instead (`jaksel`) comes back as `kota` with its kecamatan as
        candidates; a kelurahan name typed exactly (`kp melayu`) gives its kecamatan;
        a kota typed beside the name (`tebet jaksel`) narrows the search.
        """
        words = _words(typed)
        kecamatans = list(self._kecamatans.values())
        compact = "".join(words)
        exact = next((k for k in kecamatans if "".join(_words(k.name)) == compact), None)
        if exact is not None or not words:
            return AreaMatch(exact, ())
        kota = self.match_kota(typed)
        if kota is not None:
            return AreaMatch(None, tuple(self.kecamatans_in(kota.code)), kota=kota)
        by_kelurahan = self._kecamatan_of_kelurahan(words)
        if by_kelurahan is not None:
            return by_kelurahan
        for kota, rest in self._kota_beside(words):
            within = _match(rest, self.kecamatans_in(kota.code), lambda k: k.name)
            if within.best is not None or within.candidates:
                return within
            elsewhere = _match(rest, kecamatans, lambda k: k.name)
            if elsewhere.best is not None:  # `tebet jakbar`: the kota was wrong, so say so
                return replace(elsewhere, corrected=True)
        return _match(words, kecamatans, lambda k: k.name)

    def match_kelurahan(self, typed: str, kecamatan_code: str) -> AreaMatch[Kelurahan]:
        """Match a typed kelurahan name within one kecamatan."""
        return _match(_words(typed), self.kelurahans_in(kecamatan_code), lambda k: k.name)

    def match_kelurahan_anywhere(self, typed: str) -> AreaMatch[Kelurahan]:
        """Match a kelurahan name in all of Jakarta, for people who know it better (`kp melayu`)."""
        return _match(_words(typed), list(self._kelurahans.values()), lambda k: k.name)

    def _kecamatan_of_kelurahan(self, words: list[str]) -> AreaMatch[Kecamatan] | None:
        """The kecamatan of a kelurahan named exactly, abbreviations spelled out."""
        named = {
            found.code: found
            for spelling, _expanded in _spellings(words)
            if (found := self._kelurahans_by_compact_name.get(spelling.replace(" ", "")))
        }
        if not named:
            return None
        if len(named) == 1:
            (kelurahan,) = named.values()
            return AreaMatch(kelurahan.kecamatan, (), corrected=True, kelurahan=kelurahan)
        kecamatans = sorted({k.kecamatan for k in named.values()}, key=lambda k: k.name)
        if len(kecamatans) == 1:
            return AreaMatch(kecamatans[0], (), corrected=True)
        return AreaMatch(None, tuple(kecamatans))

    def _kota_beside(self, words: list[str]) -> Iterator[tuple[Kota, list[str]]]:
        """A kota nickname before or after the rest (`tebet jaksel`, `jakbar kalideres`)."""
        for size in range(1, min(3, len(words) - 1) + 1):
            for nickname, rest in ((words[-size:], words[:-size]), (words[:size], words[size:])):
                compact = "".join(w for w in nickname if w not in _KOTA_KIND_WORDS)
                kota = self._kota_nicknames.get(compact)
                if kota is not None:
                    yield kota, rest


def _nicknames(kota: Kota) -> Iterator[str]:
    """How people write a kota, without spaces: `jaksel`, `jakartaselatan`, `kepseribu`."""
    name = utils.default_process(kota.short_name)
    if name == "kepulauan seribu":
        yield from _SERIBU_NAMES
        return
    head, _, direction = name.partition(" ")
    if head != "jakarta" or direction not in _DIRECTION_TAILS:
        yield name.replace(" ", "")
        return
    for start, end in itertools.product(_JAKARTA_HEADS, _DIRECTION_TAILS[direction]):
        yield start + end


def _words(typed: str) -> list[str]:
    """Lowercase words without punctuation, a leading `kec.`/`kel.` or street words."""
    words = [w for w in utils.default_process(typed).split() if w not in _STREET_WORDS]
    while words and words[0] in _AREA_KIND_WORDS:
        words.pop(0)
    return words


def _spellings(words: list[str]) -> Iterator[tuple[str, frozenset[str]]]:
    """Each way to read the words with abbreviations spelled out, and the words spelled out."""
    choices = [_ABBREVIATIONS.get(word, (word,)) for word in words]
    for spelling in itertools.islice(itertools.product(*choices), _MAX_SPELLINGS):
        expanded = frozenset(
            full for word, full in zip(words, spelling, strict=True) if word != full
        )
        yield " ".join(spelling), expanded


def _score(query: str, name: str) -> float:
    """WRatio, or closeness ignoring spaces (`kali deres`, `pasminggu`).

    People shorten names (`mampang`, `jatineg`), they do not pad them, so a typed
    text much longer than the name is only compared whole: `jatiwaringin` (Bekasi)
    must not match the kelurahan Jati just because it contains it.
    """
    compact = fuzz.ratio(query.replace(" ", ""), name.replace(" ", ""))
    if len(query) > _LONGER_THAN_NAME * len(name):
        return compact
    return max(fuzz.WRatio(query, name), compact * _REARRANGED_WEIGHT)


def _match(words: list[str], areas: list[T], name_of: Callable[[T], str]) -> AreaMatch[T]:
    if not words or not areas:
        return AreaMatch(None, ())
    names = [_words(name_of(area)) for area in areas]
    scores: dict[int, float] = {}
    for query, expanded in _spellings(words):
        for index, name_words in enumerate(names):
            if expanded <= set(name_words):
                score = _score(query, " ".join(name_words))
                scores[index] = max(score, scores.get(index, 0.0))
    good = sorted(
        ((score, index) for index, score in scores.items() if score >= MATCH_THRESHOLD),
        key=lambda scored: (-scored[0], scored[1]),
    )[:5]
    if not good:
        return AreaMatch(None, ())
    top_score, top_index = good[0]
    runner_up = good[1][0] if len(good) > 1 else 0.0
    if top_score >= 100.0 or top_score - runner_up >= CLEAR_LEAD:
        corrected = "".join(words) != "".join(names[top_index])
        return AreaMatch(areas[top_index], (), corrected=corrected)
    return AreaMatch(
        None, tuple(areas[index] for score, index in good if score >= top_score - CLEAR_LEAD)
    )


@cache
def jakarta_areas() -> AreaDirectory:
    """The shipped directory of DKI Jakarta areas (loaded once, read-only)."""
    text = resources.files("bot").joinpath("data/jakarta_areas.csv").read_text("utf-8")
    return AreaDirectory(list(csv.DictReader(text.splitlines())))
