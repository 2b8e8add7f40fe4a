"""Registration through the full Telegram stack vs a bare echo bot, same transport.

Simulated members each complete registration (11 updates) through
python-telegram-bot's Application, our Telegram adapter, the engine and the
database, against an in-process Bot API. The same updates go through a bare
python-telegram-bot echo bot on the same transport in the same run.

Two modes: saturated (every member at once; cost per update and updates/s) and
paced (an open-loop schedule at a fixed rate; latency p50/p99 per update).
Aim (issue 2): registration costs at most 4x an echo update, and p99 stays
under 50 ms at 200 updates/s on SQLite.

    python -m bench.engine [--members 200] [--rate 200] [--postgres URL]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text
from telegram import Update
from telegram.ext import Application, ContextTypes, TypeHandler

from bench.transport import InstantBotAPI
from bot.clock import SystemClock
from bot.config import Settings
from bot.db import Database
from bot.models import Base
from handlers.telegram import TelegramChannel
from wiring.app import build_engine

DEFAULT_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
TOKEN = "123456:BENCH"

Step = tuple[str, str]
"""('text', what is typed) or ('press', part of a button label)."""


def registration_script(member: int) -> list[Step]:
    """The 11 updates one member sends to register."""
    return [
        ("text", "/start"),
        ("press", "Daftar"),
        ("press", "Setuju"),
        ("text", f"Anggota Bench {_letters(member)}"),
        ("text", f"0812{member:08d}"),
        ("text", "tebet"),
        ("text", "Manggarai"),
        ("press", "sudah jalan"),
        ("text", f"Warung {member}"),
        ("press", "Kuliner"),
        ("press", "Simpan"),
    ]


def _letters(number: int) -> str:
    """Names take letters only: 12 → 'Bc'."""
    digits = "abcdefghij"
    return "".join(digits[int(d)] for d in str(number)).title()


@dataclass
class Run:
    label: str
    updates: int
    seconds: float
    latencies: list[float]

    @property
    def per_second(self) -> float:
        return self.updates / self.seconds

    @property
    def mean_ms(self) -> float:
        return 1000 * statistics.fmean(self.latencies)

    def percentile_ms(self, q: int) -> float:
        return 1000 * statistics.quantiles(self.latencies, n=100, method="inclusive")[q - 1]

    def line(self) -> str:
        return (
            f"{self.label:<34} {self.updates:>6} upd  {self.per_second:>8.0f} upd/s  "
            f"mean {self.mean_ms:6.2f} ms  p50 {self.percentile_ms(50):6.2f} ms  "
            f"p99 {self.percentile_ms(99):6.2f} ms"
        )


class Driver:
    """Feeds members' updates into an Application and times each one."""

    def __init__(self, application: Application, transport: InstantBotAPI) -> None:  # type: ignore[type-arg]
        self.application = application
        self.transport = transport
        self._update_ids = iter(range(1, 10**9))
        self._members = iter(range(1, 10**9))

    def update_for(self, chat_id: int, step: Step) -> Update:
        kind, value = step
        user = {"id": chat_id, "is_bot": False, "first_name": "Bench", "language_code": "id"}
        chat = {"id": chat_id, "type": "private"}
        update_id = next(self._update_ids)
        if kind == "press":
            data: dict[str, Any] = {
                "update_id": update_id,
                "callback_query": {
                    "id": str(update_id),
                    "from": user,
                    "chat_instance": "1",
                    "data": self.transport.button(chat_id, value),
                    "message": {"message_id": 1, "date": 0, "chat": chat, "text": "…"},
                },
            }
        else:
            message: dict[str, Any] = {
                "message_id": update_id,
                "date": int(time.time()),
                "chat": chat,
                "from": user,
                "text": value,
            }
            if value.startswith("/"):
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(value)}]
            data = {"update_id": update_id, "message": message}
        return Update.de_json(data, self.application.bot)

    async def member(
        self,
        chat_id: int,
        script: list[Step],
        slot: Callable[[], Awaitable[None]],
        latencies: list[float],
    ) -> None:
        for step in script:
            await slot()
            update = self.update_for(chat_id, step)
            started = time.perf_counter()
            await self.application.process_update(update)
            latencies.append(time.perf_counter() - started)

    async def run(
        self, label: str, members: int, rate: float | None, scripts: Callable[[int], list[Step]]
    ) -> Run:
        latencies: list[float] = []
        start = time.perf_counter()
        slot = _pacer(rate, start) if rate else _no_wait
        people = [next(self._members) for _ in range(members)]
        await asyncio.gather(
            *(self.member(10_000_000 + n, scripts(n), slot, latencies) for n in people)
        )
        return Run(label, len(latencies), time.perf_counter() - start, latencies)


