"""Who is asking, on what grounds, and whether they may still manage the chosen session.

`coaching.session_to_manage` decides: admins every session, coordinators those in their
kecamatan, coaches and creators their own. Anyone else is turned back politely.
"""

from __future__ import annotations

from bot.i18n import _
from bot.models import CoachingSession
from bot.services import coaching, roles
from bot.vocabulary import StaffRoleName
from conversations.session_admin.states import Turn_


async def manager(t: Turn_) -> coaching.Manager:
    """This chat's person as the coaching service judges managers."""
    held = await roles.roles_of(t.session, t.member.id) if t.member else []
    coordinator_of = next(
        (r.kecamatan_code for r in held if r.role == StaffRoleName.COORDINATOR), None
    )
    return coaching.Manager(
        identity=t.identity,
        member_id=t.member.id if t.member else None,
        is_admin=t.is_admin,
        coordinator_of=coordinator_of,
    )


async def is_coach(t: Turn_) -> bool:
    return t.member is not None and await roles.has_role(
        t.session, t.member.id, StaffRoleName.COACH
    )


async def own_kecamatan(t: Turn_) -> str | None:
    """The kecamatan a coordinator must hold sessions in (coaches and admins go anywhere)."""
    if t.is_admin or await is_coach(t):
        return None
    return (await manager(t)).coordinator_of


async def still_managed(t: Turn_) -> CoachingSession | None:
    """The chosen session if this person (still) may manage it; if not, say so."""
    found = await coaching.session_to_manage(t.session, await manager(t), t.data["session_id"])
    if isinstance(found, CoachingSession):
        return found
    t.say(not_yours(t.data["session_id"]))
    return None


def not_yours(session_id: int) -> str:
    return _(
        "Maaf, sesi #{number} bukan sesi yang bisa Anda kelola. "
        "Hubungi koordinator kecamatannya, ya."
    ).format(number=session_id)


async def chosen(t: Turn_) -> CoachingSession:
    """The session being managed (its id was checked when it was opened)."""
    found = await t.session.get(CoachingSession, t.data["session_id"])
    assert found is not None
    return found
