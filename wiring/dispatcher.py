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
    NoRoute,
    ProactiveSender,
    RetryLater,
    SendContext,
    Undeliverable,
    Unreachable,
)
from bot.messages import Reply
from bot.models import ChannelAccount, OutboxMessage
from bot.services import outbox
from conversations import proactive

log = logging.getLogger(__name__)

Render = Callable[[AsyncSession, OutboxMessage, str], Awaitable[Reply | None]]
"""Turn an outbox row into words in a language; None when it no longer applies."""

MAX_ATTEMPTS = 8
BATCH_SIZE = 50
"""Rows claimed per round. Claiming and rendering run on the event loop (SQLite is
in-loop), so a round blocks sending while it runs; 200 rows cost a tenth of the rate."""
BURST_SECONDS = 0.1
DEFAULT_LANGUAGE = "id"
"""For a chat that never wrote to the bot (an admin named in `OKOCE_ADMINS`)."""
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
    last_inbound_at: datetime | None


@dataclass(frozen=True)
class _Job:
    message_id: int
    kind: str
    attempts: int
    recipients: tuple[Recipient, ...]
    """The member's reachable chats, most recently used first."""
    replies: tuple[Reply, ...]
    """The message rendered for each recipient (in that chat's language)."""


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
        batch_size: int = BATCH_SIZE,
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

    async def run(self, stop: asyncio.Event, *, until_idle: bool = False) -> None:
        """Dispatch until `stop` is set (or, with `until_idle`, nothing is due).

        Rounds overlap: the next batch is claimed and rendered while the current one
        is being sent, so sending never pauses for the database at the rate limit.
        """
        upcoming = asyncio.create_task(self._claim_and_render())
        try:
            while not stop.is_set():
                try:
                    jobs, claimed = await upcoming
                except Exception:
                    log.exception("outbox round failed", extra={"worker": self.worker})
                    jobs, claimed = [], 0
                if claimed == 0:
                    if until_idle:
                        return
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(stop.wait(), self.idle_wait)
                    upcoming = asyncio.create_task(self._claim_and_render())
                    continue
                upcoming = asyncio.create_task(self._claim_and_render())
                await self._send_and_record(jobs)
        finally:
            upcoming.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await upcoming

    async def run_once(self) -> int:
        """One round; returns how many messages were claimed."""
        jobs, claimed = await self._claim_and_render()
        await self._send_and_record(jobs)
        return claimed

    async def _send_and_record(self, jobs: list[_Job]) -> None:
        sent = await asyncio.gather(*(self._send(job) for job in jobs))
        if jobs:
            await self._record([(job, *result) for job, result in zip(jobs, sent, strict=True)])

    async def _claim_and_render(self) -> tuple[list[_Job], int]:
        now = self.clock.now()
        jobs: list[_Job] = []
        async with self.db.transaction() as session:
            claimed = await outbox.claim_due(
                session, worker=self.worker, now=now, lease=self.lease, limit=self.batch_size
            )
            for message in claimed:
                recipients = await self._recipients(session, message)
                if not recipients:
                    await outbox.give_up(
                        session, message.id, self.worker, reason="no reachable channel"
                    )
                    continue
                by_language: dict[str, Reply | None] = {}
                for language in {r.language for r in recipients}:
                    by_language[language] = await self.render(session, message, language)
                replies = [by_language[r.language] for r in recipients]
                if any(reply is None for reply in replies):
                    await outbox.withdraw(session, message.id, self.worker)
                    continue
                jobs.append(
                    _Job(
                        message.id,
                        message.kind,
                        message.attempts,
                        recipients,
                        tuple(reply for reply in replies if reply is not None),
                    )
                )
        return jobs, len(claimed)

    async def _recipients(
        self, session: AsyncSession, message: OutboxMessage
    ) -> tuple[Recipient, ...]:
        """The chats a message may go to: the one it names, or its member's reachable chats
        on channels we can send through, latest used first."""
        if message.member_id is None:
            return await self._named_chat(session, message)
        accounts = await session.scalars(
            select(ChannelAccount)
            .where(
                ChannelAccount.member_id == message.member_id,
                ChannelAccount.unreachable_at.is_(None),
                ChannelAccount.channel.in_(list(self.senders)),
            )
            .order_by(ChannelAccount.last_inbound_at.desc(), ChannelAccount.id.desc())
        )
        return tuple(
            Recipient(a.channel, a.external_id, a.language, a.last_inbound_at) for a in accounts
        )

    async def _named_chat(
        self, session: AsyncSession, message: OutboxMessage
    ) -> tuple[Recipient, ...]:
        """The one chat a message addressed to a chat (an admin, a guest) goes to, if we can
        send there; in its language once it has written to the bot, else Indonesian."""
        channel, external_id = message.recipient_channel, message.recipient_external_id
        if channel is None or external_id is None or channel not in self.senders:
            return ()
        account = (
            await session.scalars(
                select(ChannelAccount).where(
                    ChannelAccount.channel == channel, ChannelAccount.external_id == external_id
                )
            )
        ).first()
        if account is None:
            return (Recipient(channel, external_id, DEFAULT_LANGUAGE, None),)
        if account.unreachable_at is not None:
            return ()
        return (Recipient(channel, external_id, account.language, account.last_inbound_at),)

    async def _send(self, job: _Job) -> tuple[Recipient, DeliveryOutcome]:
        """Try the member's chats in turn until one can carry the message."""
        outcome: DeliveryOutcome = NoRoute("no reachable channel")
        reasons = []
        for recipient, reply in zip(job.recipients, job.replies, strict=True):
            outcome = await self._send_to(recipient, reply, job.kind)
            if not isinstance(outcome, NoRoute):
                return recipient, outcome
            reasons.append(f"{recipient.channel}: {outcome.reason}")
        return job.recipients[-1], NoRoute("; ".join(reasons))

    async def _send_to(self, recipient: Recipient, reply: Reply, kind: str) -> DeliveryOutcome:
        sender = self.senders[recipient.channel]
        context = SendContext(kind, recipient.last_inbound_at, self.clock.now())
        async with self._slots:
            await self._wait_for_chat(recipient)
            limiter = self._limiters.get(recipient.channel)
            if limiter is not None:
                await limiter.acquire()
            try:
                return await sender.deliver(recipient.external_id, reply, context)
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

    async def _record(self, results: list[tuple[_Job, Recipient, DeliveryOutcome]]) -> None:
        now = self.clock.now()
        async with self.db.transaction() as session:
            for job, recipient, outcome in results:
                if isinstance(outcome, Delivered):
                    sent = await outbox.mark_sent(
                        session,
                        job.message_id,
                        self.worker,
                        channel=recipient.channel,
                        external_id=outcome.external_id,
                        now=now,
                    )
                    if sent:
                        await self._remember_choices(session, job, recipient)
                elif isinstance(outcome, Unreachable):
                    await self._mark_unreachable(session, recipient, now)
                    await outbox.retry_later(
                        session, job.message_id, self.worker, due_at=now, reason=outcome.reason
                    )
                elif isinstance(outcome, Undeliverable | NoRoute) or job.attempts >= MAX_ATTEMPTS:
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

    async def _remember_choices(
        self, session: AsyncSession, job: _Job, recipient: Recipient
    ) -> None:
        """Note the message's choices on the chat, so a typed "4" or "batal" answers it."""
        account = await _account(session, recipient)
        if account is not None:
            proactive.remember(account, job.replies[job.recipients.index(recipient)])

    async def _mark_unreachable(
        self, session: AsyncSession, recipient: Recipient, now: datetime
    ) -> None:
        account = await _account(session, recipient)
        if account is not None:
            account.unreachable_at = now
            log.info("chat unreachable; no more sends", extra={"channel": recipient.channel})

    def _forget_idle_chats(self) -> None:
        now = time.monotonic()
        self._next_free = {key: at for key, at in self._next_free.items() if at > now}


async def _account(session: AsyncSession, recipient: Recipient) -> ChannelAccount | None:
    """The chat a recipient stands for."""
    query = select(ChannelAccount).where(
        ChannelAccount.channel == recipient.channel,
        ChannelAccount.external_id == recipient.external_id,
    )
    return (await session.scalars(query)).first()
