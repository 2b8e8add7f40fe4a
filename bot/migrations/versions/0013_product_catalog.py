"""The product catalog: listings, their photos, reports, daily counts, and search.

The full-text index is not a model (see `bot/search_index.py`): SQLite gets an
external-content FTS5 table kept in step by triggers, PostgreSQL a GIN index over a
`tsvector`. Its SQL is copied here, frozen, as a revision must not change with the code.

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-01 21:18:50
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE listings_fts USING fts5("
    "search_name, search_text, content='listings', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
    "CREATE TRIGGER listings_fts_insert AFTER INSERT ON listings BEGIN "
    "INSERT INTO listings_fts(rowid, search_name, search_text) "
    "VALUES (new.id, new.search_name, new.search_text); END",
    "CREATE TRIGGER listings_fts_delete AFTER DELETE ON listings BEGIN "
    "INSERT INTO listings_fts(listings_fts, rowid, search_name, search_text) "
    "VALUES ('delete', old.id, old.search_name, old.search_text); END",
    "CREATE TRIGGER listings_fts_update AFTER UPDATE OF search_name, search_text ON listings "
    "BEGIN INSERT INTO listings_fts(listings_fts, rowid, search_name, search_text) "
    "VALUES ('delete', old.id, old.search_name, old.search_text); "
    "INSERT INTO listings_fts(rowid, search_name, search_text) "
    "VALUES (new.id, new.search_name, new.search_text); END",
)
SQLITE_SEARCH_DROP = (
    "DROP TRIGGER IF EXISTS listings_fts_insert",
    "DROP TRIGGER IF EXISTS listings_fts_delete",
    "DROP TRIGGER IF EXISTS listings_fts_update",
    "DROP TABLE IF EXISTS listings_fts",
)
POSTGRES_SEARCH = (
    "CREATE INDEX ix_listings_search_vector ON listings USING gin "
    "(to_tsvector('simple'::regconfig, search_name || ' ' || search_text))",
)
POSTGRES_SEARCH_DROP = ("DROP INDEX IF EXISTS ix_listings_search_vector",)


def _execute_for_dialect(sqlite: Sequence[str], postgresql: Sequence[str]) -> None:
    """Run the statements written for the database being migrated."""
    statements = {"sqlite": sqlite, "postgresql": postgresql}[op.get_bind().dialect.name]
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    """Create the catalog's tables and its full-text index."""
    op.create_table(
        "photo_deletions",
        sa.Column("photo_key", sa.String(length=32), nullable=False),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("photo_key", name=op.f("pk_photo_deletions")),
    )
    op.create_table(
        "listings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seller_member_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("price", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=True),
        sa.Column("stock", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(length=1000), nullable=True),
        sa.Column(
            "category",
            sa.Enum(
                "kuliner",
                "camilan",
                "minuman",
                "fesyen",
                "kriya",
                "kecantikan",
                "rumah_tangga",
                "agribisnis",
                "perdagangan",
                "jasa",
                "lainnya",
                name="productcategory",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("kecamatan_code", sa.String(length=16), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "pending_review",
                "live",
                "rejected",
                "sold_out",
                "deleted",
                name="listingstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("rejection_reason", sa.String(length=240), nullable=True),
        sa.Column("show_whatsapp", sa.Boolean(), nullable=False),
        sa.Column("search_name", sa.String(length=400), nullable=False),
        sa.Column("search_text", sa.String(length=2000), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("reviewed_by", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reviewed_by"],
            ["members.id"],
            name=op.f("fk_listings_reviewed_by_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["seller_member_id"],
            ["members.id"],
            name=op.f("fk_listings_seller_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_listings")),
    )
    with op.batch_alter_table("listings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_listings_seller_member_id"), ["seller_member_id"], unique=False
        )
        batch_op.create_index(
            "ix_listings_status_category_published",
            ["status", "category", "published_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_listings_status_kecamatan_published",
            ["status", "kecamatan_code", "published_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_listings_status_published", ["status", "published_at"], unique=False
        )

    op.create_table(
        "listing_daily_counts",
        sa.Column("listing_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("views", sa.Integer(), nullable=False),
        sa.Column("leads", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["listing_id"],
            ["listings.id"],
            name=op.f("fk_listing_daily_counts_listing_id_listings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("listing_id", "day", name=op.f("pk_listing_daily_counts")),
    )
    op.create_table(
        "listing_photos",
        sa.Column("listing_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("photo_key", sa.String(length=32), nullable=False),
        sa.Column("web_width", sa.Integer(), nullable=False),
        sa.Column("web_height", sa.Integer(), nullable=False),
        sa.Column("thumb_width", sa.Integer(), nullable=False),
        sa.Column("thumb_height", sa.Integer(), nullable=False),
        sa.Column("placeholder", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["listing_id"],
            ["listings.id"],
            name=op.f("fk_listing_photos_listing_id_listings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("listing_id", "position", name=op.f("pk_listing_photos")),
        sa.UniqueConstraint(
            "listing_id", "photo_key", name=op.f("uq_listing_photos_listing_id_photo_key")
        ),
    )
    with op.batch_alter_table("listing_photos", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_listing_photos_photo_key"), ["photo_key"], unique=False
        )

    op.create_table(
        "listing_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("listing_id", sa.Integer(), nullable=False),
        sa.Column("reporter", sa.String(length=80), nullable=False),
        sa.Column(
            "reason",
            sa.Enum(
                "scam",
                "prohibited",
                "inappropriate",
                "wrong_info",
                "other",
                name="reportreason",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("cleared_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["listing_id"],
            ["listings.id"],
            name=op.f("fk_listing_reports_listing_id_listings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_listing_reports")),
        sa.UniqueConstraint(
            "listing_id", "reporter", name=op.f("uq_listing_reports_listing_id_reporter")
        ),
    )
    _execute_for_dialect(SQLITE_SEARCH, POSTGRES_SEARCH)


def downgrade() -> None:
    """Drop the full-text index and the catalog's tables."""
    _execute_for_dialect(SQLITE_SEARCH_DROP, POSTGRES_SEARCH_DROP)
    op.drop_table("listing_reports")
    with op.batch_alter_table("listing_photos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_listing_photos_photo_key"))

    op.drop_table("listing_photos")
    op.drop_table("listing_daily_counts")
    with op.batch_alter_table("listings", schema=None) as batch_op:
        batch_op.drop_index("ix_listings_status_published")
        batch_op.drop_index("ix_listings_status_kecamatan_published")
        batch_op.drop_index("ix_listings_status_category_published")
        batch_op.drop_index(batch_op.f("ix_listings_seller_member_id"))

    op.drop_table("listings")
    op.drop_table("photo_deletions")
