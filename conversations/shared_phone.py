"""Registering with a phone number a member already holds (a household's one phone).

Only a number the platform vouches for (WhatsApp's sender, Telegram's own shared
contact) gets here: whether a number is a member's is told to its owner alone. A
typed number is simply taken for the new member.

    phone_shared ──"itu saya"──► (one holder) chat linked to them
                 │             └► (several) phone_owner ─► the one picked
                 └─"orang lain"─► a second member with the same phone
"""

from __future__ import annotations

from bot.i18n import _
from bot.messages import Choice
from bot.models import Member
from bot.phones import display_phone
from bot.services import members
from conversations.flow import Finish, Goto, Outcome, Prompt, Retry, Step
from conversations.registration_states import S, Turn_, next_step

_ME, _OTHER = "me", "other"


async def ask_phone_shared(t: Turn_) -> Prompt:
    """Is this the member who holds the number, or another person using it?"""
    text = _(
        "Nomor ini sudah terdaftar, misalnya atas nama anggota keluarga.\n"
        "Itu Anda, atau daftarkan orang lain dengan nomor ini?"
    )
    choices = [Choice(_ME, _("🙋 Itu saya")), Choice(_OTHER, _("👥 Daftarkan orang lain"))]
    return Prompt(text, choices, yes=(_ME,), no=(_OTHER,), synonyms={_OTHER: ("orang lain",)})


async def got_phone_shared(t: Turn_) -> Outcome:
    """Link this chat to the member (asking which, if several), or go on registering."""
    if t.choice == _OTHER:
        return _keep_number(t)
    if t.choice != _ME:
        return Retry(_("Pilih salah satu, ya."))
    holders = await members.members_by_phone(t.session, t.data["phone_e164"])
    if len(holders) == 1:
        return link_to(t, holders[0])
    if not holders:  # the member left in the meantime
        return _keep_number(t)
    return Goto(S.PHONE_OWNER)


async def ask_phone_owner(t: Turn_) -> Prompt:
    """Several members hold the number: its verified owner picks which one they are."""
    holders = await members.members_by_phone(t.session, t.data["phone_e164"])
    choices = [Choice(str(m.id), m.full_name or "-") for m in holders]
    choices.append(Choice(_OTHER, _("👥 Bukan, orang lain")))
    return Prompt(_("Nomor ini dipakai beberapa anggota. Anda yang mana?"), choices)


async def got_phone_owner(t: Turn_) -> Outcome:
    """Link this chat to the member picked, or go on registering someone new."""
    if t.choice == _OTHER:
        return _keep_number(t)
    holders = await members.members_by_phone(t.session, t.data["phone_e164"])
    chosen = next((m for m in holders if str(m.id) == t.choice), None)
    if chosen is None:
        return Retry(_("Pilih nama Anda, ya."))
    return link_to(t, chosen)


def link_to(t: Turn_, member: Member) -> Outcome:
    """This person is already a member (they registered on another channel)."""
    t.account.member_id = member.id
    t.member = member
    t.say(
        _("Chat ini sekarang terhubung dengan data Anda: {name} ({number}).").format(
            name=member.full_name, number=member.member_number
        )
    )
    return Finish()


def _keep_number(t: Turn_) -> Outcome:
    t.say(_("Nomor {phone} dicatat.").format(phone=display_phone(t.data["phone_e164"])))
    return next_step(t, S.KECAMATAN)


STEPS = (
    Step(S.PHONE_SHARED, ask_phone_shared, got_phone_shared),
    Step(S.PHONE_OWNER, ask_phone_owner, got_phone_owner),
)
