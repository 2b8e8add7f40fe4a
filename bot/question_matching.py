"""Scoring a typed question against the known ways of asking it.

People write `gmn cara dapet pinjaman` or `brp biaya nya`; the FAQ knows `cara dapat
pinjaman usaha` and `berapa biayanya`. Both sides are folded (`bot.typed_text`), slang is
spelled out (`gmn` → `bagaimana`), Jakarta verb forms are tried in their standard form
(`pinjem` → `pinjam`, `jualin` → `jualkan`), words are stemmed with Snowball (Indonesian
or English), and the typed words are compared with the known ones with rapidfuzz so that
typos still count. Rare words weigh more than common ones (`pinjam` more than `cara`).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Generic, Literal, Protocol, TypeVar

import snowballstemmer  # type: ignore[import-untyped]
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.typed_text import fold

Language = Literal["id", "en"]
LANGUAGES: tuple[Language, ...] = ("id", "en")
K = TypeVar("K", bound=Hashable)

MIN_TYPO_LENGTH = 4
"""Shorter words must be spelled right: `ga` and `gas` are far apart in meaning."""
LONG_WORD = 7
"""Words this long may have two slips (`pendaftran`); shorter ones one (`pelatihn`)."""
TYPO_CREDIT = 0.9
"""A typo counts a little less than the word spelled right."""
COMMON_WORD_WEIGHT = 0.3
"""Weight of function words (`yang`, `ini`, `bisa`, `is`, `the`) whatever their rarity."""
UNKNOWN_WORD_WEIGHT = 3.0
"""Weight of a typed word no known question uses (`bakso`, `cengkareng`): about that of
a word only one entry uses, so a question mostly about something else scores low."""
MAX_TYPED_WORDS = 40
"""Words of a long message past this many are not read: a question is short."""
QUERY_SHARE = 0.65
"""How much of a score is the share of the typed words a question explains; the rest is
the share of the question's words that were typed."""


def _spelled(table: str) -> dict[str, str]:
    """`standard: slang slang …` lines as a map from each slang word to its standard form."""
    spelled = {}
    for line in table.strip().splitlines():
        standard, _colon, slang = line.partition(":")
        spelled.update(dict.fromkeys(slang.split(), standard.strip()))
    return spelled


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_SLANG: dict[Language, dict[str, str]] = {
    "id": _spelled(
        """
        bagaimana: gmn gmna gmana gimana bgmn bgm gimna
        tidak: gk ga gak g nggak ngga nggk enggak engga tdk tak ndak nda kagak
        saya: sy aku gw gue gua ane
        berapa: brp brapa berapaan
        sudah: sdh udh udah dah
        belum: blm blom blum
        kalau: kl klo kalo
        ingin: pengen pingin pgn pengin
        telepon: telp tlp telpon tlpn
        nomor: no nmr nomer
        bicara: ngomong ngobrol
        lalu: trus terus
        sekarang: skrg skrng
        memang: emang emg
        hanya: cuma cm
        benar: bener beneran
        online: onlen ol
        pakai: pake make makenya
        antrean: antrian antri ngantri
        yang: yg
        dengan: dgn dg sama
        untuk: utk untk
        bisa: bs bsa
        dimana: dmn dmana
        kapan: kpn
        kenapa: knp napa
        harus: hrs
        juga: jg
        orang: org
        tempat: tmpt t4
        dari: dr
        pada: pd
        lagi: lg
        masih: msh
        tapi: tp tpi
        mau: mo
        uang: duit
        buat: bikin
        dapat: dpt
        tahu: tau
        apa: apaan ngapain
        itu: tuh
        setelah: abis
        sampai: sampe
        izin: ijin
        perizinan: perijinan
        catat: nyatet
        hitung: ngitung
        kasih: ngasih
        komplain: komplen
        besar: gede
        seperti: kek
        begitu: gitu
        """
    ),
    "en": _spelled(
        """
        you: u
        your: ur
        do not: dont
        cannot: cant
        will not: wont
        i am: im
        want to: wanna
        going to: gonna
        """
    ),
}
_FILLERS: dict[Language, frozenset[str]] = {
    "id": _words(
        "kak ka kakak min mimin gan sis bro pak bu bang mas mbak mba dong deh sih nih kok "
        "ya yah yaa kah lah aja saja dulu halo hallo hai hi permisi assalamualaikum punten "
        "tanya nanya"
    ),
    "en": _words("please pls plz hi hello hey thanks thx the a an"),
}
"""Greetings and politeness: they say nothing about what is asked."""
_PHRASES: dict[Language, dict[tuple[str, str], str]] = {
    "id": {("tidak", "jadi"): "batal", ("tidak", "bisa"): "tidakbisa"},
    "en": {("can", "not"): "cannot"},
}
"""Two words that mean one thing: `gak jadi` is to cancel, `tidak bisa` is unable."""
_COMMON: dict[Language, frozenset[str]] = {
    "id": _words(
        "yang di ke dari ini itu ada saya anda bisa dan atau untuk dengan juga lagi sudah mau "
        "kalau harus apakah adalah pada oleh ok oce nya akan kami kita"
    ),
    "en": _words(
        "is are do does did i you my me your it this that to of for in on at and or can "
        "get there be will am have has with from ok oce"
    ),
}
"""Function words: they carry little of what a question is about."""
_QUESTION_WORDS: dict[Language, frozenset[str]] = {
    "id": _words("bagaimana cara apa siapa kapan dimana mana berapa kenapa"),
    "en": _words("how what where when who why which"),
}
"""They say what kind of answer is wanted, but every entry is asked with them."""
QUESTION_WORD_WEIGHT = 1.0
_UNSTEMMED = _words("berapa kenapa peserta perlu")
"""Words the Indonesian stemmer would turn into others (`berapa` into `apa`)."""
_JAKARTA_SUFFIX = re.compile(r"(?<=\w{3})in$")
_LAST_E = re.compile(r"e(?=[^aeiou]*$)")


