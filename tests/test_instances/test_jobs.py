"""Jobs per instance: an instance runs what it is told (channels, web, dispatcher), nothing more.

A due reminder waits in the outbox and the fake Bot API records every poll and
message, so an instance that polls, serves or dispatches when it should not is seen.
The terminal chat's dispatcher sends only to the person at that terminal: rows for
Telegram chats, and for another terminal user, stay pending for their own dispatcher.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import select, update

from bench.fake_bot_api import FakeBotAPIClient, serve_in_subprocess
from bench.outbox import seed
from bot.clock import SystemClock
from bot.db import Database
from bot.migrations import upgrade_database
from bot.models import ChannelAccount, OutboxMessage
from bot.services import coaching
from bot.vocabulary import OutboxKind
from tests.cli import okoce_env, run_cli
from tests.factories import add_members, add_session, book
from tests.instances import TOKEN, instance_env, running_instances


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _listening(port: int) -> bool:
    try:
        _reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return False
    writer.close()
    await writer.wait_closed()
    return True


@pytest.fixture
async def outbox_db(tmp_path: Path) -> AsyncIterator[tuple[str, Database]]:
    """A migrated SQLite database with one due reminder (to Telegram chat 70000000)."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'instances' / 'okoce.db'}"
    await upgrade_database(url)
    db = Database(url)
    await seed(db, 1, SystemClock().now())
    yield url, db
    await db.dispose()


async def _the_reminder(db: Database) -> OutboxMessage:
    async with db.transaction() as session:
        return (await session.scalars(select(OutboxMessage))).one()


async def test_a_dispatcher_only_instance_sends_but_neither_polls_nor_serves(
    outbox_db: tuple[str, Database], tmp_path: Path
) -> None:
    url, db = outbox_db
    port = _free_port()
    with serve_in_subprocess(1000) as api_url:
        fake = FakeBotAPIClient(api_url)
        env = instance_env(
            tmp_path / "var",
            url,
            telegram_token=TOKEN,
            telegram_api_url=api_url,
            http_port=str(port),
        )
        async with running_instances({"d": env}, "--jobs", "dispatcher", cwd=tmp_path) as run:
            started = await run["d"].wait_for("instance started")
            sent = await fake.wait(messages=1)
            serving = await _listening(port)
            assert await run["d"].stop() == 0, run["d"].log()
        stats = await fake.stats()
    assert started["jobs"] == ["dispatcher"]
    assert "Pengingat" in sent["messages"][0]["text"]
    assert not serving and not run["d"].logged("web server listening")
    assert stats["polls"] == [], "no getUpdates at all"
    assert (await _the_reminder(db)).status == "sent"


async def test_a_web_only_instance_serves_but_neither_dispatches_nor_polls(
    outbox_db: tuple[str, Database], tmp_path: Path
) -> None:
    url, db = outbox_db
    port = _free_port()
    with serve_in_subprocess(1000) as api_url:
        fake = FakeBotAPIClient(api_url)
        env = instance_env(
            tmp_path / "var",
            url,
            telegram_token=TOKEN,
            telegram_api_url=api_url,
            http_port=str(port),
        )
        async with running_instances({"w": env}, "--jobs", "web", cwd=tmp_path) as run:
            started = await run["w"].wait_for("instance started")
            async with (
                aiohttp.ClientSession() as http,
                http.get(f"http://127.0.0.1:{port}/healthz") as health,
            ):
                assert health.status == 200
            assert await run["w"].stop() == 0, run["w"].log()
        stats = await fake.stats()
    reminder = await _the_reminder(db)
    assert started["jobs"] == ["web"]
    assert stats["messages"] == [] and stats["polls"] == []
    assert (reminder.status, reminder.attempts, reminder.claimed_by) == ("pending", 0, None)


async def test_a_terminal_chat_sends_only_to_its_own_user(tmp_path: Path) -> None:
    """Two terminal users on one data folder, and a member on Telegram.

    Budi's seat comes free while Siti has the terminal open: Siti's chat must leave
    Budi's good news, and the reminders of members on Telegram and WhatsApp, for
    dispatchers that can send them.
    """
    data_dir = tmp_path / "var"
    url = f"sqlite+aiosqlite:///{data_dir / 'okoce.db'}"
    await upgrade_database(url)
    db = Database(url)
    now = SystemClock().now()
    siti, budi, tono, wati = await add_members(db, 4, chat_channel="terminal", now=now)
    async with db.transaction() as session:
        for member, channel, chat in ((tono, "telegram", "7201"), (wati, "whatsapp", "62812")):
            await session.execute(
                update(ChannelAccount)
                .where(ChannelAccount.member_id == member)
                .values(channel=channel, external_id=chat, last_inbound_at=now)
            )
    full = await add_session(db, now + timedelta(days=3), now=now, capacity=1)
    soon = await add_session(db, now + timedelta(hours=23), now=now)
    siti_seat = await book(db, full, siti, now=now)
    assert isinstance(siti_seat, coaching.Booked)
    assert isinstance(
        await book(db, full, budi, now=now, waitlist_if_full=True), coaching.Waitlisted
    )
    booked_earlier = now - timedelta(hours=2)  # their 24-hour reminders are due now
    for member in (tono, wati):
        assert isinstance(await book(db, soon, member, now=booked_earlier), coaching.Booked)
    async with db.transaction() as session:
        await coaching.cancel_booking(
            session,
            booking_id=siti_seat.booking.id,
            member_id=siti,
            now=now,
            reminder_offsets=(timedelta(hours=24),),
        )

    async def chat_as(user: str) -> str:
        done = await asyncio.to_thread(
            run_cli, ["chat", "--user", user], okoce_env(data_dir), cwd=tmp_path, stdin="menu\n"
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    async def due() -> dict[int, tuple[OutboxKind, str, int]]:
        async with db.transaction() as session:
            rows = await session.scalars(select(OutboxMessage).where(OutboxMessage.due_at <= now))
            return {
                row.member_id: (row.kind, row.status, row.attempts)
                for row in rows
                if row.member_id is not None
            }

    waiting = {
        budi: (OutboxKind.WAITLIST_PROMOTED, "pending", 0),
        tono: (OutboxKind.REMINDER, "pending", 0),
        wati: (OutboxKind.REMINDER, "pending", 0),
    }
    assert await due() == waiting
    assert "Kabar baik" not in await chat_as("chat0")  # Siti's terminal
    assert await due() == waiting, "nothing claimed, nothing given up"
    assert "Kabar baik! Ada kursi kosong" in await chat_as("chat1")  # Budi's
    assert await due() == {
        **waiting,
        budi: (OutboxKind.WAITLIST_PROMOTED, "sent", 1),
    }, "the Telegram and WhatsApp reminders wait for dispatchers with those channels"
    await db.dispose()
