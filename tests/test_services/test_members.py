"""Member rules, tested directly on both databases."""

import asyncio

from sqlalchemy import select

from bot.db import Database
from bot.models import Member
from bot.services import erasure, members
from tests.factories import NOW, member_details


async def _register(database: Database, phone: str) -> object:
    async with database.transaction() as session:
        return await members.register_member(session, member_details(phone_e164=phone), NOW)


async def test_concurrent_registrations_get_distinct_numbers(database: Database) -> None:
    outcomes = await asyncio.gather(
        *(_register(database, f"+62812000000{n:02d}") for n in range(20))
    )
    assert all(isinstance(outcome, members.Registered) for outcome in outcomes)
    async with database.transaction() as session:
        numbers = [n for n in await session.scalars(select(Member.member_number)) if n]
    assert sorted(numbers) == [f"OK-317401-{n:06d}" for n in range(1, 21)]


async def test_a_household_phone_registers_two_people(database: Database) -> None:
    first = await _register(database, "+6281200000001")
    second = await _register(database, "+6281200000001")
    assert isinstance(first, members.Registered) and isinstance(second, members.Registered)
    async with database.transaction() as session:
        holders = await members.members_by_phone(session, "+6281200000001")
    assert [m.member_number for m in holders] == ["OK-317401-000001", "OK-317401-000002"]


async def test_forgetting_a_member_frees_their_phone(database: Database) -> None:
    async with database.transaction() as session:
        registered = await members.register_member(
            session, member_details(phone_e164="+6281200000002"), NOW
        )
        assert isinstance(registered, members.Registered)
        await erasure.erase_member(session, registered.member, now=NOW, reminder_offsets=())
        assert await members.members_by_phone(session, "+6281200000002") == []


async def test_members_are_found_by_number_or_phone(database: Database) -> None:
    await _register(database, "+6281200000003")
    async with database.transaction() as session:
        by_number = await members.find_member(session, "ok-317401-000001")
        by_phone = await members.find_member(session, "+6281200000003")
        nobody = await members.find_member(session, "OK-317401-000099")
    assert by_number is not None and by_number is by_phone
    assert nobody is None
