"""Who may be where: a chat's member, and the rule each flow sets for entering it.

The engine reads these afresh on every event, so a role revoked or an admin removed
while a flow is open ends that flow at the next message, not only at its start.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import _
from bot.models import ChannelAccount, Member
from bot.services import roles
from conversations.flow import Flow, Turn


async def active_member(session: AsyncSession, account: ChannelAccount) -> Member | None:
    """The member this chat is linked to, unless they have deleted their data."""
    if account.member_id is None:
        return None
    member = await session.get(Member, account.member_id)
    if member is None or member.deleted_at is not None:
        return None
    return member


async def refusal_to_enter(flow: Flow[Any], turn: Turn[Any], *, from_start: bool) -> str | None:
    """Why this person may not enter `flow`, politely, or None if they may."""
    if flow.admins_only and not turn.is_admin:
        return _("Maaf, fitur ini khusus admin program.")
    if flow.members_only and turn.member is None:
        return _("Fitur ini untuk anggota OK OCE. Daftar dulu lewat menu, ya.")
    if flow.guests_only and from_start and turn.member is not None:
        return _("Anda sudah terdaftar. Data Anda ada di menu Profil saya.")
    if flow.staff_roles and not turn.is_admin:
        member_id = turn.member.id if turn.member else None
        for role in flow.staff_roles:
            if member_id is not None and await roles.has_role(turn.session, member_id, role):
                return None
        return _("Maaf, fitur ini khusus staf program (coach atau koordinator).")
    return None
