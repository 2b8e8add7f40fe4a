"""The outbox: proactive messages as rows, claimed with a lease and sent once.

Nothing proactive is sent from a request. Services enqueue rows with a due time
and a de-duplication key; the dispatcher claims due rows (`FOR UPDATE SKIP
LOCKED` on PostgreSQL, so dispatchers never take the same row), sends them, and
records the outcome. A row whose claimer died becomes claimable again when its
lease runs out.

A dispatcher claims only what it can send (`Reach`): rows whose member has a reachable
chat on one of its channels (the terminal chat: its own user's chat), or, once a row
was handed over (`route`), a chat on that channel. Anything else stays pending for
another dispatcher. A row whose member has no reachable chat on any channel cannot be
carried by anyone, so any dispatcher may claim it, to record it as undeliverable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.chat_identity import ChatIdentity
from bot.db import dialect_insert
from bot.models import ChannelAccount, OutboxMessage
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


@dataclass(frozen=True)
class Reach:
    """The chats one dispatcher can send to: every chat on `channels`, except that on a
    channel named in `only` just those chats (a terminal chat reaches its one user)."""

    channels: frozenset[str]
    only: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def covers(self, channel: str, external_id: str) -> bool:
        """Whether this dispatcher can send to the chat `external_id` on `channel`."""
        if channel not in self.channels:
            return False
        return channel not in self.only or external_id in self.only[channel]

    def clause(self, account: Any) -> ColumnElement[bool]:
        """The same test in SQL, on a `ChannelAccount` (or an alias of it)."""
        return self.clause_on(account.channel, account.external_id)

    def clause_on(self, channel: Any, external_id: Any) -> ColumnElement[bool]:
        """The same test in SQL, on any two columns naming a channel and a chat in it."""
        open_channels = [c for c in self.channels if c not in self.only]
        tests: list[ColumnElement[bool]] = []
        if open_channels:
            tests.append(channel.in_(open_channels))
        for name, chats in self.only.items():
            if name in self.channels and chats:
                tests.append(and_(channel == name, external_id.in_(chats)))
        return or_(*tests) if tests else false()


def _claimable(reach: Reach) -> ColumnElement[bool]:
    """Rows this dispatcher can carry, and rows nobody can (to be given up).

    A row addressed to one chat (an admin, a guest) is claimed only by a dispatcher that
    reaches that chat; it waits for one otherwise.
    """
    to_chat = and_(
        OutboxMessage.member_id.is_(None),
        reach.clause_on(OutboxMessage.recipient_channel, OutboxMessage.recipient_external_id),
    )
    return or_(to_chat, and_(OutboxMessage.member_id.is_not(None), _member_claimable(reach)))


def _member_claimable(reach: Reach) -> ColumnElement[bool]:
    """A member's row: one of their chats is this dispatcher's, or they have none at all."""
    account = aliased(ChannelAccount)

    def has_chat(*conditions: ColumnElement[bool]) -> ColumnElement[bool]:
        return exists().where(
            account.member_id == OutboxMessage.member_id,
            account.unreachable_at.is_(None),
            *conditions,
        )

    on_route = account.channel == OutboxMessage.route
    return or_(
        ~has_chat(),
        and_(
            or_(OutboxMessage.route.is_(None), ~has_chat(on_route)),
            has_chat(reach.clause(account)),
        ),
        has_chat(reach.clause(account), on_route),
    )


async def claim_due(
    session: AsyncSession,
    *,
    worker: str,
    now: datetime,
    lease: timedelta,
    limit: int,
    reach: Reach,
) -> Sequence[OutboxMessage]:
    """Claim up to `limit` due messages that `reach` can carry (or nobody can), for
    `worker` until `now + lease`."""
    due = (
        select(OutboxMessage)
        .where(
            OutboxMessage.status == OutboxStatus.PENDING,
            OutboxMessage.due_at <= now,
            or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
            _claimable(reach),
        )
        .order_by(OutboxMessage.due_at, OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=OutboxMessage)
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
    """Record a delivery; False if the claim was lost (another worker took over).

    One conditional UPDATE: the dispatcher records every send as it happens.
    """
    result = await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.status == OutboxStatus.PENDING,
            OutboxMessage.claimed_by == worker,
        )
        .values(
            status=OutboxStatus.SENT,
            channel=channel,
            external_id=external_id,
            sent_at=now,
            claimed_until=None,
        )
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


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


async def hand_over(
    session: AsyncSession, message_id: int, worker: str, *, channel: str, reason: str
) -> None:
    """Leave a message to a dispatcher of `channel`: this one's channels cannot carry it."""
    message = await _owned(session, message_id, worker)
    if message is not None:
        message.route = channel
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
