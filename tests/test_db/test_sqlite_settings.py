"""SQLite is set up for a bot with concurrent members: WAL, a busy timeout, and writers that
queue instead of failing with "database is locked"."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from bot.db import Database
from bot.models import MemberNumberCounter
from bot.sqlite_inline import STATEMENT_BUSY_TIMEOUT

KECAMATAN = "3171010"


async def _increment_slowly(database: Database, started: asyncio.Event) -> None:
    """Read the counter, dawdle, write it back: a lost update or a lock error if unguarded."""
    async with database.transaction() as session:
        counter = await session.get(MemberNumberCounter, KECAMATAN)
        assert counter is not None
        started.set()
        await asyncio.sleep(0.2)
        counter.last_value += 1


async def _counter_value(database: Database) -> int:
    """The counter as committed."""
    async with database.transaction() as session:
        value = await session.scalar(
            select(MemberNumberCounter.last_value).where(
                MemberNumberCounter.kecamatan_code == KECAMATAN
            )
        )
    assert value is not None
    return value


async def _seed_counter(database: Database) -> None:
    """A counter at zero to fight over."""
    async with database.transaction() as session:
        session.add(MemberNumberCounter(kecamatan_code=KECAMATAN, last_value=0))


async def _race(first: Database, second: Database) -> None:
    """Start a second writer while the first holds its transaction open."""
    started = asyncio.Event()

    async def second_writer() -> None:
        await started.wait()
        await _increment_slowly(second, asyncio.Event())

    async with asyncio.timeout(10):
        await asyncio.gather(_increment_slowly(first, started), second_writer())


async def test_connections_use_wal_busy_timeout_and_foreign_keys(
    sqlite_database: Database,
) -> None:
    async with sqlite_database.engine.connect() as connection:
        journal_mode = (await connection.exec_driver_sql("PRAGMA journal_mode")).scalar()
        busy_timeout = (await connection.exec_driver_sql("PRAGMA busy_timeout")).scalar()
        foreign_keys = (await connection.exec_driver_sql("PRAGMA foreign_keys")).scalar()

    assert journal_mode == "wal"
    # SQLite itself waits only briefly (it runs on the event loop's thread); the long
    # wait for another writer is asynchronous, shown by the two-engine race below.
    assert busy_timeout == int(STATEMENT_BUSY_TIMEOUT * 1000)
    assert foreign_keys == 1


async def test_concurrent_transactions_in_one_process_both_commit(
    sqlite_database: Database,
) -> None:
    await _seed_counter(sqlite_database)

    await _race(sqlite_database, sqlite_database)

    assert await _counter_value(sqlite_database) == 2


async def test_concurrent_transactions_from_two_engines_both_commit(
    sqlite_database: Database,
) -> None:
    """Two engines on one file stand in for two processes: no shared asyncio lock."""
    await _seed_counter(sqlite_database)
    other = Database(sqlite_database.url.render_as_string(hide_password=False))
    try:
        await _race(sqlite_database, other)
    finally:
        await other.dispose()

    assert await _counter_value(sqlite_database) == 2
