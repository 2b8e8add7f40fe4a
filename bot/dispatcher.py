"""The outbox dispatcher: claims due messages and sends them through each member's channel.

One round: claim a batch with a lease and render each message in its member's
language (one transaction), send them under each channel's rate limit and at
most one message per second per chat (outside any transaction), then record
every outcome (one transaction). Several dispatchers, in one process or many,
can share one outbox.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiolimiter import AsyncLimiter
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.db import Database
from bot.delivery import (
    Delivered,
    DeliveryOutcome,
    ProactiveSender,
    RetryLater,
    Undeliverable,
    Unreachable,
)
from bot.models import ChannelAccount, OutboxMessage
from bot.services import outbox
from conversations.messages import Reply

log = logging.getLogger(__name__)

Render = Callable[[AsyncSession, OutboxMessage, str], Awaitable[Reply | None]]
"""Turn an outbox row into words in a language; None when it no longer applies."""

MAX_ATTEMPTS = 8
BURST_SECONDS = 0.1
PER_CHAT_INTERVAL = 1.0
"""Seconds between two messages to one chat (Telegram's ~1 message/s per chat)."""


def _pace(rate: float) -> AsyncLimiter:
    """`rate` messages per second, in bursts of at most a tenth of a second's worth.

    Platforms allow about a second's worth at once, so this never provokes a 429;
    a one-message bucket would lose a fifth of the rate to timer granularity.
    """
    burst = max(1.0, rate * BURST_SECONDS)
    return AsyncLimiter(burst, burst / rate)


@dataclass(frozen=True)
class Recipient:
    channel: str
    external_id: str
    language: str


@dataclass(frozen=True)
class _Job:
    message_id: int
    attempts: int
    recipient: Recipient
    reply: Reply


class OutboxDispatcher:
    """Sends due outbox messages; `run` loops until told to stop."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        senders: Mapping[str, ProactiveSender],
        render: Render,
        *,
        worker: str,
        rates: Mapping[str, float],
        lease: timedelta = timedelta(seconds=60),
        batch_size: int = 100,
        concurrency: int = 32,
        retry_base: float = 5.0,
        idle_wait: float = 1.0,
        per_chat_interval: float = PER_CHAT_INTERVAL,
    ) -> None:
        self.db = db
        self.clock = clock
        self.senders = senders
        self.render = render
        self.worker = worker
        self.lease = lease
        self.batch_size = batch_size
        self.retry_base = retry_base
        self.idle_wait = idle_wait
        self.per_chat_interval = per_chat_interval
        self._limiters = {channel: _pace(rate) for channel, rate in rates.items()}
        self._slots = asyncio.Semaphore(concurrency)
        self._next_free: dict[tuple[str, str], float] = {}

    async def run(self, stop: asyncio.Event) -> None:
        """Dispatch until `stop` is set; sleep briefly whenever nothing is due."""
        while not stop.is_set():
            try:
                handled = await self.run_once()
            except Exception:
                log.exception("outbox round failed", extra={"worker": self.worker})
                handled = 0
            if handled == 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.idle_wait)

    async def run_once(self) -> int:
        """One round; returns how many messages were claimed."""
        jobs, claimed = await self._claim_and_render()
        outcomes = await asyncio.gather(*(self._send(job) for job in jobs))
        if jobs:
            await self._record(list(zip(jobs, outcomes, strict=True)))
        return claimed

    async def _claim_and_render(self) -> tuple[list[_Job], int]:
        now = self.clock.now()
        jobs: list[_Job] = []
        async with self.db.transaction() as session:
            claimed = await outbox.claim_due(
                session, worker=self.worker, now=now, lease=self.lease, limit=self.batch_size
            )
            for message in claimed:
                recipient = await self._recipient(session, message.member_id)
                if recipient is None:
                    await outbox.give_up(
                        session, message.id, self.worker, reason="no reachable channel"
                    )
                    continue
                reply = await self.render(session, message, recipient.language)
                if reply is None:
                    await outbox.withdraw(session, message.id, self.worker)
                    continue
                jobs.append(_Job(message.id, message.attempts, recipient, reply))
        return jobs, len(claimed)

    async def _recipient(self, session: AsyncSession, member_id: int) -> Recipient | None:
        """The member's chat most recently used, on a channel we can send through."""
        accounts = await session.scalars(
            select(ChannelAccount)
            .where(
                ChannelAccount.member_id == member_id,
                ChannelAccount.unreachable_at.is_(None),
                ChannelAccount.channel.in_(list(self.senders)),
            )
            .order_by(ChannelAccount.last_inbound_at.desc(), ChannelAccount.id.desc())
        )
        account = accounts.first()
        if account is None:
            return None
        return Recipient(account.channel, account.external_id, account.language)

    async def _send(self, job: _Job) -> DeliveryOutcome:
        sender = self.senders[job.recipient.channel]
        async with self._slots:
            await self._wait_for_chat(job.recipient)
            limiter = self._limiters.get(job.recipient.channel)
            if limiter is not None:
                await limiter.acquire()
            try:
                return await sender.deliver(job.recipient.external_id, job.reply)
            except Exception as error:
                log.exception("proactive send failed", extra={"channel": sender.channel})
                return RetryLater(reason=type(error).__name__)

    async def _wait_for_chat(self, recipient: Recipient) -> None:
        """Keep to one message per second per chat."""
        key = (recipient.channel, recipient.external_id)
        now = time.monotonic()
        ready_at = max(now, self._next_free.get(key, now))
        self._next_free[key] = ready_at + self.per_chat_interval
        if ready_at > now:
            await asyncio.sleep(ready_at - now)

    async def _record(self, results: list[tuple[_Job, DeliveryOutcome]]) -> None:
        now = self.clock.now()
        async with self.db.transaction() as session:
            for job, outcome in results:
                if isinstance(outcome, Delivered):
                    await outbox.mark_sent(
                        session,
                        job.message_id,
                        self.worker,
                        channel=job.recipient.channel,
                        external_id=outcome.external_id,
                        now=now,
                    )
                elif isinstance(outcome, Unreachable):
                    await self._mark_unreachable(session, job.recipient, now)
                    await outbox.retry_later(
                        session, job.message_id, self.worker, due_at=now, reason=outcome.reason
                    )
                elif isinstance(outcome, Undeliverable) or job.attempts >= MAX_ATTEMPTS:
                    await outbox.give_up(
                        session, job.message_id, self.worker, reason=outcome.reason
                    )
                else:
                    delay = outcome.after or self.retry_base * 2 ** (job.attempts - 1)
                    await outbox.retry_later(
                        session,
                        job.message_id,
                        self.worker,
                        due_at=now + timedelta(seconds=delay),
                        reason=outcome.reason,
                    )
        self._forget_idle_chats()

    async def _mark_unreachable(
        self, session: AsyncSession, recipient: Recipient, now: datetime
    ) -> None:
        account = (
            await session.scalars(
                select(ChannelAccount).where(
                    ChannelAccount.channel == recipient.channel,
                    ChannelAccount.external_id == recipient.external_id,
                )
            )
        ).first()
        if account is not None:
            account.unreachable_at = now
            log.info("chat unreachable; no more sends", extra={"channel": recipient.channel})

    def _forget_idle_chats(self) -> None:
        now = time.monotonic()
        self._next_free = {key: at for key, at in self._next_free.items() if at > now}
