"""A lock that one process at a time holds, across every instance on one database.

Telegram allows one long poll per bot token: a second poller gets 409 Conflict. So
instances contend for a lock and only its holder polls. On PostgreSQL the lock is a
session advisory lock held on a connection of its own; on SQLite (one machine) it is an
`flock` on a file beside the database. Either way the operating system or the database
server lets go the moment the holder dies (its socket or file descriptor closes), so
another instance can take over at its next try, with no lease to wait out.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import hashlib
import logging
import os
from pathlib import Path
from typing import Protocol

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.db import Database

log = logging.getLogger(__name__)

ANSWER_WITHIN_S = 5.0
"""A lock connection that takes longer to answer is taken for lost (a silent network)."""


class ExclusiveLock(Protocol):
    """Held by at most one process at a time."""

    async def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; never waits."""
        ...

    async def still_held(self) -> bool:
        """Whether this process still holds it (its database connection is alive)."""
        ...

    async def release(self) -> None:
        """Let go (nothing happens if not held)."""
        ...


def advisory_key(name: str) -> int:
    """A stable signed 64-bit key for `pg_try_advisory_lock`, from a lock's name."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


class AdvisoryLock:
    """A PostgreSQL session advisory lock on a connection kept open while held."""

    def __init__(self, engine: AsyncEngine, name: str) -> None:
        self.engine = engine
        self.key = advisory_key(name)
        self._connection: AsyncConnection | None = None

    async def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; False also when the database does not answer."""
        if self._connection is not None:
            return True
        try:
            connection = await self.engine.connect()
        except (OSError, SQLAlchemyError) as error:
            log.warning("lock: database unavailable", extra={"error": type(error).__name__})
            return False
        try:
            connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
            taken = await connection.scalar(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key}
            )
        except (OSError, SQLAlchemyError) as error:
            log.warning("lock: database unavailable", extra={"error": type(error).__name__})
            taken = False
        if not taken:
            await _close(connection)
            return False
        self._connection = connection
        return True

    async def still_held(self) -> bool:
        """True while the lock's connection answers; a dead connection has lost the lock."""
        if self._connection is None:
            return False
        try:
            async with asyncio.timeout(ANSWER_WITHIN_S):
                await self._connection.scalar(text("SELECT 1"))
        except (OSError, SQLAlchemyError, TimeoutError):
            await self._drop()
            return False
        return True

    async def release(self) -> None:
        """Unlock and give the connection back."""
        if self._connection is None:
            return
        with contextlib.suppress(OSError, SQLAlchemyError):
            await self._connection.scalar(
                text("SELECT pg_advisory_unlock(:key)"), {"key": self.key}
            )
        await self._drop()

    async def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            await _close(connection)


async def _close(connection: AsyncConnection) -> None:
    with contextlib.suppress(OSError, SQLAlchemyError):
        await connection.close()


class FileLock:
    """An exclusive `flock` on a file; the kernel releases it when the process dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    async def try_acquire(self) -> bool:
        """Take the lock if no other process (or handle) holds it."""
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    async def still_held(self) -> bool:
        """A file lock is held until released or the process ends."""
        return self._fd is not None

    async def release(self) -> None:
        """Unlock and close the file (it stays, empty, for the next holder)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def instance_lock(db: Database, name: str) -> ExclusiveLock:
    """The lock called `name` for every instance on `db` (an advisory lock or a lock file)."""
    if not db.is_sqlite:
        return AdvisoryLock(db.engine, f"okoce-bot:{name}")
    database = db.url.database
    if database in (None, "", ":memory:"):
        raise ValueError("an in-memory SQLite database belongs to one process; nothing to lock")
    return FileLock(Path(f"{database}.{name}.lock"))
