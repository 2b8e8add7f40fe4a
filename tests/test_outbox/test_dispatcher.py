"""The dispatcher: reminders at the right time, each message exactly once, whatever happens."""

import asyncio
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.clock import ManualClock
from bot.db import Database
from bot.delivery import RetryLater, Unreachable
from bot.models import ChannelAccount, OutboxMessage
from bot.services import coaching, outbox
from bot.vocabulary import OutboxKind
from tests.factories import NOW, add_members, add_session, book
from tests.test_outbox.recording import LEASE, RecordingSender, make_dispatcher
from wiring.dispatcher import OutboxDispatcher

START = NOW + timedelta(days=3)


def _dispatcher(
    db: Database, clock: ManualClock, sender: RecordingSender, worker: str = "w1"
) -> OutboxDispatcher:
    return make_dispatcher(db, clock, sender, worker=worker)


async def _booked_member(db: Database) -> int:
    """A member with a chat, booked on a session three days away."""
    [member_id] = await add_members(db, chat_channel="test")
    booked = await book(db, await add_session(db, START), member_id)
    assert isinstance(booked, coaching.Booked)
    return member_id


async def _statuses(db: Database) -> Counter[str]:
    async with db.transaction() as session:
        return Counter(m.status for m in await session.scalars(select(OutboxMessage)))


async def test_reminders_go_out_24_and_2_hours_before(sqlite_database: Database) -> None:
    await _booked_member(sqlite_database)
    clock = ManualClock(NOW)
    sender = RecordingSender()
    dispatcher = _dispatcher(sqlite_database, clock, sender)

    await dispatcher.run_once()
    assert sender.sent == []
    clock.advance(START - timedelta(hours=24) - NOW - timedelta(minutes=1))
    await dispatcher.run_once()
    assert sender.sent == [], "not a minute early"
    clock.advance(timedelta(minutes=1))
    await dispatcher.run_once()
    assert len(sender.sent) == 1 and "besok" in sender.sent[0][1].text
    assert sender.sent[0][1].choices[0].id.startswith("@cancel:")
    await dispatcher.run_once()
    assert len(sender.sent) == 1, "never twice"
    clock.advance(timedelta(hours=22))
    await dispatcher.run_once()
    assert len(sender.sent) == 2 and "2 jam lagi" in sender.sent[1][1].text
    assert await _statuses(sqlite_database) == Counter({"sent": 2})


async def test_a_restart_loses_and_repeats_nothing(database: Database) -> None:
    [member_id] = await add_members(database, chat_channel="test")
    async with database.transaction() as session:
        for n in range(5):
            await outbox.enqueue(
                session,
                member_id=member_id,
                kind=OutboxKind.REMINDER,
                payload={"n": n},
                due_at=NOW,
                dedupe_key=f"plain:{n}",
                now=NOW,
            )
    clock = ManualClock(NOW)
    first = RecordingSender()
    await _dispatcher(database, clock, first, "before-restart").run_once()
    second = RecordingSender()
    await _dispatcher(database, clock, second, "after-restart").run_once()
    assert sorted(reply.text for _chat, reply in first.sent) == [f"pesan {n}" for n in range(5)]
    assert second.sent == []


async def test_a_blocked_chat_is_marked_and_not_retried(sqlite_database: Database) -> None:
    await _booked_member(sqlite_database)
    clock = ManualClock(START - timedelta(hours=24))
    sender = RecordingSender(Unreachable("Forbidden: bot was blocked by the user"))
    dispatcher = _dispatcher(sqlite_database, clock, sender)
    await dispatcher.run_once()
    await dispatcher.run_once()
    assert len(sender.sent) == 1
    async with sqlite_database.transaction() as session:
        account = (await session.scalars(select(ChannelAccount))).one()
        reminder = (
            await session.scalars(select(OutboxMessage).where(OutboxMessage.attempts > 0))
        ).one()
    assert account.unreachable_at is not None
    assert reminder.status == "undeliverable" and reminder.last_error == "no reachable channel"