class _Stemmer(Protocol):
    def stemWord(self, word: str) -> str: ...


@cache
def _stemmer(language: Language) -> _Stemmer:
    # Snowball stemmers keep state while stemming: fine on one event loop, not across threads.
    stemmer: _Stemmer = snowballstemmer.stemmer("indonesian" if language == "id" else "english")
    return stemmer


def _stem(word: str, language: Language) -> str:
    if language == "id" and word in _UNSTEMMED:
        return word
    return _stemmer(language).stemWord(word) or word


def spelled_out(text: str, language: Language) -> list[str]:
    """The typed words folded, with slang spelled out and politeness words dropped."""
    words: list[str] = []
    for word in fold(text).split():
        word = re.sub(r"(.)\1{2,}", r"\1", word)  # `gratisss` is `gratis`
        for spelled in _SLANG[language].get(word, word).split():
            if spelled not in _FILLERS[language]:
                words.append(spelled)
    joined: list[str] = []
    for word in words:
        phrase = _PHRASES[language].get((joined[-1], word)) if joined else None
        if phrase:
            joined[-1] = phrase
        else:
            joined.append(word)
    return joined


@dataclass(frozen=True)
class _Question(Generic[K]):
    key: K
    weights: dict[str, float]
    total: float


class _LanguageIndex(Generic[K]):
    """The known questions of one language, stemmed once, with each stem's weight."""

    def __init__(self, language: Language, questions: Iterable[tuple[K, str]]) -> None:
        self.language: Language = language
        stemmed = [(key, self._stems(text)) for key, text in questions]
        keys_with = defaultdict(set)
        for key, stems in stemmed:
            for stem in stems:
                keys_with[stem].add(key)
        key_count = max(1, len({key for key, _stems in stemmed}))
        common = {_stem(word, language) for word in _COMMON[language]}
        asking = {_stem(word, language) for word in _QUESTION_WORDS[language]}
        self.weight = {
            stem: COMMON_WORD_WEIGHT
            if stem in common
            else QUESTION_WORD_WEIGHT
            if stem in asking
            else math.log(1.0 + key_count / len(keys))
            for stem, keys in keys_with.items()
        }
        self.vocabulary = sorted(self.weight)
        self.questions = [
            _Question(key, {s: self.weight[s] for s in stems}, sum(self.weight[s] for s in stems))
            for key, stems in stemmed
            if stems
        ]

    def _stems(self, text: str) -> set[str]:
        return {_stem(word, self.language) for word in spelled_out(text, self.language)}

    def typed_stems(self, text: str) -> list[str]:
        """Stems of the typed words, trying Jakarta forms in standard spelling first."""
        stems = []
        for word in spelled_out(text, self.language):
            variants = [word]
            if self.language == "id":
                variants += _standard_forms(word)
            known = [_stem(v, self.language) for v in variants]
            stems.append(next((s for s in known if s in self.weight), known[0]))
        return list(dict.fromkeys(stems))

    def similar(self, stem: str) -> dict[str, float]:
        """Known stems this typed stem may mean, with how sure (1.0 when spelled the same)."""
        found = {stem: 1.0} if stem in self.weight else {}
        if len(stem) < MIN_TYPO_LENGTH:
            return found
        slips = 2 if len(stem) >= LONG_WORD else 1
        for known, distance, _index in process.extract(
            stem, self.vocabulary, scorer=OSA.distance, score_cutoff=slips, limit=None
        ):
            if known != stem and len(known) >= MIN_TYPO_LENGTH:
                sureness = TYPO_CREDIT * (1.0 - distance / max(len(stem), len(known)))
                found[known] = max(found.get(known, 0.0), sureness)
        return found

    def _typed_weight(self, stem: str, similar: dict[str, float]) -> float:
        """A known stem's weight; a typo takes that of the word it may be, else the default."""
        if stem in self.weight:
            return self.weight[stem]
        return max((self.weight[known] for known in similar), default=UNKNOWN_WORD_WEIGHT)

    def scores(self, text: str) -> dict[K, float]:
        """The best score (0–100) of each key's questions for the typed text."""
        typed = self.typed_stems(text)[:MAX_TYPED_WORDS]
        if not typed:
            return {}
        meanings = []
        for stem in typed:
            similar = self.similar(stem)
            meanings.append((similar, self._typed_weight(stem, similar)))
        typed_total = sum(weight for _similar, weight in meanings)
        best: dict[K, float] = {}
        for question in self.questions:
            explained = 0.0
            covered: dict[str, float] = {}
            for similar, weight in meanings:
                credit = 0.0
                for known, sureness in similar.items():
                    if known in question.weights:
                        credit = max(credit, sureness)
                        covered[known] = max(covered.get(known, 0.0), sureness)
                explained += weight * credit
            if not covered:
                continue
            asked = sum(question.weights[k] * s for k, s in covered.items()) / question.total
            score = 100.0 * (QUERY_SHARE * explained / typed_total + (1 - QUERY_SHARE) * asked)
            if score > best.get(question.key, 0.0):
                best[question.key] = score
        return best


