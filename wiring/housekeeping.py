"""Background housekeeping run by `okoce-bot run`: pruning old de-duplication records,
dropping the text of "Tanya penjual" messages once they were sent, and letting go of the
photos of listings left unfinished in conversations that expired.

Each round deletes at most `max_batches` batches of `batch_size` rows (each batch its
own transaction) and then waits `interval` seconds, so a large backlog is worked off
over several rounds instead of in one long lock.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from bot.clock import Clock
from bot.db import Database
from bot.logs import log_unexpected
from bot.services import catalog, retention
from bot.services.catalog import inquiries

log = logging.getLogger(__name__)

BATCH_SIZE = 500
MAX_BATCHES = 20
INTERVAL_SECONDS = 600.0


class Housekeeper:
    """Prunes de-duplication records older than `retention`; empties sent inquiry texts."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        retention: timedelta,
        conversation_ttl: timedelta = timedelta(hours=24),
        batch_size: int = BATCH_SIZE,
        max_batches: int = MAX_BATCHES,
        interval: float = INTERVAL_SECONDS,
    ) -> None:
        self.db = db
        self.clock = clock
        self.retention = retention
        self.conversation_ttl = conversation_ttl
        self.batch_size = batch_size
        self.max_batches = max_batches
        self.interval = interval

    async def run_once(self) -> int:
        """One round: prune batch after batch until one comes back short; returns the rows."""
        before = self.clock.now() - self.retention
        total = 0
        for _round in range(self.max_batches):
            async with self.db.transaction() as session:
                pruned = await retention.prune_batch(session, before=before, limit=self.batch_size)
            total += pruned.total
            if max(pruned.events, pruned.deliveries) < self.batch_size:
                break
        if total:
            log.info("old de-duplication records pruned", extra={"count": total})
        await self.forget_relayed_texts()
        await self.let_go_of_unfinished_listings()
        return total

    async def forget_relayed_texts(self) -> int:
        """Empty the outbox rows of relayed messages already sent, batch after batch."""
        emptied = 0
        for _round in range(self.max_batches):
            async with self.db.transaction() as session:
                batch = await inquiries.forget_sent_texts(session, limit=self.batch_size)
            emptied += batch
            if batch < self.batch_size:
                break
        if emptied:
            log.info("sent inquiry texts dropped", extra={"count": emptied})
        return emptied

    async def let_go_of_unfinished_listings(self) -> int:
        """Queue the photos held by expired conversations, batch after batch; returns chats."""
        now = self.clock.now()
        emptied = 0
        for _round in range(self.max_batches):
            async with self.db.transaction() as session:
                batch = await catalog.let_go_of_expired_drafts(
                    session, idle_before=now - self.conversation_ttl, now=now, limit=self.batch_size
                )
            emptied += batch
            if batch < self.batch_size:
                break
        if emptied:
            log.info("unfinished listings' photos let go", extra={"count": emptied})
        return emptied

    async def run(self, stop: asyncio.Event) -> None:
        """Prune every `interval` seconds until `stop` is set; a failed round is logged."""
        while not stop.is_set():
            try:
                await self.run_once()
            except Exception:
                log_unexpected(log, "pruning de-duplication records failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self.interval)
