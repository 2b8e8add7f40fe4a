"""Programme admins grant and revoke staff roles (coordinator, coach) in chat.

action ──grant/revoke─► member ─► role ──coordinator (grant)─► kecamatan ─► done
       ──list─────────► staff list ─► action
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, TypedDict

from bot.i18n import _
from bot.messages import Choice
from bot.models import Member
from bot.phones import parse_indonesian_mobile
from bot.services import members, roles
from bot.vocabulary import StaffRoleName
from conversations.area_pickers import KecamatanPicker
from conversations.flow import Finish, Flow, Goto, Outcome, Prompt, Retry, Step, Turn
from conversations.labels import ROLE_LABELS, label
from conversations.steps import picked, word_choices


class StaffStep(StrEnum):
    ACTION = "action"
    MEMBER = "member"
    ROLE = "role"
    KECAMATAN = "kecamatan_code"
    KECAMATAN_IN_KOTA = "kecamatan_code_in_kota"


class StaffData(TypedDict, total=False):
    """What the admin is doing, to whom, and (for a coordinator) where."""

    action: Literal["grant", "revoke"]
    member_id: int
    role: StaffRoleName
    kecamatan_code: str
    kecamatan_code_candidates: list[str]
    kecamatan_code_kota: str


Turn_ = Turn[StaffData]


async def ask_action(t: Turn_) -> Prompt:
    choices = [
        Choice("grant", _("➕ Beri peran")),
        Choice("revoke", _("➖ Cabut peran")),
        Choice("list", _("📋 Daftar staf")),
        Choice("menu", _("↩ Menu")),
    ]
    return Prompt(_("Kelola peran staf. Mau apa?"), choices)


async def chose_action(t: Turn_) -> Outcome:
    if t.choice == "grant":
        t.data["action"] = "grant"
        return Goto(StaffStep.MEMBER)
    if t.choice == "revoke":
        t.data["action"] = "revoke"
        return Goto(StaffStep.MEMBER)
    if t.choice == "list":
        t.say(await _staff_overview(t))
        return Goto(StaffStep.ACTION)
    if t.choice == "menu":
        return Finish()
    return Retry(_("Pilih salah satu tombol di bawah, ya."))


async def ask_member(t: Turn_) -> Prompt:
    return Prompt(_("Ketik nomor anggota (contoh: OK-317401-000123) atau nomor HP orangnya:"))


async def got_member(t: Turn_) -> Outcome:
    """Find the member by member number or phone."""
    reference = parse_indonesian_mobile(t.text) or t.text
    member = await members.find_member(t.session, reference) if reference else None
    if member is None:
        return Retry(_("Anggota itu tidak ketemu. Cek lagi nomornya, ya."))
    t.data["member_id"] = member.id
    return Goto(StaffStep.ROLE)


async def ask_role(t: Turn_) -> Prompt:
    member = await _chosen_member(t)
    choices = word_choices(StaffRoleName, ROLE_LABELS)
    if t.data["action"] == "grant":
        return Prompt(_("Peran apa untuk {name}?").format(name=member.full_name), choices)
    return Prompt(_("Peran apa yang dicabut dari {name}?").format(name=member.full_name), choices)


async def chose_role(t: Turn_) -> Outcome:
    """Revoke at once; grant a coach at once; a coordinator needs a kecamatan first."""
    role = picked(t, StaffRoleName)
    if role is None:
        return Retry(_("Pilih salah satu peran di bawah, ya."))
    member = await _chosen_member(t)
    role_name = label(ROLE_LABELS, role)
    if t.data["action"] == "revoke":
        revoked = await roles.revoke_role(t.session, member.id, role)
        if isinstance(revoked, roles.NotHeld):
            t.say(
                _("{name} tidak punya peran {role}.").format(name=member.full_name, role=role_name)
            )
        else:
            t.say(
                _("Peran {role} untuk {name} sudah dicabut.").format(
                    role=role_name, name=member.full_name
                )
            )
        return Goto(StaffStep.ACTION)
    t.data["role"] = role
    if role == StaffRoleName.COORDINATOR:
        return Goto(StaffStep.KECAMATAN)
    return await _grant(t)


async def _grant(t: Turn_) -> Outcome:
    member = await _chosen_member(t)
    granted = await roles.grant_role(
        t.session,
        member.id,
        t.data["role"],
        kecamatan_code=t.data.get("kecamatan_code"),
        granted_by=t.identity,
        now=t.clock.now(),
    )
    role_name = label(ROLE_LABELS, granted.role.role)
    kecamatan = t.areas.kecamatan(granted.role.kecamatan_code or "")
    if kecamatan is not None:
        role_name = _("{role} Kec. {kecamatan}").format(role=role_name, kecamatan=kecamatan.name)
    t.say(_("✅ {name} sekarang {role}.").format(name=member.full_name, role=role_name))
    return Goto(StaffStep.ACTION)


KECAMATAN = KecamatanPicker(
    "kecamatan_code",
    lambda: _("Koordinator untuk kecamatan mana?"),
    then=_grant,
    typed_step=StaffStep.KECAMATAN,
    in_kota_step=StaffStep.KECAMATAN_IN_KOTA,
)


async def _chosen_member(t: Turn_) -> Member:
    member = await t.session.get(Member, t.data["member_id"])
    assert member is not None
    return member


async def _staff_overview(t: Turn_) -> str:
    holders = await roles.staff_list(t.session)
    if not holders:
        return _("Belum ada staf.")
    lines = [_("Staf program:")]
    for held in holders:
        member = await t.session.get(Member, held.member_id)
        kecamatan = t.areas.kecamatan(held.kecamatan_code or "")
        where = f" ({kecamatan.name})" if kecamatan else ""
        name = member.full_name if member else "-"
        lines.append(f"• {name}: {label(ROLE_LABELS, held.role)}{where}")
    return "\n".join(lines)


STAFF_ROLES = Flow[StaffData](
    name="staff_roles",
    step_names=StaffStep,
    admins_only=True,
    steps=(
        Step(StaffStep.ACTION, ask_action, chose_action),
        Step(StaffStep.MEMBER, ask_member, got_member),
        Step(StaffStep.ROLE, ask_role, chose_role),
        *KECAMATAN.steps,
    ),
)
