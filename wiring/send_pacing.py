"""How the dispatcher paces its sends and records their outcomes.

`pace`: a channel's rate in short bursts. `ChatTurns`: one message at a time per chat,
a second apart, waiting without holding a send slot. `OutcomeRecorder`: each outcome is
committed as soon as it is known; outcomes that arrive while a commit is running go
together in the next one (a group commit), so none waits for a later send and a busy
dispatcher still writes few transactions.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from aiolimiter import AsyncLimiter

log = logging.getLogger(__name__)

BURST_SECONDS = 0.1

T = TypeVar("T")


def pace(rate: float) -> AsyncLimiter:
    """`rate` messages per second, in bursts of at most a tenth of a second's worth.

    Platforms allow about a second's worth at once, so this never provokes a 429;
    a one-message bucket would lose a fifth of the rate to timer granularity.
    """
    burst = max(1.0, rate * BURST_SECONDS)
    return AsyncLimiter(burst, burst / rate)


@dataclass
class Turn:
    """One chat's place in line."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_free: float = 0.0
    users: int = 0


class ChatTurns:
    """Messages to one chat go one at a time, `interval` seconds apart."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._turns: dict[tuple[str, str], Turn] = {}

    @asynccontextmanager
    async def turn(self, channel: str, chat: str) -> AsyncIterator[Turn]:
        """Wait until this chat is free and its interval has passed; hold it for the block."""
        turn = self._turns.setdefault((channel, chat), Turn())
        turn.users += 1
        try:
            async with turn.lock:
                delay = turn.next_free - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                yield turn
        finally:
            turn.users -= 1

    def used(self, turn: Turn) -> None:
        """A message just went to this chat: the next one waits `interval`."""
        turn.next_free = time.monotonic() + self.interval

    def forget_idle(self) -> None:
        """Drop chats nobody waits for whose interval has passed."""
        now = time.monotonic()
        self._turns = {
            key: turn for key, turn in self._turns.items() if turn.users > 0 or turn.next_free > now
        }


class OutcomeRecorder(Generic[T]):
    """Writes outcomes as they come, in one transaction per commit's worth of arrivals."""

    def __init__(self, write: Callable[[list[T]], Awaitable[None]]) -> None:
        self._write = write
        self._queue: list[tuple[T, asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def record(self, outcome: T) -> None:
        """Return once `outcome` is committed (or its commit failed, which is logged)."""
        committed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.append((outcome, committed))
        if self._writer is None:
            self._writer = asyncio.create_task(self._drain())
        await asyncio.shield(committed)

    async def _drain(self) -> None:
        try:
            while self._queue:
                batch, self._queue = self._queue, []
                try:
                    await self._write([outcome for outcome, _ in batch])
                except Exception:
                    log.exception(
                        "recording outbox outcomes failed; they go again after their lease",
                        extra={"outcomes": len(batch)},
                    )
                for _outcome, committed in batch:
                    if not committed.done():
                        committed.set_result(None)
        finally:
            self._writer = None
