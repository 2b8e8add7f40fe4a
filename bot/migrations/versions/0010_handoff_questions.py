"""Questions for staff ("Tanya petugas"), FAQ entries staff add, outbox rows to one chat.

Revision ID: 0010
Revises: 0006
Create Date: 2026-12-01 21:28:07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add `handoff_questions` and `staff_faq_entries`; outbox rows may name a chat, not a member."""
    op.create_table(
        "handoff_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("asker_channel", sa.String(length=16), nullable=False),
        sa.Column("asker_external_id", sa.String(length=64), nullable=False),
        sa.Column("kecamatan_code", sa.String(length=16), nullable=True),
        sa.Column("text", sa.String(length=1000), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("asked_at", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("answer", sa.String(length=1000), nullable=True),
        sa.Column("answered_by", sa.String(length=64), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_handoff_questions_member_id_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handoff_questions")),
    )
    with op.batch_alter_table("handoff_questions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_handoff_questions_asked_at"), ["asked_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_handoff_questions_kecamatan_code"), ["kecamatan_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_handoff_questions_member_id"), ["member_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_handoff_questions_status"), ["status"], unique=False)

    op.create_table(
        "staff_faq_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(length=1000), nullable=False),
        sa.Column("answer", sa.String(length=1000), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("source_question_id", sa.Integer(), nullable=True),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_question_id"],
            ["handoff_questions.id"],
            name=op.f("fk_staff_faq_entries_source_question_id_handoff_questions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_faq_entries")),
        sa.UniqueConstraint(
            "source_question_id", name=op.f("uq_staff_faq_entries_source_question_id")
        ),
    )
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recipient_channel", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("recipient_external_id", sa.String(length=64), nullable=True))
        batch_op.alter_column("member_id", existing_type=sa.INTEGER(), nullable=True)


def downgrade() -> None:
    """Drop both tables; outbox rows addressed to a chat, not a member, go with them."""
    op.execute(sa.text("DELETE FROM outbox_messages WHERE member_id IS NULL"))
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.alter_column("member_id", existing_type=sa.INTEGER(), nullable=False)
        batch_op.drop_column("recipient_external_id")
        batch_op.drop_column("recipient_channel")

    op.drop_table("staff_faq_entries")
    with op.batch_alter_table("handoff_questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handoff_questions_status"))
        batch_op.drop_index(batch_op.f("ix_handoff_questions_member_id"))
        batch_op.drop_index(batch_op.f("ix_handoff_questions_kecamatan_code"))
        batch_op.drop_index(batch_op.f("ix_handoff_questions_asked_at"))

    op.drop_table("handoff_questions")
