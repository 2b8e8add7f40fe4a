"""The application object: settings, database and engine, owned and closed together."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.areas import jakarta_areas
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.db import Database
from conversations.engine import ConversationEngine
from conversations.registry import all_actions, all_flows


@dataclass
class BotApp:
    """Everything one okoce-bot process runs on."""

    settings: Settings
    db: Database
    engine: ConversationEngine


@asynccontextmanager
async def open_app(settings: Settings, *, clock: Clock | None = None) -> AsyncIterator[BotApp]:
    """Open the database and build the engine; close everything on exit."""
    db = Database(settings.effective_database_url)
    engine = ConversationEngine(
        db, settings, all_flows(), jakarta_areas(), clock or SystemClock(), all_actions()
    )
    try:
        yield BotApp(settings=settings, db=db, engine=engine)
    finally:
        await db.dispose()
