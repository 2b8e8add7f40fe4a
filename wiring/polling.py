"""Telegram long polling by one instance at a time, taken over when that one dies.

Every instance with the `channels` job (and a token, and no webhook URL) tries the
poller lock (`bot.exclusive`) every `retry` seconds; the holder polls and checks every
`check` seconds that it still holds it. The lock goes with its holder's connection or
process, so after a kill another instance polls within about `retry` seconds; one that
loses its database connection stops polling before anyone else can start. Two pollers
on one token would fight with 409 Conflict; this is what keeps them apart.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os

from telegram.error import TelegramError

from bot.exclusive import ExclusiveLock
from handlers.telegram import TelegramChannel

log = logging.getLogger(__name__)

RETRY_SECONDS = 1.0
"""How often a standby instance tries to take over polling."""
CHECK_SECONDS = 2.0
"""How often the poller checks that it still holds the lock."""


def poller_lock_name(token: str) -> str:
    """One lock per bot (the token's numeric id, which survives a token change)."""
    return f"telegram-poller-{token.split(':', 1)[0]}"


async def _stopped_within(stop: asyncio.Event, seconds: float) -> bool:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
    return stop.is_set()


async def poll_while_holding(
    telegram: TelegramChannel,
    lock: ExclusiveLock,
    stop: asyncio.Event,
    *,
    retry: float = RETRY_SECONDS,
    check: float = CHECK_SECONDS,
) -> None:
    """Poll Telegram whenever this instance holds `lock`, until `stop` is set."""
    standing_by = False
    while not stop.is_set():
        if not await lock.try_acquire():
            if not standing_by:
                log.info("another instance polls Telegram; standing by")
                standing_by = True
            await _stopped_within(stop, retry)
            continue
        standing_by = False
        try:
            await telegram.begin_polling()
        except TelegramError as error:
            log.warning("telegram polling did not start", extra={"error": type(error).__name__})
            await lock.release()
            await _stopped_within(stop, retry)
            continue
        log.info("polling Telegram", extra={"pid": os.getpid()})
        try:
            while not await _stopped_within(stop, check):
                if not await lock.still_held():
                    log.warning("poller lock lost; polling stops")
                    break
        finally:
            await telegram.end_polling()
            await lock.release()
            log.info("stopped polling Telegram")
