"""Members: registration (7 PAS step P1) and profile changes (deletion: `erasure`).

A phone number is not unique to one member: a household often shares one phone,
so a second person may register with a number already on file.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import dialect_insert
from bot.models import Member, MemberNumberCounter, MemberProgress
from bot.vocabulary import BusinessStatus, PasStep, Sector


@dataclass(frozen=True)
class MemberDetails:
    """What a person tells us when registering (or changes later)."""

    full_name: str
    phone_e164: str
    kecamatan_code: str
    kelurahan_code: str
    business_status: BusinessStatus
    business_name: str | None
    sector: Sector
    language: str


@dataclass(frozen=True)
class Registered:
    member: Member


@dataclass(frozen=True)
class Updated:
    member: Member


async def register_member(
    session: AsyncSession, details: MemberDetails, now: datetime
) -> Registered:
    """Create a member with a fresh member number and record P1 (Pendaftaran) done."""
    sequence = await _next_member_sequence(session, details.kecamatan_code)
    member = Member(
        member_number=format_member_number(details.kecamatan_code, sequence),
        consent_at=now,
        registered_at=now,
        **dataclasses.asdict(details),
    )
    session.add(member)
    await session.flush()
    session.add(MemberProgress(member_id=member.id, step=PasStep.P1, done_at=now))
    return Registered(member)


async def update_member(session: AsyncSession, member: Member, details: MemberDetails) -> Updated:
    """Change a member's details."""
    for field, value in dataclasses.asdict(details).items():
        setattr(member, field, value)
    await session.flush()
    return Updated(member)


def details_of(member: Member) -> MemberDetails:
    """A member's current details as plain values."""
    values = {
        field.name: getattr(member, field.name) for field in dataclasses.fields(MemberDetails)
    }
    return MemberDetails(**values)


async def completed_steps(session: AsyncSession, member_id: int) -> list[PasStep]:
    """The 7 PAS steps the member has done, in programme order."""
    rows = await session.scalars(
        select(MemberProgress.step).where(MemberProgress.member_id == member_id)
    )
    done = set(rows)
    return [step for step in PasStep if step in done]


async def find_member(session: AsyncSession, reference: str) -> Member | None:
    """An active member by member number (`OK-317401-000123`) or E.164 phone."""
    query = select(Member).where(
        Member.deleted_at.is_(None),
        or_(
            func.upper(Member.member_number) == reference.strip().upper(),
            Member.phone_e164 == reference.strip(),
        ),
    )
    return (await session.scalars(query)).first()


def format_member_number(kecamatan_code: str, sequence: int) -> str:
    """`OK-317401-000123`: the kecamatan code without dots and a running number."""
    return f"OK-{kecamatan_code.replace('.', '')}-{sequence:06d}"


async def members_by_phone(session: AsyncSession, phone_e164: str) -> list[Member]:
    """The members registered with this number, oldest first (erasing a member frees it)."""
    query = select(Member).where(Member.phone_e164 == phone_e164).order_by(Member.id)
    return list((await session.scalars(query)).all())


async def _next_member_sequence(session: AsyncSession, kecamatan_code: str) -> int:
    """Atomically take the next running number for a kecamatan."""
    statement = (
        dialect_insert(session, MemberNumberCounter)
        .values(kecamatan_code=kecamatan_code, last_value=1)
        .on_conflict_do_update(
            index_elements=["kecamatan_code"],
            set_={"last_value": MemberNumberCounter.last_value + 1},
        )
        .returning(MemberNumberCounter.last_value)
    )
    return int((await session.execute(statement)).scalar_one())
