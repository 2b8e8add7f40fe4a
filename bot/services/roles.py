"""Staff roles: coordinators (of one kecamatan) and coaches, granted by admins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Member, StaffRole
from bot.vocabulary import StaffRoleName


@dataclass(frozen=True)
class Granted:
    role: StaffRole


@dataclass(frozen=True)
class Revoked:
    role: StaffRoleName


@dataclass(frozen=True)
class NotHeld:
    """The member did not hold that role."""


async def grant_role(
    session: AsyncSession,
    member_id: int,
    role: StaffRoleName,
    *,
    kecamatan_code: str | None,
    granted_by: str,
    now: datetime,
) -> Granted:
    """Give a member a role; granting it again updates its scope (a coordinator moves)."""
    if role == StaffRoleName.COORDINATOR and kecamatan_code is None:
        raise ValueError("a coordinator needs a kecamatan")
    existing = await _held(session, member_id, role)
    if existing is None:
        existing = StaffRole(member_id=member_id, role=role)
        session.add(existing)
    existing.kecamatan_code = kecamatan_code if role == StaffRoleName.COORDINATOR else None
    existing.granted_by = granted_by
    existing.granted_at = now
    await session.flush()
    return Granted(existing)


async def revoke_role(
    session: AsyncSession, member_id: int, role: StaffRoleName
) -> Revoked | NotHeld:
    """Take a role away from a member."""
    existing = await _held(session, member_id, role)
    if existing is None:
        return NotHeld()
    await session.delete(existing)
    return Revoked(role)


async def roles_of(session: AsyncSession, member_id: int) -> list[StaffRole]:
    """Every role a member holds."""
    rows = await session.scalars(
        select(StaffRole).where(StaffRole.member_id == member_id).order_by(StaffRole.role)
    )
    return list(rows)


async def has_role(
    session: AsyncSession,
    member_id: int,
    role: StaffRoleName,
    *,
    kecamatan_code: str | None = None,
) -> bool:
    """Whether a member holds `role` (for a coordinator: of that kecamatan, if given)."""
    held = await _held(session, member_id, role)
    if held is None:
        return False
    return kecamatan_code is None or held.kecamatan_code in (None, kecamatan_code)


async def staff_list(session: AsyncSession) -> list[StaffRole]:
    """All role holders, for the admins' overview."""
    rows = await session.scalars(select(StaffRole).order_by(StaffRole.role, StaffRole.granted_at))
    return list(rows)


async def _held(session: AsyncSession, member_id: int, role: StaffRoleName) -> StaffRole | None:
    query = select(StaffRole).where(StaffRole.member_id == member_id, StaffRole.role == role)
    return (await session.scalars(query)).first()


async def coordinators_of(session: AsyncSession, kecamatan_code: str | None) -> list[int]:
    """The member ids of the coordinators of a kecamatan who have not been forgotten."""
    if kecamatan_code is None:
        return []
    rows = await session.scalars(
        select(StaffRole.member_id)
        .join(Member, Member.id == StaffRole.member_id)
        .where(
            StaffRole.role == StaffRoleName.COORDINATOR,
            StaffRole.kecamatan_code == kecamatan_code,
            Member.deleted_at.is_(None),
        )
        .order_by(StaffRole.member_id)
    )
    return list(rows)
