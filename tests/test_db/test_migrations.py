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
from bot.search_index import SEARCH_OBJECTS, SEARCH_TABLES, include_object
from tests.conftest import DatabaseTarget


def _head_revision() -> str | None:
    """The revision `upgrade head` leads to."""
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


async def _inspect(target: DatabaseTarget) -> tuple[list[Any], str | None, set[str]]:
    """Schema differences from bot.models, the stamped revision, and the table names."""

    def read(connection: Connection) -> tuple[list[Any], str | None, set[str]]:
        # The search objects are no models; `test_search_objects_match_the_models` checks them.
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "compare_server_default": True,
                "include_object": include_object,
            },
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
    assert tables - SEARCH_TABLES == {*Base.metadata.tables, "alembic_version"}


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


async def _search_objects(target: DatabaseTarget) -> set[tuple[str, str]]:
    """The full-text search objects in a database, with the SQL that makes each."""

    def read(connection: Connection) -> set[tuple[str, str]]:
        if connection.dialect.name == "sqlite":
            query = "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"
        else:
            query = "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
        rows = connection.exec_driver_sql(query).fetchall()
        return {(str(name), str(sql)) for name, sql in rows if name in SEARCH_OBJECTS}

    database = target.database()
    try:
        async with database.engine.connect() as connection:
            return await connection.run_sync(read)
    finally:
        await database.dispose()


async def test_search_objects_match_the_models(empty_database: DatabaseTarget) -> None:
    """The FTS table, its triggers (SQLite) and the GIN index (PostgreSQL), which the
    schema comparison leaves out, are the same whether migrated or made by `create_all`."""
    await upgrade_database(empty_database.url, **empty_database.engine_options)
    migrated = await _search_objects(empty_database)

    database = empty_database.database()
    try:
        async with database.engine.begin() as connection:
            await connection.run_sync(Base.metadata.drop_all)
            await connection.exec_driver_sql("DROP TABLE alembic_version")
            await connection.run_sync(Base.metadata.create_all)
    finally:
        await database.dispose()
    created = await _search_objects(empty_database)

    assert migrated == created
    expected = (
        {"listings_fts", "listings_fts_insert", "listings_fts_delete", "listings_fts_update"}
        if empty_database.url.startswith("sqlite")
        else {"ix_listings_search_vector"}
    )
    assert {name for name, _sql in migrated} >= expected
