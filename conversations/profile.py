"""A member's profile: see their data, change it, change language, or delete it all.

overview ──edit────► registration's edit_field (update mode) ─► overview
         ──language► language ─► overview
         ──delete──► confirm_delete ──yes─► data erased everywhere, chats forgotten
                                    ──no──► overview
"""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from typing import TypedDict

from bot.i18n import N_, _
from bot.messages import Choice
from bot.services import erasure, members, roles
from bot.vocabulary import PasStep
from conversations.flow import Finish, Flow, Goto, Outcome, Prompt, Retry, StartFlow, Step, Turn
from conversations.labels import LANGUAGE_LABELS, PAS_STEP_NAMES, ROLE_LABELS, label
from conversations.member_card import describe_details
from conversations.registration import RegistrationStep
from conversations.steps import Confirmation


class ProfileStep(StrEnum):
    OVERVIEW = "overview"
    CONFIRM_DELETE = "confirm_delete"


class ProfileData(TypedDict, total=False):
    """The profile collects nothing; changes go through registration's questions."""


DELETE = Confirmation(yes=N_("Ya, hapus"), yes_icon="🗑️")


async def ask_overview(t: Turn[ProfileData]) -> Prompt:
    """Everything we keep about the member, and what they can do with it."""
    assert t.member is not None
    done = await members.completed_steps(t.session, t.member.id)
    held = await roles.roles_of(t.session, t.member.id)
    lines = [
        _("👤 Profil Anda ({number})").format(number=t.member.member_number),
        describe_details(dataclasses.asdict(members.details_of(t.member)), t.areas),
        _("Bahasa: {language}").format(language=LANGUAGE_LABELS[t.account.language]),
        _("Tahap program selesai: {count} dari {total} ({steps})").format(
            count=len(done),
            total=len(PasStep),
            steps=", ".join(label(PAS_STEP_NAMES, step) for step in done) or "-",
        ),
    ]
    if held:
        lines.append(
            _("Peran: {roles}").format(roles=", ".join(label(ROLE_LABELS, r.role) for r in held))
        )
    choices = [
        Choice("edit", _("✏️ Ubah data")),
        Choice("language", _("🌐 Bahasa")),
        Choice("delete", _("🗑️ Hapus data saya")),
        Choice("menu", _("↩ Menu")),
    ]
    return Prompt("\n".join(lines), choices)


async def chose_in_overview(t: Turn[ProfileData]) -> Outcome:
    assert t.member is not None
    match t.choice:
        case "edit":
            values = dataclasses.asdict(members.details_of(t.member))
            values.pop("language")
            return StartFlow(
                "registration", RegistrationStep.EDIT_FIELD, {**values, "update": True}
            )
        case "language":
            resume = {"flow": "profile", "step": ProfileStep.OVERVIEW}
            return StartFlow("language", data={"resume": resume})
        case "delete":
            return Goto(ProfileStep.CONFIRM_DELETE)
        case "menu":
            return Finish()
    return Retry(_("Pilih salah satu tombol di bawah, ya."))


async def ask_confirm_delete(t: Turn[ProfileData]) -> Prompt:
    text = _(
        "Yakin mau hapus data Anda?\n"
        "Nama, nomor HP, dan data usaha akan dihapus dan tidak bisa dikembalikan. "
        "Nomor anggota Anda juga tidak berlaku lagi, dan tempat yang sudah Anda pesan "
        "dibatalkan."
    )
    return Prompt(text, DELETE.choices())


async def confirmed_delete(t: Turn[ProfileData]) -> Outcome:
    """Erase the member's data everywhere (bookings given up, chats forgotten); only
    anonymous counts remain."""
    assert t.member is not None
    answer = DELETE.read(t)
    if isinstance(answer, Retry):
        return answer
    if not answer:
        return Goto(ProfileStep.OVERVIEW)
    await erasure.erase_member(
        t.session, t.member, now=t.clock.now(), reminder_offsets=t.settings.reminder_offsets
    )
    t.member = None
    t.say(
        _(
            "Data Anda sudah dihapus. Terima kasih sudah pernah bergabung.\n"
            "Kalau mau daftar lagi, ketik menu."
        )
    )
    return Finish(show_menu=False)


PROFILE = Flow[ProfileData](
    name="profile",
    step_names=ProfileStep,
    members_only=True,
    steps=(
        Step(ProfileStep.OVERVIEW, ask_overview, chose_in_overview),
        Step(ProfileStep.CONFIRM_DELETE, ask_confirm_delete, confirmed_delete),
    ),
)
