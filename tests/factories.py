"""Members and coaching sessions for tests that need them in the database, built one way.

Tests name only what matters to them (`capacity=1`, `kind="training"`); everything
else is a plausible default in Tebet, Jakarta Selatan.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.db import Database
from bot.models import ChannelAccount
from bot.services import coaching, members
from bot.vocabulary import BusinessStatus, Sector, SessionKind, Topic

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


def member_details(n: int = 0, **changes: Any) -> members.MemberDetails:
    """Details of the n-th test member (a distinct phone number each)."""
    details = members.MemberDetails(
        full_name="Siti Aminah",
        phone_e164=f"+6281255{n:06d}",
        kecamatan_code="31.74.01",
        kelurahan_code="31.74.01.1001",
        business_status=BusinessStatus.IDEA,
        business_name=None,
        sector=Sector.JASA,
        language="id",
    )
    return dataclasses.replace(details, **changes)


async def add_members(
    db: Database, count: int = 1, *, chat_channel: str | None = None, now: datetime = NOW
) -> list[int]:
    """Register `count` members; with `chat_channel`, each gets a chat `chat<n>` there."""
    ids = []
    async with db.transaction() as session:
        for n in range(count):
            outcome = await members.register_member(session, member_details(n), now)
            assert isinstance(outcome, members.Registered)
            ids.append(outcome.member.id)
            if chat_channel is not None:
                session.add(
                    ChannelAccount(
                        channel=chat_channel,
                        external_id=f"chat{n}",
                        member_id=outcome.member.id,
                        language="id",
                        data={},
                        state_version=0,
                        updated_at=now,
                        created_at=now,
                    )
                )
    return ids


def session_draft(
    starts_at: datetime, *, hours: float = 2, **changes: Any
) -> coaching.SessionDraft:
    """A coaching clinic at the Tebet kecamatan office, `hours` long."""
    draft = coaching.SessionDraft(
        kind=SessionKind.CLINIC,
        topic=Topic.P2,
        kecamatan_code="31.74.01",
        venue_name="Kantor Kecamatan Tebet",
        venue_address="Jl. Prof. Dr. Soepomo No. 54",
        map_url=None,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        capacity=5,
        coach_member_id=None,
    )
    return dataclasses.replace(draft, **changes)


async def add_session(
    db: Database, starts_at: datetime, *, now: datetime = NOW, hours: float = 2, **changes: Any
) -> int:
    """Schedule a session (see `session_draft`); returns its id."""
    async with db.transaction() as session:
        created = await coaching.create_session(
            session, session_draft(starts_at, hours=hours, **changes), created_by="test", now=now
        )
        return created.id


async def book(
    db: Database,
    session_id: int,
    member_id: int,
    *,
    now: datetime = NOW,
    offsets: tuple[timedelta, ...] = (timedelta(hours=24), timedelta(hours=2)),
    waitlist_if_full: bool = False,
) -> coaching.BookOutcome:
    """One booking attempt in its own transaction."""
    async with db.transaction() as session:
        return await coaching.book_seat(
            session,
            session_id=session_id,
            member_id=member_id,
            now=now,
            reminder_offsets=offsets,
            waitlist_if_full=waitlist_if_full,
        )
