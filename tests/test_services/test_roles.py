"""Staff roles, tested directly."""

import pytest

from bot.db import Database
from bot.services import roles
from bot.vocabulary import StaffRoleName
from tests.factories import NOW, add_members


async def test_a_coordinator_is_scoped_to_their_kecamatan(database: Database) -> None:
    [budi] = await add_members(database)
    async with database.transaction() as session:
        await roles.grant_role(
            session,
            budi,
            StaffRoleName.COORDINATOR,
            kecamatan_code="31.74.01",
            granted_by="x",
            now=NOW,
        )
        assert await roles.has_role(
            session, budi, StaffRoleName.COORDINATOR, kecamatan_code="31.74.01"
        )
        assert not await roles.has_role(
            session, budi, StaffRoleName.COORDINATOR, kecamatan_code="31.73.01"
        )
        assert not await roles.has_role(session, budi, StaffRoleName.COACH)


async def test_granting_again_moves_the_coordinator(database: Database) -> None:
    [budi] = await add_members(database)
    async with database.transaction() as session:
        for kecamatan in ("31.74.01", "31.73.01"):
            await roles.grant_role(
                session,
                budi,
                StaffRoleName.COORDINATOR,
                kecamatan_code=kecamatan,
                granted_by="x",
                now=NOW,
            )
        held = await roles.roles_of(session, budi)
    assert [(r.role, r.kecamatan_code) for r in held] == [("coordinator", "31.73.01")]


async def test_revoking_what_is_not_held_says_so(database: Database) -> None:
    [budi] = await add_members(database)
    async with database.transaction() as session:
        assert isinstance(
            await roles.revoke_role(session, budi, StaffRoleName.COACH), roles.NotHeld
        )


async def test_a_coordinator_needs_a_kecamatan(database: Database) -> None:
    [budi] = await add_members(database)
    async with database.transaction() as session:
        with pytest.raises(ValueError, match="kecamatan"):
            await roles.grant_role(
                session,
                budi,
                StaffRoleName.COORDINATOR,
                kecamatan_code=None,
                granted_by="x",
                now=NOW,
            )
