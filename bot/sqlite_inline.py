"""SQLite on the event loop's own thread, for SQLAlchemy's aiosqlite dialect.

aiosqlite runs every call (cursor, execute, fetch, close) on a worker thread, so
one statement costs three or four thread round trips, and each one yields to
the event loop. A SQLite statement on a local file takes microseconds, far less
than a round trip. Worse, our writers queue on one lock, so a transaction that
yields at every statement holds that lock for as long as the loop is busy
elsewhere. Under load that, not SQLite, limited the bot to ~200 updates/s.

This module gives SQLAlchemy an object with aiosqlite's interface whose
coroutines finish without suspending: a transaction runs start to end without
giving up the loop. The one wait that can be long (another process holding the
write lock) is turned into an asynchronous retry of `BEGIN IMMEDIATE`, so the
loop is never blocked by it.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

BUSY_RETRY_FIRST_DELAY = 0.001
BUSY_RETRY_MAX_DELAY = 0.05
STATEMENT_BUSY_TIMEOUT = 0.1
"""Seconds SQLite itself may wait inside one statement (bounded loop blocking)."""


class InlineCursor:
    """An aiosqlite-shaped cursor whose calls complete at once."""

    def __init__(self, connection: InlineConnection) -> None:
        self._owner = connection
        self._cursor = connection.raw.cursor()

    async def __aenter__(self) -> InlineCursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> InlineCursor:
        if sql.lstrip()[:5].upper() == "BEGIN":
            await self._owner.begin_waiting_while_busy(self._cursor, sql)
        else:
            self._cursor.execute(sql, parameters)
        return self

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> InlineCursor:
        self._cursor.executemany(sql, rows)
        return self

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(size or self._cursor.arraysize)

    async def close(self) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value


class InlineConnection:
    """An aiosqlite-shaped connection on the calling thread, in autocommit mode.

    Transactions are begun explicitly (`BEGIN IMMEDIATE`, see `bot.db`).
    """

    def __init__(self, raw: sqlite3.Connection, busy_timeout: float) -> None:
        self.raw = raw
        self._busy_timeout = busy_timeout
        self._connection: sqlite3.Connection | None = raw  # SQLAlchemy checks this is set

    @property
    def isolation_level(self) -> str | None:
        return self.raw.isolation_level

    def cursor(self) -> InlineCursor:
        return InlineCursor(self)

    async def begin_waiting_while_busy(self, cursor: sqlite3.Cursor, sql: str) -> None:
        """Start a transaction; while another process writes, wait without blocking the loop."""
        deadline = time.monotonic() + self._busy_timeout
        delay = BUSY_RETRY_FIRST_DELAY
        while True:
            try:
                cursor.execute(sql)
                return
            except sqlite3.OperationalError as error:
                locked = "locked" in str(error) or "busy" in str(error)
                if not locked or time.monotonic() + delay > deadline:
                    raise
            await asyncio.sleep(delay)
            delay = min(delay * 2, BUSY_RETRY_MAX_DELAY)

    async def commit(self) -> None:
        self.raw.commit()

    async def rollback(self) -> None:
        self.raw.rollback()

    async def close(self) -> None:
        self._connection = None
        self.raw.close()

    def stop(self) -> None:
        """Close at once (SQLAlchemy's terminate)."""
        self._connection = None
        self.raw.close()

    async def create_function(
        self, name: str, num_params: int, func: Callable[..., Any], **kw: Any
    ) -> None:
        self.raw.create_function(name, num_params, func, **kw)


def inline_connector(path: str, busy_timeout: float) -> Callable[[], Any]:
    """An `async_creator` for `create_async_engine` opening `path` on the loop's thread."""

    async def connect() -> InlineConnection:
        raw = sqlite3.connect(path, timeout=STATEMENT_BUSY_TIMEOUT, isolation_level=None)
        return InlineConnection(raw, busy_timeout)

    return connect
