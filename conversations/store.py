"""Durable conversation bookkeeping: processed events and per-chat state."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import dialect_insert
from bot.models import ChannelAccount, ProcessedEvent


async def claim_event(session: AsyncSession, channel: str, key_hash: str, now: datetime) -> bool:
    """Record that an event (by its `bot.event_keys.event_key`) is being handled; False if
    it already was."""
    statement = (
        dialect_insert(session, ProcessedEvent)
        .values(channel=channel, key_hash=key_hash, processed_at=now)
        .on_conflict_do_nothing()
    )
    result = await session.execute(statement)
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def load_account(
    session: AsyncSession, channel: str, external_id: str, language: str, now: datetime
) -> ChannelAccount:
    """The chat's account, created on first contact and locked for this transaction.

    The row lock (PostgreSQL) keeps a second instance from handling the same
    member's next event before this one is saved.
    """
    query = (
        select(ChannelAccount)
        .where(ChannelAccount.channel == channel, ChannelAccount.external_id == external_id)
        .with_for_update()
    )
    account = (await session.execute(query)).scalar_one_or_none()
    if account is not None:
        return account
    await session.execute(
        dialect_insert(session, ChannelAccount)
        .values(
            channel=channel,
            external_id=external_id,
            language=language,
            data={},
            state_version=0,
            updated_at=now,
            created_at=now,
        )
        .on_conflict_do_nothing()
    )
    return (await session.execute(query)).scalar_one()
