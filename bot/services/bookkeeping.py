"""A member's books (7 PAS P6): entries saved, undone, corrected, and added up by month.

An entry is dated by the day in Jakarta it was recorded. Records in three different months
complete P6, the record lenders ask for; `Saved.p6_done` says when an entry did that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.bookkeeping_input import BookEntry
from bot.bookkeeping_summary import (
    MonthSummary,
    first_of_month,
    months_back,
    next_month,
    summarise,
)
from bot.clock import JAKARTA
from bot.models import BookkeepingEntry
from bot.services import progress
from bot.vocabulary import PasStep

RECENT_ENTRIES = 8
"""Entries offered for correction: the latest ones, one page of a WhatsApp list."""


@dataclass(frozen=True)
class Saved:
    """An entry was saved; `months` have records now, and P6 may have just been completed."""

    entry: BookkeepingEntry
    months: int
    p6_done: bool


@dataclass(frozen=True)
class Removed:
    """An entry was taken out of the books."""

    entry: BookkeepingEntry


@dataclass(frozen=True)
class Corrected:
    """An entry now says what the member corrected it to."""

    entry: BookkeepingEntry


@dataclass(frozen=True)
class NotFound:
    """No such entry in this member's books (or it was removed meanwhile)."""


def jakarta_day(moment: datetime) -> date:
    """The date in Jakarta at `moment`."""
    return moment.astimezone(JAKARTA).date()


async def add_entry(
    session: AsyncSession, member_id: int, entry: BookEntry, now: datetime
) -> Saved:
    """Save one entry dated today (Jakarta); P6 is noted when it makes the third month."""
    row = BookkeepingEntry(
        member_id=member_id,
        kind=entry.kind,
        category=entry.category,
        amount=entry.amount,
        note=entry.note,
        entry_date=jakarta_day(now),
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    await session.flush()
    months = await progress.months_with_records(session, member_id)
    p6_done = False
    if months >= progress.BOOKKEEPING_MONTHS_FOR_P6:
        p6_done = await progress.record_step(session, member_id, PasStep.P6, now)
    return Saved(row, months, p6_done)


async def last_entry(session: AsyncSession, member_id: int) -> BookkeepingEntry | None:
    """The entry saved most recently."""
    latest = await recent_entries(session, member_id, limit=1)
    return latest[0] if latest else None


async def recent_entries(
    session: AsyncSession, member_id: int, *, limit: int = RECENT_ENTRIES
) -> Sequence[BookkeepingEntry]:
    """The latest entries, newest first."""
    query = (
        select(BookkeepingEntry)
        .where(BookkeepingEntry.member_id == member_id)
        .order_by(BookkeepingEntry.created_at.desc(), BookkeepingEntry.id.desc())
        .limit(limit)
    )
    return (await session.scalars(query)).all()


async def entry_of(session: AsyncSession, member_id: int, entry_id: int) -> BookkeepingEntry | None:
    """The member's own entry with this id."""
    row = await session.get(BookkeepingEntry, entry_id)
    return row if row is not None and row.member_id == member_id else None


async def remove_entry(session: AsyncSession, member_id: int, entry_id: int) -> Removed | NotFound:
    """Take one of the member's entries out of the books."""
    row = await entry_of(session, member_id, entry_id)
    if row is None:
        return NotFound()
    await session.execute(delete(BookkeepingEntry).where(BookkeepingEntry.id == row.id))
    return Removed(row)


async def correct_entry(
    session: AsyncSession, member_id: int, entry_id: int, entry: BookEntry, now: datetime
) -> Corrected | NotFound:
    """Replace what an entry says; it keeps its date."""
    row = await entry_of(session, member_id, entry_id)
    if row is None:
        return NotFound()
    row.kind = entry.kind
    row.category = entry.category
    row.amount = entry.amount
    row.note = entry.note
    row.updated_at = now
    return Corrected(row)


async def entries_between(
    session: AsyncSession, member_id: int, first: date, last: date
) -> Sequence[BookkeepingEntry]:
    """Every entry dated from `first` to `last` (inclusive), oldest first."""
    query = (
        select(BookkeepingEntry)
        .where(
            BookkeepingEntry.member_id == member_id,
            BookkeepingEntry.entry_date >= first,
            BookkeepingEntry.entry_date <= last,
        )
        .order_by(BookkeepingEntry.entry_date, BookkeepingEntry.id)
    )
    return (await session.scalars(query)).all()


async def monthly_summaries(
    session: AsyncSession, member_id: int, last_month: date, count: int
) -> list[MonthSummary]:
    """The totals of `count` months ending with `last_month`'s, oldest first."""
    firsts = months_back(first_of_month(last_month), count)
    last_day = next_month(firsts[-1]) - timedelta(days=1)
    rows = await entries_between(session, member_id, firsts[0], last_day)
    return [
        summarise(
            first,
            (
                (row.kind, row.category, row.amount)
                for row in rows
                if first_of_month(row.entry_date) == first
            ),
        )
        for first in firsts
    ]
