"""DKI Jakarta's kota, kecamatan and kelurahan, and matching what people type.

The data is the shipped copy of `idn-area-data` (ODbL, see `bot/data/README.md`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process, utils

MATCH_THRESHOLD = 80.0
"""Below this WRatio score a typed name is not taken as a match at all."""
CLEAR_LEAD = 8.0
"""A best match this far ahead of the runner-up is taken without asking back."""
_PREFIXES = re.compile(r"^\s*(kecamatan|kec\.?|kelurahan|kel\.?|desa)\s+", re.IGNORECASE)
_KOTA_PREFIXES = ("Kota Administrasi ", "Kabupaten Administrasi ")

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
    """What a typed name matched: one clear area, several candidates, or nothing."""

    best: T | None
    candidates: tuple[T, ...]


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

    def match_kecamatan(self, typed: str) -> AreaMatch[Kecamatan]:
        """Match a typed kecamatan name with typo tolerance (`kby baru`, `cengkarng`)."""
        return _match(typed, list(self._kecamatans.values()), lambda k: k.name)

    def match_kelurahan(self, typed: str, kecamatan_code: str) -> AreaMatch[Kelurahan]:
        """Match a typed kelurahan name within one kecamatan."""
        return _match(typed, self.kelurahans_in(kecamatan_code), lambda k: k.name)


def _match(typed: str, areas: list[T], name_of: Callable[[T], str]) -> AreaMatch[T]:
    query = _PREFIXES.sub("", typed).strip()
    if not query or not areas:
        return AreaMatch(None, ())
    names = [name_of(area) for area in areas]
    scored = process.extract(
        query, names, scorer=fuzz.WRatio, processor=utils.default_process, limit=5
    )
    good = [(score, areas[index]) for _name, score, index in scored if score >= MATCH_THRESHOLD]
    if not good:
        return AreaMatch(None, ())
    top_score = good[0][0]
    runner_up = good[1][0] if len(good) > 1 else 0.0
    if top_score >= 100.0 or top_score - runner_up >= CLEAR_LEAD:
        return AreaMatch(good[0][1], ())
    return AreaMatch(None, tuple(area for score, area in good if score >= top_score - CLEAR_LEAD))


@cache
def jakarta_areas() -> AreaDirectory:
    """The shipped directory of DKI Jakarta areas (loaded once, read-only)."""
    text = resources.files("bot").joinpath("data/jakarta_areas.csv").read_text("utf-8")
    return AreaDirectory(list(csv.DictReader(text.splitlines())))
