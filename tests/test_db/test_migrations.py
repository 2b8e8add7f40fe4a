"""The migrations build exactly the schema bot.models describes, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select
from sqlalchemy.engine import Connection

from bot.migrations import alembic_config, upgrade_database
from bot.models import Base, MemberNumberCounter
from tests.conftest import DatabaseTarget


def _head_revision() -> str | None:
    """The revision `upgrade head` leads to."""
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


async def _inspect(target: DatabaseTarget) -> tuple[list[Any], str | None, set[str]]:
    """Schema differences from bot.models, the stamped revision, and the table names."""

    def read(connection: Connection) -> tuple[list[Any], str | None, set[str]]:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        diff = compare_metadata(context, Base.metadata)
        return diff, context.get_current_revision(), set(inspect(connection).get_table_names())

    database = target.database()
    try:
        async with database.engine.connect() as connection:
            return await connection.run_sync(read)
    finally:
        await database.dispose()


def test_revisions_have_a_single_head() -> None:
    """Two revisions branching off the same parent would leave `upgrade head` ambiguous."""
    heads = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    assert len(heads) == 1, heads


async def test_upgrade_creates_exactly_the_models_schema(empty_database: DatabaseTarget) -> None:
    await upgrade_database(empty_database.url, **empty_database.engine_options)

    diff, revision, tables = await _inspect(empty_database)
    assert diff == []
    assert revision == _head_revision()
    assert tables == {*Base.metadata.tables, "alembic_version"}


async def test_upgrading_twice_is_a_no_op(empty_database: DatabaseTarget) -> None:
    await upgrade_database(empty_database.url, **empty_database.engine_options)
    database = empty_database.database()
    try:
        async with database.transaction() as session:
            session.add(MemberNumberCounter(kecamatan_code="3171010", last_value=7))

        await upgrade_database(empty_database.url, **empty_database.engine_options)

        async with database.transaction() as session:
            counters = (await session.scalars(select(MemberNumberCounter))).all()
        assert [(c.kecamatan_code, c.last_value) for c in counters] == [("3171010", 7)]
    finally:
        await database.dispose()

    diff, revision, _ = await _inspect(empty_database)
    assert diff == []
    assert revision == _head_revision()


async def test_downgrade_to_base_removes_every_table(empty_database: DatabaseTarget) -> None:
    await upgrade_database(empty_database.url, **empty_database.engine_options)
    config = alembic_config(empty_database.url, **empty_database.engine_options)

    await asyncio.to_thread(command.downgrade, config, "base")

    _, revision, tables = await _inspect(empty_database)
    assert revision is None
    assert tables == {"alembic_version"}
