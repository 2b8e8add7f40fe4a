"""Initial schema.

Members, their 7 PAS progress and staff roles, channel accounts with conversation state,
member number counters, and processed platform events.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 00:29:20.854673
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create every table of bot.models as of this revision."""
    op.create_table(
        "member_number_counters",
        sa.Column("kecamatan_code", sa.String(length=16), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kecamatan_code", name=op.f("pk_member_number_counters")),
    )
    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_number", sa.String(length=32), nullable=True),
        sa.Column("full_name", sa.String(length=120), nullable=True),
        sa.Column("phone_e164", sa.String(length=20), nullable=True),
        sa.Column("kecamatan_code", sa.String(length=16), nullable=False),
        sa.Column("kelurahan_code", sa.String(length=20), nullable=True),
        sa.Column("business_status", sa.String(length=16), nullable=False),
        sa.Column("business_name", sa.String(length=120), nullable=True),
        sa.Column("sector", sa.String(length=24), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("consent_at", sa.DateTime(), nullable=True),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members")),
        sa.UniqueConstraint("member_number", name=op.f("uq_members_member_number")),
        sa.UniqueConstraint("phone_e164", name=op.f("uq_members_phone_e164")),
    )
    op.create_index(op.f("ix_members_kecamatan_code"), "members", ["kecamatan_code"], unique=False)
    op.create_table(
        "processed_events",
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column("processed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("channel", "external_id", name=op.f("pk_processed_events")),
    )
    op.create_index(
        op.f("ix_processed_events_processed_at"),
        "processed_events",
        ["processed_at"],
        unique=False,
    )
    op.create_table(
        "channel_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("external_id", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("flow", sa.String(length=32), nullable=True),
        sa.Column("step", sa.String(length=32), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("state_version", sa.Integer(), nullable=False),
        sa.Column("last_inbound_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_channel_accounts_member_id_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel_accounts")),
        sa.UniqueConstraint(
            "channel", "external_id", name=op.f("uq_channel_accounts_channel_external_id")
        ),
    )
    op.create_index(
        op.f("ix_channel_accounts_member_id"), "channel_accounts", ["member_id"], unique=False
    )
    op.create_table(
        "member_progress",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=4), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_member_progress_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("member_id", "step", name=op.f("pk_member_progress")),
    )
    op.create_table(
        "staff_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("kecamatan_code", sa.String(length=16), nullable=True),
        sa.Column("granted_by", sa.String(length=64), nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_staff_roles_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_roles")),
        sa.UniqueConstraint("member_id", "role", name=op.f("uq_staff_roles_member_id_role")),
    )


def downgrade() -> None:
    """Drop every table, children before parents."""
    op.drop_table("staff_roles")
    op.drop_table("member_progress")
    op.drop_index(op.f("ix_channel_accounts_member_id"), table_name="channel_accounts")
    op.drop_table("channel_accounts")
    op.drop_index(op.f("ix_processed_events_processed_at"), table_name="processed_events")
    op.drop_table("processed_events")
    op.drop_index(op.f("ix_members_kecamatan_code"), table_name="members")
    op.drop_table("members")
    op.drop_table("member_number_counters")
