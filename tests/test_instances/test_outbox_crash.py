"""Several dispatcher processes on one outbox; one is killed -9 at a random moment.

80 reminders are due at once. Each instance is a real `okoce-bot run --jobs dispatcher`
sending through python-telegram-bot to the fake Bot API (its own process), which
records every message it accepted. The instance that claimed the first message is
killed with SIGKILL after a seeded random number of accepted messages, plus a seeded
random delay (the seed is printed; `OKOCE_TEST_KILL_SEED` replays it). Every member
must get the reminder, and at most the sends that were in flight at the kill (one per
dispatcher here, `OKOCE_OUTBOX_IN_FLIGHT=1`) may arrive twice.
"""

from __future__ import annotations

import asyncio
import os
import random
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from bench.fake_bot_api import FakeBotAPIClient, serve_in_subprocess
from bench.outbox import FIRST_CHAT, seed
from bot.clock import SystemClock
from bot.db import Database
from bot.models import OutboxMessage
from tests.instances import TOKEN, instance_env, running_instances

REMINDERS = 80
IN_FLIGHT = 1
LEASE_SECONDS = 2
SEED_ENV = "OKOCE_TEST_KILL_SEED"
"""Set it to a printed seed to replay that run's kill moment."""


async def _statuses(db: Database) -> Counter[str]:
    async with db.transaction() as session:
        return Counter(m.status for m in await session.scalars(select(OutboxMessage)))


async def _claimer_of_chat(db: Database, chat: int) -> str:
    async with db.transaction() as session:
        message = await session.scalar(
            select(OutboxMessage).where(OutboxMessage.member_id == chat - FIRST_CHAT + 1)
        )
    assert message is not None and message.claimed_by is not None
    return message.claimed_by


async def test_a_killed_dispatcher_repeats_at_most_its_send_in_flight_and_loses_nothing(
    separate_database_url: str, tmp_path: Path
) -> None:
    count = 2 if separate_database_url.startswith("sqlite") else 3
    chosen = int(os.environ.get(SEED_ENV) or random.randrange(2**32))
    rng = random.Random(chosen)
    kill_after = rng.randint(1, 40)
    delay = rng.uniform(0, 0.05)
    story = f"seed {chosen}: kill after {kill_after} accepted messages + {delay * 1000:.0f} ms"
    print(story)

    with serve_in_subprocess(1000) as api_url:
        fake = FakeBotAPIClient(api_url)
        envs = {
            f"w{n}": instance_env(
                tmp_path / f"var{n}",
                separate_database_url,
                telegram_token=TOKEN,
                telegram_api_url=api_url,
                telegram_overall_rate="1000",
                outbox_telegram_rate="100",
                outbox_worker=f"w{n}",
                outbox_in_flight=str(IN_FLIGHT),
                outbox_lease_seconds=str(LEASE_SECONDS),
            )
            for n in range(count)
        }
        async with running_instances(envs, "--jobs", "dispatcher", cwd=tmp_path) as instances:
            for instance in instances.values():
                await instance.wait_for("instance started")
            db = Database(separate_database_url)
            try:
                await seed(db, REMINDERS, SystemClock().now())
                first = await fake.wait(messages=1)
                victim = instances[await _claimer_of_chat(db, first["messages"][0]["chat"])]
                await fake.wait(messages=kill_after)
                await asyncio.sleep(delay)  # the random moment, not a wait for anything
                victim.kill()
                stats = await fake.wait(chats=REMINDERS, within=60)
                survivors = [i for i in instances.values() if i is not victim]
                for survivor in survivors:
                    assert await survivor.stop() == 0, survivor.log()
                stats = await fake.stats()
                statuses = await _statuses(db)
            finally:
                await db.dispose()

    received = Counter(m["chat"] for m in stats["messages"])
    duplicates = sum(n - 1 for n in received.values())
    print(f"{story}; killed {victim.name}; duplicates {duplicates}")
    assert len(received) == REMINDERS, f"every member got the reminder ({story})"
    assert duplicates <= IN_FLIGHT, f"{duplicates} sent twice ({story})"
    assert statuses == Counter({"sent": REMINDERS}), story
    assert stats["too_many"] == 0
