"""Shared fixtures: databases on SQLite and PostgreSQL, each test with its own empty one.

PostgreSQL comes from `OKOCE_TEST_POSTGRES_URL`. Without it the local default server is
tried, and PostgreSQL tests are skipped if it is not there; with it, an unreachable server
fails the tests, so CI cannot silently lose half its coverage. Each PostgreSQL test gets a
fresh schema (selected through `search_path`), dropped afterwards.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bot.db import Database
from bot.logs import UNEXPECTED
from bot.models import Base
from tests.message_lengths import SEEN, TOO_LONG

POSTGRES_URL_ENV = "OKOCE_TEST_POSTGRES_URL"
DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
BACKENDS = ["sqlite", "postgresql"]
POSTGRES_CONNECT_TIMEOUT_S = 5

_postgres_probe_errors: dict[str, str | None] = {}


@dataclass(frozen=True)
class DatabaseTarget:
    """An empty test database: its URL and the engine options that select it."""

    url: str
    engine_options: dict[str, Any] = field(default_factory=dict)

    def database(self) -> Database:
        """A `Database` handle on this target; the caller disposes it."""
        return Database(self.url, **self.engine_options)


def _display_url(url: str) -> str:
    """The URL with any password masked, for messages."""
    return make_url(url).render_as_string(hide_password=True)


async def _probe_postgres(url: str) -> str | None:
    """Why PostgreSQL at `url` cannot be used, or None if a query there works."""
    engine = create_async_engine(
        url, poolclass=NullPool, connect_args={"timeout": POSTGRES_CONNECT_TIMEOUT_S}
    )
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except (OSError, SQLAlchemyError) as exc:
        return f"{type(exc).__name__}: {exc}".splitlines()[0]
    finally:
        await engine.dispose()
    return None


async def _postgres_url() -> str:
    """The test server's URL; skips (no env var) or fails (env var set) if it is unreachable."""
    configured = os.environ.get(POSTGRES_URL_ENV)
    url = configured or DEFAULT_POSTGRES_URL
    if url not in _postgres_probe_errors:
        _postgres_probe_errors[url] = await _probe_postgres(url)
    error = _postgres_probe_errors[url]
    if error is not None:
        if configured:
            pytest.fail(
                f"{POSTGRES_URL_ENV} is set but PostgreSQL is not reachable at "
                f"{_display_url(url)}: {error}"
            )
        pytest.skip(
            f"PostgreSQL not reachable at {_display_url(url)}; set {POSTGRES_URL_ENV} ({error})"
        )
    return url


@asynccontextmanager
async def _postgres_schema() -> AsyncIterator[DatabaseTarget]:
    """A freshly created, randomly named schema, dropped with everything in it on exit."""
    url = await _postgres_url()
    schema = f"okoce_test_{secrets.token_hex(6)}"
    admin = create_async_engine(url, poolclass=NullPool)
    try:
        async with admin.begin() as connection:
            await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            yield DatabaseTarget(
                url, {"connect_args": {"server_settings": {"search_path": schema}}}
            )
        finally:
            async with admin.begin() as connection:
                await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        await admin.dispose()


@asynccontextmanager
async def _postgres_database() -> AsyncIterator[str]:
    """A freshly created, randomly named database (its URL alone selects it), dropped on exit."""
    url = await _postgres_url()
    name = f"okoce_test_{secrets.token_hex(6)}"
    admin = create_async_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield make_url(url).set(database=name).render_as_string(hide_password=False)
        finally:
            async with admin.connect() as connection:
                await connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    finally:
        await admin.dispose()


@asynccontextmanager
async def _empty_target(backend: str, tmp_path: Path) -> AsyncIterator[DatabaseTarget]:
    """An empty database on `backend`: a new SQLite file or a new PostgreSQL schema."""
    if backend == "sqlite":
        yield DatabaseTarget(f"sqlite+aiosqlite:///{tmp_path / 'okoce.db'}")
    else:
        async with _postgres_schema() as target:
            yield target


@asynccontextmanager
async def _created_database(target: DatabaseTarget) -> AsyncIterator[Database]:
    """A `Database` on `target` with every table of bot.models created."""
    database = target.database()
    try:
        async with database.engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
        yield database
    finally:
        await database.dispose()


@pytest.fixture(params=BACKENDS)
async def empty_database(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[DatabaseTarget]:
    """An empty database (no tables) on each backend, for migration tests."""
    async with _empty_target(request.param, tmp_path) as target:
        yield target


@pytest.fixture(params=BACKENDS)
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A `Database` with the current schema on each backend."""
    async with _empty_target(request.param, tmp_path) as target, _created_database(target) as db:
        yield db


@pytest.fixture(params=BACKENDS)
async def separate_database_url(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[str]:
    """The URL of an empty database on each backend that other processes can open by URL
    alone: a new SQLite file, or a new PostgreSQL database (not a schema)."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'instances' / 'okoce.db'}"
        return
    async with _postgres_database() as url:
        yield url


@pytest.fixture
async def sqlite_database(tmp_path: Path) -> AsyncIterator[Database]:
    """A `Database` with the current schema on SQLite only."""
    async with _empty_target("sqlite", tmp_path) as target, _created_database(target) as db:
        yield db


class _UnexpectedErrors(logging.Handler):
    """Collects log records marked unexpected (a catch-all turned a crash into an apology)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(record, UNEXPECTED, False):
            self.records.append(record)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "expects_crash: the test provokes an unexpected error on purpose"
    )


@pytest.fixture(autouse=True)
def short_messages() -> Iterator[None]:
    """Fail a test in which the bot sent a message longer than a phone screen's worth.

    Detail the person asked for (help, a roster) is exempt; see tests/message_lengths.py.
    """
    TOO_LONG.clear()
    SEEN.clear()
    yield
    if TOO_LONG:
        longest = max(TOO_LONG, key=lambda message: message.lines)
        pytest.fail(f"{len(TOO_LONG)} message(s) too long; the longest, {longest}")


@pytest.fixture(autouse=True)
def no_hidden_crash(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test whose code hit a catch-all, unless it is marked `expects_crash`.

    The engine (and the channels' workers) answer an unexpected exception with an
    apology, which would otherwise let a test pass over a crash.
    """
    collector = _UnexpectedErrors()
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        yield
    finally:
        root.removeHandler(collector)
    expected = request.node.get_closest_marker("expects_crash") is not None
    if collector.records and not expected:
        first = collector.records[0]
        error = first.exc_info[1] if first.exc_info else None
        pytest.fail(f"a catch-all hid an unexpected error ({first.getMessage()}): {error!r}")
    if expected and not collector.records:
        pytest.fail("marked expects_crash, but no unexpected error was logged")
