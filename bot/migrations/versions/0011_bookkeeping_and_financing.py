"""Members' NIB (P4), their bookkeeping entries (P6) and financing requests (P7).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add `members.nib`, `bookkeeping_entries` and `financing_requests`."""
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("nib", sa.String(length=13), nullable=True))

    op.create_table(
        "bookkeeping_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("category", sa.String(length=24), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("note", sa.String(length=80), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_bookkeeping_entries_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookkeeping_entries")),
    )
    with op.batch_alter_table("bookkeeping_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bookkeeping_entries_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "financing_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("kecamatan_code", sa.String(length=16), nullable=False),
        sa.Column("product_id", sa.String(length=60), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("purpose", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("changed_by", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_financing_requests_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_financing_requests")),
    )
    with op.batch_alter_table("financing_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_financing_requests_kecamatan_code"), ["kecamatan_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_financing_requests_member_id"), ["member_id"], unique=False
        )


def downgrade() -> None:
    """Drop the financing requests, the bookkeeping entries and `members.nib`."""
    with op.batch_alter_table("financing_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_financing_requests_member_id"))
        batch_op.drop_index(batch_op.f("ix_financing_requests_kecamatan_code"))
    op.drop_table("financing_requests")
    with op.batch_alter_table("bookkeeping_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bookkeeping_entries_member_id"))
    op.drop_table("bookkeeping_entries")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("nib")