async def _no_wait() -> None:
    return None


def _pacer(rate: float, start: float) -> Callable[[], Awaitable[None]]:
    """An open-loop schedule: the k-th update may go at start + k/rate."""
    counter = iter(range(10**9))

    async def slot() -> None:
        due = start + next(counter) / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)  # pacing the load generator, not the system under test

    return slot


def echo_script(member: int) -> list[Step]:
    """Echo takes typed text only; a press would find no keyboard."""
    return [("text", value) for _kind, value in registration_script(member)]


async def echo_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_chat is not None and update.effective_message is not None:
        await context.bot.send_message(
            update.effective_chat.id, update.effective_message.text or "…"
        )


@asynccontextmanager
async def bench_database(backend: str, postgres_url: str) -> AsyncIterator[Database]:
    """A fresh, empty schema on SQLite (temp file) or PostgreSQL (own schema)."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as directory:
            db = Database(f"sqlite+aiosqlite:///{Path(directory) / 'bench.db'}")
            async with db.engine.begin() as connection:
                await connection.run_sync(Base.metadata.create_all)
            try:
                yield db
            finally:
                await db.dispose()
        return
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = Database(postgres_url)
    async with admin.engine.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    db = Database(
        postgres_url, connect_args={"server_settings": {"search_path": schema}}, pool_size=20
    )
    try:
        async with db.engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
        yield db
    finally:
        await db.dispose()
        async with admin.engine.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


async def bench_registration(
    backend: str, postgres_url: str, members: int, rate: float
) -> tuple[Run, Run]:
    async with bench_database(backend, postgres_url) as db:
        settings = Settings(_env_file=None, telegram_overall_rate=1_000_000)  # type: ignore[call-arg]
        engine = build_engine(db, settings, SystemClock())
        transport = InstantBotAPI()
        channel = TelegramChannel(
            engine,
            TOKEN,
            api_url="http://127.0.0.1:9/bot",
            file_url="http://127.0.0.1:9/file/bot",
            overall_rate=1_000_000,
            request=transport,
            get_updates_request=transport,
        )
        await channel.application.initialize()
        driver = Driver(channel.application, transport)
        try:
            saturated = await driver.run(
                f"registration {backend} saturated", members, None, registration_script
            )
            paced = await driver.run(
                f"registration {backend} @{rate:.0f}/s", members, rate, registration_script
            )
        finally:
            await channel.application.shutdown()
    return saturated, paced


async def bench_echo(members: int, rate: float) -> tuple[Run, Run]:
    transport = InstantBotAPI()
    application = (
        Application.builder()
        .token(TOKEN)
        .base_url("http://127.0.0.1:9/bot")
        .request(transport)
        .get_updates_request(transport)
        .concurrent_updates(True)
        .build()
    )
    application.add_handler(TypeHandler(Update, echo_update))
    await application.initialize()
    driver = Driver(application, transport)
    try:
        saturated = await driver.run("echo saturated", members, None, echo_script)
        paced = await driver.run(f"echo @{rate:.0f}/s", members, rate, echo_script)
    finally:
        await application.shutdown()
    return saturated, paced


async def _postgres_reachable(url: str) -> bool:
    db = Database(url)
    try:
        async with asyncio.timeout(5), db.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
    finally:
        await db.dispose()


async def main_async(members: int, rate: float, postgres_url: str) -> None:
    print(f"bench/engine.py: {members} members x 11 updates; paced runs at {rate:.0f} updates/s")
    echo_saturated, echo_paced = await bench_echo(members, rate)
    backends = ["sqlite"]
    if await _postgres_reachable(postgres_url):
        backends.append("postgresql")
    else:
        print(f"(PostgreSQL not reachable at {postgres_url}: skipped)")
    print(echo_saturated.line())
    print(echo_paced.line())
    for backend in backends:
        saturated, paced = await bench_registration(backend, postgres_url, members, rate)
        print(saturated.line())
        print(paced.line())
        cost = echo_saturated.per_second / saturated.per_second
        verdict = "ok" if cost <= 4 else "OVER"
        print(
            f"  {backend}: one registration update costs {cost:.2f}x an echo update (aim <= 4x: {verdict})"
        )
        p99 = paced.percentile_ms(99)
        verdict = "ok" if p99 < 50 else "OVER"
        print(
            f"  {backend}: p99 at {rate:.0f}/s = {p99:.2f} ms (aim < 50 ms: {verdict}); "
            f"p50 ratio to echo {paced.percentile_ms(50) / echo_paced.percentile_ms(50):.2f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    args = parser.parse_args()
    asyncio.run(main_async(args.members, args.rate, args.postgres))


if __name__ == "__main__":
    main()
