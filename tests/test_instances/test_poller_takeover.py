"""Long polling with several instances on one token: one polls; another takes over its death.

The instances are real `okoce-bot run` processes on one database, pointed at the fake
Bot API (its own process), which answers 409 Conflict whenever two long polls overlap,
as Telegram does. The poller is killed with SIGKILL; another must be polling within a
few seconds. The updates it had are then offered again (as if its confirmations were
lost): the new poller must recognise them and answer none of them a second time.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from bench.fake_bot_api import FakeBotAPIClient, serve_in_subprocess
from tests.fakes import telegram_updates as updates
from tests.instances import TOKEN, Instance, first_to_log, instance_env, running_instances

TAKEOVER_BOUND_S = 5.0
"""A standby tries the lock every second; the lock goes the moment its holder dies."""
MENU = "Menu utama"
PEOPLE = [7101, 7102, 7103]
LATECOMERS = [7104, 7105, 7106]


def _the_poller(instances: dict[str, Instance]) -> Instance:
    polling = [i for i in instances.values() if i.logged("polling Telegram")]
    assert len(polling) == 1, [i.name for i in polling]
    return polling[0]


def _answers(stats: dict[str, Any]) -> dict[int, int]:
    counts = {chat: 0 for chat in PEOPLE + LATECOMERS}
    for message in stats["messages"]:
        if MENU in message["text"]:
            counts[message["chat"]] += 1
    return counts


async def test_one_instance_polls_and_another_takes_over_when_it_is_killed(
    separate_database_url: str, tmp_path: Path
) -> None:
    count = 2 if separate_database_url.startswith("sqlite") else 3
    with serve_in_subprocess(1000) as api_url:
        fake = FakeBotAPIClient(api_url)
        envs = {
            f"i{n}": instance_env(
                tmp_path / f"var{n}",
                separate_database_url,
                telegram_token=TOKEN,
                telegram_api_url=api_url,
                http_port="0",
                outbox_worker=f"i{n}",
            )
            for n in range(count)
        }
        async with running_instances(envs, cwd=tmp_path) as instances:
            for instance in instances.values():
                await instance.wait_for("instance started")
            poller = await first_to_log(instances, "polling Telegram")
            for standby in instances.values():
                if standby is not poller:
                    await standby.wait_for("another instance polls Telegram; standing by")

            await fake.queue_updates(
                [updates.text_message(n, chat, "/start") for n, chat in enumerate(PEOPLE, 1)]
            )
            await fake.wait(chats=len(PEOPLE), text=MENU)
            killed_at = time.monotonic()
            poller.kill()
            stats = await fake.wait(poll_after=killed_at, within=TAKEOVER_BOUND_S * 3)
            takeover = min(p["started"] for p in stats["polls"] if p["started"] > killed_at)
            takeover -= killed_at
            alive = {name: i for name, i in instances.items() if i is not poller}
            successor = await first_to_log(alive, "polling Telegram", within=TAKEOVER_BOUND_S)
            assert _the_poller(alive) is successor
            print(f"{count} instances: {successor.name} polled {takeover:.2f} s after the kill")

            await fake.replay()  # updates 1-3 again, as if never confirmed
            later = [
                updates.text_message(n, chat, "/start") for n, chat in enumerate(LATECOMERS, 4)
            ]
            again = [updates.text_message(n, chat, "/menu") for n, chat in enumerate(PEOPLE, 7)]
            await fake.queue_updates(later + again)
            # Each person's /menu is handled after their replayed /start (arrival order).
            for chat in PEOPLE:
                await fake.wait(chat=chat, count=2, text=MENU)
            await fake.wait(chats=len(PEOPLE + LATECOMERS), text=MENU)
            for instance in alive.values():
                assert await instance.stop() == 0, instance.log()
            stats = await fake.stats()

    assert takeover < TAKEOVER_BOUND_S, f"took {takeover:.2f} s"
    assert stats["conflicts"] == 0, "never two long polls at once"
    assert _answers(stats) == {**dict.fromkeys(PEOPLE, 2), **dict.fromkeys(LATECOMERS, 1)}
    assert len(successor.logged("duplicate event skipped")) == len(PEOPLE)
    for instance in alive.values():
        assert "Conflict" not in instance.log()
