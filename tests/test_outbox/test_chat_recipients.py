"""Outbox rows addressed to one chat, not a member: admins from `OKOCE_ADMINS`, guests."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.chat_identity import ChatIdentity
from bot.clock import ManualClock
from bot.db import Database
from bot.models import ChannelAccount, OutboxMessage
from bot.services import outbox
from bot.vocabulary import OutboxKind, OutboxStatus
from tests.factories import NOW, add_members
from tests.test_outbox.test_dispatcher import RecordingSender, _dispatcher

ADMIN = ChatIdentity("test", "admin1")


async def _enqueue_to(db: Database, chat: ChatIdentity, n: int = 1) -> None:
    async with db.transaction() as session:
        await outbox.enqueue(
            session,
            chat=chat,
            kind=OutboxKind.HANDOFF_QUESTION,
            payload={"n": n},
            due_at=NOW,
            dedupe_key=f"chat-test:{chat}:{n}",
            now=NOW,
        )


async def _statuses(db: Database) -> list[tuple[str, str | None]]:
    async with db.transaction() as session:
        rows = await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [(row.status, row.last_error) for row in rows]


async def test_a_chat_that_never_wrote_is_sent_to_in_indonesian(database: Database) -> None:
    sender = RecordingSender()
    await _enqueue_to(database, ADMIN)
    await _dispatcher(database, ManualClock(NOW), sender).run_once()
    assert [external_id for external_id, _reply in sender.sent] == ["admin1"]
    assert await _statuses(database) == [(OutboxStatus.SENT, None)]


async def test_a_chat_that_blocked_the_bot_is_not_sent_to(database: Database) -> None:
    [_member] = await add_members(database, chat_channel="test")  # its chat is `chat0`
    async with database.transaction() as session:
        account = (await session.scalars(select(ChannelAccount))).one()
        account.unreachable_at = NOW - timedelta(days=1)
    sender = RecordingSender()
    await _enqueue_to(database, ChatIdentity("test", "chat0"))
    await _dispatcher(database, ManualClock(NOW), sender).run_once()
    assert sender.sent == []
    assert await _statuses(database) == [(OutboxStatus.UNDELIVERABLE, "no reachable channel")]


async def test_a_chat_on_a_channel_without_a_sender_is_undeliverable(database: Database) -> None:
    sender = RecordingSender()
    await _enqueue_to(database, ChatIdentity("whatsapp", "6281200000000"))
    await _dispatcher(database, ManualClock(NOW), sender).run_once()
    assert sender.sent == []
    assert await _statuses(database) == [(OutboxStatus.UNDELIVERABLE, "no reachable channel")]


async def test_a_row_goes_to_a_member_or_a_chat_never_both(sqlite_database: Database) -> None:
    [member_id] = await add_members(sqlite_database)
    async with sqlite_database.transaction() as session:
        for recipients in ({"member_id": member_id, "chat": ADMIN}, {}):
            with pytest.raises(ValueError, match="exactly one"):
                await outbox.enqueue(
                    session,
                    kind=OutboxKind.HANDOFF_QUESTION,
                    payload={},
                    due_at=NOW,
                    dedupe_key="never",
                    now=NOW,
                    **recipients,  # type: ignore[arg-type]
                )
