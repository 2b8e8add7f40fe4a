"""A kill -9 in the middle of a webhook burst loses no update Telegram was told we have.

`okoce-bot run` in webhook mode, in its own process, on SQLite, against a Bot API on
127.0.0.1 that takes a little while per message (so updates are acknowledged faster
than they are answered). A burst of signed updates from 120 people goes in; part-way
the test takes the database's write lock, so the bot can neither acknowledge more nor
finish what it started, waits until every update the engine had committed has been
answered (nothing is then on the wire), and kills the process. After a restart, and
after sending again what was never acknowledged (as Telegram does), every person has
had their answer exactly once: the acknowledged updates that were only in the inbox
were processed at start, and none was answered twice.

A kill at an arbitrary instant can also catch a reply on the wire; no Bot API call can
be made exactly once then (Telegram has no idempotency key), so that is not tested.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp

from handlers.telegram_webhook import SECRET_HEADER, WEBHOOK_PATH
from tests.cli import TIMEOUT_S, free_port, okoce_env, start_bot, wait_until_healthy
from tests.fakes import telegram_updates
from tests.fakes.bot_api_server import BotApiServer

PEOPLE = 120
FIRST_CHAT = 8_800_000
SECRET = "crash-test-secret"
REPLIES = 2
"""A newcomer's `/start` is answered with the welcome and the menu."""
LOCK_AFTER_ACKS = 40
SEND_LATENCY = 0.01


async def _until(condition: Callable[[], Awaitable[bool]], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not await condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.05)


class Burst:
    """Posts one `/start` per person, at most `parallel` in flight, noting the 200s."""

    def __init__(self, port: int, parallel: int = 16) -> None:
        self.url = f"http://127.0.0.1:{port}{WEBHOOK_PATH}"
        self.acknowledged: set[int] = set()
        self._slots = asyncio.Semaphore(parallel)

    async def send(self, http: aiohttp.ClientSession, person: int) -> None:
        update = telegram_updates.text_message(person, FIRST_CHAT + person, "/start")
        async with self._slots:
            try:
                async with http.post(
                    self.url, data=json.dumps(update), headers={SECRET_HEADER: SECRET}
                ) as response:
                    if response.status == 200:
                        self.acknowledged.add(person)
            except (aiohttp.ClientError, TimeoutError):
                pass  # not acknowledged: Telegram would send it again


class LockedDatabase:
    """The bot's SQLite file, its write lock held by the test (through a worker thread)."""

    def __init__(self, path: Path) -> None:
        self._connection = sqlite3.connect(
            path, timeout=TIMEOUT_S, isolation_level=None, check_same_thread=False
        )

    async def lock(self) -> None:
        await asyncio.to_thread(self._connection.execute, "BEGIN IMMEDIATE")

    async def committed_chats(self) -> set[int]:
        """Chats whose update the engine has committed (answered or about to be).

        Each person sends one update, and their chat account is created in the same
        transaction as the update's de-duplication record.
        """
        rows = await asyncio.to_thread(
            lambda: self._connection.execute(
                "SELECT external_id FROM channel_accounts WHERE channel = 'telegram'"
            ).fetchall()
        )
        return {int(chat_id) for (chat_id,) in rows}

    async def unprocessed_deliveries(self) -> int:
        rows = await asyncio.to_thread(
            lambda: self._connection.execute(
                "SELECT count(*) FROM inbound_deliveries "
                "WHERE channel = 'telegram' AND processed_at IS NULL"
            ).fetchall()
        )
        return int(rows[0][0])

    async def release(self) -> None:
        if self._connection.in_transaction:
            await asyncio.to_thread(self._connection.execute, "ROLLBACK")
        await asyncio.to_thread(self._connection.close)


async def test_a_kill_during_a_burst_loses_no_acknowledged_update(tmp_path: Path) -> None:
    port = free_port()
    data_dir = tmp_path / "var"
    async with BotApiServer(send_latency=SEND_LATENCY).running() as telegram:
        env = okoce_env(
            data_dir,
            telegram_token="123456:TEST",
            telegram_api_url=telegram.base_url,
            telegram_webhook_url="https://okoce.example/webhooks/telegram",
            telegram_webhook_secret=SECRET,
            http_port=str(port),
            log_level="WARNING",
        )
        log = tmp_path / "okoce-bot.log"
        bot = start_bot(env, cwd=tmp_path, log=log)
        try:
            await wait_until_healthy(port, bot)
            await _until(lambda: _has(telegram, "setwebhook"), "the webhook to be set")
            burst = Burst(port)
            async with aiohttp.ClientSession() as http:
                posting = [asyncio.create_task(burst.send(http, p)) for p in range(1, PEOPLE + 1)]
                await _until(
                    lambda: _true(len(burst.acknowledged) >= LOCK_AFTER_ACKS), "acknowledgements"
                )
                database = LockedDatabase(data_dir / "okoce.db")
                await database.lock()
                committed = await database.committed_chats()
                await _until(
                    lambda: _true(all(telegram.received[c] == REPLIES for c in committed)),
                    "the committed updates to be answered",
                )
                bot.kill()
                bot.wait(TIMEOUT_S)
                kept_not_done = await database.unprocessed_deliveries()
                await database.release()
                await asyncio.gather(*posting)
            acknowledged = set(burst.acknowledged)
            answered = {c - FIRST_CHAT for c, n in telegram.received.items() if n}
            assert acknowledged - answered, "some acknowledged updates were not yet answered"
            assert kept_not_done >= len(acknowledged - answered)

            bot = start_bot(env, cwd=tmp_path, log=log)
            await wait_until_healthy(port, bot)
            again = Burst(port)
            async with aiohttp.ClientSession() as http:
                await asyncio.gather(
                    *(again.send(http, p) for p in range(1, PEOPLE + 1) if p not in acknowledged)
                )
            assert again.acknowledged == set(range(1, PEOPLE + 1)) - acknowledged
            everyone = [FIRST_CHAT + p for p in range(1, PEOPLE + 1)]
            await _until(
                lambda: _true(all(telegram.received[c] >= REPLIES for c in everyone)),
                "every person to be answered",
            )
            database = LockedDatabase(data_dir / "okoce.db")
            await _until(
                lambda: _nothing_left(database), "the inbox to be processed after the restart"
            )
            await database.release()
            assert {c: telegram.received[c] for c in everyone} == dict.fromkeys(everyone, REPLIES)
        finally:
            if bot.poll() is None:
                bot.terminate()
                bot.wait(TIMEOUT_S)
    assert "Traceback" not in log.read_text(encoding="utf-8")


async def _true(value: bool) -> bool:
    return value


async def _has(telegram: BotApiServer, method: str) -> bool:
    return telegram.methods[method] > 0


async def _nothing_left(database: LockedDatabase) -> bool:
    return await database.unprocessed_deliveries() == 0
