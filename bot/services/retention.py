"""How long de-duplication records are kept: pruning them in small batches.

A processed event's key and a processed delivery's row only serve to recognise a
redelivery, which platforms make within hours. Older ones are deleted a batch at a
time, each batch its own short transaction, so pruning never holds a lock for long.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import InboundDelivery, ProcessedEvent


@dataclass(frozen=True)
class Pruned:
    """What one batch deleted."""

    events: int
    deliveries: int

    @property
    def total(self) -> int:
        return self.events + self.deliveries


async def prune_batch(session: AsyncSession, *, before: datetime, limit: int) -> Pruned:
    """Delete up to `limit` processed events and `limit` processed deliveries older than `before`."""
    old_events = (
        select(ProcessedEvent.channel, ProcessedEvent.key_hash)
        .where(ProcessedEvent.processed_at < before)
        .order_by(ProcessedEvent.processed_at)
        .limit(limit)
    )
    events = await session.execute(
        delete(ProcessedEvent)
        .where(tuple_(ProcessedEvent.channel, ProcessedEvent.key_hash).in_(old_events))
        .execution_options(synchronize_session=False)
    )
    old_deliveries = (
        select(InboundDelivery.id)
        .where(InboundDelivery.processed_at < before)
        .order_by(InboundDelivery.processed_at)
        .limit(limit)
    )
    deliveries = await session.execute(
        delete(InboundDelivery)
        .where(InboundDelivery.id.in_(old_deliveries))
        .execution_options(synchronize_session=False)
    )
    return Pruned(
        events=int(events.rowcount),  # type: ignore[attr-defined]
        deliveries=int(deliveries.rowcount),  # type: ignore[attr-defined]
    )
