"""De-duplication records: kept as keyed hashes, bodies emptied once processed, old ones pruned."""

from datetime import timedelta

from sqlalchemy import func, select

from bot.clock import ManualClock
from bot.db import Database
from bot.inbox import DatabaseInbox
from bot.models import InboundDelivery, ProcessedEvent
from tests.transcript import START, Person, make_engine
from wiring.housekeeping import Housekeeper

RETENTION = timedelta(days=7)


async def _count(db: Database, model: type[ProcessedEvent] | type[InboundDelivery]) -> int:
    async with db.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_processed_events_are_kept_as_keyed_hashes_and_still_deduplicate(
    database: Database,
) -> None:
    engine = make_engine(database)
    siti = Person(engine, "6281234567890", channel="whatsapp")
    event = siti.event(text="halo", event_id="wamid.SECRET-6281234567890")
    assert await siti.send(event)
    assert await siti.send(event) == []  # the same id again: skipped
    async with database.transaction() as session:
        [key] = await session.scalars(select(ProcessedEvent.key_hash))
    assert len(key) == 64 and "6281234567890" not in key


async def test_a_processed_delivery_keeps_no_body(database: Database) -> None:
    inbox = DatabaseInbox(database, ManualClock(START), "whatsapp")
    delivery_id = await inbox.record(b'{"from": "6281234567890", "text": "Siti Aminah"}')
    await inbox.done(delivery_id)
    async with database.transaction() as session:
        delivery = await session.get(InboundDelivery, delivery_id)
    assert delivery is not None and delivery.body == b"" and delivery.processed_at is not None
    assert await inbox.pending() == []


async def test_old_records_are_pruned_in_bounded_batches(database: Database) -> None:
    clock = ManualClock(START)
    engine = make_engine(database, clock=clock)
    inbox = DatabaseInbox(database, clock, "whatsapp")
    for n in range(5):
        await Person(engine, f"old{n}").says("halo")
        await inbox.done(await inbox.record(b"{}"))
    clock.advance(RETENTION - timedelta(hours=1))
    await Person(engine, "recent").says("halo")
    await inbox.done(await inbox.record(b"{}"))
    unprocessed = await inbox.record(b"{}")
    clock.advance(timedelta(hours=2))  # the first five are now older than the retention

    keeper = Housekeeper(database, clock, retention=RETENTION, batch_size=2, max_batches=2)
    assert await keeper.run_once() == 8  # two batches of two events and two deliveries
    assert await _count(database, ProcessedEvent) == 2
    assert await keeper.run_once() == 2
    assert await keeper.run_once() == 0
    assert await _count(database, ProcessedEvent) == 1  # the recent one stays
    assert await _count(database, InboundDelivery) == 2  # the recent one and the pending one
    assert [delivery_id for delivery_id, _body in await inbox.pending()] == [unprocessed]
