"""The outbox dispatcher: claims due messages and sends them through each member's channel.

One round claims a batch with a lease and renders each message in its member's language
(one transaction), then sends them under each channel's rate limit and one message per
second per chat, outside any transaction. Each send's outcome is recorded as soon as it
is known (outcomes that arrive while a commit runs share the next one; none waits for a
later send), and a send holds one of `in_flight` slots until its outcome is committed.
So a dispatcher killed at any moment repeats at most `in_flight` messages, the ones on
the wire, when their lease runs out. A message whose claim has run out is not sent: by
then another dispatcher may have it.

A dispatcher claims only rows it can carry (`outbox.Reach`: its channels; the terminal
chat only its own user). It sends through the member's chats it reaches, most recently
used first; if none can carry the message (WhatsApp outside 24 hours with no template)
and the member has a chat on a channel it does not serve, it hands the row over to that
channel's dispatchers (`route`) instead of giving up. A row is given up only when no
channel can carry it. Several dispatchers, in one process or many, share one outbox.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

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
from wiring.send_pacing import ChatTurns, OutcomeRecorder, pace

log = logging.getLogger(__name__)

Render = Callable[[AsyncSession, OutboxMessage, str], Awaitable[Reply | None]]
"""Turn an outbox row into words in a language; None when it no longer applies."""

MAX_ATTEMPTS = 8
BATCH_SIZE = 50
"""Rows claimed per round. Claiming and rendering run on the event loop (SQLite is
in-loop), so a round blocks sending while it runs; 200 rows cost a tenth of the rate."""
DEFAULT_LANGUAGE = "id"
"""For a chat that never wrote to the bot (an admin named in `OKOCE_ADMINS`)."""
PER_CHAT_INTERVAL = 1.0
"""Seconds between two messages to one chat (Telegram's ~1 message/s per chat)."""
IN_FLIGHT = 8
"""Sends on the wire at once (the most a crash can repeat); enough for 25/s at 300 ms."""


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
    claimed_until: datetime
    recipients: tuple[Recipient, ...]
    """The member's chats this dispatcher reaches: the handed-over channel's first, then
    the most recently used."""
    replies: tuple[Reply, ...]
    """The message rendered for each recipient (in that chat's language)."""
    hand_over_to: str | None
    """The channel of the member's first chat this dispatcher cannot reach, if any."""


@dataclass(frozen=True)
class _Outcome:
    job: _Job
    recipient: Recipient | None
    """The chat it went to (None when no chat of ours could carry it)."""
    outcome: DeliveryOutcome


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
        only_chats: Mapping[str, frozenset[str]] | None = None,
        lease: timedelta = timedelta(seconds=60),
        batch_size: int = BATCH_SIZE,
        in_flight: int = IN_FLIGHT,
        retry_base: float = 5.0,
        idle_wait: float = 1.0,
        per_chat_interval: float = PER_CHAT_INTERVAL,
    ) -> None:
        self.db = db
        self.clock = clock
        self.senders = senders
        self.render = render
        self.worker = worker
        self.reach = outbox.Reach(frozenset(senders), dict(only_chats or {}))
        self.lease = lease
        self.batch_size = batch_size
        self.retry_base = retry_base
        self.idle_wait = idle_wait
        self._margin = min(lease / 10, timedelta(seconds=5))
        self._limiters = {channel: pace(rate) for channel, rate in rates.items()}
        self._in_flight = asyncio.Semaphore(in_flight)
        self._turns = ChatTurns(per_chat_interval)
        self._recorder = OutcomeRecorder(self._write)

    @property
    def per_chat_interval(self) -> float:
        """Seconds between two messages to one chat."""
        return self._turns.interval

    @per_chat_interval.setter
    def per_chat_interval(self, seconds: float) -> None:
        self._turns.interval = seconds

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
        await asyncio.gather(*(self._deliver(job) for job in jobs))
        self._turns.forget_idle()

    async def _claim_and_render(self) -> tuple[list[_Job], int]:
        now = self.clock.now()
        jobs: list[_Job] = []
        async with self.db.transaction() as session:
            claimed = await outbox.claim_due(
                session,
                worker=self.worker,
                now=now,
                lease=self.lease,
                limit=self.batch_size,
                reach=self.reach,
            )
            for message in claimed:
                job = await self._job(session, message, now + self.lease)
                if job is not None:
                    jobs.append(job)
        return jobs, len(claimed)

    async def _job(
        self, session: AsyncSession, message: OutboxMessage, claimed_until: datetime
    ) -> _Job | None:
        """What to send for a claimed row; None when it was settled here (given up,
        withdrawn, handed over)."""
        if message.member_id is None:
            chats = await self._named_chat(session, message)
        else:
            chats = await self._chats(session, message.member_id, message.route)
        if not chats:
            await outbox.give_up(session, message.id, self.worker, reason="no reachable channel")
            return None
        mine = tuple(c for c in chats if self.reach.covers(c.channel, c.external_id))
        others = [c for c in chats if not self.reach.covers(c.channel, c.external_id)]
        if not mine:  # the member's chats changed since the claim was made
            await outbox.hand_over(
                session,
                message.id,
                self.worker,
                channel=others[0].channel,
                reason="no chat this dispatcher reaches",
            )
            return None
        by_language: dict[str, Reply | None] = {}
        for language in {r.language for r in mine}:
            by_language[language] = await self.render(session, message, language)
        replies = [by_language[r.language] for r in mine]
        if any(reply is None for reply in replies):
            await outbox.withdraw(session, message.id, self.worker)
            return None
        return _Job(
            message.id,
            message.kind,
            message.attempts,
            claimed_until,
            mine,
            tuple(reply for reply in replies if reply is not None),
            others[0].channel if others else None,
        )

    async def _named_chat(
        self, session: AsyncSession, message: OutboxMessage
    ) -> tuple[Recipient, ...]:
        """The one chat a message addressed to a chat (an admin, a guest) goes to, unless it
        blocked the bot; in its language once it has written to the bot, else Indonesian."""
        channel, external_id = message.recipient_channel, message.recipient_external_id
        if channel is None or external_id is None:
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

    async def _chats(
        self, session: AsyncSession, member_id: int, route: str | None
    ) -> tuple[Recipient, ...]:
        """The member's reachable chats on every channel: `route`'s first, then latest used."""
        accounts = await session.scalars(
            select(ChannelAccount)
            .where(ChannelAccount.member_id == member_id, ChannelAccount.unreachable_at.is_(None))
            .order_by(ChannelAccount.last_inbound_at.desc().nulls_last(), ChannelAccount.id.desc())
        )
        chats = [
            Recipient(a.channel, a.external_id, a.language, a.last_inbound_at) for a in accounts
        ]
        return tuple(sorted(chats, key=lambda chat: chat.channel != route))

    async def _deliver(self, job: _Job) -> None:
        """Try the member's chats in turn until one can carry the message; record the outcome."""
        reasons = []
        for recipient, reply in zip(job.recipients, job.replies, strict=True):
            chat = self._turns.turn(recipient.channel, recipient.external_id)
            async with chat as turn, self._in_flight:
                if self.clock.now() >= job.claimed_until - self._margin:
                    log.info("claim ran out before sending", extra={"worker": self.worker})
                    return
                outcome = await self._send_to(recipient, reply, job.kind)
                if not isinstance(outcome, NoRoute):
                    self._turns.used(turn)
                    await self._recorder.record(_Outcome(job, recipient, outcome))
                    return
            reasons.append(f"{recipient.channel}: {outcome.reason}")
        await self._recorder.record(_Outcome(job, None, NoRoute("; ".join(reasons))))

    async def _send_to(self, recipient: Recipient, reply: Reply, kind: str) -> DeliveryOutcome:
        sender = self.senders[recipient.channel]
        context = SendContext(kind, recipient.last_inbound_at, self.clock.now())
        limiter = self._limiters.get(recipient.channel)
        if limiter is not None:
            await limiter.acquire()
        try:
            return await sender.deliver(recipient.external_id, reply, context)
        except Exception as error:
            log.exception("proactive send failed", extra={"channel": sender.channel})
            return RetryLater(reason=type(error).__name__)

    async def _write(self, results: list[_Outcome]) -> None:
        """Record outcomes in one transaction."""
        now = self.clock.now()
        async with self.db.transaction() as session:
            for result in results:
                await self._apply(session, result, now)

    async def _apply(self, session: AsyncSession, result: _Outcome, now: datetime) -> None:
        job, recipient, outcome = result.job, result.recipient, result.outcome
        if isinstance(outcome, Delivered):
            assert recipient is not None
            recorded = await outbox.mark_sent(
                session,
                job.message_id,
                self.worker,
                channel=recipient.channel,
                external_id=outcome.external_id,
                now=now,
            )
            if not recorded:
                log.warning("sent, but the claim was lost", extra={"worker": self.worker})
            else:
                await self._remember_choices(session, job, recipient)
        elif isinstance(outcome, Unreachable):
            assert recipient is not None
            await self._mark_unreachable(session, recipient, now)
            await outbox.retry_later(
                session, job.message_id, self.worker, due_at=now, reason=outcome.reason
            )
        elif (
            isinstance(outcome, NoRoute)
            and job.hand_over_to is not None
            and job.attempts < MAX_ATTEMPTS
        ):
            await outbox.hand_over(
                session,
                job.message_id,
                self.worker,
                channel=job.hand_over_to,
                reason=outcome.reason,
            )
        elif isinstance(outcome, Undeliverable | NoRoute) or job.attempts >= MAX_ATTEMPTS:
            await outbox.give_up(session, job.message_id, self.worker, reason=outcome.reason)
        else:
            delay = outcome.after or self.retry_base * 2 ** (job.attempts - 1)
            await outbox.retry_later(
                session,
                job.message_id,
                self.worker,
                due_at=now + timedelta(seconds=delay),
                reason=outcome.reason,
            )

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


async def _account(session: AsyncSession, recipient: Recipient) -> ChannelAccount | None:
    """The chat a recipient stands for."""
    query = select(ChannelAccount).where(
        ChannelAccount.channel == recipient.channel,
        ChannelAccount.external_id == recipient.external_id,
    )
    return (await session.scalars(query)).first()
