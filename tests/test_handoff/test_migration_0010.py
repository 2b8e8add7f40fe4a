"""Revision 0010 down again: outbox rows addressed to a chat go, the member's stay."""

from __future__ import annotations

import asyncio

from alembic import command
from sqlalchemy import inspect, text

from bot.migrations import alembic_config, upgrade_database
from tests.conftest import DatabaseTarget
from tests.factories import NOW

_ROW = (
    "INSERT INTO outbox_messages (member_id, recipient_channel, recipient_external_id, kind,"
    " payload, dedupe_key, due_at, status, attempts, created_at)"
    " VALUES (:member, :channel, :external, 'reminder', '{}', :key, :now, 'pending', 0, :now)"
)


async def test_downgrading_0010_keeps_members_messages_only(empty_database: DatabaseTarget) -> None:
    await upgrade_database(empty_database.url, **empty_database.engine_options)
    database = empty_database.database()
    now = NOW.replace(tzinfo=None)
    try:
        async with database.transaction() as session:
            await session.execute(
                text(
                    "INSERT INTO members (id, kecamatan_code, business_status, sector, language,"
                    " registered_at) VALUES (1, '31.74.01', 'idea', 'jasa', 'id', :now)"
                ),
                {"now": now},
            )
            for member, channel, external, key in (
                (1, None, None, "to-member"),
                (None, "telegram", "999", "to-admin"),
            ):
                await session.execute(
                    text(_ROW),
                    {
                        "member": member,
                        "channel": channel,
                        "external": external,
                        "key": key,
                        "now": now,
                    },
                )
        config = alembic_config(empty_database.url, **empty_database.engine_options)
        await asyncio.to_thread(command.downgrade, config, "0006")
        async with database.transaction() as session:
            keys = (await session.scalars(text("SELECT dedupe_key FROM outbox_messages"))).all()
            tables = await session.run_sync(
                lambda sync: set(inspect(sync.connection()).get_table_names())
            )
    finally:
        await database.dispose()
    assert keys == ["to-member"]
    assert "handoff_questions" not in tables and "staff_faq_entries" not in tables
