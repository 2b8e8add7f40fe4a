"""Outbox rows name the booking they are about, so reminders are withdrawn by booking.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_outbox = sa.table(
    "outbox_messages",
    sa.column("id", sa.Integer()),
    sa.column("payload", sa.JSON()),
    sa.column("booking_id", sa.Integer()),
)


def upgrade() -> None:
    """Add `outbox_messages.booking_id`, filled from each row's payload."""
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("booking_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_outbox_messages_booking_id"), ["booking_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_outbox_messages_booking_id_bookings"),
            "bookings",
            ["booking_id"],
            ["id"],
            ondelete="CASCADE",
        )
    connection = op.get_bind()
    for row_id, payload in connection.execute(sa.select(_outbox.c.id, _outbox.c.payload)):
        booking_id = (payload or {}).get("booking_id")
        if isinstance(booking_id, int):
            connection.execute(
                _outbox.update().where(_outbox.c.id == row_id).values(booking_id=booking_id)
            )


def downgrade() -> None:
    """Drop `outbox_messages.booking_id` (the payload still holds it)."""
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_outbox_messages_booking_id_bookings"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_outbox_messages_booking_id"))
        batch_op.drop_column("booking_id")
