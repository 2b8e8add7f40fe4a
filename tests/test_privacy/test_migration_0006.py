"""Revision 0006 converts what earlier versions kept: ids hashed, bodies emptied, leftovers erased."""

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from alembic import command
from sqlalchemy import text

from bot.event_keys import event_key
from bot.migrations import alembic_config, upgrade_database
from tests.conftest import DatabaseTarget

SECRET = b"test-event-key"
WAMID = "wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABIYFjNFQjA="


async def test_upgrade_hashes_recent_ids_and_erases_what_deletion_left(
    empty_database: DatabaseTarget,
) -> None:
    config = alembic_config(empty_database.url, **empty_database.engine_options)
    await asyncio.to_thread(command.upgrade, config, "0005")
    now = datetime.now(UTC).replace(tzinfo=None)
    database = empty_database.database()
    try:
        async with database.transaction() as session:
            rows: list[tuple[str, dict[str, Any]]] = [
                (
                    "INSERT INTO processed_events (channel, external_id, processed_at)"
                    " VALUES ('whatsapp', :id, :at), ('telegram', '42', :old)",
                    {"id": WAMID, "at": now, "old": now - timedelta(days=30)},
                ),
                (
                    "INSERT INTO inbound_deliveries (id, channel, body, received_at, processed_at)"
                    " VALUES (1, 'whatsapp', :body, :at, :at), (2, 'whatsapp', :body, :at, NULL)",
                    {"body": b'{"from": "6281234567890"}', "at": now},
                ),
                (
                    "INSERT INTO members (id, kecamatan_code, business_status, sector, language,"
                    " registered_at, deleted_at) VALUES (1, '31.74.01', 'idea', 'jasa', 'id',"
                    " :at, :at)",
                    {"at": now},
                ),
                (
                    "INSERT INTO coaching_sessions (id, kind, topic, kecamatan_code, venue_name,"
                    " venue_address, starts_at, ends_at, capacity, seats_taken, status, sequence,"
                    " created_by, created_at, updated_at) VALUES (1, 'clinic', 'P2', '31.74.01',"
                    " 'Aula', 'Jl. Soepomo', :at, :at, 5, 0, 'done', 0, 'test', :at, :at)",
                    {"at": now},
                ),
                (
                    "INSERT INTO bookings (id, session_id, member_id, status, attended,"
                    " created_at, updated_at) VALUES (1, 1, 1, 'booked', true, :at, :at)",
                    {"at": now},
                ),
                (
                    "INSERT INTO feedback (booking_id, rating, comment, created_at)"
                    " VALUES (1, 4, 'Saya Siti, 0812-3456-7890', :at)",
                    {"at": now},
                ),
                (
                    "INSERT INTO outbox_messages (member_id, kind, payload, dedupe_key, due_at,"
                    " status, attempts, created_at) VALUES (1, 'reminder', '{}', 'r:1', :at,"
                    " 'pending', 0, :at)",
                    {"at": now},
                ),
            ]
            for statement, values in rows:
                await session.execute(text(statement), values)

        await upgrade_database(
            empty_database.url, event_key_secret=SECRET, **empty_database.engine_options
        )

        async with database.transaction() as session:
            events = await session.execute(text("SELECT channel, key_hash FROM processed_events"))
            bodies = await session.execute(text("SELECT id, body FROM inbound_deliveries"))
            feedback = await session.execute(text("SELECT rating, comment FROM feedback"))
            outbox = await session.scalar(text("SELECT count(*) FROM outbox_messages"))
            assert events.all() == [("whatsapp", event_key(SECRET, "whatsapp", WAMID))]
            assert sorted((i, bytes(b)) for i, b in bodies) == [
                (1, b""),
                (2, b'{"from": "6281234567890"}'),  # not processed yet: still to be answered
            ]
            assert feedback.all() == [(4, None)]
            assert outbox == 0
    finally:
        await database.dispose()
