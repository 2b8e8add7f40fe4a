"""Webhook deliveries kept in the database from acknowledgement until processed.

A processed delivery's body is emptied at once (`done`), so personal data in it lives
only until it has been handled. Recording comes before each acknowledgement, so it is on the webhook's hot path.
Deliveries arriving together are written in one transaction (group commit): under
a burst, a handful of inserts serve hundreds of waiting acknowledgements.
"""

from __future__ import annotations

import asyncio

from sqlalchemy import insert, select, update

from bot.clock import Clock
from bot.db import Database
from bot.models import InboundDelivery

PROCESSED_BODY = b""
"""What a processed delivery keeps of its body: nothing (de-duplication is by event key)."""


class DatabaseInbox:
    """A channel's durable inbox: `record` before acknowledging, `done` after processing."""

    def __init__(self, db: Database, clock: Clock, channel: str) -> None:
        self.db = db
        self.clock = clock
        self.channel = channel
        self._waiting: list[tuple[bytes, asyncio.Future[int]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def record(self, body: bytes) -> int:
        """Keep a delivery (committed when this returns); returns its id."""
        kept: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._waiting.append((body, kept))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_waiting())
        return await kept

    async def _write_waiting(self) -> None:
        """Write everything waiting, batch after batch, each in one transaction."""
        while self._waiting:
            batch, self._waiting = self._waiting, []
            now = self.clock.now()
            rows = [
                {"channel": self.channel, "body": body, "received_at": now} for body, _ in batch
            ]
            try:
                async with self.db.transaction() as session:
                    result = await session.execute(
                        insert(InboundDelivery).returning(
                            InboundDelivery.id, sort_by_parameter_order=True
                        ),
                        rows,
                    )
                    ids = list(result.scalars())
            except Exception as error:
                for _body, kept in batch:
                    kept.set_exception(error)
                continue
            for (_body, kept), delivery_id in zip(batch, ids, strict=True):
                kept.set_result(delivery_id)

    async def done(self, delivery_id: int) -> None:
        """Mark a delivery processed and empty its body: what it said is no longer kept."""
        async with self.db.transaction() as session:
            await session.execute(
                update(InboundDelivery)
                .where(InboundDelivery.id == delivery_id)
                .values(processed_at=self.clock.now(), body=PROCESSED_BODY)
            )

    async def pending(self) -> list[tuple[int, bytes]]:
        """Deliveries acknowledged but not processed (left by a stop or a crash), oldest first."""
        async with self.db.transaction() as session:
            rows = await session.execute(
                select(InboundDelivery.id, InboundDelivery.body)
                .where(
                    InboundDelivery.channel == self.channel,
                    InboundDelivery.processed_at.is_(None),
                )
                .order_by(InboundDelivery.id)
            )
            return [(delivery_id, body) for delivery_id, body in rows]
