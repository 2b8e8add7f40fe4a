"""Database migrations: Alembic configured in code, so the bot can bring its schema up to date
at startup without an alembic.ini."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from bot.db import SQLITE_BUSY_TIMEOUT_MS

MIGRATIONS_DIR = Path(__file__).resolve().parent


def alembic_config(database_url: str, **engine_options: Any) -> Config:
    """An Alembic config for `database_url`; `engine_options` go to `create_async_engine`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    config.attributes["database_url"] = database_url
    config.attributes["engine_options"] = engine_options
    return config


async def upgrade_database(
    database_url: str, *, event_key_secret: bytes | None = None, **engine_options: Any
) -> None:
    """Apply every pending migration, in a worker thread so the caller's event loop is free.

    `event_key_secret` is the key processed event ids are hashed with (revision 0006
    converts old records with it); without it the migration reads the settings.
    """
    config = alembic_config(database_url, **engine_options)
    if event_key_secret is not None:
        config.attributes["event_key_secret"] = event_key_secret
    await asyncio.to_thread(command.upgrade, config, "head")


def migration_engine(database_url: str, **engine_options: Any) -> AsyncEngine:
    """An unpooled engine for running migrations.

    On SQLite every transaction is `BEGIN IMMEDIATE` (so a whole upgrade is atomic and waits
    for a running bot's writes) and foreign keys are off, so that batch-mode table rebuilds
    do not fire `ON DELETE CASCADE` when the old table is dropped.
    """
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url, **{"poolclass": NullPool, **engine_options})
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: AsyncEngine) -> None:
    """Explicit `BEGIN IMMEDIATE` transactions, a busy timeout, foreign keys off."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
