"""Which dispatcher sends what: each claims only what it can carry, and records it at once.

A dispatcher that cannot reach a member leaves the message for one that can, instead
of calling it undeliverable; a message is given up only when no channel can carry it.
Each send's outcome is in the database as soon as it is known, so a crash repeats at
most what was on the wire.
"""

import asyncio
from datetime import timedelta

from sqlalchemy import select, update

from bot.clock import ManualClock
from bot.db import Database
from bot.delivery import NoRoute
from bot.models import ChannelAccount, OutboxMessage
from bot.services import outbox
from bot.vocabulary import OutboxKind
from tests.factories import NOW, add_members
from tests.test_outbox.recording import LEASE, RecordingSender, make_dispatcher


async def _due(db: Database, member_id: int, n: int) -> None:
    async with db.transaction() as session:
        await outbox.enqueue(
            session,
            member_id=member_id,
            kind=OutboxKind.REMINDER,
            payload={"n": n},
            due_at=NOW,
            dedupe_key=f"plain:{n}",
            now=NOW,
        )


async def _move_chat(db: Database, member_id: int, channel: str, **values: object) -> None:
    """Put the member's (only) chat on another channel."""
    async with db.transaction() as session:
        await session.execute(
            update(ChannelAccount)
            .where(ChannelAccount.member_id == member_id)
            .values(channel=channel, **values)
        )


async def _add_chat(db: Database, member_id: int, channel: str, external_id: str) -> None:
    async with db.transaction() as session:
        session.add(
            ChannelAccount(
                channel=channel,
                external_id=external_id,
                member_id=member_id,
                language="id",
                data={},
                state_version=0,
                last_inbound_at=NOW - timedelta(days=3),
                updated_at=NOW,
                created_at=NOW,
            )
        )


async def _rows(db: Database) -> dict[int, OutboxMessage]:
    async with db.transaction() as session:
        return {int(m.payload["n"]): m for m in await session.scalars(select(OutboxMessage))}


async def test_a_dispatcher_leaves_a_member_it_cannot_reach_to_one_that_can(
    database: Database,
) -> None:
    on_test, on_telegram = await add_members(database, 2, chat_channel="test")
    await _move_chat(database, on_telegram, "telegram")
    await _due(database, on_test, 0)
    await _due(database, on_telegram, 1)
    clock = ManualClock(NOW)
    mine = RecordingSender()

    assert await make_dispatcher(database, clock, mine).run_once() == 1
    left = (await _rows(database))[1]
    assert [reply.text for _chat, reply in mine.sent] == ["pesan 0"]
    assert (left.status, left.attempts, left.claimed_by) == ("pending", 0, None)

    telegram = RecordingSender(channel="telegram")
    await make_dispatcher(database, clock, telegram, worker="w2").run_once()
    assert [reply.text for _chat, reply in telegram.sent] == ["pesan 1"]
    assert {n: m.status for n, m in (await _rows(database)).items()} == {0: "sent", 1: "sent"}


async def test_a_terminal_chat_reaches_only_its_own_user(sqlite_database: Database) -> None:
    siti, budi = await add_members(sqlite_database, 2, chat_channel="terminal")
    await _due(sqlite_database, siti, 0)
    await _due(sqlite_database, budi, 1)
    terminal = RecordingSender(channel="terminal")
    only_siti = {"terminal": frozenset({"chat0"})}
    at_sitis = make_dispatcher(sqlite_database, ManualClock(NOW), terminal, only_chats=only_siti)

    assert await at_sitis.run_once() == 1
    assert terminal.sent[0][0] == "chat0"
    assert (await _rows(sqlite_database))[1].attempts == 0, "Budi's message is not touched"


async def test_a_message_nobody_can_carry_is_given_up_by_any_dispatcher(
    database: Database,
) -> None:
    [member_id] = await add_members(database, chat_channel="test")
    await _move_chat(database, member_id, "telegram", unreachable_at=NOW)  # blocked the bot
    await _due(database, member_id, 0)
    await make_dispatcher(database, ManualClock(NOW), RecordingSender()).run_once()
    given_up = (await _rows(database))[0]
    assert (given_up.status, given_up.last_error) == ("undeliverable", "no reachable channel")


async def test_what_my_channel_cannot_carry_is_handed_to_the_members_other_channel(
    database: Database,
) -> None:
    [member_id] = await add_members(database, chat_channel="whatsapp")
    await _add_chat(database, member_id, "telegram", "7301")  # used less recently
    await _due(database, member_id, 0)
    clock = ManualClock(NOW)
    closed = RecordingSender(NoRoute("outside the 24-hour window"), channel="whatsapp")
    whatsapp_only = make_dispatcher(database, clock, closed)

    await whatsapp_only.run_once()
    handed = (await _rows(database))[0]
    assert (handed.status, handed.route, handed.claimed_by) == ("pending", "telegram", None)
    assert await whatsapp_only.run_once() == 0, "not taken back by a dispatcher that cannot"

    telegram = RecordingSender(channel="telegram")
    await make_dispatcher(database, clock, telegram, worker="w2").run_once()
    sent = (await _rows(database))[0]
    assert telegram.sent[0][0] == "7301"
    assert (sent.status, sent.channel) == ("sent", "telegram")


async def test_what_no_chat_of_the_member_can_carry_is_given_up(database: Database) -> None:
    [member_id] = await add_members(database, chat_channel="whatsapp")
    await _due(database, member_id, 0)
    closed = RecordingSender(NoRoute("outside the 24-hour window"), channel="whatsapp")
    await make_dispatcher(database, ManualClock(NOW), closed).run_once()
    given_up = (await _rows(database))[0]
    assert given_up.status == "undeliverable"
    assert given_up.last_error == "whatsapp: outside the 24-hour window"


async def test_each_outcome_is_recorded_as_soon_as_it_is_known(database: Database) -> None:
    quick, slow = await add_members(database, 2, chat_channel="test")
    await _due(database, quick, 0)
    await _due(database, slow, 1)
    sender = RecordingSender()
    sender.hang_chats = {"chat1"}
    sending = asyncio.create_task(make_dispatcher(database, ManualClock(NOW), sender).run_once())
    for _tick in range(200):  # bounded: until the quick one's outcome is in the database
        rows = await _rows(database)
        if rows[0].status == "sent":
            break
        await asyncio.sleep(0.01)
    assert (rows[0].status, rows[1].status) == ("sent", "pending"), "not waiting for the slow"
    sender.hang.set()
    await sending
    assert {n: m.status for n, m in (await _rows(database)).items()} == {0: "sent", 1: "sent"}


async def test_a_message_whose_claim_ran_out_is_not_sent(sqlite_database: Database) -> None:
    [member_id] = await add_members(sqlite_database, chat_channel="test")
    await _due(sqlite_database, member_id, 0)
    await _due(sqlite_database, member_id, 1)
    clock = ManualClock(NOW)
    sender = RecordingSender()
    sender.hanging = True
    dispatcher = make_dispatcher(sqlite_database, clock, sender)
    sending = asyncio.create_task(dispatcher.run_once())
    await asyncio.wait_for(sender.asked.wait(), 5)
    clock.advance(LEASE)  # the second one waits behind the first, for the same chat
    sender.hang.set()
    await sending
    assert [reply.text for _chat, reply in sender.sent] == ["pesan 0"]
    assert (await _rows(sqlite_database))[1].status == "pending"

    clock.advance(timedelta(seconds=1))  # its claim has run out: claimed again, sent
    await dispatcher.run_once()
    assert [reply.text for _chat, reply in sender.sent] == ["pesan 0", "pesan 1"]
