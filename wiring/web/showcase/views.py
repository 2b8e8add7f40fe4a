"""Product page views tallied in memory and written in one batch every few seconds.

A view costs a dictionary update, not a database write; `flush` adds the tallies to the
per-day counts (`catalog.add_views`). Views in memory when a process dies are lost,
which a view count can afford.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import AsyncIterator
from datetime import date

from aiohttp import web

from bot.clock import Clock
from bot.db import Database
from bot.logs import log_unexpected
from bot.services import catalog

log = logging.getLogger(__name__)

FLUSH_SECONDS = 10.0


class ViewTally:
    """Views per (listing, Jakarta day) since the last flush."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self._counts: Counter[tuple[int, date]] = Counter()

    def add(self, listing_id: int) -> None:
        """One view of a listing, now."""
        self._counts[(listing_id, catalog.jakarta_day(self.clock.now()))] += 1

    async def flush(self) -> int:
        """Write the tallies; returns how many listings were counted."""
        if not self._counts:
            return 0
        counts, self._counts = self._counts, Counter()
        async with self.db.transaction() as session:
            return await catalog.add_views(session, dict(counts))

    async def run(self, app: web.Application) -> AsyncIterator[None]:
        """aiohttp cleanup context: flush every few seconds, and once more at the end."""
        task = asyncio.create_task(self._flush_every(FLUSH_SECONDS))
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await self.flush()

    async def _flush_every(self, seconds: float) -> None:
        while True:
            await asyncio.sleep(seconds)
            try:
                await self.flush()
            except Exception:  # a failed write loses a few views, never the page
                log_unexpected(log, "view counts not written")


VIEWS_KEY = web.AppKey("views", ViewTally)
