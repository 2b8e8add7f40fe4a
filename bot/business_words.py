"""A business's sector and status from the words people type (`jualan kue`, `udah jalan`).

Registration offers buttons, but many people answer in words; this reads those words
as the `Sector` and `BusinessStatus` a member's record stores. Product and service words decide the
sector over generic selling words (`jualan kue` is kuliner, `jualan` alone is
perdagangan), and words that point two ways (`jahit dan katering`) give None, so the
flow shows the buttons instead of guessing. A longer phrase is read before its words
(`belum jalan` is idea although `jalan` alone is running). A slip of one letter (two
in words of nine letters or more) is forgiven, but never when the typed word is
itself a known word (`daging` is meat, not `dagang`) or is as close to two words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from rapidfuzz import utils
from rapidfuzz.distance import OSA

from bot.vocabulary import BusinessStatus, Sector

# The sector named outright (`usaha kuliner`, `jasa sablon kaos`) decides first.
_SECTOR_NAMES = {
    "kuliner": "kuliner",
    "fesyen": "fesyen, fashion",
    "kriya": "kriya, craft",
    "jasa": "jasa, service",
    "agribisnis": "agribisnis, agrobisnis",
    "perdagangan": "perdagangan, retail",
}
# Then what is made, sold or done. Entries are comma-separated; an entry of several
# words is a phrase, read before its words (`ikan bakar` is food, not fish farming).
# `sablon` is jasa: sellers call it `jasa sablon`, printing to order.
_SECTOR_WORDS = {
    "kuliner": (
        "makanan, makan, minuman, minum, katering, catering, kue, kueh, jajanan, "
        "jajan, kopi, gorengan, goreng, nasi, snack, cemilan, camilan, masakan, masak, "
        "bakso, mie, mi, roti, sambal, keripik, kripik, frozen food, frozen, jus, es, teh, "
        "warteg, martabak, sate, soto, geprek, seblak, cilok, siomay, batagor, pempek, "
        "kolak, donat, bolu, brownies, pizza, burger, bakar, angkringan, pecel lele, "
        "ikan bakar, ikan goreng, lele goreng, warung makan, rumah makan, warung kopi"
    ),
    "fesyen": (
        "baju, pakaian, busana, jahit, menjahit, penjahit, jahitan, "
        "konveksi, hijab, jilbab, kerudung, batik, sepatu, sandal, tas, kaos, kaus, "
        "celana, gamis, mukena, distro, butik, tukang jahit"
    ),
    "kriya": (
        "kerajinan, anyaman, souvenir, suvenir, cenderamata, handmade, rajut, rajutan, "
        "gerabah, keramik, ukiran, manik manik, tenun"
    ),
    "jasa": (
        "laundry, londri, salon, bengkel, servis, ojek, ojol, les, kursus, "
        "bimbel, cukur, pangkas, barbershop, rias, makeup, mua, sablon, percetakan, "
        "fotokopi, fotocopy, print, desain, pijat, urut, cleaning, tukang, rental, sewa, "
        "cuci, spa, reparasi, kurir, ekspedisi, fotografi, foto, daycare, penitipan, "
        "sablon kaos, kaos sablon"
    ),
    "agribisnis": (
        "tani, petani, bertani, pertanian, ternak, beternak, peternakan, ikan, "
        "hidroponik, tanaman, tanam, kebun, berkebun, perkebunan, lele, budidaya, bibit, "
        "pupuk, maggot, unggas, kambing, ikan hias, tanaman hias"
    ),
    "perdagangan": "kelontong, sembako, pulsa, minimarket, warung kelontong, toko kelontong",
}
# Selling words that do not say what is sold: they decide only when nothing else does.
_SELLING_WORDS = {
    "perdagangan": (
        "toko, jualan, jual, dagang, berdagang, pedagang, dagangan, grosir, olshop, "
        "onlineshop, online shop, toko online, online, jual beli, reseller, dropship, "
        "dropshipper, agen, kios"
    ),
    "kuliner": "warung, kedai, depot",
}
# "Something else" counts last: `kue dan lain-lain` is still kuliner.
_OTHER_WORDS = {"lainnya": "lainnya, lain, lain lain, yang lain, other, others"}
_STATUS_WORDS = {
    "running": (
        "sudah, udah, sdh, udh, dah, jalan, berjalan, buka, aktif, running, already, "
        "started, lagi jalan, masih jalan, sedang jalan, sedang berjalan, sudah ada, "
        "baru jalan, baru buka, baru mulai, sudah mulai, belum lama"
    ),
    "idea": (
        "belum, blm, belom, rencana, ide, idea, planning, niat, baru rencana, masih ide, "
        "masih rencana, baru ide, baru mau, mau mulai, mau buka, mau jalan, akan buka, "
        "ingin buka, rencana buka, baru mau buka, baru mau mulai, baru mau jalan, "
        "belum jalan, belum berjalan, belum buka, belum mulai, belum ada, belum aktif, "
        "not yet"
    ),
}

# Everyday words one letter from a listed word: known, so never "corrected" into it.
_PLAIN_WORDS = (
    "daging, jalanan, tanah, sayur, sayuran, rumah, usaha, bisnis, sendiri, kecil, kecilan, "
    "besar, punya, bikin, buat, saya, kami, tahun, bulan, hari, pasar, mainan, bahan, barang, "
    "juga, sama, tapi, manis"
)

_LONGEST_PHRASE = 3  # words
# An answer about a business is a few words; only this many are read, to bound the work.
_MAX_WORDS = 30

# A phrase's key, and how much it says: the sector by name, what the business makes
# or does, only that it sells, or that it is something else.
_Meaning = tuple[str, int]
_NAMES_IT, _SAYS_WHAT, _ONLY_SELLS, _SAYS_OTHER = 3, 2, 1, 0


@dataclass(frozen=True)
class _Lexicon:
    """Phrases and their meanings, and every word in them (for typo correction)."""

    phrases: Mapping[tuple[str, ...], _Meaning]
    vocabulary: frozenset[str]


def sector_for(text: str) -> Sector | None:
    """The sector key (`kuliner`, …) the words describe, or None if unclear or mixed."""
    found = _read(text, _sector_lexicon())
    for weight in (_NAMES_IT, _SAYS_WHAT, _ONLY_SELLS, _SAYS_OTHER):
        keys = {key for key, said in found if said == weight}
        if keys:
            key = _only(keys)
            return Sector(key) if key is not None else None
    return None


def status_for(text: str) -> BusinessStatus | None:
    """`running` or `idea` as the words say (`udah jalan`, `masih ide`), or None."""
    key = _only({key for key, _ in _read(text, _status_lexicon())})
    return BusinessStatus(key) if key is not None else None


def _only(keys: set[str]) -> str | None:
    return next(iter(keys)) if len(keys) == 1 else None


def _read(text: str, lexicon: _Lexicon) -> set[_Meaning]:
    """The meaning of every phrase in `text`, longest phrase first, typos forgiven."""
    typed = utils.default_process(text).split()[:_MAX_WORDS]
    words = [_known_word(word, lexicon.vocabulary) for word in typed]
    phrases = lexicon.phrases
    found: set[_Meaning] = set()
    start = 0
    while start < len(words):
        for size in range(min(_LONGEST_PHRASE, len(words) - start), 0, -1):
            meaning = phrases.get(tuple(words[start : start + size]))
            if meaning is not None:
                found.add(meaning)
                start += size
                break
        else:
            start += 1
    return found


def _known_word(typed: str, vocabulary: frozenset[str]) -> str:
    """The one listed word `typed` is a slip away from (one letter, two if long), or `typed`."""
    if typed in vocabulary or typed in _plain_words() or len(typed) < 4:
        return typed
    best_distance, closest = 3, set[str]()
    for word in vocabulary:
        allowed = 0 if len(word) < 5 else 1 if len(word) < 9 else 2
        distance = OSA.distance(typed, word, score_cutoff=allowed)
        if distance <= allowed:
            if distance < best_distance:
                best_distance, closest = distance, {word}
            elif distance == best_distance:
                closest.add(word)
    return closest.pop() if len(closest) == 1 else typed


def _phrases(table: Mapping[str, str], weight: int) -> dict[tuple[str, ...], _Meaning]:
    return {
        tuple(entry.split()): (key, weight)
        for key, entries in table.items()
        for entry in entries.split(",")
        if entry.strip()
    }


def _lexicon(phrases: Mapping[tuple[str, ...], _Meaning]) -> _Lexicon:
    return _Lexicon(phrases, frozenset(word for phrase in phrases for word in phrase))


@cache
def _plain_words() -> frozenset[str]:
    return frozenset(word.strip() for word in _PLAIN_WORDS.split(","))


@cache
def _sector_lexicon() -> _Lexicon:
    return _lexicon(
        _phrases(_OTHER_WORDS, _SAYS_OTHER)
        | _phrases(_SELLING_WORDS, _ONLY_SELLS)
        | _phrases(_SECTOR_WORDS, _SAYS_WHAT)
        | _phrases(_SECTOR_NAMES, _NAMES_IT)
    )


@cache
def _status_lexicon() -> _Lexicon:
    return _lexicon(_phrases(_STATUS_WORDS, _SAYS_WHAT))
