"""Asking where someone is: a kecamatan, then a kelurahan within it.

People type names the way they say them ("kby baru", "cengkarng"), so a typed
name is matched with typo tolerance, and a name read with a correction is said back
("Kebayoran Baru, ya."); a kota typed instead ("jaksel") opens its kecamatan list.
Anyone unsure can pick the kota first and then the kecamatan from a short list.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from enum import StrEnum
from typing import Any, cast

from bot.i18n import _
from bot.messages import Choice
from conversations.flow import Goto, Outcome, Prompt, Retry, Step, Turn

Then = Callable[[Turn[Any]], Awaitable[Outcome]]
"""What a picker does once the area is known (store more, and say where to go)."""

_NOT_THESE = "none"
_BACK = "back"


def _scratch(t: Turn[Any]) -> MutableMapping[str, Any]:
    """The flow's data, for the keys a picker owns (named when the picker is built)."""
    return cast(MutableMapping[str, Any], t.data)


class KecamatanPicker:
    """Two steps that store a kecamatan code in `data[key]`, then call `then`.

    The flow names the steps (`typed_step`, `in_kota_step`) in its step enum and
    declares `key`, `<key>_candidates` and `<key>_kota` in its data.
    """

    def __init__(
        self,
        key: str,
        question: Callable[[], str],
        then: Then,
        *,
        typed_step: StrEnum,
        in_kota_step: StrEnum,
    ):
        self.key = key
        self._question = question
        self._then = then
        self._candidates_key = f"{key}_candidates"
        self._kota_key = f"{key}_kota"
        self._typed_step = typed_step
        self._in_kota_step = in_kota_step

    @property
    def steps(self) -> tuple[Step[Any], Step[Any]]:
        return (
            Step(self._typed_step, self.ask_typed_or_kota, self.typed_or_kota),
            Step(self._in_kota_step, self.ask_in_kota, self.picked_in_kota),
        )

    async def ask_typed_or_kota(self, t: Turn[Any]) -> Prompt:
        """Ask for the name, offering the kota list (or the close matches of a typo)."""
        candidates = _scratch(t).get(self._candidates_key) or []
        if candidates:
            choices = [Choice(code, t.areas.kecamatan(code).name) for code in candidates]  # type: ignore[union-attr]
            choices.append(Choice(_NOT_THESE, _("Tidak ada yang cocok")))
            return Prompt(_("Maksud Anda yang mana?"), choices, no=(_NOT_THESE,))
        kotas = [Choice(kota.code, kota.short_name) for kota in t.areas.kotas]
        return Prompt(self._question() + "\n" + _("Ketik namanya, atau pilih kotanya dulu:"), kotas)

    async def typed_or_kota(self, t: Turn[Any]) -> Outcome:
        """A kota opens its kecamatan list; a typed name is matched."""
        if t.choice == _NOT_THESE:
            _scratch(t).pop(self._candidates_key, None)
            return Retry(_("Oke. Ketik lagi nama kecamatannya, atau pilih kotanya."))
        if t.choice is not None and t.areas.kota(t.choice) is not None:
            _scratch(t)[self._kota_key] = t.choice
            return Goto(self._in_kota_step)
        if t.choice is not None and t.areas.kecamatan(t.choice) is not None:
            return await self._picked(t, t.choice)
        if not t.text:
            return Retry(_("Ketik nama kecamatan, atau pilih kota di bawah."))
        match = t.areas.match_kecamatan(t.text)
        if match.kota is not None:
            _scratch(t)[self._kota_key] = match.kota.code
            return Goto(self._in_kota_step)
        if match.best is not None:
            return await self._picked(t, match.best.code, corrected=match.corrected)
        if match.candidates:
            _scratch(t)[self._candidates_key] = [k.code for k in match.candidates]
            return Retry(_("Ada beberapa kecamatan yang mirip."))
        return Retry(
            _(
                'Kecamatan "{typed}" tidak ketemu di Jakarta. Cek ejaannya, atau pilih kotanya.'
            ).format(typed=t.text[:40])
        )

    async def ask_in_kota(self, t: Turn[Any]) -> Prompt:
        """List the kecamatan of the kota picked."""
        kota = t.areas.kota(_scratch(t).get(self._kota_key, ""))
        if kota is None:
            return await self.ask_typed_or_kota(t)
        choices = [Choice(k.code, k.name) for k in t.areas.kecamatans_in(kota.code)]
        choices.append(Choice(_BACK, _("↩ Kota lain")))
        return Prompt(_("Kecamatan di {kota}:").format(kota=kota.short_name), choices)

    async def picked_in_kota(self, t: Turn[Any]) -> Outcome:
        """Take the kecamatan picked (or typed), or go back to the kota list."""
        if t.choice == _BACK:
            return Goto(self._typed_step)
        if t.choice is not None and t.areas.kecamatan(t.choice) is not None:
            return await self._picked(t, t.choice)
        match = t.areas.match_kecamatan(t.text) if t.text else None
        if match is not None and match.best is not None:
            return await self._picked(t, match.best.code, corrected=match.corrected)
        if match is not None and match.candidates and match.kota is None:
            names = ", ".join(k.name for k in match.candidates)
            return Retry(_("Ada yang mirip: {names}. Pilih dari daftar, ya.").format(names=names))
        return Retry(_("Pilih kecamatan dari daftar di bawah, atau ketik namanya."))

    async def _picked(self, t: Turn[Any], code: str, *, corrected: bool = False) -> Outcome:
        kecamatan = t.areas.kecamatan(code)
        if corrected and kecamatan is not None:
            t.say(_("{name}, ya.").format(name=kecamatan.name))
        scratch = _scratch(t)
        scratch[self.key] = code
        scratch.pop(self._candidates_key, None)
        return await self._then(t)


class KelurahanPicker:
    """One step that stores a kelurahan code of the chosen kecamatan in `data[key]`."""

    def __init__(self, key: str, kecamatan_key: str, then: Then, *, step: StrEnum):
        self.key = key
        self._kecamatan_key = kecamatan_key
        self._then = then
        self._step = step

    @property
    def step(self) -> Step[Any]:
        return Step(self._step, self.ask_kelurahan, self.picked_kelurahan)

    async def ask_kelurahan(self, t: Turn[Any]) -> Prompt:
        """List the kelurahan of the kecamatan (paged by the engine when long)."""
        kecamatan_code = _scratch(t)[self._kecamatan_key]
        choices = [Choice(k.code, k.name) for k in t.areas.kelurahans_in(kecamatan_code)]
        return Prompt(_("Kelurahannya apa? Pilih atau ketik namanya:"), choices)

    async def picked_kelurahan(self, t: Turn[Any]) -> Outcome:
        """Take the kelurahan picked, or match a typed name within the kecamatan."""
        kecamatan_code = _scratch(t)[self._kecamatan_key]
        kelurahan = t.areas.kelurahan(t.choice) if t.choice else None
        if kelurahan is None and t.text:
            match = t.areas.match_kelurahan(t.text, kecamatan_code)
            kelurahan = match.best
            if kelurahan is not None and match.corrected:
                t.say(_("{name}, ya.").format(name=kelurahan.name))
            if kelurahan is None and match.candidates:
                names = ", ".join(k.name for k in match.candidates)
                return Retry(
                    _("Ada yang mirip: {names}. Pilih dari daftar, ya.").format(names=names)
                )
        if kelurahan is None or kelurahan.kecamatan.code != kecamatan_code:
            return Retry(_("Kelurahan itu tidak ada di kecamatan ini. Pilih dari daftar, ya."))
        _scratch(t)[self.key] = kelurahan.code
        return await self._then(t)
