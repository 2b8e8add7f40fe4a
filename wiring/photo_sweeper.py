"""Removes from the photo store the photos no listing uses any more (a forgotten member's).

The queue is `photo_deletions`, filled in the same transaction that let go of a photo
(`bot.services.catalog.erasure`); files go first and the queue rows after, so a crash in
between only means removing a file twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.clock import Clock
from bot.db import Database
from bot.logs import log_unexpected
from bot.photo_store import PhotoStore
from bot.services import catalog

log = logging.getLogger(__name__)

SWEEP_SECONDS = 60.0


async def sweep_once(db: Database, store: PhotoStore, clock: Clock) -> int:
    """Remove the files of every queued, unused photo; returns how many were removed."""
    async with db.transaction() as session:  # it drops the keys a chat still holds
        keys = await catalog.photos_to_remove(session, now=clock.now())
    for key in keys:
        await store.delete(key)
    async with db.transaction() as session:
        await catalog.photos_removed(session, keys)
    return len(keys)


@asynccontextmanager
async def sweeping(db: Database, store: PhotoStore, clock: Clock) -> AsyncIterator[None]:
    """Sweep every minute while the block runs."""

    async def loop() -> None:
        while True:
            try:
                removed = await sweep_once(db, store, clock)
                if removed:
                    log.info("photos removed", extra={"count": removed})
            except Exception:  # the next round tries again; nothing is lost
                log_unexpected(log, "photo sweep failed")
            await asyncio.sleep(SWEEP_SECONDS)

    task = asyncio.create_task(loop())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
