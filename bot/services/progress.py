"""A member's 7 PAS path, derived from what they have actually done.

    P1 Pendaftaran        registered (a member row)
    P2 Pelatihan          attended a training, clinic or meet-up (not a P3 session)
    P3 Pendampingan       attended a mentoring (P3) session
    P4 Perizinan          recorded their NIB
    P5 Pemasaran          a `member_progress` row, written by whatever puts a listing live
    P6 Laporan keuangan   bookkeeping records in three different months
    P7 Akses permodalan   a financing request referred to a lender (or approved)

Each step is done when its record says so, or when a `member_progress` row says it was
done (rows are written as steps complete, and they outlive the records: a member who
deletes their data keeps only these anonymous rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.bookkeeping_summary import first_of_month
from bot.db import dialect_insert
from bot.models import (
    Booking,
    BookkeepingEntry,
    CoachingSession,
    FinancingRequest,
    Member,
    MemberProgress,
)
from bot.vocabulary import REFERRED_FINANCING_STATUSES, PasStep, Topic

BOOKKEEPING_MONTHS_FOR_P6 = 3
"""Months with records a lender asks for, and that complete P6."""


@dataclass(frozen=True)
class Progress:
    """Which 7 PAS steps a member has done, and the figures behind the open ones."""

    done: frozenset[PasStep]
    bookkeeping_months: int
    """How many different months have bookkeeping records (P6 needs three)."""
    nib: str | None

    def is_done(self, step: PasStep) -> bool:
        """Whether `step` is done."""
        return step in self.done

    @property
    def open_steps(self) -> tuple[PasStep, ...]:
        """The steps still to do, in programme order."""
        return tuple(step for step in PasStep if step not in self.done)


NOT_REGISTERED = Progress(done=frozenset(), bookkeeping_months=0, nib=None)
"""Someone who has not registered yet: every step is open."""


async def record_step(session: AsyncSession, member_id: int, step: PasStep, now: datetime) -> bool:
    """Note that a member completed `step`; True if it was not noted before."""
    statement = (
        dialect_insert(session, MemberProgress)
        .values(member_id=member_id, step=step, done_at=now)
        .on_conflict_do_nothing(index_elements=["member_id", "step"])
    )
    result = await session.execute(statement)
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def months_with_records(session: AsyncSession, member_id: int) -> int:
    """How many different months hold at least one of the member's bookkeeping entries."""
    days = await session.scalars(
        select(BookkeepingEntry.entry_date)
        .where(BookkeepingEntry.member_id == member_id)
        .distinct()
    )
    return len({first_of_month(day) for day in days})


async def progress_of(session: AsyncSession, member: Member) -> Progress:
    """The member's path, from their records and the rows of steps already noted."""
    noted = set(
        await session.scalars(
            select(MemberProgress.step).where(MemberProgress.member_id == member.id)
        )
    )
    topics = set(
        await session.scalars(
            select(CoachingSession.topic)
            .join(Booking, Booking.session_id == CoachingSession.id)
            .where(Booking.member_id == member.id, Booking.attended.is_(True))
            .distinct()
        )
    )
    referred = await session.scalar(
        select(FinancingRequest.id)
        .where(
            FinancingRequest.member_id == member.id,
            FinancingRequest.status.in_(REFERRED_FINANCING_STATUSES),
        )
        .limit(1)
    )
    months = await months_with_records(session, member.id)
    derived = {
        PasStep.P1: member.deleted_at is None,
        PasStep.P2: bool(topics - {Topic.P3}),
        PasStep.P3: Topic.P3 in topics,
        PasStep.P4: member.nib is not None,
        PasStep.P6: months >= BOOKKEEPING_MONTHS_FOR_P6,
        PasStep.P7: referred is not None,
    }
    done = noted | {step for step, is_done in derived.items() if is_done}
    return Progress(done=frozenset(done), bookkeeping_months=months, nib=member.nib)
