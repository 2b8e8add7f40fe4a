"""Acknowledged webhook deliveries processed by a fixed pool of workers, never lost on a restart.

A delivery is kept in the inbox (the database) before it is acknowledged; the workers
take it from an in-memory queue, process it, and mark it done. Whatever was kept but
not done when a process stopped is queued again by `recover()` at the next start.
Both webhooks use it (WhatsApp's and Telegram's).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.logs import log_unexpected

log = logging.getLogger(__name__)

WORKERS = 8
"""Deliveries processed at once; the rest wait in the inbox, not as tasks in memory."""


class Inbox(Protocol):
    """Where acknowledged deliveries are kept until processed (see `bot.inbox`)."""

    async def record(self, body: bytes) -> int: ...

    async def done(self, delivery_id: int) -> None: ...

    async def pending(self) -> list[tuple[int, bytes]]: ...


Process = Callable[[bytes], Awaitable[None]]


class DeliveryWorkers:
    """Keeps, queues and processes webhook deliveries with `process`."""

    def __init__(self, inbox: Inbox, process: Process, *, workers: int = WORKERS) -> None:
        self._inbox = inbox
        self._process = process
        self._queue: asyncio.Queue[tuple[int, bytes]] = asyncio.Queue()
        self._worker_count = workers
        self._workers: list[asyncio.Task[None]] = []
        self._queued: set[int] = set()

    async def keep(self, body: bytes) -> None:
        """Record a delivery durably (it is safe to acknowledge once this returns), then queue it.

        Shielded: a client that hangs up (or a request deadline) cannot leave a delivery
        recorded but not queued; its sender retries and the engine's de-duplication copes.
        """
        await asyncio.shield(self._keep(body))

    async def _keep(self, body: bytes) -> None:
        delivery_id = await self._inbox.record(body)
        self._enqueue(delivery_id, body)

    async def recover(self) -> int:
        """Queue the deliveries a previous run acknowledged but did not process."""
        pending = await self._inbox.pending()
        for delivery_id, body in pending:
            self._enqueue(delivery_id, body)
        if pending:
            log.info("webhook deliveries recovered", extra={"count": len(pending)})
        return len(pending)

    def _enqueue(self, delivery_id: int, body: bytes) -> None:
        if delivery_id in self._queued:
            return  # kept just before `recover` read the inbox: queued once is enough
        self._queued.add(delivery_id)
        self._queue.put_nowait((delivery_id, body))
        if not self._workers:
            self._workers = [asyncio.create_task(self._work()) for _ in range(self._worker_count)]

    async def _work(self) -> None:
        while True:
            delivery_id, body = await self._queue.get()
            try:
                await self._process(body)
                await self._inbox.done(delivery_id)
            except Exception:
                log_unexpected(log, "webhook delivery not marked done", delivery_id=delivery_id)
            finally:
                self._queued.discard(delivery_id)
                self._queue.task_done()

    async def drain(self) -> None:
        """Wait until every delivery queued so far has been processed."""
        await self._queue.join()

    async def close(self, *, finish: bool = True) -> None:
        """Finish what was queued (unless told not to: it stays in the inbox), then stop."""
        if finish:
            await self.drain()
        for worker in self._workers:
            worker.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        self._workers = []
