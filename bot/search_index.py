"""The full-text index over listings: database objects that are not models.

SQLite gets an external-content FTS5 table over `listings.search_name` and
`listings.search_text`, kept in step by three triggers; PostgreSQL gets a GIN index over
`to_tsvector('simple', …)` of the same columns. Neither is a table SQLAlchemy models, so
`bot.models` creates them after `listings` (`install`), migration 0013 creates the same
objects in its own frozen copy of this SQL, and the schema comparison (Alembic's
`include_object`, in `bot/migrations/env.py` and the migration test) leaves out exactly
the objects named in `SEARCH_OBJECTS`. A test checks that the migrated database and
`create_all` hold the same SQL for them.
"""

from __future__ import annotations

from sqlalchemy import DDL, Table, event

FTS_TABLE = "listings_fts"
"""The SQLite FTS5 table; its rowid is `listings.id`."""
FTS_SHADOW_TABLES = tuple(
    f"{FTS_TABLE}_{suffix}" for suffix in ("data", "idx", "docsize", "config")
)
"""The tables FTS5 creates for itself beside `listings_fts`."""
FTS_TRIGGERS = ("listings_fts_insert", "listings_fts_delete", "listings_fts_update")
GIN_INDEX = "ix_listings_search_vector"
"""PostgreSQL's index over the listing's words."""

SEARCH_TABLES = frozenset({FTS_TABLE, *FTS_SHADOW_TABLES})
SEARCH_OBJECTS = frozenset({*SEARCH_TABLES, *FTS_TRIGGERS, GIN_INDEX})
"""Everything here that a schema comparison with the models must leave out."""

POSTGRES_VECTOR = "to_tsvector('simple'::regconfig, search_name || ' ' || search_text)"
"""The indexed expression; queries must spell it the same to use the index."""

SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "search_name, search_text, content='listings', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
    f"CREATE TRIGGER {FTS_TRIGGERS[0]} AFTER INSERT ON listings BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, search_name, search_text) "
    "VALUES (new.id, new.search_name, new.search_text); END",
    f"CREATE TRIGGER {FTS_TRIGGERS[1]} AFTER DELETE ON listings BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_name, search_text) "
    "VALUES ('delete', old.id, old.search_name, old.search_text); END",
    f"CREATE TRIGGER {FTS_TRIGGERS[2]} AFTER UPDATE OF search_name, search_text ON listings "
    f"BEGIN INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_name, search_text) "
    "VALUES ('delete', old.id, old.search_name, old.search_text); "
    f"INSERT INTO {FTS_TABLE}(rowid, search_name, search_text) "
    "VALUES (new.id, new.search_name, new.search_text); END",
)
SQLITE_DROP = (
    *(f"DROP TRIGGER IF EXISTS {trigger}" for trigger in FTS_TRIGGERS),
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)
POSTGRES_CREATE = (f"CREATE INDEX {GIN_INDEX} ON listings USING gin ({POSTGRES_VECTOR})",)
POSTGRES_DROP = (f"DROP INDEX IF EXISTS {GIN_INDEX}",)


def install(listings: Table) -> None:
    """Create the search objects whenever `create_all` creates the listings table."""
    for statement in SQLITE_CREATE:
        event.listen(listings, "after_create", _ddl(statement, "sqlite"))
    for statement in POSTGRES_CREATE:
        event.listen(listings, "after_create", _ddl(statement, "postgresql"))
    for statement in SQLITE_DROP:
        event.listen(listings, "before_drop", _ddl(statement, "sqlite"))


def _ddl(statement: str, dialect: str) -> DDL:
    """The statement, run only on `dialect`."""
    ddl = DDL(statement)  # type: ignore[no-untyped-call]
    return ddl.execute_if(dialect=dialect)


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Alembic's filter: compare everything but the search objects, which are no models."""
    return name not in SEARCH_OBJECTS
