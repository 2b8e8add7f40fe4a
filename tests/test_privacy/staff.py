"""Giving test members staff roles directly, as an admin would have."""

from __future__ import annotations

from bot.db import Database
from bot.phones import parse_indonesian_mobile
from bot.services import members, roles
from bot.vocabulary import StaffRoleName
from tests.factories import NOW


async def grant(
    db: Database, phone: str, role: StaffRoleName, *, kecamatan: str | None = None
) -> int:
    """Give the member with this phone `role`; returns their member id."""
    async with db.transaction() as session:
        e164 = parse_indonesian_mobile(phone)
        assert e164 is not None
        [member] = await members.members_by_phone(session, e164)
        await roles.grant_role(
            session, member.id, role, kecamatan_code=kecamatan, granted_by="test:admin", now=NOW
        )
        return member.id
