"""Loading a month's schedule from a parsed CSV: all rows, or none."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.schedule_import import RowError, ScheduleImport
from bot.services import coaching, members, roles
from bot.vocabulary import SessionKind, StaffRoleName, Topic


@dataclass(frozen=True)
class ImportResult:
    created: int
    errors: list[RowError] = field(default_factory=list)


async def import_schedule(
    session: AsyncSession, parsed: ScheduleImport, *, created_by: str, now: datetime
) -> ImportResult:
    """Create every parsed session, or none if any row (or coach) is wrong."""
    errors = list(parsed.errors)
    coaches: dict[int, int | None] = {}
    for row in parsed.rows:
        coaches[row.line] = None
        if row.coach_number is None:
            continue
        coach = await members.find_member(session, row.coach_number)
        if coach is None:
            errors.append(RowError(row.line, "coach", f"no member {row.coach_number}"))
        elif not await roles.has_role(session, coach.id, StaffRoleName.COACH):
            errors.append(RowError(row.line, "coach", f"{row.coach_number} is not a coach"))
        else:
            coaches[row.line] = coach.id
    if errors:
        return ImportResult(0, sorted(errors, key=lambda e: e.line))
    for row in parsed.rows:
        draft = coaching.SessionDraft(
            kind=SessionKind(row.kind),
            topic=Topic(row.topic),
            kecamatan_code=row.kecamatan.code,
            venue_name=row.venue_name,
            venue_address=row.venue_address,
            map_url=row.map_url,
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            capacity=row.capacity,
            coach_member_id=coaches[row.line],
        )
        await coaching.create_session(session, draft, created_by=created_by, now=now)
    return ImportResult(len(parsed.rows))