async def test_a_passing_failure_is_retried_later(sqlite_database: Database) -> None:
    [member_id] = await add_members(sqlite_database, chat_channel="test")
    async with sqlite_database.transaction() as session:
        await outbox.enqueue(
            session,
            member_id=member_id,
            kind=OutboxKind.REMINDER,
            payload={"n": 1},
            due_at=NOW,
            dedupe_key="plain:1",
            now=NOW,
        )
    clock = ManualClock(NOW)
    sender = RecordingSender(RetryLater("rate limited", after=7))
    dispatcher = _dispatcher(sqlite_database, clock, sender)
    await dispatcher.run_once()
    sender.answer = None
    clock.advance(timedelta(seconds=6))
    await dispatcher.run_once()
    assert len(sender.sent) == 1, "waits retry_after"
    clock.advance(timedelta(seconds=1))
    await dispatcher.run_once()
    assert len(sender.sent) == 2
    assert await _statuses(sqlite_database) == Counter({"sent": 1})


async def test_three_dispatchers_deliver_a_thousand_messages_once_each(
    database: Database,
) -> None:
    members_ids = await add_members(database, 50, chat_channel="test")
    async with database.transaction() as session:
        for n in range(1000):
            await outbox.enqueue(
                session,
                member_id=members_ids[n % 50],
                kind=OutboxKind.REMINDER,
                payload={"n": n},
                due_at=NOW,
                dedupe_key=f"plain:{n}",
                now=NOW,
            )
    clock = ManualClock(NOW)
    senders = [RecordingSender() for _ in range(3)]
    dispatchers = [_dispatcher(database, clock, s, f"w{i}") for i, s in enumerate(senders)]
    for dispatcher in dispatchers:
        dispatcher.batch_size = 40

    runs = (d.run(asyncio.Event(), until_idle=True) for d in dispatchers)  # pipelined rounds
    await asyncio.wait_for(asyncio.gather(*runs), timeout=60)
    texts = Counter(reply.text for s in senders for _chat, reply in s.sent)
    assert len(texts) == 1000 and set(texts.values()) == {1}
    assert all(s.sent for s in senders), "the work was shared"
    assert await _statuses(database) == Counter({"sent": 1000})


async def test_rows_of_a_killed_dispatcher_are_sent_after_the_lease(database: Database) -> None:
    [member_id] = await add_members(database, chat_channel="test")
    async with database.transaction() as session:
        for n in range(30):
            await outbox.enqueue(
                session,
                member_id=member_id,
                kind=OutboxKind.REMINDER,
                payload={"n": n},
                due_at=NOW,
                dedupe_key=f"plain:{n}",
                now=NOW,
            )
    clock = ManualClock(NOW)
    doomed_sender = RecordingSender()
    doomed_sender.hanging = True
    doomed = _dispatcher(database, clock, doomed_sender, "doomed")
    doomed.batch_size = 10
    task = asyncio.create_task(doomed.run_once())
    for _tick in range(100):  # let it claim its batch and get stuck sending
        await asyncio.sleep(0)
        if (await _statuses(database))["pending"] and await _claimed_by(database, "doomed"):
            break
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    survivor_sender = RecordingSender()
    survivor = _dispatcher(database, clock, survivor_sender, "survivor")
    await survivor.run_once()
    assert len(survivor_sender.sent) == 20, "the doomed batch waits for its lease"
    clock.advance(LEASE + timedelta(seconds=1))
    await survivor.run_once()
    assert sorted(r.text for _c, r in survivor_sender.sent) == sorted(
        f"pesan {n}" for n in range(30)
    )
    assert await _statuses(database) == Counter({"sent": 30})


async def _claimed_by(db: Database, worker: str) -> int:
    async with db.transaction() as session:
        rows = await session.scalars(
            select(OutboxMessage).where(OutboxMessage.claimed_by == worker)
        )
        return len(rows.all())
