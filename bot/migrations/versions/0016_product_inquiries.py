"""Buyers ask sellers about a listing through the bot ("Tanya penjual").

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 00:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create `product_inquiries`; the messages travel in outbox rows only."""
    op.create_table(
        "product_inquiries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("listing_id", sa.Integer(), nullable=False),
        sa.Column("seller_member_id", sa.Integer(), nullable=False),
        sa.Column("buyer_member_id", sa.Integer(), nullable=True),
        sa.Column("buyer_channel", sa.String(length=16), nullable=False),
        sa.Column("buyer_external_id", sa.String(length=64), nullable=False),
        sa.Column(
            "status",
            sa.Enum("open", "closed", name="inquirystatus", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("last_message_at", sa.DateTime(), nullable=False),
        sa.Column("messages", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["buyer_member_id"],
            ["members.id"],
            name=op.f("fk_product_inquiries_buyer_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["listing_id"],
            ["listings.id"],
            name=op.f("fk_product_inquiries_listing_id_listings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["seller_member_id"],
            ["members.id"],
            name=op.f("fk_product_inquiries_seller_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_inquiries")),
    )
    with op.batch_alter_table("product_inquiries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_product_inquiries_buyer_opened",
            ["buyer_channel", "buyer_external_id", "opened_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_product_inquiries_buyer_member_id"), ["buyer_member_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_product_inquiries_listing_id"), ["listing_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_product_inquiries_seller_member_id"), ["seller_member_id"], unique=False
        )


def downgrade() -> None:
    """Drop `product_inquiries` (the conversations in it end)."""
    with op.batch_alter_table("product_inquiries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_inquiries_seller_member_id"))
        batch_op.drop_index(batch_op.f("ix_product_inquiries_listing_id"))
        batch_op.drop_index(batch_op.f("ix_product_inquiries_buyer_member_id"))
        batch_op.drop_index("ix_product_inquiries_buyer_opened")
    op.drop_table("product_inquiries")
