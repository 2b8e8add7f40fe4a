"""Words matched in the database's own full-text index, on SQLite and PostgreSQL alike.

The query's words are folded as the listings' were (`bot.catalog_search`), so `kripik`
finds `keripik` and `baladoo` finds `balado`; every word must match, each as a prefix.
SQLite answers from the FTS5 table (ranked by bm25, a match in the name weighing four
times one in the rest); PostgreSQL from the GIN index over the same words (listings
whose name matches first). Neither scans the listings; ties go newest first.
"""

from __future__ import annotations

from typing import Any, TypeVarTuple

from sqlalchemy import Select, bindparam, column, literal_column, table, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from bot.catalog_search import fts5_query, tsquery
from bot.models import Listing
from bot.search_index import FTS_TABLE

Ts = TypeVarTuple("Ts")

NAME_WEIGHT = 4.0
"""bm25 weight of a match in the name against one in the description and the rest."""


def matching(
    session: AsyncSession, statement: Select[*Ts], terms: tuple[str, ...]
) -> tuple[Select[*Ts], list[Any]]:
    """The statement narrowed to listings matching every term, and the order to rank by."""
    if session.get_bind().dialect.name == "sqlite":
        return _sqlite(statement, terms)
    return _postgresql(statement, terms)


def _sqlite(statement: Select[*Ts], terms: tuple[str, ...]) -> tuple[Select[*Ts], list[Any]]:
    fts = table(FTS_TABLE, column("rowid"), column(FTS_TABLE))
    narrowed = statement.join(fts, fts.c.rowid == Listing.id).where(
        fts.c[FTS_TABLE].op("MATCH")(bindparam("fts_query", fts5_query(terms)))
    )
    rank: ColumnElement[Any] = literal_column(f"bm25({FTS_TABLE}, {NAME_WEIGHT}, 1.0)")
    return narrowed, [rank]


def _postgresql(statement: Select[*Ts], terms: tuple[str, ...]) -> tuple[Select[*Ts], list[Any]]:
    query = text("to_tsquery('simple', :ts_query)").bindparams(ts_query=tsquery(terms))
    vector: ColumnElement[Any] = literal_column(
        "to_tsvector('simple'::regconfig, listings.search_name || ' ' || listings.search_text)"
    )
    name_vector: ColumnElement[Any] = literal_column(
        "to_tsvector('simple'::regconfig, listings.search_name)"
    )
    matches: ColumnElement[bool] = vector.op("@@")(query)
    in_name: ColumnElement[bool] = name_vector.op("@@")(query)
    # Ranking by ts_rank would rebuild every match's whole vector; the name alone is short.
    return statement.where(matches), [in_name.desc()]
