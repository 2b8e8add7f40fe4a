"""The engine's note of the question last asked moves out of the flow's data.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 21:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ENGINE_KEYS = ("_page", "_shown", "_labels", "_contact")
"""Where the engine kept its note inside `data` before this revision."""

_accounts = sa.table(
    "channel_accounts",
    sa.column("id", sa.Integer()),
    sa.column("data", sa.JSON()),
    sa.column("prompt", sa.JSON()),
)


def upgrade() -> None:
    """Add `channel_accounts.prompt`, moving the engine's keys there from `data`."""
    with op.batch_alter_table("channel_accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prompt", sa.JSON(), nullable=True))
    connection = op.get_bind()
    for row_id, data in connection.execute(sa.select(_accounts.c.id, _accounts.c.data)):
        data = dict(data or {})
        prompt = {key.removeprefix("_"): data.pop(key) for key in ENGINE_KEYS if key in data}
        connection.execute(
            _accounts.update().where(_accounts.c.id == row_id).values(data=data, prompt=prompt)
        )
    with op.batch_alter_table("channel_accounts", schema=None) as batch_op:
        batch_op.alter_column("prompt", existing_type=sa.JSON(), nullable=False)


def downgrade() -> None:
    """Fold the engine's note back into `data` and drop `prompt`."""
    connection = op.get_bind()
    rows = connection.execute(sa.select(_accounts.c.id, _accounts.c.data, _accounts.c.prompt))
    for row_id, data, prompt in rows:
        merged = {**(data or {}), **{f"_{key}": value for key, value in (prompt or {}).items()}}
        connection.execute(_accounts.update().where(_accounts.c.id == row_id).values(data=merged))
    with op.batch_alter_table("channel_accounts", schema=None) as batch_op:
        batch_op.drop_column("prompt")
