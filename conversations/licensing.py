"""Izin usaha (7 PAS P4): how to get an NIB through OSS, and recording it.

    home ──about────► what an NIB is (free for micro businesses) ─► home
         ──prepare──► what to have ready ─► home
         ──steps────► step (one message each, next / previous) ─► help ─► home
         ──record───► nib (13 digits) ─► confirm_nib ──save─► P4 done ─► home

The guide comes from the licensing content file (loaded once at start, with its as-of
date); each of its texts is one message that fits a phone screen.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypedDict

from bot.i18n import N_, _, current_language
from bot.licensing_content import LicensingGuide
from bot.messages import Choice
from bot.nib import parse_nib
from bot.services import licensing
from conversations.content_steps import content_steps
from conversations.figures import day
from conversations.flow import Finish, Flow, Goto, Outcome, Prompt, Retry, StartFlow, Turn
from conversations.screens import packed
from conversations.steps import Confirmation


class LicensingStep(StrEnum):
    HOME = "home"
    STEPS = "steps"
    NIB = "nib"
    CONFIRM_NIB = "confirm_nib"


class LicensingData(TypedDict, total=False):
    """The guide step on screen (0-based), and the NIB typed, before it is saved."""

    step: int
    nib: str


S = LicensingStep
Turn_ = Turn[LicensingData]
ABOUT, PREPARE, STEPS, RECORD, MENU = "about", "prepare", "steps", "record", "menu"
NEXT, PREVIOUS, BACK = "next", "previous", "back"
SAVE = Confirmation(yes=N_("Ya, simpan"))


async def ask_home(guide: LicensingGuide, t: Turn_) -> Prompt:
    """The guide's title, the member's NIB if recorded, and the parts of the guide."""
    language = current_language()
    lines = [f"📜 {guide.title.in_language(language)}"]
    if t.member is not None and t.member.nib:
        lines.append(_("NIB Anda: {nib} ✅").format(nib=t.member.nib))
    else:
        lines.append(_("Membuat NIB itu gratis untuk usaha mikro."))
    lines.append(_("Panduan per {date}.").format(date=day(guide.as_of)))
    record = _("✏️ Ubah NIB saya") if t.member and t.member.nib else _("✍️ Catat NIB saya")
    choices = [
        Choice(ABOUT, _("ℹ️ Apa itu NIB?")),
        Choice(PREPARE, _("📋 Yang disiapkan")),
        Choice(STEPS, _("🪜 Langkah di OSS")),
        Choice(RECORD, record),
        Choice(MENU, _("↩ Menu")),
    ]
    return Prompt("\n".join(lines), choices)


async def chose_at_home(guide: LicensingGuide, t: Turn_) -> Outcome:
    language = current_language()
    if t.choice == ABOUT:
        t.say(guide.intro.in_language(language))
        return Goto(S.HOME)
    if t.choice == PREPARE:
        for message in packed(_("Siapkan dulu:"), guide.prepare_text(language).splitlines()):
            t.say(message)
        return Goto(S.HOME)
    if t.choice == STEPS:
        t.data["step"] = 0
        return Goto(S.STEPS)
    if t.choice == RECORD:
        if t.member is None:
            t.say(_("Untuk mencatat NIB, daftar dulu jadi anggota OK OCE, ya."))
            return StartFlow("registration")
        return Goto(S.NIB)
    if t.choice == MENU:
        return Finish()
    return Retry(_("Pilih salah satu tombol di bawah, ya."))


async def ask_steps(guide: LicensingGuide, t: Turn_) -> Prompt:
    """One step of the OSS walk-through per message."""
    index = min(max(t.data.get("step", 0), 0), len(guide.steps) - 1)
    choices = [Choice(NEXT, _("▶ Berikutnya"))]
    if index > 0:
        choices.append(Choice(PREVIOUS, _("◀ Sebelumnya")))
    choices.append(Choice(BACK, _("↩ Kembali")))
    return Prompt(guide.steps[index].in_language(current_language()), choices)


async def chose_in_steps(guide: LicensingGuide, t: Turn_) -> Outcome:
    """Walk through the steps; after the last, where to get help."""
    index = t.data.get("step", 0)
    if t.choice == NEXT:
        if index + 1 >= len(guide.steps):
            t.say(guide.help.in_language(current_language()))
            return Goto(S.HOME)
        t.data["step"] = index + 1
        return Goto(S.STEPS)
    if t.choice == PREVIOUS:
        t.data["step"] = max(0, index - 1)
        return Goto(S.STEPS)
    if t.choice == BACK:
        return Goto(S.HOME)
    return Retry(_("Pilih salah satu tombol di bawah, ya."))


async def ask_nib(guide: LicensingGuide, t: Turn_) -> Prompt:
    """Typed, so no buttons."""
    return Prompt(_("Ketik 13 angka NIB Anda. Ada di dokumen NIB dari OSS."))


async def got_nib(guide: LicensingGuide, t: Turn_) -> Outcome:
    nib = parse_nib(t.text)
    if nib is None:
        return Retry(
            _("NIB itu 13 angka, contoh: 1234567890123. Cek lagi di dokumen NIB Anda, ya.")
        )
    t.data["nib"] = nib
    return Goto(S.CONFIRM_NIB)


async def ask_confirm_nib(guide: LicensingGuide, t: Turn_) -> Prompt:
    return Prompt(_("NIB Anda {nib}. Sudah benar?").format(nib=t.data["nib"]), SAVE.choices())


async def confirmed_nib(guide: LicensingGuide, t: Turn_) -> Outcome:
    """Keep the NIB; the first time, P4 is done."""
    assert t.member is not None
    answer = SAVE.read(t)
    if isinstance(answer, Retry):
        return answer
    if not answer:
        return Goto(S.HOME)
    recorded = await licensing.record_nib(t.session, t.member, t.data["nib"], t.clock.now())
    text = _("✅ NIB {nib} sudah tercatat.").format(nib=recorded.nib)
    if recorded.p4_done:
        text += "\n" + _("🎉 Langkah P4 Perizinan selesai! Lihat langkah berikutnya di /progres.")
    t.say(text)
    return Goto(S.HOME)


def licensing_flow(guide: LicensingGuide) -> Flow[LicensingData]:
    """The licensing flow over this guide."""
    return Flow[LicensingData](
        name="licensing",
        step_names=LicensingStep,
        steps=content_steps(
            guide,
            (
                (S.HOME, ask_home, chose_at_home),
                (S.STEPS, ask_steps, chose_in_steps),
                (S.NIB, ask_nib, got_nib),
                (S.CONFIRM_NIB, ask_confirm_nib, confirmed_nib),
            ),
        ),
    )
