"""De-duplication records without personal data; leftovers of deleted members erased.

Processed event ids become keyed hashes (`processed_events.key_hash`, see
`bot.event_keys`); processed webhook bodies are emptied; records older than the
default retention (7 days) go. Members deleted before this revision lose their feedback
comments and outbox rows, which deletion used to leave behind.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08 10:00:00
"""

import hashlib
import hmac
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import context, op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RETENTION = timedelta(days=7)
"""The default `OKOCE_DEDUPE_RETENTION_DAYS`: older records are dropped, not converted."""

_events = sa.table(
    "processed_events",
    sa.column("channel", sa.String()),
    sa.column("external_id", sa.String()),
    sa.column("key_hash", sa.String()),
    sa.column("processed_at", sa.DateTime()),
)
_deliveries = sa.table(
    "inbound_deliveries",
    sa.column("body", sa.LargeBinary()),
    sa.column("processed_at", sa.DateTime()),
)
_members = sa.table("members", sa.column("id", sa.Integer()), sa.column("deleted_at"))
_bookings = sa.table("bookings", sa.column("id", sa.Integer()), sa.column("member_id"))
_feedback = sa.table("feedback", sa.column("booking_id"), sa.column("comment", sa.String()))
_outbox = sa.table("outbox_messages", sa.column("member_id"))


def _event_key_secret() -> bytes:
    """The key the running bot hashes with: given by `upgrade_database`, else the settings."""
    given: bytes | None = context.config.attributes.get("event_key_secret")
    if given is not None:
        return given
    from bot.config import Settings

    return Settings().effective_event_key_secret


def _key(secret: bytes, channel: str, event_id: str) -> str:
    """`bot.event_keys.event_key` as of this revision."""
    return hmac.new(secret, f"{channel}\x00{event_id}".encode(), hashlib.sha256).hexdigest()


def upgrade() -> None:
    """Hash recent event ids, drop old ones, empty processed bodies, erase leftovers."""
    connection = op.get_bind()
    cutoff = datetime.now(UTC).replace(tzinfo=None) - RETENTION
    recent = connection.execute(
        sa.select(_events.c.channel, _events.c.external_id, _events.c.processed_at).where(
            _events.c.processed_at >= cutoff
        )
    ).all()
    connection.execute(_events.delete())
    with op.batch_alter_table("processed_events", schema=None) as batch_op:
        batch_op.alter_column(
            "external_id",
            new_column_name="key_hash",
            existing_type=sa.String(length=128),
            type_=sa.String(length=64),
            existing_nullable=False,
        )
    if recent:
        secret = _event_key_secret()
        rows = {
            (channel, _key(secret, channel, event_id)): processed_at
            for channel, event_id, processed_at in recent
        }
        connection.execute(
            _events.insert(),
            [
                {"channel": channel, "key_hash": key, "processed_at": at}
                for (channel, key), at in rows.items()
            ],
        )
    processed = _deliveries.c.processed_at.is_not(None)
    connection.execute(_deliveries.delete().where(_deliveries.c.processed_at < cutoff))
    connection.execute(_deliveries.update().where(processed).values(body=b""))
    deleted_members = sa.select(_members.c.id).where(_members.c.deleted_at.is_not(None))
    their_bookings = sa.select(_bookings.c.id).where(_bookings.c.member_id.in_(deleted_members))
    connection.execute(
        _feedback.update().where(_feedback.c.booking_id.in_(their_bookings)).values(comment=None)
    )
    connection.execute(_outbox.delete().where(_outbox.c.member_id.in_(deleted_members)))


def downgrade() -> None:
    """Back to `external_id`; the hashes cannot be turned back into ids, so they go."""
    connection = op.get_bind()
    connection.execute(_events.delete())
    with op.batch_alter_table("processed_events", schema=None) as batch_op:
        batch_op.alter_column(
            "key_hash",
            new_column_name="external_id",
            existing_type=sa.String(length=64),
            type_=sa.String(length=128),
            existing_nullable=False,
        )
