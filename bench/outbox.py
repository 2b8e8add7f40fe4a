"""10,000 due reminders through the outbox dispatcher to a Bot API on 127.0.0.1.

Every message goes through the real path: claimed from the database with a
lease, rendered in the member's language, sent by python-telegram-bot over HTTP
to a local fake Bot API that enforces the overall flood limit (429 past it),
and recorded. Each reminder goes to its own chat, so duplicates and losses are
counted per chat.

Aim (issue 4): at least 0.95 of the configured limit, zero duplicates, zero
losses, and no 429 provoked. A short sample runs at Telegram's 30/s; the full
run at a higher configured limit.

    python -m bench.outbox [--messages 10000] [--limit 150] [--sample 300]

One dispatcher process tops out near 250 messages/s here (2 cores, python-telegram-bot
over HTTP); more than that is several dispatchers sharing the outbox on PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from bench.fake_bot_api import serve_in_subprocess
from bot.clock import SystemClock
from bot.config import Settings
from bot.db import Database
from bot.messages import Reply
from bot.models import Base, Booking, ChannelAccount, CoachingSession, Member, OutboxMessage
from conversations.notifications import render_outbox_message
from handlers.telegram import TelegramChannel
from wiring.app import build_engine
from wiring.dispatcher import OutboxDispatcher

FIRST_CHAT = 70_000_000


async def seed(db: Database, messages: int, now: datetime) -> None:
    """One member, chat, booking and due 24-hour reminder per message (bulk inserts)."""
    starts = now + timedelta(hours=24)
    sessions = max(1, messages // 100)
    async with db.transaction() as session:
        await session.execute(
            insert(CoachingSession),
            [
                dict(
                    id=s + 1,
                    kind="clinic",
                    topic="P2",
                    kecamatan_code="31.74.01",
                    venue_name="Kantor Kecamatan Tebet",
                    venue_address="Jl. Soepomo 54",
                    map_url=None,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=2),
                    capacity=100,
                    seats_taken=100,
                    coach_member_id=None,
                    status="scheduled",
                    sequence=0,
                    created_by="bench",
                    created_at=now,
                    updated_at=now,
                )
                for s in range(sessions)
            ],
        )
        await session.execute(
            insert(Member),
            [
                dict(
                    id=n + 1,
                    member_number=f"OK-317401-{n + 1:06d}",
                    full_name="Anggota",
                    phone_e164=f"+62812{n:08d}",
                    kecamatan_code="31.74.01",
                    kelurahan_code=None,
                    business_status="idea",
                    business_name=None,
                    sector="jasa",
                    language="id",
                    consent_at=now,
                    registered_at=now,
                    deleted_at=None,
                )
                for n in range(messages)
            ],
        )
        await session.execute(
            insert(ChannelAccount),
            [
                dict(
                    channel="telegram",
                    external_id=str(FIRST_CHAT + n),
                    member_id=n + 1,
                    language="id",
                    data={},
                    state_version=0,
                    last_inbound_at=now,
                    updated_at=now,
                    created_at=now,
                )
                for n in range(messages)
            ],
        )
        await session.execute(
            insert(Booking),
            [
                dict(
                    id=n + 1,
                    session_id=n % sessions + 1,
                    member_id=n + 1,
                    status="booked",
                    attended=None,
                    created_at=now,
                    updated_at=now,
                )
                for n in range(messages)
            ],
        )
        await session.execute(
            insert(OutboxMessage),
            [
                dict(
                    member_id=n + 1,
                    kind="reminder",
                    payload={"booking_id": n + 1, "hours": 24.0},
                    dedupe_key=f"reminder:{n + 1}:86400:0",
                    due_at=now,
                    status="pending",
                    attempts=0,
                    created_at=now,
                )
                for n in range(messages)
            ],
        )


async def run(messages: int, limit: float) -> str:
    """Send `messages` due reminders at `limit`/s and report against the aims."""
    with serve_in_subprocess(limit) as base_url, tempfile.TemporaryDirectory() as directory:
        db = Database(f"sqlite+aiosqlite:///{Path(directory) / 'outbox.db'}")
        async with db.engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
        clock = SystemClock()
        await seed(db, messages, clock.now())
        settings = Settings(_env_file=None)  # type: ignore[call-arg]
        engine = build_engine(db, settings, clock)
        channel = TelegramChannel(
            engine,
            "123456:BENCH",
            api_url=base_url,
            file_url=base_url.removesuffix("/bot") + "/file/bot",
            overall_rate=limit,
        )
        await channel.application.initialize()

        async def render(
            session: AsyncSession, message: OutboxMessage, language: str
        ) -> Reply | None:
            return await render_outbox_message(
                session, message, language, areas=engine.areas, now=clock.now()
            )

        dispatcher = OutboxDispatcher(
            db,
            clock,
            {"telegram": channel},
            render,
            worker="bench",
            rates={"telegram": limit},
            concurrency=64,
        )
        started = time.monotonic()
        await asyncio.wait_for(dispatcher.run(asyncio.Event(), until_idle=True), timeout=3600)
        elapsed = time.monotonic() - started
        stats = await _stats(base_url)
        await channel.application.shutdown()
        await db.dispose()

    received: dict[str, int] = stats["received"]
    too_many = int(stats["too_many"])
    duplicates = sum(count - 1 for count in received.values() if count > 1)
    losses = messages - len(received)
    sending = float(stats["sending_seconds"])
    achieved = (sum(received.values()) - 1) / sending if sending > 0 else float("nan")
    ratio = achieved / limit
    met = ratio >= 0.95 and not duplicates and not losses and not too_many
    return (
        f"{messages:>6} msgs at limit {limit:>6.0f}/s: achieved {achieved:7.1f}/s = {ratio:.3f} "
        f"of limit, duplicates {duplicates}, losses {losses}, 429s {too_many}, "
        f"wall {elapsed:.1f}s  [{'ok' if met else 'MISSED'}]"
    )


async def _stats(base_url: str) -> dict[str, Any]:
    async with aiohttp.ClientSession() as http:
        response = await http.get(base_url.removesuffix("/bot") + "/stats")
        data: dict[str, Any] = await response.json()
        return data


async def main_async(messages: int, limit: float, sample: int) -> None:
    print("bench/outbox.py: reminders through the dispatcher to a fake Bot API on 127.0.0.1")
    print("aim: >= 0.95 of the limit, 0 duplicates, 0 losses, 0 HTTP 429")
    print(await run(sample, 30.0))
    print(await run(messages, limit))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--limit", type=float, default=150.0)
    parser.add_argument("--sample", type=int, default=300)
    args = parser.parse_args()
    asyncio.run(main_async(args.messages, args.limit, args.sample))


if __name__ == "__main__":
    main()
