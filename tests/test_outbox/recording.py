"""A channel that records what the dispatcher asked it to send, and dispatchers built on it."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import timedelta

from bot.areas import jakarta_areas
from bot.clock import ManualClock
from bot.db import Database
from bot.delivery import Delivered, DeliveryOutcome, SendContext
from bot.messages import Reply
from bot.models import OutboxMessage
from conversations.notifications import render_outbox_message
from wiring.dispatcher import OutboxDispatcher

LEASE = timedelta(seconds=60)


class RecordingSender:
    """A channel that records what it was asked to send and answers as told."""

    def __init__(self, answer: DeliveryOutcome | None = None, channel: str = "test") -> None:
        self.channel = channel
        self.sent: list[tuple[str, Reply]] = []
        self.answer = answer
        self.hang = asyncio.Event()
        self.hanging = False
        self.hang_chats: set[str] = set()
        """Sends to these chats hang (until `hang` is set) even when `hanging` is off."""
        self.asked = asyncio.Event()
        """Set once the first send has been asked for (even if it hangs)."""

    async def deliver(
        self, external_id: str, reply: Reply, context: SendContext
    ) -> DeliveryOutcome:
        self.asked.set()
        if self.hanging or external_id in self.hang_chats:
            await self.hang.wait()
        self.sent.append((external_id, reply))
        return self.answer or Delivered(f"m{len(self.sent)}")


def make_dispatcher(
    db: Database,
    clock: ManualClock,
    *senders: RecordingSender,
    worker: str = "w1",
    only_chats: Mapping[str, frozenset[str]] | None = None,
) -> OutboxDispatcher:
    """A dispatcher through `senders`, rendering numbered test messages (payload `n`)."""

    async def render(session: object, message: OutboxMessage, language: str) -> Reply | None:
        if "n" in message.payload:  # a numbered test message, not a real reminder
            return Reply(f"pesan {message.payload['n']}")
        return await render_outbox_message(
            session,  # type: ignore[arg-type]
            message,
            language,
            areas=jakarta_areas(),
            now=clock.now(),
        )

    return OutboxDispatcher(
        db,
        clock,
        {sender.channel: sender for sender in senders},
        render,
        worker=worker,
        rates={sender.channel: 100_000 for sender in senders},
        only_chats=only_chats,
        lease=LEASE,
        retry_base=30.0,
        per_chat_interval=0,  # pacing is measured in bench/outbox.py
    )