def _standard_forms(word: str) -> list[str]:
    """Standard spellings a Jakarta form may stand for: `jualin` → `jualkan`, `dapet` → `dapat`."""
    forms = []
    if _JAKARTA_SUFFIX.search(word):
        forms += [_JAKARTA_SUFFIX.sub("kan", word), _JAKARTA_SUFFIX.sub("", word)]
    for form in [word, *forms]:
        if _LAST_E.search(form):
            forms.append(_LAST_E.sub("a", form))
    if word.startswith("ng") and len(word) > 4:
        rest = word[2:]
        forms += [rest, "k" + rest, "h" + rest] if rest[0] in "aeiou" else [rest.removeprefix("e")]
    if word.startswith("ny") and len(word) > 4:
        forms += ["c" + word[2:], "s" + word[2:]]
    return forms


class QuestionIndex(Generic[K]):
    """Known questions in Indonesian and English, each under a key (an FAQ entry's id)."""

    def __init__(self, questions: dict[Language, list[tuple[K, str]]]) -> None:
        self._indexes = [_LanguageIndex(lang, questions.get(lang, [])) for lang in LANGUAGES]

    def ranked(self, text: str) -> list[tuple[K, float]]:
        """Every key with a score above zero, best first (the typed text read as either language)."""
        best: dict[K, float] = {}
        for index in self._indexes:
            for key, score in index.scores(text).items():
                best[key] = max(best.get(key, 0.0), score)
        return sorted(best.items(), key=lambda pair: -pair[1])
