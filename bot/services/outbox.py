"""The outbox: proactive messages as rows, claimed with a lease and sent once.

Nothing proactive is sent from a request. Services enqueue rows with a due time
and a de-duplication key; the dispatcher claims due rows (`FOR UPDATE SKIP
LOCKED` on PostgreSQL, so dispatchers never take the same row), sends them, and
records the outcome. A row whose claimer died becomes claimable again when its
lease runs out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.chat_identity import ChatIdentity
from bot.db import dialect_insert
from bot.models import OutboxMessage
from bot.vocabulary import OutboxKind, OutboxStatus


async def enqueue(
    session: AsyncSession,
    *,
    member_id: int | None = None,
    chat: ChatIdentity | None = None,
    kind: OutboxKind,
    payload: dict[str, Any],
    due_at: datetime,
    dedupe_key: str,
    now: datetime,
    booking_id: int | None = None,
) -> None:
    """Add a message unless one with the same key exists (enqueueing twice is harmless).

    It goes to a member (`member_id`: their chats, latest used first) or to one `chat`
    (an admin, a guest), never both. `booking_id` names the booking a message is about,
    so it can be withdrawn with it.
    """
    if (member_id is None) == (chat is None):
        raise ValueError("a message goes to a member or to a chat, exactly one")
    statement = (
        dialect_insert(session, OutboxMessage)
        .values(
            member_id=member_id,
            recipient_channel=chat.channel if chat else None,
            recipient_external_id=chat.external_id if chat else None,
            kind=kind,
            payload=payload,
            booking_id=booking_id,
            dedupe_key=dedupe_key,
            due_at=due_at,
            status=OutboxStatus.PENDING,
            attempts=0,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
    )
    await session.execute(statement)


async def cancel_pending(session: AsyncSession, *, kind: OutboxKind, booking_id: int) -> int:
    """Withdraw every not-yet-sent message of `kind` about a booking; returns how many."""
    result = await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.status == OutboxStatus.PENDING,
            OutboxMessage.kind == kind,
            OutboxMessage.booking_id == booking_id,
        )
        .values(status=OutboxStatus.CANCELLED, claimed_by=None, claimed_until=None)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def claim_due(
    session: AsyncSession, *, worker: str, now: datetime, lease: timedelta, limit: int
) -> Sequence[OutboxMessage]:
    """Claim up to `limit` due messages for `worker` until `now + lease`."""
    due = (
        select(OutboxMessage)
        .where(
            OutboxMessage.status == OutboxStatus.PENDING,
            OutboxMessage.due_at <= now,
            or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
        )
        .order_by(OutboxMessage.due_at, OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    messages = (await session.scalars(due)).all()
    for message in messages:
        message.claimed_by = worker
        message.claimed_until = now + lease
        message.attempts += 1
    return messages


async def _owned(session: AsyncSession, message_id: int, worker: str) -> OutboxMessage | None:
    message = await session.get(OutboxMessage, message_id, with_for_update=True)
    if message is None or message.status != OutboxStatus.PENDING or message.claimed_by != worker:
        return None
    return message


async def mark_sent(
    session: AsyncSession,
    message_id: int,
    worker: str,
    *,
    channel: str,
    external_id: str | None,
    now: datetime,
) -> bool:
    """Record a delivery; False if the claim was lost (another worker took over)."""
    message = await _owned(session, message_id, worker)
    if message is None:
        return False
    message.status = OutboxStatus.SENT
    message.channel = channel
    message.external_id = external_id
    message.sent_at = now
    message.claimed_until = None
    return True


async def retry_later(
    session: AsyncSession, message_id: int, worker: str, *, due_at: datetime, reason: str
) -> None:
    """Put a message back for another try at `due_at`."""
    message = await _owned(session, message_id, worker)
    if message is not None:
        message.due_at = due_at
        message.claimed_by = None
        message.claimed_until = None
        message.last_error = reason[:240]


async def give_up(session: AsyncSession, message_id: int, worker: str, *, reason: str) -> None:
    """Record that a message cannot be delivered, and why; it is not retried."""
    message = await _owned(session, message_id, worker)
    if message is not None:
        message.status = OutboxStatus.UNDELIVERABLE
        message.claimed_until = None
        message.last_error = reason[:240]


async def withdraw(session: AsyncSession, message_id: int, worker: str) -> None:
    """Drop a claimed message that no longer makes sense (its booking is gone)."""
    message = await _owned(session, message_id, worker)
    if message is not None:
        message.status = OutboxStatus.CANCELLED
        message.claimed_until = None


async def record_delivery_status(
    session: AsyncSession, channel: str, external_id: str, status: str
) -> bool:
    """Note a platform's delivery report (sent, delivered, read, failed) on its message."""
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.channel == channel, OutboxMessage.external_id == external_id)
        .values(delivery_status=status)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]
