"""A household may share a phone; chats keep form drafts and the last proactive choices.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """`members.phone_e164` loses its uniqueness (indexed instead); two JSON columns added."""
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_constraint("uq_members_phone_e164", type_="unique")
        batch_op.create_index(batch_op.f("ix_members_phone_e164"), ["phone_e164"], unique=False)
    with op.batch_alter_table("channel_accounts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("drafts", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
        batch_op.add_column(
            sa.Column("proactive", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
    with op.batch_alter_table("channel_accounts", schema=None) as batch_op:
        batch_op.alter_column("drafts", server_default=None)
        batch_op.alter_column("proactive", server_default=None)


def downgrade() -> None:
    """Drop the two columns; make phones unique again (fails while a phone is shared)."""
    with op.batch_alter_table("channel_accounts", schema=None) as batch_op:
        batch_op.drop_column("proactive")
        batch_op.drop_column("drafts")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_members_phone_e164"))
        batch_op.create_unique_constraint("uq_members_phone_e164", ["phone_e164"])
