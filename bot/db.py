"""The database handle: one async engine, and transactions that behave alike on
SQLite and PostgreSQL.

SQLite allows one writer. Left to itself it starts a transaction as a reader and
upgrades to a writer at the first write, which is where concurrent members meet
"database is locked". So every SQLite transaction here starts with
`BEGIN IMMEDIATE` (the write lock is taken up front, other processes wait up to
the busy timeout), and inside one process writers queue on an asyncio lock
instead of in SQLite's sleeping busy handler, which keeps latency flat.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.sqlite_inline import STATEMENT_BUSY_TIMEOUT, inline_connector

READ_ONLY = "okoce_read_only"
"""Execution option of `Database.reading` sessions: begin without taking the write lock."""
SQLITE_BUSY_TIMEOUT_MS = 15_000
"""How long a transaction may wait for another process to release the write lock."""


class Database:
    """Owns the engine and hands out one session per transaction."""

    def __init__(self, url: str, *, echo: bool = False, **engine_options: Any) -> None:
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        if self.is_sqlite and self.url.database not in (None, "", ":memory:"):
            Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
        statement_busy_ms = SQLITE_BUSY_TIMEOUT_MS
        if self.is_sqlite and self.url.database not in (None, "", ":memory:"):
            engine_options.setdefault(
                "async_creator",
                inline_connector(self.url.database, SQLITE_BUSY_TIMEOUT_MS / 1000),
            )
            # On the loop's thread SQLite may only wait briefly; the long wait for
            # another process's write lock is the connector's asynchronous retry.
            statement_busy_ms = int(STATEMENT_BUSY_TIMEOUT * 1000)
        self.engine: AsyncEngine = create_async_engine(url, echo=echo, **engine_options)
        if self.is_sqlite:
            _configure_sqlite(self.engine, statement_busy_ms)
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._read_sessions = async_sessionmaker(
            self.engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False
        )
        self._write_lock = asyncio.Lock() if self.is_sqlite else None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One unit of work: commit on success, roll back on any exception."""
        if self._write_lock is None:
            async with self._sessions() as session, session.begin():
                yield session
            return
        async with self._write_lock, self._sessions() as session, session.begin():
            yield session

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A read-only unit of work (web pages): no write lock, a plain `BEGIN` on SQLite.

        In WAL mode readers never wait for the writer, so pages stay fast while members
        write; whatever the block changed is rolled back.
        """
        async with self._read_sessions() as session, session.begin():
            yield session
            await session.rollback()

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()


def dialect_insert(session: AsyncSession, table: Any) -> sqlite.Insert | postgresql.Insert:
    """An INSERT that supports `on_conflict_do_*` on the session's database."""
    if session.get_bind().dialect.name == "sqlite":
        return sqlite.insert(table)
    return postgresql.insert(table)


def _configure_sqlite(engine: AsyncEngine, busy_timeout_ms: int) -> None:
    """WAL, a busy timeout, foreign keys, and `BEGIN IMMEDIATE` for every transaction."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        if dbapi_connection.isolation_level is not None:
            dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
